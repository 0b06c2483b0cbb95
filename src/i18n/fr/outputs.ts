import { pick, plural } from "../format.js";

/**
 * French texts of the outputs for people other than the two documents: what `validate` and
 * `compile` print, the titles of the consolidated tables and of the schemas.
 */

/** `12 lignes lues = 11 acceptées + 1 rejetée` */
const rowsRead = (n: number, a: number, r: number) =>
  `${plural(n, "fr", "ligne lue", "lignes lues")} = ${plural(a, "fr", "acceptée", "acceptées")} + ${plural(r, "fr", "rejetée", "rejetées")}`;

export const validation = {
  rows: rowsRead,
  header: (n: number) => `en-tête ligne ${n}`,
  /** What a sheet was read as. */
  kinds: {
    bilan: "bilan",
    constats: "constats",
    propositions: "propositions",
    reference: "plan de référence",
    resolutions: "arbitrages",
  } as Record<string, string>,
  /** Sheets passed over, said once for all of them. */
  unfilledSheets: (n: number, names: readonly string[]) =>
    `${plural(n, "fr", "feuille sans ligne saisie", "feuilles sans ligne saisie")} : ${names.join(", ")}`,
  emptySheets: (n: number, names: readonly string[]) =>
    `${plural(n, "fr", "feuille vide ignorée", "feuilles vides ignorées")} : ${names.join(", ")}`,
  hiddenSheets: (n: number, names: readonly string[]) =>
    `${plural(n, "fr", "feuille masquée ignorée", "feuilles masquées ignorées")} : ${names.join(", ")}`,
  hiddenSheetsHint: (n: number) =>
    `Affichez-${pick(n, "fr", "la", "les")} (clic droit sur les onglets > Afficher) si ${pick(n, "fr", "elle doit être compilée", "elles doivent être compilées")}`,
  unknownSheets: (n: number, names: readonly string[]) =>
    `${plural(n, "fr", "feuille ignorée", "feuilles ignorées")} (en-têtes d'aucun type de fiche) : ${names.join(", ")}`,
  unknownSheetsHint: (n: number) =>
    `Si ${pick(n, "fr", "elle contient", "elles contiennent")} des données, reprenez les intitulés du modèle (atelier template)`,
  more: (n: number, e: number, w: number) =>
    `… et ${plural(n, "fr", "autre problème", "autres problèmes")} (${plural(e, "fr", "erreur", "erreurs")}, ${plural(w, "fr", "avertissement", "avertissements")}) : --all ou --format json pour tout voir`,
  skipped: "Ignorés",
  besides: (e: number, w: number) =>
    `(dont ${plural(e, "fr", "erreur", "erreurs")} et ${plural(w, "fr", "avertissement", "avertissements")} dans le plan de référence ou les arbitrages)`,
  summary: (
    files: number,
    rows: number,
    accepted: number,
    rejected: number,
    e: number,
    w: number,
  ) =>
    `${plural(files, "fr", "fichier de groupe", "fichiers de groupe")}, ${rowsRead(rows, accepted, rejected)} ; ${plural(e, "fr", "erreur", "erreurs")}, ${plural(w, "fr", "avertissement", "avertissements")}`,
  valid: "Valide",
  invalid: "Erreurs à corriger",
  /** The reports CI servers show: JUnit, SARIF, the job summary of a GitHub workflow. */
  /** `validate --changed-since`: how many files git says changed. */
  changed: (ref: string, n: number) =>
    `${plural(n, "fr", "fichier modifié", "fichiers modifiés")} depuis ${ref} dans les chemins donnés`,
  ci: {
    title: "Validation des fichiers de l'atelier",
    columns: ["Fichier", "Lignes", "Acceptées", "Rejetées", "Erreurs", "Avertissements"],
    total: "Total",
    problems: (e: number, w: number) =>
      `${plural(e, "fr", "erreur", "erreurs")}, ${plural(w, "fr", "avertissement", "avertissements")}`,
  },
  error: "erreur",
  warning: "attention",
  /** A note on how a file was read: nothing to correct. */
  info: "note",
  colon: " :",
  quote: (text: string) => `« ${text} »`,
  /** Why a file was passed over. */
  skips: {
    "lock-file": "fichier de verrouillage Excel/LibreOffice",
    hidden: "fichier caché",
    template: "modèles vierges (atelier init)",
    "link-outside": "lien vers l'extérieur du dossier, non suivi",
    "not-spreadsheet": "pas un tableur",
    "workshop-file": "fichier de l'atelier (configuration, plan, résolutions)",
    "output-folder": "résultats d'une compilation (atelier), non relus",
    "unreadable-folder": "dossier illisible (droits d'accès) : ses fichiers ne sont pas lus",
    "blank-template": "modèle vierge : aucune ligne saisie",
    "output-file":
      "résultats d'atelier (tableau consolidé, matrice, fiche de retour…), jamais relus comme une fiche",
    "resolutions-elsewhere":
      "arbitrages du rapporteur : placez ce fichier dans le dossier de l'atelier (à côté des dossiers de session) pour qu'ils s'appliquent",
    "invalid-workshop":
      "autre atelier dont l'atelier.config.json est invalide : ses fichiers ne sont pas vérifiés ; atelier validate sur ce dossier dit quoi corriger",
    "other-workshop":
      "autre atelier (il a son propre atelier.config.json) : ses fichiers ne sont pas mêlés à celui-ci ; compilez-le à part",
    arbitrages:
      "arbitrages à faire : une fois rempli, enregistrez-le sous le nom resolutions.xlsx dans le dossier de l'atelier pour qu'il s'applique",
  },
};

export const summary = {
  head: ["Fichier", "Fiches", "Lues", "Acceptées", "Rejetées", "Erreurs", "Avert."],
  total: (read: number, accepted: number, duplicates: number, rejected: number, files: number) =>
    `Total : ${plural(read, "fr", "ligne lue", "lignes lues")} = ${plural(accepted, "fr", "acceptée", "acceptées")}${duplicates > 0 ? ` (dont ${plural(duplicates, "fr", "doublon regroupé", "doublons regroupés")})` : ""} + ${plural(rejected, "fr", "rejetée", "rejetées")}, dans ${plural(files, "fr", "fichier de groupe", "fichiers de groupe")}`,
  counts: (b: number, c: number, p: number) =>
    `Consolidé : ${plural(b, "fr", "activité évaluée", "activités évaluées")}, ${plural(c, "fr", "constat", "constats")}, ${plural(p, "fr", "proposition", "propositions")}`,
  /** After the table, when problems were left out of the list (compile shows a few per file). */
  moreProblems: (n: number) =>
    `… et ${plural(n, "fr", "autre problème", "autres problèmes")} : atelier compile --all ou rejets.csv`,
  conflicts: (n: number, list: readonly string[]) =>
    `Conflits entre groupes : ${n}${list.length ? ` — ${list.join(" ; ")}` : ""} (détail dans conflits.csv)`,
  conflictFields: (key: string, fields: readonly string[]) => `${key} : ${fields.join(", ")}`,
  applied: (n: number) =>
    `${plural(n, "fr", "arbitrage du rapporteur appliqué", "arbitrages du rapporteur appliqués")} (resolutions.xlsx ou .csv)`,
  unread: (path: string, why: string) =>
    `${path} n'a pas pu être lu : aucune de ses lignes n'est dans les résultats — ${why}`,
  history: (updates: number, replaced: number) =>
    `Mises à jour par un même groupe : ${updates} ; lignes remplacées par une version plus récente de leur fichier : ${replaced} (détail dans historique.csv)`,
  /** Plan activities with no accepted row: nobody assessed them, or only in rejected rows. */
  unassessed: (none: readonly string[], rejected: readonly string[]) => {
    const parts = [
      none.length > 0 ? `aucune évaluation : ${none.join(", ")}` : null,
      rejected.length > 0 ? `évaluation rejetée (voir rejets.csv) : ${rejected.join(", ")}` : null,
    ].filter((p) => p !== null);
    const n = none.length + rejected.length;
    return `Activités du plan non évaluées : ${n}${parts.length ? ` — ${parts.join(" ; ")}` : ""}`;
  },
  rejected: (n: number) =>
    `${plural(n, "fr", "ligne rejetée", "lignes rejetées")}, ${pick(n, "fr", "conservée avec ses motifs", "conservées avec leurs motifs")} dans rejets.csv`,
  first: "Première compilation dans ce dossier de sortie.",
  since: "Depuis la compilation précédente :",
  files: (a: number, c: number, r: number) =>
    `fichiers : ${plural(a, "fr", "ajouté", "ajoutés")}, ${plural(c, "fr", "modifié", "modifiés")}, ${plural(r, "fr", "retiré", "retirés")}`,
  rows: (a: number, r: number) =>
    `lignes consolidées : ${plural(a, "fr", "nouvelle", "nouvelles")}, ${plural(r, "fr", "disparue", "disparues")}`,
  newConflicts: (keys: readonly string[]) =>
    `nouveaux conflits : ${keys.length ? keys.join(", ") : "aucun"}`,
  nothing: "Rien à compiler pour l'instant : aucune ligne dans les fichiers lus.",
};

/**
 * Titles of the consolidated tables (CSV file names stay ids), of their columns by name, and the
 * words of their closed values: CSV headers and cells are these, in the compile language.
 */
export const tables = {
  titles: {
    bilan: "Bilan",
    constats: "Constats",
    propositions: "Propositions",
    sources: "Sources",
    rejets: "Rejets",
    conflits: "Conflits",
    historique: "Historique",
  },
  columns: {
    cluster: "Regroupement",
    groupes: "Groupes",
    sessions: "Sessions",
    // Not « Sources »: a constat's evidence column is read under that name.
    sources: "Fichiers sources",
    file: "Fichier",
    groupe: "Groupe",
    session: "Session",
    structure: "Structure",
    rapporteur: "Rapporteur",
    date: "Date",
    sheets: "Feuilles",
    rows: "Lignes lues",
    accepted: "Acceptées",
    rejected: "Rejetées",
    errors: "Erreurs",
    warnings: "Avertissements",
    sheet: "Feuille",
    row: "Ligne",
    kind: "Type de fiche",
    cell: "Cellule",
    code: "Code",
    severity: "Gravité",
    message: "Problème",
    values: "Valeurs lues",
    key: "Activité",
    field: "Champ",
    chosen: "Valeur retenue",
    rule: "Règle",
    motif: "Motif",
    value: "Version",
    source: "Source",
    situation: "Situation",
    previous: "Valeur antérieure",
    previousSource: "Source antérieure",
  },
  situations: {
    update: "mise à jour par le même groupe",
    replaced: "ligne remplacée par une version plus récente du fichier",
  },
  severities: { error: "erreur", warning: "avertissement", info: "note" },
  /** How a conflict was settled, as a short name (the report says it in a sentence). */
  rules: {
    "latest-session": "session la plus récente",
    "conservative-status": "statut le plus prudent",
    "conservative-value": "valeur la plus prudente",
    "chosen-assessment": "évaluation retenue",
    "first-source": "premier groupe",
    "reference-plan": "plan de référence",
    "activity-code": "code de l'activité",
    resolution: "arbitrage du rapporteur",
  },
  /** The other tables a file may hold, as the Sources sheet names them. */
  otherKinds: { reference: "Plan de référence", resolutions: "Arbitrages" },
  yes: "Oui",
  no: "Non",
  /** The yearly costs as one field (a conflict, an update). */
  yearAmounts: "Coûts par année (FCFA)",
};

/** Titles of the JSON Schemas of `atelier schema`, one per kind. */
export const schemas = {
  bilan: "Bilan d'une activité du plan évalué",
  constats: "Constat (forces, faiblesses, opportunités, menaces)",
  propositions: "Action proposée pour le nouveau plan",
  config: "Configuration d'un atelier (atelier.config.json)",
};

/** The two workbooks a compile writes for the rapporteur to act on. */
export const followups = {
  arbitrages: {
    sheet: "Arbitrages",
    lists: "Listes",
    instructions: "Mode d'emploi",
    title: (title: string) => `Arbitrages à faire — ${title}`,
    steps: [
      "Une ligne par divergence entre groupes que la règle de fusion a tranchée sans vous (conflits.csv) : choisissez la valeur à retenir dans la colonne Valeur (liste déroulante, ou saisie libre, écrite comme dans une fiche bilan) et dites pourquoi dans la colonne Motif.",
      "Laissez Valeur vide pour une divergence que vous ne tranchez pas encore : la règle de fusion continue de s'appliquer.",
      "Les lignes dont la Valeur est déjà remplie reprennent vos arbitrages déjà appliqués : gardez-les, ou changez la valeur.",
      "Le taux, le résultat et les commentaires suivent le statut retenu : seul le statut est à trancher pour eux.",
      "Enregistrez ce classeur sous le nom resolutions.xlsx dans le dossier de l'atelier (à côté des dossiers de session, pas dans le dossier de sortie), puis relancez la compilation : elle dit combien d'arbitrages sont appliqués, et conflits.csv les montre avec la règle « arbitrage du rapporteur ».",
      "Les colonnes Activité, Valeurs des groupes et Retenue sans arbitrage sont là pour information : elles ne sont pas lues.",
    ],
    yes: "Oui",
    no: "Non",
  },
  retours: {
    sheet: "Corrections",
    title: (groupe: string, title: string) => `Fiche de retour — ${groupe} — ${title}`,
    lead: (errors: number, warnings: number) =>
      `À corriger avant la prochaine session : ${plural(errors, "fr", "erreur", "erreurs")} (la ligne n'est pas dans les résultats tant qu'elle n'est pas corrigée), ${plural(warnings, "fr", "avertissement", "avertissements")} (la ligne est comptée ; vérifiez la valeur).`,
    columns: {
      file: "Fichier",
      sheet: "Feuille",
      cell: "Cellule",
      severity: "Gravité",
      value: "Valeur lue",
      problem: "Problème",
      fix: "Correction",
    },
    error: "erreur",
    warning: "avertissement",
  },
  written: {
    arbitrages: (open: number) =>
      `${plural(open, "fr", "divergence", "divergences")} à trancher : remplissez arbitrages-a-faire.xlsx et enregistrez-le sous le nom resolutions.xlsx dans le dossier de l'atelier`,
    retours: (groups: readonly string[]) =>
      `Fiches de retour pour ${plural(groups.length, "fr", "groupe", "groupes")} (retours/) : ${groups.join(", ")}`,
  },
};

/** What a long step prints on stderr while it runs (the PDF of the report). */
export const progress = {
  printing: (browser: string) => `Impression du PDF avec ${browser}…`,
  printed: (pages: number | null) =>
    pages === null ? "PDF écrit." : `PDF écrit (${plural(pages, "fr", "page", "pages")}).`,
};
