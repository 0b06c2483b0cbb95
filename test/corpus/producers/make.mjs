/**
 * Writes the workbooks of this folder made by exceljs, by hand (zips whose every part is written
 * here) and by LibreOffice. Run from the project root after `npm run build` (the template comes
 * from `dist/bin.js`) and after `make.py`, which it calls back to fill the template:
 *
 *     node test/corpus/producers/make.mjs
 *
 * Hand-built zips carry a fixed date on every entry; LibreOffice stamps its own dates.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import JSZip from "jszip";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..", "..");
const PYTHON = "/usr/bin/python3";
const DATE = new Date(Date.UTC(2023, 6, 18, 9, 0, 0));

const HEADER = [
  "Axe",
  "Code activité",
  "Activité",
  "Statut",
  "Taux de réalisation (%)",
  "Budget prévu (FCFA)",
  "Budget exécuté (FCFA)",
];

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function xmlText(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function column(i) {
  return String.fromCharCode(65 + i);
}

// --- exceljs --------------------------------------------------------------------------------------

async function exceljs() {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Secrétariat de l'atelier";
  wb.lastModifiedBy = "Secrétariat de l'atelier";
  wb.created = DATE;
  wb.modified = DATE;
  const ident = wb.addWorksheet("Identification");
  ident.getCell("A1").value = "Identification";
  const values = [
    ["Groupe de travail", "GT 5"],
    ["Session", "J1"],
    ["Structure", "Office central de lutte contre la traite"],
    ["Rapporteur", "Commissaire principal"],
    ["Date", new Date(Date.UTC(2023, 6, 18))],
  ];
  values.forEach(([label, value], i) => {
    ident.getCell(`A${i + 3}`).value = label;
    ident.getCell(`B${i + 3}`).value = value;
  });
  ident.getCell("B7").numFmt = "dd/mm/yyyy";
  const ws = wb.addWorksheet("Bilan", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(HEADER).font = { bold: true };
  const rows = [
    [
      "3",
      "3.1.1",
      "Former les magistrats et les officiers de police judiciaire",
      "Réalisé",
      1,
      15000000,
      14800000,
    ],
    ["3", "3.2.1", "Démanteler les réseaux de trafiquants", "En cours", 0.5, 9000000, 4500000],
    ["3", "3.2.2", "Renforcer la coopération judiciaire régionale", "Non réalisé", 0, 5000000, 0],
  ];
  for (const values of rows) {
    const row = ws.addRow(values);
    row.getCell(5).numFmt = "0%";
    row.getCell(6).numFmt = '#,##0 "FCFA"';
    row.getCell(7).numFmt = '#,##0 "FCFA"';
    row.getCell(4).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: ['"Réalisé,Partiellement réalisé,En cours,Non réalisé,Abandonné"'],
    };
  }
  ws.getColumn(3).width = 50;
  await wb.xlsx.writeFile(join(HERE, "exceljs.xlsx"));
}

// --- hand-built zips ------------------------------------------------------------------------------

/** A zip of the given parts, every entry dated `DATE` (jszip writes it in UTC), no folder entries. */
async function zip(name, parts) {
  const z = new JSZip();
  for (const [path, text] of Object.entries(parts))
    z.file(path, text, { date: DATE, createFolders: false });
  const bytes = await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  writeFileSync(join(HERE, name), bytes);
}

function contentTypes(overrides) {
  const parts = overrides
    .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
    .join("");
  return `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${parts}</Types>`;
}

const TYPE = {
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  sheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  strings: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  core: "application/vnd.openxmlformats-package.core-properties+xml",
};

function rels(list) {
  const items = list
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`)
    .join("");
  return `${XML}<Relationships xmlns="${NS_PKG_R}">${items}</Relationships>`;
}

const REL = {
  document: `${NS_R}/officeDocument`,
  sheet: `${NS_R}/worksheet`,
  styles: `${NS_R}/styles`,
  strings: `${NS_R}/sharedStrings`,
  drawing: `${NS_R}/drawing`,
  core: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
};

function workbook(sheets, pr = "<workbookPr/>") {
  const list = sheets
    .map((s, i) => `<sheet name="${xmlText(s)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("");
  return `${XML}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}">${pr}<sheets>${list}</sheets><calcPr calcId="0"/></workbook>`;
}

/**
 * Styles: 0 general, 1 bold, 2 percent (custom 164, `0%`), 3 thousands (custom 165, `#,##0`).
 * Custom ids, as Google Sheets writes even the formats Excel has built in.
 */
const STYLES = `${XML}<styleSheet xmlns="${NS_MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="0%"/><numFmt numFmtId="165" formatCode="#,##0"/></numFmts><fonts count="2"><font><sz val="10"/><color rgb="FF000000"/><name val="Arial"/><scheme val="minor"/></font><font><b/><sz val="10"/><color rgb="FF000000"/><name val="Arial"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="lightGray"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf borderId="0" fillId="0" fontId="0" numFmtId="0" applyAlignment="1" applyFont="1"/></cellStyleXfs><cellXfs count="4"><xf borderId="0" fillId="0" fontId="0" numFmtId="0" xfId="0" applyAlignment="1" applyFont="1"/><xf borderId="0" fillId="0" fontId="1" numFmtId="0" xfId="0" applyAlignment="1" applyFont="1"/><xf borderId="0" fillId="0" fontId="0" numFmtId="164" xfId="0" applyAlignment="1" applyFont="1" applyNumberFormat="1"/><xf borderId="0" fillId="0" fontId="0" numFmtId="165" xfId="0" applyAlignment="1" applyFont="1" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle xfId="0" name="Normal" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>`;

/** A sheet of `<row>` elements, each a list of `<c>` strings written by `cells`. */
function sheet(rows, tail = "") {
  const body = rows.map((cells, r) => `<row r="${r + 1}">${cells.join("")}</row>`).join("");
  return `${XML}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr customHeight="1" defaultColWidth="12.63" defaultRowHeight="15.75"/><sheetData>${body}</sheetData>${tail}</worksheet>`;
}

/**
 * Google Sheets' export: no `docProps/` at all; styles with custom number formats; every text in
 * shared strings; an empty drawing per sheet; styled empty cells past the data.
 */
async function googleSheets() {
  const rows = [
    HEADER,
    ["1", "1.1.1", "Sensibiliser les communautés frontalières", "Réalisé", 1, 12000000, 12000000],
    [
      "1",
      "1.2.1",
      "Produire des spots radio en langues nationales",
      "Partiellement réalisé",
      0.75,
      7500000,
      5000000,
    ],
    [
      "2",
      "2.1.1",
      "Prendre en charge les victimes dans les centres d'accueil",
      "En cours",
      0.3,
      25000000,
      7000000,
    ],
  ];
  const strings = [];
  const index = (text) => {
    const i = strings.indexOf(text);
    if (i >= 0) return i;
    strings.push(text);
    return strings.length - 1;
  };
  const cells = rows.map((values, r) => {
    const out = values.map((v, c) => {
      const ref = `${column(c)}${r + 1}`;
      if (typeof v === "string")
        return `<c r="${ref}" s="${r === 0 ? 1 : 0}" t="s"><v>${index(v)}</v></c>`;
      return `<c r="${ref}" s="${c === 4 ? 2 : 3}"><v>${v}</v></c>`;
    });
    // Google Sheets writes the styled cells of the grid past the data, empty.
    out.push(`<c r="H${r + 1}" s="${r === 0 ? 1 : 0}"/>`);
    return out;
  });
  const sst = `${XML}<sst xmlns="${NS_MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${xmlText(s)}</t></si>`).join("")}</sst>`;
  await zip("google-sheets-like.xlsx", {
    "[Content_Types].xml": contentTypes([
      ["/xl/workbook.xml", TYPE.workbook],
      ["/xl/styles.xml", TYPE.styles],
      ["/xl/sharedStrings.xml", TYPE.strings],
      ["/xl/worksheets/sheet1.xml", TYPE.sheet],
      ["/xl/drawings/drawing1.xml", TYPE.drawing],
    ]),
    "_rels/.rels": rels([["rId1", REL.document, "xl/workbook.xml"]]),
    "xl/workbook.xml": workbook(["Bilan"]),
    "xl/_rels/workbook.xml.rels": rels([
      ["rId1", REL.sheet, "worksheets/sheet1.xml"],
      ["rId2", REL.styles, "styles.xml"],
      ["rId3", REL.strings, "sharedStrings.xml"],
    ]),
    "xl/styles.xml": STYLES,
    "xl/sharedStrings.xml": sst,
    "xl/worksheets/sheet1.xml": sheet(cells, '<drawing r:id="rId1"/>'),
    "xl/worksheets/_rels/sheet1.xml.rels": rels([
      ["rId1", REL.drawing, "../drawings/drawing1.xml"],
    ]),
    "xl/drawings/drawing1.xml": `${XML}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_R}"/>`,
  });
}

/** A cell written inline: `<c t="inlineStr"><is><t>…</t></is></c>`, or a number. */
function inlineCell(ref, v, style) {
  if (typeof v === "string") {
    const space = /^\s|\s$/.test(v) ? ' xml:space="preserve"' : "";
    return `<c r="${ref}" t="inlineStr"><is><t${space}>${xmlText(v)}</t></is></c>`;
  }
  return `<c r="${ref}"${style ? ` s="${style}"` : ""}><v>${v}</v></c>`;
}

/** The parts every hand-built workbook of one sheet needs, with the sheet's XML. */
function oneSheet(name, sheetXml, extra = {}) {
  return {
    "[Content_Types].xml": contentTypes([
      ["/xl/workbook.xml", TYPE.workbook],
      ["/xl/styles.xml", TYPE.styles],
      ["/xl/worksheets/sheet1.xml", TYPE.sheet],
      ...(extra.core ? [["/docProps/core.xml", TYPE.core]] : []),
    ]),
    "_rels/.rels": rels([
      ["rId1", REL.document, "xl/workbook.xml"],
      ...(extra.core ? [["rId2", REL.core, "docProps/core.xml"]] : []),
    ]),
    "xl/workbook.xml": workbook([name]),
    "xl/_rels/workbook.xml.rels": rels([
      ["rId1", REL.sheet, "worksheets/sheet1.xml"],
      ["rId2", REL.styles, "styles.xml"],
    ]),
    "xl/styles.xml": STYLES,
    "xl/worksheets/sheet1.xml": sheetXml,
    ...(extra.core ? { "docProps/core.xml": extra.core } : {}),
  };
}

/** Strings written inline (no shared strings part), one of them rich text, one with spaces kept. */
async function inlineStrings() {
  const rows = [
    HEADER.map((h, c) => inlineCell(`${column(c)}1`, h)),
    [
      inlineCell("A2", "3"),
      inlineCell("B2", "3.1.1"),
      // A run in bold inside the text: one string once read.
      '<c r="C2" t="inlineStr"><is><r><t xml:space="preserve">Former les </t></r><r><rPr><b/></rPr><t>magistrats</t></r><r><t xml:space="preserve"> et les greffiers</t></r></is></c>',
      inlineCell("D2", "Réalisé "),
      inlineCell("E2", 95),
      inlineCell("F2", 15000000, 3),
      inlineCell("G2", 14000000, 3),
    ],
    ["3", "3.1.3", "Créer un pôle judiciaire spécialisé", "Non réalisé", 0, 20000000, 0].map(
      (v, c) => inlineCell(`${column(c)}3`, v, c >= 5 ? 3 : undefined),
    ),
  ];
  await zip("inline-strings.xlsx", oneSheet("Bilan", sheet(rows)));
}

/** One formula shared down G2:G4, each cell with its cached value, as Excel writes it. */
async function sharedFormulas() {
  const data = [
    [
      "2",
      "2.1.1",
      "Prendre en charge les victimes dans les centres d'accueil",
      "Partiellement réalisé",
      80,
      25000000,
      20000000,
    ],
    [
      "2",
      "2.1.2",
      "Assurer le retour et la réinsertion des victimes",
      "En cours",
      35,
      18000000,
      6300000,
    ],
    ["2", "2.2.1", "Former les travailleurs sociaux", "Non réalisé", 0, 6000000, 0],
  ];
  const rows = [
    HEADER.map((h, c) => inlineCell(`${column(c)}1`, h)),
    ...data.map((values, i) => {
      const r = i + 2;
      const cells = values
        .slice(0, 6)
        .map((v, c) => inlineCell(`${column(c)}${r}`, v, c === 5 ? 3 : undefined));
      const f =
        i === 0 ? '<f t="shared" ref="G2:G4" si="0">F2*E2/100</f>' : '<f t="shared" si="0"/>';
      cells.push(`<c r="G${r}" s="3">${f}<v>${values[6]}</v></c>`);
      return cells;
    }),
  ];
  await zip("shared-formulas.xlsx", oneSheet("Bilan", sheet(rows)));
}

/** Core properties, but no `docProps/app.xml`: what several web exporters write. */
async function noAppXml() {
  const core = `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Secrétariat de l'atelier</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2023-07-18T09:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2023-07-18T09:00:00Z</dcterms:modified></cp:coreProperties>`;
  const rows = [
    HEADER.map((h, c) => inlineCell(`${column(c)}1`, h)),
    [
      "4",
      "4.1.1",
      "Tenir les réunions trimestrielles du comité national",
      "Réalisé",
      1,
      4000000,
      3900000,
    ].map((v, c) => inlineCell(`${column(c)}2`, v, c === 4 ? 2 : c >= 5 ? 3 : undefined)),
    [
      "4",
      "4.2.2",
      "Harmoniser les outils de collecte des données",
      "En cours",
      0.2,
      3000000,
      500000,
    ].map((v, c) => inlineCell(`${column(c)}3`, v, c === 4 ? 2 : c >= 5 ? 3 : undefined)),
  ];
  await zip("no-app-xml.xlsx", oneSheet("Bilan", sheet(rows), { core }));
}

// --- LibreOffice ----------------------------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), "producers-"));
const profile = join(work, "profile");

function soffice(args) {
  execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", ...args], {
    stdio: "ignore",
    timeout: 120_000,
  });
}

function atelier(args) {
  execFileSync("node", [join(ROOT, "dist", "bin.js"), ...args], { stdio: "ignore" });
}

/** atelier's bilan template, filled by openpyxl, saved again by LibreOffice. */
function libreOfficeTemplate() {
  const dir = join(work, "template");
  mkdirSync(dir);
  const template = join(dir, "modele.xlsx");
  atelier(["template", "--kind", "bilan", "--groupe", "GT 4", "--session", "J2", "-o", template]);
  const filled = join(dir, "groupe-4.xlsx");
  execFileSync(PYTHON, [join(HERE, "make.py"), "fill", template, filled], { stdio: "inherit" });
  const outdir = join(dir, "out");
  soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, filled]);
  writeFileSync(
    join(HERE, "libreoffice-template.xlsx"),
    readFileSync(join(outdir, "groupe-4.xlsx")),
  );
}

/** atelier's bilan CSV template with rows added, converted to xlsx by LibreOffice. */
function libreOfficeCsv() {
  const dir = join(work, "csv");
  mkdirSync(dir);
  atelier(["template", "--kind", "bilan", "--format", "csv", "-o", dir]);
  const header = readFileSync(join(dir, "bilan.csv"), "utf8");
  const rows = [
    [
      "Axe 1 – Prévention",
      "1.1.1",
      "Sensibiliser les communautés frontalières",
      "",
      "",
      "",
      "",
      "Réalisé",
      "100",
      "12000000",
      "11800000",
      "Budget national",
      "",
      "",
      "",
    ],
    [
      "Axe 1 – Prévention",
      "1.1.2",
      "Former les leaders religieux et coutumiers",
      "",
      "",
      "",
      "",
      "Partiellement réalisé",
      "40%",
      "8000000",
      "3200000",
      "",
      "Retard de décaissement",
      "",
      "",
    ],
    [
      "Axe 1 – Prévention",
      "1.3.1",
      "Créer des clubs scolaires de vigilance",
      "",
      "",
      "",
      "",
      "En cours",
      "25",
      "",
      "",
      "",
      "",
      "Oui",
      "",
    ],
  ];
  // LibreOffice names the sheet after the file: the group saved its CSV as Bilan.csv.
  const csv = join(dir, "Bilan.csv");
  writeFileSync(csv, header + rows.map((r) => `${r.join(";")}\r\n`).join(""));
  const outdir = join(dir, "out");
  // `;` separated, `"` quoted, UTF-8, from line 1.
  soffice([
    "--infilter=CSV:59,34,76,1",
    "--convert-to",
    "xlsx:Calc MS Excel 2007 XML",
    "--outdir",
    outdir,
    csv,
  ]);
  writeFileSync(join(HERE, "libreoffice-csv.xlsx"), readFileSync(join(outdir, "Bilan.xlsx")));
}

try {
  await exceljs();
  await googleSheets();
  await noAppXml();
  await inlineStrings();
  await sharedFormulas();
  libreOfficeTemplate();
  libreOfficeCsv();
} finally {
  rmSync(work, { recursive: true, force: true });
}
