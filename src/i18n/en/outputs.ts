import type { Catalogue } from "../fr/index.js";

/** English texts of what `validate` and `compile` print and of the consolidated tables. */

export const validation: Catalogue["validation"] = {
  rows: (n, a, r) => `${n} row(s): ${a} accepted, ${r} rejected`,
  header: (n) => `header row ${n}`,
  skippedSheet: "skipped",
  more: (n, e, w) =>
    `… and ${n} more problem(s) (${e} error(s), ${w} warning(s)): use --all or --format json to see all`,
  skipped: "Skipped",
  summary: (files, rows, accepted, rejected, e, w) =>
    `${files} file(s), ${rows} row(s) read = ${accepted} accepted + ${rejected} rejected; ${e} error(s), ${w} warning(s)`,
  valid: "Valid",
  invalid: "Errors to fix",
  error: "error",
  warning: "warning",
  colon: ":",
  quote: (text) => `“${text}”`,
  skips: {
    "lock-file": "Excel/LibreOffice lock file",
    hidden: "hidden file",
    template: "blank templates (atelier init)",
    "link-outside": "link leading outside the folder, not followed",
    "not-spreadsheet": "not a spreadsheet",
    "workshop-file": "workshop file (configuration, plan, resolutions)",
    "output-folder": "outputs of a compile (atelier), not read back",
    "unreadable-folder": "unreadable folder (access rights): its files are not read",
    "blank-template": "blank template: no row filled in",
  },
};

export const summary: Catalogue["summary"] = {
  head: ["File", "Kinds", "Read", "Accepted", "Rejected", "Errors", "Warn."],
  total: (read, accepted, duplicates, rejected, files) =>
    `Total: ${read} row(s) read = ${accepted} accepted (${duplicates} duplicate(s) folded) + ${rejected} rejected, in ${files} file(s)`,
  counts: (b, c, p) =>
    `Consolidated: ${b} activity(ies) assessed, ${c} finding(s), ${p} proposal(s)`,
  conflicts: (n, list) =>
    `Conflicts between groups: ${n}${list.length ? ` — ${list.join("; ")}` : ""} (see conflits.csv)`,
  conflictFields: (key, fields) => `${key}: ${fields.join(", ")}`,
  applied: (n) => `${n} rapporteur's decision${n === 1 ? "" : "s"} applied (resolutions.csv)`,
  unread: (path) =>
    `${path} could not be read: none of its rows is in the results (errors in journal.json)`,
  history: (updates, replaced) =>
    `Updates by the same group: ${updates}; rows replaced by a newer version of their file: ${replaced} (see historique.csv)`,
  unassessed: (codes) =>
    `Plan activities nobody assessed: ${codes.length}${codes.length ? ` (${codes.join(", ")})` : ""}`,
  rejected: (n) => `${n} row(s) rejected, kept with their reasons in rejets.csv`,
  first: "First compile in this output folder.",
  since: "Since the previous compile:",
  files: (a, c, r) => `files: ${a} added, ${c} changed, ${r} removed`,
  rows: (a, r) => `consolidated rows: ${a} new, ${r} gone`,
  newConflicts: (keys) => `new conflicts: ${keys.length ? keys.join(", ") : "none"}`,
  nothing: "Nothing to compile yet: the files read hold no row.",
};

export const tables: Catalogue["tables"] = {
  titles: {
    bilan: "Assessment",
    constats: "Findings",
    propositions: "Proposals",
    sources: "Sources",
    rejets: "Rejected",
    conflits: "Conflicts",
    historique: "History",
  },
  columns: {
    cluster: "Cluster",
    groupes: "Groups",
    sessions: "Sessions",
    sources: "Sources",
    file: "File",
    groupe: "Group",
    session: "Session",
    structure: "Organisation",
    rapporteur: "Rapporteur",
    date: "Date",
    sheets: "Sheets",
    rows: "Rows read",
    accepted: "Accepted",
    rejected: "Rejected",
    errors: "Errors",
    warnings: "Warnings",
    sheet: "Sheet",
    row: "Row",
    kind: "Kind",
    cell: "Cell",
    code: "Code",
    severity: "Severity",
    message: "Problem",
    values: "Values as read",
    key: "Activity",
    field: "Field",
    chosen: "Chosen value",
    rule: "Rule",
    value: "Version",
    source: "Source",
    situation: "Situation",
    previous: "Earlier value",
    previousSource: "Earlier source",
  },
  situations: {
    update: "updated by the same group",
    replaced: "row replaced by a newer version of the file",
  },
};

export const schemas: Catalogue["schemas"] = {
  bilan: "Assessment of one activity",
  constats: "Finding (SWOT)",
  propositions: "Action proposed for the new plan",
};
