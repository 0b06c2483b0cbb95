import { expect, it } from "vitest";
import { CORPUS_DIR, corpusFiles, describeCorpus } from "./helpers/corpus.js";
import { run } from "./helpers/workshop.js";

/**
 * Every file of the public corpus gets an answer from `validate`: one JSON document and exit 1
 * (none of them is a workshop submission), or exit 2 with one line for formats we do not read.
 */

const validate = (file: string) => run("validate", `${CORPUS_DIR}${file}`, "--format", "json");

/** Issue codes expected per file, beyond the `header-not-found` every foreign table gets. */
const SPECIAL: Record<string, string[]> = {
  "frictionless/empty.csv": ["empty-file"],
  "xlsx-public/openpyxl__bigfoot.xlsx": ["empty-file"],
  "frictionless/latin1.csv": ["encoding-fallback", "header-not-found"],
  // Greek read as Windows-1252: runs of accented letters, so the reading is doubtful.
  "frictionless/table-infer-iso-8859-7.csv": ["encoding-uncertain", "header-not-found"],
  "french-locale/frictionless__table-with-accents.csv": ["encoding-fallback", "header-not-found"],
  "french-locale/validateur-bal__sample.ansi.csv": ["encoding-fallback", "header-not-found"],
  "other-public/bank2ynab__CSV_A_20180414_112204.csv": ["encoding-fallback", "header-not-found"],
  "xlsx-public/calamine__pass_protected.xlsx": ["file-unreadable"],
  // A comma CSV named .xls: said to be no workbook, never parsed as one (MANIFEST).
  "other-public/bank2ynab__test_swedebank_statement.xls": ["file-unreadable"],
  "xlsx-public/exceljs__invalid-xml.xlsx": ["file-unreadable"],
  "xlsx-public/exceljs__missing-bits.xlsx": ["file-unreadable"],
  "xlsx-public/calamine__any_sheets.xlsx": ["hidden-sheet", "header-not-found", "sheet-skipped"],
  "xlsx-public/exceljs__test-issue-877.xlsx": ["hidden-sheet", "header-not-found"],
  "xlsx-public/exceljs__test-pr-728.xlsx": ["hidden-sheet", "header-not-found", "sheet-skipped"],
};

// formats/ (.ods and legacy .xls read natively) is not among them: its expectations are another reader's.
const files = corpusFiles((p) =>
  /^(frictionless|french-locale|other-public|xlsx-public)\//.test(p),
);

describeCorpus("validate on the public corpus", () => {
  it.each(files.filter((f) => /\.(csv|tsv|xlsx|xls)$/.test(f)))("%s", async (file) => {
    const r = await validate(file);
    expect(r.err).toBe("");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    const codes = [...new Set(json.files[0].problems.map((p: { code: string }) => p.code))].sort();
    const expected =
      SPECIAL[file] ??
      (/\.xlsx?$/.test(file) ? ["header-not-found", "sheet-skipped"] : ["header-not-found"]);
    expect(codes).toEqual([...expected].sort());
  });
});
