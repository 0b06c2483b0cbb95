import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { retoursOf } from "../src/analysis/retours.js";
import { defaultConfig } from "../src/config.js";
import { issue } from "../src/issues.js";
import type { FileReport } from "../src/model.js";
import { arbitragesWorkbook } from "../src/render/followups.js";
import { fillInLibreOffice, soffice } from "./helpers/libreoffice.js";
import { BILAN_HEADER, PLAN, PLANNED_CONFIG, run, workshop } from "./helpers/workshop.js";

/**
 * Issue 14, parts 6 and 7: what a compile hands the rapporteur to act on. The disagreements to
 * settle (`arbitrages-a-faire.xlsx`, read back as `resolutions.xlsx`) and one feedback sheet per
 * group with problems (`retours/`).
 */

const HEADER = `Groupe;${BILAN_HEADER}`;
const hasSoffice = spawnSync("soffice", ["--version"], { stdio: "ignore" }).status === 0;

/**
 * Two groups of one session disagree on 1.1.1's status (and so its rate) and on 1.1.2's
 * planned budget; a third group has one rejected row and one warning.
 */
function sample(extra: Record<string, string | Buffer> = {}) {
  return workshop({
    "atelier.config.json": PLANNED_CONFIG,
    "plan.csv": PLAN,
    "J2/groupe-1.csv": `${HEADER}Groupe 1;1;1.1.1;Sensibiliser;Réalisé;100;;\r\nGroupe 1;1;1.1.2;Former;En cours;50;1 000 000;400 000\r\n`,
    "J2/groupe-2.csv": `${HEADER}Groupe 2;1;1.1.1;Sensibiliser;En cours;40;;\r\nGroupe 2;1;1.1.2;Former;En cours;50;1 500 000;400 000\r\n`,
    "J2/groupe-3.csv": `${HEADER}Groupe 3;2;2.1.1;Assister;Realsé;;;\r\nGroupe 3;2;2.1.2;Héberger;En cours;30;100;900\r\n`,
    ...extra,
  });
}

const read = (dir: string, name: string) => readFileSync(join(dir, "sortie", name), "utf8");
const json = (dir: string, name: string) => JSON.parse(read(dir, name));

/** The status line of 1.1.1 and the budget line of 1.1.2, as they read on the first compile. */
const OPEN_LINES = [
  "1.1.1;Sensibiliser;Statut;Réalisé (Groupe 1, J2) | En cours (Groupe 2, J2);En cours (même session : le statut le plus prudent l'emporte);;",
  "1.1.2;Former;Budget prévu;1\u202f000\u202f000\u00a0FCFA (Groupe 1, J2) | 1\u202f500\u202f000\u00a0FCFA (Groupe 2, J2);1\u202f500\u202f000\u00a0FCFA (même session : la valeur la plus prudente l'emporte);;",
];

describe("arbitrages-a-faire: the disagreements left to the rapporteur", () => {
  it("lists each disagreement a rule settled, its groups' values, and an empty Valeur", async () => {
    const dir = sample();
    const r = await run("compile", dir);
    expect(r.code).toBe(0);
    expect(read(dir, "arbitrages-a-faire.csv")).toBe(
      `\uFEFFCode activité;Activité;Champ;Valeurs des groupes;Retenue sans arbitrage;Valeur;Motif\r\n${OPEN_LINES.join("\r\n")}\r\n`,
    );
    expect(r.out).toContain(
      "2 divergences à trancher : remplissez arbitrages-a-faire.xlsx et enregistrez-le sous le nom resolutions.xlsx dans le dossier de l'atelier",
    );
    // The rate follows the status: it is in conflits.csv, not a second decision to make.
    expect(json(dir, "consolidation.json").conflits.map((k: { field: string }) => k.field)).toEqual(
      ["statut", "taux_realisation", "budget_prevu"],
    );
  });

  it("offers the choices in a dropdown: a closed list whole, else the groups' values", async () => {
    const dir = sample();
    await run("compile", dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "sortie", "arbitrages-a-faire.xlsx"));
    expect(wb.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      ["Arbitrages", "visible"],
      ["Listes", "hidden"],
      ["Mode d'emploi", "visible"],
    ]);
    const ws = wb.getWorksheet("Arbitrages") as ExcelJS.Worksheet;
    const lists = wb.getWorksheet("Listes") as ExcelJS.Worksheet;
    expect(ws.getCell("F2").dataValidation).toMatchObject({
      type: "list",
      formulae: ["'Listes'!$A$1:$E$1"],
      errorStyle: "warning",
    });
    expect(ws.getCell("F3").dataValidation.formulae).toEqual(["'Listes'!$A$2:$B$2"]);
    expect(lists.getRow(1).values).toEqual([
      undefined,
      "Réalisé",
      "Partiellement réalisé",
      "En cours",
      "Non réalisé",
      "Abandonné",
    ]);
    expect(lists.getRow(2).values).toEqual([undefined, "1000000", "1500000"]);
  });

  it.skipIf(!hasSoffice)(
    "filled in LibreOffice and saved as resolutions.xlsx, is applied on the next compile",
    async () => {
      const dir = sample();
      await run("compile", dir);
      fillInLibreOffice(
        join(dir, "sortie", "arbitrages-a-faire.xlsx"),
        join(dir, "resolutions.xlsx"),
        { F2: "Réalisé", G2: "Rapport d'activité du ministère", F3: "1200000" },
      );
      const check = await run("validate", join(dir, "resolutions.xlsx"), "--format", "json");
      const file = JSON.parse(check.out).files.find((f: { path: string }) =>
        f.path.endsWith("resolutions.xlsx"),
      );
      expect(
        file.sheets.map((s: { name: string; kind: string | null }) => [s.name, s.kind]),
      ).toEqual(
        // The hidden lists and the instructions are helper sheets, passed over.
        [["Arbitrages", "resolutions"]],
      );
      expect(file.problems).toEqual([]);
      const r = await run("compile", dir);
      expect(r.out).toContain("2 arbitrages du rapporteur appliqués (resolutions.xlsx ou .csv)");
      expect(r.out).not.toContain("à trancher");
      const c = json(dir, "consolidation.json");
      expect(
        c.conflits.map((k: { field: string; chosen: unknown; rule: string; motif?: string }) => [
          k.field,
          k.chosen,
          k.rule,
          k.motif ?? null,
        ]),
      ).toEqual([
        ["statut", "realise", "resolution", "Rapport d'activité du ministère"],
        ["taux_realisation", 100, "resolution", null],
        ["budget_prevu", 1_200_000, "resolution", null],
      ]);
      // What the rule would have kept is said beside the decision.
      expect(c.conflits[0].byRule).toEqual({ chosen: "en_cours", rule: "conservative-status" });
      // The next list repeats the decisions, filled in: saved again, it keeps them.
      expect(read(dir, "arbitrages-a-faire.csv").split("\r\n").slice(1, 3)).toEqual([
        "1.1.1;Sensibiliser;Statut;Réalisé (Groupe 1, J2) | En cours (Groupe 2, J2);En cours (même session : le statut le plus prudent l'emporte);Réalisé;Rapport d'activité du ministère",
        "1.1.2;Former;Budget prévu;1\u202f000\u202f000\u00a0FCFA (Groupe 1, J2) | 1\u202f500\u202f000\u00a0FCFA (Groupe 2, J2);1\u202f500\u202f000\u00a0FCFA (même session : la valeur la plus prudente l'emporte);1200000;",
      ]);
    },
    120_000,
  );

  it("Resolutions.xlsx, whatever its case, is the resolutions file; conflits.csv gives the motif", async () => {
    const dir = sample();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Arbitrages").addRows([
      ["Code activité", "Champ", "Valeur", "Motif"],
      ["1.1.1", "Statut", "Réalisé", "Vu sur place"],
    ]);
    await wb.xlsx.writeFile(join(dir, "Resolutions.xlsx"));
    const r = await run("compile", dir);
    expect(r.out).toContain("1 arbitrage du rapporteur appliqué");
    expect(r.out).not.toContain("Fiches de retour pour 2");
    const conflits = read(dir, "conflits.csv").split("\r\n");
    expect(conflits[0]).toBe(
      "\uFEFFType de fiche;Activité;Champ;Valeur retenue;Règle;Motif;Version;Source;Groupe;Session",
    );
    expect(conflits[1]).toBe(
      "Bilan;1.1.1;Statut;Réalisé;arbitrage du rapporteur;Vu sur place;Réalisé;J2/groupe-1.csv:2;Groupe 1;J2",
    );
  });

  it("decisions typed into sortie/arbitrages-a-faire.xlsx are kept, with what to do", async () => {
    const dir = sample();
    await run("compile", dir);
    const made = join(dir, "sortie", "arbitrages-a-faire.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(made);
    (wb.getWorksheet("Arbitrages") as ExcelJS.Worksheet).getCell("F2").value = "Réalisé";
    await wb.xlsx.writeFile(made);
    const typed = readFileSync(made);
    const r = await run("compile", dir);
    expect(r.out).toContain(
      "arbitrages-a-faire.xlsx a été modifié depuis qu'atelier l'a écrit : il est gardé sous le nom « arbitrages-a-faire (modifié).xlsx » (un nouveau arbitrages-a-faire.xlsx est écrit).\n    Pour appliquer les arbitrages qu'il contient, enregistrez-le sous le nom resolutions.xlsx dans le dossier de l'atelier, puis relancez la compilation.\n",
    );
    expect(readFileSync(join(dir, "sortie", "arbitrages-a-faire (modifié).xlsx"))).toEqual(typed);
  });

  it("a line left blank is not decided yet; a reason without its value is said with its line", async () => {
    const dir = sample({
      "resolutions.csv":
        "Code activité;Champ;Valeur;Motif\r\n1.1.1;Statut;;\r\n1.1.2;Budget prévu;;Vu avec le groupe 2\r\n",
    });
    const r = await run("compile", dir);
    expect(r.out).toContain(
      "resolutions.csv         arbitrages     2          1         1        1       0",
    );
    expect(r.out).toContain(
      "resolutions.csv\n    erreur C3 Un motif est donné pour « Budget prévu (FCFA) » de l'activité 1.1.2, mais pas de valeur : rien n'est tranché [resolution-without-value]\n        → Indiquez la valeur retenue dans la colonne Valeur, ou effacez le motif\n",
    );
    expect(r.out).toContain("2 divergences à trancher");
    const journal = json(dir, "journal.json");
    const file = journal.files.find((f: { path: string }) => f.path === "resolutions.csv");
    expect(
      file.problems.map((i: { code: string; row: number; column: string }) => [
        i.code,
        i.row,
        i.column,
      ]),
    ).toEqual([["resolution-without-value", 3, "C"]]);
    const v = await run("validate", join(dir, "resolutions.csv"));
    expect(v.code).toBe(1);
    expect(v.out).toContain(
      "erreur C3 Un motif est donné pour « Budget prévu (FCFA) » de l'activité 1.1.2, mais pas de valeur : rien n'est tranché [resolution-without-value]",
    );
  });

  it("with resolutions.csv and resolutions.xlsx, both apply; the newer one wins a disagreement, said at its line", async () => {
    const dir = sample({
      "resolutions.csv":
        "Code activité;Champ;Valeur;Motif\r\n1.1.1;Statut;Réalisé;\r\n1.1.2;Budget prévu;1 000 000;\r\n",
    });
    const csv = join(dir, "resolutions.csv");
    utimesSync(csv, new Date("2023-07-19T10:00:00Z"), new Date("2023-07-19T10:00:00Z"));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Arbitrages");
    ws.addRows([
      ["Code activité", "Champ", "Valeur", "Motif"],
      ["1.1.1", "Statut", "Réalisé", "Même décision"],
      ["1.1.2", "Budget prévu", "1500000", "Budget révisé"],
    ]);
    await wb.xlsx.writeFile(join(dir, "resolutions.xlsx"));
    const r = await run("compile", dir);
    const c = json(dir, "consolidation.json");
    expect(
      c.conflits
        .filter((k: { rule: string }) => k.rule === "resolution")
        .map((k: { field: string; chosen: unknown }) => [k.field, k.chosen]),
    ).toEqual([
      ["statut", "realise"],
      ["taux_realisation", 100],
      ["budget_prevu", 1_500_000],
    ]);
    const issues = json(dir, "journal.json")
      .files.filter((f: { path: string }) => f.path.startsWith("resolutions."))
      .flatMap((f: { problems: { code: string; file: string; row: number; message: string }[] }) =>
        f.problems.map((i) => [i.code, i.file, i.row, i.message]),
      );
    expect(issues).toEqual([
      [
        "resolution-overridden",
        "resolutions.xlsx",
        3,
        "« Budget prévu (FCFA) » de l'activité 1.1.2 est tranché autrement dans resolutions.csv:3 : cette ligne, d'un fichier plus récent, l'emporte",
      ],
    ]);
    expect(r.out).toContain("2 arbitrages du rapporteur appliqués");
  });
});

describe("arbitragesWorkbook: one list per kind of choice", () => {
  it("lines that share their choices share one list and one dropdown", async () => {
    const line = (key: string, champ: string, choices: string[]) => ({
      key,
      activite: null,
      champ,
      versions: "",
      retenue: "",
      choices,
      valeur: null,
      motif: null,
    });
    const statuses = ["Réalisé", "En cours"];
    const bytes = await arbitragesWorkbook(
      [
        line("1.1.1", "Statut", statuses),
        line("1.1.2", "Statut", statuses),
        line("1.1.3", "Budget prévu", ["10", "20"]),
        line("1.1.4", "Statut", statuses),
      ],
      defaultConfig(process.cwd()),
      "fr",
      new Date(0),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Arbitrages") as ExcelJS.Worksheet;
    expect(["F2", "F3", "F4", "F5"].map((a) => ws.getCell(a).dataValidation.formulae)).toEqual([
      ["'Listes'!$A$1:$B$1"],
      ["'Listes'!$A$1:$B$1"],
      ["'Listes'!$A$2:$B$2"],
      ["'Listes'!$A$1:$B$1"],
    ]);
    expect((wb.getWorksheet("Listes") as ExcelJS.Worksheet).rowCount).toBe(2);
  });
});

describe("a copy of arbitrages-a-faire in the workshop folder", () => {
  it("is passed over with what to do, never read as a group's file", async () => {
    const dir = sample();
    await run("compile", dir);
    const made = join(dir, "sortie", "arbitrages-a-faire.xlsx");
    copyFileSync(made, join(dir, "arbitrages-a-faire.xlsx"));
    copyFileSync(made, join(dir, "J2", "arbitrages-a-faire (1).xlsx"));
    const r = await run("compile", dir);
    const note =
      "(arbitrages à faire : une fois rempli, enregistrez-le sous le nom resolutions.xlsx dans le dossier de l'atelier pour qu'il s'applique)";
    expect(r.out).toContain(`    arbitrages-a-faire.xlsx ${note}\n`);
    expect(r.out).toContain(`    J2/arbitrages-a-faire (1).xlsx ${note}\n`);
    expect(json(dir, "consolidation.json").summary.files).toBe(3);
    expect(readdirSync(join(dir, "sortie", "retours"))).toEqual(["Groupe 3.csv", "Groupe 3.xlsx"]);
  });
});

describe("retours/: a correction sheet per group with problems", () => {
  it("gives each group with problems its sheet, in French, and none to a clean group", async () => {
    const dir = sample();
    const r = await run("compile", dir);
    expect(readdirSync(join(dir, "sortie", "retours")).sort()).toEqual([
      "Groupe 3.csv",
      "Groupe 3.xlsx",
    ]);
    expect(r.out).toContain("Fiches de retour pour 1 groupe (retours/) : Groupe 3");
    expect(r.out).toContain("retours/ (2 fichiers)");
    expect(read(dir, "retours/Groupe 3.csv")).toBe(
      [
        "\uFEFFFichier;Feuille;Cellule;Gravité;Valeur lue;Problème;Correction",
        "J2/groupe-3.csv;;E2;erreur;Realsé;« Statut » : « Realsé » n'est pas une valeur autorisée;Valeurs autorisées : Réalisé, Partiellement réalisé, En cours, Non réalisé, Abandonné — vouliez-vous dire « Réalisé » ?",
        "J2/groupe-3.csv;;H3;avertissement;900;Budget exécuté (900\u00a0FCFA) supérieur au budget prévu (100\u00a0FCFA);Vérifiez les deux montants",
        "",
      ].join("\r\n"),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "sortie", "retours", "Groupe 3.xlsx"));
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell("A1").value).toBe(
      `Fiche de retour — Groupe 3 — ${json(dir, "consolidation.json").title}`,
    );
    expect(ws.getCell("A2").value).toBe(
      "À corriger avant la prochaine session : 1 erreur (la ligne n'est pas dans les résultats tant qu'elle n'est pas corrigée), 1 avertissement (la ligne est comptée ; vérifiez la valeur).",
    );
    expect(ws.getRow(4).values).toEqual([
      undefined,
      "J2/groupe-3.csv",
      undefined,
      "E2",
      "erreur",
      "Realsé",
      "« Statut » : « Realsé » n'est pas une valeur autorisée",
      "Valeurs autorisées : Réalisé, Partiellement réalisé, En cours, Non réalisé, Abandonné — vouliez-vous dire « Réalisé » ?",
    ]);
  });

  it("in English with --lang en; a group corrected since gets no sheet, the old one goes to precedent/", async () => {
    const dir = sample();
    const en = await run("compile", dir, "--lang", "en");
    expect(read(dir, "retours/Groupe 3.csv").split("\r\n")[0]).toBe(
      "\uFEFFFile;Sheet;Cell;Severity;Value read;Problem;Fix",
    );
    expect(en.out).toContain("Feedback sheets for 1 group (retours/): Groupe 3");
    writeFileSync(
      join(dir, "J2", "groupe-3.csv"),
      `${HEADER}Groupe 3;2;2.1.1;Assister;Réalisé;;;\r\nGroupe 3;2;2.1.2;Héberger;En cours;30;1000;900\r\n`,
    );
    const again = await run("compile", dir);
    expect(
      json(dir, "journal.json").files.flatMap((f: { problems: unknown[] }) => f.problems),
    ).toEqual([]);
    expect(again.out).not.toContain("Fiches de retour");
    expect(existsSync(join(dir, "sortie", "retours"))).toBe(false);
    expect(readdirSync(join(dir, "sortie", "precedent", "retours")).sort()).toEqual([
      "Groupe 3.csv",
      "Groupe 3.xlsx",
    ]);
    expect(again.out).toContain("retours/Groupe 3.csv");
  });
});

describe("the names atelier writes through", () => {
  it("a sortie.ancien or sortie.nouveau the rapporteur made is never removed: compile stops, exit 2", async () => {
    for (const name of ["sortie.ancien", "sortie.nouveau"]) {
      const dir = sample();
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, "notes.txt"), "à garder");
      const r = await run("compile", dir);
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        `atelier : ${join(dir, name)} n'a pas été créé par atelier, qui se sert de ce nom pendant l'écriture des sorties : renommez-le ou déplacez-le, puis relancez.\n`,
      );
      expect(readFileSync(join(dir, name, "notes.txt"), "utf8")).toBe("à garder");
    }
  });

  it("nor is a copy of the output folder under those names, by compile, report or matrix", async () => {
    for (const name of ["sortie.ancien", "sortie.nouveau"]) {
      const dir = sample();
      await run("compile", dir);
      cpSync(join(dir, "sortie"), join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, "a-garder.txt"), "garder");
      for (const command of ["matrix", "report", "compile"]) await run(command, dir);
      expect(readFileSync(join(dir, name, "a-garder.txt"), "utf8")).toBe("garder");
      expect(existsSync(join(dir, name, "consolidation.json"))).toBe(true);
    }
    // The output folder itself renamed to sortie.ancien is not put back in its place.
    const dir = sample();
    await run("compile", dir);
    renameSync(join(dir, "sortie"), join(dir, "sortie.ancien"));
    expect((await run("compile", dir)).code).toBe(2);
    expect(existsSync(join(dir, "sortie.ancien", "consolidation.json"))).toBe(true);
  });
});

describe("atelier's results among the groups' files", () => {
  it("are passed over, whatever their name: the figures are the groups' own", async () => {
    const dir = sample();
    await run("compile", dir);
    const before = json(dir, "consolidation.json");
    const out = join(dir, "sortie");
    mkdirSync(join(dir, "J1"));
    copyFileSync(join(out, "bilan.csv"), join(dir, "J1", "bilan-consolide.csv"));
    copyFileSync(join(out, "consolidation.xlsx"), join(dir, "J1", "tableau.xlsx"));
    copyFileSync(join(out, "matrice-actions.xlsx"), join(dir, "J1", "matrice.xlsx"));
    copyFileSync(join(out, "matrice-actions.csv"), join(dir, "J1", "matrice.csv"));
    copyFileSync(join(out, "retours", "Groupe 3.xlsx"), join(dir, "J1", "retour-g3.xlsx"));
    const r = await run("compile", dir);
    const note =
      "(résultats d'atelier (tableau consolidé, matrice, fiche de retour…), jamais relus comme une fiche)";
    for (const name of [
      "bilan-consolide.csv",
      "matrice.csv",
      "matrice.xlsx",
      "retour-g3.xlsx",
      "tableau.xlsx",
    ]) {
      expect(r.out).toContain(`    J1/${name} ${note}\n`);
    }
    const after = json(dir, "consolidation.json");
    expect(after.summary).toEqual(before.summary);
    expect(after.indicateurs).toEqual(before.indicateurs);
    expect(r.out).not.toContain("n'a pas pu être lu");
  });

  it.skipIf(!hasSoffice)(
    "are known once LibreOffice saved them again, in another format; a group's own columns are not mistaken for them",
    async () => {
      const dir = sample({
        // A group's file that names its groups, sessions and sources (paper forms): read.
        "J2/groupe-5.csv":
          "axe;code_activite;activite;statut;taux_realisation;groupes;sessions;sources\r\n1;2.1.1;Assister;Réalisé;100;Groupe 5;J2;fiche papier\r\n",
      });
      await run("compile", dir);
      const before = json(dir, "consolidation.json");
      const out = join(dir, "sortie");
      const lo = join(dir, "..", `lo-${Date.now()}`);
      soffice(join(out, "bilan.csv"), lo, "xlsx", "CSV:59,34,76,1");
      soffice(join(out, "matrice-actions.xlsx"), lo, "csv");
      copyFileSync(join(lo, "bilan.xlsx"), join(dir, "J2", "bilan-groupe.xlsx"));
      copyFileSync(join(lo, "matrice-actions.csv"), join(dir, "J2", "matrice-g3.csv"));
      copyFileSync(join(out, "retours", "Groupe 3.csv"), join(dir, "J2", "g3.csv"));
      copyFileSync(join(out, "arbitrages-a-faire.csv"), join(dir, "J2", "a.csv"));
      const r = await run("compile", dir);
      const note =
        "(résultats d'atelier (tableau consolidé, matrice, fiche de retour…), jamais relus comme une fiche)";
      for (const name of ["a.csv", "bilan-groupe.xlsx", "g3.csv", "matrice-g3.csv"]) {
        expect(r.out).toContain(`    J2/${name} ${note}\n`);
      }
      expect(json(dir, "consolidation.json").summary).toEqual(before.summary);
      expect(before.summary.files).toBe(4);
      expect(r.out).not.toContain("n'a pas pu être lu");
    },
    120_000,
  );

  it("a resolutions file saved in a session folder is passed over with where it belongs", async () => {
    const dir = sample({
      "J2/resolutions.csv": "Code activité;Champ;Valeur;Motif\r\n1.1.1;Statut;Réalisé;\r\n",
    });
    const r = await run("compile", dir);
    expect(r.out).toContain(
      "    J2/resolutions.csv (arbitrages du rapporteur : placez ce fichier dans le dossier de l'atelier (à côté des dossiers de session) pour qu'ils s'appliquent)\n",
    );
    expect(r.out).not.toContain("arbitrage du rapporteur appliqué");
  });
});

describe("retoursOf: one sheet per group, named for every system", () => {
  const file = (path: string, groupe: string): FileReport => ({
    path,
    format: "csv",
    meta: { groupe },
    sheets: [],
    issues: [issue("no-data", { file: path })],
    tables: [],
  });

  it("joins two spellings of one group, and makes each name a file name Windows accepts", () => {
    const retours = retoursOf([
      file("a.csv", "Groupe 1"),
      file("b.csv", "groupe-01"),
      file("c.csv", "Axe 2 : Protection / Assistance?"),
      file("d.csv", "CON"),
      file("e.csv", " .Groupe 5. "),
      file("f.csv", "GROUPE 1 bis"),
      file("g.csv", "Groupe 1 Bis"),
      file("h.csv", "Cellule A/B"),
      file("i.csv", "Cellule A:B"),
    ]);
    expect(retours.map((r) => [r.groupe, r.name, r.issues.map((i) => i.file)])).toEqual([
      ["Groupe 1", "Groupe 1", ["a.csv", "b.csv"]],
      ["Axe 2 : Protection / Assistance?", "Axe 2 - Protection - Assistance-", ["c.csv"]],
      ["CON", "groupe-CON", ["d.csv"]],
      [" .Groupe 5. ", "Groupe 5", ["e.csv"]],
      ["GROUPE 1 bis", "GROUPE 1 bis", ["f.csv", "g.csv"]],
      ["Cellule A/B", "Cellule A-B", ["h.csv"]],
      ["Cellule A:B", "Cellule A-B (2)", ["i.csv"]],
    ]);
  });
});
