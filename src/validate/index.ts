import { existsSync, statSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { CONFIG_FILE, type Config, findConfig, loadConfig, TEMPLATES_FOLDER } from "../config.js";
import { AppError } from "../errors.js";
import { countBySeverity, type Issue, issue, type Location } from "../issues.js";
import {
  BlankCells,
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
} from "../normalize/index.js";
import type { ParseContext } from "../normalize/values.js";
import {
  collectInputs,
  displayPath,
  type Exclusion,
  type InputFile,
  isCsvInput,
  readInput,
  type SkipReason,
  streamCsvInput,
} from "../read/index.js";
import type { RawFile, RawRow, RawSheet } from "../read/types.js";
import {
  copyOf,
  isRejected,
  type ReferencePlan,
  type RuleContext,
  TableTracker,
  validateRecord,
} from "./rules.js";

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

/**
 * A row as the later stages need it, once validated: its place, typed values, metadata and
 * problems. The cells as read stay only on a rejected row, for `rejets.csv`; the cell map and
 * the unknown columns served the rules and are let go.
 */
export type KeptRow = Pick<RecordRow, "file" | "sheet" | "row" | "values" | "meta" | "issues"> & {
  raw?: Record<string, string>;
};

/** One table of one file with its rows, as the later stages need them. */
export interface TableRows {
  table: Table;
  records: KeptRow[];
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
  /** The tables with their rows; empty when the rows were not kept (`RunOptions.records`). */
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
  /**
   * Keep each table's typed rows in `FileReport.tables` (default `true`): compile and merging
   * need them. `validate` needs only counts and problems: without the rows, its memory no longer
   * grows with them (a million-row CSV validates in under 200 MB).
   */
  records?: boolean;
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
  const records = options.records !== false;
  for (const { config, root, input } of all) {
    if (seen.has(input.abs)) continue;
    seen.add(input.abs);
    options.onFile?.(input.path, index++, all.length);
    const reference = config.reference ? references.get(config.reference)?.loaded.plan : undefined;
    const folderSession = sessionFolder(input.abs, root);
    const fallback: Record<string, string> = { ...options.meta };
    if (folderSession) fallback.session = folderSession;
    files.push(await validateInput(input, config, reference, fallback, { records }));
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

/** How a file is validated: the same for every sheet of it. */
interface FileContext {
  path: string;
  format: "csv" | "xlsx";
  /** CSV only, known before the first row: an over-long record is reported with it. */
  delimiter?: string;
  config: Config;
  reference: ReferencePlan | undefined;
  kinds: readonly TableKind[];
  /** Keep the typed rows (compile); otherwise only counts and problems are kept. */
  keep: boolean;
  fallback: Record<string, string>;
  /** Metadata of the Identification sheet, read before the data sheets. */
  identification: Record<string, string>;
}

/**
 * One sheet validated row by row as the rows come: the first rows are held until the header is
 * found among them, then each row is read, checked, counted and dropped (or kept, for compile).
 * The problems come out in the order in which a whole-sheet pass would give them.
 */
class SheetRun {
  readonly name: string | undefined;
  /** Rows were given, whatever became of them. */
  sawRows = false;
  /** `undefined` when the sheet is not listed at all (helper and Identification sheets). */
  entry: SheetReport | undefined;
  table: Table | undefined;
  records: KeptRow[] = [];
  /** The sheet's problems, once `end` has run. */
  issues: Issue[] = [];
  noData: Issue | undefined;
  private state: "scan" | "data" | "done" = "scan";
  private head: RawRow[] = [];
  private readonly where: Location;
  private parse: ParseContext | undefined;
  private rules: RuleContext;
  private readonly tracker: TableTracker = new TableTracker();
  private blanks: BlankCells | undefined;
  private recordIssues: Issue[] = [];

  constructor(
    private readonly file: FileContext,
    sheet: { name?: string; state: RawSheet["state"] },
    /** The whole sheet, when it was read whole (xlsx): columns without a header come from it. */
    private readonly whole?: RawSheet,
  ) {
    this.name = sheet.name;
    this.where = { file: file.path, ...(sheet.name !== undefined ? { sheet: sheet.name } : {}) };
    this.rules = { config: file.config, ...(file.reference ? { reference: file.reference } : {}) };
    if (
      file.format === "xlsx" &&
      (isIdentificationSheet(sheet.name) || isHelperSheet(sheet.name))
    ) {
      this.state = "done";
      return;
    }
    this.entry = {
      name: sheet.name ?? null,
      kind: null,
      headerRow: null,
      rows: 0,
      accepted: 0,
      rejected: 0,
    };
    if (sheet.state !== "visible") {
      this.issues.push(issue("hidden-sheet", this.where, { params: { sheet: sheet.name ?? "" } }));
      this.state = "done";
    }
  }

  push(row: RawRow) {
    this.sawRows = true;
    if (this.state === "data") this.read(row);
    else if (this.state === "scan") {
      this.head.push(row);
      if (this.head.length >= HEADER_SCAN_ROWS) this.detect();
    }
  }

  end() {
    if (this.state === "scan") {
      // A visible sheet without any row says nothing by itself.
      if (this.head.length === 0) this.entry = undefined;
      else this.detect();
    }
    const table = this.table;
    if (!table) return;
    this.blanks?.report(table);
    this.issues = [...table.issues, ...table.fatal, ...this.recordIssues];
    this.recordIssues = [];
    if (this.entry && this.entry.rows === 0) {
      this.noData = issue("no-data", { ...this.where, row: table.headerRow });
    }
  }

  private detect() {
    const rows = this.head;
    this.head = [];
    const sheet = this.whole ?? { name: this.name, state: "visible" as const, rows };
    const found = detectTable(sheet, this.file.kinds);
    if (!found) {
      this.state = "done";
      this.issues.push(
        this.file.format === "xlsx"
          ? issue("sheet-skipped", this.where, { params: { sheet: this.name ?? "" } })
          : issue("header-not-found", this.where, { params: HEADER_HELP }),
      );
      return;
    }
    const { path, format, config } = this.file;
    // Columns without a header are found in the whole sheet when there is one; a CSV has no
    // column past its header (those cells are extra cells), so its blanks are counted as it goes.
    const table = this.whole
      ? buildTable(this.whole, found.kind, found.headerIndex, path, format)
      : buildTable(
          { ...sheet, rows: rows.slice(0, found.headerIndex + 1) },
          found.kind,
          found.headerIndex,
          path,
          format,
        );
    if (!this.whole) this.blanks = new BlankCells(table);
    this.table = table;
    const entry = this.entry as SheetReport;
    entry.kind = table.kind;
    entry.headerRow = table.headerRow;
    this.parse = contextFor(table.kind, config);
    this.state = "data";
    for (let i = found.headerIndex + 1; i < rows.length; i++) this.read(rows[i] as RawRow);
  }

  private read(row: RawRow) {
    const table = this.table as Table;
    const file = this.file;
    this.blanks?.add(row);
    // The map of a row's cells is worked out only if a problem quotes one or the row is rejected.
    const record = readRow(
      table,
      row,
      this.parse as ParseContext,
      file.format === "csv" ? file.delimiter : undefined,
    );
    if (table.kind === "bilan" && isUntouchedPrefill(record, file.reference)) return;
    if (row.hidden) {
      record.issues.push(
        issue("hidden-row", { ...this.where, row: row.row }, { params: { row: row.row } }),
      );
    }
    validateRecord(table, record, this.rules, this.tracker);
    const entry = this.entry as SheetReport;
    entry.rows++;
    const rejected = isRejected(record, table);
    if (rejected) entry.rejected++;
    else entry.accepted++;
    if (file.keep) {
      const kept: KeptRow = {
        file: record.file,
        row: record.row,
        values: record.values,
        meta: { ...file.fallback, ...record.meta, ...file.identification },
        issues: record.issues,
      };
      if (record.sheet !== undefined) kept.sheet = record.sheet;
      if (rejected) kept.raw = record.raw;
      this.records.push(kept);
      for (const i of record.issues) this.recordIssues.push(i);
    } else {
      // The row is dropped: its problems must not hold on to the chunk of file text it was cut from.
      for (const i of record.issues) this.recordIssues.push(detach(i));
    }
  }
}

/** The issue with its texts copied (see `copyOf`); params may be shared, so they are copied too. */
function detach(i: Issue): Issue {
  if (i.value !== undefined) i.value = copyOf(i.value);
  const params: Issue["params"] = {};
  for (const [k, v] of Object.entries(i.params)) params[k] = typeof v === "string" ? copyOf(v) : v;
  i.params = params;
  return i;
}

/** A file validated sheet by sheet; `finish` gives its report. */
class FileRun {
  readonly sheets: SheetRun[] = [];
  readonly identificationIssues: Issue[] = [];

  constructor(readonly context: FileContext) {}

  sheet(sheet: { name?: string; state: RawSheet["state"] }, whole?: RawSheet): SheetRun {
    const run = new SheetRun(this.context, sheet, whole);
    this.sheets.push(run);
    return run;
  }

  /** The report, with the file's own issues (read before or while the rows were). */
  finish(raw: Omit<RawFile, "sheets">): FileReport {
    const { config, fallback, identification, keep } = this.context;
    const report: FileReport = {
      path: raw.path,
      format: raw.format,
      meta: {},
      sheets: [],
      issues: [...raw.issues, ...this.identificationIssues],
      tables: [],
    };
    if (raw.encoding) report.encoding = raw.encoding;
    if (raw.delimiter) report.delimiter = raw.delimiter;
    const sheetOrder = new Map<string | undefined, number>();
    // A workbook with one filled sheet of three is normal: `no-data` only when nothing is filled.
    const emptyTables: Issue[] = [];
    let tables = 0;
    let filled = 0;
    this.sheets.forEach((run, i) => {
      sheetOrder.set(run.name, i);
      report.issues.push(...run.issues);
      if (run.entry) report.sheets.push(run.entry);
      if (!run.table) return;
      tables++;
      if (run.noData) emptyTables.push(run.noData);
      else filled++;
      if (keep) report.tables.push({ table: run.table, records: run.records });
    });
    if (filled === 0) report.issues.push(...emptyTables);
    // A file that gave no table at all must fail, whatever its sheets said one by one.
    if (tables === 0 && !report.issues.some((i) => i.severity === "error")) {
      const empty = this.sheets.every((s) => !s.sawRows);
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
}

export interface ValidateOptions {
  /** Keep each table's typed rows in `FileReport.tables` (default `true`). */
  records?: boolean;
}

/** Normalises and validates one file that has been read. */
export function validateRaw(
  raw: RawFile,
  config: Config,
  reference: ReferencePlan | undefined,
  fallback: Record<string, string> = {},
  kinds: readonly TableKind[] = SUBMISSION_KINDS,
  options: ValidateOptions = {},
): FileReport {
  const run = new FileRun(fileContext(raw, config, reference, fallback, kinds, options));
  for (const sheet of raw.sheets) {
    if (raw.format === "xlsx" && isIdentificationSheet(sheet.name)) {
      const id = readIdentification(sheet, raw.path);
      Object.assign(run.context.identification, id.meta);
      run.identificationIssues.push(...id.issues);
    }
  }
  for (const sheet of raw.sheets) {
    const s = run.sheet(sheet, raw.format === "xlsx" ? sheet : undefined);
    for (const row of sheet.rows) s.push(row);
    s.end();
  }
  return run.finish(raw);
}

function fileContext(
  raw: Pick<RawFile, "path" | "format" | "delimiter">,
  config: Config,
  reference: ReferencePlan | undefined,
  fallback: Record<string, string>,
  kinds: readonly TableKind[],
  options: ValidateOptions,
): FileContext {
  const context: FileContext = {
    path: raw.path,
    format: raw.format,
    config,
    reference,
    kinds,
    keep: options.records !== false,
    fallback,
    identification: {},
  };
  if (raw.delimiter !== undefined) context.delimiter = raw.delimiter;
  return context;
}

/**
 * Validates one submission: a CSV is streamed, one row at a time, so that its size does not
 * matter; a workbook is read whole (exceljs), then validated the same way.
 */
async function validateInput(
  input: InputFile,
  config: Config,
  reference: ReferencePlan | undefined,
  fallback: Record<string, string>,
  options: ValidateOptions,
): Promise<FileReport> {
  if (!isCsvInput(input)) {
    const raw = await readInput(input, config.limits);
    return validateRaw(raw, config, reference, fallback, SUBMISSION_KINDS, options);
  }
  const run = new FileRun(
    fileContext(
      { path: input.path, format: "csv" },
      config,
      reference,
      fallback,
      SUBMISSION_KINDS,
      options,
    ),
  );
  const sheet = run.sheet({ state: "visible" });
  const read = streamCsvInput(
    input,
    config.limits,
    (row) => sheet.push(row),
    (delimiter) => {
      run.context.delimiter = delimiter;
    },
  );
  // Unreadable after all (a quote that never closes): what was read of it is void.
  if (!read.streamed) {
    return validateRaw(read.raw, config, reference, fallback, SUBMISSION_KINDS, options);
  }
  sheet.end();
  return run.finish(read.raw);
}

function sortIssues(issues: Issue[], sheetOrder: Map<string | undefined, number>): Issue[] {
  // Keys computed once per issue: a large file has tens of thousands of problems.
  const keyed = issues.map((i, n) => ({
    i,
    n,
    sheet: sheetOrder.get(i.sheet) ?? -1,
    row: i.row ?? 0,
    col: colIndex(i.column),
  }));
  keyed.sort((a, b) => a.sheet - b.sheet || a.row - b.row || a.col - b.col || a.n - b.n);
  return keyed.map((x) => x.i);
}

function colIndex(c: string | undefined): number {
  if (c === undefined) return -1;
  let n = 0;
  for (const ch of c) n = n * 26 + (ch.codePointAt(0) as number) - 64;
  return n;
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
