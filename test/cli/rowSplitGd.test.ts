import { test } from "node:test";
import assert from "node:assert/strict";
import { diagNetGd, diagNetProblem, logregGd, separableMarginRows } from "../../src/bench/index.ts";
import { chunkBounds, diagNetGdTwoThreads, logregGdTwoThreads } from "../../src/cli/rowSplitGd.ts";
import { Rng } from "../../src/random/index.ts";
import { allocatedBytes } from "../helpers/heap.ts";

/** max over j of |a_j − b_j| / ‖a‖_∞ */
function relDiff(a: Float64Array, b: Float64Array): number {
  let m = 0, s = 0;
  for (let j = 0; j < a.length; j++) {
    m = Math.max(m, Math.abs(a[j] - b[j]));
    s = Math.max(s, Math.abs(a[j]));
  }
  return m / s;
}

test("chunk bounds cover the rows in order, inner bounds multiples of 4", () => {
  assert.deepEqual(chunkBounds(1000, 2), [0, 500, 1000]);
  assert.deepEqual(chunkBounds(100, 2), [0, 52, 100]);
  assert.deepEqual(chunkBounds(6, 4), [0, 4, 6]);
  assert.deepEqual(chunkBounds(3, 2), [0, 3]);
});

test("logreg-gd on two threads: equal to the one-thread loop up to the sum's order, the same bits every run", () => {
  const Z = separableMarginRows(new Rng(0), 203, 17).Z;
  const one = logregGd(Z);
  one.run(500);
  const runs = [logregGdTwoThreads(Z), logregGdTwoThreads(Z)];
  try {
    for (const r of runs) r.run(500);
    assert.deepEqual(Array.from(runs[0].w), Array.from(runs[1].w));
    const e = relDiff(one.w, runs[0].w);
    assert.ok(e < 1e-12, `relative difference ${e}`);
    assert.ok(e > 0 || one.w.every((x, j) => x === runs[0].w[j]));
    assert.ok(Math.abs(one.check() - runs[0].check()) < 1e-12 * Math.abs(one.check()));
  } finally {
    for (const r of runs) r.close();
  }
});

test("diag-net-gd on two threads: equal to the one-thread loop up to the sum's order, the same bits every run", () => {
  const P = diagNetProblem(new Rng(1), 37, 150);
  const one = diagNetGd(P);
  one.run(800);
  const runs = [diagNetGdTwoThreads(P.X, P.y), diagNetGdTwoThreads(P.X, P.y)];
  try {
    for (const r of runs) {
      r.run(300); // two calls: the step count carries over
      r.run(500);
    }
    assert.deepEqual(Array.from(runs[0].w), Array.from(runs[1].w));
    const e = relDiff(one.w, runs[0].w);
    assert.ok(e < 1e-12, `relative difference ${e}`);
    assert.ok(relDiff(one.u, runs[0].u) < 1e-12 && relDiff(one.v, runs[0].v) < 1e-12);
    assert.ok(Math.abs(one.check() - runs[0].check()) < 1e-12 * one.check());
  } finally {
    for (const r of runs) r.close();
  }
});

test("the two-thread steps allocate nothing", () => {
  const Z = separableMarginRows(new Rng(0), 64, 8).Z;
  const P = diagNetProblem(new Rng(1), 16, 40);
  const runs = [logregGdTwoThreads(Z), diagNetGdTwoThreads(P.X, P.y)];
  try {
    for (const r of runs) {
      const bytes = allocatedBytes(2e4, (n) => r.run(n));
      assert.ok(bytes < 8 * 2e4, `${bytes} bytes over 20,000 steps (one object per step would be ≥ 16 each)`);
    }
  } finally {
    for (const r of runs) r.close();
  }
});

test("the 1e-12 comparison is sharp: one step fewer on one thread is far outside it", () => {
  const Z = separableMarginRows(new Rng(0), 203, 17).Z;
  const one = logregGd(Z);
  one.run(499);
  const two = logregGdTwoThreads(Z);
  try {
    two.run(500);
    assert.ok(relDiff(one.w, two.w) > 1e-9);
  } finally {
    two.close();
  }
});
