import { monthName, pick, plural, sentence } from "../format.js";

/** What a JSON escape makes, by its letter: what a Windows path's single `\` turns into. */
const ESCAPE_NAMES_FR: Record<string, string> = {
  t: "une tabulation",
  n: "un saut de ligne",
  r: "un retour chariot",
  b: "un retour arrière",
  f: "un saut de page",
};

const listFr = (items: readonly string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(", ")} et ${items.at(-1)}` : `${items[0]}`;
/**
 * French texts of the command line: why a command cannot run (each says what to do), the help
 * of every command and option, and the short lines a command prints.
 */

export const errors = {
  emptyRef:
    "--changed-since attend une version git (branche, étiquette ou commit : origin/main, v1.0, HEAD~1) ; sans elle, validez sans --changed-since.",
  noMergeBase: (ref: string) =>
    `Aucun ancêtre commun avec « ${ref} » dans ce clone : l'historique manque (clone superficiel). Récupérez-le (git fetch --unshallow ; dans un workflow GitHub, actions/checkout avec fetch-depth: 0).`,
  noCommonHistory: (ref: string) =>
    `« ${ref} » n'a aucun historique en commun avec la version en cours : rien ne dit ce qui a changé depuis. Donnez une version dont la branche est partie, ou validez sans --changed-since.`,
  gitMissing:
    "git est introuvable : --changed-since demande à git les fichiers modifiés. Installez git, ou validez sans --changed-since.",
  notRepository: (dir: string) =>
    `${dir} n'est pas dans un dépôt git : --changed-since ne s'emploie que dans un dépôt. Validez sans --changed-since.`,
  unknownRef: (ref: string, said: string) =>
    `Version git inconnue : « ${ref} » (${said}). Vérifiez son nom (git branch -a, git log) ; dans un workflow GitHub, récupérez l'historique (actions/checkout avec fetch-depth: 0).`,
  pathNotFound: (path: string) =>
    `Chemin introuvable : ${path}. Vérifiez l'orthographe et le dossier courant.`,
  workshopNotFound: (dir: string) =>
    `Dossier d'atelier introuvable : ${dir}. Indiquez le dossier qui contient les fichiers des groupes.`,
  noSubmission: (paths: string, skipped: number) =>
    `Aucun classeur (.xlsx, .xls, .ods) ni fichier .csv à lire dans ${paths}${skipped ? ` (${plural(skipped, "fr", "autre fichier ignoré", "autres fichiers ignorés")})` : ""}. Placez-y les fichiers des groupes.`,
  onlyBlankTemplates: (paths: string, n: number) =>
    `Rien à lire dans ${paths} : ${plural(n, "fr", "fiche vierge", "fiches vierges")}, qu'aucun groupe n'a encore ${pick(n, "fr", "remplie", "remplies")}. Placez-y les fichiers remis par les groupes.`,
  outputFolderGiven: (path: string) =>
    `${path} contient les résultats d'une compilation d'atelier, qui ne sont jamais relus comme des fiches : donnez le dossier de l'atelier ou les fichiers des groupes.`,
  unsupportedFormat: (path: string, format: string, name: string) =>
    `${path} : format ${format} non pris en charge. Ouvrez « ${name} » dans Excel ou LibreOffice et enregistrez-le au format .xlsx ou .ods (Fichier > Enregistrer sous).`,
  notSpreadsheet: (path: string) =>
    `${path} : ce n'est pas un tableur (.xlsx, .ods, .xls ou .csv attendu). Exportez les données au format .xlsx ou .csv.`,
  configNotFound: (file: string) =>
    `Fichier de configuration introuvable : ${file}. Vérifiez le chemin donné à --config.`,
  configUnreadable: (file: string, why: string) => `Configuration ${file} illisible : ${why}.`,
  /** Why a file cannot be read, in words (never a system code). */
  readReason: (code: string) =>
    ({
      EACCES: "accès refusé",
      EPERM: "opération non permise",
      EISDIR: "c'est un dossier, pas un fichier",
      EBUSY: "fichier utilisé par un autre programme",
    })[code] ?? "lecture impossible",
  configSyntax: (file: string, line: number, column: number, why: string) =>
    `Configuration ${file} illisible à la ligne ${line}, colonne ${column} : ${why}.`,
  configInvalid: (file: string, lines: readonly string[]) =>
    lines.length === 1
      ? `Configuration ${file} invalide — ${sentence(lines[0] ?? "")} Corrigez cette clé (voir README, « Configuration »).`
      : `Configuration ${file} invalide :\n${lines.map((l) => `  - ${l}`).join("\n")}\nCorrigez ces clés (voir README, « Configuration »).`,
  /** What is wrong with one key of a configuration, for `configInvalid`. */
  config: {
    /** The whole file, where a key's path would be. */
    root: "le fichier",
    key: (key: string, what: string) => `${key} : ${what}`,
    wrong: (key: string, expected: string, found: string) =>
      `${key} : il faut ${expected}, pas ${found}`,
    missing: (key: string, expected: string) => `${key} : clé obligatoire manquante (${expected})`,
    unquote: (value: string) => ` (retirez les guillemets : ${value})`,
    /** What a wrong value needs to be right, when it is close: said after `wrong`. */
    brackets: (list: string) => ` (une liste s'écrit entre crochets : ${list})`,
    noMonth: (month: number) => ` (il n'y a pas de mois ${month})`,
    noDay: (month: number, year: number, days: number) =>
      ` (${monthName(month, "fr")} ${year} n'a que ${days} jours)`,
    dayFirst: (fixed: string) => ` (le jour s'écrit avant le mois : ${fixed})`,
    unknownKey: (key: string, near: string, allowed: string) =>
      `${key} : clé inconnue${near ? ` ; vouliez-vous dire ${near} ?` : ` (clés possibles : ${allowed})`}`,
    unknownField: (key: string, near: string, allowed: string) =>
      `${key} : champ inconnu${near ? ` ; vouliez-vous dire ${near} ?` : ` (champs à valeurs fermées : ${allowed})`}`,
    notClosed: (key: string, allowed: string) =>
      `${key} : ce champ n'a pas de liste de valeurs fermée ; des synonymes se donnent pour ${allowed}`,
    unknownValue: (key: string, field: string, near: string, allowed: string) =>
      `${key} : valeur inconnue du champ ${field}${near ? ` ; vouliez-vous dire ${near} ?` : ` (valeurs : ${allowed})`}`,
    /** A synonym that already names another value of its field (its id, a label, a synonym). */
    synonymEmpty: (key: string, synonym: string) =>
      `${key} : « ${synonym} » veut dire « cellule vide » (comme -, N/A, ND, néant) : il ne peut pas être le synonyme d'une valeur ; retirez-le`,
    synonymTaken: (key: string, synonym: string, value: { id: string; fr: string; en: string }) =>
      `${key} : « ${synonym} » désigne déjà la valeur « ${value.fr} » (${value.id}) : un synonyme ne peut pas changer le sens d'une valeur ; retirez-le`,
    /** A synonym given for two values of one field. */
    synonymTwice: (
      key: string,
      synonym: string,
      value: { id: string; fr: string; en: string },
      other: string,
    ) =>
      `${key} : « ${synonym} » est déjà un synonyme de la valeur « ${value.fr} » (${value.id}, dans ${other}) : un synonyme ne désigne qu'une valeur ; retirez-le de l'une des deux`,
    /** A path whose single `\` made JSON escapes (`D:\tableaux` holds a tab). */
    pathEscapes: (key: string, letters: readonly string[], doubled: string, slashed: string) =>
      `${key} : en JSON, ${listFr(letters.map((l) => `\\${l}`))} dans un texte ${letters.length > 1 ? "sont" : "est"} ${listFr(letters.map((l) => ESCAPE_NAMES_FR[l] ?? "un caractère invisible"))}, pas une \\ suivie d'une lettre : dans un chemin, une \\ doit être doublée ou écrite / ; écrivez ${doubled} ou ${slashed}`,
    pathControl: (key: string, fixed: string) =>
      `${key} : ce chemin contient un caractère invisible : retirez-le (${fixed})`,
    noSessions: (key: string) =>
      `${key} : la liste est vide ; donnez les sessions dans leur ordre (["J1", "J2", "J3"]), ou retirez la clé`,
    sameSession: (key: string, name: string, earlier: string, where: string) =>
      `${key} : « ${name} » est la même session que « ${earlier} » (${where}) pour atelier ; retirez l'une des deux`,
    sessionName: (key: string, name: string, why: string) =>
      `${key} : la session « ${name} » ne peut pas être un nom de dossier : ${why}`,
    /** Why a session's name cannot be a folder's, for `sessionName`. */
    folderName: {
      control: "elle contient un caractère invisible",
      dots: "« . » et « .. » désignent le dossier courant et le dossier parent",
      separator: "/ et \\ séparent les dossiers d'un chemin",
      windowsCharacters: (characters: readonly string[]) =>
        `Windows refuse ${characters.map((c) => `« ${c} »`).join(", ")} dans un nom de dossier (ni : * ? " < > |)`,
      reserved: (name: string) => `${name} est un nom réservé par Windows`,
      trailing: "Windows refuse un point ou une espace à la fin d'un nom de dossier",
    },
    bandsOrder: (
      key: string,
      moyen: number,
      moyenGiven: boolean,
      satisfaisant: number,
      satisfaisantGiven: boolean,
    ) =>
      `${key} : « moyen » (${moyen}${moyenGiven ? "" : ", par défaut"}) doit être inférieur à « satisfaisant » (${satisfaisant}${satisfaisantGiven ? "" : ", par défaut"})`,
    sameAxisCode: (key: string, code: string, places: readonly string[]) =>
      `${key} : deux axes ont le même code « ${code} » (${places.join(" et ")})`,
    sameAxisNumber: (key: string, number: number, places: readonly string[]) =>
      `${key} : deux axes ont le même numéro ${number} (${places.join(" et ")})`,
    /** The workshop's `dates`, said after the key (`config.key`). */
    dateOrder: (from: string, to: string) =>
      `« from » (${from}) doit précéder « to » (${to}) ou lui être égal`,
    /** A text of the workshop that says nothing; `remove` is what may go instead of it. */
    emptyText: (value: string, remove: "key" | "item" | undefined) =>
      `${value.trim() === "" ? "le texte est vide" : `« ${value.trim()} » veut dire « vide » (comme -, N/A, néant)`} : écrivez le texte${remove ? `, ou retirez ${remove === "item" ? "l'élément de la liste" : "la clé"}` : ""}`,
    /** A name quoted, and names joined, in a suggestion. */
    quote: (name: string) => `« ${name} »`,
    or: (names: readonly string[]) => names.join(" ou "),
  },
  /** What a key holds, as `config.wrong` says it. */
  kinds: {
    number: "un nombre",
    integer: "un nombre entier",
    between: (kind: string, min: number, max: number) => `${kind} entre ${min} et ${max}`,
    above: (kind: string, min: number) => `${kind} supérieur à ${min}`,
    atLeast: (kind: string, min: number) => `${kind} supérieur ou égal à ${min}`,
    atMost: (kind: string, max: number) => `${kind} inférieur ou égal à ${max}`,
    text: "un texte",
    nonEmptyText: "un texte non vide",
    date: "une date entre 1990 et 2100 écrite 2023-07-18 ou 18/07/2023, le jour avant le mois",
    boolean: "vrai ou faux (true ou false)",
    oneOf: (values: readonly string[]) =>
      values.length > 1 ? `${values.slice(0, -1).join(", ")} ou ${values.at(-1)}` : `${values[0]}`,
    texts: "une liste de textes",
    numbers: "une liste de nombres",
    objects: (keys: string) => `une liste d'objets { ${keys} }`,
    list: "une liste",
    nonEmptyList: (list: string) => `${list} (au moins un élément)`,
    object: (keys: string) => `un objet { ${keys} }`,
    map: "un objet",
    value: "une valeur",
  },
  /** A value found where another kind was expected, as `config.wrong` says it. */
  found: {
    text: (value: string) => `le texte ${value}`,
    number: (value: string) => `le nombre ${value}`,
    boolean: (value: string) => value,
    null: "null",
    list: "une liste",
    emptyList: "une liste vide",
    object: "un objet",
  },
  /** Why a configuration is not valid JSON, and how to fix it. */
  json: {
    trailingComma: (close: string) => `retirez la virgule en trop avant ${close}`,
    missingComma: (token: string, previousLine: boolean) =>
      `il manque une virgule avant ${token}${previousLine ? " (à la fin de la ligne précédente)" : ""}`,
    missingColon: (key: string) => `il manque deux-points (:) après la clé ${key}`,
    decimalComma: (given: string, fixed: string) =>
      `un nombre s'écrit avec un point décimal : ${fixed}, pas ${given}`,
    singleQuotes:
      'les textes et les noms de clés s\'écrivent entre guillemets droits doubles ("…"), pas entre apostrophes',
    typographicQuotes: (quote: string) =>
      `le guillemet ${quote} n'est pas reconnu : utilisez des guillemets droits doubles (")`,
    unquotedKey: (word: string) => `le nom de clé ${word} doit être entre guillemets : "${word}"`,
    unquotedText: (word: string) =>
      `valeur non reconnue : ${word} ; un texte s'écrit entre guillemets ("${word}"), vrai et faux s'écrivent true et false`,
    badNumber: (word: string) => `nombre mal écrit : ${word} (par exemple 2023 ou 0.75)`,
    comment: "les commentaires (// ou /* */) ne sont pas permis dans ce fichier : retirez-les",
    unclosedString: 'texte sans guillemet fermant sur sa ligne : ajoutez " à la fin du texte',
    controlCharacter:
      "une tabulation ou un caractère invisible dans un texte : remplacez-le par un espace",
    badEscape: (sequence: string, fixed: string) =>
      `la barre oblique inverse doit être doublée dans un texte : ${fixed}, pas ${sequence} (pour un chemin Windows, écrivez C:\\\\dossier ou C:/dossier)`,
    unexpectedEnd: (closers: string) =>
      `le fichier s'arrête trop tôt : il manque ${closers} à la fin`,
    extra: "du texte suit la fin de la configuration (après la dernière }) : retirez-le",
    empty: "le fichier est vide : écrivez au moins {}",
    unexpected: (character: string) => `caractère inattendu ${character}`,
    invalid: "ce n'est pas du JSON valide",
  },
  axisCode: "un code de 2 à 12 majuscules, chiffres ou _, commençant par une lettre (comme PREV)",
  periodOrder: (from: number, to: number) =>
    `« from » (${from}) doit précéder « to » (${to}) ou lui être égal`,
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
  perGroupNoSessions:
    "--groupes écrit un classeur par groupe et par session : donnez --sessions J1,J2,J3, ou « sessions » dans atelier.config.json.",
  perGroupCsv:
    "--groupes écrit des classeurs .xlsx : retirez --format csv (les modèles CSV s'écrivent sans --groupes).",
  perGroupNoGroups:
    '--groupes : aucun nom de groupe ; donnez les noms séparés par des virgules (--groupes "Groupe 1,Groupe 2").',
  perGroupOut: (out: string) =>
    `-o ${out} : avec --groupes, -o est un dossier (un sous-dossier par session y est écrit), pas un fichier .xlsx ou .csv. Donnez un dossier (ex. -o fiches), ou omettez -o pour écrire dans le dossier de l'atelier.`,
  perGroupWith: (flag: string) =>
    flag === "--sessions"
      ? "--sessions ne sert qu'avec --groupes : pour un seul classeur, donnez --session J1."
      : `${flag} et --groupes ne vont pas ensemble : --groupes écrit déjà la fiche de chaque groupe pour chaque session (--sessions) ; pour un seul classeur, retirez --groupes.`,
  sessionName: (session: string, why: string) =>
    `La session « ${session} » ne peut pas être un dossier de l'atelier : ${why}. Une session est un dossier directement dans le dossier de l'atelier (ex. J1).`,
  groupName: (groupe: string, why: string) =>
    groupe === ""
      ? '--groupes : un nom de groupe est vide ; séparez les noms par une seule virgule (--groupes "Groupe 1,Groupe 2").'
      : `Le groupe « ${groupe} » ne peut pas donner un nom de fichier : ${why}. Donnez-lui un autre nom dans --groupes.`,
  nameReason: (reason: string) =>
    ({
      empty: "le nom est vide",
      dots: "« . » et « .. » désignent des dossiers, pas des noms",
      separator: "le nom contient / ou \\, qui séparent les dossiers",
      control: "le nom contient un caractère de contrôle (tabulation, retour à la ligne…)",
      forbidden: 'le nom contient un caractère que Windows refuse (: * ? " < > |)',
      reserved: "Windows réserve ce nom (CON, PRN, AUX, NUL, COM1 à COM9, LPT1 à LPT9)",
      trailing: "Windows refuse un nom qui finit par un point ou une espace",
      hidden: "un nom qui commence par un point est caché, et atelier compile ne le lirait pas",
      long: "le nom dépasse 80 caractères",
      notRead:
        "atelier compile ne lirait pas les fiches de ce dossier (modèles, résultats, ou nom de classeur)",
    })[reason] ?? "nom refusé",
  sameGroup: (a: string, b: string) =>
    a === b
      ? `--groupes : « ${a} » est donné deux fois.`
      : `--groupes : « ${a} » et « ${b} » sont le même groupe pour atelier compile (la casse, les tirets, les zéros et le mot « Groupe » devant le numéro ne comptent pas) : gardez un seul de ces noms.`,
  sameSession: (a: string, b: string) =>
    a === b
      ? `--sessions : « ${a} » est donnée deux fois.`
      : `--sessions : « ${a} » et « ${b} » sont la même session pour atelier compile : gardez un seul de ces noms.`,
  groupFileExists: (path: string) =>
    `${path} existe déjà : atelier n'écrase jamais la fiche d'un groupe ; retirez ce groupe de --groupes ou cette session de --sessions, ou supprimez le fichier s'il est vierge.`,
  initExists: (dir: string, existing: string) =>
    `${dir} contient déjà ${existing} : atelier init n'écrase rien. Choisissez un dossier vide ou nouveau.`,
  reportFormat: (unknown: string, near?: string) =>
    `--format : ${unknown ? `« ${unknown} » inconnu` : "aucun format"} ; ${near ? `vouliez-vous dire ${near} ? Formats : ` : "choisissez parmi "}md, html, docx, pdf (ex. --format docx,pdf).`,
  delimiter: (given: string) =>
    `--csv-delimiter : « ${given} » n'est pas un séparateur accepté (; , | ou tabulation).`,
  installation: (file: string, places: string) =>
    `le fichier ${file} d'atelier est introuvable (cherché dans ${places}) : l'installation est incomplète. Extrayez de nouveau le .zip d'atelier (ou réinstallez-le avec npm) et gardez le dossier tel quel.`,
  browserNotFound:
    "Aucun navigateur Chromium, Chrome ou Edge trouvé pour imprimer le PDF. Installez-en un (Debian/Ubuntu : sudo apt-get install chromium) ou donnez son chemin dans la variable CHROME_PATH ; le rapport HTML peut aussi être imprimé en PDF depuis le navigateur (Ctrl+P).",
  chromePathMissing: (path: string) =>
    `La variable d'environnement CHROME_PATH désigne ${path}, qui n'existe pas : corrigez le chemin du navigateur (Chromium, Chrome ou Edge), ou retirez la variable pour qu'atelier en cherche un.`,
  pdfTimeout: "le navigateur n'a pas fini à temps",
  pdfExit: (code: number | null) =>
    code === null ? "le navigateur s'est arrêté" : `le navigateur s'est arrêté (code ${code})`,
  pdfSaid: (said: string) => `il a écrit « ${said} »`,
  pdfFailed: (browser: string, why: string) =>
    `L'impression du PDF avec ${browser} a échoué${why ? ` : ${why}` : ""}. Ouvrez le rapport HTML dans un navigateur et imprimez-le en PDF (Ctrl+P).`,
  internal: (message: string) =>
    `erreur interne : ${message}. C'est un défaut d'atelier ; relancez avec --debug pour le détail.`,
  /** A command line atelier cannot run: an option, a command, an argument wrong or missing. */
  usage: {
    unknownOption: (flag: string, near: string) =>
      `option inconnue : ${flag}.${near ? ` Vouliez-vous dire ${near} ?` : ""}`,
    unknownCommand: (name: string, near: string, commands: string) =>
      `commande inconnue : ${name}.${near ? ` Vouliez-vous dire ${near} ?` : ` Commandes : ${commands}.`}`,
    /** A folder or a file given where a command is expected (dropped onto `atelier.cmd`). */
    pathAsCommand: (path: string, folder: boolean, typed: string, packaged: boolean) =>
      packaged
        ? `${path} est un ${folder ? "dossier" : "fichier"}, pas une commande : pour ${folder ? "compiler l'atelier qu'il contient" : "le vérifier"}, faites-le glisser sur « ${folder ? "Compiler l'atelier" : "Vérifier un fichier"} » (dans l'Invite de commandes : ${typed}).`
        : `${path} est un ${folder ? "dossier" : "fichier"}, pas une commande : pour ${folder ? "compiler l'atelier qu'il contient" : "le vérifier"}, tapez ${typed}.`,
    missingArgument: (argument: string, what: string) =>
      `il manque l'argument ${argument} : ${what}.`,
    optionMissingArgument: (flag: string, choices: string) =>
      `l'option ${flag} attend une valeur${choices ? ` ; valeurs possibles : ${choices}` : ""}.`,
    invalidChoice: (flag: string, value: string, choices: string, near: string) =>
      `option ${flag} : « ${value} » n'est pas une valeur possible ; valeurs possibles : ${choices}.${near ? ` Vouliez-vous dire ${near} ?` : ""}`,
    invalidValue: (flag: string, value: string) =>
      `option ${flag} : « ${value} » n'est pas une valeur acceptée.`,
    excessArguments: (command: string, expected: number, given: readonly string[]) =>
      expected === 0
        ? `la commande ${command} n'attend aucun argument, mais a reçu : ${given.join(" ")}. Une option commence par --.`
        : `trop d'arguments pour la commande ${command} : ${expected} attendu${expected > 1 ? "s" : ""}, ${given.length} reçus (${given.join(" ")}). Un chemin qui contient des espaces s'écrit entre guillemets.`,
    mandatoryOption: (flag: string) => `l'option ${flag} est obligatoire.`,
    conflictingOption: (flag: string, other: string) =>
      `les options ${flag} et ${other} ne peuvent pas être données ensemble.`,
    or: (names: readonly string[]) => names.join(" ou "),
    /** The line under a usage error. */
    helpHint: (command: string) => `(${command} --help pour l'aide)`,
  },
  /** How every message that stops a command starts. */
  stop: (message: string) => `atelier : ${message}`,
};

export const cli = {
  /** The words of the help that commander writes. */
  help: {
    usage: "Utilisation :",
    arguments: "Arguments :",
    options: "Options :",
    globalOptions: "Options globales :",
    commands: "Commandes :",
    command: "[commande]",
    helpOption: "Afficher l'aide",
    helpCommand: "Afficher l'aide d'une commande",
    version: "Afficher la version",
    choices: (values: string) => `valeurs possibles\u00a0: ${values}`,
    default: (value: string) => `par défaut\u00a0: ${value}`,
    separator: " ; ",
    /** The placeholders of arguments and option values. */
    names: {
      paths: "chemins",
      dir: "dossier",
      file: "fichier",
      path: "chemin",
      format: "format",
      formats: "formats",
      lang: "langue",
      char: "caractère",
      kind: "type",
      groupe: "groupe",
      session: "session",
      groupes: "groupes",
      sessions: "sessions",
      ref: "version",
    },
  },
  description:
    "Compile les fichiers des groupes de travail d'un atelier de restitution : validation, consolidation, rapport, matrice d'actions.",
  debug: "affiche le détail interne des erreurs",
  dir: "dossier de l'atelier",
  out: "dossier de sortie (par défaut : <dossier>/sortie)",
  config: "fichier atelier.config.json à utiliser",
  groupe: "groupe de travail, si les fichiers ne le disent pas",
  session: "session, si les fichiers ou dossiers ne le disent pas",
  validate: {
    description: "vérifie des fichiers ou dossiers sans rien écrire",
    paths: "classeurs (.xlsx, .xls, .ods), fichiers .csv ou dossiers",
    format: "forme du rapport",
    strict: "les avertissements comptent comme des erreurs (code 1)",
    lang: "langue des messages",
    all: "affiche tous les problèmes (texte)",
    changedSince:
      "ne valide que les fichiers modifiés depuis cette version git (branche, étiquette, commit)",
  },
  compile: {
    description: "consolide tous les fichiers d'un atelier et écrit les sorties",
    strict: "code 1 si une ligne est rejetée ou un avertissement émis",
    lang: "langue des sorties et messages",
    format: "forme du résumé",
    delimiter: "séparateur des CSV écrits",
    all: "liste tous les problèmes, avec leur correction (texte)",
  },
  report: {
    description: "écrit le rapport bilan (forces et faiblesses) du plan évalué",
    lang: "langue du rapport",
    format: "md, html, docx et/ou pdf, séparés par des virgules",
  },
  matrix: {
    description: "écrit la matrice d'actions du nouveau plan (Excel et CSV)",
    lang: "langue de la matrice",
    format: "xlsx (avec le CSV) ou md (Markdown)",
  },
  template: {
    description: "écrit un modèle vierge de fiche à remettre aux groupes",
    out: "fichier .xlsx (par défaut : modele.xlsx), dossier des CSV (par défaut : .) ou, avec --groupes, dossier de l'atelier",
    lang: "langue du modèle",
    kind: "type de fiche",
    format: "classeur ou un CSV par type de fiche",
    groupe: "groupe prérempli dans la feuille Identification",
    session: "session préremplie dans la feuille Identification",
    groupes:
      "un classeur par groupe et par session, dans les dossiers de session (« Groupe 1,Groupe 2 »)",
    sessions:
      "sessions des classeurs de --groupes (J1,J2,J3 ; par défaut : celles de la configuration)",
  },
  init: {
    description: "prépare un dossier d'atelier : configuration, modèles, dossiers de sessions",
    dir: "dossier à préparer",
    lang: "langue des modèles",
  },
  schema: {
    description: "affiche le registre des champs, ou le schéma de la configuration",
    format: "forme du registre, ou config : le schéma JSON d'atelier.config.json",
    lang: "langue des titres",
  },
  /** The double-click launchers of the offline package, for people who never open a terminal. */
  launch: {
    description: "lance compile ou validate pour un lanceur du paquet hors ligne",
    action: "compile ou validate",
    here: "dossier du paquet (celui du lanceur)",
    paths: "fichiers ou dossiers déposés sur le lanceur",
    /** Asked before any folder is known: in French. */
    askFolder: "Faites glisser ici le dossier de l'atelier, puis appuyez sur Entrée : ",
    askFiles: "Faites glisser ici un ou plusieurs fichiers, puis appuyez sur Entrée : ",
    noFolder:
      "Aucun dossier indiqué : rien n'a été compilé. Fermez cette fenêtre, puis faites glisser le dossier de l'atelier sur « Compiler l'atelier » (ou double-cliquez de nouveau dessus, faites glisser le dossier dans la fenêtre noire, puis appuyez sur Entrée).",
    noFiles:
      "Aucun fichier indiqué : rien n'a été vérifié. Fermez cette fenêtre, puis faites glisser les fichiers sur « Vérifier un fichier » (ou double-cliquez de nouveau dessus, faites glisser les fichiers dans la fenêtre noire, puis appuyez sur Entrée).",
    fileAlone: (name: string) =>
      `« ${name} » n'est dans aucun dossier d'atelier (aucun atelier.config.json au-dessus) : rien n'a été compilé. Fermez cette fenêtre, puis faites glisser sur « Compiler l'atelier » le dossier de l'atelier, celui qui contient les dossiers des sessions ou les fichiers des groupes.`,
    /** A folder that holds a workshop (Documents) dropped: that workshop is compiled. */
    inside: (name: string, dir: string) =>
      `« ${name} » contient l'atelier ${dir} : c'est lui qui est compilé.`,
    severalInside: (name: string, dirs: readonly string[]) =>
      `« ${name} » n'est pas un dossier d'atelier mais en contient plusieurs : rien n'a été compilé. Fermez cette fenêtre, puis faites glisser sur « Compiler l'atelier » celui à compiler :\n${dirs.map((d) => `    ${d}`).join("\n")}`,
    /** A file, or a folder of a workshop (`J1`), dropped: the whole workshop is compiled. */
    partGiven: (name: string, dir: string, file: boolean) =>
      `« ${name} » est ${file ? "un fichier" : "un dossier"} de l'atelier ${dir} : c'est tout l'atelier qui est compilé.`,
    notCompiled: (paths: readonly string[]) =>
      `Un seul dossier à la fois : ${pick(paths.length, "fr", "celui-ci n'a pas été compilé (déposez-le ensuite, seul)", "ceux-ci n'ont pas été compilés (déposez-les ensuite, un par un)")} :\n${paths.map((p) => `    ${p}`).join("\n")}`,
    report: (path: string) => `Rapport : ${path}`,
    results: (dir: string) => `Dossier des résultats : ${dir}`,
    pressToOpen:
      "Appuyez sur une touche pour ouvrir le rapport et le dossier des résultats (cette fenêtre se fermera)…",
    pressToClose: "Appuyez sur une touche pour fermer cette fenêtre…",
    openYourself: (path: string) => `Ouvrez-le vous-même : ${path}`,
  },
  folder: (name: string, n: number) => `${name}/ (${plural(n, "fr", "fichier", "fichiers")})`,
  editedLabel: "modifié",
  editedKept: (
    out: string,
    kept: { from: string; to: string; rewritten: boolean; theirs?: true; unsure?: true },
  ) =>
    `${out}/${kept.from} ${kept.theirs ? "n'a pas été écrit par atelier" : kept.unsure ? "est peut-être modifié (la liste .atelier-sortie.json ne dit pas ce qu'atelier y avait écrit)" : "a été modifié depuis qu'atelier l'a écrit"} : il est gardé sous le nom « ${kept.to} »${kept.rewritten ? ` (un nouveau ${kept.from} est écrit)` : ""}.`,
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
