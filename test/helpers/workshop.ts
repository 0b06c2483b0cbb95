import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { main } from "../../src/cli.js";

/** A throwaway workshop folder made of the given files (paths with `/`). */
export function workshop(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "atelier-"));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, ...name.split("/"));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** Runs the CLI in-process and captures what it prints. */
export async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    color: false,
  });
  return { code, out, err };
}

export const BILAN_HEADER =
  "Axe;Code activité;Activité;Statut;Taux de réalisation (%);Budget prévu (FCFA);Budget exécuté (FCFA)\r\n";
