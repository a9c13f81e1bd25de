// Normalized steepest descent w.r.t. ‖·‖_p: θ ← θ + η_t v*,  v* = argmin_{‖v‖_p ≤ 1} ⟨v, ∇L(θ)⟩,
// so every step has ‖Δθ‖_p = η_t (ℓ1: one coordinate moves by η; ℓ∞: sign descent η·sign(∇L);
// ℓ2: normalized GD). v* is scale-invariant in ∇L, so it is computed from the log-domain unit
// direction u = ∇L/‖∇L‖₂: steepestStep(θ, u, η/‖u‖_q, p) moves by exactly η in ‖·‖_p (q = p/(p−1)).
import { dualNormP } from "../../linalg/index.ts";
import type { Objective } from "../../models/index.ts";
import type { Rng } from "../../random/index.ts";
import { checkTheta0 } from "../gradientOracle.ts";
import { steepestStep } from "../steepestDescent.ts";
import { checkStepSize, scheduleAt, type Schedule } from "../stepSize.ts";
import type { Optimizer } from "../types.ts";
import type { NormalizedGdState } from "./normalizedGd.ts";
import { directionOracle } from "./logGradient.ts";

export interface NormalizedSteepestOptions {
  lr: Schedule;
  /** p ∈ [1, ∞]: 1 (coordinate descent), 2 (normalized GD), Infinity (sign descent), or any p */
  norm: number;
}

export interface NormalizedSteepestState extends NormalizedGdState {
  /** the coordinate moved by the last ℓ1 step (−1 for other norms or a zero gradient) */
  lastCoordinate: number;
}

export function normalizedSteepest(opts: NormalizedSteepestOptions): Optimizer<NormalizedSteepestState> {
  const { lr, norm: p } = opts;
  if (typeof p !== "number" || !(p >= 1)) {
    throw new RangeError(`normalized-steepest: norm must be a number p in [1, ∞] (1, 2, Infinity or any p ≥ 1), got ${String(p)}`);
  }
  const name = `normalized-steepest(${p === Infinity ? "ℓ∞" : `ℓ${p}`})`;
  checkStepSize(name, lr);
  return {
    name,
    init(objective: Objective, theta0: Float64Array, _rng: Rng): NormalizedSteepestState {
      checkTheta0(name, objective, theta0);
      return {
        theta: theta0.slice(), t: 0, loss: NaN, direction: new Float64Array(objective.dim),
        logGradNorm: NaN, oracle: directionOracle(objective), lastCoordinate: -1,
      };
    },
    step(s) {
      const eta = scheduleAt(lr, s.t);
      s.logGradNorm = s.oracle(s.theta, s.direction);
      const uq = dualNormP(s.direction, p);
      s.lastCoordinate = uq > 0 ? steepestStep(s.theta, s.direction, eta / uq, p) : -1;
      s.t++;
    },
  };
}
