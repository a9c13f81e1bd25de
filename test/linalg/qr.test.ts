import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, qr, qrPivoted } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { randn, naiveMul, maxAbs, maxAbsDiff, orthoErr, withSingularValues } from "./helpers.ts";

function checkQr(A: Matrix, Q: Matrix, R: Matrix, label: string): void {
  const m = A.rows, n = A.cols, k = Math.min(m, n);
  assert.equal(Q.rows, m, label);
  assert.equal(Q.cols, k, label);
  assert.equal(R.rows, k, label);
  assert.equal(R.cols, n, label);
  for (let i = 0; i < k; i++) for (let j = 0; j < Math.min(i, n); j++) assert.equal(R.get(i, j), 0, `${label}: R not upper`);
  assert.ok(orthoErr(Q) <= 1e-14 * Math.max(1, k), `${label}: QᵀQ − I = ${orthoErr(Q)}`);
  const err = maxAbsDiff(naiveMul(Q, R), A);
  assert.ok(err <= 1e-14 * Math.max(1, maxAbs(A)) * Math.max(m, n), `${label}: QR − A = ${err}`);
}

function permuteCols(A: Matrix, perm: Int32Array): Matrix {
  const B = new Matrix(A.rows, A.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) B.set(i, j, A.get(i, perm[j]));
  return B;
}

const shapes: [number, number][] = [[1, 1], [5, 3], [3, 5], [6, 6], [40, 12], [12, 40], [30, 30], [7, 1], [1, 7]];

test("qr: Q R = A, QᵀQ = I, R upper triangular on Gaussian matrices of many shapes", () => {
  const rng = new Rng(31);
  for (const [m, n] of shapes) {
    const A = randn(rng, m, n);
    const { Q, R } = qr(A);
    checkQr(A, Q, R, `${m}×${n}`);
  }
});

test("qr: zero, diagonal, rank-deficient and badly scaled matrices", () => {
  const rng = new Rng(32);
  const Z = new Matrix(5, 3);
  const z = qr(Z);
  checkQr(Z, z.Q, z.R, "zero");
  assert.equal(maxAbs(z.R), 0);
  const D = Matrix.diag([3, -2, 0, 7]);
  const d = qr(D);
  checkQr(D, d.Q, d.R, "diag");
  for (let i = 0; i < 4; i++) assert.equal(Math.abs(d.R.get(i, i)), Math.abs(D.get(i, i)));
  const L = naiveMul(randn(rng, 9, 2), randn(rng, 2, 6));
  const l = qr(L);
  checkQr(L, l.Q, l.R, "rank 2");
  const big = randn(rng, 6, 4);
  for (let i = 0; i < big.data.length; i++) big.data[i] *= 1e200;
  const b = qr(big);
  checkQr(big, b.Q, b.R, "1e200 scale");
  // ill-conditioned (σ from 1 to 1e-12): Householder QR stays backward stable and Q orthonormal
  for (const [m, n] of [[20, 12], [12, 20]]) {
    const k = Math.min(m, n);
    const C = withSingularValues(rng, m, n, Array.from({ length: k }, (_, i) => 10 ** (-12 * i / (k - 1))));
    const c = qr(C);
    checkQr(C, c.Q, c.R, `ill-conditioned ${m}×${n}`);
  }
  const empty = qr(new Matrix(3, 0));
  assert.equal(empty.Q.cols, 0);
  assert.equal(empty.R.rows, 0);
});

test("qrPivoted: A[:, perm] = Q R with non-increasing |R_jj| and the right rank", () => {
  const rng = new Rng(33);
  for (const [m, n] of shapes) {
    const A = randn(rng, m, n);
    const { Q, R, perm, rank } = qrPivoted(A);
    checkQr(permuteCols(A, perm), Q, R, `pivoted ${m}×${n}`);
    assert.deepEqual(Array.from(perm).sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
    for (let i = 1; i < Math.min(m, n); i++) assert.ok(Math.abs(R.get(i, i)) <= Math.abs(R.get(i - 1, i - 1)) * (1 + 1e-12));
    assert.equal(rank, Math.min(m, n));
  }
  for (const [m, n, r] of [[10, 8, 3], [8, 10, 5], [6, 6, 1], [12, 12, 11]]) {
    const A = naiveMul(randn(rng, m, r), randn(rng, r, n));
    const f = qrPivoted(A);
    checkQr(permuteCols(A, f.perm), f.Q, f.R, `rank ${r}`);
    assert.equal(f.rank, r, `${m}×${n} rank ${r}`);
  }
  assert.equal(qrPivoted(new Matrix(4, 3)).rank, 0);
  // a gap in the singular values at 1e-10: rank 3 by default, 2 once rtol exceeds the gap
  const G = withSingularValues(rng, 7, 5, [1, 0.5, 1e-10, 0, 0]);
  assert.equal(qrPivoted(G).rank, 3);
  assert.equal(qrPivoted(G, 1e-6).rank, 2);
});
