// Prints one plain closing line per jest run ("unit: 27 passed, 0 failed, 0 skipped on Node.js
// v24.21.0": the runtime it ran on is part of the result) and, when
// LEDGER_TEST_SUMMARY_FILE is set (.ci/run sets it), appends the counts there for a grand total.
const { appendFileSync } = require('node:fs');

class SummaryReporter {
  constructor(globalConfig, options) {
    this.label = (options && options.label) || 'tests';
  }

  onRunComplete(_contexts, results) {
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const node = process.version;
    process.stdout.write(
      `${this.label}: ${passed} passed, ${failed} failed, ${skipped} skipped on Node.js ${node}\n`,
    );
    const file = process.env.LEDGER_TEST_SUMMARY_FILE;
    const line = JSON.stringify({ label: this.label, passed, failed, skipped, node });
    if (file) appendFileSync(file, `${line}\n`);
  }
}

module.exports = SummaryReporter;
