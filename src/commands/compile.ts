import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildReport } from "../analysis/report.js";
import { type Retour, retoursOf } from "../analysis/retours.js";
import { catalogue } from "../i18n/index.js";
import type { Changes, Consolidation, FileDigest } from "../model.js";
import { displayPath } from "../read/index.js";
import { dataPackage } from "../render/datapackage.js";
import type { Arbitrage } from "../render/followups.js";
import { consolidationTables, csvLines, sourcesTable } from "../render/index.js";
import { consolidationJson, json, jsonPieces } from "../render/json.js";
import type { CompileSummary } from "../render/summary.js";
import { filesRead, validationJson } from "../render/validation.js";
import { tableWorkbook } from "../render/xlsx.js";
import { identityText } from "../text.js";
import { matrixFiles, reportFiles } from "./documents.js";
import { lockedWorkshop, type Workshop, type WorkshopOptions } from "./index.js";
import { type Content, type Kept, recoverOutput, writeOutputSet } from "./output.js";

/**
 * `compile`: every submission under a workshop folder → one consolidated, traceable data set,
 * its report and its matrix, written as one unit into the output folder. The previous
 * `consolidation.json` there tells what changed since the last compile.
 */

export interface CompileOptions extends WorkshopOptions {
  csvDelimiter?: string;
}

export interface CompileResult extends Workshop {
  /** `undefined` on the first compile. */
  changes?: Changes;
  /** Names of the files written. */
  written: string[];
  /** Files an earlier run wrote that this one did not: moved to `precedent/`. */
  moved: string[];
  /** Whether the previous outputs are kept in `precedent/`. */
  previous: boolean;
  /** Files an earlier run wrote and someone changed since: kept under a name of their own. */
  kept: Kept[];
  /** Earlier outputs whose list was missing or unreadable (see `OutputSet`). */
  unlisted: string[];
  /** Disagreements left to the rapporteur, in arbitrages-a-faire.xlsx. */
  open: number;
  /** The groups that get a feedback sheet in `retours/`. */
  retours: string[];
}

export function compileWorkshop(dir: string, options: CompileOptions = {}): Promise<CompileResult> {
  // A bad SOURCE_DATE_EPOCH, an --out that cannot be written or is busy stop it at once.
  return lockedWorkshop(dir, options, (w, generated) => compileLocked(w, generated, options));
}

async function compileLocked(
  workshop: Workshop,
  generated: Date,
  options: CompileOptions,
): Promise<CompileResult> {
  const { root, out, consolidation, validation } = workshop;
  const files = filesRead(validation).flatMap((f) => {
    try {
      const sha256 = createHash("sha256")
        .update(readFileSync(join(root, f.path)))
        .digest("hex");
      return [{ path: f.path, sha256 }];
    } catch {
      // A file that could not be read has its problem in the journal, and no digest.
      return [];
    }
  });
  recoverOutput(out);
  const previous = readPrevious(out);
  const { arbitragesOf } = await import("../render/followups.js");
  const todo = {
    arbitrages: arbitragesOf(
      consolidation,
      workshop.config,
      workshop.lang,
      validation.references[0],
    ),
    retours: retoursOf(validation.files),
  };
  const set = await writeOutputSet(
    out,
    outputs(workshop, generated, files, todo, options.csvDelimiter ?? ";"),
    catalogue(workshop.lang).cli.editedLabel,
  );
  const result: CompileResult = {
    ...workshop,
    ...set,
    open: todo.arbitrages.filter((a) => a.valeur === null).length,
    retours: todo.retours.map((r) => r.groupe),
  };
  if (previous) result.changes = changesSince(previous, consolidation, files);
  return result;
}

/** What a compile did, as the terminal and `--format json` report it. */
export function compileSummary(r: CompileResult): CompileSummary {
  const summary: CompileSummary = {
    out: displayPath(r.out, process.cwd()),
    files: filesRead(r.validation),
    skipped: r.validation.skipped,
    resolutions: r.validation.resolutions,
    consolidation: r.consolidation,
    written: r.written,
    open: r.open,
    retours: r.retours,
    previous: r.previous,
    moved: r.moved,
    kept: r.kept,
    unlisted: r.unlisted,
  };
  if (r.changes) summary.changes = r.changes;
  return summary;
}

/** Every output, one at a time: each can be written and let go before the next is made. */
async function* outputs(
  w: Workshop,
  generated: Date,
  files: readonly FileDigest[],
  todo: { arbitrages: Arbitrage[]; retours: Retour[] },
  delimiter: string,
): AsyncGenerator<readonly [string, Content]> {
  const { consolidation: c, validation, config, lang } = w;
  const tables = consolidationTables(c, config, lang);
  for (const t of tables) yield [`${t.name}.csv`, csvLines(t, delimiter, lang)];
  yield ["consolidation.json", jsonPieces(consolidationJson(c, config, lang, generated, files))];
  yield ["datapackage.json", json(dataPackage(tables, config, delimiter, lang))];
  const journal = validationJson(validation, lang);
  yield ["journal.json", jsonPieces({ ...journal, generated: generated.toISOString() })];
  const [bilan, constats, propositions, ...annexes] = tables;
  const sheets = [
    bilan,
    constats,
    propositions,
    sourcesTable(filesRead(validation), lang),
    ...annexes,
  ];
  yield [
    "consolidation.xlsx",
    tableWorkbook(
      sheets.filter((t) => t !== undefined),
      lang,
      generated,
      config.title,
    ),
  ];
  yield* await reportFiles(buildReport(c, validation, config, generated), lang);
  yield* await matrixFiles(w, generated, delimiter);
  const f = await import("../render/followups.js");
  if (todo.arbitrages.length > 0) {
    const lines = todo.arbitrages;
    yield [`${f.ARBITRAGES}.xlsx`, await f.arbitragesWorkbook(lines, config, lang, generated)];
    yield [`${f.ARBITRAGES}.csv`, f.arbitragesCsv(lines, lang, delimiter)];
  }
  for (const r of todo.retours) {
    const name = `${f.RETOURS}/${r.name}`;
    yield [`${name}.xlsx`, await f.retourWorkbook(r, config, lang, generated)];
    yield [`${name}.csv`, f.retourCsv(r, lang, delimiter)];
  }
}

interface Previous {
  files: FileDigest[];
  keys: Set<string>;
  conflicts: Set<string>;
}

function readPrevious(out: string): Previous | undefined {
  const file = join(out, "consolidation.json");
  if (!existsSync(file)) return undefined;
  try {
    const json = JSON.parse(readFileSync(file, "utf8"));
    return {
      files: Array.isArray(json.files) ? json.files : [],
      keys: new Set(rowKeys(json)),
      conflicts: new Set(
        (json.conflits ?? []).map((k: { key: string; field: string }) => `${k.key} ${k.field}`),
      ),
    };
  } catch {
    // A damaged previous output only means we cannot say what changed.
    return undefined;
  }
}

/** One identity per consolidated row, as merging defines it. */
function rowKeys(c: Pick<Consolidation, "bilan" | "constats" | "propositions">): string[] {
  const t = (v: unknown) => identityText(String(v ?? ""));
  return [
    ...(c.bilan ?? []).map((r) => `bilan|${r.code_activite}`),
    ...(c.constats ?? []).map((r) => `constats|${r.axe}|${r.type}|${t(r.constat)}`),
    ...(c.propositions ?? []).map((r) => `propositions|${r.axe}|${t(r.objectif)}|${t(r.action)}`),
  ];
}

function changesSince(previous: Previous, c: Consolidation, files: readonly FileDigest[]): Changes {
  const before = new Map(previous.files.map((f) => [f.path, f.sha256]));
  const now = new Map(files.map((f) => [f.path, f.sha256]));
  const keys = rowKeys(c);
  const current = new Set(keys);
  return {
    files: {
      added: files.filter((f) => !before.has(f.path)).map((f) => f.path),
      changed: files
        .filter((f) => before.has(f.path) && before.get(f.path) !== f.sha256)
        .map((f) => f.path),
      removed: previous.files.filter((f) => !now.has(f.path)).map((f) => f.path),
    },
    rows: {
      added: keys.filter((k) => !previous.keys.has(k)).length,
      removed: [...previous.keys].filter((k) => !current.has(k)).length,
    },
    newConflicts: c.conflits
      .map((k) => `${k.key} ${k.field}`)
      .filter((k) => !previous.conflicts.has(k)),
  };
}
