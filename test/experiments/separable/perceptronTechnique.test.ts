import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, runSeparable } from "./helpers.ts";

test("perceptron-technique (quick): the inequality holds at every recorded t for z = 0, ŵ, 5ŵ, 20ŵ and a random z, with η = 1/β and ½/β", async () => {
  const r = await runSeparable("perceptron-technique");
  assertWellFormed(r, "perceptron-technique");
  assertAllPass(r);
  assert.equal(r.checks.length, 10);
  // not vacuous: for z = 20ŵ the slack comes within 2% of the right-hand side
  assert.ok((r.summary["η = 0.5/β, z = 20·ŵ: smallest relative slack"] as number) < 0.02);
});

test("perceptron-technique fails with half the ‖w_0 − z‖²/(2ηt) term, and with η = 4/β (above the claim's 1/β)", async () => {
  const half = await runSeparable("perceptron-technique", { rhsScale: 0.5 });
  assert.ok(half.checks.filter((c) => !c.pass).length >= 4);
  const big = await runSeparable("perceptron-technique", { stepFactors: [4] });
  assert.ok(big.checks.some((c) => !c.pass));
});
