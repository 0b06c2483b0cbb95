import { Command, CommanderError, Option } from "commander";
import { languageOf } from "./config.js";
import { AppError } from "./errors.js";
import type { Lang } from "./issues.js";

/**
 * The command-line shell: parses flags, calls the core, renders the result and picks the exit
 * code. Exit codes: 0 valid or outputs written; 1 errors found (or, with --strict, warnings);
 * 2 the command could not run (usage, configuration, path, unreadable format).
 */

export const EXIT = { ok: 0, invalid: 1, cannotRun: 2 } as const;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Colours only on a terminal and without NO_COLOR. */
  color: boolean;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  color: Boolean(process.stdout.isTTY) && !("NO_COLOR" in process.env),
};

export function createProgram(
  io: Io = defaultIo,
  setExit: (code: number) => void = (c) => {
    process.exitCode = c;
  },
): Command {
  const program = new Command();
  program
    .name("atelier")
    .description(
      "Compile les fichiers des groupes de travail d'un atelier de restitution : validation, consolidation, rapport, matrice d'actions.",
    )
    .version("0.1.0", "-V, --version")
    .option("--debug", "affiche le détail interne des erreurs")
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command("validate")
    .description("vérifie des fichiers ou dossiers sans rien écrire")
    .argument("<paths...>", "fichiers .xlsx/.csv ou dossiers")
    .addOption(
      new Option("--format <format>", "text, json ou github")
        .choices(["text", "json", "github"])
        .default("text"),
    )
    .option("--strict", "les avertissements comptent comme des erreurs (code 1)")
    .addOption(new Option("--lang <lang>", "langue des messages").choices(["fr", "en"]))
    .option("--config <file>", "fichier atelier.config.json à utiliser")
    .option("--all", "affiche tous les problèmes (texte)")
    .option("--groupe <groupe>", "groupe de travail, si les fichiers ne le disent pas")
    .option("--session <session>", "session, si les fichiers ou dossiers ne le disent pas")
    .action(async (paths: string[], opts) => {
      const { validateFiles } = await import("./commands/validate.js");
      const render = await import("./render/validation.js");
      // Validation keeps counts and problems only: rows are not held (flat memory on big files).
      const { validation: result, lang } = await validateFiles(paths, {
        ...(opts.config ? { config: opts.config } : {}),
        ...(opts.lang ? { lang: opts.lang } : {}),
        meta: metaOf(opts),
        records: false,
      });
      if (opts.format === "json") {
        io.out(`${JSON.stringify(render.validationJson(result, lang), null, 2)}\n`);
      } else if (opts.format === "github") {
        io.out(render.validationGithub(result, lang));
      } else {
        const chalk = (await import("chalk")).Chalk;
        const c = new chalk({ level: io.color ? 1 : 0 });
        const paint = { error: c.red, warning: c.yellow, dim: c.dim, bold: c.bold, ok: c.green };
        io.out(
          render.validationText(result, lang, paint, opts.all ? Number.POSITIVE_INFINITY : 30),
        );
      }
      const { errors, warnings } = result.summary;
      setExit(errors > 0 || (opts.strict && warnings > 0) ? EXIT.invalid : EXIT.ok);
    });

  program
    .command("compile")
    .description("consolide tous les fichiers d'un atelier et écrit les sorties")
    .argument("[dir]", "dossier de l'atelier", ".")
    .option("--out <dir>", "dossier de sortie (défaut : <dir>/sortie)")
    .option("--strict", "code 1 si une ligne est rejetée ou un avertissement émis")
    .addOption(new Option("--lang <lang>", "langue des sorties et messages").choices(["fr", "en"]))
    .addOption(
      new Option("--format <format>", "résumé en texte ou en JSON")
        .choices(["text", "json"])
        .default("text"),
    )
    .option("--csv-delimiter <char>", "séparateur des CSV écrits", ";")
    .option("--config <file>", "fichier atelier.config.json à utiliser")
    .option("--groupe <groupe>", "groupe de travail, si les fichiers ne le disent pas")
    .option("--session <session>", "session, si les fichiers ou dossiers ne le disent pas")
    .action(async (dir: string, opts) => {
      const { compileWorkshop } = await import("./commands/compile.js");
      const render = await import("./render/summary.js");
      const { filesRead } = await import("./render/validation.js");
      const { displayPath } = await import("./read/index.js");
      // A tab is hard to type in a shell: `tab` and `\t` say it.
      const delimiter = ["tab", "\\t"].includes(opts.csvDelimiter) ? "\t" : opts.csvDelimiter;
      if (![";", ",", "\t", "|"].includes(delimiter)) {
        throw new AppError("USAGE", {
          fr: `--csv-delimiter : « ${opts.csvDelimiter} » n'est pas un séparateur accepté (; , | ou tabulation).`,
          en: `--csv-delimiter: “${opts.csvDelimiter}” is not an accepted delimiter (; , | or tab).`,
        });
      }
      const progress = progressBar(io);
      const result = await compileWorkshop(dir, {
        ...(opts.out ? { out: opts.out } : {}),
        ...(opts.config ? { config: opts.config } : {}),
        ...(opts.lang ? { lang: opts.lang } : {}),
        csvDelimiter: delimiter,
        meta: metaOf(opts),
        onFile: progress.tick,
      });
      progress.done();
      const summary: import("./render/summary.js").CompileSummary = {
        out: displayPath(result.out, process.cwd()),
        files: filesRead(result.validation),
        consolidation: result.consolidation,
        written: result.written,
      };
      if (result.changes) summary.changes = result.changes;
      if (opts.format === "json") {
        io.out(`${JSON.stringify(render.compileJson(summary), null, 2)}\n`);
      } else {
        io.out(render.compileText(summary, result.lang, await paintFor(io)));
      }
      const totals = result.consolidation.summary;
      const flagged = totals.rows.rejected > 0 || totals.warnings > 0 || totals.errors > 0;
      setExit(opts.strict && flagged ? EXIT.invalid : EXIT.ok);
    });

  program
    .command("report")
    .description("écrit le rapport bilan (forces et faiblesses) du plan évalué")
    .argument("[dir]", "dossier de l'atelier", ".")
    .option("--out <dir>", "dossier de sortie (défaut : <dir>/sortie)")
    .addOption(new Option("--lang <lang>", "langue du rapport").choices(["fr", "en"]))
    .option("--format <formats>", "md, html et/ou pdf, séparés par des virgules", "md,html")
    .option("--config <file>", "fichier atelier.config.json à utiliser")
    .action(async (dir: string, opts) => {
      const { writeReport } = await import("./commands/documents.js");
      const formats = String(opts.format)
        .split(",")
        .map((f) => f.trim());
      const r = await writeReport(dir, formats, workshopOptions(opts));
      io.out(writtenText(r.out, r.written, r.lang));
      setExit(EXIT.ok);
    });

  program
    .command("matrix")
    .description("écrit la matrice d'actions du nouveau plan (Excel et CSV)")
    .argument("[dir]", "dossier de l'atelier", ".")
    .option("--out <dir>", "dossier de sortie (défaut : <dir>/sortie)")
    .addOption(new Option("--lang <lang>", "langue de la matrice").choices(["fr", "en"]))
    .addOption(
      new Option("--format <format>", "xlsx (avec le CSV) ou md")
        .choices(["xlsx", "md"])
        .default("xlsx"),
    )
    .option("--config <file>", "fichier atelier.config.json à utiliser")
    .action(async (dir: string, opts) => {
      const { writeMatrix } = await import("./commands/documents.js");
      const r = await writeMatrix(dir, opts.format, workshopOptions(opts));
      io.out(writtenText(r.out, r.written, r.lang));
      setExit(EXIT.ok);
    });

  program
    .command("template")
    .description("écrit un modèle vierge de fiche à remettre aux groupes")
    .option(
      "-o, --out <path>",
      "fichier .xlsx (défaut : modele.xlsx) ou dossier des CSV (défaut : .)",
    )
    .addOption(new Option("--lang <lang>", "langue du modèle").choices(["fr", "en"]))
    .addOption(
      new Option("--kind <kind>", "type de fiche")
        .choices(["bilan", "constats", "propositions", "all"])
        .default("all"),
    )
    .addOption(
      new Option("--format <format>", "xlsx ou csv").choices(["xlsx", "csv"]).default("xlsx"),
    )
    .option("--groupe <groupe>", "groupe prérempli dans la feuille Identification")
    .option("--session <session>", "session préremplie dans la feuille Identification")
    .option("--config <file>", "fichier atelier.config.json à utiliser")
    .action(async (opts) => {
      const { writeTemplate } = await import("./commands/template.js");
      const r = await writeTemplate({
        kind: opts.kind,
        format: opts.format,
        ...(opts.out ? { out: opts.out } : {}),
        ...(opts.config ? { config: opts.config } : {}),
        ...(opts.lang ? { lang: opts.lang } : {}),
        ...(opts.groupe ? { groupe: opts.groupe } : {}),
        ...(opts.session ? { session: opts.session } : {}),
      });
      io.out(writtenText(".", r.written, r.lang));
      setExit(EXIT.ok);
    });

  program
    .command("init")
    .description("prépare un dossier d'atelier : configuration, modèles, dossiers de sessions")
    .argument("[dir]", "dossier à préparer", ".")
    .addOption(new Option("--lang <lang>", "langue des modèles").choices(["fr", "en"]))
    .action(async (dir: string, opts) => {
      const { initWorkshop } = await import("./commands/template.js");
      const lang = languageOf(opts.lang);
      const r = await initWorkshop(dir, lang);
      io.out(writtenText(r.root, r.written, lang));
      setExit(EXIT.ok);
    });

  program
    .command("schema")
    .description("affiche le registre des champs")
    .addOption(
      new Option("--format <format>", "json-schema, table-schema ou markdown")
        .choices(["json-schema", "table-schema", "markdown"])
        .default("json-schema"),
    )
    .addOption(new Option("--lang <lang>", "langue des titres").choices(["fr", "en"]))
    .option("--config <file>", "fichier atelier.config.json à utiliser")
    .action(async (opts) => {
      const { findConfig, loadConfig } = await import("./config.js");
      const schema = await import("./render/schema.js");
      const config = opts.config ? loadConfig(opts.config) : findConfig(process.cwd());
      const lang = languageOf(opts.lang, config);
      if (opts.format === "markdown") io.out(`${schema.schemaMarkdown()}\n`);
      else {
        const doc =
          opts.format === "table-schema"
            ? schema.tableSchema(config)
            : schema.schemaJson(config, lang);
        io.out(`${JSON.stringify(doc, null, 2)}\n`);
      }
      setExit(EXIT.ok);
    });

  return program;
}

function workshopOptions(opts: { out?: string; config?: string; lang?: Lang }) {
  return {
    ...(opts.out ? { out: opts.out } : {}),
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.lang ? { lang: opts.lang } : {}),
  };
}

function writtenText(dir: string, names: string[], lang: Lang): string {
  const head = lang === "en" ? `Written to ${dir}:` : `Écrit dans ${dir} :`;
  return `${head}\n    ${names.join(", ")}\n`;
}

function metaOf(opts: { groupe?: string; session?: string }): Record<string, string> {
  const meta: Record<string, string> = {};
  if (opts.groupe) meta.groupe = opts.groupe;
  if (opts.session) meta.session = opts.session;
  return meta;
}

async function paintFor(io: Io) {
  const { Chalk } = await import("chalk");
  const c = new Chalk({ level: io.color ? 1 : 0 });
  return { error: c.red, warning: c.yellow, dim: c.dim, bold: c.bold, ok: c.green };
}

/** A progress bar on stderr, only on a terminal outside CI, and only once a run takes a while. */
function progressBar(io: Io) {
  const shown = Boolean(process.stderr.isTTY) && !process.env.CI && io === defaultIo;
  const start = Date.now();
  let drawn = false;
  return {
    tick: (path: string, index: number, total: number) => {
      if (!shown || Date.now() - start < 800) return;
      const width = 24;
      const full = Math.round(((index + 1) / total) * width);
      const bar = `${"█".repeat(full)}${"░".repeat(width - full)}`;
      process.stderr.write(`\r${bar} ${index + 1}/${total} ${path.slice(-40).padEnd(40)}`);
      drawn = true;
    },
    done: () => {
      if (drawn) process.stderr.write(`\r${" ".repeat(80)}\r`);
    },
  };
}

/** Runs the CLI: every "cannot run" becomes one line and exit 2; data problems never throw. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = createProgram(io, (c) => {
    code = c;
  });
  program.exitOverride();
  const debug = argv.includes("--debug");
  const flag = argv[argv.indexOf("--lang") + 1];
  const lang = languageOf(flag === "en" || flag === "fr" ? flag : undefined);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.cannotRun;
    }
    if (e instanceof AppError) {
      io.err(`atelier : ${lang === "en" ? e.en : e.fr}\n`);
      if (debug) io.err(`${e.stack}\n`);
      return EXIT.cannotRun;
    }
    const err = e as Error;
    io.err(
      lang === "en"
        ? `atelier: internal error: ${err.message}. This is a bug in atelier; run again with --debug for details.\n`
        : `atelier : erreur interne : ${err.message}. C'est un défaut d'atelier ; relancez avec --debug pour le détail.\n`,
    );
    if (debug) io.err(`${err.stack}\n`);
    return EXIT.cannotRun;
  }
  return code;
}
