import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { compareVersions } from "../src/merge/versions.js";
import { groupFromName } from "../src/validate/provenance.js";
import { run, workshop } from "./helpers/workshop.js";

/**
 * The merging rules of spec §6 on small workshops, through the command line: the status and the
 * rate are one assessment; every field of a bilan row takes part in conflicts; a group's newer
 * file replaces its older one; a group's later session updates it; the session folder wins.
 */

const HEADER =
  "Axe;Code activité;Activité;Statut;Taux de réalisation (%);Budget prévu (FCFA);Budget exécuté (FCFA)";

/** A bilan CSV as French Excel saves it: `;`, CRLF. */
const bilanCsv = (...rows: string[]) => `${[HEADER, ...rows].join("\r\n")}\r\n`;

interface Json {
  summary: Record<string, unknown> & { rows: Record<string, number> };
  bilan: Record<string, unknown>[];
  conflits: Record<string, unknown>[];
  mises_a_jour: Record<string, unknown>[];
  remplacees: Record<string, unknown>[];
  indicateurs: { taux_realisation: { global: number | null } };
}

async function compile(files: Record<string, string | Buffer>) {
  const dir = workshop(files);
  const r = await run("compile", dir);
  const json = JSON.parse(readFileSync(join(dir, "sortie", "consolidation.json"), "utf8")) as Json;
  const csv = (name: string) => readFileSync(join(dir, "sortie", name), "utf8");
  return { ...r, dir, json, csv };
}

const activity = (json: Json, code: string) => json.bilan.find((b) => b.code_activite === code);

/** `validate --format json` on a workshop of these files: the first file's problems, and the summary. */
async function validated(files: Record<string, string | Buffer>) {
  const out = JSON.parse((await run("validate", workshop(files), "--format", "json")).out);
  return {
    problems: out.files[0].problems as Record<string, unknown>[],
    summary: out.summary as Record<string, unknown>,
  };
}

const source = (file: string, session: string, groupe: string, row = 2) => ({
  file,
  sheet: null,
  row,
  groupe,
  session,
});

describe("rule 1: the status and the rate are one assessment", () => {
  it("drops the rate of an outvoted status in the same session, and says so", async () => {
    const { json, out, code } = await compile({
      "J1/groupe-a.csv": bilanCsv("1;1.1.1;Sensibiliser;Réalisé;100;;"),
      "J1/groupe-b.csv": bilanCsv("1;1.1.1;Sensibiliser;En cours;;;"),
    });
    expect(code).toBe(0);
    expect(activity(json, "1.1.1")).toMatchObject({ statut: "en_cours", taux_realisation: null });
    expect(json.conflits).toEqual([
      {
        kind: "bilan",
        key: "1.1.1",
        field: "statut",
        chosen: "en_cours",
        rule: "conservative-status",
        versions: [
          { value: "realise", source: source("J1/groupe-a.csv", "J1", "groupe-a") },
          { value: "en_cours", source: source("J1/groupe-b.csv", "J1", "groupe-b") },
        ],
      },
      {
        kind: "bilan",
        key: "1.1.1",
        field: "taux_realisation",
        chosen: null,
        rule: "conservative-status",
        follows: "statut",
        versions: [{ value: 100, source: source("J1/groupe-a.csv", "J1", "groupe-a") }],
      },
    ]);
    // The score falls back to the weight of « En cours » (0,5), never to the outvoted 100 %.
    expect(json.indicateurs.taux_realisation.global).toBe(0.5);
    expect(out).toContain(
      "Conflits entre groupes : 1 — 1.1.1 : Statut, Taux de réalisation (%) (détail dans conflits.csv)",
    );
  });

  it("drops it across sessions too: « Réalisé 100 » then « Non réalisé » scores 0", async () => {
    const { json } = await compile({
      "J1/groupe-a.csv": bilanCsv("1;1.1.1;Sensibiliser;Réalisé;100;;"),
      "J2/groupe-b.csv": bilanCsv("1;1.1.1;Sensibiliser;Non réalisé;;;"),
    });
    expect(activity(json, "1.1.1")).toMatchObject({
      statut: "non_realise",
      taux_realisation: null,
    });
    expect(json.conflits.map((k) => [k.field, k.chosen, k.rule, k.follows])).toEqual([
      ["statut", "non_realise", "latest-session", undefined],
      ["taux_realisation", null, "latest-session", "statut"],
    ]);
    expect(json.indicateurs.taux_realisation.global).toBe(0);
  });

  it("fills the rate from another group only when it gives the same status", async () => {
    const { json } = await compile({
      "J1/groupe-a.csv": bilanCsv("1;1.1.1;Sensibiliser;Réalisé;;;", "1;1.1.2;Former;Partiel;;;"),
      "J1/groupe-b.csv": bilanCsv(
        "1;1.1.1;Sensibiliser;Réalisé;80;;",
        "1;1.1.2;Former;Réalisé;90;;",
      ),
    });
    expect(activity(json, "1.1.1")).toMatchObject({ statut: "realise", taux_realisation: 80 });
    expect(activity(json, "1.1.2")).toMatchObject({ statut: "partiel", taux_realisation: null });
    expect(json.conflits.map((k) => [k.key, k.field, k.chosen])).toEqual([
      ["1.1.2", "statut", "partiel"],
      ["1.1.2", "taux_realisation", null],
    ]);
    // (80 % + weight of « Partiellement réalisé » 50 %) / 2
    expect(json.indicateurs.taux_realisation.global).toBe(0.65);
  });

  it("a resolution of the status brings that assessment's rate with it", async () => {
    const { json, out } = await compile({
      "J1/groupe-a.csv": bilanCsv("1;1.1.1;Sensibiliser;Réalisé;100;;"),
      "J1/groupe-b.csv": bilanCsv("1;1.1.1;Sensibiliser;En cours;30;;"),
      "resolutions.csv":
        "Code activité;Champ;Valeur;Motif\r\n1.1.1;Statut;Réalisé;Rapport final\r\n",
    });
    expect(activity(json, "1.1.1")).toMatchObject({ statut: "realise", taux_realisation: 100 });
    // One decision written: the rate follows it, it is not a second one.
    expect(out).toContain("1 arbitrage du rapporteur appliqué (resolutions.xlsx ou .csv)");
    expect(json.conflits.map((k) => [k.field, k.chosen, k.rule])).toEqual([
      ["statut", "realise", "resolution"],
      // the rate follows the status the rapporteur chose
      ["taux_realisation", 100, "resolution"],
    ]);
  });
});

describe("rule 2: every field of a bilan row takes part in conflicts", () => {
  const header =
    "Axe;Code activité;Activité;Structure responsable;Statut;Source de financement;Observations";
  const files = {
    "atelier.config.json": JSON.stringify({ reference: "plan.csv" }),
    "plan.csv": "Code activité;Axe;Activité\r\n1.2.1;1;Former les acteurs\r\n",
    "J1/groupe-a.csv": `${header}\r\n1;1.2.1;Former les magistrats;MJDH;Réalisé;Budget national;Fait en 2021\r\n`,
    "J1/groupe-b.csv": `${header}\r\n2;1.2.1;Former les policiers;DGPN;En cours;OIM;Reporté\r\n`,
  };

  it("keeps every version with its source; texts follow the chosen assessment, the axis the plan", async () => {
    const { json, out, csv } = await compile(files);
    expect(activity(json, "1.2.1")).toMatchObject({
      axe: "PREV",
      activite: "Former les policiers",
      responsable: "DGPN",
      statut: "en_cours",
      source_financement: "OIM",
      observations: "Reporté",
    });
    const a = source("J1/groupe-a.csv", "J1", "groupe-a");
    const b = source("J1/groupe-b.csv", "J1", "groupe-b");
    // groupe-a's value, groupe-b's, the one chosen and by which rule.
    const conflict = (field: string, va: string, vb: string, chosen: string, rule: string) => ({
      kind: "bilan",
      key: "1.2.1",
      field,
      chosen,
      rule,
      ...(rule === "chosen-assessment" ? { follows: "statut" } : {}),
      versions: [
        { value: va, source: a },
        { value: vb, source: b },
      ],
    });
    expect(json.conflits).toEqual([
      conflict("axe", "PREV", "PROT", "PREV", "reference-plan"),
      conflict(
        "activite",
        "Former les magistrats",
        "Former les policiers",
        "Former les policiers",
        "chosen-assessment",
      ),
      conflict("responsable", "MJDH", "DGPN", "DGPN", "chosen-assessment"),
      conflict("statut", "realise", "en_cours", "en_cours", "conservative-status"),
      conflict("source_financement", "Budget national", "OIM", "OIM", "chosen-assessment"),
      conflict("observations", "Fait en 2021", "Reporté", "Reporté", "chosen-assessment"),
    ]);
    expect(json.summary.conflicts).toBe(1);
    expect(out).toContain(
      "Conflits entre groupes : 1 — 1.2.1 : Axe stratégique, Activité, Structure responsable, Statut, Source de financement, Observations (détail dans conflits.csv)",
    );
    // The report names the axes and the fields in words.
    expect(csv("rapport-bilan.md")).toContain(
      "| 1.2.1 Former les policiers | Axe stratégique | 1\\. Prévention (GA-J1)<br>2\\. Protection et assistance aux victimes (GB-J1) | **1\\. Prévention** | axe du plan de référence pour ce code |",
    );
    expect(csv("rapport-bilan.md")).toContain(
      "| 1.2.1 Former les policiers | Activité | Former les magistrats (GA-J1)<br>Former les policiers (GB-J1) | **Former les policiers** | valeur de l'évaluation dont le statut est retenu |",
    );
    // Both groups' words are in conflits.csv.
    expect(csv("conflits.csv")).toContain("Former les magistrats");
    expect(csv("conflits.csv")).toContain("Former les policiers");
  });

  it("an empty value against a filled one is no conflict: the filled one stays", async () => {
    const { json } = await compile({
      "J1/groupe-a.csv": `${header}\r\n1;1.2.1;Former;;Réalisé;;Fait\r\n`,
      "J1/groupe-b.csv": `${header}\r\n1;1.2.1;Former;MJDH;Réalisé;OIM;\r\n`,
    });
    expect(activity(json, "1.2.1")).toMatchObject({
      responsable: "MJDH",
      source_financement: "OIM",
      observations: "Fait",
    });
    expect(json.conflits).toEqual([]);
  });
});

describe("rule 3: a group's newer file replaces its older one", () => {
  it("the corrected file wins for every row it holds; the replaced row is listed with its file", async () => {
    const { json, out, csv, code } = await compile({
      "J2/groupe-3.csv": bilanCsv("3;3.1.1;Juger;Réalisé;100;;", "3;3.1.2;Enquêter;En cours;;;"),
      "J2/groupe-3-v2-corrige.csv": bilanCsv("3;3.1.1;Juger;Partiellement réalisé;60;;"),
    });
    expect(code).toBe(0);
    expect(activity(json, "3.1.1")).toMatchObject({ statut: "partiel", taux_realisation: 60 });
    expect(activity(json, "3.1.1")?.sources).toEqual([
      source("J2/groupe-3-v2-corrige.csv", "J2", "groupe-3"),
    ]);
    // The row the correction does not hold stays.
    expect(activity(json, "3.1.2")).toMatchObject({ statut: "en_cours" });
    expect(json.conflits).toEqual([]);
    expect(json.remplacees).toEqual([
      {
        kind: "bilan",
        key: "3.1.1",
        source: source("J2/groupe-3.csv", "J2", "groupe-3"),
        by: source("J2/groupe-3-v2-corrige.csv", "J2", "groupe-3"),
      },
    ]);
    expect(json.summary.rows).toEqual({
      read: 3,
      accepted: 3,
      rejected: 0,
      duplicates: 0,
      replaced: 1,
    });
    expect(out).toContain(
      "Mises à jour par un même groupe : 0 ; lignes remplacées par une version plus récente de leur fichier : 1 (détail dans historique.csv)",
    );
    expect(csv("rapport-bilan.md")).toContain(
      "Ne sont pas des divergences : 0 élément mis à jour par le groupe qui l'avait évalué, lors d'une session suivante ; 1 ligne remplacée par une version plus récente du fichier de son groupe (détail dans historique.csv).",
    );
    expect(csv("historique.csv").split("\r\n")[1]).toBe(
      "ligne remplacée par une version plus récente du fichier;Bilan;3.1.1;;groupe-3;;J2/groupe-3.csv:2;;J2/groupe-3-v2-corrige.csv:2",
    );
  });

  it("orders versions by Identification date, then modification time, then name", () => {
    const v = (file: string, date: string | null, modified: number | null) => ({
      file,
      version: { date, modified },
    });
    // The later Identification date wins over the name and the time.
    expect(compareVersions(v("g-v2.xlsx", "2023-07-11", 9e12), v("g.xlsx", "2023-07-12", 0))).toBe(
      -1,
    );
    // Without dates on both, the later modification time.
    expect(compareVersions(v("g-v2.xlsx", "2023-07-12", 1e9), v("g.xlsx", null, 2e9))).toBeLessThan(
      0,
    );
    // Times within 2 s (a USB key's resolution, a checkout) are the same: the name decides.
    expect(compareVersions(v("g-v2.xlsx", null, 1000), v("g.xlsx", null, 2500))).toBeGreaterThan(0);
  });

  it("takes the file modified later as the newer when the names say nothing", async () => {
    const dir = workshop({
      "J1/gt2.csv": bilanCsv("2;2.1.1;Accueillir;Réalisé;;;"),
      "J1/gt2-b.csv": bilanCsv("2;2.1.1;Accueillir;Non réalisé;;;"),
    });
    // gt2.csv was saved after gt2-b.csv.
    utimesSync(
      join(dir, "J1", "gt2-b.csv"),
      new Date("2023-07-12T10:00:00Z"),
      new Date("2023-07-12T10:00:00Z"),
    );
    utimesSync(
      join(dir, "J1", "gt2.csv"),
      new Date("2023-07-12T11:00:00Z"),
      new Date("2023-07-12T11:00:00Z"),
    );
    // Two groups by name (gt2, gt2-b): one group only when the file says so.
    renameSync(join(dir, "J1", "gt2-b.csv"), join(dir, "J1", "gt2 (1).csv"));
    await run("compile", dir);
    const json = JSON.parse(
      readFileSync(join(dir, "sortie", "consolidation.json"), "utf8"),
    ) as Json;
    expect(activity(json, "2.1.1")).toMatchObject({ statut: "realise" });
    expect(
      json.remplacees.map((r) => [
        (r.source as { file: string }).file,
        (r.by as { file: string }).file,
      ]),
    ).toEqual([["J1/gt2 (1).csv", "J1/gt2.csv"]]);
  });
});

describe("rule 4: a group's later session is an update, not a conflict", () => {
  it("lists the group's own J1 → J2 change as an update, and counts conflicts per activity", async () => {
    const { json, out } = await compile({
      "J1/groupe-a.csv": bilanCsv("1;1.1.1;Sensibiliser;Partiellement réalisé;40;;"),
      "J2/groupe-a.csv": bilanCsv("1;1.1.1;Sensibiliser;Réalisé;100;;"),
      "J1/groupe-b.csv": bilanCsv("1;1.1.1;Sensibiliser;Réalisé;100;;"),
    });
    expect(activity(json, "1.1.1")).toMatchObject({ statut: "realise", taux_realisation: 100 });
    expect(json.conflits).toEqual([]);
    const before = source("J1/groupe-a.csv", "J1", "groupe-a");
    const after = source("J2/groupe-a.csv", "J2", "groupe-a");
    expect(json.mises_a_jour).toEqual([
      {
        kind: "bilan",
        key: "1.1.1",
        field: "statut",
        groupe: "groupe-a",
        previous: { value: "partiel", source: before },
        value: "realise",
        source: after,
      },
      {
        kind: "bilan",
        key: "1.1.1",
        field: "taux_realisation",
        groupe: "groupe-a",
        previous: { value: 40, source: before },
        value: 100,
        source: after,
      },
    ]);
    // One activity updated (on two fields), no conflict.
    expect(json.summary).toMatchObject({ conflicts: 0, updates: 1 });
    expect(out).toContain("Conflits entre groupes : 0 (détail dans conflits.csv)");
    expect(out).toContain("Mises à jour par un même groupe : 1 ;");
  });

  it("a group whose later status has no rate loses its earlier rate, as an update", async () => {
    const { json } = await compile({
      "J1/groupe-a.csv": bilanCsv("1;1.1.1;Sensibiliser;Réalisé;100;;"),
      "J2/groupe-a.csv": bilanCsv("1;1.1.1;Sensibiliser;Non réalisé;;;"),
    });
    expect(activity(json, "1.1.1")).toMatchObject({
      statut: "non_realise",
      taux_realisation: null,
    });
    expect(
      json.mises_a_jour.map((u) => [u.field, (u.previous as { value: unknown }).value, u.value]),
    ).toEqual([
      ["statut", "realise", "non_realise"],
      ["taux_realisation", 100, null],
    ]);
    expect(json.indicateurs.taux_realisation.global).toBe(0);
  });
});

describe("rule 5: the session folder wins; a file without a group is said", () => {
  it("names the group from the file name without session folder and version markers", () => {
    expect(groupFromName("J2/groupe-3-v2-corrige.xlsx", "J2")).toBe("groupe-3");
    expect(groupFromName("J2/J2-groupe-3.xlsx", "J2")).toBe("groupe-3");
    expect(groupFromName("J1/groupe 3 (1).xlsx", "J1")).toBe("groupe 3");
    expect(groupFromName("J1/Groupe-2_2023-07-12.csv", "J1")).toBe("Groupe-2");
    expect(groupFromName("J3/GT4 version corrigée finale.xlsx", "J3")).toBe("GT4");
    expect(groupFromName("groupe-1.csv", undefined)).toBe("groupe-1");
    // Nothing left once the markers go: the name as it is.
    expect(groupFromName("J2/v2.csv", "J2")).toBe("v2");
  });

  it("warns once per file whose group comes from its name", async () => {
    const dir = workshop({ "J2/J2-groupe-5-v2.csv": bilanCsv("4;4.1.1;Coordonner;Réalisé;;;") });
    const r = await run("validate", dir, "--format", "json");
    const report = JSON.parse(r.out) as { files: { problems: Record<string, unknown>[] }[] };
    expect(report.files[0]?.problems).toEqual([
      expect.objectContaining({
        code: "group-guessed",
        severity: "warning",
        file: expect.stringMatching(/\/J2\/J2-groupe-5-v2\.csv$/),
        value: "groupe-5",
        message:
          "Aucun groupe de travail n'est indiqué : le groupe « groupe-5 » est déduit du nom du fichier",
      }),
    ]);
  });

  it("a session column that says another session is a warning at its cell; the folder wins", async () => {
    const { json, dir } = await compile({
      "J2/groupe-a.csv": `${HEADER};Session;Groupe\r\n1;1.1.1;Sensibiliser;Réalisé;;;;J1;GT A\r\n1;1.1.2;Former;Réalisé;;;;J1;GT A\r\n`,
    });
    const sources = activity(json, "1.1.1")?.sources as { session: string }[] | undefined;
    expect(sources?.map((s) => s.session)).toEqual(["J2"]);
    const r = await run("validate", dir, "--format", "json");
    const report = JSON.parse(r.out) as { files: { problems: Record<string, unknown>[] }[] };
    expect(
      report.files[0]?.problems.map((i) => [i.code, i.row, i.column, i.value, i.message]),
    ).toEqual([
      [
        "session-mismatch",
        2,
        "H",
        "J1",
        "Le fichier indique la session « J1 » mais il est rangé dans le dossier J2 : la session J2 est retenue",
      ],
    ]);
  });
});

// --- a workbook reused from J1, saved by LibreOffice --------------------------------------------

const hasSoffice = spawnSync("soffice", ["--version"], { stdio: "ignore" }).status === 0;

/** A group's workbook with an Identification sheet, passed through LibreOffice. */
async function savedByLibreOffice(session: string, group: string, rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const id = wb.addWorksheet("Identification");
  id.addRows([
    ["Groupe de travail", group],
    ["Session", session],
  ]);
  const bilan = wb.addWorksheet("Bilan");
  bilan.addRows([HEADER.split(";"), ...rows]);
  const dir = mkdtempSync(join(tmpdir(), "atelier-lo-"));
  const made = join(dir, "made", "groupe.xlsx");
  mkdirSync(join(dir, "made"));
  await wb.xlsx.writeFile(made);
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${join(dir, "profile")}`,
      "--headless",
      "--convert-to",
      "xlsx",
      "--outdir",
      dir,
      made,
    ],
    { stdio: "ignore", timeout: 120_000 },
  );
  return readFileSync(join(dir, "groupe.xlsx"));
}

describe.skipIf(!hasSoffice)("rule 5 on a workbook saved by LibreOffice", () => {
  it("a J1 workbook copied into J2 counts as J2: its new values win, with a warning at the cell", async () => {
    const j1 = await savedByLibreOffice("J1", "Groupe 2", [
      [2, "2.1.1", "Accueillir", "En cours", 50],
    ]);
    const reused = await savedByLibreOffice("J1", "Groupe 2", [
      [2, "2.1.1", "Accueillir", "Réalisé", 100],
    ]);
    const { json, dir } = await compile({ "J1/groupe-2.xlsx": j1, "J2/groupe-2.xlsx": reused });
    expect(activity(json, "2.1.1")).toMatchObject({ statut: "realise", taux_realisation: 100 });
    expect(json.conflits).toEqual([]);
    expect(
      json.mises_a_jour.map((u) => [u.field, (u.source as { session: string }).session]),
    ).toEqual([
      ["statut", "J2"],
      ["taux_realisation", "J2"],
    ]);
    const r = await run("validate", dir, "--format", "json");
    const report = JSON.parse(r.out) as { files: { problems: Record<string, unknown>[] }[] };
    expect(
      report.files.flatMap((f) =>
        f.problems.map((i) => [
          String(i.file).replace(/^.*\/(J\d)\//, "$1/"),
          i.code,
          i.sheet,
          i.row,
          i.column,
        ]),
      ),
    ).toEqual([["J2/groupe-2.xlsx", "session-mismatch", "Identification", 2, "B"]]);
  }, 240_000);
});

// --- found by trying to break the rules ----------------------------------------------------------

describe("a group is one group however it is named", () => {
  it("a corrected CSV named from its file replaces the workbook that names its group", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Identification").addRows([
      ["Groupe de travail", "Groupe 1"],
      ["Session", "J2"],
    ]);
    wb.addWorksheet("Bilan").addRows([
      HEADER.split(";"),
      [1, "1.1.1", "Campagnes", "En cours", 40],
    ]);
    const dir = workshop({
      "J2/groupe-1.xlsx": Buffer.from(await wb.xlsx.writeBuffer()),
      "J2/groupe_01_J2_corrige.csv": bilanCsv("1;1.1.1;Campagnes;Réalisé;100;;"),
    });
    await run("compile", dir);
    const json = JSON.parse(
      readFileSync(join(dir, "sortie", "consolidation.json"), "utf8"),
    ) as Json;
    expect(activity(json, "1.1.1")).toMatchObject({ statut: "realise", taux_realisation: 100 });
    expect(json.conflits).toEqual([]);
    expect(json.indicateurs.taux_realisation.global).toBe(1);
    expect(
      json.remplacees.map((r) => [
        (r.source as { file: string }).file,
        (r.by as { file: string; groupe: string }).groupe,
      ]),
    ).toEqual([["J2/groupe-1.xlsx", "groupe_01"]]);
  });

  it.each([
    ["J2/groupe-3-J2.csv", "groupe-3"],
    ["J2/Copie de groupe-3.csv", "groupe-3"],
    ["J2/groupe-3-2023.csv", "groupe-3"],
    ["J2/groupe-3_J2_v2.csv", "groupe-3"],
  ])("names %s's group %s", (path, group) => {
    expect(groupFromName(path, "J2")).toBe(group);
  });

  it("takes « Jour 2 » or « Session 2 » in J2/ for the same session, without a warning", async () => {
    const dir = workshop({
      "J2/a.csv": `${HEADER};Session;Groupe\r\n1;1.1.1;Former;Réalisé;;;;Jour 2;GT A\r\n`,
      "J2/b.csv": `${HEADER};Session;Groupe\r\n1;1.1.2;Former;Réalisé;;;;Session 2;GT B\r\n`,
    });
    const r = await run("validate", dir, "--format", "json");
    expect(JSON.parse(r.out).summary.warnings).toBe(0);
  });
});

describe("the axis of an activity the reference plan does not list", () => {
  it("follows the code's first number when groups disagree", async () => {
    const { json } = await compile({
      "J1/groupe-a.csv": bilanCsv("3;3.2.3;Juger;Réalisé;100;;"),
      "J1/groupe-b.csv": bilanCsv("4;3.2.3;Juger;Non réalisé;;;"),
    });
    expect(activity(json, "3.2.3")).toMatchObject({ axe: "POUR", statut: "non_realise" });
    expect(json.conflits.find((k) => k.field === "axe")).toMatchObject({
      chosen: "POUR",
      rule: "activity-code",
    });
  });
});

describe("a budget decided in resolutions.csv", () => {
  const files = (champ: string, valeur: string) => ({
    "J1/groupe-a.csv": bilanCsv("1;1.1.1;Former;Réalisé;;1 000 000;500 000"),
    "J1/groupe-b.csv": bilanCsv("1;1.1.1;Former;Réalisé;;2 000 000;800 000"),
    "resolutions.csv": `Code activité;Champ;Valeur;Motif\r\n1.1.1;${champ};${valeur};vérifié\r\n`,
  });

  it("is read in the unit its field names, with the scaling said", async () => {
    const { json, dir } = await compile(files("Budget exécuté (M FCFA)", "1,5"));
    expect(activity(json, "1.1.1")).toMatchObject({ budget_execute: 1_500_000 });
    const journal = JSON.parse(readFileSync(join(dir, "sortie", "journal.json"), "utf8"));
    const resolutions = journal.files.find((f: { path: string }) => f.path === "resolutions.csv");
    expect(resolutions.problems.map((p: Record<string, unknown>) => [p.code, p.cell])).toEqual([
      ["unit-scaled", "B2"],
    ]);
  });

  it("in another currency, is refused at its cell and never read as FCFA", async () => {
    const { json, dir } = await compile(files("Budget prévu (USD)", "5000"));
    expect(activity(json, "1.1.1")).toMatchObject({ budget_prevu: 2_000_000 });
    const journal = JSON.parse(readFileSync(join(dir, "sortie", "journal.json"), "utf8"));
    const resolutions = journal.files.find((f: { path: string }) => f.path === "resolutions.csv");
    expect(
      resolutions.problems.map((p: Record<string, unknown>) => [p.code, p.cell, p.message]),
    ).toEqual([
      [
        "currency-mismatch",
        "B2",
        "Colonne « Budget prévu (USD) » en USD : atelier attend des montants en FCFA",
      ],
    ]);
  });
});

describe("the draft's proposals, as the matrix counts them", () => {
  const header =
    "Axe;Objectif stratégique;Action;Indicateur;Structure responsable;Partenaires;Calendrier;Coût estimé (FCFA);Coût 2023 (FCFA);Coût 2024 (FCFA)";
  const propositions = (...rows: string[]) => `${[header, ...rows].join("\r\n")}\r\n`;

  it("refuses the same action twice in one table, rather than fold one cost away", async () => {
    const { json, dir } = await compile({
      "J3/groupe-1.csv": propositions(
        "3;Réprimer;Former les magistrats sur la traite;Nombre;MJDH;OIM;2023;10 000 000;;",
        "3;Réprimer;Former les  Magistrats sur la traite;Nombre;MJDH;OIM;2024;20 000 000;;",
      ),
    });
    const rows = JSON.parse(readFileSync(join(dir, "sortie", "consolidation.json"), "utf8"));
    expect(rows.propositions.map((p: { cout: number }) => p.cout)).toEqual([10_000_000]);
    expect(
      rows.rejets.map((r: Record<string, unknown>) => [
        r.row,
        (r.problems as Record<string, unknown>[])[0]?.code,
      ]),
    ).toEqual([[3, "duplicate-proposition"]]);
    expect(json.conflits).toEqual([]);
  });

  it("a warning on one yearly cost never hides a negative cost in another year", async () => {
    const { problems, summary } = await validated({
      "J3/groupe-1.csv": propositions("1;Prévenir;Campagnes;Nombre;MJDH;OIM;2023-2024;;2,5;-5"),
    });
    // At the year's own cell, named by its header, with that year's amount.
    expect(
      problems
        .filter((p) => p.severity === "error")
        .map((p) => [p.code, p.field, p.cell, p.value, p.message]),
    ).toEqual([
      [
        "out-of-range",
        "cout_annuel",
        "J2",
        "-5",
        "« Coût 2024 (FCFA) » : -5 est hors limites (≥ 0)",
      ],
    ]);
    expect(summary).toMatchObject({ accepted: 0, rejected: 1 });
  });

  it("refuses each negative yearly cost at its own cell, not only the first", async () => {
    const { problems } = await validated({
      "J3/groupe-1.csv": propositions("1;Prévenir;Campagnes;Nombre;MJDH;OIM;2023-2024;;-1;-5"),
    });
    expect(
      problems.filter((p) => p.severity === "error").map((p) => [p.code, p.cell, p.message]),
    ).toEqual([
      ["out-of-range", "I2", "« Coût 2023 (FCFA) » : -1 est hors limites (≥ 0)"],
      ["out-of-range", "J2", "« Coût 2024 (FCFA) » : -5 est hors limites (≥ 0)"],
    ]);
  });

  it("names an expected cost left empty by its column as written", async () => {
    const { problems } = await validated({
      "J3/groupe-1.csv":
        "Axe;Objectif stratégique;Action;Indicateur;Structure responsable;Partenaires;Calendrier;Coût estimé (devise locale)\r\n" +
        "1;Prévenir;Campagnes;Nombre;MJDH;OIM;2024;\r\n",
    });
    expect(
      problems.filter((p) => p.code === "missing-expected").map((p) => [p.cell, p.message]),
    ).toEqual([
      [
        "H2",
        "Champ « Coût estimé (devise locale) » non renseigné : la proposition est gardée dans la matrice, case « à compléter »",
      ],
    ]);
  });

  it("names a negative amount by its column as written, as typed under a scaled unit", async () => {
    const { problems } = await validated({
      "J3/groupe-1.csv":
        "Axe;Code activité;Activité;Statut;Budget prévu (M FCFA);Budget exécuté (devise locale)\r\n" +
        "1;1.1.1;Campagnes;Réalisé;-5;-500\r\n",
    });
    expect(
      problems.filter((p) => p.severity === "error").map((p) => [p.code, p.cell, p.message]),
    ).toEqual([
      ["out-of-range", "E2", "« Budget prévu (M FCFA) » : -5 est hors limites (≥ 0)"],
      ["out-of-range", "F2", "« Budget exécuté (devise locale) » : -500 est hors limites (≥ 0)"],
    ]);
  });

  it("a yearly cost outside the calendar joins it, with a warning; an empty total is their sum", async () => {
    const { dir } = await compile({
      "J3/groupe-1.csv": propositions(
        "1;Prévenir;Campagnes radio;Nombre;MJDH;OIM;2023;;2 000 000;4 000 000",
      ),
    });
    const rows = JSON.parse(readFileSync(join(dir, "sortie", "consolidation.json"), "utf8"));
    expect(rows.propositions[0]).toMatchObject({
      calendrier: [2023, 2024],
      cout: 6_000_000,
      cout_annuel: { "2023": 2_000_000, "2024": 4_000_000 },
    });
    const journal = JSON.parse(readFileSync(join(dir, "sortie", "journal.json"), "utf8"));
    expect(
      journal.files[0].problems.map((p: Record<string, unknown>) => [p.code, p.cell, p.message]),
    ).toEqual([
      [
        "group-guessed",
        null,
        "Aucun groupe de travail n'est indiqué : le groupe « groupe-1 » est déduit du nom du fichier",
      ],
      [
        "cost-year-off-calendar",
        "J2",
        "Un coût est prévu en 2024, année absente du calendrier (2023) : elle est ajoutée au calendrier",
      ],
    ]);
    const matrix = readFileSync(join(dir, "sortie", "matrice-actions.csv"), "utf8");
    expect(matrix).toContain("6000000");
  });
});

// --- found by a second round of trying --------------------------------------------------------

describe("the reference plan decides the axis an activity counts under", () => {
  it("even when the only group that assessed it wrote another axis", async () => {
    const { json, dir } = await compile({
      "atelier.config.json": JSON.stringify({ reference: "plan.csv" }),
      "plan.csv": "Code activité;Axe;Activité\r\n2.1.3;2;Héberger\r\n4.1.1;4;Coordonner\r\n",
      "J1/gt4.csv": `${HEADER};Groupe\r\n4;2.1.3;Héberger;En cours;25;;;GT 4\r\n4;4.1.1;Coordonner;Réalisé;100;;;GT 4\r\n`,
    });
    expect(activity(json, "2.1.3")).toMatchObject({ axe: "PROT" });
    const journal = JSON.parse(readFileSync(join(dir, "sortie", "journal.json"), "utf8"));
    const gt4 = journal.files.find((f: { path: string }) => f.path === "J1/gt4.csv");
    expect(gt4.problems.map((p: Record<string, unknown>) => [p.code, p.cell, p.message])).toEqual([
      [
        "axis-code-mismatch",
        "A2",
        "L'activité 2.1.3 relève de l'axe 2 (Protection et assistance aux victimes), pas de l'axe 4 (Coordination, partenariat et suivi-évaluation) : l'activité est comptée sous l'axe du plan de référence",
      ],
    ]);
    // PROT: 2.1.3 at 25 %; COOR: 4.1.1 at 100 %.
    const c = JSON.parse(readFileSync(join(dir, "sortie", "consolidation.json"), "utf8"));
    expect(c.indicateurs.taux_realisation.par_axe).toEqual({
      PREV: null,
      PROT: 0.25,
      POUR: null,
      COOR: 1,
    });
  });

  it("an activity of the plan marked unplanned stays in the figures, with a warning", async () => {
    const { json, dir } = await compile({
      "atelier.config.json": JSON.stringify({ reference: "plan.csv" }),
      "plan.csv": "Code activité;Axe;Activité\r\n1.1.1;1;Sensibiliser\r\n1.1.2;1;Former\r\n",
      "J1/gt1.csv": `${HEADER};Activité non programmée;Groupe\r\n1;1.1.1;Sensibiliser;Réalisé;100;;;Oui;GT 1\r\n1;1.1.2;Former;Non réalisé;;;;;GT 1\r\n`,
    });
    expect(activity(json, "1.1.1")).toMatchObject({ hors_plan: false });
    expect(json.indicateurs.taux_realisation.global).toBe(0.5);
    const journal = JSON.parse(readFileSync(join(dir, "sortie", "journal.json"), "utf8"));
    const gt1 = journal.files.find((f: { path: string }) => f.path === "J1/gt1.csv");
    expect(gt1.problems.map((p: Record<string, unknown>) => [p.code, p.cell])).toEqual([
      ["planned-marked-unplanned", "H2"],
    ]);
  });
});

describe("a group's rows repeated within one file", () => {
  it("an activity on two sheets of one workbook is an error at the second, naming the first", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Identification").addRows([["Groupe de travail", "Groupe 1"]]);
    wb.addWorksheet("Bilan").addRows([HEADER.split(";"), [1, "1.1.2", "Former", "En cours", 20]]);
    wb.addWorksheet("Bilan (2)").addRows([
      HEADER.split(";"),
      [1, "1.1.2", "Former", "Réalisé", 100],
    ]);
    const { problems } = await validated({
      "J1/g1.xlsx": Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(problems.map((p) => [p.code, p.sheet, p.cell, p.message])).toEqual([
      [
        "duplicate-activity",
        "Bilan (2)",
        "'Bilan (2)'!B2",
        "L'activité 1.1.2 figure déjà ligne 2 de la feuille « Bilan » de ce fichier",
      ],
    ]);
  });

  it("rows of different groups in a compiled file are not repeats: they disagree", async () => {
    const { json } = await compile({
      "J1/compil.csv": `${HEADER};Groupe\r\n1;1.2.1;Former;Réalisé;100;;;Groupe 3\r\n1;1.2.1;Former;En cours;40;;;Groupe 4\r\n`,
    });
    expect(activity(json, "1.2.1")).toMatchObject({ statut: "en_cours", taux_realisation: 40 });
    expect(json.summary).toMatchObject({ conflicts: 1, rows: { rejected: 0 } });
  });

  it("a group written in a row that the Identification sheet contradicts is said", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Identification").addRows([["Groupe de travail", "Groupe 1"]]);
    wb.addWorksheet("Bilan").addRows([
      [...HEADER.split(";"), "Groupe"],
      [1, "1.1.1", "Former", "Réalisé", 100, null, null, "Groupe 2"],
    ]);
    const { problems } = await validated({
      "J1/groupe-1.xlsx": Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(problems.map((p) => [p.code, p.cell, p.message])).toEqual([
      [
        "group-mismatch",
        "Bilan!H2",
        "La ligne indique le groupe « Groupe 2 » mais la feuille Identification indique « Groupe 1 » : « Groupe 1 » est retenu",
      ],
    ]);
  });
});

describe("texts come from the chosen assessment, not from a group's older one", () => {
  it("keeps no text when the chosen assessment gives none: the outvoted one is listed", async () => {
    const header = `${HEADER};Observations;Groupe`;
    const { json } = await compile({
      "J1/g1.csv": `${header}\r\n3;3.1.1;Juger;Partiellement réalisé;50;;;J1 G1;G1\r\n`,
      "J2/g1.csv": `${header}\r\n3;3.1.1;Juger;En cours;40;;;;G1\r\n`,
      "J2/g2.csv": `${header}\r\n3;3.1.1;Juger;Réalisé;100;;;J2 G2;G2\r\n`,
    });
    // G1's J1 text went with its « Partiellement réalisé »; G2's with its outvoted « Réalisé ».
    expect(activity(json, "3.1.1")).toMatchObject({
      statut: "en_cours",
      taux_realisation: 40,
      observations: null,
    });
    expect(json.conflits.find((k) => k.field === "observations")).toMatchObject({
      chosen: null,
      rule: "chosen-assessment",
      follows: "statut",
      versions: [{ value: "J2 G2", source: source("J2/g2.csv", "J2", "G2") }],
    });
    expect(
      json.mises_a_jour.map((u) => [u.field, (u.previous as { value: unknown }).value, u.value]),
    ).toEqual([
      ["statut", "partiel", "en_cours"],
      ["taux_realisation", 50, 40],
      ["observations", "J1 G1", null],
    ]);
  });
});

describe("a proposal's calendar and costs are one plan", () => {
  it("never mixes one group's cost with another group's years", async () => {
    const header =
      "Axe;Objectif stratégique;Action;Indicateur;Structure responsable;Partenaires;Calendrier;Coût estimé (FCFA);Coût 2025 (FCFA);Coût 2026 (FCFA);Groupe";
    const { dir } = await compile({
      "J3/g1.csv": `${header}\r\n1;Prévenir;Former les enseignants;Nombre;MJDH;OIM;2023-2024;10 000 000;;;G1\r\n`,
      "J3/g2.csv": `${header}\r\n1;Prévenir;Former les enseignants;Nombre;MJDH;OIM;2025-2026;20 000 000;5 000 000;15 000 000;G2\r\n`,
    });
    const c = JSON.parse(readFileSync(join(dir, "sortie", "consolidation.json"), "utf8"));
    expect(c.propositions[0]).toMatchObject({
      calendrier: [2023, 2024],
      cout: 10_000_000,
      cout_annuel: null,
    });
    expect(
      c.conflits.map((k: Record<string, unknown>) => [k.field, k.chosen, k.rule, k.follows]),
    ).toEqual([
      ["calendrier", [2023, 2024], "first-source", undefined],
      ["cout", 10_000_000, "first-source", "calendrier"],
      ["cout_annuel", null, "first-source", "calendrier"],
    ]);
    const matrix = readFileSync(join(dir, "sortie", "matrice-actions.csv"), "utf8");
    expect(matrix.split("\r\n").filter((l) => l.includes("Former les enseignants"))).toHaveLength(
      1,
    );
    expect(matrix).toContain("10000000");
  });
});

// --- found by a third round of trying ---------------------------------------------------------

describe("a compiled file with Groupe and Session columns", () => {
  const header = `${HEADER};Groupe;Session`;

  it("tells a group's later session apart: an update, not a repeat", async () => {
    const { json } = await compile({
      "compil.csv": `${header}\r\n1;1.1.1;Campagnes;En cours;40;;;Groupe 1;J1\r\n1;1.1.1;Campagnes;Réalisé;100;;;Groupe 1;J2\r\n1;1.1.2;Émissions;En cours;40;;;Groupe 2;J1\r\n1;1.1.2;Émissions;En cours;60;;;Groupe 2;Jour 2\r\n`,
    });
    expect(json.summary).toMatchObject({ rows: { rejected: 0 }, conflicts: 0, updates: 2 });
    expect(activity(json, "1.1.1")).toMatchObject({ statut: "realise", taux_realisation: 100 });
    expect(activity(json, "1.1.2")).toMatchObject({ statut: "en_cours", taux_realisation: 60 });
  });

  it("takes « Groupe 5 » and « groupe_05 » for one group: the second row is a repeat", async () => {
    const { problems } = await validated({
      "compil.csv": `${header}\r\n2;2.1.2;Héberger;En cours;40;;;Groupe 5;J1\r\n2;2.1.2;Héberger;Réalisé;100;;;groupe_05;J1\r\n`,
    });
    expect(problems.map((p) => [p.code, p.cell])).toEqual([["duplicate-activity", "B3"]]);
  });
});

describe("an assessment's texts go with its status", () => {
  it("the outvoted group's result and comments are listed, never kept", async () => {
    const header = `${HEADER};Résultat atteint;Observations`;
    const { json } = await compile({
      "J1/g1.csv": `${header}\r\n1;1.1.1;Campagnes;Réalisé;100;;;10 campagnes achevées;Activité achevée\r\n`,
      "J1/g2.csv": `${header}\r\n1;1.1.1;Campagnes;En cours;;;;;\r\n`,
    });
    expect(activity(json, "1.1.1")).toMatchObject({
      statut: "en_cours",
      taux_realisation: null,
      resultat: null,
      observations: null,
    });
    expect(json.conflits.map((k) => [k.field, k.chosen, k.rule, k.follows])).toEqual([
      ["resultat", null, "chosen-assessment", "statut"],
      ["statut", "en_cours", "conservative-status", undefined],
      ["taux_realisation", null, "conservative-status", "statut"],
      ["observations", null, "chosen-assessment", "statut"],
    ]);
  });
});

describe("one group's rows in one workbook", () => {
  it("a group's name written differently in a column is not a contradiction", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Identification").addRows([["Groupe de travail", "Groupe 1"]]);
    wb.addWorksheet("Bilan").addRows([
      [...HEADER.split(";"), "Groupe"],
      [1, "1.1.1", "Former", "Réalisé", 100, null, null, "GROUPE 01"],
      [1, "1.1.2", "Former", "Réalisé", 100, null, null, "Groupe n°1"],
      [1, "1.1.3", "Former", "Réalisé", 100, null, null, "groupe-1"],
    ]);
    const { problems } = await validated({
      "J1/groupe-1.xlsx": Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(problems).toEqual([]);
  });

  it("a repeat of a rejected row is not a repeat; a constat written twice is", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Identification").addRows([["Groupe de travail", "Groupe 1"]]);
    wb.addWorksheet("Bilan").addRows([HEADER.split(";"), [1, "1.1.2", "Former", "Fini", null]]);
    wb.addWorksheet("Bilan (2)").addRows([
      HEADER.split(";"),
      [1, "1.1.2", "Former", "Réalisé", 100],
    ]);
    wb.addWorksheet("Constats").addRows([
      ["Axe", "Type", "Constat", "Source / preuve"],
      [1, "Faiblesse", "Manque de moyens de l'Etat", "p1"],
      [1, "Faiblesse", "manque de moyens de l’Etat", "p2"],
    ]);
    const dir = workshop({ "J1/groupe-1.xlsx": Buffer.from(await wb.xlsx.writeBuffer()) });
    const r = await run("validate", dir, "--format", "json");
    const out = JSON.parse(r.out);
    expect(out.files[0].problems.map((p: Record<string, unknown>) => [p.code, p.cell])).toEqual([
      ["invalid-value", "Bilan!D2"],
      ["duplicate-constat", "Constats!C3"],
    ]);
    expect(out.summary).toMatchObject({ accepted: 2, rejected: 2 });
  });
});

// --- found by a fourth round of trying ---------------------------------------------------------

describe("sessions however they are written", () => {
  it("orders « Jour 1 », « J3 », « Jour 10 » by their number: the latest value wins", async () => {
    const { json } = await compile({
      "atelier.config.json": JSON.stringify({ sessions: ["J1", "J2", "J3"] }),
      "compil.csv": `Session;Groupe;${HEADER}\r\nJ3;Groupe 1;1;1.1.1;X;Réalisé;100;;\r\nJour 1;Groupe 1;1;1.1.1;X;En cours;10;;\r\nJour 10;Groupe 3;1;1.1.3;X;Réalisé;100;;\r\nJour 9;Groupe 3;1;1.1.3;X;En cours;30;;\r\n`,
    });
    expect(activity(json, "1.1.1")).toMatchObject({ statut: "realise", taux_realisation: 100 });
    expect(activity(json, "1.1.3")).toMatchObject({ statut: "realise", taux_realisation: 100 });
    expect(json.indicateurs.taux_realisation.global).toBe(1);
  });

  it("never lets a folder the configuration does not list override a listed session", async () => {
    const { json } = await compile({
      "atelier.config.json": JSON.stringify({ sessions: ["J1", "J2", "J3"] }),
      "J3/gt1.csv": `${HEADER};Groupe\r\n1;1.1.1;X;Réalisé;100;;;GT 1\r\n`,
      "Archives/gt1.csv": `${HEADER};Groupe\r\n1;1.1.1;X;En cours;10;;;GT 1\r\n`,
    });
    expect(activity(json, "1.1.1")).toMatchObject({ statut: "realise", taux_realisation: 100 });
  });

  it("takes « J2 - 19/07/2023 » in J2/ for J2, without a warning", async () => {
    const dir = workshop({
      "J2/a.csv": `${HEADER};Session;Groupe\r\n1;1.1.1;Former;Réalisé;;;;J2 - 19/07/2023;GT A\r\n`,
      "J2/b.csv": `${HEADER};Session;Groupe\r\n1;1.1.2;Former;Réalisé;;;;Jour 2 (19 juillet 2023);GT B\r\n`,
    });
    const r = await run("validate", dir, "--format", "json");
    expect(JSON.parse(r.out).summary.warnings).toBe(0);
  });
});

describe("what an activity is stays with it", () => {
  it("an empty « Activité non programmée » in a later assessment does not cancel the mark", async () => {
    const header = `${HEADER};Activité non programmée;Groupe`;
    const { json } = await compile({
      "J1/g1.csv": `${header}\r\n4;4.4.1;Mission;Réalisé;100;;;Oui;G1\r\n4;4.1.1;Comité;Réalisé;100;;;;G1\r\n`,
      "J2/g1.csv": `${header}\r\n4;4.4.1;Mission;Partiellement réalisé;80;;;;G1\r\n`,
    });
    expect(activity(json, "4.4.1")).toMatchObject({ hors_plan: true, statut: "partiel" });
    // 4.4.1 is outside every figure: the rate is 4.1.1's alone.
    expect(json.indicateurs.taux_realisation.global).toBe(1);
    expect(json.conflits).toEqual([]);
  });

  it("takes « G1 » and « Groupe 1 » for one group: a later file is a version", async () => {
    const { json } = await compile({
      "J2/g1.csv": `${HEADER};Groupe\r\n1;1.1.1;X;En cours;40;;;G1\r\n`,
      "J2/groupe-1-v2.csv": `${HEADER};Groupe\r\n1;1.1.1;X;Réalisé;100;;;Groupe 1\r\n`,
    });
    expect(activity(json, "1.1.1")).toMatchObject({ statut: "realise", taux_realisation: 100 });
    expect(json.conflits).toEqual([]);
    expect(json.remplacees).toHaveLength(1);
  });
});

// --- found by a fifth round of trying ----------------------------------------------------------

describe("sessions that share a number are not one session", () => {
  it("orders « J1 matin » before « J1 après-midi » as configured: an update, whatever the file times", async () => {
    const dir = workshop({
      "atelier.config.json": JSON.stringify({ sessions: ["J1 matin", "J1 après-midi", "J2"] }),
      "J1 matin/g1.csv": `${HEADER};Groupe\r\n1;1.1.1;X;En cours;40;;;G1\r\n`,
      "J1 après-midi/g1.csv": `${HEADER};Groupe\r\n1;1.1.1;X;Réalisé;100;;;G1\r\n`,
    });
    // The morning's file saved last: it is still the earlier session.
    utimesSync(
      join(dir, "J1 matin", "g1.csv"),
      new Date("2023-07-18T18:00:00Z"),
      new Date("2023-07-18T18:00:00Z"),
    );
    utimesSync(
      join(dir, "J1 après-midi", "g1.csv"),
      new Date("2023-07-18T12:00:00Z"),
      new Date("2023-07-18T12:00:00Z"),
    );
    await run("compile", dir);
    const json = JSON.parse(
      readFileSync(join(dir, "sortie", "consolidation.json"), "utf8"),
    ) as Json;
    expect(activity(json, "1.1.1")).toMatchObject({ statut: "realise", taux_realisation: 100 });
    expect(json.summary).toMatchObject({ updates: 1, rows: { replaced: 0 } });
  });

  it("a « J1 bis » folder the configuration does not list never replaces J1", async () => {
    const { json, dir } = await compile({
      "atelier.config.json": JSON.stringify({ sessions: ["J1", "J2", "J3"] }),
      "J1/g1.csv": `${HEADER};Groupe\r\n1;1.1.1;X;Réalisé;100;;;G1\r\n`,
      "J1 bis/g1.csv": `${HEADER};Groupe\r\n1;1.1.1;X;En cours;40;;;G1\r\n`,
    });
    expect(activity(json, "1.1.1")).toMatchObject({ statut: "realise", taux_realisation: 100 });
    const journal = JSON.parse(readFileSync(join(dir, "sortie", "journal.json"), "utf8"));
    expect(
      journal.files.flatMap((f: { problems: Record<string, unknown>[] }) =>
        f.problems.map((p) => [p.code, p.value]),
      ),
    ).toEqual([["unknown-session", "J1 bis"]]);
  });

  it("a session column naming a session the configuration does not list is said", async () => {
    const { problems } = await validated({
      "atelier.config.json": JSON.stringify({ sessions: ["J1", "J2", "J3"] }),
      "compil.csv": `Session;Groupe;${HEADER}\r\nJ3;Groupe 4;1;1.2.1;X;En cours;30;;\r\nJ4;Groupe 4;1;1.2.2;X;Réalisé;100;;\r\n`,
    });
    expect(problems.map((p) => [p.code, p.cell, p.value])).toEqual([
      ["unknown-session", "A3", "J4"],
    ]);
  });

  it("a date without its year beside the session is set aside too", async () => {
    const { json } = await compile({
      "atelier.config.json": JSON.stringify({ sessions: ["Jour 1 - 18.07", "Jour 2 - 19.07"] }),
      "J1/g1.csv": `${HEADER};Groupe\r\n1;1.1.1;X;Réalisé;100;;;G1\r\n`,
      "J2 - 19-07/g1.csv": `${HEADER};Groupe\r\n1;1.1.1;X;En cours;40;;;G1\r\n`,
    });
    expect(activity(json, "1.1.1")).toMatchObject({ statut: "en_cours", taux_realisation: 40 });
    expect(json.summary).toMatchObject({ warnings: 0, updates: 1 });
  });

  it("a group written with a dash as LibreOffice corrects it is the same group", async () => {
    const { json } = await compile({
      "J2/groupe-1.csv": `${HEADER};Groupe\r\n1;1.1.1;X;En cours;40;;;Groupe 1 - Prévention\r\n`,
      "J2/groupe-1-v2-corrige.csv": `${HEADER};Groupe\r\n1;1.1.1;X;Réalisé;100;;;Groupe 1 – (Prévention)\r\n`,
    });
    expect(activity(json, "1.1.1")).toMatchObject({ statut: "realise", taux_realisation: 100 });
    expect(json.conflits).toEqual([]);
  });
});
