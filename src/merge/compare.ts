import type { Config } from "../config.js";
import type { Kind } from "../fields.js";
import type { Source } from "../model.js";
import { compareText, groupKey, identityText, sessionKey } from "../text.js";

/**
 * How merging compares: values once identity texts are folded, emptiness, natural order of
 * texts, and the order of sessions.
 */

export function identityOf(v: unknown): string {
  if (typeof v === "string") return identityText(v);
  return v === null || v === undefined ? "" : JSON.stringify(v);
}

export function sameValue(a: unknown, b: unknown): boolean {
  // Most values compared are the same value: no folding, no serialising for them.
  // Stryker disable next-line ConditionalExpression: a shortcut: one value folds and serialises as itself, the general case gives the same true
  if (a === b) return true;
  if (typeof a === "string" && typeof b === "string") return identityText(a) === identityText(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The order of sessions. `J2`, `Jour 2` and `J2 - 19/07/2023` are one session, as validation
 * reads them (`sessionKey`). The configuration's list first, in its order; a session it does not
 * list (warned as unknown-session: an `Archives/` folder, a misspelt one) comes before them, so
 * that it never overrides a listed session's values; then by number (`Jour 2` before `Jour 10`),
 * else natural order.
 */
export function sessionComparator(config: Config) {
  const listed = (config.sessions ?? []).map(sessionKey);
  const number = (key: string) => /^#(\d+)$/.exec(key)?.[1];
  return (a: string | null, b: string | null): number => {
    if (a === b) return 0;
    if (a === null) return -1;
    if (b === null) return 1;
    // sessionKey remembers the names it folded: sorting asks of each row's session many times.
    const ka = sessionKey(a);
    const kb = sessionKey(b);
    if (ka === kb) return 0;
    const ia = listed.indexOf(ka);
    const ib = listed.indexOf(kb);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: `||`, either side `true` and `ib > 0` only change the size of the result, never its sign (a listed session against an unlisted one, ib = 0 left to `ia >= 0`), and callers use only the sign (sort, `> 0`, `=== 0`); the others are killed by test/merge.test.ts
    if (ia >= 0 && ib >= 0) return ia - ib;
    if (ia >= 0) return 1;
    if (ib >= 0) return -1;
    const na = number(ka);
    const nb = number(kb);
    if (na !== undefined && nb !== undefined) return Number(na) - Number(nb);
    // Two names folded alike are one session (0 above): they must sort alike against any other.
    return na === undefined && nb === undefined ? compareText(ka, kb) : compareText(a, b);
  };
}

export type CompareSession = ReturnType<typeof sessionComparator>;

/** The group of a source, as groups are compared (`groupKey`, which remembers the names). */
export function groupOf(source: Source): string {
  return groupKey(source.groupe ?? "");
}

/** Entries by group, each group's in the order given (source order). */
export function byGroup(entries: readonly Entry[]): Map<string, Entry[]> {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    const g = groupOf(e.source);
    const list = groups.get(g);
    if (list) list.push(e);
    else groups.set(g, [e]);
  }
  return groups;
}

/** What tells two versions of a file apart (see `FileReport.version`). */
export interface SourceVersion {
  date: string | null;
  modified: number | null;
}

/** One accepted row with its provenance and its place in source order. */
export interface Entry {
  kind: Kind;
  values: Record<string, unknown>;
  source: Source;
  tableIndex: number;
  version: SourceVersion;
}
