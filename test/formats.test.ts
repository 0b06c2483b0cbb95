import { spawnSync } from "node:child_process";
import {
  cpSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSheetJs } from "../src/read/sheetjs.js";
import { soffice } from "./helpers/libreoffice.js";
import { pythonWith } from "./helpers/python.js";
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

/** What compile consolidated, every workbook's name brought back to `.xlsx` to compare formats. */
async function consolidated(dir: string) {
  const r = await run("compile", dir, "--format", "json");
  expect(r.code).toBe(0);
  const text = readFileSync(join(dir, "sortie", "consolidation.json"), "utf8").replace(
    /\.(?:xlsx|fods|ods|xls)\b/g,
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
        const expected = await consolidated(dir);
        rmSync(join(dir, "sortie"), { recursive: true, force: true });
        const books = workbooks(dir);
        // The workshop holds an .ods and an .xls of its own, beside these.
        expect(books.length).toBe(8);
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
        expect(await consolidated(dir)).toEqual(expected);
      },
      180_000,
    );
  },
);

const python = pythonWith("openpyxl");
const hasOpenpyxl = python !== undefined;

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
    const py = spawnSync(python as string, ["-c", script, template, saved], { encoding: "utf8" });
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

describe.skipIf(!hasOpenpyxl || !hasSoffice)("what LibreOffice writes, in every format", () => {
  /**
   * A bilan sheet named with an apostrophe and `&`, its row 3 hidden, beside a hidden sheet of
   * one row; in the 1904 calendar, with a date in its Identification sheet.
   */
  function source(dir: string): string {
    const template = join(dir, "modele.xlsx");
    const src = join(dir, "src.xlsx");
    const script = [
      "import sys, datetime, openpyxl",
      "wb = openpyxl.load_workbook(sys.argv[1]); wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904",
      "b = wb['Bilan']; b.title = \"Bilan d'Élise & co\"",
      "for i, code in enumerate(['1.1.1', '1.1.2', '1.1.3']):",
      "    for j, v in enumerate(['PREV', code, 'A', 'DNPF', '', '', '', 'Réalisé', 100, 1000000, 1000000]): b.cell(i + 2, j + 1, v)",
      "b.row_dimensions[3].hidden = True",
      "h = wb.create_sheet(\"Brouillon d'équipe\"); h.sheet_state = 'hidden'",
      "for j in range(1, 16): h.cell(1, j, b.cell(1, j).value)",
      "for j, v in enumerate(['PREV', '9.9.9', 'B', 'X', '', '', '', 'Réalisé', 1, 99000000, 99000000]): h.cell(2, j + 1, v)",
      "i = wb['Identification']; i['A5'] = 'Date'; i['B5'] = datetime.date(2023, 7, 19)",
      "wb.save(sys.argv[2])",
    ].join("\n");
    return (
      spawnSync(python as string, ["-c", script, template, src], { encoding: "utf8" }).stderr || src
    );
  }

  it("keeps sheet names, hidden sheets and rows, and 1904 dates, in .xlsx, .ods, .fods and .xls", async () => {
    const dir = workshop({});
    expect((await run("template", "--out", join(dir, "modele.xlsx"))).code).toBe(0);
    const src = source(dir);
    expect(src).toBe(join(dir, "src.xlsx"));
    const out = join(dir, "lo");
    for (const ext of ["xlsx", "ods", "fods", "xls"]) soffice(src, out, ext);
    for (const ext of ["xlsx", "ods", "fods", "xls"]) {
      const r = await run("validate", join(out, `src.${ext}`), "--format", "json");
      const file = JSON.parse(r.out).files[0];
      expect([ext, file.meta.date]).toEqual([ext, "2023-07-19"]);
      expect([
        ext,
        ...file.problems.map((p: { code: string; cell: string }) => `${p.code} ${p.cell}`),
      ]).toEqual([ext, "hidden-row 'Bilan d''Élise & co'!3:3", "hidden-sheet Brouillon d'équipe"]);
      expect([ext, file.sheets.find((s: { kind: string }) => s.kind === "bilan").accepted]).toEqual(
        [ext, 3],
      );
    }
  }, 180_000);

  it("a .fods cut short is damaged, never read as far as it goes", async () => {
    const dir = workshop({});
    expect((await run("template", "--out", join(dir, "modele.xlsx"))).code).toBe(0);
    soffice(source(dir), join(dir, "lo"), "fods");
    const whole = readFileSync(join(dir, "lo", "src.fods"));
    writeFileSync(join(dir, "cut.fods"), whole.subarray(0, Math.floor(whole.length * 0.7)));
    const r = await run("validate", join(dir, "cut.fods"), "--format", "json");
    expect(JSON.parse(r.out).files[0].problems.map((p: { message: string }) => p.message)).toEqual([
      "Fichier illisible : classeur endommagé, ou pas dans le format que son extension annonce",
    ]);
  }, 120_000);
});

describe("a header on two rows, with merged cells", () => {
  /** « Budget (FCFA) » merged over « Prévu | Exécuté », the other headers merged down. */
  async function twoRowHeader(path: string) {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Bilan");
    ws.getRow(1).values = ["Axe", "Code activité", "Activité", "Statut", "Budget (FCFA)"];
    ws.getRow(2).values = [null, null, null, null, "Prévu", "Exécuté"];
    for (const c of ["A", "B", "C", "D"]) ws.mergeCells(`${c}1:${c}2`);
    ws.mergeCells("E1:F1");
    ws.getRow(3).values = ["1", "1.1.1", "Sensibiliser", "Réalisé", 1_000_000, 900_000];
    ws.getRow(4).values = ["1", "1.1.2", "Former", "En cours", 500_000, "cinq cents"];
    await wb.xlsx.writeFile(path);
  }

  /** Sheets and problems `validate` gives, file names left out to compare formats. */
  async function validated(file: string) {
    const r = await run("validate", file, "--format", "json");
    const { sheets, problems } = JSON.parse(r.out).files[0];
    return {
      code: r.code,
      sheets,
      problems: problems.map((p: Record<string, unknown>) => [
        p.code,
        p.sheet,
        p.row,
        p.column,
        p.field,
        p.value,
      ]),
    };
  }

  const expected = {
    code: 1,
    sheets: [{ name: "Bilan", kind: "bilan", header_row: 2, rows: 2, accepted: 1, rejected: 1 }],
    problems: [["type-error", "Bilan", 4, "F", "budget_execute", "cinq cents"]],
  };

  it("reads data from the row below the header, each column under its own name", async () => {
    const dir = workshop({});
    const file = join(dir, "groupe-1.xlsx");
    await twoRowHeader(file);
    expect(await validated(file)).toEqual(expected);
  });

  it.skipIf(!hasSoffice).each([".ods", ".xls"])(
    "saved by LibreOffice as %s, reads the same",
    async (ext) => {
      const dir = workshop({});
      await twoRowHeader(join(dir, "source.xlsx"));
      const format = ext === ".ods" ? "ods" : "xls:MS Excel 97";
      soffice(join(dir, "source.xlsx"), join(dir, "out"), format);
      expect(await validated(join(dir, "out", `source${ext}`))).toEqual(expected);
    },
    60_000,
  );
});

describe("OpenDocument details, as LibreOffice writes them", () => {
  const fods = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet><table:table table:name="Bilan">${body}</table:table></office:spreadsheet></office:body></office:document>`;
  const text = (t: string) =>
    `<table:table-cell office:value-type="string"><text:p>${t}</text:p></table:table-cell>`;
  const row = (attrs: string, ...cells: string[]) =>
    `<table:table-row${attrs}>${cells.join("")}</table:table-row>`;

  it("locates the hidden rows of a collapsed group, and reads Err:509 as an error", async () => {
    const hidden = ' table:visibility="collapse"';
    const body = [
      row("", text("A"), text("B")),
      "<table:table-row-group>",
      row(hidden, text("x"), text("y")),
      row(hidden, text("z"), text("w")),
      "</table:table-row-group>",
      row(
        "",
        text("v"),
        '<table:table-cell office:value-type="string" calcext:value-type="error"><text:p>Err:509</text:p></table:table-cell>',
      ),
    ].join("");
    const raw = await readSheetJs(Buffer.from(fods(body)), "g.fods", "ods");
    expect(raw.sheets[0]?.rows).toEqual([
      { row: 1, cells: [{ v: "A" }, { v: "B" }] },
      { row: 2, cells: [{ v: "x" }, { v: "y" }], hidden: true },
      { row: 3, cells: [{ v: "z" }, { v: "w" }], hidden: true },
      { row: 4, cells: [{ v: "v" }, { v: null, error: "Err:509" }] },
    ]);
  });
});

describe("a workbook whatever its name", () => {
  it("reads an .xlsx renamed .csv as the workbook it is", async () => {
    const dir = workshop({});
    expect((await run("template", "--out", join(dir, "modele.xlsx"))).code).toBe(0);
    renameSync(join(dir, "modele.xlsx"), join(dir, "groupe-1.csv"));
    const r = await run("validate", join(dir, "groupe-1.csv"), "--format", "json");
    const file = JSON.parse(r.out).files[0];
    expect([r.code, file.format, file.sheets.map((s: { kind: string }) => s.kind)]).toEqual([
      0,
      "xlsx",
      ["bilan", "constats", "propositions"],
    ]);
  });
});
