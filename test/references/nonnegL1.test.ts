import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { minL1, nonnegL1, nonnegL1Certificate } from "../../src/references/index.ts";
import { matVec, maxAbsDiff, randomMatrix } from "./helpers.ts";

test("one row a > 0, b > 0: x = b/maxⱼ aⱼ on the argmax coordinate, λ = 1/max a, objective b/max a", async () => {
  const rng = new Rng(611);
  for (let trial = 0; trial < 3; trial++) {
    const d = 6;
    const a = Float64Array.from({ length: d }, () => 0.2 + Math.abs(rng.normal()));
    const b = 0.5 + trial;
    let jStar = 0;
    for (let j = 1; j < d; j++) if (a[j] > a[jStar]) jStar = j;
    const r = await nonnegL1(new Matrix(1, d, a.slice()), Float64Array.of(b));
    const expected = new Float64Array(d);
    expected[jStar] = b / a[jStar];
    assert.ok(maxAbsDiff(r.solution, expected) < 1e-12, `${Array.from(r.solution)}`);
    assert.ok(Math.abs(r.dual![0] - 1 / a[jStar]) < 1e-12);
    assert.ok(Math.abs(r.certificate.primalObjective - b / a[jStar]) < 1e-12);
    assert.ok(r.certificate.ok, JSON.stringify(r.certificate));
    // reduced costs cⱼ = 1 − aⱼ/max a: zero on the support, the gap is the second largest's
    assert.ok(Math.abs(r.reducedCosts[jStar]) < 1e-12);
    const second = Math.max(...Array.from(a).filter((_, j) => j !== jStar));
    assert.ok(Math.abs(r.gap - (1 - second / a[jStar])) < 1e-12);
  }
});

test("A = [I 2I]: x = [0, b/2] with objective Σb/2; the feasible [b, 0] fails the certificate by its gap", async () => {
  const N = 4, b = Float64Array.of(1, 0.5, 3, 2);
  const A = new Matrix(N, 2 * N);
  for (let i = 0; i < N; i++) {
    A.set(i, i, 1);
    A.set(i, N + i, 2);
  }
  const r = await nonnegL1(A, b);
  const expected = Float64Array.from([...new Array(N).fill(0), ...Array.from(b, (v) => v / 2)]);
  assert.ok(maxAbsDiff(r.solution, expected) < 1e-12);
  assert.ok(Math.abs(r.certificate.primalObjective - 3.25) < 1e-12);
  assert.ok(r.certificate.ok);
  // every λᵢ = 1/2 (the 2I block is tight): reduced costs 1/2 on the first block
  assert.ok(maxAbsDiff(r.dual!, new Float64Array(N).fill(0.5)) < 1e-12);
  assert.equal(r.gap, 0.5);

  const lambda = r.dual!;
  const wrong = Float64Array.from([...b, ...new Array(N).fill(0)]);
  const c = nonnegL1Certificate(A, b, wrong, lambda); // gap (Σb − Σb/2)/Σb = 1/2
  assert.ok(c.primalResidual < 1e-15 && Math.abs(c.dualityGap! - 0.5) < 1e-12 && !c.ok);
  // λ scaled up is dual infeasible; a negative x is primal infeasible
  assert.ok(nonnegL1Certificate(A, b, r.solution, lambda.map((v) => 1.2 * v)).dualResidual > 0.1);
  const negative = Float64Array.from([-1, 0, 0, 0, 1, 0.25, 1.5, 1]);
  assert.ok(maxAbsDiff(matVec(A, negative), b) < 1e-15);
  assert.ok(nonnegL1Certificate(A, b, negative, lambda).primalResidual >= 1 / 1.5 - 1e-15);
});

test("random 12×30 systems with a planted sparse x* ≥ 0: recovered, feasible, never below min-ℓ1", async () => {
  const rng = new Rng(612);
  for (let trial = 0; trial < 3; trial++) {
    const A = randomMatrix(rng, 12, 30);
    const xStar = new Float64Array(30);
    xStar[3 + trial] = 1.2;
    xStar[17] = 0.4;
    const b = matVec(A, xStar);
    const r = await nonnegL1(A, b);
    assert.ok(r.certificate.ok, JSON.stringify(r.certificate));
    assert.ok(r.solution.every((v) => v >= 0));
    assert.ok(maxAbsDiff(matVec(A, r.solution), b) < 1e-10);
    assert.ok(maxAbsDiff(r.solution, xStar) < 1e-9);
    const l1 = await minL1(A, b);
    assert.ok(l1.certificate.primalObjective <= r.certificate.primalObjective + 1e-10);
  }
});

test("no x ≥ 0 solves Ax = b: a RangeError; bad shapes and non-finite data are rejected", async () => {
  const A = Matrix.fromRows([[1, 2, 3]]);
  await assert.rejects(nonnegL1(A, Float64Array.of(-1)), /nonnegL1: no x ≥ 0 solves Ax = b/);
  await assert.rejects(nonnegL1(A, Float64Array.of(1, 2)), /nonnegL1: y has 2 entries, X has 1 rows/);
  await assert.rejects(nonnegL1(Matrix.fromRows([[1, NaN]]), Float64Array.of(1)), /non-finite/);
  await assert.rejects(nonnegL1(A, Float64Array.of(1), { timeLimit: -1 }), /timeLimit must be a positive number/);
});
