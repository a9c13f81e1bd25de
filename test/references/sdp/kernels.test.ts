import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../../src/linalg/index.ts";
import { Rng } from "../../../src/random/index.ts";
import { PivotedCholesky, choleskyInPlace, clearUpper, congruence, congruenceT, gemmNTInto, gramRows, transposeInto } from "../../../src/references/sdp/kernels.ts";
import { compileSdp } from "../../../src/references/sdp/compile.ts";
import { formSchur, SchurWorkspace } from "../../../src/references/sdp/schur.ts";
import { SparseSymmetric } from "../../../src/references/sdp/index.ts";
import { gaussian, matmul, symmetricGaussian, trace } from "./helpers.ts";
import { gaussSolve } from "../helpers.ts";

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test("gemmNTInto is A Bᵀ for odd and even shapes; the upper form computes j ≥ i and leaves j < i − 1 alone", () => {
  const rng = new Rng(1);
  for (const [ra, rb, k] of [[5, 7, 3], [4, 4, 6], [1, 3, 2], [7, 7, 7]]) {
    const A = gaussian(rng, ra, k), B = gaussian(rng, rb, k);
    const C = new Float64Array(ra * rb);
    gemmNTInto(A.data, B.data, C, ra, rb, k);
    assert.ok(maxDiff(C, matmul(A, B.transpose()).data) < 1e-13);
  }
  const A = gaussian(rng, 5, 4), C = new Float64Array(25).fill(NaN);
  gemmNTInto(A.data, A.data, C, 5, 5, 4, true);
  const ref = matmul(A, A.transpose());
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) {
      if (j >= i) assert.ok(Math.abs(C[i * 5 + j] - ref.get(i, j)) < 1e-13);
      else if (j < i - 1) assert.ok(Number.isNaN(C[i * 5 + j]));
    }
  }
  const M = new Float64Array(25);
  gramRows(A.data, 5, 4, M);
  assert.ok(maxDiff(M, ref.data) < 1e-13);
});

test("congruences Rᵀ Z R and R Z Rᵀ match the products, symmetric in full storage", () => {
  const rng = new Rng(2);
  for (const n of [1, 4, 7]) {
    const R = gaussian(rng, n, n), Z = symmetricGaussian(rng, n);
    const Rt = new Float64Array(n * n), out = new Float64Array(n * n), t = new Float64Array(n * n);
    transposeInto(R.data, Rt, n);
    congruenceT(Rt, Z.data, out, t, n);
    assert.ok(maxDiff(out, matmul(matmul(R.transpose(), Z), R).data) < 1e-12);
    congruence(R.data, Z.data, out, t, n);
    assert.ok(maxDiff(out, matmul(matmul(R, Z), R.transpose()).data) < 1e-12);
  }
});

test("Cholesky factors SPD matrices; the pivoted one solves them, reveals the rank of a repeated row and still solves the rest", () => {
  const rng = new Rng(3);
  const G = gaussian(rng, 5, 8);
  const M = matmul(G, G.transpose());
  const L = M.data.slice();
  assert.equal(choleskyInPlace(L, 5), -1);
  clearUpper(L, 5);
  const Lm = new Matrix(5, 5, L);
  assert.ok(maxDiff(matmul(Lm, Lm.transpose()).data, M.data) < 1e-12 * Math.max(...M.data.map(Math.abs)));
  // not positive definite: reports the failing pivot
  assert.equal(choleskyInPlace(Float64Array.of(1, 2, 2, 1), 2), 1);
  const b = rng.fillNormal(new Float64Array(5));
  const x = Float64Array.from(gaussSolve(M.toArrays(), Array.from(b)));
  // pivoted: full rank solves exactly; a repeated row leaves rank 2 and a consistent system is still solved
  const pc = new PivotedCholesky(5);
  const F5 = M.data.slice();
  assert.equal(pc.factor(F5, 1e-13 * Math.max(...[0, 1, 2, 3, 4].map((i) => M.get(i, i)))), 5);
  const y = new Float64Array(5);
  pc.solve(b, y);
  assert.ok(maxDiff(y, x) < 1e-10 * Math.max(...x.map(Math.abs)));
  // the first pivot is the largest diagonal entry
  assert.equal(pc.perm[0], [0, 1, 2, 3, 4].reduce((p, i) => (M.get(i, i) > M.get(p, p) ? i : p), 0));

  const P = gaussian(rng, 3, 6);
  P.data.copyWithin(12, 6, 12); // row 2 = row 1
  const S = matmul(P, P.transpose());
  const pc3 = new PivotedCholesky(3);
  const F = S.data.slice();
  assert.equal(pc3.factor(F, 1e-13 * Math.max(S.get(0, 0), S.get(1, 1))), 2);
  const rhs = Float64Array.from({ length: 3 }, (_, i) => S.get(i, 0) + 2 * S.get(i, 1)); // consistent: S (1, 2, 0)
  const sol = new Float64Array(3);
  pc3.solve(rhs, sol);
  assert.ok(sol[1] === 0 || sol[2] === 0); // one of the twin rows is left out
  const Ssol = Float64Array.from({ length: 3 }, (_, i) => sol.reduce((s, v, j) => s + S.get(i, j) * v, 0));
  assert.ok(maxDiff(Ssol, rhs) < 1e-9 * Math.max(...rhs.map(Math.abs)));
  // a NaN is reported
  assert.equal(new PivotedCholesky(2).factor(Float64Array.of(1, 0, 0, NaN), 0), -1);
});

test("the Schur complement is tr(Aᵢ W Aⱼ W) + Σ w²aᵢaⱼ in both the dense and the sparse layout", () => {
  const rng = new Rng(4);
  const n = 5, m = 6, l = 3;
  const A = Array.from({ length: m }, () => symmetricGaussian(rng, n));
  const lin = Array.from({ length: m }, () => rng.fillNormal(new Float64Array(l)));
  const problem = {
    blocks: [n, 2],
    nonneg: l,
    C: { psd: [Matrix.identity(n), null] },
    // the second block has one sparse entry per constraint (and none for the last)
    A: A.map((Ai, i) => ({ psd: [Ai, i < m - 1 ? new SparseSymmetric(2, [[i % 2, 1, 1 + i]]) : null], nonneg: lin[i] })),
    b: new Float64Array(m),
  };
  const R = gaussian(rng, n, n), R2 = gaussian(rng, 2, 2), w = Float64Array.of(0.5, 2, 3);
  const W = matmul(R, R.transpose()), W2 = matmul(R2, R2.transpose());
  const sparseOf = (i: number): Matrix => {
    const S = new Matrix(2, 2);
    if (i < m - 1) {
      const p = i % 2;
      S.set(p, 1, S.get(p, 1) + 1 + i);
      if (p !== 1) S.set(1, p, S.get(1, p) + 1 + i);
    }
    return S;
  };
  const expected = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = trace(matmul(matmul(A[i], W), matmul(A[j], W)));
      s += trace(matmul(matmul(sparseOf(i), W2), matmul(sparseOf(j), W2)));
      for (let c = 0; c < l; c++) s += w[c] * w[c] * lin[i][c] * lin[j][c];
      expected[i * m + j] = s;
    }
  }
  for (const layout of ["dense", "sparse"] as const) {
    const P = compileSdp(problem, layout);
    assert.equal(P.blocks[0].kind, layout);
    const Rt = [R.transpose().data, R2.transpose().data];
    const scale = Math.max(...expected.map(Math.abs));
    // the dense block by WebAssembly SIMD (where it runs) and by the plain kernels
    for (const simd of [true, false]) {
      const ws = new SchurWorkspace(P, { simd });
      assert.equal(ws.arena !== null, simd && layout === "dense", `${layout}, simd ${simd}`);
      const M = new Float64Array(m * m).fill(NaN);
      formSchur(P, Rt, [W.data, W2.data], w, ws, M);
      assert.ok(maxDiff(M, expected) < 1e-12 * scale, `${layout}, simd ${simd}`);
      // at the start (R = I) the identity shortcut gives tr(Aᵢ Aⱼ) on the dense block
      const I = [Matrix.identity(n).data, Matrix.identity(2).data];
      const M0 = new Float64Array(m * m), M1 = new Float64Array(m * m);
      formSchur(P, I, I, w, ws, M0, true);
      formSchur(P, I, I, w, new SchurWorkspace(P, { simd: false }), M1, false);
      assert.ok(maxDiff(M0, M1) < 1e-12 * Math.max(...M1.map(Math.abs)), `identity, ${layout}, simd ${simd}`);
    }
  }
  // auto: a Gaussian block is dense, a 10×10 block with one entry per constraint sparse
  assert.equal(compileSdp(problem).blocks[0].kind, "dense");
  const entries = compileSdp({
    blocks: [10],
    C: { psd: [null] },
    A: Array.from({ length: 8 }, (_, i) => ({ psd: [new SparseSymmetric(10, [[i, i + 1, 1]])] })),
    b: new Float64Array(8),
  });
  assert.equal(entries.blocks[0].kind, "sparse");
});
