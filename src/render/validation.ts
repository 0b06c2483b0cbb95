import { catalogue, hintOf, messageOf, recordOf } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import { cellOf, type Issue } from "../issues.js";
import type { FileReport, SkipReason, ValidationResult } from "../model.js";
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

/** The JSON document of `validate --format json` and of `journal.json`. */
export function validationJson(result: ValidationResult, lang: Lang) {
  return {
    version: JSON_VERSION,
    valid: result.summary.errors === 0,
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

/** Colours are injected so that this module does not depend on the terminal. */
export interface Paint {
  error: (s: string) => string;
  warning: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
  ok: (s: string) => string;
}

/** Human view, grouped by file, `Bilan!C12` locations; at most `cap` problems shown per file. */
export function validationText(
  result: ValidationResult,
  lang: Lang,
  paint: Paint,
  cap = 30,
): string {
  const t = catalogue(lang).validation;
  const out: string[] = [];
  for (const f of filesRead(result)) {
    const c = { errors: 0, warnings: 0 };
    for (const i of f.issues) i.severity === "error" ? c.errors++ : c.warnings++;
    const mark = c.errors ? paint.error("✖") : c.warnings ? paint.warning("⚠") : paint.ok("✔");
    const how = [
      f.format.toUpperCase(),
      f.encoding,
      f.delimiter ? t.quote(f.delimiter === "\t" ? "tab" : f.delimiter) : undefined,
    ]
      .filter(Boolean)
      .join(", ");
    out.push(`${mark} ${paint.bold(f.path)} ${paint.dim(`(${how})`)}`);
    for (const s of f.sheets) {
      const name = s.name ?? f.format.toUpperCase();
      out.push(
        s.kind
          ? `    ${name} → ${s.kind}, ${t.header(s.headerRow ?? 0)}${t.colon} ${t.rows(s.rows, s.accepted, s.rejected)}`
          : `    ${name}${t.colon} ${paint.dim(t.skippedSheet)}`,
      );
    }
    for (const i of f.issues.slice(0, cap)) out.push(...issueLines(i, lang, paint));
    if (f.issues.length > cap) {
      const rest = f.issues.slice(cap);
      const e = rest.filter((i) => i.severity === "error").length;
      out.push(paint.dim(`    ${t.more(rest.length, e, rest.length - e)}`));
    }
  }
  if (result.skipped.length > 0) {
    out.push(paint.dim(`${t.skipped}${t.colon}`));
    for (const s of result.skipped)
      out.push(paint.dim(`    ${s.path} (${skipText(s.reason, lang)})`));
  }
  const s = result.summary;
  const verdict = s.errors === 0 ? paint.ok(t.valid) : paint.error(t.invalid);
  const summary = t.summary(s.files, s.rows, s.accepted, s.rejected, s.errors, s.warnings);
  out.push("", `${verdict} — ${summary}`);
  return `${out.join("\n")}\n`;
}

/** A problem as the terminal shows it: where, what, the code, then the fix. */
export function issueLines(i: Issue, lang: Lang, paint: Paint): string[] {
  const where = cellOf(i) ?? "";
  const t = catalogue(lang).validation;
  const tag = i.severity === "error" ? paint.error(t.error) : paint.warning(t.warning);
  const lines = [
    `    ${tag} ${paint.bold(where)}${where ? " " : ""}${messageOf(i, lang)} ${paint.dim(`[${i.code}]`)}`,
  ];
  const hint = hintOf(i, lang);
  if (hint) lines.push(`        → ${hint}`);
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
      lines.push(
        `::${i.severity === "error" ? "error" : "warning"} ${props.join(",")}::${data(text)}`,
      );
    }
  }
  const s = result.summary;
  lines.push(`${s.errors} error(s), ${s.warnings} warning(s) in ${s.files} file(s)`);
  return `${lines.join("\n")}\n`;
}

function data(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function prop(s: string): string {
  return data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
