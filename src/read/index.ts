import {
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
} from "node:fs";
import { basename, extname, join, relative, resolve, sep } from "node:path";
import { DEFAULT_LIMITS, type Limits } from "../config.js";
import { AppError } from "../errors.js";
import { both, type Catalogue, catalogue } from "../i18n/index.js";
import { type Issue, issue, type Location } from "../issues.js";
import type { SkipReason } from "../model.js";
import { naturalCompare } from "../text.js";
import { type ByteSource, type CsvOutcome, readCsv, streamCsv } from "./csv.js";
import { isConsolidatedTable, isOutputTable, namesOrigin } from "./outputs.js";
import { type RawFile, type RawRow, refusedFile } from "./types.js";
import { OLE } from "./zip.js";

/**
 * Reading: files become raw cells with their places (`csv.ts`, `xlsx.ts`, `types.ts`), whatever
 * program wrote them. This file finds and opens them: folders are walked in natural order; lock
 * files, hidden files, the output folder, any folder of earlier outputs, folders that cannot be
 * listed and files that are not spreadsheets are skipped with a reason; spreadsheet formats we
 * cannot read get an issue that says how to convert them; a file that cannot be opened (a folder
 * named `x.csv`, no access, gone meanwhile) gets one `file-unreadable` issue with the fix that
 * fits the cause, and the other files are read.
 */

/**
 * What a caller's filter says of a path: a reason to list it as skipped, or atelier's own (its
 * output folder, its program's folder), passed over without a word.
 */
export type Exclusion = SkipReason | "own-output" | "own-program";

export interface InputFile {
  /** Absolute path. */
  abs: string;
  /** Path shown to the user and written to outputs: relative, with `/`. */
  path: string;
  /** Found by walking a folder, not named on the command line. */
  found?: boolean;
}

export interface Inputs {
  files: InputFile[];
  skipped: { path: string; reason: SkipReason }[];
}

const READABLE = new Set([".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods", ".fods"]);
/** Spreadsheet formats people hand in that we cannot read: each gets an issue, never silence. */
type Convertible = keyof Catalogue["terms"]["formats"];
const CONVERTIBLE = new Set<string>(Object.keys(catalogue("fr").terms.formats));

function convertible(ext: string): Convertible | undefined {
  return CONVERTIBLE.has(ext) ? (ext as Convertible) : undefined;
}

export function displayPath(abs: string, base: string): string {
  const rel = relative(base, abs);
  return (rel === "" ? basename(abs) : rel).split(sep).join("/");
}

function isLockFile(name: string): boolean {
  return name.startsWith("~$") || name.startsWith(".~lock.");
}

/** The marker a compile may leave in its output folder (`.atelier-sortie.json`). */
export const OUTPUT_MARKER = ".atelier-sortie.json";

/**
 * Whether a folder holds the outputs of a compile, whatever its name (`resultats/`,
 * `sortie.ancienne/`, `J1/sortie/`): the marker, or `consolidation.json` beside `journal.json`.
 * Such a folder is never read back as a session.
 */
export function isOutputFolder(dir: string): boolean {
  const has = (name: string) => existsSync(join(dir, name));
  return has(OUTPUT_MARKER) || (has("consolidation.json") && has("journal.json"));
}

/**
 * Lists the files to read under the given paths. A path that does not exist, or a file named
 * explicitly in a format we do not read, cannot run: that is an AppError (exit 2).
 */
export function collectInputs(
  paths: readonly string[],
  base: string,
  exclude: (abs: string) => Exclusion | undefined = () => undefined,
): Inputs {
  const out: Inputs = { files: [], skipped: [] };
  const seen = new Set<string>();
  const add = (abs: string, found = false) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.files.push({ abs, path: displayPath(abs, base), ...(found && { found }) });
  };
  for (const p of paths) {
    const abs = resolve(p);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(abs);
    } catch {
      throw new AppError(
        "PATH_NOT_FOUND",
        both((t) => t.errors.pathNotFound(p)),
      );
    }
    if (stat.isDirectory()) {
      // Named on the command line or not, atelier's own outputs are never read as submissions.
      if (isOutputFolder(abs))
        out.skipped.push({ path: displayPath(abs, base), reason: "output-folder" });
      else walk(abs, base, out, add, exclude);
      continue;
    }
    const ext = extname(abs).toLowerCase();
    if (!READABLE.has(ext)) {
      const format = convertible(ext);
      throw new AppError(
        "UNSUPPORTED_FORMAT",
        both((t) =>
          format
            ? t.errors.unsupportedFormat(p, t.terms.formats[format], basename(p))
            : t.errors.notSpreadsheet(p),
        ),
      );
    }
    add(abs);
  }
  out.files.sort((a, b) => naturalCompare(a.path, b.path));
  return out;
}

function walk(
  dir: string,
  base: string,
  out: Inputs,
  add: (abs: string, found: boolean) => void,
  exclude: (abs: string) => Exclusion | undefined,
  top = realpathSync(dir),
) {
  let entries: ReturnType<typeof listFolder>;
  try {
    entries = listFolder(dir);
  } catch {
    // A folder that cannot be listed (no access, gone meanwhile): said, the others are read.
    out.skipped.push({ path: displayPath(dir, base), reason: "unreadable-folder" });
    return;
  }
  for (const entry of entries) {
    const abs = join(dir, entry.name);
    const path = displayPath(abs, base);
    const excluded = exclude(abs);
    // Our own output, our own program, are not inputs that were passed over: they are not listed.
    if (excluded === "own-output" || excluded === "own-program") continue;
    if (excluded) {
      out.skipped.push({ path, reason: excluded });
      continue;
    }
    if (isLockFile(entry.name)) {
      out.skipped.push({ path, reason: "lock-file" });
      continue;
    }
    if (entry.name.startsWith(".")) {
      if (entry.isFile()) out.skipped.push({ path, reason: "hidden" });
      continue;
    }
    const isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // Followed only to a file inside the folder being read: a link out of it could leak other
      // data, and a link to a folder could loop (that folder is read where it really is).
      const real = realTarget(abs);
      // A link to a file that is gone, named like a spreadsheet: a file that cannot be read,
      // said as such (a group's file may be missing).
      const ext = extname(entry.name).toLowerCase();
      if (real === undefined && (READABLE.has(ext) || convertible(ext))) {
        add(abs, true);
        continue;
      }
      if (!real?.startsWith(`${top}${sep}`)) {
        out.skipped.push({ path, reason: "link-outside" });
        continue;
      }
      if (!isRegularFile(real)) continue;
      isFile = true;
    }
    const ext = extname(entry.name).toLowerCase();
    if (isDir) {
      // A folder named like a spreadsheet (`groupe-4.xlsx/`) is answered as a file that cannot be
      // opened, never passed over in silence nor read as a session.
      if (READABLE.has(ext) || convertible(ext)) add(abs, true);
      else if (isOutputFolder(abs)) out.skipped.push({ path, reason: "output-folder" });
      else walk(abs, base, out, add, exclude, top);
      continue;
    }
    if (!isFile) continue;
    if (READABLE.has(ext) || convertible(ext)) add(abs, true);
    else out.skipped.push({ path, reason: "not-spreadsheet" });
  }
}

function listFolder(dir: string) {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => naturalCompare(a.name, b.name));
}

function isRegularFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false; // gone meanwhile
  }
}

function realTarget(abs: string): string | undefined {
  try {
    return realpathSync(abs);
  } catch {
    return undefined; // a dangling link
  }
}

/** Bytes read at a time from a CSV being streamed. */
const CHUNK = 256 * 1024;

/**
 * The answer to a file that cannot be read at all, before its content: a format we do not read,
 * too large, or not readable. `undefined` when the content can be read.
 */
function refusal(file: InputFile, limits: Limits): RawFile | undefined {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(file.abs);
  } catch (e) {
    return unreadable(file, isBrokenLink(file.abs) ? { code: "link" } : e);
  }
  if (stat.isDirectory()) return unreadable(file, { code: "EISDIR" });
  // A pipe or a device would block the read, or never end.
  if (!stat.isFile()) return unreadable(file, { code: "special" });
  const ext = extname(file.abs).toLowerCase();
  const format = convertible(ext);
  if (format) {
    return refusedFile(file.path, "xlsx", "unsupported-format", {
      format: both((t) => t.terms.formats[format]),
      name: basename(file.abs),
    });
  }
  if (stat.size > limits.maxFileMB * 1e6) {
    return refusedFile(file.path, formatOf(file), "file-too-large", {
      size: Math.round(stat.size / 1e6),
      limit: limits.maxFileMB,
    });
  }
  return undefined;
}

function formatOf(file: Pick<InputFile, "abs">): RawFile["format"] {
  const ext = extname(file.abs).toLowerCase();
  if (ext === ".csv" || ext === ".tsv") return "csv";
  if (ext === ".xls") return "xls";
  if (ext === ".ods" || ext === ".fods") return "ods";
  return "xlsx";
}

/** Why a file could not be opened, from the system's error, in words a rapporteur can act on. */
type Cause = "folder" | "denied" | "busy" | "vanished" | "link" | "special" | "system";

function isBrokenLink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

export function causeOf(e: unknown): Cause {
  switch ((e as NodeJS.ErrnoException | undefined)?.code) {
    case "EISDIR":
      return "folder";
    case "EACCES":
    case "EPERM":
      return "denied";
    case "EBUSY":
      return "busy";
    case "ENOENT":
    case "ENOTDIR":
      return "vanished";
    case "special":
      return "special";
    case "link":
      return "link";
    default:
      return "system";
  }
}

/**
 * A file that could not be opened: one `file-unreadable` problem in plain words, with the fix
 * that fits the cause (never the system's code).
 */
export function unreadable(file: Pick<InputFile, "abs" | "path">, e: unknown): RawFile {
  const cause = causeOf(e);
  return refusedFile(file.path, formatOf(file), "file-unreadable", {
    reason: both((t) => t.terms.reasons[cause]),
    fix: both((t) => t.terms.fix[cause]),
  });
}

/** Reads one file into raw cells; content problems come back as issues, never as exceptions. */
export async function readInput(
  file: InputFile,
  limits: Limits = DEFAULT_LIMITS,
): Promise<RawFile> {
  const refused = refusal(file, limits);
  if (refused) return refused;
  let data: Buffer;
  try {
    data = readFileSync(file.abs);
  } catch (e) {
    return unreadable(file, e);
  }
  // Each reader is loaded only when its format is met: CSV-only runs start faster without them.
  // What the bytes are decides, not the name: a workbook renamed .csv is read as a workbook.
  const named = formatOf(file);
  const format =
    named !== "csv"
      ? workbookFormat(data, named)
      : isWorkbookHead(data)
        ? workbookFormat(data, "xlsx")
        : "csv";
  const raw =
    format === "csv"
      ? readCsv(data, file.path)
      : format === "xlsx"
        ? await (await import("./xlsx.js")).readXlsx(data, file.path, limits)
        : await (await import("./sheetjs.js")).readSheetJs(data, file.path, format, limits);
  return applyLimits(raw, limits);
}

/**
 * What a workbook is, by its bytes: a file renamed from one workbook format to another is read as
 * what it is (an .xlsx renamed .xls with every guarantee of the XLSX reader, an .xls or .ods
 * renamed .xlsx by SheetJS). Anything else keeps its name's format, whose reader says what it is.
 */
function workbookFormat(data: Buffer, named: "xlsx" | "xls" | "ods"): "xlsx" | "xls" | "ods" {
  const zip = data[0] === 0x50 && data[1] === 0x4b;
  if (zip && data.includes("xl/workbook.xml")) return "xlsx";
  if (zip && data.includes("application/vnd.oasis.opendocument.spreadsheet")) return "ods";
  // An Office 97-2003 compound file: an .xls, or an encrypted .xlsx, which SheetJS says is one.
  if (data.subarray(0, 4).equals(OLE)) return "xls";
  return named;
}

/** Whether a file is read as CSV, and can then be streamed. */
export function isCsvInput(file: InputFile): boolean {
  return formatOf(file) === "csv" && !isWorkbook(file.abs);
}

/** Whether a file begins as a workbook does (zip or Office 97-2003), whatever its name. */
function isWorkbook(abs: string): boolean {
  const head = Buffer.alloc(4);
  try {
    const fd = openSync(abs, "r");
    try {
      readSync(fd, head, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false; // said when the file is read
  }
  return isWorkbookHead(head);
}

function isWorkbookHead(data: Buffer): boolean {
  const zip = data[0] === 0x50 && data[1] === 0x4b && data[2] === 3 && data[3] === 4;
  return zip || data.subarray(0, 4).equals(OLE);
}

/**
 * Whether a CSV is a table of results atelier wrote, by its first lines (`isOutputTable`). A
 * consolidated table (bilan.csv…) that is `named` on the command line is not: validate checks it
 * as the submission it reads like; found in a folder, it is passed over as any result.
 */
export function isOutputCsv(file: Pick<InputFile, "abs">, named = false): boolean {
  let bytes: Buffer;
  try {
    const fd = openSync(file.abs, "r");
    try {
      const buf = Buffer.alloc(32_768);
      bytes = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  let text = bytes.toString("utf8");
  // Saved by a program in the Windows code page: its accented headers read as Latin-1.
  if (text.includes("\uFFFD")) text = bytes.toString("latin1");
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .slice(0, 20);
  const first = lines[0] ?? "";
  const delimiter = [";", "\t", ","].reduce((a, b) =>
    first.split(b).length > first.split(a).length ? b : a,
  );
  const cells = lines.map((l) => l.split(delimiter).map((c) => c.replace(/^"|"$/g, "")));
  if (namesOrigin(lines.join("\n"))) return true;
  return isOutputTable(cells) && !(named && isConsolidatedTable(cells));
}

/**
 * Reads a CSV file as a stream: `onRow` gets each row within the limits, one at a time, and
 * nothing else keeps them. `onStart` gets the delimiter before the first row. The file comes
 * back without rows, with its issues (encoding fallback, limits). When `streamed` is false the
 * file could not be read (too large, unreadable, a quote never closed): the rows already handed
 * over, if any, are void and `raw` says why, as `readInput` would.
 */
export function streamCsvInput(
  file: InputFile,
  limits: Limits,
  onRow: (row: RawRow) => void,
  onStart: (delimiter: string) => void = () => {},
): { raw: RawFile; streamed: boolean } {
  const refused = refusal(file, limits);
  if (refused) return { raw: refused, streamed: false };
  const limiter = new RowLimiter(limits, { file: file.path });
  let outcome: CsvOutcome;
  try {
    outcome = streamCsv(
      fileChunks(file.abs),
      file.path,
      (row) => {
        if (limiter.accept(row)) onRow(row);
      },
      onStart,
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === undefined) throw e;
    return { raw: unreadable(file, e), streamed: false };
  }
  const raw: RawFile = {
    path: file.path,
    format: "csv",
    sheets: [],
    issues: outcome.failed ? outcome.issues : [...outcome.issues, ...limiter.issues()],
    encoding: outcome.encoding,
    delimiter: outcome.delimiter,
  };
  return { raw, streamed: !outcome.failed };
}

/** A file's bytes chunk by chunk; each chunk is valid until the next one is asked for. */
function fileChunks(abs: string): ByteSource {
  return function* () {
    const fd = openSync(abs, "r");
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const n = readSync(fd, buffer, 0, CHUNK, null);
        if (n === 0) break;
        yield buffer.subarray(0, n);
      }
    } finally {
      closeSync(fd);
    }
  };
}

/**
 * Cuts what is past the row, column and cell limits, each with its own issue: a hostile or
 * broken file is answered, never allowed to exhaust the machine further down the pipeline.
 */
export function applyLimits(raw: RawFile, limits: Limits): RawFile {
  for (const sheet of raw.sheets) {
    const where = { file: raw.path, ...(sheet.name !== undefined ? { sheet: sheet.name } : {}) };
    const limiter = new RowLimiter(limits, where);
    sheet.rows = sheet.rows.filter((row) => limiter.accept(row));
    raw.issues.push(...limiter.issues());
  }
  return raw;
}

/** The limits of one sheet applied row by row, in order, so that a stream can be cut as it goes. */
class RowLimiter {
  private kept = 0;
  private lastRow = 0;
  private tooManyRows = false;
  private tooWide: Issue | undefined;

  constructor(
    private readonly limits: Limits,
    private readonly where: Location,
  ) {}

  /** Cuts the row to the column and cell limits; `false` once the sheet has enough rows. */
  accept(row: RawRow): boolean {
    const limits = this.limits;
    if (this.kept >= limits.maxRows) {
      this.tooManyRows = true;
      return false;
    }
    this.kept++;
    this.lastRow = row.row;
    if (row.cells.length > limits.maxColumns) {
      // Empty cells past the limit (a CSV line of delimiters) are dropped without a word.
      if (
        !this.tooWide &&
        row.cells.slice(limits.maxColumns).some((c) => c?.v != null || c?.error)
      ) {
        this.tooWide = issue(
          "too-many-columns",
          { ...this.where, row: row.row },
          {
            params: { limit: limits.maxColumns, row: row.row },
          },
        );
      }
      row.cells = row.cells.slice(0, limits.maxColumns);
    }
    for (const cell of row.cells) {
      if (cell && typeof cell.v === "string" && cell.v.length > limits.maxCellLength) {
        cell.tooLong = cell.v.length;
        cell.v = cell.v.slice(0, limits.maxCellLength);
      }
    }
    return true;
  }

  /** The sheet's limit issues, rows before columns. */
  issues(): Issue[] {
    const out: Issue[] = [];
    if (this.tooManyRows) {
      out.push(
        issue("too-many-rows", this.where, {
          params: { limit: this.limits.maxRows, row: this.lastRow },
        }),
      );
    }
    if (this.tooWide) out.push(this.tooWide);
    return out;
  }
}
