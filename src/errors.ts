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
  /** A file of atelier itself is missing: an installation copied in part. */
  | "INSTALLATION"
  | "PATH_NOT_FOUND"
  | "NO_SUBMISSION"
  | "UNSUPPORTED_FORMAT"
  | "CONFIG_INVALID"
  | "OUTPUT_NOT_WRITABLE"
  | "OUTPUT_BUSY"
  | "BROWSER_NOT_FOUND"
  | "PDF_FAILED"
  /** `--changed-since`: git is missing, or cannot say what changed. */
  | "GIT_FAILED";

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
