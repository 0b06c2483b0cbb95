import type { Config } from "../config.js";
import type { Consolidated, Consolidation, Source } from "../model.js";
import { compareText, identityText } from "../text.js";
import { findingClusters, text, weaknessLinks } from "./index.js";

/**
 * The draft action matrix of the new plan (spec §9) as data: one row per cluster of consolidated
 * proposals, numbered, with its years, costs, origins and the weaknesses it addresses. Rendered
 * as a workbook by `render/matrix-xlsx.ts`, as CSV and Markdown by `render/matrix-text.ts`.
 *
 * Choices where the specification is silent:
 * - Near-identical proposals (one cluster id) are one row. Its representative is the cluster's
 *   first row in consolidation order: it gives the axis, objective and action wording, and every
 *   field it fills; a field it leaves empty takes the first value of the other members (the
 *   folding rule of §6). Cost, calendar and per-year costs travel together from one member, the
 *   representative when it gives a cost, else the first member that does, so that a cost is never
 *   spread over another member's years. Nothing is added up across members: the other wordings,
 *   with their groups, years and cost, are listed under "Variantes regroupées" and stay out of
 *   the totals. Origins are every source of every member.
 * - Numbering `axis.objective.action`: axes in plan order with their configured number (an axis
 *   code the plan does not list comes last, numbered after the others); objectives of an axis in
 *   consolidation order (merging sorts them), two wordings being one objective when their
 *   identity texts match; actions in consolidation order.
 * - Scheduled years: the calendar plus any year given a cost, inside the plan period.
 * - Cost: `cout`, else the sum of the per-year costs when only those are given.
 * - Per-year share: the per-year costs when given, else the cost divided evenly over the scheduled
 *   years. In the workbook an even share is a formula on the year marks and the cost, so that
 *   moving an X or changing a cost in the matrix updates the budget summary.
 * - Activity carried over: every distinct `code_activite_origine` of the members, with the
 *   consolidated status and rate of its assessment, or "not assessed" when the reference plan
 *   lists it and nobody assessed it.
 * - Weaknesses addressed: a weakness cluster is listed when it is linked to any member by the
 *   rule of `index.ts`, which the report uses too, so that both documents agree. Each cluster is
 *   shown once, by its most cited wording.
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

/** Another proposal of the same cluster: shown, never added to the totals. */
export interface MatrixVariant {
  objectif: string;
  action: string;
  years: number[];
  cout: number | null;
  sources: Source[];
}

/** One line of the matrix: a consolidated proposal, or a cluster of near-identical ones. */
export interface MatrixRow {
  /** `1.2.3`: axis number, objective within the axis, action within the objective. */
  number: string;
  /** Axis code of the plan (`PREV`). */
  axe: string;
  objectif: string;
  action: string;
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
  variants: MatrixVariant[];
  /** Every source of every member, representative first. */
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
  const years = new Set<number>(p.calendrier ?? []);
  for (const [y, amount] of Object.entries(p.cout_annuel ?? {})) if (amount > 0) years.add(+y);
  return [...years]
    .filter((y) => y >= config.plan.from && y <= config.plan.to)
    .sort((a, b) => a - b);
}

function costOf(p: Proposition): number | null {
  if (typeof p.cout === "number") return p.cout;
  const split = Object.values(p.cout_annuel ?? {});
  return split.length > 0 ? split.reduce((a, b) => a + b, 0) : null;
}

function hasCost(p: Proposition): boolean {
  return costOf(p) !== null;
}

function spread(
  p: Proposition,
  years: number[],
  cout: number | null,
): { perYear: Record<string, number>; given: boolean } {
  if (p.cout_annuel && Object.keys(p.cout_annuel).length > 0) {
    const perYear: Record<string, number> = {};
    for (const y of years) perYear[y] = p.cout_annuel[y] ?? 0;
    return { perYear, given: true };
  }
  if (cout === null || years.length === 0) return { perYear: {}, given: false };
  return { perYear: Object.fromEntries(years.map((y) => [y, cout / years.length])), given: false };
}

/** The first non-empty value of a field over the members, representative first. */
function firstOf<F extends keyof Proposition>(members: Proposition[], field: F): Proposition[F] {
  const filled = members.find((m) => {
    const v = m[field];
    return v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "");
  });
  return (filled ?? members[0])?.[field] as Proposition[F];
}

/** One matrix row per cluster, unnumbered, in consolidation order. */
function clusterRows(c: Consolidation, config: Config): Omit<MatrixRow, "number">[] {
  const clusters = new Map<string, number[]>();
  c.propositions.forEach((p, i) => {
    const id = p.cluster ?? `#${i}`;
    const members = clusters.get(id);
    if (members) members.push(i);
    else clusters.set(id, [i]);
  });
  const bilan = new Map(c.bilan.map((b) => [identityText(String(b.code_activite ?? "")), b]));
  const unassessed = new Set(c.non_evalues.map(identityText));
  const found = findingClusters(c.constats);
  const headline = new Map(found.map((k) => [k.id, k.wordings[0]?.text ?? ""]));
  const links = [...weaknessLinks(c, found)];
  return [...clusters.values()].map((indices) => {
    const members = indices.map((i) => c.propositions[i] as Proposition);
    const head = members[0] as Proposition;
    const costing = members.find(hasCost) ?? head;
    const years = yearsOf(costing, config);
    const cout = costOf(costing);
    const { perYear, given } = spread(costing, years, cout);
    const codes = [...new Set(members.flatMap((m) => text(m.code_activite_origine) ?? []))];
    const origins = codes.map((code): MatrixOrigin => {
      const b = bilan.get(identityText(code));
      return {
        code,
        statut: b?.statut ?? null,
        taux_realisation: b?.taux_realisation ?? null,
        unassessed: !b && unassessed.has(identityText(code)),
      };
    });
    return {
      axe: String(head.axe ?? ""),
      objectif: String(head.objectif ?? ""),
      action: String(head.action ?? ""),
      indicateur: text(firstOf(members, "indicateur")),
      reference: text(firstOf(members, "reference")),
      cible: text(firstOf(members, "cible")),
      responsable: text(firstOf(members, "responsable")),
      partenaires: firstOf(members, "partenaires") ?? [],
      years,
      cout,
      perYear,
      perYearGiven: given,
      source_financement: text(firstOf(members, "source_financement")),
      priorite: text(firstOf(members, "priorite")),
      nature: text(firstOf(members, "nature")),
      origins,
      weaknesses: links
        .filter(([, by]) => indices.some((i) => by.includes(i)))
        .map(([id]) => headline.get(id) ?? ""),
      variants: members.slice(1).map((m) => ({
        objectif: String(m.objectif ?? ""),
        action: String(m.action ?? ""),
        years: yearsOf(m, config),
        cout: costOf(m),
        sources: m.sources,
      })),
      sources: members.flatMap((m) => m.sources),
      cluster: head.cluster ?? null,
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

/** The matrix rows: clusters shown once, grouped by axis then objective, numbered `1.2.3`. */
export function matrixRows(c: Consolidation, config: Config): MatrixRow[] {
  const rows = clusterRows(c, config);
  const order = axisOrder(
    config,
    rows.map((r) => r.axe),
  );
  const out: MatrixRow[] = [];
  for (const code of order) {
    const objectives = new Map<string, Omit<MatrixRow, "number">[]>();
    for (const r of rows) {
      if (r.axe !== code) continue;
      const key = identityText(r.objectif);
      const actions = objectives.get(key);
      if (actions) actions.push(r);
      else objectives.set(key, [r]);
    }
    const n = axisNumber(config, code, order);
    [...objectives.values()].forEach((actions, o) => {
      actions.forEach((r, a) => {
        // The first wording met names the objective for every action under it.
        const objectif = (actions[0] as Omit<MatrixRow, "number">).objectif;
        out.push({ number: `${n}.${o + 1}.${a + 1}`, ...r, objectif });
      });
    });
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
