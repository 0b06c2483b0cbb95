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

export const CONSTATS_HEADER = "Axe;Type;Constat\r\n";

/** A two-session workshop's configuration with a reference plan, and that plan. */
export const PLANNED_CONFIG = JSON.stringify({ sessions: ["J1", "J2"], reference: "plan.csv" });
export const PLAN =
  "Code activité;Axe;Activité\r\n1.1.1;1;Sensibiliser\r\n1.1.2;1;Former\r\n2.1.1;2;Assister\r\n2.1.2;2;Héberger\r\n";

/** Every file `compile` writes in its output folder, its list of them included, in name order. */
export const COMPILED = [
  ".atelier-sortie.json",
  "bilan.csv",
  "conflits.csv",
  "consolidation.json",
  "consolidation.xlsx",
  "constats.csv",
  "datapackage.json",
  "historique.csv",
  "journal.json",
  "matrice-actions.csv",
  "matrice-actions.xlsx",
  "propositions.csv",
  "rapport-bilan.docx",
  "rapport-bilan.html",
  "rapport-bilan.md",
  "rejets.csv",
];
