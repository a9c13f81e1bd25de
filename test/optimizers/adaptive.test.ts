import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../src/linalg/index.ts";
import { leastSquares, linearModel, type Objective } from "../../src/models/index.ts";
import { Rng } from "../../src/random/index.ts";
import { adagrad, adam, rmsprop, type Optimizer } from "../../src/optimizers/index.ts";

const rng = new Rng(400);
const N = 6, d = 4;
const obj = leastSquares(
  { X: new Matrix(N, d, rng.fillNormal(new Float64Array(N * d))), Y: new Matrix(N, 1, rng.fillNormal(new Float64Array(N))) },
  linearModel(d),
);
const theta0 = rng.fillNormal(new Float64Array(d));

/** Runs `steps` steps of `opt` and, alongside, the textbook recurrence `update(θ, g, t)` on plain arrays. */
function compare(opt: Optimizer, o: Objective, steps: number, update: (th: number[], g: number[], t: number) => void): void {
  const s = opt.init(o, theta0, rng);
  const th = Array.from(theta0);
  const g = new Float64Array(d);
  for (let t = 0; t < steps; t++) {
    o.gradient(Float64Array.from(th), g);
    update(th, Array.from(g), t);
    opt.step(s);
    for (let j = 0; j < d; j++) assert.ok(Math.abs(s.theta[j] - th[j]) <= 1e-14 * Math.max(1, Math.abs(th[j])), `${opt.name} step ${t}`);
  }
}

test("adagrad: G ← G + g², θ ← θ − ηg/(√G + ε); the first step has length η per coordinate", () => {
  const eta = 0.05, eps = 1e-8;
  const s = adagrad({ lr: eta, eps }).init(obj, theta0, rng);
  const g = new Float64Array(d);
  obj.gradient(theta0, g);
  adagrad({ lr: eta, eps }).step(s);
  // |Δθ_j| = η|g_j|/(|g_j| + ε) ≈ η whatever the size of g_j
  for (let j = 0; j < d; j++) {
    const want = (eta * Math.abs(g[j])) / (Math.abs(g[j]) + eps);
    assert.ok(Math.abs(Math.abs(s.theta[j] - theta0[j]) - want) < 1e-14, `coordinate ${j}`);
    assert.ok(Math.abs(want - eta) < 1e-5);
  }
  const G = new Array(d).fill(0.3);
  compare(adagrad({ lr: eta, eps: 1e-3, initialAccumulator: 0.3 }), obj, 20, (th, gg) => {
    for (let j = 0; j < d; j++) {
      G[j] += gg[j] ** 2;
      th[j] -= (eta * gg[j]) / (Math.sqrt(G[j]) + 1e-3);
    }
  });
});

test("rmsprop: first step η g/(√(1−ρ)|g| + ε), then the recurrence", () => {
  const eta = 0.01, rho = 0.9;
  const v = new Array(d).fill(0);
  compare(rmsprop({ lr: eta, decay: rho, eps: 1e-6 }), obj, 20, (th, g) => {
    for (let j = 0; j < d; j++) {
      v[j] = rho * v[j] + (1 - rho) * g[j] ** 2;
      th[j] -= (eta * g[j]) / (Math.sqrt(v[j]) + 1e-6);
    }
  });
  const s = rmsprop({ lr: eta, decay: rho, eps: 0.5 }).init(obj, theta0, rng);
  rmsprop({ lr: eta, decay: rho, eps: 0.5 }).step(s);
  const g = new Float64Array(d);
  obj.gradient(theta0, g);
  for (let j = 0; j < d; j++) {
    const want = theta0[j] - (eta * g[j]) / (Math.sqrt(1 - rho) * Math.abs(g[j]) + 0.5);
    assert.ok(Math.abs(s.theta[j] - want) < 1e-15);
  }
});

test("adam: bias correction makes the first step η·sign(g) (up to ε), then the recurrence", () => {
  const eta = 0.02, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  const s = adam({ lr: eta, beta1: b1, beta2: b2, eps }).init(obj, theta0, rng);
  adam({ lr: eta, beta1: b1, beta2: b2, eps }).step(s);
  const g = new Float64Array(d);
  obj.gradient(theta0, g);
  // m̂₁ = g, v̂₁ = g²: Δθ = −ηg/(|g| + ε) ≈ −η sign(g)
  for (let j = 0; j < d; j++) {
    assert.ok(Math.abs(s.theta[j] - (theta0[j] - (eta * g[j]) / (Math.abs(g[j]) + eps))) < 1e-14, `coordinate ${j}`);
  }
  const m = new Array(d).fill(0), v = new Array(d).fill(0);
  compare(adam({ lr: (t) => eta / Math.sqrt(t + 1), beta1: b1, beta2: b2, eps }), obj, 30, (th, gg, t) => {
    for (let j = 0; j < d; j++) {
      m[j] = b1 * m[j] + (1 - b1) * gg[j];
      v[j] = b2 * v[j] + (1 - b2) * gg[j] ** 2;
      const mh = m[j] / (1 - b1 ** (t + 1)), vh = v[j] / (1 - b2 ** (t + 1));
      th[j] -= ((eta / Math.sqrt(t + 1)) * mh) / (Math.sqrt(vh) + eps);
    }
  });
});

test("adaptive methods reject bad hyperparameters, naming them", () => {
  assert.throws(() => adagrad({ lr: 0.1, eps: 0 }), /adagrad: eps must be a number in \(0, ∞\)/);
  assert.throws(() => adam({ lr: 0.1, beta1: 1, beta2: 0.9, eps: 1e-8 }), /adam: beta1 must be a number in \[0, 1\)/);
  assert.throws(() => rmsprop({ lr: -1, decay: 0.9, eps: 1e-8 }), /rmsprop: lr must be a number in \(0, ∞\)/);
});
