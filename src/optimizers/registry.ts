// Optimizers by name, for the command line and experiment parameters. Options
// may come as strings ("0.1", "true", "inf", "p-norm:1.5"); they are coerced,
// checked, and every mistake is an OptimizerOptionError naming the bad key and
// what is allowed.
import { potentialFromId, type Potential } from "../geometry/index.ts";
import { adagrad, adam, rmsprop } from "./adaptive.ts";
import { conjugateGradient } from "./conjugateGradient.ts";
import { gd, sgd } from "./gd.ts";
import { mirrorDescent } from "./mirrorDescent.ts";
import { heavyBall, nesterov } from "./momentum.ts";
import type { Schedule } from "./stepSize.ts";
import { steepestDescent } from "./steepestDescent.ts";
import type { Optimizer } from "./types.ts";

export class OptimizerOptionError extends Error {
  override readonly name = "OptimizerOptionError";
}

export type OptionType = "step-size" | "positive" | "nonnegative" | "fraction" | "positive-integer" | "boolean" | "norm" | "potential";

export interface OptionSpec {
  readonly type: OptionType;
  readonly description: string;
}

export type OptionValue = number | boolean | string;

export interface OptimizerEntry {
  readonly description: string;
  /** the values used for options not given (keys absent here, e.g. batchSize, are optional) */
  readonly defaults: Readonly<Record<string, OptionValue>>;
  /** every allowed option */
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** builds the optimizer from defaults overridden by `options`; throws OptimizerOptionError on bad input */
  create(options?: Readonly<Record<string, unknown>>): Optimizer;
}

const ALLOWED: Record<OptionType, string> = {
  "step-size": "a number > 0 or a schedule function t ↦ η",
  positive: "a number > 0",
  nonnegative: "a number ≥ 0",
  fraction: "a number in [0, 1)",
  "positive-integer": "an integer ≥ 1",
  boolean: "true or false",
  norm: "p ∈ [1, ∞] (1, 2, inf, or any p ≥ 1)",
  potential: "a potential id (euclidean, entropy, simplex-entropy, p-norm:<p>, hyperbolic:<beta>) or a Potential object",
};

const lr: OptionSpec = { type: "step-size", description: "step size η (or schedule t ↦ η_t)" };
const batchSize: OptionSpec = { type: "positive-integer", description: "examples per step (omit for full batch; 1 = instance-wise)" };
const replacement: OptionSpec = { type: "boolean", description: "sample minibatches with replacement (default: reshuffled epochs)" };
const eps: OptionSpec = { type: "positive", description: "ε added to the root of the second moment" };
const momentum: OptionSpec = { type: "fraction", description: "momentum μ (or schedule t ↦ μ_t)" };

function coerce(optimizer: string, key: string, spec: OptionSpec, value: unknown): unknown {
  const bad = (): never => {
    throw new OptimizerOptionError(`${optimizer}: option "${key}" must be ${ALLOWED[spec.type]}, got ${JSON.stringify(value) ?? String(value)}`);
  };
  switch (spec.type) {
    case "boolean":
      if (typeof value === "boolean") return value;
      if (value === "true" || value === "1") return true;
      if (value === "false" || value === "0") return false;
      return bad();
    case "potential":
      if (typeof value === "string") {
        try {
          return potentialFromId(value);
        } catch (e) {
          throw new OptimizerOptionError(`${optimizer}: option "potential": ${(e as Error).message}`);
        }
      }
      if (value !== null && typeof value === "object" && typeof (value as Potential).gradConj === "function") return value;
      return bad();
    default: {
      if ((spec.type === "step-size" || spec.type === "fraction") && typeof value === "function") return value;
      let x: number;
      if (typeof value === "number") x = value;
      else if (typeof value === "string" && value.trim() !== "") {
        const s = value.trim().toLowerCase();
        x = spec.type === "norm" && (s === "inf" || s === "infinity" || s === "∞") ? Infinity : Number(s);
      } else return bad();
      const ok =
        spec.type === "norm" ? x >= 1 :
        Number.isFinite(x) && (
          spec.type === "step-size" || spec.type === "positive" ? x > 0 :
          spec.type === "nonnegative" ? x >= 0 :
          spec.type === "fraction" ? x >= 0 && x < 1 :
          Number.isInteger(x) && x >= 1);
      return ok ? x : bad();
    }
  }
}

export function entry<O>(
  name: string,
  description: string,
  defaults: Record<string, OptionValue>,
  options: Record<string, OptionSpec>,
  build: (o: O) => Optimizer,
): OptimizerEntry {
  return {
    description,
    defaults,
    options,
    create(given = {}) {
      const merged: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(defaults)) merged[key] = coerce(name, key, options[key], value);
      for (const [key, value] of Object.entries(given)) {
        if (!Object.prototype.hasOwnProperty.call(options, key)) {
          const allowed = Object.keys(options);
          throw new OptimizerOptionError(
            `${name}: unknown option "${key}"; allowed: ${allowed.length > 0 ? allowed.join(", ") : "none"}`,
          );
        }
        if (value !== undefined) merged[key] = coerce(name, key, options[key], value);
      }
      try {
        return build(merged as O);
      } catch (e) {
        throw new OptimizerOptionError((e as Error).message);
      }
    },
  };
}

type WithBatch = { batchSize?: number; replacement?: boolean };

export const optimizerRegistry: Readonly<Record<string, OptimizerEntry>> = {
  gd: entry<{ lr: Schedule }>("gd", "gradient descent θ ← θ − η∇L(θ)", { lr: 0.01 }, { lr }, gd),
  sgd: entry<{ lr: Schedule } & WithBatch>(
    "sgd", "stochastic gradient descent on minibatch means",
    { lr: 0.01, batchSize: 1, replacement: false }, { lr, batchSize, replacement }, sgd),
  "heavy-ball": entry<{ lr: Schedule; momentum: Schedule } & WithBatch>(
    "heavy-ball", "Polyak momentum: θ ← θ − η∇L(θ) + μ(θ − θ_prev)",
    { lr: 0.01, momentum: 0.9 }, { lr, momentum, batchSize, replacement }, heavyBall),
  nesterov: entry<{ lr: Schedule; momentum: Schedule } & WithBatch>(
    "nesterov", "Nesterov acceleration: gradient at the look-ahead θ + μ(θ − θ_prev)",
    { lr: 0.01, momentum: 0.9 }, { lr, momentum, batchSize, replacement }, nesterov),
  cg: entry<Record<string, never>>(
    "cg", "conjugate gradient with exact line search (quadratic objectives: squared loss, linear model)",
    {}, {}, () => conjugateGradient()),
  "mirror-descent": entry<{ lr: Schedule; potential: Potential } & WithBatch>(
    "mirror-descent", "mirror descent ∇ψ(θ) ← ∇ψ(θ) − η∇L(θ) with potential ψ",
    { lr: 0.01, potential: "euclidean" },
    { lr, potential: { type: "potential", description: "the potential ψ" }, batchSize, replacement }, mirrorDescent),
  steepest: entry<{ lr: Schedule; norm: number } & WithBatch>(
    "steepest", "steepest descent w.r.t. ‖·‖_p: θ ← θ + η‖g‖_* argmin_{‖v‖_p ≤ 1}⟨v, g⟩ (p=1 coordinate, p=∞ sign descent)",
    { lr: 0.01, norm: 1 },
    { lr, norm: { type: "norm", description: "p of the ℓp norm" }, batchSize, replacement }, steepestDescent),
  adagrad: entry<{ lr: Schedule; eps: number; initialAccumulator?: number } & WithBatch>(
    "adagrad", "diagonal AdaGrad: G ← G + g², θ ← θ − ηg/(√G + ε)",
    { lr: 0.1, eps: 1e-8 },
    { lr, eps, initialAccumulator: { type: "nonnegative", description: "starting value G₀ of the accumulators" }, batchSize, replacement },
    adagrad),
  rmsprop: entry<{ lr: Schedule; decay: number; eps: number } & WithBatch>(
    "rmsprop", "RMSprop: v ← ρv + (1 − ρ)g², θ ← θ − ηg/(√v + ε)",
    { lr: 0.001, decay: 0.9, eps: 1e-8 },
    { lr, decay: { type: "fraction", description: "decay ρ of the mean square" }, eps, batchSize, replacement }, rmsprop),
  adam: entry<{ lr: Schedule; beta1: number; beta2: number; eps: number } & WithBatch>(
    "adam", "Adam with bias correction",
    { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    {
      lr, beta1: { type: "fraction", description: "first-moment decay β₁" },
      beta2: { type: "fraction", description: "second-moment decay β₂" }, eps, batchSize, replacement,
    },
    adam),
};

/** The optimizer registered as `name`, built with `options`; unknown names list the registered ones. */
export function createOptimizer(name: string, options?: Readonly<Record<string, unknown>>): Optimizer {
  if (!Object.prototype.hasOwnProperty.call(optimizerRegistry, name)) {
    throw new OptimizerOptionError(`unknown optimizer "${name}"; allowed: ${Object.keys(optimizerRegistry).join(", ")}`);
  }
  return optimizerRegistry[name].create(options);
}
