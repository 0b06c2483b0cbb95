import { existsSync, lstatSync, realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { type Config, findConfig, loadConfig } from "../config.js";
import { AppError, speaking } from "../errors.js";
import { type FieldSpec, findField } from "../fields.js";
import { both } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import { languageOf } from "../i18n/lang.js";
import { issue, labelParams } from "../issues.js";
import { mergeSubmissions } from "../merge/index.js";
import type { Consolidation, FileReport, Resolution, ValidationResult } from "../model.js";
import { compareText, identityText } from "../text.js";
import { modifiedAt, type RunOptions, summarise, validatePaths } from "../validate/index.js";
import { resolutionsIn } from "../validate/resolutions.js";
import { lockOutput } from "./output.js";

/**
 * Commands: what each command of the CLI does end to end, and the only code that writes files.
 * This file reads a workshop the way compile, report and matrix all start: one configuration,
 * every submission validated, the rapporteur's resolutions, the merge.
 */

export interface WorkshopOptions {
  out?: string;
  /** `--config`: the configuration file to use instead of the workshop's own. */
  config?: string;
  lang?: Lang;
  meta?: Record<string, string>;
  onFile?: RunOptions["onFile"];
  /**
   * Called with the output folder before anything is read (compile, report and matrix take it
   * for themselves there, so that a folder they cannot write stops them at once).
   */
  onOutput?: (out: string) => void;
  /** The running program's files inside the workshop: neither read nor listed (see `RunOptions`). */
  programFiles?: readonly string[];
}

/** A workshop read, validated and merged: what compile, report and matrix all start from. */
export interface Workshop {
  root: string;
  config: Config;
  out: string;
  lang: Lang;
  /** The submissions, and the plan under review (`references[0]`) when the configuration names one. */
  validation: ValidationResult;
  consolidation: Consolidation;
}

/**
 * Generation time: `SOURCE_DATE_EPOCH` when set, so that outputs can be byte-identical. A value
 * that is no date (not whole seconds, or past the dates JavaScript can hold) stops the command.
 */
export function generationTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return new Date();
  const date = new Date(Number(epoch) * 1000);
  if (!/^\d+$/.test(epoch.trim()) || Number.isNaN(date.getTime())) {
    throw new AppError(
      "ENVIRONMENT",
      both((t) => t.errors.sourceDateEpoch(epoch)),
    );
  }
  return date;
}

/** Reads every submission under a workshop folder and merges them; writes nothing. */
export async function consolidateWorkshop(
  dir: string,
  options: WorkshopOptions = {},
): Promise<Workshop> {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new AppError(
      "PATH_NOT_FOUND",
      both((t) => t.errors.workshopNotFound(dir)),
    );
  }
  const config = options.config ? loadConfig(options.config) : findConfig(root);
  const lang = languageOf(options.lang, config);
  return speaking(lang, async () => {
    // `--out` is relative to where the command runs; the configuration's `output` to the
    // workshop, and may be absolute (`D:\Rapports`).
    const out = followLink(options.out ? resolve(options.out) : resolve(root, config.output));
    options.onOutput?.(out);
    // A folder with no spreadsheet to read stops compile, report and matrix, as it stops validate.
    const run: RunOptions = { base: root, exclude: [out] };
    if (options.meta) run.meta = options.meta;
    if (options.onFile) run.onFile = options.onFile;
    if (options.programFiles) run.programFiles = options.programFiles;
    const validation = await validatePaths([{ path: root, config, root }], run);
    const reference = validation.references[0];
    const reports = validation.resolutions;
    const list = decisionsOf(reports, root, config);
    const consolidation = mergeSubmissions(validation.files, config, {
      ...(reference && { reference }),
      ...(reports.length > 0 && { resolutions: { list, reports } }),
    });
    for (const report of reports) {
      // A resolution that settles no conflict is a problem of its row, like any other of the file.
      const own = consolidation.issues.filter((i) => i.file === report.path);
      report.issues = [...report.issues, ...own].sort((x, y) => (x.row ?? 0) - (y.row ?? 0));
    }
    validation.summary = summarise(validation);
    return { root, config, out, lang, validation, consolidation };
  });
}

/**
 * Runs a command that writes in the output folder (compile, report, matrix): the generation time
 * checked and the folder taken for it (one command at a time there) before anything is read, the
 * work done in the workshop's language, the folder let go whatever happens.
 */
export async function lockedWorkshop<T>(
  dir: string,
  options: WorkshopOptions,
  work: (w: Workshop, generated: Date) => Promise<T>,
): Promise<T> {
  const generated = generationTime();
  let release: (() => void) | undefined;
  try {
    const w = await consolidateWorkshop(dir, {
      ...options,
      onOutput: (out) => {
        release = lockOutput(out);
      },
    });
    return await speaking(w.lang, () => work(w, generated));
  } finally {
    release?.();
  }
}

/**
 * The decisions of every resolutions file, the older file first so that the newer one's decision
 * applies (`resolutions.csv` typed by hand, `resolutions.xlsx` saved from arbitrages-a-faire.xlsx).
 * A pair the two files settle differently is said at the line that applies.
 */
function decisionsOf(reports: readonly FileReport[], root: string, config: Config): Resolution[] {
  const files = reports
    .map((report) => ({ report, modified: modifiedAt(resolve(root, report.path)) ?? 0 }))
    .sort((a, b) => a.modified - b.modified || compareText(a.report.path, b.report.path));
  const settled = new Map<string, Resolution>();
  const list: Resolution[] = [];
  for (const { report } of files) {
    for (const r of resolutionsIn(report, config)) {
      const pair = `${identityText(r.key)}\u0000${r.field}`;
      const first = settled.get(pair);
      if (first && first.at.file !== r.at.file && first.value !== r.value) {
        const spec = findField("bilan", r.field) as FieldSpec;
        report.issues.push(
          issue("resolution-overridden", r.at, {
            field: r.field,
            value: r.key,
            params: { key: r.key, ...labelParams(spec), first: `${first.at.file}:${first.at.row}` },
          }),
        );
      }
      settled.set(pair, r);
      list.push(r);
    }
  }
  return list;
}

/**
 * An output folder that is a link (`sortie` → a shared folder): the outputs go where it points,
 * and the link stays; swapping the folder would otherwise replace the link by a folder.
 */
function followLink(out: string): string {
  try {
    return lstatSync(out).isSymbolicLink() ? realpathSync(out) : out;
  } catch {
    return out;
  }
}
