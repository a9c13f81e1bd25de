import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, svd, singularValues, eigvalsSym, gemmTN } from "../../src/linalg/index.ts";
import type { Svd } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { randn, naiveMul, maxAbs, maxAbsDiff, orthoErr, usvt, withSingularValues, randomOrthonormal, logspace } from "./helpers.ts";

/** U diag(s) Vᵀ = A, UᵀU = VᵀV = I, s descending and ≥ 0, shapes thin. */
function checkSvd(A: Matrix, f: Svd, label: string, tol = 1e-13): void {
  const m = A.rows, n = A.cols, k = Math.min(m, n);
  assert.equal(f.U.rows, m, label);
  assert.equal(f.U.cols, k, label);
  assert.equal(f.V.rows, n, label);
  assert.equal(f.V.cols, k, label);
  assert.equal(f.s.length, k, label);
  for (let i = 0; i < k; i++) {
    assert.ok(f.s[i] >= 0, `${label}: negative σ`);
    if (i > 0) assert.ok(f.s[i] <= f.s[i - 1], `${label}: not descending`);
  }
  assert.ok(orthoErr(f.U) <= tol, `${label}: UᵀU − I = ${orthoErr(f.U)}`);
  assert.ok(orthoErr(f.V) <= tol, `${label}: VᵀV − I = ${orthoErr(f.V)}`);
  const rec = maxAbsDiff(usvt(f.U, f.s, f.V), A) / Math.max(maxAbs(A), 1e-300);
  assert.ok(rec <= tol, `${label}: ‖UΣVᵀ − A‖/‖A‖ = ${rec}`);
}

const shapes: [number, number][] = [[1, 1], [1, 6], [6, 1], [5, 3], [3, 5], [8, 8], [40, 10], [10, 40], [45, 45]];

test("svd on Gaussian matrices: tall, wide, square, vectors", () => {
  const rng = new Rng(51);
  for (const [m, n] of shapes) {
    const A = randn(rng, m, n);
    const f = svd(A);
    checkSvd(A, f, `${m}×${n}`);
    assert.deepEqual(singularValues(A), f.s);
    // σ² are the eigenvalues of AᵀA (well conditioned here, so the Gram route is accurate enough to compare)
    const ev = eigvalsSym(m >= n ? gemmTN(A, A) : gemmTN(A.transpose(), A.transpose()));
    for (let i = 0; i < f.s.length; i++) assert.ok(Math.abs(f.s[i] ** 2 - ev[ev.length - 1 - i]) <= 1e-12 * ev[ev.length - 1]);
  }
  // a vector's only singular value is its norm
  const x = randn(rng, 1, 9);
  let nx = 0;
  for (const v of x.data) nx += v * v;
  assert.ok(Math.abs(svd(x).s[0] - Math.sqrt(nx)) <= 1e-15 * Math.sqrt(nx));
});

test("svd: prescribed singular values, including repeated and spanning 1e-12..1", () => {
  const rng = new Rng(52);
  const cases: [string, number, number, number[]][] = [
    ["distinct", 7, 5, [9, 4, 2, 1, 0.5]],
    ["repeated", 9, 6, [3, 3, 3, 1, 1, 1]],
    ["orthogonal (all ones)", 8, 8, Array(8).fill(1)],
    ["1e-12..1 square", 30, 30, Array.from(logspace(0, -12, 30))],
    ["1e-12..1 tall", 40, 20, Array.from(logspace(0, -12, 20))],
    ["1e-12..1 wide", 15, 35, Array.from(logspace(0, -12, 15))],
    ["rank 3 of 6", 10, 6, [5, 2, 1, 0, 0, 0]],
  ];
  for (const [label, m, n, s] of cases) {
    const A = withSingularValues(rng, m, n, s);
    const f = svd(A);
    checkSvd(A, f, label);
    for (let i = 0; i < s.length; i++) {
      // backward stability: every σ to within a few eps·σ_max, whatever its size
      assert.ok(Math.abs(f.s[i] - s[i]) <= 1e-14 * s[0] * Math.sqrt(m + n), `${label}: σ_${i} = ${f.s[i]}, want ${s[i]}`);
    }
  }
});

test("svd keeps high relative accuracy on column-graded matrices A = B D", () => {
  // For A = B D with B well conditioned, each σ_i is determined to relative accuracy ~ eps·κ(B) (Demmel–Veselić);
  // one-sided Jacobi attains it, the eigenvalues of AᵀA cannot (they lose everything below eps·σ_max²).
  // Test: A and H A (H orthogonal) have the same σ's; both computations must agree to ~1e-13 relative per σ.
  const rng = new Rng(53);
  const m = 25, n = 12;
  const B = randn(rng, m, n);
  const d = logspace(0, -12, n);
  rng.shuffle(d);
  const A = B.clone();
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) A.set(i, j, A.get(i, j) * d[j]);
  const H = randomOrthonormal(rng, m, m);
  const s1 = singularValues(A), s2 = singularValues(naiveMul(H, A));
  assert.ok(s1[n - 1] < 1e-11, "the test matrix must actually be ill-conditioned");
  for (let i = 0; i < n; i++) assert.ok(Math.abs(s1[i] - s2[i]) <= 1e-13 * s1[i], `σ_${i}: ${s1[i]} vs ${s2[i]}`);
  // and the Gram route really does fail here, so the test has teeth
  const ev = eigvalsSym(gemmTN(A, A));
  const gramSmallest = Math.sqrt(Math.max(ev[0], 0));
  assert.ok(Math.abs(gramSmallest - s1[n - 1]) > 1e-3 * s1[n - 1]);
});

test("svd on zero, diagonal and rank-deficient matrices completes orthonormal factors", () => {
  const rng = new Rng(54);
  for (const [m, n] of [[4, 6], [6, 4], [3, 3]]) {
    const Z = new Matrix(m, n);
    const f = svd(Z);
    checkSvd(Z, f, `zero ${m}×${n}`);
    assert.equal(maxAbs(f.s), 0);
  }
  const d = [3, -7, 0, 0.5, -0.5];
  const D = Matrix.diag(d);
  const fd = svd(D);
  checkSvd(D, fd, "diag");
  assert.deepEqual(Array.from(fd.s), d.map(Math.abs).sort((a, b) => b - a));
  for (const [m, n, r] of [[12, 7, 2], [7, 12, 3], [9, 9, 1]]) {
    const A = naiveMul(randn(rng, m, r), randn(rng, r, n));
    const f = svd(A);
    checkSvd(A, f, `rank ${r}`);
    for (let i = r; i < f.s.length; i++) assert.ok(f.s[i] <= 1e-14 * f.s[0]);
    assert.ok(f.s[r - 1] > 1e-3 * f.s[0]);
  }
  // exact zero columns and rows (null directions found by completion)
  const P = randn(rng, 6, 5);
  for (let i = 0; i < 6; i++) { P.set(i, 1, 0); P.set(i, 3, 0); }
  for (let j = 0; j < 5; j++) P.set(2, j, 0);
  checkSvd(P, svd(P), "zero rows/cols");
  assert.equal(svd(new Matrix(0, 3)).s.length, 0);
});

test("svd is scale invariant from 1e-200 to 1e200 and rejects non-finite entries", () => {
  const rng = new Rng(55);
  const A = randn(rng, 7, 4);
  const ref = singularValues(A);
  for (const s of [1e-200, 1e200]) {
    const As = new Matrix(7, 4, A.data.map((v) => v * s));
    const f = svd(As);
    checkSvd(As, f, `scale ${s}`);
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(f.s[i] / s - ref[i]) <= 1e-14 * ref[0]);
  }
  assert.throws(() => svd(Matrix.fromRows([[1, NaN]])), RangeError);
  assert.throws(() => singularValues(Matrix.fromRows([[Infinity], [1]])), RangeError);
});
