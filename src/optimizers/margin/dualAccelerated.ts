// The dual-accelerated margin maximizer of Ji, Srebro & Telgarsky, "Fast margin maximization
// via dual acceleration", ICML 2021 (arXiv:2107.00595), Algorithm 1. With rows zᵢ = −yᵢxᵢ of Z
// (‖zᵢ‖₂ ≤ 1) and the dual variable q_t = softmax(Z w_t) ∈ Δₙ (weights on the smallest margins):
//   g_t     = β_t (g_{t−1} + Zᵀq_t),        g_{−1} = 0
//   w_{t+1} = w_t − θ_t (g_t + Zᵀq_t)
// and with θ_t = 1, β_t = t/(t+1) the normalized margin satisfies γ(w_t)/‖w_t‖ ≥ γ̄ − Õ(log n/(γ̄ t²)).
// It is Nesterov's accelerated mirror descent on the dual  min_{q∈Δₙ} ½‖Zᵀq‖₂²  (whose value is γ̄²/2)
// with the entropy mirror map: −Z w_t is the accumulated dual gradient and q_t its mirror point; in the
// primal it is gradient descent on log L with momentum g_t = (1/(t+1)) Σ_{j≤t} j·Zᵀq_j.
// Zᵀq_t is ∇ log L(w_t) for the exponential loss L(w) = (1/n) Σᵢ exp(−yᵢ⟨w, xᵢ⟩); here it is
// computed for any margin objective as ∇ log L = exp(log‖∇L‖ − log L)·∇L/‖∇L‖ (log domain: exact at
// margins ≫ 1e3), the paper's update on the exponential loss and its analogue for other losses.
// Data outside the unit ball: θ_t = 1/R² (R = maxᵢ‖xᵢ‖₂) is the same method run on xᵢ/R.
import type { Objective } from "../../models/index.ts";
import type { Rng } from "../../random/index.ts";
import { checkTheta0 } from "../gradientOracle.ts";
import { checkSchedule, checkStepSize, scheduleAt, type Schedule } from "../stepSize.ts";
import type { Optimizer, OptimizerState } from "../types.ts";
import { logLossGradientOracle, type LogLossGradient } from "./logGradient.ts";

export interface DualAcceleratedOptions {
  /** θ_t: 1 for data in the unit ball (the paper's choice), 1/maxᵢ‖xᵢ‖² in general */
  lr: Schedule;
  /** β_t (default t/(t+1), the paper's choice) */
  momentum?: Schedule;
}

export interface DualAcceleratedState extends OptimizerState {
  /** Zᵀq_t = ∇ log L(θ_t) at the point before the last step */
  readonly logGrad: Float64Array;
  /** the momentum g_t */
  readonly momentum: Float64Array;
  /** log L at the point before the last step */
  logLoss: number;
  readonly eval: LogLossGradient;
  readonly oracle: (theta: Float64Array, out: Float64Array, r: LogLossGradient) => void;
}

/** β_t = t/(t+1) */
export const dualAcceleratedMomentum = (t: number): number => t / (t + 1);

export function dualAccelerated(opts: DualAcceleratedOptions): Optimizer<DualAcceleratedState> {
  const name = "dual-accelerated";
  const { lr, momentum = dualAcceleratedMomentum } = opts;
  checkStepSize(name, lr);
  checkSchedule(name, "momentum", momentum, { min: 0, minInclusive: true, max: 1, maxInclusive: true });
  return {
    name,
    init(objective: Objective, theta0: Float64Array, _rng: Rng): DualAcceleratedState {
      checkTheta0(name, objective, theta0);
      return {
        theta: theta0.slice(), t: 0, loss: NaN, logLoss: NaN,
        logGrad: new Float64Array(objective.dim), momentum: new Float64Array(objective.dim),
        eval: { logLoss: NaN, logNorm: NaN }, oracle: logLossGradientOracle(objective),
      };
    },
    step(s) {
      const theta = scheduleAt(lr, s.t), beta = scheduleAt(momentum, s.t);
      s.oracle(s.theta, s.logGrad, s.eval);
      s.logLoss = s.eval.logLoss;
      s.loss = Math.exp(s.logLoss);
      const w = s.theta, v = s.logGrad, g = s.momentum;
      for (let j = 0; j < w.length; j++) {
        const gj = beta * (g[j] + v[j]);
        g[j] = gj;
        w[j] -= theta * (gj + v[j]);
      }
      s.t++;
    },
  };
}
