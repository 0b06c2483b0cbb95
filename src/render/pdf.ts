import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve, win32 } from "node:path";
import { pathToFileURL } from "node:url";
import { AppError } from "../errors.js";
import { listSeparator } from "../i18n/format.js";
import { both, catalogue } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";

/**
 * Printing the HTML report to PDF with a Chromium-family browser already on the machine
 * (Chromium, Chrome or Edge, which every Windows 10/11 laptop has), driven from the command line:
 * no npm dependency and no download, so it works offline.
 */

/** Where browsers install themselves, per platform; `CHROME_PATH` comes first. */
export function browserCandidates(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const fromEnv = env.CHROME_PATH ? [env.CHROME_PATH] : [];
  if (platform === "win32") {
    const roots = [env.PROGRAMFILES, env["PROGRAMFILES(X86)"], env.LOCALAPPDATA].filter(
      (r): r is string => Boolean(r),
    );
    const apps = [
      ["Google", "Chrome", "Application", "chrome.exe"],
      ["Chromium", "Application", "chrome.exe"],
      ["Microsoft", "Edge", "Application", "msedge.exe"],
    ];
    return [...fromEnv, ...apps.flatMap((app) => roots.map((root) => win32.join(root, ...app)))];
  }
  if (platform === "darwin") {
    const apps = [
      "Google Chrome.app/Contents/MacOS/Google Chrome",
      "Chromium.app/Contents/MacOS/Chromium",
      "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    ];
    const roots = ["/Applications", ...(env.HOME ? [join(env.HOME, "Applications")] : [])];
    return [...fromEnv, ...apps.flatMap((app) => roots.map((root) => join(root, app)))];
  }
  return [
    ...fromEnv,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/snap/bin/chromium",
    "/usr/bin/microsoft-edge",
  ];
}

/** The first browser found, or `undefined`. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  return browserCandidates(env, platform).find((p) => exists(p));
}

/** Flags for a one-shot print: no profile, no network chatter, no header or footer. */
export function printArgs(htmlFile: string, pdfFile: string, profile: string): string[] {
  return [
    "--headless",
    "--disable-gpu",
    "--no-sandbox",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${profile}`,
    `--print-to-pdf=${resolve(pdfFile)}`,
    "--no-pdf-header-footer",
    // The name of the same flag before Chrome 120; newer versions ignore it.
    "--print-to-pdf-no-header",
    pathToFileURL(resolve(htmlFile)).href,
  ];
}

export function browserNotFound(): AppError {
  return new AppError(
    "BROWSER_NOT_FOUND",
    both((t) => t.errors.browserNotFound),
  );
}

/** How far a print has gone: the browser starts printing, the PDF is written. */
export type PdfProgress =
  | { step: "printing"; browser: string }
  | { step: "printed"; pages: number | null };

/** `Chromium`, `Chrome`, `Edge`: the browser as people call it, from its path. */
export function browserName(path: string): string {
  const name = basename(win32.basename(path)).replace(/\.exe$/i, "");
  if (/edge/i.test(name)) return "Edge";
  if (/chrome/i.test(name)) return "Chrome";
  if (/chromium/i.test(name)) return "Chromium";
  return name;
}

/** The pages of a PDF as Chromium writes them (one `/Type /Page` object each); `null` if unknown. */
export function pdfPages(bytes: Buffer): number | null {
  const pages = bytes.toString("latin1").match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  return pages > 0 ? pages : null;
}

/** The line the command line prints on stderr for each step of a print. */
export function pdfProgressLine(e: PdfProgress, lang: Lang): string {
  const t = catalogue(lang).progress;
  return `${e.step === "printing" ? t.printing(e.browser) : t.printed(e.pages)}\n`;
}

/**
 * Prints `htmlFile` to `pdfFile` (A4, as the report's print CSS asks) with a fresh, throwaway
 * browser profile. Throws an AppError when no browser is found or the print fails. Says where
 * it is through `onProgress` (printing can take a while): it prints nothing itself.
 */
/**
 * The browser that will print, or the stop that says why none will: asked before anything is
 * written, so that a report with a PDF writes all its files or none.
 */
export function printingBrowser(): string {
  // A browser the rapporteur named that is not there is said, not replaced by another in silence.
  const named = process.env.CHROME_PATH;
  if (named && !existsSync(named)) {
    throw new AppError(
      "BROWSER_NOT_FOUND",
      both((t) => t.errors.chromePathMissing(named)),
    );
  }
  const browser = findChromium();
  if (!browser) throw browserNotFound();
  return browser;
}

export async function printPdf(
  htmlFile: string,
  pdfFile: string,
  options: { browser?: string; timeoutMs?: number; onProgress?: (e: PdfProgress) => void } = {},
): Promise<void> {
  const browser = options.browser ?? printingBrowser();
  const profile = mkdtempSync(join(tmpdir(), "atelier-chromium-"));
  options.onProgress?.({ step: "printing", browser: browserName(browser) });
  try {
    rmSync(pdfFile, { force: true });
    const stderr = await new Promise<string>((done, fail) => {
      execFile(
        browser,
        printArgs(htmlFile, pdfFile, profile),
        { timeout: options.timeoutMs ?? 120_000, windowsHide: true },
        (error, _stdout, err) => (error ? fail(Object.assign(error, { stderr: err })) : done(err)),
      );
    }).catch((e: Error & { stderr?: string; code?: unknown; killed?: boolean }) => {
      // Node's own words (« Command failed: … ») are English: the stop is said in ours.
      const stop = { killed: e.killed === true, code: typeof e.code === "number" ? e.code : null };
      throw printFailed(browser, e.stderr ?? "", stop);
    });
    const pdf = existsSync(pdfFile) ? readFileSync(pdfFile) : undefined;
    if (pdf?.subarray(0, 5).toString() !== "%PDF-") throw printFailed(browser, stderr);
    options.onProgress?.({ step: "printed", pages: pdfPages(pdf) });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The browser's last lines of output (its own words, quoted), and how it stopped if it did. */
function printFailed(
  browser: string,
  detail: string,
  stop?: { killed: boolean; code: number | null },
): AppError {
  const said = detail.trim().split("\n").slice(-3).join(" ").slice(0, 400);
  return new AppError(
    "PDF_FAILED",
    both((t, lang) => {
      const how = stop ? (stop.killed ? t.errors.pdfTimeout : t.errors.pdfExit(stop.code)) : "";
      const why = [how, said ? t.errors.pdfSaid(said) : ""]
        .filter(Boolean)
        .join(listSeparator(lang));
      return t.errors.pdfFailed(browser, why);
    }),
  );
}
