import type { Config } from "../config.js";
import type { ConflictField } from "../fields.js";
import type { FileReport, Resolution } from "../model.js";
import { type InputFile, readInput } from "../read/index.js";
import type { RawFile } from "../read/types.js";
import { validateRaw } from "./file.js";
import { conflictFieldOf, resolutionValue } from "./rules.js";

/**
 * `resolutions.csv`: the rapporteur's decisions on conflicts, one per row (`Code activité`,
 * `Champ`, `Valeur`, `Motif`). Read, normalised and checked like any submission, its problems
 * are issue records at their cell in its report; its accepted rows are the resolutions. When
 * an activity and field are settled twice, the later row applies (with a warning).
 */
export async function readResolutions(file: InputFile, config: Config): Promise<FileReport> {
  return checkResolutions(await readInput(file, config.limits), config);
}

/** A resolutions file that has been read, checked. */
export function checkResolutions(raw: RawFile, config: Config): FileReport {
  return validateRaw(raw, config, undefined, {}, ["resolutions"]);
}

/** The decisions of a checked resolutions file: its accepted rows, typed. */
export function resolutionsIn(report: FileReport, config: Config): Resolution[] {
  const resolutions: Resolution[] = [];
  for (const { columns, records } of report.tables) {
    for (const r of records) {
      const { code_activite: key, champ, valeur, motif } = r.values;
      const spec = typeof champ === "string" ? conflictFieldOf(champ) : undefined;
      // A rejected row has its reasons among the issues; an accepted one names a field and a value.
      if (r.rejected || typeof key !== "string" || !spec || typeof valeur !== "string") continue;
      const { value } = resolutionValue(spec, valeur, config, champ as string);
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
        continue;
      }
      const where = columns.code_activite;
      resolutions.push({
        key,
        field: spec.id as ConflictField,
        value,
        motif: typeof motif === "string" ? motif : null,
        at: {
          file: r.file,
          row: r.row,
          ...(where && { column: where.letter, header: where.header }),
        },
      });
    }
  }
  return resolutions;
}
