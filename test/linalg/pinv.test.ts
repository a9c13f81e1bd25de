import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, cholesky, choleskySolve, pinv, rank, defaultRtol, nuclearNorm, spectralNorm, gemv, norm2 } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { randn, naiveMul, naiveT, maxAbs, maxAbsDiff, withSingularValues, randomOrthonormal } from "./helpers.ts";

/** The four Penrose conditions: A X A = A, X A X = X, (A X)ᵀ = A X, (X A)ᵀ = X A. */
function checkPenrose(A: Matrix, X: Matrix, label: string, tol: number): void {
  assert.equal(X.rows, A.cols);
  assert.equal(X.cols, A.rows);
  const AX = naiveMul(A, X), XA = naiveMul(X, A);
  const a = Math.max(maxAbs(A), 1e-300), x = Math.max(maxAbs(X), 1e-300);
  assert.ok(maxAbsDiff(naiveMul(AX, A), A) <= tol * a, `${label}: AXA ≠ A`);
  assert.ok(maxAbsDiff(naiveMul(XA, X), X) <= tol * x, `${label}: XAX ≠ X`);
  assert.ok(maxAbsDiff(AX, naiveT(AX)) <= tol, `${label}: AX not symmetric`);
  assert.ok(maxAbsDiff(XA, naiveT(XA)) <= tol, `${label}: XA not symmetric`);
}

test("pinv satisfies the Penrose conditions on full-rank, rank-deficient and zero matrices", () => {
  const rng = new Rng(61);
  for (const [m, n] of [[1, 1], [6, 3], [3, 6], [10, 10], [30, 8]]) {
    const A = randn(rng, m, n);
    checkPenrose(A, pinv(A), `${m}×${n}`, 1e-12);
  }
  for (const [m, n, r] of [[8, 6, 2], [5, 9, 3], [7, 7, 4]]) {
    const A = naiveMul(randn(rng, m, r), randn(rng, r, n));
    checkPenrose(A, pinv(A), `rank ${r}`, 1e-12);
  }
  const Z = pinv(new Matrix(3, 5));
  assert.equal(Z.rows, 5);
  assert.equal(maxAbs(Z), 0);
});

test("pinv closed forms: inverse, (AᵀA)⁻¹Aᵀ, diagonal", () => {
  const rng = new Rng(64);
  const T = randn(rng, 9, 4);
  // (TᵀT)⁻¹Tᵀ by Cholesky solves, column by column
  const L = cholesky(naiveMul(naiveT(T), T));
  const ref = new Matrix(4, 9);
  for (let j = 0; j < 9; j++) {
    const x = choleskySolve(L, T.row(j).slice());
    for (let i = 0; i < 4; i++) ref.set(i, j, x[i]);
  }
  assert.ok(maxAbsDiff(pinv(T), ref) <= 1e-13 * maxAbs(ref));
  const A = Matrix.fromRows([[2, 1], [1, 3]]);
  const inv = Matrix.fromRows([[0.6, -0.2], [-0.2, 0.4]]);
  assert.ok(maxAbsDiff(pinv(A), inv) <= 1e-15);
  const D = Matrix.diag([4, 0, -2]);
  assert.ok(maxAbsDiff(pinv(D), Matrix.diag([0.25, 0, -0.5])) <= 1e-16);
  // column vector: x⁺ = xᵀ/‖x‖²
  const x = Matrix.fromRows([[3], [4]]);
  assert.ok(maxAbsDiff(pinv(x), Matrix.fromRows([[3 / 25, 4 / 25]])) <= 1e-16);
});

test("pinv and rank cut singular values at rtol·σ_max, default max(m, n)·eps", () => {
  const rng = new Rng(62);
  assert.equal(defaultRtol(3, 7), 7 * 2 ** -52);
  const s = [1, 1e-3, 1e-10, 1e-17];
  const A = withSingularValues(rng, 6, 4, s);
  assert.equal(rank(A), 3);
  assert.equal(rank(A, 1e-8), 2);
  assert.equal(rank(A, 1e-2), 1);
  assert.equal(rank(new Matrix(4, 4)), 0);
  assert.equal(rank(Matrix.identity(5)), 5);
  const r = randn(rng, 9, 2), c = randn(rng, 2, 7);
  assert.equal(rank(naiveMul(r, c)), 2);
  // ‖A⁺‖₂ = 1/σ_min over the kept σ's: 1e10 by default (σ = 1e-17 dropped), 1e3 once 1e-10 is dropped too
  assert.ok(Math.abs(spectralNorm(pinv(A)) / 1e10 - 1) <= 1e-4);
  assert.ok(Math.abs(spectralNorm(pinv(A, 1e-8)) / 1e3 - 1) <= 1e-12);
});

test("nuclear and spectral norms", () => {
  const rng = new Rng(63);
  const s = [5, 2, 0.5];
  const A = withSingularValues(rng, 7, 3, s);
  assert.ok(Math.abs(nuclearNorm(A) - 7.5) <= 1e-14 * 7.5);
  assert.ok(Math.abs(spectralNorm(A) - 5) <= 1e-14 * 5);
  assert.equal(nuclearNorm(new Matrix(2, 2)), 0);
  assert.equal(spectralNorm(new Matrix(0, 2)), 0);
  // ‖A x‖ ≤ ‖A‖₂ ‖x‖ with equality at the top right singular vector; ⟨A, B⟩ ≤ ‖A‖_* ‖B‖₂
  const B = randn(rng, 6, 4);
  const sn = spectralNorm(B), nn = nuclearNorm(B);
  for (let t = 0; t < 20; t++) {
    const x = rng.fillNormal(new Float64Array(4));
    assert.ok(norm2(gemv(B, x, new Float64Array(6))) <= sn * norm2(x) * (1 + 1e-14));
    const C = randn(rng, 6, 4);
    let ip = 0;
    for (let i = 0; i < 24; i++) ip += B.data[i] * C.data[i];
    assert.ok(Math.abs(ip) <= nn * spectralNorm(C) * (1 + 1e-14));
  }
  // orthogonal matrices: ‖Q‖₂ = 1, ‖Q‖_* = n
  const Q = randomOrthonormal(rng, 6, 6);
  assert.ok(Math.abs(spectralNorm(Q) - 1) <= 1e-14);
  assert.ok(Math.abs(nuclearNorm(Q) - 6) <= 1e-13);
});
