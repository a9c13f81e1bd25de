// (Stochastic) gradient descent: θ ← θ − η_t g_t, g_t the full or minibatch gradient.
import type { Objective } from "../models/index.ts";
import type { Rng } from "../random/index.ts";
import { checkBatchOptions, checkTheta0, gradientOracle, type BatchOptions, type GradientOracle } from "./gradientOracle.ts";
import { checkStepSize, scheduleAt, type Schedule } from "./stepSize.ts";
import type { Optimizer, OptimizerState } from "./types.ts";

export interface GradientState extends OptimizerState {
  /** the last gradient (estimate), at the point before the step */
  readonly grad: Float64Array;
  readonly oracle: GradientOracle;
}

function descent(name: string, lr: Schedule, batch: BatchOptions): Optimizer<GradientState> {
  checkStepSize(name, lr);
  checkBatchOptions(name, batch);
  return {
    name,
    init(objective: Objective, theta0: Float64Array, rng: Rng): GradientState {
      checkTheta0(name, objective, theta0);
      return { theta: theta0.slice(), t: 0, loss: NaN, grad: new Float64Array(objective.dim), oracle: gradientOracle(objective, rng, batch) };
    },
    step(s) {
      const eta = scheduleAt(lr, s.t);
      s.loss = s.oracle(s.theta, s.grad);
      const th = s.theta, g = s.grad;
      for (let j = 0; j < th.length; j++) th[j] -= eta * g[j];
      s.t++;
    },
  };
}

/** Full-batch gradient descent θ ← θ − η_t ∇L(θ). */
export function gd(opts: { lr: Schedule }): Optimizer<GradientState> {
  return descent("gd", opts.lr, {});
}

/**
 * Stochastic gradient descent on minibatch means: batchSize 1 is instance-wise;
 * replacement = false (default) reshuffles every epoch. Uses the Rng given to init.
 */
export function sgd(opts: { lr: Schedule; batchSize?: number; replacement?: boolean }): Optimizer<GradientState> {
  const batchSize = opts.batchSize ?? 1;
  const replacement = opts.replacement ?? false;
  return descent("sgd", opts.lr, { batchSize, replacement });
}
