import { posix } from "node:path";
import type { Config } from "../config.js";
import {
  bilanFields,
  type FieldSpec,
  KINDS,
  type Kind,
  type Row,
  type STATUTS,
} from "../fields.js";
import { countBySeverity, type Issue, issue, type Location } from "../issues.js";
import { contextFor, headerKey } from "../normalize/index.js";
import { cellText, parseCell } from "../normalize/values.js";
import { readCsv } from "../read/csv.js";
import { type Cell, columnLetter, type RawRow } from "../read/types.js";
import { distance, fold, identityText, naturalCompare } from "../text.js";
import type { FileReport, KeptRow } from "../validate/index.js";
import { isRejected, type ReferencePlan } from "../validate/rules.js";
import { computeIndicators } from "./indicators.js";

/**
 * Merging: accepted rows of every file become one consolidated data set that keeps the source of
 * every row; identical rows fold together, disagreeing assessments become conflicts, similar
 * findings and proposals share a cluster id.
 *
 * Rules where the specification is silent:
 * - Identity texts are compared once case, spacing (also before `; : ! ?` and inside « »),
 *   typographic quotes and apostrophes are folded; accents stay significant, as §6 lists only
 *   those foldings. A variant typed without accents is a separate row in the same cluster, so
 *   the "cited by N groups" count still sees it.
 * - Source order: sessions (config order, else natural sort; a row without session comes before
 *   every named session, so an undated row never overrides a dated one), then file path
 *   (natural sort), then sheet order in the file, then row.
 * - Within the latest session, disagreeing values keep the least flattering assessment: the more
 *   conservative status, the lower rate, the lower spent budget and the higher planned budget
 *   (so that budget execution is never overstated).
 * - When the status is in conflict, the rate follows it: it is taken from the sources that gave
 *   the chosen status, when any of them gave a rate (`follows: "statut"`).
 * - Every constat and proposition gets a cluster id, singletons included; numbering runs over
 *   constats then propositions, in output order, so ids are unique in the consolidation.
 */

/** Where a consolidated row came from. */
export interface Source {
  /** Path relative to the workshop folder, with `/`. */
  file: string;
  sheet: string | null;
  /** Row as the spreadsheet numbers it. */
  row: number;
  groupe: string | null;
  session: string | null;
}

/** A consolidated row: the field values, its sources, and for findings and proposals its cluster. */
export type Consolidated<K extends Kind> = Row<K> & {
  sources: Source[];
  /** Near-duplicate group (`c1`, `c2`…): same axis, similar wording. */
  cluster?: string;
};

/**
 * How a conflict was settled: `latest-session` (the latest session that gave a value agrees),
 * `conservative-status` / `conservative-value` (the latest session disagrees with itself: the
 * more conservative status, the lower rate or spent budget, the higher planned budget),
 * `resolution` (the rapporteur decided in `resolutions.csv`).
 */
export type ConflictRule =
  | "latest-session"
  | "conservative-status"
  | "conservative-value"
  | "resolution";

export interface Conflict {
  kind: "bilan";
  /** The activity code. */
  key: string;
  field: string;
  chosen: unknown;
  rule: ConflictRule;
  versions: { value: unknown; source: Source }[];
  /** The rate was taken among the sources that gave the chosen status. */
  follows?: "statut";
  /** The rapporteur's reason, for `resolution`. */
  motif?: string;
}

/** A rejected row: nothing is lost, its values as read and every reason are kept. */
export interface Rejet {
  file: string;
  sheet: string | null;
  row: number;
  kind: Kind | null;
  values: Record<string, string>;
  problems: Issue[];
}

/** Implementation rate and budget execution, overall and per axis (fractions, 0.61 = 61 %). */
export interface Indicators {
  taux_realisation: { global: number | null; par_axe: Record<string, number | null> };
  execution_budgetaire: { global: number | null; par_axe: Record<string, number | null> };
}

/** Everything compile writes; `consolidation.json` is this object (plus the summary). */
export interface Consolidation {
  summary: {
    files: number;
    rows: { read: number; accepted: number; rejected: number; duplicates: number };
    conflicts: number;
    errors: number;
    warnings: number;
  };
  bilan: Consolidated<"bilan">[];
  constats: Consolidated<"constats">[];
  propositions: Consolidated<"propositions">[];
  rejets: Rejet[];
  conflits: Conflict[];
  /** Reference activities that no accepted bilan row assessed, in plan order. */
  non_evalues: string[];
  indicateurs: Indicators;
  /** Problems found while merging (unused resolutions) and those passed in `options.issues`. */
  issues: Issue[];
}

/** Bilan fields whose disagreement is a conflict; other fields keep the latest value. */
export const CONFLICT_FIELDS = [
  "statut",
  "taux_realisation",
  "budget_prevu",
  "budget_execute",
] as const;
export type ConflictField = (typeof CONFLICT_FIELDS)[number];

/** A decision of the rapporteur, read from `resolutions.csv`. */
export interface Resolution {
  /** Activity code, read like any activity code. */
  key: string;
  field: ConflictField;
  /** Typed like the field (`realise`, 75, 1500000). */
  value: string | number;
  motif: string | null;
  /** Where it is written (file, row, key column): unused resolutions are reported there. */
  at: Location;
}

export interface MergeOptions {
  reference?: ReferencePlan;
  /** Reference codes in plan order; without it `non_evalues` is in natural order. */
  order?: readonly string[];
  resolutions?: readonly Resolution[];
  /** Problems found outside the submissions (e.g. `readResolutions`): counted in the summary. */
  issues?: readonly Issue[];
}

// --- comparison helpers ------------------------------------------------------------------------

function identityOf(v: unknown): string {
  if (typeof v === "string") return identityText(v);
  return v === null || v === undefined ? "" : JSON.stringify(v);
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string") return v.trim() === "";
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.keys(v).length === 0;
  return false;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return identityText(a) === identityText(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Natural order, then code points: a total order, so output never depends on input order. */
function compareText(a: string, b: string): number {
  return naturalCompare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function sessionComparator(config: Config) {
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

// --- entries -----------------------------------------------------------------------------------

/** One accepted row with its provenance and its place in source order. */
interface Entry {
  kind: Kind;
  values: Record<string, unknown>;
  source: Source;
  tableIndex: number;
}

function sourceOf(record: KeptRow, file: FileReport): Source {
  const meta = (id: string) => record.meta[id] ?? file.meta[id] ?? null;
  return {
    file: record.file,
    sheet: record.sheet ?? null,
    row: record.row,
    groupe: meta("groupe") ?? posix.basename(record.file, posix.extname(record.file)),
    session: meta("session"),
  };
}

function isSubmissionKind(kind: string): kind is Kind {
  return kind in KINDS;
}

// --- merge -------------------------------------------------------------------------------------

/**
 * Consolidates validated files: accounting, rejected rows, folded constats and propositions,
 * bilan rows with their conflicts, clusters, unassessed activities and indicators. Pure and
 * deterministic: the order of `files` does not matter.
 */
export function mergeSubmissions(
  files: readonly FileReport[],
  config: Config,
  options: MergeOptions = {},
): Consolidation {
  const compareSession = sessionComparator(config);
  const sorted = [...files].sort((a, b) => compareText(a.path, b.path));
  const rows = { read: 0, accepted: 0, rejected: 0, duplicates: 0 };
  const rejected: { rejet: Rejet; tableIndex: number }[] = [];
  const entries: Entry[] = [];
  let submissionFiles = 0;
  let errors = 0;
  let warnings = 0;
  for (const file of sorted) {
    const counts = countBySeverity(file.issues);
    errors += counts.errors;
    warnings += counts.warnings;
    // The reference plan is a check, not a submission: its file and rows are not counted.
    const referenceOnly =
      file.tables.length > 0 && file.tables.every((t) => t.table.kind === "reference");
    if (!referenceOnly) submissionFiles++;
    file.tables.forEach(({ table, records }, tableIndex) => {
      const kind = table.kind;
      if (!isSubmissionKind(kind)) return;
      for (const record of records) {
        rows.read++;
        if (isRejected(record, table)) {
          rows.rejected++;
          const rejet: Rejet = {
            file: record.file,
            sheet: record.sheet ?? null,
            row: record.row,
            kind,
            values: { ...record.raw },
            problems: [...record.issues, ...table.fatal],
          };
          rejected.push({ rejet, tableIndex });
          continue;
        }
        rows.accepted++;
        entries.push({ kind, values: record.values, source: sourceOf(record, file), tableIndex });
      }
    });
  }
  entries.sort(
    (a, b) =>
      compareSession(a.source.session, b.source.session) ||
      compareText(a.source.file, b.source.file) ||
      a.tableIndex - b.tableIndex ||
      a.source.row - b.source.row,
  );

  const ofKind = (kind: Kind) => entries.filter((e) => e.kind === kind);
  const bilanGroups = groupBy(ofKind("bilan"), (v) => identityOf(v.code_activite));
  const constatGroups = groupBy(ofKind("constats"), (v) =>
    [v.axe, v.type, v.constat].map(identityOf).join("\u0000"),
  );
  const propositionGroups = groupBy(ofKind("propositions"), (v) =>
    [v.axe, v.objectif, v.action].map(identityOf).join("\u0000"),
  );
  for (const group of [...bilanGroups, ...constatGroups, ...propositionGroups]) {
    rows.duplicates += countDuplicates(group);
  }

  const resolutions = indexResolutions(options.resolutions ?? []);
  const conflits: Conflict[] = [];
  const bilan = bilanGroups
    .map((group) => mergeBilan(group, compareSession, resolutions, conflits))
    .sort((a, b) => compareText(String(a.code_activite ?? ""), String(b.code_activite ?? "")));
  conflits.sort(
    (a, b) =>
      compareText(a.key, b.key) ||
      CONFLICT_FIELDS.indexOf(a.field as ConflictField) -
        CONFLICT_FIELDS.indexOf(b.field as ConflictField),
  );

  const issues: Issue[] = [...(options.issues ?? [])];
  for (const r of resolutions.values()) {
    if (r.used) continue;
    issues.push(
      issue("unused-resolution", r.resolution.at, {
        field: r.resolution.field,
        value: r.resolution.key,
        params: { key: r.resolution.key, label: labelOf(r.resolution.field) },
      }),
    );
  }
  const extra = countBySeverity(issues);

  const counter = { next: 1 };
  const constats = orderConstats(
    constatGroups.map((g) => foldGroup("constats", g)),
    config,
  );
  numberClusters(constats, counter);
  const propositions = orderPropositions(
    propositionGroups.map((g) => foldGroup("propositions", g)),
    config,
  );
  numberClusters(propositions, counter);

  const rejets = rejected
    .sort(
      (a, b) =>
        compareText(a.rejet.file, b.rejet.file) ||
        a.tableIndex - b.tableIndex ||
        a.rejet.row - b.rejet.row,
    )
    .map((r) => r.rejet);

  return {
    summary: {
      files: submissionFiles,
      rows,
      conflicts: conflits.length,
      errors: errors + extra.errors,
      warnings: warnings + extra.warnings,
    },
    bilan,
    constats: constats.map((c) => c.row),
    propositions: propositions.map((p) => p.row),
    rejets,
    conflits,
    non_evalues: unassessed(bilan, options),
    indicateurs: computeIndicators(bilan, config),
    issues,
  };
}

/** Entries grouped by identity, groups in order of first appearance, members in source order. */
function groupBy(entries: Entry[], keyOf: (values: Record<string, unknown>) => string): Entry[][] {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    const key = keyOf(e.values);
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()];
}

/** Rows that add no differing value to an earlier row of their group: identical submissions. */
function countDuplicates(group: Entry[]): number {
  let n = 0;
  group.forEach((e, i) => {
    const fields = KINDS[e.kind];
    const identical = group.slice(0, i).some((earlier) =>
      fields.every((f) => {
        const a = earlier.values[f.id];
        const b = e.values[f.id];
        return isEmpty(a) || isEmpty(b) || sameValue(a, b);
      }),
    );
    if (identical) n++;
  });
  return n;
}

/** Constats and propositions: each field keeps its first non-empty value in source order. */
function foldGroup<K extends "constats" | "propositions">(kind: K, group: Entry[]) {
  const row: Record<string, unknown> = {};
  for (const f of KINDS[kind] as readonly FieldSpec[]) {
    const first = group.find((e) => !isEmpty(e.values[f.id]));
    row[f.id] = first ? first.values[f.id] : null;
  }
  row.sources = group.map((e) => e.source);
  return row as Consolidated<K>;
}

// --- bilan and conflicts -----------------------------------------------------------------------

/** Statuses, most conservative first: the order `conservative-status` follows. */
export const STATUS_ORDER: readonly string[] = [
  "abandonne",
  "non_realise",
  "en_cours",
  "partiel",
  "realise",
] satisfies (typeof STATUTS)[number]["id"][];

interface Version {
  value: unknown;
  source: Source;
  values: Record<string, unknown>;
}

interface Decision {
  value: unknown;
  rule: ConflictRule;
}

type CompareSession = (a: string | null, b: string | null) => number;

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
    const rank = (v: unknown) => STATUS_ORDER.indexOf(String(v));
    const value = values.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    return { value, rule: "conservative-status" } satisfies Decision;
  }
  const numbers = values.map(Number);
  // A higher planned budget is the conservative reading: execution is never overstated.
  const value = field === "budget_prevu" ? Math.max(...numbers) : Math.min(...numbers);
  return { value, rule: "conservative-value" } satisfies Decision;
}

interface ResolutionUse {
  resolution: Resolution;
  used: boolean;
}

function resolutionKey(key: string, field: string): string {
  return `${identityText(key)}\u0000${field}`;
}

/** Resolutions by key and field; the last one written for a pair applies. */
function indexResolutions(list: readonly Resolution[]): Map<string, ResolutionUse> {
  const index = new Map<string, ResolutionUse>();
  for (const resolution of list) {
    index.set(resolutionKey(resolution.key, resolution.field), { resolution, used: false });
  }
  return index;
}

function mergeBilan(
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

function labelOf(field: string): string {
  return bilanFields.find((f) => f.id === field)?.fr ?? field;
}

/** Reference codes nobody assessed: plan order when given, else natural order. */
function unassessed(bilan: Consolidated<"bilan">[], options: MergeOptions): string[] {
  const assessed = new Set(bilan.map((b) => identityOf(b.code_activite)));
  const reference = options.reference;
  const codes = options.order
    ? options.order.filter((c) => !reference || reference.has(c))
    : [...(reference?.keys() ?? [])].sort(compareText);
  return [...new Set(codes)].filter((c) => !assessed.has(identityText(c)));
}

// --- ordering and clusters ---------------------------------------------------------------------

const TYPE_ORDER = ["force", "faiblesse", "opportunite", "menace"];

function rankIn(list: readonly string[], value: unknown): number {
  const i = list.indexOf(String(value));
  return i < 0 ? list.length : i;
}

interface Placed<K extends "constats" | "propositions"> {
  row: Consolidated<K>;
  /** Union-find representative of the row's cluster, inside this kind. */
  group: number;
}

/** Constats by axis, type, cluster (clusters ordered by their smallest wording), then wording. */
function orderConstats(rows: Consolidated<"constats">[], config: Config): Placed<"constats">[] {
  const axes = config.review.axes.map((a) => a.code);
  const blockOf = (r: Consolidated<"constats">) => `${r.axe}\u0000${r.type}`;
  const groups = clusterGroups(rows, blockOf, (r) => String(r.constat ?? ""));
  const minText = new Map<number, string>();
  rows.forEach((r, i) => {
    const g = groups[i] as number;
    const t = String(r.constat ?? "");
    const seen = minText.get(g);
    if (seen === undefined || compareText(t, seen) < 0) minText.set(g, t);
  });
  return rows
    .map((row, i) => ({ row, group: groups[i] as number }))
    .sort(
      (a, b) =>
        rankIn(axes, a.row.axe) - rankIn(axes, b.row.axe) ||
        compareText(String(a.row.axe), String(b.row.axe)) ||
        rankIn(TYPE_ORDER, a.row.type) - rankIn(TYPE_ORDER, b.row.type) ||
        compareText(minText.get(a.group) ?? "", minText.get(b.group) ?? "") ||
        compareText(String(a.row.constat ?? ""), String(b.row.constat ?? "")),
    );
}

/** Propositions by axis (plan order), objective, action; clusters are on the action wording. */
function orderPropositions(
  rows: Consolidated<"propositions">[],
  config: Config,
): Placed<"propositions">[] {
  const axes = config.plan.axes.map((a) => a.code);
  const groups = clusterGroups(
    rows,
    (r) => String(r.axe),
    (r) => String(r.action ?? ""),
  );
  return rows
    .map((row, i) => ({ row, group: groups[i] as number }))
    .sort(
      (a, b) =>
        rankIn(axes, a.row.axe) - rankIn(axes, b.row.axe) ||
        compareText(String(a.row.axe), String(b.row.axe)) ||
        compareText(String(a.row.objectif ?? ""), String(b.row.objectif ?? "")) ||
        compareText(String(a.row.action ?? ""), String(b.row.action ?? "")),
    );
}

/** Cluster ids `c1`, `c2`… in order of first appearance; `counter` carries on across kinds. */
function numberClusters<K extends "constats" | "propositions">(
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
 * Single-linkage clusters inside each block (same axis, and same type for constats): pairs are
 * only compared within a block, so the cost is quadratic in the block, not in the data set.
 * Returns, for each row, the index of its cluster's representative.
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

// --- resolutions.csv ---------------------------------------------------------------------------

const RESOLUTION_HEADERS = {
  key: ["Code activité", "code_activite", "key", "Code", "Clé", "Activity code"],
  field: ["Champ", "field", "Colonne", "Donnée"],
  value: ["Valeur", "value", "Valeur retenue", "Décision"],
  motif: ["Motif", "reason", "Justification", "Commentaire", "Observations", "Raison"],
} as const;
type ResolutionColumn = keyof typeof RESOLUTION_HEADERS;

const RESOLUTION_LABELS: Record<ResolutionColumn, string> = {
  key: "Code activité",
  field: "Champ",
  value: "Valeur",
  motif: "Motif",
};

const CONFLICT_SPECS: readonly FieldSpec[] = bilanFields.filter((f) =>
  (CONFLICT_FIELDS as readonly string[]).includes(f.id),
);
const CODE_SPEC = bilanFields.find((f) => f.id === "code_activite") as FieldSpec;

function conflictFieldOf(text: string): FieldSpec | undefined {
  const key = headerKey(text);
  return CONFLICT_SPECS.find((f) =>
    [f.id, f.fr, f.en, ...f.aliases].some((l) => headerKey(l) === key),
  );
}

interface ResolutionHeader {
  row: RawRow;
  columns: Partial<Record<ResolutionColumn, { index: number; letter: string; header: string }>>;
}

function findResolutionHeader(rows: readonly RawRow[]): ResolutionHeader | undefined {
  let best: ResolutionHeader | undefined;
  let bestCount = 1;
  for (const row of rows.slice(0, 20)) {
    const columns: ResolutionHeader["columns"] = {};
    row.cells.forEach((cell, index) => {
      const header = cellText(cell).trim();
      const key = headerKey(header);
      for (const [role, labels] of Object.entries(RESOLUTION_HEADERS)) {
        const r = role as ResolutionColumn;
        if (columns[r] || !labels.some((l) => headerKey(l) === key)) continue;
        columns[r] = { index, letter: columnLetter(index), header };
        break;
      }
    });
    const count = Object.keys(columns).length;
    if (count > bestCount) {
      best = { row, columns };
      bestCount = count;
    }
    if (columns.key && columns.field && columns.value) return { row, columns };
  }
  return best;
}

/**
 * Reads `resolutions.csv`: one decision per row (`Code activité`, `Champ`, `Valeur`, `Motif`),
 * values typed as people type them. Bad rows become located issues and are left out; when a
 * key and field appear twice, the later row applies (with a warning).
 */
export function readResolutions(
  data: Buffer,
  path: string,
  config: Config,
): { resolutions: Resolution[]; issues: Issue[] } {
  const raw = readCsv(data, path);
  const issues: Issue[] = [...raw.issues];
  const rows = raw.sheets[0]?.rows ?? [];
  if (rows.length === 0) return { resolutions: [], issues };
  const header = findResolutionHeader(rows);
  if (!header) {
    issues.push(
      issue(
        "header-not-found",
        { file: path },
        {
          params: { scanned: 20, example: "Code activité ; Champ ; Valeur ; Motif" },
        },
      ),
    );
    return { resolutions: [], issues };
  }
  const missing = (["key", "field", "value"] as const).filter((r) => !header.columns[r]);
  for (const r of missing) {
    issues.push(
      issue(
        "missing-column",
        { file: path, row: header.row.row },
        {
          params: { label: RESOLUTION_LABELS[r] },
        },
      ),
    );
  }
  if (missing.length > 0) return { resolutions: [], issues };
  const { field: fieldCol, value: valueCol, motif: motifCol } = header.columns;
  const keyCol = header.columns.key;
  if (!keyCol || !fieldCol || !valueCol) return { resolutions: [], issues };
  const ctx = contextFor("bilan", config);
  const byPair = new Map<string, number>();
  const resolutions: Resolution[] = [];
  for (const row of rows.slice(rows.indexOf(header.row) + 1)) {
    const at = (col: { letter: string; header: string }): Location => ({
      file: path,
      row: row.row,
      column: col.letter,
      header: col.header,
    });
    const cellAt = (col: { index: number }): Cell | undefined => row.cells[col.index];
    const shown = (col: { index: number }) => cellText(cellAt(col)).trim();
    const before = issues.length;
    const key = parseCell(cellAt(keyCol), CODE_SPEC, ctx);
    if (key.problem) {
      issues.push(
        issue(key.problem.code, at(keyCol), {
          field: "code_activite",
          value: shown(keyCol),
          params: { label: RESOLUTION_LABELS.key, ...key.problem.params },
        }),
      );
    } else if (key.value === null) {
      issues.push(issue("missing-value", at(keyCol), { params: { label: RESOLUTION_LABELS.key } }));
    }
    const fieldText = shown(fieldCol);
    const spec = fieldText === "" ? undefined : conflictFieldOf(fieldText);
    if (fieldText === "") {
      issues.push(
        issue("missing-value", at(fieldCol), { params: { label: RESOLUTION_LABELS.field } }),
      );
    } else if (!spec) {
      issues.push(
        issue("invalid-resolution", at(fieldCol), {
          value: fieldText,
          params: { allowed: CONFLICT_SPECS.map((f) => f.fr).join(", ") },
        }),
      );
    }
    let value: unknown = null;
    if (spec) {
      const parsed = parseCell(cellAt(valueCol), spec, ctx);
      const where = at(valueCol);
      const extra = { field: spec.id, value: shown(valueCol) };
      if (parsed.problem) {
        issues.push(
          issue(parsed.problem.code, where, {
            ...extra,
            params: { label: spec.fr, ...parsed.problem.params },
          }),
        );
      } else if (parsed.value === null) {
        issues.push(issue("missing-value", where, { field: spec.id, params: { label: spec.fr } }));
      } else if (
        typeof parsed.value === "number" &&
        ((spec.min !== undefined && parsed.value < spec.min) ||
          (spec.max !== undefined && parsed.value > spec.max))
      ) {
        const range =
          spec.max !== undefined ? `${spec.min ?? 0} à ${spec.max}` : `≥ ${spec.min ?? 0}`;
        issues.push(
          issue("out-of-range", where, {
            ...extra,
            params: { label: spec.fr, value: parsed.value, range },
          }),
        );
      } else {
        value = parsed.value;
      }
    }
    if (issues.length > before || !spec || typeof key.value !== "string" || value === null)
      continue;
    const pair = resolutionKey(key.value, spec.id);
    const first = byPair.get(pair);
    if (first !== undefined) {
      issues.push(
        issue("duplicate-resolution", at(keyCol), {
          field: spec.id,
          value: key.value,
          params: { key: key.value, label: spec.fr, first },
        }),
      );
    }
    byPair.set(pair, row.row);
    const motif = motifCol ? shown(motifCol) : "";
    resolutions.push({
      key: key.value,
      field: spec.id as ConflictField,
      value: value as string | number,
      motif: motif === "" ? null : motif,
      at: at(keyCol),
    });
  }
  return { resolutions, issues };
}
