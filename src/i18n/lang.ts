/** The languages atelier speaks: French first, English with `--lang en`. */
export type Lang = "fr" | "en";

export const LANGS: readonly Lang[] = ["fr", "en"];

/** A text in every language, for values made before the language is known. */
export type Localized = Readonly<Record<Lang, string>>;

/**
 * The one rule for the language of messages and outputs: `--lang`, else the configuration's
 * `language`, else French.
 */
export function languageOf(flag: Lang | undefined, config?: { language?: Lang }): Lang {
  return flag ?? config?.language ?? "fr";
}
