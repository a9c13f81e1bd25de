import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, cholesky, choleskySolve, gemv } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { randn, naiveMul, naiveT, maxAbs, maxAbsDiff, withEigenvalues } from "./helpers.ts";

test("cholesky: L Lᵀ = A with L lower triangular and positive diagonal", () => {
  const rng = new Rng(21);
  for (const n of [1, 2, 5, 20, 40]) {
    const X = randn(rng, n + 3, n);
    const A = naiveMul(naiveT(X), X); // SPD almost surely
    const L = cholesky(A);
    for (let i = 0; i < n; i++) {
      assert.ok(L.get(i, i) > 0);
      for (let j = i + 1; j < n; j++) assert.equal(L.get(i, j), 0);
    }
    assert.ok(maxAbsDiff(naiveMul(L, naiveT(L)), A) <= 1e-13 * maxAbs(A));
    const xTrue = rng.fillNormal(new Float64Array(n));
    const b = gemv(A, xTrue, new Float64Array(n));
    const x = choleskySolve(L, b);
    const r = gemv(A, x, new Float64Array(n));
    assert.ok(maxAbsDiff(r, b) <= 1e-12 * maxAbs(b));
    // out may alias b
    const b2 = b.slice();
    choleskySolve(L, b2, b2);
    assert.ok(maxAbsDiff(b2, x) <= 1e-15 * maxAbs(x) + 1e-300);
  }
});

test("cholesky: known factor", () => {
  const L = cholesky(Matrix.fromRows([[4, 2], [2, 5]]));
  assert.deepEqual(L.toArrays(), [[2, 0], [1, 2]]);
});

test("cholesky throws on indefinite, semidefinite, non-finite and non-square input", () => {
  const rng = new Rng(22);
  assert.throws(() => cholesky(withEigenvalues(rng, [3, 1, -0.1, 2])), RangeError);
  assert.throws(() => cholesky(Matrix.fromRows([[1, 2], [2, 1]])), RangeError);
  assert.throws(() => cholesky(Matrix.fromRows([[0, 0], [0, 1]])), RangeError);
  assert.throws(() => cholesky(Matrix.fromRows([[NaN, 0], [0, 1]])), RangeError);
  assert.throws(() => cholesky(new Matrix(2, 3)), RangeError);
  const v = Matrix.fromRows([[1, 1], [1, 1]]); // rank one: second pivot is exactly 0
  assert.throws(() => cholesky(v), /not positive definite/);
});
