// Loss-normalized gradient descent θ ← θ − η ∇L(θ)/(L(θ)‖θ‖²) for exponentially-tailed losses on
// 2-homogeneous models such as W = UVᵀ (after Nacson et al. 2019's η/L for linear models): the plain
// GD direction with a step that grows as the loss vanishes, divided by ‖θ‖² because the curvature of
// L along the path scales like L‖θ‖² there (without it the step overshoots once the margins grow), so
// the slow 1/log t approach to the max-margin direction is covered in far fewer steps. ∇L/L is formed in the log
// domain (gradientDirection, logValue), so it stays exact after L underflows. Private to the matrix
// claims (the optimizers layer has no normalized variant).
import type { MarginObjective } from "../../models/index.ts";
import type { Optimizer, OptimizerState } from "../../optimizers/index.ts";

interface State extends OptimizerState {
  readonly dir: Float64Array;
}

export function lossNormalizedGd(objective: MarginObjective, lr: number): Optimizer<State> {
  return {
    name: `loss-normalized gd (η = ${lr})`,
    init(_objective, theta0) {
      return { theta: theta0.slice(), t: 0, loss: NaN, dir: new Float64Array(theta0.length) };
    },
    step(s) {
      const logL = objective.logValue(s.theta);
      const logG = objective.gradientDirection(s.theta, s.dir);
      s.loss = Math.exp(logL);
      const th = s.theta, d = s.dir;
      let t2 = 0;
      for (let j = 0; j < th.length; j++) t2 += th[j] * th[j];
      const c = (lr * Math.exp(logG - logL)) / Math.max(t2, 1);
      for (let j = 0; j < th.length; j++) th[j] -= c * d[j];
      s.t++;
    },
  };
}
