import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { soffice } from "./helpers/libreoffice.js";
import { run, workshop } from "./helpers/workshop.js";

/**
 * Issue 15, part 1: `.ods`, `.fods` and `.xls` are read natively, with the guarantees of XLSX.
 * The sample workshop's workbooks saved by LibreOffice in each format give the same consolidated
 * result as the workbooks themselves.
 */

const hasSoffice = spawnSync("soffice", ["--version"], { stdio: "ignore" }).status === 0;

/** Every workbook of a folder, relative with `/`. */
function workbooks(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".xlsx") && !f.startsWith("sortie"))
    .map((f) => f.split("\\").join("/"));
}

/** What compile consolidated, its file names brought back to `.xlsx` to compare formats. */
async function consolidated(dir: string, ext: string) {
  const r = await run("compile", dir, "--format", "json");
  expect(r.code).toBe(0);
  const text = readFileSync(join(dir, "sortie", "consolidation.json"), "utf8").replaceAll(
    `${ext}`,
    ".xlsx",
  );
  const { generated: _, files: __, ...rest } = JSON.parse(text);
  return rest;
}

describe.skipIf(!hasSoffice)(
  "the sample workshop saved by LibreOffice as .ods, .fods, .xls",
  () => {
    it.each([".ods", ".fods", ".xls"])(
      "%s gives the consolidation of the .xlsx",
      async (ext) => {
        const dir = workshop({});
        cpSync("fixtures/atelier", dir, { recursive: true });
        rmSync(join(dir, "sortie"), { recursive: true, force: true });
        const expected = await consolidated(dir, ".xlsx");
        rmSync(join(dir, "sortie"), { recursive: true, force: true });
        const books = workbooks(dir);
        expect(books.length).toBe(10);
        for (const folder of new Set(books.map((b) => b.split("/")[0] as string))) {
          const inFolder = books.filter((b) => b.startsWith(`${folder}/`)).map((b) => join(dir, b));
          soffice(inFolder, join(dir, folder), ext.slice(1));
        }
        // Versions of a group's file are told by date in the file, then by time saved: the
        // converted files keep the originals' times, so that only the format differs.
        for (const b of books) {
          const converted = join(dir, b.replace(/\.xlsx$/, ext));
          const { mtime } = statSync(join(dir, b));
          utimesSync(converted, mtime, mtime);
          rmSync(join(dir, b));
        }
        expect(await consolidated(dir, ext)).toEqual(expected);
      },
      180_000,
    );
  },
);

const hasOpenpyxl =
  spawnSync("python3", ["-c", "import openpyxl"], { stdio: "ignore" }).status === 0;

describe.skipIf(!hasOpenpyxl)("XLSX that exceljs cannot read, from other programs", () => {
  it("atelier's template filled and saved by openpyxl, with a cell note, reads at its cells", async () => {
    const dir = workshop({});
    const template = join(dir, "modele.xlsx");
    expect((await run("template", "--out", template)).code).toBe(0);
    const saved = join(dir, "groupe-1.xlsx");
    const script = [
      "import sys, openpyxl",
      "from openpyxl.comments import Comment",
      "wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['Bilan']",
      "for col, v in zip('ABCH', ['Axe 1', '1.1.1', 'Sensibiliser', 'Réalisé']): ws[col + '5'] = v",
      "ws['A5'].comment = Comment('vu avec le groupe', 'rapporteur')",
      "wb.save(sys.argv[2])",
    ].join("\n");
    const py = spawnSync("python3", ["-c", script, template, saved], { encoding: "utf8" });
    expect(py.stderr).toBe("");
    rmSync(template);
    const r = await run("validate", saved, "--format", "json");
    const file = JSON.parse(r.out).files[0];
    expect(
      file.sheets.map((s: { name: string; kind: string | null; rows: number }) => [
        s.name,
        s.kind,
        s.rows,
      ]),
    ).toEqual([
      ["Bilan", "bilan", 1],
      ["Constats", "constats", 0],
      ["Propositions", "propositions", 0],
    ]);
    expect(file.problems).toEqual([]);
    expect(r.code).toBe(0);
  });
});
