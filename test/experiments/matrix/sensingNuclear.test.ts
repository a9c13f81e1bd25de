import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "../helpers.ts";

test("sensing-nuclear (quick): GD on UUᵀ approaches W_NN* monotonically as α goes 1e-1 → 1e-4", async () => {
  const r = await runQuick("sensing-nuclear");
  assertWellFormed(r, "sensing-nuclear");
  assertAllPass(r);
  const [limit] = checksNamed(r, "relative distance of GD's limit to W_NN*");
  assert.ok(limit.measured <= 1e-2, `${limit.measured}`);
  assert.ok(limit.competitor!.measured >= 0.5, `min-Frobenius stays far: ${limit.competitor!.measured}`);
  assert.equal(r.summary["SDP certificate ok"], true);
});

test("sensing-nuclear fails at large init scales (α = 0.5, 0.3)", async () => {
  const r = await runQuick("sensing-nuclear", { alphas: [0.5, 0.3] });
  const [limit] = checksNamed(r, "relative distance of GD's limit to W_NN*");
  assert.equal(limit.pass, false, `${limit.measured}`);
  assert.ok(limit.measured > 0.1);
});

test("sensing-nuclear's monotonicity check fails when the sweep runs the wrong way (α growing)", async () => {
  const r = await runQuick("sensing-nuclear", { alphas: [1e-3, 1e-1] });
  const [mono] = checksNamed(r, "largest ratio of successive distances");
  assert.equal(mono.pass, false, `${mono.measured}`);
});
