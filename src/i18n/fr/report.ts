import { formatNumber, NBSP, pick, plural } from "../format.js";
import { validation } from "./outputs.js";

/** French texts of the report on the plan under review: every heading, sentence and label. */

/** ` (Groupe 4 ; fichier illisible)`: whose rows, and why none of them was read. */
const who = (groupe: string | null, unread: boolean) => {
  const parts = [groupe, unread ? "fichier illisible" : null].filter((s) => s !== null);
  return parts.length > 0 ? ` (${parts.join(" ; ")})` : "";
};

/** Rows of a kind from a file that are not in the results: all of them, or those rejected. */
const lost =
  (all: string, one: string, many: string) =>
  (path: string, groupe: string | null, rejected: number | null) =>
    rejected === null
      ? `${all} de ${path}${who(groupe, true)}`
      : `${plural(rejected, "fr", one, many)} de ${path}${who(groupe, false)}`;

export const report = {
  heading: (review: string) => `Bilan de la mise en œuvre du ${review}`,
  subtitle: "Forces, faiblesses et état d'avancement, d'après les travaux des groupes",
  generated: (date: string) => `Généré le ${date} par atelier`,
  draft: "Document de travail issu des fiches des groupes : à valider en plénière.",
  contents: "Sommaire",
  sections: {
    contexte: "Contexte et objectifs de l'atelier",
    methode: "Méthodologie",
    "chiffres-cles": "Chiffres clés",
    statut: "État de mise en œuvre par axe",
    taux: "Taux de mise en œuvre par axe",
    budget: "Exécution budgétaire",
    "constats-transversaux": "Constats transversaux",
    "forces-faiblesses": "Forces et faiblesses par axe",
    "opportunites-menaces": "Opportunités et menaces par axe",
    "non-evaluees": "Activités non évaluées",
    recommandations: "Recommandations",
    reconduites: "Activités reconduites dans le nouveau plan",
    "faiblesses-sans-action": "Faiblesses sans action proposée",
    conflits: "Divergences et arbitrages",
    "annexe-groupes": "Annexe A — Groupes de travail et membres",
    "annexe-sources": "Annexe B — Sources",
    "annexe-qualite": "Annexe C — Qualité des données",
  },
  // cover
  coverWhere: (venue: string | null, days: string | null) =>
    [venue, days].filter((s) => s !== null).join(", "),
  coverPartners: (list: string) => `Avec l'appui de${NBSP}: ${list}`,
  figure: (n: number, caption: string) => `Figure ${n} — ${caption}`,
  tableNo: (n: number, caption: string) => `Tableau ${n} — ${caption}`,
  page: "Page",
  pageOf: "sur",
  // context
  contextDefault: (review: string, plan: string, groups: number, sessions: number) =>
    `Les groupes de travail de l'atelier ont fait le bilan de la mise en œuvre du ${review} et proposé les actions du ${plan}. Ce rapport rassemble leurs travaux : ${plural(groups, "fr", "groupe", "groupes")}${sessions > 0 ? `, ${plural(sessions, "fr", "session", "sessions")}` : ""}.`,
  heldAt: (where: string) => `L'atelier s'est tenu à ${where}.`,
  heldOn: (days: string) => `L'atelier s'est tenu ${days}.`,
  heldAtOn: (where: string, days: string) => `L'atelier s'est tenu à ${where}, ${days}.`,
  withPartners: (list: string) => `Il a bénéficié de l'appui de${NBSP}: ${list}.`,
  objectivesTitle: "Objectifs de l'atelier",
  objectivesDefault: (review: string, plan: string) => [
    `Faire le bilan de la mise en œuvre du ${review} : état des activités, taux de mise en œuvre et exécution budgétaire, par axe.`,
    "Relever les forces, les faiblesses, les opportunités et les menaces, par axe.",
    `Proposer les actions du ${plan}, en réponse aux faiblesses relevées.`,
  ],
  // method: who worked
  methodWho: (
    groups: readonly string[],
    sessions: readonly string[],
    files: number,
    rows: number,
  ) =>
    `Travaux de ${plural(groups.length, "fr", "groupe", "groupes")}${groups.length > 0 ? ` (${groups.join(", ")})` : ""}${sessions.length > 0 ? `, sur ${plural(sessions.length, "fr", "session", "sessions")} (${sessions.join(", ")})` : ""} : ${plural(files, "fr", "fichier remis", "fichiers remis")}, ${plural(rows, "fr", "ligne lue", "lignes lues")}, validés et fusionnés par atelier ; chaque ligne garde sa source (fichier, feuille, ligne). Les constats et propositions renvoient à leurs sources par une référence courte, groupe et session (G2-J1 : groupe 2, session J1), détaillée en annexe B.`,
  // recommendations
  recLead: (n: number, total: number, plan: string) =>
    `${plural(n, "fr", "action proposée", "actions proposées")} pour le ${plan} (sur ${formatNumber(total, "fr")}) ${pick(n, "fr", "répond", "répondent")} à au moins une faiblesse relevée ; chacune est suivie des faiblesses auxquelles elle répond et de ses sources.`,
  noRecommendation:
    "Aucune action proposée n'est rapprochée d'une faiblesse relevée (voir « Faiblesses sans action proposée »).",
  kFigure: "Indicateur",
  kValue: "Valeur",
  kDetail: "Précision",
  sourcesLabel: "Sources",
  answers: "Répond à",
  objective: "Objectif",
  // groups annex
  groupsLead:
    "Composition des groupes telle que l'ont donnée leurs feuilles Identification (structure, rapporteur, membres) ; « non renseigné » quand aucune fiche du groupe ne la donne.",
  members: "Membres",
  rapporteur: "Rapporteur",
  notGiven: "non renseigné",
  ref: "Réf.",
  refsCaption: "Références des sources",
  refsLead:
    "Chaque référence désigne les lignes d'un groupe pour une session ; la ligne exacte de chaque constat, proposition ou évaluation est dans consolidation.xlsx (colonne « Sources »).",
  missing: "Ce qui manque",
  colon: "\u00a0: ",
  yes: "oui",
  no: "non",
  quote: (s: string) => `«\u00a0${s}\u00a0»`,
  rowWord: "ligne",
  // key figures
  kAssessed: "Activités évaluées",
  kAssessedOf: (a: string, r: string) => `${a} sur ${r}`,
  /** After « a sur r », agreeing with r. */
  kAssessedRef: (r: number, pct: string) =>
    `${pick(r, "fr", "activité", "activités")} du plan de référence (${pct})`,
  /** After the number `n` (which the HTML shows apart), agreeing with it. */
  kAssessedNoRef: (n: number) =>
    `${pick(n, "fr", "activité évaluée", "activités évaluées")} (pas de plan de référence)`,
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
  kProposalsOn: (n: number, plan: string) =>
    `${pick(n, "fr", "action proposée", "actions proposées")} pour le ${plan}`,
  kConflicts: "Divergences",
  kConflictsOn: (n: number): string =>
    n === 0
      ? "aucune divergence entre les groupes"
      : pick(
          n,
          "fr",
          "activité, constat ou proposition sur lequel des groupes divergent, arbitré selon la règle de la méthode",
          "activités, constats ou propositions sur lesquels des groupes divergent, arbitrés selon la règle de la méthode",
        ),
  activities: (n: number) => plural(n, "fr", "activité", "activités"),
  notComputable: "non calculable",
  band: "Appréciation",
  // missing inputs
  noRowRead:
    "Aucune ligne n'a été lue : les fichiers reçus ne contiennent aucun tableau de bilan, de constats ou de propositions.",
  noRowValid: (n: number) =>
    `Aucune ligne valide : ${plural(n, "fr", "ligne lue a été rejetée", "lignes lues ont toutes été rejetées")} (voir l'annexe C, qualité des données).`,
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
    "Constats regroupés quand leur formulation est proche (même type), classés par nombre de groupes qui les ont cités ; chaque formulation est suivie de ses sources (groupe et session, voir l'annexe B). Un constat transversal est repris sous chacun de ses axes, avec les formulations de cet axe.",
  // cross-cutting findings
  crossLead:
    "Constats cités sous au moins deux axes, ou par au moins trois groupes : ils concernent le plan dans son ensemble. Classés par nombre de groupes, puis d'axes ; chaque formulation est suivie de son axe et de ses sources.",
  noCrossCutting:
    "Aucun constat transversal : aucun constat n'est cité sous deux axes ou plus, ni par trois groupes ou plus.",
  citedUnder: (groups: number, axes: number) =>
    `cité par ${plural(groups, "fr", "groupe", "groupes")} sous ${plural(axes, "fr", "axe", "axes")}`,
  axesLabel: "Axes",
  crossMark: (groups: number, axes: number) =>
    `constat transversal (${plural(groups, "fr", "groupe", "groupes")}, ${plural(axes, "fr", "axe", "axes")}) : voir « Constats transversaux »`,
  // unassessed
  allAssessed: "Toutes les activités du plan de référence ont au moins une évaluation retenue.",
  /** `n` activities without an accepted assessment, `rejected` of them only in rejected rows. */
  unassessedLead: (n: number, r: number, rejected: number) => {
    const none = n - rejected;
    const why =
      rejected === 0
        ? `aucun groupe ne ${pick(n, "fr", "l'a évaluée", "les a évaluées")}`
        : none === 0
          ? `${pick(n, "fr", "son évaluation a été rejetée", "leurs évaluations ont été rejetées")} (voir rejets.csv)`
          : `${formatNumber(none, "fr")} sans aucune évaluation, ${formatNumber(rejected, "fr")} dont ${pick(rejected, "fr", "l'évaluation a été rejetée", "les évaluations ont été rejetées")} (voir rejets.csv)`;
    return `${plural(n, "fr", "activité", "activités")} du plan de référence (sur ${formatNumber(r, "fr")}) ${pick(n, "fr", "n'a", "n'ont")} aucune évaluation retenue et ne ${pick(n, "fr", "compte", "comptent")} pas dans le taux de mise en œuvre : ${why}.`;
  },
  unassessedGaps: (activities: number, rows: string, single: boolean, rejets: boolean) =>
    `${pick(activities, "fr", "Cette activité a peut-être été évaluée dans une fiche bilan qui manque", "Certaines de ces activités ont peut-être été évaluées dans des fiches bilan qui manquent")} : ${rows} ${single ? "n'est" : "ne sont"} pas dans les résultats (voir ${rejets ? "rejets.csv et " : ""}l'annexe sur la qualité des données).`,
  unassessedCaption: "Activités du plan de référence sans évaluation",
  unassessedWhy: "Situation",
  unassessedNone: "aucune évaluation",
  unassessedRejected: "évaluation rejetée (rejets.csv)",
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
    `${plural(a, "fr", "faiblesse", "faiblesses")} sur ${formatNumber(t, "fr")} ${pick(a, "fr", "est rapprochée", "sont rapprochées")} d'au moins une action proposée ; les autres sont listées ici.`,
  allAddressed: "Chaque faiblesse relevée est rapprochée d'au moins une action proposée.",
  weakGaps: (weaknesses: number, rows: string, single: boolean, rejets: boolean) =>
    `${pick(weaknesses, "fr", "Cette faiblesse n'a peut-être pas été oubliée", "Ces faiblesses n'ont peut-être pas toutes été oubliées")} : ${rows} ${single ? "n'est" : "ne sont"} pas dans les résultats (voir ${rejets ? "rejets.csv et " : ""}l'annexe sur la qualité des données).`,
  // rows that are not in the results, named in the two notes above
  lostBilan: lost("les évaluations", "évaluation rejetée", "évaluations rejetées"),
  lostPropositions: lost("les propositions", "proposition rejetée", "propositions rejetées"),
  lostList: (items: readonly string[]) =>
    items.length > 1 ? `${items.slice(0, -1).join(", ")} et ${items.at(-1)}` : (items[0] ?? ""),
  unreadFiles: (paths: readonly string[]) => {
    const one = <T>(a: T, b: T) => pick(paths.length, "fr", a, b);
    return `${one("Fichier non pris en compte", "Fichiers non pris en compte")} : ${paths.join(", ")} ${one("n'a pas pu être lu", "n'ont pas pu être lus")} ; aucune de ${one("ses", "leurs")} lignes n'est dans ce rapport (évaluations, constats, propositions : une faiblesse « sans action » a peut-être la sienne dans ${one("ce fichier", "ces fichiers")}). Voir l'annexe sur la qualité des données.`;
  },
  noWeakness: "Aucune faiblesse n'a été relevée : rien à rapprocher des propositions.",
  weakRule:
    "Rapprochement automatique, à vérifier : une faiblesse est couverte quand une proposition du même axe (pour un constat transversal, de l'un de ses axes) reconduit l'activité qu'elle cite, ou partage au moins deux mots significatifs avec elle ou avec sa recommandation.",
  // conflicts
  conflictsLead:
    "Quand des groupes donnent des valeurs différentes pour une même activité, un même constat ou une même proposition, toutes les versions sont gardées (conflits.csv) et une valeur est retenue selon une règle. Le statut et le taux forment une seule évaluation : le taux et les textes retenus sont ceux de l'évaluation dont le statut est retenu.",
  history: (updates: number, replaced: number) =>
    `Ne sont pas des divergences : ${plural(updates, "fr", "élément mis à jour par le groupe qui l'avait évalué, lors d'une session suivante", "éléments mis à jour par le groupe qui les avait évalués, lors d'une session suivante")} ; ${plural(replaced, "fr", "ligne remplacée par une version plus récente du fichier de son groupe", "lignes remplacées par une version plus récente du fichier de leur groupe")} (détail dans historique.csv).`,
  noConflicts: "Aucune divergence : les groupes qui ont évalué une même activité sont d'accord.",
  conflictsCaption: "Divergences entre groupes",
  moreConflicts: (n: number) =>
    `… et ${plural(n, "fr", "autre divergence", "autres divergences")} : voir conflits.csv.`,
  field: "Champ",
  chosen: "Valeur retenue",
  rule: "Règle",
  versions: "Versions",
  // method
  method: (assessed: number, weights: string, sat: string, mid: string, excluded: string) => [
    `Taux de mise en œuvre = moyenne des scores des activités évaluées. Le score d'une activité est son taux de réalisation déclaré quand il est donné, sinon le poids de son statut : ${weights}.`,
    `Dénominateur : les activités évaluées du plan (${assessed}). Les activités abandonnées y restent (score nul, sauf taux déclaré) ; les activités non programmées (« hors plan ») sont exclues de tous les chiffres, y compris l'exécution budgétaire${excluded} ; les activités que personne n'a évaluées n'y entrent pas et sont listées à part.`,
    `Appréciation : satisfaisant à partir de ${sat} ; moyennement satisfaisant de ${mid} à moins de ${sat} ; insuffisant en dessous de ${mid}.`,
    "Exécution budgétaire = somme des budgets exécutés / somme des budgets prévus, sur les activités évaluées (hors activités non programmées) qui donnent les deux montants.",
    "Divergences entre groupes : la session la plus récente l'emporte ; dans une même session, le statut le plus prudent, le budget exécuté le plus bas et le budget prévu le plus haut. Le statut et le taux forment une seule évaluation : le taux et les textes retenus sont ceux du groupe dont le statut est retenu (sans taux, le poids du statut s'applique). L'axe suit le plan de référence, sinon le numéro du code. Le rapporteur peut trancher dans resolutions.csv ou resolutions.xlsx (arbitrages-a-faire.xlsx rempli).",
    "Un groupe qui corrige sa propre évaluation à une session suivante la met à jour ; deux fichiers d'un même groupe dans une même session sont deux versions, la plus récente remplace l'autre (historique.csv). Ni l'un ni l'autre n'est une divergence.",
    "Regroupement des constats : même type, quel que soit l'axe, formulations qui partagent la plupart de leurs mots significatifs (casse, accents et mots vides ignorés) ; « cité par N groupes » compte les groupes distincts ; un constat cité sous au moins deux axes ou par au moins trois groupes est transversal. Les forces, faiblesses, opportunités et menaces ne sont jamais regroupées entre elles.",
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
    `${plural(e, "fr", "erreur", "erreurs")} et ${plural(w, "fr", "avertissement", "avertissements")} ; ${plural(r, "fr", "ligne rejetée", "lignes rejetées")}, ${pick(r, "fr", "conservée avec ses", "conservées avec leurs")} motifs dans rejets.csv.`,
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
  severityInfo: "note",
  where: "Emplacement",
  more: (n: number) =>
    `… et ${plural(n, "fr", "autre ligne rejetée", "autres lignes rejetées")} : voir rejets.csv.`,
  /** The kinds of sheet, as the terminal names them. */
  kindNames: validation.kinds,
};

/** Finding types as section headings. */
export const findingTypes = {
  force: "Forces",
  faiblesse: "Faiblesses",
  opportunite: "Opportunités",
  menace: "Menaces",
};

/** How an implementation rate is rated against the bands. */
export const bands = {
  satisfaisant: "satisfaisant",
  moyen: "moyennement satisfaisant",
  insuffisant: "insuffisant",
};

/** How a conflict was settled, in words. */
export const rules = {
  "latest-session": "la session la plus récente l'emporte",
  "conservative-status": "même session : le statut le plus prudent l'emporte",
  "conservative-value": "même session : la valeur la plus prudente l'emporte",
  "chosen-assessment": "valeur de l'évaluation dont le statut est retenu",
  "first-source": "même session : la valeur du premier groupe dans l'ordre des fichiers",
  "reference-plan": "axe du plan de référence pour ce code",
  "activity-code": "axe que donne le premier numéro du code",
  resolution: "décision du rapporteur (resolutions.xlsx ou .csv)",
  follows: " ; suit l'évaluation dont le statut est retenu",
  followsPlan: " ; suit le calendrier retenu",
  motif: (motif: string) => ` — motif : ${motif}`,
};

/** `Axe 2 — Protection…`: an axis as a heading. */
export const axisTitle = (n: number, label: string) => `Axe ${n} — ${label}`;
