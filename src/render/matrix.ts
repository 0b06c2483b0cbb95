import { posix } from "node:path";
import type ExcelJS from "exceljs";
import { sharesTopic, significantWords } from "../analysis/report.js";
import type { Config } from "../config.js";
import { NATURES, PRIORITES, propositionFields, STATUTS } from "../fields.js";
import type { Lang } from "../issues.js";
import type { Consolidated, Consolidation, Source } from "../merge/index.js";
import { columnLetter } from "../read/types.js";
import { identityText, naturalCompare } from "../text.js";
import { formatNumber } from "./report-i18n.js";
import { escapeMarkdown } from "./report-md.js";
import { type FlatTable, type TableColumn, toCsv, type Value } from "./tables.js";
import { HEADER_FILL, newWorkbook, workbookBytes } from "./xlsx.js";

/**
 * The draft action matrix of the new plan (spec §9, issue 5): the consolidated proposals as one
 * workbook an analyst filters, costs and prints, plus the same rows as CSV and Markdown.
 *
 * Choices where the specification is silent:
 * - Near-identical proposals (one cluster id) are one row. Its representative is the cluster's
 *   first row in consolidation order: it gives the axis, objective and action wording, and every
 *   field it fills; a field it leaves empty takes the first value of the other members (the
 *   folding rule of §6). Cost, calendar and per-year costs travel together from one member, the
 *   representative when it gives a cost, else the first member that does, so that a cost is never
 *   spread over another member's years. Nothing is added up across members: the other wordings,
 *   with their groups, years and cost, are listed under "Variantes regroupées" and stay out of
 *   the totals. Origins are every source of every member.
 * - Numbering `axis.objective.action`: axes in plan order with their configured number (an axis
 *   code the plan does not list comes last, numbered after the others); objectives of an axis in
 *   consolidation order (merging sorts them), two wordings being one objective when their
 *   identity texts match; actions in consolidation order.
 * - Scheduled years: the calendar plus any year given a cost, inside the plan period.
 * - Cost: `cout`, else the sum of the per-year costs when only those are given.
 * - Per-year share: the per-year costs when given, else the cost divided evenly over the scheduled
 *   years. In the workbook an even share is a formula on the year marks and the cost, so that
 *   moving an X or changing a cost in the matrix updates the budget summary.
 * - Activity carried over: every distinct `code_activite_origine` of the members, with the
 *   consolidated status and rate of its assessment, or "not assessed" when the reference plan
 *   lists it and nobody assessed it.
 * - Weaknesses addressed: the rule of the report (`report.ts`), so that both documents agree: a
 *   weakness cluster of the same axis code is addressed when a member carries over the activity
 *   the weakness names, or when a member's action and expected result share at least two
 *   significant words (one when the text has only one) with a wording of the weakness or its
 *   recommendation. Each cluster is shown once, by its most cited wording.
 * - Totals: an axis subtotal is SUM over that axis's cost cells, the grand total SUM of the
 *   subtotals. They do not follow filters (a filtered view still shows the whole plan's totals);
 *   subtotal rows carry their axis label so that filtering on an axis keeps its subtotal, and the
 *   grand total sits below the filtered range so that no filter hides it. The CSV and Markdown
 *   carry no formulas: the CSV has no subtotal rows (it is for re-sorting and re-summing), the
 *   Markdown states the sums.
 * - Every formula carries its computed value, so that programs that do not calculate (Excel's
 *   Protected View, previews, exceljs) show the right figures; `fullCalcOnLoad` makes Excel
 *   recompute on opening. LibreOffice keeps cached results on opening unless told otherwise
 *   (Options › Calc › Formula › Recalculation on file load) and recalculates as soon as a cell
 *   changes. Formulas are built from cell addresses and axis codes only, never from submitted
 *   text, which is always written as a string cell.
 */

/** A carried-over activity of the plan under review, as its assessment left it. */
export interface MatrixOrigin {
  code: string;
  /** Consolidated status of the activity's assessment, when one exists. */
  statut: string | null;
  taux_realisation: number | null;
  /** The reference plan lists the activity and nobody assessed it. */
  unassessed: boolean;
}

/** Another proposal of the same cluster: shown, never added to the totals. */
export interface MatrixVariant {
  objectif: string;
  action: string;
  years: number[];
  cout: number | null;
  sources: Source[];
}

/** One line of the matrix: a consolidated proposal, or a cluster of near-identical ones. */
export interface MatrixRow {
  /** `1.2.3`: axis number, objective within the axis, action within the objective. */
  number: string;
  /** Axis code of the plan (`PREV`). */
  axe: string;
  objectif: string;
  action: string;
  indicateur: string | null;
  reference: string | null;
  cible: string | null;
  responsable: string | null;
  partenaires: string[];
  /** Scheduled years inside the plan period, ascending. */
  years: number[];
  cout: number | null;
  /** Cost of each scheduled year (`"2024"` → amount); empty when there is no cost. */
  perYear: Record<string, number>;
  /** `perYear` holds the group's per-year costs rather than an even spread. */
  perYearGiven: boolean;
  source_financement: string | null;
  /** Priority id (`haute`). */
  priorite: string | null;
  /** Proposal type id (`reconduite`). */
  nature: string | null;
  origins: MatrixOrigin[];
  /** Wordings of the weaknesses the action addresses. */
  weaknesses: string[];
  variants: MatrixVariant[];
  /** Every source of every member, representative first. */
  sources: Source[];
  cluster: string | null;
}

type Proposition = Consolidated<"propositions">;

const str = (v: unknown): string | null =>
  typeof v === "string" && v.trim() !== "" ? v : typeof v === "number" ? String(v) : null;

const compareText = (a: string, b: string) => naturalCompare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

function planYears(config: Config): number[] {
  const years: number[] = [];
  for (let y = config.plan.from; y <= config.plan.to; y++) years.push(y);
  return years;
}

/** Scheduled years of one proposal: its calendar and any year given a cost, inside the plan. */
function yearsOf(p: Proposition, config: Config): number[] {
  const years = new Set<number>(p.calendrier ?? []);
  for (const [y, amount] of Object.entries(p.cout_annuel ?? {})) if (amount > 0) years.add(+y);
  return [...years]
    .filter((y) => y >= config.plan.from && y <= config.plan.to)
    .sort((a, b) => a - b);
}

function costOf(p: Proposition): number | null {
  if (typeof p.cout === "number") return p.cout;
  const split = Object.values(p.cout_annuel ?? {});
  return split.length > 0 ? split.reduce((a, b) => a + b, 0) : null;
}

function hasCost(p: Proposition): boolean {
  return costOf(p) !== null;
}

function spread(
  p: Proposition,
  years: number[],
  cout: number | null,
): { perYear: Record<string, number>; given: boolean } {
  if (p.cout_annuel && Object.keys(p.cout_annuel).length > 0) {
    const perYear: Record<string, number> = {};
    for (const y of years) perYear[y] = p.cout_annuel[y] ?? 0;
    return { perYear, given: true };
  }
  if (cout === null || years.length === 0) return { perYear: {}, given: false };
  return { perYear: Object.fromEntries(years.map((y) => [y, cout / years.length])), given: false };
}

interface WeaknessCluster {
  axe: string;
  headline: string;
  codes: Set<string>;
  /** Significant words of each wording and recommendation. */
  texts: string[][];
}

function weaknessClusters(c: Consolidation): WeaknessCluster[] {
  const byId = new Map<string, Consolidated<"constats">[]>();
  c.constats.forEach((k, i) => {
    if (k.type !== "faiblesse" || k.axe === null) return;
    const id = k.cluster ?? `#${i}`;
    const rows = byId.get(id);
    if (rows) rows.push(k);
    else byId.set(id, [k]);
  });
  return [...byId.values()].map((rows) => {
    // The most cited wording names the cluster, as in the report.
    const head = rows.reduce((best, r) => (r.sources.length > best.sources.length ? r : best));
    return {
      axe: String(head.axe),
      headline: String(head.constat ?? ""),
      codes: new Set(rows.flatMap((r) => (r.code_activite ? [identityText(r.code_activite)] : []))),
      texts: rows.flatMap((r) =>
        [r.constat, r.recommandation].flatMap((t) => (str(t) ? [significantWords(String(t))] : [])),
      ),
    };
  });
}

/** What a proposal offers to the matching: its carried-over activity and its significant words. */
interface Offer {
  axe: string | null;
  origin: string | null;
  words: Set<string>;
}

function offerOf(p: Proposition): Offer {
  const origin = str(p.code_activite_origine);
  return {
    axe: p.axe,
    origin: origin === null ? null : identityText(origin),
    words: new Set(significantWords(`${p.action ?? ""} ${p.resultat_attendu ?? ""}`)),
  };
}

function addresses(w: WeaknessCluster, p: Offer): boolean {
  if (w.axe !== p.axe) return false;
  if (p.origin !== null && w.codes.has(p.origin)) return true;
  return w.texts.some((t) => sharesTopic(t, p.words));
}

/** The first non-empty value of a field over the members, representative first. */
function firstOf<F extends keyof Proposition>(members: Proposition[], field: F): Proposition[F] {
  const filled = members.find((m) => {
    const v = m[field];
    return v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "");
  });
  return (filled ?? members[0])?.[field] as Proposition[F];
}

/** One matrix row per cluster, unnumbered, in consolidation order. */
function clusterRows(c: Consolidation, config: Config): Omit<MatrixRow, "number">[] {
  const clusters = new Map<string, Proposition[]>();
  c.propositions.forEach((p, i) => {
    const id = p.cluster ?? `#${i}`;
    const members = clusters.get(id);
    if (members) members.push(p);
    else clusters.set(id, [p]);
  });
  const bilan = new Map(c.bilan.map((b) => [identityText(String(b.code_activite ?? "")), b]));
  const unassessed = new Set(c.non_evalues.map(identityText));
  const weaknesses = weaknessClusters(c);
  return [...clusters.values()].map((members) => {
    const head = members[0] as Proposition;
    const costing = members.find(hasCost) ?? head;
    const years = yearsOf(costing, config);
    const cout = costOf(costing);
    const { perYear, given } = spread(costing, years, cout);
    const codes = [...new Set(members.flatMap((m) => str(m.code_activite_origine) ?? []))];
    const offers = members.map(offerOf);
    const origins = codes.map((code): MatrixOrigin => {
      const b = bilan.get(identityText(code));
      return {
        code,
        statut: b?.statut ?? null,
        taux_realisation: b?.taux_realisation ?? null,
        unassessed: !b && unassessed.has(identityText(code)),
      };
    });
    return {
      axe: String(head.axe ?? ""),
      objectif: String(head.objectif ?? ""),
      action: String(head.action ?? ""),
      indicateur: str(firstOf(members, "indicateur")),
      reference: str(firstOf(members, "reference")),
      cible: str(firstOf(members, "cible")),
      responsable: str(firstOf(members, "responsable")),
      partenaires: firstOf(members, "partenaires") ?? [],
      years,
      cout,
      perYear,
      perYearGiven: given,
      source_financement: str(firstOf(members, "source_financement")),
      priorite: str(firstOf(members, "priorite")),
      nature: str(firstOf(members, "nature")),
      origins,
      weaknesses: weaknesses
        .filter((w) => offers.some((o) => addresses(w, o)))
        .map((w) => w.headline),
      variants: members.slice(1).map((m) => ({
        objectif: String(m.objectif ?? ""),
        action: String(m.action ?? ""),
        years: yearsOf(m, config),
        cout: costOf(m),
        sources: m.sources,
      })),
      sources: members.flatMap((m) => m.sources),
      cluster: head.cluster ?? null,
    };
  });
}

/** Axis codes in plan order, then codes the plan does not list (natural order). */
function axisOrder(config: Config, codes: Iterable<string>): string[] {
  const planned = config.plan.axes.map((a) => a.code);
  const extra = [...new Set(codes)].filter((c) => !planned.includes(c)).sort(compareText);
  return [...planned, ...extra];
}

function axisNumber(config: Config, code: string, order: readonly string[]): number {
  const axis = config.plan.axes.find((a) => a.code === code);
  if (axis) return axis.number;
  const max = Math.max(0, ...config.plan.axes.map((a) => a.number));
  return max + 1 + order.indexOf(code) - config.plan.axes.length;
}

/** The matrix rows: clusters shown once, grouped by axis then objective, numbered `1.2.3`. */
export function matrixRows(c: Consolidation, config: Config): MatrixRow[] {
  const rows = clusterRows(c, config);
  const order = axisOrder(
    config,
    rows.map((r) => r.axe),
  );
  const out: MatrixRow[] = [];
  for (const code of order) {
    const objectives = new Map<string, Omit<MatrixRow, "number">[]>();
    for (const r of rows) {
      if (r.axe !== code) continue;
      const key = identityText(r.objectif);
      const actions = objectives.get(key);
      if (actions) actions.push(r);
      else objectives.set(key, [r]);
    }
    const n = axisNumber(config, code, order);
    [...objectives.values()].forEach((actions, o) => {
      actions.forEach((r, a) => {
        // The first wording met names the objective for every action under it.
        const objectif = (actions[0] as Omit<MatrixRow, "number">).objectif;
        out.push({ number: `${n}.${o + 1}.${a + 1}`, ...r, objectif });
      });
    });
  }
  return out;
}

// --- labels ------------------------------------------------------------------------------------

function fieldLabel(id: string, lang: Lang): string {
  const f = propositionFields.find((x) => x.id === id);
  return f ? f[lang] : id;
}

/** `FCFA` for the CFA francs, else the configured currency code. */
function currencyOf(config: Config): string {
  return ["XOF", "XAF", "FCFA"].includes(config.currency.toUpperCase()) ? "FCFA" : config.currency;
}

const T = {
  fr: {
    matrix: "Matrice",
    matrixTitle: "Matrice d'actions",
    summary: "Synthèse budgétaire",
    breakdown: "Répartition annuelle",
    sources: "Sources",
    draft: "PROJET",
    number: "N°",
    axis: "Axe",
    responsible: "Responsable",
    origin: "Origine (groupes, sessions)",
    activity: (label: string) => `Activité d'origine (${label})`,
    weaknesses: "Faiblesses traitées",
    variants: "Variantes regroupées (hors totaux)",
    subtotal: (n: number) => `Sous-total axe ${n}`,
    total: "Total général",
    generated: (d: string, files: number) =>
      `Généré le ${d} par atelier à partir de ${files} fichier(s) — document de travail à valider. Sous-totaux, total et synthèse budgétaire sont des formules.`,
    notAssessed: "non évaluée",
    axisCode: "Code axe",
    cost: "Coût estimé",
    mode: "Répartition",
    given: "coûts annuels du groupe",
    even: "parts égales",
    rowTotal: "Total",
    matrixTotal: "Total de la matrice",
    gap: "Écart (coût non réparti sur les années)",
    summaryNote: (cur: string) =>
      `Montants en ${cur}. Coût de chaque action réparti sur ses années prévues : coûts annuels du groupe quand ils sont donnés, sinon parts égales.`,
    summarySheetNote: "Détail par action : feuille « Répartition annuelle ».",
    breakdownNote:
      "Part de chaque année dans le coût estimé d'une action : calculée à partir des X de la matrice (parts égales), ou coûts annuels donnés par le groupe.",
    file: "Fichier",
    sheet: "Feuille",
    group: "Groupe",
    session: "Session",
    proposals: "Propositions (lignes)",
    actions: "Actions de la matrice",
    numbers: "N° des actions",
    priorityError: "Choisissez une priorité de la liste.",
    yearError: "Marquez X une année prévue, ou laissez vide.",
    footer: "Page &P / &N",
    date: (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
    percent: (n: number) => `${String(Math.round(n * 10) / 10).replace(".", ",")}\u00a0%`,
    quote: (text: string) => `« ${text} »`,
    labelled: (label: string, text: string) => `${label}\u00a0: ${text}`,
    markdownNote: (d: string, files: number) =>
      `Généré le ${d} par atelier à partir de ${files} fichier(s) — document de travail à valider.`,
  },
  en: {
    matrix: "Matrix",
    matrixTitle: "Action matrix",
    summary: "Budget summary",
    breakdown: "Annual breakdown",
    sources: "Sources",
    draft: "DRAFT",
    number: "No.",
    axis: "Axis",
    responsible: "Responsible",
    origin: "Origin (groups, sessions)",
    activity: (label: string) => `Source activity (${label})`,
    weaknesses: "Weaknesses addressed",
    variants: "Merged variants (not in totals)",
    subtotal: (n: number) => `Subtotal axis ${n}`,
    total: "Grand total",
    generated: (d: string, files: number) =>
      `Generated on ${d} by atelier from ${files} file(s) — working draft for validation. Subtotals, total and budget summary are formulas.`,
    notAssessed: "not assessed",
    axisCode: "Axis code",
    cost: "Estimated cost",
    mode: "Breakdown",
    given: "group's yearly costs",
    even: "even shares",
    rowTotal: "Total",
    matrixTotal: "Matrix total",
    gap: "Difference (cost not spread over years)",
    summaryNote: (cur: string) =>
      `Amounts in ${cur}. Each action's cost spread over its scheduled years: the group's yearly costs when given, else even shares.`,
    summarySheetNote: "Per action: sheet “Annual breakdown”.",
    breakdownNote:
      "Each year's share of an action's estimated cost: from the X marks of the matrix (even shares), or the yearly costs the group gave.",
    file: "File",
    sheet: "Sheet",
    group: "Group",
    session: "Session",
    proposals: "Proposals (rows)",
    actions: "Matrix actions",
    numbers: "Action numbers",
    priorityError: "Choose a priority from the list.",
    yearError: "Mark a scheduled year X, or leave it empty.",
    footer: "Page &P of &N",
    date: (d: Date) => d.toISOString().slice(0, 10),
    percent: (n: number) => `${Math.round(n * 10) / 10}%`,
    quote: (text: string) => `“${text}”`,
    labelled: (label: string, text: string) => `${label}: ${text}`,
    markdownNote: (d: string, files: number) =>
      `Generated on ${d} by atelier from ${files} file(s) — working draft for validation.`,
  },
} as const;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function axisLabel(config: Config, code: string, lang: Lang, order: readonly string[]): string {
  const axis = config.plan.axes.find((a) => a.code === code);
  return axis ? `${axis.number}. ${axis[lang]}` : `${axisNumber(config, code, order)}. ${code}`;
}

function enumLabel(
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

function groupsText(sources: readonly Source[]): string {
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
  const t = T[lang];
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

function variantLines(r: MatrixRow, config: Config, lang: Lang): string[] {
  return r.variants.map((v) => {
    const details = [groupsText(v.sources)];
    if (v.years.length > 0) details.push(yearsText(v.years));
    if (v.cout !== null) details.push(`${formatNumber(v.cout, lang)} ${currencyOf(config)}`);
    const objective =
      identityText(v.objectif) === identityText(r.objectif) ? "" : ` [${v.objectif}]`;
    return `${T[lang].quote(v.action)}${objective} — ${details.join("; ")}`;
  });
}

/** The cells shown for one row, shared by the workbook, the CSV and the Markdown. */
function shownTexts(r: MatrixRow, config: Config, lang: Lang) {
  return {
    partenaires: r.partenaires.join(", "),
    priorite: enumLabel(PRIORITES, r.priorite, lang),
    origine: groupsText(r.sources),
    activite: originLines(r, lang),
    faiblesses: r.weaknesses,
    variantes: variantLines(r, config, lang),
  };
}

// --- columns -----------------------------------------------------------------------------------

interface MatrixColumn {
  key: string;
  header: string;
  /** Width in characters of the default font. */
  width: number;
  year?: number;
}

function matrixColumns(config: Config, lang: Lang): MatrixColumn[] {
  const t = T[lang];
  const cur = currencyOf(config);
  return [
    { key: "number", header: t.number, width: 7 },
    { key: "axe", header: t.axis, width: 14 },
    { key: "objectif", header: fieldLabel("objectif", lang), width: 24 },
    { key: "action", header: fieldLabel("action", lang), width: 40 },
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
    { key: "variantes", header: t.variants, width: 26 },
  ];
}

// --- CSV and Markdown --------------------------------------------------------------------------

/** The matrix as a flat table (no subtotal rows: a CSV is for sorting and re-summing). */
export function matrixTable(rows: readonly MatrixRow[], config: Config, lang: Lang): FlatTable {
  const columns = matrixColumns(config, lang);
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
    const s = shownTexts(r, config, lang);
    const join = (lines: string[]) => (lines.length ? lines.join(" | ") : null);
    return columns.map((c): Value => {
      if (c.year !== undefined) return r.years.includes(c.year) ? "X" : null;
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
        case "variantes":
          return join(s.variantes);
        default:
          return (r[c.key as keyof MatrixRow] as Value | undefined) ?? null;
      }
    });
  });
  const title = { fr: T.fr.matrixTitle, en: T.en.matrixTitle };
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

/** Per axis and year, the cost shares of the rows: the figures of the budget summary. */
export function budgetByAxis(rows: readonly MatrixRow[], config: Config) {
  const order = axisOrder(
    config,
    rows.map((r) => r.axe),
  );
  return order.map((code) => {
    const years = Object.fromEntries(
      planYears(config).map((y) => [
        y,
        rows.filter((r) => r.axe === code).reduce((n, r) => n + (r.perYear[y] ?? 0), 0),
      ]),
    ) as Record<string, number>;
    const cost = rows.filter((r) => r.axe === code).reduce((n, r) => n + (r.cout ?? 0), 0);
    return { axe: code, years, cost };
  });
}

/** The matrix as Markdown: one table per axis with its subtotal, the total, the budget summary. */
export function matrixMarkdown(
  rows: readonly MatrixRow[],
  config: Config,
  lang: Lang,
  generated: Date,
): string {
  const t = T[lang];
  const cur = currencyOf(config);
  const order = axisOrder(
    config,
    rows.map((r) => r.axe),
  );
  const columns = matrixColumns(config, lang).filter(
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
  ];
  let total = 0;
  for (const code of order) {
    const own = rows.filter((r) => r.axe === code);
    if (own.length === 0) continue;
    out.push(`## ${markdownCell(axisLabel(config, code, lang, order))}`, "");
    const body = own.map((r) => {
      const s = shownTexts(r, config, lang);
      const cells = columns.map((c) => {
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
          case "variantes":
            return markdownCell(s.variantes.join("\n"));
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

// --- workbook ----------------------------------------------------------------------------------

/** Light fill for an axis's rows, mid for its subtotal, dark for its scheduled years. */
const BANDS = [
  { light: "FFDDEBF7", mid: "FFBDD7EE", dark: "FF2F75B5" },
  { light: "FFE2EFDA", mid: "FFC6E0B4", dark: "FF548235" },
  { light: "FFFCE4D6", mid: "FFF8CBAD", dark: "FFC65911" },
  { light: "FFEDE7F6", mid: "FFD9CCEB", dark: "FF7030A0" },
  { light: "FFFFF2CC", mid: "FFFFE699", dark: "FFBF8F00" },
  { light: "FFEDEDED", mid: "FFDBDBDB", dark: "FF595959" },
] as const;

/** Grouped thousands in the reader's locale: `1 500 000` in French Excel, `1,500,000` in English. */
export const MATRIX_MONEY_FORMAT = "#,##0";

const HEADER_ROW = 4;
const FIRST_ROW = HEADER_ROW + 1;
const FROZEN_COLUMNS = 4;

const solid = (argb: string): ExcelJS.Fill => ({
  type: "pattern",
  pattern: "solid",
  fgColor: { argb },
});
const GRID: Partial<ExcelJS.Borders> = (() => {
  const side: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };
  return { top: side, left: side, bottom: side, right: side };
})();

/** Letter of a 1-based column number, as exceljs numbers columns. */
const letter = (column: number) => columnLetter(column - 1);

/** `'Sheet name'!A1`: quoted for spaces and accents, a quote doubled. */
function ref(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** Header and footer text is a small language of its own: `&` must be doubled. */
function headerText(text: string): string {
  return text.replace(/&/g, "&&");
}

function sheetNames(lang: Lang) {
  const t = T[lang];
  return { matrix: t.matrix, summary: t.summary, breakdown: t.breakdown, sources: t.sources };
}

function printSetup(ws: ExcelJS.Worksheet, paperSize: number, footer: string) {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: paperSize as ExcelJS.PageSetup["paperSize"],
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.2, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: footer };
}

function styleHeader(row: ExcelJS.Row, from: number, to: number) {
  row.height = 45;
  for (let i = from; i <= to; i++) {
    const cell = row.getCell(i);
    cell.font = { ...FONT, bold: true, color: { argb: "FFFFFFFF" } };
    cell.fill = solid(HEADER_FILL);
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    cell.border = GRID;
  }
}

/**
 * Every styled cell names the font: a font without a name is the application's default, a serif
 * in LibreOffice, where the rest of the sheet is in the workbook's Calibri.
 */
const FONT: Partial<ExcelJS.Font> = { name: "Calibri", family: 2, size: 11 };

/** Points per line of the default font (11 pt), as Excel sizes a row. */
const LINE_HEIGHT = 15;

/**
 * Lines a text takes once wrapped in a column `width` characters wide. Greedy word wrap at 1.1
 * characters per width unit: the unit is a digit, and Calibri fits about 1.2 characters of
 * ordinary text in it; the margin makes a row a little taller rather than a text cut.
 */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.1) - 1);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (used > 0 && used + 1 + word.length <= perLine) {
        used += 1 + word.length;
        continue;
      }
      if (used > 0) lines++;
      // A word longer than the column breaks across lines.
      lines += Math.ceil(word.length / perLine) - 1;
      used = word.length % perLine || perLine;
    }
  }
  return lines;
}

/**
 * Height of a data row: LibreOffice does not fit the rows of an xlsx file to wrapped text when it
 * opens it, so the height is set from the tallest cell.
 */
function rowHeight(cells: { text: ExcelJS.CellValue; width: number }[]): number {
  const lines = Math.max(
    1,
    ...cells.map((c) => (typeof c.text === "string" ? wrappedLines(c.text, c.width) : 1)),
  );
  return lines * LINE_HEIGHT + 3;
}

interface ValidationRanges {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

interface MatrixLayout {
  /** Worksheet row of each matrix row, by index in `rows`. */
  rowOf: number[];
  /** Column (1-based) of each plan year and of the cost. */
  yearColumn: Map<number, number>;
  costColumn: number;
  grandTotal: string;
}

function addMatrixSheet(
  wb: ExcelJS.Workbook,
  rows: readonly MatrixRow[],
  config: Config,
  lang: Lang,
  generated: Date,
): MatrixLayout {
  const t = T[lang];
  const names = sheetNames(lang);
  const columns = matrixColumns(config, lang);
  const order = axisOrder(
    config,
    rows.map((r) => r.axe),
  );
  const ws = wb.addWorksheet(names.matrix, {
    views: [
      {
        state: "frozen",
        xSplit: FROZEN_COLUMNS,
        ySplit: HEADER_ROW,
        topLeftCell: `${letter(FROZEN_COLUMNS + 1)}${FIRST_ROW}`,
        activeCell: `${letter(FROZEN_COLUMNS + 1)}${FIRST_ROW}`,
      },
    ],
  });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const col = (key: string) => columns.findIndex((c) => c.key === key) + 1;
  const last = columns.length;
  const costColumn = col("cout");
  const costLetter = letter(costColumn);
  const yearColumn = new Map(
    columns.flatMap((c, i) => (c.year !== undefined ? [[c.year, i + 1] as const] : [])),
  );

  const files = new Set(rows.flatMap((r) => r.sources.map((s) => s.file))).size;
  const title = ws.getCell(1, 1);
  title.value = config.title;
  title.font = { ...FONT, bold: true, size: 16, color: { argb: HEADER_FILL } };
  ws.getRow(1).height = 24;
  const subtitle = ws.getCell(2, 1);
  subtitle.value = {
    richText: [
      {
        text: `${t.matrixTitle} — ${config.plan.label} — `,
        font: { ...FONT, bold: true, size: 13 },
      },
      { text: t.draft, font: { ...FONT, bold: true, size: 13, color: { argb: "FFC00000" } } },
    ],
  };
  ws.getRow(2).height = 20;
  const note = ws.getCell(3, 1);
  note.value = t.generated(t.date(generated), files);
  note.font = { ...FONT, italic: true, color: { argb: "FF595959" } };

  const header = ws.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
  });
  styleHeader(header, 1, last);

  const rowOf: number[] = [];
  const subtotals: string[] = [];
  let at = FIRST_ROW;
  for (const [index, code] of order.entries()) {
    const own = rows.flatMap((r, i) => (r.axe === code ? [i] : []));
    if (own.length === 0) continue;
    const band = BANDS[index % BANDS.length] as (typeof BANDS)[number];
    const label = axisLabel(config, code, lang, order);
    const first = at;
    for (const i of own) {
      const r = rows[i] as MatrixRow;
      const s = shownTexts(r, config, lang);
      rowOf[i] = at;
      const row = ws.getRow(at);
      const values: Record<string, ExcelJS.CellValue> = {
        number: r.number,
        axe: label,
        objectif: r.objectif,
        action: r.action,
        indicateur: r.indicateur,
        reference: r.reference,
        cible: r.cible,
        responsable: r.responsable,
        partenaires: s.partenaires || null,
        cout: r.cout,
        source_financement: r.source_financement,
        priorite: s.priorite,
        origine: s.origine,
        activite: s.activite.join("\n") || null,
        faiblesses: s.faiblesses.map((w) => `• ${w}`).join("\n") || null,
        variantes: s.variantes.map((v) => `• ${v}`).join("\n") || null,
      };
      columns.forEach((c, k) => {
        const cell = row.getCell(k + 1);
        cell.border = GRID;
        if (c.year !== undefined) {
          // The shade comes from a conditional format on the mark (below), so that an X typed
          // or deleted by the analyst is shaded or cleared like the others.
          cell.value = r.years.includes(c.year) ? "X" : null;
          cell.fill = solid(band.light);
          cell.font = { ...FONT, bold: true };
          cell.alignment = { vertical: "middle", horizontal: "center" };
          return;
        }
        // Strings stay strings: exceljs writes them as text cells, never as formulas.
        cell.value = values[c.key] ?? null;
        cell.fill = solid(band.light);
        cell.alignment = {
          vertical: "top",
          wrapText: true,
          ...(c.key === "number" || c.key === "priorite" ? { horizontal: "center" as const } : {}),
        };
        if (c.key === "cout") cell.numFmt = MATRIX_MONEY_FORMAT;
        if (c.key === "number") cell.font = { ...FONT, bold: true };
      });
      row.height = rowHeight(columns.map((c) => ({ text: values[c.key], width: c.width })));
      at++;
    }
    const years = [...yearColumn.values()];
    if (years.length > 0) {
      const topLeft = `${letter(Math.min(...years))}${first}`;
      ws.addConditionalFormatting({
        ref: `${topLeft}:${letter(Math.max(...years))}${at - 1}`,
        rules: [
          {
            type: "expression",
            priority: 1,
            // Relative to the range's top-left cell; `="X"` ignores case, as COUNTIF does.
            formulae: [`${topLeft}="X"`],
            style: {
              fill: { type: "pattern", pattern: "solid", bgColor: { argb: band.dark } },
              font: { bold: true, color: { argb: "FFFFFFFF" } },
            },
          },
        ],
      });
    }
    const subtotal = ws.getRow(at);
    const amount = own.reduce((n, i) => n + ((rows[i] as MatrixRow).cout ?? 0), 0);
    for (let k = 1; k <= last; k++) {
      const cell = subtotal.getCell(k);
      cell.fill = solid(band.mid);
      cell.font = { ...FONT, bold: true };
      cell.border = GRID;
      cell.alignment = { vertical: "top", wrapText: true };
    }
    // The axis label keeps the subtotal visible when the analyst filters on its axis.
    subtotal.getCell(col("axe")).value = label;
    subtotal.getCell(col("axe")).font = { ...FONT };
    subtotal.height = rowHeight([{ text: label, width: columns[col("axe") - 1]?.width ?? 14 }]);
    subtotal.getCell(col("action")).value = t.subtotal(axisNumber(config, code, order));
    const total = subtotal.getCell(costColumn);
    total.value = { formula: `SUM(${costLetter}${first}:${costLetter}${at - 1})`, result: amount };
    total.numFmt = MATRIX_MONEY_FORMAT;
    subtotals.push(`${costLetter}${at}`);
    at++;
  }
  const lastData = Math.max(at - 1, HEADER_ROW);
  // The grand total sits below the filtered range, so that no filter ever hides it.
  const grand = ws.getRow(at);
  for (let k = 1; k <= last; k++) {
    const cell = grand.getCell(k);
    cell.fill = solid(HEADER_FILL);
    cell.font = { ...FONT, bold: true, color: { argb: "FFFFFFFF" } };
    cell.border = GRID;
    cell.alignment = { vertical: "middle" };
  }
  grand.height = 22;
  grand.getCell(col("action")).value = t.total;
  const grandCell = grand.getCell(costColumn);
  grandCell.value = {
    formula: subtotals.length ? `SUM(${subtotals.join(",")})` : "0",
    result: rows.reduce((n, r) => n + (r.cout ?? 0), 0),
  };
  grandCell.numFmt = MATRIX_MONEY_FORMAT;

  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: lastData, column: last } };
  if (lastData >= FIRST_ROW) {
    // One validation per range (exceljs supports it; its type definitions do not declare it).
    const validations = (ws as unknown as { dataValidations: ValidationRanges }).dataValidations;
    const priority = letter(col("priorite"));
    validations.add(`${priority}${FIRST_ROW}:${priority}${lastData}`, {
      type: "list",
      allowBlank: true,
      formulae: [`"${PRIORITES.map((p) => p[lang]).join(",")}"`],
      showErrorMessage: true,
      errorTitle: fieldLabel("priorite", lang),
      error: t.priorityError,
    });
    const years = [...yearColumn.values()];
    if (years.length > 0) {
      const range = `${letter(Math.min(...years))}${FIRST_ROW}:${letter(Math.max(...years))}${lastData}`;
      validations.add(range, {
        type: "list",
        allowBlank: true,
        formulae: ['"X"'],
        showErrorMessage: true,
        error: t.yearError,
      });
    }
  }
  printSetup(
    ws,
    8,
    `&L${headerText(`${config.plan.label} — ${t.matrixTitle} — ${t.draft}`)}&C${t.footer}&R${headerText(t.date(generated))}`,
  );
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  return { rowOf, yearColumn, costColumn, grandTotal: `$${costLetter}$${at}` };
}

const BREAKDOWN_HEAD = 3;
/** Columns of the breakdown before the years: N°, axis code, action, cost, mode. */
const BREAKDOWN_FIXED = 5;
const BREAKDOWN_ACTION_WIDTH = 50;
/** A year the action does not cover shows blank, not 0. */
const SHARE_FORMAT = `${MATRIX_MONEY_FORMAT};-${MATRIX_MONEY_FORMAT};""`;

/** Where the breakdown keeps the axis codes and each year's shares, for the summary's SUMIFS. */
function breakdownRanges(rows: readonly MatrixRow[], lang: Lang) {
  const first = BREAKDOWN_HEAD + 1;
  const last = Math.max(first, first + rows.length - 1);
  const column = (k: number) => letter(BREAKDOWN_FIXED + 1 + k);
  return {
    sheet: sheetNames(lang).breakdown,
    codes: `$B$${first}:$B$${last}`,
    year: (k: number) => `${column(k)}$${first}:${column(k)}$${last}`,
  };
}

/** "Répartition annuelle": each action's share of each year, as cells the budget summary sums. */
function addBreakdownSheet(
  wb: ExcelJS.Workbook,
  rows: readonly MatrixRow[],
  config: Config,
  lang: Lang,
  layout: MatrixLayout,
) {
  const t = T[lang];
  const names = sheetNames(lang);
  const years = planYears(config);
  const ws = wb.addWorksheet(names.breakdown, {
    views: [{ state: "frozen", xSplit: 3, ySplit: 3, topLeftCell: "D4", activeCell: "D4" }],
  });
  const cur = currencyOf(config);
  ws.columns = [
    { width: 8 },
    { width: 10 },
    { width: BREAKDOWN_ACTION_WIDTH },
    { width: 15 },
    { width: 22 },
    ...years.map(() => ({ width: 13 })),
    { width: 15 },
  ];
  ws.getCell(1, 1).value = `${t.breakdown} — ${config.plan.label} — ${t.draft}`;
  ws.getCell(1, 1).font = { ...FONT, bold: true, size: 13 };
  ws.getCell(2, 1).value = t.breakdownNote;
  ws.getCell(2, 1).font = { ...FONT, italic: true, color: { argb: "FF595959" } };
  const head = BREAKDOWN_HEAD;
  const first = head + 1;
  const totalCol = BREAKDOWN_FIXED + 1 + years.length;
  const headers = [
    t.number,
    t.axisCode,
    fieldLabel("action", lang),
    `${t.cost} (${cur})`,
    t.mode,
    ...years.map(String),
    `${t.rowTotal} (${cur})`,
  ];
  headers.forEach((h, i) => {
    ws.getCell(head, i + 1).value = h;
  });
  styleHeader(ws.getRow(head), 1, headers.length);
  const matrix = names.matrix;
  const yearLetters = years.map((y) => letter(layout.yearColumn.get(y) as number));
  const marks = (r: number) =>
    `${ref(matrix, `$${yearLetters[0]}${r}`)}:$${yearLetters[yearLetters.length - 1]}${r}`;
  const costRef = (r: number) => ref(matrix, `$${letter(layout.costColumn)}${r}`);
  rows.forEach((row, i) => {
    const at = first + i;
    const source = layout.rowOf[i] as number;
    const line = ws.getRow(at);
    line.getCell(1).value = row.number;
    line.getCell(2).value = row.axe;
    line.getCell(3).value = row.action;
    line.getCell(4).value = { formula: costRef(source), result: row.cout ?? 0 };
    line.getCell(5).value = row.perYearGiven ? t.given : t.even;
    years.forEach((y, k) => {
      const cell = line.getCell(BREAKDOWN_FIXED + 1 + k);
      const share = row.perYear[y] ?? 0;
      if (row.perYearGiven) {
        cell.value = row.perYear[y] ?? null;
      } else {
        const mark = ref(matrix, `${yearLetters[k]}${source}`);
        cell.value = {
          formula: `IF(${mark}="X",${costRef(source)}/COUNTIF(${marks(source)},"X"),0)`,
          result: share,
        };
      }
    });
    line.getCell(totalCol).value = {
      formula: `SUM(${letter(BREAKDOWN_FIXED + 1)}${at}:${letter(BREAKDOWN_FIXED + years.length)}${at})`,
      result: years.reduce((n, y) => n + (row.perYear[y] ?? 0), 0),
    };
    for (let k = 1; k <= totalCol; k++) {
      const cell = line.getCell(k);
      cell.border = GRID;
      cell.alignment = { vertical: "top", wrapText: k === 3 };
      if (k === 4 || k === totalCol) cell.numFmt = MATRIX_MONEY_FORMAT;
      else if (k > BREAKDOWN_FIXED) cell.numFmt = SHARE_FORMAT;
    }
    line.height = rowHeight([{ text: row.action, width: BREAKDOWN_ACTION_WIDTH }]);
  });
  const lastRow = Math.max(first, first + rows.length - 1);
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: lastRow, column: totalCol } };
  printSetup(
    ws,
    9,
    `&L${headerText(`${config.plan.label} — ${t.breakdown} — ${t.draft}`)}&R${t.footer}`,
  );
  ws.pageSetup.printTitlesRow = `${head}:${head}`;
}

function addSummarySheet(
  wb: ExcelJS.Workbook,
  rows: readonly MatrixRow[],
  config: Config,
  lang: Lang,
  layout: MatrixLayout,
  breakdown: ReturnType<typeof breakdownRanges>,
) {
  const t = T[lang];
  const names = sheetNames(lang);
  const years = planYears(config);
  const cur = currencyOf(config);
  const order = axisOrder(
    config,
    rows.map((r) => r.axe),
  );
  const budget = budgetByAxis(rows, config);
  const ws = wb.addWorksheet(names.summary);
  ws.columns = [{ width: 44 }, ...years.map(() => ({ width: 15 })), { width: 17 }];
  ws.getCell(1, 1).value = `${t.summary} — ${config.plan.label} — ${t.draft}`;
  ws.getCell(1, 1).font = { ...FONT, bold: true, size: 13 };
  ws.getCell(2, 1).value = `${t.summaryNote(cur)} ${t.summarySheetNote}`;
  ws.getCell(2, 1).font = { ...FONT, italic: true, color: { argb: "FF595959" } };
  const head = 4;
  const headers = [t.axis, ...years.map(String), `${t.rowTotal} (${cur})`];
  headers.forEach((h, i) => {
    ws.getCell(head, i + 1).value = h;
  });
  styleHeader(ws.getRow(head), 1, headers.length);
  const totalCol = years.length + 2;
  const yearSum = (b: (typeof budget)[number]) => years.reduce((n, y) => n + (b.years[y] ?? 0), 0);
  budget.forEach((b, i) => {
    const at = head + 1 + i;
    const line = ws.getRow(at);
    const band = BANDS[order.indexOf(b.axe) % BANDS.length] as (typeof BANDS)[number];
    line.getCell(1).value = axisLabel(config, b.axe, lang, order);
    years.forEach((y, k) => {
      // Axis codes are configuration codes (`[A-Z][A-Z0-9_]+`), safe inside a formula string.
      line.getCell(2 + k).value = {
        formula: `SUMIFS(${ref(breakdown.sheet, breakdown.year(k))},${ref(breakdown.sheet, breakdown.codes)},"${b.axe.replace(/"/g, '""')}")`,
        result: b.years[y] ?? 0,
      };
    });
    line.getCell(totalCol).value = {
      formula: `SUM(B${at}:${letter(totalCol - 1)}${at})`,
      result: yearSum(b),
    };
    for (let k = 1; k <= totalCol; k++) {
      const cell = line.getCell(k);
      cell.fill = solid(band.light);
      cell.border = GRID;
      cell.alignment = { vertical: "middle", wrapText: k === 1 };
      if (k > 1) cell.numFmt = MATRIX_MONEY_FORMAT;
    }
  });
  const firstAxis = head + 1;
  const lastAxis = head + budget.length;
  const totalRow = lastAxis + 1;
  const grand = ws.getRow(totalRow);
  grand.getCell(1).value = t.rowTotal;
  for (let k = 2; k <= totalCol; k++) {
    const l = letter(k);
    const result =
      k === totalCol
        ? budget.reduce((n, b) => n + yearSum(b), 0)
        : budget.reduce((n, b) => n + (b.years[years[k - 2] as number] ?? 0), 0);
    grand.getCell(k).value = { formula: `SUM(${l}${firstAxis}:${l}${lastAxis})`, result };
  }
  for (let k = 1; k <= totalCol; k++) {
    const cell = grand.getCell(k);
    cell.fill = solid(HEADER_FILL);
    cell.font = { ...FONT, bold: true, color: { argb: "FFFFFFFF" } };
    cell.border = GRID;
    if (k > 1) cell.numFmt = MATRIX_MONEY_FORMAT;
  }
  // A visible check: the spread must add up to the matrix's grand total.
  const matrixTotal = rows.reduce((n, r) => n + (r.cout ?? 0), 0);
  const check = ws.getRow(totalRow + 2);
  check.getCell(1).value = t.matrixTotal;
  check.getCell(totalCol).value = {
    formula: ref(names.matrix, layout.grandTotal),
    result: matrixTotal,
  };
  const gap = ws.getRow(totalRow + 3);
  gap.getCell(1).value = t.gap;
  const tc = letter(totalCol);
  gap.getCell(totalCol).value = {
    formula: `${tc}${totalRow + 2}-${tc}${totalRow}`,
    result: matrixTotal - budget.reduce((n, b) => n + yearSum(b), 0),
  };
  for (const r of [check, gap]) {
    r.getCell(1).font = { ...FONT, italic: true };
    r.getCell(totalCol).numFmt = MATRIX_MONEY_FORMAT;
    r.getCell(totalCol).border = GRID;
  }
  printSetup(
    ws,
    9,
    `&L${headerText(`${config.plan.label} — ${t.summary} — ${t.draft}`)}&R${t.footer}`,
  );
}

function addSourcesSheet(wb: ExcelJS.Workbook, rows: readonly MatrixRow[], lang: Lang) {
  const t = T[lang];
  const ws = wb.addWorksheet(sheetNames(lang).sources, {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const files = new Map<
    string,
    {
      sheets: Set<string>;
      groups: Set<string>;
      sessions: Set<string>;
      rows: number;
      actions: string[];
    }
  >();
  for (const r of rows) {
    for (const s of r.sources) {
      const f = files.get(s.file) ?? {
        sheets: new Set(),
        groups: new Set(),
        sessions: new Set(),
        rows: 0,
        actions: [],
      };
      if (s.sheet !== null) f.sheets.add(s.sheet);
      if (s.groupe !== null) f.groups.add(s.groupe);
      if (s.session !== null) f.sessions.add(s.session);
      f.rows++;
      if (!f.actions.includes(r.number)) f.actions.push(r.number);
      files.set(s.file, f);
    }
  }
  ws.columns = [
    { header: t.file, width: 40 },
    { header: t.sheet, width: 16 },
    { header: t.group, width: 18 },
    { header: t.session, width: 10 },
    { header: t.proposals, width: 14 },
    { header: t.actions, width: 14 },
    { header: t.numbers, width: 50 },
  ];
  styleHeader(ws.getRow(1), 1, 7);
  const join = (s: Set<string>) => [...s].join(", ") || null;
  for (const [file, f] of [...files].sort(([a], [b]) => compareText(a, b))) {
    const row = ws.addRow([
      file,
      join(f.sheets),
      join(f.groups),
      join(f.sessions),
      f.rows,
      f.actions.length,
      f.actions.join(", "),
    ]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = GRID;
      cell.alignment = { vertical: "top", wrapText: true };
    });
    row.height = rowHeight([
      { text: file, width: 40 },
      { text: f.actions.join(", "), width: 50 },
    ]);
  }
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, files.size + 1), column: 7 },
  };
  printSetup(ws, 9, `&L${headerText(t.sources)}&R${t.footer}`);
  ws.pageSetup.printTitlesRow = "1:1";
}

/**
 * The matrix workbook: "Matrice" (the rows by axis with subtotals and grand total), "Synthèse
 * budgétaire" (axis × year, SUMIFS over the breakdown), "Répartition annuelle" (each action's
 * yearly share, formulas on the matrix) and "Sources". English sheet names with `lang` "en".
 */
export function buildMatrix(
  consolidation: Consolidation,
  config: Config,
  lang: Lang,
  generated: Date,
): { workbook: ExcelJS.Workbook; rows: MatrixRow[] } {
  const rows = matrixRows(consolidation, config);
  const t = T[lang];
  const workbook = newWorkbook(generated, `${t.matrixTitle} — ${config.plan.label} (${t.draft})`);
  // Excel recomputes every formula when the file opens; the cached results serve the rest.
  workbook.calcProperties.fullCalcOnLoad = true;
  const layout = addMatrixSheet(workbook, rows, config, lang, generated);
  addSummarySheet(workbook, rows, config, lang, layout, breakdownRanges(rows, lang));
  addBreakdownSheet(workbook, rows, config, lang, layout);
  addSourcesSheet(workbook, rows, lang);
  return { workbook, rows };
}

/** What compile writes for the matrix: `matrice-actions.xlsx` and `matrice-actions.csv`. */
export async function matrixOutputs(
  consolidation: Consolidation,
  config: Config,
  lang: Lang,
  generated: Date,
  delimiter = ";",
): Promise<Map<string, string | Buffer>> {
  const { workbook, rows } = buildMatrix(consolidation, config, lang, generated);
  return new Map<string, string | Buffer>([
    ["matrice-actions.xlsx", await workbookBytes(workbook, generated)],
    ["matrice-actions.csv", matrixCsv(rows, config, lang, delimiter)],
  ]);
}
