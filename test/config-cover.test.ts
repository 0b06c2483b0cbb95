import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { initWorkshop } from "../src/commands/template.js";
import { DEFAULT_WORKSHOP, defaultConfig, loadConfig } from "../src/config.js";
import { AppError } from "../src/errors.js";
import { run, workshop } from "./helpers/workshop.js";

/**
 * The keys that describe the workshop for the report's cover page and first chapter
 * (`institution`, `country`, `motto`, `venue`, `dates`, `partners`, `context`, `objectives`): each
 * text plain or `{ "fr": …, "en": … }`, each mistake said with its key, in French and English.
 */

function loaded(json: unknown) {
  const dir = workshop({ "atelier.config.json": JSON.stringify(json) });
  return loadConfig(join(dir, "atelier.config.json")).workshop;
}

/** The error loading this configuration throws, in both languages, its path written F. */
function refused(json: unknown): { fr: string; en: string } {
  const dir = workshop({ "atelier.config.json": JSON.stringify(json) });
  const file = join(dir, "atelier.config.json");
  try {
    loadConfig(file);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    expect(e.code).toBe("CONFIG_INVALID");
    return { fr: e.fr.replaceAll(file, "F"), en: e.en.replaceAll(file, "F") };
  }
  throw new Error("accepted");
}

/** The message of a configuration with one wrong key. */
const one = (line: string) =>
  `Configuration F invalide — ${line}. Corrigez cette clé (voir README, « Configuration »).`;
const many = (...lines: string[]) =>
  [
    "Configuration F invalide :",
    ...lines.map((l) => `  - ${l}`),
    "Corrigez ces clés (voir README, « Configuration »).",
  ].join("\n");

const DATE = "une date entre 1990 et 2100 écrite 2023-07-18 ou 18/07/2023, le jour avant le mois";
const TEXT = "un texte non vide ou un objet { fr, en }";
const ZOD = /expected|received|Too big|Too small|Invalid input|Invalid option|Unrecognized/;

describe("the workshop described in the configuration", () => {
  it("gives a country it names neither Mali's ministry nor its motto; a tab is a space", () => {
    const w = loaded({ country: "République du Niger", venue: "Niamey\tcentre" });
    expect([w.country.fr, w.institution, w.motto, w.venue?.fr]).toEqual([
      "République du Niger",
      null,
      null,
      "Niamey centre",
    ]);
    expect(loaded({ motto: "Fraternité – Travail – Progrès" }).institution?.fr).toBe(
      "Ministère de la Justice et des Droits de l'Homme",
    );
    // Mali named as the file likes: its ministry and motto stay.
    for (const country of ["République du Mali", "MALI", { fr: "Mali", en: "Mali" }]) {
      const w = loaded({ country });
      expect([w.institution?.en, w.motto?.fr]).toEqual([
        "Ministry of Justice and Human Rights",
        "Un Peuple – Un But – Une Foi",
      ]);
    }
  });

  it("refuses dates outside the years a plan may have", () => {
    expect(refused({ dates: { from: "0001-01-01", to: "9999-12-31" } }).fr).toBe(
      many(
        `dates.from : il faut ${DATE}, pas le texte "0001-01-01"`,
        `dates.to : il faut ${DATE}, pas le texte "9999-12-31"`,
      ),
    );
  });

  it("a full configuration: each text in both languages, the dates in ISO", () => {
    const w = loaded({
      institution: "Ministère de la Justice et des Droits de l'Homme",
      country: "République du Mali",
      motto: "Un Peuple – Un But – Une Foi",
      venue: "Bamako",
      dates: { from: "18/07/2023", to: "2023-07-20" },
      partners: [
        "Organisation internationale pour les migrations (OIM)",
        "Office des Nations unies contre la drogue et le crime (ONUDC)",
      ],
      context: "Le Mali a adopté en 2018 …\r\n\r\nLe plan arrive à son terme.\r\n",
      objectives: ["Faire le bilan du PAN 2018-2022", "Élaborer le PAN 2023-2027"],
    });
    const same = (text: string) => ({ fr: text, en: text });
    expect(w).toEqual({
      institution: same("Ministère de la Justice et des Droits de l'Homme"),
      country: same("République du Mali"),
      motto: same("Un Peuple – Un But – Une Foi"),
      venue: same("Bamako"),
      dates: { from: "2023-07-18", to: "2023-07-20" },
      partners: [
        same("Organisation internationale pour les migrations (OIM)"),
        same("Office des Nations unies contre la drogue et le crime (ONUDC)"),
      ],
      // Paragraphs kept, CRLF made LF, the spaces around the text dropped.
      context: same("Le Mali a adopté en 2018 …\n\nLe plan arrive à son terme."),
      objectives: [same("Faire le bilan du PAN 2018-2022"), same("Élaborer le PAN 2023-2027")],
    });
  });

  it("{ fr, en }: the English given, or the French standing for it", () => {
    const w = loaded({
      country: { fr: "République du Mali", en: "Republic of Mali" },
      venue: { fr: "Bamako" },
      partners: [{ fr: "OIM", en: "IOM" }, "ONUDC"],
      context: { fr: "Premier.\n\nSecond.", en: "First.\r\n\r\nSecond." },
    });
    expect(w.country).toEqual({ fr: "République du Mali", en: "Republic of Mali" });
    expect(w.venue).toEqual({ fr: "Bamako", en: "Bamako" });
    expect(w.partners).toEqual([
      { fr: "OIM", en: "IOM" },
      { fr: "ONUDC", en: "ONUDC" },
    ]);
    expect(w.context).toEqual({ fr: "Premier.\n\nSecond.", en: "First.\n\nSecond." });
  });

  it("the defaults: the Mali national action plan workshop", () => {
    const expected = {
      institution: {
        fr: "Ministère de la Justice et des Droits de l'Homme",
        en: "Ministry of Justice and Human Rights",
      },
      country: { fr: "République du Mali", en: "Republic of Mali" },
      motto: { fr: "Un Peuple – Un But – Une Foi", en: "One People – One Goal – One Faith" },
      venue: null,
      dates: null,
      partners: [],
      context: null,
      objectives: [],
    };
    expect(DEFAULT_WORKSHOP).toEqual(expected);
    expect(defaultConfig("/tmp").workshop).toEqual(expected);
    expect(loaded({})).toEqual(expected);
    // One key given: the others keep their defaults.
    expect(loaded({ institution: "Ministère X" })).toEqual({
      ...expected,
      institution: { fr: "Ministère X", en: "Ministère X" },
    });
  });

  it("a one-day workshop: to equal to from", () => {
    expect(loaded({ dates: { from: "29/02/2024", to: "2024-02-29" } }).dates).toEqual({
      from: "2024-02-29",
      to: "2024-02-29",
    });
    expect(loaded({ dates: { from: "8/7/2023", to: "9/7/2023" } }).dates).toEqual({
      from: "2023-07-08",
      to: "2023-07-09",
    });
  });
});

describe("a workshop key written wrong: named, with what it must hold", () => {
  it("a value of the wrong kind", () => {
    expect(
      refused({
        institution: 3,
        venue: ["Bamako"],
        dates: "2023-07-18",
        motto: null,
        objectives: ["Faire le bilan", 2],
      }).fr,
    ).toBe(
      many(
        `institution : il faut ${TEXT}, pas le nombre 3`,
        `motto : il faut ${TEXT}, pas null`,
        `venue : il faut ${TEXT}, pas une liste`,
        'dates : il faut un objet { from, to }, pas le texte "2023-07-18"',
        `objectives[1] : il faut ${TEXT}, pas le nombre 2`,
      ),
    );
  });

  it("a text that says nothing: empty, spaces, or a mark of emptiness", () => {
    const e = refused({
      institution: "",
      country: "   ",
      venue: "N/A",
      context: { fr: "\n", en: "-" },
      partners: ["OIM", " "],
    });
    expect(e.fr).toBe(
      many(
        "institution : le texte est vide : écrivez le texte, ou retirez la clé",
        "country : le texte est vide : écrivez le texte, ou retirez la clé",
        "venue : « N/A » veut dire « vide » (comme -, N/A, néant) : écrivez le texte, ou retirez la clé",
        "partners[1] : le texte est vide : écrivez le texte, ou retirez l'élément de la liste",
        // `fr` cannot be left out of its object; `en` can (the French stands for it).
        "context.fr : le texte est vide : écrivez le texte",
        "context.en : « - » veut dire « vide » (comme -, N/A, néant) : écrivez le texte, ou retirez la clé",
      ),
    );
    expect(e.en).toContain(
      "  - partners[1]: the text is empty: write the text, or remove the item from the list\n",
    );
  });

  it("an object that is no { fr, en }: the key unknown, with a close one, or fr missing", () => {
    const e = refused({
      institution: { fr: "Ministère", eng: "Ministry" },
      country: { fr: "Mali", langue: "fr" },
      motto: { en: "One People" },
      partners: [{ fr: 3 }],
    });
    expect(e.fr).toBe(
      many(
        "institution.eng : clé inconnue ; vouliez-vous dire « en » ?",
        "country.langue : clé inconnue (clés possibles : fr, en)",
        "motto.fr : clé obligatoire manquante (un texte non vide)",
        "partners[0].fr : il faut un texte non vide, pas le nombre 3",
      ),
    );
    expect(e.en).toBe(
      [
        "Invalid configuration F:",
        "  - institution.eng: unknown key; did you mean “en”?",
        "  - country.langue: unknown key (possible keys: fr, en)",
        "  - motto.fr: required key missing (a non-empty text)",
        "  - partners[0].fr: must be a non-empty text, not the number 3",
        "Fix these keys (see README, “Configuration”).",
      ].join("\n"),
    );
    expect(e.fr).not.toMatch(ZOD);
    expect(e.en).not.toMatch(ZOD);
  });

  it("a day that does not exist, written month first, or not a date", () => {
    expect(refused({ dates: { from: "31/02/2023", to: "07/18/2023" } }).fr).toBe(
      many(
        `dates.from : il faut ${DATE}, pas le texte "31/02/2023" (février 2023 n'a que 28 jours)`,
        `dates.to : il faut ${DATE}, pas le texte "07/18/2023" (le jour s'écrit avant le mois : 18/07/2023)`,
      ),
    );
    expect(refused({ dates: { from: "2023-13-01", to: "18 juillet 2023" } }).fr).toBe(
      many(
        `dates.from : il faut ${DATE}, pas le texte "2023-13-01" (il n'y a pas de mois 13)`,
        `dates.to : il faut ${DATE}, pas le texte "18 juillet 2023"`,
      ),
    );
    expect(refused({ dates: { from: 2023, to: "2023-07-20" } }).fr).toBe(
      one(`dates.from : il faut ${DATE}, pas le nombre 2023`),
    );
    expect(refused({ dates: { from: "31/02/2023", to: "2023-07-20" } }).en).toBe(
      'Invalid configuration F — dates.from: must be a date between 1990 and 2100 written 2023-07-18 or 18/07/2023, the day before the month, not the text "31/02/2023" (February 2023 has only 28 days). Fix this key (see README, “Configuration”).',
    );
  });

  it("both days required; from after to", () => {
    expect(refused({ dates: { from: "2023-07-18" } }).fr).toBe(
      one(`dates.to : clé obligatoire manquante (${DATE})`),
    );
    expect(refused({ dates: { from: "20/07/2023", to: "2023-07-18" } }).fr).toBe(
      one("dates.to : « from » (20/07/2023) doit précéder « to » (2023-07-18) ou lui être égal"),
    );
    expect(refused({ dates: { from: "20/07/2023", to: "2023-07-18" } }).en).toBe(
      "Invalid configuration F — dates.to: “from” (20/07/2023) must come before “to” (2023-07-18) or equal it. Fix this key (see README, “Configuration”).",
    );
    expect(refused({ dates: { from: "2023-07-18", to: "2023-07-20", jusqu: "x" } }).fr).toBe(
      one("dates.jusqu : clé inconnue (clés possibles : from, to)"),
    );
  });

  it("a text where a list is expected: written between brackets", () => {
    expect(refused({ partners: "OIM", objectives: { fr: "Bilan" } }).fr).toBe(
      many(
        'partners : il faut une liste de textes, pas le texte "OIM" (une liste s\'écrit entre crochets : ["OIM"])',
        "objectives : il faut une liste de textes, pas un objet",
      ),
    );
    expect(refused({ partners: "OIM" }).en).toBe(
      'Invalid configuration F — partners: must be a list of texts, not the text "OIM" (a list is written between brackets: ["OIM"]). Fix this key (see README, “Configuration”).',
    );
    expect(loaded({ partners: [], objectives: [] })).toMatchObject({
      partners: [],
      objectives: [],
    });
  });

  it("a key misspelt: the close one", () => {
    expect(refused({ instituton: "Ministère", partner: [], objectifs: [] }).fr).toBe(
      many(
        "instituton : clé inconnue ; vouliez-vous dire « institution » ?",
        "partner : clé inconnue ; vouliez-vous dire « partners » ?",
        "objectifs : clé inconnue ; vouliez-vous dire « objectives » ?",
      ),
    );
  });

  it("through the command line, in the language the configuration asks for: exit 2", async () => {
    const dir = workshop({
      "atelier.config.json": JSON.stringify({ language: "en", dates: { from: "31/02/2023" } }),
    });
    const file = join(dir, "atelier.config.json");
    const r = await run("validate", dir);
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toBe(
      [
        `atelier: Invalid configuration ${file}:`,
        '  - dates.from: must be a date between 1990 and 2100 written 2023-07-18 or 18/07/2023, the day before the month, not the text "31/02/2023" (February 2023 has only 28 days)',
        "  - dates.to: required key missing (a date between 1990 and 2100 written 2023-07-18 or 18/07/2023, the day before the month)",
        "Fix these keys (see README, “Configuration”).",
        "",
      ].join("\n"),
    );
  });
});

describe("atelier init", () => {
  it("writes the cover's defaults in both languages, and no venue or dates", async () => {
    const dir = join(workshop({}), "atelier");
    await initWorkshop(dir, "en");
    const file = join(dir, "atelier.config.json");
    const json = JSON.parse(readFileSync(file, "utf8"));
    expect(json).toMatchObject({
      institution: DEFAULT_WORKSHOP.institution,
      country: DEFAULT_WORKSHOP.country,
      motto: DEFAULT_WORKSHOP.motto,
      partners: [],
    });
    expect(Object.keys(json)).not.toContain("venue");
    expect(Object.keys(json)).not.toContain("dates");
    expect(loadConfig(file).workshop).toEqual(DEFAULT_WORKSHOP);
  });
});

describe("the README", () => {
  it("its configuration example is one atelier reads, with its workshop", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Configuration"));
    const example = /```json\n([\s\S]*?)\n```/.exec(section)?.[1] ?? "";
    const w = loaded(JSON.parse(example));
    expect(w.venue).toEqual({ fr: "Bamako", en: "Bamako" });
    expect(w.dates).toEqual({ from: "2023-07-18", to: "2023-07-20" });
    expect(w.partners).toHaveLength(2);
    expect(w.objectives).toHaveLength(2);
  });
});
