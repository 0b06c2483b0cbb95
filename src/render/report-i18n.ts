import type { ReportAxis, ReportModel } from "../analysis/report.js";
import {
  bilanFields,
  type FindingType,
  NATURES,
  STATUTS,
  type StatusId,
  TYPES_CONSTAT,
} from "../fields.js";
import { CATALOG, type IssueCode, type Lang } from "../issues.js";
import type { Band, Conflict, Source } from "../model.js";

/**
 * Labels, sentences and number formats of the report, in French and English, shared by the
 * Markdown and HTML renderers. Numbers are formatted here rather than with `Intl` so that the
 * output is the same byte for byte whatever ICU data Node was built with.
 *
 * French: thousands are separated by a narrow no-break space (U+202F), the decimal mark is a
 * comma, and a no-break space (U+00A0) joins a number to its unit: `61,5 %`, `1 500 000 FCFA`.
 * English: `61.5%`, `XOF 1,500,000` (plain space after the currency code).
 */

/** Rejected rows listed in the report; all of them are in rejets.csv. */
export const REJETS_SHOWN = 100;
/** Conflicts listed in the report; all of them are in conflits.csv. */
export const CONFLICTS_SHOWN = 200;

export const NNBSP = "\u202f";
export const NBSP = "\u00a0";

/** Thousands grouped, at most `decimals` decimals, trailing zeros dropped. */
export function formatNumber(n: number, lang: Lang, decimals = 0): string {
  // toPrecision strips float noise (0.5525 * 100) before rounding half up.
  const clean = Number(n.toPrecision(12));
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(clean) * factor) / factor;
  const [int = "0", frac] = rounded.toFixed(decimals).split(".");
  const sep = lang === "fr" ? NNBSP : ",";
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const decimalsText = frac?.replace(/0+$/, "") ?? "";
  const sign = clean < 0 && rounded !== 0 ? "-" : "";
  return `${sign}${grouped}${decimalsText ? (lang === "fr" ? "," : ".") + decimalsText : ""}`;
}

/** A fraction as a percentage with one decimal: 0.615 → `61,5 %` / `61.5%`. */
export function formatPercent(fraction: number, lang: Lang): string {
  return formatPoints(fraction * 100, lang);
}

/** A number already in percent (a completion rate of 45): `45 %` / `45%`. */
export function formatPoints(points: number, lang: Lang): string {
  const n = formatNumber(points, lang, 1);
  return lang === "fr" ? `${n}${NBSP}%` : `${n}%`;
}

/** The currency as people write it: FCFA in French for XOF (and XAF), else the code. */
export function currencyLabel(currency: string, lang: Lang): string {
  if (lang === "fr" && (currency === "XOF" || currency === "XAF")) return "FCFA";
  return currency;
}

export function formatMoney(n: number, currency: string, lang: Lang): string {
  const amount = formatNumber(n, lang, 2);
  const unit = currencyLabel(currency, lang);
  return lang === "fr" ? `${amount}${NBSP}${unit}` : `${unit} ${amount}`;
}

/** Compact amount for chart labels: `1,5 M` / `1.5M`. */
export function formatMillions(n: number, lang: Lang): string {
  const m = n / 1e6;
  const text = formatNumber(m, lang, m !== 0 && Math.abs(m) < 10 ? 1 : 0);
  return lang === "fr" ? `${text}${NBSP}M` : `${text}M`;
}

const MONTHS = {
  fr: [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
};

/** `20 juillet 2023 à 14:05 UTC`: UTC is also Bamako's time. */
export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${NBSP}UTC`;
  const date = `${d.getUTCDate()} ${MONTHS[lang][d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return lang === "fr" ? `${date} à ${time}` : `${date}, ${time}`;
}

/** French counts 0 and 1 as singular. */
export function plural(n: number, lang: Lang, one: string, many: string): string {
  const single = lang === "fr" ? n <= 1 : n === 1;
  return `${formatNumber(n, lang)} ${single ? one : many}`;
}

export function statusLabel(id: string, lang: Lang): string {
  return STATUTS.find((s) => s.id === id)?.[lang] ?? id;
}

export function natureLabel(id: string | null, lang: Lang): string {
  return id === null ? "—" : (NATURES.find((n) => n.id === id)?.[lang] ?? id);
}

export function fieldLabel(id: string, lang: Lang): string {
  return bilanFields.find((f) => f.id === id)?.[lang] ?? id;
}

export function issueTitle(code: IssueCode, lang: Lang): string {
  return CATALOG[code].title[lang];
}

export function typeLabel(type: FindingType, lang: Lang): string {
  return TYPES_CONSTAT.find((t) => t.id === type)?.[lang] ?? type;
}

const TYPE_PLURALS: Record<FindingType, Record<Lang, string>> = {
  force: { fr: "Forces", en: "Strengths" },
  faiblesse: { fr: "Faiblesses", en: "Weaknesses" },
  opportunite: { fr: "Opportunités", en: "Opportunities" },
  menace: { fr: "Menaces", en: "Threats" },
};

export function typePlural(type: FindingType, lang: Lang): string {
  return TYPE_PLURALS[type][lang];
}

const BANDS: Record<Band, Record<Lang, string>> = {
  satisfaisant: { fr: "satisfaisant", en: "satisfactory" },
  moyen: { fr: "moyennement satisfaisant", en: "moderately satisfactory" },
  insuffisant: { fr: "insuffisant", en: "unsatisfactory" },
};

export function bandLabel(band: Band | null, lang: Lang): string {
  return band === null ? "—" : BANDS[band][lang];
}

/** `Axe 2 — Protection et assistance aux victimes` */
export function axisTitle(axis: ReportAxis, lang: Lang): string {
  return `${lang === "fr" ? "Axe" : "Axis"} ${axis.number} — ${axis[lang]}`;
}

/** `2. Protection et assistance aux victimes`, for table rows. */
export function axisShort(axis: ReportAxis, lang: Lang): string {
  return `${axis.number}. ${axis[lang]}`;
}

/** `Groupe 2, J1 (J1/groupe-2.xlsx!Bilan:4)` */
export function sourceText(s: Source): string {
  const where = `${s.file}${s.sheet ? `!${s.sheet}` : ""}:${s.row}`;
  const who = [s.groupe, s.session].filter((v) => v !== null && v !== "").join(", ");
  return who ? `${who} (${where})` : where;
}

/** A conflicting value as people read it: status label, rate in %, amount in currency. */
export function conflictValue(field: string, value: unknown, currency: string, lang: Lang): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "statut") return statusLabel(String(value), lang);
  if (field === "taux_realisation" && typeof value === "number") return formatPoints(value, lang);
  if (typeof value === "number") return formatMoney(value, currency, lang);
  return String(value);
}

export function ruleText(k: Conflict, lang: Lang): string {
  const base = {
    "latest-session": {
      fr: "la session la plus récente l'emporte",
      en: "the latest session wins",
    },
    "conservative-status": {
      fr: "même session : le statut le plus prudent l'emporte",
      en: "same session: the more conservative status wins",
    },
    "conservative-value": {
      fr: "même session : la valeur la plus prudente l'emporte",
      en: "same session: the more conservative value wins",
    },
    resolution: {
      fr: "décision du rapporteur (resolutions.csv)",
      en: "rapporteur's decision (resolutions.csv)",
    },
  }[k.rule][lang];
  const follows =
    k.follows === "statut"
      ? lang === "fr"
        ? " ; le taux suit le statut retenu"
        : "; the rate follows the chosen status"
      : "";
  const motif = k.motif ? (lang === "fr" ? ` — motif : ${k.motif}` : ` — reason: ${k.motif}`) : "";
  return `${base}${follows}${motif}`;
}

export const SECTION_IDS = [
  "chiffres-cles",
  "statut",
  "taux",
  "budget",
  "forces-faiblesses",
  "opportunites-menaces",
  "non-evaluees",
  "reconduites",
  "faiblesses-sans-action",
  "conflits",
  "methode",
  "annexe-sources",
  "annexe-qualite",
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

type Texts = typeof FR;

const FR = {
  heading: (m: ReportModel) => `Bilan de la mise en œuvre du ${m.review.label}`,
  subtitle: "Forces, faiblesses et état d'avancement, d'après les travaux des groupes",
  generated: (date: string) => `Généré le ${date} par atelier`,
  draft: "Document de travail issu des fiches des groupes : à valider en plénière.",
  contents: "Sommaire",
  sections: {
    "chiffres-cles": "Chiffres clés",
    statut: "État des activités par axe",
    taux: "Taux de mise en œuvre par axe",
    budget: "Exécution budgétaire par axe",
    "forces-faiblesses": "Forces et faiblesses par axe",
    "opportunites-menaces": "Opportunités et menaces par axe",
    "non-evaluees": "Activités que personne n'a évaluées",
    reconduites: "Activités reconduites dans le nouveau plan",
    "faiblesses-sans-action": "Faiblesses sans action proposée",
    conflits: "Divergences entre groupes et arbitrages",
    methode: "Méthode",
    "annexe-sources": "Annexe A — Sources",
    "annexe-qualite": "Annexe B — Qualité des données",
  } satisfies Record<SectionId, string>,
  missing: "Ce qui manque",
  colon: "\u00a0: ",
  quote: (s: string) => `«\u00a0${s}\u00a0»`,
  rowWord: "ligne",
  // key figures
  kAssessed: "Activités évaluées",
  kAssessedOf: (a: string, r: string) => `${a} sur ${r}`,
  kAssessedRef: (pct: string) => `activités du plan de référence (${pct})`,
  kAssessedNoRef: "activités évaluées (pas de plan de référence)",
  kNotInRef: (codes: string) => `Évaluées mais absentes du plan de référence (comptées) : ${codes}`,
  kHorsPlan: (codes: string) => `Non programmées, hors calcul : ${codes}`,
  kRate: "Taux de mise en œuvre",
  kRateOn: (n: number) =>
    `moyenne sur ${plural(n, "fr", "activité évaluée", "activités évaluées")}`,
  kBudget: "Exécution budgétaire",
  kBudgetOn: (spent: string, planned: string, n: number) =>
    `${spent} exécutés sur ${planned} prévus (${plural(n, "fr", "activité", "activités")})`,
  kFindings: "Constats",
  kFindingsOn: (n: number, k: number) =>
    `${plural(n, "fr", "constat", "constats")}, ${plural(k, "fr", "point distinct", "points distincts")}`,
  kProposals: "Propositions",
  kProposalsOn: (plan: string) => `actions proposées pour le ${plan}`,
  kConflicts: "Divergences",
  kConflictsOn: (n: number) =>
    n === 0
      ? "aucune divergence entre les groupes"
      : `valeur${n > 1 ? "s" : ""} sur laquelle${n > 1 ? "s" : ""} des groupes divergent, ${n > 1 ? "arbitrées" : "arbitrée"} selon la règle de la méthode`,
  activities: (n: number) => plural(n, "fr", "activité", "activités"),
  notComputable: "non calculable",
  band: "Appréciation",
  // missing inputs
  noRowRead:
    "Aucune ligne n'a été lue : les fichiers reçus ne contiennent aucun tableau de bilan, de constats ou de propositions.",
  noRowValid: (n: number) =>
    `Aucune ligne valide : ${plural(n, "fr", "ligne lue a été rejetée", "lignes lues ont toutes été rejetées")} (voir l'annexe B, qualité des données).`,
  noBilan:
    "Aucune fiche bilan valide n'a été reçue : l'état des activités, le taux de mise en œuvre et l'exécution budgétaire ne peuvent pas être calculés.",
  noBudget:
    "Aucune activité ne donne à la fois le budget prévu et le budget exécuté : l'exécution budgétaire ne peut pas être calculée.",
  noConstats:
    "Aucun constat n'a été reçu : les forces, faiblesses, opportunités et menaces ne peuvent pas être présentées.",
  noPropositions: (plan: string) =>
    `Aucune proposition n'a été reçue : les faiblesses ne peuvent pas être rapprochées d'actions du ${plan}, et aucune activité n'est reconduite.`,
  noReference:
    "Aucun plan de référence n'est configuré (clé « reference » de atelier.config.json) : les activités que personne n'a évaluées ne peuvent pas être listées.",
  // status
  statusLead:
    "Nombre d'activités par statut consolidé (une ligne par activité, après regroupement des fiches des groupes).",
  statusCaption: "Activités par axe et par statut",
  unassessedCol: "Non évaluées",
  axis: "Axe",
  total: "Total",
  assessedCol: "Évaluées",
  chartStatus: (m: string) => `Barres empilées : activités par statut et par axe. ${m}`,
  // rate
  rateLead: (sat: string, mid: string) =>
    `Appréciation : satisfaisant à partir de ${sat}, moyennement satisfaisant à partir de ${mid}, insuffisant en dessous.`,
  rateCaption: "Taux de mise en œuvre et appréciation par axe",
  rateCol: "Taux de mise en œuvre",
  overall: "Ensemble du plan",
  chartRate: (m: string) => `Barres : taux de mise en œuvre par axe. ${m}`,
  // budget
  budgetLead: (n: number) =>
    `Sommes sur les ${plural(n, "fr", "activité qui donne", "activités qui donnent")} à la fois le budget prévu et le budget exécuté.`,
  budgetCaption: (cur: string) => `Budget prévu et exécuté par axe (${cur})`,
  planned: "Prévu",
  spent: "Exécuté",
  execution: "Exécution",
  activitiesCol: "Activités budgétées",
  chartBudget: (m: string) => `Barres : budget prévu et exécuté par axe, en millions. ${m}`,
  millions: (cur: string) => `en millions de ${cur}`,
  // findings
  citedBy: (n: number) => `cité par ${plural(n, "fr", "groupe", "groupes")}`,
  variants: "Formulations",
  evidence: "Preuve",
  recommendation: "Recommandation",
  activity: "Activité",
  addressedBy: "Action proposée",
  addressedByMany: "Actions proposées",
  noneOfType: (type: string) => `${type} : aucune relevée.`,
  noneRaised: "Aucune relevée.",
  noOpportunities: "Aucune opportunité ni menace n'a été relevée.",
  noStrengths: "Aucune force ni faiblesse n'a été relevée.",
  noFindingsAxis: "Aucun constat pour cet axe.",
  findingsLead:
    "Constats regroupés quand leur formulation est proche (même axe, même type), classés par nombre de groupes qui les ont cités ; chaque formulation est suivie de ses sources (groupe, session, fichier, ligne).",
  // unassessed
  allAssessed: "Toutes les activités du plan de référence ont été évaluées par au moins un groupe.",
  unassessedLead: (n: number, r: number) =>
    `${plural(n, "fr", "activité", "activités")} du plan de référence (sur ${r}) n'${n > 1 ? "ont" : "a"} été évaluée${n > 1 ? "s" : ""} par aucun groupe : elles ne comptent pas dans le taux de mise en œuvre.`,
  unassessedCaption: "Activités du plan de référence sans évaluation",
  code: "Code",
  title: "Intitulé",
  // carried over
  carriedLead: (plan: string) =>
    `Propositions pour le ${plan} qui reconduisent ou reformulent une activité évaluée, avec l'état de cette activité.`,
  noCarried: (review: string) =>
    `Aucune proposition ne reconduit ni ne reformule une activité du ${review}.`,
  carriedCaption: "Activités reconduites et leur évaluation",
  origin: "Activité d'origine",
  assessmentCol: "Évaluation",
  notAssessed: "non évaluée",
  proposal: "Action proposée",
  nature: "Nature",
  notInRef: "hors plan de référence",
  // weaknesses without action
  weakLead: (a: number, t: number) =>
    `${a} faiblesse${a > 1 ? "s" : ""} sur ${t} ${a > 1 ? "sont rapprochées" : "est rapprochée"} d'au moins une action proposée ; les autres sont listées ici.`,
  allAddressed: "Chaque faiblesse relevée est rapprochée d'au moins une action proposée.",
  noWeakness: "Aucune faiblesse n'a été relevée : rien à rapprocher des propositions.",
  weakRule:
    "Rapprochement automatique, à vérifier : une faiblesse est couverte quand une proposition du même axe reconduit l'activité qu'elle cite, ou partage au moins deux mots significatifs avec elle ou avec sa recommandation.",
  // conflicts
  conflictsLead:
    "Quand des groupes donnent des valeurs différentes pour une même activité, toutes les versions sont gardées (conflits.csv) et une valeur est retenue selon une règle.",
  noConflicts: "Aucune divergence : les groupes qui ont évalué une même activité sont d'accord.",
  conflictsCaption: "Divergences entre groupes",
  moreConflicts: (n: number) =>
    `… et ${plural(n, "fr", "autre divergence", "autres divergences")} : voir conflits.csv.`,
  field: "Champ",
  chosen: "Valeur retenue",
  rule: "Règle",
  versions: "Versions",
  // method
  method: (m: ReportModel, weights: string, sat: string, mid: string, excluded: string) => [
    `Taux de mise en œuvre = moyenne des scores des activités évaluées. Le score d'une activité est son taux de réalisation déclaré quand il est donné, sinon le poids de son statut : ${weights}.`,
    `Dénominateur : les activités évaluées du plan (${m.key.assessed}). Les activités abandonnées y restent, avec un score nul ; les activités non programmées (« hors plan ») en sont exclues${excluded} ; les activités que personne n'a évaluées n'y entrent pas et sont listées à part.`,
    `Appréciation : satisfaisant à partir de ${sat} ; moyennement satisfaisant de ${mid} à moins de ${sat} ; insuffisant en dessous de ${mid}.`,
    "Exécution budgétaire = somme des budgets exécutés / somme des budgets prévus, sur les activités qui donnent les deux montants.",
    "Divergences : la session la plus récente l'emporte ; dans une même session, l'évaluation la plus prudente (statut le plus bas, taux et budget exécuté les plus bas, budget prévu le plus haut) ; le rapporteur peut trancher dans resolutions.csv.",
    "Regroupement des constats : même axe, même type, formulations qui partagent la plupart de leurs mots significatifs (casse, accents et mots vides ignorés) ; « cité par N groupes » compte les groupes distincts.",
    "Les pourcentages sont arrondis à une décimale.",
  ],
  // annexes
  sourcesLead: (files: number, read: number, accepted: number, rejected: number, dup: number) =>
    `${plural(files, "fr", "fichier", "fichiers")}, ${plural(read, "fr", "ligne lue", "lignes lues")} = ${plural(accepted, "fr", "acceptée", "acceptées")} (dont ${plural(dup, "fr", "doublon regroupé", "doublons regroupés")}) + ${plural(rejected, "fr", "rejetée", "rejetées")}.`,
  referenceFile: (path: string, n: number) =>
    `Plan de référence : ${path} (${plural(n, "fr", "activité", "activités")}).`,
  filesCaption: "Fichiers lus",
  file: "Fichier",
  group: "Groupe",
  groups: "Groupes",
  session: "Session",
  sessions: "Sessions",
  noSession: "(sans session)",
  structure: "Structure",
  kinds: "Fiches",
  rows: "Lignes lues",
  accepted: "Acceptées",
  rejected: "Rejetées",
  errors: "Erreurs",
  warnings: "Avertissements",
  files: "Fichiers",
  groupsCaption: "Groupes de travail",
  sessionsCaption: "Sessions",
  qualityLead: (e: number, w: number, r: number) =>
    `${plural(e, "fr", "erreur", "erreurs")} et ${plural(w, "fr", "avertissement", "avertissements")} ; ${plural(r, "fr", "ligne rejetée", "lignes rejetées")}, ${r > 1 ? "conservées" : "conservée"} avec ${r > 1 ? "leurs" : "ses"} motifs dans rejets.csv.`,
  noProblem: "Aucun problème relevé dans les fichiers.",
  byCodeCaption: "Problèmes par code",
  byFileCaption: "Problèmes et rejets par fichier",
  rejetsCaption: "Lignes rejetées",
  problem: "Problème",
  problems: "Problèmes",
  rejectedRows: "Lignes rejetées",
  severity: "Gravité",
  severityError: "erreur",
  severityWarning: "avertissement",
  where: "Emplacement",
  more: (n: number) =>
    `… et ${plural(n, "fr", "autre ligne rejetée", "autres lignes rejetées")} : voir rejets.csv.`,
  kindNames: {
    bilan: "bilan",
    constats: "constats",
    propositions: "propositions",
    reference: "plan de référence",
  } as Record<string, string>,
};

const EN: Texts = {
  heading: (m) => `Implementation review of the ${m.review.label}`,
  subtitle: "Strengths, weaknesses and progress, from the working groups' submissions",
  generated: (date) => `Generated on ${date} by atelier`,
  draft: "Working document built from the groups' submissions: to be validated in plenary.",
  contents: "Contents",
  sections: {
    "chiffres-cles": "Key figures",
    statut: "Activity status by axis",
    taux: "Implementation rate by axis",
    budget: "Budget execution by axis",
    "forces-faiblesses": "Strengths and weaknesses by axis",
    "opportunites-menaces": "Opportunities and threats by axis",
    "non-evaluees": "Activities nobody assessed",
    reconduites: "Activities carried over into the new plan",
    "faiblesses-sans-action": "Weaknesses no proposed action addresses",
    conflits: "Conflicts between groups and how they were resolved",
    methode: "Method",
    "annexe-sources": "Annex A — Sources",
    "annexe-qualite": "Annex B — Data quality",
  },
  missing: "What is missing",
  colon: ": ",
  quote: (s) => `“${s}”`,
  rowWord: "row",
  kAssessed: "Activities assessed",
  kAssessedOf: (a, r) => `${a} of ${r}`,
  kAssessedRef: (pct) => `activities of the reference plan (${pct})`,
  kAssessedNoRef: "activities assessed (no reference plan)",
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
  kProposalsOn: (plan) => `actions proposed for the ${plan}`,
  kConflicts: "Conflicts",
  kConflictsOn: (n) =>
    n === 0
      ? "no disagreement between groups"
      : `value${n === 1 ? "" : "s"} on which groups disagree, resolved by the rule of the method`,
  activities: (n) => plural(n, "en", "activity", "activities"),
  notComputable: "cannot be computed",
  band: "Rating",
  noRowRead: "No row was read: the files received hold no assessment, findings or proposals table.",
  noRowValid: (n) =>
    `No valid row: ${n === 1 ? "the one row read was" : `all ${formatNumber(n, "en")} rows read were`} rejected (see Annex B, data quality).`,
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
    "Findings grouped when their wording is close (same axis, same type), ranked by how many groups raised them; each wording is followed by its sources (group, session, file, row).",
  allAssessed: "Every activity of the reference plan was assessed by at least one group.",
  unassessedLead: (n, r) =>
    `${plural(n, "en", "activity", "activities")} of the reference plan (out of ${r}) ${n === 1 ? "was" : "were"} assessed by no group: they do not count in the implementation rate.`,
  unassessedCaption: "Reference plan activities without an assessment",
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
    `${a} weakness${a === 1 ? "" : "es"} out of ${t} ${a === 1 ? "is" : "are"} matched with at least one proposed action; the others are listed here.`,
  allAddressed: "Every weakness raised is matched with at least one proposed action.",
  noWeakness: "No weakness was raised: nothing to match with the proposals.",
  weakRule:
    "Automatic matching, to be checked: a weakness is covered when a proposal of the same axis carries over the activity it names, or shares at least two significant words with it or with its recommendation.",
  conflictsLead:
    "When groups give different values for the same activity, every version is kept (conflits.csv) and one value is chosen by a rule.",
  noConflicts: "No conflict: the groups that assessed the same activity agree.",
  conflictsCaption: "Conflicts between groups",
  moreConflicts: (n) =>
    `… and ${plural(n, "en", "more conflict", "more conflicts")}: see conflits.csv.`,
  field: "Field",
  chosen: "Chosen value",
  rule: "Rule",
  versions: "Versions",
  method: (m, weights, sat, mid, excluded) => [
    `Implementation rate = mean score of the assessed activities. An activity's score is its reported completion rate when given, else the weight of its status: ${weights}.`,
    `Denominator: the assessed activities of the plan (${m.key.assessed}). Abandoned activities stay in it with a score of zero; unplanned activities (“hors plan”) are left out${excluded}; activities nobody assessed are not in it and are listed apart.`,
    `Rating: satisfactory from ${sat}; moderately satisfactory from ${mid} to below ${sat}; unsatisfactory below ${mid}.`,
    "Budget execution = sum of spent budgets / sum of planned budgets, over the activities that give both amounts.",
    "Conflicts: the latest session wins; within one session, the more conservative assessment (lower status, lower rate and spent budget, higher planned budget); the rapporteur can decide in resolutions.csv.",
    "Clustering of findings: same axis, same type, wordings that share most of their significant words (case, accents and stop words ignored); “cited by N groups” counts distinct groups.",
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
    `${plural(e, "en", "error", "errors")} and ${plural(w, "en", "warning", "warnings")}; ${plural(r, "en", "row", "rows")} rejected, kept with ${r === 1 ? "its" : "their"} reasons in rejets.csv.`,
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
  where: "Location",
  more: (n) =>
    `… and ${plural(n, "en", "more rejected row", "more rejected rows")}: see rejets.csv.`,
  kindNames: {
    bilan: "assessment",
    constats: "findings",
    propositions: "proposals",
    reference: "reference plan",
  },
};

export const TEXTS: Record<Lang, Texts> = { fr: FR, en: EN };

/** Statuses in display order, with the colour used by the charts (colour-blind safe). */
export const STATUS_COLORS: Record<StatusId | "non_evalue", { fill: string; ink: string }> = {
  realise: { fill: "#1a7340", ink: "#ffffff" },
  partiel: { fill: "#7fc17f", ink: "#0b2e14" },
  en_cours: { fill: "#f2c14e", ink: "#3b2a00" },
  non_realise: { fill: "#d9603b", ink: "#ffffff" },
  abandonne: { fill: "#8c2d2d", ink: "#ffffff" },
  non_evalue: { fill: "#d4d4d4", ink: "#222222" },
};

export const BAND_COLORS: Record<Band, string> = {
  satisfaisant: "#1a7340",
  moyen: "#c98a00",
  insuffisant: "#b3401f",
};

/** The sentences that say what the report could not be built from. */
export function missingInputs(m: ReportModel, lang: Lang): string[] {
  const t = TEXTS[lang];
  const out: string[] = [];
  if (m.received.rowsRead === 0) out.push(t.noRowRead);
  else if (m.received.rowsAccepted === 0) out.push(t.noRowValid(m.received.rowsRead));
  if (m.received.bilan === 0) out.push(t.noBilan);
  else if (m.key.budget.activities === 0) out.push(t.noBudget);
  if (m.received.constats === 0) out.push(t.noConstats);
  if (m.received.propositions === 0) out.push(t.noPropositions(m.plan.label));
  if (m.received.reference === null) out.push(t.noReference);
  return out;
}

/** `Réalisé 1, Partiellement réalisé 0,5, …` */
export function weightsText(m: ReportModel, lang: Lang): string {
  return (Object.entries(m.weights) as [StatusId, number][])
    .map(([id, w]) => `${statusLabel(id, lang)} ${formatNumber(w, lang, 2)}`)
    .join(", ");
}
