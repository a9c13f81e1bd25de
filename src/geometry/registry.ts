// Potentials by id, for the command line and experiment parameters:
// "euclidean", "entropy", "simplex-entropy", "p-norm:<p>", "hyperbolic:<beta>".
import type { Potential } from "./types.ts";
import { euclidean } from "./euclidean.ts";
import { negativeEntropy } from "./negativeEntropy.ts";
import { simplexEntropy } from "./simplexEntropy.ts";
import { pNormSquared } from "./pNormSquared.ts";
import { hyperbolicEntropy } from "./hyperbolicEntropy.ts";

export interface PotentialEntry {
  readonly description: string;
  /** the parameter after the colon, if the id takes one */
  readonly parameter?: { readonly name: string; readonly range: string; readonly example: number };
  create(parameter?: number): Potential;
}

export const potentialRegistry: Readonly<Record<string, PotentialEntry>> = {
  euclidean: {
    description: "½‖w‖₂² (gradient descent)",
    create: () => euclidean(),
  },
  entropy: {
    description: "Σ wᵢ log wᵢ − wᵢ on w > 0 (exponentiated gradient)",
    create: () => negativeEntropy(),
  },
  "simplex-entropy": {
    description: "Σ wᵢ log wᵢ on the probability simplex (normalized exponentiated gradient)",
    create: () => simplexEntropy(),
  },
  "p-norm": {
    description: "½‖w‖_p², p ∈ (1, ∞)",
    parameter: { name: "p", range: "(1, ∞)", example: 1.5 },
    create: (p) => pNormSquared(p!),
  },
  hyperbolic: {
    description: "Σ wᵢ arcsinh(wᵢ/β) − √(wᵢ² + β²), β > 0",
    parameter: { name: "beta", range: "(0, ∞)", example: 0.1 },
    create: (beta) => hyperbolicEntropy(beta!),
  },
};

/** "euclidean, entropy, simplex-entropy, p-norm:<p> (p in (1, ∞), e.g. p-norm:1.5), …" */
export function allowedPotentialIds(): string {
  return Object.entries(potentialRegistry)
    .map(([key, e]) => (e.parameter ? `${key}:<${e.parameter.name}> (${e.parameter.name} in ${e.parameter.range}, e.g. ${key}:${e.parameter.example})` : key))
    .join(", ");
}

/** Parses an id such as "p-norm:1.5"; throws an Error naming the allowed ids. */
export function potentialFromId(id: string): Potential {
  const colon = id.indexOf(":");
  const key = (colon < 0 ? id : id.slice(0, colon)).trim();
  const arg = colon < 0 ? undefined : id.slice(colon + 1).trim();
  const entry = Object.prototype.hasOwnProperty.call(potentialRegistry, key) ? potentialRegistry[key] : undefined;
  if (!entry) throw new Error(`unknown potential "${id}"; allowed: ${allowedPotentialIds()}`);
  if (!entry.parameter) {
    if (arg !== undefined) throw new Error(`potential "${key}" takes no parameter, got "${id}"; allowed: ${allowedPotentialIds()}`);
    return entry.create();
  }
  const { name, range, example } = entry.parameter;
  const value = arg === undefined || arg === "" ? NaN : Number(arg);
  if (!Number.isFinite(value)) {
    throw new Error(`potential "${key}" needs a numeric ${name} in ${range} after a colon (e.g. "${key}:${example}"), got "${id}"`);
  }
  try {
    return entry.create(value);
  } catch (e) {
    throw new Error(`potential "${id}": ${(e as Error).message}`);
  }
}
