import {
  type GroupSummary,
  type ReportAxis,
  type ReportModel,
  refKey,
} from "../analysis/report.js";
import type { LocalText } from "../config.js";
import {
  type FindingType,
  findField,
  type Kind,
  NATURES,
  STATUTS,
  type StatusId,
  TYPES_CONSTAT,
} from "../fields.js";
import {
  formatDays,
  formatMoney,
  formatNumber,
  formatPoints,
  listSeparator,
} from "../i18n/format.js";
import { type Catalogue, catalogue } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import type { IssueCode } from "../issues.js";
import type { Band, Conflict, Source } from "../model.js";

/**
 * What the Markdown and HTML reports both say: the sections in order, the labels of statuses,
 * types and bands, and the sentences built from the model. The words are in the catalogue.
 */

/** Rejected rows listed in the report; all of them are in rejets.csv. */
export const REJETS_SHOWN = 100;
/** Conflicts listed in the report; all of them are in conflits.csv. */
export const CONFLICTS_SHOWN = 200;

export type SectionId = keyof Catalogue["report"]["sections"];

/** The sections of the report, in order. */
export const SECTION_IDS = [
  "contexte",
  "methode",
  "chiffres-cles",
  "statut",
  "taux",
  "budget",
  "constats-transversaux",
  "forces-faiblesses",
  "opportunites-menaces",
  "non-evaluees",
  "recommandations",
  "reconduites",
  "faiblesses-sans-action",
  "conflits",
  "annexe-groupes",
  "annexe-sources",
  "annexe-qualite",
] as const satisfies readonly SectionId[];

/** The report's texts in a language. */
export function texts(lang: Lang): Catalogue["report"] {
  return catalogue(lang).report;
}

export function statusLabel(id: string, lang: Lang): string {
  return STATUTS.find((s) => s.id === id)?.[lang] ?? id;
}

export function natureLabel(id: string | null, lang: Lang): string {
  return id === null ? "—" : (NATURES.find((n) => n.id === id)?.[lang] ?? id);
}

export function fieldLabel(kind: Kind, id: string, lang: Lang): string {
  return findField(kind, id)?.[lang] ?? id;
}

export function issueTitle(code: IssueCode, lang: Lang): string {
  return catalogue(lang).issues[code].title;
}

export function typeLabel(type: FindingType, lang: Lang): string {
  return TYPES_CONSTAT.find((t) => t.id === type)?.[lang] ?? type;
}

export function typePlural(type: FindingType, lang: Lang): string {
  return catalogue(lang).findingTypes[type];
}

export function bandLabel(band: Band | null, lang: Lang): string {
  return band === null ? "—" : catalogue(lang).bands[band];
}

/** `Axe 2 — Protection et assistance aux victimes` */
export function axisTitle(axis: ReportAxis, lang: Lang): string {
  return catalogue(lang).axisTitle(axis.number, axis[lang]);
}

/** `2. Protection et assistance aux victimes`, for table rows. */
export function axisShort(axis: ReportAxis, lang: Lang): string {
  return `${axis.number}. ${axis[lang]}`;
}

/** An axis of the plan under review by its code, as table rows name it; the code if unknown. */
export function axisName(m: ReportModel, code: string | null, lang: Lang): string {
  const a = m.axes.find((x) => x.axis.code === code)?.axis;
  return a ? axisShort(a, lang) : (code ?? "—");
}

/**
 * A group's members as the groups annex lists them, a line per list given: with the sessions
 * that gave it when the group gave more than one.
 */
export function memberLines(g: GroupSummary): string[] {
  return g.members.map((x) =>
    g.members.length > 1 && x.sessions.length > 0 ? `${x.text} (${x.sessions.join(", ")})` : x.text,
  );
}

/** `J1/groupe-2.xlsx!Bilan:4`: where a row is, for a tooltip or the annex. */
export function sourcePlace(s: Source): string {
  return `${s.file}${s.sheet ? `!${s.sheet}` : ""}:${s.row}`;
}

const refIndexes = new WeakMap<ReportModel, Map<string, string>>();

/** The compact reference of a source (`G2-J1`, see `SourceRef`). */
export function sourceRef(m: ReportModel, s: Source): string {
  let index = refIndexes.get(m);
  if (!index) {
    index = new Map(m.sources.refs.map((r) => [refKey(r.groupe, r.session), r.ref]));
    refIndexes.set(m, index);
  }
  return index.get(refKey(s.groupe, s.session)) ?? sourcePlace(s);
}

/** The references of some sources, each once, in order: `G2-J1, G3-J2`. */
export function sourceRefs(m: ReportModel, list: readonly Source[]): string[] {
  return [...new Set(list.map((s) => sourceRef(m, s)))];
}

/** A text of the configuration in the report's language. */
export function local(text: LocalText, lang: Lang): string {
  return text[lang];
}

/** `du 18 au 20 juillet 2023` from the workshop's dates, `null` when none is known. */
export function workshopDays(m: ReportModel, lang: Lang): string | null {
  const d = m.about.dates;
  return d ? formatDays(d.from, d.to, lang) : null;
}

/** The partners of the workshop in a line, `null` when none is given. */
function partnerList(m: ReportModel, lang: Lang): string | null {
  return m.about.partners.length > 0
    ? m.about.partners.map((p) => local(p, lang)).join(listSeparator(lang))
    : null;
}

/** What the cover says of the workshop under its title: where and when, with whose support. */
export function coverLines(m: ReportModel, lang: Lang): { where: string; partners: string | null } {
  const t = texts(lang);
  const partners = partnerList(m, lang);
  return {
    where: t.coverWhere(m.about.venue ? local(m.about.venue, lang) : null, workshopDays(m, lang)),
    partners: partners === null ? null : t.coverPartners(partners),
  };
}

/** The sentences that open the context section: the configuration's, else a default. */
export function contextParagraphs(m: ReportModel, lang: Lang): string[] {
  const t = texts(lang);
  const given = m.about.context
    ? local(m.about.context, lang)
        .split(/\n\s*\n/)
        .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
        .filter(Boolean)
    : [t.contextDefault(m.review.label, m.plan.label, m.sources.groups.length, namedSessions(m))];
  const where = m.about.venue ? local(m.about.venue, lang) : null;
  const days = workshopDays(m, lang);
  const held =
    where && days
      ? t.heldAtOn(where, days)
      : where
        ? t.heldAt(where)
        : days
          ? t.heldOn(days)
          : null;
  const list = partnerList(m, lang);
  const partners = list === null ? null : t.withPartners(list);
  return [...given, ...[held, partners].filter((s): s is string => s !== null)];
}

/** The workshop's objectives: the configuration's, else the default ones. */
export function objectives(m: ReportModel, lang: Lang): string[] {
  return m.about.objectives.length > 0
    ? m.about.objectives.map((o) => local(o, lang))
    : texts(lang).objectivesDefault(m.review.label, m.plan.label);
}

function namedSessions(m: ReportModel): number {
  return m.sources.sessions.filter((s) => s.name !== null).length;
}

/** The first item of the method: who worked, in how many sessions, on how many files. */
export function methodWho(m: ReportModel, lang: Lang): string {
  const sessions = m.sources.sessions.flatMap((s) => (s.name === null ? [] : [s.name]));
  return texts(lang).methodWho(
    m.sources.groups.map((g) => g.name),
    sessions,
    m.sources.files.length,
    m.sources.rows.read,
  );
}

/**
 * A conflicting value as people read it: status and axis labels, rate in %, amounts in the
 * currency, lists joined, yes or no.
 */
export function conflictValue(field: string, value: unknown, m: ReportModel, lang: Lang): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "statut") return statusLabel(String(value), lang);
  if (field === "axe") {
    const axis = m.axes.find((a) => a.axis.code === value)?.axis;
    return axis ? axisShort(axis, lang) : String(value);
  }
  if (field === "taux_realisation" && typeof value === "number") return formatPoints(value, lang);
  if (typeof value === "number") return formatMoney(value, m.currency, lang);
  if (typeof value === "boolean") return texts(lang)[value ? "yes" : "no"];
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") {
    return Object.entries(value)
      .map(([year, v]) => {
        const amount = typeof v === "number" ? formatMoney(v, m.currency, lang) : String(v);
        return `${year}${texts(lang).colon}${amount}`;
      })
      .join(", ");
  }
  return String(value);
}

/** How a conflict was settled: the rule, whether the rate followed the status, the reason. */
export function ruleText(k: Conflict, lang: Lang): string {
  const rules = catalogue(lang).rules;
  // `chosen-assessment` says it already.
  const follows =
    k.follows === "calendrier"
      ? rules.followsPlan
      : k.follows === "statut" && k.rule !== "chosen-assessment"
        ? rules.follows
        : "";
  const motif = k.motif ? rules.motif(k.motif) : "";
  return `${rules[k.rule]}${follows}${motif}`;
}

/** The sentences that say what the report could not be built from. */
export function missingInputs(m: ReportModel, lang: Lang): string[] {
  const t = texts(lang);
  const out: string[] = [];
  // First: files none of whose rows is here, so that no figure reads as complete.
  if (m.received.unread.length > 0) out.push(t.unreadFiles(m.received.unread));
  if (m.received.rowsRead === 0) out.push(t.noRowRead);
  else if (m.received.rowsAccepted === 0) out.push(t.noRowValid(m.received.rowsRead));
  if (m.received.bilan === 0) out.push(t.noBilan);
  else if (m.key.budget.activities === 0) out.push(t.noBudget);
  if (m.received.constats === 0) out.push(t.noConstats);
  if (m.received.propositions === 0) out.push(t.noPropositions(m.plan.label));
  if (m.received.reference === null) out.push(t.noReference);
  return out;
}

/**
 * The note under the lead of a list that rows missing from the results could shorten: the
 * weaknesses without action (`propositions`), the activities nobody assessed (`bilan`). `null`
 * when every row of that kind is in the results.
 */
export function gapsNote(
  m: ReportModel,
  kind: "bilan" | "propositions",
  lang: Lang,
): string | null {
  const gaps = m.received.gaps[kind];
  if (gaps.length === 0) return null;
  const t = texts(lang);
  const item = kind === "bilan" ? t.lostBilan : t.lostPropositions;
  const rows = t.lostList(gaps.map((g) => item(g.path, g.groupe, g.rejected)));
  // The verb agrees with one rejected row, never with a whole file's rows.
  const single = gaps.length === 1 && gaps[0]?.rejected === 1;
  const rejets = gaps.some((g) => g.rejected !== null);
  return kind === "bilan"
    ? t.unassessedGaps(m.unassessed.length, rows, single, rejets)
    : t.weakGaps(m.weaknesses.unaddressed.length, rows, single, rejets);
}

/** Plan activities without an accepted assessment that only rejected rows assessed. */
export function rejectedCount(m: ReportModel): number {
  return m.unassessed.filter((u) => u.rejected).length;
}

/** `Réalisé 1, Partiellement réalisé 0,5, …` */
export function weightsText(m: ReportModel, lang: Lang): string {
  return (Object.entries(m.weights) as [StatusId, number][])
    .map(([id, w]) => `${statusLabel(id, lang)} ${formatNumber(w, lang, 2)}`)
    .join(", ");
}
