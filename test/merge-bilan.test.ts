import { describe, expect, it } from "vitest";
import { type Config, DEFAULT_AXES } from "../src/config.js";
import { issue } from "../src/issues.js";
import { mergeSubmissions } from "../src/merge/index.js";
import type { FileReport, Resolution } from "../src/model.js";
import {
  badCell,
  bilan,
  bilanFile,
  byCode,
  config,
  constat,
  plan,
  proposition,
  src,
  submission,
} from "./helpers/submissions.js";

/**
 * The rules of a bilan row (src/merge/bilan.ts) and of the consolidation around it
 * (src/merge/index.ts), on rows made in memory.
 */

const merge = (files: FileReport[], options: Parameters<typeof mergeSubmissions>[2] = {}) =>
  mergeSubmissions(files, config, options);

const fieldsOf = (r: ReturnType<typeof merge>) => r.conflits.map((c) => [c.key, c.field]);

/** A source whose group is given, not taken from the file name. */
const srcOf = (file: string, session: string | null, groupe: string, row = 2) => ({
  ...src(file, session, row),
  groupe,
});

// --- the axis ------------------------------------------------------------------------------------

describe("the axis of an activity", () => {
  const twoAxes = (code: string, first: string, second: string) => [
    bilanFile("J1/a.csv", "J1", [bilan(code, "realise", { axe: first })]),
    bilanFile("J1/b.csv", "J1", [bilan(code, "realise", { axe: second })]),
  ];

  it("takes a disputed axis from the reference plan when the plan lists the activity", () => {
    // Neither group's axis, nor the one the code's number gives (2 = PROT): the plan's.
    const r = merge(twoAxes("2.1.1", "PREV", "PROT"), { reference: plan(["2.1.1"], "COOR") });
    expect(r.conflits).toEqual([
      {
        kind: "bilan",
        key: "2.1.1",
        field: "axe",
        chosen: "COOR",
        rule: "reference-plan",
        versions: [
          { value: "PREV", source: src("J1/a.csv", "J1") },
          { value: "PROT", source: src("J1/b.csv", "J1") },
        ],
      },
    ]);
    expect(byCode(r.bilan, "2.1.1")?.axe).toBe("COOR");
  });

  it("writes the plan's axis on the row even when every group wrote the same other one", () => {
    const r = merge(twoAxes("2.1.1", "PREV", "PREV"), { reference: plan(["2.1.1"], "COOR") });
    expect(byCode(r.bilan, "2.1.1")?.axe).toBe("COOR");
    expect(r.conflits).toEqual([]);
  });

  it("without the plan, takes the axis the code's first number names", () => {
    const r = merge(twoAxes("2.1.1", "PREV", "COOR"));
    expect(r.conflits.map((c) => [c.field, c.chosen, c.rule])).toEqual([
      ["axe", "PROT", "activity-code"],
    ]);
    expect(byCode(r.bilan, "2.1.1")?.axe).toBe("PROT");
  });

  it("takes the axis from the code when the plan does not list the activity", () => {
    const r = merge(twoAxes("2.1.1", "PREV", "COOR"), { reference: plan(["9.9.9"], "COOR") });
    expect(r.conflits.map((c) => [c.field, c.chosen, c.rule])).toEqual([
      ["axe", "PROT", "activity-code"],
    ]);
  });

  it("reads the code's whole first number (11.2.1 is axis 11)", () => {
    const axes = [
      ...DEFAULT_AXES,
      { code: "ONZE", number: 11, fr: "Onze", en: "Eleven", aliases: [] },
    ];
    const eleven: Config = { ...config, review: { ...config.review, axes } };
    const r = mergeSubmissions(twoAxes("11.2.1", "PREV", "PROT"), eleven);
    expect(r.conflits.map((c) => [c.field, c.chosen, c.rule])).toEqual([
      ["axe", "ONZE", "activity-code"],
    ]);
  });

  it("keeps the first group's axis when the code does not start with a number", () => {
    const r = merge(twoAxes("HP-2.1", "PREV", "PROT"));
    expect(r.conflits.map((c) => [c.field, c.chosen, c.rule])).toEqual([
      ["axe", "PREV", "first-source"],
    ]);
  });
});

// --- fields outside the assessment ---------------------------------------------------------------

describe("fields that are not part of the assessment", () => {
  it("keep the first group's value when groups of one status word them differently", () => {
    const r = merge([
      bilanFile("J1/a.csv", "J1", [bilan("1.1.1", "realise", { responsable: "MJDH" })]),
      bilanFile("J1/b.csv", "J1", [bilan("1.1.1", "realise", { responsable: "MSAH" })]),
    ]);
    // Not tied to the status: no `follows`.
    expect(r.conflits).toEqual([
      {
        kind: "bilan",
        key: "1.1.1",
        field: "responsable",
        chosen: "MJDH",
        rule: "first-source",
        versions: [
          { value: "MJDH", source: src("J1/a.csv", "J1") },
          { value: "MSAH", source: src("J1/b.csv", "J1") },
        ],
      },
    ]);
    expect(byCode(r.bilan, "1.1.1")?.responsable).toBe("MJDH");
  });

  it("come from the chosen assessment when groups of different statuses disagree", () => {
    const r = merge([
      bilanFile("J1/a.csv", "J1", [bilan("1.1.1", "realise", { source_financement: "Etat" })]),
      bilanFile("J1/b.csv", "J1", [bilan("1.1.1", "partiel", { source_financement: "OIM" })]),
    ]);
    expect(r.conflits.map((c) => [c.field, c.chosen, c.rule, c.follows])).toEqual([
      ["statut", "partiel", "conservative-status", undefined],
      ["source_financement", "OIM", "chosen-assessment", "statut"],
    ]);
    expect(byCode(r.bilan, "1.1.1")?.source_financement).toBe("OIM");
  });

  it("fall back to every group's value when no group of the chosen status gave one", () => {
    const r = merge([
      bilanFile("J1/a.csv", "J1", [bilan("1.1.1", "realise", { source_financement: "Etat" })]),
      bilanFile("J1/b.csv", "J1", [bilan("1.1.1", "realise", { source_financement: "OIM" })]),
      bilanFile("J1/c.csv", "J1", [bilan("1.1.1", "partiel")]),
    ]);
    expect(r.conflits.map((c) => [c.field, c.chosen, c.rule, c.follows])).toEqual([
      ["statut", "partiel", "conservative-status", undefined],
      ["source_financement", "Etat", "first-source", undefined],
    ]);
  });

  it("leave out a value a group gave with a status it has since changed", () => {
    // X said done with the State's funding in J1, then partial in J2 without saying; Y says done
    // in J2. Partial is chosen: X's J1 funding went with its old assessment, so it is not the
    // chosen assessment's, and Y's latest value stands.
    const r = merge([
      bilanFile("J1/x.csv", "J1", [bilan("1.1.1", "realise", { source_financement: "Etat" })], "X"),
      bilanFile("J2/x.csv", "J2", [bilan("1.1.1", "partiel")], "X"),
      bilanFile("J2/y.csv", "J2", [bilan("1.1.1", "realise", { source_financement: "OIM" })], "Y"),
    ]);
    const funding = r.conflits.find((c) => c.field === "source_financement");
    expect([funding?.chosen, funding?.rule, funding?.follows]).toEqual([
      "OIM",
      "latest-session",
      undefined,
    ]);
  });

  it("the spent budget stays the lower one and the unplanned mark stays, whatever the status", () => {
    // Neither follows the status: the spent budget by the conservative rule, the unplanned mark
    // because it says what the activity is, not how it went.
    const r = merge([
      bilanFile("J1/a.csv", "J1", [
        bilan("1.1.1", "realise", { budget_execute: 2_000_000, hors_plan: true }),
      ]),
      bilanFile("J1/b.csv", "J1", [bilan("1.1.1", "partiel", { budget_execute: 5_000_000 })]),
    ]);
    expect(r.conflits.map((c) => [c.field, c.chosen, c.rule, c.follows])).toEqual([
      ["statut", "partiel", "conservative-status", undefined],
      ["budget_execute", 2_000_000, "conservative-value", undefined],
    ]);
    expect(byCode(r.bilan, "1.1.1")).toMatchObject({ budget_execute: 2_000_000, hors_plan: true });
  });
});

// --- the assessment ------------------------------------------------------------------------------

describe("the rate and texts of the chosen assessment", () => {
  it("are empty when only an outvoted group gave them, the outvoted values listed", () => {
    const r = merge([
      bilanFile("J1/a.csv", "J1", [
        bilan("1.1.1", "realise", { taux_realisation: 100, resultat: "Fait" }),
      ]),
      bilanFile("J1/b.csv", "J1", [bilan("1.1.1", "partiel")]),
    ]);
    // registry order: the result, the status, the rate
    expect(r.conflits).toEqual([
      {
        kind: "bilan",
        key: "1.1.1",
        field: "resultat",
        chosen: null,
        rule: "chosen-assessment",
        follows: "statut",
        versions: [{ value: "Fait", source: src("J1/a.csv", "J1") }],
      },
      expect.objectContaining({ field: "statut", chosen: "partiel" }),
      {
        kind: "bilan",
        key: "1.1.1",
        field: "taux_realisation",
        chosen: null,
        // the rate falls back to the status weight: the status's rule is the rate's
        rule: "conservative-status",
        follows: "statut",
        versions: [{ value: 100, source: src("J1/a.csv", "J1") }],
      },
    ]);
    expect(byCode(r.bilan, "1.1.1")).toMatchObject({ taux_realisation: null, resultat: null });
  });

  it("follow the status when it was disputed, even if the chosen groups' rates alone disagree", () => {
    const r = merge([
      bilanFile("J1/a.csv", "J1", [bilan("1.1.1", "partiel", { taux_realisation: 40 })]),
      bilanFile("J1/b.csv", "J1", [bilan("1.1.1", "partiel", { taux_realisation: 60 })]),
      bilanFile("J1/c.csv", "J1", [bilan("1.1.1", "realise")]),
    ]);
    expect(r.conflits.map((c) => [c.field, c.chosen, c.rule, c.follows])).toEqual([
      ["statut", "partiel", "conservative-status", undefined],
      ["taux_realisation", 40, "conservative-value", "statut"],
    ]);
  });

  it("drop a group's rate once it changed status without giving one, listed as an update to none", () => {
    const r = merge([
      bilanFile("J1/g.csv", "J1", [bilan("1.1.1", "partiel", { taux_realisation: 40 })]),
      bilanFile("J2/g.csv", "J2", [bilan("1.1.1", "realise")]),
    ]);
    expect(byCode(r.bilan, "1.1.1")).toMatchObject({ statut: "realise", taux_realisation: null });
    expect(r.conflits).toEqual([]);
    expect(r.mises_a_jour).toEqual([
      {
        kind: "bilan",
        key: "1.1.1",
        field: "statut",
        groupe: "g",
        previous: { value: "partiel", source: src("J1/g.csv", "J1") },
        value: "realise",
        source: src("J2/g.csv", "J2"),
      },
      {
        kind: "bilan",
        key: "1.1.1",
        field: "taux_realisation",
        groupe: "g",
        previous: { value: 40, source: src("J1/g.csv", "J1") },
        value: null,
        source: src("J2/g.csv", "J2"),
      },
    ]);
  });

  it("list a group's earlier rate as an update to its new one", () => {
    const r = merge([
      bilanFile("J1/g.csv", "J1", [bilan("1.1.1", "partiel", { taux_realisation: 40 })]),
      bilanFile("J2/g.csv", "J2", [bilan("1.1.1", "partiel", { taux_realisation: 60 })]),
    ]);
    expect(byCode(r.bilan, "1.1.1")?.taux_realisation).toBe(60);
    expect(r.mises_a_jour.map((u) => [u.field, u.previous.value, u.value, u.source])).toEqual([
      ["taux_realisation", 40, 60, src("J2/g.csv", "J2")],
    ]);
  });
});

// --- resolutions ---------------------------------------------------------------------------------

describe("the rapporteur's resolutions", () => {
  const at = (row: number) => ({ file: "resolutions.csv", row, column: "A" });
  const files = [
    bilanFile("J1/a.csv", "J1", [bilan("2.2.1", "partiel", { taux_realisation: 50 })]),
    bilanFile("J2/b.csv", "J2", [bilan("2.2.1", "realise", { taux_realisation: 100 })]),
    bilanFile("J2/c.csv", "J2", [bilan("2.2.2", "realise")]),
  ];
  const resolutions: Resolution[] = [
    { key: "2.2.1", field: "statut", value: "partiel", motif: null, at: at(2) },
    { key: "2.2.1", field: "taux_realisation", value: 60, motif: "Compté en plénière", at: at(3) },
    { key: "2.2.2", field: "statut", value: "realise", motif: null, at: at(4) },
  ];
  const run = () =>
    merge(files, { resolutions: { list: resolutions, reports: [submission("res.csv", [])] } });

  it("keep what the rule would have chosen beside the decision, and the motif when given", () => {
    const r = run();
    expect(r.conflits).toEqual([
      {
        kind: "bilan",
        key: "2.2.1",
        field: "statut",
        chosen: "partiel",
        rule: "resolution",
        // no motif written: none listed
        byRule: { chosen: "realise", rule: "latest-session" },
        versions: [
          { value: "partiel", source: src("J1/a.csv", "J1") },
          { value: "realise", source: src("J2/b.csv", "J2") },
        ],
      },
      {
        kind: "bilan",
        key: "2.2.1",
        field: "taux_realisation",
        chosen: 60,
        rule: "resolution",
        // the rapporteur decided the rate itself: it no longer follows the status
        motif: "Compté en plénière",
        byRule: { chosen: 50, rule: "resolution" },
        versions: [
          { value: 50, source: src("J1/a.csv", "J1") },
          { value: 100, source: src("J2/b.csv", "J2") },
        ],
      },
    ]);
    expect(byCode(r.bilan, "2.2.1")).toMatchObject({ statut: "partiel", taux_realisation: 60 });
  });

  it("report one without a conflict at its row, naming the activity and the field", () => {
    expect(run().issues).toEqual([
      issue("unused-resolution", at(4), {
        field: "statut",
        value: "2.2.2",
        params: { key: "2.2.2", label: { fr: "Statut", en: "Status" } },
      }),
    ]);
  });
});

// --- consolidation (index.ts) --------------------------------------------------------------------

describe("consolidation", () => {
  it("takes the group from the file name without the session it is written in", () => {
    const r = merge([bilanFile("J2/J2-groupe-3.csv", "J2", [bilan("1.1.1", "realise")])]);
    expect(r.bilan[0]?.sources).toEqual([srcOf("J2/J2-groupe-3.csv", "J2", "groupe-3")]);
  });

  it("counts the problems of the reference plan in the summary", () => {
    const reference = plan(["1.1.1"]);
    reference.report.issues.push(
      issue("unknown-column", { file: "plan.csv", row: 1, column: "H" }, { value: "X" }),
    );
    const r = merge([bilanFile("J1/a.csv", "J1", [bilan("1.1.1", "realise")])], { reference });
    expect([r.summary.errors, r.summary.warnings]).toEqual([0, 1]);
  });

  it("leaves a plan table found in a submission out of the rows", () => {
    const file = submission("J1/g.xlsx", [
      { kind: "bilan", rows: [bilan("1.1.1", "realise")] },
      { kind: "reference", rows: [{ code_activite: "1.1.2" }] },
    ]);
    const r = merge([file]);
    expect(r.summary.rows).toEqual({
      read: 1,
      accepted: 1,
      rejected: 0,
      duplicates: 0,
      replaced: 0,
    });
  });

  describe("of two files of one group in one session", () => {
    const versioned = (path: string, version: FileReport["version"], statut: string) => {
      const file = bilanFile(path, "J1", [bilan("1.1.1", statut)]);
      file.version = version;
      return file;
    };
    // Without dates and times, the name that says it is a version (-v2) would be the newer.
    const check = (older: FileReport["version"], newer: FileReport["version"]) => {
      const r = merge([
        versioned("J1/g-v2.csv", older, "partiel"),
        versioned("J1/g.csv", newer, "realise"),
      ]);
      expect(r.remplacees).toEqual([
        {
          kind: "bilan",
          key: "1.1.1",
          source: srcOf("J1/g-v2.csv", "J1", "g"),
          by: srcOf("J1/g.csv", "J1", "g"),
        },
      ]);
      expect(byCode(r.bilan, "1.1.1")?.statut).toBe("realise");
    };

    it("keeps the one of the later Identification date", () => {
      check({ date: "2024-05-01", modified: null }, { date: "2024-05-02", modified: null });
    });

    it("keeps the one modified later when neither has a date", () => {
      check({ date: null, modified: 1_000 }, { date: null, modified: 10_000_000 });
    });
  });

  it("keeps the parts of an identity apart: they are not read run together", () => {
    const r = merge([
      submission("J1/a.csv", [
        // "a" + "menace" + "forces" and "amenace" + "force" + "s" read alike run together
        {
          kind: "constats",
          rows: [constat("A", "menace", "Forces"), constat("AMENACE", "force", "S")],
        },
        {
          kind: "propositions",
          rows: [proposition("PREV", "AB", "C"), proposition("PREV", "A", "BC")],
        },
      ]),
    ]);
    expect(r.constats.map((c) => c.constat).sort()).toEqual(["Forces", "S"]);
    expect(r.propositions.map((p) => p.action).sort()).toEqual(["BC", "C"]);
  });

  it("folds a proposal's cost with its chosen calendar, under the proposal's action", () => {
    const r = merge([
      submission("J1/a.csv", [
        { kind: "propositions", rows: [proposition("PREV", "O", "Former", { cout: 1000 })] },
      ]),
      submission("J1/b.csv", [
        {
          kind: "propositions",
          rows: [proposition("PREV", "O", "Former", { calendrier: [2025], cout: 2000 })],
        },
      ]),
    ]);
    expect(r.conflits.map((c) => [c.kind, c.key, c.field, c.chosen, c.rule, c.follows])).toEqual([
      ["propositions", "Former", "calendrier", [2024], "first-source", undefined],
      ["propositions", "Former", "cout", 1000, "first-source", "calendrier"],
    ]);
  });

  it("counts activities in conflict and activities updated, not fields", () => {
    const r = merge([
      bilanFile("J1/a.csv", "J1", [bilan("1.1.1", "realise"), bilan("1.1.2", "realise")]),
      bilanFile("J1/b.csv", "J1", [bilan("1.1.1", "partiel"), bilan("1.1.2", "partiel")]),
      bilanFile("J1/c.csv", "J1", [
        bilan("1.2.1", "partiel", { taux_realisation: 10 }),
        bilan("1.2.2", "partiel", { taux_realisation: 20 }),
      ]),
      bilanFile("J2/c.csv", "J2", [
        bilan("1.2.1", "partiel", { taux_realisation: 30 }),
        bilan("1.2.2", "partiel", { taux_realisation: 40 }),
      ]),
    ]);
    expect([r.summary.conflicts, r.summary.updates]).toEqual([2, 2]);
  });
});

// --- order ---------------------------------------------------------------------------------------

describe("order", () => {
  /** A file whose second table lists its rows bottom up. */
  const upsideDown = (file: FileReport) => {
    file.tables[1]?.records.reverse();
    return file;
  };

  it("sorts bilan rows and their conflicts by code, then conflicts by field in registry order", () => {
    const r = merge([
      bilanFile("J1/a.csv", "J1", [
        bilan("2.1.1", "realise", { resultat: "X", responsable: "R1" }),
        bilan("1.1.1", "realise"),
      ]),
      bilanFile("J1/b.csv", "J1", [
        bilan("2.1.1", "partiel", { resultat: "Y", responsable: "R2" }),
        bilan("1.1.1", "partiel"),
      ]),
    ]);
    expect(r.bilan.map((b) => b.code_activite)).toEqual(["1.1.1", "2.1.1"]);
    expect(fieldsOf(r)).toEqual([
      ["1.1.1", "statut"],
      ["2.1.1", "responsable"],
      ["2.1.1", "resultat"],
      ["2.1.1", "statut"],
    ]);
  });

  it("lists conflicts by kind before wording, and keeps apart one wording under two axes", () => {
    const r = merge([
      submission("J1/a.csv", [
        {
          kind: "constats",
          rows: [
            constat("PREV", "force", "Zèle", { preuve: "P1" }),
            constat("PREV", "force", "Budget", { preuve: "P1" }),
            constat("PROT", "force", "Budget", { preuve: "P1" }),
          ],
        },
        { kind: "propositions", rows: [proposition("PREV", "O", "Accès", { indicateur: "I1" })] },
      ]),
      submission("J1/b.csv", [
        {
          kind: "constats",
          rows: [
            constat("PREV", "force", "Zèle", { preuve: "P2" }),
            constat("PREV", "force", "Budget", { preuve: "P2" }),
            constat("PROT", "force", "Budget", { preuve: "P2" }),
          ],
        },
        { kind: "propositions", rows: [proposition("PREV", "O", "Accès", { indicateur: "I2" })] },
      ]),
    ]);
    expect(r.conflits.map((c) => [c.kind, c.key, c.versions[0]?.source.row])).toEqual([
      ["constats", "Budget", 3],
      ["constats", "Budget", 4],
      ["constats", "Zèle", 2],
      ["propositions", "Accès", 2],
    ]);
  });

  it("lists updates of one field by the session, then the file, then the row that made them", () => {
    const updaters = (files: FileReport[]) =>
      merge(files).mises_a_jour.map((u) => [u.groupe, u.source.file, u.source.row]);
    const rate = (taux_realisation: number) => bilan("1.1.1", "partiel", { taux_realisation });
    // Y's rows come first in source order; X's update comes first by session, file or row.
    expect(
      updaters([
        bilanFile("a1.csv", "J1", [rate(10)], "Y"),
        bilanFile("a2.csv", "J3", [rate(30)], "Y"),
        bilanFile("b1.csv", "J1", [rate(20)], "X"),
        bilanFile("b2.csv", "J2", [rate(40)], "X"),
      ]),
    ).toEqual([
      ["X", "b2.csv", 2],
      ["Y", "a2.csv", 2],
    ]);
    expect(
      updaters([
        bilanFile("J1/a.csv", "J1", [rate(10)], "Y"),
        bilanFile("J2/z.csv", "J2", [rate(30)], "Y"),
        bilanFile("J1/b.csv", "J1", [rate(20)], "X"),
        bilanFile("J2/c.csv", "J2", [rate(40)], "X"),
      ]),
    ).toEqual([
      ["X", "J2/c.csv", 2],
      ["Y", "J2/z.csv", 2],
    ]);
    expect(
      updaters([
        bilanFile("J1/a.csv", "J1", [rate(10)], "Y"),
        bilanFile("J1/b.csv", "J1", [rate(20)], "X"),
        bilanFile("J2/all.csv", "J2", [
          { values: rate(40), meta: { groupe: "X" } },
          { values: rate(30), meta: { groupe: "Y" } },
        ]),
      ]),
    ).toEqual([
      ["X", "J2/all.csv", 2],
      ["Y", "J2/all.csv", 3],
    ]);
  });

  it("takes a sheet's rows in row order, whatever order they are listed in", () => {
    const r = merge([
      upsideDown(
        submission("J1/g.xlsx", [
          { kind: "constats", rows: [constat("PREV", "force", "Budget")] },
          {
            kind: "bilan",
            rows: [
              bilan("1.1.1", "realise", { responsable: "A" }),
              bilan("1.1.1", "realise", { responsable: "B" }),
            ],
          },
        ]),
      ),
    ]);
    // One group wrote the row twice in one session: both are its word, the first row's first.
    expect(r.conflits.map((c) => [c.field, c.chosen, c.versions.map((v) => v.value)])).toEqual([
      ["responsable", "A", ["A", "B"]],
    ]);
  });

  it("orders rejected rows by file, then table, then row", () => {
    const bad = (file: string, row: number, code: string) => ({
      values: bilan(code, "realise"),
      issues: [badCell(file, row)],
    });
    const r = merge([
      bilanFile("J1/b.csv", "J1", [bad("J1/b.csv", 2, "1.1.1")]),
      bilanFile("J1/a.csv", "J1", [bilan("1.1.2", "realise"), bad("J1/a.csv", 3, "1.1.3")]),
      upsideDown(
        submission("J1/c.xlsx", [
          { kind: "constats", rows: [constat("PREV", "force", "Budget")] },
          {
            kind: "bilan",
            rows: [bad("J1/c.xlsx", 2, "1.1.4"), bad("J1/c.xlsx", 3, "1.1.5")],
          },
        ]),
      ),
    ]);
    expect(r.rejets.map((x) => [x.file, x.row])).toEqual([
      ["J1/a.csv", 3],
      ["J1/b.csv", 2],
      ["J1/c.xlsx", 2],
      ["J1/c.xlsx", 3],
    ]);
  });
});
