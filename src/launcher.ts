import { spawn } from "node:child_process";
import { type Dirent, existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { createInterface } from "node:readline";
import { CONFIG_FILE } from "./config.js";
import * as en from "./i18n/en/errors.js";
import * as fr from "./i18n/fr/errors.js";
import type { Lang } from "./i18n/lang.js";
import type { Io } from "./io.js";

/**
 * The double-click launchers of the offline Windows package, for people who have never opened a
 * terminal: « Compiler l'atelier » and « Vérifier un fichier » run `atelier launch compile` and
 * `atelier launch validate` with the package's folder and whatever Explorer dropped on them.
 * The command itself runs as typed on a command line (same summary, same exit code); around it,
 * the launcher asks for what was not dropped, and keeps the window open until it has been read.
 */

const TEXTS = { fr, en };

/** What raw mode hands over for Ctrl+C. */
const CTRL_C = "\u0003";

/** The exit code of a command that could not run, as the command line's. */
const CANNOT_RUN = 2;

/** The package's folder of the program itself: `node.exe` and the bundled CLI. */
export const PROGRAM_FOLDER = "programme";

/** The files beside it, for the person who unzipped the package. */
export const LAUNCHER_FILES = [
  "atelier.cmd",
  "Compiler l'atelier.cmd",
  "Vérifier un fichier.cmd",
  "LISEZMOI.txt",
] as const;

/**
 * Everything the package put in the folder it was unzipped into, and that folder itself, for a
 * workshop that holds it (« Extraire tout » inside the workshop's folder).
 */
export function packageFiles(top: string): string[] {
  return [top, ...[PROGRAM_FOLDER, ...LAUNCHER_FILES].map((name) => join(top, name))];
}

/**
 * The package's files when this program runs from its `programme` folder (`atelier.cmd compile`
 * on a workshop the package was unzipped into); none when it runs from anywhere else.
 */
export function runningPackageFiles(entry = process.argv[1]): string[] {
  if (entry === undefined) return [];
  let dir: string;
  try {
    dir = dirname(realpathSync(entry));
  } catch {
    return [];
  }
  return basename(dir) === PROGRAM_FOLDER ? packageFiles(dirname(dir)) : [];
}

/** The console the launcher talks through: injectable, so that it runs without a terminal. */
export interface Terminal {
  io: Io;
  /** A person at the keyboard: only then does the launcher wait for a key and open anything. */
  interactive: boolean;
  /** One line typed or pasted; `undefined` at the end of the input. */
  readLine: () => Promise<string | undefined>;
  /** Resolves on the next key pressed. */
  waitKey: () => Promise<string>;
  /** Opens a file or folder as a double-click would; rejects when it cannot. */
  open: (path: string) => Promise<void>;
  /** Makes a folder the current one, from which the command says its paths. */
  enter: (dir: string) => void;
}

/**
 * The command line the launcher runs its command through, given by its caller (cli.ts), as the
 * CLI is never imported from below it.
 */
export interface CommandLine {
  /** `main`: runs a command line, says what it has to say, returns the exit code. */
  run: (argv: string[], io: Io) => Promise<number>;
  /** The language a command on a folder speaks (its configuration's), before it has run. */
  language: (dir: string) => Lang;
}

export type LaunchAction = "compile" | "validate";

/**
 * Runs one launcher: `here` is the package's folder, `dropped` the paths Explorer passed, each
 * used as given (never split nor quoted again). Returns the command's exit code; never throws.
 */
export async function launch(
  action: LaunchAction,
  here: string,
  dropped: readonly string[],
  terminal: Terminal,
  cli: CommandLine,
): Promise<number> {
  const home = resolve(here);
  const io: Io = { ...terminal.io, programFiles: packageFiles(home) };
  const said: { lang: Lang } = { lang: "fr" };
  try {
    return action === "compile"
      ? await compile(home, dropped, { terminal, cli, io, said })
      : await validate(dropped, { terminal, cli, io, said });
  } catch (e) {
    // The command says its own problems; this is for the launcher's: one line, no stack trace.
    const t = TEXTS[said.lang].errors;
    terminal.io.err(`${t.stop(t.internal(e instanceof Error ? e.message : String(e)))}\n`);
    await closing(terminal, said.lang);
    return CANNOT_RUN;
  }
}

/** What a launcher runs with: its console, the command line, the io the command gets, and the
 * language said so far (French until a folder, and so its configuration, is known). */
interface Run {
  terminal: Terminal;
  cli: CommandLine;
  io: Io;
  said: { lang: Lang };
}

async function compile(
  home: string,
  dropped: readonly string[],
  { terminal, cli, io, said }: Run,
): Promise<number> {
  let items = [...dropped];
  if (items.length === 0) {
    // The package unzipped inside a workshop's folder (« Extraire tout » makes a folder of its
    // own there) and double-clicked: the workshop is the one whose configuration is at or above
    // it. Otherwise (Documents, a USB key) which folder is meant is asked.
    const around = workshopOf(home);
    if (around.configured) items = [around.dir];
    else {
      items = await ask(terminal, fr.cli.launch.askFolder);
      if (items.length === 0) return cannotStart(terminal, fr.cli.launch.noFolder);
    }
  }
  const [first = home, ...others] = items;
  const name = basename(resolve(first));
  const found = workshopOf(first);
  // A file in no workshop (a group's file on the Desktop, the package's .zip): which folder
  // would be a guess, and compiling the one it is in may read a whole Documents folder.
  if (found.part === "file" && !found.configured) {
    return cannotStart(terminal, fr.cli.launch.fileAlone(name));
  }
  // A folder that is no workshop and lies in none (Documents) may hold one.
  const inside = found.configured || found.part ? [] : nestedWorkshops(found.dir);
  if (inside.length > 1) return cannotStart(terminal, fr.cli.launch.severalInside(name, inside));
  const { dir, part } = inside[0] ? { dir: inside[0], part: "inside" as const } : found;
  said.lang = cli.language(dir);
  const t = TEXTS[said.lang].cli.launch;
  if (part === "inside") io.out(`${t.inside(name, dir)}\n`);
  else if (part) io.out(`${t.partGiven(name, dir, part === "file")}\n`);
  // Paths in the summary are said from the workshop's folder (`sortie/`, `J1/groupe 2.xlsx`).
  terminal.enter(dir);
  let out: string | undefined;
  const code = await cli.run(["compile", "--", dir], {
    ...io,
    onWritten: (folder) => {
      out = folder;
    },
  });
  // Files dropped with their folder, or beside the first file, are compiled with it.
  const left = others.filter((p) => !within(resolve(dir), resolve(p)));
  if (left.length > 0) io.out(`${t.notCompiled(left)}\n`);
  if (out === undefined) {
    await closing(terminal, said.lang);
    return code;
  }
  const report = join(out, "rapport-bilan.html");
  const opened = existsSync(report) ? [report, out] : [out];
  io.out(`\n${opened.length > 1 ? `${t.report(report)}\n` : ""}${t.results(out)}\n`);
  if (terminal.interactive) {
    io.out(t.pressToOpen);
    // Ctrl+C, which raw mode hands over as a key: to leave, not to open.
    const key = await terminal.waitKey();
    io.out("\n");
    if (key === CTRL_C) return code;
    for (const path of opened) {
      await terminal.open(path).catch(() => io.err(`${t.openYourself(path)}\n`));
    }
  }
  return code;
}

async function validate(
  dropped: readonly string[],
  { terminal, cli, io, said }: Run,
): Promise<number> {
  let paths = [...dropped];
  if (paths.length === 0) {
    paths = await ask(terminal, fr.cli.launch.askFiles);
    if (paths.length === 0) return cannotStart(terminal, fr.cli.launch.noFiles);
  }
  const given = paths.map((p) => resolve(p));
  const { dir } = workshopOf(given[0] ?? ".");
  said.lang = cli.language(dir);
  terminal.enter(dir);
  const code = await cli.run(["validate", "--", ...given], io);
  await closing(terminal, said.lang);
  return code;
}

/** Asks for paths to be dragged into the window, and reads them from the line pasted. */
async function ask(terminal: Terminal, question: string): Promise<string[]> {
  terminal.io.out(question);
  const answer = await terminal.readLine();
  // A terminal echoes the answer and its Enter; piped in, nothing ends the question's line.
  if (!terminal.interactive) terminal.io.out("\n");
  return pastedPaths(answer ?? "");
}

async function cannotStart(terminal: Terminal, message: string): Promise<number> {
  terminal.io.err(`${fr.errors.stop(message)}\n`);
  await closing(terminal, "fr");
  return CANNOT_RUN;
}

/** The window closes with the launcher: it waits until what it says has been read. */
async function closing(terminal: Terminal, lang: Lang): Promise<void> {
  if (!terminal.interactive) return;
  terminal.io.out(TEXTS[lang].cli.launch.pressToClose);
  await terminal.waitKey();
  terminal.io.out("\n");
}

/**
 * The paths in a line pasted into a console: a path dragged there is pasted as it is, between
 * double quotes when it holds spaces, several separated by spaces. A line typed by hand without
 * quotes that names an existing file or folder whole is one path, spaces and all.
 */
export function pastedPaths(line: string): string[] {
  const text = line.trim();
  if (text === "") return [];
  if (!text.includes('"') && existsSync(text)) return [text];
  return words(text);
}

/**
 * The paths Explorer dropped, read from cmd.exe's own command line when the launcher passes it
 * on (`ATELIER_CMDLINE`): Explorer quotes a path only when it has a space, and cmd cuts `%*` at
 * an unquoted `&` (`C:\R&D` arrives as `C:\R`). The line reads `C:\WINDOWS\system32\cmd.exe
 * /c ""C:\…\Compiler l'atelier.cmd" C:\R&D"`: after `/c`, quotes around the whole, the
 * launcher, then what was dropped. When the line is not such (typed in a console, it is the
 * console's own), the arguments as received.
 */
export function droppedPaths(commandLine: string | undefined, received: readonly string[]) {
  const at = commandLine?.search(/\s\/c\s/i) ?? -1;
  if (commandLine === undefined || at < 0) return [...received];
  let rest = commandLine.slice(at + 3).trim();
  if (rest.length > 1 && rest.startsWith('"') && rest.endsWith('"')) rest = rest.slice(1, -1);
  const [launcher, ...paths] = words(rest);
  return launcher !== undefined && /\.(cmd|bat)$/i.test(launcher) ? paths : [...received];
}

/** Words as cmd.exe splits them: at spaces, except between double quotes, which it drops. */
function words(text: string): string[] {
  const paths: string[] = [];
  let current: string | undefined;
  let quoted = false;
  for (const c of text) {
    if (c === '"') {
      quoted = !quoted;
      current ??= "";
    } else if (!quoted && (c === " " || c === "\t")) {
      if (current !== undefined) paths.push(current);
      current = undefined;
    } else current = (current ?? "") + c;
  }
  if (current !== undefined) paths.push(current);
  return paths.map((p) => p.trim()).filter((p) => p !== "");
}

/**
 * The workshop folder a dropped path belongs to: the nearest folder at or above it that holds a
 * configuration (a group's file, or the session folder `J1\`, belongs to the workshop above
 * it), else the folder itself, or a file's own folder. `part` when that is not the path given.
 * A path that cannot be found is left to the command to say so.
 */
function workshopOf(path: string): { dir: string; part?: "file" | "folder"; configured: boolean } {
  const given = resolve(path);
  let folder: boolean;
  try {
    folder = statSync(given).isDirectory();
  } catch {
    return { dir: given, configured: false };
  }
  const own = folder ? given : dirname(given);
  for (let dir = own; ; dir = dirname(dir)) {
    if (existsSync(join(dir, CONFIG_FILE))) {
      return dir === given
        ? { dir, configured: true }
        : { dir, part: folder ? "folder" : "file", configured: true };
    }
    if (dirname(dir) === dir) {
      return folder
        ? { dir: own, configured: false }
        : { dir: own, part: "file", configured: false };
    }
  }
}

/**
 * The workshops inside a folder that is none and lies in none (Documents, a USB key): its
 * subfolders, two levels down at most, that have a configuration.
 */
function nestedWorkshops(dir: string): string[] {
  const found: string[] = [];
  const look = (folder: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith(".") || e.name === PROGRAM_FOLDER) continue;
      const sub = join(folder, e.name);
      // A link to a folder (a Windows junction is one) may be the workshop; it is not walked
      // into, so that a link to a parent cannot loop.
      const linked = e.isSymbolicLink() && isFolder(sub);
      if (!e.isDirectory() && !linked) continue;
      if (existsSync(join(sub, CONFIG_FILE))) found.push(sub);
      else if (depth < 2 && !linked) look(sub, depth + 1);
    }
  };
  look(dir, 1);
  return found;
}

/** Whether a path leads to a folder (through a link too); `false` when it leads nowhere. */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `abs` is `dir` or lies in it. */
function within(dir: string, abs: string): boolean {
  const rel = relative(dir, abs);
  return rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** The launcher's console: the process's own stdin, and the system's way to open a file. */
export function systemConsole(io: Io, interactive: boolean): Terminal {
  return {
    io,
    interactive,
    readLine: () => readLine(process.stdin),
    waitKey: () => waitKey(process.stdin),
    open: systemOpener(),
    enter: (dir) => {
      try {
        process.chdir(dir);
      } catch {
        // A folder that cannot be entered: the command says why it cannot read it.
      }
    },
  };
}

/** The first line of an input; `undefined` when it ends before one. */
export function readLine(input: NodeJS.ReadableStream): Promise<string | undefined> {
  return new Promise((done) => {
    // Not as a terminal: the console itself echoes and edits the line (cooked mode).
    const lines = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
    lines.once("line", (line) => {
      done(line);
      lines.close();
    });
    lines.once("close", () => done(undefined));
  });
}

/**
 * Any one key: raw mode, so that it comes without Enter; the input let go afterwards. Keys typed
 * while the command ran (an Enter too many after a pasted path) wait in the console's buffer and
 * come at once: what comes in the first `settle` milliseconds is no answer to this question.
 */
export function waitKey(input: NodeJS.ReadStream, settle = 300): Promise<string> {
  return new Promise((done) => {
    const raw = Boolean(input.isTTY);
    const asked = Date.now();
    const finish = (pressed: string) => {
      input.off("data", key);
      input.off("end", ended);
      if (raw) input.setRawMode(false);
      input.pause();
      done(pressed);
    };
    const key = (data: Buffer | string) => {
      if (Date.now() - asked >= settle) finish(String(data));
    };
    const ended = () => finish("");
    if (raw) input.setRawMode(true);
    input.on("data", key);
    // An input that ends (closed, not a terminal) waits for nothing.
    input.once("end", ended);
    input.resume();
  });
}

/**
 * Opens files and folders with the system's own program: Explorer on Windows (never through
 * `cmd /c start`, whose quoting breaks on `&` and `%`), `open` on macOS, `xdg-open` elsewhere.
 */
export function systemOpener(platform: NodeJS.Platform = process.platform) {
  const command =
    platform === "win32" ? "explorer.exe" : platform === "darwin" ? "open" : "xdg-open";
  return opener(command);
}

/**
 * Starts `command path` on its own, not waited for: the window may close meanwhile. Rejects
 * when the program cannot be started.
 */
export function opener(command: string): (path: string) => Promise<void> {
  return (path) =>
    new Promise((done, fail) => {
      try {
        const child = spawn(command, [path], { detached: true, stdio: "ignore" });
        child.unref();
        child.once("error", fail);
        child.once("spawn", () => done());
      } catch (e) {
        fail(e);
      }
    });
}
