import type { Config } from "../config.js";
import type { Kind } from "../fields.js";
import type { Source } from "../model.js";
import { compareText, groupKey, identityText } from "../text.js";

/**
 * How merging compares: values once identity texts are folded, emptiness, natural order of
 * texts, and the order of sessions.
 */

export function identityOf(v: unknown): string {
  if (typeof v === "string") return identityText(v);
  return v === null || v === undefined ? "" : JSON.stringify(v);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return identityText(a) === identityText(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

export function sessionComparator(config: Config) {
  const listed = config.sessions ?? [];
  return (a: string | null, b: string | null): number => {
    if (a === b) return 0;
    if (a === null) return -1;
    if (b === null) return 1;
    const ia = listed.indexOf(a);
    const ib = listed.indexOf(b);
    if (ia >= 0 && ib >= 0) return ia - ib;
    // Sessions the config does not list (already warned as unknown-session) come after it.
    if (ia >= 0) return -1;
    if (ib >= 0) return 1;
    return compareText(a, b);
  };
}

export type CompareSession = ReturnType<typeof sessionComparator>;

/** The group of a source, as groups are compared (`groupKey`). */
export function groupOf(source: Source): string {
  return groupKey(source.groupe ?? "");
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
