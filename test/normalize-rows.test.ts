import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config.js";
import type { TableKind } from "../src/fields.js";
import { flatten, type Issue } from "../src/issues.js";
import { buildTable } from "../src/normalize/index.js";
import { contextFor, readIdentification, readRow } from "../src/normalize/row.js";
import type { Cell, RawRow, RawSheet } from "../src/read/types.js";

/**
 * How one data row becomes a record (src/normalize/row.ts): the columns that are not fields,
 * metadata columns, a field given by two columns, calendars and costs by year, amounts in another
 * currency, CSV records longer than their header, and the Identification sheet.
 */

const config = defaultConfig(".");

type Value = Cell["v"] | Cell | undefined;

/** A row of cells from plain values or whole cells; `undefined` leaves a hole. */
function rowOf(row: number, values: readonly Value[]): RawRow {
  return {
    row,
    cells: values.map((v) =>
      v === undefined
        ? undefined
        : v !== null && typeof v === "object" && !(v instanceof Date)
          ? v
          : { v },
    ),
  };
}

function sheetOf(rows: readonly (readonly Value[])[], name?: string): RawSheet {
  return {
    ...(name === undefined ? {} : { name }),
    state: "visible",
    rows: rows.map((values, i) => rowOf(i + 1, values)),
  };
}

/** A table from its header (row 1) and data rows (from row 2), and each data row read. */
function read(
  kind: TableKind,
  header: readonly string[],
  rows: readonly (readonly Value[])[],
  options: { name?: string; format?: "csv" | "xlsx"; delimiter?: string } = {},
) {
  const s = sheetOf([header, ...rows], options.name);
  const format = options.format ?? (options.name === undefined ? "csv" : "xlsx");
  const table = buildTable(s, kind, 0, format === "csv" ? "g.csv" : "g.xlsx", format);
  const ctx = contextFor(kind, config);
  const records = s.rows.slice(1).map((r) => readRow(table, r, ctx, options.delimiter));
  return { table, records };
}

/** The one record of a one-row table. */
function readOne(
  kind: TableKind,
  header: readonly string[],
  row: readonly Value[],
  options: { name?: string; format?: "csv" | "xlsx"; delimiter?: string } = {},
) {
  const record = read(kind, header, [row], options).records[0];
  if (!record) throw new Error("no record");
  return record;
}

const brief = (issues: readonly Issue[]) => flatten(issues, ["code", "column", "field", "value"]);

const BILAN = ["Axe", "Code activité", "Activité", "Statut"];
const ROW = ["Axe 1", "1.1.1", "Sensibiliser", "Réalisé"];
const PROPOSITION = ["Axe", "Objectif", "Action", "Indicateur", "Responsable"];
const PROPOSED = ["2", "Protéger", "Centres d'accueil", "Nombre", "DNPEF"];

describe("where a row and its problems are", () => {
  it("a workbook row names its file, sheet and row, and each problem its cell and header", () => {
    const r = readOne("bilan", BILAN, ["Axe 1", "1.1.1", "Sensibiliser", "Fini"], {
      name: "Bilan",
    });
    expect([r.file, r.sheet, r.row]).toEqual(["g.xlsx", "Bilan", 2]);
    expect(r.issues.map((i) => [i.file, i.sheet, i.row, i.column, i.header])).toEqual([
      ["g.xlsx", "Bilan", 2, "D", "Statut"],
    ]);
  });

  it("the problems of a CSV row carry no sheet at all, not even an empty one", () => {
    // Outputs list the keys they are given: an undefined sheet would show as a blank column.
    const r = readOne("bilan", BILAN, ["Axe 1", "1.1.1", "Sensibiliser", "Fini"]);
    expect(r.sheet).toBeUndefined();
    expect(r.issues.map((i) => Object.keys(i).includes("sheet"))).toEqual([false]);
  });
});

describe("columns that name no field", () => {
  it("keeps a non-empty cell under an unknown header among the extras, and skips an empty one", () => {
    const { records } = read(
      "bilan",
      [...BILAN, "Lieu"],
      [
        [...ROW, "Bamako"],
        [...ROW, ""],
      ],
    );
    expect(records.map((r) => r.extras)).toEqual([{ Lieu: "Bamako" }, {}]);
    expect(records.map((r) => r.issues)).toEqual([[], []]);
  });

  it("ignores data under a blank header: the table reports it once, the row reads on", () => {
    const { table, records } = read("bilan", [...BILAN, ""], [[...ROW, "perdu"]], {
      name: "Bilan",
    });
    expect(flatten(table.issues, ["code", "column"])).toEqual([["blank-header", "E"]]);
    const [r] = records;
    expect(r?.issues).toEqual([]);
    expect(r?.extras).toEqual({});
    expect(Object.values(r?.values ?? {})).not.toContain("perdu");
  });
});

describe("metadata columns in a data row", () => {
  it.each([
    ["the first column when both are filled", "Groupe 1", "Groupe 2", "Groupe 1"],
    ["the second when the first is empty", "", "Groupe 2", "Groupe 2"],
    ["the second when the first says « néant »", "néant", "Groupe 2", "Groupe 2"],
    ["nothing when both are empty markers", "-", "néant", undefined],
  ])("a group given by two columns takes %s", (_, first, second, expected) => {
    const r = readOne("bilan", [...BILAN, "Groupe", "GT"], [...ROW, first, second]);
    expect(r.meta.groupe).toBe(expected);
    expect(r.issues).toEqual([]);
  });

  it("reports a date that is no date at its cell, with the field's label", () => {
    const r = readOne("bilan", [...BILAN, "Date"], [...ROW, "31/02/2023"], { name: "Bilan" });
    expect(r.meta).toEqual({});
    expect(brief(r.issues)).toEqual([["type-error", "E", "date", "31/02/2023"]]);
    expect(r.issues[0]?.params.label).toEqual({ fr: "Date", en: "Date" });
  });
});

describe("a field given by two columns", () => {
  // « Statut » and « État » both name the status: the table says the column is a duplicate,
  // and each row takes the first value given, and says when the second one disagrees.
  const HEADER = [...BILAN, "État"];
  it.each([
    ["the same value twice", "Réalisé", "realise", "realise", "D", []],
    ["a value then an empty cell", "Réalisé", "", "realise", "D", []],
    ["an empty cell then a value", "", "En cours", "en_cours", "E", []],
    ["two empty cells", "", "", null, "D", []],
    [
      "two different values",
      "Réalisé",
      "En cours",
      "realise",
      "D",
      [["conflicting-columns", "E", "statut", "Réalisé"]],
    ],
    [
      "a wrong value then a right one",
      "Fini",
      "En cours",
      "en_cours",
      "E",
      [["invalid-value", "D", "statut", "Fini"]],
    ],
    [
      "a wrong value then an empty cell",
      "Fini",
      "",
      null,
      "D",
      [["invalid-value", "D", "statut", "Fini"]],
    ],
  ])("%s: value, cell and problems", (_, first, second, value, letter, issues) => {
    const { table, records } = read("bilan", HEADER, [[...ROW.slice(0, 3), first, second]]);
    expect(flatten(table.issues, ["code", "column"])).toEqual([["duplicate-column", "E"]]);
    const r = records[0];
    expect(r?.values.statut).toBe(value);
    expect(r?.cells.statut?.letter).toBe(letter);
    expect(brief(r?.issues ?? [])).toEqual(issues);
  });

  it("a disagreement quotes the first value and names the other", () => {
    const r = readOne("bilan", HEADER, [...ROW.slice(0, 3), "Réalisé", "En cours"]);
    expect(r.issues[0]?.params).toEqual({
      label: { fr: "Statut", en: "Status" },
      other: "En cours",
    });
  });

  it("any other field keeps its own value", () => {
    const r = readOne("bilan", [...HEADER, "Observations"], [...ROW, "", "RAS"]);
    expect(r.values).toMatchObject({ activite: "Sensibiliser", observations: "RAS" });
  });
});

describe("the cell a value or a problem comes from", () => {
  it("a field whose cell is wrong is null, and points at that cell", () => {
    const r = readOne("bilan", BILAN, ["Axe 1", "1.1.1", "Sensibiliser", "Fini"]);
    expect(r.values.statut).toBeNull();
    expect(r.cells.statut?.letter).toBe("D");
  });
});

describe("a calendar given as one column per year", () => {
  const YEARS = ["2022", "2023", "2027", "2028"];

  it.each(["non", "NON", "0", "n", "No"])("« %s » leaves a year unmarked, unsaid", (mark) => {
    const r = readOne("propositions", [...PROPOSITION, ...YEARS], [...PROPOSED, "", mark, "x", ""]);
    expect(r.issues).toEqual([]);
    expect(r.values.calendrier).toEqual([2027]);
  });

  it("a mark that is neither yes nor no is a type error on the calendar, under the year's header", () => {
    const r = readOne(
      "propositions",
      [...PROPOSITION, ...YEARS],
      [...PROPOSED, "", "peut-être", "x", ""],
    );
    expect(brief(r.issues)).toEqual([["type-error", "G", "calendrier", "peut-être"]]);
    expect(r.issues[0]?.params.label).toBe("2023");
  });

  it("merges the marked years with a written calendar, in order and once each", () => {
    // Year columns in any order, and a year both written and marked.
    const r = readOne(
      "propositions",
      [...PROPOSITION, "Calendrier", "2026", "2024", "2025"],
      [...PROPOSED, "2025-2026", "x", "x", ""],
    );
    expect(r.values.calendrier).toEqual([2024, 2025, 2026]);
    expect(r.issues).toEqual([]);
  });

  it.each([
    ["year columns, none marked", [...PROPOSITION, "2024", "2025"], [...PROPOSED, "", "non"]],
    ["an empty calendar column", [...PROPOSITION, "Calendrier"], [...PROPOSED, ""]],
  ])("no calendar with %s: the calendar is missing (null)", (_, header, row) => {
    const r = readOne("propositions", header, row);
    expect(r.values.calendrier).toBeNull();
  });

  it("reports the marked years outside the plan once, at the first one's column", () => {
    // The plan runs from 2023 to 2027: its first and last years are in it.
    const r = readOne(
      "propositions",
      [...PROPOSITION, ...YEARS],
      [...PROPOSED, "x", "x", "x", "x"],
    );
    expect(r.values.calendrier).toEqual([2022, 2023, 2027, 2028]);
    expect(brief(r.issues)).toEqual([["calendar-out-of-period", "F", "calendrier", "x"]]);
    expect(r.issues[0]?.params).toEqual({
      label: { fr: "Calendrier", en: "Timeline" },
      years: "2022, 2028",
      from: 2023,
      to: 2027,
    });
  });

  it("says nothing when every marked year is in the plan", () => {
    const r = readOne("propositions", [...PROPOSITION, ...YEARS], [...PROPOSED, "", "x", "x", ""]);
    expect(r.values.calendrier).toEqual([2023, 2027]);
    expect(r.issues).toEqual([]);
  });
});

describe("costs given as one column per year", () => {
  // Columns F to J; the plan runs from 2023 to 2027.
  const HEADER = [
    ...PROPOSITION,
    "Calendrier",
    "Coût 2022 (FCFA)",
    "Coût 2023 (FCFA)",
    "Coût 2027 (FCFA)",
    "Coût 2028 (FCFA)",
  ];

  it("takes the plan's last year, leaves empty years out, and points at the first cost given", () => {
    const r = readOne("propositions", HEADER, [...PROPOSED, "2027", "", "", "1 000 000", ""]);
    expect(r.values.cout_annuel).toEqual({ 2027: 1000000 });
    expect(r.cells.cout_annuel?.letter).toBe("I");
    expect(r.issues).toEqual([]);
  });

  it("no cost at all leaves the yearly costs missing (null)", () => {
    const r = readOne("propositions", HEADER, [...PROPOSED, "2027", "", "", "", ""]);
    expect(r.values.cout_annuel).toBeNull();
    expect(r.cells.cout_annuel).toBeUndefined();
  });

  it("reports a cost in a year before or after the plan, under its header, and leaves it out", () => {
    const r = readOne("propositions", HEADER, [...PROPOSED, "2027", "200", "500", "", "300"]);
    expect(r.values.cout_annuel).toEqual({ 2023: 500 });
    expect(brief(r.issues)).toEqual([
      ["calendar-out-of-period", "G", "cout_annuel", "200"],
      ["calendar-out-of-period", "J", "cout_annuel", "300"],
    ]);
    expect(r.issues.map((i) => i.params)).toEqual([
      { label: "Coût 2022 (FCFA)", years: 2022, from: 2023, to: 2027 },
      { label: "Coût 2028 (FCFA)", years: 2028, from: 2023, to: 2027 },
    ]);
  });

  it("names a wrong yearly cost by its header, which says the year, and points at it", () => {
    const r = readOne("propositions", HEADER, [...PROPOSED, "2027", "", "", "beaucoup", ""]);
    expect(brief(r.issues)).toEqual([["type-error", "I", "cout_annuel", "beaucoup"]]);
    expect(r.issues[0]?.params.label).toBe("Coût 2027 (FCFA)");
    expect(r.cells.cout_annuel?.letter).toBe("I");
  });
});

describe("an amount column in another currency", () => {
  const HEADER = [...BILAN, "Budget prévu (USD)"];
  it.each<[string, Value]>([
    ["a number", 1500],
    ["a text", "1 500"],
    ["an amount it cannot read", "environ 1 500"],
  ])("refuses %s at its cell", (_, cell) => {
    const r = readOne("bilan", HEADER, [...ROW, cell], { name: "Bilan" });
    expect(flatten(r.issues, ["code", "column", "field"])).toEqual([
      ["currency-mismatch", "E", "budget_prevu"],
    ]);
    expect(r.values.budget_prevu).toBeNull();
  });

  // The currency is not what is wrong with a cell that holds no value: it says so, as elsewhere.
  it.each<[string, Value, string]>([
    ["an Excel error", { v: null, error: "#N/A" }, "cell-error"],
    ["a formula without its result", { v: null, formula: "B2*600" }, "formula-no-cached-value"],
  ])("says %s is one, not a currency mismatch", (_, cell, code) => {
    const r = readOne("bilan", HEADER, [...ROW, cell], { name: "Bilan" });
    expect(flatten(r.issues, ["code", "column", "field"])).toEqual([[code, "E", "budget_prevu"]]);
    // Named as written: the field's label would say FCFA.
    expect(r.issues[0]?.params.label).toBe("Budget prévu (USD)");
    expect(r.values.budget_prevu).toBeNull();
  });

  it.each<[string, Value]>([
    ["an empty cell", ""],
    ["« néant »", "néant"],
    ["« - »", "-"],
  ])("says nothing of %s", (_, cell) => {
    const r = readOne("bilan", HEADER, [...ROW, cell], { name: "Bilan" });
    expect(r.issues).toEqual([]);
    expect(r.values.budget_prevu).toBeNull();
  });
});

describe("an amount column of a unit atelier does not know", () => {
  it("names a wrong amount by its header as written, not by the label in FCFA", () => {
    const r = readOne("bilan", [...BILAN, "Budget prévu (devise locale)"], [...ROW, "beaucoup"]);
    // The unit itself is said once, for the table (unit-unknown).
    expect(flatten(r.issues, ["code", "column", "value"])).toEqual([
      ["type-error", "E", "beaucoup"],
    ]);
    expect(r.issues[0]?.params.label).toBe("Budget prévu (devise locale)");
  });
});

describe("a CSV record longer than its header", () => {
  it("is flagged once, after the last column, with every extra value and their count", () => {
    const r = readOne("bilan", BILAN, [...ROW, "a", "", "b"], { delimiter: ";" });
    expect(flatten(r.issues, ["code", "row", "column", "value"])).toEqual([
      ["extra-cell", 2, "E", "a;b"],
    ]);
    // The count is of the cells past the header, empty ones included.
    expect(r.issues[0]?.params).toEqual({ count: 3, extra: "« a », « b »", delimiter: ";" });
  });

  it.each([
    ["ends with empty fields", [...ROW, "", " "]],
    ["is as long as its header", ROW],
  ])("is not flagged when it %s", (_, row) => {
    const r = readOne("bilan", BILAN, row, { delimiter: ";" });
    expect(r.issues).toEqual([]);
  });

  it("is a CSV thing: a row read without a delimiter is never flagged", () => {
    // A workbook's table spans its widest row; here the table is built from the header alone.
    const s = sheetOf([BILAN], "Bilan");
    const table = buildTable(s, "bilan", 0, "g.xlsx", "xlsx");
    const r = readRow(table, rowOf(2, [...ROW, "a"]), contextFor("bilan", config));
    expect(r.issues).toEqual([]);
  });
});

describe("the context a table is read under", () => {
  it("reads the same table again under another context with that context's synonyms", () => {
    const s = sheetOf([BILAN, [...ROW.slice(0, 3), "Bouclé"]]);
    const table = buildTable(s, "bilan", 0, "g.csv", "csv");
    const row = s.rows[1] as RawRow;
    const plain = contextFor("bilan", config);
    const withSynonym = contextFor("bilan", {
      ...config,
      synonyms: { statut: { realise: ["bouclé"] } },
    });
    expect(brief(readRow(table, row, plain).issues)).toEqual([
      ["invalid-value", "D", "statut", "Bouclé"],
    ]);
    expect(readRow(table, row, withSynonym).values.statut).toBe("realise");
    expect(readRow(table, row, plain).values.statut).toBeNull();
  });
});

describe("the Identification sheet", () => {
  const identification = (rows: readonly (readonly Value[])[], name?: string) =>
    readIdentification(sheetOf(rows, name), "g.xlsx");

  it("skips rows whose first cell is empty or not a label", () => {
    const id = identification(
      [
        [undefined, "Groupe 9"],
        [2023, "Groupe 8"],
        [true, "Groupe 7"],
        ["Groupe de travail :", "Groupe 2"],
      ],
      "Identification",
    );
    expect(id.meta).toEqual({ groupe: "Groupe 2" });
    expect(id.issues).toEqual([]);
  });

  it("takes the next non-empty cell as the value, and keeps the first of a repeated label", () => {
    const id = identification(
      [
        ["Date :", "", "05/07/2023"],
        ["Lieu :", "Bamako"],
        ["Session :"],
        ["Structure", "OIM"],
        ["Organisation", "ONUDC"],
      ],
      "Identification",
    );
    expect(id.meta).toEqual({ date: "2023-07-05", structure: "OIM" });
    expect(id.cells).toEqual({
      date: { file: "g.xlsx", sheet: "Identification", row: 1, column: "C", header: "Date :" },
      structure: {
        file: "g.xlsx",
        sheet: "Identification",
        row: 4,
        column: "B",
        header: "Structure",
      },
    });
  });

  it("an empty marker as the value gives no metadata and no cell", () => {
    const id = identification(
      [
        ["Rapporteur", "néant"],
        ["Session", "-"],
      ],
      "Identification",
    );
    expect(id).toEqual({ meta: {}, issues: [], cells: {} });
  });

  it.each([
    ["Date de la session:", "date"],
    ["Date de la:session", "date"],
    ["Date:Lieu", undefined],
  ])("knows a label by its words alone: « %s » names %s", (label, field) => {
    const id = identification([[label, "2023-07-05"]], "Identification");
    expect(Object.keys(id.meta)).toEqual(field === undefined ? [] : [field]);
  });

  it("a sheet without a name gives locations without a sheet", () => {
    const id = identification([
      ["Date", "31/02/2023"],
      ["Groupe", "Groupe 2"],
    ]);
    expect(id.cells).toStrictEqual({
      groupe: { file: "g.xlsx", row: 2, column: "B", header: "Groupe" },
    });
    expect(flatten(id.issues, ["code", "row", "column", "field", "value"])).toEqual([
      ["type-error", 1, "B", "date", "31/02/2023"],
    ]);
    expect(Object.keys(id.issues[0] ?? {})).not.toContain("sheet");
  });
});
