import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { type MatrixRow, matrixRows } from "../src/analysis/matrix.js";
import { compileWorkshop } from "../src/commands/compile.js";
import { matrixFiles } from "../src/commands/documents.js";
import { type Config, defaultConfig, findConfig } from "../src/config.js";
import type { Lang } from "../src/i18n/lang.js";
import type { Consolidated, Consolidation, Source } from "../src/model.js";
import { markdownCell, matrixCsv, matrixMarkdown, yearsText } from "../src/render/matrix-text.js";
import { buildMatrix as matrixBook } from "../src/render/matrix-xlsx.js";
import { workbookBytes, wrappedLines } from "../src/render/xlsx.js";
import { libreOfficeSheets, soffice } from "./helpers/libreoffice.js";
import { BILAN_HEADER, workshop } from "./helpers/workshop.js";

const GENERATED = new Date("2023-07-20T00:00:00Z");
const YEARS = [2023, 2024, 2025, 2026, 2027];

const PROPOSITIONS =
  "Axe;Objectif stratégique;Action;Indicateur;Structure responsable;Calendrier;Coût estimé (FCFA);Priorité;Nature;Activité d'origine";
const PER_YEAR = YEARS.map((y) => `Coût ${y} (FCFA)`).join(";");

/**
 * Two sessions, a reference plan, an assessment, a weakness, and proposals of every axis: a
 * near-duplicate pair (one cluster), a formula-looking action, per-year costs, a cost that does
 * not divide evenly, and an action without a cost.
 */
function sample() {
  return workshop({
    "atelier.config.json": JSON.stringify({ sessions: ["J1", "J2"], reference: "plan.csv" }),
    "plan.csv":
      "Code activité;Axe;Activité\r\n1.1.1;1;Sensibiliser\r\n1.1.2;1;Radio\r\n2.1.1;2;Héberger\r\n",
    "J1/groupe-1.csv": `${BILAN_HEADER}Axe 1;1.1.1;Sensibiliser;Partiellement réalisé;60;;\r\n2;2.1.1;Héberger;Réalisé;100;;\r\n`,
    "J1/groupe-2.csv":
      "Axe;Type;Constat\r\n1;Faiblesse;Insuffisance des campagnes de sensibilisation en milieu rural\r\n2;Faiblesse;Absence de ligne verte\r\n",
    "J2/groupe-1.csv": [
      PROPOSITIONS,
      "1;Renforcer la sensibilisation;Organiser des campagnes de sensibilisation en milieu rural;Nombre de campagnes;CNLTP;2023-2025;90 000 000;Haute;Reconduite;1.1.1",
      "1;Renforcer la sensibilisation;Produire des émissions radio;Nombre d'émissions;ORTM;2024;10 000 000;Moyenne;Reconduite;1.1.2",
      '1;Protéger les enfants;"=HYPERLINK(""http://x"",""y"")";Nombre;DNPEF;2023;5 000 000;Basse;Nouvelle;',
      "2;Améliorer la prise en charge;Créer deux centres d'accueil à Kayes et Sikasso;Nombre de centres;MPFEF;2023-2024;120 000 000;Haute;Reconduite;2.1.1",
      "",
    ].join("\r\n"),
    "J2/groupe-2.csv": [
      PROPOSITIONS,
      "1;Renforcer la sensibilisation;Organiser des campagnes de sensibilisation en milieu rural et urbain;Nombre de campagnes;CNLTP;2023-2024;50 000 000;Haute;Nouvelle;",
      "3;Renforcer la répression;Former les magistrats;Nombre de magistrats formés;INFJ;2023-2025;100 000 000;Haute;Nouvelle;",
      "3;Renforcer la répression;Adopter une loi;Loi adoptée;DNAJS;2023;;Haute;Nouvelle;",
      "",
    ].join("\r\n"),
    "J2/groupe-4.csv": [
      `${PROPOSITIONS};${PER_YEAR}`,
      "4;Améliorer le suivi;Réaliser l'évaluation à mi-parcours;Rapport;CNLTP;2024-2025;30 000 000;Moyenne;Nouvelle;;;10 000 000;20 000 000;;",
      "",
    ].join("\r\n"),
  });
}

/** The matrix rows of a consolidation and the workbook made of them. */
function buildMatrix(c: Consolidation, config: Config, lang: Lang, generated: Date) {
  const rows = matrixRows(c, config);
  return { rows, workbook: matrixBook(rows, config, lang, generated) };
}

async function compiled(dir: string) {
  const result = await compileWorkshop(dir, { out: mkdtempSync(join(tmpdir(), "atelier-out-")) });
  return { consolidation: result.consolidation, config: findConfig(dir) };
}

const splitOf = (p: Consolidated<"propositions">) =>
  Object.values(p.cout_annuel ?? {}).reduce((a, b) => a + b, 0);
const costOf = (p: Consolidated<"propositions">) => p.cout ?? splitOf(p);

/**
 * Expected cost per axis and year, computed here from the consolidation, not by the module:
 * every proposal counts, near-duplicates included.
 */
function expectedBudget(c: Consolidation, config: Config) {
  const byAxis = new Map<string, { total: number; years: Map<number, number> }>();
  for (const a of config.plan.axes) byAxis.set(a.code, { total: 0, years: new Map() });
  for (const p of c.propositions) {
    const axis = byAxis.get(String(p.axe)) as { total: number; years: Map<number, number> };
    axis.total += costOf(p);
    const add = (y: number, v: number) => axis.years.set(y, (axis.years.get(y) ?? 0) + v);
    if (p.cout_annuel && Object.keys(p.cout_annuel).length > 0 && splitOf(p) === costOf(p)) {
      for (const [y, v] of Object.entries(p.cout_annuel)) add(Number(y), v);
    } else {
      const years = (p.calendrier ?? []).filter((y) => YEARS.includes(y));
      for (const y of years) add(y, costOf(p) / years.length);
    }
  }
  return byAxis;
}

// --- LibreOffice -----------------------------------------------------------------------------

/** Cached results set to a wrong value: only a real recalculation gives the expected numbers. */
function poison(wb: ExcelJS.Workbook) {
  for (const ws of wb.worksheets) {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        const v = cell.value;
        if (v && typeof v === "object" && "formula" in v) {
          cell.value = { formula: v.formula, result: -1 } as ExcelJS.CellFormulaValue;
        }
      });
    });
  }
}

async function written(wb: ExcelJS.Workbook, poisoned = true): Promise<string> {
  if (poisoned) poison(wb);
  const file = join(mkdtempSync(join(tmpdir(), "atelier-matrix-")), "matrice.xlsx");
  writeFileSync(file, await workbookBytes(wb, GENERATED));
  return file;
}

function columnOf(sheet: string[][], headerRow: number, title: string): number {
  const i = (sheet[headerRow] ?? []).indexOf(title);
  expect(i, title).toBeGreaterThanOrEqual(0);
  return i;
}

/** The matrix totals and budget summary as LibreOffice evaluated them, checked against `expected`. */
function checkEvaluated(
  sheets: Map<string, string[][]>,
  consolidation: Consolidation,
  config: Config,
  lang: "fr" | "en" = "fr",
) {
  const names =
    lang === "fr"
      ? { matrix: "Matrice", summary: "Synthèse budgétaire", sub: "Sous-total axe", total: "Total" }
      : { matrix: "Matrix", summary: "Budget summary", sub: "Subtotal axis", total: "Total" };
  const expected = expectedBudget(consolidation, config);
  const matrix = sheets.get(names.matrix) as string[][];
  const cost = columnOf(matrix, 3, lang === "fr" ? "Coût estimé (FCFA)" : "Estimated cost (FCFA)");
  const action = columnOf(matrix, 3, "Action");
  const subtotals = matrix.filter((r) => r[action]?.startsWith(names.sub));
  const present = config.plan.axes.filter((a) =>
    consolidation.propositions.some((p) => p.axe === a.code),
  );
  expect(subtotals.map((r) => r[action])).toEqual(present.map((a) => `${names.sub} ${a.number}`));
  present.forEach((a, i) => {
    expect(Number(subtotals[i]?.[cost]), a.code).toBeCloseTo(expected.get(a.code)?.total ?? 0, 2);
  });
  const grand = matrix.find((r) => r[action] === (lang === "fr" ? "Total général" : "Grand total"));
  const all = [...expected.values()].reduce((n, a) => n + a.total, 0);
  expect(Number(grand?.[cost])).toBeCloseTo(all, 2);

  const summary = sheets.get(names.summary) as string[][];
  const header = summary[3] as string[];
  for (const a of config.plan.axes) {
    const line = summary.find((r) => r[0] === `${a.number}. ${a[lang]}`) as string[];
    for (const y of YEARS) {
      const want = expected.get(a.code)?.years.get(y) ?? 0;
      expect(Number(line[header.indexOf(String(y))]), `${a.code} ${y}`).toBeCloseTo(want, 2);
    }
    expect(Number(line[header.length - 1])).toBeCloseTo(expected.get(a.code)?.total ?? 0, 2);
  }
  const totalLine = summary.find((r) => r[0] === names.total) as string[];
  expect(Number(totalLine[header.length - 1])).toBeCloseTo(all, 2);
  // The control line: the spread adds up to the matrix's grand total.
  expect(Number(summary.at(-1)?.[header.length - 1])).toBeCloseTo(0, 2);
}

/** exceljs reads validations into `dataValidations.model`, which its type definitions omit. */
function validationsOf(ws: ExcelJS.Worksheet): Record<string, ExcelJS.DataValidation> {
  return (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
    .dataValidations.model;
}

// --- synthetic consolidations ------------------------------------------------------------------

function source(overrides: Partial<Source> = {}): Source {
  return {
    file: "J3/groupe-1.csv",
    sheet: null,
    row: 2,
    groupe: "Groupe 1",
    session: "J3",
    ...overrides,
  };
}

function proposition(
  overrides: Partial<Consolidated<"propositions">> = {},
): Consolidated<"propositions"> {
  return {
    axe: "PREV",
    objectif: "Objectif",
    action: "Action",
    indicateur: "Indicateur",
    reference: null,
    cible: null,
    responsable: "CNLTP",
    partenaires: null,
    calendrier: [2023],
    cout: 1000,
    source_financement: null,
    priorite: "haute",
    nature: null,
    code_activite_origine: null,
    resultat_attendu: null,
    cout_annuel: null,
    sources: [source()],
    ...overrides,
  };
}

function consolidationOf(propositions: Consolidated<"propositions">[]): Consolidation {
  return {
    summary: {
      files: 1,
      rows: {
        read: propositions.length,
        accepted: propositions.length,
        rejected: 0,
        duplicates: 0,
        replaced: 0,
      },
      conflicts: 0,
      updates: 0,
      errors: 0,
      warnings: 0,
    },
    bilan: [],
    constats: [],
    propositions,
    rejets: [],
    conflits: [],
    mises_a_jour: [],
    remplacees: [],
    non_evalues: [],
    indicateurs: {
      taux_realisation: { global: null, par_axe: {} },
      execution_budgetaire: { global: null, par_axe: {} },
    },
    issues: [],
  };
}

// --- tests -------------------------------------------------------------------------------------

describe("matrix rows", () => {
  it("numbers by axis, objective and action, one row per proposal, and links back", async () => {
    const { consolidation, config } = await compiled(sample());
    const rows = matrixRows(consolidation, config);
    // The two campaign wordings are one cluster: two rows, both counted, next to each other.
    expect(rows.map((r) => [r.number, r.action, r.cout, r.neighbours])).toEqual([
      ["A1.1.1", '=HYPERLINK("http://x","y")', 5_000_000, []],
      [
        "A1.2.1",
        "Organiser des campagnes de sensibilisation en milieu rural",
        90_000_000,
        ["A1.2.2"],
      ],
      [
        "A1.2.2",
        "Organiser des campagnes de sensibilisation en milieu rural et urbain",
        50_000_000,
        ["A1.2.1"],
      ],
      ["A1.2.3", "Produire des émissions radio", 10_000_000, []],
      ["A2.1.1", "Créer deux centres d'accueil à Kayes et Sikasso", 120_000_000, []],
      ["A3.1.1", "Adopter une loi", null, []],
      ["A3.1.2", "Former les magistrats", 100_000_000, []],
      ["A4.1.1", "Réaliser l'évaluation à mi-parcours", 30_000_000, []],
    ]);
    const [campaign, variant] = [rows[1] as MatrixRow, rows[2] as MatrixRow];
    expect(campaign.cluster).toBe(variant.cluster);
    expect(campaign.sources.map((s) => s.file)).toEqual(["J2/groupe-1.csv"]);
    expect(variant.sources).toEqual([
      { file: "J2/groupe-2.csv", sheet: null, row: 2, groupe: "groupe-2", session: "J2" },
    ]);
    expect(campaign.origins).toEqual([
      { code: "1.1.1", statut: "partiel", taux_realisation: 60, unassessed: false },
    ]);
    expect(variant.origins).toEqual([]);
    // The weakness link holds for each row that addresses it.
    expect(campaign.weaknesses).toEqual([
      "Insuffisance des campagnes de sensibilisation en milieu rural",
    ]);
    expect(variant.weaknesses).toEqual([
      "Insuffisance des campagnes de sensibilisation en milieu rural",
    ]);
    expect(rows[3]?.weaknesses).toEqual([]);
    expect(campaign.perYear).toEqual({ 2023: 30_000_000, 2024: 30_000_000, 2025: 30_000_000 });
    expect(variant).toMatchObject({
      years: [2023, 2024],
      perYear: { 2023: 25_000_000, 2024: 25_000_000 },
    });
    expect(rows[3]?.origins).toEqual([
      { code: "1.1.2", statut: null, taux_realisation: null, unassessed: true },
    ]);
    expect(rows[7]).toMatchObject({
      years: [2024, 2025],
      perYear: { 2024: 10_000_000, 2025: 20_000_000 },
      perYearGiven: true,
    });
    // No cost given: the cell is to complete, and counts as 0 (no partner column: to complete).
    expect(rows[5]).toMatchObject({
      cout: null,
      perYear: {},
      years: [2023],
      toComplete: ["partenaires", "cout"],
    });
    expect(rows[0]?.toComplete).toEqual(["partenaires"]);
  });

  it("counts every member of a cluster with its own cost and years, members side by side", () => {
    const c = consolidationOf([
      proposition({ action: "Former les juges", cout: null, calendrier: [2023], cluster: "c1" }),
      proposition({ action: "Acheter des véhicules", cout: 100, cluster: "c2" }),
      proposition({
        action: "Former des juges",
        cout: 600,
        calendrier: [2024, 2025],
        cluster: "c1",
        sources: [source({ file: "J3/groupe-2.csv", groupe: "Groupe 2" })],
      }),
    ]);
    const rows = matrixRows(c, defaultConfig("/tmp"));
    expect(rows.map((r) => [r.number, r.action, r.cout, r.years, r.perYear, r.neighbours])).toEqual(
      [
        ["A1.1.1", "Former les juges", null, [2023], {}, ["A1.1.2"]],
        ["A1.1.2", "Former des juges", 600, [2024, 2025], { 2024: 300, 2025: 300 }, ["A1.1.1"]],
        ["A1.1.3", "Acheter des véhicules", 100, [2023], { 2023: 100 }, []],
      ],
    );
    expect(rows.map((r) => r.toComplete)).toEqual([
      ["partenaires", "cout"],
      ["partenaires"],
      ["partenaires"],
    ]);
  });

  it("keeps the stated cost when the yearly costs do not add up, and spreads it evenly", () => {
    const c = consolidationOf([
      proposition({ cout: 900, calendrier: [2023], cout_annuel: { 2023: 100, 2024: 200 } }),
      proposition({ action: "Sans coût total", cout: null, cout_annuel: { 2024: 50, 2025: 70 } }),
    ]);
    const rows = matrixRows(c, defaultConfig("/tmp"));
    expect(rows.map((r) => [r.action, r.cout, r.years, r.perYear, r.perYearGiven])).toEqual([
      ["Action", 900, [2023, 2024], { 2023: 450, 2024: 450 }, false],
      ["Sans coût total", 120, [2023, 2024, 2025], { 2023: 0, 2024: 50, 2025: 70 }, true],
    ]);
  });

  it("writes years compactly and estimates wrapped lines", () => {
    expect(yearsText([2023, 2024, 2025])).toBe("2023-2025");
    expect(yearsText([2023, 2025, 2026])).toBe("2023, 2025-2026");
    expect(yearsText([])).toBe("");
    expect(wrappedLines("un deux trois", 40)).toBe(1);
    expect(wrappedLines("un deux\ntrois", 40)).toBe(2);
    expect(wrappedLines("x".repeat(30), 10)).toBe(3);
  });
});

describe("matrix workbook read back with exceljs", () => {
  it("has the sheets, columns, numbering, panes, filter, print setup and validations", async () => {
    const { consolidation, config } = await compiled(sample());
    const { workbook, rows } = buildMatrix(consolidation, config, "fr", GENERATED);
    const bytes = await workbookBytes(workbook, GENERATED);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Matrice",
      "Synthèse budgétaire",
      "Répartition annuelle",
      "Sources",
    ]);
    const ws = wb.getWorksheet("Matrice") as ExcelJS.Worksheet;
    expect(ws.getCell("A1").value).toBe(config.title);
    expect(JSON.stringify(ws.getCell("A2").value)).toContain("PROJET");
    expect(ws.getCell("A3").value).toMatch(/^Généré le 20\/07\/2023 /);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([
      "N°",
      "Axe",
      "Objectif stratégique",
      "Action",
      "Indicateur",
      "Valeur de référence",
      "Cible",
      "Responsable",
      "Partenaires",
      "2023",
      "2024",
      "2025",
      "2026",
      "2027",
      "Coût estimé (FCFA)",
      "Source de financement",
      "Priorité",
      "Origine (groupes, sessions)",
      "Activité d'origine (PAN 2018-2022)",
      "Faiblesses traitées",
      "Formulations voisines (N°)",
    ]);
    // Rows: PREV ×4 + subtotal, PROT ×1 + subtotal, POUR ×2 + subtotal, COOR ×1 + subtotal, total.
    const numbers = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17].map(
      (r) => ws.getCell(r, 1).value ?? null,
    );
    expect(numbers).toEqual([
      "A1.1.1",
      "A1.2.1",
      "A1.2.2",
      "A1.2.3",
      null,
      "A2.1.1",
      null,
      "A3.1.1",
      "A3.1.2",
      null,
      "A4.1.1",
      null,
      null,
    ]);
    expect(rows).toHaveLength(8);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 4, ySplit: 4 });
    expect(ws.autoFilter).toBe("A4:U16");
    expect(ws.pageSetup).toMatchObject({
      orientation: "landscape",
      paperSize: 8,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "4:4",
    });
    expect(ws.headerFooter.oddFooter).toContain("PROJET");

    const validations = validationsOf(ws);
    expect(validations.Q5).toMatchObject({ type: "list", formulae: ['"Haute,Moyenne,Basse"'] });
    expect(validations.Q15).toMatchObject({ type: "list" });
    expect(validations.J5).toMatchObject({ type: "list", formulae: ['"X"'] });
    expect(ws.getCell("Q5").value).toBe("Basse");

    // Live formulas: axis subtotals over their own cost cells, the grand total over subtotals.
    expect(["O9", "O11", "O14", "O16", "O17"].map((a) => ws.getCell(a).formula)).toEqual([
      "SUM(O5:O8)",
      "SUM(O10:O10)",
      "SUM(O12:O13)",
      "SUM(O15:O15)",
      "SUM(O9,O11,O14,O16)",
    ]);
    // Both wordings of the campaign count: 5 + 90 + 50 + 10 + 120 + 100 + 30 million.
    expect(ws.getCell("O17").result).toBe(405_000_000);
    expect(ws.getCell("O5").numFmt).toBe("#,##0");
    expect(ws.getCell("D9").value).toBe("Sous-total axe 1");
    expect(ws.getCell("D17").value).toBe("Total général");

    // Text that looks like a formula is a string cell, here and everywhere else.
    const payload = ws.getCell("D5");
    expect(payload.value).toBe('=HYPERLINK("http://x","y")');
    expect(payload.type).toBe(ExcelJS.ValueType.String);
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          expect(cell.formula).not.toContain("HYPERLINK");
        });
      });
    }

    // Scheduled years marked and shaded; the rest left blank.
    expect(["J6", "K6", "L6", "M6"].map((a) => ws.getCell(a).value ?? null)).toEqual([
      "X",
      "X",
      "X",
      null,
    ]);
    // Shaded by a conditional format on the mark, one colour per axis, like the axis bands.
    const formats = (
      ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }
    ).conditionalFormattings;
    const shades = formats.map((f) => {
      const rule = f.rules[0] as ExcelJS.ExpressionRuleType;
      const fill = rule.style?.fill as ExcelJS.FillPattern;
      return [f.ref, rule.formulae?.[0], fill.bgColor?.argb];
    });
    expect(shades.map(([ref, formula]) => [ref, formula])).toEqual([
      ["J5:N8", 'J5="X"'],
      ["J10:N10", 'J10="X"'],
      ["J12:N13", 'J12="X"'],
      ["J15:N15", 'J15="X"'],
    ]);
    expect(new Set(shades.map((s) => s[2])).size).toBe(4);
    const fill = (a: string) => (ws.getCell(a).fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(fill("A5")).not.toBe(fill("A10"));
    expect(ws.getCell("S6").value).toBe(
      "Reconduite\n1.1.1\u00a0: Partiellement réalisé (60\u00a0%)",
    );
    expect(ws.getCell("S7").value).toBe("Nouvelle");
    expect(ws.getCell("S8").value).toBe("Reconduite\n1.1.2\u00a0: non évaluée");
    for (const a of ["T6", "T7"]) {
      expect(ws.getCell(a).value).toBe(
        "• Insuffisance des campagnes de sensibilisation en milieu rural",
      );
    }
    // Near-identical wordings: each names the other, both stay in the totals.
    expect(["U6", "U7", "U8"].map((a) => ws.getCell(a).value ?? null)).toEqual([
      "A1.2.2",
      "A1.2.1",
      null,
    ]);
    expect(ws.getCell("R6").value).toBe("groupe-1 (J2)");
    expect(ws.getCell("R7").value).toBe("groupe-2 (J2)");
    // Cells to complete: the text, a light orange fill; a missing cost counts as 0.
    expect(ws.getCell("A3").value).toContain(
      "Cases « à compléter » : valeur que la proposition ne donne pas encore.",
    );
    expect(["I12", "O12"].map((a) => [ws.getCell(a).value, fill(a)])).toEqual([
      ["à compléter", "FFFFD8A8"],
      ["à compléter", "FFFFD8A8"],
    ]);
    expect(fill("O13")).not.toBe("FFFFD8A8");

    const breakdown = wb.getWorksheet("Répartition annuelle") as ExcelJS.Worksheet;
    expect(breakdown.getCell("F5").formula).toBe(
      `IF('Matrice'!J6="X",'Matrice'!$O6/COUNTIF('Matrice'!$J6:$N6,"X"),0)`,
    );
    // The row « à compléter » (3.1.1, matrix row 12) reads its cost with N(): 0 until filled.
    expect(breakdown.getCell("A9").value).toBe("A3.1.1");
    expect(breakdown.getCell("D9").formula).toBe("N('Matrice'!$O12)");
    expect(breakdown.getCell("F9").formula).toBe(
      `IF('Matrice'!J12="X",N('Matrice'!$O12)/COUNTIF('Matrice'!$J12:$N12,"X"),0)`,
    );
    expect(breakdown.getCell("G11").value).toBe(10_000_000);
    // The axis as people read it, as the matrix shows it: never the configuration's code.
    expect(breakdown.getCell("B3").value).toBe("Axe");
    expect(
      Array.from({ length: 8 }, (_, i) => [
        breakdown.getCell(4 + i, 1).value,
        breakdown.getCell(4 + i, 2).value,
      ]),
    ).toEqual([
      ["A1.1.1", "1. Prévention"],
      ["A1.2.1", "1. Prévention"],
      ["A1.2.2", "1. Prévention"],
      ["A1.2.3", "1. Prévention"],
      ["A2.1.1", "2. Protection et assistance aux victimes"],
      ["A3.1.1", "3. Poursuites et répression"],
      ["A3.1.2", "3. Poursuites et répression"],
      ["A4.1.1", "4. Coordination, partenariat et suivi-évaluation"],
    ]);
    const summary = wb.getWorksheet("Synthèse budgétaire") as ExcelJS.Worksheet;
    expect(summary.getCell("A5").value).toBe("1. Prévention");
    expect(summary.getCell("B5").formula).toBe(
      `SUMIFS('Répartition annuelle'!F$4:F$11,'Répartition annuelle'!$B$4:$B$11,"1. Prévention")`,
    );
    expect(summary.getCell("F8").formula).toBe(
      `SUMIFS('Répartition annuelle'!J$4:J$11,'Répartition annuelle'!$B$4:$B$11,"4. Coordination, partenariat et suivi-évaluation")`,
    );
    expect(summary.getCell("G9").result).toBe(405_000_000);
    const sources = wb.getWorksheet("Sources") as ExcelJS.Worksheet;
    const values = sources.getSheetValues().slice(2);
    expect(values.map((r) => Array.from((r as unknown[]).slice(1), (v) => v ?? null))).toEqual([
      ["J2/groupe-1.csv", null, "groupe-1", "J2", 4, 4, "A1.1.1, A1.2.1, A1.2.3, A2.1.1"],
      ["J2/groupe-2.csv", null, "groupe-2", "J2", 3, 3, "A1.2.2, A3.1.1, A3.1.2"],
      ["J2/groupe-4.csv", null, "groupe-4", "J2", 1, 1, "A4.1.1"],
    ]);

    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file("xl/workbook.xml")?.async("string")).toContain('fullCalcOnLoad="1"');
  });

  it("is byte-reproducible and speaks English", async () => {
    const { consolidation, config } = await compiled(sample());
    const a = await matrixFiles({ consolidation, config, lang: "en" }, GENERATED);
    const b = await matrixFiles({ consolidation, config, lang: "en" }, GENERATED);
    expect([...a.keys()]).toEqual(["matrice-actions.xlsx", "matrice-actions.csv"]);
    expect(
      (a.get("matrice-actions.xlsx") as Buffer).equals(b.get("matrice-actions.xlsx") as Buffer),
    ).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(a.get("matrice-actions.xlsx") as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Matrix",
      "Budget summary",
      "Annual breakdown",
      "Sources",
    ]);
    const ws = wb.getWorksheet("Matrix") as ExcelJS.Worksheet;
    expect((ws.getRow(4).values as unknown[]).slice(1, 5)).toEqual([
      "No.",
      "Axis",
      "Strategic objective",
      "Action",
    ]);
    expect(ws.getCell("B5").value).toBe("1. Prevention");
    expect(ws.getCell("Q5").value).toBe("Low");
    expect(validationsOf(ws).Q5).toMatchObject({ formulae: ['"High,Medium,Low"'] });
    expect(ws.getCell("A3").value).toMatch(/^Generated on 2023-07-20 /);
  });
});

describe("matrix CSV and Markdown", () => {
  it("adds « Résultat attendu » after the action only when a proposal gives one", async () => {
    const dir = new URL("../fixtures/atelier", import.meta.url).pathname;
    const { consolidation, config } = await compiled(dir);
    const rows = matrixRows(consolidation, config);
    const lines = parse(matrixCsv(rows, config, "fr"), { delimiter: ";", bom: true }) as string[][];
    expect(lines[0]?.slice(2, 6)).toEqual([
      "Objectif stratégique",
      "Action",
      "Résultat attendu",
      "Indicateur",
    ]);
    const result = (action: string) => lines.find((l) => l[3]?.startsWith(action))?.[4];
    expect(result("Former les magistrats, OPJ et gendarmes")).toBe(
      "Les affaires de traite sont instruites et jugées selon la loi n°2012-023",
    );
    expect(result("Renforcer les moyens humains")).toBe("");
    expect(result("Organiser des campagnes de sensibilisation de proximité")).toBe(
      "Les communautés connaissent les risques de traite",
    );
    // The header and the three proposals that give one.
    expect(lines.filter((l) => l[4] !== "")).toHaveLength(4);
    // Numbers of the new plan never read as the old plan's activity codes (`3.1.1`).
    expect(lines.slice(1).every((l) => /^A\d+\.\d+\.\d+$/.test(l[0] ?? ""))).toBe(true);
    expect(lines.slice(1).map((l) => l[0])).toContain("A3.1.1");
  });
  it("writes a French-Excel CSV with neutralised formulas and no subtotal rows", async () => {
    const { consolidation, config } = await compiled(sample());
    const csv = matrixCsv(matrixRows(consolidation, config), config, "fr");
    expect(csv.startsWith("\uFEFFN°;Axe;Objectif stratégique;Action;Indicateur;")).toBe(true);
    const lines = parse(csv, { delimiter: ";", bom: true }) as string[][];
    expect(lines).toHaveLength(9);
    expect(lines[1]?.slice(0, 4)).toEqual([
      "A1.1.1",
      "1. Prévention",
      "Protéger les enfants",
      `'=HYPERLINK("http://x","y")`,
    ]);
    expect(lines[2]?.slice(9, 15)).toEqual(["X", "X", "X", "", "", "90000000"]);
    // One line per proposal: the cost column adds up to the workbook's grand total.
    const costs = lines.slice(1).map((l) => l[14]);
    expect(costs.filter((v) => /^\d+$/.test(v ?? "")).reduce((n, v) => n + Number(v), 0)).toBe(
      405_000_000,
    );
    expect([lines[2]?.[20], lines[3]?.[20], lines[4]?.[20]]).toEqual(["A1.2.2", "A1.2.1", ""]);
    expect([lines[6]?.[0], lines[6]?.[8], lines[6]?.[14]]).toEqual([
      "A3.1.1",
      "à compléter",
      "à compléter",
    ]);
  });

  it("escapes Markdown cells so that a pipe or a newline cannot break the table", () => {
    expect(markdownCell("a | b\nc <script>")).toBe("a \\| b<br>c &lt;script>");
    const c = consolidationOf([
      proposition({ action: "Former | juges\net greffiers", objectif: "Obj | 1" }),
      proposition({ axe: "PROT", action: "Créer", cout: 2500, calendrier: [2023, 2024] }),
    ]);
    const config = defaultConfig("/tmp");
    const md = matrixMarkdown(matrixRows(c, config), config, "fr", GENERATED);
    const [tables] = md.split("## Synthèse budgétaire");
    const rows = (tables ?? "").split("\n").filter((l) => l.startsWith("| "));
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    expect(rows).toHaveLength(2 * 4);
    expect(new Set(rows.map(cells))).toEqual(new Set([cells(rows[0] as string)]));
    expect(md).toContain("Former \\| juges<br>et greffiers");
    expect(md).toContain("**Matrice d'actions — PAN 2023-2027 — PROJET**");
    expect(md).toContain("**Total général\u00a0: 3\u202f500 FCFA**");
    expect(md).toContain(
      "| 2\\. Protection et assistance aux victimes | 1\u202f250 | 1\u202f250 | 0 |",
    );
  });
});

describe("matrix evaluated by LibreOffice", () => {
  it("subtotals, grand total and budget summary evaluate to the consolidated costs", async () => {
    const { consolidation, config } = await compiled(sample());
    const { workbook } = buildMatrix(consolidation, config, "fr", GENERATED);
    const sheets = libreOfficeSheets(await written(workbook));
    checkEvaluated(sheets, consolidation, config);
    // The uneven spread: 100 000 000 over three years.
    const breakdown = sheets.get("Répartition annuelle") as string[][];
    const former = breakdown.find((r) => r[0] === "A3.1.2") as string[];
    const third = 100_000_000 / 3;
    [third, third, third, 0, 0].forEach((want, k) => {
      expect(Number(former[5 + k])).toBeCloseTo(want, 2);
    });
  }, 120_000);

  it("the summary matches each axis by its label, whatever characters the label holds", async () => {
    const { consolidation, config } = await compiled(sample());
    // Wildcards, a quote, a tilde, brackets: each label matches itself only, exactly.
    const names = [
      "Prévention * (tout)",
      'Protection ? "victimes"',
      "Poursuites ~ répression",
      "*",
    ];
    const odd: Config = {
      ...config,
      plan: {
        ...config.plan,
        axes: config.plan.axes.map((a, i) => ({ ...a, fr: names[i] as string })),
      },
    };
    const { workbook } = buildMatrix(consolidation, odd, "fr", GENERATED);
    const summary = workbook.getWorksheet("Synthèse budgétaire") as ExcelJS.Worksheet;
    expect(summary.getCell("B6").formula).toBe(
      `SUMIFS('Répartition annuelle'!F$4:F$11,'Répartition annuelle'!$B$4:$B$11,"2. Protection ~? ""victimes""")`,
    );
    expect(summary.getCell("B8").formula).toBe(
      `SUMIFS('Répartition annuelle'!F$4:F$11,'Répartition annuelle'!$B$4:$B$11,"4. ~*")`,
    );
    const sheets = libreOfficeSheets(await written(workbook));
    checkEvaluated(sheets, consolidation, odd);
    const breakdown = sheets.get("Répartition annuelle") as string[][];
    expect(breakdown[2]?.slice(0, 3)).toEqual(["N°", "Axe", "Action"]);
    expect(breakdown.slice(3).map((r) => r[1])).toEqual([
      "1. Prévention * (tout)",
      "1. Prévention * (tout)",
      "1. Prévention * (tout)",
      "1. Prévention * (tout)",
      '2. Protection ? "victimes"',
      "3. Poursuites ~ répression",
      "3. Poursuites ~ répression",
      "4. *",
    ]);
  }, 120_000);

  it("500 proposals: every row, subtotal and total is right", async () => {
    const config = defaultConfig("/tmp");
    const axes = config.plan.axes.map((a) => a.code);
    const propositions = Array.from({ length: 500 }, (_, i) =>
      proposition({
        axe: axes[i % axes.length] as string,
        objectif: `Objectif ${Math.floor(i / 40)}`,
        action: `Action ${String(i).padStart(3, "0")}`,
        cout: 1_000_000 + i * 1_000,
        calendrier: YEARS.slice(i % 5, (i % 5) + 1 + (i % 3)),
        cluster: `c${i}`,
        sources: [source({ file: `J3/groupe-${i % 7}.csv`, row: i + 2 })],
      }),
    );
    const consolidation = consolidationOf(propositions);
    const { workbook, rows } = buildMatrix(consolidation, config, "en", GENERATED);
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((r) => r.number)).size).toBe(500);
    const ws = workbook.getWorksheet("Matrix") as ExcelJS.Worksheet;
    // 500 rows, 4 subtotals and the grand total below the header.
    expect(ws.rowCount).toBe(4 + 500 + 4 + 1);
    const total = ws.getCell(ws.rowCount, 15);
    expect(total.result).toBe(propositions.reduce((n, p) => n + (p.cout ?? 0), 0));
    const sheets = libreOfficeSheets(await written(workbook));
    checkEvaluated(sheets, consolidation, config, "en");
    expect(sheets.get("Annual breakdown")?.length).toBe(3 + 500);
  }, 120_000);

  it("the sample workshop: totals equal the consolidated costs, and it prints on A3", async () => {
    const { consolidation, config } = await compiled("fixtures/atelier");
    expect(consolidation.propositions.length).toBeGreaterThan(0);
    const { workbook } = buildMatrix(consolidation, config, "fr", GENERATED);
    const file = await written(workbook);
    checkEvaluated(libreOfficeSheets(file), consolidation, config);
    const total = consolidation.propositions.reduce((n, p) => n + costOf(p), 0);
    expect(total).toBeGreaterThan(0);
    const pdf = mkdtempSync(join(tmpdir(), "atelier-pdf-"));
    soffice(
      await written(buildMatrix(consolidation, config, "fr", GENERATED).workbook, false),
      pdf,
      "pdf",
    );
    const bytes = readFileSync(join(pdf, "matrice.pdf"), "latin1");
    // The first page is the matrix: A3 landscape (1190.55 × 841.89 pt).
    expect(bytes).toMatch(/\/MediaBox\s*\[\s*0 0 1190\.\d+ 841\.\d+\s*\]/);
  }, 180_000);
});
