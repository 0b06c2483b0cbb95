import { describe, expect, it, vi } from "vitest";
import {
  fingerprint,
  groupsByCluster,
  orderConstats,
  orderPropositions,
  similar,
} from "../src/merge/clusters.js";
import { sameValue, sessionComparator } from "../src/merge/compare.js";
import { computeIndicators, scoreOf } from "../src/merge/indicators.js";
import type { Consolidated } from "../src/model.js";
import { config, constat, full, proposition, type Values } from "./helpers/submissions.js";

/**
 * The rules of clusters (order, fingerprints, near-duplicates, groups per cluster), of the key
 * figures and of how merging compares sessions and values, on rows made here: no merge of whole
 * submissions.
 */

const constatRow = (axe: string, type: string, text: string) =>
  ({
    ...full("constats", constat(axe, type, text)),
    sources: [],
  }) as unknown as Consolidated<"constats">;

const propositionRow = (axe: string, objectif: string, action: string) =>
  ({
    ...full("propositions", proposition(axe, objectif, action)),
    sources: [],
  }) as unknown as Consolidated<"propositions">;

const bilanRow = (values: Values) =>
  ({
    ...full("bilan", { axe: "PREV", code_activite: "1.1.1", ...values }),
    sources: [],
  }) as unknown as Consolidated<"bilan">;

const source = (groupe: string | null) => ({
  file: "a.csv",
  sheet: null,
  row: 2,
  groupe,
  session: null,
});

describe("order of constats", () => {
  it("puts the axes the configuration lists first, in its order, then other axes by code", () => {
    const rows = [
      constatRow("ZZZ", "force", "Réseau associatif"),
      constatRow("COOR", "force", "Comité actif"),
      constatRow("AUTRE", "force", "Partenaires engagés"),
      constatRow("PREV", "force", "Campagnes régulières"),
    ];
    expect(orderConstats(rows, config).map((p) => p.row.axe)).toEqual([
      "PREV",
      "COOR",
      "AUTRE",
      "ZZZ",
    ]);
  });

  it("orders the clusters of a type by their smallest wording, keeping each cluster together", () => {
    // One cluster of three wordings (Absence… is its smallest) and one of a single wording: the
    // cluster of « Absence… » comes first as a whole, though « Pas… » and « Peu… » sort after
    // « Manque… ». The cluster's first and last rows are not its smallest, on purpose.
    const rows = [
      constatRow("PROT", "faiblesse", "Pas de centres d'accueil pour les victimes"),
      constatRow("PROT", "faiblesse", "Manque de magistrats formés"),
      constatRow("PROT", "faiblesse", "Absence de centres d'accueil pour les victimes"),
      constatRow("PROT", "faiblesse", "Violences faites aux femmes"),
      constatRow("PROT", "faiblesse", "Peu de centres d'accueil pour les victimes"),
    ];
    const placed = orderConstats(rows, config);
    expect(placed.map((p) => p.row.constat)).toEqual([
      "Absence de centres d'accueil pour les victimes",
      "Pas de centres d'accueil pour les victimes",
      "Peu de centres d'accueil pour les victimes",
      "Manque de magistrats formés",
      "Violences faites aux femmes",
    ]);
    const [a, b, c, d, e] = placed.map((p) => p.group);
    expect([a === b, b === c, c === d, d === e]).toEqual([true, true, false, false]);
  });
});

describe("order of propositions", () => {
  it("follows the plan's axes, then the objective, then the action", () => {
    const rows = [
      propositionRow("PREV", "A objectif", "Former les enseignants"),
      propositionRow("COOR", "A objectif", "Installer le comité"),
      propositionRow("PREV", "B objectif", "Afficher les numéros verts"),
      propositionRow("PREV", "A objectif", "Sensibiliser les écoles"),
    ];
    expect(orderPropositions(rows, config).map((p) => [p.row.axe, p.row.action])).toEqual([
      ["PREV", "Former les enseignants"],
      ["PREV", "Sensibiliser les écoles"],
      ["PREV", "Afficher les numéros verts"],
      ["COOR", "Installer le comité"],
    ]);
  });
});

describe("fingerprints", () => {
  it("drops French and English stop words of every list", async () => {
    // The list is built when the module loads: loaded afresh here, so that mutation testing,
    // which changes code from inside a test, reaches it.
    vi.resetModules();
    const { fingerprint: fresh } = await import("../src/merge/clusters.js");
    expect(fresh("Le chef de cette unité and the staff")).toEqual(["chef", "staff", "unite"]);
  });

  it("makes no empty word of punctuation at either end", () => {
    expect(fingerprint("« Sécurité » des frontières.")).toEqual(["frontiere", "securite"]);
  });

  it("drops a plural s or x only from words longer than three letters", () => {
    expect(fingerprint("Cas graves dans les bus")).toEqual(["bus", "cas", "grave"]);
    // Plurals in -x as in -s: « jeux » is « jeu ».
    expect(fingerprint("Jeux de hasard")).toEqual(fingerprint("Jeu de hasard"));
  });
});

describe("near-duplicates", () => {
  it("a wording without significant words matches only another such wording", () => {
    expect(similar(fingerprint("—"), fingerprint("?"))).toBe(true);
    expect(similar(fingerprint("—"), fingerprint("Juges"))).toBe(false);
    expect(similar(fingerprint("Juges"), fingerprint("—"))).toBe(false);
  });

  it("accepts typos up to 15 % of the longer fingerprint, spaces between words included", () => {
    // [forme juge peu] (14 characters) and [forne jge peu] (13): two edits, the bound of the
    // longer one (⌊14 × 0.15⌋ = 2) but over that of the shorter (1); no word in common but one.
    expect(similar(fingerprint("Peu de juges formés"), fingerprint("Peu de jges fornés"))).toBe(
      true,
    );
    expect(similar(fingerprint("Peu de juges formés"), fingerprint("Peu de jgs fornés"))).toBe(
      false,
    );
  });
});

describe("groups by cluster", () => {
  it("counts named groups of clustered rows only", () => {
    const rows = [
      { cluster: "c1", sources: [source(null), source("G2")] },
      { sources: [source("G3")] },
      { cluster: "c2", sources: [source("G1")] },
    ];
    expect([...groupsByCluster(rows)]).toEqual([
      ["c1", ["G2"]],
      ["c2", ["G1"]],
    ]);
  });
});

describe("indicators", () => {
  it("does not assess an activity with neither a rate nor a status", () => {
    expect(scoreOf(bilanRow({ statut: null }), config)).toBeNull();
    // Left out of the denominator: the one assessed activity, done, gives 100 %.
    const figures = computeIndicators(
      [bilanRow({ statut: "realise" }), bilanRow({ code_activite: "1.1.2", statut: null })],
      config,
    );
    expect(figures.taux_realisation.global).toBe(1);
    expect(figures.taux_realisation.par_axe.PREV).toBe(1);
  });

  it("scores a status the weights do not give as not assessed", () => {
    expect(scoreOf(bilanRow({ statut: "inconnu" }), config)).toBeNull();
  });

  it("gives figures of their own to an axis the configuration does not list, after its axes", () => {
    const figures = computeIndicators(
      [bilanRow({ axe: "AUTRE", statut: "partiel", budget_prevu: 100, budget_execute: 40 })],
      config,
    );
    expect(Object.entries(figures.taux_realisation.par_axe)).toEqual([
      ["PREV", null],
      ["PROT", null],
      ["POUR", null],
      ["COOR", null],
      ["AUTRE", 0.5],
    ]);
    expect(figures.execution_budgetaire.par_axe.AUTRE).toBe(0.4);
  });

  it("gives no budget execution, rather than NaN, without a planned budget", () => {
    const figures = computeIndicators(
      [
        bilanRow({ axe: "PREV", statut: "realise", budget_prevu: 200, budget_execute: 50 }),
        bilanRow({ axe: "PROT", statut: "realise" }),
        bilanRow({ axe: "COOR", statut: "realise", budget_prevu: 0, budget_execute: 0 }),
      ],
      config,
    );
    expect(figures.execution_budgetaire).toEqual({
      global: 0.25,
      par_axe: { PREV: 0.25, PROT: null, POUR: null, COOR: null },
    });
  });
});

describe("order of sessions", () => {
  const listed = sessionComparator({ ...config, sessions: ["J1", "J2"] });

  it("puts an unlisted session before the listed ones, even one that would sort after them", () => {
    // « Synthèse » sorts after « J1 » in natural order and « J5 » after « J2 » by number: being
    // unlisted comes first all the same, so that it never overrides a listed session's values;
    // a name that cannot be placed comes before a numbered session.
    expect(["J2", "Synthèse", "J1", "J5"].sort(listed)).toEqual(["Synthèse", "J5", "J1", "J2"]);
    expect(Math.sign(listed("J1", "Synthèse"))).toBe(1);
    expect(Math.sign(listed("Synthèse", "J1"))).toBe(-1);
    expect(Math.sign(listed("J2", "J5"))).toBe(1);
    expect(Math.sign(listed("J5", "J2"))).toBe(-1);
  });

  it("takes an unlisted session differing only in case for the same session", () => {
    const unlisted = sessionComparator(config);
    expect(unlisted("Synthèse", "SYNTHÈSE")).toBe(0);
    expect(listed("Synthèse", "SYNTHÈSE")).toBe(0);
  });

  it("orders a name with a number inside by the name, not as a numbered session", () => {
    // Only `J2`, `Jour 2`, `Session 2`… are numbered sessions; « Atelier #9 » and « #12 bis »
    // are names of their own, in natural order (`#` before letters).
    const unlisted = sessionComparator(config);
    expect(["J2", "Atelier #9"].sort(unlisted)).toEqual(["Atelier #9", "J2"]);
    expect(["J3", "#12 bis"].sort(unlisted)).toEqual(["#12 bis", "J3"]);
  });
});

describe("same value", () => {
  it("never takes a text and a list for the same value, in either order", () => {
    expect(sameValue("DNP", ["DNP"])).toBe(false);
    expect(sameValue(["DNP"], "DNP")).toBe(false);
  });
});
