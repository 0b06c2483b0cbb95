import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { displayPath } from "../src/read/index.js";
import { BILAN_HEADER, COMPILED, run, workshop } from "./helpers/workshop.js";

/**
 * Issue 14, parts 1, 3 and the refusals of part 8: the output folder belongs to the rapporteur
 * too; one command at a time writes there; what cannot run is said at once.
 */

const CONFIG = JSON.stringify({ sessions: ["J1", "J2"] });

function sample(extra: Record<string, string> = {}) {
  return workshop({
    "atelier.config.json": CONFIG,
    // Each file names its group: a clean workshop, with no feedback sheet to write.
    "J1/groupe-1.csv": `Groupe;${BILAN_HEADER}Groupe 1;1;1.1.1;Sensibiliser;Réalisé;100;1000;900\r\n`,
    "J2/groupe-2.csv": `Groupe;${BILAN_HEADER}Groupe 2;1;1.1.2;Former;En cours;50;1000;400\r\n`,
    ...extra,
  });
}

/** Every file of a folder, relative with `/`, sorted. */
function tree(dir: string, rel = ""): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true })
    .flatMap((e) => {
      const name = rel ? `${rel}/${e.name}` : e.name;
      return e.isDirectory() ? [`${name}/`, ...tree(dir, name)] : [name];
    })
    .sort();
}

/** The rapporteur's files: text, a binary workbook, a folder with a subfolder and an empty one. */
const THEIRS: Record<string, Buffer> = {
  "notes.txt": Buffer.from("Points à revoir avec le groupe 3\n"),
  "matrice-annotee.xlsx": Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 255, 254]),
  "annexes/photo-plénière.jpg": Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
  "annexes/listes/présence J1.csv": Buffer.from("Nom;Structure\r\nA;B\r\n"),
};

function addTheirs(out: string) {
  for (const [name, bytes] of Object.entries(THEIRS)) {
    mkdirSync(join(out, name, ".."), { recursive: true });
    writeFileSync(join(out, name), bytes);
  }
  mkdirSync(join(out, "annexes", "vide"));
}

/**
 * Rights can be tested only as a user without them: as root, `setpriv` runs a command as
 * `nobody` (root reads and writes everything). Elsewhere, or where `nobody` cannot run atelier
 * (a checkout in a private folder), those tests are skipped, and say so.
 */
function asNobody(...command: string[]) {
  return spawnSync("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", ...command], {
    encoding: "utf8",
  });
}

const canSwitchUser =
  process.getuid?.() === 0 && asNobody(process.execPath, "dist/bin.js", "--version").status === 0;

/** A compile in a process of its own, as a second rapporteur's window would run it. */
function compileApart(dir: string) {
  return new Promise<{ code: number | null; err: string }>((done) => {
    const child = spawn(process.execPath, ["dist/bin.js", "compile", dir]);
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("close", (code) => done({ code, err }));
  });
}

const manifest = (out: string) =>
  JSON.parse(readFileSync(join(out, ".atelier-sortie.json"), "utf8")).files;

describe("only its own files in the output folder", () => {
  it("keeps the rapporteur's files byte-identical through three compiles, the previous set in precedent/", async () => {
    const dir = sample();
    const out = join(dir, "sortie");
    const first = await run("compile", dir);
    expect(first.code).toBe(0);
    expect(first.out).not.toContain("precedent");
    expect(tree(out)).toEqual(COMPILED);
    expect(manifest(out)).toEqual(COMPILED.slice(1));
    addTheirs(out);
    const mtime = statSync(join(out, "notes.txt")).mtimeMs;
    for (let i = 0; i < 3; i++) {
      const r = await run("compile", dir);
      expect(r.code).toBe(0);
      expect(r.out).toContain(
        `Les sorties précédentes sont gardées dans ${displayPath(out, process.cwd())}/precedent/ (pour revenir en arrière).\n`,
      );
      expect(r.out).not.toContain("Déplacé");
    }
    expect(tree(out)).toEqual(
      [
        ...COMPILED,
        "annexes/",
        "annexes/listes/",
        "annexes/listes/présence J1.csv",
        "annexes/photo-plénière.jpg",
        "annexes/vide/",
        "matrice-annotee.xlsx",
        "notes.txt",
        "precedent/",
        ...COMPILED.map((n) => `precedent/${n}`),
      ].sort(),
    );
    for (const [name, bytes] of Object.entries(THEIRS)) {
      expect(readFileSync(join(out, name)).equals(bytes), name).toBe(true);
    }
    expect(statSync(join(out, "notes.txt")).mtimeMs).toBe(mtime);
    // The manifest lists atelier's files only, never the rapporteur's.
    expect(manifest(out)).toEqual(COMPILED.slice(1));
  });

  it("keeps a file of theirs that bears the name of an output atelier had not written there yet", async () => {
    // An output folder of a version of atelier that wrote no Word report, where the rapporteur
    // saved their own rapport-bilan.docx.
    const dir = sample();
    const out = join(dir, "sortie");
    await run("compile", dir);
    const list = JSON.parse(readFileSync(join(out, ".atelier-sortie.json"), "utf8"));
    list.files = list.files.filter((f: string) => f !== "rapport-bilan.docx");
    delete list.stamps["rapport-bilan.docx"];
    writeFileSync(join(out, ".atelier-sortie.json"), JSON.stringify(list));
    const theirs = Buffer.from("le rapport amendé par le comité");
    writeFileSync(join(out, "rapport-bilan.docx"), theirs);
    const shown = displayPath(out, process.cwd());
    const r = await run("compile", dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `${shown}/rapport-bilan.docx n'a pas été écrit par atelier : il est gardé sous le nom « rapport-bilan (modifié).docx » (un nouveau rapport-bilan.docx est écrit).`,
    );
    expect(readFileSync(join(out, "rapport-bilan (modifié).docx")).equals(theirs)).toBe(true);
    expect(readFileSync(join(out, "rapport-bilan.docx")).subarray(0, 2).toString()).toBe("PK");
    // Theirs again, and this time report writes the document.
    const again = JSON.parse(readFileSync(join(out, ".atelier-sortie.json"), "utf8"));
    again.files = again.files.filter((f: string) => f !== "rapport-bilan.docx");
    delete again.stamps["rapport-bilan.docx"];
    writeFileSync(join(out, ".atelier-sortie.json"), JSON.stringify(again));
    writeFileSync(join(out, "rapport-bilan.docx"), theirs);
    const report = await run("report", dir, "--format", "docx", "--lang", "en");
    expect(report.code).toBe(0);
    expect(report.out).toContain(
      `${out}/rapport-bilan.docx was not written by atelier: it is kept as “rapport-bilan (edited).docx” (a new rapport-bilan.docx is written).`,
    );
    expect(readFileSync(join(out, "rapport-bilan (edited).docx")).equals(theirs)).toBe(true);
    expect(readFileSync(join(out, "rapport-bilan (modifié).docx")).equals(theirs)).toBe(true);
  });

  it("keeps an output it cannot tell unchanged (its list gone, or without its stamp)", async () => {
    const dir = sample();
    const out = join(dir, "sortie");
    await run("compile", dir);
    const amended = Buffer.from("le rapport amendé en comité");
    // The list gone: report cannot tell its own report from the committee's.
    writeFileSync(join(out, "rapport-bilan.docx"), amended);
    rmSync(join(out, ".atelier-sortie.json"));
    const r = await run("report", dir, "--format", "docx");
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `${out}/rapport-bilan.docx est peut-être modifié (la liste .atelier-sortie.json ne dit pas ce qu'atelier y avait écrit) : il est gardé sous le nom « rapport-bilan (modifié).docx » (un nouveau rapport-bilan.docx est écrit).`,
    );
    expect(readFileSync(join(out, "rapport-bilan (modifié).docx")).equals(amended)).toBe(true);
    // Listed without its stamp: compile keeps it too, beside the new one.
    writeFileSync(join(out, "rapport-bilan.docx"), amended);
    const list = JSON.parse(readFileSync(join(out, ".atelier-sortie.json"), "utf8"));
    delete list.stamps["rapport-bilan.docx"];
    writeFileSync(join(out, ".atelier-sortie.json"), JSON.stringify(list));
    const c = await run("compile", dir);
    expect(c.code).toBe(0);
    expect(readFileSync(join(out, "rapport-bilan (modifié 2).docx")).equals(amended)).toBe(true);
    // Unstamped but the very bytes written now: nothing to keep.
    process.env.SOURCE_DATE_EPOCH = "1689811200";
    try {
      await run("report", dir, "--format", "docx");
      const again = JSON.parse(readFileSync(join(out, ".atelier-sortie.json"), "utf8"));
      delete again.stamps["rapport-bilan.docx"];
      writeFileSync(join(out, ".atelier-sortie.json"), JSON.stringify(again));
      const same = await run("report", dir, "--format", "docx");
      expect(same.out).toBe(`Écrit dans ${out} :\n    rapport-bilan.docx\n`);
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
  });

  it("moves a file an earlier run wrote and this one does not to precedent/, and says so", async () => {
    const dir = sample();
    const out = join(dir, "sortie");
    await run("compile", dir);
    writeFileSync(join(out, "notes.txt"), "mes notes");
    const matrix = await run("matrix", dir, "--format", "md");
    expect(matrix.code).toBe(0);
    expect(manifest(out)).toEqual([...COMPILED.slice(1), "matrice-actions.md"].sort());
    const md = readFileSync(join(out, "matrice-actions.md"));
    const shown = displayPath(out, process.cwd());
    const r = await run("compile", dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `Déplacé dans ${shown}/precedent/ (écrit par une exécution précédente d'atelier, non régénéré cette fois) : matrice-actions.md\n`,
    );
    expect(existsSync(join(out, "matrice-actions.md"))).toBe(false);
    expect(readFileSync(join(out, "precedent", "matrice-actions.md")).equals(md)).toBe(true);
    expect(readdirSync(join(out, "precedent")).sort()).toEqual(
      [...COMPILED, "matrice-actions.md"].sort(),
    );
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mes notes");
    expect(manifest(out)).toEqual(COMPILED.slice(1));

    // In English, and in the JSON summary; the older precedent/ is replaced by this one.
    await run("matrix", dir, "--format", "md");
    const en = await run("compile", dir, "--lang", "en");
    expect(en.out).toContain(
      `Moved to ${shown}/precedent/ (written by an earlier run of atelier, not regenerated this time): matrice-actions.md\n`,
    );
    expect(en.out).toContain(
      `The previous outputs are kept in ${shown}/precedent/ (to go back).\n`,
    );
    await run("matrix", dir, "--format", "md");
    const json = JSON.parse((await run("compile", dir, "--format", "json")).out);
    expect([json.precedent, json.moved]).toEqual([true, ["matrice-actions.md"]]);
    const again = await run("compile", dir);
    expect(again.out).not.toContain("Déplacé");
    expect(readdirSync(join(out, "precedent")).sort()).toEqual(COMPILED);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mes notes");
  });

  it("report and matrix replace only their files and add them to the list", async () => {
    const dir = sample();
    const out = join(dir, "sortie");
    await run("compile", dir);
    addTheirs(out);
    const before = tree(out);
    const report = await run("report", dir, "--format", "md");
    expect(report.code).toBe(0);
    const matrix = await run("matrix", dir);
    expect(matrix.code).toBe(0);
    expect(tree(out)).toEqual(before);
    for (const [name, bytes] of Object.entries(THEIRS)) {
      expect(readFileSync(join(out, name)).equals(bytes), name).toBe(true);
    }
    expect(manifest(out)).toEqual(COMPILED.slice(1));
  });

  it("lists what report writes in a new folder, so that compile may then replace it", async () => {
    const dir = sample();
    const out = join(dir, "sortie");
    expect((await run("report", dir, "--format", "md")).code).toBe(0);
    expect(tree(out)).toEqual([".atelier-sortie.json", "rapport-bilan.md"]);
    expect(manifest(out)).toEqual(["rapport-bilan.md"]);
    writeFileSync(join(out, "notes.txt"), "x");
    expect((await run("compile", dir)).code).toBe(0);
    expect(readdirSync(join(out, "precedent")).sort()).toEqual([
      ".atelier-sortie.json",
      "rapport-bilan.md",
    ]);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("x");
  });

  it("refuses a folder it did not make that holds other files; takes one it made that holds only theirs", async () => {
    const dir = sample();
    const mine = join(dir, "mes-documents");
    mkdirSync(mine);
    writeFileSync(join(mine, "note.docx"), "x");
    const refused = await run("compile", dir, "--out", mine);
    expect([refused.code, refused.err]).toEqual([
      2,
      `atelier : Le dossier de sortie ${mine} contient déjà d'autres fichiers (note.docx…) : choisissez un dossier vide ou nouveau avec --out.\n`,
    ]);
    expect(tree(mine)).toEqual(["note.docx"]);

    // Every output deleted by hand, the list kept: still atelier's folder, their file kept.
    const out = join(dir, "sortie");
    await run("compile", dir);
    for (const name of COMPILED.slice(1)) rmSync(join(out, name));
    writeFileSync(join(out, "notes.txt"), "à garder");
    const r = await run("compile", dir);
    expect(r.code).toBe(0);
    expect(tree(out)).toEqual([...COMPILED, "notes.txt"].sort());
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("à garder");
  });

  it("recognises an output from before the list by consolidation.json and journal.json", async () => {
    const dir = sample();
    const out = join(dir, "sortie");
    await run("compile", dir);
    rmSync(join(out, ".atelier-sortie.json"));
    writeFileSync(join(out, "rapport-bilan.pdf"), "%PDF-1.4 ancien");
    writeFileSync(join(out, "notes.txt"), "à garder");
    const r = await run("compile", dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "(écrit par une exécution précédente d'atelier, non régénéré cette fois) : rapport-bilan.pdf\n",
    );
    expect(tree(out)).toEqual(
      [
        ...COMPILED,
        "notes.txt",
        "precedent/",
        // written for it, so that the next run knows precedent/ is atelier's
        "precedent/.atelier-sortie.json",
        ...COMPILED.slice(1).map((n) => `precedent/${n}`),
        "precedent/rapport-bilan.pdf",
      ].sort(),
    );
  });
});

describe("one command at a time in an output folder", () => {
  const lock = (dir: string) => join(dir, ".sortie.verrou");

  it("stops at once while another process holds the folder, in French or English", async () => {
    const dir = sample();
    mkdirSync(lock(dir));
    writeFileSync(
      join(lock(dir), "proprietaire.json"),
      JSON.stringify({
        pid: process.pid,
        host: (await import("node:os")).hostname(),
        started: Date.now(),
      }),
    );
    const out = join(dir, "sortie");
    const r = await run("compile", dir);
    expect([r.code, r.out, r.err]).toEqual([
      2,
      "",
      `atelier : une compilation est déjà en cours dans ${out} : attendez qu'elle se termine, puis relancez.\n`,
    ]);
    const en = await run("matrix", dir, "--lang", "en");
    expect([en.code, en.err]).toEqual([
      2,
      `atelier: a compile is already running in ${out}: wait for it to finish, then run again.\n`,
    ]);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(lock(dir))).toBe(true);
  });

  it("takes over the lock of a process that is gone, and leaves none behind", async () => {
    const dir = sample();
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    mkdirSync(lock(dir));
    writeFileSync(
      join(lock(dir), "proprietaire.json"),
      JSON.stringify({
        pid: gone,
        host: (await import("node:os")).hostname(),
        started: Date.now(),
      }),
    );
    const r = await run("compile", dir);
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(existsSync(lock(dir))).toBe(false);
    // An empty lock (killed before it named itself) left long ago is taken over too.
    mkdirSync(lock(dir));
    const old = new Date(Date.now() - 60_000);
    (await import("node:fs")).utimesSync(lock(dir), old, old);
    expect((await run("compile", dir)).code).toBe(0);
    expect(existsSync(lock(dir))).toBe(false);
  });

  it("two compiles at once: one writes a complete set, the other says so and exits 2", async () => {
    const files: Record<string, string> = { "atelier.config.json": CONFIG };
    const rows = (g: number) =>
      Array.from(
        { length: 500 },
        (_, i) =>
          `Groupe ${g};1;1.${Math.floor(i / 100) + 1}.${(i % 100) + 1};Activité ${i};En cours;50;1000;500\r\n`,
      ).join("");
    for (let g = 1; g <= 6; g++) files[`J1/groupe-${g}.csv`] = `Groupe;${BILAN_HEADER}${rows(g)}`;
    const dir = workshop(files);
    const out = join(dir, "sortie");
    const once = () => compileApart(dir);
    const results = await Promise.all([once(), once()]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 2]);
    const loser = results.find((r) => r.code === 2);
    expect(loser?.err).toBe(
      `atelier : une compilation est déjà en cours dans ${out} : attendez qu'elle se termine, puis relancez.\n`,
    );
    expect(tree(out)).toEqual(COMPILED);
    expect(JSON.parse(readFileSync(join(out, "consolidation.json"), "utf8")).summary.files).toBe(6);
    expect(existsSync(join(dir, ".sortie.verrou"))).toBe(false);
    expect(existsSync(`${out}.nouveau`)).toBe(false);
  }, 60_000);
});

describe("clear refusals", () => {
  it("compile, report and matrix on a folder with no spreadsheet exit 2 like validate, naming the folder", async () => {
    const dir = workshop({ "notes.txt": "x", "J1/.gitkeep": "" });
    for (const command of ["compile", "report", "matrix", "validate"]) {
      const r = await run(command, dir);
      expect([command, r.code, r.out, r.err]).toEqual([
        command,
        2,
        "",
        `atelier : Aucun classeur (.xlsx, .xls, .ods) ni fichier .csv à lire dans ${dir} (2 autres fichiers ignorés). Placez-y les fichiers des groupes.\n`,
      ]);
    }
    expect(readdirSync(dir).sort()).toEqual(["J1", "notes.txt"]);
  });

  it("--out that is a file, /dev/null or a path that cannot be written exits 2 at once", async () => {
    const dir = sample({ "deja.txt": "ne pas écraser" });
    const file = join(dir, "deja.txt");
    const cases: [string, string][] = [
      [
        file,
        `atelier : --out : ${file} ne peut pas être un dossier de sortie, car ${file} existe déjà et n'est pas un dossier. Donnez le chemin d'un dossier (par exemple --out resultats).\n`,
      ],
      [
        join(file, "sortie"),
        `atelier : --out : ${join(file, "sortie")} ne peut pas être un dossier de sortie, car ${file} existe déjà et n'est pas un dossier. Donnez le chemin d'un dossier (par exemple --out resultats).\n`,
      ],
      [
        "/dev/null",
        "atelier : --out : /dev/null ne peut pas être un dossier de sortie, car /dev/null existe déjà et n'est pas un dossier. Donnez le chemin d'un dossier (par exemple --out resultats).\n",
      ],
      [
        "/proc/sortie",
        "atelier : Impossible d'écrire dans /proc/sortie (chemin impossible à créer) : vérifiez les droits, l'espace disque, et fermez les fichiers du dossier sortie ouverts dans Excel.\n",
      ],
    ];
    for (const [out, message] of cases) {
      for (const command of ["compile", "report", "matrix"]) {
        const r = await run(command, dir, "--out", out);
        expect([r.code, r.out, r.err], `${command} --out ${out}`).toEqual([2, "", message]);
      }
    }
    expect(readFileSync(file, "utf8")).toBe("ne pas écraser");
    expect(readdirSync(dir).sort()).toEqual(["J1", "J2", "atelier.config.json", "deja.txt"]);
  });

  it("an invalid SOURCE_DATE_EPOCH exits 2 naming the variable", async () => {
    const dir = sample();
    try {
      for (const value of ["demain", "1e20", "100000000000000000000", "-5"]) {
        process.env.SOURCE_DATE_EPOCH = value;
        for (const command of ["compile", "report", "matrix"]) {
          const r = await run(command, dir);
          expect([r.code, r.out, r.err], `${command} ${value}`).toEqual([
            2,
            "",
            `atelier : la variable d'environnement SOURCE_DATE_EPOCH vaut « ${value} » : il faut un nombre entier de secondes depuis le 1er janvier 1970 (par exemple 1689811200), ou retirez-la.\n`,
          ]);
        }
        const en = await run("compile", dir, "--lang", "en");
        expect(en.err).toBe(
          `atelier: the environment variable SOURCE_DATE_EPOCH is “${value}”: it must be a whole number of seconds since 1 January 1970 (for example 1689811200), or unset it.\n`,
        );
      }
      expect(existsSync(join(dir, "sortie"))).toBe(false);
      process.env.SOURCE_DATE_EPOCH = "1689811200";
      expect((await run("compile", dir)).code).toBe(0);
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
  });
});

describe("a « precedent » the rapporteur made", () => {
  it.each([
    [
      "a folder",
      (p: string) => {
        mkdirSync(p);
        writeFileSync(join(p, "ma-note.txt"), "mine");
      },
    ],
    ["a file", (p: string) => writeFileSync(p, "my precedent file")],
  ])("is %s atelier never replaces: compile stops with exit 2, nothing lost", async (_, make) => {
    const dir = workshop({
      "J1/groupe-1.csv": `${BILAN_HEADER.replace("\r\n", ";Groupe\r\n")}1;1.1.1;Former;Réalisé;100;;;G1\r\n`,
    });
    expect((await run("compile", dir)).code).toBe(0);
    const previous = join(dir, "sortie", "precedent");
    make(previous);
    const before = readFileSync(join(dir, "sortie", "consolidation.json"));
    const r = await run("compile", dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("n'a pas été créé par atelier, qui y garde les sorties précédentes");
    expect(readFileSync(join(dir, "sortie", "consolidation.json"))).toEqual(before);
    const kept = statSync(previous).isDirectory()
      ? readFileSync(join(previous, "ma-note.txt"), "utf8")
      : readFileSync(previous, "utf8");
    expect(kept).toMatch(/^(mine|my precedent file)$/);
  });

  it("atelier's own precedent/ is recognised on the third compile", async () => {
    const dir = workshop({
      "J1/groupe-1.csv": `${BILAN_HEADER.replace("\r\n", ";Groupe\r\n")}1;1.1.1;Former;Réalisé;100;;;G1\r\n`,
    });
    for (let i = 0; i < 3; i++) expect((await run("compile", dir)).code).toBe(0);
    expect(existsSync(join(dir, "sortie", "precedent", "consolidation.json"))).toBe(true);
  });
});

describe("what the rapporteur changed or put among atelier's files", () => {
  it("a file of theirs in atelier's precedent/ stops compile with exit 2; nothing lost", async () => {
    const dir = sample();
    await run("compile", dir);
    await run("compile", dir);
    const previous = join(dir, "sortie", "precedent");
    writeFileSync(join(previous, "notes.txt"), "à garder");
    mkdirSync(join(previous, "annexes"));
    const before = readFileSync(join(previous, "consolidation.json"));
    const r = await run("compile", dir);
    expect([r.code, r.err]).toEqual([
      2,
      `atelier : ${previous} contient des fichiers ajoutés ou modifiés depuis qu'atelier les y a mis (annexes/, notes.txt…) : atelier y remplace les sorties précédentes à chaque compilation ; déplacez-les hors de ce dossier, puis relancez.\n`,
    ]);
    expect(readFileSync(join(previous, "notes.txt"), "utf8")).toBe("à garder");
    expect(readFileSync(join(previous, "consolidation.json"))).toEqual(before);
  });

  it("report and matrix refuse a folder that is not atelier's, as compile does; their files untouched", async () => {
    const dir = sample();
    const docs = join(dir, "docs");
    mkdirSync(docs);
    writeFileSync(join(docs, "rapport-bilan.html"), "MON RAPPORT");
    writeFileSync(join(docs, "cv.docx"), "x");
    for (const command of ["report", "matrix"]) {
      const r = await run(command, dir, "--out", docs);
      expect([command, r.code, r.err]).toEqual([
        command,
        2,
        `atelier : Le dossier de sortie ${docs} contient déjà d'autres fichiers (cv.docx, rapport-bilan.html…) : choisissez un dossier vide ou nouveau avec --out.\n`,
      ]);
    }
    expect(tree(docs)).toEqual(["cv.docx", "rapport-bilan.html"]);
    expect(readFileSync(join(docs, "rapport-bilan.html"), "utf8")).toBe("MON RAPPORT");
  });

  it("a file atelier wrote and someone changed is kept under its own name, never moved away", async () => {
    const dir = sample();
    const out = join(dir, "sortie");
    await run("compile", dir);
    // The analyst annotates the matrix and saves it, later.
    const matrix = join(out, "matrice-actions.xlsx");
    writeFileSync(matrix, Buffer.concat([readFileSync(matrix), Buffer.from("notes")]));
    const edited = readFileSync(matrix);
    const later = new Date(Date.now() + 60_000);
    utimesSync(matrix, later, later);
    const r = await run("compile", dir);
    expect(r.out).toContain(
      `${displayPath(out, process.cwd())}/matrice-actions.xlsx a été modifié depuis qu'atelier l'a écrit : il est gardé sous le nom « matrice-actions (modifié).xlsx » (un nouveau matrice-actions.xlsx est écrit).\n`,
    );
    expect(readFileSync(join(out, "matrice-actions (modifié).xlsx"))).toEqual(edited);
    expect(readFileSync(join(out, "matrice-actions.xlsx"))).not.toEqual(edited);
    expect(manifest(out)).not.toContain("matrice-actions (modifié).xlsx");
    // Theirs from then on: two more compiles keep it; a second edit gets a name of its own.
    await run("compile", dir);
    writeFileSync(join(out, "matrice-actions.csv"), "changed");
    utimesSync(join(out, "matrice-actions.csv"), later, later);
    const m = await run("matrix", dir);
    expect(m.out).toContain("« matrice-actions (modifié).csv »");
    await run("compile", dir);
    expect(readFileSync(join(out, "matrice-actions (modifié).xlsx"))).toEqual(edited);
    expect(readFileSync(join(out, "matrice-actions (modifié).csv"), "utf8")).toBe("changed");
    expect(existsSync(join(out, "precedent", "matrice-actions (modifié).xlsx"))).toBe(false);
  });

  it.skipIf(!canSwitchUser)(
    "a read-only output folder is left as it is: exit 2 in words, as a user without rights",
    async () => {
      const dir = sample();
      const { chmodSync } = await import("node:fs");
      chmodSync(dir, 0o777);
      for (const sub of ["J1", "J2"]) chmodSync(join(dir, sub), 0o777);
      expect(asNobody(process.execPath, "dist/bin.js", "compile", dir).status).toBe(0);
      const out = join(dir, "sortie");
      chmodSync(out, 0o555);
      const r = asNobody(process.execPath, "dist/bin.js", "compile", dir);
      expect([r.status, r.stderr]).toEqual([
        2,
        `atelier : Impossible d'écrire dans ${out} (accès refusé) : vérifiez les droits, l'espace disque, et fermez les fichiers du dossier sortie ouverts dans Excel.\n`,
      ]);
      expect(existsSync(`${out}.ancien`)).toBe(false);
    },
  );

  it("a takeover of a dead run's lock by several compiles at once leaves one complete set", async () => {
    const dir = sample();
    const out = join(dir, "sortie");
    const lock = join(dir, ".sortie.verrou");
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    const host = (await import("node:os")).hostname();
    const once = () => compileApart(dir);
    for (let round = 0; round < 4; round++) {
      mkdirSync(lock);
      writeFileSync(
        join(lock, "proprietaire.json"),
        JSON.stringify({ pid: gone, host, started: Date.now() }),
      );
      const results = await Promise.all([once(), once(), once(), once()]);
      expect(results.some((r) => r.code === 0)).toBe(true);
      for (const r of results.filter((x) => x.code !== 0)) {
        expect([r.code, r.err]).toEqual([
          2,
          `atelier : une compilation est déjà en cours dans ${out} : attendez qu'elle se termine, puis relancez.\n`,
        ]);
      }
      expect(tree(out).filter((n) => !n.startsWith("precedent/"))).toEqual(COMPILED);
      expect(
        readdirSync(dir).filter((n) => n.startsWith("sortie.") || n.startsWith(".sortie")),
      ).toEqual([]);
    }
  }, 120_000);
});

describe("what changed in atelier's files, told apart from what did not", () => {
  it("a file changed inside precedent/ stops compile with exit 2: the edit is not lost", async () => {
    const dir = sample();
    await run("compile", dir);
    await run("compile", dir);
    const previous = join(dir, "sortie", "precedent");
    writeFileSync(join(previous, "conflits.csv"), "ma note de séance");
    const r = await run("compile", dir);
    expect([r.code, r.err]).toEqual([
      2,
      `atelier : ${previous} contient des fichiers ajoutés ou modifiés depuis qu'atelier les y a mis (conflits.csv…) : atelier y remplace les sorties précédentes à chaque compilation ; déplacez-les hors de ce dossier, puis relancez.\n`,
    ]);
    expect(readFileSync(join(previous, "conflits.csv"), "utf8")).toBe("ma note de séance");
  });

  it("a copy of the whole workshop (new dates, same bytes) has nothing « modifié »", async () => {
    const dir = sample();
    await run("compile", dir);
    const copy = join(workshop({}), "copie");
    cpSync(dir, copy, { recursive: true, preserveTimestamps: false });
    const later = new Date(Date.now() + 120_000);
    for (const name of readdirSync(join(copy, "sortie"))) {
      utimesSync(join(copy, "sortie", name), later, later);
    }
    const r = await run("compile", copy);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("a été modifié");
    expect(tree(join(copy, "sortie")).filter((n) => n.includes("modifié"))).toEqual([]);
  });

  it("an edited file atelier no longer writes is kept, and not said to be written anew", async () => {
    const dir = sample();
    const out = join(dir, "sortie");
    await run("compile", dir);
    await run("matrix", dir, "--format", "md");
    writeFileSync(join(out, "matrice-actions.md"), "# annotée");
    const r = await run("compile", dir);
    expect(r.out).toContain(
      `${displayPath(out, process.cwd())}/matrice-actions.md a été modifié depuis qu'atelier l'a écrit : il est gardé sous le nom « matrice-actions (modifié).md ».\n`,
    );
    expect(readFileSync(join(out, "matrice-actions (modifié).md"), "utf8")).toBe("# annotée");
    expect(existsSync(join(out, "matrice-actions.md"))).toBe(false);
  });

  it("report and matrix end with a line per file that could not be read", async () => {
    const dir = sample({ "J1/x.csv": "" });
    rmSync(join(dir, "J1", "x.csv"));
    mkdirSync(join(dir, "J1", "x.csv"));
    for (const command of ["report", "matrix"]) {
      const r = await run(command, dir, "--strict");
      expect([command, r.code, r.out.trimEnd().split("\n").at(-1)]).toEqual([
        command,
        1,
        "J1/x.csv n'a pas pu être lu : aucune de ses lignes n'est dans les résultats — Fichier illisible : c'est un dossier, pas un fichier → C'est un dossier, pas un fichier : renommez-le (sans .csv ni .xlsx) ou sortez-le du dossier de l'atelier",
      ]);
    }
  });

  it("report clears the temporary files a killed run left", async () => {
    const dir = sample();
    await run("report", dir);
    const out = join(dir, "sortie");
    writeFileSync(join(out, ".rapport-bilan.pdf.999999.tmp"), "half a PDF");
    writeFileSync(join(out, ".notes.txt.5.tmp"), "theirs");
    await run("report", dir);
    expect(existsSync(join(out, ".rapport-bilan.pdf.999999.tmp"))).toBe(false);
    expect(readFileSync(join(out, ".notes.txt.5.tmp"), "utf8")).toBe("theirs");
  });

  it.skipIf(!canSwitchUser)(
    "a read-only folder of the rapporteur inside the output folder stays so, and blocks nothing",
    async () => {
      const dir = sample();
      const { chmodSync } = await import("node:fs");
      for (const d of [dir, join(dir, "J1"), join(dir, "J2")]) chmodSync(d, 0o777);
      expect(asNobody(process.execPath, "dist/bin.js", "compile", dir).status).toBe(0);
      const annexes = join(dir, "sortie", "annexes");
      asNobody(
        "sh",
        "-c",
        `mkdir '${annexes}' && echo a > '${annexes}/a.txt' && chmod a-w '${annexes}'`,
      );
      for (let i = 0; i < 2; i++) {
        const r = asNobody(process.execPath, "dist/bin.js", "compile", dir);
        expect([r.status, r.stderr]).toEqual([0, ""]);
        expect(existsSync(join(dir, "sortie.ancien"))).toBe(false);
      }
      expect(readFileSync(join(annexes, "a.txt"), "utf8")).toBe("a\n");
      expect(statSync(annexes).mode & 0o222).toBe(0);
    },
  );
});

describe("when atelier cannot tell its files from the rapporteur's", () => {
  it("a list deleted by hand: the previous outputs are kept in precedent/, and that is said", async () => {
    const dir = sample();
    const out = join(dir, "sortie");
    await run("compile", dir);
    writeFileSync(join(out, "matrice-actions.csv"), "MES ANNOTATIONS");
    rmSync(join(out, ".atelier-sortie.json"));
    const r = await run("compile", dir);
    expect(r.out).toContain(
      `La liste ${displayPath(out, process.cwd())}/.atelier-sortie.json manquait ou était illisible : atelier ne peut pas savoir si ces fichiers ont été modifiés depuis qu'il les a écrits ; ils sont gardés dans ${displayPath(out, process.cwd())}/precedent/ jusqu'à la prochaine compilation : récupérez-y vos modifications (bilan.csv, `,
    );
    expect(readFileSync(join(out, "precedent", "matrice-actions.csv"), "utf8")).toBe(
      "MES ANNOTATIONS",
    );
  });

  it("a folder of theirs where atelier writes a file stops compile with its name, nothing lost", async () => {
    const dir = sample();
    const out = join(dir, "sortie");
    await run("compile", dir);
    rmSync(join(out, "bilan.csv"));
    mkdirSync(join(out, "bilan.csv"));
    writeFileSync(join(out, "bilan.csv", "n.txt"), "p");
    const r = await run("compile", dir);
    expect([r.code, r.err]).toEqual([
      2,
      `atelier : ${join(out, "bilan.csv")} est un dossier, mais atelier écrit à cette place un fichier de ce nom : renommez-le ou déplacez-le, puis relancez.\n`,
    ]);
    expect(readFileSync(join(out, "bilan.csv", "n.txt"), "utf8")).toBe("p");
  });
});
