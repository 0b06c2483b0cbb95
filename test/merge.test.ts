import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { validateFiles } from "../src/commands/validate.js";
import type { Config } from "../src/config.js";
import { hintOf, messageOf } from "../src/i18n/index.js";
import { flatten, issue } from "../src/issues.js";
import { fingerprint, groupsByCluster, similar } from "../src/merge/clusters.js";
import {
  byGroup,
  type Entry,
  identityOf,
  sameValue,
  sessionComparator,
} from "../src/merge/compare.js";
import { mergeSubmissions } from "../src/merge/index.js";
import type { Resolution } from "../src/model.js";
import { readCsv } from "../src/read/csv.js";
import { groupKey } from "../src/text.js";
import { checkResolutions, resolutionsIn } from "../src/validate/resolutions.js";
import {
  badCell,
  bilan,
  bilanFile,
  byCode,
  config,
  constat,
  pick,
  plan,
  proposition,
  src,
  submission,
} from "./helpers/submissions.js";

// --- accounting and rejects ----------------------------------------------------------------------

describe("accounting", () => {
  const files = [
    bilanFile("J1/groupe-1.csv", "J1", [
      bilan("1.1.1", "realise"),
      { values: bilan("1.1.2", "partiel"), issues: [badCell("J1/groupe-1.csv", 3)] },
      bilan("1.1.3", "partiel", { resultat: "Fait" }),
    ]),
    bilanFile("J1/groupe-2.csv", "J1", [
      // identical to groupe-1's row: a duplicate, even though it leaves a field empty
      bilan("1.1.1", "realise"),
      // same code, but a differing text value: folded, not a duplicate
      bilan("1.1.3", "partiel", { resultat: "En partie" }),
    ]),
  ];
  files[0]?.issues.push(
    issue("unknown-column", { file: "J1/groupe-1.csv", row: 1, column: "H" }, { value: "X" }),
  );
  // Merged before each test, not once while collecting: each test is then seen to run the rules.
  let result: ReturnType<typeof mergeSubmissions>;
  beforeEach(() => {
    result = mergeSubmissions(files, config, { reference: plan(["1.1.1"]) });
  });

  it("counts rows read = accepted + rejected, duplicates apart, reference rows left out", () => {
    expect(result.summary).toEqual({
      files: 2,
      rows: { read: 5, accepted: 4, rejected: 1, duplicates: 1, replaced: 0 },
      conflicts: 1,
      updates: 0,
      errors: 1,
      warnings: 1,
    });
  });

  it("folds rows of the same activity into one row with every source", () => {
    expect(pick(result.bilan, ["code_activite", "statut"])).toEqual([
      ["1.1.1", "realise"],
      ["1.1.3", "partiel"],
    ]);
    expect(byCode(result.bilan, "1.1.1")?.sources).toEqual([
      { file: "J1/groupe-1.csv", sheet: null, row: 2, groupe: "groupe-1", session: "J1" },
      { file: "J1/groupe-2.csv", sheet: null, row: 2, groupe: "groupe-2", session: "J1" },
    ]);
  });

  it("lists a text two groups word differently as a conflict, the first group's kept", () => {
    expect(byCode(result.bilan, "1.1.3")?.resultat).toBe("Fait");
    expect(result.conflits).toEqual([
      {
        kind: "bilan",
        key: "1.1.3",
        field: "resultat",
        chosen: "Fait",
        rule: "first-source",
        versions: [
          { value: "Fait", source: src("J1/groupe-1.csv", "J1", 4) },
          { value: "En partie", source: src("J1/groupe-2.csv", "J1", 3) },
        ],
      },
    ]);
  });

  it("sends a rejected row to rejets with its values as read and its problems", () => {
    expect(result.rejets).toEqual([
      {
        file: "J1/groupe-1.csv",
        sheet: null,
        row: 3,
        kind: "bilan",
        values: {
          axe: "PREV",
          code_activite: "1.1.2",
          activite: "Activité 1.1.2",
          statut: "partiel",
        },
        problems: [badCell("J1/groupe-1.csv", 3)],
      },
    ]);
  });

  it("orders rejets by file, then sheet order in the workbook, then row", () => {
    const bad = (file: string, row: number) => [badCell(file, row)];
    const r = mergeSubmissions(
      [
        submission("g.xlsx", [
          {
            kind: "propositions",
            sheet: "Propositions",
            rows: [{ values: proposition("PREV", "O", "A"), issues: bad("g.xlsx", 2) }],
          },
          {
            kind: "bilan",
            sheet: "Bilan",
            rows: [
              bilan("1.1.1", "realise"),
              { values: bilan("1.1.2", "realise"), issues: bad("g.xlsx", 3) },
            ],
          },
        ]),
        bilanFile("a.csv", "J1", [{ values: bilan("1.1.1", "x"), issues: bad("a.csv", 2) }]),
      ],
      config,
    );
    expect(r.rejets.map((x) => [x.file, x.sheet, x.row, x.kind])).toEqual([
      ["a.csv", null, 2, "bilan"],
      ["g.xlsx", "Propositions", 2, "propositions"],
      ["g.xlsx", "Bilan", 3, "bilan"],
    ]);
  });

  it("rejects every row of a table with a missing column, with the table's fatal issue", () => {
    const fatal = issue("missing-column", { file: "g.csv", row: 1 }, { field: "type", params: {} });
    const r = mergeSubmissions(
      [
        submission("g.csv", [
          {
            kind: "constats",
            rows: [constat("PREV", "force", "A"), constat("PREV", "force", "B")],
            fatal: [fatal],
          },
        ]),
      ],
      config,
    );
    expect(r.summary.rows).toEqual({
      read: 2,
      accepted: 0,
      rejected: 2,
      duplicates: 0,
      replaced: 0,
    });
    expect(r.rejets.map((x) => [x.row, x.kind, x.problems.map((p) => p.code)])).toEqual([
      [2, "constats", ["missing-column"]],
      [3, "constats", ["missing-column"]],
    ]);
    expect(r.constats).toEqual([]);
  });
});

// --- provenance ----------------------------------------------------------------------------------

describe("provenance", () => {
  it("takes groupe and session from the row, then the file, then the file name", () => {
    const files = [
      submission(
        "J2/atelier.xlsx",
        [
          {
            kind: "constats",
            sheet: "Constats",
            rows: [
              {
                values: constat("PREV", "force", "Engagement politique"),
                meta: { groupe: "GT 3" },
              },
              constat("PREV", "force", "Cadre juridique adopté"),
            ],
          },
        ],
        { session: "J2" },
      ),
      submission("libre.csv", [
        { kind: "constats", rows: [constat("PROT", "menace", "Insécurité")] },
      ]),
    ];
    const r = mergeSubmissions(files, config);
    expect(r.constats.map((c) => [c.constat, c.sources])).toEqual([
      [
        "Cadre juridique adopté",
        [{ file: "J2/atelier.xlsx", sheet: "Constats", row: 3, groupe: "atelier", session: "J2" }],
      ],
      [
        "Engagement politique",
        [{ file: "J2/atelier.xlsx", sheet: "Constats", row: 2, groupe: "GT 3", session: "J2" }],
      ],
      ["Insécurité", [{ file: "libre.csv", sheet: null, row: 2, groupe: "libre", session: null }]],
    ]);
  });
});

// --- constats and propositions -------------------------------------------------------------------

describe("folding constats and propositions", () => {
  it("folds case, spacing and apostrophes; a differing field is a conflict the latest session wins", () => {
    const files = [
      // z-file.csv comes later by path, but its session J1 puts it first
      submission(
        "a-file.csv",
        [
          {
            kind: "constats",
            rows: [
              constat("POUR", "faiblesse", "Manque  d’interprètes", {
                preuve: "Rapport 2022",
                recommandation: "Recruter",
              }),
            ],
          },
        ],
        { session: "J2" },
      ),
      submission(
        "z-file.csv",
        [
          {
            kind: "constats",
            rows: [
              constat("POUR", "faiblesse", "manque d'interprètes", { recommandation: "Former" }),
            ],
          },
        ],
        { session: "J1" },
      ),
    ];
    const r = mergeSubmissions(files, config);
    expect(r.constats).toEqual([
      {
        axe: "POUR",
        type: "faiblesse",
        constat: "manque d'interprètes",
        code_activite: null,
        preuve: "Rapport 2022",
        recommandation: "Recruter",
        sources: [
          { file: "z-file.csv", sheet: null, row: 2, groupe: "z-file", session: "J1" },
          { file: "a-file.csv", sheet: null, row: 2, groupe: "a-file", session: "J2" },
        ],
        cluster: "c1",
      },
    ]);
    expect(r.conflits).toEqual([
      {
        kind: "constats",
        key: "manque d'interprètes",
        field: "recommandation",
        chosen: "Recruter",
        rule: "latest-session",
        versions: [
          { value: "Former", source: src("z-file.csv", "J1") },
          { value: "Recruter", source: src("a-file.csv", "J2") },
        ],
      },
    ]);
    // folded, but the second row brought a differing recommendation: not a duplicate
    expect(r.summary.rows).toEqual({
      read: 2,
      accepted: 2,
      rejected: 0,
      duplicates: 0,
      replaced: 0,
    });
  });

  it("keeps accents significant in identity: the unaccented variant is a row of the same cluster", () => {
    const r = mergeSubmissions(
      [
        submission("g1.csv", [
          { kind: "constats", rows: [constat("POUR", "faiblesse", "Chaîne pénale lente")] },
        ]),
        submission("g2.csv", [
          { kind: "constats", rows: [constat("POUR", "faiblesse", "chaine penale lente")] },
        ]),
      ],
      config,
    );
    // natural order ties on accents and case; code points break the tie
    expect(pick(r.constats, ["constat", "cluster"])).toEqual([
      ["Chaîne pénale lente", "c1"],
      ["chaine penale lente", "c1"],
    ]);
  });

  it("folds propositions on (axe, objectif, action); only identical rows are duplicates", () => {
    const p = proposition("PROT", "Renforcer la prise en charge", "Créer un centre d’accueil", {
      cout: 60_000_000,
    });
    const r = mergeSubmissions(
      [
        submission("g1.csv", [{ kind: "propositions", rows: [p] }], { groupe: "G1" }),
        submission(
          "g2.csv",
          [
            {
              kind: "propositions",
              rows: [
                proposition("PROT", "renforcer la prise en charge ", "Créer un centre d'accueil", {
                  partenaires: ["OIM"],
                }),
              ],
            },
          ],
          { groupe: "G2" },
        ),
      ],
      config,
    );
    expect(r.propositions).toHaveLength(1);
    expect(r.propositions[0]).toMatchObject({
      action: "Créer un centre d’accueil",
      cout: 60_000_000,
      partenaires: ["OIM"],
      calendrier: [2024],
      cluster: "c1",
    });
    expect(r.propositions[0]?.sources.map((s) => s.groupe)).toEqual(["G1", "G2"]);
    // G2 gives partners G1 left out, and leaves out G1's cost: folded, but not identical.
    expect(r.summary.rows.duplicates).toBe(0);
  });
});

// --- conflicts -----------------------------------------------------------------------------------

describe("bilan conflicts", () => {
  it("lets the latest session win, and an empty value fill without a conflict", () => {
    const r = mergeSubmissions(
      [
        bilanFile("J2/g2.csv", "J2", [bilan("2.1.1", "realise", { taux_realisation: 100 })]),
        bilanFile("J1/g1.csv", "J1", [
          bilan("2.1.1", "partiel", { taux_realisation: 40, budget_prevu: 1_000_000 }),
        ]),
      ],
      config,
    );
    expect(byCode(r.bilan, "2.1.1")).toMatchObject({
      statut: "realise",
      taux_realisation: 100,
      budget_prevu: 1_000_000,
      budget_execute: null,
    });
    expect(r.conflits).toEqual([
      {
        kind: "bilan",
        key: "2.1.1",
        field: "statut",
        chosen: "realise",
        rule: "latest-session",
        versions: [
          { value: "partiel", source: src("J1/g1.csv", "J1") },
          { value: "realise", source: src("J2/g2.csv", "J2") },
        ],
      },
      {
        kind: "bilan",
        key: "2.1.1",
        field: "taux_realisation",
        chosen: 100,
        rule: "latest-session",
        // the status is in conflict too: the rate comes from the source that said "realise"
        follows: "statut",
        versions: [
          { value: 40, source: src("J1/g1.csv", "J1") },
          { value: 100, source: src("J2/g2.csv", "J2") },
        ],
      },
    ]);
    // one activity in conflict, on two fields
    expect(r.summary.conflicts).toBe(1);
  });

  it("takes the conservative value inside the latest session", () => {
    const r = mergeSubmissions(
      [
        bilanFile("J2/a.csv", "J2", [
          bilan("3.1.1", "realise", { budget_prevu: 5_000_000, budget_execute: 4_000_000 }),
        ]),
        bilanFile("J2/b.csv", "J2", [
          bilan("3.1.1", "en_cours", { budget_prevu: 6_000_000, budget_execute: 3_000_000 }),
        ]),
        bilanFile("J1/c.csv", "J1", [bilan("3.1.1", "abandonne", { budget_execute: 1 })]),
      ],
      config,
    );
    expect(r.conflits.map((c) => [c.field, c.chosen, c.rule, c.versions.length])).toEqual([
      ["statut", "en_cours", "conservative-status", 3],
      ["budget_prevu", 6_000_000, "conservative-value", 2],
      ["budget_execute", 3_000_000, "conservative-value", 3],
    ]);
    expect(byCode(r.bilan, "3.1.1")).toMatchObject({
      statut: "en_cours",
      budget_prevu: 6_000_000,
      budget_execute: 3_000_000,
    });
  });

  it("takes the lower rate inside the latest session", () => {
    const r = mergeSubmissions(
      [
        bilanFile("J1/a.csv", "J1", [bilan("1.2.1", "partiel", { taux_realisation: 60 })]),
        bilanFile("J1/b.csv", "J1", [bilan("1.2.1", "partiel", { taux_realisation: 45 })]),
      ],
      config,
    );
    expect(pick(r.conflits, ["field", "chosen", "rule"])).toEqual([
      ["taux_realisation", 45, "conservative-value"],
    ]);
  });

  it("makes the rate follow the sources of the chosen status", () => {
    // J2: one group says done at 100 %, another partial without a rate; J1 said partial at 70 %.
    const r = mergeSubmissions(
      [
        bilanFile("J2/a.csv", "J2", [bilan("4.1.1", "realise", { taux_realisation: 100 })]),
        bilanFile("J2/b.csv", "J2", [bilan("4.1.1", "partiel")]),
        bilanFile("J1/c.csv", "J1", [bilan("4.1.1", "partiel", { taux_realisation: 70 })]),
      ],
      config,
    );
    expect(r.conflits.map((c) => [c.field, c.chosen, c.rule, c.follows])).toEqual([
      ["statut", "partiel", "conservative-status", undefined],
      ["taux_realisation", 70, "conservative-status", "statut"],
    ]);
    expect(byCode(r.bilan, "4.1.1")).toMatchObject({ statut: "partiel", taux_realisation: 70 });
  });

  it("orders sessions as the configuration lists them, else a name before a numbered session", () => {
    const files = [
      bilanFile("a.csv", "Ouverture", [bilan("1.1.1", "realise")]),
      bilanFile("b.csv", "J1", [bilan("1.1.1", "non_realise")]),
    ];
    expect(mergeSubmissions(files, config).conflits[0]?.chosen).toBe("non_realise");
    const listed: Config = { ...config, sessions: ["J1", "Ouverture"] };
    expect(mergeSubmissions(files, listed).conflits[0]?.chosen).toBe("realise");
  });

  it("puts J10 after J2 and a row without session before every session", () => {
    const r = mergeSubmissions(
      [
        bilanFile("a.csv", "J10", [bilan("1.1.1", "partiel")]),
        bilanFile("b.csv", "J2", [bilan("1.1.1", "realise")]),
        submission("c.csv", [{ kind: "bilan", rows: [bilan("1.1.1", "abandonne")] }]),
      ],
      config,
    );
    expect(r.conflits[0]?.versions.map((v) => v.source.session)).toEqual([null, "J2", "J10"]);
    expect(r.conflits[0]?.chosen).toBe("partiel");
  });

  describe("resolutions", () => {
    const files = [
      bilanFile("J1/a.csv", "J1", [bilan("2.2.1", "partiel", { taux_realisation: 50 })]),
      bilanFile("J2/b.csv", "J2", [bilan("2.2.1", "realise", { taux_realisation: 100 })]),
      bilanFile("J2/c.csv", "J2", [bilan("2.2.2", "realise")]),
    ];
    const at = (row: number) => ({
      file: "resolutions.csv",
      row,
      column: "A",
      header: "Code activité",
    });
    const resolutions: Resolution[] = [
      { key: "2.2.1", field: "statut", value: "partiel", motif: "Vérifié en plénière", at: at(2) },
      { key: "2.2.2", field: "statut", value: "realise", motif: null, at: at(3) },
    ];
    const read = submission("resolutions.csv", []);
    const r = mergeSubmissions(files, config, {
      resolutions: { list: resolutions, reports: [read] },
    });

    it("overrides the rule, and the rate follows the resolved status", () => {
      expect(r.conflits.map((c) => [c.key, c.field, c.chosen, c.rule, c.follows, c.motif])).toEqual(
        [
          ["2.2.1", "statut", "partiel", "resolution", undefined, "Vérifié en plénière"],
          ["2.2.1", "taux_realisation", 50, "resolution", "statut", undefined],
        ],
      );
      expect(byCode(r.bilan, "2.2.1")).toMatchObject({ statut: "partiel", taux_realisation: 50 });
    });

    it("reports a resolution without a conflict as a warning at its row", () => {
      expect(flatten(r.issues, ["code", "severity", "file", "row", "column", "value"])).toEqual([
        ["unused-resolution", "warning", "resolutions.csv", 3, "A", "2.2.2"],
      ]);
      expect(r.summary.warnings).toBe(1);
    });

    it("counts the problems of the resolutions file in the summary", () => {
      const bad = issue("invalid-resolution", { file: "resolutions.csv", row: 4 }, { value: "x" });
      const report = { ...read, issues: [bad] };
      const s = mergeSubmissions(files, config, {
        resolutions: { list: resolutions, reports: [report] },
      });
      expect([
        s.summary.errors,
        s.summary.warnings,
        s.issues.length + report.issues.length,
      ]).toEqual([1, 1, 2]);
    });
  });
});

// --- clusters ------------------------------------------------------------------------------------

describe("clusters", () => {
  it("fingerprints French wording: accents, case, apostrophes, stop words, plurals", () => {
    expect(fingerprint("Faible coordination des acteurs de la chaîne pénale")).toEqual([
      "acteur",
      "chaine",
      "coordination",
      "faible",
      "penale",
    ]);
    expect(fingerprint("Le Ministère de l’Intérieur et de la Sécurité")).toEqual([
      "interieur",
      "ministere",
      "securite",
    ]);
  });

  it.each([
    ["Faible coordination des acteurs", "Coordination insuffisante entre les acteurs", false],
    [
      "Faible coordination des acteurs de la chaîne pénale",
      "Coordination insuffisante entre les acteurs de la chaîne pénale",
      true,
    ],
    ["Faible cordination des acteurs pénaux", "Faible coordination des acteurs pénaux", true],
    ["Manque de centres d'accueil", "Manque de magistrats formés", false],
  ])("similar(%s, %s) is %s", (a, b, expected) => {
    expect(similar(fingerprint(a), fingerprint(b))).toBe(expected);
  });

  const rows: [string, string][] = [
    ["G1", "Faible coordination des acteurs de la chaîne pénale"],
    ["G2", "Coordination insuffisante entre les acteurs de la chaîne pénale"],
    ["G3", "faible coordination des acteurs de la chaine penale"],
    ["G1", "Absence de centres d'accueil pour les victimes"],
    ["G2", "Ministère de la Justice"],
    ["G3", "Le ministère de la justice"],
    ["G4", "Ministere de la Justice."],
  ];
  let r: ReturnType<typeof mergeSubmissions>;
  beforeEach(() => {
    r = mergeSubmissions(
      rows.map(([g, text], i) =>
        submission(
          `g${i}.csv`,
          [{ kind: "constats", rows: [constat("POUR", "faiblesse", text)] }],
          {
            groupe: g,
          },
        ),
      ),
      config,
    );
  });

  it("groups near-duplicates of one axis and type, and numbers clusters in output order", () => {
    expect(pick(r.constats, ["cluster", "constat"])).toEqual([
      ["c1", "Absence de centres d'accueil pour les victimes"],
      ["c2", "Coordination insuffisante entre les acteurs de la chaîne pénale"],
      ["c2", "Faible coordination des acteurs de la chaîne pénale"],
      ["c2", "faible coordination des acteurs de la chaine penale"],
      ["c3", "Le ministère de la justice"],
      ["c3", "Ministère de la Justice"],
      ["c3", "Ministere de la Justice."],
    ]);
  });

  it("counts the groups that raised each cluster", () => {
    expect([...groupsByCluster(r.constats)]).toEqual([
      ["c1", ["G1"]],
      ["c2", ["G1", "G2", "G3"]],
      ["c3", ["G2", "G3", "G4"]],
    ]);
  });

  it("clusters constats across axes (cross-cutting findings), never across types, never merges rows", () => {
    const text = "Faible coordination des acteurs";
    const s = mergeSubmissions(
      [
        submission("a.csv", [
          {
            kind: "constats",
            rows: [
              constat("POUR", "faiblesse", text),
              constat("POUR", "menace", text),
              constat("PREV", "faiblesse", text),
            ],
          },
        ]),
      ],
      config,
    );
    expect(pick(s.constats, ["axe", "type", "cluster"])).toEqual([
      ["PREV", "faiblesse", "c1"],
      ["POUR", "faiblesse", "c1"],
      ["POUR", "menace", "c2"],
    ]);
  });

  it("clusters propositions on the action within an axis, numbering after the constats", () => {
    const s = mergeSubmissions(
      [
        submission("a.csv", [
          { kind: "constats", rows: [constat("PROT", "force", "Centres existants")] },
          {
            kind: "propositions",
            rows: [
              proposition("PROT", "B objectif", "Créer des centres d'accueil à Kayes"),
              proposition("PROT", "A objectif", "Former les travailleurs sociaux"),
              proposition("PROT", "A objectif", "Création de centres d'accueil à Kayes"),
              proposition("PREV", "A objectif", "Former les travailleurs sociaux"),
            ],
          },
        ]),
      ],
      config,
    );
    expect(pick(s.propositions, ["axe", "objectif", "action", "cluster"])).toEqual([
      ["PREV", "A objectif", "Former les travailleurs sociaux", "c2"],
      ["PROT", "A objectif", "Création de centres d'accueil à Kayes", "c3"],
      ["PROT", "A objectif", "Former les travailleurs sociaux", "c4"],
      ["PROT", "B objectif", "Créer des centres d'accueil à Kayes", "c3"],
    ]);
  });
});

// --- order, unassessed activities, determinism ---------------------------------------------------

describe("order and completeness", () => {
  const reference = plan(["1.1.1", "1.10.1", "1.2.1", "2.1.1"]);
  const files = [
    bilanFile("J1/b.csv", "J1", [
      bilan("1.10.1", "realise"),
      bilan("9.9.9", "realise", { hors_plan: true }),
    ]),
    bilanFile("J1/a.csv", "J1", [bilan("1.2.1", "partiel")]),
    submission("J1/c.csv", [
      {
        kind: "constats",
        rows: [
          constat("COOR", "force", "Comité national actif"),
          constat("PREV", "menace", "Porosité des frontières"),
          constat("PREV", "force", "Campagnes de sensibilisation"),
          constat("PREV", "opportunite", "Appui des partenaires"),
        ],
      },
    ]),
  ];

  it("sorts bilan by natural code order and constats by axis then type", () => {
    const r = mergeSubmissions(files, config, { reference });
    expect(r.bilan.map((b) => b.code_activite)).toEqual(["1.2.1", "1.10.1", "9.9.9"]);
    expect(pick(r.constats, ["axe", "type"])).toEqual([
      ["PREV", "force"],
      ["PREV", "opportunite"],
      ["PREV", "menace"],
      ["COOR", "force"],
    ]);
  });

  it("lists reference activities nobody assessed, in plan order when given", () => {
    expect(mergeSubmissions(files, config, { reference }).non_evalues).toEqual(["1.1.1", "2.1.1"]);
    const order = plan(["2.1.1", "1.2.1", "1.10.1", "1.1.1"]);
    expect(mergeSubmissions(files, config, { reference: order }).non_evalues).toEqual([
      "2.1.1",
      "1.1.1",
    ]);
    expect(mergeSubmissions(files, config).non_evalues).toEqual([]);
  });

  it("gives the same output whatever the order of the files", () => {
    const a = mergeSubmissions(files, config, { reference });
    const b = mergeSubmissions([...files].reverse(), config, { reference });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("computes the indicators from the consolidated bilan", () => {
    const r = mergeSubmissions(files, config, { reference });
    // 1.2.1 partiel 0.5, 1.10.1 realise 1; 9.9.9 is outside the plan
    expect(r.indicateurs.taux_realisation.global).toBe(0.75);
  });
});

// --- resolutions.csv -----------------------------------------------------------------------------

/** The resolutions of a CSV text, and the problems of the file. */
function readResolutions(data: Buffer, path: string, config: Config) {
  const report = checkResolutions(readCsv(data, path), config);
  return { resolutions: resolutionsIn(report, config), issues: report.issues, report };
}

describe("readResolutions", () => {
  const csv = (text: string) => Buffer.from(text, "utf8");

  it("reads values as people type them", () => {
    const r = readResolutions(
      csv(
        [
          "Code activité;Champ;Valeur;Motif",
          "2.2.1;Statut;Réalisé;Rapport du ministère",
          "2.2.1;taux_realisation;75 %;",
          "3.1.1;Budget exécuté (FCFA);1 500 000;",
          "3.1.2;budget prévu;2,5;",
        ].join("\r\n"),
      ),
      "resolutions.csv",
      config,
    );
    expect(r.issues).toEqual([]);
    expect(r.resolutions.map((x) => [x.key, x.field, x.value, x.motif, x.at.row])).toEqual([
      ["2.2.1", "statut", "realise", "Rapport du ministère", 2],
      ["2.2.1", "taux_realisation", 75, null, 3],
      ["3.1.1", "budget_execute", 1_500_000, null, 4],
      ["3.1.2", "budget_prevu", 2.5, null, 5],
    ]);
  });

  it("turns bad rows into located issues and keeps the good ones", () => {
    const r = readResolutions(
      csv(
        [
          "Décisions du rapporteur",
          "key,field,value,reason",
          "1.1.1,Code activité,Fait,",
          "1.1.2,statut,Presque,",
          "1.1.3,taux,150,",
          ",statut,Réalisé,",
          "1.1.4,statut,,Vu sur place",
          // Not decided yet (a line of arbitrages-a-faire left blank): nothing to say.
          "1.1.6,statut,,",
          "1.1.5,statut,non réalisé,",
          "1.1.5,statut,Abandonné,Décision finale",
        ].join("\n"),
      ),
      "resolutions.csv",
      config,
    );
    expect(flatten(r.issues, ["code", "severity", "row", "column", "value"])).toEqual([
      ["invalid-resolution", "error", 3, "B", "Code activité"],
      ["invalid-value", "error", 4, "C", "Presque"],
      ["out-of-range", "error", 5, "C", "150"],
      ["missing-value", "error", 6, "A", undefined],
      ["resolution-without-value", "error", 7, "C", undefined],
      ["duplicate-resolution", "warning", 10, "A", "1.1.5"],
    ]);
    expect(r.issues[5]?.params).toEqual({
      key: "1.1.5",
      label: { fr: "Statut", en: "Status" },
      first: 9,
    });
    expect(r.resolutions.map((x) => [x.key, x.value, x.motif])).toEqual([
      ["1.1.5", "non_realise", null],
      ["1.1.5", "abandonne", "Décision finale"],
    ]);
  });

  it("reports missing columns and an unrecognisable header", () => {
    const missing = readResolutions(csv("Code activité;Valeur\n1.1.1;Réalisé\n"), "r.csv", config);
    expect(flatten(missing.issues, ["code", "row"])).toEqual([["missing-column", 1]]);
    expect(missing.issues[0]?.params).toEqual({ label: { fr: "Champ", en: "Field" } });
    const none = readResolutions(csv("a;b\n1;2\n"), "r.csv", config);
    expect(flatten(none.issues, ["code"])).toEqual([["header-not-found"]]);
  });
  it("is read like any submission: other columns and shifted cells are reported at their cell", () => {
    const r = readResolutions(
      csv(
        [
          "Code activité;Champ;Valeur;Motif;Validé par",
          "1.1.1;Statut;Réalisé;Rapport;Président de séance",
          "1.1.2;Statut;Réalisé;Rapport;Président;de trop",
        ].join("\r\n"),
      ),
      "resolutions.csv",
      config,
    );
    expect(flatten(r.issues, ["code", "row", "column", "value"])).toEqual([
      ["unknown-column", 1, "E", "Validé par"],
      ["extra-cell", 3, "F", "de trop"],
    ]);
    expect(r.resolutions.map((x) => [x.key, x.value, x.at.row, x.at.column])).toEqual([
      ["1.1.1", "realise", 2, "A"],
    ]);
  });

  it("says an unknown field in either language", () => {
    const r = readResolutions(csv("Code activité;Champ;Valeur\n1.1.1;Groupe;X\n"), "r.csv", config);
    expect(r.issues.map((i) => [messageOf(i, "fr"), hintOf(i, "en")])).toEqual([
      [
        "« Groupe » n'est pas un champ qui peut être en conflit : la décision est ignorée",
        "Use one of these fields: Strategic axis, Activity, Responsible body, Indicator, Target, Result achieved, Status, Completion rate (%), Planned budget (FCFA), Spent budget (FCFA), Funding source, Difficulties, Unplanned activity, Comments",
      ],
    ]);
  });
});

// --- end to end with the pipeline ----------------------------------------------------------------

describe("with validatePaths", () => {
  const dir = mkdtempSync(join(tmpdir(), "atelier-merge-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, lines: string[]) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), `${lines.join("\r\n")}\r\n`);
  };
  const header =
    "Axe;Code activité;Activité;Statut;Taux de réalisation (%);Budget prévu (FCFA);Budget exécuté (FCFA);Groupe";

  it("consolidates CSV submissions from session folders, with conflicts and a resolution", async () => {
    write("J1/groupe-1.csv", [
      header,
      "1;1.1.1;Sensibiliser les communautés;Partiellement réalisé;50 %;1 000 000;400 000;Groupe 1",
      "1;1.1.2;Former les leaders;Réalisée;100;;;Groupe 1",
      "1;1.1.3;Activité sans statut;;;;;Groupe 1",
    ]);
    write("J2/groupe-2.csv", [
      header,
      "Axe 1;1.1.1;Sensibiliser les communautés;Réalisé;100 %;1 000 000;900 000;Groupe 2",
    ]);
    const { validation } = await validateFiles([dir], { base: dir });
    const { resolutions, report } = readResolutions(
      Buffer.from("Code activité;Champ;Valeur\n1.1.1;Budget exécuté;700 000\n"),
      "resolutions.csv",
      config,
    );
    const r = mergeSubmissions(validation.files, config, {
      resolutions: { list: resolutions, reports: [report] },
    });
    expect(r.summary).toEqual({
      files: 2,
      rows: { read: 4, accepted: 3, rejected: 1, duplicates: 0, replaced: 0 },
      // one activity, in conflict on three fields
      conflicts: 1,
      updates: 0,
      errors: 1,
      warnings: 0,
    });
    expect(r.conflits.map((c) => [c.key, c.field, c.chosen, c.rule])).toEqual([
      ["1.1.1", "statut", "realise", "latest-session"],
      ["1.1.1", "taux_realisation", 100, "latest-session"],
      ["1.1.1", "budget_execute", 700_000, "resolution"],
    ]);
    expect(
      r.bilan.map((b) => [b.code_activite, b.statut, b.budget_execute, b.sources.length]),
    ).toEqual([
      ["1.1.1", "realise", 700_000, 2],
      ["1.1.2", "realise", null, 1],
    ]);
    expect(r.bilan[0]?.sources.map((s) => [s.file, s.row, s.groupe, s.session])).toEqual([
      ["J1/groupe-1.csv", 2, "Groupe 1", "J1"],
      ["J2/groupe-2.csv", 2, "Groupe 2", "J2"],
    ]);
    expect(
      r.rejets.map((x) => [
        x.file,
        x.row,
        x.values["Code activité"],
        x.problems.map((p) => p.code),
      ]),
    ).toEqual([["J1/groupe-1.csv", 4, "1.1.3", ["missing-value"]]]);
  });
});

describe("how merging compares (compare.ts)", () => {
  const sorted = (names: (string | null)[], sessions?: string[]) =>
    [...names].sort(sessionComparator({ ...config, sessions }));

  it("puts sessions in the configuration's order, whatever their spelling", () => {
    expect(
      sorted(["Jour 3", "J1", "Ouverture", "J2 - 19/07/2023"], ["Ouverture", "J3", "J1", "J2"]),
    ).toEqual(["Ouverture", "Jour 3", "J1", "J2 - 19/07/2023"]);
  });

  it("puts an unlisted session before every listed one, and no session first", () => {
    expect(sorted(["J2", "Archives", null, "J1"], ["J1", "J2"])).toEqual([
      null,
      "Archives",
      "J1",
      "J2",
    ]);
    expect(sorted(["J1", "Archives", "J2", null], ["J1", "J2"])).toEqual([
      null,
      "Archives",
      "J1",
      "J2",
    ]);
  });

  it("orders unlisted sessions: names first, in natural order, then by number", () => {
    expect(sorted(["Jour 10", "J2", "Synthèse", "Jour 1", "Bilan"])).toEqual([
      "Bilan",
      "Synthèse",
      "Jour 1",
      "J2",
      "Jour 10",
    ]);
    expect(sorted(["J12", "J3"])).toEqual(["J3", "J12"]);
  });

  it("gives 0 only for one session, however it is written", () => {
    const compare = sessionComparator({ ...config, sessions: ["J1", "J2"] });
    expect(compare("J1", "Jour 1")).toBe(0);
    expect(compare("J2", "J1")).toBe(1);
    expect(compare("J1", "J2")).toBe(-1);
    expect(compare("Archives", "J1")).toBe(-1);
    expect(compare("J1", "Archives")).toBe(1);
    expect(compare(null, null)).toBe(0);
    const numbered = sessionComparator(config);
    expect(numbered("Jour 2", "J10")).toBe(-8);
    expect(numbered("J2", "Bilan")).toBeGreaterThan(0);
  });

  it("compares values once texts are folded, others as they serialise", () => {
    expect(sameValue("Plaidoyer auprès  des Élus", "plaidoyer auprès des élus")).toBe(true);
    expect(sameValue("auprès des élus", "aupres des elus")).toBe(false);
    expect(sameValue("a", "b")).toBe(false);
    expect(sameValue(12, 12)).toBe(true);
    expect(sameValue(12, "12")).toBe(false);
    expect(sameValue("12", 12)).toBe(false);
    expect(sameValue(["DNP", "OIM"], ["DNP", "OIM"])).toBe(true);
    expect(sameValue(["DNP"], ["OIM"])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(identityOf("Élus  « locaux »")).toBe('élus "locaux"');
    expect(identityOf(null)).toBe("");
    expect(identityOf(undefined)).toBe("");
    expect(identityOf(0)).toBe("0");
    expect(identityOf(["a"])).toBe('["a"]');
  });

  it("lists entries by group, each in the order given", () => {
    const entry = (groupe: string | null, n: number) =>
      ({ values: { n }, source: { ...src("g.csv", "J1"), groupe } }) as unknown as Entry;
    const groups = byGroup([
      entry("Groupe 1", 1),
      entry("G2", 2),
      entry("groupe-1", 3),
      entry(null, 4),
    ]);
    expect([...groups].map(([g, list]) => [g, list.map((e) => e.values.n)])).toEqual([
      [groupKey("Groupe 1"), [1, 3]],
      [groupKey("G2"), [2]],
      [groupKey(""), [4]],
    ]);
  });
});

describe("unlisted sessions spelt several ways", () => {
  it("sort the same whatever order the rows come in", () => {
    // « Atelier A » and « atelier a » are one session; « Atelier á » another, on one side of both.
    const names = ["Atelier á", "atelier a", "Atelier A"];
    const orders = [names, [...names].reverse(), [names[1], names[0], names[2]]] as string[][];
    const compare = sessionComparator(config);
    for (const order of orders) {
      const sorted = [...order].sort(compare);
      expect(sorted.indexOf("Atelier á")).toBe(2);
    }
    expect(compare("Atelier á", "Atelier A")).toBe(-compare("Atelier A", "Atelier á"));
    expect(Math.sign(compare("Atelier á", "Atelier A"))).toBe(
      Math.sign(compare("Atelier á", "atelier a")),
    );
  });
});

describe("the order of sessions, over many spellings", () => {
  it("is a total order: one session however spelt, and transitive", () => {
    const names = [
      null,
      "J1",
      "1",
      "Jour 1",
      "j1",
      "J2",
      "Jour 10",
      "Archives",
      "archives",
      "Atelier á",
      "Atelier A",
      "atelier a",
      "J1 bis",
      "Synthèse",
      "SYNTHÈSE",
      "#12 bis",
      "Atelier #9",
      "Ouverture",
    ];
    for (const sessions of [undefined, ["J1", "J2", "Atelier A"]]) {
      const compare = sessionComparator({ ...config, sessions });
      const sign = (a: string | null, b: string | null) => Math.sign(compare(a, b));
      for (const a of names)
        for (const b of names) {
          expect(sign(a, b) + sign(b, a), `${a} / ${b}`).toBe(0);
          for (const c of names) {
            if (sign(a, b) === 0) expect(sign(a, c), `${a} = ${b}, against ${c}`).toBe(sign(b, c));
            if (sign(a, b) < 0 && sign(b, c) < 0) expect(sign(a, c), `${a} < ${b} < ${c}`).toBe(-1);
          }
        }
    }
  });

  it("lets no spelling of a numbered session fall behind an unlisted name", () => {
    for (const s of ["J1", "1", "Jour 1"]) {
      const r = mergeSubmissions(
        [
          bilanFile(`${s}/g1.csv`, s, [bilan("1.1.1", "realise")], "G1"),
          bilanFile("Archives/g1.csv", "Archives", [bilan("1.1.1", "abandonne")], "G1"),
        ],
        config,
      );
      expect([s, r.bilan[0]?.statut]).toEqual([s, "realise"]);
    }
  });
});
