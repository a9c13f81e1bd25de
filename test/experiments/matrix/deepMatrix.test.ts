import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../../src/linalg/index.ts";
import { effectiveRank } from "../../../src/experiments/matrix/deepMatrix.ts";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "../helpers.ts";

test("effectiveRank: 1 for rank one, n for the identity, between for a mix", () => {
  const u = [1, 2, 3];
  const R1 = new Matrix(3, 3, Float64Array.from({ length: 9 }, (_, k) => u[Math.floor(k / 3)] * u[k % 3]));
  assert.ok(Math.abs(effectiveRank(R1) - 1) < 1e-6);
  const I = new Matrix(3, 3, Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1));
  assert.ok(Math.abs(effectiveRank(I) - 3) < 1e-12);
  const D = new Matrix(2, 2, Float64Array.of(3, 0, 0, 1));
  // σ/‖σ‖₁ = (3/4, 1/4): exp(−¾ log ¾ − ¼ log ¼)
  assert.ok(Math.abs(effectiveRank(D) - Math.exp(-0.75 * Math.log(0.75) - 0.25 * Math.log(0.25))) < 1e-12);
});

test("deep-matrix (quick): effective rank and test error fall with depth 1 → 4", async () => {
  const r = await runQuick("deep-matrix");
  assertWellFormed(r, "deep-matrix");
  assertAllPass(r);
  assert.ok((r.summary["depth 4: test error"] as number) < 0.5 * (r.summary["depth 1: test error"] as number));
  assert.ok((r.summary["depth 4: effective rank"] as number) < 3);
});

test("deep-matrix fails when the depths are run from deep to shallow", async () => {
  const r = await runQuick("deep-matrix", { depths: [2, 1] });
  for (const c of checksNamed(r, "largest ratio")) assert.equal(c.pass, false, `${c.name}: ${c.measured}`);
});
