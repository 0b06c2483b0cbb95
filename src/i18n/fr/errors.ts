/**
 * French texts of the command line: why a command cannot run (each says what to do), the help
 * of every command and option, and the short lines a command prints.
 */

export const errors = {
  pathNotFound: (path: string) =>
    `Chemin introuvable : ${path}. Vérifiez l'orthographe et le dossier courant.`,
  workshopNotFound: (dir: string) =>
    `Dossier d'atelier introuvable : ${dir}. Indiquez le dossier qui contient les fichiers des groupes.`,
  noSubmission: (paths: string, skipped: number) =>
    `Aucun classeur (.xlsx, .xls, .ods) ni fichier .csv à lire dans ${paths}${skipped ? ` (${skipped} autre(s) fichier(s) ignoré(s))` : ""}. Placez-y les fichiers des groupes.`,
  outputFolderGiven: (path: string) =>
    `${path} contient les résultats d'une compilation d'atelier, qui ne sont jamais relus comme des fiches : donnez le dossier de l'atelier ou les fichiers des groupes.`,
  unsupportedFormat: (path: string, format: string, name: string) =>
    `${path} : format ${format} non pris en charge. Ouvrez « ${name} » dans Excel ou LibreOffice et enregistrez-le au format .xlsx ou .ods (Fichier > Enregistrer sous).`,
  notSpreadsheet: (path: string) =>
    `${path} : ce n'est pas un tableur (.xlsx, .ods, .xls ou .csv attendu). Exportez les données au format .xlsx ou .csv.`,
  configNotFound: (file: string) =>
    `Fichier de configuration introuvable : ${file}. Vérifiez le chemin donné à --config.`,
  configUnreadable: (file: string, why: string) =>
    `Configuration ${file} illisible : ${why}. Vérifiez que c'est du JSON valide.`,
  configInvalid: (file: string, lines: readonly string[]) =>
    `Configuration ${file} invalide — ${lines.join(" ; ")}. Corrigez ces clés (voir README, « Configuration »).`,
  configKey: (key: string, what: string) => `${key} : ${what}`,
  unknownKey: "clé inconnue",
  axisCode: "un code en majuscules (PREV)",
  periodOrder: "« from » doit précéder « to »",
  sameAxis: (file: string, period: string) =>
    `Configuration ${file} invalide — ${period} : deux axes ont le même code ou le même numéro.`,
  referenceNotFound: (path: string, config: string) =>
    `Plan de référence introuvable : ${path} (clé « reference » de ${config}). Corrigez le chemin ou retirez la clé.`,
  outputHoldsOthers: (out: string, entries: string) =>
    `Le dossier de sortie ${out} contient déjà d'autres fichiers (${entries}…) : choisissez un dossier vide ou nouveau avec --out.`,
  outputNotWritable: (out: string, why: string, folder: string) =>
    `Impossible d'écrire dans ${out} (${why}) : vérifiez les droits, l'espace disque, et fermez les fichiers du dossier ${folder} ouverts dans Excel.`,
  previousNotOurs: (path: string) =>
    `${path} n'a pas été créé par atelier, qui y garde les sorties précédentes à chaque compilation : renommez-le ou déplacez-le, puis relancez.`,
  siblingNotOurs: (path: string) =>
    `${path} n'a pas été créé par atelier, qui se sert de ce nom pendant l'écriture des sorties : renommez-le ou déplacez-le, puis relancez.`,
  previousHoldsTheirs: (path: string, names: string) =>
    `${path} contient des fichiers ajoutés ou modifiés depuis qu'atelier les y a mis (${names}…) : atelier y remplace les sorties précédentes à chaque compilation ; déplacez-les hors de ce dossier, puis relancez.`,
  nameInTheWay: (path: string, folder: boolean) =>
    `${path} est ${folder ? "un fichier" : "un dossier"}, mais atelier écrit à cette place ${folder ? "un dossier" : "un fichier"} de ce nom : renommez-le ou déplacez-le, puis relancez.`,
  outputBusy: (out: string) =>
    `une compilation est déjà en cours dans ${out} : attendez qu'elle se termine, puis relancez.`,
  outputNotFolder: (out: string, path: string) =>
    `--out : ${out} ne peut pas être un dossier de sortie, car ${path} existe déjà et n'est pas un dossier. Donnez le chemin d'un dossier (par exemple --out resultats).`,
  /** Why a folder cannot be written, in words (never a system code). */
  writeReason: (code: string) =>
    ({
      EACCES: "accès refusé",
      EPERM: "opération non permise",
      EROFS: "disque en lecture seule",
      ENOSPC: "disque plein",
      EDQUOT: "quota disque dépassé",
      ENOENT: "chemin impossible à créer",
      ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
      EISDIR: "un dossier porte le nom d'un fichier à écrire",
      EBUSY: "fichier ou dossier utilisé par un autre programme",
      EEXIST: "un élément du chemin existe déjà",
      ENAMETOOLONG: "chemin trop long",
    })[code] ?? "écriture impossible",
  sourceDateEpoch: (value: string) =>
    `la variable d'environnement SOURCE_DATE_EPOCH vaut « ${value} » : il faut un nombre entier de secondes depuis le 1er janvier 1970 (par exemple 1689811200), ou retirez-la.`,
  filesNotWritable: (out: string, why: string) =>
    `Impossible d'écrire dans ${out} (${why}) : vérifiez les droits et fermez les fichiers ouverts dans Excel.`,
  exists: (path: string) =>
    `${path} existe déjà : choisissez un autre nom avec -o, ou supprimez-le.`,
  notWritable: (path: string, why: string) => `Impossible d'écrire ${path} (${why}).`,
  initExists: (dir: string, existing: string) =>
    `${dir} contient déjà ${existing} : atelier init n'écrase rien. Choisissez un dossier vide ou nouveau.`,
  reportFormat: (unknown: string) =>
    `--format : « ${unknown} » inconnu ; choisissez parmi md, html, pdf (ex. --format html,pdf).`,
  delimiter: (given: string) =>
    `--csv-delimiter : « ${given} » n'est pas un séparateur accepté (; , | ou tabulation).`,
  browserNotFound:
    "Aucun navigateur Chromium, Chrome ou Edge trouvé pour imprimer le PDF. Installez-en un (Debian/Ubuntu : sudo apt-get install chromium) ou donnez son chemin dans la variable CHROME_PATH ; le rapport HTML peut aussi être imprimé en PDF depuis le navigateur (Ctrl+P).",
  pdfFailed: (browser: string, why: string) =>
    `L'impression du PDF avec ${browser} a échoué${why ? ` : ${why}` : ""}. Ouvrez le rapport HTML dans un navigateur et imprimez-le en PDF (Ctrl+P).`,
  internal: (message: string) =>
    `erreur interne : ${message}. C'est un défaut d'atelier ; relancez avec --debug pour le détail.`,
  /** How every message that stops a command starts. */
  stop: (message: string) => `atelier : ${message}`,
};

export const cli = {
  description:
    "Compile les fichiers des groupes de travail d'un atelier de restitution : validation, consolidation, rapport, matrice d'actions.",
  debug: "affiche le détail interne des erreurs",
  dir: "dossier de l'atelier",
  out: "dossier de sortie (défaut : <dir>/sortie)",
  config: "fichier atelier.config.json à utiliser",
  groupe: "groupe de travail, si les fichiers ne le disent pas",
  session: "session, si les fichiers ou dossiers ne le disent pas",
  validate: {
    description: "vérifie des fichiers ou dossiers sans rien écrire",
    paths: "classeurs (.xlsx, .xls, .ods), fichiers .csv ou dossiers",
    format: "text, json ou github",
    strict: "les avertissements comptent comme des erreurs (code 1)",
    lang: "langue des messages",
    all: "affiche tous les problèmes (texte)",
  },
  compile: {
    description: "consolide tous les fichiers d'un atelier et écrit les sorties",
    strict: "code 1 si une ligne est rejetée ou un avertissement émis",
    lang: "langue des sorties et messages",
    format: "résumé en texte ou en JSON",
    delimiter: "séparateur des CSV écrits",
  },
  report: {
    description: "écrit le rapport bilan (forces et faiblesses) du plan évalué",
    lang: "langue du rapport",
    format: "md, html et/ou pdf, séparés par des virgules",
  },
  matrix: {
    description: "écrit la matrice d'actions du nouveau plan (Excel et CSV)",
    lang: "langue de la matrice",
    format: "xlsx (avec le CSV) ou md",
  },
  template: {
    description: "écrit un modèle vierge de fiche à remettre aux groupes",
    out: "fichier .xlsx (défaut : modele.xlsx) ou dossier des CSV (défaut : .)",
    lang: "langue du modèle",
    kind: "type de fiche",
    format: "xlsx ou csv",
    groupe: "groupe prérempli dans la feuille Identification",
    session: "session préremplie dans la feuille Identification",
  },
  init: {
    description: "prépare un dossier d'atelier : configuration, modèles, dossiers de sessions",
    dir: "dossier à préparer",
    lang: "langue des modèles",
  },
  schema: {
    description: "affiche le registre des champs",
    format: "json-schema, table-schema ou markdown",
    lang: "langue des titres",
  },
  folder: (name: string, n: number) => `${name}/ (${n} fichier${n > 1 ? "s" : ""})`,
  editedLabel: "modifié",
  editedKept: (out: string, kept: { from: string; to: string; rewritten: boolean }) =>
    `${out}/${kept.from} a été modifié depuis qu'atelier l'a écrit : il est gardé sous le nom « ${kept.to} »${kept.rewritten ? ` (un nouveau ${kept.from} est écrit)` : ""}.`,
  editedArbitrages:
    "    Pour appliquer les arbitrages qu'il contient, enregistrez-le sous le nom resolutions.xlsx dans le dossier de l'atelier, puis relancez la compilation.",
  written: (dir: string) => `Écrit dans ${dir} :`,
  movedToPrevious: (names: string, out: string) =>
    `Déplacé dans ${out}/precedent/ (écrit par une exécution précédente d'atelier, non régénéré cette fois) : ${names}`,
  unlisted: (out: string, names: string) =>
    `La liste ${out}/.atelier-sortie.json manquait ou était illisible : atelier ne peut pas savoir si ces fichiers ont été modifiés depuis qu'il les a écrits ; ils sont gardés dans ${out}/precedent/ jusqu'à la prochaine compilation : récupérez-y vos modifications (${names}).`,
  previousKept: (out: string) =>
    `Les sorties précédentes sont gardées dans ${out}/precedent/ (pour revenir en arrière).`,
};
