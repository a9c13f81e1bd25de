import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runSeparable } from "./helpers.ts";

test("logistic-log-growth (quick): ‖w − ŵ log t‖ stops growing, ‖w‖ grows with slope ‖ŵ‖ in ln t (5%), loss ~ 1/t", async () => {
  const r = await runSeparable("logistic-log-growth");
  assertWellFormed(r, "logistic-log-growth");
  assertAllPass(r);
  const nHat = r.summary["‖ŵ‖ = 1/γ̂"] as number;
  assert.ok(Math.abs((r.summary["slope of ‖w‖ vs ln t"] as number) / nHat - 1) < 0.05);
  const [bounded] = checksNamed(r, "bounded");
  assert.ok(bounded.competitor!.measured > 5 * bounded.measured, "the ℓ1 solution's residual keeps growing");
  assert.ok(Math.abs((r.summary["loss exponent"] as number) + 1) < 0.1);
  assert.ok((r.summary["ℓ1 max-margin solution's distance from ŵ"] as number) > 0.1);
});

test("logistic-log-growth fails before the asymptotic regime (n = 100 for 1e4 steps)", async () => {
  const r = await runSeparable("logistic-log-growth", { n: 100, maxIter: 10000 });
  assert.equal(checksNamed(r, "slope of ‖w(t)‖")[0].pass, false);
  assert.equal(checksNamed(r, "bounded")[0].pass, false);
  await assert.rejects(runSeparable("logistic-log-growth", { maxIter: 100, tMin: 20 }), /maxIter/);
});
