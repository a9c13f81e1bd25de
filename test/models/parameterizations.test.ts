import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, dot, gemm } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { diagonalNet, linearModel, twoLayerLinear, type Parameterization } from "../../src/models/index.ts";
import { fdGradient, maxRelError } from "./finiteDifference.ts";

// pullback(θ, g) = J(θ)ᵀ g is the gradient of θ ↦ ⟨g, predictor(θ)⟩.
function checkPullback(p: Parameterization, rng: Rng): void {
  const theta = rng.fillNormal(new Float64Array(p.dim));
  const g = rng.fillNormal(new Float64Array(p.predictorDim));
  const buf = new Float64Array(p.predictorDim);
  const fd = fdGradient((t) => dot(g, p.predictor(t, buf)), theta);
  const pb = p.pullback(theta, g, new Float64Array(p.dim).fill(7)); // stale output must be overwritten
  assert.ok(maxRelError(pb, fd) < 1e-7, `${p.name}: pullback vs finite differences ${maxRelError(pb, fd)}`);
}

test("linear model: predictor = θ, pullback = identity, init ~ N(0, scale²)", () => {
  const rng = new Rng(1);
  const p = linearModel(4, 3);
  assert.equal(p.dim, 12);
  assert.equal(p.predictorDim, 12);
  assert.equal(p.identity, true);
  const th = rng.fillNormal(new Float64Array(12));
  assert.deepEqual(p.predictor(th, new Float64Array(12)), th);
  checkPullback(p, rng);
  assert.deepEqual(linearModel(5).init(rng, 0), new Float64Array(5));
  const big = linearModel(20000).init(rng, 3);
  const sd = Math.sqrt(dot(big, big) / big.length);
  assert.ok(Math.abs(sd - 3) < 0.1, `sample sd ${sd}`);
  assert.throws(() => linearModel(0), /dIn must be a positive integer/);
});

test("diagonal net: β = u⊙u − v⊙v, init u = v = α1 gives β = 0, pullback matches finite differences", () => {
  const rng = new Rng(2);
  const p = diagonalNet(5);
  assert.equal(p.dim, 10);
  assert.equal(p.predictorDim, 5);
  assert.ok(!p.identity);
  const th = p.init(rng, 0.3);
  assert.deepEqual(th, new Float64Array(10).fill(0.3));
  assert.deepEqual(p.predictor(th, new Float64Array(5)), new Float64Array(5));
  const t2 = Float64Array.from([1, 2, 3, 4, 5, 0.5, 1, -1, 0, 6]);
  assert.deepEqual(Array.from(p.predictor(t2, new Float64Array(5))), [0.75, 3, 8, 16, -11]);
  checkPullback(p, rng);
});

test("two-layer linear: A = W2 W1 row-major, pullback = [W2ᵀG; G W1ᵀ] matches finite differences", () => {
  const rng = new Rng(3);
  for (const [dIn, h, dOut] of [[4, 3, 1], [5, 6, 3], [2, 1, 2]]) {
    const p = twoLayerLinear(dIn, h, dOut);
    assert.equal(p.dim, h * dIn + dOut * h);
    assert.equal(p.predictorDim, dOut * dIn);
    const th = p.init(rng, 0.7);
    const W1 = new Matrix(h, dIn, th.slice(0, h * dIn));
    const W2 = new Matrix(dOut, h, th.slice(h * dIn));
    const A = gemm(W2, W1);
    assert.ok(maxRelError(p.predictor(th, new Float64Array(dOut * dIn).fill(9)), A.data) < 1e-15);
    checkPullback(p, rng);
  }
});
