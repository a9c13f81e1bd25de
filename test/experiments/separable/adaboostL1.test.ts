import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, runSeparable } from "./helpers.ts";

test("adaboost-l1 (quick): AdaBoost's normalized ℓ1 margin over stumps ends within 5e-3 (relative) of the LP optimum, never above it, far from the ℓ2 SVM's", async () => {
  const r = await runSeparable("adaboost-l1");
  assertWellFormed(r, "adaboost-l1");
  assertAllPass(r);
  for (let k = 1; k <= 3; k++) {
    const opt = r.summary[`AdaBoost, instance ${k}: ℓ1 LP optimum`] as number;
    const ada = r.summary[`AdaBoost, instance ${k}: AdaBoost normalized ℓ1 margin`] as number;
    assert.ok(ada <= opt + 1e-12 && ada >= opt * (1 - 5e-3), `instance ${k}: ${ada} vs ${opt}`);
  }
  // the replayed margins stay below the optimum along the whole run
  for (const t of r.traces) for (const row of t.rows) assert.ok(row[2] >= -1e-12, `${t.name} round ${row[0]}: gap ${row[2]}`);
});

test("adaboost-l1 fails when the ℓ2 max-margin combination is named as the prediction, and after 10 rounds", async () => {
  const wrong = await runSeparable("adaboost-l1", { prediction: "l2" });
  assert.ok(wrong.checks.every((c) => !c.pass));
  const short = await runSeparable("adaboost-l1", { rounds: 10 });
  assert.ok(short.checks.every((c) => !c.pass));
});
