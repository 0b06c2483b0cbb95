/**
 * Differential check of atelier's CSV reader (`dist/read/csv.js`, after `npm run build`) against
 * the reader it replaced: Node's decoders + csv-parse 6 with the options atelier used. Random
 * files (BOMs, UTF-16, Windows-1252, broken UTF-8, quotes in every position, NUL bytes, mixed
 * line endings, blank lines, unclosed quotes), each fed to the streaming reader cut into random
 * chunks, must give the same rows, row numbers, encoding, delimiter and issues.
 *
 *   node bench/check-csv.mjs [cases=20000] [seed=1]
 */
import { parse } from "csv-parse/sync";
import { rng } from "./generate.mjs";

/** Compiled sources to check: `dist/` unless ATELIER_DIST names another build (relative to bench/). */
const dist = process.env.ATELIER_DIST ?? "../dist";
const cases = Number(process.argv[2] ?? 20000);
const seed = Number(process.argv[3] ?? 1);

// --- the previous reader, as it was (decode, csv-parse sync, rows) -------------------------------

const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function oldDecode(data, firstInvalidUtf8) {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(data.subarray(3)), encoding: "utf-8" };
  }
  if (data[0] === 0xff && data[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(data.subarray(2)), encoding: "utf-16le" };
  }
  if (data[0] === 0xfe && data[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(data.subarray(2)), encoding: "utf-16be" };
  }
  const n = Math.min(data.length, 4096) & ~1;
  if (n >= 4) {
    let even = 0;
    let odd = 0;
    for (let i = 0; i < n; i += 2) {
      if (data[i] === 0) even++;
      if (data[i + 1] === 0) odd++;
    }
    const half = n / 2;
    const enc =
      odd > half * 0.6 && even < half * 0.1
        ? "utf-16le"
        : even > half * 0.6 && odd < half * 0.1
          ? "utf-16be"
          : undefined;
    if (enc) return { text: new TextDecoder(enc).decode(data), encoding: enc };
  }
  const bad = firstInvalidUtf8(data);
  if (bad === -1) return { text: new TextDecoder("utf-8").decode(data), encoding: "utf-8" };
  let text = "";
  for (const byte of data) {
    text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  }
  return { text, encoding: "windows-1252", badByte: bad };
}

function oldOpenQuote(text) {
  let record = 1;
  let inQuotes = false;
  let openedAt = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (inQuotes && text[i + 1] === '"') i++;
      else {
        inQuotes = !inQuotes;
        if (inQuotes) openedAt = record;
      }
    } else if (!inQuotes && ch === "\n") {
      record++;
    }
  }
  return openedAt;
}

function oldRead(data, csv) {
  const { text, encoding, badByte } = oldDecode(data, csv.firstInvalidUtf8);
  const issues = [];
  if (badByte) issues.push(["encoding-fallback", badByte, data[badByte]]);
  const delimiter = csv.detectDelimiter(text);
  let records;
  try {
    records = parse(text, {
      delimiter,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: false,
    });
  } catch (e) {
    if (/** @type {{ code?: string }} */ (e).code !== "CSV_QUOTE_NOT_CLOSED") throw e;
    issues.push(["file-unreadable", `ligne ${oldOpenQuote(text)}`]);
    return { encoding, delimiter, issues, rows: null };
  }
  const rows = [];
  records.forEach((record, index) => {
    if (record.every((v) => v.trim() === "")) return;
    rows.push([index + 1, record.map((v) => (v === "" ? null : v))]);
  });
  return { encoding, delimiter, issues, rows };
}

function newRead(data, chunkSizes) {
  let k = 0;
  const source = function* () {
    let at = 0;
    while (at < data.length) {
      const size = chunkSizes[k++ % chunkSizes.length];
      yield data.subarray(at, at + size);
      at += size;
    }
  };
  const rows = [];
  const r = streamCsv(source, "x.csv", (row) =>
    rows.push([row.row, row.cells.map((c) => (c ? c.v : null))]),
  );
  const issues = r.issues.map((i) =>
    i.code === "encoding-fallback"
      ? [i.code, i.params.offset, Number.parseInt(i.params.byte, 16)]
      : [i.code, `ligne ${/ligne (\d+)/.exec(i.params.reason)?.[1]}`],
  );
  return { encoding: r.encoding, delimiter: r.delimiter, issues, rows: r.failed ? null : rows };
}

// --- random files ------------------------------------------------------------------------------

const PIECES = [
  "a",
  "b",
  "é",
  "Réalisé",
  " ",
  "1 500 000",
  ";",
  ";",
  ",",
  "\t",
  "|",
  '"',
  '"',
  '""',
  "\n",
  "\r\n",
  "\r",
  "\0",
  "’",
  "😀",
  "\u00a0",
  "x;y;z\r\n",
  '"q;u\r\no"',
  "\ufeff",
];

function randomText(r) {
  let s = "";
  const n = Math.floor(r() * 40);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

function randomBytes(r) {
  const text = randomText(r);
  const u = r();
  let bytes;
  if (u < 0.45) bytes = Buffer.from(text, "utf8");
  else if (u < 0.6) {
    // A BOM, then UTF-8 that may be broken: decoded with replacement characters.
    bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    for (let k = Math.floor(r() * 3); k > 0 && bytes.length > 3; k--) {
      bytes[3 + Math.floor(r() * (bytes.length - 3))] = 0x80 + Math.floor(r() * 128);
    }
  } else if (u < 0.68)
    bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  else if (u < 0.72) bytes = Buffer.from(text, "utf16le");
  else if (u < 0.76) bytes = Buffer.from(text.replace(/[\u0100-\uffff]/g, "?"), "latin1");
  else {
    // UTF-8 with a few bytes replaced by random ones (invalid sequences, cut sequences).
    bytes = Buffer.from(text, "utf8");
    for (let k = Math.floor(r() * 3); k > 0 && bytes.length > 0; k--) {
      bytes[Math.floor(r() * bytes.length)] = Math.floor(r() * 256);
    }
  }
  return bytes;
}

const csv = await import(new URL(`${dist}/read/csv.js`, import.meta.url).href);
const { readCsv, streamCsv } = csv;
const r = rng(seed);
let failures = 0;
const seen = new Map();
const count = (k) => seen.set(k, (seen.get(k) ?? 0) + 1);
for (let c = 0; c < cases; c++) {
  let data = randomBytes(r);
  let sizes = Array.from({ length: 4 }, () => 1 + Math.floor(r() * 7));
  // Now and then a file longer than the delimiter sample (64 Ki characters), in large chunks.
  if (c % 500 === 0 && data.length > 0) {
    data = Buffer.concat(Array.from({ length: Math.ceil(150_000 / data.length) }, () => data));
    sizes = sizes.map((n) => n * 10_000 + Math.floor(r() * 999));
  }
  const old = oldRead(data, csv);
  count(old.encoding);
  if (old.rows === null) count("guillemet non fermé");
  if (old.rows?.some(([, cells]) => cells.some((v) => v !== null && /^"[\s\S]*"./.test(v)))) {
    count("guillemets gardés");
  }
  const expected = JSON.stringify(old);
  const streamed = JSON.stringify(newRead(data, sizes));
  const whole = readCsv(data, "x.csv");
  const wholeRows = whole.sheets[0]?.rows.map((row) => [
    row.row,
    row.cells.map((x) => (x ? x.v : null)),
  ]);
  const wholeOk = JSON.stringify(wholeRows ?? null) === JSON.stringify(JSON.parse(expected).rows);
  if (expected !== streamed || !wholeOk) {
    failures++;
    if (failures <= 5) {
      console.log("MISMATCH", JSON.stringify([...data].map((b) => b.toString(16)).join(" ")));
      console.log("  chunks  ", sizes.join(","));
      console.log("  expected", expected);
      console.log("  streamed", streamed);
      console.log("  whole ok", wholeOk);
    }
  }
}
console.log(
  `${cases - failures}/${cases} identiques (${[...seen].map(([k, n]) => `${k} ${n}`).join(", ")})`,
);
process.exitCode = failures === 0 ? 0 : 1;
