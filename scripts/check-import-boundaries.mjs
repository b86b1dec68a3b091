// Proves the dependency-direction rules of eslint.config.js refuse what they should (and let the right
// imports through): lints deliberately wrong imports as if they were in the named files. Part of
// `npm run lint`, so CI fails when the rules stop biting.
import { ESLint } from 'eslint';

const cases = [
  {
    file: 'libs/movies/src/movies.service.ts',
    code: "import '@app/ratings';",
    refused: 'a lib importing a lib above it',
  },
  { file: 'libs/core/src/index.ts', code: "import '@app/users';", refused: 'core importing any lib' },
  {
    file: 'libs/genres/src/genres.service.ts',
    code: "import '@app/genres';",
    refused: 'a lib importing itself by alias',
  },
  {
    file: 'libs/ratings/src/ratings.service.ts',
    code: "import '../../movies/src/movies.service.js';",
    refused: "a path into another lib's files",
  },
  {
    file: 'libs/ratings/src/ratings.service.ts',
    code: "import '@app/movies/movies.service';",
    refused: 'a deep alias',
  },
  {
    file: 'libs/importer/src/seed/seed.service.ts',
    code: "import '../../../../apps/api/src/auth/access-policy.js';",
    refused: 'a lib importing an app',
  },
  {
    file: 'apps/api/src/api.module.ts',
    code: "import '../../../libs/core/src/index.js';",
    refused: 'an app reaching into a lib by path',
  },
  {
    file: 'libs/importer/src/seed/seed.service.ts',
    code: "import '@app/ratings';\nimport '@app/core';\nimport '../csv/csv-records.js';\nimport './seed-movies-file.js';",
    refused: null,
  },
  {
    file: 'apps/api/src/api.module.ts',
    code: "import '@app/recommendations';\nimport './auth/access.guard.js';",
    refused: null,
  },
];

// Only the rule under test runs, without type information, so the snippets need not type-check.
const eslint = new ESLint({
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});
let failed = 0;
for (const { file, code, refused } of cases) {
  const [result] = await eslint.lintText(code, { filePath: file });
  const messages = result.messages.filter((message) => message.ruleId === 'no-restricted-imports' || message.fatal);
  const lines = code.split('\n').map((_, index) => index + 1);
  const ok =
    refused === null ? messages.length === 0 : lines.every((line) => messages.some((message) => message.line === line));
  if (!ok) {
    failed += 1;
    const expected = refused === null ? 'accepted' : `refused (${refused})`;
    console.error(`import boundaries: ${file}: ${JSON.stringify(code)} should be ${expected}; got`, messages);
  }
}
if (failed > 0) process.exit(1);
console.log(`import boundaries: ${cases.length} cases as expected`);
