import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config.js";
import { flatten } from "../src/issues.js";
import { buildTable, detectTable, headerKey } from "../src/normalize/index.js";
import { contextFor, readRow } from "../src/normalize/row.js";
import type { Cell, RawSheet } from "../src/read/types.js";

/** A sheet from rows of plain values, numbered from `first`. */
function sheet(rows: (string | number | null)[][], first = 1, name?: string): RawSheet {
  return {
    ...(name ? { name } : {}),
    state: "visible",
    rows: rows.map((cells, i) => ({
      row: first + i,
      cells: cells.map((v): Cell => ({ v })),
    })),
  };
}

describe("header keys", () => {
  it.each([
    ["Budget prévu (FCFA)", "budget prevu"],
    ["budget prevu (fcfa)", "budget prevu"],
    ["BUDGET PRÉVU", "budget prevu"],
    ["Budget\nprévu (FCFA) *", "budget prevu"],
    ["Budget prévu en millions de FCFA", "budget prevu"],
    ["Taux de réalisation (%)", "taux de realisation"],
    ["  Code   activité*", "code activite"],
    ["Activité d’origine", "activite d origine"],
  ])("%j → %j", (header, key) => {
    expect(headerKey(header)).toBe(key);
  });
});

describe("table detection", () => {
  it("finds the header below a three-line title block and recognises the kind", () => {
    const s = sheet([
      ["Ministère de la Justice et des Droits de l'Homme"],
      ["Atelier de restitution — Bilan du PAN 2018-2022"],
      ["Groupe 2 : Protection"],
      ["Axe stratégique *", "Code activité *", "Activité *", "Statut *"],
      ["Axe 2", "2.1.1", "Prise en charge des victimes", "En cours"],
    ]);
    expect(detectTable(s, ["bilan", "constats", "propositions"])).toEqual({
      kind: "bilan",
      headerIndex: 3,
      header: s.rows[3],
    });
  });

  /** Names of a table's columns as found: field ids, `?` for a header that names none. */
  function columnsOf(s: RawSheet) {
    const found = detectTable(s, ["bilan", "constats", "propositions"]);
    if (!found) throw new Error("no header");
    const t = buildTable(s, found.kind, found.headerIndex, "g.xlsx", "xlsx", {}, found.header);
    return {
      kind: found.kind,
      headerRow: t.headerRow,
      columns: t.columns.map((c) => [c.header, c.field?.id ?? "?"]),
      issues: flatten([...t.issues, ...t.fatal], ["code", "column"]),
    };
  }

  it("reads a header on two rows, a group merged over its columns, others merged down", () => {
    // As the readers give merged cells: the master's text in every cell the merge covers.
    const s = sheet([
      ["Axe", "Code activité", "Activité", "Statut", "Budget (FCFA)", "Budget (FCFA)"],
      ["Axe", "Code activité", "Activité", "Statut", "Prévu", "Exécuté"],
      ["1", "1.1.1", "Sensibiliser", "Réalisé", 1000, 900],
    ]);
    expect(columnsOf(s)).toEqual({
      kind: "bilan",
      headerRow: 2,
      columns: [
        ["Axe", "axe"],
        ["Code activité", "code_activite"],
        ["Activité", "activite"],
        ["Statut", "statut"],
        ["Budget (FCFA) Prévu", "budget_prevu"],
        ["Budget (FCFA) Exécuté", "budget_execute"],
      ],
      issues: [],
    });
  });

  it("reads a header on three rows, the top one a heading over the group", () => {
    const s = sheet(
      [
        ["Bilan du groupe 1"],
        ["Axe", "Code activité", "Statut", "Exécution budgétaire", "Exécution budgétaire"],
        ["Axe", "Code activité", "Statut", "Budget (FCFA)", "Budget (FCFA)"],
        ["Axe", "Code activité", "Statut", "Prévu", "Exécuté"],
        ["1", "1.1.1", "Réalisé", 1000, 900],
      ],
      3,
    );
    expect(columnsOf(s)).toMatchObject({
      headerRow: 6,
      columns: [
        ["Axe", "axe"],
        ["Code activité", "code_activite"],
        ["Statut", "statut"],
        ["Budget (FCFA) Prévu", "budget_prevu"],
        ["Budget (FCFA) Exécuté", "budget_execute"],
      ],
    });
  });

  it("never reads a header and the data below it as one header", () => {
    const s = sheet([
      ["Axe", "Type", "Constat"],
      ["1", "Force", "Comité opérationnel"],
      ["2", "", "Faiblesse"],
    ]);
    expect(columnsOf(s)).toEqual({
      kind: "constats",
      headerRow: 1,
      columns: [
        ["Axe", "axe"],
        ["Type", "type"],
        ["Constat", "constat"],
      ],
      issues: [],
    });
  });

  it("keeps a merged header that names nothing whole, so that its message quotes it", () => {
    const s = sheet([
      ["Axe", "Code activité", "Statut", "Remarques diverses", "Remarques diverses"],
      ["Axe", "Code activité", "Statut", "Note A", "Note B"],
    ]);
    expect(columnsOf(s).columns).toEqual([
      ["Axe", "axe"],
      ["Code activité", "code_activite"],
      ["Statut", "statut"],
      ["Remarques diverses Note A", "?"],
      ["Remarques diverses Note B", "?"],
    ]);
  });

  it("reads a group written once over its columns, centred or exported to CSV, as merged", () => {
    const s = sheet([
      ["Axe", "Code activité", "Activité", "Statut", "Budget (FCFA)", ""],
      ["", "", "", "", "Exécuté", "Prévu"],
      ["1", "1.1.1", "Sensibiliser", "Réalisé", "900", "1000"],
    ]);
    expect(columnsOf(s)).toEqual({
      kind: "bilan",
      headerRow: 2,
      columns: [
        ["Axe", "axe"],
        ["Code activité", "code_activite"],
        ["Activité", "activite"],
        ["Statut", "statut"],
        ["Budget (FCFA) Exécuté", "budget_execute"],
        ["Budget (FCFA) Prévu", "budget_prevu"],
      ],
      issues: [],
    });
  });

  it("lists every column up to a note set apart from the table", () => {
    const s = sheet([
      ["Axe", "Code activité", "Activité", "Statut"],
      ["1", "1.1.1", "Sensibiliser", "Réalisé"],
      [null, null, null, null, null, "Fait à Bamako"],
    ]);
    const found = detectTable(s, ["bilan"]);
    if (!found) throw new Error("no header");
    const t = buildTable(s, "bilan", found.headerIndex, "g.xlsx", "xlsx", {}, found.header);
    expect(t.columns.map((c) => [c.letter, c.role])).toEqual([
      ["A", "field"],
      ["B", "field"],
      ["C", "field"],
      ["D", "field"],
      ["E", "blank"],
      ["F", "blank"],
    ]);
    expect(flatten(t.issues, ["code", "column"])).toEqual([["blank-header", "F"]]);
  });

  it("reads a row of remarks under a header as data, not as more header", () => {
    const s = sheet([
      ["Axe", "Code activité", "Statut", "Remarques diverses"],
      ["", "", "", "à revoir"],
    ]);
    expect(columnsOf(s).headerRow).toBe(1);
  });

  it("recognises constats and propositions, in English too", () => {
    const constats = sheet([["Strategic axis", "Type", "Finding"]]);
    expect(detectTable(constats, ["bilan", "constats", "propositions"])?.kind).toBe("constats");
    const props = sheet([["Axe", "Objectif", "Action", "Indicateur", "2023", "2024"]]);
    expect(detectTable(props, ["bilan", "constats", "propositions"])?.kind).toBe("propositions");
  });

  it("finds nothing in a sheet of unrelated headers", () => {
    expect(detectTable(sheet([["id", "name", "age"]]), ["bilan", "constats", "propositions"])).toBe(
      undefined,
    );
  });
});

describe("columns and rows", () => {
  const config = defaultConfig(".");

  it("reports unknown, duplicate and missing columns with suggestions", () => {
    const s = sheet([
      ["Axe", "Code activité", "Activité", "Observatons", "Activité", ""],
      ["1", "1.1.1", "Sensibiliser", "ok", "Sensibiliser", "perdu"],
    ]);
    const t = buildTable(s, "bilan", 0, "g.xlsx", "xlsx");
    expect(flatten([...t.issues, ...t.fatal], ["code", "column", "field"])).toEqual([
      ["unknown-column", "D", undefined],
      ["duplicate-column", "E", "activite"],
      ["blank-header", "F", undefined],
      ["missing-column", undefined, "statut"],
    ]);
    expect(t.issues[0]?.params).toEqual({ suggestion: { fr: "Observations", en: "Comments" } });
  });

  it("reads a row into typed values with located problems", () => {
    const s = sheet(
      [
        [
          "Axe",
          "Code activité",
          "Activité",
          "Statut",
          "Taux de réalisation (%)",
          "Budget prévu (millions de FCFA)",
        ],
        ["Axe 1", "1.1.1", "Sensibiliser", "Realsé", "45 %", "2,5"],
      ],
      4,
      "Bilan",
    );
    const t = buildTable(s, "bilan", 0, "g.xlsx", "xlsx");
    const row = s.rows[1];
    if (!row) throw new Error("no row");
    const r = readRow(t, row, contextFor("bilan", config));
    expect(r.values).toMatchObject({
      axe: "PREV",
      code_activite: "1.1.1",
      activite: "Sensibiliser",
      statut: null,
      taux_realisation: 45,
      budget_prevu: 2500000,
    });
    expect(flatten(r.issues, ["code", "sheet", "row", "column", "field", "value"])).toEqual([
      ["invalid-value", "Bilan", 5, "D", "statut", "Realsé"],
    ]);
  });

  it("reads a calendar given as one column per year", () => {
    const s = sheet([
      [
        "Axe",
        "Objectif",
        "Action",
        "Indicateur",
        "Responsable",
        "2023",
        "2024",
        "2025",
        "2026",
        "2027",
      ],
      ["2", "Protéger", "Centres d'accueil", "Nombre", "DNPEF", "X", "x", "", "✓", "oui"],
      ["2", "Protéger", "Formation", "Nombre", "DNPEF", "", "peut-être", "", "", ""],
    ]);
    const t = buildTable(s, "propositions", 0, "p.csv", "csv");
    expect(t.fatal).toEqual([]);
    const ctx = contextFor("propositions", config);
    const [, first, second] = s.rows;
    if (!first || !second) throw new Error("rows");
    expect(readRow(t, first, ctx).values.calendrier).toEqual([2023, 2024, 2026, 2027]);
    expect(flatten(readRow(t, second, ctx).issues, ["code", "column", "value"])).toEqual([
      ["type-error", "G", "peut-être"],
    ]);
  });

  it("reads yearly costs and reports a year outside the plan", () => {
    const s = sheet([
      [
        "Axe",
        "Objectif",
        "Action",
        "Indicateur",
        "Responsable",
        "Calendrier",
        "Coût 2023 (FCFA)",
        "Coût 2024 (FCFA)",
        "Coût 2028 (FCFA)",
      ],
      ["1", "Prévenir", "Campagnes", "Nombre", "CNLTP", "2023-2024", "1 000 000", "2 000 000", "5"],
    ]);
    const t = buildTable(s, "propositions", 0, "p.csv", "csv");
    const row = s.rows[1];
    if (!row) throw new Error("row");
    const r = readRow(t, row, contextFor("propositions", config));
    expect(r.values.cout_annuel).toEqual({ 2023: 1000000, 2024: 2000000 });
    expect(flatten(r.issues, ["code", "column"])).toEqual([["calendar-out-of-period", "I"]]);
  });

  it("flags CSV rows longer than the header as shifted", () => {
    const s = sheet([
      ["Axe", "Code activité", "Activité", "Statut"],
      ["1", "1.1.1", "Sensibiliser", "les chefs", "Réalisé"],
    ]);
    const t = buildTable(s, "bilan", 0, "g.csv", "csv");
    const row = s.rows[1];
    if (!row) throw new Error("row");
    const r = readRow(t, row, contextFor("bilan", config), ";");
    expect(flatten(r.issues, ["code", "row", "column", "value"])).toEqual([
      ["invalid-value", 2, "D", "les chefs"],
      ["extra-cell", 2, "E", "Réalisé"],
    ]);
  });
});
