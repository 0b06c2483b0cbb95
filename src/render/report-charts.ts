import type { AxisFigures, ReportModel } from "../analysis/report.js";
import { STATUS_IDS } from "../analysis/report.js";
import type { StatusId } from "../fields.js";
import {
  currencyLabel,
  formatMillions,
  formatNumber,
  formatPercent,
  listSeparator,
} from "../i18n/format.js";
import type { Catalogue } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import type { Band } from "../model.js";
import { type Child, el, type SafeHtml } from "./html.js";
import { axisShort, bandLabel, statusLabel } from "./report-text.js";

/**
 * The report's charts: inline SVG with a title and a label, each next to a table that holds the
 * same numbers; colours chosen to be told apart by colour-blind readers and in grey print.
 */

type T = Catalogue["report"];

export interface Ctx {
  m: ReportModel;
  lang: Lang;
  t: T;
  pct: (v: number | null) => string;
  money: (v: number) => string;
  n: (v: number) => string;
}

const dash = "—";

/** Statuses in display order, with the colour used by the charts (colour-blind safe). */
export const STATUS_COLORS: Record<StatusId | "non_evalue", { fill: string; ink: string }> = {
  realise: { fill: "#1a7340", ink: "#ffffff" },
  partiel: { fill: "#7fc17f", ink: "#0b2e14" },
  en_cours: { fill: "#f2c14e", ink: "#3b2a00" },
  non_realise: { fill: "#d9603b", ink: "#ffffff" },
  abandonne: { fill: "#8c2d2d", ink: "#ffffff" },
  non_evalue: { fill: "#d4d4d4", ink: "#222222" },
};

export const BAND_COLORS: Record<Band, string> = {
  satisfaisant: "#1a7340",
  moyen: "#c98a00",
  insuffisant: "#b3401f",
};

const CHART_WIDTH = 720;

function clip(text: string, max = 90): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function svg(label: string, height: number, tableId: string, ...content: Child[]): SafeHtml {
  return el(
    "svg",
    {
      class: "chart",
      role: "img",
      "aria-label": label,
      "aria-describedby": tableId,
      viewBox: `0 0 ${CHART_WIDTH} ${height}`,
      width: CHART_WIDTH,
      height,
    },
    el("title", null, label),
    content,
  );
}

function legend(items: { label: string; fill: string }[], note?: string): SafeHtml {
  return el(
    "ul",
    { class: "legend", "aria-hidden": "true" },
    items.map((i) =>
      el(
        "li",
        null,
        el(
          "svg",
          { class: "swatch", width: 12, height: 12, viewBox: "0 0 12 12" },
          el("rect", { width: 12, height: 12, rx: 2, fill: i.fill }),
        ),
        i.label,
      ),
    ),
    note ? el("li", { class: "legend-note" }, note) : null,
  );
}

/**
 * What each chart shows, in words, for a screen reader: the HTML's label, the Word chart's
 * description.
 */
export function statusDescription(ctx: Ctx, axes: readonly AxisFigures[]): string {
  const { lang, t, m } = ctx;
  const keys = [...STATUS_IDS, ...(m.received.reference !== null ? (["non_evalue"] as const) : [])];
  const summary = axes
    .map(
      (a) =>
        `${axisShort(a.axis, lang)}${t.colon}${keys
          .map((k) =>
            k === "non_evalue"
              ? `${t.unassessedCol} ${a.unassessed ?? 0}`
              : `${statusLabel(k, lang)} ${a.statuses[k]}`,
          )
          .join(", ")}`,
    )
    .join(listSeparator(lang));
  return t.chartStatus(summary);
}

export function rateDescription(ctx: Ctx): string {
  const { lang, t, m } = ctx;
  const summary = [
    ...m.axes.map((a) => ({ label: axisShort(a.axis, lang), rate: a.rate, band: a.band })),
    { label: t.overall, rate: m.key.rate, band: m.key.band },
  ]
    .map(
      (i) =>
        `${i.label}${t.colon}${i.rate === null ? dash : ctx.pct(i.rate)} (${bandLabel(i.band, lang)})`,
    )
    .join(listSeparator(lang));
  return t.chartRate(summary);
}

export function budgetDescription(ctx: Ctx): string {
  const { lang, t, m } = ctx;
  const summary = m.axes
    .map(
      (a) =>
        `${axisShort(a.axis, lang)}${t.colon}${t.planned} ${ctx.money(a.budget.planned)}, ${t.spent} ${ctx.money(a.budget.spent)}`,
    )
    .join(listSeparator(lang));
  return t.chartBudget(summary);
}

export function statusChart(ctx: Ctx, axes: readonly AxisFigures[]): SafeHtml {
  const { lang, t, m } = ctx;
  const withRef = m.received.reference !== null;
  const keys = [...STATUS_IDS, ...(withRef ? (["non_evalue"] as const) : [])];
  const countOf = (a: AxisFigures, k: (typeof keys)[number]) =>
    k === "non_evalue" ? (a.unassessed ?? 0) : a.statuses[k];
  const totals = axes.map((a) => keys.reduce((s, k) => s + countOf(a, k), 0));
  const max = Math.max(1, ...totals);
  const barWidth = CHART_WIDTH - 70;
  const rowHeight = 62;
  const height = axes.length * rowHeight + 4;
  const labelOf = (k: (typeof keys)[number]) =>
    k === "non_evalue" ? t.unassessedCol : statusLabel(k, lang);
  const rows = axes.map((a, i) => {
    const y = i * rowHeight;
    let x = 0;
    const segments = keys.map((k) => {
      const count = countOf(a, k);
      if (count === 0) return null;
      const w = (count / max) * barWidth;
      const color = STATUS_COLORS[k];
      const seg = el(
        "g",
        null,
        el(
          "rect",
          { x: x.toFixed(1), y: y + 22, width: w.toFixed(1), height: 28, fill: color.fill },
          el("title", null, `${labelOf(k)}${t.colon}${count}`),
        ),
        w >= 18
          ? el(
              "text",
              {
                x: (x + w / 2).toFixed(1),
                y: y + 41,
                "text-anchor": "middle",
                fill: color.ink,
                class: "value",
              },
              formatNumber(count, lang),
            )
          : null,
      );
      x += w;
      return seg;
    });
    return el(
      "g",
      null,
      el("text", { x: 0, y: y + 15, class: "label" }, clip(axisShort(a.axis, lang))),
      segments,
      el(
        "text",
        { x: (x + 8).toFixed(1), y: y + 41, class: "total" },
        t.activities(totals[i] ?? 0),
      ),
    );
  });
  return el(
    "figure",
    { class: "chart-figure" },
    svg(statusDescription(ctx, axes), height, "t-statut", rows),
    el(
      "figcaption",
      null,
      legend(keys.map((k) => ({ label: labelOf(k), fill: STATUS_COLORS[k].fill }))),
    ),
  );
}

export function rateChart(ctx: Ctx): SafeHtml {
  const { lang, t, m } = ctx;
  const items: { label: string; rate: number | null; band: Band | null; bold: boolean }[] = [
    ...m.axes.map((a) => ({
      label: axisShort(a.axis, lang),
      rate: a.rate,
      band: a.band,
      bold: false,
    })),
    { label: t.overall, rate: m.key.rate, band: m.key.band, bold: true },
  ];
  const top = 22;
  const rowHeight = 50;
  const barWidth = CHART_WIDTH - 80;
  const height = top + items.length * rowHeight + 4;
  const thresholds = [m.bands.moyen, m.bands.satisfaisant].map((b) =>
    el(
      "g",
      { class: "threshold" },
      el("line", {
        x1: (b * barWidth).toFixed(1),
        x2: (b * barWidth).toFixed(1),
        y1: top - 4,
        y2: height - 4,
      }),
      el(
        "text",
        { x: (b * barWidth).toFixed(1), y: 12, "text-anchor": "middle" },
        formatPercent(b, lang),
      ),
    ),
  );
  const rows = items.map((item, i) => {
    const y = top + i * rowHeight;
    const w = item.rate === null ? 0 : Math.max(0, Math.min(1, item.rate)) * barWidth;
    return el(
      "g",
      null,
      el(
        "text",
        { x: 0, y: y + 14, class: item.bold ? "label strong" : "label" },
        clip(item.label),
      ),
      el("rect", { x: 0, y: y + 20, width: barWidth, height: 20, class: "track" }),
      item.band
        ? el("rect", {
            x: 0,
            y: y + 20,
            width: w.toFixed(1),
            height: 20,
            fill: BAND_COLORS[item.band],
          })
        : null,
      el(
        "text",
        { x: (w + 6).toFixed(1), y: y + 35, class: "total" },
        item.rate === null ? dash : ctx.pct(item.rate),
      ),
    );
  });
  return el(
    "figure",
    { class: "chart-figure" },
    svg(rateDescription(ctx), height, "t-taux", thresholds, rows),
    el(
      "figcaption",
      null,
      legend(
        (["satisfaisant", "moyen", "insuffisant"] as const).map((b) => ({
          label: bandLabel(b, lang),
          fill: BAND_COLORS[b],
        })),
      ),
    ),
  );
}

const PLANNED_FILL = "#9cc3e4";
const SPENT_FILL = "#1f5f99";

export function budgetChart(ctx: Ctx): SafeHtml {
  const { lang, t, m } = ctx;
  const axes = m.axes;
  const max = Math.max(1, ...axes.flatMap((a) => [a.budget.planned, a.budget.spent]));
  const barWidth = CHART_WIDTH - 90;
  const rowHeight = 68;
  const height = axes.length * rowHeight + 4;
  const rows = axes.map((a, i) => {
    const y = i * rowHeight;
    const bar = (value: number, dy: number, fill: string, name: string) => {
      const w = (value / max) * barWidth;
      return el(
        "g",
        null,
        el(
          "rect",
          { x: 0, y: y + dy, width: w.toFixed(1), height: 18, fill },
          el("title", null, `${name}${t.colon}${ctx.money(value)}`),
        ),
        el(
          "text",
          { x: (w + 6).toFixed(1), y: y + dy + 14, class: "total" },
          formatMillions(value, lang),
        ),
      );
    };
    return el(
      "g",
      null,
      el("text", { x: 0, y: y + 15, class: "label" }, clip(axisShort(a.axis, lang))),
      bar(a.budget.planned, 22, PLANNED_FILL, t.planned),
      bar(a.budget.spent, 42, SPENT_FILL, t.spent),
    );
  });
  return el(
    "figure",
    { class: "chart-figure" },
    svg(budgetDescription(ctx), height, "t-budget", rows),
    el(
      "figcaption",
      null,
      legend(
        [
          { label: t.planned, fill: PLANNED_FILL },
          { label: t.spent, fill: SPENT_FILL },
        ],
        t.millions(currencyLabel(m.currency)),
      ),
    ),
  );
}
