import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "../helpers.ts";

test("nonneg-l1 (quick): the small-α limit of the flow on u⊙u is the nonnegative min-ℓ1 solution", async () => {
  const r = await runQuick("nonneg-l1");
  assertWellFormed(r, "nonneg-l1");
  assertAllPass(r);
  const [limit] = checksNamed(r, "relative distance of the flow's limit");
  assert.ok(limit.measured <= 1e-2 && limit.competitor!.measured >= 0.1, `${limit.measured} vs ${limit.competitor!.measured}`);
  assert.equal(r.summary["LP certificate ok"], true);
  assert.ok(r.traces.length === 4);
});

test("nonneg-l1 fails at large init scales (kernel-like limits, α = 1 and 0.1)", async () => {
  const r = await runQuick("nonneg-l1", { alphas: [1, 0.1] });
  const [limit] = checksNamed(r, "relative distance of the flow's limit");
  assert.equal(limit.pass, false, `${limit.measured}`);
  assert.ok(limit.measured > 0.1, "far from the LP solution");
});
