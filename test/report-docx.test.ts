import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileWorkshop } from "../src/commands/compile.js";
import { formatMoney, formatPercent } from "../src/i18n/format.js";
import type { Lang } from "../src/i18n/lang.js";
import type { Consolidation } from "../src/model.js";
import { SECTION_IDS, texts } from "../src/render/report-text.js";
import { soffice } from "./helpers/libreoffice.js";
import { CONSTATS_HEADER, run, workshop } from "./helpers/workshop.js";

/**
 * rapport-bilan.docx of the sample workshop, read back from its parts: the Word document the
 * committee edits, in French and in English, and as LibreOffice prints it.
 */

const hasSoffice = spawnSync("soffice", ["--version"], { stdio: "ignore" }).status === 0;
const hasPoppler = spawnSync("pdftotext", ["-v"], { stdio: "ignore" }).status === 0;

interface Docx {
  files: string[];
  part: (name: string) => Promise<string>;
  /** The paragraphs of the body, as text, with the style of each. */
  paragraphs: { style: string | null; text: string }[];
  bytes: Buffer;
}

const xmlText = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1] ?? "")
    .join("")
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

async function readDocx(path: string): Promise<Docx> {
  const bytes = readFileSync(path);
  const zip = await JSZip.loadAsync(bytes);
  const part = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`${name} is not in the document`);
    return file.async("string");
  };
  const document = await part("word/document.xml");
  const paragraphs = [...document.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/gs)].map(
    (m) => {
      const xml = m[1] ?? m[2] ?? "";
      return { style: /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1] ?? null, text: xmlText(xml) };
    },
  );
  return { files: Object.keys(zip.files), part, paragraphs, bytes };
}

const sample = (lang: Lang) => {
  const dir = mkdtempSync(join(tmpdir(), `atelier-docx-${lang}-`));
  cpSync("fixtures/atelier", dir, { recursive: true });
  rmSync(join(dir, "sortie"), { recursive: true, force: true });
  return dir;
};

const docs: Partial<Record<Lang, { dir: string; docx: Docx; json: Consolidation }>> = {};

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = "1689811200";
  try {
    for (const lang of ["fr", "en"] as const) {
      const dir = sample(lang);
      await compileWorkshop(dir, { lang });
      docs[lang] = {
        dir,
        docx: await readDocx(join(dir, "sortie", "rapport-bilan.docx")),
        json: JSON.parse(readFileSync(join(dir, "sortie", "consolidation.json"), "utf8")),
      };
    }
  } finally {
    delete process.env.SOURCE_DATE_EPOCH;
  }
}, 120_000);

afterAll(() => {
  for (const d of Object.values(docs)) if (d) rmSync(d.dir, { recursive: true, force: true });
});

const get = (lang: Lang) => {
  const d = docs[lang];
  if (!d) throw new Error(`no ${lang} document`);
  return d;
};

describe("rapport-bilan.docx of the sample workshop", () => {
  it("has one Heading 1 per section of the HTML report, in its order", () => {
    const { docx } = get("fr");
    const headings = docx.paragraphs.filter((p) => p.style === "Heading1").map((p) => p.text);
    expect(headings).toEqual(SECTION_IDS.map((id) => texts("fr").sections[id]));
    expect(headings.slice(0, 3)).toEqual([
      "Contexte et objectifs de l'atelier",
      "Méthodologie",
      "Chiffres clés",
    ]);
    // Axes under the findings and the recommendations, types under the axes.
    const h2 = docx.paragraphs.filter((p) => p.style === "Heading2").map((p) => p.text);
    expect(h2).toContain("Axe 2 — Protection et assistance aux victimes");
    expect(h2.filter((h) => h === "Axe 1 — Prévention")).toHaveLength(4);
    const h3 = docx.paragraphs.filter((p) => p.style === "Heading3").map((p) => p.text);
    expect(new Set(h3)).toEqual(new Set(["Forces", "Faiblesses", "Opportunités", "Menaces"]));
  });

  it("uses Word's own styles, a table style, a contents field and page numbers", async () => {
    const { docx } = get("fr");
    const styles = await docx.part("word/styles.xml");
    for (const id of ["Normal", "Title", "Heading1", "Heading2", "Heading3", "Caption"]) {
      expect(styles, id).toContain(`w:styleId="${id}"`);
    }
    expect(styles).toContain(
      '<w:style w:type="table" w:customStyle="1" w:styleId="AtelierTableau">',
    );
    const document = await docx.part("word/document.xml");
    expect(document).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-1&quot;/);
    expect(document.match(/<w:tblStyle w:val="AtelierTableau"\/>/g)).toHaveLength(15);
    // The contents are written with their entries, so that they are never empty before an update.
    const toc = docx.paragraphs.filter((p) => p.style === "TOC1").map((p) => p.text);
    expect(toc).toEqual(SECTION_IDS.map((id) => texts("fr").sections[id]));
    expect(await docx.part("word/settings.xml")).toContain("<w:updateFields/>");
    const footer = await docx.part("word/footer1.xml");
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(xmlText(footer)).toBe("Page  sur ");
  });

  it("is A4 with margins of 2.5 cm, portrait, then landscape from the conflicts on", async () => {
    const document = await get("fr").docx.part("word/document.xml");
    const sections = [...document.matchAll(/<w:pgSz ([^/]*)\/><w:pgMar ([^/]*)\/>/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(sections.map(([size]) => size)).toEqual([
      'w:w="11906" w:h="16838" w:orient="portrait"',
      'w:w="11906" w:h="16838" w:orient="portrait"',
      'w:w="16838" w:h="11906" w:orient="landscape"',
    ]);
    for (const [, margins] of sections) {
      expect(margins).toContain('w:top="1418" w:right="1418" w:bottom="1418" w:left="1418"');
    }
    // The landscape section starts with the conflicts (a section ends in its last paragraph).
    // The heading, not its entry in the contents.
    const heading = document.lastIndexOf(">Divergences et arbitrages</w:t>");
    expect(document.lastIndexOf('w:orient="portrait"')).toBeLessThan(heading);
    expect(document.indexOf('w:orient="landscape"')).toBeGreaterThan(heading);
    expect(xmlText(document.slice(document.lastIndexOf('w:orient="portrait"'), heading))).toBe(
      "Insuffisance des ressources financières allouées au CNLTP — cité par 1 groupe (Groupe 4)",
    );
  });

  it("opens on a cover from the configuration", () => {
    const { docx } = get("fr");
    const cover = docx.paragraphs.slice(0, 11).map((p) => p.text);
    expect(cover).toEqual([
      "RÉPUBLIQUE DU MALI",
      "Un Peuple – Un But – Une Foi",
      "Ministère de la Justice et des Droits de l'Homme",
      "Atelier de restitution et de compilation des données — PAN 2023-2027",
      "Bilan de la mise en œuvre du PAN 2018-2022",
      "Forces, faiblesses et état d'avancement, d'après les travaux des groupes",
      "Bamako, du 18 au 20 juillet 2023",
      "Avec l'appui de\u00a0: Organisation internationale pour les migrations (OIM) ; Office des Nations unies contre la drogue et le crime (ONUDC)",
      "PAN 2018-2022 → PAN 2023-2027",
      "Généré le 20 juillet 2023 à 00:00\u00a0UTC par atelier",
      "Document de travail issu des fiches des groupes : à valider en plénière.",
    ]);
    expect(docx.paragraphs[4]?.style).toBe("Title");
  });

  it("gives the key figures of consolidation.json, in French numbers", () => {
    const { docx, json } = get("fr");
    const text = docx.paragraphs.map((p) => p.text);
    const rate = json.indicateurs.taux_realisation.global as number;
    const budget = json.indicateurs.execution_budgetaire.global as number;
    expect(formatPercent(rate, "fr")).toBe("54,5\u00a0%");
    expect(formatPercent(budget, "fr")).toBe("49,8\u00a0%");
    const at = text.indexOf("Tableau 1 — Chiffres clés");
    expect(text.slice(at, at + 16)).toEqual([
      "Tableau 1 — Chiffres clés",
      "Indicateur",
      "Valeur",
      "Précision",
      "Activités évaluées",
      "19 sur 24",
      expect.stringMatching(/^activités du plan de référence \(79,2\u00a0%\)/),
      "Taux de mise en œuvre",
      "54,5\u00a0%",
      "moyennement satisfaisant — moyenne sur 20 activités évaluées",
      "Exécution budgétaire",
      "49,8\u00a0%",
      `${formatMoney(298_250_000, "XOF", "fr")} exécutés sur ${formatMoney(599_000_000, "XOF", "fr")} prévus (20 activités)`,
      "Constats",
      String(json.constats.length),
      expect.stringMatching(/^26 constats, \d+ points distincts$/),
    ]);
    expect(json.constats).toHaveLength(26);
    expect(text).toContain(`Propositions`);
    expect(text).toContain(String(json.propositions.length));
  });

  it("holds the three charts as Word charts with their data, each captioned, its table next", async () => {
    const { docx, json } = get("fr");
    const charts = docx.files.filter((f) => /^word\/charts\/chart\d+\.xml$/.test(f)).sort();
    expect(charts).toEqual([
      "word/charts/chart1.xml",
      "word/charts/chart2.xml",
      "word/charts/chart3.xml",
    ]);
    expect(docx.files.filter((f) => f.startsWith("word/embeddings/")).sort()).toEqual([
      "word/embeddings/Microsoft_Excel_Worksheet1.xlsx",
      "word/embeddings/Microsoft_Excel_Worksheet2.xlsx",
      "word/embeddings/Microsoft_Excel_Worksheet3.xlsx",
    ]);
    const status = await docx.part("word/charts/chart1.xml");
    expect(status).toContain('<c:barDir val="bar"/>');
    expect(status).toContain('<c:grouping val="stacked"/>');
    const series = [...status.matchAll(/<c:tx>.*?<c:v>([^<]*)<\/c:v>/gs)].map((m) => m[1]);
    expect(series).toEqual([
      "Réalisé",
      "Partiellement réalisé",
      "En cours",
      "Non réalisé",
      "Abandonné",
      "Non évaluées",
    ]);
    // The rate of each axis, in points with one decimal, as the table gives it.
    const rates = await docx.part("word/charts/chart2.xml");
    const axes = json.indicateurs.taux_realisation.par_axe as Record<string, number>;
    const values = [...rates.matchAll(/<c:pt idx="\d+"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((m) =>
      Number(m[1]),
    );
    const shown = [...Object.values(axes), json.indicateurs.taux_realisation.global as number].map(
      (r) => Math.round(r * 1000) / 10,
    );
    expect(values.slice(-shown.length)).toEqual(shown);
    const text = docx.paragraphs.map((p) => p.text);
    for (const [figure, table] of [
      ["Figure 1 — Activités par axe et par statut", "Tableau 2 — Activités par axe et par statut"],
      [
        "Figure 2 — Taux de mise en œuvre et appréciation par axe",
        "Tableau 3 — Taux de mise en œuvre et appréciation par axe",
      ],
      [
        "Figure 3 — Budget prévu et exécuté par axe (FCFA), en millions de FCFA",
        "Tableau 4 — Budget prévu et exécuté par axe (FCFA)",
      ],
    ] as const) {
      const at = text.indexOf(figure);
      expect(at, figure).toBeGreaterThan(0);
      expect(text[at + 1]).toBe(table);
      expect(docx.paragraphs[at]?.style).toBe("Caption");
    }
  });

  it("cites sources as compact references, listed in the annex, never as a file and row", () => {
    const { docx } = get("fr");
    const text = docx.paragraphs.map((p) => p.text);
    expect(text).toContain("Sources\u00a0: G1-J2");
    expect(text.join("\n")).not.toMatch(/\.(xlsx|csv|ods|xls)(![^:\s]+)?:\d+/);
    const at = text.indexOf("Tableau 12 — Références des sources");
    expect(text.slice(at + 1, at + 9)).toEqual([
      "Réf.",
      "Groupe",
      "Session",
      "Fichiers",
      "G1-J1",
      "Groupe 1",
      "J1",
      "J1/groupe-1-prevention.xlsx",
    ]);
  });

  it("lists the groups and their members as the Identification sheets give them", () => {
    const { docx } = get("fr");
    const text = docx.paragraphs.map((p) => p.text);
    const at = text.indexOf("Tableau 8 — Groupes de travail");
    expect(text.slice(at + 1, at + 13)).toEqual([
      "Groupe",
      "Réf.",
      "Sessions",
      "Structure",
      "Rapporteur",
      "Membres",
      "Groupe 1",
      "G1",
      "J1, J2, J3",
      "Direction nationale de la promotion de l'enfant et de la famille (DNPEF)",
      "Chef de division, DNPEF",
      "Direction nationale de la promotion de l'enfant et de la famille ; Cellule nationale de lutte contre la traite ; OIM ; Réseau des ONG de protection de l'enfance",
    ]);
  });

  it("is English throughout with --lang en", () => {
    const fr = get("fr").docx.paragraphs.map((p) => p.text);
    const { docx } = get("en");
    const headings = docx.paragraphs.filter((p) => p.style === "Heading1").map((p) => p.text);
    expect(headings).toEqual(SECTION_IDS.map((id) => texts("en").sections[id]));
    const text = docx.paragraphs.map((p) => p.text);
    expect(text.slice(0, 3)).toEqual([
      "REPUBLIC OF MALI",
      "One People – One Goal – One Faith",
      "Ministry of Justice and Human Rights",
    ]);
    expect(text).toContain("Bamako, 18–20 July 2023");
    expect(text).toContain("Workshop on reporting back and compiling data — NAP 2023-2027");
    expect(text).toContain("54.5%");
    // No French sentence of the report is left: the texts written by the groups are theirs.
    const french = Object.values(texts("fr").sections);
    for (const line of text) expect(french, line).not.toContain(line);
    expect(text).toContain("Figure 1 — Activities by axis and status");
    for (const word of ["Tableau ", "Sources\u00a0:", "Généré le", "Répond à"]) {
      expect(
        text.filter((l) => l.startsWith(word)),
        word,
      ).toEqual([]);
    }
    expect(fr.length).toBeGreaterThan(100);
  });

  it("is written by report --format docx, and refused names are said with docx among the formats", async () => {
    const dir = sample("fr");
    try {
      const r = await run("report", dir, "--format", "docx");
      expect(r.code).toBe(0);
      const d = await readDocx(join(dir, "sortie", "rapport-bilan.docx"));
      expect(d.paragraphs.filter((p) => p.style === "Heading1")).toHaveLength(SECTION_IDS.length);
      // As typed: upper case, a comma too many.
      for (const format of ["DOCX", "docx,", " Docx , "]) {
        expect((await run("report", dir, "--format", format)).out, format).toMatch(
          /rapport-bilan\.docx\n$/,
        );
      }
      const bad = await run("report", dir, "--format", "doc");
      expect(bad.code).toBe(2);
      expect(bad.err).toContain(
        "--format : « doc » inconnu ; vouliez-vous dire docx ? Formats : md, html, docx, pdf",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("rapport-bilan.docx whatever the groups typed", () => {
  const odd = async (constat: string, config: Record<string, unknown> = {}) => {
    const dir = workshop({
      "atelier.config.json": JSON.stringify({ sessions: ["J1"], ...config }),
      "J1/groupe-1.csv": `Groupe;Date;${CONSTATS_HEADER}Groupe 1;18/07/2023;1;Faiblesse;${constat}\r\n`,
    });
    try {
      const r = await run("report", dir, "--format", "docx");
      expect(r.code).toBe(0);
      return await readDocx(join(dir, "sortie", "rapport-bilan.docx"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("drops what XML cannot hold, and leaves a group's text that looks like markup as typed", async () => {
    const docx = await odd(
      "Manque de moyens\uffff\ufffe\u0007 : rIdabcdefghijklmnopqrstu et _Toc12345 & <b> restent tels quels",
    );
    const text = docx.paragraphs.map((p) => p.text);
    expect(text.join("\n")).toContain(
      "Manque de moyens : rIdabcdefghijklmnopqrstu et _Toc12345 & <b> restent tels quels",
    );
    for (const name of docx.files.filter((f) => f.endsWith(".xml") || f.endsWith(".rels"))) {
      expect(await docx.part(name), name).not.toMatch(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
        /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/,
      );
    }
  });

  it("gives each paragraph one style, and its charts the report's language", async () => {
    const { docx } = get("fr");
    const document = await docx.part("word/document.xml");
    expect(
      document.match(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:pStyle[^>]*\/>(?:(?!<\/w:pPr>).)*<w:pStyle/g),
    ).toBeNull();
    expect(document).toContain('<w:pStyle w:val="Detail"/><w:numPr>');
    const chart = await docx.part("word/charts/chart1.xml");
    expect(chart).toContain('<c:lang val="fr-FR"/>');
  });

  it("takes the dates of the submissions for the cover, unless they span more than two weeks", async () => {
    const days = (docx: Docx) => docx.paragraphs.slice(0, 8).map((p) => p.text);
    expect(days(await odd("Manque de moyens", { venue: "Bamako" }))).toContain(
      "Bamako, le 18 juillet 2023",
    );
    const typo = workshop({
      "atelier.config.json": JSON.stringify({ sessions: ["J1"], venue: "Bamako" }),
      "J1/groupe-1.csv": `Groupe;Date;${CONSTATS_HEADER}Groupe 1;18/07/2023;1;Faiblesse;Manque de moyens\r\nGroupe 1;20/07/2032;1;Force;Radios actives\r\n`,
    });
    try {
      await run("report", typo, "--format", "docx");
      const cover = days(await readDocx(join(typo, "sortie", "rapport-bilan.docx")));
      expect(cover).toContain("Bamako");
      expect(cover.join("\n")).not.toContain("2032");
    } finally {
      rmSync(typo, { recursive: true, force: true });
    }
  });

  it("gives another country neither Mali's ministry nor its motto", async () => {
    const docx = await odd("Manque de moyens", { country: "République du Niger" });
    expect(docx.paragraphs.slice(0, 3).map((p) => p.text)).toEqual([
      "RÉPUBLIQUE DU NIGER",
      "Atelier de restitution et de compilation des données — PAN 2023-2027",
      "Bilan de la mise en œuvre du PAN 2018-2022",
    ]);
  });

  it("makes each column at least as wide as the longest word of its header", async () => {
    const document = await get("fr").docx.part("word/document.xml");
    // Tableau 2, activities by status: Axe, then the statuses, then assessed and not assessed.
    const grids = [...document.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) =>
      [...(m[1] ?? "").matchAll(/w:w="(\d+)"/g)].map((w) => Number(w[1])),
    );
    const status = grids[1] ?? [];
    expect(status).toHaveLength(8);
    // « Partiellement », « Abandonné », « Coordination, »: never cut in the middle.
    expect(status[2]).toBeGreaterThanOrEqual(13 * 105 + 180);
    expect(status[5]).toBeGreaterThanOrEqual(9 * 105 + 180);
    expect(status[0]).toBeGreaterThanOrEqual(13 * 100 + 180);
    expect(status.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(11906 - 2 * 1418);
  });
});

describe.skipIf(!hasSoffice || !hasPoppler)("rapport-bilan.docx printed by LibreOffice", () => {
  it("converts to a PDF with every section, portrait then landscape pages", () => {
    const out = mkdtempSync(join(tmpdir(), "atelier-docx-pdf-"));
    try {
      const docx = join(out, "rapport-bilan.docx");
      writeFileSync(docx, get("fr").docx.bytes);
      soffice(docx, out, "pdf");
      const pdf = join(out, "rapport-bilan.pdf");
      const info = execFileSync("pdfinfo", ["-f", "1", "-l", "200", pdf], { encoding: "utf8" });
      const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
      // The sample's report: cover, contents, some fifteen pages of sections and annexes.
      expect(pages).toBeGreaterThanOrEqual(14);
      expect(pages).toBeLessThanOrEqual(30);
      const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) =>
        Number(m[1]) < Number(m[2]) ? "portrait" : "landscape",
      );
      expect(sizes).toHaveLength(pages);
      const firstLandscape = sizes.indexOf("landscape");
      expect(firstLandscape).toBeGreaterThan(5);
      expect(sizes.slice(firstLandscape).every((s) => s === "landscape")).toBe(true);
      const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).replace(
        /\s+/g,
        " ",
      );
      for (const id of SECTION_IDS) expect(text, id).toContain(texts("fr").sections[id]);
      expect(text).toContain("RÉPUBLIQUE DU MALI");
      expect(text).toContain("Figure 1 — Activités par axe et par statut");
      expect(text).toContain("G2-J1");
      expect(text).toContain(`Page 3 sur ${pages}`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
