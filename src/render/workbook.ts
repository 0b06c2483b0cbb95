import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Lang } from "../issues.js";
import type { FlatTable } from "./tables.js";

/**
 * Workbooks for people: one styled sheet per table, frozen header, filter, widths, wrapped text,
 * FCFA number format. Every text is written as a string cell, so nothing a group typed can become
 * a formula. Written byte-for-byte reproducibly: the dates inside come from `generated`.
 */

export const HEADER_FILL = "FF1F4E79";
/** Grouped thousands in the reader's own separator (a space in French); `# ##0` misgroups in LibreOffice. */
export const MONEY_FORMAT = "#,##0";

export function addTableSheet(wb: ExcelJS.Workbook, table: FlatTable, lang: Lang) {
  const ws = wb.addWorksheet(table.title[lang].slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  ws.columns = table.columns.map((c) => ({
    header: c.title[lang],
    key: c.name,
    width: c.width ?? 14,
  }));
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.alignment = { vertical: "middle", wrapText: true };
  header.height = 30;
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
  });
  for (const values of table.rows) {
    const shown = values.map((v, i) => {
      const label = typeof v === "string" ? table.columns[i]?.labels?.[v] : undefined;
      return label ? label[lang] : v;
    });
    const row = ws.addRow(shown);
    row.alignment = { vertical: "top", wrapText: true };
  }
  table.columns.forEach((c, i) => {
    if (c.money) ws.getColumn(i + 1).numFmt = MONEY_FORMAT;
  });
  if (table.columns.length > 0) {
    ws.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: Math.max(1, table.rows.length + 1), column: table.columns.length },
    };
  }
  return ws;
}

/** A new workbook whose metadata dates are the generation time. */
export function newWorkbook(generated: Date, title: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "atelier";
  wb.lastModifiedBy = "atelier";
  wb.title = title;
  wb.created = generated;
  wb.modified = generated;
  return wb;
}

/**
 * The workbook's bytes, reproducible: exceljs stamps every zip entry with the current time, so
 * the archive is rewritten with the generation time on each entry, in a fixed order.
 */
export async function workbookBytes(wb: ExcelJS.Workbook, generated: Date): Promise<Buffer> {
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  const zip = await JSZip.loadAsync(raw);
  const out = new JSZip();
  const names = Object.keys(zip.files).sort((a, b) =>
    // [Content_Types].xml first, as Office expects.
    a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  // Zip times are local DOS times: shift so that every machine writes the same bytes.
  const stamp = new Date(generated.getTime() + generated.getTimezoneOffset() * 60_000);
  for (const name of names) {
    const entry = zip.files[name];
    if (!entry || entry.dir) continue;
    out.file(name, await entry.async("uint8array"), { date: stamp, createFolders: false });
  }
  return out.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
    platform: "DOS",
  });
}
