import { existsSync, mkdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { groupFileName } from "../analysis/retours.js";
import {
  CONFIG_FILE,
  CONFIG_SCHEMA_FILE,
  type Config,
  defaultConfig,
  findConfig,
  loadConfig,
  sessionNameFault,
  TEMPLATES_FOLDER,
} from "../config.js";
import { AppError, speaking } from "../errors.js";
import { KIND_NAMES, type Kind } from "../fields.js";
import { both, type Catalogue, catalogue } from "../i18n/index.js";
import { type Lang, languageOf } from "../i18n/lang.js";
import { json } from "../render/json.js";
import { configJsonSchema } from "../render/schema.js";
import { TEMPLATE_DATE, templateCsv, templateXlsx } from "../render/template.js";
import { groupKey, sessionKey, WINDOWS_RESERVED } from "../text.js";
import { loadReference } from "../validate/reference.js";
import { writeNew } from "./output.js";

/**
 * `template` and `init`: blank submission templates for the groups, built from the registry and
 * the workshop's configuration (prefilled from its reference plan), and a new workshop folder.
 * Neither ever overwrites a file.
 */

export interface TemplateCommand {
  out?: string;
  config?: string;
  lang?: Lang;
  kind: Kind | "all";
  format: "xlsx" | "csv";
  groupe?: string;
  session?: string;
  /** One workbook per group and session (`--groupes`, `--sessions`), in the session folders. */
  groupes?: string[];
  sessions?: string[];
}

/**
 * `template`: writes the workbook (or one CSV per kind), or with `groupes` one workbook per group
 * and session, `<session>/<groupe>.xlsx` under `out` (default: the workshop folder), its
 * Identification sheet filled in; returns the paths and the language.
 */
export async function writeTemplate(
  options: TemplateCommand,
): Promise<{ lang: Lang; dir: string; written: string[] }> {
  const config = options.config ? loadConfig(options.config) : findConfig(process.cwd());
  const lang = languageOf(options.lang, config);
  return speaking(lang, async () => {
    // One workbook (`--groupe`, `--session`) or one per group and session (`--groupes`,
    // `--sessions`): an option of the other way would be left unused without a word.
    const stray = options.groupes
      ? options.groupe !== undefined
        ? "--groupe"
        : options.session !== undefined
          ? "--session"
          : undefined
      : options.sessions !== undefined
        ? "--sessions"
        : undefined;
    if (stray)
      throw new AppError(
        "USAGE",
        both((t) => t.errors.perGroupWith(stray)),
      );
    if (options.groupes)
      return { lang, ...(await writePerGroup(options, options.groupes, config, lang)) };
    const files = new Map<string, string | Buffer>();
    if (options.format === "csv") {
      const kinds = options.kind === "all" ? KIND_NAMES : [options.kind];
      for (const k of kinds)
        files.set(join(options.out ?? ".", `${k}.csv`), templateCsv(k, lang, config));
    } else {
      const reference = await loadReference(config, config.root);
      const bytes = await templateXlsx({
        kind: options.kind,
        lang,
        config,
        reference: reference?.activities ?? [],
        ...(options.groupe ? { groupe: options.groupe } : {}),
        ...(options.session ? { session: options.session } : {}),
      });
      files.set(options.out ?? TEMPLATE_FILE, bytes);
    }
    writeNew(files);
    return { lang, dir: ".", written: [...files.keys()] };
  });
}

/**
 * `template --groupes`: `<session>/<groupe>.xlsx` for every group and session, under `out` or the
 * workshop folder; all or nothing, never over an existing file. Names are given under the folder.
 * A session is a folder directly under the workshop folder and a group's name is its file's name,
 * as compile reads them back: a name that cannot be either, or two names compile takes for one
 * group or one session, are refused before anything is written.
 */
async function writePerGroup(
  options: TemplateCommand,
  given: readonly string[],
  config: Config,
  lang: Lang,
): Promise<{ dir: string; written: string[] }> {
  const usage = (text: (t: Catalogue) => string) => new AppError("USAGE", both(text));
  if (options.format === "csv") throw usage((t) => t.errors.perGroupCsv);
  const groupes = given.map((g) => g.trim());
  if (groupes.length === 0) throw usage((t) => t.errors.perGroupNoGroups);
  if (options.out !== undefined && SPREADSHEET.test(options.out)) {
    const out = options.out;
    throw usage((t) => t.errors.perGroupOut(out));
  }
  const sessions = (options.sessions ?? config.sessions ?? []).map((s) => s.trim());
  if (sessions.length === 0) throw usage((t) => t.errors.perGroupNoSessions);
  for (const session of sessions) {
    const why = sessionProblem(session, config);
    if (why) throw usage((t) => t.errors.sessionName(visible(session), why(t)));
  }
  for (const groupe of groupes) {
    const why = groupProblem(groupe);
    if (why) throw usage((t) => t.errors.groupName(visible(groupe), t.errors.nameReason(why)));
  }
  const twinSession = twins(sessions, sessionKey);
  if (twinSession) throw usage((t) => t.errors.sameSession(...twinSession));
  const twinGroup = twins(groupes, groupKey);
  if (twinGroup) throw usage((t) => t.errors.sameGroup(...twinGroup));
  // Shown with `/` on every system, as every path atelier prints.
  const dir =
    options.out ?? (config.source ? relative(".", config.root).split(sep).join("/") || "." : ".");
  // A name that passed the checks above is its own file name.
  const names = sessions.flatMap((s) => groupes.map((g) => ({ s, g, name: `${s}/${g}.xlsx` })));
  const shown = (name: string) => (dir === "." ? name : `${dir.replace(/[/\\]+$/, "")}/${name}`);
  // A file where a folder goes would stop the writing half-way: said before anything is written.
  const notFolder = ["", ...sessions].find((s) => {
    const path = join(dir, s);
    return existsSync(path) && !statSync(path).isDirectory();
  });
  if (notFolder !== undefined) {
    const path = notFolder === "" ? dir : shown(notFolder);
    throw new AppError(
      "OUTPUT_NOT_WRITABLE",
      both((t) => t.errors.notWritable(path, t.errors.writeReason("ENOTDIR"))),
    );
  }
  const existing = names.find(({ name }) => existsSync(join(dir, ...name.split("/"))));
  if (existing) {
    const path = shown(existing.name);
    throw new AppError(
      "OUTPUT_NOT_WRITABLE",
      both((t) => t.errors.groupFileExists(path)),
    );
  }
  const reference = (await loadReference(config, config.root))?.activities ?? [];
  const files = new Map<string, Buffer>();
  for (const { s: session, g: groupe, name } of names) {
    files.set(
      join(dir, ...name.split("/")),
      await templateXlsx({ kind: options.kind, lang, config, reference, groupe, session }),
    );
  }
  writeNew(files);
  return { dir, written: names.map((n) => n.name) };
}

/** What `-o` names when it is a file: with `--groupes` it is a folder. */
const SPREADSHEET = /\.(?:xlsx|xlsm|xls|ods|csv|tsv)$/i;

/** Why a group's name cannot be a file's name on every system, if it cannot. */
type NameProblem =
  | "empty"
  | "dots"
  | "separator"
  | "control"
  | "forbidden"
  | "reserved"
  | "trailing"
  | "hidden"
  | "long";

function nameProblem(name: string): NameProblem | undefined {
  if (name === "") return "empty";
  if (name === "." || name === "..") return "dots";
  if (/[/\\]/.test(name)) return "separator";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f]/.test(name)) return "control";
  if (/[:*?"<>|]/.test(name)) return "forbidden";
  // Windows refuses these names with any extension too: `NUL.xlsx`.
  if (WINDOWS_RESERVED.test(name)) return "reserved";
  if (/[. ]$/.test(name)) return "trailing";
  if (name.startsWith(".")) return "hidden";
  if (name.length > 80) return "long";
  return undefined;
}

/**
 * Why a session cannot be a folder of the workshop that compile reads, if it cannot: a folder's
 * name on every system, as the configuration's `sessions` must be (`sessionNameFault`), not
 * hidden, not the templates' or the results' folder, nor a name compile reads as a workbook (a
 * folder `J1.xlsx`).
 */
function sessionProblem(session: string, config: Config): ((t: Catalogue) => string) | undefined {
  if (session === "") return (t) => t.errors.nameReason("empty");
  const fault = sessionNameFault(session);
  if (fault) return fault;
  if (session.startsWith(".")) return (t) => t.errors.nameReason("hidden");
  const folded = session.toLowerCase();
  if (
    folded === TEMPLATES_FOLDER ||
    folded === config.output.toLowerCase() ||
    SPREADSHEET.test(session)
  )
    return (t) => t.errors.nameReason("notRead");
  return undefined;
}

/** A name as a message shows it: its control characters as JSON escapes (`J\t1`). */
function visible(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it shows
  return name.replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** Why a group's name cannot be its file's name, if it cannot (`groupFileName` would change it). */
function groupProblem(groupe: string): NameProblem | undefined {
  const why = nameProblem(groupe);
  if (why) return why;
  // What `nameProblem` lets through, `groupFileName` keeps as it is.
  return groupFileName(groupe) === groupe ? undefined : "forbidden";
}

/** The first two names that are one for compile (their `key`), in the order given. */
function twins(
  names: readonly string[],
  key: (name: string) => string,
): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const name of names) {
    const k = key(name);
    const first = seen.get(k);
    if (first !== undefined) return [first, name];
    seen.set(k, name);
  }
  return undefined;
}

/** Sessions of a new workshop: the three days the example configuration names. */
export const SCAFFOLD_SESSIONS = ["J1", "J2", "J3"] as const;
export const TEMPLATE_FILE = "modele.xlsx";

export interface InitResult {
  root: string;
  /** Files and folders created, relative to `root`, with `/`. */
  written: string[];
}

/** The configuration a new workshop starts from: the defaults, spelled out to be edited. */
function scaffoldConfig(lang: Lang) {
  const d = defaultConfig(process.cwd());
  return {
    // Beside the file: an editor completes and checks its keys, with no network.
    $schema: `./${CONFIG_SCHEMA_FILE}`,
    title: d.title,
    // The cover page: the defaults in both languages, so that the English report keeps its own.
    institution: d.workshop.institution,
    country: d.workshop.country,
    motto: d.workshop.motto,
    partners: d.workshop.partners,
    language: lang,
    currency: d.currency,
    review: { label: d.review.label, from: d.review.from, to: d.review.to },
    plan: { label: d.plan.label, from: d.plan.from, to: d.plan.to },
    sessions: [...SCAFFOLD_SESSIONS],
    output: d.output,
  };
}

/**
 * Scaffolds a workshop folder: configuration, templates, one folder per session and a README for
 * the rapporteur. Nothing is overwritten: if any of the files exists, nothing is written.
 */
export async function initWorkshop(
  dir: string,
  lang: Lang,
  generated: Date = TEMPLATE_DATE,
): Promise<InitResult> {
  const root = resolve(dir);
  const configPath = join(root, CONFIG_FILE);
  const files = [
    CONFIG_FILE,
    CONFIG_SCHEMA_FILE,
    "README.md",
    `${TEMPLATES_FOLDER}/${TEMPLATE_FILE}`,
    ...KIND_NAMES.map((k) => `${TEMPLATES_FOLDER}/${k}.csv`),
  ];
  const existing = files.filter((f) => existsSync(join(root, ...f.split("/"))));
  if (existing.length > 0) {
    throw new AppError(
      "OUTPUT_NOT_WRITABLE",
      both((t) => t.errors.initExists(dir, existing.join(", "))),
    );
  }
  // A file that appeared since the check above is still never overwritten.
  const write = (name: string, content: string | Buffer) =>
    writeNew(new Map([[join(root, ...name.split("/")), content]]));
  write(CONFIG_FILE, `${JSON.stringify(scaffoldConfig(lang), null, 2)}\n`);
  write(CONFIG_SCHEMA_FILE, json(configJsonSchema(lang)));
  // Templates are built from the file just written, so that they match what compile will read.
  const config = loadConfig(configPath);
  write(`${TEMPLATES_FOLDER}/${TEMPLATE_FILE}`, await templateXlsx({ lang, config }, generated));
  for (const kind of KIND_NAMES) {
    write(`${TEMPLATES_FOLDER}/${kind}.csv`, templateCsv(kind, lang, config));
  }
  const folders = (config.sessions ?? []).map((s) => {
    mkdirSync(join(root, s), { recursive: true });
    return `${s}/`;
  });
  const readme = catalogue(lang).workshopReadme({
    title: config.title,
    configFile: CONFIG_FILE,
    schemaFile: CONFIG_SCHEMA_FILE,
    templatesFolder: TEMPLATES_FOLDER,
    templateFile: TEMPLATE_FILE,
    csvTemplates: KIND_NAMES.map((k) => `${TEMPLATES_FOLDER}/${k}.csv`),
    sessions: config.sessions ?? [],
    output: config.output,
    review: config.review,
  });
  write("README.md", readme);
  return { root, written: [...files, ...folders] };
}
