import { inflateRawSync } from "node:zlib";
import { both, type Catalogue } from "../i18n/index.js";
import type { Localized } from "../i18n/lang.js";

/** Which reason, in the catalogue's words, a file is refused for. */
export type Why = (reasons: Catalogue["terms"]["reasons"]) => string;

/** That reason in both languages. */
export function reason(why: Why): Localized {
  return both((t) => why(t.terms.reasons));
}

/**
 * A guard run before any zip library touches an xlsx: the central directory is read by hand,
 * the declared sizes are summed and refused past the limit, and every entry is then inflated
 * with a ceiling equal to its declared size, so that a zip that lies about its sizes cannot
 * inflate past what was accepted. Returns the reason to refuse, or `undefined`.
 */

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes, in bytes. */
  inflated: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Why the archive is refused: past the size limit (with the declared total), or broken. */
export type ZipRefusal =
  | { tooLarge: number; reason?: undefined }
  | { tooLarge?: undefined; reason: Localized };

export function checkZip(data: Buffer, limits: ZipLimits): ZipRefusal | undefined {
  const broken = (why: Why): ZipRefusal => ({ reason: reason(why) });
  // The end-of-central-directory record sits in the last 64 KiB (it may carry a comment).
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return broken((r) => r.zipDamaged);
  const count = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  const offset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) return broken((r) => r.zip64);
  if (offset + size > data.length) return broken((r) => r.zipDamaged);
  const entries: { method: number; compressed: number; declared: number; local: number }[] = [];
  let total = 0;
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL)
      return broken((r) => r.zipDamaged);
    const method = data.readUInt16LE(p + 10);
    const compressed = data.readUInt32LE(p + 20);
    const declared = data.readUInt32LE(p + 24);
    const nameLength = data.readUInt16LE(p + 28);
    const extraLength = data.readUInt16LE(p + 30);
    const commentLength = data.readUInt16LE(p + 32);
    const local = data.readUInt32LE(p + 42);
    if (declared === 0xffffffff || compressed === 0xffffffff) {
      return broken((r) => r.zip64);
    }
    total += declared;
    if (total > limits.inflated) return { tooLarge: total };
    entries.push({ method, compressed, declared, local });
    p += 46 + nameLength + extraLength + commentLength;
  }
  for (const e of entries) {
    if (e.local + 30 > data.length || data.readUInt32LE(e.local) !== LOCAL) {
      return broken((r) => r.zipDamaged);
    }
    const start = e.local + 30 + data.readUInt16LE(e.local + 26) + data.readUInt16LE(e.local + 28);
    const body = data.subarray(start, start + e.compressed);
    if (body.length < e.compressed) return broken((r) => r.zipDamaged);
    if (e.method === 0) {
      if (e.compressed !== e.declared) return broken((r) => r.zipSizes);
      continue;
    }
    if (e.method !== 8) return broken((r) => r.zipMethod(e.method));
    try {
      // One byte of room: more output than declared means the sizes lie.
      const out = inflateRawSync(body, { maxOutputLength: e.declared + 1 });
      if (out.length !== e.declared) return broken((r) => r.zipSizes);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return broken(code === "ERR_BUFFER_TOO_LARGE" ? (r) => r.zipBomb : (r) => r.zipDamaged);
    }
  }
  return undefined;
}
