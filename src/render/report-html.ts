import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type {
  AxisFigures,
  CrossCuttingFinding,
  FindingCluster,
  ReportModel,
} from "../analysis/report.js";
import { STATUS_IDS } from "../analysis/report.js";
import { AppError } from "../errors.js";
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
import { both, messageOf } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import { cellOf } from "../issues.js";
import type { Band, Source } from "../model.js";
import { type Child, el, escapeHtml, fillTemplate, type SafeHtml } from "./html.js";
import { budgetChart, type Ctx, rateChart, statusChart } from "./report-charts.js";
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
  sourcePlace,
  sourceRef,
  statusLabel,
  texts,
  typeLabel,
  typePlural,
  weightsText,
} from "./report-text.js";

/**
 * The report as one self-contained HTML page: `templates/report.html` gives the layout and the
 * CSS (screen and A4 print), this module the body. Charts are inline SVG with a title, a label
 * and a table next to them that holds the same numbers. Markup is only built through `el`,
 * which escapes every string it is given: input text cannot become markup.
 */

/**
 * `templates/report.html`, looked for from this module's folder upwards: two folders up from
 * `dist/render/`, one up from the bundle's `chunks/`, wherever the program was unpacked.
 */
function templateFile(): string {
  const places: string[] = [];
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 3; up++, dir = dirname(dir)) {
    const file = join(dir, "templates", "report.html");
    if (existsSync(file)) return file;
    places.push(dir);
  }
  throw new AppError(
    "INSTALLATION",
    both((t) => t.errors.installation("templates/report.html", places.join(", "))),
  );
}

const dash = "—";

function table(
  caption: string,
  head: string[],
  rows: Child[][],
  options: {
    numeric?: number[];
    /** Short columns that must not wrap to one word a line. */
    narrow?: number[];
    id?: string;
    total?: Child[];
    className?: string;
  } = {},
): SafeHtml {
  const numeric = new Set(options.numeric ?? []);
  const narrow = new Set(options.narrow ?? []);
  const cls = (i: number) => (numeric.has(i) ? "num" : narrow.has(i) ? "minw" : null);
  const row = (cells: Child[], extra: string | null = null) =>
    el(
      "tr",
      { class: extra },
      cells.map((c, i) =>
        i === 0 ? el("th", { scope: "row" }, c) : el("td", { class: cls(i) }, c),
      ),
    );
  return el(
    "table",
    { id: options.id, class: options.className },
    el("caption", null, caption),
    el(
      "thead",
      null,
      el(
        "tr",
        null,
        head.map((h, i) => el("th", { scope: "col", class: cls(i) }, h)),
      ),
    ),
    el(
      "tbody",
      null,
      rows.map((r) => row(r)),
      options.total ? row(options.total, "total") : null,
    ),
  );
}

/** A section whose heading is printed on the same page as its first block (`first`). */
function section(id: SectionId, ctx: Ctx, first: Child, ...rest: Child[]): SafeHtml {
  return el(
    "section",
    { id, "aria-labelledby": `${id}-h` },
    el("div", { class: "keep" }, el("h2", { id: `${id}-h` }, ctx.t.sections[id]), first),
    rest,
  );
}

const p = (text: Child, className: string | null = null) => el("p", { class: className }, text);

/**
 * Sources as compact references (`G2-J1`), each once; the rows they stand for in its tooltip,
 * the groups and files in the sources annex.
 */
function sources(m: ReportModel, list: readonly Source[]): SafeHtml {
  const byRef = new Map<string, string[]>();
  for (const s of list) {
    const ref = sourceRef(m, s);
    byRef.set(ref, [...(byRef.get(ref) ?? []), sourcePlace(s)]);
  }
  return el(
    "span",
    { class: "refs" },
    [...byRef].map(([ref, places], i) => [
      i > 0 ? ", " : null,
      el("abbr", { title: places.join("\n") }, ref),
    ]),
  );
}

// --- sections ----------------------------------------------------------------------------------

function keyFigures(ctx: Ctx): SafeHtml {
  const { m, t, lang, pct, money, n } = ctx;
  const k = m.key;
  const card = (label: string, value: string, ...notes: Child[]) =>
    el(
      "div",
      { class: "card" },
      el("dt", null, label),
      el("dd", { class: "value" }, value),
      notes.filter(Boolean).map((note) => el("dd", null, note)),
    );
  const assessed =
    k.reference !== null && k.assessedInReference !== null
      ? card(
          t.kAssessed,
          t.kAssessedOf(n(k.assessedInReference), n(k.reference)),
          t.kAssessedRef(
            k.reference,
            k.reference > 0 ? pct(k.assessedInReference / k.reference) : dash,
          ),
          k.notInReference.length > 0 ? t.kNotInRef(k.notInReference.join(", ")) : null,
          k.horsPlan.length > 0 ? t.kHorsPlan(k.horsPlan.join(", ")) : null,
        )
      : card(
          t.kAssessed,
          n(k.assessed),
          t.kAssessedNoRef(k.assessed),
          k.horsPlan.length > 0 ? t.kHorsPlan(k.horsPlan.join(", ")) : null,
        );
  const rate =
    k.rate === null
      ? card(t.kRate, dash, t.notComputable)
      : card(
          t.kRate,
          pct(k.rate),
          el("span", { class: `band band-${k.band}` }, bandLabel(k.band, lang)),
          t.kRateOn(k.assessed),
        );
  const budget =
    k.budget.execution === null
      ? card(t.kBudget, dash, t.notComputable)
      : card(
          t.kBudget,
          pct(k.budget.execution),
          t.kBudgetOn(money(k.budget.spent), money(k.budget.planned), k.budget.activities),
        );
  const missing = missingInputs(m, lang);
  return section(
    "chiffres-cles",
    ctx,
    // Before the figures: what they leave out is read first (a file not read, no plan).
    missing.length > 0
      ? el(
          "aside",
          { class: "missing", "aria-label": t.missing },
          el("p", null, el("strong", null, t.missing)),
          el(
            "ul",
            null,
            missing.map((s) => el("li", null, s)),
          ),
        )
      : null,
    el(
      "dl",
      { class: "cards" },
      assessed,
      rate,
      budget,
      card(t.kFindings, n(k.findings), t.kFindingsOn(k.findings, k.findingClusters)),
      card(t.kProposals, n(k.propositions), t.kProposalsOn(k.propositions, m.plan.label)),
      card(t.kConflicts, n(k.conflicts), t.kConflictsOn(k.conflicts)),
    ),
  );
}

function statusSections(ctx: Ctx): SafeHtml[] {
  const { m, t, lang, pct, money } = ctx;
  if (m.received.bilan === 0) {
    return (["statut", "taux", "budget"] as const).map((id) =>
      section(id, ctx, p(t.noBilan, "empty")),
    );
  }
  const withRef = m.received.reference !== null;
  const sum = (f: (a: AxisFigures) => number) => m.axes.reduce((s, a) => s + f(a), 0);
  const statusHead = [
    t.axis,
    ...STATUS_IDS.map((s) => statusLabel(s, lang)),
    t.assessedCol,
    ...(withRef ? [t.unassessedCol] : []),
  ];
  const numeric = statusHead.map((_, i) => i).slice(1);
  const status = section(
    "statut",
    ctx,
    [p(t.statusLead, "lead"), statusChart(ctx, m.axes)],
    table(
      t.statusCaption,
      statusHead,
      m.axes.map((a) => [
        axisShort(a.axis, lang),
        ...STATUS_IDS.map((s) => a.statuses[s]),
        a.assessed,
        ...(withRef ? [a.unassessed ?? 0] : []),
      ]),
      {
        numeric,
        id: "t-statut",
        total: [
          t.total,
          ...STATUS_IDS.map((s) => sum((a) => a.statuses[s])),
          sum((a) => a.assessed),
          ...(withRef ? [sum((a) => a.unassessed ?? 0)] : []),
        ],
      },
    ),
  );
  const bandCell = (band: Band | null) =>
    band ? el("span", { class: `band band-${band}` }, bandLabel(band, lang)) : dash;
  const rate = section(
    "taux",
    ctx,
    [p(t.rateLead(pct(m.bands.satisfaisant), pct(m.bands.moyen)), "lead"), rateChart(ctx)],
    table(
      t.rateCaption,
      [t.axis, t.assessedCol, t.rateCol, t.band],
      m.axes.map((a) => [axisShort(a.axis, lang), a.assessed, pct(a.rate), bandCell(a.band)]),
      {
        numeric: [1, 2],
        id: "t-taux",
        total: [t.overall, m.key.assessed, pct(m.key.rate), bandCell(m.key.band)],
      },
    ),
  );
  const b = m.key.budget;
  const budget =
    b.activities === 0
      ? section("budget", ctx, p(t.noBudget, "empty"))
      : section(
          "budget",
          ctx,
          [p(t.budgetLead(b.activities), "lead"), budgetChart(ctx)],
          table(
            t.budgetCaption(currencyLabel(m.currency)),
            [t.axis, t.activitiesCol, t.planned, t.spent, t.execution],
            m.axes.map((a) => [
              axisShort(a.axis, lang),
              a.budget.activities,
              money(a.budget.planned),
              money(a.budget.spent),
              pct(a.budget.execution),
            ]),
            {
              numeric: [1, 2, 3, 4],
              id: "t-budget",
              total: [t.total, b.activities, money(b.planned), money(b.spent), pct(b.execution)],
            },
          ),
        );
  return [status, rate, budget];
}

type ShownWording = FindingCluster["wordings"][number];

/** The wordings of a cluster, each with its sources and details (and its axis, when given). */
function wordingList(
  ctx: Ctx,
  wordings: readonly ShownWording[],
  axisOf: ((w: ShownWording) => string) | null = null,
): SafeHtml {
  const { t } = ctx;
  return el(
    "ul",
    { class: "wordings" },
    wordings.map((w) =>
      el(
        "li",
        null,
        wordings.length > 1 ? el("em", { class: "wording" }, t.quote(w.text)) : null,
        axisOf ? [wordings.length > 1 ? " — " : null, el("span", { class: "k" }, axisOf(w))] : null,
        wordings.length > 1 || axisOf
          ? [" (", sources(ctx.m, w.sources), ")"]
          : [el("span", { class: "k" }, t.sourcesLabel), t.colon, sources(ctx.m, w.sources)],
        w.code_activite || w.preuve || w.recommandation
          ? p(
              [
                w.code_activite
                  ? [el("span", { class: "k" }, t.activity), " ", w.code_activite]
                  : null,
                w.preuve
                  ? [
                      w.code_activite ? " · " : null,
                      el("span", { class: "k" }, t.evidence),
                      t.colon,
                      w.preuve,
                    ]
                  : null,
                w.recommandation
                  ? [
                      w.code_activite || w.preuve ? " · " : null,
                      el("span", { class: "k" }, t.recommendation),
                      t.colon,
                      w.recommandation,
                    ]
                  : null,
              ],
              "detail",
            )
          : null,
      ),
    ),
  );
}

/** The actions that address a weakness, when there are any. */
function addressedBlock(ctx: Ctx, actions: readonly string[]): SafeHtml | null {
  const { t, lang } = ctx;
  if (actions.length === 0) return null;
  return el(
    "div",
    { class: "action" },
    el("span", { class: "k" }, pick(actions.length, lang, t.addressedBy, t.addressedByMany)),
    t.colon,
    actions.length > 1
      ? el(
          "ul",
          null,
          actions.map((a) => el("li", null, a)),
        )
      : actions[0],
  );
}

function clusterItem(ctx: Ctx, c: FindingCluster): SafeHtml {
  const { t } = ctx;
  const [head] = c.wordings;
  const many = c.groups.length > 1;
  return el(
    "li",
    { class: "cluster" },
    el(
      "p",
      { class: "finding" },
      el("span", { class: many ? "badge many" : "badge" }, t.citedBy(c.groups.length)),
      " ",
      el("strong", null, head?.text ?? ""),
    ),
    c.groups.length > 1 ? p(c.groups.join(", "), "groups") : null,
    c.crossCutting ? p(t.crossMark(c.allGroups.length, c.axes.length), "note") : null,
    wordingList(ctx, c.wordings),
    addressedBlock(ctx, c.addressedBy),
  );
}

function crossItem(ctx: Ctx, c: CrossCuttingFinding): SafeHtml {
  const { t, lang } = ctx;
  const [head] = c.wordings;
  const axisOf = (w: ShownWording) => {
    const code = (w as CrossCuttingFinding["wordings"][number]).axe;
    const a = c.axes.find((x) => x.code === code);
    return a ? axisShort(a, lang) : code;
  };
  return el(
    "li",
    { class: `cluster type-${c.type}` },
    el(
      "p",
      { class: "finding" },
      el("span", { class: "badge many" }, t.citedUnder(c.groups.length, c.axes.length)),
      " ",
      el("strong", null, head?.text ?? ""),
      " ",
      el("span", { class: "k" }, `(${typeLabel(c.type, lang)})`),
    ),
    p(c.groups.join(", "), "groups"),
    p(
      [
        el("span", { class: "k" }, t.axesLabel),
        t.colon,
        c.axes.map((a) => axisShort(a, lang)).join(listSeparator(lang)),
      ],
      "detail",
    ),
    wordingList(ctx, c.wordings, axisOf),
    addressedBlock(ctx, c.addressedBy),
  );
}

function crossSection(ctx: Ctx): SafeHtml {
  const { m, t } = ctx;
  const id = "constats-transversaux";
  if (m.received.constats === 0) return section(id, ctx, p(t.noConstats, "empty"));
  if (m.crossCutting.length === 0) return section(id, ctx, p(t.noCrossCutting, "empty"));
  return section(
    id,
    ctx,
    p(t.crossLead, "lead"),
    el(
      "ol",
      { class: "clusters" },
      m.crossCutting.map((c) => crossItem(ctx, c)),
    ),
  );
}

function findingsSection(
  ctx: Ctx,
  id: SectionId,
  types: readonly FindingType[],
  none: string,
): SafeHtml {
  const { m, t, lang } = ctx;
  if (m.received.constats === 0) return section(id, ctx, p(t.noConstats, "empty"));
  const all = m.findings.flatMap((f) => types.flatMap((ty) => f.types[ty]));
  if (all.length === 0) return section(id, ctx, p(none, "empty"));
  return section(
    id,
    ctx,
    p(t.findingsLead, "lead"),
    m.findings.map((f) =>
      el(
        "section",
        { class: "axis", "aria-label": axisTitle(f.axis, lang) },
        el("h3", null, axisTitle(f.axis, lang)),
        types.every((ty) => f.types[ty].length === 0)
          ? p(t.noFindingsAxis, "empty")
          : el(
              "div",
              { class: "ffom" },
              types.map((ty) =>
                el(
                  "div",
                  { class: `type type-${ty}` },
                  el("h4", null, typePlural(ty, lang)),
                  f.types[ty].length === 0
                    ? p(t.noneRaised, "empty")
                    : el(
                        "ol",
                        { class: "clusters" },
                        f.types[ty].map((c) => clusterItem(ctx, c)),
                      ),
                ),
              ),
            ),
      ),
    ),
  );
}

/** Set off like « Ce qui manque », which says the same of the whole report. */
const gapNote = (text: string | null) => (text === null ? null : p(text, "missing"));

function unassessedSection(ctx: Ctx): SafeHtml {
  const { m, t, lang } = ctx;
  if (m.received.reference === null) return section("non-evaluees", ctx, p(t.noReference, "empty"));
  if (m.unassessed.length === 0) return section("non-evaluees", ctx, p(t.allAssessed, "empty"));
  return section(
    "non-evaluees",
    ctx,
    p(t.unassessedLead(m.unassessed.length, m.key.reference ?? 0, rejectedCount(m)), "lead"),
    gapNote(gapsNote(m, "bilan", lang)),
    table(
      t.unassessedCaption,
      [t.code, t.axis, t.title, t.unassessedWhy],
      m.unassessed.map((u) => [
        u.code,
        axisName(m, u.axe, lang),
        u.activite ?? dash,
        u.rejected ? t.unassessedRejected : t.unassessedNone,
      ]),
    ),
  );
}

function carriedSection(ctx: Ctx): SafeHtml {
  const { m, t, lang } = ctx;
  if (m.received.propositions === 0) {
    return section("reconduites", ctx, p(t.noPropositions(m.plan.label), "empty"));
  }
  if (m.carriedOver.length === 0) {
    return section("reconduites", ctx, p(t.noCarried(m.review.label), "empty"));
  }
  const rows = m.carriedOver.flatMap((c) =>
    c.proposals.map((prop): Child[] => [
      [
        el("span", { class: "code" }, c.code),
        c.activite ? [" ", c.activite] : null,
        c.inReference ? null : [" ", el("em", null, `(${t.notInRef})`)],
      ],
      c.assessment
        ? [
            c.assessment.statut ? statusLabel(c.assessment.statut, lang) : dash,
            c.assessment.taux_realisation !== null
              ? `, ${formatPoints(c.assessment.taux_realisation, lang)}`
              : null,
          ]
        : el("em", null, t.notAssessed),
      prop.action,
      natureLabel(prop.nature, lang),
      sources(m, prop.sources),
    ]),
  );
  return section(
    "reconduites",
    ctx,
    p(t.carriedLead(m.plan.label), "lead"),
    table(
      t.carriedCaption,
      [t.origin, t.assessmentCol, t.proposal, t.nature, t.sourcesLabel],
      rows,
      {
        className: "wide",
        narrow: [1, 3, 4],
      },
    ),
  );
}

function weaknessesSection(ctx: Ctx): SafeHtml {
  const { m, t, lang } = ctx;
  const id = "faiblesses-sans-action";
  if (m.received.propositions === 0)
    return section(id, ctx, p(t.noPropositions(m.plan.label), "empty"));
  if (m.weaknesses.total === 0) return section(id, ctx, p(t.noWeakness, "empty"));
  if (m.weaknesses.unaddressed.length === 0) {
    return section(id, ctx, p(t.allAddressed, "empty"), p(t.weakRule, "note"));
  }
  return section(
    id,
    ctx,
    p(t.weakLead(m.weaknesses.addressed, m.weaknesses.total), "lead"),
    gapNote(gapsNote(m, "propositions", lang)),
    p(t.weakRule, "note"),
    m.findings.map((f) => {
      const list = m.weaknesses.unaddressed.filter((c) => c.axe === f.axis.code);
      if (list.length === 0) return null;
      return [
        el("h3", null, axisTitle(f.axis, lang)),
        el(
          "ul",
          { class: "plain" },
          list.map((c) =>
            el(
              "li",
              null,
              el(
                "span",
                { class: c.groups.length > 1 ? "badge many" : "badge" },
                t.citedBy(c.groups.length),
              ),
              " ",
              el("strong", null, c.wordings[0]?.text ?? ""),
              " ",
              el("span", { class: "groups" }, `(${c.groups.join(", ")})`),
            ),
          ),
        ),
      ];
    }),
  );
}

function conflictsSection(ctx: Ctx): SafeHtml {
  const { m, t, lang } = ctx;
  const history =
    m.history.updates + m.history.replaced > 0
      ? p(t.history(m.history.updates, m.history.replaced), "note")
      : null;
  if (m.conflicts.length === 0) {
    return section(
      "conflits",
      ctx,
      p(m.received.bilan === 0 ? t.noBilan : t.noConflicts, "empty"),
      history,
    );
  }
  const value = (field: string, v: unknown) => conflictValue(field, v, m, lang);
  const shown = m.conflicts.slice(0, CONFLICTS_SHOWN);
  return section(
    "conflits",
    ctx,
    p(t.conflictsLead, "lead"),
    table(
      t.conflictsCaption,
      [t.activity, t.field, t.versions, t.chosen, t.rule],
      shown.map((c) => [
        [el("span", { class: "code" }, c.key), c.activite ? [" ", c.activite] : null],
        fieldLabel(c.kind, c.field, lang),
        el(
          "ul",
          { class: "versions" },
          c.versions.map((v) =>
            el(
              "li",
              null,
              el("strong", null, value(c.field, v.value)),
              " (",
              sources(m, [v.source]),
              ")",
            ),
          ),
        ),
        el("strong", null, value(c.field, c.chosen)),
        ruleText(c, lang),
      ]),
      { className: "wide" },
    ),
    m.conflicts.length > shown.length
      ? p(t.moreConflicts(m.conflicts.length - shown.length), "note")
      : null,
    history,
  );
}

function contextSection(ctx: Ctx): SafeHtml {
  const { m, t, lang } = ctx;
  return section(
    "contexte",
    ctx,
    contextParagraphs(m, lang).map((text) => p(text)),
    el("h3", null, t.objectivesTitle),
    el(
      "ul",
      null,
      objectives(m, lang).map((o) => el("li", null, o)),
    ),
  );
}

function recommendationsSection(ctx: Ctx): SafeHtml {
  const { m, t, lang } = ctx;
  const id = "recommandations";
  if (m.received.propositions === 0)
    return section(id, ctx, p(t.noPropositions(m.plan.label), "empty"));
  if (m.weaknesses.total === 0) return section(id, ctx, p(t.noWeakness, "empty"));
  if (m.recommendations.length === 0) return section(id, ctx, p(t.noRecommendation, "empty"));
  return section(
    id,
    ctx,
    p(t.recLead(m.recommendations.length, m.received.propositions, m.plan.label), "lead"),
    p(t.weakRule, "note"),
    m.planAxes.map((axis) => {
      const list = m.recommendations.filter((r) => r.axe === axis.code);
      if (list.length === 0) return null;
      return [
        el("h3", null, axisTitle(axis, lang)),
        el(
          "ol",
          { class: "clusters" },
          list.map((r) =>
            el(
              "li",
              { class: "cluster" },
              p([el("strong", null, r.action), " (", sources(m, r.sources), ")"], "finding"),
              r.objectif
                ? p([el("span", { class: "k" }, t.objective), t.colon, r.objectif], "detail")
                : null,
              p([el("span", { class: "k" }, t.answers), t.colon], "detail"),
              el(
                "ul",
                null,
                r.addresses.map((w) =>
                  el("li", null, t.quote(w.text), " — ", axisName(m, w.axe, lang)),
                ),
              ),
            ),
          ),
        ),
      ];
    }),
  );
}

function groupsSection(ctx: Ctx): SafeHtml {
  const { m, t, lang } = ctx;
  const groups = m.sources.groups;
  const given = (list: readonly string[]) =>
    list.length === 0 ? el("em", null, t.notGiven) : list.join(listSeparator(lang));
  return section(
    "annexe-groupes",
    ctx,
    p(t.groupsLead, "lead"),
    groups.length === 0
      ? null
      : table(
          t.groupsCaption,
          [t.group, t.ref, t.sessions, t.structure, t.rapporteur, t.members],
          groups.map((g) => [
            g.name,
            g.code,
            g.sessions.join(", ") || dash,
            given(g.structures),
            given(g.rapporteurs),
            g.members.length === 0
              ? el("em", null, t.notGiven)
              : g.members.length === 1
                ? memberLines(g)
                : el(
                    "ul",
                    { class: "plain" },
                    memberLines(g).map((line) => el("li", null, line)),
                  ),
          ]),
          { className: "wide", narrow: [1, 2] },
        ),
  );
}

function methodSection(ctx: Ctx): SafeHtml {
  const { m, t, lang, pct } = ctx;
  const excluded = m.key.horsPlan.length > 0 ? ` (${m.key.horsPlan.join(", ")})` : "";
  return section(
    "methode",
    ctx,
    el(
      "ul",
      null,
      el("li", null, methodWho(m, lang)),
      t
        .method(
          m.key.assessed,
          weightsText(m, lang),
          pct(m.bands.satisfaisant),
          pct(m.bands.moyen),
          excluded,
        )
        .map((s) => el("li", null, s)),
      el("li", null, t.weakRule),
    ),
  );
}

function sourcesSection(ctx: Ctx): SafeHtml {
  const { m, t } = ctx;
  const s = m.sources;
  return section(
    "annexe-sources",
    ctx,
    p(
      t.sourcesLead(
        s.files.length,
        s.rows.read,
        s.rows.accepted,
        s.rows.rejected,
        s.rows.duplicates,
      ),
    ),
    s.reference ? p(t.referenceFile(s.reference.path, s.reference.activities)) : null,
    s.files.length === 0
      ? null
      : [
          table(
            t.filesCaption,
            [t.file, t.groups, t.sessions, t.structure, t.kinds, t.rows, t.accepted, t.rejected],
            s.files.map((f) => [
              el("span", { class: "path" }, f.path),
              f.groupes.join(", ") || dash,
              f.sessions.join(", ") || dash,
              f.structure ?? dash,
              f.kinds.map((k) => t.kindNames[k] ?? k).join(", ") || dash,
              f.rows,
              f.accepted,
              f.rejected,
            ]),
            { numeric: [5, 6, 7], className: "wide" },
          ),
          m.sources.refs.length === 0
            ? null
            : [
                p(t.refsLead, "note"),
                table(
                  t.refsCaption,
                  [t.ref, t.group, t.session, t.files],
                  m.sources.refs.map((r) => [
                    el("span", { class: "code" }, r.ref),
                    r.groupe,
                    r.session ?? t.noSession,
                    el("span", { class: "path" }, r.files.join(", ")),
                  ]),
                  { id: "t-refs" },
                ),
              ],
          el(
            "div",
            { class: "pair" },
            table(
              t.groupsCaption,
              [t.group, t.sessions, t.files, t.rows],
              s.groups.map((g) => [g.name, g.sessions.join(", ") || dash, g.files, g.rows]),
              { numeric: [2, 3] },
            ),
            table(
              t.sessionsCaption,
              [t.session, t.groups, t.files, t.rows],
              s.sessions.map((x) => [x.name ?? t.noSession, x.groups.join(", "), x.files, x.rows]),
              { numeric: [2, 3] },
            ),
          ),
        ],
  );
}

function qualitySection(ctx: Ctx): SafeHtml {
  const { m, t, lang } = ctx;
  const q = m.quality;
  if (q.byCode.length === 0) return section("annexe-qualite", ctx, p(t.noProblem, "empty"));
  const severity = (sev: string) =>
    el(
      "span",
      { class: `sev sev-${sev}` },
      sev === "error" ? t.severityError : sev === "info" ? t.severityInfo : t.severityWarning,
    );
  const shown = q.rejets.slice(0, REJETS_SHOWN);
  return section(
    "annexe-qualite",
    ctx,
    p(t.qualityLead(q.errors, q.warnings, q.rejets.length), "lead"),
    table(
      t.byCodeCaption,
      [t.code, t.problem, t.severity, t.problems, t.rejectedRows],
      q.byCode.map((c) => [
        el("code", null, c.code),
        issueTitle(c.code, lang),
        severity(c.severity),
        c.problems,
        c.rejectedRows,
      ]),
      { numeric: [3, 4] },
    ),
    table(
      t.byFileCaption,
      [t.file, t.rows, t.rejected, t.errors, t.warnings],
      q.byFile.map((f) => [
        el("span", { class: "path" }, f.path),
        f.rows,
        f.rejected,
        f.errors,
        f.warnings,
      ]),
      { numeric: [1, 2, 3, 4] },
    ),
    shown.length === 0
      ? null
      : table(
          t.rejetsCaption,
          [t.file, t.where, t.problems],
          shown.map((r) => [
            el("span", { class: "path" }, r.file),
            `${r.sheet ? `${r.sheet}, ` : ""}${t.rowWord} ${r.row}`,
            el(
              "ul",
              { class: "plain" },
              r.problems.map((prob) =>
                el(
                  "li",
                  null,
                  cellOf(prob) ? [el("code", null, cellOf(prob) ?? ""), " "] : null,
                  messageOf(prob, lang),
                ),
              ),
            ),
          ]),
          { className: "wide" },
        ),
    q.rejets.length > shown.length ? p(t.more(q.rejets.length - shown.length), "note") : null,
  );
}

/** The report page: the template filled with the title and the body. */
export function reportHtml(m: ReportModel, lang: Lang): string {
  const t = texts(lang);
  const ctx: Ctx = {
    m,
    lang,
    t,
    pct: (v) => (v === null ? dash : formatPercent(v, lang)),
    money: (v) => formatMoney(v, m.currency, lang),
    n: (v) => formatNumber(v, lang),
  };
  const heading = t.heading(m.review.label);
  const { where, partners } = coverLines(m, lang);
  const header = el(
    "header",
    { class: "cover" },
    p(
      [
        el("strong", null, local(m.about.country, lang)),
        m.about.motto ? [" — ", el("em", null, local(m.about.motto, lang))] : null,
      ],
      "state",
    ),
    m.about.institution ? p(local(m.about.institution, lang), "institution") : null,
    p(local(m.title, lang), "kicker"),
    el("h1", null, heading),
    p(t.subtitle, "subtitle"),
    where ? p(where, "where") : null,
    partners ? p(partners, "partners") : null,
    p(
      [
        el("span", null, `${m.review.label} → ${m.plan.label}`),
        " · ",
        el("time", { datetime: m.generated }, t.generated(formatDate(m.generated, lang))),
      ],
      "meta",
    ),
    p(t.draft, "draft"),
  );
  const nav = el(
    "nav",
    { class: "toc", "aria-label": t.contents },
    el("p", { class: "toc-title" }, t.contents),
    el(
      "ol",
      null,
      SECTION_IDS.map((id) => el("li", null, el("a", { href: `#${id}` }, t.sections[id]))),
    ),
  );
  const body = el(
    "div",
    null,
    header,
    nav,
    contextSection(ctx),
    methodSection(ctx),
    keyFigures(ctx),
    statusSections(ctx),
    crossSection(ctx),
    findingsSection(ctx, "forces-faiblesses", ["force", "faiblesse"], t.noStrengths),
    findingsSection(ctx, "opportunites-menaces", ["opportunite", "menace"], t.noOpportunities),
    unassessedSection(ctx),
    recommendationsSection(ctx),
    carriedSection(ctx),
    weaknessesSection(ctx),
    conflictsSection(ctx),
    groupsSection(ctx),
    sourcesSection(ctx),
    qualitySection(ctx),
  );
  const template = readFileSync(templateFile(), "utf8");
  return fillTemplate(template, {
    lang: escapeHtml(lang),
    title: escapeHtml(`${heading} — ${local(m.title, lang)}`),
    body: body.html,
  });
}

export { escapeHtml, fillTemplate };
