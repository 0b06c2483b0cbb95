import { z } from "zod";
import type { Config } from "./config.js";
import { type FieldSpec, type FieldType, KINDS, referenceFields, STATUTS } from "./fields.js";
import { type Issue, type IssueCode, issue, type Location, type Params } from "./issues.js";
import type { Column, RecordRow, Table, TableKind } from "./normalize.js";
import { closest } from "./text.js";

/**
 * Validation: the zod schema of each kind (derived from the field registry) checks required
 * values and bounds on the typed row; then small named rules check fields against each other,
 * rows against each other, and codes against the reference plan.
 */

/** The reference plan, by activity code. */
export type ReferencePlan = Map<string, { axe: string | null; activite: string | null }>;

export interface RuleContext {
  config: Config;
  reference?: ReferencePlan;
}

// --- zod schemas from the registry ---------------------------------------------------------------

type ZodFor = (field: FieldSpec, axes: readonly string[]) => z.ZodType;

function bounded(field: FieldSpec) {
  let n = z.number();
  if (field.min !== undefined) n = n.min(field.min);
  if (field.max !== undefined) n = n.max(field.max);
  return n;
}

/** One zod type per field type: adding a field type without one fails to compile. */
const ZOD: { [T in FieldType]: ZodFor } = {
  text: () => z.string().min(1),
  code: () => z.string().min(1),
  axis: (_f, axes) => z.enum(axes as [string, ...string[]]),
  enum: (f) => z.enum((f.values ?? []).map((v) => v.id) as [string, ...string[]]),
  amount: bounded,
  percent: bounded,
  bool: () => z.boolean(),
  calendar: () => z.array(z.number().int()).min(1),
  list: () => z.array(z.string()),
  date: () => z.iso.date(),
  yearAmounts: (f) => z.record(z.string().regex(/^\d{4}$/), bounded(f)),
};

function fieldsOfTable(kind: TableKind): readonly FieldSpec[] {
  return kind === "reference" ? referenceFields : KINDS[kind];
}

const schemaCache = new WeakMap<Config, Map<TableKind, z.ZodObject>>();

/** The zod schema of a kind's typed row under a configuration (axes come from it). */
export function schemaFor(kind: TableKind, config: Config): z.ZodObject {
  let byKind = schemaCache.get(config);
  if (!byKind) {
    byKind = new Map();
    schemaCache.set(config, byKind);
  }
  let schema = byKind.get(kind);
  if (!schema) {
    const axes = (kind === "propositions" ? config.plan.axes : config.review.axes).map(
      (a) => a.code,
    );
    const shape: Record<string, z.ZodType> = {};
    for (const f of fieldsOfTable(kind)) {
      const base = ZOD[f.type](f, axes);
      shape[f.id] = f.required ? base : base.nullable();
    }
    schema = z.object(shape);
    byKind.set(kind, schema);
  }
  return schema;
}

function locate(record: RecordRow, column: Column | undefined): Location {
  const loc: Location = { file: record.file, row: record.row };
  if (record.sheet !== undefined) loc.sheet = record.sheet;
  if (column) {
    loc.column = column.letter;
    loc.header = column.header;
  }
  return loc;
}

/** The cell of a field as the user typed it. */
function shownOf(record: RecordRow, id: string): string | undefined {
  const column = record.cells[id];
  return column ? record.raw[column.header || column.letter] : undefined;
}

function labelOf(kind: TableKind, id: string): string {
  return fieldsOfTable(kind).find((f) => f.id === id)?.fr ?? id;
}

/**
 * Runs the kind's schema on a typed row; fields that already failed to read are not re-reported.
 * A value the schema refuses is set to null afterwards, so that rules never reason on it.
 */
function checkSchema(record: RecordRow, table: Table, config: Config) {
  const result = schemaFor(table.kind, config).safeParse(record.values);
  if (result.success) return;
  const failed = new Set(record.issues.map((i) => i.field));
  const reported = new Set<string>();
  for (const zi of result.error.issues) {
    const id = String(zi.path[0] ?? "");
    if (failed.has(id) || reported.has(id)) continue;
    // Missing columns are reported once for the whole table, not on every row.
    if (table.fatal.some((f) => f.field === id)) continue;
    reported.add(id);
    const value = record.values[id];
    const column = record.cells[id];
    const label = labelOf(table.kind, id);
    const empty = value === null || value === undefined;
    let code: IssueCode = "invalid-value";
    const params: Params = { label };
    if (empty || (zi.code === "too_small" && Array.isArray(value) && value.length === 0)) {
      code = "missing-value";
    } else if (zi.code === "too_small" || zi.code === "too_big") {
      code = "out-of-range";
      const f = fieldsOfTable(table.kind).find((x) => x.id === id);
      params.range = rangeText(f);
      params.value = typeof value === "number" ? value : JSON.stringify(value);
    } else {
      params.allowed = "";
      params.suggestion = "";
    }
    const shown = shownOf(record, id);
    const extra: { field: string; value?: string; params: Params } = { field: id, params };
    if (shown !== undefined) extra.value = shown;
    record.issues.push(issue(code, locate(record, column), extra));
  }
  for (const id of reported) record.values[id] = null;
}

function rangeText(f: FieldSpec | undefined): string {
  if (!f) return "";
  if (f.min !== undefined && f.max !== undefined) return `${f.min} à ${f.max}`;
  if (f.min !== undefined) return `≥ ${f.min}`;
  return `≤ ${f.max}`;
}

// --- rules -------------------------------------------------------------------------------------

/** A rule on one row; returns its issue, if any. */
type RowRule = (record: RecordRow, ctx: RuleContext) => Issue | undefined;

const num = (v: unknown) => (typeof v === "number" ? v : null);

const budgetOverspent: RowRule = (r) => {
  const planned = num(r.values.budget_prevu);
  const spent = num(r.values.budget_execute);
  if (planned === null || spent === null || spent <= planned) return undefined;
  return issue("budget-overspent", locate(r, r.cells.budget_execute), {
    field: "budget_execute",
    value: String(spent),
    params: { spent: formatAmount(spent), planned: formatAmount(planned) },
  });
};

/** The rate a status allows: done is 100 %, not done is 0 %, partial and ongoing are in between. */
const rateStatusMismatch: RowRule = (r) => {
  const rate = num(r.values.taux_realisation);
  const status = r.values.statut;
  if (rate === null || typeof status !== "string") return undefined;
  const fits =
    status === "realise"
      ? rate === 100
      : status === "non_realise"
        ? rate === 0
        : status === "partiel" || status === "en_cours"
          ? rate > 0 && rate < 100
          : true;
  if (fits) return undefined;
  return issue("rate-status-mismatch", locate(r, r.cells.taux_realisation), {
    field: "taux_realisation",
    value: String(rate),
    params: { rate, status: STATUTS.find((s) => s.id === status)?.fr ?? status },
  });
};

const costSplitMismatch: RowRule = (r) => {
  const total = num(r.values.cout);
  const split = r.values.cout_annuel as Record<string, number> | null;
  if (total === null || !split) return undefined;
  const sum = Object.values(split).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - total) < 0.5) return undefined;
  return issue("cost-split-mismatch", locate(r, r.cells.cout), {
    field: "cout",
    value: String(total),
    params: { sum: formatAmount(sum), total: formatAmount(total) },
  });
};

const missingOrigin: RowRule = (r) => {
  const nature = r.values.nature;
  if ((nature !== "reconduite" && nature !== "reformulee") || r.values.code_activite_origine) {
    return undefined;
  }
  // Pointed at the empty origin cell when the column exists: that is the cell to fill.
  return issue("missing-origin", locate(r, r.cells.code_activite_origine ?? r.cells.nature), {
    field: "code_activite_origine",
    params: { nature: nature === "reconduite" ? "Reconduite" : "Reformulée" },
  });
};

/** The axis number a code starts with (`2.1.3` → 2), if it starts with one. */
function axisNumberOf(code: string): number | undefined {
  const m = /^(\d+)\./.exec(code);
  return m ? Number(m[1]) : undefined;
}

const axisCodeMismatch: RowRule = (r, ctx) => {
  const code = r.values.code_activite;
  const axe = r.values.axe;
  if (typeof code !== "string" || typeof axe !== "string") return undefined;
  const axes = ctx.config.review.axes;
  const fromReference = ctx.reference?.get(code)?.axe ?? undefined;
  const expected = fromReference
    ? axes.find((a) => a.code === fromReference)
    : axes.find((a) => a.number === axisNumberOf(code));
  const actual = axes.find((a) => a.code === axe);
  if (!expected || !actual || expected.code === actual.code) return undefined;
  return issue("axis-code-mismatch", locate(r, r.cells.axe), {
    field: "axe",
    value: shownOf(r, "axe") ?? axe,
    params: {
      code,
      expected: `${expected.number} (${expected.fr})`,
      axis: `${actual.number} (${actual.fr})`,
    },
  });
};

function unknownCode(field: string): RowRule {
  return (r, ctx) => {
    const code = r.values[field];
    if (!ctx.reference || typeof code !== "string" || ctx.reference.has(code)) return undefined;
    if (field === "code_activite" && r.values.hors_plan === true) return undefined;
    const near = closest(code, [...ctx.reference.keys()], (c) => c);
    return issue("unknown-activity", locate(r, r.cells[field]), {
      field,
      value: code,
      params: { suggestion: near ? ` (${near} ?)` : "" },
    });
  };
}

const ROW_RULES: Record<TableKind, RowRule[]> = {
  bilan: [budgetOverspent, rateStatusMismatch, axisCodeMismatch, unknownCode("code_activite")],
  constats: [axisCodeMismatch, unknownCode("code_activite")],
  propositions: [costSplitMismatch, missingOrigin, unknownCode("code_activite_origine")],
  reference: [],
};

/** Two bilan rows of one file for the same activity: the later one is the error. */
function duplicateActivity(records: RecordRow[]) {
  const first = new Map<string, RecordRow>();
  for (const r of records) {
    const code = r.values.code_activite;
    if (typeof code !== "string") continue;
    const seen = first.get(code);
    if (!seen) {
      first.set(code, r);
      continue;
    }
    r.issues.push(
      issue("duplicate-activity", locate(r, r.cells.code_activite), {
        field: "code_activite",
        value: code,
        params: { first: seen.row },
      }),
    );
  }
}

/** Validates the rows of one table in place: schema, row rules, then rules across rows. */
export function validateTable(table: Table, records: RecordRow[], ctx: RuleContext) {
  for (const r of records) {
    checkSchema(r, table, ctx.config);
    if (table.fatal.length > 0) continue;
    for (const rule of ROW_RULES[table.kind]) {
      const found = rule(r, ctx);
      if (found) r.issues.push(found);
    }
  }
  if (table.kind === "bilan" || table.kind === "reference") duplicateActivity(records);
}

export function isRejected(record: RecordRow, table: Table): boolean {
  return table.fatal.length > 0 || record.issues.some((i) => i.severity === "error");
}

/** `1 500 000` with a narrow no-break space, as French typography writes amounts. */
export function formatAmount(n: number): string {
  return new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 }).format(n);
}
