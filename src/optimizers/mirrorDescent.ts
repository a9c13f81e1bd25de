// Mirror descent with potential ψ: the dual variable z = ∇ψ(θ) is the state,
//   z ← z − η_t g_t,  θ = ∇ψ*(z),
// so θ is never mapped back and forth through ∇ψ (no drift from round trips).
// On least squares the dual iterate stays in ∇ψ(θ0) + rowspace(X), the optimality
// condition of argmin D_ψ(θ, θ0) s.t. Xθ = y.
import type { Potential } from "../geometry/index.ts";
import type { Objective } from "../models/index.ts";
import type { Rng } from "../random/index.ts";
import type { GradientState } from "./gd.ts";
import { checkBatchOptions, checkTheta0, gradientOracle, type BatchOptions } from "./gradientOracle.ts";
import { checkStepSize, scheduleAt, type Schedule } from "./stepSize.ts";
import type { Optimizer } from "./types.ts";

export interface MirrorDescentOptions extends BatchOptions {
  lr: Schedule;
  potential: Potential;
}

export interface MirrorDescentState extends GradientState {
  /** z_t = ∇ψ(θ_t), the dual iterate */
  readonly dual: Float64Array;
}

export function mirrorDescent(opts: MirrorDescentOptions): Optimizer<MirrorDescentState> {
  const { lr, potential } = opts;
  const name = `mirror-descent(${potential?.name})`;
  checkStepSize(name, lr);
  checkBatchOptions(name, opts);
  if (!potential || typeof potential.grad !== "function" || typeof potential.gradConj !== "function") {
    throw new TypeError(`mirror-descent: potential must be a Potential object (with grad and gradConj), got ${String(potential)}`);
  }
  return {
    name,
    init(objective: Objective, theta0: Float64Array, rng: Rng): MirrorDescentState {
      checkTheta0(name, objective, theta0);
      if (!potential.inDomain(theta0)) throw new RangeError(`${name}: θ0 is outside the domain of the potential`);
      const n = objective.dim;
      return {
        theta: theta0.slice(), t: 0, loss: NaN, grad: new Float64Array(n),
        dual: potential.grad(theta0, new Float64Array(n)), oracle: gradientOracle(objective, rng, opts),
      };
    },
    step(s) {
      const eta = scheduleAt(lr, s.t);
      s.loss = s.oracle(s.theta, s.grad);
      const z = s.dual, g = s.grad;
      for (let j = 0; j < z.length; j++) z[j] -= eta * g[j];
      potential.gradConj(z, s.theta);
      s.t++;
    },
  };
}
