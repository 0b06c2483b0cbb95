import type { ConflictField, Kind, ReferenceActivity, Row, TableKind } from "./fields.js";
import type { Issue, Location } from "./issues.js";

/**
 * The data model every stage shares, as types only: what validation says of each file, the
 * reference plan, and the consolidated data set with its provenance. Stages build these values
 * and later stages read them; nothing here imports a stage.
 */

// --- validation ---------------------------------------------------------------------------------

export type { TableKind };

export interface SheetReport {
  /** Sheet name; `null` for CSV. */
  name: string | null;
  kind: TableKind | null;
  headerRow: number | null;
  rows: number;
  accepted: number;
  rejected: number;
}

/**
 * A row as the later stages need it, once validated: its place, typed values, metadata and
 * problems. The cells as read stay only on a rejected row, for `rejets.csv`.
 */
export interface KeptRow {
  file: string;
  sheet?: string;
  /** Row as the spreadsheet numbers it. */
  row: number;
  /** Typed values by field id; missing values are `null`. */
  values: Record<string, unknown>;
  /** Metadata of the row: its own columns, then the file's (Identification, folder, flags). */
  meta: Record<string, string>;
  issues: Issue[];
  /** An error in the row or in its table's header: the row is set aside, never merged. */
  rejected: boolean;
  /** Rejected rows only: every non-empty cell as read, by header. */
  raw?: Record<string, string>;
}

/** One table of one file with its rows. */
export interface TableRows {
  kind: TableKind;
  /** Where each field's column is (the first one, for a field given twice). */
  columns: Record<string, { letter: string; header: string }>;
  /** Header problems that reject every row of the table (a required column missing). */
  fatal: Issue[];
  records: KeptRow[];
}

/**
 * The category every workbook of results atelier writes carries in its properties: a copy of one
 * left among the groups' files is known for what it is. Templates do not carry it.
 */
export const OUTPUT_CATEGORY = "atelier-sortie";

export interface FileReport {
  path: string;
  format: "csv" | "xlsx" | "xls" | "ods";
  encoding?: string;
  delimiter?: string;
  /** Metadata of the whole file (Identification sheet, folder, flags). */
  meta: Record<string, string>;
  /** A table of results atelier wrote (a copy of bilan.csv, of the matrix…): never a submission. */
  output?: true;
  sheets: SheetReport[];
  /** Every problem of the file, in sheet, row and column order. */
  issues: Issue[];
  /** The tables with their rows; empty when validation was asked not to keep rows. */
  tables: TableRows[];
  /**
   * What tells two files of one group and session apart, the newer replacing the older: the
   * date its Identification sheet gives (ISO), the file's modification time (ms).
   */
  version?: { date: string | null; modified: number | null };
}

/** The plan under review, read from the file the configuration names: a check, not a source. */
export interface ReferencePlan {
  /** Path as displayed. */
  path: string;
  /** Accepted activities in the plan's own order. */
  activities: ReferenceActivity[];
  /** The same activities by code. */
  byCode: ReadonlyMap<string, ReferenceActivity>;
  /** The plan file as validated: its problems are reported like any file's. */
  report: FileReport;
}

/** Why a file was passed over when a folder was read. */
export type SkipReason =
  | "lock-file"
  | "hidden"
  | "not-spreadsheet"
  | "workshop-file"
  | "link-outside"
  | "template"
  | "output-folder"
  | "unreadable-folder"
  | "blank-template"
  | "arbitrages"
  | "resolutions-elsewhere"
  | "output-file"
  /** A workshop inside a folder `validate` reads, whose own configuration is invalid. */
  | "invalid-workshop"
  | "other-workshop";

export interface ValidationResult {
  /** The submissions, in the order they were read. */
  files: FileReport[];
  /** Every reference plan the configurations name, each read once (compile has one at most). */
  references: ReferencePlan[];
  /**
   * The rapporteur's `resolutions.csv` of each workshop folder read (compile has one at most),
   * as validated; compile adds the decisions that settle no conflict.
   */
  resolutions: FileReport[];
  skipped: { path: string; reason: SkipReason }[];
  /** Rows over the submissions; problems over every file read, plans and resolutions included. */
  summary: {
    files: number;
    rows: number;
    accepted: number;
    rejected: number;
    errors: number;
    warnings: number;
  };
}

// --- consolidation ------------------------------------------------------------------------------

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
 * `chosen-assessment` (a text kept from the assessment whose status was chosen),
 * `first-source` (the latest session disagrees with itself on a text: the first group in source
 * order), `reference-plan` (the axis the reference plan gives the activity), `activity-code` (the
 * axis the code's first number gives, for an activity the plan does not list), `resolution` (the
 * rapporteur decided in `resolutions.csv`).
 */
export type ConflictRule =
  | "latest-session"
  | "conservative-status"
  | "conservative-value"
  | "chosen-assessment"
  | "first-source"
  | "activity-code"
  | "reference-plan"
  | "resolution";

export interface Conflict {
  kind: Kind;
  /** The activity code; for a constat or a proposition, its wording (constat, action). */
  key: string;
  field: ConflictField | string;
  chosen: unknown;
  rule: ConflictRule;
  /** Each group's value (its latest), with the row that gave it. */
  versions: { value: unknown; source: Source }[];
  /**
   * The value belongs to the assessment whose status was chosen (a bilan's rate and texts), or
   * to the plan whose calendar was chosen (a proposal's costs).
   */
  follows?: "statut" | "calendrier";
  /** The rapporteur's reason, for `resolution`. */
  motif?: string;
  /** For `resolution`: the value the rule would have kept, and that rule. */
  byRule?: { chosen: unknown; rule: ConflictRule };
}

/** A group's value replaced by the same group's value in a later session: not a conflict. */
export interface Update {
  kind: Kind;
  key: string;
  field: string;
  groupe: string;
  previous: { value: unknown; source: Source };
  /** The group's value now; `null` when its later assessment has none (a rate, once the status changed). */
  value: unknown;
  source: Source;
}

/**
 * A row of a group's file replaced by the same row in a newer file of the same group and
 * session (a corrected version): accounted for, never merged.
 */
export interface Replacement {
  kind: Kind;
  key: string;
  source: Source;
  by: Source;
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

/** The rating of an implementation rate against the configured bands. */
export type Band = "satisfaisant" | "moyen" | "insuffisant";

/** Everything compile writes; `consolidation.json` is this object (plus the summary). */
export interface Consolidation {
  summary: {
    files: number;
    rows: {
      read: number;
      accepted: number;
      rejected: number;
      duplicates: number;
      /** Accepted rows replaced by a newer version of their file (counted in `accepted`). */
      replaced: number;
    };
    /** Identities (activities, constats, propositions) on which groups disagree. */
    conflicts: number;
    /** Activities, constats and propositions a group changed in a later session. */
    updates: number;
    errors: number;
    warnings: number;
  };
  bilan: Consolidated<"bilan">[];
  constats: Consolidated<"constats">[];
  propositions: Consolidated<"propositions">[];
  rejets: Rejet[];
  conflits: Conflict[];
  mises_a_jour: Update[];
  remplacees: Replacement[];
  /** Reference activities that no accepted bilan row assessed, in plan order. */
  non_evalues: string[];
  indicateurs: Indicators;
  /**
   * Problems merging finds: a resolution that settles no conflict, located in the resolutions
   * file (whose report they join).
   */
  issues: Issue[];
}

/** A decision of the rapporteur, read from `resolutions.csv`. */
export interface Resolution {
  /** Activity code, read like any activity code. */
  key: string;
  field: ConflictField;
  /** Typed like the field (`realise`, 75, 1500000, `PROT`, a text, yes/no). */
  value: string | number | boolean;
  motif: string | null;
  /** Where it is written (file, row, key column): an unused resolution is reported there. */
  at: Location;
}

// --- compile ------------------------------------------------------------------------------------

/** A file read, by its path and the digest of its bytes. */
export interface FileDigest {
  path: string;
  sha256: string;
}

/** What changed since the previous compile in the same output folder. */
export interface Changes {
  files: { added: string[]; changed: string[]; removed: string[] };
  rows: { added: number; removed: number };
  /** `2.2.1 statut`: conflicts that were not there before. */
  newConflicts: string[];
}
