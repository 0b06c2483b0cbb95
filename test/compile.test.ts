import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { crc32 } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { recoverOutput } from "../src/commands/output.js";
import { tableWorkbook } from "../src/render/xlsx.js";
import { tableCrc32, zipArchive } from "../src/render/zip.js";
import {
  BILAN_HEADER,
  COMPILED,
  PLANNED_CONFIG as CONFIG,
  CONSTATS_HEADER as CONSTATS,
  PLAN,
  run,
  workshop,
} from "./helpers/workshop.js";

function sample() {
  return workshop({
    "atelier.config.json": CONFIG,
    "plan.csv": PLAN,
    "J1/groupe-1.csv": `${BILAN_HEADER}Axe 1;1.1.1;Sensibiliser;Réalisé;100;1 500 000;1 200 000\r\nAxe 1;1.1.2;Former;Realsé;;;\r\n2;2.1.1;=HYPERLINK("http://x","y");En cours;50;10;5\r\n`,
    "J1/groupe-2.csv": `${CONSTATS}1;Faiblesse;Faible coordination des acteurs de la chaîne pénale\r\n1;Force;Engagement du CNLTP\r\n`,
    "J2/groupe-5.csv": `${BILAN_HEADER}Axe 1;1.1.1;Sensibiliser;Partiellement réalisé;60;;\r\n`,
    // The one file that names its group, and has nothing to correct.
    "J2/groupe-3.csv": `Groupe;${CONSTATS}groupe-3;1;Faiblesse;Coordination insuffisante entre les acteurs de la chaîne pénale\r\ngroupe-3;1;Force;Engagement du CNLTP\r\n`,
  });
}

const json = (dir: string, name: string) =>
  JSON.parse(readFileSync(join(dir, "sortie", name), "utf8"));

describe("compile", () => {
  it("writes every output, keeps the accounting and exits 0 with rejected rows", async () => {
    const dir = sample();
    const r = await run("compile", dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, "sortie")).sort()).toEqual(
      [...COMPILED, "arbitrages-a-faire.csv", "arbitrages-a-faire.xlsx", "retours"].sort(),
    );
    // The groups with a problem each get their sheet; groupe-3, with none, gets none.
    expect(readdirSync(join(dir, "sortie", "retours")).sort()).toEqual([
      "groupe-1.csv",
      "groupe-1.xlsx",
      "groupe-2.csv",
      "groupe-2.xlsx",
      "groupe-5.csv",
      "groupe-5.xlsx",
    ]);
    const c = json(dir, "consolidation.json");
    expect(c.summary).toEqual({
      files: 4,
      rows: { read: 8, accepted: 7, rejected: 1, duplicates: 1, replaced: 0 },
      // 1.1.1, in conflict on its status, rate and planned budget
      conflicts: 1,
      updates: 0,
      errors: 1,
      // three files do not give their group: each is named from the file (group-guessed)
      warnings: 3,
    });
    expect(
      c.bilan.map((b: { code_activite: string; statut: string }) => [b.code_activite, b.statut]),
    ).toEqual([
      ["1.1.1", "partiel"],
      ["2.1.1", "en_cours"],
    ]);
    expect(c.bilan[0].sources).toEqual([
      { file: "J1/groupe-1.csv", sheet: null, row: 2, groupe: "groupe-1", session: "J1" },
      { file: "J2/groupe-5.csv", sheet: null, row: 2, groupe: "groupe-5", session: "J2" },
    ]);
    expect(
      c.conflits.map((k: { key: string; field: string; chosen: unknown; rule: string }) => [
        k.key,
        k.field,
        k.chosen,
        k.rule,
      ]),
    ).toEqual([
      ["1.1.1", "statut", "partiel", "latest-session"],
      ["1.1.1", "taux_realisation", 60, "latest-session"],
    ]);
    expect(c.non_evalues).toEqual(["1.1.2", "2.1.2"]);
    expect(c.rejets).toHaveLength(1);
    expect(c.rejets[0]).toMatchObject({
      file: "J1/groupe-1.csv",
      sheet: null,
      row: 3,
      kind: "bilan",
    });
    expect(c.rejets[0].values).toMatchObject({ Statut: "Realsé", "Code activité": "1.1.2" });
    expect(
      c.rejets[0].problems.map((p: { code: string; cell: string }) => [p.code, p.cell]),
    ).toEqual([["invalid-value", "D3"]]);
    // The two wordings of one weakness share a cluster; the duplicate strength folded.
    const weak = c.constats.filter((k: { type: string }) => k.type === "faiblesse");
    expect(weak).toHaveLength(2);
    expect(weak[0].cluster).toBe(weak[1].cluster);
    const strength = c.constats.find((k: { type: string }) => k.type === "force");
    expect(strength.sources.map((s: { groupe: string }) => s.groupe)).toEqual([
      "groupe-2",
      "groupe-3",
    ]);
    expect(r.out).toContain(
      "\nTotal : 8 lignes lues = 7 acceptées (dont 1 doublon regroupé) + 1 rejetée, dans 4 fichiers de groupe\n",
    );
    // 1.1.2 was assessed, in the row rejected; nobody assessed 2.1.2.
    expect(r.out).toContain(
      "\nActivités du plan non évaluées : 2 — aucune évaluation : 2.1.2 ; évaluation rejetée (voir rejets.csv) : 1.1.2\n",
    );
  });

  it("writes French-Excel CSVs: BOM, semicolons, CRLF, formulas neutralised, in French", async () => {
    const dir = sample();
    await run("compile", dir);
    const bilan = readFileSync(join(dir, "sortie", "bilan.csv"), "utf8").split("\r\n");
    expect(bilan).toEqual([
      "\uFEFFAxe stratégique;Code activité;Activité;Structure responsable;Indicateur;Cible;Résultat atteint;Statut;Taux de réalisation (%);Budget prévu (FCFA);Budget exécuté (FCFA);Source de financement;Difficultés rencontrées;Activité non programmée;Observations;Groupes;Sessions;Fichiers sources",
      "1. Prévention;1.1.1;Sensibiliser;;;;;Partiellement réalisé;60;1500000;1200000;;;;;groupe-1, groupe-5;J1, J2;J1/groupe-1.csv:2 | J2/groupe-5.csv:2",
      '2. Protection et assistance aux victimes;2.1.1;"\'=HYPERLINK(""http://x"",""y"")";;;;;En cours;50;10;5;;;;;groupe-1;J1;J1/groupe-1.csv:4',
      "",
    ]);
    const rejets = readFileSync(join(dir, "sortie", "rejets.csv"), "utf8").split("\r\n");
    expect(rejets[0]).toBe(
      "\uFEFFFichier;Feuille;Ligne;Type de fiche;Cellule;Code;Gravité;Problème;Valeurs lues",
    );
    expect(rejets[1]).toMatch(/^J1\/groupe-1\.csv;;3;Bilan;D3;invalid-value;erreur;/);
  });

  it("exits 1 with --strict when rows were rejected, and 2 on a missing folder", async () => {
    expect((await run("compile", sample(), "--strict")).code).toBe(1);
    const r = await run("compile", join(tmpdir(), "absent-atelier"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^atelier : Dossier d'atelier introuvable/);
  });

  it("gives byte-identical files on a second run", async () => {
    const dir = sample();
    process.env.SOURCE_DATE_EPOCH = "1689811200";
    try {
      await run("compile", dir);
      const first = Object.fromEntries(
        readdirSync(join(dir, "sortie"), { recursive: true, encoding: "utf8" })
          // The list notes when each file was written, to tell a file changed since.
          .filter((f) => f !== ".atelier-sortie.json" && statSync(join(dir, "sortie", f)).isFile())
          .map((f) => [f, readFileSync(join(dir, "sortie", f))]),
      );
      expect(Object.keys(first)).toContain(join("retours", "groupe-1.xlsx"));
      await run("compile", dir);
      for (const [name, bytes] of Object.entries(first)) {
        expect(readFileSync(join(dir, "sortie", name)).equals(bytes), name).toBe(true);
      }
      expect(json(dir, "consolidation.json").generated).toBe("2023-07-20T00:00:00.000Z");
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
  });

  it("says what changed since the previous compile, and never reads its own outputs", async () => {
    const dir = sample();
    const first = await run("compile", dir);
    expect(first.out).toContain("Première compilation dans ce dossier de sortie.");
    const again = await run("compile", dir);
    expect(again.out).toContain("\n    fichiers : 0 ajouté, 0 modifié, 0 retiré\n");
    expect(again.out).toContain("\n    lignes consolidées : 0 nouvelle, 0 disparue\n");
    writeFileSync(
      join(dir, "J2", "groupe-4.csv"),
      `${BILAN_HEADER}2;2.1.2;Héberger;Non réalisé;0;;\r\n`,
    );
    writeFileSync(join(dir, "J1", "groupe-2.csv"), `${CONSTATS}1;Faiblesse;Manque de moyens\r\n`);
    const third = await run("compile", dir, "--format", "json");
    const summary = JSON.parse(third.out);
    expect(summary.changes).toEqual({
      files: { added: ["J2/groupe-4.csv"], changed: ["J1/groupe-2.csv"], removed: [] },
      rows: { added: 2, removed: 1 },
      newConflicts: [],
    });
    expect(summary.summary.files).toBe(5);
  });

  it("keeps an output folder inside the workshop out of the submissions", async () => {
    const dir = sample();
    await run("compile", dir, "--out", join(dir, "J1", "sortie"));
    const r = await run("compile", dir, "--out", join(dir, "J1", "sortie"), "--format", "json");
    expect(JSON.parse(r.out).summary.rows.read).toBe(8);
  });

  it("writes to an absolute output folder of the configuration where it says", async () => {
    const dir = sample();
    const elsewhere = join(mkdtempSync(join(tmpdir(), "atelier-out-")), "rapports");
    writeFileSync(
      join(dir, "atelier.config.json"),
      JSON.stringify({ ...JSON.parse(CONFIG), output: elsewhere }),
    );
    expect((await run("compile", dir)).code).toBe(0);
    expect(existsSync(join(elsewhere, "consolidation.json"))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["J1", "J2", "atelier.config.json", "plan.csv"]);
  });

  it("refuses to replace a folder that is not an output of atelier", async () => {
    const dir = sample();
    const out = join(dir, "mes-documents");
    mkdirSync(out);
    writeFileSync(join(out, "note.docx"), "x");
    const r = await run("compile", dir, "--out", out);
    expect(r.code).toBe(2);
    expect(r.err).toContain("contient déjà d'autres fichiers (note.docx…)");
    expect(readdirSync(out)).toEqual(["note.docx"]);
  });

  it("puts back the previous outputs when a run died between the two renames", async () => {
    const dir = sample();
    await run("compile", dir);
    const out = join(dir, "sortie");
    // As a run leaves them: each folder marked as being swapped, the new one half written.
    writeFileSync(join(out, ".atelier-echange"), "");
    renameSync(out, `${out}.ancien`);
    mkdirSync(`${out}.nouveau`);
    writeFileSync(join(`${out}.nouveau`, ".atelier-echange"), "");
    writeFileSync(join(`${out}.nouveau`, "bilan.csv"), "half");
    const r = await run("compile", dir, "--format", "json");
    expect(JSON.parse(r.out).changes.files.added).toEqual([]);
    expect(existsSync(`${out}.ancien`)).toBe(false);
    expect(existsSync(`${out}.nouveau`)).toBe(false);
    expect(existsSync(join(out, ".atelier-echange"))).toBe(false);
  });

  it("leaves the previous complete set when killed at any point", async () => {
    const files: Record<string, string> = { "atelier.config.json": CONFIG, "plan.csv": PLAN };
    const rows = Array.from(
      { length: 500 },
      (_, i) =>
        `1;1.${Math.floor(i / 100) + 1}.${(i % 100) + 1};Activité ${i};En cours;50;1000;500\r\n`,
    ).join("");
    for (let g = 1; g <= 6; g++) files[`J1/groupe-${g}.csv`] = `${BILAN_HEADER}${rows}`;
    const dir = workshop(files);
    const out = join(dir, "sortie");
    const started = Date.now();
    spawnSync(process.execPath, ["dist/bin.js", "compile", dir], { stdio: "ignore" });
    const duration = Date.now() - started;
    const reference = readFileSync(join(out, "consolidation.json"), "utf8");
    const outputs = readdirSync(out).sort();
    // No file gives its group: each group has a feedback sheet (group-guessed).
    expect(outputs).toEqual([...COMPILED, "retours"].sort());
    // The rapporteur's files, which every run must carry over whatever the moment of the kill.
    const theirs: Record<string, string> = {
      "notes.txt": "à relire",
      "annexes/photo.txt": "photo",
      "annexes/vide/.gitkeep": "",
    };
    for (const [name, text] of Object.entries(theirs)) {
      mkdirSync(join(out, name, ".."), { recursive: true });
      writeFileSync(join(out, name), text);
    }
    // Twenty kills spread over the whole run: reading, merging, writing, swapping.
    for (let i = 0; i < 20; i++) {
      const delay = Math.round((duration * (i + 0.5)) / 20);
      const child = spawn(process.execPath, ["dist/bin.js", "compile", dir], { stdio: "ignore" });
      // Listened to at once: a run may end before the kill.
      const exited = new Promise((r) => child.on("exit", r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await exited;
      // Whatever the moment, the folder holds a complete set once a half-done swap is settled,
      // which is the first thing the next run does.
      recoverOutput(out);
      const entries = readdirSync(out);
      expect(entries).toEqual(expect.arrayContaining([...outputs, "notes.txt", "annexes"]));
      expect(readFileSync(join(out, "consolidation.json"), "utf8").length).toBe(reference.length);
      for (const [name, text] of Object.entries(theirs)) {
        expect(readFileSync(join(out, name), "utf8"), name).toBe(text);
      }
      // The previous set, when there is one, is complete too, and holds none of their files.
      if (entries.includes("precedent")) {
        expect(readdirSync(join(out, "precedent")).sort()).toEqual(outputs);
      }
      expect(entries.filter((e) => !outputs.includes(e)).sort()).toEqual(
        entries.includes("precedent")
          ? ["annexes", "notes.txt", "precedent"]
          : ["annexes", "notes.txt"],
      );
    }
  }, 300_000);
});

describe("compile shows where to look", () => {
  /** Bilan rows whose status no list holds: each is rejected, at its D cell. */
  const rejected = (codes: readonly string[]) =>
    codes.map((code) => `${code[0]};${code};Former;Faux;;;\r\n`).join("");
  /** What compile prints, its output folder written `<out>` (it is a temporary folder). */
  const printed = (dir: string, out: string) =>
    out.replaceAll(relative(process.cwd(), join(dir, "sortie")).replace(/\\/g, "/"), "<out>");

  it("gives each file's first problems at their cell, errors first, and every one with --all", async () => {
    const dir = workshop({
      "atelier.config.json": CONFIG,
      "plan.csv": PLAN,
      "J1/groupe-1.csv": `${BILAN_HEADER}${rejected(["1.1.1", "1.1.2", "2.1.1", "2.1.2"])}1;1.1.1;Sensibiliser;Réalisé;100;2000000;2500000\r\n`,
    });
    const r = await run("compile", dir);
    expect([r.code, r.err]).toEqual([0, ""]);
    const statut = "« Statut » : « Faux » n'est pas une valeur autorisée [invalid-value]";
    const allowed =
      "        → Valeurs autorisées : Réalisé, Partiellement réalisé, En cours, Non réalisé, Abandonné";
    const table = [
      "Fichier                     Fiches  Lues  Acceptées  Rejetées  Erreurs  Avert.",
      "plan.csv         plan de référence     4          4         0        0       0",
      "J1/groupe-1.csv              bilan     5          1         4        4       2",
      "Ignorés :",
      "    atelier.config.json (fichier de l'atelier (configuration, plan, résolutions))",
      "",
      "J1/groupe-1.csv",
    ];
    const accounts = [
      "",
      "Total : 5 lignes lues = 1 acceptée + 4 rejetées, dans 1 fichier de groupe",
      "Consolidé : 1 activité évaluée, 0 constat, 0 proposition",
      "4 lignes rejetées, conservées avec leurs motifs dans rejets.csv",
      "Conflits entre groupes : 0 (détail dans conflits.csv)",
      "Activités du plan non évaluées : 3 — évaluation rejetée (voir rejets.csv) : 1.1.2, 2.1.1, 2.1.2",
    ];
    const written = [
      "Écrit dans <out> :",
      "    bilan.csv, constats.csv, propositions.csv, rejets.csv, conflits.csv, historique.csv, consolidation.json, datapackage.json, journal.json, consolidation.xlsx, rapport-bilan.md, rapport-bilan.html, rapport-bilan.docx, matrice-actions.xlsx, matrice-actions.csv, retours/ (2 fichiers)",
      "Fiches de retour pour 1 groupe (retours/) : groupe-1",
      "Les sorties précédentes sont gardées dans <out>/precedent/ (pour revenir en arrière).",
    ];
    expect(printed(dir, r.out)).toBe(
      [
        ...table,
        `    erreur D2 ${statut}`,
        `    erreur D3 ${statut}`,
        `    erreur D4 ${statut}`,
        "… et 3 autres problèmes : atelier compile --all ou rejets.csv",
        ...accounts,
        "Première compilation dans ce dossier de sortie.",
        ...written.slice(0, 3),
        "",
      ].join("\n"),
    );
    const all = await run("compile", dir, "--all");
    expect(printed(dir, all.out)).toBe(
      [
        ...table,
        `    erreur D2 ${statut}`,
        allowed,
        `    erreur D3 ${statut}`,
        allowed,
        `    erreur D4 ${statut}`,
        allowed,
        `    erreur D5 ${statut}`,
        allowed,
        "    attention Aucun groupe de travail n'est indiqué : le groupe « groupe-1 » est déduit du nom du fichier [group-guessed]",
        "        → Indiquez le groupe dans la feuille Identification (Groupe de travail) ou dans une colonne « Groupe »",
        // Amounts as French writes them: narrow no-break spaces, a no-break space before FCFA.
        "    attention G6 Budget exécuté (2\u202f500\u202f000\u00a0FCFA) supérieur au budget prévu (2\u202f000\u202f000\u00a0FCFA) [budget-overspent]",
        "        → Vérifiez les deux montants",
        ...accounts,
        "Depuis la compilation précédente :",
        "    fichiers : 0 ajouté, 0 modifié, 0 retiré",
        "    lignes consolidées : 0 nouvelle, 0 disparue",
        "    nouveaux conflits : aucun",
        ...written,
        "",
      ].join("\n"),
    );
  });

  it("stops at 30 problems in all, and says how many it leaves out", async () => {
    const files: Record<string, string> = { "atelier.config.json": CONFIG, "plan.csv": PLAN };
    for (let g = 1; g <= 11; g++) {
      const name = `J1/groupe-${String(g).padStart(2, "0")}.csv`;
      files[name] = `${BILAN_HEADER}${rejected(["1.1.1", "1.1.2", "2.1.1", "2.1.2"])}`;
    }
    const dir = workshop(files);
    const r = await run("compile", dir);
    const lines = r.out.split("\n");
    // Ten files of three errors each; the eleventh, with its five problems, is in the table only.
    expect(lines.filter((l) => l.startsWith("    erreur D"))).toHaveLength(30);
    expect(lines).toContain("J1/groupe-10.csv");
    expect(lines).not.toContain("J1/groupe-11.csv");
    expect(lines).toContain("… et 25 autres problèmes : atelier compile --all ou rejets.csv");
    const all = (await run("compile", dir, "--all")).out.split("\n");
    expect(all.filter((l) => l.startsWith("    erreur D"))).toHaveLength(44);
    expect(all.filter((l) => l.startsWith("    attention "))).toHaveLength(11);
    expect(all.some((l) => l.startsWith("… et"))).toBe(false);
  });

  it("says it in English, the reference plan and the split of the activities not assessed included", async () => {
    const dir = sample();
    const r = await run("compile", dir, "--lang", "en");
    const lines = r.out.split("\n");
    expect(lines.slice(0, 2)).toEqual([
      "File                      Kinds  Read  Accepted  Rejected  Errors  Warn.",
      "plan.csv         reference plan     4         4         0       0      0",
    ]);
    expect(lines).toContain(
      "Total: 8 rows read = 7 accepted (1 duplicate folded) + 1 rejected, in 4 group files",
    );
    expect(lines).toContain(
      "Plan activities not assessed: 2 — no assessment: 2.1.2; assessment rejected (see rejets.csv): 1.1.2",
    );
  });
});

describe("the rapporteur's resolutions and the plan, read like any file", () => {
  const RESOLUTIONS = [
    "Code activité;Champ;Valeur;Motif",
    "1.1.1;Statut;Réalisé;Vérifié en plénière",
    "2.1.1;Couleur;Bleu;",
    "2.1.2;Statut;Réalisé;",
  ].join("\r\n");

  it("lists resolutions.csv with its problems at their cell, and counts them the same everywhere", async () => {
    const dir = sample();
    writeFileSync(join(dir, "resolutions.csv"), RESOLUTIONS);
    const r = await run("compile", dir, "--format", "json");
    expect(r.code).toBe(0);
    const journal = json(dir, "journal.json");
    const file = journal.files.find((f: { path: string }) => f.path === "resolutions.csv");
    expect(file.problems.map((p: Record<string, unknown>) => [p.code, p.cell, p.value])).toEqual([
      ["invalid-resolution", "B3", "Couleur"],
      ["unused-resolution", "A4", "2.1.2"],
    ]);
    const summary = json(dir, "consolidation.json").summary;
    expect([journal.summary.errors, journal.summary.warnings]).toEqual([
      summary.errors,
      summary.warnings,
    ]);
    expect(JSON.parse(r.out).files.map((f: { path: string }) => f.path)).toContain(
      "resolutions.csv",
    );
    expect(json(dir, "consolidation.json").conflits[0]).toMatchObject({
      key: "1.1.1",
      field: "statut",
      chosen: "realise",
      rule: "resolution",
    });
  });

  it("refuses a resolutions.csv over the size limit, as any file", async () => {
    const dir = sample();
    writeFileSync(
      join(dir, "atelier.config.json"),
      JSON.stringify({ ...JSON.parse(CONFIG), limits: { maxFileMB: 0.00005 } }),
    );
    writeFileSync(join(dir, "resolutions.csv"), RESOLUTIONS);
    expect((await run("compile", dir)).code).toBe(0);
    const file = json(dir, "journal.json").files.find(
      (f: { path: string }) => f.path === "resolutions.csv",
    );
    expect(file.problems.map((p: { code: string }) => p.code)).toEqual(["file-too-large"]);
  });

  it("answers a folder where the resolutions or the plan should be, without an internal error", async () => {
    const dir = sample();
    mkdirSync(join(dir, "resolutions.csv"));
    const a = await run("compile", dir);
    expect([a.code, a.err]).toEqual([0, ""]);
    const file = json(dir, "journal.json").files.find(
      (f: { path: string }) => f.path === "resolutions.csv",
    );
    expect(file.problems.map((p: { code: string }) => p.code)).toEqual(["file-unreadable"]);
    const other = sample();
    writeFileSync(join(other, "atelier.config.json"), JSON.stringify({ reference: "plan" }));
    mkdirSync(join(other, "plan"));
    const b = await run("compile", other);
    expect([b.code, b.err]).toEqual([0, ""]);
  });

  it("validate checks the resolutions of the workshop it reads, or named on their own", async () => {
    const dir = sample();
    writeFileSync(join(dir, "resolutions.csv"), RESOLUTIONS);
    const problems = async (path: string) => {
      const r = await run("validate", path, "--format", "json");
      const file = JSON.parse(r.out).files.find((f: { path: string }) =>
        f.path.endsWith("resolutions.csv"),
      );
      return [
        r.code,
        file?.sheets[0]?.kind,
        file?.problems.map((p: { code: string; cell: string }) => [p.code, p.cell]),
      ];
    };
    expect(await problems(dir)).toEqual([1, "resolutions", [["invalid-resolution", "B3"]]]);
    expect(await problems(join(dir, "resolutions.csv"))).toEqual([
      1,
      "resolutions",
      [["invalid-resolution", "B3"]],
    ]);
  });

  it("takes sessions and resolutions from the workshop folder, wherever its configuration is", async () => {
    // --config naming a file elsewhere, and a configuration found in a parent folder.
    const elsewhere = workshop({ "atelier.config.json": CONFIG, "plan.csv": PLAN });
    const named = sample();
    rmSync(join(named, "atelier.config.json"));
    rmSync(join(named, "plan.csv"));
    const parent = workshop({ "atelier.config.json": CONFIG, "plan.csv": PLAN });
    const inParent = join(parent, "juillet");
    renameSync(sample(), inParent);
    rmSync(join(inParent, "atelier.config.json"));
    rmSync(join(inParent, "plan.csv"));
    const config = ["--config", join(elsewhere, "atelier.config.json")];
    for (const [dir, extra] of [
      [named, config],
      [inParent, []],
    ] as const) {
      writeFileSync(join(dir, "resolutions.csv"), RESOLUTIONS);
      const r = await run("compile", dir, "--format", "json", ...extra);
      expect([r.code, r.err]).toEqual([0, ""]);
      const kinds = JSON.parse(r.out).files.map((f: { path: string; kinds: string[] }) => [
        f.path,
        f.kinds,
      ]);
      expect(kinds).toContainEqual(["resolutions.csv", ["resolutions"]]);
      const c = json(dir, "consolidation.json");
      expect(c.conflits[0]).toMatchObject({ key: "1.1.1", field: "statut", rule: "resolution" });
      const sessions = c.bilan
        .find((b: { code_activite: string }) => b.code_activite === "1.1.1")
        .sources.map((s: { session: string }) => s.session);
      expect(sessions).toEqual(["J1", "J2"]);
    }
    // validate takes a configuration's folder as the workshop when the path lies in it; a
    // folder outside the configuration named with --config is a workshop of its own.
    const v = await run("validate", named, "--format", "json", ...config);
    const file = JSON.parse(v.out).files.find((f: { path: string }) =>
      f.path.endsWith("resolutions.csv"),
    );
    expect(file.sheets[0].kind).toBe("resolutions");
  });

  it("validates the plan named on its own as the plan, not as a submission", async () => {
    const dir = sample();
    const r = await run("validate", join(dir, "plan.csv"), "--format", "json");
    expect(r.code).toBe(0);
    expect(
      JSON.parse(r.out).files.map((f: { sheets: { kind: string }[] }) => f.sheets[0]?.kind),
    ).toEqual(["reference"]);
  });
});

describe("zipArchive", () => {
  it("stores its parts in order, stamped with the generation time, and reads back", async () => {
    const big = Buffer.from("é;1 500 000\r\n".repeat(50_000));
    const bytes = zipArchive(
      [
        ["[Content_Types].xml", "<Types/>"],
        ["xl/big.xml", big],
        ["empty.txt", ""],
      ],
      new Date("2023-07-14T10:21:34Z"),
    );
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(["[Content_Types].xml", "xl/big.xml", "empty.txt"]);
    expect((await zip.file("xl/big.xml")?.async("nodebuffer"))?.equals(big)).toBe(true);
    expect(await zip.file("empty.txt")?.async("string")).toBe("");
    // DOS times count seconds by twos; JSZip reads them as local time.
    const date = zip.files["xl/big.xml"]?.date as Date;
    expect(new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString()).toBe(
      "2023-07-14T10:21:34.000Z",
    );
  });

  it("computes the CRC-32 by table exactly as zlib does, for Node 20 before 20.15", () => {
    for (const data of [Buffer.alloc(0), Buffer.from("atelier"), Buffer.alloc(70_000, 0xe9)]) {
      expect(tableCrc32(data)).toBe(crc32(data));
    }
  });
});

describe("tableWorkbook", () => {
  it("keeps spaces, drops what XML cannot carry, cuts what Excel refuses, types every cell", async () => {
    const long = "x".repeat(40_000);
    const bytes = tableWorkbook(
      [
        {
          name: "t",
          title: { fr: "Groupes & « sessions » d'avril", en: "Groups" },
          columns: [
            {
              name: "a",
              title: { fr: "A", en: "A" },
              type: "string",
              labels: { ok: { fr: "Bon", en: "Good" } },
            },
            { name: "b", title: { fr: "B", en: "B" }, type: "number", money: true },
            { name: "c", title: { fr: "C", en: "C" }, type: "boolean" },
          ],
          rows: [
            ["  indenté <b>&", 1_234_567.5, true],
            ["ok", null, false],
            ["constructor", 0, null],
            [`bip\u0007${long}`, -3, null],
            [`${"mot ".repeat(20)}fin`, 1, null],
          ],
        },
      ],
      "fr",
      new Date("2023-07-14T10:00:00Z"),
      "Atelier",
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.name).toBe("Groupes & « sessions » d'avril");
    expect(wb.title).toBe("Atelier");
    const rows = [2, 3, 4, 5].map((r) => [1, 2, 3].map((c) => ws.getRow(r).getCell(c).value));
    // Booleans in words, as the CSV writes them.
    expect(rows.slice(0, 3)).toEqual([
      ["  indenté <b>&", 1_234_567.5, "Oui"],
      ["Bon", null, "Non"],
      ["constructor", 0, null],
    ]);
    expect(rows[3]?.slice(1)).toEqual([-3, null]);
    const cut = String(rows[3]?.[0]);
    // Cut to Excel's 32,767 characters, then the bell dropped.
    expect([cut.length, cut.slice(0, 4), cut.at(-1)]).toEqual([32_766, "bipx", "…"]);
    expect(ws.getRow(2).getCell(2).numFmt).toBe("#,##0");
    expect(ws.autoFilter).toBe("A1:C6");
    // Rows as tall as their wrapped text (column width 14: 14 characters a line); one line
    // keeps the default height.
    expect([2, 3, 5, 6].map((r) => ws.getRow(r).height)).toEqual([
      undefined,
      undefined,
      409,
      7 * 15 + 3,
    ]);
  });
});

describe("compile outputs read by other programs", () => {
  it("consolidation.xlsx has the styled sheets, text cells for text, and opens in LibreOffice", async () => {
    const dir = sample();
    await run("compile", dir);
    const file = join(dir, "sortie", "consolidation.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Bilan",
      "Constats",
      "Propositions",
      "Sources",
      "Rejets",
      "Conflits",
      "Historique",
    ]);
    const bilan = wb.getWorksheet("Bilan");
    expect(bilan?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(bilan?.autoFilter).toBe("A1:R3");
    const payload = bilan?.getRow(3).getCell(3);
    expect(payload?.value).toBe('=HYPERLINK("http://x","y")');
    expect(payload?.type).toBe(ExcelJS.ValueType.String);
    expect(bilan?.getRow(2).getCell(8).value).toBe("Partiellement réalisé");
    const header = bilan?.getRow(1).getCell(1);
    expect(header?.value).toBe("Axe stratégique");
    expect(header?.font).toMatchObject({ bold: true, color: { argb: "FFFFFFFF" } });
    expect(header?.fill).toMatchObject({ pattern: "solid", fgColor: { argb: "FF1F4E79" } });
    const budget = bilan?.getRow(2).getCell(10);
    expect([budget?.value, budget?.numFmt]).toEqual([1_500_000, "#,##0"]);
    expect([bilan?.getColumn(2).width, bilan?.getColumn(3).width]).toEqual([14, 36]);

    const lo = mkdtempSync(join(tmpdir(), "atelier-lo-"));
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${join(lo, "profile")}`,
        "--headless",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir",
        lo,
        file,
      ],
      { stdio: "ignore", timeout: 90_000 },
    );
    const sheet = readFileSync(join(lo, "consolidation-Bilan.csv"), "utf8").trim().split("\n");
    expect(sheet).toHaveLength(3);
    expect(sheet[1]).toContain("1.1.1;Sensibiliser");
    expect(sheet[2]).toContain(';"=HYPERLINK(""http://x"",""y"")";');
    const sources = readFileSync(join(lo, "consolidation-Sources.csv"), "utf8").trim().split("\n");
    expect(sources).toHaveLength(6); // header, the reference plan, four submissions
  }, 120_000);

  it("datapackage.json is a valid Tabular Data Package whose CSVs read back with their schemas", async () => {
    const dir = sample();
    await run("compile", dir);
    const out = join(dir, "sortie");
    // tableschema-js keeps a BOM in the first header: read a BOM-less copy of each CSV.
    const copy = mkdtempSync(join(tmpdir(), "atelier-dp-"));
    for (const f of readdirSync(out)) {
      if (statSync(join(out, f)).isDirectory()) continue;
      const bytes = readFileSync(join(out, f));
      writeFileSync(join(copy, f), f.endsWith(".csv") ? bytes.subarray(3) : bytes);
    }
    const { Package } = (await import("datapackage")).default;
    const pkg = await Package.load(join(copy, "datapackage.json"), { basePath: copy });
    expect(pkg.errors).toEqual([]);
    expect(pkg.valid).toBe(true);
    const counts: Record<string, number> = {};
    for (const r of pkg.resources) counts[r.name] = (await r.read({ keyed: true })).length;
    expect(counts).toEqual({
      bilan: 2,
      constats: 3,
      propositions: 0,
      rejets: 1,
      conflits: 4,
      historique: 0,
    });
  }, 60_000);
});
