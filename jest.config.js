/**
 * The three levels of tests (STYLE.md) as two projects, run together by `npm test`:
 * - unit: `*.spec.ts` beside the code, no database (`npm run test:unit` runs only these);
 * - integration: `test/**\/*.integration-spec.ts` against PostgreSQL and `test/**\/*.e2e-spec.ts`
 *   over HTTP. Its global setup provides the PostgreSQL server (DATABASE_URL when set, else an
 *   embedded one); Jest runs a project's global setup only when tests of that project are selected.
 */
const ESM_REQUIRED_FROM_COMMONJS = ['content-disposition', 'cookie'];

const shared = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
    // CommonJS packages that require ESM-only ones: @fastify/static (the API docs UI) requires
    // content-disposition, light-my-request (Fastify's inject) requires cookie. Jest requires ESM
    // itself only on Node 24.9+ (it needs vm's SourceTextModule#hasAsyncGraph), so for Node 22
    // those packages are compiled to CommonJS for the tests. Drop this with Node 22.
    [`/node_modules/(${ESM_REQUIRED_FROM_COMMONJS.join('|')})/.+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_REQUIRED_FROM_COMMONJS.join('|')})/)`],
};

export default {
  testTimeout: 30000,
  // Jest's default of one worker on two cores: with a second worker the browser tests starve for
  // CPU beside the HTTP tests (screenshots time out), and the whole run is no faster (1m40 vs 1m36).
  projects: [
    { ...shared, displayName: 'unit', testRegex: ['src/.*\\.spec\\.ts$'] },
    {
      ...shared,
      displayName: 'integration',
      testRegex: ['test/.*\\.(integration|e2e)-spec\\.ts$'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
