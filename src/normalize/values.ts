import type { Axis } from "../config.js";
import type { FieldSpec, FieldType, ValueTypes } from "../fields.js";
import { formatMoney, formatNumber } from "../i18n/format.js";
import { both } from "../i18n/index.js";
import type { Localized } from "../i18n/lang.js";
import type { IssueCode, Params } from "../issues.js";
import {
  enumIndex,
  enumKeys,
  isEmptyText,
  LabelIndex,
  labelKey,
  type Synonyms,
  singularWords,
} from "../labels.js";
import { currencyNamed, currencyWord, sameCurrency, wholeCurrency } from "../money.js";
import type { Cell } from "../read/types.js";
import { clean, closest, fold, foldWords } from "../text.js";

/**
 * Value parsers: one per field type, each total (a value, `null` for empty, or a problem).
 * They read values as people type them in French Excel: `1 500 000 FCFA`, `12,5 %`, `31/12/2022`,
 * `Axe 2`, `Réalisé`, `2023 à 2025`. Nothing is guessed silently: an ambiguous `1.500` is a problem.
 */

export type Parsed<T> =
  | {
      value: T | null;
      problem?: undefined;
      /** Read, but not as written (`01.1.1` as `1.1.1`): a warning at the cell, the value kept. */
      warning?: { code: IssueCode; params: Params };
    }
  | { value?: undefined; problem: { code: IssueCode; params: Params }; warning?: undefined };

export interface ParseContext {
  /** Axes the row is read against (the review's for bilan and constats, the plan's otherwise). */
  axes: readonly Axis[];
  /** Years of the planned period, for calendars. */
  period: { from: number; to: number };
  /** Extra enum synonyms from the configuration, by field id then value id. */
  synonyms: Synonyms;
  /** Multiplier from the header unit (`millions de FCFA` → 1e6). */
  scale: number;
  /**
   * The configured currency (`config.currency`): amounts written in another are refused, and
   * in a currency without cents (the CFA franc) an amount with decimals is said. `XOF` if absent.
   */
  currency?: string;
}

/** The currency of a context that does not name one. */
const DEFAULT_CURRENCY = "XOF";

type Parser<T extends FieldType> = (
  cell: Cell,
  field: FieldSpec,
  ctx: ParseContext,
) => Parsed<ValueTypes[T]>;

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

/**
 * Parses a number typed as text in a French or English habit. Spaces (also non-breaking) group
 * thousands; with both `.` and `,` the last one is the decimal mark; repeated marks group
 * thousands; a single mark followed by exactly three digits is ambiguous (`1.500`). A currency
 * written with the number is not read here: amounts read it (`splitCurrency`), against the
 * configured one.
 */
export function parseNumberText(
  input: string,
  expected: Expected,
): Parsed<number> | { ambiguous: { asThousands: string; asDecimal: string } } {
  // Digits, maybe grouped by threes with plain spaces (`1500000`, `1 500 000`): what most cells
  // hold, read as the general path below would read them.
  if (PLAIN_NUMBER.test(input)) return plainNumber(input, expected);
  let s = clean(input);
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
    // Stryker disable next-line StringLiteral: the text holds the decimal mark, so the split gives two parts and the defaults never apply
    const [intPart = "", decPart = ""] = s.split(decimal);
    if (s.split(decimal).length !== 2 || !groupedOk(intPart, group)) return typeError(expected);
    normalised = `${intPart.split(group).join("")}.${decPart}`;
  } else if (dots + commas > 1) {
    const mark = dots > 0 ? "." : ",";
    if (!groupedOk(s, mark)) return typeError(expected);
    normalised = s.split(mark).join("");
  } else if (dots + commas === 1) {
    const mark = dots > 0 ? "." : ",";
    // Stryker disable next-line StringLiteral: the text holds the mark, so the split gives two parts and the defaults never apply
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
  // Stryker disable next-line StringLiteral: a split always gives a first part, the default never applies
  return /^\d{1,3}$/.test(groups[0] ?? "") && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/** A percent written with its sign: `0,5 %` is half a percent, whatever the cell. */
const PERCENT_SIGN = /\s*%\s*$/;

/** What each reading of an ambiguous number means, in the hint: by default, in words. */
type Readings = (
  asThousands: number,
  asDecimal: number,
) => { thousands: Localized; decimal: Localized };

const IN_WORDS: Readings = () => ({
  thousands: both((t) => t.terms.reading.whole),
  decimal: both((t) => t.terms.reading.decimal),
});

function numberFrom(
  cell: Cell,
  expected: Expected,
  percentCell: boolean,
  readings: Readings = IN_WORDS,
): Parsed<number> {
  const v = cell.v;
  if (typeof v === "number") return { value: percentCell && cell.percent ? v * 100 : v };
  if (typeof v !== "string") return typeError(expected);
  let text = v;
  if (percentCell) text = text.replace(PERCENT_SIGN, "");
  return numberOfText(text, expected, readings);
}

function numberOfText(text: string, expected: Expected, readings: Readings): Parsed<number> {
  const r = parseNumberText(text, expected);
  if (!("ambiguous" in r)) return r;
  const { asThousands, asDecimal } = r.ambiguous;
  const meant = readings(Number(asThousands), Number(asDecimal.replace(",", ".")));
  return problem("ambiguous-number", {
    asThousands,
    asDecimal,
    asThousandsMeans: meant.thousands,
    asDecimalMeans: meant.decimal,
  });
}

// --- the parsers, one per field type ---------------------------------------------------------

const text: Parser<"text"> = (cell, field) => {
  const t = field.lineItems ? lineItems(cellText(cell)) : tidy(cellText(cell));
  return { value: t === "" ? null : t };
};

/** A line break inside a cell: Alt+Entrée in Excel, a new paragraph in Calc, `\r\n` of some writers. */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;
/** A bullet or a separator at either end of a line of a list typed one item per line. */
const LINE_ENDS = /^(?:[•◦▪·*\-–—]\s+|[\s;,]+)+|[\s;,]+$/g;

/**
 * The text of a field that lists items, one per line or separated by `;`: each line tidied, its
 * bullet and the `;` or `,` that already ends it dropped, blank lines left out, the lines joined
 * by « ; ». A one-line text is kept as typed (tidied).
 */
function lineItems(typed: string): string {
  if (!LINE_BREAK.test(typed)) return tidy(typed);
  return typed
    .split(LINE_BREAK)
    .map((line) => tidy(line).replace(LINE_ENDS, ""))
    .filter((line) => line !== "")
    .join(" ; ");
}

/** A code as plans write it (`2.1.3`): digits without leading zeros, separated by dots. */
const PLAIN_CODE = /^(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*))*$/;

/** Dashes that word processors put for `-` (`1–1–1`), and the minus sign: separators in codes. */
const DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * An activity code in its one written form: parts of digits or letters, leading zeros dropped
 * (`01` → `1`), separated by dots whatever was typed between them (`-`, `–`, `—`, `,`, `_`, `/`,
 * spaces), a trailing dot dropped. `undefined` when the text is not a code.
 */
export function normaliseCode(text: string): string | undefined {
  const t = clean(text).replace(DASHES, "-").replace(/\.$/, "");
  const parts = t.split(/\s*[.\-,_/]\s*|\s+/);
  if (!parts.every((p) => /^[\p{L}\p{N}]+$/u.test(p))) return undefined;
  // Spaces alone part digits (`1 2 3`), never words: `activité 1.2` is a sentence.
  if (/[^\s.\-,_/]\s[^\s.\-,_/]/.test(t) && parts.some((p) => /\p{L}/u.test(p))) return undefined;
  return parts.map((p) => (/^\d+$/.test(p) ? p.replace(/^0+(?=\d)/, "") : p)).join(".");
}

const CODE_FIX = both((t) => t.terms.fix.code);

/** A cell that holds no code: what was expected, and how to write it. */
function codeError() {
  return problem("type-error", { expected: CODE, fix: CODE_FIX });
}

/**
 * Activity codes, stored normalised so that `01.1.1`, `1-1-1` and `1.1.1` are one activity. A code
 * typed otherwise than it is stored is a warning that says how it was read: only spaces around
 * the whole code pass unsaid (`1.2.3.`, `1 . 2 . 3` are rewritten, and say so).
 */
const code: Parser<"code"> = (cell) => {
  // Stryker disable next-line StringLiteral: a shortcut, normaliseCode reads a plain code as it is, without a warning
  if (typeof cell.v === "string" && PLAIN_CODE.test(cell.v)) return { value: cell.v };
  if (cell.v instanceof Date) return codeError();
  const written = clean(cellText(cell));
  const value = normaliseCode(written);
  if (value === undefined) return codeError();
  if (written === value) return { value };
  return { value, warning: { code: "code-normalised", params: { code: value } } };
};

/**
 * An amount typed with a currency before or after it: `1 500 000 FCFA`, `XOF 250000`,
 * `1000 USD`, `$500`, `500 €`. The currency, when there is one, and the number's text; `currency`
 * is `null` when the words around the number name no currency (`2,5 millions`).
 */
function splitCurrency(text: string): { number: string; currency?: string | null } {
  const first = text.search(/[\d+\-−]/);
  if (first < 0) return { number: text };
  let last = text.length;
  while (last > first && !/\d/.test(text[last - 1] as string)) last--;
  const before = text.slice(0, first).trim();
  const after = text.slice(last).trim();
  if (before === "" && after === "") return { number: text };
  const number = text.slice(first, last);
  if (before !== "" && after !== "") return { number, currency: null };
  return { number, currency: currencyNamed(before || after) ?? null };
}

/** Multiplies by the column's unit, to whole units: the product is cut to 15 digits first. */
function scaled(value: number, scale: number): number {
  return Math.round(Number((value * scale).toPrecision(15))) + 0;
}

const formatted = (n: number): Localized => ({
  fr: formatNumber(n, "fr"),
  en: formatNumber(n, "en"),
});

/** An amount with its currency, as people read it: `1 234,5 FCFA`, `XOF 1,234.5`. */
const money = (n: number, currency: string): Localized => ({
  fr: formatMoney(n, currency, "fr"),
  en: formatMoney(n, currency, "en"),
});

/**
 * Amounts, scaled by the column's unit (`(M FCFA)` → × 1 000 000) to whole FCFA: rounded after
 * the product is cut to 15 significant digits, so that 1,15 × 1 000 000 is 1150000 and not
 * 1149999.9999999998. Never read as the configured currency when written in another: a number
 * format in dollars (XLSX) or `1000 USD` typed is a `currency-mismatch` at the cell. Kept as
 * read, with a warning: decimals in a currency without cents (`2,5` FCFA, in a column that says
 * no unit: is it in millions?), and an amount of a million or more in a scaled column (the full
 * amount typed in a column in millions). A negative amount says neither: the schema refuses it.
 */
const amount: Parser<"amount"> = (cell, _field, ctx) => {
  const currency = ctx.currency ?? DEFAULT_CURRENCY;
  const word = currencyWord(currency);
  const readings = ctx.scale === 1 ? IN_WORDS : scaledReadings(ctx.scale, currency);
  const r = amountOf(cell, currency, word, readings);
  if (r.value === undefined || r.value === null) return r;
  const v = r.value;
  if (ctx.scale === 1) {
    if (v > 0 && wholeCurrency(currency) && !Number.isInteger(round(v))) {
      const params = { amount: money(v, currency), currency: word };
      return { value: v, warning: { code: "amount-decimals", params } };
    }
    return r;
  }
  const value = scaled(v, ctx.scale);
  if (v < 1e6) return { value };
  const params = {
    typed: formatted(v),
    unit: both((t) => t.terms.scaledUnit(ctx.scale, word)),
    scaled: money(value, currency),
    currency: word,
    factor: formatted(ctx.scale),
  };
  return { value, warning: { code: "unit-suspect", params } };
};

/** The number of an amount cell, before its column's unit: refused in another currency. */
function amountOf(cell: Cell, currency: string, word: string, readings: Readings): Parsed<number> {
  if (typeof cell.v === "string" && !PLAIN_NUMBER.test(cell.v)) {
    const typed = splitCurrency(clean(cell.v));
    if (typed.currency === null) return typeError(AMOUNT);
    if (typed.currency !== undefined && !sameCurrency(typed.currency, currency)) {
      return problem("currency-mismatch", { currency: typed.currency, expected: word });
    }
    return numberOfText(typed.number, AMOUNT, readings);
  }
  if (typeof cell.v === "number" && cell.currency !== undefined) {
    if (!sameCurrency(cell.currency, currency)) {
      return problem("currency-mismatch", { currency: cell.currency, expected: word });
    }
  }
  return numberFrom(cell, AMOUNT, false, readings);
}

/** What each reading of an ambiguous amount gives once scaled: `1.500` in millions. */
function scaledReadings(scale: number, currency: string): Readings {
  const of = (n: number) =>
    both((t, lang) => t.terms.reading.amount(formatMoney(scaled(n, scale), currency, lang)));
  return (thousands, decimal) => ({ thousands: of(thousands), decimal: of(decimal) });
}

/**
 * Percentages: `75`, `75 %`, `12,5 %`, or a fraction in an XLSX cell formatted as a percentage.
 * A value strictly between 0 and 1 without its `%` (`0,45` typed, or 0.45 in a cell not formatted
 * as a percentage) may be a fraction or under one percent: it is a problem, not a guess. `0` and
 * `1` are what they say.
 */
const percent: Parser<"percent"> = (cell) => {
  const r = numberFrom(cell, PERCENT, true);
  if (r.value === undefined || r.value === null) return r;
  const v = r.value;
  const unmarked =
    typeof cell.v === "string"
      ? !PERCENT_SIGN.test(cell.v)
      : typeof cell.v === "number" && !cell.percent;
  if (unmarked && v > 0 && v < 1) {
    const points = String(round(v * 100));
    return problem("ambiguous-percent", {
      points: { fr: points.replace(".", ","), en: points },
    });
  }
  return { value: round(v) };
};

const YES_NO = both((t) => t.terms.yesNo);
const YES = new Set(["oui", "o", "x", "yes", "y", "1", "vrai", "true", "✓", "✔", "ok"]);
const NO = new Set(["non", "n", "no", "0", "faux", "false"]);

const bool: Parser<"bool"> = (cell) => {
  // Stryker disable next-line StringLiteral: a shortcut, the text of a boolean (VRAI, FAUX) reads the same
  if (typeof cell.v === "boolean") return { value: cell.v };
  const t = foldWords(cellText(cell)) || clean(cellText(cell));
  if (YES.has(t)) return { value: true };
  if (NO.has(t)) return { value: false };
  return problem("invalid-value", { allowed: YES_NO, suggestion: "" });
};

const enumeration: Parser<"enum"> = (cell, field, ctx) => {
  const values = field.values ?? [];
  const found = enumIndex(field, ctx.synonyms).get(labelKey(cellText(cell)));
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

const axisIndexes = new WeakMap<readonly Axis[], LabelIndex>();

function axisIndex(axes: readonly Axis[]): LabelIndex {
  let index = axisIndexes.get(axes);
  if (!index) {
    index = new LabelIndex();
    for (const a of axes) {
      for (const name of [a.code, a.fr, a.en, ...a.aliases]) index.add(foldWords(name), a.code);
    }
    axisIndexes.set(axes, index);
  }
  return index;
}

/** Roman numerals as axes are numbered in plans: `Axe II`, `axe iv`, `II.`. */
const ROMAN: Record<string, number> = {
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  v: 5,
  vi: 6,
  vii: 7,
  viii: 8,
  ix: 9,
  x: 10,
};

/** `Axe 2`, `axe n°2`, `2`, `Axe II`, `II : Protection…`: the number the text starts with. */
const AXIS_NUMBER = /^(?:axe|axis)?\s*(?:n ?o?\s*)?(\d{1,2}|[ivx]{1,4})(?:\s|$)/;

/** The axis number a folded text starts with, in digits or roman numerals. */
export function axisNumberIn(key: string): number | undefined {
  const n = AXIS_NUMBER.exec(key)?.[1];
  if (n === undefined) return undefined;
  return /\d/.test(n) ? Number(n) : ROMAN[n];
}

/**
 * An axis cell that starts with its number, as typed (case and accents kept): `Axe 2`,
 * `axe n° 2`, `Axes 1 et 2`, `II - Protection`. The number, and the text after it.
 */
const AXIS_START =
  /^(?:axes?|axis)?\s*(?:n\s*[°ºo]?\s*\.?\s*)?(\d{1,2}|[ivx]{1,4})(?![\p{L}\p{N}])\s*(.*)$/isu;

/** A second axis number after the first: `1 et 2`, `1/2`, `1-2`, `3 et axe 4`, `I & II`. */
const SECOND_AXIS =
  /^(?:[-–—/,;&+]|et\b|and\b|ou\b|or\b|à\b|a\b)\s*(?:axes?\s*|axis\s*)?(?:n\s*[°ºo]?\s*\.?\s*)?(?:\d{1,2}|[ivx]{1,4})(?![\p{L}\p{N}])/iu;

/** What parts an axis number from its label: `Axe 2 : …`, `II - …`, `2. …`, `2) …`. */
const AXIS_SEPARATOR = /^[:\-–—.)]\s*/;

/**
 * The label after an axis number names that axis: one of its names (or their singular), or the
 * start of one (`Prév`), or one of them followed by more words (`Protection des enfants`).
 */
function namesAxis(a: Axis, label: string, axes: readonly Axis[]): boolean {
  const key = labelKey(label);
  if (axisIndex(axes).get(key) === a.code) return true;
  const one = singularWords(key);
  return [a.code, a.fr, a.en, ...a.aliases].some((name) => {
    const k = singularWords(foldWords(name));
    return k.startsWith(one) || one.startsWith(`${k} `);
  });
}

/**
 * Axes: a label, code or alias (`Protection`, `PROT`), or a number (`2`, `Axe II`), or both. A
 * number and a label must name the same axis: after the number, nothing, or (after `:`, `-`,
 * `–`, `.`, `)` or a space) a label of that axis. `Axe 2 : Prévention`, `Axe IV bis` and two axes
 * in one cell (`Axe 1 et 2`, `1/2`, `1-2`) are errors, never the first axis they name.
 */
const axis: Parser<"axis"> = (cell, _field, ctx) => {
  const raw = cellText(cell);
  const key = labelKey(raw);
  const named = axisIndex(ctx.axes).get(key);
  if (named !== undefined) return { value: named };
  let suggestion: Localized | undefined;
  const start = AXIS_START.exec(clean(raw));
  if (start) {
    const n = (start[1] as string).toLowerCase();
    const rest = start[2] ?? "";
    const number = /\d/.test(n) ? Number(n) : ROMAN[n];
    const numbered = ctx.axes.find((a) => a.number === number);
    if (SECOND_AXIS.test(rest)) {
      suggestion = both((t) => t.terms.twoAxes);
    } else if (numbered) {
      // Stryker disable next-line MethodExpression: nothing to trim, the cell is cleaned and the patterns take the spaces around the separator
      const label = rest.replace(AXIS_SEPARATOR, "").trim();
      // Stryker disable next-line StringLiteral: a shortcut, an empty label is a start of every name in namesAxis
      if (labelKey(label) === "" || namesAxis(numbered, label, ctx.axes)) {
        return { value: numbered.code };
      }
      suggestion = both((t, lang) =>
        t.terms.axisLabelMismatch(numbered.number, numbered[lang], label),
      );
    }
  } else if (key.length >= 6) {
    // A label's start (`Protection et assist`), never with a number: that is checked above.
    for (const a of ctx.axes) {
      if (foldWords(a.fr).startsWith(key)) return { value: a.code };
    }
  }
  if (suggestion === undefined) {
    const near = closest(
      raw,
      ctx.axes.flatMap((a) => [a.code, a.fr, a.en, ...a.aliases].map((k) => ({ k, a }))),
      (c) => c.k,
    );
    suggestion = near
      ? both((t, lang) => t.terms.didYouMeanAxis(near.a.number, near.a[lang]))
      : undefined;
  }
  return problem("invalid-value", {
    allowed: both((_, lang) =>
      ctx.axes.map((a) => `${a.number} ${a.code} (${a[lang]})`).join(", "),
    ),
    suggestion: suggestion ?? "",
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
    // Stryker disable next-line MethodExpression: nothing to trim, the text is cleaned and the separators take the spaces around them
    .map((p) => p.trim())
    // Stryker disable next-line StringLiteral: a shortcut, isEmptyText says the empty text empty too
    .filter((p) => p !== "" && !isEmptyText(p));
  const unique = [...new Map(parts.map((p) => [fold(p), p])).values()];
  return { value: unique.length > 0 ? unique : null };
};

/** Excel serial day 0 of the 1900 system (with Lotus's phantom 29 February 1900 accounted for). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Month names and their abbreviations, French and English, folded: `juil.` is `juil`. */
const MONTHS: Record<string, number> = {
  janvier: 1,
  janv: 1,
  jan: 1,
  january: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  feb: 2,
  february: 2,
  mars: 3,
  mar: 3,
  march: 3,
  avril: 4,
  avr: 4,
  apr: 4,
  april: 4,
  mai: 5,
  may: 5,
  juin: 6,
  jun: 6,
  june: 6,
  juillet: 7,
  juil: 7,
  jul: 7,
  july: 7,
  aout: 8,
  aug: 8,
  august: 8,
  septembre: 9,
  sept: 9,
  sep: 9,
  september: 9,
  octobre: 10,
  oct: 10,
  october: 10,
  novembre: 11,
  nov: 11,
  november: 11,
  decembre: 12,
  dec: 12,
  december: 12,
};

const WEEKDAY =
  /^(?:le\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+)?/;

/**
 * A date with its month in words: `5 juillet 2023`, `1er juillet 2023`, `05 juil. 2023`,
 * `lundi 3 juillet 2023`, `July 5, 2023`; `juillet 2023` is the month (`2023-07`). The month is
 * named, so the order of day and month is never in doubt.
 */
function namedMonthDate(text: string): Parsed<string> | undefined {
  // Any letter, accented ones too: the month is matched once accents are folded away.
  // Stryker disable next-line Regex: a shortcut, the patterns below need letters and a text of letters alone matches none
  if (!/\p{L}/u.test(text)) return undefined;
  const t = fold(text)
    .replace(/[.,/-]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(WEEKDAY, "");
  const year = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));
  const dayFirst = /^(\d{1,2})(?:er|e|eme)?\s([a-z]+)\s(\d{4}|\d{2})$/.exec(t);
  if (dayFirst) {
    const m = MONTHS[dayFirst[2] as string];
    return m ? dateOf(year(dayFirst[3] as string), m, Number(dayFirst[1])) : undefined;
  }
  const monthFirst = /^([a-z]+)\s(\d{1,2})(?:st|nd|rd|th)?\s(\d{4})$/.exec(t);
  if (monthFirst) {
    const m = MONTHS[monthFirst[1] as string];
    return m ? dateOf(year(monthFirst[3] as string), m, Number(monthFirst[2])) : undefined;
  }
  const month = /^([a-z]+)\s(\d{4})$/.exec(t);
  const m = month && MONTHS[month[1] as string];
  if (month && m) return monthOf(Number(month[2]), m);
  return undefined;
}

/** A month of a year, `2023-07`: the day is not made up. */
function monthOf(y: number, m: number): Parsed<string> {
  if (m < 1 || m > 12) return dateError(DATE);
  return { value: `${y}-${String(m).padStart(2, "0")}` };
}

/**
 * Dates: `dd/mm/yyyy` (also `-` or `.`, two-digit years), ISO, Excel serials and date cells, and
 * dates with the month in words. Never month first: `07/25/2023` is a problem that says so.
 */
const date: Parser<"date"> = (cell) => {
  const v = cell.v;
  if (v instanceof Date) return { value: isoDate(v) };
  if (typeof v === "number") {
    if (v < 1 || v > 2958465) return dateError(DATE);
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
  // A month alone, `2023-07` or `07/2023`, as `juillet 2023` is stored.
  const isoMonth = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (isoMonth) return monthOf(Number(isoMonth[1]), Number(isoMonth[2]));
  const month = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  if (month) return monthOf(Number(month[2]), Number(month[1]));
  return namedMonthDate(t) ?? dateError(DATE);
};

const DATE_FIX = both((t) => t.terms.fix.date);

/** A date that cannot be read: what was expected, and how to write it. */
function dateError(expected: Expected) {
  return problem("type-error", { expected, fix: DATE_FIX });
}

function dateOf(y: number, m: number, d: number): Parsed<string> {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d) {
    return { value: isoDate(dt) };
  }
  // 07/25/2023 is month-first: say so instead of guessing.
  if (m > 12 && d <= 12) {
    const likely = `${String(m).padStart(2, "0")}/${String(d).padStart(2, "0")}/${y}`;
    return dateError(both((t) => t.terms.expected.monthFirst(likely)));
  }
  return dateError(DATE);
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
    // Stryker disable next-line StringLiteral: sending every cell to parseCell only bypasses the memo, a cache
    if (typeof v !== "string" || cell.tooLong !== undefined || cell.error) {
      return parseCell(cell, field, ctx);
    }
    // parseCell's order for a plain text cell: an empty marker, else the type's parser.
    // Stryker disable next-line BlockStatement: a cache lookup, parsing again gives the same result
    if (memo) {
      const known = memo.get(v);
      if (known) return known;
    }
    const r = isEmptyText(v) ? NOTHING : parse(cell, field, ctx);
    // Stryker disable next-line EqualityOperator: the bound on a cache, remembering more or nothing gives the same results
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
