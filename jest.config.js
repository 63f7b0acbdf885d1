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
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
};
