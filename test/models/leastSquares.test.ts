import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, dot, frobenius, gemmNT, norm2 } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import type { ResidualLoss } from "../../src/losses/index.ts";
import {
  diagonalNet, leastSquares, linearModel, topSingularValueSquared, twoLayerLinear, type Parameterization,
} from "../../src/models/index.ts";
import { fdGradient, maxRelError } from "./finiteDifference.ts";

function gaussian(rng: Rng, r: number, c: number): Matrix {
  return new Matrix(r, c, rng.fillNormal(new Float64Array(r * c)));
}

// A non-quadratic regression loss, to exercise the ℓ″ path: ℓ(r) = log cosh r.
const logCosh: ResidualLoss = {
  name: "log-cosh",
  value: (r) => Math.abs(r) + Math.log1p(Math.exp(-2 * Math.abs(r))) - Math.LN2,
  deriv: (r) => Math.tanh(r),
  deriv2: (r) => 1 - Math.tanh(r) ** 2,
  curvatureBound: 1,
};

const N = 9, d = 4;
const cases: { label: string; k: number; param: Parameterization }[] = [
  { label: "linear, 1 output", k: 1, param: linearModel(d) },
  { label: "linear, 3 outputs", k: 3, param: linearModel(d, 3) },
  { label: "diagonal net", k: 1, param: diagonalNet(d) },
  { label: "two-layer linear, 1 output", k: 1, param: twoLayerLinear(d, 5, 1) },
  { label: "two-layer linear, 3 outputs", k: 3, param: twoLayerLinear(d, 5, 3) },
];

test("least squares: value = (1/2N)‖X Aᵀ − Y‖², gradient and batch gradient match finite differences", () => {
  const rng = new Rng(10);
  for (const { label, k, param } of cases) {
    for (const loss of [undefined, logCosh]) {
      const data = { X: gaussian(rng, N, d), Y: gaussian(rng, N, k) };
      const obj = leastSquares(data, param, loss);
      assert.equal(obj.dim, param.dim);
      assert.equal(obj.nExamples, N);
      const theta = rng.fillNormal(new Float64Array(param.dim));
      const g = new Float64Array(param.dim);
      const v = obj.gradient(theta, g);
      assert.equal(v, obj.value(theta));
      if (loss === undefined) {
        const A = new Matrix(k, d, param.predictor(theta, new Float64Array(k * d)));
        const R = gemmNT(data.X, A); // N×k
        for (let i = 0; i < R.data.length; i++) R.data[i] -= data.Y.data[i];
        const closed = frobenius(R) ** 2 / (2 * N);
        assert.ok(Math.abs(v - closed) <= 1e-13 * closed, `${label}: value ${v} vs ${closed}`);
      }
      const tag = `${label}, ${loss?.name ?? "squared"}`;
      const e = maxRelError(g, fdGradient((t) => obj.value(t), theta));
      assert.ok(e < 1e-7, `${tag}: full gradient error ${e}`);

      const idx = Int32Array.from([7, 2, 2, 5]); // repeats allowed (sampling with replacement)
      const gb = new Float64Array(param.dim);
      const vb = obj.batchGradient(theta, idx, 3, gb); // first 3 entries only
      const scratch = new Float64Array(param.dim);
      const fb = (t: Float64Array) => obj.batchGradient(t, idx, 3, scratch);
      assert.ok(Math.abs(vb - fb(theta)) === 0);
      const eb = maxRelError(gb, fdGradient(fb, theta));
      assert.ok(eb < 1e-7, `${tag}: batch gradient error ${eb}`);

      // all indices, in any order: the full gradient
      const perm = rng.shuffle(Int32Array.from({ length: N }, (_, i) => i));
      const ga = new Float64Array(param.dim);
      const va = obj.batchGradient(theta, perm, N, ga);
      assert.ok(Math.abs(va - v) <= 1e-14 * v, `${tag}: batch loss over all = loss`);
      assert.ok(maxRelError(ga, g) < 1e-13, `${tag}: batch gradient over all = gradient`);
    }
  }
});

test("least squares: Hessian-vector products match finite differences of the gradient (linear models only)", () => {
  const rng = new Rng(11);
  for (const k of [1, 3]) {
    for (const loss of [undefined, logCosh]) {
      const obj = leastSquares({ X: gaussian(rng, N, d), Y: gaussian(rng, N, k) }, linearModel(d, k), loss);
      assert.ok(obj.hessVec && obj.smoothness);
      const theta = rng.fillNormal(new Float64Array(d * k));
      const v = rng.fillNormal(new Float64Array(d * k));
      const hv = obj.hessVec(theta, v, new Float64Array(d * k).fill(5));
      const h = 1e-5;
      const gp = new Float64Array(d * k), gm = new Float64Array(d * k);
      obj.gradient(theta.map((x, i) => x + h * v[i]), gp);
      obj.gradient(theta.map((x, i) => x - h * v[i]), gm);
      const fd = gp.map((x, i) => (x - gm[i]) / (2 * h));
      assert.ok(maxRelError(hv, fd) < 1e-7, `k=${k} ${loss?.name ?? "squared"}: ${maxRelError(hv, fd)}`);
    }
  }
  for (const param of [diagonalNet(d), twoLayerLinear(d, 2, 1)]) {
    const obj = leastSquares({ X: gaussian(rng, N, d), Y: gaussian(rng, N, 1) }, param);
    assert.equal(obj.hessVec, undefined, `${param.name} has no constant Hessian`);
    assert.equal(obj.smoothness, undefined);
  }
});

test("smoothness = σ_max(X)²/N: exact on a matrix with known singular values, tight for gradient descent", () => {
  // X = [diag(s) 0] H with H = I − 2uuᵀ/‖u‖² orthogonal: singular values exactly s.
  const rng = new Rng(12);
  const n = 6, m = 15;
  const s = [3, 2.5, 2, 1, 0.5, 0.1];
  const u = rng.fillNormal(new Float64Array(m));
  const uu = dot(u, u);
  const X = new Matrix(n, m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) X.set(i, j, s[i] * ((i === j ? 1 : 0) - (2 * u[i] * u[j]) / uu));
  assert.ok(Math.abs(topSingularValueSquared(X) - 9) < 1e-12);
  assert.ok(Math.abs(topSingularValueSquared(X.transpose()) - 9) < 1e-12);
  const obj = leastSquares({ X, Y: gaussian(rng, n, 1) }, linearModel(m));
  assert.ok(Math.abs(obj.smoothness!(new Float64Array(m)) - 9 / n) < 1e-13);

  // Gaussian data: every Rayleigh quotient is below β, and GD is stable at 1.95/β but not at 2.05/β.
  const G = gaussian(rng, 20, 60);
  const ls = leastSquares({ X: G, Y: gaussian(rng, 20, 1) }, linearModel(60));
  const beta = ls.smoothness!(new Float64Array(60));
  assert.equal(beta, ls.smoothness!(new Float64Array(60)));
  for (let r = 0; r < 20; r++) {
    const v = rng.fillNormal(new Float64Array(60));
    assert.ok(dot(v, ls.hessVec!(v, v, new Float64Array(60))) / dot(v, v) <= beta * (1 + 1e-12));
  }
  const run = (eta: number) => {
    const th = rng.fillNormal(new Float64Array(60));
    const g = new Float64Array(60);
    for (let t = 0; t < 3000; t++) {
      ls.gradient(th, g);
      for (let j = 0; j < 60; j++) th[j] -= eta * g[j];
    }
    ls.gradient(th, g);
    return norm2(g);
  };
  assert.ok(run(1.95 / beta) < 1e-6, "stable below 2/β");
  assert.ok(run(2.05 / beta) > 1e3, "unstable above 2/β");
});

test("least squares rejects mismatched shapes with a message naming them", () => {
  const rng = new Rng(13);
  assert.throws(() => leastSquares({ X: gaussian(rng, 5, 3), Y: gaussian(rng, 4, 1) }, linearModel(3)), /X has 5 rows but Y has 4/);
  assert.throws(() => leastSquares({ X: gaussian(rng, 5, 3), Y: gaussian(rng, 5, 2) }, linearModel(3)), /1×3|2×3/);
  assert.throws(() => leastSquares({ X: gaussian(rng, 5, 3), Y: gaussian(rng, 5, 2) }, diagonalNet(3)), /need 2×3 = 6/);
});
