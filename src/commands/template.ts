import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  CONFIG_FILE,
  type Config,
  defaultConfig,
  findConfig,
  languageOf,
  loadConfig,
  TEMPLATES_FOLDER,
} from "../config.js";
import { AppError } from "../errors.js";
import { KIND_NAMES, type Kind } from "../fields.js";
import type { Lang } from "../issues.js";
import { TEMPLATE_DATE, templateCsv, templateXlsx } from "../render/template.js";
import { loadReference } from "../validate/reference.js";
import { writeNew } from "./output.js";

/**
 * `template` and `init`: blank submission templates for the groups, built from the registry and
 * the workshop's configuration (prefilled from its reference plan), and a new workshop folder.
 * Neither ever overwrites a file.
 */

export interface TemplateCommand {
  out?: string;
  config?: string;
  lang?: Lang;
  kind: Kind | "all";
  format: "xlsx" | "csv";
  groupe?: string;
  session?: string;
}

/** `template`: writes the workbook (or one CSV per kind); returns the paths and the language. */
export async function writeTemplate(
  options: TemplateCommand,
): Promise<{ lang: Lang; written: string[] }> {
  const config = options.config ? loadConfig(options.config) : findConfig(process.cwd());
  const lang = languageOf(options.lang, config);
  const files = new Map<string, string | Buffer>();
  if (options.format === "csv") {
    const kinds = options.kind === "all" ? KIND_NAMES : [options.kind];
    for (const k of kinds)
      files.set(join(options.out ?? ".", `${k}.csv`), templateCsv(k, lang, config));
  } else {
    const reference = await loadReference(config, config.root);
    const bytes = await templateXlsx({
      kind: options.kind,
      lang,
      config,
      reference: reference?.activities ?? [],
      ...(options.groupe ? { groupe: options.groupe } : {}),
      ...(options.session ? { session: options.session } : {}),
    });
    files.set(options.out ?? TEMPLATE_FILE, bytes);
  }
  writeNew(files);
  return { lang, written: [...files.keys()] };
}

/** Sessions of a new workshop: the three days the example configuration names. */
export const SCAFFOLD_SESSIONS = ["J1", "J2", "J3"] as const;
export const TEMPLATE_FILE = "modele.xlsx";

export interface InitResult {
  root: string;
  /** Files and folders created, relative to `root`, with `/`. */
  written: string[];
}

/** The configuration a new workshop starts from: the defaults, spelled out to be edited. */
function scaffoldConfig(lang: Lang) {
  const d = defaultConfig(process.cwd());
  return {
    title: d.title,
    language: lang,
    currency: d.currency,
    review: { label: d.review.label, from: d.review.from, to: d.review.to },
    plan: { label: d.plan.label, from: d.plan.from, to: d.plan.to },
    sessions: [...SCAFFOLD_SESSIONS],
    output: d.output,
  };
}

function scaffoldReadme(config: Config): string {
  const sessions = config.sessions ?? [];
  const folders = sessions.map((s) => `\`${s}/\``).join(", ");
  const kinds = KIND_NAMES.map((k) => `\`${TEMPLATES_FOLDER}/${k}.csv\``).join(", ");
  return `# ${config.title}

Dossier de l'atelier, préparé par \`atelier init\`. Il contient :

- \`${CONFIG_FILE}\` : la configuration de l'atelier (voir plus bas) ;
- \`${TEMPLATES_FOLDER}/${TEMPLATE_FILE}\` : le classeur à remettre à chaque groupe (feuilles Instructions,
  Identification, Bilan, Constats, Propositions) ; ${kinds} : les mêmes colonnes en CSV ;
- ${folders} : un dossier par session, où ranger les fichiers rendus par les groupes.

## Déroulement

1. Avant chaque session, copiez \`${TEMPLATES_FOLDER}/${TEMPLATE_FILE}\` pour chaque groupe
   (\`groupe-1.xlsx\`, \`groupe-2.xlsx\`…) ; le groupe remplit la feuille Identification puis les
   feuilles qui le concernent, avec les listes déroulantes.
2. Rangez chaque fichier rendu dans le dossier de sa session (${folders}).
3. Vérifiez les fichiers d'une session : \`atelier validate ${sessions[0] ?? "J1"}\`. Chaque problème est
   signalé à sa cellule (\`Bilan!D12\`) avec la correction à faire ; renvoyez le fichier au groupe si
   besoin.
4. Compilez l'atelier : \`atelier compile .\` écrit le jeu consolidé, les rejets et les conflits dans
   \`${config.output}/\`.

## Configuration (\`${CONFIG_FILE}\`)

Toutes les clés sont facultatives ; une clé inconnue ou mal écrite arrête la commande avec son nom.

| clé | sens |
| --- | --- |
| \`title\` | titre de l'atelier, repris dans les modèles et les sorties |
| \`language\` | \`fr\` ou \`en\` : langue des messages et des modèles |
| \`currency\` | devise des montants (\`XOF\` : FCFA) |
| \`review\` | plan évalué : \`label\`, années \`from\`–\`to\`, \`axes\` (liste de \`{ code, number, fr, en, aliases }\`) |
| \`plan\` | nouveau plan, même forme ; ses axes reprennent ceux du plan évalué par défaut |
| \`reference\` | fichier du plan évalué (\`Code activité\`, \`Axe\`, \`Activité\`, \`Structure responsable\`, \`Budget prévu\`) |
| \`sessions\` | ordre des sessions, et noms des dossiers |
| \`weights\`, \`bands\` | pondération des statuts et seuils d'appréciation du taux de mise en œuvre |
| \`synonyms\` | valeurs supplémentaires acceptées, par champ puis par valeur |
| \`output\` | dossier de sortie de la compilation |

Avec un plan de référence (ajoutez par exemple \`"reference": "plan-${config.review.from}-${config.review.to}.csv"\`),
\`atelier template\` produit un classeur dont la feuille Bilan reprend déjà toutes les activités du
plan : les groupes n'ont plus qu'à remplir le statut et les chiffres.
`;
}

/**
 * Scaffolds a workshop folder: configuration, templates, one folder per session and a README for
 * the rapporteur. Nothing is overwritten: if any of the files exists, nothing is written.
 */
export async function initWorkshop(
  dir: string,
  lang: Lang,
  generated: Date = TEMPLATE_DATE,
): Promise<InitResult> {
  const root = resolve(dir);
  const configPath = join(root, CONFIG_FILE);
  const files = [
    CONFIG_FILE,
    "README.md",
    `${TEMPLATES_FOLDER}/${TEMPLATE_FILE}`,
    ...KIND_NAMES.map((k) => `${TEMPLATES_FOLDER}/${k}.csv`),
  ];
  const existing = files.filter((f) => existsSync(join(root, ...f.split("/"))));
  if (existing.length > 0) {
    throw new AppError("OUTPUT_NOT_WRITABLE", {
      fr: `${dir} contient déjà ${existing.join(", ")} : atelier init n'écrase rien. Choisissez un dossier vide ou nouveau.`,
      en: `${dir} already holds ${existing.join(", ")}: atelier init overwrites nothing. Choose an empty or new folder.`,
    });
  }
  mkdirSync(join(root, TEMPLATES_FOLDER), { recursive: true });
  // `wx`: a file that appeared since the check above is still never overwritten.
  const write = (name: string, content: string | Buffer) =>
    writeFileSync(join(root, ...name.split("/")), content, { flag: "wx" });
  write(CONFIG_FILE, `${JSON.stringify(scaffoldConfig(lang), null, 2)}\n`);
  // Templates are built from the file just written, so that they match what compile will read.
  const config = loadConfig(configPath);
  write(`${TEMPLATES_FOLDER}/${TEMPLATE_FILE}`, await templateXlsx({ lang, config }, generated));
  for (const kind of KIND_NAMES) {
    write(`${TEMPLATES_FOLDER}/${kind}.csv`, templateCsv(kind, lang, config));
  }
  const folders = (config.sessions ?? []).map((s) => {
    mkdirSync(join(root, s), { recursive: true });
    return `${s}/`;
  });
  write("README.md", scaffoldReadme(config));
  return { root, written: [...files, ...folders] };
}
