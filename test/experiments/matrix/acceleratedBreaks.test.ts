import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "../helpers.ts";

test("accelerated-breaks (quick): GD and SGD end near W_NN*, momentum at GD's step farther, and GD at momentum's effective step no closer", async () => {
  const r = await runQuick("accelerated-breaks");
  assertWellFormed(r, "accelerated-breaks");
  assertAllPass(r);
  for (const name of ["GD, η:", "SGD,"]) {
    const [c] = checksNamed(r, name, "relative distance of the end point to W_NN*");
    assert.ok(c.measured <= 1e-2 && c.competitor!.measured > 0.5, `${name} ${c.measured}`);
  }
  for (const name of ["heavy ball, η, μ = 0.9", "Nesterov, η, μ = 0.9"]) {
    const [c] = checksNamed(r, name, "over GD's");
    assert.ok(c.measured >= 1.5, `${name}: ${c.measured}`);
  }
  const [eff] = checksNamed(r, "GD at the momentum's effective step");
  assert.ok(eff.measured > 1, `${eff.measured}`);
  assert.match(r.summary["momentum at GD's effective step: distance over GD's"] as string, /heavy ball \d/);
  assert.equal(r.traces.length, 8, "one run per method and step");
});

test("accelerated-breaks fails with momentum 0 (heavy ball and Nesterov are then GD)", async () => {
  const r = await runQuick("accelerated-breaks", { momentum: 0 });
  for (const name of ["heavy ball, η, μ = 0:", "Nesterov, η, μ = 0:"]) {
    const [c] = checksNamed(r, name, "over GD's");
    assert.equal(c.pass, false, `${name} ${c.measured}`);
    assert.ok(Math.abs(c.measured - 1) < 1e-6, `${name} ends where GD does: ${c.measured}`);
  }
});
