import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { compileWorkshop } from "../src/commands/compile.js";
import { DEFAULT_AXES, loadConfig } from "../src/config.js";
import { type FieldSpec, KIND_NAMES, KINDS, metadataFields } from "../src/fields.js";
import { wrappedLines } from "../src/render/xlsx.js";
import { validatePaths } from "../src/validate/index.js";
import { run } from "./helpers/workshop.js";

/**
 * The consolidated outputs are for people: headers are the registry's labels (those a template
 * has), closed values are words, in the compile language; consolidation.json keeps the ids.
 * A consolidated bilan.csv, constats.csv or propositions.csv reads back as a clean submission.
 */

const WORKSHOP = "fixtures/atelier";
const CONFIG = join(WORKSHOP, "atelier.config.json");
const CSVS = ["bilan", "constats", "propositions", "rejets", "conflits", "historique"] as const;

const compiled: Record<"fr" | "en", string> = { fr: "", en: "" };

beforeAll(async () => {
  for (const lang of ["fr", "en"] as const) {
    const out = join(mkdtempSync(join(tmpdir(), `atelier-${lang}-`)), "sortie");
    await compileWorkshop(WORKSHOP, { out, lang });
    compiled[lang] = out;
  }
}, 120_000);

/** A CSV as written (BOM, `;`, CRLF): its header and its rows, cells as text. */
function csv(out: string, name: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(join(out, `${name}.csv`), "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const [header = [], ...rows] = parse(text.slice(1), {
    delimiter: ";",
    record_delimiter: "\r\n",
  }) as string[][];
  return { header, rows };
}

const consolidation = (out: string) =>
  JSON.parse(readFileSync(join(out, "consolidation.json"), "utf8"));

describe("the consolidated CSVs speak the compile language", () => {
  it("have the registry's labels as headers, exactly, in French", () => {
    const headers = Object.fromEntries(
      CSVS.map((name) => [name, csv(compiled.fr, name).header.join(";")]),
    );
    expect(headers).toEqual({
      bilan:
        "Axe stratégique;Code activité;Activité;Structure responsable;Indicateur;Cible;Résultat atteint;Statut;Taux de réalisation (%);Budget prévu (FCFA);Budget exécuté (FCFA);Source de financement;Difficultés rencontrées;Activité non programmée;Observations;Groupes;Sessions;Fichiers sources",
      constats:
        "Axe stratégique;Type;Constat;Code activité;Source / preuve;Recommandation;Regroupement;Groupes;Sessions;Fichiers sources",
      propositions:
        "Axe stratégique;Objectif stratégique;Action;Indicateur;Valeur de référence;Cible;Structure responsable;Partenaires;Calendrier;Coût estimé (FCFA);Source de financement;Priorité;Nature;Activité d'origine;Résultat attendu;Coût 2023 (FCFA);Coût 2024 (FCFA);Coût 2025 (FCFA);Coût 2026 (FCFA);Coût 2027 (FCFA);Regroupement;Groupes;Sessions;Fichiers sources",
      rejets: "Fichier;Feuille;Ligne;Type de fiche;Cellule;Code;Gravité;Problème;Valeurs lues",
      conflits:
        "Type de fiche;Activité;Champ;Valeur retenue;Règle;Motif;Version;Source;Groupe;Session",
      historique:
        "Situation;Type de fiche;Activité;Champ;Groupe;Valeur antérieure;Source antérieure;Version;Source",
    });
  });

  it("have the headers a template has, and in English with --lang en", async () => {
    const dir = mkdtempSync(join(tmpdir(), "atelier-modeles-"));
    for (const lang of ["fr", "en"] as const) {
      const r = await run("template", "--format", "csv", "--lang", lang, "--out", join(dir, lang));
      expect(r.code).toBe(0);
      for (const kind of KIND_NAMES) {
        // The template marks required columns with `*`, and has a column per planned year.
        const template = csv(join(dir, lang), kind).header.map((h) => h.replace(/ \*$/, ""));
        const fields = csv(compiled[lang], kind).header.filter(
          (h) => !["Calendrier", "Timeline"].includes(h),
        );
        const own = fields.slice(0, template.filter((h) => !/^\d{4} \(X\)$/.test(h)).length);
        expect(own, `${lang} ${kind}`).toEqual(template.filter((h) => !/^\d{4} \(X\)$/.test(h)));
      }
    }
    expect(csv(compiled.en, "bilan").header.slice(0, 3)).toEqual([
      "Strategic axis",
      "Activity code",
      "Activity",
    ]);
  });

  it("write closed values as words and numbers as plain digits, French or English", () => {
    const row = (lang: "fr" | "en", name: string, key: string) => {
      const { header, rows } = csv(compiled[lang], name);
      const found = rows.find((r) => r.includes(key)) as string[];
      return Object.fromEntries(header.map((h, i) => [h, found[i]]));
    };
    expect(row("fr", "bilan", "1.1.1")).toMatchObject({
      "Axe stratégique": "1. Prévention",
      Statut: "Partiellement réalisé",
      "Taux de réalisation (%)": "45",
      "Budget prévu (FCFA)": "60000000",
    });
    expect(row("en", "bilan", "1.1.1")).toMatchObject({
      "Strategic axis": "1. Prevention",
      Status: "Partially done",
    });
    const c = consolidation(compiled.fr);
    const conflict = c.conflits[0];
    const conflit = row("fr", "conflits", conflict.key);
    expect(conflit).toMatchObject({ "Type de fiche": "Bilan", Champ: "Statut" });
    expect(conflit.Règle).toBe(
      {
        "latest-session": "session la plus récente",
        "conservative-status": "statut le plus prudent",
      }[conflict.rule as string],
    );
    expect(row("fr", "rejets", "out-of-range")).toMatchObject({
      "Type de fiche": "Bilan",
      Code: "out-of-range",
      Gravité: "erreur",
    });
    expect(row("en", "rejets", "out-of-range")).toMatchObject({
      Kind: "Assessment",
      Severity: "Error",
    });
    // consolidation.json keeps the ids, for programs.
    expect(
      c.bilan.find((b: { code_activite: string }) => b.code_activite === "1.1.1"),
    ).toMatchObject({
      axe: "PREV",
      statut: "partiel",
    });
    expect(c.conflits[0].field).toBe("statut");
  });

  it("hold no internal id as a header or a whole cell, but the problem codes", async () => {
    const c = consolidation(compiled.fr);
    const fields: readonly FieldSpec[] = [
      ...KIND_NAMES.flatMap((k) => KINDS[k] as readonly FieldSpec[]),
      ...metadataFields,
    ];
    const ids = new Set<string>([
      ...fields.map((f) => f.id),
      ...fields.flatMap((f) => f.values?.map((v) => v.id) ?? []),
      ...Array.from({ length: 5 }, (_, i) => `cout_annuel_${2023 + i}`),
      ...DEFAULT_AXES.map((a) => a.code),
      ...c.bilan.map((r: { axe: string }) => r.axe),
      ...c.propositions.map((r: { axe: string }) => r.axe),
      ...[
        "latest-session",
        "conservative-status",
        "conservative-value",
        "chosen-assessment",
        "first-source",
        "reference-plan",
        "activity-code",
        "resolution",
      ],
      ...c.conflits.map((k: { rule: string }) => k.rule),
      ...["error", "warning", ...KIND_NAMES, "reference", "resolutions", "true", "false"],
      ...["cluster", "groupes", "sessions", "sources", "kind", "key", "field", "chosen", "rule"],
    ]);
    for (const lang of ["fr", "en"] as const) {
      const found: string[] = [];
      for (const name of CSVS) {
        const { header, rows } = csv(compiled[lang], name);
        const code = name === "rejets" ? header.indexOf("Code") : -1;
        for (const h of header) if (ids.has(h)) found.push(`${lang} ${name} header ${h}`);
        for (const r of rows) {
          r.forEach((v, i) => {
            if (i !== code && ids.has(v)) found.push(`${lang} ${name} ${header[i]}: ${v}`);
          });
        }
        expect(rows.length, `${lang} ${name}`).toBeGreaterThan(0);
      }
      // The workbook's sheets too.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(compiled[lang], "consolidation.xlsx"));
      for (const ws of wb.worksheets) {
        const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
        const code = ["Rejets", "Rejected"].includes(ws.name) ? header.indexOf("Code") : -1;
        ws.eachRow((row) => {
          row.eachCell((cell, col) => {
            if (col - 1 !== code && ids.has(String(cell.value)))
              found.push(`${lang} ${ws.name}!${cell.address}: ${cell.value}`);
          });
        });
      }
      expect(found).toEqual([]);
    }
  });
});

describe("a consolidated table reads back as a clean submission", () => {
  it("bilan.csv, constats.csv, propositions.csv: every row accepted, no error, no column unknown", async () => {
    const c = consolidation(compiled.fr);
    const config = loadConfig(CONFIG);
    for (const lang of ["fr", "en"] as const) {
      for (const kind of KIND_NAMES) {
        const file = join(compiled[lang], `${kind}.csv`);
        const result = await validatePaths([{ path: file, config }]);
        expect(result.skipped, `${lang} ${kind}`).toEqual([]);
        const mine = result.files.filter((f) => f.path.endsWith(`${kind}.csv`));
        expect(mine, `${lang} ${kind}`).toHaveLength(1);
        const count = c[kind].length;
        expect(csv(compiled[lang], kind).rows).toHaveLength(count);
        expect(
          mine[0]?.sheets.map((s) => [s.kind, s.headerRow, s.rows, s.accepted, s.rejected]),
          `${lang} ${kind}`,
        ).toEqual([[kind, 1, count, count, 0]]);
        const issues = mine[0]?.issues ?? [];
        expect(
          issues.filter((i) => i.severity === "error"),
          `${lang} ${kind}`,
        ).toEqual([]);
        // What is left are the groups' own warnings on rows they kept (a budget overspent…).
        const columns = ["unknown-column", "duplicate-column", "blank-header", "missing-column"];
        expect(
          issues.filter((i) => columns.includes(i.code)),
          `${lang} ${kind}`,
        ).toEqual([]);
      }
    }
    // The command itself: exit 0.
    const cli = await run("validate", join(compiled.fr, "bilan.csv"), "--config", CONFIG);
    expect(cli.code).toBe(0);
    // Found in a folder, though, atelier's results are never read as a group's file.
    const folder = mkdtempSync(join(tmpdir(), "atelier-copie-"));
    writeFileSync(join(folder, "bilan.csv"), readFileSync(join(compiled.fr, "bilan.csv")));
    writeFileSync(join(folder, "bilan-en.csv"), readFileSync(join(compiled.en, "bilan.csv")));
    const found = await validatePaths([{ path: folder, config }]);
    expect(found.files).toEqual([]);
    expect(found.skipped.map((s) => s.reason)).toEqual(["output-file", "output-file"]);
  });
});

describe("datapackage.json describes the CSVs as written", () => {
  it("names each field by its header, keeps its id, lists the words written", async () => {
    const pkg = JSON.parse(readFileSync(join(compiled.fr, "datapackage.json"), "utf8"));
    for (const resource of pkg.resources) {
      const { header } = csv(compiled.fr, resource.name);
      expect(resource.schema.fields.map((f: { name: string }) => f.name)).toEqual(header);
    }
    const bilan = pkg.resources[0].schema.fields;
    expect(bilan.find((f: { name: string }) => f.name === "Statut")).toEqual({
      name: "Statut",
      "atelier:id": "statut",
      title: "Statut",
      description: "Status",
      type: "string",
      constraints: {
        required: true,
        enum: ["Réalisé", "Partiellement réalisé", "En cours", "Non réalisé", "Abandonné"],
      },
    });
    expect(bilan.find((f: { "atelier:id": string }) => f["atelier:id"] === "hors_plan")).toEqual({
      name: "Activité non programmée",
      "atelier:id": "hors_plan",
      title: "Activité non programmée",
      description: "Unplanned activity",
      type: "boolean",
      trueValues: ["Oui"],
      falseValues: ["Non"],
    });
    expect(bilan.find((f: { "atelier:id": string }) => f["atelier:id"] === "budget_prevu")).toEqual(
      expect.objectContaining({ name: "Budget prévu (FCFA)", type: "number", decimalChar: "," }),
    );
    // Every CSV reads back against its schema (tableschema-js keeps a BOM: read copies without).
    const copy = mkdtempSync(join(tmpdir(), "atelier-dp-"));
    writeFileSync(join(copy, "datapackage.json"), JSON.stringify(pkg));
    for (const name of CSVS) {
      writeFileSync(
        join(copy, `${name}.csv`),
        readFileSync(join(compiled.fr, `${name}.csv`)).subarray(3),
      );
    }
    const { Package } = (await import("datapackage")).default;
    const dp = await Package.load(join(copy, "datapackage.json"), { basePath: copy });
    expect(dp.errors).toEqual([]);
    for (const r of dp.resources) {
      const rows = await r.read({ keyed: true });
      expect(rows, r.name).toHaveLength(csv(compiled.fr, r.name).rows.length);
    }
  }, 60_000);
});

describe("consolidation.xlsx prints and reads well", () => {
  it("A4 landscape, one page wide, header repeated and frozen, rows as tall as their text", async () => {
    const bytes = readFileSync(join(compiled.fr, "consolidation.xlsx"));
    const zip = await JSZip.loadAsync(bytes);
    const workbook = await zip.file("xl/workbook.xml")?.async("string");
    const names = [...(workbook ?? "").matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual([
      "Bilan",
      "Constats",
      "Propositions",
      "Sources",
      "Rejets",
      "Conflits",
      "Historique",
    ]);
    for (const [k, name] of names.entries()) {
      const sheet = (await zip.file(`xl/worksheets/sheet${k + 1}.xml`)?.async("string")) ?? "";
      expect(sheet, name).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
      expect(sheet, name).toContain(
        '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"',
      );
      expect(sheet, name).toContain(
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
      );
      expect(workbook, name).toContain(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${k}">'${name}'!$1:$1</definedName>`,
      );
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup, ws.name).toMatchObject({
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        paperSize: 9,
        printTitlesRow: "1:1",
      });
      expect(ws.views[0], ws.name).toMatchObject({ state: "frozen", ySplit: 1 });
    }
    // Each row is as tall as its tallest wrapped cell (15 points a line), one line left alone.
    const bilan = wb.getWorksheet("Bilan") as ExcelJS.Worksheet;
    const heights: (number | undefined)[] = [];
    const expected: (number | undefined)[] = [];
    bilan.eachRow((row, n) => {
      if (n === 1) return;
      let lines = 1;
      row.eachCell((cell, col) => {
        if (typeof cell.value !== "string") return;
        lines = Math.max(lines, wrappedLines(cell.value, bilan.getColumn(col).width ?? 14));
      });
      heights.push(row.height);
      expected.push(lines > 1 ? lines * 15 + 3 : undefined);
    });
    expect(heights).toEqual(expected);
    expect(heights.some((h) => h !== undefined && h > 30)).toBe(true);
  });
});
