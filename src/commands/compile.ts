import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Config, findConfig, loadConfig } from "../config.js";
import { AppError } from "../errors.js";
import { type Issue, type Lang, recordOf } from "../issues.js";
import {
  type Consolidation,
  mergeSubmissions,
  type Resolution,
  readResolutions,
} from "../merge/index.js";
import { dataPackage } from "../render/datapackage.js";
import { matrixOutputs } from "../render/matrix.js";
import { consolidationTables, sourcesTable, toCsv } from "../render/tables.js";
import { validationJson } from "../render/validation.js";
import { tableWorkbook } from "../render/xlsx.js";
import { identityText } from "../text.js";
import {
  type FileReport,
  type RunOptions,
  type ValidationResult,
  validatePaths,
} from "../validate/index.js";
import { recoverOutput, writeOutputSet } from "./output.js";

/**
 * `compile`: every submission under a workshop folder → one consolidated, traceable data set,
 * written as one unit into the output folder. The previous `consolidation.json` there tells what
 * changed since the last compile.
 */

export interface CompileOptions {
  out?: string;
  config?: string;
  lang?: Lang;
  csvDelimiter?: string;
  meta?: Record<string, string>;
  onFile?: RunOptions["onFile"];
}

/** What changed since the previous compile in the same output folder. */
export interface Changes {
  files: { added: string[]; changed: string[]; removed: string[] };
  rows: { added: number; removed: number };
  /** `2.2.1 statut`: conflicts that were not there before. */
  newConflicts: string[];
}

export interface CompileResult extends Workshop {
  /** `undefined` on the first compile. */
  changes?: Changes;
  /** Names of the files written. */
  written: string[];
}

/** Generation time: `SOURCE_DATE_EPOCH` when set, so that outputs can be byte-identical. */
export function generationTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

/** A workshop read, validated and merged: what compile, report and matrix all start from. */
export interface Workshop {
  root: string;
  config: Config;
  out: string;
  lang: Lang;
  validation: ValidationResult;
  consolidation: Consolidation;
}

/** Reads every submission under a workshop folder and merges them; writes nothing. */
export async function consolidateWorkshop(
  dir: string,
  options: CompileOptions = {},
): Promise<Workshop> {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new AppError("PATH_NOT_FOUND", {
      fr: `Dossier d'atelier introuvable : ${dir}. Indiquez le dossier qui contient les fichiers des groupes.`,
      en: `Workshop folder not found: ${dir}. Give the folder that holds the groups' files.`,
    });
  }
  const config: Config = options.config ? loadConfig(options.config) : findConfig(root);
  const out = resolve(options.out ?? join(root, config.output));
  const lang: Lang = options.lang ?? config.language ?? "fr";
  const run: RunOptions = { base: root, exclude: [out], allowEmpty: true };
  if (options.config) run.config = options.config;
  if (options.meta) run.meta = options.meta;
  if (options.onFile) run.onFile = options.onFile;
  const validation = await validatePaths([root], run);

  const extra: Issue[] = [];
  let resolutions: Resolution[] = [];
  const resolutionsFile = join(root, "resolutions.csv");
  if (existsSync(resolutionsFile)) {
    const read = readResolutions(readFileSync(resolutionsFile), "resolutions.csv", config);
    resolutions = read.resolutions;
    extra.push(...read.issues);
  }
  const consolidation = mergeSubmissions(validation.files, config, {
    ...(validation.reference
      ? { reference: validation.reference.plan, order: validation.reference.order }
      : {}),
    resolutions,
    issues: extra,
  });
  return { root, config, out, lang, validation, consolidation };
}

export async function compileWorkshop(
  dir: string,
  options: CompileOptions = {},
): Promise<CompileResult> {
  const done = await consolidateWorkshop(dir, options);
  const { root, config, out, lang, validation, consolidation } = done;
  const files = fileDigests(validation.files, root);
  recoverOutput(out);
  const previous = readPrevious(out);
  const generated = generationTime();
  const written = await writeOutputSet(
    out,
    renderOutputs(
      consolidation,
      validation,
      config,
      lang,
      generated,
      files,
      options.csvDelimiter ?? ";",
    ),
  );
  const result: CompileResult = { ...done, written };
  if (previous) result.changes = changesSince(previous, consolidation, files);
  return result;
}

interface FileDigest {
  path: string;
  sha256: string;
}

function fileDigests(files: readonly FileReport[], root: string): FileDigest[] {
  return files.map((f) => ({
    path: f.path,
    sha256: createHash("sha256")
      .update(readFileSync(join(root, f.path)))
      .digest("hex"),
  }));
}

/** The JSON contract of spec §7, plus the digests of the files read. */
export function consolidationJson(
  c: Consolidation,
  config: Config,
  lang: Lang,
  generated: Date,
  files: readonly FileDigest[],
) {
  return {
    version: 1,
    title: config.title,
    generated: generated.toISOString(),
    review: { label: config.review.label, from: config.review.from, to: config.review.to },
    plan: { label: config.plan.label, from: config.plan.from, to: config.plan.to },
    summary: c.summary,
    files,
    bilan: c.bilan,
    constats: c.constats,
    propositions: c.propositions,
    rejets: c.rejets.map((r) => ({ ...r, problems: r.problems.map((p) => recordOf(p, lang)) })),
    conflits: c.conflits,
    non_evalues: c.non_evalues,
    indicateurs: c.indicateurs,
  };
}

/** `rapport-bilan.md` and `.html`: one model, two renderers. */
export async function reportOutputs(
  c: Consolidation,
  validation: ValidationResult,
  config: Config,
  lang: Lang,
  generated: Date,
): Promise<Map<string, string>> {
  const { buildReport } = await import("../analysis/report.js");
  const { reportMarkdown } = await import("../render/report-md.js");
  const { reportHtml } = await import("../render/report-html.js");
  const model = buildReport(c, validation.files, config, generated);
  return new Map([
    ["rapport-bilan.md", reportMarkdown(model, lang)],
    ["rapport-bilan.html", reportHtml(model, lang)],
  ]);
}

/** Every output, one at a time: each can be written and let go before the next is made. */
async function* renderOutputs(
  c: Consolidation,
  validation: ValidationResult,
  config: Config,
  lang: Lang,
  generated: Date,
  files: readonly FileDigest[],
  delimiter: string,
): AsyncGenerator<readonly [string, string | Buffer]> {
  const tables = consolidationTables(c, config, lang);
  for (const t of tables) yield [`${t.name}.csv`, toCsv(t, delimiter)];
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  yield ["consolidation.json", json(consolidationJson(c, config, lang, generated, files))];
  yield ["datapackage.json", json(dataPackage(tables, config, delimiter))];
  const journal = validationJson(validation, lang);
  yield ["journal.json", json({ ...journal, generated: generated.toISOString() })];
  const [bilan, constats, propositions, ...annexes] = tables;
  const sheets = [bilan, constats, propositions, sourcesTable(validation.files), ...annexes];
  yield [
    "consolidation.xlsx",
    tableWorkbook(
      sheets.filter((t) => t !== undefined),
      lang,
      generated,
      config.title,
    ),
  ];
  yield* await reportOutputs(c, validation, config, lang, generated);
  yield* await matrixOutputs(c, config, lang, generated, delimiter);
}

interface Previous {
  files: FileDigest[];
  keys: Set<string>;
  conflicts: Set<string>;
}

function readPrevious(out: string): Previous | undefined {
  const file = join(out, "consolidation.json");
  if (!existsSync(file)) return undefined;
  try {
    const json = JSON.parse(readFileSync(file, "utf8"));
    return {
      files: Array.isArray(json.files) ? json.files : [],
      keys: new Set(rowKeys(json)),
      conflicts: new Set(
        (json.conflits ?? []).map((k: { key: string; field: string }) => `${k.key} ${k.field}`),
      ),
    };
  } catch {
    // A damaged previous output only means we cannot say what changed.
    return undefined;
  }
}

/** One identity per consolidated row, as merging defines it. */
function rowKeys(c: Pick<Consolidation, "bilan" | "constats" | "propositions">): string[] {
  const t = (v: unknown) => identityText(String(v ?? ""));
  return [
    ...(c.bilan ?? []).map((r) => `bilan|${r.code_activite}`),
    ...(c.constats ?? []).map((r) => `constats|${r.axe}|${r.type}|${t(r.constat)}`),
    ...(c.propositions ?? []).map((r) => `propositions|${r.axe}|${t(r.objectif)}|${t(r.action)}`),
  ];
}

function changesSince(previous: Previous, c: Consolidation, files: readonly FileDigest[]): Changes {
  const before = new Map(previous.files.map((f) => [f.path, f.sha256]));
  const now = new Map(files.map((f) => [f.path, f.sha256]));
  const keys = rowKeys(c);
  const current = new Set(keys);
  return {
    files: {
      added: files.filter((f) => !before.has(f.path)).map((f) => f.path),
      changed: files
        .filter((f) => before.has(f.path) && before.get(f.path) !== f.sha256)
        .map((f) => f.path),
      removed: previous.files.filter((f) => !now.has(f.path)).map((f) => f.path),
    },
    rows: {
      added: keys.filter((k) => !previous.keys.has(k)).length,
      removed: [...previous.keys].filter((k) => !current.has(k)).length,
    },
    newConflicts: c.conflits
      .map((k) => `${k.key} ${k.field}`)
      .filter((k) => !previous.conflicts.has(k)),
  };
}
