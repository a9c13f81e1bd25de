import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, svd } from "../../../src/linalg/index.ts";
import { Rng } from "../../../src/random/index.ts";
import {
  matrixCompletionNuclear,
  minFrobenius,
  minFrobeniusCertificate,
  minNuclearNorm,
  nuclearMarginCertificate,
  nuclearMaxMargin,
  nuclearNormCertificate,
  nuclearNormPsd,
  entryMeasurements,
} from "../../../src/references/sdp/index.ts";
import { gaussian, gramOf, measure, relErr, symmetricGaussian } from "./helpers.ts";

/** a rank-r PSD truth and m symmetric Gaussian measurements of it */
function sensing(rng: Rng, n: number, m: number, r: number): { A: Matrix[]; y: Float64Array; Xstar: Matrix } {
  const A = Array.from({ length: m }, () => symmetricGaussian(rng, n));
  const Xstar = gramOf(gaussian(rng, n, r));
  return { A, y: measure(A, Xstar), Xstar };
}

test("2×2 completion: [[2, 1], [1, ?]] completes to the rank-one 1/2 with ‖W‖_* = 5/2, in general and PSD form", () => {
  // eigenvalues of [[2, 1], [1, z]]: for z ≥ 1/2 both ≥ 0 and ‖W‖_* = 2 + z; for z < 1/2, ‖W‖_* = √((2 − z)² + 4) > 5/2
  const general = matrixCompletionNuclear(2, 2, [{ i: 0, j: 0, value: 2 }, { i: 0, j: 1, value: 1 }, { i: 1, j: 0, value: 1 }]);
  const psd = matrixCompletionNuclear(2, 2, [{ i: 0, j: 0, value: 2 }, { i: 1, j: 0, value: 1 }], true);
  for (const sol of [general, psd]) {
    const W = sol.solution;
    assert.ok(Math.abs(W.get(1, 1) - 0.5) < 1e-7);
    assert.ok(Math.abs(W.get(0, 1) - 1) < 1e-8 && Math.abs(W.get(1, 0) - 1) < 1e-8 && Math.abs(W.get(0, 0) - 2) < 1e-8);
    assert.ok(Math.abs(sol.certificate.primalObjective - 2.5) < 1e-8);
    assert.ok(sol.certificate.ok, JSON.stringify(sol.certificate));
  }
  // a non-symmetric pattern: [[1, z], [2, 4]] has ‖W‖_*² = 21 + z² + 2|4 − 2z|, least (25) at the rank-one z = 2;
  // ‖W‖_* ≈ 5 + (z − 2)²/10 for z < 2 grows only quadratically, so z is determined to ~√(10·gap·5) only
  const ns = matrixCompletionNuclear(2, 2, [{ i: 0, j: 0, value: 1 }, { i: 1, j: 0, value: 2 }, { i: 1, j: 1, value: 4 }]);
  assert.ok(ns.certificate.ok);
  assert.ok(Math.abs(ns.certificate.primalObjective - 5) < 1e-8);
  assert.ok(Math.abs(ns.solution.get(0, 1) - 2) < 1e-3);
});

test("completion input: duplicates merge, conflicts and out-of-range indices are refused", () => {
  const same = matrixCompletionNuclear(2, 2, [{ i: 0, j: 0, value: 2 }, { i: 0, j: 1, value: 1 }, { i: 1, j: 0, value: 1 }, { i: 0, j: 1, value: 1 }]);
  assert.ok(Math.abs(same.solution.get(1, 1) - 0.5) < 1e-7);
  // in PSD form (0, 1) and (1, 0) are one entry
  const mirrored = matrixCompletionNuclear(2, 2, [{ i: 0, j: 0, value: 2 }, { i: 0, j: 1, value: 1 }, { i: 1, j: 0, value: 1 }], true);
  assert.ok(Math.abs(mirrored.solution.get(1, 1) - 0.5) < 1e-7);
  assert.throws(() => matrixCompletionNuclear(2, 2, [{ i: 0, j: 1, value: 1 }, { i: 1, j: 0, value: 2 }], true), /observed twice with different values 1 and 2/);
  assert.throws(() => matrixCompletionNuclear(2, 3, [{ i: 2, j: 0, value: 1 }]), /entry 0 at \(2, 0\) is outside the 2×3 matrix/);
  assert.throws(() => matrixCompletionNuclear(2, 3, [{ i: 0, j: 0, value: 1 }], true), /PSD completion needs a square matrix/);
  assert.throws(() => matrixCompletionNuclear(2, 2, []), /no observed entries/);
  // a negative diagonal entry has no PSD completion
  assert.throws(() => matrixCompletionNuclear(2, 2, [{ i: 0, j: 0, value: -1 }], true), /no X ⪰ 0 satisfies the measurements/);
});

test("a rank-one PSD matrix is recovered exactly from enough symmetric Gaussian measurements, by both programs", () => {
  const rng = new Rng(11);
  const n = 6, m = 15;
  const { A, y, Xstar } = sensing(rng, n, m, 1);
  const psd = nuclearNormPsd(A, y);
  assert.ok(psd.certificate.ok, JSON.stringify(psd.certificate));
  assert.ok(relErr(psd.solution, Xstar) < 1e-7);
  // the block SDP for general W reaches the same matrix and value (the answer is PSD)
  const general = minNuclearNorm(A, y);
  assert.ok(general.certificate.ok, JSON.stringify(general.certificate));
  assert.ok(relErr(general.solution, psd.solution) < 1e-7);
  assert.ok(Math.abs(general.certificate.primalObjective - psd.certificate.primalObjective) < 1e-8 * psd.certificate.primalObjective);
  // the multipliers certify each other's program: A*(λ) ⪯ I and ‖A*(λ)‖₂ ≤ 1 hold for the general one's λ
  const cross = nuclearNormCertificate(A, y, psd.solution, general.dual!, { psd: true });
  assert.ok(cross.ok, JSON.stringify(cross));
});

test("the certificates fail on wrong answers: a perturbed W, a scaled λ, a non-PSD X", () => {
  const rng = new Rng(12);
  const n = 5, m = 10;
  const { A, y } = sensing(rng, n, m, 1);
  const sol = nuclearNormPsd(A, y);
  const X = sol.solution;
  const P = symmetricGaussian(rng, n);
  const Xp = new Matrix(n, n, X.data.map((v, t) => v + 1e-5 * P.data[t]));
  assert.ok(!nuclearNormCertificate(A, y, Xp, sol.dual!, { psd: true }).ok);
  const lam2 = sol.dual!.map((v) => 1.01 * v); // A*(1.01λ) ⋠ I
  const c2 = nuclearNormCertificate(A, y, X, lam2, { psd: true });
  assert.ok(c2.dualResidual > 1e-3 && !c2.ok);
  const lam0 = sol.dual!.map((v) => 0.99 * v); // feasible but a 1% gap
  const c0 = nuclearNormCertificate(A, y, X, lam0, { psd: true });
  assert.ok(c0.dualResidual === 0 && c0.dualityGap! > 1e-3 && !c0.ok);
  // a feasible matrix outside the cone: X + tN with A(N) = 0 (N = P minus its min-Frobenius fit) and t large
  const N = new Matrix(n, n, P.data.map((v, t) => v - minFrobenius(A, measure(A, P)).solution.data[t]));
  const Xn = new Matrix(n, n, X.data.map((v, t) => v + 10 * N.data[t]));
  const cn = nuclearNormCertificate(A, y, Xn, sol.dual!, { psd: true });
  assert.ok(Number(cn.details!.equalityResidual) < 1e-9 && Number(cn.details!.lambdaMinW) < -1e-2);
  assert.ok(cn.primalResidual > 1e-3 && !cn.ok);
});

test("mid-size: n = 12, m = 60 symmetric Gaussian measurements of a rank-2 truth, gap ≤ 1e-8 and recovery", () => {
  const rng = new Rng(13);
  const { A, y, Xstar } = sensing(rng, 12, 60, 2);
  const sol = nuclearNormPsd(A, y);
  const c = sol.certificate;
  assert.ok(c.ok && c.dualityGap! <= 1e-8 && c.primalResidual <= 1e-8 && c.dualResidual <= 1e-8, JSON.stringify(c));
  assert.ok(relErr(sol.solution, Xstar) < 1e-6);
  let tr = 0;
  for (let i = 0; i < 12; i++) tr += Xstar.get(i, i);
  assert.ok(Math.abs(c.primalObjective - tr) < 1e-8 * tr);
  // the plain Schur complement (no WebAssembly SIMD) reaches the same certified optimum
  const plain = nuclearNormPsd(A, y, { simd: false });
  assert.ok(plain.certificate.ok, JSON.stringify(plain.certificate));
  assert.ok(Math.abs(plain.certificate.primalObjective - c.primalObjective) < 1e-8 * tr);
  assert.ok(relErr(plain.solution, sol.solution) < 1e-6);
});

test("nuclear max-margin with one measurement is u₁v₁ᵀ/σ₁(A), value 1/σ₁", () => {
  const rng = new Rng(14);
  const A = gaussian(rng, 3, 4);
  const { U, s, V } = svd(A);
  for (const label of [1, -1]) {
    const sol = nuclearMaxMargin([A], Float64Array.of(label));
    assert.ok(sol.certificate.ok, JSON.stringify(sol.certificate));
    assert.ok(Math.abs(sol.certificate.primalObjective - 1 / s[0]) < 1e-8);
    const expected = new Matrix(3, 4);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) expected.set(i, j, (label * U.get(i, 0) * V.get(j, 0)) / s[0]);
    assert.ok(relErr(sol.solution, expected) < 1e-6);
    assert.ok(Math.abs(sol.dual![0] - 1 / s[0]) < 1e-8);
  }
});

test("nuclear max-margin on several labelled measurements: every margin ≥ 1, support multipliers, certificate fails when broken", () => {
  const rng = new Rng(15);
  const m = 10;
  const A = Array.from({ length: m }, () => gaussian(rng, 4, 5));
  const labels = Float64Array.from({ length: m }, (_, i) => (i % 3 === 0 ? -1 : 1));
  const sol = nuclearMaxMargin(A, labels);
  assert.ok(sol.certificate.ok, JSON.stringify(sol.certificate));
  const z = measure(A, sol.solution);
  let minMargin = Infinity;
  for (let i = 0; i < m; i++) minMargin = Math.min(minMargin, labels[i] * z[i]);
  assert.ok(Math.abs(minMargin - 1) < 1e-7);
  // complementary slackness: λᵢ > 0 only where the margin is tight
  for (let i = 0; i < m; i++) if (labels[i] * z[i] > 1 + 1e-4) assert.ok(sol.dual![i] < 1e-6);
  // a shrunken W violates the margins; a scaled λ breaks dual feasibility
  const shrunk = new Matrix(4, 5, sol.solution.data.map((v) => 0.99 * v));
  assert.ok(nuclearMarginCertificate(A, labels, shrunk, sol.dual!).primalResidual > 5e-3);
  assert.ok(!nuclearMarginCertificate(A, labels, sol.solution, sol.dual!.map((v) => 1.01 * v)).ok);
  // contradictory labels on one measurement: not separable
  assert.throws(() => nuclearMaxMargin([A[0], A[0]], Float64Array.of(1, -1)), /not separable/);
  assert.throws(() => nuclearMaxMargin([A[0]], Float64Array.of(0.5)), /labels must be −1 or \+1/);
});

test("a sparse completion of a rank-one 6×5 matrix agrees with the dense block SDP on the same entries", () => {
  const rng = new Rng(16);
  const u = rng.fillNormal(new Float64Array(6)), v = rng.fillNormal(new Float64Array(5));
  const entries: { i: number; j: number; value: number }[] = [];
  for (let i = 0; i < 6; i++) for (let j = 0; j < 5; j++) if (rng.uniform() < 0.6) entries.push({ i, j, value: u[i] * v[j] });
  const sparse = matrixCompletionNuclear(6, 5, entries);
  assert.ok(sparse.certificate.ok, JSON.stringify(sparse.certificate));
  const op = entryMeasurements(6, 5, entries);
  const dense = minNuclearNorm(entries.map((_, k) => op.matrix(k)), Float64Array.from(entries, (e) => e.value));
  assert.ok(relErr(sparse.solution, dense.solution) < 1e-6);
  assert.ok(Math.abs(sparse.certificate.primalObjective - dense.certificate.primalObjective) < 1e-8 * dense.certificate.primalObjective);
});

test("completions with many entries (primal-degenerate SDPs, most Schur rows numerically dependent) still reach 1e-9", () => {
  for (const [n, frac, seed] of [[15, 0.8, 3], [20, 0.6, 4]]) {
    const rng = new Rng(seed);
    const U = gaussian(rng, n, 2), V = gaussian(rng, n, 2);
    const truth = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) truth.set(i, j, U.get(i, 0) * V.get(j, 0) + U.get(i, 1) * V.get(j, 1));
    const entries: { i: number; j: number; value: number }[] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (rng.uniform() < frac) entries.push({ i, j, value: truth.get(i, j) });
    const sol = matrixCompletionNuclear(n, n, entries);
    assert.ok(sol.certificate.ok, JSON.stringify(sol.certificate));
    assert.ok(relErr(sol.solution, truth) < 1e-6, `n = ${n}`);
  }
});

test("min-Frobenius is Σ μᵢAᵢ with Gμ = y, certified, and fails its certificate off the span", () => {
  const rng = new Rng(17);
  const A = Array.from({ length: 7 }, () => gaussian(rng, 3, 4));
  const y = rng.fillNormal(new Float64Array(7));
  const sol = minFrobenius(A, y);
  // the formula, by Gaussian elimination on G
  const G = A.map((Ai) => A.map((Aj) => Ai.data.reduce((s, v, t) => s + v * Aj.data[t], 0)));
  const mu = Array.from(y);
  const M = G.map((row, i) => [...row, mu[i]]);
  for (let k = 0; k < 7; k++) {
    for (let i = k + 1; i < 7; i++) {
      const f = M[i][k] / M[k][k];
      for (let j = k; j <= 7; j++) M[i][j] -= f * M[k][j];
    }
  }
  for (let i = 6; i >= 0; i--) {
    let s = M[i][7];
    for (let j = i + 1; j < 7; j++) s -= M[i][j] * mu[j];
    mu[i] = s / M[i][i];
  }
  const expected = new Matrix(3, 4);
  A.forEach((Ai, i) => { for (let t = 0; t < 12; t++) expected.data[t] += mu[i] * Ai.data[t]; });
  assert.ok(relErr(sol.solution, expected) < 1e-10);
  assert.ok(sol.certificate.ok, JSON.stringify(sol.certificate));
  // adding a null-space direction keeps A(W) = y but leaves the span: dual residual and gap expose it
  const N = gaussian(rng, 3, 4);
  const proj = minFrobenius(A, measure(A, N)).solution;
  const off = new Matrix(3, 4, sol.solution.data.map((v, t) => v + 0.1 * (N.data[t] - proj.data[t])));
  const c = minFrobeniusCertificate(A, y, off);
  assert.ok(c.primalResidual < 1e-12 && c.dualResidual > 1e-3 && !c.ok);
  // inconsistent: the same measurement twice with different values
  assert.throws(() => minFrobenius([A[0], A[0]], Float64Array.of(1, 2)), /inconsistent/);
  assert.throws(() => minFrobenius([A[0], gaussian(rng, 2, 2)], Float64Array.of(1, 2)), /A\[1\] is 2×2, A\[0\] is 3×4/);
});
