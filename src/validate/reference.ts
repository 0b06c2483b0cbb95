import { existsSync } from "node:fs";
import type { Config } from "../config.js";
import { AppError } from "../errors.js";
import { type ReferenceActivity, referenceFields } from "../fields.js";
import { both } from "../i18n/index.js";
import type { ReferencePlan } from "../model.js";
import { displayPath, readInput } from "../read/index.js";
import { validateRaw } from "./file.js";

/**
 * The reference plan named in the configuration, read and checked like any file: its accepted
 * activities in plan order. It is a check, never a source: no value of it fills a submission.
 */
export async function loadReference(
  config: Config,
  base: string,
): Promise<ReferencePlan | undefined> {
  const abs = config.reference;
  if (!abs) return undefined;
  if (!existsSync(abs)) {
    throw new AppError(
      "CONFIG_INVALID",
      both((t) => t.errors.referenceNotFound(abs, String(config.source))),
    );
  }
  const raw = await readInput({ abs, path: displayPath(abs, base) }, config.limits);
  const report = validateRaw(raw, config, undefined, {}, ["reference"]);
  const activities: ReferenceActivity[] = [];
  const byCode = new Map<string, ReferenceActivity>();
  for (const { records } of report.tables) {
    for (const r of records) {
      const code = r.values.code_activite;
      // A code given twice is an error on its second row, which is rejected: the first stands.
      if (r.rejected || typeof code !== "string" || byCode.has(code)) continue;
      const activity = Object.fromEntries(
        referenceFields.map((f) => [f.id, r.values[f.id] ?? null]),
      ) as ReferenceActivity;
      activities.push(activity);
      byCode.set(code, activity);
    }
  }
  return { path: report.path, activities, byCode, report };
}
