import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "../helpers.ts";

test("commuting-measurements (quick): the closed form holds along the flow and the small-α limit is X_NN*", async () => {
  const r = await runQuick("commuting-measurements");
  assertWellFormed(r, "commuting-measurements");
  assertAllPass(r);
  for (const kind of ["diagonal Aᵢ", "simultaneously diagonalizable"]) {
    const identity = checksNamed(r, kind, "largest relative deviation");
    assert.equal(identity.length, 4, `${kind}: one identity check per α`);
    for (const c of identity) assert.ok(c.measured <= 1e-5, `${c.name}: ${c.measured}`);
    const [limit] = checksNamed(r, kind, "relative distance of the flow's limit");
    assert.ok(limit.measured <= 1e-2 && limit.competitor!.measured >= 10 * limit.measured, `${kind}: ${limit.measured} vs ${limit.competitor!.measured}`);
  }
  assert.equal(r.summary["diagonal: SDP certificate ok"], true);
  assert.equal(r.summary["commuting: SDP certificate ok"], true);
});

test("commuting-measurements fails for non-commuting (symmetric Gaussian) measurements", async () => {
  const r = await runQuick("commuting-measurements", { measurements: ["symmetric-gaussian"] });
  const identity = checksNamed(r, "largest relative deviation");
  assert.equal(identity.length, 4);
  for (const c of identity) assert.equal(c.pass, false, `${c.name}: ${c.measured}`);
  assert.ok(identity.every((c) => c.measured > 1e-2), "the closed form is far off");
});

test("commuting-measurements fails when the init scale is not small (α = 0.3: the limit is not X_NN*)", async () => {
  const r = await runQuick("commuting-measurements", { alphas: [0.3] });
  const limits = checksNamed(r, "relative distance of the flow's limit");
  assert.equal(limits.length, 2);
  for (const c of limits) assert.equal(c.pass, false, `${c.name}: ${c.measured}`);
  // the identity itself holds at any α
  for (const c of checksNamed(r, "largest relative deviation")) assert.equal(c.pass, true, c.name);
});
