import { describe, expect, it } from "vitest";
import {
  axisNumber,
  axisOrder,
  budgetByAxis,
  type MatrixRow,
  matrixRows,
  planYears,
  TO_COMPLETE,
} from "../src/analysis/matrix.js";
import { groupFileName, retoursOf } from "../src/analysis/retours.js";
import type { Axis, Config } from "../src/config.js";
import { issue } from "../src/issues.js";
import { mergeSubmissions } from "../src/merge/index.js";
import type { Consolidated, Consolidation } from "../src/model.js";
import {
  badCell,
  bilan,
  config,
  constat,
  full,
  plan,
  proposition,
  submission,
} from "./helpers/submissions.js";

/**
 * The draft action matrix as data (rows, numbering, years, costs, what is left to complete, the
 * budget summary) and the feedback sheets of `retours/`, on consolidations and file reports made
 * here: no workshop is compiled, no workbook written.
 */

type Proposition = Consolidated<"propositions">;

/** A consolidated proposal: the helper's complete draft (plan 2023-2027) with these changes. */
const row = (o: Partial<Proposition> = {}): Proposition =>
  ({
    ...full("propositions", proposition("PREV", "Objectif", "Action")),
    partenaires: ["OIM"],
    cout: 1000,
    sources: [],
    cluster: null,
    ...o,
  }) as Proposition;

/** A consolidation holding only these proposals. */
const consolidation = (propositions: Proposition[]): Consolidation => ({
  ...mergeSubmissions([], config),
  propositions,
});

const rowsOf = (propositions: Proposition[], cfg: Config = config) =>
  matrixRows(consolidation(propositions), cfg);

const only = (p: Partial<Proposition>) => rowsOf([row(p)])[0] as MatrixRow;

const withPlan = (p: Partial<Config["plan"]>): Config => ({
  ...config,
  plan: { ...config.plan, ...p },
});

const axis = (code: string, number: number): Axis => ({
  code,
  number,
  fr: code,
  en: code,
  aliases: [],
});

describe("plan years", () => {
  it.each([
    [2023, 2027, [2023, 2024, 2025, 2026, 2027]],
    [2025, 2025, [2025]],
  ])("a plan from %i to %i has every year, both ends included", (from, to, years) => {
    expect(planYears(withPlan({ from, to }))).toEqual(years);
  });
});

describe("fields left to complete", () => {
  it("are the registry's expected proposal fields, in registry order", () => {
    expect(TO_COMPLETE).toEqual(["indicateur", "responsable", "partenaires", "cout"]);
  });

  it.each<[string, Partial<Proposition>, string[]]>([
    ["nothing when every expected field is given", {}, []],
    ["an indicator left null", { indicateur: null }, ["indicateur"]],
    ["an indicator of blanks only", { indicateur: "   " }, ["indicateur"]],
    ["an indicator missing altogether", { indicateur: undefined }, ["indicateur"]],
    ["an empty responsible body", { responsable: "" }, ["responsable"]],
    ["no partner list", { partenaires: null }, ["partenaires"]],
    ["an empty partner list", { partenaires: [] }, ["partenaires"]],
    ["no cost at all", { cout: null, cout_annuel: null }, ["cout"]],
    // The cost is then the sum of the per-year costs: nothing to complete.
    ["nothing when only per-year costs are given", { cout: null, cout_annuel: { 2024: 5 } }, []],
    ["nothing for a cost of zero", { cout: 0 }, []],
    [
      "all four, in registry order",
      { indicateur: null, responsable: " ", partenaires: [], cout: null },
      ["indicateur", "responsable", "partenaires", "cout"],
    ],
  ])("%s", (_, p, toComplete) => {
    expect(only(p).toComplete).toEqual(toComplete);
  });
});

describe("scheduled years and cost of a proposal (plan 2023-2027)", () => {
  type Costs = Pick<MatrixRow, "years" | "cout" | "perYear" | "perYearGiven">;
  const costs = (p: Partial<Proposition>): Costs => {
    const { years, cout, perYear, perYearGiven } = only(p);
    return { years, cout, perYear, perYearGiven };
  };

  it.each<[string, Partial<Proposition>, Costs]>([
    [
      "the cost is spread evenly over the calendar years",
      { calendrier: [2023, 2024, 2025], cout: 900 },
      {
        years: [2023, 2024, 2025],
        cout: 900,
        perYear: { 2023: 300, 2024: 300, 2025: 300 },
        perYearGiven: false,
      },
    ],
    [
      "years outside the plan are dropped, the rest sorted",
      { calendrier: [2028, 2025, 2022, 2023, 2027, 2024], cout: 400 },
      {
        years: [2023, 2024, 2025, 2027],
        cout: 400,
        perYear: { 2023: 100, 2024: 100, 2025: 100, 2027: 100 },
        perYearGiven: false,
      },
    ],
    [
      "a year given a positive cost is scheduled, a zero cost does not schedule it",
      { calendrier: [2024], cout: null, cout_annuel: { 2026: 30, 2023: 0 } },
      { years: [2024, 2026], cout: 30, perYear: { 2024: 0, 2026: 30 }, perYearGiven: true },
    ],
    [
      "per-year costs that add up to the stated cost are kept",
      { calendrier: [2024], cout: 300, cout_annuel: { 2024: 100, 2025: 200 } },
      { years: [2024, 2025], cout: 300, perYear: { 2024: 100, 2025: 200 }, perYearGiven: true },
    ],
    [
      "per-year costs less than half a unit under the stated cost still add up to it",
      { calendrier: [2024], cout: 300.4, cout_annuel: { 2024: 100, 2025: 200 } },
      { years: [2024, 2025], cout: 300.4, perYear: { 2024: 100, 2025: 200 }, perYearGiven: true },
    ],
    [
      "per-year costs less than half a unit over the stated cost still add up to it",
      { calendrier: [2024], cout: 299.6, cout_annuel: { 2024: 100, 2025: 200 } },
      { years: [2024, 2025], cout: 299.6, perYear: { 2024: 100, 2025: 200 }, perYearGiven: true },
    ],
    [
      "per-year costs half a unit off give way to the stated cost, spread evenly",
      { calendrier: [2024], cout: 300.5, cout_annuel: { 2024: 100, 2025: 200 } },
      {
        years: [2024, 2025],
        cout: 300.5,
        perYear: { 2024: 150.25, 2025: 150.25 },
        perYearGiven: false,
      },
    ],
    [
      "per-year costs that disagree give way to the stated cost (cost-split-mismatch)",
      { calendrier: [2023], cout: 900, cout_annuel: { 2024: 100, 2025: 200 } },
      {
        years: [2023, 2024, 2025],
        cout: 900,
        perYear: { 2023: 300, 2024: 300, 2025: 300 },
        perYearGiven: false,
      },
    ],
    [
      "no cost: nothing per year",
      { calendrier: [2024], cout: null, cout_annuel: null },
      { years: [2024], cout: null, perYear: {}, perYearGiven: false },
    ],
    [
      "an empty per-year map is no per-year cost",
      { calendrier: [2024], cout: null, cout_annuel: {} },
      { years: [2024], cout: null, perYear: {}, perYearGiven: false },
    ],
    [
      "an empty per-year map leaves the stated cost to spread",
      { calendrier: [2024, 2025], cout: 100, cout_annuel: {} },
      { years: [2024, 2025], cout: 100, perYear: { 2024: 50, 2025: 50 }, perYearGiven: false },
    ],
    [
      "a cost without a year in the plan has nothing per year",
      { calendrier: [2030], cout: 100 },
      { years: [], cout: 100, perYear: {}, perYearGiven: false },
    ],
    [
      "no calendar: no year",
      { calendrier: null, cout: 100 },
      { years: [], cout: 100, perYear: {}, perYearGiven: false },
    ],
  ])("%s", (_, p, expected) => {
    expect(costs(p)).toEqual(expected);
  });
});

describe("what a row shows of its proposal", () => {
  it("copies the proposal's texts and ids, and the texts of a missing axis, objective or action are empty", () => {
    const given = row({
      resultat_attendu: "Victimes prises en charge",
      reference: "10",
      cible: "50",
      source_financement: "État",
      priorite: "haute",
      nature: "nouvelle",
      cluster: undefined,
    });
    expect(only(given)).toMatchObject({
      number: "A1.1.1",
      axe: "PREV",
      objectif: "Objectif",
      action: "Action",
      resultat_attendu: "Victimes prises en charge",
      indicateur: "Nombre",
      reference: "10",
      cible: "50",
      responsable: "MJDH",
      partenaires: ["OIM"],
      source_financement: "État",
      priorite: "haute",
      nature: "nouvelle",
      cluster: null,
      neighbours: [],
    });
    // Validation rejects such rows; the matrix still shows them rather than "null".
    expect(only({ axe: null, objectif: null, action: null })).toMatchObject({
      axe: "",
      objectif: "",
      action: "",
    });
  });

  it("shows no partner list as an empty list", () => {
    expect(only({ partenaires: null }).partenaires).toEqual([]);
  });
});

describe("activity carried over, from the assessment", () => {
  // Assessed 1.1.1; the plan under review also lists 1.1.2, which nobody assessed.
  const c = mergeSubmissions(
    [
      submission(
        "J1/groupe-1.csv",
        [{ kind: "bilan", rows: [bilan("1.1.1", "partiel", { taux_realisation: 60 })] }],
        { session: "J1" },
      ),
      submission(
        "J2/groupe-1.csv",
        [
          {
            kind: "propositions",
            rows: [
              proposition("PREV", "Sensibiliser", "Reprendre les causeries", {
                code_activite_origine: "1.1.1",
              }),
              proposition("PREV", "Sensibiliser", "Reprendre la radio", {
                code_activite_origine: "1.1.2",
              }),
              proposition("PREV", "Sensibiliser", "Reprendre le théâtre", {
                code_activite_origine: "9.9.9",
              }),
              proposition("PREV", "Sensibiliser", "Ouvrir une ligne verte"),
            ],
          },
        ],
        { session: "J2" },
      ),
    ],
    config,
    { reference: plan(["1.1.1", "1.1.2"]) },
  );

  it("gives the assessed status and rate, or says the plan's activity was not assessed", () => {
    const origins = Object.fromEntries(matrixRows(c, config).map((r) => [r.action, r.origins]));
    expect(origins).toEqual({
      "Reprendre les causeries": [
        { code: "1.1.1", statut: "partiel", taux_realisation: 60, unassessed: false },
      ],
      "Reprendre la radio": [
        { code: "1.1.2", statut: null, taux_realisation: null, unassessed: true },
      ],
      // Not in the plan under review: not "not assessed" either.
      "Reprendre le théâtre": [
        { code: "9.9.9", statut: null, taux_realisation: null, unassessed: false },
      ],
      "Ouvrir une ligne verte": [],
    });
  });
});

describe("weaknesses an action addresses", () => {
  // One weakness filed under two axes, worded a little differently under each, a strength, and
  // a weakness of the activity 1.1.4.
  const c = mergeSubmissions(
    [
      submission(
        "J1/groupe-2.csv",
        [
          {
            kind: "constats",
            rows: [
              constat("PREV", "faiblesse", "Insuffisance des campagnes de sensibilisation rurales"),
              constat("PROT", "faiblesse", "Insuffisance des campagnes de sensibilisation rurale"),
              constat("PROT", "force", "Campagnes de sensibilisation rurales régulières"),
              constat("PREV", "faiblesse", "Manque de moyens du comité", {
                code_activite: "1.1.4",
              }),
            ],
          },
        ],
        { session: "J1" },
      ),
      submission(
        "J2/groupe-1.csv",
        [
          {
            kind: "propositions",
            rows: [
              proposition("PREV", "Sensibiliser", "Multiplier les campagnes de sensibilisation", {
                code_activite_origine: "1.1.4",
              }),
              proposition("PROT", "Informer", "Multiplier les campagnes de sensibilisation"),
              proposition("PROT", "Héberger", "Créer un centre d'accueil"),
            ],
          },
        ],
        { session: "J2" },
      ),
    ],
    config,
  );

  it("names each linked weakness once, by its wording under the action's axis, never a strength", () => {
    // Both campaign actions share the first weakness's topic, the centre does not; the PREV one
    // carries over the activity the second weakness names.
    const weaknesses = Object.fromEntries(
      matrixRows(c, config).map((r) => [`${r.axe} ${r.objectif}`, r.weaknesses]),
    );
    expect(weaknesses).toEqual({
      "PREV Sensibiliser": [
        "Insuffisance des campagnes de sensibilisation rurales",
        "Manque de moyens du comité",
      ],
      "PROT Informer": ["Insuffisance des campagnes de sensibilisation rurale"],
      "PROT Héberger": [],
    });
  });
});

describe("numbering and order of the rows", () => {
  it("puts axes in plan order then other codes in natural order, numbered after the plan's", () => {
    const rows = rowsOf([
      row({ axe: "ZED", action: "z" }),
      row({ axe: "PROT", action: "p" }),
      row({ axe: "AX10", action: "x10" }),
      row({ axe: "PREV", action: "a" }),
      row({ axe: "AX9", action: "x9" }),
    ]);
    expect(rows.map((r) => [r.number, r.axe, r.action])).toEqual([
      ["A1.1.1", "PREV", "a"],
      ["A2.1.1", "PROT", "p"],
      ["A5.1.1", "AX9", "x9"],
      ["A6.1.1", "AX10", "x10"],
      ["A7.1.1", "ZED", "z"],
    ]);
  });

  it("numbers objectives by first appearance, one wording up to case and spaces, named by the first", () => {
    const rows = rowsOf([
      row({ objectif: "Sensibiliser les jeunes", action: "a", cluster: "k1" }),
      row({ objectif: "Former les agents", action: "b" }),
      row({ objectif: "sensibiliser  les Jeunes", action: "c", cluster: "k2" }),
      row({ objectif: "Sensibiliser les jeunes", action: "d", cluster: "k1" }),
      row({ objectif: "Sensibiliser les jeunes", action: "e" }),
      row({ objectif: "Sensibiliser les jeunes", action: "f", cluster: "k2" }),
      row({ axe: "PROT", objectif: "Protéger", action: "g", cluster: "k1" }),
    ]);
    // A cluster's later members come right after its first; each row names the others of its
    // cluster, in matrix order, across axes too.
    expect(rows.map((r) => [r.number, r.objectif, r.action, r.neighbours])).toEqual([
      ["A1.1.1", "Sensibiliser les jeunes", "a", ["A1.1.2", "A2.1.1"]],
      ["A1.1.2", "Sensibiliser les jeunes", "d", ["A1.1.1", "A2.1.1"]],
      ["A1.1.3", "Sensibiliser les jeunes", "c", ["A1.1.4"]],
      ["A1.1.4", "Sensibiliser les jeunes", "f", ["A1.1.3"]],
      ["A1.1.5", "Sensibiliser les jeunes", "e", []],
      ["A1.2.1", "Former les agents", "b", []],
      ["A2.1.1", "Protéger", "g", ["A1.1.1", "A1.1.2"]],
    ]);
  });

  it("keeps rows without a cluster apart, in consolidation order", () => {
    const rows = rowsOf([
      row({ action: "a" }),
      row({ action: "b", cluster: "k1" }),
      row({ action: "c" }),
      row({ action: "d", cluster: "k1" }),
    ]);
    expect(rows.map((r) => [r.number, r.action, r.neighbours])).toEqual([
      ["A1.1.1", "a", []],
      ["A1.1.2", "b", ["A1.1.3"]],
      ["A1.1.3", "d", ["A1.1.2"]],
      ["A1.1.4", "c", []],
    ]);
  });
});

describe("axis order and numbers", () => {
  it("lists the plan's axes, even unused, then other codes once each in natural order", () => {
    expect(axisOrder(config, ["ZED", "PROT", "AX10", "ZED", "AX9", "PREV"])).toEqual([
      "PREV",
      "PROT",
      "POUR",
      "COOR",
      "AX9",
      "AX10",
      "ZED",
    ]);
  });

  it.each([
    ["a planned axis has its configured number", "B", 3],
    ["a code the plan does not list comes after the highest number", "X", 8],
    ["the next such code after that", "Y", 9],
  ])("%s", (_, code, number) => {
    // Plan axes numbered out of order and with a gap.
    const cfg = withPlan({ axes: [axis("A", 7), axis("B", 3)] });
    expect(axisNumber(cfg, code, axisOrder(cfg, ["Y", "X", "A"]))).toBe(number);
  });

  it("numbers other codes from 1 when the plan lists no axis", () => {
    const cfg = withPlan({ axes: [] });
    expect(axisNumber(cfg, "X", axisOrder(cfg, ["X"]))).toBe(1);
  });
});

describe("budget summary", () => {
  it("adds each axis's yearly shares and costs, a missing cost counting 0, every plan axis listed", () => {
    const rows = rowsOf([
      row({ calendrier: [2023, 2024, 2025], cout: 300 }),
      row({ calendrier: [2024], cout: null }),
      row({ calendrier: [2024], cout: null, cout_annuel: { 2024: 50, 2026: 70 } }),
      row({ axe: "POUR", calendrier: [2025], cout: 40 }),
      row({ axe: "ZED", calendrier: [2027], cout: 10 }),
    ]);
    const zero = { 2023: 0, 2024: 0, 2025: 0, 2026: 0, 2027: 0 };
    expect(budgetByAxis(rows, config)).toEqual([
      { axe: "PREV", years: { 2023: 100, 2024: 150, 2025: 100, 2026: 70, 2027: 0 }, cost: 420 },
      { axe: "PROT", years: zero, cost: 0 },
      { axe: "POUR", years: { ...zero, 2025: 40 }, cost: 40 },
      { axe: "COOR", years: zero, cost: 0 },
      { axe: "ZED", years: { ...zero, 2027: 10 }, cost: 10 },
    ]);
  });
});

describe("feedback sheet file names", () => {
  it.each([
    ["a plain name is kept", "Groupe 1", "Groupe 1"],
    ["forbidden characters become a dash", "Axe 2 : Protection?", "Axe 2 - Protection-"],
    ["a run of forbidden characters is one dash", "A//B", "A-B"],
    ["a control character is forbidden too", "Cellule\tA", "Cellule-A"],
    ["leading and trailing dots and spaces go", " .Groupe 5. ", "Groupe 5"],
    ["nothing left: « groupe »", " . ", "groupe"],
    ["empty: « groupe »", "", "groupe"],
    ["a Windows device name is prefixed", "CON", "groupe-CON"],
    ["a device name with an extension too", "com1.txt", "groupe-com1.txt"],
    ["a name only starting like a device is kept", "Console", "Console"],
    ["a long name is cut at 80 characters", "G".repeat(90), "G".repeat(80)],
    // Cut inside « x suite »: the space the cut leaves at the end goes, the inner one stays.
    [
      "a long name loses the space its cut ends on",
      `Groupe ${"x".repeat(72)} suite`,
      `Groupe ${"x".repeat(72)}`,
    ],
    [
      "a long name loses the dot and space its cut ends on",
      `Groupe ${"x".repeat(71)}. suite`,
      `Groupe ${"x".repeat(71)}`,
    ],
  ])("%s", (_, groupe, name) => {
    expect(groupFileName(groupe)).toBe(name);
  });
});

describe("feedback sheets: each group's problems", () => {
  const note = (file: string) => issue("encoding-fallback", { file });

  it("gives a problem to its row's group, a file-wide problem to the file's group, and drops notes", () => {
    // A summary file where each row names its group (a « Groupe » column).
    const file = "J1/synthese.csv";
    const summary = submission(
      file,
      [
        {
          kind: "bilan",
          rows: [
            { values: bilan("1.1.1", "realise"), meta: { groupe: "Groupe 1" }, issues: [] },
            {
              values: bilan("1.1.2", ""),
              meta: { groupe: "Groupe 2" },
              issues: [badCell(file, 3)],
            },
            {
              values: bilan("1.1.3", ""),
              meta: { groupe: "Groupe 1" },
              issues: [badCell(file, 4)],
            },
          ],
        },
      ],
      { session: "J1" },
    );
    const header = issue("unknown-column", { file, row: 1, column: "H" }, { value: "X" });
    summary.issues.push(header, note(file));
    const quiet = submission("J1/groupe-3.csv", [
      { kind: "bilan", rows: [bilan("1.1.4", "realise")] },
    ]);
    const notesOnly = submission("J1/groupe-4.csv", []);
    notesOnly.issues.push(note("J1/groupe-4.csv"));
    const retours = retoursOf([summary, quiet, notesOnly]);
    expect(retours.map((r) => [r.groupe, r.name, r.issues.map((i) => [i.code, i.row])])).toEqual([
      ["Groupe 2", "Groupe 2", [["missing-value", 3]]],
      ["Groupe 1", "Groupe 1", [["missing-value", 4]]],
      ["synthese", "synthese", [["unknown-column", 1]]],
    ]);
  });

  it("tells rows of two sheets apart though they have the same row number", () => {
    const file = "J1/classeur.xlsx";
    const book = submission(file, [
      {
        kind: "bilan",
        sheet: "G1",
        rows: [{ values: bilan("1.1.1", "realise"), meta: { groupe: "Groupe 1" } }],
      },
      {
        kind: "bilan",
        sheet: "G2",
        rows: [{ values: bilan("1.1.2", "realise"), meta: { groupe: "Groupe 2" } }],
      },
    ]);
    book.issues.push(
      issue("missing-expected", { file, sheet: "G2", row: 2, column: "C" }),
      issue("missing-expected", { file, sheet: "G1", row: 2, column: "C" }),
    );
    expect(retoursOf([book]).map((r) => [r.groupe, r.issues.map((i) => i.sheet)])).toEqual([
      ["Groupe 2", ["G2"]],
      ["Groupe 1", ["G1"]],
    ]);
  });

  it("numbers the names of different groups that would share a file, whatever their case", () => {
    const file = (path: string, groupe: string) => {
      const f = submission(path, [], { groupe });
      f.issues.push(issue("no-data", { file: path }));
      return f;
    };
    const retours = retoursOf([
      file("a.csv", "Cellule A/B"),
      file("b.csv", "CELLULE A:B"),
      file("c.csv", "cellule a*b"),
      file("d.csv", "Cellule C"),
    ]);
    expect(retours.map((r) => [r.groupe, r.name])).toEqual([
      ["Cellule A/B", "Cellule A-B"],
      ["CELLULE A:B", "CELLULE A-B (2)"],
      ["cellule a*b", "cellule a-b (3)"],
      ["Cellule C", "Cellule C"],
    ]);
  });
});
