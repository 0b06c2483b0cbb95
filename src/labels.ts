import type { EnumValue, FieldSpec } from "./fields.js";
import { fold, foldWords } from "./text.js";

/**
 * How a closed list's value is named: its id, labels, synonyms and the configuration's, folded
 * and in the singular, matched the same way by the value parser (`normalize/values.ts`) and by
 * the configuration's check that a synonym does not name another value (`config.ts`).
 */

/** The configuration's synonyms: field id → value id → extra names. */
export type Synonyms = Record<string, Record<string, string[]>>;

export function enumKeys(v: EnumValue, extra: readonly string[] = []): string[] {
  return [v.id, v.fr, v.en, ...(v.synonyms ?? []), ...extra].map(foldWords);
}

/**
 * A folded label with each word in the singular and, for past participles, the masculine:
 * `realisees` → `realise`, `faiblesses` → `faiblesse`, `nouveaux` → `nouveau`. Applied to the
 * allowed labels and to what was typed alike, so that `Réalisés`, `Abandonnées` or `Menaces` name
 * the value that `Réalisé`, `Abandonné` or `Menace` names.
 */
export function singularWords(key: string): string {
  return key
    .split(" ")
    .map((w) => (w.length > 2 && /[a-z]$/.test(w) ? w.replace(/[sx]$/, "").replace(/ee$/, "e") : w))
    .join(" ");
}

/**
 * The marks of gender and number written in brackets or with a middle dot, dropped: `Faiblesse(s)`,
 * `Réalisé(e)`, `Réalisé(e)s`, `Haute(s)`, `réalisé·e·s` name what `Faiblesse`, `Réalisé` and
 * `Haute` name, as plurals do.
 */
export function withoutMarks(text: string): string {
  if (!text.includes("(") && !text.includes("·")) return text;
  return text.replace(/(\p{L})(?:\((?:e|s|es|x)\)s?|·(?:e·?s?|s))(?![\p{L}])/giu, "$1");
}

/** A closed list's label as typed, folded for its index: marks dropped, then `foldWords`. */
export function labelKey(text: string): string {
  return foldWords(withoutMarks(text));
}

/** A singular form that two allowed values share: it names neither. */
const AMBIGUOUS = "";

/**
 * Labels → value, exact (folded) and in the singular. Exact labels win; a singular form that two
 * values share is ambiguous and names none of them (`cours` and `cour` could not be told apart).
 */
export class LabelIndex {
  private readonly exact = new Map<string, string>();
  private readonly singular = new Map<string, string>();

  add(key: string, id: string) {
    if (!this.exact.has(key)) this.exact.set(key, id);
    const one = singularWords(key);
    const known = this.singular.get(one);
    this.singular.set(one, known === undefined || known === id ? id : AMBIGUOUS);
  }

  get(key: string): string | undefined {
    const found = this.exact.get(key) ?? this.singular.get(singularWords(key));
    return found === AMBIGUOUS ? undefined : found;
  }
}

// Folded label → id, built once per field and synonym set: folding every label for every cell
// was most of the time spent reading large files.
const enumIndexes = new WeakMap<object, WeakMap<FieldSpec, LabelIndex>>();

export function enumIndex(field: FieldSpec, synonyms: Synonyms): LabelIndex {
  let byField = enumIndexes.get(synonyms);
  if (!byField) {
    byField = new WeakMap();
    enumIndexes.set(synonyms, byField);
  }
  let index = byField.get(field);
  if (!index) {
    index = new LabelIndex();
    const extra = synonyms[field.id] ?? {};
    for (const v of field.values ?? []) {
      for (const key of enumKeys(v, extra[v.id])) index.add(key, v.id);
    }
    byField.set(field, index);
  }
  return index;
}

/** Labels → value of an enumeration field, as its parser matches them (for tests and checks). */
export function enumValueOf(
  field: FieldSpec,
  text: string,
  synonyms: Synonyms = {},
): string | undefined {
  return enumIndex(field, synonyms).get(labelKey(text));
}

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
