#!/usr/bin/env node
/**
 * `npm run bench` (not part of `npm test`): atelier against the tools people would otherwise
 * script together, side by side on the same generated files, in one run.
 *
 *   validate, 40 CSV × 2 500 rows     vs  Miller (`mlr --icsv --ifs ';' --ojson cat`), csvstack
 *   validate, 20 XLSX × 2 000 rows    vs  in2csv, file by file
 *   validation throughput (rows/s)    vs  tableschema (Frictionless JS), same CSV files
 *   --help, validate of a small CSV,  vs  `node -e 0`
 *   of a small XLSX, compile of the
 *   sample workshop
 *   compile of the CSV workshop       vs  Miller cat
 *   peak memory validating 1 000 000 rows
 *
 * Each measure runs atelier and its peers in turns, --runs times (5 by default) after one warm-up
 * round; a ratio is the median of the ratios of the runs of one round, so that a busy moment of
 * the machine weighs on both sides of it. Before it is timed, each peer is run once and must exit
 * with 0 and read as many rows as atelier does. in2csv starts Python once per file: its start-up
 * (a one-sheet workbook of four rows, timed in the same turns) is shown beside it, and the ratio
 * given without it too. The table is printed, and every sample is saved with the machine line
 * in bench/results/<date>.json; `--readme` puts the table in README.md, between the
 * `<!-- bench -->` markers, from the results just saved or from `--from <results file>`. Data are generated once into bench/work/ (seeded: the same files everywhere). Peers
 * come from `apt-get install -y miller csvkit`; a missing one is reported as such, the rest
 * still runs. `--node` runs atelier and `node -e 0` with another Node (the offline package's
 * Node 22, whose compile cache the program turns on).
 *
 *   node bench/run.mjs [--runs 5] [--only csv,xlsx,throughput,startup,compile,report,memory]
 *                      [--bin dist/atelier.mjs] [--node path/to/node] [--readme]
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { generate } from "./generate.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const WORK = path.join(HERE, "work");

// --- options -----------------------------------------------------------------------------------

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const v = process.argv[i + 1];
  return v === undefined || v.startsWith("--") ? true : v;
}

const RUNS = Math.max(1, Number(option("runs", 5)));
const ALL = ["csv", "xlsx", "throughput", "startup", "compile", "report", "memory"];
const ONLY = String(option("only", ALL.join(","))).split(",");
const BIN = path.resolve(ROOT, String(option("bin", "dist/atelier.mjs")));
const NODE = path.resolve(String(option("node", process.execPath)));
const README = option("readme", false) === true;
const FROM = option("from", undefined);

// --- measuring ---------------------------------------------------------------------------------

/** Runs a command, its output thrown away; seconds of wall time. Fails on a crash, not on exit 1. */
function timeOnce(cmd, args, { okCodes = [0, 1] } = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    stdio: ["ignore", "ignore", "pipe"],
    cwd: WORK,
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) throw r.error;
  if (!okCodes.includes(r.status ?? -1)) {
    throw new Error(
      `${path.basename(cmd)} ${args.slice(0, 3).join(" ")}… exited with ${r.status}: ${String(r.stderr).slice(0, 400)}`,
    );
  }
  return seconds;
}

/** A command's standard output, run once and untimed; it must exit with 0. */
function output(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: WORK, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`${path.basename(cmd)} ${args.slice(0, 3).join(" ")}… exited with ${r.status}`);
  }
  return r.stdout;
}

/** Rows of a CSV text, its header aside. */
const csvRows = (text) => parse(text, { relax_column_count: true }).length - 1;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * The median of RUNS runs after a warm-up, and the samples in run order. `before` runs untimed
 * before each run (a clean output folder for compile). Commands of one measure take turns, so
 * that sample i of each was taken at the same moment (see `versus`).
 */
function measure(commands, { before = () => {} } = {}) {
  const samples = commands.map(() => []);
  for (let run = 0; run <= RUNS; run++) {
    commands.forEach((c, k) => {
      if (!c) return;
      before();
      const s = c();
      if (run > 0) samples[k].push(s);
    });
  }
  return samples.map((xs) => (xs.length ? { median: median(xs), samples: xs } : null));
}

/** Whether a peer is installed: its name and version, or undefined. */
function tool(cmd, args = ["--version"]) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error || r.status !== 0) return undefined;
  return `${r.stdout}${r.stderr}`.trim().split("\n")[0];
}

/**
 * Peak resident memory of a command, in MB: `/usr/bin/time -v` where it exists, else VmHWM read
 * from /proc while the process runs (Linux); `undefined` elsewhere.
 */
async function peakRss(cmd, args) {
  if (process.platform !== "linux") return undefined;
  if (existsSync("/usr/bin/time")) {
    const start = process.hrtime.bigint();
    const r = spawnSync("/usr/bin/time", ["-v", cmd, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
      cwd: WORK,
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "")?.[1];
    if (kb) return { mb: Number(kb) / 1024, seconds, how: "/usr/bin/time -v" };
  }
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: "ignore", cwd: WORK });
    let peak = 0;
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        if (kb > peak) peak = kb;
      } catch {
        // The process has just ended: its last reading stands.
      }
    }, 10);
    child.on("exit", () => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      resolve(peak ? { mb: peak / 1024, seconds, how: "VmHWM (/proc)" } : undefined);
    });
  });
}

// --- the run -----------------------------------------------------------------------------------

/** `npm run build`'s two steps, when the program is not there: the modules, then the bundle. */
function ensureBuilt() {
  if (existsSync(BIN)) return;
  console.log("Compilation (dist/ absent)…");
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  for (const args of [[tsc, "-p", "tsconfig.build.json"], ["dist/release/bundle.js"]]) {
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) throw new Error("la compilation a échoué");
  }
}

const node = NODE;
const atelier =
  (...args) =>
  () =>
    timeOnce(node, [BIN, ...args]);
const fmt = (n, digits = 2) =>
  n === undefined || n === null || Number.isNaN(n)
    ? "n/a"
    : n.toLocaleString("fr-FR", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (m) => (m ? `${fmt(m.median)} s` : "n/a");
/**
 * A peer's timing beside atelier's `a`: the median of the paired ratios (run i of atelier over
 * run i of the peer, taken in turns), `null` when the peer could not run.
 */
const versus = (a, name, value, target) => ({
  name,
  value,
  text: seconds(value),
  ratio: value && median(a.samples.map((x, i) => x / value.samples[i])),
  ...(target === undefined ? {} : { target }),
});

async function main() {
  if (FROM) {
    const from = path.resolve(String(FROM));
    const results = JSON.parse(readFileSync(from, "utf8"));
    if (results.version !== 2 || !Array.isArray(results.measures) || !results.where) {
      throw new Error(`${FROM} n'est pas un fichier de résultats de ce banc (version 2)`);
    }
    updateReadme(readmeSection(markdownTable(results.measures), results, from));
    console.log(`README.md mis à jour depuis ${FROM}.`);
    return;
  }
  ensureBuilt();
  console.log(
    `Données de test dans ${path.relative(ROOT, WORK)}/ (générées une fois, graine fixe)…`,
  );
  const files = await generate(WORK, { log: (s) => console.log(s) });
  const rel = (p) => path.relative(WORK, p);
  const csvFiles = files.csv.map(rel);
  const xlsxFiles = files.xlsx.map(rel);

  const tools = {
    mlr: tool("mlr"),
    csvstack: tool("csvstack"),
    in2csv: tool("in2csv"),
    tableschema: (() => {
      try {
        const require = createRequire(import.meta.url);
        return `tableschema ${require("tableschema/package.json").version}`;
      } catch {
        return undefined;
      }
    })(),
  };
  const missing = ["mlr", "csvstack", "in2csv"].filter((t) => !tools[t]);
  if (missing.length > 0) {
    console.log(
      `Absents : ${missing.join(", ")} — apt-get install -y miller csvkit (mesures « n/a »).`,
    );
  }
  const mlrArgs = ["--icsv", "--ifs", ";", "--ojson", "cat", ...csvFiles];
  // What atelier reads, counted by atelier: each peer must read as many rows.
  const counted = (dir) => {
    const r = spawnSync(node, [BIN, "validate", dir, "--format", "json"], {
      cwd: WORK,
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    return JSON.parse(r.stdout).summary.rows;
  };
  const csvRowsRead = counted(rel(files.csvDir));
  const xlsxRowsRead = counted(rel(files.xlsxDir));
  // A peer that fails, prints nothing usable or reads other rows is left out of the measures it
  // was in (« n/a »), and why is printed and saved: its time would mean nothing.
  const excluded = {};
  const admit = (key, measures, readRows, expected) => {
    if (!tools[key] || !measures.some((m) => ONLY.includes(m))) return;
    let why;
    try {
      const rows = readRows();
      if (rows !== expected) why = `a lu ${rows} lignes, atelier ${expected}`;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      why = e instanceof SyntaxError ? `sortie illisible (${message})` : message;
    }
    if (why === undefined) return;
    excluded[key] = why;
    tools[key] = undefined;
    console.log(`${key} écarté : ${why} (mesures « n/a »).`);
  };
  admit("mlr", ["csv", "compile"], () => JSON.parse(output("mlr", mlrArgs)).length, csvRowsRead);
  admit(
    "csvstack",
    ["csv"],
    () => csvRows(output("csvstack", ["-d", ";", ...csvFiles])),
    csvRowsRead,
  );
  admit(
    "in2csv",
    ["xlsx"],
    () => xlsxFiles.reduce((n, f) => n + csvRows(output("in2csv", [f])), 0),
    xlsxRowsRead,
  );
  const tableschemaScript = path.join(HERE, "tableschema.mjs");
  admit(
    "tableschema",
    ["throughput"],
    () => JSON.parse(output(node, [tableschemaScript, ...csvFiles])).rows,
    csvRowsRead,
  );
  const mlrCat = tools.mlr ? () => timeOnce("mlr", mlrArgs, { okCodes: [0] }) : null;

  const rows = [];
  const add = (row) => {
    rows.push(row);
    console.log(
      `  ${row.label} : ${row.atelierText} — ${row.peers.map((p) => `${p.name} ${p.text}`).join(", ") || "—"}`,
    );
  };
  console.log(`Mesures : médiane de ${RUNS} exécution(s) après un tour d'échauffement.`);

  if (ONLY.includes("csv")) {
    const csvstack = tools.csvstack
      ? () => timeOnce("csvstack", ["-d", ";", ...csvFiles], { okCodes: [0] })
      : null;
    const [a, m, c] = measure([atelier("validate", rel(files.csvDir)), mlrCat, csvstack]);
    add({
      id: "csv-validate",
      label: "validate, 40 CSV × 2 500 lignes",
      atelier: a,
      atelierText: seconds(a),
      peers: [versus(a, "Miller cat", m, 1), versus(a, "csvstack", c)],
    });
  }

  if (ONLY.includes("xlsx")) {
    const in2csv = tools.in2csv
      ? () => xlsxFiles.reduce((t, f) => t + timeOnce("in2csv", [f], { okCodes: [0] }), 0)
      : null;
    // One start of in2csv: Python and csvkit loaded, a workbook of four rows converted.
    const tiny = path.join(ROOT, "fixtures", "atelier", "J1", "groupe-1-prevention.xlsx");
    const start = tools.in2csv ? () => timeOnce("in2csv", [tiny], { okCodes: [0] }) : null;
    const [a, p, s] = measure([atelier("validate", rel(files.xlsxDir)), in2csv, start]);
    const n = xlsxFiles.length;
    // in2csv's work without its n starts, run by run (atelier starts once for all the files).
    let work = p && s && { samples: p.samples.map((x, i) => x - n * s.samples[i]) };
    if (work) work.median = median(work.samples);
    if (work && !(work.median > 0)) {
      // Its starts took longer than the whole: the start-up measure is off, no ratio from it.
      console.log(
        `in2csv : ${n} démarrages mesurés plus longs que tout le travail, rapport sans eux « n/a ».`,
      );
      work = null;
    }
    add({
      id: "xlsx-validate",
      label: `validate, ${n} XLSX × 2 000 lignes`,
      atelier: a,
      atelierText: seconds(a),
      peers: [
        {
          ...versus(a, "in2csv (fichier par fichier)", p),
          text: `${seconds(p)}, dont ${n} démarrages de ${seconds(s)}`,
        },
        versus(a, `in2csv sans ses ${n} démarrages`, work, 1),
      ],
    });
  }

  if (ONLY.includes("throughput")) {
    // In turns with atelier, as every other peer: the ratio is of runs taken together.
    const ts = tools.tableschema
      ? () => timeOnce(node, [tableschemaScript, ...csvFiles], { okCodes: [0] })
      : null;
    const [v, p] = measure([atelier("validate", rel(files.csvDir)), ts]);
    const perSecond = (m) => m && csvRowsRead / m.median;
    const a = perSecond(v);
    const t = perSecond(p);
    add({
      id: "throughput",
      label: `débit de validation, ${fmt(csvRowsRead, 0)} lignes CSV`,
      atelier: v,
      atelierText: `${fmt(a, 0)} lignes/s`,
      higherIsBetter: true,
      peers: [
        {
          name: "tableschema",
          value: p,
          text: `${fmt(t, 0)} lignes/s`,
          ratio: p && median(v.samples.map((x, i) => p.samples[i] / x)),
          target: 5,
        },
      ],
    });
  }

  if (ONLY.includes("startup")) {
    // The rapporteur's everyday case: the sample workshop (a few hundred rows), one of its
    // workbooks, compiled from scratch each time.
    const sample = path.join(WORK, "atelier-demarrage");
    rmSync(sample, { recursive: true, force: true });
    cpSync(path.join(ROOT, "fixtures", "atelier"), sample, { recursive: true });
    const clean = () => rmSync(path.join(sample, "sortie"), { recursive: true, force: true });
    clean();
    const workbook = path.join(sample, "J1", "groupe-1-prevention.xlsx");
    const [n, h, v, x, c] = measure(
      [
        () => timeOnce(node, ["-e", "0"]),
        atelier("--help"),
        atelier("validate", rel(files.small)),
        atelier("validate", rel(workbook)),
        atelier("compile", rel(sample)),
      ],
      { before: clean },
    );
    add({
      id: "help",
      label: "atelier --help",
      atelier: h,
      atelierText: seconds(h),
      peers: [versus(h, "node -e 0", n, 2)],
    });
    add({
      id: "small-validate",
      label: "validate d'un petit CSV (20 lignes)",
      atelier: v,
      atelierText: seconds(v),
      peers: [versus(v, "node -e 0", n, 1.5)],
    });
    add({
      id: "small-xlsx-validate",
      label: "validate d'un petit XLSX (atelier d'exemple, 4 lignes)",
      atelier: x,
      atelierText: seconds(x),
      peers: [versus(x, "node -e 0", n, 2.5)],
    });
    add({
      id: "sample-compile",
      label: "compile de l'atelier d'exemple (fixtures/atelier)",
      atelier: c,
      atelierText: seconds(c),
      peers: [versus(c, "node -e 0", n, 4)],
    });
  }

  if (ONLY.includes("compile")) {
    // Every run compiles from scratch: the previous output folder would change the work done.
    const clean = () => rmSync(path.join(files.csvDir, "sortie"), { recursive: true, force: true });
    const [a, m] = measure([atelier("compile", rel(files.csvDir)), mlrCat], { before: clean });
    clean();
    add({
      id: "compile",
      label: "compile, 40 CSV × 2 500 lignes",
      atelier: a,
      atelierText: seconds(a),
      peers: [versus(a, "Miller cat", m, 3)],
    });
  }

  if (ONLY.includes("report")) {
    // The Word report beside the HTML one, from the same model: the sample workshop, then the
    // large set. Each command reads and consolidates the workshop, then writes one report.
    const sampleDir = path.join(WORK, "atelier-exemple");
    rmSync(sampleDir, { recursive: true, force: true });
    cpSync(path.join(ROOT, "fixtures", "atelier"), sampleDir, { recursive: true });
    rmSync(path.join(sampleDir, "sortie"), { recursive: true, force: true });
    for (const [id, dir, label] of [
      ["report-sample", sampleDir, "report --format docx, atelier d'exemple"],
      ["report-large", files.csvDir, "report --format docx, 40 CSV × 2 500 lignes"],
    ]) {
      const [d, h] = measure([
        atelier("report", rel(dir), "--format", "docx"),
        atelier("report", rel(dir), "--format", "html"),
      ]);
      add({
        id,
        label,
        atelier: d,
        atelierText: seconds(d),
        peers: [versus(d, "report --format html", h, 1.25)],
      });
    }
  }

  if (ONLY.includes("memory")) {
    // The median of three runs (each takes seconds): one reading moves with the machine's load.
    const runs = [];
    for (let k = 0; k < Math.min(RUNS, 3); k++) {
      const r = await peakRss(node, [BIN, "validate", rel(files.big)]);
      if (r) runs.push(r);
    }
    const mb = runs.length ? median(runs.map((r) => r.mb)) : undefined;
    const secs = runs.length ? median(runs.map((r) => r.seconds)) : undefined;
    add({
      id: "memory",
      label: "mémoire max, validate de 1 000 000 lignes",
      atelier: runs.length
        ? { peakMB: mb, seconds: secs, how: runs[0].how, samples: runs.map((r) => r.mb) }
        : null,
      atelierText: runs.length ? `${fmt(mb, 0)} Mo (${fmt(secs, 1)} s)` : "n/a",
      limitMB: 150,
      peers: [],
    });
  }

  const machine = {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model?.trim() ?? "?",
    cores:
      typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
  const date = new Date().toISOString();
  for (const r of rows) r.ok = verdict(r);
  const where = `${machine.cpu}, ${machine.cores} cœurs, ${machine.memoryGB} Go, ${machine.os}, Node ${machine.node}`;
  const runner =
    NODE === process.execPath
      ? undefined
      : `${path.basename(NODE)} ${spawnSync(NODE, ["--version"], { encoding: "utf8" }).stdout.trim()}`;
  const results = {
    version: 2,
    date,
    runs: RUNS,
    where,
    runner,
    machine,
    tools,
    excluded,
    measures: rows,
  };
  const table = markdownTable(rows);
  console.log(`\n${where}\n\n${table}`);
  const file = path.join(HERE, "results", `${date.slice(0, 19).replace(/:/g, "-")}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nRésultats : ${path.relative(ROOT, file)}`);
  if (README) {
    updateReadme(readmeSection(table, results, file));
    console.log("README.md mis à jour.");
  }
}

/** Whether the measure meets its target, or undefined when it has none or could not be taken. */
function verdict(row) {
  if (row.limitMB) return row.atelier ? row.atelier.peakMB <= row.limitMB : undefined;
  const p = row.peers.find((x) => x.target !== undefined);
  if (!p || p.ratio === undefined || p.ratio === null || Number.isNaN(p.ratio)) return undefined;
  return row.higherIsBetter ? p.ratio >= p.target : p.ratio <= p.target;
}

function markdownTable(rows) {
  const lines = [
    "| mesure | atelier | comparé à | rapport | cible | tenue |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  const yes = (ok) => (ok === undefined ? "—" : ok ? "oui" : "non");
  for (const r of rows) {
    if (r.limitMB) {
      lines.push(`| ${r.label} | ${r.atelierText} | — | — | ≤ ${r.limitMB} Mo | ${yes(r.ok)} |`);
      continue;
    }
    r.peers.forEach((p, i) => {
      const ratio = p.ratio === undefined || p.ratio === null ? "n/a" : `${fmt(p.ratio)}×`;
      const target =
        p.target === undefined ? "" : `${r.higherIsBetter ? "≥" : "≤"} ${fmt(p.target, 1)}×`;
      const first = i === 0;
      lines.push(
        `| ${first ? r.label : ""} | ${first ? r.atelierText : ""} | ${p.name} : ${p.text} | ${ratio} | ${target} | ${p.target === undefined ? "" : yes(r.ok)} |`,
      );
    });
  }
  return lines.join("\n");
}

/** The measured part of the README: what is measured, where, and the table. */
function readmeSection(table, results, from) {
  const file = path.relative(ROOT, from).split(path.sep).join("/");
  return `Mesuré par \`npm run bench\` (hors de \`npm test\`) le ${results.date.slice(0, 10)} : ${results.where}${results.runner ? ` (atelier lancé par ${results.runner})` : ""} ; chaque mesure est dans \`${file}\`.
Chaque rapport est la médiane, sur ${results.runs} tours, du temps d'atelier divisé par celui de l'autre
outil lancé à son tour (pour le débit, l'inverse). Chaque outil a d'abord lu autant de lignes
qu'atelier, sans erreur.

${table}`;
}

/** Replaces what lies between the bench markers of README.md; nothing else is touched. */
function updateReadme(content) {
  const file = path.join(ROOT, "README.md");
  const text = readFileSync(file, "utf8");
  const start = "<!-- bench -->";
  const end = "<!-- /bench -->";
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a === -1 || b === -1 || b < a)
    throw new Error("README.md : marqueurs <!-- bench --> absents");
  writeFileSync(file, `${text.slice(0, a + start.length)}\n${content}\n${text.slice(b)}`);
}

main().catch((e) => {
  console.error(`bench : ${e.message}`);
  process.exitCode = 1;
});
