// CI guard for the real API server suite (.ci/run): when the assets were there, the suite must have run —
// a report must exist, a test must have run, and none may be skipped. A suite that skipped itself, never
// started, or lost its report fails CI with a sentence saying which.
import { readFileSync } from 'node:fs';

const path = process.argv[2] ?? 'test-results/real-report.json';
let report;
try {
  report = JSON.parse(readFileSync(path, 'utf8'));
} catch (error) {
  console.error(
    `the real API server suite did not run: no report at ${path} (${error instanceof Error ? error.message : error})`,
  );
  process.exit(1);
}
const ran = (report.numPassedTests ?? 0) + (report.numFailedTests ?? 0);
if (ran === 0) {
  console.error(
    `the real API server suite ran no test (${report.numPendingTests ?? 0} skipped): KUBEBUILDER_ASSETS was prepared, so it must run`,
  );
  process.exit(1);
}
// Every real-server test runs when the assets are there: a skipped one is a behaviour left unchecked.
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
if (skipped > 0) {
  console.error(
    `the real API server suite skipped ${skipped} test(s) although KUBEBUILDER_ASSETS was prepared: enable them or remove them`,
  );
  process.exit(1);
}
