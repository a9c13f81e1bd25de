import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, lu, luSolve, luSingularPivot, solve, det, gemv } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { randn, naiveMul, maxAbs, maxAbsDiff, withSingularValues, logspace } from "./helpers.ts";

test("lu: P A = L U with |L_ij| ≤ 1", () => {
  const rng = new Rng(71);
  for (const n of [1, 2, 5, 17, 40]) {
    const A = randn(rng, n, n);
    const { LU, piv, sign } = lu(A);
    const L = Matrix.identity(n), U = new Matrix(n, n), PA = new Matrix(n, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (j < i) L.set(i, j, LU.get(i, j));
        else U.set(i, j, LU.get(i, j));
        PA.set(i, j, A.get(piv[i], j));
      }
    }
    for (const v of L.data) assert.ok(Math.abs(v) <= 1);
    assert.ok(maxAbsDiff(naiveMul(L, U), PA) <= 1e-14 * n * maxAbs(A));
    // sign is the parity of piv
    const seen = new Uint8Array(n);
    let parity = 1;
    for (let i = 0; i < n; i++) {
      if (seen[i]) continue;
      let len = 0;
      for (let j = i; !seen[j]; j = piv[j]) { seen[j] = 1; len++; }
      if (len % 2 === 0) parity = -parity;
    }
    assert.equal(sign, parity);
  }
});

test("solve: small residuals and the planted solution on random and ill-conditioned systems", () => {
  const rng = new Rng(72);
  for (const n of [1, 3, 10, 50]) {
    const A = randn(rng, n, n);
    const xTrue = rng.fillNormal(new Float64Array(n));
    const b = gemv(A, xTrue, new Float64Array(n));
    const x = solve(A, b);
    const r = gemv(A, x, new Float64Array(n));
    assert.ok(maxAbsDiff(r, b) <= 1e-13 * n * maxAbs(b), `n=${n} residual`);
    assert.ok(maxAbsDiff(x, xTrue) <= 1e-10 * maxAbs(xTrue), `n=${n} forward error`);
    // out may alias b
    const bb = b.slice();
    assert.equal(solve(A, bb, bb), bb);
    assert.ok(maxAbsDiff(bb, x) <= 1e-15 * maxAbs(x));
  }
  // condition number 1e10: residual stays at rounding level even though x is only good to ~1e-6
  const A = withSingularValues(rng, 12, 12, logspace(0, -10, 12));
  const b = rng.fillNormal(new Float64Array(12));
  const x = solve(A, b);
  assert.ok(maxAbsDiff(gemv(A, x, new Float64Array(12)), b) <= 1e-13 * maxAbs(x));
  // a diagonal matrix with a huge range of scales is fine
  const D = Matrix.diag([1e100, 1, 1e-100]);
  assert.deepEqual(Array.from(solve(D, Float64Array.of(1e100, 2, 3e-100))), [1, 2, 3]);
  // so is a two-sided scaling D₁ B D₂ of a well-conditioned B (normwise condition ~1e80, componentwise benign)
  const n = 6, B = randn(rng, n, n), S = new Matrix(n, n);
  const d1 = logspace(-40, 40, n), d2 = logspace(30, -30, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S.set(i, j, d1[i] * B.get(i, j) * d2[j]);
  const xs = rng.fillNormal(new Float64Array(n)).map((v, j) => v / d2[j]);
  const bs = gemv(S, xs, new Float64Array(n));
  const ys = solve(S, bs);
  for (let j = 0; j < n; j++) assert.ok(Math.abs(ys[j] - xs[j]) <= 1e-10 * Math.abs(xs[j]));
});

test("solve throws a RangeError on singular and non-square systems", () => {
  const rng = new Rng(73);
  assert.throws(() => solve(Matrix.fromRows([[1, 2], [2, 4]]), Float64Array.of(1, 2)), /singular/);
  assert.throws(() => solve(new Matrix(3, 3), new Float64Array(3)), RangeError);
  const Z = randn(rng, 4, 4);
  for (let j = 0; j < 4; j++) Z.set(2, j, 0);
  assert.throws(() => solve(Z, new Float64Array(4)), RangeError);
  // rank 3 of 5 in floating point: pivots are rounding noise, not exact zeros
  const R = naiveMul(randn(rng, 5, 3), randn(rng, 3, 5));
  assert.equal(luSingularPivot(lu(R)), 3);
  assert.throws(() => solve(R, new Float64Array(5)), /singular to working precision/);
  // σ_min = 1e-17 behind random rotations: indistinguishable from singular
  assert.throws(() => solve(withSingularValues(rng, 6, 6, [1, 1, 1, 1, 1, 1e-17]), new Float64Array(6)), RangeError);
  assert.throws(() => solve(new Matrix(2, 3), new Float64Array(2)), RangeError);
  assert.throws(() => solve(Matrix.identity(2), new Float64Array(3)), RangeError);
  assert.throws(() => luSolve(lu(Matrix.fromRows([[0, 0], [0, 1]])), new Float64Array(2)), RangeError);
  assert.deepEqual(solve(new Matrix(0, 0), new Float64Array(0)), new Float64Array(0));
});

test("det: closed forms, permutation sign, multiplicativity", () => {
  assert.equal(det(Matrix.fromRows([[1, 2], [3, 4]])), -2);
  assert.equal(det(Matrix.fromRows([[0, 1], [1, 0]])), -1);
  assert.equal(det(Matrix.fromRows([[0, 1, 0], [0, 0, 1], [1, 0, 0]])), 1);
  assert.equal(det(Matrix.diag([2, -3, 0.5])), -3);
  assert.equal(det(Matrix.fromRows([[1, 2], [2, 4]])), 0);
  assert.equal(det(new Matrix(0, 0)), 1);
  const rng = new Rng(74);
  const A = randn(rng, 6, 6), B = randn(rng, 6, 6);
  const dAB = det(naiveMul(A, B)), dAdB = det(A) * det(B);
  assert.ok(Math.abs(dAB - dAdB) <= 1e-12 * Math.abs(dAdB));
});
