import { existsSync, mkdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { groupFileName } from "../analysis/retours.js";
import {
  CONFIG_FILE,
  type Config,
  defaultConfig,
  findConfig,
  loadConfig,
  TEMPLATES_FOLDER,
} from "../config.js";
import { AppError, speaking } from "../errors.js";
import { KIND_NAMES, type Kind } from "../fields.js";
import { both, catalogue } from "../i18n/index.js";
import { type Lang, languageOf } from "../i18n/lang.js";
import { TEMPLATE_DATE, templateCsv, templateXlsx } from "../render/template.js";
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
 */
async function writePerGroup(
  options: TemplateCommand,
  groupes: readonly string[],
  config: Config,
  lang: Lang,
): Promise<{ dir: string; written: string[] }> {
  const sessions = options.sessions ?? config.sessions ?? [];
  if (options.format === "csv" || sessions.length === 0 || groupes.length === 0) {
    throw new AppError(
      "USAGE",
      both((t) => t.errors.perGroup),
    );
  }
  // Shown with `/` on every system, as every path atelier prints.
  const dir =
    options.out ?? (config.source ? relative(".", config.root).split(sep).join("/") || "." : ".");
  const reference = (await loadReference(config, config.root))?.activities ?? [];
  const files = new Map<string, Buffer>();
  for (const session of sessions) {
    for (const groupe of groupes) {
      const name = `${session}/${groupFileName(groupe)}.xlsx`;
      // Windows folds case: `Groupe 1` and `groupe 1` would be one file there.
      if ([...files.keys()].some((n) => n.toLowerCase() === name.toLowerCase()))
        throw new AppError(
          "USAGE",
          both((t) => t.errors.sameFile(name)),
        );
      files.set(
        name,
        await templateXlsx({ kind: options.kind, lang, config, reference, groupe, session }),
      );
    }
  }
  const paths = new Map([...files].map(([name, bytes]) => [join(dir, ...name.split("/")), bytes]));
  const existing = [...paths.keys()].find((p) => existsSync(p));
  if (existing)
    throw new AppError(
      "OUTPUT_NOT_WRITABLE",
      both((t) => t.errors.exists(existing)),
    );
  writeNew(paths);
  return { dir, written: [...files.keys()] };
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
    title: d.title,
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
