import { describe, expect, it } from "vitest";
import { buildReport } from "../src/analysis/report.js";
import { consolidateWorkshop } from "../src/commands/index.js";
import { formatDay, formatDays } from "../src/i18n/format.js";
import { contextParagraphs, objectives, sourceRef } from "../src/render/report-text.js";
import { CONSTATS_HEADER, workshop } from "./helpers/workshop.js";

/** What the report says of the workshop itself: dates, references, groups, recommendations. */

describe("dates of the workshop", () => {
  it.each([
    ["2023-07-18", "2023-07-20", "du 18 au 20 juillet 2023", "18–20 July 2023"],
    ["2023-06-30", "2023-07-02", "du 30 juin au 2 juillet 2023", "30 June – 2 July 2023"],
    [
      "2023-12-30",
      "2024-01-02",
      "du 30 décembre 2023 au 2 janvier 2024",
      "30 December 2023 – 2 January 2024",
    ],
    ["2023-07-18", "2023-07-18", "le 18 juillet 2023", "18 July 2023"],
    ["2023-07-01", "2023-07-03", "du 1er au 3 juillet 2023", "1–3 July 2023"],
  ])("%s to %s", (from, to, fr, en) => {
    expect(formatDays(from, to, "fr")).toBe(fr);
    expect(formatDays(from, to, "en")).toBe(en);
  });

  it("writes a day as a sentence does", () => {
    expect(formatDay("2023-07-05", "fr")).toBe("5 juillet 2023");
    expect(formatDay("2023-07-05", "en")).toBe("5 July 2023");
  });
});

const HEAD = `Groupe de travail;Date;${CONSTATS_HEADER}`;

async function model(files: Record<string, string>) {
  const dir = workshop(files);
  const w = await consolidateWorkshop(dir);
  return buildReport(w.consolidation, w.validation, w.config, new Date(0));
}

describe("compact references and groups", () => {
  it("codes a group by its number, else by its initials; a session by its number, else its rank", async () => {
    const m = await model({
      "J1/a.csv": `${HEAD}Groupe 2;;1;Force;Radios communautaires actives\r\n`,
      "J1/b.csv": `${HEAD}Protection;;2;Faiblesse;Centres d'accueil insuffisants\r\n`,
      "Jour 2/b.csv": `${HEAD}Protection;;2;Menace;Insécurité dans le centre du pays\r\n`,
      "Atelier de Ségou/c.csv": `${HEAD}Groupe A;;3;Force;Pôle judiciaire spécialisé\r\n`,
      "Atelier de Sikasso/c.csv": `${HEAD}Groupe A;;3;Menace;Pression sur les témoins\r\n`,
    });
    expect(m.sources.groups.map((g) => [g.name, g.code])).toEqual([
      ["Groupe 2", "G2"],
      ["Groupe A", "GA"],
      ["Protection", "GP"],
    ]);
    expect(m.sources.refs.map((r) => [r.ref, r.groupe, r.session, r.files])).toEqual([
      ["G2-J1", "Groupe 2", "J1", ["J1/a.csv"]],
      ["GA-S1", "Groupe A", "Atelier de Ségou", ["Atelier de Ségou/c.csv"]],
      ["GA-S2", "Groupe A", "Atelier de Sikasso", ["Atelier de Sikasso/c.csv"]],
      ["GP-J1", "Protection", "J1", ["J1/b.csv"]],
      ["GP-J2", "Protection", "Jour 2", ["Jour 2/b.csv"]],
    ]);
    const menace = m.findings[1]?.types.menace[0]?.wordings[0];
    expect(menace && sourceRef(m, menace.sources[0] as never)).toBe("GP-J2");
  });

  it("takes the workshop's dates from the Identification sheets when the configuration has none", async () => {
    const m = await model({
      "J1/g1.csv": `${HEAD}Groupe 1;19/07/2023;1;Force;Radios actives\r\n`,
      "J2/g1.csv": `${HEAD}Groupe 1;20/07/2023;1;Force;Radios actives\r\n`,
    });
    expect(m.about.dates).toEqual({ from: "2023-07-19", to: "2023-07-20" });
    expect(contextParagraphs(m, "fr").at(-1)).toBe(
      "L'atelier s'est tenu du 19 au 20 juillet 2023.",
    );
    expect(objectives(m, "fr")).toHaveLength(3);
  });
});
