import type { FindingType } from "../fields.js";
import { fingerprint, groupsByCluster } from "../merge/clusters.js";
import type { Consolidated, Consolidation, Source } from "../model.js";
import { identityText } from "../text.js";

/**
 * Analysis: pure functions that turn the consolidation into the report model (`report.ts`) and
 * the matrix model (`matrix.ts`). This file holds what both read: the clusters of findings and
 * which proposals address each weakness, computed once so that the two documents agree.
 *
 * A weakness is addressed by a proposition of the same axis code when the proposition carries
 * over the activity the weakness names (`code_activite` = `code_activite_origine`), or when the
 * proposition's action and expected result share at least two significant words (one when the
 * text has only one) with the weakness's wording or with its recommendation. Significant words
 * are those of `fingerprint` (accents, case, stop words and plural `s` folded) minus
 * `GENERIC_WORDS`, which every finding of this domain would share.
 */

export interface Wording {
  text: string;
  code_activite: string | null;
  preuve: string | null;
  recommandation: string | null;
  sources: Source[];
}

/** Near-duplicate findings (one cluster id), with every wording and its sources. */
export interface FindingCluster {
  id: string;
  axe: string;
  type: FindingType;
  /** Distinct groups that raised it, sorted. */
  groups: string[];
  /** Most cited wording first. */
  wordings: Wording[];
}

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

/** A text, or `null` when empty. */
export const text = (v: unknown): string | null =>
  typeof v === "string" && v.trim() !== "" ? v : v === null || v === undefined ? null : String(v);

/** The clusters of findings, in the order their first row has in the consolidation. */
export function findingClusters(constats: readonly Consolidated<"constats">[]): FindingCluster[] {
  const groups = groupsByCluster(constats);
  const byId = new Map<string, Consolidated<"constats">[]>();
  constats.forEach((row, i) => {
    const id = row.cluster ?? `#${i}`;
    const rows = byId.get(id);
    if (rows) rows.push(row);
    else byId.set(id, [row]);
  });
  return [...byId.entries()].map(([id, rows]) => {
    const head = rows[0] as Consolidated<"constats">;
    const wordings = rows
      .map((r, i): Wording & { i: number } => ({
        i,
        text: text(r.constat) ?? "",
        code_activite: text(r.code_activite),
        preuve: text(r.preuve),
        recommandation: text(r.recommandation),
        sources: r.sources,
      }))
      .sort((a, b) => b.sources.length - a.sources.length || a.i - b.i)
      .map(({ i: _, ...w }) => w);
    return {
      id,
      axe: String(head.axe),
      type: head.type as FindingType,
      groups: groups.get(id) ?? [],
      wordings,
    };
  });
}

/**
 * For each weakness cluster, by id in consolidation order, the propositions (indices into
 * `c.propositions`) that address it: those that carry over an activity it names first, then
 * those that share its topic, each once.
 */
export function weaknessLinks(
  c: Pick<Consolidation, "propositions">,
  clusters: readonly FindingCluster[],
): Map<string, number[]> {
  const offers = c.propositions.map((p) => {
    const origin = text(p.code_activite_origine);
    return {
      axe: p.axe,
      origin: origin === null ? null : identityText(origin),
      words: new Set(significantWords(`${text(p.action) ?? ""} ${text(p.resultat_attendu) ?? ""}`)),
    };
  });
  const links = new Map<string, number[]>();
  for (const k of clusters) {
    if (k.type !== "faiblesse") continue;
    const named = new Set(
      k.wordings.flatMap((w) => (w.code_activite ? [identityText(w.code_activite)] : [])),
    );
    const topics = k.wordings.flatMap((w) =>
      [w.text, w.recommandation].flatMap((t) => (t ? [significantWords(t)] : [])),
    );
    const by = new Set<number>();
    offers.forEach((o, i) => {
      if (o.axe === k.axe && o.origin !== null && named.has(o.origin)) by.add(i);
    });
    offers.forEach((o, i) => {
      if (o.axe === k.axe && topics.some((t) => sharesTopic(t, o.words))) by.add(i);
    });
    links.set(k.id, [...by]);
  }
  return links;
}
