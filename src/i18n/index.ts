import type { Issue } from "../issues.js";
import { cellOf } from "../issues.js";
import { en } from "./en/index.js";
import { pick, plural } from "./format.js";
import { type Catalogue, fr } from "./fr/index.js";
import type { Lang, Localized } from "./lang.js";

/**
 * Internationalisation: every text a person reads, in one catalogue per language (`fr/`, `en/`),
 * looked up by key. French is the source; a missing key in another language fails to compile,
 * and a test compares the two catalogues key by key.
 */

export type { Catalogue, Lang, Localized };

const CATALOGUES: Record<Lang, Catalogue> = { fr, en };

/** The texts of one language. */
export function catalogue(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}

/**
 * A text in both languages, for what is made before the language is known (the parameters of a
 * problem, an error that stops a command): the output picks one when it is written.
 */
export function both(text: (t: Catalogue, lang: Lang) => string): Localized {
  return { fr: text(fr, "fr"), en: text(en, "en") };
}

/**
 * Fills `{name}` from the issue's params (a text in both languages gives the language's own),
 * then from its location; `undefined` when a placeholder stays empty. A count agrees with its
 * noun: `{count|valeur|valeurs}` is the number and its noun (`plural`), `{count?elle|elles}` the
 * form alone (`pick`).
 */
function fill(template: string, issue: Issue, lang: Lang): string | undefined {
  let missing = false;
  const text = template.replace(
    /\{(\w+)(?:([|?])([^|{}]*)\|([^|{}]*))?\}/g,
    (_, name: string, mark?: string, one?: string, many?: string) => {
      const v =
        issue.params[name] ??
        (issue as unknown as Record<string, string | number | undefined>)[name];
      if (v === undefined) {
        missing = true;
        return "undefined";
      }
      if (mark !== undefined && typeof v !== "object") {
        const n = Number(v);
        return mark === "|"
          ? plural(n, lang, one ?? "", many ?? "")
          : pick(n, lang, one ?? "", many ?? "");
      }
      return typeof v === "object" ? v[lang] : String(v);
    },
  );
  return missing ? undefined : text;
}

/** The problem's message in the language. */
export function messageOf(issue: Issue, lang: Lang): string {
  const template = CATALOGUES[lang].issues[issue.code].message;
  return fill(template, issue, lang) ?? template;
}

/** The fix to suggest; omitted when the hint needs a param this issue does not have. */
export function hintOf(issue: Issue, lang: Lang): string | undefined {
  const text = CATALOGUES[lang].issues[issue.code] as { hint?: string };
  return text.hint === undefined ? undefined : fill(text.hint, issue, lang);
}

/** The §4 record as written to JSON and CSV: every key present, in one order. */
export function recordOf(issue: Issue, lang: Lang) {
  return {
    code: issue.code,
    severity: issue.severity,
    file: issue.file,
    sheet: issue.sheet ?? null,
    row: issue.row ?? null,
    column: issue.column ?? null,
    header: issue.header ?? null,
    cell: cellOf(issue) ?? null,
    field: issue.field ?? null,
    value: issue.value ?? null,
    message: messageOf(issue, lang),
    hint: hintOf(issue, lang) ?? null,
  };
}
