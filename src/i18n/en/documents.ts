import { plural } from "../format.js";
import type { Catalogue } from "../fr/index.js";

/** English texts of the matrix, the templates and the README of a new workshop folder. */

export const matrix: Catalogue["matrix"] = {
  matrix: "Matrix",
  matrixTitle: "Action matrix",
  summary: "Budget summary",
  breakdown: "Annual breakdown",
  sources: "Sources",
  draft: "DRAFT",
  number: "No.",
  axis: "Axis",
  responsible: "Responsible",
  origin: "Origin (groups, sessions)",
  activity: (label: string) => `Source activity (${label})`,
  weaknesses: "Weaknesses addressed",
  neighbours: "Similar wordings (No.)",
  toComplete: "to complete",
  toCompleteNote: "Cells “to complete”: a value the proposal does not give yet.",
  subtotal: (n: number) => `Subtotal axis ${n}`,
  total: "Grand total",
  generated: (d: string, files: number) =>
    `Generated on ${d} by atelier from ${plural(files, "en", "file", "files")} — working draft for validation. Subtotals, total and budget summary are formulas.`,
  notAssessed: "not assessed",
  cost: "Estimated cost",
  mode: "Breakdown",
  given: "group's yearly costs",
  even: "even shares",
  rowTotal: "Total",
  matrixTotal: "Matrix total",
  gap: "Difference (cost not spread over years)",
  summaryNote: (cur: string) =>
    `Amounts in ${cur}. Each action's cost spread over its scheduled years: the group's yearly costs when given, else even shares.`,
  summarySheetNote: "Per action: sheet “Annual breakdown”.",
  breakdownNote:
    "Each year's share of an action's estimated cost: from the X marks of the matrix (even shares), or the yearly costs the group gave.",
  file: "File",
  sheet: "Sheet",
  group: "Group",
  session: "Session",
  proposals: "Proposals (rows)",
  actions: "Matrix actions",
  numbers: "Action numbers",
  priorityError: "Choose a priority from the list.",
  yearError: "Mark a scheduled year X, or leave it empty.",
  footer: "Page &P of &N",
  date: (d: Date) => d.toISOString().slice(0, 10),
  percent: (n: number) => `${Math.round(n * 10) / 10}%`,
  quote: (text: string) => `“${text}”`,
  labelled: (label: string, text: string) => `${label}: ${text}`,
  markdownNote: (d: string, files: number) =>
    `Generated on ${d} by atelier from ${plural(files, "en", "file", "files")} — working draft for validation.`,
};

export const template: Catalogue["template"] = {
  sheetNames: { bilan: "Assessment", constats: "Findings", propositions: "Proposals" },
  purposes: {
    bilan: "one row per activity of the plan under review (status, results, budget).",
    constats: "one row per finding: strength, weakness, opportunity or threat.",
    propositions: "one row per action proposed for the new plan.",
  },
  instructions: "Instructions",
  identification: "Identification",
  required: "yes",
  optional: "no",
  expected: "expected (else “to complete” in the matrix)",
  yes: "Yes",
  no: "No",
  axis: (n, label) => `Axis ${n} – ${label}`,
  intro: "This workbook is the submission template of the working groups. How to fill it:",
  stepIdentification:
    "First fill the “Identification” sheet (group, session, organisation, rapporteur, date, group members).",
  stepSheet: (sheet, purpose) => `Sheet “${sheet}”: ${purpose}`,
  stepRequired:
    "Columns marked * are required. Do not change the header row and do not add columns.",
  stepPrompt:
    "Select a cell: a message says what to write in it. In columns with a list, pick the value from the dropdown (▼).",
  stepAmounts:
    "Amounts in FCFA, as figures, without decimals or unit (1,500,000 or 1500000). Completion rate: a number from 0 to 100 (75 means 75%).",
  stepCalendar: (from, to) =>
    `Timeline of the proposals: put X in the column of each planned year (${from} to ${to}).`,
  stepPrefilled: (sheet, review) =>
    `The “${sheet}” sheet lists the activities of the ${review} (grey cells): fill in the status and figures of the activities your group assesses, and delete the other rows.`,
  stepEmpty: "Leave empty the sheets that do not concern your group.",
  stepSave:
    "Save as Excel (.xlsx), even in LibreOffice, and hand the file to the workshop rapporteur.",
  reference: "What each column means",
  tableHead: ["Sheet", "Column", "Required", "Meaning", "Allowed values", "Example"],
  axes: (label) => `Axes of the ${label}`,
  axesHead: ["No.", "Code", "Title"],
  allowed: "Allowed values",
  colon: ": ",
  or: "; ",
  example: "Example",
  free: "Free text",
  code: "Digits separated by dots",
  amount: "Whole number ≥ 0, in FCFA (1,500,000 or 1500000)",
  percent: (min, max) => `Percentage from ${min} to ${max}: 75 or 75%`,
  list: "Text; several items separated by semicolons (;)",
  date: "Date dd/mm/yyyy",
  calendar: (from, to) => `X in the column of each planned year (${from} to ${to})`,
  yearColumn: (year) => `Timeline: X if the action is planned in ${year}.`,
  yearAmounts: (from, to) => `Whole number ≥ 0 per year (${from} to ${to})`,
  marked: (years) => `X under ${years.join(", ")}`,
  pick: "Pick from the list.",
  listErrorTitle: "Value not in the list",
  listError: (values) => `Pick a value from the list: ${values}`,
  numberErrorTitle: "Number expected",
  amountError: "Write an amount in FCFA: a whole number, without unit (1,500,000 or 1500000).",
  percentError: (min, max) => `Write a percentage from ${min} to ${max}: 75 or 75%.`,
  dateErrorTitle: "Date expected",
  dateError: "Write a date dd/mm/yyyy (18/07/2023).",
  idHelp: "Fill in column B. This information applies to the whole file.",
  listsHead: ["list_name", "name", "label"],
};

export const workshopReadme: Catalogue["workshopReadme"] = (w) => {
  const folders = w.sessions.map((s) => `\`${s}/\``).join(", ");
  const kinds = w.csvTemplates.map((k) => `\`${k}\``).join(", ");
  const first = w.sessions[0] ?? "J1";
  return `# ${w.title}

Workshop folder, prepared by \`atelier init\`. It holds:

- \`${w.configFile}\`: the workshop configuration (see below);
- \`${w.schemaFile}\`: its description (JSON Schema), which its \`$schema\` key names: VS Code
  completes the keys from it and underlines a misspelt key or a value of the wrong kind, with no
  network;
- \`${w.templatesFolder}/${w.templateFile}\`: the blank workbook (sheets Instructions, Identification,
  Assessment, Findings, Proposals);
- ${kinds}: the same columns as CSV;
- ${folders}: one folder per session, where the groups' files go.

## How it goes

1. \`atelier template --groupes "Group 1,Group 2,…"\` writes one prefilled workbook per group and
   session into the session folders (\`${first}/Group 1.xlsx\`…): hand it to the group.
2. After each session, copy the groups' files into the session's folder, then run
   \`atelier compile .\`.
3. Read the terminal: the first problems of each file, at their cell (\`Assessment!D12\`), with the
   fix; \`atelier compile . --all\` shows them all.
4. Hand each group \`${w.output}/retours/<groupe>.xlsx\` back: its problems to correct.
5. Decide the divergences: fill in \`${w.output}/arbitrages-a-faire.xlsx\` and save it as
   \`resolutions.xlsx\` in the workshop folder; the next compile applies it.
6. At the end: \`atelier report --format docx,html,pdf\` writes the report (Word, HTML, PDF) and
   \`atelier matrix\` the action matrix, into \`${w.output}/\`.

## Configuration (\`${w.configFile}\`)

Every key is optional; an unknown or misspelt key stops the command with its name.

| key | meaning |
| --- | --- |
| \`title\` | title of the workshop, shown in the templates and the outputs |
| \`language\` | \`fr\` or \`en\`: language of the messages and templates |
| \`currency\` | currency of the amounts (\`XOF\`: FCFA) |
| \`review\` | plan under review: \`label\`, years \`from\`–\`to\`, \`axes\` (list of \`{ code, number, fr, en, aliases }\`) |
| \`plan\` | new plan, same form; its axes are those of the plan under review by default |
| \`reference\` | file of the plan under review (\`Code activité\`, \`Axe\`, \`Activité\`, \`Structure responsable\`, \`Budget prévu\`) |
| \`sessions\` | order of the sessions, and names of their folders |
| \`weights\`, \`bands\` | weights of the statuses and rating thresholds of the implementation rate |
| \`synonyms\` | extra accepted values, by field then by value |
| \`output\` | output folder of the compile |
| \`institution\`, \`country\`, \`motto\`, \`venue\`, \`dates\`, \`partners\` | cover of the report: ministry, country, motto, place, dates \`{ "from": "2023-07-18", "to": "2023-07-20" }\`, partners (list); a text, or \`{ "fr": …, "en": … }\` for the English report |
| \`context\`, \`objectives\` | first chapter of the report: context (paragraphs separated by a blank line) and objectives (list) of the workshop |

With a reference plan (add for example \`"reference": "plan-${w.review.from}-${w.review.to}.csv"\`),
the Assessment sheet of the workbooks \`atelier template\` writes already lists every activity of the
plan: the groups only fill in the status and the figures.
`;
};
