import { describe, expect, it } from "vitest";
import {
  crossCuttingClusters,
  findingClusters,
  grouper,
  sharesTopic,
  significantWords,
  text,
  weaknessLinks,
} from "../src/analysis/index.js";
import type { Consolidated, Source } from "../src/model.js";
import { constat, full, proposition, submission, type Values } from "./helpers/submissions.js";

/**
 * What the report and the matrix read from the consolidation: the clusters of findings by axis,
 * the cross-cutting ones, which proposals address each weakness, and whose a problem is. Rows are
 * made here as merging hands them over, and the functions are called directly.
 */

const source = (groupe: string | null, row = 2): Source => ({
  file: "a.csv",
  sheet: null,
  row,
  groupe,
  session: null,
});

/** A consolidated finding; `groups` are the groups of its sources, one source each. */
const finding = (
  axe: string,
  type: string,
  wording: string | null,
  opts: { cluster?: string; groups?: (string | null)[]; extra?: Values } = {},
) =>
  ({
    ...full("constats", { ...constat(axe, type, wording as string), ...opts.extra }),
    sources: (opts.groups ?? []).map((g, i) => source(g, i + 2)),
    ...(opts.cluster === undefined ? {} : { cluster: opts.cluster }),
  }) as unknown as Consolidated<"constats">;

const offer = (axe: string | null, action: string | null, extra: Values = {}) =>
  ({
    ...full("propositions", proposition(axe as string, "Objectif", action as string, extra)),
    sources: [],
  }) as unknown as Consolidated<"propositions">;

/** The links of each part of the clusters of these findings to these proposals. */
const links = (
  constats: Consolidated<"constats">[],
  propositions: Consolidated<"propositions">[],
) => weaknessLinks({ propositions }, findingClusters(constats));

describe("significant words", () => {
  it("keeps the topic words, folded and sorted, without stop words, generic words or single letters", () => {
    // « victimes » and « absence » are generic to the domain; « 2 » and the « l » of « l'état »
    // are single characters; « de », « pour », « les » are stop words.
    expect(
      significantWords("Absence de centres pour les victimes à Mopti, phase 2 de l'État"),
    ).toEqual(["centre", "etat", "mopti", "phase"]);
  });

  it("keeps two-letter words such as acronyms", () => {
    expect(significantWords("Cellule UE")).toEqual(["cellule", "ue"]);
  });

  it("has nothing for a text of only generic words", () => {
    expect(significantWords("Renforcer la lutte contre la traite des personnes")).toEqual([]);
  });
});

describe("whether an action shares a weakness's topic", () => {
  const action = new Set(["centre", "accueil", "mopti"]);

  it.each([
    ["no word at all", [], false],
    ["its only word", ["mopti"], true],
    ["not its only word", ["gao"], false],
    ["two of its three words", ["centre", "mopti", "gao"], true],
    ["all of its two words", ["centre", "accueil"], true],
    ["one of its two words", ["centre", "gao"], false],
    ["one of its three words", ["centre", "gao", "kidal"], false],
  ])("an action with %s of the weakness: %s", (_, weakness, expected) => {
    expect(sharesTopic(weakness as string[], action)).toBe(expected);
  });

  it("never links a weakness without words, even to an action without words", () => {
    expect(sharesTopic([], new Set())).toBe(false);
  });
});

describe("a cell as text", () => {
  it.each([
    ["Centre d'accueil", "Centre d'accueil"],
    [null, null],
    [undefined, null],
    [42, "42"],
    [false, "false"],
    // A blank text is no text: it must not link a weakness to an action by an empty code.
    ["", null],
    ["   ", null],
    [" Kayes ", " Kayes "],
  ])("%j reads as %j", (value, expected) => {
    expect(text(value)).toBe(expected);
  });
});

describe("clusters of findings by axis", () => {
  it("gives one part per cluster and axis, in consolidation order, each with its rows' wordings", () => {
    const parts = findingClusters([
      finding("PREV", "faiblesse", "Manque de centres d'accueil", {
        cluster: "c1",
        groups: ["G1"],
      }),
      finding("PROT", "force", "Magistrats formés", { cluster: "c2", groups: ["G2"] }),
      finding("PREV", "faiblesse", "Peu de centres d'accueil", { cluster: "c1", groups: ["G3"] }),
      finding("PROT", "faiblesse", "Centres d'accueil absents", { cluster: "c1", groups: ["G4"] }),
    ]);
    expect(parts.map((k) => [k.id, k.axe, k.type, k.wordings.map((w) => w.text)])).toEqual([
      ["c1", "PREV", "faiblesse", ["Manque de centres d'accueil", "Peu de centres d'accueil"]],
      ["c2", "PROT", "force", ["Magistrats formés"]],
      ["c1", "PROT", "faiblesse", ["Centres d'accueil absents"]],
    ]);
  });

  it("gives each part its own groups, and every axis and group of the whole cluster", () => {
    const parts = findingClusters([
      finding("PREV", "faiblesse", "Manque de centres", { cluster: "c1", groups: ["G2", "G1"] }),
      finding("PROT", "faiblesse", "Centres absents", { cluster: "c1", groups: ["G3", null] }),
      finding("PREV", "faiblesse", "Peu de centres", { cluster: "c1", groups: ["G1"] }),
      finding("COOR", "faiblesse", "Pas de comité", { cluster: "c2", groups: ["G5"] }),
    ]);
    expect(parts.map((k) => [k.id, k.groups, k.axes, k.allGroups])).toEqual([
      ["c1", ["G1", "G2"], ["PREV", "PROT"], ["G1", "G2", "G3"]],
      ["c1", ["G3"], ["PREV", "PROT"], ["G1", "G2", "G3"]],
      ["c2", ["G5"], ["COOR"], ["G5"]],
    ]);
  });

  it("makes each finding without a cluster a cluster of its own, named by its row", () => {
    // Rows merging did not cluster are never merged with one another, even on one axis.
    const parts = findingClusters([
      finding("PREV", "force", "Radios communautaires", { groups: ["G1"] }),
      finding("PREV", "force", "Comités de vigilance", { groups: ["G2"] }),
    ]);
    expect(parts.map((k) => [k.id, k.wordings.length, k.groups, k.axes, k.allGroups])).toEqual([
      ["#0", 1, ["G1"], ["PREV"], ["G1"]],
      ["#1", 1, ["G2"], ["PREV"], ["G2"]],
    ]);
  });

  it("puts the most cited wording first, rows cited as often in consolidation order", () => {
    const [part] = findingClusters([
      finding("PREV", "faiblesse", "Un", { cluster: "c1", groups: ["G1"] }),
      finding("PREV", "faiblesse", "Deux", { cluster: "c1", groups: ["G1", "G2"] }),
      finding("PREV", "faiblesse", "Trois", { cluster: "c1", groups: ["G3"] }),
      finding("PREV", "faiblesse", "Quatre", { cluster: "c1", groups: ["G4"] }),
      finding("PREV", "faiblesse", "Cinq", { cluster: "c1", groups: ["G1", "G2", "G3"] }),
      finding("PREV", "faiblesse", "Six", { cluster: "c1", groups: ["G5"] }),
    ]);
    expect(part?.wordings.map((w) => w.text)).toEqual([
      "Cinq",
      "Deux",
      "Un",
      "Trois",
      "Quatre",
      "Six",
    ]);
  });

  it("gives each wording its text, activity, evidence, recommendation and sources", () => {
    const [part] = findingClusters([
      finding("PREV", "faiblesse", "Manque de centres", {
        groups: ["G1"],
        extra: { code_activite: "1.2.3", preuve: "Rapport 2023", recommandation: null },
      }),
    ]);
    expect(part?.wordings).toEqual([
      {
        text: "Manque de centres",
        code_activite: "1.2.3",
        preuve: "Rapport 2023",
        recommandation: null,
        sources: [source("G1")],
      },
    ]);
  });

  it("reads a finding without wording as an empty text", () => {
    const [part] = findingClusters([finding("PREV", "menace", null)]);
    expect(part?.wordings.map((w) => w.text)).toEqual([""]);
  });
});

describe("cross-cutting findings", () => {
  const across = (constats: Consolidated<"constats">[]) =>
    crossCuttingClusters(constats, findingClusters(constats));

  it("lists a cluster cited under two axes once, with every part, axis, group and wording", () => {
    const constats = [
      finding("PREV", "force", "Radios actives", { groups: ["G9"] }),
      finding("PREV", "faiblesse", "Manque de centres", { cluster: "c1", groups: ["G1"] }),
      finding("PROT", "faiblesse", "Centres absents", { cluster: "c1", groups: ["G2", "G1"] }),
      finding("PREV", "faiblesse", "Peu de centres", { cluster: "c1", groups: ["G1"] }),
    ];
    expect(across(constats)).toEqual([
      {
        id: "c1",
        type: "faiblesse",
        axes: ["PREV", "PROT"],
        groups: ["G1", "G2"],
        wordings: [
          expect.objectContaining({ axe: "PROT", text: "Centres absents" }),
          expect.objectContaining({ axe: "PREV", text: "Manque de centres" }),
          expect.objectContaining({ axe: "PREV", text: "Peu de centres" }),
        ],
        parts: [1, 2],
      },
    ]);
  });

  it.each([
    [
      "two axes, two groups",
      [
        ["PREV", "G1"],
        ["PROT", "G2"],
      ],
      true,
    ],
    [
      "one axis, three groups",
      [
        ["PREV", "G1"],
        ["PREV", "G2"],
        ["PREV", "G3"],
      ],
      true,
    ],
    [
      "one axis, two groups",
      [
        ["PREV", "G1"],
        ["PREV", "G2"],
        ["PREV", "G1"],
      ],
      false,
    ],
  ])("a cluster cited under %s is cross-cutting: %s", (_, rows, expected) => {
    const constats = rows.map(([axe, g]) =>
      finding(axe as string, "menace", "Insécurité", { cluster: "c1", groups: [g as string] }),
    );
    expect(across(constats).map((k) => k.id)).toEqual(expected ? ["c1"] : []);
  });

  it("counts a finding without a cluster by its own groups, and keeps its wording", () => {
    const constats = [
      finding("PREV", "force", "Radios actives", { groups: ["G1"] }),
      finding("PREV", "menace", "Insécurité", { groups: ["G1", "G2", "G3"] }),
    ];
    expect(
      across(constats).map((k) => [k.id, k.groups, k.wordings.map((w) => w.text), k.parts]),
    ).toEqual([["#1", ["G1", "G2", "G3"], ["Insécurité"], [1]]]);
  });
});

describe("proposals that address a weakness", () => {
  it("links the proposals of its axis that carry over an activity it names, first, then those sharing its topic", () => {
    const constats = [
      finding("PREV", "faiblesse", "Manque de centres d'accueil à Mopti", {
        extra: { code_activite: "1.2.3" },
      }),
    ];
    const propositions = [
      offer("PREV", "Ouvrir des centres d'accueil à Mopti"),
      offer("PREV", "Former les juges"),
      offer("PREV", "Former les juges", { code_activite_origine: "1.2.3" }),
      offer("PREV", "Former les policiers", { code_activite_origine: "1.2.4" }),
    ];
    expect(links(constats, propositions)).toEqual([[2, 0]]);
  });

  it("matches the activity a proposal carries over as merging compares texts", () => {
    // Case and typographic apostrophes do not hide that the codes are the same.
    const constats = [
      finding("PREV", "faiblesse", "Juges", { extra: { code_activite: "Activité A’1" } }),
    ];
    const propositions = [offer("PREV", "Former", { code_activite_origine: "activité a'1" })];
    expect(links(constats, propositions)).toEqual([[0]]);
  });

  it("links a proposal once when it both carries over the activity and shares the topic", () => {
    const constats = [
      finding("PREV", "faiblesse", "Manque de centres d'accueil", {
        extra: { code_activite: "1.2.3" },
      }),
    ];
    const propositions = [
      offer("PREV", "Former les juges"),
      offer("PREV", "Ouvrir des centres d'accueil", { code_activite_origine: "1.2.3" }),
    ];
    expect(links(constats, propositions)).toEqual([[1]]);
  });

  it.each([
    ["the action", "Ouvrir des centres d'accueil", null, true],
    ["the expected result", "Former", "Des centres d'accueil ouverts", true],
    ["action and result together", "Ouvrir des centres", "Accueil des enfants", true],
    ["neither", "Former les juges", "Des juges formés", false],
    ["only one word", "Ouvrir des centres", "Des juges formés", false],
  ])("a proposal sharing its topic in %s: linked %s", (_, action, resultat, expected) => {
    const constats = [finding("PREV", "faiblesse", "Manque de centres d'accueil")];
    const propositions = [offer("PREV", action, { resultat_attendu: resultat })];
    expect(links(constats, propositions)).toEqual([expected ? [0] : []]);
  });

  it("links a proposal sharing the topic of its recommendation, not only of its wording", () => {
    const constats = [
      finding("PREV", "faiblesse", "Manque de centres d'accueil", {
        extra: { recommandation: "Former les juges de Mopti" },
      }),
    ];
    const propositions = [offer("PREV", "Former les juges")];
    expect(links(constats, propositions)).toEqual([[0]]);
  });

  it("links a proposal sharing the topic of any wording of the cluster", () => {
    const constats = [
      finding("PREV", "faiblesse", "Manque de centres d'accueil", { cluster: "c1" }),
      finding("PREV", "faiblesse", "Juges non formés à Mopti", { cluster: "c1" }),
    ];
    const propositions = [offer("PREV", "Former les juges de Mopti")];
    expect(links(constats, propositions)).toEqual([[0]]);
  });

  it("ignores proposals of another axis, whatever they carry over or share", () => {
    const constats = [
      finding("PREV", "faiblesse", "Manque de centres d'accueil", {
        extra: { code_activite: "1.2.3" },
      }),
    ];
    const propositions = [
      offer("PROT", "Former les juges", { code_activite_origine: "1.2.3" }),
      offer("PROT", "Ouvrir des centres d'accueil"),
      offer(null, "Ouvrir des centres d'accueil", { code_activite_origine: "1.2.3" }),
    ];
    expect(links(constats, propositions)).toEqual([[]]);
  });

  it("links a cross-cutting weakness to proposals of any axis of its cluster, from each part", () => {
    const constats = [
      finding("PREV", "faiblesse", "Manque de centres d'accueil", { cluster: "c1" }),
      finding("PROT", "faiblesse", "Absence de juges", { cluster: "c1" }),
      finding("COOR", "faiblesse", "Pas de comité", { cluster: "c2" }),
    ];
    const propositions = [
      offer("COOR", "Ouvrir des centres d'accueil"),
      offer("PROT", "Ouvrir des centres d'accueil"),
    ];
    // Each part reads its own wordings: the PROT part says nothing of centres.
    expect(links(constats, propositions)).toEqual([[1], [], []]);
  });

  it.each(["force", "opportunite", "menace"])("links nothing to a finding of type %s", (type) => {
    const constats = [
      finding("PREV", type, "Centres d'accueil à Mopti", { extra: { code_activite: "1.2.3" } }),
      finding("PREV", "faiblesse", "Manque de centres d'accueil à Mopti", { cluster: "c9" }),
    ];
    const propositions = [
      offer("PREV", "Ouvrir des centres d'accueil", { code_activite_origine: "1.2.3" }),
    ];
    expect(links(constats, propositions)).toEqual([[], [0]]);
  });
});

describe("the group of a problem", () => {
  const file = (
    path: string,
    rowGroups: (string | undefined)[],
    groupe?: string,
    session?: string,
  ) =>
    submission(
      path,
      [
        {
          kind: "constats",
          rows: rowGroups.map((g) => ({
            values: constat("PREV", "force", "Radios"),
            meta: g === undefined ? {} : { groupe: g },
          })),
        },
      ],
      { ...(groupe ? { groupe } : {}), ...(session ? { session } : {}) },
    );

  it("gives a row its own group, else the file's", () => {
    const f = file("J1/g1.csv", ["Groupe 2", undefined], "Groupe 1");
    const groupOf = grouper(f);
    const [a, b] = f.tables[0]?.records ?? [];
    expect([groupOf(a), groupOf(b), groupOf()]).toEqual(["Groupe 2", "Groupe 1", "Groupe 1"]);
  });

  it.each([
    ["the file's group before its rows'", ["Groupe 2", "Groupe 2"], "Groupe 1", "Groupe 1"],
    ["its rows' group when they agree", ["Groupe 2", undefined, "Groupe 2"], undefined, "Groupe 2"],
    [
      "its rows' group when they agree but for spelling",
      ["G2", "Groupe 02"],
      undefined,
      "Groupe 02",
    ],
    ["the name's group when its rows disagree", ["Groupe 2", "Groupe 3"], undefined, "protection"],
    ["the name's group when no row names one", [undefined], undefined, "protection"],
  ])("gives a problem of the whole file %s", (_, rowGroups, groupe, expected) => {
    expect(grouper(file("J1/J1-protection.csv", rowGroups, groupe, "J1"))()).toBe(expected);
  });
});
