import { type LAUNCHER_FILES, PROGRAM_FOLDER } from "../launcher.js";

/**
 * The files a rapporteur sees in the Windows package, beside `programme\`: three launchers and
 * the instructions. Batch files are read by cmd.exe line by line in the console's code page:
 * every line before `chcp 65001` is ASCII, the file is UTF-8 without a BOM (cmd would run the
 * BOM as a command), and lines end in CRLF (with LF alone, cmd loses its place at a `goto`).
 * A path a variable holds is never inside parentheses, where a `)` in `Program Files (x86)`
 * would end the block.
 */

/**
 * A launcher: the console in UTF-8, and its code page put back at the end (« Page de codes
 * active : 850 », whatever the words before the number). Explorer runs a double-click or a drop
 * as `cmd /c ""…\Compiler l'atelier.cmd" C:\dossier"`: `%CMDCMDLINE%` then names the launcher
 * (typed in a console, it is the console's own; run from another batch file, that file's), and
 * holds the whole line, which `%*` cuts at an unquoted `&` (Explorer quotes a path only when it
 * has a space): node reads it whole from `ATELIER_CMDLINE`, set only when it names the launcher.
 * Delayed expansion is on only to read it: on, `!` in a path would be eaten.
 */
function batch(title: string, run: string, kind: "command" | "launcher"): string {
  const lines = [
    "@echo off",
    "setlocal",
    `for /f "tokens=2 delims=:." %%c in ('chcp') do set "ATELIER_CP=%%c"`,
    "chcp 65001 >nul",
    title ? `title ${title}` : "",
    `set "ATELIER_CMDLINE="`,
    "setlocal EnableDelayedExpansion",
    `set "ATELIER_LINE=!CMDCMDLINE!"`,
    // Wine's cmd has no CMDCMDLINE: then the launcher is taken as run from a console.
    `if defined ATELIER_LINE if /i not "!ATELIER_LINE:%~nx0=!"=="!ATELIER_LINE!" set "ATELIER_CMDLINE=!ATELIER_LINE!"`,
    "setlocal DisableDelayedExpansion",
    `if not exist "%~dp0${PROGRAM_FOLDER}\\node.exe" goto :missing`,
    run,
    `set "ATELIER_CODE=%ERRORLEVEL%"`,
    ...(kind === "command"
      ? // Double-clicked (no argument) or something dropped on it (a path): the window Explorer
        // opened would close with what was said. A command typed in PowerShell, which Windows
        // also runs through `cmd /c`, does not wait.
        [
          "if not defined ATELIER_CMDLINE goto :end",
          `if "%~1"=="" pause`,
          `if not "%~1"=="" if exist "%~1" pause`,
          ":end",
        ]
      : [
          // `atelier launch` ends with 10 + the command's code, once it has waited for a key:
          // any other code is node.exe stopped before (blocked, or a file of the program gone).
          "if %ATELIER_CODE% LSS 10 goto :stopped",
          "if %ATELIER_CODE% GTR 12 goto :stopped",
          "set /a ATELIER_CODE-=10",
          "goto :end",
          ":stopped",
          "echo.",
          ...STOPPED.map((line) => `echo ${line}`),
          "pause",
          ":end",
        ]),
    "chcp %ATELIER_CP% >nul",
    // From Explorer, `exit` ends cmd.exe too: it would otherwise run what follows an `&` cut.
    kind === "launcher" ? "if defined ATELIER_CMDLINE exit %ATELIER_CODE%" : "",
    "exit /b %ATELIER_CODE%",
    ":missing",
    ...MISSING.map((line) => `echo ${line}`),
    "pause",
    "chcp %ATELIER_CP% >nul",
    "exit /b 2",
  ];
  return `${lines.filter((l) => l !== "").join("\r\n")}\r\n`;
}

const NODE = `"%~dp0${PROGRAM_FOLDER}\\node.exe" "%~dp0${PROGRAM_FOLDER}\\atelier.mjs"`;

/** Said by a launcher opened inside the .zip (Explorer runs it alone, from a temporary folder)
 * or moved away from its `programme` folder. */
const MISSING = [
  "atelier ne trouve pas son dossier « programme », qui doit être à côté de ce fichier.",
  "Cela arrive quand ce fichier est ouvert dans le .zip sans l'avoir extrait, ou quand il a été déplacé.",
  "Fermez cette fenêtre. Faites un clic droit sur le fichier .zip, puis « Extraire tout... », puis",
  "« Extraire », et servez-vous du dossier qui s'ouvre.",
  "Pour l'avoir sur le Bureau : clic droit sur ce fichier dans ce dossier, puis « Envoyer vers »,",
  "puis « Bureau (créer un raccourci) » (sous Windows 11, « Afficher plus d'options » d'abord).",
];

/** Said when node.exe stopped before atelier could say anything of its own. */
const STOPPED = [
  "atelier s'est arrêté avant la fin (code %ATELIER_CODE%) : lisez le message ci-dessus.",
  "S'il dit qu'un fichier est introuvable (Cannot find module), le dossier « programme » est",
  "incomplet : extrayez de nouveau le .zip. Si Windows ou l'antivirus a bloqué node.exe,",
  "demandez à la personne chargée de l'informatique de l'autoriser.",
];

/** The launchers, by file name. `%~dp0.`: the launcher's folder, without the `\` that would
 * escape the closing quote. */
export const LAUNCHERS: Record<Exclude<(typeof LAUNCHER_FILES)[number], "LISEZMOI.txt">, string> = {
  "atelier.cmd": batch("", `${NODE} %*`, "command"),
  "Compiler l'atelier.cmd": batch(
    "atelier - compilation",
    `${NODE} launch compile "%~dp0." %*`,
    "launcher",
  ),
  "Vérifier un fichier.cmd": batch(
    "atelier - vérification",
    `${NODE} launch validate "%~dp0." %*`,
    "launcher",
  ),
};

/** LISEZMOI.txt: for a person who has never opened a terminal. UTF-8 with a BOM and CRLF, as
 * the Bloc-notes of every Windows reads it. */
export function readme(version: string, nodeVersion: string): string {
  const text = `atelier ${version} pour Windows
==========================

atelier lit les fichiers remis par les groupes de travail d'un atelier (Excel, LibreOffice, CSV),
les vérifie, les rassemble et écrit le rapport bilan et la matrice d'actions.

Tout est dans ce dossier : il n'y a rien à installer, et Internet n'est pas nécessaire.
Windows 10 ou 11, 64 bits.


1. Mettre atelier sur l'ordinateur (une fois)
---------------------------------------------

- Copiez le fichier atelier-${version}-windows-x64.zip de la clé USB sur l'ordinateur,
  par exemple dans « Documents ».
- Clic droit sur le fichier, puis « Extraire tout... », puis « Extraire ».
  Le dossier qui s'ouvre est celui-ci : il contient « Compiler l'atelier »,
  « Vérifier un fichier », « atelier », ce LISEZMOI et un dossier « programme ».
- Servez-vous de ce dossier (icône jaune), pas du fichier .zip (icône à fermeture éclair),
  que vous pouvez supprimer.
- Ne déplacez pas ces fichiers hors du dossier : ils ont besoin du dossier « programme ».
  Pour les avoir sur le Bureau : clic droit sur « Compiler l'atelier », « Envoyer vers »,
  « Bureau (créer un raccourci) » (sous Windows 11, « Afficher plus d'options » d'abord).


2. Rassembler les fichiers des groupes
--------------------------------------

Mettez les fichiers remis par les groupes (.xlsx, .xls, .ods, .csv) dans un dossier à vous,
par exemple « Atelier traite – Bamako » dans « Documents » (clic droit, « Nouveau »,
« Dossier »). Un sous-dossier par session (J1, J2, J3) si vous le souhaitez : c'est quand même
le dossier de l'atelier, pas « J1 », qu'il faut faire glisser sur « Compiler l'atelier ».


3. Compiler, après chaque session
---------------------------------

- Fermez dans Excel les fichiers du dossier « sortie » s'ils sont ouverts.
- Ouvrez une seconde fenêtre de l'Explorateur (clic droit sur son icône en bas de l'écran,
  puis « Explorateur de fichiers ») sur le dossier où est celui de l'atelier.
- Avec la souris, faites glisser le dossier de l'atelier sur « Compiler l'atelier »
  et lâchez-le bien dessus (pas sur un dossier : Windows y déplacerait votre dossier ;
  Ctrl+Z l'annule).
- Une fenêtre noire s'ouvre. Elle montre les fichiers lus, puis le résumé : lignes retenues,
  lignes rejetées, et chaque problème à sa place (par exemple « Bilan!C12 ») avec la correction
  à faire. Prenez le temps de le lire.
- Appuyez sur une touche : le rapport s'ouvre dans le navigateur, et le dossier des résultats
  (« sortie », dans le dossier de l'atelier) s'ouvre aussi.

Autre façon : double-cliquez sur « Compiler l'atelier ». La fenêtre noire demande le dossier :
faites glisser le dossier de l'atelier dans la fenêtre, puis appuyez sur Entrée.

Si Windows affiche « Windows a protégé votre ordinateur », cliquez sur
« Informations complémentaires », puis sur « Exécuter quand même ».


4. Ce que vous trouvez dans « sortie »
--------------------------------------

- rapport-bilan.html : le rapport, à ouvrir dans le navigateur et à projeter en plénière ;
- rapport-bilan.docx : le même rapport, à amender dans Word ;
- matrice-actions.xlsx : le projet de matrice d'actions du nouveau plan ;
- consolidation.xlsx : toutes les données retenues, avec la source de chaque ligne ;
- rejets.csv : les lignes rejetées, gardées avec leurs motifs ;
- retours : une fiche par groupe qui a des corrections à faire, à lui remettre.

Les fichiers que vous rangez vous-même dans « sortie » y restent.
Pour le rapport en PDF : ouvrez rapport-bilan.html, puis Ctrl+P, « Enregistrer au format PDF ».


5. Vérifier un fichier avant de compiler
----------------------------------------

Faites glisser un ou plusieurs fichiers sur « Vérifier un fichier ». La fenêtre dit ce qui
ne va pas, cellule par cellule, sans rien écrire. Appuyez sur une touche pour la fermer.

« atelier » sert seulement dans l'Invite de commandes : n'y déposez rien.


6. Pour ceux qui utilisent l'invite de commandes
------------------------------------------------

  atelier.cmd --help
  atelier.cmd compile "C:\\Users\\rapporteur\\Documents\\Atelier traite – Bamako"
  atelier.cmd validate "Groupe 2.xlsx"

« atelier.cmd --help » liste les commandes, « atelier.cmd compile --help » les options de l'une.


Contenu du dossier « programme » : le programme atelier et Node.js ${nodeVersion} pour Windows
(node.exe, licence MIT), qui le fait tourner. Les licences sont dans programme\\LICENCES.txt.
`;
  return `\uFEFF${text.replace(/\n/g, "\r\n")}`;
}
