import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildReport, type ReportModel } from "../src/analysis/report.js";
import { compileWorkshop } from "../src/commands/compile.js";
import { findConfig } from "../src/config.js";
import type { Lang } from "../src/i18n/lang.js";
import { escapeMarkdown } from "../src/render/markdown.js";
import { escapeHtml, reportHtml } from "../src/render/report-html.js";
import { reportMarkdown } from "../src/render/report-md.js";
import {
  BILAN_HEADER,
  CONSTATS_HEADER,
  PLAN,
  PLANNED_CONFIG,
  workshop,
} from "./helpers/workshop.js";

/**
 * A list of what nobody did (weaknesses without action, activities nobody assessed) must not
 * read as complete when rows that could have shortened it are not in the results: a file that
 * could not be read, rows that were rejected.
 */

const PROPOSITIONS =
  "Axe;Objectif stratégique;Action;Indicateur;Structure responsable;Calendrier;Nature;Activité d'origine\r\n";

async function reportOf(dir: string): Promise<ReportModel> {
  const out = mkdtempSync(join(tmpdir(), "atelier-report-gaps-"));
  const r = await compileWorkshop(dir, { out });
  return buildReport(r.consolidation, r.validation, findConfig(dir), new Date(0));
}

/** The report in Markdown and in HTML. */
function rendered(m: ReportModel, lang: Lang) {
  return { md: reportMarkdown(m, lang), html: reportHtml(m, lang) };
}

/** The note stands right after the section's lead, in Markdown and in HTML. */
function expectNote(m: ReportModel, lang: Lang, lead: string, note: string) {
  const { md, html } = rendered(m, lang);
  expect(md).toContain(`${escapeMarkdown(lead)}\n\n${escapeMarkdown(note)}\n\n`);
  expect(html).toContain(
    `<p class="lead">${escapeHtml(lead)}</p></div><p class="missing">${escapeHtml(note)}</p>`,
  );
}

/** Group 4's file cannot be read; two weaknesses of group 2 have no proposal of group 3. */
const unreadable = () =>
  workshop({
    "atelier.config.json": PLANNED_CONFIG,
    "plan.csv": PLAN,
    "J1/groupe-1.csv": `${BILAN_HEADER}1;1.1.1;Sensibiliser;Réalisé;;;\r\n`,
    "J1/groupe-2.csv": `${CONSTATS_HEADER}2;Faiblesse;Manque de centres d'accueil pour les victimes\r\n2;Faiblesse;Lenteur des procédures judiciaires\r\n1;Faiblesse;Sensibilisation insuffisante des enseignants\r\n`,
    "J1/groupe-3.csv": `${PROPOSITIONS}1;Prévenir;Former les enseignants à la sensibilisation;Nombre;MEN;2024;Nouvelle;\r\n`,
    "J1/groupe-4.ods": Buffer.from("PK\u0003\u0004 not really a spreadsheet"),
  });

/**
 * Group 1's proposals have no timeline (a required field): all three are rejected, and so is
 * its assessment of 2.1.1, whose status is not one of the list.
 */
const rejected = () =>
  workshop({
    "atelier.config.json": PLANNED_CONFIG,
    "plan.csv": PLAN,
    "J1/groupe-1.csv": `${BILAN_HEADER.replace("\r\n", ";Groupe\r\n")}1;1.1.1;Sensibiliser;Réalisé;;;;Groupe 1\r\n1;1.1.2;Former;En cours;;;;Groupe 1\r\n2;2.1.1;Assister;Peut-être;;;;Groupe 1\r\n2;2.1.2;Héberger;Non réalisé;;;;Groupe 1\r\n`,
    "J1/groupe-2.csv": `${CONSTATS_HEADER}2;Faiblesse;Manque de centres d'accueil pour les victimes\r\n1;Faiblesse;Sensibilisation insuffisante des enseignants\r\n`,
    "J1/groupe-3.csv": `${PROPOSITIONS}1;Prévenir;Former les enseignants à la sensibilisation;Nombre;MEN;2024;Nouvelle;\r\n`,
    "J2/groupe-1.csv": `${PROPOSITIONS.replace("\r\n", ";Groupe\r\n")}2;Protéger;Créer des centres d'accueil;Nombre;DNDS;;Nouvelle;;Groupe 1\r\n2;Protéger;Ouvrir des foyers;Nombre;DNDS;;Nouvelle;;Groupe 1\r\n2;Protéger;Accélérer les procédures;Nombre;MJ;;Nouvelle;;Groupe 1\r\n`,
  });

describe("a file that could not be read", () => {
  it("is a gap of every kind, under the file's group", async () => {
    const m = await reportOf(unreadable());
    const gap = { path: "J1/groupe-4.ods", groupe: "groupe-4", rejected: null };
    expect(m.received.gaps).toEqual({ bilan: [gap], propositions: [gap] });
  });

  it("is named under the weaknesses without action and the activities nobody assessed", async () => {
    const m = await reportOf(unreadable());
    expectNote(
      m,
      "fr",
      "1 faiblesse sur 3 est rapprochée d'au moins une action proposée ; les autres sont listées ici.",
      "Ces faiblesses n'ont peut-être pas toutes été oubliées : les propositions de J1/groupe-4.ods (groupe-4 ; fichier illisible) ne sont pas dans les résultats (voir l'annexe sur la qualité des données).",
    );
    expectNote(
      m,
      "fr",
      "3 activités du plan de référence (sur 4) n'ont aucune évaluation retenue et ne comptent pas dans le taux de mise en œuvre : aucun groupe ne les a évaluées.",
      "Certaines de ces activités ont peut-être été évaluées dans des fiches bilan qui manquent : les évaluations de J1/groupe-4.ods (groupe-4 ; fichier illisible) ne sont pas dans les résultats (voir l'annexe sur la qualité des données).",
    );
  });

  it("is named in English too", async () => {
    const m = await reportOf(unreadable());
    expectNote(
      m,
      "en",
      "1 weakness out of 3 is matched with at least one proposed action; the others are listed here.",
      "Some of these weaknesses may have a proposed action after all: the proposals from J1/groupe-4.ods (groupe-4; unreadable file) are not in the results (see the data quality annex).",
    );
    expectNote(
      m,
      "en",
      "3 activities of the reference plan (out of 4) have no accepted assessment and do not count in the implementation rate: no group assessed them.",
      "Some of these activities may have been assessed in assessment sheets that are missing: the assessments from J1/groupe-4.ods (groupe-4; unreadable file) are not in the results (see the data quality annex).",
    );
  });
});

describe("rejected rows", () => {
  it("are a gap of their kind only, counted, under the group of the rows", async () => {
    const m = await reportOf(rejected());
    expect(m.received.unread).toEqual([]);
    // The rejected assessment names its activity (2.1.1): it is said with it, not as a gap.
    expect(m.received.gaps).toEqual({
      bilan: [],
      propositions: [{ path: "J2/groupe-1.csv", groupe: "Groupe 1", rejected: 3 }],
    });
    expect(m.unassessed).toMatchObject([{ code: "2.1.1", rejected: true }]);
    // An assessment whose code cannot be read may be of any activity: a gap.
    const dir = rejected();
    writeFileSync(
      join(dir, "J2", "groupe-5.csv"),
      `${BILAN_HEADER.replace("\r\n", ";Groupe\r\n")}1;;Former;Réalisé;;;;Groupe 5\r\n`,
    );
    expect((await reportOf(dir)).received.gaps.bilan).toEqual([
      { path: "J2/groupe-5.csv", groupe: "Groupe 5", rejected: 1 },
    ]);
  });

  it("are counted in the notes, which agree with one weakness, one activity, one row", async () => {
    const m = await reportOf(rejected());
    expectNote(
      m,
      "fr",
      "1 faiblesse sur 2 est rapprochée d'au moins une action proposée ; les autres sont listées ici.",
      "Cette faiblesse n'a peut-être pas été oubliée : 3 propositions rejetées de J2/groupe-1.csv (Groupe 1) ne sont pas dans les résultats (voir rejets.csv et l'annexe sur la qualité des données).",
    );
    // 2.1.1 was assessed by group 1, in the row rejected: said in the lead, no note needed.
    const { md } = rendered(m, "fr");
    expect(md).toContain(
      `${escapeMarkdown("1 activité du plan de référence (sur 4) n'a aucune évaluation retenue et ne compte pas dans le taux de mise en œuvre : son évaluation a été rejetée (voir rejets.csv).")}\n\n*Activités du plan de référence sans évaluation*`,
    );
  });

  it("join an unread file in one sentence, the unread file first", async () => {
    const dir = rejected();
    writeFileSync(join(dir, "J2", "groupe-4.ods"), "PK\u0003\u0004 not really a spreadsheet");
    const m = await reportOf(dir);
    const { md, html } = rendered(m, "fr");
    const note =
      "Cette faiblesse n'a peut-être pas été oubliée : les propositions de J2/groupe-4.ods (groupe-4 ; fichier illisible) et 3 propositions rejetées de J2/groupe-1.csv (Groupe 1) ne sont pas dans les résultats (voir rejets.csv et l'annexe sur la qualité des données).";
    expect(md).toContain(escapeMarkdown(note));
    expect(html).toContain(escapeHtml(note));
  });
});

describe("a workshop whose rows are all in the results", () => {
  it("lists what nobody did without a note", async () => {
    const dir = workshop({
      "atelier.config.json": PLANNED_CONFIG,
      "plan.csv": PLAN,
      "J1/groupe-1.csv": `${BILAN_HEADER}1;1.1.1;Sensibiliser;Réalisé;;;\r\n`,
      "J1/groupe-2.csv": `${CONSTATS_HEADER}2;Faiblesse;Manque de centres d'accueil pour les victimes\r\n`,
      "J1/groupe-3.csv": `${PROPOSITIONS}1;Prévenir;Former les enseignants;Nombre;MEN;2024;Nouvelle;\r\n`,
    });
    const m = await reportOf(dir);
    expect(m.received.gaps).toEqual({ bilan: [], propositions: [] });
    expect(m.weaknesses.unaddressed).toHaveLength(1);
    expect(m.unassessed).toHaveLength(3);
    for (const lang of ["fr", "en"] as const) {
      const { md, html } = rendered(m, lang);
      expect(md).not.toMatch(/peut-être|may have/);
      expect(html).not.toContain('<p class="missing">');
    }
  });
});

describe("activities without an accepted assessment", () => {
  /** Group 1 assesses 1.1.1, and 1.1.2 with a status no list holds; nobody assesses 2.1.x. */
  const split = () =>
    workshop({
      "atelier.config.json": PLANNED_CONFIG,
      "plan.csv": PLAN,
      "J1/groupe-1.csv": `${BILAN_HEADER.replace("\r\n", ";Groupe\r\n")}1;1.1.1;Sensibiliser;Réalisé;;;;Groupe 1\r\n1;1.1.2;Former;Peut-être;;;;Groupe 1\r\n`,
    });

  it("tell those nobody assessed from those whose assessment was rejected, in both languages", async () => {
    const m = await reportOf(split());
    expect(m.unassessed.map((u) => [u.code, u.rejected])).toEqual([
      ["1.1.2", true],
      ["2.1.1", false],
      ["2.1.2", false],
    ]);
    const fr = rendered(m, "fr");
    expect(fr.md).toContain(
      [
        "3 activités du plan de référence (sur 4) n'ont aucune évaluation retenue et ne comptent pas dans le taux de mise en œuvre : 2 sans aucune évaluation, 1 dont l'évaluation a été rejetée (voir rejets.csv).",
        "",
      ].join("\n"),
    );
    expect(fr.md).toContain(
      [
        "*Activités du plan de référence sans évaluation*",
        "",
        "| Code | Axe | Intitulé | Situation |",
        "| --- | --- | --- | --- |",
        "| 1.1.2 | 1\\. Prévention | Former | évaluation rejetée (rejets.csv) |",
        "| 2.1.1 | 2\\. Protection et assistance aux victimes | Assister | aucune évaluation |",
        "| 2.1.2 | 2\\. Protection et assistance aux victimes | Héberger | aucune évaluation |",
      ].join("\n"),
    );
    expect(fr.html).toContain(
      '<th scope="row">1.1.2</th><td>1. Prévention</td><td>Former</td><td>évaluation rejetée (rejets.csv)</td>',
    );
    const en = rendered(m, "en");
    expect(en.md).toContain(
      "3 activities of the reference plan (out of 4) have no accepted assessment and do not count in the implementation rate: 2 nobody assessed, 1 whose assessment was rejected (see rejets.csv).",
    );
    expect(en.md).toContain(
      "| 2.1.2 | 2\\. Protection and assistance to victims | Héberger | no assessment |",
    );
  });
});
