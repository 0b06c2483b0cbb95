import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeConfig, jsonFault, lineAndColumn, loadConfig } from "../src/config.js";
import { AppError } from "../src/errors.js";
import { run, workshop } from "./helpers/workshop.js";

/**
 * A configuration a person wrote by hand in Notepad: each mistake is said in the person's
 * language with the file, the key or the line and column, and the fix; never zod's English, never
 * a stack trace; exit 2.
 */

/** The error loading this configuration text (or bytes) throws, in both languages. */
function refused(content: string | Buffer): { fr: string; en: string; file: string } {
  const dir = workshop({ "atelier.config.json": content });
  const file = join(dir, "atelier.config.json");
  try {
    loadConfig(file);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    expect(e.code).toBe("CONFIG_INVALID");
    return { fr: e.fr.replaceAll(file, "F"), en: e.en.replaceAll(file, "F"), file };
  }
  throw new Error("accepted");
}

const ZOD = /expected|received|Too big|Too small|Invalid input|Invalid option|Unrecognized/;

describe("a configuration that is no JSON: the line, the column and the fix", () => {
  it("a comma left before }", () => {
    const text = '{\n  "title": "Atelier",\n  "plan": { "from": 2023, "to": 2027, },\n}\n';
    const e = refused(text);
    expect(e.fr).toBe(
      [
        "Configuration F illisible à la ligne 3, colonne 37 : retirez la virgule en trop avant }.",
        '  3 |   "plan": { "from": 2023, "to": 2027, },',
        "    |                                     ^",
      ].join("\n"),
    );
    expect(e.en.split("\n")[0]).toBe(
      "Cannot read configuration F at line 3, column 37: remove the extra comma before }.",
    );
    // The column is the comma's.
    expect(text.split("\n")[2]?.[36]).toBe(",");
  });

  it("a comma left before ], or at the end of the last key", () => {
    expect(refused('{ "sessions": ["J1", "J2",\n] }').fr.split("\n")[0]).toBe(
      "Configuration F illisible à la ligne 1, colonne 26 : retirez la virgule en trop avant ].",
    );
    expect(refused('{\r\n  "title": "x",\r\n}\r\n').fr.split("\n")[0]).toBe(
      "Configuration F illisible à la ligne 2, colonne 15 : retirez la virgule en trop avant }.",
    );
  });

  it.each([
    [
      '{\n  "title": "Atelier"\n  "currency": "XOF"\n}',
      'à la ligne 3, colonne 3 : il manque une virgule avant « "currency" » (à la fin de la ligne précédente).',
    ],
    [
      '{ "weights": { "partiel": 0,5 } }',
      "à la ligne 1, colonne 27 : un nombre s'écrit avec un point décimal : 0.5, pas 0,5.",
    ],
    [
      "{ 'title': 'x' }",
      `à la ligne 1, colonne 3 : les textes et les noms de clés s'écrivent entre guillemets droits doubles ("…"), pas entre apostrophes.`,
    ],
    [
      '{ « title »: "x" }',
      `à la ligne 1, colonne 3 : le guillemet « n'est pas reconnu : utilisez des guillemets droits doubles (").`,
    ],
    [
      '{ title: "x" }',
      'à la ligne 1, colonne 3 : le nom de clé title doit être entre guillemets : "title".',
    ],
    [
      '{ "reference": "C:\\plans\\plan.csv" }',
      "à la ligne 1, colonne 19 : la barre oblique inverse doit être doublée dans un texte : \\\\p, pas \\p (pour un chemin Windows, écrivez C:\\\\dossier ou C:/dossier).",
    ],
    [
      '{\n  // les sessions\n  "sessions": ["J1"] }',
      "à la ligne 2, colonne 3 : les commentaires (// ou /* */) ne sont pas permis dans ce fichier : retirez-les.",
    ],
    [
      '{ "plan": { "from": 2023,\n',
      "à la ligne 1, colonne 26 : le fichier s'arrête trop tôt : il manque « }} » à la fin.",
    ],
    [
      '{ "title": "x" } }',
      "à la ligne 1, colonne 18 : du texte suit la fin de la configuration (après la dernière }) : retirez-le.",
    ],
    ["", "à la ligne 1, colonne 1 : le fichier est vide : écrivez au moins {}."],
    [
      '{ "title": "Atelier\n}',
      'à la ligne 1, colonne 12 : texte sans guillemet fermant sur sa ligne : ajoutez " à la fin du texte.',
    ],
    [
      '{ "language": fr }',
      "à la ligne 1, colonne 15 : valeur non reconnue : fr ; un texte s'écrit entre guillemets (\"fr\"), vrai et faux s'écrivent true et false.",
    ],
  ])("%j", (text, said) => {
    const e = refused(text);
    expect(e.fr.split("\n")[0]).toBe(`Configuration F illisible ${said}`);
    expect(e.fr).not.toMatch(/JSON at position|Unexpected token| {4}at /);
  });

  it("agrees with JSON.parse: a text it accepts has no fault", () => {
    for (const text of ['{"a":[1,-2.5e3,true,null,"\\u00e9\\n"],"b":{}}', " [ ] ", '"x"']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(jsonFault(text)).toBeUndefined();
    }
  });

  it("counts lines and columns from 1", () => {
    expect(lineAndColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn("ab\r\ncd", 4)).toEqual({ line: 2, column: 1 });
  });
});

describe("a key of the wrong kind: named, with what it must hold and what it holds", () => {
  it("says each one in words, never zod's", () => {
    const e = refused(
      JSON.stringify({
        title: 3,
        language: "de",
        plan: { from: "2023" },
        sessions: "J1",
        weights: { partiel: 5 },
        bands: [],
        limits: { maxRows: -1, maxColumns: 1.5 },
        review: { axes: [{ code: "prev", number: 1, fr: "Prévention" }] },
      }),
    );
    expect(e.fr).toBe(
      [
        "Configuration F invalide :",
        "  - title : il faut un texte, pas le nombre 3",
        '  - language : il faut "fr" ou "en", pas le texte "de"',
        '  - review.axes[0].code : il faut un code de 2 à 12 majuscules, chiffres ou _, commençant par une lettre (comme PREV), pas le texte "prev"',
        "  - review.axes[0].en : clé obligatoire manquante (un texte non vide)",
        '  - plan.from : il faut un nombre entier entre 1990 et 2100, pas le texte "2023" (retirez les guillemets : 2023)',
        '  - sessions : il faut une liste de textes, pas le texte "J1"',
        "  - weights.partiel : il faut un nombre entre 0 et 1, pas le nombre 5",
        "  - bands : il faut un objet { satisfaisant, moyen }, pas une liste",
        "  - limits.maxRows : il faut un nombre entier supérieur à 0, pas le nombre -1",
        "  - limits.maxColumns : il faut un nombre entier entre 1 et 16384, pas le nombre 1.5",
        "Corrigez ces clés (voir README, « Configuration »).",
      ].join("\n"),
    );
    expect(e.fr).not.toMatch(ZOD);
    expect(e.en).not.toMatch(ZOD);
    expect(e.en).toContain(
      'plan.from: must be a whole number between 1990 and 2100, not the text "2023" (remove the quotes: 2023)',
    );
    expect(e.en).toContain('language: must be "fr" or "en", not the text "de"');
  });

  it("one problem, on one line", () => {
    expect(refused('{ "plan": { "from": 2027, "to": 2023 } }').fr).toBe(
      "Configuration F invalide — plan.to : « from » (2027) doit précéder « to » (2023) ou lui être égal. Corrigez cette clé (voir README, « Configuration »).",
    );
    expect(refused("[]").fr).toMatch(
      /^Configuration F invalide — le fichier : il faut un objet \{ title, language, .* \}, pas une liste\./,
    );
  });
});

describe("a key that does not exist: named, with a close one", () => {
  it("at the top", () => {
    const e = refused('{ "titre": "Atelier", "colour": "bleu" }');
    expect(e.fr).toBe(
      [
        "Configuration F invalide :",
        "  - titre : clé inconnue ; vouliez-vous dire « title » ?",
        "  - colour : clé inconnue (clés possibles : title, language, currency, review, plan, reference, sessions, weights, bands, synonyms, output, limits)",
        "Corrigez ces clés (voir README, « Configuration »).",
      ].join("\n"),
    );
    expect(e.en).toContain("  - titre: unknown key; did you mean “title”?");
    expect(e.en).not.toMatch(ZOD);
  });

  it("nested", () => {
    expect(refused('{ "plan": { "form": 2023 } }').fr).toBe(
      "Configuration F invalide — plan.form : clé inconnue ; vouliez-vous dire « from » ? Corrigez cette clé (voir README, « Configuration »).",
    );
    expect(refused('{ "limits": { "maxrows": 10 } }').fr).toContain(
      "limits.maxrows : clé inconnue ; vouliez-vous dire « maxRows » ?",
    );
  });
});

describe("synonyms for a field or a value that does not exist", () => {
  it("a field: its id suggested, from a typo or a label", () => {
    const e = refused(
      JSON.stringify({
        synonyms: { statu: { realise: ["fini"] }, Priorité: {}, axe: {}, couleur: {} },
      }),
    );
    expect(e.fr).toBe(
      [
        "Configuration F invalide :",
        "  - synonyms.statu : champ inconnu ; vouliez-vous dire « statut » ?",
        "  - synonyms.Priorité : champ inconnu ; vouliez-vous dire « priorite » ?",
        "  - synonyms.axe : ce champ n'a pas de liste de valeurs fermée ; des synonymes se donnent pour statut, type, priorite, nature",
        "  - synonyms.couleur : champ inconnu (champs à valeurs fermées : statut, type, priorite, nature)",
        "Corrigez ces clés (voir README, « Configuration »).",
      ].join("\n"),
    );
    expect(e.en).toContain("  - synonyms.statu: unknown field; did you mean “statut”?");
  });

  it("a value: its id suggested, from a typo or a label", () => {
    const e = refused(
      JSON.stringify({
        synonyms: { statut: { realize: ["fini"], "En cours": ["démarré"], x: [] } },
      }),
    );
    expect(e.fr).toBe(
      [
        "Configuration F invalide :",
        "  - synonyms.statut.realize : valeur inconnue du champ statut ; vouliez-vous dire « realise » ?",
        "  - synonyms.statut.En cours : valeur inconnue du champ statut ; vouliez-vous dire « en_cours » ?",
        "  - synonyms.statut.x : valeur inconnue du champ statut (valeurs : realise, partiel, en_cours, non_realise, abandonne)",
        "Corrigez ces clés (voir README, « Configuration »).",
      ].join("\n"),
    );
  });

  it("known ones are taken", () => {
    const dir = workshop({
      "atelier.config.json": JSON.stringify({
        synonyms: { statut: { realise: ["bouclé"] }, type: { menace: ["danger"] } },
      }),
    });
    expect(loadConfig(join(dir, "atelier.config.json")).synonyms.statut).toEqual({
      realise: ["bouclé"],
    });
  });
});

describe("the encodings Notepad saves", () => {
  const title = "Atelier des données — Ségou";
  const json = `{ "title": "${title}" }`;

  it("Windows-1252 (« ANSI »): read as such, é intact", () => {
    const bytes = Buffer.from(json.replace("—", "\u0097"), "latin1");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const dir = workshop({ "atelier.config.json": bytes });
    const config = loadConfig(join(dir, "atelier.config.json"));
    expect(config.title).toBe(title);
    expect(config.title).not.toContain("\uFFFD");
    expect(decodeConfig(bytes).encoding).toBe("windows-1252");
  });

  it.each([
    ["UTF-8", Buffer.from(json, "utf8")],
    ["UTF-8 with a BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])],
    [
      "UTF-16 LE with a BOM",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, "utf16le")]),
    ],
    [
      "UTF-16 BE with a BOM",
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, "utf16le").swap16()]),
    ],
  ])("%s", (_, bytes) => {
    const dir = workshop({ "atelier.config.json": bytes });
    expect(loadConfig(join(dir, "atelier.config.json")).title).toBe(title);
  });

  it("a syntax error in a Windows-1252 file shows its line as written", () => {
    const e = refused(Buffer.from('{\n  "title": "Données",\n}', "latin1"));
    expect(e.fr).toBe(
      [
        "Configuration F illisible à la ligne 2, colonne 21 : retirez la virgule en trop avant }.",
        '  2 |   "title": "Données",',
        "    |                     ^",
      ].join("\n"),
    );
  });
});

describe("through the command line: exit 2, no stack trace", () => {
  it("a trailing comma, in French and in English", async () => {
    const dir = workshop({ "atelier.config.json": '{\n  "sessions": ["J1"],\n}\n' });
    const file = join(dir, "atelier.config.json");
    const r = await run("validate", dir);
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toBe(
      `atelier : Configuration ${file} illisible à la ligne 2, colonne 21 : retirez la virgule en trop avant }.\n  2 |   "sessions": ["J1"],\n    |                     ^\n`,
    );
    const en = await run("compile", dir, "--lang", "en");
    expect(en.code).toBe(2);
    expect(en.err.split("\n")[0]).toBe(
      `atelier: Cannot read configuration ${file} at line 2, column 21: remove the extra comma before }.`,
    );
  });

  it("an invalid configuration that asks for English is said in English, unless --lang says", async () => {
    const dir = workshop({
      "atelier.config.json": JSON.stringify({ language: "en", plan: { from: "2023" } }),
    });
    const file = join(dir, "atelier.config.json");
    const r = await run("validate", dir);
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toBe(
      `atelier: Invalid configuration ${file} — plan.from: must be a whole number between 1990 and 2100, not the text "2023" (remove the quotes: 2023). Fix this key (see README, “Configuration”).\n`,
    );
    const fr = await run("schema", "--config", file, "--lang", "fr");
    expect(fr.err).toContain("plan.from : il faut un nombre entier entre 1990 et 2100");
    expect(fr.err).not.toMatch(ZOD);
  });

  it("--config that is a folder", async () => {
    const dir = workshop({ "x/atelier.config.json": "{}" });
    const r = await run("schema", "--config", join(dir, "x"));
    expect([r.code, r.err]).toEqual([
      2,
      `atelier : Configuration ${join(dir, "x")} illisible : c'est un dossier, pas un fichier.\n`,
    ]);
  });
});
