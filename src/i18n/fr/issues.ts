import type { IssueCode } from "../../issues.js";

/**
 * The French text of every problem atelier reports: a title for the catalogue, a message and,
 * where it helps, a hint. `{name}` is filled from the problem's parameters and location. Then
 * the words those parameters are made of (`terms`).
 */

interface IssueText {
  title: string;
  message: string;
  hint?: string;
}

export const issues = {
  "unsupported-format": {
    title: "Format non pris en charge",
    message:
      "Format {format} non pris en charge : seuls .xlsx, .xlsm, .xls, .ods, .fods et .csv sont lus",
    hint: "Ouvrez « {name} » dans Excel ou LibreOffice et enregistrez-le au format .xlsx ou .ods (Fichier > Enregistrer sous)",
  },
  "file-unreadable": {
    title: "Fichier illisible",
    message: "Fichier illisible : {reason}",
    hint: "{fix}",
  },
  "file-too-large": {
    title: "Fichier trop volumineux",
    message: "Fichier de {size} Mo, au-delà de la limite de {limit} Mo : il n'est pas lu",
    hint: "Scindez le fichier, ou relevez « limits.maxFileMB » dans atelier.config.json",
  },
  "inflated-too-large": {
    title: "Classeur trop volumineux une fois décompressé",
    message:
      "Le classeur annonce {size} Mo une fois décompressé, au-delà de la limite de {limit} Mo : il n'est pas lu",
    hint: "Vérifiez l'origine du fichier ; s'il est légitime, relevez « limits.maxInflatedMB »",
  },
  "too-many-cells": {
    title: "Trop de cellules",
    message: "Le classeur compte plus de {limit} cellules (au moins {count}) : il n'est pas lu",
    hint: "Enregistrez dans un fichier à part les feuilles de l'atelier, ou relevez « limits.maxCells » dans atelier.config.json",
  },
  "too-many-rows": {
    title: "Trop de lignes",
    message: "Plus de {limit} lignes non vides : les lignes après la ligne {row} ne sont pas lues",
    hint: "Scindez le fichier, ou relevez « limits.maxRows » dans atelier.config.json",
  },
  "too-many-columns": {
    title: "Trop de colonnes",
    message: "La ligne {row} a des valeurs au-delà de {limit} colonnes : elles ne sont pas lues",
    hint: "Supprimez les colonnes en trop, ou relevez « limits.maxColumns »",
  },
  "encoding-fallback": {
    title: "Encodage Windows-1252",
    message: "Fichier enregistré par Excel en Windows-1252 : lu correctement",
  },
  "encoding-uncertain": {
    title: "Encodage incertain",
    message:
      "Le fichier n'est pas en UTF-8 : lu comme Windows-1252, mais l'octet 0x{byte} (position {offset}) n'y donne pas un caractère attendu : les accents sont peut-être faux",
    hint: "Vérifiez les accents ; enregistrez le fichier en « CSV UTF-8 » (Fichier > Enregistrer sous) et relancez",
  },
  "empty-file": {
    title: "Fichier vide",
    message: "Le fichier ne contient aucune donnée",
    hint: "Vérifiez que c'est le bon fichier et qu'il a été enregistré après la saisie",
  },
  "no-data": {
    title: "Aucune donnée",
    message: "Aucune ligne de données sous l'en-tête",
  },
  "header-not-found": {
    title: "En-tête introuvable",
    message: "Aucune ligne d'en-tête reconnue dans les {scanned} premières lignes",
    hint: "Utilisez les intitulés du modèle (atelier template), par exemple : {example}",
  },
  "sheet-skipped": {
    title: "Feuille ignorée",
    message: "Feuille « {sheet} » ignorée : ses en-têtes ne correspondent à aucun type de fiche",
    hint: "Si elle contient des données, reprenez les intitulés du modèle (atelier template)",
  },
  "hidden-sheet": {
    title: "Feuille masquée",
    message: "Feuille masquée « {sheet} » ignorée",
    hint: "Affichez-la (clic droit sur les onglets > Afficher) si elle doit être compilée",
  },
  "hidden-row": {
    title: "Ligne masquée",
    message: "Ligne {row} masquée : elle est lue quand même",
    hint: "Supprimez-la si elle ne doit pas être compilée",
  },
  "missing-column": {
    title: "Colonne obligatoire absente",
    message: "Colonne obligatoire « {label} » absente : les lignes de cette feuille sont rejetées",
    hint: "Ajoutez une colonne « {label} »",
  },
  "unknown-column": {
    title: "Colonne inconnue",
    message: "Colonne « {header} » inconnue : ses valeurs sont conservées mais non vérifiées",
    hint: "Vouliez-vous dire « {suggestion} » ?",
  },
  "duplicate-column": {
    title: "Colonne en double",
    message:
      "La colonne « {label} » apparaît deux fois ({first} et {column}) : la première valeur non vide est retenue",
    hint: "Supprimez l'une des deux colonnes",
  },
  "blank-header": {
    title: "Colonne sans en-tête",
    message:
      "La colonne {column} n'a pas d'en-tête mais contient {count|valeur|valeurs} : {count?elle n'est pas compilée|elles ne sont pas compilées}",
    hint: "Donnez un intitulé à la colonne",
  },
  "missing-value": {
    title: "Valeur obligatoire manquante",
    message: "« {label} » est obligatoire et la cellule est vide",
  },
  "type-error": {
    title: "Valeur illisible",
    message: "« {label} » : {expected}, lu « {value} »",
    hint: "{fix}",
  },
  "invalid-value": {
    title: "Valeur non autorisée",
    message: "« {label} » : « {value} » n'est pas une valeur autorisée",
    hint: "Valeurs autorisées : {allowed}{suggestion}",
  },
  "ambiguous-number": {
    title: "Nombre ambigu",
    message: "« {label} » : « {value} » est ambigu (séparateur de milliers ou virgule décimale ?)",
    hint: "Écrivez {asThousands} {asThousandsMeans}, ou {asDecimal} {asDecimalMeans}",
  },
  "ambiguous-percent": {
    title: "Pourcentage ambigu",
    message: "« {label} » : « {value} » est ambigu (fraction ou pourcentage ?)",
    hint: "Écrivez {points} ou {points} %, ou bien {value} % pour moins de 1 %",
  },
  "unit-scaled": {
    title: "Montants multipliés selon l'unité de la colonne",
    message:
      "Colonne « {header} » en {unit} : les montants sont multipliés par {factor} et arrondis au franc",
    hint: "Vérifiez que tous les montants de la colonne sont en {unit}",
  },
  "currency-mismatch": {
    title: "Montants dans une autre devise",
    message: "Colonne « {header} » en {currency} : atelier attend des montants en {expected}",
    hint: "Convertissez les montants en {expected} et renommez la colonne « {rename} »",
  },
  "code-normalised": {
    title: "Code d'activité réécrit",
    message: "Code « {value} » lu comme « {code} »",
    hint: "Écrivez « {code} »",
  },
  "unit-unknown": {
    title: "Unité de montant non reconnue",
    message:
      "Unité « {unit} » non reconnue dans « {header} » : les montants sont lus en {currency}, sans conversion",
    hint: "Écrivez l'une des unités reconnues : ({currency}), (milliers de {currency}), (millions de {currency}), (milliards de {currency}), (x 1 000), (x 1 000 000) ; s'il s'agit d'une autre devise, convertissez les montants en {currency}",
  },
  "amount-decimals": {
    title: "Montant non entier",
    message:
      "{amount} n'est pas un montant entier : vérifiez l'unité de la colonne (millions ? milliers ?)",
    hint: "Si les montants sont en millions ou en milliers, dites-le dans l'en-tête : (M {currency}), (k {currency}) ; sinon, écrivez le montant en {currency} entiers",
  },
  "unit-suspect": {
    title: "Montant trop grand pour l'unité de la colonne",
    message:
      "{typed} dans une colonne en {unit} donne {scaled} : le montant a-t-il été écrit en {currency} ?",
    hint: "Si c'est le montant en {currency}, divisez-le par {factor}, ou changez l'unité de la colonne",
  },
  "out-of-range": {
    title: "Valeur hors limites",
    message: "« {label} » : {value} est hors limites ({range})",
  },
  "calendar-out-of-period": {
    title: "Année hors période",
    message: "« {label} » : {years} hors de la période du plan ({from}-{to})",
    hint: "Indiquez des années entre {from} et {to}",
  },
  "cell-too-long": {
    title: "Cellule trop longue",
    message:
      "« {label} » : la cellule contient {length} caractères, au-delà de la limite de {limit}",
    hint: "Raccourcissez le texte, ou relevez « limits.maxCellLength »",
  },
  "cell-error": {
    title: "Erreur Excel dans la cellule",
    message: "« {label} » : la cellule contient l'erreur {value}",
    hint: "Corrigez la formule ou saisissez la valeur",
  },
  "formula-no-cached-value": {
    title: "Formule sans résultat enregistré",
    message: "« {label} » : la formule {formula} n'a pas de résultat enregistré dans le fichier",
    hint: "Ouvrez le fichier dans Excel ou LibreOffice et enregistrez-le pour calculer les formules",
  },
  "extra-cell": {
    title: "Cellules en trop",
    message:
      "La ligne a {count|cellule|cellules} de plus que l'en-tête ({extra}) : les valeurs sont sans doute décalées",
    hint: "Mettez entre guillemets les textes qui contiennent le séparateur « {delimiter} »",
  },
  "conflicting-columns": {
    title: "Colonnes en double contradictoires",
    message: "« {label} » : les deux colonnes disent « {value} » et « {other} »",
    hint: "Gardez une seule colonne",
  },
  "cost-split-mismatch": {
    title: "Coûts annuels incohérents",
    message:
      "La somme des coûts annuels ({sum}) diffère du coût estimé ({total}) : le coût estimé est retenu",
    hint: "Corrigez le coût estimé ou les coûts par année",
  },
  "missing-expected": {
    title: "Valeur attendue manquante",
    message:
      "Champ « {label} » non renseigné : la proposition est gardée dans la matrice, case « à compléter »",
    hint: "Complétez la cellule si possible ; sinon, complétez la case dans la matrice",
  },
  "missing-expected-column": {
    title: "Colonne attendue absente",
    message:
      "Pas de colonne « {label} » : les propositions sont gardées dans la matrice, case « à compléter »",
    hint: "Ajoutez la colonne du modèle (atelier template)",
  },
  "duplicate-activity": {
    title: "Activité en double dans le fichier",
    message: "L'activité {value} figure déjà ligne {first} de ce fichier",
    hint: "Fusionnez les deux lignes ou corrigez le code",
  },
  "cost-year-off-calendar": {
    title: "Coût prévu hors du calendrier",
    message:
      "Un coût est prévu en {years}, année absente du calendrier ({calendar}) : elle est ajoutée au calendrier",
    hint: "Complétez le calendrier, ou videz le coût de cette année",
  },
  "duplicate-constat": {
    title: "Constat écrit deux fois dans le fichier",
    message:
      "Le constat « {value} » figure déjà ligne {first} de ce fichier, sous le même axe et le même type",
    hint: "Gardez une seule ligne, avec toutes ses preuves et recommandations",
  },
  "duplicate-proposition": {
    title: "Action proposée deux fois dans le fichier",
    message:
      "L'action « {value} » est déjà proposée ligne {first} de ce fichier, sous le même axe et le même objectif",
    hint: "Fusionnez les deux lignes, ou distinguez les actions dans leur libellé (phase, public, lieu)",
  },
  "budget-overspent": {
    title: "Budget dépassé",
    message: "Budget exécuté ({spent}) supérieur au budget prévu ({planned})",
    hint: "Vérifiez les deux montants",
  },
  "rate-status-mismatch": {
    title: "Taux et statut incohérents",
    message: "Taux de réalisation {rate} % incohérent avec le statut « {status} »",
    hint: "Vérifiez le statut ou le taux",
  },
  "unknown-activity": {
    title: "Activité hors plan de référence",
    message: "L'activité {value} ne figure pas dans le plan de référence",
    hint: "Corrigez le code{suggestion}, ou indiquez « Oui » dans « Activité non programmée »",
  },
  "axis-code-mismatch": {
    title: "Axe et code incohérents",
    message: "L'activité {code} relève de l'axe {expected}, pas de l'axe {axis}{outcome}",
    hint: "Vérifiez l'axe ou le code",
  },
  "planned-marked-unplanned": {
    title: "Activité du plan marquée non programmée",
    message:
      "L'activité {code} figure au plan de référence : la marque « Activité non programmée » est ignorée et l'activité compte dans les chiffres",
    hint: "Videz la case « Activité non programmée », ou corrigez le code si l'activité est nouvelle",
  },
  "missing-origin": {
    title: "Activité d'origine manquante",
    message: "Action « {nature} » sans « Activité d'origine »",
    hint: "Indiquez le code de l'activité du plan évalué qu'elle reprend",
  },
  "unknown-session": {
    title: "Session inconnue",
    message: "Session « {value} » absente de la configuration ({allowed})",
    hint: "Ajoutez-la à « sessions » dans atelier.config.json ou corrigez son nom ; d'ici là, elle passe avant les sessions listées et ne l'emporte jamais sur elles",
  },
  "session-mismatch": {
    title: "Session différente du dossier",
    message:
      "Le fichier indique la session « {value} » mais il est rangé dans le dossier {folder} : la session {folder} est retenue",
    hint: "Corrigez la session dans le fichier, ou rangez le fichier dans le dossier de sa session",
  },
  "group-mismatch": {
    title: "Groupe différent de la feuille Identification",
    message:
      "La ligne indique le groupe « {value} » mais la feuille Identification indique « {kept} » : « {kept} » est retenu",
    hint: "Corrigez le groupe de la ligne ou de la feuille Identification ; un fichier par groupe",
  },
  "group-guessed": {
    title: "Groupe non indiqué",
    message:
      "Aucun groupe de travail n'est indiqué : le groupe « {value} » est déduit du nom du fichier",
    hint: "Indiquez le groupe dans la feuille Identification (Groupe de travail) ou dans une colonne « Groupe »",
  },
  "invalid-resolution": {
    title: "Champ de résolution inconnu",
    message: "« {value} » n'est pas un champ qui peut être en conflit : la décision est ignorée",
    hint: "Indiquez l'un de ces champs : {allowed}",
  },
  "unused-resolution": {
    title: "Résolution sans conflit",
    message:
      "Aucun conflit sur « {label} » pour l'activité {key} : la décision n'est pas appliquée",
    hint: "Vérifiez le code et le champ : seuls les conflits de conflits.csv se tranchent ici",
  },
  "duplicate-resolution": {
    title: "Résolution en double",
    message:
      "« {label} » de l'activité {key} est déjà tranché ligne {first} : cette ligne, plus bas, l'emporte",
    hint: "Supprimez la ligne qui ne vaut plus",
  },
  "resolution-without-value": {
    title: "Arbitrage sans valeur",
    message:
      "Un motif est donné pour « {label} » de l'activité {key}, mais pas de valeur : rien n'est tranché",
    hint: "Indiquez la valeur retenue dans la colonne Valeur, ou effacez le motif",
  },
  "resolution-overridden": {
    title: "Arbitrage remplacé par un fichier plus récent",
    message:
      "« {label} » de l'activité {key} est tranché autrement dans {first} : cette ligne, d'un fichier plus récent, l'emporte",
    hint: "Gardez la même décision dans les deux fichiers, ou n'en gardez qu'un",
  },
} satisfies Record<IssueCode, IssueText>;

export const terms = {
  /** What a cell should have held (`type-error`), with « attendu » agreeing with it. */
  expected: {
    amount: "un montant (1 500 000 ou 1500000) attendu",
    percent: "un pourcentage (75 %) attendu",
    code: "un code d'activité (1.2.3) attendu",
    years: "des années (2023-2025, « Toute la période ») attendues",
    date: "une date (jj/mm/aaaa) attendue",
    monthFirst: (likely: string) => `une date jour/mois/année (${likely} ?) attendue`,
    yearMark: "une croix X (année prévue) ou une cellule vide attendue",
  },
  /** How to write a value that could not be read (`type-error`). */
  fix: {
    date: "Écrivez la date au format jj/mm/aaaa",
    code: "Écrivez le code sous la forme 1.2.3",
    /** A file that cannot be read (`file-unreadable`): its content, or why it could not be opened. */
    resave:
      "Ouvrez le fichier dans Excel ou LibreOffice et enregistrez-le à nouveau (.xlsx ou .ods)",
    folder:
      "C'est un dossier, pas un fichier : renommez-le (sans .csv ni .xlsx) ou sortez-le du dossier de l'atelier",
    denied:
      "Fermez le fichier dans Excel et réessayez ; s'il est fermé, donnez le droit de le lire (Propriétés > Sécurité) ou copiez-le",
    busy: "Fermez le fichier dans Excel et réessayez",
    vanished:
      "Le fichier a disparu pendant la lecture : relancez la commande une fois les fichiers en place",
    link: "Remettez le fichier à l'endroit où pointe le lien, ou remplacez le lien par le fichier",
    special: "Donnez un classeur ou un fichier .csv enregistré sur le disque",
    system:
      "Réessayez ; si le problème persiste, copiez le fichier sur le disque de l'ordinateur et relancez",
  },
  /** What each reading of an ambiguous number gives (`ambiguous-number`). */
  reading: {
    whole: "pour le montant entier",
    decimal: "pour la valeur décimale",
    amount: (amount: string) => `pour ${amount}`,
  },
  /** The unit of an amount column whose header scales it (`unit-scaled`). */
  rowOfSheet: (row: number, sheet: string) => `${row} de la feuille « ${sheet} »`,
  planAxisKept: " : l'activité est comptée sous l'axe du plan de référence",
  scaledUnit: (factor: number, currency: string) =>
    `${factor >= 1e9 ? "milliards" : factor >= 1e6 ? "millions" : "milliers"} de ${currency}`,
  yesNo: "Oui, Non",
  didYouMean: (label: string) => ` — vouliez-vous dire « ${label} » ?`,
  didYouMeanAxis: (n: number, label: string) => ` — vouliez-vous dire « Axe ${n} – ${label} » ?`,
  /** An axis cell whose number and label name two axes, or that names two (`invalid-value`). */
  axisLabelMismatch: (n: number, label: string, other: string) =>
    ` — le numéro ${n} désigne l'axe « ${label} », mais l'intitulé « ${other} » ne le nomme pas`,
  twoAxes: " — une cellule ne nomme qu'un axe : celle-ci en nomme plusieurs",
  nearCode: (code: string) => ` (${code} ?)`,
  range: {
    between: (min: number, max: number) => `${min} à ${max}`,
    min: (min: number) => `≥ ${min}`,
    max: (max: number) => `≤ ${max}`,
  },
  /** Spreadsheet formats people hand in that atelier does not read. */
  formats: {
    ".xlsb": "Excel binaire (.xlsb)",
    ".numbers": "Apple Numbers (.numbers)",
  },
  /** Why a file cannot be read (`file-unreadable`). */
  reasons: {
    folder: "c'est un dossier, pas un fichier",
    denied: "accès refusé : le fichier est ouvert dans un autre programme ou protégé",
    busy: "le fichier est verrouillé par un autre programme",
    vanished: "le fichier a disparu pendant la lecture",
    link: "c'est un lien vers un fichier qui n'existe plus",
    special: "ce n'est pas un fichier ordinaire (périphérique, tube)",
    system: "le système n'a pas pu lire le fichier",
    empty: "le fichier est vide",
    encrypted:
      "classeur protégé par mot de passe (chiffré) : enlevez le mot de passe et réenregistrez",
    xlsRenamed:
      "ancien format Excel 97-2003 (.xls) renommé en .xlsx : réenregistrez au format .xlsx",
    ole: "document Office 97-2003 (OLE), pas un classeur .xlsx",
    pdf: "c'est un document PDF",
    html: "c'est une page HTML renommée en .xlsx",
    spreadsheetMl: "classeur XML 2003 (SpreadsheetML) : réenregistrez au format .xlsx",
    xml: "fichier XML, pas un classeur .xlsx",
    csvRenamed: "le fichier semble être un CSV renommé en .xlsx",
    text: "fichier texte, pas un classeur .xlsx",
    notZip: "ce n'est pas un fichier .xlsx (archive zip invalide)",
    damaged: "classeur endommagé, ou pas dans le format que son extension annonce",
    notWorkbook:
      "ce n'est pas un classeur (ni Excel, ni OpenDocument) : peut-être un texte renommé",
    zipDamaged: "archive zip endommagée ou tronquée",
    zip64: "archive zip64 : trop volumineuse pour un classeur de l'atelier",
    zipSizes: "archive zip incohérente (tailles annoncées fausses)",
    zipMethod: (method: number) => `méthode de compression zip non prise en charge (${method})`,
    zipBomb:
      "archive zip incohérente : une partie se décompresse au-delà de sa taille annoncée (bombe zip ?)",
    doctype: (part: string) => `déclaration DOCTYPE dans ${part} : refusée (entités XML externes)`,
    odsRenamed: "document OpenDocument (.ods) renommé en .xlsx : réenregistrez au format .xlsx",
    word: "document Word, pas un classeur .xlsx",
    powerpoint: "présentation PowerPoint, pas un classeur .xlsx",
    xlsb: "classeur binaire Excel (.xlsb) : réenregistrez au format .xlsx standard",
    noWorkbook: "archive zip qui ne contient pas de classeur .xlsx",
    missingPart: (part: string) => `partie du classeur manquante : ${part}`,
    badXmlIn: (part: string) => `XML mal formé dans ${part}`,
    structure:
      "structure du classeur non reconnue : le programme qui l'a écrit n'a pas suivi le format .xlsx",
    openQuote: (line: number) => `guillemet ouvert jamais fermé (à partir de la ligne ${line})`,
  },
};
