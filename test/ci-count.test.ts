import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The last step of `.ci/run` (`.ci/count.mjs`): the line CI prints, and whether it fails. A run
 * that skipped, left to do or left out tests must fail, as must one that left no results.
 */

function count(results: object | null | undefined, status = 0) {
  const dir = mkdtempSync(join(tmpdir(), "atelier-count-"));
  const file = join(dir, "results.json");
  if (results !== undefined) writeFileSync(file, JSON.stringify(results));
  const r = spawnSync(process.execPath, [".ci/count.mjs", file], {
    encoding: "utf8",
    env: { ...process.env, STATUS: String(status) },
  });
  return [r.stdout, r.status];
}

const results = (passed: number, failed: number, pending = 0, todo = 0) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: pending,
  numTodoTests: todo,
  numTotalTests: passed + failed + pending + todo,
  success: failed === 0,
});

describe(".ci/run's count step, on crafted results", () => {
  it.each([
    ["all passed", results(130, 0), 0, ["130 passed, 0 failed, 0 skipped\n", 0]],
    ["a failure", results(129, 1), 1, ["129 passed, 1 failed, 0 skipped\n", 1]],
    ["a skipped test", results(129, 0, 1), 0, ["129 passed, 0 failed, 1 skipped\n", 1]],
    ["a test to do", results(129, 0, 0, 1), 0, ["129 passed, 0 failed, 1 skipped\n", 1]],
    ["a stray .only", results(1, 0, 129), 0, ["1 passed, 0 failed, 129 skipped\n", 1]],
    [
      "a run that failed outside any test",
      results(130, 0),
      1,
      ["130 passed, 1 failed, 0 skipped\n", 1],
    ],
    ["no test at all", results(0, 0), 0, ["0 passed, 1 failed, 0 skipped\n", 1]],
    ["no results file (a failed build)", undefined, 1, ["0 passed, 1 failed, 0 skipped\n", 1]],
    [
      "a suite to do (describe.todo: no test, a pending suite)",
      { ...results(130, 0), numPendingTestSuites: 1 },
      0,
      ["130 passed, 0 failed, 1 skipped\n", 1],
    ],
    ["a results file holding null", null, 0, ["0 passed, 1 failed, 0 skipped\n", 1]],
  ])("%s", (_, given, status, expected) => {
    expect(count(given, status)).toEqual(expected);
  });
});

describe(".ci/run's test command and count step, on a suite with .only or .skip", () => {
  /** Runs vitest as `.ci/run` does on one test file, then the count step on its results. */
  function ci(source: string) {
    const dir = mkdtempSync(join(tmpdir(), "atelier-suite-"));
    writeFileSync(
      join(dir, "a.test.mjs"),
      `import { describe, expect, it } from "vitest";\n${source}`,
    );
    const out = join(dir, "results.json");
    const vitest = resolve("node_modules/vitest/vitest.mjs");
    const run = spawnSync(
      process.execPath,
      [
        vitest,
        "run",
        "--root",
        dir,
        "--allowOnly=false",
        "--reporter=json",
        `--outputFile.json=${out}`,
      ],
      { encoding: "utf8" },
    );
    const r = spawnSync(process.execPath, [".ci/count.mjs", out], {
      encoding: "utf8",
      env: { ...process.env, STATUS: String(run.status) },
    });
    return [r.stdout, r.status];
  }

  it("passes a whole suite, fails one with .only, .skip or .todo", () => {
    const two = 'it("a", () => expect(1).toBe(1));\nit("b", () => expect(2).toBe(2));\n';
    expect(ci(two)).toEqual(["2 passed, 0 failed, 0 skipped\n", 0]);
    expect(ci(two.replace('it("a"', 'it.only("a"'))[1]).toBe(1);
    expect(ci(two.replace('it("a"', 'it.skip("a"'))).toEqual([
      "1 passed, 0 failed, 1 skipped\n",
      1,
    ]);
    expect(ci(`${two}it.todo("c");\n`)).toEqual(["2 passed, 0 failed, 1 skipped\n", 1]);
    expect(ci(`${two}describe.todo("later");\n`)).toEqual(["2 passed, 0 failed, 1 skipped\n", 1]);
  });

  it("is the step .ci/run ends with, after typecheck and lint", () => {
    const script = readFileSync(".ci/run", "utf8");
    expect(script).toContain("npm run typecheck || fail");
    expect(script).toContain("npm run lint || fail");
    expect(script).toContain("rm -f .tmp/test-results.json");
    expect(script.trimEnd().split("\n").slice(-2)).toEqual([
      "npm test -- --allowOnly=false --reporter=default --reporter=json --outputFile.json=.tmp/test-results.json",
      "STATUS=$? node .ci/count.mjs .tmp/test-results.json",
    ]);
  });
});
