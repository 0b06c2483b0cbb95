import { formatNumber, pick, plural } from "../format.js";
import type { Catalogue } from "../fr/index.js";
import { validation } from "./outputs.js";

/** English texts of the report on the plan under review. */

/** ` (Groupe 4; unreadable file)`: whose rows, and why none of them was read. */
const who = (groupe: string | null, unread: boolean) => {
  const parts = [groupe, unread ? "unreadable file" : null].filter((s) => s !== null);
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
};

/** Rows of a kind from a file that are not in the results: all of them, or those rejected. */
const lost =
  (all: string, one: string, many: string) =>
  (path: string, groupe: string | null, rejected: number | null) =>
    rejected === null
      ? `${all} from ${path}${who(groupe, true)}`
      : `${plural(rejected, "en", one, many)} from ${path}${who(groupe, false)}`;

export const report: Catalogue["report"] = {
  heading: (review) => `Implementation review of the ${review}`,
  subtitle: "Strengths, weaknesses and progress, from the working groups' submissions",
  generated: (date) => `Generated on ${date} by atelier`,
  draft: "Working document built from the groups' submissions: to be validated in plenary.",
  contents: "Contents",
  sections: {
    contexte: "Context and objectives of the workshop",
    methode: "Methodology",
    "chiffres-cles": "Key figures",
    statut: "Implementation status by axis",
    taux: "Implementation rate by axis",
    budget: "Budget execution",
    "constats-transversaux": "Cross-cutting findings",
    "forces-faiblesses": "Strengths and weaknesses by axis",
    "opportunites-menaces": "Opportunities and threats by axis",
    "non-evaluees": "Activities not assessed",
    recommandations: "Recommendations",
    reconduites: "Activities carried over into the new plan",
    "faiblesses-sans-action": "Weaknesses no proposed action addresses",
    conflits: "Conflicts and resolutions",
    "annexe-groupes": "Annex A — Working groups and members",
    "annexe-sources": "Annex B — Sources",
    "annexe-qualite": "Annex C — Data quality",
  },
  coverWhere: (venue, days) => [venue, days].filter((s) => s !== null).join(", "),
  coverPartners: (list) => `With the support of: ${list}`,
  figure: (n, caption) => `Figure ${n} — ${caption}`,
  tableNo: (n, caption) => `Table ${n} — ${caption}`,
  page: "Page",
  pageOf: "of",
  contextDefault: (review, plan, groups, sessions) =>
    `The working groups of the workshop reviewed the implementation of the ${review} and proposed the actions of the ${plan}. This report brings their work together: ${plural(groups, "en", "group", "groups")}${sessions > 0 ? `, ${plural(sessions, "en", "session", "sessions")}` : ""}.`,
  heldAt: (where) => `The workshop was held in ${where}.`,
  heldOn: (days) => `The workshop was held on ${days}.`,
  heldAtOn: (where, days) => `The workshop was held in ${where} on ${days}.`,
  withPartners: (list) => `It was supported by: ${list}.`,
  objectivesTitle: "Objectives of the workshop",
  objectivesDefault: (review, plan) => [
    `Review the implementation of the ${review}: status of activities, implementation rate and budget execution, by axis.`,
    "Identify strengths, weaknesses, opportunities and threats, by axis.",
    `Propose the actions of the ${plan}, in response to the weaknesses found.`,
  ],
  methodWho: (groups, sessions, files, rows) =>
    `Work of ${plural(groups.length, "en", "group", "groups")}${groups.length > 0 ? ` (${groups.join(", ")})` : ""}${sessions.length > 0 ? `, over ${plural(sessions.length, "en", "session", "sessions")} (${sessions.join(", ")})` : ""}: ${plural(files, "en", "file handed in", "files handed in")}, ${plural(rows, "en", "row read", "rows read")}, validated and merged by atelier; each row keeps its source (file, sheet, row). Findings and proposals refer to their sources by a short reference, group and session (G2-J1: group 2, session J1), listed in Annex B.`,
  recLead: (n, total, plan) =>
    `${plural(n, "en", "proposed action", "proposed actions")} for the ${plan} (out of ${formatNumber(total, "en")}) ${pick(n, "en", "addresses", "address")} at least one weakness found; each is followed by the weaknesses it addresses and its sources.`,
  noRecommendation:
    "No proposed action is linked to a weakness found (see “Weaknesses no proposed action addresses”).",
  kFigure: "Indicator",
  kValue: "Value",
  kDetail: "Detail",
  sourcesLabel: "Sources",
  answers: "Addresses",
  objective: "Objective",
  groupsLead:
    "Membership of the groups as their Identification sheets give it (organisation, rapporteur, members); “not given” when no submission of the group gives it.",
  members: "Members",
  rapporteur: "Rapporteur",
  notGiven: "not given",
  ref: "Ref.",
  refsCaption: "Source references",
  refsLead:
    "Each reference stands for the rows of one group in one session; the exact row of each finding, proposal or assessment is in consolidation.xlsx (“Sources” column).",
  missing: "What is missing",
  colon: ": ",
  yes: "yes",
  no: "no",
  quote: (s) => `“${s}”`,
  rowWord: "row",
  kAssessed: "Activities assessed",
  kAssessedOf: (a, r) => `${a} of ${r}`,
  kAssessedRef: (r, pct) =>
    `${pick(r, "en", "activity", "activities")} of the reference plan (${pct})`,
  kAssessedNoRef: (n) => `${pick(n, "en", "activity", "activities")} assessed (no reference plan)`,
  kNotInRef: (codes) => `Assessed but not in the reference plan (counted): ${codes}`,
  kHorsPlan: (codes) => `Unplanned, left out of the figures: ${codes}`,
  kRate: "Implementation rate",
  kRateOn: (n) => `mean over ${plural(n, "en", "assessed activity", "assessed activities")}`,
  kBudget: "Budget execution",
  kBudgetOn: (spent, planned, n) =>
    `${spent} spent of ${planned} planned (${plural(n, "en", "activity", "activities")})`,
  kFindings: "Findings",
  kFindingsOn: (n, k) =>
    `${plural(n, "en", "finding", "findings")}, ${plural(k, "en", "distinct point", "distinct points")}`,
  kProposals: "Proposals",
  kProposalsOn: (n, plan) => `${pick(n, "en", "action", "actions")} proposed for the ${plan}`,
  kConflicts: "Conflicts",
  kConflictsOn: (n) =>
    n === 0
      ? "no disagreement between groups"
      : `${pick(n, "en", "activity, finding or proposal", "activities, findings or proposals")} on which groups disagree, resolved by the rule of the method`,
  activities: (n) => plural(n, "en", "activity", "activities"),
  notComputable: "cannot be computed",
  band: "Rating",
  noRowRead: "No row was read: the files received hold no assessment, findings or proposals table.",
  noRowValid: (n) =>
    `No valid row: ${pick(n, "en", "the one row read was", `all ${formatNumber(n, "en")} rows read were`)} rejected (see Annex C, data quality).`,
  noBilan:
    "No valid assessment sheet was received: activity status, implementation rate and budget execution cannot be computed.",
  noBudget:
    "No activity gives both its planned and its spent budget: budget execution cannot be computed.",
  noConstats:
    "No finding was received: strengths, weaknesses, opportunities and threats cannot be presented.",
  noPropositions: (plan) =>
    `No proposal was received: weaknesses cannot be matched with actions of the ${plan}, and no activity is carried over.`,
  noReference:
    "No reference plan is configured (key “reference” of atelier.config.json): activities nobody assessed cannot be listed.",
  statusLead:
    "Number of activities by consolidated status (one row per activity, once the groups' sheets are merged).",
  statusCaption: "Activities by axis and status",
  unassessedCol: "Not assessed",
  axis: "Axis",
  total: "Total",
  assessedCol: "Assessed",
  chartStatus: (m) => `Stacked bars: activities by status and axis. ${m}`,
  rateLead: (sat, mid) =>
    `Rating: satisfactory from ${sat}, moderately satisfactory from ${mid}, unsatisfactory below.`,
  rateCaption: "Implementation rate and rating by axis",
  rateCol: "Implementation rate",
  overall: "Whole plan",
  chartRate: (m) => `Bars: implementation rate by axis. ${m}`,
  budgetLead: (n) =>
    `Sums over the ${plural(n, "en", "activity that gives", "activities that give")} both the planned and the spent budget.`,
  budgetCaption: (cur) => `Planned and spent budget by axis (${cur})`,
  planned: "Planned",
  spent: "Spent",
  execution: "Execution",
  activitiesCol: "Budgeted activities",
  chartBudget: (m) => `Bars: planned and spent budget by axis, in millions. ${m}`,
  millions: (cur) => `${cur} million`,
  citedBy: (n) => `cited by ${plural(n, "en", "group", "groups")}`,
  variants: "Wordings",
  evidence: "Evidence",
  recommendation: "Recommendation",
  activity: "Activity",
  addressedBy: "Proposed action",
  addressedByMany: "Proposed actions",
  noneOfType: (type) => `${type}: none raised.`,
  noneRaised: "None raised.",
  noOpportunities: "No opportunity or threat was raised.",
  noStrengths: "No strength or weakness was raised.",
  noFindingsAxis: "No finding for this axis.",
  findingsLead:
    "Findings grouped when their wording is close (same type), ranked by how many groups raised them; each wording is followed by its sources (group and session, see Annex B). A cross-cutting finding is shown under each of its axes, with that axis's wordings.",
  crossLead:
    "Findings cited under at least two axes, or by at least three groups: they concern the plan as a whole. Ranked by number of groups, then of axes; each wording is followed by its axis and sources.",
  noCrossCutting:
    "No cross-cutting finding: no finding is cited under two axes or more, nor by three groups or more.",
  citedUnder: (groups, axes) =>
    `cited by ${plural(groups, "en", "group", "groups")} under ${plural(axes, "en", "axis", "axes")}`,
  axesLabel: "Axes",
  crossMark: (groups, axes) =>
    `cross-cutting finding (${plural(groups, "en", "group", "groups")}, ${plural(axes, "en", "axis", "axes")}): see “Cross-cutting findings”`,
  allAssessed: "Every activity of the reference plan has at least one accepted assessment.",
  unreadFiles: (paths) => {
    const one = <T>(a: T, b: T) => pick(paths.length, "en", a, b);
    return `${one("File", "Files")} not taken into account: ${paths.join(", ")} could not be read; none of ${one("its", "their")} rows is in this report (assessments, findings, proposals: a weakness “without action” may have its action in ${one("this file", "these files")}). See the data quality annex.`;
  },
  unassessedLead: (n, r, rejected) => {
    const none = n - rejected;
    const why =
      rejected === 0
        ? `no group assessed ${pick(n, "en", "it", "them")}`
        : none === 0
          ? `${pick(n, "en", "its assessment was", "their assessments were")} rejected (see rejets.csv)`
          : `${formatNumber(none, "en")} nobody assessed, ${formatNumber(rejected, "en")} whose ${pick(rejected, "en", "assessment was", "assessments were")} rejected (see rejets.csv)`;
    return `${plural(n, "en", "activity", "activities")} of the reference plan (out of ${formatNumber(r, "en")}) ${pick(n, "en", "has", "have")} no accepted assessment and ${pick(n, "en", "does", "do")} not count in the implementation rate: ${why}.`;
  },
  unassessedGaps: (activities, rows, single, rejets) =>
    `${pick(activities, "en", "This activity may have been assessed in an assessment sheet that is missing", "Some of these activities may have been assessed in assessment sheets that are missing")}: ${rows} ${single ? "is" : "are"} not in the results (see ${rejets ? "rejets.csv and " : ""}the data quality annex).`,
  unassessedCaption: "Reference plan activities without an assessment",
  unassessedWhy: "Situation",
  unassessedNone: "no assessment",
  unassessedRejected: "assessment rejected (rejets.csv)",
  code: "Code",
  title: "Title",
  carriedLead: (plan) =>
    `Proposals for the ${plan} that carry over or reword an assessed activity, with the state of that activity.`,
  noCarried: (review) => `No proposal carries over or rewords an activity of the ${review}.`,
  carriedCaption: "Activities carried over and their assessment",
  origin: "Source activity",
  assessmentCol: "Assessment",
  notAssessed: "not assessed",
  proposal: "Proposed action",
  nature: "Type",
  notInRef: "not in the reference plan",
  weakLead: (a, t) =>
    `${plural(a, "en", "weakness", "weaknesses")} out of ${formatNumber(t, "en")} ${pick(a, "en", "is", "are")} matched with at least one proposed action; the others are listed here.`,
  allAddressed: "Every weakness raised is matched with at least one proposed action.",
  weakGaps: (weaknesses, rows, single, rejets) =>
    `${pick(weaknesses, "en", "This weakness may have a proposed action after all", "Some of these weaknesses may have a proposed action after all")}: ${rows} ${single ? "is" : "are"} not in the results (see ${rejets ? "rejets.csv and " : ""}the data quality annex).`,
  lostBilan: lost("the assessments", "rejected assessment", "rejected assessments"),
  lostPropositions: lost("the proposals", "rejected proposal", "rejected proposals"),
  lostList: (items) =>
    items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : (items[0] ?? ""),
  noWeakness: "No weakness was raised: nothing to match with the proposals.",
  weakRule:
    "Automatic matching, to be checked: a weakness is covered when a proposal of the same axis (for a cross-cutting finding, of any of its axes) carries over the activity it names, or shares at least two significant words with it or with its recommendation.",
  conflictsLead:
    "When groups give different values for the same activity, finding or proposal, every version is kept (conflits.csv) and one value is chosen by a rule. The status and the rate are one assessment: the rate and the texts kept are those of the assessment whose status was chosen.",
  history: (updates, replaced) =>
    `Not conflicts: ${plural(updates, "en", "item updated by the group that assessed it, in a later session", "items updated by the groups that assessed them, in a later session")}; ${plural(replaced, "en", "row replaced by a newer version of its group's file", "rows replaced by a newer version of their group's file")} (see historique.csv).`,
  noConflicts: "No conflict: the groups that assessed the same activity agree.",
  conflictsCaption: "Conflicts between groups",
  moreConflicts: (n) =>
    `… and ${plural(n, "en", "more conflict", "more conflicts")}: see conflits.csv.`,
  field: "Field",
  chosen: "Chosen value",
  rule: "Rule",
  versions: "Versions",
  method: (assessed, weights, sat, mid, excluded) => [
    `Implementation rate = mean score of the assessed activities. An activity's score is its reported completion rate when given, else the weight of its status: ${weights}.`,
    `Denominator: the assessed activities of the plan (${assessed}). Abandoned activities stay in it (score zero unless a rate is given); unplanned activities (“hors plan”) are left out of every figure, budget execution included${excluded}; activities nobody assessed are not in it and are listed apart.`,
    `Rating: satisfactory from ${sat}; moderately satisfactory from ${mid} to below ${sat}; unsatisfactory below ${mid}.`,
    "Budget execution = sum of spent budgets / sum of planned budgets, over the assessed activities (unplanned ones left out) that give both amounts.",
    "Conflicts between groups: the latest session wins; within one session, the more conservative status, the lower spent budget and the higher planned budget. The status and the rate are one assessment: the rate and the texts kept are those of the group whose status was chosen (without a rate, the status weight applies). The axis follows the reference plan, else the code's number. The rapporteur can decide in resolutions.csv or resolutions.xlsx (arbitrages-a-faire.xlsx filled in).",
    "A group that corrects its own assessment in a later session updates it; two files of one group in one session are two versions, the newer replaces the other (historique.csv). Neither is a conflict.",
    "Clustering of findings: same type, whatever the axis, wordings that share most of their significant words (case, accents and stop words ignored); “cited by N groups” counts distinct groups; a finding cited under at least two axes or by at least three groups is cross-cutting. Strengths, weaknesses, opportunities and threats are never clustered together.",
    "Percentages are rounded to one decimal.",
  ],
  sourcesLead: (files, read, accepted, rejected, dup) =>
    `${plural(files, "en", "file", "files")}, ${plural(read, "en", "row", "rows")} read = ${formatNumber(accepted, "en")} accepted (${plural(dup, "en", "duplicate", "duplicates")} folded) + ${formatNumber(rejected, "en")} rejected.`,
  referenceFile: (path, n) =>
    `Reference plan: ${path} (${plural(n, "en", "activity", "activities")}).`,
  filesCaption: "Files read",
  file: "File",
  group: "Group",
  groups: "Groups",
  session: "Session",
  sessions: "Sessions",
  noSession: "(no session)",
  structure: "Organisation",
  kinds: "Sheets",
  rows: "Rows read",
  accepted: "Accepted",
  rejected: "Rejected",
  errors: "Errors",
  warnings: "Warnings",
  files: "Files",
  groupsCaption: "Working groups",
  sessionsCaption: "Sessions",
  qualityLead: (e, w, r) =>
    `${plural(e, "en", "error", "errors")} and ${plural(w, "en", "warning", "warnings")}; ${plural(r, "en", "row", "rows")} rejected, kept with ${pick(r, "en", "its", "their")} reasons in rejets.csv.`,
  noProblem: "No problem found in the files.",
  byCodeCaption: "Problems by code",
  byFileCaption: "Problems and rejections by file",
  rejetsCaption: "Rejected rows",
  problem: "Problem",
  problems: "Problems",
  rejectedRows: "Rejected rows",
  severity: "Severity",
  severityError: "error",
  severityWarning: "warning",
  severityInfo: "note",
  where: "Location",
  more: (n) =>
    `… and ${plural(n, "en", "more rejected row", "more rejected rows")}: see rejets.csv.`,
  /** The kinds of sheet, as the terminal names them. */
  kindNames: validation.kinds,
};

export const findingTypes: Catalogue["findingTypes"] = {
  force: "Strengths",
  faiblesse: "Weaknesses",
  opportunite: "Opportunities",
  menace: "Threats",
};

export const bands: Catalogue["bands"] = {
  satisfaisant: "satisfactory",
  moyen: "moderately satisfactory",
  insuffisant: "unsatisfactory",
};

export const rules: Catalogue["rules"] = {
  "latest-session": "the latest session wins",
  "conservative-status": "same session: the more conservative status wins",
  "conservative-value": "same session: the more conservative value wins",
  "chosen-assessment": "value of the assessment whose status was chosen",
  "first-source": "same session: the first group's value in file order",
  "reference-plan": "axis of the reference plan for this code",
  "activity-code": "axis given by the code's first number",
  resolution: "rapporteur's decision (resolutions.xlsx or .csv)",
  follows: "; follows the assessment whose status was chosen",
  followsPlan: "; follows the timeline chosen",
  motif: (motif) => ` — reason: ${motif}`,
};

export const axisTitle: Catalogue["axisTitle"] = (n, label) => `Axis ${n} — ${label}`;
