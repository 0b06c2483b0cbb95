/**
 * French texts of the outputs for people other than the two documents: what `validate` and
 * `compile` print, the titles of the consolidated tables and of the schemas.
 */

export const validation = {
  rows: (n: number, a: number, r: number) =>
    `${n} ligne${n > 1 ? "s" : ""} : ${a} acceptée${a > 1 ? "s" : ""}, ${r} rejetée${r > 1 ? "s" : ""}`,
  header: (n: number) => `en-tête ligne ${n}`,
  skippedSheet: "ignorée",
  more: (n: number, e: number, w: number) =>
    `… et ${n} autre(s) problème(s) (${e} erreur(s), ${w} avertissement(s)) : --all ou --format json pour tout voir`,
  skipped: "Ignorés",
  summary: (
    files: number,
    rows: number,
    accepted: number,
    rejected: number,
    e: number,
    w: number,
  ) =>
    `${files} fichier(s), ${rows} ligne(s) lue(s) = ${accepted} acceptée(s) + ${rejected} rejetée(s) ; ${e} erreur(s), ${w} avertissement(s)`,
  valid: "Valide",
  invalid: "Erreurs à corriger",
  error: "erreur",
  warning: "attention",
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
    arbitrages:
      "arbitrages à faire : une fois rempli, enregistrez-le sous le nom resolutions.xlsx dans le dossier de l'atelier pour qu'il s'applique",
  },
};

export const summary = {
  head: ["Fichier", "Fiches", "Lues", "Acceptées", "Rejetées", "Erreurs", "Avert."],
  total: (read: number, accepted: number, duplicates: number, rejected: number, files: number) =>
    `Total : ${read} ligne(s) lue(s) = ${accepted} acceptée(s) (dont ${duplicates} doublon(s) regroupé(s)) + ${rejected} rejetée(s), dans ${files} fichier(s)`,
  counts: (b: number, c: number, p: number) =>
    `Consolidé : ${b} activité(s) évaluée(s), ${c} constat(s), ${p} proposition(s)`,
  conflicts: (n: number, list: readonly string[]) =>
    `Conflits entre groupes : ${n}${list.length ? ` — ${list.join(" ; ")}` : ""} (détail dans conflits.csv)`,
  conflictFields: (key: string, fields: readonly string[]) => `${key} : ${fields.join(", ")}`,
  applied: (n: number) =>
    `${n} arbitrage${n > 1 ? "s" : ""} du rapporteur appliqué${n > 1 ? "s" : ""} (fichier resolutions)`,
  unread: (path: string, why: string) =>
    `${path} n'a pas pu être lu : aucune de ses lignes n'est dans les résultats — ${why}`,
  history: (updates: number, replaced: number) =>
    `Mises à jour par un même groupe : ${updates} ; lignes remplacées par une version plus récente de leur fichier : ${replaced} (détail dans historique.csv)`,
  unassessed: (codes: readonly string[]) =>
    `Activités du plan non évaluées : ${codes.length}${codes.length ? ` (${codes.join(", ")})` : ""}`,
  rejected: (n: number) =>
    `${n} ligne(s) rejetée(s), conservée(s) avec leurs motifs dans rejets.csv`,
  first: "Première compilation dans ce dossier de sortie.",
  since: "Depuis la compilation précédente :",
  files: (a: number, c: number, r: number) =>
    `fichiers : ${a} ajouté(s), ${c} modifié(s), ${r} retiré(s)`,
  rows: (a: number, r: number) => `lignes consolidées : ${a} nouvelle(s), ${r} disparue(s)`,
  newConflicts: (keys: readonly string[]) =>
    `nouveaux conflits : ${keys.length ? keys.join(", ") : "aucun"}`,
  nothing: "Rien à compiler pour l'instant : aucune ligne dans les fichiers lus.",
};

/** Titles of the consolidated tables (CSV names stay ids) and of their columns, by name. */
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
    sources: "Sources",
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
};

/** Titles of the JSON Schemas of `atelier schema`, one per kind. */
export const schemas = {
  bilan: "Bilan d'une activité du plan évalué",
  constats: "Constat (forces, faiblesses, opportunités, menaces)",
  propositions: "Action proposée pour le nouveau plan",
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
      "Enregistrez ce classeur sous le nom resolutions.xlsx dans le dossier de l'atelier (à côté des dossiers de session, pas dans le dossier de sortie), puis relancez la compilation : elle dit combien d'arbitrages sont appliqués, et conflits.csv les montre avec la règle « resolution ».",
      "Les colonnes Activité, Valeurs des groupes et Retenue sans arbitrage sont là pour information : elles ne sont pas lues.",
    ],
    yes: "Oui",
    no: "Non",
  },
  retours: {
    sheet: "Corrections",
    title: (groupe: string, title: string) => `Fiche de retour — ${groupe} — ${title}`,
    lead: (errors: number, warnings: number) =>
      `À corriger avant la prochaine session : ${errors} erreur${errors > 1 ? "s" : ""} (la ligne n'est pas dans les résultats tant qu'elle n'est pas corrigée), ${warnings} avertissement${warnings > 1 ? "s" : ""} (la ligne est comptée ; vérifiez la valeur).`,
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
      `${open} divergence${open > 1 ? "s" : ""} à trancher : remplissez arbitrages-a-faire.xlsx et enregistrez-le sous le nom resolutions.xlsx dans le dossier de l'atelier`,
    retours: (groups: readonly string[]) =>
      `Fiches de retour pour ${groups.length} groupe${groups.length > 1 ? "s" : ""} (retours/) : ${groups.join(", ")}`,
  },
};
