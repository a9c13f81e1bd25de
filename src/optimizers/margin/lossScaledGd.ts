// Gradient descent with η_t = η/L(θ_t) (Ji & Telgarsky, "Characterizing the implicit bias via
// a primal-dual analysis", ALT 2021): θ ← θ − η ∇L/L = θ − η ∇ log L. Computed in the log domain,
//   ∇L/L = exp(log‖∇L‖ − log L) · ∇L/‖∇L‖,
// so margins ≫ 1e3 (L = e^{−1e4}) give the exact step. On the exponential loss ‖∇ log L‖ ≤ maxᵢ‖xᵢ‖
// and log L is maxᵢ‖xᵢ‖²-smooth: η ≤ 1/maxᵢ‖xᵢ‖² is a safe choice; the margin gap falls as O(1/t).
import type { Objective } from "../../models/index.ts";
import type { Rng } from "../../random/index.ts";
import { checkTheta0 } from "../gradientOracle.ts";
import { checkStepSize, scheduleAt, type Schedule } from "../stepSize.ts";
import type { Optimizer, OptimizerState } from "../types.ts";
import { logLossGradientOracle, type LogLossGradient } from "./logGradient.ts";

export interface LossScaledGdState extends OptimizerState {
  /** ∇ log L = ∇L/L at the point before the last step */
  readonly logGrad: Float64Array;
  /** log L at the point before the last step (finite where L underflows) */
  logLoss: number;
  readonly eval: LogLossGradient;
  readonly oracle: (theta: Float64Array, out: Float64Array, r: LogLossGradient) => void;
}

/** θ ← θ − η ∇L(θ)/L(θ); state.loss = L(θ) before the step (0 once it underflows; see logLoss). */
export function lossScaledGd(opts: { lr: Schedule }): Optimizer<LossScaledGdState> {
  const name = "loss-scaled-gd";
  const { lr } = opts;
  checkStepSize(name, lr);
  return {
    name,
    init(objective: Objective, theta0: Float64Array, _rng: Rng): LossScaledGdState {
      checkTheta0(name, objective, theta0);
      return {
        theta: theta0.slice(), t: 0, loss: NaN, logLoss: NaN, logGrad: new Float64Array(objective.dim),
        eval: { logLoss: NaN, logNorm: NaN }, oracle: logLossGradientOracle(objective),
      };
    },
    step(s) {
      const eta = scheduleAt(lr, s.t);
      s.oracle(s.theta, s.logGrad, s.eval);
      s.logLoss = s.eval.logLoss;
      s.loss = Math.exp(s.logLoss);
      const th = s.theta, g = s.logGrad;
      for (let j = 0; j < th.length; j++) th[j] -= eta * g[j];
      s.t++;
    },
  };
}
