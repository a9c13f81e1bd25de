import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runSeparable } from "./helpers.ts";

test("multiclass-svm (quick): GD and normalized GD on softmax cross-entropy head for the multiclass SVM direction, away from −∇L(0)", async () => {
  const r = await runSeparable("multiclass-svm");
  assertWellFormed(r, "multiclass-svm");
  assertAllPass(r);
  assert.equal(r.summary["multiclass SVM certificate ok"], true);
  const [ngd] = checksNamed(r, "normalized GD", "angle of W(T)");
  assert.ok(ngd.measured < 5e-3 && ngd.competitor!.measured > 0.1, `${ngd.measured} vs ${ngd.competitor!.measured}`);
  assert.ok((r.summary["normalized GD, η = 1: smallest margin at T"] as number) > 100, "margins far into the underflow regime");
});

test("multiclass-svm fails with too few steps", async () => {
  const r = await runSeparable("multiclass-svm", { gdIter: 100, normalizedIter: 3 });
  for (const c of checksNamed(r, "angle of W(T)")) assert.equal(c.pass, false, c.name);
});
