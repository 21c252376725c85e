// Fault injection: each file starts its own Kafka, FerretDB, API and projector processes and
// kills or freezes them (SIGKILL, SIGSTOP). Runs on the built code: `npm run build` first.
const { moduleNameMapper, transform } = require('./jest.shared');

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'faults',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  transform,
  moduleNameMapper,
  reporters: ['default', ['<rootDir>/test/support/summary-reporter.js', { label: 'faults' }]],
  maxWorkers: 1,
  testTimeout: 300000,
};
