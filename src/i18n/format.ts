import type { Lang } from "./lang.js";

/**
 * Numbers, amounts and dates as each language writes them. They are formatted here rather than
 * with `Intl` so that the output is the same byte for byte whatever ICU data Node was built with.
 *
 * French: thousands are separated by a narrow no-break space (U+202F), the decimal mark is a
 * comma, and a no-break space (U+00A0) joins a number to its unit: `61,5 %`, `1 500 000 FCFA`.
 * English: `61.5%`, `1,500,000 FCFA` (a plain space before the unit).
 */

export const NNBSP = "\u202f";
export const NBSP = "\u00a0";

/** Thousands grouped, at most `decimals` decimals, trailing zeros dropped. */
export function formatNumber(n: number, lang: Lang, decimals = 0): string {
  // toPrecision strips float noise (0.5525 * 100) before rounding half up; 15 digits, the most a
  // double always holds, so that an amount of 13 to 15 digits keeps its last ones.
  const clean = Number(n.toPrecision(15));
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(clean) * factor) / factor;
  // toFixed writes 1e21 and more with an exponent.
  const [int = "0", frac] = (
    rounded >= 1e21 ? plainNumber(rounded) : rounded.toFixed(decimals)
  ).split(".");
  const sep = lang === "fr" ? NNBSP : ",";
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const decimalsText = frac?.replace(/0+$/, "") ?? "";
  const sign = clean < 0 && rounded !== 0 ? "-" : "";
  return `${sign}${grouped}${decimalsText ? (lang === "fr" ? "," : ".") + decimalsText : ""}`;
}

/**
 * A number in full: `String` writes 1e21 and 1e-7 in exponent form, which spreadsheets and
 * atelier's own reader take for text. The digits are String's (the shortest that reads back to
 * the same number); only the point moves.
 */
export function plainNumber(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, first, rest = "", exponent] = m;
  const digits = `${first}${rest}`;
  const point = 1 + Number(exponent);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A fraction as a percentage with one decimal: 0.615 → `61,5 %` / `61.5%`. */
export function formatPercent(fraction: number, lang: Lang): string {
  return formatPoints(fraction * 100, lang);
}

/** A number already in percent (a completion rate of 45): `45 %` / `45%`. */
export function formatPoints(points: number, lang: Lang): string {
  const n = formatNumber(points, lang, 1);
  return lang === "fr" ? `${n}${NBSP}%` : `${n}%`;
}

/**
 * The currency as people write it: FCFA for XOF (and XAF), in English too, as the templates' own
 * headers and the workshop's documents write it; else the code.
 */
export function currencyLabel(currency: string): string {
  return ["XOF", "XAF", "FCFA"].includes(currency.toUpperCase()) ? "FCFA" : currency;
}

export function formatMoney(n: number, currency: string, lang: Lang): string {
  const amount = formatNumber(n, lang, 2);
  const unit = currencyLabel(currency);
  return `${amount}${lang === "fr" ? NBSP : " "}${unit}`;
}

/** Compact amount for chart labels: `1,5 M` / `1.5M`. */
export function formatMillions(n: number, lang: Lang): string {
  const m = n / 1e6;
  const text = formatNumber(m, lang, m !== 0 && Math.abs(m) < 10 ? 1 : 0);
  return lang === "fr" ? `${text}${NBSP}M` : `${text}M`;
}

const MONTHS = {
  fr: [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
};

/** A month's name, `1` to `12`: `juillet` / `July`. */
export function monthName(month: number, lang: Lang): string {
  return MONTHS[lang][month - 1] ?? String(month);
}

/** `20 juillet 2023 à 14:05 UTC`: UTC is also Bamako's time. */
export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${NBSP}UTC`;
  const date = `${d.getUTCDate()} ${MONTHS[lang][d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return lang === "fr" ? `${date} à ${time}` : `${date}, ${time}`;
}

/** A calendar day: `5 juillet 2023` / `5 July 2023` (`1er juillet` in French). */
export function formatDay(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const day = lang === "fr" && d === 1 ? "1er" : String(d);
  return `${day} ${MONTHS[lang][m - 1]} ${y}`;
}

/**
 * A span of days as a sentence says it: `du 18 au 20 juillet 2023`, `du 30 juin au 2 juillet
 * 2023`, `le 18 juillet 2023`; `18–20 July 2023`, `30 June – 2 July 2023`, `18 July 2023`.
 */
export function formatDays(from: string, to: string, lang: Lang): string {
  if (from === to) return lang === "fr" ? `le ${formatDay(from, lang)}` : formatDay(from, lang);
  const [a, b] = [formatDay(from, lang), formatDay(to, lang)];
  const [ya, ma] = from.split("-");
  const [yb, mb] = to.split("-");
  const words = a.split(" ");
  const start = ya !== yb ? a : ma !== mb ? words.slice(0, 2).join(" ") : (words[0] as string);
  if (lang === "fr") return `du ${start} au ${b}`;
  return ya === yb && ma === mb ? `${start}–${b}` : `${start} – ${b}`;
}

/**
 * The plural rules of each language, made once: French takes the singular for 0 and 1 (and 1,5),
 * English for 1 only. CLDR's other categories (French "many" for a million) take the plural.
 * Without the ICU data of a language (a Node built with small-icu), its rule is applied here.
 */
const PLURAL_RULES = new Map<Lang, Intl.PluralRules | null>();

function singular(n: number, lang: Lang): boolean {
  let rules = PLURAL_RULES.get(lang);
  if (rules === undefined) {
    rules =
      Intl.PluralRules.supportedLocalesOf([lang]).length > 0 ? new Intl.PluralRules(lang) : null;
    PLURAL_RULES.set(lang, rules);
  }
  if (rules) return rules.select(n) === "one";
  return lang === "fr" ? Math.abs(n) < 2 : n === 1;
}

/** The form that agrees with `n`, without the number: a verb, an adjective, a pronoun. */
export function pick<T>(n: number, lang: Lang, one: T, many: T): T {
  return singular(n, lang) ? one : many;
}

/** `0 ligne`, `1 ligne`, `2 lignes`, `1 000 000 lignes`; `1 row`, `0 rows`. */
export function plural(n: number, lang: Lang, one: string, many: string): string {
  return `${formatNumber(n, lang)} ${pick(n, lang, one, many)}`;
}

/** A text as a sentence: a final full stop unless it already ends with one, or with « ? » or « ! ». */
export function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** Between the items of a list that may hold commas: ` ; ` in French, `; ` in English. */
export function listSeparator(lang: Lang): string {
  return lang === "fr" ? " ; " : "; ";
}
