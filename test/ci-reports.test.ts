import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { CATALOG } from "../src/issues.js";
import { BILAN_HEADER, workshop } from "./helpers/workshop.js";

/**
 * `validate --format junit|sarif`: the reports CI servers show, read back by the tools those
 * servers trust (an XML Schema validator, Microsoft's SARIF validator and the SARIF JSON Schema),
 * and held to the problems the workshop below has, exactly.
 */

const BIN = resolve("dist/bin.js");

/** `groupe 1.csv`: an invalid status (error, D2), a spent budget over the planned (warning, G3). */
function ciWorkshop(): string {
  return workshop({
    "atelier.config.json": JSON.stringify({ sessions: ["J1"] }),
    "J1/groupe 1.csv": `${BILAN_HEADER}1;1.1.1;Sensibiliser;Realsé;100;;\r\n1;1.1.2;Former;Réalisé;100;1000;2000\r\n`,
    "J1/groupe-2.csv": `${BILAN_HEADER}2;2.1.1;Assister;En cours;50;;\r\n`,
    "J1/notes.txt": "notes\n",
  });
}

function atelier(cwd: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const GUESSED = (g: string) =>
  `attention Aucun groupe de travail n'est indiqué : le groupe « ${g} » est déduit du nom du fichier [group-guessed] → Indiquez le groupe dans la feuille Identification (Groupe de travail) ou dans une colonne « Groupe »`;

describe("validate --format junit", () => {
  it("is one test case per file, failed by its errors at their cells, valid JUnit XML", async () => {
    const r = atelier(ciWorkshop(), "validate", ".", "--format", "junit");
    expect([r.code, r.err]).toEqual([1, ""]);
    const xsd = readFileSync("test/schemas/junit.xsd", "utf8");
    const valid = await validateXML({
      xml: [{ fileName: "r.xml", contents: r.out }],
      schema: [xsd],
    });
    expect(valid.errors).toEqual([]);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(r.out);
    const suite = doc.testsuites.testsuite;
    expect([doc.testsuites.tests, doc.testsuites.failures, suite.tests, suite.failures]).toEqual([
      "2",
      "1",
      "2",
      "1",
    ]);
    expect(suite.properties.property).toEqual({
      name: "skipped",
      "#text":
        "atelier.config.json (fichier de l'atelier (configuration, plan, résolutions))\nJ1/notes.txt (pas un tableur)",
    });
    expect(suite.testcase).toEqual([
      {
        classname: "J1",
        name: "groupe 1.csv",
        file: "J1/groupe 1.csv",
        failure: {
          message: "1 erreur, 2 avertissements",
          type: "invalid-value",
          "#text":
            "D2 « Statut » : « Realsé » n'est pas une valeur autorisée [invalid-value] → Valeurs autorisées : Réalisé, Partiellement réalisé, En cours, Non réalisé, Abandonné — vouliez-vous dire « Réalisé » ?",
        },
        "system-out": [
          "groupe 1.csv : 2 lignes lues = 1 acceptée + 1 rejetée",
          GUESSED("groupe 1"),
          "attention G3 Budget exécuté (2\u202f000\u00a0FCFA) supérieur au budget prévu (1\u202f000\u00a0FCFA) [budget-overspent] → Vérifiez les deux montants",
        ].join("\n"),
      },
      {
        classname: "J1",
        name: "groupe-2.csv",
        file: "J1/groupe-2.csv",
        "system-out": [
          "groupe-2.csv : 1 ligne lue = 1 acceptée + 0 rejetée",
          GUESSED("groupe-2"),
        ].join("\n"),
      },
    ]);
  });

  it("the schema it is held to refuses a second failure in a test case", async () => {
    const r = atelier(ciWorkshop(), "validate", ".", "--format", "junit");
    const twice = r.out.replace(/(<failure[\s\S]*?<\/failure>)/, "$1$1");
    const xsd = readFileSync("test/schemas/junit.xsd", "utf8");
    const valid = await validateXML({
      xml: [{ fileName: "r.xml", contents: twice }],
      schema: [xsd],
    });
    expect(valid.valid).toBe(false);
    expect(valid.errors[0]?.message).toContain("failure");
  });
});

/** The SARIF validator of the platform's `@microsoft/sarif-multitool-*` package, and its schema. */
function multitool(): { bin: string; schema: string } {
  const require = createRequire(import.meta.url);
  const dir = resolve(
    require.resolve(`@microsoft/sarif-multitool-${process.platform}/package.json`),
    "..",
  );
  const exe = process.platform === "win32" ? "Sarif.Multitool.exe" : "Sarif.Multitool";
  return { bin: join(dir, exe), schema: join(dir, "sarif-2.1.0.json") };
}

/** The multitool's errors on a log (its warnings are advice: a region for a whole-file note). */
function sarifErrors(log: string, dir: string): string[] {
  const file = join(dir, "report.sarif");
  writeFileSync(file, log);
  const r = spawnSync(multitool().bin, ["validate", file], { encoding: "utf8" });
  expect(r.stdout).toContain("Analysis completed successfully");
  return r.stdout.split("\n").filter((line) => / error [A-Z]+\d+:/.test(line));
}

describe("validate --format sarif", () => {
  it("is one result per problem at its file, row and column, valid SARIF 2.1.0", () => {
    const dir = ciWorkshop();
    const r = atelier(dir, "validate", ".", "--format", "sarif", "--lang", "en");
    expect([r.code, r.err]).toEqual([1, ""]);
    const log = JSON.parse(r.out);
    const schema = JSON.parse(readFileSync(multitool().schema, "utf8"));
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    expect([validate(log), validate.errors ?? []]).toEqual([true, []]);
    expect(sarifErrors(r.out, dir)).toEqual([]);
    const run = log.runs[0];
    expect(run.artifacts).toEqual([
      { location: { uri: "J1/groupe%201.csv" } },
      { location: { uri: "J1/groupe-2.csv" } },
    ]);
    const results = run.results.map(
      (x: {
        ruleId: string;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string }; region?: object } }[];
      }) => [
        x.ruleId,
        x.level,
        x.locations[0]?.physicalLocation.artifactLocation.uri,
        x.locations[0]?.physicalLocation.region ?? null,
        x.message.text,
      ],
    );
    const guessed = (g: string) =>
      `No working group is given: the group “${g}” is taken from the file name — Give the group in the Identification sheet (Working group) or in a “Group” column`;
    expect(results).toEqual([
      ["group-guessed", "warning", "J1/groupe%201.csv", null, guessed("groupe 1")],
      [
        "invalid-value",
        "error",
        "J1/groupe%201.csv",
        { startLine: 2, startColumn: 4 },
        "D2: “Status”: “Realsé” is not an allowed value — Allowed values: Done, Partially done, Ongoing, Not done, Abandoned — did you mean “Done”?",
      ],
      [
        "budget-overspent",
        "warning",
        "J1/groupe%201.csv",
        { startLine: 3, startColumn: 7 },
        "G3: Spent budget (2,000 FCFA) exceeds the planned budget (1,000 FCFA) — Check both amounts",
      ],
      ["group-guessed", "warning", "J1/groupe-2.csv", null, guessed("groupe-2")],
    ]);
    // Every code of the catalogue is a rule, titled in both languages; results point at theirs.
    const rules = run.tool.driver.rules;
    expect(rules.map((rule: { id: string }) => rule.id)).toEqual([
      ...Object.keys(CATALOG),
      "invalid-workshop",
    ]);
    const invalid = rules[run.results[1].ruleIndex];
    expect(invalid).toEqual({
      id: "invalid-value",
      shortDescription: { text: "Value not allowed" },
      defaultConfiguration: { level: "error" },
      properties: { title: { fr: "Valeur non autorisée", en: "Value not allowed" } },
    });
  });

  it("the validator it is held to finds a result that points at a rule that is not there", () => {
    const dir = ciWorkshop();
    const log = JSON.parse(atelier(dir, "validate", ".", "--format", "sarif").out);
    log.runs[0].results[0].ruleIndex = 999;
    const errors = sarifErrors(JSON.stringify(log, null, 2), dir);
    expect(errors.map((line) => / error ([A-Z]+\d+):/.exec(line)?.[1])).toEqual(["SARIF1009"]);
  });
});

/** Each file read, with its problems' codes (the guessed group aside). */
const read = (out: string) =>
  JSON.parse(out).files.map((f: { path: string; problems: { code: string }[] }) => [
    f.path,
    f.problems.map((p) => p.code).filter((c) => c !== "group-guessed"),
  ]);

function git(cwd: string, ...args: string[]) {
  const r = spawnSync("git", ["-c", "user.name=atelier", "-c", "user.email=ci@atelier", ...args], {
    cwd,
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
}

describe("validate --changed-since", () => {
  /** A repository of two workshops, committed; then one file changed and one added. */
  function repository(): string {
    const dir = workshop({
      "a/atelier.config.json": JSON.stringify({ sessions: ["J1"] }),
      "a/J1/g1.csv": `${BILAN_HEADER}1;1.1.1;Sensibiliser;Réalisé;100;;\r\n`,
      "a/J1/g2.csv": `${BILAN_HEADER}1;1.1.2;Former;Réalisé;100;;\r\n`,
      "b/atelier.config.json": JSON.stringify({ sessions: ["J1"] }),
      "b/J1/g3.csv": `${BILAN_HEADER}2;2.1.1;Assister;Réalisé;100;;\r\n`,
    });
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "fixtures");
    writeFileSync(join(dir, "a/J1/g2.csv"), `${BILAN_HEADER}1;1.1.2;Former;Realsé;100;;\r\n`);
    mkdirSync(join(dir, "b/J2"));
    writeFileSync(join(dir, "b/J2/g4.csv"), `${BILAN_HEADER}2;2.1.2;Héberger;En cours;40;;\r\n`);
    return dir;
  }

  it("validates only the spreadsheets git says changed, with the same report", () => {
    const dir = repository();
    const r = atelier(dir, "validate", "a", "b", "--changed-since", "HEAD", "--format", "json");
    expect([r.code, r.err]).toEqual([1, ""]);
    expect(read(r.out)).toEqual([
      ["a/J1/g2.csv", ["invalid-value"]],
      ["b/J2/g4.csv", ["unknown-session"]],
    ]);
    const text = atelier(dir, "validate", "a", "--changed-since", "HEAD");
    expect(text.out.split("\n")[0]).toBe("1 fichier modifié depuis HEAD dans les chemins donnés");
    // Committed, the change is still one since the commit before.
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "changed");
    expect(
      read(atelier(dir, "validate", ".", "--changed-since", "HEAD~1", "--format", "json").out),
    ).toEqual([
      ["a/J1/g2.csv", ["invalid-value"]],
      ["b/J2/g4.csv", ["unknown-session"]],
    ]);
  });

  it("validates a whole workshop whose configuration changed, and passes when nothing did", () => {
    const dir = repository();
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "changed");
    const none = atelier(dir, "validate", ".", "--changed-since", "HEAD", "--format", "json");
    expect([none.code, JSON.parse(none.out).files, JSON.parse(none.out).valid]).toEqual([
      0,
      [],
      true,
    ]);
    writeFileSync(join(dir, "b/atelier.config.json"), JSON.stringify({ sessions: ["J1", "J2"] }));
    const r = atelier(dir, "validate", ".", "--changed-since", "HEAD", "--format", "json");
    expect(read(r.out)).toEqual([
      ["b/J1/g3.csv", []],
      ["b/J2/g4.csv", []],
    ]);
  });

  it("asks each path's own repository, and compares with where the branch left the revision", () => {
    const main = repository();
    git(main, "add", ".");
    git(main, "commit", "-q", "-m", "changed");
    // A second repository, named beside the first: its new file is a change too.
    const other = workshop({ "atelier.config.json": JSON.stringify({ sessions: ["J1"] }) });
    git(other, "init", "-q");
    git(other, "commit", "-q", "--allow-empty", "-m", "empty");
    writeFileSync(join(other, "J1.csv"), `${BILAN_HEADER}1;1.1.1;Sensibiliser;Réalisé;100;;\r\n`);
    const both = atelier(
      main,
      "validate",
      ".",
      other,
      "--changed-since",
      "HEAD",
      "--format",
      "json",
    );
    expect(
      JSON.parse(both.out).files.map((f: { path: string }) => f.path.split("/").at(-1)),
    ).toEqual(["J1.csv"]);
    // A branch that adds a file, while the revision it left fixes another: only the branch's.
    git(main, "checkout", "-q", "-b", "branch");
    writeFileSync(join(main, "a/J1/g5.csv"), `${BILAN_HEADER}1;1.1.5;Suivre;En cours;20;;\r\n`);
    git(main, "add", ".");
    git(main, "commit", "-q", "-m", "branch");
    git(main, "checkout", "-q", "-");
    writeFileSync(join(main, "a/J1/g2.csv"), `${BILAN_HEADER}1;1.1.2;Former;Réalisé;100;;\r\n`);
    git(main, "commit", "-q", "-am", "fixed");
    git(main, "checkout", "-q", "branch");
    expect(
      read(atelier(main, "validate", ".", "--changed-since", "master", "--format", "json").out),
    ).toEqual([["a/J1/g5.csv", []]]);
  });

  it("leaves an unchanged reference plan out of the report, and reads it for the changed files", () => {
    const dir = workshop({
      "atelier.config.json": JSON.stringify({ sessions: ["J1"], reference: "plan.csv" }),
      "plan.csv": "Code activité;Axe;Activité\r\n1.1.1;1;Sensibiliser\r\n9.9;1;Mauvais code\r\n",
      "J1/g1.csv": `${BILAN_HEADER}1;1.1.1;Sensibiliser;Réalisé;100;;\r\n`,
    });
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "fixtures");
    const none = JSON.parse(
      atelier(dir, "validate", ".", "--changed-since", "HEAD", "--format", "json").out,
    );
    expect([none.valid, none.files]).toEqual([true, []]);
    writeFileSync(join(dir, "J1/g2.csv"), `${BILAN_HEADER}1;1.1.7;Autre;Réalisé;100;;\r\n`);
    expect(
      read(atelier(dir, "validate", ".", "--changed-since", "HEAD", "--format", "json").out),
    ).toEqual([["J1/g2.csv", ["unknown-activity"]]]);
  });

  it("counts a workshop whose configuration was deleted as changed", () => {
    const dir = repository();
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "changed");
    rmSync(join(dir, "b/atelier.config.json"));
    const r = atelier(dir, "validate", ".", "--changed-since", "HEAD", "--format", "json");
    expect(read(r.out).map((entry: unknown[]) => entry[0])).toEqual(["b/J1/g3.csv", "b/J2/g4.csv"]);
  });

  it("says the history is missing in a shallow clone", () => {
    const dir = repository();
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "changed");
    git(dir, "checkout", "-q", "-b", "branch", "HEAD~1");
    writeFileSync(join(dir, "a/J1/g9.csv"), `${BILAN_HEADER}1;1.1.9;Suivre;En cours;20;;\r\n`);
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "branch");
    const clone = mkdtempSync(join(tmpdir(), "atelier-shallow-"));
    git(clone, "clone", "-q", "--depth", "1", "--no-single-branch", `file://${dir}`, "c");
    const r = atelier(join(clone, "c"), "validate", ".", "--changed-since", "origin/master");
    expect([r.code, r.err]).toEqual([
      2,
      "atelier : Aucun ancêtre commun avec « origin/master » dans ce clone : l'historique manque (clone superficiel). Récupérez-le (git fetch --unshallow ; dans un workflow GitHub, actions/checkout avec fetch-depth: 0).\n",
    ]);
  });

  it("says a revision shares no history in a full clone, not that history is missing", () => {
    const dir = repository();
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "changed");
    git(dir, "checkout", "-q", "--orphan", "other");
    git(dir, "commit", "-q", "-m", "orphan");
    const r = atelier(dir, "validate", ".", "--changed-since", "master");
    expect([r.code, r.err]).toEqual([
      2,
      "atelier : « master » n'a aucun historique en commun avec la version en cours : rien ne dit ce qui a changé depuis. Donnez une version dont la branche est partie, ou validez sans --changed-since.\n",
    ]);
  });

  it("says why it cannot run: a revision git does not know, a folder outside a repository", () => {
    const dir = repository();
    const r = atelier(dir, "validate", ".", "--changed-since", "origin/main");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^atelier : Version git inconnue : « origin\/main » \(fatal: .*\)\. Vérifiez son nom \(git branch -a, git log\) ; dans un workflow GitHub, récupérez l'historique \(actions\/checkout avec fetch-depth: 0\)\.\n$/,
    );
    expect(atelier(dir, "validate", "typo", "--changed-since", "HEAD").err).toBe(
      "atelier : Chemin introuvable : typo. Vérifiez l'orthographe et le dossier courant.\n",
    );
    const empty = atelier(dir, "validate", ".", "--changed-since", "");
    expect([empty.code, empty.err.split(" ;")[0]]).toEqual([
      2,
      "atelier : --changed-since attend une version git (branche, étiquette ou commit : origin/main, v1.0, HEAD~1)",
    ]);
    const outside = ciWorkshop();
    expect(existsSync(join(outside, ".git"))).toBe(false);
    const o = atelier(outside, "validate", ".", "--changed-since", "HEAD", "--lang", "en");
    expect(o.code).toBe(2);
    expect(o.err).toContain("is not in a git repository: --changed-since works only in one.");
  });
});

describe("validate of a folder of workshops", () => {
  const config = JSON.stringify({ sessions: ["J1"] });
  const row = (status: string) => `${BILAN_HEADER}1;1.1.1;Sensibiliser;${status};;;\r\n`;

  it("reads a workshop reached through links once, however many lead to it", () => {
    const dir = workshop({ "w/atelier.config.json": config, "w/J1/g.csv": row("Realsé") });
    symlinkSync(".", join(dir, "w", "courant"));
    symlinkSync(".", join(dir, "w", "actuel"));
    const r = atelier(dir, "validate", ".", "--format", "json");
    expect([r.code, JSON.parse(r.out).files.map((f: { path: string }) => f.path)]).toEqual([
      1,
      ["w/J1/g.csv"],
    ]);
  });

  it("checks the others when one workshop's configuration is invalid, and fails on it", () => {
    const dir = workshop({
      "top.csv": row("En cours"),
      "w1/atelier.config.json": config,
      "w1/J1/g.csv": row("Réalisé"),
      "w2/atelier.config.json": '{ "title": 5 }',
      "w2/J1/g.csv": row("Réalisé"),
    });
    const r = atelier(dir, "validate", ".", "--format", "json");
    const json = JSON.parse(r.out);
    expect([r.code, json.valid, json.summary.errors]).toEqual([1, false, 0]);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(["top.csv", "w1/J1/g.csv"]);
    expect(json.skipped).toContainEqual({ path: "w2", reason: "invalid-workshop" });
    const text = atelier(dir, "validate", ".");
    expect(text.out).toContain(
      "    w2 (autre atelier dont l'atelier.config.json est invalide : ses fichiers ne sont pas vérifiés ; atelier validate sur ce dossier dit quoi corriger)\n",
    );
    expect(text.out.trimEnd().split("\n").at(-1)).toBe(
      "Erreurs à corriger — 2 fichiers de groupe, 2 lignes lues = 2 acceptées + 0 rejetée ; 0 erreur, 1 avertissement",
    );
    const why =
      "another workshop whose atelier.config.json is invalid: its files are not checked; atelier validate on that folder says what to fix";
    const github = atelier(dir, "validate", ".", "--format", "github", "--lang", "en");
    expect(github.out).toContain(`::error file=w2/atelier.config.json::${why}\n`);
    // Every report CI servers show fails on it too, and names it.
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(
      atelier(dir, "validate", ".", "--format", "junit", "--lang", "en").out,
    ).testsuites;
    expect([junit.failures, junit.testsuite.testcase.at(-1)]).toEqual([
      "1",
      {
        classname: "w2",
        name: "atelier.config.json",
        file: "w2/atelier.config.json",
        failure: { message: why, type: "invalid-workshop" },
      },
    ]);
    const sarif = atelier(dir, "validate", ".", "--format", "sarif", "--lang", "en").out;
    const last = JSON.parse(sarif).runs[0].results.at(-1);
    expect([
      last.ruleId,
      last.level,
      last.message.text,
      last.locations[0].physicalLocation,
    ]).toEqual([
      "invalid-workshop",
      "error",
      why,
      { artifactLocation: { uri: "w2/atelier.config.json", index: 2 } },
    ]);
    expect(sarifErrors(sarif, dir)).toEqual([]);
  });

  it("reads every workshop under the configuration --config names, nested ones too", () => {
    const dir = workshop({
      "ci.json": JSON.stringify({ sessions: ["J1"], synonyms: { statut: { realise: ["Fait!"] } } }),
      "top.csv": row("Fait!"),
      "sub/atelier.config.json": config,
      "sub/p.csv": row("Fait!"),
    });
    const r = atelier(dir, "validate", ".", "--config", "ci.json", "--format", "json");
    // The same as `validate sub/p.csv --config ci.json`: its folder is a session of ci.json's.
    expect(read(r.out)).toEqual([
      ["top.csv", []],
      ["sub/p.csv", ["unknown-session"]],
    ]);
    expect(
      read(atelier(dir, "validate", "sub/p.csv", "--config", "ci.json", "--format", "json").out),
    ).toEqual([["sub/p.csv", ["unknown-session"]]]);
  });
});
