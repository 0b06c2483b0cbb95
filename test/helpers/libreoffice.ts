import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { parse } from "csv-parse/sync";

/**
 * LibreOffice, headless, as the tests use it: convert a workbook (to PDF, to CSV) and read every
 * sheet back as LibreOffice computes it, every formula recalculated on load.
 */

let profile: string | undefined;

/** A LibreOffice user profile that recalculates every formula on load (0 = always). */
function profileDir(): string {
  if (profile) return profile;
  profile = mkdtempSync(join(tmpdir(), "atelier-lo-profile-"));
  mkdirSync(join(profile, "user"), { recursive: true });
  writeFileSync(
    join(profile, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return profile;
}

/** Converts a file with LibreOffice into `outdir` (`pdf`, or a filter spec). */
export function soffice(file: string, outdir: string, format: string) {
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${profileDir()}`,
      "--headless",
      "--convert-to",
      format,
      "--outdir",
      outdir,
      file,
    ],
    { stdio: "ignore", timeout: 90_000 },
  );
}

/** Every sheet of a workbook as LibreOffice computes it, raw values, by sheet name. */
export function libreOfficeSheets(file: string): Map<string, string[][]> {
  const out = mkdtempSync(join(tmpdir(), "atelier-lo-"));
  soffice(
    file,
    out,
    "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1",
  );
  const prefix = `${basename(file, extname(file))}-`;
  const sheets = new Map<string, string[][]>();
  for (const f of readdirSync(out)) {
    if (!f.startsWith(prefix) || !f.endsWith(".csv")) continue;
    const rows = parse(readFileSync(join(out, f), "utf8"), {
      delimiter: ";",
      relax_column_count: true,
      bom: true,
    }) as string[][];
    sheets.set(f.slice(prefix.length, -".csv".length), rows);
  }
  return sheets;
}
