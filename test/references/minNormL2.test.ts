import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, norm2, qr } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { minNormL2, minNormL2Certificate } from "../../src/references/index.ts";
import { matVec, maxAbs, maxAbsDiff, minNormFormula, nullSpaceVector, offRowSpace, randomMatrix } from "./helpers.ts";

test("min-l2 equals w0 + Xᵀ(XXᵀ)⁻¹(y − Xw0) on random 20×60 systems, for w0 = 0 and w0 ≠ 0", () => {
  const rng = new Rng(101);
  for (let trial = 0; trial < 4; trial++) {
    const X = randomMatrix(rng, 20, 60);
    const y = rng.fillNormal(new Float64Array(20));
    const w0 = trial % 2 === 0 ? new Float64Array(60) : rng.fillNormal(new Float64Array(60));
    const { solution, certificate } = minNormL2(X, y, w0);
    const expected = minNormFormula(X, y, w0);
    assert.ok(maxAbsDiff(solution, expected) <= 1e-11 * Math.max(1, maxAbs(expected)), `${maxAbsDiff(solution, expected)}`);
    assert.ok(certificate.ok);
    assert.ok(certificate.primalResidual < 1e-13 && certificate.dualResidual < 1e-13 && certificate.dualityGap! < 1e-13);
    // KKT checked independently: Xw = y and w − w0 in the row space
    assert.ok(maxAbsDiff(matVec(X, solution), y) < 1e-12);
    assert.ok(maxAbs(offRowSpace(X, solution.map((v, j) => v - w0[j]))) < 1e-12);
    // no feasible point is closer to w0: move along the null space
    const v = nullSpaceVector(rng, X);
    const moved = solution.map((s, j) => s + 0.01 * v[j]);
    assert.ok(norm2(moved.map((m, j) => m - w0[j])) > norm2(solution.map((s, j) => s - w0[j])));
  }
});

test("min-l2 handles rank-deficient but consistent systems and overdetermined consistent ones", () => {
  const rng = new Rng(102);
  // rows 3 and 4 are combinations of rows 0..2
  const B = randomMatrix(rng, 3, 10);
  const X = new Matrix(5, 10);
  for (let j = 0; j < 10; j++) {
    for (let i = 0; i < 3; i++) X.set(i, j, B.get(i, j));
    X.set(3, j, B.get(0, j) + 2 * B.get(1, j));
    X.set(4, j, B.get(2, j) - B.get(1, j));
  }
  const wTrue = rng.fillNormal(new Float64Array(10));
  const y = matVec(X, wTrue);
  const r = minNormL2(X, y);
  const expected = minNormFormula(B, matVec(B, wTrue), new Float64Array(10));
  assert.ok(maxAbsDiff(r.solution, expected) < 1e-11);
  assert.equal(r.certificate.details?.route, "pseudo-inverse");
  assert.ok(r.certificate.ok);

  // an exact duplicate row
  const Xd = new Matrix(4, 10);
  Xd.data.set(B.data);
  Xd.row(3).set(B.row(1));
  const rd = minNormL2(Xd, matVec(Xd, wTrue));
  assert.ok(maxAbsDiff(rd.solution, expected) < 1e-11);
  assert.ok(rd.certificate.ok);

  // N > d with full column rank: the unique solution
  const T = randomMatrix(rng, 12, 5);
  const w = rng.fillNormal(new Float64Array(5));
  const s = minNormL2(T, matVec(T, w));
  assert.ok(maxAbsDiff(s.solution, w) < 1e-11);
  assert.ok(s.certificate.ok);
});

test("min-l2 on an ill-conditioned full-rank system (σ from 1 to 1e-7) recovers the row-space solution", () => {
  const rng = new Rng(104);
  const N = 8, d = 24;
  const U = qr(randomMatrix(rng, N, N)).Q;
  const V = qr(randomMatrix(rng, d, N)).Q; // d×N, orthonormal columns
  const X = new Matrix(N, d);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < N; k++) s += U.get(i, k) * 10 ** (-k) * V.get(j, k);
      X.set(i, j, s);
    }
  }
  const c = rng.fillNormal(new Float64Array(N));
  const wTrue = new Float64Array(d);
  for (let j = 0; j < d; j++) for (let k = 0; k < N; k++) wTrue[j] += V.get(j, k) * c[k];
  const r = minNormL2(X, matVec(X, wTrue));
  assert.ok(maxAbsDiff(r.solution, wTrue) < 1e-8 * maxAbs(wTrue), `${maxAbsDiff(r.solution, wTrue)}`);
  assert.ok(r.certificate.ok, JSON.stringify(r.certificate));
  const kappa = r.certificate.details?.conditionNumber as number;
  assert.ok(kappa > 0.9e7 && kappa < 1.1e7);
});

test("min-l2 rejects an inconsistent system with a clear RangeError", () => {
  const X = Matrix.fromRows([
    [1, 1, 0],
    [2, 2, 0],
  ]);
  assert.throws(() => minNormL2(X, Float64Array.of(1, 3)), (e: unknown) => {
    assert.ok(e instanceof RangeError);
    assert.match(e.message, /the system Xw = y has no solution: residual .* = \d\.\d\de-1/);
    return true;
  });
  const T = randomMatrix(new Rng(5), 8, 4);
  assert.throws(() => minNormL2(T, new Rng(6).fillNormal(new Float64Array(8))), /no solution/);
  assert.throws(() => minNormL2(X, Float64Array.of(1)), /y has 1 entries, X has 2 rows/);
});

test("the min-l2 certificate fails on a wrong answer", () => {
  const rng = new Rng(103);
  const X = randomMatrix(rng, 10, 30);
  const y = rng.fillNormal(new Float64Array(10));
  const w = minNormL2(X, y).solution;
  // feasible but not minimal: stationarity and gap fail
  const v = nullSpaceVector(rng, X);
  const feasible = w.map((s, j) => s + 0.1 * v[j]);
  const c1 = minNormL2Certificate(X, y, feasible);
  assert.ok(c1.primalResidual < 1e-12 && c1.dualResidual > 1e-3 && c1.dualityGap! > 1e-4 && !c1.ok);
  // in the row space but infeasible: the primal residual fails
  const c2 = minNormL2Certificate(X, y, w.map((s) => 1.01 * s));
  assert.ok(c2.primalResidual > 1e-4 && !c2.ok);
  assert.ok(minNormL2Certificate(X, y, w).ok);
});
