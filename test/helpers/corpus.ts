import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";

/**
 * The public corpus of tricky files, read where it stands: `../shared/corpus/` beside the
 * checkout (its MANIFEST.md says what each file should give). It is not part of the project, so
 * on a machine without it the suites that need it are skipped, and their title says why.
 */
const ROOT = new URL("../../../shared/corpus/", import.meta.url);

export const CORPUS_DIR = fileURLToPath(ROOT);

const present = existsSync(CORPUS_DIR);

/** Bytes of one corpus file, `path` relative to the corpus root with `/`. */
export function corpusFile(path: string): Buffer {
  return readFileSync(new URL(path, ROOT));
}

/** Corpus files whose path (with `/`) passes `keep`, sorted; none when the corpus is absent. */
export function corpusFiles(keep: (path: string) => boolean): string[] {
  if (!present) return [];
  return readdirSync(CORPUS_DIR, { recursive: true, encoding: "utf8" })
    .map((p) => p.replaceAll("\\", "/"))
    .filter(keep)
    .sort();
}

/** `describe`, skipped with the reason in its title when the corpus is not beside the checkout. */
export const describeCorpus = (name: string, body: () => void) =>
  present
    ? describe(name, body)
    : describe.skip(`${name} [skipped: no public corpus at ${CORPUS_DIR}]`, body);
