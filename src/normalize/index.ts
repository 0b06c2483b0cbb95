import type { Config } from "../config.js";
import {
  type FieldSpec,
  KIND_NAMES,
  KIND_SHEET_HINTS,
  KINDS,
  type Kind,
  metadataFields,
  referenceFields,
} from "../fields.js";
import { type Issue, issue, type Location, labelParams } from "../issues.js";
import { type Cell, columnLetter, type RawRow, type RawSheet } from "../read/types.js";
import { clean, closest, fold, foldWords } from "../text.js";
import {
  type CellParser,
  cellParser,
  cellText,
  type ParseContext,
  parseCell,
  tidy,
} from "./values.js";

/**
 * Normalisation: finds the header row and the kind of each sheet, maps headers to field ids, and
 * reads every cell into its typed value. Problems become issues located at the cell.
 */

/** What a table holds: a submission kind, or the reference plan. */
export type TableKind = Kind | "reference";

export interface Column {
  index: number;
  letter: string;
  /** Header as read (line breaks and all). */
  header: string;
  role: "field" | "calendarYear" | "yearAmount" | "meta" | "unknown" | "blank";
  field?: FieldSpec;
  /** For `calendarYear` and `yearAmount` columns. */
  year?: number;
  /** `millions de FCFA` in the header scales the column's amounts. */
  scale: number;
}

export interface Table {
  kind: TableKind;
  file: string;
  sheet?: string;
  headerRow: number;
  columns: Column[];
  /** Header-level problems (missing, unknown, duplicate, blank columns). */
  issues: Issue[];
  /** A required column is missing: every row of the table is rejected. */
  fatal: Issue[];
}

/** One data row, read and typed; `issues` holds its problems (rows with an error are rejected). */
export interface RecordRow {
  file: string;
  sheet?: string;
  row: number;
  /** Typed values by field id; missing values are `null`. */
  values: Record<string, unknown>;
  /** Every non-empty cell as read, by header: what `rejets.csv` shows. */
  raw: Record<string, string>;
  /** Cells under headers that match no field: kept, not checked. */
  extras: Record<string, string>;
  /** Metadata given in the row's own columns (Groupe, Session…). */
  meta: Record<string, string>;
  /** Where each field's value came from, for rules that point at a cell. */
  cells: Record<string, Column>;
  issues: Issue[];
}

const SKIPPED_SHEETS = new Set(
  [
    "instructions",
    "listes",
    "liste",
    "lists",
    "aide",
    "help",
    "notice",
    "parametres",
    "mode d'emploi",
    "lisez-moi",
    "readme",
    "consignes",
  ].map(foldWords),
);

/** Sheets that only explain or hold lists, never data. */
export function isHelperSheet(name: string | undefined): boolean {
  return name !== undefined && SKIPPED_SHEETS.has(foldWords(name));
}

export function isIdentificationSheet(name: string | undefined): boolean {
  if (name === undefined) return false;
  const key = foldWords(name);
  return ["identification", "fiche d'identification", "metadonnees", "informations"]
    .map(foldWords)
    .includes(key);
}

// --- headers -----------------------------------------------------------------------------------

/** Header text reduced to its words: no case, accents, line breaks, `*`, or unit in brackets. */
export function headerKey(header: string): string {
  return foldWords(
    fold(header)
      .replace(/\*+\s*$/, "")
      .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
      .replace(/\b(?:en\s+)?(?:(?:millions?|milliers?)\s+(?:de\s+)?)?(?:f\s?cfa|xof)\b/g, " "),
  );
}

function headerScale(header: string): number {
  const f = fold(header);
  if (/\bmillions?\b/.test(f)) return 1_000_000;
  if (/\bmilliers?\b/.test(f)) return 1_000;
  return 1;
}

function labelsOf(f: FieldSpec): string[] {
  return [f.id, f.fr, f.en, ...f.aliases];
}

const indexCache = new Map<TableKind | "meta", Map<string, FieldSpec>>();

/** Header key → field, for one kind: ids, French and English labels and aliases. */
function headerIndex(kind: TableKind | "meta"): Map<string, FieldSpec> {
  let index = indexCache.get(kind);
  if (!index) {
    index = new Map();
    const fields =
      kind === "meta" ? metadataFields : kind === "reference" ? referenceFields : KINDS[kind];
    for (const f of fields) {
      if (f.type === "yearAmounts") continue;
      for (const label of labelsOf(f)) {
        const key = headerKey(label);
        if (!index.has(key)) index.set(key, f);
      }
    }
    indexCache.set(kind, index);
  }
  return index;
}

const YEAR_AMOUNT = /^(?:cout|couts|budget|montant|cost)\s+(?:annee\s+)?(\d{4})$/;

type Classified = Omit<Column, "index" | "letter" | "header">;

/**
 * Headers already classified, by kind: finding the header tries every kind on each of the first
 * twenty rows of every file, and the same headers come back file after file. Bounded, so that
 * hostile headers cannot grow it without end.
 */
const classified = new Map<TableKind, Map<string, Classified>>();

/** What one header names for a kind (shared results: never changed by callers). */
function classify(header: string, kind: TableKind): Classified {
  let known = classified.get(kind);
  if (!known) {
    known = new Map();
    classified.set(kind, known);
  }
  let c = known.get(header);
  if (!c) {
    c = classifyNow(header, kind);
    if (known.size < 4096) known.set(header, c);
  }
  return c;
}

function classifyNow(header: string, kind: TableKind): Classified {
  const scale = headerScale(header);
  const key = headerKey(header);
  if (key === "") return { role: "blank", scale };
  const field = headerIndex(kind).get(key);
  if (field) return { role: "field", field, scale };
  if (kind === "propositions") {
    if (/^\d{4}$/.test(key)) return { role: "calendarYear", year: Number(key), scale };
    const ya = YEAR_AMOUNT.exec(key);
    if (ya) {
      const field = KINDS.propositions.find((f) => f.type === "yearAmounts");
      return { role: "yearAmount", year: Number(ya[1]), field, scale };
    }
  }
  const meta = headerIndex("meta").get(key);
  if (meta) return { role: "meta", field: meta, scale };
  return { role: "unknown", scale };
}

/**
 * How well a row works as the header of a kind: distinct fields matched, required ones counting
 * double; 0 when fewer than a third of its labels are ours (an unrelated table that happens to
 * have a "Type" column is not a submission).
 */
function score(row: RawRow, kind: TableKind): number {
  const seen = new Set<string>();
  let s = 0;
  let labels = 0;
  let matched = 0;
  for (const cell of row.cells) {
    if (!cell || typeof cell.v !== "string" || cell.v.trim() === "") continue;
    labels++;
    const c = classify(cell.v, kind);
    if (c.role !== "field" && c.role !== "calendarYear" && c.role !== "yearAmount") continue;
    matched++;
    const id = c.field?.id ?? "calendrier";
    if (seen.has(id)) continue;
    seen.add(id);
    s += c.field?.required || c.role === "calendarYear" ? 2 : 1;
  }
  return matched * 3 >= labels ? s : 0;
}

export const HEADER_SCAN_ROWS = 20;

/**
 * Finds the header row and kind: the best-scoring of the first rows, for the kinds allowed.
 * A sheet name such as "Bilan" breaks ties. `undefined` when nothing looks like a header.
 */
export function detectTable(
  sheet: RawSheet,
  kinds: readonly TableKind[],
): { kind: TableKind; headerIndex: number } | undefined {
  const hint = sheet.name ? foldWords(sheet.name) : "";
  let best: { kind: TableKind; headerIndex: number; score: number } | undefined;
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const row = sheet.rows[i] as RawRow;
    for (const kind of kinds) {
      let s = score(row, kind);
      if (s < 3) continue;
      const hints = kind === "reference" ? [] : KIND_SHEET_HINTS[kind];
      if (hints.some((h) => hint.includes(foldWords(h)))) s += 0.5;
      if (!best || s > best.score) best = { kind, headerIndex: i, score: s };
    }
  }
  return best && { kind: best.kind, headerIndex: best.headerIndex };
}

/** The field whose labels come closest to an unknown header. */
function suggestHeader(header: string, kind: TableKind): FieldSpec | undefined {
  const fields: readonly FieldSpec[] = kind === "reference" ? referenceFields : KINDS[kind];
  const candidates = fields
    .filter((f) => f.type !== "yearAmounts")
    .flatMap((f) => labelsOf(f).map((label) => ({ label, f })));
  return closest(header, candidates, (c) => headerKey(c.label))?.f;
}

/** Builds the column map of a table from its header row, with header-level issues. */
export function buildTable(
  sheet: RawSheet,
  kind: TableKind,
  headerIndex: number,
  file: string,
  format: "csv" | "xlsx",
): Table {
  const header = sheet.rows[headerIndex] as RawRow;
  const where: Location = { file, row: header.row };
  if (sheet.name !== undefined) where.sheet = sheet.name;
  const table: Table = {
    kind,
    file,
    headerRow: header.row,
    columns: [],
    issues: [],
    fatal: [],
  };
  if (sheet.name !== undefined) table.sheet = sheet.name;
  const firstOf = new Map<string, Column>();
  header.cells.forEach((cell, index) => {
    const text = cell ? clean(cellText(cell)) : "";
    const column: Column = {
      index,
      letter: columnLetter(index),
      header: text,
      ...classify(text, kind),
    };
    table.columns.push(column);
    const at = { ...where, column: column.letter, header: text };
    if (column.role === "unknown") {
      const suggestion = suggestHeader(text, kind);
      table.issues.push(
        issue("unknown-column", at, {
          value: text,
          params: suggestion ? { suggestion: suggestion.fr, suggestion_en: suggestion.en } : {},
        }),
      );
    }
    const id =
      column.role === "field" || column.role === "meta"
        ? (column.field?.id ?? "")
        : column.role === "calendarYear" || column.role === "yearAmount"
          ? `${column.role}:${column.year}`
          : "";
    if (id === "") return;
    const first = firstOf.get(id);
    if (first) {
      table.issues.push(
        issue("duplicate-column", at, {
          field: column.field?.id ?? "calendrier",
          params: { label: text, first: first.letter },
        }),
      );
    } else {
      firstOf.set(id, column);
    }
  });
  // Data in columns with no header (XLSX) is reported once per column, never dropped unsaid.
  const dataRows = sheet.rows.slice(headerIndex + 1);
  // A loop, not Math.max(...rows): spreading a large sheet's rows overflows the call stack.
  let width = header.cells.length;
  for (const r of dataRows) if (r.cells.length > width) width = r.cells.length;
  for (let index = 0; index < width; index++) {
    const column = table.columns[index];
    if (column && column.role !== "blank") continue;
    if (!column && format === "csv") continue; // a CSV row longer than its header is extra-cell
    const count = dataRows.filter((r) => hasValue(r.cells[index])).length;
    if (count === 0) continue;
    if (!column) {
      table.columns[index] = {
        index,
        letter: columnLetter(index),
        header: "",
        role: "blank",
        scale: 1,
      };
    }
    table.issues.push(
      issue("blank-header", { ...where, column: columnLetter(index) }, { params: { count } }),
    );
  }
  const fields = kind === "reference" ? referenceFields : KINDS[kind];
  const hasYearColumns = table.columns.some((c) => c.role === "calendarYear");
  for (const f of fields) {
    if (!f.required || firstOf.has(f.id)) continue;
    if (f.type === "calendar" && hasYearColumns) continue;
    table.fatal.push(
      issue("missing-column", where, {
        field: f.id,
        params: labelParams(f),
      }),
    );
  }
  return table;
}

function hasValue(cell: Cell | undefined): boolean {
  if (!cell) return false;
  if (cell.error || cell.formula !== undefined) return true;
  return cell.v !== null && !(typeof cell.v === "string" && cell.v.trim() === "");
}

/**
 * `blank-header` counted row by row, for a table built from its header alone (a CSV read as a
 * stream): the values under the header's blank columns, reported as `buildTable` reports them
 * from the whole sheet. A CSV has no column past its header (those cells are extra cells).
 */
export class BlankCells {
  private readonly columns: number[];
  private readonly counts: number[];

  constructor(table: Table) {
    this.columns = table.columns.filter((c) => c.role === "blank").map((c) => c.index);
    this.counts = this.columns.map(() => 0);
  }

  add(row: RawRow) {
    for (let k = 0; k < this.columns.length; k++) {
      if (hasValue(row.cells[this.columns[k] as number])) {
        this.counts[k] = (this.counts[k] as number) + 1;
      }
    }
  }

  /** Adds the issues to the table, after its header issues, as `buildTable` orders them. */
  report(table: Table) {
    const where: Location = { file: table.file, row: table.headerRow };
    if (table.sheet !== undefined) where.sheet = table.sheet;
    this.columns.forEach((index, k) => {
      const count = this.counts[k] as number;
      if (count === 0) return;
      table.issues.push(
        issue("blank-header", { ...where, column: columnLetter(index) }, { params: { count } }),
      );
    });
  }
}

// --- rows --------------------------------------------------------------------------------------

const CALENDAR = KINDS.propositions.find((f) => f.id === "calendrier") as FieldSpec;
const MARKED = new Set(["x", "oui", "yes", "1", "✓", "✔", "v", "ok"]);
const UNMARKED = new Set(["non", "no", "0", "n"]);

/** How the rows of a table are read under one context: worked out once per table. */
interface RowPlan {
  ctx: ParseContext;
  /** Cell readers by column index (field and yearly cost columns). */
  parsers: (CellParser | undefined)[];
  /**
   * Each field has at most one column and no column is per year: a field's value and cell are
   * then set once, by its column, and need no look at what an earlier column gave.
   */
  simple: boolean;
  /** Fields of the kind, in registry order, and those without a column. */
  fields: readonly FieldSpec[];
  absent: readonly FieldSpec[];
}

const plans = new WeakMap<Table, RowPlan>();

function planOf(table: Table, ctx: ParseContext): RowPlan {
  const known = plans.get(table);
  if (known && known.ctx === ctx) return known;
  const parsers = table.columns.map((column) => {
    if (column.role !== "field" && column.role !== "yearAmount") return undefined;
    const field = column.field as FieldSpec;
    // Each yearly cost cell is one amount; the field gathers them by year.
    const readAs: FieldSpec = column.role === "yearAmount" ? { ...field, type: "amount" } : field;
    return cellParser(readAs, { ...ctx, scale: column.scale });
  });
  const ids = table.columns.filter((c) => c.role === "field").map((c) => c.field?.id);
  const simple =
    new Set(ids).size === ids.length &&
    !table.columns.some((c) => c.role === "yearAmount" || c.role === "calendarYear");
  const fields = table.kind === "reference" ? referenceFields : KINDS[table.kind];
  const absent = fields.filter((f) => !ids.includes(f.id));
  const plan = { ctx, parsers, simple, fields, absent };
  plans.set(table, plan);
  return plan;
}

/** Every non-empty cell of a row as read, by header: a record's `raw`. */
function rawOf(table: Table, row: RawRow): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const column of table.columns) {
    const cell = row.cells[column.index];
    if (hasValue(cell)) raw[column.header || column.letter] = cellText(cell);
  }
  return raw;
}

/**
 * A row being read: its `raw` is worked out only if a problem quotes a cell or the row is
 * rejected, which spares most rows a map of every cell.
 */
class RowRecord implements RecordRow {
  file: string;
  sheet?: string;
  row: number;
  values: Record<string, unknown> = {};
  extras: Record<string, string> = {};
  meta: Record<string, string> = {};
  cells: Record<string, Column> = {};
  issues: Issue[] = [];
  private known: Record<string, string> | undefined;

  constructor(
    private readonly table: Table,
    private readonly source: RawRow,
  ) {
    this.file = table.file;
    if (table.sheet !== undefined) this.sheet = table.sheet;
    this.row = source.row;
  }

  get raw(): Record<string, string> {
    this.known ??= rawOf(this.table, this.source);
    return this.known;
  }
}

/** Reads one data row against its table: every cell typed or turned into a located issue. */
export function readRow(
  table: Table,
  row: RawRow,
  ctx: ParseContext,
  delimiter?: string,
): RecordRow {
  return readInto(new RowRecord(table, row), table, row, ctx, delimiter);
}

function readInto(
  record: RecordRow,
  table: Table,
  row: RawRow,
  ctx: ParseContext,
  delimiter: string | undefined,
): RecordRow {
  let problems = false;
  const at = (column: Column): Location => {
    const loc: Location = {
      file: table.file,
      row: row.row,
      column: column.letter,
      header: column.header,
    };
    if (table.sheet !== undefined) loc.sheet = table.sheet;
    return loc;
  };
  const years: number[] = [];
  let sawYearColumn = false;
  const yearAmounts: Record<string, number> = {};
  const plan = planOf(table, ctx);
  const { parsers, simple } = plan;
  for (const column of table.columns) {
    const cell = row.cells[column.index];
    const shown = cellText(cell);
    if (column.role === "blank") continue;
    if (column.role === "unknown") {
      if (hasValue(cell)) record.extras[column.header] = shown;
      continue;
    }
    if (column.role === "meta") {
      const t = tidy(shown);
      if (t !== "" && column.field && !(column.field.id in record.meta)) {
        record.meta[column.field.id] = t;
      }
      continue;
    }
    if (column.role === "calendarYear") {
      sawYearColumn = true;
      if (!hasValue(cell)) continue;
      const mark = foldWords(shown) || clean(shown);
      if (MARKED.has(mark)) years.push(column.year as number);
      else if (!UNMARKED.has(mark)) {
        record.issues.push(
          issue("type-error", at(column), {
            field: "calendrier",
            value: shown,
            params: {
              label: column.header,
              expected: "X (année prévue) ou une cellule vide",
              expected_en: "X (year planned) or an empty cell",
            },
          }),
        );
      }
      continue;
    }
    const field = column.field as FieldSpec;
    const parsed = (parsers[column.index] as CellParser)(cell);
    if (parsed.problem) {
      problems = true;
      const label = column.role === "yearAmount" ? { label: column.header } : labelParams(field);
      record.issues.push(
        issue(parsed.problem.code, at(column), {
          field: field.id,
          value: shown,
          params: { ...label, ...parsed.problem.params },
        }),
      );
      record.cells[field.id] ??= column;
      continue;
    }
    if (column.role === "yearAmount") {
      const year = column.year as number;
      if (parsed.value === null) continue;
      if (year < ctx.period.from || year > ctx.period.to) {
        record.issues.push(
          issue("calendar-out-of-period", at(column), {
            field: field.id,
            value: shown,
            params: { label: column.header, years: year, from: ctx.period.from, to: ctx.period.to },
          }),
        );
        continue;
      }
      yearAmounts[String(year)] = parsed.value as number;
      record.cells[field.id] ??= column;
      continue;
    }
    if (simple) {
      record.values[field.id] = parsed.value;
      record.cells[field.id] = column;
      continue;
    }
    const previous = record.values[field.id];
    if (previous !== undefined && previous !== null && parsed.value !== null) {
      if (JSON.stringify(previous) !== JSON.stringify(parsed.value)) {
        const first = record.cells[field.id];
        record.issues.push(
          issue("conflicting-columns", at(column), {
            field: field.id,
            value: first ? cellText(row.cells[first.index]) : "",
            params: { ...labelParams(field), other: shown },
          }),
        );
      }
      continue;
    }
    if (previous === undefined || previous === null) {
      record.values[field.id] = parsed.value;
      if (parsed.value !== null || !record.cells[field.id]) record.cells[field.id] = column;
    }
  }
  if (sawYearColumn && years.length > 0) {
    const fromText = (record.values.calendrier as number[] | null | undefined) ?? [];
    record.values.calendrier = [...new Set([...fromText, ...years])].sort((a, b) => a - b);
    const outside = years.filter((y) => y < ctx.period.from || y > ctx.period.to);
    if (outside.length > 0) {
      const column = table.columns.find(
        (c) => c.role === "calendarYear" && c.year === outside[0],
      ) as Column;
      record.issues.push(
        issue("calendar-out-of-period", at(column), {
          field: "calendrier",
          value: cellText(row.cells[column.index]),
          params: {
            ...labelParams(CALENDAR),
            years: outside.join(", "),
            from: ctx.period.from,
            to: ctx.period.to,
          },
        }),
      );
    }
  }
  if (Object.keys(yearAmounts).length > 0) record.values.cout_annuel = yearAmounts;
  // Registry order for the fields still missing; when every column gave its field a value, only
  // the fields without a column can be.
  for (const f of simple && !problems ? plan.absent : plan.fields) record.values[f.id] ??= null;
  // A CSV record longer than its header: the values are shifted, so the row cannot be trusted.
  const width = table.columns.length;
  const extra = row.cells.length > width ? row.cells.slice(width).filter(hasValue) : [];
  if (delimiter !== undefined && extra.length > 0) {
    const loc: Location = { file: table.file, row: row.row, column: columnLetter(width) };
    record.issues.push(
      issue("extra-cell", loc, {
        value: extra.map((c) => cellText(c)).join(delimiter),
        params: {
          count: row.cells.length - width,
          extra: extra.map((c) => `« ${cellText(c)} »`).join(", "),
          delimiter,
        },
      }),
    );
  }
  return record;
}

/**
 * Reads a key/value Identification sheet: the first column names a metadata field, the next
 * non-empty cell is its value. A date that cannot be read is an issue at its cell.
 */
export function readIdentification(
  sheet: RawSheet,
  file: string,
): { meta: Record<string, string>; issues: Issue[] } {
  const meta: Record<string, string> = {};
  const issues: Issue[] = [];
  const index = headerIndex("meta");
  for (const row of sheet.rows) {
    const [key, ...rest] = row.cells;
    if (!key || typeof key.v !== "string") continue;
    const field = index.get(headerKey(key.v.replace(/:\s*$/, "")));
    const at = rest.findIndex(hasValue);
    const valueCell = rest[at];
    if (!field || !valueCell || field.id in meta) continue;
    const parsed = parseCell(valueCell, field, {
      axes: [],
      period: { from: 0, to: 0 },
      synonyms: {},
      scale: 1,
    });
    if (parsed.problem) {
      const loc: Location = { file, row: row.row, column: columnLetter(at + 1), header: key.v };
      if (sheet.name !== undefined) loc.sheet = sheet.name;
      issues.push(
        issue(parsed.problem.code, loc, {
          field: field.id,
          value: cellText(valueCell),
          params: { ...labelParams(field), ...parsed.problem.params },
        }),
      );
      continue;
    }
    if (typeof parsed.value === "string") meta[field.id] = parsed.value;
  }
  return { meta, issues };
}

/** Kinds a sheet may hold, for detection. */
export const SUBMISSION_KINDS: readonly TableKind[] = KIND_NAMES;

/** The parse context of a kind under a configuration. */
export function contextFor(kind: TableKind, config: Config): ParseContext {
  return {
    axes: kind === "propositions" ? config.plan.axes : config.review.axes,
    period: { from: config.plan.from, to: config.plan.to },
    synonyms: config.synonyms,
    scale: 1,
  };
}
