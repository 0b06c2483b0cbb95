import { existsSync, statSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { CONFIG_FILE, type Config, findConfig, loadConfig, TEMPLATES_FOLDER } from "./config.js";
import { AppError } from "./errors.js";
import { countBySeverity, type Issue, issue } from "./issues.js";
import {
  buildTable,
  contextFor,
  detectTable,
  HEADER_SCAN_ROWS,
  isHelperSheet,
  isIdentificationSheet,
  type RecordRow,
  readIdentification,
  readRow,
  SUBMISSION_KINDS,
  type Table,
  type TableKind,
} from "./normalize.js";
import {
  collectInputs,
  displayPath,
  type Exclusion,
  type InputFile,
  readInput,
  type SkipReason,
} from "./read/index.js";
import type { RawFile } from "./read/types.js";
import { isRejected, type ReferencePlan, validateTable } from "./validate.js";

/**
 * The only module that knows the order of the stages: read → normalise → validate, per file.
 * It prints nothing; progress goes through an optional callback.
 */

export interface SheetReport {
  /** Sheet name; `null` for CSV. */
  name: string | null;
  kind: TableKind | null;
  headerRow: number | null;
  rows: number;
  accepted: number;
  rejected: number;
}

/** One table of one file with its rows, as the later stages need them. */
export interface TableRows {
  table: Table;
  records: RecordRow[];
}

export interface FileReport {
  path: string;
  format: "csv" | "xlsx";
  encoding?: string;
  delimiter?: string;
  /** Metadata of the whole file (Identification sheet, folder, flags). */
  meta: Record<string, string>;
  sheets: SheetReport[];
  /** Every problem of the file, in sheet, row and column order. */
  issues: Issue[];
  tables: TableRows[];
}

/** The reference plan of the (first) configuration that names one. */
export interface LoadedReference {
  /** Path as displayed. */
  path: string;
  plan: ReferencePlan;
  /** Codes in the plan's own order. */
  order: string[];
}

export interface ValidationResult {
  /** The language the (first) configuration asks for, if it does. */
  language?: "fr" | "en";
  reference?: LoadedReference;
  files: FileReport[];
  skipped: { path: string; reason: SkipReason }[];
  summary: {
    files: number;
    rows: number;
    accepted: number;
    rejected: number;
    errors: number;
    warnings: number;
  };
}

export interface RunOptions {
  /** Explicit configuration file; otherwise the nearest `atelier.config.json` of each path. */
  config?: string;
  /** Folder that displayed paths are relative to (default: the current folder). */
  base?: string;
  /** Metadata given on the command line: the last fallback. */
  meta?: Record<string, string>;
  /** Absolute paths never read as submissions (the output folder of a compile). */
  exclude?: readonly string[];
  /** A folder with nothing to read is a result (compile of a fresh workshop), not an error. */
  allowEmpty?: boolean;
  onFile?: (path: string, index: number, total: number) => void;
}

/** The workshop folder a path belongs to: its configuration's folder, else the folder given. */
function workshopRoot(config: Config, path: string): string {
  if (config.source) return config.root;
  const abs = resolve(path);
  return statSync(abs).isDirectory() ? abs : dirname(abs);
}

/** Validates files and folders; nothing is written. */
export async function validatePaths(
  paths: readonly string[],
  options: RunOptions = {},
): Promise<ValidationResult> {
  const base = options.base ?? process.cwd();
  const explicit = options.config ? findConfigFile(options.config) : undefined;
  const files: FileReport[] = [];
  const skipped: ValidationResult["skipped"] = [];
  const references = new Map<string, { loaded: LoadedReference; report: FileReport }>();
  const groups: { config: Config; root: string; inputs: InputFile[] }[] = [];
  for (const p of paths) {
    if (!existsSync(p)) {
      throw new AppError("PATH_NOT_FOUND", {
        fr: `Chemin introuvable : ${p}. Vérifiez l'orthographe et le dossier courant.`,
        en: `Path not found: ${p}. Check the spelling and the current folder.`,
      });
    }
    const config = explicit ?? findConfig(statSync(p).isDirectory() ? p : dirname(p));
    const root = workshopRoot(config, p);
    const exclude = excluder(config, root, options.exclude ?? []);
    const inputs = collectInputs([p], base, exclude);
    skipped.push(...inputs.skipped);
    groups.push({ config, root, inputs: inputs.files });
  }
  const all = groups.flatMap((g) => g.inputs.map((input) => ({ ...g, input })));
  if (all.length === 0 && !options.allowEmpty) throw noSubmission(paths, skipped);
  for (const g of groups) {
    if (g.config.reference && !references.has(g.config.reference)) {
      references.set(g.config.reference, await loadReference(g.config, base));
    }
  }
  for (const ref of references.values()) files.push(ref.report);
  let index = 0;
  const seen = new Set<string>();
  for (const { config, root, input } of all) {
    if (seen.has(input.abs)) continue;
    seen.add(input.abs);
    options.onFile?.(input.path, index++, all.length);
    const raw = await readInput(input, config.limits);
    const reference = config.reference ? references.get(config.reference)?.loaded.plan : undefined;
    const folderSession = sessionFolder(input.abs, root);
    const fallback: Record<string, string> = { ...options.meta };
    if (folderSession) fallback.session = folderSession;
    files.push(validateRaw(raw, config, reference, fallback));
  }
  const result: ValidationResult = { files, skipped, summary: summarise(files) };
  const first = references.values().next().value;
  if (first) result.reference = first.loaded;
  const language = groups.find((g) => g.config.language)?.config.language;
  if (language) result.language = language;
  return result;
}

function findConfigFile(file: string): Config {
  if (!existsSync(file)) {
    throw new AppError("CONFIG_INVALID", {
      fr: `Fichier de configuration introuvable : ${file}. Vérifiez le chemin donné à --config.`,
      en: `Configuration file not found: ${file}. Check the path given to --config.`,
    });
  }
  return loadConfig(file);
}

/** What a folder walk passes over: the output folder, the config, the reference plan. */
function excluder(config: Config, root: string, extra: readonly string[]) {
  // The output folder and the siblings it is swapped through.
  const outputs = [resolve(root, config.output), ...extra.map((p) => resolve(p))].flatMap((o) => [
    o,
    `${o}.nouveau`,
    `${o}.ancien`,
  ]);
  return (abs: string): Exclusion | undefined => {
    if (outputs.includes(abs)) return "own-output";
    if (abs === config.reference || abs === resolve(root, CONFIG_FILE)) return "workshop-file";
    if (abs === resolve(root, "resolutions.csv")) return "workshop-file";
    if (abs === resolve(root, TEMPLATES_FOLDER)) return "template";
    return undefined;
  };
}

/** The session a file belongs to by its place: the first folder under the workshop folder. */
function sessionFolder(abs: string, root: string): string | undefined {
  const rel = relative(root, abs);
  if (rel.startsWith("..")) return undefined;
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0] : undefined;
}

function noSubmission(paths: readonly string[], skipped: ValidationResult["skipped"]): AppError {
  const n = skipped.length;
  return new AppError("NO_SUBMISSION", {
    fr: `Aucun fichier .xlsx ou .csv à lire dans ${paths.join(", ")}${n ? ` (${n} autre(s) fichier(s) ignoré(s))` : ""}. Placez-y les fichiers des groupes.`,
    en: `No .xlsx or .csv file to read in ${paths.join(", ")}${n ? ` (${n} other file(s) skipped)` : ""}. Put the groups' files there.`,
  });
}

/** What a group fills in a bilan row; the rest may come prefilled from the reference plan. */
const ASSESSMENT_FIELDS = [
  "statut",
  "taux_realisation",
  "budget_execute",
  "resultat",
  "difficultes",
  "observations",
  "hors_plan",
];

/**
 * A bilan row of a prefilled template that the group left as it was: an activity it did not
 * assess, which is then reported among the activities nobody assessed, not as a broken row.
 */
function isUntouchedPrefill(record: RecordRow, reference: ReferencePlan | undefined): boolean {
  const code = record.values.code_activite;
  if (!reference || typeof code !== "string" || !reference.has(code)) return false;
  if (record.issues.length > 0 || Object.keys(record.extras).length > 0) return false;
  return ASSESSMENT_FIELDS.every(
    (f) => record.values[f] === null || record.values[f] === undefined,
  );
}

const HEADER_HELP = {
  scanned: HEADER_SCAN_ROWS,
  example: "Axe stratégique ; Code activité ; Activité ; Statut",
};

/** Normalises and validates one file that has been read. */
export function validateRaw(
  raw: RawFile,
  config: Config,
  reference: ReferencePlan | undefined,
  fallback: Record<string, string> = {},
  kinds: readonly TableKind[] = SUBMISSION_KINDS,
): FileReport {
  const report: FileReport = {
    path: raw.path,
    format: raw.format,
    meta: {},
    sheets: [],
    issues: [...raw.issues],
    tables: [],
  };
  if (raw.encoding) report.encoding = raw.encoding;
  if (raw.delimiter) report.delimiter = raw.delimiter;
  const identification: Record<string, string> = {};
  for (const sheet of raw.sheets) {
    if (raw.format === "xlsx" && isIdentificationSheet(sheet.name)) {
      const id = readIdentification(sheet, raw.path);
      Object.assign(identification, id.meta);
      report.issues.push(...id.issues);
    }
  }
  const sheetOrder = new Map<string | undefined, number>();
  // A workbook with one filled sheet of three is normal: `no-data` only when nothing is filled.
  const emptyTables: Issue[] = [];
  raw.sheets.forEach((sheet, i) => {
    sheetOrder.set(sheet.name, i);
    if (raw.format === "xlsx" && (isIdentificationSheet(sheet.name) || isHelperSheet(sheet.name))) {
      return;
    }
    const where = { file: raw.path, ...(sheet.name !== undefined ? { sheet: sheet.name } : {}) };
    const entry: SheetReport = {
      name: sheet.name ?? null,
      kind: null,
      headerRow: null,
      rows: 0,
      accepted: 0,
      rejected: 0,
    };
    if (sheet.state !== "visible") {
      report.issues.push(issue("hidden-sheet", where, { params: { sheet: sheet.name ?? "" } }));
      report.sheets.push(entry);
      return;
    }
    if (sheet.rows.length === 0) return;
    const found = detectTable(sheet, kinds);
    if (!found) {
      if (raw.format === "xlsx") {
        report.issues.push(issue("sheet-skipped", where, { params: { sheet: sheet.name ?? "" } }));
      } else {
        report.issues.push(issue("header-not-found", where, { params: HEADER_HELP }));
      }
      report.sheets.push(entry);
      return;
    }
    const table = buildTable(sheet, found.kind, found.headerIndex, raw.path, raw.format);
    entry.kind = table.kind;
    entry.headerRow = table.headerRow;
    report.issues.push(...table.issues, ...table.fatal);
    const ctx = contextFor(table.kind, config);
    const records: RecordRow[] = [];
    for (const row of sheet.rows.slice(found.headerIndex + 1)) {
      const record = readRow(table, row, ctx, raw.format === "csv" ? raw.delimiter : undefined);
      if (table.kind === "bilan" && isUntouchedPrefill(record, reference)) continue;
      if (row.hidden) {
        record.issues.push(
          issue("hidden-row", { ...where, row: row.row }, { params: { row: row.row } }),
        );
      }
      records.push(record);
    }
    validateTable(table, records, { config, ...(reference ? { reference } : {}) });
    for (const r of records) {
      r.meta = { ...fallback, ...r.meta, ...identification };
      report.issues.push(...r.issues);
      if (isRejected(r, table)) entry.rejected++;
      else entry.accepted++;
    }
    entry.rows = records.length;
    if (records.length === 0)
      emptyTables.push(issue("no-data", { ...where, row: table.headerRow }));
    report.sheets.push(entry);
    report.tables.push({ table, records });
  });
  if (report.tables.every((t) => t.records.length === 0)) report.issues.push(...emptyTables);
  // A file that gave no table at all must fail, whatever its sheets said one by one.
  if (report.tables.length === 0 && !report.issues.some((i) => i.severity === "error")) {
    const empty = raw.sheets.every((s) => s.rows.length === 0);
    report.issues.push(
      empty
        ? issue("empty-file", { file: raw.path })
        : issue("header-not-found", { file: raw.path }, { params: HEADER_HELP }),
    );
  }
  report.meta = { ...fallback, ...identification };
  if (config.sessions && report.meta.session && !config.sessions.includes(report.meta.session)) {
    report.issues.push(
      issue(
        "unknown-session",
        { file: raw.path },
        {
          field: "session",
          value: report.meta.session,
          params: { allowed: config.sessions.join(", ") },
        },
      ),
    );
  }
  report.issues = sortIssues(report.issues, sheetOrder);
  return report;
}

function sortIssues(issues: Issue[], sheetOrder: Map<string | undefined, number>): Issue[] {
  const colIndex = (c: string | undefined) =>
    c === undefined ? -1 : [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return issues
    .map((i, n) => ({ i, n }))
    .sort(
      (a, b) =>
        (sheetOrder.get(a.i.sheet) ?? -1) - (sheetOrder.get(b.i.sheet) ?? -1) ||
        (a.i.row ?? 0) - (b.i.row ?? 0) ||
        colIndex(a.i.column) - colIndex(b.i.column) ||
        a.n - b.n,
    )
    .map((x) => x.i);
}

/** Reads the reference plan named in the configuration; its own problems are reported like any file's. */
async function loadReference(
  config: Config,
  base: string,
): Promise<{ loaded: LoadedReference; report: FileReport }> {
  const abs = config.reference as string;
  if (!existsSync(abs)) {
    throw new AppError("CONFIG_INVALID", {
      fr: `Plan de référence introuvable : ${abs} (clé « reference » de ${config.source}). Corrigez le chemin ou retirez la clé.`,
      en: `Reference plan not found: ${abs} (key “reference” of ${config.source}). Fix the path or remove the key.`,
    });
  }
  const raw = await readInput({ abs, path: displayPath(abs, base) }, config.limits);
  const report = validateRaw(raw, config, undefined, {}, ["reference"]);
  const plan: ReferencePlan = new Map();
  const order: string[] = [];
  for (const { table, records } of report.tables) {
    for (const r of records) {
      if (isRejected(r, table) || typeof r.values.code_activite !== "string") continue;
      if (!plan.has(r.values.code_activite)) order.push(r.values.code_activite);
      plan.set(r.values.code_activite, {
        axe: (r.values.axe as string | null) ?? null,
        activite: (r.values.activite as string | null) ?? null,
      });
    }
  }
  return { loaded: { path: report.path, plan, order }, report };
}

/** Totals over submissions; the reference plan is listed with the files but is not one. */
export function summarise(files: readonly FileReport[]): ValidationResult["summary"] {
  let count = 0;
  let rows = 0;
  let accepted = 0;
  let rejected = 0;
  let errors = 0;
  let warnings = 0;
  for (const f of files) {
    const reference = f.sheets.length > 0 && f.sheets.every((s) => s.kind === "reference");
    if (!reference) count++;
    for (const s of f.sheets) {
      if (s.kind === "reference") continue;
      rows += s.rows;
      accepted += s.accepted;
      rejected += s.rejected;
    }
    const c = countBySeverity(f.issues);
    errors += c.errors;
    warnings += c.warnings;
  }
  return { files: count, rows, accepted, rejected, errors, warnings };
}
