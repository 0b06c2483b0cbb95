import type ExcelJS from "exceljs";
import type { Retour } from "../analysis/retours.js";
import type { Config } from "../config.js";
import { type FieldSpec, findField, resolutionFields, STATUTS } from "../fields.js";
import { formatMoney, listSeparator } from "../i18n/format.js";
import { catalogue, hintOf, messageOf } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import { cellOf } from "../issues.js";
import type { Conflict, Consolidation, ReferencePlan } from "../model.js";
import { columnLetter } from "../sheet.js";
import { toCsv, type Value } from "./index.js";
import {
  addValidation,
  FONT,
  headerFooterText,
  newWorkbook,
  printSetup,
  rowHeight,
  solid,
  styleHeader,
  workbookBytes,
} from "./xlsx.js";

/**
 * What a compile hands the rapporteur to act on before the next session:
 * - `arbitrages-a-faire.xlsx` (and `.csv`): one line per disagreement the merge rule settled
 *   without the rapporteur, with the groups' values and an empty `Valeur` to choose from a
 *   dropdown; the decisions already applied are repeated, filled in, so that the workbook saved
 *   as `resolutions.xlsx` keeps them. Its columns are the resolutions file's: it is read back as
 *   one, and the columns for information are fields that the reader ignores.
 * - `retours/<groupe>.xlsx` (and `.csv`): each group's problems, with the file, the cell, the
 *   value read, what is wrong and the fix; a group with no problem gets none.
 */

export const ARBITRAGES = "arbitrages-a-faire";
export const RETOURS = "retours";

/** A line of arbitrages-a-faire: what is to decide, and what can be chosen. */
export interface Arbitrage {
  key: string;
  activite: string | null;
  champ: string;
  versions: string;
  retenue: string;
  choices: string[];
  /** Filled for a decision already applied. */
  valeur: string | null;
  motif: string | null;
}

/** A field's label without its unit: `Budget prévu`, read back whatever the currency. */
function bareLabel(spec: FieldSpec, lang: Lang): string {
  return spec[lang].replace(/\s*\([^)]*\)\s*$/, "");
}

/** A value written as a group writes it in a bilan sheet, so that it reads back the same. */
function typedText(field: string, value: unknown, config: Config, lang: Lang): string {
  if (value === null || value === undefined) return "";
  if (field === "statut") return STATUTS.find((s) => s.id === value)?.[lang] ?? String(value);
  if (field === "axe") {
    const axis = config.review.axes.find((a) => a.code === value);
    return axis ? `${axis.number}. ${axis[lang]}` : String(value);
  }
  const t = catalogue(lang).followups.arbitrages;
  if (typeof value === "boolean") return value ? t.yes : t.no;
  if (typeof value === "number") {
    // No grouping: `1500000` reads back in either language; a rate keeps its `%`.
    const n = lang === "fr" ? String(value).replace(".", ",") : String(value);
    return field === "taux_realisation" ? `${n} %` : n;
  }
  return String(value);
}

/**
 * A value as the rapporteur reads it beside the choice, never read back: an amount grouped with
 * its currency (`50 000 000 FCFA`), else as it would be typed.
 */
function shownText(field: string, value: unknown, config: Config, lang: Lang): string {
  const amount = typeof value === "number" && findField("bilan", field)?.type === "amount";
  return amount ? formatMoney(value, config.currency, lang) : typedText(field, value, config, lang);
}

/**
 * What the rule keeps while nothing is decided, or would have kept before the decision:
 * `En cours (même session : le statut le plus prudent l'emporte)`.
 */
function ruleChoice(k: Conflict, config: Config, lang: Lang): string {
  const d = k.byRule ?? k;
  const value = shownText(k.field, d.chosen, config, lang) || "—";
  return `${value} (${catalogue(lang).rules[d.rule]})`;
}

/** What the dropdown offers: a closed list whole, else the groups' own values. */
function choicesOf(k: Conflict, config: Config, lang: Lang): string[] {
  const t = catalogue(lang).followups.arbitrages;
  if (k.field === "statut") return STATUTS.map((s) => s[lang]);
  if (k.field === "axe") return config.review.axes.map((a) => `${a.number}. ${a[lang]}`);
  if (k.field === "hors_plan") return [t.yes, t.no];
  const values = k.versions.map((v) => typedText(k.field, v.value, config, lang));
  return [...new Set(values.filter((v) => v !== ""))];
}

/** `Réalisé (Groupe 1, J2 ; Groupe 3, J2) | En cours (Groupe 2, J2)` */
function versionsText(k: Conflict, config: Config, lang: Lang): string {
  const byValue = new Map<string, string[]>();
  for (const v of k.versions) {
    const text = shownText(k.field, v.value, config, lang) || "—";
    const who = [v.source.groupe, v.source.session].filter(Boolean).join(", ");
    byValue.set(text, [...(byValue.get(text) ?? []), who || v.source.file]);
  }
  return [...byValue]
    .map(([value, who]) => `${value} (${who.join(listSeparator(lang))})`)
    .join(" | ");
}

/**
 * The disagreements on assessments the rapporteur can settle: those a rule settled, then the
 * decisions already applied.
 */
export function arbitragesOf(
  c: Consolidation,
  config: Config,
  lang: Lang,
  reference?: ReferencePlan,
): Arbitrage[] {
  const titles = new Map(c.bilan.map((b) => [b.code_activite, b.activite]));
  const lines: Arbitrage[] = [];
  for (const k of c.conflits) {
    // A value that follows the chosen status is settled with it.
    if (k.kind !== "bilan" || k.follows) continue;
    const applied = k.rule === "resolution";
    const spec = findField("bilan", k.field);
    if (!spec) continue;
    const title = titles.get(k.key) ?? reference?.byCode.get(k.key)?.activite ?? null;
    lines.push({
      key: k.key,
      activite: typeof title === "string" ? title : null,
      champ: bareLabel(spec, lang),
      versions: versionsText(k, config, lang),
      retenue: ruleChoice(k, config, lang),
      choices: choicesOf(k, config, lang),
      valeur: applied ? typedText(k.field, k.chosen, config, lang) : null,
      motif: applied ? (k.motif ?? null) : null,
    });
  }
  // Open ones first, in the order of conflits.csv.
  return [...lines.filter((l) => l.valeur === null), ...lines.filter((l) => l.valeur !== null)];
}

/** The resolutions file's fields, in the order the workbook shows them. */
const ARBITRAGE_FIELDS = [
  "code_activite",
  "activite",
  "champ",
  "valeurs_groupes",
  "retenue_sans_arbitrage",
  "valeur",
  "motif",
] as const;
const WIDTHS = [12, 36, 18, 44, 30, 24, 40];

function arbitrageRow(a: Arbitrage): Value[] {
  return [a.key, a.activite, a.champ, a.versions, a.retenue, a.valeur, a.motif];
}

function arbitrageHeaders(lang: Lang): string[] {
  return ARBITRAGE_FIELDS.map((id) => {
    const f = resolutionFields.find((x) => x.id === id) as FieldSpec;
    return f[lang];
  });
}

/** A table for people as CSV: its headers are the words they read, in their language. */
function textCsv(headers: readonly string[], rows: Value[][], delimiter: string): string {
  const columns = headers.map((name) => ({
    name,
    title: { fr: name, en: name },
    type: "string" as const,
  }));
  return toCsv({ name: "", title: { fr: "", en: "" }, columns, rows }, delimiter);
}

/** A row of wrapped text, as tall as its longest cell needs. */
function addTextRow(ws: ExcelJS.Worksheet, values: Value[], widths: readonly number[]) {
  const row = ws.addRow(values);
  row.alignment = { vertical: "top", wrapText: true };
  row.font = FONT;
  row.height = rowHeight(values.map((text, j) => ({ text, width: widths[j] ?? 10 })));
  return row;
}

/** The lines as CSV, headers in the language: the file reads back as a resolutions file. */
export function arbitragesCsv(lines: readonly Arbitrage[], lang: Lang, delimiter: string): string {
  return textCsv(arbitrageHeaders(lang), lines.map(arbitrageRow), delimiter);
}

/** Where a column to fill in stands out. */
const TO_FILL = "FFFFF2CC";

export async function arbitragesWorkbook(
  lines: readonly Arbitrage[],
  config: Config,
  lang: Lang,
  generated: Date,
): Promise<Buffer> {
  const t = catalogue(lang).followups.arbitrages;
  const wb = newWorkbook(generated, t.title(config.title));
  const ws = wb.addWorksheet(t.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const head = ws.addRow(arbitrageHeaders(lang));
  head.eachCell((cell) => styleHeader(cell));
  head.height = 30;
  // The choices on a hidden sheet, one row per distinct list (the statuses are one list for
  // every status line), and one dropdown per run of lines that share a list.
  const lists = wb.addWorksheet(t.lists, { state: "hidden" });
  const listRows = new Map<string, number>();
  const valeur = ARBITRAGE_FIELDS.indexOf("valeur") + 1;
  const column = columnLetter(valeur - 1);
  let run: { list: string; from: number; to: number } | undefined;
  const dropdown = () => {
    if (!run) return;
    addValidation(ws, `${column}${run.from}:${column}${run.to}`, {
      type: "list",
      formulae: [run.list],
      allowBlank: true,
      // A value the groups did not give may still be the right one: warned, not refused.
      showErrorMessage: true,
      errorStyle: "warning",
    });
    run = undefined;
  };
  for (const a of lines) {
    const row = addTextRow(ws, arbitrageRow(a), WIDTHS);
    for (const col of [valeur, valeur + 1]) row.getCell(col).fill = solid(TO_FILL);
    if (a.choices.length === 0) {
      dropdown();
      continue;
    }
    const key = a.choices.join("\u0000");
    let at = listRows.get(key);
    if (at === undefined) {
      at = lists.addRow(a.choices).number;
      listRows.set(key, at);
    }
    const list = `'${t.lists}'!$A$${at}:$${columnLetter(a.choices.length - 1)}$${at}`;
    if (run?.list === list && run.to === row.number - 1) run.to = row.number;
    else {
      dropdown();
      run = { list, from: row.number, to: row.number };
    }
  }
  dropdown();
  ws.autoFilter = { from: "A1", to: `${columnLetter(WIDTHS.length - 1)}1` };
  const help = wb.addWorksheet(t.instructions);
  help.columns = [{ width: 120 }];
  help.addRow([t.title(config.title)]).font = { ...FONT, bold: true, size: 14 };
  for (const [i, step] of t.steps.entries()) addTextRow(help, [`${i + 1}. ${step}`], [120]);
  return workbookBytes(wb, generated);
}

// --- retours -------------------------------------------------------------------------------------

function retourRows(r: Retour, lang: Lang): Value[][] {
  const t = catalogue(lang).followups.retours;
  return r.issues.map((i) => [
    i.file,
    i.sheet ?? null,
    cellOf({ ...i, sheet: undefined }) ?? null,
    i.severity === "error" ? t.error : t.warning,
    i.value ?? null,
    messageOf(i, lang),
    hintOf(i, lang) ?? null,
  ]);
}

function retourHeaders(lang: Lang): string[] {
  return Object.values(catalogue(lang).followups.retours.columns);
}

export function retourCsv(r: Retour, lang: Lang, delimiter: string): string {
  return textCsv(retourHeaders(lang), retourRows(r, lang), delimiter);
}

const RETOUR_WIDTHS = [28, 14, 9, 13, 24, 60, 50];

export async function retourWorkbook(
  r: Retour,
  config: Config,
  lang: Lang,
  generated: Date,
): Promise<Buffer> {
  const t = catalogue(lang).followups.retours;
  const wb = newWorkbook(generated, t.title(r.groupe, config.title));
  const ws = wb.addWorksheet(t.sheet, { views: [{ state: "frozen", ySplit: 3 }] });
  ws.columns = RETOUR_WIDTHS.map((width) => ({ width }));
  ws.addRow([t.title(r.groupe, config.title)]).font = { ...FONT, bold: true, size: 14 };
  const errors = r.issues.filter((i) => i.severity === "error").length;
  const lead = ws.addRow([t.lead(errors, r.issues.length - errors)]);
  lead.font = { ...FONT, italic: true };
  const head = ws.addRow(retourHeaders(lang));
  head.eachCell((cell) => styleHeader(cell));
  for (const values of retourRows(r, lang)) {
    const row = addTextRow(ws, values, RETOUR_WIDTHS);
    if (values[3] === t.error) {
      row.getCell(4).font = { ...FONT, bold: true, color: { argb: "FFC00000" } };
    }
  }
  ws.autoFilter = { from: "A3", to: `${columnLetter(RETOUR_WIDTHS.length - 1)}3` };
  // Handed out on paper: A4 landscape, the title at the foot of each page.
  printSetup(ws, 9, headerFooterText(t.title(r.groupe, config.title)));
  return workbookBytes(wb, generated);
}
