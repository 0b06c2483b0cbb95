import * as z from "zod/mini";
import { type Config, configSchema, DEFAULT_TITLE } from "../config.js";
import { type FieldSpec, KIND_NAMES, KINDS, type Kind } from "../fields.js";
import { catalogue } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import { schemaFor } from "../row-schema.js";
import { dataPackage } from "./datapackage.js";
import { fieldsMarkdown } from "./docs.js";
import { type FlatTable, kindColumns } from "./index.js";

/**
 * `atelier schema`: the field registry in three forms, each derived, none written by hand.
 * The JSON Schema describes a typed row as validation sees it (ids, codes, numbers); the Table
 * Schema describes the consolidated CSV columns; the Markdown is the README's field reference.
 */

type JsonSchema = Record<string, unknown>;
type TableSchema = ReturnType<typeof dataPackage>["resources"][number]["schema"];

/**
 * One JSON Schema (draft 2020-12) per kind, from the same zod schema that validates rows; each
 * property gets the registry's label as `title` and its help as `description`.
 */
export function schemaJson(config: Config, lang: Lang = "fr"): Record<Kind, JsonSchema> {
  const out = {} as Record<Kind, JsonSchema>;
  for (const kind of KIND_NAMES) {
    const schema = z.toJSONSchema(schemaFor(kind, config)) as JsonSchema;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const f of KINDS[kind] as readonly FieldSpec[]) {
      const property = properties[f.id];
      if (!property) continue;
      properties[f.id] = {
        title: f[lang].replace("{year}", "…"),
        description: f.help[lang],
        ...property,
      };
    }
    out[kind] = { $schema: schema.$schema, title: catalogue(lang).schemas[kind], ...schema };
  }
  return out;
}

/**
 * The JSON Schema (draft 2020-12) of `atelier.config.json`, from the zod schema that validates
 * it: an editor (VS Code) completes its keys and checks their types. What only code can check
 * (an existing date, one date before the other, a synonym's field) is left to atelier's own
 * messages.
 */
export function configJsonSchema(lang: Lang = "fr"): JsonSchema {
  const schema = z.toJSONSchema(configSchema, {
    io: "input",
    unrepresentable: "any",
  }) as JsonSchema;
  // The title atelier gives a workshop that names none is the report's language's.
  const title = (schema.properties as Record<string, JsonSchema> | undefined)?.title;
  if (title) title.default = DEFAULT_TITLE[lang];
  return { $schema: schema.$schema, title: catalogue(lang).schemas.config, ...schema };
}

/**
 * One Frictionless Table Schema per kind, for the consolidated CSVs: the same columns and
 * constraints as `datapackage.json`, without the provenance columns that merging adds.
 */
export function tableSchema(config: Config): Record<Kind, TableSchema> {
  const tables: FlatTable[] = KIND_NAMES.map((kind) => {
    const fields = KINDS[kind] as readonly FieldSpec[];
    const ours = (name: string) =>
      fields.some(
        (f) => f.id === name || (f.type === "yearAmounts" && name.startsWith(`${f.id}_`)),
      );
    return {
      name: kind,
      title: { fr: kind, en: kind },
      columns: kindColumns(kind, config, kind === "propositions" ? "plan" : "review").filter((c) =>
        ours(c.name),
      ),
      rows: [],
    };
  });
  const pkg = dataPackage(tables, config, ";");
  const out = {} as Record<Kind, TableSchema>;
  KIND_NAMES.forEach((kind, i) => {
    const resource = pkg.resources[i];
    if (resource) out[kind] = resource.schema;
  });
  return out;
}

/** The README's field reference (`<!-- fields -->`), exactly. */
export function schemaMarkdown(): string {
  return fieldsMarkdown();
}
