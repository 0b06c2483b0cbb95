import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Content, writeOutputSet } from "../src/commands/output.js";
import { defaultConfig } from "../src/config.js";
import { type FieldSpec, KINDS, STATUTS } from "../src/fields.js";
import { isEmptyText } from "../src/labels.js";
import { contextFor } from "../src/normalize/row.js";
import { parseCell } from "../src/normalize/values.js";
import { detectDelimiter, readCsv, streamCsv } from "../src/read/csv.js";
import { readXlsx } from "../src/read/xlsx.js";
import { csvLines, type FlatTable, kindColumns, toCsv, type Value } from "../src/render/index.js";
import { json, jsonPieces } from "../src/render/json.js";
import { compareText, naturalCompare } from "../src/text.js";
import { validateRaw } from "../src/validate/file.js";

/**
 * Under `npm run mutate` each mutant reruns the properties that reach it: a tenth of the cases
 * there (a mutant is nearly always caught within the first few), all of them in `npm test`.
 */
const runs = (n: number) =>
  process.env.ATELIER_MUTATION === "1" ? Math.max(10, Math.round(n / 10)) : n;

/** Records of a CSV as csv-spectrum writes them: header-keyed objects, empty cells as "". */
function objects(data: Buffer): Record<string, string>[] {
  const rows = readCsv(data, "t.csv").sheets[0]?.rows ?? [];
  const [header, ...body] = rows;
  const keys = (header?.cells ?? []).map((c) => String(c?.v ?? ""));
  return body.map((r) => Object.fromEntries(keys.map((k, i) => [k, String(r.cells[i]?.v ?? "")])));
}

describe("csv-spectrum: the peer test suite of CSV parsers", () => {
  const root = dirname(createRequire(import.meta.url).resolve("csv-spectrum/package.json"));
  const names = readdirSync(join(root, "csvs")).map((f) => f.replace(/\.csv$/, ""));

  it.each(names)("%s parses to its expected records", (name) => {
    const expected = JSON.parse(readFileSync(join(root, "json", `${name}.json`), "utf8"));
    const got = objects(readFileSync(join(root, "csvs", `${name}.csv`)));
    if (name === "location_coordinates") {
      // csv-spectrum 2.0.0's JSON for this file is one object with another phone number than
      // its CSV (which stores U+FFFD itself): the record must be the file's, as written.
      expect(got).toEqual([{ ...expected, "Contact Phone Number": "2095257564" }]);
      return;
    }
    expect(got).toEqual(expected);
  });
});

describe("readers are total", () => {
  it("random bytes never make the CSV reader throw", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const r = readCsv(Buffer.from(bytes), "x.csv");
        expect(r.sheets.length + r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: runs(300) },
    );
  });

  it("random bytes and damaged zips never make the XLSX reader throw", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          fc
            .uint8Array({ maxLength: 512 })
            .map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b])),
        ),
        async (bytes) => {
          const r = await readXlsx(Buffer.from(bytes), "x.xlsx");
          expect(r.sheets).toEqual([]);
          expect(r.issues.map((i) => i.code)).toEqual(["file-unreadable"]);
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it("random CSV structures come back as written, row numbers included", () => {
    const cell = fc.string({
      unit: fc.constantFrom("a", "é", " ", ";", ",", '"', "\n", "\r\n", "x", "1"),
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
            minLength: 1,
            maxLength: 8,
          }),
        ),
        (records) => {
          const text = records
            .map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(";"))
            .join("\r\n");
          const rows = readCsv(Buffer.from(text, "utf8"), "t.csv").sheets[0]?.rows ?? [];
          const expected = records
            .map((r, i) => [i + 1, r] as const)
            .filter(([, r]) => r.some((v) => v.trim() !== ""));
          expect(rows.map((row) => [row.row, row.cells.map((c) => c?.v ?? "")])).toEqual(
            expected.map(([n, r]) => [n, r.map((v) => v)]),
          );
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe("the CSV tokenizer against csv-parse, the reader it replaced", () => {
  /** Rows as csv-parse 6 gives them with the options atelier used; `null` for an open quote. */
  function reference(data: Buffer) {
    const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
    const text = new TextDecoder("utf-8").decode(bom ? data.subarray(3) : data);
    let records: string[][];
    try {
      records = parse(text, {
        delimiter: detectDelimiter(text),
        record_delimiter: ["\r\n", "\n", "\r"],
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        bom: false,
      });
    } catch (e) {
      if ((e as { code?: string }).code === "CSV_QUOTE_NOT_CLOSED") return null;
      throw e;
    }
    return records
      .map((r, i) => [i + 1, r.map((v) => (v === "" ? null : v))] as const)
      .filter(([, r]) => r.some((v) => v !== null && v.trim() !== ""));
  }

  const PIECES = [
    ...["a", "é", "Réalisé", " ", "1 500 000", ";", ";", ",", "\t", "|", '"', '"', '""'],
    ...["\n", "\r\n", "\r", "\0", "’", "😀", "\u00a0", "x;y;z\r\n", '"q;u\r\no"', "\ufeff"],
    // Whole quoted fields, so that well-formed lines with quotes come up too.
    ...['"a""b";', ';"c;d""""e"\r\n', '"";', '"f\ng";h\n'],
  ];

  it("gives csv-parse's rows and row numbers however the bytes are cut", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }),
        // Small cuts, and chunks that hold whole lines (the reader splits those natively).
        fc.array(fc.oneof(fc.integer({ min: 1, max: 7 }), fc.constant(1 << 16)), {
          minLength: 1,
          maxLength: 4,
        }),
        (pieces, sizes) => {
          const data = Buffer.from(pieces.join(""), "utf8");
          // Bytes handed over in chunks of the given sizes, in turn: a quote, a CR or a
          // character's bytes may fall on either side of a cut.
          const source = function* () {
            for (let at = 0, k = 0; at < data.length; k++) {
              const size = sizes[k % sizes.length] as number;
              yield data.subarray(at, at + size);
              at += size;
            }
          };
          const rows: [number, (string | null)[]][] = [];
          const got = streamCsv(source, "t.csv", (row) =>
            rows.push([row.row, row.cells.map((c) => (c ? String(c.v) : null))]),
          );
          // NUL bytes may make the file look like UTF-16; that decoding has tests of its own.
          fc.pre(got.encoding === "utf-8");
          expect(got.failed ? null : rows).toEqual(reference(data));
        },
      ),
      { numRuns: runs(3000) },
    );
  });
});

describe("value parsers are total", () => {
  const config = defaultConfig(".");
  const fields = [
    ...new Map((Object.values(KINDS).flat() as FieldSpec[]).map((f) => [f.id, f])).values(),
  ];

  it.each(fields.map((f) => [f.id, f] as const))(
    "%s: any text or number gives a value or a problem",
    (_id, field) => {
      const ctx = contextFor("propositions", config);
      fc.assert(
        fc.property(
          fc.oneof(fc.string({ maxLength: 30 }), fc.double(), fc.integer(), fc.boolean()),
          (v) => {
            const r = parseCell({ v }, field, ctx);
            expect(r.problem !== undefined || r.value !== undefined).toBe(true);
          },
        ),
        { numRuns: runs(200) },
      );
    },
  );
});

describe("value parsers read numbers as French Excel writes them", () => {
  const ctx = contextFor("bilan", defaultConfig("."));
  const field = (id: string) =>
    (KINDS.bilan as readonly FieldSpec[]).find((f) => f.id === id) as FieldSpec;
  const french = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

  it("a rate with a decimal comma, with or without « % », is that many points", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 10_000 }), fc.boolean(), (hundredths, sign) => {
        const points = hundredths / 100;
        const typed = `${french.format(points)}${sign ? " %" : ""}`;
        expect([typed, parseCell({ v: typed }, field("taux_realisation"), ctx)]).toEqual([
          typed,
          { value: points },
        ]);
      }),
      { numRuns: runs(500) },
    );
  });

  it("an amount with its thousands spaced (narrow, non-breaking or plain) is that amount", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 53 - 1 }),
        fc.constantFrom("\u202f", "\u00a0", " ", ""),
        (amount, space) => {
          const typed = french.format(amount).replace(/\s/g, space);
          expect([typed, parseCell({ v: typed }, field("budget_prevu"), ctx)]).toEqual([
            typed,
            { value: amount },
          ]);
        },
      ),
      { numRuns: runs(500) },
    );
  });
});

describe("normalise ∘ render keeps every accepted value", () => {
  const config = defaultConfig(".");
  // Formula-like texts (`=`, `+`, `-`, `@` first) too: written with a leading `'`, read without.
  const text = fc
    .string({
      unit: fc.constantFrom(
        "a",
        "b",
        "é",
        "ç",
        " ",
        "'",
        "’",
        ";",
        ",",
        '"',
        "1",
        "2",
        ".",
        "n°",
        "=",
        "+",
        "-",
        "@",
      ),
      minLength: 1,
      maxLength: 20,
    })
    .map((s) => s.trim().replace(/\s+/g, " "))
    .filter((s) => !isEmptyText(s) && !/^[-+]?\d+([.,]\d+)?$/.test(s) && !/^[-–—•*·]+ /.test(s));
  // The code's first number is the axis, or a warning would be due.
  const AXES = ["PREV", "PROT", "POUR", "COOR"];
  const row = fc
    .record({
      axe: fc.constantFrom("PREV", "PROT", "POUR", "COOR"),
      code_activite: fc
        .tuple(
          fc.integer({ min: 1, max: 4 }),
          fc.integer({ min: 1, max: 9 }),
          fc.integer({ min: 1, max: 9 }),
        )
        .map((t) => t.join(".")),
      activite: text,
      statut: fc.constantFrom(...STATUTS.map((s) => s.id)),
      // Partial rates with decimals; the others as their status has them (or a warning is due).
      partial: fc.integer({ min: 100, max: 9_999 }).map((n) => n / 100),
      budget_prevu: fc.option(
        fc.oneof(
          fc.integer({ min: 0, max: 2_000_000_000 }),
          fc.integer({ min: 1e12, max: Number.MAX_SAFE_INTEGER }),
          // From 1e21, JavaScript writes numbers with an exponent.
          fc.double({ min: 1e16, max: 1e30, noNaN: true }),
          fc.constant(1e21),
        ),
        { nil: null },
      ),
      resultat: fc.option(text, { nil: null }),
    })
    .map(({ partial, ...r }) => ({
      ...r,
      axe: AXES[Number(r.code_activite[0]) - 1] as string,
      taux_realisation:
        r.statut === "realise"
          ? 100
          : r.statut === "partiel" || r.statut === "en_cours"
            ? partial
            : r.statut === "non_realise"
              ? 0
              : null,
    }));

  it("bilan rows written by our CSV writer, with ids or in words, read back to the same values", () => {
    const columns = kindColumns("bilan", config, "review").filter((c) =>
      [
        "axe",
        "code_activite",
        "activite",
        "statut",
        "taux_realisation",
        "budget_prevu",
        "resultat",
      ].includes(c.name),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (r) => r.code_activite, minLength: 1, maxLength: 10 }),
        fc.constantFrom(undefined, "fr" as const, "en" as const),
        (rows, lang) => {
          const table: FlatTable = {
            name: "bilan",
            title: { fr: "Bilan", en: "Assessment" },
            columns,
            rows: rows.map((r) => columns.map((c) => r[c.name as keyof typeof r] ?? null)),
          };
          const raw = readCsv(Buffer.from(toCsv(table, ";", lang)), "bilan.csv");
          const report = validateRaw(raw, config, undefined);
          expect(report.issues).toEqual([]);
          const back = report.tables[0]?.records.map((r) =>
            Object.fromEntries(columns.map((c) => [c.name, r.values[c.name] ?? null])),
          );
          expect(back).toEqual(rows);
        },
      ),
      { numRuns: runs(150) },
    );
  });
});

describe("a list whose first item looks like a formula", () => {
  it("is written with the mark and read back whole", () => {
    const config = defaultConfig(".");
    const columns = kindColumns("propositions", config, "plan").filter((c) =>
      ["axe", "objectif", "action", "partenaires", "calendrier"].includes(c.name),
    );
    // As the outputs flatten them: a list of partners joined by « ; ».
    const written: Record<string, Value> = {
      axe: "PREV",
      objectif: "=Objectif",
      action: "-Former",
      partenaires: "+Plan International; OIM",
      calendrier: "2024",
    };
    const table: FlatTable = {
      name: "propositions",
      title: { fr: "Propositions", en: "Proposals" },
      columns,
      rows: [columns.map((c) => written[c.name] ?? null)],
    };
    const csv = toCsv(table, ";", "fr");
    expect(csv.split("\r\n")[1]).toBe(
      `1. Prévention;'=Objectif;'-Former;"'+Plan International; OIM";2024`,
    );
    const report = validateRaw(readCsv(Buffer.from(csv), "propositions.csv"), config, undefined);
    const back = report.tables[0]?.records.map((r) =>
      Object.fromEntries(columns.map((c) => [c.name, r.values[c.name] ?? null])),
    );
    // Only the columns this table leaves out are said (indicator, responsible body…).
    const said = report.issues.filter((i) => i.code !== "missing-expected-column");
    expect([said, back]).toEqual([
      [],
      [
        {
          axe: "PREV",
          objectif: "=Objectif",
          action: "-Former",
          partenaires: ["+Plan International", "OIM"],
          calendrier: [2024],
        },
      ],
    ]);
  });
});

describe("outputs written in pieces are the text they make", () => {
  it("jsonPieces gives JSON.stringify's text, to the byte", () => {
    const document = fc.dictionary(
      fc.string(),
      fc.oneof(fc.array(fc.jsonValue()), fc.jsonValue(), fc.constant(undefined)),
    );
    fc.assert(
      fc.property(document, (value) => {
        expect([...jsonPieces(value)].join("")).toBe(json(value));
      }),
      { numRuns: runs(300) },
    );
  });

  it("csvLines gives toCsv's text, with a language or not", () => {
    const table = (rows: Value[][]): FlatTable => ({
      name: "t",
      title: { fr: "T", en: "T" },
      columns: [
        { name: "a", title: { fr: "Texte", en: "Text" }, type: "string" },
        { name: "b", title: { fr: "Montant", en: "Amount" }, type: "number" },
        { name: "c", title: { fr: "Oui ?", en: "Yes?" }, type: "boolean" },
      ],
      rows,
    });
    const row = fc.tuple(
      fc.oneof(fc.string(), fc.constant(null)),
      fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)),
      fc.oneof(fc.boolean(), fc.constant(null)),
    );
    fc.assert(
      fc.property(fc.array(row), fc.constantFrom(";", ","), (rows, delimiter) => {
        const t = table(rows);
        expect([...csvLines(t, delimiter)].join("")).toBe(toCsv(t, delimiter));
        expect([...csvLines(t, delimiter, "fr")].join("")).toBe(toCsv(t, delimiter, "fr"));
      }),
      { numRuns: runs(200) },
    );
  });

  it("a text in pieces is written whole, multi-byte characters across the buffer's edge included", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "atelier-pieces-")), "sortie");
    // 5 MB of text whose pieces end at every offset of a megabyte buffer: é (2 bytes),
    // € (3), 😀 (a pair of UTF-16 units, 4 bytes), and one piece larger than the buffer.
    const pieces = Array.from(
      { length: 40_000 },
      (_, i) => `${i};é€😀${"x".repeat(i % 29)}${"€".repeat(i % 47)}\r\n`,
    );
    pieces.splice(20_000, 0, "ü".repeat(1 << 20));
    // Two bytes short of the megabyte, then a character of three.
    pieces.unshift(...Array(1048).fill("a".repeat(1000)), "a".repeat(574), "€");
    async function* files(): AsyncGenerator<readonly [string, Content]> {
      yield ["t.csv", pieces];
    }
    await writeOutputSet(out, files(), "modifié");
    const bytes = readFileSync(join(out, "t.csv"));
    const expected = Buffer.from(pieces.join(""));
    expect(bytes.length).toBe(expected.length);
    expect(bytes.equals(expected)).toBe(true);
    const list = JSON.parse(readFileSync(join(out, ".atelier-sortie.json"), "utf8"));
    expect(list.stamps["t.csv"].sha256).toBe(createHash("sha256").update(expected).digest("hex"));
  });
});

describe("compareText orders as the collator does", () => {
  it("gives dotted activity codes, and any text, the collator's order", () => {
    const reference = (a: string, b: string) =>
      Math.sign(naturalCompare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
    const segment = fc.oneof(fc.nat({ max: 12 }), fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER));
    const code = fc.array(segment, { minLength: 1, maxLength: 4 }).map((xs) => xs.join("."));
    const text = fc.oneof(
      code,
      code.map((c) => `0${c}`),
      fc.string(),
      fc.constant("1.2.x"),
    );
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(Math.sign(compareText(a, b))).toBe(reference(a, b));
      }),
      { numRuns: runs(3000) },
    );
    expect(["1.10.1", "1.2", "2", "1.2.1", "1.10", "1.1", "10"].sort(compareText)).toEqual([
      "1.1",
      "1.2",
      "1.2.1",
      "1.10",
      "1.10.1",
      "2",
      "10",
    ]);
  });
});
