import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import { CONFIG_FILE } from "../config.js";
import { AppError } from "../errors.js";
import { both } from "../i18n/index.js";
import { pathNotFound, realOf } from "../validate/index.js";

/**
 * `validate --changed-since <ref>`: which files git says changed since `ref` (committed since
 * the point where the branch left `ref`, staged, modified, or new and not ignored), for a
 * fixture repository too large to validate whole at each commit. Each path is asked of its own
 * repository; the files of a submodule are its own repository's. An `atelier.config.json`
 * changed, added or deleted changes how every file of its workshop reads: its whole folder
 * counts as changed. (A deleted file is listed too: it is never met among the files read.)
 */
export function changedSince(ref: string, paths: readonly string[]): (abs: string) => boolean {
  if (ref.trim() === "")
    throw new AppError(
      "USAGE",
      both((t) => t.errors.emptyRef),
    );
  const tops = new Set<string>();
  for (const path of paths) {
    if (!existsSync(path)) throw pathNotFound(path);
    const abs = resolve(path);
    const cwd = statSync(abs).isDirectory() ? abs : dirname(abs);
    tops.add(realOf(git(["rev-parse", "--show-toplevel"], cwd, ref).trim()));
  }
  const changed = new Set<string>();
  for (const top of tops) {
    // `--merge-base`: what the branch changed, not what `ref` changed since they parted.
    // `--end-of-options`: a ref that starts with `-` is a ref, never an option of git's.
    const diff = ["diff", "--name-only", "-z", "--no-renames", "--merge-base"];
    const listed = [
      ...git([...diff, "--end-of-options", ref, "--"], top, ref).split("\0"),
      ...git(["ls-files", "--others", "--exclude-standard", "-z"], top, ref).split("\0"),
    ];
    for (const p of listed) if (p !== "") changed.add(join(top, p));
  }
  const workshops = [...changed]
    .filter((p) => basename(p) === CONFIG_FILE)
    .map((p) => `${dirname(p)}${sep}`);
  return (abs) => {
    const real = realOf(abs);
    return changed.has(real) || workshops.some((w) => real.startsWith(w));
  };
}

/** git's output, or why it cannot answer, said for `--changed-since`. */
function git(args: readonly string[], cwd: string, ref: string): string {
  try {
    return execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    const error = e as NodeJS.ErrnoException & { stderr?: string };
    if (error.code === "ENOENT") {
      throw new AppError(
        "GIT_FAILED",
        both((t) => t.errors.gitMissing),
      );
    }
    const said = String(error.stderr ?? "").trim();
    if (/no merge base/i.test(said)) {
      // A shallow clone lacks the history; a full one has none in common with `ref`.
      const shallow = git(["rev-parse", "--is-shallow-repository"], cwd, ref).trim() === "true";
      throw new AppError(
        "GIT_FAILED",
        both((t) => (shallow ? t.errors.noMergeBase(ref) : t.errors.noCommonHistory(ref))),
      );
    }
    if (/not a git repository/i.test(said)) {
      throw new AppError(
        "GIT_FAILED",
        both((t) => t.errors.notRepository(cwd)),
      );
    }
    throw new AppError(
      "GIT_FAILED",
      both((t) => t.errors.unknownRef(ref, said.split("\n")[0] ?? "")),
    );
  }
}
