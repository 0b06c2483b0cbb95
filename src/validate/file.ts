import type { Config } from "../config.js";
import { ASSESSMENT_FIELDS, isSubmissionKind, tableFields } from "../fields.js";
import { both } from "../i18n/index.js";
import { type Issue, type IssueCode, issue, type Location, type Params } from "../issues.js";
import type {
  FileReport,
  KeptRow,
  ReferencePlan,
  SheetReport,
  TableKind,
  TableRows,
} from "../model.js";
import {
  BlankCells,
  buildTable,
  detectTable,
  HEADER_SCAN_ROWS,
  isHelperSheet,
  isIdentificationSheet,
  type RecordRow,
  SUBMISSION_KINDS,
  type Table,
} from "../normalize/index.js";
import { contextFor, readIdentification, readRow } from "../normalize/row.js";
import type { ParseContext } from "../normalize/values.js";
import {
  type InputFile,
  isCsvInput,
  isOutputCsv,
  readInput,
  streamCsvInput,
} from "../read/index.js";
import type { RawFile, RawRow, RawSheet } from "../read/types.js";
import { columnNumber } from "../sheet.js";
import { groupKey, sessionKey } from "../text.js";
import { groupFromName } from "./provenance.js";
import {
  copyOf,
  isRejected,
  type RowsSeen,
  type RuleContext,
  TableTracker,
  validateRecord,
} from "./rules.js";

/**
 * One file validated: each sheet's header found, each row read, typed and checked as it comes,
 * and the file's report made of its sheets, rows and problems in the order the file shows them.
 */

/**
 * A bilan row of a prefilled template that the group left as it was: an activity it did not
 * assess, which is then reported among the activities nobody assessed, not as a broken row.
 */
function isUntouchedPrefill(record: RecordRow, reference: ReferencePlan | undefined): boolean {
  const code = record.values.code_activite;
  if (!reference || typeof code !== "string" || !reference.byCode.has(code)) return false;
  if (record.issues.length > 0 || Object.keys(record.extras).length > 0) return false;
  return ASSESSMENT_FIELDS.every(
    (f) => record.values[f] === null || record.values[f] === undefined,
  );
}

/** What `header-not-found` suggests: the required headers of the first kind looked for. */
function headerHelp(kinds: readonly TableKind[]): Params {
  const required = tableFields(kinds[0] ?? "bilan").filter((f) => f.required);
  return {
    scanned: HEADER_SCAN_ROWS,
    example: both((_, lang) => required.map((f) => f[lang]).join(lang === "fr" ? " ; " : "; ")),
  };
}

/** How a file is validated: the same for every sheet of it. */
interface FileContext {
  path: string;
  format: "csv" | "xlsx" | "xls" | "ods";
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
  /** Where each Identification value is written, for a warning on it. */
  identificationCells: Record<string, Location>;
  /** Rows by identity over the whole file, for a row repeated on another sheet. */
  rowsSeen: RowsSeen;
  /** The session folder the file is in: it wins over a session written in the file. */
  folder?: string;
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
  private readonly tracker: TableTracker;
  private blanks: BlankCells | undefined;
  /** Rows that no column, Identification sheet or flag gives a group. */
  ungrouped = 0;
  /** Groups and sessions already said to be overruled (see `overruled`). */
  private readonly noted = new Set<string>();
  private recordIssues: Issue[] = [];

  constructor(
    private readonly file: FileContext,
    sheet: { name?: string; state: RawSheet["state"] },
    /** The whole sheet, when it was read whole (xlsx): columns without a header come from it. */
    private readonly whole?: RawSheet,
  ) {
    this.name = sheet.name;
    this.tracker = new TableTracker(file.rowsSeen);
    this.where = { file: file.path, ...(sheet.name !== undefined ? { sheet: sheet.name } : {}) };
    this.rules = {
      config: file.config,
      ...(file.reference ? { reference: file.reference } : {}),
      ...(file.folder !== undefined ? { folder: file.folder } : {}),
    };
    if (file.format !== "csv" && (isIdentificationSheet(sheet.name) || isHelperSheet(sheet.name))) {
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

  /**
   * A row's metadata: its own columns, then the file's. The Identification sheet wins over a
   * group written in a column, and the session folder over a session written anywhere: each
   * time with a warning at the first cell that says otherwise.
   */
  private metaOf(record: { meta: Record<string, string>; row: number }): Record<string, string> {
    const file = this.file;
    const meta = { ...file.fallback, ...record.meta, ...file.identification };
    if (!("groupe" in meta)) this.ungrouped++;
    const group = file.identification.groupe;
    const ownGroup = record.meta.groupe;
    if (group !== undefined && ownGroup !== undefined && groupKey(ownGroup) !== groupKey(group)) {
      this.overruled(record.row, "groupe", ownGroup, "group-mismatch", { kept: group });
    }
    const written = record.meta.session;
    if (file.folder === undefined) {
      // A session written in a row, outside any session folder: said when the configuration
      // does not list it (it then comes before every listed session).
      const listed = file.config.sessions;
      if (written !== undefined && listed && !isListed(written, listed)) {
        this.overruled(record.row, "session", written, "unknown-session", {
          allowed: listed.join(", "),
        });
      }
      return meta;
    }
    meta.session = file.folder;
    if (written !== undefined && sessionKey(written) !== sessionKey(file.folder)) {
      this.overruled(record.row, "session", written, "session-mismatch", { folder: file.folder });
    }
    return meta;
  }

  /** A row's group or session that the file overrules: said once per value, at its first cell. */
  private overruled(
    row: number,
    field: "groupe" | "session",
    value: string,
    code: IssueCode,
    params: Params,
  ) {
    const noted = `${field}\u0000${value}`;
    if (this.noted.has(noted)) return;
    this.noted.add(noted);
    const column = this.table?.columns.find((c) => c.role === "meta" && c.field?.id === field);
    const at: Location = { ...this.where, row };
    if (column) Object.assign(at, { column: column.letter, header: column.header });
    this.recordIssues.push(issue(code, at, { field, value, params }));
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
        this.file.format !== "csv"
          ? issue("sheet-skipped", this.where, { params: { sheet: this.name ?? "" } })
          : issue("header-not-found", this.where, { params: headerHelp(this.file.kinds) }),
      );
      return;
    }
    const { path, format, config } = this.file;
    // Columns without a header are found in the whole sheet when there is one; a CSV has no
    // column past its header (those cells are extra cells), so its blanks are counted as it goes.
    const options = { currency: config.currency };
    const table = this.whole
      ? buildTable(this.whole, found.kind, found.headerIndex, path, format, options, found.header)
      : buildTable(
          { ...sheet, rows: rows.slice(0, found.headerIndex + 1) },
          found.kind,
          found.headerIndex,
          path,
          format,
          options,
          found.header,
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
    const meta = this.metaOf(record);
    if (file.keep) {
      const kept: KeptRow = {
        file: record.file,
        row: record.row,
        values: record.values,
        meta,
        issues: record.issues,
        rejected,
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

  /**
   * The session folder wins over a session the Identification sheet writes (a workbook copied
   * from J1 into J2 and not updated): a warning at that cell.
   */
  private placeInSession(report: FileReport) {
    const { folder, identification, identificationCells } = this.context;
    const written = identification.session;
    if (folder === undefined) return;
    report.meta.session = folder;
    if (written === undefined || sessionKey(written) === sessionKey(folder)) return;
    report.issues.push(
      issue("session-mismatch", identificationCells.session ?? { file: report.path }, {
        field: "session",
        value: written,
        params: { folder },
      }),
    );
  }

  /**
   * A file whose rows no column, Identification sheet or flag gives a group: its name does,
   * without the session folder and version markers. In a session folder, where the group
   * decides what replaces, updates or disagrees with what, that is a warning; a file checked on
   * its own (a fixture in CI) has no group to lose.
   */
  private nameGroup(report: FileReport) {
    // The reference plan and the resolutions are the workshop's, not a group's.
    if (report.meta.groupe !== undefined || !this.context.kinds.some(isSubmissionKind)) return;
    if (!this.sheets.some((s) => s.ungrouped > 0)) return;
    const { folder } = this.context;
    report.meta.groupe = groupFromName(report.path, folder);
    if (folder !== undefined) {
      report.issues.push(
        issue(
          "group-guessed",
          { file: report.path },
          { field: "groupe", value: report.meta.groupe },
        ),
      );
    }
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
      // One by one, not push(...): a sheet may hold more problems than a call takes arguments.
      for (const found of run.issues) report.issues.push(found);
      if (run.entry) report.sheets.push(run.entry);
      if (!run.table) return;
      tables++;
      if (run.noData) emptyTables.push(run.noData);
      else filled++;
      if (keep) {
        const { kind, fatal } = run.table;
        const columns: TableRows["columns"] = {};
        for (const c of run.table.columns) {
          const id = c.role === "field" ? c.field?.id : undefined;
          if (id !== undefined && !(id in columns))
            columns[id] = { letter: c.letter, header: c.header };
        }
        report.tables.push({ kind, columns, fatal, records: run.records });
      }
    });
    if (filled === 0) report.issues.push(...emptyTables);
    // A file that gave no table at all must fail, whatever its sheets said one by one.
    if (tables === 0 && !report.issues.some((i) => i.severity === "error")) {
      const empty = this.sheets.every((s) => !s.sawRows);
      report.issues.push(
        empty
          ? issue("empty-file", { file: raw.path })
          : issue(
              "header-not-found",
              { file: raw.path },
              { params: headerHelp(this.context.kinds) },
            ),
      );
    }
    report.meta = { ...fallback, ...identification };
    report.version = { date: identification.date ?? null, modified: null };
    this.placeInSession(report);
    this.nameGroup(report);
    if (config.sessions && report.meta.session && !isListed(report.meta.session, config.sessions)) {
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
  /** The session folder the file is in (its first folder under the workshop folder). */
  folder?: string;
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
    if (raw.format !== "csv" && isIdentificationSheet(sheet.name)) {
      const id = readIdentification(sheet, raw.path);
      Object.assign(run.context.identification, id.meta);
      Object.assign(run.context.identificationCells, id.cells);
      run.identificationIssues.push(...id.issues);
    }
  }
  for (const sheet of raw.sheets) {
    const s = run.sheet(sheet, raw.format !== "csv" ? sheet : undefined);
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
    identificationCells: {},
    rowsSeen: new Map(),
  };
  if (options.folder !== undefined) context.folder = options.folder;
  if (raw.delimiter !== undefined) context.delimiter = raw.delimiter;
  return context;
}

/**
 * Validates one submission: a CSV is streamed, one row at a time, so that its size does not
 * matter; a workbook is read whole (SheetJS), then validated the same way.
 */
export async function validateInput(
  input: InputFile,
  config: Config,
  reference: ReferencePlan | undefined,
  fallback: Record<string, string>,
  options: ValidateOptions,
): Promise<FileReport> {
  if (!isCsvInput(input)) {
    const raw = await readInput(input, config.limits);
    if (raw.output) return outputReport(input.path, raw.format);
    return validateRaw(raw, config, reference, fallback, SUBMISSION_KINDS, options);
  }
  if (isOutputCsv(input, !input.found)) return outputReport(input.path, "csv");
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
    col: i.column === undefined ? -1 : columnNumber(i.column),
  }));
  keyed.sort((a, b) => a.sheet - b.sheet || a.row - b.row || a.col - b.col || a.n - b.n);
  return keyed.map((x) => x.i);
}

/** Whether the configuration lists a session, however it is written (`Jour 2` for `J2`). */
function isListed(session: string, listed: readonly string[]): boolean {
  const key = sessionKey(session);
  return listed.some((s) => sessionKey(s) === key);
}

/** A table of results atelier wrote, found among the submissions: not read any further. */
function outputReport(path: string, format: FileReport["format"]): FileReport {
  return { path, format, meta: {}, output: true, sheets: [], issues: [], tables: [] };
}
