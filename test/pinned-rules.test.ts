import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STATUS_ORDER, STATUTS, TYPE_ORDER, TYPES_CONSTAT } from "../src/fields.js";
import { run, workshop } from "./helpers/workshop.js";

/**
 * Rules pinned completely, not by a pair or two: every ordered pair of statuses in a conflict,
 * the closed orders of the registry, and how numbers are written in the consolidated CSV.
 */

/** From the most conservative reading of an activity to the least: written out, not derived. */
const CONSERVATIVE = ["abandonne", "non_realise", "en_cours", "partiel", "realise"] as const;

const LABEL: Record<string, string> = {
  realise: "Réalisé",
  partiel: "Partiellement réalisé",
  en_cours: "En cours",
  non_realise: "Non réalisé",
  abandonne: "Abandonné",
};

const HEADER =
  "Axe;Code activité;Activité;Statut;Taux de réalisation (%);Budget prévu (FCFA);Budget exécuté (FCFA)";

describe("the closed orders of the registry", () => {
  it("are the ones the report and merging rely on", () => {
    expect(STATUS_ORDER).toEqual(CONSERVATIVE);
    expect(STATUTS.map((s) => s.id)).toEqual([...CONSERVATIVE].reverse());
    expect(TYPE_ORDER).toEqual(["force", "faiblesse", "opportunite", "menace"]);
    expect(TYPES_CONSTAT.map((t) => t.id)).toEqual(TYPE_ORDER);
  });
});

describe("two groups of one session disagree on a status", () => {
  it("keeps the more conservative of the two, for every ordered pair", async () => {
    const pairs = CONSERVATIVE.flatMap((a) =>
      CONSERVATIVE.filter((b) => b !== a).map((b) => [a, b] as const),
    );
    expect(pairs).toHaveLength(20);
    const rows = (pick: 0 | 1) =>
      pairs.map(([a, b], i) => `1;1.1.${i + 1};Activité ${i + 1};${LABEL[pick ? b : a]};;;`);
    const dir = workshop({
      "atelier.config.json": JSON.stringify({ sessions: ["J1"] }),
      "J1/groupe-a.csv": `${[HEADER, ...rows(0)].join("\r\n")}\r\n`,
      "J1/groupe-b.csv": `${[HEADER, ...rows(1)].join("\r\n")}\r\n`,
    });
    expect((await run("compile", dir)).code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "sortie", "consolidation.json"), "utf8"));
    const chosen = (code: string) =>
      json.conflits
        .filter((k: { key: string; field: string }) => k.key === code && k.field === "statut")
        .map((k: { chosen: string; rule: string }) => [k.chosen, k.rule]);
    for (const [i, [a, b]] of pairs.entries()) {
      const code = `1.1.${i + 1}`;
      const expected = CONSERVATIVE.indexOf(a) < CONSERVATIVE.indexOf(b) ? a : b;
      expect([code, a, b, chosen(code)]).toEqual([code, a, b, [[expected, "conservative-status"]]]);
      const row = json.bilan.find((r: { code_activite: string }) => r.code_activite === code);
      expect(row.statut).toBe(expected);
    }
  });
});

describe("numbers in the consolidated CSV", () => {
  const dir = () =>
    workshop({
      "atelier.config.json": JSON.stringify({ sessions: ["J1"], currency: "EUR" }),
      "J1/a.csv": `${HEADER.replaceAll("FCFA", "EUR")}\r\n1;1.1.1;Sensibiliser;Partiellement réalisé;12,5;1234,5;1000,25\r\n1;1.1.2;Former;Réalisé;100;1000000000000;0\r\n1;1.1.3;Suivre;Réalisé;100;1000000000000000000000;0,0000001\r\n`,
    });
  const lines = (d: string, out: string) =>
    readFileSync(join(d, out, "bilan.csv"), "utf8")
      .split("\r\n")
      .slice(1, 4);

  it("are written with a decimal comma where the delimiter is « ; » (French Excel)", async () => {
    const d = dir();
    expect((await run("compile", d)).code).toBe(0);
    expect(lines(d, "sortie")).toEqual([
      "1. Prévention;1.1.1;Sensibiliser;;;;;Partiellement réalisé;12,5;1234,5;1000,25;;;;;a;J1;J1/a.csv:2",
      "1. Prévention;1.1.2;Former;;;;;Réalisé;100;1000000000000;0;;;;;a;J1;J1/a.csv:3",
      // In full, never « 1e+21 » nor « 1e-7 », which French Excel and atelier read as text.
      "1. Prévention;1.1.3;Suivre;;;;;Réalisé;100;1000000000000000000000;0,0000001;;;;;a;J1;J1/a.csv:4",
    ]);
  });

  it("and with a decimal point where it is « , »", async () => {
    const d = dir();
    expect((await run("compile", d, "--csv-delimiter", ",", "--out", join(d, "s"))).code).toBe(0);
    expect(lines(d, "s")).toEqual([
      "1. Prévention,1.1.1,Sensibiliser,,,,,Partiellement réalisé,12.5,1234.5,1000.25,,,,,a,J1,J1/a.csv:2",
      "1. Prévention,1.1.2,Former,,,,,Réalisé,100,1000000000000,0,,,,,a,J1,J1/a.csv:3",
      "1. Prévention,1.1.3,Suivre,,,,,Réalisé,100,1000000000000000000000,0.0000001,,,,,a,J1,J1/a.csv:4",
    ]);
  });
});
