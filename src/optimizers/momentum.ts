// Momentum methods (full batch by default, minibatch with batchSize).
import type { Objective } from "../models/index.ts";
import type { Rng } from "../random/index.ts";
import type { GradientState } from "./gd.ts";
import { checkBatchOptions, checkTheta0, gradientOracle, type BatchOptions } from "./gradientOracle.ts";
import { checkSchedule, checkStepSize, scheduleAt, type Schedule } from "./stepSize.ts";
import type { Optimizer } from "./types.ts";

export interface MomentumOptions extends BatchOptions {
  lr: Schedule;
  /** μ ∈ [0, 1), or a schedule t ↦ μ_t (e.g. t/(t+3)) */
  momentum: Schedule;
}

export interface HeavyBallState extends GradientState {
  /** v_t = θ_t − θ_{t−1} */
  readonly velocity: Float64Array;
}

function check(name: string, o: MomentumOptions): void {
  checkStepSize(name, o.lr);
  checkSchedule(name, "momentum", o.momentum, { min: 0, minInclusive: true, max: 1, maxInclusive: false });
  checkBatchOptions(name, o);
}

/** Polyak heavy ball: θ_{t+1} = θ_t − η_t ∇L(θ_t) + μ_t (θ_t − θ_{t−1}), via v ← μv − ηg, θ ← θ + v. */
export function heavyBall(opts: MomentumOptions): Optimizer<HeavyBallState> {
  check("heavy-ball", opts);
  const { lr, momentum } = opts;
  return {
    name: "heavy-ball",
    init(objective: Objective, theta0: Float64Array, rng: Rng): HeavyBallState {
      checkTheta0("heavy-ball", objective, theta0);
      const n = objective.dim;
      return {
        theta: theta0.slice(), t: 0, loss: NaN,
        grad: new Float64Array(n), velocity: new Float64Array(n), oracle: gradientOracle(objective, rng, opts),
      };
    },
    step(s) {
      const eta = scheduleAt(lr, s.t), mu = scheduleAt(momentum, s.t);
      s.loss = s.oracle(s.theta, s.grad);
      const th = s.theta, g = s.grad, v = s.velocity;
      for (let j = 0; j < th.length; j++) {
        v[j] = mu * v[j] - eta * g[j];
        th[j] += v[j];
      }
      s.t++;
    },
  };
}

export interface NesterovState extends GradientState {
  /** θ_{t−1} */
  readonly previous: Float64Array;
  /** the look-ahead point y_t where the gradient is taken */
  readonly lookahead: Float64Array;
}

/**
 * Nesterov's accelerated gradient: y_t = θ_t + μ_t (θ_t − θ_{t−1}), θ_{t+1} = y_t − η_t ∇L(y_t).
 * state.loss is L(y_t), the point where the gradient was taken.
 */
export function nesterov(opts: MomentumOptions): Optimizer<NesterovState> {
  check("nesterov", opts);
  const { lr, momentum } = opts;
  return {
    name: "nesterov",
    init(objective: Objective, theta0: Float64Array, rng: Rng): NesterovState {
      checkTheta0("nesterov", objective, theta0);
      const n = objective.dim;
      return {
        theta: theta0.slice(), t: 0, loss: NaN, grad: new Float64Array(n),
        previous: theta0.slice(), lookahead: new Float64Array(n), oracle: gradientOracle(objective, rng, opts),
      };
    },
    step(s) {
      const eta = scheduleAt(lr, s.t), mu = scheduleAt(momentum, s.t);
      const th = s.theta, prev = s.previous, y = s.lookahead, g = s.grad;
      for (let j = 0; j < th.length; j++) y[j] = th[j] + mu * (th[j] - prev[j]);
      s.loss = s.oracle(y, g);
      for (let j = 0; j < th.length; j++) {
        prev[j] = th[j];
        th[j] = y[j] - eta * g[j];
      }
      s.t++;
    },
  };
}
