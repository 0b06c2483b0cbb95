import { existsSync } from "node:fs";
import type { Config } from "../config.js";
import { AppError } from "../errors.js";
import { type ReferenceActivity, referenceFields } from "../fields.js";
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
    throw new AppError("CONFIG_INVALID", {
      fr: `Plan de référence introuvable : ${abs} (clé « reference » de ${config.source}). Corrigez le chemin ou retirez la clé.`,
      en: `Reference plan not found: ${abs} (key “reference” of ${config.source}). Fix the path or remove the key.`,
    });
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
