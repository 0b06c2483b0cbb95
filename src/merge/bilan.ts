import { bilanFields, CONFLICT_FIELDS, type ConflictField, STATUS_ORDER } from "../fields.js";
import type { Conflict, ConflictRule, Consolidated, Resolution, Source } from "../model.js";
import { identityText } from "../text.js";
import { type CompareSession, type Entry, isEmpty, sameValue } from "./compare.js";

/**
 * The assessments of one activity folded into one bilan row. A field on which sources disagree
 * is a conflict: every version is kept, and one value is chosen by the rule below (or by the
 * rapporteur's resolution).
 */

interface Version {
  value: unknown;
  source: Source;
  values: Record<string, unknown>;
}

interface Decision {
  value: unknown;
  rule: ConflictRule;
}

/** The latest session's value; if that session disagrees with itself, the conservative one. */
function decide(field: ConflictField, versions: Version[], compareSession: CompareSession) {
  const latest = versions.reduce<string | null>(
    (s, v) => (compareSession(v.source.session, s) > 0 ? v.source.session : s),
    versions[0]?.source.session ?? null,
  );
  const inLatest = versions.filter((v) => compareSession(v.source.session, latest) === 0);
  const first = inLatest[0] as Version;
  if (inLatest.every((v) => sameValue(v.value, first.value))) {
    return { value: first.value, rule: "latest-session" } satisfies Decision;
  }
  const values = inLatest.map((v) => v.value);
  if (field === "statut") {
    const rank = (v: unknown) => (STATUS_ORDER as readonly unknown[]).indexOf(v);
    const value = values.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    return { value, rule: "conservative-status" } satisfies Decision;
  }
  const numbers = values.map(Number);
  // A higher planned budget is the conservative reading: execution is never overstated.
  const value = field === "budget_prevu" ? Math.max(...numbers) : Math.min(...numbers);
  return { value, rule: "conservative-value" } satisfies Decision;
}

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

export function mergeBilan(
  group: Entry[],
  compareSession: CompareSession,
  resolutions: Map<string, ResolutionUse>,
  conflits: Conflict[],
): Consolidated<"bilan"> {
  const row: Record<string, unknown> = {};
  // Text and other fields (resultat, difficultes, activite…) keep the latest non-empty value in
  // source order, without a conflict entry: wording differences are not disagreements.
  for (const f of bilanFields) {
    let value: unknown = null;
    for (const e of group) if (!isEmpty(e.values[f.id])) value = e.values[f.id];
    row[f.id] = value;
  }
  const key = String(row.code_activite ?? "");
  let statusConflict: Conflict | undefined;
  for (const field of CONFLICT_FIELDS) {
    const versions: Version[] = group
      .filter((e) => !isEmpty(e.values[field]))
      .map((e) => ({ value: e.values[field], source: e.source, values: e.values }));
    const first = versions[0];
    if (!first) continue;
    if (versions.every((v) => sameValue(v.value, first.value))) continue;
    const conflict: Conflict = {
      kind: "bilan",
      key,
      field,
      chosen: null,
      rule: "latest-session",
      versions: versions.map((v) => ({ value: v.value, source: v.source })),
    };
    const resolved = resolutions.get(resolutionKey(key, field));
    const following =
      field === "taux_realisation" && statusConflict
        ? versions.filter((v) => v.values.statut === statusConflict?.chosen)
        : [];
    if (resolved) {
      resolved.used = true;
      conflict.chosen = resolved.resolution.value;
      conflict.rule = "resolution";
      if (resolved.resolution.motif) conflict.motif = resolved.resolution.motif;
    } else if (following.length > 0) {
      const d = decide(field, following, compareSession);
      conflict.chosen = d.value;
      conflict.rule = d.rule;
      conflict.follows = "statut";
    } else {
      const d = decide(field, versions, compareSession);
      conflict.chosen = d.value;
      conflict.rule = d.rule;
    }
    row[field] = conflict.chosen;
    if (field === "statut") statusConflict = conflict;
    conflits.push(conflict);
  }
  row.sources = group.map((e) => e.source);
  return row as Consolidated<"bilan">;
}
