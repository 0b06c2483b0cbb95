import type { Axis } from "../config.js";
import { bilanFields, CONFLICT_SPECS, type FieldSpec, isEmpty, STATUS_ORDER } from "../fields.js";
import type { Conflict, Consolidated, ReferencePlan, Resolution, Source } from "../model.js";
import { identityText } from "../text.js";
import { byGroup, type Entry, groupOf, sameValue } from "./compare.js";
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
  // What the rule would have kept stays said beside the decision.
  conflict.byRule = { chosen: conflict.chosen, rule: conflict.rule };
  conflict.chosen = use.resolution.value;
  conflict.rule = "resolution";
  if (use.resolution.motif) conflict.motif = use.resolution.motif;
  return true;
}

/** Each group's status: the status of its latest row (a group updates itself session by session). */
function groupStatuses(entries: Entry[]): Map<string, unknown> {
  const status = new Map<string, unknown>();
  for (const e of entries) status.set(groupOf(e.source), e.values.statut);
  return status;
}

/**
 * Each group's value of a field that belongs to an assessment (rate, result, difficulties,
 * comments, unplanned mark): the latest it gave with its current status. A value it gave with
 * another status went with that assessment: listed as an update, to the current value or to none.
 */
function assessmentVersions(
  field: string,
  entries: Entry[],
  statusOf: Map<string, unknown>,
  ctx: BilanContext,
): Version[] {
  const versions: Version[] = [];
  for (const [group, list] of byGroup(entries)) {
    const status = statusOf.get(group);
    const given = list.filter((e) => e.values.statut === status && !isEmpty(e.values[field]));
    const kept = given[given.length - 1];
    const last = list[list.length - 1] as Entry;
    for (const e of list) {
      if (e !== kept) noteUpdate(ctx, field, e, kept?.values[field] ?? null, (kept ?? last).source);
    }
    if (kept) versions.push({ value: kept.values[field], source: kept.source, entry: kept });
  }
  return versions;
}

/** Fields of an assessment that follow its status, decided among the groups that gave it. */
const FOLLOW_STATUS: ReadonlySet<string> = new Set(
  (CONFLICT_SPECS as readonly FieldSpec[])
    // The unplanned mark says what the activity is, not how it went: it is no part of this.
    .filter((f) => f.assessment && f.type !== "enum" && f.type !== "amount" && f.type !== "bool")
    .map((f) => f.id),
);

export function mergeBilan(all: Entry[], ctx: BilanContext): Consolidated<"bilan"> {
  const row: Record<string, unknown> = {};
  const statuses = groupVersions("statut", all, ctx);
  // Stryker disable next-line OptionalChaining: statut is required, so every accepted row gives one (a row without it is rejected): statuses is never empty
  let status: unknown = statuses[0]?.value ?? null;
  let statusConflict: Conflict | undefined;
  if (disagree(statuses)) {
    const decision = decideConservative("statut", statuses, ctx);
    statusConflict = conflictOf(ctx, "statut", statuses, decision);
    resolved(ctx, "statut", statusConflict);
    status = statusConflict.chosen;
  }
  row.statut = status;

  // The chosen assessment: rows that give the chosen status, of a group whose status it is (a
  // group's older row with another status is not part of it, nor a group that moved on).
  const statusOf = groupStatuses(all);
  const chosen = (v: Version) =>
    sameValue(statusOf.get(groupOf(v.source)), status) && sameValue(v.entry.values.statut, status);

  // The rate and the assessment's texts come from the chosen assessment only: an outvoted
  // group's value is listed in the field's conflict, never kept.
  for (const field of FOLLOW_STATUS) {
    const versions = assessmentVersions(field, all, statusOf, ctx);
    const candidates = versions.filter(chosen);
    const decision: Decision | undefined =
      candidates.length === 0
        ? undefined
        : field === "taux_realisation"
          ? decideConservative(field, candidates, ctx)
          : decideFirst(candidates, ctx.compareSession);
    row[field] = decision?.value ?? null;
    const outvoted = candidates.length < versions.length;
    if (!disagree(versions) && !outvoted) continue;
    // The rule that chose among the chosen assessment's values; when they agree (or there are
    // none), the rule that chose the status.
    // Stryker disable next-line OptionalChaining: candidates that disagree are not empty, so decision is defined here
    const own = disagree(candidates) ? decision?.rule : undefined;
    const conflict = conflictOf(ctx, field, versions, {
      value: decision?.value ?? null,
      rule:
        own ??
        (field !== "taux_realisation" && outvoted
          ? "chosen-assessment"
          : // Stryker disable next-line OptionalChaining,StringLiteral: reached only for a rate outvoted with its candidates agreeing, which needs groups of different statuses: statusConflict is then always set, the fallbacks are never used
            (statusConflict?.rule ?? decision?.rule ?? "latest-session")),
    });
    if (statusConflict || outvoted) conflict.follows = "statut";
    if (resolved(ctx, field, conflict)) conflict.follows = undefined;
    row[field] = conflict.chosen;
  }

  for (const spec of CONFLICT_SPECS) {
    const field = spec.id;
    if (field === "statut" || FOLLOW_STATUS.has(field)) continue;
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
