import { matrix, template, workshopReadme } from "./documents.js";
import { cli, errors } from "./errors.js";
import { issues, terms } from "./issues.js";
import { followups, progress, schemas, summary, tables, validation } from "./outputs.js";
import { axisTitle, bands, findingTypes, report, rules } from "./report.js";

/**
 * Every French text atelier shows a person, by key: the source of the catalogue. Its shape is
 * the `Catalogue` every other language must have, key for key.
 */
export const fr = {
  issues,
  terms,
  errors,
  cli,
  validation,
  summary,
  tables,
  followups,
  progress,
  schemas,
  report,
  findingTypes,
  bands,
  rules,
  axisTitle,
  matrix,
  template,
  workshopReadme,
};

export type Catalogue = typeof fr;
