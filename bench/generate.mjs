/**
 * Synthetic workshops for the benchmark, from a seeded generator: the same seed gives the same
 * bytes on every machine, so runs on different laptops measure the same work.
 *
 *   csv/J1…J4/groupe-NN.csv   40 French-Excel CSV files (`;`, UTF-8 BOM, CRLF) × 2,500 bilan rows
 *   xlsx/groupe-NN.xlsx       20 workbooks × 2,000 bilan rows (exceljs streaming writer)
 *   big/bilan-1m.csv          one CSV of 1,000,000 bilan rows (fewer columns, under the 200 MB limit)
 *   small/groupe.csv          one small CSV, for start-up
 *
 * Values are what groups type: `Axe 2`, `1 500 000`, `Réalisé`, `75 %`, quoted cells with `;`,
 * and about 2 % of rows with the usual mistakes (a misspelt status, `1.500`, an overspent budget,
 * a rate that contradicts the status), so that validation does real work on errors too. Files
 * stay rectangular so that Miller and csvkit read them without complaint.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** mulberry32: small, fast and good enough to pick values; never Math.random, so runs repeat. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AXES = [
  { n: 1, code: "PREV", fr: "Prévention" },
  { n: 2, code: "PROT", fr: "Protection et assistance aux victimes" },
  { n: 3, code: "POUR", fr: "Poursuites et répression" },
  { n: 4, code: "COOR", fr: "Coordination, partenariat et suivi-évaluation" },
];

const ACTIVITES = [
  "Former les magistrats à la loi n°2012-023 relative à la traite des personnes",
  "Organiser des campagnes de sensibilisation dans les régions de départ",
  "Créer des centres d'accueil et d'hébergement des victimes",
  "Assurer la prise en charge médicale et psychosociale des victimes",
  "Élaborer des procédures opérationnelles standard d'identification",
  "Renforcer les capacités des forces de défense et de sécurité",
  "Mettre en place une base de données nationale sur la traite",
  "Rendre opérationnel le Comité national de coordination",
  "Former les travailleurs sociaux à l'identification des victimes",
  "Produire le rapport annuel de mise en œuvre du plan",
  "Appuyer le rapatriement et la réinsertion des victimes",
  "Sensibiliser les leaders religieux et coutumiers",
];
const RESPONSABLES = [
  "Ministère de la Justice et des Droits de l'Homme",
  "Direction nationale de la promotion de l'enfant et de la famille",
  "Direction nationale du développement social",
  "CNLTP",
  "Gouvernorats de région",
  "Ministère de la Sécurité et de la Protection civile",
];
const INDICATEURS = [
  "Nombre d'agents formés",
  "Nombre de victimes prises en charge",
  "Nombre de sessions tenues",
  "Rapport validé",
  "Nombre de campagnes réalisées",
];
const CIBLES = ["200 agents", "500 victimes", "4 sessions par an", "1 rapport", "12 campagnes"];
const RESULTATS = [
  "150 agents formés",
  "312 victimes prises en charge, dont 187 enfants",
  "3 sessions tenues",
  "Rapport validé en atelier national",
  "",
];
const SOURCES = ["Budget national", "OIM", "UNICEF", "Budget national, OIM", "ONUDC", ""];
const DIFFICULTES = [
  "",
  "",
  "",
  "Rotation du personnel formé",
  "Coût élevé du loyer ; manque de personnel qualifié",
  "Retard de décaissement des fonds",
];
const OBSERVATIONS = [
  "",
  "",
  "",
  "",
  "Mise en œuvre conjointe avec la société civile",
  "Accès difficile à Mopti ; insécurité",
  'Guide national dit « de référencement » reçu par les services régionaux ("version 2")',
];

const STATUTS = [
  { label: "Réalisé", rate: () => 100 },
  { label: "Partiellement réalisé", rate: (r) => 10 + Math.floor(r() * 80) },
  { label: "En cours", rate: (r) => 5 + Math.floor(r() * 60) },
  { label: "Non réalisé", rate: () => 0 },
  { label: "Abandonné", rate: () => null },
];
const STATUT_VARIANTS = { Réalisé: ["Réalisé", "réalisé", "Exécuté", "REALISE"] };

const pick = (r, list) => list[Math.floor(r() * list.length)];

/** `1 500 000` as French Excel shows it, with a plain space; sometimes without any, or with FCFA. */
function amountText(r, n) {
  const grouped = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  const u = r();
  if (u < 0.7) return grouped;
  if (u < 0.9) return String(n);
  return `${grouped} FCFA`;
}

/**
 * One bilan row as typed values (numbers stay numbers for XLSX); `text` renders it for CSV.
 * `code` is the activity code, unique in its file; `mistakes` plants the usual errors.
 */
function bilanRow(r, code, axisNumber, mistakes = true) {
  const axis = AXES[axisNumber - 1];
  const u = r();
  const axe =
    u < 0.7 ? `Axe ${axis.n}` : u < 0.85 ? axis.code : u < 0.95 ? axis.fr : String(axis.n);
  const statut = pick(r, STATUTS);
  let statutText = statut.label === "Réalisé" ? pick(r, STATUT_VARIANTS.Réalisé) : statut.label;
  let rate = statut.rate(r);
  const planned = (1 + Math.floor(r() * 300)) * 100_000;
  let spent = Math.floor((planned * r() * 0.95) / 1000) * 1000;
  let spentText;
  let activite = pick(r, ACTIVITES);
  if (mistakes) {
    const m = r();
    if (m < 0.005)
      statutText = "Realsé"; // invalid-value with a suggestion
    else if (m < 0.01)
      spentText = "1.500"; // ambiguous-number
    else if (m < 0.02)
      spent = planned + 250_000; // budget-overspent (warning)
    else if (m < 0.03 && rate !== null)
      rate = statut.label === "Réalisé" ? 80 : rate; // rate-status-mismatch
    else if (m < 0.033) activite = ""; // missing-value
  }
  const plannedText = amountText(r, planned);
  spentText ??= amountText(r, spent);
  return {
    axe,
    code,
    activite,
    responsable: pick(r, RESPONSABLES),
    indicateur: pick(r, INDICATEURS),
    cible: pick(r, CIBLES),
    resultat: pick(r, RESULTATS),
    statut: statutText,
    taux: rate,
    tauxText: rate === null ? "" : r() < 0.5 ? `${rate} %` : String(rate),
    planned,
    plannedText,
    spent,
    spentText,
    source: pick(r, SOURCES),
    difficultes: pick(r, DIFFICULTES),
    horsPlan: r() < 0.9 ? "Non" : "",
    observations: pick(r, OBSERVATIONS),
  };
}

function csvField(value) {
  const s = value === null || value === undefined ? "" : String(value);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells) => `${cells.map(csvField).join(";")}\r\n`;

/** The cells of one generated bilan row, in the header's order. */
function bilanCells(groupe, b) {
  return [
    groupe,
    b.axe,
    b.code,
    b.activite,
    b.responsable,
    b.indicateur,
    b.cible,
    b.resultat,
    b.statut,
    b.tauxText,
    b.plannedText,
    b.spentText,
    b.source,
    b.difficultes,
    b.horsPlan,
    b.observations,
  ];
}

/** Codes `a.b.c` unique in a file: the first number is the axis, as the plan numbers them. */
function codeOf(fileIndex, i) {
  const axis = (i % 4) + 1;
  return { axis, code: `${axis}.${fileIndex + 1}.${Math.floor(i / 4) + 1}` };
}

async function writeLines(path, header, count, line) {
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  // UTF-8 BOM, as Excel's "CSV UTF-8 (délimité par des points-virgules)" writes it.
  out.write("\ufeff");
  out.write(csvLine(header));
  let chunk = "";
  for (let i = 0; i < count; i++) {
    chunk += line(i);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((ok) => out.once("drain", () => ok(undefined)));
      chunk = "";
    }
  }
  out.write(chunk);
  await new Promise((ok, ko) => {
    out.once("error", ko);
    out.end(() => ok(undefined));
  });
}

/** Generates every data set under `dir` once; a stamp file says which version is there. */
export async function generate(dir, { log = (/** @type {string} */ _line) => {} } = {}) {
  const VERSION = "1";
  const stamp = join(dir, "VERSION");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === VERSION) return layout(dir);
  const { bilanFields } = await import("../dist/fields.js");
  const label = (id) => bilanFields.find((f) => f.id === id).fr;
  const ids = [
    "axe",
    "code_activite",
    "activite",
    "responsable",
    "indicateur",
    "cible",
    "resultat",
    "statut",
    "taux_realisation",
    "budget_prevu",
    "budget_execute",
    "source_financement",
    "difficultes",
    "hors_plan",
    "observations",
  ];
  const header = ["Groupe de travail", ...ids.map(label)];
  const files = layout(dir);

  log("  40 CSV × 2 500 lignes");
  for (let f = 0; f < 40; f++) {
    const r = rng(1000 + f);
    const groupe = `Groupe ${(f % 10) + 1}`;
    await writeLines(files.csv[f], header, 2500, (i) => {
      // One row in twenty assesses an activity of the neighbouring file: compile has conflicts.
      const { axis, code } = codeOf(r() < 0.05 ? (f + 1) % 40 : f, i);
      const b = bilanRow(r, code, axis);
      return csvLine(bilanCells(groupe, b));
    });
  }

  log("  20 XLSX × 2 000 lignes");
  const require = createRequire(import.meta.url);
  const ExcelJS = require("exceljs");
  for (let f = 0; f < 20; f++) {
    const r = rng(5000 + f);
    mkdirSync(dirname(files.xlsx[f]), { recursive: true });
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: files.xlsx[f],
      useStyles: true,
      useSharedStrings: true,
    });
    wb.created = new Date(Date.UTC(2023, 6, 1));
    const ws = wb.addWorksheet("Bilan");
    ws.addRow(header).commit();
    for (let i = 0; i < 2000; i++) {
      const { axis, code } = codeOf(f, i);
      const b = bilanRow(r, code, axis);
      // Excel keeps amounts and rates as numbers; a mistyped amount stays text.
      const row = ws.addRow([
        `Groupe ${(f % 10) + 1}`,
        b.axe,
        b.code,
        b.activite,
        b.responsable,
        b.indicateur,
        b.cible,
        b.resultat,
        b.statut,
        b.taux,
        b.planned,
        b.spentText === "1.500" ? "1.500" : b.spent,
        b.source,
        b.difficultes,
        b.horsPlan,
        b.observations,
      ]);
      row.getCell(11).numFmt = "#,##0";
      row.getCell(12).numFmt = "#,##0";
      row.commit();
    }
    ws.commit();
    await wb.commit();
  }

  log("  1 CSV × 1 000 000 lignes");
  {
    const r = rng(42);
    const bigHeader = [
      "axe",
      "code_activite",
      "activite",
      "statut",
      "taux_realisation",
      "budget_prevu",
      "budget_execute",
      "observations",
    ].map(label);
    const short = ACTIVITES.map((a) => a.split(" ").slice(0, 5).join(" "));
    await writeLines(files.big, bigHeader, 1_000_000, (i) => {
      const axis = (i % 4) + 1;
      const code = `${axis}.${Math.floor(i / 4000) + 1}.${(Math.floor(i / 4) % 1000) + 1}`;
      const b = bilanRow(r, code, axis);
      return csvLine([
        b.axe,
        b.code,
        b.activite === "" ? "" : pick(r, short),
        b.statut,
        b.tauxText,
        b.plannedText,
        b.spentText,
        b.observations === "" ? "" : "RAS",
      ]);
    });
  }

  log("  1 petit CSV");
  {
    const r = rng(7);
    await writeLines(files.small, header, 20, (i) => {
      const { axis, code } = codeOf(0, i);
      const b = bilanRow(r, code, axis, false);
      return csvLine(bilanCells("Groupe 1", b));
    });
  }
  writeFileSync(stamp, VERSION);
  return files;
}

/** Where each data set lives. */
export function layout(dir) {
  const two = (n) => String(n).padStart(2, "0");
  return {
    csvDir: join(dir, "csv"),
    csv: Array.from({ length: 40 }, (_, f) =>
      join(dir, "csv", `J${(f % 4) + 1}`, `groupe-${two(f + 1)}.csv`),
    ),
    xlsxDir: join(dir, "xlsx"),
    xlsx: Array.from({ length: 20 }, (_, f) => join(dir, "xlsx", `groupe-${two(f + 1)}.xlsx`)),
    big: join(dir, "big", "bilan-1m.csv"),
    small: join(dir, "small", "groupe.csv"),
  };
}
