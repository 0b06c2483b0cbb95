import { type Config, DEFAULT_TITLE, type LocalText, type Workshop } from "../config.js";
import { type FindingType, STATUTS, type StatusId, TYPE_ORDER } from "../fields.js";
import { countBySeverity, type IssueCode, type Severity } from "../issues.js";
import { withoutMarks } from "../labels.js";
import { bandOf, scoreOf } from "../merge/indicators.js";
import type {
  Band,
  Conflict,
  Consolidated,
  Consolidation,
  FileReport,
  KeptRow,
  ReferencePlan,
  Rejet,
  Source,
  ValidationResult,
} from "../model.js";
import { compareText, groupKey, identityText, sessionKey } from "../text.js";
import {
  type FindingCluster as Cluster,
  type CrossCuttingCluster,
  crossCuttingClusters,
  findingClusters,
  grouper,
  text,
  weaknessLinks,
} from "./index.js";

/**
 * The report on the plan under review (spec §8) as data: computed once from the consolidation,
 * rendered by `report-md.ts` and `report-html.ts`. Nothing here depends on the language; the
 * renderers pick labels and number formats.
 *
 * Choices where the specification is silent:
 * - Figures come from `consolidation.indicateurs` (the same numbers as `consolidation.json`);
 *   status counts and budget sums follow the same rule: activities marked `hors_plan` are left
 *   out, and are listed apart.
 * - "Activities assessed / in the reference plan" counts the reference codes that some accepted
 *   row assessed; an assessed code outside the reference plan counts in the rate (as in
 *   `computeIndicators`) and is named apart.
 * - A cluster is ranked by the number of distinct groups that raised it under the axis, then
 *   under any axis, then by its number of sources, then in consolidation order; its headline is
 *   its most cited wording.
 * - Which proposals address a weakness is decided once, in `index.ts`, for this report and the
 *   matrix alike.
 * - A cluster filed under several axes is shown under each of them with that axis's wordings
 *   (its part), marked cross-cutting; the whole cluster heads the findings among the
 *   cross-cutting findings (`crossCutting`), ranked by groups, then axes, then sources. A
 *   cross-cutting weakness is addressed by the actions that address any of its parts (an action
 *   of any of its axes, by the rule of `index.ts`). Weakness counts (`weaknesses`) count parts,
 *   listed by axis; `key.findingClusters` counts distinct clusters.
 */

export const STATUS_IDS: readonly StatusId[] = STATUTS.map((s) => s.id);

export interface ReportAxis {
  code: string;
  number: number;
  fr: string;
  en: string;
}

/** Σ prévu and Σ exécuté over the activities that give both, and their ratio. */
export interface Budget {
  planned: number;
  spent: number;
  /** Activities that give both amounts. */
  activities: number;
  execution: number | null;
}

export interface AxisFigures {
  axis: ReportAxis;
  /** Activities of the axis by consolidated status (unplanned activities left out). */
  statuses: Record<StatusId, number>;
  /** Activities counted in the rate. */
  assessed: number;
  /** Reference activities of the axis; `null` without a reference plan. */
  inReference: number | null;
  /** Reference activities of the axis nobody assessed; `null` without a reference plan. */
  unassessed: number | null;
  rate: number | null;
  band: Band | null;
  budget: Budget;
}

/** A cluster of findings as the report shows it: for a weakness, the actions that address it. */
export interface FindingCluster extends Cluster {
  /** Weaknesses only: actions of proposals that address it (empty when none). */
  addressedBy: string[];
  /** The cluster is among the cross-cutting findings (`ReportModel.crossCutting`). */
  crossCutting: boolean;
}

/**
 * A finding cited under several axes or by several groups (« constat transversal »): the whole
 * cluster, every wording with its axis and sources.
 */
export interface CrossCuttingFinding extends Omit<CrossCuttingCluster, "axes" | "parts"> {
  /** Axes it is filed under, in the configuration's order. */
  axes: ReportAxis[];
  /** Weaknesses only: actions of proposals that address any of its parts. */
  addressedBy: string[];
}

export interface AxisFindings {
  axis: ReportAxis;
  /** Clusters by type, ranked by the number of groups that raised them. */
  types: Record<FindingType, FindingCluster[]>;
}

/** An activity of the plan under review that a proposal carries over or rewords. */
export interface CarriedOver {
  code: string;
  /** Title from the assessment, else from the reference plan. */
  activite: string | null;
  assessment: {
    axe: string | null;
    statut: string | null;
    taux_realisation: number | null;
    score: number | null;
  } | null;
  inReference: boolean;
  proposals: {
    axe: string | null;
    action: string;
    nature: string | null;
    sources: Source[];
  }[];
}

export interface ReportConflict extends Conflict {
  /** Title of the activity, from the consolidation or the reference plan. */
  activite: string | null;
}

export interface UnassessedActivity {
  code: string;
  axe: string | null;
  activite: string | null;
}

/** A plan activity without an accepted assessment, and whether some rejected row assessed it. */
export interface Unassessed extends UnassessedActivity {
  /** Only rejected rows (rejets.csv) give this code: an assessment was made, and set aside. */
  rejected: boolean;
}

export interface SourceFile {
  path: string;
  format: "csv" | "xlsx" | "xls" | "ods";
  groupes: string[];
  sessions: string[];
  structure: string | null;
  kinds: string[];
  rows: number;
  accepted: number;
  rejected: number;
  errors: number;
  warnings: number;
}

export interface GroupSummary {
  name: string;
  /** Its compact reference (`G2`), as `SourceRef.ref` begins. */
  code: string;
  sessions: string[];
  files: number;
  rows: number;
  /** As its Identification sheets (or columns) give them, each different text once. */
  structures: string[];
  rapporteurs: string[];
  /** Each list of members as given, with the sessions that gave it. */
  members: { text: string; sessions: string[] }[];
}

/**
 * A compact reference to the rows of one group in one session (`G2-J1`), which the report
 * writes after a finding instead of a file path; the sources annex lists each with its files.
 */
export interface SourceRef {
  ref: string;
  groupe: string;
  session: string | null;
  files: string[];
}

/** A proposal of the new plan that addresses weaknesses of the plan under review. */
export interface Recommendation {
  /** Axis of the new plan. */
  axe: string | null;
  objectif: string | null;
  action: string;
  sources: Source[];
  /** The weaknesses it addresses, as their headline and axis (of the plan under review). */
  addresses: { text: string; axe: string | null }[];
}

export interface SessionSummary {
  /** `null`: files that give no session. */
  name: string | null;
  groups: string[];
  files: number;
  rows: number;
}

export interface IssueCount {
  code: IssueCode;
  severity: Severity;
  /** Problems of this code over every file. */
  problems: number;
  /** Rejected rows that have at least one problem of this code. */
  rejectedRows: number;
}

/**
 * Rows of one kind from one submission that are not in the results: a list built from them (the
 * weaknesses without action, the activities nobody assessed) may be missing what they said.
 */
export interface Gap {
  path: string;
  /** The group of those rows; `null` when they name several. */
  groupe: string | null;
  /**
   * Rows of the kind rejected (assessments: those whose activity code could not be read, the
   * others are said with their activity); `null` when nothing could be read from the file at all.
   */
  rejected: number | null;
}

export interface ReportModel {
  /** The configuration's title; the default one in both languages. */
  title: LocalText;
  /**
   * Who held the workshop, where and when, why: the cover and the first section. The dates are
   * the configuration's, else the first and last of the submissions (see `datesOf`).
   */
  about: Workshop;
  review: { label: string; from: number; to: number };
  plan: { label: string; from: number; to: number };
  /** ISO date-time of the generation (`generationTime()` at the call site). */
  generated: string;
  currency: string;
  weights: Config["weights"];
  bands: Config["bands"];
  /** What the report could be built from, to say what is missing. */
  received: {
    rowsRead: number;
    rowsAccepted: number;
    bilan: number;
    constats: number;
    propositions: number;
    /** Path of the reference plan, `null` when none is configured. */
    reference: string | null;
    /** Submissions that could not be read at all: none of their rows is in the figures. */
    unread: string[];
    /**
     * By kind, the submissions whose rows of that kind are not all in the results: the unread
     * ones (for every kind), then those with rejected rows of the kind.
     */
    gaps: { bilan: Gap[]; propositions: Gap[] };
  };
  key: {
    /** Activities counted in the rate (assessed, not `hors_plan`). */
    assessed: number;
    /** Activities in the reference plan; `null` without one. */
    reference: number | null;
    /** Reference activities assessed; `null` without a reference plan. */
    assessedInReference: number | null;
    /** Codes assessed (and counted) that the reference plan does not list. */
    notInReference: string[];
    /** Codes marked `hors_plan`: outside every figure. */
    horsPlan: string[];
    rate: number | null;
    band: Band | null;
    budget: Budget;
    findings: number;
    findingClusters: number;
    propositions: number;
    /** Activities, constats and propositions on which groups disagree. */
    conflicts: number;
  };
  axes: AxisFigures[];
  /** Axes of the new plan (those of the proposals). */
  planAxes: ReportAxis[];
  /** Cross-cutting findings, first of the findings: most groups first. */
  crossCutting: CrossCuttingFinding[];
  findings: AxisFindings[];
  unassessed: Unassessed[];
  carriedOver: CarriedOver[];
  /** Proposals that address a weakness, by axis of the new plan, then in consolidation order. */
  recommendations: Recommendation[];
  conflicts: ReportConflict[];
  /** What merging set aside without a conflict (listed in historique.csv). */
  history: { updates: number; replaced: number };
  weaknesses: {
    /** Weakness clusters (all axes). */
    total: number;
    addressed: number;
    /** Weakness clusters no proposal addresses; empty when there is no proposal. */
    unaddressed: FindingCluster[];
  };
  sources: {
    files: SourceFile[];
    groups: GroupSummary[];
    sessions: SessionSummary[];
    /** Every group and session the findings, proposals and conflicts cite, in order. */
    refs: SourceRef[];
    rows: Consolidation["summary"]["rows"];
    /** The reference plan file and its activities. */
    reference: { path: string; activities: number } | null;
  };
  quality: {
    errors: number;
    warnings: number;
    byCode: IssueCount[];
    /** Files with a rejected row or a problem. */
    byFile: { path: string; rows: number; rejected: number; errors: number; warnings: number }[];
    rejets: Rejet[];
  };
}

function axesOf(listed: Config["review"]["axes"], extra: readonly (string | null)[]): ReportAxis[] {
  const axes: ReportAxis[] = listed.map((a) => ({
    code: a.code,
    number: a.number,
    fr: a.fr,
    en: a.en,
  }));
  // An axis the configuration does not list (not possible once validated) still gets its rows.
  for (const code of extra) {
    if (code === null || axes.some((a) => a.code === code)) continue;
    axes.push({ code, number: axes.length + 1, fr: code, en: code });
  }
  return axes;
}

function emptyStatuses(): Record<StatusId, number> {
  return Object.fromEntries(STATUS_IDS.map((s) => [s, 0])) as Record<StatusId, number>;
}

function budgetOf(rows: readonly Consolidated<"bilan">[], execution: number | null): Budget {
  const b: Budget = { planned: 0, spent: 0, activities: 0, execution };
  for (const r of rows) {
    if (typeof r.budget_prevu !== "number" || typeof r.budget_execute !== "number") continue;
    b.planned += r.budget_prevu;
    b.spent += r.budget_execute;
    b.activities++;
  }
  return b;
}

/** Builds the report model; pure: the same consolidation gives the same model. */
export function buildReport(
  c: Consolidation,
  validation: Pick<ValidationResult, "files" | "references" | "resolutions">,
  config: Config,
  generated: Date,
): ReportModel {
  const { files } = validation;
  const unread = unreadFiles(files);
  const reference = referenceOf(validation.references[0]);
  const counted = c.bilan.filter((b) => b.hors_plan !== true);
  const axes = axesOf(config.review.axes, [
    ...c.bilan.map((b) => b.axe),
    ...c.constats.map((k) => k.axe),
  ]);
  const planAxes = axesOf(
    config.plan.axes,
    c.propositions.map((p) => p.axe),
  );
  // Stryker disable next-line StringLiteral: a consolidated assessment always has its activity code (its identity): the fallback only satisfies the type
  const assessedCodes = new Set(c.bilan.map((b) => identityText(String(b.code_activite ?? ""))));
  const inReference = (code: string) =>
    reference !== null &&
    [...reference.activities.keys()].some((k) => identityText(k) === identityText(code));
  const referenceCodes = reference ? [...reference.activities.keys()] : [];
  const rejectedCodes = codesOfRejected(files);
  const unassessed: Unassessed[] = c.non_evalues.map((code) => ({
    // Stryker disable next-line OptionalChaining,ObjectLiteral: the unassessed codes are the reference plan's own codes, so the plan is there and lists each
    ...(reference?.activities.get(code) ?? { code, axe: null, activite: null }),
    rejected: rejectedCodes.has(identityText(code)),
  }));

  const axisFigures = axes.map((axis): AxisFigures => {
    const rows = counted.filter((b) => b.axe === axis.code);
    const statuses = emptyStatuses();
    for (const r of rows) {
      if (r.statut !== null && r.statut in statuses) statuses[r.statut as StatusId]++;
    }
    const rate = c.indicateurs.taux_realisation.par_axe[axis.code] ?? null;
    const ofAxis = reference
      ? [...reference.activities.values()].filter((a) => a.axe === axis.code)
      : // Stryker disable next-line ArrayDeclaration: without a reference plan the list is never read
        [];
    return {
      axis,
      statuses,
      assessed: rows.filter((r) => scoreOf(r, config) !== null).length,
      inReference: reference ? ofAxis.length : null,
      unassessed: reference ? unassessed.filter((u) => u.axe === axis.code).length : null,
      rate,
      band: bandOf(rate, config),
      budget: budgetOf(rows, c.indicateurs.execution_budgetaire.par_axe[axis.code] ?? null),
    };
  });

  const found = findingClusters(c.constats);
  const links = weaknessLinks(c, found);
  const across = crossCuttingClusters(c.constats, found);
  const transversal = new Set(across.map((k) => k.id));
  const actionsOf = (parts: readonly number[]) => [
    // Stryker disable next-line ArrayDeclaration,OptionalChaining: every cluster has its links, every link is a proposal's index: the fallbacks only satisfy the types
    ...new Set(parts.flatMap((j) => links[j] ?? []).map((i) => String(c.propositions[i]?.action))),
  ];
  const clusters = rank(found.map((k, j) => ({ k, j }))).map(
    ({ k, j }): FindingCluster => ({
      ...k,
      addressedBy: actionsOf([j]),
      crossCutting: transversal.has(k.id),
    }),
  );
  const crossCutting = rankCrossCutting(across).map(
    ({ parts, axes: codes, ...k }): CrossCuttingFinding => ({
      ...k,
      axes: axes.filter((a) => codes.includes(a.code)),
      addressedBy: actionsOf(parts),
    }),
  );
  const findings = axes.map((axis): AxisFindings => {
    const types = Object.fromEntries(
      TYPE_ORDER.map((t) => [t, clusters.filter((k) => k.axe === axis.code && k.type === t)]),
    ) as Record<FindingType, FindingCluster[]>;
    return { axis, types };
  });
  const weak = clusters.filter((k) => k.type === "faiblesse");
  const recommendations = recommendationsOf(c, found, links, planAxes);

  const rate = c.indicateurs.taux_realisation.global;
  // One lookup table: a search per conflict was quadratic on large workshops.
  const bilanByCode = new Map(c.bilan.map((b) => [b.code_activite, b]));
  const titleOf = (code: string): string | null => {
    const row = bilanByCode.get(code);
    return text(row?.activite) ?? reference?.activities.get(code)?.activite ?? null;
  };

  const sources = sourcesOf(files, c, reference);
  return {
    title: {
      fr: config.title,
      en: config.title === DEFAULT_TITLE.fr ? DEFAULT_TITLE.en : config.title,
    },
    about: { ...config.workshop, dates: config.workshop.dates ?? datesOf(files) },
    review: { label: config.review.label, from: config.review.from, to: config.review.to },
    plan: { label: config.plan.label, from: config.plan.from, to: config.plan.to },
    generated: generated.toISOString(),
    currency: config.currency,
    weights: { ...config.weights },
    bands: { ...config.bands },
    received: {
      rowsRead: c.summary.rows.read,
      rowsAccepted: c.summary.rows.accepted,
      bilan: c.bilan.length,
      constats: c.constats.length,
      propositions: c.propositions.length,
      unread,
      reference: reference?.path ?? null,
      gaps: {
        bilan: gapsOf(files, unread, "bilan"),
        propositions: gapsOf(files, unread, "propositions"),
      },
    },
    key: {
      assessed: counted.filter((r) => scoreOf(r, config) !== null).length,
      reference: reference ? reference.activities.size : null,
      assessedInReference: reference
        ? referenceCodes.filter((code) => assessedCodes.has(identityText(code))).length
        : null,
      notInReference: reference
        ? counted.map((b) => String(b.code_activite)).filter((code) => !inReference(code))
        : [],
      horsPlan: c.bilan.filter((b) => b.hors_plan === true).map((b) => String(b.code_activite)),
      rate,
      band: bandOf(rate, config),
      budget: budgetOf(counted, c.indicateurs.execution_budgetaire.global),
      findings: c.constats.length,
      findingClusters: new Set(clusters.map((k) => k.id)).size,
      propositions: c.propositions.length,
      conflicts: c.summary.conflicts,
    },
    axes: axisFigures,
    planAxes,
    crossCutting,
    findings,
    unassessed,
    carriedOver: carriedOverOf(c, reference?.activities ?? new Map(), config),
    recommendations,
    conflicts: c.conflits.map((k) => ({
      ...k,
      activite: k.kind === "bilan" ? titleOf(k.key) : null,
    })),
    history: { updates: c.summary.updates, replaced: c.summary.rows.replaced },
    weaknesses: {
      total: weak.length,
      addressed: weak.filter((k) => k.addressedBy.length > 0).length,
      unaddressed: c.propositions.length > 0 ? weak.filter((k) => k.addressedBy.length === 0) : [],
    },
    sources,
    quality: qualityOf(
      [...validation.references.map((r) => r.report), ...files, ...validation.resolutions],
      c,
    ),
  };
}

/**
 * The proposals that address a weakness (by the links of `weaknessLinks`), each with the
 * weaknesses it addresses; by axis of the new plan, then in consolidation order.
 */
function recommendationsOf(
  c: Consolidation,
  clusters: readonly Cluster[],
  links: readonly number[][],
  planAxes: readonly ReportAxis[],
): Recommendation[] {
  const addresses = new Map<number, Recommendation["addresses"]>();
  links.forEach((by, j) => {
    const k = clusters[j];
    if (!k) return;
    // Stryker disable next-line OptionalChaining,StringLiteral: a cluster has at least one wording: the fallback only satisfies the type
    const weakness = { text: k.wordings[0]?.text ?? "", axe: k.axe };
    for (const i of by) {
      const list = addresses.get(i) ?? [];
      // Stryker disable next-line ArrowFunction: two weaknesses of one axis never share a headline (one axis, type and text make one row, one cluster): the check never finds one
      if (!list.some((w) => w.text === weakness.text && w.axe === weakness.axe))
        list.push(weakness);
      addresses.set(i, list);
    }
  });
  // The consolidation already lists proposals by axis of the new plan in this order (merge's
  // `orderPropositions`), and a proposal without axis addresses nothing: ordering by index alone
  // gives the same list, so mutants that only flatten this key change nothing.
  // Stryker disable next-line BlockStatement: the order is the consolidation's (above)
  const order = (axe: string | null) => {
    // Stryker disable next-line ArrowFunction,ConditionalExpression: the order is the consolidation's (above)
    const i = planAxes.findIndex((a) => a.code === axe);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: every proposal that addresses a weakness has an axis of planAxes
    return i === -1 ? planAxes.length : i;
  };
  return [...addresses.entries()]
    .sort(([a], [b]) => {
      const pa = c.propositions[a];
      const pb = c.propositions[b];
      // Stryker disable next-line OptionalChaining: both are indices of proposals
      return order(pa?.axe ?? null) - order(pb?.axe ?? null) || a - b;
    })
    .map(([i, list]) => {
      const p = c.propositions[i] as Consolidated<"propositions">;
      return {
        axe: p.axe,
        objectif: text(p.objectif),
        // Stryker disable next-line StringLiteral: the action is required, validation rejects a row without one: the fallback only satisfies the type
        action: text(p.action) ?? "",
        sources: p.sources,
        addresses: list,
      };
    });
}

/** Past this span, dates taken from the submissions hold a typo, not a workshop. */
const WORKSHOP_DAYS = 14;

/**
 * The first and last dates the submissions give (Identification sheets, or a Date column of the
 * accepted rows), when the configuration gives none; none when they span more than two weeks
 * (one `20/07/2032` would put a false span on the cover).
 */
function datesOf(files: readonly FileReport[]): { from: string; to: string } | null {
  const dates = files
    .flatMap((f) => [
      f.meta.date,
      ...f.tables.flatMap((t) => t.records.filter((r) => !r.rejected).map((r) => r.meta.date)),
    ])
    .filter((d): d is string => typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  const [from] = dates;
  const to = dates.at(-1);
  // Stryker disable next-line LogicalOperator: `from` and `to` are both there or both missing
  if (!from || !to) return null;
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return days <= WORKSHOP_DAYS ? { from, to } : null;
}

const sourceCount = (k: Pick<Cluster, "wordings">) =>
  k.wordings.reduce((n, w) => n + w.sources.length, 0);

/**
 * Clusters ranked by the groups that raised them (under their axis, then under any axis), then
 * their sources, then their place.
 */
function rank<T extends { k: Cluster }>(clusters: readonly T[]): T[] {
  // The sort is stable: ties keep the order they came in.
  return [...clusters].sort(
    (a, b) =>
      b.k.groups.length - a.k.groups.length ||
      b.k.allGroups.length - a.k.allGroups.length ||
      sourceCount(b.k) - sourceCount(a.k),
  );
}

/** Cross-cutting findings ranked by their groups, then axes, then sources, then place. */
function rankCrossCutting(clusters: readonly CrossCuttingCluster[]): CrossCuttingCluster[] {
  // The sort is stable: ties keep the order they came in.
  return [...clusters].sort(
    (a, b) =>
      b.groups.length - a.groups.length ||
      b.axes.length - a.axes.length ||
      sourceCount(b) - sourceCount(a),
  );
}

/** The reference plan's activities as the report lists them. */
function referenceOf(plan: ReferencePlan | undefined) {
  if (!plan) return null;
  const activities = new Map<string, UnassessedActivity>();
  for (const a of plan.activities) {
    const code = a.code_activite as string;
    activities.set(code, { code, axe: text(a.axe), activite: text(a.activite) });
  }
  return { path: plan.path, activities };
}

function carriedOverOf(
  c: Consolidation,
  reference: ReadonlyMap<string, UnassessedActivity>,
  config: Config,
): CarriedOver[] {
  const byCode = new Map<string, CarriedOver>();
  for (const p of c.propositions) {
    const code = text(p.code_activite_origine);
    if (code === null) continue;
    let entry = byCode.get(identityText(code));
    if (!entry) {
      const row = c.bilan.find(
        (b) => identityText(String(b.code_activite ?? "")) === identityText(code),
      );
      const ref = [...reference.values()].find((a) => identityText(a.code) === identityText(code));
      entry = {
        code,
        activite: text(row?.activite) ?? ref?.activite ?? null,
        assessment: row
          ? {
              axe: row.axe,
              statut: row.statut,
              taux_realisation: row.taux_realisation,
              score: scoreOf(row, config),
            }
          : null,
        inReference: ref !== undefined,
        proposals: [],
      };
      byCode.set(identityText(code), entry);
    }
    entry.proposals.push({
      axe: p.axe,
      action: text(p.action) ?? "",
      nature: p.nature,
      sources: p.sources,
    });
  }
  return [...byCode.values()].sort((a, b) => compareText(a.code, b.code));
}

/** The submissions whose rows of `kind` are not all in the results, unread ones first. */
function gapsOf(
  files: readonly FileReport[],
  unread: readonly string[],
  kind: "bilan" | "propositions",
): Gap[] {
  const none = new Set(unread);
  const lost: Gap[] = [];
  const partial: Gap[] = [];
  for (const f of files) {
    const groupOf = grouper(f);
    if (none.has(f.path)) {
      lost.push({ path: f.path, groupe: groupOf(), rejected: null });
      continue;
    }
    const records = f.tables
      .filter((t) => t.kind === kind)
      .flatMap((t) => t.records.filter((r) => r.rejected));
    // A rejected assessment whose activity code was read is said with that activity (see
    // `Unassessed.rejected`): only one whose code is unknown may hide an assessment.
    const said = (r: KeptRow) =>
      kind === "bilan" &&
      typeof r.values.code_activite === "string" &&
      r.values.code_activite !== "";
    const rejected =
      f.sheets.reduce((n, s) => n + (s.kind === kind ? s.rejected : 0), 0) -
      records.filter(said).length;
    if (rejected === 0) continue;
    const groups = new Set(records.filter((r) => !said(r)).map((r) => groupOf(r)));
    // Rows not kept by validation still count; they belong to the file's group.
    const [only = groupOf()] = groups;
    partial.push({ path: f.path, groupe: groups.size > 1 ? null : only, rejected });
  }
  const byPath = (a: Gap, b: Gap) => compareText(a.path, b.path);
  return [...lost.sort(byPath), ...partial.sort(byPath)];
}

function sourcesOf(
  files: readonly FileReport[],
  c: Consolidation,
  reference: ReturnType<typeof referenceOf>,
): ReportModel["sources"] {
  interface GroupEntry {
    sessions: Set<string>;
    files: Set<string>;
    rows: number;
    structures: Set<string>;
    rapporteurs: Set<string>;
    members: Map<string, Set<string>>;
  }
  const groups = new Map<string, GroupEntry>();
  const sessions = new Map<
    string | null,
    { groups: Set<string>; files: Set<string>; rows: number }
  >();
  const out: SourceFile[] = [];
  for (const f of files) {
    const groupOf = grouper(f);
    const fileGroups = new Set<string>();
    const fileSessions = new Set<string | null>();
    const note = (
      groupe: string,
      session: string | null,
      rows: number,
      own: Record<string, string>,
    ) => {
      fileGroups.add(groupe);
      fileSessions.add(session);
      const g = groups.get(groupe) ?? {
        sessions: new Set(),
        files: new Set(),
        rows: 0,
        structures: new Set(),
        rapporteurs: new Set(),
        members: new Map(),
      };
      if (session !== null) g.sessions.add(session);
      g.files.add(f.path);
      g.rows += rows;
      // A row's own column first, then its file's Identification sheet.
      const structure = own.structure ?? f.meta.structure;
      const rapporteur = own.rapporteur ?? f.meta.rapporteur;
      const membres = own.membres ?? f.meta.membres;
      if (structure) g.structures.add(structure);
      if (rapporteur) g.rapporteurs.add(rapporteur);
      if (membres) {
        const said = g.members.get(membres) ?? new Set();
        if (session !== null) said.add(session);
        g.members.set(membres, said);
      }
      groups.set(groupe, g);
      const s = sessions.get(session) ?? { groups: new Set(), files: new Set(), rows: 0 };
      s.groups.add(groupe);
      s.files.add(f.path);
      s.rows += rows;
      sessions.set(session, s);
    };
    for (const { records } of f.tables) {
      for (const r of records) {
        note(groupOf(r), r.meta.session ?? f.meta.session ?? null, 1, r.meta);
      }
    }
    if (fileGroups.size === 0) note(groupOf(), f.meta.session ?? null, 0, f.meta);
    const sum = (k: "rows" | "accepted" | "rejected") => f.sheets.reduce((n, s) => n + s[k], 0);
    const { errors, warnings } = countBySeverity(f.issues);
    out.push({
      path: f.path,
      format: f.format,
      groupes: [...fileGroups].sort(compareText),
      sessions: [...fileSessions].filter((s): s is string => s !== null).sort(compareText),
      structure: f.meta.structure ?? null,
      kinds: [
        ...new Set(
          f.sheets.map((s) => s.kind).filter((k): k is NonNullable<typeof k> => k !== null),
        ),
      ],
      rows: sum("rows"),
      accepted: sum("accepted"),
      rejected: sum("rejected"),
      errors,
      warnings,
    });
  }
  out.sort((a, b) => compareText(a.path, b.path));
  const names = [...groups.keys()].sort(compareText);
  const codes = groupCodes(names);
  const sorted = (set: Set<string>) => [...set].sort(compareText);
  return {
    files: out,
    groups: names.map((name) => {
      const g = groups.get(name) as GroupEntry;
      return {
        name,
        code: codes.get(groupKey(name)) ?? name,
        sessions: sorted(g.sessions),
        files: g.files.size,
        rows: g.rows,
        structures: sorted(g.structures),
        rapporteurs: sorted(g.rapporteurs),
        members: [...g.members].map(([text, sessions]) => ({ text, sessions: sorted(sessions) })),
      };
    }),
    refs: refsOf(c, codes),
    sessions: [...sessions.entries()]
      .map(([name, s]) => ({
        name,
        groups: [...s.groups].sort(compareText),
        files: s.files.size,
        rows: s.rows,
      }))
      .sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : compareText(a.name, b.name))),
    rows: { ...c.summary.rows },
    reference: reference ? { path: reference.path, activities: reference.activities.size } : null,
  };
}

/** Words a code leaves out: `Atelier de Ségou` → `AS`. */
const SMALL_WORDS = new Set([
  "de",
  "du",
  "des",
  "d",
  "la",
  "le",
  "les",
  "l",
  "et",
  "en",
  "of",
  "the",
  "and",
]);

/** The initials of a name's significant words, upper case, at most four: `Protection` → `P`. */
function initials(folded: string): string {
  const words = withoutMarks(folded)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "" && !SMALL_WORDS.has(w));
  return words
    .slice(0, 4)
    .map((w) => w[0] ?? "")
    .join("")
    .toUpperCase();
}

/** Codes made unique in order: a second `GP` is `GP2`. */
function uniquely(codes: readonly string[]): string[] {
  const taken = new Set<string>();
  return codes.map((code) => {
    let out = code;
    for (let n = 2; taken.has(out); n++) out = `${code}${n}`;
    taken.add(out);
    return out;
  });
}

/**
 * Each group's code, keyed by `groupKey`: `G` and its number when its name has one (`Groupe 3`,
 * `GT 3` → `G3`), else `G` and the initials of its name (`Groupe A` → `GA`, `Protection` →
 * `GP`): never a number that could be read as another group's.
 */
function groupCodes(names: readonly string[]): Map<string, string> {
  const keys = [...new Set(names.map(groupKey))];
  const codes = keys.map((k) =>
    /^\d+$/.test(k) ? `G${k}` : `G${initials(k.replace(/^(?:groupe?|gt|g)\s+/, "")) || "X"}`,
  );
  const unique = uniquely(codes);
  // Stryker disable next-line StringLiteral: `uniquely` gives a code for each key
  return new Map(keys.map((k, i) => [k, unique[i] ?? ""]));
}

/**
 * Each session's code, keyed by `sessionKey`, the same whatever the group: `J` and its number
 * for a numbered one (`J1`, `Jour 2`), else as typed when short (`Kayes`), else `S` and its rank
 * among those (`Atelier de Ségou`, `18-07-2023` → `S1`, `S2`), which the annex lists.
 */
function sessionCodes(sessions: readonly string[]): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const s of [...sessions].sort(compareText)) {
    if (!byKey.has(sessionKey(s))) byKey.set(sessionKey(s), s);
  }
  let rank = 0;
  const codes = [...byKey].map(([key, session]) => {
    if (key.startsWith("#")) return `J${key.slice(1)}`;
    const bare = session.replace(/\s+/g, "");
    return bare.length <= 6 ? bare : `S${++rank}`;
  });
  const unique = uniquely(codes);
  // Stryker disable next-line StringLiteral: `uniquely` gives a code for each key
  return new Map([...byKey.keys()].map((key, i) => [key, unique[i] ?? ""]));
}

/** What a reference stands for: a group and a session, as merging compares them. */
export function refKey(groupe: string | null, session: string | null): string {
  return `${groupKey(groupe ?? "")}\u0000${session === null ? "" : sessionKey(session)}`;
}

/** The references of every row the report cites, with their files; by group, then session. */
function refsOf(c: Consolidation, codes: ReadonlyMap<string, string>): SourceRef[] {
  const byKey = new Map<string, SourceRef & { code: string }>();
  const add = (s: Source) => {
    const key = refKey(s.groupe, s.session);
    let entry = byKey.get(key);
    if (!entry) {
      const groupe = s.groupe ?? "";
      const code = codes.get(groupKey(groupe)) ?? "G";
      entry = { ref: code, code, groupe, session: s.session, files: [] };
      byKey.set(key, entry);
    }
    if (!entry.files.includes(s.file)) entry.files.push(s.file);
  };
  for (const rows of [c.bilan, c.constats, c.propositions]) {
    for (const r of rows) r.sources.forEach(add);
  }
  for (const k of c.conflits) for (const v of k.versions) add(v.source);
  const refs = [...byKey.values()].sort(
    (a, b) =>
      compareText(a.code, b.code) ||
      (a.session === null ? 1 : b.session === null ? -1 : compareText(a.session, b.session)),
  );
  const sessions = sessionCodes(refs.flatMap((r) => (r.session === null ? [] : [r.session])));
  return refs.map(({ code, ...r }) => ({
    ...r,
    ref: r.session === null ? code : `${code}-${sessions.get(sessionKey(r.session)) ?? ""}`,
    files: r.files.sort(compareText),
  }));
}

function qualityOf(files: readonly FileReport[], c: Consolidation): ReportModel["quality"] {
  const counts = new Map<IssueCode, IssueCount>();
  // Notes (`info`) say how a file was read: nothing to correct, not a problem.
  const all = files.flatMap((f) => f.issues).filter((i) => i.severity !== "info");
  for (const i of all) {
    const entry = counts.get(i.code) ?? {
      code: i.code,
      severity: i.severity,
      problems: 0,
      rejectedRows: 0,
    };
    entry.problems++;
    counts.set(i.code, entry);
  }
  for (const r of c.rejets) {
    for (const code of new Set(r.problems.map((p) => p.code))) {
      const entry = counts.get(code);
      if (entry) entry.rejectedRows++;
    }
  }
  const byFile = files
    .map((f) => ({
      path: f.path,
      rows: f.sheets.reduce((n, s) => n + s.rows, 0),
      rejected: f.sheets.reduce((n, s) => n + s.rejected, 0),
      ...countBySeverity(f.issues),
    }))
    .filter((f) => f.rejected > 0 || f.errors > 0 || f.warnings > 0)
    .sort((a, b) => b.rejected - a.rejected || b.errors - a.errors || compareText(a.path, b.path));
  return {
    errors: c.summary.errors,
    warnings: c.summary.warnings,
    byCode: [...counts.values()].sort(
      (a, b) =>
        b.rejectedRows - a.rejectedRows || b.problems - a.problems || compareText(a.code, b.code),
    ),
    byFile,
    rejets: c.rejets,
  };
}

/**
 * Submissions that gave nothing: an error, and not one row read (a file that cannot be opened,
 * a format refused, a sheet with no recognisable header). Their absence is said everywhere a
 * figure could be read as complete.
 */
export function unreadFiles(files: readonly FileReport[]): string[] {
  return files
    .filter(
      (f) => f.sheets.every((s) => s.rows === 0) && f.issues.some((i) => i.severity === "error"),
    )
    .map((f) => f.path);
}

/**
 * The activity codes of the rejected assessment rows (folded as identities compare them): a plan
 * activity among them that no accepted row assessed was assessed, and that assessment set aside.
 * A code that could not be read is taken as typed.
 */
export function codesOfRejected(files: readonly FileReport[]): Set<string> {
  const codes = new Set<string>();
  for (const f of files) {
    for (const t of f.tables) {
      if (t.kind !== "bilan") continue;
      const header = t.columns.code_activite?.header;
      for (const r of t.records) {
        if (!r.rejected) continue;
        const code = r.values.code_activite ?? (header ? r.raw?.[header] : undefined);
        if (typeof code === "string" && code.trim() !== "") codes.add(identityText(code.trim()));
      }
    }
  }
  return codes;
}

/** The plan activities no accepted row assessed: those nobody assessed, those only rejected. */
export function unassessedSplit(
  codes: readonly string[],
  files: readonly FileReport[],
): { none: string[]; rejected: string[] } {
  const rejected = codesOfRejected(files);
  return {
    none: codes.filter((c) => !rejected.has(identityText(c))),
    rejected: codes.filter((c) => rejected.has(identityText(c))),
  };
}
