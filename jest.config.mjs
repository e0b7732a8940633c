// One runner, three projects: unit (pure libs and services), e2e (HTTP against a real
// PostgreSQL) and browser (Chromium against the built app). `npm test` runs them all.
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    target: 'es2023', keepClassNames: true,
  },
  module: { type: 'es6' }, sourceMaps: 'inline',
}];

const shared = {
  rootDir: '.',
  transform: { '^.+\\.ts$': swc },
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@app/kpi-core$': '<rootDir>/libs/kpi-core/src/index.ts',
    '^@app/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

export default {
  cacheDirectory: '<rootDir>/.jest-cache',
  // e2e and browser tests boot the app on a fresh database; unit tests finish long before this.
  testTimeout: 90_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/api/src/**/*.spec.ts', '<rootDir>/apps/web/src/**/*.spec.ts'] },
    {
      ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/pg-global-setup.mjs', globalTeardown: '<rootDir>/test/support/pg-global-teardown.mjs',
    },
    {
      ...shared, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/pg-global-setup.mjs', globalTeardown: '<rootDir>/test/support/pg-global-teardown.mjs',
    },
  ],
};
