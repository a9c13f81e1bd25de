// What a demo is, and how one of its optimizers is run: to T steps through the library's loop,
// with a frame of metrics posted at ~10 log-spaced checkpoints per decade of t.
import type { Objective } from "../../src/models/index.ts";
import type { Optimizer, OptimizerState } from "../../src/optimizers/index.ts";
import type { Rng } from "../../src/random/index.ts";
import { logSpacedCheckpoints, runOptimizer, type RunOutcome } from "../../src/run/index.ts";
import type { DoneMessage, FrameMessage, SetupMessage } from "../protocol.ts";
import type { State } from "../state.ts";

export type Post = (message: SetupMessage | FrameMessage) => void;

/** A demo: draws its problem from `rng`, posts a setup and frames, and resolves with the final table. */
export type Demo = (state: State, rng: Rng, post: Post, signal?: AbortSignal) => Promise<DoneMessage>;

export interface MethodRun<S extends OptimizerState> {
  readonly outcome: RunOutcome<S>;
  /** the metrics at the first checkpoint (t = 1) and at the last iterate */
  readonly first: Readonly<Record<string, number>>;
  readonly last: Readonly<Record<string, number>>;
}

export interface MethodOptions<S extends OptimizerState> {
  readonly method: string;
  readonly objective: Objective;
  readonly optimizer: Optimizer<S>;
  readonly theta0: Float64Array;
  readonly rng: Rng;
  readonly steps: number;
  /** metrics of θ, by chart id */
  readonly metrics: (theta: Float64Array) => Record<string, number>;
  /** posts θ's direction with each frame (2-D problems) */
  readonly direction?: boolean;
  readonly post: Post;
  readonly signal?: AbortSignal;
}

/** Runs one method to `steps` iterations (or until stopped), posting a frame at each checkpoint t ≥ 1. */
export async function runMethod<S extends OptimizerState>(o: MethodOptions<S>): Promise<MethodRun<S>> {
  let first: Record<string, number> | undefined, last: Record<string, number> = {};
  const outcome = await runOptimizer({
    objective: o.objective,
    optimizer: o.optimizer,
    theta0: o.theta0,
    rng: o.rng,
    maxIter: o.steps,
    checkpoints: logSpacedCheckpoints(o.steps, 10).subarray(1),
    divergence: { factor: Infinity },
    ...(o.signal ? { signal: o.signal } : {}),
    onCheckpoint: (t, state) => {
      last = o.metrics(state.theta);
      first ??= last;
      const th = state.theta;
      o.post({ type: "frame", method: o.method, t, values: last, ...(o.direction ? { direction: [th[0], th[1]] as const } : {}) });
    },
  });
  return { outcome, first: first ?? last, last };
}
