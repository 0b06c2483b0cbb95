import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, createDeflateRaw, deflateRawSync } from "node:zlib";
import * as XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";

/**
 * Hostile and broken inputs, made at test time (the large ones are never committed). Each case
 * says what `validate --format json` must answer: the exit code and the issue codes.
 */

export interface HostileCase {
  name: string;
  file: string;
  /** Exit code of `validate`. */
  exit: 0 | 1 | 2;
  /** Issue codes expected in the JSON (in any order, duplicates ignored); none for exit 2. */
  codes: string[];
}

interface ZipEntry {
  name: string;
  data: Buffer;
  /** Declared uncompressed size, when it should lie. */
  declared?: number;
  /** Already deflated bytes (for entries too large to hold uncompressed). */
  deflated?: Buffer;
  crc?: number;
}

/** A minimal zip writer: enough to build archives that lie about their sizes. */
function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const body = e.deflated ?? deflateRawSync(e.data);
    const size = e.declared ?? e.data.length;
    const crc = e.crc ?? crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Bilan" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** The parts of a one-sheet workbook but its sheet. */
function workbookParts(): ZipEntry[] {
  const text = (name: string, s: string): ZipEntry => ({ name, data: Buffer.from(s, "utf8") });
  return [
    text("[Content_Types].xml", CONTENT_TYPES),
    text("_rels/.rels", ROOT_RELS),
    text("xl/workbook.xml", WORKBOOK),
    text("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
  ];
}

/** A one-sheet workbook whose sheet XML is given (or given already deflated). */
function workbook(sheet: ZipEntry): Buffer {
  return zip([...workbookParts(), sheet]);
}

const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;
const inline = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADER_ROW = `<row r="1">${inline("A1", "Axe")}${inline("B1", "Code activité")}${inline("C1", "Activité")}${inline("D1", "Statut")}</row>`;
const DATA_ROW = (r: number) =>
  `<row r="${r}">${inline(`A${r}`, "1")}${inline(`B${r}`, "1.1.1")}${inline(`C${r}`, "Sensibiliser")}${inline(`D${r}`, "Réalisé")}</row>`;

/**
 * `unit` written `count` times between a head and a tail, deflated as a stream: never held at
 * once. Returns the zip entry with its true size declared.
 */
async function deflatedRepeat(
  name: string,
  head: string,
  unit: string,
  count: number,
  tail: string,
): Promise<ZipEntry> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on("data", (d: Buffer) => out.push(d));
  const ended = once(z, "end");
  const perChunk = Math.max(1, Math.floor((1 << 20) / Buffer.byteLength(unit)));
  const chunk = Buffer.from(unit.repeat(perChunk));
  let crc = crc32(head);
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  z.write(head);
  for (let left = count; left > 0; left -= perChunk) {
    const piece = left >= perChunk ? chunk : Buffer.from(unit.repeat(left));
    crc = crc32(piece, crc);
    size += piece.length;
    if (!z.write(piece)) await once(z, "drain");
  }
  crc = crc32(tail, crc);
  z.end(tail);
  await ended;
  return { name, data: Buffer.alloc(0), deflated: Buffer.concat(out), crc, declared: size };
}

/** Writes every hostile case into `dir` and says what each must give. */
export async function writeHostileCorpus(dir: string): Promise<HostileCase[]> {
  mkdirSync(dir, { recursive: true });
  const cases: HostileCase[] = [];
  const put = (
    name: string,
    file: string,
    content: Buffer | string,
    exit: 0 | 1 | 2,
    codes: string[],
  ) => {
    writeFileSync(join(dir, file), content);
    cases.push({ name, file, exit, codes });
  };
  const bilan = "Axe;Code activité;Activité;Statut\r\n";

  put("empty CSV", "vide.csv", "", 1, ["empty-file"]);
  put("empty XLSX", "vide.xlsx", "", 1, ["file-unreadable"]);
  const garbage = Buffer.alloc(64 * 1024);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 251;
  // Not UTF-8, and not Windows-1252 text either: read as such, with a warning.
  put("binary garbage as CSV", "binaire.csv", garbage, 1, [
    "encoding-uncertain",
    "header-not-found",
  ]);
  put("binary garbage as XLSX", "binaire.xlsx", garbage, 1, ["file-unreadable"]);
  put(
    "a PDF renamed .xlsx",
    "rapport.xlsx",
    "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    1,
    ["file-unreadable"],
  );
  const good = workbook({
    name: "xl/worksheets/sheet1.xml",
    data: Buffer.from(
      `${SHEET_HEAD}<sheetData>${HEADER_ROW}${DATA_ROW(2)}</sheetData></worksheet>`,
    ),
  });
  put("a well-formed minimal workbook", "minimal.xlsx", good, 0, []);
  put("a truncated XLSX", "tronque.xlsx", good.subarray(0, Math.floor(good.length * 0.6)), 1, [
    "file-unreadable",
  ]);

  // 600 MB of sheet XML in well under 1 MB: refused from the declared size, never inflated.
  const head = `${SHEET_HEAD}<sheetData>${HEADER_ROW}`;
  const tail = `${DATA_ROW(2)}</sheetData></worksheet>`;
  const bomb = await deflatedRepeat("xl/worksheets/sheet1.xml", head, " ", 600 * 1024 * 1024, tail);
  put("a zip bomb that declares its size", "bombe.xlsx", workbook(bomb), 1, ["inflated-too-large"]);
  put(
    "a zip bomb that lies about its size",
    "bombe-menteuse.xlsx",
    workbook({ ...bomb, declared: 4096 }),
    1,
    ["file-unreadable"],
  );
  const xxe = `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${SHEET_HEAD.replace(/^<\?xml[^>]*\?>/, "")}<sheetData>${HEADER_ROW}<row r="2">${inline("A2", "1")}${inline("B2", "1.1.1")}${inline("C2", "&xxe;")}${inline("D2", "Réalisé")}</row></sheetData></worksheet>`;
  put(
    "an external entity (XXE)",
    "xxe.xlsx",
    workbook({ name: "xl/worksheets/sheet1.xml", data: Buffer.from(xxe) }),
    1,
    ["file-unreadable"],
  );
  put(
    "NUL bytes in a CSV",
    "nul.csv",
    Buffer.from(`${bilan}1;1.1.1;Sensi\u0000biliser;Réalisé\r\n`),
    0,
    [],
  );
  put(
    "UTF-16 with BOM",
    "utf16.csv",
    Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`${bilan}1;1.1.1;Sensibiliser;Réalisé\r\n`, "utf16le"),
    ]),
    0,
    [],
  );
  put(
    "UTF-16 without BOM",
    "utf16-sans-bom.csv",
    Buffer.from(`${bilan}1;1.1.1;Sensibiliser;Réalisé\r\n`, "utf16le"),
    0,
    [],
  );
  put(
    "mixed line endings",
    "fins-de-ligne.csv",
    `${bilan}1;1.1.1;A;Réalisé\n1;1.1.2;B;Réalisé\r1;1.1.3;C;Réalisé\r\n`,
    0,
    [],
  );
  put(
    "an unterminated quote",
    "guillemet.csv",
    `${bilan}1;1.1.1;"Sensibiliser;Réalisé\r\n1;1.1.2;B;Réalisé\r\n`,
    1,
    ["file-unreadable"],
  );
  put(
    "a line with a million columns",
    "colonnes.csv",
    `${bilan}1;1.1.1;A;Réalisé;${"x;".repeat(1_000_000)}\r\n`,
    1,
    ["too-many-columns", "extra-cell"],
  );
  put(
    "a line of 150 million separators",
    "separateurs.csv",
    Buffer.concat([
      Buffer.from(`${bilan}1;1.1.1;A;Réalisé;`),
      Buffer.alloc(150_000_000, ";"),
      Buffer.from("x\r\n"),
    ]),
    1,
    ["too-many-columns"],
  );
  put(
    "a 10 MB cell",
    "cellule.csv",
    `${bilan}1;1.1.1;${"a".repeat(10 * 1024 * 1024)};Réalisé\r\n`,
    1,
    ["cell-too-long"],
  );

  put(
    "cells of words of 32,000 characters",
    "mots-longs.csv",
    `Axe;Code activité;Activité;Statut;Observations\r\n${Array.from({ length: 10 }, (_, i) => `1;1.1.${i + 1};Campagne ${i + 1};Réalisé;"https://exemple.org/${i + 1}/${"a".repeat(32_000)} (lien)"\r\n`).join("")}`,
    0,
    [],
  );

  const many = new ExcelJS.Workbook();
  for (let i = 1; i <= 1000; i++) many.addWorksheet(`F${i}`).addRow(["note"]);
  put("1,000 sheets", "feuilles.xlsx", Buffer.from(await many.xlsx.writeBuffer()), 1, [
    "sheet-skipped",
    "header-not-found",
  ]);
  const claimed = `${SHEET_HEAD}<dimension ref="A1:XFD1048576"/><sheetData>${HEADER_ROW}${DATA_ROW(2)}<row r="1048576">${inline("A1048576", "fin")}</row></sheetData></worksheet>`;
  put(
    "a used range of 1,048,576 rows",
    "plage.xlsx",
    workbook({ name: "xl/worksheets/sheet1.xml", data: Buffer.from(claimed) }),
    1,
    ["missing-value", "invalid-value"],
  );
  // Under the size limit, but cells by the million: refused from a count made before any reader
  // builds them (exceljs took 4.7 GB for this one).
  const row = `<row>${"<c><v>1</v></c>".repeat(10)}</row>`;
  const inflated = await deflatedRepeat("xl/worksheets/sheet1.xml", head, row, 1_400_000, tail);
  put("a 210 MB sheet of cells in a small file", "feuille.xlsx", workbook(inflated), 1, [
    "inflated-too-large",
  ]);
  const cells = await deflatedRepeat("xl/worksheets/sheet1.xml", head, row, 600_000, tail);
  put("a 90 MB sheet of six million cells", "cellules.xlsx", workbook(cells), 1, [
    "too-many-cells",
  ]);
  put(
    "the same, its parts named with \\",
    "cellules-windows.xlsx",
    workbook({ ...cells, name: "xl\\worksheets\\sheet1.xml" }),
    1,
    ["too-many-cells"],
  );
  const merged = `${SHEET_HEAD}<sheetData>${HEADER_ROW}${DATA_ROW(2)}</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells></worksheet>`;
  put(
    "a merge over the whole sheet",
    "fusion.xlsx",
    workbook({ name: "xl/worksheets/sheet1.xml", data: Buffer.from(merged) }),
    1,
    ["too-many-cells"],
  );
  // OpenDocument repeats a row or a cell with one attribute: 17 billion cells in a few bytes.
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Bilan"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
  const text = (name: string, s: string): ZipEntry => ({ name, data: Buffer.from(s, "utf8") });
  put(
    "an OpenDocument sheet that repeats a cell 17 billion times",
    "repetition.ods",
    zip([
      text("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
      text(
        "META-INF/manifest.xml",
        `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
      ),
      text("content.xml", content),
    ]),
    1,
    ["too-many-cells"],
  );
  put(
    "a flat OpenDocument sheet that repeats a cell 17 billion times",
    "repetition.fods",
    content
      .replace("office:document-content", "office:document")
      .replace("</office:document-content>", "</office:document>"),
    1,
    ["too-many-cells"],
  );
  const span = content.replace(
    /<table:table-row .*<\/table:table-row>/,
    '<table:table-row><table:table-cell table:number-columns-spanned="1024" table:number-rows-spanned="1048575" office:value-type="string"><text:p>Axe</text:p></table:table-cell></table:table-row>',
  );
  put(
    "one OpenDocument cell merged over a whole sheet",
    "fusion.fods",
    span
      .replace("office:document-content", "office:document")
      .replace("</office:document-content>", "</office:document>"),
    1,
    ["too-many-cells"],
  );
  // Excel 97-2003 is not compressed, but 18 MB of it make a million cells: NUMBER records put
  // into the sheet of a small .xls (writing them through SheetJS takes minutes).
  const one = XLSX.write(XLSX.utils.book_new(XLSX.utils.aoa_to_sheet([["Axe"]]), "Bilan"), {
    type: "buffer",
    bookType: "biff8",
  });
  const cfb = XLSX.CFB.read(one, { type: "buffer" });
  const stream = Buffer.from(XLSX.CFB.find(cfb, "Workbook")?.content ?? []);
  const eof = stream.lastIndexOf(Buffer.from([0x0a, 0, 0, 0]));
  const numbers = Buffer.alloc(18 * 1_000_001);
  for (let i = 0; i <= 1_000_000; i++) {
    const at = i * 18;
    numbers.writeUInt16LE(0x0203, at); // NUMBER: row, column, format, value
    numbers.writeUInt16LE(14, at + 2);
    numbers.writeUInt16LE(1 + (i >> 8), at + 4);
    numbers.writeUInt16LE(i & 255, at + 6);
    numbers.writeDoubleLE(i, at + 10);
  }
  XLSX.CFB.utils.cfb_del(cfb, "Workbook");
  XLSX.CFB.utils.cfb_add(
    cfb,
    "Workbook",
    Buffer.concat([stream.subarray(0, eof), numbers, stream.subarray(eof)]),
  );
  put(
    "an .xls of a million cells",
    "cellules.xls",
    XLSX.CFB.write(cfb, { type: "buffer" }) as Buffer,
    1,
    ["too-many-cells"],
  );
  const small = XLSX.utils.aoa_to_sheet([["Axe", "Code activité"]]);
  small["!merges"] = Array.from({ length: 100 }, () => ({
    s: { r: 1, c: 0 },
    e: { r: 65_535, c: 255 },
  }));
  put(
    "an .xls with a hundred merges over the whole sheet",
    "fusions.xls",
    XLSX.write(XLSX.utils.book_new(small, "Bilan"), { type: "buffer", bookType: "biff8" }),
    1,
    ["too-many-cells"],
  );
  const formats = Array.from(
    { length: 1_000_001 },
    (_, i) => `<numFmt numFmtId="${200 + i}" formatCode="0.00%"/>`,
  ).join("");
  put(
    "a million number formats",
    "formats.xlsx",
    zip([
      ...workbookParts(),
      {
        name: "xl/worksheets/sheet1.xml",
        data: Buffer.from(`${SHEET_HEAD}<sheetData>${HEADER_ROW}</sheetData></worksheet>`),
      },
      {
        name: "xl/styles.xml",
        data: Buffer.from(
          `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts>${formats}</numFmts></styleSheet>`,
        ),
      },
    ]),
    1,
    ["too-many-cells"],
  );
  return cases;
}
