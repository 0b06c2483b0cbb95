import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildReport, type ReportModel } from "../src/analysis/report.js";
import { compileWorkshop } from "../src/commands/compile.js";
import { findConfig } from "../src/config.js";
import { formatMoney, formatNumber, formatPercent } from "../src/i18n/format.js";
import { escapeMarkdown } from "../src/render/markdown.js";
import { escapeHtml, fillTemplate, reportHtml } from "../src/render/report-html.js";
import { reportMarkdown } from "../src/render/report-md.js";
import { SECTION_IDS, texts } from "../src/render/report-text.js";
import { BILAN_HEADER, workshop } from "./helpers/workshop.js";

const GENERATED = new Date("2023-07-20T17:30:00Z");
const TEXTS = { fr: texts("fr"), en: texts("en") };
/** French spacing: narrow no-break space in thousands, no-break space before a unit. */
const NNBSP = "\u202f";
const NBSP = "\u00a0";

async function reportOf(dir: string): Promise<ReportModel> {
  const out = mkdtempSync(join(tmpdir(), "atelier-report-"));
  const r = await compileWorkshop(dir, { out });
  return buildReport(r.consolidation, r.validation, findConfig(dir), GENERATED);
}

const PLAN = [
  "Code activité;Axe;Activité",
  "1.1.1;1;Sensibiliser les communautés",
  "1.1.2;1;Former les enseignants",
  "2.1.1;2;Assister les victimes",
  "2.1.2;2;Héberger les victimes",
  "3.1.1;3;Former les magistrats",
].join("\r\n");
const CONSTATS = "Axe;Type;Constat\r\n";
const PROPOSITIONS =
  "Axe;Objectif stratégique;Action;Indicateur;Structure responsable;Calendrier;Nature;Activité d'origine\r\n";

/**
 * By hand: 1.1.1 realise (1), 1.1.2 realise after the J2 conflict (1), 2.1.1 taux 30 (0.3),
 * 3.1.1 abandonne (0, kept in the denominator), 4.9.1 hors plan (left out): (1 + 1 + 0.3 + 0) / 4
 * = 57.5 %. Budget: 1.1.1 and 2.1.1 give both amounts: (1 200 000 + 500 000) / (1 500 000 +
 * 2 000 000) = 48.57 %. 2.1.2 is assessed by nobody.
 */
function small() {
  return workshop({
    "atelier.config.json": JSON.stringify({ sessions: ["J1", "J2", "J3"], reference: "plan.csv" }),
    "plan.csv": PLAN,
    "J1/groupe-1.csv": `${BILAN_HEADER}1;1.1.1;Sensibiliser;Réalisé;;1 500 000;1 200 000\r\n1;1.1.2;Former;Partiellement réalisé;;;\r\n2;2.1.1;Assister;En cours;30;2 000 000;500 000\r\n3;3.1.1;Former les magistrats;Abandonné;;;\r\n`,
    "J2/groupe-2.csv": `${BILAN_HEADER.trimEnd()};Activité non programmée\r\n1;1.1.2;Former;Réalisé;;;;\r\n4;4.9.1;Mission conjointe;Réalisé;;;;Oui\r\n`,
    "J1/groupe-2.csv": `${CONSTATS}3;Faiblesse;Coordination insuffisante entre les acteurs de la chaîne pénale\r\n1;Force;Engagement des leaders <script>alert(1)</script>\r\n2;Faiblesse;Manque de centres d'accueil pour les victimes\r\n`,
    "J2/groupe-1.csv": `${CONSTATS}3;Faiblesse;Faible coordination des acteurs de la chaîne pénale\r\n1;Force;Engagement des leaders <script>alert(1)</script>\r\n2;Menace;Insécurité | routes coupées\r\n2;Opportunité;"Appui de l'OIM\n# pas un titre"\r\n`,
    "J2/groupe-3.csv": `${CONSTATS}3;Faiblesse;faible coordination des acteurs de la chaine penale\r\n`,
    "J3/groupe-2.csv": `${PROPOSITIONS}2;Améliorer la prise en charge;Créer deux centres d'accueil pour les victimes à Kayes;Nombre de centres;DNDS;2023-2025;Nouvelle;\r\n2;Améliorer l'assistance;Assister les victimes dans les régions;Nombre de victimes assistées;DNDS;2024;Reconduite;2.1.1\r\n`,
  });
}

describe("report model", () => {
  it("computes the key figures, status counts, rates and budgets by hand", async () => {
    const m = await reportOf(small());
    expect(m.generated).toBe("2023-07-20T17:30:00.000Z");
    expect(m.key).toMatchObject({
      assessed: 4,
      reference: 5,
      assessedInReference: 4,
      notInReference: [],
      horsPlan: ["4.9.1"],
      rate: 0.575,
      band: "moyen",
      budget: { planned: 3_500_000, spent: 1_700_000, activities: 2, execution: 0.485714 },
      findings: 7,
      findingClusters: 5,
      propositions: 2,
      conflicts: 1,
    });
    expect(
      m.axes.map((a) => [
        a.axis.code,
        a.statuses,
        a.assessed,
        a.unassessed,
        a.rate,
        a.band,
        a.budget.planned,
        a.budget.spent,
        a.budget.execution,
      ]),
    ).toEqual([
      [
        "PREV",
        { realise: 2, partiel: 0, en_cours: 0, non_realise: 0, abandonne: 0 },
        2,
        0,
        1,
        "satisfaisant",
        1_500_000,
        1_200_000,
        0.8,
      ],
      [
        "PROT",
        { realise: 0, partiel: 0, en_cours: 1, non_realise: 0, abandonne: 0 },
        1,
        1,
        0.3,
        "insuffisant",
        2_000_000,
        500_000,
        0.25,
      ],
      [
        "POUR",
        { realise: 0, partiel: 0, en_cours: 0, non_realise: 0, abandonne: 1 },
        1,
        0,
        0,
        "insuffisant",
        0,
        0,
        null,
      ],
      [
        "COOR",
        { realise: 0, partiel: 0, en_cours: 0, non_realise: 0, abandonne: 0 },
        0,
        0,
        null,
        null,
        0,
        0,
        null,
      ],
    ]);
    expect(m.unassessed).toEqual([
      { code: "2.1.2", axe: "PROT", activite: "Héberger les victimes", rejected: false },
    ]);
    expect(m.conflicts.map((k) => [k.key, k.field, k.chosen, k.rule, k.activite])).toEqual([
      ["1.1.2", "statut", "realise", "latest-session", "Former"],
    ]);
  });

  it("ranks clusters by the groups that raised them and keeps every wording with its sources", async () => {
    const m = await reportOf(small());
    const pour = m.findings.find((f) => f.axis.code === "POUR");
    expect(pour?.types.faiblesse.map((k) => [k.groups, k.wordings.map((w) => w.text)])).toEqual([
      [
        ["groupe-1", "groupe-2", "groupe-3"],
        [
          "Coordination insuffisante entre les acteurs de la chaîne pénale",
          "Faible coordination des acteurs de la chaîne pénale",
          "faible coordination des acteurs de la chaine penale",
        ],
      ],
    ]);
    // Cited by three groups: a cross-cutting finding, at the top of the findings and marked.
    expect(
      m.crossCutting.map((k) => [k.type, k.axes.map((a) => a.code), k.groups, k.wordings.length]),
    ).toEqual([["faiblesse", ["POUR"], ["groupe-1", "groupe-2", "groupe-3"], 3]]);
    expect(pour?.types.faiblesse[0]).toMatchObject({ crossCutting: true, axes: ["POUR"] });
    const prev = m.findings.find((f) => f.axis.code === "PREV");
    expect(prev?.types.force[0]?.groups).toEqual(["groupe-1", "groupe-2"]);
    expect(prev?.types.force[0]?.crossCutting).toBe(false);
    expect(prev?.types.force[0]?.wordings[0]?.sources.map((s) => [s.file, s.row])).toEqual([
      ["J1/groupe-2.csv", 3],
      ["J2/groupe-1.csv", 3],
    ]);
    // The weakness on reception centres shares "centre" and "accueil" with a PROT proposal.
    expect(m.weaknesses.total).toBe(2);
    expect(m.weaknesses.addressed).toBe(1);
    expect(m.weaknesses.unaddressed.map((k) => k.axe)).toEqual(["POUR"]);
    expect(m.carriedOver).toEqual([
      {
        code: "2.1.1",
        activite: "Assister",
        assessment: { axe: "PROT", statut: "en_cours", taux_realisation: 30, score: 0.3 },
        inReference: true,
        proposals: [expect.objectContaining({ action: "Assister les victimes dans les régions" })],
      },
    ]);
  });

  it("describes the sources and the data quality", async () => {
    const m = await reportOf(small());
    expect(m.sources.reference).toEqual({ path: "plan.csv", activities: 5 });
    expect(m.sources.files.map((f) => [f.path, f.groupes, f.sessions, f.rows])).toEqual([
      ["J1/groupe-1.csv", ["groupe-1"], ["J1"], 4],
      ["J1/groupe-2.csv", ["groupe-2"], ["J1"], 3],
      ["J2/groupe-1.csv", ["groupe-1"], ["J2"], 4],
      ["J2/groupe-2.csv", ["groupe-2"], ["J2"], 2],
      ["J2/groupe-3.csv", ["groupe-3"], ["J2"], 1],
      ["J3/groupe-2.csv", ["groupe-2"], ["J3"], 2],
    ]);
    expect(m.sources.groups.map((g) => [g.name, g.sessions, g.files, g.rows])).toEqual([
      ["groupe-1", ["J1", "J2"], 2, 8],
      ["groupe-2", ["J1", "J2", "J3"], 3, 7],
      ["groupe-3", ["J2"], 1, 1],
    ]);
    expect(m.sources.sessions.map((s) => [s.name, s.files, s.rows])).toEqual([
      ["J1", 2, 7],
      ["J2", 3, 7],
      ["J3", 1, 2],
    ]);
    expect(m.quality.rejets).toEqual([]);
  });
});

describe("number formats", () => {
  it("writes French and English numbers, percentages and amounts", () => {
    expect(formatNumber(1_500_000, "fr")).toBe(`1${NNBSP}500${NNBSP}000`);
    expect(formatNumber(1_500_000, "en")).toBe("1,500,000");
    expect(formatNumber(1_234_567_890_123, "en")).toBe("1,234,567,890,123");
    expect(formatNumber(0.1 + 0.2, "en", 1)).toBe("0.3");
    // From 1e21 in full, as everywhere else: never « 1,2345678900000002e+23 ».
    expect(formatNumber(1.23456789e23, "en")).toBe("123,456,789,000,000,000,000,000");
    expect(formatNumber(1e21, "fr")).toBe(["1", ...Array(7).fill("000")].join(NNBSP));
    expect(formatPercent(0.615, "fr")).toBe(`61,5${NBSP}%`);
    expect(formatPercent(0.615, "en")).toBe("61.5%");
    expect(formatPercent(0.5525, "fr")).toBe(`55,3${NBSP}%`);
    expect(formatPercent(0.75, "fr")).toBe(`75${NBSP}%`);
    expect(formatMoney(1_500_000, "XOF", "fr")).toBe(`1${NNBSP}500${NNBSP}000${NBSP}FCFA`);
    expect(formatMoney(1_500_000, "XOF", "en")).toBe("1,500,000 FCFA");
    expect(formatMoney(2500.5, "EUR", "fr")).toBe(`2${NNBSP}500,5${NBSP}EUR`);
  });
});

describe("escaping", () => {
  it("escapes HTML text and attribute values", () => {
    expect(escapeHtml("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(escapeHtml(`<img src=x onerror="alert('x')">`)).toBe(
      "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;",
    );
    expect(escapeHtml("Tom & Jerry &amp;")).toBe("Tom &amp; Jerry &amp;amp;");
  });

  it("fills template slots once, whatever the inserted text holds", () => {
    const body = escapeHtml("{{title}} $& $1 </main>");
    expect(fillTemplate("<t>{{title}}</t><b>{{body}}</b>{{other}}", { title: "A", body })).toBe(
      "<t>A</t><b>{{title}} $&amp; $1 &lt;/main&gt;</b>{{other}}",
    );
  });

  it("keeps Markdown input on its table row and out of headings, lists and HTML", () => {
    expect(escapeMarkdown("a | b")).toBe("a \\| b");
    expect(escapeMarkdown("ligne 1\nligne 2\r\nligne 3")).toBe("ligne 1<br>ligne 2<br>ligne 3");
    expect(escapeMarkdown("# titre")).toBe("\\# titre");
    expect(escapeMarkdown("> cité")).toBe("\\> cité");
    expect(escapeMarkdown("- puce")).toBe("\\- puce");
    expect(escapeMarkdown("1. liste")).toBe("1\\. liste");
    expect(escapeMarkdown("1.2.3")).toBe("1.2.3");
    expect(escapeMarkdown("*gras* _it_ `code` [lien](x) ~barré~")).toBe(
      "\\*gras\\* \\_it\\_ \\`code\\` \\[lien\\](x) \\~barré\\~",
    );
    expect(escapeMarkdown("<img onerror=x> &copy; a&b")).toBe("&lt;img onerror=x> &amp;copy; a&b");
    expect(escapeMarkdown("C:\\dossier")).toBe("C:\\\\dossier");
  });
});

/** Both renderings of a model, each with the escaping its text went through. */
function renderings(m: ReportModel, lang: "fr" | "en"): [string, (s: string) => string][] {
  return [
    [reportMarkdown(m, lang), (s) => s],
    [reportHtml(m, lang), escapeHtml],
  ];
}

describe("report renderers", () => {
  it("format every figure per language in Markdown and HTML", async () => {
    const m = await reportOf(small());
    for (const [text, esc] of renderings(m, "fr")) {
      expect(text).toContain(`57,5${NBSP}%`);
      expect(text).toContain(`48,6${NBSP}%`);
      expect(text).toContain(`1${NNBSP}500${NNBSP}000${NBSP}FCFA`);
      expect(text).toContain(`3${NNBSP}500${NNBSP}000${NBSP}FCFA`);
      expect(text).toContain("moyennement satisfaisant");
      expect(text).toContain("cité par 3 groupes");
      expect(text).toContain("cité par 2 groupes");
      expect(text).toContain("Héberger les victimes");
      expect(text).toContain("20 juillet 2023");
      expect(text).toContain("Assister les victimes dans les régions");
      for (const id of SECTION_IDS) expect(text).toContain(esc(TEXTS.fr.sections[id]));
    }
    for (const [text, esc] of renderings(m, "en")) {
      expect(text).toContain("57.5%");
      expect(text).toContain("48.6%");
      expect(text).toContain("1,500,000 FCFA");
      expect(text).toContain("3,500,000 FCFA");
      expect(text).toContain("moderately satisfactory");
      expect(text).toContain("cited by 3 groups");
      expect(text).toContain("20 July 2023");
      for (const id of SECTION_IDS) expect(text).toContain(esc(TEXTS.en.sections[id]));
    }
    const md = reportMarkdown(m, "fr");
    const html = reportHtml(m, "fr");
    expect(md).toContain("| 1\\. Prévention | 2 | 0 | 0 | 0 | 0 | 2 | 0 |");
    expect(md).toContain(
      "| 2.1.2 | 2\\. Protection et assistance aux victimes | Héberger les victimes |",
    );
    expect(html).toContain("<h1>Bilan de la mise en œuvre du PAN 2018-2022</h1>");
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it("list the first 200 conflicts and send the reader to conflits.csv for the rest", async () => {
    const m = await reportOf(small());
    const [first] = m.conflicts;
    if (!first) throw new Error("the small workshop has a conflict");
    const many = Array.from({ length: 205 }, (_, i) => ({ ...first, key: `9.9.${i + 1}` }));
    const big: ReportModel = { ...m, conflicts: many };
    const md = reportMarkdown(big, "fr");
    const html = reportHtml(big, "en");
    expect([md.includes("9.9.200"), md.includes("9.9.201")]).toEqual([true, false]);
    expect([html.includes("9.9.200"), html.includes("9.9.201")]).toEqual([true, false]);
    expect(md).toContain("… et 5 autres divergences : voir conflits.csv.");
    expect(html).toContain("… and 5 more conflicts: see conflits.csv.");
    expect(reportMarkdown(m, "fr")).not.toContain("voir conflits.csv.");
  });

  it("agrees the key figure on conflicts in number, in French", () => {
    const t = TEXTS.fr;
    expect(t.kConflictsOn(1)).toBe(
      "activité, constat ou proposition sur lequel des groupes divergent, arbitré selon la règle de la méthode",
    );
    expect(t.kConflictsOn(2)).toBe(
      "activités, constats ou propositions sur lesquels des groupes divergent, arbitrés selon la règle de la méthode",
    );
  });

  it("escapes input text in both renderers", async () => {
    const m = await reportOf(small());
    const html = reportHtml(m, "fr");
    expect(html).not.toContain("<script");
    expect(html).toContain("Engagement des leaders &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("Insécurité | routes coupées");
    expect(html).not.toMatch(/https?:|src=|<link|<script|@import|url\(/i);
    const md = reportMarkdown(m, "fr");
    expect(md).not.toContain("<script");
    expect(md).toContain("Engagement des leaders &lt;script>alert(1)&lt;/script>");
    expect(md).toContain("Insécurité \\| routes coupées");
    // The reader already folds the line break of this cell; no line of the report starts with it.
    expect(md).toContain("Appui de l'OIM # pas un titre");
    expect(md.split("\n").filter((l) => l.startsWith("# "))).toHaveLength(1);
    // Every row of a table has as many cells as its header.
    const unescaped = (line: string) => line.replace(/\\\\|\\\|/g, "").split("|").length;
    let width = 0;
    for (const line of md.split("\n")) {
      if (!line.startsWith("|")) {
        width = 0;
        continue;
      }
      if (width === 0) width = unescaped(line);
      expect(unescaped(line), line).toBe(width);
    }
  });
});

describe("reports on incomplete workshops", () => {
  const t = TEXTS.fr;

  it("says what is missing when only bilan sheets came in", async () => {
    const m = await reportOf(
      workshop({ "J1/groupe-1.csv": `${BILAN_HEADER}1;1.1.1;Sensibiliser;Réalisé;80;100;50\r\n` }),
    );
    expect(m.key.rate).toBe(0.8);
    for (const [text, esc] of renderings(m, "fr")) {
      expect(text).toContain(`80${NBSP}%`);
      expect(text).toContain(esc(t.noConstats));
      expect(text).toContain(esc(t.noPropositions("PAN 2023-2027")));
      expect(text).toContain(esc(t.noReference));
      expect(text).not.toContain(esc(t.noBilan));
    }
    expect(reportMarkdown(m, "en")).toContain(TEXTS.en.noConstats);
  });

  it("says what is missing when only findings came in", async () => {
    const m = await reportOf(
      workshop({ "J1/groupe-1.csv": `${CONSTATS}1;Force;Engagement des leaders\r\n` }),
    );
    expect(m.key.rate).toBeNull();
    expect(m.key.budget.execution).toBeNull();
    for (const [text, esc] of renderings(m, "fr")) {
      expect(text).toContain(esc(t.noBilan));
      expect(text).toContain(t.notComputable);
      expect(text).toContain(esc(t.noPropositions("PAN 2023-2027")));
      expect(text).toContain("Engagement des leaders");
      for (const id of SECTION_IDS) expect(text).toContain(esc(t.sections[id]));
    }
  });

  it("says that no row is valid, and why, when every row was rejected", async () => {
    const m = await reportOf(
      workshop({
        "groupe-1.csv": `${BILAN_HEADER}1;1.1.1;Sensibiliser;Realsé;;;\r\n1;1.1.2;Former;Fini;;;\r\n`,
      }),
    );
    expect(m.received).toMatchObject({ rowsRead: 2, rowsAccepted: 0, bilan: 0 });
    expect(m.quality.byCode).toEqual([
      { code: "invalid-value", severity: "error", problems: 2, rejectedRows: 2 },
    ]);
    for (const [text, esc] of renderings(m, "fr")) {
      expect(text).toContain(esc(t.noRowValid(2)));
      expect(text).toContain(esc(t.noBilan));
      expect(text).toContain(esc(t.noConstats));
      expect(text).toContain(esc("« Realsé » n'est pas une valeur autorisée"));
      for (const id of SECTION_IDS) expect(text).toContain(esc(t.sections[id]));
    }
    expect(reportMarkdown(m, "en")).toContain("No valid row: all 2 rows read were rejected");
  });

  it("says that nothing was read when no file holds a row it could read", async () => {
    // A file of headers only is a blank template, which compile refuses to compile alone; a file
    // whose header is not found is read, and gives no row.
    const m = await reportOf(workshop({ "J1/groupe-1.csv": "Notes de séance\r\nRien\r\n" }));
    expect(m.received.rowsRead).toBe(0);
    expect(reportMarkdown(m, "fr")).toContain(t.noRowRead);
    expect(reportHtml(m, "en")).toContain(escapeHtml(TEXTS.en.noRowRead));
  });
});

describe("report on the sample workshop", () => {
  /**
   * By hand from the 21 consolidated activities of fixtures/atelier: 4.4.1 is hors plan; the 20
   * others all give a rate, summing to 1105 → 55.25 %; by axis PREV 155/4, PROT 375/5, POUR
   * 350/6, COOR 225/5 (2.1.3 is filed under COOR). Budgets: planned 105 + 250 + 115 + 129 = 599
   * million, spent 42 + 134 + 84.2 + 41.25 = 301.45 million. 3.2.3 is not in the 24-activity
   * reference plan; 5 of its activities have no assessment. 23 constats in 19 clusters.
   */
  it("writes English punctuation in English: no « ; » nor « : » with a space before", async () => {
    const m = await reportOf("fixtures/atelier");
    const md = reportMarkdown(m, "en");
    // Group and axis lists, evidence and actions: every list of the report.
    expect(md).toContain("- Axes: 1\\. Prevention; ");
    // Outside the members of each group, which the annex gives as the groups typed them.
    const own = md
      .split("\n")
      .filter((line) => !/^\| Groupe \d \| G\d \|/.test(line))
      .join("\n");
    expect(md).toContain("| Groupe 1 | G1 | J1, J2, J3 |");
    expect(own.match(/[ \u00a0\u202f][;:](?=\s)/g)).toBeNull();
    expect(reportMarkdown(m, "fr")).toContain("- Axes\u00a0: 1\\. Prévention ; ");
  });

  it("gives the key figures computed by hand from fixtures/atelier", async () => {
    const m = await reportOf("fixtures/atelier");
    expect(m.key).toMatchObject({
      assessed: 20,
      reference: 24,
      assessedInReference: 19,
      notInReference: ["3.2.3"],
      horsPlan: ["4.4.1"],
      // 3.1.2 and 3.1.3 as the reused J3 workbook updates them, 4.3.1 as groupe 4's corrected
      // J2 file gives it, 4.1.2 « En cours » as the more conservative of groups 3 and 4 (its
      // 50 % goes with the outvoted « Partiellement réalisé »: the score is 25 %, group 3's rate).
      rate: 0.545,
      band: "moyen",
      budget: { planned: 599_000_000, spent: 298_250_000, activities: 20, execution: 0.497913 },
      // Three more wordings of the cross-cutting weakness, in its existing cluster.
      findings: 26,
      findingClusters: 19,
      // Every accepted proposal: the one without an indicator (J3/groupe-3, row 4) is kept.
      propositions: 18,
      // 4.1.2, on which groups 3 and 4 disagree in J2 (1.2.1 is groupe 1's own J1 → J2 update).
      conflicts: 1,
    });
    expect(m.axes.map((a) => [a.axis.code, a.assessed, a.unassessed, a.rate, a.band])).toEqual([
      ["PREV", 4, 2, 0.3875, "insuffisant"],
      // 2.1.3, written under COOR by group 4, counts under PROT, its axis in the plan.
      ["PROT", 6, 1, 0.666667, "moyen"],
      ["POUR", 6, 1, 0.641667, "moyen"],
      ["COOR", 4, 1, 0.375, "insuffisant"],
    ]);
    expect(m.unassessed.map((u) => u.code)).toEqual(["1.1.3", "1.3.1", "2.2.3", "3.3.1", "4.2.1"]);
    const md = reportMarkdown(m, "fr");
    expect(md).toContain(`54,5${NBSP}%`);
    expect(md).toContain(`599${NNBSP}000${NNBSP}000${NBSP}FCFA`);
    expect(reportMarkdown(m, "en")).toContain("599,000,000 FCFA");
  });
});
