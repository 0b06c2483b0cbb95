import type { Config } from "../config.js";
import { type FieldSpec, propositionFields } from "../fields.js";
import type { Consolidated, Consolidation, Source } from "../model.js";
import { compareText, identityText } from "../text.js";
import { findingClusters, text, weaknessLinks } from "./index.js";

/**
 * The draft action matrix of the new plan (spec §9) as data: one row per consolidated proposal,
 * numbered, with its years, costs, origin and the weaknesses it addresses. Rendered as a
 * workbook by `render/matrix-xlsx.ts`, as CSV and Markdown by `render/matrix-text.ts`.
 *
 * Choices where the specification is silent:
 * - Every consolidated proposal is a row and counts in the totals: near-identical proposals (one
 *   cluster id) stay distinct rows, with their own wording, years and cost. A cluster only places
 *   its members next to each other (under one objective, the later members right after the
 *   first) and each member names the others (`neighbours`, « formulations voisines »), for the
 *   analyst to merge by hand if they really are one action.
 * - Numbering `A1.2.3`: `axis.objective.action` behind an `A` for « action », so that a number of
 *   the new plan is never taken for an activity code of the plan under review (`1.2.3`). Axes in
 *   plan order with their configured number (an axis code the plan does not list comes last,
 *   numbered after the others); objectives of an axis in consolidation order (merging sorts
 *   them), two wordings being one objective when their identity texts match; actions in
 *   consolidation order, a cluster's members together.
 * - Scheduled years: the calendar plus any year given a cost, inside the plan period.
 * - Cost: `cout`, else the sum of the per-year costs when only those are given. When both are
 *   given and disagree (`cost-split-mismatch`, a warning), the stated `cout` is kept.
 * - Per-year share: the per-year costs when given and they add up to the cost, else the cost
 *   divided evenly over the scheduled years. In the workbook an even share is a formula on the
 *   year marks and the cost, so that moving an X or changing a cost in the matrix updates the
 *   budget summary.
 * - To complete: the registry's `expected` fields (indicator, responsible body, partners, cost)
 *   a proposal leaves empty are listed in `toComplete`; the renderers write « à compléter » there.
 *   A missing cost counts as 0 in every total until the analyst fills it.
 * - Activity carried over: the proposal's `code_activite_origine`, with the consolidated status
 *   and rate of its assessment, or "not assessed" when the reference plan lists it and nobody
 *   assessed it.
 * - Weaknesses addressed: the weaknesses linked to the proposal by the rule of `index.ts`, which
 *   the report uses too, so that both documents agree; each once, by its most cited wording under
 *   the proposal's axis (a cross-cutting weakness may be linked through another of its axes).
 */

/** A carried-over activity of the plan under review, as its assessment left it. */
export interface MatrixOrigin {
  code: string;
  /** Consolidated status of the activity's assessment, when one exists. */
  statut: string | null;
  taux_realisation: number | null;
  /** The reference plan lists the activity and nobody assessed it. */
  unassessed: boolean;
}

/** The proposal fields a draft may leave empty, shown « à compléter » (registry order). */
export const TO_COMPLETE: readonly string[] = propositionFields
  .filter((f) => (f as FieldSpec).expected)
  .map((f) => f.id);

/** One line of the matrix: one consolidated proposal. */
export interface MatrixRow {
  /** `A1.2.3`: axis number, objective within the axis, action within the objective. */
  number: string;
  /** Axis code of the plan (`PREV`). */
  axe: string;
  objectif: string;
  action: string;
  resultat_attendu: string | null;
  indicateur: string | null;
  reference: string | null;
  cible: string | null;
  responsable: string | null;
  partenaires: string[];
  /** Scheduled years inside the plan period, ascending. */
  years: number[];
  cout: number | null;
  /** Cost of each scheduled year (`"2024"` → amount); empty when there is no cost. */
  perYear: Record<string, number>;
  /** `perYear` holds the group's per-year costs rather than an even spread. */
  perYearGiven: boolean;
  source_financement: string | null;
  /** Priority id (`haute`). */
  priorite: string | null;
  /** Proposal type id (`reconduite`). */
  nature: string | null;
  origins: MatrixOrigin[];
  /** Wordings of the weaknesses the action addresses. */
  weaknesses: string[];
  /** Expected fields left empty (`indicateur`, `responsable`, `partenaires`, `cout`): « à compléter ». */
  toComplete: string[];
  /** Numbers of the other rows of its cluster (near-identical wording), in matrix order. */
  neighbours: string[];
  /** The proposal's sources. */
  sources: Source[];
  cluster: string | null;
}

type Proposition = Consolidated<"propositions">;

export function planYears(config: Config): number[] {
  const years: number[] = [];
  for (let y = config.plan.from; y <= config.plan.to; y++) years.push(y);
  return years;
}

/** Scheduled years of one proposal: its calendar and any year given a cost, inside the plan. */
function yearsOf(p: Proposition, config: Config): number[] {
  // Stryker disable next-line ArrayDeclaration: anything but a year is dropped by the plan-period filter below
  const years = new Set<number>(p.calendrier ?? []);
  for (const [y, amount] of Object.entries(p.cout_annuel ?? {})) if (amount > 0) years.add(+y);
  return [...years]
    .filter((y) => y >= config.plan.from && y <= config.plan.to)
    .sort((a, b) => a - b);
}

function splitSum(p: Proposition): number | null {
  const split = Object.values(p.cout_annuel ?? {});
  return split.length > 0 ? split.reduce((a, b) => a + b, 0) : null;
}

/** The stated cost, else the sum of the per-year costs. */
function costOf(p: Proposition): number | null {
  return typeof p.cout === "number" ? p.cout : splitSum(p);
}

function spread(
  p: Proposition,
  years: number[],
  cout: number | null,
): { perYear: Record<string, number>; given: boolean } {
  const sum = splitSum(p);
  // Per-year costs that do not add up to the stated cost give way to it (`cost-split-mismatch`).
  if (p.cout_annuel && sum !== null && (cout === null || Math.abs(sum - cout) < 0.5)) {
    const perYear: Record<string, number> = {};
    for (const y of years) perYear[y] = p.cout_annuel[y] ?? 0;
    return { perYear, given: true };
  }
  if (cout === null || years.length === 0) return { perYear: {}, given: false };
  return { perYear: Object.fromEntries(years.map((y) => [y, cout / years.length])), given: false };
}

function isEmpty(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    (typeof v === "string" && v.trim() === "") ||
    (Array.isArray(v) && v.length === 0)
  );
}

/** One matrix row per proposal, unnumbered, in consolidation order. */
function proposalRows(
  c: Consolidation,
  config: Config,
): Omit<MatrixRow, "number" | "neighbours">[] {
  // Stryker disable next-line StringLiteral: code_activite is required in a bilan row: never null here
  const bilan = new Map(c.bilan.map((b) => [identityText(String(b.code_activite ?? "")), b]));
  const unassessed = new Set(c.non_evalues.map(identityText));
  const found = findingClusters(c.constats);
  const links = weaknessLinks(c, found);
  return c.propositions.map((p, i) => {
    const years = yearsOf(p, config);
    const cout = costOf(p);
    const { perYear, given } = spread(p, years, cout);
    const code = text(p.code_activite_origine);
    const origins = (code === null ? [] : [code]).map((code): MatrixOrigin => {
      const b = bilan.get(identityText(code));
      return {
        code,
        statut: b?.statut ?? null,
        taux_realisation: b?.taux_realisation ?? null,
        unassessed: !b && unassessed.has(identityText(code)),
      };
    });
    // A weakness once per cluster, by its wording under the proposal's axis when it has one.
    // Stryker disable next-line OptionalChaining: weaknessLinks gives one list per finding cluster
    const linked = found.filter((_, j) => links[j]?.includes(i));
    const weaknesses = [...new Set(linked.map((k) => k.id))].map((id) => {
      const parts = linked.filter((k) => k.id === id);
      const part = parts.find((k) => k.axe === String(p.axe)) ?? parts[0];
      // Stryker disable next-line OptionalChaining,StringLiteral: a linked cluster has a part under every axis it links through, each with a wording whose text is a string
      return part?.wordings[0]?.text ?? "";
    });
    return {
      axe: String(p.axe ?? ""),
      objectif: String(p.objectif ?? ""),
      action: String(p.action ?? ""),
      resultat_attendu: text(p.resultat_attendu),
      indicateur: text(p.indicateur),
      reference: text(p.reference),
      cible: text(p.cible),
      responsable: text(p.responsable),
      partenaires: p.partenaires ?? [],
      years,
      cout,
      perYear,
      perYearGiven: given,
      source_financement: text(p.source_financement),
      priorite: text(p.priorite),
      nature: text(p.nature),
      origins,
      weaknesses,
      toComplete: TO_COMPLETE.filter((id) =>
        id === "cout" ? cout === null : isEmpty(p[id as keyof Proposition]),
      ),
      sources: p.sources,
      cluster: p.cluster ?? null,
    };
  });
}

/** Axis codes in plan order, then codes the plan does not list (natural order). */
export function axisOrder(config: Config, codes: Iterable<string>): string[] {
  const planned = config.plan.axes.map((a) => a.code);
  const extra = [...new Set(codes)].filter((c) => !planned.includes(c)).sort(compareText);
  return [...planned, ...extra];
}

export function axisNumber(config: Config, code: string, order: readonly string[]): number {
  const axis = config.plan.axes.find((a) => a.code === code);
  if (axis) return axis.number;
  const max = Math.max(0, ...config.plan.axes.map((a) => a.number));
  return max + 1 + order.indexOf(code) - config.plan.axes.length;
}

/** A cluster's members together: each row, then the later rows of its cluster, in order. */
function clustered<T extends { cluster: string | null }>(rows: readonly T[]): T[] {
  const out: T[] = [];
  const placed = new Set<number>();
  rows.forEach((r, i) => {
    if (placed.has(i)) return;
    placed.add(i);
    out.push(r);
    if (r.cluster === null) return;
    for (let j = i + 1; j < rows.length; j++) {
      const other = rows[j] as T;
      if (!placed.has(j) && other.cluster === r.cluster) {
        placed.add(j);
        out.push(other);
      }
    }
  });
  return out;
}

/**
 * The matrix rows: every proposal, grouped by axis then objective (a cluster's members next to
 * each other), numbered `A1.2.3`, each naming the rows of its cluster.
 */
export function matrixRows(c: Consolidation, config: Config): MatrixRow[] {
  const rows = proposalRows(c, config);
  const order = axisOrder(
    config,
    rows.map((r) => r.axe),
  );
  const out: MatrixRow[] = [];
  for (const code of order) {
    const objectives = new Map<string, Omit<MatrixRow, "number" | "neighbours">[]>();
    for (const r of rows) {
      if (r.axe !== code) continue;
      const key = identityText(r.objectif);
      const actions = objectives.get(key);
      if (actions) actions.push(r);
      else objectives.set(key, [r]);
    }
    const n = axisNumber(config, code, order);
    [...objectives.values()].forEach((actions, o) => {
      // The first wording met names the objective for every action under it.
      const objectif = (actions[0] as Omit<MatrixRow, "number">).objectif;
      clustered(actions).forEach((r, a) => {
        out.push({ number: `A${n}.${o + 1}.${a + 1}`, ...r, objectif, neighbours: [] });
      });
    });
  }
  const members = new Map<string, string[]>();
  for (const r of out) {
    if (r.cluster === null) continue;
    members.set(r.cluster, [...(members.get(r.cluster) ?? []), r.number]);
  }
  for (const r of out) {
    if (r.cluster === null) continue;
    // Stryker disable next-line ArrayDeclaration: every row's cluster was entered in `members` just above
    r.neighbours = (members.get(r.cluster) ?? []).filter((n) => n !== r.number);
  }
  return out;
}

/** Per axis and year, the cost shares of the rows: the figures of the budget summary. */
export function budgetByAxis(rows: readonly MatrixRow[], config: Config) {
  const order = axisOrder(
    config,
    rows.map((r) => r.axe),
  );
  return order.map((code) => {
    const years = Object.fromEntries(
      planYears(config).map((y) => [
        y,
        rows.filter((r) => r.axe === code).reduce((n, r) => n + (r.perYear[y] ?? 0), 0),
      ]),
    ) as Record<string, number>;
    const cost = rows.filter((r) => r.axe === code).reduce((n, r) => n + (r.cout ?? 0), 0);
    return { axe: code, years, cost };
  });
}
