import type { Config } from "../config.js";
import { recordOf } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import type { Consolidation, FileDigest } from "../model.js";

/** A JSON document as atelier writes it: indented, one final line break. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The same text as `json(value)` for an object, in pieces: each element of an array under a
 * top-level key is stringified alone, so that a document of 100,000 rows is written without
 * ever being one string.
 */
export function* jsonPieces(value: object): Generator<string> {
  let first = true;
  yield "{";
  for (const [key, v] of Object.entries(value)) {
    const name = `${first ? "" : ","}\n  ${JSON.stringify(key)}: `;
    if (Array.isArray(v) && v.length > 0) {
      yield `${name}[`;
      for (let i = 0; i < v.length; i++) {
        // An element JSON cannot say (undefined, a function) is null in an array, as in JSON.stringify.
        const text = JSON.stringify(v[i], null, 2) ?? "null";
        yield `${i === 0 ? "" : ","}\n    ${text.replaceAll("\n", "\n    ")}`;
      }
      yield "\n  ]";
    } else {
      const text = JSON.stringify(v, null, 2);
      // A key whose value JSON cannot say is left out, as in JSON.stringify.
      if (text === undefined) continue;
      yield `${name}${text.replaceAll("\n", "\n  ")}`;
    }
    first = false;
  }
  yield first ? "}\n" : "\n}\n";
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
