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
    "output-file":
      "atelier results (consolidated table, matrix, feedback sheet…), never read back as a submission",
    "resolutions-elsewhere":
      "rapporteur's decisions: put this file in the workshop folder (beside the session folders) for them to apply",
    arbitrages:
      "decisions to make: once filled in, save it as resolutions.xlsx in the workshop folder for it to apply",
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
  applied: (n) => `${n} rapporteur's decision${n === 1 ? "" : "s"} applied (resolutions file)`,
  unread: (path, why) => `${path} could not be read: none of its rows is in the results — ${why}`,
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
    motif: "Reason",
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

export const followups: Catalogue["followups"] = {
  arbitrages: {
    sheet: "Decisions",
    lists: "Lists",
    instructions: "Instructions",
    title: (title) => `Decisions to make — ${title}`,
    steps: [
      "One line per disagreement between groups that the merge rule settled without you (conflits.csv): choose the value to keep in the Value column (dropdown, or typed as in an assessment sheet) and say why in the Reason column.",
      "Leave Value empty for a disagreement you do not settle yet: the merge rule still applies.",
      "Lines whose Value is already filled in repeat the decisions already applied: keep them, or change the value.",
      "The rate, the result and the comments follow the status chosen: only the status needs deciding for them.",
      "Save this workbook as resolutions.xlsx in the workshop folder (beside the session folders, not in the output folder), then compile again: it says how many decisions are applied, and conflits.csv shows them with the rule « resolution ».",
      "The Activity, Groups' values and Chosen without a decision columns are for information: they are not read.",
    ],
    yes: "Yes",
    no: "No",
  },
  retours: {
    sheet: "Corrections",
    title: (groupe, title) => `Feedback sheet — ${groupe} — ${title}`,
    lead: (errors, warnings) =>
      `To correct before the next session: ${errors} error${errors === 1 ? "" : "s"} (the row is not in the results until it is corrected), ${warnings} warning${warnings === 1 ? "" : "s"} (the row is counted; check the value).`,
    columns: {
      file: "File",
      sheet: "Sheet",
      cell: "Cell",
      severity: "Severity",
      value: "Value read",
      problem: "Problem",
      fix: "Fix",
    },
    error: "error",
    warning: "warning",
  },
  written: {
    arbitrages: (open) =>
      `${open} disagreement${open === 1 ? "" : "s"} to settle: fill in arbitrages-a-faire.xlsx and save it as resolutions.xlsx in the workshop folder`,
    retours: (groups) =>
      `Feedback sheets for ${groups.length} group${groups.length === 1 ? "" : "s"} (retours/): ${groups.join(", ")}`,
  },
};
