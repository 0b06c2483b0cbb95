import { appendFileSync, existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Argument, Command, CommanderError, Help, Option } from "commander";
import type { DocumentsWritten } from "./commands/documents.js";
import { AppError, type Spoken } from "./errors.js";
import * as en from "./i18n/en/errors.js";
import * as fr from "./i18n/fr/errors.js";
import { type Lang, languageOf } from "./i18n/lang.js";
import type { Io } from "./io.js";
import type { ValidationResult } from "./model.js";
import { similar } from "./text.js";

/**
 * The command-line shell: parses flags, calls the core, renders the result and picks the exit
 * code. Exit codes: 0 valid or outputs written; 1 errors found (or, with --strict, warnings);
 * 2 the command could not run (usage, configuration, path, unreadable format).
 */

export const EXIT = { ok: 0, invalid: 1, cannotRun: 2 } as const;

/** What `atelier launch` adds to its command's exit code (see src/release/windows.ts). */
export const LAUNCHED = 10;

/**
 * The command line's own texts, taken from the catalogue's part that holds them: the whole
 * catalogue is loaded by the commands that need it, not to print the help.
 */
const TEXTS = { fr, en };

export type { Io };

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  color: Boolean(process.stdout.isTTY) && !("NO_COLOR" in process.env),
};

/** The language `--lang` asks for on the command line, if it names one atelier speaks. */
function flagLanguage(argv: readonly string[]): Lang | undefined {
  const flag = optionValue(argv, "--lang");
  return flag === "en" || flag === "fr" ? flag : undefined;
}

/** The value of `--name value` or `--name=value`, before anything is parsed. */
function optionValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  const arg = argv[at];
  return arg === undefined ? undefined : arg === name ? argv[at + 1] : arg.slice(name.length + 1);
}

/**
 * The `language` of the configuration a command would read, for the help and for a command line
 * that cannot run (said before any configuration is checked): `--config`, else the nearest
 * `atelier.config.json` at or above the current folder. Read without checking it, so it is never
 * an error here: the command itself says what is wrong with the file.
 */
function configLanguage(argv: readonly string[], from = "."): Lang | undefined {
  let file = optionValue(argv, "--config");
  if (file === undefined) {
    for (let dir = resolve(from); ; dir = dirname(dir)) {
      if (existsSync(join(dir, "atelier.config.json"))) {
        file = join(dir, "atelier.config.json");
        break;
      }
      if (dirname(dir) === dir) return undefined;
    }
  }
  try {
    const bytes = readFileSync(file);
    // `"language": "en"` is ASCII: only UTF-16 needs decoding to be found.
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
    const text = utf16 ? bytes.toString("utf16le") : bytes.toString("latin1");
    const language = JSON.parse(text.replace(/^\uFEFF|^\xEF\xBB\xBF/, "")).language;
    return language === "en" || language === "fr" ? language : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The language of the configuration that governs a folder (its own `atelier.config.json`, else
 * the nearest above it), else French: what a command on that folder speaks before it has run.
 */
export function folderLanguage(dir: string): Lang {
  return configLanguage([], dir) ?? "fr";
}

/**
 * A command whose misuse commander reports in the command line's language: the message names
 * the option, argument or command, suggests a close one (« Vouliez-vous dire --strict ? »), and
 * ends with the command's help line; exit 2. Each method replaces commander's own of that name,
 * which builds an English message (node_modules/commander/lib/command.js).
 */
class AtelierCommand extends Command {
  readonly speech: Lang;

  constructor(name: string | undefined, speech: Lang) {
    super(name);
    this.speech = speech;
  }

  override createCommand(name?: string): Command {
    return new AtelierCommand(name, this.speech);
  }

  /** `atelier compile`: the command as typed. */
  private path(): string {
    const names: string[] = [];
    for (let c: Command | null = this; c; c = c.parent) names.unshift(c.name());
    return names.join(" ");
  }

  private misuse(message: (t: (typeof TEXTS)[Lang]["errors"]) => string, code: string): never {
    const t = TEXTS[this.speech].errors;
    return this.error(`${t.stop(message(t))}\n${t.usage.helpHint(this.path())}`, {
      exitCode: EXIT.cannotRun,
      code,
    });
  }

  /** The closest names, joined with « ou »; empty when none is close. */
  private near(word: string, names: readonly string[], prefix = ""): string {
    const found = similar(word, names).map((n) => `${prefix}${n}`);
    return found.length > 0 ? TEXTS[this.speech].errors.usage.or(found) : "";
  }

  unknownOption(flag: string): never {
    const [given = flag] = flag.split("=");
    const longs: string[] = [];
    for (let c: Command | null = this; c; c = c.parent) {
      for (const o of c.createHelp().visibleOptions(c)) if (o.long) longs.push(o.long.slice(2));
    }
    // `-strict`, typed with one dash, is named too.
    const bare = given.replace(/^--?/, "");
    const near = bare.length > 1 ? this.near(bare, longs, "--") : "";
    return this.misuse((t) => t.usage.unknownOption(given, near), "commander.unknownOption");
  }

  unknownCommand(name = this.args[0] ?? ""): never {
    const names = this.createHelp()
      .visibleCommands(this)
      .map((c) => c.name());
    const near = this.near(name, names);
    // A folder dropped onto `atelier.cmd`, or a path typed without its command.
    if (!near && name !== "" && existsSync(name)) {
      const folder = statSync(name).isDirectory();
      // Run from the offline package's `programme` folder, the command is `atelier.cmd`
      // (PROGRAM_FOLDER of launcher.ts, which the help does not load).
      const packaged = basename(dirname(process.argv[1] ?? "")) === "programme";
      // Quoted where cmd.exe would cut it (a space, `&`, `(`…), and never ending in `\`, which
      // would escape the closing quote (a drive's root, `Z:\`, has nothing to quote).
      const path = /[\s&()^,;=!'%]/.test(name) ? `"${name.replace(/[\\/]+$/, "")}"` : name;
      const typed = `${packaged ? "atelier.cmd" : "atelier"} ${folder ? "compile" : "validate"} ${path}`;
      return this.misuse(
        (t) => t.usage.pathAsCommand(name, folder, typed, packaged),
        "commander.unknownCommand",
      );
    }
    return this.misuse(
      (t) => t.usage.unknownCommand(name, near, names.join(", ")),
      "commander.unknownCommand",
    );
  }

  /** `atelier help nope`: said as `atelier nope` is, not with the whole help. */
  _dispatchHelpCommand(name?: string): unknown {
    const known = (n: string) =>
      this.commands.some((c) => c.name() === n || c.aliases().includes(n));
    if (name && name !== "help" && !known(name)) return this.unknownCommand(name);
    const own = Command.prototype as unknown as Record<string, (name?: string) => unknown>;
    // `atelier help help`: the help of the whole command line, as `atelier help` gives it.
    return own._dispatchHelpCommand?.call(this, name === "help" ? undefined : name);
  }

  missingArgument(name: string): never {
    const argument = this.registeredArguments.find((a) => a.name() === name);
    const dots = argument?.variadic ? "..." : "";
    const term = argument?.required === false ? `[${name}${dots}]` : `<${name}${dots}>`;
    return this.misuse(
      (t) => t.usage.missingArgument(term, argument?.description ?? ""),
      "commander.missingArgument",
    );
  }

  optionMissingArgument(option: Option): never {
    const choices = option.argChoices?.join(", ") ?? "";
    return this.misuse(
      (t) => t.usage.optionMissingArgument(flagOf(option), choices),
      "commander.optionMissingArgument",
    );
  }

  missingMandatoryOptionValue(option: Option): never {
    return this.misuse(
      (t) => t.usage.mandatoryOption(flagOf(option)),
      "commander.missingMandatoryOptionValue",
    );
  }

  _conflictingOption(option: Option, other: Option): never {
    return this.misuse(
      (t) => t.usage.conflictingOption(flagOf(option), flagOf(other)),
      "commander.conflictingOption",
    );
  }

  _excessArguments(given: string[]): never {
    const expected = this.registeredArguments.length;
    return this.misuse(
      (t) => t.usage.excessArguments(this.name(), expected, given),
      "commander.excessArguments",
    );
  }

  /** A value an option or argument refuses: for a list of choices, the choices and a close one. */
  _callParseArg(target: Option | Argument, value: string, previous: unknown): unknown {
    try {
      return target.parseArg ? target.parseArg(value, previous) : value;
    } catch (e) {
      if (!(e instanceof CommanderError) || e.code !== "commander.invalidArgument") throw e;
      const flag = target instanceof Option ? flagOf(target) : `<${target.name()}>`;
      const choices = target.argChoices;
      if (!choices) {
        return this.misuse((t) => t.usage.invalidValue(flag, value), e.code);
      }
      const near = this.near(value, choices);
      return this.misuse(
        (t) => t.usage.invalidChoice(flag, value, choices.join(", "), near),
        "commander.invalidArgument",
      );
    }
  }
}

/** `--format`: an option as a person types it. */
function flagOf(option: Option): string {
  return option.long ?? option.short ?? option.flags;
}

/**
 * The help in the command line's language: commander's titles, its « default: » and « choices: »
 * (help.js, `optionDescription`), the `[command]` of the usage line.
 */
function helpIn(lang: Lang): Partial<Help> {
  const h = TEXTS[lang].cli.help;
  const titles: Record<string, string> = {
    "Usage:": h.usage,
    "Arguments:": h.arguments,
    "Options:": h.options,
    "Global Options:": h.globalOptions,
    "Commands:": h.commands,
  };
  const described = (
    description: string,
    choices: readonly string[] | undefined,
    shown: unknown,
    label: string | undefined,
  ) => {
    const extra: string[] = [];
    if (choices) extra.push(h.choices(choices.map((c) => JSON.stringify(c)).join(", ")));
    if (shown !== undefined) extra.push(h.default(label || JSON.stringify(shown)));
    if (extra.length === 0) return description;
    const note = `(${extra.join(h.separator)})`;
    return description ? `${description} ${note}` : note;
  };
  return {
    styleTitle: (title: string) => titles[title] ?? title,
    // A no-break space (« par défaut : ») holds its words together: commander's wrapping
    // breaks at any \s, so it is hidden from it.
    boxWrap(this: Help, text: string, width: number) {
      const held = text.replace(/\u00a0/g, "\ue000");
      return Help.prototype.boxWrap.call(this, held, width).replace(/\ue000/g, "\u00a0");
    },
    commandUsage(this: Help, cmd: Command) {
      return Help.prototype.commandUsage.call(this, cmd).replace("[command]", h.command);
    },
    optionDescription: (option: Option) => {
      // As commander: the default of an option that takes a value, or of a boolean one.
      const shown =
        option.required ||
        option.optional ||
        (option.isBoolean() && typeof option.defaultValue === "boolean");
      return described(
        option.description,
        option.argChoices,
        shown ? option.defaultValue : undefined,
        option.defaultValueDescription,
      );
    },
    argumentDescription: (argument: Argument) =>
      described(
        argument.description,
        argument.argChoices,
        argument.defaultValue,
        argument.defaultValueDescription,
      ),
  };
}

export function createProgram(
  io: Io = defaultIo,
  setExit: (code: number) => void = (c) => {
    process.exitCode = c;
  },
  lang: Lang = "fr",
): Command {
  const t = TEXTS[lang].cli;
  const n = t.help.names;
  const program = new AtelierCommand("atelier", lang);
  // Set before the commands are added: each inherits them.
  program
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .configureHelp(helpIn(lang))
    .helpOption("-h, --help", t.help.helpOption)
    .helpCommand(`help ${t.help.command}`, t.help.helpCommand)
    .exitOverride()
    .description(t.description)
    .version("0.1.0", "-V, --version", t.help.version)
    .option("--debug", t.debug);

  program
    .command("validate")
    .description(t.validate.description)
    .argument(`<${n.paths}...>`, t.validate.paths)
    .addOption(
      new Option(`--format <${n.format}>`, t.validate.format)
        .choices(["text", "json", "github", "junit", "sarif"])
        .default("text"),
    )
    .option("--strict", t.validate.strict)
    .option(`--changed-since <${n.ref}>`, t.validate.changedSince)
    .addOption(new Option(`--lang <${n.lang}>`, t.validate.lang).choices(["fr", "en"]))
    .option(`--config <${n.file}>`, t.config)
    .option("--all", t.validate.all)
    .option(`--groupe <${n.groupe}>`, t.groupe)
    .option(`--session <${n.session}>`, t.session)
    .action(async (paths: string[], opts) => {
      const { validateFiles } = await import("./commands/validate.js");
      const render = await import("./render/validation.js");
      const ref: string | undefined = opts.changedSince;
      const only =
        ref === undefined
          ? undefined
          : (await import("./commands/changed.js")).changedSince(ref, paths);
      // Validation keeps counts and problems only: rows are not held (flat memory on big files).
      const { validation: result, lang } = await validateFiles(paths, {
        ...workshopOptions(opts),
        ...(await programOf(io)),
        meta: metaOf(opts),
        records: false,
        ...(only && { only }),
      });
      if (opts.format === "json") {
        io.out(`${JSON.stringify(render.validationJson(result, lang), null, 2)}\n`);
      } else if (opts.format === "github") {
        io.out(render.validationGithub(result, lang));
        githubStep(
          result,
          render.validationStepSummary(result, lang, opts.strict),
          render.passes(result, opts.strict),
        );
      } else if (opts.format === "junit" || opts.format === "sarif") {
        const ci = await import("./render/ci.js");
        io.out(
          opts.format === "junit"
            ? ci.validationJunit(result, lang)
            : ci.validationSarif(result, lang, program.version() ?? ""),
        );
      } else {
        const limit = opts.all ? Number.POSITIVE_INFINITY : 30;
        if (ref !== undefined) {
          const n = result.files.length + result.resolutions.length + result.skipped.length;
          const { catalogue } = await import("./i18n/index.js");
          io.out(`${catalogue(lang).validation.changed(ref, n)}\n`);
        }
        io.out(render.validationText(result, lang, await paintFor(io), limit, opts.strict));
      }
      setExit(render.passes(result, opts.strict) ? EXIT.ok : EXIT.invalid);
    });

  program
    .command("compile")
    .description(t.compile.description)
    .argument(`[${n.dir}]`, t.dir, ".")
    .option(`--out <${n.dir}>`, t.out)
    .option("--strict", t.compile.strict)
    .addOption(new Option(`--lang <${n.lang}>`, t.compile.lang).choices(["fr", "en"]))
    .addOption(
      new Option(`--format <${n.format}>`, t.compile.format)
        .choices(["text", "json"])
        .default("text"),
    )
    .option(`--csv-delimiter <${n.char}>`, t.compile.delimiter, ";")
    .option(`--config <${n.file}>`, t.config)
    .option(`--groupe <${n.groupe}>`, t.groupe)
    .option(`--session <${n.session}>`, t.session)
    .option("--all", t.compile.all)
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
        ...(await programOf(io)),
        csvDelimiter: delimiter,
        meta: metaOf(opts),
        onFile: progress.tick,
      });
      progress.done();
      const summary = compileSummary(result);
      if (opts.format === "json") {
        io.out(`${JSON.stringify(render.compileJson(summary), null, 2)}\n`);
      } else {
        io.out(render.compileText(summary, result.lang, await paintFor(io), Boolean(opts.all)));
      }
      io.onWritten?.(result.out);
      const { flagged } = await import("./commands/documents.js");
      setExit(opts.strict && flagged(result.consolidation) ? EXIT.invalid : EXIT.ok);
    });

  program
    .command("report")
    .description(t.report.description)
    .argument(`[${n.dir}]`, t.dir, ".")
    .option(`--out <${n.dir}>`, t.out)
    .addOption(new Option(`--lang <${n.lang}>`, t.report.lang).choices(["fr", "en"]))
    .option(`--format <${n.formats}>`, t.report.format, "md,html,docx")
    .option("--strict", t.compile.strict)
    .option(`--config <${n.file}>`, t.config)
    .action(async (dir: string, opts) => {
      const { writeReport } = await import("./commands/documents.js");
      // `DOCX`, `docx,`: what was meant is plain.
      const formats = String(opts.format)
        .split(",")
        .map((f) => f.trim().toLowerCase())
        .filter((f) => f !== "");
      const { pdfProgressLine } = await import("./render/pdf.js");
      const r = await writeReport(dir, formats, workshopOptions(opts), (e, lang) =>
        io.err(pdfProgressLine(e, lang)),
      );
      io.out(writtenText(r.out, r.written, r.lang));
      io.out(await keptText(r, io));
      setExit(opts.strict && r.flagged ? EXIT.invalid : EXIT.ok);
    });

  program
    .command("matrix")
    .description(t.matrix.description)
    .argument(`[${n.dir}]`, t.dir, ".")
    .option(`--out <${n.dir}>`, t.out)
    .addOption(new Option(`--lang <${n.lang}>`, t.matrix.lang).choices(["fr", "en"]))
    .addOption(
      new Option(`--format <${n.format}>`, t.matrix.format).choices(["xlsx", "md"]).default("xlsx"),
    )
    .option("--strict", t.compile.strict)
    .option(`--config <${n.file}>`, t.config)
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
    .option(`-o, --out <${n.path}>`, t.template.out)
    .addOption(new Option(`--lang <${n.lang}>`, t.template.lang).choices(["fr", "en"]))
    .addOption(
      new Option(`--kind <${n.kind}>`, t.template.kind)
        .choices(["bilan", "constats", "propositions", "all"])
        .default("all"),
    )
    .addOption(
      new Option(`--format <${n.format}>`, t.template.format)
        .choices(["xlsx", "csv"])
        .default("xlsx"),
    )
    .option(`--groupe <${n.groupe}>`, t.template.groupe)
    .option(`--session <${n.session}>`, t.template.session)
    .option(`--groupes <${n.groupes}>`, t.template.groupes)
    .option(`--sessions <${n.sessions}>`, t.template.sessions)
    .option(`--config <${n.file}>`, t.config)
    .action(async (opts) => {
      const { writeTemplate } = await import("./commands/template.js");
      // Commas, or semicolons as a French spreadsheet separates a list.
      const list = (text: string) =>
        text
          .split(/[,;]/)
          .map((s) => s.trim())
          .filter((s) => s !== "");
      const r = await writeTemplate({
        kind: opts.kind,
        format: opts.format,
        ...workshopOptions(opts),
        ...(opts.groupe ? { groupe: opts.groupe } : {}),
        ...(opts.session ? { session: opts.session } : {}),
        ...(opts.groupes !== undefined ? { groupes: list(opts.groupes) } : {}),
        ...(opts.sessions !== undefined ? { sessions: list(opts.sessions) } : {}),
      });
      io.out(writtenText(r.dir, r.written, r.lang));
      setExit(EXIT.ok);
    });

  program
    .command("init")
    .description(t.init.description)
    .argument(`[${n.dir}]`, t.init.dir, ".")
    .addOption(new Option(`--lang <${n.lang}>`, t.init.lang).choices(["fr", "en"]))
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
      new Option(`--format <${n.format}>`, t.schema.format)
        .choices(["json-schema", "table-schema", "markdown", "config"])
        .default("json-schema"),
    )
    .addOption(new Option(`--lang <${n.lang}>`, t.schema.lang).choices(["fr", "en"]))
    .option(`--config <${n.file}>`, t.config)
    .action(async (opts) => {
      const { findConfig, loadConfig } = await import("./config.js");
      const schema = await import("./render/schema.js");
      const { json } = await import("./render/json.js");
      // Neither the field reference nor the configuration's schema depends on a configuration:
      // they never need one that loads, the latter above all, which is what helps mend one.
      if (opts.format === "markdown") io.out(`${schema.schemaMarkdown()}\n`);
      else if (opts.format === "config") io.out(json(schema.configJsonSchema(opts.lang ?? lang)));
      else {
        const config = opts.config ? loadConfig(opts.config) : findConfig(process.cwd());
        const doc =
          opts.format === "table-schema"
            ? schema.tableSchema(config)
            : schema.schemaJson(config, languageOf(opts.lang, config));
        io.out(json(doc));
      }
      setExit(EXIT.ok);
    });

  // For the double-click launchers of the offline package only: in no help, no suggestion.
  program
    .command("launch", { hidden: true })
    .description(t.launch.description)
    .addArgument(new Argument("<action>", t.launch.action).choices(["compile", "validate"]))
    .argument(`<${n.dir}>`, t.launch.here)
    .argument(`[${n.paths}...]`, t.launch.paths)
    .action(async (action: "compile" | "validate", here: string, paths: string[]) => {
      const { droppedPaths, launch, systemConsole } = await import("./launcher.js");
      // A person at the keyboard: a terminal, and the CLI writing to it (not captured in-process).
      const interactive = Boolean(process.stdin.isTTY) && io === defaultIo;
      const cli = { run: main, language: folderLanguage };
      const dropped = droppedPaths(process.env.ATELIER_CMDLINE, paths);
      const code = await launch(action, here, dropped, systemConsole(io, interactive), cli);
      // 10 + the command's code: the batch file tells it from node.exe stopped before the end.
      setExit(LAUNCHED + code);
    });

  return program;
}

/**
 * The program's own files, for the commands that read a workshop's files: those the launcher
 * names, and the offline package's when this program runs from it.
 */
async function programOf(io: Io): Promise<{ programFiles?: readonly string[] }> {
  const { runningPackageFiles } = await import("./launcher.js");
  const files = [...(io.programFiles ?? []), ...runningPackageFiles()];
  return files.length > 0 ? { programFiles: files } : {};
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

/**
 * In a step of a GitHub workflow, `--format github` also writes the job summary and the step's
 * outputs (`errors`, `warnings`, `files`, `rows`, `valid`) to the files the runner names.
 */
function githubStep(result: ValidationResult, summary: string, valid: boolean) {
  const s = result.summary;
  const outputs = { errors: s.errors, warnings: s.warnings, files: s.files, rows: s.rows, valid };
  const write = (file: string | undefined, text: string) => {
    if (!file) return;
    try {
      appendFileSync(file, text);
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new AppError("OUTPUT_NOT_WRITABLE", {
        fr: fr.errors.notWritable(file, why),
        en: en.errors.notWritable(file, why),
      });
    }
  };
  write(process.env.GITHUB_STEP_SUMMARY, summary);
  const lines = Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`);
  write(process.env.GITHUB_OUTPUT, lines.join(""));
}

async function paintFor(io: Io) {
  const { Chalk } = await import("chalk");
  const c = new Chalk({ level: io.color ? 1 : 0 });
  const marks = consoleMarks();
  return { error: c.red, warning: c.yellow, dim: c.dim, bold: c.bold, ok: c.green, marks };
}

/**
 * ✖ ⚠ ✔ are in no font of the Windows 10 console (Consolas, Lucida Console), which draws a box
 * for a character its font lacks: there, marks those fonts have. Windows Terminal
 * (`WT_SESSION`), the console of Windows 11, finds them in another font.
 */
export function consoleMarks(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
) {
  return platform === "win32" && !env.WT_SESSION
    ? { error: "×", warning: "!", ok: "√" }
    : { error: "✖", warning: "⚠", ok: "✔" };
}

/** A progress bar on stderr, only on a terminal outside CI, and only once a run takes a while. */
function progressBar(io: Io) {
  // Drawn on the real stderr: only when the command's own messages go there too.
  const shown = Boolean(process.stderr.isTTY) && !process.env.CI && io.err === defaultIo.err;
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

/**
 * `atelier --lang en compile …`: `--lang` is an option of the commands, so one typed before the
 * command is moved after it. Before `help`, or with no command, it has chosen the language of
 * the help already (`flagLanguage`) and is dropped; a value atelier does not speak stays, to be
 * refused.
 */
function langAfterCommand(argv: readonly string[]): string[] {
  const rest = [...argv];
  const moved: string[] = [];
  let i = 0;
  // The program's own options take no value: every leading `-…` is one, until the command.
  while (i < rest.length && rest[i]?.startsWith("-")) {
    if (rest[i] === "--lang") moved.push(...rest.splice(i, 2));
    else if (rest[i]?.startsWith("--lang=")) moved.push(...rest.splice(i, 1));
    else i++;
  }
  if (moved.length === 0) return rest;
  if (i < rest.length && rest[i] !== "help") rest.splice(i + 1, 0, ...moved);
  else if (flagLanguage(moved) === undefined) rest.splice(i, 0, ...moved);
  return rest;
}

/**
 * An error no command expects: a part of the program gone (a chunk of the offline package lost
 * on the way, which the command loads only when it runs) is an incomplete installation, said as
 * such; anything else is a defect of atelier.
 */
function failure(e: Error & { code?: unknown }, t: (typeof TEXTS)[Lang]["errors"]): string {
  // « Cannot find module '/…/d'été/chunks/x.mjs' imported from … »: a path may hold a `'`.
  const missing =
    e.code === "ERR_MODULE_NOT_FOUND" ? /'(.*)' imported from /.exec(e.message)?.[1] : undefined;
  return missing ? t.installation(basename(missing), dirname(missing)) : t.internal(e.message);
}

/**
 * Runs the CLI: every "cannot run" becomes a message and exit 2 (a misused command line, its
 * help line too); data problems never throw. Said in the command's language once its
 * configuration is read, else in `--lang`, else in the configuration's, else in French.
 */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code: number = EXIT.ok;
  const flag = flagLanguage(argv);
  const lang = flag ?? configLanguage(argv) ?? "fr";
  const program = createProgram(
    io,
    (c) => {
      code = c;
    },
    lang,
  );
  const debug = argv.includes("--debug");
  try {
    await program.parseAsync(langAfterCommand(argv), { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with code 0; a misuse is said already.
      return e.exitCode === 0 ? EXIT.ok : EXIT.cannotRun;
    }
    const err = e as Spoken & { declaredLang?: Lang };
    const said = err.lang ?? flag ?? err.declaredLang ?? lang;
    const t = TEXTS[said].errors;
    io.err(`${t.stop(err instanceof AppError ? err[said] : failure(err, t))}\n`);
    // An option value the command itself refuses (`--format xml`) is a misuse as commander's are.
    const command = program.commands.find((c) => argv.includes(c.name()));
    if (err instanceof AppError && err.code === "USAGE" && command) {
      io.err(`${t.usage.helpHint(`atelier ${command.name()}`)}\n`);
    }
    if (debug) io.err(`${err.stack}\n`);
    return EXIT.cannotRun;
  }
  return code;
}
