// Integration and end-to-end tests against a real Kafka broker and a real Mongo-wire server,
// started once for the whole run by test/setup/global-setup.ts.
const { moduleNameMapper, transform } = require('./jest.shared');

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'integration',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.int-spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  transform,
  moduleNameMapper,
  reporters: ['default', ['<rootDir>/test/support/summary-reporter.js', { label: 'integration' }]],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  // One broker and one database server on two cores: files run one after another.
  maxWorkers: 1,
  testTimeout: 120000,
};
