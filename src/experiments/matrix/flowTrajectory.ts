// Gradient flow dθ/dt = −∇L(θ) (Dormand–Prince 5(4), error control) with metrics recorded at
// log-spaced flow times, optionally carrying integrals alongside: the state is [θ; s] with
// ds/dt = rate(θ) (e.g. s_t = ∫₀ᵗ r(τ) dτ for the commuting-case identity), integrated to the same
// tolerance as θ. The flow-time counterpart of ../trajectory.ts.
import type { Objective } from "../../models/index.ts";
import { DormandPrince54 } from "../../optimizers/index.ts";
import type { Trace } from "../../run/index.ts";

/** A metric of θ(t) and of the carried integrals s(t) at flow time t. */
export type FlowMetric = (theta: Float64Array, integral: Float64Array, t: number) => number;

export interface FlowTrajectoryOptions {
  readonly name: string;
  readonly objective: Objective;
  readonly theta0: Float64Array;
  /** stop once L(θ) ≤ lossTarget */
  readonly lossTarget: number;
  /** flow-time horizon (default 1e12) */
  readonly tEnd?: number;
  readonly maxSteps?: number;
  readonly rtol?: number;
  readonly atol?: number;
  /** an integral carried with the flow: ds/dt = rate(θ), s(0) = 0 */
  readonly integral?: { readonly dim: number; readonly rate: (theta: Float64Array, out: Float64Array) => void };
  readonly metrics: Readonly<Record<string, FlowMetric>>;
  /** first recorded positive flow time (default 1e-2); then 1, 2, 5 per decade */
  readonly tFirst?: number;
  readonly signal?: AbortSignal;
}

export interface FlowTrajectory {
  /** columns: t (flow time), loss, then the metrics */
  readonly trace: Trace;
  readonly theta: Float64Array;
  readonly integral: Float64Array;
  readonly time: number;
  readonly loss: number;
  readonly steps: number;
  readonly reachedTarget: boolean;
  /** the largest recorded value of each metric */
  readonly max: Readonly<Record<string, number>>;
  readonly note: string;
}

/** 0, then tFirst·{1, 2, 5}·10^k up to tEnd. */
export function logSpacedTimes(tFirst: number, tEnd: number): number[] {
  const out = [0];
  for (let p = tFirst; p <= tEnd; p *= 10) for (const m of [1, 2, 5]) if (m * p <= tEnd) out.push(m * p);
  return out;
}

export function flowTrajectory(o: FlowTrajectoryOptions): FlowTrajectory {
  const { objective } = o;
  const d = objective.dim, k = o.integral?.dim ?? 0;
  const y0 = new Float64Array(d + k);
  y0.set(o.theta0);
  const g = new Float64Array(d);
  const field = (_t: number, y: Float64Array, dy: Float64Array): number => {
    const th = y.subarray(0, d);
    const L = objective.gradient(th, g);
    for (let j = 0; j < d; j++) dy[j] = -g[j];
    if (o.integral) o.integral.rate(th, dy.subarray(d));
    return L;
  };
  const dp = new DormandPrince54(field, 0, y0, { rtol: o.rtol ?? 1e-8, atol: o.atol ?? 1e-14, autonomous: true });
  const tEnd = o.tEnd ?? 1e12, maxSteps = o.maxSteps ?? 2e6;
  const times = logSpacedTimes(o.tFirst ?? 1e-2, tEnd);
  const names = Object.keys(o.metrics);
  const rows: number[][] = [];
  const buf = new Float64Array(d + k);
  const record = (t: number, y: Float64Array, loss: number): void => {
    const th = y.subarray(0, d), s = y.subarray(d);
    rows.push([t, loss, ...names.map((n) => o.metrics[n](th, s, t))]);
  };
  let next = 0;
  record(times[next++], y0, dp.aux);
  let reached = dp.aux <= o.lossTarget;
  let failure = "";
  while (!reached && dp.accepted < maxSteps && dp.t < tEnd) {
    if (o.signal?.aborted) {
      const e = new Error(`${o.name}: aborted`);
      e.name = "AbortError";
      throw e;
    }
    const out = dp.step(tEnd);
    if (out !== "accepted") { failure = out; break; }
    while (next < times.length && times[next] < dp.t) {
      const s = times[next++];
      dp.interpolate(s, buf);
      record(s, buf, objective.value(buf.subarray(0, d)));
    }
    reached = dp.aux <= o.lossTarget;
  }
  if (rows[rows.length - 1][0] < dp.t) record(dp.t, dp.y, dp.aux);
  const max: Record<string, number> = {};
  names.forEach((n, i) => { max[n] = rows.reduce((m, r) => (Number.isNaN(r[i + 2]) || r[i + 2] > m ? r[i + 2] : m), -Infinity); });
  const why = reached ? "loss target" : failure || (dp.t >= tEnd ? "time horizon" : "step budget");
  return {
    trace: { name: o.name, columns: ["t", "loss", ...names], rows },
    theta: dp.y.slice(0, d),
    integral: dp.y.slice(d),
    time: dp.t,
    loss: dp.aux,
    steps: dp.accepted,
    reachedTarget: reached,
    max,
    note: `gradient flow to t = ${dp.t.toExponential(2)} in ${dp.accepted} Dormand–Prince steps (${why}), final loss ${dp.aux.toExponential(2)}`,
  };
}
