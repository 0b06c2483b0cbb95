import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateFiles } from "../src/commands/validate.js";
import { hintOf, messageOf } from "../src/i18n/index.js";
import { causeOf, displayPath, unreadable } from "../src/read/index.js";
import {
  BILAN_HEADER,
  PLANNED_CONFIG as CONFIG,
  CONSTATS_HEADER as CONSTATS,
  PLAN,
  run,
  workshop,
} from "./helpers/workshop.js";

/**
 * What the folder walk of `compile` and `validate` reads: never atelier's own outputs, whatever
 * their folder is called; never a blank template as a group; and one file that cannot be opened
 * is one file-level problem, the other files read as if it were not there.
 */

function sample() {
  return workshop({
    "atelier.config.json": CONFIG,
    "plan.csv": PLAN,
    "J1/groupe-1.csv": `${BILAN_HEADER}1;1.1.1;Sensibiliser;Réalisé;100;1 500 000;1 200 000\r\n1;1.1.2;Former;En cours;50;;\r\n`,
    "J1/groupe-2.csv": `${CONSTATS}1;Faiblesse;Faible coordination des acteurs\r\n`,
    "J2/groupe-3.csv": `${BILAN_HEADER}2;2.1.1;Assister;Réalisé;100;;\r\n`,
  });
}

const journal = (dir: string, out = "sortie") =>
  JSON.parse(readFileSync(join(dir, out, "journal.json"), "utf8"));
const consolidation = (dir: string, out = "sortie") =>
  JSON.parse(readFileSync(join(dir, out, "consolidation.json"), "utf8"));
const paths = (j: { files: { path: string }[] }) => j.files.map((f) => f.path);

/** `validate --format json` in a workshop: its paths relative to the workshop, like compile's. */
async function validateJson(dir: string, ...args: string[]) {
  return validated(dir, await run("validate", dir, "--format", "json", ...args));
}

/** A `validate --format json` run's result, its paths relative to the workshop. */
function validated(dir: string, r: { code: number | null; out: string }) {
  const prefix = new RegExp(`^.*${basename(dir)}/`);
  const result = JSON.parse(r.out);
  for (const f of result.files) {
    f.path = f.path.replace(prefix, "");
    for (const p of f.problems) p.file = p.file.replace(prefix, "");
  }
  for (const s of result.skipped) s.path = s.path.replace(prefix, "");
  return { code: r.code, result };
}
/** Root reads everything: permissions are tried as `nobody` (setpriv), the workshop opened to it. */
const ROOT = process.getuid?.() === 0;
const AS_NOBODY = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", process.execPath];
/** Whether `nobody` can run the program where it lies (not in a checkout under a private folder). */
const nobodyRuns =
  ROOT && spawnSync("setpriv", [...AS_NOBODY, "dist/bin.js", "--version"]).status === 0;

function openToAll(dir: string) {
  if (ROOT) for (const d of [dir, join(dir, "J1"), join(dir, "J2")]) chmodSync(d, 0o777);
}

/** atelier as a user bound by permissions: as root, run as `nobody`; else in this process. */
async function unprivileged(...argv: string[]) {
  if (!ROOT) return run(...argv);
  const r = spawnSync("setpriv", [...AS_NOBODY, "dist/bin.js", ...argv], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const codes = (j: { files: { path: string; problems: { code: string }[] }[] }) =>
  j.files.map((f) => [f.path, f.problems.map((p) => p.code)]);

/** The one problem of a file that could not be opened, as `journal.json` writes it. */
function refused(file: string, reason: string, hint: string) {
  return {
    code: "file-unreadable",
    severity: "error",
    file,
    sheet: null,
    row: null,
    column: null,
    header: null,
    cell: null,
    field: null,
    value: null,
    message: `Fichier illisible : ${reason}`,
    hint,
  };
}

const FOLDER_FIX =
  "C'est un dossier, pas un fichier : renommez-le (sans .csv ni .xlsx) ou sortez-le du dossier de l'atelier";

describe("never read back", () => {
  it("skips an earlier output folder renamed sortie.ancienne: the same submissions are read", async () => {
    const dir = sample();
    expect((await run("compile", dir)).code).toBe(0);
    const first = consolidation(dir);
    const firstJournal = journal(dir);
    renameSync(join(dir, "sortie"), join(dir, "sortie.ancienne"));
    const r = await run("compile", dir);
    expect([r.code, r.err]).toEqual([0, ""]);
    const second = consolidation(dir);
    expect(second.summary).toEqual(first.summary);
    expect(paths(journal(dir))).toEqual([
      "plan.csv",
      "J1/groupe-1.csv",
      "J1/groupe-2.csv",
      "J2/groupe-3.csv",
    ]);
    expect(codes(journal(dir))).toEqual(codes(firstJournal));
    expect(journal(dir).skipped).toEqual([
      { path: "atelier.config.json", reason: "workshop-file" },
      { path: "plan.csv", reason: "workshop-file" },
      { path: "sortie.ancienne", reason: "output-folder" },
    ]);
  });

  it("skips a --out resultats folder inside the workshop, and a marked output folder in a session", async () => {
    const dir = sample();
    expect((await run("compile", dir, "--out", join(dir, "resultats"))).code).toBe(0);
    const first = consolidation(dir, "resultats");
    mkdirSync(join(dir, "J1", "sortie"));
    writeFileSync(join(dir, "J1", "sortie", ".atelier-sortie.json"), "{}");
    writeFileSync(
      join(dir, "J1", "sortie", "bilan.csv"),
      readFileSync(join(dir, "J1/groupe-1.csv")),
    );
    const r = await run("compile", dir);
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(consolidation(dir).summary).toEqual(first.summary);
    expect(paths(journal(dir))).toEqual(paths(journal(dir, "resultats")));
    expect(
      journal(dir).skipped.filter((s: { reason: string }) => s.reason === "output-folder"),
    ).toEqual([
      { path: "J1/sortie", reason: "output-folder" },
      { path: "resultats", reason: "output-folder" },
    ]);
    // validate lists them with the other skipped files, in French.
    const v = await run("validate", dir);
    expect(v.code).toBe(0);
    expect(v.out).toContain("(résultats d'une compilation (atelier), non relus)");
    expect(v.out.split("\n").filter((l) => l.includes("non relus"))).toHaveLength(2);
    const en = await validateJson(dir, "--lang", "en");
    expect(en.result.summary.files).toBe(3);
    expect(
      en.result.skipped.filter((s: { reason: string }) => s.reason === "output-folder"),
    ).toEqual([
      { path: "J1/sortie", reason: "output-folder" },
      { path: "resultats", reason: "output-folder" },
    ]);
  });

  it("passes over a workshop copied inside the workshop: its groups and its plan stay its own", async () => {
    const dir = sample();
    expect((await run("compile", dir)).code).toBe(0);
    const first = consolidation(dir);
    mkdirSync(join(dir, "J1", "Atelier 2019"));
    for (const [name, text] of Object.entries({
      "atelier.config.json": CONFIG,
      "plan.csv": PLAN,
      "J1/groupe-9.csv": `${BILAN_HEADER}3;3.1.1;Poursuivre;Réalisé;100;;\r\n`,
    })) {
      mkdirSync(join(dir, "J1", "Atelier 2019", name, ".."), { recursive: true });
      writeFileSync(join(dir, "J1", "Atelier 2019", name), text);
    }
    const r = await run("compile", dir);
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(consolidation(dir).summary).toEqual(first.summary);
    expect(paths(journal(dir))).toEqual([
      "plan.csv",
      "J1/groupe-1.csv",
      "J1/groupe-2.csv",
      "J2/groupe-3.csv",
    ]);
    expect(journal(dir).skipped).toEqual([
      { path: "atelier.config.json", reason: "workshop-file" },
      { path: "J1/Atelier 2019", reason: "other-workshop" },
      { path: "plan.csv", reason: "workshop-file" },
    ]);
    // validate merges nothing: it checks the inner workshop too, against its own plan.
    const v = await validateJson(dir);
    expect(v.code).toBe(0);
    expect(codes(v.result).filter(([path]) => String(path).includes("2019"))).toEqual([
      ["J1/Atelier 2019/plan.csv", []],
      ["J1/Atelier 2019/J1/groupe-9.csv", ["group-guessed", "unknown-activity"]],
    ]);
    expect(v.result.skipped).toEqual([
      { path: "atelier.config.json", reason: "workshop-file" },
      { path: "plan.csv", reason: "workshop-file" },
      { path: "J1/Atelier 2019/atelier.config.json", reason: "workshop-file" },
      { path: "J1/Atelier 2019/plan.csv", reason: "workshop-file" },
    ]);
    // Named itself, it is a workshop like any other.
    const inner = await validateJson(join(dir, "J1", "Atelier 2019"));
    expect(inner.code).toBe(0);
    expect(inner.result.files.map((f: { path: string }) => f.path)).toEqual([
      "plan.csv",
      "J1/groupe-9.csv",
    ]);
  });
});

describe("one bad file never stops the rest", () => {
  it("a folder named like a spreadsheet is a file-level error; the others are read", async () => {
    const dir = sample();
    mkdirSync(join(dir, "J1", "groupe-4.csv"));
    mkdirSync(join(dir, "J2", "groupe-5.xlsx"));
    // An extracted workbook: not walked into as a session either.
    writeFileSync(join(dir, "J2", "groupe-5.xlsx", "[Content_Types].xml"), "<Types/>");
    const v = await run("validate", dir, "--format", "json");
    expect(v.out).not.toMatch(/EISDIR|EACCES|ENOENT|erreur interne/);
    const { code, result } = await validateJson(dir);
    expect(code).toBe(1);
    expect(result.files.map((f: { path: string }) => f.path)).toEqual([
      "plan.csv",
      "J1/groupe-1.csv",
      "J1/groupe-2.csv",
      "J1/groupe-4.csv",
      "J2/groupe-3.csv",
      "J2/groupe-5.xlsx",
    ]);
    const problems = (path: string) =>
      result.files.find((f: { path: string }) => f.path === path).problems;
    expect(problems("J1/groupe-4.csv")).toEqual([
      refused("J1/groupe-4.csv", "c'est un dossier, pas un fichier", FOLDER_FIX),
    ]);
    expect(problems("J2/groupe-5.xlsx")).toEqual([
      refused("J2/groupe-5.xlsx", "c'est un dossier, pas un fichier", FOLDER_FIX),
    ]);
    expect(result.summary).toMatchObject({ files: 5, rows: 4, accepted: 4, errors: 2 });

    const c = await run("compile", dir);
    expect([c.code, c.err]).toEqual([0, ""]);
    expect(c.out).not.toMatch(/EISDIR|erreur interne/);
    expect(consolidation(dir).summary.rows).toMatchObject({ read: 4, accepted: 4 });
    expect(consolidation(dir).bilan.map((b: { code_activite: string }) => b.code_activite)).toEqual(
      ["1.1.1", "1.1.2", "2.1.1"],
    );
  });

  it("a resolutions.csv that is a folder: said in plain French with its fix, compile goes on", async () => {
    const dir = sample();
    mkdirSync(join(dir, "resolutions.csv"));
    const v = await validateJson(dir);
    expect(v.code).toBe(1);
    const file = v.result.files.find((f: { path: string }) => f.path === "resolutions.csv");
    expect(file.problems).toEqual([
      refused("resolutions.csv", "c'est un dossier, pas un fichier", FOLDER_FIX),
    ]);
    const c = await run("compile", dir);
    expect([c.code, c.err]).toEqual([0, ""]);
    expect(consolidation(dir).summary.rows).toMatchObject({ read: 4, accepted: 4 });
    const en = await validateJson(dir, "--lang", "en");
    const problem = en.result.files.find((f: { path: string }) => f.path === "resolutions.csv")
      .problems[0];
    expect([problem.message, problem.hint]).toEqual([
      "Unreadable file: this is a folder, not a file",
      "This is a folder, not a file: rename it (without .csv or .xlsx) or move it out of the workshop folder",
    ]);
  });

  it.skipIf(ROOT && !nobodyRuns)(
    "a file without read permission is a file-level error; the others are read",
    async () => {
      const dir = sample();
      openToAll(dir);
      chmodSync(join(dir, "J1", "groupe-2.csv"), 0o000);
      try {
        const { code, result } = validated(
          dir,
          await unprivileged("validate", dir, "--format", "json"),
        );
        expect(code).toBe(1);
        expect(
          result.files.find((f: { path: string }) => f.path === "J1/groupe-2.csv").problems,
        ).toEqual([
          refused(
            "J1/groupe-2.csv",
            "accès refusé : le fichier est ouvert dans un autre programme ou protégé",
            "Fermez le fichier dans Excel et réessayez ; s'il est fermé, donnez le droit de le lire (Propriétés > Sécurité) ou copiez-le",
          ),
        ]);
        expect(result.summary).toMatchObject({ files: 3, rows: 3, accepted: 3, errors: 1 });
        const c = await unprivileged("compile", dir);
        expect([c.code, c.err]).toEqual([0, ""]);
      } finally {
        chmodSync(join(dir, "J1", "groupe-2.csv"), 0o644);
      }
    },
  );

  it.skipIf(ROOT && !nobodyRuns)(
    "a session folder that cannot be listed is skipped with a note; the others are read",
    async () => {
      const dir = sample();
      openToAll(dir);
      chmodSync(join(dir, "J2"), 0o000);
      try {
        const { code, result } = validated(
          dir,
          await unprivileged("validate", dir, "--format", "json"),
        );
        expect(code).toBe(0);
        expect(result.files.map((f: { path: string }) => f.path)).toEqual([
          "plan.csv",
          "J1/groupe-1.csv",
          "J1/groupe-2.csv",
        ]);
        expect(result.skipped).toContainEqual({ path: "J2", reason: "unreadable-folder" });
        const v = await unprivileged("validate", dir);
        expect(v.out).toContain(
          "(dossier illisible (droits d'accès) : ses fichiers ne sont pas lus)",
        );
      } finally {
        chmodSync(join(dir, "J2"), 0o755);
      }
    },
  );

  it("a file that vanishes between the walk and the read: said, the next ones are read", async () => {
    const dir = sample();
    const { validation } = await validateFiles([dir], {
      onFile: (path) => {
        // While the first file is read, the second is taken away.
        if (path === "J1/groupe-1.csv") rmSync(join(dir, "J1", "groupe-2.csv"));
      },
      base: dir,
    });
    expect(validation.files.map((f) => [f.path, f.issues.map((i) => i.code)])).toEqual([
      ["J1/groupe-1.csv", ["group-guessed"]],
      ["J1/groupe-2.csv", ["file-unreadable"]],
      ["J2/groupe-3.csv", ["group-guessed"]],
    ]);
    const gone = validation.files[1]?.issues[0];
    expect(gone && [gone.file, messageOf(gone, "fr"), hintOf(gone, "fr")]).toEqual([
      "J1/groupe-2.csv",
      "Fichier illisible : le fichier a disparu pendant la lecture",
      "Le fichier a disparu pendant la lecture : relancez la commande une fois les fichiers en place",
    ]);
    expect(validation.summary).toMatchObject({ files: 3, rows: 3, accepted: 3, errors: 1 });
  });

  it("each system error becomes a cause in words, never its code", () => {
    const cases: [string | undefined, string, string, string][] = [
      [
        "EACCES",
        "denied",
        "accès refusé : le fichier est ouvert dans un autre programme ou protégé",
        "Fermez le fichier dans Excel et réessayez ; s'il est fermé, donnez le droit de le lire (Propriétés > Sécurité) ou copiez-le",
      ],
      [
        "EPERM",
        "denied",
        "accès refusé : le fichier est ouvert dans un autre programme ou protégé",
        "Fermez le fichier dans Excel et réessayez ; s'il est fermé, donnez le droit de le lire (Propriétés > Sécurité) ou copiez-le",
      ],
      [
        "EBUSY",
        "busy",
        "le fichier est verrouillé par un autre programme",
        "Fermez le fichier dans Excel et réessayez",
      ],
      ["EISDIR", "folder", "c'est un dossier, pas un fichier", FOLDER_FIX],
      [
        "ENOENT",
        "vanished",
        "le fichier a disparu pendant la lecture",
        "Le fichier a disparu pendant la lecture : relancez la commande une fois les fichiers en place",
      ],
      [
        "EIO",
        "system",
        "le système n'a pas pu lire le fichier",
        "Réessayez ; si le problème persiste, copiez le fichier sur le disque de l'ordinateur et relancez",
      ],
      [
        undefined,
        "system",
        "le système n'a pas pu lire le fichier",
        "Réessayez ; si le problème persiste, copiez le fichier sur le disque de l'ordinateur et relancez",
      ],
    ];
    for (const [code, cause, reason, hint] of cases) {
      const e = Object.assign(new Error(`${code}: open 'x.csv'`), { code });
      expect(causeOf(e)).toBe(cause);
      const raw = unreadable({ abs: "/tmp/x.csv", path: "J1/x.csv" }, e);
      const [problem] = raw.issues;
      expect(raw.sheets).toEqual([]);
      expect(problem && [problem.code, problem.severity, problem.file]).toEqual([
        "file-unreadable",
        "error",
        "J1/x.csv",
      ]);
      expect(problem && [messageOf(problem, "fr"), hintOf(problem, "fr")]).toEqual([
        `Fichier illisible : ${reason}`,
        hint,
      ]);
      expect(problem && `${messageOf(problem, "en")} ${hintOf(problem, "en")}`).not.toMatch(
        /E[A-Z]{3,}/,
      );
    }
  });

  it("an unreadable workbook keeps its resave fix", async () => {
    const dir = sample();
    writeFileSync(join(dir, "J2", "groupe-6.xlsx"), "Axe;Code\r\n1;1.1.1\r\n");
    const { result } = await validateJson(dir);
    const file = result.files.find((f: { path: string }) => f.path === "J2/groupe-6.xlsx");
    expect(file.problems).toEqual([
      refused(
        "J2/groupe-6.xlsx",
        "le fichier semble être un CSV renommé en .xlsx",
        "Ouvrez le fichier dans Excel ou LibreOffice et enregistrez-le à nouveau (.xlsx ou .ods)",
      ),
    ]);
  });
});

describe("blank templates", () => {
  it("a blank template in a session folder is skipped with a note, not read as a group", async () => {
    const dir = sample();
    const config = join(dir, "atelier.config.json");
    // The workbook atelier template writes, its Bilan prefilled from the plan and left as it is;
    // and a header-only CSV template.
    const t = await run(
      "template",
      "--config",
      config,
      "--out",
      join(dir, "J2", "modele.xlsx"),
      "--groupe",
      "Groupe 4",
    );
    expect(t.code).toBe(0);
    const csv = await run(
      "template",
      "--config",
      config,
      "--format",
      "csv",
      "--kind",
      "bilan",
      "--out",
      join(dir, "J1"),
    );
    expect(csv.code).toBe(0);
    expect(existsSync(join(dir, "J1", "bilan.csv"))).toBe(true);
    const before = sample();
    expect((await run("compile", before)).code).toBe(0);

    const c = await run("compile", dir);
    expect([c.code, c.err]).toEqual([0, ""]);
    expect(paths(journal(dir))).toEqual([
      "plan.csv",
      "J1/groupe-1.csv",
      "J1/groupe-2.csv",
      "J2/groupe-3.csv",
    ]);
    expect(codes(journal(dir))).toEqual(codes(journal(before)));
    expect(consolidation(dir).summary).toEqual(consolidation(before).summary);
    expect(journal(dir).skipped).toEqual([
      { path: "atelier.config.json", reason: "workshop-file" },
      { path: "plan.csv", reason: "workshop-file" },
      { path: "J1/bilan.csv", reason: "blank-template" },
      { path: "J2/modele.xlsx", reason: "blank-template" },
    ]);
    const v = await run("validate", dir);
    expect(v.code).toBe(0);
    expect(v.out).toContain("J1/bilan.csv (modèle vierge : aucune ligne saisie)");
    expect(v.out).toContain("J2/modele.xlsx (modèle vierge : aucune ligne saisie)");
    expect(v.out).not.toContain("group-guessed] ");
    expect(v.out).not.toContain("[no-data]");

    // Named on its own, a template is checked, not skipped.
    const named = JSON.parse(
      (await run("validate", join(dir, "J2", "modele.xlsx"), "--format", "json")).out,
    );
    expect(named.summary.files).toBe(1);
    expect(named.skipped).toEqual([]);
  });

  it("a template with one row filled in is a group's file", async () => {
    const dir = sample();
    writeFileSync(join(dir, "J2", "bilan.csv"), `${BILAN_HEADER}1;1.1.2;Former;Réalisé;100;;\r\n`);
    const j = (await validateJson(dir)).result;
    expect(j.skipped.map((s: { reason: string }) => s.reason)).not.toContain("blank-template");
    expect(j.files.map((f: { path: string }) => f.path)).toContain("J2/bilan.csv");
  });

  it("an empty file or a header nobody recognises is still an error, not a blank template", async () => {
    const dir = sample();
    writeFileSync(join(dir, "J2", "vide.csv"), "");
    writeFileSync(join(dir, "J2", "notes.csv"), "Quoi;Qui\r\n");
    const j = (await validateJson(dir)).result;
    expect(
      j.files
        .filter((f: { path: string }) => ["J2/vide.csv", "J2/notes.csv"].includes(f.path))
        .map((f: { path: string; problems: { code: string }[] }) => [
          f.path,
          f.problems.map((p) => p.code),
        ]),
    ).toEqual([
      ["J2/notes.csv", ["header-not-found"]],
      ["J2/vide.csv", ["empty-file"]],
    ]);
  });
});

describe("what the walk meets beside the groups' files", () => {
  it("a blank template at the workshop's top is skipped by compile with a note, not read as a group", async () => {
    const dir = sample();
    const config = join(dir, "atelier.config.json");
    await run("template", "--config", config, "--out", join(dir, "fiche-vierge.xlsx"));
    await run("template", "--config", config, "--format", "csv", "--out", dir);
    const c = await run("compile", dir, "--strict");
    expect(c.out).toContain("    fiche-vierge.xlsx (modèle vierge : aucune ligne saisie)\n");
    expect(
      journal(dir).skipped.filter((s: { reason: string }) => s.reason === "blank-template"),
    ).toEqual([
      { path: "bilan.csv", reason: "blank-template" },
      { path: "constats.csv", reason: "blank-template" },
      { path: "fiche-vierge.xlsx", reason: "blank-template" },
      { path: "propositions.csv", reason: "blank-template" },
    ]);
    // No feedback sheet for a template: the groups are the three that filled theirs.
    expect(c.out).toContain(
      "Fiches de retour pour 3 groupes (retours/) : groupe-1, groupe-2, groupe-3",
    );
  });

  it("a link to a spreadsheet that is gone is a file that cannot be read, said loudly", async () => {
    const dir = sample();
    symlinkSync(join(dir, "J1", "parti.csv"), join(dir, "J1", "lien.csv"));
    const c = await run("compile", dir, "--strict");
    expect(c.code).toBe(1);
    expect(c.out.trimEnd().split("\n").at(-1)).toBe(
      "J1/lien.csv n'a pas pu être lu : aucune de ses lignes n'est dans les résultats — Fichier illisible : c'est un lien vers un fichier qui n'existe plus → Remettez le fichier à l'endroit où pointe le lien, ou remplacez le lien par le fichier",
    );
  });

  it("an output folder named to validate is refused in words, never read as submissions", async () => {
    const dir = sample();
    await run("compile", dir, "--out", join(dir, "resultats"));
    const v = await run("validate", join(dir, "resultats"));
    expect([v.code, v.err]).toEqual([
      2,
      `atelier : ${displayPath(join(dir, "resultats"), process.cwd())} contient les résultats d'une compilation d'atelier, qui ne sont jamais relus comme des fiches : donnez le dossier de l'atelier ou les fichiers des groupes.\n`,
    ]);
  });

  it("an output folder that is a link: the outputs go where it points, the link stays", async () => {
    const dir = sample();
    const shared = workshop({});
    symlinkSync(shared, join(dir, "sortie"));
    expect((await run("compile", dir)).code).toBe(0);
    expect(lstatSync(join(dir, "sortie")).isSymbolicLink()).toBe(true);
    expect(existsSync(join(shared, "consolidation.json"))).toBe(true);
    expect((await run("compile", dir)).code).toBe(0);
    expect(existsSync(join(shared, "precedent", "consolidation.json"))).toBe(true);
  });

  it("a reader that stops early (| head) gets no stack trace", async () => {
    const dir = sample();
    const { spawn } = await import("node:child_process");
    const err = await new Promise<string>((done) => {
      const child = spawn(process.execPath, ["dist/bin.js", "validate", dir, "--all"]);
      let text = "";
      // Closed before the command writes: its output meets a closed pipe (EPIPE).
      child.stdout.destroy();
      child.stderr.on("data", (d) => {
        text += d;
      });
      child.on("close", () => done(text));
    });
    expect(err).toBe("");
  });
});
