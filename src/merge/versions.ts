import { posix } from "node:path";
import type { Kind } from "../fields.js";
import type { Replacement } from "../model.js";
import { compareText, sessionKey } from "../text.js";
import { versionMarks } from "../validate/provenance.js";
import { type Entry, groupOf, type SourceVersion } from "./compare.js";

/**
 * Versions: two files of the same group in the same session are one submission corrected, not a
 * disagreement. For every row the newer file holds, the older file's row is replaced: it is
 * listed with the row that replaced it, and takes no part in the merge. Rows of the older file
 * that the newer one does not hold stay.
 */

/**
 * Modification times closer than this are the same time: FAT-formatted USB keys store them to
 * 2 s, and a checkout writes files in no meaningful order.
 */
const SAME_TIME_MS = 2000;

const stem = (file: string) => file.slice(0, file.length - posix.extname(file).length);

/** `> 0` when file `a` is newer than file `b`: Identification date, else modification time, else name. */
export function compareVersions(
  a: { file: string; version: SourceVersion },
  b: { file: string; version: SourceVersion },
): number {
  const da = a.version.date;
  const db = b.version.date;
  if (da && db && da !== db) return da < db ? -1 : 1;
  const ma = a.version.modified;
  const mb = b.version.modified;
  if (ma !== null && mb !== null && Math.abs(ma - mb) > SAME_TIME_MS) return ma - mb;
  // A name that says it is a version (`-v2`, `corrige`, a date) is newer than one that does not;
  // then `groupe-3-v2` < `groupe-3-v10`: in natural order, the later name is the newer (compared
  // without extensions, as `.` sorts after `-`).
  return (
    versionMarks(a.file) - versionMarks(b.file) ||
    compareText(stem(a.file), stem(b.file)) ||
    compareText(a.file, b.file)
  );
}

const fileOf = (e: Entry) => ({ file: e.source.file, version: e.version });

/** A group in a session: where two files are two versions of one submission. */
const slotOf = (e: Entry) => `${groupOf(e.source)}\u0000${sessionKey(e.source.session ?? "")}`;

/** The entries of one identity without the replaced ones, which join `replaced`. */
export function dropReplaced(
  kind: Kind,
  key: string,
  entries: Entry[],
  replaced: Replacement[],
): Entry[] {
  const newest = new Map<string, Entry>();
  for (const e of entries) {
    const slot = slotOf(e);
    const seen = newest.get(slot);
    if (!seen || compareVersions(fileOf(e), fileOf(seen)) > 0) newest.set(slot, e);
  }
  return entries.filter((e) => {
    const slot = slotOf(e);
    const by = newest.get(slot) as Entry;
    if (by.source.file === e.source.file) return true;
    replaced.push({ kind, key, source: e.source, by: by.source });
    return false;
  });
}
