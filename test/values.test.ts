import { describe, expect, it } from "vitest";
import { DEFAULT_AXES } from "../src/config.js";
import { type FieldSpec, KINDS, metadataFields } from "../src/fields.js";
import type { Params } from "../src/issues.js";
import { type ParseContext, parseCell } from "../src/normalize/values.js";
import type { Cell } from "../src/read/types.js";

/** A problem's parameter as French words. */
const fr = (p: Params[string] | undefined) => (typeof p === "object" ? p.fr : p);

const ctx: ParseContext = {
  axes: DEFAULT_AXES,
  period: { from: 2023, to: 2027 },
  synonyms: { statut: { realise: ["bouclé"] } },
  scale: 1,
};

function field(id: string): FieldSpec {
  const all: readonly FieldSpec[] = [...Object.values(KINDS).flat(), ...metadataFields];
  const f = all.find((x) => x.id === id);
  if (!f) throw new Error(`no field ${id}`);
  return f;
}

/** Parses a cell value for a field; returns the value, or `!code` for a problem. */
function read(id: string, v: Cell["v"] | Cell, scale = 1): unknown {
  const cell: Cell = v !== null && typeof v === "object" && !(v instanceof Date) ? v : { v };
  const r = parseCell(cell, field(id), { ...ctx, scale });
  return r.problem ? `!${r.problem.code}` : r.value;
}

describe("amounts", () => {
  it.each([
    ["1 500 000", 1500000],
    ["1\u00a0500\u00a0000", 1500000],
    ["1\u202f500\u202f000", 1500000],
    ["1 500 000 FCFA", 1500000],
    ["1500000 F CFA", 1500000],
    ["XOF 250000", 250000],
    ["1.500.000", 1500000],
    ["1,500,000", 1500000],
    ["1.500.000,50", 1500000.5],
    ["1,500,000.50", 1500000.5],
    ["2,5", 2.5],
    ["12,5", 12.5],
    ["0,611", 0.611],
    ["1234,567", 1234.567],
    ["  42  ", 42],
    [1500000, 1500000],
    ["-", null],
    ["—", null],
    ["N/A", null],
    ["ND", null],
    ["néant", null],
    ["Néant", null],
    ["", null],
  ])("%j → %j", (input, expected) => {
    expect(read("budget_prevu", input)).toBe(expected);
  });

  it("never reads 12,5 as 125 nor 1,2 as 12", () => {
    expect(read("budget_prevu", "12,5")).toBe(12.5);
    expect(read("budget_prevu", "1,2")).toBe(1.2);
  });

  it.each(["1.500", "1,500", "12.345"])("%j is ambiguous, not guessed", (input) => {
    expect(read("budget_prevu", input)).toBe("!ambiguous-number");
  });

  it("says both readings of an ambiguous number", () => {
    const r = parseCell({ v: "1.500" }, field("budget_prevu"), ctx);
    expect(r.problem?.params).toEqual({
      asThousands: "1500",
      asDecimal: "1,5",
      asThousandsMeans: { fr: "pour le montant entier", en: "for the whole amount" },
      asDecimalMeans: { fr: "pour la valeur décimale", en: "for the decimal value" },
    });
  });

  it.each(["beaucoup", "1 50 000", "1.50.000", "12e6", "1,5,00"])("%j is a type error", (input) => {
    expect(read("budget_prevu", input)).toBe("!type-error");
  });

  it("keeps the sign so that the schema can refuse negative amounts", () => {
    expect(read("budget_prevu", "-5000")).toBe(-5000);
  });

  it("scales a column whose header says millions", () => {
    expect(read("budget_prevu", "2,5", 1_000_000)).toBe(2500000);
    expect(read("budget_prevu", 12, 1_000_000)).toBe(12000000);
  });
});

describe("percentages", () => {
  it.each([
    ["75 %", 75],
    ["75%", 75],
    ["75", 75],
    ["12,5 %", 12.5],
    [60, 60],
    [{ v: 0.45, percent: true }, 45],
    [{ v: 1, percent: true }, 100],
  ])("%j → %j", (input, expected) => {
    expect(read("taux_realisation", input as Cell)).toBe(expected);
  });

  it("refuses text", () => {
    expect(read("taux_realisation", "moitié")).toBe("!type-error");
  });
});

describe("dates", () => {
  it.each([
    ["18/07/2023", "2023-07-18"],
    ["8/7/2023", "2023-07-08"],
    ["18-07-2023", "2023-07-18"],
    ["18.07.2023", "2023-07-18"],
    ["18/07/23", "2023-07-18"],
    ["2023-07-18", "2023-07-18"],
    ["02/03/2022", "2022-03-02"],
    [44926, "2022-12-31"],
    [new Date(Date.UTC(2023, 6, 20)), "2023-07-20"],
  ])("%j → %j", (input, expected) => {
    expect(read("date", input)).toBe(expected);
  });

  it("never reads dd/mm as mm/dd: 07/25/2023 is an error with the likely meaning", () => {
    const r = parseCell({ v: "07/25/2023" }, field("date"), ctx);
    expect(r.problem?.code).toBe("type-error");
    expect(fr(r.problem?.params.expected)).toContain("25/07/2023");
  });

  it.each(["31/02/2023", "hier", "2023"])("%j is a type error", (input) => {
    expect(read("date", input)).toBe("!type-error");
  });
});

describe("enumerations", () => {
  it.each([
    ["Réalisé", "realise"],
    ["REALISE", "realise"],
    ["realisé", "realise"],
    ["  Réalisée ", "realise"],
    ["exécuté", "realise"],
    ["Achevé", "realise"],
    ["bouclé", "realise"],
    ["Done", "realise"],
    ["realise", "realise"],
    ["Partiellement réalisé", "partiel"],
    ["réalisé en partie", "partiel"],
    ["En cours d'exécution", "en_cours"],
    ["En cours d’exécution", "en_cours"],
    ["non démarré", "non_realise"],
    ["Pas réalisé", "non_realise"],
    ["Sans objet", "abandonne"],
    ["caduc", "abandonne"],
  ])("statut %j → %j", (input, expected) => {
    expect(read("statut", input)).toBe(expected);
  });

  it("refuses a misspelling and suggests the closest value", () => {
    const r = parseCell({ v: "Realsé" }, field("statut"), ctx);
    expect(r.problem?.code).toBe("invalid-value");
    expect(fr(r.problem?.params.suggestion)).toBe(" — vouliez-vous dire « Réalisé » ?");
    expect(fr(r.problem?.params.allowed)).toBe(
      "Réalisé, Partiellement réalisé, En cours, Non réalisé, Abandonné",
    );
  });

  it.each([
    ["Force", "force"],
    ["Point faible", "faiblesse"],
    ["Opportunité", "opportunite"],
    ["THREAT", "menace"],
  ])("type %j → %j", (input, expected) => {
    expect(read("type", input)).toBe(expected);
  });
});

describe("axes", () => {
  it.each([
    ["PREV", "PREV"],
    ["prev", "PREV"],
    ["1", "PREV"],
    [2, "PROT"],
    ["Axe 2", "PROT"],
    ["AXE 3", "POUR"],
    ["Axe n°4", "COOR"],
    ["Axe 2 : Protection et assistance aux victimes", "PROT"],
    ["Protection et assistance aux victimes", "PROT"],
    ["protection et assistance aux victimes", "PROT"],
    ["Prise en charge", "PROT"],
    ["Application de la loi", "POUR"],
    ["Chaîne pénale", "POUR"],
    ["Répression", "POUR"],
    ["Coopération", "COOR"],
    ["Partenariat", "COOR"],
    ["Prevention", "PREV"],
    ["Prosecution", "POUR"],
    ["Partnership", "COOR"],
  ])("%j → %j", (input, expected) => {
    expect(read("axe", input)).toBe(expected);
  });

  it.each(["Axe 7", "Santé", "0"])("%j is not an axis", (input) => {
    expect(read("axe", input)).toBe("!invalid-value");
  });
});

describe("calendars", () => {
  it.each([
    ["2023-2025", [2023, 2024, 2025]],
    ["2024", [2024]],
    [2024, [2024]],
    ["2023, 2025", [2023, 2025]],
    ["2023 à 2027", [2023, 2024, 2025, 2026, 2027]],
    ["2023 au 2024", [2023, 2024]],
    ["de 2024 à 2026", [2024, 2025, 2026]],
    ["2023 et 2024", [2023, 2024]],
    ["2024 – 2025", [2024, 2025]],
    ["Toute la période", [2023, 2024, 2025, 2026, 2027]],
    ["toute la periode", [2023, 2024, 2025, 2026, 2027]],
  ])("%j → %j", (input, expected) => {
    expect(read("calendrier", input)).toEqual(expected);
  });

  it("reports years outside the planned period", () => {
    const r = parseCell({ v: "2026-2029" }, field("calendrier"), ctx);
    expect(r.problem).toEqual({
      code: "calendar-out-of-period",
      params: { years: "2028, 2029", from: 2023, to: 2027 },
    });
  });

  it("refuses words it cannot read", () => {
    expect(read("calendrier", "bientôt")).toBe("!type-error");
  });
});

describe("lists, booleans, codes, text", () => {
  it.each([
    ["OIM; ONUDC", ["OIM", "ONUDC"]],
    ["UNICEF, OIM", ["UNICEF", "OIM"]],
    ["OIM et ONUDC", ["OIM", "ONUDC"]],
    ["OIM / ONUDC / OIM", ["OIM", "ONUDC"]],
    ["OIM", ["OIM"]],
  ])("partenaires %j → %j", (input, expected) => {
    expect(read("partenaires", input)).toEqual(expected);
  });

  it.each([
    ["Oui", true],
    ["X", true],
    ["x", true],
    ["non", false],
    [true, true],
    ["-", null],
  ])("hors_plan %j → %j", (input, expected) => {
    expect(read("hors_plan", input)).toBe(expected);
  });

  it.each([
    ["1.2.3", "1.2.3"],
    [" 1.2.3. ", "1.2.3"],
    ["1 . 2 . 3", "1.2.3"],
    [2.1, "2.1"],
  ])("code %j → %j", (input, expected) => {
    expect(read("code_activite", input)).toBe(expected);
  });

  it("refuses a sentence as a code", () => {
    expect(read("code_activite", "activité 1.2")).toBe("!type-error");
  });

  it("cleans text: NFC, non-breaking spaces, trimming", () => {
    expect(read("activite", "  Former\u00a0les  magistrats ")).toBe("Former les magistrats");
    expect(read("activite", "e\u0301tude")).toBe("étude");
  });

  it("reports Excel errors and formulas without a stored result", () => {
    expect(read("budget_prevu", { v: null, error: "#N/A" })).toBe("!cell-error");
    expect(read("budget_prevu", { v: null, formula: "SUM(A1:A3)" })).toBe(
      "!formula-no-cached-value",
    );
  });
});
