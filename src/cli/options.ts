// Parsers for option values; they throw commander's InvalidArgumentError so the
// message names the option ("option '--seed <n>' argument 'x' is invalid. …").
import { InvalidArgumentError } from "commander";
import { UsageError } from "./errors.ts";

/** A non-negative safe integer (seeds, iteration counts). */
export function parseNonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError("expected a non-negative integer");
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected an integer at most ${Number.MAX_SAFE_INTEGER}`);
  return n;
}

/** A positive integer. */
export function parsePositiveInt(value: string): number {
  const n = parseNonNegativeInt(value);
  if (n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
}

/** A finite positive number (step sizes). */
export function parsePositiveNumber(value: string): number {
  const n = Number(value.trim());
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a finite positive number");
  return n;
}

/** Collects a repeatable option into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A comma-separated list (--only a,b,c), empty items dropped. */
export function parseList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Parses `--set key=value` pairs. Values are read as JSON where they parse
 * (numbers, true/false, null, arrays, objects, "strings"), otherwise as plain strings,
 * so `--set lr=0.1`, `--set potentials=[1.5,3]` and `--set loss=squared` all work.
 */
export function parseSets(pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = eq < 0 ? "" : pair.slice(0, eq).trim();
    if (eq < 0 || !/^[A-Za-z_][\w.-]*$/.test(key)) {
      throw new UsageError(`--set '${pair}' is not key=value`, "write --set name=value, e.g. --set lr=0.1");
    }
    if (key in out) throw new UsageError(`--set ${key} is given twice`, "set each key once");
    out[key] = parseValue(pair.slice(eq + 1).trim());
  }
  return out;
}

export function parseValue(raw: string): unknown {
  if (raw === "") return "";
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Rejects keys outside `allowed`, listing the allowed ones. */
export function checkKeys(values: Record<string, unknown>, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(values)) {
    if (!allowed.includes(key)) {
      const list = allowed.length ? allowed.join(", ") : "(none)";
      throw new UsageError(`unknown key '${key}' for ${what}`, `keys are: ${list}`);
    }
  }
}
