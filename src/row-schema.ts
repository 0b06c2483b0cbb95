import * as z from "zod/mini";
import { axesFor, type Config } from "./config.js";
import { type FieldSpec, type FieldType, type TableKind, tableFields } from "./fields.js";

/**
 * The zod schema of each table kind, derived from the field registry: one zod type per field
 * type, the axes from the configuration. It checks required values and bounds on a typed row;
 * the JSON Schema that `atelier schema` prints is generated from it.
 */

type ZodFor = (field: FieldSpec, axes: readonly string[]) => z.ZodMiniType;

function bounded(field: FieldSpec) {
  const checks = [];
  if (field.min !== undefined) checks.push(z.gte(field.min));
  if (field.max !== undefined) checks.push(z.lte(field.max));
  return z.number().check(...checks);
}

/** One zod type per field type: adding a field type without one fails to compile. */
const ZOD: { [T in FieldType]: ZodFor } = {
  text: () => z.string().check(z.minLength(1)),
  code: () => z.string().check(z.minLength(1)),
  axis: (_f, axes) => z.enum(axes as [string, ...string[]]),
  enum: (f) => z.enum((f.values ?? []).map((v) => v.id) as [string, ...string[]]),
  amount: bounded,
  percent: bounded,
  bool: () => z.boolean(),
  calendar: () => z.array(z.number().check(z.int())).check(z.minLength(1)),
  list: () => z.array(z.string()),
  date: () => z.iso.date(),
  yearAmounts: (f) => z.record(z.string().check(z.regex(/^\d{4}$/)), bounded(f)),
};

const schemaCache = new WeakMap<Config, Map<TableKind, z.ZodMiniObject>>();

/** The zod schema of a kind's typed row under a configuration (axes come from it). */
export function schemaFor(kind: TableKind, config: Config): z.ZodMiniObject {
  let byKind = schemaCache.get(config);
  if (!byKind) {
    byKind = new Map();
    schemaCache.set(config, byKind);
  }
  let schema = byKind.get(kind);
  if (!schema) {
    const axes = axesFor(kind, config).map((a) => a.code);
    const shape: Record<string, z.ZodMiniType> = {};
    for (const f of tableFields(kind)) {
      const base = ZOD[f.type](f, axes);
      shape[f.id] = f.required ? base : z.nullable(base);
    }
    schema = z.object(shape);
    byKind.set(kind, schema);
  }
  return schema;
}

/** Whether a value certainly passes its field's zod type: `undefined` when only zod can say. */
type Passes = (v: unknown) => boolean;

function inBounds(field: FieldSpec): Passes {
  const { min, max } = field;
  return (v) =>
    typeof v === "number" &&
    Number.isFinite(v) &&
    (min === undefined || v >= min) &&
    (max === undefined || v <= max);
}

const isText: Passes = (v) => typeof v === "string" && v.length >= 1;

/** The same types as `ZOD`, as plain checks that never accept what zod would refuse. */
const PASSES: {
  [T in FieldType]: (field: FieldSpec, axes: readonly string[]) => Passes | undefined;
} = {
  text: () => isText,
  code: () => isText,
  axis: (_f, axes) => {
    const codes = new Set(axes);
    return (v) => typeof v === "string" && codes.has(v);
  },
  enum: (f) => {
    const ids = new Set((f.values ?? []).map((v) => v.id));
    return (v) => typeof v === "string" && ids.has(v);
  },
  amount: inBounds,
  percent: inBounds,
  bool: () => (v) => typeof v === "boolean",
  calendar: () => (v) => Array.isArray(v) && v.length >= 1 && v.every(Number.isSafeInteger),
  list: () => (v) => Array.isArray(v) && v.every((x) => typeof x === "string"),
  date: () => undefined,
  yearAmounts: () => undefined,
};

const passCache = new WeakMap<
  Config,
  Map<TableKind, (values: Record<string, unknown>) => boolean>
>();

/**
 * A row that certainly passes its kind's schema, checked without zod: nearly every row is valid,
 * and zod's parse (which copies the row) was most of the cost of validating it. Any doubt, and
 * every failure, goes to zod, which alone words the problems.
 */
export function passesFor(
  kind: TableKind,
  config: Config,
): (values: Record<string, unknown>) => boolean {
  let byKind = passCache.get(config);
  if (!byKind) {
    byKind = new Map();
    passCache.set(config, byKind);
  }
  let passes = byKind.get(kind);
  if (!passes) {
    const axes = axesFor(kind, config).map((a) => a.code);
    const checks = tableFields(kind).map((f) => ({
      id: f.id,
      required: f.required,
      check: PASSES[f.type](f, axes),
    }));
    passes = (values) => {
      for (const { id, required, check } of checks) {
        const v = values[id];
        if (v === null) {
          if (required) return false;
        } else if (!check?.(v)) {
          return false;
        }
      }
      return true;
    };
    byKind.set(kind, passes);
  }
  return passes;
}
