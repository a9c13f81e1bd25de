import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, singularValues } from "../../src/linalg/index.ts";
import { effectiveRank, numericalRank } from "../../src/metrics/index.ts";

test("effective rank: 1 for rank one, r for r equal singular values, exp of the entropy in between", () => {
  assert.equal(effectiveRank([3, 0, 0]), 1);
  assert.ok(Math.abs(effectiveRank([2, 2, 2, 0]) - 3) < 1e-14);
  // p = (3/4, 1/4): exp(−(3/4)log(3/4) − (1/4)log(1/4))
  assert.ok(Math.abs(effectiveRank([3, 1]) - Math.exp(-0.75 * Math.log(0.75) - 0.25 * Math.log(0.25))) < 1e-14);
  assert.ok(Number.isNaN(effectiveRank([0, 0])));
  // the same from a matrix: uvᵀ + 2·e₃e₃ᵀ has singular values 2, 2 (|u| = |v| = √2)
  const W = Matrix.fromRows([[1, 1, 0], [1, 1, 0], [0, 0, 2]]);
  assert.ok(Math.abs(effectiveRank(singularValues(W)) - 2) < 1e-12);
});

test("numerical rank counts σ above rtol·σ₁", () => {
  assert.equal(numericalRank([5, 1e-3, 1e-9]), 2);
  assert.equal(numericalRank([5, 1e-3, 1e-9], 1e-3), 1);
  assert.equal(numericalRank([0, 0]), 0);
  assert.equal(numericalRank(singularValues(Matrix.fromRows([[1, 2], [2, 4]]))), 1);
});
