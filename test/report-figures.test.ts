import { describe, expect, it } from "vitest";
import { buildReport, type ReportModel } from "../src/analysis/report.js";
import { type Config, DEFAULT_TITLE } from "../src/config.js";
import type { ReferenceActivity } from "../src/fields.js";
import { issue } from "../src/issues.js";
import { mergeSubmissions } from "../src/merge/index.js";
import type { FileReport, ReferencePlan } from "../src/model.js";
import {
  badCell,
  bilan,
  bilanFile,
  config,
  constat,
  proposition,
  submission,
} from "./helpers/submissions.js";

/**
 * The figures of the report model (src/analysis/report.ts, `buildReport`): rates, statuses and
 * budgets by axis, the key figures, the reference plan's coverage, the weaknesses and the
 * recommendations that answer them. These are the numbers a ministry signs: each is pinned
 * exactly, on submissions made in memory and merged as the pipeline merges them.
 */

interface Options {
  reference?: ReferencePlan;
  config?: Config;
}

/** Merges the files and builds the report as `compile` does (same plan, same configuration). */
function report(files: FileReport[], options: Options = {}): ReportModel {
  const cfg = options.config ?? config;
  const { reference } = options;
  const c = mergeSubmissions(files, cfg, reference ? { reference } : {});
  const validation = { files, references: reference ? [reference] : [], resolutions: [] };
  return buildReport(c, validation, cfg, new Date(0));
}

/** A reference plan: code, axis, title of each activity, in plan order. */
function referencePlan(rows: [string, string, string | null][]): ReferencePlan {
  const activities = rows.map(
    ([code, axe, activite]): ReferenceActivity => ({
      code_activite: code,
      axe,
      activite,
      responsable: null,
      indicateur: null,
      budget_prevu: null,
    }),
  );
  return {
    path: "plan/PAN.csv",
    activities,
    byCode: new Map(activities.map((a) => [a.code_activite as string, a])),
    report: submission("plan/PAN.csv", [
      { kind: "reference", rows: rows.map(([code]) => ({ code_activite: code })) },
    ]),
  };
}

// --- the assessments -----------------------------------------------------------------------------

/**
 * One group's assessment: PREV has one activity of each weight and one without status, PROT one
 * rated in percent, XYZ is an axis the configuration does not list, 1.6 is outside the plan.
 */
const assessments = () => [
  bilanFile("J1/g1.csv", "J1", [
    bilan("1.1", "realise", { budget_prevu: 100, budget_execute: 50 }),
    bilan("1.2", "partiel", { budget_prevu: 200, budget_execute: 150 }),
    // Only the planned amount: left out of the budget sums.
    bilan("1.4", "non_realise", { budget_prevu: 300 }),
    // No status, no rate: assessed in the plan's coverage, not in the rate.
    bilan("1.5", "", { statut: null }),
    bilan("1.6", "abandonne", { hors_plan: true, budget_prevu: 1000, budget_execute: 1000 }),
    bilan("2.1", "en_cours", {
      axe: "PROT",
      taux_realisation: 40,
      budget_prevu: 500,
      budget_execute: 100,
    }),
    // Only the spent amount: left out of the budget sums too.
    bilan("9.1", "realise", { axe: "XYZ", budget_execute: 80 }),
  ]),
];

const PLAN = () =>
  referencePlan([
    ["1.1", "PREV", "Sensibiliser les familles"],
    ["1.2", "PREV", "Former les enseignants"],
    ["1.3", "PREV", "Cartographier les zones de départ"],
    ["1.5", "PREV", null],
    ["2.1", "PROT", "Ouvrir un centre d'accueil"],
    ["2.2", "PROT", "Former les travailleurs sociaux"],
    ["3.1", "POUR", "Créer un pôle judiciaire"],
  ]);

const statuses = (realise: number, partiel: number, en_cours: number, non_realise = 0) => ({
  realise,
  partiel,
  en_cours,
  non_realise,
  abandonne: 0,
});

describe("figures by axis", () => {
  // Built in each test, not once here: a mutation test run only mutates what a test runs.
  const model = () => report(assessments());
  const byCode = (code: string) => model().axes.find((a) => a.axis.code === code);

  it("lists the configured axes in order, then an axis only the rows give, numbered after them", () => {
    const m = model();
    expect(m.axes.map((a) => a.axis)).toEqual([
      { code: "PREV", number: 1, fr: "Prévention", en: "Prevention" },
      {
        code: "PROT",
        number: 2,
        fr: "Protection et assistance aux victimes",
        en: "Protection and assistance to victims",
      },
      { code: "POUR", number: 3, fr: "Poursuites et répression", en: "Prosecution" },
      {
        code: "COOR",
        number: 4,
        fr: "Coordination, partenariat et suivi-évaluation",
        en: "Coordination, partnership and monitoring",
      },
      { code: "XYZ", number: 5, fr: "XYZ", en: "XYZ" },
    ]);
  });

  it("adds an axis the findings give once, and none for a finding without axis", () => {
    const files = [
      submission(
        "J1/g2.csv",
        [
          {
            kind: "constats",
            rows: [
              constat("", "force", "Radios communautaires actives", { axe: null }),
              constat("XYZ", "force", "Brigades des mineurs opérationnelles"),
              constat("XYZ", "menace", "Insécurité dans le centre du pays"),
            ],
          },
        ],
        { session: "J1" },
      ),
    ];
    expect(report(files).axes.map((a) => [a.axis.code, a.axis.number])).toEqual([
      ["PREV", 1],
      ["PROT", 2],
      ["POUR", 3],
      ["COOR", 4],
      ["XYZ", 5],
    ]);
  });

  it.each([
    // axis, statuses, assessed, rate, band
    ["PREV", statuses(1, 1, 0, 1), 3, 0.5, "moyen"],
    ["PROT", statuses(0, 0, 1), 1, 0.4, "insuffisant"],
    ["POUR", statuses(0, 0, 0), 0, null, null],
    ["COOR", statuses(0, 0, 0), 0, null, null],
    ["XYZ", statuses(1, 0, 0), 1, 1, "satisfaisant"],
  ])(
    "%s: counts activities by status, outside-plan ones and those without status left out, and gives the axis's rate",
    (code, counts, assessed, rate, band) => {
      const axis = byCode(code);
      expect(axis?.statuses).toEqual(counts);
      expect(axis?.assessed).toBe(assessed);
      expect(axis?.rate).toBe(rate);
      expect(axis?.band).toBe(band);
    },
  );

  it.each([
    // Σ prévu and Σ exécuté only over the activities that give both; 1.6 (outside the plan) not.
    ["PREV", { planned: 300, spent: 200, activities: 2, execution: 0.666667 }],
    ["PROT", { planned: 500, spent: 100, activities: 1, execution: 0.2 }],
    ["POUR", { planned: 0, spent: 0, activities: 0, execution: null }],
    ["XYZ", { planned: 0, spent: 0, activities: 0, execution: null }],
  ])("%s: sums the budget of the activities that give both amounts", (code, budget) => {
    expect(byCode(code)?.budget).toEqual(budget);
  });

  it("has no reference figures without a reference plan", () => {
    const m = model();
    expect(m.axes.map((a) => [a.inReference, a.unassessed])).toEqual(
      m.axes.map(() => [null, null]),
    );
  });
});

describe("key figures", () => {
  it("counts the activities in the rate, the global rate and the budget of the counted ones", () => {
    const m = report(assessments());
    expect(m.key).toEqual({
      assessed: 5,
      reference: null,
      assessedInReference: null,
      notInReference: [],
      horsPlan: ["1.6"],
      // (1 + 0.5 + 0 + 0.4 + 1) / 5
      rate: 0.58,
      band: "moyen",
      budget: { planned: 800, spent: 300, activities: 3, execution: 0.375 },
      findings: 0,
      findingClusters: 0,
      propositions: 0,
      conflicts: 0,
    });
  });

  it("says what the report was built from", () => {
    const files = [
      ...assessments(),
      submission(
        "J1/g2.csv",
        [
          { kind: "constats", rows: [constat("PREV", "force", "Radios communautaires actives")] },
          { kind: "propositions", rows: [proposition("PREV", "O1", "Former les journalistes")] },
        ],
        { session: "J1" },
      ),
    ];
    const m = report(files, { reference: PLAN() });
    expect(m.received).toEqual({
      rowsRead: 9,
      rowsAccepted: 9,
      bilan: 7,
      constats: 1,
      propositions: 1,
      unread: [],
      reference: "plan/PAN.csv",
      gaps: { bilan: [], propositions: [] },
    });
    expect(report(files).received.reference).toBeNull();
  });
});

describe("coverage of the reference plan", () => {
  const model = () => report(assessments(), { reference: PLAN() });

  it("counts the plan's activities, those some row assessed, and names the assessed codes it lacks", () => {
    const m = model();
    expect(m.key.reference).toBe(7);
    // 1.1, 1.2, 1.5 (assessed without a status), 2.1.
    expect(m.key.assessedInReference).toBe(4);
    // Counted in the rate but not in the plan; 1.6 is outside every figure.
    expect(m.key.notInReference).toEqual(["1.4", "9.1"]);
    expect(m.key.horsPlan).toEqual(["1.6"]);
  });

  it.each([
    ["PREV", 4, 1],
    ["PROT", 2, 1],
    ["POUR", 1, 1],
    ["COOR", 0, 0],
    ["XYZ", 0, 0],
  ])("%s: %i activities in the plan, %i nobody assessed", (code, inReference, unassessed) => {
    const axis = model().axes.find((a) => a.axis.code === code);
    expect([axis?.inReference, axis?.unassessed]).toEqual([inReference, unassessed]);
  });

  it("lists the plan's activities nobody assessed with their axis and title, in plan order", () => {
    expect(model().unassessed).toEqual([
      { code: "1.3", axe: "PREV", activite: "Cartographier les zones de départ", rejected: false },
      { code: "2.2", axe: "PROT", activite: "Former les travailleurs sociaux", rejected: false },
      { code: "3.1", axe: "POUR", activite: "Créer un pôle judiciaire", rejected: false },
    ]);
  });

  it("marks a carried-over activity that the plan lists", () => {
    const files = [
      ...assessments(),
      submission(
        "J1/g2.csv",
        [
          {
            kind: "propositions",
            rows: [
              proposition("PREV", "O1", "Cartographier les zones de départ", {
                code_activite_origine: "1.3",
                nature: "reconduite",
              }),
            ],
          },
        ],
        { session: "J1" },
      ),
    ];
    const [carried] = report(files, { reference: PLAN() }).carriedOver;
    expect(carried?.code).toBe("1.3");
    expect(carried?.activite).toBe("Cartographier les zones de départ");
    expect(carried?.inReference).toBe(true);
  });
});

// --- findings and recommendations ----------------------------------------------------------------

/**
 * Group a raises five PREV weaknesses and a strength; group b raises one of them under COOR too
 * (a cross-cutting finding), a PROT weakness, and proposes four actions. The consolidation lists
 * the actions by axis (Bâtir, Créer, Équiper, Réunir); the weaknesses they answer come in another
 * order (Créer's, Bâtir's, Réunir's through the cross-cutting one, Équiper's), so the
 * recommendations are in the right order only if the report sorts them.
 */
const COORDINATION = "Coordination insuffisante entre les ministères";

const findings = (withProposals = true) => [
  submission(
    "J1/a.csv",
    [
      {
        kind: "constats",
        rows: [
          constat("PREV", "faiblesse", "Centres d'accueil insuffisants"),
          constat("PREV", "faiblesse", "Absence de fichier central des victimes"),
          constat("PREV", "faiblesse", "Faible implication des leaders religieux"),
          constat("PREV", "faiblesse", "Corruption des agents aux frontières"),
          constat("PREV", "faiblesse", COORDINATION),
          constat("PREV", "force", "Radios communautaires actives"),
        ],
      },
    ],
    { session: "J1" },
  ),
  submission(
    "J1/b.csv",
    [
      {
        kind: "constats",
        rows: [
          constat("COOR", "faiblesse", COORDINATION),
          constat("PROT", "faiblesse", "Manque de matériel dans les centres d'accueil"),
        ],
      },
      {
        kind: "propositions",
        rows: withProposals
          ? [
              proposition(
                "PREV",
                "O1",
                "Créer un fichier central des victimes avec les leaders religieux",
              ),
              proposition("PREV", "O1", "Bâtir des centres d'accueil"),
              proposition("PROT", "O2", "Équiper les centres d'accueil"),
              proposition("COOR", "O3", "Réunir chaque trimestre la coordination des ministères"),
            ]
          : [],
      },
    ],
    { session: "J1" },
  ),
];

const BATIR = "Bâtir des centres d'accueil";
const CREER = "Créer un fichier central des victimes avec les leaders religieux";
const EQUIPER = "Équiper les centres d'accueil";
const REUNIR = "Réunir chaque trimestre la coordination des ministères";

describe("weaknesses and the actions that address them", () => {
  const model = () => report(findings());
  const headline = (k: { wordings: { text: string }[] }) => k.wordings[0]?.text;

  it("gives each weakness the actions that address it, the strength none", () => {
    const clusters = model().findings.flatMap((f) => Object.values(f.types).flat());
    expect(clusters.map((k) => [k.axe, headline(k), k.addressedBy, k.crossCutting])).toEqual([
      ["PREV", "Radios communautaires actives", [], false],
      // Raised by two groups (under two axes): first of its axis, and cross-cutting.
      ["PREV", COORDINATION, [REUNIR], true],
      ["PREV", "Absence de fichier central des victimes", [CREER], false],
      ["PREV", "Centres d'accueil insuffisants", [BATIR], false],
      ["PREV", "Corruption des agents aux frontières", [], false],
      ["PREV", "Faible implication des leaders religieux", [CREER], false],
      ["PROT", "Manque de matériel dans les centres d'accueil", [EQUIPER], false],
      // Addressed by an action of its other axis.
      ["COOR", COORDINATION, [REUNIR], true],
    ]);
  });

  it("counts weaknesses by part (one per axis), clusters once, and lists the unaddressed", () => {
    const m = model();
    expect(m.weaknesses.total).toBe(7);
    expect(m.weaknesses.addressed).toBe(6);
    expect(m.weaknesses.unaddressed.map(headline)).toEqual([
      "Corruption des agents aux frontières",
    ]);
    expect(m.key.findings).toBe(8);
    // The cross-cutting weakness is one cluster in two parts.
    expect(m.key.findingClusters).toBe(7);
    expect(m.key.propositions).toBe(4);
  });

  it("lists no weakness as unaddressed when the workshop made no proposal", () => {
    // Without proposals "unaddressed" would name every weakness: the report says nothing instead.
    const none = report(findings(false));
    expect(none.weaknesses).toEqual({ total: 7, addressed: 0, unaddressed: [] });
  });

  it("shows a cross-cutting finding with its axes in the configuration's order and every action of its parts once", () => {
    const m = model();
    expect(m.crossCutting.map((k) => [k.type, k.groups, k.axes.map((a) => a.code)])).toEqual([
      ["faiblesse", ["a", "b"], ["PREV", "COOR"]],
    ]);
    expect(m.crossCutting[0]?.addressedBy).toEqual([REUNIR]);
  });

  it("lists the axes of the new plan: the configured ones", () => {
    expect(model().planAxes.map((a) => [a.code, a.number])).toEqual([
      ["PREV", 1],
      ["PROT", 2],
      ["POUR", 3],
      ["COOR", 4],
    ]);
  });
});

describe("recommendations", () => {
  const recommendations = () => report(findings()).recommendations;

  it("lists the proposals that address a weakness, by axis of the new plan, then in consolidation order", () => {
    expect(recommendations().map((r) => [r.axe, r.objectif, r.action])).toEqual([
      ["PREV", "O1", BATIR],
      ["PREV", "O1", CREER],
      ["PROT", "O2", EQUIPER],
      ["COOR", "O3", REUNIR],
    ]);
  });

  it("names the weaknesses each addresses by headline and axis, a cross-cutting one under each axis", () => {
    expect(recommendations().map((r) => r.addresses)).toEqual([
      [{ text: "Centres d'accueil insuffisants", axe: "PREV" }],
      [
        { text: "Absence de fichier central des victimes", axe: "PREV" },
        { text: "Faible implication des leaders religieux", axe: "PREV" },
      ],
      [{ text: "Manque de matériel dans les centres d'accueil", axe: "PROT" }],
      [
        { text: COORDINATION, axe: "PREV" },
        { text: COORDINATION, axe: "COOR" },
      ],
    ]);
  });

  it("cites the proposal's sources", () => {
    expect(recommendations()[0]?.sources).toEqual([
      { file: "J1/b.csv", sheet: null, row: 3, groupe: "b", session: "J1" },
    ]);
  });

  it("has none without proposals", () => {
    expect(report(findings(false)).recommendations).toEqual([]);
  });
});

// --- conflicts -----------------------------------------------------------------------------------

describe("conflicts", () => {
  /** Groups g1 and g2 disagree on the status of 1.1 (titled), 1.3 (untitled) and 7.7 (untitled). */
  const disputed = () => [
    bilanFile("J1/g1.csv", "J1", [
      bilan("1.1", "realise"),
      bilan("1.3", "realise", { activite: null }),
      bilan("7.7", "realise", { activite: null }),
    ]),
    bilanFile("J1/g2.csv", "J1", [
      bilan("1.1", "partiel"),
      bilan("1.3", "partiel", { activite: null }),
      bilan("7.7", "partiel", { activite: null }),
    ]),
  ];

  it("titles a disputed activity from its row, else from the reference plan, else not at all", () => {
    const m = report(disputed(), { reference: PLAN() });
    expect(m.conflicts.map((k) => [k.kind, k.key, k.field, k.activite])).toEqual([
      ["bilan", "1.1", "statut", "Activité 1.1"],
      ["bilan", "1.3", "statut", "Cartographier les zones de départ"],
      ["bilan", "7.7", "statut", null],
    ]);
    expect(m.key.conflicts).toBe(3);
  });

  it("titles a disputed activity only from its row without a reference plan", () => {
    const m = report(disputed());
    expect(m.conflicts.map((k) => [k.key, k.activite])).toEqual([
      ["1.1", "Activité 1.1"],
      ["1.3", null],
      ["7.7", null],
    ]);
  });
});

// --- what the report says of its inputs ----------------------------------------------------------

describe("title, periods and settings", () => {
  it("translates the default title for the English report", () => {
    expect(report([]).title).toEqual({ fr: DEFAULT_TITLE.fr, en: DEFAULT_TITLE.en });
  });

  it("keeps a title of the configuration in both languages", () => {
    const own = { ...config, title: "Atelier de Ségou" };
    expect(report([], { config: own }).title).toEqual({
      fr: "Atelier de Ségou",
      en: "Atelier de Ségou",
    });
  });

  it("gives the periods, weights and bands of the configuration", () => {
    const m = report([]);
    expect(m.review).toEqual({ label: "PAN 2018-2022", from: 2018, to: 2022 });
    expect(m.plan).toEqual({ label: "PAN 2023-2027", from: 2023, to: 2027 });
    expect(m.weights).toEqual({
      realise: 1,
      partiel: 0.5,
      en_cours: 0.5,
      non_realise: 0,
      abandonne: 0,
    });
    expect(m.bands).toEqual({ satisfaisant: 0.75, moyen: 0.5 });
    expect(m.generated).toBe("1970-01-01T00:00:00.000Z");
  });

  it("counts the updates a group made in a later session", () => {
    const m = report([
      bilanFile("J1/g1.csv", "J1", [bilan("1.1", "partiel")]),
      bilanFile("J2/g1.csv", "J2", [bilan("1.1", "realise")], "g1"),
    ]);
    expect(m.history).toEqual({ updates: 1, replaced: 0 });
  });
});

describe("gaps and problems", () => {
  /** A file with one rejected row of each kind, whose activity code could not be read. */
  const partial = (): FileReport => {
    const f = submission(
      "J1/g3.csv",
      [
        {
          kind: "bilan",
          rows: [{ values: bilan("", "realise"), issues: [badCell("J1/g3.csv", 2)] }],
        },
        {
          kind: "propositions",
          rows: [
            proposition("PREV", "O1", "Former les journalistes"),
            { values: proposition("PREV", "O1", ""), issues: [badCell("J1/g3.csv", 3)] },
          ],
        },
      ],
      { session: "J1", groupe: "Groupe 3" },
    );
    f.sheets = [
      { name: "Bilan", kind: "bilan", headerRow: 1, rows: 1, accepted: 0, rejected: 1 },
      {
        name: "Propositions",
        kind: "propositions",
        headerRow: 1,
        rows: 2,
        accepted: 1,
        rejected: 1,
      },
    ];
    return f;
  };

  it("names, for each kind, the submission whose rejected rows may be missing from it", () => {
    const m = report([partial()]);
    expect(m.received.gaps).toEqual({
      bilan: [{ path: "J1/g3.csv", groupe: "Groupe 3", rejected: 1 }],
      propositions: [{ path: "J1/g3.csv", groupe: "Groupe 3", rejected: 1 }],
    });
  });

  it("counts the reference plan's problems with the submissions'", () => {
    const reference = PLAN();
    reference.report.issues.push(issue("no-data", { file: "plan/PAN.csv" }));
    const m = report([partial()], { reference });
    expect(m.quality.byCode.map((k) => [k.code, k.problems])).toEqual([
      ["missing-value", 2],
      ["no-data", 1],
    ]);
    expect(m.quality.byFile.map((f) => f.path)).toEqual(["J1/g3.csv", "plan/PAN.csv"]);
  });
});
