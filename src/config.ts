import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import * as z from "zod/mini";
import { AppError } from "./errors.js";
import { type EnumValue, type FieldSpec, KINDS, type TableKind } from "./fields.js";
import { both, type Catalogue } from "./i18n/index.js";
import type { Lang } from "./i18n/lang.js";
import { enumValueOf, isEmptyText, labelKey, singularWords, withoutMarks } from "./labels.js";
import { sessionKey, similar, WINDOWS_RESERVED, windows1252 } from "./text.js";

/**
 * The workshop configuration (`atelier.config.json`). Every key is optional; the defaults are the
 * Mali PAN (review 2018-2022, plan 2023-2027, the four 4P axes, FCFA, French). Unknown keys and
 * wrong types are errors that name the key.
 */

export const CONFIG_FILE = "atelier.config.json";
/** The JSON Schema of the configuration, written beside it by `atelier init` for editors. */
export const CONFIG_SCHEMA_FILE = "atelier.config.schema.json";
/** Where `atelier init` puts the blank templates; never read as submissions. */
export const TEMPLATES_FOLDER = "modeles";

const axisSchema = z.strictObject({
  code: z.string().check(z.regex(/^[A-Z][A-Z0-9_]{1,11}$/, "axisCode")),
  number: z.number().check(z.int(), z.positive()),
  fr: z.string().check(z.minLength(1)),
  en: z.string().check(z.minLength(1)),
  aliases: z._default(z.array(z.string().check(z.minLength(1))), []),
});
export type Axis = z.infer<typeof axisSchema>;

export const DEFAULT_AXES: Axis[] = [
  {
    code: "PREV",
    number: 1,
    fr: "Prévention",
    en: "Prevention",
    aliases: ["Sensibilisation", "Prevention"],
  },
  {
    code: "PROT",
    number: 2,
    fr: "Protection et assistance aux victimes",
    en: "Protection and assistance to victims",
    aliases: [
      "Protection",
      "Prise en charge",
      "Assistance aux victimes",
      "Protection des victimes",
    ],
  },
  {
    code: "POUR",
    number: 3,
    fr: "Poursuites et répression",
    en: "Prosecution",
    aliases: ["Poursuites", "Répression", "Application de la loi", "Chaîne pénale", "Prosecution"],
  },
  {
    code: "COOR",
    number: 4,
    fr: "Coordination, partenariat et suivi-évaluation",
    en: "Coordination, partnership and monitoring",
    aliases: ["Coordination", "Partenariat", "Coopération", "Partnership", "Suivi-évaluation"],
  },
];

const periodSchema = (label: string, from: number, to: number) =>
  z
    .strictObject({
      label: z._default(z.string().check(z.minLength(1)), label),
      from: z._default(z.number().check(z.int(), z.gte(1990), z.lte(2100)), from),
      to: z._default(z.number().check(z.int(), z.gte(1990), z.lte(2100)), to),
      axes: z.optional(z.array(axisSchema).check(z.minLength(1))),
    })
    .check(z.refine((p) => p.from <= p.to, { message: "periodOrder", path: ["to"] }));

const statusIds = ["realise", "partiel", "en_cours", "non_realise", "abandonne"] as const;

/** The workshop's title when the file gives none, and how the English report says it. */
export const DEFAULT_TITLE = {
  fr: "Atelier de restitution et de compilation des données — PAN 2023-2027",
  en: "Workshop on reporting back and compiling data — NAP 2023-2027",
};

/**
 * What describes a schema in a message, where its zod type alone would not say it (a date is a
 * text to zod): `describe` looks here first.
 */
const KINDS_SAID = new WeakMap<object, (t: Catalogue) => string>();

/** A text a person reads in the report: one that says something (not `""`, `-`, `N/A`). */
const textSchema = z.string().check(z.refine((s) => !isEmptyText(s), { message: "emptyText" }));
KINDS_SAID.set(textSchema, (t) => t.errors.kinds.nonEmptyText);
// What of the checks above JSON Schema can say, for editors (`configJsonSchema`); a refinement
// has no JSON Schema of its own.
z.globalRegistry.add(textSchema, { minLength: 1 });

/** A text of the workshop: the same in both reports, or `{ "fr": …, "en": … }`. */
const localTextSchema = z.union([
  textSchema,
  z.strictObject({ fr: textSchema, en: z.optional(textSchema) }),
]);

/** A day, written `2023-07-18` or `18/07/2023`. */
const dateSchema = z.string().check(z.refine((s) => isoDate(s) !== undefined, { message: "date" }));
KINDS_SAID.set(dateSchema, (t) => t.errors.kinds.date);

const datesSchema = z.strictObject({ from: dateSchema, to: dateSchema }).check(
  z.refine(
    (d) => {
      const from = isoDate(d.from);
      const to = isoDate(d.to);
      return from === undefined || to === undefined || from <= to;
    },
    { message: "dateOrder", path: ["to"] },
  ),
);

export const configSchema = z.strictObject({
  // Where an editor finds the JSON Schema of this file (`atelier schema --format config`).
  $schema: z.optional(z.string()),
  title: z._default(z.string(), DEFAULT_TITLE.fr),
  language: z.optional(z.enum(["fr", "en"])),
  currency: z._default(z.string().check(z.minLength(1)), "XOF"),
  review: z._default(periodSchema("PAN 2018-2022", 2018, 2022), {
    label: "PAN 2018-2022",
    from: 2018,
    to: 2022,
  }),
  plan: z._default(periodSchema("PAN 2023-2027", 2023, 2027), {
    label: "PAN 2023-2027",
    from: 2023,
    to: 2027,
  }),
  reference: z.optional(z.string().check(z.minLength(1))),
  // Empty or repeated, the list is refused by `sessionProblems`: editors are told as much.
  sessions: z.optional(
    z.array(z.string().check(z.minLength(1))).register(z.globalRegistry, {
      minItems: 1,
      uniqueItems: true,
    }),
  ),
  weights: z.optional(
    z.partial(
      z.strictObject(
        Object.fromEntries(statusIds.map((s) => [s, z.number().check(z.gte(0), z.lte(1))])),
      ),
    ),
  ),
  bands: z.optional(
    z.partial(
      z.strictObject({
        satisfaisant: z.number().check(z.gte(0), z.lte(1)),
        moyen: z.number().check(z.gte(0), z.lte(1)),
      }),
    ),
  ),
  synonyms: z._default(
    z.record(z.string(), z.record(z.string(), z.array(z.string().check(z.minLength(1))))),
    {},
  ),
  output: z._default(z.string().check(z.minLength(1)), "sortie"),
  limits: z.optional(
    z.partial(
      z.strictObject({
        maxFileMB: z.number().check(z.positive()),
        maxInflatedMB: z.number().check(z.positive()),
        maxCells: z.number().check(z.int(), z.positive()),
        maxRows: z.number().check(z.int(), z.positive()),
        maxColumns: z.number().check(z.int(), z.positive(), z.lte(16_384)),
        maxCellLength: z.number().check(z.int(), z.positive()),
      }),
    ),
  ),
  institution: z.optional(localTextSchema),
  country: z.optional(localTextSchema),
  motto: z.optional(localTextSchema),
  venue: z.optional(localTextSchema),
  dates: z.optional(datesSchema),
  partners: z.optional(z.array(localTextSchema)),
  context: z.optional(localTextSchema),
  objectives: z.optional(z.array(localTextSchema)),
});

/** What a file may hold before atelier refuses or cuts it; each has its own issue code. */
export interface Limits {
  /** Size of one input file on disk. */
  maxFileMB: number;
  /** Sum of the uncompressed sizes an xlsx declares (zip bombs are refused before inflating). */
  maxInflatedMB: number;
  /**
   * Cells of a workbook's sheets, counted in the file before any reader builds them (merged
   * areas and OpenDocument repetitions unfolded): what bounds a reader's memory.
   */
  maxCells: number;
  /** Non-empty rows per sheet. */
  maxRows: number;
  /** Columns per row. */
  maxColumns: number;
  /** Characters per cell (Excel's own limit is 32,767). */
  maxCellLength: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileMB: 200,
  maxInflatedMB: 100,
  maxCells: 1_000_000,
  maxRows: 1_100_000,
  maxColumns: 1_000,
  maxCellLength: 32_767,
};

/** A text of the workshop in both languages: `en` is the French when the file gives none. */
export interface LocalText {
  fr: string;
  en: string;
}

/** Who holds the workshop, where, when, with whom and why: the report's cover and first chapter. */
export interface Workshop {
  /** With `motto`, Mali's by default; neither is assumed for a country the file names. */
  institution: LocalText | null;
  country: LocalText;
  motto: LocalText | null;
  venue: LocalText | null;
  /** ISO days (`2023-07-18`); `to` may be `from` (a one-day workshop). */
  dates: { from: string; to: string } | null;
  partners: LocalText[];
  /** Paragraphs separated by a blank line; line breaks are `\n`. */
  context: LocalText | null;
  objectives: LocalText[];
}

/** The Mali national action plan workshop. */
export const DEFAULT_WORKSHOP: Workshop = {
  institution: {
    fr: "Ministère de la Justice et des Droits de l'Homme",
    en: "Ministry of Justice and Human Rights",
  },
  country: { fr: "République du Mali", en: "Republic of Mali" },
  motto: { fr: "Un Peuple – Un But – Une Foi", en: "One People – One Goal – One Faith" },
  venue: null,
  dates: null,
  partners: [],
  context: null,
  objectives: [],
};

/** The configuration with every default applied, and the folder it was read from. */
export interface Config {
  title: string;
  /** Set only when the file says so (see `languageOf`). */
  language?: "fr" | "en";
  currency: string;
  review: { label: string; from: number; to: number; axes: Axis[] };
  plan: { label: string; from: number; to: number; axes: Axis[] };
  /** Absolute path of the reference plan file, when configured. */
  reference?: string;
  sessions?: string[];
  weights: Record<(typeof statusIds)[number], number>;
  bands: { satisfaisant: number; moyen: number };
  synonyms: Record<string, Record<string, string[]>>;
  output: string;
  limits: Limits;
  /** The workshop, for the cover page and the first chapter of the report. */
  workshop: Workshop;
  /** Folder the configuration belongs to: paths are shown relative to it. */
  root: string;
  /** The file it came from, if any. */
  source?: string;
}

export const DEFAULT_WEIGHTS = {
  realise: 1,
  partiel: 0.5,
  en_cours: 0.5,
  non_realise: 0,
  abandonne: 0,
};

export function defaultConfig(root: string): Config {
  return resolveConfig(configSchema.parse({}), root);
}

function resolveConfig(
  parsed: z.infer<typeof configSchema>,
  root: string,
  source?: string,
): Config {
  const reviewAxes = parsed.review.axes ?? DEFAULT_AXES;
  const config: Config = {
    title: parsed.title,
    currency: parsed.currency,
    review: { ...parsed.review, axes: reviewAxes },
    plan: { ...parsed.plan, axes: parsed.plan.axes ?? reviewAxes },
    weights: { ...DEFAULT_WEIGHTS, ...parsed.weights },
    bands: { satisfaisant: 0.75, moyen: 0.5, ...parsed.bands },
    synonyms: parsed.synonyms,
    output: parsed.output,
    limits: { ...DEFAULT_LIMITS, ...parsed.limits },
    workshop: workshopOf(parsed),
    root,
  };
  if (parsed.language) config.language = parsed.language;
  if (parsed.reference) config.reference = resolve(root, parsed.reference);
  if (parsed.sessions) config.sessions = parsed.sessions;
  if (source) config.source = source;
  return config;
}

/**
 * A text as the report shows it: line breaks as `\n`, a tab as a space, no other control
 * character (invisible, and refused by XML), no spaces around it.
 */
function cleanText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, "\n")
      .replace(/\t/g, " ")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
      .replace(/[\u0000-\u0009\u000B-\u001F\u007F\uFFFE\uFFFF]/g, "")
      .trim()
  );
}

function localText(value: z.infer<typeof localTextSchema>): LocalText {
  if (typeof value === "string") {
    const text = cleanText(value);
    return { fr: text, en: text };
  }
  const fr = cleanText(value.fr);
  return { fr, en: value.en === undefined ? fr : cleanText(value.en) };
}

function workshopOf(parsed: z.infer<typeof configSchema>): Workshop {
  const d = DEFAULT_WORKSHOP;
  const text = (value: z.infer<typeof localTextSchema> | undefined) =>
    value === undefined ? null : localText(value);
  const country = text(parsed.country);
  const mali = country === null || /\bmali\b/.test(withoutMarks(country.fr.toLowerCase()));
  return {
    // Another country's workshop does not get Mali's ministry and motto.
    institution: text(parsed.institution) ?? (mali ? d.institution : null),
    country: country ?? { ...d.country },
    motto: text(parsed.motto) ?? (mali ? d.motto : null),
    venue: text(parsed.venue),
    dates: parsed.dates
      ? { from: isoDate(parsed.dates.from) ?? "", to: isoDate(parsed.dates.to) ?? "" }
      : null,
    partners: (parsed.partners ?? []).map(localText),
    context: text(parsed.context),
    objectives: (parsed.objectives ?? []).map(localText),
  };
}

/** A day as it may be written (`2023-07-18`, `18/07/2023`, `8/7/2023`), in the ISO form. */
function dateParts(text: string): { year: number; month: number; day: number } | undefined {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (dmy) return { year: Number(dmy[3]), month: Number(dmy[2]), day: Number(dmy[1]) };
  return undefined;
}

/** A month or a day on two digits: `07`. */
function two(n: number): string {
  return String(n).padStart(2, "0");
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * `2023-07-18` for a day that exists, written either way, in the years a plan may have
 * (1990–2100, as `review` and `plan`); else undefined.
 */
function isoDate(text: string): string | undefined {
  const p = dateParts(text);
  if (!p || p.year < 1990 || p.year > 2100) return undefined;
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysIn(p.year, p.month)) {
    return undefined;
  }
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}

/** The axes a table is written against: propositions plan the new period, the rest review the last. */
export function axesFor(kind: TableKind, config: Config): Axis[] {
  return kind === "propositions" ? config.plan.axes : config.review.axes;
}

/** Reads and checks a configuration file; any problem is an AppError naming the key. */
export function loadConfig(file: string): Config {
  if (!existsSync(file)) {
    throw new AppError(
      "CONFIG_INVALID",
      both((t) => t.errors.configNotFound(file)),
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = String((e as NodeJS.ErrnoException).code);
    throw new AppError(
      "CONFIG_INVALID",
      both((t) => t.errors.configUnreadable(file, t.errors.readReason(code))),
    );
  }
  const json = parseJson(decodeConfig(bytes).text, file);
  const declared = declaredLanguage(json);
  const parsed = configSchema.safeParse(json);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((i) => problemsOf(i, json))),
    ...axisProblems(json),
    ...bandProblems(json),
    ...pathProblems(json),
    ...sessionProblems(json),
    ...synonymProblems(json),
  ];
  if (!parsed.success || problems.length > 0) {
    const error = new AppError(
      "CONFIG_INVALID",
      both((t) =>
        t.errors.configInvalid(
          file,
          problems.map((p) => p(t)),
        ),
      ),
    );
    if (declared) error.declaredLang = declared;
    throw error;
  }
  return resolveConfig(parsed.data, dirname(resolve(file)), resolve(file));
}

/** The `language` a configuration asks for, when it is one atelier speaks. */
function declaredLanguage(json: unknown): Lang | undefined {
  const language = isObject(json) ? json.language : undefined;
  return language === "fr" || language === "en" ? language : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// --- reading the file ---------------------------------------------------------------------------

/**
 * The text of a configuration file: UTF-8 with or without a BOM, UTF-16 with a BOM or without
 * one (told by its NUL bytes), else, when the bytes are not UTF-8, Windows-1252, as Notepad saves
 * « ANSI » on a French Windows.
 */
export function decodeConfig(bytes: Uint8Array): {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
} {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: windows1252(bytes), encoding: "windows-1252" };
  }
}

/**
 * UTF-16 saved without a BOM: the text of a configuration is mostly ASCII and Latin-1 (keys,
 * French words), whose high byte is NUL, at every odd byte in little-endian order and every even
 * byte in big-endian. No UTF-8 or Windows-1252 JSON holds a NUL byte.
 */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (!bytes.includes(0)) return undefined;
  const n = bytes.length - (bytes.length % 2);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const pairs = n / 2;
  if (odd >= pairs / 2 && even <= odd / 8) return "utf-16le";
  if (even >= pairs / 2 && odd <= even / 8) return "utf-16be";
  return undefined;
}

/** The JSON of a configuration; a syntax error names its line and column, and the fix. */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const fault = jsonFault(text) ?? { at: 0, why: (t: Catalogue) => t.errors.json.invalid };
    const { line, column } = lineAndColumn(text, fault.at);
    throw new AppError(
      "CONFIG_INVALID",
      both(
        (t) =>
          `${t.errors.configSyntax(file, line, column, fault.why(t))}\n${excerpt(text, fault.at)}`,
      ),
    );
  }
}

/** 1-based line and column of a position in a text. */
export function lineAndColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: at - start + 1 };
}

/** The line of a position, with a caret under it; a long line is cut around the position. */
function excerpt(text: string, at: number): string {
  const { line, column } = lineAndColumn(text, at);
  const start = at - column + 1;
  const end = text.indexOf("\n", start);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it hides
  let shown = text.slice(start, end === -1 ? undefined : end).replace(/[\u0000-\u001f]/g, " ");
  let caret = column - 1;
  if (shown.length > 72) {
    const from = Math.max(0, Math.min(caret - 36, shown.length - 72));
    shown = `${from > 0 ? "…" : ""}${shown.slice(from, from + 72)}${from + 72 < shown.length ? "…" : ""}`;
    caret = caret - from + (from > 0 ? 1 : 0);
  }
  const margin = String(line).length;
  return `  ${line} | ${shown.trimEnd()}\n  ${" ".repeat(margin)} | ${" ".repeat(caret)}^`;
}

interface JsonFault {
  /** Where to look: the offset of the character in the text. */
  at: number;
  why: (t: Catalogue) => string;
}

/**
 * What makes a text no JSON, where, and how to fix it: JSON.parse says only an offset (and not
 * always), in English, and rarely the fix a person needs (a comma left before `}`, a decimal
 * comma, `'` or `«` for quotes, a Windows path's single `\`).
 */
export function jsonFault(text: string): JsonFault | undefined {
  const n = text.length;
  let i = 0;
  const fault = (at: number, why: (t: Catalogue) => string) =>
    Object.assign(new Error(), { at, why });
  const quote = (s: string) =>
    `« ${s.length === 1 && s < " " ? `U+${s.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : s} »`;
  const wordAt = (at: number) => /^[^\s,:{}[\]"]+/.exec(text.slice(at, at + 80))?.[0] ?? "";
  const space = () => {
    while (i < n) {
      const c = text[i] as string;
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\uFEFF") i++;
      else if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
        throw fault(i, (t) => t.errors.json.comment);
      } else break;
    }
  };
  /** The end of the text, where a missing closer is said: after its last visible character. */
  const end = (closers: string) =>
    fault(text.trimEnd().length, (t) => t.errors.json.unexpectedEnd(quote(closers)));
  const badStart = (c: string, key: boolean) => {
    if (c === "'") return fault(i, (t) => t.errors.json.singleQuotes);
    if ("“”«»„‘’".includes(c)) return fault(i, (t) => t.errors.json.typographicQuotes(c));
    const word = wordAt(i);
    if (!word) return fault(i, (t) => t.errors.json.unexpected(quote(c)));
    if (key) return fault(i, (t) => t.errors.json.unquotedKey(word));
    return fault(i, (t) => t.errors.json.unquotedText(word));
  };
  const string = () => {
    const start = i++;
    while (i < n) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === "\n" || c === "\r") throw fault(start, (t) => t.errors.json.unclosedString);
      if (c < " ") throw fault(i, (t) => t.errors.json.controlCharacter);
      if (c === "\\") {
        const next = text[i + 1] ?? "";
        if ('"\\/bfnrt'.includes(next) && next !== "") i += 2;
        else if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else {
          const sequence = `\\${next}`;
          throw fault(i, (t) => t.errors.json.badEscape(sequence, `\\${sequence}`));
        }
      } else i++;
    }
    throw fault(start, (t) => t.errors.json.unclosedString);
  };
  const number = () => {
    const word = wordAt(i);
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(word)) {
      throw fault(i, (t) => t.errors.json.badNumber(word));
    }
    i += word.length;
  };
  const value = (closers: string): void => {
    space();
    if (i >= n) throw end(closers);
    const c = text[i] as string;
    const word = wordAt(i);
    if (c === "{") members(closers);
    else if (c === "[") items(closers);
    else if (c === '"') string();
    else if (c === "-" || (c >= "0" && c <= "9")) number();
    else if (word === "true" || word === "false" || word === "null") i += word.length;
    else throw badStart(c, false);
  };
  /** After an item: `,` then another, or the closer; a missing comma or a comma before the closer. */
  const next = (close: string, closers: string, itemEnd: number): boolean => {
    space();
    if (i >= n) throw end(close + closers);
    const c = text[i] as string;
    if (c === close) {
      i++;
      return false;
    }
    if (c === ",") {
      const comma = i++;
      space();
      if (text[i] === close) throw fault(comma, (t) => t.errors.json.trailingComma(close));
      return true;
    }
    if (c === "}" || c === "]") throw fault(i, (t) => t.errors.json.unexpected(quote(c)));
    const token = quote(
      c === '"' ? (/^"[^"\n]{0,40}"?/.exec(text.slice(i))?.[0] ?? c) : wordAt(i) || c,
    );
    const previousLine = lineAndColumn(text, i).line > lineAndColumn(text, itemEnd).line;
    throw fault(i, (t) => t.errors.json.missingComma(token, previousLine));
  };
  const members = (closers: string) => {
    i++;
    space();
    if (text[i] === "}") {
      i++;
      return;
    }
    for (;;) {
      space();
      if (i >= n) throw end(`}${closers}`);
      const c = text[i] as string;
      const keyStart = i;
      if (c === '"') string();
      else throw badStart(c, true);
      const key = text.slice(keyStart, i);
      space();
      if (i >= n) throw end(`}${closers}`);
      if (text[i] !== ":") throw fault(i, (t) => t.errors.json.missingColon(key));
      i++;
      space();
      const valueStart = i;
      value(`}${closers}`);
      const valueEnd = i;
      // `0,5` in an object: a decimal comma, not a comma before a key written without quotes.
      if (
        text[i] === "," &&
        /^\d/.test(text.slice(i + 1)) &&
        /^-?\d/.test(text[valueStart] ?? "")
      ) {
        const digits = /^\d+/.exec(text.slice(i + 1))?.[0] ?? "";
        const given = `${text.slice(valueStart, valueEnd)},${digits}`;
        throw fault(valueStart, (t) => t.errors.json.decimalComma(given, given.replace(",", ".")));
      }
      if (!next("}", closers, valueEnd)) return;
    }
  };
  const items = (closers: string) => {
    i++;
    space();
    if (text[i] === "]") {
      i++;
      return;
    }
    for (;;) {
      value(`]${closers}`);
      if (!next("]", closers, i)) return;
    }
  };
  try {
    space();
    if (i >= n) return { at: 0, why: (t) => t.errors.json.empty };
    value("");
    space();
    if (i < n) return { at: i, why: (t) => t.errors.json.extra };
    return undefined;
  } catch (e) {
    if (e instanceof Error && "at" in e) return e as unknown as JsonFault;
    throw e;
  }
}

// --- checking it --------------------------------------------------------------------------------

/** One problem of a configuration, said in a catalogue's language. */
type Problem = (t: Catalogue) => string;

/** What zod knows of a schema, as far as saying what a key holds needs. */
interface Shape {
  _zod: {
    def: {
      type: string;
      innerType?: Shape;
      shape?: Record<string, Shape>;
      element?: Shape;
      valueType?: Shape;
      options?: Shape[];
      entries?: Record<string, string>;
      checks?: { _zod: { def: CheckDef } }[];
    };
  };
}

interface CheckDef {
  check: string;
  format?: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
}

const WRAPPERS = new Set(["default", "optional", "nullable", "readonly", "prefault", "catch"]);

function unwrap(schema: Shape): Shape {
  let s = schema;
  while (WRAPPERS.has(s._zod.def.type) && s._zod.def.innerType) s = s._zod.def.innerType;
  return s;
}

/**
 * The option of a union that a step goes into: the object for a key, the list for a place (a
 * text or `{ fr, en }` has its keys in its object).
 */
function optionFor(schema: Shape | undefined, step: PropertyKey): Shape | undefined {
  if (schema?._zod.def.type !== "union") return schema;
  const type = typeof step === "number" ? "array" : "object";
  const option = schema._zod.def.options?.map(unwrap).find((o) => o._zod.def.type === type);
  return option ?? schema;
}

/** The schema of a key, by its path; undefined past what the schema describes. */
function schemaAt(path: readonly PropertyKey[]): Shape | undefined {
  let s: Shape | undefined = unwrap(configSchema as unknown as Shape);
  for (const step of path) {
    const def: Shape["_zod"]["def"] | undefined = optionFor(s, step)?._zod.def;
    const inner: Shape | undefined =
      def?.type === "object"
        ? def.shape?.[String(step)]
        : def?.type === "array"
          ? def.element
          : def?.type === "record"
            ? def.valueType
            : undefined;
    s = inner && unwrap(inner);
  }
  return s;
}

/** What a key holds, in words: « un nombre entier entre 1990 et 2100 », « une liste de textes ». */
function describe(schema: Shape | undefined, t: Catalogue): string {
  const k = t.errors.kinds;
  if (!schema) return k.value;
  const said = KINDS_SAID.get(schema);
  if (said) return said(t);
  const def = schema._zod.def;
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  switch (def.type) {
    case "number": {
      const kind = checks.some((c) => c.format === "safeint" || c.format === "int32")
        ? k.integer
        : k.number;
      const min = checks.find((c) => c.check === "greater_than");
      const max = checks.find((c) => c.check === "less_than");
      if (min?.value !== undefined && max?.value !== undefined) {
        // A whole number above 0 and at most 16384 is one between 1 and 16384.
        const step = kind === k.integer ? 1 : 0;
        return k.between(
          kind,
          min.inclusive ? min.value : min.value + step,
          max.inclusive ? max.value : max.value - step,
        );
      }
      if (min?.value !== undefined) {
        return min.inclusive ? k.atLeast(kind, min.value) : k.above(kind, min.value);
      }
      if (max?.value !== undefined) return k.atMost(kind, max.value);
      return kind;
    }
    case "string":
      if (checks.some((c) => c.format === "regex")) return t.errors.axisCode;
      return checks.some((c) => c.check === "min_length") ? k.nonEmptyText : k.text;
    case "boolean":
      return k.boolean;
    case "enum":
      return k.oneOf(Object.values(def.entries ?? {}).map((v) => JSON.stringify(v)));
    case "union":
      return t.errors.config.or((def.options ?? []).map((o) => describe(unwrap(o), t)));
    case "array": {
      const element = def.element && unwrap(def.element);
      const type = element?._zod.def.type;
      const list =
        type === "string" || isLocalText(element)
          ? k.texts
          : type === "number"
            ? k.numbers
            : type === "object"
              ? k.objects(keysOf(element).join(", "))
              : k.list;
      return checks.some((c) => c.check === "min_length") ? k.nonEmptyList(list) : list;
    }
    case "object":
      return k.object(keysOf(schema).join(", "));
    case "record":
      return k.map;
    default:
      return k.value;
  }
}

/**
 * The keys of an object schema as people are told them: `$schema` is for editors, never one to
 * suggest.
 */
function keysOf(schema: Shape | undefined): string[] {
  return Object.keys(schema?._zod.def.shape ?? {}).filter((key) => key !== "$schema");
}

/** A text or `{ fr, en }`: a list of them is « une liste de textes ». */
function isLocalText(schema: Shape | undefined): boolean {
  return schema?._zod.def.options?.some((o) => unwrap(o)._zod.def.type === "string") ?? false;
}

/**
 * A value as a problem names it: « le texte "2023" », « le nombre 12 », « une liste »; « une liste
 * vide » where a list is expected.
 */
function foundOf(value: unknown, t: Catalogue, expected?: Shape): string {
  const f = t.errors.found;
  if (Array.isArray(value) && value.length === 0 && expected?._zod.def.type === "array") {
    return f.emptyList;
  }
  if (typeof value === "string") return f.text(JSON.stringify(shorten(value)));
  if (typeof value === "number") return f.number(String(value));
  if (typeof value === "boolean") return f.boolean(String(value));
  if (value === null) return f.null;
  return Array.isArray(value) ? f.list : f.object;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** A key's path as a person finds it in the file: `plan.from`, `review.axes[0].code`. */
function keyOf(path: readonly PropertyKey[], t: Catalogue): string {
  if (path.length === 0) return t.errors.config.root;
  return path
    .map((step, i) =>
      typeof step === "number" ? `[${step}]` : `${i > 0 ? "." : ""}${String(step)}`,
    )
    .join("");
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let v = json;
  for (const step of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[step];
  }
  return v;
}

/** The closest names to a typo, quoted and joined (« a » ou « b »); empty when none is close. */
function nearOf(word: string, names: readonly string[], t: Catalogue): string {
  const near = similar(word, names);
  return near.length > 0 ? t.errors.config.or(near.map(t.errors.config.quote)) : "";
}

/**
 * One zod issue in the catalogue's words: the key, what it must hold and what it holds. zod's own
 * (English) messages are never shown: only the issue's code and path are used.
 */
function problemsOf(issue: z.core.$ZodIssue, json: unknown): Problem[] {
  const path = issue.path;
  if (issue.code === "invalid_union") {
    // A value of one option's kind (an object where a text or `{ fr, en }` is expected) has
    // that option's problems; one of no option's kind is said as any wrong kind is.
    const own = issue.errors.filter(
      (errors) => !errors.some((e) => e.code === "invalid_type" && e.path.length === 0),
    );
    if (own.length === 1) {
      return (own[0] ?? []).flatMap((e) => problemsOf({ ...e, path: [...path, ...e.path] }, json));
    }
  }
  if (issue.code === "unrecognized_keys") {
    const schema = optionFor(schemaAt(path), "");
    const names = keysOf(schema);
    // `$schema` is never listed, but a misspelt one is told its spelling.
    const spelt = Object.keys(schema?._zod.def.shape ?? {});
    return issue.keys.map(
      (name) => (t) =>
        t.errors.config.unknownKey(
          keyOf([...path, name], t),
          nearOf(name, spelt, t),
          names.join(", "),
        ),
    );
  }
  if (issue.code === "custom" && issue.message === "periodOrder") {
    const period = valueAt(json, path.slice(0, -1)) as { from?: number; to?: number };
    return [
      (t) =>
        t.errors.config.key(keyOf(path, t), t.errors.periodOrder(period.from ?? 0, period.to ?? 0)),
    ];
  }
  if (issue.code === "custom" && issue.message === "dateOrder") {
    const dates = valueAt(json, path.slice(0, -1)) as { from?: string; to?: string };
    return [
      (t) =>
        t.errors.config.key(
          keyOf(path, t),
          t.errors.config.dateOrder(String(dates.from), String(dates.to)),
        ),
    ];
  }
  const value = valueAt(json, path);
  if (issue.code === "custom" && issue.message === "emptyText" && typeof value === "string") {
    const last = path.at(-1);
    // An item can leave its list and `en` its object (the French stands for it); `fr` must stay.
    const remove = typeof last === "number" ? "item" : last === "fr" ? undefined : "key";
    return [(t) => t.errors.config.key(keyOf(path, t), t.errors.config.emptyText(value, remove))];
  }
  const schema = schemaAt(path);
  return [
    (t) => {
      const expected = describe(schema, t);
      if (value === undefined) return t.errors.config.missing(keyOf(path, t), expected);
      const unquote =
        typeof value === "string" &&
        schema?._zod.def.type === "number" &&
        value.trim() !== "" &&
        Number.isFinite(Number(value))
          ? t.errors.config.unquote(value.trim())
          : "";
      return `${t.errors.config.wrong(keyOf(path, t), expected, foundOf(value, t, schema))}${unquote}${closeHint(value, schema, t)}`;
    },
  ];
}

/**
 * What a wrong value needs to be right, when it is close: a text where a list of texts is
 * expected goes between brackets; a day that does not exist, or written month first, is said.
 */
function closeHint(value: unknown, schema: Shape | undefined, t: Catalogue): string {
  const w = t.errors.config;
  if (typeof value !== "string") return "";
  if (schema?._zod.def.type === "array" && isLocalText(schema._zod.def.element)) {
    return w.brackets(JSON.stringify([shorten(value.trim())]));
  }
  if (schema !== (dateSchema as unknown as Shape)) return "";
  const p = dateParts(value);
  if (!p) return "";
  if (p.month < 1 || p.month > 12) {
    const swapped = /\//.test(value) && p.day >= 1 && p.day <= 12;
    const fixed = `${two(p.month)}/${two(p.day)}/${p.year}`;
    return swapped && isoDate(fixed) ? w.dayFirst(fixed) : w.noMonth(p.month);
  }
  const days = daysIn(p.year, p.month);
  return p.day > days ? w.noDay(p.month, p.year, days) : "";
}

/** The fields whose closed list of values `synonyms` can add to, in registry order. */
function closedFields(): FieldSpec[] {
  const seen = new Map<string, FieldSpec>();
  for (const f of Object.values(KINDS).flat() as FieldSpec[]) {
    if (f.type === "enum" && f.values && !seen.has(f.id)) seen.set(f.id, f);
  }
  return [...seen.values()];
}

/**
 * `synonyms` names fields and values by id: a name that is none of them (a typo, a label such as
 * « Statut » or « Réalisé », a field with no closed list) would be ignored in silence, and the
 * synonym with it.
 */
function synonymProblems(json: unknown): Problem[] {
  const synonyms = isObject(json) ? json.synonyms : undefined;
  if (!isObject(synonyms)) return [];
  const closed = closedFields();
  const fieldIds = closed.map((f) => f.id);
  const allFields = new Set((Object.values(KINDS).flat() as FieldSpec[]).map((f) => f.id));
  const problems: Problem[] = [];
  for (const [name, values] of Object.entries(synonyms)) {
    const key = (t: Catalogue) => keyOf(["synonyms", name], t);
    const field = closed.find((f) => f.id === name);
    if (!field) {
      // A label (« Statut », « Status ») names its field's id.
      const labels = closed.flatMap((f) => [f.id, f.fr, f.en]);
      const byLabel = (label: string) => closed.find((f) => [f.id, f.fr, f.en].includes(label))?.id;
      problems.push(
        allFields.has(name)
          ? (t) => t.errors.config.notClosed(key(t), fieldIds.join(", "))
          : (t) => {
              const near = [...new Set(similar(name, labels).map((l) => byLabel(l) ?? l))];
              return t.errors.config.unknownField(
                key(t),
                near.length > 0 ? t.errors.config.or(near.map(t.errors.config.quote)) : "",
                fieldIds.join(", "),
              );
            },
      );
      continue;
    }
    if (!isObject(values)) continue;
    const known = field.values ?? [];
    const ids = known.map((v) => v.id);
    const labels = known.flatMap((v) => [v.id, v.fr, v.en]);
    const byLabel = (label: string) => known.find((v) => [v.id, v.fr, v.en].includes(label))?.id;
    for (const value of Object.keys(values)) {
      if (ids.includes(value)) continue;
      problems.push((t) => {
        const valueKey = keyOf(["synonyms", name, value], t);
        const near = [...new Set(similar(value, labels).map((l) => byLabel(l) ?? l))];
        return t.errors.config.unknownValue(
          valueKey,
          field.id,
          near.length > 0 ? t.errors.config.or(near.map(t.errors.config.quote)) : "",
          ids.join(", "),
        );
      });
    }
    problems.push(...meaningProblems(name, field, values));
  }
  return problems;
}

/** Two axes of a period with one code or one number: rows could not say which one they mean. */
function axisProblems(json: unknown): Problem[] {
  if (!isObject(json)) return [];
  const problems: Problem[] = [];
  for (const period of ["review", "plan"]) {
    const value = json[period];
    const axes = isObject(value) ? value.axes : undefined;
    if (!Array.isArray(axes)) continue;
    const path = [period, "axes"];
    for (const part of ["code", "number"] as const) {
      const at = new Map<string | number, number[]>();
      axes.forEach((axis, i) => {
        const v = isObject(axis) ? axis[part] : undefined;
        if (typeof v === "string" || typeof v === "number") at.set(v, [...(at.get(v) ?? []), i]);
      });
      for (const [v, where] of at) {
        if (where.length < 2) continue;
        const places = where.map((i) => `[${i}]`);
        problems.push((t) =>
          part === "code"
            ? t.errors.config.sameAxisCode(keyOf(path, t), String(v), places)
            : t.errors.config.sameAxisNumber(keyOf(path, t), Number(v), places),
        );
      }
    }
  }
  return problems;
}

const DEFAULT_BANDS = { satisfaisant: 0.75, moyen: 0.5 };

/** `moyen` below `satisfaisant`, the defaults standing for a band not given. */
function bandProblems(json: unknown): Problem[] {
  const bands = isObject(json) ? json.bands : undefined;
  if (!isObject(bands)) return [];
  const band = (name: "satisfaisant" | "moyen") => {
    const v = bands[name];
    if (v === undefined) return { value: DEFAULT_BANDS[name], given: false };
    return typeof v === "number" && v >= 0 && v <= 1 ? { value: v, given: true } : undefined;
  };
  const satisfaisant = band("satisfaisant");
  const moyen = band("moyen");
  if (!satisfaisant || !moyen || moyen.value < satisfaisant.value) return [];
  return [
    (t) =>
      t.errors.config.bandsOrder(
        keyOf(["bands"], t),
        moyen.value,
        moyen.given,
        satisfaisant.value,
        satisfaisant.given,
      ),
  ];
}

/** The keys that hold a path. */
const PATH_KEYS = ["reference", "output"] as const;

/** The JSON escapes that make a control character, by the character. */
const ESCAPES: Record<string, string> = { "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t" };

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROLS = /[\u0000-\u001f]/g;

/**
 * A path with a control character: a Windows path whose single `\` made a JSON escape
 * (`D:\tableaux\nouveau` holds a tab and a line break), said with the path as it must be written.
 */
function pathProblems(json: unknown): Problem[] {
  if (!isObject(json)) return [];
  const problems: Problem[] = [];
  for (const name of PATH_KEYS) {
    const value = json[name];
    if (typeof value !== "string" || !CONTROL.test(value)) continue;
    const letters = [...new Set(value.match(/[\b\f\n\r\t]/g) ?? [])].map((c) => ESCAPES[c] ?? "");
    // The path as it was typed: each escape back to its `\` and letter; other controls dropped.
    const typed = value.replace(/[\b\f\n\r\t]/g, (c) => `\\${ESCAPES[c]}`).replace(CONTROLS, "");
    const doubled = JSON.stringify(typed);
    const slashed = JSON.stringify(typed.replaceAll("\\", "/"));
    problems.push((t) =>
      letters.length > 0
        ? t.errors.config.pathEscapes(keyOf([name], t), letters, doubled, slashed)
        : t.errors.config.pathControl(keyOf([name], t), doubled),
    );
  }
  return problems;
}

/**
 * Why a session's name cannot be a folder's name (`atelier init` and `template --groupes` make
 * one folder per session), on Windows as elsewhere; undefined when it can.
 */
export function sessionNameFault(name: string): ((t: Catalogue) => string) | undefined {
  const why = (t: Catalogue) => t.errors.config.folderName;
  if (CONTROL.test(name)) return (t) => why(t).control;
  if (name === "." || name === "..") return (t) => why(t).dots;
  if (/[/\\]/.test(name)) return (t) => why(t).separator;
  const refused = [...new Set(name.match(/[:*?"<>|]/g) ?? [])];
  if (refused.length > 0) return (t) => why(t).windowsCharacters(refused);
  const reserved = WINDOWS_RESERVED.exec(name)?.[1];
  if (reserved) return (t) => why(t).reserved(reserved.toUpperCase());
  if (/[. ]$/.test(name)) return (t) => why(t).trailing;
  return undefined;
}

/** A name as a message shows it: its control characters as JSON escapes. */
function visible(text: string): string {
  return text.replace(CONTROLS, (c) => JSON.stringify(c).slice(1, -1));
}

function sessionProblems(json: unknown): Problem[] {
  const sessions = isObject(json) ? json.sessions : undefined;
  if (!Array.isArray(sessions)) return [];
  const problems: Problem[] = [];
  if (sessions.length === 0)
    problems.push((t) => t.errors.config.noSessions(keyOf(["sessions"], t)));
  /** The first place of each session as compile tells them apart (`J1`, `j1`, `Jour 1` are one). */
  const first = new Map<string, number>();
  sessions.forEach((name, i) => {
    if (typeof name !== "string" || name === "") return;
    const fault = sessionNameFault(name);
    if (fault) {
      problems.push((t) =>
        t.errors.config.sessionName(keyOf(["sessions", i], t), visible(name), fault(t)),
      );
      return;
    }
    const at = first.get(sessionKey(name));
    if (at === undefined) first.set(sessionKey(name), i);
    else {
      const earlier = String(sessions[at]);
      problems.push((t) =>
        t.errors.config.sameSession(
          keyOf(["sessions", i], t),
          name,
          earlier,
          keyOf(["sessions", at], t),
        ),
      );
    }
  });
  return problems;
}

/**
 * How the value matcher compares a label with the others: folded, marks of gender and number
 * dropped, each word in the singular (`Réalisé(e)s` is `realise`).
 */
function labelForm(text: string): string {
  return singularWords(labelKey(text));
}

/**
 * The synonyms of one closed field that would change what a cell means: one that already names
 * another value (its id, a label or a built-in synonym, as the value matcher reads them), and one
 * given for two values. One that names its own value already is harmless, and taken.
 */
function meaningProblems(name: string, field: FieldSpec, values: Record<string, unknown>) {
  const known = field.values ?? [];
  const problems: Problem[] = [];
  /** The value each synonym given so far names, by its matching form. */
  const given = new Map<string, EnumValue>();
  for (const [id, list] of Object.entries(values)) {
    const value = known.find((v) => v.id === id);
    if (!value || !Array.isArray(list)) continue;
    const key = (t: Catalogue) => keyOf(["synonyms", name, id], t);
    for (const synonym of list) {
      if (typeof synonym !== "string") continue;
      const form = labelForm(synonym);
      // `N/A`, `-`, spaces: a cell that says it is empty, which no synonym can name.
      if (form === "" || isEmptyText(synonym)) {
        problems.push((t) => t.errors.config.synonymEmpty(key(t), synonym));
        continue;
      }
      const meant = enumValueOf(field, synonym);
      const other = known.find((v) => v.id === meant);
      if (other && other.id !== id) {
        problems.push((t) => t.errors.config.synonymTaken(key(t), synonym, other));
        continue;
      }
      const earlier = given.get(form);
      if (earlier && earlier.id !== id) {
        const where = earlier.id;
        problems.push((t) =>
          t.errors.config.synonymTwice(
            key(t),
            synonym,
            earlier,
            keyOf(["synonyms", name, where], t),
          ),
        );
      } else if (!earlier) given.set(form, value);
    }
  }
  return problems;
}

/**
 * The configuration of the nearest folder at or above `start` that has one; else the defaults.
 * `loaded` keeps the files already read, so that a command reads each one once.
 */
export function findConfig(start: string, loaded = new Map<string, Config>()): Config {
  let dir = resolve(start);
  for (;;) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) {
      const known = loaded.get(file);
      if (known) return known;
      const config = loadConfig(file);
      loaded.set(file, config);
      return config;
    }
    const parent = dirname(dir);
    if (parent === dir) return defaultConfig(resolve(start));
    dir = parent;
  }
}
