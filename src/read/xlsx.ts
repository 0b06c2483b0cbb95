import JSZip from "jszip";
import { DEFAULT_LIMITS, type Limits } from "../config.js";
import { both } from "../i18n/index.js";
import type { Localized } from "../i18n/lang.js";
import { OUTPUT_CATEGORY } from "../model.js";
import { readChecked } from "./sheetjs.js";
import { type RawFile, refusedFile } from "./types.js";
import { guardZip, OLE, reason } from "./zip.js";

/** The fix of a workbook whose content cannot be read. */
const RESAVE = both((t) => t.terms.fix.resave);

/**
 * XLSX (and XLSM): the container checked here, the cells read by SheetJS as for .ods and .xls
 * (`readChecked`). Before SheetJS sees anything, the bytes must be a zip of sane size and cell
 * count, every XML part well formed and without DTD, and every part the workbook names present:
 * SheetJS would read what it could of a broken file without a word. A file that cannot be read
 * is never an exception: it comes back with no sheet and one `file-unreadable` issue whose reason
 * says what the file really is.
 *
 * Some valid files hold what SheetJS misreads (`\` in zip paths, ISO dates): those parts are
 * patched before it sees them.
 */
export async function readXlsx(
  data: Buffer,
  path: string,
  limits: Pick<Limits, "maxInflatedMB" | "maxCells" | "maxRows"> = DEFAULT_LIMITS,
): Promise<RawFile> {
  const unreadable = (why: Localized) =>
    refusedFile(path, "xlsx", "file-unreadable", { reason: why, fix: RESAVE });

  const notZip = sniff(data);
  if (notZip) return unreadable(notZip);
  // Before any zip library inflates anything: declared sizes, sizes that lie, cells.
  const refused = guardZip(data, path, "xlsx", limits, unreadable);
  if (refused) return refused;

  let parts: Map<string, Part>;
  try {
    parts = await readParts(data);
  } catch {
    return unreadable(reason((r) => r.zipDamaged));
  }
  // No workbook needs a DTD; one that declares entities is refused before any XML parser sees it.
  for (const [name, part] of parts) {
    if (part.xml !== undefined && /<!DOCTYPE/i.test(part.xml)) {
      return unreadable(reason((r) => r.doctype(name)));
    }
  }
  const missing = missingPart(parts);
  if (missing) return unreadable(missing);
  for (const [name, part] of parts) {
    if (part.xml !== undefined && !wellFormed(part.xml)) {
      return unreadable(reason((r) => r.badXmlIn(name)));
    }
  }

  const patched = [...parts.values()].some((p) => p.patched);
  const bytes = patched ? await rezip(parts) : data;
  const raw = await readChecked(bytes, path, "xlsx", limits, hiddenRows(parts));
  if (raw.issues.length > 0) return unreadable(reason((r) => r.structure));
  // atelier's results: marked in their properties, or known by their columns once another
  // program saved them (a copy of bilan.csv converted by LibreOffice has no such mark).
  const core = parts.get("docProps/core.xml")?.xml ?? "";
  if (new RegExp(`<(?:\\w+:)?category>\\s*${OUTPUT_CATEGORY}\\s*<`).test(core)) raw.output = true;
  return raw;
}

// --- container ---------------------------------------------------------------------------------

/** What the bytes are when they cannot be an xlsx (a zip), or `undefined` when they may be. */
function sniff(data: Buffer): Localized | undefined {
  if (data.length === 0) return reason((r) => r.empty);
  if (data[0] === 0x50 && data[1] === 0x4b) return undefined; // "PK"
  if (data.subarray(0, 4).equals(OLE)) {
    // An OLE compound file: Excel stores an encrypted xlsx in one, and legacy .xls is one.
    // Stream names are UTF-16LE in the directory.
    if (data.includes(Buffer.from("EncryptedPackage", "utf16le"))) {
      return reason((r) => r.encrypted);
    }
    if (
      data.includes(Buffer.from("Workbook", "utf16le")) ||
      data.includes(Buffer.from("Book", "utf16le"))
    ) {
      return reason((r) => r.xlsRenamed);
    }
    return reason((r) => r.ole);
  }
  if (data.subarray(0, 5).toString("latin1") === "%PDF-") return reason((r) => r.pdf);
  // UTF-16 text (a CSV saved as "Unicode text") has a BOM; anything else is read as UTF-8.
  const utf16 = data[0] === 0xff && data[1] === 0xfe ? "utf-16le" : undefined;
  const encoding = data[0] === 0xfe && data[1] === 0xff ? "utf-16be" : (utf16 ?? "utf-8");
  const head = new TextDecoder(encoding).decode(data.subarray(0, 4096)).replace(/^\uFEFF/, "");
  if (/^\s*<(!doctype html|html)/i.test(head)) return reason((r) => r.html);
  if (/^\s*<\?xml/.test(head)) {
    return /urn:schemas-microsoft-com:office:spreadsheet/.test(head)
      ? reason((r) => r.spreadsheetMl)
      : reason((r) => r.xml);
  }
  if (isText(head)) {
    return looksLikeCsv(head) ? reason((r) => r.csvRenamed) : reason((r) => r.text);
  }
  return reason((r) => r.notZip);
}

/** No control character but tab and line breaks: text, in whatever 8-bit encoding. */
function isText(head: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: binary bytes are what we look for
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(head);
}

/** Most of the first lines split by `,` `;` tab or `|` (a `#` comment line may come first). */
function looksLikeCsv(head: string): boolean {
  const lines = head
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== "")
    .slice(0, 5);
  return lines.filter((l) => /[,;\t|]/.test(l)).length * 2 > lines.length;
}

interface Part {
  /** The entry as stored (the zip may use `\` where OOXML wants `/`). */
  entry: JSZip.JSZipObject;
  /** XML text, for `.xml` and `.rels` parts. */
  xml?: string;
  /** The name or the text had to be fixed for SheetJS. */
  patched: boolean;
}

/** The zip's parts by their OOXML name, XML ones decoded and patched for SheetJS. */
async function readParts(data: Buffer): Promise<Map<string, Part>> {
  const zip = await JSZip.loadAsync(data);
  const parts = new Map<string, Part>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const name = entry.name.replace(/\\/g, "/").replace(/^\/+/, "");
    const part: Part = { entry, patched: name !== entry.name };
    if (/\.(xml|rels)$/i.test(name)) {
      const raw = await entry.async("string");
      part.xml = patchXml(raw, name);
      if (part.xml !== raw) part.patched = true;
    }
    parts.set(name, part);
  }
  return parts;
}

/**
 * Rewrites what valid files hold and SheetJS misreads, behind a cheap test so that a file that
 * needs none is passed on untouched: `t="d"` holds an ISO 8601 date that SheetJS turns into a
 * bare serial number, a date no more. As a string (`t="str"`) it reaches atelier's date parser.
 */
function patchXml(xml: string, name: string): string {
  const out = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (/^xl\/worksheets\/[^/]+\.xml$/.test(name) && out.includes('t="d"')) {
    return out.replace(/(<c\b[^>]*\bt=")d("[^>]*>)/g, "$1str$2");
  }
  return out;
}

/** The worksheet parts, in the workbook's order of sheets (chart sheets included). */
function sheetParts(parts: Map<string, Part>): string[] {
  const targets = new Map<string, string>();
  const rels = parts.get("xl/_rels/workbook.xml.rels")?.xml ?? "";
  for (const [rel] of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(rel)?.[1];
    const target = /\bTarget="([^"]*)"/.exec(rel)?.[1];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const workbook = parts.get("xl/workbook.xml")?.xml ?? "";
  return [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map(
    ([tag]) => targets.get(/\b\w+:id="([^"]*)"/.exec(tag)?.[1] ?? "") ?? "",
  );
}

/** The rows each sheet hides (`<row r="5" hidden="1">`), by sheet in the workbook's order. */
function hiddenRows(parts: Map<string, Part>): Set<number>[] {
  return sheetParts(parts).map((part) => {
    const hidden = new Set<number>();
    let row = 0;
    for (const [, attrs] of (parts.get(part)?.xml ?? "").matchAll(/<(?:\w+:)?row\b([^>]*)>/g)) {
      const r = /\br="(\d+)"/.exec(attrs ?? "")?.[1];
      row = r === undefined ? row + 1 : Number(r);
      if (/\bhidden="(?:1|true)"/.test(attrs ?? "")) hidden.add(row);
    }
    return hidden;
  });
}

/** A part that the workbook needs and the zip lacks, or other xlsx look-alikes. */
function missingPart(parts: Map<string, Part>): Localized | undefined {
  if (!parts.has("xl/workbook.xml")) {
    if (parts.has("mimetype") && parts.has("content.xml")) {
      return reason((r) => r.odsRenamed);
    }
    if (parts.has("word/document.xml")) return reason((r) => r.word);
    if (parts.has("ppt/presentation.xml")) return reason((r) => r.powerpoint);
    if (parts.has("xl/workbook.bin")) {
      return reason((r) => r.xlsb);
    }
    if (![...parts.keys()].some((name) => name.startsWith("xl/"))) {
      return reason((r) => r.noWorkbook);
    }
    return reason((r) => r.missingPart("xl/workbook.xml"));
  }
  // A worksheet whose part is absent would be dropped without a word.
  for (const part of sheetParts(parts)) {
    if (part !== "" && !parts.has(part)) return reason((r) => r.missingPart(part));
  }
  return undefined;
}

/** The zip again with the fixed names and texts. */
async function rezip(parts: Map<string, Part>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, part] of parts) {
    zip.file(name, part.xml ?? (await part.entry.async("uint8array")));
  }
  // Stored, not compressed: it is read once, at once.
  return zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
}

/** A light check: one root element, tags balanced, no text outside the root. */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  let seenRoot = false;
  let last = 0;
  const token =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>|<(\/?)([^\s/>]+)[^>]*?(\/?)>/g;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    if (stack.length === 0 && xml.slice(last, m.index).trim() !== "") return false;
    last = token.lastIndex;
    const [, close, tag, selfClosing] = m;
    if (tag === undefined) continue;
    if (close) {
      if (stack.pop() !== tag) return false;
    } else if (!selfClosing) {
      if (stack.length === 0 && seenRoot) return false;
      stack.push(tag);
      seenRoot = true;
    } else if (stack.length === 0) {
      if (seenRoot) return false;
      seenRoot = true;
    }
  }
  return seenRoot && stack.length === 0 && xml.slice(last).trim() === "";
}
