import ExcelJS from "exceljs";
import JSZip from "jszip";
import { DEFAULT_LIMITS, type Limits } from "../config.js";
import { both } from "../i18n/index.js";
import type { Localized } from "../i18n/lang.js";
import { OUTPUT_CATEGORY } from "../model.js";
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
import { guardZip, reason } from "./zip.js";

/** The fix of a workbook whose content cannot be read. */
const RESAVE = both((t) => t.terms.fix.resave);

/**
 * XLSX through exceljs. Every worksheet is read (chart sheets are not worksheets and are left out
 * by exceljs), with its visibility; only rows holding a value are kept, numbered as the sheet
 * shows them. Formula cells give their cached result, merged cells give the master's value to
 * every cell they cover. A file that cannot be read is never an exception: it comes back with no
 * sheet and one `file-unreadable` issue whose reason says what the file really is.
 *
 * exceljs is strict about some things that real files do (namespace prefixes, `\` in zip paths,
 * inline strings with a `<v>`, ISO dates); those parts are patched before exceljs sees them.
 */
export async function readXlsx(
  data: Buffer,
  path: string,
  limits: Pick<Limits, "maxInflatedMB" | "maxCells" | "maxRows"> = DEFAULT_LIMITS,
): Promise<RawFile> {
  const unreadable = (why: Localized) =>
    refusedFile(path, "xlsx", "file-unreadable", { reason: why, fix: RESAVE });

  const notZip = sniff(data);
  if (notZip) return unreadable(notZip);
  // Before any zip library inflates anything: declared sizes, sizes that lie, cells.
  const refused = guardZip(data, path, "xlsx", limits, unreadable);
  if (refused) return refused;

  let parts: Map<string, Part>;
  try {
    parts = await readParts(data);
  } catch {
    return unreadable(reason((r) => r.zipDamaged));
  }
  // No workbook needs a DTD; one that declares entities is refused before any XML parser sees it.
  for (const [name, part] of parts) {
    if (part.xml !== undefined && /<!DOCTYPE/i.test(part.xml)) {
      return unreadable(reason((r) => r.doctype(name)));
    }
  }
  const missing = missingPart(parts);
  if (missing) return unreadable(missing);

  let wb: ExcelJS.Workbook;
  try {
    wb = await load(data, parts);
  } catch (e) {
    // exceljs trips on some valid files (cell notes as openpyxl writes them, a workbook without
    // `docProps/app.xml`): SheetJS reads those. A file whose XML is broken is not valid, and
    // SheetJS would read what it could of it without a word: that one is unreadable.
    const broken = [...parts.values()].some((p) => p.xml !== undefined && !wellFormed(p.xml));
    if (!broken) {
      const other = await (await import("./sheetjs.js")).readSheetJs(data, path, "xlsx", limits);
      if (other.issues.length === 0 && other.sheets.length > 0) return other;
    }
    return unreadable(explain(e, parts));
  }

  const sheets: RawSheet[] = [];
  for (const ws of wb.worksheets) {
    let rows: RawRow[];
    try {
      rows = readRows(ws, wb.properties.date1904 === true);
    } catch (e) {
      // Not met in the corpus; exceljs getters (shared formulas, styles) are the only risk.
      return unreadable(reason((r) => r.sheet(ws.name, messageOf(e))));
    }
    const state = ws.state === "hidden" || ws.state === "veryHidden" ? ws.state : "visible";
    sheets.push({ name: ws.name, state, rows });
  }
  const raw: RawFile = { path, format: "xlsx", sheets, issues: [] };
  // atelier's results: marked in their properties, or known by their columns once another
  // program saved them (a copy of bilan.csv converted by LibreOffice has no such mark).
  const core = parts.get("docProps/core.xml")?.xml ?? "";
  const marked = new RegExp(`<(?:\\w+:)?category>\\s*${OUTPUT_CATEGORY}\\s*<`).test(core);
  if (marked || sheets.some((sheet) => isOutputSheet(sheet.rows))) raw.output = true;
  return raw;
}

// --- cells -------------------------------------------------------------------------------------

function readRows(ws: ExcelJS.Worksheet, date1904: boolean): RawRow[] {
  const rows: RawRow[] = [];
  // eachRow visits only the rows exceljs holds (never the declared dimension, which can be
  // A1:XFD1048576), and eachCell skips styled empty cells.
  ws.eachRow((row, rowNumber) => {
    const cells: (Cell | undefined)[] = [];
    let width = 0;
    let own = false;
    row.eachCell((cell, col) => {
      // exceljs materialises every cell a merge covers as a `Merge` cell pointing to its master,
      // creating rows that the file does not hold. Copies fill a row but do not make it exist:
      // a title merged over A1:E3 must not invent rows 2 and 3.
      const copy = cell.type === ExcelJS.ValueType.Merge;
      // An unstyled `<c/>` is also typed Merge, with no master.
      const source = copy ? (cell.master as ExcelJS.Cell | undefined) : cell;
      const value = source && toCell(source, date1904);
      if (!value) return;
      cells[col - 1] = value;
      if (hasContent(value)) {
        width = col;
        if (!copy) own = true;
      }
    });
    if (!own) return;
    const out: RawRow = {
      row: rowNumber,
      cells: Array.from({ length: width }, (_, i) => cells[i]),
    };
    if (row.hidden) out.hidden = true;
    rows.push(out);
  });
  return rows;
}

/** The cell as atelier sees it, or `undefined` when it is empty. */
function toCell(cell: ExcelJS.Cell, date1904: boolean): Cell | undefined {
  const value = cell.value;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    if ("formula" in value || "sharedFormula" in value) {
      // `cell.result`, not `value.result`: exceljs leaves a result of 0 or false out of the value.
      const result = cell.result;
      // A formula written by a generator that did not compute it: no cached value to read.
      if (result === undefined || result === null) return { v: null, formula: cell.formula ?? "" };
      return fromValue(result, cell.numFmt, date1904);
    }
  }
  return fromValue(value, cell.numFmt, date1904);
}

function fromValue(
  value: unknown,
  numFmt: string | undefined,
  date1904: boolean,
): Cell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number") {
    if (Number.isNaN(value)) return undefined;
    return { v: value, ...cellFormat(numFmt) };
  }
  if (typeof value === "boolean") return { v: value };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    // exceljs made a date of an elapsed time: back to its count of days, as the file holds it.
    if (isElapsed(numFmt))
      return { v: value.getTime() / 86_400_000 + (date1904 ? 24_107 : 25_569) };
    return { v: value };
  }
  if (typeof value === "string") return value === "" ? undefined : { v: unescapeXlsx(value) };
  if (typeof value === "object") {
    if ("error" in value) return { v: null, error: String(value.error) };
    // Rich text, and hyperlinks whose text may itself be rich text.
    const text = textOf(value);
    return text === "" ? undefined : { v: unescapeXlsx(text) };
  }
  return undefined;
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || typeof value !== "object") return "";
  if ("richText" in value && Array.isArray(value.richText)) {
    return value.richText.map((run: { text?: unknown }) => textOf(run.text)).join("");
  }
  if ("text" in value) return textOf(value.text);
  return ""; // `<si/>`, or a hyperlink on an empty cell
}

/**
 * `_x000D_` is how OOXML escapes characters XML cannot hold. exceljs decodes it in shared strings
 * and rich text, not in inline strings or formula results; a second pass only matters for text
 * that literally contains `_x005F_x…_`, which nobody types.
 */
function unescapeXlsx(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

// --- container ---------------------------------------------------------------------------------

/** What the bytes are when they cannot be an xlsx (a zip), or `undefined` when they may be. */
function sniff(data: Buffer): Localized | undefined {
  if (data.length === 0) return reason((r) => r.empty);
  if (data[0] === 0x50 && data[1] === 0x4b) return undefined; // "PK"
  if (data.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    // An OLE compound file: Excel stores an encrypted xlsx in one, and legacy .xls is one.
    // Stream names are UTF-16LE in the directory.
    if (data.includes(Buffer.from("EncryptedPackage", "utf16le"))) {
      return reason((r) => r.encrypted);
    }
    if (
      data.includes(Buffer.from("Workbook", "utf16le")) ||
      data.includes(Buffer.from("Book", "utf16le"))
    ) {
      return reason((r) => r.xlsRenamed);
    }
    return reason((r) => r.ole);
  }
  if (data.subarray(0, 5).toString("latin1") === "%PDF-") return reason((r) => r.pdf);
  // UTF-16 text (a CSV saved as "Unicode text") has a BOM; anything else is read as UTF-8.
  const utf16 = data[0] === 0xff && data[1] === 0xfe ? "utf-16le" : undefined;
  const encoding = data[0] === 0xfe && data[1] === 0xff ? "utf-16be" : (utf16 ?? "utf-8");
  const head = new TextDecoder(encoding).decode(data.subarray(0, 4096)).replace(/^\uFEFF/, "");
  if (/^\s*<(!doctype html|html)/i.test(head)) return reason((r) => r.html);
  if (/^\s*<\?xml/.test(head)) {
    return /urn:schemas-microsoft-com:office:spreadsheet/.test(head)
      ? reason((r) => r.spreadsheetMl)
      : reason((r) => r.xml);
  }
  if (isText(head)) {
    return looksLikeCsv(head) ? reason((r) => r.csvRenamed) : reason((r) => r.text);
  }
  return reason((r) => r.notZip);
}

/** No control character but tab and line breaks: text, in whatever 8-bit encoding. */
function isText(head: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: binary bytes are what we look for
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(head);
}

/** Most of the first lines split by `,` `;` tab or `|` (a `#` comment line may come first). */
function looksLikeCsv(head: string): boolean {
  const lines = head
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== "")
    .slice(0, 5);
  return lines.filter((l) => /[,;\t|]/.test(l)).length * 2 > lines.length;
}

interface Part {
  /** The entry as stored (the zip may use `\` where OOXML wants `/`). */
  entry: JSZip.JSZipObject;
  /** XML text, for `.xml` and `.rels` parts. */
  xml?: string;
  /** The name or the text had to be fixed for exceljs. */
  patched: boolean;
}

/** The zip's parts by their OOXML name, XML ones decoded and patched for exceljs. */
async function readParts(data: Buffer): Promise<Map<string, Part>> {
  const zip = await JSZip.loadAsync(data);
  const parts = new Map<string, Part>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const name = entry.name.replace(/\\/g, "/").replace(/^\/+/, "");
    const part: Part = { entry, patched: name !== entry.name };
    if (/\.(xml|rels)$/i.test(name)) {
      const raw = await entry.async("string");
      part.xml = patchXml(raw, name);
      if (part.xml !== raw) part.patched = true;
    }
    parts.set(name, part);
  }
  return parts;
}

/**
 * Rewrites what valid files hold and exceljs misreads. Each fix is guarded by a cheap test, so a
 * file that needs none is passed to exceljs untouched.
 */
function patchXml(xml: string, name: string): string {
  let out = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  // `<x:worksheet xmlns:x="…/main">` (.NET writers, openpyxl's `ns0:Relationships`): exceljs
  // matches tag names, not namespaces, so a prefixed root is not recognised (sheets vanish or it
  // throws). Only the namespaces it expects unprefixed: core.xml must keep its `cp:` and `dc:`.
  const prefix = /^\s*(?:<\?[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*):/.exec(
    out,
  )?.[1];
  if (prefix) {
    const uri = new RegExp(`\\sxmlns:${prefix}="([^"]*)"`).exec(out)?.[1] ?? "";
    if (/spreadsheetml\/(2006\/)?main$|package\/2006\/(relationships|content-types)$/.test(uri)) {
      out = out.replaceAll(`<${prefix}:`, "<").replaceAll(`</${prefix}:`, "</");
    }
  }
  if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
    // An inline string with a stray `<v>` (calamine issue): exceljs concatenates the two, or
    // throws when the `<v>` comes first. The `<is>` text is the value.
    if (out.includes('t="inlineStr"') && out.includes("<v>")) {
      out = out.replace(/<c\b[^>]*\bt="inlineStr"[^>]*(?<!\/)>[\s\S]*?<\/c>/g, (c) =>
        c.replace(/<v>[^<]*<\/v>/g, ""),
      );
    }
    // `t="d"` holds an ISO 8601 date that exceljs would parseFloat into its year (2021-07-06 →
    // 2021). As a string (`t="str"`) it reaches the date parser intact.
    if (out.includes('t="d"')) {
      out = out.replace(/(<c\b[^>]*\bt=")d("[^>]*>)/g, "$1str$2");
    }
  }
  // LibreOffice writes the 1904 calendar as `date1904="true"`; exceljs reads only `"1"`, and
  // would date every cell four years and a day early.
  if (name === "xl/workbook.xml" && /date1904="true"/.test(out)) {
    out = out.replace(/date1904="true"/, 'date1904="1"');
  }
  return out;
}

/** A part that exceljs needs and the zip lacks, or other xlsx look-alikes. */
function missingPart(parts: Map<string, Part>): Localized | undefined {
  if (!parts.has("xl/workbook.xml")) {
    if (parts.has("mimetype") && parts.has("content.xml")) {
      return reason((r) => r.odsRenamed);
    }
    if (parts.has("word/document.xml")) return reason((r) => r.word);
    if (parts.has("ppt/presentation.xml")) return reason((r) => r.powerpoint);
    if (parts.has("xl/workbook.bin")) {
      return reason((r) => r.xlsb);
    }
    if (![...parts.keys()].some((name) => name.startsWith("xl/"))) {
      return reason((r) => r.noWorkbook);
    }
    return reason((r) => r.missingPart("xl/workbook.xml"));
  }
  // exceljs silently drops a worksheet whose part is absent or not named `sheetN.xml`.
  const rels = parts.get("xl/_rels/workbook.xml.rels")?.xml ?? "";
  for (const rel of rels.match(/<Relationship\b[^>]*>/g) ?? []) {
    if (!/\bType="[^"]*\/worksheet"/.test(rel)) continue;
    const target = /\bTarget="([^"]*)"/.exec(rel)?.[1];
    if (!target) continue;
    const part = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    if (!parts.has(part)) return reason((r) => r.missingPart(part));
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(part)) {
      return reason((r) => r.oddSheetPart(part));
    }
  }
  return undefined;
}

/**
 * The file as is when it needed no patch; otherwise, or when exceljs fails on it, a new zip with
 * the fixed names and texts and without `docProps/`: document properties are of no use here and
 * exceljs throws on any element it does not expect there (`<lastModifiedBy>` without `cp:`).
 */
async function load(data: Buffer, parts: Map<string, Part>): Promise<ExcelJS.Workbook> {
  if (![...parts.values()].some((p) => p.patched)) {
    try {
      // exceljs declares its own `Buffer` (an ArrayBuffer); it takes a Node Buffer at run time.
      return await new ExcelJS.Workbook().xlsx.load(data as unknown as ExcelJS.Buffer);
    } catch {
      // retried below without the metadata; a real fault fails there too
    }
  }
  const zip = new JSZip();
  for (const [name, part] of parts) {
    if (name.startsWith("docProps/")) continue;
    zip.file(name, part.xml ?? (await part.entry.async("uint8array")));
  }
  // Stored, not compressed: it is read once, at once.
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
  return new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer);
}

/** A short reason for an exceljs failure. */
function explain(e: unknown, parts: Map<string, Part>): Localized {
  // exceljs does not say which part failed: saxes errors read `line:column: message`, and a
  // truncated part is no error at all until a later step trips on what is missing.
  for (const [name, part] of parts) {
    if (part.xml !== undefined && !wellFormed(part.xml)) return reason((r) => r.badXmlIn(name));
  }
  const message = messageOf(e);
  if (/^\d+:\d+: /.test(message)) return reason((r) => r.badXml(message));
  // The library's own words (`Cannot read properties of undefined`) tell a rapporteur nothing.
  return reason((r) => r.structure);
}

function messageOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 120);
}

/** A light check: one root element, tags balanced, no text outside the root. */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  let seenRoot = false;
  let last = 0;
  const token =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>|<(\/?)([^\s/>]+)[^>]*?(\/?)>/g;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    if (stack.length === 0 && xml.slice(last, m.index).trim() !== "") return false;
    last = token.lastIndex;
    const [, close, tag, selfClosing] = m;
    if (tag === undefined) continue;
    if (close) {
      if (stack.pop() !== tag) return false;
    } else if (!selfClosing) {
      if (stack.length === 0 && seenRoot) return false;
      stack.push(tag);
      seenRoot = true;
    } else if (stack.length === 0) {
      if (seenRoot) return false;
      seenRoot = true;
    }
  }
  return seenRoot && stack.length === 0 && xml.slice(last).trim() === "";
}
