// Reference programs by name, for `biaslab solve <program>`: each solves on the
// user's data { X, y } with string/number options and returns a certificate.
import type { Matrix } from "../linalg/index.ts";
import { potentialFromId, allowedPotentialIds } from "../geometry/index.ts";
import type { ReferenceSolution } from "./types.ts";
import { minNormL2 } from "./minNormL2.ts";
import { bregmanProjection } from "./bregmanProjection.ts";
import { minL1, minLinf } from "./lpNorms.ts";
import { ridge } from "./ridge.ts";

export interface ProgramData {
  readonly X: Matrix;
  readonly y: Float64Array;
  /** the reference point of min ‖w − w0‖ and of Bregman projections */
  readonly w0?: Float64Array;
}

export type ProgramOptions = Readonly<Record<string, string | number | boolean | undefined>>;

export interface ReferenceProgram {
  readonly description: string;
  /** option name → meaning and default */
  readonly options: Readonly<Record<string, string>>;
  solve(data: ProgramData, options?: ProgramOptions): Promise<ReferenceSolution>;
}

export function checkOptions(program: string, allowed: Readonly<Record<string, string>>, options: ProgramOptions): void {
  for (const key of Object.keys(options)) {
    if (options[key] === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(allowed, key)) {
      const names = Object.keys(allowed);
      throw new Error(`program "${program}" has no option "${key}"; allowed: ${names.length ? names.join(", ") : "none"}`);
    }
  }
}

export function positiveNumber(program: string, name: string, value: string | number | boolean | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new Error(`program "${program}" needs the option ${name} (a positive number)`);
    return fallback;
  }
  const v = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  if (!(v > 0 && v < Infinity)) throw new Error(`program "${program}": option ${name} must be a positive number, got "${String(value)}"`);
  return v;
}

function define(
  name: string,
  description: string,
  options: Readonly<Record<string, string>>,
  run: (data: ProgramData, options: ProgramOptions) => ReferenceSolution | Promise<ReferenceSolution>,
): ReferenceProgram {
  return {
    description,
    options,
    async solve(data, opts = {}) {
      checkOptions(name, options, opts);
      return run(data, opts);
    },
  };
}

const TIME_LIMIT = "HiGHS wall-clock limit in seconds (default 60)";

export const programRegistry: Readonly<Record<string, ReferenceProgram>> = {
  "min-l2": define("min-l2", "argmin ‖w − w0‖₂ s.t. Xw = y (w0 = 0 unless given)", {}, (data) => minNormL2(data.X, data.y, data.w0)),
  "min-l1": define("min-l1", "argmin ‖w‖₁ s.t. Xw = y (LP, HiGHS)", { timeLimit: TIME_LIMIT }, (data, o) =>
    minL1(data.X, data.y, { timeLimit: positiveNumber("min-l1", "timeLimit", o.timeLimit, 60) }),
  ),
  "min-linf": define("min-linf", "argmin ‖w‖_∞ s.t. Xw = y (LP, HiGHS)", { timeLimit: TIME_LIMIT }, (data, o) =>
    minLinf(data.X, data.y, { timeLimit: positiveNumber("min-linf", "timeLimit", o.timeLimit, 60) }),
  ),
  bregman: define(
    "bregman",
    "argmin D_ψ(w, w0) s.t. Xw = y (w0 = ∇ψ*(0), the minimizer of ψ, unless given)",
    {
      potential: `potential id: ${allowedPotentialIds()} (default euclidean)`,
      maxIterations: "Newton steps before giving up (default 100)",
    },
    (data, o) => {
      const id = o.potential === undefined ? "euclidean" : String(o.potential);
      const maxIterations = Math.round(positiveNumber("bregman", "maxIterations", o.maxIterations, 100));
      return bregmanProjection(data.X, data.y, potentialFromId(id), data.w0, { maxIterations });
    },
  ),
  ridge: define("ridge", "argmin (1/2N)‖Xw − y‖² + (λ/2)‖w‖²", { lambda: "the ridge penalty λ > 0 (required)" }, (data, o) =>
    ridge(data.X, data.y, positiveNumber("ridge", "lambda", o.lambda)),
  ),
};

/** The program named `id`; throws an Error listing the allowed names. */
export function programFromId(id: string): ReferenceProgram {
  if (!Object.prototype.hasOwnProperty.call(programRegistry, id)) {
    throw new Error(`unknown program "${id}"; allowed: ${Object.keys(programRegistry).join(", ")}`);
  }
  return programRegistry[id];
}
