// Where an optimizer's gradient comes from: the full objective, or minibatches of
// examples drawn with replacement (iid uniform indices) or without (each epoch a
// fresh random permutation, cut into consecutive batches; the last batch of an
// epoch is smaller when batchSize does not divide N, so every example is visited
// exactly once per epoch). The returned function does not allocate.
import type { Objective } from "../models/index.ts";
import type { Rng } from "../random/index.ts";

export interface BatchOptions {
  /** examples per step; omit for full-batch gradients (1 = instance-wise) */
  readonly batchSize?: number;
  /** draw indices with replacement (default false: reshuffled epochs) */
  readonly replacement?: boolean;
}

/** out ← a gradient estimate at θ; returns the loss on the same examples. */
export type GradientOracle = (theta: Float64Array, out: Float64Array) => number;

export function checkBatchOptions(optimizer: string, o: BatchOptions): void {
  const b = o.batchSize;
  if (b !== undefined && !(Number.isInteger(b) && b >= 1)) {
    throw new RangeError(`${optimizer}: batchSize must be a positive integer (or omitted for full batch), got ${String(b)}`);
  }
  if (o.replacement !== undefined && typeof o.replacement !== "boolean") {
    throw new RangeError(`${optimizer}: replacement must be true or false, got ${String(o.replacement)}`);
  }
}

export function gradientOracle(objective: Objective, rng: Rng, o: BatchOptions): GradientOracle {
  if (o.batchSize === undefined) return (theta, out) => objective.gradient(theta, out);
  const N = objective.nExamples;
  const b = o.batchSize;
  if (o.replacement) {
    const idx = new Int32Array(b);
    return (theta, out) => {
      for (let i = 0; i < b; i++) idx[i] = rng.int(N);
      return objective.batchGradient(theta, idx, b, out);
    };
  }
  const perm = rng.shuffle(Int32Array.from({ length: N }, (_, i) => i));
  const idx = new Int32Array(Math.min(b, N));
  let pos = 0;
  return (theta, out) => {
    const count = Math.min(b, N - pos);
    for (let i = 0; i < count; i++) idx[i] = perm[pos + i];
    pos += count;
    if (pos >= N) {
      rng.shuffle(perm);
      pos = 0;
    }
    return objective.batchGradient(theta, idx, count, out);
  };
}

/** Throws a RangeError when θ0 does not fit the objective. */
export function checkTheta0(optimizer: string, objective: Objective, theta0: Float64Array): void {
  if (theta0.length !== objective.dim) {
    throw new RangeError(`${optimizer}: θ0 has length ${theta0.length}, the objective has ${objective.dim} parameters`);
  }
}
