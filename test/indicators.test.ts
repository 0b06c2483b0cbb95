import { describe, expect, it } from "vitest";
import { type Config, defaultConfig } from "../src/config.js";
import { bilanFields } from "../src/fields.js";
import { bandOf, computeIndicators, scoreOf } from "../src/merge/indicators.js";
import type { Consolidated } from "../src/model.js";

const config = defaultConfig("/atelier");

/** A consolidated bilan row: every field null unless given. */
function activity(
  axe: string,
  statut: string,
  extra: Partial<Record<string, unknown>> = {},
): Consolidated<"bilan"> {
  const base = Object.fromEntries(bilanFields.map((f) => [f.id, null]));
  return { ...base, axe, statut, sources: [], ...extra } as unknown as Consolidated<"bilan">;
}

describe("computeIndicators", () => {
  it("averages the rate when given, else the status weight", () => {
    const r = computeIndicators(
      [
        activity("PREV", "realise"),
        activity("PREV", "partiel"),
        activity("PROT", "non_realise"),
        activity("PROT", "partiel", { taux_realisation: 80 }),
      ],
      config,
    );
    // (1 + 0.5 + 0 + 0.8) / 4
    expect(r.taux_realisation).toEqual({
      global: 0.575,
      par_axe: { PREV: 0.75, PROT: 0.4, POUR: null, COOR: null },
    });
  });

  it("keeps abandoned activities in the denominator", () => {
    const r = computeIndicators(
      [activity("POUR", "realise"), activity("POUR", "abandonne"), activity("POUR", "en_cours")],
      config,
    );
    // (1 + 0 + 0.5) / 3
    expect(r.taux_realisation.global).toBe(0.5);
  });

  it("uses the configured weights", () => {
    const weighted: Config = { ...config, weights: { ...config.weights, en_cours: 0.25 } };
    const rows = [activity("PREV", "en_cours"), activity("PREV", "realise")];
    expect(computeIndicators(rows, weighted).taux_realisation.global).toBe(0.625);
    expect(scoreOf(rows[0] as Consolidated<"bilan">, weighted)).toBe(0.25);
  });

  it("divides spent by planned over the activities that give both", () => {
    const r = computeIndicators(
      [
        activity("PREV", "partiel", { budget_prevu: 1_000_000, budget_execute: 400_000 }),
        activity("PREV", "realise", { budget_prevu: 2_000_000, budget_execute: 1_500_000 }),
        activity("PREV", "en_cours", { budget_prevu: 5_000_000 }),
        activity("COOR", "realise", { budget_execute: 300_000 }),
        activity("POUR", "realise", { budget_prevu: 0, budget_execute: 0 }),
      ],
      config,
    );
    // 1 900 000 / 3 000 000, rounded to 6 decimals
    expect(r.execution_budgetaire).toEqual({
      global: 0.633333,
      par_axe: { PREV: 0.633333, PROT: null, POUR: null, COOR: null },
    });
  });

  it("gives null figures when nothing is assessed", () => {
    expect(computeIndicators([], config)).toEqual({
      taux_realisation: {
        global: null,
        par_axe: { PREV: null, PROT: null, POUR: null, COOR: null },
      },
      execution_budgetaire: {
        global: null,
        par_axe: { PREV: null, PROT: null, POUR: null, COOR: null },
      },
    });
  });

  it("leaves unplanned activities out of both figures", () => {
    const r = computeIndicators(
      [
        activity("PREV", "non_realise", { budget_prevu: 100, budget_execute: 10 }),
        activity("PREV", "realise", { hors_plan: true, budget_prevu: 100, budget_execute: 100 }),
      ],
      config,
    );
    expect([r.taux_realisation.global, r.execution_budgetaire.global]).toEqual([0, 0.1]);
  });
});

describe("bandOf", () => {
  it.each([
    [1, "satisfaisant"],
    [0.75, "satisfaisant"],
    [0.749, "moyen"],
    [0.5, "moyen"],
    [0.499, "insuffisant"],
    [0, "insuffisant"],
    [null, null],
  ])("rates %s as %s with the default bands", (rate, band) => {
    expect(bandOf(rate, config)).toBe(band);
  });

  it("follows the configured bands", () => {
    const strict: Config = { ...config, bands: { satisfaisant: 0.9, moyen: 0.6 } };
    expect([0.9, 0.8, 0.59].map((r) => bandOf(r, strict))).toEqual([
      "satisfaisant",
      "moyen",
      "insuffisant",
    ]);
  });
});
