// Three tiers: unit (pure logic beside the code), medium (real PostgreSQL through the real
// repositories), e2e (the whole API over HTTP). See test/utils/global-setup.js for the database.
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    // @fastify/static (CommonJS) requires content-disposition (ESM only). Node >= 20.19 allows that;
    // Jest's module loader does not, so that one dependency is compiled to CommonJS for tests.
    'content-disposition/.+\\.js$': ['@swc/jest', { swcrc: false, module: { type: 'commonjs' } }],
    // The same for cookie (ESM only), which light-my-request (Fastify's inject()) requires.
    '/node_modules/cookie/dist/.+\\.js$': ['@swc/jest', { swcrc: false, module: { type: 'commonjs' } }],
    '^.+\\.ts$': swc,
  },
  transformIgnorePatterns: ['/node_modules/(?!(@fastify/static/node_modules/)?content-disposition/|cookie/dist/)'],
  moduleNameMapper: {
    '^@app/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  ...shared,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts'] },
    { ...shared, displayName: 'medium', testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
  globalSetup: '<rootDir>/test/utils/global-setup.js',
  globalTeardown: '<rootDir>/test/utils/global-teardown.js',
  testTimeout: 30_000,
};
