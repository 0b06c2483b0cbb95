import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileWorkshop } from "../src/commands/compile.js";
import { validateFiles } from "../src/commands/validate.js";
import { run } from "./helpers/workshop.js";

/**
 * The bundled fixtures: the sample workshop (three sessions, planted mistakes, three files saved
 * by LibreOffice), one defect per file in `invalid/`, and files that must pass clean in `valid/`.
 * Expected values are written out here; `fixtures/*.md` explain them.
 */

type Tuple = [
  file: string,
  sheet: string | null,
  row: number | null,
  column: string | null,
  field: string | null,
  code: string,
];

interface JsonProblem {
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  code: string;
  severity: string;
}
interface JsonReport {
  summary: Record<string, number>;
  files: { path: string; problems: JsonProblem[] }[];
  skipped: { path: string; reason: string }[];
}

async function problems(dir: string): Promise<{ code: number; tuples: Tuple[]; json: JsonReport }> {
  const r = await run("validate", dir, "--format", "json");
  const json: JsonReport = JSON.parse(r.out);
  const tuples = json.files.flatMap((f) =>
    f.problems.map(
      (p): Tuple => [p.file.replace(`${dir}/`, ""), p.sheet, p.row, p.column, p.field, p.code],
    ),
  );
  return { code: r.code, tuples, json };
}

describe("the sample workshop (fixtures/atelier)", () => {
  it("validates with every planted mistake located, and nothing else", async () => {
    const { code, tuples, json } = await problems("fixtures/atelier");
    expect(code).toBe(1);
    // A proposition without an indicator (J3/groupe-3 row 4) or partners (J3/groupe-4 row 5) is
    // kept with a warning. Two files were added: a corrected version of J2/groupe-4 (amounts in
    // M FCFA) and group 3's J1 workbook reused on J3.
    expect(json.summary).toEqual({
      files: 14,
      rows: 77,
      accepted: 73,
      rejected: 4,
      errors: 5,
      // The Windows-1252 CSV of group 2 is a note (encoding-fallback, info), not a warning.
      warnings: 10,
    });
    expect(tuples).toEqual([
      ["J1/groupe-1-prevention.xlsx", "Bilan", 6, "H", "taux_realisation", "out-of-range"],
      ["J1/groupe-2-protection.csv", null, null, null, null, "encoding-fallback"],
      ["J1/groupe-2-protection.csv", null, 5, "I", "statut", "invalid-value"],
      ["J1/groupe-3-poursuites.xlsx", "Bilan", 7, "K", "budget_execute", "budget-overspent"],
      ["J1/groupe-4-coordination.csv", null, 4, "J", "budget_execute", "ambiguous-number"],
      ["J1/groupe-4-coordination.csv", null, 5, "B", "axe", "axis-code-mismatch"],
      ["J2/groupe-1-prevention.xlsx", "Constats", 8, null, null, "hidden-row"],
      ["J2/groupe-3-onudc-en.csv", null, 3, "C", "code_activite", "unknown-activity"],
      // `(M FCFA)` headers: once per column, at its header cell.
      ["J2/groupe-4-coordination-v2-corrige.xlsx", "Bilan", 3, "G", "budget_prevu", "unit-scaled"],
      [
        "J2/groupe-4-coordination-v2-corrige.xlsx",
        "Bilan",
        3,
        "H",
        "budget_execute",
        "unit-scaled",
      ],
      ["J2/groupe-4-coordination.xlsx", "Bilan", 4, "I", null, "unknown-column"],
      [
        "J3/groupe-1-prevention.ods",
        "Propositions",
        8,
        "I",
        "calendrier",
        "calendar-out-of-period",
      ],
      // The J1 workbook reused on J3 still says « Session : J1 »: the folder wins.
      [
        "J3/groupe-3-poursuites-bilan-revise.xlsx",
        "Identification",
        2,
        "B",
        "session",
        "session-mismatch",
      ],
      ["J3/groupe-3-poursuites.csv", null, 4, "E", "indicateur", "missing-expected"],
      ["J3/groupe-4-coordination.xlsx", "Identification", 5, "B", "date", "type-error"],
      ["J3/groupe-4-coordination.xlsx", "Propositions", 5, "F", "partenaires", "missing-expected"],
    ]);
  });

  it("reads each file's format, header row and metadata", async () => {
    const { validation: result } = await validateFiles(["fixtures/atelier"], {
      base: "fixtures/atelier",
    });
    const plan = result.references[0];
    const byPath = new Map(
      [...(plan ? [plan.report] : []), ...result.files].map((f) => [f.path, f]),
    );
    expect(byPath.get("J1/groupe-2-protection.csv")).toMatchObject({
      encoding: "windows-1252",
      delimiter: ";",
    });
    expect(byPath.get("J2/groupe-3-onudc-en.csv")).toMatchObject({
      encoding: "utf-8",
      delimiter: ",",
    });
    expect(byPath.get("J1/groupe-4-coordination.csv")?.sheets).toEqual([
      { name: null, kind: "bilan", headerRow: 2, rows: 5, accepted: 4, rejected: 1 },
    ]);
    expect(byPath.get("J1/groupe-1-prevention.xlsx")?.meta).toMatchObject({
      groupe: "Groupe 1",
      session: "J1",
    });
    // « Membres du groupe » as each group's Identification sheet gives it: the J3 .ods types
    // group 1's list one organisation per line (read joined by « ; »), group 4 adds one on J3.
    const g1 =
      "Direction nationale de la promotion de l'enfant et de la famille ; Cellule nationale de lutte contre la traite ; OIM ; Réseau des ONG de protection de l'enfance";
    const g4 =
      "Comité national de coordination de la lutte contre la traite ; Ministère de l'Économie et des Finances ; OIM ; ONUDC";
    expect(
      [...byPath.values()]
        .filter((f) => f.meta.membres !== undefined)
        .map((f) => [f.path, f.meta.membres]),
    ).toEqual([
      ["J1/groupe-1-prevention.xlsx", g1],
      [
        "J1/groupe-3-poursuites.xlsx",
        "Pôle judiciaire spécialisé ; Direction nationale des affaires judiciaires et du sceau ; Police nationale ; Gendarmerie nationale ; ONUDC",
      ],
      ["J2/groupe-1-prevention.xlsx", g1],
      [
        "J2/groupe-2-protection.xlsx",
        "Direction nationale du développement social ; Centres d'accueil des victimes ; OIM ; Association des juristes maliennes",
      ],
      ["J2/groupe-4-coordination-v2-corrige.xlsx", g4],
      ["J2/groupe-4-coordination.xlsx", g4],
      ["J3/groupe-1-prevention.ods", g1],
      [
        "J3/groupe-2-protection.xls",
        "Direction nationale du développement social ; Centres d'accueil des victimes ; OIM ; Association des juristes maliennes",
      ],
      [
        "J3/groupe-3-poursuites-bilan-revise.xlsx",
        "Pôle judiciaire spécialisé ; Direction nationale des affaires judiciaires et du sceau ; Police nationale ; Gendarmerie nationale ; ONUDC",
      ],
      [
        "J3/groupe-4-coordination.xlsx",
        "Comité national de coordination de la lutte contre la traite ; Ministère de l'Économie et des Finances ; Institut national de la statistique ; OIM ; ONUDC",
      ],
    ]);
    // The session folder wins over the session the reused workbook's Identification writes.
    expect(byPath.get("J3/groupe-3-poursuites-bilan-revise.xlsx")?.meta).toMatchObject({
      groupe: "Groupe 3",
      session: "J3",
    });
    // Two versions of group 4's J2 file, told apart by their Identification dates.
    expect(byPath.get("J2/groupe-4-coordination.xlsx")?.version?.date).toBe("2023-07-19");
    expect(byPath.get("J2/groupe-4-coordination-v2-corrige.xlsx")?.version?.date).toBe(
      "2023-07-20",
    );
    expect(byPath.get("plan-2018-2022.csv")?.sheets).toEqual([
      { name: null, kind: "reference", headerRow: 1, rows: 24, accepted: 24, rejected: 0 },
    ]);
    expect(plan?.activities).toHaveLength(24);
    expect(result.skipped.map((s) => [s.path, s.reason])).toEqual([
      ["atelier.config.json", "workshop-file"],
      ["plan-2018-2022.csv", "workshop-file"],
      ["README.md", "not-spreadsheet"],
    ]);
  });

  it("says after compiling where to look: each file's first problems at their cell", async () => {
    const out = mkdtempSync(join(tmpdir(), "atelier-sample-"));
    const r = await run("compile", "fixtures/atelier", "--out", out);
    const lines = r.out.split("\n");
    // Between the table (and what was passed over) and the accounting.
    const block = (all: string[]) =>
      all.slice(all.indexOf("") + 1, all.indexOf("", all.indexOf("") + 1));
    const n = (s: string) =>
      s.replace(/ (?=\d{3}\b)/g, "\u202f").replace(/(\d) FCFA\)/g, "$1\u00a0FCFA)");
    const problems = [
      "J1/groupe-1-prevention.xlsx",
      "    erreur Bilan!H6 « Taux de réalisation (%) » : 120 est hors limites (0 à 100) [out-of-range]",
      "J1/groupe-2-protection.csv",
      "    erreur I5 « Statut » : « Realsé » n'est pas une valeur autorisée [invalid-value]",
      "J1/groupe-3-poursuites.xlsx",
      n(
        "    attention Bilan!K7 Budget exécuté (41 500 000 FCFA) supérieur au budget prévu (35 000 000 FCFA) [budget-overspent]",
      ),
      "J1/groupe-4-coordination.csv",
      "    erreur J4 « Budget exécuté (FCFA) » : « 1.500 » est ambigu (séparateur de milliers ou virgule décimale ?) [ambiguous-number]",
      "    attention B5 L'activité 2.1.3 relève de l'axe 2 (Protection et assistance aux victimes), pas de l'axe 4 (Coordination, partenariat et suivi-évaluation) : l'activité est comptée sous l'axe du plan de référence [axis-code-mismatch]",
      "J2/groupe-1-prevention.xlsx",
      "    attention Constats!8:8 Ligne 8 masquée : elle est lue quand même [hidden-row]",
      "J2/groupe-3-onudc-en.csv",
      "    attention C3 L'activité 3.2.3 ne figure pas dans le plan de référence [unknown-activity]",
      "J2/groupe-4-coordination-v2-corrige.xlsx",
      n(
        "    attention Bilan!G3 Colonne « Budget prévu (M FCFA) » en millions de FCFA : les montants sont multipliés par 1 000 000 et arrondis au franc [unit-scaled]",
      ),
      n(
        "    attention Bilan!H3 Colonne « Budget exécuté (M FCFA) » en millions de FCFA : les montants sont multipliés par 1 000 000 et arrondis au franc [unit-scaled]",
      ),
      "J2/groupe-4-coordination.xlsx",
      "    attention Bilan!I4 Colonne « Groupe 4 : compléments au bilan du PAN 2018-2022 (J2) Observatons » inconnue : ses valeurs sont conservées mais non vérifiées [unknown-column]",
      "J3/groupe-1-prevention.ods",
      "    erreur Propositions!I8 « Calendrier » : 2028, 2029 hors de la période du plan (2023-2027) [calendar-out-of-period]",
      "J3/groupe-3-poursuites-bilan-revise.xlsx",
      "    attention Identification!B2 Le fichier indique la session « J1 » mais il est rangé dans le dossier J3 : la session J3 est retenue [session-mismatch]",
      "J3/groupe-3-poursuites.csv",
      "    attention E4 Champ « Indicateur » non renseigné : la proposition est gardée dans la matrice, case « à compléter » [missing-expected]",
      "J3/groupe-4-coordination.xlsx",
      "    erreur Identification!B5 « Date » : une date jour/mois/année (20/07/2023 ?) attendue, lu « 07/20/2023 » [type-error]",
      "    attention Propositions!F5 Champ « Partenaires » non renseigné : la proposition est gardée dans la matrice, case « à compléter » [missing-expected]",
    ];
    expect(block(lines)).toEqual(problems);
    // The plan, read as such, and group 2's CSV in Windows-1252: a note, not a warning.
    expect(lines.slice(0, 4)).toEqual([
      "Fichier                                              Fiches  Lues  Acceptées  Rejetées  Erreurs  Avert.",
      "plan-2018-2022.csv                        plan de référence    24         24         0        0       0",
      "J1/groupe-1-prevention.xlsx                           bilan     4          3         1        1       0",
      "J1/groupe-2-protection.csv                            bilan     5          4         1        1       0",
    ]);
    expect(lines).toContain(
      "Activités du plan non évaluées : 5 — aucune évaluation : 1.1.3, 1.3.1, 2.2.3, 3.3.1, 4.2.1",
    );
    // With --all, each problem has its fix under it.
    const all = block(
      (await run("compile", "fixtures/atelier", "--out", out, "--all")).out.split("\n"),
    );
    expect(all.filter((l) => !l.startsWith("        → "))).toEqual(problems);
    expect(all.slice(2, 6)).toEqual([
      "J1/groupe-2-protection.csv",
      "    erreur I5 « Statut » : « Realsé » n'est pas une valeur autorisée [invalid-value]",
      "        → Valeurs autorisées : Réalisé, Partiellement réalisé, En cours, Non réalisé, Abandonné — vouliez-vous dire « Réalisé » ?",
      "J1/groupe-3-poursuites.xlsx",
    ]);
  });

  it("compiles to the expected consolidation", async () => {
    const out = mkdtempSync(join(tmpdir(), "atelier-sample-"));
    const { consolidation: c } = await compileWorkshop("fixtures/atelier", { out });
    // One conflict (4.1.2, groups 3 and 4 in J2); the other activities assessed twice are assessed
    // by one group, in two sessions (updates) or twice alike (duplicates); two rows replaced by a
    // newer version of their file.
    expect(c.summary).toEqual({
      files: 14,
      rows: { read: 77, accepted: 73, rejected: 4, duplicates: 2, replaced: 2 },
      // 4.1.2: groups 3 and 4 disagree on it in J2.
      conflicts: 1,
      updates: 3,
      errors: 5,
      // The Windows-1252 CSV of group 2 is a note (encoding-fallback, info), not a warning.
      warnings: 10,
    });
    expect(
      c.bilan.map((b) => [
        b.code_activite,
        b.axe,
        b.statut,
        b.taux_realisation,
        b.budget_prevu,
        b.budget_execute,
      ]),
    ).toEqual([
      ["1.1.1", "PREV", "partiel", 45, 60000000, 27000000],
      ["1.1.2", "PREV", "partiel", 60, 15000000, 9000000],
      ["1.2.1", "PREV", "partiel", 50, 20000000, 6000000],
      ["1.2.2", "PREV", "non_realise", 0, 10000000, 0],
      ["2.1.1", "PROT", "realise", 100, 12000000, 11500000],
      ["2.1.2", "PROT", "partiel", 40, 18000000, 7500000],
      // Group 4 wrote it under COOR; the plan puts it under PROT (axis-code-mismatch), where it counts.
      ["2.1.3", "PROT", "en_cours", 25, 10000000, 2000000],
      ["2.2.1", "PROT", "partiel", 35, 150000000, 48000000],
      ["2.2.2", "PROT", "realise", 100, 30000000, 29000000],
      ["2.3.1", "PROT", "realise", 100, 40000000, 38000000],
      ["3.1.1", "POUR", "realise", 100, 25000000, 24500000],
      ["3.1.2", "POUR", "partiel", 75, 12000000, 9000000],
      ["3.1.3", "POUR", "partiel", 70, 8000000, 6500000],
      ["3.2.1", "POUR", "realise", 100, 35000000, 41500000],
      ["3.2.2", "POUR", "non_realise", 0, 20000000, 0],
      ["3.2.3", "POUR", "partiel", 40, 15000000, 6000000],
      ["4.1.1", "COOR", "realise", 100, 30000000, 28750000],
      // groups 3 and 4 disagree in J2: the more conservative status, with its own rate
      ["4.1.2", "COOR", "en_cours", 25, 24000000, 1500000],
      ["4.2.2", "COOR", "non_realise", 0, 45000000, 0],
      ["4.3.1", "COOR", "en_cours", 25, 20000000, 2500000],
      ["4.4.1", "COOR", "realise", 100, 5000000, 5000000],
    ]);
    // Same group, later session: an update, not a conflict. 1.2.1: "En cours / 30" on J1,
    // "Partiellement réalisé / 50" on J2. 3.1.2 and 3.1.3: group 3's J1 workbook reused on J3
    // (« Session : J1 » in it, J3 by its folder).
    // Different groups, same session: a conflict. 4.1.2: group 3 says « Ongoing 25 », group 4
    // « Partiellement réalisé 50 »; the more conservative status wins and brings its own rate.
    expect(
      c.conflits.map((k) => [
        k.key,
        k.field,
        k.chosen,
        k.rule,
        k.follows,
        k.versions.map((v) => [v.value, v.source.groupe, v.source.file, v.source.row]),
      ]),
    ).toEqual([
      [
        "4.1.2",
        "statut",
        "en_cours",
        "conservative-status",
        undefined,
        [
          ["en_cours", "Groupe 3", "J2/groupe-3-onudc-en.csv", 4],
          ["partiel", "Groupe 4", "J2/groupe-4-coordination.xlsx", 5],
        ],
      ],
      [
        "4.1.2",
        "taux_realisation",
        25,
        "conservative-status",
        "statut",
        [
          [25, "Groupe 3", "J2/groupe-3-onudc-en.csv", 4],
          [50, "Groupe 4", "J2/groupe-4-coordination.xlsx", 5],
        ],
      ],
    ]);
    expect(
      c.mises_a_jour.map((u) => [
        u.key,
        u.field,
        u.groupe,
        u.previous.value,
        u.previous.source.session,
        u.value,
        u.source.session,
      ]),
    ).toEqual([
      ["1.2.1", "statut", "Groupe 1", "en_cours", "J1", "partiel", "J2"],
      ["1.2.1", "taux_realisation", "Groupe 1", 30, "J1", 50, "J2"],
      // written with the J1 « En cours »: it goes with that assessment
      [
        "1.2.1",
        "difficultes",
        "Groupe 1",
        "Réticence de certains maîtres coraniques",
        "J1",
        null,
        "J2",
      ],
      [
        "3.1.2",
        "resultat",
        "Groupe 3",
        "10 sessions tenues (Bamako, Kayes, Sikasso, Ségou, Mopti)",
        "J1",
        "12 sessions tenues (Bamako, Kayes, Sikasso, Ségou, Mopti, Gao)",
        "J3",
      ],
      ["3.1.2", "taux_realisation", "Groupe 3", 60, "J1", 75, "J3"],
      ["3.1.2", "budget_execute", "Groupe 3", 7200000, "J1", 9000000, "J3"],
      [
        "3.1.3",
        "resultat",
        "Groupe 3",
        "Avant-projet élaboré, non encore adopté",
        "J1",
        "Avant-projet transmis au Secrétariat général du Gouvernement",
        "J3",
      ],
      ["3.1.3", "statut", "Groupe 3", "en_cours", "J1", "partiel", "J3"],
      ["3.1.3", "taux_realisation", "Groupe 3", 50, "J1", 70, "J3"],
      ["3.1.3", "budget_execute", "Groupe 3", 5000000, "J1", 6500000, "J3"],
      [
        "3.1.3",
        "observations",
        "Groupe 3",
        "Processus suspendu depuis 2021",
        "J1",
        "Processus relancé en 2022",
        "J3",
      ],
    ]);
    // The re-submitted file: J2/groupe-4-coordination-v2-corrige.xlsx (dated 20/07) replaces
    // J2/groupe-4-coordination.xlsx (19/07) for the two rows it holds; 4.1.2 and five findings,
    // which it does not hold, stay from the older version.
    const v1 = "J2/groupe-4-coordination.xlsx";
    const v2 = "J2/groupe-4-coordination-v2-corrige.xlsx";
    const g4 = { groupe: "Groupe 4", session: "J2" };
    expect(c.remplacees).toEqual([
      {
        kind: "bilan",
        key: "4.3.1",
        source: { file: v1, sheet: "Bilan", row: 6, ...g4 },
        by: { file: v2, sheet: "Bilan", row: 4, ...g4 },
      },
      {
        kind: "constats",
        key: "Absence de données statistiques fiables sur la traite des personnes",
        source: { file: v1, sheet: "Constats", row: 5, ...g4 },
        by: { file: v2, sheet: "Constats", row: 4, ...g4 },
      },
    ]);
    const b431 = c.bilan.find((b) => b.code_activite === "4.3.1");
    expect(b431?.sources).toEqual([{ file: v2, sheet: "Bilan", row: 4, ...g4 }]);
    // Its budgets are headed « (M FCFA) »: 20 and 2,5 are read in FCFA.
    expect([b431?.budget_prevu, b431?.budget_execute]).toEqual([20000000, 2500000]);
    // 4.1.2, which the correction does not hold, stays from the older file (with group 3's row).
    expect(c.bilan.find((b) => b.code_activite === "4.1.2")?.sources).toEqual([
      { file: "J2/groupe-3-onudc-en.csv", sheet: null, row: 4, groupe: "Groupe 3", session: "J2" },
      { file: v1, sheet: "Bilan", row: 5, ...g4 },
    ]);
    expect(c.non_evalues).toEqual(["1.1.3", "1.3.1", "2.2.3", "3.3.1", "4.2.1"]);
    // POUR follows 3.1.2 and 3.1.3 as updated on J3; COOR follows 4.3.1 as corrected and 4.1.2
    // as settled (« En cours », 25 %); 2.1.3 counts under PROT, its axis in the plan: PROT
    // (3,75 + 0,25) / 6, budget 136 M / 260 M; COOR 1,5 / 4, budget 32,75 M / 119 M.
    expect(c.indicateurs).toEqual({
      taux_realisation: {
        global: 0.545,
        par_axe: { PREV: 0.3875, PROT: 0.666667, POUR: 0.641667, COOR: 0.375 },
      },
      execution_budgetaire: {
        global: 0.497913,
        par_axe: { PREV: 0.4, PROT: 0.523077, POUR: 0.76087, COOR: 0.27521 },
      },
    });
    const clusters = new Map<string, string[]>();
    for (const k of c.constats)
      clusters.set(k.cluster ?? "", [...(clusters.get(k.cluster ?? "") ?? []), k.constat ?? ""]);
    expect([...clusters.values()].filter((v) => v.length > 1)).toEqual([
      [
        "Insuffisance des ressources financières allouées à la prévention",
        "insuffisance des ressources financieres allouees",
        "Insuffisance des ressources financières allouées à la justice",
        "Insuffisance des ressources financières allouées au CNLTP",
      ],
      [
        "Insuffisance des centres d'accueil pour les victimes de traite",
        "Manque de centres d'accueil pour les victimes de traite",
      ],
      [
        "Coordination insuffisante entre les acteurs de la chaîne pénale",
        "Faible coordination des acteurs de la chaîne pénale",
        "faible coordination des acteurs de la chaine penale",
      ],
      [
        "Absence de données fiables sur la traite des personnes",
        "Absence de données statistiques fiables sur la traite des personnes",
      ],
    ]);
    // The cross-cutting weakness: four groups, four axes, one cluster id.
    const money = c.constats.filter((k) =>
      /^insuffisance des ressources financi/i.test(k.constat ?? ""),
    );
    expect(
      money.map((k) => [k.axe, k.type, k.sources.map((s) => `${s.groupe} ${s.file}:${s.row}`)]),
    ).toEqual([
      ["PREV", "faiblesse", ["Groupe 1 J2/groupe-1-prevention.xlsx:10"]],
      ["PROT", "faiblesse", ["Groupe 2 J2/groupe-2-protection.xlsx:9"]],
      ["POUR", "faiblesse", ["Groupe 3 J1/groupe-3-poursuites.xlsx:11"]],
      ["COOR", "faiblesse", ["Groupe 4 J2/groupe-4-coordination.xlsx:6"]],
    ]);
    expect(new Set(money.map((k) => k.cluster)).size).toBe(1);
    expect(money[0]?.cluster).toMatch(/^c\d+$/);
    // Read from files saved by LibreOffice: per-year X columns, partner lists, enums, amounts.
    const fromLibreOffice = c.propositions
      .filter((p) => p.sources[0]?.file === "J3/groupe-2-protection.xls")
      .map((p) => [
        p.sources[0]?.row,
        p.calendrier,
        p.cout,
        p.partenaires,
        p.priorite,
        p.nature,
        p.code_activite_origine,
      ]);
    expect(fromLibreOffice).toEqual([
      [5, [2023, 2024], 120000000, ["OIM", "UNICEF"], "haute", "reconduite", "2.2.1"],
      [
        6,
        [2023, 2024, 2025, 2026, 2027],
        60000000,
        ["OIM", "ONUDC", "UNICEF"],
        "haute",
        "reformulee",
        "2.1.2",
      ],
      [7, [2024, 2025], 35000000, ["OIM"], "moyenne", "reconduite", "2.1.3"],
      [
        8,
        [2024, 2025, 2026, 2027],
        80000000,
        ["Organisations de la société civile", "OIM"],
        "haute",
        "nouvelle",
        null,
      ],
      [9, [2023], 15000000, ["UNICEF"], "moyenne", "nouvelle", null],
    ]);
    // The reused workbook's rows are J3 rows: its folder, not its Identification sheet.
    const b312 = c.bilan.find((b) => b.code_activite === "3.1.2");
    expect(b312?.sources).toEqual([
      {
        file: "J1/groupe-3-poursuites.xlsx",
        sheet: "Bilan",
        row: 5,
        groupe: "Groupe 3",
        session: "J1",
      },
      {
        file: "J3/groupe-3-poursuites-bilan-revise.xlsx",
        sheet: "Bilan",
        row: 4,
        groupe: "Groupe 3",
        session: "J3",
      },
    ]);
    expect(
      c.bilan
        .flatMap((b) => b.sources)
        .filter((s) => s.file === "J3/groupe-3-poursuites-bilan-revise.xlsx")
        .map((s) => [s.row, s.session]),
    ).toEqual([
      [4, "J3"],
      [5, "J3"],
    ]);
  });

  it("compiles to byte-identical files twice", async () => {
    const a = mkdtempSync(join(tmpdir(), "atelier-a-"));
    const b = mkdtempSync(join(tmpdir(), "atelier-b-"));
    process.env.SOURCE_DATE_EPOCH = "1689811200";
    try {
      await compileWorkshop("fixtures/atelier", { out: a });
      await compileWorkshop("fixtures/atelier", { out: b });
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
    // The list notes when each file was written, to tell a file changed since.
    const files = readdirSync(a, { recursive: true, encoding: "utf8" }).filter(
      (f) => f !== ".atelier-sortie.json" && statSync(join(a, f)).isFile(),
    );
    // The feedback sheets of the sample's four groups are among them.
    expect(files.filter((f) => f.startsWith("retours")).length).toBe(8);
    for (const f of files)
      expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
  });
});

describe("fixtures/invalid: one defect per file", () => {
  const expected: Record<string, Tuple[]> = {
    "ambiguous-number.csv": [["", null, 2, "H", "budget_execute", "ambiguous-number"]],
    "axis-code-mismatch.csv": [["", null, 4, "A", "axe", "axis-code-mismatch"]],
    "blank-header.csv": [["", null, 1, "J", null, "blank-header"]],
    "budget-overspent.csv": [["", null, 2, "H", "budget_execute", "budget-overspent"]],
    "calendar-out-of-period.csv": [["", null, 3, "G", "calendrier", "calendar-out-of-period"]],
    "cell-error.xlsx": [["", "Bilan", 3, "H", "budget_execute", "cell-error"]],
    "corrupt.xlsx": [["", null, null, null, null, "file-unreadable"]],
    // A warning now: the stated cost is kept.
    "cost-split-mismatch.csv": [["", null, 4, "L", "cout", "cost-split-mismatch"]],
    "date-mm-dd.xlsx": [["", "Identification", 4, "B", "date", "type-error"]],
    "duplicate-activity.csv": [["", null, 4, "B", "code_activite", "duplicate-activity"]],
    "duplicate-column.csv": [["", null, 1, "J", "observations", "duplicate-column"]],
    "encoding-fallback.csv": [["", null, null, null, null, "encoding-fallback"]],
    "extra-cell.csv": [["", null, 3, "J", null, "extra-cell"]],
    "formula-no-cached-value.xlsx": [
      ["", "Bilan", 4, "G", "budget_prevu", "formula-no-cached-value"],
    ],
    "header-not-found.csv": [["", null, null, null, null, "header-not-found"]],
    "hidden-row.xlsx": [["", "Bilan", 3, null, null, "hidden-row"]],
    "hidden-sheet.xlsx": [["", "Bilan (ancien)", null, null, null, "hidden-sheet"]],
    "invalid-axis.csv": [["", null, 4, "A", "axe", "invalid-value"]],
    "invalid-statut.csv": [["", null, 2, "E", "statut", "invalid-value"]],
    "missing-column.csv": [["", null, 1, null, "statut", "missing-column"]],
    "missing-origin.csv": [["", null, 3, "K", "code_activite_origine", "missing-origin"]],
    "missing-value.csv": [["", null, 3, "C", "activite", "missing-value"]],
    "negative-amount.csv": [["", null, 4, "H", "budget_execute", "out-of-range"]],
    "out-of-range-taux.csv": [["", null, 3, "F", "taux_realisation", "out-of-range"]],
    "rate-status-mismatch.csv": [["", null, 4, "F", "taux_realisation", "rate-status-mismatch"]],
    "type-error-amount.csv": [["", null, 3, "G", "budget_prevu", "type-error"]],
    "unknown-column.csv": [["", null, 1, "D", null, "unknown-column"]],
    "texte-renomme.ods": [["", null, null, null, null, "file-unreadable"]],
  };

  it.each(Object.entries(expected))("%s", async (file, tuples) => {
    const { tuples: got, code, json } = await problems(`fixtures/invalid/${file}`);
    expect(got.map(([, ...rest]) => ["", ...rest])).toEqual(tuples);
    const errors = tuples.filter(
      ([, , , , , c]) => json.files[0]?.problems.find((p) => p.code === c)?.severity === "error",
    );
    expect(code).toBe(errors.length > 0 ? 1 : 0);
  });

  it("each file of the folder is there for a reason", () => {
    const files = readdirSync("fixtures/invalid").filter((f) => f !== "README.md");
    const named = [...Object.keys(expected), "not-a-spreadsheet.pdf"];
    expect(files.sort()).toEqual(named.sort());
  });

  it.each([["not-a-spreadsheet.pdf", "ce n'est pas un tableur"]])(
    "%s named alone: one line, exit 2",
    async (file, words) => {
      const r = await run("validate", `fixtures/invalid/${file}`);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toContain(words);
    },
  );

  it("in a folder scan, a renamed text is an error of its own and the PDF is listed as skipped", async () => {
    const { json } = await problems("fixtures/invalid");
    const codes = (name: string) =>
      json.files.find((f) => f.path.endsWith(name))?.problems.map((p) => p.code);
    expect(codes("texte-renomme.ods")).toEqual(["file-unreadable"]);
    expect(json.skipped.map((s) => [s.path.split("/").pop(), s.reason])).toEqual([
      ["not-a-spreadsheet.pdf", "not-spreadsheet"],
      ["README.md", "not-spreadsheet"],
    ]);
    expect(json.summary).toEqual({
      files: 28,
      rows: 75,
      accepted: 60,
      rejected: 15,
      errors: 17,
      // encoding-fallback.csv, read right as Windows-1252, is a note (info), not a warning.
      warnings: 10,
    });
  });
});

describe("fixtures/valid", () => {
  it("validates with no error and no warning", async () => {
    const { code, tuples, json } = await problems("fixtures/valid");
    expect(code).toBe(0);
    expect(tuples).toEqual([]);
    expect(json.summary).toEqual({
      files: 6,
      rows: 24,
      accepted: 24,
      rejected: 0,
      errors: 0,
      warnings: 0,
    });
    expect((await run("validate", "fixtures/valid", "--strict")).code).toBe(0);
  });
});
