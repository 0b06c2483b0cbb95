#!/usr/bin/env node
/**
 * The mutation scores of `npm run mutate`, per module, from Stryker's JSON reports.
 *
 *   node bench/mutation.mjs [report.json…] [--readme]
 *
 * Reads `.tmp/mutation/report.json` unless reports are given (several: one per area run apart,
 * the later one wins for a file in both). Prints the table, saves the counts and every mutant
 * left alive in bench/results/mutation-<date>.json with the machine line, and with `--readme`
 * writes the table between the `<!-- mutation -->` markers of README.md and the survivors, line
 * by line, in docs/mutants.md.
 *
 * The score is Stryker's: killed (a test failed, or the mutant ran past the time limit) over
 * killed, survived and not covered. Mutants a `// Stryker disable` comment marks as equivalent,
 * with its reason, and those in code run once as a module loads (`ignoreStatic`) are counted
 * apart, not in the score.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const README = args.includes("--readme");
const reports = args.filter((a) => !a.startsWith("--"));
if (reports.length === 0) reports.push(path.join(ROOT, ".tmp/mutation/report.json"));
/** The statuses Stryker gives a mutant. */
const STATUSES = [
  "Killed",
  "Survived",
  "NoCoverage",
  "Timeout",
  "CompileError",
  "RuntimeError",
  "Ignored",
  "Pending",
];

/** @type {Map<string, any>} */
const files = new Map();
for (const r of reports) {
  let report;
  try {
    report = JSON.parse(readFileSync(r, "utf8"));
  } catch (e) {
    fail(
      `${r} illisible (${existsSync(r) ? /** @type {Error} */ (e).message : "absent : lancer d'abord npm run mutate"})`,
    );
  }
  if (typeof report?.files !== "object" || report.files === null || Array.isArray(report.files))
    fail(`${r} n'est pas un rapport JSON de Stryker (pas de « files »)`);
  /** @type {Map<string, any>} */
  const own = new Map();
  for (const [file, data] of Object.entries(report.files)) {
    if (file.trim() === "") fail(`${r} : un fichier sans nom`);
    if (!Array.isArray(data?.mutants)) fail(`${r} : « ${file} » n'a pas de liste de mutants`);
    const bad = data.mutants.findIndex((/** @type {unknown} */ m) => !isMutant(m));
    if (bad !== -1)
      fail(
        `${r} : « ${file} », mutant n° ${bad + 1} sans état connu, mutateur ou place (ligne, colonne)`,
      );
    // One file named twice in one report (`src/a.ts`, `./src/a.ts`): its mutants add up.
    const name = projectPath(file);
    const before = own.get(name);
    own.set(name, before ? { ...before, mutants: [...before.mutants, ...data.mutants] } : data);
  }
  for (const [name, data] of own) files.set(name, data);
}

/** A mutant as Stryker writes it: a known status, its mutator and where it starts. */
function isMutant(/** @type {any} */ m) {
  const start = m?.location?.start;
  return (
    STATUSES.includes(m?.status) &&
    typeof m.mutatorName === "string" &&
    Number.isInteger(start?.line) &&
    start.line >= 1 &&
    Number.isInteger(start?.column) &&
    start.column >= 1
  );
}

/**
 * A report's file name as the project names it: `src/…` with `/`. A report made on another
 * machine (a Windows one: `C:\…\src\…`) names files under a root that is not this one.
 * @param {string} file
 */
function projectPath(file) {
  const slashed = file.replaceAll("\\", "/");
  if (!path.posix.isAbsolute(slashed) && !/^[A-Za-z]:\//.test(slashed))
    return path.posix.normalize(slashed);
  // From another drive (Windows) path.relative gives an absolute path back, not a `../` one.
  const relative = path.relative(ROOT, file);
  const here = relative.replaceAll("\\", "/");
  if (path.isAbsolute(file) && !path.isAbsolute(relative) && !here.startsWith("../")) return here;
  const at = slashed.lastIndexOf("/src/");
  return at === -1 ? slashed : slashed.slice(at + 1);
}

/** @param {string} message */
function fail(message) {
  console.error(`mutation : ${message}`);
  process.exit(1);
}

/** @param {any[]} mutants */
function count(mutants) {
  const is = (/** @type {any} */ m, /** @type {string[]} */ ...statuses) =>
    statuses.includes(m.status);
  const killed = mutants.filter((m) => is(m, "Killed", "Timeout")).length;
  const survived = mutants.filter((m) => is(m, "Survived")).length;
  const noCoverage = mutants.filter((m) => is(m, "NoCoverage")).length;
  const scored = killed + survived + noCoverage;
  return {
    mutants: mutants.length,
    killed,
    survived,
    noCoverage,
    equivalent: mutants.filter((m) => is(m, "Ignored") && !m.static).length,
    static: mutants.filter((m) => is(m, "Ignored") && m.static).length,
    // Compile and runtime errors, and mutants left pending by a run cut short.
    other: mutants.filter((m) => !is(m, "Killed", "Timeout", "Survived", "NoCoverage", "Ignored"))
      .length,
    // Rounded down: a module with one survivor never shows 100 %.
    score: scored === 0 ? null : Math.floor((1000 * killed) / scored) / 10,
  };
}

const ALIVE = ["Survived", "NoCoverage"];
const modules = [...files.keys()].sort().map((file) => {
  const data = files.get(file);
  const lines = String(data.source ?? "").split(/\r?\n/);
  /** @type {any[]} */
  const mutants = data.mutants ?? [];
  const at = (/** @type {any} */ m) => m.location.start;
  const survivors = mutants
    .filter((m) => ALIVE.includes(m.status))
    .sort((a, b) => at(a).line - at(b).line || at(a).column - at(b).column)
    .map((m) => ({
      line: at(m).line,
      column: at(m).column,
      status: m.status,
      mutator: m.mutatorName,
      code: (lines[at(m).line - 1] ?? "").trim(),
      replacement: typeof m.replacement === "string" ? m.replacement : null,
    }));
  const equivalents = mutants
    .filter((m) => m.status === "Ignored" && !m.static)
    .map((m) => ({
      line: at(m).line,
      mutator: m.mutatorName,
      reason: typeof m.statusReason === "string" ? m.statusReason : "",
    }));
  return { file, ...count(mutants), survivors, equivalents };
});
const pending = modules.reduce((n, m) => n + m.other, 0);
if (pending > 0)
  console.error(`mutation : ${pending} mutants ni tués ni survivants (erreurs, ou run interrompu)`);
const area = (/** @type {string} */ file) => path.posix.dirname(file);
const areas = [...new Set(modules.map((m) => area(m.file)))].map((a) => ({
  file: `${a}/`,
  ...count([...files].filter(([f]) => area(f) === a).flatMap(([, d]) => d.mutants ?? [])),
}));
const total = { file: "total", ...count([...files.values()].flatMap((d) => d.mutants ?? [])) };

const fmt = (/** @type {number | null} */ n) =>
  n === null ? "—" : `${String(n).replace(".", ",")} %`;
const row = (/** @type {ReturnType<typeof count> & { file: string }} */ m, bold = false) => {
  const name = bold ? `**${m.file}**` : `\`${m.file}\``;
  const score = bold ? `**${fmt(m.score)}**` : fmt(m.score);
  const other = pending > 0 ? ` ${m.other} |` : "";
  return `| ${name} | ${m.mutants} | ${m.killed} | ${m.survived} | ${m.noCoverage} | ${m.equivalent} | ${m.static} |${other} ${score} |`;
};
const table = [
  `| module | mutants | tués | survivants | non couverts | équivalents | au chargement |${pending > 0 ? " autres |" : ""} score |`,
  `| --- | ---: | ---: | ---: | ---: | ---: | ---: |${pending > 0 ? " ---: |" : ""} ---: |`,
  ...areas.flatMap((a) => [
    row(a, true),
    ...modules.filter((m) => `${area(m.file)}/` === a.file).map((m) => row(m)),
  ]),
  row(total, true),
].join("\n");

const machine = `${os.cpus()[0]?.model?.trim() ?? "?"}, ${os.availableParallelism?.() ?? os.cpus().length} cœurs, ${Math.round(os.totalmem() / 2 ** 30)} Go, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}`;
const date = new Date().toISOString();
const name = `bench/results/mutation-${date.slice(0, 19).replace(/:/g, "-")}.json`;
mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
writeFileSync(
  path.join(ROOT, name),
  `${JSON.stringify({ date, machine, reports, areas, total, modules }, null, 2)}\n`,
);
console.log(`${machine}\n\n${table}\n\nDétail et survivants : ${name}`);

if (README) {
  const section = `Mesuré par \`npm run mutate\` (hors de \`npm test\` et de la CI) le ${date.slice(0, 10)} : ${machine} ;
chaque mutant survivant est dans \`${name}\` et, ligne par ligne, dans [docs/mutants.md](docs/mutants.md).
Le score est la part des mutants tués parmi les tués, les survivants et les non couverts. Les
mutants « équivalents » (le programme fait la même chose, un commentaire \`Stryker disable\` dit
pourquoi) et ceux du code exécuté une fois au chargement d'un module (tables, motifs : chacun
demanderait toute la suite) sont comptés à part.

${table}`;
  replaceBetween(path.join(ROOT, "README.md"), "<!-- mutation -->", "<!-- /mutation -->", section);
  writeFileSync(path.join(ROOT, "docs/mutants.md"), survivorsPage());
  console.log("README.md et docs/mutants.md mis à jour.");
}

/** docs/mutants.md: every mutant left alive, where it is and what it changed. */
function survivorsPage() {
  const out = [
    "# Mutants survivants",
    "",
    "[← README](../README.md#tests-de-mutation)",
    "",
    `Écrit par \`node bench/mutation.mjs --readme\` le ${date.slice(0, 10)} ; ne pas modifier à la main.`,
    "Chaque ligne : la place, le mutateur, la ligne d'origine et ce que le mutant y met.",
    "",
  ];
  for (const m of modules) {
    if (m.survivors.length === 0 && m.equivalents.length === 0) continue;
    out.push(`## \`${m.file}\` (${fmt(m.score)})`, "");
    for (const s of m.survivors) {
      const state = s.status === "NoCoverage" ? "non couvert" : "survit";
      const by =
        s.replacement === null || s.replacement.trim() === ""
          ? "(rien)"
          : `\`${s.replacement.replaceAll("`", "'").replace(/\s+/g, " ")}\``;
      out.push(
        `- ${s.line}:${s.column} ${s.mutator} (${state}) : \`${s.code.replaceAll("`", "'")}\` → ${by}`,
      );
    }
    if (m.equivalents.length) {
      out.push("", "Équivalents :", "");
      for (const e of m.equivalents) out.push(`- ${e.line} ${e.mutator} : ${e.reason}`);
    }
    out.push("");
  }
  return `${out.join("\n")}\n`;
}

/** Replaces what lies between two markers of a file; nothing else is touched. */
function replaceBetween(
  /** @type {string} */ file,
  /** @type {string} */ start,
  /** @type {string} */ end,
  /** @type {string} */ content,
) {
  if (!existsSync(file)) fail(`${file} absent`);
  const text = readFileSync(file, "utf8");
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a === -1 || b === -1 || b < a) fail(`${file} : marqueurs ${start} et ${end} absents`);
  writeFileSync(file, `${text.slice(0, a + start.length)}\n${content}\n${text.slice(b)}`);
}
