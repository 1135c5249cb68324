// Prints the one plain line CI reads: `N passed, N failed`, summed over Vitest JSON reports
// (default: the fast suite's test-results/report.json). A report that is missing or unreadable counts as
// one failure: a suite that did not run never reads as green.
import { readFileSync } from 'node:fs';

const paths = process.argv.length > 2 ? process.argv.slice(2) : ['test-results/report.json'];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const path of paths) {
  try {
    const report = JSON.parse(readFileSync(path, 'utf8'));
    passed += report.numPassedTests ?? 0;
    const failedTests = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0);
    // A file whose beforeAll failed (e.g. a server that did not start) fails as a suite, its tests
    // skipped: count it, so it cannot read as "0 failed".
    const failedSuites = (report.testResults ?? []).filter(
      (file) => file.status === 'failed' && (file.assertionResults ?? []).every((t) => t.status !== 'failed'),
    ).length;
    failed += failedTests + failedSuites;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  } catch (error) {
    failed += 1;
    console.error(
      `could not read the test report ${path}: ${error instanceof Error ? error.message : error}`,
    );
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
