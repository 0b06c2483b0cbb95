import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type HostileCase, writeHostileCorpus } from "./helpers/hostile.js";

/**
 * Every hostile input gets an answer from the real command, within seconds and under a memory
 * ceiling: exit 0 or 1 with one JSON document, never a stack trace, a hang or a crash.
 */

const dir = mkdtempSync(join(tmpdir(), "atelier-hostile-"));
let cases: HostileCase[] = [];

beforeAll(async () => {
  cases = await writeHostileCorpus(dir);
}, 120_000);

describe("hostile and broken input", () => {
  it("has the cases the issue lists", () => {
    expect(cases.map((c) => c.name)).toEqual([
      "empty CSV",
      "empty XLSX",
      "binary garbage as CSV",
      "binary garbage as XLSX",
      "a PDF renamed .xlsx",
      "a well-formed minimal workbook",
      "a truncated XLSX",
      "a zip bomb that declares its size",
      "a zip bomb that lies about its size",
      "an external entity (XXE)",
      "NUL bytes in a CSV",
      "UTF-16 with BOM",
      "UTF-16 without BOM",
      "mixed line endings",
      "an unterminated quote",
      "a line with a million columns",
      "a line of 150 million separators",
      "a 10 MB cell",
      "cells of words of 32,000 characters",
      "1,000 sheets",
      "a used range of 1,048,576 rows",
      "a 210 MB sheet of cells in a small file",
      "a 90 MB sheet of six million cells",
      "the same, its parts named with \\",
      "a merge over the whole sheet",
      "an OpenDocument sheet that repeats a cell 17 billion times",
      "a flat OpenDocument sheet that repeats a cell 17 billion times",
      "one OpenDocument cell merged over a whole sheet",
      "an .xls of a million cells",
      "an .xls with a hundred merges over the whole sheet",
      "a million number formats",
    ]);
  });

  it("answers each one with its exit code and issue codes, under 256 MB of heap", () => {
    const outcomes = cases.map((c) => {
      const r = spawnSync(
        process.execPath,
        [
          "--max-old-space-size=256",
          "dist/bin.js",
          "validate",
          join(dir, c.file),
          "--format",
          "json",
        ],
        { encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      );
      const json = r.stdout ? JSON.parse(r.stdout) : undefined;
      const codes = [
        ...new Set<string>(
          json?.files.flatMap((f: { problems: { code: string }[] }) =>
            f.problems.map((p) => p.code),
          ) ?? [],
        ),
      ];
      return { name: c.name, exit: r.status, stderr: r.stderr, codes: codes.sort() };
    });
    expect(outcomes).toEqual(
      cases.map((c) => ({ name: c.name, exit: c.exit, stderr: "", codes: [...c.codes].sort() })),
    );
  }, 600_000);

  /** Peak resident memory of one `validate`, from `/usr/bin/time -v`, in MiB. */
  function peakMiB(file: string): { mib: number; codes: string[] } {
    const r = spawnSync(
      "/usr/bin/time",
      ["-v", process.execPath, "dist/bin.js", "validate", join(dir, file), "--format", "json"],
      { encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
    );
    const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1];
    const json = JSON.parse(r.stdout);
    return {
      mib: Math.round(Number(kb) / 1024),
      codes: json.files[0].problems.map((p: { code: string }) => p.code),
    };
  }

  it.skipIf(!existsSync("/usr/bin/time"))(
    "answers the 210 MB sheet and the repeated cells within 1 GiB of memory, without a heap cap",
    () => {
      const limits = [
        ["feuille.xlsx", "inflated-too-large"],
        ...[
          "cellules.xlsx",
          "fusion.xlsx",
          "repetition.ods",
          "repetition.fods",
          "fusion.fods",
          "cellules.xls",
          "fusions.xls",
          "formats.xlsx",
        ].map((file) => [file, "too-many-cells"]),
      ];
      for (const [file, code] of limits) {
        const { mib, codes } = peakMiB(file as string);
        expect({ file, codes }).toEqual({ file, codes: [code] });
        expect(mib).toBeLessThan(1024);
      }
    },
    300_000,
  );
});
