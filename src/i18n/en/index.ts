import type { Catalogue } from "../fr/index.js";
import { matrix, template, workshopReadme } from "./documents.js";
import { cli, errors } from "./errors.js";
import { issues, terms } from "./issues.js";
import { followups, progress, schemas, summary, tables, validation } from "./outputs.js";
import { axisTitle, bands, findingTypes, report, rules } from "./report.js";

/** Every English text atelier shows a person, key for key as the French catalogue. */
export const en: Catalogue = {
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
