import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BILAN_HEADER, run, workshop } from "./helpers/workshop.js";

("Axe;Code activité;Activité;Statut;Taux de réalisation (%);Budget prévu (FCFA);Budget exécuté (FCFA)\r\n");

describe("validate: what cannot run exits 2 with one line, never a stack trace", () => {
  it("a wrong path", async () => {
    const r = await run("validate", "nulle-part/groupe-2.xlsx");
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "atelier : Chemin introuvable : nulle-part/groupe-2.xlsx. Vérifiez l'orthographe et le dossier courant.\n",
    );
    expect(r.out).toBe("");
  });

  it("a folder of PDFs", async () => {
    const dir = workshop({ "a.pdf": "%PDF-1.4", "b.pdf": "%PDF-1.4" });
    const r = await run("validate", dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^atelier : Aucun classeur \(\.xlsx, \.xls, \.ods\) ni fichier \.csv à lire dans .* \(2 autres fichiers ignorés\)\. Placez-y les fichiers des groupes\.\n$/,
    );
  });

  it.each([
    ["groupe.numbers", "Apple Numbers (.numbers)"],
    ["groupe.xlsb", "Excel binaire (.xlsb)"],
  ])("an explicit %s", async (name, format) => {
    const dir = workshop({ [name]: "x" });
    const r = await run("validate", join(dir, name));
    expect(r.code).toBe(2);
    expect(r.err.split("\n")).toHaveLength(2);
    expect(r.err).toContain(`format ${format} non pris en charge`);
    expect(r.err).toContain(
      `Ouvrez « ${name} » dans Excel ou LibreOffice et enregistrez-le au format .xlsx ou .ods`,
    );
  });

  it.each(["groupe.xls", "groupe.ods", "groupe.fods"])(
    "an explicit %s that is no workbook: a file-level error in words, exit 1",
    async (name) => {
      const dir = workshop({ [name]: "x" });
      const r = await run("validate", join(dir, name), "--format", "json");
      expect(r.code).toBe(1);
      expect(
        JSON.parse(r.out).files[0].problems.map((p: { code: string; message: string }) => [
          p.code,
          p.message,
        ]),
      ).toEqual([
        [
          "file-unreadable",
          "Fichier illisible : ce n'est pas un classeur (ni Excel, ni OpenDocument) : peut-être un texte renommé",
        ],
      ]);
    },
  );

  it("says it in English with --lang en", async () => {
    const r = await run("validate", "--lang", "en", "nowhere.csv");
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "atelier: Path not found: nowhere.csv. Check the spelling and the current folder.\n",
    );
  });

  it("an unknown option or format (test/cli-usage.test.ts has them all)", async () => {
    const format = await run("validate", "--format", "xml", ".");
    expect([format.code, format.out, format.err]).toEqual([
      2,
      "",
      "atelier : option --format : « xml » n'est pas une valeur possible ; valeurs possibles : text, json, github, junit, sarif.\n(atelier validate --help pour l'aide)\n",
    ]);
    expect((await run("frobnicate")).code).toBe(2);
  });

  it("an invalid configuration names the key", async () => {
    const dir = workshop({
      "atelier.config.json": JSON.stringify({ plan: { from: "2023" }, colour: "bleu" }),
      "g.csv": `${BILAN_HEADER}1;1.1.1;A;Réalisé;100;10;10\r\n`,
    });
    const r = await run("validate", dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("plan.from");
    expect(r.err).toContain("colour : clé inconnue");
  });
});

describe("a workshop of blank templates only", () => {
  it("has nothing to compile or validate: exit 2, said, nothing written", async () => {
    const dir = join(workshop({}), "atelier");
    await run("init", dir);
    const config = join(dir, "atelier.config.json");
    expect((await run("template", "--config", config, "--groupes", "Groupe 1,Groupe 2")).code).toBe(
      0,
    );
    for (const command of ["compile", "validate"]) {
      const r = await run(command, dir);
      expect([command, r.code, r.out, r.err]).toEqual([
        command,
        2,
        "",
        `atelier : Rien à lire dans ${dir} : 6 fiches vierges, qu'aucun groupe n'a encore remplies. Placez-y les fichiers remis par les groupes.\n`,
      ]);
    }
    expect(existsSync(join(dir, "sortie"))).toBe(false);
    const en = await run("compile", dir, "--lang", "en");
    expect(en.err).toBe(
      `atelier: Nothing to read in ${dir}: 6 blank templates no group has filled in yet. Put the files the groups handed in there.\n`,
    );
  });
});

describe("validate: results", () => {
  // Each row says its group, as a group's own column does.
  const header = BILAN_HEADER.replace("\r\n", ";Groupe\r\n");
  const dir = workshop({
    "J1/groupe-1.csv": `${header}Axe 1;1.1.1;Sensibiliser;Réalisé;100;1 500 000;1 200 000;GT 1\r\nAxe 1;1.1.2;Former;Realsé;;;;GT 1\r\n`,
    "J1/~$groupe-1.xlsx": "lock",
    "J2/ok.csv": `${header}2;2.1.1;Assister;En cours;50;10;20;GT 2\r\n`,
  });

  it("prints one JSON document with the spec's shape and exits 1 on errors", async () => {
    const r = await run("validate", dir, "--format", "json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.valid).toBe(false);
    expect(json.summary).toEqual({
      files: 2,
      rows: 3,
      accepted: 2,
      rejected: 1,
      errors: 1,
      warnings: 1,
    });
    expect(json.files.map((f: { path: string }) => f.path.split("/").slice(-2).join("/"))).toEqual([
      "J1/groupe-1.csv",
      "J2/ok.csv",
    ]);
    expect(json.files[0].sheets).toEqual([
      { name: null, kind: "bilan", header_row: 1, rows: 2, accepted: 1, rejected: 1 },
    ]);
    expect(json.files[0].meta).toEqual({ session: "J1" });
    const problem = json.files[0].problems[0];
    expect(problem).toMatchObject({
      code: "invalid-value",
      severity: "error",
      sheet: null,
      row: 3,
      column: "D",
      header: "Statut",
      cell: "D3",
      field: "statut",
      value: "Realsé",
      message: "« Statut » : « Realsé » n'est pas une valeur autorisée",
    });
    expect(problem.hint).toContain("vouliez-vous dire « Réalisé » ?");
    expect(json.files[1].problems.map((p: { code: string }) => p.code)).toEqual([
      "budget-overspent",
    ]);
    expect(json.skipped.map((s: { reason: string }) => s.reason)).toEqual(["lock-file"]);
  });

  it("exits 0 on warnings alone, 1 with --strict", async () => {
    const ok = join(dir, "J2", "ok.csv");
    expect((await run("validate", ok)).code).toBe(0);
    expect((await run("validate", ok, "--strict")).code).toBe(1);
  });

  it("prints GitHub annotations", async () => {
    const r = await run("validate", join(dir, "J1"), "--format", "github", "--lang", "en");
    const lines = r.out.trim().split("\n");
    expect(lines[0]).toMatch(
      /^::error file=.*groupe-1\.csv,line=3,col=4,title=invalid-value D3::“Status”: “Realsé” is not an allowed value — Allowed values: .*$/,
    );
    expect(lines.at(-1)).toBe("1 error, 0 warnings in 1 file");
  });

  it("prints text grouped by file with cell locations", async () => {
    const r = await run("validate", join(dir, "J1"));
    expect(r.out).toContain(
      "erreur D3 « Statut » : « Realsé » n'est pas une valeur autorisée [invalid-value]",
    );
    expect(r.out).toContain(
      "CSV → bilan, en-tête ligne 1 : 2 lignes lues = 1 acceptée + 1 rejetée",
    );
    expect(r.out).toContain("Ignorés :");
    expect(r.out).not.toContain("\u001b["); // no colour when not a terminal
  });

  it("keeps exact counts past the display cap", async () => {
    const rows = Array.from({ length: 45 }, (_, i) => `1;1.1.${i + 1};A;Faux;;;\r\n`).join("");
    const d = workshop({ "many.csv": `${BILAN_HEADER}${rows}` });
    const r = await run("validate", d);
    expect(r.out).toContain(
      "    … et 15 autres problèmes (15 erreurs, 0 avertissement) : --all ou --format json pour tout voir\n",
    );
    expect(r.out).toContain(
      "Erreurs à corriger — 1 fichier de groupe, 45 lignes lues = 0 acceptée + 45 rejetées ; 45 erreurs, 0 avertissement\n",
    );
  });
});

describe("validate: a sheet of 130,000 problems", () => {
  it("lists them all and exits 1", async () => {
    const rows = Array.from({ length: 65_000 }, (_, i) => `9;1.1.${i + 1};A;Fini;;;\r\n`);
    const dir = workshop({ "groupe-1.csv": BILAN_HEADER + rows.join("") });
    const r = await run("validate", join(dir, "groupe-1.csv"), "--format", "json");
    const problems = JSON.parse(r.out).files[0].problems as { code: string; row: number }[];
    expect([r.code, problems.length]).toEqual([1, 130_000]);
    expect(problems.at(-1)).toMatchObject({ code: "invalid-value", row: 65_001 });
  }, 60_000);
});

describe("the installed command", () => {
  it("runs from dist with --help and exits 0", () => {
    const out = execFileSync(process.execPath, ["dist/bin.js", "--help"], { encoding: "utf8" });
    expect(out).toContain("Utilisation : atelier");
    expect(out).toContain("validate");
  });

  it("exits 2 without a stack trace on a wrong path", () => {
    const r = spawnSync(process.execPath, ["dist/bin.js", "validate", "absent.xlsx"], {
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain("    at ");
  });
});

describe("report, matrix, template, init and schema", () => {
  it("report writes only the formats asked for, with no previous compile", async () => {
    const out = workshop({});
    const r = await run("report", "fixtures/atelier", "--out", out, "--format", "md");
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Écrit dans ${out} :\n    rapport-bilan.md\n`);
    const docx = await run("report", "fixtures/atelier", "--out", out, "--format", "docx");
    expect(docx.code).toBe(0);
    expect(docx.out).toBe(`Écrit dans ${out} :\n    rapport-bilan.docx\n`);
    expect((await run("report", "fixtures/atelier", "--out", out, "--format", "odt")).code).toBe(2);
  });

  it("matrix writes the workbook and its CSV, or a Markdown table", async () => {
    const out = workshop({});
    expect((await run("matrix", "fixtures/atelier", "--out", out)).out).toBe(
      `Écrit dans ${out} :\n    matrice-actions.xlsx, matrice-actions.csv\n`,
    );
    expect(
      (await run("matrix", "fixtures/atelier", "--out", out, "--format", "md", "--lang", "en")).out,
    ).toBe(`Written to ${out}:\n    matrice-actions.md\n`);
  });

  it("template never overwrites a file, init never overwrites a workshop", async () => {
    const dir = workshop({});
    const file = join(dir, "modele-g2.xlsx");
    expect((await run("template", "-o", file, "--groupe", "Groupe 2")).code).toBe(0);
    const again = await run("template", "-o", file);
    expect(again.code).toBe(2);
    expect(again.err).toContain("existe déjà");
    expect((await run("init", join(dir, "atelier"))).code).toBe(0);
    expect((await run("init", join(dir, "atelier"))).code).toBe(2);
    // A workshop just prepared has nothing to compile yet: refused like `validate` (issue 14).
    const compiled = await run("compile", join(dir, "atelier"));
    expect(compiled.code).toBe(2);
    expect(compiled.err).toMatch(
      /^atelier : Aucun classeur \(\.xlsx, \.xls, \.ods\) ni fichier \.csv à lire dans .*atelier \(4 autres fichiers ignorés\)\. Placez-y les fichiers des groupes\.\n$/,
    );
    expect(existsSync(join(dir, "atelier", "sortie"))).toBe(false);
  });

  it("schema prints the registry in three forms", async () => {
    const json = JSON.parse((await run("schema")).out);
    expect(Object.keys(json)).toEqual(["bilan", "constats", "propositions"]);
    const table = JSON.parse((await run("schema", "--format", "table-schema")).out);
    expect(table.bilan.fields[0].name).toBe("axe");
    expect((await run("schema", "--format", "markdown")).out).toContain("| `code_activite` |");
  });
});

describe("one rule for the language: --lang, then the configuration, then French", () => {
  const bad = `${BILAN_HEADER}1;1.1.1;A;Presque;100;10;10\r\n`;

  it("ignores the LANG of the machine", async () => {
    const dir = workshop({ "g.csv": bad });
    const before = process.env.LANG;
    process.env.LANG = "en_US.UTF-8";
    try {
      const r = await run("validate", dir, "--format", "json");
      expect(JSON.parse(r.out).files[0].problems[0].message).toBe(
        "« Statut » : « Presque » n'est pas une valeur autorisée",
      );
    } finally {
      if (before === undefined) delete process.env.LANG;
      else process.env.LANG = before;
    }
  });

  it("follows the configuration, and --lang over it, for validate and compile alike", async () => {
    const dir = workshop({ "atelier.config.json": '{ "language": "en" }', "g.csv": bad });
    const message = async (...argv: string[]) =>
      JSON.parse((await run("validate", dir, "--format", "json", ...argv)).out).files[0].problems[0]
        .message;
    expect(await message()).toBe("“Status”: “Presque” is not an allowed value");
    expect(await message("--lang", "fr")).toBe(
      "« Statut » : « Presque » n'est pas une valeur autorisée",
    );
    const out = join(dir, "sortie");
    expect((await run("compile", dir, "--out", out)).out).toContain("Written to");
    expect((await run("compile", dir, "--out", out, "--lang", "fr")).out).toContain("Écrit dans");
  });

  it("gives the help in English with --lang en", async () => {
    expect((await run("validate", "--help")).out).toContain(
      "vérifie des fichiers ou dossiers sans rien écrire",
    );
    expect((await run("validate", "--help", "--lang", "en")).out).toContain(
      "check files or folders without writing anything",
    );
  });

  it("says why a command stops in the configuration's language, or in --lang=en", async () => {
    const dir = workshop({
      "atelier.config.json": '{ "language": "en" }',
      "vide/notes.txt": "",
      "g.csv": bad,
    });
    const r = await run("validate", join(dir, "vide"));
    expect([r.code, r.err]).toEqual([
      2,
      `atelier: No workbook (.xlsx, .xls, .ods) or .csv file to read in ${join(dir, "vide")} (1 other file skipped). Put the groups' files there.\n`,
    ]);
    const flag = await run("validate", "--lang=en", "nowhere.csv");
    expect(flag.err).toBe(
      "atelier: Path not found: nowhere.csv. Check the spelling and the current folder.\n",
    );
    // An output folder given that is a file: said at once, in the configuration's language.
    const out = join(dir, "g.csv");
    const refused = await run("compile", dir, "--out", out);
    expect([refused.code, refused.err]).toEqual([
      2,
      `atelier: --out: ${out} cannot be an output folder, because ${out} exists and is not a folder. Give the path of a folder (for example --out results).\n`,
    ]);
  });

  it("writes English punctuation in English and French in French", async () => {
    const dir = workshop({ "g.csv": bad });
    expect((await run("validate", dir, "--lang", "en")).out).toContain("(CSV, utf-8, “;”)");
    expect((await run("validate", dir)).out).toContain("(CSV, utf-8, « ; »)");
  });

  it("says the same thing for a --config that does not exist, whatever the command", async () => {
    const dir = workshop({ "g.csv": bad });
    const missing = join(dir, "nulle-part.json");
    for (const command of ["validate", "compile", "report", "matrix", "template", "schema"]) {
      const argv = ["template", "schema"].includes(command)
        ? [command, "--config", missing]
        : [command, dir, "--config", missing];
      const r = await run(...argv);
      expect([command, r.code, r.err]).toEqual([
        command,
        2,
        `atelier : Fichier de configuration introuvable : ${missing}. Vérifiez le chemin donné à --config.\n`,
      ]);
    }
  });
});
