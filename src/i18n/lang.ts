/** The languages atelier speaks: French first, English with `--lang en`. */
export type Lang = "fr" | "en";

export const LANGS: readonly Lang[] = ["fr", "en"];

/** A text in every language, for values made before the language is known. */
export type Localized = Readonly<Record<Lang, string>>;
