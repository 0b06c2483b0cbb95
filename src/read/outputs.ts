import { resolutionFields } from "../fields.js";
import { catalogue } from "../i18n/index.js";
import type { RawRow } from "./types.js";

/**
 * atelier's own results, known by their columns wherever they are copied and whatever program
 * saved them since: they are never read as a group's submission.
 */

/** The matrix's column of where each action comes from, a title only atelier's results have. */
const ORIGIN_TITLES = (["fr", "en"] as const).map((lang) =>
  catalogue(lang).matrix.origin.toLowerCase(),
);
/** The headers of a feedback sheet and of the decisions to make, in either language. */
const OUTPUT_HEADERS = (["fr", "en"] as const).flatMap((lang) => [
  Object.values(catalogue(lang).followups.retours.columns).map((h) => h.toLowerCase()),
  resolutionFields
    .filter((f) => f.id === "valeurs_groupes" || f.id === "retenue_sans_arbitrage")
    .map((f) => f[lang].toLowerCase()),
]);
/** Where a consolidated row comes from, as atelier writes it: `J1/groupe-2.xlsx!Bilan:4`. */
const SOURCE_REF = /\.(csv|tsv|xlsx|xlsm|xls|ods)(![^:;]*)?:\d+/i;

/**
 * The provenance columns of a consolidated table (groups, sessions, source files), as each
 * language titles them, and as ids (the headers of earlier versions).
 */
const PROVENANCE = [
  ["groupes", "sessions", "sources"],
  ...(["fr", "en"] as const).map((lang) => {
    const c = catalogue(lang).tables.columns;
    return [c.groupes, c.sessions, c.sources].map((h) => h.toLowerCase());
  }),
];

/**
 * The headers a consolidated table adds to a kind's fields, in either language: its provenance
 * and, for findings and proposals, the cluster. Read back, they are atelier's, not unknown.
 */
export const OUTPUT_COLUMNS: readonly string[] = [
  ...new Set([
    ...PROVENANCE.flat(),
    "cluster",
    ...(["fr", "en"] as const).map((lang) => catalogue(lang).tables.columns.cluster.toLowerCase()),
  ]),
];

/** Whether a header row has the three provenance columns of a consolidated table. */
export function hasProvenance(cells: readonly string[]): boolean {
  const lower = cells.map((c) => c.trim().toLowerCase());
  return PROVENANCE.some((names) => names.every((n) => lower.includes(n)));
}

/**
 * Whether the first rows of a table are those of a table of results atelier wrote, whatever the
 * program that saved it since (a copy of bilan.csv converted by LibreOffice, the matrix saved as
 * CSV): the matrix's origin column; a feedback sheet's or the decisions' headers; or the
 * provenance columns (« Groupes », « Sessions », « Fichiers sources », in either language or as
 * ids) over a row whose sources are file references. A group's own file has none of these.
 */
export function isOutputTable(rows: readonly (readonly string[])[]): boolean {
  const head = rows.slice(0, 20).map((r) => r.map((c) => c.trim().toLowerCase()));
  if (namesOrigin(head.map((r) => r.join(" ")).join("\n"))) return true;
  return (
    head.some((cells) => {
      const has = (names: readonly string[]) => names.every((n) => cells.includes(n));
      return OUTPUT_HEADERS.some(has);
    }) || isConsolidatedTable(rows)
  );
}

/**
 * Whether the first rows are those of a consolidated table (bilan.csv, constats.csv,
 * propositions.csv): the provenance columns over a row whose sources are file references.
 */
export function isConsolidatedTable(rows: readonly (readonly string[])[]): boolean {
  const head = rows.slice(0, 20);
  return head.some(
    (cells, i) => hasProvenance(cells) && SOURCE_REF.test((head[i + 1] ?? []).join(" ")),
  );
}

/** Whether a text holds the matrix's origin column title (a CSV line as saved, commas and all). */
export function namesOrigin(text: string): boolean {
  const lower = text.toLowerCase();
  return ORIGIN_TITLES.some((title) => lower.includes(title));
}

/** Whether a workbook's sheet is one of atelier's tables of results (`isOutputTable`). */
export function isOutputSheet(rows: readonly RawRow[]): boolean {
  return isOutputTable(
    rows.slice(0, 20).map((r) => r.cells.map((c) => (c?.v == null ? "" : String(c.v)))),
  );
}
