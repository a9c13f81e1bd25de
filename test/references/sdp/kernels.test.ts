import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../../src/linalg/index.ts";
import { Rng } from "../../../src/random/index.ts";
import { choleskyDependentSkip, choleskyInPlace, choleskySolveInPlace, congruence, congruenceT, gemmNTInto, gramRows, transposeInto } from "../../../src/references/sdp/kernels.ts";
import { compileSdp } from "../../../src/references/sdp/compile.ts";
import { formSchur, SchurWorkspace } from "../../../src/references/sdp/schur.ts";
import { SparseSymmetric } from "../../../src/references/sdp/index.ts";
import { gaussian, matmul, symmetricGaussian, trace } from "./helpers.ts";

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

test("Cholesky solves SPD systems; the dependent-skip variant flags a repeated row and still solves the rest", () => {
  const rng = new Rng(3);
  const G = gaussian(rng, 5, 8);
  const M = matmul(G, G.transpose());
  const L = M.data.slice();
  assert.equal(choleskyInPlace(L, 5), -1);
  const b = rng.fillNormal(new Float64Array(5)), x = new Float64Array(5);
  choleskySolveInPlace(L, 5, b, x);
  const Mx = Float64Array.from({ length: 5 }, (_, i) => x.reduce((s, v, j) => s + M.get(i, j) * v, 0));
  assert.ok(maxDiff(Mx, b) < 1e-10);
  // not positive definite: reports the failing pivot
  assert.equal(choleskyInPlace(Float64Array.of(1, 2, 2, 1), 2), 1);

  // rows 0, 1, 2 with row 2 = row 1: Gram singular; skipping row 2 gives a solution with x₂ ≈ 0 that solves the system
  const P = gaussian(rng, 3, 6);
  P.data.copyWithin(12, 6, 12);
  const S = matmul(P, P.transpose());
  const F = S.data.slice();
  assert.equal(choleskyDependentSkip(F, 3, 1e-12, new Float64Array(3)), 1);
  const rhs = Float64Array.from({ length: 3 }, (_, i) => S.get(i, 0) + 2 * S.get(i, 1)); // consistent: S (1, 2, 0)
  const sol = new Float64Array(3);
  choleskySolveInPlace(F, 3, rhs, sol);
  assert.ok(Math.abs(sol[2]) < 1e-100);
  const Ssol = Float64Array.from({ length: 3 }, (_, i) => sol.reduce((s, v, j) => s + S.get(i, j) * v, 0));
  assert.ok(maxDiff(Ssol, rhs) < 1e-9 * Math.max(...rhs.map(Math.abs)));
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
    const M = new Float64Array(m * m);
    formSchur(P, Rt, [W.data, W2.data], w, new SchurWorkspace(P), M);
    const scale = Math.max(...expected.map(Math.abs));
    assert.ok(maxDiff(M, expected) < 1e-12 * scale, layout);
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
