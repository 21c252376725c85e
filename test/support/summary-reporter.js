// Prints one plain closing line per jest run ("unit: 27 passed, 0 failed, 0 skipped") and, when
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
    process.stdout.write(`${this.label}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    const file = process.env.LEDGER_TEST_SUMMARY_FILE;
    if (file) appendFileSync(file, `${JSON.stringify({ label: this.label, passed, failed, skipped })}\n`);
  }
}

module.exports = SummaryReporter;
