// The last step of .ci/run: reads vitest's JSON results and prints one plain line
// "N passed, N failed, N skipped". Exits 1 when a test failed, was skipped or left to do, when
// the run itself failed (its exit status, as STATUS), or when there are no results at all: a
// suite that ran nothing, or part of itself, is no pass.
//   node .ci/count.mjs <results.json>     (STATUS=<exit status of the test command>)
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? ".tmp/test-results.json";
let results;
try {
  results = JSON.parse(readFileSync(file, "utf8")) ?? undefined;
} catch {
  results = undefined;
}
const passed = results?.numPassedTests ?? 0;
let failed = results?.numFailedTests ?? 0;
// vitest counts skipped tests (`.skip`, `.skipIf`, those `.only` leaves out) as pending, and
// `.todo` apart; a `describe.todo` is no test at all, only a pending suite.
const skipped =
  (results?.numPendingTests ?? 0) +
  (results?.numTodoTests ?? 0) +
  (results?.numPendingTestSuites ?? 0);
const ran = results !== undefined && (results.numTotalTests ?? 0) > 0;
if (failed === 0 && (!ran || process.env.STATUS !== "0" || results?.success === false)) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || skipped > 0 ? 1 : 0);
