/**
 * The field registry: the single source of truth for every column atelier reads.
 * Header matching, value parsing, the zod schemas, templates, the JSON/Table Schema export and
 * the README field table are all derived from these arrays; no field is described anywhere else.
 * Order here is column order in templates and outputs.
 */

/** How a cell is read. Each type has exactly one parser in `normalize/values.ts` (a mapped type checks it). */
export type FieldType =
  | "text"
  | "code"
  | "axis"
  | "enum"
  | "amount"
  | "percent"
  | "bool"
  | "calendar"
  | "list"
  | "date"
  | "yearAmounts";

/** One allowed value of an enumeration: stored as `id`, accepted as id, labels or synonyms. */
export interface EnumValue {
  id: string;
  fr: string;
  en: string;
  synonyms?: readonly string[];
}

export interface FieldSpec {
  /** Stable identifier used in outputs (`code_activite`). */
  id: string;
  /** Canonical French header. */
  fr: string;
  /** Canonical English header. */
  en: string;
  /** Other headers people write; matched after folding case, accents, spacing and units. */
  aliases: readonly string[];
  type: FieldType;
  required: boolean;
  /** Allowed values, for `enum` fields. */
  values?: readonly EnumValue[];
  /** Bounds for numbers (amounts and rates). */
  min?: number;
  max?: number;
  help: { fr: string; en: string };
  /** A value that passes, shown in templates and docs. */
  example?: string;
  /**
   * Bilan fields a group fills when it assesses an activity; the others may come prefilled from
   * the reference plan, so a row that has none of these is an activity left unassessed.
   */
  assessment?: true;
  /**
   * Proposition fields a draft should give but may leave for later (indicator, responsible body,
   * partners, cost): an empty cell is a warning (`missing-expected`), never a rejection, and the
   * matrix marks it « à compléter ». Not `required`: the row is kept.
   */
  expected?: true;
  /**
   * Text that lists items (`membres`): a line break typed inside the cell (Alt+Entrée) separates
   * two items, so it is kept as « ; » instead of becoming a space like in any other text.
   */
  lineItems?: true;
}

export const STATUTS = [
  {
    id: "realise",
    fr: "Réalisé",
    en: "Done",
    synonyms: ["réalisée", "exécuté", "exécutée", "achevé", "achevée", "fait", "terminé"],
  },
  {
    id: "partiel",
    fr: "Partiellement réalisé",
    en: "Partially done",
    synonyms: ["partiel", "réalisé en partie", "partiellement exécuté", "partiellement"],
  },
  {
    id: "en_cours",
    fr: "En cours",
    en: "Ongoing",
    synonyms: ["en cours d'exécution", "démarré", "in progress"],
  },
  {
    id: "non_realise",
    fr: "Non réalisé",
    en: "Not done",
    synonyms: ["non entamé", "non démarré", "non exécuté", "pas réalisé", "not started"],
  },
  {
    id: "abandonne",
    fr: "Abandonné",
    en: "Abandoned",
    synonyms: ["annulé", "caduc", "sans objet", "cancelled"],
  },
] as const satisfies readonly EnumValue[];

export const TYPES_CONSTAT = [
  { id: "force", fr: "Force", en: "Strength", synonyms: ["point fort", "acquis"] },
  { id: "faiblesse", fr: "Faiblesse", en: "Weakness", synonyms: ["point faible", "insuffisance"] },
  { id: "opportunite", fr: "Opportunité", en: "Opportunity" },
  { id: "menace", fr: "Menace", en: "Threat", synonyms: ["risque", "contrainte"] },
] as const satisfies readonly EnumValue[];

export const PRIORITES = [
  { id: "haute", fr: "Haute", en: "High", synonyms: ["élevée", "forte"] },
  { id: "moyenne", fr: "Moyenne", en: "Medium" },
  { id: "basse", fr: "Basse", en: "Low", synonyms: ["faible"] },
] as const satisfies readonly EnumValue[];

export const NATURES = [
  { id: "nouvelle", fr: "Nouvelle", en: "New", synonyms: ["nouveau"] },
  { id: "reconduite", fr: "Reconduite", en: "Carried over", synonyms: ["reconduit", "maintenue"] },
  { id: "reformulee", fr: "Reformulée", en: "Reworded", synonyms: ["reformulé", "révisée"] },
] as const satisfies readonly EnumValue[];

const axe = {
  id: "axe",
  fr: "Axe stratégique",
  en: "Strategic axis",
  aliases: ["Axe", "Axis", "Axe du PAN", "N° axe"],
  type: "axis",
  required: true,
  help: {
    fr: "Code (PREV, PROT, POUR, COOR), numéro (1 à 4), « Axe 2 » ou intitulé de l'axe.",
    en: "Code (PREV, PROT, POUR, COOR), number (1 to 4), “Axe 2” or the axis label.",
  },
  example: "Axe 2",
} as const satisfies FieldSpec;

const codeActivite = {
  id: "code_activite",
  fr: "Code activité",
  en: "Activity code",
  aliases: ["Code", "N° activité", "Numéro activité", "Réf. activité", "Référence"],
  type: "code",
  required: true,
  help: {
    fr: "Numéro de l'activité dans le plan, chiffres séparés par des points (1.2.3).",
    en: "Activity number in the plan, digits separated by dots (1.2.3).",
  },
  example: "2.1.3",
} as const satisfies FieldSpec;

const responsable = {
  id: "responsable",
  fr: "Structure responsable",
  en: "Responsible body",
  aliases: ["Responsable", "Structure en charge", "Responsable de mise en œuvre", "Responsables"],
  type: "text",
  required: false,
  help: {
    fr: "Institution chargée de la mise en œuvre.",
    en: "Institution in charge of implementation.",
  },
  example: "Ministère de la Justice et des Droits de l'Homme",
} as const satisfies FieldSpec;

const indicateur = {
  id: "indicateur",
  fr: "Indicateur",
  en: "Indicator",
  aliases: ["Indicateurs", "Indicateur de performance", "Indicateur de résultat"],
  type: "text",
  required: false,
  help: { fr: "Ce qui permet de mesurer l'activité.", en: "What measures the activity." },
  example: "Nombre d'agents formés",
} as const satisfies FieldSpec;

const cible = {
  id: "cible",
  fr: "Cible",
  en: "Target",
  aliases: ["Valeur cible"],
  type: "text",
  required: false,
  help: { fr: "Valeur visée pour l'indicateur.", en: "Target value of the indicator." },
  example: "200 agents",
} as const satisfies FieldSpec;

const sourceFinancement = {
  id: "source_financement",
  fr: "Source de financement",
  en: "Funding source",
  aliases: ["Financement", "Bailleur", "Bailleurs", "Source"],
  type: "text",
  required: false,
  help: { fr: "Budget d'État, partenaire…", en: "State budget, partner…" },
  example: "Budget national, OIM",
} as const satisfies FieldSpec;

const amountHelp = {
  fr: "Montant en FCFA, sans décimales : 1 500 000 ou 1500000.",
  en: "Amount in FCFA: 1500000 or 1 500 000.",
};

export const bilanFields = [
  axe,
  codeActivite,
  {
    id: "activite",
    fr: "Activité",
    en: "Activity",
    aliases: ["Activités", "Intitulé de l'activité", "Libellé activité"],
    type: "text",
    required: true,
    help: { fr: "Intitulé de l'activité du plan.", en: "Activity title in the plan." },
    example: "Former les magistrats à la loi n°2012-023",
  },
  responsable,
  indicateur,
  cible,
  {
    id: "resultat",
    fr: "Résultat atteint",
    en: "Result achieved",
    aliases: ["Résultat", "Résultats", "Résultats obtenus", "Réalisations"],
    type: "text",
    required: false,
    assessment: true,
    help: { fr: "Ce qui a été obtenu.", en: "What was achieved." },
    example: "120 magistrats formés",
  },
  {
    id: "statut",
    fr: "Statut",
    en: "Status",
    aliases: ["État", "Etat d'exécution", "Niveau d'exécution", "Statut de mise en œuvre"],
    type: "enum",
    values: STATUTS,
    required: true,
    assessment: true,
    help: {
      fr: "Réalisé, Partiellement réalisé, En cours, Non réalisé ou Abandonné.",
      en: "Done, Partially done, Ongoing, Not done or Abandoned.",
    },
    example: "Partiellement réalisé",
  },
  {
    id: "taux_realisation",
    fr: "Taux de réalisation (%)",
    en: "Completion rate (%)",
    aliases: ["Taux de réalisation", "Taux", "Taux d'exécution physique", "% réalisation"],
    type: "percent",
    min: 0,
    max: 100,
    required: false,
    assessment: true,
    help: {
      fr: "Pourcentage de 0 à 100 : 75 ou 75 %.",
      en: "Percentage from 0 to 100: 75 or 75%.",
    },
    example: "60 %",
  },
  {
    id: "budget_prevu",
    fr: "Budget prévu (FCFA)",
    en: "Planned budget (FCFA)",
    aliases: ["Budget prévu", "Coût prévu", "Montant prévu", "Budget"],
    type: "amount",
    min: 0,
    required: false,
    help: amountHelp,
    example: "25 000 000",
  },
  {
    id: "budget_execute",
    fr: "Budget exécuté (FCFA)",
    en: "Spent budget (FCFA)",
    aliases: ["Budget exécuté", "Montant exécuté", "Dépenses", "Budget consommé", "Spent"],
    type: "amount",
    min: 0,
    required: false,
    assessment: true,
    help: amountHelp,
    example: "15 000 000",
  },
  sourceFinancement,
  {
    id: "difficultes",
    fr: "Difficultés rencontrées",
    en: "Difficulties",
    aliases: ["Difficultés", "Contraintes", "Obstacles"],
    type: "text",
    required: false,
    assessment: true,
    help: { fr: "Ce qui a freiné la mise en œuvre.", en: "What slowed implementation." },
    example: "Retard de décaissement",
  },
  {
    id: "hors_plan",
    fr: "Activité non programmée",
    en: "Unplanned activity",
    aliases: ["Hors plan", "Non programmée", "Hors PAN"],
    type: "bool",
    required: false,
    assessment: true,
    help: {
      fr: "Oui si l'activité ne figure pas dans le plan (son code peut alors être nouveau).",
      en: "Yes when the activity is not in the plan (its code may then be new).",
    },
    example: "Non",
  },
  {
    id: "observations",
    fr: "Observations",
    en: "Comments",
    aliases: ["Observation", "Commentaires", "Remarques", "Notes"],
    type: "text",
    required: false,
    assessment: true,
    help: { fr: "Toute précision utile.", en: "Any useful detail." },
  },
] as const satisfies readonly FieldSpec[];

export const constatFields = [
  axe,
  {
    id: "type",
    fr: "Type",
    en: "Type",
    aliases: ["Type de constat", "FFOM", "SWOT", "Catégorie"],
    type: "enum",
    values: TYPES_CONSTAT,
    required: true,
    help: {
      fr: "Force, Faiblesse, Opportunité ou Menace.",
      en: "Strength, Weakness, Opportunity or Threat.",
    },
    example: "Faiblesse",
  },
  {
    id: "constat",
    fr: "Constat",
    en: "Finding",
    aliases: ["Constats", "Description", "Libellé du constat"],
    type: "text",
    required: true,
    help: { fr: "Le constat, en une phrase.", en: "The finding, in one sentence." },
    example: "Faible coordination entre les acteurs de la chaîne pénale",
  },
  { ...codeActivite, required: false },
  {
    id: "preuve",
    fr: "Source / preuve",
    en: "Evidence",
    aliases: ["Source", "Preuve", "Sources", "Justificatif", "Source de vérification"],
    type: "text",
    required: false,
    help: { fr: "Document ou fait qui étaye le constat.", en: "Document or fact behind it." },
  },
  {
    id: "recommandation",
    fr: "Recommandation",
    en: "Recommendation",
    aliases: ["Recommandations", "Proposition"],
    type: "text",
    required: false,
    help: { fr: "Ce qu'il faudrait faire.", en: "What should be done." },
  },
] as const satisfies readonly FieldSpec[];

export const propositionFields = [
  axe,
  {
    id: "objectif",
    fr: "Objectif stratégique",
    en: "Strategic objective",
    aliases: ["Objectif", "Objectifs", "Objectif spécifique", "Objective"],
    type: "text",
    required: true,
    help: { fr: "Objectif auquel l'action contribue.", en: "Objective the action serves." },
    example: "Renforcer la prise en charge des victimes",
  },
  {
    id: "action",
    fr: "Action",
    en: "Action",
    aliases: ["Actions", "Action proposée", "Activité proposée", "Mesure"],
    type: "text",
    required: true,
    help: { fr: "L'action proposée pour le nouveau plan.", en: "The proposed action." },
    example: "Créer deux centres d'accueil à Kayes et Sikasso",
  },
  { ...indicateur, expected: true },
  {
    id: "reference",
    fr: "Valeur de référence",
    en: "Baseline",
    aliases: ["Situation de référence", "Référence", "Baseline value"],
    type: "text",
    required: false,
    help: { fr: "Valeur de l'indicateur au départ.", en: "Indicator value at the start." },
  },
  cible,
  { ...responsable, expected: true },
  {
    id: "partenaires",
    fr: "Partenaires",
    en: "Partners",
    aliases: ["Partenaire", "Structures associées", "Partenaires associés"],
    type: "list",
    required: false,
    expected: true,
    help: {
      fr: "Séparés par ; , / ou « et ».",
      en: "Separated by ; , / or “and”.",
    },
    example: "OIM; ONUDC; UNICEF",
  },
  {
    id: "calendrier",
    fr: "Calendrier",
    en: "Timeline",
    aliases: ["Période", "Échéance", "Chronogramme", "Période d'exécution", "Années"],
    type: "calendar",
    required: true,
    help: {
      fr: "Années du plan : 2023-2025, 2024, « 2023, 2025 », « 2023 à 2027 », « Toute la période » ; ou une colonne par année cochée X.",
      en: "Years of the plan: 2023-2025, 2024, “2023, 2025”, “Whole period”; or one column per year marked X.",
    },
    example: "2024-2026",
  },
  {
    id: "cout",
    fr: "Coût estimé (FCFA)",
    en: "Estimated cost (FCFA)",
    aliases: ["Coût", "Coût total", "Budget estimé", "Cost", "Montant"],
    type: "amount",
    min: 0,
    required: false,
    expected: true,
    help: amountHelp,
    example: "60 000 000",
  },
  sourceFinancement,
  {
    id: "priorite",
    fr: "Priorité",
    en: "Priority",
    aliases: ["Niveau de priorité"],
    type: "enum",
    values: PRIORITES,
    required: false,
    help: { fr: "Haute, Moyenne ou Basse.", en: "High, Medium or Low." },
    example: "Haute",
  },
  {
    id: "nature",
    fr: "Nature",
    en: "Proposal type",
    aliases: ["Type d'action", "Nature de l'action"],
    type: "enum",
    values: NATURES,
    required: false,
    help: {
      fr: "Nouvelle, Reconduite (activité du plan précédent) ou Reformulée.",
      en: "New, Carried over (from the previous plan) or Reworded.",
    },
    example: "Reconduite",
  },
  {
    id: "code_activite_origine",
    fr: "Activité d'origine",
    en: "Source activity",
    aliases: ["Code activité d'origine", "Activité reconduite", "Code origine"],
    type: "code",
    required: false,
    help: {
      fr: "Code de l'activité du plan évalué que l'action reconduit ou reformule.",
      en: "Code of the reviewed plan's activity that the action carries over or rewords.",
    },
    example: "2.1.3",
  },
  {
    id: "resultat_attendu",
    fr: "Résultat attendu",
    en: "Expected result",
    aliases: ["Résultats attendus", "Effet attendu"],
    type: "text",
    required: false,
    help: { fr: "Ce que l'action doit produire.", en: "What the action should produce." },
  },
  {
    id: "cout_annuel",
    fr: "Coût {year} (FCFA)",
    en: "Cost {year} (FCFA)",
    aliases: ["Coûts {year}", "Budget {year}", "Montant {year}"],
    type: "yearAmounts",
    min: 0,
    required: false,
    help: {
      fr: "Une colonne par année du plan ; leur somme doit égaler le coût estimé.",
      en: "One column per year of the plan; they must add up to the estimated cost.",
    },
  },
] as const satisfies readonly FieldSpec[];

/** Submission metadata: from an Identification sheet, row columns, the folder, or CLI flags. */
export const metadataFields = [
  {
    id: "groupe",
    fr: "Groupe de travail",
    en: "Working group",
    aliases: ["Groupe", "Group", "GT"],
    type: "text",
    required: false,
    help: { fr: "Nom ou numéro du groupe.", en: "Group name or number." },
    example: "Groupe 2",
  },
  {
    id: "session",
    fr: "Session",
    en: "Session",
    aliases: ["Jour", "Séance"],
    type: "text",
    required: false,
    help: { fr: "Session de l'atelier (J1, J2, J3).", en: "Workshop session (J1, J2, J3)." },
    example: "J1",
  },
  {
    id: "structure",
    fr: "Structure",
    en: "Organisation",
    aliases: ["Organisation", "Institution", "Organization"],
    type: "text",
    required: false,
    help: { fr: "Structure qui remet le fichier.", en: "Organisation handing in the file." },
  },
  {
    id: "rapporteur",
    fr: "Rapporteur",
    en: "Rapporteur",
    aliases: ["Rapporteuse", "Rapporteur du groupe"],
    type: "text",
    required: false,
    help: { fr: "Fonction du rapporteur du groupe.", en: "Role of the group's rapporteur." },
  },
  {
    id: "date",
    fr: "Date",
    en: "Date",
    aliases: ["Date de la session"],
    type: "date",
    required: false,
    help: { fr: "jj/mm/aaaa.", en: "dd/mm/yyyy." },
    example: "18/07/2023",
  },
  {
    id: "membres",
    fr: "Membres du groupe",
    en: "Group members",
    // Not « Participants »: a table's column of that name is more likely a count of people.
    aliases: ["Membres", "Composition du groupe", "Members"],
    type: "text",
    required: false,
    help: {
      fr: "Structures représentées dans le groupe, séparées par ; (fonctions et institutions, pas de noms de personnes).",
      en: "Organisations represented in the group, separated by ; (roles and institutions, not people's names).",
    },
    example: "Direction nationale du développement social ; OIM ; ONUDC",
    lineItems: true,
  },
] as const satisfies readonly FieldSpec[];

/** The reference plan: activities of the plan under review, used as a check, never as a source. */
export const referenceFields = [
  codeActivite,
  axe,
  { ...bilanFields[2] },
  responsable,
  indicateur,
  {
    id: "budget_prevu",
    fr: "Budget prévu (FCFA)",
    en: "Planned budget (FCFA)",
    aliases: ["Budget prévu", "Coût prévu", "Budget"],
    type: "amount",
    min: 0,
    required: false,
    help: amountHelp,
  },
] as const satisfies readonly FieldSpec[];

/**
 * The rapporteur's decisions on conflicts (`resolutions.csv`): one row per activity and field,
 * the value typed as that field is. Read and checked like any submission.
 */
export const resolutionFields = [
  { ...codeActivite, aliases: [...codeActivite.aliases, "key", "Clé"] },
  {
    id: "champ",
    fr: "Champ",
    en: "Field",
    aliases: ["field", "Colonne", "Donnée"],
    type: "text",
    required: true,
    help: {
      fr: "Le champ du bilan en conflit (Statut, Budget prévu… : voir la liste des champs acceptés).",
      en: "The assessment field in conflict (Status, Planned budget…: see the list of accepted fields).",
    },
    example: "Statut",
  },
  {
    id: "valeur",
    fr: "Valeur",
    en: "Value",
    aliases: ["value", "Valeur retenue", "Décision"],
    type: "text",
    // Empty: not decided yet (a line of arbitrages-a-faire.xlsx left for later), unless a
    // reason is given, which then lacks its value.
    required: false,
    help: {
      fr: "La valeur retenue, écrite comme dans une fiche bilan. Vide : pas encore tranché.",
      en: "The value chosen, written as in an assessment sheet. Empty: not decided yet.",
    },
    example: "Réalisé",
  },
  {
    id: "motif",
    fr: "Motif",
    en: "Reason",
    aliases: ["reason", "Justification", "Commentaire", "Observations", "Raison"],
    type: "text",
    required: false,
    help: { fr: "Pourquoi cette valeur est retenue.", en: "Why this value is chosen." },
  },
  // What arbitrages-a-faire.xlsx shows beside each decision to make: read, never used.
  {
    id: "activite",
    fr: "Activité",
    en: "Activity",
    aliases: ["Intitulé", "Intitulé de l'activité"],
    type: "text",
    required: false,
    help: {
      fr: "L'intitulé de l'activité (information, non utilisée).",
      en: "The activity's title (information, not used).",
    },
  },
  {
    id: "valeurs_groupes",
    fr: "Valeurs des groupes",
    en: "Groups' values",
    aliases: ["Versions", "Valeurs proposées"],
    type: "text",
    required: false,
    help: {
      fr: "Les valeurs données par les groupes, avec leur groupe et leur session (information, non utilisée).",
      en: "The values the groups gave, with their group and session (information, not used).",
    },
  },
  {
    id: "retenue_sans_arbitrage",
    fr: "Retenue sans arbitrage",
    en: "Chosen without a decision",
    aliases: ["Règle", "Valeur par défaut"],
    type: "text",
    required: false,
    help: {
      fr: "La valeur que la règle de fusion retient tant que rien n'est tranché (information, non utilisée).",
      en: "The value the merge rule keeps while nothing is decided (information, not used).",
    },
  },
] as const satisfies readonly FieldSpec[];

export const KINDS = {
  bilan: bilanFields,
  constats: constatFields,
  propositions: propositionFields,
} as const;

/** A submission kind: one per CSV file, one per XLSX sheet. */
export type Kind = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as Kind[];

/** A table of a group's submission, not the reference plan or the resolutions. */
export function isSubmissionKind(kind: string): kind is Kind {
  return kind in KINDS;
}

/** Sheet names that hint at a kind; the headers decide. */
export const KIND_SHEET_HINTS: Partial<Record<TableKind, readonly string[]>> = {
  bilan: ["bilan", "evaluation", "assessment", "activites"],
  constats: ["constats", "ffom", "swot", "findings", "forces et faiblesses"],
  propositions: ["propositions", "actions", "matrice", "proposals", "plan d'action"],
};

export type FieldsOf<K extends Kind> = (typeof KINDS)[K][number];
export type FieldId<K extends Kind> = FieldsOf<K>["id"];

/** A typed value that says nothing: missing, blank text, an empty list or per-year split. */
export function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string") return v.trim() === "";
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.keys(v).length === 0;
  return false;
}

/** The typed value each field type produces; missing values are `null`. */
export interface ValueTypes {
  text: string;
  code: string;
  axis: string;
  enum: string;
  amount: number;
  percent: number;
  bool: boolean;
  calendar: number[];
  list: string[];
  date: string;
  yearAmounts: Record<string, number>;
}

/** A normalised row of one kind, derived from the registry: a field cannot exist unregistered. */
export type Row<K extends Kind> = {
  [F in FieldsOf<K> as F["id"]]: ValueTypes[F["type"]] | null;
};
export type Metadata = { [F in (typeof metadataFields)[number] as F["id"]]: string | null };
export type ReferenceActivity = {
  [F in (typeof referenceFields)[number] as F["id"]]: ValueTypes[F["type"]] | null;
};

/** What a table holds: a submission kind, the reference plan, or the rapporteur's resolutions. */
export type TableKind = Kind | "reference" | "resolutions";

/** The fields of a table kind. */
export function tableFields(kind: TableKind): readonly FieldSpec[] {
  if (kind === "reference") return referenceFields;
  if (kind === "resolutions") return resolutionFields;
  return KINDS[kind];
}

/** The field of a table kind with this id. */
export function findField(kind: TableKind, id: string): FieldSpec | undefined {
  return tableFields(kind).find((f) => f.id === id);
}

/**
 * Bilan fields on which groups can disagree, in registry order: all but the activity code, which
 * is the identity. A differing value is a conflict, listed in `conflits` and open to a resolution.
 */
export const CONFLICT_SPECS = bilanFields.filter(
  (f): f is Exclude<FieldsOf<"bilan">, { id: "code_activite" }> => f.id !== "code_activite",
);
export const CONFLICT_FIELDS = CONFLICT_SPECS.map((f) => f.id);
export type ConflictField = (typeof CONFLICT_FIELDS)[number];

/** What a group fills in a bilan row; the rest may come prefilled from the reference plan. */
export const ASSESSMENT_FIELDS: readonly string[] = bilanFields
  .filter((f) => "assessment" in f)
  .map((f) => f.id);

export type StatusId = (typeof STATUTS)[number]["id"];
export type FindingType = (typeof TYPES_CONSTAT)[number]["id"];

/** Statuses, most conservative first: the registry lists them from done to abandoned. */
export const STATUS_ORDER: readonly StatusId[] = STATUTS.map((s) => s.id).reverse();
/** Finding types in the registry's order: strengths, weaknesses, opportunities, threats. */
export const TYPE_ORDER: readonly FindingType[] = TYPES_CONSTAT.map((t) => t.id);
