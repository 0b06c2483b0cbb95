import type { Config } from "../config.js";
import type { FlatTable, TableColumn } from "./index.js";

/**
 * `datapackage.json`: a Frictionless Tabular Data Package describing the consolidated CSVs, with
 * a Table Schema per file derived from the same columns (and so from the field registry).
 */

function fieldOf(c: TableColumn, delimiter: string) {
  const constraints: Record<string, unknown> = {};
  if (c.required) constraints.required = true;
  if (c.enum) constraints.enum = c.enum;
  if (c.minimum !== undefined) constraints.minimum = c.minimum;
  if (c.maximum !== undefined) constraints.maximum = c.maximum;
  return {
    name: c.name,
    title: c.title.fr,
    description: c.title.en,
    type: c.type,
    // The CSV writer puts a decimal comma in `;` files, for French Excel.
    ...(c.type === "number" && delimiter === ";" ? { decimalChar: "," } : {}),
    ...(c.type === "boolean" ? { trueValues: ["true"], falseValues: ["false"] } : {}),
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
}

export function dataPackage(tables: readonly FlatTable[], config: Config, delimiter: string) {
  return {
    profile: "tabular-data-package",
    name: "atelier-consolidation",
    title: config.title,
    resources: tables.map((t) => ({
      profile: "tabular-data-resource",
      name: t.name,
      path: `${t.name}.csv`,
      title: t.title.fr,
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
        fields: t.columns.map((c) => fieldOf(c, delimiter)),
        missingValues: [""],
      },
    })),
  };
}
