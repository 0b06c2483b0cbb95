import { defineConfig } from "vitest/config";

/**
 * The suite `npm run mutate` runs against each mutant: the tests that call the rules of merge,
 * normalize and analysis in this process, on rows made in the test. Those that compile a whole
 * workshop, or pass files through LibreOffice, a browser or the built program, cover nearly every
 * line, so each of the thousands of mutants would rerun them: hours on a two-core machine.
 */
export default defineConfig({
  test: {
    include: [
      "test/merge.test.ts",
      "test/normalize.test.ts",
      "test/values.test.ts",
      "test/values-rules.test.ts",
      "test/indicators.test.ts",
      "test/report-model.test.ts",
      "test/fields.test.ts",
      "test/properties.test.ts",
      "test/merge-folding.test.ts",
      "test/merge-bilan.test.ts",
      "test/merge-clusters.test.ts",
      "test/mutation-summary.test.ts",
      "test/analysis-links.test.ts",
      "test/analysis-matrix.test.ts",
      "test/report-figures.test.ts",
      "test/report-sources.test.ts",
      "test/normalize-rows.test.ts",
      "test/normalize-tables.test.ts",
      "test/values-edges.test.ts",
    ],
    // One module graph for all the files: each mutant reruns a few tests, and loading the
    // modules again for each file took most of the time (the suite passes either way).
    isolate: false,
    // Fewer cases per property (test/properties.test.ts says why).
    env: { ATELIER_MUTATION: "1" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
