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
import type { Source } from "../model.js";
import { escapeMarkdown } from "./markdown.js";
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

/**
 * The report as Markdown (GitHub flavour): the same sections as the HTML, tables instead of
 * charts. Every piece of input text goes through `escapeMarkdown`, so that a `|`, a newline or a
 * leading `#` in a finding can never break a table or start a heading.
 */

/** Markdown that is already safe (built from escaped parts). */
interface Md {
  md: string;
}
type Cell = string | number | Md;

const raw = (md: string): Md => ({ md });
const e = escapeMarkdown;
const cell = (c: Cell): string => (typeof c === "object" ? c.md : e(String(c)));

function table(caption: string, head: Cell[], rows: Cell[][], numeric: number[] = []): string {
  const align = head.map((_, i) => (numeric.includes(i) ? "---:" : "---"));
  return [
    `*${e(caption)}*`,
    "",
    `| ${head.map(cell).join(" | ")} |`,
    `| ${align.join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}

const dash = "—";

export function reportMarkdown(m: ReportModel, lang: Lang): string {
  const t = texts(lang);
  const pct = (v: number | null) => (v === null ? dash : formatPercent(v, lang));
  const money = (v: number) => formatMoney(v, m.currency, lang);
  const n = (v: number) => formatNumber(v, lang);
  const sources = (list: readonly Source[]) => e(sourceRefs(m, list).join(", "));
  const out: string[] = [];
  // Written in any order, printed in the order of SECTION_IDS.
  const sections = new Map<SectionId, string[]>();
  const section = (id: SectionId, body: string[]) => {
    sections.set(id, [`## ${e(t.sections[id])}`, "", ...body.flatMap((b) => [b, ""])]);
  };

  const { where, partners } = coverLines(m, lang);
  out.push(
    [
      `**${e(local(m.about.country, lang))}**${m.about.motto ? ` — *${e(local(m.about.motto, lang))}*` : ""}`,
      ...(m.about.institution ? [e(local(m.about.institution, lang))] : []),
    ].join("<br>"),
    "",
    `# ${e(t.heading(m.review.label))}`,
    "",
    `*${e(t.subtitle)}*`,
    "",
    [
      e(local(m.title, lang)),
      ...(where ? [e(where)] : []),
      ...(partners ? [e(partners)] : []),
      e(`${m.review.label} → ${m.plan.label}`),
      e(t.generated(formatDate(m.generated, lang))),
    ].join("<br>"),
    "",
    `> ${e(t.draft)}`,
    "",
  );

  section("contexte", [
    ...contextParagraphs(m, lang).map(e),
    `### ${e(t.objectivesTitle)}`,
    objectives(m, lang)
      .map((o) => `- ${e(o)}`)
      .join("\n"),
  ]);

  // --- key figures
  const k = m.key;
  const figures: string[] = [];
  if (k.reference !== null && k.assessedInReference !== null) {
    const share = k.reference > 0 ? formatPercent(k.assessedInReference / k.reference, lang) : dash;
    figures.push(
      `- **${e(t.kAssessed)}**${t.colon}${e(t.kAssessedOf(n(k.assessedInReference), n(k.reference)))} ${e(t.kAssessedRef(k.reference, share))}`,
    );
  } else {
    figures.push(
      `- **${e(t.kAssessed)}**${t.colon}${e(n(k.assessed))} ${e(t.kAssessedNoRef(k.assessed))}`,
    );
  }
  if (k.notInReference.length > 0)
    figures.push(`  - ${e(t.kNotInRef(k.notInReference.join(", ")))}`);
  if (k.horsPlan.length > 0) figures.push(`  - ${e(t.kHorsPlan(k.horsPlan.join(", ")))}`);
  figures.push(
    k.rate === null
      ? `- **${e(t.kRate)}**${t.colon}${e(t.notComputable)}`
      : `- **${e(t.kRate)}**${t.colon}${e(pct(k.rate))} — ${e(bandLabel(k.band, lang))} (${e(t.kRateOn(k.assessed))})`,
    k.budget.execution === null
      ? `- **${e(t.kBudget)}**${t.colon}${e(t.notComputable)}`
      : `- **${e(t.kBudget)}**${t.colon}${e(pct(k.budget.execution))} — ${e(t.kBudgetOn(money(k.budget.spent), money(k.budget.planned), k.budget.activities))}`,
    `- **${e(t.kFindings)}**${t.colon}${e(t.kFindingsOn(k.findings, k.findingClusters))}`,
    `- **${e(t.kProposals)}**${t.colon}${e(n(k.propositions))} ${e(t.kProposalsOn(k.propositions, m.plan.label))}`,
    `- **${e(t.kConflicts)}**${t.colon}${e(n(k.conflicts))} — ${e(t.kConflictsOn(k.conflicts))}`,
  );
  const missing = missingInputs(m, lang);
  const missingBlock =
    missing.length > 0 ? [`**${e(t.missing)}**`, missing.map((s) => `- ${e(s)}`).join("\n")] : [];
  // Before the figures: what they leave out is read first (a file not read, no plan).
  section("chiffres-cles", [...missingBlock, figures.join("\n")]);

  // --- status by axis
  if (m.received.bilan === 0) {
    section("statut", [e(t.noBilan)]);
    section("taux", [e(t.noBilan)]);
    section("budget", [e(t.noBilan)]);
  } else {
    const withRef = m.received.reference !== null;
    const head: Cell[] = [
      t.axis,
      ...STATUS_IDS.map((s) => statusLabel(s, lang)),
      t.assessedCol,
      ...(withRef ? [t.unassessedCol] : []),
    ];
    const rows = m.axes.map((a): Cell[] => [
      axisShort(a.axis, lang),
      ...STATUS_IDS.map((s) => a.statuses[s]),
      a.assessed,
      ...(withRef ? [a.unassessed ?? 0] : []),
    ]);
    const sum = (f: (a: (typeof m.axes)[number]) => number) => m.axes.reduce((s, a) => s + f(a), 0);
    rows.push([
      raw(`**${e(t.total)}**`),
      ...STATUS_IDS.map((s) => sum((a) => a.statuses[s])),
      sum((a) => a.assessed),
      ...(withRef ? [sum((a) => a.unassessed ?? 0)] : []),
    ]);
    const numeric = head.map((_, i) => i).filter((i) => i > 0);
    section("statut", [e(t.statusLead), table(t.statusCaption, head, rows, numeric)]);

    const rateRows = m.axes.map((a): Cell[] => [
      axisShort(a.axis, lang),
      a.assessed,
      pct(a.rate),
      bandLabel(a.band, lang),
    ]);
    rateRows.push([raw(`**${e(t.overall)}**`), k.assessed, pct(k.rate), bandLabel(k.band, lang)]);
    section("taux", [
      e(t.rateLead(formatPercent(m.bands.satisfaisant, lang), formatPercent(m.bands.moyen, lang))),
      table(t.rateCaption, [t.axis, t.assessedCol, t.rateCol, t.band], rateRows, [1, 2]),
    ]);

    if (k.budget.activities === 0) {
      section("budget", [e(t.noBudget)]);
    } else {
      const budgetRows = m.axes.map((a): Cell[] => [
        axisShort(a.axis, lang),
        a.budget.activities,
        money(a.budget.planned),
        money(a.budget.spent),
        pct(a.budget.execution),
      ]);
      budgetRows.push([
        raw(`**${e(t.total)}**`),
        k.budget.activities,
        money(k.budget.planned),
        money(k.budget.spent),
        pct(k.budget.execution),
      ]);
      section("budget", [
        e(t.budgetLead(k.budget.activities)),
        table(
          t.budgetCaption(currencyLabel(m.currency)),
          [t.axis, t.activitiesCol, t.planned, t.spent, t.execution],
          budgetRows,
          [1, 2, 3, 4],
        ),
      ]);
    }
  }

  // --- findings
  const findingsSection = (id: SectionId, types: readonly FindingType[], none: string) => {
    if (m.received.constats === 0) return section(id, [e(t.noConstats)]);
    const clusters = m.findings.flatMap((f) => types.flatMap((ty) => f.types[ty]));
    if (clusters.length === 0) return section(id, [e(none)]);
    const body: string[] = [e(t.findingsLead)];
    for (const f of m.findings) {
      const any = types.some((ty) => f.types[ty].length > 0);
      body.push(`### ${e(axisTitle(f.axis, lang))}`);
      if (!any) {
        body.push(e(t.noFindingsAxis));
        continue;
      }
      for (const ty of types) {
        const list = f.types[ty];
        if (list.length === 0) {
          body.push(`*${e(t.noneOfType(typePlural(ty, lang)))}*`);
          continue;
        }
        body.push(
          `#### ${e(typePlural(ty, lang))}`,
          list.map((c, i) => clusterMd(c, i)).join("\n"),
        );
      }
    }
    section(id, body);
  };
  const wordingMd = (
    w: FindingCluster["wordings"][number],
    quoted: boolean,
    axis: string | null = null,
  ) => {
    const details = [
      w.code_activite ? `${e(t.activity)} ${e(w.code_activite)}` : null,
      w.preuve ? `${e(t.evidence)}${t.colon}${e(w.preuve)}` : null,
      w.recommandation ? `${e(t.recommendation)}${t.colon}${e(w.recommandation)}` : null,
    ].filter((d): d is string => d !== null);
    const lead = [quoted ? e(t.quote(w.text)) : null, axis === null ? null : e(axis)]
      .filter((d): d is string => d !== null)
      .map((d) => `${d} — `)
      .join("");
    return `   - ${lead}${sources(w.sources)}${details.length ? `<br>${details.join(listSeparator(lang))}` : ""}`;
  };
  const addressedMd = (actions: readonly string[]) => {
    const label = pick(actions.length, lang, t.addressedBy, t.addressedByMany);
    return `   - ${e(label)}${t.colon}${actions.map(e).join(listSeparator(lang))}`;
  };
  const clusterMd = (c: FindingCluster, i: number): string => {
    const head = c.wordings[0];
    const lines = [
      `${i + 1}. **${e(head?.text ?? "")}** — ${e(t.citedBy(c.groups.length))} (${e(c.groups.join(", "))})`,
    ];
    if (c.crossCutting) {
      lines.push(`   - *${e(t.crossMark(c.allGroups.length, c.axes.length))}*`);
    }
    for (const w of c.wordings) lines.push(wordingMd(w, c.wordings.length > 1));
    if (c.addressedBy.length > 0) lines.push(addressedMd(c.addressedBy));
    return lines.join("\n");
  };
  const crossMd = (c: CrossCuttingFinding, i: number): string => {
    const head = c.wordings[0];
    const axisOf = (code: string) => {
      const a = c.axes.find((x) => x.code === code);
      return a ? axisShort(a, lang) : code;
    };
    const lines = [
      `${i + 1}. **${e(head?.text ?? "")}** (${e(typeLabel(c.type, lang))}) — ${e(t.citedUnder(c.groups.length, c.axes.length))} (${e(c.groups.join(", "))})`,
      `   - ${e(t.axesLabel)}${t.colon}${c.axes.map((a) => e(axisShort(a, lang))).join(listSeparator(lang))}`,
      ...c.wordings.map((w) => wordingMd(w, c.wordings.length > 1, axisOf(w.axe))),
    ];
    if (c.addressedBy.length > 0) lines.push(addressedMd(c.addressedBy));
    return lines.join("\n");
  };
  if (m.received.constats === 0) {
    section("constats-transversaux", [e(t.noConstats)]);
  } else if (m.crossCutting.length === 0) {
    section("constats-transversaux", [e(t.noCrossCutting)]);
  } else {
    section("constats-transversaux", [
      e(t.crossLead),
      m.crossCutting.map((c, i) => crossMd(c, i)).join("\n"),
    ]);
  }
  findingsSection("forces-faiblesses", ["force", "faiblesse"], t.noStrengths);
  findingsSection("opportunites-menaces", ["opportunite", "menace"], t.noOpportunities);

  // --- unassessed
  if (m.received.reference === null) {
    section("non-evaluees", [e(t.noReference)]);
  } else if (m.unassessed.length === 0) {
    section("non-evaluees", [e(t.allAssessed)]);
  } else {
    const note = gapsNote(m, "bilan", lang);
    section("non-evaluees", [
      e(t.unassessedLead(m.unassessed.length, m.key.reference ?? 0, rejectedCount(m))),
      ...(note === null ? [] : [e(note)]),
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
    ]);
  }

  // --- carried over
  if (m.received.propositions === 0) {
    section("reconduites", [e(t.noPropositions(m.plan.label))]);
  } else if (m.carriedOver.length === 0) {
    section("reconduites", [e(t.noCarried(m.review.label))]);
  } else {
    const rows = m.carriedOver.flatMap((c) =>
      c.proposals.map((p): Cell[] => [
        raw(
          `${e(c.code)}${c.activite ? ` ${e(c.activite)}` : ""}${c.inReference ? "" : ` (${e(t.notInRef)})`}`,
        ),
        c.assessment
          ? [
              c.assessment.statut ? statusLabel(c.assessment.statut, lang) : dash,
              c.assessment.taux_realisation !== null
                ? formatPoints(c.assessment.taux_realisation, lang)
                : null,
            ]
              .filter(Boolean)
              .join(", ")
          : t.notAssessed,
        p.action,
        natureLabel(p.nature, lang),
        sources(p.sources),
      ]),
    );
    section("reconduites", [
      e(t.carriedLead(m.plan.label)),
      table(
        t.carriedCaption,
        [t.origin, t.assessmentCol, t.proposal, t.nature, t.sourcesLabel],
        rows,
      ),
    ]);
  }

  // --- recommendations
  if (m.received.propositions === 0) {
    section("recommandations", [e(t.noPropositions(m.plan.label))]);
  } else if (m.weaknesses.total === 0) {
    section("recommandations", [e(t.noWeakness)]);
  } else if (m.recommendations.length === 0) {
    section("recommandations", [e(t.noRecommendation)]);
  } else {
    const body = [
      e(t.recLead(m.recommendations.length, m.received.propositions, m.plan.label)),
      `*${e(t.weakRule)}*`,
    ];
    for (const axis of m.planAxes) {
      const list = m.recommendations.filter((r) => r.axe === axis.code);
      if (list.length === 0) continue;
      body.push(
        `### ${e(axisTitle(axis, lang))}`,
        list
          .map((r, i) =>
            [
              `${i + 1}. **${e(r.action)}** (${sources(r.sources)})`,
              ...(r.objectif ? [`   - ${e(t.objective)}${t.colon}${e(r.objectif)}`] : []),
              `   - ${e(t.answers)}${t.colon}${r.addresses
                .map((w) => `${e(t.quote(w.text))} — ${e(axisName(m, w.axe, lang))}`)
                .join(listSeparator(lang))}`,
            ].join("\n"),
          )
          .join("\n"),
      );
    }
    section("recommandations", body);
  }

  // --- weaknesses without action
  if (m.received.propositions === 0) {
    section("faiblesses-sans-action", [e(t.noPropositions(m.plan.label))]);
  } else if (m.weaknesses.total === 0) {
    section("faiblesses-sans-action", [e(t.noWeakness)]);
  } else if (m.weaknesses.unaddressed.length === 0) {
    section("faiblesses-sans-action", [e(t.allAddressed), `*${e(t.weakRule)}*`]);
  } else {
    const note = gapsNote(m, "propositions", lang);
    const body = [
      e(t.weakLead(m.weaknesses.addressed, m.weaknesses.total)),
      ...(note === null ? [] : [e(note)]),
      `*${e(t.weakRule)}*`,
    ];
    for (const f of m.findings) {
      const list = m.weaknesses.unaddressed.filter((c) => c.axe === f.axis.code);
      if (list.length === 0) continue;
      body.push(
        `### ${e(axisTitle(f.axis, lang))}`,
        list
          .map(
            (c) =>
              `- **${e(c.wordings[0]?.text ?? "")}** — ${e(t.citedBy(c.groups.length))} (${e(c.groups.join(", "))})`,
          )
          .join("\n"),
      );
    }
    section("faiblesses-sans-action", body);
  }

  // --- conflicts
  const history =
    m.history.updates + m.history.replaced > 0
      ? [e(t.history(m.history.updates, m.history.replaced))]
      : [];
  if (m.conflicts.length === 0) {
    section("conflits", [e(m.received.bilan === 0 ? t.noBilan : t.noConflicts), ...history]);
  } else {
    const value = (field: string, v: unknown) => conflictValue(field, v, m, lang);
    const shown = m.conflicts.slice(0, CONFLICTS_SHOWN);
    const body = [
      e(t.conflictsLead),
      table(
        t.conflictsCaption,
        [t.activity, t.field, t.versions, t.chosen, t.rule],
        shown.map((c) => [
          raw(`${e(c.key)}${c.activite ? ` ${e(c.activite)}` : ""}`),
          fieldLabel(c.kind, c.field, lang),
          raw(
            c.versions
              .map((v) => `${e(value(c.field, v.value))} (${sources([v.source])})`)
              .join("<br>"),
          ),
          raw(`**${e(value(c.field, c.chosen))}**`),
          ruleText(c, lang),
        ]),
      ),
    ];
    if (m.conflicts.length > shown.length) {
      body.push(e(t.moreConflicts(m.conflicts.length - shown.length)));
    }
    section("conflits", [...body, ...history]);
  }

  // --- method
  const excluded = m.key.horsPlan.length > 0 ? ` (${m.key.horsPlan.join(", ")})` : "";
  const method = t.method(
    m.key.assessed,
    weightsText(m, lang),
    formatPercent(m.bands.satisfaisant, lang),
    formatPercent(m.bands.moyen, lang),
    excluded,
  );
  section("methode", [
    [methodWho(m, lang), ...method, t.weakRule].map((s) => `- ${e(s)}`).join("\n"),
  ]);

  // --- annexes
  const s = m.sources;
  const annexA = [
    e(
      t.sourcesLead(
        s.files.length,
        s.rows.read,
        s.rows.accepted,
        s.rows.rejected,
        s.rows.duplicates,
      ),
    ),
  ];
  if (s.reference) annexA.push(e(t.referenceFile(s.reference.path, s.reference.activities)));
  if (s.files.length > 0) {
    annexA.push(
      table(
        t.filesCaption,
        [t.file, t.groups, t.sessions, t.kinds, t.rows, t.accepted, t.rejected],
        s.files.map((f) => [
          f.path,
          f.groupes.join(", ") || dash,
          f.sessions.join(", ") || dash,
          f.kinds.map((kind) => t.kindNames[kind] ?? kind).join(", ") || dash,
          f.rows,
          f.accepted,
          f.rejected,
        ]),
        [4, 5, 6],
      ),
      table(
        t.groupsCaption,
        [t.group, t.sessions, t.files, t.rows],
        s.groups.map((g) => [g.name, g.sessions.join(", ") || dash, g.files, g.rows]),
        [2, 3],
      ),
      table(
        t.sessionsCaption,
        [t.session, t.groups, t.files, t.rows],
        s.sessions.map((x) => [x.name ?? t.noSession, x.groups.join(", "), x.files, x.rows]),
        [2, 3],
      ),
    );
  }
  if (s.refs.length > 0) {
    annexA.push(
      e(t.refsLead),
      table(
        t.refsCaption,
        [t.ref, t.group, t.session, t.files],
        s.refs.map((r) => [r.ref, r.groupe, r.session ?? t.noSession, r.files.join(", ")]),
      ),
    );
  }
  section("annexe-sources", annexA);

  const given = (list: readonly string[]) =>
    list.length === 0 ? raw(`*${e(t.notGiven)}*`) : list.join(listSeparator(lang));
  section("annexe-groupes", [
    e(t.groupsLead),
    ...(s.groups.length === 0
      ? []
      : [
          table(
            t.groupsCaption,
            [t.group, t.ref, t.sessions, t.structure, t.rapporteur, t.members],
            s.groups.map((g) => [
              g.name,
              g.code,
              g.sessions.join(", ") || dash,
              given(g.structures),
              given(g.rapporteurs),
              g.members.length === 0
                ? raw(`*${e(t.notGiven)}*`)
                : raw(memberLines(g).map(e).join("<br>")),
            ]),
          ),
        ]),
  ]);

  const q = m.quality;
  if (q.byCode.length === 0) {
    section("annexe-qualite", [e(t.noProblem)]);
  } else {
    const severity = (sev: string) =>
      sev === "error" ? t.severityError : sev === "info" ? t.severityInfo : t.severityWarning;
    const body = [
      e(t.qualityLead(q.errors, q.warnings, q.rejets.length)),
      table(
        t.byCodeCaption,
        [t.code, t.problem, t.severity, t.problems, t.rejectedRows],
        q.byCode.map((c) => [
          raw(`\`${c.code}\``),
          issueTitle(c.code, lang),
          severity(c.severity),
          c.problems,
          c.rejectedRows,
        ]),
        [3, 4],
      ),
      table(
        t.byFileCaption,
        [t.file, t.rows, t.rejected, t.errors, t.warnings],
        q.byFile.map((f) => [f.path, f.rows, f.rejected, f.errors, f.warnings]),
        [1, 2, 3, 4],
      ),
    ];
    if (q.rejets.length > 0) {
      const shown = q.rejets.slice(0, REJETS_SHOWN);
      body.push(
        table(
          t.rejetsCaption,
          [t.file, t.where, t.problems],
          shown.map((r) => [
            r.file,
            `${r.sheet ? `${r.sheet}, ` : ""}${t.rowWord} ${r.row}`,
            raw(
              r.problems
                .map((p) => `${e(cellOf(p) ?? "")}${cellOf(p) ? " " : ""}${e(messageOf(p, lang))}`)
                .join("<br>"),
            ),
          ]),
        ),
      );
      if (q.rejets.length > shown.length) body.push(e(t.more(q.rejets.length - shown.length)));
    }
    section("annexe-qualite", body);
  }

  for (const id of SECTION_IDS) out.push(...(sections.get(id) ?? []));
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
