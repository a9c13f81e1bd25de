// One optimizer run with metrics recorded at log-spaced iterations: the raw
// material of every verdict, trace and figure in this folder.
import type { Objective } from "../models/index.ts";
import type { Optimizer, OptimizerState } from "../optimizers/index.ts";
import type { Rng } from "../random/index.ts";
import { logSpacedCheckpoints, runOptimizer, type RunOutcome, type Trace } from "../run/index.ts";

/** A metric of the current iterate θ_t (e.g. relative distance to a reference). */
export type Metric = (theta: Float64Array, t: number) => number;

export interface TrajectoryOptions<S extends OptimizerState> {
  /** trace name, e.g. "gd, w0 = 0" */
  readonly name: string;
  readonly objective: Objective;
  readonly optimizer: Optimizer<S>;
  readonly theta0: Float64Array;
  readonly rng: Rng;
  readonly maxIter: number;
  /** stop once the exact loss is ≤ this */
  readonly lossTarget?: number;
  /** metrics recorded at every checkpoint, in column order after t and loss */
  readonly metrics: Readonly<Record<string, Metric>>;
  /** mantissas per decade of the log-spaced checkpoints (default 1, 2, 5) */
  readonly perDecade?: number;
  readonly signal?: AbortSignal;
}

export interface Trajectory<S extends OptimizerState> {
  readonly outcome: RunOutcome<S>;
  /** columns: t, loss, then the metrics */
  readonly trace: Trace;
  /** the last iterate θ_T (a copy) */
  readonly final: Float64Array;
  /** the last recorded value of each metric */
  readonly last: Readonly<Record<string, number>>;
  /** the largest recorded value of each metric over the run (NaN if the run diverged) */
  readonly max: Readonly<Record<string, number>>;
  /** "N steps (stop reason), final loss L", or the divergence and its reason */
  readonly note: string;
}

export async function trajectory<S extends OptimizerState>(o: TrajectoryOptions<S>): Promise<Trajectory<S>> {
  const names = Object.keys(o.metrics);
  const rows: number[][] = [];
  const outcome = await runOptimizer({
    objective: o.objective,
    optimizer: o.optimizer,
    theta0: o.theta0,
    rng: o.rng,
    maxIter: o.maxIter,
    checkpoints: logSpacedCheckpoints(o.maxIter, o.perDecade ?? 3),
    ...(o.lossTarget !== undefined ? { lossTarget: o.lossTarget } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    onCheckpoint: (t, state, loss) => {
      const row = [t, loss];
      for (const k of names) row.push(o.metrics[k](state.theta, t));
      rows.push(row);
    },
  });
  if (outcome.stopReason === "aborted") {
    const e = new Error(`${o.name}: aborted`);
    e.name = "AbortError";
    throw e;
  }
  const last: Record<string, number> = {};
  const max: Record<string, number> = {};
  names.forEach((k, i) => {
    last[k] = rows.length > 0 ? rows[rows.length - 1][i + 2] : NaN;
    let m = -Infinity;
    for (const r of rows) m = r[i + 2] > m || Number.isNaN(r[i + 2]) ? r[i + 2] : m;
    max[k] = outcome.stopReason === "diverged" ? NaN : m;
  });
  const diverged = outcome.stopReason === "diverged";
  const note = diverged
    ? `DIVERGED: ${outcome.divergence?.reason ?? "unknown reason"} (lower the step size)`
    : `${outcome.iterations} steps (${outcome.stopReason}), final loss ${outcome.finalLoss.toExponential(2)}`;
  return {
    outcome,
    trace: { name: o.name, columns: ["t", "loss", ...names], rows },
    // a diverged run has no limit: NaN makes every check on it fail (NaN never passes)
    final: diverged ? new Float64Array(outcome.state.theta.length).fill(NaN) : outcome.state.theta.slice(),
    last,
    max,
    note,
  };
}
