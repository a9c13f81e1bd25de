import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, gemv, gemvT, gemm, gemmTN, gemmNT, frobenius } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { randn, naiveMul, naiveT, maxAbsDiff } from "./helpers.ts";

/** Gaussian matrix with about a third of its entries set to exactly 0 (exercises the zero-skipping branches). */
function sparseRandn(rng: Rng, m: number, n: number): Matrix {
  const A = randn(rng, m, n);
  for (let i = 0; i < A.data.length; i++) if (rng.uniform() < 0.33) A.data[i] = 0;
  return A;
}

const shapes: [number, number, number][] = [[1, 1, 1], [3, 4, 5], [7, 2, 6], [5, 5, 5], [0, 3, 2], [3, 0, 2], [4, 3, 0], [16, 9, 11]];

test("Matrix construction, access and views", () => {
  assert.throws(() => new Matrix(-1, 2), RangeError);
  assert.throws(() => new Matrix(1.5, 2), RangeError);
  assert.throws(() => new Matrix(2, 2, new Float64Array(3)), RangeError);
  assert.throws(() => Matrix.fromRows([[1, 2], [3]]), RangeError);
  const A = Matrix.fromRows([[1, 2, 3], [4, 5, 6]]);
  assert.equal(A.rows, 2);
  assert.equal(A.cols, 3);
  assert.equal(A.get(1, 2), 6);
  A.set(0, 1, -2);
  assert.deepEqual(A.toArrays(), [[1, -2, 3], [4, 5, 6]]);
  const r = A.row(1);
  r[0] = 40; // a view
  assert.equal(A.get(1, 0), 40);
  assert.deepEqual(Array.from(A.col(2)), [3, 6]);
  assert.deepEqual(A.transpose().toArrays(), [[1, 40], [-2, 5], [3, 6]]);
  const B = A.clone();
  B.set(0, 0, 99);
  assert.equal(A.get(0, 0), 1);
  assert.deepEqual(Matrix.identity(2).toArrays(), [[1, 0], [0, 1]]);
  assert.deepEqual(Matrix.diag([2, 3]).toArrays(), [[2, 0], [0, 3]]);
  assert.deepEqual(Matrix.zeros(1, 2).toArrays(), [[0, 0]]);
  assert.equal(Matrix.fromRows([]).rows, 0);
});

test("gemv and gemvT match naive loops", () => {
  const rng = new Rng(11);
  for (const [m, n] of shapes) {
    const A = sparseRandn(rng, m, n);
    const x = rng.fillNormal(new Float64Array(n)), y = rng.fillNormal(new Float64Array(m));
    const X = new Matrix(n, 1, x.slice()), Y = new Matrix(m, 1, y.slice());
    const out = new Float64Array(m).fill(NaN); // gemv must overwrite, not accumulate
    assert.ok(maxAbsDiff(gemv(A, x, out), naiveMul(A, X).data) <= 1e-14);
    const outT = new Float64Array(n).fill(NaN);
    assert.ok(maxAbsDiff(gemvT(A, y, outT), naiveMul(naiveT(A), Y).data) <= 1e-14);
  }
});

test("gemm, gemmTN and gemmNT match naive loops", () => {
  const rng = new Rng(12);
  for (const [m, k, n] of shapes) {
    const A = sparseRandn(rng, m, k), B = sparseRandn(rng, k, n);
    const C = naiveMul(A, B);
    const out = new Matrix(m, n);
    out.data.fill(NaN);
    assert.ok(maxAbsDiff(gemm(A, B, out), C) <= 1e-14);
    assert.ok(maxAbsDiff(gemm(A, B), C) <= 1e-14);
    const At = naiveT(A), Bt = naiveT(B);
    const o2 = new Matrix(m, n);
    o2.data.fill(NaN);
    assert.ok(maxAbsDiff(gemmTN(At, B, o2), C) <= 1e-14);
    const o3 = new Matrix(m, n);
    o3.data.fill(NaN);
    assert.ok(maxAbsDiff(gemmNT(A, Bt, o3), C) <= 1e-14);
  }
  const A = new Matrix(2, 3), B = new Matrix(2, 3);
  assert.throws(() => gemm(A, B), RangeError);
  assert.throws(() => gemmTN(A, new Matrix(3, 3)), RangeError);
  assert.throws(() => gemmNT(A, new Matrix(3, 2)), RangeError);
  // out of the wrong shape, or sharing storage with an input
  assert.throws(() => gemm(A, new Matrix(3, 2), new Matrix(2, 3)), RangeError);
  assert.throws(() => gemmTN(A, B, new Matrix(2, 2)), RangeError);
  assert.throws(() => gemmNT(A, B, new Matrix(3, 3)), RangeError);
  const S = new Matrix(3, 3);
  assert.throws(() => gemm(S, Matrix.identity(3), S), /alias/);
  assert.throws(() => gemmTN(S, Matrix.identity(3), S), /alias/);
  const shared = new Float64Array(18);
  assert.throws(() => gemmNT(new Matrix(3, 3, shared.subarray(0, 9)), S, new Matrix(3, 3, shared.subarray(5, 14))), /alias/);
  // disjoint views of one buffer are fine
  const left = new Matrix(3, 3, shared.subarray(0, 9)), right = new Matrix(3, 3, shared.subarray(9));
  left.data.set(Matrix.identity(3).data);
  assert.deepEqual(gemm(left, Matrix.diag([1, 2, 3]), right).data, Matrix.diag([1, 2, 3]).data);
});

test("frobenius norm", () => {
  assert.equal(frobenius(Matrix.fromRows([[3, 0], [0, 4]])), 5);
  assert.equal(frobenius(new Matrix(0, 3)), 0);
  const rng = new Rng(13);
  const A = randn(rng, 4, 6);
  let s = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 6; j++) s += A.get(i, j) ** 2;
  assert.ok(Math.abs(frobenius(A) - Math.sqrt(s)) <= 1e-15 * Math.sqrt(s));
});
