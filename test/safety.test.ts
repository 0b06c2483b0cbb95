import { createHash } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config.js";
import { neutralise } from "../src/render/index.js";
import { PAYLOADS, payloadWorkshop } from "./helpers/payloads.js";
import { BILAN_HEADER, run, workshop } from "./helpers/workshop.js";

describe("neutralising formulas in CSV", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+cmd", "'+cmd"],
    ["-cmd", "'-cmd"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["-5", "-5"],
    ["+3,5", "+3,5"],
    ["Texte", "Texte"],
  ])("%j → %j", (input, output) => {
    expect(neutralise(input)).toBe(output);
  });
});

describe("nothing a group typed runs in the outputs, and it stays visible as text", () => {
  it("CSV read back by csv-parse, workbook read back by exceljs", async () => {
    const dir = payloadWorkshop();
    const r = await run("compile", dir);
    expect(r.code).toBe(0);
    const out = join(dir, "sortie");
    const bilan = parse(readFileSync(join(out, "bilan.csv"), "utf8").slice(1), {
      delimiter: ";",
      columns: true,
    }) as Record<string, string>[];
    // Cells are trimmed on reading (a leading tab goes), then neutralised on writing.
    const stored = PAYLOADS.map((p) => p.trim());
    expect(bilan.map((b) => b.Activité)).toEqual(
      stored.map((p) => (/^[=+\-@]/.test(p) ? `'${p}` : p)),
    );
    const workbooks = readdirSync(out).filter((f) => f.endsWith(".xlsx"));
    expect(workbooks).toEqual(["consolidation.xlsx", "matrice-actions.xlsx"]);
    for (const name of workbooks) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(out, name));
      const texts: string[] = [];
      wb.eachSheet((ws) => {
        ws.eachRow((row) => {
          row.eachCell((cell) => {
            const where = `${name} ${ws.name}!${cell.address}`;
            if (cell.type === ExcelJS.ValueType.Formula) {
              // Only the totals we build: cell references, function names and the axes of the
              // configuration as criteria, never text a group typed.
              const axes = defaultConfig(".").plan.axes.map((a) => `"${a.number}. ${a.fr}"`);
              let bare = cell.formula.replace(/'[^']*'!/g, "");
              for (const axis of axes) bare = bare.replaceAll(axis, '""');
              expect(bare, where).toMatch(/^[A-Z0-9$:!,.()+\-*/<>=&" ]*$/);
              expect(cell.formula, where).not.toMatch(/HYPERLINK|cmd|script|onerror/i);
            } else if (typeof cell.value === "string" && stored.some((p) => cell.value === p)) {
              expect(cell.type, where).toBe(ExcelJS.ValueType.String);
              texts.push(cell.value);
            }
          });
        });
      });
      // Every payload is there, as typed (once trimmed), in each workbook.
      expect(new Set(texts), name).toEqual(new Set(stored));
    }
  });
});

describe("inputs and the file system", () => {
  it("never modifies an input file", async () => {
    const dir = payloadWorkshop();
    const files = ["J1/bilan.csv", "J1/constats.csv"].map((f) => join(dir, f));
    const before = files.map((f) => [
      createHash("sha256").update(readFileSync(f)).digest("hex"),
      statSync(f).mtimeMs,
    ]);
    await run("compile", dir);
    await run("validate", dir);
    const after = files.map((f) => [
      createHash("sha256").update(readFileSync(f)).digest("hex"),
      statSync(f).mtimeMs,
    ]);
    expect(after).toEqual(before);
  });

  it("follows a link to a file inside the workshop, not one that leaves it", async () => {
    const outside = workshop({
      "secret.csv": `${BILAN_HEADER}1;1.1.1;Hors atelier;Réalisé;100;1;1\r\n`,
    });
    const dir = workshop({
      "J1/a.csv": `${BILAN_HEADER}1;1.1.2;Dans l'atelier;Réalisé;100;1;1\r\n`,
    });
    mkdirSync(join(dir, "J2"));
    symlinkSync(join(outside, "secret.csv"), join(dir, "J2", "lien-externe.csv"));
    symlinkSync(join(dir, "J1", "a.csv"), join(dir, "J2", "lien-interne.csv"));
    symlinkSync(tmpdir(), join(dir, "J2", "dossier-externe"));
    writeFileSync(join(dir, "J2", "note.txt"), "x");
    const r = await run("validate", dir, "--format", "json");
    const json = JSON.parse(r.out);
    expect(json.files.map((f: { path: string }) => f.path.split("/").slice(-2).join("/"))).toEqual([
      "J1/a.csv",
      "J2/lien-interne.csv",
    ]);
    expect(
      json.skipped.map((s: { path: string; reason: string }) => [
        s.path.split("/").slice(-2).join("/"),
        s.reason,
      ]),
    ).toEqual([
      ["J2/dossier-externe", "link-outside"],
      ["J2/lien-externe.csv", "link-outside"],
      ["J2/note.txt", "not-spreadsheet"],
    ]);
  });
});

describe("the mark before a text a spreadsheet would run", () => {
  it("is taken off a CSV's texts and lists, which read back as typed, and kept in a workbook", async () => {
    const typed = ["'=x un", "''-dix", "+229 97 00 00 00"];
    const dir = workshop({
      "atelier.config.json": JSON.stringify({ sessions: ["J1"] }),
      "J1/propositions.csv": `Axe;Objectif;Action;Calendrier;Partenaires\r\n1;'=Objectif;Former;2024;'+Plan International, OIM\r\n`,
    });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Bilan");
    ws.addRow(["Axe", "Code activité", "Activité", "Statut", "Observations"]);
    for (const [i, text] of typed.entries())
      ws.addRow([1, `1.1.${i + 1}`, "Former", "Réalisé", text]);
    await wb.xlsx.writeFile(join(dir, "J1", "bilan.xlsx"));
    expect((await run("compile", dir)).code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "sortie", "consolidation.json"), "utf8"));
    expect(
      json.propositions.map((p: Record<string, unknown>) => [p.objectif, p.partenaires]),
    ).toEqual([["=Objectif", ["+Plan International", "OIM"]]]);
    // In a workbook, a `'` the cell shows is the text's own.
    expect(json.bilan.map((b: Record<string, unknown>) => b.observations)).toEqual(typed);
  });
});
