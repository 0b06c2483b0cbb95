import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import {
  CONFIG_FILE,
  CONFIG_SCHEMA_FILE,
  type Config,
  findConfig,
  TEMPLATES_FOLDER,
} from "../config.js";
import { AppError } from "../errors.js";
import { both } from "../i18n/index.js";
import { countBySeverity } from "../issues.js";
import type { FileReport, ReferencePlan, ValidationResult } from "../model.js";
import { collectInputs, displayPath, type Exclusion, type InputFile } from "../read/index.js";
import { validateInput } from "./file.js";
import { loadReference } from "./reference.js";
import { readResolutions } from "./resolutions.js";

/**
 * Validation: every submission under the given paths read, normalised and checked against the
 * field registry and the rules, each problem located; the reference plan of each configuration
 * read once and kept apart. Nothing is written and nothing printed.
 */

/** A path to read, with the configuration that governs it (resolved once by the command). */
export interface Target {
  path: string;
  config: Config;
  /**
   * The workshop folder, when the command is given one (compile, report, matrix): its
   * sessions, resolutions and templates are there, wherever the configuration was found.
   */
  root?: string;
}

export interface RunOptions {
  /** Folder that displayed paths are relative to (default: the current folder). */
  base?: string;
  /** Metadata given on the command line: the last fallback. */
  meta?: Record<string, string>;
  /** Absolute paths never read as submissions (the output folder of a compile). */
  exclude?: readonly string[];
  /**
   * Absolute paths of the running program's own files and folders (the offline package unzipped
   * inside a workshop): passed over in silence, as the output folder is, for they are no file
   * of the workshop's that was left out.
   */
  programFiles?: readonly string[];
  onFile?: (path: string, index: number, total: number) => void;
  /**
   * Keep each table's typed rows in `FileReport.tables` (default `true`): compile and merging
   * need them. `validate` needs only counts and problems: without the rows, its memory no longer
   * grows with them (a million-row CSV validates in under 200 MB).
   */
  records?: boolean;
  /**
   * The files to read, of those the paths hold (`validate --changed-since`: the changed ones).
   * The others are left out unsaid, passed-over files included: they did not change.
   */
  only?: (abs: string) => boolean;
  /** The configuration `--config` names: every workshop is read under it, nested ones too. */
  explicitConfig?: Config;
}

/**
 * The workshop folder a path belongs to: the one the command was given; else its
 * configuration's folder when the path lies in it; else the path's own folder (a configuration
 * named with `--config` may live anywhere).
 */
function workshopRoot({ path, config, root }: Target): string {
  if (root) return resolve(root);
  const abs = resolve(path);
  if (config.source && under(config.root, abs) !== undefined) return config.root;
  return statSync(abs).isDirectory() ? abs : dirname(abs);
}

/** `abs` relative to `dir` when it lies in it (`""` for `dir` itself), else `undefined`. */
function under(dir: string, abs: string): string | undefined {
  const rel = relative(dir, abs);
  return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? undefined : rel;
}

/** Validates files and folders, each under its own configuration; nothing is written. */
export async function validatePaths(
  targets: readonly Target[],
  options: RunOptions = {},
): Promise<ValidationResult> {
  const base = options.base ?? process.cwd();
  const files: FileReport[] = [];
  const skipped: ValidationResult["skipped"] = [];
  const groups: { config: Config; root: string; workshop: boolean; inputs: InputFile[] }[] = [];
  // The plan and the resolutions are read as what they are, never as submissions: named as a
  // path, or (the resolutions) found in the workshop folder that is read.
  const decisions = new Map<string, Config>();
  let named = false;
  const queue = [...targets];
  const loaded = new Map<string, Config>();
  // A workshop reached twice (a link to a folder, a folder named and its parent) is read once.
  const queued = new Set(targets.map((t) => realOf(resolve(t.path))));
  for (const target of queue) {
    const { path, config } = target;
    if (!existsSync(path)) throw pathNotFound(path);
    const abs = resolve(path);
    const root = workshopRoot(target);
    const owns = resolutionFilesIn(root);
    for (const own of owns) if (abs === own || abs === root) decisions.set(own, config);
    if (abs === config.reference || owns.includes(abs)) {
      named = true;
      groups.push({ config, root, workshop: false, inputs: [] });
      continue;
    }
    const exclude = excluder(config, root, options.exclude ?? [], options.programFiles ?? []);
    const inputs = collectInputs([path], base, exclude);
    const { only } = options;
    for (const s of inputs.skipped) {
      const at = resolve(base, s.path);
      // `validate` merges nothing: a workshop in a folder it is given (a repository of
      // workshops) is checked too, under its own configuration. Only compile passes it over.
      if (s.reason === "other-workshop" && target.root === undefined) {
        if (queued.has(realOf(at))) continue;
        queued.add(realOf(at));
        const config = nestedConfig(at, options.explicitConfig, loaded);
        if (config) queue.push({ path: at, config });
        else skipped.push({ path: s.path, reason: "invalid-workshop" });
      } else if (!only || only(at)) skipped.push(s);
    }
    const kept = only ? inputs.files.filter((f) => only(f.abs)) : inputs.files;
    groups.push({ config, root, workshop: target.root !== undefined, inputs: kept });
  }
  const all = groups.flatMap((g) => g.inputs.map((input) => ({ ...g, input })));
  // Nothing changed is no mistake of the command line's: an empty report, valid.
  if (all.length === 0 && !named && !options.only) {
    throw noSubmission(
      targets.map((t) => t.path),
      skipped,
    );
  }
  const references = new Map<string, ReferencePlan>();
  for (const { config, inputs } of groups) {
    if (!config.reference || references.has(config.reference)) continue;
    // With `--changed-since`, a plan is read for the changed files it checks, or for itself.
    const { only } = options;
    if (only && inputs.length === 0 && !only(config.reference)) continue;
    const plan = await loadReference(config, base);
    if (plan) references.set(config.reference, plan);
  }
  let index = 0;
  const seen = new Set<string>();
  const records = options.records !== false;
  for (const { config, root, workshop, input } of all) {
    if (seen.has(input.abs)) continue;
    seen.add(input.abs);
    options.onFile?.(input.path, index++, all.length);
    const reference = config.reference ? references.get(config.reference) : undefined;
    const folder = sessionFolder(input.abs, root);
    const fallback: Record<string, string> = { ...options.meta };
    if (folder) fallback.session = folder;
    const report = await validateInput(input, config, reference, fallback, { records, folder });
    if (report.output) {
      skipped.push({ path: input.path, reason: "output-file" });
      continue;
    }
    if (report.version) report.version.modified = modifiedAt(input.abs);
    // A blank template left in a workshop (a session folder, or anywhere when compiling) is no
    // group's file: said, not read as one. A template named on the command line, or checked
    // with validate in a folder of its own, is still checked.
    if (input.found && (folder !== undefined || workshop) && isBlankTemplate(report)) {
      skipped.push({ path: input.path, reason: "blank-template" });
      continue;
    }
    files.push(report);
  }
  // Only blank templates (the groups have not filled theirs yet): nothing to read, as in a
  // workshop just prepared, rather than outputs with nothing in them.
  const blank = skipped.filter((s) => s.reason === "blank-template").length;
  if (files.length === 0 && !named && blank > 0 && !options.only) {
    throw new AppError(
      "NO_SUBMISSION",
      both((t) => t.errors.onlyBlankTemplates(targets.map((x) => x.path).join(", "), blank)),
    );
  }
  const resolutions: FileReport[] = [];
  for (const [abs, config] of decisions) {
    if (options.only && !options.only(abs)) continue;
    resolutions.push(await readResolutions({ abs, path: displayPath(abs, base) }, config));
  }
  // An unchanged plan checks the changed files, but is not itself reported again.
  const plans = [...references.entries()]
    .filter(([abs]) => !options.only || options.only(abs))
    .map(([, plan]) => plan);
  const result = { files, references: plans, resolutions, skipped };
  return { ...result, summary: summarise(result) };
}

/** A path's real one (links followed), or the path itself when it cannot be resolved. */
export function realOf(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

/**
 * The configuration of a workshop found inside a folder `validate` reads: `--config`'s, else its
 * own; undefined when its own is invalid: that workshop is listed as not checked, the others are.
 */
function nestedConfig(
  dir: string,
  explicit: Config | undefined,
  loaded: Map<string, Config>,
): Config | undefined {
  if (explicit) return explicit;
  try {
    return findConfig(dir, loaded);
  } catch (e) {
    if (e instanceof AppError && e.code === "CONFIG_INVALID") return undefined;
    throw e;
  }
}

export function pathNotFound(path: string): AppError {
  return new AppError(
    "PATH_NOT_FOUND",
    both((t) => t.errors.pathNotFound(path)),
  );
}

/**
 * What a folder walk passes over: the output folder, the program's own folders, the config, the
 * reference plan, a workshop inside the workshop.
 */
function excluder(
  config: Config,
  root: string,
  extra: readonly string[],
  program: readonly string[],
) {
  // The output folder and the siblings it is swapped through.
  const outputs = [resolve(root, config.output), ...extra.map((p) => resolve(p))].flatMap((o) => [
    o,
    `${o}.nouveau`,
    `${o}.ancien`,
  ]);
  // Windows paths ignore case (`z:\atelier` typed, `Z:\atelier` on disk), and a folder read
  // through a link has another path: a name of the program's is compared where it really is.
  const key = (p: string) => (process.platform === "win32" ? p.toLowerCase() : p);
  const programs = new Set(
    program.flatMap((p) => [resolve(p), ...(existsSync(p) ? [realpathSync(p)] : [])]).map(key),
  );
  const names = new Set(program.map((p) => key(basename(p))));
  const isProgram = (abs: string) => {
    if (!names.has(key(basename(abs)))) return false;
    try {
      return programs.has(key(abs)) || programs.has(key(realpathSync(abs)));
    } catch {
      return false;
    }
  };
  return (abs: string): Exclusion | undefined => {
    if (outputs.includes(abs)) return "own-output";
    if (isProgram(abs)) return "own-program";
    if (
      abs === config.reference ||
      abs === resolve(root, CONFIG_FILE) ||
      abs === resolve(root, CONFIG_SCHEMA_FILE)
    ) {
      return "workshop-file";
    }
    if (isResolutionsName(basename(abs))) {
      return dirname(abs) === root ? "workshop-file" : "resolutions-elsewhere";
    }
    // A copy of the decisions to make, filled in or not: no group's, and not applied under
    // that name.
    if (/^arbitrages-a-faire\b.*\.(csv|xlsx)$/i.test(basename(abs))) return "arbitrages";
    if (abs === resolve(root, TEMPLATES_FOLDER)) return "template";
    // A folder with a configuration of its own is another workshop (one unpacked or copied
    // inside this one): its plan, groups and decisions are its own, never merged into these.
    if (abs !== root && existsSync(join(abs, CONFIG_FILE))) return "other-workshop";
    return undefined;
  };
}

/**
 * A file with the headers of a template and not one row filled in (header only, or the
 * prefilled plan rows left as they were), and nothing wrong with it: a blank template.
 */
export function isBlankTemplate(report: FileReport): boolean {
  const tables = report.sheets.filter((s) => s.kind !== null);
  return (
    tables.length > 0 &&
    report.sheets.every((s) => s.rows === 0) &&
    !report.issues.some((i) => i.severity === "error")
  );
}

/**
 * The rapporteur's decisions on conflicts, in the workshop folder: never read as a submission.
 * Typed by hand (CSV), or `arbitrages-a-faire.xlsx` filled in and saved under this name; when
 * both are there, both apply (see `consolidateWorkshop`).
 */
export const RESOLUTIONS_FILES = ["resolutions.csv", "resolutions.xlsx"] as const;

/** Whatever its case (`Resolutions.xlsx`): Windows and macOS see one name. */
function isResolutionsName(name: string): boolean {
  return (RESOLUTIONS_FILES as readonly string[]).includes(name.toLowerCase());
}

/** The resolutions files of a workshop folder. */
function resolutionFilesIn(root: string): string[] {
  try {
    return readdirSync(root)
      .filter(isResolutionsName)
      .sort()
      .map((name) => resolve(root, name));
  } catch {
    return [];
  }
}

/** A file's modification time (ms), to tell two versions of a group's file apart. */
export function modifiedAt(abs: string): number | null {
  try {
    return statSync(abs).mtimeMs;
  } catch {
    // Gone since it was read: its other signs of version decide.
    return null;
  }
}

/** The session a file belongs to by its place: the first folder under the workshop folder. */
function sessionFolder(abs: string, root: string): string | undefined {
  const parts = under(root, abs)?.split(sep) ?? [];
  return parts.length > 1 ? parts[0] : undefined;
}

function noSubmission(paths: readonly string[], skipped: ValidationResult["skipped"]): AppError {
  const n = skipped.length;
  const [only] = skipped;
  if (n === 1 && only?.reason === "output-folder") {
    return new AppError(
      "NO_SUBMISSION",
      both((t) => t.errors.outputFolderGiven(only.path)),
    );
  }
  return new AppError(
    "NO_SUBMISSION",
    both((t) => t.errors.noSubmission(paths.join(", "), n)),
  );
}

/** Rows over the submissions; problems over every file read, plans and resolutions included. */
export function summarise(
  result: Pick<ValidationResult, "files" | "references" | "resolutions">,
): ValidationResult["summary"] {
  const { files, references, resolutions } = result;
  let rows = 0;
  let accepted = 0;
  let rejected = 0;
  let errors = 0;
  let warnings = 0;
  for (const f of files) {
    for (const s of f.sheets) {
      rows += s.rows;
      accepted += s.accepted;
      rejected += s.rejected;
    }
  }
  for (const f of [...references.map((r) => r.report), ...files, ...resolutions]) {
    const c = countBySeverity(f.issues);
    errors += c.errors;
    warnings += c.warnings;
  }
  return { files: files.length, rows, accepted, rejected, errors, warnings };
}
