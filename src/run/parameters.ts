// Experiment parameters: --set overrides checked against the zod schema's keys
// and coerced to the types it expects ("0.1" → 0.1, "true" → true, "1,2" → [1, 2]).
import { z } from "zod";

/** A parameter the user got wrong; a RangeError so front ends treat it as bad input, not a bug. */
export class ParameterError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "ParameterError";
  }
}

/** Strips wrappers (default, optional, effects, …) down to the schema that says what type is expected. */
function base(schema: z.ZodTypeAny): z.ZodTypeAny {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodDefault) s = s.removeDefault();
    else if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodEffects) s = s.innerType();
    else if (s instanceof z.ZodBranded) s = s.unwrap();
    else if (s instanceof z.ZodCatch) s = s.removeCatch();
    else if (s instanceof z.ZodReadonly) s = s._def.innerType;
    else if (s instanceof z.ZodPipeline) s = s._def.in;
    else if (s instanceof z.ZodLazy) s = s.schema;
    else return s;
  }
}

/** The object shape of a parameter schema, or undefined when it is not an object schema. */
export function parameterShape(schema: z.ZodTypeAny): Record<string, z.ZodTypeAny> | undefined {
  const s = base(schema);
  return s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodTypeAny>) : undefined;
}

const TRUE = new Set(["true", "1", "yes", "on"]);
const FALSE = new Set(["false", "0", "no", "off"]);

/** value coerced towards what `schema` expects; left as is where no coercion applies (zod then reports it) */
export function coerceParameter(key: string, value: unknown, schema: z.ZodTypeAny): unknown {
  const s = base(schema);
  if (s instanceof z.ZodNumber) {
    if (typeof value !== "string") return value;
    const x = value.trim() === "" ? NaN : Number(value);
    if (Number.isNaN(x)) throw new ParameterError(`--set ${key}=${value}: ${key} expects a number`);
    return x;
  }
  if (s instanceof z.ZodBoolean) {
    if (typeof value === "number" && (value === 0 || value === 1)) return value === 1;
    if (typeof value !== "string") return value;
    const v = value.trim().toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    throw new ParameterError(`--set ${key}=${value}: ${key} expects true or false`);
  }
  if (s instanceof z.ZodString || s instanceof z.ZodEnum || s instanceof z.ZodNativeEnum) {
    return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
  }
  if (s instanceof z.ZodLiteral) {
    const lit: unknown = s.value;
    if (typeof value === "string" && typeof lit !== "string") return coerceParameter(key, value, typeof lit === "number" ? z.number() : z.boolean());
    return value;
  }
  if (s instanceof z.ZodArray) {
    const items = Array.isArray(value)
      ? value
      : typeof value === "string"
        ? value.trim() === "" ? [] : value.split(",").map((x) => x.trim())
        : [value];
    return items.map((x, i) => coerceParameter(`${key}[${i}]`, x, s.element as z.ZodTypeAny));
  }
  if (s instanceof z.ZodUnion || s instanceof z.ZodDiscriminatedUnion) {
    const options = (s instanceof z.ZodUnion ? s.options : [...s.options.values()]) as z.ZodTypeAny[];
    if (options.some((o) => o.safeParse(value).success)) return value;
    for (const o of options) {
      try {
        const c = coerceParameter(key, value, o);
        if (o.safeParse(c).success) return c;
      } catch {
        // this alternative does not take the value; try the next
      }
    }
    return value;
  }
  return value;
}

/**
 * params = schema.parse({ ...quick, ...overrides }) with overrides coerced. Unknown
 * keys and invalid values are ParameterErrors naming the key and what is allowed.
 */
export function parseParameters<P>(
  id: string,
  schema: z.ZodType<P, z.ZodTypeDef, unknown>,
  quick: Partial<P> | undefined,
  overrides: Readonly<Record<string, unknown>> = {},
): P {
  const zs = schema as unknown as z.ZodTypeAny;
  const shape = parameterShape(zs);
  const keys = Object.keys(overrides);
  const coerced: Record<string, unknown> = {};
  if (keys.length > 0) {
    if (!shape) throw new ParameterError(`${id} takes no --set parameters (got ${keys.join(", ")})`);
    const allowed = Object.keys(shape);
    const unknown = keys.filter((k) => !Object.prototype.hasOwnProperty.call(shape, k));
    if (unknown.length > 0) {
      throw new ParameterError(
        `${id}: unknown parameter${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; allowed: ${allowed.join(", ")}`,
      );
    }
    for (const k of keys) coerced[k] = coerceParameter(k, overrides[k], shape[k]);
  }
  const r = zs.safeParse({ ...(quick ?? {}), ...coerced });
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "parameters"}: ${i.message}`);
    throw new ParameterError(`${id}: invalid parameters: ${issues.join("; ")}`);
  }
  return r.data as P;
}
