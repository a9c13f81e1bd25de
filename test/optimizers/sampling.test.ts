// Minibatches: reshuffled epochs visit every example once per epoch; with replacement
// indices are iid uniform; the stream depends only on the Rng given to init.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../src/linalg/index.ts";
import { leastSquares, linearModel, type Objective } from "../../src/models/index.ts";
import { Rng } from "../../src/random/index.ts";
import { sgd } from "../../src/optimizers/index.ts";

const N = 20, d = 3;
const rng = new Rng(500);
const base = leastSquares(
  { X: new Matrix(N, d, rng.fillNormal(new Float64Array(N * d))), Y: new Matrix(N, 1, rng.fillNormal(new Float64Array(N))) },
  linearModel(d),
);

function spy(batches: number[][]): Objective {
  return {
    ...base,
    batchGradient(theta, idx, count, out) {
      batches.push(Array.from(idx.subarray(0, count)));
      return base.batchGradient(theta, idx, count, out);
    },
  };
}

test("sgd without replacement: batches of 7, 7, 6 cover each epoch exactly once, and epochs are reshuffled", () => {
  const batches: number[][] = [];
  const opt = sgd({ lr: 0.01, batchSize: 7 });
  const s = opt.init(spy(batches), new Float64Array(d), new Rng(1));
  for (let k = 0; k < 30; k++) opt.step(s);
  const epochs: number[][] = [];
  for (let e = 0; e < 10; e++) {
    const b = batches.slice(3 * e, 3 * e + 3);
    assert.deepEqual(b.map((x) => x.length), [7, 7, 6]);
    const flat = b.flat();
    assert.deepEqual([...flat].sort((p, q) => p - q), Array.from({ length: N }, (_, i) => i), `epoch ${e} is a permutation`);
    epochs.push(flat);
  }
  assert.ok(new Set(epochs.map((x) => x.join(","))).size === 10, "every epoch has its own order");
});

test("sgd with replacement: iid uniform indices (counts within 5σ of uniform)", () => {
  const batches: number[][] = [];
  const opt = sgd({ lr: 0.001, batchSize: 5, replacement: true });
  const s = opt.init(spy(batches), new Float64Array(d), new Rng(2));
  const steps = 4000;
  for (let k = 0; k < steps; k++) opt.step(s);
  assert.ok(batches.every((b) => b.length === 5));
  const counts = new Array(N).fill(0);
  for (const b of batches) for (const i of b) counts[i]++;
  const mean = (steps * 5) / N, sd = Math.sqrt(mean * (1 - 1 / N));
  for (const c of counts) assert.ok(Math.abs(c - mean) < 5 * sd, `count ${c} vs ${mean}`);
  // repeats within a batch happen with replacement (P(no repeat in 4000 batches) is negligible)
  assert.ok(batches.some((b) => new Set(b).size < b.length));
});

test("sgd is reproducible from the Rng seed and differs across seeds", () => {
  const run = (seed: number) => {
    const opt = sgd({ lr: 0.01, batchSize: 2 });
    const s = opt.init(base, new Float64Array(d), new Rng(seed));
    for (let k = 0; k < 100; k++) opt.step(s);
    return s.theta;
  };
  assert.deepEqual(run(3), run(3));
  assert.notDeepEqual(run(3), run(4));
  assert.throws(() => sgd({ lr: 0.01, batchSize: 0 }), /batchSize must be a positive integer/);
  assert.throws(() => sgd({ lr: 0.01, batchSize: 2.5 }), /batchSize must be a positive integer/);
});
