import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, runQuick } from "./helpers.ts";

test("early-stopping-ridge (quick): GD is the spectral filter 1 − (1 − ημ)^t, and its best test error matches ridge's, far below the interpolant's", async () => {
  const r = await runQuick("early-stopping-ridge");
  assertWellFormed(r, "early-stopping-ridge");
  assertAllPass(r);
  const best = r.summary["best test error, early-stopped GD"] as number;
  const ridge = r.summary["best test error, ridge"] as number;
  const interp = r.summary["test error of the min-norm interpolant"] as number;
  assert.ok(best < interp / 5 && ridge < interp / 5);
  assert.ok(best >= (r.summary["noise variance σ²"] as number) * 0.8, "no estimator beats the noise floor by much");
  assert.deepEqual(r.figures.map((f) => f.name), ["spectral-filters", "test-error-paths"]);
});

test("early-stopping-ridge fails without label noise, where the interpolant is best and nothing needs regularizing", async () => {
  const r = await runQuick("early-stopping-ridge", { noise: 0 });
  const c = r.checks.find((x) => x.name.startsWith("best test error"))!;
  assert.equal(c.pass, false);
});
