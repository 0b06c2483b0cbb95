import { monthName, pick, plural, sentence } from "../format.js";
import type { Catalogue } from "../fr/index.js";

const ESCAPE_NAMES_EN: Record<string, string> = {
  t: "a tab",
  n: "a line break",
  r: "a carriage return",
  b: "a backspace",
  f: "a form feed",
};

const listEn = (items: readonly string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : `${items[0]}`;

/** English texts of the command line. */
export const errors: Catalogue["errors"] = {
  emptyRef:
    "--changed-since needs a git revision (branch, tag or commit: origin/main, v1.0, HEAD~1); without one, validate without --changed-since.",
  noMergeBase: (ref) =>
    `No common ancestor with “${ref}” in this clone: the history is missing (shallow clone). Fetch it (git fetch --unshallow; in a GitHub workflow, actions/checkout with fetch-depth: 0).`,
  noCommonHistory: (ref) =>
    `“${ref}” shares no history with the current revision: nothing says what changed since. Give a revision the branch left from, or validate without --changed-since.`,
  gitMissing:
    "git not found: --changed-since asks git which files changed. Install git, or validate without --changed-since.",
  notRepository: (dir) =>
    `${dir} is not in a git repository: --changed-since works only in one. Validate without --changed-since.`,
  unknownRef: (ref, said) =>
    `Unknown git revision: “${ref}” (${said}). Check its name (git branch -a, git log); in a GitHub workflow, fetch the history (actions/checkout with fetch-depth: 0).`,
  pathNotFound: (path) => `Path not found: ${path}. Check the spelling and the current folder.`,
  workshopNotFound: (dir) =>
    `Workshop folder not found: ${dir}. Give the folder that holds the groups' files.`,
  noSubmission: (paths, skipped) =>
    `No workbook (.xlsx, .xls, .ods) or .csv file to read in ${paths}${skipped ? ` (${plural(skipped, "en", "other file skipped", "other files skipped")})` : ""}. Put the groups' files there.`,
  onlyBlankTemplates: (paths, n) =>
    `Nothing to read in ${paths}: ${plural(n, "en", "blank template", "blank templates")} no group has filled in yet. Put the files the groups handed in there.`,
  outputFolderGiven: (path) =>
    `${path} holds the results of an atelier compile, which are never read back as submissions: give the workshop folder or the groups' files.`,
  unsupportedFormat: (path, format, name) =>
    `${path}: ${format} format is not supported. Open "${name}" in Excel or LibreOffice and save it as .xlsx or .ods (File > Save as).`,
  notSpreadsheet: (path) =>
    `${path}: not a spreadsheet (.xlsx, .ods, .xls or .csv expected). Export the data as .xlsx or .csv.`,
  configNotFound: (file) =>
    `Configuration file not found: ${file}. Check the path given to --config.`,
  configUnreadable: (file, why) => `Cannot read configuration ${file}: ${why}.`,
  readReason: (code) =>
    ({
      EACCES: "permission denied",
      EPERM: "operation not permitted",
      EISDIR: "it is a folder, not a file",
      EBUSY: "file in use by another program",
    })[code] ?? "cannot read",
  configSyntax: (file, line, column, why) =>
    `Cannot read configuration ${file} at line ${line}, column ${column}: ${why}.`,
  configInvalid: (file, lines) =>
    lines.length === 1
      ? `Invalid configuration ${file} — ${sentence(lines[0] ?? "")} Fix this key (see README, “Configuration”).`
      : `Invalid configuration ${file}:\n${lines.map((l) => `  - ${l}`).join("\n")}\nFix these keys (see README, “Configuration”).`,
  config: {
    root: "the file",
    key: (key, what) => `${key}: ${what}`,
    wrong: (key, expected, found) => `${key}: must be ${expected}, not ${found}`,
    missing: (key, expected) => `${key}: required key missing (${expected})`,
    unquote: (value) => ` (remove the quotes: ${value})`,
    brackets: (list) => ` (a list is written between brackets: ${list})`,
    noMonth: (month) => ` (there is no month ${month})`,
    noDay: (month, year, days) => ` (${monthName(month, "en")} ${year} has only ${days} days)`,
    dayFirst: (fixed) => ` (the day comes before the month: ${fixed})`,
    unknownKey: (key, near, allowed) =>
      `${key}: unknown key${near ? `; did you mean ${near}?` : ` (possible keys: ${allowed})`}`,
    unknownField: (key, near, allowed) =>
      `${key}: unknown field${near ? `; did you mean ${near}?` : ` (fields with a closed list: ${allowed})`}`,
    notClosed: (key, allowed) =>
      `${key}: this field has no closed list of values; synonyms are given for ${allowed}`,
    unknownValue: (key, field, near, allowed) =>
      `${key}: unknown value of the field ${field}${near ? `; did you mean ${near}?` : ` (values: ${allowed})`}`,
    synonymEmpty: (key, synonym) =>
      `${key}: “${synonym}” means “empty cell” (as -, N/A, ND do): it cannot be a synonym of a value; remove it`,
    synonymTaken: (key, synonym, value) =>
      `${key}: “${synonym}” already means the value “${value.en}” (${value.id}): a synonym cannot change the meaning of a value; remove it`,
    synonymTwice: (key, synonym, value, other) =>
      `${key}: “${synonym}” is already a synonym of the value “${value.en}” (${value.id}, in ${other}): a synonym names one value only; remove it from one of them`,
    pathEscapes: (key, letters, doubled, slashed) =>
      `${key}: in JSON, ${listEn(letters.map((l) => `\\${l}`))} in a text ${letters.length > 1 ? "are" : "is"} ${listEn(letters.map((l) => ESCAPE_NAMES_EN[l] ?? "an invisible character"))}, not a \\ followed by a letter: in a path, a \\ must be doubled or written /; write ${doubled} or ${slashed}`,
    pathControl: (key, fixed) =>
      `${key}: this path holds an invisible character: remove it (${fixed})`,
    noSessions: (key) =>
      `${key}: the list is empty; give the sessions in their order (["J1", "J2", "J3"]), or remove the key`,
    sameSession: (key, name, earlier, where) =>
      `${key}: “${name}” is the same session as “${earlier}” (${where}) for atelier; remove one of them`,
    sessionName: (key, name, why) =>
      `${key}: the session “${name}” cannot be a folder name: ${why}`,
    folderName: {
      control: "it holds an invisible character",
      dots: "“.” and “..” mean the current folder and the parent folder",
      separator: "/ and \\ separate the folders of a path",
      windowsCharacters: (characters) =>
        `Windows refuses ${characters.map((c) => `“${c}”`).join(", ")} in a folder name (it refuses each of “:*?"<>|”)`,
      reserved: (name) => `${name} is a name reserved by Windows`,
      trailing: "Windows refuses a dot or a space at the end of a folder name",
    },
    bandsOrder: (key, moyen, moyenGiven, satisfaisant, satisfaisantGiven) =>
      `${key}: “moyen” (${moyen}${moyenGiven ? "" : ", the default"}) must be below “satisfaisant” (${satisfaisant}${satisfaisantGiven ? "" : ", the default"})`,
    sameAxisCode: (key, code, places) =>
      `${key}: two axes have the same code “${code}” (${places.join(" and ")})`,
    sameAxisNumber: (key, number, places) =>
      `${key}: two axes have the same number ${number} (${places.join(" and ")})`,
    dateOrder: (from, to) => `“from” (${from}) must come before “to” (${to}) or equal it`,
    emptyText: (value, remove) =>
      `${value.trim() === "" ? "the text is empty" : `“${value.trim()}” means “empty” (as -, N/A do)`}: write the text${remove ? `, or remove ${remove === "item" ? "the item from the list" : "the key"}` : ""}`,
    quote: (name) => `“${name}”`,
    or: (names) => names.join(" or "),
  },
  kinds: {
    number: "a number",
    integer: "a whole number",
    between: (kind, min, max) => `${kind} between ${min} and ${max}`,
    above: (kind, min) => `${kind} greater than ${min}`,
    atLeast: (kind, min) => `${kind} of at least ${min}`,
    atMost: (kind, max) => `${kind} of at most ${max}`,
    text: "a text",
    nonEmptyText: "a non-empty text",
    date: "a date between 1990 and 2100 written 2023-07-18 or 18/07/2023, the day before the month",
    boolean: "true or false",
    oneOf: (values) =>
      values.length > 1 ? `${values.slice(0, -1).join(", ")} or ${values.at(-1)}` : `${values[0]}`,
    texts: "a list of texts",
    numbers: "a list of numbers",
    objects: (keys) => `a list of objects { ${keys} }`,
    list: "a list",
    nonEmptyList: (list) => `${list} (at least one item)`,
    object: (keys) => `an object { ${keys} }`,
    map: "an object",
    value: "a value",
  },
  found: {
    text: (value) => `the text ${value}`,
    number: (value) => `the number ${value}`,
    boolean: (value) => value,
    null: "null",
    list: "a list",
    emptyList: "an empty list",
    object: "an object",
  },
  json: {
    trailingComma: (close) => `remove the extra comma before ${close}`,
    missingComma: (token, previousLine) =>
      `a comma is missing before ${token}${previousLine ? " (at the end of the previous line)" : ""}`,
    missingColon: (key) => `a colon (:) is missing after the key ${key}`,
    decimalComma: (given, fixed) =>
      `a number is written with a decimal point: ${fixed}, not ${given}`,
    singleQuotes:
      'texts and key names are written between straight double quotes ("…"), not single quotes',
    typographicQuotes: (quote) =>
      `the quote ${quote} is not recognised: use straight double quotes (")`,
    unquotedKey: (word) => `the key name ${word} must be between quotes: "${word}"`,
    unquotedText: (word) =>
      `unrecognised value: ${word}; a text is written between quotes ("${word}"), true and false as true and false`,
    badNumber: (word) => `badly written number: ${word} (for example 2023 or 0.75)`,
    comment: "comments (// or /* */) are not allowed in this file: remove them",
    unclosedString: 'text with no closing quote on its line: add " at the end of the text',
    controlCharacter: "a tab or an invisible character in a text: replace it with a space",
    badEscape: (sequence, fixed) =>
      `a backslash must be doubled in a text: ${fixed}, not ${sequence} (for a Windows path, write C:\\\\folder or C:/folder)`,
    unexpectedEnd: (closers) => `the file ends too early: ${closers} missing at the end`,
    extra: "text follows the end of the configuration (after the last }): remove it",
    empty: "the file is empty: write at least {}",
    unexpected: (character) => `unexpected character ${character}`,
    invalid: "this is not valid JSON",
  },
  axisCode: "a code of 2 to 12 capitals, digits or _, starting with a letter (like PREV)",
  periodOrder: (from, to) => `“from” (${from}) must not come after “to” (${to})`,
  referenceNotFound: (path, config) =>
    `Reference plan not found: ${path} (key “reference” of ${config}). Fix the path or remove the key.`,
  outputHoldsOthers: (out, entries) =>
    `The output folder ${out} already holds other files (${entries}…): choose an empty or new folder with --out.`,
  outputNotWritable: (out, why, folder) =>
    `Cannot write to ${out} (${why}): check permissions and disk space, and close the files of the folder ${folder} open in Excel.`,
  previousNotOurs: (path) =>
    `${path} was not made by atelier, which keeps the previous outputs there at each compile: rename or move it, then run again.`,
  siblingNotOurs: (path) =>
    `${path} was not made by atelier, which uses this name while it writes the outputs: rename or move it, then run again.`,
  previousHoldsTheirs: (path, names) =>
    `${path} holds files added or changed since atelier put them there (${names}…): atelier replaces the previous outputs there at each compile; move them out of this folder, then run again.`,
  nameInTheWay: (path, folder) =>
    `${path} is ${folder ? "a file" : "a folder"}, but atelier writes ${folder ? "a folder" : "a file"} of that name there: rename or move it, then run again.`,
  outputBusy: (out) =>
    `a compile is already running in ${out}: wait for it to finish, then run again.`,
  outputNotFolder: (out, path) =>
    `--out: ${out} cannot be an output folder, because ${path} exists and is not a folder. Give the path of a folder (for example --out results).`,
  writeReason: (code) =>
    ({
      EACCES: "permission denied",
      EPERM: "operation not permitted",
      EROFS: "read-only disk",
      ENOSPC: "disk full",
      EDQUOT: "disk quota exceeded",
      ENOENT: "the path cannot be created",
      ENOTDIR: "part of the path is a file, not a folder",
      EISDIR: "a folder has the name of a file to write",
      EBUSY: "file or folder in use by another program",
      EEXIST: "part of the path already exists",
      ENAMETOOLONG: "path too long",
    })[code] ?? "cannot write",
  sourceDateEpoch: (value) =>
    `the environment variable SOURCE_DATE_EPOCH is “${value}”: it must be a whole number of seconds since 1 January 1970 (for example 1689811200), or unset it.`,
  filesNotWritable: (out, why) =>
    `Cannot write to ${out} (${why}): check permissions and close the files open in Excel.`,
  exists: (path) => `${path} already exists: choose another name with -o, or delete it.`,
  notWritable: (path, why) => `Cannot write ${path} (${why}).`,
  perGroupNoSessions:
    '--groupes writes one workbook per group and session: give --sessions J1,J2,J3, or "sessions" in atelier.config.json.',
  perGroupCsv:
    "--groupes writes .xlsx workbooks: remove --format csv (CSV templates are written without --groupes).",
  perGroupNoGroups:
    '--groupes: no group name; give the names separated by commas (--groupes "Group 1,Group 2").',
  perGroupOut: (out) =>
    `-o ${out}: with --groupes, -o is a folder (one subfolder per session is written in it), not an .xlsx or .csv file. Give a folder (e.g. -o sheets), or leave out -o to write into the workshop folder.`,
  perGroupWith: (flag) =>
    flag === "--sessions"
      ? "--sessions only goes with --groupes: for a single workbook, give --session J1."
      : `${flag} and --groupes do not go together: --groupes already writes each group's sheet for each session (--sessions); for a single workbook, remove --groupes.`,
  sessionName: (session, why) =>
    `The session “${session}” cannot be a folder of the workshop: ${why}. A session is a folder directly in the workshop folder (e.g. J1).`,
  groupName: (groupe, why) =>
    groupe === ""
      ? '--groupes: a group name is empty; separate the names with a single comma (--groupes "Group 1,Group 2").'
      : `The group “${groupe}” cannot give a file name: ${why}. Give it another name in --groupes.`,
  nameReason: (reason) =>
    ({
      empty: "the name is empty",
      dots: "“.” and “..” are folders, not names",
      separator: "the name holds / or \\, which separate folders",
      control: "the name holds a control character (tab, line break…)",
      forbidden: 'the name holds a character Windows refuses (: * ? " < > |)',
      reserved: "Windows reserves this name (CON, PRN, AUX, NUL, COM1 to COM9, LPT1 to LPT9)",
      trailing: "Windows refuses a name ending in a dot or a space",
      hidden: "a name starting with a dot is hidden, and atelier compile would not read it",
      long: "the name is longer than 80 characters",
      notRead:
        "atelier compile would not read the sheets in this folder (templates, results, or a workbook's name)",
    })[reason] ?? "name refused",
  sameGroup: (a, b) =>
    a === b
      ? `--groupes: “${a}” is given twice.`
      : `--groupes: “${a}” and “${b}” are the same group for atelier compile (case, dashes, zeros and the word “Group” before the number do not count): keep only one of these names.`,
  sameSession: (a, b) =>
    a === b
      ? `--sessions: “${a}” is given twice.`
      : `--sessions: “${a}” and “${b}” are the same session for atelier compile: keep only one of these names.`,
  groupFileExists: (path) =>
    `${path} already exists: atelier never overwrites a group's sheet; remove this group from --groupes or this session from --sessions, or delete the file if it is blank.`,
  initExists: (dir, existing) =>
    `${dir} already holds ${existing}: atelier init overwrites nothing. Choose an empty or new folder.`,
  reportFormat: (unknown, near) =>
    `--format: ${unknown ? `unknown “${unknown}”` : "no format"}; ${near ? `did you mean ${near}? Formats: ` : "choose among "}md, html, docx, pdf (e.g. --format docx,pdf).`,
  delimiter: (given) => `--csv-delimiter: “${given}” is not an accepted delimiter (; , | or tab).`,
  installation: (file, places) =>
    `atelier's file ${file} cannot be found (looked in ${places}): the installation is incomplete. Extract atelier's .zip again (or reinstall it with npm) and keep its folder as it is.`,
  browserNotFound:
    "No Chromium, Chrome or Edge browser found to print the PDF. Install one (Debian/Ubuntu: sudo apt-get install chromium) or give its path in the CHROME_PATH variable; the HTML report can also be printed to PDF from a browser (Ctrl+P).",
  chromePathMissing: (path) =>
    `The environment variable CHROME_PATH names ${path}, which does not exist: correct the browser's path (Chromium, Chrome or Edge), or remove the variable for atelier to look for one.`,
  pdfTimeout: "the browser did not finish in time",
  pdfExit: (code) => (code === null ? "the browser stopped" : `the browser stopped (code ${code})`),
  pdfSaid: (said) => `it wrote “${said}”`,
  pdfFailed: (browser, why) =>
    `Printing the PDF with ${browser} failed${why ? `: ${why}` : ""}. Open the HTML report in a browser and print it to PDF (Ctrl+P).`,
  internal: (message) =>
    `internal error: ${message}. This is a bug in atelier; run again with --debug for details.`,
  usage: {
    unknownOption: (flag, near) =>
      `unknown option: ${flag}.${near ? ` Did you mean ${near}?` : ""}`,
    unknownCommand: (name, near, commands) =>
      `unknown command: ${name}.${near ? ` Did you mean ${near}?` : ` Commands: ${commands}.`}`,
    pathAsCommand: (path, folder, typed, packaged) =>
      packaged
        ? `${path} is a ${folder ? "folder" : "file"}, not a command: to ${folder ? "compile the workshop it holds" : "check it"}, drop it onto “${folder ? "Compiler l'atelier" : "Vérifier un fichier"}” (in a command prompt: ${typed}).`
        : `${path} is a ${folder ? "folder" : "file"}, not a command: to ${folder ? "compile the workshop it holds" : "check it"}, type ${typed}.`,
    missingArgument: (argument, what) => `missing argument ${argument}: ${what}.`,
    optionMissingArgument: (flag, choices) =>
      `option ${flag} needs a value${choices ? `; allowed values: ${choices}` : ""}.`,
    invalidChoice: (flag, value, choices, near) =>
      `option ${flag}: “${value}” is not an allowed value; allowed values: ${choices}.${near ? ` Did you mean ${near}?` : ""}`,
    invalidValue: (flag, value) => `option ${flag}: “${value}” is not accepted.`,
    excessArguments: (command, expected, given) =>
      expected === 0
        ? `the command ${command} takes no argument, but got: ${given.join(" ")}. An option starts with --.`
        : `too many arguments for the command ${command}: ${expected} expected, ${given.length} given (${given.join(" ")}). Put a path that contains spaces between quotes.`,
    mandatoryOption: (flag) => `the option ${flag} is required.`,
    conflictingOption: (flag, other) =>
      `the options ${flag} and ${other} cannot be given together.`,
    or: (names) => names.join(" or "),
    helpHint: (command) => `(${command} --help for help)`,
  },
  stop: (message) => `atelier: ${message}`,
};

export const cli: Catalogue["cli"] = {
  help: {
    usage: "Usage:",
    arguments: "Arguments:",
    options: "Options:",
    globalOptions: "Global Options:",
    commands: "Commands:",
    command: "[command]",
    helpOption: "display help for command",
    helpCommand: "display help for command",
    version: "output the version number",
    choices: (values) => `choices: ${values}`,
    default: (value) => `default: ${value}`,
    separator: ", ",
    names: {
      paths: "paths",
      dir: "dir",
      file: "file",
      path: "path",
      format: "format",
      formats: "formats",
      lang: "lang",
      char: "char",
      kind: "kind",
      groupe: "group",
      session: "session",
      groupes: "groups",
      sessions: "sessions",
      ref: "revision",
    },
  },
  description:
    "Compiles the working groups' files of a review workshop: validation, consolidation, report, action matrix.",
  debug: "show the internal detail of errors",
  dir: "workshop folder",
  out: "output folder (default: <dir>/sortie)",
  config: "atelier.config.json file to use",
  groupe: "working group, when the files do not say",
  session: "session, when the files or folders do not say",
  validate: {
    description: "check files or folders without writing anything",
    paths: "workbooks (.xlsx, .xls, .ods), .csv files or folders",
    format: "form of the report",
    strict: "warnings count as errors (exit 1)",
    lang: "language of the messages",
    all: "show every problem (text)",
    changedSince: "validate only the files changed since this git revision (branch, tag, commit)",
  },
  compile: {
    description: "consolidate every file of a workshop and write the outputs",
    strict: "exit 1 if a row is rejected or a warning is given",
    lang: "language of the outputs and messages",
    format: "form of the summary",
    delimiter: "delimiter of the CSV files written",
    all: "list every problem, with its fix (text)",
  },
  report: {
    description: "write the review report (strengths and weaknesses) of the plan under review",
    lang: "language of the report",
    format: "md, html, docx and/or pdf, separated by commas",
  },
  matrix: {
    description: "write the action matrix of the new plan (Excel and CSV)",
    lang: "language of the matrix",
    format: "xlsx (with the CSV) or md (Markdown)",
  },
  template: {
    description: "write a blank submission template to hand to the groups",
    out: ".xlsx file (default: modele.xlsx), folder of the CSV files (default: .) or, with --groupes, the workshop folder",
    lang: "language of the template",
    kind: "kind of sheet",
    format: "workbook, or one CSV per kind of sheet",
    groupe: "group prefilled on the Identification sheet",
    session: "session prefilled on the Identification sheet",
    groupes: 'one workbook per group and session, in the session folders ("Group 1,Group 2")',
    sessions: "sessions of the --groupes workbooks (J1,J2,J3; default: those of the configuration)",
  },
  init: {
    description: "prepare a workshop folder: configuration, templates, session folders",
    dir: "folder to prepare",
    lang: "language of the templates",
  },
  schema: {
    description: "print the field registry, or the schema of the configuration",
    format: "form of the registry, or config: the JSON Schema of atelier.config.json",
    lang: "language of the titles",
  },
  launch: {
    description: "run compile or validate for a launcher of the offline package",
    action: "compile or validate",
    here: "folder of the package (the launcher's)",
    paths: "files or folders dropped on the launcher",
    askFolder: "Drag the workshop folder here, then press Enter: ",
    askFiles: "Drag one or more files here, then press Enter: ",
    noFolder:
      "No folder given: nothing was compiled. Close this window, then drop the workshop folder onto “Compiler l'atelier” (or double-click it again, drag the folder into the black window, then press Enter).",
    noFiles:
      "No file given: nothing was checked. Close this window, then drop the files onto “Vérifier un fichier” (or double-click it again, drag the files into the black window, then press Enter).",
    fileAlone: (name) =>
      `“${name}” is in no workshop folder (no atelier.config.json above it): nothing was compiled. Close this window, then drop the workshop folder onto “Compiler l'atelier”: the one that holds the sessions' folders or the groups' files.`,
    inside: (name, dir) => `“${name}” holds the workshop ${dir}: that is the one compiled.`,
    severalInside: (name, dirs) =>
      `“${name}” is no workshop folder but holds several: nothing was compiled. Close this window, then drop the one to compile onto “Compiler l'atelier”:\n${dirs.map((d) => `    ${d}`).join("\n")}`,
    partGiven: (name, dir, file) =>
      `“${name}” is ${file ? "a file" : "a folder"} of the workshop ${dir}: the whole workshop is compiled.`,
    notCompiled: (paths) =>
      `One folder at a time: ${pick(paths.length, "en", "this one was not compiled (drop it afterwards, on its own)", "these were not compiled (drop them afterwards, one by one)")}:\n${paths.map((p) => `    ${p}`).join("\n")}`,
    report: (path) => `Report: ${path}`,
    results: (dir) => `Results folder: ${dir}`,
    pressToOpen:
      "Press any key to open the report and the results folder (this window will close)…",
    pressToClose: "Press any key to close this window…",
    openYourself: (path) => `Open it yourself: ${path}`,
  },
  folder: (name, n) => `${name}/ (${plural(n, "en", "file", "files")})`,
  editedLabel: "edited",
  editedKept: (out, kept) =>
    `${out}/${kept.from} ${kept.theirs ? "was not written by atelier" : kept.unsure ? "may have been changed (the list .atelier-sortie.json does not say what atelier wrote there)" : "was changed since atelier wrote it"}: it is kept as “${kept.to}”${kept.rewritten ? ` (a new ${kept.from} is written)` : ""}.`,
  editedArbitrages:
    "    To apply the decisions it holds, save it as resolutions.xlsx in the workshop folder, then compile again.",
  written: (dir) => `Written to ${dir}:`,
  movedToPrevious: (names, out) =>
    `Moved to ${out}/precedent/ (written by an earlier run of atelier, not regenerated this time): ${names}`,
  unlisted: (out, names) =>
    `The list ${out}/.atelier-sortie.json was missing or unreadable: atelier cannot tell whether these files were changed since it wrote them; they are kept in ${out}/precedent/ until the next compile: take back your changes from there (${names}).`,
  previousKept: (out) => `The previous outputs are kept in ${out}/precedent/ (to go back).`,
};
