import { Command, CommanderError, Option } from "commander";
import type { DocumentsWritten } from "./commands/documents.js";
import { AppError, type Spoken } from "./errors.js";
import * as en from "./i18n/en/errors.js";
import * as fr from "./i18n/fr/errors.js";
import { type Lang, languageOf } from "./i18n/lang.js";

/**
 * The command-line shell: parses flags, calls the core, renders the result and picks the exit
 * code. Exit codes: 0 valid or outputs written; 1 errors found (or, with --strict, warnings);
 * 2 the command could not run (usage, configuration, path, unreadable format).
 */

export const EXIT = { ok: 0, invalid: 1, cannotRun: 2 } as const;

/**
 * The command line's own texts, taken from the catalogue's part that holds them: the whole
 * catalogue is loaded by the commands that need it, not to print the help.
 */
const TEXTS = { fr, en };

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

/** The language of the command line itself, before any configuration is read: `--lang`. */
function flagLanguage(argv: readonly string[]): Lang {
  const at = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  const arg = argv[at];
  const flag = arg === undefined ? undefined : arg === "--lang" ? argv[at + 1] : arg.slice(7);
  return languageOf(flag === "en" || flag === "fr" ? flag : undefined);
}

export function createProgram(
  io: Io = defaultIo,
  setExit: (code: number) => void = (c) => {
    process.exitCode = c;
  },
  lang: Lang = "fr",
): Command {
  const t = TEXTS[lang].cli;
  const program = new Command();
  program
    .name("atelier")
    .description(t.description)
    .version("0.1.0", "-V, --version")
    .option("--debug", t.debug)
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command("validate")
    .description(t.validate.description)
    .argument("<paths...>", t.validate.paths)
    .addOption(
      new Option("--format <format>", t.validate.format)
        .choices(["text", "json", "github"])
        .default("text"),
    )
    .option("--strict", t.validate.strict)
    .addOption(new Option("--lang <lang>", t.validate.lang).choices(["fr", "en"]))
    .option("--config <file>", t.config)
    .option("--all", t.validate.all)
    .option("--groupe <groupe>", t.groupe)
    .option("--session <session>", t.session)
    .action(async (paths: string[], opts) => {
      const { validateFiles } = await import("./commands/validate.js");
      const render = await import("./render/validation.js");
      // Validation keeps counts and problems only: rows are not held (flat memory on big files).
      const { validation: result, lang } = await validateFiles(paths, {
        ...workshopOptions(opts),
        meta: metaOf(opts),
        records: false,
      });
      if (opts.format === "json") {
        io.out(`${JSON.stringify(render.validationJson(result, lang), null, 2)}\n`);
      } else if (opts.format === "github") {
        io.out(render.validationGithub(result, lang));
      } else {
        const limit = opts.all ? Number.POSITIVE_INFINITY : 30;
        io.out(render.validationText(result, lang, await paintFor(io), limit));
      }
      const { errors, warnings } = result.summary;
      setExit(errors > 0 || (opts.strict && warnings > 0) ? EXIT.invalid : EXIT.ok);
    });

  program
    .command("compile")
    .description(t.compile.description)
    .argument("[dir]", t.dir, ".")
    .option("--out <dir>", t.out)
    .option("--strict", t.compile.strict)
    .addOption(new Option("--lang <lang>", t.compile.lang).choices(["fr", "en"]))
    .addOption(
      new Option("--format <format>", t.compile.format).choices(["text", "json"]).default("text"),
    )
    .option("--csv-delimiter <char>", t.compile.delimiter, ";")
    .option("--config <file>", t.config)
    .option("--groupe <groupe>", t.groupe)
    .option("--session <session>", t.session)
    .action(async (dir: string, opts) => {
      const { compileSummary, compileWorkshop } = await import("./commands/compile.js");
      const render = await import("./render/summary.js");
      // A tab is hard to type in a shell: `tab` and `\t` say it.
      const delimiter = ["tab", "\\t"].includes(opts.csvDelimiter) ? "\t" : opts.csvDelimiter;
      if (![";", ",", "\t", "|"].includes(delimiter)) {
        throw new AppError("USAGE", {
          fr: fr.errors.delimiter(opts.csvDelimiter),
          en: en.errors.delimiter(opts.csvDelimiter),
        });
      }
      const progress = progressBar(io);
      const result = await compileWorkshop(dir, {
        ...workshopOptions(opts),
        csvDelimiter: delimiter,
        meta: metaOf(opts),
        onFile: progress.tick,
      });
      progress.done();
      const summary = compileSummary(result);
      if (opts.format === "json") {
        io.out(`${JSON.stringify(render.compileJson(summary), null, 2)}\n`);
      } else {
        io.out(render.compileText(summary, result.lang, await paintFor(io)));
      }
      const { flagged } = await import("./commands/documents.js");
      setExit(opts.strict && flagged(result.consolidation) ? EXIT.invalid : EXIT.ok);
    });

  program
    .command("report")
    .description(t.report.description)
    .argument("[dir]", t.dir, ".")
    .option("--out <dir>", t.out)
    .addOption(new Option("--lang <lang>", t.report.lang).choices(["fr", "en"]))
    .option("--format <formats>", t.report.format, "md,html")
    .option("--strict", t.compile.strict)
    .option("--config <file>", t.config)
    .action(async (dir: string, opts) => {
      const { writeReport } = await import("./commands/documents.js");
      const formats = String(opts.format)
        .split(",")
        .map((f) => f.trim());
      const r = await writeReport(dir, formats, workshopOptions(opts));
      io.out(writtenText(r.out, r.written, r.lang));
      io.out(await keptText(r, io));
      setExit(opts.strict && r.flagged ? EXIT.invalid : EXIT.ok);
    });

  program
    .command("matrix")
    .description(t.matrix.description)
    .argument("[dir]", t.dir, ".")
    .option("--out <dir>", t.out)
    .addOption(new Option("--lang <lang>", t.matrix.lang).choices(["fr", "en"]))
    .addOption(
      new Option("--format <format>", t.matrix.format).choices(["xlsx", "md"]).default("xlsx"),
    )
    .option("--strict", t.compile.strict)
    .option("--config <file>", t.config)
    .action(async (dir: string, opts) => {
      const { writeMatrix } = await import("./commands/documents.js");
      const r = await writeMatrix(dir, opts.format, workshopOptions(opts));
      io.out(writtenText(r.out, r.written, r.lang));
      io.out(await keptText(r, io));
      setExit(opts.strict && r.flagged ? EXIT.invalid : EXIT.ok);
    });

  program
    .command("template")
    .description(t.template.description)
    .option("-o, --out <path>", t.template.out)
    .addOption(new Option("--lang <lang>", t.template.lang).choices(["fr", "en"]))
    .addOption(
      new Option("--kind <kind>", t.template.kind)
        .choices(["bilan", "constats", "propositions", "all"])
        .default("all"),
    )
    .addOption(
      new Option("--format <format>", t.template.format).choices(["xlsx", "csv"]).default("xlsx"),
    )
    .option("--groupe <groupe>", t.template.groupe)
    .option("--session <session>", t.template.session)
    .option("--config <file>", t.config)
    .action(async (opts) => {
      const { writeTemplate } = await import("./commands/template.js");
      const r = await writeTemplate({
        kind: opts.kind,
        format: opts.format,
        ...workshopOptions(opts),
        ...(opts.groupe ? { groupe: opts.groupe } : {}),
        ...(opts.session ? { session: opts.session } : {}),
      });
      io.out(writtenText(".", r.written, r.lang));
      setExit(EXIT.ok);
    });

  program
    .command("init")
    .description(t.init.description)
    .argument("[dir]", t.init.dir, ".")
    .addOption(new Option("--lang <lang>", t.init.lang).choices(["fr", "en"]))
    .action(async (dir: string, opts) => {
      const { initWorkshop } = await import("./commands/template.js");
      const lang = languageOf(opts.lang);
      const r = await initWorkshop(dir, lang);
      io.out(writtenText(r.root, r.written, lang));
      setExit(EXIT.ok);
    });

  program
    .command("schema")
    .description(t.schema.description)
    .addOption(
      new Option("--format <format>", t.schema.format)
        .choices(["json-schema", "table-schema", "markdown"])
        .default("json-schema"),
    )
    .addOption(new Option("--lang <lang>", t.schema.lang).choices(["fr", "en"]))
    .option("--config <file>", t.config)
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

/** The options a command passes down as given: absent ones are left out, not `undefined`. */
function workshopOptions(opts: { out?: string; config?: string; lang?: Lang }) {
  return {
    ...(opts.out ? { out: opts.out } : {}),
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.lang ? { lang: opts.lang } : {}),
  };
}

/**
 * After what `report` or `matrix` wrote: a file of theirs someone changed, kept; then, last, each
 * file of which nothing could be read.
 */
async function keptText(r: DocumentsWritten, io: Io): Promise<string> {
  const { previousLines, unreadLines } = await import("./render/summary.js");
  const paint = await paintFor(io);
  const moves = { previous: false, moved: [], kept: r.kept, unlisted: [] };
  return [...previousLines(r.out, moves, r.lang, paint), ...unreadLines(r.files, r.lang, paint)]
    .map((line) => `${line}\n`)
    .join("");
}

function writtenText(dir: string, names: string[], lang: Lang): string {
  return `${TEXTS[lang].cli.written(dir)}\n    ${names.join(", ")}\n`;
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
  const lang = flagLanguage(argv);
  const program = createProgram(
    io,
    (c) => {
      code = c;
    },
    lang,
  );
  program.exitOverride();
  const debug = argv.includes("--debug");
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.cannotRun;
    }
    const err = e as Spoken;
    const said = err.lang ?? lang;
    const t = TEXTS[said].errors;
    io.err(`${t.stop(err instanceof AppError ? err[said] : t.internal(err.message))}\n`);
    if (debug) io.err(`${err.stack}\n`);
    return EXIT.cannotRun;
  }
  return code;
}
