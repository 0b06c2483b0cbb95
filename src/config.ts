import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { AppError } from "./errors.js";
import type { TableKind } from "./fields.js";
import { both, type Catalogue } from "./i18n/index.js";

/**
 * The workshop configuration (`atelier.config.json`). Every key is optional; the defaults are the
 * Mali PAN (review 2018-2022, plan 2023-2027, the four 4P axes, FCFA, French). Unknown keys and
 * wrong types are errors that name the key.
 */

export const CONFIG_FILE = "atelier.config.json";
/** Where `atelier init` puts the blank templates; never read as submissions. */
export const TEMPLATES_FOLDER = "modeles";

const axisSchema = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,11}$/, "axisCode"),
  number: z.number().int().positive(),
  fr: z.string().min(1),
  en: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
});
export type Axis = z.infer<typeof axisSchema>;

export const DEFAULT_AXES: Axis[] = [
  {
    code: "PREV",
    number: 1,
    fr: "Prévention",
    en: "Prevention",
    aliases: ["Sensibilisation", "Prevention"],
  },
  {
    code: "PROT",
    number: 2,
    fr: "Protection et assistance aux victimes",
    en: "Protection and assistance to victims",
    aliases: [
      "Protection",
      "Prise en charge",
      "Assistance aux victimes",
      "Protection des victimes",
    ],
  },
  {
    code: "POUR",
    number: 3,
    fr: "Poursuites et répression",
    en: "Prosecution",
    aliases: ["Poursuites", "Répression", "Application de la loi", "Chaîne pénale", "Prosecution"],
  },
  {
    code: "COOR",
    number: 4,
    fr: "Coordination, partenariat et suivi-évaluation",
    en: "Coordination, partnership and monitoring",
    aliases: ["Coordination", "Partenariat", "Coopération", "Partnership", "Suivi-évaluation"],
  },
];

const periodSchema = (label: string, from: number, to: number) =>
  z
    .strictObject({
      label: z.string().min(1).default(label),
      from: z.number().int().min(1990).max(2100).default(from),
      to: z.number().int().min(1990).max(2100).default(to),
      axes: z.array(axisSchema).min(1).optional(),
    })
    .refine((p) => p.from <= p.to, { message: "periodOrder", path: ["to"] });

const statusIds = ["realise", "partiel", "en_cours", "non_realise", "abandonne"] as const;

export const configSchema = z.strictObject({
  title: z.string().default("Atelier de restitution et de compilation des données — PAN 2023-2027"),
  language: z.enum(["fr", "en"]).optional(),
  currency: z.string().min(1).default("XOF"),
  review: periodSchema("PAN 2018-2022", 2018, 2022).default({
    label: "PAN 2018-2022",
    from: 2018,
    to: 2022,
  }),
  plan: periodSchema("PAN 2023-2027", 2023, 2027).default({
    label: "PAN 2023-2027",
    from: 2023,
    to: 2027,
  }),
  reference: z.string().min(1).optional(),
  sessions: z.array(z.string().min(1)).optional(),
  weights: z
    .strictObject(Object.fromEntries(statusIds.map((s) => [s, z.number().min(0).max(1)])))
    .partial()
    .optional(),
  bands: z
    .strictObject({ satisfaisant: z.number().min(0).max(1), moyen: z.number().min(0).max(1) })
    .partial()
    .optional(),
  synonyms: z.record(z.string(), z.record(z.string(), z.array(z.string().min(1)))).default({}),
  output: z.string().min(1).default("sortie"),
  limits: z
    .strictObject({
      maxFileMB: z.number().positive(),
      maxInflatedMB: z.number().positive(),
      maxCells: z.number().int().positive(),
      maxRows: z.number().int().positive(),
      maxColumns: z.number().int().positive().max(16_384),
      maxCellLength: z.number().int().positive(),
    })
    .partial()
    .optional(),
});

/** What a file may hold before atelier refuses or cuts it; each has its own issue code. */
export interface Limits {
  /** Size of one input file on disk. */
  maxFileMB: number;
  /** Sum of the uncompressed sizes an xlsx declares (zip bombs are refused before inflating). */
  maxInflatedMB: number;
  /**
   * Cells of a workbook's sheets, counted in the file before any reader builds them (merged
   * areas and OpenDocument repetitions unfolded): what bounds a reader's memory.
   */
  maxCells: number;
  /** Non-empty rows per sheet. */
  maxRows: number;
  /** Columns per row. */
  maxColumns: number;
  /** Characters per cell (Excel's own limit is 32,767). */
  maxCellLength: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileMB: 200,
  maxInflatedMB: 100,
  maxCells: 1_000_000,
  maxRows: 1_100_000,
  maxColumns: 1_000,
  maxCellLength: 32_767,
};

/** The configuration with every default applied, and the folder it was read from. */
export interface Config {
  title: string;
  /** Set only when the file says so (see `languageOf`). */
  language?: "fr" | "en";
  currency: string;
  review: { label: string; from: number; to: number; axes: Axis[] };
  plan: { label: string; from: number; to: number; axes: Axis[] };
  /** Absolute path of the reference plan file, when configured. */
  reference?: string;
  sessions?: string[];
  weights: Record<(typeof statusIds)[number], number>;
  bands: { satisfaisant: number; moyen: number };
  synonyms: Record<string, Record<string, string[]>>;
  output: string;
  limits: Limits;
  /** Folder the configuration belongs to: paths are shown relative to it. */
  root: string;
  /** The file it came from, if any. */
  source?: string;
}

export const DEFAULT_WEIGHTS = {
  realise: 1,
  partiel: 0.5,
  en_cours: 0.5,
  non_realise: 0,
  abandonne: 0,
};

export function defaultConfig(root: string): Config {
  return resolveConfig(configSchema.parse({}), root);
}

function resolveConfig(
  parsed: z.infer<typeof configSchema>,
  root: string,
  source?: string,
): Config {
  const reviewAxes = parsed.review.axes ?? DEFAULT_AXES;
  const config: Config = {
    title: parsed.title,
    currency: parsed.currency,
    review: { ...parsed.review, axes: reviewAxes },
    plan: { ...parsed.plan, axes: parsed.plan.axes ?? reviewAxes },
    weights: { ...DEFAULT_WEIGHTS, ...parsed.weights },
    bands: { satisfaisant: 0.75, moyen: 0.5, ...parsed.bands },
    synonyms: parsed.synonyms,
    output: parsed.output,
    limits: { ...DEFAULT_LIMITS, ...parsed.limits },
    root,
  };
  if (parsed.language) config.language = parsed.language;
  if (parsed.reference) config.reference = resolve(root, parsed.reference);
  if (parsed.sessions) config.sessions = parsed.sessions;
  if (source) config.source = source;
  return config;
}

/** The axes a table is written against: propositions plan the new period, the rest review the last. */
export function axesFor(kind: TableKind, config: Config): Axis[] {
  return kind === "propositions" ? config.plan.axes : config.review.axes;
}

/** Reads and checks a configuration file; any problem is an AppError naming the key. */
export function loadConfig(file: string): Config {
  if (!existsSync(file)) {
    throw new AppError(
      "CONFIG_INVALID",
      both((t) => t.errors.configNotFound(file)),
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    const why = e instanceof SyntaxError ? e.message : String((e as Error).message);
    throw new AppError(
      "CONFIG_INVALID",
      both((t) => t.errors.configUnreadable(file, why)),
    );
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    // Our own checks name a text of the catalogue; zod words the others.
    const lines = (t: Catalogue) =>
      parsed.error.issues.map((i) => {
        const key = i.path.join(".") || (i.code === "unrecognized_keys" ? i.keys.join(", ") : "");
        const what =
          i.code === "unrecognized_keys"
            ? t.errors.unknownKey
            : i.message === "axisCode" || i.message === "periodOrder"
              ? t.errors[i.message]
              : i.message.replace(/^Invalid input: /, "");
        return t.errors.configKey(key, what);
      });
    throw new AppError(
      "CONFIG_INVALID",
      both((t) => t.errors.configInvalid(file, lines(t))),
    );
  }
  const config = resolveConfig(parsed.data, dirname(resolve(file)), resolve(file));
  checkAxes(config, file);
  return config;
}

function checkAxes(config: Config, file: string) {
  for (const period of [config.review, config.plan]) {
    const codes = new Set(period.axes.map((a) => a.code));
    const numbers = new Set(period.axes.map((a) => a.number));
    if (codes.size !== period.axes.length || numbers.size !== period.axes.length) {
      throw new AppError(
        "CONFIG_INVALID",
        both((t) => t.errors.sameAxis(file, period.label)),
      );
    }
  }
}

/**
 * The configuration of the nearest folder at or above `start` that has one; else the defaults.
 * `loaded` keeps the files already read, so that a command reads each one once.
 */
export function findConfig(start: string, loaded = new Map<string, Config>()): Config {
  let dir = resolve(start);
  for (;;) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) {
      const known = loaded.get(file);
      if (known) return known;
      const config = loadConfig(file);
      loaded.set(file, config);
      return config;
    }
    const parent = dirname(dir);
    if (parent === dir) return defaultConfig(resolve(start));
    dir = parent;
  }
}
