import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
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

/**
 * Converts a file with LibreOffice into `outdir` (`pdf`, or a filter spec); `infilter` says how
 * to read it (`CSV:59,34,76,1`: a `;` CSV in UTF-8).
 */
export function soffice(
  file: string | readonly string[],
  outdir: string,
  format: string,
  infilter?: string,
) {
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${profileDir()}`,
      "--headless",
      ...(infilter ? [`--infilter=${infilter}`] : []),
      "--convert-to",
      format,
      "--outdir",
      outdir,
      ...(typeof file === "string" ? [file] : file),
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

/**
 * A macro that opens `FILL_IN` in LibreOffice, types each `cell<TAB>text` line of `FILL_CELLS`
 * into its first sheet as a person would, and saves it as xlsx to `FILL_OUT`.
 */
const FILL_MACRO = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Fill
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(Environ(&quot;FILL_IN&quot;)), &quot;_blank&quot;, 0, args())
  sheet = doc.Sheets.getByIndex(0)
  lines = Split(Environ(&quot;FILL_CELLS&quot;), Chr(10))
  For i = LBound(lines) To UBound(lines)
    parts = Split(lines(i), Chr(9))
    sheet.getCellRangeByName(parts(0)).setFormula(parts(1))
  Next i
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;Calc MS Excel 2007 XML&quot;
  doc.storeToURL(ConvertToURL(Environ(&quot;FILL_OUT&quot;)), out())
  doc.close(True)
End Sub
</script:module>
`;

/**
 * Fills cells of a workbook in LibreOffice and saves it as xlsx: the file a rapporteur hands
 * back. The macro goes into the profile once LibreOffice has made it (a first start rewrites
 * the profile's Basic libraries).
 */
export function fillInLibreOffice(file: string, out: string, cells: Record<string, string>) {
  const dir = profileDir();
  const module = join(dir, "user", "basic", "Standard", "Module1.xba");
  if (!existsSync(module)) {
    execFileSync(
      "soffice",
      [`-env:UserInstallation=file://${dir}`, "--headless", "--terminate_after_init"],
      { stdio: "ignore", timeout: 90_000 },
    );
  }
  writeFileSync(module, FILL_MACRO);
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${dir}`, "--headless", "macro:///Standard.Module1.Fill"],
    {
      stdio: "ignore",
      timeout: 90_000,
      env: {
        ...process.env,
        FILL_IN: file,
        FILL_OUT: out,
        FILL_CELLS: Object.entries(cells)
          .map(([cell, text]) => `${cell}\t${text}`)
          .join("\n"),
      },
    },
  );
  if (!existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
}
