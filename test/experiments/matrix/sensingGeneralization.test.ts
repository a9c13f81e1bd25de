import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "../helpers.ts";

test("sensing-generalization (quick): small-init GD generalizes like W_NN*, far better than min-Frobenius, better as α shrinks", async () => {
  const r = await runQuick("sensing-generalization");
  assertWellFormed(r, "sensing-generalization");
  assertAllPass(r);
  const [good] = checksNamed(r, "GD's test error");
  assert.ok(good.measured <= 1e-2 && good.competitor!.measured >= 0.3, `${good.measured} vs ${good.competitor!.measured}`);
  assert.ok(typeof r.summary["test error: largest / smallest over the step sweep"] === "number");
  assert.equal(r.figures.length, 2);
});

test("sensing-generalization fails when the init is large (α = 0.3, 0.1: a poor global minimum)", async () => {
  const r = await runQuick("sensing-generalization", { alphas: [0.3, 0.1], stepFractions: [1] });
  const [good] = checksNamed(r, "GD's test error");
  assert.equal(good.pass, false, `${good.measured}`);
});
