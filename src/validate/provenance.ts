import { posix } from "node:path";

/**
 * Which group a file comes from when nothing in it says so: its name, without the session
 * folder and the version markers people add to a corrected copy, so that `J2-groupe-3.xlsx`,
 * `groupe-3-v2-corrige.xlsx` and `groupe 3 (1).xlsx` stay one group.
 */

/** A marker at the end of a name: version, correction, copy, date. */
const VERSION_MARKER =
  /[\s._-]*(?:v\d+|version[\s._-]*\d*|corrig[ée]e?s?|correction|finale?s?|d[ée]finitif|modifi[ée]e?|revue?|rev\d*|bis|copie|copy|nouveau|nouvelle|\(\d+\)|\d{4}[-_.]\d{2}[-_.]\d{2}|\d{2}[-_.]\d{2}[-_.]\d{4}|\d{8})$/iu;

const SEPARATORS = /^[\s._-]+|[\s._-]+$/gu;

/** A copy's prefix, as file managers name it: `Copie de groupe-3.xlsx`, `Copy of …`. */
const COPY_PREFIX = /^(?:copie\s+de|copy\s+of)\s+/iu;

/** A year alone at the end: `groupe-3-2023` is groupe-3's file of 2023. */
const YEAR = /[\s._-]+(?:19|20)\d{2}$/u;

/** The group a file's name gives, `path` as displayed (`J2/groupe-3-v2-corrige.xlsx`). */
export function groupFromName(path: string, sessionFolder: string | undefined): string {
  return stripped(path, sessionFolder).name;
}

/**
 * How many version markers a file's name carries (`groupe-3-v2-corrige` has two): of two files
 * of one group that nothing else orders, the one that says it is a newer version is.
 */
export function versionMarks(path: string): number {
  return stripped(path, undefined).marks;
}

function stripped(path: string, sessionFolder: string | undefined) {
  const base = posix.basename(path, posix.extname(path));
  let name = base.replace(COPY_PREFIX, "");
  if (sessionFolder) {
    // The session folder's name as a word anywhere: `J2-groupe-3`, `groupe-3_J2_corrige`.
    const session = sessionFolder.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    name = name.replace(new RegExp(`(^|[\\s._-])${session}(?=$|[\\s._-])`, "giu"), "$1");
  }
  let marks = 0;
  for (;;) {
    const trimmed = name.replace(SEPARATORS, "");
    const shorter = trimmed.replace(VERSION_MARKER, "").replace(YEAR, "");
    if (shorter === trimmed) break;
    name = shorter;
    marks++;
  }
  name = name.replace(SEPARATORS, "");
  return { name: name === "" ? base : name, marks };
}
