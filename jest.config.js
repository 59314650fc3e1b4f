/** Two tiers: fast unit specs beside the code (no database), and integration specs in test/
 * that run against a real PostgreSQL (one database per file, see test/support). */
const common = {
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
};

const database = {
  setupFiles: ['<rootDir>/test/support/setup-file.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  // The integration files often wait on PostgreSQL, a service process or Chromium: on a 2-core
  // machine jest's default (cores − 1: one file at a time) left the CPUs idle much of the time.
  // Two files at once: 422 s against 563 s; three were no faster (416 s) and starved the process
  // tests of CPU.
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      ...database,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
    },
    // Not a test: `npm run docs:screenshots` renders the console's pages into docs/console/.
    ...(process.env.TUS_DOCS_SCREENSHOTS
      ? [
          {
            ...common,
            ...database,
            displayName: 'docs',
            testMatch: ['<rootDir>/test/console/screenshots.docs.ts'],
          },
        ]
      : []),
  ],
};
