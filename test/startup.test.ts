import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The program people run is the bundle `npm run build` writes (`dist/atelier.mjs`, what the
 * `atelier` command and `npm start` run), split by command so that each loads only the libraries
 * it uses. What a run loaded is read from Node's module loader, by file, then by the package
 * comments esbuild leaves in each chunk (`// node_modules/exceljs/lib/…`).
 */

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const PROGRAM = join(ROOT, "dist", "atelier.mjs");
const HEAVY = ["exceljs", "jszip", "pako", "@e965/xlsx", "docx", "zod"] as const;

/** The libraries of the heavy list that a run of the program loaded, and its exit code. */
function librariesLoaded(...args: string[]): { code: number | null; libraries: string[] } {
  const list = join(mkdtempSync(join(tmpdir(), "atelier-loaded-")), "loaded.txt");
  const r = spawnSync(
    process.execPath,
    ["--import", join(ROOT, "test", "helpers", "loaded.mjs"), PROGRAM, ...args],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, ATELIER_LOADED: list } },
  );
  const files = readFileSync(list, "utf8")
    .trim()
    .split("\n")
    .map((u) => fileURLToPath(u));
  const text = files.map((f) => readFileSync(f, "utf8")).join("\n");
  return {
    code: r.status,
    libraries: HEAVY.filter((library) => text.includes(`// node_modules/${library}/`)),
  };
}

describe("the program loads what a command needs, and no more", () => {
  it("is what package.json's bin and npm start run", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(manifest.bin).toEqual({ atelier: "dist/atelier.mjs" });
    expect(manifest.scripts.start).toBe("node dist/atelier.mjs compile fixtures/atelier");
    const r = spawnSync(process.execPath, [PROGRAM, "--version"], { encoding: "utf8" });
    expect([r.status, r.stdout]).toEqual([0, `${manifest.version}\n`]);
  });

  it("--help loads none of the heavy libraries", () => {
    expect(librariesLoaded("--help")).toEqual({ code: 0, libraries: [] });
  });

  it("validate of a CSV loads only zod, for the configuration and the rows", () => {
    expect(librariesLoaded("validate", "fixtures/valid/bilan.csv")).toEqual({
      code: 0,
      libraries: ["zod"],
    });
  });

  it("validate of a workbook adds the workbook reader (SheetJS, JSZip), never exceljs or docx", () => {
    // The sample's workbook has problems to correct: exit 1.
    expect(librariesLoaded("validate", "fixtures/atelier/J1/groupe-1-prevention.xlsx")).toEqual({
      code: 1,
      libraries: ["jszip", "pako", "@e965/xlsx", "zod"],
    });
  });
});
