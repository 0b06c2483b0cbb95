import { axesFor, type Config } from "../config.js";
import { type FieldSpec, KINDS, type TableKind, tableFields } from "../fields.js";
import { both } from "../i18n/index.js";
import { type Issue, issue, type Location, labelParams, type Params } from "../issues.js";
import type { RawRow, RawSheet } from "../read/types.js";
import { columnLetter } from "../sheet.js";
import { clean, foldWords } from "../text.js";
import {
  type Column,
  hasValue,
  headerIndex,
  headerKey,
  type RecordRow,
  type Table,
} from "./index.js";
import {
  type CellParser,
  cellParser,
  cellText,
  type ParseContext,
  type Parsed,
  parseCell,
} from "./values.js";

/**
 * Rows read against their table: every cell typed by its field's parser or turned into an issue
 * located at the cell; the Identification sheet read as key/value metadata.
 */

const CALENDAR = KINDS.propositions.find((f) => f.id === "calendrier") as FieldSpec;
const YEAR_MARK = both((t) => t.terms.expected.yearMark);
const MARKED = new Set(["x", "oui", "yes", "1", "✓", "✔", "v", "ok"]);
const UNMARKED = new Set(["non", "no", "0", "n"]);

/** How the rows of a table are read under one context: worked out once per table. */
interface RowPlan {
  ctx: ParseContext;
  /** Cell readers by column index (field, yearly cost and metadata columns). */
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
    if (column.role === "meta") return cellParser(column.field as FieldSpec, ctx);
    if (column.role !== "field" && column.role !== "yearAmount") return undefined;
    if (column.currencyMismatch)
      return foreignAmounts(column.field as FieldSpec, ctx, column.currencyMismatch);
    const field = column.field as FieldSpec;
    // Each yearly cost cell is one amount; the field gathers them by year.
    const readAs: FieldSpec = column.role === "yearAmount" ? { ...field, type: "amount" } : field;
    return cellParser(readAs, { ...ctx, scale: column.scale });
  });
  // Stryker disable next-line MethodExpression,OptionalChaining: ids of other columns are no table field's, and at most turn the shortcut off, which changes no record; a field column always has its field
  const ids = table.columns.filter((c) => c.role === "field").map((c) => c.field?.id);
  // Per-year columns never take the shortcut's branch, nor share a field with a field column.
  const simple = new Set(ids).size === ids.length;
  const fields = tableFields(table.kind);
  // Stryker disable next-line MethodExpression: setting every field's missing value to null gives the same record, the filter only spares the fields already set
  const absent = fields.filter((f) => !ids.includes(f.id));
  const plan = { ctx, parsers, simple, fields, absent };
  plans.set(table, plan);
  return plan;
}

/**
 * The reader of an amount column in another currency: an amount there is never taken for FCFA,
 * so the row that gives one is rejected with it, and keeps it among its raw values. A cell that
 * holds no value (an Excel error, a formula without its result, a text too long) says that first,
 * as in any other column.
 */
function foreignAmounts(field: FieldSpec, ctx: ParseContext, params: Params): CellParser {
  const mismatch: Parsed<unknown> = { problem: { code: "currency-mismatch", params } };
  const asText: FieldSpec = { ...field, type: "text" };
  return (cell) => {
    const read = parseCell(cell, asText, ctx);
    return read.problem !== undefined || read.value === null ? read : mismatch;
  };
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

/**
 * How a problem names its column: by the field's label, or by the header as written when the
 * header says more than the label (a year's cost; a unit that scales, another currency or an
 * unknown unit: `Budget prévu (M FCFA)`, `Budget prévu (USD)`, whose values are not FCFA as the
 * label `Budget prévu (FCFA)` would say).
 */
export function labelOf(column: Column, field: FieldSpec): Params {
  return column.role === "yearAmount" ||
    column.scale !== 1 ||
    column.currencyMismatch !== undefined ||
    column.unknownUnit !== undefined
    ? { label: column.header }
    : labelParams(field);
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
  // Stryker disable next-line BooleanLiteral: with a problem, every field's missing value is set to null, which gives the same record as the shortcut
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
      // Read as the Identification sheet reads it: a date that is no date is a problem here too.
      const field = column.field as FieldSpec;
      if (field.id in record.meta || !hasValue(cell)) continue;
      const parsed = (parsers[column.index] as CellParser)(cell);
      if (parsed.problem) {
        record.issues.push(
          issue(parsed.problem.code, at(column), {
            field: field.id,
            value: shown,
            params: { ...labelParams(field), ...parsed.problem.params },
          }),
        );
      } else if (typeof parsed.value === "string") {
        record.meta[field.id] = parsed.value;
      }
      continue;
    }
    if (column.role === "calendarYear") {
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
              expected: YEAR_MARK,
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
      const label = labelOf(column, field);
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
    if (parsed.warning) {
      const label = labelOf(column, field);
      record.issues.push(
        issue(parsed.warning.code, at(column), {
          field: field.id,
          value: shown,
          params: { ...label, ...parsed.warning.params },
        }),
      );
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
    // Stryker disable next-line BlockStatement: without the shortcut, the general case sets the same value and cell for a field's only column
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
            // Stryker disable next-line StringLiteral: a value set by an earlier column always has that column as its cell
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
  if (years.length > 0) {
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
): { meta: Record<string, string>; issues: Issue[]; cells: Record<string, Location> } {
  const meta: Record<string, string> = {};
  const issues: Issue[] = [];
  const cells: Record<string, Location> = {};
  const index = headerIndex("meta");
  for (const row of sheet.rows) {
    const [key, ...rest] = row.cells;
    if (!key || typeof key.v !== "string") continue;
    const field = index.get(headerKey(key.v.replace(/:\s*$/, "")));
    const at = rest.findIndex(hasValue);
    const valueCell = rest[at];
    if (!field || !valueCell || field.id in meta) continue;
    // Stryker disable ObjectLiteral,ArrayDeclaration: metadata fields are texts and dates, whose parsers read no context
    const parsed = parseCell(valueCell, field, {
      axes: [],
      period: { from: 0, to: 0 },
      synonyms: {},
      scale: 1,
    });
    // Stryker restore ObjectLiteral,ArrayDeclaration
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
    if (typeof parsed.value === "string") {
      meta[field.id] = parsed.value;
      const loc: Location = { file, row: row.row, column: columnLetter(at + 1), header: key.v };
      if (sheet.name !== undefined) loc.sheet = sheet.name;
      cells[field.id] = loc;
    }
  }
  return { meta, issues, cells };
}

/** The parse context of a kind under a configuration. */
export function contextFor(kind: TableKind, config: Config): ParseContext {
  return {
    axes: axesFor(kind, config),
    period: { from: config.plan.from, to: config.plan.to },
    synonyms: config.synonyms,
    scale: 1,
    currency: config.currency,
  };
}
