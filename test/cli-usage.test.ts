import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run, workshop } from "./helpers/workshop.js";

/**
 * A command line atelier cannot run: every misuse commander finds is said in the command line's
 * language (French, English with --lang en or the configuration's `language`), names what is
 * wrong and what is close, ends with the command's help line, prints nothing on stdout, exits 2.
 */

const COMMANDS = ["validate", "compile", "report", "matrix", "template", "init", "schema"] as const;
type Name = (typeof COMMANDS)[number];

/** What a command needs before the misuse, so that only the misuse is wrong. */
const BEFORE: Record<Name, string[]> = {
  validate: ["groupe.csv"],
  compile: [],
  report: [],
  matrix: [],
  template: [],
  init: [],
  schema: [],
};

const hint = {
  fr: (command: string) => `(atelier ${command} --help pour l'aide)\n`,
  en: (command: string) => `(atelier ${command} --help for help)\n`,
};

async function misuse(...argv: string[]) {
  const r = await run(...argv);
  expect(r.out).toBe("");
  expect(r.code).toBe(2);
  expect(r.err).not.toMatch(/error:|\(Did you mean|Allowed choices|is invalid| {4}at /);
  return r.err;
}

describe.each(COMMANDS)("atelier %s misused", (command) => {
  const before = BEFORE[command];

  it("an unknown option close to one: named, with the close one", async () => {
    expect(await misuse(command, ...before, "--lnag", "fr")).toBe(
      `atelier : option inconnue : --lnag. Vouliez-vous dire --lang ?\n${hint.fr(command)}`,
    );
    expect(await misuse(command, ...before, "--lang", "en", "--lnag")).toBe(
      `atelier: unknown option: --lnag. Did you mean --lang?\n${hint.en(command)}`,
    );
  });

  it("an unknown option close to none, and one typed with one dash", async () => {
    expect(await misuse(command, ...before, "--couleur")).toBe(
      `atelier : option inconnue : --couleur.\n${hint.fr(command)}`,
    );
    expect(await misuse(command, ...before, "-lang", "fr")).toBe(
      `atelier : option inconnue : -lang. Vouliez-vous dire --lang ?\n${hint.fr(command)}`,
    );
  });

  it("a --lang atelier does not speak", async () => {
    expect(await misuse(command, ...before, "--lang", "de")).toBe(
      `atelier : option --lang : « de » n'est pas une valeur possible ; valeurs possibles : fr, en.\n${hint.fr(command)}`,
    );
    expect(await misuse(command, ...before, "--lang=en", "--lang", "de")).toBe(
      `atelier: option --lang: “de” is not an allowed value; allowed values: fr, en.\n${hint.en(command)}`,
    );
  });

  it("an option without its value", async () => {
    expect(await misuse(command, ...before, "--lang")).toBe(
      `atelier : l'option --lang attend une valeur ; valeurs possibles : fr, en.\n${hint.fr(command)}`,
    );
  });

  it("--help and -h: the help in French, exit 0; in English with --lang en", async () => {
    for (const flag of ["--help", "-h"]) {
      const r = await run(command, flag);
      expect([r.code, r.err]).toEqual([0, ""]);
      expect(r.out).toMatch(new RegExp(`^Utilisation : atelier ${command} \\[options\\]`));
      expect(r.out).toContain("\nOptions :\n");
      expect(r.out).toMatch(/-h, --help +Afficher l'aide\n/);
      expect(r.out.replace(/\s+/g, " ")).toContain('(valeurs possibles : "fr", "en")');
      expect(r.out).not.toMatch(/Usage|choices|default:|display help/);
    }
    const en = await run(command, "--help", "--lang", "en");
    expect(en.code).toBe(0);
    expect(en.out).toMatch(new RegExp(`^Usage: atelier ${command} \\[options\\]`));
    expect(en.out).toMatch(/-h, --help +display help for command\n/);
    expect(en.out.replace(/\s+/g, " ")).toContain('(choices: "fr", "en")');
  });
});

describe("a --format atelier does not write", () => {
  it.each([
    ["validate", ["groupe.csv"], "text, json, github, junit, sarif"],
    ["compile", [], "text, json"],
    ["matrix", [], "xlsx, md"],
    ["template", [], "xlsx, csv"],
    ["schema", [], "json-schema, table-schema, markdown, config"],
  ])("%s", async (command, before, choices) => {
    expect(await misuse(command, ...before, "--format", "xml")).toBe(
      `atelier : option --format : « xml » n'est pas une valeur possible ; valeurs possibles : ${choices}.\n${hint.fr(command)}`,
    );
    expect(await misuse(command, ...before, "--format=xml", "--lang", "en")).toBe(
      `atelier: option --format: “xml” is not an allowed value; allowed values: ${choices}.\n${hint.en(command)}`,
    );
  });

  it("a close value is suggested", async () => {
    expect(await misuse("validate", "g.csv", "--format", "jsno")).toBe(
      `atelier : option --format : « jsno » n'est pas une valeur possible ; valeurs possibles : text, json, github, junit, sarif. Vouliez-vous dire json ?\n${hint.fr("validate")}`,
    );
  });

  it("report, whose --format is a list, says which one it does not know", async () => {
    expect(await misuse("report", "fixtures/atelier", "--format", "xml")).toBe(
      `atelier : --format : « xml » inconnu ; vouliez-vous dire html ? Formats : md, html, docx, pdf (ex. --format docx,pdf).\n${hint.fr("report")}`,
    );
  });
});

describe("arguments missing or in excess", () => {
  it("validate without a path", async () => {
    expect(await misuse("validate")).toBe(
      `atelier : il manque l'argument <chemins...> : classeurs (.xlsx, .xls, .ods), fichiers .csv ou dossiers.\n${hint.fr("validate")}`,
    );
    expect(await misuse("validate", "--lang", "en")).toBe(
      `atelier: missing argument <paths...>: workbooks (.xlsx, .xls, .ods), .csv files or folders.\n${hint.en("validate")}`,
    );
  });

  it.each(["compile", "report", "matrix", "init"])(
    "%s takes one folder: a path with spaces not quoted",
    async (command) => {
      expect(await misuse(command, "Mes", "Documents")).toBe(
        `atelier : trop d'arguments pour la commande ${command} : 1 attendu, 2 reçus (Mes Documents). Un chemin qui contient des espaces s'écrit entre guillemets.\n${hint.fr(command)}`,
      );
      expect(await misuse(command, "Mes", "Documents", "--lang", "en")).toBe(
        `atelier: too many arguments for the command ${command}: 1 expected, 2 given (Mes Documents). Put a path that contains spaces between quotes.\n${hint.en(command)}`,
      );
    },
  );

  it.each(["template", "schema"])("%s takes no argument", async (command) => {
    expect(await misuse(command, "bilan")).toBe(
      `atelier : la commande ${command} n'attend aucun argument, mais a reçu : bilan. Une option commence par --.\n${hint.fr(command)}`,
    );
  });
});

describe("commands unknown", () => {
  it("a close one is suggested, else the list is given", async () => {
    expect(await misuse("compil")).toBe(
      "atelier : commande inconnue : compil. Vouliez-vous dire compile ?\n(atelier --help pour l'aide)\n",
    );
    expect(await misuse("frobnicate")).toBe(
      "atelier : commande inconnue : frobnicate. Commandes : validate, compile, report, matrix, template, init, schema, help.\n(atelier --help pour l'aide)\n",
    );
    expect(await misuse("help", "valider")).toBe(
      "atelier : commande inconnue : valider. Vouliez-vous dire validate ?\n(atelier --help pour l'aide)\n",
    );
    // `--lang` before the command is the command's: moved after it, it still picks the language.
    expect(await misuse("--lang=en", "compil")).toBe(
      "atelier: unknown command: compil. Did you mean compile?\n(atelier --help for help)\n",
    );
  });

  it("a folder or a file given as the command (dropped onto atelier.cmd) gets its command", async () => {
    const dir = workshop({ "J1/groupe 2.csv": "Axe;Statut\r\n" });
    expect(await misuse(dir)).toBe(
      `atelier : ${dir} est un dossier, pas une commande : pour compiler l'atelier qu'il contient, tapez atelier compile ${dir}.\n(atelier --help pour l'aide)\n`,
    );
    const file = join(dir, "J1", "groupe 2.csv");
    expect(await misuse("--lang", "en", file)).toBe(
      `atelier: ${file} is a file, not a command: to check it, type atelier validate "${file}".\n(atelier --help for help)\n`,
    );
    // A path with a space is quoted, without the `\` that would escape the closing quote.
    mkdirSync(join(dir, "Atelier d'été"));
    expect(await misuse(`${join(dir, "Atelier d'été")}/`)).toContain(
      `tapez atelier compile "${join(dir, "Atelier d'été")}".`,
    );
  });

  it("--lang before the command is the command's", async () => {
    const help = await run("--lang", "en", "compile", "--help");
    expect([help.code, help.out.split("\n")[0]]).toEqual([
      0,
      "Usage: atelier compile [options] [dir]",
    ]);
    expect(await misuse("--lang", "en", "validate")).toBe(
      `atelier: missing argument <paths...>: workbooks (.xlsx, .xls, .ods), .csv files or folders.\n${hint.en("validate")}`,
    );
    expect(await misuse("--lang", "de", "validate", "x.csv")).toBe(
      `atelier : option --lang : « de » n'est pas une valeur possible ; valeurs possibles : fr, en.\n${hint.fr("validate")}`,
    );
  });

  it("no command at all: the help, on stderr, exit 2", async () => {
    const r = await run();
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toMatch(/^Utilisation : atelier \[options\] \[commande\]\n/);
  });
});

describe("paths that do not exist: exit 2, said once, no help line", () => {
  const missing = join(workshop({}), "absent");
  it.each([
    ["validate", [missing], `Chemin introuvable : ${missing}. Vérifiez l'orthographe`],
    ["compile", [missing], `Dossier d'atelier introuvable : ${missing}.`],
    ["report", [missing], `Dossier d'atelier introuvable : ${missing}.`],
    ["matrix", [missing], `Dossier d'atelier introuvable : ${missing}.`],
    ["template", ["--config", missing], `Fichier de configuration introuvable : ${missing}.`],
    ["schema", ["--config", missing], `Fichier de configuration introuvable : ${missing}.`],
  ])("%s", async (command, argv, text) => {
    const err = await misuse(command, ...argv);
    expect(err).toMatch(/^atelier : [^\n]*\n$/);
    expect(err).toContain(text);
  });
});

describe("the help of the whole command line", () => {
  it("is in French, and in English with --lang en", async () => {
    const r = await run("--help");
    expect([r.code, r.err]).toEqual([0, ""]);
    for (const line of [
      /^Utilisation : atelier \[options\] \[commande\]\n/,
      /\nOptions :\n/,
      /\nCommandes :\n/,
      /-V, --version +Afficher la version\n/,
      /-h, --help +Afficher l'aide\n/,
      /help \[commande\] +Afficher l'aide d'une commande\n/,
    ]) {
      expect(r.out).toMatch(line);
    }
    const en = await run("--help", "--lang", "en");
    expect(en.out).toMatch(/^Usage: atelier \[options\] \[command\]\n/);
    expect(en.out).toMatch(/help \[command\] +display help for command\n/);
    expect(en.out).toMatch(/-V, --version +output the version number\n/);
  });

  it("says defaults and choices in French", async () => {
    const validate = (await run("validate", "--help")).out.replace(/\s+/g, " ");
    expect(validate).toContain(
      '--format <format> forme du rapport (valeurs possibles : "text", "json", "github", "junit", "sarif" ; par défaut : "text")',
    );
    expect(validate).toContain("Arguments : chemins classeurs");
    expect(validate).toContain("--config <fichier> fichier atelier.config.json");
    expect((await run("compile", "--help")).out).toContain(
      'dossier de l\'atelier (par défaut\u00a0: ".")',
    );
    const en = (await run("validate", "--help", "--lang", "en")).out.replace(/\s+/g, " ");
    expect(en).toContain('(choices: "text", "json", "github", "junit", "sarif", default: "text")');
  });

  it("help <command> is that command's help, exit 0", async () => {
    const r = await run("help", "compile");
    expect(r.code).toBe(0);
    const helpOfHelp = await run("help", "help");
    expect([helpOfHelp.code, helpOfHelp.err]).toEqual([0, ""]);
    expect(helpOfHelp.out).toMatch(/^Utilisation : atelier \[options\] \[commande\]\n/);
    expect(r.out).toMatch(/^Utilisation : atelier compile \[options\] \[dossier\]/);
  });

  it("--version", async () => {
    expect(await run("--version")).toEqual({ code: 0, out: "0.1.0\n", err: "" });
  });
});

describe("the language of a command line that cannot run", () => {
  it("is the configuration's when --lang is not given", async () => {
    const dir = workshop({ "atelier.config.json": '{ "language": "en" }' });
    const config = join(dir, "atelier.config.json");
    expect(await misuse("template", "--config", config, "--strcit")).toBe(
      `atelier: unknown option: --strcit.\n${hint.en("template")}`,
    );
    expect(await misuse("schema", "--config", config, "--lang", "fr", "--fromat", "x")).toBe(
      `atelier : option inconnue : --fromat. Vouliez-vous dire --format ?\n${hint.fr("schema")}`,
    );
    expect((await run("schema", "--config", config, "--help")).out).toMatch(/^Usage: /);
  });
});

describe("the installed command", () => {
  const atelier = (...argv: string[]) =>
    spawnSync(process.execPath, ["dist/bin.js", ...argv], { encoding: "utf8" });

  it("exits 2 on misuse, with the French message on stderr only", () => {
    const strict = atelier("compile", "--strcit");
    expect([strict.status, strict.stdout, strict.stderr]).toEqual([
      2,
      "",
      "atelier : option inconnue : --strcit. Vouliez-vous dire --strict ?\n(atelier compile --help pour l'aide)\n",
    ]);
    const lang = atelier("validate", "--lang", "de");
    expect([lang.status, lang.stdout, lang.stderr]).toEqual([
      2,
      "",
      "atelier : option --lang : « de » n'est pas une valeur possible ; valeurs possibles : fr, en.\n(atelier validate --help pour l'aide)\n",
    ]);
    const excess = atelier("template", "x", "--lang", "en");
    expect([excess.status, excess.stdout]).toEqual([2, ""]);
    expect(excess.stderr).toContain("the command template takes no argument, but got: x.");
  });

  it("exits 0 on --help and --version", () => {
    const help = atelier("--help");
    expect([help.status, help.stderr]).toEqual([0, ""]);
    expect(help.stdout).toContain("Utilisation : atelier [options] [commande]");
    expect(help.stdout).toContain("Afficher l'aide");
    const version = atelier("-V");
    expect([version.status, version.stdout]).toEqual([0, "0.1.0\n"]);
  });
});
