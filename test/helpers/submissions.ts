import { defaultConfig } from "../../src/config.js";
import { type ReferenceActivity, type TableKind, tableFields } from "../../src/fields.js";
import { type Issue, issue } from "../../src/issues.js";
import type { Consolidated, FileReport, KeptRow, ReferencePlan } from "../../src/model.js";

/**
 * Validated files as the pipeline hands them to merging, made in memory: merging's rules are
 * tested on them directly, without reading a workshop.
 */

export const config = defaultConfig("/atelier");

export type Values = Record<string, unknown>;

export interface RowSpec {
  values: Values;
  issues?: Issue[];
  meta?: Record<string, string>;
}

export interface TableSpec {
  kind: TableKind;
  sheet?: string;
  rows: (Values | RowSpec)[];
  fatal?: Issue[];
}

export function isSpec(r: Values | RowSpec): r is RowSpec {
  return typeof r.values === "object" && r.values !== null && !Array.isArray(r.values);
}

/** Every field of the kind, null unless given. */
export function full(kind: TableKind, values: Values): Values {
  const fields = kind === "reference" ? [] : tableFields(kind);
  return { ...Object.fromEntries(fields.map((f) => [f.id, null])), ...values };
}

/** A validated file as the pipeline hands it over: rows numbered from 2 under the header. */
export function submission(
  path: string,
  tables: TableSpec[],
  meta: Record<string, string> = {},
): FileReport {
  const report: FileReport = { path, format: "csv", meta, sheets: [], issues: [], tables: [] };
  for (const spec of tables) {
    const fatal = spec.fatal ?? [];
    const records = spec.rows.map((r, i): KeptRow => {
      const s = isSpec(r) ? r : { values: r };
      const issues = s.issues ?? [];
      const rejected = fatal.length > 0 || issues.some((x) => x.severity === "error");
      const record: KeptRow = {
        file: path,
        row: i + 2,
        values: full(spec.kind, s.values),
        meta: s.meta ?? {},
        issues,
        rejected,
      };
      if (rejected) {
        record.raw = Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, String(v)]));
      }
      if (spec.sheet) record.sheet = spec.sheet;
      return record;
    });
    report.issues.push(...fatal, ...records.flatMap((r) => r.issues));
    report.tables.push({ kind: spec.kind, columns: {}, fatal, records });
  }
  return report;
}

export function bilan(code: string, statut: string, extra: Values = {}): Values {
  return { axe: "PREV", code_activite: code, activite: `Activité ${code}`, statut, ...extra };
}

export function constat(axe: string, type: string, text: string, extra: Values = {}): Values {
  return { axe, type, constat: text, ...extra };
}

export function proposition(
  axe: string,
  objectif: string,
  action: string,
  extra: Values = {},
): Values {
  return {
    axe,
    objectif,
    action,
    indicateur: "Nombre",
    responsable: "MJDH",
    calendrier: [2024],
    ...extra,
  };
}

/** A reference plan of these activities, in this order. */
export function plan(codes: readonly string[], axe = "PREV"): ReferencePlan {
  const activities = codes.map(
    (code): ReferenceActivity => ({
      code_activite: code,
      axe,
      activite: null,
      responsable: null,
      indicateur: null,
      budget_prevu: null,
    }),
  );
  return {
    path: "plan.csv",
    activities,
    byCode: new Map(activities.map((a) => [code(a), a])),
    report: submission("plan.csv", [
      { kind: "reference", rows: codes.map((c) => ({ code_activite: c })) },
    ]),
  };
}

export const code = (a: ReferenceActivity) => a.code_activite as string;

export const bilanFile = (
  path: string,
  session: string,
  rows: (Values | RowSpec)[],
  groupe?: string,
) => submission(path, [{ kind: "bilan", rows }], { session, ...(groupe ? { groupe } : {}) });

export const byCode = (rows: Consolidated<"bilan">[], code: string) =>
  rows.find((r) => r.code_activite === code);

export const pick = <T extends object, K extends keyof T>(rows: T[], keys: K[]) =>
  rows.map((r) => keys.map((k) => r[k]));

/** A source as merging records it, the group taken from the file name. */
export const src = (file: string, session: string | null, row = 2) => ({
  file,
  sheet: null,
  row,
  groupe: file.replace(/^.*\/|\.csv$/g, ""),
  session,
});

export const badCell = (file: string, row: number) =>
  issue(
    "missing-value",
    { file, row, column: "D" },
    { field: "statut", params: { label: "Statut" } },
  );
