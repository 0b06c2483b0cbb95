import type { Kind, Row } from "./fields.js";
import type { Issue } from "./issues.js";

/**
 * Merging: accepted rows of every file become one consolidated data set that keeps the source of
 * every row; identical rows fold together, disagreeing assessments become conflicts, similar
 * findings and proposals share a cluster id.
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

export type ConflictRule = "latest-session" | "conservative-status" | "resolution";

export interface Conflict {
  kind: "bilan";
  /** The activity code. */
  key: string;
  field: string;
  chosen: unknown;
  rule: ConflictRule;
  versions: { value: unknown; source: Source }[];
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
}
