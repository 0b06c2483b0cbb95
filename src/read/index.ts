import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, extname, join, relative, resolve, sep } from "node:path";
import { DEFAULT_LIMITS, type Limits } from "../config.js";
import { AppError } from "../errors.js";
import { issue } from "../issues.js";
import { naturalCompare } from "../text.js";
import { readCsv } from "./csv.js";
import type { RawFile } from "./types.js";

/**
 * Finding and opening submissions. Folders are walked recursively in natural order; lock files,
 * hidden files, the output folder and files that are not spreadsheets are skipped with a reason;
 * spreadsheet formats we cannot read get an issue that says how to convert them.
 */

/** Why a file was passed over; rendered in the user's language by the CLI. */
export type SkipReason =
  | "lock-file"
  | "hidden"
  | "not-spreadsheet"
  | "workshop-file"
  | "link-outside"
  | "template";

/** What a caller's filter says of a path: a reason to list it as skipped, or `own-output`. */
export type Exclusion = SkipReason | "own-output";

export interface InputFile {
  /** Absolute path. */
  abs: string;
  /** Path shown to the user and written to outputs: relative, with `/`. */
  path: string;
}

export interface Inputs {
  files: InputFile[];
  skipped: { path: string; reason: SkipReason }[];
}

const READABLE = new Set([".csv", ".tsv", ".xlsx", ".xlsm"]);
/** Spreadsheet formats people hand in that we cannot read: each gets an issue, never silence. */
const CONVERTIBLE: Record<string, string> = {
  ".xls": "Excel 97-2003 (.xls)",
  ".xlsb": "Excel binaire (.xlsb)",
  ".ods": "OpenDocument (.ods)",
  ".fods": "OpenDocument plat (.fods)",
  ".numbers": "Apple Numbers (.numbers)",
};

export function displayPath(abs: string, base: string): string {
  const rel = relative(base, abs);
  return (rel === "" ? basename(abs) : rel).split(sep).join("/");
}

function isLockFile(name: string): boolean {
  return name.startsWith("~$") || name.startsWith(".~lock.");
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
  const add = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.files.push({ abs, path: displayPath(abs, base) });
  };
  for (const p of paths) {
    const abs = resolve(p);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(abs);
    } catch {
      throw new AppError("PATH_NOT_FOUND", {
        fr: `Chemin introuvable : ${p}. Vérifiez l'orthographe et le dossier courant.`,
        en: `Path not found: ${p}. Check the spelling and the current folder.`,
      });
    }
    if (stat.isDirectory()) {
      walk(abs, base, out, add, exclude);
      continue;
    }
    const ext = extname(abs).toLowerCase();
    if (!READABLE.has(ext)) {
      const format = CONVERTIBLE[ext];
      throw new AppError("UNSUPPORTED_FORMAT", {
        fr: format
          ? `${p} : format ${format} non pris en charge. Enregistrez-le en .xlsx (Fichier > Enregistrer sous) ou convertissez-le : soffice --headless --convert-to xlsx "${basename(p)}"`
          : `${p} : ce n'est pas un tableur (.xlsx ou .csv attendu). Exportez les données au format .xlsx ou .csv.`,
        en: format
          ? `${p}: ${format} format is not supported. Save it as .xlsx (File > Save as) or convert it: soffice --headless --convert-to xlsx "${basename(p)}"`
          : `${p}: not a spreadsheet (.xlsx or .csv expected). Export the data as .xlsx or .csv.`,
      });
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
  add: (abs: string) => void,
  exclude: (abs: string) => Exclusion | undefined,
  top = realpathSync(dir),
) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    naturalCompare(a.name, b.name),
  );
  for (const entry of entries) {
    const abs = join(dir, entry.name);
    const path = displayPath(abs, base);
    const excluded = exclude(abs);
    // Our own output is not an input that was passed over: it is not listed.
    if (excluded === "own-output") continue;
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
      if (!real?.startsWith(`${top}${sep}`)) {
        out.skipped.push({ path, reason: "link-outside" });
        continue;
      }
      if (!statSync(real).isFile()) continue;
      isFile = true;
    }
    if (isDir) {
      walk(abs, base, out, add, exclude, top);
      continue;
    }
    if (!isFile) continue;
    const ext = extname(entry.name).toLowerCase();
    if (READABLE.has(ext) || ext in CONVERTIBLE) add(abs);
    else out.skipped.push({ path, reason: "not-spreadsheet" });
  }
}

function realTarget(abs: string): string | undefined {
  try {
    return realpathSync(abs);
  } catch {
    return undefined; // a dangling link
  }
}

/** Reads one file into raw cells; content problems come back as issues, never as exceptions. */
export async function readInput(
  file: InputFile,
  limits: Limits = DEFAULT_LIMITS,
): Promise<RawFile> {
  const ext = extname(file.abs).toLowerCase();
  const format = CONVERTIBLE[ext];
  if (format) {
    return {
      path: file.path,
      format: "xlsx",
      sheets: [],
      issues: [
        issue(
          "unsupported-format",
          { file: file.path },
          {
            params: { format, name: basename(file.abs) },
          },
        ),
      ],
    };
  }
  const formatOf = ext === ".csv" || ext === ".tsv" ? "csv" : "xlsx";
  let data: Buffer;
  try {
    const size = statSync(file.abs).size;
    if (size > limits.maxFileMB * 1e6) {
      return {
        path: file.path,
        format: formatOf,
        sheets: [],
        issues: [
          issue(
            "file-too-large",
            { file: file.path },
            {
              params: { size: Math.round(size / 1e6), limit: limits.maxFileMB },
            },
          ),
        ],
      };
    }
    data = readFileSync(file.abs);
  } catch (e) {
    return {
      path: file.path,
      format: formatOf,
      sheets: [],
      issues: [
        issue(
          "file-unreadable",
          { file: file.path },
          {
            params: { reason: (e as NodeJS.ErrnoException).code ?? String(e) },
          },
        ),
      ],
    };
  }
  // exceljs is loaded only when a workbook is met: CSV-only runs start faster without it.
  const raw =
    formatOf === "csv"
      ? readCsv(data, file.path)
      : await (await import("./xlsx.js")).readXlsx(data, file.path, limits);
  return applyLimits(raw, limits);
}

/**
 * Cuts what is past the row, column and cell limits, each with its own issue: a hostile or
 * broken file is answered, never allowed to exhaust the machine further down the pipeline.
 */
export function applyLimits(raw: RawFile, limits: Limits): RawFile {
  for (const sheet of raw.sheets) {
    const where = { file: raw.path, ...(sheet.name !== undefined ? { sheet: sheet.name } : {}) };
    if (sheet.rows.length > limits.maxRows) {
      const last = sheet.rows[limits.maxRows - 1]?.row ?? limits.maxRows;
      raw.issues.push(
        issue("too-many-rows", where, { params: { limit: limits.maxRows, row: last } }),
      );
      sheet.rows = sheet.rows.slice(0, limits.maxRows);
    }
    let widthReported = false;
    for (const row of sheet.rows) {
      if (row.cells.length > limits.maxColumns) {
        // Empty cells past the limit (a CSV line of delimiters) are dropped without a word.
        if (
          !widthReported &&
          row.cells.slice(limits.maxColumns).some((c) => c?.v != null || c?.error)
        ) {
          raw.issues.push(
            issue(
              "too-many-columns",
              { ...where, row: row.row },
              {
                params: { limit: limits.maxColumns, row: row.row },
              },
            ),
          );
          widthReported = true;
        }
        row.cells = row.cells.slice(0, limits.maxColumns);
      }
      for (const cell of row.cells) {
        if (cell && typeof cell.v === "string" && cell.v.length > limits.maxCellLength) {
          cell.tooLong = cell.v.length;
          cell.v = cell.v.slice(0, limits.maxCellLength);
        }
      }
    }
  }
  return raw;
}
