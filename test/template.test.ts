import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, sep } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { compileWorkshop } from "../src/commands/compile.js";
import { initWorkshop, writeTemplate } from "../src/commands/template.js";
import { validateFiles } from "../src/commands/validate.js";
import { type Config, defaultConfig, loadConfig } from "../src/config.js";
import { AppError } from "../src/errors.js";
import { KIND_NAMES, KINDS, type Kind, metadataFields } from "../src/fields.js";
import { hintOf } from "../src/i18n/index.js";
import type { Lang } from "../src/i18n/lang.js";
import { flatten } from "../src/issues.js";
import type { ValidationResult } from "../src/model.js";
import { fieldsMarkdown } from "../src/render/docs.js";
import { schemaJson, schemaMarkdown, tableSchema } from "../src/render/schema.js";
import {
  buildTemplate,
  type TemplateColumn,
  templateColumns,
  templateCsv,
  templateLists,
  templateXlsx,
} from "../src/render/template.js";
import { columnLetter } from "../src/sheet.js";
import { loadReference } from "../src/validate/reference.js";
import { run, workshop } from "./helpers/workshop.js";

const SHEETS: Record<Lang, Record<Kind, string>> = {
  fr: { bilan: "Bilan", constats: "Constats", propositions: "Propositions" },
  en: { bilan: "Assessment", constats: "Findings", propositions: "Proposals" },
};

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "atelier-template-"));
}

// --- filling a workbook without our writer: its sheet XML, edited as text ------------------------

type Value = string | number;

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function colIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function cellXml(ref: string, value: Value, style: string): string {
  return typeof value === "number"
    ? `<c r="${ref}"${style}><v>${value}</v></c>`
    : `<c r="${ref}"${style} t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
}

/**
 * Writes values into a worksheet's XML the way another program would: inline strings and plain
 * numbers, rows created or completed in place, keeping each existing cell's style.
 */
function setCells(xml: string, values: Record<string, Value>): string {
  const byRow = new Map<number, Map<string, Value>>();
  for (const [ref, v] of Object.entries(values)) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) throw new Error(ref);
    const row = Number(m[2]);
    if (!byRow.has(row)) byRow.set(row, new Map());
    byRow.get(row)?.set(m[1] as string, v);
  }
  let out = xml.replace("<sheetData/>", "<sheetData></sheetData>");
  for (const [r, cells] of [...byRow].sort((a, b) => a[0] - b[0])) {
    const rowRe = new RegExp(`<row r="${r}"([^>]*?)(?:/>|>([\\s\\S]*?)</row>)`);
    const found = rowRe.exec(out);
    const existing = new Map<string, string>();
    let attrs = "";
    if (found) {
      attrs = (found[1] ?? "").replace(/\s*spans="[^"]*"/, "");
      const cellRe = /<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/g;
      for (const c of (found[2] ?? "").matchAll(cellRe)) existing.set(c[1] as string, c[0]);
    }
    for (const [col, v] of cells) {
      const style = / s="\d+"/.exec(existing.get(col) ?? "")?.[0] ?? "";
      existing.set(col, cellXml(`${col}${r}`, v, style));
    }
    const body = [...existing]
      .sort((a, b) => colIndex(a[0]) - colIndex(b[0]))
      .map(([, c]) => c)
      .join("");
    const row = `<row r="${r}"${attrs}>${body}</row>`;
    if (found) {
      out = out.replace(found[0], row);
    } else {
      const later = [...out.matchAll(/<row r="(\d+)"/g)].find((m) => Number(m[1]) > r);
      out = later
        ? `${out.slice(0, later.index)}${row}${out.slice(later.index)}`
        : out.replace("</sheetData>", `${row}</sheetData>`);
    }
  }
  return out;
}

/** The path of each sheet's XML part, by sheet name. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const parts = new Map<string, string>();
  for (const s of workbook.matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const target = new RegExp(
      `Id="${s[2]}"[^>]*?Target="([^"]+)"|Target="([^"]+)"[^>]*?Id="${s[2]}"`,
    )
      .exec(rels)
      ?.slice(1)
      .find(Boolean);
    if (target) parts.set(s[1] as string, `xl/${target.replace(/^\/?xl\//, "")}`);
  }
  return parts;
}

async function fillXlsx(bytes: Buffer, sheets: Record<string, Record<string, Value>>) {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await sheetParts(zip);
  for (const [name, values] of Object.entries(sheets)) {
    const part = parts.get(name);
    if (!part) throw new Error(`no sheet ${name}`);
    const xml = (await zip.file(part)?.async("string")) ?? "";
    zip.file(part, setCells(xml, values));
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** LibreOffice opens the file and saves it again as .xlsx, with its own writer. */
function libreOfficeResave(file: string): string {
  const out = tmp();
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${join(out, "profile")}`,
      "--headless",
      "--convert-to",
      "xlsx",
      "--outdir",
      out,
      file,
    ],
    { stdio: "ignore", timeout: 90_000 },
  );
  return join(out, basename(file));
}

// --- rows a group would enter, picked from the template's own lists ------------------------------

function pick(config: Config, lang: Lang, list: string, name: string): string {
  const item = templateLists(config, lang)
    .find((l) => l.name === list)
    ?.items.find((i) => i.name === name);
  if (!item) throw new Error(`${list}/${name}`);
  return item.label;
}

/** One row per kind, by field id (and `year:2024` for the calendar and cost columns). */
function sampleRows(config: Config, lang: Lang): Record<Kind, Record<string, Value>> {
  const p = (list: string, name: string) => pick(config, lang, list, name);
  return {
    bilan: {
      axe: p("axe_plan_evalue", "PROT"),
      code_activite: "2.1.1",
      activite: "Former les magistrats à la loi n°2012-023",
      responsable: "Ministère de la Justice",
      indicateur: "Nombre de magistrats formés",
      cible: "200",
      resultat: "120 magistrats formés",
      statut: p("statut", "partiel"),
      taux_realisation: 60,
      budget_prevu: 25000000,
      budget_execute: 15000000,
      source_financement: "Budget national",
      difficultes: "Retard de décaissement",
      hors_plan: p("oui_non", "non"),
      observations: "Formation à Kayes & Sikasso",
    },
    constats: {
      axe: p("axe_plan_evalue", "POUR"),
      type: p("type", "faiblesse"),
      constat: "Faible coordination entre les acteurs de la chaîne pénale",
      code_activite: "3.1.2",
      preuve: "Rapport 2022",
      recommandation: "Créer un cadre de concertation",
    },
    propositions: {
      axe: p("axe_nouveau_plan", "PROT"),
      objectif: "Renforcer la prise en charge des victimes",
      action: "Créer deux centres d'accueil",
      indicateur: "Nombre de centres ouverts",
      responsable: "Ministère de la Promotion de la Femme",
      partenaires: "OIM; UNICEF",
      "calendrier:2024": "X",
      "calendrier:2025": "X",
      cout: 60000000,
      priorite: p("priorite", "haute"),
      nature: p("nature", "nouvelle"),
      "cout_annuel:2024": 30000000,
      "cout_annuel:2025": 30000000,
    },
  };
}

/** The value cell of a metadata field on the Identification sheet, found by its label. */
function identificationCell(config: Config, lang: Lang, id: string): string {
  const ws = buildTemplate({ lang, config }).getWorksheet("Identification");
  const label = metadataFields.find((f) => f.id === id)?.[lang];
  let ref = "";
  ws?.eachRow((row, n) => {
    if (row.getCell(1).value === label) ref = `B${n}`;
  });
  return ref;
}

function keyOf(c: TemplateColumn): string {
  return c.role === "field" ? c.field.id : `${c.field.id}:${c.year}`;
}

/** Cell references of one row of values in a kind sheet, from the template's own columns. */
function rowCells(columns: TemplateColumn[], row: number, values: Record<string, Value>) {
  const cells: Record<string, Value> = {};
  columns.forEach((c, i) => {
    const v = values[keyOf(c)];
    if (v !== undefined) cells[`${columnLetter(i)}${row}`] = v;
  });
  return cells;
}

function letterOf(columns: TemplateColumn[], key: string): string {
  return columnLetter(columns.findIndex((c) => keyOf(c) === key));
}

/** The typed rows read back from a file, by kind. */
function readBack(result: ValidationResult) {
  const out: Partial<Record<Kind, Record<string, unknown>[]>> = {};
  for (const { kind, records } of result.files[0]?.tables ?? []) {
    if (kind === "reference" || kind === "resolutions") continue;
    out[kind] = records.map((r) => r.values);
  }
  return out;
}

/** What `atelier validate` finds in these paths. */
async function validatePaths(paths: string[]): Promise<ValidationResult> {
  return (await validateFiles(paths)).validation;
}

const EXPECTED = {
  bilan: {
    axe: "PROT",
    code_activite: "2.1.1",
    statut: "partiel",
    taux_realisation: 60,
    budget_prevu: 25000000,
    budget_execute: 15000000,
    hors_plan: false,
  },
  constats: { axe: "POUR", type: "faiblesse", code_activite: "3.1.2" },
  propositions: {
    axe: "PROT",
    calendrier: [2024, 2025],
    cout: 60000000,
    priorite: "haute",
    nature: "nouvelle",
    partenaires: ["OIM", "UNICEF"],
    cout_annuel: { "2024": 30000000, "2025": 30000000 },
  },
};

// --- the tests ----------------------------------------------------------------------------------

describe("template round trip: filled by other programs, validated clean", () => {
  it.each(["fr", "en"] as const)(
    "%s: rows typed into the sheet XML, re-saved by LibreOffice, validate with no problem",
    async (lang) => {
      const dir = tmp();
      const config = defaultConfig(dir);
      const blank = await templateXlsx({ lang, config, groupe: "Groupe 2", session: "J1" });
      const rows = sampleRows(config, lang);
      const at = (id: string) => identificationCell(config, lang, id);
      const sheets: Record<string, Record<string, Value>> = {
        Identification: {
          [at("structure")]: "Direction nationale de la Justice",
          [at("rapporteur")]: "Chef de division",
          [at("date")]: "18/07/2023",
          [at("membres")]: "Direction nationale du développement social\nOIM ; ONUDC",
        },
      };
      for (const kind of KIND_NAMES) {
        sheets[SHEETS[lang][kind]] = rowCells(templateColumns(kind, lang, config), 2, rows[kind]);
      }
      const filled = join(dir, "groupe-2.xlsx");
      writeFileSync(filled, await fillXlsx(blank, sheets));
      const saved = libreOfficeResave(filled);

      const result = await validatePaths([saved]);
      expect(result.files[0]?.issues).toEqual([]);
      expect(result.summary).toMatchObject({
        files: 1,
        rows: 3,
        accepted: 3,
        errors: 0,
        warnings: 0,
      });
      expect(result.files[0]?.meta).toEqual({
        groupe: "Groupe 2",
        session: "J1",
        structure: "Direction nationale de la Justice",
        rapporteur: "Chef de division",
        date: "2023-07-18",
        membres: "Direction nationale du développement social ; OIM ; ONUDC",
      });
      const back = readBack(result);
      for (const kind of KIND_NAMES) {
        expect(back[kind]).toHaveLength(1);
        expect(back[kind]?.[0]).toMatchObject(EXPECTED[kind]);
      }
      expect(back.bilan?.[0]?.observations).toBe("Formation à Kayes & Sikasso");

      // The CLI says the same, and LibreOffice kept the dropdowns and the hidden list sheet.
      expect((await run("validate", saved, "--strict")).code).toBe(0);
      const zip = await JSZip.loadAsync(readFileSync(saved));
      const parts = await sheetParts(zip);
      const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
      expect(workbook).toMatch(/<sheet [^>]*name="Listes"[^>]*state="hidden"/);
      const bilanXml = (await zip.file(parts.get(SHEETS[lang].bilan) ?? "")?.async("string")) ?? "";
      expect(bilanXml).toMatch(/<formula1>\$?Listes!\$C\$\d+:\$C\$\d+<\/formula1>/);
    },
    120_000,
  );

  it("a header-only CSV template, completed by plain text, validates with no problem", async () => {
    const config = defaultConfig(tmp());
    const files: Record<string, string> = {};
    for (const kind of KIND_NAMES) {
      const columns = templateColumns(kind, "fr", config);
      const values = sampleRows(config, "fr")[kind];
      const line = columns
        .map((c) => {
          const v = values[keyOf(c)];
          return v === undefined ? "" : String(v).includes(";") ? `"${v}"` : String(v);
        })
        .join(";");
      // Checked on their own (no session folder): a CSV template has no place for the group.
      files[`${kind}.csv`] = `${templateCsv(kind, "fr", config)}${line}\r\n`;
    }
    const dir = workshop(files);
    const result = await validatePaths([dir]);
    expect(result.files.flatMap((f) => f.issues)).toEqual([]);
    expect(result.summary).toMatchObject({
      files: 3,
      rows: 3,
      accepted: 3,
      errors: 0,
      warnings: 0,
    });
    for (const f of result.files) {
      const kind = f.sheets[0]?.kind as Kind;
      expect(f.path.endsWith(`${kind}.csv`)).toBe(true);
      expect(f.tables[0]?.records[0]?.values).toMatchObject(EXPECTED[kind]);
    }
  });

  it("a value typed outside a dropdown is reported with the allowed values", async () => {
    const dir = tmp();
    const config = defaultConfig(dir);
    const columns = templateColumns("bilan", "fr", config);
    const values = { ...sampleRows(config, "fr").bilan, statut: "Terminé à moitié" };
    const file = join(dir, "groupe-3.xlsx");
    writeFileSync(
      file,
      await fillXlsx(await templateXlsx({ lang: "fr", config }), {
        Bilan: rowCells(columns, 2, values),
      }),
    );
    const result = await validatePaths([file]);
    const problems = result.files[0]?.issues.filter((i) => i.severity === "error") ?? [];
    expect(problems.map((i) => [i.code, i.sheet, `${i.column}${i.row}`, i.value])).toEqual([
      ["invalid-value", "Bilan", `${letterOf(columns, "statut")}2`, "Terminé à moitié"],
    ]);
    const allowed = KINDS.bilan.find((f) => f.id === "statut")?.values?.map((v) => v.fr) ?? [];
    expect(problems[0] && hintOf(problems[0], "fr")).toContain(
      `Valeurs autorisées : ${allowed.join(", ")}`,
    );
    expect((await run("validate", file)).code).toBe(1);
  });
});

describe("template XML", () => {
  const config = defaultConfig(tmpdir());

  async function parts(lang: Lang) {
    const zip = await JSZip.loadAsync(await templateXlsx({ lang, config }));
    const names = await sheetParts(zip);
    const text = async (path: string) => (await zip.file(path)?.async("string")) ?? "";
    return { zip, names, text };
  }

  it("has the sheets in order, with Listes hidden, and is byte-for-byte reproducible", async () => {
    const { text } = await parts("fr");
    const workbook = await text("xl/workbook.xml");
    const sheets = [...workbook.matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?state="(\w+)"/g)].map(
      (m) => [m[1], m[2]],
    );
    expect(sheets).toEqual([
      ["Instructions", "visible"],
      ["Identification", "visible"],
      ["Bilan", "visible"],
      ["Constats", "visible"],
      ["Propositions", "visible"],
      ["Listes", "hidden"],
    ]);
    const a = await templateXlsx({ lang: "fr", config });
    const b = await templateXlsx({ lang: "fr", config });
    expect(a.equals(b)).toBe(true);
  });

  it("gives every kind column an input message, dropdowns as ranges on Listes, checks on numbers", async () => {
    const { names, text } = await parts("fr");
    const wb = buildTemplate({ lang: "fr", config });
    const listes = wb.getWorksheet("Listes");
    expect(listes?.getRow(1).values).toEqual([undefined, "list_name", "name", "label"]);
    const labelsAt = (formula: string) => {
      const [, first, last] = /\$C\$(\d+):\$C\$(\d+)$/.exec(formula) ?? [];
      const out: string[] = [];
      for (let r = Number(first); r <= Number(last); r++) {
        out.push(String(listes?.getRow(r).getCell(3).value));
      }
      return out;
    };
    for (const kind of KIND_NAMES) {
      const xml = await text(names.get(SHEETS.fr[kind]) ?? "");
      const columns = templateColumns(kind, "fr", config);
      const validations = [
        ...xml.matchAll(/<dataValidation ([^>]*?)(?:\/>|>([\s\S]*?)<\/dataValidation>)/g),
      ].map((m) => ({
        attrs: m[1] ?? "",
        sqref: /sqref="([A-Z]+)2:\1\d+"/.exec(m[1] ?? "")?.[1],
        formulas: [...(m[2] ?? "").matchAll(/<formula\d>([^<]*)<\/formula\d>/g)].map((f) => f[1]),
      }));
      const byColumn = new Map(validations.map((v) => [v.sqref, v]));
      columns.forEach((c, i) => {
        const v = byColumn.get(columnLetter(i));
        expect(v, `${kind} ${c.header}`).toBeDefined();
        expect(v?.attrs).toContain('showInputMessage="1"');
        expect(v?.attrs).toMatch(/promptTitle="[^"]+"/);
        expect(v?.attrs).toMatch(/prompt="[^"]+"/);
        if (c.list) {
          expect(v?.attrs).toContain('type="list"');
          expect(v?.formulas[0]).toMatch(/^Listes!\$C\$\d+:\$C\$\d+$/);
          const list = templateLists(config, "fr").find((l) => l.name === c.list);
          expect(labelsAt(v?.formulas[0] ?? "")).toEqual(list?.items.map((x) => x.label));
        } else if (c.field.type === "amount" || c.role === "yearAmount") {
          expect(v?.attrs).toContain('type="whole"');
          expect(v?.attrs).toContain('operator="greaterThanOrEqual"');
          expect(v?.formulas).toEqual(["0"]);
        } else if (c.field.type === "percent") {
          expect(v?.attrs).toContain('type="decimal"');
          expect(v?.formulas).toEqual(["0", "100"]);
        }
      });
      expect(xml).toContain('state="frozen"');
      // Every header cell carries its help text as a comment, in the sheet's comments part.
      const rels = await text(
        `xl/worksheets/_rels/${names.get(SHEETS.fr[kind])?.split("/").pop()}.rels`,
      );
      const commentsPart = /Target="\.\.\/(comments\d+\.xml)"/.exec(rels)?.[1];
      const comments = await text(`xl/${commentsPart}`);
      expect(comments.match(/<comment ref="[A-Z]+1"/g)).toHaveLength(columns.length);
      const header = wb.getWorksheet(SHEETS.fr[kind])?.getRow(1);
      columns.forEach((c, i) => {
        const note = header?.getCell(i + 1).note;
        const text = typeof note === "string" ? note : "";
        expect(text).toContain(c.role === "calendarYear" ? String(c.year) : c.field.help.fr);
      });
    }
    // Formats as Excel reads them back: amounts grouped by the locale's separator (`# ##0` would
    // group 25000000 as `25000 000`), codes as text, and no `%` format on the rate: a rate typed
    // 75 must stay 75.
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await templateXlsx({ lang: "fr", config })) as unknown as ArrayBuffer);
    const bilan = back.getWorksheet("Bilan");
    const columns = templateColumns("bilan", "fr", config);
    const fmt = (id: string) => bilan?.getColumn(letterOf(columns, id)).numFmt;
    expect([fmt("budget_prevu"), fmt("budget_execute"), fmt("code_activite")]).toEqual([
      "#,##0",
      "#,##0",
      "@",
    ]);
    expect(fmt("taux_realisation") ?? "").not.toContain("%");
  });

  it("marks required headers with * and puts the header on row 1", () => {
    const wb = buildTemplate({ lang: "en", config });
    for (const kind of KIND_NAMES) {
      const ws = wb.getWorksheet(SHEETS.en[kind]);
      const headers = ((ws?.getRow(1).values ?? []) as unknown[]).slice(1);
      expect(headers).toEqual(templateColumns(kind, "en", config).map((c) => c.header));
      for (const f of KINDS[kind]) {
        if (f.type === "calendar" || f.type === "yearAmounts") continue;
        expect(headers).toContain(f.required ? `${f.en} *` : f.en);
      }
    }
  });
});

describe("blank templates validate", () => {
  it.each(["fr", "en"] as const)(
    "%s: every kind sheet is found, no row is read, no error",
    async (lang) => {
      const dir = tmp();
      const file = join(dir, `modele-${lang}.xlsx`);
      writeFileSync(file, await templateXlsx({ lang, config: defaultConfig(dir) }));
      const result = await validatePaths([file]);
      const sheets = result.files[0]?.sheets ?? [];
      expect(sheets.map((s) => [s.name, s.kind, s.headerRow, s.rows])).toEqual(
        KIND_NAMES.map((k) => [SHEETS[lang][k], k, 1, 0]),
      );
      expect(result.summary.errors).toBe(0);
      // An untouched kind sheet is at most a `no-data` warning (documented in the README catalog).
      expect(result.files[0]?.issues.every((i) => i.code === "no-data")).toBe(true);
      expect((await run("validate", file)).code).toBe(0);
    },
  );

  it.each(KIND_NAMES)(
    "the %s CSV is UTF-8 with BOM, `;`, CRLF, header only, and is read as its kind",
    async (kind) => {
      const csv = templateCsv(kind, "fr");
      expect(csv.startsWith("\uFEFF")).toBe(true);
      expect(csv.endsWith("\r\n")).toBe(true);
      expect(csv.split("\r\n")).toHaveLength(2);
      expect(csv.slice(1, -2).split(";")).toEqual(
        templateColumns(kind, "fr", defaultConfig(tmpdir())).map((c) => c.header),
      );
      const dir = workshop({ [`${kind}.csv`]: csv });
      const result = await validatePaths([dir]);
      expect(result.files[0]?.sheets.map((s) => [s.kind, s.headerRow, s.rows])).toEqual([
        [kind, 1, 0],
      ]);
      expect(result.summary.errors).toBe(0);
    },
  );
});

describe("template prefilled from the reference plan", () => {
  const PLAN = [
    "Code activité;Axe;Activité;Structure responsable;Budget prévu (FCFA)",
    "1.1.1;1;Sensibiliser les communautés;CNLTP;10 000 000",
    "2.1.1;Axe 2;Assister les victimes;Ministère de la Promotion de la Femme;25 000 000",
    "3.1.2;POUR;Former les magistrats;Ministère de la Justice;",
  ].join("\r\n");

  async function setup() {
    const dir = workshop({
      "atelier.config.json": JSON.stringify({ reference: "plan.csv" }),
      "plan.csv": `${PLAN}\r\n`,
    });
    const config = loadConfig(join(dir, "atelier.config.json"));
    const activities = (await loadReference(config, dir))?.activities ?? [];
    return { dir, config, activities };
  }

  it("reads the plan under the workshop's own limits, as compile does", async () => {
    const dir = workshop({
      "atelier.config.json": JSON.stringify({ reference: "plan.csv", limits: { maxRows: 3 } }),
      "plan.csv": `${PLAN}\r\n`,
    });
    const plan = await loadReference(loadConfig(join(dir, "atelier.config.json")), dir);
    expect(plan?.activities.map((a) => a.code_activite)).toEqual(["1.1.1", "2.1.1"]);
    expect(flatten(plan?.report.issues ?? [], ["code", "row"])).toEqual([
      ["too-many-rows", undefined],
    ]);
  });

  it("lists every activity of the plan in the Bilan sheet, which reads back to the plan", async () => {
    const { dir, config, activities } = await setup();
    expect(activities.map((a) => [a.code_activite, a.axe, a.budget_prevu])).toEqual([
      ["1.1.1", "PREV", 10000000],
      ["2.1.1", "PROT", 25000000],
      ["3.1.2", "POUR", null],
    ]);
    const file = join(dir, "J1", "groupe-1.xlsx");
    const bytes = await templateXlsx({ kind: "bilan", lang: "fr", config, reference: activities });
    mkdirSync(join(dir, "J1"));
    writeFileSync(file, bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const bilan = wb.getWorksheet("Bilan");
    const columns = templateColumns("bilan", "fr", config, true);
    const at = (row: number, id: string) => bilan?.getCell(`${letterOf(columns, id)}${row}`).value;
    expect(
      [2, 3, 4].map((r) => [at(r, "code_activite"), at(r, "activite"), at(r, "statut")]),
    ).toEqual([
      ["1.1.1", "Sensibiliser les communautés", null],
      ["2.1.1", "Assister les victimes", null],
      ["3.1.2", "Former les magistrats", null],
    ]);
    expect(at(3, "axe")).toBe(pick(config, "fr", "axe_plan_evalue", "PROT"));
    expect(at(3, "responsable")).toBe("Ministère de la Promotion de la Femme");
    expect(at(3, "budget_prevu")).toBe(25000000);
    expect(bilan?.rowCount).toBe(4);
    // Codes are offered from the plan in a dropdown of its own.
    expect(
      templateLists(config, "fr", activities).find((l) => l.name === "activite")?.items,
    ).toHaveLength(3);

    // The group fills the statuses only: the prefilled values read back as the plan's.
    const statut = letterOf(columns, "statut");
    const filled = await fillXlsx(bytes, {
      // The group's name, on the Identification sheet where the template asks for it.
      Identification: { B4: "Groupe 1" },
      Bilan: {
        [`${statut}2`]: pick(config, "fr", "statut", "realise"),
        [`${statut}3`]: pick(config, "fr", "statut", "en_cours"),
        [`${statut}4`]: pick(config, "fr", "statut", "non_realise"),
      },
    });
    writeFileSync(file, filled);
    const result = await validatePaths([file]);
    const submission = result.files.find((f) => f.path.endsWith("groupe-1.xlsx"));
    expect(submission?.issues).toEqual([]);
    const rows = submission?.tables[0]?.records.map((r) => [
      r.values.code_activite,
      r.values.axe,
      r.values.activite,
      r.values.budget_prevu,
      r.values.statut,
    ]);
    expect(rows).toEqual([
      ["1.1.1", "PREV", "Sensibiliser les communautés", 10000000, "realise"],
      ["2.1.1", "PROT", "Assister les victimes", 25000000, "en_cours"],
      ["3.1.2", "POUR", "Former les magistrats", null, "non_realise"],
    ]);
  });
});

describe("schema outputs", () => {
  const config = defaultConfig(tmpdir());

  it("JSON Schema: one per kind, a property for every field, the required ones required", () => {
    const json = JSON.parse(JSON.stringify(schemaJson(config)));
    for (const kind of KIND_NAMES) {
      const s = json[kind];
      expect(s.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(Object.keys(s.properties)).toEqual(KINDS[kind].map((f) => f.id));
      // Every key is present in a typed row; an optional field may be null, a required one not.
      for (const f of KINDS[kind]) {
        const nullable = /"type":(?:"null"|\[[^\]]*"null")/.test(
          JSON.stringify(s.properties[f.id]),
        );
        expect(nullable, f.id).toBe(!f.required);
      }
      for (const f of KINDS[kind]) expect(s.properties[f.id].description).toBe(f.help.fr);
    }
    expect(json.bilan.properties.axe.enum).toEqual(config.review.axes.map((a) => a.code));
    expect(
      json.bilan.properties.statut.anyOf?.[0]?.enum ?? json.bilan.properties.statut.enum,
    ).toEqual(KINDS.bilan.find((f) => f.id === "statut")?.values?.map((v) => v.id));
  });

  it("Table Schema: the registry's columns, a valid Frictionless schema", async () => {
    const schemas = tableSchema(config);
    expect(schemas.bilan.fields.map((f) => f.name)).toEqual(KINDS.bilan.map((f) => f.id));
    const years: number[] = [];
    for (let y = config.plan.from; y <= config.plan.to; y++) years.push(y);
    expect(schemas.propositions.fields.map((f) => f.name).slice(-years.length)).toEqual(
      years.map((y) => `cout_annuel_${y}`),
    );
    const { Package } = (await import("datapackage")).default;
    const pkg = await Package.load({
      profile: "tabular-data-package",
      resources: KIND_NAMES.map((k) => ({
        name: k,
        profile: "tabular-data-resource",
        data: [schemas[k].fields.map((f) => f.name)],
        schema: schemas[k],
      })),
    });
    expect(pkg.errors).toEqual([]);
    expect(pkg.valid).toBe(true);
  });

  it("Markdown: the README's field reference", () => {
    expect(schemaMarkdown()).toBe(fieldsMarkdown());
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain(schemaMarkdown());
  });
});

describe("initWorkshop", () => {
  it("scaffolds config, templates, sessions and README, then refuses to overwrite", async () => {
    const dir = join(tmp(), "atelier-juillet");
    const result = await initWorkshop(dir, "fr");
    expect(result.written).toEqual([
      "atelier.config.json",
      "atelier.config.schema.json",
      "README.md",
      "modeles/modele.xlsx",
      "modeles/bilan.csv",
      "modeles/constats.csv",
      "modeles/propositions.csv",
      "J1/",
      "J2/",
      "J3/",
    ]);
    for (const f of result.written) expect(existsSync(join(dir, f))).toBe(true);
    const config = loadConfig(join(dir, "atelier.config.json"));
    expect(config.sessions).toEqual(["J1", "J2", "J3"]);
    expect(config.language).toBe("fr");
    expect(readFileSync(join(dir, "modeles", "bilan.csv"), "utf8")).toBe(
      templateCsv("bilan", "fr", config),
    );
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    expect(readme).toContain("`reference`");
    // The workflow as it is: one prefilled workbook per group and session, then compile.
    const steps = readme.slice(readme.indexOf("Dossier de l'atelier"), readme.indexOf("## Config"));
    expect(steps.split("\n")).toEqual([
      "Dossier de l'atelier, préparé par `atelier init`. Il contient :",
      "",
      "- `atelier.config.json` : la configuration de l'atelier (voir plus bas) ;",
      "- `atelier.config.schema.json` : sa description (JSON Schema), que sa clé `$schema` désigne : VS Code",
      "  y complète les clés et souligne une clé mal écrite ou une valeur d'un mauvais type, sans réseau ;",
      "- `modeles/modele.xlsx` : le classeur vierge (feuilles Instructions, Identification,",
      "  Bilan, Constats, Propositions) ;",
      "- `modeles/bilan.csv`, `modeles/constats.csv`, `modeles/propositions.csv` : les mêmes colonnes en CSV ;",
      "- `J1/`, `J2/`, `J3/` : un dossier par session, où ranger les fichiers des groupes.",
      "",
      "## Déroulement",
      "",
      '1. `atelier template --groupes "Groupe 1,Groupe 2,…"` écrit un classeur prérempli par groupe et par',
      "   session dans les dossiers des sessions (`J1/Groupe 1.xlsx`…) : remettez-le au groupe.",
      "2. Après chaque session, copiez les fichiers des groupes dans le dossier de la session, puis lancez",
      "   `atelier compile .`.",
      "3. Lisez le terminal : les premiers problèmes de chaque fichier, à leur cellule (`Bilan!D12`), avec",
      "   la correction ; `atelier compile . --all` les montre tous.",
      "4. Rendez à chaque groupe `sortie/retours/<groupe>.xlsx` : ses problèmes à corriger.",
      "5. Tranchez les divergences : remplissez `sortie/arbitrages-a-faire.xlsx` et enregistrez-le sous",
      "   `resolutions.xlsx` dans le dossier de l'atelier ; la compilation suivante l'applique.",
      "6. À la fin : `atelier report --format docx,html,pdf` écrit le rapport (Word, HTML, PDF) et",
      "   `atelier matrix` la matrice d'actions, dans `sortie/`.",
      "",
      "",
    ]);
    expect(readme).not.toContain("copiez `modeles/modele.xlsx`");

    const before = readdirSync(dir).sort();
    await expect(initWorkshop(dir, "fr")).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof AppError &&
        e.code === "OUTPUT_NOT_WRITABLE" &&
        e.fr.includes("atelier.config.json"),
    );
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it("writes the column notes with the language's own punctuation", () => {
    const notes = (lang: Lang) => {
      const ws = buildTemplate({ kind: "bilan", lang, config: defaultConfig("/tmp") }).getWorksheet(
        SHEETS[lang].bilan,
      );
      return String(ws?.getCell("A1").note);
    };
    expect(notes("fr")).toContain("Valeurs autorisées : ");
    expect(notes("en")).toContain("Allowed values: ");
  });

  it("writes its README in the language asked for", async () => {
    const dir = join(tmp(), "workshop");
    await initWorkshop(dir, "en");
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    expect(readme).toContain("Workshop folder, prepared by `atelier init`.");
    const steps = readme.slice(readme.indexOf("## How it goes"), readme.indexOf("## Config"));
    expect(steps.split("\n")).toEqual([
      "## How it goes",
      "",
      '1. `atelier template --groupes "Group 1,Group 2,…"` writes one prefilled workbook per group and',
      "   session into the session folders (`J1/Group 1.xlsx`…): hand it to the group.",
      "2. After each session, copy the groups' files into the session's folder, then run",
      "   `atelier compile .`.",
      "3. Read the terminal: the first problems of each file, at their cell (`Assessment!D12`), with the",
      "   fix; `atelier compile . --all` shows them all.",
      "4. Hand each group `sortie/retours/<groupe>.xlsx` back: its problems to correct.",
      "5. Decide the divergences: fill in `sortie/arbitrages-a-faire.xlsx` and save it as",
      "   `resolutions.xlsx` in the workshop folder; the next compile applies it.",
      "6. At the end: `atelier report --format docx,html,pdf` writes the report (Word, HTML, PDF) and",
      "   `atelier matrix` the action matrix, into `sortie/`.",
      "",
      "",
    ]);
    expect(readme).toContain("| `sessions` | order of the sessions, and names of their folders |");
    expect(readme).not.toContain("Dossier de l'atelier");
  });

  it("compiles fresh: refused like validate, nothing to read yet, nothing written", async () => {
    const dir = join(tmp(), "atelier");
    await initWorkshop(dir, "fr");
    // Issue 14: a workshop with no group's file yet is refused (exit 2 in the CLI), not compiled.
    await expect(compileWorkshop(dir)).rejects.toMatchObject({
      code: "NO_SUBMISSION",
      fr: expect.stringMatching(
        /^Aucun classeur \(\.xlsx, \.xls, \.ods\) ni fichier \.csv à lire dans .*atelier /,
      ),
    });
    expect(existsSync(join(dir, "sortie"))).toBe(false);
  });
});

describe("template --groupes", () => {
  it("writes one prefilled workbook per group and session into the session folders", async () => {
    const dir = join(tmp(), "atelier");
    await initWorkshop(dir, "fr");
    const configFile = join(dir, "atelier.config.json");
    const r = await run(
      "template",
      "--config",
      configFile,
      "--groupes",
      "Groupe 1; Groupe 2",
      "--sessions",
      "J1,J3",
    );
    expect(r).toMatchObject({ code: 0, err: "" });
    const shown = relative(".", dir).split(sep).join("/");
    expect(r.out).toBe(
      `Écrit dans ${shown} :\n    J1/Groupe 1.xlsx, J1/Groupe 2.xlsx, J3/Groupe 1.xlsx, J3/Groupe 2.xlsx\n`,
    );
    expect(readdirSync(join(dir, "J2"))).toEqual([]);
    // Each is the template with its group and session filled in, byte for byte.
    const config = loadConfig(configFile);
    const expected = await templateXlsx({ lang: "fr", config, groupe: "Groupe 2", session: "J3" });
    expect(readFileSync(join(dir, "J3", "Groupe 2.xlsx")).equals(expected)).toBe(true);
    // The Bilan sheet prints one page wide, landscape, its header on every page.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(expected as unknown as ArrayBuffer);
    const bilan = wb.getWorksheet("Bilan");
    expect(bilan?.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:1",
    });
  });

  it("writes nothing when one file exists, with the advice that fits --groupes", async () => {
    const dir = join(tmp(), "atelier");
    await initWorkshop(dir, "fr");
    const configFile = join(dir, "atelier.config.json");
    writeFileSync(join(dir, "J2", "Groupe 2.xlsx"), "saisi par le groupe");
    const shown = relative(".", dir).split(sep).join("/");
    const r = await run("template", "--config", configFile, "--groupes", "Groupe 1,Groupe 2");
    expect(r).toEqual({
      code: 2,
      out: "",
      err: `atelier : ${shown}/J2/Groupe 2.xlsx existe déjà : atelier n'écrase jamais la fiche d'un groupe ; retirez ce groupe de --groupes ou cette session de --sessions, ou supprimez le fichier s'il est vierge.\n`,
    });
    expect(readdirSync(join(dir, "J1"))).toEqual([]);
    expect(readFileSync(join(dir, "J2", "Groupe 2.xlsx"), "utf8")).toBe("saisi par le groupe");
    const en = await run(
      "template",
      ...["--config", configFile, "--lang", "en", "--groupes", "Groupe 2", "--sessions", "J2"],
    );
    expect(en.err).toBe(
      `atelier: ${shown}/J2/Groupe 2.xlsx already exists: atelier never overwrites a group's sheet; remove this group from --groupes or this session from --sessions, or delete the file if it is blank.\n`,
    );
    // A file where a session's folder goes: said before any file is written.
    writeFileSync(join(dir, "J4"), "");
    const blocked = await run(
      "template",
      ...["--config", configFile, "--groupes", "Groupe 1", "--sessions", "J1,J4"],
    );
    expect(blocked).toEqual({
      code: 2,
      out: "",
      err: `atelier : Impossible d'écrire ${shown}/J4 (un élément du chemin est un fichier, pas un dossier).\n`,
    });
    expect(readdirSync(join(dir, "J1"))).toEqual([]);
  });

  /**
   * Runs `template` in a new workshop, checks that it wrote nothing; returns its exit code, what it
   * printed, and its message: the first line of what it printed on stderr (a pointer to the help
   * follows a usage error).
   */
  async function refused(...args: string[]) {
    const root = tmp();
    const dir = join(root, "atelier");
    await initWorkshop(dir, "fr");
    const before = listing(root);
    const r = await run("template", "--config", join(dir, "atelier.config.json"), ...args);
    expect(listing(root)).toEqual(before);
    return { code: r.code, out: r.out, err: r.err.split("\n")[0] };
  }

  /** Every file and folder under `dir`, with `/`. */
  function listing(dir: string): string[] {
    return readdirSync(dir, { recursive: true, encoding: "utf8" })
      .map((p) => p.split(sep).join("/"))
      .sort();
  }

  it("refuses a session that is not a folder directly in the workshop, naming it", async () => {
    const why = (session: string, reason: string) =>
      `atelier : La session « ${session} » ne peut pas être un dossier de l'atelier : ${reason}. Une session est un dossier directement dans le dossier de l'atelier (ex. J1).`;
    const cases: [string, string][] = [
      ["../evil", "/ et \\ séparent les dossiers d'un chemin"],
      ["..", "« . » et « .. » désignent le dossier courant et le dossier parent"],
      [".", "« . » et « .. » désignent le dossier courant et le dossier parent"],
      ["a/b", "/ et \\ séparent les dossiers d'un chemin"],
      ["a\\b", "/ et \\ séparent les dossiers d'un chemin"],
      ["J\u00011", "elle contient un caractère invisible"],
      ["CON", "CON est un nom réservé par Windows"],
      ["nul", "NUL est un nom réservé par Windows"],
      ["COM1", "COM1 est un nom réservé par Windows"],
      ["J1.", "Windows refuse un point ou une espace à la fin d'un nom de dossier"],
      ["J:1", 'Windows refuse « : » dans un nom de dossier (ni : * ? " < > |)'],
      ["J?1", 'Windows refuse « ? » dans un nom de dossier (ni : * ? " < > |)'],
      ["J<1>", 'Windows refuse « < », « > » dans un nom de dossier (ni : * ? " < > |)'],
      [".J1", "un nom qui commence par un point est caché, et atelier compile ne le lirait pas"],
      [
        "modeles",
        "atelier compile ne lirait pas les fiches de ce dossier (modèles, résultats, ou nom de classeur)",
      ],
      [
        "Sortie",
        "atelier compile ne lirait pas les fiches de ce dossier (modèles, résultats, ou nom de classeur)",
      ],
      [
        "J1.xlsx",
        "atelier compile ne lirait pas les fiches de ce dossier (modèles, résultats, ou nom de classeur)",
      ],
    ];
    for (const [session, reason] of cases) {
      const shown = session.replace("\u0001", "\\u0001");
      expect(await refused("--groupes", "G1", "--sessions", `J1,${session}`)).toEqual({
        code: 2,
        out: "",
        err: why(shown, reason),
      });
    }
    // Nothing was written outside the workshop either.
    const root = tmp();
    const dir = join(root, "atelier");
    await initWorkshop(dir, "fr");
    const evil = await run(
      "template",
      ...["--config", join(dir, "atelier.config.json"), "-o", dir, "--groupes", "G1"],
      ...["--sessions", "../evil"],
    );
    expect(evil.code).toBe(2);
    expect(existsSync(join(root, "evil"))).toBe(false);
    expect(readdirSync(root)).toEqual(["atelier"]);
    const en = await refused("--lang", "en", "--groupes", "G1", "--sessions", "../evil");
    expect(en.err).toBe(
      "atelier: The session “../evil” cannot be a folder of the workshop: / and \\ separate the folders of a path. A session is a folder directly in the workshop folder (e.g. J1).",
    );
  });

  it("refuses two names compile takes for one group, or one session, naming both", async () => {
    expect(await refused("--groupes", "Groupe 1,groupe-1", "--sessions", "J1")).toEqual({
      code: 2,
      out: "",
      err: "atelier : --groupes : « Groupe 1 » et « groupe-1 » sont le même groupe pour atelier compile (la casse, les tirets, les zéros et le mot « Groupe » devant le numéro ne comptent pas) : gardez un seul de ces noms.",
    });
    expect((await refused("--groupes", "G1,Groupe 2,GT 01")).err).toBe(
      "atelier : --groupes : « G1 » et « GT 01 » sont le même groupe pour atelier compile (la casse, les tirets, les zéros et le mot « Groupe » devant le numéro ne comptent pas) : gardez un seul de ces noms.",
    );
    expect((await refused("--groupes", "Groupe 3,groupe 3")).err).toBe(
      "atelier : --groupes : « Groupe 3 » et « groupe 3 » sont le même groupe pour atelier compile (la casse, les tirets, les zéros et le mot « Groupe » devant le numéro ne comptent pas) : gardez un seul de ces noms.",
    );
    expect((await refused("--groupes", "Groupe 1, Groupe 1")).err).toBe(
      "atelier : --groupes : « Groupe 1 » est donné deux fois.",
    );
    expect((await refused("--groupes", "G1", "--sessions", "J1,Jour 1")).err).toBe(
      "atelier : --sessions : « J1 » et « Jour 1 » sont la même session pour atelier compile : gardez un seul de ces noms.",
    );
    expect((await refused("--lang", "en", "--groupes", "Group 1,group_1")).err).toBe(
      "atelier: --groupes: “Group 1” and “group_1” are the same group for atelier compile (case, dashes, zeros and the word “Group” before the number do not count): keep only one of these names.",
    );
  });

  it("refuses a group name that cannot be its file's name, and an empty one", async () => {
    const why = (groupe: string, reason: string) =>
      `atelier : Le groupe « ${groupe} » ne peut pas donner un nom de fichier : ${reason}. Donnez-lui un autre nom dans --groupes.`;
    const cases: [string, string][] = [
      ["Groupe 1/2", "le nom contient / ou \\, qui séparent les dossiers"],
      ["..", "« . » et « .. » désignent des dossiers, pas des noms"],
      ["Groupe: 1", 'le nom contient un caractère que Windows refuse (: * ? " < > |)'],
      ["Groupe\t1", "le nom contient un caractère de contrôle (tabulation, retour à la ligne…)"],
      ["CON", "Windows réserve ce nom (CON, PRN, AUX, NUL, COM1 à COM9, LPT1 à LPT9)"],
      ["lpt1.x", "Windows réserve ce nom (CON, PRN, AUX, NUL, COM1 à COM9, LPT1 à LPT9)"],
      ["Groupe 1.", "Windows refuse un nom qui finit par un point ou une espace"],
      [".G1", "un nom qui commence par un point est caché, et atelier compile ne le lirait pas"],
      ["x".repeat(81), "le nom dépasse 80 caractères"],
    ];
    for (const [groupe, reason] of cases) {
      expect(await refused("--groupes", `G1,${groupe}`, "--sessions", "J1")).toEqual({
        code: 2,
        out: "",
        err: why(groupe.replace("\t", "\\t"), reason),
      });
    }
    // The longest name kept is its own file's name.
    const long = "x".repeat(80);
    const dir = join(tmp(), "atelier");
    await initWorkshop(dir, "fr");
    const ok = await run(
      "template",
      ...["--config", join(dir, "atelier.config.json"), "--groupes", long, "--sessions", "J1"],
    );
    expect(ok.code).toBe(0);
    expect(readdirSync(join(dir, "J1"))).toEqual([`${long}.xlsx`]);

    expect(await refused("--groupes", " , ")).toEqual({
      code: 2,
      out: "",
      err: 'atelier : --groupes : aucun nom de groupe ; donnez les noms séparés par des virgules (--groupes "Groupe 1,Groupe 2").',
    });
    // Through the API, where nothing drops an empty name.
    const config = join(dir, "atelier.config.json");
    await expect(
      writeTemplate({ config, kind: "all", format: "xlsx", groupes: ["G2", " "] }),
    ).rejects.toMatchObject({
      code: "USAGE",
      fr: '--groupes : un nom de groupe est vide ; séparez les noms par une seule virgule (--groupes "Groupe 1,Groupe 2").',
      en: '--groupes: a group name is empty; separate the names with a single comma (--groupes "Group 1,Group 2").',
    });
    expect(readdirSync(join(dir, "J1"))).toEqual([`${long}.xlsx`]);
  });

  it("says what is wrong with the options, one message each", async () => {
    const root = tmp();
    expect(await refused("--groupes", "G1", "-o", join(root, "x.xlsx"))).toEqual({
      code: 2,
      out: "",
      err: `atelier : -o ${join(root, "x.xlsx")} : avec --groupes, -o est un dossier (un sous-dossier par session y est écrit), pas un fichier .xlsx ou .csv. Donnez un dossier (ex. -o fiches), ou omettez -o pour écrire dans le dossier de l'atelier.`,
    });
    expect((await refused("--groupes", "G1", "-o", join(root, "x.CSV"))).code).toBe(2);
    expect(readdirSync(root)).toEqual([]);
    expect(await refused("--groupes", "G1", "--format", "csv")).toEqual({
      code: 2,
      out: "",
      err: "atelier : --groupes écrit des classeurs .xlsx : retirez --format csv (les modèles CSV s'écrivent sans --groupes).",
    });
    expect(await refused("--groupes", "G1", "--groupe", "G2")).toEqual({
      code: 2,
      out: "",
      err: "atelier : --groupe et --groupes ne vont pas ensemble : --groupes écrit déjà la fiche de chaque groupe pour chaque session (--sessions) ; pour un seul classeur, retirez --groupes.",
    });
    expect((await refused("--groupes", "G1", "--session", "J1")).err).toBe(
      "atelier : --session et --groupes ne vont pas ensemble : --groupes écrit déjà la fiche de chaque groupe pour chaque session (--sessions) ; pour un seul classeur, retirez --groupes.",
    );
    expect((await refused("--sessions", "J1", "-o", join(root, "m.xlsx"))).err).toBe(
      "atelier : --sessions ne sert qu'avec --groupes : pour un seul classeur, donnez --session J1.",
    );
    expect((await refused("--lang", "en", "--groupes", "G1", "--groupe", "G2")).err).toBe(
      "atelier: --groupe and --groupes do not go together: --groupes already writes each group's sheet for each session (--sessions); for a single workbook, remove --groupes.",
    );
    // Without a configuration: no sessions to write for.
    const bare = join(root, "sans-config");
    mkdirSync(bare);
    await expect(
      writeTemplate({ out: bare, kind: "all", format: "xlsx", groupes: ["G1"] }),
    ).rejects.toMatchObject({
      code: "USAGE",
      fr: "--groupes écrit un classeur par groupe et par session : donnez --sessions J1,J2,J3, ou « sessions » dans atelier.config.json.",
      en: '--groupes writes one workbook per group and session: give --sessions J1,J2,J3, or "sessions" in atelier.config.json.',
    });
    expect(readdirSync(bare)).toEqual([]);
    const given = await writeTemplate({
      out: bare,
      kind: "all",
      format: "xlsx",
      groupes: ["G1"],
      sessions: ["J1"],
    });
    expect(given).toEqual({ lang: "fr", dir: bare, written: ["J1/G1.xlsx"] });
  });
});
