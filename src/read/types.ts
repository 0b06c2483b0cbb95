import { type Issue, type IssueCode, issue, type Params } from "../issues.js";

/** A cell as the file holds it: CSV gives strings; XLSX gives numbers, booleans and dates too. */
export type CellValue = string | number | boolean | Date | null;

export interface Cell {
  v: CellValue;
  /** Excel error value (`#N/A`, `#DIV/0!`): the cell is an error, `v` is null. */
  error?: string;
  /** The numeric cell is formatted as a percentage, so 0.45 means 45 %. */
  percent?: boolean;
  /**
   * The numeric cell's number format names a currency (`"$"#,##0.00`, `#,##0.00 [$€-40C]`,
   * `# ##0 "FCFA"`): its code (`USD`, `EUR`, `XOF`), or the symbol as written when atelier does
   * not know it. Amounts in another currency than the configured one are refused at the cell.
   */
  currency?: string;
  /** A formula with no cached result in the file; `v` is null. */
  formula?: string;
  /** The text was longer than the cell limit: its length before it was cut. */
  tooLong?: number;
}

/** A cell holding something: whitespace-only text counts as empty, in every reader. */
export function hasContent(c: Cell): boolean {
  return c.v === null || typeof c.v !== "string" || c.v.trim() !== "";
}

export interface RawRow {
  /** Row number as the spreadsheet shows it (1-based); for CSV, the line where the record starts. */
  row: number;
  /** Cells by column index: 0 is column A. Sparse rows may be shorter than the header. */
  cells: (Cell | undefined)[];
  /** The row is hidden in the workbook. */
  hidden?: boolean;
}

export interface RawSheet {
  /** Sheet name; `undefined` for CSV. */
  name?: string;
  /** Visibility in the workbook; CSV is always visible. */
  state: "visible" | "hidden" | "veryHidden";
  /** Non-empty rows only, in order; trailing empty rows and columns are never included. */
  rows: RawRow[];
}

export interface RawFile {
  /** Path as shown to the user (relative to the workshop folder, `/` separators). */
  path: string;
  format: "csv" | "xlsx" | "xls" | "ods";
  sheets: RawSheet[];
  /** Problems met while reading (encoding fallback, unreadable parts), already located. */
  issues: Issue[];
  /** A workbook of results atelier wrote (its category says so): never a submission. */
  output?: true;
  /** CSV only: the encoding and delimiter that were used. */
  encoding?: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
  delimiter?: string;
}

/** A file that gave nothing to read, with the one problem that says why. */
export function refusedFile(
  path: string,
  format: RawFile["format"],
  code: IssueCode,
  params: Params,
): RawFile {
  return { path, format, sheets: [], issues: [issue(code, { file: path }, { params })] };
}
