/**
 * Text folding and fuzzy matching shared by header matching, enum parsing and clustering.
 * Folding is locale-independent on purpose: the same bytes give the same key on every laptop.
 */

const SPACES = /[\s\u00a0\u202f\u2007\u2009\u200b]+/g;
const APOSTROPHES = /[’‘`´ʼ′]/g;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * NFC, control characters (NUL bytes from broken exports) removed, non-breaking and odd spaces as
 * plain spaces, runs collapsed, trimmed.
 */
export function clean(text: string): string {
  return text.normalize("NFC").replace(CONTROLS, "").replace(SPACES, " ").trim();
}

/** Lower case without accents, typographic apostrophes and quotes made plain, spaces collapsed. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/œ/g, "oe")
    .replace(/Œ/g, "OE")
    .replace(/æ/g, "ae")
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/[«»“”„]/g, '"')
    .replace(SPACES, " ")
    .trim();
}

/**
 * The form in which two rows' texts are compared for identity: case, spacing (also before
 * `; : ! ?` and inside « »), typographic quotes and apostrophes folded; accents kept.
 */
export function identityText(text: string): string {
  // Activity codes, most of what merging compares, have nothing to fold.
  if (/^[\da-z._-]*$/.test(text)) return text;
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/«\s*/g, '"')
    .replace(/\s*»/g, '"')
    .replace(/[“”„]/g, '"')
    .replace(SPACES, " ")
    .replace(/ ([;:!?])/g, "$1")
    .trim();
}

/** `fold`, then every run of punctuation as one space: for matching labels and enum values. */
export function foldWords(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}%]+/gu, " ")
    .trim();
}

/**
 * Levenshtein distance, bounded: returns `max + 1` as soon as the distance exceeds `max`. With
 * `swaps`, two adjacent letters exchanged count as one edit (`strcit` is one from `strict`).
 */
export function distance(
  a: string,
  b: string,
  max = Number.POSITIVE_INFINITY,
  swaps = false,
): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (swaps && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (before[j - 2] ?? 0) + 1);
      }
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    // A swap reaches back two rows: a row all above `max` does not end the search then.
    if (rowMin > max && !swaps) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The candidate closest to `input` once both are folded, if it is close enough to be a likely
 * typo: one edit for short words, two for most, a quarter of the length for long labels.
 */
export function closest<T>(
  input: string,
  candidates: readonly T[],
  keyOf: (c: T) => string,
): T | undefined {
  const key = foldWords(input);
  let best: T | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const k = foldWords(keyOf(c));
    const len = Math.max(k.length, key.length);
    const limit = Math.min(key.length, k.length) <= 4 ? 1 : Math.max(2, Math.floor(len / 4));
    const d = distance(key, k, limit);
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/**
 * The candidates closest to `word`, for a « vouliez-vous dire » after a typo: an option, a
 * command, an allowed value, a configuration key. Case and accents are ignored; a swap of two
 * letters counts as one edit; at most 3 edits and less than 60 % of the word changed; the best
 * ones only, in their given order (several when they are as close). `closest` is the one-answer
 * rule for what a group typed in a sheet.
 */
export function similar(word: string, candidates: readonly string[]): string[] {
  const key = fold(word);
  let best: string[] = [];
  let bestDistance = 4;
  for (const candidate of candidates) {
    const other = fold(candidate);
    if (other.length < 2 || best.includes(candidate)) continue;
    const d = distance(key, other, 3, true);
    const length = Math.max(key.length, other.length);
    if (d > 3 || (length - d) / length <= 0.4) continue;
    if (d < bestDistance) {
      bestDistance = d;
      best = [candidate];
    } else if (d === bestDistance) best.push(candidate);
  }
  return best;
}

let collator: Intl.Collator | undefined;

/**
 * Natural order: `J2` before `J10`, accents and case ignored. The collator is made when first
 * needed: ICU takes about 10 ms to make one, which every command would pay at start-up.
 */
export function naturalCompare(a: string, b: string): number {
  collator ??= new Intl.Collator("fr", { numeric: true, sensitivity: "base" });
  return collator.compare(a, b);
}

/**
 * Group and session keys already made: every row asks for its group's and its session's, and a
 * workshop has a few of each, so a row of 100,000 pays a lookup instead of folding its names
 * again. Bounded: names are read from files.
 */
const groupKeys = new Map<string, string>();
const sessionKeys = new Map<string, string>();

function remembered(memo: Map<string, string>, name: string, make: (name: string) => string) {
  let key = memo.get(name);
  if (key === undefined) {
    key = make(name);
    if (memo.size < 1024) memo.set(name, key);
  }
  return key;
}

/**
 * A working group's name as groups are compared: `Groupe 3`, `groupe-3`, `groupe_03`, `G3`,
 * `GT 3` and `Groupe n° 3` are one group, as a group named in its Identification sheet and the same group
 * named from its file name must be.
 */
export function groupKey(name: string): string {
  return remembered(groupKeys, name, groupKeyNow);
}

function groupKeyNow(name: string): string {
  return (
    identityText(name)
      .replace(/\bn\s*[°o]\s*(?=\d)/g, "")
      // `G1`, `GT 1`, `Groupe 1`, `Group 1`: the word before a group's number says nothing more.
      .replace(/^(?:groupe?|grp|gt|g)(?:\s+de\s+travail)?[\s._\-–—]*(?=\d)/, "")
      .replace(/[\s._\-–—()/]+/g, " ")
      .replace(/\b0+(?=\d)/g, "")
      .trim()
  );
}

/**
 * Dates and years written beside a session's name, as folded text: `J2 - 19/07/2023`,
 * `Jour 2 (20.07)`, `J3 du 20 juillet`.
 */
const DATES =
  /\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d{1,2}(?:er)?\s+(?:janv|janvier|fevr?|fevrier|mars|avr|avril|mai|juin|juil|juillet|aout|sept|septembre|oct|octobre|nov|novembre|dec|decembre|jan|january|feb|february|march|apr|april|may|june|jul|july|aug|august|september|october|november|december)\b\.?(?:\s+\d{4})?|\b(?:19|20)\d{2}\b|\b(?:du|le|the)\b/gu;

/** A session named by its number alone: `J2`, `Jour 2`, `Session 02`, `2`, `2e jour`. */
const NUMBERED_SESSION =
  /^(?:(?:j|jour|journee|session|seance|s|day|d)\s*)?0*(\d+)(?:\s*(?:e|eme|er|ere|nd|th))?(?:\s+(?:jour|journee|session|day))?$/;

/**
 * A session as sessions are compared: `J2`, `j2`, `Jour 2`, `Session 2`, `2` and
 * `J2 - 19/07/2023` are one session (its number, the dates beside it set aside); anything more
 * (`J1 bis`, `J1 matin`) is a session of its own, compared by its text.
 */
export function sessionKey(name: string): string {
  return remembered(sessionKeys, name, sessionKeyNow);
}

function sessionKeyNow(name: string): string {
  const bare = fold(name)
    .replace(DATES, " ")
    .replace(/[()[\]\-–—_.,:;/]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const number = NUMBERED_SESSION.exec(bare)?.[1];
  return number === undefined ? identityText(name) : `#${Number(number)}`;
}

/** Natural order, then code points: a total order, so that output never depends on input order. */
export function compareText(a: string, b: string): number {
  // Sorting 100,000 rows asks this a few million times, mostly of one file's name against itself
  // or of two activity codes: both are answered here, the collator (about a microsecond a call)
  // for the rest.
  if (a === b) return 0;
  if (DOTTED.test(a) && DOTTED.test(b)) return compareDotted(a, b);
  return naturalCompare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** An activity code as plans number them: `1.2.10`, numbers without leading zeros. */
const DOTTED = /^(?:0|[1-9]\d{0,14})(?:\.(?:0|[1-9]\d{0,14}))*$/;

/** Natural order of two dotted codes, number by number: what the collator gives them. */
function compareDotted(a: string, b: string): number {
  const x = a.split(".");
  const y = b.split(".");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = Number(x[i]) - Number(y[i]);
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(x.length - y.length);
}

/** Windows-1252 bytes 0x80–0x9F; Node's decoder maps them to C1 controls, so they are mapped here. */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** Bytes as Windows-1252, the « ANSI » of a French Windows (Excel's CSV, Notepad). */
export function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    .toString("latin1")
    .replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] as string);
}

/** Names Windows keeps for its devices, with or without an extension (`CON`, `nul.txt`); group 1 the name. */
export const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
