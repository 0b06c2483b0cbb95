import { describe, expect, it } from "vitest";
import {
  buildReport,
  codesOfRejected,
  refKey,
  unassessedSplit,
  unreadFiles,
} from "../src/analysis/report.js";
import { type Issue, issue } from "../src/issues.js";
import { mergeSubmissions } from "../src/merge/index.js";
import type {
  Consolidated,
  Consolidation,
  FileReport,
  ReferencePlan,
  SheetReport,
  Source,
} from "../src/model.js";
import {
  badCell,
  bilan,
  config,
  constat,
  full,
  plan,
  proposition,
  type RowSpec,
  submission,
  type Values,
} from "./helpers/submissions.js";

/**
 * What the report model says of its sources and of what is missing: the workshop's dates, the
 * order of findings, the activities carried over, the gaps, the sources annex (files, groups,
 * sessions, compact references), the quality annex; on submissions made in memory, merged by
 * `mergeSubmissions`, or on a consolidation made here when only the findings matter.
 */

const EMPTY = mergeSubmissions([], config);

function model(
  c: Consolidation,
  files: FileReport[] = [],
  references: ReferencePlan[] = [],
  resolutions: FileReport[] = [],
) {
  return buildReport(c, { files, references, resolutions }, config, new Date(0));
}

/** The files merged and reported, with the plan under review when given. */
function reportOf(files: FileReport[], reference?: ReferencePlan) {
  const c = mergeSubmissions(files, config, reference ? { reference } : {});
  return model(c, files, reference ? [reference] : []);
}

/** One sheet per table, counted as validation counts them. */
function counted(f: FileReport): FileReport {
  f.sheets = f.tables.map(
    (t): SheetReport => ({
      name: t.kind,
      kind: t.kind,
      headerRow: 1,
      rows: t.records.length,
      accepted: t.records.filter((r) => !r.rejected).length,
      rejected: t.records.filter((r) => r.rejected).length,
    }),
  );
  return f;
}

const sheet = (kind: SheetReport["kind"], rows: number, rejected = 0): SheetReport => ({
  name: kind,
  kind,
  headerRow: kind === null ? null : 1,
  rows,
  accepted: rows - rejected,
  rejected,
});

/** A submission nothing could be read from: one error, no row. */
const unreadable = (path: string, meta: Record<string, string> = {}): FileReport => ({
  path,
  format: "xlsx",
  meta,
  sheets: [sheet(null, 0)],
  issues: [issue("header-not-found", { file: path, sheet: "Feuil1" })],
  tables: [],
});

/** A row set aside by validation (an error in one of its cells). */
const rejectedRow = (path: string, values: Values, meta: Record<string, string> = {}): RowSpec => ({
  values,
  meta,
  issues: [badCell(path, 2)],
});

const from = (groupe: string | null, session: string | null, file?: string): Source => ({
  file: file ?? `${session ?? "sans-session"}/${groupe ?? "inconnu"}.csv`,
  sheet: null,
  row: 2,
  groupe,
  session,
});

/** A consolidated finding of a cluster, cited by these sources. */
const finding = (cluster: string, axe: string, sources: Source[], type = "faiblesse") =>
  ({
    ...full("constats", constat(axe, type, `Constat ${cluster} ${axe}`)),
    sources,
    cluster,
  }) as unknown as Consolidated<"constats">;

const withFindings = (constats: Consolidated<"constats">[]): Consolidation => ({
  ...EMPTY,
  constats,
});

describe("dates of the workshop taken from the submissions", () => {
  const dated = (
    path: string,
    fileDate: string | undefined,
    rows: { date?: string; rejected?: boolean }[],
  ) =>
    submission(
      path,
      [
        {
          kind: "constats",
          rows: rows.map(
            (r, i): RowSpec => ({
              values: constat("PREV", "force", `Constat ${path} ${i}`),
              meta: r.date === undefined ? {} : { date: r.date },
              issues: r.rejected ? [badCell(path, i + 2)] : [],
            }),
          ),
        },
      ],
      fileDate === undefined ? {} : { date: fileDate },
    );

  it.each([
    [
      "the first and the last of the Identification sheets and the accepted rows",
      [dated("J1/g1.csv", "2023-07-19", [{ date: "2023-07-20" }, { date: "2023-07-18" }])],
      { from: "2023-07-18", to: "2023-07-20" },
    ],
    [
      // A rejected row may hold a typo: its date is not the workshop's.
      "not the date of a rejected row",
      [
        dated("J1/g1.csv", "2023-07-18", [
          { date: "2023-07-19" },
          { date: "2023-07-10", rejected: true },
        ]),
      ],
      { from: "2023-07-18", to: "2023-07-19" },
    ],
    [
      "only ISO days: a date not read, or with more around it, is left out",
      [
        dated("J1/g1.csv", undefined, [{ date: "19/07/2023" }, { date: "x2023-07-10" }]),
        dated("J1/g2.csv", "2023-07-18", [{ date: "2023-07-10x" }, {}]),
      ],
      { from: "2023-07-18", to: "2023-07-18" },
    ],
    [
      "two weeks apart at most",
      [dated("J1/g1.csv", "2023-07-01", [{ date: "2023-07-15" }])],
      { from: "2023-07-01", to: "2023-07-15" },
    ],
    [
      // One `20/07/2032` would put a false span on the cover.
      "none when they span more than two weeks",
      [dated("J1/g1.csv", "2023-07-01", [{ date: "2023-07-16" }])],
      null,
    ],
    ["none when no submission gives a date", [dated("J1/g1.csv", undefined, [{}])], null],
  ])("%s", (_, files, dates) => {
    expect(reportOf(files).about.dates).toEqual(dates);
  });
});

describe("order of the findings under an axis", () => {
  const ranked = (constats: Consolidated<"constats">[]) =>
    model(withFindings(constats)).findings[0]?.types.faiblesse.map((k) => k.id);

  it.each([
    [
      "most groups under the axis first, before groups under any axis",
      [
        finding("b", "PREV", [from("G3", "J1")]),
        finding("b", "PROT", [from("G4", "J1"), from("G5", "J1"), from("G6", "J1")]),
        finding("a", "PREV", [from("G1", "J1"), from("G2", "J1")]),
      ],
      ["a", "b"],
    ],
    [
      "then most groups under any axis",
      [
        finding("a", "PREV", [from("G1", "J1")]),
        finding("b", "PREV", [from("G2", "J1")]),
        finding("b", "PROT", [from("G3", "J1")]),
      ],
      ["b", "a"],
    ],
    [
      "then most sources",
      [
        finding("a", "PREV", [from("G1", "J1")]),
        finding("b", "PREV", [from("G1", "J1"), from("G1", "J2")]),
      ],
      ["b", "a"],
    ],
    [
      "then most sources over every wording",
      [
        finding("a", "PREV", [from("G1", "J1"), from("G1", "J2")]),
        finding("b", "PREV", [from("G1", "J1"), from("G1", "J2")]),
        finding("b", "PREV", [from("G1", "J3")]),
      ],
      ["b", "a"],
    ],
    [
      "then in consolidation order",
      [finding("b", "PREV", [from("G2", "J1")]), finding("a", "PREV", [from("G1", "J1")])],
      ["b", "a"],
    ],
  ])("%s", (_, constats, ids) => {
    expect(ranked(constats)).toEqual(ids);
  });
});

describe("order of the cross-cutting findings", () => {
  const ranked = (constats: Consolidated<"constats">[]) =>
    model(withFindings(constats)).crossCutting.map((k) => k.id);

  it.each([
    [
      "most groups first, before most axes",
      [
        finding("x", "PREV", [from("G1", "J1")]),
        finding("x", "PROT", [from("G2", "J1")]),
        finding("y", "PREV", [from("G1", "J1"), from("G2", "J1"), from("G3", "J1")]),
      ],
      ["y", "x"],
    ],
    [
      "then most axes",
      [
        finding("x", "PREV", [from("G1", "J1"), from("G2", "J1"), from("G3", "J1")]),
        finding("y", "PREV", [from("G1", "J1")]),
        finding("y", "PROT", [from("G2", "J1")]),
        finding("y", "POUR", [from("G3", "J1")]),
      ],
      ["y", "x"],
    ],
    [
      "then most sources",
      [
        finding("x", "PREV", [from("G1", "J1")]),
        finding("x", "PROT", [from("G2", "J1")]),
        finding("y", "PREV", [from("G1", "J1"), from("G1", "J2")]),
        finding("y", "PROT", [from("G2", "J1")]),
      ],
      ["y", "x"],
    ],
    [
      "then in consolidation order",
      [
        finding("y", "PREV", [from("G3", "J1")]),
        finding("y", "PROT", [from("G4", "J1")]),
        finding("x", "PREV", [from("G1", "J1")]),
        finding("x", "PROT", [from("G2", "J1")]),
      ],
      ["y", "x"],
    ],
  ])("%s", (_, constats, ids) => {
    expect(ranked(constats)).toEqual(ids);
  });
});

/** A plan under review whose activities have an axis and a title. */
function titledPlan(activities: [code: string, axe: string, title: string | null][]) {
  const p = plan(activities.map(([code]) => code));
  p.activities.forEach((a, i) => {
    const [, axe, title] = activities[i] ?? [];
    a.axe = axe ?? null;
    a.activite = title ?? null;
  });
  return p;
}

describe("the plan under review", () => {
  it("lists its activities nobody assessed with their axis and title, and names the file", () => {
    const reference = titledPlan([
      ["1.1", "PREV", "Former les magistrats"],
      ["2.1", "PROT", "Ouvrir des centres d'accueil"],
      ["2.2", "PROT", null],
    ]);
    const files = [
      counted(submission("J1/g1.csv", [{ kind: "bilan", rows: [bilan("1.1", "realise")] }])),
    ];
    const m = reportOf(files, reference);
    expect(m.unassessed).toEqual([
      { code: "2.1", axe: "PROT", activite: "Ouvrir des centres d'accueil", rejected: false },
      { code: "2.2", axe: "PROT", activite: null, rejected: false },
    ]);
    expect(m.sources.reference).toEqual({ path: "plan.csv", activities: 3 });
    expect(m.received.reference).toBe("plan.csv");
  });

  it("is said to be missing when none is configured", () => {
    const m = reportOf([
      counted(submission("J1/g1.csv", [{ kind: "bilan", rows: [bilan("1.1", "realise")] }])),
    ]);
    expect(m.sources.reference).toBeNull();
    expect(m.received.reference).toBeNull();
  });
});

describe("activities the proposals carry over", () => {
  const reference = titledPlan([
    ["1.1", "PREV", "Former les magistrats"],
    ["2.1", "PROT", "Ouvrir des centres d'accueil"],
    ["A.3", "POUR", "Juger les trafiquants"],
  ]);
  const files = [
    submission(
      "J1/g1.csv",
      [
        {
          kind: "bilan",
          rows: [
            bilan("1.1", "realise", { activite: "Former 200 magistrats" }),
            bilan("2.1", "partiel", { axe: "PROT", activite: null, taux_realisation: 40 }),
            bilan("4.4", "en_cours", { axe: "COOR", activite: null }),
          ],
        },
        {
          kind: "propositions",
          rows: [
            proposition("PREV", "Former", "Former 500 magistrats", {
              code_activite_origine: "1.10",
              nature: "nouvelle",
            }),
            proposition("PROT", "Accueillir", "Ouvrir dix centres", {
              code_activite_origine: "2.1",
              nature: "reconduite",
            }),
            proposition("POUR", "Juger", "Créer un pôle judiciaire", {
              code_activite_origine: "a.3",
              nature: "reformulee",
            }),
            proposition("POUR", "Juger", "Former les juges d'instruction", {
              code_activite_origine: "A.3",
            }),
            proposition("COOR", "Coordonner", "Réunir le comité", { code_activite_origine: "4.4" }),
            proposition("PREV", "Informer", "Campagnes radio", { code_activite_origine: "1.1" }),
            proposition("PREV", "Informer", "Campagnes télévisées"),
          ],
        },
      ],
      { session: "J1" },
    ),
  ];
  const carried = () => reportOf(files, reference).carriedOver;
  const sources = (row: number) => [
    { file: "J1/g1.csv", sheet: null, row, groupe: "g1", session: "J1" },
  ];

  it("lists each activity named as origin once, in code order, not the proposals without one", () => {
    expect(carried().map((k) => k.code)).toEqual(["1.1", "1.10", "2.1", "4.4", "a.3"]);
  });

  it("takes the title from the assessment, else from the plan, else none", () => {
    expect(carried().map((k) => [k.code, k.activite])).toEqual([
      ["1.1", "Former 200 magistrats"],
      ["1.10", null],
      ["2.1", "Ouvrir des centres d'accueil"],
      ["4.4", null],
      ["a.3", "Juger les trafiquants"],
    ]);
  });

  it("gives the assessment of the activity and whether the plan lists it", () => {
    expect(carried().map((k) => [k.code, k.assessment, k.inReference])).toEqual([
      ["1.1", { axe: "PREV", statut: "realise", taux_realisation: null, score: 1 }, true],
      ["1.10", null, false],
      ["2.1", { axe: "PROT", statut: "partiel", taux_realisation: 40, score: 0.4 }, true],
      ["4.4", { axe: "COOR", statut: "en_cours", taux_realisation: null, score: 0.5 }, false],
      ["a.3", null, true],
    ]);
  });

  it("gathers the proposals of one activity, however its code is written", () => {
    expect(carried().find((k) => k.code === "a.3")?.proposals).toEqual([
      {
        axe: "POUR",
        action: "Créer un pôle judiciaire",
        nature: "reformulee",
        sources: sources(4),
      },
      { axe: "POUR", action: "Former les juges d'instruction", nature: null, sources: sources(5) },
    ]);
    expect(carried().find((k) => k.code === "2.1")?.proposals).toEqual([
      { axe: "PROT", action: "Ouvrir dix centres", nature: "reconduite", sources: sources(3) },
    ]);
  });

  it("writes a proposal without action as an empty action", () => {
    const c: Consolidation = {
      ...EMPTY,
      propositions: [
        {
          ...full("propositions", { axe: "PREV", code_activite_origine: "1.1" }),
          sources: [],
        } as unknown as Consolidated<"propositions">,
      ],
    };
    expect(model(c).carriedOver).toEqual([
      {
        code: "1.1",
        activite: null,
        assessment: null,
        inReference: false,
        proposals: [{ axe: "PREV", action: "", nature: null, sources: [] }],
      },
    ]);
  });
});

describe("submissions whose rows are not all in the results", () => {
  const gaps = (files: FileReport[]) => reportOf(files).received.gaps;

  it("names an unread submission for every kind, with its group", () => {
    expect(gaps([unreadable("J1/groupe-9.xlsx", { groupe: "Groupe 9" })])).toEqual({
      bilan: [{ path: "J1/groupe-9.xlsx", groupe: "Groupe 9", rejected: null }],
      propositions: [{ path: "J1/groupe-9.xlsx", groupe: "Groupe 9", rejected: null }],
    });
  });

  it("counts the rejected rows of each kind apart", () => {
    const path = "J1/g1.csv";
    const f = counted(
      submission(
        path,
        [
          {
            kind: "bilan",
            rows: [
              rejectedRow(path, bilan("", "realise", { code_activite: null })),
              bilan("1.1", "realise"),
              rejectedRow(path, bilan("", "realise", { code_activite: null })),
            ],
          },
          {
            kind: "propositions",
            rows: [
              rejectedRow(path, proposition("PREV", "O", "Former")),
              proposition("PREV", "O", "Informer"),
            ],
          },
          { kind: "constats", rows: [rejectedRow(path, constat("PREV", "force", "Radios"))] },
        ],
        { groupe: "Groupe 1" },
      ),
    );
    expect(gaps([f])).toEqual({
      bilan: [{ path, groupe: "Groupe 1", rejected: 2 }],
      propositions: [{ path, groupe: "Groupe 1", rejected: 1 }],
    });
  });

  it("leaves out a rejected assessment whose activity code was read: it is said with that activity", () => {
    const path = "J1/g1.csv";
    const partly = counted(
      submission(
        path,
        [
          {
            kind: "bilan",
            rows: [
              rejectedRow(path, bilan("1.4", "???")),
              rejectedRow(path, bilan("", "realise", { code_activite: null })),
              rejectedRow(path, bilan("", "realise")),
            ],
          },
        ],
        { groupe: "Groupe 1" },
      ),
    );
    const said = counted(
      submission("J1/g2.csv", [
        { kind: "bilan", rows: [rejectedRow("J1/g2.csv", bilan("1.5", "???"))] },
      ]),
    );
    expect(gaps([partly, said]).bilan).toEqual([{ path, groupe: "Groupe 1", rejected: 2 }]);
  });

  it("gives the group of the missing rows of the kind, none when they are several", () => {
    const several = "J1/atelier.csv";
    const one = "J1/b.csv";
    const kinds = "J1/c.csv";
    const files = [
      counted(
        submission(several, [
          {
            kind: "bilan",
            rows: [
              rejectedRow(several, bilan("", "realise", { code_activite: null }), {
                groupe: "Groupe 1",
              }),
              rejectedRow(several, bilan("", "realise", { code_activite: null }), {
                groupe: "Groupe 2",
              }),
            ],
          },
        ]),
      ),
      counted(
        submission(one, [
          {
            kind: "bilan",
            rows: [
              // Said with its activity: not the group whose rows are missing.
              rejectedRow(one, bilan("1.1", "???"), { groupe: "Groupe 3" }),
              rejectedRow(one, bilan("", "realise", { code_activite: null }), {
                groupe: "Groupe 4",
              }),
            ],
          },
        ]),
      ),
      counted(
        submission(kinds, [
          {
            kind: "bilan",
            rows: [
              rejectedRow(kinds, bilan("", "realise", { code_activite: null }), {
                groupe: "Groupe 5",
              }),
            ],
          },
          {
            kind: "propositions",
            rows: [rejectedRow(kinds, proposition("PREV", "O", "Former"), { groupe: "Groupe 6" })],
          },
        ]),
      ),
    ];
    expect(gaps(files)).toEqual({
      bilan: [
        { path: several, groupe: null, rejected: 2 },
        { path: one, groupe: "Groupe 4", rejected: 1 },
        { path: kinds, groupe: "Groupe 5", rejected: 1 },
      ],
      propositions: [{ path: kinds, groupe: "Groupe 6", rejected: 1 }],
    });
  });

  it("counts rejected rows validation did not keep, under the file's group", () => {
    const f: FileReport = {
      ...submission("J2/groupe-2.csv", [], { groupe: "Groupe 2" }),
      sheets: [sheet("bilan", 5, 2), sheet("propositions", 3, 0)],
    };
    expect(gaps([f])).toEqual({
      bilan: [{ path: "J2/groupe-2.csv", groupe: "Groupe 2", rejected: 2 }],
      propositions: [],
    });
  });

  it("lists the unread submissions first, each list by path", () => {
    const partial = (path: string) =>
      counted(
        submission(path, [
          { kind: "propositions", rows: [rejectedRow(path, proposition("PREV", "O", "Former"))] },
        ]),
      );
    const files = [
      partial("J1/z.csv"),
      unreadable("J1/y.xlsx"),
      partial("J1/b.csv"),
      unreadable("J1/a.xlsx"),
    ];
    expect(gaps(files).propositions.map((g) => g.path)).toEqual([
      "J1/a.xlsx",
      "J1/y.xlsx",
      "J1/b.csv",
      "J1/z.csv",
    ]);
  });
});

describe("sources annex", () => {
  const mixed = "J2/mixte.csv";
  const files: FileReport[] = [
    {
      ...submission(
        mixed,
        [
          {
            kind: "constats",
            rows: [
              { values: constat("PREV", "force", "Radios actives"), meta: { groupe: "Groupe B" } },
              {
                values: constat("PREV", "force", "Comités actifs"),
                meta: {
                  groupe: "Groupe A",
                  structure: "DNPEF",
                  rapporteur: "Awa",
                  membres: "Awa, Moussa",
                },
              },
              {
                values: constat("PROT", "force", "Centres ouverts"),
                meta: { groupe: "Groupe A", session: "J1", membres: "Awa, Moussa" },
              },
            ],
          },
        ],
        { session: "J2", structure: "MJDH", rapporteur: "Issa" },
      ),
      sheets: [sheet("constats", 3, 1), sheet(null, 0), sheet("bilan", 2), sheet("constats", 1)],
      issues: [
        issue("unknown-column", { file: mixed, column: "H" }),
        issue("missing-value", { file: mixed, row: 4, column: "C" }),
        issue("encoding-fallback", { file: mixed }),
      ],
    },
    counted(
      submission("a.csv", [{ kind: "constats", rows: [constat("COOR", "force", "Réseau")] }], {
        groupe: "Groupe B",
      }),
    ),
  ];
  // Sessions met in this order, so that sorting them is seen: J2, J1, Ségou, none, Tombouctou.
  files.splice(1, 0, unreadable("Ségou/groupe-5.xlsx", { session: "Ségou", groupe: "Groupe 5" }));
  files.push(
    counted(
      submission(
        "Tombouctou/g7.csv",
        [{ kind: "constats", rows: [constat("COOR", "force", "Comité régional actif")] }],
        { groupe: "Groupe B", session: "Tombouctou" },
      ),
    ),
  );
  const sources = () => reportOf(files).sources;

  it("lists the files by path, with their groups, sessions, structure, kinds and counts", () => {
    expect(sources().files).toEqual([
      {
        path: "a.csv",
        format: "csv",
        groupes: ["Groupe B"],
        sessions: [],
        structure: null,
        kinds: ["constats"],
        rows: 1,
        accepted: 1,
        rejected: 0,
        errors: 0,
        warnings: 0,
      },
      {
        path: "J2/mixte.csv",
        format: "csv",
        groupes: ["Groupe A", "Groupe B"],
        sessions: ["J1", "J2"],
        structure: "MJDH",
        kinds: ["constats", "bilan"],
        rows: 6,
        accepted: 5,
        rejected: 1,
        errors: 1,
        warnings: 1,
      },
      {
        path: "Ségou/groupe-5.xlsx",
        format: "xlsx",
        groupes: ["Groupe 5"],
        sessions: ["Ségou"],
        structure: null,
        kinds: [],
        rows: 0,
        accepted: 0,
        rejected: 0,
        errors: 1,
        warnings: 0,
      },
      {
        path: "Tombouctou/g7.csv",
        format: "csv",
        groupes: ["Groupe B"],
        sessions: ["Tombouctou"],
        structure: null,
        kinds: ["constats"],
        rows: 1,
        accepted: 1,
        rejected: 0,
        errors: 0,
        warnings: 0,
      },
    ]);
  });

  it("sums up each group: sessions, files, rows, and who reported, as each row or file says", () => {
    expect(sources().groups).toEqual([
      {
        name: "Groupe 5",
        code: "G5",
        sessions: ["Ségou"],
        files: 1,
        rows: 0,
        structures: [],
        rapporteurs: [],
        members: [],
      },
      {
        name: "Groupe A",
        code: "GA",
        sessions: ["J1", "J2"],
        files: 1,
        rows: 2,
        structures: ["DNPEF", "MJDH"],
        rapporteurs: ["Awa", "Issa"],
        members: [{ text: "Awa, Moussa", sessions: ["J1", "J2"] }],
      },
      {
        name: "Groupe B",
        code: "GB",
        sessions: ["J2", "Tombouctou"],
        files: 3,
        rows: 3,
        structures: ["MJDH"],
        rapporteurs: ["Issa"],
        members: [],
      },
    ]);
  });

  it("sums up each session, the rows without one last", () => {
    expect(sources().sessions).toEqual([
      { name: "J1", groups: ["Groupe A"], files: 1, rows: 1 },
      { name: "J2", groups: ["Groupe A", "Groupe B"], files: 1, rows: 2 },
      { name: "Ségou", groups: ["Groupe 5"], files: 1, rows: 0 },
      { name: "Tombouctou", groups: ["Groupe B"], files: 1, rows: 1 },
      { name: null, groups: ["Groupe B"], files: 1, rows: 1 },
    ]);
  });

  it("gives the rows as merging counted them", () => {
    expect(sources().rows).toEqual({
      read: 5,
      accepted: 5,
      rejected: 0,
      duplicates: 0,
      replaced: 0,
    });
  });

  it("keeps a group's members said without a session, with no session", () => {
    const f = counted(
      submission("a.csv", [{ kind: "constats", rows: [constat("COOR", "force", "Réseau")] }], {
        groupe: "Groupe B",
        membres: "Fatou",
      }),
    );
    expect(reportOf([f]).sources.groups[0]?.members).toEqual([{ text: "Fatou", sessions: [] }]);
  });
});

describe("compact references of groups and sessions", () => {
  /** The groups' codes, for groups that each gave one finding in session J1. */
  const codes = (names: string[]) => {
    const files = names.map((name, i) =>
      counted(
        submission(
          `J1/f${i}.csv`,
          [{ kind: "constats", rows: [constat("PREV", "force", `Constat ${i}`)] }],
          {
            groupe: name,
            session: "J1",
          },
        ),
      ),
    );
    return reportOf(files).sources.groups.map((g) => [g.name, g.code]);
  };

  it.each([
    [
      "a group's number",
      ["Groupe 3", "GT 4", "Groupe 12"],
      [
        ["Groupe 3", "G3"],
        ["Groupe 12", "G12"],
        ["GT 4", "G4"],
      ],
    ],
    [
      "the initials of its significant words, without accents, four at most",
      ["Atelier de Ségou", "Nord Sud Est Ouest Centre", "#Alpha Beta Gamma Delta"],
      [
        ["#Alpha Beta Gamma Delta", "GABGD"],
        ["Atelier de Ségou", "GAS"],
        ["Nord Sud Est Ouest Centre", "GNSEO"],
      ],
    ],
    [
      "a number among words as one of them",
      ["Atelier 3", "3 Nord"],
      [
        ["3 Nord", "G3N"],
        ["Atelier 3", "GA3"],
      ],
    ],
    [
      "the word for group only at the start",
      ["Group A", "G Nord", "Protection groupe A"],
      [
        ["G Nord", "GN"],
        ["Group A", "GA"],
        ["Protection groupe A", "GPGA"],
      ],
    ],
    ["X when the name has no letter", ["?"], [["?", "GX"]]],
    [
      "a number after a code already taken",
      ["Groupe A", "Groupe Alpha", "Groupe Atlas"],
      [
        ["Groupe A", "GA"],
        ["Groupe Alpha", "GA2"],
        ["Groupe Atlas", "GA3"],
      ],
    ],
  ])("codes a group by %s", (_, names, expected) => {
    expect(codes(names)).toEqual(expected);
  });

  /** The references of findings cited by these sources. */
  const refs = (sources: Source[]) => {
    // The groups' codes come from the submissions that name them.
    const files = ["G1", "G2", "G3"].map((g) => submission(`${g}.csv`, [], { groupe: g }));
    return model(withFindings([finding("a", "PREV", sources)]), files).sources.refs.map((r) => [
      r.ref,
      r.session,
      r.files,
    ]);
  };

  it("codes a session by its number, else as typed when short, else by its rank", () => {
    expect(
      refs([
        from("G1", "Sikasso Nord"),
        from("G2", "Ségou Centre"),
        from("G3", "Jour 2"),
        from("G3", "Gao Est"),
        from("G3", "Tombouctou"),
      ]).map(([ref]) => ref),
    ).toEqual(["G1-S2", "G2-S1", "G3-GaoEst", "G3-J2", "G3-S3"]);
  });

  it("codes a session typed differently by two groups as its first spelling", () => {
    expect(refs([from("G1", "Kayes"), from("G2", "KAYES")]).map(([ref]) => ref)).toEqual([
      "G1-KAYES",
      "G2-KAYES",
    ]);
  });

  it("lists a group's sessions in order, the rows without session last, each file once and in order", () => {
    expect(
      refs([
        from("G1", null, "b.csv"),
        from("G1", "J2", "J2/b.csv"),
        from("G1", "J1", "J1/z.csv"),
        from("G1", "J1", "J1/a.csv"),
        from("G1", "J1", "J1/z.csv"),
        from("G1", null, "a.csv"),
      ]),
    ).toEqual([
      ["G1-J1", "J1", ["J1/a.csv", "J1/z.csv"]],
      ["G1-J2", "J2", ["J2/b.csv"]],
      ["G1", null, ["a.csv", "b.csv"]],
    ]);
  });

  it.each([
    ["after", [from("G1", "Tombouctou"), from("G1", null)]],
    ["before", [from("G1", null), from("G1", "Tombouctou")]],
  ])("ranks only the sessions that have a name (rows without one cited %s)", (_, sources) => {
    expect(refs(sources).map(([ref]) => ref)).toEqual(["G1-S1", "G1"]);
  });

  it("codes the rows of no known group G", () => {
    expect(model(withFindings([finding("a", "PREV", [from(null, "J1")])])).sources.refs).toEqual([
      { ref: "G-J1", groupe: "", session: "J1", files: ["J1/inconnu.csv"] },
    ]);
  });

  it("keys a reference by group and session as merging compares them", () => {
    expect(refKey("Groupe 1", "Jour 1")).toBe(refKey("G1", "J1"));
    expect(refKey("Groupe 1", "J1")).not.toBe(refKey("Groupe 2", "J1"));
    expect(refKey("Groupe 1", null)).not.toBe(refKey("Groupe 1", "J1"));
    // No group or session given is the same as an empty one.
    expect(refKey(null, null)).toBe(refKey("", ""));
  });
});

describe("quality annex", () => {
  const row = (path: string, n: number, ...codes: Issue["code"][]) =>
    codes.map((code) => issue(code, { file: path, row: n, column: "C" }));

  it("counts each problem code over every file, notes left out, most rejected rows first", () => {
    const path = "J1/g1.csv";
    const f = counted(
      submission(path, [
        {
          kind: "constats",
          rows: [
            {
              values: constat("PREV", "force", "A"),
              issues: row(path, 2, "missing-value", "missing-value", "type-error"),
            },
            {
              values: constat("PREV", "force", "B"),
              issues: row(path, 3, "missing-value", "encoding-fallback"),
            },
            { values: constat("PREV", "force", "C"), issues: row(path, 4, "invalid-value") },
            {
              values: constat("PREV", "force", "D"),
              issues: row(path, 5, "unknown-column", "unknown-column"),
            },
            { values: constat("PREV", "force", "E"), issues: row(path, 6, "code-normalised") },
          ],
        },
      ]),
    );
    const reference = plan(["1.1"]);
    reference.report.issues.push(
      issue("code-normalised", { file: "plan.csv", row: 2, column: "A" }),
    );
    const resolutions = submission("resolutions.csv", []);
    resolutions.issues.push(
      issue("invalid-value", { file: "resolutions.csv", row: 2, column: "B" }),
    );
    const c = mergeSubmissions([f], config, {
      reference,
      resolutions: { list: [], reports: [resolutions] },
    });
    const m = model(c, [f], [reference], [resolutions]);
    expect(m.quality.byCode).toEqual([
      { code: "missing-value", severity: "error", problems: 3, rejectedRows: 2 },
      { code: "invalid-value", severity: "error", problems: 2, rejectedRows: 1 },
      { code: "type-error", severity: "error", problems: 1, rejectedRows: 1 },
      { code: "code-normalised", severity: "warning", problems: 2, rejectedRows: 0 },
      { code: "unknown-column", severity: "warning", problems: 2, rejectedRows: 0 },
    ]);
    expect(m.quality.errors).toBe(c.summary.errors);
    expect(m.quality.warnings).toBe(c.summary.warnings);
    expect([m.quality.errors, m.quality.warnings]).toEqual([6, 4]);
    expect(m.quality.rejets).toBe(c.rejets);
  });

  it("lists the files with a rejected row or a problem, most rejected rows, then most errors first", () => {
    const withIssues = (
      path: string,
      sheets: SheetReport[],
      ...codes: Issue["code"][]
    ): FileReport => ({
      ...submission(path, []),
      sheets,
      issues: codes.map((code) => issue(code, { file: path })),
    });
    const files = [
      withIssues("f.csv", [sheet("constats", 4)], "unknown-column"),
      withIssues("e.csv", [sheet("constats", 4)], "unknown-column"),
      withIssues("d.csv", [sheet("bilan", 3)], "missing-column"),
      withIssues(
        "c.csv",
        [sheet("bilan", 2)],
        "header-not-found",
        "missing-column",
        "unknown-column",
      ),
      withIssues(
        "b.csv",
        [sheet("bilan", 3, 1), sheet("constats", 2, 1)],
        "missing-value",
        "type-error",
      ),
      withIssues(
        "a.csv",
        [sheet("bilan", 3, 1)],
        "missing-value",
        "missing-value",
        "missing-value",
      ),
      withIssues("clean.csv", [sheet("bilan", 3)], "encoding-fallback"),
    ];
    expect(model(EMPTY, files).quality.byFile).toEqual([
      { path: "b.csv", rows: 5, rejected: 2, errors: 2, warnings: 0 },
      { path: "a.csv", rows: 3, rejected: 1, errors: 3, warnings: 0 },
      { path: "c.csv", rows: 2, rejected: 0, errors: 2, warnings: 1 },
      { path: "d.csv", rows: 3, rejected: 0, errors: 1, warnings: 0 },
      { path: "e.csv", rows: 4, rejected: 0, errors: 0, warnings: 1 },
      { path: "f.csv", rows: 4, rejected: 0, errors: 0, warnings: 1 },
    ]);
  });
});

describe("unread submissions", () => {
  const file = (path: string, rows: number[], ...codes: Issue["code"][]): FileReport => ({
    ...submission(path, []),
    sheets: rows.map((n) => sheet("bilan", n)),
    issues: codes.map((code) => issue(code, { file: path })),
  });

  it("are those with an error and not one row read", () => {
    expect(
      unreadFiles([
        file("no-header.xlsx", [0, 0], "sheet-skipped", "header-not-found"),
        file("empty-warned.csv", [0], "no-data"),
        file("rows.csv", [2], "missing-column"),
        file("unreadable.xlsx", [], "file-unreadable"),
        file("one-sheet-read.xlsx", [0, 3], "header-not-found"),
        file("noted.csv", [0], "encoding-fallback"),
      ]),
    ).toEqual(["no-header.xlsx", "unreadable.xlsx"]);
  });
});

describe("activity codes of rejected assessments", () => {
  const path = "J1/g1.csv";
  /** A bilan table whose code column is headed `Code activité` (or none). */
  const bilanTable = (rows: RowSpec[], column = true) => {
    const f = submission(path, [{ kind: "bilan", rows }]);
    const [table] = f.tables;
    if (table && column)
      table.columns = { code_activite: { letter: "B", header: "Code activité" } };
    return f;
  };
  const rejected = (values: Values, raw?: Record<string, string>): RowSpec =>
    rejectedRow(path, { ...values, ...raw });

  it("folds the codes of rejected rows as identities compare them", () => {
    const f = bilanTable([
      rejected(bilan(" A.1 ", "???")),
      rejected(bilan("1.2", "???")),
      { values: bilan("1.3", "realise") },
    ]);
    expect([...codesOfRejected([f])]).toEqual(["a.1", "1.2"]);
  });

  it("reads a code that could not be read as typed, from the row's cells", () => {
    const f = bilanTable([
      rejected(bilan("", "realise", { code_activite: null }), { "Code activité": "B-4" }),
    ]);
    expect([...codesOfRejected([f])]).toEqual(["b-4"]);
  });

  it("gives nothing for a row without code, blank or not kept, nor for other kinds", () => {
    const noColumn = bilanTable([rejected(bilan("", "realise", { code_activite: null }))], false);
    const blank = bilanTable([rejected(bilan("   ", "???"))]);
    const notKept = bilanTable([
      { values: bilan("", "???", { code_activite: null }), issues: [badCell(path, 2)] },
    ]);
    for (const r of notKept.tables[0]?.records ?? []) delete r.raw;
    const constats = submission(path, [
      {
        kind: "constats",
        rows: [rejectedRow(path, constat("PREV", "force", "x", { code_activite: "9.9" }))],
      },
    ]);
    expect([...codesOfRejected([noColumn, blank, notKept, constats])]).toEqual([]);
  });

  it("splits the plan's activities nobody assessed from those only rejected rows assessed", () => {
    const f = bilanTable([rejected(bilan("a.3", "???"))]);
    expect(unassessedSplit(["1.1", "A.3", "1.2"], [f])).toEqual({
      none: ["1.1", "1.2"],
      rejected: ["A.3"],
    });
  });
});
