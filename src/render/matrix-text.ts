import { posix } from "node:path";
import {
  axisNumber,
  axisOrder,
  budgetByAxis,
  type MatrixRow,
  planYears,
} from "../analysis/matrix.js";
import type { Config } from "../config.js";
import { NATURES, PRIORITES, propositionFields, STATUTS } from "../fields.js";
import { currencyLabel, formatNumber } from "../i18n/format.js";
import { both, type Catalogue, catalogue } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import type { Source } from "../model.js";
import { type FlatTable, type TableColumn, toCsv, type Value } from "./index.js";
import { escapeMarkdown } from "./markdown.js";

/**
 * The action matrix in words: its labels and shown texts (shared with the workbook), and the
 * matrix as CSV (for sorting and re-summing, no subtotal rows) and as Markdown (the sums stated).
 */

export function fieldLabel(id: string, lang: Lang): string {
  const f = propositionFields.find((x) => x.id === id);
  return f ? f[lang] : id;
}

/** The matrix's texts in a language. */
export function T(lang: Lang): Catalogue["matrix"] {
  return catalogue(lang).matrix;
}

export function axisLabel(
  config: Config,
  code: string,
  lang: Lang,
  order: readonly string[],
): string {
  const axis = config.plan.axes.find((a) => a.code === code);
  return axis ? `${axis.number}. ${axis[lang]}` : `${axisNumber(config, code, order)}. ${code}`;
}

export function enumLabel(
  values: readonly { id: string; fr: string; en: string }[],
  id: string | null,
  lang: Lang,
) {
  if (id === null) return null;
  return values.find((v) => v.id === id)?.[lang] ?? id;
}

/** `2023-2025`, `2024`, `2023, 2025`. */
export function yearsText(years: readonly number[]): string {
  const parts: string[] = [];
  let start = years[0];
  for (let i = 0; i < years.length; i++) {
    const y = years[i] as number;
    if (years[i + 1] === y + 1) continue;
    parts.push(start === y ? String(y) : `${start}-${y}`);
    start = years[i + 1];
  }
  return parts.join(", ");
}

export function groupsText(sources: readonly Source[]): string {
  const groups = new Map<string, string[]>();
  for (const s of sources) {
    const g = s.groupe ?? posix.basename(s.file);
    const sessions = groups.get(g) ?? [];
    if (s.session !== null && !sessions.includes(s.session)) sessions.push(s.session);
    groups.set(g, sessions);
  }
  return [...groups]
    .map(([g, sessions]) => (sessions.length ? `${g} (${sessions.join(", ")})` : g))
    .join("; ");
}

function originLines(r: MatrixRow, lang: Lang): string[] {
  const t = T(lang);
  const lines = r.origins.map((o) => {
    if (o.statut !== null) {
      const status = enumLabel(STATUTS, o.statut, lang);
      const rate = o.taux_realisation !== null ? ` (${t.percent(o.taux_realisation)})` : "";
      return t.labelled(o.code, `${status}${rate}`);
    }
    return o.unassessed ? t.labelled(o.code, t.notAssessed) : o.code;
  });
  // The proposal type heads the cell: "Reconduite" then the activity and how it went.
  const nature = enumLabel(NATURES, r.nature, lang);
  return nature === null ? lines : [nature, ...lines];
}

/**
 * The cells shown for one row, shared by the workbook, the CSV and the Markdown. The renderers
 * write « à compléter » (`toComplete`) in the cells of the expected fields the proposal leaves
 * empty, whatever this gives for them.
 */
export function shownTexts(r: MatrixRow, lang: Lang) {
  return {
    partenaires: r.partenaires.join(", "),
    priorite: enumLabel(PRIORITES, r.priorite, lang),
    origine: groupsText(r.sources),
    activite: originLines(r, lang),
    faiblesses: r.weaknesses,
    voisines: r.neighbours.join(", "),
  };
}

// --- columns -----------------------------------------------------------------------------------

export interface MatrixColumn {
  key: string;
  header: string;
  /** Width in characters of the default font. */
  width: number;
  year?: number;
}

/** The matrix's columns; « Résultat attendu » only when a proposal gives one. */
export function matrixColumns(
  config: Config,
  lang: Lang,
  rows: readonly MatrixRow[],
): MatrixColumn[] {
  const t = T(lang);
  const cur = currencyLabel(config.currency);
  const result = rows.some((r) => r.resultat_attendu !== null)
    ? [{ key: "resultat_attendu", header: fieldLabel("resultat_attendu", lang), width: 24 }]
    : [];
  return [
    { key: "number", header: t.number, width: 8 },
    { key: "axe", header: t.axis, width: 14 },
    { key: "objectif", header: fieldLabel("objectif", lang), width: 24 },
    { key: "action", header: fieldLabel("action", lang), width: 40 },
    ...result,
    { key: "indicateur", header: fieldLabel("indicateur", lang), width: 24 },
    { key: "reference", header: fieldLabel("reference", lang), width: 13 },
    { key: "cible", header: fieldLabel("cible", lang), width: 13 },
    { key: "responsable", header: t.responsible, width: 20 },
    { key: "partenaires", header: fieldLabel("partenaires", lang), width: 15 },
    ...planYears(config).map((y) => ({ key: `y${y}`, header: String(y), width: 6, year: y })),
    {
      key: "cout",
      header: fieldLabel("cout", lang).replace("(FCFA)", `(${cur})`),
      width: 14,
    },
    { key: "source_financement", header: fieldLabel("source_financement", lang), width: 15 },
    { key: "priorite", header: fieldLabel("priorite", lang), width: 10 },
    { key: "origine", header: t.origin, width: 16 },
    { key: "activite", header: t.activity(config.review.label), width: 20 },
    { key: "faiblesses", header: t.weaknesses, width: 32 },
    { key: "voisines", header: t.neighbours, width: 14 },
  ];
}

// --- CSV and Markdown --------------------------------------------------------------------------

/** The matrix as a flat table (no subtotal rows: a CSV is for sorting and re-summing). */
export function matrixTable(rows: readonly MatrixRow[], config: Config, lang: Lang): FlatTable {
  const t = T(lang);
  const columns = matrixColumns(config, lang, rows);
  const order = axisOrder(
    config,
    rows.map((r) => r.axe),
  );
  const tableColumns = columns.map(
    (c): TableColumn => ({
      name: c.header,
      title: { fr: c.header, en: c.header },
      type: c.key === "cout" ? "number" : "string",
      money: c.key === "cout",
      width: c.width,
    }),
  );
  const values = rows.map((r) => {
    const s = shownTexts(r, lang);
    const join = (lines: string[]) => (lines.length ? lines.join(" | ") : null);
    return columns.map((c): Value => {
      if (c.year !== undefined) return r.years.includes(c.year) ? "X" : null;
      if (r.toComplete.includes(c.key)) return t.toComplete;
      switch (c.key) {
        case "number":
          return r.number;
        case "axe":
          return axisLabel(config, r.axe, lang, order);
        case "partenaires":
          return s.partenaires || null;
        case "priorite":
          return s.priorite;
        case "origine":
          return s.origine;
        case "activite":
          return join(s.activite);
        case "faiblesses":
          return join(s.faiblesses);
        case "voisines":
          return s.voisines || null;
        default:
          return (r[c.key as keyof MatrixRow] as Value | undefined) ?? null;
      }
    });
  });
  const title = both((t) => t.matrix.matrixTitle);
  return { name: "matrice-actions", title, columns: tableColumns, rows: values };
}

/** `matrice-actions.csv`: UTF-8 with BOM, `;`, CRLF, text that looks like a formula neutralised. */
export function matrixCsv(
  rows: readonly MatrixRow[],
  config: Config,
  lang: Lang,
  delimiter = ";",
): string {
  return toCsv(matrixTable(rows, config, lang), delimiter);
}

/** A table cell that cannot end the cell or the row, nor open an HTML tag: the report's rule. */
export function markdownCell(text: string | null): string {
  return text === null ? "" : escapeMarkdown(text);
}

function markdownTable(head: string[], body: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...body.map(line)].join("\n");
}

/** The matrix as Markdown: one table per axis with its subtotal, the total, the budget summary. */
export function matrixMarkdown(
  rows: readonly MatrixRow[],
  config: Config,
  lang: Lang,
  generated: Date,
): string {
  const t = T(lang);
  const cur = currencyLabel(config.currency);
  const order = axisOrder(
    config,
    rows.map((r) => r.axe),
  );
  const columns = matrixColumns(config, lang, rows).filter(
    (c) => c.year === undefined && c.key !== "axe",
  );
  const calendarAt = columns.findIndex((c) => c.key === "cout");
  const head = columns.map((c) => markdownCell(c.header));
  head.splice(calendarAt, 0, markdownCell(fieldLabel("calendrier", lang)));
  const files = new Set(rows.flatMap((r) => r.sources.map((s) => s.file))).size;
  const out = [
    `# ${markdownCell(config.title)}`,
    "",
    `**${markdownCell(`${t.matrixTitle} — ${config.plan.label}`)} — ${t.draft}**`,
    "",
    markdownCell(t.markdownNote(t.date(generated), files)),
    "",
    ...(rows.some((r) => r.toComplete.length > 0) ? [markdownCell(t.toCompleteNote), ""] : []),
  ];
  let total = 0;
  for (const code of order) {
    const own = rows.filter((r) => r.axe === code);
    if (own.length === 0) continue;
    out.push(`## ${markdownCell(axisLabel(config, code, lang, order))}`, "");
    const body = own.map((r) => {
      const s = shownTexts(r, lang);
      const cells = columns.map((c) => {
        if (r.toComplete.includes(c.key)) return markdownCell(t.toComplete);
        switch (c.key) {
          case "cout":
            return r.cout === null ? "" : formatNumber(r.cout, lang);
          case "partenaires":
            return markdownCell(s.partenaires);
          case "priorite":
            return markdownCell(s.priorite);
          case "origine":
            return markdownCell(s.origine);
          case "activite":
            return markdownCell(s.activite.join("\n"));
          case "faiblesses":
            return markdownCell(s.faiblesses.join("\n"));
          case "voisines":
            return markdownCell(s.voisines);
          default:
            return markdownCell((r[c.key as keyof MatrixRow] as string | null) ?? null);
        }
      });
      cells.splice(calendarAt, 0, markdownCell(yearsText(r.years)));
      return cells;
    });
    const subtotal = own.reduce((n, r) => n + (r.cout ?? 0), 0);
    total += subtotal;
    const last = head.map(() => "");
    last[columns.findIndex((c) => c.key === "action")] =
      `**${t.subtotal(axisNumber(config, code, order))}**`;
    last[calendarAt + 1] = `**${formatNumber(subtotal, lang)}**`;
    out.push(markdownTable(head, [...body, last]), "");
  }
  out.push(`**${t.labelled(t.total, `${formatNumber(total, lang)} ${cur}`)}**`, "");
  out.push(`## ${t.summary}`, "");
  const years = planYears(config);
  const budget = budgetByAxis(rows, config);
  const sum = (f: (b: (typeof budget)[number]) => number) => budget.reduce((n, b) => n + f(b), 0);
  const yearTotal = (b: (typeof budget)[number]) =>
    years.reduce((n, y) => n + (b.years[y] ?? 0), 0);
  out.push(
    markdownTable(
      [t.axis, ...years.map(String), t.rowTotal],
      [
        ...budget.map((b) => [
          markdownCell(axisLabel(config, b.axe, lang, order)),
          ...years.map((y) => formatNumber(b.years[y] ?? 0, lang)),
          formatNumber(yearTotal(b), lang),
        ]),
        [
          `**${t.rowTotal}**`,
          ...years.map(
            (y) =>
              `**${formatNumber(
                sum((b) => b.years[y] ?? 0),
                lang,
              )}**`,
          ),
          `**${formatNumber(sum(yearTotal), lang)}**`,
        ],
      ],
    ),
    "",
    markdownCell(t.summaryNote(cur)),
    "",
  );
  return out.join("\n");
}
