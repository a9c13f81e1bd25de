import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, norm2 } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { separableData } from "../../src/data/index.ts";
import {
  hardMarginSvm, hardMarginSvmCertificate, hardMarginSvmHighs, qpInteriorPoint, NotSeparableError,
} from "../../src/references/index.ts";
import { maxAbsDiff } from "./helpers.ts";

const ones = (n: number) => new Float64Array(n).fill(1);

test("two points: both on the margin gives w = Zᵀ(ZZᵀ)⁻¹1; one shadowed by the other gives w = z₁/‖z₁‖²", () => {
  // z₁ = (1, 0), z₂ = (0, 1): w = (1, 1), margin 1/√2, both support vectors with α = 1
  let sol = hardMarginSvm(Matrix.fromRows([[1, 0], [0, -1]]), Float64Array.from([1, -1]));
  assert.ok(maxAbsDiff(sol.solution, [1, 1]) < 1e-10);
  assert.ok(Math.abs(sol.margin - Math.SQRT1_2) < 1e-10);
  assert.deepEqual(Array.from(sol.supportVectors), [0, 1]);
  assert.ok(maxAbsDiff(sol.dual!, [1, 1]) < 1e-9);
  assert.ok(sol.certificate.ok, JSON.stringify(sol.certificate));
  // z₁ = (1, 0), z₂ = (2, 1): w = (1, 0) already has ⟨w, z₂⟩ = 2 > 1, so only z₁ supports it
  sol = hardMarginSvm(Matrix.fromRows([[1, 0], [2, 1]]), ones(2));
  assert.ok(maxAbsDiff(sol.solution, [1, 0]) < 1e-10);
  assert.deepEqual(Array.from(sol.supportVectors), [0]);
  assert.ok(Math.abs(sol.margin - 1) < 1e-10);
  // a single example: w = x/‖x‖²
  sol = hardMarginSvm(Matrix.fromRows([[3, 4]]), Float64Array.from([-1]));
  assert.ok(maxAbsDiff(sol.solution, [-3 / 25, -4 / 25]) < 1e-12);
  assert.ok(Math.abs(sol.margin - 5) < 1e-10);
});

test("symmetric configuration: points (1, ±t) have the SVM direction e₁ by symmetry, all on the margin", () => {
  const rows = [[1, 2], [1, -2], [1, 0.5], [1, -0.5], [3, 1], [3, -1]];
  const sol = hardMarginSvm(Matrix.fromRows(rows), ones(6));
  assert.ok(maxAbsDiff(sol.solution, [1, 0]) < 1e-9);
  assert.ok(sol.certificate.ok);
  assert.deepEqual(Array.from(sol.supportVectors), [0, 1, 2, 3]);
});

test("planted support vectors: w = w*/gap, support set and margin recovered, with and without the working set", () => {
  for (const [n, d, k] of [[150, 6, 4], [3000, 20, 12], [5000, 40, 30]]) {
    const data = separableData(new Rng(n + d), { n, d, gap: 0.15, supportVectors: k, clearance: 0.02 });
    const sol = hardMarginSvm(data.X, data.y);
    const expected = Float64Array.from(data.wStar, (v) => v / 0.15);
    assert.ok(maxAbsDiff(sol.solution, expected) < 1e-8 * norm2(expected), `n=${n}: ${maxAbsDiff(sol.solution, expected)}`);
    assert.ok(Math.abs(sol.margin - 0.15) < 1e-10);
    assert.deepEqual(Array.from(sol.supportVectors), Array.from(data.supportIndices));
    assert.ok(sol.certificate.ok && sol.certificate.dualityGap! < 1e-10, JSON.stringify(sol.certificate));
    if (n > 1000) assert.ok((sol.certificate.details!.workingSet as number) < n / 2, "the working set stays small");
  }
});

test("working set and the full interior-point solve agree on unplanted Gaussian data (peers' generator)", () => {
  const data = separableData(new Rng(11), { n: 3000, d: 30, gap: 0.1 });
  const a = hardMarginSvm(data.X, data.y);
  const b = hardMarginSvm(data.X, data.y, { workingSetAbove: Infinity });
  assert.equal(b.certificate.details!.rounds, 1);
  assert.ok((a.certificate.details!.rounds as number) > 1);
  assert.ok(maxAbsDiff(a.solution, b.solution) < 1e-9 * norm2(b.solution));
  assert.ok(Math.abs(a.margin - b.margin) < 1e-12);
  assert.ok(a.certificate.ok && b.certificate.ok);
});

test("agrees with HiGHS's QP solver on small random instances", async () => {
  const rng = new Rng(12);
  for (let trial = 0; trial < 4; trial++) {
    const data = separableData(rng, { n: 40 + 20 * trial, d: 3 + trial, gap: 0.2 });
    const ours = hardMarginSvm(data.X, data.y);
    const highs = await hardMarginSvmHighs(data.X, data.y, { timeLimit: 20 });
    assert.equal(highs.certificate.details!.solver, "HiGHS QP");
    assert.ok(maxAbsDiff(ours.solution, highs.solution) < 1e-7 * norm2(ours.solution), `trial ${trial}: ${maxAbsDiff(ours.solution, highs.solution)}`);
    assert.ok(Math.abs(ours.certificate.primalObjective - highs.certificate.primalObjective) < 1e-8 * ours.certificate.primalObjective);
    assert.deepEqual(Array.from(ours.supportVectors), Array.from(highs.supportVectors));
  }
});

test("the certificate fails on wrong answers: a longer w, a rotated w, wrong multipliers", () => {
  const data = separableData(new Rng(13), { n: 80, d: 4, gap: 0.2, supportVectors: 3 });
  const sol = hardMarginSvm(data.X, data.y);
  const alpha = sol.dual!;
  assert.ok(hardMarginSvmCertificate(data.X, data.y, sol.solution, alpha).ok);
  const longer = sol.solution.map((v) => 1.001 * v);
  let c = hardMarginSvmCertificate(data.X, data.y, longer, alpha);
  assert.ok(!c.ok && c.dualityGap! > 1e-4 && c.primalResidual === 0);
  const rotated = sol.solution.slice();
  rotated[0] += 1e-3 * norm2(sol.solution);
  c = hardMarginSvmCertificate(data.X, data.y, rotated, alpha);
  assert.ok(!c.ok && c.dualResidual > 1e-5);
  const shifted = alpha.map((a, i) => (i === 0 ? a + 0.01 : a));
  c = hardMarginSvmCertificate(data.X, data.y, sol.solution, shifted);
  assert.ok(!c.ok);
  assert.ok(!hardMarginSvmCertificate(data.X, data.y, sol.solution, alpha.map((a) => -a)).ok);
});

test("non-separable data (XOR through the origin, a point at the origin) are refused with NotSeparableError", () => {
  const X = Matrix.fromRows([[1, 1], [-1, -1], [1, -1], [-1, 1]]);
  const y = Float64Array.from([1, 1, -1, -1]);
  assert.throws(() => hardMarginSvm(X, y), (e: unknown) => e instanceof NotSeparableError && e instanceof RangeError && /not linearly separable through the origin/.test(e.message));
  try {
    hardMarginSvm(X, y);
  } catch (e) {
    const f = (e as NotSeparableError).farkas;
    if (f) {
      // Σ λᵢ yᵢxᵢ = 0 with λ ≥ 0
      const v = [0, 0];
      for (let i = 0; i < 4; i++) for (let j = 0; j < 2; j++) v[j] += f[i] * y[i] * X.get(i, j);
      assert.ok(Math.max(...v.map(Math.abs)) < 1e-6 && f.every((l) => l >= 0));
    }
  }
  assert.throws(() => hardMarginSvm(Matrix.fromRows([[1, 0], [0, 0]]), ones(2)), NotSeparableError);
  assert.throws(() => hardMarginSvm(X, Float64Array.from([1, 0, 1, -1])), /label 1 is 0; labels must be −1 or \+1/);
  assert.throws(() => hardMarginSvm(Matrix.fromRows([[1, NaN]]), ones(1)), /non-finite entry at \(0, 1\)/);
});

test("the interior-point QP solves min ½‖w‖² + cᵀw s.t. Gw ≥ h, and certifies infeasibility by a Farkas ray", () => {
  // unconstrained optimum −c is feasible: the constraints stay inactive
  let r = qpInteriorPoint({ G: Matrix.fromRows([[1, 0]]), h: Float64Array.from([-5]), c: Float64Array.from([1, 2]) });
  assert.equal(r.status, "optimal");
  assert.ok(maxAbsDiff(r.w, [-1, -2]) < 1e-9);
  // w₁ ≥ 1 binds: w = (1, −2)
  r = qpInteriorPoint({ G: Matrix.fromRows([[1, 0]]), h: Float64Array.from([1]), c: Float64Array.from([1, 2]) });
  assert.ok(maxAbsDiff(r.w, [1, -2]) < 1e-9 && Math.abs(r.z[0] - 2) < 1e-8);
  // w₁ ≥ 1 and −w₁ ≥ 0 cannot both hold: λ = (1, 1)/1 with Gᵀλ = 0, hᵀλ = 1
  r = qpInteriorPoint({ G: Matrix.fromRows([[1, 0], [-1, 0]]), h: Float64Array.from([1, 0]) });
  assert.equal(r.status, "infeasible");
  assert.ok(Math.abs(r.farkas![0] - r.farkas![1]) < 1e-6 && Math.abs(r.farkas![0] - 1) < 1e-6);
});

test("scale-free and robust: data scaled by 1e±6, a planted margin of 1e-3, random labels (a verified Farkas vector)", () => {
  const data = separableData(new Rng(14), { n: 300, d: 10, gap: 0.1 });
  const base = hardMarginSvm(data.X, data.y);
  for (const sc of [1e-6, 1e6]) {
    const sol = hardMarginSvm(new Matrix(300, 10, data.X.data.map((v) => v * sc)), data.y);
    assert.ok(sol.certificate.ok, JSON.stringify(sol.certificate));
    assert.ok(maxAbsDiff(sol.solution.map((v) => v * sc), base.solution) < 1e-9 * norm2(base.solution));
  }
  const thin = separableData(new Rng(15), { n: 300, d: 10, gap: 1e-3, supportVectors: 5 });
  const sol = hardMarginSvm(thin.X, thin.y);
  assert.ok(sol.certificate.ok && Math.abs(sol.margin - 1e-3) < 1e-12, JSON.stringify(sol.certificate));
  assert.deepEqual(Array.from(sol.supportVectors), Array.from(thin.supportIndices));
  const rng = new Rng(16);
  const X = new Matrix(500, 20, rng.fillNormal(new Float64Array(500 * 20)));
  const y = Float64Array.from({ length: 500 }, () => (rng.uniform() < 0.5 ? 1 : -1));
  try {
    hardMarginSvm(X, y);
    assert.fail("random labels on 500 points in 20 dimensions are not separable");
  } catch (e) {
    assert.ok(e instanceof NotSeparableError, String(e));
    const f = e.farkas!;
    let sum = 0;
    const v = new Float64Array(20);
    for (let i = 0; i < 500; i++) {
      assert.ok(f[i] >= 0);
      sum += f[i];
      for (let j = 0; j < 20; j++) v[j] += f[i] * y[i] * X.get(i, j);
    }
    assert.ok(norm2(v) <= 1e-8 * sum, `‖Σλᵢyᵢxᵢ‖ = ${norm2(v)}, Σλ = ${sum}`);
  }
});
