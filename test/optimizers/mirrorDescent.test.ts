// Mirror descent is generic over the Potential: with the negative entropy it lands on
// the Bregman projection argmin D_ψ(w, w0) s.t. Xw = y, whatever the step size or batch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, cholesky, choleskySolve, gemmNT, gemv, gemvT, norm2, relDist } from "../../src/linalg/index.ts";
import type { Potential } from "../../src/geometry/index.ts";
import { leastSquares, linearModel } from "../../src/models/index.ts";
import { Rng } from "../../src/random/index.ts";
import { gd, mirrorDescent } from "../../src/optimizers/index.ts";

// A potential defined here, independent of src/geometry: ψ(w) = Σ wⱼ log wⱼ − wⱼ on w > 0.
const entropy: Potential = {
  name: "test-entropy",
  value: (w) => w.reduce((s, v) => s + v * Math.log(v) - v, 0),
  grad: (w, out) => { for (let i = 0; i < w.length; i++) out[i] = Math.log(w[i]); return out; },
  conjValue: (z) => z.reduce((s, v) => s + Math.exp(v), 0),
  gradConj: (z, out) => { for (let i = 0; i < z.length; i++) out[i] = Math.exp(z[i]); return out; },
  hessConjVec: (z, v, out) => { for (let i = 0; i < z.length; i++) out[i] = Math.exp(z[i]) * v[i]; return out; },
  inDomain: (w) => w.every((v) => v > 0),
  bregman: (w, v) => w.reduce((s, wi, i) => s + wi * Math.log(wi / v[i]) - wi + v[i], 0),
};
const euclid: Potential = {
  name: "test-euclidean",
  value: (w) => 0.5 * norm2(w) ** 2,
  grad: (w, out) => { out.set(w); return out; },
  conjValue: (z) => 0.5 * norm2(z) ** 2,
  gradConj: (z, out) => { out.set(z); return out; },
  hessConjVec: (_z, v, out) => { out.set(v); return out; },
  inDomain: () => true,
  bregman: (w, v) => 0.5 * norm2(w.map((x, i) => x - v[i])) ** 2,
};

const N = 5, d = 15;
const rng = new Rng(300);
const X = new Matrix(N, d, rng.fillNormal(new Float64Array(N * d)));
const wStar = Float64Array.from({ length: d }, () => 0.2 + rng.uniform());
const y = gemv(X, wStar, new Float64Array(N));
const obj = leastSquares({ X, Y: new Matrix(N, 1, y) }, linearModel(d));
const w0 = Float64Array.from({ length: d }, () => 0.5 + rng.uniform());

/** Entropic projection w = w0 ⊙ exp(Xᵀλ) with Xw = y, by damped Newton on the dual φ(λ) = Σ w(λ) − λᵀy. */
function entropicProjection(): Float64Array {
  const lam = new Float64Array(N);
  const w = (l: Float64Array) => gemvT(X, l, new Float64Array(d)).map((v, j) => w0[j] * Math.exp(v));
  const phi = (l: Float64Array) => w(l).reduce((a, b) => a + b, 0) - l.reduce((a, b, i) => a + b * y[i], 0);
  for (let it = 0; it < 100; it++) {
    const wl = w(lam);
    const grad = gemv(X, wl, new Float64Array(N)).map((v, i) => v - y[i]);
    if (norm2(grad) < 1e-14 * norm2(y)) break;
    const H = new Matrix(N, N);
    for (let a = 0; a < N; a++) for (let b = 0; b < N; b++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += X.get(a, j) * wl[j] * X.get(b, j);
      H.set(a, b, s);
    }
    const step = choleskySolve(cholesky(H), grad);
    let t = 1;
    const f0 = phi(lam);
    while (t > 1e-12 && phi(lam.map((v, i) => v - t * step[i])) > f0) t /= 2;
    for (let i = 0; i < N; i++) lam[i] -= t * step[i];
  }
  return w(lam);
}

test("mirror descent with the entropy potential converges to the entropic projection for every step size and batch", () => {
  const target = entropicProjection();
  assert.ok(relDist(gemv(X, target, new Float64Array(N)), y) < 1e-12, "the reference interpolates");
  const beta = obj.smoothness!(w0);
  const scale = Math.max(...target, ...w0);
  const runs = [
    { lr: 0.5 / (beta * scale), batchSize: undefined, steps: 30000 },
    { lr: 0.2 / (beta * scale), batchSize: undefined, steps: 60000 },
    { lr: 0.05 / (beta * scale), batchSize: 1, steps: 200000 },
  ];
  for (const { lr, batchSize, steps } of runs) {
    const opt = mirrorDescent({ lr, potential: entropy, batchSize });
    const s = opt.init(obj, w0, new Rng(1));
    for (let k = 0; k < steps; k++) opt.step(s);
    const e = relDist(s.theta, target);
    assert.ok(e <= 1e-8, `η = ${lr}, batch ${batchSize ?? "full"}: relative distance ${e}`);
    // the limit is not the Euclidean min-norm interpolant from w0
    const L = cholesky(gemmNT(X, X));
    const r = gemv(X, w0, new Float64Array(N)).map((v, i) => y[i] - v);
    const l2 = gemvT(X, choleskySolve(L, r), new Float64Array(d)).map((v, j) => v + w0[j]);
    assert.ok(relDist(s.theta, l2) > 1e-2, "the entropic and Euclidean projections differ here");
    // the dual iterate stays in ∇ψ(w0) + rowspace(X): its component off the rowspace is rounding
    const dz = s.dual.map((v, j) => v - Math.log(w0[j]));
    const off = dz.map((v, j) => v - gemvT(X, choleskySolve(L, gemv(X, dz, new Float64Array(N))), new Float64Array(d))[j]);
    assert.ok(norm2(off) <= 1e-10 * norm2(dz), `dual off rowspace ${norm2(off)}`);
  }
});

test("mirror descent with the Euclidean potential is gradient descent, and θ = ∇ψ*(z) after every step", () => {
  const beta = obj.smoothness!(w0);
  const md = mirrorDescent({ lr: 1 / beta, potential: euclid });
  const g = gd({ lr: 1 / beta });
  const a = md.init(obj, w0, new Rng(1)), b = g.init(obj, w0, new Rng(1));
  const buf = new Float64Array(d);
  for (let k = 0; k < 50; k++) {
    md.step(a);
    g.step(b);
    assert.equal(a.loss, b.loss);
    assert.deepEqual(a.theta, euclid.gradConj(a.dual, buf));
  }
  assert.ok(relDist(a.theta, b.theta) < 1e-14);
});

test("mirror descent checks θ0 is in the potential's domain and that the potential is an object", () => {
  const opt = mirrorDescent({ lr: 0.1, potential: entropy });
  assert.throws(() => opt.init(obj, w0.map((v, j) => (j === 3 ? -v : v)), new Rng(1)), /outside the domain/);
  assert.throws(() => mirrorDescent({ lr: 0.1, potential: "entropy" as unknown as Potential }), /must be a Potential object/);
});
