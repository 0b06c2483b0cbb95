import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BILAN_HEADER, run, workshop } from "./helpers/workshop.js";

/**
 * Loud gaps: a file of which nothing could be read is said last in the terminal, first in the
 * report, and fails a strict compile.
 */

describe("a file that could not be read at all", () => {
  const files = () =>
    workshop({
      "J1/groupe-1.csv": `${BILAN_HEADER.replace("\r\n", ";Groupe\r\n")}1;1.1.1;Former;Réalisé;100;;;G1\r\n`,
      "J1/groupe-4.ods": Buffer.from("PK\u0003\u0004 not really a spreadsheet"),
    });

  it("ends the terminal summary with a line for it, and opens the report with it", async () => {
    const dir = files();
    const r = await run("compile", dir);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split("\n").at(-1)).toBe(
      "J1/groupe-4.ods n'a pas pu être lu : aucune de ses lignes n'est dans les résultats — Fichier illisible : archive zip endommagée ou tronquée → Ouvrez le fichier dans Excel ou LibreOffice et enregistrez-le à nouveau (.xlsx ou .ods)",
    );
    const md = readFileSync(join(dir, "sortie", "rapport-bilan.md"), "utf8");
    expect(md).toContain(
      "Fichier non pris en compte : J1/groupe-4.ods n'a pas pu être lu ; aucune de ses lignes n'est dans ce rapport",
    );
    const html = readFileSync(join(dir, "sortie", "rapport-bilan.html"), "utf8");
    expect(html).toContain("Fichier non pris en compte : J1/groupe-4.ods");
    // Before the figures it qualifies.
    for (const [text, figures] of [
      [md, "- **Taux de mise en œuvre**"],
      [html, '<dl class="cards">'],
    ] as const) {
      expect(text.indexOf("Fichier non pris en compte")).toBeLessThan(text.indexOf(figures));
    }
  });

  it("makes a strict compile exit 1, and says it in English under --lang en", async () => {
    const dir = files();
    const r = await run("compile", dir, "--strict", "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.out.trimEnd().split("\n").at(-1)).toBe(
      "J1/groupe-4.ods could not be read: none of its rows is in the results — Unreadable file: damaged or truncated zip archive → Open the file in Excel or LibreOffice and save it again (.xlsx or .ods)",
    );
  });

  it("says nothing of the kind when every file was read", async () => {
    const dir = workshop({
      "J1/groupe-1.csv": `${BILAN_HEADER.replace("\r\n", ";Groupe\r\n")}1;1.1.1;Former;Réalisé;100;;;G1\r\n`,
    });
    const r = await run("compile", dir);
    expect(r.out).not.toContain("n'a pas pu être lu");
    const md = readFileSync(join(dir, "sortie", "rapport-bilan.md"), "utf8");
    expect(md).not.toContain("non pris en compte");
  });
});

describe("what compile passed over", () => {
  it("is listed under « Ignorés », an earlier output folder included, never read back", async () => {
    const dir = workshop({
      "J1/groupe-1.csv": `${BILAN_HEADER.replace("\r\n", ";Groupe\r\n")}1;1.1.1;Former;Réalisé;100;;;G1\r\n`,
      "J1/notes.txt": "à revoir",
    });
    await run("compile", dir);
    const { renameSync } = await import("node:fs");
    renameSync(join(dir, "sortie"), join(dir, "sortie.ancienne"));
    const r = await run("compile", dir);
    const lines = r.out.split("\n");
    const at = lines.indexOf("Ignorés :");
    expect(lines.slice(at, at + 3)).toEqual([
      "Ignorés :",
      "    J1/notes.txt (pas un tableur)",
      "    sortie.ancienne (résultats d'une compilation (atelier), non relus)",
    ]);
    expect(r.out).toContain(
      "\nTotal : 1 ligne lue = 1 acceptée + 0 rejetée, dans 1 fichier de groupe\n",
    );
  });
});

describe("report and matrix --strict", () => {
  it("exit 1 when a file could not be read, as compile does; 0 without --strict", async () => {
    const dir = workshop({
      "J1/groupe-1.csv": `${BILAN_HEADER.replace("\r\n", ";Groupe\r\n")}1;1.1.1;Former;Réalisé;100;;;G1\r\n`,
      "J1/groupe-4.ods": Buffer.from("PK\u0003\u0004 not really a spreadsheet"),
    });
    expect((await run("report", dir, "--strict")).code).toBe(1);
    expect((await run("matrix", dir, "--strict")).code).toBe(1);
    expect((await run("report", dir)).code).toBe(0);
    const clean = workshop({
      "J1/groupe-1.csv": `${BILAN_HEADER.replace("\r\n", ";Groupe\r\n")}1;1.1.1;Former;Réalisé;100;;;G1\r\n`,
    });
    expect((await run("matrix", clean, "--strict")).code).toBe(0);
  });
});
