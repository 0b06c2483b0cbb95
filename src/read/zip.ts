import { inflateRawSync } from "node:zlib";
import type { Limits } from "../config.js";
import { formatNumber } from "../i18n/format.js";
import { both, type Catalogue } from "../i18n/index.js";
import type { Localized } from "../i18n/lang.js";
import type { Params } from "../issues.js";
import { columnNumber } from "../sheet.js";
import { type RawFile, refusedFile } from "./types.js";

/** Which reason, in the catalogue's words, a file is refused for. */
export type Why = (reasons: Catalogue["terms"]["reasons"]) => string;

/** That reason in both languages. */
export function reason(why: Why): Localized {
  return both((t) => why(t.terms.reasons));
}

/**
 * A guard run before any zip library touches a workbook: the central directory is read by hand,
 * the declared sizes are summed and refused past the limit, and every entry is then inflated
 * with a ceiling equal to its declared size, so that a zip that lies about its sizes cannot
 * inflate past what was accepted. The sheets' cells are counted as they come out, so that a
 * small file that would unfold into millions of cells is refused before a reader builds them.
 * Returns the reason to refuse, or `undefined`.
 */

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes, in bytes. */
  inflated: number;
  /** Cells of all sheets together (`countCells`). */
  cells: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Why the archive is refused: past the size limit (with the declared total), or broken. */
export type ZipRefusal =
  | { tooLarge: number; cells?: undefined; reason?: undefined }
  | { tooLarge?: undefined; cells: number; reason?: undefined }
  | { tooLarge?: undefined; cells?: undefined; reason: Localized };

/**
 * `checkZip` with the workbook's limits: the file refused with the limit's own issue, or as
 * unreadable with the reason; `undefined` when it may be read.
 */
export function guardZip(
  data: Buffer,
  path: string,
  format: RawFile["format"],
  limits: Pick<Limits, "maxInflatedMB" | "maxCells">,
  unreadable: (why: Localized) => RawFile,
): RawFile | undefined {
  const zip = checkZip(data, { inflated: limits.maxInflatedMB * 1e6, cells: limits.maxCells });
  if (zip?.tooLarge !== undefined) {
    return refusedFile(path, format, "inflated-too-large", {
      size: Math.round(zip.tooLarge / 1e6),
      limit: limits.maxInflatedMB,
    });
  }
  if (zip?.cells !== undefined) {
    return refusedFile(path, format, "too-many-cells", cellParams(zip.cells, limits.maxCells));
  }
  return zip && unreadable(zip.reason);
}

/** The first bytes of an Office 97-2003 compound file: an .xls, or an encrypted .xlsx. */
export const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** The params of `too-many-cells`: counts as each language writes them (1 000 000, 1,000,000). */
export function cellParams(count: number, limit: number): Params {
  const written = (n: number) => ({ fr: formatNumber(n, "fr"), en: formatNumber(n, "en") });
  return { count: written(count), limit: written(limit) };
}

export function checkZip(data: Buffer, limits: ZipLimits): ZipRefusal | undefined {
  const broken = (why: Why): ZipRefusal => ({ reason: reason(why) });
  // The end-of-central-directory record sits in the last 64 KiB (it may carry a comment).
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return broken((r) => r.zipDamaged);
  const count = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  const offset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) return broken((r) => r.zip64);
  if (offset + size > data.length) return broken((r) => r.zipDamaged);
  const entries: {
    name: string;
    method: number;
    compressed: number;
    declared: number;
    local: number;
  }[] = [];
  let total = 0;
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL)
      return broken((r) => r.zipDamaged);
    const method = data.readUInt16LE(p + 10);
    const compressed = data.readUInt32LE(p + 20);
    const declared = data.readUInt32LE(p + 24);
    const nameLength = data.readUInt16LE(p + 28);
    const extraLength = data.readUInt16LE(p + 30);
    const commentLength = data.readUInt16LE(p + 32);
    const local = data.readUInt32LE(p + 42);
    if (declared === 0xffffffff || compressed === 0xffffffff) {
      return broken((r) => r.zip64);
    }
    total += declared;
    if (total > limits.inflated) return { tooLarge: total };
    // As the workbook's parts are named (some writers use `\` or a leading `/`).
    const name = data
      .toString("utf8", p + 46, p + 46 + nameLength)
      .replace(/\\/g, "/")
      .replace(/^\/+/, "");
    entries.push({ name, method, compressed, declared, local });
    p += 46 + nameLength + extraLength + commentLength;
  }
  let cells = 0;
  for (const e of entries) {
    if (e.local + 30 > data.length || data.readUInt32LE(e.local) !== LOCAL) {
      return broken((r) => r.zipDamaged);
    }
    const start = e.local + 30 + data.readUInt16LE(e.local + 26) + data.readUInt16LE(e.local + 28);
    const body = data.subarray(start, start + e.compressed);
    if (body.length < e.compressed) return broken((r) => r.zipDamaged);
    let out: Buffer;
    if (e.method === 0) {
      if (e.compressed !== e.declared) return broken((r) => r.zipSizes);
      out = body;
    } else if (e.method !== 8) {
      return broken((r) => r.zipMethod(e.method));
    } else {
      try {
        // One byte of room: more output than declared means the sizes lie.
        out = inflateRawSync(body, { maxOutputLength: e.declared + 1 });
        if (out.length !== e.declared) return broken((r) => r.zipSizes);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        return broken(code === "ERR_BUFFER_TOO_LARGE" ? (r) => r.zipBomb : (r) => r.zipDamaged);
      }
    }
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) cells += countCells(out);
    // Styles are cells' formats, each built into a table the reader keeps: a million of them
    // weigh as much as a million cells.
    else if (/^xl\/styles\.xml$/i.test(e.name)) cells += occurrences(out, "<numFmt ");
    else if (e.name === "content.xml") cells += countOdsCells(out);
    if (cells > limits.cells) return { cells };
  }
  return undefined;
}

/**
 * The cells a SpreadsheetML sheet makes a reader build: each `<c>` element, and every cell a
 * merge covers (a reader fills them all; one `<mergeCell ref="A1:XFD1048576"/>` is 17 billion).
 */
export function countCells(xml: Buffer): number {
  // A prefixed sheet (`<x:worksheet>`) prefixes its cells too.
  const prefix = /<(\w+:)?worksheet\b/.exec(xml.toString("latin1", 0, 4096))?.[1] ?? "";
  const open = Buffer.from(`<${prefix}c`);
  let count = 0;
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at + open.length)) {
    const next = xml[at + open.length];
    // `<c ` or `<c>` or `<c/>`, not `<cols>` nor `<cfRule>`.
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a) count++;
  }
  const merge = Buffer.from(`<${prefix}mergeCell `);
  for (let at = xml.indexOf(merge); at >= 0; at = xml.indexOf(merge, at + merge.length)) {
    const ref = /ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/.exec(xml.toString("latin1", at, at + 200));
    if (!ref) continue;
    const rows = Number(ref[4]) - Number(ref[2]) + 1;
    const columns = columnNumber(ref[3] as string) - columnNumber(ref[1] as string) + 1;
    if (rows > 0 && columns > 0) count += rows * columns;
  }
  return count;
}

/**
 * The cells of an Excel 97-2003 workbook stream (BIFF8), from its records: one per cell record,
 * as many as a MULRK or MULBLANK holds, and every cell a merge covers. The stream is not
 * compressed, but a few megabytes of it still make millions of cells.
 */
export function countXlsCells(stream: Uint8Array): number {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  let count = 0;
  for (let at = 0; at + 4 <= stream.length; ) {
    const type = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    const body = at + 4;
    if (CELL_RECORDS.has(type)) count++;
    else if (type === 0x00bd)
      count += Math.max(0, Math.floor((length - 6) / 6)); // MULRK
    else if (type === 0x00be)
      count += Math.max(0, Math.floor((length - 6) / 2)); // MULBLANK
    else if (type === 0x00e5 && body + 2 <= stream.length) {
      // MERGEDCELLS: a count, then first and last row, first and last column of each.
      const merges = view.getUint16(body, true);
      for (let k = 0; k < merges && body + 2 + k * 8 + 8 <= stream.length; k++) {
        const m = body + 2 + k * 8;
        const rows = view.getUint16(m + 2, true) - view.getUint16(m, true) + 1;
        const columns = view.getUint16(m + 6, true) - view.getUint16(m + 4, true) + 1;
        if (rows > 0 && columns > 0) count += rows * columns;
      }
    }
    at = body + length;
  }
  return count;
}

/** NUMBER, RK, LABELSST, LABEL, RSTRING, FORMULA, BOOLERR, BLANK. */
const CELL_RECORDS = new Set([0x0203, 0x027e, 0x00fd, 0x0204, 0x00d6, 0x0006, 0x0205, 0x0201]);

function occurrences(xml: Buffer, text: string): number {
  const needle = Buffer.from(text);
  let count = 0;
  for (let at = xml.indexOf(needle); at >= 0; at = xml.indexOf(needle, at + needle.length)) {
    count++;
  }
  return count;
}

/**
 * The cells holding a value in an OpenDocument spreadsheet (`content.xml`, or a whole `.fods`),
 * repetitions unfolded: one `<table:table-cell table:number-columns-repeated="16384">` with a
 * value in a row repeated a million times is what a reader builds, 17 billion cells in a few
 * bytes. Repeated empty cells and rows, which every file writes to the sheet's end, count nothing;
 * the cells a merged cell spans (`number-columns-spanned`, `number-rows-spanned`) all count.
 */
export function countOdsCells(xml: Buffer): number {
  const tag = /<table:(table-row|table-cell|covered-table-cell)(?=[\s>/])([^>]*)>/g;
  let count = 0;
  let rows = 1;
  // Slices end where a row starts, so that no tag is cut and no string grows past V8's limit.
  const SLICE = 32 * 1024 * 1024;
  const rowTag = Buffer.from("<table:table-row");
  for (let start = 0; start < xml.length; ) {
    let end = xml.length;
    if (start + SLICE < xml.length) {
      const cut = xml.indexOf(rowTag, start + SLICE);
      if (cut > 0) end = cut;
    }
    const text = xml.toString("latin1", start, end);
    for (const m of text.matchAll(tag)) {
      const attrs = m[2] ?? "";
      if (m[1] === "table-row") {
        rows = Number(/number-rows-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1);
      } else {
        const repeated = Number(/number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1);
        if (attrs.includes("value-type=")) count += rows * repeated;
        const across = Number(/number-columns-spanned="(\d+)"/.exec(attrs)?.[1] ?? 1);
        const down = Number(/number-rows-spanned="(\d+)"/.exec(attrs)?.[1] ?? 1);
        if (across * down > 1) count += rows * repeated * across * down;
      }
    }
    start = end;
  }
  return count;
}
