import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { BILAN_HEADER, run, workshop } from "./helpers/workshop.js";

/**
 * `atelier schema --format config`: the JSON Schema of `atelier.config.json`, from the zod
 * schema that validates it. Read here by Ajv, as an editor reads it: it must accept what atelier
 * accepts and point at the key atelier names when it refuses.
 */

async function configSchema(lang = "fr") {
  const r = await run("schema", "--format", "config", "--lang", lang);
  expect([r.code, r.err]).toEqual([0, ""]);
  return JSON.parse(r.out);
}

/** Ajv's answer on a configuration: true, or the paths it points at (`plan.from`). */
async function check(config: unknown): Promise<true | string[]> {
  const validate = new Ajv2020({ allErrors: true }).compile(await configSchema());
  if (validate(config)) return true;
  const paths = (validate.errors ?? []).map((e) =>
    [
      ...e.instancePath.split("/").slice(1),
      ...(e.keyword === "additionalProperties" ? [e.params.additionalProperty] : []),
    ].join("."),
  );
  // A union's value is faulted once per option.
  return [...new Set(paths)];
}

describe("the configuration's JSON Schema", () => {
  it("is titled in the language asked, and accepts the sample workshop's configuration", async () => {
    expect((await configSchema("fr")).title).toBe(
      "Configuration d'un atelier (atelier.config.json)",
    );
    expect((await configSchema("en")).title).toBe(
      "Configuration of a workshop (atelier.config.json)",
    );
    const sample = JSON.parse(readFileSync("fixtures/atelier/atelier.config.json", "utf8"));
    expect(await check(sample)).toBe(true);
    expect(await check({})).toBe(true);
  });

  it("refuses a wrong type and an unknown key at the keys atelier names", async () => {
    const wrong = { plan: { from: "2023" }, titre: "Atelier" };
    expect(await check(wrong)).toEqual(["titre", "plan.from"]);
    // atelier says the same keys, each on its line.
    const dir = workshop({ "atelier.config.json": JSON.stringify(wrong) });
    const r = await run("validate", dir);
    expect(r.code).toBe(2);
    const named = r.err.split("\n").flatMap((line) => /^ {2}- (\S+) :/.exec(line)?.[1] ?? []);
    expect(named.sort()).toEqual(["plan.from", "titre"]);
  });

  it("refuses what atelier refuses as empty, where JSON Schema can say it", async () => {
    expect(await check({ institution: "", objectives: [""], venue: { fr: "" } })).toEqual([
      "institution",
      "venue",
      "venue.fr",
      "objectives.0",
    ]);
    expect(await check({ sessions: [] })).toEqual(["sessions"]);
    expect(await check({ sessions: ["J1", "J1"] })).toEqual(["sessions"]);
    // atelier refuses each, at the key it names.
    const refused: [object, string][] = [
      [{ institution: "" }, "institution"],
      [{ sessions: [] }, "sessions"],
      [{ sessions: ["J1", "J1"] }, "sessions[1]"],
    ];
    for (const [config, key] of refused) {
      const r = await run("validate", workshop({ "atelier.config.json": JSON.stringify(config) }));
      expect([r.code, r.err.split("— ")[1]?.split(" :")[0]]).toEqual([2, key]);
    }
  });

  it("gives a workshop without title the title of the language asked", async () => {
    expect((await configSchema("fr")).properties.title.default).toBe(
      "Atelier de restitution et de compilation des données — PAN 2023-2027",
    );
    expect((await configSchema("en")).properties.title.default).toBe(
      "Workshop on reporting back and compiling data — NAP 2023-2027",
    );
  });

  it("is printed whatever the configuration beside it holds: it is what mends it", async () => {
    const dir = workshop({ "atelier.config.json": '{ "title": 5 }' });
    const r = await run(
      "schema",
      "--format",
      "config",
      "--config",
      join(dir, "atelier.config.json"),
    );
    expect([r.code, r.err, JSON.parse(r.out).title]).toEqual([
      0,
      "",
      "Configuration d'un atelier (atelier.config.json)",
    ]);
  });

  it("is told its spelling when misspelt, and never listed among the keys", async () => {
    for (const key of ["$Schema", "$shema", "$schema "]) {
      const dir = workshop({ "atelier.config.json": JSON.stringify({ [key]: "x.json" }) });
      const r = await run("validate", dir);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`${key} : clé inconnue ; vouliez-vous dire « $schema » ?`);
      expect(r.err).not.toMatch(/clés possibles[^\n]*\$schema/);
    }
  });

  it("is written by init beside the configuration, which names it in $schema", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "atelier-schema-")), "atelier");
    expect((await run("init", dir)).code).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, "atelier.config.json"), "utf8"));
    expect(Object.keys(config)[0]).toBe("$schema");
    expect(config.$schema).toBe("./atelier.config.schema.json");
    const written = JSON.parse(readFileSync(join(dir, "atelier.config.schema.json"), "utf8"));
    expect(written).toEqual(await configSchema());
    expect(await check(config)).toBe(true);
    // Neither file is a group's: both are the workshop's own.
    writeFileSync(
      join(dir, "J1", "groupe-1.csv"),
      `${BILAN_HEADER}1;1.1.1;Sensibiliser;Réalisé;100;;\r\n`,
    );
    const v = await run("validate", dir, "--format", "json");
    const skipped = JSON.parse(v.out).skipped.filter((s: { path: string }) =>
      s.path.includes("atelier.config"),
    );
    expect(skipped.map((s: { reason: string }) => s.reason)).toEqual([
      "workshop-file",
      "workshop-file",
    ]);
  });
});
