import type { Config } from "../config.js";
import type { Band, Consolidated, Indicators } from "../model.js";

/**
 * The report's key figures (§8). Implementation rate = mean score of the assessed activities,
 * score = `taux_realisation` / 100 when given, else the status weight of the configuration;
 * abandoned activities stay in the denominator. Budget execution = Σ exécuté / Σ prévu over the
 * activities that give both.
 *
 * Choices where the specification is silent:
 * - Activities marked `hors_plan` (unplanned) are left out of both figures: they measure the plan
 *   under review, and an activity outside it says nothing about its implementation.
 * - An activity with neither a rate nor a status (not possible once validated) is not assessed.
 * - Σ prévu = 0 gives `null`, not a division by zero.
 * - Figures are rounded to 6 decimals so that float noise never shows or shifts a band.
 */

/** The score of one assessed activity (0 to 1), or `null` when it gives neither rate nor status. */
export function scoreOf(row: Consolidated<"bilan">, config: Config): number | null {
  if (typeof row.taux_realisation === "number") return row.taux_realisation / 100;
  const status = row.statut as keyof Config["weights"] | null;
  if (status === null || !(status in config.weights)) return null;
  return config.weights[status];
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

interface Sums {
  score: number;
  assessed: number;
  planned: number;
  spent: number;
  budgeted: number;
}

function rate(s: Sums | undefined): number | null {
  return s && s.assessed > 0 ? round(s.score / s.assessed) : null;
}

function execution(s: Sums | undefined): number | null {
  return s && s.budgeted > 0 && s.planned > 0 ? round(s.spent / s.planned) : null;
}

export function computeIndicators(bilan: Consolidated<"bilan">[], config: Config): Indicators {
  const empty = (): Sums => ({ score: 0, assessed: 0, planned: 0, spent: 0, budgeted: 0 });
  const total = empty();
  const byAxis = new Map<string, Sums>(config.review.axes.map((a) => [a.code, empty()]));
  for (const row of bilan) {
    if (row.hors_plan === true) continue;
    // Stryker disable next-line StringLiteral: the axis is required, validation rejects a row without one: the fallback only satisfies the type
    const axis = row.axe ?? "";
    let sums = byAxis.get(axis);
    if (!sums) {
      sums = empty();
      byAxis.set(axis, sums);
    }
    const score = scoreOf(row, config);
    const planned = row.budget_prevu;
    const spent = row.budget_execute;
    for (const s of [total, sums]) {
      if (score !== null) {
        s.score += score;
        s.assessed++;
      }
      if (typeof planned === "number" && typeof spent === "number") {
        s.planned += planned;
        s.spent += spent;
        s.budgeted++;
      }
    }
  }
  const axes = [...byAxis.keys()];
  return {
    taux_realisation: {
      global: rate(total),
      par_axe: Object.fromEntries(axes.map((a) => [a, rate(byAxis.get(a))])),
    },
    execution_budgetaire: {
      global: execution(total),
      par_axe: Object.fromEntries(axes.map((a) => [a, execution(byAxis.get(a))])),
    },
  };
}

/** The band of a rate: ≥ `satisfaisant`, else ≥ `moyen`, else `insuffisant` (config.bands). */
export function bandOf(rate: number, config: Config): Band;
export function bandOf(rate: number | null, config: Config): Band | null;
export function bandOf(rate: number | null, config: Config): Band | null {
  if (rate === null) return null;
  if (rate >= config.bands.satisfaisant) return "satisfaisant";
  if (rate >= config.bands.moyen) return "moyen";
  return "insuffisant";
}
