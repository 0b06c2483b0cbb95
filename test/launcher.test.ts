import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { folderLanguage, main } from "../src/cli.js";
import {
  type CommandLine,
  droppedPaths,
  LAUNCHER_FILES,
  type LaunchAction,
  launch as launchWith,
  opener,
  pastedPaths,
  readLine,
  runningPackageFiles,
  type Terminal,
  waitKey,
} from "../src/launcher.js";
import { BILAN_HEADER, run } from "./helpers/workshop.js";

/**
 * The double-click launchers of the offline package: what they compile or check, what they say
 * around the command's own summary, when they wait for a key and what they open. Every folder
 * has spaces, accents and an apostrophe in its name, as a rapporteur's Documents folder has.
 */

const NAME = "Atelier d'été – Bamako";
const FIXTURE = resolve("fixtures/atelier");

const ASK_FOLDER = "Faites glisser ici le dossier de l'atelier, puis appuyez sur Entrée : ";
const ASK_FILES = "Faites glisser ici un ou plusieurs fichiers, puis appuyez sur Entrée : ";
const TO_OPEN =
  "Appuyez sur une touche pour ouvrir le rapport et le dossier des résultats (cette fenêtre se fermera)…";
const TO_CLOSE = "Appuyez sur une touche pour fermer cette fenêtre…";

let epoch: string | undefined;
beforeAll(() => {
  epoch = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = "1689811200";
});
afterAll(() => {
  if (epoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = epoch;
});

/** A new folder of its own, under a parent whose name has spaces, accents and an apostrophe. */
function place(): string {
  const parent = join(mkdtempSync(join(tmpdir(), "lanceur-")), "Documents d'Aïssata");
  mkdirSync(parent, { recursive: true });
  return parent;
}

/** A copy of the sample workshop, without the outputs a local run may have left in it. */
function workshopCopy(parent = place()): string {
  const dir = join(parent, NAME);
  const outputs = join(FIXTURE, "sortie");
  cpSync(FIXTURE, dir, {
    recursive: true,
    filter: (src) => src !== outputs && !src.startsWith(`${outputs}${sep}`),
  });
  return dir;
}

/** The package's folder: the program's own, with a fake node.exe, CLI and a CSV of its own. */
function packageIn(dir: string): string {
  const program = join(dir, "programme");
  mkdirSync(program, { recursive: true });
  writeFileSync(join(program, "node.exe"), "MZ");
  writeFileSync(join(program, "atelier.mjs"), "// atelier\n");
  writeFileSync(join(program, "exemple.csv"), "a;b\r\n1;2\r\n");
  for (const name of LAUNCHER_FILES) writeFileSync(join(dir, name), "@echo off\r\n");
  return dir;
}

const CLI: CommandLine = { run: main, language: folderLanguage };

/** A launcher run through the command line itself, as `atelier launch` runs it. */
function launch(action: LaunchAction, here: string, dropped: string[], terminal: Terminal) {
  return launchWith(action, here, dropped, terminal, CLI);
}

/** A console without a terminal: answers to read, keys counted, paths opened recorded. */
function fakeConsole(interactive: boolean, answers: (string | undefined)[] = [], key = "x") {
  const seen = {
    out: "",
    err: "",
    keys: 0,
    opened: [] as string[],
    asked: 0,
    entered: [] as string[],
  };
  const terminal: Terminal = {
    io: {
      out: (s) => {
        seen.out += s;
      },
      err: (s) => {
        seen.err += s;
      },
      color: false,
    },
    interactive,
    readLine: async () => answers[seen.asked++],
    waitKey: async () => {
      seen.keys++;
      return key;
    },
    open: async (path) => {
      seen.opened.push(path);
    },
    // Recorded, not entered: the tests run side by side in one process.
    enter: (dir) => {
      seen.entered.push(dir);
    },
  };
  return { terminal, seen };
}

/** What `atelier compile` prints for a twin of `dir`, its paths made those of `dir`. */
async function compiledAs(dir: string) {
  const twin = workshopCopy();
  const r = await run("compile", twin);
  const shown = (d: string) => relative(process.cwd(), d).split(sep).join("/");
  const as = (s: string) => s.split(shown(twin)).join(shown(dir)).split(twin).join(dir);
  return { code: r.code, out: as(r.out), err: as(r.err) };
}

describe("launch compile", () => {
  it("compiles a dropped folder, says where its outputs are, and opens both on a key", async () => {
    const dir = workshopCopy();
    const expected = await compiledAs(dir);
    const { terminal, seen } = fakeConsole(true);
    const code = await launch("compile", packageIn(place()), [dir], terminal);
    const out = join(dir, "sortie");
    const report = join(out, "rapport-bilan.html");
    expect([code, expected.code]).toEqual([0, 0]);
    expect(existsSync(report)).toBe(true);
    expect(seen.out).toBe(
      `${expected.out}\nRapport : ${report}\nDossier des résultats : ${out}\n${TO_OPEN}\n`,
    );
    expect(seen.err).toBe(expected.err);
    expect(seen.keys).toBe(1);
    expect(seen.opened).toEqual([report, out]);
  });

  it("Ctrl+C at the question opens nothing", async () => {
    const dir = workshopCopy();
    const { terminal, seen } = fakeConsole(true, [], "\u0003");
    expect(await launch("compile", packageIn(place()), [dir], terminal)).toBe(0);
    expect(seen.out.endsWith(`${TO_OPEN}\n`)).toBe(true);
    expect([seen.keys, seen.opened]).toEqual([1, []]);
  });

  it("without a person at the keyboard, waits for nothing and opens nothing", async () => {
    const dir = workshopCopy();
    const { terminal, seen } = fakeConsole(false);
    expect(await launch("compile", packageIn(place()), [dir], terminal)).toBe(0);
    const out = join(dir, "sortie");
    expect(seen.out).toMatch(/\nPremière compilation dans ce dossier de sortie\.\n/);
    const tail = `\nRapport : ${join(out, "rapport-bilan.html")}\nDossier des résultats : ${out}\n`;
    expect(seen.out.slice(-tail.length)).toBe(tail);
    expect([seen.err, seen.keys, seen.opened]).toEqual(["", 0, []]);
  });

  it("a dropped file: the workshop that holds it is compiled, and that is said", async () => {
    const dir = workshopCopy();
    const file = join(dir, "J1", "groupe-1-prevention.xlsx");
    const { terminal, seen } = fakeConsole(false);
    expect(await launch("compile", packageIn(place()), [file], terminal)).toBe(0);
    const [said, next] = seen.out.split("\n");
    expect(said).toBe(
      `« groupe-1-prevention.xlsx » est un fichier de l'atelier ${dir} : c'est tout l'atelier qui est compilé.`,
    );
    expect(next).toMatch(/^Fichier +Fiches +Lues/);
    expect(existsSync(join(dir, "sortie", "rapport-bilan.html"))).toBe(true);
    expect(existsSync(join(dir, "J1", "sortie"))).toBe(false);
    // The summary's paths are said from the workshop's folder.
    expect(seen.entered).toEqual([dir]);
  });

  it("a dropped session folder: the workshop above it is compiled, not the session alone", async () => {
    const dir = workshopCopy();
    const { terminal, seen } = fakeConsole(false);
    expect(await launch("compile", packageIn(place()), [join(dir, "J1")], terminal)).toBe(0);
    expect(seen.out.split("\n")[0]).toBe(
      `« J1 » est un dossier de l'atelier ${dir} : c'est tout l'atelier qui est compilé.`,
    );
    expect(existsSync(join(dir, "sortie", "rapport-bilan.html"))).toBe(true);
    expect(existsSync(join(dir, "J1", "sortie"))).toBe(false);
    expect(seen.entered).toEqual([dir]);
  });

  it("a dropped folder that is no workshop but holds one (Documents): that one is compiled", async () => {
    const documents = place();
    const dir = workshopCopy(documents);
    writeFileSync(join(documents, "budget famille.csv"), "Poste;Montant\r\nLoyer;100\r\n");
    const { terminal, seen } = fakeConsole(false);
    expect(await launch("compile", packageIn(place()), [documents], terminal)).toBe(0);
    expect(seen.out.split("\n")[0]).toBe(
      `« Documents d'Aïssata » contient l'atelier ${dir} : c'est lui qui est compilé.`,
    );
    expect(existsSync(join(dir, "sortie", "rapport-bilan.html"))).toBe(true);
    expect(existsSync(join(documents, "sortie"))).toBe(false);
  });

  it("a dropped folder that holds a workshop through a link (a junction): that one is compiled", async () => {
    const documents = place();
    const dir = workshopCopy(place());
    symlinkSync(dir, join(documents, "Atelier (raccourci)"), "junction");
    // A link back to a parent is not walked into.
    symlinkSync(documents, join(documents, "boucle"), "junction");
    const { terminal, seen } = fakeConsole(false);
    expect(await launch("compile", packageIn(place()), [documents], terminal)).toBe(0);
    expect(seen.out.split("\n")[0]).toBe(
      `« Documents d'Aïssata » contient l'atelier ${join(documents, "Atelier (raccourci)")} : c'est lui qui est compilé.`,
    );
    expect(existsSync(join(dir, "sortie", "rapport-bilan.html"))).toBe(true);
  });

  it("a dropped folder that holds several workshops: names them, compiles none", async () => {
    const documents = place();
    const first = workshopCopy(documents);
    const second = join(documents, "Archives", "Atelier 2019");
    cpSync(first, second, { recursive: true });
    const { terminal, seen } = fakeConsole(true);
    expect(await launch("compile", packageIn(place()), [documents], terminal)).toBe(2);
    expect(seen.err).toBe(
      `atelier : « Documents d'Aïssata » n'est pas un dossier d'atelier mais en contient plusieurs : rien n'a été compilé. Fermez cette fenêtre, puis faites glisser sur « Compiler l'atelier » celui à compiler :\n    ${second}\n    ${first}\n`,
    );
    expect(seen.out).toBe(`${TO_CLOSE}\n`);
    expect([existsSync(join(first, "sortie")), existsSync(join(second, "sortie"))]).toEqual([
      false,
      false,
    ]);
  });

  it("no path, a workshop saved inside the package's folder: asks which folder", async () => {
    const here = packageIn(place());
    const dir = workshopCopy(here);
    const { terminal, seen } = fakeConsole(false, [`"${dir}"`]);
    expect(await launch("compile", here, [], terminal)).toBe(0);
    expect(seen.asked).toBe(1);
    expect(seen.out.startsWith(`${ASK_FOLDER}\n`)).toBe(true);
    expect(existsSync(join(dir, "sortie", "rapport-bilan.html"))).toBe(true);
    expect(existsSync(join(here, "sortie"))).toBe(false);
  });

  it("a dropped file in no workshop: which folder would be a guess, none is compiled", async () => {
    const dir = join(place(), "Fiches d'été");
    mkdirSync(dir);
    const file = join(dir, "groupe 1 – été.csv");
    writeFileSync(file, `${BILAN_HEADER}1;1.1.1;Sensibiliser;Réalisé;100;;\r\n`);
    const { terminal, seen } = fakeConsole(false);
    expect(await launch("compile", packageIn(place()), [file], terminal)).toBe(2);
    expect(seen.err).toBe(
      "atelier : « groupe 1 – été.csv » n'est dans aucun dossier d'atelier (aucun atelier.config.json au-dessus) : rien n'a été compilé. Fermez cette fenêtre, puis faites glisser sur « Compiler l'atelier » le dossier de l'atelier, celui qui contient les dossiers des sessions ou les fichiers des groupes.\n",
    );
    expect(existsSync(join(dir, "sortie"))).toBe(false);
  });

  it("no path, the package extracted in its own folder inside a workshop: the workshop is compiled", async () => {
    const dir = workshopCopy();
    const here = packageIn(join(dir, "atelier-0.1.0-windows-x64"));
    const { terminal, seen } = fakeConsole(false);
    expect(await launch("compile", here, [], terminal)).toBe(0);
    expect(seen.asked).toBe(0);
    expect(existsSync(join(dir, "sortie", "rapport-bilan.html"))).toBe(true);
    const journal = readFileSync(join(dir, "sortie", "journal.json"), "utf8");
    expect(journal).not.toContain("atelier-0.1.0-windows-x64");
    expect(seen.out).not.toContain("atelier-0.1.0-windows-x64");
  });

  it("two dropped folders: only the first is compiled, and the other is named", async () => {
    const dir = workshopCopy();
    const other = workshopCopy();
    const { terminal, seen } = fakeConsole(false);
    const dropped = [dir, other, join(dir, "J1")];
    expect(await launch("compile", packageIn(place()), dropped, terminal)).toBe(0);
    expect(existsSync(join(dir, "sortie", "rapport-bilan.html"))).toBe(true);
    expect(existsSync(join(other, "sortie"))).toBe(false);
    // J1 lies in the folder compiled: compiled with it, not named.
    expect(seen.out).toContain(
      `\nUn seul dossier à la fois : celui-ci n'a pas été compilé (déposez-le ensuite, seul) :\n    ${other}\n\nRapport : `,
    );
  });

  it("no path, the package unzipped in a workshop: that folder is compiled, not the program", async () => {
    const here = packageIn(workshopCopy());
    const expected = await compiledAs(here);
    const { terminal, seen } = fakeConsole(false);
    expect(await launch("compile", here, [], terminal)).toBe(0);
    const out = join(here, "sortie");
    expect(seen.out).toBe(
      `${expected.out}\nRapport : ${join(out, "rapport-bilan.html")}\nDossier des résultats : ${out}\n`,
    );
    const journal = readFileSync(join(out, "journal.json"), "utf8");
    for (const said of [seen.out, journal]) {
      for (const name of ["programme/", "node.exe", "atelier.mjs", "exemple.csv"]) {
        expect(said).not.toContain(name);
      }
    }
    expect(JSON.parse(journal).skipped).toEqual([
      { path: "atelier.config.json", reason: "workshop-file" },
      { path: "plan-2018-2022.csv", reason: "workshop-file" },
      { path: "README.md", reason: "not-spreadsheet" },
    ]);
    // Compiled from a command line, the program's folder is a folder like any other.
    const typed = await run("compile", here, "--out", join(place(), "sortie"));
    expect(typed.out).toContain("    programme/atelier.mjs (pas un tableur)\n");
  });

  it("no path, spreadsheets beside it but no configuration: asks, and compiles nothing else", async () => {
    const here = packageIn(place());
    writeFileSync(
      join(here, "budget 2024.csv"),
      `${BILAN_HEADER}1;1.1.1;Sensibiliser;Réalisé;100;;\r\n`,
    );
    const { terminal, seen } = fakeConsole(false, [""]);
    expect(await launch("compile", here, [], terminal)).toBe(2);
    expect(seen.out).toBe(`${ASK_FOLDER}\n`);
    expect(existsSync(join(here, "sortie"))).toBe(false);
  });

  it("no path and no spreadsheet beside it: asks, and compiles the folder pasted", async () => {
    const dir = workshopCopy();
    const { terminal, seen } = fakeConsole(false, [`  "${dir}"  `]);
    expect(await launch("compile", packageIn(place()), [], terminal)).toBe(0);
    expect(seen.out.startsWith(`${ASK_FOLDER}\nFichier `)).toBe(true);
    expect(seen.asked).toBe(1);
    expect(existsSync(join(dir, "sortie", "rapport-bilan.html"))).toBe(true);
  });

  it("an empty answer: said, and the window waits for a key", async () => {
    const { terminal, seen } = fakeConsole(true, ["   "]);
    expect(await launch("compile", packageIn(place()), [], terminal)).toBe(2);
    expect(seen.out).toBe(`${ASK_FOLDER}${TO_CLOSE}\n`);
    expect(seen.err).toBe(
      "atelier : Aucun dossier indiqué : rien n'a été compilé. Fermez cette fenêtre, puis faites glisser le dossier de l'atelier sur « Compiler l'atelier » (ou double-cliquez de nouveau dessus, faites glisser le dossier dans la fenêtre noire, puis appuyez sur Entrée).\n",
    );
    expect([seen.keys, seen.opened]).toEqual([1, []]);
  });

  it("the end of the input before an answer: said, exit 2", async () => {
    const { terminal, seen } = fakeConsole(false, [undefined]);
    expect(await launch("compile", packageIn(place()), [], terminal)).toBe(2);
    expect(seen.out).toBe(`${ASK_FOLDER}\n`);
    expect(seen.err).toMatch(/^atelier : Aucun dossier indiqué : rien n'a été compilé\./);
    expect(seen.keys).toBe(0);
  });

  it("a folder with no spreadsheet: compile's own message, then a key before closing", async () => {
    const dir = join(place(), "Notes d'été");
    mkdirSync(dir);
    writeFileSync(join(dir, "lisez-moi.txt"), "rien\n");
    const typed = await run("compile", dir);
    expect(typed.code).toBe(2);
    const { terminal, seen } = fakeConsole(true);
    expect(await launch("compile", packageIn(place()), [dir], terminal)).toBe(2);
    expect(seen.err).toBe(typed.err);
    expect(seen.err).toBe(
      `atelier : Aucun classeur (.xlsx, .xls, .ods) ni fichier .csv à lire dans ${dir} (1 autre fichier ignoré). Placez-y les fichiers des groupes.\n`,
    );
    expect(seen.out).toBe(`${TO_CLOSE}\n`);
    expect([seen.keys, seen.opened]).toEqual([1, []]);
  });

  it("a report or folder that cannot be opened: the person is told where it is", async () => {
    const dir = workshopCopy();
    const { terminal, seen } = fakeConsole(true);
    terminal.open = opener("atelier-aucun-programme-de-ce-nom");
    expect(await launch("compile", packageIn(place()), [dir], terminal)).toBe(0);
    const out = join(dir, "sortie");
    expect(seen.err).toBe(
      `Ouvrez-le vous-même : ${join(out, "rapport-bilan.html")}\nOuvrez-le vous-même : ${out}\n`,
    );
  });
});

describe("launch validate", () => {
  it("checks the files pasted, quoted, as atelier validate does, then waits", async () => {
    const dir = workshopCopy();
    const a = join(dir, "J1", "groupe-1-prevention.xlsx");
    const b = join(dir, "J1", "groupe-2-protection.csv");
    const typed = await run("validate", a, b);
    expect(typed.code).toBe(1);
    const { terminal, seen } = fakeConsole(true, [`"${a}" "${b}"`]);
    expect(await launch("validate", packageIn(place()), [], terminal)).toBe(1);
    expect(seen.out).toBe(`${ASK_FILES}${typed.out}${TO_CLOSE}\n`);
    expect(seen.out).toContain("groupe-1-prevention.xlsx");
    expect(seen.out).toContain("groupe-2-protection.csv");
    expect(seen.keys).toBe(1);
  });

  it("checks the files dropped; without a person at the keyboard, does not wait", async () => {
    const dir = workshopCopy();
    const a = join(dir, "J2", "groupe-2-protection.xlsx");
    const typed = await run("validate", a);
    const { terminal, seen } = fakeConsole(false);
    expect(await launch("validate", packageIn(place()), [a], terminal)).toBe(typed.code);
    expect([seen.out, seen.err, seen.keys]).toEqual([typed.out, typed.err, 0]);
  });

  it("an empty answer: said, exit 2", async () => {
    const { terminal, seen } = fakeConsole(false, [""]);
    expect(await launch("validate", packageIn(place()), [], terminal)).toBe(2);
    expect(seen.out).toBe(`${ASK_FILES}\n`);
    expect(seen.err).toBe(
      "atelier : Aucun fichier indiqué : rien n'a été vérifié. Fermez cette fenêtre, puis faites glisser les fichiers sur « Vérifier un fichier » (ou double-cliquez de nouveau dessus, faites glisser les fichiers dans la fenêtre noire, puis appuyez sur Entrée).\n",
    );
  });
});

describe("the paths Explorer dropped", () => {
  const launcher = "C:\\Users\\aissata\\atelier-0.1.0-windows-x64\\Compiler l'atelier.cmd";

  it("are read whole from cmd.exe's command line, where %* cuts them at an &", () => {
    expect(
      droppedPaths(`C:\\WINDOWS\\system32\\cmd.exe /c ""${launcher}" C:\\R&D"`, ["C:\\R"]),
    ).toEqual(["C:\\R&D"]);
    const line = `C:\\WINDOWS\\system32\\cmd.exe /C ""${launcher}" "D:\\Atelier d'été\\J1\\g 1.xlsx" D:\\S&E\\g^2.csv"`;
    expect(droppedPaths(line, [])).toEqual(["D:\\Atelier d'été\\J1\\g 1.xlsx", "D:\\S&E\\g^2.csv"]);
    // A double-click: nothing dropped.
    expect(droppedPaths(`C:\\WINDOWS\\system32\\cmd.exe /c ""${launcher}" "`, [])).toEqual([]);
  });

  it("are the arguments received when the line is a console's own, or not given", () => {
    expect(droppedPaths('"C:\\WINDOWS\\system32\\cmd.exe" ', ["D:\\x"])).toEqual(["D:\\x"]);
    expect(droppedPaths(undefined, ["D:\\x"])).toEqual(["D:\\x"]);
    expect(droppedPaths("cmd.exe /c node atelier.mjs", ["D:\\x"])).toEqual(["D:\\x"]);
  });
});

describe("the package's own files", () => {
  it("are known when the program runs from a programme folder, and only then", () => {
    const top = place();
    packageIn(top);
    expect(runningPackageFiles(join(top, "programme", "atelier.mjs"))).toEqual([
      top,
      join(top, "programme"),
      join(top, "atelier.cmd"),
      join(top, "Compiler l'atelier.cmd"),
      join(top, "Vérifier un fichier.cmd"),
      join(top, "LISEZMOI.txt"),
    ]);
    expect(runningPackageFiles(resolve("dist/bin.js"))).toEqual([]);
    expect(runningPackageFiles(join(top, "absent.mjs"))).toEqual([]);
  });
});

describe("a line pasted into the console", () => {
  it("quoted paths hold spaces; unquoted ones are separated by spaces", () => {
    expect(pastedPaths(`  "C:\\Users\\rapporteur\\Atelier d'été – Bamako"  `)).toEqual([
      "C:\\Users\\rapporteur\\Atelier d'été – Bamako",
    ]);
    expect(pastedPaths(`"C:\\a b\\x.csv" C:\\y.xlsx  "D:\\z & 100 %\\w.ods"`)).toEqual([
      "C:\\a b\\x.csv",
      "C:\\y.xlsx",
      "D:\\z & 100 %\\w.ods",
    ]);
    expect(pastedPaths("")).toEqual([]);
    expect(pastedPaths(' "" ')).toEqual([]);
  });

  it("an existing path typed without quotes is one path, spaces and all", () => {
    const dir = join(place(), "Atelier de juillet");
    mkdirSync(dir);
    expect(pastedPaths(` ${dir} `)).toEqual([dir]);
  });
});

describe("the console", () => {
  it("reads the first line, or nothing at the end of the input", async () => {
    expect(await readLine(Readable.from(['"C:\\a b"\r\n', "suite\n"]))).toBe('"C:\\a b"');
    expect(await readLine(Readable.from([]))).toBeUndefined();
  });

  it("waits for one key in raw mode, then lets the input go", async () => {
    const modes: boolean[] = [];
    const input = Object.assign(new PassThrough(), {
      isTTY: true,
      setRawMode: (mode: boolean) => {
        modes.push(mode);
        return input;
      },
    });
    let answered = false;
    const waited = waitKey(input as unknown as NodeJS.ReadStream, 40).then((key) => {
      answered = true;
      return key;
    });
    // Typed while the command ran: already in the buffer when the question comes.
    input.write("\r");
    await new Promise((r) => setTimeout(r, 80));
    expect([answered, modes]).toEqual([false, [true]]);
    input.write("x");
    expect(await waited).toBe("x");
    expect(modes).toEqual([true, false]);
    expect(input.isPaused()).toBe(true);
    expect(input.listenerCount("data")).toBe(0);
  });

  it("a program that cannot be started is no crash", async () => {
    await expect(opener("atelier-aucun-programme-de-ce-nom")("x")).rejects.toThrow();
  });
});

describe("the launch command", () => {
  it("is in no help and suggested for no typo", async () => {
    const help = await run("--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("compile");
    expect(help.out).not.toContain("launch");
    const typo = await run("lanch");
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/^atelier : commande inconnue : lanch\./);
    expect(typo.err).not.toContain("launch");
  });

  it("runs from the command line, the package's folder and the dropped folder given", async () => {
    const dir = workshopCopy();
    const r = await run("launch", "compile", packageIn(place()), dir);
    const out = join(dir, "sortie");
    // 10 + compile's own code: the launcher's batch file knows node.exe finished its work.
    expect(r.code).toBe(10);
    const tail = `\nRapport : ${join(out, "rapport-bilan.html")}\nDossier des résultats : ${out}\n`;
    expect(r.out.slice(-tail.length)).toBe(tail);
  });
});
