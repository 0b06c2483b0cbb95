import type { Localized } from "./i18n/lang.js";
import { sheetName } from "./sheet.js";

/**
 * The issue catalog: every problem atelier can find in the data, with a stable kebab-case code
 * and a severity. Problems are values (records built by `issue()`), never exceptions. Codes
 * reuse Frictionless names where the meaning is the same. Their titles, messages and hints are
 * in the catalogue of each language (`i18n/fr/issues.ts`), rendered when the output is written.
 */

/**
 * `error`: the row (or the file) is not in the results; `warning`: it is, but a value needs a
 * look; `info`: a note on how the file was read, nothing to correct (never counted as a
 * warning, never failing `--strict`).
 */
export type Severity = "error" | "warning" | "info";

export const CATALOG = {
  "unsupported-format": { severity: "error" },
  "file-unreadable": { severity: "error" },
  "file-too-large": { severity: "error" },
  "inflated-too-large": { severity: "error" },
  "too-many-cells": { severity: "error" },
  "too-many-rows": { severity: "error" },
  "too-many-columns": { severity: "error" },
  "encoding-fallback": { severity: "info" },
  "encoding-uncertain": { severity: "warning" },
  "empty-file": { severity: "error" },
  "no-data": { severity: "warning" },
  "header-not-found": { severity: "error" },
  "sheet-skipped": { severity: "warning" },
  "hidden-sheet": { severity: "warning" },
  "hidden-row": { severity: "warning" },
  "missing-column": { severity: "error" },
  "unknown-column": { severity: "warning" },
  "duplicate-column": { severity: "warning" },
  "blank-header": { severity: "warning" },
  "missing-value": { severity: "error" },
  "type-error": { severity: "error" },
  "invalid-value": { severity: "error" },
  "ambiguous-number": { severity: "error" },
  "ambiguous-percent": { severity: "error" },
  "unit-scaled": { severity: "warning" },
  "currency-mismatch": { severity: "error" },
  "code-normalised": { severity: "warning" },
  "unit-unknown": { severity: "warning" },
  "amount-decimals": { severity: "warning" },
  "unit-suspect": { severity: "warning" },
  "out-of-range": { severity: "error" },
  "calendar-out-of-period": { severity: "error" },
  "cell-too-long": { severity: "error" },
  "cell-error": { severity: "error" },
  "formula-no-cached-value": { severity: "error" },
  "extra-cell": { severity: "error" },
  "conflicting-columns": { severity: "error" },
  "cost-split-mismatch": { severity: "warning" },
  "missing-expected": { severity: "warning" },
  "missing-expected-column": { severity: "warning" },
  "duplicate-activity": { severity: "error" },
  "duplicate-proposition": { severity: "error" },
  "duplicate-constat": { severity: "error" },
  "cost-year-off-calendar": { severity: "warning" },
  "budget-overspent": { severity: "warning" },
  "rate-status-mismatch": { severity: "warning" },
  "unknown-activity": { severity: "warning" },
  "axis-code-mismatch": { severity: "warning" },
  "planned-marked-unplanned": { severity: "warning" },
  "missing-origin": { severity: "warning" },
  "unknown-session": { severity: "warning" },
  "session-mismatch": { severity: "warning" },
  "group-mismatch": { severity: "warning" },
  "group-guessed": { severity: "warning" },
  "invalid-resolution": { severity: "error" },
  "unused-resolution": { severity: "warning" },
  "duplicate-resolution": { severity: "warning" },
  "resolution-without-value": { severity: "error" },
  "resolution-overridden": { severity: "warning" },
} as const satisfies Record<string, { severity: Severity }>;

export type IssueCode = keyof typeof CATALOG;
/** What fills a message: numbers, texts as typed, and texts in both languages. */
export type Params = Record<string, string | number | Localized>;

/** Where a problem is, as the spreadsheet numbers it. */
export interface Location {
  /** Path relative to the workshop folder (or as given), with `/`. */
  file: string;
  /** Sheet name; absent for CSV. */
  sheet?: string;
  /** Row as the spreadsheet shows it (header row included, 1-based). */
  row?: number;
  /** Column letter (`C`). */
  column?: string;
  /** Header text of that column, as read. */
  header?: string;
}

/** One problem: a value, never thrown. */
export interface Issue extends Location {
  code: IssueCode;
  severity: Severity;
  /** Field id (`budget_prevu`) when the problem is about one field. */
  field?: string;
  /** The value as read, as text. */
  value?: string;
  params: Params;
}

export function issue(
  code: IssueCode,
  where: Location,
  extra: { field?: string; value?: string; params?: Params } = {},
): Issue {
  const out: Issue = { code, severity: CATALOG[code].severity, ...where, params: {} };
  if (extra.field !== undefined) out.field = extra.field;
  if (extra.value !== undefined) out.value = extra.value;
  if (extra.params) out.params = extra.params;
  return out;
}

/** A field's label in both languages, as issue params (`{label}` in either template). */
export function labelParams(field: { fr: string; en: string }): Params {
  return { label: { fr: field.fr, en: field.en } };
}

/** `Bilan!C12`, `C12`, `ligne 12`: the place a rapporteur clicks. */
export function cellOf(loc: Location): string | undefined {
  if (loc.row === undefined) return loc.sheet;
  const cell = loc.column ? `${loc.column}${loc.row}` : undefined;
  if (loc.sheet) return `${sheetName(loc.sheet)}!${cell ?? `${loc.row}:${loc.row}`}`;
  return cell;
}

/** Flattens issues to tuples of the named keys: the shape tests assert on. */
export function flatten<K extends keyof Issue>(issues: readonly Issue[], keys: readonly K[]) {
  return issues.map((i) => keys.map((k) => i[k]));
}

/** Errors and warnings; notes (`info`) are not problems and are not counted. */
export function countBySeverity(issues: readonly Issue[]) {
  let errors = 0;
  let warnings = 0;
  for (const i of issues) {
    if (i.severity === "error") errors++;
    else if (i.severity === "warning") warnings++;
  }
  return { errors, warnings };
}
