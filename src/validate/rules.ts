import type { Config } from "../config.js";
import {
  CONFLICT_SPECS,
  type EnumValue,
  type FieldSpec,
  findField,
  isEmpty,
  NATURES,
  STATUTS,
  tableFields,
} from "../fields.js";
import { formatMoney, formatNumber } from "../i18n/format.js";
import { both } from "../i18n/index.js";
import type { Localized } from "../i18n/lang.js";
import {
  type Issue,
  type IssueCode,
  issue,
  type Location,
  labelParams,
  type Params,
} from "../issues.js";
import type { ReferencePlan, TableKind } from "../model.js";
import {
  type Column,
  currencyWord,
  headerIndex,
  headerKey,
  headerUnit,
  type RecordRow,
  sameCurrency,
  type Table,
} from "../normalize/index.js";
import { contextFor, labelOf } from "../normalize/row.js";
import { parseCell } from "../normalize/values.js";
import { passesFor, schemaFor } from "../row-schema.js";
import { closest, groupKey, identityText, sessionKey } from "../text.js";

/**
 * The checks of one row: the zod schema of its kind (derived from the field registry) checks
 * required values and bounds on the typed row; then small named rules check fields against each
 * other, rows against each other, and codes against the reference plan.
 */

export interface RuleContext {
  config: Config;
  reference?: ReferencePlan;
  /** The file's session folder: it wins over a session written in a row. */
  folder?: string;
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

/** A cell as the user typed it. */
function shownOf(record: RecordRow, column: Column | undefined): string | undefined {
  return column ? record.raw[column.header || column.letter] : undefined;
}

/**
 * Runs the kind's schema on a typed row; fields that already failed to read are not re-reported.
 * A value the schema refuses is set to null afterwards, so that rules never reason on it.
 */
function checkSchema(record: RecordRow, table: Table, config: Config) {
  if (passesFor(table.kind, config)(record.values)) return;
  const result = schemaFor(table.kind, config).safeParse(record.values);
  if (result.success) return;
  // Only a field that failed to read is left to its own problem: a warning on it (a code
  // rewritten, a unit scaled) must not hide what the schema refuses.
  const failed = new Set(record.issues.filter((i) => i.severity === "error").map((i) => i.field));
  const reported = new Set<string>();
  // Once per field, but once per year for a cost by year: each year is a cell of its own.
  const said = new Set<string>();
  for (const zi of result.error.issues) {
    const id = String(zi.path[0] ?? "");
    const f = findField(table.kind, id);
    const year = f?.type === "yearAmounts" ? zi.path[1] : undefined;
    const key = year === undefined ? id : `${id}\u0000${String(year)}`;
    if (failed.has(id) || said.has(key)) continue;
    // Missing columns are reported once for the whole table, not on every row.
    if (table.fatal.some((f) => f.field === id)) continue;
    said.add(key);
    reported.add(id);
    // A cost by year is refused at the column of its year, with that year's amount: the last
    // such column, whose value reading kept.
    const yearColumn =
      year === undefined
        ? undefined
        : table.columns.findLast((c) => c.role === "yearAmount" && String(c.year) === String(year));
    const column = yearColumn ?? record.cells[id];
    const value = yearColumn
      ? (record.values[id] as Record<string, unknown>)[String(year)]
      : record.values[id];
    const empty = value === null || value === undefined;
    let code: IssueCode = "invalid-value";
    // Named as the column says, when it says more than the label (another unit, a year).
    const params: Params = f ? (column ? labelOf(column, f) : labelParams(f)) : { label: id };
    const shown = shownOf(record, column);
    if (empty || (zi.code === "too_small" && Array.isArray(value) && value.length === 0)) {
      code = "missing-value";
    } else if (zi.code === "too_small" || zi.code === "too_big") {
      code = "out-of-range";
      params.range = rangeOf(f);
      // A scaled column's amount is shown as typed: `-5` under `(M FCFA)`, not -5000000.
      params.value =
        column && column.scale !== 1 && shown !== undefined
          ? shown
          : typeof value === "number"
            ? value
            : JSON.stringify(value);
    } else {
      params.allowed = "";
      params.suggestion = "";
    }
    const extra: { field: string; value?: string; params: Params } = { field: id, params };
    if (shown !== undefined) extra.value = shown;
    record.issues.push(issue(code, locate(record, column), extra));
  }
  for (const id of reported) record.values[id] = null;
}

/** The bounds of a number field, in words: `0 à 100`, `≥ 0`. */
function rangeOf(f: FieldSpec | undefined): Localized {
  return both((t) => {
    if (f?.min !== undefined && f.max !== undefined) return t.terms.range.between(f.min, f.max);
    if (f?.min !== undefined) return t.terms.range.min(f.min);
    return f?.max === undefined ? "" : t.terms.range.max(f.max);
  });
}

// --- rules -------------------------------------------------------------------------------------

/** A rule on one row; returns its issue, if any. */
type RowRule = (record: RecordRow, ctx: RuleContext) => Issue | undefined;

const num = (v: unknown) => (typeof v === "number" ? v : null);

const budgetOverspent: RowRule = (r, ctx) => {
  const planned = num(r.values.budget_prevu);
  const spent = num(r.values.budget_execute);
  if (planned === null || spent === null || spent <= planned) return undefined;
  return issue("budget-overspent", locate(r, r.cells.budget_execute), {
    field: "budget_execute",
    value: String(spent),
    params: { spent: money(spent, ctx), planned: money(planned, ctx) },
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
    params: { rate: amount(rate), status: enumLabel(STATUTS, status) },
  });
};

const costSplitMismatch: RowRule = (r, ctx) => {
  const total = num(r.values.cout);
  const split = r.values.cout_annuel as Record<string, number> | null;
  if (total === null || !split) return undefined;
  const sum = Object.values(split).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - total) < 0.5) return undefined;
  return issue("cost-split-mismatch", locate(r, r.cells.cout), {
    field: "cout",
    value: String(total),
    params: { sum: money(sum, ctx), total: money(total, ctx) },
  });
};

/**
 * Yearly costs and the calendar say one thing: a year given a cost is a scheduled year (added to
 * the calendar, with a warning at its cost, when the calendar leaves it out), and an estimated
 * cost left empty is the sum of the yearly costs. The consolidated data and the matrix then agree.
 */
function yearlyCosts(r: RecordRow, table: Table) {
  const split = r.values.cout_annuel as Record<string, number> | null | undefined;
  if (!split) return;
  const calendar = Array.isArray(r.values.calendrier) ? (r.values.calendrier as number[]) : [];
  const costed = Object.keys(split)
    .filter((y) => (split[y] ?? 0) > 0)
    .map(Number);
  const missing = costed.filter((y) => !calendar.includes(y));
  if (missing.length > 0) {
    r.values.calendrier = [...new Set([...calendar, ...missing])].sort((a, b) => a - b);
    const column = table.columns.find((c) => c.role === "yearAmount" && c.year === missing[0]);
    r.issues.push(
      issue("cost-year-off-calendar", locate(r, column), {
        field: "cout_annuel",
        value: amount(split[String(missing[0])] ?? 0).fr,
        params: { years: missing.join(", "), calendar: calendar.join(", ") || "—" },
      }),
    );
  }
  // A negative yearly cost is the schema's error to report, not a total to derive from.
  const amounts = Object.values(split);
  if (isEmpty(r.values.cout) && amounts.every((v) => v >= 0)) {
    r.values.cout = amounts.reduce((a, b) => a + b, 0);
  }
}

/**
 * Expected fields (`expected` in the registry) that another field can give instead: a cost given
 * year by year is a cost.
 */
const GIVEN_BY: Record<string, string> = { cout: "cout_annuel" };

/**
 * An expected field left empty: a warning at its cell, the row kept (the matrix says « à
 * compléter »). A field whose column the table lacks is said once for the table, by
 * `expectedColumns`; a field that failed to read already has its own problem.
 */
function missingExpected(r: RecordRow, table: Table): Issue[] {
  const out: Issue[] = [];
  for (const f of tableFields(table.kind)) {
    if (!f.expected) continue;
    const also = GIVEN_BY[f.id];
    if (!isEmpty(r.values[f.id]) || (also !== undefined && !isEmpty(r.values[also]))) continue;
    if (r.issues.some((i) => i.field === f.id || (also !== undefined && i.field === also)))
      continue;
    const column = r.cells[f.id] ?? (also === undefined ? undefined : r.cells[also]);
    if (!column) continue;
    // Named as its own column says (`Coût estimé (USD)`), when it says more than the label.
    const params = column === r.cells[f.id] ? labelOf(column, f) : labelParams(f);
    out.push(issue("missing-expected", locate(r, column), { field: f.id, params }));
  }
  return out;
}

/** Expected columns a table lacks: one warning each, at the header row, with the first row. */
function expectedColumns(table: Table, tracker: TableTracker) {
  if (tracker.columnsChecked) return;
  tracker.columnsChecked = true;
  const present = new Set(table.columns.flatMap((c) => (c.field ? [c.field.id] : [])));
  for (const f of tableFields(table.kind)) {
    if (!f.expected || present.has(f.id)) continue;
    const also = GIVEN_BY[f.id];
    if (also !== undefined && present.has(also)) continue;
    const where: Location = { file: table.file, row: table.headerRow };
    if (table.sheet !== undefined) where.sheet = table.sheet;
    table.issues.push(
      issue("missing-expected-column", where, { field: f.id, params: labelParams(f) }),
    );
  }
}

const missingOrigin: RowRule = (r) => {
  const nature = r.values.nature;
  if ((nature !== "reconduite" && nature !== "reformulee") || r.values.code_activite_origine) {
    return undefined;
  }
  // Pointed at the empty origin cell when the column exists: that is the cell to fill.
  return issue("missing-origin", locate(r, r.cells.code_activite_origine ?? r.cells.nature), {
    field: "code_activite_origine",
    params: { nature: enumLabel(NATURES, nature) },
  });
};

/** The axis number a code starts with (`2.1.3` → 2), if it starts with one. */
function axisNumberOf(code: string): number | undefined {
  // `/^(\d+)\./` read by hand: it runs on every row, and a match array is an allocation.
  let i = 0;
  while (i < code.length && code.charCodeAt(i) >= 0x30 && code.charCodeAt(i) <= 0x39) i++;
  return i > 0 && code.charCodeAt(i) === 0x2e ? Number(code.slice(0, i)) : undefined;
}

const axisCodeMismatch =
  (kind: "bilan" | "constats"): RowRule =>
  (r, ctx) => {
    const code = r.values.code_activite;
    const axe = r.values.axe;
    if (typeof code !== "string" || typeof axe !== "string") return undefined;
    const axes = ctx.config.review.axes;
    const fromReference = ctx.reference?.byCode.get(code)?.axe ?? undefined;
    const expected = fromReference
      ? axes.find((a) => a.code === fromReference)
      : axes.find((a) => a.number === axisNumberOf(code));
    const actual = axes.find((a) => a.code === axe);
    if (!expected || !actual || expected.code === actual.code) return undefined;
    return issue("axis-code-mismatch", locate(r, r.cells.axe), {
      field: "axe",
      value: shownOf(r, r.cells.axe) ?? axe,
      params: {
        code,
        expected: both((_, lang) => `${expected.number} (${expected[lang]})`),
        axis: both((_, lang) => `${actual.number} (${actual[lang]})`),
        // An assessment is counted under the plan's axis; a constat keeps the axis it was written under.
        outcome: both((t) => (fromReference && kind === "bilan" ? t.terms.planAxisKept : "")),
      },
    });
  };

/**
 * An activity of the reference plan marked « Activité non programmée : Oui »: it is planned, so
 * it stays in the figures; the mark is set aside with a warning at its cell.
 */
const plannedNotUnplanned: RowRule = (r, ctx) => {
  const code = r.values.code_activite;
  if (r.values.hors_plan !== true || typeof code !== "string" || !ctx.reference?.byCode.has(code)) {
    return undefined;
  }
  r.values.hors_plan = false;
  return issue("planned-marked-unplanned", locate(r, r.cells.hors_plan), {
    field: "hors_plan",
    value: shownOf(r, r.cells.hors_plan) ?? "",
    params: { code },
  });
};

function unknownCode(field: string): RowRule {
  return (r, ctx) => {
    const code = r.values[field];
    if (!ctx.reference || typeof code !== "string" || ctx.reference.byCode.has(code))
      return undefined;
    if (field === "code_activite" && r.values.hors_plan === true) return undefined;
    const near = closest(code, [...ctx.reference.byCode.keys()], (c) => c);
    return issue("unknown-activity", locate(r, r.cells[field]), {
      field,
      value: code,
      params: { suggestion: near ? both((t) => t.terms.nearCode(near)) : "" },
    });
  };
}

/**
 * The conflict field a resolution names, as a bilan header names it: by id, label or alias
 * (`Budget exécuté (FCFA)`).
 */
export function conflictFieldOf(text: string): FieldSpec | undefined {
  const f = headerIndex("bilan").get(headerKey(text));
  return f && (CONFLICT_SPECS as readonly FieldSpec[]).includes(f) ? f : undefined;
}

/**
 * A resolution's value read as the field it settles is read in a bilan row, in the unit its
 * `Champ` names (`Budget exécuté (M FCFA)`): scaled, or refused in another currency.
 */
export function resolutionValue(spec: FieldSpec, text: string, config: Config, champ = "") {
  const ctx = contextFor("bilan", config);
  const unit = spec.type === "amount" ? headerUnit(champ) : undefined;
  if (unit?.currency !== undefined && !sameCurrency(unit.currency, config.currency)) {
    const word = currencyWord(config.currency);
    const rename = `${champ.slice(0, unit.start).trimEnd()} (${word})${champ.slice(unit.end)}`;
    return {
      problem: {
        code: "currency-mismatch" as const,
        params: { currency: unit.currency, expected: word, rename, header: champ },
      },
    };
  }
  return parseCell({ v: text }, spec, { ...ctx, scale: unit?.scale ?? 1 });
}

/** A resolution names a field that can be in conflict, and gives it a value that field takes. */
const resolutionChecks: RowRule = (r, ctx) => {
  const named = r.values.champ;
  if (typeof named !== "string") return undefined;
  const spec = conflictFieldOf(named);
  if (!spec) {
    return issue("invalid-resolution", locate(r, r.cells.champ), {
      value: shownOf(r, r.cells.champ) ?? named,
      params: { allowed: both((_, lang) => CONFLICT_SPECS.map((f) => f[lang]).join(", ")) },
    });
  }
  const text = r.values.valeur;
  const where = locate(r, r.cells.valeur);
  if (typeof text !== "string") {
    // A line left blank is not decided yet; a reason without its value is a decision half made.
    const key = r.values.code_activite;
    return typeof r.values.motif === "string" && typeof key === "string"
      ? issue("resolution-without-value", where, {
          field: spec.id,
          params: { ...labelParams(spec), key },
        })
      : undefined;
  }
  const parsed = resolutionValue(spec, text, ctx.config, named);
  const value = shownOf(r, r.cells.valeur) ?? text;
  if (parsed.problem) {
    // A currency is the field's, not the value's: it is said where the field is named.
    const unit = parsed.problem.code === "currency-mismatch";
    return issue(parsed.problem.code, unit ? locate(r, r.cells.champ) : where, {
      field: spec.id,
      value: unit ? named : value,
      params: { ...labelParams(spec), ...parsed.problem.params },
    });
  }
  if (parsed.value === null) {
    return issue("missing-value", where, { field: spec.id, params: labelParams(spec) });
  }
  const n = parsed.value;
  if (
    typeof n === "number" &&
    ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max))
  ) {
    return issue("out-of-range", where, {
      field: spec.id,
      value,
      params: {
        ...labelParams(spec),
        value: n,
        range: rangeOf(spec),
      },
    });
  }
  // A budget decided in millions is scaled as a column in millions is, and says so.
  const scale = spec.type === "amount" ? (headerUnit(named)?.scale ?? 1) : 1;
  if (scale === 1) return undefined;
  const word = currencyWord(ctx.config.currency);
  return issue("unit-scaled", locate(r, r.cells.champ), {
    field: spec.id,
    value: named,
    params: {
      header: named,
      unit: both((t) => t.terms.scaledUnit(scale, word)),
      factor: { fr: formatNumber(scale, "fr"), en: formatNumber(scale, "en") },
    },
  });
};

const ROW_RULES: Record<TableKind, RowRule[]> = {
  bilan: [
    budgetOverspent,
    rateStatusMismatch,
    axisCodeMismatch("bilan"),
    unknownCode("code_activite"),
    plannedNotUnplanned,
  ],
  constats: [axisCodeMismatch("constats"), unknownCode("code_activite")],
  propositions: [costSplitMismatch, missingOrigin, unknownCode("code_activite_origine")],
  reference: [],
  resolutions: [resolutionChecks],
};

/**
 * What the rules across the rows of one table remember: where each activity code (or, for
 * resolutions, each activity and field) first came.
 */
export class TableTracker {
  readonly first = new Map<string, number>();
  /** The table's expected columns were checked (with its first row). */
  columnsChecked = false;

  /**
   * @param rows Rows of the whole file by identity (kind, group, key), shared by its tables: an
   * activity a group assesses on two sheets of one workbook is assessed twice.
   */
  constructor(readonly rows: RowsSeen = new Map()) {}
}

/**
 * The rows of a file by identity: by kind, group and session, then by key (an activity code),
 * the row where it first came; with its sheet in a workbook. A row number alone in a CSV: a
 * million rows are kept in about 50 MB, where one object and one long key per row took twice that.
 */
export type RowsSeen = Map<string, Map<string, number | { row: number; sheet: string }>>;

/** A resolution given twice for one activity and field: the later row applies, with a warning. */
function duplicateResolution(r: RecordRow, tracker: TableTracker) {
  const code = r.values.code_activite;
  const named = r.values.champ;
  if (r.issues.some((i) => i.severity === "error")) return;
  if (typeof code !== "string" || typeof named !== "string") return;
  // A line not decided yet settles nothing.
  if (typeof r.values.valeur !== "string") return;
  const spec = conflictFieldOf(named);
  if (!spec) return;
  const pair = `${identityText(code)}\u0000${spec.id}`;
  const first = tracker.first.get(pair);
  if (first !== undefined) {
    r.issues.push(
      issue("duplicate-resolution", locate(r, r.cells.code_activite), {
        field: spec.id,
        value: code,
        params: { key: code, ...labelParams(spec), first },
      }),
    );
  }
  tracker.first.set(pair, r.row);
}

/**
 * A row that an earlier row of the same table already holds: the later one is the error. An
 * activity by its code (bilan, plan); a proposal by its axis, objective and action, as merging
 * would fold the two rows into one and a cost would leave the draft's totals.
 */
function duplicateRow(r: RecordRow, kind: TableKind, ctx: RuleContext, tracker: TableTracker) {
  const { code_activite: code, axe, objectif, action } = r.values;
  const { type, constat } = r.values;
  const text = (...vs: unknown[]) => vs.map((v) => identityText(String(v ?? ""))).join("\u0000");
  const [key, field, value] =
    kind === "propositions"
      ? [text(axe, objectif, action), "action", action]
      : kind === "constats"
        ? [text(axe, type, constat), "constat", constat]
        : [code, "code_activite", code];
  if (typeof value !== "string" || typeof key !== "string") return;
  // A row rejected for its own reasons does not make the next one a repeat: it is set aside.
  if (r.issues.some((i) => i.severity === "error")) return;
  // Rows of different groups or sessions in one file (a compilation with Groupe and Session
  // columns) are not repeats: merging tells them apart.
  const session = sessionKey(ctx.folder ?? r.meta.session ?? "");
  const among = `${kind}\u0000${groupKey(r.meta.groupe ?? "")}\u0000${session}`;
  let keys = tracker.rows.get(among);
  if (keys === undefined) {
    keys = new Map();
    tracker.rows.set(among, keys);
  }
  const at = keys.get(key);
  if (at === undefined) {
    keys.set(copyOf(key), r.sheet === undefined ? r.row : { row: r.row, sheet: r.sheet });
    return;
  }
  const seen = typeof at === "number" ? { row: at, sheet: undefined } : at;
  const found =
    kind === "propositions"
      ? "duplicate-proposition"
      : kind === "constats"
        ? "duplicate-constat"
        : "duplicate-activity";
  const first: Params[string] =
    seen.sheet === r.sheet || seen.sheet === undefined
      ? seen.row
      : both((t) => t.terms.rowOfSheet(seen.row, seen.sheet as string));
  r.issues.push(issue(found, locate(r, r.cells[field]), { field, value, params: { first } }));
}

/**
 * A copy of a string that shares nothing with the text it was cut from: V8 keeps a long slice
 * as a view of its parent, so one code or cell kept from a streamed file would keep the whole
 * chunk of text around it alive.
 */
export function copyOf(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/**
 * Validates one row in place: schema, row rules, then the rules across rows, against what the
 * tracker kept of the rows before it. Rows are validated in order, one at a time.
 */
export function validateRecord(
  table: Table,
  record: RecordRow,
  ctx: RuleContext,
  tracker: TableTracker,
) {
  if (table.kind === "propositions") yearlyCosts(record, table);
  checkSchema(record, table, ctx.config);
  if (table.fatal.length === 0) {
    for (const rule of ROW_RULES[table.kind]) {
      const found = rule(record, ctx);
      if (found) record.issues.push(found);
    }
    if (table.kind === "propositions") {
      expectedColumns(table, tracker);
      for (const found of missingExpected(record, table)) record.issues.push(found);
    }
  }
  if (table.kind !== "resolutions") {
    duplicateRow(record, table.kind, ctx, tracker);
  }
  if (table.kind === "resolutions") duplicateResolution(record, tracker);
}

export function isRejected(record: Pick<RecordRow, "issues">, table: Table): boolean {
  return table.fatal.length > 0 || record.issues.some((i) => i.severity === "error");
}

/** A closed value's label in both languages (its id when the registry does not know it). */
function enumLabel(values: readonly EnumValue[], id: string): Localized {
  const v = values.find((x) => x.id === id);
  return { fr: v?.fr ?? id, en: v?.en ?? id };
}

/** An amount as each language writes it: `1 500 000` (narrow no-break spaces), `1,500,000`. */
function amount(n: number): Localized {
  return { fr: formatNumber(n, "fr", 2), en: formatNumber(n, "en", 2) };
}

/** An amount with its currency, as people read it: `1 500 000 FCFA`, `XOF 1,500,000`. */
function money(n: number, ctx: RuleContext): Localized {
  const currency = ctx.config.currency;
  return { fr: formatMoney(n, currency, "fr"), en: formatMoney(n, currency, "en") };
}
