import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildReport } from "../src/analysis/report.js";
import { compileWorkshop } from "../src/commands/compile.js";
import { findConfig } from "../src/config.js";
import { libreOfficeSheets } from "./helpers/libreoffice.js";
import { run, workshop } from "./helpers/workshop.js";

/**
 * Three rules of a draft: distinct proposals all count in the matrix (rule 7), an incomplete
 * proposal stays in the draft with its cells « à compléter » (rule 8), a weakness every group
 * wrote under its own axis is one cross-cutting finding (rule 10). Workshops made here, in the
 * shape groups hand them in: French headers, `;`, CRLF.
 */

const PROPOSITIONS =
  "Axe stratégique;Objectif stratégique;Action;Indicateur;Structure responsable;Partenaires;Calendrier;Coût estimé (FCFA);Groupe de travail";
const CONSTATS = "Axe stratégique;Type;Constat;Groupe de travail";
const csv = (...lines: string[]) => `${lines.join("\r\n")}\r\n`;

/** The CSV a compile wrote, as rows of cells. */
function readCsv(path: string): string[][] {
  return parse(readFileSync(path, "utf8"), { delimiter: ";", bom: true }) as string[][];
}

async function readXlsx(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

interface Problem {
  file: string;
  row: number | null;
  column: string | null;
  field: string | null;
  code: string;
  severity: string;
  message: string;
}

async function validated(dir: string) {
  const r = await run("validate", dir, "--format", "json");
  const json = JSON.parse(r.out) as {
    summary: Record<string, number>;
    files: { problems: Problem[] }[];
  };
  const problems = json.files.flatMap((f) => f.problems);
  return { code: r.code, summary: json.summary, problems };
}

const tuples = (problems: readonly Problem[]) =>
  problems.map((p) => [
    // Paths are shown relative to the current folder: the workshop's own part is what matters.
    p.file.replace(/^.*\/(J\d\/)/, "$1"),
    p.row,
    p.column,
    p.field,
    p.code,
    p.severity,
  ]);

// --- rule 7 -----------------------------------------------------------------------------------

describe("rule 7: every distinct proposal is a matrix row and counts in the totals", () => {
  /** Three near-identical trainings from three groups: one cluster, three actions, 60 million. */
  const training = () =>
    workshop({
      "J3/groupe-1.csv": csv(
        PROPOSITIONS,
        "3;Renforcer la répression;Former les magistrats sur la traite des personnes;Nombre de magistrats formés;INFJ;ONUDC;2023;10 000 000;Groupe 1",
      ),
      "J3/groupe-2.csv": csv(
        PROPOSITIONS,
        "3;Renforcer la répression;Former les policiers sur la traite des personnes;Nombre de policiers formés;DGPN;ONUDC;2024;20 000 000;Groupe 2",
      ),
      "J3/groupe-3.csv": csv(
        PROPOSITIONS,
        "3;Renforcer la répression;Former les gendarmes sur la traite des personnes;Nombre de gendarmes formés;DGGN;ONUDC;2025;30 000 000;Groupe 3",
      ),
    });

  it("keeps three rows, side by side, each naming the others, total 60 000 000", async () => {
    const dir = training();
    expect((await run("compile", dir)).code).toBe(0);
    const out = join(dir, "sortie");

    // One cluster in the consolidation…
    const json = JSON.parse(readFileSync(join(out, "consolidation.json"), "utf8"));
    expect(json.propositions.map((p: { action: string; cluster: string }) => p.cluster)).toEqual([
      "c1",
      "c1",
      "c1",
    ]);

    // …three lines in the CSV, whose costs add up to 60 000 000.
    const lines = readCsv(join(out, "matrice-actions.csv"));
    const head = lines[0] as string[];
    const at = (title: string) => head.indexOf(title);
    expect(
      lines
        .slice(1)
        .map((l) => [
          l[0],
          l[at("Action")],
          l[at("Coût estimé (FCFA)")],
          l[at("Formulations voisines (N°)")],
        ]),
    ).toEqual([
      ["A3.1.1", "Former les gendarmes sur la traite des personnes", "30000000", "A3.1.2, A3.1.3"],
      ["A3.1.2", "Former les magistrats sur la traite des personnes", "10000000", "A3.1.1, A3.1.3"],
      ["A3.1.3", "Former les policiers sur la traite des personnes", "20000000", "A3.1.1, A3.1.2"],
    ]);
    expect(lines.slice(1).reduce((n, l) => n + Number(l[at("Coût estimé (FCFA)")]), 0)).toBe(
      60_000_000,
    );

    // The workbook: three rows, the subtotal and the grand total over all three.
    const wb = await readXlsx(join(out, "matrice-actions.xlsx"));
    const ws = wb.getWorksheet("Matrice") as ExcelJS.Worksheet;
    expect(
      [5, 6, 7].map((r) => [
        ws.getCell(`A${r}`).value,
        ws.getCell(`O${r}`).value,
        ws.getCell(`U${r}`).value,
      ]),
    ).toEqual([
      ["A3.1.1", 30_000_000, "A3.1.2, A3.1.3"],
      ["A3.1.2", 10_000_000, "A3.1.1, A3.1.3"],
      ["A3.1.3", 20_000_000, "A3.1.1, A3.1.2"],
    ]);
    expect([ws.getCell("D8").value, ws.getCell("O8").formula, ws.getCell("O8").result]).toEqual([
      "Sous-total axe 3",
      "SUM(O5:O7)",
      60_000_000,
    ]);
    expect([ws.getCell("D9").value, ws.getCell("O9").formula, ws.getCell("O9").result]).toEqual([
      "Total général",
      "SUM(O8)",
      60_000_000,
    ]);
    const summary = wb.getWorksheet("Synthèse budgétaire") as ExcelJS.Worksheet;
    // Axis 3 (row 7) by year 2023…2027, then its total; the total row (9).
    expect([2, 3, 4, 5, 6, 7].map((c) => summary.getCell(7, c).result)).toEqual([
      10_000_000, 20_000_000, 30_000_000, 0, 0, 60_000_000,
    ]);
    expect(summary.getCell(9, 7).result).toBe(60_000_000);

    // The report counts the same three proposals.
    const md = readFileSync(join(out, "rapport-bilan.md"), "utf8");
    expect(md).toContain("- **Propositions**\u00a0: 3 actions proposées pour le PAN 2023-2027");
  });

  it("evaluates, in LibreOffice, to a grand total of 60 000 000", async () => {
    const dir = training();
    await run("compile", dir);
    const sheets = libreOfficeSheets(join(dir, "sortie", "matrice-actions.xlsx"));
    const matrix = sheets.get("Matrice") as string[][];
    const header = matrix[3] as string[];
    const action = header.indexOf("Action");
    const cost = header.indexOf("Coût estimé (FCFA)");
    const total = matrix.find((r) => r[action] === "Total général") as string[];
    expect(Number(total[cost])).toBe(60_000_000);
    const summary = sheets.get("Synthèse budgétaire") as string[][];
    const line = summary.find((r) => r[0] === "3. Poursuites et répression") as string[];
    expect(line.slice(1, 7).map(Number)).toEqual([
      10_000_000, 20_000_000, 30_000_000, 0, 0, 60_000_000,
    ]);
    const grand = summary.find((r) => r[0] === "Total") as string[];
    expect(Number(grand[6])).toBe(60_000_000);
  }, 120_000);
});

// --- rule 8 -----------------------------------------------------------------------------------

describe("rule 8: an incomplete proposal stays in the draft, its cells « à compléter »", () => {
  /**
   * groupe-1: no indicator (row 2); no responsible body, partner nor cost (row 3); complete
   * (row 4). groupe-2, without a partner column, with yearly costs: 10 + 10 ≠ 25 million (row 2,
   * the 25 million kept); nothing but the required fields (row 3); no timeline (row 4, rejected:
   * the timeline stays required).
   */
  const incomplete = () =>
    workshop({
      "J3/groupe-1.csv": csv(
        PROPOSITIONS,
        "1;Sensibiliser les communautés;Organiser des caravanes de sensibilisation;;CNLTP;OIM;2023-2024;40 000 000;Groupe 1",
        "2;Protéger les victimes;Créer une ligne verte;Ligne verte opérationnelle;;;2024;;Groupe 1",
        "4;Coordonner;Réaliser l'évaluation finale;Rapport;CNLTP;ONUDC;2027;15 000 000;Groupe 1",
      ),
      "J3/groupe-2.csv": csv(
        "Axe stratégique;Objectif stratégique;Action;Indicateur;Structure responsable;Calendrier;Coût 2023 (FCFA);Coût 2024 (FCFA);Coût estimé (FCFA);Groupe de travail",
        "3;Réprimer la traite;Équiper le pôle judiciaire spécialisé;Pôle équipé;Pôle judiciaire spécialisé;2023-2024;10 000 000;10 000 000;25 000 000;Groupe 2",
        "3;Réprimer la traite;Adopter un décret d'application;;;2023;;;;Groupe 2",
        "3;Réprimer la traite;Former les enquêteurs;Nombre formés;DGPN;;;;1 000 000;Groupe 2",
      ),
    });

  it("warns at each empty expected cell, once for a missing column, and accepts the rows", async () => {
    const { code, summary, problems } = await validated(incomplete());
    expect(code).toBe(1);
    expect(summary).toEqual({
      files: 2,
      rows: 6,
      accepted: 5,
      rejected: 1,
      errors: 1,
      warnings: 9,
    });
    expect(tuples(problems)).toEqual([
      ["J3/groupe-1.csv", 2, "D", "indicateur", "missing-expected", "warning"],
      ["J3/groupe-1.csv", 3, "E", "responsable", "missing-expected", "warning"],
      ["J3/groupe-1.csv", 3, "F", "partenaires", "missing-expected", "warning"],
      ["J3/groupe-1.csv", 3, "H", "cout", "missing-expected", "warning"],
      ["J3/groupe-2.csv", 1, null, "partenaires", "missing-expected-column", "warning"],
      ["J3/groupe-2.csv", 2, "I", "cout", "cost-split-mismatch", "warning"],
      ["J3/groupe-2.csv", 3, "D", "indicateur", "missing-expected", "warning"],
      ["J3/groupe-2.csv", 3, "E", "responsable", "missing-expected", "warning"],
      ["J3/groupe-2.csv", 3, "I", "cout", "missing-expected", "warning"],
      ["J3/groupe-2.csv", 4, "F", "calendrier", "missing-value", "error"],
    ]);
    const message = (code: string, row: number) =>
      problems.find((p) => p.code === code && p.row === row)?.message;
    expect(message("missing-expected", 2)).toBe(
      "Champ « Indicateur » non renseigné : la proposition est gardée dans la matrice, case « à compléter »",
    );
    expect(message("missing-expected-column", 1)).toBe(
      "Pas de colonne « Partenaires » : les propositions sont gardées dans la matrice, case « à compléter »",
    );
    expect(message("cost-split-mismatch", 2)).toBe(
      "La somme des coûts annuels (20\u202f000\u202f000\u00a0FCFA) diffère du coût estimé (25\u202f000\u202f000\u00a0FCFA) : le coût estimé est retenu",
    );
    const en = JSON.parse(
      (await run("validate", incomplete(), "--format", "json", "--lang", "en")).out,
    );
    expect(en.files[0].problems[0].message).toBe(
      "“Indicator” not given: the proposal is kept in the matrix, cell marked “to complete”",
    );
  });

  it("puts every accepted row in the matrix, « à compléter » where a value is missing", async () => {
    const dir = incomplete();
    await run("compile", dir);
    const out = join(dir, "sortie");
    const lines = readCsv(join(out, "matrice-actions.csv"));
    const head = lines[0] as string[];
    const pick = ["N°", "Action", "Indicateur", "Responsable", "Partenaires", "Coût estimé (FCFA)"];
    expect(lines.slice(1).map((l) => pick.map((title) => l[head.indexOf(title)]))).toEqual([
      [
        "A1.1.1",
        "Organiser des caravanes de sensibilisation",
        "à compléter",
        "CNLTP",
        "OIM",
        "40000000",
      ],
      [
        "A2.1.1",
        "Créer une ligne verte",
        "Ligne verte opérationnelle",
        "à compléter",
        "à compléter",
        "à compléter",
      ],
      [
        "A3.1.1",
        "Adopter un décret d'application",
        "à compléter",
        "à compléter",
        "à compléter",
        "à compléter",
      ],
      [
        "A3.1.2",
        "Équiper le pôle judiciaire spécialisé",
        "Pôle équipé",
        "Pôle judiciaire spécialisé",
        "à compléter",
        "25000000",
      ],
      ["A4.1.1", "Réaliser l'évaluation finale", "Rapport", "CNLTP", "ONUDC", "15000000"],
    ]);

    // The workbook: the same cells, light orange; a cost to complete counts as 0 in the totals,
    // the stated 25 million is kept and spread evenly over 2023 and 2024.
    const wb = await readXlsx(join(out, "matrice-actions.xlsx"));
    const ws = wb.getWorksheet("Matrice") as ExcelJS.Worksheet;
    const fill = (a: string) => (ws.getCell(a).fill as ExcelJS.FillPattern).fgColor?.argb;
    // Rows: 1.1.1 (5), subtotal, 2.1.1 (7), subtotal, 3.1.1 (9), 3.1.2 (10), subtotal, 4.1.1 (12).
    const marked = ["E5", "H7", "I7", "O7", "E9", "H9", "I9", "O9", "I10"];
    expect(marked.map((a) => [ws.getCell(a).value, fill(a)])).toEqual(
      marked.map(() => ["à compléter", "FFFFD8A8"]),
    );
    expect(["E10", "O10", "O12"].map((a) => [ws.getCell(a).value, fill(a)])).toEqual([
      ["Pôle équipé", "FFFCE4D6"],
      [25_000_000, "FFFCE4D6"],
      [15_000_000, "FFEDE7F6"],
    ]);
    expect([ws.getCell("D11").value, ws.getCell("O11").result]).toEqual([
      "Sous-total axe 3",
      25_000_000,
    ]);
    expect([ws.getCell("D14").value, ws.getCell("O14").result]).toEqual([
      "Total général",
      80_000_000,
    ]);
    const breakdown = wb.getWorksheet("Répartition annuelle") as ExcelJS.Worksheet;
    expect(
      [4, 5, 6, 7, 8].map((r) => [
        breakdown.getCell(r, 1).value,
        breakdown.getCell(r, 5).value,
        breakdown.getCell(r, 6).result ?? breakdown.getCell(r, 6).value,
        breakdown.getCell(r, 7).result ?? breakdown.getCell(r, 7).value,
      ]),
    ).toEqual([
      ["A1.1.1", "parts égales", 20_000_000, 20_000_000],
      ["A2.1.1", "parts égales", 0, 0],
      ["A3.1.1", "parts égales", 0, 0],
      ["A3.1.2", "parts égales", 12_500_000, 12_500_000],
      ["A4.1.1", "parts égales", 0, 0],
    ]);

    // The Markdown matrix says it too.
    await run("matrix", dir, "--format", "md");
    const md = readFileSync(join(out, "matrice-actions.md"), "utf8");
    expect(md).toContain(
      "| A2.1.1 | Protéger les victimes | Créer une ligne verte | Ligne verte opérationnelle |  |  | à compléter | à compléter | 2024 | à compléter |",
    );
    expect(md).toContain("**Total général\u00a0: 80\u202f000\u202f000 FCFA**");
  });
});

// --- rule 10 ----------------------------------------------------------------------------------

describe("rule 10: a weakness every group wrote under its own axis is one cross-cutting finding", () => {
  const financing = () =>
    workshop({
      "J2/groupe-1.csv": csv(
        CONSTATS,
        "1;Faiblesse;Absence de ligne verte;Groupe 1",
        "1;Faiblesse;Insuffisance des ressources financières;Groupe 1",
        "1;Menace;Insuffisance des ressources financières;Groupe 1",
      ),
      "J2/groupe-2.csv": csv(
        CONSTATS,
        "2;Faiblesse;Insuffisance des ressources financières;Groupe 2",
      ),
      "J2/groupe-3.csv": csv(
        CONSTATS,
        "3;Faiblesse;Insuffisance de ressources financières;Groupe 3",
      ),
      "J2/groupe-4.csv": csv(CONSTATS, "4;Faiblesse;Ressources financières insuffisantes;Groupe 4"),
      "J3/groupe-4.csv": csv(
        PROPOSITIONS,
        "4;Financer le plan;Mobiliser des ressources financières pour le plan;Montant mobilisé;CNLTP;OIM;2023-2027;5 000 000;Groupe 4",
      ),
    });

  it("gives the four findings one cluster id across axes, never across types", async () => {
    const dir = financing();
    await run("compile", dir);
    const json = JSON.parse(readFileSync(join(dir, "sortie", "consolidation.json"), "utf8"));
    expect(
      json.constats.map((k: Record<string, string>) => [k.axe, k.type, k.constat, k.cluster]),
    ).toEqual([
      ["PREV", "faiblesse", "Absence de ligne verte", "c1"],
      ["PREV", "faiblesse", "Insuffisance des ressources financières", "c2"],
      ["PREV", "menace", "Insuffisance des ressources financières", "c3"],
      ["PROT", "faiblesse", "Insuffisance des ressources financières", "c2"],
      ["POUR", "faiblesse", "Insuffisance de ressources financières", "c2"],
      ["COOR", "faiblesse", "Ressources financières insuffisantes", "c2"],
    ]);
    expect(json.propositions.map((p: Record<string, string>) => p.cluster)).toEqual(["c4"]);
  });

  it("heads the findings with it: 4 groups, 4 axes, its sources, in the model and both reports", async () => {
    const dir = financing();
    const r = await compileWorkshop(dir, { out: mkdtempSync(join(tmpdir(), "atelier-draft-")) });
    const m = buildReport(r.consolidation, r.validation, findConfig(dir), new Date(0));
    expect(
      m.crossCutting.map((k) => [
        k.id,
        k.type,
        k.axes.map((a) => a.code),
        k.groups,
        k.wordings.map((w) => [w.axe, w.text, w.sources.map((s) => `${s.file}:${s.row}`)]),
        k.addressedBy,
      ]),
    ).toEqual([
      [
        "c2",
        "faiblesse",
        ["PREV", "PROT", "POUR", "COOR"],
        ["Groupe 1", "Groupe 2", "Groupe 3", "Groupe 4"],
        [
          ["PREV", "Insuffisance des ressources financières", ["J2/groupe-1.csv:3"]],
          ["PROT", "Insuffisance des ressources financières", ["J2/groupe-2.csv:2"]],
          ["POUR", "Insuffisance de ressources financières", ["J2/groupe-3.csv:2"]],
          ["COOR", "Ressources financières insuffisantes", ["J2/groupe-4.csv:2"]],
        ],
        ["Mobiliser des ressources financières pour le plan"],
      ],
    ]);
    // Under each axis, its own wording, marked cross-cutting; one distinct point, not four.
    expect(
      m.findings.map((f) =>
        f.types.faiblesse.map((k) => [k.id, k.groups, k.crossCutting, k.addressedBy.length]),
      ),
    ).toEqual([
      [
        ["c2", ["Groupe 1"], true, 1],
        ["c1", ["Groupe 1"], false, 0],
      ],
      [["c2", ["Groupe 2"], true, 1]],
      [["c2", ["Groupe 3"], true, 1]],
      [["c2", ["Groupe 4"], true, 1]],
    ]);
    expect(m.findings[0]?.types.menace.map((k) => [k.id, k.crossCutting])).toEqual([["c3", false]]);
    expect(m.key).toMatchObject({ findings: 6, findingClusters: 3 });

    // Markdown and HTML, compiled: the section comes first among the findings.
    const out = join(dir, "sortie");
    await run("compile", dir);
    const md = readFileSync(join(out, "rapport-bilan.md"), "utf8");
    const section = md.slice(
      md.indexOf("## Constats transversaux"),
      md.indexOf("## Forces et faiblesses par axe"),
    );
    expect(section.split("\n").filter((l) => /^\d+\. /.test(l))).toEqual([
      "1. **Insuffisance des ressources financières** (Faiblesse) — cité par 4 groupes sous 4 axes (Groupe 1, Groupe 2, Groupe 3, Groupe 4)",
    ]);
    expect(section).toContain(
      "   - Axes\u00a0: 1\\. Prévention ; 2\\. Protection et assistance aux victimes ; 3\\. Poursuites et répression ; 4\\. Coordination, partenariat et suivi-évaluation",
    );
    expect(section).toContain(
      "   - «\u00a0Insuffisance de ressources financières\u00a0» — 3\\. Poursuites et répression — G3-J2",
    );
    expect(md.indexOf("## Constats transversaux")).toBeLessThan(
      md.indexOf("## Forces et faiblesses par axe"),
    );
    expect(md.match(/constat transversal \(4 groupes, 4 axes\)/g)).toHaveLength(4);
    const html = readFileSync(join(out, "rapport-bilan.html"), "utf8");
    const block = html.slice(
      html.indexOf('<section id="constats-transversaux"'),
      html.indexOf('<section id="forces-faiblesses"'),
    );
    expect(block).toContain("cité par 4 groupes sous 4 axes");
    expect(block).toContain("Insuffisance des ressources financières");
    // Its sources as references, the row each stands for in its tooltip.
    expect(block).toContain('<abbr title="J2/groupe-4.csv:2">G4-J2</abbr>');

    // In English.
    const en = mkdtempSync(join(tmpdir(), "atelier-draft-en-"));
    await run("report", dir, "--lang", "en", "--out", en);
    const english = readFileSync(join(en, "rapport-bilan.md"), "utf8");
    expect(english).toContain("## Cross-cutting findings");
    expect(english).toContain(
      "1. **Insuffisance des ressources financières** (Weakness) — cited by 4 groups under 4 axes (Groupe 1, Groupe 2, Groupe 3, Groupe 4)",
    );
  });
});
