import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "../helpers.ts";

test("gradient-flow (quick): GD's end point approaches the Dormand–Prince flow's as η halves (gap O(η))", async () => {
  const r = await runQuick("gradient-flow");
  assertWellFormed(r, "gradient-flow");
  assertAllPass(r);
  const [ratio] = checksNamed(r, "largest ratio of successive GD–flow gaps");
  // first order in η: halving η about halves the gap
  assert.ok(ratio.measured > 0.3 && ratio.measured < 0.7, `${ratio.measured}`);
  assert.ok((r.summary["flow: gradient evaluations (6 per step)"] as number) > 0);
  assert.match(r.summary.flow as string, /loss target/);
});

test("gradient-flow fails when the step sizes grow instead of shrinking", async () => {
  const r = await runQuick("gradient-flow", { stepFractions: [0.5, 2] });
  const [ratio] = checksNamed(r, "largest ratio of successive GD–flow gaps");
  assert.equal(ratio.pass, false, `${ratio.measured}`);
});
