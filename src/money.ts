import { fold } from "./text.js";

/**
 * Currencies as people write them in headers, number formats and cells, in West Africa and by
 * the partners that fund plans: names, ISO codes and symbols. Shared by the XLSX reader (number
 * formats) and by normalisation (headers, amounts typed with their currency).
 */

/**
 * Currency names, codes and symbols, folded and without spaces nor dots (`F CFA`, `f.cfa` →
 * `fcfa`), by the code atelier compares them with: the ISO code, or for a name that several
 * countries share (`dinars`), that name.
 */
const NAMES: Record<string, string> = {
  // The CFA franc: every way of writing it (and `F`, `francs`, as the region uses them).
  fcfa: "XOF",
  cfa: "XOF",
  xof: "XOF",
  f: "XOF",
  franc: "XOF",
  francs: "XOF",
  franccfa: "XOF",
  francscfa: "XOF",
  xaf: "XAF",
  // Dollars, euros and the partners' currencies.
  usd: "USD",
  $: "USD",
  us$: "USD",
  $us: "USD",
  usdollar: "USD",
  usdollars: "USD",
  dollar: "USD",
  dollars: "USD",
  dollarus: "USD",
  dollarsus: "USD",
  dollaramericain: "USD",
  dollarsamericains: "USD",
  eur: "EUR",
  "€": "EUR",
  euro: "EUR",
  euros: "EUR",
  gbp: "GBP",
  "£": "GBP",
  sterling: "GBP",
  livresterling: "GBP",
  livressterling: "GBP",
  poundsterling: "GBP",
  chf: "CHF",
  francsuisse: "CHF",
  francssuisses: "CHF",
  cad: "CAD",
  $ca: "CAD",
  ca$: "CAD",
  c$: "CAD",
  dollarcanadien: "CAD",
  dollarscanadiens: "CAD",
  jpy: "JPY",
  yen: "JPY",
  yens: "JPY",
  "¥": "JPY",
  cny: "CNY",
  yuan: "CNY",
  yuans: "CNY",
  rmb: "CNY",
  renminbi: "CNY",
  sek: "SEK",
  nok: "NOK",
  dkk: "DKK",
  inr: "INR",
  roupie: "INR",
  roupies: "INR",
  "₹": "INR",
  sar: "SAR",
  aed: "AED",
  xdr: "XDR",
  dts: "XDR",
  ua: "UA",
  // West and North Africa.
  ngn: "NGN",
  naira: "NGN",
  nairas: "NGN",
  "₦": "NGN",
  ghs: "GHS",
  ghc: "GHS",
  cedi: "GHS",
  cedis: "GHS",
  "₵": "GHS",
  "gh₵": "GHS",
  gnf: "GNF",
  fg: "GNF",
  francguineen: "GNF",
  francsguineens: "GNF",
  mad: "MAD",
  dirham: "MAD",
  dirhams: "MAD",
  dinar: "dinars",
  dinars: "dinars",
  dzd: "DZD",
  tnd: "TND",
  lyd: "LYD",
  gmd: "GMD",
  dalasi: "GMD",
  dalasis: "GMD",
  sll: "SLL",
  sle: "SLE",
  leone: "SLL",
  leones: "SLL",
  mru: "MRU",
  mro: "MRU",
  ouguiya: "MRU",
  ouguiyas: "MRU",
  lrd: "LRD",
  dollarliberien: "LRD",
  dollarsliberiens: "LRD",
  cve: "CVE",
  escudo: "CVE",
  escudos: "CVE",
  zar: "ZAR",
  rand: "ZAR",
  rands: "ZAR",
  cdf: "CDF",
  rwf: "RWF",
  bif: "BIF",
  kes: "KES",
  etb: "ETB",
  egp: "EGP",
};

/** A text as the dictionaries key it: folded, without spaces nor dots. */
export function compactText(text: string): string {
  return fold(text).replace(/[\s.]/g, "");
}

/** The currency a text names (`Naira`, `F CFA`, `$`, `USD`), by its code; `undefined` if none. */
export function currencyNamed(text: string): string | undefined {
  return NAMES[compactText(text)];
}

/** Every currency name, folded and compact: the vocabulary of header units. */
export const CURRENCY_NAMES: Readonly<Record<string, string>> = NAMES;

/** The CFA francs: one currency for atelier, however the configuration names it. */
const CFA = new Set(["XOF", "XAF", "FCFA", "CFA"]);

/** Two currency codes that name the same money (every CFA franc is `FCFA`). */
export function sameCurrency(a: string, b: string): boolean {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x === y || (CFA.has(x) && CFA.has(y));
}

/** The currency as headers and messages write it: `FCFA` for the CFA francs, else its code. */
export function currencyWord(currency: string): string {
  return CFA.has(currency.toUpperCase()) ? "FCFA" : currency;
}

/**
 * Currencies whose amounts are whole (no cents in use), ISO 4217 with no minor unit: the CFA
 * francs first, then the Guinean franc and the others. A fixed list, not `Intl`: the same answer
 * on every machine.
 */
const WHOLE = new Set([
  ...CFA,
  "XPF",
  "GNF",
  "BIF",
  "CLP",
  "DJF",
  "ISK",
  "JPY",
  "KMF",
  "KRW",
  "PYG",
  "RWF",
  "UGX",
  "VND",
  "VUV",
]);

/** The currency has no subunit in use: an amount in it is a whole number. */
export function wholeCurrency(currency: string): boolean {
  return WHOLE.has(currency.toUpperCase());
}
