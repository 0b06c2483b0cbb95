import type { Lang, Localized } from "./i18n/lang.js";

/**
 * The one exception type: atelier cannot run (bad usage, bad configuration, a path that does not
 * exist, a format it cannot open when named explicitly). Problems in the data are `Issue` values.
 * Messages are in both languages, from the catalogue, so that the CLI picks one without the core
 * knowing it: the command's own language once its configuration is read (`lang`), else `--lang`.
 */
export type AppErrorCode =
  | "USAGE"
  /** A variable of the environment atelier reads (`SOURCE_DATE_EPOCH`) that it cannot use. */
  | "ENVIRONMENT"
  | "PATH_NOT_FOUND"
  | "NO_SUBMISSION"
  | "UNSUPPORTED_FORMAT"
  | "CONFIG_INVALID"
  | "OUTPUT_NOT_WRITABLE"
  | "OUTPUT_BUSY"
  | "BROWSER_NOT_FOUND"
  | "PDF_FAILED";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fr: string;
  readonly en: string;
  /** The language of the command that threw it, when its configuration was read by then. */
  lang?: Lang;
  /**
   * The language an invalid configuration asks for (its `language` key), for when neither the
   * command nor `--lang` has set one: the rest of the file could not be used, that key can.
   */
  declaredLang?: Lang;
  constructor(code: AppErrorCode, text: Localized) {
    super(text.en);
    this.name = "AppError";
    this.code = code;
    this.fr = text.fr;
    this.en = text.en;
  }
}

/** An error that stops a command, with the command's language once it is known. */
export type Spoken = Error & { lang?: Lang };

/**
 * Runs a command's `work`: whatever stops it (an AppError, or an internal error) is said in
 * `lang`, the command's language.
 */
export async function speaking<T>(lang: Lang, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof Error) (e as Spoken).lang ??= lang;
    throw e;
  }
}

/**
 * The candidates closest to `word`, for a « vouliez-vous dire » after a typo: an option, a
 * command, an allowed value, a configuration key. Case and accents are ignored; a swap of two
 * letters counts as one edit; at most 3 edits and less than 60 % of the word changed; the best
 * ones only, in their given order (several when they are as close).
 */
export function similar(word: string, candidates: readonly string[]): string[] {
  const key = plain(word);
  let best: string[] = [];
  let bestDistance = 4;
  for (const candidate of candidates) {
    const other = plain(candidate);
    if (other.length < 2 || best.includes(candidate)) continue;
    const d = editDistance(key, other);
    const length = Math.max(key.length, other.length);
    if (d > 3 || (length - d) / length <= 0.4) continue;
    if (d < bestDistance) {
      bestDistance = d;
      best = [candidate];
    } else if (d === bestDistance) best.push(candidate);
  }
  return best;
}

function plain(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.max(a.length, b.length);
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, at(i - 2, j - 2) + 1);
      }
      (d[i] as number[])[j] = v;
    }
  }
  return at(a.length, b.length);
}
