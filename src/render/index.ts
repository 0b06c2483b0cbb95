import type { Config } from "../config.js";
import {
  type FieldSpec,
  findField,
  isSubmissionKind,
  KIND_NAMES,
  KINDS,
  type Kind,
  type TableKind,
} from "../fields.js";
import { plainNumber } from "../i18n/format.js";
import { both, type Catalogue, catalogue, messageOf } from "../i18n/index.js";
import type { Lang, Localized } from "../i18n/lang.js";
import { cellOf, countBySeverity } from "../issues.js";
import type { ConflictRule, Consolidation, FileReport, Source } from "../model.js";

/**
 * Rendering: models formatted into the files people and programs read (CSV, JSON, workbooks,
 * report, matrix, templates); nothing here decides what the data says. This file: the
 * consolidated data set as flat tables and as CSV, which the workbook and the Data Package share.
 * Columns follow the registry; yearly costs become one column per planned year; provenance last.
 * A table holds ids (field names, enum ids, axis codes, booleans): the files people open show
 * them in their language when written (`shownValue`), headers being the columns' titles, the very
 * labels a template has, so that a consolidated CSV reads back as a submission.
 */

export type ColumnType = "string" | "number" | "integer" | "boolean" | "date";

export interface TableColumn {
  /** Machine name (field id): the CSV header when no language is given, the JSON's key. */
  name: string;
  /** Human titles: the header of the CSV and of the workbook in that language. */
  title: Localized;
  type: ColumnType;
  /** Registry constraints, for the Table Schema. */
  required?: boolean;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  /** A money column: `# ##0` in the workbook. */
  money?: boolean;
  /** Labels of enum ids, shown instead of the ids in the CSV and the workbook. */
  labels?: Record<string, Localized>;
  width?: number;
}

export type Value = string | number | boolean | null;

export interface FlatTable {
  name: string;
  title: Localized;
  columns: TableColumn[];
  rows: Value[][];
}

type ColumnName = keyof Catalogue["tables"]["columns"];

/** A column's title in both languages, from the catalogue. */
function titled(name: ColumnName): Localized {
  return both((t) => t.tables.columns[name]);
}

/** A table's title in both languages, from the catalogue. */
function tableTitle(name: keyof Catalogue["tables"]["titles"]): Localized {
  return both((t) => t.tables.titles[name]);
}

const SOURCE_COLUMNS: TableColumn[] = [
  { name: "groupes", title: titled("groupes"), type: "string", width: 24 },
  { name: "sessions", title: titled("sessions"), type: "string", width: 12 },
  { name: "sources", title: titled("sources"), type: "string", width: 40 },
];

function typeOf(f: FieldSpec): ColumnType {
  switch (f.type) {
    case "amount":
    case "percent":
      return "number";
    case "bool":
      return "boolean";
    case "date":
      return "date";
    default:
      return "string";
  }
}

/** Columns of a kind: the registry's fields, with yearly costs expanded over the planned years. */
export function kindColumns(kind: Kind, config: Config, axes: "review" | "plan"): TableColumn[] {
  const columns: TableColumn[] = [];
  for (const f of KINDS[kind] as readonly FieldSpec[]) {
    if (f.type === "yearAmounts") {
      for (let y = config.plan.from; y <= config.plan.to; y++) {
        columns.push({
          name: `${f.id}_${y}`,
          title: { fr: f.fr.replace("{year}", String(y)), en: f.en.replace("{year}", String(y)) },
          type: "number",
          minimum: 0,
          money: true,
          width: 14,
        });
      }
      continue;
    }
    const column: TableColumn = {
      name: f.id,
      title: { fr: f.fr, en: f.en },
      type: typeOf(f),
      width: f.type === "text" ? 36 : f.type === "amount" ? 16 : 14,
    };
    if (f.required) column.required = true;
    if (f.values) {
      column.enum = f.values.map((v) => v.id);
      column.labels = Object.fromEntries(f.values.map((v) => [v.id, { fr: v.fr, en: v.en }]));
    }
    if (f.type === "axis") {
      column.enum = config[axes].axes.map((a) => a.code);
      column.labels = axisLabels(config, axes);
    }
    if (f.min !== undefined) column.minimum = f.min;
    if (f.max !== undefined) column.maximum = f.max;
    if (f.type === "amount") column.money = true;
    columns.push(column);
  }
  if (kind !== "bilan") {
    columns.push({
      name: "cluster",
      title: titled("cluster"),
      type: "string",
      width: 12,
    });
  }
  return [...columns, ...SOURCE_COLUMNS];
}

/** `1. Prévention`: each axis by its number and label, as a consolidated table shows it. */
function axisLabels(config: Config, axes: "review" | "plan"): Record<string, Localized> {
  return Object.fromEntries(
    config[axes].axes.map((a) => [
      a.code,
      { fr: `${a.number}. ${a.fr}`, en: `${a.number}. ${a.en}` },
    ]),
  );
}

/** Labels of the closed values of an annex column: each id with its words. */
function labelled(ids: readonly string[], label: (t: Catalogue, id: string) => string) {
  return {
    enum: [...ids],
    labels: Object.fromEntries(ids.map((id) => [id, both((t) => label(t, id))])),
  };
}

const KIND_LABELS = labelled(KIND_NAMES, (t, id) => t.tables.titles[id as Kind]);

/** Every field a conflict or an update can name, by id, with its label (the yearly costs as one). */
const FIELD_LABELS = (() => {
  const ids: string[] = [];
  const labels: Record<string, Localized> = {};
  for (const kind of KIND_NAMES) {
    for (const f of KINDS[kind] as readonly FieldSpec[]) {
      if (labels[f.id]) continue;
      ids.push(f.id);
      labels[f.id] =
        f.type === "yearAmounts" ? both((t) => t.tables.yearAmounts) : { fr: f.fr, en: f.en };
    }
  }
  return { enum: ids, labels };
})();

/** Every rule that settles a conflict, in the catalogue's order (each has its short name there). */
const RULES = Object.keys(catalogue("fr").tables.rules) as ConflictRule[];

/**
 * A cell as people read it: an id of a labelled column as its label, a boolean as Oui/Non (Yes/No),
 * anything else as it is.
 */
export function shownValue(value: Value, column: TableColumn, lang: Lang): Value {
  if (typeof value === "boolean")
    return value ? catalogue(lang).tables.yes : catalogue(lang).tables.no;
  if (typeof value !== "string" || !column.labels || !Object.hasOwn(column.labels, value)) {
    return value;
  }
  return column.labels[value]?.[lang] ?? value;
}

/**
 * A field's value of a conflict or an update, as its column in the kind's table shows it: labels
 * for closed values, lists joined, yearly costs by year; numbers stay numbers. One column per
 * kind and field, made once.
 */
function fieldValues(config: Config, lang: Lang) {
  const columns = new Map<string, { column: TableColumn; spec: FieldSpec | undefined }>();
  return (kind: Kind, field: string, value: unknown): Value => {
    if (value === null || value === undefined) return null;
    let known = columns.get(`${kind} ${field}`);
    if (!known) {
      const spec = findField(kind, field);
      const column: TableColumn = { name: field, title: { fr: "", en: "" }, type: "string" };
      if (spec?.values) {
        column.labels = Object.fromEntries(spec.values.map((v) => [v.id, { fr: v.fr, en: v.en }]));
      }
      if (spec?.type === "axis") {
        column.labels = axisLabels(config, kind === "propositions" ? "plan" : "review");
      }
      known = { column, spec };
      columns.set(`${kind} ${field}`, known);
    }
    if (known.spec?.type === "yearAmounts" && typeof value === "object" && !Array.isArray(value)) {
      return Object.entries(value as Record<string, number>)
        .map(([year, amount]) => `${year} : ${amount}`)
        .join(" | ");
    }
    return shownValue(plain(value, known.column), known.column, lang);
  };
}

/** `J1/groupe-2.xlsx!Bilan:4`: a source as one short reference. */
export function sourceRef(s: Source): string {
  return `${s.file}${s.sheet ? `!${s.sheet}` : ""}:${s.row}`;
}

function unique(values: (string | null)[]): string {
  return [...new Set(values.filter((v): v is string => v !== null && v !== ""))].join(", ");
}

function plain(value: unknown, column: TableColumn): Value {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(column.name === "partenaires" ? "; " : ", ");
  if (typeof value === "object") return JSON.stringify(value);
  return value as Value;
}

function kindRows(rows: readonly Record<string, unknown>[], columns: TableColumn[]): Value[][] {
  return rows.map((row) => {
    const sources = row.sources as Source[];
    return columns.map((c) => {
      if (c.name === "groupes") return unique(sources.map((s) => s.groupe));
      if (c.name === "sessions") return unique(sources.map((s) => s.session));
      if (c.name === "sources") return sources.map(sourceRef).join(" | ");
      const year = /^cout_annuel_(\d{4})$/.exec(c.name)?.[1];
      if (year) return (row.cout_annuel as Record<string, number> | null)?.[year] ?? null;
      return plain(row[c.name], c);
    });
  });
}

/** Every file read, with its metadata and accounting: the provenance annex. */
export function sourcesTable(files: readonly FileReport[], lang: Lang): FlatTable {
  const columns: TableColumn[] = [
    text("file", 36),
    text("groupe", 16),
    text("session", 10),
    text("structure", 24),
    text("rapporteur", 24),
    text("date", 12),
    text("sheets", 30),
    { name: "rows", title: titled("rows"), type: "integer", width: 10 },
    { name: "accepted", title: titled("accepted"), type: "integer", width: 10 },
    { name: "rejected", title: titled("rejected"), type: "integer", width: 10 },
    { name: "errors", title: titled("errors"), type: "integer", width: 10 },
    {
      name: "warnings",
      title: titled("warnings"),
      type: "integer",
      width: 14,
    },
  ];
  const t = catalogue(lang).tables;
  const kindLabel = (kind: TableKind | null) =>
    kind === null ? "—" : isSubmissionKind(kind) ? t.titles[kind] : t.otherKinds[kind];
  const rows = files.map((f): Value[] => {
    const sum = (k: "rows" | "accepted" | "rejected") => f.sheets.reduce((n, s) => n + s[k], 0);
    const { errors, warnings } = countBySeverity(f.issues);
    return [
      f.path,
      f.meta.groupe ?? null,
      f.meta.session ?? null,
      f.meta.structure ?? null,
      f.meta.rapporteur ?? null,
      f.meta.date ?? null,
      f.sheets.map((s) => `${s.name ?? "CSV"} (${kindLabel(s.kind)})`).join(", "),
      sum("rows"),
      sum("accepted"),
      sum("rejected"),
      errors,
      warnings,
    ];
  });
  return { name: "sources", title: tableTitle("sources"), columns, rows };
}

/** Every table compile writes as CSV, in workbook order (the workbook adds Sources). */
export function consolidationTables(c: Consolidation, config: Config, lang: Lang): FlatTable[] {
  const bilan = kindColumns("bilan", config, "review");
  const constats = kindColumns("constats", config, "review");
  const propositions = kindColumns("propositions", config, "plan");
  return [
    {
      name: "bilan",
      title: tableTitle("bilan"),
      columns: bilan,
      rows: kindRows(c.bilan, bilan),
    },
    {
      name: "constats",
      title: tableTitle("constats"),
      columns: constats,
      rows: kindRows(c.constats, constats),
    },
    {
      name: "propositions",
      title: tableTitle("propositions"),
      columns: propositions,
      rows: kindRows(c.propositions, propositions),
    },
    rejetsTable(c, lang),
    conflitsTable(c, config, lang),
    historiqueTable(c, config, lang),
  ];
}

const text = (name: ColumnName, width = 14): TableColumn => ({
  name,
  title: titled(name),
  type: "string",
  width,
});

/** One row per problem of each rejected row, with the row's values as read. */
function rejetsTable(c: Consolidation, lang: Lang): FlatTable {
  const columns: TableColumn[] = [
    text("file", 28),
    text("sheet"),
    { name: "row", title: titled("row"), type: "integer", width: 8 },
    { ...text("kind"), ...KIND_LABELS },
    text("cell", 12),
    text("code", 20),
    {
      ...text("severity", 10),
      ...labelled(["error", "warning", "info"], (t, id) => t.tables.severities[id as "error"]),
    },
    text("message", 60),
    text("values", 60),
  ];
  const rows: Value[][] = [];
  for (const r of c.rejets) {
    const values = Object.entries(r.values)
      .map(([k, v]) => `${k}: ${v}`)
      .join(" | ");
    for (const p of r.problems) {
      rows.push([
        r.file,
        r.sheet,
        r.row,
        r.kind,
        cellOf(p) ?? null,
        p.code,
        p.severity,
        messageOf(p, lang),
        values,
      ]);
    }
  }
  return { name: "rejets", title: tableTitle("rejets"), columns, rows };
}

/** One row per version of each conflicting value. */
function conflitsTable(c: Consolidation, config: Config, lang: Lang): FlatTable {
  const columns: TableColumn[] = [
    { ...text("kind", 10), ...KIND_LABELS },
    text("key", 10),
    { ...text("field", 16), ...FIELD_LABELS },
    text("chosen", 16),
    { ...text("rule", 20), ...labelled(RULES, (t, id) => t.tables.rules[id as ConflictRule]) },
    text("motif", 30),
    text("value", 16),
    text("source", 36),
    text("groupe", 16),
    text("session", 10),
  ];
  const fieldValue = fieldValues(config, lang);
  const rows: Value[][] = [];
  for (const k of c.conflits) {
    for (const v of k.versions) {
      rows.push([
        k.kind,
        k.key,
        k.field,
        fieldValue(k.kind, k.field, k.chosen),
        k.rule,
        k.motif ?? null,
        fieldValue(k.kind, k.field, v.value),
        sourceRef(v.source),
        v.source.groupe,
        v.source.session,
      ]);
    }
  }
  return { name: "conflits", title: tableTitle("conflits"), columns, rows };
}

/**
 * What merging set aside without a conflict: values a group changed in a later session, and rows
 * a newer version of the same group's file replaced; one row each, before and after.
 */
function historiqueTable(c: Consolidation, config: Config, lang: Lang): FlatTable {
  const columns: TableColumn[] = [
    text("situation", 18),
    { ...text("kind", 10), ...KIND_LABELS },
    text("key", 16),
    { ...text("field", 16), ...FIELD_LABELS },
    text("groupe", 16),
    text("previous", 16),
    text("previousSource", 36),
    text("value", 16),
    text("source", 36),
  ];
  const t = catalogue(lang).tables.situations;
  const fieldValue = fieldValues(config, lang);
  const rows: Value[][] = [];
  for (const u of c.mises_a_jour) {
    rows.push([
      t.update,
      u.kind,
      u.key,
      u.field,
      u.groupe,
      fieldValue(u.kind, u.field, u.previous.value),
      sourceRef(u.previous.source),
      fieldValue(u.kind, u.field, u.value),
      sourceRef(u.source),
    ]);
  }
  for (const r of c.remplacees) {
    rows.push([
      t.replaced,
      r.kind,
      r.key,
      null,
      r.source.groupe,
      null,
      sourceRef(r.source),
      null,
      sourceRef(r.by),
    ]);
  }
  return { name: "historique", title: tableTitle("historique"), columns, rows };
}

// --- CSV ----------------------------------------------------------------------------------------

/**
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
 * leading `'` (OWASP). A plain number such as `-5` or `+3,5` runs nothing and stays as it is.
 * A text that already starts with `'` before such a character gets one more: reading takes one
 * off (`FORMULA_MARK` in read/csv.ts), so every text reads back as it was.
 */
export function neutralise(text: string): string {
  if (/^[-+]?\d+([.,]\d+)?$/.test(text)) return text;
  return /^'*[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(value: Value, delimiter: string): string {
  if (value === null) return "";
  let s: string;
  if (typeof value === "number") {
    s = plainNumber(value);
    // French Excel reads `;` files with a decimal comma.
    if (delimiter === ";") s = s.replace(".", ",");
  } else if (typeof value === "boolean") {
    s = value ? "true" : "false";
  } else {
    s = neutralise(value);
  }
  return /["\r\n]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * UTF-8 with BOM and CRLF, as French Excel opens it without an import dialog. With a language,
 * for people: the columns' titles as headers, closed values and booleans in words; numbers stay
 * numbers. Without, the names and the values as they are.
 */
export function toCsv(table: FlatTable, delimiter = ";", lang?: Lang): string {
  return [...csvLines(table, delimiter, lang)].join("");
}

/** The same text as `toCsv`, a line at a time: a large table is written without one string. */
export function* csvLines(table: FlatTable, delimiter = ";", lang?: Lang): Generator<string> {
  const { columns } = table;
  yield `\uFEFF${columns.map((c) => csvField(lang ? c.title[lang] : c.name, delimiter)).join(delimiter)}\r\n`;
  for (const row of table.rows) {
    let line = "";
    for (let i = 0; i < row.length; i++) {
      const v = row[i] as Value;
      const shown = lang ? shownValue(v, columns[i] as TableColumn, lang) : v;
      line += i === 0 ? csvField(shown, delimiter) : `${delimiter}${csvField(shown, delimiter)}`;
    }
    yield `${line}\r\n`;
  }
}
