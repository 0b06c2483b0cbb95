import { describe, expect, it } from "vitest";
import type { Localized } from "../src/i18n/lang.js";
import { detectDelimiter, firstInvalidUtf8, readCsv } from "../src/read/csv.js";
import { corpusFile as corpus, describeCorpus } from "./helpers/corpus.js";

function read(text: string | Buffer) {
  const r = readCsv(typeof text === "string" ? Buffer.from(text, "utf8") : text, "t.csv");
  return {
    ...r,
    values: (r.sheets[0]?.rows ?? []).map((row) => [row.row, row.cells.map((c) => c?.v ?? null)]),
  };
}

describeCorpus("readCsv on the public corpus", () => {
  // file, encoding, delimiter, non-empty rows (header included), issue codes
  it.each([
    ["frictionless/bom.csv", "utf-8", ",", 3, []],
    ["frictionless/blank-rows-multiple.csv", "utf-8", ",", 3, []],
    ["frictionless/blank-rows-no-fields.csv", "utf-8", ",", 3, []],
    ["frictionless/delimiter.csv", "utf-8", ";", 3, []],
    ["frictionless/issue-1009-semicolon.csv", "utf-8", ";", 2, []],
    ["frictionless/table.tsv", "utf-8", "\t", 4, []],
    ["frictionless/issue-1066-largecellsize.csv", "utf-8", ",", 20, []],
    ["frictionless/encoding-issue-274.csv", "utf-8", ",", 508, []],
    ["frictionless/doublequote.csv", "utf-8", ",", 6, []],
    ["frictionless/latin1.csv", "windows-1252", ",", 3, ["encoding-fallback"]],
    // Greek in ISO-8859-7: read as Windows-1252 it makes runs of accented letters, doubtful.
    ["frictionless/table-infer-iso-8859-7.csv", "windows-1252", ",", 5, ["encoding-uncertain"]],
    ["frictionless/empty.csv", "utf-8", ";", 0, []],
    ["frictionless/without-rows.csv", "utf-8", ",", 1, []],
    [
      "french-locale/frictionless__table-with-accents.csv",
      "windows-1252",
      ";",
      639,
      ["encoding-fallback"],
    ],
    ["french-locale/validateur-bal__sample.csv", "utf-8", ";", 16, []],
    [
      "french-locale/validateur-bal__sample.ansi.csv",
      "windows-1252",
      ";",
      16,
      ["encoding-fallback"],
    ],
    ["french-locale/validateur-bal__without_row.csv", "utf-8", ";", 1, []],
    ["french-locale/csv-detective__a_test_file.csv", "utf-8", ";", 407, []],
    [
      "other-public/bank2ynab__CSV_A_20180414_112204.csv",
      "windows-1252",
      ",",
      4,
      ["encoding-fallback"],
    ],
  ])("%s: %s, %j, %i rows, %j", (file, encoding, delimiter, rows, codes) => {
    const r = readCsv(corpus(file), file);
    expect(r.encoding).toBe(encoding);
    expect(r.delimiter).toBe(delimiter);
    expect(r.sheets[0]?.rows.length).toBe(rows);
    expect(r.issues.map((i) => i.code)).toEqual(codes);
  });

  it("drops the BOM from the first header", () => {
    const r = read(corpus("frictionless/bom.csv"));
    expect(r.values[0]).toEqual([1, ["id", "name"]]);
    const bal = read(corpus("french-locale/validateur-bal__sample.csv"));
    expect(bal.values[0]).toEqual([1, expect.arrayContaining(["cle_interop"])]);
    expect(JSON.stringify(bal.values[0])).toMatch(/^\[1,\["cle_interop"/);
  });

  it("decodes Windows-1252 as such, never as U+FFFD, and says where UTF-8 broke", () => {
    const latin = read(corpus("frictionless/latin1.csv"));
    expect(latin.issues[0]?.params).toEqual({ byte: "A9", offset: 20 });
    expect(JSON.stringify(latin.values)).toContain("©");
    const ansi = read(corpus("french-locale/validateur-bal__sample.ansi.csv"));
    const text = JSON.stringify(ansi.values);
    expect(text).toContain("Entrée");
    expect(text).toContain("François");
    expect(text).not.toContain("\ufffd");
    const accents = read(corpus("french-locale/frictionless__table-with-accents.csv"));
    expect(JSON.stringify(accents.values[0])).toContain('"Date","Année","Occupancy rate"');
  });

  it("keeps the empty records of \\r\\r\\n files out of the rows but in the numbering", () => {
    const r = read(corpus("other-public/bank2ynab__CSV_A_20180414_112204.csv"));
    expect(r.values.map((v) => v[0])).toEqual([1, 3, 5, 7]);
  });
});

describe("readCsv dialects", () => {
  it("maps the Windows-1252 punctuation block (’ œ € «») to the right characters", () => {
    const bytes = Buffer.from([
      0x61, 0x3b, 0x62, 0x0d, 0x0a, 0x92, 0x9c, 0x80, 0xab, 0xbb, 0x3b, 0xe9,
    ]);
    const r = read(bytes);
    expect(r.values[1]).toEqual([2, ["’œ€«»", "é"]]);
  });

  it("numbers rows as a spreadsheet does when a quoted cell holds line breaks", () => {
    const r = read('a;b\r\n"un\r\ndeux\r\ntrois";1\r\nx;2\r\n');
    expect(r.values).toEqual([
      [1, ["a", "b"]],
      [2, ["un\r\ndeux\r\ntrois", "1"]],
      [3, ["x", "2"]],
    ]);
  });

  it("keeps blank lines in the numbering and out of the rows", () => {
    const r = read("a,b\n\n1,2\n,\n3,4\n");
    expect(r.values).toEqual([
      [1, ["a", "b"]],
      [3, ["1", "2"]],
      [5, ["3", "4"]],
    ]);
  });

  it("reads UTF-16 with a BOM", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a;é\r\n1;2\r\n", "utf16le")]);
    expect(read(le).values).toEqual([
      [1, ["a", "é"]],
      [2, ["1", "2"]],
    ]);
    expect(read(le).encoding).toBe("utf-16le");
  });

  it("chooses the delimiter by consistent column counts, not by frequency", () => {
    // Commas inside values must not win over the semicolon that splits every line.
    expect(detectDelimiter("a;b;c\n1,5;2,5;3\n4,1;5;6,2\n")).toBe(";");
    expect(detectDelimiter("id;name\n1;['345']\n2;['1','2']\n")).toBe(";");
    expect(detectDelimiter("a,b\n1,2\n")).toBe(",");
    expect(detectDelimiter("a|b|c\n1|2|3\n")).toBe("|");
    expect(detectDelimiter('a,"b;c",d\n1,"2;3",4\n')).toBe(",");
  });

  it("reports an unterminated quote as an unreadable file with the line where it opens", () => {
    const r = read('a;b\n1;2\n3;"jamais fermé\n4;5\n');
    expect(r.issues.map((i) => [i.code, (i.params.reason as Localized).fr])).toEqual([
      ["file-unreadable", "guillemet ouvert jamais fermé (à partir de la ligne 3)"],
    ]);
    expect(r.sheets).toEqual([]);
  });

  it("finds the first byte that breaks UTF-8", () => {
    expect(firstInvalidUtf8(Buffer.from("abc", "utf8"))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from("é", "utf8"))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe9, 0x62]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a UTF-16 surrogate
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0); // overlong
  });
});
