import { isEmpty, type Kind } from "../fields.js";
import type { Conflict, ConflictRule, Source, Update } from "../model.js";
import { byGroup, type CompareSession, type Entry, groupOf, sameValue } from "./compare.js";

/**
 * One field of one identity (an activity, a constat, a proposition) folded over its rows. Each
 * group speaks once: its latest session's value; an earlier different value of the same group
 * is an update, listed as such. Groups that then disagree are a conflict: every group's value is
 * kept with its source, and one is chosen by the kind's rule.
 */

export interface Version {
  value: unknown;
  source: Source;
  entry: Entry;
}

export interface Decision {
  value: unknown;
  rule: ConflictRule;
}

/** Where a fold puts what it finds, for one identity. */
export interface FoldContext {
  kind: Kind;
  key: string;
  compareSession: CompareSession;
  conflits: Conflict[];
  updates: Update[];
}

/**
 * Each group's latest non-empty value of `field` among `entries` (in source order), the
 * earlier different values of the same group listed as updates. A group that wrote the row twice
 * in its latest session gives both.
 */
export function groupVersions(field: string, entries: Entry[], ctx: FoldContext): Version[] {
  const versions: Version[] = [];
  const given = entries.filter((e) => !isEmpty(e.values[field]));
  for (const list of byGroup(given).values()) {
    const last = list[list.length - 1] as Entry;
    const current = list.filter(
      (e) => ctx.compareSession(e.source.session, last.source.session) === 0,
    );
    for (const e of list) {
      if (current.includes(e)) continue;
      noteUpdate(ctx, field, e, last.values[field], last.source);
    }
    for (const e of current) versions.push({ value: e.values[field], source: e.source, entry: e });
  }
  return versions;
}

/** An earlier value of a group that its later session changed (an equal value is no update). */
export function noteUpdate(
  ctx: FoldContext,
  field: string,
  earlier: Entry,
  value: unknown,
  source: Source,
): void {
  const previous = earlier.values[field];
  if (isEmpty(previous) || (!isEmpty(value) && sameValue(previous, value))) return;
  ctx.updates.push({
    kind: ctx.kind,
    key: ctx.key,
    field,
    groupe: earlier.source.groupe ?? "",
    previous: { value: previous, source: earlier.source },
    value: isEmpty(value) ? null : value,
    source,
  });
}

/** Whether the versions say more than one thing. */
export function disagree(versions: readonly Version[]): boolean {
  const first = versions[0];
  return first !== undefined && versions.some((v) => !sameValue(v.value, first.value));
}

/** The versions given in the latest session among them. */
export function inLatestSession(versions: Version[], compareSession: CompareSession): Version[] {
  // Stryker disable next-line LogicalOperator: starting from null (below every session) instead of the first version's session, the loop finds the same latest session
  let latest = versions[0]?.source.session ?? null;
  for (const v of versions)
    if (compareSession(v.source.session, latest) > 0) latest = v.source.session;
  return versions.filter((v) => compareSession(v.source.session, latest) === 0);
}

/** The latest session's value; if that session disagrees with itself, the first group's in source order. */
export function decideFirst(versions: Version[], compareSession: CompareSession): Decision {
  const latest = inLatestSession(versions, compareSession);
  const first = latest[0] as Version;
  return { value: first.value, rule: disagree(latest) ? "first-source" : "latest-session" };
}

/** A conflict on one field, all its versions kept. */
export function conflictOf(
  ctx: FoldContext,
  field: string,
  versions: Version[],
  decision: Decision,
): Conflict {
  const conflict: Conflict = {
    kind: ctx.kind,
    key: ctx.key,
    field,
    chosen: decision.value,
    rule: decision.rule,
    versions: versions.map((v) => ({ value: v.value, source: v.source })),
  };
  ctx.conflits.push(conflict);
  return conflict;
}

/**
 * A proposal's calendar, estimated cost and yearly costs are one plan, as a status and its rate
 * are one assessment: the costs come from the groups whose calendar was chosen. Another group's
 * cost, for other years, is listed in the conflict (`follows: "calendrier"`), never mixed in.
 */
export function foldPlan(entries: Entry[], ctx: FoldContext): Record<string, unknown> {
  const calendars = groupVersions("calendrier", entries, ctx);
  let calendar: unknown = calendars[0]?.value ?? null;
  let calendarRule: ConflictRule | undefined;
  if (disagree(calendars)) {
    const decision = decideFirst(calendars, ctx.compareSession);
    conflictOf(ctx, "calendrier", calendars, decision);
    calendar = decision.value;
    calendarRule = decision.rule;
  }
  const planners = new Set(
    calendars.filter((v) => sameValue(v.value, calendar)).map((v) => groupOf(v.source)),
  );
  const plan: Record<string, unknown> = { calendrier: calendar };
  for (const field of ["cout", "cout_annuel"]) {
    const versions = groupVersions(field, entries, ctx);
    const candidates = versions.filter((v) => planners.has(groupOf(v.source)));
    const decision: Decision =
      candidates.length > 0
        ? decideFirst(candidates, ctx.compareSession)
        : { value: null, rule: calendarRule ?? "latest-session" };
    plan[field] = decision.value;
    const outvoted = candidates.length < versions.length;
    if (!disagree(versions) && !outvoted) continue;
    const rule = disagree(candidates) ? decision.rule : (calendarRule ?? decision.rule);
    const conflict = conflictOf(ctx, field, versions, { value: decision.value, rule });
    if (outvoted) conflict.follows = "calendrier";
  }
  return plan;
}

/**
 * A constat's or a proposition's field: the one value groups agree on, else the latest
 * session's (the first group's in source order when that session disagrees), as a conflict.
 */
export function foldField(field: string, entries: Entry[], ctx: FoldContext): unknown {
  const versions = groupVersions(field, entries, ctx);
  if (versions.length === 0) return null;
  if (!disagree(versions)) return (versions[0] as Version).value;
  const decision = decideFirst(versions, ctx.compareSession);
  conflictOf(ctx, field, versions, decision);
  return decision.value;
}
