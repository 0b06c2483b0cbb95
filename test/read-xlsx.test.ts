import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { flatten } from "../src/issues.js";
import type { RawFile, RawSheet } from "../src/read/types.js";
import { readXlsx } from "../src/read/xlsx.js";

import { corpusFile as corpus, corpusFiles, describeCorpus } from "./helpers/corpus.js";

async function read(path: string): Promise<RawFile> {
  return readXlsx(corpus(path), path);
}

/** `[name, state, row numbers]` per sheet. */
function shape(file: RawFile) {
  return file.sheets.map((s) => [s.name, s.state, s.rows.map((r) => r.row)]);
}

function sheet(file: RawFile, name: string): RawSheet {
  const found = file.sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name} in ${file.sheets.map((s) => s.name).join(", ")}`);
  return found;
}

/** Plain values per row, `null` for a hole: the shape most corpus assertions need. */
function values(s: RawSheet) {
  return s.rows.map((r) => r.cells.map((c) => (c === undefined ? null : c.v)));
}

/** The reason of the one `file-unreadable` issue, after checking that it is alone. */
function reason(file: RawFile): string | number | undefined {
  const why = file.issues[0]?.params.reason;
  expect(file.sheets).toEqual([]);
  expect(flatten(file.issues, ["code", "file", "severity"])).toEqual([
    ["file-unreadable", file.path, "error"],
  ]);
  // The French words: the English ones are checked with the catalogue.
  return typeof why === "object" ? why.fr : why;
}

function readable(file: RawFile): void {
  expect(file.issues).toEqual([]);
  expect(file.format).toBe("xlsx");
}

/** One sheet named `Feuille`, filled by `fill`, written by exceljs in memory. */
async function build(fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet("Feuille"), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Rewrites parts of a zip: `edit` returns the new text, or `null` to delete the part. */
async function patchZip(data: Buffer, edits: Record<string, (xml: string) => string | null>) {
  const zip = await JSZip.loadAsync(data);
  for (const [name, edit] of Object.entries(edits)) {
    const text = await zip.file(name)?.async("string");
    if (text === undefined) throw new Error(`no part ${name}`);
    const next = edit(text);
    if (next === null) zip.remove(name);
    else zip.file(name, next);
  }
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("readXlsx: cells of workbooks built with exceljs", () => {
  it("marks percent-formatted numbers, but not a quoted literal %", async () => {
    const data = await build((ws) => {
      ws.getRow(1).values = [0.45, 0.125, 45, 7];
      ws.getCell("A1").numFmt = "0%";
      ws.getCell("B1").numFmt = "0.00%";
      ws.getCell("C1").numFmt = '0" %"';
      ws.getCell("D1").numFmt = "0.00";
    });
    const file = await readXlsx(data, "groupe1/bilan.xlsx");
    readable(file);
    expect(file.path).toBe("groupe1/bilan.xlsx");
    expect(file.sheets[0]?.rows).toEqual([
      {
        row: 1,
        cells: [{ v: 0.45, percent: true }, { v: 0.125, percent: true }, { v: 45 }, { v: 7 }],
      },
    ]);
  });

  it("reads formulas from their cached result, and flags a formula with none", async () => {
    const data = await build((ws) => {
      ws.getCell("A1").value = 2;
      ws.getCell("B1").value = { formula: "A1*2", result: 4 } as ExcelJS.CellFormulaValue;
      ws.getCell("C1").value = { formula: "A1*3" } as ExcelJS.CellFormulaValue;
      ws.getCell("D1").value = {
        formula: "1/0",
        result: { error: "#DIV/0!" },
      } as ExcelJS.CellFormulaValue;
      ws.getCell("E1").value = { formula: "TODAY()", result: new Date(Date.UTC(2024, 2, 15)) };
      ws.getCell("E1").numFmt = "dd/mm/yyyy";
      ws.getCell("F1").value = { formula: "A1/8", result: 0.25 } as ExcelJS.CellFormulaValue;
      ws.getCell("F1").numFmt = "0%";
      ws.getCell("G1").value = { formula: '"a"&"b"', result: "ab" } as ExcelJS.CellFormulaValue;
    });
    const file = await readXlsx(data, "f.xlsx");
    readable(file);
    expect(file.sheets[0]?.rows[0]?.cells).toEqual([
      { v: 2 },
      { v: 4 },
      { v: null, formula: "A1*3" },
      { v: null, error: "#DIV/0!" },
      { v: new Date("2024-03-15T00:00:00Z") },
      { v: 0.25, percent: true },
      { v: "ab" },
    ]);
  });

  it("keeps error values, booleans, dates, rich text and hyperlink text", async () => {
    const data = await build((ws) => {
      ws.getCell("A1").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      ws.getCell("B1").value = true;
      ws.getCell("C1").value = false;
      ws.getCell("D1").value = new Date(Date.UTC(2023, 11, 31));
      ws.getCell("E1").value = {
        richText: [{ text: "Bon" }, { text: "jour", font: { bold: true } }],
      };
      ws.getCell("F1").value = { text: "Site du ministère", hyperlink: "https://example.org" };
      ws.getCell("G1").value = {
        text: { richText: [{ text: "lien " }, { text: "riche" }] },
        hyperlink: "https://example.org",
      } as unknown as ExcelJS.CellHyperlinkValue;
    });
    const file = await readXlsx(data, "f.xlsx");
    readable(file);
    expect(file.sheets[0]?.rows[0]?.cells).toEqual([
      { v: null, error: "#N/A" },
      { v: true },
      { v: false },
      { v: new Date("2023-12-31T00:00:00Z") },
      { v: "Bonjour" },
      { v: "Site du ministère" },
      { v: "lien riche" },
    ]);
  });

  it("drops empty and whitespace-only rows and trailing cells, keeps holes inside a row", async () => {
    const data = await build((ws) => {
      ws.getCell("A1").value = "x";
      ws.getCell("C1").value = "z";
      ws.getCell("D1").value = "   ";
      ws.getCell("E1").value = "";
      ws.getCell("A2").value = "";
      ws.getCell("B2").value = " ";
      ws.getCell("A3").style = { font: { bold: true } }; // styled, empty
      ws.getCell("B4").value = " y ";
      ws.getCell("C4").value = " ";
      ws.getCell("D4").value = 0;
    });
    const file = await readXlsx(data, "f.xlsx");
    readable(file);
    expect(file.sheets[0]?.rows).toEqual([
      { row: 1, cells: [{ v: "x" }, undefined, { v: "z" }] },
      { row: 4, cells: [undefined, { v: " y " }, { v: " " }, { v: 0 }] },
    ]);
    // Holes are real entries, not sparse-array gaps.
    expect(Object.keys(file.sheets[0]?.rows[0]?.cells ?? [])).toEqual(["0", "1", "2"]);
  });

  it("flags hidden rows and reads them", async () => {
    const data = await build((ws) => {
      ws.addRow(["code", "statut"]);
      ws.addRow(["1.1", "réalisé"]);
      ws.addRow(["1.2", "en cours"]);
      ws.getRow(3).hidden = true;
    });
    const file = await readXlsx(data, "f.xlsx");
    expect(file.sheets[0]?.rows).toEqual([
      { row: 1, cells: [{ v: "code" }, { v: "statut" }] },
      { row: 2, cells: [{ v: "1.1" }, { v: "réalisé" }] },
      { row: 3, cells: [{ v: "1.2" }, { v: "en cours" }], hidden: true },
    ]);
  });

  it("gives a vertically merged axis to every row it covers, without inventing rows", async () => {
    const data = await build((ws) => {
      ws.getCell("A1").value = "Bilan"; // title merged A1:C1
      ws.mergeCells("A1:C1");
      ws.getCell("A2").value = "Axe 1";
      ws.mergeCells("A2:A4");
      ws.getCell("B2").value = "1.1";
      ws.getCell("B3").value = "1.2";
      ws.getCell("B4").value = "1.3";
      ws.getCell("A6").value = "Note"; // merged block with nothing else in its rows
      ws.mergeCells("A6:B8");
    });
    const file = await readXlsx(data, "f.xlsx");
    readable(file);
    expect(file.sheets[0]?.rows).toEqual([
      { row: 1, cells: [{ v: "Bilan" }, { v: "Bilan" }, { v: "Bilan" }] },
      { row: 2, cells: [{ v: "Axe 1" }, { v: "1.1" }] },
      { row: 3, cells: [{ v: "Axe 1" }, { v: "1.2" }] },
      { row: 4, cells: [{ v: "Axe 1" }, { v: "1.3" }] },
      { row: 6, cells: [{ v: "Note" }, { v: "Note" }] },
    ]);
  });

  it("lists every sheet with its state, in tab order", async () => {
    const data = await build((ws, wb) => {
      ws.getCell("A1").value = 1;
      wb.addWorksheet("Listes", { state: "hidden" }).getCell("A1").value = "réalisé";
      wb.addWorksheet("Config", { state: "veryHidden" });
      wb.addWorksheet("Vide");
    });
    const file = await readXlsx(data, "f.xlsx");
    expect(shape(file)).toEqual([
      ["Feuille", "visible", [1]],
      ["Listes", "hidden", [1]],
      ["Config", "veryHidden", []],
      ["Vide", "visible", []],
    ]);
  });
});

describe("readXlsx: XML that trips spreadsheet libraries", () => {
  const sheet1 = "xl/worksheets/sheet1.xml";

  it("decodes _x000D_ escapes in inline strings", async () => {
    const data = await patchZip(
      await build((ws) => {
        ws.getCell("A1").value = "placeholder";
      }),
      {
        [sheet1]: (xml) =>
          xml.replace(
            /<c r="A1"[^>]*>[\s\S]*?<\/c>/,
            '<c r="A1" t="inlineStr"><is><t>ABC_x000D_\nDEF</t></is></c>',
          ),
      },
    );
    const file = await readXlsx(data, "f.xlsx");
    // The escaped carriage return and the line feed make one line break, as in a typed cell.
    expect(values(file.sheets[0] as RawSheet)).toEqual([["ABC\nDEF"]]);
  });

  it('reads an ISO date cell (t="d") as its text, not as its year', async () => {
    const data = await patchZip(
      await build((ws) => {
        ws.getCell("A1").value = 1;
      }),
      {
        [sheet1]: (xml) =>
          xml.replace(
            /<c r="A1"[^>]*>[\s\S]*?<\/c>/,
            '<c r="A1" t="d"><v>2021-07-06T00:00:00</v></c>',
          ),
      },
    );
    // SheetJS alone gives the serial 44383, no longer a date; the text reaches the date parser.
    const file = await readXlsx(data, "f.xlsx");
    expect(values(file.sheets[0] as RawSheet)).toEqual([["2021-07-06T00:00:00"]]);
  });
  it("ignores document properties that do not follow the format", async () => {
    const data = await patchZip(
      await build((ws) => {
        ws.getCell("A1").value = "ok";
      }),
      {
        // Unprefixed properties, as in calamine's issue_530.xlsx: exceljs alone throws
        // `Unexpected xml node in parseOpen: {"name":"lastModifiedBy"…}`.
        "docProps/core.xml": () =>
          '<?xml version="1.0"?><coreProperties xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"><lastModifiedBy>moi</lastModifiedBy></coreProperties>',
      },
    );
    const file = await readXlsx(data, "f.xlsx");
    readable(file);
    expect(values(file.sheets[0] as RawSheet)).toEqual([["ok"]]);
  });
});

describe("readXlsx: files that are not a readable xlsx", () => {
  it("says what the file is: empty, binary, PDF, HTML, CSV, text, plain zip, ODS", async () => {
    const zip = new JSZip();
    zip.file("notes.txt", "bonjour");
    const plainZip = await zip.generateAsync({ type: "nodebuffer" });
    const ods = new JSZip();
    ods.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
    ods.file("content.xml", "<office:document-content/>");
    const cases: [Buffer, string][] = [
      [Buffer.alloc(0), "le fichier est vide"],
      [
        Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x10]),
        "ce n'est pas un fichier .xlsx (archive zip invalide)",
      ],
      [Buffer.from("%PDF-1.7\n%âãÏÓ\n"), "c'est un document PDF"],
      [
        Buffer.from("<!DOCTYPE html><html><body><table></table></body></html>"),
        "c'est une page HTML renommée en .xlsx",
      ],
      [Buffer.from("code;statut\n1.1;réalisé\n"), "le fichier semble être un CSV renommé en .xlsx"],
      [
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from("code\tstatut\r\n1.1\tfait\r\n", "utf16le"),
        ]),
        "le fichier semble être un CSV renommé en .xlsx",
      ],
      [Buffer.from("01\n002\n00003"), "fichier texte, pas un classeur .xlsx"],
      [plainZip, "archive zip qui ne contient pas de classeur .xlsx"],
      [
        await ods.generateAsync({ type: "nodebuffer" }),
        "document OpenDocument (.ods) renommé en .xlsx : réenregistrez au format .xlsx",
      ],
    ];
    for (const [data, expected] of cases) {
      expect(reason(await readXlsx(data, "x.xlsx"))).toBe(expected);
    }
  });

  it("refuses a truncated zip", async () => {
    const data = await build((ws) => {
      ws.getCell("A1").value = "x";
    });
    const file = await readXlsx(data.subarray(0, Math.floor(data.length / 2)), "t.xlsx");
    expect(reason(file)).toBe("archive zip endommagée ou tronquée");
  });

  it("names a worksheet part that is missing, rather than dropping the sheet silently", async () => {
    const data = await patchZip(
      await build((ws, wb) => {
        ws.getCell("A1").value = 1;
        wb.addWorksheet("Deux").getCell("A1").value = 2;
      }),
      { "xl/worksheets/sheet2.xml": () => null },
    );
    expect(reason(await readXlsx(data, "m.xlsx"))).toBe(
      "partie du classeur manquante : xl/worksheets/sheet2.xml",
    );
  });

  it("names the part whose XML is malformed", async () => {
    const data = await patchZip(
      await build((ws) => {
        ws.getCell("A1").value = 1;
      }),
      { "xl/workbook.xml": (xml) => xml.replace("</workbook>", "") },
    );
    expect(reason(await readXlsx(data, "w.xlsx"))).toBe("XML mal formé dans xl/workbook.xml");
  });
});

describe("readXlsx: LibreOffice file (test/data/xlsx/libreoffice.xlsx, from libreoffice.fods)", () => {
  it("reads merges, percent, dates, booleans, cached formulas, errors and hidden parts", async () => {
    const path = "test/data/xlsx/libreoffice.xlsx";
    const file = await readXlsx(
      readFileSync(new URL("./data/xlsx/libreoffice.xlsx", import.meta.url)),
      path,
    );
    readable(file);
    expect(shape(file)).toEqual([
      ["Bilan", "visible", [1, 2, 3, 4, 5]],
      ["Listes", "hidden", [1]],
    ]);
    const title = { v: "Bilan du plan d'action" };
    const axe = { v: "Prévention" };
    expect(sheet(file, "Bilan").rows).toEqual([
      { row: 1, cells: [title, title, title, title] },
      {
        row: 2,
        cells: ["Axe", "Code", "Taux", "Date", "Budget", "Fait", "Double", "Note"].map((v) => ({
          v,
        })),
      },
      {
        row: 3,
        cells: [
          axe,
          { v: "1.1" },
          { v: 0.45, percent: true },
          { v: new Date("2024-03-15T00:00:00Z") },
          { v: 1234.5 },
          { v: true },
          { v: 2469 },
          { v: "ligne 1\nligne 2" },
        ],
      },
      { row: 4, cells: [axe, { v: "1.2" }, { v: null, error: "#DIV/0!" }], hidden: true },
      { row: 5, cells: [axe, { v: "1.3" }, { v: "ab" }] },
    ]);
    expect(values(sheet(file, "Listes"))).toEqual([["réalisé"]]);
  });
});

describeCorpus("readXlsx: frictionless corpus", () => {
  it("adjust-floating-point-error: cached binary-float results, as stored", async () => {
    const file = await read("frictionless/adjust-floating-point-error.xlsx");
    readable(file);
    expect(shape(file)).toEqual([["Sheet1", "visible", [1, 2, 3, 4, 5, 6]]]);
    expect(values(sheet(file, "Sheet1"))).toEqual([
      ["Sample Name", "peak PO4", "actual PO4 (formula)", "actual PO4 (values)"],
      ["P-1-94-AR P21 16-20cm Pi split 3", 60.565, 242.26, 242.26],
      [
        "W-2-98-NC TF1 0-4cm Total P split 1",
        68.66499999999999,
        274.65999999999997,
        274.65999999999997,
      ],
      [
        "W-2-98-NC TF1 0-4cm Total P split 2",
        72.96499999999999,
        291.85999999999996,
        291.85999999999996,
      ],
      ["TT013-06MC 10-12cm Total P split 3", 12.1, 968, 968],
      ["TT013-06MC 24-26cm Pi split 2", 21.5, 1720, 1720],
    ]);
  });

  it("issue-1024: 54 non-empty rows, 55 columns wide", async () => {
    const file = await read("frictionless/issue-1024.xlsx");
    readable(file);
    const ipc = sheet(file, "IPC");
    const expected = [...Array.from({ length: 52 }, (_, i) => i + 7), 62, 64];
    expect(ipc.rows.map((r) => r.row)).toEqual(expected);
    expect(Math.max(...ipc.rows.map((r) => r.cells.length))).toBe(55);
    expect(values(ipc).slice(0, 3)).toEqual([
      ["Afghanistan"],
      ["IPC Analysis 2017-2022"],
      ["Create date: 15.4.2022"],
    ]);
  });

  it("merged-cells: the merge A1:B3 fills row 1 and invents no row", async () => {
    const file = await read("frictionless/merged-cells.xlsx");
    readable(file);
    expect(shape(file)).toEqual([["Лист1", "visible", [1]]]);
    expect(values(sheet(file, "Лист1"))).toEqual([["data", "data"]]);
  });

  it("multiline-headers: 4 non-empty rows, merge copies only in rows that exist", async () => {
    const file = await read("frictionless/multiline-headers.xlsx");
    readable(file);
    const cost = "Cumulative impact of changes on cost of food basket";
    expect(shape(file)).toEqual([["Лист1", "visible", [1, 4, 5, 6]]]);
    expect(values(sheet(file, "Лист1"))).toEqual([
      ["Region", "Caloric contribution", cost, cost],
      ["Region", "Caloric contribution", "from previous quarter", "from baseline (%)"],
      ["Region", "(%)", "from previous quarter", "from baseline (%)"],
      ["A", "B", "C", "D"],
    ]);
  });

  it("sheets and sheet2: every sheet listed, an empty first sheet has no rows", async () => {
    const sheets = await read("frictionless/sheets.xlsx");
    readable(sheets);
    expect(sheets.sheets.map((s) => [s.name, s.state, values(s)])).toEqual([
      [
        "Sheet1",
        "visible",
        [
          ["id", "name"],
          [1, "london"],
        ],
      ],
      [
        "Sheet2",
        "visible",
        [
          ["id", "name"],
          [2, "paris"],
        ],
      ],
      [
        "Sheet3",
        "visible",
        [
          ["id ", "name"],
          [3, "rome"],
        ],
      ],
    ]);
    const sheet2 = await read("frictionless/sheet2.xlsx");
    readable(sheet2);
    expect(sheet2.sheets.map((s) => [s.name, values(s)])).toEqual([
      ["Sheet1", []],
      [
        "Sheet2",
        [
          ["id", "name"],
          [1, "english"],
          [2, "中国人"],
        ],
      ],
    ]);
  });

  it("skip-rows: merged title, header, data and footer rows", async () => {
    const file = await read("frictionless/skip-rows.xlsx");
    readable(file);
    expect(shape(file)).toEqual([["Sheet 1", "visible", [1, 2, 3, 4]]]);
    expect(values(sheet(file, "Sheet 1"))).toEqual([
      ["Table 1", "Table 1"],
      ["A", "B"],
      [8, 9],
      [null, "TOTAL"],
    ]);
  });

  it("table: Cyrillic sheet name, VLOOKUP cached results, a sheet starting on row 2", async () => {
    const file = await read("frictionless/table.xlsx");
    readable(file);
    expect(shape(file)).toEqual([
      ["Лист1", "visible", [1, 2, 3]],
      ["Sheet 2", "visible", [2, 3]],
    ]);
    expect(values(sheet(file, "Лист1"))).toEqual([
      ["id", "name"],
      [1, "english"],
      [2, "中国人"],
    ]);
  });

  it("merged-cells.xls: legacy BIFF8 is refused with a clear reason", async () => {
    expect(reason(await read("frictionless/merged-cells.xls"))).toBe(
      "ancien format Excel 97-2003 (.xls) renommé en .xlsx : réenregistrez au format .xlsx",
    );
  });
});

describeCorpus("readXlsx: xlsx-public corpus", () => {
  it("any_sheets: hidden and very hidden sheets listed; the chart sheet is not a data sheet", async () => {
    const file = await read("xlsx-public/calamine__any_sheets.xlsx");
    readable(file);
    expect(shape(file)).toEqual([
      ["Visible", "visible", [1, 2, 3, 5]],
      ["Hidden", "hidden", []],
      ["VeryHidden", "veryHidden", []],
    ]);
    expect(values(sheet(file, "Visible"))).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      ["This workbook contains 4 sheets: Visible, Hidden, VeryHidden and Chart"],
    ]);
  });

  it("chart-sheet: the leading chart sheet is left out, Sheet1 is read", async () => {
    const file = await read("xlsx-public/exceljs__chart-sheet.xlsx");
    readable(file);
    expect(shape(file)).toEqual([["Sheet1", "visible", [1, 2, 3, 4, 5, 6, 7]]]);
    expect(values(sheet(file, "Sheet1"))).toEqual([
      ["Month", "Bears", "Dolphins", "Whales"],
      ["Jan", 8, 150, 80],
      ["Feb", 54, 77, 54],
      ["Mar", 93, 32, 100],
      ["Apr", 116, 11, 76],
      ["May", 137, 6, 93],
      ["Jun", 184, 1, 72],
    ]);
  });

  it("merged_range: merges filled in rows that hold values, rows of copies only dropped", async () => {
    const file = await read("xlsx-public/calamine__merged_range.xlsx");
    readable(file);
    expect(shape(file)).toEqual([
      ["Sheet1", "visible", [1, 3, 4]],
      ["Sheet2", "visible", [1, 3, 4]],
    ]);
    expect(values(sheet(file, "Sheet1"))).toEqual([
      ["A1", "B1", "C1", "C1", "E1", "F1", "G1", "H1"],
      ["A3", "B3", "C3", "C3", "E3", "F3", "G3", "H3"],
      ["A4", "B4", "C4", "C4", "E4", "F4", "G4", "H4"],
    ]);
    // A1:A4 is merged vertically: its value reaches rows 3 and 4.
    expect(values(sheet(file, "Sheet2"))).toEqual([
      ["A1", "B1", "C1", "C1", "E1", "F1", "F1", "F1"],
      ["A1", "B3", "C3", "C3", "E3", "F1", "F1", "F1"],
      ["A1", "B4", "C3", "C3", "E4", "F1", "F1", "F1"],
    ]);
  });

  it("errors: seven cached formula errors, in file order, as errors", async () => {
    const file = await read("xlsx-public/calamine__errors.xlsx");
    readable(file);
    expect(shape(file)).toEqual([
      ["Feuil1", "visible", [1, 2, 3, 4, 5, 6, 7]],
      ["Feuil2", "visible", []],
      ["Feuil3", "visible", []],
    ]);
    // The hidden row 20 is empty, so it is not a row.
    expect(sheet(file, "Feuil1").rows.map((r) => r.cells)).toEqual(
      ["#DIV/0!", "#NAME?", "#VALUE!", "#NULL!", "#REF!", "#NUM!", "#N/A"].map((error) => [
        { v: null, error },
      ]),
    );
  });

  it("has_x000D_: the escape in a shared string is decoded", async () => {
    const file = await read("xlsx-public/calamine__has_x000D_.xlsx");
    readable(file);
    expect(values(sheet(file, "Sheet1"))).toEqual([["ABC\r\nDEF"]]);
  });

  it("richtext-namespaced: x:-prefixed parts are read; the merges copy each string", async () => {
    // exceljs alone throws on this file (it matches `worksheet`, not `x:worksheet`).
    const file = await read("xlsx-public/calamine__richtext-namespaced.xlsx");
    readable(file);
    expect(shape(file)).toEqual([
      ["Sheet1", "visible", [1]],
      ["Sheet2", "visible", []],
      ["Sheet3", "visible", []],
    ]);
    const inline = "inline string\nLine 2\nLine 3";
    const shared = "shared string\nLine 2\nLine 3";
    expect(values(sheet(file, "Sheet1"))).toEqual([
      [...Array(7).fill(inline), ...Array(6).fill(shared)],
    ]);
  });

  it("empty_shared_string: an empty shared string is an empty cell, so one row", async () => {
    // MANIFEST counts 2 rows (`abc` and ""); atelier treats "" as empty, like the CSV reader.
    const file = await read("xlsx-public/calamine__empty_shared_string.xlsx");
    readable(file);
    expect(shape(file)).toEqual([["Sheet1", "visible", [1]]]);
    expect(values(sheet(file, "Sheet1"))).toEqual([["abc"]]);
  });

  it("inlineStr_with_value: the <is> text wins over a stray <v>", async () => {
    // exceljs alone throws (`Cannot create property 'richText' on string '1.0'`).
    const file = await read("xlsx-public/calamine__inlineStr_with_value.xlsx");
    readable(file);
    expect(shape(file)).toEqual([["Requirements", "visible", [1, 2]]]);
    expect(values(sheet(file, "Requirements"))).toEqual([
      ["NN", "Hierarchy", null, "Outline Number", "ID", "Name", "Type", "Description"],
      [1, "+", null, "1.", "RQ11610", "requirement", "Textual Requirement", "test"],
    ]);
  });

  it("header-row: columns are not shifted by a dimension starting at A3", async () => {
    const file = await read("xlsx-public/calamine__header-row.xlsx");
    readable(file);
    expect(shape(file)).toEqual([["Sheet1", "visible", [3, 9, 10]]]);
    expect(values(sheet(file, "Sheet1"))).toEqual([
      [null, null, "Note 1"],
      ["Columns", "Column A", "Column B", "Column C"],
      ["put data here", 1, 2, 3],
    ]);
  });

  it("issue_174: a declared A1:XFD1048576 grid is not allocated", async () => {
    const file = await read("xlsx-public/calamine__issue_174.xlsx");
    readable(file);
    expect(shape(file)).toEqual([["Sheet1", "visible", [1, 2]]]);
    expect(values(sheet(file, "Sheet1"))).toEqual([
      [
        "Your Ref #",
        "Contact Name",
        "Contact Number",
        "Address",
        "City ",
        "Weight",
        "Pieces",
        "Material Cost",
        "SPL Instruction",
        "Remarks",
        "Your Company",
      ],
      [
        123,
        "Test Contact Name",
        "Test Contact Number",
        "Hello Address",
        "My City",
        1.5,
        1,
        1.201,
        "Nothing SPL",
        "No Remarks",
        "My Company?",
      ],
    ]);
  }, 20_000);

  it("issue_530: backslash zip paths are normalised and the sheet is read", async () => {
    // exceljs alone finds no sheet at all (it looks for `xl/worksheets/…` with `/`).
    const file = await read("xlsx-public/calamine__issue_530.xlsx");
    readable(file);
    expect(shape(file)).toEqual([["出勤分类组织汇总表", "visible", [1, 2, 3, 4, 5]]]);
    const rows = sheet(file, "出勤分类组织汇总表").rows;
    expect(rows.map((r) => r.cells.length)).toEqual([2, 2, 2, 14, 14]);
    expect(values(sheet(file, "出勤分类组织汇总表"))[4]).toEqual([
      null,
      null,
      "集团IT平台",
      "集团IT平台",
      "技术中心",
      "基础能力",
      " ",
      "9",
      "8",
      "12",
      "1",
      "0",
      "3",
      "2",
    ]);
  });

  it("issue_553: 19 rows from a shared formula's cached Korean strings", async () => {
    const file = await read("xlsx-public/calamine__issue_553.xlsx");
    readable(file);
    const rows = Array.from({ length: 19 }, (_, i) => i + 2);
    expect(shape(file)).toEqual([["Sheet1", "visible", rows]]);
    expect(values(sheet(file, "Sheet1"))).toEqual(rows.map((r) => [null, r > 5 ? "한글" : "영어"]));
  });

  it("strict_iso_paths: Strict Open XML is read (exceljs ignores namespaces)", async () => {
    const file = await read("xlsx-public/calamine__strict_iso_paths.xlsx");
    readable(file);
    const ml = sheet(file, "ml_out");
    expect(ml.rows.map((r) => r.row)).toEqual(Array.from({ length: 76 }, (_, i) => i + 1));
    expect(Math.max(...ml.rows.map((r) => r.cells.length))).toBe(18);
    expect(values(ml).slice(1, 3)).toEqual([
      [
        "150-031260-001_B",
        1.5,
        7,
        4,
        5,
        2,
        78.46,
        2153.93,
        1516.12,
        1051527.3933333333,
        2190,
        496.64,
        2158,
        244,
        269.56,
        12.618328720000001,
        1577291.09,
        104,
      ],
      [
        1625593500, 2, 3, 2, 2, 1, 97.91, 98.5, 98.3, 56969.955, 429.5, 552.16, 371.16, 395.5, 185,
        0.91151928, 113939.91, 24,
      ],
    ]);
  });

  it("pass_protected: an encrypted workbook is refused as such, not as a corrupt zip", async () => {
    expect(reason(await read("xlsx-public/calamine__pass_protected.xlsx"))).toBe(
      "classeur protégé par mot de passe (chiffré) : enlevez le mot de passe et réenregistrez",
    );
  });

  it("invalid-xml: the malformed part is named", async () => {
    expect(reason(await read("xlsx-public/exceljs__invalid-xml.xlsx"))).toBe(
      "XML mal formé dans xl/worksheets/sheet1.xml",
    );
  });

  it("missing-bits: a zip without xl/workbook.xml is refused", async () => {
    // exceljs alone loads it as a workbook with no sheet, without an error.
    expect(reason(await read("xlsx-public/exceljs__missing-bits.xlsx"))).toBe(
      "partie du classeur manquante : xl/workbook.xml",
    );
  });

  it("test-issue-877: four hidden sheets with German names, an empty visible one", async () => {
    const file = await read("xlsx-public/exceljs__test-issue-877.xlsx");
    readable(file);
    expect(file.sheets.map((s) => [s.name, s.state, s.rows.length])).toEqual([
      ["Handlungsanweisung", "visible", 0],
      ["Ersatzteilliste", "hidden", 38],
      ["Leiterprüfung", "hidden", 452],
      ["Feststellanlagen", "hidden", 56],
      ["Schweißgerät", "hidden", 21],
    ]);
    // Formulas saved without a result (the file was written by a generator).
    const row5 = sheet(file, "Ersatzteilliste").rows.find((r) => r.row === 5);
    expect(row5?.cells).toEqual([
      { v: 1 },
      { v: "500" },
      { v: "0212509" },
      { v: "TEH LF40040 0 7035 LF-Kanal 40x40 mm lichtgrau" },
      { v: "1,96" },
      { v: "2" },
      { v: "Meter" },
      undefined,
      { v: "2" },
      { v: 0 }, // =SUM(F5-I5), its cached result 0
    ]);
  });

  it("test-pr-728: the hidden sheet between two visible ones is flagged", async () => {
    const file = await read("xlsx-public/exceljs__test-pr-728.xlsx");
    readable(file);
    expect(file.sheets.map((s) => [s.name, s.state, values(s)])).toEqual([
      ["Sheet1", "visible", [["visible"]]],
      ["Sheet2", "hidden", [["hidden"]]],
      ["Sheet3", "visible", [["visible"]]],
    ]);
  });

  it("KRISHNAPATNAM: 31 rows with values, none made of the title merge alone", async () => {
    const file = await read("xlsx-public/exceljs__1519293514-KRISHNAPATNAM_LINE_UP.xlsx");
    readable(file);
    expect(shape(file)).toEqual([
      [
        "KRISHNAPATNAM",
        "visible",
        [
          4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 22, 23, 24, 26, 28, 29, 30, 31,
          32, 33, 34, 35, 36, 37, 39,
        ],
      ],
      ["Sheet1", "visible", []],
    ]);
    // The dimension says A1:Q253, but values stop at column I.
    expect(Math.max(...sheet(file, "KRISHNAPATNAM").rows.map((r) => r.cells.length))).toBe(9);
  });

  it("fibonacci: cached formula values, B19 = 4181", async () => {
    const file = await read("xlsx-public/exceljs__fibonacci.xlsx");
    readable(file);
    const fib = [1, 1];
    while (fib.length < 19) fib.push((fib.at(-1) ?? 0) + (fib.at(-2) ?? 0));
    expect(shape(file)).toEqual([["fib", "visible", fib.map((_, i) => i + 1)]]);
    expect(values(sheet(file, "fib"))).toEqual(fib.map((f, i) => [i + 1, f]));
    expect(fib[18]).toBe(4181);
  });

  it("1904 and 1900 date systems give the same calendar dates", async () => {
    const e1904 = await read("xlsx-public/exceljs__1904.xlsx");
    readable(e1904);
    expect(shape(e1904)).toEqual([
      ["Sheet1", "visible", [4]],
      ["Sheet2", "visible", []],
      ["Sheet3", "visible", []],
    ]);
    expect(sheet(e1904, "Sheet1").rows[0]?.cells).toEqual([
      undefined,
      { v: new Date("1904-01-01T00:00:00Z") },
    ]);
    for (const name of ["openpyxl__date_1900.xlsx", "openpyxl__date_1904.xlsx"]) {
      const file = await read(`xlsx-public/${name}`);
      readable(file);
      expect(sheet(file, "Sheet1").rows).toEqual([
        { row: 1, cells: [{ v: new Date("2011-10-31T00:00:00Z") }] },
      ]);
    }
  });

  it("empty_no_dimensions: text, numbers with a percent column, a formula, dates", async () => {
    const file = await read("xlsx-public/openpyxl__empty_no_dimensions.xlsx");
    readable(file);
    expect(file.sheets.map((s) => [s.name, s.rows.length])).toEqual([
      ["Sheet1 - Text", 2],
      ["Sheet2 - Numbers", 30],
      ["Sheet3 - Formulas", 1],
      ["Sheet4 - Dates", 1],
    ]);
    expect(values(sheet(file, "Sheet1 - Text"))).toEqual([
      ["This is cell A1 in Sheet 1"],
      [null, null, null, null, null, null, "This is cell G5"],
    ]);
    expect(sheet(file, "Sheet2 - Numbers").rows[0]?.cells[10]).toEqual({ v: 0.01, percent: true });
    expect(sheet(file, "Sheet3 - Formulas").rows).toEqual([
      { row: 2, cells: [undefined, undefined, undefined, { v: 5 }] },
    ]);
    expect(values(sheet(file, "Sheet4 - Dates"))).toEqual([
      [new Date("1973-05-20T00:00:00Z"), null, new Date("1973-05-20T09:15:02Z")],
    ]);
  });

  it("bigfoot: 1024 empty sheets, listed in order", async () => {
    // exceljs alone throws on its `ns0:`-prefixed relationship parts.
    const file = await read("xlsx-public/openpyxl__bigfoot.xlsx");
    readable(file);
    expect(file.sheets).toEqual(
      Array.from({ length: 1024 }, (_, i) => ({ name: `sheet #${i}`, state: "visible", rows: [] })),
    );
  }, 20_000);

  it("bank2ynab .xls that is a CSV: refused as a renamed CSV", async () => {
    expect(reason(await read("other-public/bank2ynab__test_swedebank_statement.xls"))).toBe(
      "le fichier semble être un CSV renommé en .xlsx",
    );
  });
});

describeCorpus("readXlsx: never throws", () => {
  const files = corpusFiles((p) => /\.(xlsx|xls|csv|tsv)$/.test(p));

  it("answers every corpus file with sheets or exactly one file-unreadable issue", async () => {
    expect(files.length).toBeGreaterThan(60);
    for (const path of files) {
      const file = await readXlsx(corpus(path), path);
      if (path.endsWith(".xlsx")) {
        // Every public .xlsx in the corpus is readable except these three.
        const refused = [
          "calamine__pass_protected",
          "exceljs__invalid-xml",
          "exceljs__missing-bits",
        ];
        if (refused.some((r) => path.includes(r))) expect(file.issues).toHaveLength(1);
        else expect([path, file.issues]).toEqual([path, []]);
      } else {
        expect([path, flatten(file.issues, ["code"])]).toEqual([path, [["file-unreadable"]]]);
        expect(file.sheets).toEqual([]);
      }
    }
  }, 60_000);
});
