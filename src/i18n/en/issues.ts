import type { Catalogue } from "../fr/index.js";

/** The English text of every problem, and of the words its parameters are made of. */

export const issues: Catalogue["issues"] = {
  "unsupported-format": {
    title: "Unsupported format",
    message:
      "{format} format is not supported: only .xlsx, .xlsm, .xls, .ods, .fods and .csv are read",
    hint: "Open “{name}” in Excel or LibreOffice and save it as .xlsx or .ods (File > Save as)",
  },
  "file-unreadable": {
    title: "Unreadable file",
    message: "Unreadable file: {reason}",
    hint: "{fix}",
  },
  "file-too-large": {
    title: "File too large",
    message: "{size} MB file, over the {limit} MB limit: it is not read",
    hint: "Split the file, or raise “limits.maxFileMB” in atelier.config.json",
  },
  "inflated-too-large": {
    title: "Workbook too large once inflated",
    message:
      "The workbook declares {size} MB once inflated, over the {limit} MB limit: it is not read",
    hint: "Check where the file comes from; if it is genuine, raise “limits.maxInflatedMB”",
  },
  "too-many-cells": {
    title: "Too many cells",
    message: "The workbook holds more than {limit} cells (at least {count}): it is not read",
    hint: "Save the workshop's sheets in a file of their own, or raise “limits.maxCells” in atelier.config.json",
  },
  "too-many-rows": {
    title: "Too many rows",
    message: "More than {limit} non-empty rows: rows after row {row} are not read",
    hint: "Split the file, or raise “limits.maxRows” in atelier.config.json",
  },
  "too-many-columns": {
    title: "Too many columns",
    message: "Row {row} holds values beyond {limit} columns: they are not read",
    hint: "Delete the extra columns, or raise “limits.maxColumns”",
  },
  "encoding-fallback": {
    title: "Windows-1252 encoding",
    message: "File saved by Excel in Windows-1252: read correctly",
  },
  "encoding-uncertain": {
    title: "Uncertain encoding",
    message:
      "The file is not UTF-8: read as Windows-1252, but byte 0x{byte} (offset {offset}) is not a character expected there: accents may be wrong",
    hint: "Check the accents; save the file as “CSV UTF-8” (File > Save as) and run again",
  },
  "empty-file": {
    title: "Empty file",
    message: "The file holds no data",
    hint: "Check that this is the right file and that it was saved after typing",
  },
  "no-data": {
    title: "No data",
    message: "No data row under the header",
  },
  "header-not-found": {
    title: "Header not found",
    message: "No recognisable header row in the first {scanned} rows",
    hint: "Use the template's headers (atelier template), for example: {example}",
  },
  "sheet-skipped": {
    title: "Sheet skipped",
    message: "Sheet “{sheet}” skipped: its headers match no submission kind",
    hint: "If it holds data, use the template's headers (atelier template)",
  },
  "hidden-sheet": {
    title: "Hidden sheet",
    message: "Hidden sheet “{sheet}” skipped",
    hint: "Unhide it (right-click the tabs > Unhide) if it should be compiled",
  },
  "hidden-row": {
    title: "Hidden row",
    message: "Row {row} is hidden: it is read all the same",
    hint: "Delete it if it should not be compiled",
  },
  "missing-column": {
    title: "Required column missing",
    message: "Required column “{label}” is missing: the rows of this sheet are rejected",
    hint: "Add a column “{label}”",
  },
  "unknown-column": {
    title: "Unknown column",
    message: "Unknown column “{header}”: its values are kept but not checked",
    hint: "Did you mean “{suggestion}”?",
  },
  "duplicate-column": {
    title: "Duplicate column",
    message:
      "Column “{label}” appears twice ({first} and {column}): the first non-empty value is used",
    hint: "Delete one of the two columns",
  },
  "blank-header": {
    title: "Column without header",
    message:
      "Column {column} has no header but holds {count|value|values}: {count?it is|they are} not compiled",
    hint: "Give the column a header",
  },
  "missing-value": {
    title: "Required value missing",
    message: "“{label}” is required and the cell is empty",
  },
  "type-error": {
    title: "Unreadable value",
    message: "“{label}”: expected {expected}, got “{value}”",
    hint: "{fix}",
  },
  "invalid-value": {
    title: "Value not allowed",
    message: "“{label}”: “{value}” is not an allowed value",
    hint: "Allowed values: {allowed}{suggestion}",
  },
  "ambiguous-number": {
    title: "Ambiguous number",
    message: "“{label}”: “{value}” is ambiguous (thousands separator or decimal point?)",
    hint: "Write {asThousands} {asThousandsMeans}, or {asDecimal} {asDecimalMeans}",
  },
  "ambiguous-percent": {
    title: "Ambiguous percentage",
    message: "“{label}”: “{value}” is ambiguous (a fraction or a percentage?)",
    hint: "Write {points} or {points}%, or else {value}% for less than 1%",
  },
  "unit-scaled": {
    title: "Amounts multiplied by the column's unit",
    message:
      "Column “{header}” in {unit}: amounts are multiplied by {factor} and rounded to the franc",
    hint: "Check that every amount in the column is in {unit}",
  },
  "currency-mismatch": {
    title: "Amounts in another currency",
    message: "Column “{header}” in {currency}: atelier expects amounts in {expected}",
    hint: "Convert the amounts to {expected} and rename the column “{rename}”",
  },
  "code-normalised": {
    title: "Activity code rewritten",
    message: "Code “{value}” read as “{code}”",
    hint: "Write “{code}”",
  },
  "unit-unknown": {
    title: "Amount unit not recognised",
    message:
      "Unit “{unit}” not recognised in “{header}”: amounts are read in {currency}, unconverted",
    hint: "Write one of the recognised units: ({currency}), (k {currency}), (M {currency}), (Mds {currency}), (x 1,000), (x 1,000,000); if it is another currency, convert the amounts to {currency}",
  },
  "amount-decimals": {
    title: "Amount not whole",
    message: "{amount} is not a whole amount: check the column's unit (millions? thousands?)",
    hint: "If the amounts are in millions or thousands, say so in the header: (M {currency}), (k {currency}); otherwise write the amount in whole {currency}",
  },
  "unit-suspect": {
    title: "Amount too large for the column's unit",
    message: "{typed} in a column in {unit} makes {scaled}: was the amount written in {currency}?",
    hint: "If it is the amount in {currency}, divide it by {factor}, or change the column's unit",
  },
  "out-of-range": {
    title: "Value out of range",
    message: "“{label}”: {value} is out of range ({range})",
  },
  "calendar-out-of-period": {
    title: "Year outside the period",
    message: "“{label}”: {years} outside the plan period ({from}-{to})",
    hint: "Give years between {from} and {to}",
  },
  "cell-too-long": {
    title: "Cell too long",
    message: "“{label}”: the cell holds {length} characters, over the {limit} limit",
    hint: "Shorten the text, or raise “limits.maxCellLength”",
  },
  "cell-error": {
    title: "Excel error in the cell",
    message: "“{label}”: the cell holds the error {value}",
    hint: "Fix the formula or type the value",
  },
  "formula-no-cached-value": {
    title: "Formula without a stored result",
    message: "“{label}”: formula {formula} has no result stored in the file",
    hint: "Open the file in Excel or LibreOffice and save it so that formulas are computed",
  },
  "extra-cell": {
    title: "Extra cells",
    message:
      "The row has {count|cell|cells} more than the header ({extra}): the values are probably shifted",
    hint: "Quote the texts that contain the delimiter “{delimiter}”",
  },
  "conflicting-columns": {
    title: "Duplicate columns disagree",
    message: "“{label}”: the two columns say “{value}” and “{other}”",
    hint: "Keep only one column",
  },
  "cost-split-mismatch": {
    title: "Yearly costs do not add up",
    message:
      "The yearly costs add up to {sum}, not the estimated cost ({total}): the estimated cost is kept",
    hint: "Fix the estimated cost or the yearly costs",
  },
  "missing-expected": {
    title: "Expected value missing",
    message: "“{label}” not given: the proposal is kept in the matrix, cell marked “to complete”",
    hint: "Fill the cell if you can; otherwise, complete the cell in the matrix",
  },
  "missing-expected-column": {
    title: "Expected column missing",
    message:
      "No “{label}” column: the proposals are kept in the matrix, cells marked “to complete”",
    hint: "Add the template's column (atelier template)",
  },
  "duplicate-activity": {
    title: "Activity twice in the file",
    message: "Activity {value} is already on row {first} of this file",
    hint: "Merge the two rows or fix the code",
  },
  "cost-year-off-calendar": {
    title: "Cost outside the timeline",
    message:
      "A cost is planned in {years}, a year missing from the timeline ({calendar}): it is added to the timeline",
    hint: "Complete the timeline, or empty that year's cost",
  },
  "duplicate-constat": {
    title: "Finding written twice in the file",
    message:
      "Finding “{value}” is already on row {first} of this file, under the same axis and type",
    hint: "Keep one row, with all its evidence and recommendations",
  },
  "duplicate-proposition": {
    title: "Action proposed twice in the file",
    message:
      "Action “{value}” is already proposed on row {first} of this file, under the same axis and objective",
    hint: "Merge the two rows, or tell the actions apart in their wording (phase, audience, place)",
  },
  "budget-overspent": {
    title: "Budget overspent",
    message: "Spent budget ({spent}) exceeds the planned budget ({planned})",
    hint: "Check both amounts",
  },
  "rate-status-mismatch": {
    title: "Rate and status disagree",
    message: "Completion rate {rate}% does not fit the status “{status}”",
    hint: "Check the status or the rate",
  },
  "unknown-activity": {
    title: "Activity not in the reference plan",
    message: "Activity {value} is not in the reference plan",
    hint: "Fix the code{suggestion}, or put “Yes” in “Unplanned activity”",
  },
  "axis-code-mismatch": {
    title: "Axis and code disagree",
    message: "Activity {code} belongs to axis {expected}, not axis {axis}{outcome}",
    hint: "Check the axis or the code",
  },
  "planned-marked-unplanned": {
    title: "Planned activity marked unplanned",
    message:
      "Activity {code} is in the reference plan: its “Unplanned activity” mark is ignored and it counts in the figures",
    hint: "Empty the “Unplanned activity” cell, or fix the code if the activity is new",
  },
  "missing-origin": {
    title: "Source activity missing",
    message: "“{nature}” action without a “Source activity”",
    hint: "Give the code of the reviewed plan's activity it takes over",
  },
  "unknown-session": {
    title: "Unknown session",
    message: "Session “{value}” is not in the configuration ({allowed})",
    hint: "Add it to “sessions” in atelier.config.json or correct its name; until then it comes before the listed sessions and never overrides them",
  },
  "session-mismatch": {
    title: "Session differs from the folder",
    message:
      "The file says session “{value}” but it is in folder {folder}: session {folder} is used",
    hint: "Correct the session in the file, or move the file to its session's folder",
  },
  "group-mismatch": {
    title: "Group differs from the Identification sheet",
    message:
      "The row says group “{value}” but the Identification sheet says “{kept}”: “{kept}” is used",
    hint: "Correct the group of the row or of the Identification sheet; one file per group",
  },
  "group-guessed": {
    title: "Working group not given",
    message: "No working group is given: the group “{value}” is taken from the file name",
    hint: "Give the group in the Identification sheet (Working group) or in a “Group” column",
  },
  "invalid-resolution": {
    title: "Unknown resolution field",
    message: "“{value}” is not a field that can be in conflict: the decision is ignored",
    hint: "Use one of these fields: {allowed}",
  },
  "unused-resolution": {
    title: "Resolution without a conflict",
    message: "No conflict on “{label}” for activity {key}: the decision is not applied",
    hint: "Check the code and the field: only the conflicts in conflits.csv are settled here",
  },
  "duplicate-resolution": {
    title: "Resolution given twice",
    message: "“{label}” of activity {key} is already settled on row {first}: this later row wins",
    hint: "Delete the row that no longer holds",
  },
  "resolution-without-value": {
    title: "Decision without a value",
    message: "A reason is given for “{label}” of activity {key}, but no value: nothing is settled",
    hint: "Write the value chosen in the Value column, or clear the reason",
  },
  "resolution-overridden": {
    title: "Decision replaced by a newer file",
    message:
      "“{label}” of activity {key} is settled otherwise in {first}: this row, from a newer file, wins",
    hint: "Keep the same decision in both files, or keep only one of them",
  },
};

export const terms: Catalogue["terms"] = {
  expected: {
    amount: "an amount (1,500,000 or 1500000)",
    percent: "a percentage (75%)",
    code: "an activity code (1.2.3)",
    years: "years (2023-2025, “Whole period”)",
    date: "a date (dd/mm/yyyy)",
    monthFirst: (likely) => `a day/month/year date (${likely}?)`,
    yearMark: "X (year planned) or an empty cell",
  },
  fix: {
    date: "Write the date as dd/mm/yyyy",
    code: "Write the code as 1.2.3",
    resave: "Open the file in Excel or LibreOffice and save it again (.xlsx or .ods)",
    folder:
      "This is a folder, not a file: rename it (without .csv or .xlsx) or move it out of the workshop folder",
    denied:
      "Close the file in Excel and try again; if it is closed, grant the right to read it (Properties > Security) or copy it",
    busy: "Close the file in Excel and try again",
    vanished:
      "The file disappeared while being read: run the command again once the files are in place",
    link: "Put the file back where the link points, or replace the link by the file",
    special: "Give a workbook or a .csv file saved on disk",
    system:
      "Try again; if the problem persists, copy the file to the computer's disk and run again",
  },
  reading: {
    whole: "for the whole amount",
    decimal: "for the decimal value",
    amount: (amount) => `for ${amount}`,
  },
  rowOfSheet: (row, sheet) => `${row} of sheet “${sheet}”`,
  planAxisKept: ": the activity is counted under the reference plan's axis",
  scaledUnit: (factor, currency) =>
    `${factor >= 1e9 ? "billions" : factor >= 1e6 ? "millions" : "thousands"} of ${currency}`,
  yesNo: "Yes, No",
  didYouMean: (label) => ` — did you mean “${label}”?`,
  didYouMeanAxis: (n, label) => ` — did you mean “Axis ${n} – ${label}”?`,
  axisLabelMismatch: (n, label, other) =>
    ` — number ${n} is the axis “${label}”, but the label “${other}” does not name it`,
  twoAxes: " — a cell names one axis: this one names several",
  nearCode: (code) => ` (${code}?)`,
  range: {
    between: (min, max) => `${min} to ${max}`,
    min: (min) => `≥ ${min}`,
    max: (max) => `≤ ${max}`,
  },
  formats: {
    ".xlsb": "Excel binary (.xlsb)",
    ".numbers": "Apple Numbers (.numbers)",
  },
  reasons: {
    folder: "this is a folder, not a file",
    denied: "access denied: the file is open in another program or protected",
    busy: "the file is locked by another program",
    vanished: "the file disappeared while being read",
    link: "it is a link to a file that no longer exists",
    special: "not a regular file (device, pipe)",
    system: "the system could not read the file",
    empty: "the file is empty",
    encrypted: "workbook protected by a password (encrypted): remove the password and save again",
    xlsRenamed: "old Excel 97-2003 format (.xls) renamed .xlsx: save it again as .xlsx",
    ole: "Office 97-2003 document (OLE), not an .xlsx workbook",
    pdf: "it is a PDF document",
    html: "it is an HTML page renamed .xlsx",
    spreadsheetMl: "XML 2003 workbook (SpreadsheetML): save it again as .xlsx",
    xml: "XML file, not an .xlsx workbook",
    csvRenamed: "the file looks like a CSV renamed .xlsx",
    text: "text file, not an .xlsx workbook",
    notZip: "not an .xlsx file (invalid zip archive)",
    damaged: "damaged workbook, or not in the format its extension says",
    notWorkbook: "not a workbook (neither Excel nor OpenDocument): perhaps a renamed text file",
    zipDamaged: "damaged or truncated zip archive",
    zip64: "zip64 archive: too large for a workshop workbook",
    zipSizes: "inconsistent zip archive (declared sizes are wrong)",
    zipMethod: (method) => `unsupported zip compression method (${method})`,
    zipBomb: "inconsistent zip archive: a part inflates beyond its declared size (zip bomb?)",
    doctype: (part) => `DOCTYPE declaration in ${part}: refused (external XML entities)`,
    odsRenamed: "OpenDocument (.ods) document renamed .xlsx: save it again as .xlsx",
    word: "Word document, not an .xlsx workbook",
    powerpoint: "PowerPoint presentation, not an .xlsx workbook",
    xlsb: "Excel binary workbook (.xlsb): save it again as standard .xlsx",
    noWorkbook: "zip archive that holds no .xlsx workbook",
    missingPart: (part) => `workbook part missing: ${part}`,
    badXmlIn: (part) => `malformed XML in ${part}`,
    structure:
      "workbook structure not recognised: the program that wrote it did not follow the .xlsx format",
    openQuote: (line) => `quote opened and never closed (from line ${line})`,
  },
};
