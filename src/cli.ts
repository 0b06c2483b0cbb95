import { Command, CommanderError, Option } from "commander";
import { AppError } from "./errors.js";
import type { Lang } from "./issues.js";

/**
 * The command-line shell: parses flags, calls the core, renders the result and picks the exit
 * code. Exit codes: 0 valid or outputs written; 1 errors found (or, with --strict, warnings);
 * 2 the command could not run (usage, configuration, path, unreadable format).
 */

export const EXIT = { ok: 0, invalid: 1, cannotRun: 2 } as const;

/** `--lang`, else the configuration's language, else the LANG environment variable, else French. */
function resolveLang(flag: string | undefined, configured?: Lang): Lang {
  if (flag === "fr" || flag === "en") return flag;
  if (configured) return configured;
  return /^en/i.test(process.env.LANG ?? "") ? "en" : "fr";
}

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
      const { validatePaths } = await import("./pipeline.js");
      const render = await import("./render/validation.js");
      const meta: Record<string, string> = {};
      if (opts.groupe) meta.groupe = opts.groupe;
      if (opts.session) meta.session = opts.session;
      const result = await validatePaths(paths, { config: opts.config, meta });
      const lang = resolveLang(opts.lang, result.language);
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

  return program;
}

/** Runs the CLI: every "cannot run" becomes one line and exit 2; data problems never throw. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = createProgram(io, (c) => {
    code = c;
  });
  program.exitOverride();
  const debug = argv.includes("--debug");
  const lang = resolveLang(argv[argv.indexOf("--lang") + 1]);
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
