import type { Axis } from "../config.js";
import { bilanFields, CONFLICT_SPECS, isEmpty, STATUS_ORDER } from "../fields.js";
import type { Conflict, Consolidated, ReferencePlan, Resolution, Source } from "../model.js";
import { identityText } from "../text.js";
import { type Entry, groupOf, sameValue } from "./compare.js";
import {
  conflictOf,
  type Decision,
  decideFirst,
  disagree,
  type FoldContext,
  groupVersions,
  inLatestSession,
  noteUpdate,
  type Version,
} from "./fold.js";

/**
 * The assessments of one activity folded into one bilan row (spec §6).
 *
 * The status and the rate are one assessment. Each group's assessment is its latest status,
 * with the rate it gave with that status. Between groups, the latest session's status wins, the
 * more conservative one when that session disagrees with itself. The rate then comes only from
 * the groups whose status was chosen: the rate of an outvoted assessment never survives (it is
 * listed in the rate's conflict); when none of them gave a rate, the rate is empty and the score
 * falls back to the status weight.
 *
 * Every other field takes part too: budgets by the conservative rule (the lower spent, the higher
 * planned: budget execution is never overstated), texts from the chosen assessment, the axis from
 * the reference plan when it knows the activity. A resolution of the rapporteur settles any of
 * them; a resolved status carries the rate and the texts with it.
 */

export interface ResolutionUse {
  resolution: Resolution;
  used: boolean;
}

function resolutionKey(key: string, field: string): string {
  return `${identityText(key)}\u0000${field}`;
}

/** Resolutions by key and field; the last one written for a pair applies. */
export function indexResolutions(list: readonly Resolution[]): Map<string, ResolutionUse> {
  const index = new Map<string, ResolutionUse>();
  for (const resolution of list) {
    index.set(resolutionKey(resolution.key, resolution.field), { resolution, used: false });
  }
  return index;
}

export interface BilanContext extends FoldContext {
  resolutions: Map<string, ResolutionUse>;
  reference: ReferencePlan | undefined;
  /** The axes of the plan under review, for the axis a code's number gives. */
  axes: readonly Axis[];
}

const rank = (v: unknown) => (STATUS_ORDER as readonly unknown[]).indexOf(v);

/** The latest session's value; if that session disagrees with itself, the conservative one. */
function decideConservative(field: string, versions: Version[], ctx: BilanContext): Decision {
  const latest = inLatestSession(versions, ctx.compareSession);
  if (!disagree(latest)) return { value: (latest[0] as Version).value, rule: "latest-session" };
  const values = latest.map((v) => v.value);
  if (field === "statut") {
    return {
      value: values.reduce((a, b) => (rank(b) < rank(a) ? b : a)),
      rule: "conservative-status",
    };
  }
  const numbers = values.map(Number);
  // A higher planned budget is the conservative reading: execution is never overstated.
  const value = field === "budget_prevu" ? Math.max(...numbers) : Math.min(...numbers);
  return { value, rule: "conservative-value" };
}

/**
 * The axis an activity belongs to by its code: the reference plan's, else the axis numbered as
 * the code's first part (`3.2.3` is axis 3), when the configuration has it.
 */
function plannedAxis(ctx: BilanContext): Decision | undefined {
  const planned = ctx.reference?.byCode.get(ctx.key)?.axe;
  if (typeof planned === "string") return { value: planned, rule: "reference-plan" };
  const number = Number(/^(\d+)\./.exec(ctx.key)?.[1]);
  const axis = ctx.axes.find((a) => a.number === number);
  return axis ? { value: axis.code, rule: "activity-code" } : undefined;
}

/** The rapporteur's decision on a field in conflict, marked used. */
function resolved(ctx: BilanContext, field: string, conflict: Conflict): boolean {
  const use = ctx.resolutions.get(resolutionKey(ctx.key, field));
  if (!use) return false;
  use.used = true;
  conflict.chosen = use.resolution.value;
  conflict.rule = "resolution";
  if (use.resolution.motif) conflict.motif = use.resolution.motif;
  return true;
}

/** Each group's assessment: its latest status, and the rate it gave with that status. */
function assessments(entries: Entry[], ctx: BilanContext) {
  const byGroup = new Map<string, Entry[]>();
  for (const e of entries) {
    const g = groupOf(e.source);
    const list = byGroup.get(g);
    if (list) list.push(e);
    else byGroup.set(g, [e]);
  }
  const rates: Version[] = [];
  const statusOf = new Map<Entry, unknown>();
  for (const list of byGroup.values()) {
    const last = list[list.length - 1] as Entry;
    const status = last.values.statut;
    const rated = list.filter(
      (e) => e.values.statut === status && !isEmpty(e.values.taux_realisation),
    );
    const rate = rated[rated.length - 1];
    for (const e of list) statusOf.set(e, status);
    // The group's earlier rates that its assessment no longer carries are updates.
    for (const e of list) {
      if (e === rate) continue;
      noteUpdate(
        ctx,
        "taux_realisation",
        e,
        rate?.values.taux_realisation ?? null,
        (rate ?? last).source,
      );
    }
    if (rate) rates.push({ value: rate.values.taux_realisation, source: rate.source, entry: rate });
  }
  return { rates, statusOf };
}

export function mergeBilan(all: Entry[], ctx: BilanContext): Consolidated<"bilan"> {
  const row: Record<string, unknown> = {};
  const statuses = groupVersions("statut", all, ctx);
  let status: unknown = statuses[0]?.value ?? null;
  let statusConflict: Conflict | undefined;
  if (disagree(statuses)) {
    const decision = decideConservative("statut", statuses, ctx);
    statusConflict = conflictOf(ctx, "statut", statuses, decision);
    resolved(ctx, "statut", statusConflict);
    status = statusConflict.chosen;
  }
  row.statut = status;

  const { rates, statusOf } = assessments(all, ctx);
  // The chosen assessment: rows that give the chosen status, of a group whose status it is (a
  // group's older row with another status is not part of it, nor a group that moved on).
  const chosen = (v: Version) =>
    sameValue(statusOf.get(v.entry), status) && sameValue(v.entry.values.statut, status);
  const candidates = rates.filter(chosen);
  let rate: unknown = null;
  let rateDecision: Decision | undefined;
  if (candidates.length > 0) {
    rateDecision = decideConservative("taux_realisation", candidates, ctx);
    rate = rateDecision.value;
  }
  const outvoted = rates.some((v) => !chosen(v));
  if (disagree(rates) || outvoted) {
    // The rule that chose among the rates of the chosen status; when they agree (or there are
    // none), the rule that chose the status.
    const own = disagree(candidates) ? rateDecision?.rule : undefined;
    const conflict = conflictOf(ctx, "taux_realisation", rates, {
      value: rate,
      rule: own ?? statusConflict?.rule ?? rateDecision?.rule ?? "latest-session",
    });
    if (statusConflict) conflict.follows = "statut";
    if (resolved(ctx, "taux_realisation", conflict)) conflict.follows = undefined;
    rate = conflict.chosen;
  }
  row.taux_realisation = rate;

  for (const spec of CONFLICT_SPECS) {
    const field = spec.id;
    if (field === "statut" || field === "taux_realisation") continue;
    const versions = groupVersions(field, all, ctx);
    row[field] = versions[0]?.value ?? null;
    if (!disagree(versions)) continue;
    let decision: Decision;
    const planned = field === "axe" ? plannedAxis(ctx) : undefined;
    if (planned) {
      decision = planned;
    } else if (spec.type === "amount") {
      decision = decideConservative(field, versions, ctx);
    } else {
      const fromChosen = versions.filter(chosen);
      decision = decideFirst(fromChosen.length > 0 ? fromChosen : versions, ctx.compareSession);
      if (fromChosen.length > 0 && fromChosen.length < versions.length) {
        decision.rule = "chosen-assessment";
      }
    }
    const conflict = conflictOf(ctx, field, versions, decision);
    if (decision.rule === "chosen-assessment") conflict.follows = "statut";
    if (resolved(ctx, field, conflict)) conflict.follows = undefined;
    row[field] = conflict.chosen;
  }
  // The plan knows which axis its activity belongs to: a group that wrote another one was told
  // so at its cell (axis-code-mismatch), and the per-axis figures count the activity where it is.
  const planned = ctx.reference?.byCode.get(ctx.key)?.axe;
  if (typeof planned === "string") row.axe = planned;
  row.code_activite = (all[0] as Entry).values.code_activite;
  row.sources = all.map((e): Source => e.source);
  return orderedAs(row);
}

/** The row's keys in registry order, as the outputs list them. */
function orderedAs(row: Record<string, unknown>): Consolidated<"bilan"> {
  const out: Record<string, unknown> = {};
  for (const spec of bilanFields) out[spec.id] = row[spec.id];
  out.sources = row.sources;
  return out as Consolidated<"bilan">;
}
