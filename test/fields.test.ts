import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config.js";
import {
  type FieldSpec,
  KINDS,
  type Kind,
  metadataFields,
  referenceFields,
  resolutionFields,
  type TableKind,
} from "../src/fields.js";
import { catalogue } from "../src/i18n/index.js";
import { CATALOG, type IssueCode } from "../src/issues.js";
import { headerKey } from "../src/normalize/index.js";
import { contextFor } from "../src/normalize/row.js";
import { parseCell } from "../src/normalize/values.js";
import { foldWords } from "../src/text.js";

const tables: [string, readonly FieldSpec[]][] = [
  ...(Object.keys(KINDS) as Kind[]).map((k): [string, readonly FieldSpec[]] => [k, KINDS[k]]),
  ["reference", referenceFields],
  ["resolutions", resolutionFields],
];

describe("field registry", () => {
  it.each(tables)("%s: ids are unique and every header names one field", (_kind, fields) => {
    const ids = fields.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    const owner = new Map<string, string>();
    for (const f of [...fields, ...metadataFields]) {
      for (const label of [f.id, f.fr, f.en, ...f.aliases]) {
        if (f.type === "yearAmounts") continue;
        const key = headerKey(label);
        const other = owner.get(key);
        if (other !== undefined && other !== f.id) {
          throw new Error(`header "${label}" names both ${other} and ${f.id}`);
        }
        owner.set(key, f.id);
      }
    }
  });

  it("every example passes its own field's parser, to the value it shows", () => {
    // A field several tables share has one example: listed once.
    const read = new Map<string, [string, unknown]>();
    for (const [kind, fields] of tables) {
      const ctx = contextFor(kind as TableKind, defaultConfig("."));
      for (const f of fields) {
        if (f.example === undefined || read.has(f.id)) continue;
        const r = parseCell({ v: f.example }, f, ctx);
        expect(r.problem, `${f.id}: ${f.example}`).toBeUndefined();
        read.set(f.id, [f.example, r.value]);
      }
    }
    expect(Object.fromEntries(read)).toMatchInlineSnapshot(`
      {
        "action": [
          "Créer deux centres d'accueil à Kayes et Sikasso",
          "Créer deux centres d'accueil à Kayes et Sikasso",
        ],
        "activite": [
          "Former les magistrats à la loi n°2012-023",
          "Former les magistrats à la loi n°2012-023",
        ],
        "axe": [
          "Axe 2",
          "PROT",
        ],
        "budget_execute": [
          "15 000 000",
          15000000,
        ],
        "budget_prevu": [
          "25 000 000",
          25000000,
        ],
        "calendrier": [
          "2024-2026",
          [
            2024,
            2025,
            2026,
          ],
        ],
        "champ": [
          "Statut",
          "Statut",
        ],
        "cible": [
          "200 agents",
          "200 agents",
        ],
        "code_activite": [
          "2.1.3",
          "2.1.3",
        ],
        "code_activite_origine": [
          "2.1.3",
          "2.1.3",
        ],
        "constat": [
          "Faible coordination entre les acteurs de la chaîne pénale",
          "Faible coordination entre les acteurs de la chaîne pénale",
        ],
        "cout": [
          "60 000 000",
          60000000,
        ],
        "difficultes": [
          "Retard de décaissement",
          "Retard de décaissement",
        ],
        "hors_plan": [
          "Non",
          false,
        ],
        "indicateur": [
          "Nombre d'agents formés",
          "Nombre d'agents formés",
        ],
        "nature": [
          "Reconduite",
          "reconduite",
        ],
        "objectif": [
          "Renforcer la prise en charge des victimes",
          "Renforcer la prise en charge des victimes",
        ],
        "partenaires": [
          "OIM; ONUDC; UNICEF",
          [
            "OIM",
            "ONUDC",
            "UNICEF",
          ],
        ],
        "priorite": [
          "Haute",
          "haute",
        ],
        "responsable": [
          "Ministère de la Justice et des Droits de l'Homme",
          "Ministère de la Justice et des Droits de l'Homme",
        ],
        "resultat": [
          "120 magistrats formés",
          "120 magistrats formés",
        ],
        "source_financement": [
          "Budget national, OIM",
          "Budget national, OIM",
        ],
        "statut": [
          "Partiellement réalisé",
          "partiel",
        ],
        "taux_realisation": [
          "60 %",
          60,
        ],
        "type": [
          "Faiblesse",
          "faiblesse",
        ],
        "valeur": [
          "Réalisé",
          "Réalisé",
        ],
      }
    `);
  });

  it("enum values are told apart once folded", () => {
    for (const f of Object.values(KINDS).flat() as FieldSpec[]) {
      const owner = new Map<string, string>();
      for (const v of f.values ?? []) {
        for (const key of [v.id, v.fr, v.en, ...(v.synonyms ?? [])].map(foldWords)) {
          expect(owner.get(key) ?? v.id, `${f.id}: ${key}`).toBe(v.id);
          owner.set(key, v.id);
        }
      }
    }
  });
});

describe("issue catalog", () => {
  it.each(Object.keys(CATALOG) as IssueCode[])(
    "%s: codes are kebab-case; French and English say the same things",
    (code) => {
      expect(code).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const fr: { message: string; hint?: string } = catalogue("fr").issues[code];
      const en: { message: string; hint?: string } = catalogue("en").issues[code];
      expect(names(en.message)).toEqual(names(fr.message));
      expect(names(en.hint ?? "")).toEqual(names(fr.hint ?? ""));
    },
  );
});
