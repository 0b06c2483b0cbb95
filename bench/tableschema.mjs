/**
 * The peer for validation throughput: the Frictionless JavaScript library (`tableschema`, a
 * dependency of the dev dependency `datapackage`) reading the bench's CSV files against a Table
 * Schema equivalent to atelier's bilan checks: required values, the statuses and axes as enums,
 * codes by pattern, French amounts (`1 500 000`, `FCFA`) and rates (`75 %`) with their bounds,
 * Oui/Non. Cast errors are counted, not thrown (`forceCast`), as atelier reports every problem.
 *
 *   node bench/tableschema.mjs file.csv… → prints {"rows":…,"errors":…}
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Table } = require("tableschema");

const text = (name, required = false) => ({
  name,
  type: "string",
  ...(required ? { constraints: { required: true } } : {}),
});
const amount = (name) => ({
  name,
  type: "number",
  groupChar: " ",
  decimalChar: ",",
  bareNumber: false,
  constraints: { minimum: 0 },
});

/** The bilan columns the generator writes, in order, with atelier's rules as far as a Table Schema can say them. */
export const schema = {
  fields: [
    text("Groupe de travail"),
    {
      name: "Axe stratégique",
      type: "string",
      constraints: {
        required: true,
        enum: [
          ...[1, 2, 3, 4].flatMap((n) => [`Axe ${n}`, String(n)]),
          "PREV",
          "PROT",
          "POUR",
          "COOR",
          "Prévention",
          "Protection et assistance aux victimes",
          "Poursuites et répression",
          "Coordination, partenariat et suivi-évaluation",
        ],
      },
    },
    {
      name: "Code activité",
      type: "string",
      constraints: { required: true, pattern: "\\d+(\\.\\d+)*" },
    },
    text("Activité", true),
    text("Structure responsable"),
    text("Indicateur"),
    text("Cible"),
    text("Résultat atteint"),
    {
      name: "Statut",
      type: "string",
      constraints: {
        required: true,
        enum: [
          "Réalisé",
          "réalisé",
          "Exécuté",
          "REALISE",
          "Partiellement réalisé",
          "En cours",
          "Non réalisé",
          "Abandonné",
        ],
      },
    },
    {
      name: "Taux de réalisation (%)",
      type: "number",
      bareNumber: false,
      constraints: { minimum: 0, maximum: 100 },
    },
    amount("Budget prévu (FCFA)"),
    amount("Budget exécuté (FCFA)"),
    text("Source de financement"),
    text("Difficultés rencontrées"),
    {
      name: "Activité non programmée",
      type: "boolean",
      trueValues: ["Oui"],
      falseValues: ["Non"],
    },
    text("Observations"),
  ],
  missingValues: [""],
};

let rows = 0;
let errors = 0;
for (const file of process.argv.slice(2)) {
  const table = await Table.load(file, { schema, headers: 1, delimiter: ";", bom: true });
  const read = await table.read({ cast: true, forceCast: true });
  for (const row of read) {
    rows++;
    if (row instanceof Error) errors++;
  }
}
process.stdout.write(`${JSON.stringify({ rows, errors })}\n`);
