import { join } from "node:path";
import type { ReportModel } from "../analysis/report.js";
import { AppError } from "../errors.js";
import { both, catalogue } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import type { Consolidation, FileReport } from "../model.js";
import type { PdfProgress } from "../render/pdf.js";
import { similar } from "../text.js";
import { lockedWorkshop, type Workshop, type WorkshopOptions } from "./index.js";
import { type Kept, writeFilesAtomically } from "./output.js";

/**
 * The two documents of a workshop: the report on the plan under review (`report`) and the draft
 * action matrix of the new plan (`matrix`). Compile writes both among its outputs; each command
 * writes only its own files. Renderers are loaded when a document needs them.
 */

/** `rapport-bilan.md`, `.html` and `.docx`: one model, three renderers. */
export async function reportFiles(
  model: ReportModel,
  lang: Lang,
  formats: readonly string[] = ["md", "html", "docx"],
): Promise<Map<string, string | Buffer>> {
  const files = new Map<string, string | Buffer>();
  if (formats.includes("md")) {
    const { reportMarkdown } = await import("../render/report-md.js");
    files.set("rapport-bilan.md", reportMarkdown(model, lang));
  }
  if (formats.includes("html") || formats.includes("pdf")) {
    const { reportHtml } = await import("../render/report-html.js");
    files.set("rapport-bilan.html", reportHtml(model, lang));
  }
  if (formats.includes("docx")) {
    const { reportDocx } = await import("../render/report-docx.js");
    files.set("rapport-bilan.docx", await reportDocx(model, lang));
  }
  return files;
}

/** `matrice-actions.xlsx` and `matrice-actions.csv`. */
export async function matrixFiles(
  w: Pick<Workshop, "consolidation" | "config" | "lang">,
  generated: Date,
  delimiter = ";",
): Promise<Map<string, string | Buffer>> {
  const { matrixRows } = await import("../analysis/matrix.js");
  const { matrixCsv } = await import("../render/matrix-text.js");
  const { matrixWorkbook } = await import("../render/matrix-xlsx.js");
  const rows = matrixRows(w.consolidation, w.config);
  return new Map<string, string | Buffer>([
    ["matrice-actions.xlsx", await matrixWorkbook(rows, w.config, w.lang, generated)],
    ["matrice-actions.csv", matrixCsv(rows, w.config, w.lang, delimiter)],
  ]);
}

/** What `report` and `matrix` wrote, and where. */
export interface DocumentsWritten {
  out: string;
  lang: Lang;
  written: string[];
  /** Files an earlier run wrote and someone changed since: kept under a name of their own. */
  kept: Kept[];
  /** Every file read: those of which nothing could be read are said. */
  files: FileReport[];
  flagged: boolean;
}

export const REPORT_FORMATS = ["md", "html", "docx", "pdf"] as const;

/** What printing the PDF says while it runs, in the workshop's language (see `printPdf`). */
export type ReportProgress = (e: PdfProgress, lang: Lang) => void;

/**
 * `report`: the report of a workshop in the formats asked; returns the folder and the names.
 * `onProgress` hears how the PDF print goes (it takes a while); nothing is printed here.
 */
export async function writeReport(
  dir: string,
  formats: readonly string[],
  options: WorkshopOptions,
  onProgress?: ReportProgress,
): Promise<DocumentsWritten> {
  const unknown = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || formats.length === 0) {
    const near = unknown.length === 1 ? similar(unknown[0] ?? "", REPORT_FORMATS)[0] : undefined;
    throw new AppError(
      "USAGE",
      both((t) => t.errors.reportFormat(unknown.join(", "), near)),
    );
  }
  return lockedWorkshop(dir, options, (w, generated) =>
    reportIn(w, generated, formats, onProgress),
  );
}

async function reportIn(
  w: Workshop,
  generated: Date,
  formats: readonly string[],
  onProgress?: ReportProgress,
): Promise<DocumentsWritten> {
  const { printPdf, printingBrowser } = await import("../render/pdf.js");
  const browser = formats.includes("pdf") ? printingBrowser() : undefined;
  const { buildReport } = await import("../analysis/report.js");
  const model = buildReport(w.consolidation, w.validation, w.config, generated);
  const all = await reportFiles(model, w.lang, formats);
  const files = new Map(
    [...all].filter(([name]) => formats.includes(name.split(".").pop() as string)),
  );
  const writes = new Map<string, string | Buffer | ((tmp: string) => Promise<void>)>(files);
  if (browser) {
    // The PDF is printed from the HTML, which is written first.
    writes.set("rapport-bilan.html", all.get("rapport-bilan.html") ?? "");
    const progress = onProgress && ((e: PdfProgress) => onProgress(e, w.lang));
    writes.set("rapport-bilan.pdf", (tmp) =>
      printPdf(join(w.out, "rapport-bilan.html"), tmp, {
        browser,
        ...(progress ? { onProgress: progress } : {}),
      }),
    );
  }
  const kept = await writeFilesAtomically(w.out, writes, catalogue(w.lang).cli.editedLabel);
  return {
    out: w.out,
    lang: w.lang,
    written: [...writes.keys()],
    kept,
    files: w.validation.files,
    flagged: flagged(w.consolidation),
  };
}

/** `matrix`: the matrix of a workshop, as workbook and CSV or as Markdown. */
export async function writeMatrix(
  dir: string,
  format: "xlsx" | "md",
  options: WorkshopOptions,
): Promise<DocumentsWritten> {
  return lockedWorkshop(dir, options, async (w, generated) => {
    let files: Map<string, string | Buffer>;
    if (format === "md") {
      const { matrixRows } = await import("../analysis/matrix.js");
      const { matrixMarkdown } = await import("../render/matrix-text.js");
      const rows = matrixRows(w.consolidation, w.config);
      files = new Map([["matrice-actions.md", matrixMarkdown(rows, w.config, w.lang, generated)]]);
    } else {
      files = await matrixFiles(w, generated);
    }
    const kept = await writeFilesAtomically(w.out, files, catalogue(w.lang).cli.editedLabel);
    return {
      out: w.out,
      lang: w.lang,
      written: [...files.keys()],
      kept,
      files: w.validation.files,
      flagged: flagged(w.consolidation),
    };
  });
}

/** What `--strict` fails on, as compile does: a row rejected, an error or a warning anywhere. */
export function flagged(c: Consolidation): boolean {
  const s = c.summary;
  return s.rows.rejected > 0 || s.errors > 0 || s.warnings > 0;
}
