import {
  type FieldSpec,
  KIND_NAMES,
  KIND_SHEET_HINTS,
  KINDS,
  metadataFields,
  type TableKind,
  tableFields,
} from "../fields.js";
import { type Issue, issue, type Location, labelParams } from "../issues.js";
import type { Cell, RawRow, RawSheet } from "../read/types.js";
import { columnLetter } from "../sheet.js";
import { clean, closest, fold, foldWords } from "../text.js";
import { cellText } from "./values.js";

/**
 * Normalisation: raw cells become typed rows. This file finds the header row and the kind of
 * each sheet and maps headers to field ids; `row.ts` reads each row, `values.ts` each cell.
 */

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
export function headerIndex(kind: TableKind | "meta"): Map<string, FieldSpec> {
  let index = indexCache.get(kind);
  if (!index) {
    index = new Map();
    const fields = kind === "meta" ? metadataFields : tableFields(kind);
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

const YEAR_AMOUNTS = KINDS.propositions.find((f) => f.type === "yearAmounts") as FieldSpec;

/**
 * A yearly cost header (`Coût 2024 (FCFA)`, `Budget année 2025`): the first word of one of the
 * field's labels, `année` if written, then the year.
 */
const YEAR_AMOUNT = (() => {
  const words = labelsOf(YEAR_AMOUNTS).map((l) => headerKey(l.replace("{year}", "")).split(" ")[0]);
  return new RegExp(`^(?:${[...new Set(words)].join("|")})\\s+(?:annee\\s+)?(\\d{4})$`);
})();

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
    if (ya) return { role: "yearAmount", year: Number(ya[1]), field: YEAR_AMOUNTS, scale };
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
      const hints = KIND_SHEET_HINTS[kind] ?? [];
      if (hints.some((h) => hint.includes(foldWords(h)))) s += 0.5;
      if (!best || s > best.score) best = { kind, headerIndex: i, score: s };
    }
  }
  return best && { kind: best.kind, headerIndex: best.headerIndex };
}

/** The field whose labels come closest to an unknown header. */
function suggestHeader(header: string, kind: TableKind): FieldSpec | undefined {
  const fields = tableFields(kind);
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
          params: suggestion ? { suggestion: { fr: suggestion.fr, en: suggestion.en } } : {},
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
  const fields = tableFields(kind);
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

export function hasValue(cell: Cell | undefined): boolean {
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

/** Kinds a sheet may hold, for detection. */
export const SUBMISSION_KINDS: readonly TableKind[] = KIND_NAMES;
