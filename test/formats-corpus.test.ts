import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parse } from "csv-parse/sync";
import JSZip from "jszip";
import { beforeAll, expect, it } from "vitest";
import { readInput } from "../src/read/index.js";
import type { Cell, RawFile } from "../src/read/types.js";
import { CORPUS_DIR, corpusFiles, describeCorpus } from "./helpers/corpus.js";
import { soffice } from "./helpers/libreoffice.js";
import { run } from "./helpers/workshop.js";

/**
 * The `formats/` corpus (.ods and .xls from calamine's tests) read by atelier, against
 * LibreOffice as MANIFEST.md says: each visible sheet gives the cells LibreOffice's CSV export
 * gives, hidden sheets are skipped with the usual warning, the two files no program can read
 * are refused in French with their cause. Whole sheets are compared, row numbers included.
 *
 * The oracle, for all files at once (two LibreOffice runs): the CSV export of MANIFEST.md, one
 * CSV per sheet; and an .xlsx export, read only for what a CSV cannot say: the sheets with their
 * visibility, and the merged ranges. As for XLSX, a merge's master value goes to every cell it
 * covers, and a row exists only when it holds a value outside the cells a merge covers (what
 * hides under a merge is not shown, and a merge's copies never make a row).
 */

const CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
// Tokens of the filter: separator 44 (,), quote 34 ("), charset 76 (UTF-8), from line 1, no
// column formats, language 0 (the system's), then import flags (quoted as text, detect special
// numbers), then `save cell contents as shown` = false: numbers come out raw (a 0.5 formatted
// `0` gives 0.5; with true it gives 1, checked by experiment), then no formulas, no trimming,
// -1 = every sheet to `<file>-<sheet>.csv`.

const hasSoffice = spawnSync("soffice", ["--version"], { stdio: "ignore" }).status === 0;

const FILES = corpusFiles((p) => p.startsWith("formats/"));

/** Files that no program reads, and the refusal MANIFEST.md asks of them. */
const REFUSED: Record<string, { cause: RegExp; fix?: RegExp }> = {
  "formats/calamine__pass_protected.ods": {
    cause: /protégé par (un )?mot de passe/,
    fix: /enlevez le mot de passe/,
  },
  // 68 bytes of plain text (a mail gateway's "Attachment ... not found!") named .xls:
  // LibreOffice opens it as a text file. "Not a workbook, perhaps a renamed text" is the exact
  // cause; "damaged" would do as well. Either way the format must be named.
  "formats/calamine__too_small.xls": {
    cause: /(endommagé|n'est pas un classeur).*Excel|Excel.*(endommagé|pas un classeur)/,
  },
};

/**
 * Known differences between atelier and LibreOffice, by file, sheet and cells: SheetJS drops a
 * time's fraction of a second and a text's trailing space, neither of which a workshop field
 * holds (times are not read, texts are trimmed). Each gives an `it.fails` on the whole
 * comparison, which fails loudly the day SheetJS reads them, and an `it` that checks the rest of
 * the file with those cells left out.
 */
const DEFECTS: Record<string, { sheet: string; cells: string[]; defect: string }> = {
  "formats/calamine__date.ods": {
    sheet: "Sheet1",
    cells: ["A4"],
    defect:
      "time PT10H10M10.123456S loses its fraction of a second: 10:10:10.000, LibreOffice 10:10:10.123456",
  },
  "formats/calamine__special_cells.ods": {
    sheet: "sheet1",
    cells: ["A4"],
    defect:
      "the trailing space of ' Value   With spaces before and after ' is dropped (a literal space before </text:p>)",
  },
};

/**
 * Where LibreOffice's CSV is not the file's content, the value the file holds, with why.
 * empty-string.xls B1 is `=ISBLANK(A1)` with Excel's cached result FALSE (A1 holds an empty
 * text). LibreOffice recalculates .xls formulas on load and, having imported A1's empty text as
 * a blank cell, prints 1. atelier reads cached results, never evaluates: FALSE is the file's.
 */
const ORACLE_OVERRIDES: Record<string, Record<string, Record<string, string>>> = {
  "formats/calamine__empty-string.xls": { Sheet1: { B1: "FALSE" } },
};

// --- atelier's side ---------------------------------------------------------------------------

/** A row of cells as text, with its number; trailing empty cells left out. */
interface TextRow {
  row: number;
  cells: string[];
}

/** An atelier cell as text: numbers as JS prints them, booleans TRUE/FALSE, dates in ISO. */
function render(cell: Cell | undefined): string {
  if (cell === undefined) return "";
  const v = cell.v;
  if (v === null) return cell.error ?? (cell.formula !== undefined ? `=${cell.formula}` : "");
  if (typeof v === "string") return v.trim() === "" ? "" : v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v.toISOString();
}

function trimRow(cells: string[]): string[] {
  let width = cells.length;
  while (width > 0 && cells[width - 1] === "") width--;
  return cells.slice(0, width);
}

// --- LibreOffice's side -----------------------------------------------------------------------

interface OracleSheet {
  name: string;
  state: "visible" | "hidden";
  /** Merged ranges, 0-based, inclusive. */
  merges: { r0: number; c0: number; r1: number; c1: number }[];
  /** The CSV's records, row 1 first. */
  grid: string[][];
}

function cellIndex(ref: string): { r: number; c: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  let c = 0;
  for (const ch of m[1] as string) c = c * 26 + ch.charCodeAt(0) - 64;
  return { r: Number(m[2]) - 1, c: c - 1 };
}

function xmlText(s: string): string {
  return s
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? xmlText(m[1] as string) : undefined;
}

/** Sheets in order, their visibility and merges, from LibreOffice's .xlsx export. */
async function layoutOf(xlsx: string, fromXls: boolean) {
  const zip = await JSZip.loadAsync(readFileSync(xlsx));
  const read = async (part: string) => (await zip.file(part)?.async("string")) ?? "";
  const workbook = await read("xl/workbook.xml");
  const rels = await read("xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>();
  for (const [tag] of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(tag, "Id");
    const target = attr(tag, "Target");
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, "xl/"));
  }
  const sheets: Omit<OracleSheet, "grid">[] = [];
  for (const [tag] of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const part = targets.get(attr(tag, "r:id") ?? "") ?? "";
    const xml = await read(part);
    // A chart sheet is no worksheet for atelier; LibreOffice exports an .xls chart sheet as a
    // worksheet holding a drawing and no cell.
    const chart = fromXls && xml.includes("<drawing") && !/<c\b/.test(xml);
    if (part.includes("chartsheets/") || chart) continue;
    const merges = [...xml.matchAll(/<mergeCell\b[^>]*ref="([A-Z]+\d+):([A-Z]+\d+)"/g)].map((m) => {
      const s = cellIndex(m[1] as string);
      const e = cellIndex(m[2] as string);
      return { r0: s.r, c0: s.c, r1: e.r, c1: e.c };
    });
    sheets.push({
      name: attr(tag, "name") ?? "",
      // LibreOffice knows one kind of hidden sheet: Excel's very hidden ones are hidden.
      state: (attr(tag, "state") ?? "visible") === "visible" ? "visible" : "hidden",
      merges,
    });
  }
  return sheets;
}

/** The LibreOffice run's outputs: CSV per sheet, .xlsx per file, by corpus path. */
let csvDir = "";
let xlsxDir = "";

/** What LibreOffice made of a file: `undefined` when it could not open it. */
async function oracle(file: string): Promise<OracleSheet[] | undefined> {
  const name = basename(file);
  const xlsx = join(xlsxDir, `${name}.xlsx`);
  if (!existsSync(xlsx)) return undefined;
  const layout = await layoutOf(xlsx, file.endsWith(".xls"));
  return layout.map((sheet) => {
    const csv = join(csvDir, `${name}-${sheet.name}.csv`);
    if (!existsSync(csv)) throw new Error(`LibreOffice wrote no ${csv}`);
    const grid = parse(readFileSync(csv, "utf8"), {
      delimiter: ",",
      relax_column_count: true,
      bom: true,
    }) as string[][];
    return { ...sheet, grid };
  });
}

/** The UTC instants (ms) LibreOffice's date text can mean; none when it is no date or time of day. */
function loInstants(text: string): number[] {
  const time = (h?: string, mi?: string, s?: string, frac?: string, ampm?: string) => {
    let hour = Number(h ?? 0);
    if (hour > 23) return undefined; // 255:10:10 is an elapsed time, not a time of day
    if (ampm === "PM" && hour < 12) hour += 12;
    if (ampm === "AM" && hour === 12) hour = 0;
    // JS dates hold milliseconds: LibreOffice's 10:10:10.123456 compares as .123.
    const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
    return ((hour * 60 + Number(mi ?? 0)) * 60 + Number(s ?? 0)) * 1000 + ms;
  };
  const clock = "(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?(?: ?(AM|PM))?)?";
  const iso = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})${clock}$`).exec(text);
  const us = new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})${clock}$`).exec(text);
  const day = iso
    ? Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]))
    : us
      ? Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2]))
      : undefined;
  const m = iso ?? us;
  if (day !== undefined && m) {
    const t = time(m[4], m[5], m[6], m[7], m[8]);
    return t === undefined ? [] : [day + t];
  }
  const only = /^(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?: ?(AM|PM))?$/.exec(text);
  if (!only) return [];
  const t = time(only[1], only[2], only[3], only[4], only[5]);
  // A time alone is a fraction of a day from the file's epoch: 1900 or 1904 calendar.
  return t === undefined ? [] : [Date.UTC(1899, 11, 30) + t, Date.UTC(1904, 0, 1) + t];
}

/**
 * Whether LibreOffice's text says atelier's value, beyond equal text. Each rule is narrow: it
 * needs atelier's value to be of the given type and equal in value.
 */
function sameValue(lo: string, cell: Cell | undefined): boolean {
  const v = cell?.v;
  if (typeof v === "number") {
    // An elapsed time (`[h]:mm:ss`) is shown as such; atelier keeps its count of days.
    const elapsed = /^(\d+):(\d{2}):(\d{2})$/.exec(lo);
    if (elapsed) {
      const seconds = (Number(elapsed[1]) * 60 + Number(elapsed[2])) * 60 + Number(elapsed[3]);
      return Math.round(v * 86_400) === seconds;
    }
    // LibreOffice prints the "General" format, 15 significant digits at most.
    const n = Number(lo);
    return lo !== "" && (n === v || n === Number(v.toPrecision(15)));
  }
  if (typeof v === "boolean") {
    // TRUE/FALSE; a logical formula's result in an .xls comes out as 1/0 (LibreOffice types it
    // as a number); a boolean cell whose style is French says VRAI/FAUX (richtext_issue.ods).
    const words = v ? ["TRUE", "1", "VRAI"] : ["FALSE", "0", "FAUX"];
    return words.includes(lo);
  }
  if (v instanceof Date) return loInstants(lo).includes(v.getTime());
  return false;
}

/** Cells of a sheet as LibreOffice gives them, merges filled, in atelier's terms where equal. */
function expectedRows(sheet: OracleSheet, raw: RawRowsByNumber): TextRow[] {
  const grid = sheet.grid.map((r) => [...r]);
  const covered = new Set<string>();
  for (const m of sheet.merges) {
    const master = grid[m.r0]?.[m.c0] ?? "";
    for (let r = m.r0; r <= m.r1; r++) {
      for (let c = m.c0; c <= m.c1; c++) {
        if (r === m.r0 && c === m.c0) continue;
        covered.add(`${r},${c}`);
        const row = grid[r] ?? [];
        while (row.length <= c) row.push("");
        row[c] = master;
        grid[r] = row;
      }
    }
  }
  const rows: TextRow[] = [];
  grid.forEach((texts, r) => {
    const own = texts.some((t, c) => t.trim() !== "" && !covered.has(`${r},${c}`));
    if (!own) return;
    const cells = texts.map((lo, c) => {
      // Whitespace-only text is an empty cell in every atelier reader (`hasContent`).
      if (lo.trim() === "") return "";
      const cell = raw.get(r + 1)?.[c];
      return sameValue(lo, cell) ? render(cell) : lo;
    });
    const trimmed = trimRow(cells);
    if (trimmed.length > 0) rows.push({ row: r + 1, cells: trimmed });
  });
  return rows;
}

type RawRowsByNumber = Map<number, (Cell | undefined)[]>;

// --- the comparison ---------------------------------------------------------------------------

function columnName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Both sides, every visible sheet of LibreOffice, by sheet name. */
interface Comparison {
  expected: Record<string, TextRow[]>;
  actual: Record<string, TextRow[]>;
}

function compare(file: string, sheets: OracleSheet[], raw: RawFile): Comparison {
  const expected: Record<string, TextRow[]> = {};
  const actual: Record<string, TextRow[]> = {};
  const overrides = ORACLE_OVERRIDES[file] ?? {};
  for (const sheet of sheets.filter((s) => s.state === "visible")) {
    const mine = raw.sheets.find((s) => s.name === sheet.name);
    const byNumber: RawRowsByNumber = new Map(mine?.rows.map((r) => [r.row, r.cells]) ?? []);
    const grid = sheet.grid.map((r) => [...r]);
    for (const [ref, value] of Object.entries(overrides[sheet.name] ?? {})) {
      const { r, c } = cellIndex(ref);
      const row = grid[r] ?? [];
      while (row.length <= c) row.push("");
      row[c] = value;
      grid[r] = row;
    }
    actual[sheet.name] = (mine?.rows ?? [])
      .map((r) => ({ row: r.row, cells: trimRow(r.cells.map(render)) }))
      .filter((r) => r.cells.length > 0);
    expected[sheet.name] = expectedRows({ ...sheet, grid }, byNumber);
  }
  return { expected, actual };
}

/** Both sides with the given cells of one sheet left out (emptied, then empty rows dropped). */
function without(c: Comparison, sheet: string, cells: string[]): Comparison {
  const drop = new Set(cells);
  const cut = (rows: TextRow[] = []) =>
    rows
      .map((r) => ({
        row: r.row,
        cells: trimRow(r.cells.map((v, i) => (drop.has(`${columnName(i)}${r.row}`) ? "" : v))),
      }))
      .filter((r) => r.cells.length > 0);
  return {
    expected: { ...c.expected, [sheet]: cut(c.expected[sheet]) },
    actual: { ...c.actual, [sheet]: cut(c.actual[sheet]) },
  };
}

// --- the tests --------------------------------------------------------------------------------

const abs = (file: string) => `${CORPUS_DIR}${file}`;

/** atelier's reading of every file (how long it takes is the benchmark's, not a test's). */
const read = new Map<string, { raw: RawFile }>();

async function readAll() {
  for (const file of FILES) {
    if (read.has(file)) continue;
    read.set(file, { raw: await readInput({ abs: abs(file), path: file }) });
  }
}

const validate = async (file: string) => {
  const r = await run("validate", abs(file), "--format", "json");
  const problems = JSON.parse(r.out).files[0].problems as {
    code: string;
    sheet: string | null;
    message: string;
    hint: string | null;
  }[];
  return { ...r, problems };
};

describeCorpus("formats/ corpus: refusals", () => {
  beforeAll(readAll, 120_000);

  for (const [file, expected] of Object.entries(REFUSED)) {
    it(`${file} is refused, with one file-unreadable problem, no sheet`, async () => {
      const { raw } = read.get(file) ?? expect.unreachable(`${file} not in the corpus`);
      expect(raw.sheets).toEqual([]);
      expect(raw.issues.map((i) => i.code)).toEqual(["file-unreadable"]);
      const r = await validate(file);
      expect(r.err).toBe("");
      expect(r.code).toBe(1);
      expect(r.problems.map((p) => p.code)).toEqual(["file-unreadable"]);
    });

    const says = async () => {
      const [p] = (await validate(file)).problems;
      expect(p?.message).toMatch(expected.cause);
      if (expected.fix) expect(`${p?.message} ${p?.hint}`).toMatch(expected.fix);
    };
    it(`${file} says why in French, naming the format`, says);
  }
});

describeCorpus("formats/ corpus against LibreOffice", () => {
  if (!hasSoffice) {
    const why =
      "soffice (LibreOffice) is not installed: the formats/ corpus has no oracle, skipped";
    console.warn(why);
    it.skip(why, () => {});
    return;
  }

  const oracles = new Map<string, OracleSheet[] | undefined>();

  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), "atelier-formats-"));
    // .ods and .xls of the same name (date, issues, any_sheets) would write the same CSV names:
    // each file goes in through a link named after its whole name (`x.xls.xls` → `x.xls-S.csv`).
    const links = join(out, "in");
    csvDir = join(out, "csv");
    xlsxDir = join(out, "xlsx");
    for (const d of [links, csvDir, xlsxDir]) mkdirSync(d);
    const inputs = FILES.map((file) => {
      const name = basename(file);
      const link = join(links, `${name}${name.slice(name.lastIndexOf("."))}`);
      symlinkSync(abs(file), link);
      return link;
    });
    // LibreOffice prints dates in its locale, the system's (language 0): C.UTF-8 on every
    // machine, which it takes as en-US (dates M/D/YYYY), with UTF-8 file names (工作表1).
    const locale = process.env.LC_ALL;
    process.env.LC_ALL = "C.UTF-8";
    try {
      for (const [dir, format] of [
        [csvDir, CSV_FILTER],
        [xlsxDir, "xlsx"],
      ] as const) {
        try {
          soffice(inputs, dir, format);
        } catch {
          // One file that stops LibreOffice: each on its own, the failing one left without.
          for (const input of inputs) {
            try {
              soffice(input, dir, format);
            } catch {}
          }
        }
      }
    } finally {
      if (locale === undefined) delete process.env.LC_ALL;
      else process.env.LC_ALL = locale;
    }
    for (const file of FILES) oracles.set(file, await oracle(file));
    await readAll();
  }, 600_000);

  it("the corpus has its 25 files", () => {
    expect(FILES.length).toBe(25);
  });

  it("LibreOffice cannot open the encrypted .ods either", () => {
    expect(oracles.get("formats/calamine__pass_protected.ods")).toBeUndefined();
  });

  const readable = FILES.filter((f) => !(f in REFUSED));

  it.each(readable)("%s: the sheets and their visibility", (file) => {
    const sheets = oracles.get(file) ?? expect.unreachable("LibreOffice could not open it");
    const { raw } = read.get(file) ?? expect.unreachable();
    expect(raw.issues).toEqual([]);
    expect(
      raw.sheets.map((s) => ({
        name: s.name,
        state: s.state === "visible" ? "visible" : "hidden",
      })),
    ).toEqual(sheets.map((s) => ({ name: s.name, state: s.state })));
  });

  const sheetsOf = (file: string) => {
    const sheets = oracles.get(file) ?? expect.unreachable("LibreOffice could not open it");
    const { raw } = read.get(file) ?? expect.unreachable();
    return compare(file, sheets, raw);
  };

  for (const file of readable) {
    const defect = DEFECTS[file];
    if (!defect) {
      it(`${file}: every visible sheet gives LibreOffice's cells`, () => {
        const { expected, actual } = sheetsOf(file);
        expect(actual).toEqual(expected);
      });
      continue;
    }
    it(`${file}: every visible sheet gives LibreOffice's cells, but ${defect.sheet}!${defect.cells.join(",")}`, () => {
      const { expected, actual } = without(sheetsOf(file), defect.sheet, defect.cells);
      expect(actual).toEqual(expected);
    });
    // Reader defect, see DEFECTS: turn into `it` once fixed.
    it.fails(`${file}: ${defect.sheet}: ${defect.defect}`, () => {
      const { expected, actual } = sheetsOf(file);
      expect(actual).toEqual(expected);
    });
  }

  it.each(readable)("%s: validate answers; hidden sheets skipped with a warning", async (file) => {
    const sheets = oracles.get(file) ?? expect.unreachable("LibreOffice could not open it");
    const r = await validate(file);
    expect(r.err).toBe("");
    // None of these files is a workshop submission: problems, never a crash (exit 2).
    expect(r.code).toBe(1);
    expect(r.problems.map((p) => p.code)).not.toContain("file-unreadable");
    const hidden = sheets.filter((s) => s.state === "hidden").map((s) => s.name);
    const warned = r.problems.filter((p) => p.code === "hidden-sheet");
    expect(warned.map((p) => p.sheet)).toEqual(hidden);
    expect(warned.map((p) => p.message)).toEqual(
      hidden.map((name) => `Feuille masquée « ${name} » ignorée`),
    );
  });
});
