import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, dot, gemm, relDist } from "../../../src/linalg/index.ts";
import { Rng } from "../../../src/random/index.ts";
import type { Parameterization } from "../../../src/models/index.ts";
import { asymmetricFactor, deepProduct, diagonalFactor, symmetricFactor } from "../../../src/models/matrix/index.ts";
import { fdGradient, maxRelError } from "../finiteDifference.ts";

// pullback(θ, G) = J(θ)ᵀ G is the gradient of θ ↦ ⟨G, predictor(θ)⟩.
function checkPullback(p: Parameterization, rng: Rng): void {
  const theta = rng.fillNormal(new Float64Array(p.dim));
  const G = rng.fillNormal(new Float64Array(p.predictorDim)); // not symmetric
  const buf = new Float64Array(p.predictorDim);
  const fd = fdGradient((t) => dot(G, p.predictor(t, buf)), theta);
  const pb = p.pullback(theta, G, new Float64Array(p.dim).fill(7)); // stale output must be overwritten
  assert.ok(maxRelError(pb, fd) < 1e-7, `${p.name}: pullback vs finite differences ${maxRelError(pb, fd)}`);
}

function mat(rows: number, cols: number, data: Float64Array): Matrix {
  return new Matrix(rows, cols, data.slice());
}

test("UUᵀ: predictor is U Uᵀ, pullback (G + Gᵀ)U matches finite differences, identity and random inits", () => {
  const rng = new Rng(31);
  for (const [n, r] of [[4, 4], [5, 2], [1, 1], [3, 5]]) {
    const p = symmetricFactor(n, r);
    assert.equal(p.dim, n * r);
    assert.equal(p.predictorDim, n * n);
    const U = rng.fillNormal(new Float64Array(n * r));
    const want = gemm(mat(n, r, U), mat(n, r, U).transpose());
    assert.ok(relDist(p.predictor(U, new Float64Array(n * n).fill(3)), want.data) < 1e-15);
    checkPullback(p, rng);
    checkPullback(symmetricFactor(n, r, "random"), rng);
  }
  const id = symmetricFactor(3).init(rng, 0.1);
  assert.deepEqual(Array.from(id), [0.1, 0, 0, 0, 0.1, 0, 0, 0, 0.1]);
  const rect = symmetricFactor(3, 2).init(rng, 2);
  assert.deepEqual(Array.from(rect), [2, 0, 0, 2, 0, 0]);
  // random init: E[UUᵀ] = α²I, i.e. entries N(0, α²/r)
  const big = symmetricFactor(200, 50, "random").init(rng, 3);
  const sd = Math.sqrt(dot(big, big) / big.length);
  assert.ok(Math.abs(sd - 3 / Math.sqrt(50)) < 0.01, `sample sd ${sd}`);
  assert.throws(() => symmetricFactor(3, 0), /r must be a positive integer/);
  assert.throws(() => symmetricFactor(3, 3, "zeros" as "identity"), /init must be "identity" or "random"/);
});

test("UVᵀ: predictor is U Vᵀ (n1×n2), pullback [G V; Gᵀ U] matches finite differences", () => {
  const rng = new Rng(32);
  for (const [n1, n2, r] of [[3, 4, 2], [4, 3, 4], [2, 2, 5], [1, 3, 1]]) {
    const p = asymmetricFactor(n1, n2, r);
    assert.equal(p.dim, (n1 + n2) * r);
    assert.equal(p.predictorDim, n1 * n2);
    const th = rng.fillNormal(new Float64Array(p.dim));
    const U = mat(n1, r, th.subarray(0, n1 * r)), V = mat(n2, r, th.subarray(n1 * r));
    assert.ok(relDist(p.predictor(th, new Float64Array(n1 * n2)), gemm(U, V.transpose()).data) < 1e-15);
    checkPullback(p, rng);
    checkPullback(asymmetricFactor(n1, n2, r, "random"), rng);
  }
  // identity init: U = V = α[I; 0] so UVᵀ = α² times the rectangular identity
  const p = asymmetricFactor(2, 3, 3);
  const W = p.predictor(p.init(rng, 0.5), new Float64Array(6));
  assert.deepEqual(Array.from(W), [0.25, 0, 0, 0, 0.25, 0]);
});

test("W_L⋯W_1: predictor is the ordered product, pullback matches finite differences at depths 1–4", () => {
  const rng = new Rng(33);
  for (const [n, L] of [[3, 1], [3, 2], [4, 3], [2, 4]]) {
    const p = deepProduct(n, L);
    assert.equal(p.dim, L * n * n);
    assert.equal(p.predictorDim, n * n);
    const th = rng.fillNormal(new Float64Array(p.dim));
    let prod = mat(n, n, th.subarray(0, n * n));
    for (let l = 1; l < L; l++) prod = gemm(mat(n, n, th.subarray(l * n * n, (l + 1) * n * n)), prod);
    assert.ok(relDist(p.predictor(th, new Float64Array(n * n)), prod.data) < 1e-14, `depth ${L} product`);
    checkPullback(p, rng);
    checkPullback(deepProduct(n, L, "random"), rng);
  }
  // identity init: each W_l = αI, so W = α^L I
  const p = deepProduct(2, 3);
  assert.deepEqual(Array.from(p.predictor(p.init(rng, 0.5), new Float64Array(4))), [0.125, 0, 0, 0.125]);
});

test("u⊙u: predictor and pullback 2u⊙g, init α1", () => {
  const rng = new Rng(34);
  const p = diagonalFactor(4);
  assert.deepEqual(Array.from(p.predictor(Float64Array.from([1, -2, 0.5, 0]), new Float64Array(4))), [1, 4, 0.25, 0]);
  assert.deepEqual(Array.from(p.init(rng, 0.3)), [0.3, 0.3, 0.3, 0.3]);
  checkPullback(p, rng);
});

test("pullbacks do not allocate", async () => {
  const { allocatedBytes } = await import("../../helpers/heap.ts");
  const rng = new Rng(35);
  for (const p of [symmetricFactor(6), asymmetricFactor(4, 5, 3), deepProduct(4, 3), diagonalFactor(8)]) {
    const th = rng.fillNormal(new Float64Array(p.dim)), G = rng.fillNormal(new Float64Array(p.predictorDim));
    const W = new Float64Array(p.predictorDim), out = new Float64Array(p.dim);
    const bytes = allocatedBytes(20000, (k) => { for (let t = 0; t < k; t++) { p.predictor(th, W); p.pullback(th, G, out); } });
    assert.ok(bytes < 256 * 1024, `${p.name}: ~${bytes} bytes over 20000 calls`);
  }
});
