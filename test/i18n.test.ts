import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en/index.js";
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
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
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
      "Spent budget (65,000,000) exceeds the planned budget (60,000,000)",
    );
    expect(of("header-not-found")?.hint).toBe(
      "Use the template's headers (atelier template), for example: Strategic axis; Activity code; Activity; Status",
    );
  });
});
