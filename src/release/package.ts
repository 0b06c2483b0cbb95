import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CONFIG_SCHEMA_FILE } from "../config.js";
import { PROGRAM_FOLDER } from "../launcher.js";
import { json } from "../render/json.js";
import { configJsonSchema } from "../render/schema.js";
import { zipArchive } from "../render/zip.js";
import { bundle, writeTree } from "./bundle.js";
import { nodeExe, npm } from "./runtime.js";
import { LAUNCHERS, readme } from "./windows.js";

/**
 * `npm run package`: the program bundled by esbuild, then shipped two ways in `release/`:
 * - `atelier-<version>-windows-x64.zip`, for a Windows laptop with nothing installed: Node's own
 *   `node.exe`, the bundle, the templates, launchers to double-click and a LISEZMOI;
 * - `atelier-<version>.tgz`, for `npm install -g` where Node is: the same bundle, and no
 *   dependency to download.
 * Both are reproducible: the same sources give the same bytes (fixed order, fixed times).
 */

/** LICENCES.txt: the licence of every package in the bundle, and of Node.js. */
function licences(root: string, packages: readonly string[], nodeVersion: string): string {
  const parts = [
    `atelier bundles the following packages; their licences follow.\n\nNode.js ${nodeVersion} (programme/node.exe in the Windows package): MIT licence, with the licences of the libraries it includes: https://github.com/nodejs/node/blob/v${nodeVersion}/LICENSE`,
  ];
  for (const dir of packages) {
    const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
    const file = readdirSync(join(root, dir))
      .sort()
      .find((name) => /^licen[cs]e/i.test(name));
    const text = file ? readFileSync(join(root, dir, file), "utf8").trim() : "(no licence file)";
    parts.push(
      `${manifest.name} ${manifest.version} (${manifest.license ?? "no licence"})\n\n${text}`,
    );
  }
  return `${parts.join(`\n\n${"-".repeat(72)}\n\n`)}\n`;
}

/** The time stamped on every entry: SOURCE_DATE_EPOCH, else the last commit's, else fixed. */
function releaseTime(root: string): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const git = spawnSync("git", ["log", "-1", "--format=%ct"], { cwd: root, encoding: "utf8" });
  const seconds = Number(git.stdout?.trim());
  return git.status === 0 && seconds > 0
    ? new Date(seconds * 1000)
    : new Date("2023-07-20T00:00:00Z");
}

export interface Release {
  zip: string;
  tgz: string;
}

/** Builds both packages into `<root>/release/`. */
export async function packageRelease(root: string): Promise<Release> {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const version: string = manifest.version;
  const node = nodeExe(root);
  const { files, packages } = await bundle(root);
  for (const name of readdirSync(join(root, "templates")).sort()) {
    files.set(`templates/${name}`, readFileSync(join(root, "templates", name)));
  }
  files.set("LICENCES.txt", Buffer.from(licences(root, packages, node.version)));
  // For editors: a workshop's `"$schema"` may point at the installed copy.
  files.set(CONFIG_SCHEMA_FILE, Buffer.from(json(configJsonSchema())));

  const out = join(root, "release");
  const work = join(out, "build");
  rmSync(work, { recursive: true, force: true });
  const program = join(work, "npm");
  writeTree(program, files);
  // The bundle says the version the package is named after.
  const said = spawnSync(process.execPath, [join(program, "atelier.mjs"), "--version"], {
    encoding: "utf8",
  });
  if (said.stdout.trim() !== version) {
    throw new Error(
      `the bundle says version ${JSON.stringify(said.stdout.trim())} (${said.stderr.trim()}), package.json ${version}`,
    );
  }

  // npm: the bundle and nothing to install with it.
  const npmManifest = {
    name: manifest.name,
    version,
    description: manifest.description,
    license: manifest.license,
    type: "module",
    bin: { atelier: "atelier.mjs" },
    files: ["atelier.mjs", "chunks", "templates", "LICENCES.txt", CONFIG_SCHEMA_FILE],
    engines: manifest.engines,
  };
  writeFileSync(join(program, "package.json"), `${JSON.stringify(npmManifest, null, 2)}\n`);
  writeFileSync(join(program, "README.md"), readFileSync(join(root, "README.md")));
  const packed = npm(["pack", "--pack-destination", out, "--silent"], program);
  const tgz = join(out, `${manifest.name}-${version}.tgz`);
  if (packed.status !== 0 || !existsSync(tgz)) {
    throw new Error(`npm pack failed: ${packed.stderr}`);
  }

  // Windows: launchers and LISEZMOI at the top, the program and its runtime in `programme/`.
  const entries: [string, Buffer][] = [
    ...Object.entries(LAUNCHERS).map(([name, text]): [string, Buffer] => [name, Buffer.from(text)]),
    ["LISEZMOI.txt", Buffer.from(readme(version, node.version))],
    [`${PROGRAM_FOLDER}/node.exe`, node.bytes],
    ...[...files].map(([path, bytes]): [string, Buffer] => [`${PROGRAM_FOLDER}/${path}`, bytes]),
  ];
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const zip = join(out, `${manifest.name}-${version}-windows-x64.zip`);
  writeFileSync(zip, zipArchive(entries, releaseTime(root), 9));
  return { zip, tgz };
}

// `npm run package`.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const started = Date.now();
  packageRelease(root).then(
    (r) => {
      const mb = (file: string) => `${(statSync(file).size / 1e6).toFixed(1)} MB`;
      for (const file of [r.zip, r.tgz]) {
        process.stdout.write(`${relative(root, file).split(sep).join("/")}  ${mb(file)}\n`);
      }
      process.stdout.write(`in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    },
    (e: Error) => {
      process.stderr.write(`npm run package: ${e.message}\n`);
      process.exitCode = 1;
    },
  );
}
