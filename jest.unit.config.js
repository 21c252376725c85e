// Pure unit tests: no servers, no I/O beyond the process.
const { moduleNameMapper, transform } = require('./jest.shared');

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'unit',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts', '<rootDir>/test/support/**/*.spec.ts'],
  transform,
  moduleNameMapper,
  reporters: ['default', ['<rootDir>/test/support/summary-reporter.js', { label: 'unit' }]],
};
