import { test } from "node:test";
import assert from "node:assert/strict";
import { allPass } from "../../../src/metrics/index.ts";
import { assertAllPass, assertWellFormed, checksNamed, runSeparable } from "./helpers.ts";

test("smooth-margin (quick): 0 ≤ (γ − γ̃)‖w‖ ≤ ln n at every recorded iterate of GD and normalized GD on 3 instances, and the bound is nearly attained near w = 0", async () => {
  const r = await runSeparable("smooth-margin");
  assertWellFormed(r, "smooth-margin");
  assertAllPass(r);
  assert.equal(r.traces.length, 6);
  for (const t of r.traces) {
    const [ig, is, iw, ir] = ["normalized margin γ(w)", "smooth margin γ̃(w)", "‖w‖", "(γ − γ̃)‖w‖/ln n"].map((c) => t.columns.indexOf(c));
    for (const row of t.rows.slice(1)) {
      assert.ok(row[is] <= row[ig] + 1e-12, `${t.name} t=${row[0]}: γ̃ ${row[is]} > γ ${row[ig]}`);
      assert.ok(row[ig] - row[is] <= Math.log(50) / row[iw] + 1e-12);
      assert.ok(Math.abs(row[ir] - ((row[ig] - row[is]) * row[iw]) / Math.log(50)) < 1e-12);
    }
  }
  assert.ok(checksNamed(r, "tight").every((c) => c.measured > 0.5));
});

test("smooth-margin fails for a bound too small by half (the iterates near w = 0 reach (γ − γ̃)‖w‖ ≈ ln n)", async () => {
  const r = await runSeparable("smooth-margin", { boundScale: 0.5, instances: 1 });
  assert.equal(allPass(r.checks), false);
  const upper = checksNamed(r, "γ − γ̃ ≤ ln n/‖w‖");
  assert.ok(upper.some((c) => !c.pass));
});
