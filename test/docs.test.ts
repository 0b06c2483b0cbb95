import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/issues.js";
import { readmeWithGenerated } from "../src/render/docs.js";

describe("README", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

  it("has its field and issue tables generated from the registry and the catalog (npm run docs)", () => {
    expect(readmeWithGenerated(readme)).toBe(readme);
  });

  it("lists every issue code", () => {
    for (const code of Object.keys(CATALOG)) expect(readme).toContain(`| \`${code}\` |`);
  });

  it("shows the two quick-start commands", () => {
    expect(readme).toContain("npm ci && npm start");
    expect(readme).toContain("npm test");
  });
});
