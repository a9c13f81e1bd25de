// Adaptive (diagonally preconditioned) methods; all operations are per coordinate.
import type { Objective } from "../models/index.ts";
import type { Rng } from "../random/index.ts";
import type { GradientState } from "./gd.ts";
import { checkBatchOptions, checkTheta0, gradientOracle, type BatchOptions } from "./gradientOracle.ts";
import { checkNumber, checkStepSize, scheduleAt, type Schedule } from "./stepSize.ts";
import type { Optimizer } from "./types.ts";

export interface AdagradOptions extends BatchOptions {
  lr: Schedule;
  /** ε > 0 added to √G */
  eps: number;
  /** G₀ ≥ 0, the starting value of every accumulator (default 0) */
  initialAccumulator?: number;
}

export interface AdagradState extends GradientState {
  /** G_t = G₀ + Σ_s g_s² */
  readonly accumulator: Float64Array;
}

/** AdaGrad (diagonal): G ← G + g², θ ← θ − η g / (√G + ε). */
export function adagrad(opts: AdagradOptions): Optimizer<AdagradState> {
  const { lr, eps } = opts;
  const g0 = opts.initialAccumulator ?? 0;
  checkStepSize("adagrad", lr);
  checkNumber("adagrad", "eps", eps, 0, false);
  checkNumber("adagrad", "initialAccumulator", g0, 0, true);
  checkBatchOptions("adagrad", opts);
  return {
    name: "adagrad",
    init(objective: Objective, theta0: Float64Array, rng: Rng): AdagradState {
      checkTheta0("adagrad", objective, theta0);
      const n = objective.dim;
      return {
        theta: theta0.slice(), t: 0, loss: NaN, grad: new Float64Array(n),
        accumulator: new Float64Array(n).fill(g0), oracle: gradientOracle(objective, rng, opts),
      };
    },
    step(s) {
      const eta = scheduleAt(lr, s.t);
      s.loss = s.oracle(s.theta, s.grad);
      const th = s.theta, g = s.grad, G = s.accumulator;
      for (let j = 0; j < th.length; j++) {
        G[j] += g[j] * g[j];
        th[j] -= (eta * g[j]) / (Math.sqrt(G[j]) + eps);
      }
      s.t++;
    },
  };
}

export interface RmspropOptions extends BatchOptions {
  lr: Schedule;
  /** ρ ∈ [0, 1) */
  decay: number;
  eps: number;
}

export interface RmspropState extends GradientState {
  /** v_t = ρ v_{t−1} + (1 − ρ) g_t², v₀ = 0 */
  readonly meanSquare: Float64Array;
}

/** RMSprop: v ← ρv + (1 − ρ) g², θ ← θ − η g / (√v + ε). */
export function rmsprop(opts: RmspropOptions): Optimizer<RmspropState> {
  const { lr, decay, eps } = opts;
  checkStepSize("rmsprop", lr);
  checkNumber("rmsprop", "decay", decay, 0, true, 1, false);
  checkNumber("rmsprop", "eps", eps, 0, false);
  checkBatchOptions("rmsprop", opts);
  return {
    name: "rmsprop",
    init(objective: Objective, theta0: Float64Array, rng: Rng): RmspropState {
      checkTheta0("rmsprop", objective, theta0);
      const n = objective.dim;
      return {
        theta: theta0.slice(), t: 0, loss: NaN, grad: new Float64Array(n),
        meanSquare: new Float64Array(n), oracle: gradientOracle(objective, rng, opts),
      };
    },
    step(s) {
      const eta = scheduleAt(lr, s.t);
      s.loss = s.oracle(s.theta, s.grad);
      const th = s.theta, g = s.grad, v = s.meanSquare;
      for (let j = 0; j < th.length; j++) {
        v[j] = decay * v[j] + (1 - decay) * g[j] * g[j];
        th[j] -= (eta * g[j]) / (Math.sqrt(v[j]) + eps);
      }
      s.t++;
    },
  };
}

export interface AdamOptions extends BatchOptions {
  lr: Schedule;
  beta1: number;
  beta2: number;
  eps: number;
}

export interface AdamState extends GradientState {
  /** first moment m_t */
  readonly m: Float64Array;
  /** second moment v_t */
  readonly v: Float64Array;
}

/**
 * Adam (Kingma & Ba) with bias correction: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
 * θ ← θ − η m̂ / (√v̂ + ε) with m̂ = m/(1 − β₁^{t+1}), v̂ = v/(1 − β₂^{t+1}).
 */
export function adam(opts: AdamOptions): Optimizer<AdamState> {
  const { lr, beta1, beta2, eps } = opts;
  checkStepSize("adam", lr);
  checkNumber("adam", "beta1", beta1, 0, true, 1, false);
  checkNumber("adam", "beta2", beta2, 0, true, 1, false);
  checkNumber("adam", "eps", eps, 0, false);
  checkBatchOptions("adam", opts);
  return {
    name: "adam",
    init(objective: Objective, theta0: Float64Array, rng: Rng): AdamState {
      checkTheta0("adam", objective, theta0);
      const n = objective.dim;
      return {
        theta: theta0.slice(), t: 0, loss: NaN, grad: new Float64Array(n),
        m: new Float64Array(n), v: new Float64Array(n), oracle: gradientOracle(objective, rng, opts),
      };
    },
    step(s) {
      const eta = scheduleAt(lr, s.t);
      s.loss = s.oracle(s.theta, s.grad);
      const c1 = 1 - Math.pow(beta1, s.t + 1), c2 = 1 - Math.pow(beta2, s.t + 1);
      const th = s.theta, g = s.grad, m = s.m, v = s.v;
      for (let j = 0; j < th.length; j++) {
        m[j] = beta1 * m[j] + (1 - beta1) * g[j];
        v[j] = beta2 * v[j] + (1 - beta2) * g[j] * g[j];
        th[j] -= (eta * (m[j] / c1)) / (Math.sqrt(v[j] / c2) + eps);
      }
      s.t++;
    },
  };
}
