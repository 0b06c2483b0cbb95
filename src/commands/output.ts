import { createHash } from "node:crypto";
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { AppError } from "../errors.js";
import { both } from "../i18n/index.js";
import { utf8Writer } from "../render/utf8.js";

/**
 * The output folder belongs to the rapporteur too: atelier replaces only its own files there.
 *
 * Which files are atelier's: the manifest `.atelier-sortie.json`, written in the folder by every
 * run, lists every file an atelier command wrote there (compile, report, matrix; the names, with
 * `/` for a subfolder). Every other file or folder (notes, annotated copies, `annexes/`) is the
 * rapporteur's and is carried over untouched; a file with a name atelier writes is atelier's,
 * unless it changed since atelier wrote it (the list keeps each file's size, date and digest):
 * then it is the rapporteur's, kept as `name (modifié).ext`. A folder without the manifest is
 * still recognised as an earlier output by `consolidation.json` and `journal.json` together (then
 * the names atelier writes are its files, and the terminal says it cannot tell a changed one). A
 * folder that has neither and is not empty is not replaced (a folder named with `--out` by
 * mistake): compile, report and matrix refuse it.
 *
 * Writing as one unit: every new file goes to a fresh sibling folder (`sortie.nouveau`), the
 * rapporteur's files are hard-linked into it (copied where the disk cannot link: same bytes,
 * same dates), the previous atelier files into `precedent/` inside it (one generation: the older
 * `precedent/` goes), then it replaces the old folder by two renames, both folders marked while
 * they are swapped. If the process dies at any point, the folder holds either the previous
 * complete set or the new one, with every file of the rapporteur; a set left half-swapped is put
 * back on the next run, and a folder of those names without the mark is the rapporteur's.
 *
 * One command at a time: a lock folder beside the output folder (`.sortie.verrou`, hidden, so
 * never read as a submission) holds the process id of the command writing there. A second
 * command stops at once (exit 2); a lock whose process is gone (killed run), or older than an
 * hour, is taken over, by one run only.
 */

/** The marker of an earlier output without a manifest (with `journal.json`). */
export const MARKER = "consolidation.json";
/** The list of the files atelier wrote in the folder. */
export const MANIFEST = ".atelier-sortie.json";
/** Where the previous set of outputs is kept. */
export const PREVIOUS = "precedent";

/** Every name an atelier command writes in the output folder (folders from before the manifest). */
const KNOWN = [
  "arbitrages-a-faire.xlsx",
  "arbitrages-a-faire.csv",
  "bilan.csv",
  "constats.csv",
  "propositions.csv",
  "rejets.csv",
  "conflits.csv",
  "historique.csv",
  "consolidation.json",
  "consolidation.xlsx",
  "datapackage.json",
  "journal.json",
  "rapport-bilan.md",
  "rapport-bilan.html",
  "rapport-bilan.pdf",
  "rapport-bilan.docx",
  "matrice-actions.xlsx",
  "matrice-actions.csv",
  "matrice-actions.md",
];

function siblings(out: string) {
  return { next: `${out}.nouveau`, old: `${out}.ancien` };
}

/**
 * The mark of a folder in the middle of a swap: written first into the new folder, and into the
 * old one just before it is moved aside. A folder the rapporteur made or copied under one of the
 * two names (a copy of `sortie` in `sortie.ancien`) has no such mark, and is never touched.
 */
const SWAPPING = ".atelier-echange";

/** A sibling atelier made for a swap: marked, or empty (a run killed as it made it). */
function isSwapFolder(dir: string): boolean {
  try {
    const entries = readdirSync(dir);
    return entries.length === 0 || entries.includes(SWAPPING);
  } catch {
    return false;
  }
}

/**
 * Removes a folder atelier no longer needs. Its folders made read-only (the rapporteur's
 * `annexes/`, whose files are already carried into the new set) are made writable first, as
 * their owner may; what still cannot be removed is said.
 */
function removeFolder(dir: string) {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    const writable = (path: string) => {
      try {
        chmodSync(path, statSync(path).mode | 0o700);
        for (const e of readdirSync(path, { withFileTypes: true })) {
          if (e.isDirectory()) writable(join(path, e.name));
        }
      } catch {
        // Left as it is: the removal below says so.
      }
    };
    writable(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A name of the manifest that stays in the folder. */
function safeName(name: unknown): name is string {
  return (
    typeof name === "string" &&
    name !== "" &&
    name !== MANIFEST &&
    !name.startsWith("/") &&
    !name.split("/").some((p) => p === ".." || p === "" || p === ".") &&
    name.split("/")[0] !== PREVIOUS
  );
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * When atelier wrote a file: its size and modification time. A file whose stamp no longer
 * matches was changed since by someone (an analyst's edits in matrice-actions.xlsx, decisions
 * typed into arbitrages-a-faire.xlsx): it is theirs from then on.
 */
interface Stamp {
  size: number;
  mtime: number;
  /** The content's SHA-256: a copy of the folder changes the dates, not the bytes. */
  sha256?: string;
}

interface List {
  files: string[];
  stamps: Record<string, Stamp>;
}

function readList(out: string): List | undefined {
  try {
    const json = JSON.parse(readFileSync(join(out, MANIFEST), "utf8"));
    const files: string[] = Array.isArray(json.files) ? json.files.filter(safeName) : [];
    const stamps: Record<string, Stamp> = {};
    for (const [name, s] of Object.entries(json.stamps ?? {})) {
      const { size, mtime, sha256 } = (s ?? {}) as Partial<Stamp>;
      if (typeof size !== "number" || typeof mtime !== "number") continue;
      stamps[name] = { size, mtime, ...(typeof sha256 === "string" && { sha256 }) };
    }
    return { files, stamps };
  } catch {
    return undefined;
  }
}

function digest(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A file's stamp; its digest from the bytes just written, or read again. */
function stampOf(path: string, sha256 = digest(readFileSync(path))): Stamp {
  const st = statSync(path);
  return { size: st.size, mtime: Math.round(st.mtimeMs), sha256 };
}

/**
 * An output's content: bytes, a text, or a text in pieces (the rows of a large table), which is
 * written as it comes and never held as one string.
 */
export type Content = string | Buffer | Iterable<string>;

/**
 * Writes one output and returns its SHA-256. A text in pieces is encoded and written as it comes
 * (`utf8Writer`): a large table is never one string.
 */
function writeContent(path: string, content: Content, write: Write): string {
  if (typeof content === "string" || Buffer.isBuffer(content)) {
    // Encoding first is measured faster than Node 20's own path for a large string (0.7 s
    // against 1.2 s for 89 MB of JSON).
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    write(() => writeFileSync(path, bytes));
    return digest(bytes);
  }
  const hash = createHash("sha256");
  const fd = write(() => openSync(path, "w"));
  try {
    const writer = utf8Writer((bytes) => {
      hash.update(bytes);
      write(() => writeSync(fd, bytes));
    });
    // The pieces are rendered as they are asked for: a failure there is no failure to write.
    for (const piece of content) writer.add(piece);
    writer.end();
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

/** Runs a file system step; its failure is the output folder's "cannot write". */
type Write = <T>(step: () => T) => T;

/**
 * Whether a file atelier wrote has been changed since: another size, or another date (within two
 * seconds: a FAT USB key keeps two-second times) and other bytes. Without its stamp (a list
 * damaged, or none) it cannot be told: given `now`, what is about to be written under its name
 * (`unknown`: nothing, or bytes not known yet, as a PDF's), an existing file counts as changed
 * unless it is those very bytes; without `now`, it does not.
 */
function edited(path: string, stamp: Stamp | undefined, now?: Buffer | "unknown"): boolean {
  if (!stamp) {
    if (now === undefined || !isFile(path)) return false;
    return now === "unknown" || !now.equals(readFileSync(path));
  }
  try {
    const st = statSync(path);
    if (st.size !== stamp.size) return true;
    if (Math.abs(Math.round(st.mtimeMs) - stamp.mtime) <= 2000) return false;
    return stamp.sha256 === undefined || digest(readFileSync(path)) !== stamp.sha256;
  } catch {
    return false;
  }
}

/** The name an edited file is kept under: `matrice-actions (modifié).xlsx`, then `(modifié 2)`. */
function keptName(name: string, label: string, taken: (name: string) => boolean): string {
  const dot = name.lastIndexOf(".");
  const [stem, ext] =
    dot > name.lastIndexOf("/") ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  for (let n = 1; ; n++) {
    const candidate = `${stem} (${label}${n > 1 ? ` ${n}` : ""})${ext}`;
    if (!taken(candidate)) return candidate;
  }
}

/**
 * A file atelier wrote, changed since, kept under a name of its own; or the rapporteur's own
 * file under a name atelier now writes (`theirs`: a `rapport-bilan.docx` saved there before
 * atelier wrote one).
 */
export interface Kept {
  from: string;
  to: string;
  /** Whether this run wrote a new file under the old name. */
  rewritten: boolean;
  theirs?: true;
  /** Listed without its stamp: whether it was changed cannot be told, and it differs. */
  unsure?: true;
}

/** Whether a folder is an earlier output of atelier (or can become one: absent or empty). */
function isOurs(out: string): boolean {
  if (!existsSync(out)) return true;
  const entries = readdirSync(out);
  if (entries.length === 0 || entries.includes(MANIFEST)) return true;
  return entries.includes(MARKER) && entries.includes("journal.json");
}

/** The files atelier wrote in the folder, as it knows them. */
export function ownFiles(out: string): string[] {
  if (!existsSync(out)) return [];
  const listed = readList(out)?.files;
  if (listed) return listed;
  return isOurs(out) ? KNOWN.filter((n) => existsSync(join(out, n))) : [];
}

function manifest(files: readonly string[], stamps: Record<string, Stamp> = {}): string {
  const sorted = [...new Set(files)].sort();
  const kept = Object.fromEntries(sorted.filter((n) => stamps[n]).map((n) => [n, stamps[n]]));
  return `${JSON.stringify({ atelier: "sortie", files: sorted, stamps: kept }, null, 2)}\n`;
}

/**
 * Finishes or undoes a swap that an earlier run did not complete. The two siblings are removed
 * only when they bear the mark of a swap (or are empty): a `sortie.ancien` the rapporteur made
 * or copied is theirs, and writing stops rather than touch it.
 */
export function recoverOutput(out: string) {
  const { next, old } = siblings(out);
  try {
    if (!existsSync(out) && existsSync(old) && isSwapFolder(old)) renameSync(old, out);
    // The mark of a swap that was undone, or never started.
    rmSync(join(out, SWAPPING), { force: true });
    if (existsSync(old) && isSwapFolder(old)) removeFolder(old);
    if (existsSync(next) && isSwapFolder(next)) removeFolder(next);
  } catch (e) {
    // Named by the folder that could not be moved or removed.
    throw notWritable(existsSync(old) ? old : existsSync(next) ? next : out, e);
  }
}

/** Refuses to replace a folder that holds files that are not a previous output of ours. */
export function checkOutputFolder(out: string) {
  // A folder made read-only (to protect it) is left as it is.
  if (existsSync(out)) {
    try {
      accessSync(out, constants.W_OK);
    } catch (e) {
      throw notWritable(out, e);
    }
  }
  for (const sibling of Object.values(siblings(out))) {
    if (existsSync(sibling)) {
      throw new AppError(
        "OUTPUT_NOT_WRITABLE",
        both((t) => t.errors.siblingNotOurs(sibling)),
      );
    }
  }
  if (!isOurs(out)) {
    throw new AppError(
      "OUTPUT_NOT_WRITABLE",
      both((t) => t.errors.outputHoldsOthers(out, readdirSync(out).slice(0, 3).join(", "))),
    );
  }
  // A folder where atelier writes a file (`bilan.csv/`), or a file where it writes a folder
  // (`retours`): theirs, in the way.
  for (const [name, folder] of [
    ...KNOWN.map((n) => [n, false] as const),
    ["retours", true] as const,
  ]) {
    const path = join(out, name);
    if (existsSync(path) && statSync(path).isDirectory() !== folder) {
      throw new AppError(
        "OUTPUT_NOT_WRITABLE",
        both((t) => t.errors.nameInTheWay(path, folder)),
      );
    }
  }
  // `precedent/` is replaced at each compile: one the rapporteur made (a folder without
  // atelier's list in it, or a file) would be lost. It is theirs: atelier stops.
  const previous = join(out, PREVIOUS);
  if (!existsSync(previous)) return;
  if (!statSync(previous).isDirectory() || !existsSync(join(previous, MANIFEST))) {
    throw new AppError(
      "OUTPUT_NOT_WRITABLE",
      both((t) => t.errors.previousNotOurs(previous)),
    );
  }
  // A file the rapporteur put in atelier's `precedent/`, or changed there, would go with it:
  // atelier stops.
  const list = readList(previous) ?? { files: [], stamps: {} };
  const listed = new Set(list.files);
  const theirs = entriesOf(previous).filter(
    (name) => !listed.has(name) || edited(join(previous, name), list.stamps[name]),
  );
  if (theirs.length > 0) {
    throw new AppError(
      "OUTPUT_NOT_WRITABLE",
      both((t) => t.errors.previousHoldsTheirs(previous, theirs.slice(0, 3).join(", "))),
    );
  }
}

/** Every file of a folder, and every empty folder (`name/`), relative with `/`; the list left out. */
function entriesOf(dir: string, rel = ""): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const name = rel ? `${rel}/${e.name}` : e.name;
    if (name === MANIFEST) return [];
    if (!e.isDirectory()) return [name];
    const inner = entriesOf(dir, name);
    return readdirSync(join(dir, name)).length === 0 ? [`${name}/`] : inner;
  });
}

/** `--out` must name a folder: an existing file (`/dev/null`) or a file on the way is refused. */
export function checkOutputPath(out: string) {
  let at = out;
  for (;;) {
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(at);
    } catch {
      stat = undefined;
    }
    if (stat) {
      if (stat.isDirectory()) return;
      throw new AppError(
        "OUTPUT_NOT_WRITABLE",
        both((t) => t.errors.outputNotFolder(out, at)),
      );
    }
    const up = dirname(at);
    if (up === at) return;
    at = up;
  }
}

/** The error of a write that failed, in words. */
export function notWritable(out: string, e: unknown): AppError {
  const err = e as NodeJS.ErrnoException;
  return new AppError(
    "OUTPUT_NOT_WRITABLE",
    both((t) =>
      t.errors.outputNotWritable(out, t.errors.writeReason(String(err.code)), basename(out)),
    ),
  );
}

const LOCK_OWNER = "proprietaire.json";
/** Past this, a lock is a dead run's even if its process number now names a live process. */
const LOCK_MAX_AGE = 60 * 60 * 1000;

function lockPath(out: string) {
  return join(dirname(out), `.${basename(out)}.verrou`);
}

/** Whether the process that took a lock is gone. */
function lockIsStale(lock: string): boolean {
  try {
    const owner = JSON.parse(readFileSync(join(lock, LOCK_OWNER), "utf8"));
    if (Date.now() - Number(owner.started) > LOCK_MAX_AGE) return true;
    if (owner.host !== hostname()) return false;
    try {
      process.kill(Number(owner.pid), 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === "ESRCH";
    }
  } catch {
    // No owner yet: a run killed between taking the lock and naming itself, or one starting now.
    try {
      return Date.now() - statSync(lock).mtimeMs > 10_000;
    } catch {
      return true;
    }
  }
}

/**
 * Takes the output folder for this process, checking on the way that it can be written (its
 * parent is created); returns the release. A lock left by a dead process is taken over.
 */
export function lockOutput(out: string): () => void {
  checkOutputPath(out);
  const lock = lockPath(out);
  try {
    mkdirSync(dirname(out), { recursive: true });
  } catch (e) {
    throw notWritable(out, e);
  }
  const owner = { pid: process.pid, host: hostname(), started: Date.now() };
  const take = (): boolean => {
    try {
      mkdirSync(lock);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw notWritable(out, e);
      return false;
    }
    try {
      writeFileSync(join(lock, LOCK_OWNER), JSON.stringify(owner));
    } catch (e) {
      rmSync(lock, { recursive: true, force: true });
      throw notWritable(out, e);
    }
    return true;
  };
  if (!take() && !takeOver(lock, take)) {
    throw new AppError(
      "OUTPUT_BUSY",
      both((t) => t.errors.outputBusy(out)),
    );
  }
  return () => {
    try {
      const now = JSON.parse(readFileSync(join(lock, LOCK_OWNER), "utf8"));
      if (now.pid === owner.pid && now.started === owner.started) {
        rmSync(lock, { recursive: true, force: true });
      }
    } catch {
      // Already gone.
    }
  };
}

/**
 * Takes over a lock left by a dead process. Deciding it is stale and replacing it is one step
 * under a second lock (`….reprise`): otherwise two runs that both found it stale could each
 * remove the lock the other had just taken, and write at the same time. A takeover killed
 * halfway leaves that second lock, removed once it is old.
 */
function takeOver(lock: string, take: () => boolean): boolean {
  const guard = `${lock}.reprise`;
  try {
    mkdirSync(guard);
  } catch {
    // A guard left by a takeover killed in its few milliseconds goes once old; taking it at
    // once could race another run that found it old too, so this run stops and the next goes.
    try {
      if (Date.now() - statSync(guard).mtimeMs > 10_000) {
        rmSync(guard, { recursive: true, force: true });
      }
    } catch {
      // Gone meanwhile.
    }
    return false;
  }
  try {
    if (!lockIsStale(lock)) return false;
    rmSync(lock, { recursive: true, force: true });
    return take();
  } finally {
    rmSync(guard, { recursive: true, force: true });
  }
}

/** One file or link of `from` put at `to` without copying its bytes where the disk allows. */
function carry(from: string, to: string) {
  const stat = lstatSync(from);
  if (stat.isSymbolicLink()) {
    symlinkSync(readlinkSync(from), to);
    return;
  }
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
    utimesSync(to, stat.atime, stat.mtime);
  }
}

/** The rapporteur's files and folders of `dir` (relative `rel`), carried into `next`. */
function carryOthers(out: string, rel: string, next: string, own: ReadonlySet<string>) {
  for (const entry of readdirSync(join(out, rel), { withFileTypes: true })) {
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    if (own.has(name) || name === MANIFEST || name === PREVIOUS || name === SWAPPING) continue;
    // A file a killed `report` or `matrix` left half-written.
    const tmp = /^\.(.+)\.\d+\.tmp$/.exec(entry.name)?.[1];
    if (tmp && (tmp === MANIFEST || KNOWN.includes(tmp))) continue;
    if (entry.isDirectory()) {
      // A folder is carried with what is theirs in it (files make their folders); an empty
      // one is theirs too. One that held only atelier's files (`retours/`) is not.
      if (readdirSync(join(out, name)).length === 0)
        mkdirSync(join(next, name), { recursive: true });
      carryOthers(out, name, next, own);
      // Their folder keeps its rights: one made read-only stays so.
      if (existsSync(join(next, name))) chmodSync(join(next, name), statSync(join(out, name)).mode);
    } else {
      mkdirSync(dirname(join(next, name)), { recursive: true });
      carry(join(out, name), join(next, name));
    }
  }
}

export interface OutputSet {
  /** Names of the files written. */
  written: string[];
  /** Files an earlier run wrote that this one did not: now only in `precedent/`. */
  moved: string[];
  /** Files an earlier run wrote and someone changed since: kept under a name of their own. */
  kept: Kept[];
  /** Whether the previous outputs were kept in `precedent/`. */
  previous: boolean;
  /**
   * The previous outputs whose list was missing or unreadable: whether one was changed since
   * cannot be told, so they are only in `precedent/` until the next run, which is said.
   */
  unlisted: string[];
}

/**
 * Writes every file into a new folder as it is produced, with the rapporteur's files and the
 * previous outputs (`precedent/`), then swaps the folder in place of `out`. Taking the files one
 * at a time means that a large workshop never holds all its outputs in memory at once.
 */
export async function writeOutputSet(
  out: string,
  files: AsyncIterable<readonly [string, Content]>,
  editedLabel: string,
): Promise<OutputSet> {
  recoverOutput(out);
  checkOutputFolder(out);
  const { next, old } = siblings(out);
  // Only a failing write is "cannot write"; a failure to render goes on as it is. Either way the
  // half-written folder goes.
  const write: Write = (step) => {
    try {
      return step();
    } catch (e) {
      throw notWritable(out, e);
    }
  };
  const written: string[] = [];
  const before = ownFiles(out).filter((n) => isFile(join(out, n)));
  const list = readList(out);
  const stamps = list?.stamps ?? {};
  const unlisted = list ? [] : before;
  let moved: string[] = [];
  const kept: Kept[] = [];
  try {
    write(() => {
      mkdirSync(dirname(out), { recursive: true });
      mkdirSync(next);
      // Marked at once: a run killed now leaves a folder the next run knows it may remove.
      writeFileSync(join(next, SWAPPING), "");
    });
    const now: Record<string, Stamp> = {};
    for await (const [name, content] of files) {
      const path = join(next, name);
      write(() => mkdirSync(dirname(path), { recursive: true }));
      const sha256 = writeContent(path, content, write);
      now[name] = write(() => stampOf(path, sha256));
      written.push(name);
    }
    write(() => {
      writeFileSync(join(next, MANIFEST), manifest(written, now));
      if (!existsSync(out)) return;
      const own = new Set([...before, ...written.filter((n) => isFile(join(out, n)))]);
      const taken = (n: string) =>
        existsSync(join(out, n)) || written.includes(n) || kept.some((k) => k.to === n);
      for (const name of before) {
        const path = join(out, name);
        // Without any list, the previous set is said as such (`unlisted`), not kept file by file.
        const changed = list
          ? edited(
              path,
              stamps[name],
              written.includes(name) ? readFileSync(join(next, name)) : "unknown",
            )
          : edited(path, stamps[name]);
        if (!changed) continue;
        const unsure = stamps[name] === undefined;
        const to = keptName(name, editedLabel, taken);
        kept.push({
          from: name,
          to,
          rewritten: written.includes(name),
          ...(unsure ? { unsure: true as const } : {}),
        });
      }
      // A file of the rapporteur under a name atelier writes and had not written (a new output
      // of this version): theirs, kept beside the new one. Without a list, it cannot be told.
      if (list) {
        for (const name of written) {
          if (before.includes(name) || !isFile(join(out, name))) continue;
          kept.push({
            from: name,
            to: keptName(name, editedLabel, taken),
            rewritten: true,
            theirs: true,
          });
        }
      }
      carryOthers(out, "", next, own);
      for (const { from, to } of kept) {
        own.delete(from);
        mkdirSync(dirname(join(next, to)), { recursive: true });
        carry(join(out, from), join(next, to));
      }
      for (const name of own) {
        const to = join(next, PREVIOUS, name);
        mkdirSync(dirname(to), { recursive: true });
        carry(join(out, name), to);
      }
      // The list goes with the previous set: it is how the next run knows `precedent/` is ours,
      // that every file in it is, and that none was changed there.
      if (own.size > 0) {
        const moved = Object.fromEntries(
          [...own].map((n) => [n, stamps[n] ?? stampOf(join(next, PREVIOUS, n))]),
        );
        writeFileSync(join(next, PREVIOUS, MANIFEST), manifest([...own], moved));
      }
      moved = [...own].filter((n) => !written.includes(n)).sort();
    });
    write(() => {
      if (existsSync(out)) {
        writeFileSync(join(out, SWAPPING), "");
        renameSync(out, old);
      }
      renameSync(next, out);
    });
  } catch (e) {
    recoverOutput(out);
    throw e;
  }
  try {
    rmSync(join(out, SWAPPING), { force: true });
    removeFolder(old);
  } catch {
    // The new set is in place; the old folder goes at the next run, which says so if it cannot.
  }
  return { written, moved, kept, previous: existsSync(join(out, PREVIOUS)), unlisted };
}

/**
 * Writes some files into a folder that may hold others (`report`, `matrix`), only a folder that
 * is atelier's (as compile would): each goes to a temporary name first and is renamed into
 * place, so a reader never sees half a file; each is added to the list with its stamp. A file
 * atelier wrote there and someone changed since is kept under a name of its own first.
 */
export async function writeFilesAtomically(
  out: string,
  files: ReadonlyMap<string, string | Buffer | ((tmp: string) => Promise<void>)>,
  editedLabel: string,
): Promise<Kept[]> {
  recoverOutput(out);
  if (!isOurs(out)) {
    throw new AppError(
      "OUTPUT_NOT_WRITABLE",
      both((t) => t.errors.outputHoldsOthers(out, readdirSync(out).slice(0, 3).join(", "))),
    );
  }
  const kept: Kept[] = [];
  removeLeftovers(out);
  const fail = (e: unknown) => {
    const err = e as NodeJS.ErrnoException;
    return new AppError(
      "OUTPUT_NOT_WRITABLE",
      both((t) => t.errors.filesNotWritable(out, t.errors.writeReason(String(err.code)))),
    );
  };
  try {
    mkdirSync(out, { recursive: true });
  } catch (e) {
    throw fail(e);
  }
  for (const [name, content] of files) {
    const tmp = join(out, `.${name}.${process.pid}.tmp`);
    // A printer (the PDF) may throw its own error: only the file system's are "cannot write".
    if (typeof content === "function") await content(tmp);
    try {
      const bytes = typeof content === "function" ? undefined : Buffer.from(content);
      if (bytes) writeFileSync(tmp, bytes);
      const list = readList(out) ?? { files: ownFiles(out), stamps: {} };
      const path = join(out, name);
      // Changed since atelier wrote it (or cannot be told), or never written by atelier: the
      // rapporteur's.
      const theirs = !list.files.includes(name) && isFile(path);
      const unsure = !theirs && list.stamps[name] === undefined;
      if (theirs || edited(path, list.stamps[name], bytes ?? "unknown")) {
        const to = keptName(name, editedLabel, (n) => existsSync(join(out, n)));
        renameSync(path, join(out, to));
        kept.push({
          from: name,
          to,
          rewritten: true,
          ...(theirs ? { theirs: true as const } : unsure ? { unsure: true as const } : {}),
        });
      }
      renameSync(tmp, join(out, name));
      const listTmp = join(out, `.${MANIFEST}.${process.pid}.tmp`);
      const stamps = { ...list.stamps, [name]: stampOf(join(out, name), bytes && digest(bytes)) };
      writeFileSync(listTmp, manifest([...list.files, name], stamps));
      renameSync(listTmp, join(out, MANIFEST));
    } catch (e) {
      throw fail(e);
    }
  }
  return kept;
}

/**
 * The temporary files a killed `report` or `matrix` left (and a PDF printer still running after
 * it): this command holds the folder, so no other writes them now.
 */
function removeLeftovers(out: string) {
  let names: string[];
  try {
    names = readdirSync(out);
  } catch {
    return;
  }
  for (const name of names) {
    const left = /^\.(.+)\.(\d+)\.tmp$/.exec(name);
    if (!left || Number(left[2]) === process.pid) continue;
    if (left[1] !== MANIFEST && !KNOWN.includes(left[1] as string)) continue;
    rmSync(join(out, name), { force: true });
  }
}

/** Writes new files only: a template a facilitator already handed out is never overwritten. */
export function writeNew(files: ReadonlyMap<string, string | Buffer>) {
  for (const [path, content] of files) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content, { flag: "wx" });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new AppError(
        "OUTPUT_NOT_WRITABLE",
        both((t) =>
          code === "EEXIST"
            ? t.errors.exists(path)
            : t.errors.notWritable(path, t.errors.writeReason(String(code))),
        ),
      );
    }
  }
}
