// Conjugate gradient for quadratic objectives, with exact line search:
//   r = −∇L(θ) (recomputed each step, which keeps it accurate),
//   p ← r + β p with β = max(0, rᵀ(r − r_old)/‖r_old‖²) (Polak–Ribière, = Fletcher–Reeves on quadratics),
//   α = rᵀp / pᵀ∇²L p,  θ ← θ + α p.
// Every p is a combination of gradients, so θ stays in θ0 + span{∇L(θ_s)}: on least
// squares that is θ0 + rowspace(X), and the limit is the min-‖θ − θ0‖ solution.
import type { Objective } from "../models/index.ts";
import type { Rng } from "../random/index.ts";
import { checkTheta0 } from "./gradientOracle.ts";
import type { Optimizer, OptimizerState } from "./types.ts";

export interface ConjugateGradientState extends OptimizerState {
  readonly objective: Objective;
  /** r = −∇L(θ) at the last step */
  readonly residual: Float64Array;
  readonly previousResidual: Float64Array;
  /** search direction p */
  readonly direction: Float64Array;
  /** ∇²L p */
  readonly curvature: Float64Array;
  /** ‖r_old‖², 0 before the first step */
  previousNorm2: number;
}

export function conjugateGradient(): Optimizer<ConjugateGradientState> {
  return {
    name: "cg",
    init(objective: Objective, theta0: Float64Array, _rng: Rng): ConjugateGradientState {
      checkTheta0("cg", objective, theta0);
      if (!objective.hessVec) {
        throw new Error(
          `cg: conjugate gradient needs Hessian-vector products, and the objective "${objective.name}" has none (it is available for quadratic objectives: squared loss on a linear model)`,
        );
      }
      const n = objective.dim;
      return {
        theta: theta0.slice(), t: 0, loss: NaN, objective,
        residual: new Float64Array(n), previousResidual: new Float64Array(n),
        direction: new Float64Array(n), curvature: new Float64Array(n), previousNorm2: 0,
      };
    },
    step(s) {
      const th = s.theta, r = s.residual, rOld = s.previousResidual, p = s.direction, hp = s.curvature;
      const n = th.length;
      s.loss = s.objective.gradient(th, r);
      let rr = 0, rrOld = 0;
      for (let j = 0; j < n; j++) {
        r[j] = -r[j];
        rr += r[j] * r[j];
        rrOld += r[j] * rOld[j];
      }
      const beta = s.previousNorm2 > 0 ? Math.max(0, (rr - rrOld) / s.previousNorm2) : 0;
      let rp = 0;
      for (let j = 0; j < n; j++) {
        p[j] = r[j] + beta * p[j];
        rp += r[j] * p[j];
      }
      if (!(rp > 0)) {
        // p is not a descent direction (rounding): restart along the residual
        for (let j = 0; j < n; j++) p[j] = r[j];
        rp = rr;
      }
      s.objective.hessVec!(th, p, hp);
      let php = 0;
      for (let j = 0; j < n; j++) php += p[j] * hp[j];
      // r = 0 (a minimizer) or no curvature along p: nothing to do
      if (rr > 0 && php > 0) {
        const alpha = rp / php;
        for (let j = 0; j < n; j++) th[j] += alpha * p[j];
      }
      rOld.set(r);
      s.previousNorm2 = rr;
      s.t++;
    },
  };
}
