/**
 * Spreadsheet addresses as people and programs write them: column letters, `Bilan!C12`,
 * `'Synthèse budgétaire'!A1`. Shared by the readers, the messages and the workbook writers.
 */

/** Column letter for a 0-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Column number (1-based) of a column letter: A → 1, AB → 28. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.codePointAt(0) as number) - 64;
  return n;
}

/** A sheet name as a formula or a reference writes it: quoted unless letters, digits and `_`. */
export function sheetName(name: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(name) ? name : quotedSheet(name);
}

/** A sheet name always quoted, a quote doubled: safe in any formula whatever the name. */
export function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** `'Sheet name'!A1`: a cell of another sheet in a formula. */
export function sheetRef(sheet: string, address: string): string {
  return `${quotedSheet(sheet)}!${address}`;
}
