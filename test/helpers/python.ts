import { spawnSync } from "node:child_process";

/**
 * A Python that can import `module`: the one on PATH, else Debian's own, which is where
 * `apt-get install python3-openpyxl` puts the package when PATH leads to another Python
 * (pyenv, a virtualenv). `undefined` when none can.
 */
export function pythonWith(module: string): string | undefined {
  return ["python3", "/usr/bin/python3"].find(
    (python) => spawnSync(python, ["-c", `import ${module}`], { stdio: "ignore" }).status === 0,
  );
}
