import { defineConfig } from "vitest/config";

/**
 * The suite `npm run mutate` runs against each mutant: the tests that exercise the mutated
 * modules in this process. Those that run the built program in a child process, a browser,
 * LibreOffice or Wine cannot see a mutant (they run dist/), and only slow each one down.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [
      "test/package.test.ts",
      "test/report-browser.test.ts",
      "test/report-docx.test.ts",
      "test/formats.test.ts",
      "test/formats-corpus.test.ts",
      "test/startup.test.ts",
      "test/launcher.test.ts",
      "test/ci-*.test.ts",
      "test/hostile.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
