import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runSeparable } from "./helpers.ts";

test("logistic-max-margin (quick): 3 inits × 3 step sizes all end within 0.02 rad of the ℓ2 SVM direction, ≥ 10× closer than Σ yᵢxᵢ, with one limit", async () => {
  const r = await runSeparable("logistic-max-margin");
  assertWellFormed(r, "logistic-max-margin");
  assertAllPass(r);
  const closer = checksNamed(r, "angle of w(T) to the ℓ2 SVM direction");
  assert.equal(closer.length, 9);
  for (const c of closer) {
    assert.ok(c.measured > 0 && c.measured <= 0.02, `${c.name}: ${c.measured}`);
    assert.ok(c.competitor!.measured > 0.5, "the instance's SVM direction is far from the label centroid");
  }
  assert.equal(checksNamed(r, "O(1/log t)").length, 9);
  const [same] = checksNamed(r, "same limit");
  assert.ok(same.measured < 0.02 && same.competitor!.measured > 1);
  assert.equal(r.summary["SVM certificate ok"], true);
  assert.equal(r.traces.length, 9);
  assert.deepEqual(r.figures.map((f) => f.name), ["angle-gap", "norm-growth", "picture"]);
});

test("logistic-max-margin fails for a polynomial tail (a different limit) and with too few iterations", async () => {
  const poly = await runSeparable("logistic-max-margin", { loss: "polynomial", stepFactors: [1] });
  const [c] = checksNamed(poly, "angle of w(T) to the ℓ2 SVM direction");
  assert.equal(c.pass, false, `polynomial tail: angle ${c.measured}`);
  assert.ok(c.measured > 0.02);
  assert.ok(poly.checks.some((x) => x.name.includes("O(1/log t)") && !x.pass), "the polynomial tail's gap stalls: gap·log t grows");
  const short = await runSeparable("logistic-max-margin", { maxIter: 100, fitFrom: 2, stepFactors: [1] });
  // after 100 steps the zero-init direction is still 0.05 rad off and the limits of the inits disagree
  assert.equal(checksNamed(short, "w0 = 0: angle of w(T) to the ℓ2 SVM direction")[0].pass, false);
  assert.equal(checksNamed(short, "same limit")[0].pass, false);
});
