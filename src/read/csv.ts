import { isUtf8 } from "node:buffer";
import { TextDecoder } from "node:util";
import { both } from "../i18n/index.js";
import type { Issue } from "../issues.js";
import { issue } from "../issues.js";
import { windows1252 } from "../text.js";
import type { Cell, RawFile, RawRow } from "./types.js";

/**
 * Fields kept per record: one more than a sheet can have columns (`limits.maxColumns` is at most
 * 16,384), so that a record past the limit is still said to be (`too-many-columns`), and a line of
 * 150 million `;` is never split into 150 million strings.
 */
const FIELDS_MAX = 16_385;

/**
 * CSV as French Excel and LibreOffice write it: UTF-8 with or without BOM, UTF-16 with BOM, or
 * Windows-1252 when the bytes are not UTF-8 (said, never silent); `;` `,` tab or `|` chosen by
 * consistent column counts; quoted cells with line breaks; CRLF. Rows are numbered as a
 * spreadsheet shows the file: one row per record, so a line break inside quotes does not shift
 * the numbers below it.
 *
 * A file is read as a stream of chunks and handed over one row at a time (`streamCsv`), so that a
 * million-row file is never held whole; `readCsv` collects the same rows for a buffer.
 */

/**
 * The `'` a CSV writer puts before a text a spreadsheet would run as a formula (ours does, see
 * `neutralise` in render/index.ts): a mark of the file, not of the text, which reads back as it
 * was typed. One is taken off, before the formula's character or more `'`. Only in a CSV: in a
 * workbook, a `'` a cell shows is the text's own.
 */
const FORMULA_MARK = /^'(?='*[=+\-@\t\r])/;

/**
 * The bytes of a file, in chunks; called again when the file must be read twice. A chunk may be
 * reused for the next one: it is used at once, never kept.
 */
export type ByteSource = () => Iterable<Uint8Array>;

/** The source's non-empty chunks without their first `skip` bytes (the BOM). */
function* chunksAfter(source: ByteSource, skip: number): Generator<Uint8Array> {
  let left = skip;
  for (const chunk of source()) {
    const n = Math.min(left, chunk.length);
    left -= n;
    if (chunk.length > n) yield n > 0 ? chunk.subarray(n) : chunk;
  }
}

/** What reading a CSV tells besides its rows. */
export interface CsvOutcome {
  encoding: NonNullable<RawFile["encoding"]>;
  delimiter: string;
  /** Problems of the file as a whole: encoding fallback, or a file that cannot be read. */
  issues: Issue[];
  /** A quote never closes: the file is unreadable and the rows already handed over are void. */
  failed: boolean;
}

/** Decoded text gathered before the delimiter is chosen: what `detectDelimiter` looks at. */
const SAMPLE = 64 * 1024;

/**
 * Reads a CSV from its bytes and calls `onRow` for every non-empty record, in order, after
 * `onStart` has been told the delimiter. Only the delimiter sample and the current record are
 * held.
 */
export function streamCsv(
  source: ByteSource,
  path: string,
  onRow: (row: RawRow) => void,
  onStart: (delimiter: string) => void = () => {},
): CsvOutcome {
  const issues: Issue[] = [];
  const decoding = chooseEncoding(source);
  if (decoding.badByte !== undefined) {
    // Excel's « CSV (séparateur : point-virgule) » is Windows-1252: a note when every accent reads
    // as one, a warning at the first byte that does not (another code page, a text not in Latin).
    const odd = unlikely1252(source);
    const at = odd ?? { offset: decoding.badByte, byte: decoding.byte };
    const params = { byte: at.byte.toString(16).toUpperCase().padStart(2, "0"), offset: at.offset };
    issues.push(
      odd
        ? issue("encoding-uncertain", { file: path }, { params })
        : issue("encoding-fallback", { file: path }, { params }),
    );
  }
  let index = 0;
  const onRecord = (record: string[]) => {
    index++;
    if (isBlank(record)) return;
    // Trailing empty cells are kept: in a CSV they are real columns (`a;b;` has three), so a
    // value under an empty header is told apart from a row that is longer than its header.
    const cells: (Cell | undefined)[] = new Array(record.length);
    for (let i = 0; i < record.length; i++) {
      const v = record[i] as string;
      cells[i] =
        v === "" ? undefined : { v: v.charCodeAt(0) === 39 ? v.replace(FORMULA_MARK, "") : v };
    }
    onRow({ row: index, cells });
  };
  // The first characters choose the delimiter; then the file is read again from its start.
  const sample = sampleOf(source, decoding);
  const delimiter = delimiterOf(sample.pieces, sample.length);
  onStart(delimiter);
  const tokenizer = new CsvTokenizer(delimiter, onRecord);
  if (decoding.encoding === "utf-8") utf8Lines(source, decoding.skip, tokenizer);
  else for (const text of decodedText(source, decoding)) tokenizer.write(text);
  const closed = tokenizer.end();
  if (!closed) {
    const line = startOfOpenQuote(decodedText(source, decoding));
    const reason = both((t) => t.terms.reasons.openQuote(line));
    const fix = both((t) => t.terms.fix.resave);
    issues.push(issue("file-unreadable", { file: path }, { params: { reason, fix } }));
  }
  return { encoding: decoding.encoding, delimiter, issues, failed: !closed };
}

/** Reads a whole CSV held in memory (small files, the resolutions, tests). */
export function readCsv(data: Buffer, path: string): RawFile {
  const rows: RawRow[] = [];
  const r = streamCsv(
    () => [data],
    path,
    (row) => rows.push(row),
  );
  return {
    path,
    format: "csv",
    sheets: r.failed ? [] : [{ state: "visible", rows }],
    issues: r.issues,
    encoding: r.encoding,
    delimiter: r.delimiter,
  };
}

function isBlank(record: string[]): boolean {
  for (const v of record) if (v !== "" && v.trim() !== "") return false;
  return true;
}

// --- tokenizer ---------------------------------------------------------------------------------

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Splits CSV text into records exactly as csv-parse 6 does with the options this project used
 * (`relax_quotes`, `relax_column_count`, record delimiters `\r\n` `\n` `\r`, quote and escape `"`,
 * no trimming, no BOM handling): csv-parse alone took most of the time of a validation, about as
 * long as Miller takes for the whole job. Lines without a quote or a lone CR (nearly all of them)
 * are split natively; the others go through csv-parse's state machine, char by char:
 * - a quote opens quoting only at the start of a field; elsewhere it is text;
 * - inside quotes `""` is one quote; a quote followed by the end, a NUL, the delimiter or a line
 *   break closes the field; a quote followed by anything else closes it too, but the quotes are
 *   kept as text (`"b"c` reads `"b"c`);
 * - an empty line is a record of one empty field; a last line without a break is a record;
 * - a quote still open at the end makes the file unreadable.
 * `bench/check-csv.mjs` compares it with csv-parse on random input cut into random chunks.
 */
export class CsvTokenizer {
  readonly delimiter: string;
  private readonly code: number;
  private record: string[] = [];
  private field = "";
  private quoting = false;
  /** csv-parse's `wasQuoting`: the field had quotes, so even an empty last line is a record. */
  private quoted = false;
  /** A quote or CR at the end of a chunk: what follows it decides what it means. */
  private carry = "";

  constructor(
    delimiter: string,
    private readonly onRecord: (fields: string[]) => void,
  ) {
    this.delimiter = delimiter;
    this.code = delimiter.charCodeAt(0);
    const d = `\\u${this.code.toString(16).padStart(4, "0")}`;
    this.fieldPattern = new RegExp(`(?:"((?:[^"]|"")*)"|([^"${d}][^${d}]*|))(?:(${d})|$)`, "y");
  }

  /** No record is under way: a whole line can be handed over as a record (`push`). */
  atRecordStart(): boolean {
    return (
      !this.quoting &&
      this.record.length === 0 &&
      this.field.length === 0 &&
      !this.quoted &&
      this.carry === ""
    );
  }

  /** A record split by the caller, for a line without quote nor CR, at a record start. */
  push(fields: string[]): void {
    this.onRecord(fields);
  }

  /**
   * The fields of one whole line (no line break in it) whose quotes are all well formed: each
   * quoted field closes right before a delimiter or the end, and doubles the quotes inside it.
   * `undefined` for anything else (a quote closed early, a field going on to the next line),
   * which only the state machine reads right. A regular expression is compiled to machine code
   * at once, where the state machine runs interpreted for a while: a third of a workshop's lines
   * have quotes (`« … »`, `;` in a remark).
   */
  splitQuoted(line: string): string[] | undefined {
    const field = this.fieldPattern;
    const fields: string[] = [];
    let at = 0;
    for (;;) {
      field.lastIndex = at;
      const m = field.exec(line);
      if (!m) return undefined;
      const quoted = m[1];
      fields.push(quoted === undefined ? (m[2] as string) : quoted.replace(/""/g, '"'));
      if (fields.length === FIELDS_MAX) return fields;
      at = field.lastIndex;
      if (at >= line.length) {
        // A delimiter just before the end opens one more, empty, field.
        if (m[3] !== undefined) fields.push("");
        return fields;
      }
    }
  }

  /** One field and the delimiter after it, unless it ends the line (see `splitQuoted`). */
  private readonly fieldPattern: RegExp;

  write(text: string): void {
    const carried = this.carry;
    this.carry = "";
    this.scan(carried === "" ? text : carried + text, false);
  }

  /** Ends the input; `false` when a quote is still open. */
  end(): boolean {
    const rest = this.carry;
    this.carry = "";
    if (rest !== "") this.scan(rest, true);
    if (this.quoting) return false;
    if (this.record.length > 0 || this.field.length > 0 || this.quoted) this.emit();
    return true;
  }

  private emit() {
    const record = this.record;
    record.push(this.field);
    this.record = [];
    this.field = "";
    this.quoted = false;
    this.onRecord(record);
  }

  private scan(text: string, end: boolean) {
    const n = text.length;
    const sep = this.code;
    let i = 0;
    // Next quote and CR at or after `i` (n when none): found once, not once per line.
    let quoteAt = -1;
    let crAt = -1;
    while (i < n) {
      if (!this.quoting && this.record.length === 0 && this.field.length === 0 && !this.quoted) {
        const lf = text.indexOf("\n", i);
        if (lf !== -1) {
          const stop = lf > i && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
          if (quoteAt < i) {
            quoteAt = text.indexOf('"', i);
            if (quoteAt === -1) quoteAt = n;
          }
          if (crAt < i) {
            crAt = text.indexOf("\r", i);
            if (crAt === -1) crAt = n;
          }
          if (quoteAt >= stop && crAt >= stop) {
            this.onRecord(text.slice(i, stop).split(this.delimiter, FIELDS_MAX));
            i = lf + 1;
            continue;
          }
        }
      }
      if (this.quoting) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          this.field += text.slice(i);
          return;
        }
        this.field += text.slice(i, q);
        if (q + 1 === n && !end) {
          this.carry = '"';
          return;
        }
        const next = q + 1 < n ? text.charCodeAt(q + 1) : -1;
        if (next === QUOTE) {
          this.field += '"';
          i = q + 2;
          continue;
        }
        this.quoting = false;
        this.quoted = true;
        if (next !== -1 && next !== 0 && next !== sep && next !== CR && next !== LF) {
          this.field = `"${this.field}"`;
        }
        i = q + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === sep) {
        if (this.record.length < FIELDS_MAX) this.record.push(this.field);
        this.field = "";
        this.quoted = false;
        i++;
        continue;
      }
      if (c === LF) {
        this.emit();
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 === n && !end) {
          this.carry = "\r";
          return;
        }
        this.emit();
        i += i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
        continue;
      }
      if (c === QUOTE && this.field.length === 0) {
        this.quoting = true;
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === sep || d === CR || d === LF) break;
        j++;
      }
      this.field += text.slice(i, j);
      i = j;
    }
  }
}

// --- encoding ----------------------------------------------------------------------------------

interface Decoding {
  encoding: NonNullable<RawFile["encoding"]>;
  /** Bytes of BOM to skip. */
  skip: number;
  /** Offset of the first byte that is not UTF-8, for the fallback issue, and that byte. */
  badByte?: number;
  byte: number;
}

/**
 * The encoding of the whole file: a BOM, else UTF-16 by its NUL bytes, else UTF-8 when every
 * byte is, else Windows-1252. Deciding UTF-8 needs the whole file, so a file without a BOM is
 * scanned once before it is decoded (natively; a small part of the time of reading it).
 */
function chooseEncoding(source: ByteSource): Decoding {
  const head = headOf(source, 4096);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: "utf-8", skip: 3, byte: 0 };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", skip: 2, byte: 0 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", skip: 2, byte: 0 };
  // UTF-16 saved without a BOM: every other byte of ASCII text is NUL.
  const nuls = utf16Guess(head);
  if (nuls) return { encoding: nuls, skip: 0, byte: 0 };
  const bad = firstInvalidUtf8In(source);
  if (!bad) return { encoding: "utf-8", skip: 0, byte: 0 };
  return { encoding: "windows-1252", skip: 0, badByte: bad.offset, byte: bad.byte };
}

/**
 * What a byte above 0x7F is in Windows-1252 text as people write it in French or English: a
 * Latin letter (accented, Œ, Ÿ), a quote, a dash, a space or a common sign. The others (undefined
 * bytes, ‚ ƒ „ † ‡ ˆ Š Ž, box signs, the Icelandic Ð ð Þ þ) come from another code page read as
 * this one.
 */
const LIKELY_1252 = (() => {
  const letters = new Set<number>([0x8c, 0x9c, 0x9f]);
  const foreign = [0xd0, 0xd7, 0xde, 0xf0, 0xf7, 0xfe];
  for (let b = 0xc0; b <= 0xff; b++) if (!foreign.includes(b)) letters.add(b);
  const signs = [
    0x80, 0x85, 0x89, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x99, 0xa0, 0xa1, 0xa2, 0xa3, 0xa5,
    0xa7, 0xa9, 0xaa, 0xab, 0xad, 0xae, 0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb7, 0xb9, 0xba, 0xbb,
    0xbc, 0xbd, 0xbe, 0xbf, 0xd7,
  ];
  const kind = new Uint8Array(256);
  for (const b of signs) kind[b] = 1;
  for (const b of letters) kind[b] = 2;
  return kind;
})();

/**
 * The first byte that makes a Windows-1252 reading doubtful: one that French or English text
 * does not use, or the third accented letter in a row (Greek or Cyrillic read as Latin letters:
 * French never puts three together). `undefined` when the whole file reads as expected.
 */
function unlikely1252(source: ByteSource): { offset: number; byte: number } | undefined {
  let base = 0;
  let run = 0;
  for (const chunk of source()) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b < 0x80) {
        run = 0;
        continue;
      }
      const kind = LIKELY_1252[b];
      if (kind === 0) return { offset: base + i, byte: b };
      run = kind === 2 ? run + 1 : 0;
      if (run >= 3) return { offset: base + i, byte: b };
    }
    base += chunk.length;
  }
  return undefined;
}

/** The first `n` bytes (fewer for a shorter file). */
function headOf(source: ByteSource, n: number): Buffer {
  const parts: Uint8Array[] = [];
  let got = 0;
  for (const chunk of source()) {
    // Chunks may be views of a reused buffer: copied.
    parts.push(Uint8Array.prototype.slice.call(chunk, 0, n - got));
    got += Math.min(chunk.length, n - got);
    if (got >= n) break;
  }
  return Buffer.concat(parts);
}

/** The first byte that breaks UTF-8 over all chunks, with sequences cut between chunks joined. */
function firstInvalidUtf8In(source: ByteSource): { offset: number; byte: number } | undefined {
  let carry: Uint8Array = new Uint8Array(0);
  let base = 0;
  const found = (data: Uint8Array) => {
    const at = firstInvalidUtf8(data);
    return { offset: base + at, byte: data[at] ?? 0 };
  };
  for (const chunk of source()) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    // A sequence cut by the end of the chunk is checked with the next one.
    const cut = sequenceCut(data);
    const whole = data.subarray(0, cut);
    if (!isUtf8(whole)) return found(whole);
    base += cut;
    carry = Uint8Array.prototype.slice.call(data, cut);
  }
  return carry.length > 0 ? found(carry) : undefined;
}

/**
 * The first SAMPLE characters of the text (or all of it, when shorter), decoded from as few bytes
 * as will do: a chunk is several times what the sample needs.
 */
function sampleOf(source: ByteSource, decoding: Decoding): Sample {
  // A character takes at least one byte: start with a little more than SAMPLE bytes.
  for (let bytes = SAMPLE + 8192; ; bytes *= 2) {
    const head = headOf(source, decoding.skip + bytes);
    const whole = head.length < decoding.skip + bytes;
    const exact =
      decoding.encoding === "utf-8" ? utf8Sample(head, decoding.skip, whole) : undefined;
    const text = exact ? undefined : [...decodedText(() => [head], decoding)].join("");
    const sample = exact ?? { pieces: [text as string], length: (text as string).length };
    // Cut short, the head may end inside a character, decoded as one replacement character:
    // then only a text longer than the sample has its first SAMPLE characters right.
    if (whole || sample.length >= SAMPLE + (exact ? 0 : 1)) return sample;
  }
}

/** The start of the text, in pieces (joining them costs more than reading them). */
interface Sample {
  pieces: string[];
  /** Characters in all the pieces. */
  length: number;
}

/**
 * The head of a UTF-8 file decoded line by line (Latin-1 strings for most lines, see utf8Lines),
 * up to its last whole character; `undefined` when it is not UTF-8 throughout.
 */
function utf8Sample(head: Buffer, skip: number, whole: boolean): Sample | undefined {
  const body = head.subarray(skip);
  const cut = sequenceCut(body);
  if ((whole && cut < body.length) || !isUtf8(body.subarray(0, cut))) return undefined;
  const pieces: string[] = [];
  let length = 0;
  for (let i = 0; i < cut; ) {
    const lf = body.indexOf(LF, i);
    const end = lf === -1 || lf >= cut ? cut : lf + 1;
    let line = body.toString("utf8", i, end);
    // A decoder drops one BOM at the start of what it decodes.
    if (i === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    pieces.push(line);
    length += line.length;
    i = end;
  }
  return { pieces, length };
}

/** The text of the file, chunk by chunk, in the chosen encoding. */
function* decodedText(source: ByteSource, decoding: Decoding): Generator<string> {
  if (decoding.encoding === "utf-8") {
    yield* utf8Text(source, decoding.skip);
    return;
  }
  const decoder =
    decoding.encoding === "windows-1252" ? undefined : new TextDecoder(decoding.encoding);
  for (const chunk of chunksAfter(source, decoding.skip)) {
    yield decoder ? decoder.decode(chunk, { stream: true }) : windows1252(chunk);
  }
  if (decoder) yield decoder.decode();
}

/**
 * UTF-8 chunk by chunk without `stream: true`, which turns Node's native UTF-8 decoder off for
 * ICU's, several times slower: each chunk is cut before a sequence that the next one completes.
 * A leading BOM is dropped once, as a decoder of the whole file does.
 */
function* utf8Text(source: ByteSource, skip: number): Generator<string> {
  let first = true;
  let carry: Uint8Array = new Uint8Array(0);
  const leading = new TextDecoder("utf-8");
  const inner = new TextDecoder("utf-8", { ignoreBOM: true });
  const decode = (bytes: Uint8Array) => {
    const text = (first ? leading : inner).decode(bytes);
    first = false;
    return text;
  };
  for (const chunk of chunksAfter(source, skip)) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = sequenceCut(data);
    carry = Uint8Array.prototype.slice.call(data, cut);
    if (cut > 0) yield decode(data.subarray(0, cut));
  }
  if (carry.length > 0) yield decode(carry);
}

/** Where `data` ends if a last sequence that the next chunk may complete is taken off. */
function sequenceCut(data: Uint8Array): number {
  let k = data.length - 1;
  while (k >= 0 && data.length - k <= 3 && ((data[k] as number) & 0xc0) === 0x80) k--;
  if (k < 0) return data.length;
  const b = data[k] as number;
  const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return data.length - k < need ? k : data.length;
}

/**
 * UTF-8 bytes to the tokenizer, line by line: a line without quote nor CR is decoded and split
 * on its own, everything else goes through the tokenizer as text. Decoding each line apart gives
 * Latin-1 strings for most lines (a whole-file string turns two bytes a character as soon as one
 * `œ` or `«` appears), which made decoding three times faster and everything after it faster.
 * Bytes that are not UTF-8 (a BOM file can have them) switch to decoding chunks with
 * replacement characters, from a sequence boundary on, which gives the same text.
 */
function utf8Lines(source: ByteSource, skip: number, tokenizer: CsvTokenizer) {
  let carry: Uint8Array = new Uint8Array(0);
  let replacing: TextDecoder | undefined;
  // A decoder of the whole file drops one more BOM at its start: so does this.
  let first = true;
  const text = (s: string) => {
    if (first && s !== "") {
      first = false;
      if (s.charCodeAt(0) === 0xfeff) return s.slice(1);
    }
    return s;
  };
  for (const chunk of chunksAfter(source, skip)) {
    const data =
      carry.length > 0
        ? Buffer.concat([carry, chunk])
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    carry = new Uint8Array(0);
    if (replacing) {
      tokenizer.write(text(replacing.decode(data, { stream: true })));
      continue;
    }
    const cut = sequenceCut(data);
    if (!isUtf8(data.subarray(0, cut))) {
      replacing = new TextDecoder("utf-8", { ignoreBOM: true });
      tokenizer.write(text(replacing.decode(data, { stream: true })));
      continue;
    }
    const sep = tokenizer.delimiter;
    let i = 0;
    // Next quote and CR at or after `i` (past the end when none): found once, not once per line.
    let quoteAt = -1;
    let crAt = -1;
    for (;;) {
      const lf = data.indexOf(LF, i);
      if (lf === -1 || lf >= cut) break;
      if (first || !tokenizer.atRecordStart()) {
        tokenizer.write(text(data.toString("utf8", i, lf + 1)));
        i = lf + 1;
        continue;
      }
      const stop = lf > i && data[lf - 1] === CR ? lf - 1 : lf;
      if (quoteAt < i) {
        quoteAt = data.indexOf(QUOTE, i);
        if (quoteAt === -1) quoteAt = data.length;
      }
      if (crAt < i) {
        crAt = data.indexOf(CR, i);
        if (crAt === -1) crAt = data.length;
      }
      let fields: string[] | undefined;
      if (crAt >= stop) {
        const line = data.toString("utf8", i, stop);
        fields = quoteAt >= stop ? line.split(sep, FIELDS_MAX) : tokenizer.splitQuoted(line);
      }
      if (fields) tokenizer.push(fields);
      else tokenizer.write(data.toString("utf8", i, lf + 1));
      i = lf + 1;
    }
    // The start of a line that the next chunk ends goes to the tokenizer, which can resume it.
    if (cut > i) tokenizer.write(text(data.toString("utf8", i, cut)));
    carry = Uint8Array.prototype.slice.call(data, cut);
  }
  if (replacing) tokenizer.write(text(replacing.decode()));
  else if (carry.length > 0) tokenizer.write(text(new TextDecoder("utf-8").decode(carry)));
}

function utf16Guess(data: Uint8Array): "utf-16le" | "utf-16be" | undefined {
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
  return delimiterOf([text], text.length);
}

/** `detectDelimiter` of the text made of `pieces`, `length` characters long in all. */
function delimiterOf(pieces: readonly string[], length: number): string {
  let best: string = ";";
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const counts = fieldCounts(pieces, d, 50, length < SAMPLE).filter((c) => c > 0);
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

/**
 * Fields per record for the first `max` non-blank records of the first SAMPLE characters of the
 * text made of `pieces`, quotes respected.
 */
function fieldCounts(
  pieces: readonly string[],
  delimiter: string,
  max: number,
  whole: boolean,
): number[] {
  const out: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let blank = true;
  let at = 0;
  let skip = false;
  // The character after the one at `i` of piece `p` (`at` in the text), within the sample.
  const after = (p: number, i: number): string | undefined => {
    if (at + 1 >= SAMPLE) return undefined;
    let piece = pieces[p] as string;
    if (i + 1 < piece.length) return piece[i + 1];
    for (let q = p + 1; q < pieces.length; q++) {
      piece = pieces[q] as string;
      if (piece.length > 0) return piece[0];
    }
    return undefined;
  };
  for (let p = 0; p < pieces.length; p++) {
    const text = pieces[p] as string;
    for (let i = 0; i < text.length; i++, at++) {
      if (at >= SAMPLE || out.length >= max) return finish();
      if (skip) {
        skip = false;
        continue;
      }
      const ch = text[i];
      if (inQuotes) {
        if (ch === '"') {
          if (after(p, i) === '"') skip = true;
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
  }
  return finish();
  function finish() {
    // The sample may end mid-record; only a whole file's last record counts.
    if (!blank && out.length < max && whole) out.push(fields);
    return out;
  }
}

/** The record number where an unterminated quote opens, for the message. */
function startOfOpenQuote(chunks: Iterable<string>): number {
  let record = 1;
  let inQuotes = false;
  let openedAt = 1;
  let carry = "";
  const step = (text: string, last: boolean) => {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') {
        // Whether `""` is an escaped quote depends on the next chunk.
        if (inQuotes && i + 1 === text.length && !last) {
          carry = '"';
          return;
        }
        if (inQuotes && text[i + 1] === '"') i++;
        else {
          inQuotes = !inQuotes;
          if (inQuotes) openedAt = record;
        }
      } else if (!inQuotes && ch === "\n") {
        record++;
      }
    }
  };
  for (const text of chunks) {
    const t = carry + text;
    carry = "";
    step(t, false);
  }
  if (carry) step(carry, true);
  return openedAt;
}
