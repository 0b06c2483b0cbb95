import { describe, expect, it } from "vitest";
import type { TableKind } from "../src/fields.js";
import { flatten } from "../src/issues.js";
import {
  BlankCells,
  buildTable,
  detectTable,
  hasValue,
  headerKey,
  isHelperSheet,
  isIdentificationSheet,
  readHeaderUnit,
} from "../src/normalize/index.js";
import type { Cell, RawRow, RawSheet } from "../src/read/types.js";

/**
 * How a sheet becomes a table: which sheets are skipped, how a header's words and unit are read,
 * where the header is and what kind of table it heads, and the header-level problems of the
 * table (unknown, duplicate, blank and missing columns). Complements test/normalize.test.ts.
 */

type Value = string | number | null | undefined;

/** A row of plain values; `undefined` is a cell the file does not hold (a sparse XLSX row). */
function rowOf(row: number, values: Value[]): RawRow {
  return { row, cells: values.map((v) => (v === undefined ? undefined : { v })) };
}

/** A sheet whose rows follow each other from row 1. */
function sheet(rows: Value[][], name?: string): RawSheet {
  return { ...(name ? { name } : {}), state: "visible", rows: rows.map((r, i) => rowOf(i + 1, r)) };
}

/** A sheet whose rows are at the given row numbers (blank rows left out, as readers do). */
function sheetAt(rows: [number, Value[]][], name?: string): RawSheet {
  return { ...(name ? { name } : {}), state: "visible", rows: rows.map(([n, r]) => rowOf(n, r)) };
}

const KINDS: TableKind[] = ["bilan", "constats", "propositions"];

/** Where the header was found (index of its last row) and its kind, or `undefined`. */
function found(s: RawSheet) {
  const t = detectTable(s, KINDS);
  return t && { kind: t.kind, headerIndex: t.headerIndex };
}

/** The header found, as the table reads it: the column names. */
function headerNames(s: RawSheet) {
  const t = detectTable(s, KINDS);
  if (!t) throw new Error("no header");
  return t.header.cells.map((c) => (c ? c.v : undefined));
}

const BILAN = ["Axe", "Code activité", "Activité", "Statut"];

describe("sheets that never hold data", () => {
  it.each([
    ["Instructions", true],
    ["LISEZ-MOI", true],
    ["Mode d’emploi", true],
    ["Listes", true],
    ["Bilan", false],
    ["Instructions bilan", false],
    [undefined, false],
  ])("%j is a helper sheet: %s", (name, helper) => {
    expect(isHelperSheet(name)).toBe(helper);
  });

  it.each([
    ["Identification", true],
    ["Fiche d'identification", true],
    ["Fiche d’identification", true],
    ["Métadonnées", true],
    ["INFORMATIONS", true],
    ["Bilan", false],
    [undefined, false],
  ])("%j is an identification sheet: %s", (name, identification) => {
    expect(isIdentificationSheet(name)).toBe(identification);
  });
});

describe("header keys: a unit or a note anywhere in the header is not a word of it", () => {
  it.each([
    // A bracket group in the middle of the header: the words after it stay.
    ["Budget [FCFA] prévu", "budget prevu"],
    ["Budget (M FCFA) prévu", "budget prevu"],
    ["Budget(note)prévu", "budget prevu"],
    // A star inside the header separates words; only trailing stars mark a required column.
    ["Code*activité", "code activite"],
    ["Code activité **", "code activite"],
    // The CFA franc written between the words, with or without its multiplier.
    ["Budget FCFA prévu", "budget prevu"],
    ["Budget XOF prévu", "budget prevu"],
    ["Budget en FCFA prévu", "budget prevu"],
    ["Budget en F CFA prévu", "budget prevu"],
    ["Budget en millions FCFA prévu", "budget prevu"],
    ["Budget en millions de FCFA prévu", "budget prevu"],
    ["Budget en million de FCFA prévu", "budget prevu"],
    ["Budget en milliers de FCFA prévu", "budget prevu"],
    ["Budget en millier de FCFA prévu", "budget prevu"],
  ])("%j → %j", (header, key) => {
    expect(headerKey(header)).toBe(key);
  });
});

describe("header units", () => {
  const unit = (scale: number, start: number, end: number, currency?: string) => ({
    unit: currency === undefined ? { scale, start, end } : { scale, currency, start, end },
  });

  it.each([
    // A multiplier alone in the last words counts only when written out after `en`.
    ["Budget prévu en milliers", unit(1000, 13, 24)],
    ["Budget - en milliers", unit(1000, 9, 20)],
    ["Budget prévu en M", {}],
    // `F` alone is a word of the label; with a multiplier it is the franc.
    ["Montant de F", {}],
    ["Budget F x 1 000", unit(1000, 7, 16, "XOF")],
    ["Coût USD", unit(1, 5, 8, "USD")],
    ["Budget prévu en F.C.F.A.", unit(1, 13, 24, "XOF")],
    // Trailing stars (a required column) are not part of the unit.
    ["Budget en USD*", unit(1, 7, 13, "USD")],
    ["Budget en USD **", unit(1, 7, 13, "USD")],
    ["Budget en USD* ", unit(1, 7, 13, "USD")],
    ["Coût * total en USD", unit(1, 13, 19, "USD")],
    ["Budget prévu", {}],
  ])("trailing words of %j", (header, expected) => {
    expect(readHeaderUnit(header)).toStrictEqual(expected);
  });

  it.each([
    // Words are tried longest first, then shorter ones: `md` (milliard) fails, `m` + `dollars` reads.
    ["Budget (M dollars)", unit(1e6, 7, 18, "USD")],
    ["Budget (yen millions)", unit(1e6, 7, 21, "JPY")],
    ["Budget (enmillions)", unit(1e6, 7, 19)],
    // Two multipliers or two currencies are no unit atelier knows.
    ["Budget (M k)", { unknown: "M k" }],
    ["Budget (USD EUR)", { unknown: "USD EUR" }],
    // A period beside a unit word may hide a unit; a period alone is a note.
    ["Budget prévu (PAN 2018-2022, k)", { unknown: "PAN 2018-2022, k" }],
    ["Budget prévu (PAN 2018-2022)", {}],
    // An unknown group stays reported when the last words name no unit.
    ["Budget (devise locale) en M", { unknown: "devise locale" }],
  ])("bracket group of %j", (header, expected) => {
    expect(readHeaderUnit(header)).toStrictEqual(expected);
  });

  it("reads a unit of up to 40 letters, and takes a longer text for a sentence", () => {
    const of = (n: number) => `Budget (M FCFA${" x".repeat(n)})`;
    // `mfcfa` and 35 fillers: 40 letters once spaces are taken out.
    expect(readHeaderUnit(of(35))).toStrictEqual(unit(1e6, 7, of(35).length, "XOF"));
    expect(readHeaderUnit(of(36))).toStrictEqual({ unknown: `M FCFA${" x".repeat(36)}` });
  });

  it("takes a word of up to 40 letters beside a period for a possible unit, a longer one for a note", () => {
    const of = (n: number) => `Budget (PAN 2023 ${"x".repeat(n)}m)`;
    expect(readHeaderUnit(of(39))).toStrictEqual({ unknown: `PAN 2023 ${"x".repeat(39)}m` });
    expect(readHeaderUnit(of(40))).toStrictEqual({});
  });
});

describe("columns a table reads", () => {
  /** Each column's header, role and field, and the header-level issues. */
  function table(kind: TableKind, rows: Value[][], format: "csv" | "xlsx" = "xlsx") {
    const t = buildTable(sheet(rows), kind, 0, `g.${format}`, format);
    return {
      columns: t.columns.map((c) => [c.letter, c.role, c.field?.id ?? null]),
      issues: flatten([...t.issues, ...t.fatal], ["code", "column", "field"]),
      params: t.issues.map((i) => i.params),
    };
  }

  it("never reads a form tool's own column (`_status`) as one of ours", () => {
    const t = table("bilan", [[...BILAN, "_status"]]);
    expect(t.columns[4]).toEqual(["E", "unknown", null]);
    expect(t.issues).toEqual([["unknown-column", "E", undefined]]);
  });

  it("reads a year as a calendar column in propositions only", () => {
    expect(table("bilan", [[...BILAN, "2023"]]).columns[4]).toEqual(["E", "unknown", null]);
    expect(table("propositions", [["Action", "2023", "2024 bis"]]).columns).toEqual([
      ["A", "field", "action"],
      ["B", "calendarYear", null],
      ["C", "unknown", null],
    ]);
  });

  it("takes a template's placeholder `Coût {year}` left as is for an unknown column", () => {
    const t = table("propositions", [["Action", "Coût {year} (FCFA)"]]);
    expect(t.columns[1]).toEqual(["B", "unknown", null]);
    // Suggestions are columns one may write, never the pattern of the yearly costs.
    expect(t.params[0]).toEqual({});
  });

  it("reports a metadata column, a year and a yearly cost written twice, naming the first", () => {
    const t = table("propositions", [
      ["Groupe", "Action", "Groupe", "2024", "Coût 2024", "2024", "Coût 2024", "Coût 2025"],
    ]);
    expect(t.issues.filter(([code]) => code === "duplicate-column")).toEqual([
      ["duplicate-column", "C", "groupe"],
      ["duplicate-column", "F", "calendrier"],
      ["duplicate-column", "G", "cout_annuel"],
    ]);
    expect(t.params.slice(0, 3)).toEqual([
      { label: "Groupe", first: "A" },
      { label: "2024", first: "D" },
      { label: "Coût 2024", first: "E" },
    ]);
  });

  it("keeps a consolidated table's provenance and cluster columns without a word, not a group's", () => {
    const consolidated = [...BILAN, "Groupes", "Sessions", "Sources", "Cluster"];
    expect(table("bilan", [consolidated]).issues).toEqual([]);
    expect(table("bilan", [[...BILAN, "Cluster"]]).issues).toEqual([
      ["unknown-column", "E", undefined],
    ]);
  });

  it("requires the calendar unless years are given as columns, and the other columns anyway", () => {
    const missing = (header: string[]) =>
      table("propositions", [header]).issues.filter(([code]) => code === "missing-column");
    expect(missing(["Axe", "Objectif", "Action"])).toEqual([
      ["missing-column", undefined, "calendrier"],
    ]);
    expect(missing(["Axe", "Objectif", "Action", "2023"])).toEqual([]);
    expect(missing(["Axe", "Objectif", "2023"])).toEqual([["missing-column", undefined, "action"]]);
  });

  it("says by how much a scaled column's amounts are multiplied, in both languages", () => {
    const t = buildTable(sheet([[...BILAN, "Budget prévu (M FCFA)"]]), "bilan", 0, "g.csv", "csv");
    expect(t.issues[0]?.params.factor).toEqual({ fr: "1\u202f000\u202f000", en: "1,000,000" });
  });
});

describe("data under a blank header", () => {
  it("counts the values below the header only, up to the widest row", () => {
    const s = sheetAt([
      [1, ["Bilan du groupe 2", null, null, null, null, "brouillon"]],
      [2, BILAN],
      [3, ["1", "1.1.1", "Sensibiliser", "Réalisé", "à revoir"]],
      [4, ["1", "1.1.2", "Former", "En cours", null, "x", "y"]],
      [5, ["1", "1.1.3", "Équiper", "Réalisé"]],
    ]);
    const t = buildTable(s, "bilan", 1, "g.xlsx", "xlsx");
    expect(t.columns.slice(4).map((c) => [c.letter, c.header, c.role])).toEqual([
      ["E", "", "blank"],
      ["F", "", "blank"],
      ["G", "", "blank"],
    ]);
    expect(t.issues.map((i) => [i.code, i.row, i.column, i.params])).toEqual([
      ["blank-header", 2, "E", { count: 1 }],
      ["blank-header", 2, "F", { count: 1 }],
      ["blank-header", 2, "G", { count: 1 }],
    ]);
  });

  it("names no sheet for a CSV file", () => {
    const t = buildTable(
      sheet([
        [...BILAN, ""],
        [...BILAN, "x"],
      ]),
      "bilan",
      0,
      "g.csv",
      "csv",
    );
    expect("sheet" in t).toBe(false);
    expect(t.issues).toStrictEqual([
      {
        code: "blank-header",
        severity: "warning",
        file: "g.csv",
        row: 1,
        column: "E",
        params: { count: 1 },
      },
    ]);
  });

  it("counts row by row for a table read as a stream, as from the whole sheet", () => {
    const header = [...BILAN.slice(0, 2), "", ...BILAN.slice(2), "", ""];
    const rows: Value[][] = [
      ["1", "1.1.1", "x", "Sensibiliser", "Réalisé", null, "  "],
      ["1", "1.1.2", "y", "Former", "En cours", "note"],
      ["1", "1.1.3", null, "Équiper", "Réalisé"],
    ];
    const streamed = (name?: string) => {
      const t = buildTable(sheet([header], name), "bilan", 0, "g.csv", "csv");
      const blanks = new BlankCells(t);
      for (const [i, r] of rows.entries()) blanks.add(rowOf(i + 2, r));
      blanks.report(t);
      return t;
    };
    const whole = buildTable(sheet([header, ...rows], "Bilan"), "bilan", 0, "g.csv", "csv");
    expect(streamed("Bilan").issues).toEqual(whole.issues);
    expect(flatten(streamed("Bilan").issues, ["code", "sheet", "row", "column"])).toEqual([
      ["blank-header", "Bilan", 1, "C"],
      ["blank-header", "Bilan", 1, "F"],
    ]);
    expect(streamed("Bilan").issues.map((i) => i.params)).toEqual([{ count: 2 }, { count: 1 }]);
    expect(streamed().issues[0]).toStrictEqual({
      code: "blank-header",
      severity: "warning",
      file: "g.csv",
      row: 1,
      column: "C",
      params: { count: 2 },
    });
  });

  it.each<[string, Cell | undefined, boolean]>([
    ["no cell", undefined, false],
    ["an empty cell", { v: null }, false],
    ["spaces", { v: "   " }, false],
    ["text", { v: " a " }, true],
    ["zero", { v: 0 }, true],
    ["an error", { v: null, error: "#N/A" }, true],
    ["a formula without its result", { v: null, formula: "A1+1" }, true],
  ])("%s holds a value: %s", (_, cell, value) => {
    expect(hasValue(cell)).toBe(value);
  });
});

describe("how a row scores as a header", () => {
  it.each<[string, Value[], TableKind | undefined]>([
    ["year columns count as the calendar", ["Action", "2023", "2024", "2025"], "propositions"],
    [
      "yearly costs count as fields",
      ["Action", "Coût 2024", "Coût 2025", "Coût 2026"],
      "propositions",
    ],
    ["a year column counts as a required field", ["Indicateur", "2023"], "propositions"],
    ["two optional fields are not enough", ["Indicateur", "Cible"], undefined],
    [
      "a field written three times counts once",
      ["Indicateur", "Indicateur", "Indicateur"],
      undefined,
    ],
    // At least a third of the labels must be ours: 2 of 6 is, 2 of 7 is not.
    ["two fields among six labels", ["Axe", "Type", "a", "b", "c", "d"], "constats"],
    ["two fields among seven labels", ["Axe", "Type", "a", "b", "c", "d", "e"], undefined],
    ["cells of spaces are no labels", ["Axe", "Type", "a", "b", " ", " ", " "], "constats"],
    ["a form tool's column counts for nothing", ["Axe", " _status", "a", "b", "c", "d"], undefined],
  ])("%s", (_, header, kind) => {
    expect(found(sheet([header]))?.kind).toBe(kind);
  });

  it("counts year columns and a Calendrier column as one calendar", () => {
    // `Axe, Action` scores 4; the row below scores 3 (indicator 1, calendar 2), not 5.
    const s = sheetAt([
      [1, ["Axe", "Action"]],
      [5, ["Indicateur", "Calendrier", "2023"]],
    ]);
    expect(found(s)).toEqual({ kind: "propositions", headerIndex: 0 });
  });

  it.each([
    ["Propositions", "propositions"],
    ["Plan d'action 2024", "propositions"],
    ["Feuil1", "bilan"],
    [undefined, "bilan"],
  ])("breaks a tie between kinds by the sheet name %j", (name, kind) => {
    // Axe, Source (funding source or evidence), Indicateur: 4 for bilan and for propositions.
    expect(found(sheet([["Axe", "Source", "Indicateur"]], name))?.kind).toBe(kind);
  });

  it("looks for the header in the first twenty rows only", () => {
    const title = (n: number) => Array.from({ length: n }, (_, i) => [`Note ${i + 1}`]);
    expect(found(sheet([...title(19), BILAN]))).toEqual({ kind: "bilan", headerIndex: 19 });
    expect(found(sheet([...title(20), BILAN]))).toBeUndefined();
  });
});

describe("headers on several rows", () => {
  it("never joins rows a blank row apart into one header", () => {
    const s = sheetAt([
      [1, ["Axe", "Code activité", "Statut", "Budget (FCFA)", "Budget (FCFA)"]],
      [3, ["Axe", "Code activité", "Statut", "Prévu", "Exécuté"]],
    ]);
    expect(found(s)).toEqual({ kind: "bilan", headerIndex: 0 });
  });

  it("reads a group centred over its columns when the top row is shorter", () => {
    const s = sheet([
      ["Axe", "Code activité", "Statut", "Budget (FCFA)"],
      [null, null, null, "Prévu", "Exécuté"],
      ["1", "1.1.1", "Réalisé", "1000", "900"],
    ]);
    expect(found(s)).toEqual({ kind: "bilan", headerIndex: 1 });
    expect(headerNames(s)).toEqual([
      "Axe",
      "Code activité",
      "Statut",
      "Budget (FCFA) Prévu",
      "Budget (FCFA) Exécuté",
    ]);
  });

  it("reads cells missing from a sparse row as empty", () => {
    const s = sheet([
      ["Axe", "Code activité", "Statut", "Budget (FCFA)", undefined],
      [undefined, undefined, undefined, "Prévu", "Exécuté"],
    ]);
    expect(headerNames(s)).toEqual([
      "Axe",
      "Code activité",
      "Statut",
      "Budget (FCFA) Prévu",
      "Budget (FCFA) Exécuté",
    ]);
  });

  it("spreads a group over the next columns that have a name below, up to an empty one", () => {
    const s = sheet([
      ["Axe", "Code activité", "Statut", "Budget (FCFA)", null, null],
      [null, null, null, "Prévu", "Exécuté", "Note"],
    ]);
    expect(headerNames(s)).toEqual([
      "Axe",
      "Code activité",
      "Statut",
      "Budget (FCFA) Prévu",
      "Budget (FCFA) Exécuté",
      "Budget (FCFA) Note",
    ]);
  });

  it("never spreads a one-row column's name over the next column", () => {
    // « Observations » has no name below it: it is a column of its own, not a group.
    const s = sheet([
      ["Axe", "Code activité", "Statut", "Budget (FCFA)", null, "Observations", null],
      [null, null, null, "Prévu", "Exécuté", null, "Note"],
    ]);
    expect(headerNames(s)).toEqual([
      "Axe",
      "Code activité",
      "Statut",
      "Budget (FCFA) Prévu",
      "Budget (FCFA) Exécuté",
      "Observations",
      "Note",
    ]);
  });

  it("does not take two empty cells over different names for a merge", () => {
    // The names below name nothing: the block scores as its top row, which stays the header.
    const s = sheet([
      ["Axe", "Code activité", "Statut", null, null],
      [null, null, null, "Note A", "Note B"],
    ]);
    expect(found(s)).toEqual({ kind: "bilan", headerIndex: 0 });
  });

  it("takes a header merged down over two rows as one: data start below its second row", () => {
    const s = sheet([BILAN, BILAN, ["1", "1.1.1", "Sensibiliser", "Réalisé"]]);
    expect(found(s)).toEqual({ kind: "bilan", headerIndex: 1 });
  });

  it("leaves an empty column of a header block empty", () => {
    const s = sheet([
      ["Axe", "Code activité", "Statut", "Budget (FCFA)", "Budget (FCFA)", null, "Note"],
      ["Axe", "Code activité", "Statut", "Prévu", "Exécuté"],
    ]);
    expect(headerNames(s)).toEqual([
      "Axe",
      "Code activité",
      "Statut",
      "Budget (FCFA) Prévu",
      "Budget (FCFA) Exécuté",
      undefined,
      "Note",
    ]);
  });

  it("takes a group merged over different names as merged, so the block wins a tie", () => {
    // The block scores as its top row (« Total » names nothing): the merge decides.
    const s = sheet([
      ["Axe", "Code activité", "Statut", "Budget (FCFA)", "Budget (FCFA)"],
      [null, null, null, "Prévu", "Total"],
    ]);
    expect(found(s)).toEqual({ kind: "bilan", headerIndex: 1 });
  });

  it("does not take a text repeated over the same names for a merge", () => {
    const s = sheet([
      ["Axe", "Code activité", "Statut", "Budget (FCFA)", "Budget (FCFA)"],
      [null, null, null, "Prévu", "Prévu"],
    ]);
    expect(found(s)).toEqual({ kind: "bilan", headerIndex: 0 });
  });

  it("reads a header on three rows, naming each column by the lowest texts that name a field", () => {
    const s = sheet([
      ["Axe", "Code activité", "Statut", "Budget", "Budget", "Suivi"],
      ["Axe", "Code activité", "Statut", "(FCFA)", "(FCFA)", "Observations"],
      ["Axe", "Code activité", "Statut", "Prévu", "Exécuté", "Observations"],
      ["1", "1.1.1", "Réalisé", "1000", "900", "ok"],
    ]);
    expect(found(s)).toEqual({ kind: "bilan", headerIndex: 2 });
    expect(headerNames(s)).toEqual([
      "Axe",
      "Code activité",
      "Statut",
      "Budget (FCFA) Prévu",
      "Budget (FCFA) Exécuté",
      "Observations",
    ]);
  });
});
