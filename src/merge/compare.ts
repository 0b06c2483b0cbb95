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
  if (a === b) return true;
  if (typeof a === "string" && typeof b === "string") return identityText(a) === identityText(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The order of sessions. `J2`, `Jour 2` and `J2 - 19/07/2023` are one session, as validation
 * reads them (`sessionKey`). The configuration's list last, in its order; before it, a session it
 * does not list (warned as unknown-session: an `Archives/` folder, a misspelt one), so that it
 * never overrides a listed session's values: numbered ones by number (`Jour 2` before `Jour 10`),
 * and before them named ones (`Archives`, `Synthèse`), which cannot be placed, in natural order.
 * Only the folded keys are compared: two spellings of one session sort alike against any other,
 * whatever order the rows come in.
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
    if (ia >= 0 && ib >= 0) return ia - ib;
    if (ia >= 0) return 1;
    if (ib >= 0) return -1;
    const na = number(ka);
    const nb = number(kb);
    if (na !== undefined && nb !== undefined) return Number(na) - Number(nb);
    if (na !== undefined) return 1;
    if (nb !== undefined) return -1;
    return compareText(ka, kb);
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
