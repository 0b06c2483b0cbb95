import type { Lang } from "../issues.js";
import type { Changes, Consolidation, FileReport } from "../model.js";
import type { Paint } from "./validation.js";

/**
 * What `compile` prints: a table per file, the accounting, conflicts, what changed since the
 * previous compile and where the outputs went. `--format json` prints `compileJson` instead.
 */

/** What a compile did, as it is reported. */
export interface CompileSummary {
  /** The output folder as shown: relative to the current folder, with `/`. */
  out: string;
  /** Every file read, reference plans first. */
  files: readonly FileReport[];
  consolidation: Consolidation;
  /** `undefined` on the first compile in this output folder. */
  changes?: Changes;
  written: string[];
}

export function compileJson(r: CompileSummary) {
  const c = r.consolidation;
  return {
    out: r.out,
    summary: c.summary,
    files: r.files.map((f) => ({
      path: f.path,
      kinds: [...new Set(f.sheets.map((s) => s.kind).filter(Boolean))],
      rows: f.sheets.reduce((n, s) => n + s.rows, 0),
      accepted: f.sheets.reduce((n, s) => n + s.accepted, 0),
      rejected: f.sheets.reduce((n, s) => n + s.rejected, 0),
      errors: f.issues.filter((i) => i.severity === "error").length,
      warnings: f.issues.filter((i) => i.severity === "warning").length,
    })),
    non_evalues: c.non_evalues,
    changes: r.changes ?? null,
    written: r.written,
  };
}

const T = {
  fr: {
    head: ["Fichier", "Fiches", "Lues", "Acceptées", "Rejetées", "Erreurs", "Avert."],
    total: (s: Consolidation["summary"]) =>
      `Total : ${s.rows.read} ligne(s) lue(s) = ${s.rows.accepted} acceptée(s) (dont ${s.rows.duplicates} doublon(s) regroupé(s)) + ${s.rows.rejected} rejetée(s), dans ${s.files} fichier(s)`,
    counts: (b: number, c: number, p: number) =>
      `Consolidé : ${b} activité(s) évaluée(s), ${c} constat(s), ${p} proposition(s)`,
    conflicts: (n: number) => `Conflits entre groupes : ${n} (détail dans conflits.csv)`,
    unassessed: (codes: string[]) =>
      `Activités du plan non évaluées : ${codes.length}${codes.length ? ` (${codes.join(", ")})` : ""}`,
    rejected: (n: number) =>
      `${n} ligne(s) rejetée(s), conservée(s) avec leurs motifs dans rejets.csv`,
    first: "Première compilation dans ce dossier de sortie.",
    since: "Depuis la compilation précédente :",
    files: (a: number, c: number, r: number) =>
      `fichiers : ${a} ajouté(s), ${c} modifié(s), ${r} retiré(s)`,
    rows: (a: number, r: number) => `lignes consolidées : ${a} nouvelle(s), ${r} disparue(s)`,
    newConflicts: (k: string[]) => `nouveaux conflits : ${k.length ? k.join(", ") : "aucun"}`,
    written: (dir: string) => `Écrit dans ${dir} :`,
    nothing: "Rien à compiler pour l'instant : aucune ligne dans les fichiers lus.",
  },
  en: {
    head: ["File", "Kinds", "Read", "Accepted", "Rejected", "Errors", "Warn."],
    total: (s: Consolidation["summary"]) =>
      `Total: ${s.rows.read} row(s) read = ${s.rows.accepted} accepted (${s.rows.duplicates} duplicate(s) folded) + ${s.rows.rejected} rejected, in ${s.files} file(s)`,
    counts: (b: number, c: number, p: number) =>
      `Consolidated: ${b} activity(ies) assessed, ${c} finding(s), ${p} proposal(s)`,
    conflicts: (n: number) => `Conflicts between groups: ${n} (see conflits.csv)`,
    unassessed: (codes: string[]) =>
      `Plan activities nobody assessed: ${codes.length}${codes.length ? ` (${codes.join(", ")})` : ""}`,
    rejected: (n: number) => `${n} row(s) rejected, kept with their reasons in rejets.csv`,
    first: "First compile in this output folder.",
    since: "Since the previous compile:",
    files: (a: number, c: number, r: number) => `files: ${a} added, ${c} changed, ${r} removed`,
    rows: (a: number, r: number) => `consolidated rows: ${a} new, ${r} gone`,
    newConflicts: (k: string[]) => `new conflicts: ${k.length ? k.join(", ") : "none"}`,
    written: (dir: string) => `Written to ${dir}:`,
    nothing: "Nothing to compile yet: the files read hold no row.",
  },
};

function pad(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
    .join("  ");
}

export function compileText(r: CompileSummary, lang: Lang, paint: Paint): string {
  const t = T[lang];
  const rows = compileJson(r).files.map((f) => [
    f.path,
    f.kinds.join(", ") || "—",
    String(f.rows),
    String(f.accepted),
    String(f.rejected),
    String(f.errors),
    String(f.warnings),
  ]);
  const widths = t.head.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const out = [paint.bold(pad(t.head, widths))];
  for (const row of rows) {
    const line = pad(row, widths);
    out.push(row[5] !== "0" ? paint.error(line) : row[6] !== "0" ? paint.warning(line) : line);
  }
  const c = r.consolidation;
  const s = c.summary;
  out.push("", t.total(s), t.counts(c.bilan.length, c.constats.length, c.propositions.length));
  if (s.rows.read === 0) out.push(paint.warning(t.nothing));
  if (s.rows.rejected > 0) out.push(paint.warning(t.rejected(s.rows.rejected)));
  out.push(t.conflicts(s.conflicts), t.unassessed(c.non_evalues));
  if (r.changes) {
    const ch = r.changes;
    out.push(
      t.since,
      `    ${t.files(ch.files.added.length, ch.files.changed.length, ch.files.removed.length)}`,
      ...[
        ...ch.files.added.map((f) => `      + ${f}`),
        ...ch.files.changed.map((f) => `      ~ ${f}`),
        ...ch.files.removed.map((f) => `      - ${f}`),
      ],
      `    ${t.rows(ch.rows.added, ch.rows.removed)}`,
      `    ${t.newConflicts(ch.newConflicts)}`,
    );
  } else {
    out.push(paint.dim(t.first));
  }
  out.push(t.written(r.out), `    ${r.written.join(", ")}`);
  return `${out.join("\n")}\n`;
}
