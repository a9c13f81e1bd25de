import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, norm1, norm2, normInf } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { minL1, minLinf, minNormL2, lpNormCertificate } from "../../src/references/index.ts";
import { matVec, maxAbsDiff, randomMatrix } from "./helpers.ts";

test("one row: min ‖w‖₁ = |y|/max|xⱼ| on the argmax coordinate, min ‖w‖_∞ = |y|/‖x‖₁ with w = sign(x)·t", async () => {
  const rng = new Rng(301);
  for (let trial = 0; trial < 3; trial++) {
    const d = 7;
    const x = rng.fillNormal(new Float64Array(d));
    const y = trial === 1 ? -2.5 : 1.3;
    const X = new Matrix(1, d, x.slice());
    const l1 = await minL1(X, Float64Array.of(y));
    let jStar = 0;
    for (let j = 1; j < d; j++) if (Math.abs(x[j]) > Math.abs(x[jStar])) jStar = j;
    const expected1 = new Float64Array(d);
    expected1[jStar] = y / x[jStar];
    assert.ok(maxAbsDiff(l1.solution, expected1) < 1e-12);
    assert.ok(Math.abs(l1.certificate.primalObjective - Math.abs(y) / Math.abs(x[jStar])) < 1e-12);
    assert.ok(l1.certificate.ok);

    const linf = await minLinf(X, Float64Array.of(y));
    const t = Math.abs(y) / norm1(x);
    const expectedInf = x.map((v) => Math.sign(v) * Math.sign(y) * t);
    assert.ok(maxAbsDiff(linf.solution, expectedInf) < 1e-12);
    assert.ok(Math.abs(linf.certificate.primalObjective - t) < 1e-12);
    assert.ok(linf.certificate.ok);
  }
});

test("on random 20×60 systems: ‖·‖₁ of min-l1 ≤ that of min-l2 and ‖·‖₂ the other way; min-linf has the least ‖·‖_∞", async () => {
  const rng = new Rng(302);
  for (let trial = 0; trial < 3; trial++) {
    const X = randomMatrix(rng, 20, 60);
    const y = rng.fillNormal(new Float64Array(20));
    const l1 = await minL1(X, y);
    const linf = await minLinf(X, y);
    const l2 = minNormL2(X, y);
    for (const r of [l1, linf]) {
      assert.ok(r.certificate.ok, JSON.stringify(r.certificate));
      assert.ok(maxAbsDiff(matVec(X, r.solution), y) < 1e-10); // verified independently
    }
    assert.ok(norm1(l1.solution) < norm1(l2.solution) && norm1(l1.solution) < norm1(linf.solution));
    assert.ok(norm2(l2.solution) < norm2(l1.solution) && norm2(l2.solution) < norm2(linf.solution));
    assert.ok(normInf(linf.solution) < normInf(l2.solution) && normInf(linf.solution) < normInf(l1.solution));
    // a basic solution: at most N nonzeros
    assert.ok(l1.solution.filter((v) => v !== 0).length <= 20);
  }
});

test("min-l1 recovers a 3-sparse vector from 20 Gaussian measurements in dimension 60 (basis pursuit)", async () => {
  const rng = new Rng(303);
  const X = randomMatrix(rng, 20, 60);
  const wTrue = new Float64Array(60);
  wTrue[4] = 1.5;
  wTrue[17] = -2;
  wTrue[41] = 0.7;
  const r = await minL1(X, matVec(X, wTrue));
  assert.ok(maxAbsDiff(r.solution, wTrue) < 1e-10);
  assert.ok(r.certificate.ok);
});

test("LPs reject an inconsistent system, and the LP certificate fails on a wrong answer", async () => {
  const X = Matrix.fromRows([
    [1, 1, 0],
    [2, 2, 0],
  ]);
  await assert.rejects(minL1(X, Float64Array.of(1, 3)), /minL1: the system Xw = y has no solution/);
  await assert.rejects(minLinf(X, Float64Array.of(1, 3)), /minLinf: the system Xw = y has no solution/);
  await assert.rejects(minL1(X, Float64Array.of(1, 2), { timeLimit: 0 }), /timeLimit must be a positive number/);

  const rng = new Rng(304);
  const A = randomMatrix(rng, 10, 30);
  const y = rng.fillNormal(new Float64Array(10));
  for (const [solve, norm] of [[minL1, "l1"], [minLinf, "linf"]] as const) {
    const r = await solve(A, y);
    const lambda = r.dual!;
    assert.ok(lpNormCertificate(A, y, r.solution, lambda, norm).ok);
    // the feasible min-l2 point is not optimal: the duality gap with the same λ shows it
    const c = lpNormCertificate(A, y, minNormL2(A, y).solution, lambda, norm);
    assert.ok(c.primalResidual < 1e-12 && c.dualityGap! > 1e-3 && !c.ok);
    // a scaled λ is dual infeasible
    assert.ok(lpNormCertificate(A, y, r.solution, lambda.map((v) => 1.1 * v), norm).dualResidual > 0.05);
  }
});
