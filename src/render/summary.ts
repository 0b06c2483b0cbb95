import { unassessedSplit, unreadFiles } from "../analysis/report.js";
import { findField } from "../fields.js";
import { catalogue, hintOf, messageOf } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import type { Changes, Consolidation, FileReport, ValidationResult } from "../model.js";
import { issueLines, kindLabel, type Paint, skipText } from "./validation.js";

/**
 * What `compile` prints: a table per file, the accounting, conflicts, what changed since the
 * previous compile and where the outputs went. `--format json` prints `compileJson` instead.
 */

/** What a compile did, as it is reported. */
export interface CompileSummary {
  /** The output folder as shown: relative to the current folder, with `/`. */
  out: string;
  /** Every file read, reference plans first. */
  files: readonly FileReport[];
  /** What the folder walk passed over, and why. */
  skipped: ValidationResult["skipped"];
  /** The rapporteur's resolutions files (among `files`): their problems are printed. */
  resolutions: readonly FileReport[];
  consolidation: Consolidation;
  /** `undefined` on the first compile in this output folder. */
  changes?: Changes;
  written: string[];
  /** Disagreements left to the rapporteur (arbitrages-a-faire.xlsx). */
  open: number;
  /** Groups with a feedback sheet in `retours/`. */
  retours: string[];
  /** Whether the previous outputs are kept in `precedent/`. */
  previous: boolean;
  /** Files an earlier run wrote that this one did not: moved to `precedent/`. */
  moved: string[];
  /** Files an earlier run wrote and someone changed since: kept under a name of their own. */
  kept: { from: string; to: string; rewritten: boolean; theirs?: true; unsure?: true }[];
  /** Earlier outputs whose list was missing or unreadable (see `OutputSet`). */
  unlisted: string[];
}

/**
 * The kinds a file was read as: of the sheets that hold rows (a group's template leaves the
 * others with their header alone), else of every sheet recognised.
 */
function kindsRead(sheets: readonly { kind: string | null; rows: number }[]) {
  const filled = sheets.filter((s) => s.kind !== null && s.rows > 0);
  return [...new Set((filled.length > 0 ? filled : sheets).map((s) => s.kind).filter(Boolean))];
}

export function compileJson(r: CompileSummary) {
  const c = r.consolidation;
  return {
    out: r.out,
    summary: c.summary,
    files: r.files.map((f) => ({
      path: f.path,
      kinds: kindsRead(f.sheets),
      rows: f.sheets.reduce((n, s) => n + s.rows, 0),
      accepted: f.sheets.reduce((n, s) => n + s.accepted, 0),
      rejected: f.sheets.reduce((n, s) => n + s.rejected, 0),
      errors: f.issues.filter((i) => i.severity === "error").length,
      warnings: f.issues.filter((i) => i.severity === "warning").length,
    })),
    non_evalues: c.non_evalues,
    skipped: r.skipped,
    changes: r.changes ?? null,
    written: r.written,
    open: r.open,
    retours: r.retours,
    precedent: r.previous,
    moved: r.moved,
    kept: r.kept,
    unlisted: r.unlisted,
  };
}

function pad(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
    .join("  ");
}

/** Problems `compile` lists per file, and in all, unless `--all`: the table counts every one. */
const PROBLEMS_PER_FILE = 3;
const PROBLEMS_SHOWN = 30;

/**
 * Where to look: each file's first problems at their cell, as validate shows them, errors
 * first (their rows are set aside), without the fixes; with `all`, every problem and its fix.
 * The rapporteur's resolutions are shown whole, fixes included. Notes are not problems.
 */
function problemLines(r: CompileSummary, lang: Lang, paint: Paint, all: boolean): string[] {
  const resolutions = new Set(r.resolutions.map((f) => f.path));
  const lines: string[] = [];
  let shown = 0;
  let left = 0;
  for (const f of r.files) {
    const whole = all || resolutions.has(f.path);
    const problems = [
      ...f.issues.filter((i) => i.severity === "error"),
      ...f.issues.filter((i) => i.severity === "warning"),
    ];
    const room = whole
      ? problems.length
      : Math.max(0, Math.min(PROBLEMS_PER_FILE, PROBLEMS_SHOWN - shown));
    const list = problems.slice(0, room);
    if (!whole) {
      shown += list.length;
      left += problems.length - list.length;
    }
    if (list.length === 0) continue;
    lines.push(paint.bold(f.path));
    for (const i of list) lines.push(...issueLines(i, lang, paint, whole));
  }
  if (left > 0) lines.push(paint.dim(catalogue(lang).summary.moreProblems(left)));
  return lines;
}

export function compileText(r: CompileSummary, lang: Lang, paint: Paint, all = false): string {
  const t = catalogue(lang).summary;
  const rows = compileJson(r).files.map((f) => [
    f.path,
    f.kinds.map((k) => kindLabel(String(k), lang)).join(", ") || "—",
    String(f.rows),
    String(f.accepted),
    String(f.rejected),
    String(f.errors),
    String(f.warnings),
  ]);
  const widths = t.head.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const out = [paint.bold(pad(t.head, widths))];
  for (const row of rows) {
    const line = pad(row, widths);
    out.push(row[5] !== "0" ? paint.error(line) : row[6] !== "0" ? paint.warning(line) : line);
  }
  // What was passed over is said as validate says it: nothing of the folder goes unmentioned.
  // (The plan and the resolutions, read as what they are, are in the table above.)
  const skipped = r.skipped.filter((s) => !r.files.some((f) => f.path === s.path));
  if (skipped.length > 0) {
    const v = catalogue(lang).validation;
    out.push(paint.dim(`${v.skipped}${v.colon}`));
    for (const s of skipped) out.push(paint.dim(`    ${s.path} (${skipText(s.reason, lang)})`));
  }
  const problems = problemLines(r, lang, paint, all);
  if (problems.length > 0) out.push("", ...problems);
  const c = r.consolidation;
  const s = c.summary;
  const total = t.total(s.rows.read, s.rows.accepted, s.rows.duplicates, s.rows.rejected, s.files);
  out.push("", total, t.counts(c.bilan.length, c.constats.length, c.propositions.length));
  if (s.rows.read === 0) out.push(paint.warning(t.nothing));
  if (s.rows.rejected > 0) out.push(paint.warning(t.rejected(s.rows.rejected)));
  out.push(t.conflicts(s.conflicts, conflictList(c, lang)));
  // The decisions written, not the values that follow them (a resolved status brings its rate).
  const applied = c.conflits.filter((k) => k.rule === "resolution" && !k.follows).length;
  if (applied > 0) out.push(t.applied(applied));
  if (s.updates > 0 || s.rows.replaced > 0) out.push(t.history(s.updates, s.rows.replaced));
  const unassessed = unassessedSplit(c.non_evalues, r.files);
  out.push(t.unassessed(unassessed.none, unassessed.rejected));
  if (r.changes) {
    const ch = r.changes;
    out.push(
      t.since,
      `    ${t.files(ch.files.added.length, ch.files.changed.length, ch.files.removed.length)}`,
      ...[
        ...ch.files.added.map((f) => `      + ${f}`),
        ...ch.files.changed.map((f) => `      ~ ${f}`),
        ...ch.files.removed.map((f) => `      - ${f}`),
      ],
      `    ${t.rows(ch.rows.added, ch.rows.removed)}`,
      `    ${t.newConflicts(ch.newConflicts)}`,
    );
  } else {
    out.push(paint.dim(t.first));
  }
  out.push(catalogue(lang).cli.written(r.out), `    ${writtenList(r.written, lang)}`);
  const next = catalogue(lang).followups.written;
  if (r.open > 0) out.push(paint.warning(next.arbitrages(r.open)));
  if (r.retours.length > 0) out.push(next.retours(r.retours));
  out.push(...previousLines(r.out, r, lang, paint));
  out.push(...unreadLines(r.files, lang, paint));
  return `${out.join("\n")}\n`;
}

/** Last, where the eye lands: each file of which nothing is in the results, and why. */
export function unreadLines(files: readonly FileReport[], lang: Lang, paint: Paint): string[] {
  const t = catalogue(lang).summary;
  return unreadFiles(files).map((path) => {
    const first = files.find((f) => f.path === path)?.issues.find((i) => i.severity === "error");
    const why = first
      ? [messageOf(first, lang), hintOf(first, lang)].filter(Boolean).join(" → ")
      : "";
    return paint.error(t.unread(path, why));
  });
}

/** How many identities the terminal names in the conflicts line; all are in conflits.csv. */
const LISTED_CONFLICTS = 8;

/** `1.1.1 : Statut, Taux de réalisation (%)`: each identity in conflict, its fields in the language. */
function conflictList(c: Consolidation, lang: Lang): string[] {
  const fields = new Map<string, string[]>();
  for (const k of c.conflits) {
    const text = k.key.length > 40 ? `${k.key.slice(0, 39)}…` : k.key;
    const key = k.kind === "bilan" ? k.key : `« ${text} »`;
    const label = findField(k.kind, k.field)?.[lang] ?? k.field;
    const list = fields.get(key) ?? [];
    if (!list.includes(label)) list.push(label);
    fields.set(key, list);
  }
  const t = catalogue(lang).summary;
  const named = [...fields].map(([key, labels]) => t.conflictFields(key, labels));
  return named.length > LISTED_CONFLICTS ? [...named.slice(0, LISTED_CONFLICTS), "…"] : named;
}

/** The files written, those of a subfolder (`retours/`) counted under its name. */
function writtenList(names: readonly string[], lang: Lang): string {
  const folders = new Map<string, number>();
  const shown: string[] = [];
  for (const name of names) {
    const slash = name.indexOf("/");
    if (slash < 0) {
      shown.push(name);
      continue;
    }
    const folder = name.slice(0, slash);
    if (!folders.has(folder)) shown.push(folder);
    folders.set(folder, (folders.get(folder) ?? 0) + 1);
  }
  const t = catalogue(lang).cli;
  return shown.map((n) => (folders.has(n) ? t.folder(n, folders.get(n) ?? 0) : n)).join(", ");
}

/**
 * What became of the files an earlier run wrote: the previous set in `precedent/`, each file
 * not written again, each file someone changed since (kept under its own name).
 */
export function previousLines(
  out: string,
  r: Pick<CompileSummary, "previous" | "moved" | "kept" | "unlisted">,
  lang: Lang,
  paint: Paint,
): string[] {
  const t = catalogue(lang).cli;
  const lines: string[] = [];
  if (r.previous) lines.push(t.previousKept(out));
  if (r.moved.length > 0) lines.push(t.movedToPrevious(r.moved.join(", "), out));
  if (r.unlisted.length > 0) lines.push(paint.warning(t.unlisted(out, r.unlisted.join(", "))));
  for (const k of r.kept) {
    lines.push(paint.warning(t.editedKept(out, k)));
    if (k.from.startsWith("arbitrages-a-faire.")) lines.push(t.editedArbitrages);
  }
  return lines;
}
