import {
  type FieldSpec,
  KIND_NAMES,
  KIND_SHEET_HINTS,
  KINDS,
  metadataFields,
  type TableKind,
  tableFields,
} from "../fields.js";
import { formatNumber } from "../i18n/format.js";
import { both } from "../i18n/index.js";
import { type Issue, issue, type Location, labelParams, type Params } from "../issues.js";
import { CURRENCY_NAMES, currencyWord, sameCurrency } from "../money.js";
import { hasProvenance, OUTPUT_COLUMNS } from "../read/outputs.js";
import type { Cell, RawRow, RawSheet } from "../read/types.js";
import { columnLetter } from "../sheet.js";
import { clean, closest, fold, foldWords } from "../text.js";
import { cellText } from "./values.js";

export { currencyWord, sameCurrency };

/**
 * Normalisation: raw cells become typed rows. This file finds the header row and the kind of
 * each sheet and maps headers to field ids; `row.ts` reads each row, `values.ts` each cell.
 */

export interface Column {
  index: number;
  letter: string;
  /** Header as read (line breaks and all). */
  header: string;
  role: "field" | "calendarYear" | "yearAmount" | "meta" | "unknown" | "blank";
  field?: FieldSpec;
  /** For `calendarYear` and `yearAmount` columns. */
  year?: number;
  /** `millions de FCFA` in the header scales the column's amounts. */
  scale: number;
  /** The unit the header names, if any: `(M FCFA)`, `(USD)`, `en milliers de FCFA`. */
  unit?: HeaderUnit;
  /**
   * A bracket group of an amount header that may be a unit atelier does not know, as written
   * (`devise locale` in `Budget prévu (devise locale)`): the amounts are read unconverted.
   */
  unknownUnit?: string;
  /**
   * An amount column in another currency than the configured one (`USD`): its values are never
   * read as amounts, each one is a `currency-mismatch` at its cell, with these params.
   */
  currencyMismatch?: Params;
}

/** A unit in a header: a multiplier, and the currency when one is written. */
export interface HeaderUnit {
  scale: number;
  /** ISO code of the currency written (`XOF` for every way of writing the CFA franc). */
  currency?: string;
  /** Where the unit sits in the header (a bracket group, or the trailing words). */
  start: number;
  end: number;
}

export interface Table {
  kind: TableKind;
  file: string;
  sheet?: string;
  headerRow: number;
  columns: Column[];
  /** Header-level problems (missing, unknown, duplicate, blank columns). */
  issues: Issue[];
  /** A required column is missing: every row of the table is rejected. */
  fatal: Issue[];
}

/** One data row, read and typed; `issues` holds its problems (rows with an error are rejected). */
export interface RecordRow {
  file: string;
  sheet?: string;
  row: number;
  /** Typed values by field id; missing values are `null`. */
  values: Record<string, unknown>;
  /** Every non-empty cell as read, by header: what `rejets.csv` shows. */
  raw: Record<string, string>;
  /** Cells under headers that match no field: kept, not checked. */
  extras: Record<string, string>;
  /** Metadata given in the row's own columns (Groupe, Session…). */
  meta: Record<string, string>;
  /** Where each field's value came from, for rules that point at a cell. */
  cells: Record<string, Column>;
  issues: Issue[];
}

const SKIPPED_SHEETS = new Set(
  [
    "instructions",
    "listes",
    "liste",
    "lists",
    "aide",
    "help",
    "notice",
    "parametres",
    "mode d'emploi",
    "lisez-moi",
    "readme",
    "consignes",
  ].map(foldWords),
);

/** Sheets that only explain or hold lists, never data. */
export function isHelperSheet(name: string | undefined): boolean {
  return name !== undefined && SKIPPED_SHEETS.has(foldWords(name));
}

export function isIdentificationSheet(name: string | undefined): boolean {
  if (name === undefined) return false;
  const key = foldWords(name);
  return ["identification", "fiche d'identification", "metadonnees", "informations"]
    .map(foldWords)
    .includes(key);
}

// --- headers -----------------------------------------------------------------------------------

/**
 * Header text reduced to its words: no case, accents, line breaks, `*`, unit in brackets, nor a
 * unit in trailing words (`Budget prévu en millions de FCFA`, `Coût USD`).
 */
export function headerKey(header: string): string {
  let key = headerKeys.get(header);
  if (key === undefined) {
    const unit = headerUnit(header);
    const bracketed = unit && (header[unit.start] === "(" || header[unit.start] === "[");
    const words = unit && !bracketed ? header.slice(0, unit.start) : header;
    key = foldWords(
      fold(words)
        .replace(/\*+\s*$/, "")
        .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
        .replace(/\b(?:en\s+)?(?:(?:millions?|milliers?)\s+(?:de\s+)?)?(?:f\s?cfa|xof)\b/g, " "),
    );
    // Bounded, as `classified` is: suggestions key every label of the registry again and again.
    // Stryker disable next-line ConditionalExpression, EqualityOperator: a memo bound; a key recomputed gives the same answer
    if (headerKeys.size < MEMO_LIMIT) headerKeys.set(header, key);
  }
  return key;
}

const headerKeys = new Map<string, string>();

/**
 * How many texts the header memos keep. Finding the header reads every cell of the first rows
 * of every file as a possible header: 40 files bring some 6,000 texts, most of them again and
 * again (statuses, amounts). A few megabytes at most, whatever a hostile file holds.
 */
const MEMO_LIMIT = 1 << 15;

// --- units -------------------------------------------------------------------------------------

/**
 * Multipliers as headers write them, folded and compact (no spaces nor dots): words, their
 * abbreviations and the numbers written after an `x` (`x 1 000`, `× 1 000 000`). `billion` is
 * left out on purpose: 10⁹ in English, 10¹² in French, it is a unit that is not guessed.
 */
const MULTIPLIERS: Record<string, number> = {
  milliards: 1e9,
  milliard: 1e9,
  mrds: 1e9,
  mrd: 1e9,
  mds: 1e9,
  md: 1e9,
  "1000000000": 1e9,
  "000000000": 1e9,
  "10^9": 1e9,
  millions: 1e6,
  million: 1e6,
  mio: 1e6,
  mn: 1e6,
  m: 1e6,
  "1000000": 1e6,
  "000000": 1e6,
  "10^6": 1e6,
  milliers: 1e3,
  millier: 1e3,
  mille: 1e3,
  thousands: 1e3,
  thousand: 1e3,
  k: 1e3,
  "1000": 1e3,
  "000": 1e3,
  "'000": 1e3,
  "10^3": 1e3,
};

/** Words that join a unit's parts: `millions de FCFA`, `FCFA, millions`, `x 1000`, `en USD`. */
const UNIT_FILLERS = [
  "de",
  "d'",
  "des",
  "en",
  "in",
  "of",
  "x",
  "×",
  "*",
  ",",
  ";",
  ":",
  "-",
  "–",
  "—",
];

interface UnitWord {
  scale?: number;
  currency?: string;
}

/** Every word a unit is made of, longest first: `fcfa` is tried before `f`, `1000000` before `1000`. */
const UNIT_WORDS: readonly [string, UnitWord][] = [
  ...Object.entries(MULTIPLIERS).map(([w, scale]): [string, UnitWord] => [w, { scale }]),
  ...Object.entries(CURRENCY_NAMES).map(([w, currency]): [string, UnitWord] => [w, { currency }]),
  ...UNIT_FILLERS.map((w): [string, UnitWord] => [w, {}]),
].sort((a, b) => b[0].length - a[0].length);

/** The unit words by their first character: a position tries only the few that may start there. */
const UNIT_WORDS_BY_FIRST = new Map<string, [string, UnitWord][]>();
for (const entry of UNIT_WORDS) {
  const first = entry[0][0] as string;
  const words = UNIT_WORDS_BY_FIRST.get(first);
  if (words) words.push(entry);
  else UNIT_WORDS_BY_FIRST.set(first, [entry]);
}

/** A unit read from a compact text, and the words it was read from (fillers left out). */
interface UnitReading {
  scale: number;
  currency?: string;
  words: string[];
}

/**
 * Reads a compact text as a unit: a sequence of known words, in any order, with at most one
 * multiplier and one currency and at least one of them (`mfcfa`, `fcfa,millions`, `x1000fcfa`,
 * `fcfax1000000`, `millionsd'euros`). Longest words first, backtracking on failure: whatever is
 * left unread makes the text no unit. At most two words carry meaning, so the search is short.
 */
function readUnit(
  s: string,
  at = 0,
  found: UnitWord = {},
  words: string[] = [],
): UnitReading | undefined {
  if (at === s.length) {
    if (found.scale === undefined && found.currency === undefined) return undefined;
    const reading: UnitReading = { scale: found.scale ?? 1, words };
    if (found.currency !== undefined) reading.currency = found.currency;
    return reading;
  }
  // Stryker disable next-line ArrayDeclaration: the texts read are folded to lower case, so no word of a stand-in list can start there
  for (const [word, meaning] of UNIT_WORDS_BY_FIRST.get(s[at] as string) ?? []) {
    if (!s.startsWith(word, at)) continue;
    if (meaning.scale !== undefined && found.scale !== undefined) continue;
    if (meaning.currency !== undefined && found.currency !== undefined) continue;
    const filler = meaning.scale === undefined && meaning.currency === undefined;
    const r = readUnit(
      s,
      at + word.length,
      { ...found, ...meaning },
      filler ? words : [...words, word],
    );
    if (r) return r;
  }
  return undefined;
}

/**
 * A unit read from its text: `M FCFA`, `MFCFA`, `millions de FCFA`, `k FCFA`, `Mds FCFA`, `XOF`,
 * `USD`, `$`, `(M)`, `en milliers`, `FCFA, millions`, `x 1 000`, `FCFA x 1 000 000`, `Naira`. In
 * trailing words (`trailing`), an abbreviation alone (`F`, `M`) is a word of the label, not a
 * unit, and a multiplier alone counts only when written out after `en` (`en milliers`).
 */
function unitOf(text: string, trailing: boolean): Omit<HeaderUnit, "start" | "end"> | undefined {
  const folded = fold(text);
  const saidEn = /^en\s/.test(folded);
  const compact = folded.replace(/^en\s+/, "").replace(/[\s.]/g, "");
  // Longer texts are sentences, not units (and the search stays short on hostile headers).
  // Stryker disable next-line StringLiteral: an empty text reads as no unit anyway
  if (compact === "" || compact.length > 40) return undefined;
  const r = readUnit(compact);
  if (!r) return undefined;
  if (trailing) {
    // Stryker disable next-line MethodExpression: without a currency the words are one multiplier, so some and every agree
    if (r.currency === undefined && !(saidEn && r.words.every((w) => /^[a-z]{4,}$/.test(w)))) {
      return undefined;
    }
    if (r.words.length === 1 && r.words[0] === "f") return undefined;
  }
  return r.currency === undefined ? { scale: r.scale } : { scale: r.scale, currency: r.currency };
}

// --- notes in brackets ---------------------------------------------------------------------------

const MONTHS =
  "janvier|janv|fevrier|fevr|fev|mars|avril|avr|mai|juin|juillet|juil|aout|septembre|sept|octobre|oct|novembre|nov|decembre|dec|january|february|march|april|may|june|july|august|september|october|november|december";

/** Dates in a folded note: `30/06/2023`, `30 juin`, `1er juillet`, `juin`. */
const NOTE_DATE = new RegExp(
  `\\b\\d{1,2}[/.-]\\d{1,2}(?:[/.-]\\d{2,4})?\\b|\\b(?:\\d{1,2}(?:er|e)?\\s+)?(?:${MONTHS})\\b`,
  "g",
);
/** Years: `2023`, and so the ranges `2018-2022`, `2023 à 2025`. */
const NOTE_YEAR = /\b(?:19|20)\d{2}\b/g;

/**
 * Words that qualify an amount without being a unit: how sure it is (`prévisionnel`, `estimé`,
 * `indicatif`), what it counts (`total`, `cumulé`, `HT`, `TTC`), where the money comes from
 * (`État`, `partenaires`, `PTF`, `budget national`), or that the cell is optional. Folded, with
 * their feminine and plural forms.
 */
const NOTE_WORDS =
  /\b(?:previsionnel|prevu|estime|estimatif|estimative|indicatif|indicative|approximatif|approximative|approx|environ|reel|effectif|effective|execute|engage|decaisse|mobilise|total|totaux|global|globaux|cumule|annuel|mensuel|trimestriel|initial|initiaux|revise|actualise|provisoire|definitif|definitive|facultatif|facultative|optionnel|obligatoire|connu|disponible|requis|renseigner|cas|echeant|ht|ttc|tva|taxe|montant|budget|cout|etat|tresor|public|publique|national|nationaux|bn|partenaire|ptf|bailleur|donateur|financement|source|ong|propre|fonds|annee|exercice|periode|phase|an|activite|action|voir|note|si|compris|inclus|dont|de|du|des|d|la|le|les|l|au|aux|en|a|et|ou|par|pour|sur|hors|avec|sans|y)(?:e|s|es|le|les|x)?\b/g;

/** Words that speak of the money itself: a note that says them is about the unit. */
const MONEY_WORDS = /\b(?:devises?|monnaies?|currency|unites?|locale?s?|change|conversion)\b/;

/**
 * What a bracket group of an amount header says: a unit, a note, or something that may be a unit
 * atelier does not know (`(devise locale)`, `(naira-like word)`), which must not pass unsaid.
 *
 * The rule: a group that reads as a unit is one. Otherwise dates (`30/06/2023`, `au 30 juin`),
 * years (`2018-2022`) and qualifying words (`prévisionnel`, `HT`, `État`, see NOTE_WORDS) are
 * taken out; what is left may then be a unit (`M FCFA, 2023`, `montants en millions`); nothing
 * left is a note; words left beside a date or a year are a note too (`PAN 2018-2022`), unless one
 * of them is a unit's word or speaks of money (`devise`, `monnaie locale`). Anything else is an
 * unknown unit: the amounts are read in the configured currency, and a warning says so.
 */
function bracketUnit(text: string): Omit<HeaderUnit, "start" | "end"> | "note" | "unknown" {
  // Stryker disable next-line BooleanLiteral: what trailing mode refuses (a multiplier or `F` alone) is read again below from the same words
  const unit = unitOf(text, false);
  if (unit) return unit;
  const folded = fold(text);
  const undated = folded.replace(NOTE_DATE, " ").replace(NOTE_YEAR, " ");
  const dated = undated !== folded;
  const rest = undated
    .replace(/[\s,;:.!?'"()/*\-–—]+/g, " ")
    .replace(NOTE_WORDS, " ")
    .trim();
  if (rest === "") return "note";
  const left = unitOf(rest, false);
  if (left) return left;
  const words = rest.split(/\s+/);
  const unitWord = words.some(
    // Stryker disable next-line StringLiteral: `rest` holds no dots any more
    (w) => w.length <= 40 && readUnit(w.replace(/\./g, "")) !== undefined,
  );
  if (dated && !unitWord && !MONEY_WORDS.test(rest)) return "note";
  return "unknown";
}

/** Bracket groups of a header: `(M FCFA)`, `[USD]`. */
const BRACKETS = /\(([^()]*)\)|\[([^[\]]*)\]/g;

/**
 * The unit a header names: in a bracket group (`Budget prévu (M FCFA)`), else in its last words
 * (`Budget prévu en millions de FCFA`, `Budget USD`).
 */
export function headerUnit(header: string): HeaderUnit | undefined {
  return readHeaderUnit(header).unit;
}

/**
 * The unit a header names, or else the first bracket group that may be a unit atelier does not
 * know (`Budget prévu (devise locale)`): `unknown`, as written. A header with a unit has no
 * unknown one: its other groups are notes beside the unit.
 */
export function readHeaderUnit(header: string): { unit?: HeaderUnit; unknown?: string } {
  let unknown: string | undefined;
  for (const m of header.matchAll(BRACKETS)) {
    // Stryker disable next-line StringLiteral: one of the two groups always matched
    const inner = m[1] ?? m[2] ?? "";
    const unit = bracketUnit(inner);
    if (unit === "note") continue;
    if (unit === "unknown") {
      unknown ??= clean(inner);
      continue;
    }
    return { unit: { ...unit, start: m.index, end: m.index + m[0].length } };
  }
  const core = header.replace(/\s*\*+\s*$/, "");
  // A unit read to its end ends with one of its words, and a unit word may run over several
  // words of the header (`dollarsus` for `dollars US`): unless the last word ends with a unit
  // word or ends one (nearly every label does neither), there is no unit in the last words,
  // which saves trying each run of them.
  const last = fold(lastWord(core)).replace(/\./g, "");
  // Stryker disable next-line BlockStatement: a shortcut; trying each run of last words gives the same answer
  if (!UNIT_WORDS.some(([word]) => last.endsWith(word) || word.endsWith(last))) {
    return unknown === undefined ? {} : { unknown };
  }
  const words = [...core.matchAll(/\S+/g)];
  // The longest run of last words that is a unit, leaving a label before it.
  for (let k = Math.min(5, words.length - 1); k >= 1; k--) {
    const first = words[words.length - k] as RegExpMatchArray;
    const start = first.index as number;
    const unit = unitOf(core.slice(start), true);
    if (unit) return { unit: { ...unit, start, end: core.length } };
  }
  return unknown === undefined ? {} : { unknown };
}

/**
 * The last word of a text, found from its end: a pattern such as `\S+(?=\s*$)` tries every
 * position of every word, which a cell of long words makes quadratic.
 */
function lastWord(text: string): string {
  let end = text.length;
  // Stryker disable next-line ConditionalExpression, LogicalOperator, EqualityOperator, Regex, UpdateOperator: the last word only feeds a shortcut, and a wrong one (empty) only makes it try the runs
  while (end > 0 && /\s/.test(text[end - 1] as string)) end--;
  let start = end;
  // Stryker disable next-line BooleanLiteral, Regex: the last word only feeds a shortcut, and a wrong one (empty) only makes it try the runs
  while (start > 0 && !/\s/.test(text[start - 1] as string)) start--;
  return text.slice(start, end);
}

function labelsOf(f: FieldSpec): string[] {
  return [f.id, f.fr, f.en, ...f.aliases];
}

const indexCache = new Map<TableKind | "meta", Map<string, FieldSpec>>();

/** Header key → field, for one kind: ids, French and English labels and aliases. */
export function headerIndex(kind: TableKind | "meta"): Map<string, FieldSpec> {
  let index = indexCache.get(kind);
  if (!index) {
    index = new Map();
    const fields = kind === "meta" ? metadataFields : tableFields(kind);
    for (const f of fields) {
      if (f.type === "yearAmounts") continue;
      for (const label of labelsOf(f)) {
        const key = headerKey(label);
        if (!index.has(key)) index.set(key, f);
      }
    }
    indexCache.set(kind, index);
  }
  return index;
}

const YEAR_AMOUNTS = KINDS.propositions.find((f) => f.type === "yearAmounts") as FieldSpec;

/**
 * A yearly cost header (`Coût 2024 (FCFA)`, `Budget année 2025`): the first word of one of the
 * field's labels, `année` if written, then the year.
 */
const YEAR_AMOUNT = (() => {
  const words = labelsOf(YEAR_AMOUNTS).map((l) => headerKey(l.replace("{year}", "")).split(" ")[0]);
  return new RegExp(`^(?:${[...new Set(words)].join("|")})\\s+(?:annee\\s+)?(\\d{4})$`);
})();

type Classified = Omit<Column, "index" | "letter" | "header">;

/**
 * Headers already classified, by kind: finding the header tries every kind on each of the first
 * twenty rows of every file, and the same headers come back file after file. Bounded, so that
 * hostile headers cannot grow it without end.
 */
const classified = new Map<TableKind, Map<string, Classified>>();

/** What one header names for a kind (shared results: never changed by callers). */
function classify(header: string, kind: TableKind): Classified {
  let known = classified.get(kind);
  if (!known) {
    known = new Map();
    classified.set(kind, known);
  }
  let c = known.get(header);
  if (!c) {
    c = classifyNow(header, kind);
    // Stryker disable next-line ConditionalExpression, EqualityOperator: a memo bound; a header classified again gives the same answer
    if (known.size < MEMO_LIMIT) known.set(header, c);
  }
  return c;
}

function classifyNow(header: string, kind: TableKind): Classified {
  // A name that starts with `_` is a form tool's own column (KoboToolbox's `_status`, `_notes`,
  // `_uuid`): never one of ours, though its words fold to ours.
  if (header.trimStart().startsWith("_")) return { role: "unknown", scale: 1 };
  const c = classifyKey(headerKey(header), kind);
  // A unit counts for amounts only: `(%)` or `(FCFA)` elsewhere is a word of the label.
  // Stryker disable next-line OptionalChaining: a `field` role always has its field
  const amount = c.role === "yearAmount" || (c.role === "field" && c.field?.type === "amount");
  if (!amount) return c;
  const { unit, unknown } = readHeaderUnit(header);
  if (unit) return { ...c, unit, scale: unit.scale };
  return unknown === undefined ? c : { ...c, unknownUnit: unknown };
}

function classifyKey(key: string, kind: TableKind): Classified {
  const scale = 1;
  if (key === "") return { role: "blank", scale };
  const field = headerIndex(kind).get(key);
  if (field) return { role: "field", field, scale };
  if (kind === "propositions") {
    if (/^\d{4}$/.test(key)) return { role: "calendarYear", year: Number(key), scale };
    const ya = YEAR_AMOUNT.exec(key);
    if (ya) return { role: "yearAmount", year: Number(ya[1]), field: YEAR_AMOUNTS, scale };
  }
  const meta = headerIndex("meta").get(key);
  if (meta) return { role: "meta", field: meta, scale };
  return { role: "unknown", scale };
}

/**
 * How well a row works as the header of a kind: distinct fields matched, required ones counting
 * double; 0 when fewer than a third of its labels are ours (an unrelated table that happens to
 * have a "Type" column is not a submission).
 */
function score(row: RawRow, kind: TableKind): number {
  const seen = new Set<string>();
  let s = 0;
  let labels = 0;
  let matched = 0;
  for (const cell of row.cells) {
    if (!cell || typeof cell.v !== "string" || cell.v.trim() === "") continue;
    labels++;
    const c = classify(cell.v, kind);
    if (c.role !== "field" && c.role !== "calendarYear" && c.role !== "yearAmount") continue;
    matched++;
    const id = c.field?.id ?? "calendrier";
    if (seen.has(id)) continue;
    seen.add(id);
    s += c.field?.required || c.role === "calendarYear" ? 2 : 1;
  }
  return matched * 3 >= labels ? s : 0;
}

export const HEADER_SCAN_ROWS = 20;

/** A header may stand on up to three rows: a group over its columns, then their own names. */
const HEADER_BLOCK_ROWS = 3;

/** Where a table starts: its kind, the last row of its header and the header as read. */
export interface FoundTable {
  kind: TableKind;
  /** Index in the sheet's rows of the header's last row: data start below it. */
  headerIndex: number;
  /** The header, one text per column; a block of rows is read as one (`headerBlock`). */
  header: RawRow;
}

/**
 * Finds the header and kind: the best-scoring of the first rows, or blocks of two or three
 * rows read as one header, for the kinds allowed. A block must score better than a single row
 * to be taken, so that a header followed by data is never read as a block. A sheet name such as
 * "Bilan" breaks ties. `undefined` when nothing looks like a header.
 */
export function detectTable(sheet: RawSheet, kinds: readonly TableKind[]): FoundTable | undefined {
  // Stryker disable next-line StringLiteral: no sheet hint is part of a stand-in text
  const hint = sheet.name ? foldWords(sheet.name) : "";
  let best: (FoundTable & { score: number }) | undefined;
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let size = 1; size <= HEADER_BLOCK_ROWS; size++) {
    for (let i = size - 1; i < limit; i++) {
      for (const kind of kinds) {
        const block = size === 1 ? undefined : headerBlock(sheet.rows, i, size, kind);
        const header = size === 1 ? sheet.rows[i] : block?.header;
        if (!header) continue;
        let s = score(header, kind);
        if (s < 3) continue;
        // Stryker disable next-line ArrayDeclaration: a stand-in hint matches no folded sheet name
        const hints = KIND_SHEET_HINTS[kind] ?? [];
        if (hints.some((h) => hint.includes(foldWords(h)))) s += 0.5;
        // A block scoring as well as its top row alone is a header only if it was merged.
        const better = !best || s > best.score || (s === best.score && block?.merged === true);
        if (better) best = { kind, headerIndex: i, header, score: s };
      }
    }
  }
  return best && { kind: best.kind, headerIndex: best.headerIndex, header: best.header };
}

/**
 * A row's cells as header texts, made once: every block of two and three rows, for every kind,
 * reads the same rows again.
 */
const blockTexts = new WeakMap<RawRow, string[]>();

function headerTexts(row: RawRow): string[] {
  let texts = blockTexts.get(row);
  if (!texts) {
    texts = Array.from(row.cells, (cell) => (cell ? clean(cellText(cell)) : ""));
    blockTexts.set(row, texts);
  }
  return texts;
}

/**
 * Rows `last - size + 1` to `last` read as one header, when they follow each other. The
 * readers give a merged cell's text to every cell it covers, so each column has its texts from
 * top to bottom (one repeated from the row above is left out: « Code activité » merged down is
 * one header). A column is named by the longest run of its lower texts that names a field of
 * the kind: « Budget (FCFA) » merged over « Prévu | Exécuté » gives « Budget (FCFA) Prévu » and
 * « Budget (FCFA) Exécuté », under a title row or not; else by all its texts. `merged` says
 * whether the rows show a merge: a text repeated down a column, or across a row over
 * different texts below.
 */
function headerBlock(
  rows: readonly RawRow[],
  last: number,
  size: number,
  kind: TableKind,
): { header: RawRow; merged: boolean } | undefined {
  const block = rows.slice(last - size + 1, last + 1);
  for (let k = 1; k < block.length; k++) {
    if ((block[k] as RawRow).row !== (block[k - 1] as RawRow).row + 1) return undefined;
  }
  const width = Math.max(...block.map((r) => r.cells.length));
  const grid = block.map((row) => {
    const texts = headerTexts(row);
    return Array.from({ length: width }, (_, col) => texts[col] ?? "");
  });
  // A group written once over its columns, not merged (centred across them, or a merged header
  // exported to CSV): its text stands over each column that has a name below it.
  for (let k = 0; k < grid.length - 1; k++) {
    const row = grid[k] as string[];
    const below = grid[k + 1] as string[];
    for (let col = 1; col < width; col++) {
      if (row[col] === "" && below[col] !== "" && row[col - 1] !== "" && below[col - 1] !== "") {
        row[col] = row[col - 1] as string;
      }
    }
  }
  const cells: RawRow["cells"] = [];
  let merged = false;
  for (let col = 0; col < width; col++) {
    const texts: string[] = [];
    for (let k = 0; k < grid.length; k++) {
      const t = (grid[k] as string[])[col] as string;
      const below = grid[k + 1];
      if (t !== "" && below && t === (grid[k] as string[])[col + 1]) {
        const under = below[col] as string;
        if (under !== "" && under !== below[col + 1]) merged = true;
      }
      if (t === "") continue;
      if (t === texts[texts.length - 1]) merged = true;
      else texts.push(t);
    }
    if (texts.length === 0) {
      cells.push(undefined);
      continue;
    }
    let name = texts.join(" ");
    for (let from = 0; from < texts.length; from++) {
      const candidate = texts.slice(from).join(" ");
      if (classify(candidate, kind).role !== "unknown") {
        name = candidate;
        break;
      }
    }
    cells.push({ v: name });
  }
  return { header: { row: (block[block.length - 1] as RawRow).row, cells }, merged };
}

/** The field whose labels come closest to an unknown header. */
function suggestHeader(header: string, kind: TableKind): FieldSpec | undefined {
  const fields = tableFields(kind);
  const candidates = fields
    .filter((f) => f.type !== "yearAmounts")
    .flatMap((f) => labelsOf(f).map((label) => ({ label, f })));
  return closest(header, candidates, (c) => headerKey(c.label))?.f;
}

/** How a table's amounts are read: the configured currency (`XOF` unless said otherwise). */
export interface TableOptions {
  currency?: string;
}

/** Builds the column map of a table from its header row, with header-level issues. */
export function buildTable(
  sheet: RawSheet,
  kind: TableKind,
  headerIndex: number,
  file: string,
  format: "csv" | "xlsx" | "xls" | "ods",
  options: TableOptions = {},
  header: RawRow = sheet.rows[headerIndex] as RawRow,
): Table {
  const currency = options.currency ?? "XOF";
  const where: Location = { file, row: header.row };
  if (sheet.name !== undefined) where.sheet = sheet.name;
  const table: Table = {
    kind,
    file,
    headerRow: header.row,
    columns: [],
    issues: [],
    fatal: [],
  };
  if (sheet.name !== undefined) table.sheet = sheet.name;
  const firstOf = new Map<string, Column>();
  // A consolidated table read back (bilan.csv): its provenance and cluster columns are atelier's
  // own, kept as read and not checked, without a word.
  const consolidated = hasProvenance(header.cells.map((c) => (c ? clean(cellText(c)) : "")));
  header.cells.forEach((cell, index) => {
    const text = cell ? clean(cellText(cell)) : "";
    const column: Column = {
      index,
      letter: columnLetter(index),
      header: text,
      ...classify(text, kind),
    };
    table.columns.push(column);
    const at = { ...where, column: column.letter, header: text };
    const ours = consolidated && OUTPUT_COLUMNS.includes(text.toLowerCase());
    if (column.role === "unknown" && !ours) {
      const suggestion = suggestHeader(text, kind);
      table.issues.push(
        issue("unknown-column", at, {
          value: text,
          params: suggestion ? { suggestion: { fr: suggestion.fr, en: suggestion.en } } : {},
        }),
      );
    }
    const unitIssue = (column.unit || column.unknownUnit) && unitProblem(column, at, currency);
    if (unitIssue) table.issues.push(unitIssue);
    const id =
      column.role === "field" || column.role === "meta"
        ? // Stryker disable next-line OptionalChaining: `field` and `meta` roles always have their field
          (column.field?.id ?? "")
        : column.role === "calendarYear" || column.role === "yearAmount"
          ? `${column.role}:${column.year}`
          : "";
    if (id === "") return;
    const first = firstOf.get(id);
    if (first) {
      table.issues.push(
        issue("duplicate-column", at, {
          field: column.field?.id ?? "calendrier",
          params: { label: text, first: first.letter },
        }),
      );
    } else {
      firstOf.set(id, column);
    }
  });
  // Data in columns with no header (XLSX) is reported once per column, never dropped unsaid.
  const dataRows = sheet.rows.slice(headerIndex + 1);
  // A loop, not Math.max(...rows): spreading a large sheet's rows overflows the call stack.
  let width = header.cells.length;
  for (const r of dataRows) if (r.cells.length > width) width = r.cells.length;
  for (let index = 0; index < width; index++) {
    const column = table.columns[index];
    if (column && column.role !== "blank") continue;
    if (!column && format === "csv") continue; // a CSV row longer than its header is extra-cell
    // Every column up to the widest row is listed, those between the table and a note set
    // beside it too: rows are read column by column.
    table.columns[index] ??= {
      index,
      letter: columnLetter(index),
      header: "",
      role: "blank",
      scale: 1,
    };
    const count = dataRows.filter((r) => hasValue(r.cells[index])).length;
    if (count === 0) continue;
    table.issues.push(
      issue("blank-header", { ...where, column: columnLetter(index) }, { params: { count } }),
    );
  }
  const fields = tableFields(kind);
  const hasYearColumns = table.columns.some((c) => c.role === "calendarYear");
  for (const f of fields) {
    if (!f.required || firstOf.has(f.id)) continue;
    if (f.type === "calendar" && hasYearColumns) continue;
    table.fatal.push(
      issue("missing-column", where, {
        field: f.id,
        params: labelParams(f),
      }),
    );
  }
  return table;
}

/**
 * What an amount column's unit asks to say, once per column: its amounts scaled (`(M FCFA)`),
 * written in another currency (`(USD)`), which marks the column so that no row reads them, or in
 * a unit atelier does not know (`(devise locale)`), read unconverted.
 */
function unitProblem(column: Column, at: Location, currency: string): Issue | undefined {
  // Stryker disable next-line OptionalChaining: only amount columns, which have their field, have a unit
  const field = column.field?.id;
  const extra = (params: Params) => (field === undefined ? { params } : { field, params });
  if (column.unknownUnit !== undefined) {
    return issue(
      "unit-unknown",
      at,
      extra({ unit: column.unknownUnit, currency: currencyWord(currency) }),
    );
  }
  const unit = column.unit as HeaderUnit;
  if (unit.currency !== undefined && !sameCurrency(unit.currency, currency)) {
    column.currencyMismatch = currencyParams(column, unit.currency, currency);
    column.scale = 1;
    return issue("currency-mismatch", at, extra(column.currencyMismatch));
  }
  if (unit.scale === 1) return undefined;
  const word = currencyWord(unit.currency ?? currency);
  return issue(
    "unit-scaled",
    at,
    extra({
      unit: both((t) => t.terms.scaledUnit(unit.scale, word)),
      factor: { fr: formatNumber(unit.scale, "fr"), en: formatNumber(unit.scale, "en") },
    }),
  );
}

/** The params of `currency-mismatch`: the header's currency, the expected one, the header to write. */
function currencyParams(column: Column, written: string, expected: string): Params {
  const unit = column.unit as HeaderUnit;
  const word = currencyWord(expected);
  const before = column.header.slice(0, unit.start).trimEnd();
  const after = column.header.slice(unit.end);
  return { currency: written, expected: word, rename: `${before} (${word})${after}` };
}

export function hasValue(cell: Cell | undefined): boolean {
  if (!cell) return false;
  if (cell.error || cell.formula !== undefined) return true;
  return cell.v !== null && !(typeof cell.v === "string" && cell.v.trim() === "");
}

/**
 * `blank-header` counted row by row, for a table built from its header alone (a CSV read as a
 * stream): the values under the header's blank columns, reported as `buildTable` reports them
 * from the whole sheet. A CSV has no column past its header (those cells are extra cells).
 */
export class BlankCells {
  private readonly columns: number[];
  private readonly counts: number[];

  constructor(table: Table) {
    this.columns = table.columns.filter((c) => c.role === "blank").map((c) => c.index);
    this.counts = this.columns.map(() => 0);
  }

  add(row: RawRow) {
    for (let k = 0; k < this.columns.length; k++) {
      if (hasValue(row.cells[this.columns[k] as number])) {
        this.counts[k] = (this.counts[k] as number) + 1;
      }
    }
  }

  /** Adds the issues to the table, after its header issues, as `buildTable` orders them. */
  report(table: Table) {
    const where: Location = { file: table.file, row: table.headerRow };
    if (table.sheet !== undefined) where.sheet = table.sheet;
    this.columns.forEach((index, k) => {
      const count = this.counts[k] as number;
      if (count === 0) return;
      table.issues.push(
        issue("blank-header", { ...where, column: columnLetter(index) }, { params: { count } }),
      );
    });
  }
}

/** Kinds a sheet may hold, for detection. */
export const SUBMISSION_KINDS: readonly TableKind[] = KIND_NAMES;
