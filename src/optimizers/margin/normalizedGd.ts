// Normalized gradient descent: θ ← θ − η_t ∇L(θ)/‖∇L(θ)‖₂ (every step has length η_t).
// The unit direction comes from the objective's log-domain gradientDirection where it has
// one, so the step is exact at margins ≫ 1e3 where ∇L itself underflows to 0.
import type { Objective } from "../../models/index.ts";
import type { Rng } from "../../random/index.ts";
import { checkTheta0 } from "../gradientOracle.ts";
import { checkStepSize, scheduleAt, type Schedule } from "../stepSize.ts";
import type { Optimizer, OptimizerState } from "../types.ts";
import { directionOracle, type DirectionOracle } from "./logGradient.ts";

export interface NormalizedGdState extends OptimizerState {
  /** ∇L/‖∇L‖₂ at the point before the last step */
  readonly direction: Float64Array;
  /** log‖∇L‖₂ at the point before the last step */
  logGradNorm: number;
  readonly oracle: DirectionOracle;
}

/** θ ← θ − η ∇L/‖∇L‖₂; state.loss stays NaN (the loss is never evaluated: only its gradient's direction). */
export function normalizedGd(opts: { lr: Schedule }): Optimizer<NormalizedGdState> {
  const name = "normalized-gd";
  const { lr } = opts;
  checkStepSize(name, lr);
  return {
    name,
    init(objective: Objective, theta0: Float64Array, _rng: Rng): NormalizedGdState {
      checkTheta0(name, objective, theta0);
      return {
        theta: theta0.slice(), t: 0, loss: NaN, direction: new Float64Array(objective.dim),
        logGradNorm: NaN, oracle: directionOracle(objective),
      };
    },
    step(s) {
      const eta = scheduleAt(lr, s.t);
      s.logGradNorm = s.oracle(s.theta, s.direction);
      const th = s.theta, u = s.direction;
      for (let j = 0; j < th.length; j++) th[j] -= eta * u[j];
      s.t++;
    },
  };
}
