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

/** The group a file's name gives, `path` as displayed (`J2/groupe-3-v2-corrige.xlsx`). */
export function groupFromName(path: string, sessionFolder: string | undefined): string {
  const base = posix.basename(path, posix.extname(path));
  let name = base;
  if (sessionFolder) {
    const prefix = name.slice(0, sessionFolder.length);
    const rest = name.slice(sessionFolder.length);
    if (prefix.toLowerCase() === sessionFolder.toLowerCase() && /^[\s._-]/u.test(rest)) name = rest;
  }
  for (;;) {
    const shorter = name.replace(VERSION_MARKER, "");
    if (shorter === name) break;
    name = shorter;
  }
  name = name.replace(SEPARATORS, "");
  return name === "" ? base : name;
}
