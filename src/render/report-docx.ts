import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  type IParagraphOptions,
  type IRunOptions,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { ChartRun, type ChartRunOptions } from "docx/charts";
import type { CrossCuttingFinding, FindingCluster, ReportModel } from "../analysis/report.js";
import { STATUS_IDS } from "../analysis/report.js";
import type { FindingType } from "../fields.js";
import {
  currencyLabel,
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
  formatPoints,
  listSeparator,
  pick,
} from "../i18n/format.js";
import { messageOf } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import { cellOf } from "../issues.js";
import type { Band, Source } from "../model.js";
import {
  BAND_COLORS,
  budgetDescription,
  type Ctx as Figures,
  rateDescription,
  STATUS_COLORS,
  statusDescription,
} from "./report-charts.js";
import {
  axisName,
  axisShort,
  axisTitle,
  bandLabel,
  CONFLICTS_SHOWN,
  conflictValue,
  contextParagraphs,
  coverLines,
  fieldLabel,
  gapsNote,
  issueTitle,
  local,
  memberLines,
  methodWho,
  missingInputs,
  natureLabel,
  objectives,
  REJETS_SHOWN,
  rejectedCount,
  ruleText,
  SECTION_IDS,
  type SectionId,
  sourceRefs,
  statusLabel,
  texts,
  typeLabel,
  typePlural,
  weightsText,
} from "./report-text.js";
import { rearchive } from "./zip.js";

/**
 * The report as an editable Word document (`rapport-bilan.docx`), from the same model and texts
 * as the HTML, section for section, built with the `docx` library:
 * - Word's own styles (Title, Heading 1–3, Normal, Caption, a table style of ours), which Word
 *   and LibreOffice show under their local names (Titre, Titre 1, Légende…), so the committee
 *   restyles the whole document at once;
 * - a table of contents field, written with its entries (so it is never empty) and marked to be
 *   updated: Word fills in the page numbers when it opens the document, LibreOffice with « Mettre
 *   à jour ». The library can estimate them by laying out the pages itself, but that took 1.3 s
 *   on the sample workshop (nearly the time of the whole compile) and grows with the report;
 * - Arial, which every Windows has and LibreOffice draws with the metric-compatible Liberation
 *   Sans, so the pages break alike;
 * - A4, margins of 2.5 cm, portrait; the sections of wide tables (conflicts, annexes) landscape;
 *   page numbers in the footer;
 * - native Word charts (`docx/charts`): the reader sees them in Word and LibreOffice, and they
 *   keep their data in an embedded workbook, so Word's « Modifier les données » edits them. Each
 *   has a caption and the table of its figures after it.
 */

/** The report's context (model, language, formats) and what this document counts as it goes. */
interface Ctx extends Figures {
  /** Text width of the current section's pages, in twentieths of a point. */
  width: number;
  figures: number;
  tables: number;
  /** Numbered lists so far: each starts again at 1. */
  lists: number;
  status?: StatusSections;
}

type Block = Paragraph | Table | TableOfContents;
type Inline = string | TextRun;

const dash = "—";
const FONT = "Arial";
const ACCENT = "1F5F99";
const MUTED = "5B6472";
const LINE = "D5DAE1";
const SOFT = "F3F5F8";

/** A4 in twentieths of a point, and margins of 2.5 cm. */
const A4 = { short: 11906, long: 16838, margin: 1418 };
const PORTRAIT_WIDTH = A4.short - 2 * A4.margin;
const LANDSCAPE_WIDTH = A4.long - 2 * A4.margin;

const TABLE_STYLE = "AtelierTableau";

/**
 * The table style: light lines between rows, the header row shaded. The library writes no table
 * style of its own, so this one is added to the styles part as Word writes it.
 */
const tableStyle = (lang: Lang) =>
  `<w:style w:type="table" w:customStyle="1" w:styleId="${TABLE_STYLE}">
<w:name w:val="${lang === "fr" ? "Tableau atelier" : "atelier table"}"/>
<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:qFormat/>
<w:pPr><w:spacing w:before="20" w:after="20"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>
<w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="4" w:space="0" w:color="${LINE}"/>
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="${LINE}"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="${LINE}"/>
</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>
<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:sz w:val="16"/></w:rPr><w:tblPr/><w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="12" w:space="0" w:color="AEB6C2"/></w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="${SOFT}"/></w:tcPr></w:tblStylePr>
</w:style>`;

const run = (text: string, options: IRunOptions = {}) => new TextRun({ text, ...options });
const bold = (text: string) => run(text, { bold: true });
const italic = (text: string) => run(text, { italics: true });

function runs(content: Inline | readonly Inline[]): ParagraphChild[] {
  const list = Array.isArray(content) ? content : [content];
  return list.map((x) => (typeof x === "string" ? new TextRun(x) : x));
}

function para(content: Inline | readonly Inline[], options: IParagraphOptions = {}): Paragraph {
  return new Paragraph({ ...options, children: runs(content) });
}

const LEVELS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

function heading(text: string, level: 1 | 2 | 3): Paragraph {
  return new Paragraph({ heading: LEVELS[level - 1], children: [new TextRun(text)] });
}

const lead = (text: string) => para(text, { style: "Lead" });
const note = (text: string) => para(text, { style: "Note" });
/** Set off as « Ce qui manque » is in the HTML. */
const warning = (content: Inline | readonly Inline[]) => para(content, { style: "Missing" });
const empty = (text: string) => para(text, { style: "Empty" });

/**
 * A bulleted list, in a style when given. Bullets are a numbering of ours: the library's own
 * would write a second paragraph style (List Paragraph) beside the one given, which Word takes
 * as a broken document and LibreOffice resolves by dropping ours.
 */
function bullets(
  items: readonly (Inline | readonly Inline[])[],
  level: 0 | 1 = 0,
  style?: string,
): Paragraph[] {
  return items.map((item) =>
    para(item, { numbering: { reference: "dots", level }, ...(style ? { style } : {}) }),
  );
}

/** A list numbered from 1, each item a numbered paragraph and the blocks under it. */
function numbered(ctx: Ctx, items: readonly { head: Inline[]; rest: Block[] }[]): Block[] {
  // Each list is an instance of its own, so that it starts again at 1.
  const instance = ++ctx.lists;
  return items.flatMap(({ head, rest }) => [
    para(head, {
      numbering: { reference: "ranked", level: 0, instance },
      keepNext: rest.length > 0,
    }),
    ...rest,
  ]);
}

type Cell = Inline | readonly Inline[] | number | readonly Paragraph[];

function cellParagraphs(c: Cell, right: boolean): Paragraph[] {
  if (typeof c === "number") return [para(String(c), { alignment: AlignmentType.RIGHT })];
  if (Array.isArray(c) && c.length > 0 && c.every((x) => x instanceof Paragraph)) {
    return c as Paragraph[];
  }
  const content = c as Inline | readonly Inline[];
  return [para(content, right ? { alignment: AlignmentType.RIGHT } : {})];
}

interface TableOptions {
  /** Columns aligned right (numbers, amounts, percentages). */
  numeric?: readonly number[];
  /** Relative widths of the columns; equal by default. */
  widths?: readonly number[];
  total?: readonly Cell[];
}

/** Width of an average character of a table (Arial 9 pt; 8 pt bold in the header) and of a cell's margins, in twips. */
const TABLE_CHAR = 100;
const HEADER_CHAR = 105;
const CELL_MARGINS = 180;

/** The longest word of a cell's text, in characters (0 for a cell of paragraphs). */
function longestWord(c: Cell): number {
  const text =
    typeof c === "string" || typeof c === "number"
      ? String(c)
      : Array.isArray(c)
        ? c.map((x) => (typeof x === "string" ? x : "")).join("")
        : "";
  return Math.max(0, ...text.split(/\s+/).map((word) => word.length));
}

/**
 * Column widths that share `width` by `weights`, but never leave a column narrower than the
 * longest word of its header or of its cells (« Partiellement », « Coordination, »), which Word
 * and LibreOffice would otherwise cut in the middle; the other columns give up the difference
 * by weight. Words of more than 24 characters (paths) are left to break.
 */
function widthsOf(
  head: readonly string[],
  rows: readonly (readonly Cell[])[],
  weights: readonly number[],
  width: number,
): number[] {
  const least = head.map(
    (h, i) =>
      Math.min(
        24 * TABLE_CHAR,
        Math.max(
          longestWord(h) * HEADER_CHAR,
          ...rows.map((r) => longestWord(r[i] ?? "") * TABLE_CHAR),
        ),
      ) + CELL_MARGINS,
  );
  const needed = least.reduce((a, b) => a + b, 0);
  // Too many columns for the page: each as wide as its longest word allows.
  if (needed >= width) return least.map((w) => Math.floor((w * width) / needed));
  const fixed = new Set<number>();
  for (;;) {
    const free = width - [...fixed].reduce((sum, i) => sum + (least[i] ?? 0), 0);
    const share = weights.reduce((sum, w, i) => sum + (fixed.has(i) ? 0 : w), 0);
    const widths = weights.map((w, i) => (fixed.has(i) ? (least[i] ?? 0) : (free * w) / share));
    const short = widths.findIndex((w, i) => !fixed.has(i) && w < (least[i] ?? 0));
    if (short === -1) return widths.map(Math.floor);
    fixed.add(short);
  }
}

/** A numbered caption above a table whose header row repeats on each page. */
function table(
  ctx: Ctx,
  caption: string,
  head: readonly string[],
  rows: readonly (readonly Cell[])[],
  options: TableOptions = {},
): Block[] {
  const numeric = new Set(options.numeric ?? []);
  const columnWidths = widthsOf(head, rows, options.widths ?? head.map(() => 1), ctx.width);
  const row = (cells: readonly Cell[], kind: "head" | "body" | "total") =>
    new TableRow({
      tableHeader: kind === "head",
      cantSplit: true,
      children: cells.map(
        (c, i) =>
          new TableCell({
            width: { size: columnWidths[i] ?? 0, type: WidthType.DXA },
            children:
              kind === "body"
                ? cellParagraphs(c, numeric.has(i))
                : cellParagraphs(
                    typeof c === "string" || typeof c === "number" ? bold(String(c)) : c,
                    numeric.has(i),
                  ),
            ...(kind === "total"
              ? { shading: { type: ShadingType.CLEAR, fill: SOFT, color: "auto" } }
              : {}),
          }),
      ),
    });
  ctx.tables++;
  return [
    para(ctx.t.tableNo(ctx.tables, caption), { style: "Caption", keepNext: true }),
    new Table({
      style: TABLE_STYLE,
      width: { size: ctx.width, type: WidthType.DXA },
      columnWidths,
      rows: [
        row(head, "head"),
        ...rows.map((r) => row(r, "body")),
        ...(options.total ? [row(options.total, "total")] : []),
      ],
    }),
  ];
}

/** A chart, then its numbered caption; the table of its figures follows it. */
function chart(ctx: Ctx, options: ChartRunOptions, caption: string): Block[] {
  ctx.figures++;
  return [
    new Paragraph({ keepNext: true, children: [new ChartRun(options)] }),
    // Not kept with the table after it: that chain would push the chart to the next page.
    para(ctx.t.figure(ctx.figures, caption), { style: "Caption" }),
  ];
}

const chartFont = { name: FONT };
const CHART_WIDTH = 600;
const chartHeight = (categories: number) => Math.max(180, 70 + categories * 42);

function statusChart(ctx: Ctx): Block[] {
  const { m, t: tx, lang } = ctx;
  const withRef = m.received.reference !== null;
  const keys = [...STATUS_IDS, ...(withRef ? (["non_evalue"] as const) : [])];
  return chart(
    ctx,
    {
      type: "bar",
      stacking: "stacked",
      gapWidth: 60,
      font: chartFont,
      categories: m.axes.map((a) => axisShort(a.axis, lang)),
      categoryAxis: { reverseOrder: true },
      valueAxis: { numberFormat: "0" },
      series: keys.map((k) => ({
        name: k === "non_evalue" ? tx.unassessedCol : statusLabel(k, lang),
        color: STATUS_COLORS[k].fill.slice(1).toUpperCase(),
        // Each segment's number in the ink that reads on its colour, as in the HTML.
        dataLabels: {
          value: true,
          font: { size: 8, color: STATUS_COLORS[k].ink.slice(1).toUpperCase() },
        },
        // An empty segment gets no label « 0 ».
        values: m.axes.map((a) => {
          const v = k === "non_evalue" ? (a.unassessed ?? 0) : a.statuses[k];
          return v === 0 ? null : v;
        }),
      })),
      legend: { position: "bottom" },
      transformation: { width: CHART_WIDTH, height: chartHeight(m.axes.length) + 30 },
      // The words the HTML gives its chart: the library's own description is English.
      altText: {
        name: tx.statusCaption,
        title: tx.statusCaption,
        description: statusDescription(ctx, m.axes),
      },
    },
    tx.statusCaption,
  );
}

/** The rate of each axis and of the whole plan, each bar in the colour of its band. */
function rateChart(ctx: Ctx): Block[] {
  const { m, t: tx, lang } = ctx;
  const bars = [
    ...m.axes.map((a) => ({ label: axisShort(a.axis, lang), rate: a.rate, band: a.band })),
    { label: tx.overall, rate: m.key.rate, band: m.key.band },
  ];
  const color = (band: Band | null) => (band ? BAND_COLORS[band].slice(1).toUpperCase() : "D4D4D4");
  const percent = lang === "fr" ? '0.0" %"' : '0.0"%"';
  return chart(
    ctx,
    {
      type: "bar",
      gapWidth: 60,
      font: chartFont,
      categories: bars.map((b) => b.label),
      categoryAxis: { reverseOrder: true },
      valueAxis: {
        minimum: 0,
        maximum: 100,
        interval: 25,
        numberFormat: lang === "fr" ? '0" %"' : '0"%"',
      },
      series: [
        {
          name: tx.rateCol,
          values: bars.map((b) => (b.rate === null ? null : Math.round(b.rate * 1000) / 10)),
          colors: bars.map((b) => color(b.band)),
        },
      ],
      dataLabels: { value: true, numberFormat: percent, font: { size: 8 } },
      legend: false,
      transformation: { width: CHART_WIDTH, height: chartHeight(bars.length) },
      altText: { name: tx.rateCaption, title: tx.rateCaption, description: rateDescription(ctx) },
    },
    tx.rateCaption,
  );
}

function budgetChart(ctx: Ctx): Block[] {
  const { m, t: tx, lang } = ctx;
  const millions = (v: number) => Math.round(v / 10_000) / 100;
  const unit = tx.millions(currencyLabel(m.currency));
  return chart(
    ctx,
    {
      type: "bar",
      gapWidth: 60,
      font: chartFont,
      categories: m.axes.map((a) => axisShort(a.axis, lang)),
      categoryAxis: { reverseOrder: true },
      valueAxis: { numberFormat: "#,##0", title: unit },
      series: [
        {
          name: tx.planned,
          values: m.axes.map((a) => millions(a.budget.planned)),
          color: "9DB4CC",
        },
        { name: tx.spent, values: m.axes.map((a) => millions(a.budget.spent)), color: ACCENT },
      ],
      dataLabels: { value: true, numberFormat: "#,##0.0", font: { size: 8 } },
      legend: { position: "bottom" },
      transformation: { width: CHART_WIDTH, height: chartHeight(m.axes.length * 2) },
      altText: {
        name: tx.budgetCaption(currencyLabel(m.currency)),
        title: tx.budgetCaption(currencyLabel(m.currency)),
        description: budgetDescription(ctx),
      },
    },
    `${tx.budgetCaption(currencyLabel(m.currency))}, ${unit}`,
  );
}

// --- sections ----------------------------------------------------------------------------------

/** Sources as compact references: `G2-J1, G3-J2`. */
const refs = (ctx: Ctx, list: readonly Source[]) => sourceRefs(ctx.m, list).join(", ");

function contextSection(ctx: Ctx): Block[] {
  const { m, t: tx, lang } = ctx;
  return [
    ...contextParagraphs(m, lang).map((text) => para(text)),
    heading(tx.objectivesTitle, 2),
    ...bullets(objectives(m, lang)),
  ];
}

function methodSection(ctx: Ctx): Block[] {
  const { m, t: tx, lang, pct } = ctx;
  const excluded = m.key.horsPlan.length > 0 ? ` (${m.key.horsPlan.join(", ")})` : "";
  return bullets([
    methodWho(m, lang),
    ...tx.method(
      m.key.assessed,
      weightsText(m, lang),
      pct(m.bands.satisfaisant),
      pct(m.bands.moyen),
      excluded,
    ),
    tx.weakRule,
  ]);
}

function keyFigures(ctx: Ctx): Block[] {
  const { m, t: tx, lang, pct, money, n } = ctx;
  const k = m.key;
  const rows: Cell[][] = [];
  if (k.reference !== null && k.assessedInReference !== null) {
    const share = k.reference > 0 ? pct(k.assessedInReference / k.reference) : dash;
    rows.push([
      tx.kAssessed,
      bold(tx.kAssessedOf(n(k.assessedInReference), n(k.reference))),
      [
        tx.kAssessedRef(k.reference, share),
        ...(k.notInReference.length > 0 ? [`. ${tx.kNotInRef(k.notInReference.join(", "))}`] : []),
        ...(k.horsPlan.length > 0 ? [`. ${tx.kHorsPlan(k.horsPlan.join(", "))}`] : []),
      ],
    ]);
  } else {
    rows.push([
      tx.kAssessed,
      bold(n(k.assessed)),
      [
        tx.kAssessedNoRef(k.assessed),
        ...(k.horsPlan.length > 0 ? [`. ${tx.kHorsPlan(k.horsPlan.join(", "))}`] : []),
      ],
    ]);
  }
  rows.push(
    k.rate === null
      ? [tx.kRate, bold(dash), tx.notComputable]
      : [tx.kRate, bold(pct(k.rate)), `${bandLabel(k.band, lang)} — ${tx.kRateOn(k.assessed)}`],
    k.budget.execution === null
      ? [tx.kBudget, bold(dash), tx.notComputable]
      : [
          tx.kBudget,
          bold(pct(k.budget.execution)),
          tx.kBudgetOn(money(k.budget.spent), money(k.budget.planned), k.budget.activities),
        ],
    [tx.kFindings, bold(n(k.findings)), tx.kFindingsOn(k.findings, k.findingClusters)],
    [tx.kProposals, bold(n(k.propositions)), tx.kProposalsOn(k.propositions, m.plan.label)],
    [tx.kConflicts, bold(n(k.conflicts)), tx.kConflictsOn(k.conflicts)],
  );
  const missing = missingInputs(m, lang);
  return [
    // Before the figures: what they leave out is read first (a file not read, no plan).
    ...(missing.length > 0
      ? [warning(bold(tx.missing)), ...missing.map((s) => warning(`• ${s}`))]
      : []),
    ...table(ctx, tx.sections["chiffres-cles"], [tx.kFigure, tx.kValue, tx.kDetail], rows, {
      widths: [3, 2, 6],
    }),
  ];
}

type StatusSections = Record<"statut" | "taux" | "budget", Block[]>;

/** The three sections of figures by axis, built once (they number their charts and tables). */
function statusSections(ctx: Ctx): StatusSections {
  ctx.status ??= figureSections(ctx);
  return ctx.status;
}

function figureSections(ctx: Ctx): StatusSections {
  const { m, t: tx, lang, pct, money } = ctx;
  if (m.received.bilan === 0) {
    return { statut: [empty(tx.noBilan)], taux: [empty(tx.noBilan)], budget: [empty(tx.noBilan)] };
  }
  const withRef = m.received.reference !== null;
  const sum = (f: (a: ReportModel["axes"][number]) => number) =>
    m.axes.reduce((s, a) => s + f(a), 0);
  const statusHead = [
    tx.axis,
    ...STATUS_IDS.map((s) => statusLabel(s, lang)),
    tx.assessedCol,
    ...(withRef ? [tx.unassessedCol] : []),
  ];
  const numeric = statusHead.map((_, i) => i).slice(1);
  const statut = [
    lead(tx.statusLead),
    ...statusChart(ctx),
    ...table(
      ctx,
      tx.statusCaption,
      statusHead,
      m.axes.map((a) => [
        axisShort(a.axis, lang),
        ...STATUS_IDS.map((s) => a.statuses[s]),
        a.assessed,
        ...(withRef ? [a.unassessed ?? 0] : []),
      ]),
      {
        numeric,
        widths: [4, ...numeric.map(() => 1.3)],
        total: [
          tx.total,
          ...STATUS_IDS.map((s) => sum((a) => a.statuses[s])),
          sum((a) => a.assessed),
          ...(withRef ? [sum((a) => a.unassessed ?? 0)] : []),
        ],
      },
    ),
  ];
  const taux = [
    lead(tx.rateLead(pct(m.bands.satisfaisant), pct(m.bands.moyen))),
    ...rateChart(ctx),
    ...table(
      ctx,
      tx.rateCaption,
      [tx.axis, tx.assessedCol, tx.rateCol, tx.band],
      m.axes.map((a) => [
        axisShort(a.axis, lang),
        a.assessed,
        pct(a.rate),
        bandLabel(a.band, lang),
      ]),
      {
        numeric: [1, 2],
        widths: [5, 2, 2, 3],
        total: [tx.overall, m.key.assessed, pct(m.key.rate), bandLabel(m.key.band, lang)],
      },
    ),
  ];
  const b = m.key.budget;
  const budget =
    b.activities === 0
      ? [empty(tx.noBudget)]
      : [
          lead(tx.budgetLead(b.activities)),
          ...budgetChart(ctx),
          ...table(
            ctx,
            tx.budgetCaption(currencyLabel(m.currency)),
            [tx.axis, tx.activitiesCol, tx.planned, tx.spent, tx.execution],
            m.axes.map((a) => [
              axisShort(a.axis, lang),
              a.budget.activities,
              money(a.budget.planned),
              money(a.budget.spent),
              pct(a.budget.execution),
            ]),
            {
              numeric: [1, 2, 3, 4],
              widths: [4, 1.6, 2.6, 2.6, 1.6],
              total: [tx.total, b.activities, money(b.planned), money(b.spent), pct(b.execution)],
            },
          ),
        ];
  return { statut, taux, budget };
}

type ShownWording = FindingCluster["wordings"][number];

/** Under a finding: each wording (when there are several), its axis, sources and details. */
function wordingLines(
  ctx: Ctx,
  wordings: readonly ShownWording[],
  axisOf: ((w: ShownWording) => string) | null = null,
): Paragraph[] {
  const { t: tx } = ctx;
  const lines = wordings.map((w) => {
    const parts: Inline[] = [];
    if (wordings.length > 1) parts.push(italic(tx.quote(w.text)), " ");
    if (axisOf) parts.push(`${wordings.length > 1 ? "— " : ""}${axisOf(w)} `);
    parts.push(
      wordings.length > 1 || axisOf
        ? `(${refs(ctx, w.sources)})`
        : `${tx.sourcesLabel}${tx.colon}${refs(ctx, w.sources)}`,
    );
    if (w.code_activite) parts.push(` · ${tx.activity} ${w.code_activite}`);
    if (w.preuve) parts.push(` · ${tx.evidence}${tx.colon}${w.preuve}`);
    if (w.recommandation) parts.push(` · ${tx.recommendation}${tx.colon}${w.recommandation}`);
    return parts;
  });
  return bullets(lines, 0, "Detail");
}

function addressed(ctx: Ctx, actions: readonly string[]): Paragraph[] {
  const { t: tx, lang } = ctx;
  if (actions.length === 0) return [];
  const label = pick(actions.length, lang, tx.addressedBy, tx.addressedByMany);
  return [para([bold(label), tx.colon, actions.join(listSeparator(lang))], { style: "Detail" })];
}

function clusterItem(ctx: Ctx, c: FindingCluster): { head: Inline[]; rest: Block[] } {
  const { t: tx } = ctx;
  return {
    head: [
      bold(c.wordings[0]?.text ?? ""),
      ` — ${tx.citedBy(c.groups.length)}`,
      ...(c.groups.length > 1 ? [` (${c.groups.join(", ")})`] : []),
    ],
    rest: [
      ...(c.crossCutting
        ? [para(italic(tx.crossMark(c.allGroups.length, c.axes.length)), { style: "Detail" })]
        : []),
      ...wordingLines(ctx, c.wordings),
      ...addressed(ctx, c.addressedBy),
    ],
  };
}

function crossItem(ctx: Ctx, c: CrossCuttingFinding): { head: Inline[]; rest: Block[] } {
  const { t: tx, lang } = ctx;
  const axisOf = (w: ShownWording) => {
    const code = (w as CrossCuttingFinding["wordings"][number]).axe;
    const a = c.axes.find((x) => x.code === code);
    return a ? axisShort(a, lang) : code;
  };
  return {
    head: [
      bold(c.wordings[0]?.text ?? ""),
      ` (${typeLabel(c.type, lang)}) — ${tx.citedUnder(c.groups.length, c.axes.length)} (${c.groups.join(", ")})`,
    ],
    rest: [
      para(
        [
          bold(tx.axesLabel),
          tx.colon,
          c.axes.map((a) => axisShort(a, lang)).join(listSeparator(lang)),
        ],
        {
          style: "Detail",
        },
      ),
      ...wordingLines(ctx, c.wordings, axisOf),
      ...addressed(ctx, c.addressedBy),
    ],
  };
}

function crossSection(ctx: Ctx): Block[] {
  const { m, t: tx } = ctx;
  if (m.received.constats === 0) return [empty(tx.noConstats)];
  if (m.crossCutting.length === 0) return [empty(tx.noCrossCutting)];
  return [
    lead(tx.crossLead),
    ...numbered(
      ctx,
      m.crossCutting.map((c) => crossItem(ctx, c)),
    ),
  ];
}

function findingsSection(ctx: Ctx, types: readonly FindingType[], none: string): Block[] {
  const { m, t: tx, lang } = ctx;
  if (m.received.constats === 0) return [empty(tx.noConstats)];
  const all = m.findings.flatMap((f) => types.flatMap((ty) => f.types[ty]));
  if (all.length === 0) return [empty(none)];
  return [
    lead(tx.findingsLead),
    ...m.findings.flatMap((f) => [
      heading(axisTitle(f.axis, lang), 2),
      ...(types.every((ty) => f.types[ty].length === 0)
        ? [empty(tx.noFindingsAxis)]
        : types.flatMap((ty) => [
            heading(typePlural(ty, lang), 3),
            ...(f.types[ty].length === 0
              ? [empty(tx.noneRaised)]
              : numbered(
                  ctx,
                  f.types[ty].map((c) => clusterItem(ctx, c)),
                )),
          ])),
    ]),
  ];
}

function unassessedSection(ctx: Ctx): Block[] {
  const { m, t: tx, lang } = ctx;
  if (m.received.reference === null) return [empty(tx.noReference)];
  if (m.unassessed.length === 0) return [empty(tx.allAssessed)];
  const gaps = gapsNote(m, "bilan", lang);
  return [
    lead(tx.unassessedLead(m.unassessed.length, m.key.reference ?? 0, rejectedCount(m))),
    ...(gaps === null ? [] : [warning(gaps)]),
    ...table(
      ctx,
      tx.unassessedCaption,
      [tx.code, tx.axis, tx.title, tx.unassessedWhy],
      m.unassessed.map((u) => [
        bold(u.code),
        axisName(m, u.axe, lang),
        u.activite ?? dash,
        u.rejected ? tx.unassessedRejected : tx.unassessedNone,
      ]),
      { widths: [1.2, 3, 6, 2.6] },
    ),
  ];
}

function recommendationsSection(ctx: Ctx): Block[] {
  const { m, t: tx, lang } = ctx;
  if (m.received.propositions === 0) return [empty(tx.noPropositions(m.plan.label))];
  if (m.weaknesses.total === 0) return [empty(tx.noWeakness)];
  if (m.recommendations.length === 0) return [empty(tx.noRecommendation)];
  return [
    lead(tx.recLead(m.recommendations.length, m.received.propositions, m.plan.label)),
    note(tx.weakRule),
    ...m.planAxes.flatMap((axis) => {
      const list = m.recommendations.filter((r) => r.axe === axis.code);
      if (list.length === 0) return [];
      return [
        heading(axisTitle(axis, lang), 2),
        ...numbered(
          ctx,
          list.map((r) => ({
            head: [bold(r.action), ` (${refs(ctx, r.sources)})`],
            rest: [
              ...(r.objectif
                ? [para([bold(tx.objective), tx.colon, r.objectif], { style: "Detail" })]
                : []),
              para([bold(tx.answers), tx.colon], { style: "Detail", keepNext: true }),
              ...bullets(
                r.addresses.map((w) => `${tx.quote(w.text)} — ${axisName(m, w.axe, lang)}`),
                1,
              ),
            ],
          })),
        ),
      ];
    }),
  ];
}

function carriedSection(ctx: Ctx): Block[] {
  const { m, t: tx, lang } = ctx;
  if (m.received.propositions === 0) return [empty(tx.noPropositions(m.plan.label))];
  if (m.carriedOver.length === 0) return [empty(tx.noCarried(m.review.label))];
  const rows = m.carriedOver.flatMap((c) =>
    c.proposals.map((prop): Cell[] => [
      [
        bold(c.code),
        ...(c.activite ? [` ${c.activite}`] : []),
        ...(c.inReference ? [] : [italic(` (${tx.notInRef})`)]),
      ],
      c.assessment
        ? [
            c.assessment.statut ? statusLabel(c.assessment.statut, lang) : dash,
            c.assessment.taux_realisation !== null
              ? `, ${formatPoints(c.assessment.taux_realisation, lang)}`
              : "",
          ].join("")
        : italic(tx.notAssessed),
      prop.action,
      natureLabel(prop.nature, lang),
      refs(ctx, prop.sources),
    ]),
  );
  return [
    lead(tx.carriedLead(m.plan.label)),
    ...table(
      ctx,
      tx.carriedCaption,
      [tx.origin, tx.assessmentCol, tx.proposal, tx.nature, tx.sourcesLabel],
      rows,
      {
        widths: [4, 2.4, 5, 1.8, 1.8],
      },
    ),
  ];
}

function weaknessesSection(ctx: Ctx): Block[] {
  const { m, t: tx, lang } = ctx;
  if (m.received.propositions === 0) return [empty(tx.noPropositions(m.plan.label))];
  if (m.weaknesses.total === 0) return [empty(tx.noWeakness)];
  if (m.weaknesses.unaddressed.length === 0) return [empty(tx.allAddressed), note(tx.weakRule)];
  const gaps = gapsNote(m, "propositions", lang);
  return [
    lead(tx.weakLead(m.weaknesses.addressed, m.weaknesses.total)),
    ...(gaps === null ? [] : [warning(gaps)]),
    note(tx.weakRule),
    ...m.findings.flatMap((f) => {
      const list = m.weaknesses.unaddressed.filter((c) => c.axe === f.axis.code);
      if (list.length === 0) return [];
      return [
        heading(axisTitle(f.axis, lang), 2),
        ...bullets(
          list.map((c) => [
            bold(c.wordings[0]?.text ?? ""),
            ` — ${tx.citedBy(c.groups.length)} (${c.groups.join(", ")})`,
          ]),
        ),
      ];
    }),
  ];
}

function conflictsSection(ctx: Ctx): Block[] {
  const { m, t: tx, lang } = ctx;
  const history =
    m.history.updates + m.history.replaced > 0
      ? [note(tx.history(m.history.updates, m.history.replaced))]
      : [];
  if (m.conflicts.length === 0) {
    return [empty(m.received.bilan === 0 ? tx.noBilan : tx.noConflicts), ...history];
  }
  const value = (field: string, v: unknown) => conflictValue(field, v, m, lang);
  const shown = m.conflicts.slice(0, CONFLICTS_SHOWN);
  return [
    lead(tx.conflictsLead),
    ...table(
      ctx,
      tx.conflictsCaption,
      [tx.activity, tx.field, tx.versions, tx.chosen, tx.rule],
      shown.map((c) => [
        [bold(c.key), ...(c.activite ? [` ${c.activite}`] : [])],
        fieldLabel(c.kind, c.field, lang),
        c.versions.map((v) => para([bold(value(c.field, v.value)), ` (${refs(ctx, [v.source])})`])),
        bold(value(c.field, c.chosen)),
        ruleText(c, lang),
      ]),
      { widths: [4, 1.8, 4, 2.2, 4] },
    ),
    ...(m.conflicts.length > shown.length
      ? [note(tx.moreConflicts(m.conflicts.length - shown.length))]
      : []),
    ...history,
  ];
}

function groupsSection(ctx: Ctx): Block[] {
  const { m, t: tx, lang } = ctx;
  const groups = m.sources.groups;
  const given = (list: readonly string[]): Cell =>
    list.length === 0 ? italic(tx.notGiven) : list.join(listSeparator(lang));
  return [
    lead(tx.groupsLead),
    ...(groups.length === 0
      ? []
      : table(
          ctx,
          tx.groupsCaption,
          [tx.group, tx.ref, tx.sessions, tx.structure, tx.rapporteur, tx.members],
          groups.map((g) => [
            g.name,
            bold(g.code),
            g.sessions.join(", ") || dash,
            given(g.structures),
            given(g.rapporteurs),
            g.members.length === 0 ? italic(tx.notGiven) : memberLines(g).map((line) => para(line)),
          ]),
          { widths: [2, 1, 1.6, 3.5, 3.5, 6] },
        )),
  ];
}

function sourcesSection(ctx: Ctx): Block[] {
  const { m, t: tx } = ctx;
  const s = m.sources;
  return [
    para(
      tx.sourcesLead(
        s.files.length,
        s.rows.read,
        s.rows.accepted,
        s.rows.rejected,
        s.rows.duplicates,
      ),
    ),
    ...(s.reference ? [para(tx.referenceFile(s.reference.path, s.reference.activities))] : []),
    ...(s.files.length === 0
      ? []
      : [
          ...table(
            ctx,
            tx.filesCaption,
            [
              tx.file,
              tx.groups,
              tx.sessions,
              tx.structure,
              tx.kinds,
              tx.rows,
              tx.accepted,
              tx.rejected,
            ],
            s.files.map((f) => [
              f.path,
              f.groupes.join(", ") || dash,
              f.sessions.join(", ") || dash,
              f.structure ?? dash,
              f.kinds.map((k) => tx.kindNames[k] ?? k).join(", ") || dash,
              f.rows,
              f.accepted,
              f.rejected,
            ]),
            { numeric: [5, 6, 7], widths: [5, 1.6, 1.4, 4, 3, 1.3, 1.3, 1.3] },
          ),
          ...table(
            ctx,
            tx.groupsCaption,
            [tx.group, tx.sessions, tx.files, tx.rows],
            s.groups.map((g) => [g.name, g.sessions.join(", ") || dash, g.files, g.rows]),
            { numeric: [2, 3] },
          ),
          ...table(
            ctx,
            tx.sessionsCaption,
            [tx.session, tx.groups, tx.files, tx.rows],
            s.sessions.map((x) => [x.name ?? tx.noSession, x.groups.join(", "), x.files, x.rows]),
            { numeric: [2, 3] },
          ),
        ]),
    ...(s.refs.length === 0
      ? []
      : [
          note(tx.refsLead),
          ...table(
            ctx,
            tx.refsCaption,
            [tx.ref, tx.group, tx.session, tx.files],
            s.refs.map((r) => [
              bold(r.ref),
              r.groupe,
              r.session ?? tx.noSession,
              r.files.join(", "),
            ]),
            { widths: [1.2, 2, 1.4, 9] },
          ),
        ]),
  ];
}

function qualitySection(ctx: Ctx): Block[] {
  const { m, t: tx, lang } = ctx;
  const q = m.quality;
  if (q.byCode.length === 0) return [empty(tx.noProblem)];
  const severity = (sev: string) =>
    sev === "error" ? tx.severityError : sev === "info" ? tx.severityInfo : tx.severityWarning;
  const shown = q.rejets.slice(0, REJETS_SHOWN);
  return [
    lead(tx.qualityLead(q.errors, q.warnings, q.rejets.length)),
    ...table(
      ctx,
      tx.byCodeCaption,
      [tx.code, tx.problem, tx.severity, tx.problems, tx.rejectedRows],
      q.byCode.map((c) => [
        c.code,
        issueTitle(c.code, lang),
        severity(c.severity),
        c.problems,
        c.rejectedRows,
      ]),
      { numeric: [3, 4], widths: [3, 6, 2, 1.5, 1.5] },
    ),
    ...table(
      ctx,
      tx.byFileCaption,
      [tx.file, tx.rows, tx.rejected, tx.errors, tx.warnings],
      q.byFile.map((f) => [f.path, f.rows, f.rejected, f.errors, f.warnings]),
      { numeric: [1, 2, 3, 4], widths: [7, 1.5, 1.5, 1.5, 1.5] },
    ),
    ...(shown.length === 0
      ? []
      : table(
          ctx,
          tx.rejetsCaption,
          [tx.file, tx.where, tx.problems],
          shown.map((r) => [
            r.file,
            `${r.sheet ? `${r.sheet}, ` : ""}${tx.rowWord} ${r.row}`,
            r.problems.map((p) => para(`${cellOf(p) ? `${cellOf(p)} ` : ""}${messageOf(p, lang)}`)),
          ]),
          { widths: [4, 2, 9] },
        )),
    ...(q.rejets.length > shown.length ? [note(tx.more(q.rejets.length - shown.length))] : []),
  ];
}

function cover(ctx: Ctx): Block[] {
  const { m, t: tx, lang } = ctx;
  const center = (content: Inline | readonly Inline[], options: IParagraphOptions = {}) =>
    para(content, { alignment: AlignmentType.CENTER, ...options });
  const { where, partners } = coverLines(m, lang);
  return [
    center(run(local(m.about.country, lang).toUpperCase(), { bold: true, size: 26 })),
    ...(m.about.motto ? [center(italic(local(m.about.motto, lang)))] : []),
    ...(m.about.institution
      ? [
          center(run(local(m.about.institution, lang), { bold: true, size: 26 }), {
            spacing: { before: 480 },
          }),
        ]
      : []),
    center(local(m.title, lang), { style: "Subtitle", spacing: { before: 1600 } }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun(tx.heading(m.review.label))],
    }),
    center(italic(tx.subtitle), { spacing: { after: 800 } }),
    ...(where ? [center(run(where, { size: 24 }))] : []),
    ...(partners ? [center(partners)] : []),
    center(`${m.review.label} → ${m.plan.label}`, { spacing: { before: 800 } }),
    center(run(tx.generated(formatDate(m.generated, lang)), { color: MUTED, size: 18 })),
    center(run(tx.draft, { color: "8A5D00", size: 18 }), { spacing: { before: 240 } }),
  ];
}

const SECTION_BODY: Record<SectionId, (ctx: Ctx) => Block[]> = {
  contexte: contextSection,
  methode: methodSection,
  "chiffres-cles": keyFigures,
  statut: (ctx) => statusSections(ctx).statut,
  taux: (ctx) => statusSections(ctx).taux,
  budget: (ctx) => statusSections(ctx).budget,
  "constats-transversaux": crossSection,
  "forces-faiblesses": (ctx) => findingsSection(ctx, ["force", "faiblesse"], ctx.t.noStrengths),
  "opportunites-menaces": (ctx) =>
    findingsSection(ctx, ["opportunite", "menace"], ctx.t.noOpportunities),
  "non-evaluees": unassessedSection,
  recommandations: recommendationsSection,
  reconduites: carriedSection,
  "faiblesses-sans-action": weaknessesSection,
  conflits: conflictsSection,
  "annexe-groupes": groupsSection,
  "annexe-sources": sourcesSection,
  "annexe-qualite": qualitySection,
};

/** From this section on, pages are landscape: the wide tables of conflicts and annexes. */
const FIRST_LANDSCAPE: SectionId = "conflits";

function footer(ctx: Ctx): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: [
              `${ctx.t.page} `,
              PageNumber.CURRENT,
              ` ${ctx.t.pageOf} `,
              PageNumber.TOTAL_PAGES,
            ],
            size: 16,
            color: MUTED,
          }),
        ],
      }),
    ],
  });
}

function page(orientation: "portrait" | "landscape") {
  const landscape = orientation === "landscape";
  return {
    // Given upright: the library turns the page for a landscape orientation.
    size: {
      width: A4.short,
      height: A4.long,
      orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
    },
    margin: { top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin, footer: 567 },
  };
}

/** The report as a Word document; its bytes are the same for the same model. */
export async function reportDocx(m: ReportModel, lang: Lang): Promise<Buffer> {
  const tx = texts(lang);
  const ctx: Ctx = {
    m,
    lang,
    t: tx,
    pct: (v) => (v === null ? dash : formatPercent(v, lang)),
    money: (v) => formatMoney(v, m.currency, lang),
    n: (v) => formatNumber(v, lang),
    width: PORTRAIT_WIDTH,
    figures: 0,
    tables: 0,
    lists: 0,
  };
  const split = SECTION_IDS.indexOf(FIRST_LANDSCAPE);
  const body = (ids: readonly SectionId[]) =>
    ids.flatMap((id) => [
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [new TextRun(tx.sections[id])],
      }),
      ...SECTION_BODY[id](ctx),
    ]);
  const portrait = body(SECTION_IDS.slice(0, split));
  ctx.width = LANDSCAPE_WIDTH;
  const landscape = body(SECTION_IDS.slice(split));
  ctx.width = PORTRAIT_WIDTH;
  const language = lang === "fr" ? "fr-FR" : "en-GB";
  const doc = new Document({
    creator: "atelier",
    lastModifiedBy: "atelier",
    title: `${tx.heading(m.review.label)} — ${local(m.title, lang)}`,
    subject: tx.subtitle,
    description: tx.draft,
    // Word fills the page numbers of the contents when it opens the document (it asks first).
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 21, language: { value: language } },
          // `auto`: a multiple of the line, so that a chart or a large title is never cut.
          paragraph: { spacing: { after: 100, line: 264, lineRule: LineRuleType.AUTO } },
        },
        title: {
          run: { font: FONT, size: 44, bold: true, color: ACCENT },
          paragraph: { spacing: { before: 240, after: 240 } },
        },
        heading1: {
          run: { font: FONT, size: 30, bold: true, color: ACCENT },
          paragraph: {
            spacing: { before: 480, after: 160 },
            keepNext: true,
            keepLines: true,
            border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: ACCENT, space: 4 } },
          },
        },
        heading2: {
          run: { font: FONT, size: 25, bold: true, color: "1D2430" },
          paragraph: { spacing: { before: 320, after: 100 }, keepNext: true, keepLines: true },
        },
        heading3: {
          run: { font: FONT, size: 21, bold: true, allCaps: true, color: MUTED },
          paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, keepLines: true },
        },
        caption: {
          run: { font: FONT, size: 18, bold: true, color: "1D2430" },
          paragraph: { spacing: { before: 120, after: 80 }, keepNext: true },
        },
      },
      paragraphStyles: [
        style("Subtitle", lang === "fr" ? "Sous-titre" : "Subtitle", { size: 26, color: MUTED }),
        // A lead introduces what follows: never alone at the foot of a page.
        style("Lead", lang === "fr" ? "Chapeau" : "Lead", { color: MUTED }, { keepNext: true }),
        style("Note", lang === "fr" ? "Remarque" : "Note", {
          italics: true,
          size: 18,
          color: MUTED,
        }),
        style(
          "Detail",
          lang === "fr" ? "Détail" : "Detail",
          { size: 19 },
          { spacing: { after: 40 } },
        ),
        style(
          "Empty",
          lang === "fr" ? "Sans objet" : "Not applicable",
          {},
          {
            shading: { type: ShadingType.CLEAR, fill: SOFT, color: "auto" },
            border: { left: { style: BorderStyle.SINGLE, size: 24, color: LINE, space: 6 } },
          },
        ),
        style(
          "Missing",
          lang === "fr" ? "À signaler" : "Warning",
          {},
          {
            shading: { type: ShadingType.CLEAR, fill: "FDF3EF", color: "auto" },
            border: { left: { style: BorderStyle.SINGLE, size: 24, color: "B3401F", space: 6 } },
            keepNext: true,
          },
        ),
      ],
    },
    numbering: {
      config: [
        {
          reference: "ranked",
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: "%1.",
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 400, hanging: 400 } } },
            },
          ],
        },
        {
          reference: "dots",
          levels: (["•", "◦"] as const).map((text, level) => ({
            level,
            format: LevelFormat.BULLET,
            text,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 400 * (level + 1), hanging: 280 } } },
          })),
        },
      ],
    },
    sections: [
      { properties: { page: page("portrait") }, children: cover(ctx) },
      {
        properties: { page: page("portrait") },
        footers: { default: footer(ctx) },
        children: [
          para(bold(tx.contents), { style: "Subtitle" }),
          new TableOfContents(tx.contents, { hyperlink: true, headingStyleRange: "1-1" }),
          new Paragraph({ pageBreakBefore: true, children: [] }),
          ...portrait,
        ],
      },
      {
        properties: { page: page("landscape") },
        footers: { default: footer(ctx) },
        children: landscape,
      },
    ],
  });
  const bytes = await Packer.toBuffer(doc);
  const edits: Record<string, (xml: string) => string> = {
    // The generation time, not the time of writing: the same model gives the same bytes.
    "docProps/core.xml": (xml) =>
      xml.replace(
        /(<dcterms:(?:created|modified)[^>]*>)[^<]*/g,
        `$1${m.generated.replace(/\.\d+Z$/, "Z")}`,
      ),
    "word/styles.xml": (xml) => xml.replace("</w:styles>", `${tableStyle(lang)}</w:styles>`),
  };
  // The library names the relationships of charts at random (`rIdivehv8qyy…`), and numbers
  // bookmarks on from the documents made before in the same process: both are named again in
  // the order met, the same in every part that refers to them.
  const relationship = renumber((n) => `rIdAtelier${n}`);
  const bookmark = renumber((n) => `_Toc${n}`);
  const bookmarkId = renumber(String);
  const drawingId = renumber(String);
  const named = (xml: string) =>
    xml
      // Only in the attributes and fields that hold them: the same letters in a group's text stay.
      .replace(
        /(\b(?:r:id|Id)=")(rId[\w-]{21})"/g,
        (_, head: string, id: string) => `${head}${relationship(id)}"`,
      )
      .replace(
        /(\bw:(?:name|anchor)=")(_Toc\d+)"/g,
        (_, head: string, id: string) => `${head}${bookmark(id)}"`,
      )
      .replace(
        /(<w:instrText[^>]*>[^<]*PAGEREF )(_Toc\d+)/g,
        (_, head: string, id: string) => `${head}${bookmark(id)}`,
      )
      .replace(
        /(<w:bookmark(?:Start|End)\b[^>]*\bw:id=")(\d+)"/g,
        (_, head: string, id: string) => `${head}${bookmarkId(id)}"`,
      )
      .replace(
        /(<wp:docPr id=")(\d+)"/g,
        (_, head: string, id: string) => `${head}${drawingId(id)}"`,
      );
  const generated = new Date(m.generated);
  const clean = (part: Buffer) => Buffer.from(part.toString("utf8").replace(NOT_IN_XML, ""));
  return rearchive(bytes, generated, (name, data) => {
    // A chart's workbook is a zip of its own, stamped with the time of writing too, and its
    // labels (the axes) may hold what XML cannot.
    if (name.endsWith(".xlsx")) {
      return rearchive(data, generated, (inner, part) =>
        inner.endsWith(".xml") ? clean(part) : part,
      );
    }
    if (!name.endsWith(".xml") && !name.endsWith(".rels")) return data;
    // The library marks every chart English: its numbers would be written 38.8 in French.
    const edit = /^word\/charts\/chart\d+\.xml$/.test(name)
      ? (xml: string) => xml.replace(/<c:lang val="[^"]*"\/>/, `<c:lang val="${language}"/>`)
      : edits[name];
    const xml = data.toString("utf8");
    return Buffer.from(named(edit ? edit(xml) : xml).replace(NOT_IN_XML, ""));
  });
}

/**
 * Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, U+FFFE, U+FFFF): one of
 * them in a group's text would leave a document Word and LibreOffice refuse to open. Markup never
 * holds them, so they are taken out of the whole part.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Names given again in the order met: the same name for the same id, wherever it is. */
function renumber(make: (n: number) => string): (id: string) => string {
  const names = new Map<string, string>();
  return (id) => {
    let name = names.get(id);
    if (name === undefined) {
      name = make(names.size + 1);
      names.set(id, name);
    }
    return name;
  };
}

function style(id: string, name: string, run: IRunOptions, paragraph: IParagraphOptions = {}) {
  return { id, name, basedOn: "Normal", next: "Normal", quickFormat: true, run, paragraph };
}
