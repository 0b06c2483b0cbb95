import * as XLSX from "@e965/xlsx";
import { DEFAULT_LIMITS, type Limits } from "../config.js";
import { both } from "../i18n/index.js";
import type { Localized } from "../i18n/lang.js";
import { cellFormat, isElapsed } from "./number-format.js";
import { isOutputSheet } from "./outputs.js";
import {
  type Cell,
  hasContent,
  type RawFile,
  type RawRow,
  type RawSheet,
  refusedFile,
} from "./types.js";
import { cellParams, countOdsCells, countXlsCells, guardZip, OLE, reason } from "./zip.js";

/**
 * `.ods`, `.fods` (LibreOffice) and `.xls` (Excel 97-2003) through SheetJS, into the same raw
 * cells as the XLSX reader: every sheet with its visibility, only rows holding a value, numbered
 * as the sheet shows them; formula cells give their cached result; merged cells give the master's
 * value to every cell they cover in a row that exists; numbers formatted as dates become dates
 * (1900 or 1904 calendar), as percentages or in a currency say so. A file that cannot be read
 * comes back with one `file-unreadable` issue, never an exception.
 */
export async function readSheetJs(
  data: Buffer,
  path: string,
  format: "ods" | "xls" | "xlsx",
  limits: Pick<Limits, "maxInflatedMB" | "maxCells" | "maxRows"> = DEFAULT_LIMITS,
): Promise<RawFile> {
  const unreadable = (why: Localized) =>
    refusedFile(path, format, "file-unreadable", {
      reason: why,
      fix: both((t) => t.terms.fix.resave),
    });
  if (data.length === 0) return unreadable(reason((r) => r.empty));
  // SheetJS reads anything, plain text included: what the bytes are decides, not the name. An
  // OLE file is an .xls; a zip an .ods (an .xlsx goes to the XLSX reader, see `readInput`);
  // markup an .xls saved as HTML or XML 2003, or a .fods. Anything else is said to be no
  // workbook.
  const head = data.subarray(0, 4096).toString("latin1");
  const zipped = head.startsWith("PK");
  const ole = data.subarray(0, 4).equals(OLE);
  const opendocument = head.includes("office:document");
  const markup =
    /^\s*</.test(head.replace(/^\uFEFF|^ï»¿/, "")) && (format === "xls" || opendocument);
  if (!(ole || zipped || markup)) {
    return unreadable(reason((r) => (head.startsWith("%PDF-") ? r.pdf : r.notWorkbook)));
  }
  // Markup cut short (a .fods copied halfway) would be read as far as it goes, without a word.
  if (markup) {
    const root = /<(?![?!])([\w:.-]+)/.exec(head)?.[1];
    const tail = data.subarray(Math.max(0, data.length - 512)).toString("latin1");
    if (root && !new RegExp(`</${root.replace(/[.]/g, "\\.")}>\\s*$`).test(tail)) {
      return unreadable(reason((r) => r.damaged));
    }
  }
  // Cells are counted before SheetJS builds them: a .fods is an .ods's content in the clear, an
  // .xls's records are not compressed (a zip's cells are counted as it is checked, below).
  const cells = ole ? xlsCells(data) : markup && opendocument ? countOdsCells(data) : 0;
  if (cells > limits.maxCells) {
    return refusedFile(path, format, "too-many-cells", cellParams(cells, limits.maxCells));
  }
  // A zip's sizes are checked before anything is inflated, as an .xlsx's are.
  if (zipped) {
    const refused = guardZip(data, path, format, limits, unreadable);
    if (refused) return refused;
  }
  return readChecked(data, path, format, limits);
}

/**
 * The workbook read by SheetJS once it has passed the checks on what the bytes are and how much
 * they hold (`readSheetJs` for .ods, .fods and .xls, `readXlsx` for .xlsx).
 */
export async function readChecked(
  data: Buffer,
  path: string,
  format: "ods" | "xls" | "xlsx",
  limits: Pick<Limits, "maxRows" | "maxCells">,
  /** An .xlsx's hidden rows, by sheet in the workbook's order (see `readXlsx`). */
  xlsxHiddenRows: Set<number>[] = [],
): Promise<RawFile> {
  const zipped = data[0] === 0x50 && data[1] === 0x4b;
  const opendocument = data.subarray(0, 4096).toString("latin1").includes("office:document");
  let wb: XLSX.WorkBook;
  // SheetJS writes its doubts on number formats to the console; atelier prints nothing of its
  // own from the core, and the values are read all the same.
  const quiet = { error: console.error, warn: console.warn };
  console.error = () => {};
  console.warn = () => {};
  try {
    wb = XLSX.read(data, {
      type: "buffer",
      cellNF: true,
      // Styles are not read: SheetJS reads an .xlsx's hidden rows only with them, and then
      // throws and catches an error for every cell of a file without styles (forty seconds for
      // a million cells). `readXlsx` finds the hidden rows itself.
      cellStyles: false,
      // An .xlsx formula cell with no cached result is dropped unless stubs are kept; an
      // OpenDocument file would give a stub for every repeated empty cell to the sheet's end.
      sheetStubs: format === "xlsx",
      dense: true,
      // Enough rows past the limit for the limit to be said, never the whole of a huge sheet.
      sheetRows: limits.maxRows + 100,
    });
  } catch (e) {
    // Its message is the library's, in English: the rapporteur gets what the file seems to be.
    // An encrypted .xls says so to SheetJS; an encrypted .ods only in its manifest.
    const protectedFile =
      /password|encrypt/i.test(e instanceof Error ? e.message : String(e)) ||
      (zipped && (await zipEntry(data, "META-INF/manifest.xml")).includes("encryption-data"));
    return refusedFile(path, format, "file-unreadable", {
      reason: reason((r) => (protectedFile ? r.encrypted : r.damaged)),
      fix: both((t) => t.terms.fix.resave),
    });
  } finally {
    console.error = quiet.error;
    console.warn = quiet.warn;
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  // SheetJS leaves out what OpenDocument says of hidden sheets and rows: read from the file.
  const ods =
    opendocument || (zipped && data.includes("content.xml"))
      ? await odsVisibility(data)
      : undefined;
  // A merge gives its value to every cell it covers: a thousand merges over a whole .xls sheet
  // are billions of copies, refused before any is made (an .xlsx's were counted in its zip).
  let merged = 0;
  for (const key of wb.SheetNames) {
    for (const m of wb.Sheets[key]?.["!merges"] ?? []) {
      merged += (m.e.r - m.s.r + 1) * (m.e.c - m.s.c + 1);
    }
  }
  if (merged > limits.maxCells) {
    return refusedFile(path, format, "too-many-cells", cellParams(merged, limits.maxCells));
  }
  const sheets: RawSheet[] = wb.SheetNames.flatMap((key, i) => {
    // A chart sheet is no worksheet (SheetJS gives the cached series of its chart as cells).
    const ws = wb.Sheets[key];
    if (ws?.["!type"] === "chart") return [];
    // SheetJS leaves an OpenDocument sheet's name as the XML writes it (`d&apos;équipe`).
    const name = decode(key);
    const hidden = wb.Workbook?.Sheets?.[i]?.Hidden;
    const state =
      hidden === 1 || ods?.hiddenSheets.has(name)
        ? "hidden"
        : hidden === 2
          ? "veryHidden"
          : "visible";
    const rows = rowsOf(ws, date1904);
    const hiddenRows = ods?.hiddenRows.get(name) ?? xlsxHiddenRows[i];
    for (const r of rows) if (hiddenRows?.has(r.row)) r.hidden = true;
    return [{ name, state, rows }];
  });
  const raw: RawFile = { path, format, sheets, issues: [] };
  if (sheets.some((sheet) => isOutputSheet(sheet.rows))) raw.output = true;
  return raw;
}

function rowsOf(ws: XLSX.WorkSheet | undefined, date1904: boolean): RawRow[] {
  const data = (ws?.["!data"] ?? []) as (XLSX.CellObject | undefined)[][];
  const grid: (Cell | undefined)[][] = data.map((row) =>
    (row ?? []).map((c) => (c ? toCell(c, date1904) : undefined)),
  );
  // A row exists when it holds a value of its own; a merge's copies fill it, never make it.
  const own = grid.map((cells) => cells.some((c) => c !== undefined && hasContent(c)));
  for (const m of ws?.["!merges"] ?? []) {
    const master = grid[m.s.r]?.[m.s.c];
    if (!master) continue;
    // Copies go to rows that exist: a merge makes no row of its own.
    for (let r = m.s.r; r <= Math.min(m.e.r, grid.length - 1); r++) {
      const row = grid[r];
      if (!row || !own[r]) continue;
      for (let c = m.s.c; c <= m.e.c; c++) if (r !== m.s.r || c !== m.s.c) row[c] = master;
    }
  }
  const info = ws?.["!rows"] ?? [];
  const rows: RawRow[] = [];
  grid.forEach((cells, r) => {
    if (!own[r]) return;
    let width = cells.length;
    while (width > 0 && !(cells[width - 1] && hasContent(cells[width - 1] as Cell))) width--;
    const out: RawRow = { row: r + 1, cells: Array.from({ length: width }, (_, i) => cells[i]) };
    if (info[r]?.hidden) out.hidden = true;
    rows.push(out);
  });
  return rows;
}

const DAY = 86_400_000;

function toCell(c: XLSX.CellObject, date1904: boolean): Cell | undefined {
  switch (c.t) {
    case "s":
      if (c.v === "" || c.v === undefined) return undefined;
      // LibreOffice's own formula errors (Err:509, Err:522) come as text from an .ods.
      return /^Err:\d{3}$/.test(String(c.v)) ? { v: null, error: String(c.v) } : { v: String(c.v) };
    case "b":
      return { v: Boolean(c.v) };
    case "e":
      return { v: null, error: c.w ?? "#ERR" };
    case "d":
      return c.v instanceof Date ? { v: c.v } : undefined;
    case "n": {
      if (typeof c.v !== "number" || Number.isNaN(c.v)) {
        return c.f ? { v: null, formula: c.f } : undefined;
      }
      const z = typeof c.z === "string" ? c.z : undefined;
      if (z && XLSX.SSF.is_date(z) && !isElapsed(z)) {
        // The serial day counts from 30 December 1899 (1900 calendar) or 1 January 1904, in UTC
        // as the XLSX reader gives its dates.
        const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
        return { v: new Date(epoch + Math.round(c.v * DAY)) };
      }
      return { v: c.v, ...cellFormat(z) };
    }
    default:
      return c.f ? { v: null, formula: c.f } : undefined;
  }
}

/**
 * The sheets an OpenDocument file hides (a table whose style says `table:display="false"`) and
 * the rows it hides (`table:visibility="collapse"` or `"filter"`), by sheet name and row number.
 */
async function odsVisibility(data: Buffer) {
  // Unreadable, it is read as SheetJS read it: every sheet and row visible.
  const xml =
    data.subarray(0, 2).toString("latin1") === "PK"
      ? await zipEntry(data, "content.xml")
      : data.toString("utf8");
  const hiddenStyles = new Set<string>();
  for (const m of xml.matchAll(/<style:style\b([^>]*)>([\s\S]*?)<\/style:style>/g)) {
    const attrs = m[1] ?? "";
    const name = /style:name="([^"]+)"/.exec(attrs)?.[1];
    if (name && /style:family="table"/.test(attrs) && /table:display="false"/.test(m[2] ?? "")) {
      hiddenStyles.add(name);
    }
  }
  const hiddenSheets = new Set<string>();
  const hiddenRows = new Map<string, Set<number>>();
  const tables = xml.split(/<table:table\b(?=[^-])/).slice(1);
  for (const table of tables) {
    const head = table.slice(0, table.indexOf(">"));
    const name = decode(/table:name="([^"]*)"/.exec(head)?.[1] ?? "");
    const style = /table:style-name="([^"]*)"/.exec(head)?.[1];
    if (style && hiddenStyles.has(style)) hiddenSheets.add(name);
    const rows = new Set<number>();
    let row = 1;
    for (const m of table.matchAll(/<table:table-row(?=[\s>/])([^>]*)>/g)) {
      const attrs = m[1] ?? "";
      const repeated = Number(/table:number-rows-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1);
      if (/table:visibility="(collapse|filter)"/.test(attrs)) {
        // A hidden block repeated to the sheet's end holds no row that matters.
        for (let k = 0; k < Math.min(repeated, 10_000); k++) rows.add(row + k);
      }
      row += repeated;
    }
    if (rows.size > 0) hiddenRows.set(name, rows);
  }
  return { hiddenSheets, hiddenRows };
}

/** The cells of an .xls's workbook stream; 0 when the container cannot be read (SheetJS says). */
function xlsCells(data: Buffer): number {
  try {
    const cfb = XLSX.CFB.read(data, { type: "buffer" });
    const stream = XLSX.CFB.find(cfb, "Workbook") ?? XLSX.CFB.find(cfb, "Book");
    return stream?.content ? countXlsCells(stream.content as Uint8Array) : 0;
  } catch {
    return 0;
  }
}

/** One entry of a zip as text; empty when the zip or the entry cannot be read. */
async function zipEntry(data: Buffer, name: string): Promise<string> {
  try {
    const { default: JSZip } = await import("jszip");
    return (await (await JSZip.loadAsync(data)).file(name)?.async("string")) ?? "";
  } catch {
    return "";
  }
}

function decode(text: string): string {
  return text
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
