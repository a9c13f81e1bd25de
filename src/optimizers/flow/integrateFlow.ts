// Gradient flow dθ/dt = −∇L(θ) integrated by Dormand–Prince 5(4) with error control, until the loss
// reaches a target, the flow time reaches a horizon, or a step budget runs out. The trajectory is read
// at requested times by dense output (steps are never shortened for it), so the long plateaus of
// small initializations cost few steps.
import type { Objective } from "../../models/index.ts";
import { DormandPrince54, type DormandPrinceOptions } from "./dormandPrince.ts";

export type FlowStopReason = "loss-target" | "time-horizon" | "max-steps" | "step-size-underflow" | "non-finite";

export interface FlowOptions extends DormandPrinceOptions {
  /** stop at this flow time (default ∞) */
  readonly tEnd?: number;
  /** stop at the first accepted step where L(θ) ≤ lossTarget */
  readonly lossTarget?: number;
  /** accepted-step budget (default 1e6) */
  readonly maxSteps?: number;
  /** ascending flow times ≥ 0 at which θ(t) and L(θ(t)) are recorded (those after the stop are not) */
  readonly times?: ArrayLike<number>;
  /** called after every accepted step with the flow time, θ (do not keep: it is updated in place) and L(θ) */
  readonly onStep?: (time: number, theta: Float64Array, loss: number) => void;
}

export interface FlowResult {
  /** θ at the stop */
  readonly theta: Float64Array;
  /** flow time at the stop */
  readonly time: number;
  /** L(θ) at the stop */
  readonly loss: number;
  readonly stopReason: FlowStopReason;
  readonly steps: number;
  readonly rejectedSteps: number;
  /** evaluations of ∇L (each also gives L) */
  readonly gradientEvaluations: number;
  /** θ and L at the requested times reached; losses by one extra evaluation of L each */
  readonly trajectory: { readonly times: number[]; readonly thetas: Float64Array[]; readonly losses: number[] };
  /** smallest and largest accepted step (Infinity and 0 when no step was taken) */
  readonly stepRange: { readonly min: number; readonly max: number };
}

/** The vector field −∇L of an objective, returning L (for the integrator's auxiliary value). */
export function negativeGradientField(objective: Objective): (t: number, theta: Float64Array, out: Float64Array) => number {
  return (_t, theta, out) => {
    const L = objective.gradient(theta, out);
    for (let j = 0; j < out.length; j++) out[j] = -out[j];
    return L;
  };
}

export function integrateFlow(objective: Objective, theta0: Float64Array, opts: FlowOptions = {}): FlowResult {
  if (theta0.length !== objective.dim) {
    throw new RangeError(`integrateFlow: θ₀ has length ${theta0.length}, ${objective.name} has ${objective.dim} parameters`);
  }
  const tEnd = opts.tEnd ?? Infinity, target = opts.lossTarget ?? -Infinity, maxSteps = opts.maxSteps ?? 1e6;
  if (!(tEnd > 0)) throw new RangeError(`integrateFlow: tEnd must be > 0, got ${tEnd}`);
  if (!(Number.isInteger(maxSteps) && maxSteps >= 0)) throw new RangeError(`integrateFlow: maxSteps must be an integer ≥ 0, got ${maxSteps}`);
  const times = opts.times ?? [];
  for (let i = 0; i < times.length; i++) {
    if (!(times[i] >= 0) || !Number.isFinite(times[i])) throw new RangeError(`integrateFlow: times[${i}] = ${times[i]} is not a finite time ≥ 0`);
    if (i > 0 && !(times[i] > times[i - 1])) throw new RangeError(`integrateFlow: times must be strictly increasing (${times[i - 1]} then ${times[i]})`);
  }
  const dp = new DormandPrince54(negativeGradientField(objective), 0, theta0, { ...opts, autonomous: true });
  const traj = { times: [] as number[], thetas: [] as Float64Array[], losses: [] as number[] };
  let next = 0; // the next requested time to record
  /** records the requested times up to the current time t (inside the last step: dense output) */
  const recordUpTo = (t: number): void => {
    while (next < times.length && times[next] <= t) {
      const s = times[next++];
      const now = s === t;
      const th = now ? dp.y.slice() : dp.interpolate(s, new Float64Array(dp.dim));
      traj.times.push(s);
      traj.thetas.push(th);
      traj.losses.push(now ? dp.aux : objective.value(th));
    }
  };
  recordUpTo(0);

  let stopReason: FlowStopReason = "max-steps";
  let hMin = Infinity, hMax = 0;
  if (!Number.isFinite(dp.aux)) stopReason = "non-finite";
  else if (dp.aux <= target) stopReason = "loss-target";
  else {
    while (dp.accepted < maxSteps) {
      const out = dp.step(tEnd);
      if (out !== "accepted") { stopReason = out; break; }
      hMin = Math.min(hMin, dp.hLast);
      hMax = Math.max(hMax, dp.hLast);
      if (!Number.isFinite(dp.aux)) { stopReason = "non-finite"; break; }
      recordUpTo(dp.t);
      opts.onStep?.(dp.t, dp.y, dp.aux);
      if (dp.aux <= target) { stopReason = "loss-target"; break; }
      if (dp.t >= tEnd) { stopReason = "time-horizon"; break; }
    }
  }
  return {
    theta: dp.y.slice(),
    time: dp.t,
    loss: dp.aux,
    stopReason,
    steps: dp.accepted,
    rejectedSteps: dp.rejected,
    gradientEvaluations: dp.evaluations,
    trajectory: traj,
    stepRange: { min: hMin, max: hMax },
  };
}
