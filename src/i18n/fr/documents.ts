import type { Kind } from "../../fields.js";
import { plural } from "../format.js";

/**
 * French texts of the documents atelier writes besides the report: the action matrix, the
 * submission templates, and the README of a new workshop folder.
 */

const pad = (n: number) => String(n).padStart(2, "0");

export const matrix = {
  matrix: "Matrice",
  matrixTitle: "Matrice d'actions",
  summary: "Synthèse budgétaire",
  breakdown: "Répartition annuelle",
  sources: "Sources",
  draft: "PROJET",
  number: "N°",
  axis: "Axe",
  responsible: "Responsable",
  origin: "Origine (groupes, sessions)",
  activity: (label: string) => `Activité d'origine (${label})`,
  weaknesses: "Faiblesses traitées",
  neighbours: "Formulations voisines (N°)",
  toComplete: "à compléter",
  toCompleteNote: "Cases « à compléter » : valeur que la proposition ne donne pas encore.",
  subtotal: (n: number) => `Sous-total axe ${n}`,
  total: "Total général",
  generated: (d: string, files: number) =>
    `Généré le ${d} par atelier à partir de ${plural(files, "fr", "fichier", "fichiers")} — document de travail à valider. Sous-totaux, total et synthèse budgétaire sont des formules.`,
  notAssessed: "non évaluée",
  cost: "Coût estimé",
  mode: "Répartition",
  given: "coûts annuels du groupe",
  even: "parts égales",
  rowTotal: "Total",
  matrixTotal: "Total de la matrice",
  gap: "Écart (coût non réparti sur les années)",
  summaryNote: (cur: string) =>
    `Montants en ${cur}. Coût de chaque action réparti sur ses années prévues : coûts annuels du groupe quand ils sont donnés, sinon parts égales.`,
  summarySheetNote: "Détail par action : feuille « Répartition annuelle ».",
  breakdownNote:
    "Part de chaque année dans le coût estimé d'une action : calculée à partir des X de la matrice (parts égales), ou coûts annuels donnés par le groupe.",
  file: "Fichier",
  sheet: "Feuille",
  group: "Groupe",
  session: "Session",
  proposals: "Propositions (lignes)",
  actions: "Actions de la matrice",
  numbers: "N° des actions",
  priorityError: "Choisissez une priorité de la liste.",
  yearError: "Marquez X une année prévue, ou laissez vide.",
  footer: "Page &P / &N",
  date: (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
  percent: (n: number) => `${String(Math.round(n * 10) / 10).replace(".", ",")}\u00a0%`,
  quote: (text: string) => `« ${text} »`,
  labelled: (label: string, text: string) => `${label}\u00a0: ${text}`,
  markdownNote: (d: string, files: number) =>
    `Généré le ${d} par atelier à partir de ${plural(files, "fr", "fichier", "fichiers")} — document de travail à valider.`,
};

export const template = {
  sheetNames: {
    bilan: "Bilan",
    constats: "Constats",
    propositions: "Propositions",
  } satisfies Record<Kind, string>,
  purposes: {
    bilan: "une ligne par activité du plan évalué (statut, résultats, budget).",
    constats: "une ligne par constat : force, faiblesse, opportunité ou menace.",
    propositions: "une ligne par action proposée pour le nouveau plan.",
  } satisfies Record<Kind, string>,
  instructions: "Instructions",
  identification: "Identification",
  required: "oui",
  optional: "non",
  expected: "attendu (sinon « à compléter » dans la matrice)",
  yes: "Oui",
  no: "Non",
  axis: (n: number, label: string) => `Axe ${n} – ${label}`,
  intro: "Ce classeur est le modèle de remise des groupes de travail. Comment le remplir :",
  stepIdentification:
    "Remplissez d'abord la feuille « Identification » (groupe, session, structure, rapporteur, date, membres du groupe).",
  stepSheet: (sheet: string, purpose: string) => `Feuille « ${sheet} » : ${purpose}`,
  stepRequired:
    "Les colonnes marquées * sont obligatoires. Ne modifiez pas la ligne d'en-tête et n'ajoutez pas de colonnes.",
  stepPrompt:
    "Sélectionnez une cellule : un message rappelle ce qu'il faut y écrire. Pour les colonnes à liste, choisissez la valeur dans la liste déroulante (▼).",
  stepAmounts:
    "Montants en FCFA, en chiffres, sans décimales ni unité (1 500 000 ou 1500000). Taux de réalisation : un nombre de 0 à 100 (75 veut dire 75 %).",
  stepCalendar: (from: number, to: number) =>
    `Calendrier des propositions : mettez X dans la colonne de chaque année prévue (${from} à ${to}).`,
  stepPrefilled: (sheet: string, review: string) =>
    `La feuille « ${sheet} » reprend les activités du ${review} (cellules grises) : remplissez le statut et les chiffres des activités que votre groupe évalue, et supprimez les lignes des autres.`,
  stepEmpty: "Laissez vides les feuilles qui ne concernent pas votre groupe.",
  stepSave:
    "Enregistrez au format Excel (.xlsx), même dans LibreOffice, et remettez le fichier au rapporteur de l'atelier.",
  reference: "Signification des colonnes",
  tableHead: [
    "Feuille",
    "Colonne",
    "Obligatoire",
    "Signification",
    "Valeurs autorisées",
    "Exemple",
  ],
  axes: (label: string) => `Axes du ${label}`,
  axesHead: ["N°", "Code", "Intitulé"],
  allowed: "Valeurs autorisées",
  colon: " : ",
  or: " ; ",
  example: "Exemple",
  free: "Texte libre",
  code: "Chiffres séparés par des points",
  amount: "Nombre entier ≥ 0, en FCFA (1 500 000 ou 1500000)",
  percent: (min: number, max: number) => `Pourcentage de ${min} à ${max} : 75 ou 75 %`,
  list: "Texte ; plusieurs éléments séparés par ;",
  date: "Date jj/mm/aaaa",
  calendar: (from: number, to: number) =>
    `X dans la colonne de chaque année prévue (${from} à ${to})`,
  yearColumn: (year: number) => `Calendrier : X si l'action est prévue en ${year}.`,
  yearAmounts: (from: number, to: number) => `Nombre entier ≥ 0 par année (${from} à ${to})`,
  marked: (years: readonly number[]) => `X sous ${years.join(", ")}`,
  pick: "Choisissez dans la liste.",
  listErrorTitle: "Valeur hors liste",
  listError: (values: string) => `Choisissez une valeur de la liste : ${values}`,
  numberErrorTitle: "Nombre attendu",
  amountError: "Écrivez un montant en FCFA : un nombre entier, sans unité (1 500 000 ou 1500000).",
  percentError: (min: number, max: number) =>
    `Écrivez un pourcentage de ${min} à ${max} : 75 ou 75 %.`,
  dateErrorTitle: "Date attendue",
  dateError: "Écrivez une date jj/mm/aaaa (18/07/2023).",
  idHelp: "Remplissez la colonne B. Ces informations valent pour tout le fichier.",
  listsHead: ["list_name", "name", "label"],
};

/** What a new workshop folder holds and how to use it: its README, written by `atelier init`. */
export interface WorkshopReadme {
  title: string;
  configFile: string;
  /** The JSON Schema of the configuration, which its `$schema` names. */
  schemaFile: string;
  templatesFolder: string;
  templateFile: string;
  /** The blank CSV templates, one per kind, as paths. */
  csvTemplates: readonly string[];
  sessions: readonly string[];
  output: string;
  review: { from: number; to: number };
}

export const workshopReadme = (w: WorkshopReadme) => {
  const folders = w.sessions.map((s) => `\`${s}/\``).join(", ");
  const kinds = w.csvTemplates.map((k) => `\`${k}\``).join(", ");
  const first = w.sessions[0] ?? "J1";
  return `# ${w.title}

Dossier de l'atelier, préparé par \`atelier init\`. Il contient :

- \`${w.configFile}\` : la configuration de l'atelier (voir plus bas) ;
- \`${w.schemaFile}\` : sa description (JSON Schema), que sa clé \`$schema\` désigne : VS Code
  y complète les clés et souligne une clé mal écrite ou une valeur d'un mauvais type, sans réseau ;
- \`${w.templatesFolder}/${w.templateFile}\` : le classeur vierge (feuilles Instructions, Identification,
  Bilan, Constats, Propositions) ;
- ${kinds} : les mêmes colonnes en CSV ;
- ${folders} : un dossier par session, où ranger les fichiers des groupes.

## Déroulement

1. \`atelier template --groupes "Groupe 1,Groupe 2,…"\` écrit un classeur prérempli par groupe et par
   session dans les dossiers des sessions (\`${first}/Groupe 1.xlsx\`…) : remettez-le au groupe.
2. Après chaque session, copiez les fichiers des groupes dans le dossier de la session, puis lancez
   \`atelier compile .\`.
3. Lisez le terminal : les premiers problèmes de chaque fichier, à leur cellule (\`Bilan!D12\`), avec
   la correction ; \`atelier compile . --all\` les montre tous.
4. Rendez à chaque groupe \`${w.output}/retours/<groupe>.xlsx\` : ses problèmes à corriger.
5. Tranchez les divergences : remplissez \`${w.output}/arbitrages-a-faire.xlsx\` et enregistrez-le sous
   \`resolutions.xlsx\` dans le dossier de l'atelier ; la compilation suivante l'applique.
6. À la fin : \`atelier report --format docx,html,pdf\` écrit le rapport (Word, HTML, PDF) et
   \`atelier matrix\` la matrice d'actions, dans \`${w.output}/\`.

## Configuration (\`${w.configFile}\`)

Toutes les clés sont facultatives ; une clé inconnue ou mal écrite arrête la commande avec son nom.

| clé | sens |
| --- | --- |
| \`title\` | titre de l'atelier, repris dans les modèles et les sorties |
| \`language\` | \`fr\` ou \`en\` : langue des messages et des modèles |
| \`currency\` | devise des montants (\`XOF\` : FCFA) |
| \`review\` | plan évalué : \`label\`, années \`from\`–\`to\`, \`axes\` (liste de \`{ code, number, fr, en, aliases }\`) |
| \`plan\` | nouveau plan, même forme ; ses axes reprennent ceux du plan évalué par défaut |
| \`reference\` | fichier du plan évalué (\`Code activité\`, \`Axe\`, \`Activité\`, \`Structure responsable\`, \`Budget prévu\`) |
| \`sessions\` | ordre des sessions, et noms des dossiers |
| \`weights\`, \`bands\` | pondération des statuts et seuils d'appréciation du taux de mise en œuvre |
| \`synonyms\` | valeurs supplémentaires acceptées, par champ puis par valeur |
| \`output\` | dossier de sortie de la compilation |
| \`institution\`, \`country\`, \`motto\`, \`venue\`, \`dates\`, \`partners\` | page de garde du rapport : ministère, pays, devise, lieu, dates \`{ "from": "2023-07-18", "to": "2023-07-20" }\`, partenaires (liste) ; un texte, ou \`{ "fr": …, "en": … }\` pour le rapport en anglais |
| \`context\`, \`objectives\` | premier chapitre du rapport : contexte (paragraphes séparés par une ligne vide) et objectifs (liste) de l'atelier |

Avec un plan de référence (ajoutez par exemple \`"reference": "plan-${w.review.from}-${w.review.to}.csv"\`),
la feuille Bilan des classeurs d'\`atelier template\` reprend déjà toutes les activités du plan : les
groupes n'ont plus qu'à remplir le statut et les chiffres.
`;
};
