import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../src/analysis/report.js";
import { compileWorkshop } from "../src/commands/compile.js";
import { findConfig } from "../src/config.js";
import { AppError } from "../src/errors.js";
import type { Lang } from "../src/i18n/lang.js";
import { browserNotFound, findChromium, printArgs, printPdf } from "../src/render/pdf.js";
import { reportHtml } from "../src/render/report-html.js";
import { SECTION_IDS, texts } from "../src/render/report-text.js";

const TEXTS = { fr: texts("fr"), en: texts("en") };

/** The flags `printPdf` uses, minus the print itself. */
const FLAGS = [
  "--headless",
  "--disable-gpu",
  "--no-sandbox",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The few DOM members the page checks use: the project compiles without the DOM library. */
interface DomNode {
  id: string;
  textContent: string | null;
  closest(selector: string): DomNode | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomNode | null;
  getBoundingClientRect(): { width: number; height: number };
}
interface Doc {
  querySelectorAll(selector: string): Iterable<DomNode> & { length: number };
  getElementById(id: string): DomNode | null;
}

/** Page objects of a PDF (`/Type /Page`, not `/Type /Pages`). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}

const out = mkdtempSync(join(tmpdir(), "atelier-report-browser-"));
const files: Record<Lang, string> = {
  fr: join(out, "rapport-bilan.html"),
  en: join(out, "rapport-bilan-en.html"),
};
let browser: Browser;

beforeAll(async () => {
  const result = await compileWorkshop("fixtures/atelier", { out: join(out, "sortie") });
  const model = buildReport(
    result.consolidation,
    result.validation,
    findConfig("fixtures/atelier"),
    new Date("2023-07-20T17:30:00Z"),
  );
  for (const lang of ["fr", "en"] as const) writeFileSync(files[lang], reportHtml(model, lang));
  browser = await chromium.launch({
    executablePath: findChromium() ?? "/usr/bin/chromium",
    args: FLAGS.slice(1),
  });
});

afterAll(async () => {
  await browser?.close();
});

describe("the HTML report in headless Chromium", () => {
  for (const lang of ["fr", "en"] as const) {
    it(`renders offline with every section and visible charts (${lang})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("request", (r) => requests.push(r.url()));
      const url = pathToFileURL(files[lang]).href;
      await page.goto(url, { waitUntil: "load" });

      expect(errors).toEqual([]);
      expect(requests).toEqual([url]);
      const seen = await page.evaluate(() => {
        const document = (globalThis as unknown as { document: Doc }).document;
        return {
          h1: document.querySelectorAll("h1").length,
          scripts: document.querySelectorAll("script").length,
          headings: Object.fromEntries(
            [...document.querySelectorAll("main section[id] > .keep > h2")].map((h) => [
              h.closest("section")?.id,
              h.textContent,
            ]),
          ),
          charts: [...document.querySelectorAll("svg.chart")].map((svg) => {
            const box = svg.getBoundingClientRect();
            const table = document.getElementById(svg.getAttribute("aria-describedby") ?? "");
            return {
              width: box.width,
              height: box.height,
              role: svg.getAttribute("role"),
              label: svg.getAttribute("aria-label") ?? "",
              title: svg.querySelector(":scope > title")?.textContent ?? "",
              alternative: table?.querySelector("caption")?.textContent ?? null,
            };
          }),
          tables: document.querySelectorAll("table").length,
          captions: document.querySelectorAll("table > caption").length,
          unscoped: document.querySelectorAll("th:not([scope])").length,
        };
      });
      expect(seen).toMatchObject({ h1: 1, scripts: 0, unscoped: 0, captions: seen.tables });
      expect(seen.headings).toEqual(
        Object.fromEntries(SECTION_IDS.map((id) => [id, TEXTS[lang].sections[id]])),
      );
      expect(seen.charts).toHaveLength(3);
      for (const chart of seen.charts) {
        expect(chart.width).toBeGreaterThan(100);
        expect(chart.height).toBeGreaterThan(50);
        expect(chart.role).toBe("img");
        expect(chart.label.length).toBeGreaterThan(20);
        expect(chart.title).toBe(chart.label);
      }
      // The text alternative: a table with the same numbers, named by aria-describedby.
      expect(seen.charts.map((chart) => chart.alternative)).toEqual(
        {
          fr: [
            "Activités par axe et par statut",
            "Taux de mise en œuvre et appréciation par axe",
            "Budget prévu et exécuté par axe (FCFA)",
          ],
          en: [
            "Activities by axis and status",
            "Implementation rate and rating by axis",
            "Planned and spent budget by axis (FCFA)",
          ],
        }[lang],
      );
      await page.close();
    });
  }

  it("prints to the same 19 A4 pages with playwright and with printPdf", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(files.fr).href);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pageCount(pdf)).toBe(19);
    await page.close();

    const printed = join(out, "rapport-bilan.pdf");
    await printPdf(files.fr, printed);
    const bytes = readFileSync(printed);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pageCount(bytes)).toBe(19);
  }, 120_000);
});

describe("finding a browser", () => {
  it("takes CHROME_PATH first, then the usual places of each platform", () => {
    const only = (path: string) => (p: string) => p === path;
    expect(findChromium({ CHROME_PATH: "/opt/c/chrome" }, "linux", only("/opt/c/chrome"))).toBe(
      "/opt/c/chrome",
    );
    expect(findChromium({}, "linux", only("/usr/bin/chromium-browser"))).toBe(
      "/usr/bin/chromium-browser",
    );
    expect(findChromium({}, "linux", () => false)).toBeUndefined();
    const edge = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
    expect(
      findChromium(
        { PROGRAMFILES: "C:\\Program Files", "PROGRAMFILES(X86)": "C:\\Program Files (x86)" },
        "win32",
        only(edge),
      ),
    ).toBe(edge);
    const chrome = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    expect(findChromium({}, "darwin", only(chrome))).toBe(chrome);
  });

  it("prints with a fresh profile, no header or footer, from a file URL", () => {
    expect(printArgs("r.html", "/tmp/r.pdf", "/tmp/profile")).toEqual([
      ...FLAGS,
      "--user-data-dir=/tmp/profile",
      "--print-to-pdf=/tmp/r.pdf",
      "--no-pdf-header-footer",
      "--print-to-pdf-no-header",
      pathToFileURL(join(process.cwd(), "r.html")).href,
    ]);
  });

  it("says in both languages what to do when no browser is there or the print fails", async () => {
    const e = browserNotFound();
    expect(e.code).toBe("BROWSER_NOT_FOUND");
    expect(e.fr).toContain("Aucun navigateur Chromium, Chrome ou Edge trouvé");
    expect(e.fr).toContain("CHROME_PATH");
    expect(e.en).toContain("No Chromium, Chrome or Edge browser found");
    const failed = printPdf(files.fr, join(out, "x.pdf"), { browser: join(out, "no-browser") });
    await expect(failed).rejects.toBeInstanceOf(AppError);
    await expect(failed).rejects.toMatchObject({ code: "PDF_FAILED" });
  });
});

describe("payloads typed by groups, in the browser", () => {
  it("stay visible as text and never run", async () => {
    const { payloadWorkshop, PAYLOADS } = await import("./helpers/payloads.js");
    const dir = payloadWorkshop();
    await compileWorkshop(dir);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    page.on("request", (r) => {
      requests.push(r.url());
    });
    const file = pathToFileURL(join(dir, "sortie", "rapport-bilan.html")).href;
    await page.goto(file);
    const text = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { body: { textContent: string } } }).document.body
          .textContent,
    );
    for (const p of PAYLOADS) expect(text).toContain(p.trim());
    const live = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: Doc }).document;
      return {
        scripts: doc.querySelectorAll("script").length,
        handlers: doc.querySelectorAll("[onerror], [onload], [onclick]").length,
        images: doc.querySelectorAll("img").length,
      };
    });
    expect(live).toEqual({ scripts: 0, handlers: 0, images: 0 });
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([file]);
    await page.close();
  });
});
