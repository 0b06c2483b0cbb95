import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { readInput } from "../src/read/index.js";
import type { Cell, RawRow, RawSheet } from "../src/read/types.js";
import { run } from "./helpers/workshop.js";

/**
 * Workbooks as the programs groups use write them (`test/corpus/producers/`, its README says
 * which program wrote each file and why it is kept): each one is read cell by cell, then
 * validated as `atelier validate --format json` answers it. The files are committed, so this
 * runs without Python nor LibreOffice.
 */

const DIR = fileURLToPath(new URL("./corpus/producers/", import.meta.url));

const HEADER = [
  "Axe",
  "Code activité",
  "Activité",
  "Statut",
  "Taux de réalisation (%)",
  "Budget prévu (FCFA)",
  "Budget exécuté (FCFA)",
];

/** The Bilan header of atelier's own template. */
const TEMPLATE_HEADER = [
  "Axe stratégique *",
  "Code activité *",
  "Activité *",
  "Structure responsable",
  "Indicateur",
  "Cible",
  "Résultat atteint",
  "Statut *",
  "Taux de réalisation (%)",
  "Budget prévu (FCFA)",
  "Budget exécuté (FCFA)",
  "Source de financement",
  "Difficultés rencontrées",
  "Activité non programmée",
  "Observations",
];

// --- expected cells, written short -------------------------------------------------------------

type Value = string | number | Date | Cell | undefined;

/** A hole in a row: no cell there. */
const _ = undefined;

function cell(value: Value): Cell | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "object" && !(value instanceof Date)) return value;
  return { v: value };
}

function row(n: number, ...values: Value[]): RawRow {
  return { row: n, cells: values.map(cell) };
}

/** A number formatted as a percentage. */
function pct(v: number): Cell {
  return { v, percent: true };
}

/** A number whose format names the franc CFA (`#,##0 "FCFA"`). */
function fcfa(v: number): Cell {
  return { v, currency: "XOF" };
}

/** A date as the readers give it: the wall-clock time of the cell, in UTC. */
function date(iso: string): Date {
  return new Date(iso.length === 10 ? `${iso}T00:00:00Z` : `${iso}Z`);
}

/** The master's value, copied to every cell a merge covers. */
function copies(n: number, text: string): string[] {
  return Array.from({ length: n }, () => text);
}

/** The report of a Bilan sheet as `validate --format json` gives it. */
function bilan(rows: number, accepted: number, headerRow = 1, name = "Bilan") {
  return { name, kind: "bilan", header_row: headerRow, rows, accepted, rejected: rows - accepted };
}

type Problem = [
  code: string,
  severity: string,
  sheet: string | null,
  row: number | null,
  column: string | null,
];

interface Case {
  file: string;
  sheets: RawSheet[];
  validate: {
    code: number;
    sheets: Record<string, unknown>[];
    meta: Record<string, string>;
    problems: Problem[];
  };
}

function identification(first: number, values: [string, string, string, string, Date]) {
  const labels = ["Groupe de travail", "Session", "Structure", "Rapporteur", "Date"];
  return labels.map((label, i) => row(first + i, label, values[i]));
}

// biome-ignore format: one row of a sheet per line, as the sheet shows it
const CASES: Case[] = [
  {
    file: "openpyxl-notes.xlsx",
    sheets: [
      {
        name: "Identification",
        state: "visible",
        rows: [
          row(1, "Identification"),
          ...identification(3, [
            "GT 1",
            "J1",
            "Ministère de la Justice",
            "Chef de la division des affaires pénales",
            date("2023-07-18"),
          ]),
        ],
      },
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...HEADER),
          row(2, "1", "1.1.1", "Sensibiliser les communautés frontalières", "Réalisé", pct(1), 12000000, 11500000),
          row(3, "1", "1.1.2", "Former les leaders religieux et coutumiers", "Partiellement réalisé", pct(0.6), 8000000, 4000000),
          row(4, "2", "2.1.1", "Prendre en charge les victimes dans les centres d'accueil", "En cours", pct(0.4), 25000000, { v: null, formula: "F4*E4" }),
        ],
      },
    ],
    validate: {
      code: 1,
      sheets: [bilan(3, 2)],
      meta: {
        groupe: "GT 1",
        session: "J1",
        structure: "Ministère de la Justice",
        rapporteur: "Chef de la division des affaires pénales",
        date: "2023-07-18",
      },
      // openpyxl stores `=F4*E4` with no result: the one cell nobody can trust.
      problems: [["formula-no-cached-value", "error", "Bilan", 4, "G"]],
    },
  },
  {
    file: "xlsxwriter-shared-strings.xlsx",
    sheets: [
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...HEADER),
          row(2, "2", "2.1.1", "Prendre en charge les victimes dans les centres d'accueil", "Réalisé", 100, 30000000, 28500000),
          row(3, "2", "2.1.2", "Assurer le retour et la réinsertion des victimes", "Partiellement réalisé", 55, 18000000, 9000000),
          row(4, "2", "2.2.1", "Former les travailleurs sociaux", "Non réalisé", 0, 6000000, 0),
        ],
      },
    ],
    validate: {
      code: 0,
      sheets: [bilan(3, 3)],
      meta: { groupe: "xlsxwriter-shared-strings" },
      problems: [],
    },
  },
  {
    file: "xlsxwriter-constant-memory.xlsx",
    sheets: [
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...HEADER),
          row(2, "3", "3.1.1", "Former les magistrats et les officiers de police judiciaire", "Réalisé", pct(1), 15000000, 14200000),
          row(3, "3", "3.1.2", "Juger les affaires de traite dans les délais", "En cours", pct(0.35), 5000000, 1500000),
        ],
      },
    ],
    validate: {
      code: 0,
      sheets: [bilan(2, 2)],
      meta: { groupe: "xlsxwriter-constant-memory" },
      problems: [],
    },
  },
  {
    file: "pandas-openpyxl.xlsx",
    sheets: [
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...HEADER),
          row(2, "4", "4.1.1", "Tenir les réunions trimestrielles du comité national", "Réalisé", 100, 4000000, 3800000),
          row(3, "4", "4.1.2", "Produire le rapport annuel de suivi", "Partiellement réalisé", 50, 2500000, 1000000),
          // A missing amount (NaN in the DataFrame) is no cell at all.
          row(4, "4", "4.2.1", "Mettre en place la base de données des cas", "Non réalisé", 0, 10000000),
        ],
      },
    ],
    validate: { code: 0, sheets: [bilan(3, 3)], meta: { groupe: "pandas-openpyxl" }, problems: [] },
  },
  {
    file: "exceljs.xlsx",
    sheets: [
      {
        name: "Identification",
        state: "visible",
        rows: [
          row(1, "Identification"),
          ...identification(3, [
            "GT 5",
            "J1",
            "Office central de lutte contre la traite",
            "Commissaire principal",
            date("2023-07-18"),
          ]),
        ],
      },
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...HEADER),
          row(2, "3", "3.1.1", "Former les magistrats et les officiers de police judiciaire", "Réalisé", pct(1), fcfa(15000000), fcfa(14800000)),
          row(3, "3", "3.2.1", "Démanteler les réseaux de trafiquants", "En cours", pct(0.5), fcfa(9000000), fcfa(4500000)),
          row(4, "3", "3.2.2", "Renforcer la coopération judiciaire régionale", "Non réalisé", pct(0), fcfa(5000000), fcfa(0)),
        ],
      },
    ],
    validate: {
      code: 0,
      sheets: [bilan(3, 3)],
      meta: {
        groupe: "GT 5",
        session: "J1",
        structure: "Office central de lutte contre la traite",
        rapporteur: "Commissaire principal",
        date: "2023-07-18",
      },
      problems: [],
    },
  },
  {
    file: "google-sheets-like.xlsx",
    sheets: [
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...HEADER),
          row(2, "1", "1.1.1", "Sensibiliser les communautés frontalières", "Réalisé", pct(1), 12000000, 12000000),
          row(3, "1", "1.2.1", "Produire des spots radio en langues nationales", "Partiellement réalisé", pct(0.75), 7500000, 5000000),
          row(4, "2", "2.1.1", "Prendre en charge les victimes dans les centres d'accueil", "En cours", pct(0.3), 25000000, 7000000),
        ],
      },
    ],
    validate: {
      code: 0,
      sheets: [bilan(3, 3)],
      meta: { groupe: "google-sheets-like" },
      problems: [],
    },
  },
  {
    file: "no-app-xml.xlsx",
    sheets: [
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...HEADER),
          row(2, "4", "4.1.1", "Tenir les réunions trimestrielles du comité national", "Réalisé", pct(1), 4000000, 3900000),
          row(3, "4", "4.2.2", "Harmoniser les outils de collecte des données", "En cours", pct(0.2), 3000000, 500000),
        ],
      },
    ],
    validate: { code: 0, sheets: [bilan(2, 2)], meta: { groupe: "no-app-xml" }, problems: [] },
  },
  {
    file: "inline-strings.xlsx",
    sheets: [
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...HEADER),
          // Rich text runs make one string; a space kept by `xml:space="preserve"` stays.
          row(2, "3", "3.1.1", "Former les magistrats et les greffiers", "Réalisé ", 95, 15000000, 14000000),
          row(3, "3", "3.1.3", "Créer un pôle judiciaire spécialisé", "Non réalisé", 0, 20000000, 0),
        ],
      },
    ],
    validate: {
      code: 0,
      sheets: [bilan(2, 2)],
      meta: { groupe: "inline-strings" },
      problems: [["rate-status-mismatch", "warning", "Bilan", 2, "E"]],
    },
  },
  {
    file: "shared-formulas.xlsx",
    sheets: [
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...HEADER),
          row(2, "2", "2.1.1", "Prendre en charge les victimes dans les centres d'accueil", "Partiellement réalisé", 80, 25000000, 20000000),
          row(3, "2", "2.1.2", "Assurer le retour et la réinsertion des victimes", "En cours", 35, 18000000, 6300000),
          row(4, "2", "2.2.1", "Former les travailleurs sociaux", "Non réalisé", 0, 6000000, 0),
        ],
      },
    ],
    validate: { code: 0, sheets: [bilan(3, 3)], meta: { groupe: "shared-formulas" }, problems: [] },
  },
  {
    file: "wps-like.xlsx",
    sheets: [
      {
        name: "Identification",
        state: "visible",
        rows: [
          row(1, "Identification"),
          ...identification(3, [
            "GT 2",
            "J1",
            "Direction nationale de la promotion de l'enfant et de la famille",
            "Point focal traite",
            date("2023-07-18"),
          ]),
        ],
      },
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...HEADER),
          row(2, "2", "2.1.1", "Prendre en charge les victimes dans les centres d'accueil", "Réalisé", 100, 20000000, 19000000),
          row(3, "2", "2.1.3", "Mettre en place un numéro vert", "Non réalisé", 0, 3000000, 0),
        ],
      },
    ],
    validate: {
      code: 0,
      sheets: [bilan(2, 2)],
      meta: {
        groupe: "GT 2",
        session: "J1",
        structure: "Direction nationale de la promotion de l'enfant et de la famille",
        rapporteur: "Point focal traite",
        date: "2023-07-18",
      },
      problems: [],
    },
  },
  {
    file: "kobo-export.xlsx",
    sheets: [
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, "start", "end", "Groupe de travail", ...HEADER, "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index"),
          row(2, date("2023-07-18T10:02:11"), date("2023-07-18T10:09:47"), "GT 3", "1", "1.2.1", "Produire des spots radio en langues nationales", "Réalisé", 100, 7500000, 7500000, 48213907, "0c6c1d1e-3f0b-4a55-9f3e-5d1c2b7a9e01", date("2023-07-18T10:09:52"), _, _, "submitted_via_web", _, "vXq7Lm2pRt9sKd4wYb8nCe", _, 1),
          row(3, date("2023-07-18T10:11:03"), date("2023-07-18T10:15:30"), "GT 3", "1", "1.2.2", "Diffuser les messages dans les gares routières", "En cours", 30, 2000000, 600000, 48213950, "6a1f2e3d-4c5b-4e6f-8a7b-9c0d1e2f3a4b", date("2023-07-18T10:15:34"), _, _, "submitted_via_web", _, "vXq7Lm2pRt9sKd4wYb8nCe", _, 2),
        ],
      },
    ],
    // Kobo's own columns (start, end, and those that begin with `_`) are none of atelier's fields.
    validate: {
      code: 0,
      sheets: [bilan(2, 2)],
      meta: {},
      problems: ["A", "B", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T"].map(
        (column): Problem => ["unknown-column", "warning", "Bilan", 1, column],
      ),
    },
  },
  {
    file: "date1904.xlsx",
    sheets: [
      {
        name: "Identification",
        state: "visible",
        rows: [
          row(1, "Identification"),
          ...identification(3, [
            "GT 4",
            "J2",
            "Comité national de lutte contre la traite",
            "Secrétaire permanent",
            date("2023-07-19"),
          ]),
        ],
      },
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...HEADER),
          row(2, "4", "4.1.1", "Tenir les réunions trimestrielles du comité national", "Réalisé", 100, 4000000, 4000000),
          row(3, "4", "4.1.3", "Évaluer le plan à mi-parcours", "Non réalisé", 0, 12000000, 0),
        ],
      },
    ],
    validate: {
      code: 0,
      sheets: [bilan(2, 2)],
      meta: {
        groupe: "GT 4",
        session: "J2",
        structure: "Comité national de lutte contre la traite",
        rapporteur: "Secrétaire permanent",
        date: "2023-07-19",
      },
      problems: [],
    },
  },
  {
    file: "hidden-sheet-row.xlsx",
    sheets: [
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...HEADER),
          row(2, "1", "1.1.1", "Sensibiliser les communautés frontalières", "Réalisé", 100, 12000000, 12000000),
          { ...row(3, "1", "1.1.2", "Former les leaders religieux et coutumiers", "Non réalisé", 0, 8000000, 0), hidden: true },
          row(4, "1", "1.1.3", "Organiser des caravanes de sensibilisation", "En cours", 25, 6000000, 1500000),
        ],
      },
      {
        name: "Brouillon",
        state: "hidden",
        rows: [
          row(1, ...HEADER),
          row(2, "1", "1.1.9", "Activité à confirmer", "En cours", 10, 1000000, 100000),
        ],
      },
    ],
    validate: {
      code: 0,
      sheets: [
        bilan(3, 3),
        { name: "Brouillon", kind: null, header_row: null, rows: 0, accepted: 0, rejected: 0 },
      ],
      meta: { groupe: "hidden-sheet-row" },
      problems: [
        ["hidden-row", "warning", "Bilan", 3, null],
        ["hidden-sheet", "warning", "Brouillon", null, null],
      ],
    },
  },
  {
    file: "merged-cells.xlsx",
    sheets: [
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...copies(7, "Bilan du groupe 5 – axes 1 et 2")),
          row(2, ...HEADER),
          row(3, "1", "1.1.1", "Sensibiliser les communautés frontalières", "Réalisé", 100, 12000000, 11000000),
          row(4, "1", "1.1.2", "Former les leaders religieux et coutumiers", "En cours", 45, 8000000, 3000000),
          row(5, "1", "1.2.1", "Produire des spots radio en langues nationales", "Réalisé", 100, 7500000, 7200000),
          row(6, "2", "2.1.1", "Prendre en charge les victimes dans les centres d'accueil", "En cours", 60, 25000000, 14000000),
          row(7, "2", "2.1.2", "Assurer le retour et la réinsertion des victimes", "Non réalisé", 0, 18000000, 0),
        ],
      },
    ],
    validate: { code: 0, sheets: [bilan(5, 5, 2)], meta: { groupe: "merged-cells" }, problems: [] },
  },
  {
    file: "libreoffice-template.xlsx",
    sheets: [
      {
        name: "Instructions",
        state: "visible",
        rows: [
          row(1, ...copies(6, "Atelier de restitution et de compilation des données — PAN 2023-2027")),
          row(3, "Ce classeur est le modèle de remise des groupes de travail. Comment le remplir :"),
          row(4, ...copies(6, "1. Remplissez d'abord la feuille « Identification » (groupe, session, structure, rapporteur, date).")),
          row(5, ...copies(6, "2. Feuille « Bilan » : une ligne par activité du plan évalué (statut, résultats, budget).")),
          row(6, ...copies(6, "3. Les colonnes marquées * sont obligatoires. Ne modifiez pas la ligne d'en-tête et n'ajoutez pas de colonnes.")),
          row(7, ...copies(6, "4. Sélectionnez une cellule : un message rappelle ce qu'il faut y écrire. Pour les colonnes à liste, choisissez la valeur dans la liste déroulante (▼).")),
          row(8, ...copies(6, "5. Montants en FCFA, en chiffres, sans décimales (1500000). Taux de réalisation : un nombre de 0 à 100 (75 veut dire 75 %).")),
          row(9, ...copies(6, "6. Laissez vides les feuilles qui ne concernent pas votre groupe.")),
          row(10, ...copies(6, "7. Enregistrez au format Excel (.xlsx), même dans LibreOffice, et remettez le fichier au rapporteur de l'atelier.")),
          row(12, "Signification des colonnes"),
          row(13, "Feuille", "Colonne", "Obligatoire", "Signification", "Valeurs autorisées", "Exemple"),
          row(14, "Identification", "Groupe de travail", "non", "Nom ou numéro du groupe.", "Texte libre", "Groupe 2"),
          row(15, "Identification", "Session", "non", "Session de l'atelier (J1, J2, J3).", "Texte libre", "J1"),
          row(16, "Identification", "Structure", "non", "Structure qui remet le fichier.", "Texte libre"),
          row(17, "Identification", "Rapporteur", "non", "Fonction du rapporteur du groupe.", "Texte libre"),
          row(18, "Identification", "Date", "non", "jj/mm/aaaa.", "Date jj/mm/aaaa", "18/07/2023"),
          row(19, "Bilan", "Axe stratégique", "oui", "Code (PREV, PROT, POUR, COOR), numéro (1 à 4), « Axe 2 » ou intitulé de l'axe.", "Axe 1 – Prévention ; Axe 2 – Protection et assistance aux victimes ; Axe 3 – Poursuites et répression ; Axe 4 – Coordination, partenariat et suivi-évaluation", "Axe 2 – Protection et assistance aux victimes"),
          row(20, "Bilan", "Code activité", "oui", "Numéro de l'activité dans le plan, chiffres séparés par des points (1.2.3).", "Chiffres séparés par des points", "2.1.3"),
          row(21, "Bilan", "Activité", "oui", "Intitulé de l'activité du plan.", "Texte libre", "Former les magistrats à la loi n°2012-023"),
          row(22, "Bilan", "Structure responsable", "non", "Institution chargée de la mise en œuvre.", "Texte libre", "Ministère de la Justice et des Droits de l'Homme"),
          row(23, "Bilan", "Indicateur", "non", "Ce qui permet de mesurer l'activité.", "Texte libre", "Nombre d'agents formés"),
          row(24, "Bilan", "Cible", "non", "Valeur visée pour l'indicateur.", "Texte libre", "200 agents"),
          row(25, "Bilan", "Résultat atteint", "non", "Ce qui a été obtenu.", "Texte libre", "120 magistrats formés"),
          row(26, "Bilan", "Statut", "oui", "Réalisé, Partiellement réalisé, En cours, Non réalisé ou Abandonné.", "Réalisé ; Partiellement réalisé ; En cours ; Non réalisé ; Abandonné", "Partiellement réalisé"),
          row(27, "Bilan", "Taux de réalisation (%)", "non", "Pourcentage de 0 à 100 : 75 ou 75 %.", "Nombre de 0 à 100 (75 = 75 %)", "60 %"),
          row(28, "Bilan", "Budget prévu (FCFA)", "non", "Montant en FCFA, sans décimales : 1 500 000 ou 1500000.", "Nombre entier ≥ 0, en FCFA", "25 000 000"),
          row(29, "Bilan", "Budget exécuté (FCFA)", "non", "Montant en FCFA, sans décimales : 1 500 000 ou 1500000.", "Nombre entier ≥ 0, en FCFA", "15 000 000"),
          row(30, "Bilan", "Source de financement", "non", "Budget d'État, partenaire…", "Texte libre", "Budget national, OIM"),
          row(31, "Bilan", "Difficultés rencontrées", "non", "Ce qui a freiné la mise en œuvre.", "Texte libre", "Retard de décaissement"),
          row(32, "Bilan", "Activité non programmée", "non", "Oui si l'activité ne figure pas dans le plan (son code peut alors être nouveau).", "Oui ; Non", "Non"),
          row(33, "Bilan", "Observations", "non", "Toute précision utile.", "Texte libre"),
          row(35, "Axes du PAN 2018-2022"),
          row(36, "N°", "Code", "Intitulé"),
          row(37, 1, "PREV", ...copies(3, "Prévention")),
          row(38, 2, "PROT", ...copies(3, "Protection et assistance aux victimes")),
          row(39, 3, "POUR", ...copies(3, "Poursuites et répression")),
          row(40, 4, "COOR", ...copies(3, "Coordination, partenariat et suivi-évaluation")),
          row(42, "Axes du PAN 2023-2027"),
          row(43, "N°", "Code", "Intitulé"),
          row(44, 1, "PREV", ...copies(3, "Prévention")),
          row(45, 2, "PROT", ...copies(3, "Protection et assistance aux victimes")),
          row(46, 3, "POUR", ...copies(3, "Poursuites et répression")),
          row(47, 4, "COOR", ...copies(3, "Coordination, partenariat et suivi-évaluation")),
        ],
      },
      {
        name: "Identification",
        state: "visible",
        rows: [
          row(1, "Identification"),
          row(2, "Remplissez la colonne B. Ces informations valent pour tout le fichier."),
          ...identification(4, [
            "GT 4",
            "J2",
            "Ministère de la Santé et de l'Action sociale",
            "Directeur de la protection sociale",
            date("2023-07-20"),
          ]),
        ],
      },
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...TEMPLATE_HEADER),
          row(2, "Axe 2 – Protection et assistance aux victimes", "2.1.1", "Prendre en charge les victimes dans les centres d'accueil", "Direction nationale du développement social", _, _, _, "Réalisé", 100, 25000000, 24000000),
          row(3, "Axe 2 – Protection et assistance aux victimes", "2.1.2", "Assurer le retour et la réinsertion des victimes", _, _, _, _, "Partiellement réalisé", 40, 18000000, 7000000, _, "Retard de décaissement"),
          row(4, "Axe 2 – Protection et assistance aux victimes", "2.2.1", "Former les travailleurs sociaux", _, _, _, _, "Non réalisé", 0, 6000000, _, _, _, "Non"),
        ],
      },
      {
        name: "Listes",
        state: "hidden",
        rows: [
          row(1, "list_name", "name", "label"),
          row(2, "axe_plan_evalue", "PREV", "Axe 1 – Prévention"),
          row(3, "axe_plan_evalue", "PROT", "Axe 2 – Protection et assistance aux victimes"),
          row(4, "axe_plan_evalue", "POUR", "Axe 3 – Poursuites et répression"),
          row(5, "axe_plan_evalue", "COOR", "Axe 4 – Coordination, partenariat et suivi-évaluation"),
          row(6, "axe_nouveau_plan", "PREV", "Axe 1 – Prévention"),
          row(7, "axe_nouveau_plan", "PROT", "Axe 2 – Protection et assistance aux victimes"),
          row(8, "axe_nouveau_plan", "POUR", "Axe 3 – Poursuites et répression"),
          row(9, "axe_nouveau_plan", "COOR", "Axe 4 – Coordination, partenariat et suivi-évaluation"),
          row(10, "statut", "realise", "Réalisé"),
          row(11, "statut", "partiel", "Partiellement réalisé"),
          row(12, "statut", "en_cours", "En cours"),
          row(13, "statut", "non_realise", "Non réalisé"),
          row(14, "statut", "abandonne", "Abandonné"),
          row(15, "type", "force", "Force"),
          row(16, "type", "faiblesse", "Faiblesse"),
          row(17, "type", "opportunite", "Opportunité"),
          row(18, "type", "menace", "Menace"),
          row(19, "priorite", "haute", "Haute"),
          row(20, "priorite", "moyenne", "Moyenne"),
          row(21, "priorite", "basse", "Basse"),
          row(22, "nature", "nouvelle", "Nouvelle"),
          row(23, "nature", "reconduite", "Reconduite"),
          row(24, "nature", "reformulee", "Reformulée"),
          row(25, "oui_non", "oui", "Oui"),
          row(26, "oui_non", "non", "Non"),
          row(27, "annee", "2023", "2023"),
          row(28, "annee", "2024", "2024"),
          row(29, "annee", "2025", "2025"),
          row(30, "annee", "2026", "2026"),
          row(31, "annee", "2027", "2027"),
          row(32, "marque", "x", "X"),
        ],
      },
    ],
    validate: {
      code: 0,
      sheets: [bilan(3, 3)],
      meta: {
        groupe: "GT 4",
        session: "J2",
        structure: "Ministère de la Santé et de l'Action sociale",
        rapporteur: "Directeur de la protection sociale",
        date: "2023-07-20",
      },
      problems: [],
    },
  },
  {
    file: "libreoffice-csv.xlsx",
    sheets: [
      {
        name: "Bilan",
        state: "visible",
        rows: [
          row(1, ...TEMPLATE_HEADER),
          row(2, "Axe 1 – Prévention", "1.1.1", "Sensibiliser les communautés frontalières", _, _, _, _, "Réalisé", 100, 12000000, 11800000, "Budget national"),
          // "40%" in the CSV: LibreOffice makes it 0.4 formatted as a percentage.
          row(3, "Axe 1 – Prévention", "1.1.2", "Former les leaders religieux et coutumiers", _, _, _, _, "Partiellement réalisé", pct(0.4), 8000000, 3200000, _, "Retard de décaissement"),
          row(4, "Axe 1 – Prévention", "1.3.1", "Créer des clubs scolaires de vigilance", _, _, _, _, "En cours", 25, _, _, _, _, "Oui"),
        ],
      },
    ],
    validate: {
      code: 0,
      sheets: [bilan(3, 3)],
      meta: { groupe: "libreoffice-csv" },
      problems: [],
    },
  },
];

describe("workbooks of each producer: the cells read", () => {
  for (const c of CASES) {
    it(c.file, async () => {
      const raw = await readInput({ abs: join(DIR, c.file), path: c.file });
      expect(raw).toEqual({
        path: c.file,
        format: "xlsx",
        sheets: c.sheets,
        issues: [],
      });
    });
  }
});

describe("workbooks of each producer: validate --format json", () => {
  for (const c of CASES) {
    it(c.file, async () => {
      const r = await run("validate", join(DIR, c.file), "--format", "json");
      expect(r.err).toBe("");
      const json = JSON.parse(r.out);
      expect(json.files).toHaveLength(1);
      const file = json.files[0];
      expect({
        code: r.code,
        sheets: file.sheets,
        meta: file.meta,
        problems: file.problems.map(
          (p: { code: string; severity: string; sheet: string; row: number; column: string }) => [
            p.code,
            p.severity,
            p.sheet,
            p.row,
            p.column,
          ],
        ),
      }).toEqual(c.validate);
    });
  }
});

/**
 * What each file is kept for is in its bytes: a part present or absent, a piece of XML. Checked,
 * so that a regenerated file that lost its trait does not pass unnoticed.
 */
// biome-ignore format: one trait per line
const TRAITS: [file: string, part: string, holds: RegExp | null][] = [
  ["openpyxl-notes.xlsx", "xl/comments/comment1.xml", /<comment ref="C3"/],
  ["openpyxl-notes.xlsx", "xl/worksheets/sheet2.xml", /<c r="G4" s="3"><f>F4\*E4<\/f><v><\/v><\/c>/],
  ["xlsxwriter-shared-strings.xlsx", "xl/sharedStrings.xml", /<t>Réalisé<\/t>/],
  ["xlsxwriter-constant-memory.xlsx", "xl/sharedStrings.xml", null],
  ["xlsxwriter-constant-memory.xlsx", "xl/worksheets/sheet1.xml", /<c r="D2" t="inlineStr"><is><t>Réalisé<\/t><\/is><\/c>/],
  // pandas writes a missing Int64 (pd.NA) as an inline string cell with no text.
  ["pandas-openpyxl.xlsx", "xl/worksheets/sheet1.xml", /<c r="G4" t="inlineStr"><\/c>/],
  ["exceljs.xlsx", "xl/styles.xml", /formatCode="#,##0 &quot;FCFA&quot;"/],
  ["google-sheets-like.xlsx", "docProps/core.xml", null],
  ["google-sheets-like.xlsx", "docProps/app.xml", null],
  ["google-sheets-like.xlsx", "xl/sharedStrings.xml", /<si><t>Réalisé<\/t><\/si>/],
  ["google-sheets-like.xlsx", "xl/drawings/drawing1.xml", /<xdr:wsDr /],
  ["no-app-xml.xlsx", "docProps/app.xml", null],
  ["no-app-xml.xlsx", "docProps/core.xml", /<dc:creator>/],
  ["inline-strings.xlsx", "xl/sharedStrings.xml", null],
  ["inline-strings.xlsx", "xl/worksheets/sheet1.xml", /<c r="C2" t="inlineStr"><is><r>/],
  ["shared-formulas.xlsx", "xl/worksheets/sheet1.xml", /<c r="G2" s="3"><f t="shared" ref="G2:G4" si="0">F2\*E2\/100<\/f><v>20000000<\/v><\/c>/],
  ["shared-formulas.xlsx", "xl/worksheets/sheet1.xml", /<c r="G4" s="3"><f t="shared" si="0"\/><v>0<\/v><\/c>/],
  ["wps-like.xlsx", "docProps/app.xml", /<Application>WPS Spreadsheets<\/Application>/],
  ["wps-like.xlsx", "docProps/custom.xml", /name="KSOProductBuildVer"/],
  ["kobo-export.xlsx", "xl/sharedStrings.xml", /<t>_submission_time<\/t>/],
  ["date1904.xlsx", "xl/workbook.xml", /<workbookPr date1904="1"/],
  ["hidden-sheet-row.xlsx", "xl/workbook.xml", /name="Brouillon" sheetId="2" state="hidden"/],
  ["hidden-sheet-row.xlsx", "xl/worksheets/sheet1.xml", /<row r="3" hidden="1"/],
  ["merged-cells.xlsx", "xl/worksheets/sheet1.xml", /<mergeCell ref="A1:G1"\/><mergeCell ref="A3:A5"\/><mergeCell ref="A6:A7"\/>/],
  ["libreoffice-template.xlsx", "docProps/app.xml", /<Application>LibreOffice\//],
  ["libreoffice-csv.xlsx", "docProps/app.xml", /<Application>LibreOffice\//],
];

describe("workbooks of each producer: the trait each is kept for", () => {
  it.each(TRAITS)("%s: %s holds %s", async (file, part, holds) => {
    const zip = await JSZip.loadAsync(readFileSync(join(DIR, file)));
    if (holds === null) expect(zip.file(part)).toBe(null);
    else expect((await zip.file(part)?.async("string")) ?? "").toMatch(holds);
  });

  it("every file is small", () => {
    const sizes = CASES.map((c) => readFileSync(join(DIR, c.file)).length);
    expect(sizes.filter((size) => size >= 30_000)).toEqual([]);
  });
});
