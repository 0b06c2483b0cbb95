import type { Config } from "../config.js";
import { catalogue } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import type { FlatTable, TableColumn } from "./index.js";

/**
 * `datapackage.json`: a Frictionless Tabular Data Package describing the consolidated CSVs, with
 * a Table Schema per file derived from the same columns (and so from the field registry).
 * Given the language the CSVs are written in, each field is named by its header as written, its
 * id kept beside it (`atelier:id`, the key of consolidation.json), its closed values and
 * booleans in the words written; without, by ids (`atelier schema`).
 */

function fieldOf(c: TableColumn, delimiter: string, lang?: Lang) {
  const constraints: Record<string, unknown> = {};
  if (c.required) constraints.required = true;
  if (c.enum) {
    constraints.enum = lang ? c.enum.map((id) => c.labels?.[id]?.[lang] ?? id) : c.enum;
  }
  if (c.minimum !== undefined) constraints.minimum = c.minimum;
  if (c.maximum !== undefined) constraints.maximum = c.maximum;
  const words = lang ? catalogue(lang).tables : { yes: "true", no: "false" };
  return {
    name: lang ? c.title[lang] : c.name,
    ...(lang ? { "atelier:id": c.name } : {}),
    title: c.title.fr,
    description: c.title.en,
    type: c.type,
    // The CSV writer puts a decimal comma in `;` files, for French Excel.
    ...(c.type === "number" && delimiter === ";" ? { decimalChar: "," } : {}),
    ...(c.type === "boolean" ? { trueValues: [words.yes], falseValues: [words.no] } : {}),
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
}

export function dataPackage(
  tables: readonly FlatTable[],
  config: Config,
  delimiter: string,
  lang?: Lang,
) {
  return {
    profile: "tabular-data-package",
    name: "atelier-consolidation",
    title: config.title,
    resources: tables.map((t) => ({
      profile: "tabular-data-resource",
      name: t.name,
      path: `${t.name}.csv`,
      title: t.title[lang ?? "fr"],
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      dialect: {
        delimiter,
        lineTerminator: "\r\n",
        quoteChar: '"',
        doubleQuote: true,
        header: true,
      },
      schema: {
        fields: t.columns.map((c) => fieldOf(c, delimiter, lang)),
        missingValues: [""],
      },
    })),
  };
}
