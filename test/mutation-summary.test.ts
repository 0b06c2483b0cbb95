import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `bench/mutation.mjs`, which writes the README's mutation scores from Stryker's reports. Run
 * from a copy in a temporary project, so that its saved results land there, not in bench/results.
 */

type Mutant = { status: string; line?: number; static?: boolean };

function report(files: Record<string, Mutant[] | null>) {
  return {
    files: Object.fromEntries(
      Object.entries(files).map(([file, mutants]) => [
        file,
        mutants === null
          ? null
          : {
              source: "const a = 1;\nconst b = 2;\n",
              mutants: mutants.map((m, i) => ({
                id: String(i),
                mutatorName: "ConditionalExpression",
                replacement: "true",
                location: { start: { line: m.line ?? 1, column: 1 }, end: { line: 1, column: 2 } },
                ...m,
              })),
            },
      ]),
    ),
  };
}

/** A report is given as is, or made from the temporary project's root. */
function summarise(...reports: (object | ((root: string) => object))[]) {
  const root = mkdtempSync(join(tmpdir(), "atelier-mutation-"));
  mkdirSync(join(root, "bench"));
  copyFileSync("bench/mutation.mjs", join(root, "bench/mutation.mjs"));
  const names = reports.map((r, i) => {
    const file = join(root, `report-${i}.json`);
    writeFileSync(file, JSON.stringify(typeof r === "function" ? r(root) : r));
    return file;
  });
  const run = spawnSync(process.execPath, [join(root, "bench/mutation.mjs"), ...names], {
    encoding: "utf8",
  });
  const saved = run.status === 0 ? readdirSync(join(root, "bench/results")) : [];
  const results =
    saved[0] === undefined
      ? undefined
      : JSON.parse(readFileSync(join(root, "bench/results", saved[0]), "utf8"));
  return { status: run.status, stderr: run.stderr, root, results };
}

const alive = (n: number): Mutant[] => Array.from({ length: n }, () => ({ status: "Survived" }));
const dead = (n: number): Mutant[] => Array.from({ length: n }, () => ({ status: "Killed" }));

describe("the mutation summary", () => {
  it("scores killed and timed-out over killed, survived and not covered; rounds down", () => {
    const { status, results } = summarise(
      report({
        "src/merge/a.ts": [
          ...dead(997),
          { status: "Timeout" },
          { status: "Survived", line: 2 },
          { status: "NoCoverage" },
          { status: "Ignored" },
          { status: "Ignored", static: true },
        ],
      }),
    );
    expect(status).toBe(0);
    const [m] = results.modules;
    expect({ ...m, survivors: m.survivors.length, equivalents: m.equivalents.length }).toEqual({
      file: "src/merge/a.ts",
      mutants: 1002,
      killed: 998,
      survived: 1,
      noCoverage: 1,
      equivalent: 1,
      static: 1,
      other: 0,
      // 998 / 1000 is 99.8; one survivor in 1,000,000 still would not show 100 %.
      score: 99.8,
      survivors: 2,
      equivalents: 1,
    });
    // In the order of the source, each with its line of code.
    expect(m.survivors.map((s: Mutant) => s.status)).toEqual(["NoCoverage", "Survived"]);
    expect(m.survivors[1]).toEqual({
      line: 2,
      column: 1,
      status: "Survived",
      mutator: "ConditionalExpression",
      code: "const b = 2;",
      replacement: "true",
    });
  });

  it("lets a later report win for a file in both, and adds up each area", () => {
    const { results } = summarise(
      report({ "src/merge/a.ts": alive(4), "src/merge/b.ts": dead(2) }),
      report({ "src/merge/a.ts": [...dead(3), ...alive(1)] }),
    );
    expect(results.modules.map((m: { file: string; score: number }) => [m.file, m.score])).toEqual([
      ["src/merge/a.ts", 75],
      ["src/merge/b.ts", 100],
    ]);
    expect(results.areas).toMatchObject([
      { file: "src/merge/", killed: 5, survived: 1, score: 83.3 },
    ]);
  });

  it("names files from the project root, whatever machine or system wrote the report", () => {
    const { results } = summarise(
      report({ "C:\\Users\\rapporteur\\atelier\\src\\normalize\\row.ts": dead(1) }),
      report({ "/home/ci/checkout/src/analysis/report.ts": dead(1) }),
      (root) => report({ [join(root, "lib/x.ts")]: dead(1) }),
      report({ "src\\merge\\index.ts": dead(1) }),
      // Named with a leading ./, it is the same file as the one named before.
      report({ "./src/merge/index.ts": alive(1) }),
    );
    expect(results.modules.map((m: { file: string }) => m.file)).toEqual([
      "lib/x.ts",
      "src/analysis/report.ts",
      "src/merge/index.ts",
      "src/normalize/row.ts",
    ]);
    expect(results.modules[2].survived).toBe(1);
  });

  it("adds up the mutants of a file one report names twice", () => {
    const { results } = summarise(
      report({ "src/merge/a.ts": alive(2), "./src/merge/a.ts": dead(1) }),
    );
    expect(results.modules).toMatchObject([
      { file: "src/merge/a.ts", mutants: 3, killed: 1, survived: 2, score: 33.3 },
    ]);
  });

  it("refuses to write a README without its markers, in a sentence", () => {
    const root = mkdtempSync(join(tmpdir(), "atelier-mutation-"));
    mkdirSync(join(root, "bench"));
    mkdirSync(join(root, "docs"));
    copyFileSync("bench/mutation.mjs", join(root, "bench/mutation.mjs"));
    writeFileSync(join(root, "README.md"), "# atelier\n");
    writeFileSync(join(root, "r.json"), JSON.stringify(report({ "src/a.ts": dead(1) })));
    const run = spawnSync(
      process.execPath,
      [join(root, "bench/mutation.mjs"), join(root, "r.json"), "--readme"],
      { encoding: "utf8" },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("marqueurs <!-- mutation --> et <!-- /mutation --> absents");
    expect(run.stderr).not.toContain("    at ");
    expect(readFileSync(join(root, "README.md"), "utf8")).toBe("# atelier\n");
  });

  it.each([
    [
      "a file entry that is null",
      report({ "src/merge/a.ts": null }),
      "n'a pas de liste de mutants",
    ],
    ["no files", { schemaVersion: "1" }, "n'est pas un rapport JSON de Stryker"],
    [
      "a mutant that is null",
      { files: { "src/merge/a.ts": { mutants: [null] } } },
      "« src/merge/a.ts », mutant n° 1 sans état connu, mutateur ou place",
    ],
    [
      "a mutant of no known status",
      report({ "src/merge/a.ts": [{ status: "" }] }),
      "« src/merge/a.ts », mutant n° 1 sans état connu",
    ],
    [
      "a mutant without its place",
      { files: { "src/merge/a.ts": { mutants: [{ status: "Survived", location: {} }] } } },
      "« src/merge/a.ts », mutant n° 1 sans état connu, mutateur ou place",
    ],
  ])("refuses %s with a sentence, not a stack trace", (_, given, says) => {
    const { status, stderr } = summarise(given);
    expect(status).toBe(1);
    expect(stderr).toContain(says);
    expect(stderr).not.toContain("    at ");
  });
});
