#!/usr/bin/env node
/**
 * `node bench/readers.mjs`: the two XLSX readers side by side, to choose one by measurement.
 *
 *   exceljs  `readXlsx(data, path, limits)` (dist/read/xlsx.js), exceljs with its patches and,
 *            when exceljs throws on a well-formed file, its SheetJS fallback (counted, see below)
 *   SheetJS  `readSheetJs(data, path, "xlsx", limits)` (dist/read/sheetjs.js), called directly
 *
 *   1. correctness  every .xlsx of ../shared/corpus/, fixtures/ and test/corpus/producers/ (when
 *                   present) read by both; the results compared cell by cell; every difference
 *                   judged against the file's own XML (which reader gives what the XML holds)
 *   2. tests        test/read-xlsx.test.ts run as is, then with `readXlsx` standing for
 *                   `readSheetJs(…, "xlsx", …)` (a temporary vitest config under .tmp/), every
 *                   `expect` made soft so that each failing assertion is counted
 *   3. bench set    the 20 XLSX × 2,000 rows of bench/generate.mjs, read in a fresh child process
 *                   per reader, median of --runs runs taken in turn (A B A B …), peak RSS
 *   4. large        one sheet of 100,000 rows × 7 columns (and 25,000 and 50,000 rows for the
 *                   slope): time, peak RSS, MB of RSS per MB of inflated sheet XML
 *   5. cold start   a fresh `node` importing the reader and reading fixtures/valid/atelier-complet.xlsx,
 *                   median of 10 taken in turn, minus `node -e 0`
 *
 * Peak memory is `process.resourceUsage().maxRSS` read by the child itself at its end, so it
 * works wherever Node does. Raw results go to .tmp/readers.json.
 *
 *   node bench/readers.mjs [--only correctness,tests,bench,large,cold] [--runs 5]
 *                          [--cold-runs 10] [--large-rows 100000]
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire, register } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const TMP = path.join(ROOT, ".tmp");
const DIST = path.join(ROOT, "dist");
const url = (p) => pathToFileURL(p).href;
const XLSX_JS = url(path.join(DIST, "read", "xlsx.js"));
const SHEETJS_JS = url(path.join(DIST, "read", "sheetjs.js"));
const SELF = fileURLToPath(import.meta.url);
const SMALL = path.join(ROOT, "fixtures", "valid", "atelier-complet.xlsx");
const READERS = ["exceljs", "sheetjs"];
const LABEL = { exceljs: "exceljs (readXlsx)", sheetjs: "SheetJS (readSheetJs)" };

// --- options -----------------------------------------------------------------------------------

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const v = process.argv[i + 1];
  return v === undefined || v.startsWith("--") ? true : v;
}

// --- small utilities ------------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (n, d = 2) => (Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : null);
const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
const rel = (p) => path.relative(ROOT, p).replaceAll("\\", "/");

/** Every file under `dir` (recursively) whose name ends with `.xlsx`, sorted. */
function xlsxUnder(dir) {
  if (!existsSync(dir)) return [];
  return (
    readdirSync(dir, { recursive: true, encoding: "utf8" })
      // atelier's own results (`sortie/`) are not inputs.
      .filter((p) => p.toLowerCase().endsWith(".xlsx") && !/(^|[\\/])sortie[\\/]/.test(p))
      .map((p) => path.join(dir, p))
      .filter((p) => statSync(p).isFile())
      .sort()
  );
}

/** Runs this script as a child with one job; its JSON answer, and the child's wall time. */
function child(job, { args = [] } = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...args, SELF, "--child", JSON.stringify(job)], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) {
    throw new Error(
      `child ${job.task} ${job.reader ?? ""} failed: ${String(r.stderr).slice(-800)}`,
    );
  }
  const lines = r.stdout.trim().split("\n");
  return { ...JSON.parse(lines[lines.length - 1]), wallMs: wall };
}

/**
 * The compiled readers being measured: a digest of dist/read/ and dist/config.js, and whether
 * src/read/ holds a newer source than its build (then `npm run build` is due).
 */
function distState() {
  const hash = createHash("sha256");
  const files = [
    ...readdirSync(path.join(DIST, "read"))
      .filter((f) => f.endsWith(".js"))
      .sort()
      .map((f) => path.join(DIST, "read", f)),
    path.join(DIST, "config.js"),
  ];
  let built = Number.POSITIVE_INFINITY;
  for (const f of files) {
    hash.update(readFileSync(f));
    built = Math.min(built, statSync(f).mtimeMs);
  }
  const srcDir = path.join(ROOT, "src", "read");
  const stale = existsSync(srcDir)
    ? readdirSync(srcDir)
        .filter((f) => f.endsWith(".ts"))
        .filter((f) => statSync(path.join(srcDir, f)).mtimeMs > built)
    : [];
  return { digest: hash.digest("hex").slice(0, 16), builtAt: new Date(built).toISOString(), stale };
}

// --- what a RawFile says, in a comparable form ---------------------------------------------------

/** A cell as plain JSON: dates as ISO text, undefined keys dropped, in a fixed key order. */
function plainCell(c) {
  if (c === undefined) return undefined;
  const out = {};
  for (const k of ["v", "error", "percent", "currency", "formula", "tooLong"]) {
    const x = c[k];
    if (x === undefined) continue;
    out[k] =
      x instanceof Date ? { date: Number.isNaN(x.getTime()) ? "invalid" : x.toISOString() } : x;
  }
  return out;
}

function plainIssues(file) {
  return file.issues.map((i) => {
    const why = i.params?.reason;
    return { code: i.code, reason: typeof why === "object" ? why.fr : why };
  });
}

/** A digest of everything the comparison looks at: two readers agree on a file iff equal. */
function digest(file) {
  const plain = {
    sheets: file.sheets.map((s) => ({
      name: s.name,
      state: s.state,
      rows: s.rows.map((r) => ({ row: r.row, hidden: !!r.hidden, cells: r.cells.map(plainCell) })),
    })),
    issues: plainIssues(file),
    output: !!file.output,
  };
  return createHash("sha256").update(JSON.stringify(plain)).digest("hex");
}

// --- child processes ---------------------------------------------------------------------------

async function runChild(job) {
  const out = {};
  if (job.task === "read") {
    const t0 = performance.now();
    const read = await loadReader(job.reader);
    const t1 = performance.now();
    const { DEFAULT_LIMITS } = await import(url(path.join(DIST, "config.js")));
    const limits = { ...DEFAULT_LIMITS, ...(job.limits ?? {}) };
    const digests = [];
    const t2 = performance.now();
    let rows = 0;
    let refused = 0;
    for (const f of job.files) {
      const file = await read(readFileSync(f), path.basename(f), limits);
      rows += file.sheets.reduce((n, s) => n + s.rows.length, 0);
      if (file.issues.length > 0) refused++;
      if (job.digest) digests.push(digest(file));
    }
    out.readMs = performance.now() - t2;
    out.importMs = t1 - t0;
    out.rows = rows;
    out.refused = refused;
    out.digests = digests;
  } else if (job.task === "baseline") {
    // The memory a reader costs before any data: module loaded, one tiny workbook read.
    const read = await loadReader(job.reader);
    await read(readFileSync(SMALL), "small.xlsx");
  } else if (job.task === "write-large") {
    await writeLarge(job.file, job.rows);
  }
  out.maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

async function loadReader(reader) {
  if (reader === "exceljs") {
    const { readXlsx } = await import(XLSX_JS);
    return readXlsx;
  }
  const { readSheetJs } = await import(SHEETJS_JS);
  return (data, p, limits) => readSheetJs(data, p, "xlsx", limits);
}

// --- 1. correctness ----------------------------------------------------------------------------

/**
 * How the exceljs reader is caught falling back to SheetJS: a module hook (`module.register`)
 * hands dist/read/xlsx.js a thin wrapper for its `import("./sheetjs.js")`, which records each
 * call and the object it returns. readXlsx returns that very object when it uses the fallback,
 * so `results.has(file)` says exactly which files exceljs itself did not read: no guess from
 * the output (which would be equal to SheetJS's anyway), no second copy of the reader.
 */
function watchFallback() {
  globalThis.__readersBench = { calls: [], results: new WeakSet() };
  const wrapper = `import { readSheetJs as real } from ${JSON.stringify(SHEETJS_JS)};
export async function readSheetJs(...args) {
  const r = await real(...args);
  globalThis.__readersBench?.calls.push(args[1]);
  globalThis.__readersBench?.results.add(r);
  return r;
}`;
  const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "./sheetjs.js" && context.parentURL === ${JSON.stringify(XLSX_JS)}) {
    return { url: ${JSON.stringify(`data:text/javascript,${encodeURIComponent(wrapper)}`)}, shortCircuit: true };
  }
  return next(specifier, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
  return globalThis.__readersBench;
}

async function correctness() {
  const watch = watchFallback();
  const { readXlsx } = await import(XLSX_JS);
  const { readSheetJs } = await import(SHEETJS_JS);
  const { DEFAULT_LIMITS } = await import(url(path.join(DIST, "config.js")));
  const corpusDir = path.resolve(ROOT, "..", "shared", "corpus");
  const groups = [
    ["corpus", corpusDir],
    ["fixtures", path.join(ROOT, "fixtures")],
    ["producers", path.join(ROOT, "test", "corpus", "producers")],
  ];
  const notes = [];
  const files = [];
  for (const [group, dir] of groups) {
    if (!existsSync(dir)) {
      notes.push(`${group}: ${rel(dir)} absent, skipped`);
      console.log(`  ${group}: ${dir} absent, skipped`);
      continue;
    }
    const found = xlsxUnder(dir);
    console.log(`  ${group}: ${found.length} .xlsx in ${rel(dir)}`);
    for (const f of found)
      files.push({ group, abs: f, name: path.relative(dir, f).replaceAll("\\", "/") });
  }
  const perFile = [];
  const differences = [];
  const judgeCheck = { cells: 0, disagree: [] };
  for (const f of files) {
    const data = readFileSync(f.abs);
    const a = await readXlsx(data, f.name, DEFAULT_LIMITS);
    const fallback = watch.results.has(a);
    const b = await readSheetJs(data, f.name, "xlsx", DEFAULT_LIMITS);
    const diffs = compare(a, b);
    if (diffs.length > 0) {
      const oracle = await Oracle.open(data);
      for (const d of diffs) {
        Object.assign(d, judge(d, oracle, a, b));
        d.group = f.group;
        d.file = f.name;
      }
    }
    differences.push(...diffs);
    // The judge checked on cells both readers agree on: up to 20 per file.
    if (a.issues.length === 0 && b.issues.length === 0) {
      const oracle = await Oracle.open(data);
      let n = 0;
      for (const sheet of a.sheets) {
        const twinSheet = b.sheets.find((x) => x.name === sheet.name);
        for (const row of sheet.rows) {
          const twinRow = twinSheet?.rows.find((r) => r.row === row.row);
          row.cells.forEach((cell, col) => {
            if (
              n >= 20 ||
              cell === undefined ||
              !same(plainCell(cell), plainCell(twinRow?.cells[col]))
            )
              return;
            n++;
            const want = oracle.expectedCell(sheet.name, `${colName(col)}${row.row}`).cell;
            const ok = ["v", "error", "formula", "percent", "currency"].every((k) =>
              fitsField(plainCell(cell)[k], want?.[k]),
            );
            judgeCheck.cells++;
            if (!ok) {
              judgeCheck.disagree.push({
                file: f.name,
                where: `${sheet.name}!${colName(col)}${row.row}`,
                readers: plainCell(cell),
                xml: want ?? null,
              });
            }
          });
        }
      }
    }
    const against = (who) => diffs.some((d) => d.right !== who && d.right !== "both");
    perFile.push({
      group: f.group,
      file: f.name,
      fallback,
      same: diffs.length === 0,
      differences: diffs.length,
      exceljsWrong: against("exceljs"),
      sheetjsWrong: against("sheetjs"),
      refused: { exceljs: a.issues.length > 0, sheetjs: b.issues.length > 0 },
    });
    const mark = diffs.length === 0 ? "same" : `${diffs.length} difference(s)`;
    console.log(
      `    ${f.group}/${f.name}: ${mark}${fallback ? " (readXlsx used its SheetJS fallback)" : ""}`,
    );
  }
  // What each reader does with the corpus' other workbooks (.xls, .ods, CSV) given as .xlsx: the
  // XLSX reader meets them when a file is misnamed.
  const others = [];
  if (existsSync(corpusDir)) {
    const names = readdirSync(corpusDir, { recursive: true, encoding: "utf8" })
      .map((p) => p.replaceAll("\\", "/"))
      .filter((p) => /\.(xls|ods|csv|tsv)$/i.test(p))
      .sort();
    for (const name of names) {
      const data = readFileSync(path.join(corpusDir, name));
      const a = await readXlsx(data, name, DEFAULT_LIMITS);
      const b = await readSheetJs(data, name, "xlsx", DEFAULT_LIMITS);
      others.push({
        file: name,
        exceljsRefuses: a.issues.length > 0,
        sheetjsRefuses: b.issues.length > 0,
        sheetjsReason: plainIssues(b)[0]?.reason,
      });
    }
  }
  return {
    notes,
    files: perFile,
    differences,
    fallbackCalls: watch.calls,
    otherFormats: others,
    judgeCheck,
  };
}

/** Every difference between the two readings of one file, most general first. */
function compare(a, b) {
  const out = [];
  const ia = JSON.stringify(plainIssues(a));
  const ib = JSON.stringify(plainIssues(b));
  if (ia !== ib) {
    out.push({ kind: "issues", where: "file", exceljs: plainIssues(a), sheetjs: plainIssues(b) });
  }
  // One reader refuses the file, the other reads it: that is the difference, its sheets follow.
  if (a.issues.length > 0 !== b.issues.length > 0) return out;
  if (!!a.output !== !!b.output) {
    out.push({ kind: "output-flag", where: "file", exceljs: !!a.output, sheetjs: !!b.output });
  }
  const byName = (file) => new Map(file.sheets.map((s) => [s.name, s]));
  const sa = byName(a);
  const sb = byName(b);
  // Tab order of the sheets both list.
  const orderA = a.sheets.map((s) => s.name).filter((n) => sb.has(n));
  const orderB = b.sheets.map((s) => s.name).filter((n) => sa.has(n));
  if (!same(orderA, orderB)) {
    out.push({ kind: "sheet-order", where: "file", exceljs: orderA, sheetjs: orderB });
  }
  for (const name of new Set([...sa.keys(), ...sb.keys()])) {
    const x = sa.get(name);
    const y = sb.get(name);
    if (!x || !y) {
      const s = x ?? y;
      out.push({
        kind: "sheet-only-in",
        where: name,
        sheet: name,
        exceljs: x ? `${x.state}, ${x.rows.length} rows` : null,
        sheetjs: y ? `${y.state}, ${y.rows.length} rows` : null,
        rows: s.rows.length,
      });
      continue;
    }
    if (x.state !== y.state) {
      out.push({
        kind: "sheet-state",
        where: name,
        sheet: name,
        exceljs: x.state,
        sheetjs: y.state,
      });
    }
    const ra = new Map(x.rows.map((r) => [r.row, r]));
    const rb = new Map(y.rows.map((r) => [r.row, r]));
    for (const n of [...new Set([...ra.keys(), ...rb.keys()])].sort((p, q) => p - q)) {
      const p = ra.get(n);
      const q = rb.get(n);
      if (!p || !q) {
        out.push({
          kind: "row-only-in",
          where: `${name}!${n}`,
          sheet: name,
          row: n,
          exceljs: p ? p.cells.map(plainCell) : null,
          sheetjs: q ? q.cells.map(plainCell) : null,
        });
        continue;
      }
      if (!!p.hidden !== !!q.hidden) {
        out.push({
          kind: "row-hidden",
          where: `${name}!${n}`,
          sheet: name,
          row: n,
          exceljs: !!p.hidden,
          sheetjs: !!q.hidden,
        });
      }
      for (let c = 0; c < Math.max(p.cells.length, q.cells.length); c++) {
        const u = plainCell(p.cells[c]);
        const v = plainCell(q.cells[c]);
        if (JSON.stringify(u) === JSON.stringify(v)) continue;
        const fields = ["v", "error", "percent", "currency", "formula", "tooLong"].filter(
          (k) => JSON.stringify(u?.[k]) !== JSON.stringify(v?.[k]),
        );
        out.push({
          kind: `cell:${fields.join("+")}`,
          where: `${name}!${colName(c)}${n}`,
          sheet: name,
          row: n,
          col: c,
          exceljs: u ?? null,
          sheetjs: v ?? null,
        });
      }
    }
  }
  return out;
}

function colName(c) {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function colIndex(letters) {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * The file's own XML, read without either reader: the zip through jszip, XML checked with
 * saxes (a strict parser), everything else with regular expressions on the parts. It judges the
 * places where the readers differ, and is itself checked on cells where they agree.
 */
class Oracle {
  static async open(data) {
    const o = new Oracle();
    o.zip = data[0] === 0x50 && data[1] === 0x4b;
    o.parts = new Map();
    if (!o.zip) {
      o.container = data.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))
        ? "an OLE compound file (encrypted workbook or .xls), not a zip"
        : "not a zip";
      return o;
    }
    try {
      const JSZip = requireFromRoot("jszip");
      const zip = await JSZip.loadAsync(data);
      for (const e of Object.values(zip.files)) {
        if (e.dir) continue;
        const name = e.name.replace(/\\/g, "/").replace(/^\/+/, "");
        if (/\.(xml|rels)$/i.test(name))
          o.parts.set(name, (await e.async("string")).replace(/^\uFEFF/, ""));
        else o.parts.set(name, null);
      }
    } catch (e) {
      o.container = `a damaged zip (${e.message})`;
    }
    return o;
  }

  /** What makes the file unreadable, as the XML shows it; `undefined` when it is readable. */
  fault() {
    if (this.container) return this.container;
    if (!this.parts.has("xl/workbook.xml")) return "no xl/workbook.xml part";
    for (const [name, xml] of this.parts) {
      if (xml === null) continue;
      const bad = malformed(xml);
      if (bad) return `malformed XML in ${name} (${bad})`;
    }
    for (const s of this.sheets()) {
      if (s.type === "worksheet" && !this.parts.has(s.part))
        return `worksheet part ${s.part} missing`;
    }
    return undefined;
  }

  /** Sheets as xl/workbook.xml lists them, with their relationship type and part. */
  sheets() {
    if (this._sheets) return this._sheets;
    const wb = stripPrefixes(this.parts.get("xl/workbook.xml") ?? "");
    const rels = stripPrefixes(this.parts.get("xl/_rels/workbook.xml.rels") ?? "");
    const byId = new Map();
    for (const m of rels.matchAll(/<Relationship\b([^>]*)>/g)) {
      byId.set(attr(m[1], "Id"), {
        type: attr(m[1], "Type") ?? "",
        target: attr(m[1], "Target") ?? "",
      });
    }
    this._sheets = [...wb.matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => {
      const rid = /\b(?:r:)?id="([^"]*)"/.exec(m[1])?.[1];
      const rel = byId.get(rid) ?? { type: "", target: "" };
      const part = rel.target.startsWith("/") ? rel.target.slice(1) : `xl/${rel.target}`;
      return {
        name: xmlText(attr(m[1], "name") ?? ""),
        state: attr(m[1], "state") ?? "visible",
        type: rel.type.split("/").pop(),
        part: path.posix.normalize(part),
      };
    });
    return this._sheets;
  }

  sheetXml(name) {
    const s = this.sheets().find((x) => x.name === name);
    return s ? stripPrefixes(this.parts.get(s.part) ?? "") : "";
  }

  date1904() {
    return /date1904="(1|true)"/.test(this.parts.get("xl/workbook.xml") ?? "");
  }

  sharedStrings() {
    if (this._sst) return this._sst;
    const xml = stripPrefixes(this.parts.get("xl/sharedStrings.xml") ?? "");
    this._sst = [...xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)].map((m) =>
      runText(m[1] ?? ""),
    );
    return this._sst;
  }

  /** The number format of style index `s`. */
  numFmt(s) {
    const xml = stripPrefixes(this.parts.get("xl/styles.xml") ?? "");
    const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
    const xf = [...xfs.matchAll(/<xf\b([^>]*)/g)][s];
    const id = Number(attr(xf?.[1] ?? "", "numFmtId") ?? 0);
    for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
      if (Number(attr(m[1], "numFmtId")) === id)
        return { id, code: xmlText(attr(m[1], "formatCode") ?? "") };
    }
    return { id, code: BUILTIN_FORMATS[id] ?? "General" };
  }

  /** The `<c>` element at `ref`, or the master's when `ref` is covered by a merge. */
  cellAt(sheet, ref) {
    const xml = this.sheetXml(sheet);
    let at = ref;
    let merged;
    const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref);
    const col = colIndex(letters);
    const row = Number(digits);
    for (const m of xml.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
      const [c1, r1, c2, r2] = [colIndex(m[1]), Number(m[2]), colIndex(m[3]), Number(m[4])];
      if (col >= c1 && col <= c2 && row >= r1 && row <= r2) {
        merged = `${m[1]}${m[2]}:${m[3]}${m[4]}`;
        at = `${m[1]}${m[2]}`;
        break;
      }
    }
    const re = new RegExp(`<c\\b(?=[^>]*\\br="${at}")([^>]*?)(?:\\/>|>([\\s\\S]*?)<\\/c>)`);
    const m = re.exec(xml);
    return { at, merged, xml: m?.[0], attrs: m?.[1] ?? "", inner: m?.[2] ?? "" };
  }

  /** The cell atelier should get from `ref`, by the XML alone (same shape as a RawRow cell). */
  expectedCell(sheet, ref) {
    const c = this.cellAt(sheet, ref);
    if (!c.xml) return { cell: undefined, evidence: `no <c r="${c.at}"> in the sheet`, source: c };
    const t = attr(c.attrs, "t") ?? "n";
    const s = Number(attr(c.attrs, "s") ?? 0);
    const f = /<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/.exec(c.inner);
    const v = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(c.inner)?.[1];
    const is = /<is\b[^>]*>([\s\S]*?)<\/is>/.exec(c.inner)?.[1];
    const fmt = this.numFmt(s);
    let cell;
    if (t === "inlineStr") cell = textCell(runText(is ?? ""));
    else if (v === undefined) cell = f ? { v: null, formula: xmlText(f[1] ?? "") } : undefined;
    else if (t === "e") cell = { v: null, error: xmlText(v) };
    else if (t === "s") cell = textCell(this.sharedStrings()[Number(v)] ?? "");
    else if (t === "str") cell = textCell(xmlText(v));
    else if (t === "b") cell = { v: v.trim() === "1" || v.trim() === "true" };
    else if (t === "d")
      cell = { v: { date: new Date(xmlText(v).replace(/Z?$/, "Z")).toISOString() } };
    else {
      const n = Number(v);
      if (isDateFormat(fmt.id, fmt.code)) {
        const epoch = this.date1904() ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
        cell = { v: { date: new Date(epoch + Math.round(n * 86_400_000)).toISOString() } };
      } else cell = { v: n, ...formatFlags(fmt.code) };
    }
    const evidence = `${c.merged ? `merged ${c.merged}, master ` : ""}${c.xml.slice(0, 200)}${
      s ? ` (style ${s}: numFmt ${fmt.id} "${fmt.code}")` : ""
    }`;
    return { cell, evidence, source: c };
  }

  /** Whether row `n` holds a value of its own (merge copies do not count). */
  rowHasContent(sheet, n) {
    const xml = this.sheetXml(sheet);
    const row = new RegExp(`<row\\b(?=[^>]*\\br="${n}")[^>]*?(?:\\/>|>([\\s\\S]*?)<\\/row>)`).exec(
      xml,
    );
    if (!row) return { has: false, evidence: `no <row r="${n}">` };
    const cells = [...(row[1] ?? "").matchAll(/<c\b[^>]*\br="([A-Z]+)\d+"/g)].map((m) => m[1]);
    const own = cells.filter((letters) => {
      const e = this.expectedCell(sheet, `${letters}${n}`);
      return e.source.at === `${letters}${n}` && e.cell && hasContent(e.cell);
    });
    return {
      has: own.length > 0,
      evidence: `<row r="${n}"> holds ${cells.length} <c>, ${own.length} with a value of their own`,
    };
  }

  rowHidden(sheet, n) {
    const xml = this.sheetXml(sheet);
    const row = new RegExp(`<row\\b(?=[^>]*\\br="${n}")([^>]*)>`).exec(xml);
    return {
      hidden: /\bhidden="(1|true)"/.test(row?.[1] ?? ""),
      evidence: row?.[0].slice(0, 160) ?? `no <row r="${n}">`,
    };
  }
}

const rootRequire = createRequire(path.join(ROOT, "package.json"));
const requireFromRoot = (name) => rootRequire(name);
const packageDir = (name) => path.join(ROOT, "node_modules", ...name.split("/"));
const packageVersion = (name) =>
  JSON.parse(readFileSync(path.join(packageDir(name), "package.json"), "utf8")).version;

/** saxes' complaint about `xml`, or `undefined` when it is well formed. */
function malformed(xml) {
  // saxes comes with exceljs (its XML parser): the strictest judge at hand.
  const { SaxesParser } = createRequire(rootRequire.resolve("exceljs"))("saxes");
  try {
    new SaxesParser().write(xml).close();
    return undefined;
  } catch (e) {
    return e.message;
  }
}

const attr = (attrs, name) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];

/** Namespace prefixes dropped from tags (`<x:c>` → `<c>`), so one set of patterns reads them all. */
const stripPrefixes = (xml) => xml.replace(/<(\/?)[A-Za-z_][\w.-]*:/g, "<$1");

function xmlText(s) {
  return s
    .replace(/\r\n?/g, "\n") // XML end-of-line handling, before any escape is decoded
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&")
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** The text of a string item: its `<t>` runs, phonetic runs (`<rPh>`) left out. */
function runText(inner) {
  const body = inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  return [...body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)]
    .map((m) => xmlText(m[1] ?? ""))
    .join("");
}

const textCell = (text) => (text === "" ? undefined : { v: text });
const hasContent = (c) => c.v === null || typeof c.v !== "string" || c.v.trim() !== "";

const BUILTIN_FORMATS = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "m/d/yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** A date format: a built-in date id, or a code with date/time letters outside quotes and colours. */
function isDateFormat(id, code) {
  if (
    (id >= 14 && id <= 22) ||
    (id >= 27 && id <= 36) ||
    (id >= 45 && id <= 47) ||
    (id >= 50 && id <= 58)
  )
    return true;
  const bare = code.replace(/"[^"]*"|\\.|_.|\*.|\[(?!h\]|m\]|s\]|hh\]|mm\]|ss\])[^\]]*\]/gi, "");
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Percent and currency by the project's shared rule, filled in by `correctness` once loaded. */
let formatFlags = () => ({});

// --- judging ---------------------------------------------------------------------------------

const same = (x, y) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);

/**
 * Who is right about one difference, by the XML: `right` is "exceljs", "sheetjs", "both" (two
 * acceptable answers, e.g. two wordings of one refusal) or "neither"/"unknown"; `why` says what
 * the XML holds.
 */
function judge(d, o, a, b) {
  const fault = o.fault();
  if (d.kind === "issues") {
    const refusedA = a.issues.length > 0;
    const refusedB = b.issues.length > 0;
    if (refusedA && refusedB) {
      const part = /in (\S+)|part (\S+)|no (\S+) part/.exec(fault ?? "");
      const name = part?.[1] ?? part?.[2] ?? part?.[3];
      const names = (r) =>
        name !== undefined && r.issues.some((i) => JSON.stringify(i.params).includes(name));
      const precise =
        names(a) && !names(b) ? "exceljs" : names(b) && !names(a) ? "sheetjs" : undefined;
      return {
        right: "both",
        why: `both refuse the file (${fault ?? "?"}); only the wording differs${
          precise ? `, ${LABEL[precise]} names the cause` : ""
        }`,
        cause: "refusal wording",
      };
    }
    const refuser = refusedA ? "exceljs" : "sheetjs";
    const reader = refusedA ? "sheetjs" : "exceljs";
    return fault
      ? {
          right: refuser,
          why: `the file must be refused: ${fault}; ${LABEL[reader]} reads it without a word`,
          cause: "reads a broken file silently",
        }
      : {
          right: reader,
          why: `the XML is sound (zip, workbook, parts well formed): ${LABEL[refuser]} refuses a readable file`,
          cause: "refuses a readable file",
        };
  }
  if (d.kind === "output-flag") {
    const core = o.parts.get("docProps/core.xml") ?? "";
    const marked = /<(?:\w+:)?category>\s*atelier-sortie\s*</.test(core);
    const right = same(d.exceljs, marked)
      ? "exceljs"
      : same(d.sheetjs, marked)
        ? "sheetjs"
        : "neither";
    return {
      right,
      why: `docProps/core.xml category ${marked ? "marks" : "does not mark"} it as atelier's output`,
      cause: "output mark",
    };
  }
  if (d.kind === "sheet-only-in") {
    const s = o.sheets().find((x) => x.name === d.sheet);
    const listedBy = d.exceljs ? "exceljs" : "sheetjs";
    const other = listedBy === "exceljs" ? "sheetjs" : "exceljs";
    if (!s)
      return {
        right: other,
        why: `xl/workbook.xml has no sheet named "${d.sheet}"`,
        cause: "sheet list",
      };
    if (s.type !== "worksheet") {
      return {
        right: other,
        why: `"${d.sheet}" is a ${s.type} (${s.part}), no cells: not a data sheet`,
        cause: `${s.type} listed as a worksheet`,
      };
    }
    return {
      right: listedBy,
      why: `"${d.sheet}" is a worksheet (${s.part})`,
      cause: "worksheet left out",
    };
  }
  if (d.kind === "sheet-order") {
    const names = o.sheets().map((x) => x.name);
    const order = (list) => names.filter((n) => list.includes(n));
    const right = same(d.exceljs, order(d.exceljs))
      ? "exceljs"
      : same(d.sheetjs, order(d.sheetjs))
        ? "sheetjs"
        : "neither";
    return { right, why: `xl/workbook.xml lists ${names.join(", ")}`, cause: "sheet order" };
  }
  if (d.kind === "sheet-state") {
    const s = o.sheets().find((x) => x.name === d.sheet);
    const state = s?.state ?? "visible";
    const right = d.exceljs === state ? "exceljs" : d.sheetjs === state ? "sheetjs" : "neither";
    return { right, why: `<sheet name="${d.sheet}" state="${state}">`, cause: "sheet state" };
  }
  if (d.kind === "row-hidden") {
    const r = o.rowHidden(d.sheet, d.row);
    const right =
      d.exceljs === r.hidden ? "exceljs" : d.sheetjs === r.hidden ? "sheetjs" : "neither";
    return { right, why: r.evidence, cause: "hidden row" };
  }
  if (d.kind === "row-only-in") {
    const r = o.rowHasContent(d.sheet, d.row);
    const keptBy = d.exceljs ? "exceljs" : "sheetjs";
    const other = keptBy === "exceljs" ? "sheetjs" : "exceljs";
    return {
      right: r.has ? keptBy : other,
      why: r.evidence,
      cause: r.has ? "row with values dropped" : "row invented",
    };
  }
  if (d.kind.startsWith("cell:")) {
    const ref = `${colName(d.col)}${d.row}`;
    const e = o.expectedCell(d.sheet, ref);
    const want = e.cell === undefined ? null : e.cell;
    const fields = d.kind.slice(5).split("+");
    const fits = (got) => fields.every((k) => fitsField(got?.[k], want?.[k]));
    const okA = fits(d.exceljs);
    const okB = fits(d.sheetjs);
    const right = okA && okB ? "both" : okA ? "exceljs" : okB ? "sheetjs" : "neither";
    return {
      right,
      why: `XML: ${e.evidence} → ${JSON.stringify(want)}`,
      cause: cellCause(d, e, want),
    };
  }
  return { right: "unknown", why: "not judged", cause: d.kind };
}

function fitsField(got, want) {
  if (typeof got === "number" && typeof want === "number")
    return Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
  return same(got, want);
}

function cellCause(d, e, want) {
  const inner = e.source.inner ?? "";
  if (/<f\b/.test(inner) && /<v\b/.test(inner) && (d.exceljs?.formula || d.sheetjs?.formula)) {
    return `cached formula result ${JSON.stringify(want?.v)} read as "no cached value"`;
  }
  if (/t="d"/.test(e.source.attrs ?? "")) return 'ISO date cell (t="d")';
  if (e.source.merged) return "merged cell copy";
  return `cell ${d.kind.slice(5)}`;
}

// --- 2. the XLSX test file with SheetJS standing in for readXlsx --------------------------------

function testsWithSheetJs() {
  const testFile = path.join(ROOT, "test", "read-xlsx.test.ts");
  if (!existsSync(testFile)) return { skipped: "test/read-xlsx.test.ts absent" };
  const dir = path.join(TMP, `readers-vitest-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const slash = (p) => p.replaceAll("\\", "/");
  const vitestEntry = slash(fileURLToPath(import.meta.resolve("vitest")));
  // `readXlsx` as the test calls it, read by SheetJS.
  writeFileSync(
    path.join(dir, "xlsx-by-sheetjs.ts"),
    `import { readSheetJs } from ${JSON.stringify(slash(path.join(ROOT, "src", "read", "sheetjs.ts")))};
export function readXlsx(data: Buffer, path: string, limits?: Parameters<typeof readSheetJs>[3]) {
  return readSheetJs(data, path, "xlsx", limits);
}
`,
  );
  // Every \`expect\` soft: a test goes on after a failed assertion, so each one is counted.
  writeFileSync(
    path.join(dir, "soft-vitest.mjs"),
    `export * from ${JSON.stringify(vitestEntry)};
import { expect as hard } from ${JSON.stringify(vitestEntry)};
export const expect = Object.assign((...args) => hard.soft(...args), hard);
`,
  );
  const config = (sheetjs) => `import { defineConfig } from "vitest/config";
export default defineConfig({
  root: ${JSON.stringify(slash(ROOT))},
  resolve: {
    alias: [
      { find: /^vitest$/, replacement: ${JSON.stringify(slash(path.join(dir, "soft-vitest.mjs")))} },
      ${sheetjs ? `{ find: /^\\.\\.\\/src\\/read\\/xlsx\\.js$/, replacement: ${JSON.stringify(slash(path.join(dir, "xlsx-by-sheetjs.ts")))} },` : ""}
    ],
  },
  test: { include: ["test/read-xlsx.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 },
});
`;
  const vitest = path.join(packageDir("vitest"), "vitest.mjs");
  const run = (which) => {
    const cfg = path.join(dir, `${which}.config.mjs`);
    const json = path.join(dir, `${which}.json`);
    writeFileSync(cfg, config(which === "sheetjs"));
    const r = spawnSync(
      process.execPath,
      [vitest, "run", "--config", cfg, "--reporter=json", `--outputFile=${json}`],
      {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 1 << 26,
      },
    );
    if (!existsSync(json))
      return { error: `vitest gave no report (exit ${r.status}): ${String(r.stderr).slice(-600)}` };
    const report = JSON.parse(readFileSync(json, "utf8"));
    const tests = report.testResults.flatMap((f) => f.assertionResults);
    const failing = tests
      .filter((t) => t.status === "failed")
      .map((t) => ({
        test: t.title ?? t.fullName,
        class: classifyTest(t.fullName, t.failureMessages[0] ?? ""),
        assertions: t.failureMessages.map((m) => {
          const first = m.split("\n")[0].slice(0, 220);
          return { message: first, class: classifyFailure(first) };
        }),
      }));
    return {
      tests: tests.length,
      testsFailed: failing.length,
      assertionsFailed: failing.reduce((n, t) => n + t.assertions.length, 0),
      failing,
    };
  };
  try {
    const exceljs = run("exceljs");
    const sheetjs = run("sheetjs");
    return { exceljs, sheetjs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Why the tests fail with SheetJS, by what each one checks (titles of test/read-xlsx.test.ts);
 * a test not listed here is classified by its message.
 */
const TEST_CLASSES = [
  [
    /says what the file is|bank2ynab|merged-cells\.xls|never throws/,
    "input that is not an .xlsx: readXlsx's own sniffing (before exceljs) refuses it and says what it is; readSheetJs reads a real .xls or CSV, or gives a vaguer reason",
  ],
  [
    /worksheet part that is missing|XML is malformed|invalid-xml/,
    "broken .xlsx read without a word (a missing worksheet part, malformed XML): readXlsx's own checks, not exceljs",
  ],
  [/missing-bits/, "same refusal, vaguer reason"],
  [/any_sheets|chart-sheet/, "chart sheet listed as an empty visible sheet"],
  [/_x000D_/, "inline string: SheetJS drops the \\r of _x000D_\\n"],
  [
    /ISO date cell/,
    't="d" ISO date: SheetJS gives the bare serial 44383 (neither a date nor the text)',
  ],
  [
    /test-issue-877/,
    "the test expects exceljs's bug: cached 0 of =SUM(F5-I5) read as no cached value (XML: <v>0</v>)",
  ],
];

function classifyTest(title, m) {
  for (const [re, why] of TEST_CLASSES) if (re.test(title)) return why;
  return classifyFailure(m);
}

/** Why one assertion fails, from its message. */
function classifyFailure(m) {
  if (
    /to deeply equal \[\]$|expected \[\] to deeply equal \[ \[ 'file-unreadable'|expected undefined to be '/.test(
      m,
    )
  ) {
    return "reads a file the test wants refused";
  }
  if (/expected '[^']*(classeur|fichier|archive|document|format)[^']*' to be '/.test(m))
    return "another refusal reason";
  if (/deeply equal \[ \[ '.*\.(xls|csv|tsv)'/.test(m))
    return "reads a non-xlsx file the test wants refused";
  if (/expected \[ …\(2\) \] to deeply equal \[ …\(2\) \]/.test(m))
    return "issues differ on a corpus file";
  return "different data";
}

// --- 3. the bench set ----------------------------------------------------------------------------

/** Children of the same job for both readers, in turn (A B A B …, first one of each untimed). */
function alternate(jobFor, runs, { warmup = true } = {}) {
  const samples = { exceljs: [], sheetjs: [] };
  for (let i = warmup ? -1 : 0; i < runs; i++) {
    for (const reader of READERS) {
      const r = child(jobFor(reader));
      if (i >= 0) samples[reader].push(r);
    }
  }
  return samples;
}

const summary = (xs) => ({
  readMs: round(median(xs.map((x) => x.readMs)), 1),
  wallMs: round(median(xs.map((x) => x.wallMs)), 1),
  maxRssMB: round(median(xs.map((x) => x.maxRssMB)), 1),
  maxRssMBmax: round(Math.max(...xs.map((x) => x.maxRssMB)), 1),
  samples: xs.map(({ digests, ...x }) => ({
    ...x,
    readMs: round(x.readMs, 1),
    wallMs: round(x.wallMs, 1),
    maxRssMB: round(x.maxRssMB, 1),
  })),
});

async function benchSet(runs) {
  const { generate } = await import(url(path.join(HERE, "generate.mjs")));
  console.log("  bench data in bench/work/ (generated once, fixed seed)…");
  const files = await generate(path.join(HERE, "work"), { log: (s) => console.log(`  ${s}`) });
  const xlsx = files.xlsx;
  const samples = alternate(
    (reader) => ({ task: "read", reader, files: xlsx, digest: true }),
    runs,
  );
  const da = samples.exceljs[0]?.digests ?? [];
  const db = samples.sheetjs[0]?.digests ?? [];
  const agree = da.filter((d, i) => d === db[i]).length;
  return {
    files: xlsx.length,
    rowsPerFile: 2000,
    sameResult: `${agree}/${xlsx.length}`,
    exceljs: summary(samples.exceljs),
    sheetjs: summary(samples.sheetjs),
  };
}

// --- 4. one large sheet --------------------------------------------------------------------------

/** 7 columns as a group fills them: text (shared strings), an amount, a rate in %, a date. */
async function writeLarge(file, rows) {
  const { rng } = await import(url(path.join(HERE, "generate.mjs")));
  const ExcelJS = requireFromRoot("exceljs");
  const r = rng(77);
  const status = ["Réalisé", "Partiellement réalisé", "En cours", "Non réalisé", "Abandonné"];
  const axes = ["Axe 1", "Axe 2", "Axe 3", "Axe 4"];
  mkdirSync(path.dirname(file), { recursive: true });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: true,
  });
  const ws = wb.addWorksheet("Bilan");
  ws.addRow(["Code", "Axe", "Activité", "Statut", "Taux", "Budget exécuté", "Date"]).commit();
  for (let i = 0; i < rows; i++) {
    const row = ws.addRow([
      `${(i % 4) + 1}.${Math.floor(i / 400) + 1}.${(i % 100) + 1}`,
      axes[i % 4],
      `Activité ${Math.floor(r() * 5000)} : former les acteurs de la région ${i % 17}`,
      status[Math.floor(r() * status.length)],
      Math.round(r() * 100) / 100,
      Math.floor(r() * 5e8),
      new Date(Date.UTC(2023, 0, 1) + Math.floor(r() * 730) * 86_400_000),
    ]);
    row.getCell(5).numFmt = "0%";
    row.getCell(6).numFmt = "#,##0";
    row.getCell(7).numFmt = "dd/mm/yyyy";
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

/** Inflated sizes, in MB, of the sheet XML (worksheets) and of the shared strings. */
async function inflatedMB(file) {
  const JSZip = requireFromRoot("jszip");
  const zip = await JSZip.loadAsync(readFileSync(file));
  let sheets = 0;
  let strings = 0;
  for (const e of Object.values(zip.files)) {
    if (e.dir) continue;
    const size = (await e.async("uint8array")).length / 1e6;
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) sheets += size;
    else if (e.name === "xl/sharedStrings.xml") strings += size;
  }
  return { sheetXml: sheets, sharedStrings: strings, total: sheets + strings };
}

async function large(rowsBig, runs) {
  const sizes = [...new Set([Math.round(rowsBig / 4), Math.round(rowsBig / 2), rowsBig])];
  const dir = path.join(TMP, "readers");
  const out = { sizes: [] };
  // Files as big as a real workshop never gets: the limits must not cut them short.
  const limits = { maxRows: rowsBig * 2, maxCells: rowsBig * 7 * 2 + 1000, maxInflatedMB: 4000 };
  const baseline = alternate((reader) => ({ task: "baseline", reader }), 3, { warmup: false });
  out.baselineMB = Object.fromEntries(
    READERS.map((k) => [k, round(median(baseline[k].map((x) => x.maxRssMB)), 1)]),
  );
  for (const rows of sizes) {
    const file = path.join(dir, `large-${rows}x7.xlsx`);
    if (!existsSync(file)) {
      console.log(`  writing ${rel(file)} (exceljs streaming writer)…`);
      child({ task: "write-large", file, rows });
    }
    const mb = await inflatedMB(file);
    const n = rows === rowsBig ? runs : 1;
    const s = alternate(
      (reader) => ({ task: "read", reader, files: [file], limits, digest: true }),
      n,
      {
        warmup: false,
      },
    );
    const agree = s.exceljs[0].digests[0] === s.sheetjs[0].digests[0];
    out.sizes.push({
      rows,
      file: rel(file),
      fileMB: round(statSync(file).size / 1e6, 2),
      inflatedMB: {
        sheetXml: round(mb.sheetXml, 2),
        sharedStrings: round(mb.sharedStrings, 2),
        total: round(mb.total, 2),
      },
      sameResult: agree,
      exceljs: summary(s.exceljs),
      sheetjs: summary(s.sheetjs),
    });
    console.log(
      `  ${rows} rows (${fmt(mb.total, 1)} MB of sheet XML + shared strings): exceljs ${fmt(out.sizes.at(-1).exceljs.readMs / 1000)} s ${fmt(out.sizes.at(-1).exceljs.maxRssMB, 0)} MB, SheetJS ${fmt(out.sizes.at(-1).sheetjs.readMs / 1000)} s ${fmt(out.sizes.at(-1).sheetjs.maxRssMB, 0)} MB${agree ? "" : " (results differ)"}`,
    );
  }
  // Peak RSS against inflated MB: least squares over the sizes; the slope is the marginal cost of
  // one more MB of sheet XML, the intercept what the process needs before any sheet.
  out.perInflatedMB = {};
  for (const k of READERS) {
    const pts = out.sizes.map((s) => [s.inflatedMB.total, s[k].maxRssMB]);
    const mx = pts.reduce((t, p) => t + p[0], 0) / pts.length;
    const my = pts.reduce((t, p) => t + p[1], 0) / pts.length;
    const slope =
      pts.reduce((t, p) => t + (p[0] - mx) * (p[1] - my), 0) /
      pts.reduce((t, p) => t + (p[0] - mx) ** 2, 0);
    const intercept = my - slope * mx;
    const big = out.sizes.at(-1);
    out.perInflatedMB[k] = {
      slope: round(slope, 2),
      intercept: round(intercept, 1),
      // The crude ratio at the largest size, baseline removed.
      ratioAtLargest: round((big[k].maxRssMB - out.baselineMB[k]) / big.inflatedMB.total, 2),
      maxInflatedMBin1GiB: round((1024 - intercept) / slope, 0),
    };
  }
  return out;
}

// --- 5. cold start -------------------------------------------------------------------------------

function coldStart(runs) {
  const code = (reader) => {
    const mod = reader === "exceljs" ? XLSX_JS : SHEETJS_JS;
    const call =
      reader === "exceljs"
        ? "m.readXlsx(readFileSync(f), 'atelier-complet.xlsx')"
        : "m.readSheetJs(readFileSync(f), 'atelier-complet.xlsx', 'xlsx')";
    return `import { readFileSync } from "node:fs"; const f = ${JSON.stringify(SMALL)}; const m = await import(${JSON.stringify(mod)}); const r = await ${call}; if (r.issues.length) process.exit(3);`;
  };
  const commands = {
    node: ["-e", "0"],
    exceljs: ["--input-type=module", "-e", code("exceljs")],
    sheetjs: ["--input-type=module", "-e", code("sheetjs")],
  };
  const samples = { node: [], exceljs: [], sheetjs: [] };
  for (let i = -1; i < runs; i++) {
    for (const [k, args] of Object.entries(commands)) {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "pipe"],
      });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (r.status !== 0)
        throw new Error(`cold start ${k} exited ${r.status}: ${String(r.stderr).slice(0, 400)}`);
      if (i >= 0) samples[k].push(ms);
    }
  }
  const node = median(samples.node);
  return {
    nodeMs: round(node, 1),
    exceljs: {
      medianMs: round(median(samples.exceljs), 1),
      overNodeMs: round(median(samples.exceljs) - node, 1),
    },
    sheetjs: {
      medianMs: round(median(samples.sheetjs), 1),
      overNodeMs: round(median(samples.sheetjs) - node, 1),
    },
    samples: Object.fromEntries(
      Object.entries(samples).map(([k, xs]) => [k, xs.map((x) => round(x, 1))]),
    ),
  };
}

// --- the report ----------------------------------------------------------------------------------

function table(results) {
  const rows = [["measure", LABEL.exceljs, LABEL.sheetjs]];
  const c = results.correctness;
  if (c) {
    const n = c.files.length;
    const sameCount = c.files.filter((f) => f.same).length;
    const fb = c.files.filter((f) => f.fallback);
    rows.push([
      `corpus .xlsx read identically by both (${n} files)`,
      `${sameCount}/${n} (${fb.length} of them through its SheetJS fallback)`,
      `${sameCount}/${n}`,
    ]);
    const ok = (k) => c.files.filter((f) => !f[`${k}Wrong`]).length;
    const diffFiles = (k) =>
      c.files.filter((f) => f[`${k}Wrong`]).map((f) => f.file.replace(/^.*\//, ""));
    rows.push([
      "corpus files read correctly (no difference judged against it by the XML)",
      `${ok("exceljs")}/${n}${diffFiles("exceljs").length ? ` (wrong: ${diffFiles("exceljs").join(", ")})` : ""}; exceljs alone, fallback files counted as failures: ${ok("exceljs") - fb.length}/${n}`,
      `${ok("sheetjs")}/${n}${diffFiles("sheetjs").length ? ` (wrong: ${diffFiles("sheetjs").join(", ")})` : ""}`,
    ]);
    const count = (who) => {
      const ds = c.differences.filter((d) => d.right === who);
      return `${ds.length} in ${new Set(ds.map((d) => d.file)).size} file(s)`;
    };
    rows.push([
      `differences (${c.differences.length} in ${n - sameCount} files; ${count("both")} with both acceptable, ${count("neither")} neither, ${count("unknown")} not judged): the reader the XML proves right`,
      count("exceljs"),
      count("sheetjs"),
    ]);
  }
  const t = results.tests;
  if (t && !t.skipped) {
    const cell = (r) =>
      r.error
        ? `error: ${r.error.slice(0, 80)}`
        : `${r.assertionsFailed} assertions in ${r.testsFailed}/${r.tests} tests`;
    rows.push(["test/read-xlsx.test.ts, failing (soft expect)", cell(t.exceljs), cell(t.sheetjs)]);
  }
  const b = results.bench;
  if (b) {
    rows.push([
      `bench set time, ${b.files} XLSX × ${b.rowsPerFile} rows (median of ${b.exceljs.samples.length}, in-process read / child wall)`,
      `${fmt(b.exceljs.readMs / 1000)} s / ${fmt(b.exceljs.wallMs / 1000)} s`,
      `${fmt(b.sheetjs.readMs / 1000)} s / ${fmt(b.sheetjs.wallMs / 1000)} s`,
    ]);
    rows.push([
      `bench set peak RSS (maxRSS, median; results equal on ${b.sameResult} files)`,
      `${fmt(b.exceljs.maxRssMB, 0)} MB`,
      `${fmt(b.sheetjs.maxRssMB, 0)} MB`,
    ]);
  }
  const l = results.large;
  if (l) {
    const big = l.sizes.at(-1);
    rows.push([
      `large file time, ${big.rows} rows × 7 (${fmt(big.inflatedMB.total, 1)} MB inflated; median of ${big.exceljs.samples.length})`,
      `${fmt(big.exceljs.readMs / 1000)} s`,
      `${fmt(big.sheetjs.readMs / 1000)} s`,
    ]);
    rows.push([
      "large file peak RSS",
      `${fmt(big.exceljs.maxRssMB, 0)} MB`,
      `${fmt(big.sheetjs.maxRssMB, 0)} MB`,
    ]);
    const p = l.perInflatedMB;
    const cellP = (k) =>
      `${fmt(p[k].slope, 1)} (ratio at ${big.rows} rows ${fmt(p[k].ratioAtLargest, 1)}); ≈ ${fmt(p[k].maxInflatedMBin1GiB, 0)} MB of XML ≈ ${fmt(((p[k].maxInflatedMBin1GiB / big.inflatedMB.total) * big.rows) / 1000, 0)}k such rows in 1 GiB`;
    rows.push([
      "MB of RSS per inflated MB of sheet XML (slope over 3 sizes)",
      cellP("exceljs"),
      cellP("sheetjs"),
    ]);
  }
  const cs = results.cold;
  if (cs) {
    rows.push([
      `cold start: import + read atelier-complet.xlsx, minus node -e 0 (${fmt(cs.nodeMs, 0)} ms), median of ${cs.samples.node.length}`,
      `${fmt(cs.exceljs.overNodeMs, 0)} ms`,
      `${fmt(cs.sheetjs.overNodeMs, 0)} ms`,
    ]);
  }
  return rows
    .map((r, i) => `| ${r.join(" | ")} |${i === 0 ? `\n|${r.map(() => " --- ").join("|")}|` : ""}`)
    .join("\n");
}

function differencesText(c) {
  if (!c || c.differences.length === 0) return "No difference.";
  // One line per file and cause; cells of the same cause are counted, the first shown.
  const groups = new Map();
  for (const d of c.differences) {
    const key = `${d.group}/${d.file}\u0000${d.cause}\u0000${d.right}`;
    const g = groups.get(key) ?? { d, n: 0, where: [] };
    g.n++;
    g.where.push(d.where);
    groups.set(key, g);
  }
  const who = {
    exceljs: "exceljs right",
    sheetjs: "SheetJS right",
    both: "both acceptable",
    neither: "neither right",
    unknown: "not judged",
  };
  return [...groups.values()]
    .map(({ d, n, where }) => {
      const at = n > 1 ? `${n}× (${where.slice(0, 3).join(", ")}${n > 3 ? ", …" : ""})` : d.where;
      const show = (x) => JSON.stringify(x)?.slice(0, 140);
      return `- ${d.group}/${d.file} — ${d.cause}, ${at}: exceljs ${show(d.exceljs)}, SheetJS ${show(d.sheetjs)} → **${who[d.right]}**. ${d.why}`;
    })
    .join("\n");
}

function testsText(t) {
  if (!t || t.skipped) return t?.skipped ?? "";
  if (t.sheetjs.error) return t.sheetjs.error;
  const byClass = new Map();
  for (const f of t.sheetjs.failing) {
    const g = byClass.get(f.class) ?? [];
    g.push(f);
    byClass.set(f.class, g);
  }
  return [...byClass]
    .map(([why, tests]) => {
      const n = tests.reduce((k, f) => k + f.assertions.length, 0);
      const names = tests.map((f) => `"${f.test}" (${f.assertions.length})`);
      return `- ${n} assertion(s), ${tests.length} test(s) — ${why}: ${names.join("; ")}`;
    })
    .join("\n");
}

// --- main ----------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(fileURLToPath(XLSX_JS))) {
    console.log("dist/ absent: building (npm run build)…");
    const tsc = rootRequire.resolve("typescript/bin/tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (r.status !== 0) throw new Error("build failed");
  }
  const ALL = ["correctness", "tests", "bench", "large", "cold"];
  const only = String(option("only", ALL.join(","))).split(",");
  const runs = Math.max(1, Number(option("runs", 5)));
  const coldRuns = Math.max(1, Number(option("cold-runs", 10)));
  const largeRows = Math.max(1000, Number(option("large-rows", 100_000)));
  const { cellFormat } = await import(url(path.join(DIST, "read", "number-format.js")));
  formatFlags = cellFormat;

  const machine = {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model?.trim() ?? "?",
    cores:
      typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverageBefore: os.loadavg().map((x) => round(x, 2)),
  };
  const versions = {
    exceljs: packageVersion("exceljs"),
    sheetjs: packageVersion("@e965/xlsx"),
  };
  const dist = { before: distState() };
  if (dist.before.stale.length > 0) {
    console.log(
      `Warning: src/read/ is newer than dist/ (${dist.before.stale.join(", ")}): npm run build first to measure the current code.`,
    );
  }
  const results = { date: new Date().toISOString(), machine, versions, dist, runs };
  if (only.includes("correctness")) {
    console.log("1. correctness on the corpus");
    results.correctness = await correctness();
  }
  if (only.includes("tests")) {
    console.log("2. test/read-xlsx.test.ts with exceljs, then with SheetJS standing in (vitest)…");
    results.tests = testsWithSheetJs();
  }
  if (only.includes("bench")) {
    console.log(`3. bench set, ${runs} runs per reader taken in turn`);
    results.bench = await benchSet(runs);
  }
  if (only.includes("large")) {
    console.log(`4. large sheet, ${largeRows} rows × 7`);
    results.large = await large(largeRows, Math.min(runs, 3));
  }
  if (only.includes("cold")) {
    console.log(`5. cold start, ${coldRuns} runs taken in turn`);
    results.cold = coldStart(coldRuns);
  }
  machine.loadAverageAfter = os.loadavg().map((x) => round(x, 2));
  dist.after = distState();
  dist.changedDuringRun = dist.after.digest !== dist.before.digest;

  const where = `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.os}, Node ${machine.node}; exceljs ${versions.exceljs}, SheetJS (@e965/xlsx) ${versions.sheetjs}`;
  console.log(
    `\n${where}; dist ${dist.before.digest} built ${dist.before.builtAt}\n\n${table(results)}\n`,
  );
  if (dist.changedDuringRun) {
    console.log(
      "Warning: dist/ was rebuilt during the run; the sections above may have measured different builds.\n",
    );
  }
  const refusals = [
    results.bench?.exceljs,
    results.bench?.sheetjs,
    ...(results.large?.sizes ?? []).flatMap((x) => [x.exceljs, x.sheetjs]),
  ]
    .filter(Boolean)
    .flatMap((x) => x.samples)
    .filter((x) => x.refused > 0).length;
  if (refusals > 0)
    console.log(`Warning: ${refusals} timed run(s) had a file refused: see .tmp/readers.json.\n`);
  if (results.correctness) {
    for (const n of results.correctness.notes) console.log(`Note: ${n}`);
    const fb = results.correctness.files.filter((f) => f.fallback).map((f) => f.file);
    console.log(
      `readXlsx fell back to SheetJS on ${fb.length} file(s)${fb.length ? `: ${fb.join(", ")}` : ""} (caught by a module hook on its import of ./sheetjs.js).`,
    );
    const jc = results.correctness.judgeCheck;
    const misses = jc.disagree
      .slice(0, 5)
      .map((x) => `${x.file} ${x.where} ${JSON.stringify(x.readers)} vs ${JSON.stringify(x.xml)}`);
    console.log(
      `The XML judge agrees with both readers on ${jc.cells - jc.disagree.length}/${jc.cells} sampled cells where they agree${misses.length ? ` (not on: ${misses.join("; ")})` : ""}.`,
    );
    console.log(
      `\nDifferences, judged by the file's XML:\n${differencesText(results.correctness)}\n`,
    );
    const o = results.correctness.otherFormats;
    if (o.length > 0) {
      const read = o.filter((x) => !x.sheetjsRefuses).map((x) => x.file.replace(/^.*\//, ""));
      console.log(
        `Corpus .xls/.ods/.csv/.tsv given as .xlsx (${o.length}): exceljs refuses ${o.filter((x) => x.exceljsRefuses).length}, SheetJS refuses ${o.length - read.length} and reads ${read.length}${read.length ? ` (${read.join(", ")})` : ""}.\n`,
      );
    }
  }
  if (results.tests && !results.tests.skipped) {
    console.log(
      `test/read-xlsx.test.ts with SheetJS standing in for readXlsx, failing assertions:\n${testsText(results.tests)}\n`,
    );
  }
  mkdirSync(TMP, { recursive: true });
  const out = path.join(TMP, "readers.json");
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Raw results: ${rel(out)}`);
}

const i = process.argv.indexOf("--child");
if (i !== -1) {
  await runChild(JSON.parse(process.argv[i + 1]));
} else {
  await main();
}
