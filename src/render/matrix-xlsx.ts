import type ExcelJS from "exceljs";
import {
  axisNumber,
  axisOrder,
  budgetByAxis,
  type MatrixRow,
  planYears,
} from "../analysis/matrix.js";
import type { Config } from "../config.js";
import { PRIORITES } from "../fields.js";
import { currencyLabel } from "../i18n/format.js";
import type { Lang } from "../i18n/lang.js";
import { columnLetter, sheetRef } from "../sheet.js";
import { compareText } from "../text.js";
import { axisLabel, fieldLabel, matrixColumns, shownTexts, T } from "./matrix-text.js";
import {
  addValidation,
  FONT,
  GRID,
  HEADER_FILL,
  headerFooterText,
  MONEY_FORMAT,
  newWorkbook,
  printSetup,
  rowHeight,
  solid,
  styleHeader,
  workbookBytes,
} from "./xlsx.js";

/**
 * The action matrix as the workbook an analyst filters, costs and prints: "Matrice" (rows by axis
 * with subtotals and grand total), "Synthèse budgétaire", "Répartition annuelle" and "Sources".
 *
 * - Totals: an axis subtotal is SUM over that axis's cost cells, the grand total SUM of the
 *   subtotals. They do not follow filters (a filtered view still shows the whole plan's totals);
 *   subtotal rows carry their axis label so that filtering on an axis keeps its subtotal, and the
 *   grand total sits below the filtered range so that no filter hides it. The CSV and Markdown
 *   carry no formulas: the CSV has no subtotal rows (it is for re-sorting and re-summing), the
 *   Markdown states the sums.
 * - Every formula carries its computed value, so that programs that do not calculate (Excel's
 *   Protected View, previews, exceljs) show the right figures; `fullCalcOnLoad` makes Excel
 *   recompute on opening. LibreOffice keeps cached results on opening unless told otherwise
 *   (Options › Calc › Formula › Recalculation on file load) and recalculates as soon as a cell
 *   changes. Formulas are built from cell addresses and axis codes only, never from submitted
 *   text, which is always written as a string cell.
 */

/** Light fill for an axis's rows, mid for its subtotal, dark for its scheduled years. */
const BANDS = [
  { light: "FFDDEBF7", mid: "FFBDD7EE", dark: "FF2F75B5" },
  { light: "FFE2EFDA", mid: "FFC6E0B4", dark: "FF548235" },
  { light: "FFFCE4D6", mid: "FFF8CBAD", dark: "FFC65911" },
  { light: "FFEDE7F6", mid: "FFD9CCEB", dark: "FF7030A0" },
  { light: "FFFFF2CC", mid: "FFFFE699", dark: "FFBF8F00" },
  { light: "FFEDEDED", mid: "FFDBDBDB", dark: "FF595959" },
] as const;

/** A cell « à compléter »: light orange, dark orange italic text (no axis band uses it). */
const TO_COMPLETE_FILL = "FFFFD8A8";
const TO_COMPLETE_FONT = { ...FONT, italic: true, color: { argb: "FFB34700" } };

const HEADER_ROW = 4;
const FIRST_ROW = HEADER_ROW + 1;
const FROZEN_COLUMNS = 4;

/** Letter of a 1-based column number, as exceljs numbers columns. */
const letter = (column: number) => columnLetter(column - 1);

/** The header row of a sheet, from column `from` to `to`. */
function headerRow(row: ExcelJS.Row, from: number, to: number) {
  row.height = 45;
  for (let i = from; i <= to; i++) styleHeader(row.getCell(i));
}

function sheetNames(lang: Lang) {
  const t = T(lang);
  return { matrix: t.matrix, summary: t.summary, breakdown: t.breakdown, sources: t.sources };
}

interface MatrixLayout {
  /** Worksheet row of each matrix row, by index in `rows`. */
  rowOf: number[];
  /** Column (1-based) of each plan year and of the cost. */
  yearColumn: Map<number, number>;
  costColumn: number;
  grandTotal: string;
}

function addMatrixSheet(
  wb: ExcelJS.Workbook,
  rows: readonly MatrixRow[],
  config: Config,
  lang: Lang,
  generated: Date,
): MatrixLayout {
  const t = T(lang);
  const names = sheetNames(lang);
  const columns = matrixColumns(config, lang, rows);
  const order = axisOrder(
    config,
    rows.map((r) => r.axe),
  );
  const ws = wb.addWorksheet(names.matrix, {
    views: [
      {
        state: "frozen",
        xSplit: FROZEN_COLUMNS,
        ySplit: HEADER_ROW,
        topLeftCell: `${letter(FROZEN_COLUMNS + 1)}${FIRST_ROW}`,
        activeCell: `${letter(FROZEN_COLUMNS + 1)}${FIRST_ROW}`,
      },
    ],
  });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const col = (key: string) => columns.findIndex((c) => c.key === key) + 1;
  const last = columns.length;
  const costColumn = col("cout");
  const costLetter = letter(costColumn);
  const yearColumn = new Map(
    columns.flatMap((c, i) => (c.year !== undefined ? [[c.year, i + 1] as const] : [])),
  );

  const files = new Set(rows.flatMap((r) => r.sources.map((s) => s.file))).size;
  const title = ws.getCell(1, 1);
  title.value = config.title;
  title.font = { ...FONT, bold: true, size: 16, color: { argb: HEADER_FILL } };
  ws.getRow(1).height = 24;
  const subtitle = ws.getCell(2, 1);
  subtitle.value = {
    richText: [
      {
        text: `${t.matrixTitle} — ${config.plan.label} — `,
        font: { ...FONT, bold: true, size: 13 },
      },
      { text: t.draft, font: { ...FONT, bold: true, size: 13, color: { argb: "FFC00000" } } },
    ],
  };
  ws.getRow(2).height = 20;
  const note = ws.getCell(3, 1);
  const toComplete = rows.some((r) => r.toComplete.length > 0);
  note.value = `${t.generated(t.date(generated), files)}${toComplete ? ` ${t.toCompleteNote}` : ""}`;
  note.font = { ...FONT, italic: true, color: { argb: "FF595959" } };

  const header = ws.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
  });
  headerRow(header, 1, last);

  const rowOf: number[] = [];
  const subtotals: string[] = [];
  let at = FIRST_ROW;
  for (const [index, code] of order.entries()) {
    const own = rows.flatMap((r, i) => (r.axe === code ? [i] : []));
    if (own.length === 0) continue;
    const band = BANDS[index % BANDS.length] as (typeof BANDS)[number];
    const label = axisLabel(config, code, lang, order);
    const first = at;
    for (const i of own) {
      const r = rows[i] as MatrixRow;
      const s = shownTexts(r, lang);
      rowOf[i] = at;
      const row = ws.getRow(at);
      const values: Record<string, ExcelJS.CellValue> = {
        number: r.number,
        axe: label,
        objectif: r.objectif,
        action: r.action,
        resultat_attendu: r.resultat_attendu,
        indicateur: r.indicateur,
        reference: r.reference,
        cible: r.cible,
        responsable: r.responsable,
        partenaires: s.partenaires || null,
        cout: r.cout,
        source_financement: r.source_financement,
        priorite: s.priorite,
        origine: s.origine,
        activite: s.activite.join("\n") || null,
        faiblesses: s.faiblesses.map((w) => `• ${w}`).join("\n") || null,
        voisines: s.voisines || null,
      };
      // An expected field the proposal leaves empty: « à compléter », highlighted below.
      for (const key of r.toComplete) values[key] = t.toComplete;
      columns.forEach((c, k) => {
        const cell = row.getCell(k + 1);
        cell.border = GRID;
        if (c.year !== undefined) {
          // The shade comes from a conditional format on the mark (below), so that an X typed
          // or deleted by the analyst is shaded or cleared like the others.
          cell.value = r.years.includes(c.year) ? "X" : null;
          cell.fill = solid(band.light);
          cell.font = { ...FONT, bold: true };
          cell.alignment = { vertical: "middle", horizontal: "center" };
          return;
        }
        // Strings stay strings: exceljs writes them as text cells, never as formulas.
        cell.value = values[c.key] ?? null;
        cell.fill = solid(band.light);
        cell.alignment = {
          vertical: "top",
          wrapText: true,
          ...(c.key === "number" || c.key === "priorite" ? { horizontal: "center" as const } : {}),
        };
        if (c.key === "cout") cell.numFmt = MONEY_FORMAT;
        if (c.key === "number") cell.font = { ...FONT, bold: true };
        if (r.toComplete.includes(c.key)) {
          cell.fill = solid(TO_COMPLETE_FILL);
          cell.font = TO_COMPLETE_FONT;
        }
      });
      row.height = rowHeight(columns.map((c) => ({ text: values[c.key], width: c.width })));
      at++;
    }
    const years = [...yearColumn.values()];
    if (years.length > 0) {
      const topLeft = `${letter(Math.min(...years))}${first}`;
      ws.addConditionalFormatting({
        ref: `${topLeft}:${letter(Math.max(...years))}${at - 1}`,
        rules: [
          {
            type: "expression",
            priority: 1,
            // Relative to the range's top-left cell; `="X"` ignores case, as COUNTIF does.
            formulae: [`${topLeft}="X"`],
            style: {
              fill: { type: "pattern", pattern: "solid", bgColor: { argb: band.dark } },
              font: { bold: true, color: { argb: "FFFFFFFF" } },
            },
          },
        ],
      });
    }
    const subtotal = ws.getRow(at);
    const amount = own.reduce((n, i) => n + ((rows[i] as MatrixRow).cout ?? 0), 0);
    for (let k = 1; k <= last; k++) {
      const cell = subtotal.getCell(k);
      cell.fill = solid(band.mid);
      cell.font = { ...FONT, bold: true };
      cell.border = GRID;
      cell.alignment = { vertical: "top", wrapText: true };
    }
    // The axis label keeps the subtotal visible when the analyst filters on its axis.
    subtotal.getCell(col("axe")).value = label;
    subtotal.getCell(col("axe")).font = { ...FONT };
    subtotal.height = rowHeight([{ text: label, width: columns[col("axe") - 1]?.width ?? 14 }]);
    subtotal.getCell(col("action")).value = t.subtotal(axisNumber(config, code, order));
    const total = subtotal.getCell(costColumn);
    total.value = { formula: `SUM(${costLetter}${first}:${costLetter}${at - 1})`, result: amount };
    total.numFmt = MONEY_FORMAT;
    subtotals.push(`${costLetter}${at}`);
    at++;
  }
  const lastData = Math.max(at - 1, HEADER_ROW);
  // The grand total sits below the filtered range, so that no filter ever hides it.
  const grand = ws.getRow(at);
  for (let k = 1; k <= last; k++) {
    const cell = grand.getCell(k);
    cell.fill = solid(HEADER_FILL);
    cell.font = { ...FONT, bold: true, color: { argb: "FFFFFFFF" } };
    cell.border = GRID;
    cell.alignment = { vertical: "middle" };
  }
  grand.height = 22;
  grand.getCell(col("action")).value = t.total;
  const grandCell = grand.getCell(costColumn);
  grandCell.value = {
    formula: subtotals.length ? `SUM(${subtotals.join(",")})` : "0",
    result: rows.reduce((n, r) => n + (r.cout ?? 0), 0),
  };
  grandCell.numFmt = MONEY_FORMAT;

  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: lastData, column: last } };
  if (lastData >= FIRST_ROW) {
    // One validation per range (exceljs supports it; its type definitions do not declare it).
    const priority = letter(col("priorite"));
    addValidation(ws, `${priority}${FIRST_ROW}:${priority}${lastData}`, {
      type: "list",
      allowBlank: true,
      formulae: [`"${PRIORITES.map((p) => p[lang]).join(",")}"`],
      showErrorMessage: true,
      errorTitle: fieldLabel("priorite", lang),
      error: t.priorityError,
    });
    const years = [...yearColumn.values()];
    if (years.length > 0) {
      const range = `${letter(Math.min(...years))}${FIRST_ROW}:${letter(Math.max(...years))}${lastData}`;
      addValidation(ws, range, {
        type: "list",
        allowBlank: true,
        formulae: ['"X"'],
        showErrorMessage: true,
        error: t.yearError,
      });
    }
  }
  printSetup(
    ws,
    8,
    `&L${headerFooterText(`${config.plan.label} — ${t.matrixTitle} — ${t.draft}`)}&C${t.footer}&R${headerFooterText(t.date(generated))}`,
  );
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  return { rowOf, yearColumn, costColumn, grandTotal: `$${costLetter}$${at}` };
}

const BREAKDOWN_HEAD = 3;
/** Columns of the breakdown before the years: N°, axis (as the matrix shows it), action, cost, mode. */
const BREAKDOWN_FIXED = 5;
const BREAKDOWN_ACTION_WIDTH = 50;
const BREAKDOWN_AXIS_WIDTH = 24;
/** A year the action does not cover shows blank, not 0. */
const SHARE_FORMAT = `${MONEY_FORMAT};-${MONEY_FORMAT};""`;

/** Where the breakdown keeps the axes and each year's shares, for the summary's SUMIFS. */
function breakdownRanges(rows: readonly MatrixRow[], lang: Lang) {
  const first = BREAKDOWN_HEAD + 1;
  const last = Math.max(first, first + rows.length - 1);
  const column = (k: number) => letter(BREAKDOWN_FIXED + 1 + k);
  return {
    sheet: sheetNames(lang).breakdown,
    axes: `$B$${first}:$B$${last}`,
    year: (k: number) => `${column(k)}$${first}:${column(k)}$${last}`,
  };
}

/** "Répartition annuelle": each action's share of each year, as cells the budget summary sums. */
function addBreakdownSheet(
  wb: ExcelJS.Workbook,
  rows: readonly MatrixRow[],
  config: Config,
  lang: Lang,
  layout: MatrixLayout,
) {
  const t = T(lang);
  const names = sheetNames(lang);
  const years = planYears(config);
  const order = axisOrder(
    config,
    rows.map((r) => r.axe),
  );
  const ws = wb.addWorksheet(names.breakdown, {
    views: [{ state: "frozen", xSplit: 3, ySplit: 3, topLeftCell: "D4", activeCell: "D4" }],
  });
  const cur = currencyLabel(config.currency);
  ws.columns = [
    { width: 8 },
    { width: BREAKDOWN_AXIS_WIDTH },
    { width: BREAKDOWN_ACTION_WIDTH },
    { width: 15 },
    { width: 22 },
    ...years.map(() => ({ width: 13 })),
    { width: 15 },
  ];
  ws.getCell(1, 1).value = `${t.breakdown} — ${config.plan.label} — ${t.draft}`;
  ws.getCell(1, 1).font = { ...FONT, bold: true, size: 13 };
  ws.getCell(2, 1).value = t.breakdownNote;
  ws.getCell(2, 1).font = { ...FONT, italic: true, color: { argb: "FF595959" } };
  const head = BREAKDOWN_HEAD;
  const first = head + 1;
  const totalCol = BREAKDOWN_FIXED + 1 + years.length;
  const headers = [
    t.number,
    t.axis,
    fieldLabel("action", lang),
    `${t.cost} (${cur})`,
    t.mode,
    ...years.map(String),
    `${t.rowTotal} (${cur})`,
  ];
  headers.forEach((h, i) => {
    ws.getCell(head, i + 1).value = h;
  });
  headerRow(ws.getRow(head), 1, headers.length);
  const matrix = names.matrix;
  const yearLetters = years.map((y) => letter(layout.yearColumn.get(y) as number));
  const marks = (r: number) =>
    `${sheetRef(matrix, `$${yearLetters[0]}${r}`)}:$${yearLetters[yearLetters.length - 1]}${r}`;
  const costCell = (r: number) => sheetRef(matrix, `$${letter(layout.costColumn)}${r}`);
  rows.forEach((row, i) => {
    const at = first + i;
    const source = layout.rowOf[i] as number;
    // A cost « à compléter » is text in the matrix: N() reads it as 0 until a number is typed.
    const costRef = (r: number) =>
      row.toComplete.includes("cout") ? `N(${costCell(r)})` : costCell(r);
    const line = ws.getRow(at);
    const axis = axisLabel(config, row.axe, lang, order);
    line.getCell(1).value = row.number;
    // The axis as people read it, as the matrix shows it: the summary's SUMIFS match this text.
    line.getCell(2).value = axis;
    line.getCell(3).value = row.action;
    line.getCell(4).value = { formula: costRef(source), result: row.cout ?? 0 };
    line.getCell(5).value = row.perYearGiven ? t.given : t.even;
    years.forEach((y, k) => {
      const cell = line.getCell(BREAKDOWN_FIXED + 1 + k);
      const share = row.perYear[y] ?? 0;
      if (row.perYearGiven) {
        cell.value = row.perYear[y] ?? null;
      } else {
        const mark = sheetRef(matrix, `${yearLetters[k]}${source}`);
        cell.value = {
          formula: `IF(${mark}="X",${costRef(source)}/COUNTIF(${marks(source)},"X"),0)`,
          result: share,
        };
      }
    });
    line.getCell(totalCol).value = {
      formula: `SUM(${letter(BREAKDOWN_FIXED + 1)}${at}:${letter(BREAKDOWN_FIXED + years.length)}${at})`,
      result: years.reduce((n, y) => n + (row.perYear[y] ?? 0), 0),
    };
    for (let k = 1; k <= totalCol; k++) {
      const cell = line.getCell(k);
      cell.border = GRID;
      cell.alignment = { vertical: "top", wrapText: k === 2 || k === 3 };
      if (k === 4 || k === totalCol) cell.numFmt = MONEY_FORMAT;
      else if (k > BREAKDOWN_FIXED) cell.numFmt = SHARE_FORMAT;
    }
    line.height = rowHeight([
      { text: axis, width: BREAKDOWN_AXIS_WIDTH },
      { text: row.action, width: BREAKDOWN_ACTION_WIDTH },
    ]);
  });
  const lastRow = Math.max(first, first + rows.length - 1);
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: lastRow, column: totalCol } };
  printSetup(
    ws,
    9,
    `&L${headerFooterText(`${config.plan.label} — ${t.breakdown} — ${t.draft}`)}&R${t.footer}`,
  );
  ws.pageSetup.printTitlesRow = `${head}:${head}`;
}

/**
 * A text as a SUMIFS criterion that matches exactly that text: a string literal, its quotes
 * doubled and its wildcards (`*`, `?`, `~`) escaped with `~`, as Excel and LibreOffice read them.
 * An axis's label starts with its number, never with a comparison sign (`<`, `>`, `=`).
 */
export function criterionText(text: string): string {
  return `"${text.replace(/[~*?]/g, "~$&").replace(/"/g, '""')}"`;
}

function addSummarySheet(
  wb: ExcelJS.Workbook,
  rows: readonly MatrixRow[],
  config: Config,
  lang: Lang,
  layout: MatrixLayout,
  breakdown: ReturnType<typeof breakdownRanges>,
) {
  const t = T(lang);
  const names = sheetNames(lang);
  const years = planYears(config);
  const cur = currencyLabel(config.currency);
  const order = axisOrder(
    config,
    rows.map((r) => r.axe),
  );
  const budget = budgetByAxis(rows, config);
  const ws = wb.addWorksheet(names.summary);
  ws.columns = [{ width: 44 }, ...years.map(() => ({ width: 15 })), { width: 17 }];
  ws.getCell(1, 1).value = `${t.summary} — ${config.plan.label} — ${t.draft}`;
  ws.getCell(1, 1).font = { ...FONT, bold: true, size: 13 };
  ws.getCell(2, 1).value = `${t.summaryNote(cur)} ${t.summarySheetNote}`;
  ws.getCell(2, 1).font = { ...FONT, italic: true, color: { argb: "FF595959" } };
  const head = 4;
  const headers = [t.axis, ...years.map(String), `${t.rowTotal} (${cur})`];
  headers.forEach((h, i) => {
    ws.getCell(head, i + 1).value = h;
  });
  headerRow(ws.getRow(head), 1, headers.length);
  const totalCol = years.length + 2;
  const yearSum = (b: (typeof budget)[number]) => years.reduce((n, y) => n + (b.years[y] ?? 0), 0);
  budget.forEach((b, i) => {
    const at = head + 1 + i;
    const line = ws.getRow(at);
    const band = BANDS[order.indexOf(b.axe) % BANDS.length] as (typeof BANDS)[number];
    const axis = axisLabel(config, b.axe, lang, order);
    line.getCell(1).value = axis;
    years.forEach((y, k) => {
      // The same text as the breakdown's axis column, matched as it is (`criterionText`).
      line.getCell(2 + k).value = {
        formula: `SUMIFS(${sheetRef(breakdown.sheet, breakdown.year(k))},${sheetRef(breakdown.sheet, breakdown.axes)},${criterionText(axis)})`,
        result: b.years[y] ?? 0,
      };
    });
    line.getCell(totalCol).value = {
      formula: `SUM(B${at}:${letter(totalCol - 1)}${at})`,
      result: yearSum(b),
    };
    for (let k = 1; k <= totalCol; k++) {
      const cell = line.getCell(k);
      cell.fill = solid(band.light);
      cell.border = GRID;
      cell.alignment = { vertical: "middle", wrapText: k === 1 };
      if (k > 1) cell.numFmt = MONEY_FORMAT;
    }
  });
  const firstAxis = head + 1;
  const lastAxis = head + budget.length;
  const totalRow = lastAxis + 1;
  const grand = ws.getRow(totalRow);
  grand.getCell(1).value = t.rowTotal;
  for (let k = 2; k <= totalCol; k++) {
    const l = letter(k);
    const result =
      k === totalCol
        ? budget.reduce((n, b) => n + yearSum(b), 0)
        : budget.reduce((n, b) => n + (b.years[years[k - 2] as number] ?? 0), 0);
    grand.getCell(k).value = { formula: `SUM(${l}${firstAxis}:${l}${lastAxis})`, result };
  }
  for (let k = 1; k <= totalCol; k++) {
    const cell = grand.getCell(k);
    cell.fill = solid(HEADER_FILL);
    cell.font = { ...FONT, bold: true, color: { argb: "FFFFFFFF" } };
    cell.border = GRID;
    if (k > 1) cell.numFmt = MONEY_FORMAT;
  }
  // A visible check: the spread must add up to the matrix's grand total.
  const matrixTotal = rows.reduce((n, r) => n + (r.cout ?? 0), 0);
  const check = ws.getRow(totalRow + 2);
  check.getCell(1).value = t.matrixTotal;
  check.getCell(totalCol).value = {
    formula: sheetRef(names.matrix, layout.grandTotal),
    result: matrixTotal,
  };
  const gap = ws.getRow(totalRow + 3);
  gap.getCell(1).value = t.gap;
  const tc = letter(totalCol);
  gap.getCell(totalCol).value = {
    formula: `${tc}${totalRow + 2}-${tc}${totalRow}`,
    result: matrixTotal - budget.reduce((n, b) => n + yearSum(b), 0),
  };
  for (const r of [check, gap]) {
    r.getCell(1).font = { ...FONT, italic: true };
    r.getCell(totalCol).numFmt = MONEY_FORMAT;
    r.getCell(totalCol).border = GRID;
  }
  printSetup(
    ws,
    9,
    `&L${headerFooterText(`${config.plan.label} — ${t.summary} — ${t.draft}`)}&R${t.footer}`,
  );
}

function addSourcesSheet(wb: ExcelJS.Workbook, rows: readonly MatrixRow[], lang: Lang) {
  const t = T(lang);
  const ws = wb.addWorksheet(sheetNames(lang).sources, {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const files = new Map<
    string,
    {
      sheets: Set<string>;
      groups: Set<string>;
      sessions: Set<string>;
      rows: number;
      actions: string[];
    }
  >();
  for (const r of rows) {
    for (const s of r.sources) {
      const f = files.get(s.file) ?? {
        sheets: new Set(),
        groups: new Set(),
        sessions: new Set(),
        rows: 0,
        actions: [],
      };
      if (s.sheet !== null) f.sheets.add(s.sheet);
      if (s.groupe !== null) f.groups.add(s.groupe);
      if (s.session !== null) f.sessions.add(s.session);
      f.rows++;
      if (!f.actions.includes(r.number)) f.actions.push(r.number);
      files.set(s.file, f);
    }
  }
  ws.columns = [
    { header: t.file, width: 40 },
    { header: t.sheet, width: 16 },
    { header: t.group, width: 18 },
    { header: t.session, width: 10 },
    { header: t.proposals, width: 14 },
    { header: t.actions, width: 14 },
    { header: t.numbers, width: 50 },
  ];
  headerRow(ws.getRow(1), 1, 7);
  const join = (s: Set<string>) => [...s].join(", ") || null;
  for (const [file, f] of [...files].sort(([a], [b]) => compareText(a, b))) {
    const row = ws.addRow([
      file,
      join(f.sheets),
      join(f.groups),
      join(f.sessions),
      f.rows,
      f.actions.length,
      f.actions.join(", "),
    ]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = GRID;
      cell.alignment = { vertical: "top", wrapText: true };
    });
    row.height = rowHeight([
      { text: file, width: 40 },
      { text: f.actions.join(", "), width: 50 },
    ]);
  }
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, files.size + 1), column: 7 },
  };
  printSetup(ws, 9, `&L${headerFooterText(t.sources)}&R${t.footer}`);
  ws.pageSetup.printTitlesRow = "1:1";
}

/**
 * The matrix workbook: "Matrice" (the rows by axis with subtotals and grand total), "Synthèse
 * budgétaire" (axis × year, SUMIFS over the breakdown), "Répartition annuelle" (each action's
 * yearly share, formulas on the matrix) and "Sources". English sheet names with `lang` "en".
 */
export function buildMatrix(
  rows: readonly MatrixRow[],
  config: Config,
  lang: Lang,
  generated: Date,
): ExcelJS.Workbook {
  const t = T(lang);
  const workbook = newWorkbook(generated, `${t.matrixTitle} — ${config.plan.label} (${t.draft})`);
  // Excel recomputes every formula when the file opens; the cached results serve the rest.
  workbook.calcProperties.fullCalcOnLoad = true;
  const layout = addMatrixSheet(workbook, rows, config, lang, generated);
  addSummarySheet(workbook, rows, config, lang, layout, breakdownRanges(rows, lang));
  addBreakdownSheet(workbook, rows, config, lang, layout);
  addSourcesSheet(workbook, rows, lang);
  return workbook;
}

/** `matrice-actions.xlsx`, reproducible byte for byte. */
export async function matrixWorkbook(
  rows: readonly MatrixRow[],
  config: Config,
  lang: Lang,
  generated: Date,
): Promise<Buffer> {
  return workbookBytes(buildMatrix(rows, config, lang, generated), generated);
}
