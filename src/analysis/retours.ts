import type { Issue } from "../issues.js";
import type { FileReport, KeptRow } from "../model.js";
import { groupKey, WINDOWS_RESERVED } from "../text.js";
import { grouper } from "./index.js";

/**
 * Which group each problem of the submissions belongs to, for the feedback sheets a compile
 * writes in `retours/`: the sheet the rapporteur hands back to a group at the next session.
 */

/** A group's problems, for its feedback sheet. */
export interface Retour {
  groupe: string;
  /** The file name it is written under in `retours/`, without extension. */
  name: string;
  issues: Issue[];
}

/**
 * A group as a file name on every system: no `\ / : * ? " < > |`, no leading or trailing dot or
 * space, not a name Windows keeps for a device (`CON`, `AUX`, `COM1`…).
 */
export function groupFileName(groupe: string): string {
  const name = groupe
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused too
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "-")
    .replace(/^[. ]+|[. ]+$/g, "")
    .slice(0, 80)
    .replace(/[. ]+$/, "");
  if (name === "") return "groupe";
  return WINDOWS_RESERVED.test(name) ? `groupe-${name}` : name;
}

/**
 * Each group's problems, in file order: a problem is its row's group's (`grouper`). Groups
 * written differently (`Groupe 1`, `groupe 1`) are one.
 */
export function retoursOf(files: readonly FileReport[]): Retour[] {
  const byGroup = new Map<string, { groupe: string; issues: Issue[] }>();
  for (const f of files) {
    if (f.issues.length === 0) continue;
    const groupOf = grouper(f);
    const rows = new Map<string, KeptRow>();
    for (const table of f.tables) {
      for (const r of table.records) rows.set(`${r.sheet ?? ""}\u0000${r.row}`, r);
    }
    for (const i of f.issues) {
      // A note on how the file was read has nothing for the group to correct.
      if (i.severity === "info") continue;
      const groupe = groupOf(rows.get(`${i.sheet ?? ""}\u0000${i.row}`));
      const key = groupKey(groupe);
      const entry = byGroup.get(key) ?? { groupe, issues: [] };
      entry.issues.push(i);
      byGroup.set(key, entry);
    }
  }
  const used = new Set<string>();
  return [...byGroup.values()].map(({ groupe, issues }) => {
    let name = groupFileName(groupe);
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${groupFileName(groupe)} (${n})`;
    used.add(name.toLowerCase());
    return { groupe, name, issues };
  });
}
