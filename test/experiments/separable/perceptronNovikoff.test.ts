import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runSeparable } from "./helpers.ts";

test("perceptron-novikoff (quick): on 30 shifted instances, both orders separate with k ≤ (2R/γ)²; without the bias feature the runs do not stop", async () => {
  const r = await runSeparable("perceptron-novikoff");
  assertWellFormed(r, "perceptron-novikoff");
  assertAllPass(r);
  const [trace] = r.traces;
  assert.equal(trace.rows.length, 60);
  const ik = trace.columns.indexOf("updates k"), ib = trace.columns.indexOf("(2R/γ)²");
  for (const row of trace.rows) assert.ok(row[ik] >= 1 && row[ik] <= row[ib], `instance ${row[0]}: ${row[ik]} > ${row[ib]}`);
  assert.ok((r.summary["control runs without the bias feature that did not stop (of 3)"] as number) >= 1);
});

test("perceptron-novikoff fails for a bound 4× too small ((R/γ)²/4) and when the update budget is too small", async () => {
  const tight = await runSeparable("perceptron-novikoff", { boundFactor: 0.5 });
  assert.equal(checksNamed(tight, "largest k/")[0].pass, false);
  const budget = await runSeparable("perceptron-novikoff", { maxUpdates: 3, instances: 5 });
  assert.equal(checksNamed(budget, "fraction of runs")[0].pass, false);
  assert.ok(Number.isNaN(checksNamed(budget, "largest k/")[0].measured), "a run that did not finish has no count to bound");
});
