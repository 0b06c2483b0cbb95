import type ExcelJS from "exceljs";
import { type Axis, axesFor, type Config, defaultConfig } from "../config.js";
import {
  type FieldSpec,
  KIND_NAMES,
  KINDS,
  type Kind,
  metadataFields,
  type ReferenceActivity,
  referenceFields,
} from "../fields.js";
import { both, type Catalogue, catalogue } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import { columnLetter } from "../sheet.js";
import { type FlatTable, toCsv } from "./index.js";
import {
  addValidation,
  FONT,
  HEADER_FILL,
  MONEY_FORMAT,
  newWorkbook,
  rowHeight,
  solid,
  styleHeader,
  type Validation,
  workbookBytes,
} from "./xlsx.js";

/**
 * Blank submission templates, derived from the field registry and the configuration: what a
 * group fills must come back valid. One workbook holds an Instructions sheet, an Identification
 * sheet (key/value rows, as `readIdentification` reads them), one sheet per kind with the
 * canonical headers on row 1, and a hidden `Listes` sheet (XLSForm layout `list_name | name |
 * label`) that every dropdown references by range, so no list meets Excel's 255-character limit
 * on inline lists. `atelier init` scaffolds a workshop folder around these templates.
 */

export interface TemplateOptions {
  /** One kind, or every kind in one workbook (default). */
  kind?: Kind | "all";
  lang: Lang;
  config: Config;
  /** Prefilled on the Identification sheet. */
  groupe?: string;
  session?: string;
  /** Activities of the plan under review: the Bilan sheet comes prefilled with one row each. */
  reference?: readonly ReferenceActivity[];
}

/** One column of a kind sheet (and of its CSV template). */
export interface TemplateColumn {
  /** Header as written: the label in the template's language, ` *` when required. */
  header: string;
  field: FieldSpec;
  /** `calendarYear`: one column per plan year, marked X; `yearAmount`: the cost of one year. */
  role: "field" | "calendarYear" | "yearAmount";
  year?: number;
  /** Name of the Listes list that the column's dropdown shows. */
  list?: string;
  width: number;
}

/** A list of the Listes sheet: `name` is what atelier stores, `label` what the dropdown shows. */
export interface TemplateList {
  name: string;
  items: { name: string; label: string }[];
}

/**
 * Template bytes are reproducible: the dates inside the file are this fixed instant unless the
 * caller gives one (the CLI may pass `generationTime()`).
 */
export const TEMPLATE_DATE = new Date(Date.UTC(2023, 0, 1));

/** Rows below the header that carry the dropdowns and checks; a group writes far fewer. */
export const TEMPLATE_ROWS = 500;

const LISTS_SHEET = "Listes";
const PREFILLED_FILL = "FFF2F2F2";
const OPTIONAL_HEADER_FILL = "FF4A6FA5";
const INPUT_FILL = "FFFFF8DC";

/** The template's texts in a language. */
function T(lang: Lang): Catalogue["template"] {
  return catalogue(lang).template;
}

/** The numbered steps of the Instructions sheet. */
function steps(kinds: readonly Kind[], lang: Lang, config: Config, prefilled: boolean): string[] {
  const t = T(lang);
  return [
    t.stepIdentification,
    ...kinds.map((k) => t.stepSheet(t.sheetNames[k], t.purposes[k])),
    t.stepRequired,
    t.stepPrompt,
    t.stepAmounts,
    ...(kinds.includes("propositions") ? [t.stepCalendar(config.plan.from, config.plan.to)] : []),
    ...(prefilled ? [t.stepPrefilled(t.sheetNames.bilan, config.review.label)] : []),
    t.stepEmpty,
    t.stepSave,
  ];
}

// --- lists and columns, from the registry ------------------------------------------------------

/** The list a field's dropdown shows, if it has one. */
function listOf(f: FieldSpec, kind: Kind, hasActivities: boolean): string | undefined {
  if (f.type === "axis") return kind === "propositions" ? "axe_nouveau_plan" : "axe_plan_evalue";
  if (f.type === "enum") return f.id;
  if (f.type === "bool") return "oui_non";
  // Codes are only offered from the reference plan; a new code stays possible (warning style).
  if (f.type === "code" && hasActivities) return "activite";
  return undefined;
}

function widthOf(f: FieldSpec): number {
  switch (f.type) {
    case "axis":
      return 30;
    case "code":
      return 14;
    case "enum":
      return 22;
    case "amount":
    case "yearAmounts":
      return 16;
    case "percent":
    case "bool":
    case "date":
      return 14;
    default:
      return f.required ? 40 : 32;
  }
}

/**
 * The columns of a kind, in registry order. The calendar becomes one column per plan year marked
 * X (the reader takes either form; ticking years is what groups get right without a format),
 * and the yearly cost one column per plan year.
 */
export function templateColumns(
  kind: Kind,
  lang: Lang,
  config: Config,
  hasActivities = false,
): TemplateColumn[] {
  const columns: TemplateColumn[] = [];
  const years: number[] = [];
  for (let y = config.plan.from; y <= config.plan.to; y++) years.push(y);
  for (const f of KINDS[kind] as readonly FieldSpec[]) {
    if (f.type === "calendar") {
      for (const year of years) {
        columns.push({
          // A bare `2023` next to the cost columns reads as an amount; the reader ignores the
          // bracket, which says what to write.
          header: `${year} (X)`,
          field: f,
          role: "calendarYear",
          year,
          list: "marque",
          width: 9,
        });
      }
      continue;
    }
    if (f.type === "yearAmounts") {
      for (const year of years) {
        columns.push({
          header: f[lang].replace("{year}", String(year)),
          field: f,
          role: "yearAmount",
          year,
          width: widthOf(f),
        });
      }
      continue;
    }
    const column: TemplateColumn = {
      header: f.required ? `${f[lang]} *` : f[lang],
      field: f,
      role: "field",
      width: widthOf(f),
    };
    const list = listOf(f, kind, hasActivities);
    if (list) column.list = list;
    columns.push(column);
  }
  return columns;
}

function axisLabel(a: Axis, lang: Lang): string {
  return T(lang).axis(a.number, a[lang]);
}

/** Every enumeration the templates use, in the XLSForm list layout. */
export function templateLists(
  config: Config,
  lang: Lang,
  reference: readonly ReferenceActivity[] = [],
): TemplateList[] {
  const lists: TemplateList[] = [
    {
      name: "axe_plan_evalue",
      items: config.review.axes.map((a) => ({ name: a.code, label: axisLabel(a, lang) })),
    },
    {
      name: "axe_nouveau_plan",
      items: config.plan.axes.map((a) => ({ name: a.code, label: axisLabel(a, lang) })),
    },
  ];
  const seen = new Set<string>();
  for (const kind of KIND_NAMES) {
    for (const f of KINDS[kind] as readonly FieldSpec[]) {
      if (!f.values || seen.has(f.id)) continue;
      seen.add(f.id);
      lists.push({ name: f.id, items: f.values.map((v) => ({ name: v.id, label: v[lang] })) });
    }
  }
  lists.push({
    name: "oui_non",
    items: [
      { name: "oui", label: T(lang).yes },
      { name: "non", label: T(lang).no },
    ],
  });
  const years: TemplateList["items"] = [];
  for (let y = config.plan.from; y <= config.plan.to; y++) {
    years.push({ name: String(y), label: String(y) });
  }
  lists.push({ name: "annee", items: years });
  lists.push({ name: "marque", items: [{ name: "x", label: "X" }] });
  if (config.sessions && config.sessions.length > 0) {
    lists.push({ name: "session", items: config.sessions.map((s) => ({ name: s, label: s })) });
  }
  const codes = [...new Set(reference.map((r) => r.code_activite).filter(isText))];
  if (codes.length > 0) {
    lists.push({ name: "activite", items: codes.map((c) => ({ name: c, label: c })) });
  }
  return lists;
}

function isText(v: unknown): v is string {
  return typeof v === "string" && v !== "";
}

// --- texts shown to the group -------------------------------------------------------------------

function allowedText(f: FieldSpec, kind: Kind, lang: Lang, config: Config): string {
  const t = T(lang);
  const period = config.plan;
  switch (f.type) {
    case "axis":
      return axesFor(kind, config)
        .map((a) => axisLabel(a, lang))
        .join(t.or);
    case "enum":
      return (f.values ?? []).map((v) => v[lang]).join(t.or);
    case "bool":
      return [t.yes, t.no].join(t.or);
    case "amount":
      return t.amount;
    case "percent":
      return t.percent(f.min ?? 0, f.max ?? 100);
    case "code":
      return t.code;
    case "calendar":
      return t.calendar(period.from, period.to);
    case "yearAmounts":
      return t.yearAmounts(period.from, period.to);
    case "list":
      return t.list;
    case "date":
      return t.date;
    default:
      return t.free;
  }
}

/** The registry's example as the group would enter it in this template and language. */
function exampleText(f: FieldSpec, kind: Kind, lang: Lang, config: Config): string {
  const example = f.example;
  if (example === undefined) return "";
  if (f.values) {
    const v = f.values.find((x) => [x.id, x.fr, x.en].includes(example));
    return v ? v[lang] : example;
  }
  if (f.type === "axis") {
    const n = Number(/\d+/.exec(example)?.[0]);
    const a = axesFor(kind, config).find((x) => x.number === n);
    return a ? axisLabel(a, lang) : example;
  }
  if (f.type === "bool") return /^(non|no)$/i.test(example) ? T(lang).no : T(lang).yes;
  if (f.type === "calendar") {
    const range = /^(\d{4})\s*-\s*(\d{4})$/.exec(example);
    if (!range) return example;
    const years: number[] = [];
    for (let y = Number(range[1]); y <= Number(range[2]); y++) years.push(y);
    return T(lang).marked(years);
  }
  return example;
}

/** Excel caps an input message at 255 characters and its title at 32. */
function cap(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function promptOf(column: TemplateColumn, kind: Kind, lang: Lang, config: Config): string {
  const f = column.field;
  if (column.role === "calendarYear") return T(lang).yearColumn(column.year as number);
  const example = exampleText(f, kind, lang, config);
  const { example: exampleLabel, colon } = T(lang);
  const pick = column.list ? `${T(lang).pick} ` : "";
  return cap(`${pick}${f.help[lang]}${example ? ` ${exampleLabel}${colon}${example}` : ""}`, 255);
}

function noteOf(column: TemplateColumn, kind: Kind, lang: Lang, config: Config): string {
  const f = column.field;
  const t = T(lang);
  const lines = [
    column.role === "calendarYear" ? t.yearColumn(column.year as number) : f.help[lang],
    `${t.allowed}${t.colon}${allowedText(f, kind, lang, config)}`,
  ];
  const example = exampleText(f, kind, lang, config);
  if (example && column.role === "field") lines.push(`${t.example}${t.colon}${example}`);
  return lines.join("\n");
}

// --- the workbook -------------------------------------------------------------------------------

interface ListRange {
  formula: string;
  labels: string[];
}

/**
 * A dropdown on a list of the Listes sheet. Warning, not stop: the reader also takes synonyms
 * (« Axe 2 », « exécuté ») and reports anything else with the allowed values, so a group is
 * never blocked at the keyboard.
 */
function listValidation(list: ListRange, lang: Lang): Validation {
  const t = T(lang);
  return {
    type: "list",
    allowBlank: true,
    formulae: [list.formula],
    showErrorMessage: true,
    errorStyle: "warning",
    errorTitle: cap(t.listErrorTitle, 32),
    error: cap(t.listError(list.labels.join(", ")), 225),
  };
}

function validationOf(
  column: TemplateColumn,
  kind: Kind,
  lang: Lang,
  config: Config,
  ranges: Map<string, ListRange>,
): Validation {
  const t = T(lang);
  const f = column.field;
  const base = {
    showInputMessage: true,
    promptTitle: cap(column.role === "field" ? f[lang] : column.header, 32),
    prompt: promptOf(column, kind, lang, config),
  };
  const list = column.list ? ranges.get(column.list) : undefined;
  if (list) return { ...base, ...listValidation(list, lang) };
  if (f.type === "amount" || column.role === "yearAmount") {
    return {
      ...base,
      type: "whole",
      operator: "greaterThanOrEqual",
      allowBlank: true,
      formulae: [f.min ?? 0],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: t.numberErrorTitle,
      error: t.amountError,
    };
  }
  if (f.type === "percent") {
    return {
      ...base,
      type: "decimal",
      operator: "between",
      allowBlank: true,
      formulae: [f.min ?? 0, f.max ?? 100],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: t.numberErrorTitle,
      error: t.percentError(f.min ?? 0, f.max ?? 100),
    };
  }
  return { ...base, type: "any" };
}

/** Number formats: amounts grouped by thousands (shown `1 500 000` in French); codes as text. */
function numFmtOf(column: TemplateColumn): string | undefined {
  const type = column.field.type;
  if (type === "amount" || column.role === "yearAmount") return MONEY_FORMAT;
  // A code typed as 1.10 must stay `1.10`, and 1.2 must not become 1 February.
  if (type === "code") return "@";
  return undefined;
}

/** Writes the lists in the order `listRanges` placed them. */
function addListsSheet(wb: ExcelJS.Workbook, lists: readonly TemplateList[], lang: Lang) {
  const ws = wb.addWorksheet(LISTS_SHEET, { state: "hidden" });
  ws.columns = [{ width: 20 }, { width: 16 }, { width: 50 }];
  ws.addRow([...T(lang).listsHead]).font = { ...FONT, bold: true };
  for (const list of lists) {
    for (const item of list.items) ws.addRow([list.name, item.name, item.label]);
  }
  return ws;
}

const INSTRUCTION_WIDTHS = [14, 26, 11, 50, 46, 32];
/** Column width units that one landscape A4 page holds at a readable size. */
const PRINT_WIDTH = 180;

function addInstructionsSheet(
  wb: ExcelJS.Workbook,
  kinds: readonly Kind[],
  lang: Lang,
  config: Config,
  prefilled: boolean,
) {
  const t = T(lang);
  const ws = wb.addWorksheet(t.instructions, {
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  ws.columns = INSTRUCTION_WIDTHS.map((width) => ({ width }));
  const wrap = { vertical: "top", wrapText: true } as const;
  const title = ws.addRow([config.title]);
  title.font = { ...FONT, bold: true, size: 14 };
  ws.mergeCells(title.number, 1, title.number, 6);
  title.height = 22;
  ws.addRow([]);
  ws.addRow([t.intro]).font = { ...FONT, bold: true };
  steps(kinds, lang, config, prefilled).forEach((step, i) => {
    const row = ws.addRow([`${i + 1}. ${step}`]);
    ws.mergeCells(row.number, 1, row.number, 6);
    row.alignment = wrap;
    const width = INSTRUCTION_WIDTHS.reduce((a, b) => a + b, 0);
    row.height = rowHeight([{ text: `${i + 1}. ${step}`, width }]);
  });
  ws.addRow([]);
  ws.addRow([t.reference]).font = { ...FONT, bold: true, size: 12 };
  const head = ws.addRow([...t.tableHead]);
  head.eachCell((cell) => styleHeader(cell));
  const sections: { sheet: string; kind: Kind; fields: readonly FieldSpec[] }[] = [
    { sheet: t.identification, kind: "bilan", fields: metadataFields },
    ...kinds.map((k) => ({ sheet: T(lang).sheetNames[k], kind: k, fields: KINDS[k] })),
  ];
  for (const s of sections) {
    for (const f of s.fields) {
      const label =
        f.type === "yearAmounts"
          ? f[lang].replace("{year}", `${config.plan.from}…${config.plan.to}`)
          : f.type === "calendar"
            ? `${f[lang]} (${config.plan.from} … ${config.plan.to})`
            : f[lang];
      const row = ws.addRow([
        s.sheet,
        label,
        f.required ? t.required : f.expected ? t.expected : t.optional,
        f.help[lang],
        allowedText(f, s.kind, lang, config),
        exampleText(f, s.kind, lang, config),
      ]);
      row.alignment = wrap;
      // row.values is 1-based.
      const cells = (row.values as unknown[]).slice(1);
      row.height = rowHeight(
        cells.map((text, i) => ({ text, width: INSTRUCTION_WIDTHS[i] ?? 10 })),
      );
      if (f.required) row.getCell(2).font = { ...FONT, bold: true };
    }
  }
  for (const period of [config.review, config.plan]) {
    ws.addRow([]);
    ws.addRow([t.axes(period.label)]).font = { ...FONT, bold: true, size: 12 };
    const axesHead = ws.addRow([...t.axesHead]);
    axesHead.eachCell((cell) => styleHeader(cell));
    for (const a of period.axes) {
      const row = ws.addRow([a.number, a.code, a[lang]]);
      ws.mergeCells(row.number, 3, row.number, 5);
      row.getCell(1).alignment = { horizontal: "left" };
    }
  }
  return ws;
}

function addIdentificationSheet(
  wb: ExcelJS.Workbook,
  lang: Lang,
  ranges: Map<string, ListRange>,
  given: { groupe?: string; session?: string },
) {
  const t = T(lang);
  const ws = wb.addWorksheet(t.identification, {
    pageSetup: {
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  ws.columns = [{ width: 24 }, { width: 48 }];
  ws.addRow([t.identification]).font = { ...FONT, bold: true, size: 14 };
  // Column A only: `readIdentification` takes the first non-empty cell after a key as its value,
  // so no help text may sit to the right of an empty value.
  ws.addRow([t.idHelp]).font = { ...FONT, italic: true };
  ws.addRow([]);
  for (const f of metadataFields) {
    const value = f.id === "groupe" ? given.groupe : f.id === "session" ? given.session : undefined;
    const row = ws.addRow([f[lang], value ?? null]);
    const key = row.getCell(1);
    key.font = { ...FONT, bold: true };
    key.note = f.help[lang];
    const cell = row.getCell(2);
    cell.fill = solid(INPUT_FILL);
    cell.border = { bottom: { style: "thin", color: { argb: "FF999999" } } };
    const base = {
      showInputMessage: true,
      promptTitle: cap(f[lang], 32),
      prompt: cap(f.help[lang], 255),
    };
    const sessions = f.id === "session" ? ranges.get("session") : undefined;
    if (f.type === "date") {
      cell.numFmt = "dd/mm/yyyy";
      addValidation(ws, cell.address, {
        ...base,
        type: "date",
        operator: "between",
        allowBlank: true,
        formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
        showErrorMessage: true,
        // A date typed 18/07/2023 under an English locale stays text, which atelier reads.
        errorStyle: "warning",
        errorTitle: t.dateErrorTitle,
        error: t.dateError,
      });
    } else if (sessions) {
      addValidation(ws, cell.address, { ...base, ...listValidation(sessions, lang) });
    } else {
      cell.numFmt = "@";
      addValidation(ws, cell.address, { ...base, type: "any" });
    }
  }
  return ws;
}

/** The value a prefilled Bilan cell takes from a reference activity, as the dropdown shows it. */
function prefillValue(
  column: TemplateColumn,
  activity: ReferenceActivity,
  lang: Lang,
  config: Config,
): string | number | null {
  if (column.role !== "field") return null;
  const id = column.field.id;
  if (!referenceFields.some((f) => f.id === id)) return null;
  const value = activity[id as keyof ReferenceActivity];
  if (id === "axe" && typeof value === "string") {
    const a = config.review.axes.find((x) => x.code === value);
    return a ? axisLabel(a, lang) : value;
  }
  return typeof value === "string" || typeof value === "number" ? value : null;
}

function addKindSheet(
  wb: ExcelJS.Workbook,
  kind: Kind,
  lang: Lang,
  config: Config,
  ranges: Map<string, ListRange>,
  reference: readonly ReferenceActivity[],
) {
  const columns = templateColumns(kind, lang, config, ranges.has("activite"));
  const ws = wb.addWorksheet(T(lang).sheetNames[kind], {
    // Bilan rows are read across: the activity stays in view while scrolling to the figures.
    views: [{ state: "frozen", ySplit: 1, xSplit: kind === "bilan" ? 3 : 0 }],
    // Printed on A4, the header repeated: the Bilan one page wide, as a group reads it out in
    // plenary; the wider sheets across as many pages as keep the text readable.
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth:
        kind === "bilan" ? 1 : Math.ceil(columns.reduce((n, c) => n + c.width, 0) / PRINT_WIDTH),
      fitToHeight: 0,
    },
  });
  ws.pageSetup.printTitlesRow = "1:1";
  ws.columns = columns.map((c) => {
    const numFmt = numFmtOf(c);
    return {
      header: c.header,
      width: c.width,
      ...(numFmt ? { style: { numFmt } } : {}),
    };
  });
  const header = ws.getRow(1);
  header.height = 48;
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    styleHeader(cell, c.field.required ? HEADER_FILL : OPTIONAL_HEADER_FILL);
    cell.note = noteOf(c, kind, lang, config);
  });
  const rows = kind === "bilan" ? reference : [];
  for (const activity of rows) {
    const values = columns.map((c) => prefillValue(c, activity, lang, config));
    const row = ws.addRow(values);
    row.alignment = { vertical: "top", wrapText: true };
    row.height = rowHeight(values.map((text, i) => ({ text, width: columns[i]?.width ?? 10 })));
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (cell.value === null) return;
      cell.fill = solid(PREFILLED_FILL);
      const numFmt = numFmtOf(c);
      if (numFmt) cell.numFmt = numFmt;
    });
  }
  const last = 1 + rows.length + TEMPLATE_ROWS;
  columns.forEach((c, i) => {
    const letter = columnLetter(i);
    addValidation(ws, `${letter}2:${letter}${last}`, validationOf(c, kind, lang, config, ranges));
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/** The blank (or Bilan-prefilled) submission workbook. */
export function buildTemplate(options: TemplateOptions): ExcelJS.Workbook {
  const { lang, config } = options;
  const kinds: Kind[] =
    options.kind === undefined || options.kind === "all" ? [...KIND_NAMES] : [options.kind];
  const reference = options.reference ?? [];
  const wb = newWorkbook(TEMPLATE_DATE, config.title, "template");
  const prefilled = kinds.includes("bilan") && reference.length > 0;
  addInstructionsSheet(wb, kinds, lang, config, prefilled);
  // Listes is the last tab, but the dropdowns before it need its ranges: they are computed first.
  const lists = templateLists(config, lang, reference);
  const ranges = listRanges(lists);
  const given: { groupe?: string; session?: string } = {};
  if (options.groupe) given.groupe = options.groupe;
  if (options.session) given.session = options.session;
  addIdentificationSheet(wb, lang, ranges, given);
  for (const kind of kinds) addKindSheet(wb, kind, lang, config, ranges, reference);
  addListsSheet(wb, lists, lang);
  return wb;
}

/** Where each list lands on the Listes sheet (header on row 1, lists one after another). */
function listRanges(lists: readonly TemplateList[]): Map<string, ListRange> {
  const ranges = new Map<string, ListRange>();
  let next = 2;
  for (const list of lists) {
    const first = next;
    next += list.items.length;
    ranges.set(list.name, {
      formula: `${LISTS_SHEET}!$C$${first}:$C$${next - 1}`,
      labels: list.items.map((i) => i.label),
    });
  }
  return ranges;
}

/** The template as reproducible `.xlsx` bytes. */
export async function templateXlsx(
  options: TemplateOptions,
  generated: Date = TEMPLATE_DATE,
): Promise<Buffer> {
  const wb = buildTemplate(options);
  wb.created = generated;
  wb.modified = generated;
  return workbookBytes(wb, generated);
}

/** A header-only CSV of one kind: UTF-8 with BOM, `;`, CRLF, as French Excel opens it. */
export function templateCsv(
  kind: Kind,
  lang: Lang,
  config: Config = defaultConfig(process.cwd()),
): string {
  const table: FlatTable = {
    name: kind,
    title: both((t) => t.template.sheetNames[kind]),
    columns: templateColumns(kind, lang, config).map((c) => ({
      name: c.header,
      title: { fr: c.header, en: c.header },
      type: "string",
    })),
    rows: [],
  };
  return toCsv(table, ";");
}
