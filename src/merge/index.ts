import { posix } from "node:path";
import type { Config } from "../config.js";
import { CONFLICT_FIELDS, type FieldSpec, findField, KINDS, type Kind } from "../fields.js";
import { countBySeverity, type Issue, issue, labelParams } from "../issues.js";
import type {
  Conflict,
  Consolidated,
  Consolidation,
  FileReport,
  KeptRow,
  ReferencePlan,
  Rejet,
  Resolution,
  Source,
} from "../model.js";
import { compareText, identityText } from "../text.js";
import { indexResolutions, mergeBilan } from "./bilan.js";
import { numberClusters, orderConstats, orderPropositions } from "./clusters.js";
import { type Entry, identityOf, isEmpty, sameValue, sessionComparator } from "./compare.js";
import { computeIndicators } from "./indicators.js";

/**
 * Merging: accepted rows of every file become one consolidated data set that keeps the source of
 * every row (here); disagreeing assessments become conflicts (`bilan.ts`), similar findings and
 * proposals share a cluster id (`clusters.ts`), and the key figures follow (`indicators.ts`).
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

export interface MergeOptions {
  /** The plan under review: its activities nobody assessed are listed, in plan order. */
  reference?: ReferencePlan;
  /** The rapporteur's decisions, and the report of the file they were read from. */
  resolutions?: { list: readonly Resolution[]; report: FileReport };
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
  // The plan and the resolutions are not submissions: their rows are not counted, their
  // problems are.
  const read = [
    ...(options.reference ? [options.reference.report] : []),
    ...files,
    ...(options.resolutions ? [options.resolutions.report] : []),
  ];
  const { errors, warnings } = countBySeverity(read.flatMap((f) => f.issues));
  for (const file of sorted) {
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

  const resolutions = indexResolutions(options.resolutions?.list ?? []);
  const conflits: Conflict[] = [];
  const bilan = bilanGroups
    .map((group) => mergeBilan(group, compareSession, resolutions, conflits))
    .sort((a, b) => compareText(String(a.code_activite ?? ""), String(b.code_activite ?? "")));
  conflits.sort(
    (a, b) =>
      compareText(a.key, b.key) ||
      CONFLICT_FIELDS.indexOf(a.field) - CONFLICT_FIELDS.indexOf(b.field),
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
      files: files.length,
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

/** Reference codes nobody assessed, in plan order. */
function unassessed(
  bilan: Consolidated<"bilan">[],
  reference: ReferencePlan | undefined,
): string[] {
  const assessed = new Set(bilan.map((b) => identityOf(b.code_activite)));
  const codes = (reference?.activities ?? []).map((a) => a.code_activite as string);
  return codes.filter((c) => !assessed.has(identityText(c)));
}
