import { parse } from "csv-parse/sync";
import type { Issue } from "../issues.js";
import { issue } from "../issues.js";
import type { Cell, RawFile, RawRow } from "./types.js";

/**
 * CSV as French Excel and LibreOffice write it: UTF-8 with or without BOM, UTF-16 with BOM, or
 * Windows-1252 when the bytes are not UTF-8 (said, never silent); `;` `,` tab or `|` chosen by
 * consistent column counts; quoted cells with line breaks; CRLF. Rows are numbered as a
 * spreadsheet shows the file: one row per record, so a line break inside quotes does not shift
 * the numbers below it.
 */
export function readCsv(data: Buffer, path: string): RawFile {
  const issues: Issue[] = [];
  const { text, encoding, badByte } = decode(data);
  if (badByte) {
    issues.push(
      issue(
        "encoding-fallback",
        { file: path },
        {
          params: {
            byte: (data[badByte] ?? 0).toString(16).toUpperCase().padStart(2, "0"),
            offset: badByte,
          },
        },
      ),
    );
  }
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      // Files stitched together from several machines mix their line endings.
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: false,
    }) as string[][];
  } catch (e) {
    const err = e as { code?: string; lines?: number; message: string };
    const reason =
      err.code === "CSV_QUOTE_NOT_CLOSED"
        ? `guillemet ouvert jamais fermé (à partir de la ligne ${startOfOpenQuote(text)})`
        : `CSV mal formé (${err.message})`;
    issues.push(issue("file-unreadable", { file: path }, { params: { reason } }));
    return { path, format: "csv", sheets: [], issues, encoding, delimiter };
  }
  const rows: RawRow[] = [];
  records.forEach((record, index) => {
    if (record.every((v) => v.trim() === "")) return;
    // Trailing empty cells are kept: in a CSV they are real columns (`a;b;` has three), so a
    // value under an empty header is told apart from a row that is longer than its header.
    const cells = record.map((v): Cell | undefined => (v === "" ? undefined : { v }));
    rows.push({ row: index + 1, cells });
  });
  return {
    path,
    format: "csv",
    sheets: [{ state: "visible", rows }],
    issues,
    encoding,
    delimiter,
  };
}

// --- encoding ----------------------------------------------------------------------------------

/** Windows-1252 bytes 0x80–0x9F; Node's decoder maps them to C1 controls, so we map them here. */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decode(data: Buffer): {
  text: string;
  encoding: NonNullable<RawFile["encoding"]>;
  badByte?: number;
} {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    return { text: utf8(data.subarray(3)), encoding: "utf-8" };
  }
  if (data[0] === 0xff && data[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(data.subarray(2)), encoding: "utf-16le" };
  }
  if (data[0] === 0xfe && data[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(data.subarray(2)), encoding: "utf-16be" };
  }
  // UTF-16 saved without a BOM: every other byte of ASCII text is NUL.
  const nuls = utf16Guess(data);
  if (nuls) return { text: new TextDecoder(nuls).decode(data), encoding: nuls };
  const bad = firstInvalidUtf8(data);
  if (bad === -1) return { text: utf8(data), encoding: "utf-8" };
  let text = "";
  for (const byte of data) {
    text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  }
  return { text, encoding: "windows-1252", badByte: bad };
}

function utf16Guess(data: Buffer): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(data.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (data[i] === 0) even++;
    if (data[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd > half * 0.6 && even < half * 0.1) return "utf-16le";
  if (even > half * 0.6 && odd < half * 0.1) return "utf-16be";
  return undefined;
}

function utf8(data: Buffer): string {
  return new TextDecoder("utf-8").decode(data);
}

/** Offset of the first byte that breaks UTF-8, or -1 when the whole buffer is valid. */
export function firstInvalidUtf8(data: Uint8Array): number {
  let i = 0;
  while (i < data.length) {
    const b = data[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + need >= data.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = data[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

// --- delimiter ---------------------------------------------------------------------------------

const CANDIDATES = [";", ",", "\t", "|"] as const;

/**
 * The delimiter whose column count is the most constant over the first records (quotes
 * respected), among those that split the header at all. Ties go to `;`, French Excel's choice.
 */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best: string = ";";
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const counts = fieldCounts(sample, d, 50).filter((c) => c > 0);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 1;
    let modeN = 0;
    for (const [c, n] of freq) {
      if (n > modeN || (n === modeN && c > mode)) {
        mode = c;
        modeN = n;
      }
    }
    if (mode < 2) continue;
    // Consistency first, then how many columns it gives.
    const score = (modeN / counts.length) * 1000 + Math.min(mode, 999) / 1000;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Fields per record for the first `max` non-blank records, quotes respected. */
function fieldCounts(text: string, delimiter: string, max: number): number[] {
  const out: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let blank = true;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"') {
      inQuotes = true;
      blank = false;
    } else if (ch === delimiter) {
      fields++;
      blank = false;
    } else if (ch === "\n" || ch === "\r") {
      if (!blank) out.push(fields);
      fields = 1;
      blank = true;
    } else if (ch !== " ") {
      blank = false;
    }
  }
  // The sample may end mid-record; only a whole file's last record counts.
  if (!blank && out.length < max && text.length < 64 * 1024) out.push(fields);
  return out;
}

/** The record number where an unterminated quote opens, for the message. */
function startOfOpenQuote(text: string): number {
  let record = 1;
  let inQuotes = false;
  let openedAt = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (inQuotes && text[i + 1] === '"') i++;
      else {
        inQuotes = !inQuotes;
        if (inQuotes) openedAt = record;
      }
    } else if (!inQuotes && ch === "\n") {
      record++;
    }
  }
  return openedAt;
}
