import type { Axis } from "../config.js";
import type { EnumValue, FieldSpec, FieldType, ValueTypes } from "../fields.js";
import { both } from "../i18n/index.js";
import type { Localized } from "../i18n/lang.js";
import type { IssueCode, Params } from "../issues.js";
import type { Cell } from "../read/types.js";
import { clean, closest, fold, foldWords } from "../text.js";

/**
 * Value parsers: one per field type, each total (a value, `null` for empty, or a problem).
 * They read values as people type them in French Excel: `1 500 000 FCFA`, `12,5 %`, `31/12/2022`,
 * `Axe 2`, `Réalisé`, `2023 à 2025`. Nothing is guessed silently: an ambiguous `1.500` is a problem.
 */

export type Parsed<T> =
  | { value: T | null; problem?: undefined }
  | { value?: undefined; problem: { code: IssueCode; params: Params } };

export interface ParseContext {
  /** Axes the row is read against (the review's for bilan and constats, the plan's otherwise). */
  axes: readonly Axis[];
  /** Years of the planned period, for calendars. */
  period: { from: number; to: number };
  /** Extra enum synonyms from the configuration, by field id then value id. */
  synonyms: Record<string, Record<string, string[]>>;
  /** Multiplier from the header unit (`millions de FCFA` → 1e6). */
  scale: number;
}

type Parser<T extends FieldType> = (
  cell: Cell,
  field: FieldSpec,
  ctx: ParseContext,
) => Parsed<ValueTypes[T]>;

/** Texts that mean "nothing here". */
const EMPTY_MARKERS = new Set([
  "",
  "-",
  "--",
  "—",
  "–",
  "/",
  "n/a",
  "na",
  "nd",
  "nr",
  "neant",
  "\\n",
]);

/**
 * Folding keeps ASCII digits and letters (lower-cased): a text with one that no marker has
 * (`n/a`, `neant`, `nd`, `nr` use only a d e n r t) is not a marker, and is not folded. Almost
 * every cell is ruled out here; folding (NFD and eight replacements) was a tenth of the time.
 */
const NOT_A_MARKER = /[0-9b-cf-mo-qsu-z]/i;

export function isEmptyText(text: string): boolean {
  // The longest marker, `néant.`, has six characters: longer text is never folded here.
  if (text.length > 12 && text.trim().length > 6) return false;
  if (NOT_A_MARKER.test(text)) return false;
  return EMPTY_MARKERS.has(fold(text).replace(/\.$/, ""));
}

/**
 * Text that `clean` leaves as it is: printable ASCII, Latin-1, œ, typographic punctuation and €,
 * single spaces between words. It is NFC already (none of these characters composes with
 * another) and holds no control character nor odd space, so the normalisation is skipped.
 */
const CLEAN_AS_IS =
  /^[\x21-\x7e\xa1-\xff\u0152\u0153\u2010-\u2027\u20ac]+(?: [\x21-\x7e\xa1-\xff\u0152\u0153\u2010-\u2027\u20ac]+)*$/;

/** `clean`, without its cost for text that it would not change. */
export function tidy(text: string): string {
  return CLEAN_AS_IS.test(text) ? text : clean(text);
}

function problem(code: IssueCode, params: Params = {}) {
  return { problem: { code, params } };
}

/** What a cell should have held, in both languages. */
type Expected = Localized;

function typeError(expected: Expected) {
  return problem("type-error", { expected });
}

const AMOUNT = both((t) => t.terms.expected.amount);
const PERCENT = both((t) => t.terms.expected.percent);
const CODE = both((t) => t.terms.expected.code);
const YEARS = both((t) => t.terms.expected.years);
const DATE = both((t) => t.terms.expected.date);

/** The cell as text, for text-like fields and for messages. */
export function cellText(cell: Cell | undefined): string {
  if (!cell || cell.v === null) return cell?.error ?? "";
  const v = cell.v;
  if (v instanceof Date) return isoDate(v);
  if (typeof v === "number") return cell.percent ? `${round(v * 100)} %` : String(round(v));
  if (typeof v === "boolean") return v ? "VRAI" : "FAUX";
  return v;
}

function round(n: number): number {
  // An integer of up to twelve digits is its own rounding (`+ 0` turns -0 into 0, as parsing
  // the text does): most numbers, and toPrecision is slow.
  if (Number.isInteger(n) && n < 1e12 && n > -1e12) return n + 0;
  // Binary floats from spreadsheets (274.65999999999997) are shown as people typed them.
  return Number.parseFloat(n.toPrecision(12));
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

// --- numbers -----------------------------------------------------------------------------------

const PLAIN_NUMBER = /^(?:\d+|\d{1,3}(?: \d{3})+)$/;

/** The value of a PLAIN_NUMBER text: summed digit by digit while that is exact (15 digits). */
function plainNumber(input: string, expected: Expected): Parsed<number> {
  if (input.length > 15) {
    const n = Number(input.replace(/ /g, ""));
    return Number.isFinite(n) ? { value: n } : typeError(expected);
  }
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c !== 0x20) n = n * 10 + (c - 0x30);
  }
  return { value: n };
}

const CURRENCY =
  /^(?:f\s?cfa|fcfa|cfa|xof|f|francs?(?: cfa)?)\.?\s*|\s*(?:f\s?cfa|fcfa|cfa|xof|f|francs?(?: cfa)?)\.?$/i;

/**
 * Parses a number typed as text in a French or English habit. Spaces (also non-breaking) group
 * thousands; with both `.` and `,` the last one is the decimal mark; repeated marks group
 * thousands; a single mark followed by exactly three digits is ambiguous (`1.500`).
 */
export function parseNumberText(
  input: string,
  expected: Expected,
): Parsed<number> | { ambiguous: { asThousands: string; asDecimal: string } } {
  // Digits, maybe grouped by threes with plain spaces (`1500000`, `1 500 000`): what most cells
  // hold, read as the general path below would read them.
  if (PLAIN_NUMBER.test(input)) return plainNumber(input, expected);
  let s = clean(input);
  s = s.replace(CURRENCY, "").trim();
  let sign = 1;
  if (/^[-−]/.test(s)) {
    sign = -1;
    s = s.slice(1).trim();
  } else if (s.startsWith("+")) {
    s = s.slice(1).trim();
  }
  if (!/^[\d.,\s]+$/.test(s) || !/\d/.test(s)) return typeError(expected);
  if (/\s/.test(s)) {
    // Spaces only between groups of three digits: `1 500 000`, `1 500 000,50`.
    if (!/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(s)) return typeError(expected);
    s = s.replace(/ /g, "");
  }
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let normalised: string;
  if (dots > 0 && commas > 0) {
    const decimal = s.lastIndexOf(".") > s.lastIndexOf(",") ? "." : ",";
    const group = decimal === "." ? "," : ".";
    const [intPart = "", decPart = ""] = s.split(decimal);
    if (s.split(decimal).length !== 2 || !groupedOk(intPart, group)) return typeError(expected);
    normalised = `${intPart.split(group).join("")}.${decPart}`;
  } else if (dots + commas > 1) {
    const mark = dots > 0 ? "." : ",";
    if (!groupedOk(s, mark)) return typeError(expected);
    normalised = s.split(mark).join("");
  } else if (dots + commas === 1) {
    const mark = dots > 0 ? "." : ",";
    const [intPart = "", decPart = ""] = s.split(mark);
    if (intPart === "" || decPart === "") return typeError(expected);
    if (decPart.length === 3 && intPart !== "0" && intPart.length <= 3) {
      return {
        ambiguous: {
          asThousands: `${intPart}${decPart}`,
          asDecimal: `${intPart},${decPart.replace(/0+$/, "") || "0"}`,
        },
      };
    }
    normalised = `${intPart}.${decPart}`;
  } else {
    normalised = s;
  }
  const n = Number(normalised);
  if (!Number.isFinite(n)) return typeError(expected);
  return { value: sign * n };
}

function groupedOk(s: string, mark: string): boolean {
  const groups = s.split(mark);
  return /^\d{1,3}$/.test(groups[0] ?? "") && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

function numberFrom(cell: Cell, expected: Expected, percentCell: boolean): Parsed<number> {
  const v = cell.v;
  if (typeof v === "number") return { value: percentCell && cell.percent ? v * 100 : v };
  if (typeof v !== "string") return typeError(expected);
  let text = v;
  if (percentCell) text = text.replace(/\s*%$/, "");
  const r = parseNumberText(text, expected);
  if ("ambiguous" in r) return problem("ambiguous-number", r.ambiguous);
  return r;
}

// --- the parsers, one per field type ---------------------------------------------------------

const text: Parser<"text"> = (cell) => {
  const t = tidy(cellText(cell));
  return { value: t === "" ? null : t };
};

const PLAIN_CODE = /^\d+(?:\.\d+)*$/;

/** Activity codes: digits (or letters) separated by dots, `1.2.3`; a trailing dot is dropped. */
const code: Parser<"code"> = (cell) => {
  // A code as plans write it (`2.1.3`) is kept as it is, which the general path also does.
  if (typeof cell.v === "string" && PLAIN_CODE.test(cell.v)) return { value: cell.v };
  if (cell.v instanceof Date) return typeError(CODE);
  const t = clean(cellText(cell))
    .replace(/\s*\.\s*/g, ".")
    .replace(/\.$/, "");
  if (/^[\p{L}\p{N}]+([.\-/][\p{L}\p{N}]+)*$/u.test(t)) return { value: t };
  return typeError(CODE);
};

const amount: Parser<"amount"> = (cell, _field, ctx) => {
  const r = numberFrom(cell, AMOUNT, false);
  if (r.value === undefined || r.value === null || ctx.scale === 1) return r;
  return { value: Math.round(r.value * ctx.scale * 100) / 100 };
};

const percent: Parser<"percent"> = (cell) => {
  const r = numberFrom(cell, PERCENT, true);
  return r.value === undefined || r.value === null ? r : { value: round(r.value) };
};

const YES_NO = both((t) => t.terms.yesNo);
const YES = new Set(["oui", "o", "x", "yes", "y", "1", "vrai", "true", "✓", "✔", "ok"]);
const NO = new Set(["non", "n", "no", "0", "faux", "false"]);

const bool: Parser<"bool"> = (cell) => {
  if (typeof cell.v === "boolean") return { value: cell.v };
  const t = foldWords(cellText(cell)) || clean(cellText(cell));
  if (YES.has(t)) return { value: true };
  if (NO.has(t)) return { value: false };
  return problem("invalid-value", { allowed: YES_NO, suggestion: "" });
};

function enumKeys(v: EnumValue, extra: readonly string[] = []): string[] {
  return [v.id, v.fr, v.en, ...(v.synonyms ?? []), ...extra].map(foldWords);
}

// Folded label → id, built once per field and synonym set: folding every label for every cell
// was most of the time spent reading large files.
const enumIndexes = new WeakMap<object, WeakMap<FieldSpec, Map<string, string>>>();

function enumIndex(field: FieldSpec, synonyms: ParseContext["synonyms"]): Map<string, string> {
  let byField = enumIndexes.get(synonyms);
  if (!byField) {
    byField = new WeakMap();
    enumIndexes.set(synonyms, byField);
  }
  let index = byField.get(field);
  if (!index) {
    index = new Map();
    const extra = synonyms[field.id] ?? {};
    for (const v of field.values ?? []) {
      for (const key of enumKeys(v, extra[v.id])) if (!index.has(key)) index.set(key, v.id);
    }
    byField.set(field, index);
  }
  return index;
}

const enumeration: Parser<"enum"> = (cell, field, ctx) => {
  const values = field.values ?? [];
  const found = enumIndex(field, ctx.synonyms).get(foldWords(cellText(cell)));
  if (found !== undefined) return { value: found };
  const extra = ctx.synonyms[field.id] ?? {};
  const near = closest(
    cellText(cell),
    values.flatMap((v) => enumKeys(v, extra[v.id]).map((k) => ({ k, v }))),
    (c) => c.k,
  );
  return problem("invalid-value", {
    allowed: { fr: values.map((v) => v.fr).join(", "), en: values.map((v) => v.en).join(", ") },
    suggestion: near ? both((t, lang) => t.terms.didYouMean(near.v[lang])) : "",
  });
};

const axisIndexes = new WeakMap<readonly Axis[], Map<string, string>>();

function axisIndex(axes: readonly Axis[]): Map<string, string> {
  let index = axisIndexes.get(axes);
  if (!index) {
    index = new Map();
    for (const a of axes) {
      for (const name of [a.code, a.fr, a.en, ...a.aliases]) {
        const key = foldWords(name);
        if (!index.has(key)) index.set(key, a.code);
      }
    }
    axisIndexes.set(axes, index);
  }
  return index;
}

const axis: Parser<"axis"> = (cell, _field, ctx) => {
  const raw = cellText(cell);
  const key = foldWords(raw);
  const named = axisIndex(ctx.axes).get(key);
  if (named !== undefined) return { value: named };
  const number = /^(?:axe|axis)?\s*(?:n ?o?\s*)?(\d{1,2})(?:\s|$)/.exec(key)?.[1];
  const numbered = ctx.axes.find((a) => number !== undefined && Number(number) === a.number);
  if (numbered) return { value: numbered.code };
  // `Axe 2 : Protection…` with the number missing or wrong is an error; a label prefix is not.
  if (number === undefined) {
    for (const a of ctx.axes) {
      if (key.length >= 6 && foldWords(a.fr).startsWith(key)) return { value: a.code };
    }
  }
  const near = closest(
    raw,
    ctx.axes.flatMap((a) => [a.code, a.fr, a.en, ...a.aliases].map((k) => ({ k, a }))),
    (c) => c.k,
  );
  return problem("invalid-value", {
    allowed: both((_, lang) =>
      ctx.axes.map((a) => `${a.number} ${a.code} (${a[lang]})`).join(", "),
    ),
    suggestion: near ? both((t, lang) => t.terms.didYouMeanAxis(near.a.number, near.a[lang])) : "",
  });
};

const WHOLE_PERIOD =
  /^(toute la periode|toute la duree|tout le plan|whole period|all years|permanent|continu|en continu)$/;

/** Years inside the planned period: `2023-2025`, `2024`, `2023, 2025`, `2023 à 2027`, `Toute la période`. */
const calendar: Parser<"calendar"> = (cell, _field, ctx) => {
  const { from, to } = ctx.period;
  const all = () => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  if (typeof cell.v === "number" && Number.isInteger(cell.v)) return yearsIn([cell.v], ctx);
  if (WHOLE_PERIOD.test(foldWords(cellText(cell)))) return { value: all() };
  const words = fold(cellText(cell))
    .replace(/[–—]/g, "-")
    .replace(/\b(de|du|en|annees?|years?|from)\b/g, " ")
    .replace(/\b(a|au|to|jusqu'?a)\b/g, "-")
    .replace(/\s*-\s*/g, "-")
    .split(/[\s,;/&]+|\bet\b|\band\b/)
    .filter((w) => w !== "" && w !== "et" && w !== "and");
  const years: number[] = [];
  for (const w of words) {
    const range = /^(\d{4})-(\d{4})$/.exec(w);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b < a || b - a > 50) return typeError(YEARS);
      for (let y = a; y <= b; y++) years.push(y);
    } else if (/^\d{4}$/.test(w)) {
      years.push(Number(w));
    } else {
      return typeError(YEARS);
    }
  }
  if (years.length === 0) return { value: null };
  return yearsIn(years, ctx);
};

function yearsIn(years: number[], ctx: ParseContext): Parsed<number[]> {
  const unique = [...new Set(years)].sort((a, b) => a - b);
  const outside = unique.filter((y) => y < ctx.period.from || y > ctx.period.to);
  if (outside.length > 0) {
    return problem("calendar-out-of-period", {
      years: outside.join(", "),
      from: ctx.period.from,
      to: ctx.period.to,
    });
  }
  return { value: unique };
}

const list: Parser<"list"> = (cell) => {
  const parts = clean(cellText(cell))
    .split(/\s*[;,/\n]\s*|\s+(?:et|and|&)\s+/i)
    .map((p) => p.trim())
    .filter((p) => p !== "" && !isEmptyText(p));
  const unique = [...new Map(parts.map((p) => [fold(p), p])).values()];
  return { value: unique.length > 0 ? unique : null };
};

/** Excel serial day 0 of the 1900 system (with Lotus's phantom 29 February 1900 accounted for). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const date: Parser<"date"> = (cell) => {
  const v = cell.v;
  if (v instanceof Date) return { value: isoDate(v) };
  if (typeof v === "number") {
    if (v < 1 || v > 2958465) return typeError(DATE);
    return { value: isoDate(new Date(EXCEL_EPOCH + Math.floor(v) * 86400000)) };
  }
  const t = clean(cellText(cell));
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(t);
  if (iso) return dateOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (fr) {
    const y = Number(fr[3]);
    return dateOf(y < 100 ? 2000 + y : y, Number(fr[2]), Number(fr[1]));
  }
  return typeError(DATE);
};

function dateOf(y: number, m: number, d: number): Parsed<string> {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d) {
    return { value: isoDate(dt) };
  }
  // 07/25/2023 is month-first: say so instead of guessing.
  if (m > 12 && d <= 12) {
    const likely = `${String(m).padStart(2, "0")}/${String(d).padStart(2, "0")}/${y}`;
    return typeError(both((t) => t.terms.expected.monthFirst(likely)));
  }
  return typeError(DATE);
}

/** Per-year amounts are read column by column in `row.ts`, each cell as an amount. */
const yearAmounts: Parser<"yearAmounts"> = () => typeError(AMOUNT);

/** One parser per field type: adding a type without a parser fails to compile. */
export const PARSERS: { [T in FieldType]: Parser<T> } = {
  text,
  code,
  axis,
  enum: enumeration,
  amount,
  percent,
  bool,
  calendar,
  list,
  date,
  yearAmounts,
};

/** A cell reader made for one column: see `cellParser`. */
export type CellParser = (cell: Cell | undefined) => Parsed<unknown>;

/** Types whose result depends only on the text, and whose texts repeat: statuses, axes, yes/no. */
const MEMOISED = new Set<FieldType>(["enum", "axis", "bool"]);
/** Distinct texts remembered per column: every spelling a workshop uses, and a bound. */
const MEMO_SIZE = 512;
const NOTHING: Parsed<unknown> = { value: null };

/**
 * `parseCell` for one field under one context, chosen once per column instead of once per cell.
 * Results of enumerations, axes and booleans are remembered by text (folding and fuzzy matching
 * are the costly part of reading them); they are shared, so callers must not change them.
 */
export function cellParser(field: FieldSpec, ctx: ParseContext): CellParser {
  const parse = PARSERS[field.type] as Parser<FieldType>;
  const memo = MEMOISED.has(field.type) ? new Map<string, Parsed<unknown>>() : undefined;
  return (cell) => {
    if (!cell) return NOTHING;
    const v = cell.v;
    if (typeof v !== "string" || cell.tooLong !== undefined || cell.error) {
      return parseCell(cell, field, ctx);
    }
    // parseCell's order for a plain text cell: an empty marker, else the type's parser.
    if (memo) {
      const known = memo.get(v);
      if (known) return known;
    }
    const r = isEmptyText(v) ? NOTHING : parse(cell, field, ctx);
    if (memo && memo.size < MEMO_SIZE) memo.set(v, r);
    return r;
  };
}

/**
 * Reads one cell for one field: Excel errors and formulas without a cached value first, then
 * empty markers, then the field type's parser.
 */
export function parseCell(
  cell: Cell | undefined,
  field: FieldSpec,
  ctx: ParseContext,
): Parsed<unknown> {
  if (!cell) return { value: null };
  if (cell.tooLong !== undefined) {
    return problem("cell-too-long", { length: cell.tooLong, limit: cellText(cell).length });
  }
  if (cell.error) return problem("cell-error");
  if (cell.formula !== undefined && cell.v === null) {
    return problem("formula-no-cached-value", { formula: cell.formula });
  }
  if (cell.v === null) return { value: null };
  if (typeof cell.v === "string" && isEmptyText(cell.v)) return { value: null };
  return (PARSERS[field.type] as Parser<FieldType>)(cell, field, ctx);
}
