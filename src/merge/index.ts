import type { Config } from "../config.js";
import {
  type FieldSpec,
  findField,
  isEmpty,
  isSubmissionKind,
  KIND_NAMES,
  KINDS,
  type Kind,
} from "../fields.js";
import { countBySeverity, type Issue, issue, labelParams } from "../issues.js";
import type {
  Conflict,
  Consolidated,
  Consolidation,
  FileReport,
  KeptRow,
  ReferencePlan,
  Rejet,
  Replacement,
  Resolution,
  Source,
  Update,
} from "../model.js";
import { compareText, identityText } from "../text.js";
import { groupFromName } from "../validate/provenance.js";
import { indexResolutions, mergeBilan } from "./bilan.js";
import { numberClusters, orderConstats, orderPropositions } from "./clusters.js";
import {
  type CompareSession,
  type Entry,
  identityOf,
  sameValue,
  sessionComparator,
} from "./compare.js";
import { type FoldContext, foldField, foldPlan } from "./fold.js";
import { computeIndicators } from "./indicators.js";
import { dropReplaced } from "./versions.js";

/**
 * Merging: accepted rows of every file become one consolidated data set that keeps the source of
 * every row (here). Rows of one identity are told apart as versions of a group's file
 * (`versions.ts`), updates by the same group in a later session and conflicts between groups
 * (`fold.ts`, `bilan.ts`); similar findings and proposals share a cluster id (`clusters.ts`), and
 * the key figures follow (`indicators.ts`).
 *
 * Rules where the specification is silent:
 * - Identity texts are compared once case, spacing (also before `; : ! ?` and inside « »),
 *   typographic quotes and apostrophes are folded; accents stay significant, as §6 lists only
 *   those foldings. A variant typed without accents is a separate row in the same cluster, so
 *   the "cited by N groups" count still sees it.
 * - Source order: sessions (config order, else natural sort; a row without session comes before
 *   every named session, so an undated row never overrides a dated one), then file path
 *   (natural sort), then sheet order in the file, then row.
 * - A constat's or a proposition's other fields (evidence, indicator, cost…) fold like a bilan
 *   row's texts: groups that disagree are a conflict; the latest session's value is kept, the
 *   first group's in source order when that session disagrees with itself.
 * - Every constat and proposition gets a cluster id, singletons included; numbering runs over
 *   constats then propositions, in output order, so ids are unique in the consolidation.
 */

export interface MergeOptions {
  /** The plan under review: its activities nobody assessed are listed, in plan order. */
  reference?: ReferencePlan;
  /** The rapporteur's decisions, and the reports of the files they were read from. */
  resolutions?: { list: readonly Resolution[]; reports: readonly FileReport[] };
}

function sourceOf(record: KeptRow, file: FileReport): Source {
  const meta = (id: string) => record.meta[id] ?? file.meta[id] ?? null;
  return {
    file: record.file,
    sheet: record.sheet ?? null,
    row: record.row,
    groupe: meta("groupe") ?? groupFromName(record.file, meta("session") ?? undefined),
    session: meta("session"),
  };
}

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
  const rows = { read: 0, accepted: 0, rejected: 0, duplicates: 0, replaced: 0 };
  const rejected: { rejet: Rejet; tableIndex: number }[] = [];
  const entries: Entry[] = [];
  // The plan and the resolutions are not submissions: their rows are not counted, their
  // problems are.
  const read = [
    ...(options.reference ? [options.reference.report] : []),
    ...files,
    ...(options.resolutions?.reports ?? []),
  ];
  const { errors, warnings } = countBySeverity(read.flatMap((f) => f.issues));
  for (const file of sorted) {
    const version = {
      date: file.version?.date ?? null,
      modified: file.version?.modified ?? null,
    };
    file.tables.forEach(({ kind, fatal, records }, tableIndex) => {
      if (!isSubmissionKind(kind)) return;
      for (const record of records) {
        rows.read++;
        if (record.rejected) {
          rows.rejected++;
          const rejet: Rejet = {
            file: record.file,
            sheet: record.sheet ?? null,
            row: record.row,
            kind,
            values: { ...record.raw },
            problems: [...record.issues, ...fatal],
          };
          rejected.push({ rejet, tableIndex });
          continue;
        }
        rows.accepted++;
        entries.push({
          kind,
          values: record.values,
          source: sourceOf(record, file),
          tableIndex,
          version,
        });
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
  const replaced: Replacement[] = [];
  const updates: Update[] = [];
  const conflits: Conflict[] = [];
  const fold = (kind: Kind, key: string): FoldContext => ({
    kind,
    key,
    compareSession,
    conflits,
    updates,
  });
  // Each identity's rows, the rows a newer version of their file replaced set apart.
  const identities = (kind: Kind, keyOf: (v: Record<string, unknown>) => string, shown: string) =>
    groupBy(ofKind(kind), keyOf).map((group) => {
      // Stryker disable next-line StringLiteral: the field shown (code, constat, action) is required: an accepted row always has it
      const key = String((group[0] as Entry).values[shown] ?? "");
      return { key, entries: dropReplaced(kind, key, group, replaced) };
    });
  const bilanGroups = identities("bilan", (v) => identityOf(v.code_activite), "code_activite");
  const constatGroups = identities(
    "constats",
    (v) => [v.axe, v.type, v.constat].map(identityOf).join("\u0000"),
    "constat",
  );
  const propositionGroups = identities(
    "propositions",
    (v) => [v.axe, v.objectif, v.action].map(identityOf).join("\u0000"),
    "action",
  );
  for (const { entries: group } of [...bilanGroups, ...constatGroups, ...propositionGroups]) {
    rows.duplicates += countDuplicates(group);
  }
  rows.replaced = replaced.length;

  const resolutions = indexResolutions(options.resolutions?.list ?? []);
  const bilan = bilanGroups
    .map(({ key, entries: group }) =>
      mergeBilan(group, {
        ...fold("bilan", key),
        resolutions,
        reference: options.reference,
        axes: config.review.axes,
      }),
    )
    .sort((a, b) =>
      // Stryker disable next-line StringLiteral: code_activite is required in a bilan row: never null here
      compareText(String(a.code_activite ?? ""), String(b.code_activite ?? "")),
    );

  const issues: Issue[] = [];
  for (const r of resolutions.values()) {
    if (r.used) continue;
    issues.push(
      issue("unused-resolution", r.resolution.at, {
        field: r.resolution.field,
        value: r.resolution.key,
        params: {
          key: r.resolution.key,
          // A resolution's field is a conflict field of the registry: the lookup cannot miss.
          ...labelParams(findField("bilan", r.resolution.field) as FieldSpec),
        },
      }),
    );
  }
  const extra = countBySeverity(issues);

  const counter = { next: 1 };
  const constats = orderConstats(
    constatGroups.map(({ key, entries: g }) => foldGroup("constats", g, fold("constats", key))),
    config,
  );
  numberClusters(constats, counter);
  const propositions = orderPropositions(
    propositionGroups.map(({ key, entries: g }) =>
      foldGroup("propositions", g, fold("propositions", key)),
    ),
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
      files: files.length,
      rows,
      conflicts: new Set(conflits.map((k) => `${k.kind}\u0000${identityText(k.key)}`)).size,
      // Like conflicts, per activity, constat or proposition.
      updates: new Set(updates.map((u) => `${u.kind}\u0000${identityText(u.key)}`)).size,
      // Stryker disable next-line ArithmeticOperator: the only issues merging adds are unused-resolution warnings: extra.errors is always 0
      errors: errors + extra.errors,
      warnings: warnings + extra.warnings,
    },
    bilan,
    constats: constats.map((c) => c.row),
    propositions: propositions.map((p) => p.row),
    rejets,
    conflits: sortByKey(conflits, compareSession),
    mises_a_jour: sortByKey(updates, compareSession),
    remplacees: sortByKey(replaced, compareSession),
    non_evalues: unassessed(bilan, options.reference),
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

/**
 * Rows identical to an earlier row of their identity, field by field (an empty cell equals only
 * an empty cell): the same submission twice. A row that leaves out what another gave is not one:
 * it may be a group's own, later assessment.
 */
function countDuplicates(group: Entry[]): number {
  let n = 0;
  group.forEach((e, i) => {
    const fields = KINDS[e.kind];
    const identical = group.slice(0, i).some((earlier) =>
      fields.every((f) => {
        const a = earlier.values[f.id];
        const b = e.values[f.id];
        return (isEmpty(a) && isEmpty(b)) || sameValue(a, b);
      }),
    );
    if (identical) n++;
  });
  return n;
}

/** A constat or a proposition: each field folded over the groups (see `foldField`). */
function foldGroup<K extends "constats" | "propositions">(
  kind: K,
  group: Entry[],
  ctx: FoldContext,
) {
  const plan = kind === "propositions" ? foldPlan(group, ctx) : {};
  const row: Record<string, unknown> = {};
  for (const f of KINDS[kind] as readonly FieldSpec[]) {
    row[f.id] = f.id in plan ? plan[f.id] : foldField(f.id, group, ctx);
  }
  row.sources = group.map((e) => e.source);
  return row as Consolidated<K>;
}

/** Conflicts, updates and replaced rows by kind, key, field (registry order), then source. */
function sortByKey<T extends { kind: Kind; key: string; field?: string; source?: Source }>(
  list: T[],
  compareSession: CompareSession,
): T[] {
  const fieldRank = (kind: Kind, field: string | undefined) =>
    (KINDS[kind] as readonly FieldSpec[]).findIndex((f) => f.id === field);
  return list.sort(
    (a, b) =>
      KIND_NAMES.indexOf(a.kind) - KIND_NAMES.indexOf(b.kind) ||
      compareText(a.key, b.key) ||
      fieldRank(a.kind, a.field) - fieldRank(b.kind, b.field) ||
      // Stryker disable next-line LogicalOperator: a list holds conflicts (no source) or updates and replacements (a source): both or neither
      (a.source && b.source
        ? compareSession(a.source.session, b.source.session) ||
          compareText(a.source.file, b.source.file) ||
          a.source.row - b.source.row
        : 0),
  );
}

/** Reference codes nobody assessed, in plan order. */
function unassessed(
  bilan: Consolidated<"bilan">[],
  reference: ReferencePlan | undefined,
): string[] {
  const assessed = new Set(bilan.map((b) => identityOf(b.code_activite)));
  const codes = (reference?.activities ?? []).map((a) => a.code_activite as string);
  return codes.filter((c) => !assessed.has(identityText(c)));
}
