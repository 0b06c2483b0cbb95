import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

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

/**
 * `describe` when the corpus is there; otherwise one skipped test whose title says what is
 * missing, so that the run shows the suite was not tried rather than passing it quietly.
 */
export function describeCorpus(name: string, body: () => void): void {
  if (present) describe(name, body);
  else {
    const why = `${name}: no public corpus at ${CORPUS_DIR}, skipped`;
    console.warn(why);
    it.skip(why, () => {});
  }
}
