import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, choleskyInto } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { QpOperator, formNormalMatrix, mulG, mulGt } from "../../src/references/qpOperator.ts";
import { hardMarginSvm, qpInteriorPoint } from "../../src/references/index.ts";
import { separableData } from "../../src/data/index.ts";

/** ‖got − want‖∞ ≤ rel·‖want‖∞ */
function closeInf(got: Float64Array, want: Float64Array, rel: number, what: string): void {
  let err = 0, scale = 0;
  for (let i = 0; i < want.length; i++) {
    err = Math.max(err, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  assert.ok(err <= rel * scale, `${what}: ‖Δ‖∞ = ${err}, ‖want‖∞ = ${scale}`);
}

test("QpOperator: the SIMD normal matrix I + GᵀDG and Gx, Gᵀy agree with the plain kernels to 1e-12 on random inputs (all or some rows, D over 12 decades)", () => {
  const rng = new Rng(31);
  for (const [m, d] of [[1, 1], [5, 3], [9, 4], [30, 7], [200, 33], [587, 100]]) {
    const G = new Matrix(m, d, rng.fillNormal(new Float64Array(m * d)));
    const simd = new QpOperator(G), plain = new QpOperator(G, { simd: false });
    assert.equal(simd.simd, true);
    assert.equal(plain.simd, false);
    const D = Float64Array.from({ length: m }, () => 10 ** (12 * rng.uniform() - 6));
    const all = Int32Array.from({ length: m }, (_, i) => i);
    const some = all.filter((i) => i % 3 !== 1);
    for (const [rows, count] of [[all, m], [some, some.length]] as const) {
      const M1 = new Matrix(d, d, new Float64Array(d * d).fill(NaN)), M2 = new Matrix(d, d);
      simd.form(D, rows, count, M1);
      formNormalMatrix(G, D, rows, count, M2);
      closeInf(M1.data, M2.data, 1e-12, `M ${m}×${d}, ${count} rows`);
      for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) assert.equal(M1.data[j * d + k], M1.data[k * d + j], "symmetric");
    }
    const x = rng.fillNormal(new Float64Array(d)), y = rng.fillNormal(new Float64Array(m));
    const gx1 = new Float64Array(m), gx2 = new Float64Array(m), gy1 = new Float64Array(d), gy2 = new Float64Array(d);
    simd.mul(x, gx1);
    mulG(G, x, gx2);
    simd.mulT(y, gy1);
    mulGt(G, y, gy2);
    closeInf(gx1, gx2, 1e-12, `Gx ${m}×${d}`);
    closeInf(gy1, gy2, 1e-12, `Gᵀy ${m}×${d}`);
    const p1 = new Float64Array(d), p2 = new Float64Array(m);
    plain.mulT(y, p1);
    plain.mul(x, p2);
    assert.deepEqual(p1, gy2);
    assert.deepEqual(p2, gx2);
  }
});

test("the interior-point QP and the SVM give the same answer with and without SIMD kernels", () => {
  const { X, y } = separableData(new Rng(32), { n: 700, d: 12, gap: 0.05 });
  const a = hardMarginSvm(X, y), b = hardMarginSvm(X, y, { simd: false });
  assert.ok(a.certificate.ok && b.certificate.ok);
  assert.ok(Math.abs(a.margin - b.margin) <= 1e-9 * b.margin, `${a.margin} vs ${b.margin}`);
  const G = new Matrix(40, 6, new Rng(33).fillNormal(new Float64Array(240)));
  const h = new Float64Array(40).fill(-1);
  const r1 = qpInteriorPoint({ G, h }), r2 = qpInteriorPoint({ G, h }, { simd: false });
  assert.equal(r1.status, "optimal");
  assert.equal(r2.status, "optimal");
  closeInf(r1.w, r2.w, 1e-8, "w");
});

test("choleskyInto: L Lᵀ = A to 1e-13 (four-accumulator dot products on every tail), the first bad pivot's index otherwise", () => {
  const rng = new Rng(34);
  for (const n of [1, 2, 3, 4, 5, 8, 13, 100]) {
    const X = new Matrix(n + 2, n, rng.fillNormal(new Float64Array((n + 2) * n)));
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n + 2; k++) A[i * n + j] += X.data[k * n + i] * X.data[k * n + j];
    const L = new Float64Array(n * n).fill(NaN);
    assert.equal(choleskyInto(A, L, n), -1);
    let scale = 0;
    for (const v of A) scale = Math.max(scale, Math.abs(v));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += L[i * n + k] * L[j * n + k];
        assert.ok(Math.abs(s - A[i * n + j]) <= 1e-13 * scale, `n = ${n}: (LLᵀ)[${i},${j}]`);
        if (j > i) assert.equal(L[i * n + j], 0);
      }
    }
  }
  // diag(1, −1, 1): pivot 1 fails, its value stored
  const L = new Float64Array(9);
  assert.equal(choleskyInto(Float64Array.of(1, 0, 0, 0, -1, 0, 0, 0, 1), L, 3), 1);
  assert.equal(L[4], -1);
});
