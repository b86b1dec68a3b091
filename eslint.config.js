import { readdirSync } from 'node:fs';
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Which libs each lib may import: only the ones below it (README, "Architecture"), and only by alias.
 * scripts/check-import-boundaries.mjs (part of `npm run lint`) proves the rules refuse wrong imports.
 */
const LIB_LAYERS = {
  core: [],
  genres: ['core'],
  jobs: ['core'],
  security: ['core'],
  users: ['core'],
  auth: ['core', 'users'],
  movies: ['core', 'genres'],
  lists: ['core', 'genres', 'movies'],
  ratings: ['core', 'genres', 'lists', 'movies', 'users'],
  recommendations: ['core', 'genres', 'lists', 'movies', 'ratings'],
  importer: ['core', 'genres', 'lists', 'movies', 'ratings', 'users'],
  evaluation: ['core', 'genres', 'importer', 'lists', 'movies', 'ratings', 'recommendations', 'users'],
};
const unplaced = readdirSync(new URL('./libs', import.meta.url)).filter((lib) => !(lib in LIB_LAYERS));
if (unplaced.length > 0)
  throw new Error(`eslint.config.js: say which libs libs/${unplaced.join(', libs/')} may import (LIB_LAYERS).`);

/** A relative path into apps/, libs/ or some package's src/: another lib's (or an app's) files. */
const INTO_ANOTHER_PACKAGE = {
  regex: '^(\\.\\./)+((apps|libs)/|[\\w-]+/src(/|$))',
  message: 'Import another lib by its alias (@app/x), never by path; libs never import apps.',
};
/** `@app/x/...`: a file inside a lib instead of its public surface. */
const DEEP_ALIAS = { regex: '^@app/[^/]+/', message: "Import a lib's public surface (@app/x), not its files." };

const importBoundaries = [
  ...Object.entries(LIB_LAYERS).map(([lib, below]) => ({
    files: [`libs/${lib}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            INTO_ANOTHER_PACKAGE,
            DEEP_ALIAS,
            {
              regex: below.length === 0 ? '^@app/' : `^@app/(?!(${below.join('|')})$)`,
              message: `libs/${lib} may import only the libs below it: ${below.map((name) => `@app/${name}`).join(', ') || 'none'}.`,
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['apps/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [INTO_ANOTHER_PACKAGE, DEEP_ALIAS] }] },
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.data/',
      'coverage/',
      'test/artifacts/',
      'bench/data/',
      'bench/results/',
      'apps/api/src/metadata.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  ...importBoundaries,
  {
    // Every response an HTTP test receives is checked against openapi.json: go through http(app).
    files: ['test/e2e/**/*.ts', 'test/medium/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'supertest', message: 'Use http(app) from test/utils/http.ts (validates against openapi.json).' },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'globalThis',
          'URL',
          'fetch',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'Buffer',
          'TextDecoder',
          'AbortSignal',
          'AbortController',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
);
