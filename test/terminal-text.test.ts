import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import * as XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { consoleMarks } from "../src/cli.js";
import type { FileReport, ValidationResult } from "../src/model.js";
import { browserName, findChromium, pdfPages, pdfProgressLine } from "../src/render/pdf.js";
import { type Paint, validationText } from "../src/render/validation.js";
import { BILAN_HEADER, PLAN, PLANNED_CONFIG, run, workshop } from "./helpers/workshop.js";

/**
 * What `validate` and `report` say on the terminal, word for word: sheets passed over said once,
 * the format of each file, the Windows-1252 note, the reference plan, the PDF's progress.
 */

const plain: Paint = {
  error: (s) => s,
  warning: (s) => s,
  dim: (s) => s,
  bold: (s) => s,
  ok: (s) => s,
  marks: { error: "✖", warning: "⚠", ok: "✔" },
};

/** What was printed, the throwaway folder left out of the paths. */
const shown = (dir: string, out: string) =>
  out.replaceAll(`${relative(process.cwd(), dir).replace(/\\/g, "/")}/`, "");

/** The text for one file, without its folder. */
async function validated(dir: string, file: string, ...flags: string[]) {
  const r = await run("validate", join(dir, file), ...flags);
  return { ...r, out: shown(dir, r.out) };
}

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function bilanSheet(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet("Bilan");
  ws.addRow(["Axe", "Code activité", "Activité", "Statut"]);
  ws.addRow(["1", "1.1.1", "Sensibiliser", "Réalisé"]);
}

describe("sheets passed over", () => {
  it("are said once per reason, with their names, when there are two or more", async () => {
    const bytes = await workbook((wb) => {
      bilanSheet(wb);
      for (const name of ["Notes", "Brouillon", "Calculs"])
        wb.addWorksheet(name).addRow(["Quelques notes"]);
      for (const name of ["Archive", "Ancien"]) wb.addWorksheet(name, { state: "hidden" });
    });
    const dir = workshop({ "classeur.xlsx": bytes });
    const r = await validated(dir, "classeur.xlsx");
    expect(r.out).toBe(
      [
        "⚠ classeur.xlsx (XLSX)",
        "    Bilan → bilan, en-tête ligne 1 : 1 ligne lue = 1 acceptée + 0 rejetée",
        "    attention 2 feuilles masquées ignorées : Archive, Ancien [hidden-sheet]",
        "        → Affichez-les (clic droit sur les onglets > Afficher) si elles doivent être compilées",
        "    attention 3 feuilles ignorées (en-têtes d'aucun type de fiche) : Notes, Brouillon, Calculs [sheet-skipped]",
        "        → Si elles contiennent des données, reprenez les intitulés du modèle (atelier template)",
        "",
        "Valide — 1 fichier de groupe, 1 ligne lue = 1 acceptée + 0 rejetée ; 0 erreur, 5 avertissements",
        "",
      ].join("\n"),
    );
    // Every problem is still in the JSON, one per sheet.
    const json = JSON.parse((await run("validate", dir, "--format", "json")).out);
    expect(
      json.files[0].problems.map((p: { code: string; sheet: string }) => [p.code, p.sheet]),
    ).toEqual([
      ["sheet-skipped", "Notes"],
      ["sheet-skipped", "Brouillon"],
      ["sheet-skipped", "Calculs"],
      ["hidden-sheet", "Archive"],
      ["hidden-sheet", "Ancien"],
    ]);
  });

  it("of a group's template left with their header alone are one line, and not in the compile table", async () => {
    const bytes = await workbook((wb) => {
      bilanSheet(wb);
      wb.addWorksheet("Constats").addRow(["Axe", "Type", "Constat"]);
      wb.addWorksheet("Propositions").addRow(["Axe", "Objectif", "Action", "Calendrier"]);
    });
    const dir = workshop({ "J1/groupe-2.xlsx": bytes });
    const r = await validated(dir, "J1/groupe-2.xlsx");
    expect(r.out.split("\n").slice(0, 3)).toEqual([
      "✔ J1/groupe-2.xlsx (XLSX)",
      "    Bilan → bilan, en-tête ligne 1 : 1 ligne lue = 1 acceptée + 0 rejetée",
      "    2 feuilles sans ligne saisie : Constats, Propositions",
    ]);
    const compiled = await run("compile", dir, "--format", "json");
    expect(JSON.parse(compiled.out).files[0].kinds).toEqual(["bilan"]);
  });

  it("keep their own line when one sheet alone is passed over, in English too", async () => {
    const bytes = await workbook((wb) => {
      bilanSheet(wb);
      wb.addWorksheet("Archive", { state: "hidden" });
    });
    const dir = workshop({ "classeur.xlsx": bytes });
    const r = await validated(dir, "classeur.xlsx", "--lang", "en");
    expect(r.out).toBe(
      [
        "⚠ classeur.xlsx (XLSX)",
        "    Bilan → assessment, header row 1: 1 row read = 1 accepted + 0 rejected",
        "    warning Archive Hidden sheet “Archive” skipped [hidden-sheet]",
        "        → Unhide it (right-click the tabs > Unhide) if it should be compiled",
        "",
        "Valid — 1 group file, 1 row read = 1 accepted + 0 rejected; 0 errors, 1 warning",
        "",
      ].join("\n"),
    );
  });

  it("that no problem names are empty, and said in one line", () => {
    const file: FileReport = {
      path: "classeur.xlsx",
      format: "xlsx",
      meta: {},
      sheets: [
        { name: "Bilan", kind: "bilan", headerRow: 1, rows: 1, accepted: 1, rejected: 0 },
        ...["Feuil2", "Feuil3", "Feuil4"].map((name) => ({
          name,
          kind: null,
          headerRow: null,
          rows: 0,
          accepted: 0,
          rejected: 0,
        })),
      ],
      issues: [],
      tables: [],
    };
    const result: ValidationResult = {
      files: [file],
      references: [],
      resolutions: [],
      skipped: [],
      summary: { files: 1, rows: 1, accepted: 1, rejected: 0, errors: 0, warnings: 0 },
    };
    expect(validationText(result, "fr", plain).split("\n").slice(0, 3)).toEqual([
      "✔ classeur.xlsx (XLSX)",
      "    Bilan → bilan, en-tête ligne 1 : 1 ligne lue = 1 acceptée + 0 rejetée",
      "    3 feuilles vides ignorées : Feuil2, Feuil3, Feuil4",
    ]);
    expect(validationText(result, "en", plain).split("\n")[2]).toBe(
      "    3 empty sheets skipped: Feuil2, Feuil3, Feuil4",
    );
  });
});

describe("the marks before each file", () => {
  it("are ones the Windows 10 console's fonts have, there only", () => {
    expect(consoleMarks("win32", {})).toEqual({ error: "×", warning: "!", ok: "√" });
    // Windows Terminal, Windows 11's console, draws the others.
    expect(consoleMarks("win32", { WT_SESSION: "1" })).toEqual({
      error: "✖",
      warning: "⚠",
      ok: "✔",
    });
    expect(consoleMarks("linux", {})).toEqual({ error: "✖", warning: "⚠", ok: "✔" });
  });

  it("are the ones the console gets, in the summary of every file", () => {
    const file: FileReport = {
      path: "groupe.csv",
      format: "csv",
      sheets: [],
      issues: [
        { code: "out-of-range", severity: "error", file: "groupe.csv", params: {} },
      ] as FileReport["issues"],
      tables: [],
    } as unknown as FileReport;
    const marks = { error: "×", warning: "!", ok: "√" };
    const text = validationText(
      {
        files: [file],
        references: [],
        resolutions: [],
        skipped: [],
        summary: { files: 1, rows: 0, accepted: 0, rejected: 0, errors: 1, warnings: 0 },
      } as unknown as ValidationResult,
      "fr",
      { ...plain, marks },
    );
    expect(text.split("\n")[0]).toBe("× groupe.csv (CSV)");
  });
});

describe("the format of a file", () => {
  it("is the one it was read as: ODS for .ods and .fods, XLS, XLSX, CSV; an unread format by its extension", async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ["Axe", "Code activité", "Activité", "Statut"],
        ["1", "1.1.1", "Sensibiliser", "Réalisé"],
      ]),
      "Bilan",
    );
    const dir = workshop({
      "a.ods": XLSX.write(wb, { type: "buffer", bookType: "ods" }),
      "b.fods": XLSX.write(wb, { type: "buffer", bookType: "fods" }),
      "c.xls": XLSX.write(wb, { type: "buffer", bookType: "xls" }),
      "d.xlsx": XLSX.write(wb, { type: "buffer", bookType: "xlsx" }),
      "e.csv": "Axe;Code activité;Activité;Statut\r\n1;1.1.1;Sensibiliser;Réalisé\r\n",
      "f.numbers": "PK\u0003\u0004",
    });
    const r = await run("validate", dir);
    const heads = r.out
      .split("\n")
      .filter((l) => /^[✔⚠✖] /.test(l))
      .map((l) => shown(dir, l));
    expect(heads).toEqual([
      "✔ a.ods (ODS)",
      "✔ b.fods (ODS)",
      "✔ c.xls (XLS)",
      "✔ d.xlsx (XLSX)",
      "✔ e.csv (CSV, utf-8, « ; »)",
      "✖ f.numbers (NUMBERS)",
    ]);
  });
});

describe("a CSV saved by Excel in Windows-1252", () => {
  const latin = Buffer.from(
    "Axe;Code activité;Activité;Statut\r\n1;1.1.1;Réunion d'étape « prévue »;Réalisé\r\n",
    "latin1",
  );

  it("is a note, not a warning: --strict passes, nothing to correct", async () => {
    const dir = workshop({ "groupe.csv": latin });
    const r = await validated(dir, "groupe.csv", "--strict");
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        "✔ groupe.csv (CSV, windows-1252, « ; »)",
        "    CSV → bilan, en-tête ligne 1 : 1 ligne lue = 1 acceptée + 0 rejetée",
        "    note Fichier enregistré par Excel en Windows-1252 : lu correctement [encoding-fallback]",
        "",
        "Valide — 1 fichier de groupe, 1 ligne lue = 1 acceptée + 0 rejetée ; 0 erreur, 0 avertissement",
        "",
      ].join("\n"),
    );
    const json = JSON.parse((await run("validate", dir, "--format", "json", "--lang", "en")).out);
    expect(json.summary.warnings).toBe(0);
    expect(json.files[0].problems).toMatchObject([
      {
        code: "encoding-fallback",
        severity: "info",
        message: "File saved by Excel in Windows-1252: read correctly",
        hint: null,
      },
    ]);
    const github = await run("validate", dir, "--format", "github");
    expect(github.out.split("\n")[0]).toMatch(
      /^::notice file=.*groupe\.csv,title=encoding-fallback::/,
    );
  });

  it("is a warning when its accents do not read as Windows-1252 (an MS-DOS code page)", async () => {
    // « Réalisé » and « étape » as MS-DOS (850) writes them: é is 0x82, a low quote in 1252.
    const dos = Buffer.from(
      latin.toString("latin1").replaceAll("é", "\u0082").replace(/[«»]/g, '"'),
      "latin1",
    );
    const dir = workshop({ "groupe.csv": dos });
    const r = await validated(dir, "groupe.csv", "--strict");
    expect(r.code).toBe(1);
    expect(r.out.split("\n").slice(2, 4)).toEqual([
      "    attention Le fichier n'est pas en UTF-8 : lu comme Windows-1252, mais l'octet 0x82 (position 16) n'y donne pas un caractère attendu : les accents sont peut-être faux [encoding-uncertain]",
      "        → Vérifiez les accents ; enregistrez le fichier en « CSV UTF-8 » (Fichier > Enregistrer sous) et relancez",
    ]);
  });

  it("is a warning for a letter French and English never write (Icelandic þ, as another code page gives)", async () => {
    const icelandic = Buffer.from(latin.toString("latin1").replace("é", "\u00fe"), "latin1");
    const dir = workshop({ "groupe.csv": icelandic });
    const r = await validated(dir, "groupe.csv");
    expect(r.out).toContain("l'octet 0xFE (position 16) n'y donne pas un caractère attendu");
  });
});

describe("the reference plan", () => {
  it("is read as the plan, not listed among the files passed over", async () => {
    const dir = workshop({
      "atelier.config.json": PLANNED_CONFIG,
      "plan.csv": PLAN,
      "J1/groupe-1.csv": `${BILAN_HEADER.replace("\r\n", ";Groupe\r\n")}1;1.1.1;Former;Réalisé;100;;;G1\r\n`,
    });
    const r = await run("validate", dir);
    const out = shown(dir, r.out);
    expect(out).toBe(
      [
        "✔ plan.csv (CSV, utf-8, « ; »)",
        "    CSV → plan de référence, en-tête ligne 1 : 4 lignes lues = 4 acceptées + 0 rejetée",
        "✔ J1/groupe-1.csv (CSV, utf-8, « ; »)",
        "    CSV → bilan, en-tête ligne 1 : 1 ligne lue = 1 acceptée + 0 rejetée",
        "Ignorés :",
        "    atelier.config.json (fichier de l'atelier (configuration, plan, résolutions))",
        "",
        "Valide — 1 fichier de groupe, 1 ligne lue = 1 acceptée + 0 rejetée ; 0 erreur, 0 avertissement",
        "",
      ].join("\n"),
    );
  });

  it("counts its problems in the summary, said apart from the groups' files", async () => {
    const dir = workshop({
      "atelier.config.json": PLANNED_CONFIG,
      "plan.csv": `${PLAN}1.1.1;1;Sensibiliser encore\r\n`,
      "J1/groupe-1.csv": `${BILAN_HEADER.replace("\r\n", ";Groupe\r\n")}1;1.1.1;Former;Réalisé;100;;;G1\r\n`,
    });
    const r = await run("validate", join(dir, "J1", "groupe-1.csv"));
    expect(r.code).toBe(1);
    expect(r.out.trimEnd().split("\n").at(-1)).toBe(
      "Erreurs à corriger — 1 fichier de groupe, 1 ligne lue = 1 acceptée + 0 rejetée ; 1 erreur, 0 avertissement (dont 1 erreur et 0 avertissement dans le plan de référence ou les arbitrages)",
    );
  });
});

describe("printing the PDF", () => {
  it("says when it starts and how many pages it wrote, in the language", () => {
    expect(browserName("/usr/bin/chromium")).toBe("Chromium");
    expect(browserName("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe")).toBe(
      "Chrome",
    );
    expect(browserName("/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge")).toBe(
      "Edge",
    );
    expect(pdfPages(Buffer.from("%PDF-1.4 /Type /Pages /Type /Page /Type/Page"))).toBe(2);
    expect(pdfPages(Buffer.from("%PDF-1.4"))).toBe(null);
    expect(pdfProgressLine({ step: "printing", browser: "Chromium" }, "fr")).toBe(
      "Impression du PDF avec Chromium…\n",
    );
    expect(pdfProgressLine({ step: "printed", pages: 1 }, "fr")).toBe("PDF écrit (1 page).\n");
    expect(pdfProgressLine({ step: "printed", pages: 12 }, "en")).toBe("PDF written (12 pages).\n");
    expect(pdfProgressLine({ step: "printed", pages: null }, "en")).toBe("PDF written.\n");
  });

  it.skipIf(process.platform === "win32")(
    "that fails says how the browser stopped in the language, not in Node's English",
    async () => {
      const dir = workshop({
        "J1/groupe-1.csv": `${BILAN_HEADER}1;1.1.1;Former;Réalisé;100;;\r\n`,
      });
      const before = process.env.CHROME_PATH;
      process.env.CHROME_PATH = "/bin/false";
      try {
        const r = await run("report", dir, "--format", "pdf");
        expect(r.code).toBe(2);
        expect(r.err.split("\n").slice(0, 2)).toEqual([
          "Impression du PDF avec false…",
          "atelier : L'impression du PDF avec /bin/false a échoué : le navigateur s'est arrêté (code 1). Ouvrez le rapport HTML dans un navigateur et imprimez-le en PDF (Ctrl+P).",
        ]);
        // A browser named that is not there is said, not replaced by the system's.
        process.env.CHROME_PATH = "/nulle-part/chrome";
        const missing = await run("report", dir, "--format", "pdf");
        expect([missing.code, missing.err]).toEqual([
          2,
          "atelier : La variable d'environnement CHROME_PATH désigne /nulle-part/chrome, qui n'existe pas : corrigez le chemin du navigateur (Chromium, Chrome ou Edge), ou retirez la variable pour qu'atelier en cherche un.\n",
        ]);
        // Said before anything is written: no Word or HTML report left behind unlisted.
        const fresh = workshop({
          "J1/groupe-1.csv": `${BILAN_HEADER}1;1.1.1;Former;Réalisé;100;;\r\n`,
        });
        const both = await run("report", fresh, "--format", "docx,pdf");
        expect([both.code, both.out]).toEqual([2, ""]);
        expect(existsSync(join(fresh, "sortie", "rapport-bilan.docx"))).toBe(false);
      } finally {
        if (before === undefined) delete process.env.CHROME_PATH;
        else process.env.CHROME_PATH = before;
      }
    },
  );

  it.skipIf(!findChromium())(
    "on stderr, around the print, with report --format pdf",
    async () => {
      const dir = workshop({
        "atelier.config.json": PLANNED_CONFIG,
        "plan.csv": PLAN,
        "J1/groupe-1.csv": `${BILAN_HEADER}1;1.1.1;Former;Réalisé;100;;\r\n`,
      });
      const r = await run("report", dir, "--format", "pdf");
      expect(r.code).toBe(0);
      const name = browserName(findChromium() as string);
      expect(r.err).toMatch(
        new RegExp(`^Impression du PDF avec ${name}…\\nPDF écrit \\(\\d+ pages?\\)\\.\\n$`),
      );
    },
    120_000,
  );
});
