import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "./helpers.ts";

test("steepest-ls-fails (quick): coordinate and sign descent reach a global minimum ≥ 1e-2 away from the norm minimizer for every η; GD control reaches min ℓ2", async () => {
  const r = await runQuick("steepest-ls-fails");
  assertWellFormed(r, "steepest-ls-fails");
  assertAllPass(r);
  for (const m of ["coordinate descent", "sign descent"]) {
    const [dist] = checksNamed(r, m, "smallest relative distance");
    assert.ok(dist.measured >= 1e-2);
    const [feasible] = checksNamed(r, m, "global minimum");
    assert.ok(feasible.measured <= 1e-8);
  }
  const sweep = r.traces.find((t) => t.name === "distance and norm excess vs η")!;
  assert.equal(sweep.rows.length, 3, "one row per step size");
  assert.ok(sweep.rows.every((row) => row[1] >= 1e-2 && row[3] >= 1e-2));
});

test("steepest-ls-fails fails with one measurement (N = 1), where steepest descent does reach the norm minimizer", async () => {
  const r = await runQuick("steepest-ls-fails", { n: 1 });
  for (const m of ["coordinate descent", "sign descent"]) {
    const [dist] = checksNamed(r, m, "smallest relative distance");
    assert.equal(dist.pass, false, m);
    assert.ok(dist.measured < 1e-8, `${m} converges to the minimizer when N = 1: ${dist.measured}`);
  }
});
