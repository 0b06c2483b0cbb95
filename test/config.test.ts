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
        "  - colour : clé inconnue (clés possibles : title, language, currency, review, plan, reference, sessions, weights, bands, synonyms, output, limits, institution, country, motto, venue, dates, partners, context, objectives)",
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

describe("synonyms that would change what a cell means", () => {
  const taken = (key: string, synonym: string, label: string, id: string) =>
    `  - ${key} : « ${synonym} » désigne déjà la valeur « ${label} » (${id}) : un synonyme ne peut pas changer le sens d'une valeur ; retirez-le`;

  it("one that is already another value: its label, id or built-in synonym, as cells are matched", () => {
    const e = refused(
      JSON.stringify({
        synonyms: {
          statut: {
            realise: ["Non réalisé", "non démarré", "NON_REALISE"],
            non_realise: ["Abandonné", "Réalisées"],
            abandonne: ["en cours", "Partially done"],
          },
          type: { force: ["Faiblesse", "POINT FAIBLE"] },
        },
      }),
    );
    expect(e.fr).toBe(
      [
        "Configuration F invalide :",
        taken("synonyms.statut.realise", "Non réalisé", "Non réalisé", "non_realise"),
        taken("synonyms.statut.realise", "non démarré", "Non réalisé", "non_realise"),
        taken("synonyms.statut.realise", "NON_REALISE", "Non réalisé", "non_realise"),
        taken("synonyms.statut.non_realise", "Abandonné", "Abandonné", "abandonne"),
        taken("synonyms.statut.non_realise", "Réalisées", "Réalisé", "realise"),
        taken("synonyms.statut.abandonne", "en cours", "En cours", "en_cours"),
        taken("synonyms.statut.abandonne", "Partially done", "Partiellement réalisé", "partiel"),
        taken("synonyms.type.force", "Faiblesse", "Faiblesse", "faiblesse"),
        taken("synonyms.type.force", "POINT FAIBLE", "Faiblesse", "faiblesse"),
        "Corrigez ces clés (voir README, « Configuration »).",
      ].join("\n"),
    );
    expect(e.en).toContain(
      "  - synonyms.statut.realise: “Non réalisé” already means the value “Not done” (non_realise): a synonym cannot change the meaning of a value; remove it\n",
    );
  });

  it("a synonym that means an empty cell names nothing: refused", () => {
    const e = refused(JSON.stringify({ synonyms: { statut: { realise: ["N/A", "  ", "-"] } } }));
    expect(e.fr.split("\n").slice(1, 4)).toEqual([
      "  - synonyms.statut.realise : « N/A » veut dire « cellule vide » (comme -, N/A, ND, néant) : il ne peut pas être le synonyme d'une valeur ; retirez-le",
      "  - synonyms.statut.realise : «    » veut dire « cellule vide » (comme -, N/A, ND, néant) : il ne peut pas être le synonyme d'une valeur ; retirez-le",
      "  - synonyms.statut.realise : « - » veut dire « cellule vide » (comme -, N/A, ND, néant) : il ne peut pas être le synonyme d'une valeur ; retirez-le",
    ]);
  });

  it("says the whole message on one line when one key is wrong", () => {
    expect(refused(JSON.stringify({ synonyms: { statut: { realise: ["Non réalisé"] } } })).fr).toBe(
      "Configuration F invalide — synonyms.statut.realise : « Non réalisé » désigne déjà la valeur « Non réalisé » (non_realise) : un synonyme ne peut pas changer le sens d'une valeur ; retirez-le. Corrigez cette clé (voir README, « Configuration »).",
    );
  });

  it("one given for two values of a field", () => {
    const e = refused(
      JSON.stringify({
        synonyms: {
          statut: { realise: ["Bouclé"], abandonne: ["bouclés"], partiel: ["à moitié"] },
        },
      }),
    );
    expect(e.fr).toBe(
      "Configuration F invalide — synonyms.statut.abandonne : « bouclés » est déjà un synonyme de la valeur « Réalisé » (realise, dans synonyms.statut.realise) : un synonyme ne désigne qu'une valeur ; retirez-le de l'une des deux. Corrigez cette clé (voir README, « Configuration »).",
    );
    expect(e.en).toBe(
      "Invalid configuration F — synonyms.statut.abandonne: “bouclés” is already a synonym of the value “Done” (realise, in synonyms.statut.realise): a synonym names one value only; remove it from one of them. Fix this key (see README, “Configuration”).",
    );
  });

  it("one that already names its own value is harmless, and taken; so is one in another field", () => {
    const dir = workshop({
      "atelier.config.json": JSON.stringify({
        synonyms: {
          statut: { realise: ["Réalisé", "fait", "Bouclé", "bouclé"], non_realise: ["Pas fait"] },
          priorite: { basse: ["Faiblesse"] },
        },
      }),
    });
    expect(loadConfig(join(dir, "atelier.config.json")).synonyms.statut).toEqual({
      realise: ["Réalisé", "fait", "Bouclé", "bouclé"],
      non_realise: ["Pas fait"],
    });
  });

  it("through the command line: exit 2, nothing consolidated", async () => {
    const dir = workshop({
      "atelier.config.json": JSON.stringify({ synonyms: { statut: { realise: ["Non réalisé"] } } }),
    });
    const r = await run("compile", dir);
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toContain(
      "synonyms.statut.realise : « Non réalisé » désigne déjà la valeur « Non réalisé » (non_realise)",
    );
  });
});

describe("paths and session names", () => {
  it("one session written twice as compile tells them apart, or none at all: refused", () => {
    expect(refused(JSON.stringify({ sessions: ["J1", "j1", "Jour 2", "J2"] })).fr).toBe(
      [
        "Configuration F invalide :",
        "  - sessions[1] : « j1 » est la même session que « J1 » (sessions[0]) pour atelier ; retirez l'une des deux",
        "  - sessions[3] : « J2 » est la même session que « Jour 2 » (sessions[2]) pour atelier ; retirez l'une des deux",
        "Corrigez ces clés (voir README, « Configuration »).",
      ].join("\n"),
    );
    expect(refused(JSON.stringify({ sessions: [] })).en).toBe(
      'Invalid configuration F — sessions: the list is empty; give the sessions in their order (["J1", "J2", "J3"]), or remove the key. Fix this key (see README, “Configuration”).',
    );
  });

  it("a Windows path whose single \\ made JSON escapes: the path as it must be written", () => {
    const e = refused(
      '{ "reference": "D:\\tableaux\\nouveau\\reference.csv", "output": "resultats\\nouveau" }',
    );
    expect(e.fr).toBe(
      [
        "Configuration F invalide :",
        '  - reference : en JSON, \\t, \\n et \\r dans un texte sont une tabulation, un saut de ligne et un retour chariot, pas une \\ suivie d\'une lettre : dans un chemin, une \\ doit être doublée ou écrite / ; écrivez "D:\\\\tableaux\\\\nouveau\\\\reference.csv" ou "D:/tableaux/nouveau/reference.csv"',
        '  - output : en JSON, \\n dans un texte est un saut de ligne, pas une \\ suivie d\'une lettre : dans un chemin, une \\ doit être doublée ou écrite / ; écrivez "resultats\\\\nouveau" ou "resultats/nouveau"',
        "Corrigez ces clés (voir README, « Configuration »).",
      ].join("\n"),
    );
    expect(e.en).toContain(
      '  - output: in JSON, \\n in a text is a line break, not a \\ followed by a letter: in a path, a \\ must be doubled or written /; write "resultats\\\\nouveau" or "resultats/nouveau"\n',
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character is shown
    expect(e.fr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it("a path with another invisible character", () => {
    expect(refused('{ "output": "sortie\\u0000" }').fr).toBe(
      'Configuration F invalide — output : ce chemin contient un caractère invisible : retirez-le ("sortie"). Corrigez cette clé (voir README, « Configuration »).',
    );
  });

  it("a session is a folder's name: on Windows as elsewhere", () => {
    const e = refused(
      JSON.stringify({
        sessions: [
          "J1",
          "..",
          "J1/matin",
          "J1\\soir",
          "J\t2",
          "J:3",
          "con",
          "Nul.txt",
          "J4.",
          "J5 ",
        ],
      }),
    );
    const line = (i: number, name: string, why: string) =>
      `  - sessions[${i}] : la session « ${name} » ne peut pas être un nom de dossier : ${why}`;
    expect(e.fr).toBe(
      [
        "Configuration F invalide :",
        line(1, "..", "« . » et « .. » désignent le dossier courant et le dossier parent"),
        line(2, "J1/matin", "/ et \\ séparent les dossiers d'un chemin"),
        line(3, "J1\\soir", "/ et \\ séparent les dossiers d'un chemin"),
        line(4, "J\\t2", "elle contient un caractère invisible"),
        line(5, "J:3", 'Windows refuse « : » dans un nom de dossier (ni : * ? " < > |)'),
        line(6, "con", "CON est un nom réservé par Windows"),
        line(7, "Nul.txt", "NUL est un nom réservé par Windows"),
        line(8, "J4.", "Windows refuse un point ou une espace à la fin d'un nom de dossier"),
        line(9, "J5 ", "Windows refuse un point ou une espace à la fin d'un nom de dossier"),
        "Corrigez ces clés (voir README, « Configuration »).",
      ].join("\n"),
    );
    expect(e.en).toContain(
      "  - sessions[2]: the session “J1/matin” cannot be a folder name: / and \\ separate the folders of a path\n",
    );
  });
});

describe("review axes and bands", () => {
  it("an empty list of axes is said to be empty", () => {
    const e = refused('{ "review": { "axes": [] } }');
    expect(e.fr).toBe(
      "Configuration F invalide — review.axes : il faut une liste d'objets { code, number, fr, en, aliases } (au moins un élément), pas une liste vide. Corrigez cette clé (voir README, « Configuration »).",
    );
    expect(e.en).toContain("(at least one item), not an empty list.");
  });

  it("two axes with one code or one number: the key, the code and the number", () => {
    const axis = (code: string, number: number) => ({ code, number, fr: code, en: code });
    const e = refused(
      JSON.stringify({
        review: { axes: [axis("PREV", 1), axis("PROT", 1), axis("PREV", 3)] },
        plan: { axes: [axis("A1", 1), axis("A1", 2)] },
      }),
    );
    expect(e.fr).toBe(
      [
        "Configuration F invalide :",
        "  - review.axes : deux axes ont le même code « PREV » ([0] et [2])",
        "  - review.axes : deux axes ont le même numéro 1 ([0] et [1])",
        "  - plan.axes : deux axes ont le même code « A1 » ([0] et [1])",
        "Corrigez ces clés (voir README, « Configuration »).",
      ].join("\n"),
    );
    expect(e.en).toContain("  - review.axes: two axes have the same number 1 ([0] and [1])\n");
  });

  it("moyen below satisfaisant, a band not given at its default", () => {
    expect(refused('{ "bands": { "satisfaisant": 0.3, "moyen": 0.8 } }').fr).toBe(
      "Configuration F invalide — bands : « moyen » (0.8) doit être inférieur à « satisfaisant » (0.3). Corrigez cette clé (voir README, « Configuration »).",
    );
    const e = refused('{ "bands": { "satisfaisant": 0.4 } }');
    expect(e.fr).toBe(
      "Configuration F invalide — bands : « moyen » (0.5, par défaut) doit être inférieur à « satisfaisant » (0.4). Corrigez cette clé (voir README, « Configuration »).",
    );
    expect(e.en).toBe(
      "Invalid configuration F — bands: “moyen” (0.5, the default) must be below “satisfaisant” (0.4). Fix this key (see README, “Configuration”).",
    );
    expect(refused('{ "bands": { "satisfaisant": 0.6, "moyen": 0.6 } }').fr).toContain(
      "bands : « moyen » (0.6) doit être inférieur à « satisfaisant » (0.6).",
    );
    const dir = workshop({ "atelier.config.json": '{ "bands": { "moyen": 0.6 } }' });
    expect(loadConfig(join(dir, "atelier.config.json")).bands).toEqual({
      satisfaisant: 0.75,
      moyen: 0.6,
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

  it.each([
    ["UTF-16 LE without a BOM", Buffer.from(json, "utf16le"), "utf-16le"],
    ["UTF-16 BE without a BOM", Buffer.from(json, "utf16le").swap16(), "utf-16be"],
  ])("%s: told by its NUL bytes", (_, bytes, encoding) => {
    expect(decodeConfig(bytes)).toEqual({ text: json, encoding });
    const dir = workshop({ "atelier.config.json": bytes });
    expect(loadConfig(join(dir, "atelier.config.json")).title).toBe(title);
  });

  it("a syntax error in a UTF-16 file without a BOM: its line as written, no NUL", () => {
    const e = refused(Buffer.from('{\n  "title": "Données",\n}', "utf16le"));
    expect(e.fr).toBe(
      [
        "Configuration F illisible à la ligne 2, colonne 21 : retirez la virgule en trop avant }.",
        '  2 |   "title": "Données",',
        "    |                     ^",
      ].join("\n"),
    );
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
