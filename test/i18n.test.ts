import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en/index.js";
import { pick, plural } from "../src/i18n/format.js";
import { fr } from "../src/i18n/fr/index.js";
import { both, catalogue, messageOf } from "../src/i18n/index.js";
import { issue } from "../src/issues.js";
import { run } from "./helpers/workshop.js";

/**
 * One catalogue per language, key for key: what French says, English says too, with the same
 * placeholders and the same arguments. The compiler checks the keys; this walks the values.
 */

/** Where two catalogues differ: a key missing on one side, another kind of value, a placeholder. */
function differences(a: unknown, b: unknown, path = ""): string[] {
  const kind = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);
  if (kind(a) !== kind(b)) return [`${path}: ${kind(a)} / ${kind(b)}`];
  if (typeof a === "string" && typeof b === "string") {
    // `{count|ligne|lignes}` and `{count?a|ont}` name their count too.
    const names = (s: string) => [...s.matchAll(/\{(\w+)[}|?]/g)].map((m) => m[1]).sort();
    return JSON.stringify(names(a)) === JSON.stringify(names(b)) ? [] : [`${path}: placeholders`];
  }
  if (typeof a === "function" && typeof b === "function") {
    return a.length === b.length ? [] : [`${path}: ${a.length} / ${b.length} arguments`];
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length ? [] : [`${path}: ${a.length} / ${b.length} items`];
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => {
      const at = path ? `${path}.${k}` : k;
      if (!(k in a)) return [`${at}: missing in the first`];
      if (!(k in b)) return [`${at}: missing in the second`];
      return differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at);
    });
  }
  return [];
}

describe("the catalogues", () => {
  it("say the same things in French and English, key for key", () => {
    expect(Object.keys(fr).length).toBeGreaterThan(10);
    expect(differences(fr, en)).toEqual([]);
  });

  it("would catch a missing key, another kind of value and a lost placeholder", () => {
    expect(
      differences(
        { a: { b: "x {n}", c: "y" }, d: (n: number) => `${n}`, e: ["1", "2"] },
        { a: { b: "x" }, d: () => "", e: ["1"] },
      ),
    ).toEqual([
      "a.b: placeholders",
      "a.c: missing in the second",
      "d: 1 / 0 arguments",
      "e: 2 / 1 items",
    ]);
  });

  it("give every text in both languages when the language is not known yet", () => {
    expect(both((t) => t.terms.yesNo)).toEqual({ fr: "Oui, Non", en: "Yes, No" });
    expect(catalogue("en").validation.valid).toBe("Valid");
  });

  it("fill a message from parameters in the language asked for", () => {
    const i = issue(
      "missing-value",
      { file: "a.csv", row: 3, column: "B" },
      { params: { label: { fr: "Statut", en: "Status" } } },
    );
    expect(messageOf(i, "fr")).toBe("« Statut » est obligatoire et la cellule est vide");
    expect(messageOf(i, "en")).toBe("“Status” is required and the cell is empty");
  });
});

describe("English outputs", () => {
  /** Every text of the French catalogue's terms that takes no argument and English words differently. */
  function frenchTerms(a: unknown, b: unknown): string[] {
    if (typeof a === "string") return a === b ? [] : [a];
    if (typeof a !== "object" || a === null) return [];
    return Object.entries(a).flatMap(([k, v]) =>
      frenchTerms(v, (b as Record<string, unknown> | undefined)?.[k]),
    );
  }

  it("hold none of the French words problems are made of", async () => {
    const r = await run("validate", "fixtures/invalid", "--format", "json", "--lang", "en");
    const problems: { code: string; message: string; hint: string | null }[] = JSON.parse(
      r.out,
    ).files.flatMap((f: { problems: unknown[] }) => f.problems);
    const text = problems.map((p) => `${p.message} ${p.hint ?? ""}`).join("\n");
    for (const term of frenchTerms(fr.terms, en.terms)) expect(text).not.toContain(term);
    const of = (code: string) => problems.find((p) => p.code === code);
    expect(of("file-unreadable")?.message).toBe(
      "Unreadable file: damaged or truncated zip archive",
    );
    expect(of("missing-origin")?.message).toBe("“Carried over” action without a “Source activity”");
    expect(of("budget-overspent")?.message).toBe(
      "Spent budget (65,000,000 FCFA) exceeds the planned budget (60,000,000 FCFA)",
    );
    expect(of("header-not-found")?.hint).toBe(
      "Use the template's headers (atelier template), for example: Strategic axis; Activity code; Activity; Status",
    );
  });
});

describe("counts", () => {
  const fr = catalogue("fr");
  const en = catalogue("en");
  /** French writes thousands with a narrow no-break space. */
  const million = { fr: "1\u202f000\u202f000", en: "1,000,000" };

  it("take the singular for 0 and 1 in French, for 1 only in English, and the plural for a million", () => {
    expect([0, 1, 2, 1e6].map((n) => plural(n, "fr", "ligne", "lignes"))).toEqual([
      "0 ligne",
      "1 ligne",
      "2 lignes",
      `${million.fr} lignes`,
    ]);
    expect([0, 1, 2, 1e6].map((n) => plural(n, "en", "row", "rows"))).toEqual([
      "0 rows",
      "1 row",
      "2 rows",
      `${million.en} rows`,
    ]);
    // The form alone, for a verb or an adjective that agrees with a count said elsewhere.
    expect([0, 1, 2, 1e6].map((n) => pick(n, "fr", "a été rejetée", "ont été rejetées"))).toEqual([
      "a été rejetée",
      "a été rejetée",
      "ont été rejetées",
      "ont été rejetées",
    ]);
    expect([0, 1, 2].map((n) => pick(n, "en", "was", "were"))).toEqual(["were", "was", "were"]);
  });

  it("agree in the validate summary line", () => {
    const line = (lang: "fr" | "en", n: number) =>
      catalogue(lang).validation.summary(n, n, n, n, n, n);
    expect([0, 1, 2].map((n) => line("fr", n))).toEqual([
      "0 fichier de groupe, 0 ligne lue = 0 acceptée + 0 rejetée ; 0 erreur, 0 avertissement",
      "1 fichier de groupe, 1 ligne lue = 1 acceptée + 1 rejetée ; 1 erreur, 1 avertissement",
      "2 fichiers de groupe, 2 lignes lues = 2 acceptées + 2 rejetées ; 2 erreurs, 2 avertissements",
    ]);
    expect(line("fr", 1e6)).toBe(
      `${million.fr} fichiers de groupe, ${million.fr} lignes lues = ${million.fr} acceptées + ${million.fr} rejetées ; ${million.fr} erreurs, ${million.fr} avertissements`,
    );
    expect([0, 1, 2, 1e6].map((n) => line("en", n))).toEqual([
      "0 group files, 0 rows read = 0 accepted + 0 rejected; 0 errors, 0 warnings",
      "1 group file, 1 row read = 1 accepted + 1 rejected; 1 error, 1 warning",
      "2 group files, 2 rows read = 2 accepted + 2 rejected; 2 errors, 2 warnings",
      `${million.en} group files, ${million.en} rows read = ${million.en} accepted + ${million.en} rejected; ${million.en} errors, ${million.en} warnings`,
    ]);
  });

  it("agree in the compile total line and the rejected rows line", () => {
    expect([0, 1, 2].map((n) => fr.summary.total(n, n, n, n, n))).toEqual([
      "Total : 0 ligne lue = 0 acceptée + 0 rejetée, dans 0 fichier de groupe",
      "Total : 1 ligne lue = 1 acceptée (dont 1 doublon regroupé) + 1 rejetée, dans 1 fichier de groupe",
      "Total : 2 lignes lues = 2 acceptées (dont 2 doublons regroupés) + 2 rejetées, dans 2 fichiers de groupe",
    ]);
    expect([0, 1, 2].map((n) => en.summary.total(n, n, n, n, n))).toEqual([
      "Total: 0 rows read = 0 accepted + 0 rejected, in 0 group files",
      "Total: 1 row read = 1 accepted (1 duplicate folded) + 1 rejected, in 1 group file",
      "Total: 2 rows read = 2 accepted (2 duplicates folded) + 2 rejected, in 2 group files",
    ]);
    expect([1, 2].map((n) => fr.summary.rejected(n))).toEqual([
      "1 ligne rejetée, conservée avec ses motifs dans rejets.csv",
      "2 lignes rejetées, conservées avec leurs motifs dans rejets.csv",
    ]);
    expect([1, 2].map((n) => en.summary.rejected(n))).toEqual([
      "1 row rejected, kept with its reasons in rejets.csv",
      "2 rows rejected, kept with their reasons in rejets.csv",
    ]);
    expect([0, 1, 2].map((n) => fr.summary.counts(n, n, n))).toEqual([
      "Consolidé : 0 activité évaluée, 0 constat, 0 proposition",
      "Consolidé : 1 activité évaluée, 1 constat, 1 proposition",
      "Consolidé : 2 activités évaluées, 2 constats, 2 propositions",
    ]);
    expect(en.summary.counts(1, 0, 2)).toBe(
      "Consolidated: 1 activity assessed, 0 findings, 2 proposals",
    );
  });

  it("agree in the report, verbs included", () => {
    expect([1, 2].map((n) => fr.report.qualityLead(n, n, n))).toEqual([
      "1 erreur et 1 avertissement ; 1 ligne rejetée, conservée avec ses motifs dans rejets.csv.",
      "2 erreurs et 2 avertissements ; 2 lignes rejetées, conservées avec leurs motifs dans rejets.csv.",
    ]);
    expect([1, 2].map((n) => en.report.qualityLead(n, n, n))).toEqual([
      "1 error and 1 warning; 1 row rejected, kept with its reasons in rejets.csv.",
      "2 errors and 2 warnings; 2 rows rejected, kept with their reasons in rejets.csv.",
    ]);
    expect([fr.report.unassessedLead(1, 4, 1), fr.report.unassessedLead(2, 4, 2)]).toEqual([
      "1 activité du plan de référence (sur 4) n'a aucune évaluation retenue et ne compte pas dans le taux de mise en œuvre : son évaluation a été rejetée (voir rejets.csv).",
      "2 activités du plan de référence (sur 4) n'ont aucune évaluation retenue et ne comptent pas dans le taux de mise en œuvre : leurs évaluations ont été rejetées (voir rejets.csv).",
    ]);
    expect(en.report.kProposalsOn(1, "PAN")).toBe("action proposed for the PAN");
    expect(fr.report.kProposalsOn(2, "PAN")).toBe("actions proposées pour le PAN");
  });

  it("agree in the problems' messages, `{count|one|many}` and `{count?one|many}`", () => {
    const blank = (count: number) =>
      issue("blank-header", { file: "a.csv", column: "C" }, { params: { count } });
    expect([0, 1, 2].map((n) => messageOf(blank(n), "fr"))).toEqual([
      "La colonne C n'a pas d'en-tête mais contient 0 valeur : elle n'est pas compilée",
      "La colonne C n'a pas d'en-tête mais contient 1 valeur : elle n'est pas compilée",
      "La colonne C n'a pas d'en-tête mais contient 2 valeurs : elles ne sont pas compilées",
    ]);
    expect([1, 2].map((n) => messageOf(blank(n), "en"))).toEqual([
      "Column C has no header but holds 1 value: it is not compiled",
      "Column C has no header but holds 2 values: they are not compiled",
    ]);
  });
});

describe("English punctuation", () => {
  /** Arguments to call a catalogue function with: numbers, texts, lists, a kept file, a date. */
  const SAMPLES: unknown[] = [
    2,
    1,
    "x",
    ["x"],
    new Date(0),
    {
      from: "x",
      to: "x",
      rewritten: true,
      title: "x",
      configFile: "x",
      templatesFolder: "x",
      templateFile: "x",
      csvTemplates: ["x"],
      sessions: ["x"],
      output: "x",
      review: { from: 2023, to: 2027 },
    },
  ];

  function* argumentLists(arity: number): Generator<unknown[]> {
    if (arity <= 3) {
      const product = (k: number): unknown[][] =>
        k === 0 ? [[]] : product(k - 1).flatMap((rest) => SAMPLES.map((v) => [v, ...rest]));
      yield* product(arity);
      return;
    }
    for (const v of SAMPLES) yield Array(arity).fill(v);
  }

  /** Every text of a catalogue: its strings, and what its functions give for sample arguments. */
  function texts(value: unknown, path: string, out: { path: string; text: string }[]) {
    if (typeof value === "string") out.push({ path, text: value });
    else if (typeof value === "function") {
      for (const args of argumentLists(value.length)) {
        let result: unknown;
        try {
          result = value(...args);
        } catch {
          continue;
        }
        texts(result, `${path}(${args.map((a) => JSON.stringify(a)).join(", ")})`, out);
      }
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) texts(v, `${path}[${i}]`, out);
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) texts(v, `${path}.${k}`, out);
    }
    return out;
  }

  it("has no space before ; : ! ? and no « » in English", () => {
    const all = texts(en, "en", []);
    expect(all.length).toBeGreaterThan(500);
    const french = all.filter(
      ({ text }) => /[\s\u00a0\u202f][;:!?]/.test(text) || /[«»]/.test(text),
    );
    expect(french.map((f) => `${f.path}: ${f.text}`)).toEqual([]);
  });

  it("would catch a French colon, semicolon or quote", () => {
    const sample = { a: "x : y", b: (n: number) => `${n} ; z`, c: ["« w »"], d: "ok: fine" };
    const caught = texts(sample, "t", [])
      .filter(({ text }) => /[\s\u00a0\u202f][;:!?]/.test(text) || /[«»]/.test(text))
      .map((f) => f.path.split("(")[0]);
    expect([...new Set(caught)]).toEqual(["t.a", "t.b", "t.c[0]"]);
  });
});
