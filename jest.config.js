/**
 * One run covers the three levels of tests (STYLE.md): `*.spec.ts` beside the code,
 * `test/**\/*.integration-spec.ts` against PostgreSQL, `test/**\/*.e2e-spec.ts` over HTTP.
 * The global setup provides the PostgreSQL server: DATABASE_URL when set, else an embedded one.
 */
export default {
  rootDir: '.',
  testEnvironment: 'node',
  testRegex: ['src/.*\\.spec\\.ts$', 'test/.*\\.(integration|e2e)-spec\\.ts$'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
    // @fastify/static (the API docs UI) is CommonJS but requires the ESM-only content-disposition;
    // Jest on Node 20 cannot require ESM, so that one package is compiled to CommonJS for the tests.
    '/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 30000,
};
