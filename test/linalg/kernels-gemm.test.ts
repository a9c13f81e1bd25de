import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, gemmBlocked } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { maxAbsDiff, naiveMul, randn } from "./helpers.ts";

test("gemmBlocked equals the textbook product for every row/column tail of the 2×4 block", () => {
  const rng = new Rng(10);
  for (const [n, k, m] of [[1, 1, 1], [2, 3, 4], [3, 5, 7], [4, 1, 9], [5, 6, 3], [7, 7, 8], [0, 3, 2], [3, 0, 5], [50, 50, 50]]) {
    const A = randn(rng, n, k), B = randn(rng, k, m);
    const out = new Matrix(n, m, new Float64Array(n * m).fill(NaN)); // fully overwritten
    assert.equal(gemmBlocked(A, B, out), out);
    assert.ok(maxAbsDiff(out, naiveMul(A, B)) <= 1e-13 * Math.max(1, k), `${n}×${k}×${m}`);
  }
});

test("gemmBlocked rejects wrong shapes and an out that aliases an input", () => {
  const A = new Matrix(2, 3), B = new Matrix(3, 2);
  assert.throws(() => gemmBlocked(A, A), RangeError);
  assert.throws(() => gemmBlocked(A, B, new Matrix(2, 3)), RangeError);
  const sq = new Matrix(2, 2);
  assert.throws(() => gemmBlocked(sq, new Matrix(2, 2), sq), /alias/);
  assert.deepEqual(gemmBlocked(Matrix.fromRows([[1, 2]]), Matrix.fromRows([[3], [4]])).toArrays(), [[11]]);
});
