import { currencyNamed } from "../money.js";
import type { Cell } from "./types.js";

/** What a number format says of its number, read the same for every workbook format. */

/** A number's format: a percentage (0.45 is 45 %), a currency it names. */
export function cellFormat(numFmt: string | undefined): Pick<Cell, "percent" | "currency"> {
  const out: Pick<Cell, "percent" | "currency"> = {};
  if (isPercent(numFmt)) out.percent = true;
  const currency = currencyOf(numFmt);
  if (currency !== undefined) out.currency = currency;
  return out;
}

/** A `%` that scales the number: not inside quotes, not escaped with `\` (`0" %"` is literal). */
function isPercent(numFmt: string | undefined): boolean {
  if (!numFmt?.includes("%")) return false;
  return numFmt.replace(/"[^"]*"|\\./g, "").includes("%");
}

/** Characters of a number format that may name a currency: symbols, quotes, brackets, escapes. */
const MAY_NAME_CURRENCY = /[$€£¥₦₵₹"[\\]/;

/**
 * The currency a number format names: Excel's currency marker (`[$€-40C]`, `[$USD]`,
 * `[$FCFA-…]`), a quoted or escaped text (`# ##0 "FCFA"`, `"$"#,##0.00`, `\$0`), or a bare
 * symbol (`$#,##0`, `#,##0 €`). Its code when it is a currency atelier knows (`USD`, `EUR`,
 * `XOF`); for Excel's marker, the symbol as written otherwise (`₩`). `undefined` when the format
 * names none: `[$-40C]` is a locale, `0" personnes"` a word.
 */
function currencyOf(numFmt: string | undefined): string | undefined {
  if (!numFmt || !MAY_NAME_CURRENCY.test(numFmt)) return undefined;
  for (const m of numFmt.matchAll(/\[\$([^\]-]*)[^\]]*\]/g)) {
    const symbol = (m[1] ?? "").trim();
    if (symbol !== "") return currencyNamed(symbol) ?? symbol;
  }
  for (const m of numFmt.matchAll(/"([^"]*)"|\\(.)/g)) {
    const code = currencyNamed((m[1] ?? m[2] ?? "").trim());
    if (code !== undefined) return code;
  }
  const bare = numFmt.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "");
  const symbol = /[$€£¥₦₵₹]/.exec(bare)?.[0];
  return symbol === undefined ? undefined : currencyNamed(symbol);
}

/**
 * A format of elapsed time (`[h]:mm:ss`, `[mm]:ss`): the number is a count of days that may run
 * past 24 hours, shown as a duration; both spreadsheet libraries would make it a date.
 */
export function isElapsed(numFmt: string | undefined): boolean {
  return numFmt !== undefined && /\[(?:h+|m+|s+)\]/i.test(numFmt);
}
