import { test } from "node:test";
import assert from "node:assert/strict";
import { logSpacedCheckpoints, runOptimizer, runOptimizerSync } from "../../src/run/index.ts";
import type { Optimizer, OptimizerState } from "../../src/optimizers/types.ts";
import { Rng } from "../../src/random/index.ts";
import { X2, Y2, leastSquares, minNormX2, tinyGd } from "./fixtures.ts";

const zeros3 = () => new Float64Array(3);

test("GD runs to maxIter, reports exact losses at the log-spaced checkpoints and the min-norm limit", async () => {
  const obj = leastSquares(X2, Y2);
  const seen: number[] = [];
  const out = await runOptimizer({
    objective: obj, optimizer: tinyGd(0.3), theta0: zeros3(), rng: new Rng(1), maxIter: 2000,
    onCheckpoint(t, state, loss) {
      seen.push(t);
      assert.equal(state.t, t);
      assert.equal(loss, obj.value(state.theta));
    },
  });
  assert.equal(out.stopReason, "max-iterations");
  assert.equal(out.iterations, 2000);
  assert.deepEqual(seen, [...logSpacedCheckpoints(2000)]);
  assert.deepEqual(out.lossHistory.t, seen);
  assert.equal(out.initialLoss, (1 + 4) / 4);
  assert.equal(out.lossHistory.loss[0], out.initialLoss);
  assert.ok(out.finalLoss < 1e-25);
  const w = minNormX2();
  for (let j = 0; j < 3; j++) assert.ok(Math.abs(out.state.theta[j] - w[j]) < 1e-12);
  // losses decrease along the checkpoints
  for (let i = 1; i < out.lossHistory.loss.length; i++) assert.ok(out.lossHistory.loss[i] <= out.lossHistory.loss[i - 1]);
  assert.ok(out.seconds >= 0 && out.seconds < 5);
  assert.equal(out.divergence, undefined);
});

test("sync and async drivers give the same iterates; custom checkpoints beyond maxIter are dropped", async () => {
  const opts = { objective: leastSquares(X2, Y2), optimizer: tinyGd(0.1, 1), theta0: zeros3(), maxIter: 300, checkpoints: [3, 7, 300, 1000] };
  const a = await runOptimizer({ ...opts, rng: new Rng(4) });
  const b = runOptimizerSync({ ...opts, rng: new Rng(4) });
  assert.deepEqual([...a.state.theta], [...b.state.theta]);
  assert.deepEqual(a.lossHistory.t, [3, 7, 300]);
  assert.throws(() => runOptimizerSync({ ...opts, rng: new Rng(4), checkpoints: [5, 5] }), /strictly increasing/);
});

test("loss target: stops at the first iterate (±1 step) whose exact loss is below it, and reports it", async () => {
  const obj = leastSquares(X2, Y2);
  // replay: first k with L(θ_k) ≤ target
  const target = 1e-6;
  const replay = runOptimizerSync({ objective: obj, optimizer: tinyGd(0.3), theta0: zeros3(), rng: new Rng(0), maxIter: 400, checkpoints: Array.from({ length: 401 }, (_, i) => i) });
  const k = replay.lossHistory.loss.findIndex((L) => L <= target);
  assert.ok(k > 5);
  let last = -1;
  const out = await runOptimizer({ objective: obj, optimizer: tinyGd(0.3), theta0: zeros3(), rng: new Rng(0), maxIter: 100000, lossTarget: target, onCheckpoint: (t) => { last = t; } });
  assert.equal(out.stopReason, "loss-target");
  assert.ok(out.iterations === k || out.iterations === k + 1, `${out.iterations} vs ${k}`);
  assert.ok(out.finalLoss <= target);
  assert.equal(last, out.iterations);
  assert.equal(out.lossHistory.t[out.lossHistory.t.length - 1], out.iterations);
});

test("a loss target met only by the optimizer's (minibatch) loss is confirmed exactly, with backoff", () => {
  const counter = { value: 0 };
  const obj = leastSquares(X2, Y2, counter);
  const base = tinyGd(1e-4);
  // reports a loss of 0 (as a lucky minibatch would) while the true loss stays large
  const liar: Optimizer<OptimizerState> = {
    name: "liar",
    init: (o, th, r) => base.init(o, th, r),
    step(s) { base.step(s as ReturnType<typeof base.init>); s.loss = 0; },
  };
  const out = runOptimizerSync({ objective: obj, optimizer: liar, theta0: zeros3(), rng: new Rng(0), maxIter: 20000, lossTarget: 1e-3 });
  assert.equal(out.stopReason, "max-iterations");
  assert.ok(out.finalLoss > 1e-3);
  // exact evaluations: initial + checkpoints + confirmations backing off to one per 1024 steps
  const checkpoints = logSpacedCheckpoints(20000).length;
  assert.ok(counter.value <= 1 + checkpoints + 10 + 20000 / 1024 + 2, `${counter.value} exact evaluations`);
});

test("divergence: a step size above 2/β blows up and is reported with its iteration, before overflow", async () => {
  const obj = leastSquares(X2, Y2);
  const out = await runOptimizer({ objective: obj, optimizer: tinyGd(1.0), theta0: zeros3(), rng: new Rng(0), maxIter: 100000 });
  assert.equal(out.stopReason, "diverged");
  assert.ok(out.divergence);
  assert.equal(out.divergence.iteration, out.iterations);
  assert.match(out.divergence.reason, /exceeds 100000000× the initial loss/);
  // |1 − 3η| = 2 per step: 1e8 is crossed after ~14 steps, far from overflow (~500 steps)
  assert.ok(out.iterations < 30, `${out.iterations}`);
  assert.ok(Number.isNaN(out.finalLoss));
  const strict = await runOptimizer({ objective: obj, optimizer: tinyGd(1.0), theta0: zeros3(), rng: new Rng(0), maxIter: 100000, divergence: { factor: 10 } });
  assert.ok(strict.divergence && strict.divergence.iteration < out.divergence.iteration);
  // with the blow-up rule off, the NaN/Inf rule still stops it
  const inf = await runOptimizer({ objective: obj, optimizer: tinyGd(1.0), theta0: zeros3(), rng: new Rng(0), maxIter: 100000, divergence: { factor: Infinity } });
  assert.equal(inf.stopReason, "diverged");
  assert.ok(inf.iterations > 500 && inf.iterations < 5000, `${inf.iterations}`);
});

test("divergence: NaN in θ is caught even when the optimizer reports no loss", () => {
  const obj = leastSquares(X2, Y2);
  const nanAt = 37;
  const silent: Optimizer<OptimizerState> = {
    name: "silent",
    init: (_o, th) => ({ theta: th.slice(), t: 0, loss: NaN }),
    step(s) { s.t++; if (s.t === nanAt) s.theta[1] = NaN; },
  };
  const out = runOptimizerSync({ objective: obj, optimizer: silent, theta0: zeros3(), rng: new Rng(0), maxIter: 1e6 });
  assert.equal(out.stopReason, "diverged");
  assert.ok(out.divergence!.iteration >= nanAt && out.divergence!.iteration <= 50 + nanAt, `${out.divergence!.iteration}`);
  assert.match(out.divergence!.reason, /θ has a non-finite entry/);
  // a loss turning NaN after being finite is caught at that very step
  const base = tinyGd(0.1);
  const nanLoss: Optimizer<OptimizerState> = {
    name: "nan-loss",
    init: (o, th, r) => base.init(o, th, r),
    step(s) { base.step(s as ReturnType<typeof base.init>); if (s.t === 123) s.loss = NaN; },
  };
  const out2 = runOptimizerSync({ objective: obj, optimizer: nanLoss, theta0: zeros3(), rng: new Rng(0), maxIter: 1e6 });
  assert.equal(out2.stopReason, "diverged");
  assert.equal(out2.divergence!.iteration, 123);
  // a non-finite start
  const out3 = runOptimizerSync({ objective: obj, optimizer: base, theta0: Float64Array.from([Infinity, 0, 0]), rng: new Rng(0), maxIter: 10 });
  assert.equal(out3.stopReason, "diverged");
  assert.equal(out3.iterations, 0);
});

test("time limit stops a slow run; a bad optimizer that does not advance t is an error", async () => {
  const obj = leastSquares(X2, Y2);
  const base = tinyGd(0.01);
  const slow: Optimizer<OptimizerState> = {
    name: "slow",
    init: (o, th, r) => base.init(o, th, r),
    step(s) { const end = performance.now() + 0.2; while (performance.now() < end); base.step(s as ReturnType<typeof base.init>); },
  };
  let last = -1;
  const out = await runOptimizer({ objective: obj, optimizer: slow, theta0: zeros3(), rng: new Rng(0), maxIter: 1e7, timeLimitMs: 60, onCheckpoint: (t) => { last = t; } });
  assert.equal(out.stopReason, "time-limit");
  assert.ok(out.seconds >= 0.06 && out.seconds < 1, `${out.seconds}`);
  assert.ok(out.iterations > 10 && out.iterations < 1e7);
  assert.equal(last, out.iterations, "the last iterate is reported");
  const stuck: Optimizer<OptimizerState> = { name: "stuck", init: (_o, th) => ({ theta: th.slice(), t: 0, loss: 1 }), step() {} };
  await assert.rejects(runOptimizer({ objective: obj, optimizer: stuck, theta0: zeros3(), rng: new Rng(0), maxIter: 5 }), /must increment t/);
  await assert.rejects(runOptimizer({ objective: obj, optimizer: base, theta0: new Float64Array(2), rng: new Rng(0), maxIter: 5 }), /θ₀ has length 2/);
});

test("abort: a signal fired from a timer stops the async loop; a pre-aborted signal stops before the first step", async () => {
  const obj = leastSquares(X2, Y2);
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 30);
  const out = await runOptimizer({ objective: obj, optimizer: tinyGd(0.1, 1), theta0: zeros3(), rng: new Rng(0), maxIter: 2e9, signal: ac.signal });
  assert.equal(out.stopReason, "aborted");
  assert.ok(out.seconds < 1, `${out.seconds}`);
  assert.ok(out.iterations > 0);
  const pre = AbortSignal.abort();
  const out2 = await runOptimizer({ objective: obj, optimizer: tinyGd(0.1), theta0: zeros3(), rng: new Rng(0), maxIter: 100, signal: pre });
  assert.equal(out2.stopReason, "aborted");
  assert.equal(out2.iterations, 0);
});

test("progress: throttled, nondecreasing, ending at 1", async () => {
  const obj = leastSquares(X2, Y2);
  const fractions: number[] = [];
  const out = await runOptimizer({ objective: obj, optimizer: tinyGd(0.1, 1), theta0: zeros3(), rng: new Rng(0), maxIter: 2e9, timeLimitMs: 350, onProgress: (f) => fractions.push(f) });
  assert.equal(out.stopReason, "time-limit");
  assert.equal(fractions[fractions.length - 1], 1);
  for (let i = 1; i < fractions.length; i++) assert.ok(fractions[i] >= fractions[i - 1]);
  assert.ok(fractions.length >= 2 && fractions.length <= 6, `${fractions.length} calls`);
  assert.ok(fractions[0] > 0.2 && fractions[0] < 0.5, "the time limit drives the fraction");
});
