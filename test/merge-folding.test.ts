import { describe, expect, it } from "vitest";
import type { Kind } from "../src/fields.js";
import { type Entry, type SourceVersion, sessionComparator } from "../src/merge/compare.js";
import {
  disagree,
  type FoldContext,
  foldPlan,
  groupVersions,
  inLatestSession,
  noteUpdate,
  type Version,
} from "../src/merge/fold.js";
import { compareVersions, dropReplaced } from "../src/merge/versions.js";
import type { Replacement, Source } from "../src/model.js";
import { config } from "./helpers/submissions.js";

/**
 * The rules of folding one identity's rows (`fold.ts`) and of telling two versions of a group's
 * file apart (`versions.ts`), called directly on rows made here.
 */

const compareSession = sessionComparator(config);
const KEY = "Former les agents";

function source(file: string, session: string | null, row = 2, groupe?: string | null): Source {
  const name = file.replace(/^.*\/|\.\w+$/g, "");
  return { file, sheet: null, row, groupe: groupe === undefined ? name : groupe, session };
}

const NO_VERSION: SourceVersion = { date: null, modified: null };

function entry(
  src: Source,
  values: Record<string, unknown>,
  version: SourceVersion = NO_VERSION,
  kind: Kind = "propositions",
): Entry {
  return { kind, values, source: src, tableIndex: 0, version };
}

function context(): FoldContext {
  return { kind: "propositions", key: KEY, compareSession, conflits: [], updates: [] };
}

const version = (value: unknown, src: Source): Version => ({
  value,
  source: src,
  entry: entry(src, {}),
});

// --- groupVersions and noteUpdate ------------------------------------------------------------

describe("each group speaks once, with its latest session's value", () => {
  it("keeps a group's later value and lists its earlier different value as an update", () => {
    const ctx = context();
    const g1j1 = source("J1/groupe-1.csv", "J1");
    const g2j1 = source("J1/groupe-2.csv", "J1");
    const g1j2 = source("J2/groupe-1.csv", "J2");
    const entries = [
      entry(g1j1, { indicateur: "Registre papier" }),
      entry(g2j1, { indicateur: "Registre papier" }),
      entry(g1j2, { indicateur: "Registre numérique" }),
    ];
    const versions = groupVersions("indicateur", entries, ctx);
    expect(versions.map((v) => [v.value, v.source])).toEqual([
      ["Registre numérique", g1j2],
      ["Registre papier", g2j1],
    ]);
    expect(ctx.updates).toEqual([
      {
        kind: "propositions",
        key: KEY,
        field: "indicateur",
        groupe: "groupe-1",
        previous: { value: "Registre papier", source: g1j1 },
        value: "Registre numérique",
        source: g1j2,
      },
    ]);
  });

  it("lists no update when the later session repeats the value (texts compared folded)", () => {
    const ctx = context();
    const later = source("J2/groupe-1.csv", "J2");
    const entries = [
      entry(source("J1/groupe-1.csv", "J1"), { indicateur: "Registre papier" }),
      entry(later, { indicateur: "registre  Papier" }),
    ];
    const versions = groupVersions("indicateur", entries, ctx);
    expect(versions.map((v) => [v.value, v.source])).toEqual([["registre  Papier", later]]);
    expect(ctx.updates).toEqual([]);
  });

  it("gives both values of a group that wrote the row twice in one session, as no update", () => {
    // Two rows of the same session are not one after the other: neither updates the other.
    const ctx = context();
    const first = source("J2/groupe-1.csv", "J2", 2);
    const second = source("J2/groupe-1.csv", "J2", 3);
    const entries = [entry(first, { cout: 10_000_000 }), entry(second, { cout: 12_000_000 })];
    const versions = groupVersions("cout", entries, ctx);
    expect(versions.map((v) => [v.value, v.source])).toEqual([
      [10_000_000, first],
      [12_000_000, second],
    ]);
    expect(ctx.updates).toEqual([]);
  });

  it("records an update to an empty value as null, and a source without a group as group ''", () => {
    const ctx = context();
    const earlier = source("J1/plenier.csv", "J1", 2, null);
    const later = source("J2/plenier.csv", "J2", 2, null);
    noteUpdate(ctx, "cout", entry(earlier, { cout: 5_000_000 }), "", later);
    // An earlier empty value is nothing the group changed.
    noteUpdate(ctx, "cout", entry(earlier, { cout: null }), 7_000_000, later);
    expect(ctx.updates).toEqual([
      {
        kind: "propositions",
        key: KEY,
        field: "cout",
        groupe: "",
        previous: { value: 5_000_000, source: earlier },
        value: null,
        source: later,
      },
    ]);
  });
});

// --- disagree and inLatestSession ----------------------------------------------------------------

describe("versions that disagree, versions of the latest session", () => {
  const a = source("J1/groupe-1.csv", "J1");
  const b = source("J1/groupe-2.csv", "J1");

  it("disagree only when two values differ once folded", () => {
    expect(disagree([])).toBe(false);
    expect(disagree([version("Registre", a), version(" registre", b)])).toBe(false);
    expect(disagree([version("Registre", a), version("Rapport", b)])).toBe(true);
  });

  it("keeps the latest session's versions wherever they stand in the list", () => {
    const versions = [
      version(1, source("J2/groupe-1.csv", "J2")),
      version(2, source("J1/groupe-2.csv", "J1")),
      version(3, source("J2/groupe-3.csv", "Jour 2")),
      version(4, source("J1/groupe-4.csv", "J1")),
    ];
    expect(inLatestSession(versions, compareSession).map((v) => v.value)).toEqual([1, 3]);
    expect(inLatestSession([], compareSession)).toEqual([]);
  });
});

// --- foldPlan ------------------------------------------------------------------------------------

describe("a proposal's calendar and costs are one plan", () => {
  const years = { "2024": 4_000_000, "2025": 6_000_000 };

  it("is one plan without conflict when the groups agree", () => {
    const ctx = context();
    const plan = foldPlan(
      [
        entry(source("J1/groupe-1.csv", "J1"), {
          calendrier: [2024, 2025],
          cout: 10_000_000,
          cout_annuel: years,
        }),
        entry(source("J1/groupe-2.csv", "J1"), {
          calendrier: [2024, 2025],
          cout: 10_000_000,
          cout_annuel: { ...years },
        }),
      ],
      ctx,
    );
    expect(plan).toStrictEqual({ calendrier: [2024, 2025], cout: 10_000_000, cout_annuel: years });
    expect(ctx.conflits).toEqual([]);
  });

  it("takes the costs from the chosen calendar's group; the outvoted group's are listed", () => {
    const ctx = context();
    const g2 = source("J1/groupe-2.csv", "J1");
    const g1 = source("J2/groupe-1.csv", "J2");
    const plan = foldPlan(
      [
        entry(g2, { calendrier: [2023], cout: 5_000_000, cout_annuel: { "2023": 5_000_000 } }),
        entry(g1, { calendrier: [2024, 2025], cout: 10_000_000, cout_annuel: years }),
      ],
      ctx,
    );
    expect(plan).toStrictEqual({ calendrier: [2024, 2025], cout: 10_000_000, cout_annuel: years });
    expect(ctx.conflits).toStrictEqual([
      {
        kind: "propositions",
        key: KEY,
        field: "calendrier",
        chosen: [2024, 2025],
        rule: "latest-session",
        versions: [
          { value: [2023], source: g2 },
          { value: [2024, 2025], source: g1 },
        ],
      },
      {
        kind: "propositions",
        key: KEY,
        field: "cout",
        chosen: 10_000_000,
        rule: "latest-session",
        versions: [
          { value: 5_000_000, source: g2 },
          { value: 10_000_000, source: g1 },
        ],
        follows: "calendrier",
      },
      {
        kind: "propositions",
        key: KEY,
        field: "cout_annuel",
        chosen: years,
        rule: "latest-session",
        versions: [
          { value: { "2023": 5_000_000 }, source: g2 },
          { value: years, source: g1 },
        ],
        follows: "calendrier",
      },
    ]);
  });

  it("lists an outvoted group's cost even when it equals the chosen one: it is for other years", () => {
    const ctx = context();
    const plan = foldPlan(
      [
        entry(source("J1/groupe-2.csv", "J1"), { calendrier: [2023], cout: 10_000_000 }),
        entry(source("J2/groupe-1.csv", "J2"), { calendrier: [2024], cout: 10_000_000 }),
      ],
      ctx,
    );
    expect(plan).toStrictEqual({ calendrier: [2024], cout: 10_000_000, cout_annuel: null });
    expect(ctx.conflits.map((c) => [c.field, c.chosen, c.follows])).toEqual([
      ["calendrier", [2024], undefined],
      ["cout", 10_000_000, "calendrier"],
    ]);
  });

  it("makes groups that plan the same calendar but differ on cost a cost conflict of its own", () => {
    const ctx = context();
    const g1 = source("J1/groupe-1.csv", "J1");
    const g2 = source("J1/groupe-2.csv", "J1");
    const plan = foldPlan(
      [
        entry(g1, { calendrier: [2024], cout: 10_000_000 }),
        entry(g2, { calendrier: [2024], cout: 12_000_000 }),
      ],
      ctx,
    );
    expect(plan).toStrictEqual({ calendrier: [2024], cout: 10_000_000, cout_annuel: null });
    // No `follows`: both costs belong to the chosen calendar.
    expect(ctx.conflits).toStrictEqual([
      {
        kind: "propositions",
        key: KEY,
        field: "cout",
        chosen: 10_000_000,
        rule: "first-source",
        versions: [
          { value: 10_000_000, source: g1 },
          { value: 12_000_000, source: g2 },
        ],
      },
    ]);
  });

  it("gives the costs' conflict the calendar's rule when the calendar was the first group's", () => {
    const ctx = context();
    const plan = foldPlan(
      [
        entry(source("J1/groupe-1.csv", "J1"), { calendrier: [2023], cout: 10_000_000 }),
        entry(source("J1/groupe-2.csv", "J1"), { calendrier: [2024], cout: 20_000_000 }),
      ],
      ctx,
    );
    expect(plan).toStrictEqual({ calendrier: [2023], cout: 10_000_000, cout_annuel: null });
    expect(ctx.conflits.map((c) => [c.field, c.chosen, c.rule, c.follows])).toEqual([
      ["calendrier", [2023], "first-source", undefined],
      ["cout", 10_000_000, "first-source", "calendrier"],
    ]);
  });

  it("has no cost when the chosen calendar's group gave none, an outvoted group's cost listed", () => {
    const ctx = context();
    const plan = foldPlan(
      [
        entry(source("J1/groupe-2.csv", "J1"), { calendrier: [2023], cout: 5_000_000 }),
        entry(source("J2/groupe-1.csv", "J2"), { calendrier: [2024] }),
      ],
      ctx,
    );
    expect(plan).toStrictEqual({ calendrier: [2024], cout: null, cout_annuel: null });
    expect(ctx.conflits.map((c) => [c.field, c.chosen, c.rule, c.follows])).toEqual([
      ["calendrier", [2024], "latest-session", undefined],
      ["cout", null, "latest-session", "calendrier"],
    ]);
  });

  it("lists the cost of a group that gave no calendar, as belonging to no chosen plan", () => {
    const ctx = context();
    expect(
      foldPlan([entry(source("J1/groupe-1.csv", "J1"), { cout: 5_000_000 })], ctx),
    ).toStrictEqual({ calendrier: null, cout: null, cout_annuel: null });
    expect(ctx.conflits.map((c) => [c.field, c.chosen, c.rule, c.follows])).toEqual([
      ["cout", null, "latest-session", "calendrier"],
    ]);
  });
});

// --- compareVersions -----------------------------------------------------------------------------

describe("which of two files of a group is the newer version", () => {
  const T = Date.UTC(2024, 6, 19, 9, 0, 0);
  const file = (name: string, date: string | null, modified: number | null) => ({
    file: `J1/${name}`,
    version: { date, modified },
  });

  it("is the later Identification date, whatever the times and names say", () => {
    const older = file("groupe-3-v2.csv", "2024-07-18", T + 3_600_000);
    const newer = file("groupe-3.csv", "2024-07-19", T);
    expect(compareVersions(newer, older)).toBeGreaterThan(0);
    expect(compareVersions(older, newer)).toBeLessThan(0);
  });

  it("goes by modification time when the dates are equal or only one file has one", () => {
    const stale = file("groupe-3-v2.csv", "2024-07-19", T);
    expect(compareVersions(stale, file("groupe-3.csv", "2024-07-19", T + 60_000))).toBeLessThan(0);
    expect(compareVersions(stale, file("groupe-3.csv", null, T + 60_000))).toBeLessThan(0);
  });

  it("goes by modification time when the times are more than 2 s apart", () => {
    const older = file("groupe-3-v2.csv", null, T);
    const newer = file("groupe-3.csv", null, T + 10_000);
    expect(compareVersions(newer, older)).toBeGreaterThan(0);
    expect(compareVersions(older, newer)).toBeLessThan(0);
  });

  it("takes times up to 2 s apart for the same time, and goes by name", () => {
    // A FAT-formatted USB key stores times to 2 s.
    const named = (modified: number) => file("groupe-3-v2.csv", null, modified);
    expect(compareVersions(named(T), file("groupe-3.csv", null, T + 1_500))).toBeGreaterThan(0);
    expect(compareVersions(named(T), file("groupe-3.csv", null, T + 2_000))).toBeGreaterThan(0);
    expect(compareVersions(file("groupe-3.csv", null, T + 2_000), named(T))).toBeLessThan(0);
    // One millisecond more and the times decide.
    expect(compareVersions(named(T), file("groupe-3.csv", null, T + 2_001))).toBeLessThan(0);
  });

  it("goes by name when only one file has a modification time", () => {
    const v2 = file("groupe-3-v2.csv", null, null);
    expect(compareVersions(v2, file("groupe-3.csv", null, T))).toBeGreaterThan(0);
    expect(compareVersions(file("groupe-3.csv", null, T), v2)).toBeLessThan(0);
  });

  it("takes a name with a version marker for newer, whatever the name's order", () => {
    const plain = file("saisie-groupe-3.csv", null, null);
    const corrected = file("groupe-3-corrige.csv", null, null);
    expect(compareVersions(plain, corrected)).toBeLessThan(0);
    expect(compareVersions(corrected, plain)).toBeGreaterThan(0);
  });

  it("otherwise takes the later name in natural order, compared without extension", () => {
    const v2 = file("groupe-3-v2.csv", null, null);
    const v10 = file("groupe-3-v10.csv", null, null);
    expect(compareVersions(v10, v2)).toBeGreaterThan(0);
    // With the extension, `groupe-3.csv` would sort after `groupe-3-1.csv` (`.` after `-`).
    const first = file("groupe-3.csv", null, null);
    const second = file("groupe-3-1.csv", null, null);
    expect(compareVersions(second, first)).toBeGreaterThan(0);
    expect(compareVersions(first, second)).toBeLessThan(0);
  });

  it("orders two files that differ only by extension, and only a file with itself is equal", () => {
    const csv = file("groupe-3.csv", null, null);
    const xlsx = file("groupe-3.xlsx", null, null);
    expect(Math.sign(compareVersions(csv, xlsx))).toBe(-Math.sign(compareVersions(xlsx, csv)));
    expect(compareVersions(csv, xlsx)).not.toBe(0);
    expect(compareVersions(csv, csv)).toBe(0);
  });
});

// --- dropReplaced --------------------------------------------------------------------------------

describe("a newer file of a group in a session replaces the older's row", () => {
  const row = (file: string, session: string, modified: number | null = null) =>
    entry(source(file, session, 2, "groupe-3"), { action: KEY }, { date: null, modified });

  it("keeps the newer file's row and lists the older's with the row that replaced it", () => {
    // In source order `groupe-3-v2.csv` comes before `groupe-3.csv`: the newer row comes first.
    const v2 = row("J1/groupe-3-v2.csv", "J1");
    const v1 = row("J1/groupe-3.csv", "J1");
    const replaced: Replacement[] = [];
    expect(dropReplaced("propositions", KEY, [v2, v1], replaced)).toEqual([v2]);
    expect(replaced).toEqual([
      { kind: "propositions", key: KEY, source: v1.source, by: v2.source },
    ]);
  });

  it("also when the newer file comes later in the list", () => {
    const older = row("J1/groupe-3-v2.csv", "J1", 1_000_000);
    const newer = row("J1/groupe-3.csv", "J1", 9_000_000);
    const replaced: Replacement[] = [];
    expect(dropReplaced("propositions", KEY, [older, newer], replaced)).toEqual([newer]);
    expect(replaced.map((r) => [r.source.file, r.by.file])).toEqual([
      ["J1/groupe-3-v2.csv", "J1/groupe-3.csv"],
    ]);
  });

  it("replaces nothing across sessions, and keeps two rows of the same file", () => {
    const j1 = row("J1/groupe-3.csv", "J1");
    const j2 = row("J2/groupe-3.csv", "J2");
    const again = entry(source("J2/groupe-3.csv", "J2", 3, "groupe-3"), { action: KEY });
    const replaced: Replacement[] = [];
    expect(dropReplaced("propositions", KEY, [j1, j2, again], replaced)).toEqual([j1, j2, again]);
    expect(replaced).toEqual([]);
  });
});
