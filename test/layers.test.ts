import { readdirSync, readFileSync } from "node:fs";
import { join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Data flows one way: read → normalize → validate → merge → analysis → render, then the commands
 * and the CLI. Each file may import its own layer and the layers below it, never one above;
 * `render/` formats models and never touches the stages that build them (nor `read/`); the
 * foundation (model, registry, catalogue, configuration) imports no stage; nothing imports the
 * CLI; `release/` (the package build) sits above it all; and no file reaches itself through its
 * imports.
 */

const LAYERS = [
  "foundation",
  "read",
  "normalize",
  "validate",
  "merge",
  "analysis",
  "render",
  "commands",
  "cli",
  "release",
] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer may import besides itself, when it is narrower than "every layer below". */
const ONLY: Partial<Record<Layer, readonly Layer[]>> = {
  render: ["foundation", "analysis"],
};

/** The layer of a source file, from its path under `src/`. */
function layerOf(file: string): Layer {
  const [top] = file.split("/");
  if (file === "cli.ts" || file === "bin.ts" || file === "launcher.ts") return "cli";
  if (top && (LAYERS as readonly string[]).includes(top) && file.includes("/")) return top as Layer;
  return "foundation";
}

/** Why an import from `from` to `to` (paths under `src/`) goes against the flow, if it does. */
function violation(from: string, to: string): string | undefined {
  const a = layerOf(from);
  const b = layerOf(to);
  if (to === "cli.ts" && from !== "bin.ts") return `${from} imports the CLI`;
  if (a === b) return undefined;
  const allowed = ONLY[a] ?? LAYERS.slice(0, LAYERS.indexOf(a));
  return allowed.includes(b) ? undefined : `${from} (${a}) imports ${to} (${b})`;
}

/** Import cycles among the files (Tarjan's strongly connected components of two or more). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, indexOf.get(w) as number));
      }
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
  return found;
}

const SRC = fileURLToPath(new URL("../src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [relative(SRC, join(dir, e.name)).split("\\").join("/")]
        : [],
  );
}

/** Every relative import of a file, static, dynamic and type-only, as paths under `src/`. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), "utf8");
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)"(\.{1,2}\/[^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  return specs.map((s) => posix.join(posix.dirname(file), s).replace(/\.js$/, ".ts"));
}

const graph = new Map(sourceFiles(SRC).map((f) => [f, importsOf(f)]));

describe("import layers", () => {
  it("reads every source file and its imports", () => {
    expect(graph.size).toBeGreaterThan(30);
    for (const [file, imports] of graph) {
      for (const target of imports) expect(graph.has(target), `${file} → ${target}`).toBe(true);
    }
  });

  it("no import goes against the flow", () => {
    const wrong = [...graph].flatMap(([file, imports]) =>
      imports.flatMap((target) => violation(file, target) ?? []),
    );
    expect(wrong).toEqual([]);
  });

  it("no file reaches itself through its imports", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("would catch an upward import, render reading a file, and a cycle", () => {
    expect(violation("merge/index.ts", "analysis/report.ts")).toBe(
      "merge/index.ts (merge) imports analysis/report.ts (analysis)",
    );
    expect(violation("render/index.ts", "read/csv.ts")).toBe(
      "render/index.ts (render) imports read/csv.ts (read)",
    );
    expect(violation("model.ts", "validate/index.ts")).toBe(
      "model.ts (foundation) imports validate/index.ts (validate)",
    );
    expect(violation("commands/compile.ts", "cli.ts")).toBe("commands/compile.ts imports the CLI");
    expect(violation("analysis/report.ts", "merge/index.ts")).toBeUndefined();
    expect(
      cycles(
        new Map([
          ["a.ts", ["b.ts"]],
          ["b.ts", ["c.ts"]],
          ["c.ts", ["a.ts"]],
          ["d.ts", ["a.ts"]],
        ]),
      ),
    ).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });
});
