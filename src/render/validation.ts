import { extname } from "node:path";
import { CONFIG_FILE } from "../config.js";
import { plural } from "../i18n/format.js";
import { catalogue, hintOf, messageOf, recordOf } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import { cellOf, countBySeverity, type Issue, type IssueCode } from "../issues.js";
import type { FileReport, SheetReport, SkipReason, ValidationResult } from "../model.js";
import { columnNumber } from "../sheet.js";

/**
 * The three views of a validation result: text for people, JSON for scripts, GitHub workflow
 * annotations for CI. Pure functions returning strings; the CLI prints them.
 */

export const JSON_VERSION = 1;

/** Every file read, in the order people see them: the plans, the submissions, the resolutions. */
export function filesRead(
  result: Pick<ValidationResult, "files" | "references" | "resolutions">,
): FileReport[] {
  const { references, files, resolutions } = result;
  return [...references.map((r) => r.report), ...files, ...resolutions];
}

/**
 * Whether a validation passes: no error, no workshop left unchecked (its configuration is
 * invalid), and with `strict` no warning either. The verdict every view gives, and the exit code.
 */
export function passes(result: ValidationResult, strict = false): boolean {
  const s = result.summary;
  return s.errors === 0 && unchecked(result).length === 0 && !(strict && s.warnings > 0);
}

/** The workshops a folder held that could not be checked: their configuration is invalid. */
export function unchecked(result: ValidationResult): ValidationResult["skipped"] {
  return result.skipped.filter((k) => k.reason === "invalid-workshop");
}

/** The JSON document of `validate --format json` and of `journal.json`. */
export function validationJson(result: ValidationResult, lang: Lang) {
  return {
    version: JSON_VERSION,
    valid: passes(result),
    summary: {
      files: result.summary.files,
      rows: result.summary.rows,
      accepted: result.summary.accepted,
      rejected: result.summary.rejected,
      errors: result.summary.errors,
      warnings: result.summary.warnings,
    },
    files: filesRead(result).map((f) => ({
      path: f.path,
      format: f.format,
      ...(f.encoding ? { encoding: f.encoding } : {}),
      ...(f.delimiter ? { delimiter: f.delimiter } : {}),
      meta: f.meta,
      sheets: f.sheets.map((s) => ({
        name: s.name,
        kind: s.kind,
        header_row: s.headerRow,
        rows: s.rows,
        accepted: s.accepted,
        rejected: s.rejected,
      })),
      problems: f.issues.map((i) => recordOf(i, lang)),
    })),
    skipped: result.skipped,
  };
}

export function skipText(reason: SkipReason, lang: Lang): string {
  return catalogue(lang).validation.skips[reason];
}

/** Colours and marks are injected so that this module does not depend on the terminal. */
export interface Paint {
  error: (s: string) => string;
  warning: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
  ok: (s: string) => string;
  /** The mark before a file with errors, with warnings only, with neither. */
  marks: { error: string; warning: string; ok: string };
}

/** The format a file was read as, as people name it: `XLSX`, `ODS` (.ods, .fods), `XLS`, `CSV`. */
export function formatLabel(f: Pick<FileReport, "path" | "format" | "issues">): string {
  // A format atelier does not read is named by its extension (.xlsb, .numbers), not a reader.
  if (f.issues.some((i) => i.code === "unsupported-format")) {
    const ext = extname(f.path).slice(1);
    if (ext) return ext.toUpperCase();
  }
  return f.format.toUpperCase();
}

/** What a sheet was read as, in the language: `bilan`, `plan de référence`. */
export function kindLabel(kind: string, lang: Lang): string {
  return catalogue(lang).validation.kinds[kind] ?? kind;
}

/**
 * The sheets a workbook passed over, said once for all of them: hidden sheets, sheets whose
 * headers name no submission kind (two or more of a kind, each else has its own problem), and
 * sheets with nothing at all. Returns the lines and the problems they stand for.
 */
function skippedSheetLines(
  f: FileReport,
  lang: Lang,
  paint: Paint,
): { lines: string[]; folded: Set<Issue> } {
  const t = catalogue(lang).validation;
  const lines: string[] = [];
  const folded = new Set<Issue>();
  const skipped = f.sheets.filter((s) => s.kind === null);
  const sheetOf = (s: SheetReport) => s.name ?? undefined;
  const group = (code: IssueCode, text: typeof t.hiddenSheets, hint: typeof t.hiddenSheetsHint) => {
    const found = f.issues.filter((i) => i.code === code && i.row === undefined);
    const named = skipped.filter((s) => found.some((i) => i.sheet === sheetOf(s)));
    if (named.length < 2) return;
    for (const i of found) if (named.some((s) => i.sheet === sheetOf(s))) folded.add(i);
    const names = named.map((s) => s.name ?? "");
    lines.push(
      `    ${paint.warning(t.warning)} ${text(names.length, names)} ${paint.dim(`[${code}]`)}`,
      `        → ${hint(names.length)}`,
    );
  };
  group("hidden-sheet", t.hiddenSheets, t.hiddenSheetsHint);
  group("sheet-skipped", t.unknownSheets, t.unknownSheetsHint);
  // A sheet no problem names was passed over for being empty.
  const empty = skipped.filter((s) => !f.issues.some((i) => i.sheet === sheetOf(s)));
  const names = empty.map((s) => s.name ?? "");
  if (names.length > 0) lines.push(`    ${paint.dim(t.emptySheets(names.length, names))}`);
  return { lines, folded };
}

/** Human view, grouped by file, `Bilan!C12` locations; at most `cap` problems shown per file. */
export function validationText(
  result: ValidationResult,
  lang: Lang,
  paint: Paint,
  cap = 30,
  strict = false,
): string {
  const t = catalogue(lang).validation;
  const out: string[] = [];
  const read = filesRead(result);
  for (const f of read) {
    const c = countBySeverity(f.issues);
    const { marks } = paint;
    const mark = c.errors
      ? paint.error(marks.error)
      : c.warnings
        ? paint.warning(marks.warning)
        : paint.ok(marks.ok);
    const how = [
      formatLabel(f),
      f.encoding,
      f.delimiter ? t.quote(f.delimiter === "\t" ? "tab" : f.delimiter) : undefined,
    ]
      .filter(Boolean)
      .join(", ");
    out.push(`${mark} ${paint.bold(f.path)} ${paint.dim(`(${how})`)}`);
    // A sheet of a group's template left with its header alone is said in one line with the
    // others, when another sheet of the file holds rows.
    const blank = (s: SheetReport) =>
      s.kind !== null && s.rows === 0 && !f.issues.some((i) => i.sheet === (s.name ?? undefined));
    const unfilled = f.sheets.some((s) => s.kind && s.rows > 0) ? f.sheets.filter(blank) : [];
    for (const s of f.sheets) {
      if (!s.kind || unfilled.includes(s)) continue;
      const name = s.name ?? formatLabel(f);
      out.push(
        `    ${name} → ${kindLabel(s.kind, lang)}, ${t.header(s.headerRow ?? 0)}${t.colon} ${t.rows(s.rows, s.accepted, s.rejected)}`,
      );
    }
    if (unfilled.length > 0) {
      const names = unfilled.map((s) => s.name ?? "");
      out.push(`    ${paint.dim(t.unfilledSheets(names.length, names))}`);
    }
    const sheets = skippedSheetLines(f, lang, paint);
    out.push(...sheets.lines);
    const issues = f.issues.filter((i) => !sheets.folded.has(i));
    for (const i of issues.slice(0, cap)) out.push(...issueLines(i, lang, paint));
    if (issues.length > cap) {
      const rest = countBySeverity(issues.slice(cap));
      const n = rest.errors + rest.warnings;
      if (n > 0) out.push(paint.dim(`    ${t.more(n, rest.errors, rest.warnings)}`));
    }
  }
  // The plan and the resolutions, read for what they are, are above: not passed over.
  const skipped = result.skipped.filter((s) => !read.some((f) => f.path === s.path));
  if (skipped.length > 0) {
    out.push(paint.dim(`${t.skipped}${t.colon}`));
    for (const s of skipped) out.push(paint.dim(`    ${s.path} (${skipText(s.reason, lang)})`));
  }
  const s = result.summary;
  const verdict = passes(result, strict) ? paint.ok(t.valid) : paint.error(t.invalid);
  const summary = t.summary(s.files, s.rows, s.accepted, s.rejected, s.errors, s.warnings);
  // The plan's and the decisions' problems count too, but their rows are no group's: said apart.
  const besides = countBySeverity([
    ...result.references.flatMap((r) => r.report.issues),
    ...result.resolutions.flatMap((f) => f.issues),
  ]);
  const apart =
    besides.errors + besides.warnings > 0 ? ` ${t.besides(besides.errors, besides.warnings)}` : "";
  out.push("", `${verdict} — ${summary}${apart}`);
  return `${out.join("\n")}\n`;
}

/** A problem as the terminal shows it: where, what, the code, then the fix (unless `hint` is false). */
export function issueLines(i: Issue, lang: Lang, paint: Paint, hint = true): string[] {
  const where = cellOf(i) ?? "";
  const t = catalogue(lang).validation;
  const tag =
    i.severity === "error"
      ? paint.error(t.error)
      : i.severity === "warning"
        ? paint.warning(t.warning)
        : paint.dim(t.info);
  const lines = [
    `    ${tag} ${paint.bold(where)}${where ? " " : ""}${messageOf(i, lang)} ${paint.dim(`[${i.code}]`)}`,
  ];
  const fix = hint ? hintOf(i, lang) : undefined;
  if (fix) lines.push(`        → ${fix}`);
  return lines;
}

/** GitHub workflow commands: one annotation per problem. */
export function validationGithub(result: ValidationResult, lang: Lang): string {
  const lines: string[] = [];
  for (const f of filesRead(result)) {
    for (const i of f.issues) {
      const props = [`file=${prop(f.path)}`];
      if (i.row !== undefined) props.push(`line=${i.row}`);
      if (i.column) props.push(`col=${columnNumber(i.column)}`);
      props.push(`title=${prop(`${i.code}${cellOf(i) ? ` ${cellOf(i)}` : ""}`)}`);
      const hint = hintOf(i, lang);
      const text = hint ? `${messageOf(i, lang)} — ${hint}` : messageOf(i, lang);
      const level = i.severity === "info" ? "notice" : i.severity;
      lines.push(`::${level} ${props.join(",")}::${data(text)}`);
    }
  }
  // A workshop left unchecked fails the run: it is said where the problems are.
  for (const k of unchecked(result)) {
    lines.push(
      `::error file=${prop(`${k.path}/${CONFIG_FILE}`)}::${data(skipText(k.reason, lang))}`,
    );
  }
  const s = result.summary;
  const count = (n: number, one: string, many: string) => plural(n, "en", one, many);
  lines.push(
    `${count(s.errors, "error", "errors")}, ${count(s.warnings, "warning", "warnings")} in ${count(s.files, "file", "files")}`,
  );
  return `${lines.join("\n")}\n`;
}

function data(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function prop(s: string): string {
  return data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * A file name as Markdown code in a table cell: no line break, no column bar, and a fence longer
 * than any run of backticks in it, so that nothing in a name is read as Markdown.
 */
function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ").replace(/\|/g, "\\|");
  const fence = "`".repeat(Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = /^`|`$/.test(flat) ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * The job summary of a GitHub workflow (`$GITHUB_STEP_SUMMARY`): the verdict, then one row per
 * file read with its rows and problems, and a total.
 */
export function validationStepSummary(
  result: ValidationResult,
  lang: Lang,
  strict = false,
): string {
  const t = catalogue(lang).validation;
  const s = result.summary;
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;
  const figures = filesRead(result).map((f) => {
    const c = countBySeverity(f.issues);
    const sum = (key: "rows" | "accepted" | "rejected") =>
      f.sheets.reduce((n, sheet) => n + (sheet.kind ? sheet[key] : 0), 0);
    return {
      path: f.path,
      n: [sum("rows"), sum("accepted"), sum("rejected"), c.errors, c.warnings],
    };
  });
  // The plan's and the decisions' rows are in the table, hence in its total, not in the verdict's.
  const total = [0, 1, 2, 3, 4].map((k) => figures.reduce((n, f) => n + (f.n[k] ?? 0), 0));
  const verdict = passes(result, strict) ? `✅ ${t.valid}` : `❌ ${t.invalid}`;
  return [
    `## ${t.ci.title}`,
    "",
    `${verdict} — ${t.summary(s.files, s.rows, s.accepted, s.rejected, s.errors, s.warnings)}`,
    "",
    line(t.ci.columns),
    line(t.ci.columns.map((_, i) => (i === 0 ? "---" : "---:"))),
    ...figures.map((f) => line([code(f.path), ...f.n])),
    line([`**${t.ci.total}**`, ...total]),
    ...unchecked(result).flatMap((k) => [
      "",
      `❌ ${code(k.path)}${t.colon} ${skipText(k.reason, lang)}`,
    ]),
    "",
  ].join("\n");
}
