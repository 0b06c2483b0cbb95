import { isAbsolute, posix } from "node:path";
import { pathToFileURL } from "node:url";
import junitModule from "junit-report-builder";
import {
  SarifBuilder,
  SarifResultBuilder,
  SarifRuleBuilder,
  SarifRunBuilder,
} from "node-sarif-builder";
import { CONFIG_FILE } from "../config.js";
import { catalogue, hintOf, messageOf } from "../i18n/index.js";
import type { Lang, Localized } from "../i18n/lang.js";
import { CATALOG, cellOf, countBySeverity, type Issue, type IssueCode } from "../issues.js";
import type { ValidationResult } from "../model.js";
import { columnNumber } from "../sheet.js";
import { filesRead, skipText, unchecked } from "./validation.js";

/**
 * The reports CI servers show, of a validation: JUnit XML (GitLab, Jenkins) and SARIF 2.1.0
 * (code scanning). Built with the libraries those formats are usually built with, so that their
 * escaping and counts are theirs, not ours.
 */

// The package is CommonJS: its `module.exports` is the builder, where its types say `default`.
const junit = junitModule as unknown as typeof junitModule.default;

/** A problem in one line: where, what, the code, the fix. */
function problemLine(i: Issue, lang: Lang): string {
  const where = cellOf(i);
  const hint = hintOf(i, lang);
  return `${where ? `${where} ` : ""}${messageOf(i, lang)} [${i.code}]${hint ? ` → ${hint}` : ""}`;
}

/**
 * JUnit XML: one test case per file read, failed when the file has errors. The common JUnit
 * schema allows one `<failure>` per test case (and GitLab and Jenkins show only the first):
 * its message counts the problems, its text has one line per error, at its cell. Warnings and
 * notes are the test case's `system-out`; files passed over are the suite's `skipped` property.
 */
export function validationJunit(result: ValidationResult, lang: Lang): string {
  const t = catalogue(lang).validation;
  const report = junit.newBuilder().name(t.ci.title);
  const suite = report.testSuite().name(t.ci.title);
  for (const f of filesRead(result)) {
    // The folder is the test case's class; displayed paths are written with `/`.
    const name = posix.basename(f.path);
    const test = suite.testCase().className(posix.dirname(f.path)).name(name).file(f.path);
    const c = countBySeverity(f.issues);
    const errors = f.issues.filter((i) => i.severity === "error");
    const others = f.issues.filter((i) => i.severity !== "error");
    if (errors.length > 0) {
      test
        .failure(t.ci.problems(c.errors, c.warnings), errors[0]?.code)
        .stacktrace(errors.map((i) => problemLine(i, lang)).join("\n"));
    }
    const out = [
      ...f.sheets.flatMap((s) =>
        s.kind ? [`${s.name ?? name}${t.colon} ${t.rows(s.rows, s.accepted, s.rejected)}`] : [],
      ),
      ...others.map(
        (i) => `${i.severity === "warning" ? t.warning : t.info} ${problemLine(i, lang)}`,
      ),
    ];
    if (out.length > 0) test.standardOutput(out.join("\n"));
  }
  // A workshop left unchecked (its configuration is invalid) fails, as the run does.
  for (const k of unchecked(result)) {
    suite
      .testCase()
      .className(k.path)
      .name(CONFIG_FILE)
      .file(`${k.path}/${CONFIG_FILE}`)
      .failure(skipText(k.reason, lang), k.reason);
  }
  const skipped = result.skipped.filter(
    (s) => s.reason !== "invalid-workshop" && !filesRead(result).some((f) => f.path === s.path),
  );
  if (skipped.length > 0) {
    suite.multilineProperty(
      "skipped",
      skipped.map((s) => `${s.path} (${skipText(s.reason, lang)})`).join("\n"),
    );
  }
  return `${report.build()}\n`;
}

const SARIF_LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/** A path as a SARIF URI: relative ones stay relative (to the repository), each part encoded. */
function uriOf(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.split("/").map(encodeURIComponent).join("/");
}

/**
 * SARIF 2.1.0: one result per problem, at its file and region (the row and column of the
 * sheet), its rule the catalogue code. Every code of the catalogue is a rule, with its title in
 * both languages (the short description in the language asked), so that a server that lists
 * rules lists them all. Every file read is an artifact, problems or not.
 */
export function validationSarif(result: ValidationResult, lang: Lang, version: string): string {
  const t = catalogue(lang).validation;
  const run = new SarifRunBuilder().initSimple({
    toolDriverName: "atelier",
    toolDriverVersion: version,
  });
  const rule = (id: string, level: "error" | "warning" | "note", title: Localized) => {
    const r = new SarifRuleBuilder().initSimple({ ruleId: id, shortDescriptionText: title[lang] });
    r.rule.defaultConfiguration = { level };
    r.rule.properties = { title };
    run.addRule(r);
  };
  const fr = catalogue("fr").issues;
  const en = catalogue("en").issues;
  for (const code of Object.keys(CATALOG) as IssueCode[]) {
    rule(code, SARIF_LEVEL[CATALOG[code].severity], { fr: fr[code].title, en: en[code].title });
  }
  // Not a problem of a file's but of a workshop's: a rule of its own, outside the catalogue.
  const unread = "invalid-workshop";
  rule(unread, "error", { fr: skipText(unread, "fr"), en: skipText(unread, "en") });
  const files = filesRead(result);
  run.run.artifacts = files.map((f) => ({ location: { uri: uriOf(f.path) } }));
  for (const f of files) {
    for (const i of f.issues) {
      const hint = hintOf(i, lang);
      const where = cellOf(i);
      const r = new SarifResultBuilder().initSimple({
        ruleId: i.code,
        level: SARIF_LEVEL[i.severity],
        messageText: `${where ? `${where}${t.colon} ` : ""}${messageOf(i, lang)}${hint ? ` — ${hint}` : ""}`,
        fileUri: uriOf(f.path),
      });
      if (i.row !== undefined) {
        r.setLocationRegion({
          startLine: i.row,
          ...(i.column ? { startColumn: columnNumber(i.column) } : {}),
        });
      }
      // A sheet has no place in a SARIF region: the cell says it (`Bilan!C12`).
      if (where) r.result.properties = { cell: where };
      run.addResult(r);
    }
  }
  for (const k of unchecked(result)) {
    run.addResult(
      new SarifResultBuilder().initSimple({
        ruleId: "invalid-workshop",
        level: "error",
        messageText: skipText(k.reason, lang),
        fileUri: uriOf(`${k.path}/${CONFIG_FILE}`),
      }),
    );
  }
  const log = new SarifBuilder();
  log.addRun(run);
  return `${log.buildSarifJsonString({ indent: true })}\n`;
}
