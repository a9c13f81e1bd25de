import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runSeparable } from "./helpers.ts";

test("steepest-max-margin (quick): ℓ1, ℓ∞ and ℓ3 steepest descent end ≤ 0.02 from their own max-margin direction and ≥ 5× farther from the ℓ2 SVM's, from 0 and a random init", async () => {
  const r = await runSeparable("steepest-max-margin");
  assertWellFormed(r, "steepest-max-margin");
  assertAllPass(r);
  assert.equal(r.checks.length, 6);
  for (const nm of ["ℓ1", "ℓ∞", "ℓ3"]) {
    assert.equal(r.summary[`${nm} max margin certificate ok`], true);
    // the programs' solutions differ on this instance, so the check can tell them apart
    assert.ok((r.summary[`${nm}: direction gap between the ${nm} and ℓ2 max-margin directions`] as number) > 0.05);
    for (const c of checksNamed(r, `steepest ${nm} `)) assert.ok(c.measured < 0.02 && c.competitor!.measured > 0.05, c.name);
  }
});

test("steepest-max-margin fails when the ℓ2 SVM is named as the prediction, and when the ℓ1 step is too large (the run stalls on a coordinate)", async () => {
  const wrong = await runSeparable("steepest-max-margin", { prediction: "l2" });
  for (const c of wrong.checks) assert.equal(c.pass, false, c.name);
  const stalled = await runSeparable("steepest-max-margin", { norms: [1], steps: [3] });
  assert.ok(stalled.checks.some((c) => !c.pass));
  await assert.rejects(runSeparable("steepest-max-margin", { norms: [1, 2], steps: [0.1] }), /one step per norm/);
});
