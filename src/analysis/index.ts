import type { FindingType } from "../fields.js";
import { fingerprint, groupsByCluster } from "../merge/clusters.js";
import type { Consolidated, Consolidation, FileReport, KeptRow, Source } from "../model.js";
import { groupKey, identityText } from "../text.js";
import { groupFromName } from "../validate/provenance.js";

/**
 * Analysis: pure functions that turn the consolidation into the report model (`report.ts`) and
 * the matrix model (`matrix.ts`). This file holds what both read: the clusters of findings and
 * which proposals address each weakness, computed once so that the two documents agree.
 *
 * A weakness is addressed by a proposition of an axis it is filed under (its own axis; for a
 * cross-cutting weakness, any of the axes of its cluster) when the proposition carries
 * over the activity the weakness names (`code_activite` = `code_activite_origine`), or when the
 * proposition's action and expected result share at least two significant words (one when the
 * text has only one) with the weakness's wording or with its recommendation. Significant words
 * are those of `fingerprint` (accents, case, stop words and plural `s` folded) minus
 * `GENERIC_WORDS`, which every finding of this domain would share.
 *
 * A cluster of findings may span axes (clustering runs within a type, across axes): both
 * documents read it by axis, one part per axis it is filed under, each part with that axis's
 * wordings, groups and links, and the report lists the whole cluster among the cross-cutting
 * findings when it is cited under at least `CROSS_CUTTING.axes` axes or by at least
 * `CROSS_CUTTING.groups` groups.
 */

export interface Wording {
  text: string;
  code_activite: string | null;
  preuve: string | null;
  recommandation: string | null;
  sources: Source[];
}

/**
 * Near-duplicate findings (one cluster id) filed under one axis, with every wording and its
 * sources: the whole cluster, or its part under this axis when it spans several.
 */
export interface FindingCluster {
  id: string;
  axe: string;
  type: FindingType;
  /** Distinct groups that raised it under this axis, sorted. */
  groups: string[];
  /** Most cited wording first. */
  wordings: Wording[];
  /** Every axis the cluster is filed under, this one included, in consolidation order. */
  axes: string[];
  /** Distinct groups that raised the cluster under any axis, sorted. */
  allGroups: string[];
}

/** A cluster of findings cited under several axes or by many groups: a cross-cutting finding. */
export interface CrossCuttingCluster {
  id: string;
  type: FindingType;
  /** Axes it is filed under, in consolidation order. */
  axes: string[];
  /** Distinct groups that raised it, sorted. */
  groups: string[];
  /** Every wording with its axis, most cited first. */
  wordings: (Wording & { axe: string })[];
  /** Index of each of its parts in the list `findingClusters` returned. */
  parts: number[];
}

/** When a cluster is a cross-cutting finding: cited under this many axes, or by this many groups. */
export const CROSS_CUTTING = { axes: 2, groups: 3 } as const;

/** Words that every finding or action of this domain may contain: they prove no link. */
export const GENERIC_WORDS = new Set([
  // the domain
  "traite",
  "personne",
  "victime",
  "pratique",
  "assimilee",
  "lutte",
  "contre",
  "national",
  "nationale",
  "niveau",
  "region",
  "zone",
  // how a weakness is said
  "insuffisance",
  "insuffisant",
  "insuffisante",
  "faible",
  "faiblesse",
  "absence",
  "manque",
  "difficulte",
  "probleme",
  "peu",
  "pas",
  "non",
  "tres",
  "plus",
  // how an action is said
  "mettre",
  "place",
  "oeuvre",
  "renforcer",
  "renforcement",
  "ameliorer",
  "amelioration",
  "assurer",
  "appuyer",
  "appui",
  "developper",
  "elaborer",
  "organiser",
  "promouvoir",
  "soutenir",
  "favoriser",
  "faciliter",
  "rendre",
  "creer",
  "creation",
]);

/** The words of a text that can link a weakness to an action. */
export function significantWords(text: string): string[] {
  // One-letter tokens are what is left of `n°`, `l'`: no topic.
  return fingerprint(text).filter((w) => w.length > 1 && !GENERIC_WORDS.has(w));
}

/** Whether an action text shares enough significant words with a weakness text. */
export function sharesTopic(weakness: readonly string[], action: ReadonlySet<string>): boolean {
  if (weakness.length === 0) return false;
  const common = weakness.filter((w) => action.has(w)).length;
  return common >= Math.min(2, weakness.length);
}

/** A text, or `null` when empty or blank. */
export function text(v: unknown): string | null {
  const s = v === null || v === undefined ? "" : String(v);
  return s.trim() === "" ? null : s;
}

/** Wordings of rows, most cited first (consolidation order among equals: the sort is stable). */
function wordingsOf(rows: readonly Consolidated<"constats">[]): (Wording & { axe: string })[] {
  return rows
    .map((r) => ({
      axe: String(r.axe),
      text: text(r.constat) ?? "",
      code_activite: text(r.code_activite),
      preuve: text(r.preuve),
      recommandation: text(r.recommandation),
      sources: r.sources,
    }))
    .sort((a, b) => b.sources.length - a.sources.length);
}

/**
 * The clusters of findings by axis, in the order their first row has in the consolidation: a
 * cluster filed under several axes gives one part per axis.
 */
export function findingClusters(constats: readonly Consolidated<"constats">[]): FindingCluster[] {
  const all = groupsByCluster(
    constats.map((r, i) => ({ cluster: r.cluster ?? `#${i}`, sources: r.sources })),
  );
  const axesOf = new Map<string, string[]>();
  const parts = new Map<string, Consolidated<"constats">[]>();
  const idOf = new Map<string, string>();
  constats.forEach((row, i) => {
    const id = row.cluster ?? `#${i}`;
    const axe = String(row.axe);
    const axes = axesOf.get(id) ?? [];
    if (!axes.includes(axe)) axes.push(axe);
    axesOf.set(id, axes);
    const key = `${id}\u0000${axe}`;
    const rows = parts.get(key);
    if (rows) rows.push(row);
    else {
      parts.set(key, [row]);
      idOf.set(key, id);
    }
  });
  return [...parts.entries()].map(([key, rows]) => {
    const id = idOf.get(key) as string;
    const head = rows[0] as Consolidated<"constats">;
    return {
      id,
      axe: String(head.axe),
      type: head.type as FindingType,
      // Stryker disable next-line ArrayDeclaration: unreachable fallback, every row of the part is given the cluster `id`
      groups: groupsByCluster(rows.map((r) => ({ cluster: id, sources: r.sources }))).get(id) ?? [],
      wordings: wordingsOf(rows).map(({ axe: _, ...w }) => w),
      // Stryker disable next-line ArrayDeclaration: unreachable fallback, `axesOf` has every cluster id of the rows
      axes: axesOf.get(id) ?? [],
      // Stryker disable next-line ArrayDeclaration: unreachable fallback, `all` is keyed by the same ids of the same rows
      allGroups: all.get(id) ?? [],
    };
  });
}

/**
 * The cross-cutting findings: clusters cited under at least two axes or by at least three groups,
 * in the order of their first part.
 */
export function crossCuttingClusters(
  constats: readonly Consolidated<"constats">[],
  parts: readonly FindingCluster[],
): CrossCuttingCluster[] {
  const rowsOf = new Map<string, Consolidated<"constats">[]>();
  constats.forEach((row, i) => {
    const id = row.cluster ?? `#${i}`;
    const rows = rowsOf.get(id);
    if (rows) rows.push(row);
    else rowsOf.set(id, [row]);
  });
  const out = new Map<string, CrossCuttingCluster>();
  parts.forEach((k, i) => {
    if (k.axes.length < CROSS_CUTTING.axes && k.allGroups.length < CROSS_CUTTING.groups) return;
    const seen = out.get(k.id);
    if (seen) {
      seen.parts.push(i);
      return;
    }
    out.set(k.id, {
      id: k.id,
      type: k.type,
      axes: k.axes,
      groups: k.allGroups,
      // Stryker disable next-line ArrayDeclaration: unreachable fallback, the parts are `findingClusters` of the same constats
      wordings: wordingsOf(rowsOf.get(k.id) ?? []),
      parts: [i],
    });
  });
  return [...out.values()];
}

/**
 * For each cluster (a part under one axis), by its index in `clusters`, the propositions (indices
 * into `c.propositions`) that address it: those of its cluster's axes that carry over an activity
 * it names first, then those that share its topic, each once. Empty for what is not a weakness.
 */
export function weaknessLinks(
  c: Pick<Consolidation, "propositions">,
  clusters: readonly FindingCluster[],
): number[][] {
  const offers = c.propositions.map((p) => {
    const origin = text(p.code_activite_origine);
    return {
      axe: p.axe,
      origin: origin === null ? null : identityText(origin),
      words: new Set(significantWords(`${text(p.action) ?? ""} ${text(p.resultat_attendu) ?? ""}`)),
    };
  });
  return clusters.map((k) => {
    if (k.type !== "faiblesse") return [];
    const named = new Set(
      k.wordings.flatMap((w) => (w.code_activite ? [identityText(w.code_activite)] : [])),
    );
    const topics = k.wordings.flatMap((w) =>
      [w.text, w.recommandation].flatMap((t) => (t ? [significantWords(t)] : [])),
    );
    const by = new Set<number>();
    const ofAxes = (o: (typeof offers)[number]) => o.axe !== null && k.axes.includes(o.axe);
    offers.forEach((o, i) => {
      if (ofAxes(o) && o.origin !== null && named.has(o.origin)) by.add(i);
    });
    offers.forEach((o, i) => {
      if (ofAxes(o) && topics.some((t) => sharesTopic(t, o.words))) by.add(i);
    });
    return [...by];
  });
}

/**
 * The group of a row of a submission: its own column, else the file's (Identification sheet,
 * flag). Without a row (a problem of the whole file), the file's, else its rows' when they
 * agree, else the one its name gives, as merging names it.
 */
export function grouper(f: FileReport): (r?: KeptRow) => string {
  const named = new Map<string, string>();
  for (const t of f.tables) {
    for (const r of t.records) if (r.meta.groupe) named.set(groupKey(r.meta.groupe), r.meta.groupe);
  }
  const fallback =
    f.meta.groupe ??
    (named.size === 1 ? [...named.values()][0] : undefined) ??
    groupFromName(f.path, f.meta.session);
  return (r) => r?.meta.groupe ?? fallback;
}
