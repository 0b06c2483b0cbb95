import { formatNumber, pick, plural } from "../format.js";
import type { Catalogue } from "../fr/index.js";

/** English texts of what `validate` and `compile` print and of the consolidated tables. */

const n = (v: number) => formatNumber(v, "en");

/** `12 rows read = 11 accepted + 1 rejected` */
const rowsRead = (rows: number, a: number, r: number) =>
  `${plural(rows, "en", "row", "rows")} read = ${n(a)} accepted + ${n(r)} rejected`;

export const validation: Catalogue["validation"] = {
  rows: rowsRead,
  header: (row) => `header row ${row}`,
  kinds: {
    bilan: "assessment",
    constats: "findings",
    propositions: "proposals",
    reference: "reference plan",
    resolutions: "decisions",
  },
  unfilledSheets: (count, names) =>
    `${plural(count, "en", "sheet", "sheets")} with no row filled in: ${names.join(", ")}`,
  emptySheets: (count, names) =>
    `${plural(count, "en", "empty sheet", "empty sheets")} skipped: ${names.join(", ")}`,
  hiddenSheets: (count, names) =>
    `${plural(count, "en", "hidden sheet", "hidden sheets")} skipped: ${names.join(", ")}`,
  hiddenSheetsHint: (count) =>
    `Unhide ${pick(count, "en", "it", "them")} (right-click the tabs > Unhide) if ${pick(count, "en", "it", "they")} should be compiled`,
  unknownSheets: (count, names) =>
    `${plural(count, "en", "sheet", "sheets")} skipped (headers of no submission kind): ${names.join(", ")}`,
  unknownSheetsHint: (count) =>
    `If ${pick(count, "en", "it holds", "they hold")} data, use the template's headers (atelier template)`,
  more: (count, e, w) =>
    `… and ${plural(count, "en", "more problem", "more problems")} (${plural(e, "en", "error", "errors")}, ${plural(w, "en", "warning", "warnings")}): use --all or --format json to see all`,
  skipped: "Skipped",
  besides: (e, w) =>
    `(of which ${plural(e, "en", "error", "errors")} and ${plural(w, "en", "warning", "warnings")} in the reference plan or the decisions)`,
  summary: (files, rows, accepted, rejected, e, w) =>
    `${plural(files, "en", "group file", "group files")}, ${rowsRead(rows, accepted, rejected)}; ${plural(e, "en", "error", "errors")}, ${plural(w, "en", "warning", "warnings")}`,
  valid: "Valid",
  invalid: "Errors to fix",
  changed: (ref, n) =>
    `${plural(n, "en", "file", "files")} changed since ${ref} in the paths given`,
  ci: {
    title: "Validation of the workshop files",
    columns: ["File", "Rows", "Accepted", "Rejected", "Errors", "Warnings"],
    total: "Total",
    problems: (e, w) =>
      `${plural(e, "en", "error", "errors")}, ${plural(w, "en", "warning", "warnings")}`,
  },
  error: "error",
  warning: "warning",
  info: "note",
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
    "invalid-workshop":
      "another workshop whose atelier.config.json is invalid: its files are not checked; atelier validate on that folder says what to fix",
    "other-workshop":
      "another workshop (it has its own atelier.config.json): its files are not mixed with this one's; compile it on its own",
    arbitrages:
      "decisions to make: once filled in, save it as resolutions.xlsx in the workshop folder for it to apply",
  },
};

export const summary: Catalogue["summary"] = {
  head: ["File", "Kinds", "Read", "Accepted", "Rejected", "Errors", "Warn."],
  total: (read, accepted, duplicates, rejected, files) =>
    `Total: ${plural(read, "en", "row", "rows")} read = ${n(accepted)} accepted${duplicates > 0 ? ` (${plural(duplicates, "en", "duplicate", "duplicates")} folded)` : ""} + ${n(rejected)} rejected, in ${plural(files, "en", "group file", "group files")}`,
  counts: (b, c, p) =>
    `Consolidated: ${plural(b, "en", "activity", "activities")} assessed, ${plural(c, "en", "finding", "findings")}, ${plural(p, "en", "proposal", "proposals")}`,
  moreProblems: (count) =>
    `… and ${plural(count, "en", "more problem", "more problems")}: atelier compile --all or rejets.csv`,
  conflicts: (n, list) =>
    `Conflicts between groups: ${n}${list.length ? ` — ${list.join("; ")}` : ""} (see conflits.csv)`,
  conflictFields: (key, fields) => `${key}: ${fields.join(", ")}`,
  applied: (count) =>
    `${plural(count, "en", "rapporteur's decision", "rapporteur's decisions")} applied (resolutions.xlsx or .csv)`,
  unread: (path, why) => `${path} could not be read: none of its rows is in the results — ${why}`,
  history: (updates, replaced) =>
    `Updates by the same group: ${updates}; rows replaced by a newer version of their file: ${replaced} (see historique.csv)`,
  unassessed: (none, rejected) => {
    const parts = [
      none.length > 0 ? `no assessment: ${none.join(", ")}` : null,
      rejected.length > 0 ? `assessment rejected (see rejets.csv): ${rejected.join(", ")}` : null,
    ].filter((p) => p !== null);
    const count = none.length + rejected.length;
    return `Plan activities not assessed: ${count}${parts.length ? ` — ${parts.join("; ")}` : ""}`;
  },
  rejected: (count) =>
    `${plural(count, "en", "row", "rows")} rejected, kept with ${pick(count, "en", "its reasons", "their reasons")} in rejets.csv`,
  first: "First compile in this output folder.",
  since: "Since the previous compile:",
  files: (a, c, r) => `files: ${n(a)} added, ${n(c)} changed, ${n(r)} removed`,
  rows: (a, r) => `consolidated rows: ${n(a)} new, ${n(r)} gone`,
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
    // Not "History": Excel reserves that sheet name, and repairs a workbook that has it.
    historique: "Change history",
  },
  columns: {
    cluster: "Cluster",
    groupes: "Groups",
    sessions: "Sessions",
    sources: "Source files",
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
  severities: { error: "Error", warning: "Warning", info: "Note" },
  rules: {
    "latest-session": "latest session",
    "conservative-status": "more conservative status",
    "conservative-value": "more conservative value",
    "chosen-assessment": "chosen assessment",
    "first-source": "first group",
    "reference-plan": "reference plan",
    "activity-code": "activity code",
    resolution: "rapporteur's decision",
  },
  otherKinds: { reference: "Reference plan", resolutions: "Decisions" },
  yes: "Yes",
  no: "No",
  yearAmounts: "Yearly costs (FCFA)",
};

export const schemas: Catalogue["schemas"] = {
  bilan: "Assessment of one activity",
  constats: "Finding (SWOT)",
  propositions: "Action proposed for the new plan",
  config: "Configuration of a workshop (atelier.config.json)",
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
      "Save this workbook as resolutions.xlsx in the workshop folder (beside the session folders, not in the output folder), then compile again: it says how many decisions are applied, and conflits.csv shows them with the rule “rapporteur’s decision”.",
      "The Activity, Groups' values and Chosen without a decision columns are for information: they are not read.",
    ],
    yes: "Yes",
    no: "No",
  },
  retours: {
    sheet: "Corrections",
    title: (groupe, title) => `Feedback sheet — ${groupe} — ${title}`,
    lead: (errors, warnings) =>
      `To correct before the next session: ${plural(errors, "en", "error", "errors")} (the row is not in the results until it is corrected), ${plural(warnings, "en", "warning", "warnings")} (the row is counted; check the value).`,
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
      `${plural(open, "en", "disagreement", "disagreements")} to settle: fill in arbitrages-a-faire.xlsx and save it as resolutions.xlsx in the workshop folder`,
    retours: (groups) =>
      `Feedback sheets for ${plural(groups.length, "en", "group", "groups")} (retours/): ${groups.join(", ")}`,
  },
};

export const progress: Catalogue["progress"] = {
  printing: (browser) => `Printing the PDF with ${browser}…`,
  printed: (pages) =>
    pages === null ? "PDF written." : `PDF written (${plural(pages, "en", "page", "pages")}).`,
};
