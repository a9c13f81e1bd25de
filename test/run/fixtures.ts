// A tiny least-squares objective and a tiny (stochastic) gradient descent, inline,
// so the run-loop tests depend on nothing but the contracts.
import type { Objective, Parameterization } from "../../src/models/types.ts";
import type { Optimizer, OptimizerState } from "../../src/optimizers/types.ts";
import type { Rng } from "../../src/random/index.ts";

/** L(θ) = (1/2N) Σₙ (⟨xₙ, θ⟩ − yₙ)² with X given by rows. */
export function leastSquares(rows: number[][], y: number[], counter?: { value: number }): Objective {
  const n = rows.length, d = rows[0].length;
  const X = rows.map((r) => Float64Array.from(r));
  const identity: Parameterization = {
    name: "identity", dim: d, predictorDim: d,
    init: () => new Float64Array(d),
    predictor: (theta, out) => { out.set(theta); return out; },
    pullback: (_theta, g, out) => { out.set(g); return out; },
  };
  const resid = (theta: Float64Array, i: number): number => {
    let s = -y[i];
    for (let j = 0; j < d; j++) s += X[i][j] * theta[j];
    return s;
  };
  const batch = (theta: Float64Array, idx: Int32Array, count: number, out: Float64Array): number => {
    out.fill(0);
    let L = 0;
    for (let k = 0; k < count; k++) {
      const i = idx[k];
      const r = resid(theta, i);
      L += 0.5 * r * r;
      for (let j = 0; j < d; j++) out[j] += (r * X[i][j]) / count;
    }
    return L / count;
  };
  const all = Int32Array.from({ length: n }, (_, i) => i);
  return {
    name: "tiny-least-squares", dim: d, nExamples: n, parameterization: identity,
    value(theta) {
      if (counter) counter.value++;
      let L = 0;
      for (let i = 0; i < n; i++) L += 0.5 * resid(theta, i) ** 2;
      return L / n;
    },
    gradient: (theta, out) => batch(theta, all, n, out),
    batchGradient: batch,
  };
}

export interface GdState extends OptimizerState {
  readonly grad: Float64Array;
  readonly idx: Int32Array;
  readonly objective: Objective;
  readonly rng: Rng;
}

/** θ ← θ − η g, g the full gradient (batch = 0) or that of `batch` examples drawn with replacement. */
export function tinyGd(lr: number, batch = 0): Optimizer<GdState> {
  return {
    name: batch ? "tiny-sgd" : "tiny-gd",
    init(objective, theta0, rng) {
      const n = objective.nExamples;
      return {
        theta: theta0.slice(), t: 0, loss: NaN, grad: new Float64Array(objective.dim),
        idx: Int32Array.from({ length: batch || n }, (_, i) => i), objective, rng,
      };
    },
    step(s) {
      if (batch) {
        for (let k = 0; k < batch; k++) s.idx[k] = s.rng.int(s.objective.nExamples);
        s.loss = s.objective.batchGradient(s.theta, s.idx, batch, s.grad);
      } else {
        s.loss = s.objective.gradient(s.theta, s.grad);
      }
      for (let j = 0; j < s.theta.length; j++) s.theta[j] -= lr * s.grad[j];
      s.t++;
    },
  };
}

/** 2 examples in R³: the min-norm interpolant is Xᵀ(XXᵀ)⁻¹y. */
export const X2 = [[1, 2, 0], [0, 1, 1]];
export const Y2 = [1, 2];
export function minNormX2(): Float64Array {
  // XXᵀ = [[5, 2], [2, 2]], det 6, inverse [[2, −2], [−2, 5]]/6
  const a = (2 * Y2[0] - 2 * Y2[1]) / 6, b = (-2 * Y2[0] + 5 * Y2[1]) / 6;
  return Float64Array.from([X2[0][0] * a + X2[1][0] * b, X2[0][1] * a + X2[1][1] * b, X2[0][2] * a + X2[1][2] * b]);
}
