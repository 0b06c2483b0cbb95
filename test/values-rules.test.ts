import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { validateFiles } from "../src/commands/validate.js";
import { DEFAULT_AXES, defaultConfig } from "../src/config.js";
import {
  type FieldSpec,
  KINDS,
  metadataFields,
  NATURES,
  PRIORITES,
  STATUTS,
  type TableKind,
  TYPES_CONSTAT,
  tableFields,
} from "../src/fields.js";
import { hintOf, messageOf } from "../src/i18n/index.js";
import { CATALOG, flatten, type Issue } from "../src/issues.js";
import { enumValueOf, singularWords } from "../src/labels.js";
import { CURRENCY_NAMES } from "../src/money.js";
import { buildTable, headerIndex, headerKey, headerUnit } from "../src/normalize/index.js";
import { contextFor, readIdentification, readRow } from "../src/normalize/row.js";
import { normaliseCode, type ParseContext, parseCell } from "../src/normalize/values.js";
import type { Cell, RawSheet } from "../src/read/types.js";
import { readXlsx } from "../src/read/xlsx.js";
import { foldWords } from "../src/text.js";
import { soffice as convertWithLibreOffice } from "./helpers/libreoffice.js";
import { run, workshop } from "./helpers/workshop.js";

/**
 * The rules on values people type that were read wrong: units that scale a column and currencies
 * that are not ours (rule 6); impossible or worded dates, fractions in percent columns, activity
 * codes written several ways, roman axis numbers and plural labels (rule 9).
 */

const config = defaultConfig(".");
const NNBSP = "\u202f";
const NBSP = "\u00a0";

/** A sheet from rows of cells (plain values or whole cells), numbered from 1. */
function sheet(rows: (Cell["v"] | Cell)[][], name?: string): RawSheet {
  return {
    ...(name ? { name } : {}),
    state: "visible",
    rows: rows.map((cells, i) => ({
      row: i + 1,
      cells: cells.map(
        (v): Cell => (v !== null && typeof v === "object" && !(v instanceof Date) ? v : { v }),
      ),
    })),
  };
}

/** The table of a sheet whose first row is the header, and each of its rows read. */
function read(kind: TableKind, rows: (Cell["v"] | Cell)[][], name?: string, currency?: string) {
  const s = sheet(rows, name);
  const table = buildTable(
    s,
    kind,
    0,
    "g.xlsx",
    "xlsx",
    currency === undefined ? {} : { currency },
  );
  const ctx = contextFor(kind, config);
  const records = s.rows.slice(1).map((r) => readRow(table, r, ctx));
  return { table, records };
}

const where = (issues: readonly Issue[]) =>
  flatten(issues, ["code", "severity", "sheet", "row", "column", "field", "value"]);

/** The message and hint of an issue, in French and in English. */
const texts = (i: Issue | undefined) =>
  i && {
    fr: [messageOf(i, "fr"), hintOf(i, "fr")],
    en: [messageOf(i, "en"), hintOf(i, "en")],
  };

const BILAN = ["Axe", "Code activité", "Activité", "Statut"];
const ROW = ["Axe 1", "1.1.1", "Sensibiliser", "Réalisé"];

function field(id: string): FieldSpec {
  const all: readonly FieldSpec[] = [...Object.values(KINDS).flat(), ...metadataFields];
  const f = all.find((x) => x.id === id);
  if (!f) throw new Error(`no field ${id}`);
  return f;
}

const ctx: ParseContext = { ...contextFor("bilan", config) };

/** A cell parsed for a field: its value, or `!code` for a problem. */
function value(id: string, v: Cell["v"] | Cell): unknown {
  const cell: Cell = v !== null && typeof v === "object" && !(v instanceof Date) ? v : { v };
  const r = parseCell(cell, field(id), ctx);
  return r.problem ? `!${r.problem.code}` : r.value;
}

describe("the new issue codes", () => {
  it("have their severity in the catalog", () => {
    expect({
      "unit-scaled": CATALOG["unit-scaled"].severity,
      "currency-mismatch": CATALOG["currency-mismatch"].severity,
      "ambiguous-percent": CATALOG["ambiguous-percent"].severity,
      "code-normalised": CATALOG["code-normalised"].severity,
    }).toEqual({
      "unit-scaled": "warning",
      "currency-mismatch": "error",
      "ambiguous-percent": "error",
      "code-normalised": "warning",
    });
  });
});

// --- rule 6: units that scale -------------------------------------------------------------------

describe("rule 6: a unit in an amount header scales the column", () => {
  it.each([
    ["Budget prévu (FCFA)", 1, "XOF"],
    ["Budget prévu (F CFA)", 1, "XOF"],
    ["Budget prévu (XOF)", 1, "XOF"],
    ["Budget prévu (f.cfa)", 1, "XOF"],
    ["Budget prévu (milliers de FCFA)", 1_000, "XOF"],
    ["Budget prévu (k FCFA)", 1_000, "XOF"],
    ["Budget prévu (KFCFA)", 1_000, "XOF"],
    ["Budget prévu (000 FCFA)", 1_000, "XOF"],
    ["Budget prévu (M FCFA)", 1_000_000, "XOF"],
    ["Budget prévu (MFCFA)", 1_000_000, "XOF"],
    ["Budget prévu (m fcfa)", 1_000_000, "XOF"],
    ["Budget prévu ( M  F CFA )", 1_000_000, "XOF"],
    ["Budget prévu (millions de FCFA)", 1_000_000, "XOF"],
    ["Budget prévu (MILLIONS DE F CFA)", 1_000_000, "XOF"],
    ["Budget prévu (millions FCFA)", 1_000_000, "XOF"],
    ["Budget prévu (Mds FCFA)", 1_000_000_000, "XOF"],
    ["Budget prévu (milliards de FCFA)", 1_000_000_000, "XOF"],
    ["Budget prévu (en millions de FCFA)", 1_000_000, "XOF"],
    ["Budget prévu en millions de FCFA", 1_000_000, "XOF"],
    ["Budget prévu (millions)", 1_000_000, undefined],
    ["Budget prévu (M)", 1_000_000, undefined],
    ["Budget prévu (USD)", 1, "USD"],
    ["Budget prévu ($)", 1, "USD"],
    ["Budget prévu (€)", 1, "EUR"],
    ["Budget prévu (EUR)", 1, "EUR"],
    ["Budget prévu (dollars)", 1, "USD"],
    ["Budget prévu (euros)", 1, "EUR"],
    ["Budget prévu (millions d'euros)", 1_000_000, "EUR"],
    ["Budget prévu en USD", 1, "USD"],
  ])("%j: × %d, currency %s, and the header still names budget_prevu", (header, scale, money) => {
    const unit = headerUnit(header);
    expect([unit?.scale, unit?.currency]).toEqual([scale, money]);
    expect(headerKey(header)).toBe("budget prevu");
  });

  it("reads every currency name in trailing words, however its words are split (`dollars US`)", () => {
    const misread: string[] = [];
    for (const [name, currency] of Object.entries(CURRENCY_NAMES)) {
      for (let i = 1; i < name.length; i++) {
        const header = `Budget prévu en ${name.slice(0, i)} ${name.slice(i)}`;
        const unit = headerUnit(header);
        if (unit?.currency !== currency || headerKey(header) !== "budget prevu")
          misread.push(header);
      }
    }
    expect(misread).toEqual([]);
    expect(headerUnit("Budget prévu en dollars US")).toEqual({
      scale: 1,
      currency: "USD",
      start: 13,
      end: 26,
    });
  });

  it.each(["Budget prévu", "Taux de réalisation (%)", "Budget (prévu)", "Montant F"])(
    "%j names no unit",
    (header) => {
      expect(headerUnit(header)).toBeUndefined();
    },
  );

  it("reads 2,5 under (M FCFA) as exactly 2500000, with one warning at the header cell", () => {
    const { table, records } = read(
      "bilan",
      [
        [...BILAN, "Budget prévu (M FCFA)", "Budget exécuté (milliers de FCFA)"],
        [...ROW, "2,5", "1,15"],
        [...ROW, 12, { v: 0.1 }],
        [...ROW, "1 234,5", "-"],
      ],
      "Bilan",
    );
    expect(records.map((r) => [r.values.budget_prevu, r.values.budget_execute])).toEqual([
      [2500000, 1150],
      [12000000, 100],
      [1234500000, null],
    ]);
    expect(records.flatMap((r) => r.issues)).toEqual([]);
    expect(where(table.issues)).toEqual([
      ["unit-scaled", "warning", "Bilan", 1, "E", "budget_prevu", undefined],
      ["unit-scaled", "warning", "Bilan", 1, "F", "budget_execute", undefined],
    ]);
    expect(texts(table.issues[0])).toEqual({
      fr: [
        `Colonne « Budget prévu (M FCFA) » en millions de FCFA : les montants sont multipliés par 1${NNBSP}000${NNBSP}000 et arrondis au franc`,
        "Vérifiez que tous les montants de la colonne sont en millions de FCFA",
      ],
      en: [
        "Column “Budget prévu (M FCFA)” in millions of FCFA: amounts are multiplied by 1,000,000 and rounded to the franc",
        "Check that every amount in the column is in millions of FCFA",
      ],
    });
    expect(messageOf(table.issues[1] as Issue, "fr")).toBe(
      `Colonne « Budget exécuté (milliers de FCFA) » en milliers de FCFA : les montants sont multipliés par 1${NNBSP}000 et arrondis au franc`,
    );
  });

  it("never leaves float noise: every amount of 0,01 to 99,99 millions is a whole number", () => {
    const rows: string[][] = [[...BILAN, "Budget prévu (M FCFA)"]];
    for (let cents = 1; cents < 10000; cents += 7) {
      rows.push([...ROW, `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`]);
    }
    const { records } = read("bilan", rows);
    records.forEach((r, i) => {
      expect(r.values.budget_prevu).toBe((1 + i * 7) * 10000);
    });
  });

  it("scales billions, and says nothing for a column in plain FCFA", () => {
    const { table, records } = read("bilan", [
      [...BILAN, "Budget prévu (Mds FCFA)", "Budget exécuté (FCFA)"],
      [...ROW, "1,2", "1 500 000"],
    ]);
    expect([records[0]?.values.budget_prevu, records[0]?.values.budget_execute]).toEqual([
      1200000000, 1500000,
    ]);
    expect(where(table.issues)).toEqual([
      ["unit-scaled", "warning", undefined, 1, "E", "budget_prevu", undefined],
    ]);
    expect(messageOf(table.issues[0] as Issue, "fr")).toBe(
      `Colonne « Budget prévu (Mds FCFA) » en milliards de FCFA : les montants sont multipliés par 1${NNBSP}000${NNBSP}000${NNBSP}000 et arrondis au franc`,
    );
  });

  it("scales a proposition's cost and its yearly costs, one warning per column", () => {
    const { table, records } = read("propositions", [
      [
        "Axe",
        "Objectif",
        "Action",
        "Indicateur",
        "Responsable",
        "Calendrier",
        "Coût estimé (M FCFA)",
        "Coût 2024 (M FCFA)",
        "Coût 2025 (MFCFA)",
      ],
      ["1", "Prévenir", "Campagnes", "Nombre", "CNLTP", "2024-2025", "3,5", "1,5", "2"],
    ]);
    expect([records[0]?.values.cout, records[0]?.values.cout_annuel]).toEqual([
      3500000,
      { 2024: 1500000, 2025: 2000000 },
    ]);
    expect(records[0]?.issues).toEqual([]);
    expect(where(table.issues)).toEqual([
      ["unit-scaled", "warning", undefined, 1, "G", "cout", undefined],
      ["unit-scaled", "warning", undefined, 1, "H", "cout_annuel", undefined],
      ["unit-scaled", "warning", undefined, 1, "I", "cout_annuel", undefined],
    ]);
  });

  it("scales the reference plan's planned budget", () => {
    const { table, records } = read("reference", [
      ["Code activité", "Axe", "Activité", "Budget prévu (millions de FCFA)"],
      ["1.1.1", "1", "Sensibiliser", "25"],
    ]);
    expect(records[0]?.values.budget_prevu).toBe(25000000);
    expect(where(table.issues)).toEqual([
      ["unit-scaled", "warning", undefined, 1, "D", "budget_prevu", undefined],
    ]);
  });

  it("leaves a unit in another column's header alone", () => {
    const { table, records } = read("bilan", [
      [...BILAN, "Taux de réalisation (%)", "Observations (M FCFA)"],
      [...ROW, "45", "2,5"],
    ]);
    expect(table.issues).toEqual([]);
    expect([records[0]?.values.taux_realisation, records[0]?.values.observations]).toEqual([
      45,
      "2,5",
    ]);
  });
});

describe("rule 6: an amount column in another currency", () => {
  it("is an error at the header cell, and each amount in it an error that rejects its row", () => {
    const { table, records } = read(
      "bilan",
      [
        [...BILAN, "Budget prévu (USD)", "Budget exécuté (FCFA)"],
        [...ROW, "2 500", "1 000 000"],
        [...ROW, "", "500 000"],
        [...ROW, "N/A", "500 000"],
      ],
      "Bilan",
    );
    expect(where(table.issues)).toEqual([
      ["currency-mismatch", "error", "Bilan", 1, "E", "budget_prevu", undefined],
    ]);
    expect(texts(table.issues[0])).toEqual({
      fr: [
        "Colonne « Budget prévu (USD) » en USD : atelier attend des montants en FCFA",
        "Convertissez les montants en FCFA et renommez la colonne « Budget prévu (FCFA) »",
      ],
      en: [
        "Column “Budget prévu (USD)” in USD: atelier expects amounts in FCFA",
        "Convert the amounts to FCFA and rename the column “Budget prévu (FCFA)”",
      ],
    });
    // Never read as FCFA: the row that gives an amount is rejected, and keeps it as written.
    const [first, second, third] = records;
    expect(where(first?.issues ?? [])).toEqual([
      ["currency-mismatch", "error", "Bilan", 2, "E", "budget_prevu", "2 500"],
    ]);
    expect(first?.values.budget_prevu).toBeNull();
    expect(first?.raw["Budget prévu (USD)"]).toBe("2 500");
    expect(messageOf(first?.issues[0] as Issue, "fr")).toBe(
      "Colonne « Budget prévu (USD) » en USD : atelier attend des montants en FCFA",
    );
    expect([second?.issues, third?.issues]).toEqual([[], []]);
    expect([second?.values.budget_execute, second?.values.budget_prevu]).toEqual([500000, null]);
  });

  it.each([
    ["Budget prévu ($)", "USD", "Budget prévu (FCFA)"],
    ["Budget prévu (€)", "EUR", "Budget prévu (FCFA)"],
    ["Budget prévu (euros)", "EUR", "Budget prévu (FCFA)"],
    ["Budget prévu (dollars) *", "USD", "Budget prévu (FCFA) *"],
    ["Budget prévu (M USD)", "USD", "Budget prévu (FCFA)"],
    ["Budget prévu en dollars", "USD", "Budget prévu (FCFA)"],
  ])("%j is in %s: rename it %j", (header, currency, rename) => {
    const { table } = read("bilan", [
      [...BILAN, header],
      [...ROW, "10"],
    ]);
    expect(flatten(table.issues, ["code", "column"])).toEqual([["currency-mismatch", "E"]]);
    expect(table.issues[0]?.params).toEqual({ currency, expected: "FCFA", rename });
  });

  // Not under `npm run mutate`: a whole compile per mutant; the rules it crosses are tested apart.
  it.skipIf(process.env.ATELIER_MUTATION === "1")(
    "follows the configured currency through a whole compile",
    async () => {
      const dir = workshop({
        "atelier.config.json": JSON.stringify({ currency: "EUR" }),
        "J1/gt1.csv":
          "Axe;Code activité;Activité;Statut;Budget prévu (FCFA);Budget exécuté (k EUR);Groupe\r\n1;1.1.1;Former;Réalisé;;0,5;GT 1\r\n",
      });
      const r = await run("validate", dir, "--format", "json");
      const problems = JSON.parse(r.out).files[0].problems as Record<string, unknown>[];
      // Euros are the workshop's money here; francs CFA are the foreign currency.
      expect(problems.map((p) => [p.code, p.cell])).toEqual([
        ["currency-mismatch", "E1"],
        ["unit-scaled", "F1"],
      ]);
      await run("compile", dir);
      const c = JSON.parse(readFileSync(join(dir, "sortie", "consolidation.json"), "utf8"));
      expect(c.bilan[0].budget_execute).toBe(500);
    },
  );

  it("checks yearly costs too", () => {
    const { table, records } = read("propositions", [
      ["Axe", "Objectif", "Action", "Calendrier", "Coût 2024 (USD)"],
      ["1", "Prévenir", "Campagnes", "2024", "1000"],
    ]);
    expect(flatten(table.issues, ["code", "column", "field"])).toEqual([
      ["currency-mismatch", "E", "cout_annuel"],
    ]);
    expect(where(records[0]?.issues ?? [])).toEqual([
      ["currency-mismatch", "error", undefined, 2, "E", "cout_annuel", "1000"],
    ]);
    expect(records[0]?.values.cout_annuel).toBeNull();
  });

  it("follows the configured currency", () => {
    const euros = read(
      "bilan",
      [
        [...BILAN, "Budget prévu (M EUR)"],
        [...ROW, "2"],
      ],
      "B",
      "EUR",
    );
    expect(euros.records[0]?.values.budget_prevu).toBe(2000000);
    expect(messageOf(euros.table.issues[0] as Issue, "fr")).toBe(
      `Colonne « Budget prévu (M EUR) » en millions de EUR : les montants sont multipliés par 1${NNBSP}000${NNBSP}000 et arrondis au franc`,
    );
    const francs = read(
      "bilan",
      [
        [...BILAN, "Budget prévu (FCFA)"],
        [...ROW, "2"],
      ],
      "B",
      "EUR",
    );
    expect(francs.table.issues[0]?.params).toEqual({
      currency: "XOF",
      expected: "EUR",
      rename: "Budget prévu (EUR)",
    });
    const xaf = read(
      "bilan",
      [
        [...BILAN, "Budget prévu (FCFA)"],
        [...ROW, "2"],
      ],
      "B",
      "XAF",
    );
    expect(xaf.table.issues).toEqual([]);
  });
});

// --- rule 9: dates --------------------------------------------------------------------------------

describe("rule 9: dates", () => {
  it.each([
    ["5 juillet 2023", "2023-07-05"],
    ["1er juillet 2023", "2023-07-01"],
    ["05 juil. 2023", "2023-07-05"],
    ["5 Juillet 2023", "2023-07-05"],
    ["lundi 3 juillet 2023", "2023-07-03"],
    ["18 août 2023", "2023-08-18"],
    ["18 aout 2023", "2023-08-18"],
    ["2 févr. 2024", "2024-02-02"],
    ["29 février 2024", "2024-02-29"],
    ["05-juil-23", "2023-07-05"],
    ["5 July 2023", "2023-07-05"],
    ["July 5, 2023", "2023-07-05"],
    ["juillet 2023", "2023-07"],
    ["Juil. 2023", "2023-07"],
    ["2023-07", "2023-07"],
    ["07/2023", "2023-07"],
    ["7/2023", "2023-07"],
    ["18/07/2023", "2023-07-18"],
  ])("%j → %j", (input, expected) => {
    expect(value("date", input)).toBe(expected);
  });

  it.each([
    "31/02/2023",
    "07/25/2023",
    "30 février 2023",
    "5 juliet 2023",
    "juillet",
    "hier",
    "13/2023",
    "2023-13",
  ])("%j is a type error", (input) => {
    expect(value("date", input)).toBe("!type-error");
  });

  it("checks a row's Date column as the Identification sheet does, at its cell", () => {
    const { records } = read(
      "bilan",
      [
        [...BILAN, "Groupe", "Date"],
        [...ROW, "Groupe 2", "31/02/2023"],
        [...ROW, "Groupe 2", "07/25/2023"],
        [...ROW, "Groupe 2", "5 juillet 2023"],
        [...ROW, "Groupe 2", "juillet 2023"],
        [...ROW, "Groupe 2", "1er juillet 2023"],
        [...ROW, "Groupe 2", "05 juil. 2023"],
        [...ROW, "Groupe 2", { v: new Date(Date.UTC(2023, 6, 20)) }],
      ],
      "Bilan",
    );
    const [impossible, monthFirst, ...good] = records;
    expect(where(impossible?.issues ?? [])).toEqual([
      ["type-error", "error", "Bilan", 2, "F", "date", "31/02/2023"],
    ]);
    expect(texts(impossible?.issues[0])).toEqual({
      fr: [
        "« Date » : une date (jj/mm/aaaa) attendue, lu « 31/02/2023 »",
        "Écrivez la date au format jj/mm/aaaa",
      ],
      en: [
        "“Date”: expected a date (dd/mm/yyyy), got “31/02/2023”",
        "Write the date as dd/mm/yyyy",
      ],
    });
    expect(impossible?.meta).toEqual({ groupe: "Groupe 2" });
    expect(where(monthFirst?.issues ?? [])).toEqual([
      ["type-error", "error", "Bilan", 3, "F", "date", "07/25/2023"],
    ]);
    expect(texts(monthFirst?.issues[0])?.fr).toEqual([
      "« Date » : une date jour/mois/année (25/07/2023 ?) attendue, lu « 07/25/2023 »",
      "Écrivez la date au format jj/mm/aaaa",
    ]);
    expect(good.map((r) => [r.meta.date, r.issues.length])).toEqual([
      ["2023-07-05", 0],
      ["2023-07", 0],
      ["2023-07-01", 0],
      ["2023-07-05", 0],
      ["2023-07-20", 0],
    ]);
  });

  it("reads worded dates on the Identification sheet, and says how to fix an impossible one", () => {
    const id = (date: string) =>
      readIdentification(
        sheet(
          [
            ["Groupe de travail :", "Groupe 2"],
            ["Date :", date],
          ],
          "Identification",
        ),
        "g.xlsx",
      );
    expect(id("5 juillet 2023").meta).toEqual({ groupe: "Groupe 2", date: "2023-07-05" });
    expect(id("juillet 2023").meta.date).toBe("2023-07");
    const wrong = id("31/02/2023");
    expect(wrong.meta).toEqual({ groupe: "Groupe 2" });
    expect(where(wrong.issues)).toEqual([
      ["type-error", "error", "Identification", 2, "B", "date", "31/02/2023"],
    ]);
    expect(hintOf(wrong.issues[0] as Issue, "fr")).toBe("Écrivez la date au format jj/mm/aaaa");
  });
});

// --- rule 9: percentages ------------------------------------------------------------------------

describe("rule 9: a fraction typed in a percent column", () => {
  it.each([
    ["0,45", "!ambiguous-percent"],
    ["0.45", "!ambiguous-percent"],
    [" 0,5 ", "!ambiguous-percent"],
    ["0,5 %", 0.5],
    ["0,5%", 0.5],
    ["0,5\u00a0%", 0.5],
    ["0", 0],
    ["1", 1],
    ["45", 45],
    ["45 %", 45],
    ["1,5", 1.5],
    [{ v: 0.45, percent: true }, 45],
    [{ v: 0.005, percent: true }, 0.5],
    [{ v: 0.45 }, "!ambiguous-percent"],
  ])("%j → %j", (input, expected) => {
    expect(value("taux_realisation", input as Cell)).toBe(expected);
  });

  it("is an error at its cell that says both ways to write it", () => {
    const { records } = read(
      "bilan",
      [
        [...BILAN, "Taux de réalisation (%)"],
        [...ROW, "0,45"],
        [...ROW, "0,125"],
      ],
      "Bilan",
    );
    expect(where(records.flatMap((r) => r.issues))).toEqual([
      ["ambiguous-percent", "error", "Bilan", 2, "E", "taux_realisation", "0,45"],
      ["ambiguous-percent", "error", "Bilan", 3, "E", "taux_realisation", "0,125"],
    ]);
    expect(records.map((r) => r.values.taux_realisation)).toEqual([null, null]);
    expect(texts(records[0]?.issues[0])).toEqual({
      fr: [
        "« Taux de réalisation (%) » : « 0,45 » est ambigu (fraction ou pourcentage ?)",
        "Écrivez 45 ou 45 %, ou bien 0,45 % pour moins de 1 %",
      ],
      en: [
        "“Completion rate (%)”: “0,45” is ambiguous (a fraction or a percentage?)",
        "Write 45 or 45%, or else 0,45% for less than 1%",
      ],
    });
    expect(hintOf(records[1]?.issues[0] as Issue, "fr")).toBe(
      "Écrivez 12,5 ou 12,5 %, ou bien 0,125 % pour moins de 1 %",
    );
    expect(hintOf(records[1]?.issues[0] as Issue, "en")).toBe(
      "Write 12.5 or 12.5%, or else 0,125% for less than 1%",
    );
  });
});

// --- rule 9: activity codes ---------------------------------------------------------------------

describe("rule 9: activity codes written several ways", () => {
  it.each([
    ["1.1.1", "1.1.1"],
    ["01.1.1", "1.1.1"],
    ["01.01.01", "1.1.1"],
    ["1-1-1", "1.1.1"],
    ["1,1,1", "1.1.1"],
    ["1_1_1", "1.1.1"],
    ["1/1/1", "1.1.1"],
    ["1 1 1", "1.1.1"],
    ["1 - 1 - 1", "1.1.1"],
    ["1.1.1.", "1.1.1"],
    ["10.2.0", "10.2.0"],
    ["010.2.00", "10.2.0"],
    ["A-2", "A.2"],
    ["activité 1.2", undefined],
    ["1..2", undefined],
  ])("%j → %j", (input, expected) => {
    expect(normaliseCode(input)).toBe(expected);
  });

  it.each([
    ["01.1.1", "1.1.1", true],
    ["1-1-1", "1.1.1", true],
    ["1 1 1", "1.1.1", true],
    ["1.1.1", "1.1.1", false],
    ["1.1.1.", "1.1.1", true],
    [" 1 . 1 . 1 ", "1.1.1", true],
    [" 1.1.1 ", "1.1.1", false],
    [2.1, "2.1", false],
  ])("%j is stored as %j, with a warning: %s", (input, stored, warned) => {
    const r = parseCell({ v: input }, field("code_activite"), ctx);
    expect(r.value).toBe(stored);
    expect(r.warning).toEqual(
      warned ? { code: "code-normalised", params: { code: stored } } : undefined,
    );
  });

  it("warns at the cell, in every table that has a code", () => {
    const bilan = read("bilan", [BILAN, ["Axe 1", "01.1.1", "Sensibiliser", "Réalisé"]], "Bilan");
    expect(bilan.records[0]?.values.code_activite).toBe("1.1.1");
    expect(where(bilan.records[0]?.issues ?? [])).toEqual([
      ["code-normalised", "warning", "Bilan", 2, "B", "code_activite", "01.1.1"],
    ]);
    expect(texts(bilan.records[0]?.issues[0])).toEqual({
      fr: ["Code « 01.1.1 » lu comme « 1.1.1 »", "Écrivez « 1.1.1 »"],
      en: ["Code “01.1.1” read as “1.1.1”", "Write “1.1.1”"],
    });
    const constats = read("constats", [
      ["Axe", "Type", "Constat", "Code activité"],
      ["1", "Force", "Bonne coordination", "1-2-3"],
    ]);
    expect(constats.records[0]?.values.code_activite).toBe("1.2.3");
    expect(flatten(constats.records[0]?.issues ?? [], ["code", "column"])).toEqual([
      ["code-normalised", "D"],
    ]);
    const propositions = read("propositions", [
      ["Axe", "Objectif", "Action", "Calendrier", "Nature", "Activité d'origine"],
      ["1", "Prévenir", "Campagnes", "2024", "Reconduite", "01.02.03"],
    ]);
    expect(propositions.records[0]?.values.code_activite_origine).toBe("1.2.3");
    expect(flatten(propositions.records[0]?.issues ?? [], ["code", "column", "field"])).toEqual([
      ["code-normalised", "F", "code_activite_origine"],
    ]);
    const reference = read("reference", [
      ["Code activité", "Axe", "Activité"],
      ["1_2_3", "1", "Sensibiliser"],
    ]);
    expect(reference.records[0]?.values.code_activite).toBe("1.2.3");
    const resolutions = read("resolutions", [
      ["Code activité", "Champ", "Valeur"],
      ["1/2/3", "Statut", "Réalisé"],
    ]);
    expect(resolutions.records[0]?.values.code_activite).toBe("1.2.3");
    expect(flatten(resolutions.records[0]?.issues ?? [], ["code", "column"])).toEqual([
      ["code-normalised", "A"],
    ]);
  });
});

// --- rule 9: roman axis numbers ---------------------------------------------------------------

describe("rule 9: axes numbered in roman numerals", () => {
  it.each([
    ["Axe II", "PROT"],
    ["axe ii", "PROT"],
    ["AXE II", "PROT"],
    ["II", "PROT"],
    ["II.", "PROT"],
    ["Axe IV", "COOR"],
    ["axe iv", "COOR"],
    ["Axe I", "PREV"],
    ["Axe III", "POUR"],
    ["Axe n° III", "POUR"],
    ["Axe II : Protection et assistance aux victimes", "PROT"],
    ["II - Protection", "PROT"],
  ])("%j → %j", (input, expected) => {
    expect(value("axe", input)).toBe(expected);
  });

  it.each(["Axe V", "Axe IIII", "Axe IIV", "VII"])("%j is not an axis", (input) => {
    expect(value("axe", input)).toBe("!invalid-value");
  });

  it("reads them against the plan's own axes, for propositions too", () => {
    const five = [
      ...DEFAULT_AXES,
      { code: "STAT", number: 5, fr: "Statistiques", en: "Statistics", aliases: [] },
    ];
    const r = parseCell({ v: "Axe V" }, field("axe"), { ...ctx, axes: five });
    expect(r.value).toBe("STAT");
    const { records } = read("propositions", [
      ["Axe", "Objectif", "Action", "Calendrier"],
      ["Axe III", "Poursuivre", "Former", "2024"],
    ]);
    expect([records[0]?.values.axe, records[0]?.issues]).toEqual(["POUR", []]);
  });
});

// --- rule 9: plural labels ------------------------------------------------------------------------

describe("rule 9: plural and singular forms of every closed list", () => {
  it.each([
    ["type", "Faiblesses", "faiblesse"],
    ["type", "Menaces", "menace"],
    ["type", "Forces", "force"],
    ["type", "Opportunités", "opportunite"],
    ["type", "Points faibles", "faiblesse"],
    ["type", "Points forts", "force"],
    ["type", "Risques", "menace"],
    ["type", "Threats", "menace"],
    ["statut", "Réalisés", "realise"],
    ["statut", "Réalisées", "realise"],
    ["statut", "Abandonnées", "abandonne"],
    ["statut", "Abandonnés", "abandonne"],
    ["statut", "Non réalisées", "non_realise"],
    ["statut", "Partiellement réalisées", "partiel"],
    ["statut", "Annulées", "abandonne"],
    ["statut", "En cours", "en_cours"],
    ["priorite", "Hautes", "haute"],
    ["priorite", "Moyennes", "moyenne"],
    ["priorite", "Basses", "basse"],
    ["priorite", "Élevées", "haute"],
    ["nature", "Nouvelles", "nouvelle"],
    ["nature", "Nouveaux", "nouvelle"],
    ["nature", "Reconduites", "reconduite"],
    ["nature", "Reformulées", "reformulee"],
  ])("%s %j → %j", (id, input, expected) => {
    expect(value(id, input)).toBe(expected);
  });

  it.each([
    ["Poursuite et répression", "POUR"],
    ["Poursuites", "POUR"],
    ["Préventions", "PREV"],
    ["Partenariats", "COOR"],
    ["Protections et assistances aux victimes", "PROT"],
  ])("axe %j → %j", (input, expected) => {
    expect(value("axe", input)).toBe(expected);
  });

  it("accepts a constats row of plurals that was rejected", () => {
    const { records } = read("constats", [
      ["Axe", "Type", "Constat"],
      ["Axe II", "Faiblesses", "Peu de centres d'accueil"],
      ["Axe II", "Menaces", "Réseaux transfrontaliers"],
    ]);
    expect(records.map((r) => [r.values.axe, r.values.type, r.issues])).toEqual([
      ["PROT", "faiblesse", []],
      ["PROT", "menace", []],
    ]);
  });

  it("makes no two values of a closed list share a singular form", () => {
    const lists: [string, readonly { id: string; keys: string[] }[]][] = [
      ...[STATUTS, TYPES_CONSTAT, PRIORITES, NATURES].map(
        (values): [string, { id: string; keys: string[] }[]] => [
          values[0]?.id ?? "",
          values.map((v) => ({
            id: v.id,
            keys: [v.id, v.fr, v.en, ...("synonyms" in v ? v.synonyms : [])],
          })),
        ],
      ),
      ["axes", DEFAULT_AXES.map((a) => ({ id: a.code, keys: [a.code, a.fr, a.en, ...a.aliases] }))],
    ];
    for (const [name, values] of lists) {
      const owner = new Map<string, string>();
      for (const v of values) {
        for (const key of v.keys.map((k) => singularWords(foldWords(k)))) {
          expect(owner.get(key) ?? v.id, `${name}: ${key}`).toBe(v.id);
          owner.set(key, v.id);
        }
      }
    }
  });

  it("never guesses between two values whose singular forms meet", () => {
    const odd: FieldSpec = {
      id: "odd",
      fr: "Odd",
      en: "Odd",
      aliases: [],
      type: "enum",
      required: false,
      help: { fr: "", en: "" },
      values: [
        { id: "one", fr: "Réalisé", en: "Done" },
        { id: "many", fr: "Réalisées", en: "Many done" },
      ],
    };
    expect(enumValueOf(odd, "Réalisé")).toBe("one");
    expect(enumValueOf(odd, "réalisées")).toBe("many");
    expect(enumValueOf(odd, "Réalisés")).toBeUndefined();
    expect(parseCell({ v: "Réalisés" }, odd, ctx).problem?.code).toBe("invalid-value");
  });

  it("keeps every field of every table registered with its own values", () => {
    const enums = (["bilan", "constats", "propositions"] as const).flatMap((k) =>
      tableFields(k).filter((f) => f.type === "enum"),
    );
    expect(enums.map((f) => f.id)).toEqual(["statut", "type", "priorite", "nature"]);
  });
});

// --- end to end ---------------------------------------------------------------------------------

interface Problem {
  code: string;
  severity: string;
  cell: string | null;
  field: string | null;
  value: string | null;
  message: string;
  hint: string | null;
}

async function problemsOf(...paths: string[]): Promise<Problem[]> {
  const r = await run("validate", ...paths, "--format", "json");
  return JSON.parse(r.out).files.flatMap((f: { problems: Problem[] }) => f.problems);
}

const brief = (ps: Problem[]) => ps.map((p) => [p.code, p.severity, p.cell, p.field, p.value]);

describe("end to end, through the CLI", () => {
  const bilan =
    "Groupe;Axe;Code activité;Activité;Statut;Taux de réalisation (%);Budget prévu (M FCFA);Budget exécuté (USD);Date\r\n" +
    "Groupe 2;Axe II;02.1.1;Former les magistrats;Réalisés;100;2,5;;5 juillet 2023\r\n" +
    "Groupe 2;Axe II;2-1-2;Ouvrir un centre;Abandonnées;0,45;1,15;;31/02/2023\r\n" +
    "Groupe 2;axe iv;4.1.1;Coordonner;En cours;50;3;1 200;juillet 2023\r\n";

  it("validate: the unit and currency at their header cells, codes, percents and dates at theirs", async () => {
    const dir = workshop({ "J1/groupe-2.csv": bilan });
    const problems = await problemsOf(join(dir, "J1/groupe-2.csv"));
    expect(brief(problems)).toEqual([
      ["unit-scaled", "warning", "G1", "budget_prevu", null],
      ["currency-mismatch", "error", "H1", "budget_execute", null],
      ["code-normalised", "warning", "C2", "code_activite", "02.1.1"],
      ["code-normalised", "warning", "C3", "code_activite", "2-1-2"],
      ["ambiguous-percent", "error", "F3", "taux_realisation", "0,45"],
      ["type-error", "error", "I3", "date", "31/02/2023"],
      ["currency-mismatch", "error", "H4", "budget_execute", "1 200"],
    ]);
    const at = (cell: string) => problems.find((p) => p.cell === cell);
    expect([at("G1")?.message, at("H1")?.message, at("H1")?.hint, at("C2")?.message]).toEqual([
      `Colonne « Budget prévu (M FCFA) » en millions de FCFA : les montants sont multipliés par 1${NNBSP}000${NNBSP}000 et arrondis au franc`,
      "Colonne « Budget exécuté (USD) » en USD : atelier attend des montants en FCFA",
      "Convertissez les montants en FCFA et renommez la colonne « Budget exécuté (FCFA) »",
      "Code « 02.1.1 » lu comme « 2.1.1 »",
    ]);
    expect([at("F3")?.hint, at("I3")?.hint]).toEqual([
      "Écrivez 45 ou 45 %, ou bien 0,45 % pour moins de 1 %",
      "Écrivez la date au format jj/mm/aaaa",
    ]);
  });

  // Not under `npm run mutate`: a whole compile per mutant.
  it.skipIf(process.env.ATELIER_MUTATION === "1")(
    "compile: 2500000 FCFA, Axe II as PROT, 02.1.1 and 2.1.1 as one activity",
    async () => {
      const dir = workshop({
        "J1/groupe-2.csv": bilan,
        "J1/groupe-3.csv":
          "Groupe;Axe;Code activité;Activité;Statut;Budget prévu (FCFA)\r\n" +
          "Groupe 3;2;2.1.1;Former les magistrats;Réalisé;2 500 000\r\n",
      });
      const r = await run("compile", dir, "--format", "json");
      expect(r.code).toBe(0);
      const out = JSON.parse(readFileSync(join(dir, "sortie", "consolidation.json"), "utf8"));
      const rows = out.bilan.map((b: Record<string, unknown>) => [
        b.code_activite,
        b.axe,
        b.statut,
        b.budget_prevu,
        (b.sources as unknown[]).length,
      ]);
      expect(rows).toEqual([["2.1.1", "PROT", "realise", 2500000, 2]]);
      // The rows with a problem are rejected with their raw values: the USD amount among them.
      const rejected = out.rejets.map((x: { row: number }) => x.row);
      expect(rejected).toEqual([3, 4]);
      expect(JSON.stringify(out.rejets)).toContain("1 200");
    },
  );
});

// --- a workbook saved by LibreOffice ----------------------------------------------------------

// Not under `npm run mutate`: a LibreOffice round trip per mutant would take hours.
const soffice =
  process.env.ATELIER_MUTATION !== "1" &&
  (() => {
    try {
      execFileSync("soffice", ["--version"], { stdio: "ignore", timeout: 60_000 });
      return true;
    } catch {
      return false;
    }
  })();
if (!soffice && process.env.ATELIER_MUTATION !== "1")
  console.warn("soffice (LibreOffice) is not installed: the LibreOffice case is skipped");

describe("a workbook saved by LibreOffice", () => {
  it.skipIf(!soffice)(
    "reads its units, percent cells, roman axes, plurals, codes and worded dates",
    async () => {
      const wb = new ExcelJS.Workbook();
      const id = wb.addWorksheet("Identification");
      id.addRow(["Groupe de travail", "Groupe 2"]);
      id.addRow(["Date", "5 juillet 2023"]);
      const ws = wb.addWorksheet("Bilan");
      ws.addRow([
        "Axe stratégique",
        "Code activité",
        "Activité",
        "Statut",
        "Taux de réalisation (%)",
        "Budget prévu (M FCFA)",
        "Budget exécuté (USD)",
      ]);
      ws.addRow(["Axe II", "02.1.1", "Former", "Partiellement réalisées", 0.45, 2.5, null]);
      ws.addRow(["axe iv", "4-1-1", "Coordonner", "Abandonnées", "0,45", 1.15, 300]);
      ws.getCell("E2").numFmt = "0%";
      const source = join(mkdtempSync(join(tmpdir(), "atelier-exceljs-")), "groupe-2.xlsx");
      writeFileSync(source, Buffer.from(await wb.xlsx.writeBuffer()));
      const dir = mkdtempSync(join(tmpdir(), "atelier-rules-"));
      execFileSync(
        "soffice",
        [
          `-env:UserInstallation=file://${join(dirname(source), "profile")}`,
          "--headless",
          "--convert-to",
          "xlsx",
          "--outdir",
          join(dir, "J1"),
          source,
        ],
        { stdio: "ignore", timeout: 90_000 },
      );
      const file = join(dir, "J1", "groupe-2.xlsx");
      const app = await (await JSZip.loadAsync(readFileSync(file)))
        .file("docProps/app.xml")
        ?.async("string");
      expect(app).toContain("LibreOffice");
      const problems = await problemsOf(file);
      expect(brief(problems)).toEqual([
        ["unit-scaled", "warning", "Bilan!F1", "budget_prevu", null],
        ["currency-mismatch", "error", "Bilan!G1", "budget_execute", null],
        ["code-normalised", "warning", "Bilan!B2", "code_activite", "02.1.1"],
        ["code-normalised", "warning", "Bilan!B3", "code_activite", "4-1-1"],
        ["ambiguous-percent", "error", "Bilan!E3", "taux_realisation", "0,45"],
        ["currency-mismatch", "error", "Bilan!G3", "budget_execute", "300"],
      ]);
      const r = await run("compile", dir, "--format", "json");
      expect(r.code).toBe(0);
      const out = JSON.parse(readFileSync(join(dir, "sortie", "consolidation.json"), "utf8"));
      expect(
        out.bilan.map((b: Record<string, unknown>) => [
          b.code_activite,
          b.axe,
          b.statut,
          b.taux_realisation,
          b.budget_prevu,
        ]),
      ).toEqual([["2.1.1", "PROT", "partiel", 45, 2500000]]);
      const validated = await run("validate", file, "--format", "json");
      expect(JSON.parse(validated.out).files[0].meta).toEqual({
        groupe: "Groupe 2",
        date: "2023-07-05",
      });
    },
    180_000,
  );
});

// --- values read as FCFA though they were not, and labels read as another axis ------------------

/** The issues of a table's header and of its rows, flattened for `where`. */
const all = (t: { table: { issues: Issue[] }; records: { issues: Issue[] }[] }) => [
  ...t.table.issues,
  ...t.records.flatMap((r) => r.issues),
];

describe("units that were read as plain FCFA", () => {
  it.each([
    ["Budget prévu (FCFA, millions)", 1_000_000, "XOF"],
    ["Budget prévu (FCFA - millions)", 1_000_000, "XOF"],
    ["Budget prévu (x 1000 FCFA)", 1_000, "XOF"],
    ["Budget prévu (x1000)", 1_000, undefined],
    ["Budget prévu (x1 000)", 1_000, undefined],
    ["Budget prévu (× 1 000 000)", 1_000_000, undefined],
    ["Budget prévu (FCFA x 1 000 000)", 1_000_000, "XOF"],
    ["Budget prévu (FCFA × 1000)", 1_000, "XOF"],
    ["Budget prévu (en milliers)", 1_000, undefined],
    ["Budget prévu (milliers)", 1_000, undefined],
    ["Budget prévu (millions)", 1_000_000, undefined],
    ["Budget prévu (milliards)", 1_000_000_000, undefined],
    ["Budget prévu (Mds)", 1_000_000_000, undefined],
    ["Budget prévu (k)", 1_000, undefined],
    ["Budget prévu (M)", 1_000_000, undefined],
    ["Budget prévu (FCFA en milliers)", 1_000, "XOF"],
    ["Budget prévu (M FCFA, 2023)", 1_000_000, "XOF"],
    ["Budget prévu (montants en millions)", 1_000_000, undefined],
  ])("%j: × %d, currency %s", (header, scale, money) => {
    const unit = headerUnit(header);
    expect([unit?.scale, unit?.currency]).toEqual([scale, money]);
    expect(headerKey(header)).toBe("budget prevu");
  });

  it("scales every one of them, with the warning at the header cell that says it rounds", () => {
    const headers = [
      "Budget prévu (FCFA, millions)",
      "Budget exécuté (x 1000 FCFA)",
      "Coût estimé (FCFA x 1 000 000)",
      "Coût 2024 (x1000)",
      "Coût 2025 (en milliers)",
    ];
    const t = read(
      "propositions",
      [
        [
          "Axe",
          "Objectif",
          "Action",
          "Calendrier",
          "Coût estimé (FCFA x 1 000 000)",
          ...headers.slice(3),
        ],
        ["1", "Prévenir", "Campagnes", "2024-2025", "2,5", "2,5", "2,5"],
      ],
      "Propositions",
    );
    expect([t.records[0]?.values.cout, t.records[0]?.values.cout_annuel]).toEqual([
      2500000,
      { 2024: 2500, 2025: 2500 },
    ]);
    expect(where(all(t))).toEqual([
      ["unit-scaled", "warning", "Propositions", 1, "E", "cout", undefined],
      ["unit-scaled", "warning", "Propositions", 1, "F", "cout_annuel", undefined],
      ["unit-scaled", "warning", "Propositions", 1, "G", "cout_annuel", undefined],
    ]);
    expect(texts(t.table.issues[0])).toEqual({
      fr: [
        `Colonne « Coût estimé (FCFA x 1 000 000) » en millions de FCFA : les montants sont multipliés par 1${NNBSP}000${NNBSP}000 et arrondis au franc`,
        "Vérifiez que tous les montants de la colonne sont en millions de FCFA",
      ],
      en: [
        "Column “Coût estimé (FCFA x 1 000 000)” in millions of FCFA: amounts are multiplied by 1,000,000 and rounded to the franc",
        "Check that every amount in the column is in millions of FCFA",
      ],
    });
    const bilan = read("bilan", [
      [...BILAN, headers[0] as string, headers[1] as string],
      [...ROW, "2,5", "1 500,75"],
    ]);
    expect([
      bilan.records[0]?.values.budget_prevu,
      bilan.records[0]?.values.budget_execute,
    ]).toEqual([2500000, 1500750]);
    expect(flatten(all(bilan), ["code", "column"])).toEqual([
      ["unit-scaled", "E"],
      ["unit-scaled", "F"],
    ]);
  });

  it.each([
    ["Budget prévu (Naira)", "NGN"],
    ["Budget prévu (nairas)", "NGN"],
    ["Budget prévu (₦)", "NGN"],
    ["Budget prévu (francs guinéens)", "GNF"],
    ["Budget prévu (FG)", "GNF"],
    ["Budget prévu (GNF)", "GNF"],
    ["Budget prévu (cedis)", "GHS"],
    ["Budget prévu (GHS)", "GHS"],
    ["Budget prévu (dirhams)", "MAD"],
    ["Budget prévu (dinars)", "dinars"],
    ["Budget prévu (dalasis)", "GMD"],
    ["Budget prévu (leones)", "SLL"],
    ["Budget prévu (ouguiyas)", "MRU"],
    ["Budget prévu (rands)", "ZAR"],
    ["Budget prévu (livres sterling)", "GBP"],
    ["Budget prévu (£)", "GBP"],
    ["Budget prévu (francs suisses)", "CHF"],
    ["Budget prévu (yens)", "JPY"],
    ["Budget prévu (yuans)", "CNY"],
    ["Budget prévu (CNY)", "CNY"],
    ["Budget prévu (dollars canadiens)", "CAD"],
    ["Budget prévu (dollars US)", "USD"],
    ["Budget prévu (US$)", "USD"],
    ["Budget prévu (millions de nairas)", "NGN"],
    ["Budget prévu en cedis", "GHS"],
  ])(
    "%j is in %s: an error at the header cell, and its amounts are never read",
    (header, currency) => {
      const t = read(
        "bilan",
        [
          [...BILAN, header],
          [...ROW, "2,5"],
        ],
        "Bilan",
      );
      expect(where(all(t))).toEqual([
        ["currency-mismatch", "error", "Bilan", 1, "E", "budget_prevu", undefined],
        ["currency-mismatch", "error", "Bilan", 2, "E", "budget_prevu", "2,5"],
      ]);
      expect(t.table.issues[0]?.params).toEqual({
        currency,
        expected: "FCFA",
        rename: "Budget prévu (FCFA)",
      });
      expect(t.records[0]?.values.budget_prevu).toBeNull();
    },
  );

  it("says a unit it does not know at the header cell, and reads the amounts unconverted", () => {
    const t = read(
      "bilan",
      [
        [...BILAN, "Budget prévu (naira-like word)", "Budget exécuté (devise locale)"],
        [...ROW, "2 500", "1 000"],
      ],
      "Bilan",
    );
    expect(where(all(t))).toEqual([
      ["unit-unknown", "warning", "Bilan", 1, "E", "budget_prevu", undefined],
      ["unit-unknown", "warning", "Bilan", 1, "F", "budget_execute", undefined],
    ]);
    expect([t.records[0]?.values.budget_prevu, t.records[0]?.values.budget_execute]).toEqual([
      2500, 1000,
    ]);
    expect(texts(t.table.issues[0])).toEqual({
      fr: [
        "Unité « naira-like word » non reconnue dans « Budget prévu (naira-like word) » : les montants sont lus en FCFA, sans conversion",
        "Écrivez l'une des unités reconnues : (FCFA), (milliers de FCFA), (millions de FCFA), (milliards de FCFA), (x 1 000), (x 1 000 000) ; s'il s'agit d'une autre devise, convertissez les montants en FCFA",
      ],
      en: [
        "Unit “naira-like word” not recognised in “Budget prévu (naira-like word)”: amounts are read in FCFA, unconverted",
        "Write one of the recognised units: (FCFA), (k FCFA), (M FCFA), (Mds FCFA), (x 1,000), (x 1,000,000); if it is another currency, convert the amounts to FCFA",
      ],
    });
    expect(messageOf(t.table.issues[1] as Issue, "fr")).toBe(
      "Unité « devise locale » non reconnue dans « Budget exécuté (devise locale) » : les montants sont lus en FCFA, sans conversion",
    );
  });

  it.each([
    "Budget prévu (naira-like word)",
    "Budget prévu (devise locale)",
    "Budget prévu (monnaie locale, 2023)",
    "Budget prévu (arrondi au million)",
    "Budget prévu (%)",
    "Budget prévu (x)",
    "Budget prévu [unités]",
  ])("%j is an unknown unit", (header) => {
    const t = read("bilan", [[...BILAN, header]]);
    expect(flatten(t.table.issues, ["code", "column"])).toEqual([["unit-unknown", "E"]]);
    expect(t.table.columns[4]?.scale).toBe(1);
  });

  it.each([
    "Budget prévu (2018-2022)",
    "Budget prévu (PAN 2018-2022)",
    "Budget prévu (au 30 juin)",
    "Budget prévu (au 30/06/2023)",
    "Budget prévu (prévisionnel)",
    "Budget prévu (prévisionnels, HT)",
    "Budget prévu (État)",
    "Budget prévu (estimé)",
    "Budget prévu (total)",
    "Budget prévu (*)",
    "Budget (prévu)",
  ])("%j is a note: nothing to say, the amounts are FCFA", (header) => {
    const t = read("bilan", [
      [...BILAN, header],
      [...ROW, "2 500 000"],
    ]);
    expect(all(t)).toEqual([]);
    expect(t.records[0]?.values.budget_prevu).toBe(2500000);
  });

  it("says nothing of a note beside a unit, and reads the unit", () => {
    const t = read("bilan", [
      [...BILAN, "Budget prévu (2018-2022) (M FCFA)", "Budget exécuté (FCFA) (hors salaires)"],
      [...ROW, "2,5", "2 500"],
    ]);
    expect(flatten(all(t), ["code", "column"])).toEqual([["unit-scaled", "E"]]);
    expect([t.records[0]?.values.budget_prevu, t.records[0]?.values.budget_execute]).toEqual([
      2500000, 2500,
    ]);
  });

  it("checks the unit of a resolution's field as a column's", () => {
    expect(headerUnit("Budget exécuté (FCFA, millions)")?.scale).toBe(1_000_000);
    expect(headerUnit("Budget exécuté (Naira)")?.currency).toBe("NGN");
  });
});

describe("an amount with decimals in a currency without cents", () => {
  it("is kept as read, with a warning at its cell", () => {
    const t = read(
      "bilan",
      [
        [...BILAN, "Budget prévu (FCFA)", "Budget exécuté"],
        [...ROW, "2,5", "1500000,5"],
        [...ROW, { v: 2.5 }, "1 500 000"],
        [...ROW, "2 500 000", { v: 1500000 }],
      ],
      "Bilan",
    );
    expect(t.records.map((r) => [r.values.budget_prevu, r.values.budget_execute])).toEqual([
      [2.5, 1500000.5],
      [2.5, 1500000],
      [2500000, 1500000],
    ]);
    expect(where(all(t))).toEqual([
      ["amount-decimals", "warning", "Bilan", 2, "E", "budget_prevu", "2,5"],
      ["amount-decimals", "warning", "Bilan", 2, "F", "budget_execute", "1500000,5"],
      ["amount-decimals", "warning", "Bilan", 3, "E", "budget_prevu", "2.5"],
    ]);
    expect(texts(t.records[0]?.issues[0])).toEqual({
      fr: [
        `2,5${NBSP}FCFA n'est pas un montant entier : vérifiez l'unité de la colonne (millions ? milliers ?)`,
        "Si les montants sont en millions ou en milliers, dites-le dans l'en-tête : (M FCFA), (k FCFA) ; sinon, écrivez le montant en FCFA entiers",
      ],
      en: [
        "2.5 FCFA is not a whole amount: check the column's unit (millions? thousands?)",
        "If the amounts are in millions or thousands, say so in the header: (M FCFA), (k FCFA); otherwise write the amount in whole FCFA",
      ],
    });
    expect(messageOf(t.records[0]?.issues[1] as Issue, "fr")).toBe(
      `1${NNBSP}500${NNBSP}000,5${NBSP}FCFA n'est pas un montant entier : vérifiez l'unité de la colonne (millions ? milliers ?)`,
    );
  });

  it("is said under an unknown unit too, and never in a currency with cents", () => {
    const unknown = read("bilan", [
      [...BILAN, "Budget prévu (devise locale)"],
      [...ROW, "2,5"],
    ]);
    expect(flatten(all(unknown), ["code", "row", "column"])).toEqual([
      ["unit-unknown", 1, "E"],
      ["amount-decimals", 2, "E"],
    ]);
    const euros = read(
      "bilan",
      [
        [...BILAN, "Budget prévu (EUR)"],
        [...ROW, "2,5"],
      ],
      "B",
      "EUR",
    );
    const ctxEur = { ...contextFor("bilan", { ...config, currency: "EUR" }) };
    const r = parseCell({ v: "2,5" }, field("budget_prevu"), ctxEur);
    expect([r.value, r.warning]).toEqual([2.5, undefined]);
    expect(euros.table.issues).toEqual([]);
  });

  it("is not said of a scaled column: the header says it rounds", () => {
    const r = parseCell({ v: "2,5555555" }, field("budget_prevu"), { ...ctx, scale: 1e6 });
    expect([r.value, r.warning]).toEqual([2555556, undefined]);
  });

  it("leaves a negative amount to the schema, which refuses it", () => {
    const r = parseCell({ v: "-2,5" }, field("budget_prevu"), ctx);
    expect([r.value, r.warning]).toEqual([-2.5, undefined]);
  });
});

describe("a full amount typed in a scaled column", () => {
  it("is kept, scaled, with a warning at its cell that shows what it becomes", () => {
    const t = read(
      "bilan",
      [
        [...BILAN, "Budget prévu (M FCFA)", "Budget exécuté (k FCFA)"],
        [...ROW, "2 500 000", "999 999"],
        [...ROW, "999 999", { v: 1000000 }],
      ],
      "Bilan",
    );
    expect(t.records.map((r) => [r.values.budget_prevu, r.values.budget_execute])).toEqual([
      [2500000000000, 999999000],
      [999999000000, 1000000000],
    ]);
    expect(where(t.records.flatMap((r) => r.issues))).toEqual([
      ["unit-suspect", "warning", "Bilan", 2, "E", "budget_prevu", "2 500 000"],
      ["unit-suspect", "warning", "Bilan", 3, "F", "budget_execute", "1000000"],
    ]);
    expect(texts(t.records[0]?.issues[0])).toEqual({
      fr: [
        `2${NNBSP}500${NNBSP}000 dans une colonne en millions de FCFA donne 2${NNBSP}500${NNBSP}000${NNBSP}000${NNBSP}000${NBSP}FCFA : le montant a-t-il été écrit en FCFA ?`,
        `Si c'est le montant en FCFA, divisez-le par 1${NNBSP}000${NNBSP}000, ou changez l'unité de la colonne`,
      ],
      en: [
        "2,500,000 in a column in millions of FCFA makes 2,500,000,000,000 FCFA: was the amount written in FCFA?",
        "If it is the amount in FCFA, divide it by 1,000,000, or change the column's unit",
      ],
    });
  });
});

describe("a currency written with the amount", () => {
  it.each([
    ["1000 USD", "USD"],
    ["500 €", "EUR"],
    ["$500", "USD"],
    ["US$ 1 500", "USD"],
    ["250 000 nairas", "NGN"],
    ["1 000 000 GNF", "GNF"],
  ])("%j is a currency-mismatch at its cell (%s)", (input, currency) => {
    const t = read(
      "bilan",
      [
        [...BILAN, "Budget prévu (FCFA)"],
        [...ROW, input],
      ],
      "Bilan",
    );
    expect(where(all(t))).toEqual([
      ["currency-mismatch", "error", "Bilan", 2, "E", "budget_prevu", input],
    ]);
    expect(t.records[0]?.issues[0]?.params).toEqual({
      label: { fr: "Budget prévu (FCFA)", en: "Planned budget (FCFA)" },
      currency,
      expected: "FCFA",
    });
    expect(t.records[0]?.values.budget_prevu).toBeNull();
  });

  it("says so in its message", () => {
    const t = read("bilan", [
      [...BILAN, "Budget prévu (FCFA)"],
      [...ROW, "1000 USD"],
    ]);
    expect(texts(t.records[0]?.issues[0])).toEqual({
      fr: [
        "Colonne « Budget prévu (FCFA) » en USD : atelier attend des montants en FCFA",
        undefined,
      ],
      en: ["Column “Budget prévu (FCFA)” in USD: atelier expects amounts in FCFA", undefined],
    });
  });

  it.each([
    ["1 500 000 FCFA", 1500000],
    ["1500000 F CFA", 1500000],
    ["XOF 250000", 250000],
    ["1 000 francs", 1000],
    ["2 500 F.", 2500],
  ])("%j is in the configured currency: %d", (input, expected) => {
    expect(value("budget_prevu", input)).toBe(expected);
  });

  it("follows the configured currency: euros are read, francs CFA refused", () => {
    const eur = { ...ctx, currency: "EUR" };
    const at = (v: string) => parseCell({ v }, field("budget_prevu"), eur);
    expect(at("500 €").value).toBe(500);
    expect(at("1000 FCFA").problem).toEqual({
      code: "currency-mismatch",
      params: { currency: "XOF", expected: "EUR" },
    });
  });

  it.each(["2,5 millions", "1000 zorglubs", "USD 500 FCFA"])(
    "%j is a type error that says what an amount is",
    (input) => {
      const t = read("bilan", [
        [...BILAN, "Budget prévu (FCFA)"],
        [...ROW, input],
      ]);
      expect(flatten(all(t), ["code", "column"])).toEqual([["type-error", "E"]]);
      expect(messageOf(t.records[0]?.issues[0] as Issue, "fr")).toBe(
        `« Budget prévu (FCFA) » : un montant (1 500 000 ou 1500000) attendu, lu « ${input} »`,
      );
    },
  );
});

/** A workbook written by exceljs: one bilan sheet, its rows, and number formats by cell. */
async function workbook(rows: unknown[][], formats: Record<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Bilan");
  for (const r of rows) ws.addRow(r);
  for (const [cell, numFmt] of Object.entries(formats)) ws.getCell(cell).numFmt = numFmt;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX_HEADER = [...BILAN, "Budget prévu", "Taux de réalisation (%)"];
/** Rows of one bilan, one activity each, in progress: only the formats can be at fault. */
const XLSX_ROWS = [
  XLSX_HEADER,
  ...[0.45, 0.45, 45, 1, 0.45, 0.5].map((rate, i) => [
    "Axe 1",
    `1.1.${i + 1}`,
    "Sensibiliser",
    "En cours",
    1000,
    rate,
  ]),
];
const XLSX_FORMATS = {
  E2: '"$"#,##0.00',
  E3: "#,##0.00 [$€-40C]",
  E4: '# ##0 "FCFA"',
  E5: "[$XOF] #,##0",
  E6: "£#,##0",
  E7: "#,##0.00",
  F2: "0%",
  F3: "0.00%",
  F4: "0",
  F5: "0",
  F6: "0.00",
};

describe("XLSX cells formatted in a currency, and fractions not formatted as percentages", () => {
  it("keeps the currency of the number format with the cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    const formats = [
      '"$"#,##0.00',
      "#,##0.00 [$€-40C]",
      "[$USD] #,##0",
      "[$$-409]#,##0.00",
      "\\$0",
      '#,##0 "EUR"',
      '# ##0 "FCFA"',
      "[$XOF] #,##0",
      '#,##0 "F CFA"',
      "[$-40C]#,##0",
      '0" personnes"',
      "#,##0.00",
      "[$₩-412]#,##0",
      "0%",
    ];
    ws.addRow(formats.map(() => 1000));
    formats.forEach((f, i) => {
      ws.getCell(1, i + 1).numFmt = f;
    });
    const file = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()), "f.xlsx");
    expect(file.sheets[0]?.rows[0]?.cells).toEqual([
      { v: 1000, currency: "USD" },
      { v: 1000, currency: "EUR" },
      { v: 1000, currency: "USD" },
      { v: 1000, currency: "USD" },
      { v: 1000, currency: "USD" },
      { v: 1000, currency: "EUR" },
      { v: 1000, currency: "XOF" },
      { v: 1000, currency: "XOF" },
      { v: 1000, currency: "XOF" },
      { v: 1000 },
      { v: 1000 },
      { v: 1000 },
      { v: 1000, currency: "₩" },
      { v: 1000, percent: true },
    ]);
  });

  it("refuses an amount formatted in another currency at its cell, and an unformatted fraction in a percent column", async () => {
    const dir = workshop({ "J1/groupe-1.xlsx": await workbook(XLSX_ROWS, XLSX_FORMATS) });
    const problems = await problemsOf(join(dir, "J1/groupe-1.xlsx"));
    expect(brief(problems)).toEqual([
      ["currency-mismatch", "error", "Bilan!E2", "budget_prevu", "1000"],
      ["currency-mismatch", "error", "Bilan!E3", "budget_prevu", "1000"],
      ["currency-mismatch", "error", "Bilan!E6", "budget_prevu", "1000"],
      ["ambiguous-percent", "error", "Bilan!F6", "taux_realisation", "0.45"],
      ["ambiguous-percent", "error", "Bilan!F7", "taux_realisation", "0.5"],
    ]);
    expect([problems[0]?.message, problems[1]?.message, problems[3]?.hint]).toEqual([
      "Colonne « Budget prévu » en USD : atelier attend des montants en FCFA",
      "Colonne « Budget prévu » en EUR : atelier attend des montants en FCFA",
      "Écrivez 45 ou 45 %, ou bien 0.45 % pour moins de 1 %",
    ]);
  });

  it("reads the amounts in FCFA formats and the fractions formatted as percentages", async () => {
    const dir = workshop({ "J1/groupe-1.xlsx": await workbook(XLSX_ROWS, XLSX_FORMATS) });
    const file = await readXlsx(readFileSync(join(dir, "J1/groupe-1.xlsx")), "g.xlsx");
    const s = file.sheets[0] as RawSheet;
    const table = buildTable(s, "bilan", 0, "g.xlsx", "xlsx");
    const records = s.rows.slice(1).map((r) => readRow(table, r, contextFor("bilan", config)));
    expect(records.map((r) => [r.values.budget_prevu, r.values.taux_realisation])).toEqual([
      [null, 45],
      [null, 45],
      [1000, 45],
      [1000, 1],
      [null, null],
      [1000, null],
    ]);
  });

  it("follows the configured currency: a workbook in euros is read in euros", () => {
    const eur = { ...ctx, currency: "EUR" };
    const at = (cell: Cell) => parseCell(cell, field("budget_prevu"), eur);
    expect(at({ v: 1000, currency: "EUR" }).value).toBe(1000);
    expect(at({ v: 1000, currency: "XOF" }).problem).toEqual({
      code: "currency-mismatch",
      params: { currency: "XOF", expected: "EUR" },
    });
  });

  it.skipIf(!soffice)(
    "finds them the same in a workbook saved by LibreOffice",
    async () => {
      const source = join(mkdtempSync(join(tmpdir(), "atelier-exceljs-")), "groupe-1.xlsx");
      writeFileSync(source, await workbook(XLSX_ROWS, XLSX_FORMATS));
      const dir = mkdtempSync(join(tmpdir(), "atelier-rules-"));
      convertWithLibreOffice(source, join(dir, "J1"), "xlsx");
      const file = join(dir, "J1", "groupe-1.xlsx");
      const problems = await problemsOf(file);
      expect(brief(problems)).toEqual([
        ["currency-mismatch", "error", "Bilan!E2", "budget_prevu", "1000"],
        ["currency-mismatch", "error", "Bilan!E3", "budget_prevu", "1000"],
        ["currency-mismatch", "error", "Bilan!E6", "budget_prevu", "1000"],
        ["ambiguous-percent", "error", "Bilan!F6", "taux_realisation", "0.45"],
        ["ambiguous-percent", "error", "Bilan!F7", "taux_realisation", "0.5"],
      ]);
    },
    180_000,
  );
});

describe("axes whose number and label disagree, or that name two", () => {
  it.each([
    ["Axe 2 : Protection", "PROT"],
    ["Axe 2 : Protection et assistance aux victimes", "PROT"],
    ["Axe 2 – Protection des victimes et des témoins", "PROT"],
    ["II - Protection", "PROT"],
    ["Axe 2 Protection", "PROT"],
    ["2) Protection", "PROT"],
    ["Axe 1 - Prév", "PREV"],
    ["Axe 1. Prévention", "PREV"],
    ["Axe 3 : Poursuite et répression", "POUR"],
    ["Axe 4 : Coordination, partenariat…", "COOR"],
    ["Axe IV : Partenariat", "COOR"],
    ["Axe 2 :", "PROT"],
    ["Axe n° 2", "PROT"],
    ["2", "PROT"],
    [{ v: 3 }, "POUR"],
  ])("%j → %j", (input, expected) => {
    expect(value("axe", input as Cell)).toBe(expected);
  });

  it.each([
    "Axe 2 : Prévention",
    "II - Prévention",
    "Axe 1 : Protection",
    "Axe 1 et 2",
    "1/2",
    "1-2",
    "Axe 3 et 4",
    "Axes 1 et 2",
    "Axe I & II",
    "Axe IV bis",
    "2.1",
  ])("%j is an error, never the first axis it names", (input) => {
    expect(value("axe", input)).toBe("!invalid-value");
  });

  it("says which axis the number names and that the label is another, at the cell", () => {
    const t = read(
      "constats",
      [
        ["Axe", "Type", "Constat"],
        ["Axe 2 : Prévention", "Force", "Campagnes"],
        ["Axe 1 et 2", "Force", "Campagnes"],
        ["Axe IV bis", "Force", "Campagnes"],
      ],
      "Constats",
    );
    expect(where(all(t))).toEqual([
      ["invalid-value", "error", "Constats", 2, "A", "axe", "Axe 2 : Prévention"],
      ["invalid-value", "error", "Constats", 3, "A", "axe", "Axe 1 et 2"],
      ["invalid-value", "error", "Constats", 4, "A", "axe", "Axe IV bis"],
    ]);
    const allowed =
      "1 PREV (Prévention), 2 PROT (Protection et assistance aux victimes), 3 POUR (Poursuites et répression), 4 COOR (Coordination, partenariat et suivi-évaluation)";
    expect(texts(t.records[0]?.issues[0])?.fr).toEqual([
      "« Axe stratégique » : « Axe 2 : Prévention » n'est pas une valeur autorisée",
      `Valeurs autorisées : ${allowed} — le numéro 2 désigne l'axe « Protection et assistance aux victimes », mais l'intitulé « Prévention » ne le nomme pas`,
    ]);
    expect(texts(t.records[1]?.issues[0])?.fr).toEqual([
      "« Axe stratégique » : « Axe 1 et 2 » n'est pas une valeur autorisée",
      `Valeurs autorisées : ${allowed} — une cellule ne nomme qu'un axe : celle-ci en nomme plusieurs`,
    ]);
    expect(hintOf(t.records[2]?.issues[0] as Issue, "fr")).toBe(
      `Valeurs autorisées : ${allowed} — le numéro 4 désigne l'axe « Coordination, partenariat et suivi-évaluation », mais l'intitulé « bis » ne le nomme pas`,
    );
    expect(hintOf(t.records[1]?.issues[0] as Issue, "en")).toBe(
      "Allowed values: 1 PREV (Prevention), 2 PROT (Protection and assistance to victims), 3 POUR (Prosecution), 4 COOR (Coordination, partnership and monitoring) — a cell names one axis: this one names several",
    );
    expect(t.records.map((r) => r.values.axe)).toEqual([null, null, null]);
  });
});

describe("activity codes rewritten", () => {
  it.each([
    ["1–1–1", "1.1.1"],
    ["1—1—1", "1.1.1"],
    ["1 – 2 – 3", "1.2.3"],
    ["1‑1‑1", "1.1.1"],
    ["1−1−1", "1.1.1"],
  ])("%j → %j, dashes as separators", (input, expected) => {
    expect(normaliseCode(input)).toBe(expected);
  });

  it("says every rewrite but the spaces around the code", () => {
    const t = read(
      "bilan",
      [
        BILAN,
        ["Axe 1", "1.1.1.", "Sensibiliser", "Réalisé"],
        ["Axe 1", "1 . 1 . 2", "Sensibiliser", "Réalisé"],
        ["Axe 1", "1–1–3", "Sensibiliser", "Réalisé"],
        ["Axe 1", " 1.1.4 ", "Sensibiliser", "Réalisé"],
      ],
      "Bilan",
    );
    expect(t.records.map((r) => r.values.code_activite)).toEqual([
      "1.1.1",
      "1.1.2",
      "1.1.3",
      "1.1.4",
    ]);
    expect(where(all(t))).toEqual([
      ["code-normalised", "warning", "Bilan", 2, "B", "code_activite", "1.1.1."],
      ["code-normalised", "warning", "Bilan", 3, "B", "code_activite", "1 . 1 . 2"],
      ["code-normalised", "warning", "Bilan", 4, "B", "code_activite", "1–1–3"],
    ]);
    expect(messageOf(t.records[0]?.issues[0] as Issue, "fr")).toBe(
      "Code « 1.1.1. » lu comme « 1.1.1 »",
    );
  });

  it("says how to write a code that is none", () => {
    const t = read("bilan", [BILAN, ["Axe 1", "activité 1.2", "Sensibiliser", "Réalisé"]]);
    expect(texts(t.records[0]?.issues[0])).toEqual({
      fr: [
        "« Code activité » : un code d'activité (1.2.3) attendu, lu « activité 1.2 »",
        "Écrivez le code sous la forme 1.2.3",
      ],
      en: [
        "“Activity code”: expected an activity code (1.2.3), got “activité 1.2”",
        "Write the code as 1.2.3",
      ],
    });
  });
});

describe("closed lists written with (s), (e), (es)", () => {
  it.each([
    ["type", "Faiblesse(s)", "faiblesse"],
    ["type", "Force(s)", "force"],
    ["type", "Point(s) fort(s)", "force"],
    ["statut", "Réalisé(s)", "realise"],
    ["statut", "Réalisé(e)", "realise"],
    ["statut", "Réalisé(e)s", "realise"],
    ["statut", "Réalisé(es)", "realise"],
    ["statut", "Non réalisé(e)", "non_realise"],
    ["statut", "Abandonné(e)s", "abandonne"],
    ["statut", "réalisé·e·s", "realise"],
    ["priorite", "Haute(s)", "haute"],
    ["nature", "Reconduite(s)", "reconduite"],
  ])("%s %j → %j", (id, input, expected) => {
    expect(value(id, input)).toBe(expected);
  });

  it("reads them in axes too", () => {
    expect(value("axe", "Poursuite(s)")).toBe("POUR");
  });
});

describe("what a type error expected, in agreement", () => {
  it.each([
    ["date", "hier", "« Date » : une date (jj/mm/aaaa) attendue, lu « hier »"],
    [
      "calendrier",
      "bientôt",
      "« Calendrier » : des années (2023-2025, « Toute la période ») attendues, lu « bientôt »",
    ],
    [
      "budget_prevu",
      "beaucoup",
      "« Budget prévu (FCFA) » : un montant (1 500 000 ou 1500000) attendu, lu « beaucoup »",
    ],
    [
      "taux_realisation",
      "moitié",
      "« Taux de réalisation (%) » : un pourcentage (75 %) attendu, lu « moitié »",
    ],
  ])("%s: %j", (id, input, message) => {
    const kind: TableKind = id === "calendrier" ? "propositions" : "bilan";
    const f = field(id);
    const r = parseCell({ v: input }, f, contextFor(kind, config));
    const i = {
      code: r.problem?.code,
      severity: "error",
      file: "g.csv",
      value: input,
      params: { label: { fr: f.fr, en: f.en }, ...r.problem?.params },
    } as Issue;
    expect(messageOf(i, "fr")).toBe(message);
  });

  it("agrees for a year mark too", () => {
    const t = read("propositions", [
      ["Axe", "Objectif", "Action", "2024"],
      ["1", "Prévenir", "Campagnes", "peut-être"],
    ]);
    expect(messageOf(t.records[0]?.issues[0] as Issue, "fr")).toBe(
      "« 2024 » : une croix X (année prévue) ou une cellule vide attendue, lu « peut-être »",
    );
  });
});

describe("an ambiguous number in a scaled column", () => {
  it("names the column as written, and says what each reading gives", () => {
    const t = read(
      "bilan",
      [
        [...BILAN, "Budget prévu (millions de FCFA)", "Budget exécuté (FCFA)"],
        [...ROW, "1.500", "1.500"],
      ],
      "Bilan",
    );
    expect(where(t.records[0]?.issues ?? [])).toEqual([
      ["ambiguous-number", "error", "Bilan", 2, "E", "budget_prevu", "1.500"],
      ["ambiguous-number", "error", "Bilan", 2, "F", "budget_execute", "1.500"],
    ]);
    expect(texts(t.records[0]?.issues[0])).toEqual({
      fr: [
        "« Budget prévu (millions de FCFA) » : « 1.500 » est ambigu (séparateur de milliers ou virgule décimale ?)",
        `Écrivez 1500 pour 1${NNBSP}500${NNBSP}000${NNBSP}000${NBSP}FCFA, ou 1,5 pour 1${NNBSP}500${NNBSP}000${NBSP}FCFA`,
      ],
      en: [
        "“Budget prévu (millions de FCFA)”: “1.500” is ambiguous (thousands separator or decimal point?)",
        "Write 1500 for 1,500,000,000 FCFA, or 1,5 for 1,500,000 FCFA",
      ],
    });
    expect(texts(t.records[0]?.issues[1])?.fr).toEqual([
      "« Budget exécuté (FCFA) » : « 1.500 » est ambigu (séparateur de milliers ou virgule décimale ?)",
      "Écrivez 1500 pour le montant entier, ou 1,5 pour la valeur décimale",
    ]);
  });
});

// --- the group's members: a list, kept as typed -------------------------------------------------

describe("« Membres du groupe »: the organisations of a group, as its Identification sheet lists them", () => {
  const G1 =
    "Direction nationale de la promotion de l'enfant et de la famille ; Cellule nationale de lutte contre la traite ; OIM ; Réseau des ONG de protection de l'enfance";

  it.each([
    "Membres du groupe",
    "Group members",
    "membres",
    "Membres",
    "MEMBRES",
    "Composition du groupe",
    "Members",
    "Membres du groupe *",
  ])("the header %j names the field membres", (label) => {
    expect(headerIndex("meta").get(headerKey(label))?.id).toBe("membres");
  });

  it("leaves « Participants » unknown: in a table it is more likely a count of people", () => {
    expect(headerIndex("meta").get(headerKey("Participants"))).toBeUndefined();
  });

  it("is read from the Identification sheet, whatever its label, the first one kept", () => {
    const id = readIdentification(
      sheet(
        [
          ["Groupe de travail :", "Groupe 1"],
          ["Composition du groupe :", `  ${G1}  `],
          ["Membres", "OIM"],
        ],
        "Identification",
      ),
      "g.xlsx",
    );
    expect(id.meta).toEqual({ groupe: "Groupe 1", membres: G1 });
    expect(id.issues).toEqual([]);
    expect(id.cells.membres).toEqual({
      file: "g.xlsx",
      sheet: "Identification",
      row: 2,
      column: "B",
      header: "Composition du groupe :",
    });
  });

  it.each([
    // One line: as typed, spaces tidied, its own separators kept.
    ["OIM ; ONUDC", "OIM ; ONUDC"],
    ["OIM;  ONUDC, UNICEF", "OIM; ONUDC, UNICEF"],
    [
      "Direction nationale de la promotion de l'enfant et de la famille",
      "Direction nationale de la promotion de l'enfant et de la famille",
    ],
    // One organisation per line (Alt+Entrée): each line an item, joined by « ; ».
    ["OIM\nONUDC", "OIM ; ONUDC"],
    ["OIM ;\r\nONUDC\n", "OIM ; ONUDC"],
    [
      "- Police nationale\n- Gendarmerie nationale\n\n• ONUDC",
      "Police nationale ; Gendarmerie nationale ; ONUDC",
    ],
    ["OIM, ONUDC\nPôle judiciaire spécialisé,", "OIM, ONUDC ; Pôle judiciaire spécialisé"],
    ["\n \n", null],
  ])("%j → %j", (typed, read) => {
    expect(value("membres", typed)).toBe(read);
  });

  it("keeps line breaks as spaces in every other text, the structure among them", () => {
    expect(value("structure", "Direction nationale\ndu développement social")).toBe(
      "Direction nationale du développement social",
    );
    expect(value("observations", "OIM\nONUDC")).toBe("OIM ONUDC");
  });

  it("reaches the file's metadata from a workbook written with exceljs, without a problem", async () => {
    const wb = new ExcelJS.Workbook();
    const id = wb.addWorksheet("Identification");
    id.addRow(["Groupe de travail", "Groupe 2"]);
    id.addRow(["Session", "J2"]);
    id.addRow(["Structure", "Direction nationale du développement social (DNDS)"]);
    id.addRow(["Rapporteur", "Point focal traite, DNDS"]);
    id.addRow(["Date", "19/07/2023"]);
    id.addRow([
      "Membres du groupe",
      "Direction nationale du développement social\nCentres d'accueil des victimes\nOIM\nAssociation des juristes maliennes",
    ]);
    id.getCell("B6").alignment = { wrapText: true };
    const ws = wb.addWorksheet("Bilan");
    ws.addRow(BILAN);
    ws.addRow(["Axe 2", "2.1.1", "Prendre en charge les victimes", "Réalisé"]);
    const dir = workshop({ "J2/groupe-2.xlsx": Buffer.from(await wb.xlsx.writeBuffer()) });
    const { validation } = await validateFiles([join(dir, "J2/groupe-2.xlsx")]);
    const file = validation.files[0];
    expect(file?.meta).toEqual({
      groupe: "Groupe 2",
      session: "J2",
      structure: "Direction nationale du développement social (DNDS)",
      rapporteur: "Point focal traite, DNDS",
      date: "2023-07-19",
      membres:
        "Direction nationale du développement social ; Centres d'accueil des victimes ; OIM ; Association des juristes maliennes",
    });
    expect(file?.issues).toEqual([]);
    // Every row carries it too, as the file's metadata.
    expect(file?.tables[0]?.records[0]?.meta.membres).toBe(file?.meta.membres);
  });

  it("is a metadata column of a table, as Groupe or Structure are: never an unknown column", async () => {
    const t = read(
      "bilan",
      [
        [...BILAN, "Groupe", "Membres"],
        [...ROW, "Groupe 1", "OIM\nONUDC"],
      ],
      "Bilan",
    );
    expect(t.table.issues).toEqual([]);
    expect(t.table.columns.map((c) => [c.header, c.role, c.field?.id])).toEqual([
      ["Axe", "field", "axe"],
      ["Code activité", "field", "code_activite"],
      ["Activité", "field", "activite"],
      ["Statut", "field", "statut"],
      ["Groupe", "meta", "groupe"],
      ["Membres", "meta", "membres"],
    ]);
    expect(t.records[0]?.meta).toEqual({ groupe: "Groupe 1", membres: "OIM ; ONUDC" });
    // In a CSV, a quoted cell over two lines: the rows' metadata, as every metadata column.
    const dir = workshop({
      "J1/groupe-1.csv": `Groupe de travail;Membres du groupe;Axe;Code activité;Activité;Statut\r\nGroupe 1;"OIM\r\nONUDC";Axe 1;1.1.1;Sensibiliser;Réalisé\r\n`,
    });
    const { validation } = await validateFiles([join(dir, "J1/groupe-1.csv")]);
    const file = validation.files[0];
    expect(file?.issues).toEqual([]);
    expect(file?.tables[0]?.records.map((r) => r.meta)).toEqual([
      { groupe: "Groupe 1", membres: "OIM ; ONUDC" },
    ]);
  });
});
