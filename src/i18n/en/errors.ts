import type { Catalogue } from "../fr/index.js";

/** English texts of the command line. */

export const errors: Catalogue["errors"] = {
  pathNotFound: (path) => `Path not found: ${path}. Check the spelling and the current folder.`,
  workshopNotFound: (dir) =>
    `Workshop folder not found: ${dir}. Give the folder that holds the groups' files.`,
  noSubmission: (paths, skipped) =>
    `No workbook (.xlsx, .xls, .ods) or .csv file to read in ${paths}${skipped ? ` (${skipped} other file(s) skipped)` : ""}. Put the groups' files there.`,
  outputFolderGiven: (path) =>
    `${path} holds the results of an atelier compile, which are never read back as submissions: give the workshop folder or the groups' files.`,
  unsupportedFormat: (path, format, name) =>
    `${path}: ${format} format is not supported. Open "${name}" in Excel or LibreOffice and save it as .xlsx or .ods (File > Save as).`,
  notSpreadsheet: (path) =>
    `${path}: not a spreadsheet (.xlsx, .ods, .xls or .csv expected). Export the data as .xlsx or .csv.`,
  configNotFound: (file) =>
    `Configuration file not found: ${file}. Check the path given to --config.`,
  configUnreadable: (file, why) =>
    `Cannot read configuration ${file}: ${why}. Check that it is valid JSON.`,
  configInvalid: (file, lines) =>
    `Invalid configuration ${file} — ${lines.join("; ")}. Fix these keys (see README, “Configuration”).`,
  configKey: (key, what) => `${key}: ${what}`,
  unknownKey: "unknown key",
  axisCode: "a code in capitals (PREV)",
  periodOrder: "“from” must come before “to”",
  sameAxis: (file, period) =>
    `Invalid configuration ${file} — ${period}: two axes share a code or a number.`,
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
  initExists: (dir, existing) =>
    `${dir} already holds ${existing}: atelier init overwrites nothing. Choose an empty or new folder.`,
  reportFormat: (unknown) =>
    `--format: unknown “${unknown}”; choose among md, html, pdf (e.g. --format html,pdf).`,
  delimiter: (given) => `--csv-delimiter: “${given}” is not an accepted delimiter (; , | or tab).`,
  browserNotFound:
    "No Chromium, Chrome or Edge browser found to print the PDF. Install one (Debian/Ubuntu: sudo apt-get install chromium) or give its path in the CHROME_PATH variable; the HTML report can also be printed to PDF from a browser (Ctrl+P).",
  pdfFailed: (browser, why) =>
    `Printing the PDF with ${browser} failed${why ? `: ${why}` : ""}. Open the HTML report in a browser and print it to PDF (Ctrl+P).`,
  internal: (message) =>
    `internal error: ${message}. This is a bug in atelier; run again with --debug for details.`,
  stop: (message) => `atelier: ${message}`,
};

export const cli: Catalogue["cli"] = {
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
    format: "text, json or github",
    strict: "warnings count as errors (exit 1)",
    lang: "language of the messages",
    all: "show every problem (text)",
  },
  compile: {
    description: "consolidate every file of a workshop and write the outputs",
    strict: "exit 1 if a row is rejected or a warning is given",
    lang: "language of the outputs and messages",
    format: "summary as text or JSON",
    delimiter: "delimiter of the CSV files written",
  },
  report: {
    description: "write the review report (strengths and weaknesses) of the plan under review",
    lang: "language of the report",
    format: "md, html and/or pdf, separated by commas",
  },
  matrix: {
    description: "write the action matrix of the new plan (Excel and CSV)",
    lang: "language of the matrix",
    format: "xlsx (with the CSV) or md",
  },
  template: {
    description: "write a blank submission template to hand to the groups",
    out: ".xlsx file (default: modele.xlsx) or folder of the CSV files (default: .)",
    lang: "language of the template",
    kind: "kind of sheet",
    format: "xlsx or csv",
    groupe: "group prefilled on the Identification sheet",
    session: "session prefilled on the Identification sheet",
  },
  init: {
    description: "prepare a workshop folder: configuration, templates, session folders",
    dir: "folder to prepare",
    lang: "language of the templates",
  },
  schema: {
    description: "print the field registry",
    format: "json-schema, table-schema or markdown",
    lang: "language of the titles",
  },
  folder: (name, n) => `${name}/ (${n} file${n === 1 ? "" : "s"})`,
  editedLabel: "edited",
  editedKept: (out, kept) =>
    `${out}/${kept.from} was changed since atelier wrote it: it is kept as “${kept.to}”${kept.rewritten ? ` (a new ${kept.from} is written)` : ""}.`,
  editedArbitrages:
    "    To apply the decisions it holds, save it as resolutions.xlsx in the workshop folder, then compile again.",
  written: (dir) => `Written to ${dir}:`,
  movedToPrevious: (names, out) =>
    `Moved to ${out}/precedent/ (written by an earlier run of atelier, not regenerated this time): ${names}`,
  unlisted: (out, names) =>
    `The list ${out}/.atelier-sortie.json was missing or unreadable: atelier cannot tell whether these files were changed since it wrote them; they are kept in ${out}/precedent/ until the next compile: take back your changes from there (${names}).`,
  previousKept: (out) => `The previous outputs are kept in ${out}/precedent/ (to go back).`,
};
