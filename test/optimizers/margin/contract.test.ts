// The Optimizer contract for the margin methods: θ0 copied, t counted, steps allocation-free,
// runnable in the run loop, and quiet (no NaN, no move) where a zero-tail loss has no gradient left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { hingeLoss, logisticLoss } from "../../../src/losses/index.ts";
import { linearModel, softmaxObjective } from "../../../src/models/index.ts";
import { separableMulticlass } from "../../../src/data/index.ts";
import { Rng } from "../../../src/random/index.ts";
import { runOptimizerSync } from "../../../src/run/index.ts";
import type { Optimizer, OptimizerState } from "../../../src/optimizers/index.ts";
import {
  dualAccelerated, lossScaledGd, normalizedGd, normalizedSteepest, perceptron,
} from "../../../src/optimizers/margin/index.ts";
import { separableProblem } from "./problems.ts";
import { allocatedBytes } from "../../helpers/heap.ts";

const factories: [string, () => Optimizer][] = [
  ["normalized-gd", () => normalizedGd({ lr: 0.1 })],
  ["loss-scaled-gd", () => lossScaledGd({ lr: 0.1 })],
  ["dual-accelerated", () => dualAccelerated({ lr: 0.1 })],
  ["normalized-steepest ℓ1", () => normalizedSteepest({ lr: 0.1, norm: 1 })],
  ["normalized-steepest ℓ1.5", () => normalizedSteepest({ lr: 0.1, norm: 1.5 })],
  ["normalized-steepest ℓ∞", () => normalizedSteepest({ lr: 0.1, norm: Infinity })],
  ["perceptron", () => perceptron()],
];


test("every margin method copies θ0, counts t, and takes 2e4 steps allocating < 1 MB", () => {
  const P = separableProblem(4, { loss: logisticLoss });
  for (const [name, make] of factories) {
    const opt = make();
    const theta0 = new Rng(1).fillNormal(new Float64Array(3));
    const keep = theta0.slice();
    const s: OptimizerState = opt.init(P.objective, theta0, new Rng(2));
    assert.notEqual(s.theta, theta0);
    opt.step(s);
    assert.deepEqual(theta0, keep, `${name} changed θ0`);
    assert.equal(s.t, 1);
    const bytes = allocatedBytes(2e4, (n) => { for (let k = 0; k < n; k++) opt.step(s); });
    assert.ok(bytes < 1 << 20, `${name}: ${bytes} bytes over 2e4 steps`);
    assert.ok(s.theta.every(Number.isFinite), `${name}: θ not finite`);
  }
  // the estimate sees a step that allocates
  let sink = new Float64Array(8);
  const leaky = allocatedBytes(2e4, (n) => { for (let k = 0; k < n; k++) { const f = new Float64Array(8); f[0] = sink[0] + k; sink = f; } });
  assert.ok(leaky > 1 << 20, `an allocating loop measured ${leaky} bytes`);
});

test("the run loop drives each margin method without a divergence report; the margin grows", () => {
  const P = separableProblem(6, { loss: logisticLoss });
  for (const [name, make] of factories) {
    const out = runOptimizerSync({ objective: P.objective, optimizer: make(), theta0: new Float64Array(3), rng: new Rng(0), maxIter: 2000 });
    assert.equal(out.divergence, undefined, `${name}: ${out.divergence?.reason}`);
    assert.equal(out.iterations, 2000);
    const u = P.objective.margins(out.state.theta, new Float64Array(30));
    assert.ok(Math.min(...u) > 0, `${name}: does not separate after 2000 steps`);
    assert.ok(out.finalLoss < out.initialLoss, `${name}: loss ${out.initialLoss} → ${out.finalLoss}`);
  }
});

test("hinge loss with every margin past the kink: no gradient, no step, no NaN", () => {
  const P = separableProblem(4, { loss: hingeLoss });
  const obj = P.objective;
  const far = P.svm.direction.map((v) => v * 100);
  for (const [name, make] of factories.slice(0, 6)) {
    const opt = make();
    const s = opt.init(obj, far, new Rng(0));
    opt.step(s);
    assert.deepEqual(Array.from(s.theta), Array.from(far), `${name} moved`);
    // the loss-evaluating methods report L = 0 (log L = −∞); the normalized ones never evaluate it
    if (name.startsWith("normalized")) assert.ok(Number.isNaN(s.loss));
    else assert.equal(s.loss, 0, `${name}: loss ${s.loss}`);
  }
});

test("normalized GD on softmax cross-entropy (a multiclass margin objective): margins past 1e3, no NaN", () => {
  const data = separableMulticlass(new Rng(9), { n: 30, d: 3, classes: 3, gap: 0.2 });
  const obj = softmaxObjective(data, linearModel(3, 3));
  const opt = normalizedGd({ lr: 1 });
  const s = opt.init(obj, new Float64Array(9), new Rng(0));
  for (let k = 0; k < 20000; k++) opt.step(s);
  const u = obj.margins(s.theta, new Float64Array(30));
  assert.ok(Math.min(...u) > 1e3 && s.theta.every(Number.isFinite) && Number.isFinite(s.logGradNorm), `smallest margin ${Math.min(...u)}`);
});
