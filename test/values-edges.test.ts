import { describe, expect, it } from "vitest";
import { type Axis, DEFAULT_AXES } from "../src/config.js";
import { type FieldSpec, KINDS, metadataFields } from "../src/fields.js";
import {
  axisNumberIn,
  cellParser,
  cellText,
  normaliseCode,
  type ParseContext,
  parseCell,
  parseNumberText,
} from "../src/normalize/values.js";
import type { Cell } from "../src/read/types.js";

/**
 * The edges of reading values: what each parser accepts and refuses at the limits of its
 * patterns (anchors, group sizes, ranges, bounds), the parameters its problems carry, and the
 * column reader `cellParser` agreeing with `parseCell` on every kind of cell.
 */

/**
 * A fresh copy of the default axes: the axis index is cached by the axes array, so a test that
 * builds it from its own array reads it as the code is now, not as an earlier test built it.
 */
const freshAxes = (): Axis[] => DEFAULT_AXES.map((a) => ({ ...a, aliases: [...a.aliases] }));

const context = (over: Partial<ParseContext> = {}): ParseContext => ({
  axes: freshAxes(),
  period: { from: 2023, to: 2027 },
  synonyms: {},
  scale: 1,
  ...over,
});

function field(id: string): FieldSpec {
  const all: readonly FieldSpec[] = [...Object.values(KINDS).flat(), ...metadataFields];
  const f = all.find((x) => x.id === id);
  if (!f) throw new Error(`no field ${id}`);
  return f;
}

const asCell = (v: Cell["v"] | Cell): Cell =>
  v !== null && typeof v === "object" && !(v instanceof Date) ? v : { v };

/** A cell parsed for a field: its value, or `!code` for a problem. */
function value(id: string, v: Cell["v"] | Cell, over: Partial<ParseContext> = {}): unknown {
  const r = parseCell(asCell(v), field(id), context(over));
  return r.problem ? `!${r.problem.code}` : r.value;
}

/** The whole result of parsing a cell: value, warning or problem with its parameters. */
const parsed = (id: string, v: Cell["v"] | Cell, over: Partial<ParseContext> = {}) =>
  parseCell(asCell(v), field(id), context(over));

const EXPECTED_AMOUNT = {
  expected: {
    fr: "un montant (1 500 000 ou 1500000) attendu",
    en: "an amount (1,500,000 or 1500000)",
  },
};

/** A number text read directly: its value, `!type-error`, or `?thousands|decimal`. */
function numberText(text: string): unknown {
  const r = parseNumberText(text, EXPECTED_AMOUNT.expected);
  if ("ambiguous" in r) return `?${r.ambiguous.asThousands}|${r.ambiguous.asDecimal}`;
  return r.problem ? `!${r.problem.code}` : r.value;
}

// --- cells as text ------------------------------------------------------------------------------

describe("a cell shown as text", () => {
  it.each<[string, Cell | undefined, string]>([
    ["no cell", undefined, ""],
    ["an empty cell", { v: null }, ""],
    ["an Excel error, by its code", { v: null, error: "#DIV/0!" }, "#DIV/0!"],
    ["a date, as its ISO day", { v: new Date(Date.UTC(2023, 6, 20)) }, "2023-07-20"],
    ["a fraction formatted as a percentage, in percent", { v: 0.125, percent: true }, "12.5 %"],
    ["a binary float, as people typed it", { v: 274.65999999999997 }, "274.66"],
    ["a whole number, as it is", { v: 1500000 }, "1500000"],
    ["minus zero, as zero", { v: -0 }, "0"],
    ["TRUE, in French", { v: true }, "VRAI"],
    ["FALSE, in French", { v: false }, "FAUX"],
    ["text, as it is", { v: " Sensibiliser " }, " Sensibiliser "],
  ])("%s", (_, cell, text) => {
    expect(cellText(cell)).toBe(text);
  });
});

// --- numbers typed as text ----------------------------------------------------------------------

describe("numbers typed as text: signs", () => {
  it.each([
    ["-5000", -5000],
    ["- 5000", -5000],
    ["−5000", -5000],
    ["+5000", 5000],
    ["+ 5000", 5000],
    ["+2,5", 2.5],
  ])("%j → %j", (text, n) => {
    expect(numberText(text)).toBe(n);
  });

  it.each(["5000-", "5-3", "+-5", "5+"])(
    "%j, a sign anywhere but in front, is a type error",
    (text) => {
      expect(numberText(text)).toBe("!type-error");
    },
  );
});

describe("numbers typed as text: spaces group thousands, and only them", () => {
  it.each([
    ["12\u00a0500", 12500],
    ["1\u00a0500", 1500],
    ["1\u202f500\u202f000", 1500000],
    ["999\u00a0999\u00a0999", 999999999],
    ["1 500 000,5", 1500000.5],
    ["12 500.25", 12500.25],
  ])("%j → %j", (text, n) => {
    expect(numberText(text)).toBe(n);
  });

  it.each(["1 500 0000", "1234 500", "1 50", "1 500,", " 1 500 000 x"])(
    "%j is a type error: a space that does not part groups of three",
    (text) => {
      expect(numberText(text)).toBe("!type-error");
    },
  );
});

describe("numbers typed as text: with both marks, the last one is the decimal mark", () => {
  it.each([
    ["1.500.000,50", 1500000.5],
    ["1,500,000.50", 1500000.5],
    ["12.345,6", 12345.6],
  ])("%j → %j", (text, n) => {
    expect(numberText(text)).toBe(n);
  });

  it.each([
    // The decimal mark twice: 1,500.000.5 is no number, not 1500.
    "1,500.000.5",
    // Thousands not grouped by three before the decimal mark.
    "12,34.5",
    "1234,567.5",
  ])("%j is a type error", (text) => {
    expect(numberText(text)).toBe("!type-error");
  });
});

describe("numbers typed as text: one mark repeated groups thousands", () => {
  it.each([
    ["12.345.678", 12345678],
    ["1,234,567", 1234567],
  ])("%j → %j", (text, n) => {
    expect(numberText(text)).toBe(n);
  });

  it.each(["1234.567.890", "1.2345.678", "1.23.456", "1.234.5678"])(
    "%j is a type error: groups of three after a first group of one to three digits",
    (text) => {
      expect(numberText(text)).toBe("!type-error");
    },
  );
});

describe("numbers typed as text: one mark", () => {
  it.each(["1,500", "123,456", "999.999", "12.345"])(
    "%j, a mark followed by three digits, is ambiguous",
    (text) => {
      expect(numberText(text)).toMatch(/^\?/);
    },
  );

  it.each([
    ["1234,567", 1234.567],
    ["0,611", 0.611],
    ["0.500", 0.5],
    ["2,5", 2.5],
    ["12,3456", 12.3456],
  ])("%j is not ambiguous: → %j", (text, n) => {
    expect(numberText(text)).toBe(n);
  });

  it.each([
    ["1,050", "?1050|1,05"],
    ["1.000", "?1000|1,0"],
    ["123,400", "?123400|123,4"],
  ])("%j offers both readings, the decimal one without trailing zeros: %j", (text, readings) => {
    expect(numberText(text)).toBe(readings);
  });

  it.each([".5", ",5", "5.", "5,", "-,5"])(
    "%j, a mark with digits on one side only, is a type error",
    (text) => {
      expect(numberText(text)).toBe("!type-error");
    },
  );

  it("refuses a number too large to be finite", () => {
    expect(numberText(`${"9".repeat(400)},5`)).toBe("!type-error");
  });
});

describe("numbers typed as text: plain digits", () => {
  it.each([
    ["0", 0],
    ["1500000", 1500000],
    ["1 500 000", 1500000],
    ["999999999999999", 999999999999999],
    ["1234567890123456789", 1234567890123456800],
  ])("%j → %j", (text, n) => {
    expect(numberText(text)).toBe(n);
  });

  it("refuses a string of digits too long to be a finite number", () => {
    expect(numberText("9".repeat(400))).toBe("!type-error");
  });
});

// --- amounts ------------------------------------------------------------------------------------

describe("amounts: a currency alone, or a sign alone, is no amount", () => {
  it.each(["€", "$", "-€", "FCFA", "€ -", "+"])(
    "%j is a type error, not another currency",
    (text) => {
      expect(parsed("budget_prevu", text).problem).toEqual({
        code: "type-error",
        params: EXPECTED_AMOUNT,
      });
    },
  );

  it.each([
    ["- 5000 FCFA", -5000],
    ["+ 250000 XOF", 250000],
    ["FCFA  1 500", 1500],
  ])("%j → %j", (text, n) => {
    expect(value("budget_prevu", text)).toBe(n);
  });
});

describe("amounts: a cell formatted as a percentage is still an amount", () => {
  it("never multiplies an amount by 100", () => {
    expect(value("budget_prevu", { v: 12, percent: true })).toBe(12);
  });
});

describe("amounts: the warnings say the amount in both languages", () => {
  it("says decimals in FCFA, with the amount formatted for each language", () => {
    expect(parsed("budget_prevu", "2,5").warning).toEqual({
      code: "amount-decimals",
      params: {
        amount: { fr: "2,5\u00a0FCFA", en: "2.5 FCFA" },
        currency: "FCFA",
      },
    });
  });

  it("says nothing for a whole amount, nor for zero", () => {
    expect(parsed("budget_prevu", "0")).toEqual({ value: 0 });
    expect(parsed("budget_prevu", "2500")).toEqual({ value: 2500 });
  });

  it("says a full amount typed in a column in millions, with each figure formatted", () => {
    expect(parsed("budget_prevu", "1500000", { scale: 1_000_000 }).warning).toEqual({
      code: "unit-suspect",
      params: {
        typed: { fr: "1\u202f500\u202f000", en: "1,500,000" },
        unit: { fr: "millions de FCFA", en: "millions of FCFA" },
        scaled: {
          fr: "1\u202f500\u202f000\u202f000\u202f000\u00a0FCFA",
          en: "1,500,000,000,000 FCFA",
        },
        currency: "FCFA",
        factor: { fr: "1\u202f000\u202f000", en: "1,000,000" },
      },
    });
  });

  it("rounds a tiny negative amount in thousands to zero, not to minus zero", () => {
    // -0,0001 × 1 000 is -0.1: rounded, it is zero, and zero has no sign.
    expect(value("budget_prevu", "-0,0001", { scale: 1000 })).toBe(0);
  });
});

// --- percentages --------------------------------------------------------------------------------

describe("percentages", () => {
  it.each([
    ["+12,5 %", 12.5],
    ["1\u00a0000 %", 1000],
    [{ v: -0 }, 0],
    ["-0", 0],
  ])("%j → %j", (input, n) => {
    expect(value("taux_realisation", input)).toBe(n);
  });
});

// --- text ---------------------------------------------------------------------------------------

describe("text fields", () => {
  it.each([
    ["\u0007", null],
    ["\u200b", null],
    ["- Police nationale", "- Police nationale"],
    ["OIM ; ONUDC ;", "OIM ; ONUDC ;"],
  ])("membres %j → %j: one line is kept as typed, an invisible one is empty", (typed, read) => {
    expect(value("membres", typed)).toBe(read);
  });

  it("reads a text cell holding only a control character as empty", () => {
    expect(value("activite", "\u0007")).toBe(null);
  });
});

// --- codes --------------------------------------------------------------------------------------

describe("activity codes", () => {
  it.each([
    ["1.001", "1.1"],
    ["2.101", "2.101"],
    ["2.010.3", "2.10.3"],
    ["1.02a", "1.02a"],
    ["1.01a2", "1.01a2"],
    ["A.1", "A.1"],
    ["1 2 3", "1.2.3"],
  ])("%j → %j: zeros dropped only in front of a part made of digits", (text, code) => {
    expect(normaliseCode(text)).toBe(code);
  });

  it.each(["1.2!", "1.!2", "1..2", "(1).2", "activité 1.2"])("%j is not a code", (text) => {
    expect(normaliseCode(text)).toBeUndefined();
  });

  it("refuses a date cell as a code, rather than reading its day as one", () => {
    expect(parsed("code_activite", new Date(Date.UTC(2023, 6, 20))).problem).toEqual({
      code: "type-error",
      params: {
        expected: { fr: "un code d'activité (1.2.3) attendu", en: "an activity code (1.2.3)" },
        fix: { fr: "Écrivez le code sous la forme 1.2.3", en: "Write the code as 1.2.3" },
      },
    });
  });

  it("keeps a plain code without a warning, and says a rewritten one", () => {
    expect(parsed("code_activite", "2.10.3")).toEqual({ value: "2.10.3" });
    expect(parsed("code_activite", "02-10-3")).toEqual({
      value: "2.10.3",
      warning: { code: "code-normalised", params: { code: "2.10.3" } },
    });
  });
});

// --- yes / no -----------------------------------------------------------------------------------

describe("yes or no", () => {
  it.each([
    [false, false],
    ["FAUX", false],
    ["vrai", true],
    ["0", false],
  ])("%j → %j", (input, b) => {
    expect(value("hors_plan", input)).toBe(b);
  });

  it("refuses another word, saying the two answers in each language", () => {
    expect(parsed("hors_plan", "peut-être").problem).toEqual({
      code: "invalid-value",
      params: { allowed: { fr: "Oui, Non", en: "Yes, No" }, suggestion: "" },
    });
  });
});

// --- closed lists -------------------------------------------------------------------------------

describe("closed lists", () => {
  it("lists the allowed values in each language, with no suggestion when nothing is near", () => {
    expect(parsed("statut", "zzzzzzzzzzzz").problem).toEqual({
      code: "invalid-value",
      params: {
        allowed: {
          fr: "Réalisé, Partiellement réalisé, En cours, Non réalisé, Abandonné",
          en: "Done, Partially done, Ongoing, Not done, Abandoned",
        },
        suggestion: "",
      },
    });
  });
});

// --- axes ---------------------------------------------------------------------------------------

describe("axes", () => {
  it.each([
    ["PREV", "PREV"],
    ["Prévention", "PREV"],
    ["Axe 1 - Prév", "PREV"],
    ["2 : Protection et assist", "PROT"],
    ["Protection et assist", "PROT"],
    ["Coordi", "COOR"],
    ["Poursuites et répr", "POUR"],
  ])("%j → %j", (text, code) => {
    expect(value("axe", text)).toBe(code);
  });

  it.each(["Pro", "Coord", "Santé publique", "et assistance"])(
    "%j is not an axis: a start of a label must have six letters",
    (text) => {
      expect(value("axe", text)).toBe("!invalid-value");
    },
  );

  it("suggests the nearest axis for a misspelt label", () => {
    expect(parsed("axe", "Prevension").problem?.params.suggestion).toEqual({
      fr: " — vouliez-vous dire « Axe 1 – Prévention » ?",
      en: " — did you mean “Axis 1 – Prevention”?",
    });
  });

  it("suggests nothing when no axis is near", () => {
    expect(parsed("axe", "zzzzzzzzzzzz").problem?.params.suggestion).toBe("");
  });
});

describe("the axis number a folded text starts with", () => {
  it.each([
    ["axe 2", 2],
    ["2", 2],
    ["axe ii", 2],
    ["iv : coordination", 4],
    ["axe no 3", 3],
    ["axis 1 prevention", 1],
    ["x", 10],
  ])("%j → %j", (key, n) => {
    expect(axisNumberIn(key)).toBe(n);
  });

  it.each(["protection", "axe", "axe 123", "ivory", ""])("%j starts with no axis number", (key) => {
    expect(axisNumberIn(key)).toBeUndefined();
  });
});

// --- calendars ----------------------------------------------------------------------------------

describe("calendars", () => {
  it.each([
    ["2023–2025", [2023, 2024, 2025]],
    ["2023 — 2025", [2023, 2024, 2025]],
    ["2023- 2025", [2023, 2024, 2025]],
    ["2023 -2025", [2023, 2024, 2025]],
    ["année 2024", [2024]],
    ["years 2024-2025", [2024, 2025]],
    ["year 2024", [2024]],
    ["2023 jusqu'à 2025", [2023, 2024, 2025]],
    ["2023 jusqua 2025", [2023, 2024, 2025]],
    ["2024-2024", [2024]],
    [", 2024", [2024]],
    ["2024,", [2024]],
    ["2025, 2023, 2024", [2023, 2024, 2025]],
    ["2027 ; 2023", [2023, 2027]],
  ])("%j → %j", (text, years) => {
    expect(value("calendrier", text)).toEqual(years);
  });

  it.each(["12023-2025", "2023-20255", "20245", "12024", "2025-2023", "2023-2074", "2024.5"])(
    "%j is a type error",
    (text) => {
      expect(value("calendrier", text)).toBe("!type-error");
    },
  );

  it("refuses a year cell that is not a whole number", () => {
    expect(value("calendrier", 2024.5)).toBe("!type-error");
  });

  it("reads a range of fifty years, and says the years outside the period", () => {
    const r = parsed("calendrier", "2023-2073");
    expect(r.problem?.code).toBe("calendar-out-of-period");
  });

  it("says years before the period too", () => {
    expect(parsed("calendrier", "2020, 2024").problem).toEqual({
      code: "calendar-out-of-period",
      params: { years: "2020", from: 2023, to: 2027 },
    });
  });

  it.each(["de", "années", "et"])("%j, words without a year, is empty", (text) => {
    expect(value("calendrier", text)).toBe(null);
  });
});

// --- lists --------------------------------------------------------------------------------------

describe("lists of partners", () => {
  it.each([
    ["OIM;ONUDC", ["OIM", "ONUDC"]],
    ["OIM,ONUDC", ["OIM", "ONUDC"]],
    ["OIM; -; ONUDC", ["OIM", "ONUDC"]],
    ["OIM;;ONUDC", ["OIM", "ONUDC"]],
    ["OIM & ONUDC", ["OIM", "ONUDC"]],
    ["oim; OIM", ["OIM"]],
  ])("%j → %j", (text, items) => {
    expect(value("partenaires", text)).toEqual(items);
  });

  it.each(["; ;", ", / ;"])("%j, separators alone, is empty", (text) => {
    expect(value("partenaires", text)).toBe(null);
  });
});

// --- dates --------------------------------------------------------------------------------------

describe("dates: Excel serial days", () => {
  it.each([
    [1, "1899-12-31"],
    [2958465, "9999-12-31"],
    [45000.75, "2023-03-15"],
  ])("%j → %j", (serial, day) => {
    expect(value("date", serial)).toBe(day);
  });

  it.each([0, -5, 2958466])("%j is no date", (serial) => {
    expect(value("date", serial)).toBe("!type-error");
  });
});

describe("dates: ISO days, and times after them", () => {
  it.each([
    ["2023-07-18T10:00:00", "2023-07-18"],
    ["2023-07-18 10:00:00", "2023-07-18"],
    ["2023-7-8", "2023-07-08"],
  ])("%j → %j", (text, day) => {
    expect(value("date", text)).toBe(day);
  });

  it.each(["2023-07-189", "vers 2023-07-18", "0050-07-18", "118/07/2023"])(
    "%j is a type error",
    (text) => {
      expect(value("date", text)).toBe("!type-error");
    },
  );

  it("takes a four-digit year as written", () => {
    expect(value("date", "18/07/0100")).toBe("0100-07-18");
  });
});

describe("dates: a month alone", () => {
  it.each([
    ["2023-01", "2023-01"],
    ["2023-12", "2023-12"],
    ["12/2023", "2023-12"],
    ["1/2023", "2023-01"],
    ["juillet 2023", "2023-07"],
  ])("%j → %j", (text, month) => {
    expect(value("date", text)).toBe(month);
  });

  it.each([
    "2023-13",
    "2023-00",
    "00/2023",
    "13/2023",
    "2023-071",
    "12023-07",
    "107/2023",
    "07/20234",
  ])("%j is a type error", (text) => {
    expect(value("date", text)).toBe("!type-error");
  });
});

describe("dates: the month in words", () => {
  it.each([
    ["lundi 3 juillet 2023", "2023-07-03"],
    ["5 juillet 2023.", "2023-07-05"],
    ["July 15, 2023", "2023-07-15"],
    ["1er juillet 23", "2023-07-01"],
    // Every letter of the month accented: read once accents are folded, as « Févr. » is.
    ["5 ĵüïĺĺêţ 2023", "2023-07-05"],
    ["3 ÉTÉ 2023", "!type-error"],
  ])("%j → %j", (text, day) => {
    expect(value("date", text)).toBe(day);
  });

  it.each([
    "vers 5 juillet 2023",
    "5 juillet 2023 matin",
    "environ July 5, 2023",
    "July 5, 2023 noon",
    "début juillet 2023",
    "juillet 2023 matin",
    "semestre 2023",
    "5 semestre 2023",
  ])("%j is a type error: only a date, nothing around it", (text) => {
    expect(value("date", text)).toBe("!type-error");
  });
});

describe("dates: a month-first date is said, never guessed", () => {
  const expected = (cell: string) => parsed("date", cell).problem?.params.expected;
  const PLAIN = { fr: "une date (jj/mm/aaaa) attendue", en: "a date (dd/mm/yyyy)" };

  it.each([
    ["12/13/2023", "13/12/2023"],
    ["01/25/2023", "25/01/2023"],
  ])("%j: the likely date is %j", (cell, likely) => {
    expect(expected(cell)).toEqual({
      fr: `une date jour/mois/année (${likely} ?) attendue`,
      en: `a day/month/year date (${likely}?)`,
    });
  });

  it.each(["00/05/2023", "00/12/2023", "25/13/2023", "31/02/2023"])(
    "%j, impossible but not month-first, expects a date",
    (cell) => {
      expect(expected(cell)).toEqual(PLAIN);
    },
  );
});

// --- reading a cell -----------------------------------------------------------------------------

describe("reading a cell, before its type", () => {
  it("reads no cell as empty", () => {
    expect(parseCell(undefined, field("axe"), context())).toEqual({ value: null });
  });

  it("reads an empty cell as empty, whatever the type", () => {
    expect(parseCell({ v: null }, field("axe"), context())).toEqual({ value: null });
  });

  it("says a cut text, with its length and the limit", () => {
    expect(parseCell({ v: "abc", tooLong: 40000 }, field("activite"), context())).toEqual({
      problem: { code: "cell-too-long", params: { length: 40000, limit: 3 } },
    });
  });

  it("says a formula without its result, naming the formula", () => {
    expect(parseCell({ v: null, formula: "SUM(A1:A3)" }, field("budget_prevu"), context())).toEqual(
      {
        problem: { code: "formula-no-cached-value", params: { formula: "SUM(A1:A3)" } },
      },
    );
  });

  it("reads a formula with its result as that result", () => {
    expect(parseCell({ v: 1500, formula: "A1+A2" }, field("budget_prevu"), context())).toEqual({
      value: 1500,
    });
  });
});

describe("a column's reader agrees with parseCell on every kind of cell", () => {
  const cells: [string, Cell | undefined][] = [
    ["no cell", undefined],
    ["an empty cell", { v: null }],
    ["an Excel error", { v: null, error: "#N/A" }],
    ["a cut text", { v: "Réalisé", tooLong: 40000 }],
    ["a formula without its result", { v: null, formula: "A1" }],
    ["a number", { v: 2 }],
    ["a boolean", { v: true }],
    ["an empty marker", { v: "néant" }],
    ["a value", { v: "Réalisé" }],
    ["a wrong value", { v: "Realsé" }],
  ];
  const cases = ["statut", "axe", "hors_plan", "budget_prevu", "activite"].flatMap((id) =>
    cells.map(([what, cell]) => [id, what, cell] as const),
  );

  it.each(cases)("%s: %s", (id, _, cell) => {
    const ctx = context();
    const read = cellParser(field(id), ctx);
    const expected = parseCell(cell, field(id), ctx);
    // Twice: the second reading may come from what the reader remembers.
    expect(read(cell)).toEqual(expected);
    expect(read(cell)).toEqual(expected);
  });

  it("reads the same text the same way in every row", () => {
    const read = cellParser(field("statut"), context());
    const texts = ["Réalisé", "En cours", "Réalisé", "-", "Realsé", "En cours"];
    const outcome = (v: string) => {
      const r = read({ v });
      return r.problem ? r.problem.code : r.value;
    };
    expect(texts.map(outcome)).toEqual([
      "realise",
      "en_cours",
      "realise",
      null,
      "invalid-value",
      "en_cours",
    ]);
  });
});
