import type { Config } from "../config.js";
import { TYPE_ORDER } from "../fields.js";
import type { Consolidated, Source } from "../model.js";
import { compareText, distance, fold } from "../text.js";

/**
 * Order and clusters of the folded constats and propositions: near-duplicate wordings (most
 * significant words shared) share a cluster id; clusters group rows, never merge or drop them.
 *
 * - Constats cluster within a type, across axes: a weakness four groups wrote under four axes is
 *   one cluster (a cross-cutting finding, « constat transversal »). Types stay apart, threats
 *   from weaknesses too: a weakness is the plan's own, a threat comes from outside it, and the
 *   report presents them in different sections.
 * - Propositions cluster within an axis: the matrix lists them by axis.
 * - Cluster ids `c1`, `c2`… follow the output order (constats first, then propositions): the same
 *   input gives the same ids, and a cluster spanning axes keeps the id of its first row.
 */

function rankIn(list: readonly string[], value: unknown): number {
  const i = list.indexOf(String(value));
  return i < 0 ? list.length : i;
}

/** Rows by axis: the configuration's order, then an axis it does not list by its code. */
function byAxis(axes: readonly string[], a: { axe: unknown }, b: { axe: unknown }): number {
  return rankIn(axes, a.axe) - rankIn(axes, b.axe) || compareText(String(a.axe), String(b.axe));
}

interface Placed<K extends "constats" | "propositions"> {
  row: Consolidated<K>;
  /** Union-find representative of the row's cluster, inside this kind. */
  group: number;
}

/**
 * Constats by axis, type, cluster (clusters ordered by their smallest wording), then wording.
 * Clusters are made within a type, across axes.
 */
export function orderConstats(
  rows: Consolidated<"constats">[],
  config: Config,
): Placed<"constats">[] {
  const axes = config.review.axes.map((a) => a.code);
  const groups = clusterGroups(
    rows,
    (r) => String(r.type),
    // Stryker disable next-line StringLiteral: the finding is required, validation rejects a row without one: the fallback only satisfies the type
    (r) => String(r.constat ?? ""),
  );
  const minText = new Map<number, string>();
  rows.forEach((r, i) => {
    const g = groups[i] as number;
    // Stryker disable next-line StringLiteral: the finding is required, validation rejects a row without one: the fallback only satisfies the type
    const t = String(r.constat ?? "");
    const seen = minText.get(g);
    if (seen === undefined || compareText(t, seen) < 0) minText.set(g, t);
  });
  return rows
    .map((row, i) => ({ row, group: groups[i] as number }))
    .sort(
      (a, b) =>
        byAxis(axes, a.row, b.row) ||
        rankIn(TYPE_ORDER, a.row.type) - rankIn(TYPE_ORDER, b.row.type) ||
        // Stryker disable next-line StringLiteral: every group has its smallest wording in minText: the fallback is never used
        compareText(minText.get(a.group) ?? "", minText.get(b.group) ?? "") ||
        // Stryker disable next-line StringLiteral: the finding is required, validation rejects a row without one: the fallback only satisfies the type
        compareText(String(a.row.constat ?? ""), String(b.row.constat ?? "")),
    );
}

/** Propositions by axis (plan order), objective, action; clusters are on the action wording. */
export function orderPropositions(
  rows: Consolidated<"propositions">[],
  config: Config,
): Placed<"propositions">[] {
  const axes = config.plan.axes.map((a) => a.code);
  const groups = clusterGroups(
    rows,
    (r) => String(r.axe),
    // Stryker disable next-line StringLiteral: the action is required, validation rejects a row without one: the fallback only satisfies the type
    (r) => String(r.action ?? ""),
  );
  return rows
    .map((row, i) => ({ row, group: groups[i] as number }))
    .sort(
      (a, b) =>
        byAxis(axes, a.row, b.row) ||
        // Stryker disable next-line StringLiteral: the objective is required, validation rejects a row without one: the fallback only satisfies the type
        compareText(String(a.row.objectif ?? ""), String(b.row.objectif ?? "")) ||
        // Stryker disable next-line StringLiteral: the action is required, validation rejects a row without one: the fallback only satisfies the type
        compareText(String(a.row.action ?? ""), String(b.row.action ?? "")),
    );
}

/** Cluster ids `c1`, `c2`… in order of first appearance; `counter` carries on across kinds. */
export function numberClusters<K extends "constats" | "propositions">(
  placed: Placed<K>[],
  counter: { next: number },
) {
  const ids = new Map<number, string>();
  for (const p of placed) {
    let id = ids.get(p.group);
    if (id === undefined) {
      id = `c${counter.next++}`;
      ids.set(p.group, id);
    }
    p.row.cluster = id;
  }
}

/** French words that carry no meaning of their own in a finding or an action. */
const STOP_WORDS = new Set(
  [
    "le la les l de des du d un une et en a au aux pour par sur dans avec entre",
    "ce ces cet cette son sa ses leur leurs qui que qu dont ou y ne se s est sont",
    "the of and to in for on by with an",
  ]
    .join(" ")
    .split(" "),
);

/**
 * The wording reduced to its significant words: accents and case folded, apostrophes and hyphens
 * as spaces, stop words dropped, a final plural `s`/`x` dropped, unique tokens sorted.
 */
export function fingerprint(text: string): string[] {
  const tokens = fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .split(" ")
    .filter((t) => t !== "" && !STOP_WORDS.has(t))
    .map((t) => (t.length > 3 && /[sx]$/.test(t) ? t.slice(0, -1) : t));
  return [...new Set(tokens)].sort();
}

/** Minimum share of significant words in common (Jaccard) for two wordings to cluster. */
export const CLUSTER_JACCARD = 0.6;
/** Or minimum Levenshtein similarity of the fingerprints (typos such as "cordination"). */
export const CLUSTER_EDIT_RATIO = 0.85;

/** Whether two fingerprints are near-duplicates. */
export function similar(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return a.length === b.length;
  const setB = new Set(b);
  const common = a.filter((t) => setB.has(t)).length;
  if (common / (a.length + b.length - common) >= CLUSTER_JACCARD) return true;
  const sa = a.join(" ");
  const sb = b.join(" ");
  const longest = Math.max(sa.length, sb.length);
  const max = Math.floor(longest * (1 - CLUSTER_EDIT_RATIO));
  return distance(sa, sb, max) <= max;
}

/**
 * Single-linkage clusters inside each block (same type for constats, same axis for
 * propositions): pairs are only compared within a block, so the cost is quadratic in the block,
 * not in the data set. Returns, for each row, the index of its cluster's representative.
 */
function clusterGroups<T>(
  rows: readonly T[],
  blockOf: (r: T) => string,
  textOf: (r: T) => string,
): number[] {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    return r;
  };
  const prints = rows.map((r) => fingerprint(textOf(r)));
  const blocks = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const block = blocks.get(blockOf(r));
    if (block) block.push(i);
    else blocks.set(blockOf(r), [i]);
  });
  for (const block of blocks.values()) {
    for (let x = 0; x < block.length; x++) {
      for (let y = x + 1; y < block.length; y++) {
        const i = block[x] as number;
        const j = block[y] as number;
        if (!similar(prints[i] as string[], prints[j] as string[])) continue;
        const ri = find(i);
        const rj = find(j);
        if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
      }
    }
  }
  return rows.map((_, i) => find(i));
}

/** Groups that raised each cluster: distinct `groupe` over every source of its rows, sorted. */
export function groupsByCluster(
  rows: readonly { cluster?: string; sources: readonly Source[] }[],
): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.cluster === undefined) continue;
    const set = out.get(r.cluster) ?? new Set<string>();
    for (const s of r.sources) if (s.groupe !== null) set.add(s.groupe);
    out.set(r.cluster, set);
  }
  return new Map([...out].map(([id, set]) => [id, [...set].sort(compareText)]));
}
