// Prints the one plain line CI reads: `N passed, N failed`, from Vitest's JSON report.
import { readFileSync } from 'node:fs';

const path = process.argv[2] ?? 'test-results/report.json';
try {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const passed = report.numPassedTests ?? 0;
  const failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0);
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
} catch (error) {
  console.log(`0 passed, 1 failed`);
  console.error(`could not read the test report ${path}: ${error instanceof Error ? error.message : error}`);
}
