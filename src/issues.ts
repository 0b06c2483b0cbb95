/**
 * The issue catalog: every problem atelier can find in the data, with a stable kebab-case code,
 * a severity and French and English message templates. Problems are values (records built by
 * `issue()`), never exceptions. Codes reuse Frictionless names where the meaning is the same.
 * Templates take `{name}` placeholders from the issue's params; messages are rendered at output
 * time so that the core never needs to know the language.
 */

export type Severity = "error" | "warning";
export type Lang = "fr" | "en";

interface IssueSpec {
  severity: Severity;
  /** What the problem is, for the catalog in the README. */
  title: { fr: string; en: string };
  message: { fr: string; en: string };
  /** How to fix it; omitted where the message says it all. */
  hint?: { fr: string; en: string };
}

export const CATALOG = {
  // --- files ---
  "unsupported-format": {
    severity: "error",
    title: { fr: "Format non pris en charge", en: "Unsupported format" },
    message: {
      fr: "Format {format} non pris en charge : seuls .xlsx et .csv sont lus",
      en: "{format} format is not supported: only .xlsx and .csv are read",
    },
    hint: {
      fr: "Enregistrez le fichier au format .xlsx (Fichier > Enregistrer sous) ou convertissez-le : soffice --headless --convert-to xlsx « {name} »",
      en: "Save the file as .xlsx (File > Save as) or convert it: soffice --headless --convert-to xlsx “{name}”",
    },
  },
  "file-unreadable": {
    severity: "error",
    title: { fr: "Fichier illisible", en: "Unreadable file" },
    message: {
      fr: "Fichier illisible : {reason}",
      en: "Unreadable file: {reason}",
    },
    hint: {
      fr: "Ouvrez le fichier dans Excel ou LibreOffice et enregistrez-le à nouveau au format .xlsx",
      en: "Open the file in Excel or LibreOffice and save it again as .xlsx",
    },
  },
  "file-too-large": {
    severity: "error",
    title: { fr: "Fichier trop volumineux", en: "File too large" },
    message: {
      fr: "Fichier de {size} Mo, au-delà de la limite de {limit} Mo : il n'est pas lu",
      en: "{size} MB file, over the {limit} MB limit: it is not read",
    },
    hint: {
      fr: "Scindez le fichier, ou relevez « limits.maxFileMB » dans atelier.config.json",
      en: "Split the file, or raise “limits.maxFileMB” in atelier.config.json",
    },
  },
  "inflated-too-large": {
    severity: "error",
    title: {
      fr: "Classeur trop volumineux une fois décompressé",
      en: "Workbook too large once inflated",
    },
    message: {
      fr: "Le classeur annonce {size} Mo une fois décompressé, au-delà de la limite de {limit} Mo : il n'est pas lu",
      en: "The workbook declares {size} MB once inflated, over the {limit} MB limit: it is not read",
    },
    hint: {
      fr: "Vérifiez l'origine du fichier ; s'il est légitime, relevez « limits.maxInflatedMB »",
      en: "Check where the file comes from; if it is genuine, raise “limits.maxInflatedMB”",
    },
  },
  "too-many-rows": {
    severity: "error",
    title: { fr: "Trop de lignes", en: "Too many rows" },
    message: {
      fr: "Plus de {limit} lignes non vides : les lignes après la ligne {row} ne sont pas lues",
      en: "More than {limit} non-empty rows: rows after row {row} are not read",
    },
    hint: {
      fr: "Scindez le fichier, ou relevez « limits.maxRows » dans atelier.config.json",
      en: "Split the file, or raise “limits.maxRows” in atelier.config.json",
    },
  },
  "too-many-columns": {
    severity: "error",
    title: { fr: "Trop de colonnes", en: "Too many columns" },
    message: {
      fr: "La ligne {row} a des valeurs au-delà de {limit} colonnes : elles ne sont pas lues",
      en: "Row {row} holds values beyond {limit} columns: they are not read",
    },
    hint: {
      fr: "Supprimez les colonnes en trop, ou relevez « limits.maxColumns »",
      en: "Delete the extra columns, or raise “limits.maxColumns”",
    },
  },
  "encoding-fallback": {
    severity: "warning",
    title: { fr: "Encodage Windows-1252", en: "Windows-1252 encoding" },
    message: {
      fr: "Le fichier n'est pas en UTF-8 (octet 0x{byte} à la position {offset}) : lu comme Windows-1252",
      en: "The file is not UTF-8 (byte 0x{byte} at offset {offset}): read as Windows-1252",
    },
    hint: {
      fr: "Vérifiez les accents ; à l'avenir, enregistrez en « CSV UTF-8 »",
      en: "Check the accents; next time save as “CSV UTF-8”",
    },
  },
  "empty-file": {
    severity: "error",
    title: { fr: "Fichier vide", en: "Empty file" },
    message: {
      fr: "Le fichier ne contient aucune donnée",
      en: "The file holds no data",
    },
    hint: {
      fr: "Vérifiez que c'est le bon fichier et qu'il a été enregistré après la saisie",
      en: "Check that this is the right file and that it was saved after typing",
    },
  },
  "no-data": {
    severity: "warning",
    title: { fr: "Aucune donnée", en: "No data" },
    message: {
      fr: "Aucune ligne de données sous l'en-tête",
      en: "No data row under the header",
    },
  },
  "header-not-found": {
    severity: "error",
    title: { fr: "En-tête introuvable", en: "Header not found" },
    message: {
      fr: "Aucune ligne d'en-tête reconnue dans les {scanned} premières lignes",
      en: "No recognisable header row in the first {scanned} rows",
    },
    hint: {
      fr: "Utilisez les intitulés du modèle (atelier template), par exemple : {example}",
      en: "Use the template's headers (atelier template), for example: {example}",
    },
  },
  "sheet-skipped": {
    severity: "warning",
    title: { fr: "Feuille ignorée", en: "Sheet skipped" },
    message: {
      fr: "Feuille « {sheet} » ignorée : ses en-têtes ne correspondent à aucun type de fiche",
      en: "Sheet “{sheet}” skipped: its headers match no submission kind",
    },
    hint: {
      fr: "Si elle contient des données, reprenez les intitulés du modèle (atelier template)",
      en: "If it holds data, use the template's headers (atelier template)",
    },
  },
  "hidden-sheet": {
    severity: "warning",
    title: { fr: "Feuille masquée", en: "Hidden sheet" },
    message: {
      fr: "Feuille masquée « {sheet} » ignorée",
      en: "Hidden sheet “{sheet}” skipped",
    },
    hint: {
      fr: "Affichez-la (clic droit sur les onglets > Afficher) si elle doit être compilée",
      en: "Unhide it (right-click the tabs > Unhide) if it should be compiled",
    },
  },
  "hidden-row": {
    severity: "warning",
    title: { fr: "Ligne masquée", en: "Hidden row" },
    message: {
      fr: "Ligne {row} masquée : elle est lue quand même",
      en: "Row {row} is hidden: it is read all the same",
    },
    hint: {
      fr: "Supprimez-la si elle ne doit pas être compilée",
      en: "Delete it if it should not be compiled",
    },
  },
  // --- headers ---
  "missing-column": {
    severity: "error",
    title: { fr: "Colonne obligatoire absente", en: "Required column missing" },
    message: {
      fr: "Colonne obligatoire « {label} » absente : les lignes de cette feuille sont rejetées",
      en: "Required column “{label}” is missing: the rows of this sheet are rejected",
    },
    hint: { fr: "Ajoutez une colonne « {label} »", en: "Add a column “{label}”" },
  },
  "unknown-column": {
    severity: "warning",
    title: { fr: "Colonne inconnue", en: "Unknown column" },
    message: {
      fr: "Colonne « {header} » inconnue : ses valeurs sont conservées mais non vérifiées",
      en: "Unknown column “{header}”: its values are kept but not checked",
    },
    hint: { fr: "Vouliez-vous dire « {suggestion} » ?", en: "Did you mean “{suggestion}”?" },
  },
  "duplicate-column": {
    severity: "warning",
    title: { fr: "Colonne en double", en: "Duplicate column" },
    message: {
      fr: "La colonne « {label} » apparaît deux fois ({first} et {column}) : la première valeur non vide est retenue",
      en: "Column “{label}” appears twice ({first} and {column}): the first non-empty value is used",
    },
    hint: { fr: "Supprimez l'une des deux colonnes", en: "Delete one of the two columns" },
  },
  "blank-header": {
    severity: "warning",
    title: { fr: "Colonne sans en-tête", en: "Column without header" },
    message: {
      fr: "La colonne {column} n'a pas d'en-tête mais contient {count} valeur(s) : elles ne sont pas compilées",
      en: "Column {column} has no header but holds {count} value(s): they are not compiled",
    },
    hint: { fr: "Donnez un intitulé à la colonne", en: "Give the column a header" },
  },
  // --- cells and rows ---
  "missing-value": {
    severity: "error",
    title: { fr: "Valeur obligatoire manquante", en: "Required value missing" },
    message: {
      fr: "« {label} » est obligatoire et la cellule est vide",
      en: "“{label}” is required and the cell is empty",
    },
  },
  "type-error": {
    severity: "error",
    title: { fr: "Valeur illisible", en: "Unreadable value" },
    message: {
      fr: "« {label} » : {expected} attendu, lu « {value} »",
      en: "“{label}”: expected {expected}, got “{value}”",
    },
  },
  "invalid-value": {
    severity: "error",
    title: { fr: "Valeur non autorisée", en: "Value not allowed" },
    message: {
      fr: "« {label} » : « {value} » n'est pas une valeur autorisée",
      en: "“{label}”: “{value}” is not an allowed value",
    },
    hint: {
      fr: "Valeurs autorisées : {allowed}{suggestion}",
      en: "Allowed values: {allowed}{suggestion}",
    },
  },
  "ambiguous-number": {
    severity: "error",
    title: { fr: "Nombre ambigu", en: "Ambiguous number" },
    message: {
      fr: "« {label} » : « {value} » est ambigu (séparateur de milliers ou virgule décimale ?)",
      en: "“{label}”: “{value}” is ambiguous (thousands separator or decimal point?)",
    },
    hint: {
      fr: "Écrivez {asThousands} pour le montant entier, ou {asDecimal} pour la valeur décimale",
      en: "Write {asThousands} for the whole amount, or {asDecimal} for the decimal value",
    },
  },
  "out-of-range": {
    severity: "error",
    title: { fr: "Valeur hors limites", en: "Value out of range" },
    message: {
      fr: "« {label} » : {value} est hors limites ({range})",
      en: "“{label}”: {value} is out of range ({range})",
    },
  },
  "calendar-out-of-period": {
    severity: "error",
    title: { fr: "Année hors période", en: "Year outside the period" },
    message: {
      fr: "« {label} » : {years} hors de la période du plan ({from}-{to})",
      en: "“{label}”: {years} outside the plan period ({from}-{to})",
    },
    hint: {
      fr: "Indiquez des années entre {from} et {to}",
      en: "Give years between {from} and {to}",
    },
  },
  "cell-too-long": {
    severity: "error",
    title: { fr: "Cellule trop longue", en: "Cell too long" },
    message: {
      fr: "« {label} » : la cellule contient {length} caractères, au-delà de la limite de {limit}",
      en: "“{label}”: the cell holds {length} characters, over the {limit} limit",
    },
    hint: {
      fr: "Raccourcissez le texte, ou relevez « limits.maxCellLength »",
      en: "Shorten the text, or raise “limits.maxCellLength”",
    },
  },
  "cell-error": {
    severity: "error",
    title: { fr: "Erreur Excel dans la cellule", en: "Excel error in the cell" },
    message: {
      fr: "« {label} » : la cellule contient l'erreur {value}",
      en: "“{label}”: the cell holds the error {value}",
    },
    hint: {
      fr: "Corrigez la formule ou saisissez la valeur",
      en: "Fix the formula or type the value",
    },
  },
  "formula-no-cached-value": {
    severity: "error",
    title: { fr: "Formule sans résultat enregistré", en: "Formula without a stored result" },
    message: {
      fr: "« {label} » : la formule {formula} n'a pas de résultat enregistré dans le fichier",
      en: "“{label}”: formula {formula} has no result stored in the file",
    },
    hint: {
      fr: "Ouvrez le fichier dans Excel ou LibreOffice et enregistrez-le pour calculer les formules",
      en: "Open the file in Excel or LibreOffice and save it so that formulas are computed",
    },
  },
  "extra-cell": {
    severity: "error",
    title: { fr: "Cellules en trop", en: "Extra cells" },
    message: {
      fr: "La ligne a {count} cellule(s) de plus que l'en-tête ({extra}) : les valeurs sont sans doute décalées",
      en: "The row has {count} more cell(s) than the header ({extra}): the values are probably shifted",
    },
    hint: {
      fr: "Mettez entre guillemets les textes qui contiennent le séparateur « {delimiter} »",
      en: "Quote the texts that contain the delimiter “{delimiter}”",
    },
  },
  "conflicting-columns": {
    severity: "error",
    title: { fr: "Colonnes en double contradictoires", en: "Duplicate columns disagree" },
    message: {
      fr: "« {label} » : les deux colonnes disent « {value} » et « {other} »",
      en: "“{label}”: the two columns say “{value}” and “{other}”",
    },
    hint: { fr: "Gardez une seule colonne", en: "Keep only one column" },
  },
  "cost-split-mismatch": {
    severity: "error",
    title: { fr: "Coûts annuels incohérents", en: "Yearly costs do not add up" },
    message: {
      fr: "La somme des coûts annuels ({sum}) diffère du coût estimé ({total})",
      en: "The yearly costs add up to {sum}, not the estimated cost ({total})",
    },
    hint: {
      fr: "Corrigez le coût estimé ou les coûts par année",
      en: "Fix the estimated cost or the yearly costs",
    },
  },
  // --- rules across rows and against the reference plan ---
  "duplicate-activity": {
    severity: "error",
    title: { fr: "Activité en double dans le fichier", en: "Activity twice in the file" },
    message: {
      fr: "L'activité {value} est déjà évaluée ligne {first} de ce fichier",
      en: "Activity {value} is already assessed on row {first} of this file",
    },
    hint: {
      fr: "Fusionnez les deux lignes ou corrigez le code",
      en: "Merge the two rows or fix the code",
    },
  },
  "budget-overspent": {
    severity: "warning",
    title: { fr: "Budget dépassé", en: "Budget overspent" },
    message: {
      fr: "Budget exécuté ({spent}) supérieur au budget prévu ({planned})",
      en: "Spent budget ({spent}) exceeds the planned budget ({planned})",
    },
    hint: { fr: "Vérifiez les deux montants", en: "Check both amounts" },
  },
  "rate-status-mismatch": {
    severity: "warning",
    title: { fr: "Taux et statut incohérents", en: "Rate and status disagree" },
    message: {
      fr: "Taux de réalisation {rate} % incohérent avec le statut « {status} »",
      en: "Completion rate {rate}% does not fit the status “{status}”",
    },
    hint: { fr: "Vérifiez le statut ou le taux", en: "Check the status or the rate" },
  },
  "unknown-activity": {
    severity: "warning",
    title: { fr: "Activité hors plan de référence", en: "Activity not in the reference plan" },
    message: {
      fr: "L'activité {value} ne figure pas dans le plan de référence",
      en: "Activity {value} is not in the reference plan",
    },
    hint: {
      fr: "Corrigez le code{suggestion}, ou indiquez « Oui » dans « Activité non programmée »",
      en: "Fix the code{suggestion}, or put “Yes” in “Unplanned activity”",
    },
  },
  "axis-code-mismatch": {
    severity: "warning",
    title: { fr: "Axe et code incohérents", en: "Axis and code disagree" },
    message: {
      fr: "L'activité {code} relève de l'axe {expected}, pas de l'axe {axis}",
      en: "Activity {code} belongs to axis {expected}, not axis {axis}",
    },
    hint: { fr: "Vérifiez l'axe ou le code", en: "Check the axis or the code" },
  },
  "missing-origin": {
    severity: "warning",
    title: { fr: "Activité d'origine manquante", en: "Source activity missing" },
    message: {
      fr: "Action « {nature} » sans « Activité d'origine »",
      en: "“{nature}” action without a “Source activity”",
    },
    hint: {
      fr: "Indiquez le code de l'activité du plan évalué qu'elle reprend",
      en: "Give the code of the reviewed plan's activity it takes over",
    },
  },
  "unknown-session": {
    severity: "warning",
    title: { fr: "Session inconnue", en: "Unknown session" },
    message: {
      fr: "Session « {value} » absente de la configuration ({allowed})",
      en: "Session “{value}” is not in the configuration ({allowed})",
    },
  },
  // --- resolutions.csv (the rapporteur's decisions on conflicts) ---
  "invalid-resolution": {
    severity: "error",
    title: { fr: "Champ de résolution inconnu", en: "Unknown resolution field" },
    message: {
      fr: "« {value} » n'est pas un champ qui peut être en conflit : la décision est ignorée",
      en: "“{value}” is not a field that can be in conflict: the decision is ignored",
    },
    hint: {
      fr: "Indiquez l'un de ces champs : {allowed}",
      en: "Use one of these fields: {allowed}",
    },
  },
  "unused-resolution": {
    severity: "warning",
    title: { fr: "Résolution sans conflit", en: "Resolution without a conflict" },
    message: {
      fr: "Aucun conflit sur « {label} » pour l'activité {key} : la décision n'est pas appliquée",
      en: "No conflict on “{label}” for activity {key}: the decision is not applied",
    },
    hint: {
      fr: "Vérifiez le code et le champ : seuls les conflits de conflits.csv se tranchent ici",
      en: "Check the code and the field: only the conflicts in conflits.csv are settled here",
    },
  },
  "duplicate-resolution": {
    severity: "warning",
    title: { fr: "Résolution en double", en: "Resolution given twice" },
    message: {
      fr: "« {label} » de l'activité {key} est déjà tranché ligne {first} : cette ligne, plus bas, l'emporte",
      en: "“{label}” of activity {key} is already settled on row {first}: this later row wins",
    },
    hint: { fr: "Supprimez la ligne qui ne vaut plus", en: "Delete the row that no longer holds" },
  },
} as const satisfies Record<string, IssueSpec>;

export type IssueCode = keyof typeof CATALOG;
export type Params = Record<string, string | number>;

/** Where a problem is, as the spreadsheet numbers it. */
export interface Location {
  /** Path relative to the workshop folder (or as given), with `/`. */
  file: string;
  /** Sheet name; absent for CSV. */
  sheet?: string;
  /** Row as the spreadsheet shows it (header row included, 1-based). */
  row?: number;
  /** Column letter (`C`). */
  column?: string;
  /** Header text of that column, as read. */
  header?: string;
}

/** One problem: a value, never thrown. */
export interface Issue extends Location {
  code: IssueCode;
  severity: Severity;
  /** Field id (`budget_prevu`) when the problem is about one field. */
  field?: string;
  /** The value as read, as text. */
  value?: string;
  params: Params;
}

export function issue(
  code: IssueCode,
  where: Location,
  extra: { field?: string; value?: string; params?: Params } = {},
): Issue {
  const out: Issue = { code, severity: CATALOG[code].severity, ...where, params: {} };
  if (extra.field !== undefined) out.field = extra.field;
  if (extra.value !== undefined) out.value = extra.value;
  if (extra.params) out.params = extra.params;
  return out;
}

/**
 * Fills `{name}` from the params (`name_en` first when rendering English, `name_fr` for French),
 * then the location; `undefined` when a placeholder stays empty.
 */
function fill(template: string, issue: Issue, lang: Lang): string | undefined {
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v =
      issue.params[`${name}_${lang}`] ??
      issue.params[name] ??
      (issue as unknown as Record<string, string | number | undefined>)[name];
    if (v === undefined) missing = true;
    return String(v);
  });
  return missing ? undefined : text;
}

export function messageOf(issue: Issue, lang: Lang): string {
  const template = CATALOG[issue.code].message[lang];
  return fill(template, issue, lang) ?? template;
}

/** The fix to suggest; omitted when the hint needs a param this issue does not have. */
export function hintOf(issue: Issue, lang: Lang): string | undefined {
  const spec: IssueSpec = CATALOG[issue.code];
  return spec.hint ? fill(spec.hint[lang], issue, lang) : undefined;
}

/** A field's label in both languages, as issue params (`{label}` in either template). */
export function labelParams(field: { fr: string; en: string }): Params {
  return { label: field.fr, label_en: field.en };
}

/** `Bilan!C12`, `C12`, `ligne 12`: the place a rapporteur clicks. */
export function cellOf(loc: Location): string | undefined {
  if (loc.row === undefined) return loc.sheet;
  const cell = loc.column ? `${loc.column}${loc.row}` : undefined;
  if (loc.sheet) return `${quoteSheet(loc.sheet)}!${cell ?? `${loc.row}:${loc.row}`}`;
  return cell;
}

function quoteSheet(name: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The §4 record as written to JSON and CSV: every key present, in one order. */
export function recordOf(issue: Issue, lang: Lang) {
  return {
    code: issue.code,
    severity: issue.severity,
    file: issue.file,
    sheet: issue.sheet ?? null,
    row: issue.row ?? null,
    column: issue.column ?? null,
    header: issue.header ?? null,
    cell: cellOf(issue) ?? null,
    field: issue.field ?? null,
    value: issue.value ?? null,
    message: messageOf(issue, lang),
    hint: hintOf(issue, lang) ?? null,
  };
}

/** Flattens issues to tuples of the named keys: the shape tests assert on. */
export function flatten<K extends keyof Issue>(issues: readonly Issue[], keys: readonly K[]) {
  return issues.map((i) => keys.map((k) => i[k]));
}

export function countBySeverity(issues: readonly Issue[]) {
  let errors = 0;
  let warnings = 0;
  for (const i of issues) i.severity === "error" ? errors++ : warnings++;
  return { errors, warnings };
}
