import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { type Config, findConfig, loadConfig } from "../config.js";
import { speaking } from "../errors.js";
import type { Lang } from "../i18n/lang.js";
import { languageOf } from "../i18n/lang.js";
import type { ValidationResult } from "../model.js";
import { pathNotFound, type RunOptions, validatePaths } from "../validate/index.js";

/**
 * `validate`: files and folders checked, nothing written. Each path is governed by `--config`,
 * else by the `atelier.config.json` of the nearest folder at or above it, else by the defaults;
 * each configuration file is read once.
 */
export async function validateFiles(
  paths: readonly string[],
  options: RunOptions & { config?: string; lang?: Lang } = {},
): Promise<{ validation: ValidationResult; lang: Lang }> {
  const explicit = options.config ? loadConfig(options.config) : undefined;
  const loaded = new Map<string, Config>();
  const targets = paths.map((path) => {
    if (!existsSync(path)) throw pathNotFound(path);
    const dir = statSync(path).isDirectory() ? path : dirname(path);
    return { path, config: explicit ?? findConfig(dir, loaded) };
  });
  const lang = languageOf(options.lang, targets.find((t) => t.config.language)?.config);
  const validation = await speaking(lang, () =>
    validatePaths(targets, { ...options, ...(explicit && { explicitConfig: explicit }) }),
  );
  return { validation, lang };
}
