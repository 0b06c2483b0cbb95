import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BILAN_HEADER, workshop } from "./helpers/workshop.js";

/**
 * The ready-made CI steps: the GitHub Action (`action.yml`) and the pre-commit hook
 * (`.pre-commit-hooks.yaml`). The action's validation step is run as the runner runs it (bash,
 * with its inputs in the environment and the runner's files for the summary and the outputs).
 */

interface Step {
  id?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
}

const action = parse(readFileSync("action.yml", "utf8"));
const steps: Step[] = action.runs.steps;

/** Runs the action's `validate` step in `cwd`, with `inputs` (the others at their defaults). */
function runStep(cwd: string, inputs: Record<string, string>) {
  const step = steps.find((s) => s.id === "validate");
  if (!step?.run || !step.env) throw new Error("action.yml has no validate step");
  const given = (name: string) => inputs[name] ?? action.inputs[name].default;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(step.env)) {
    env[key] = value.replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_, name) => given(name));
  }
  const files = mkdtempSync(join(tmpdir(), "atelier-runner-"));
  const summary = join(files, "summary.md");
  const output = join(files, "output");
  writeFileSync(summary, "");
  writeFileSync(output, "");
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], {
    cwd,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      GITHUB_ACTION_PATH: resolve("."),
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      ...env,
    },
  });
  return {
    code: r.status,
    out: r.stdout,
    err: r.stderr,
    summary: readFileSync(summary, "utf8"),
    output: readFileSync(output, "utf8"),
  };
}

/** Two groups' files, one with a status atelier does not know (an error at D2). */
function fixtures(): string {
  return workshop({
    "atelier.config.json": JSON.stringify({ sessions: ["J1"] }),
    "J1/Groupe 1.csv": `${BILAN_HEADER}1;1.1.1;Sensibiliser;Realsé;100;;\r\n`,
    "J1/Groupe 2.csv": `${BILAN_HEADER}2;2.1.1;Assister;En cours;50;;\r\n`,
  });
}

describe("the GitHub Action", () => {
  it("declares the inputs and outputs CI users set and read, and sets up Node 20", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs)).toEqual([
      "paths",
      "strict",
      "lang",
      "config",
      "changed-since",
    ]);
    expect(Object.keys(action.outputs)).toEqual(["errors", "warnings", "files", "rows", "valid"]);
    expect(steps[0]).toEqual({ uses: "actions/setup-node@v4", with: { "node-version": 20 } });
    expect(steps[1]?.run).toBe(
      'cd "$GITHUB_ACTION_PATH"\nnpm ci --ignore-scripts --no-audit --no-fund\nnpm run build\n',
    );
  });

  it("annotates each problem, writes the job summary and the outputs, and fails on an error", () => {
    const r = runStep(fixtures(), { paths: "J1/Groupe 1.csv\n  J1/Groupe 2.csv  \n" });
    expect([r.code, r.err]).toEqual([1, ""]);
    expect(r.out.split("\n").filter((line) => line.startsWith("::"))).toEqual([
      "::warning file=J1/Groupe 1.csv,title=group-guessed::Aucun groupe de travail n'est indiqué : le groupe « Groupe 1 » est déduit du nom du fichier — Indiquez le groupe dans la feuille Identification (Groupe de travail) ou dans une colonne « Groupe »",
      "::error file=J1/Groupe 1.csv,line=2,col=4,title=invalid-value D2::« Statut » : « Realsé » n'est pas une valeur autorisée — Valeurs autorisées : Réalisé, Partiellement réalisé, En cours, Non réalisé, Abandonné — vouliez-vous dire « Réalisé » ?",
      "::warning file=J1/Groupe 2.csv,title=group-guessed::Aucun groupe de travail n'est indiqué : le groupe « Groupe 2 » est déduit du nom du fichier — Indiquez le groupe dans la feuille Identification (Groupe de travail) ou dans une colonne « Groupe »",
    ]);
    expect(r.summary).toBe(
      [
        "## Validation des fichiers de l'atelier",
        "",
        "❌ Erreurs à corriger — 2 fichiers de groupe, 2 lignes lues = 1 acceptée + 1 rejetée ; 1 erreur, 2 avertissements",
        "",
        "| Fichier | Lignes | Acceptées | Rejetées | Erreurs | Avertissements |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        "| `J1/Groupe 1.csv` | 1 | 0 | 1 | 1 | 1 |",
        "| `J1/Groupe 2.csv` | 1 | 1 | 0 | 0 | 1 |",
        "| **Total** | 2 | 1 | 1 | 1 | 2 |",
        "",
      ].join("\n"),
    );
    expect(r.output).toBe("errors=1\nwarnings=2\nfiles=2\nrows=2\nvalid=false\n");
  });

  it("passes without errors, and fails on warnings when strict, in the language asked", () => {
    const dir = fixtures();
    const ok = runStep(dir, { paths: "J1/Groupe 2.csv", lang: "en" });
    expect([ok.code, ok.output]).toEqual([
      0,
      "errors=0\nwarnings=1\nfiles=1\nrows=1\nvalid=true\n",
    ]);
    expect(ok.summary.split("\n").slice(0, 3)).toEqual([
      "## Validation of the workshop files",
      "",
      "✅ Valid — 1 group file, 1 row read = 1 accepted + 0 rejected; 0 errors, 1 warning",
    ]);
    // Strict (in any case), a warning fails the step, and the summary and outputs say so.
    const strict = runStep(dir, { paths: "J1/Groupe 2.csv", strict: "True" });
    expect([strict.code, strict.output.split("\n").at(-2), strict.summary.split("\n")[2]]).toEqual([
      1,
      "valid=false",
      "❌ Erreurs à corriger — 1 fichier de groupe, 1 ligne lue = 1 acceptée + 0 rejetée ; 0 erreur, 1 avertissement",
    ]);
    // A configuration the command cannot use stops the step with atelier's own exit code.
    writeFileSync(join(dir, "bad.json"), '{ "titre": "x" }');
    const bad = runStep(dir, { paths: "J1", config: "bad.json" });
    expect([bad.code, bad.output]).toEqual([2, ""]);
    expect(bad.err).toContain("titre : clé inconnue");
  });
});

describe("the action's file names", () => {
  it("keeps a name like an option a file, and a backtick in a name out of the Markdown", () => {
    const dir = workshop({
      "-groupe.csv": `${BILAN_HEADER}1;1.1.1;Sensibiliser;Realsé;100;;\r\n`,
      "a`[lien](http:x)`.csv": `${BILAN_HEADER}2;2.1.1;Assister;En cours;50;;\r\n`,
    });
    const r = runStep(dir, { paths: "-groupe.csv\na`[lien](http:x)`.csv" });
    expect([r.code, r.err]).toEqual([1, ""]);
    expect(r.summary.split("\n").slice(6, 8)).toEqual([
      "| `-groupe.csv` | 1 | 0 | 1 | 1 | 0 |",
      "| ``a`[lien](http:x)`.csv`` | 1 | 1 | 0 | 0 | 0 |",
    ]);
  });

  it("speaks the configuration's language unless told another", () => {
    const dir = workshop({
      "atelier.config.json": JSON.stringify({ language: "en" }),
      "g.csv": `${BILAN_HEADER}1;1.1.1;Sensibiliser;Realsé;100;;\r\n`,
    });
    expect(runStep(dir, { paths: "g.csv" }).summary.split("\n")[0]).toBe(
      "## Validation of the workshop files",
    );
    expect(runStep(dir, { paths: "g.csv", lang: "fr" }).summary.split("\n")[0]).toBe(
      "## Validation des fichiers de l'atelier",
    );
  });
});

describe("a workshop the step could not check", () => {
  it("is named under the table, and the outputs say the run is not valid", () => {
    const dir = workshop({
      "w1/atelier.config.json": JSON.stringify({ sessions: ["J1"] }),
      "w1/J1/g.csv": `${BILAN_HEADER}2;2.1.1;Assister;En cours;50;;\r\n`,
      "w2/atelier.config.json": '{ "title": 5 }',
    });
    const r = runStep(dir, {});
    expect([r.code, r.output.split("\n").at(-2)]).toEqual([1, "valid=false"]);
    expect(r.summary.trimEnd().split("\n").slice(-2)).toEqual([
      "",
      "❌ `w2` : autre atelier dont l'atelier.config.json est invalide : ses fichiers ne sont pas vérifiés ; atelier validate sur ce dossier dit quoi corriger",
    ]);
  });
});

describe("the example workflow", () => {
  it("uses the action with inputs it declares, on a clone with its history", () => {
    const flow = parse(readFileSync("docs/validation-ci.yml", "utf8"));
    const [checkout, atelier] = flow.jobs.validate.steps;
    expect(checkout).toEqual({ uses: "actions/checkout@v4", with: { "fetch-depth": 0 } });
    expect(Object.keys(atelier.with).filter((key) => !(key in action.inputs))).toEqual([]);
    expect(atelier.with.paths).toBe("ateliers\nmodeles/plan-2018-2022.xlsx\n");
  });
});

describe("the pre-commit hook", () => {
  const hooks = parse(readFileSync(".pre-commit-hooks.yaml", "utf8"));

  it("runs the package's atelier once on the staged spreadsheets", () => {
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    expect([hook.id, hook.language, hook.entry, hook.require_serial]).toEqual([
      "atelier-validate",
      "node",
      "atelier validate --",
      true,
    ]);
    const bin = JSON.parse(readFileSync("package.json", "utf8")).bin;
    expect(Object.keys(bin)).toEqual(["atelier"]);
    // pre-commit reads `files` as a Python regular expression: this one means the same in both.
    const files = new RegExp(hook.files.replace("(?i)", ""), "i");
    const staged = [
      "J1/Groupe 1.xlsx",
      "a/B.XLSX",
      "c.xls",
      "d.ods",
      "e.csv",
      "f.txt",
      "g.xlsx.bak",
    ];
    expect(staged.filter((name) => files.test(name))).toEqual([
      "J1/Groupe 1.xlsx",
      "a/B.XLSX",
      "c.xls",
      "d.ods",
      "e.csv",
    ]);
  });
});
