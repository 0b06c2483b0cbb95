import {
  CONFLICT_SPECS,
  type FieldSpec,
  KINDS,
  type Kind,
  metadataFields,
  resolutionFields,
} from "../fields.js";
import { catalogue } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import { CATALOG, type IssueCode } from "../issues.js";

/**
 * Reference tables generated from the registry and the catalog, for the README (between
 * `<!-- name -->` markers) and `atelier schema --format markdown`. A test keeps the README current.
 */

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

const fr = catalogue("fr").report;

/** The issue catalog as a Markdown table. */
export function issuesMarkdown(): string {
  const rows = (Object.keys(CATALOG) as IssueCode[]).map((code) => {
    const severity = {
      error: fr.severityError,
      warning: fr.severityWarning,
      info: fr.severityInfo,
    }[CATALOG[code].severity];
    const title = (lang: Lang) => cell(catalogue(lang).issues[code].title);
    return `| \`${code}\` | ${severity} | ${title("fr")} | ${title("en")} |`;
  });
  return ["| code | gravité | problème | problem |", "| --- | --- | --- | --- |", ...rows].join(
    "\n",
  );
}

function typeText(f: FieldSpec): string {
  if (f.values) return f.values.map((v) => `\`${v.id}\` ${v.fr}`).join(" · ");
  const min = f.min !== undefined ? ` ≥ ${f.min}` : "";
  const max = f.max !== undefined ? ` ≤ ${f.max}` : "";
  return `${f.type}${min}${max}`;
}

function fieldTable(fields: readonly FieldSpec[]): string {
  const rows = fields.map(
    (f) =>
      `| \`${f.id}\` | ${cell(f.fr)} | ${cell(f.en)} | ${cell(typeText(f))} | ${f.required ? "oui" : f.expected ? "attendu" : "non"} | ${cell(f.help.fr)} |`,
  );
  return [
    "| id | intitulé | label | type | obligatoire | aide |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** Every kind's fields, then the metadata, as Markdown sections. */
export function fieldsMarkdown(): string {
  const kinds = Object.keys(KINDS) as Kind[];
  return [
    ...kinds.map((k) => `#### ${k}\n\n${fieldTable(KINDS[k])}`),
    `#### métadonnées / metadata\n\n${fieldTable(metadataFields)}`,
    `#### resolutions (resolutions.csv, resolutions.xlsx)\n\n${fieldTable(resolutionFields)}`,
  ].join("\n\n");
}

/** The `Champ` names a resolutions file accepts: every bilan field on which groups can differ. */
export function resolutionChampsMarkdown(): string {
  const rows = CONFLICT_SPECS.map(
    (f: FieldSpec) =>
      `| ${cell(f.fr)} | ${cell(f.en)} | \`${f.id}\` | ${cell(f.aliases.join(", "))} | ${cell(typeText(f))} |`,
  );
  return [
    "| Champ | Field | id | autres intitulés acceptés | valeur |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** Replaces the text between `<!-- name -->` and `<!-- /name -->` in a document. */
export function replaceSection(doc: string, name: string, body: string): string {
  const start = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a === -1 || b === -1) return doc;
  return `${doc.slice(0, a + start.length)}\n${body}\n${doc.slice(b)}`;
}

/** Rewrites the generated sections of a README in place (`npm run docs`). */
export async function updateReadme(path: string): Promise<boolean> {
  const { readFileSync, writeFileSync } = await import("node:fs");
  const before = readFileSync(path, "utf8");
  const after = readmeWithGenerated(before);
  if (after !== before) writeFileSync(path, after);
  return after !== before;
}

export function readmeWithGenerated(doc: string): string {
  const sections: [string, string][] = [
    ["fields", fieldsMarkdown()],
    ["issues", issuesMarkdown()],
    ["champs", resolutionChampsMarkdown()],
  ];
  return sections.reduce((text, [name, body]) => replaceSection(text, name, body), doc);
}
