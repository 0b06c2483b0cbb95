import type { Config } from "../config.js";
import { recordOf } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import type { Consolidation, FileDigest } from "../model.js";

/** A JSON document as atelier writes it: indented, one final line break. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `consolidation.json`: the contract of spec §7, plus the digests of the files read. */
export function consolidationJson(
  c: Consolidation,
  config: Config,
  lang: Lang,
  generated: Date,
  files: readonly FileDigest[],
) {
  return {
    version: 1,
    title: config.title,
    generated: generated.toISOString(),
    review: { label: config.review.label, from: config.review.from, to: config.review.to },
    plan: { label: config.plan.label, from: config.plan.from, to: config.plan.to },
    summary: c.summary,
    files,
    bilan: c.bilan,
    constats: c.constats,
    propositions: c.propositions,
    rejets: c.rejets.map((r) => ({ ...r, problems: r.problems.map((p) => recordOf(p, lang)) })),
    conflits: c.conflits,
    mises_a_jour: c.mises_a_jour,
    remplacees: c.remplacees,
    non_evalues: c.non_evalues,
    indicateurs: c.indicateurs,
  };
}
