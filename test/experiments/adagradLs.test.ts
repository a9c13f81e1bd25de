import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "./helpers.ts";

test("adagrad-ls (quick): AdaGrad reaches min ‖w‖_∞ on the aligned instance, misses it on the Gaussian one for every η and ε", async () => {
  const r = await runQuick("adagrad-ls");
  assertWellFormed(r, "adagrad-ls");
  assertAllPass(r);
  const [reach] = checksNamed(r, "on the aligned instance: |‖w∞‖_∞");
  assert.ok(reach.measured <= 1e-6 && reach.competitor!.measured > 0.1);
  const [miss] = checksNamed(r, "Gaussian instance: smallest excess");
  assert.ok(miss.measured >= 1e-2);
  const sweep = r.traces.find((t) => t.name === "sweep")!;
  assert.equal(sweep.rows.length, 2 * 2 * 2);
});

test("adagrad-ls fails when ε is large (the aligned instance is missed) and when N = 1 (the Gaussian instance is reached)", async () => {
  const bigEps = await runQuick("adagrad-ls", { eps: 1 });
  const [reach] = checksNamed(bigEps, "on the aligned instance: |‖w∞‖_∞");
  assert.equal(reach.pass, false);
  const one = await runQuick("adagrad-ls", { gaussianN: 1, sweepEps: [1e-8] });
  const [miss] = checksNamed(one, "Gaussian instance: smallest excess");
  assert.equal(miss.pass, false);
  assert.ok(miss.measured < 1e-6, `with one equation AdaGrad (ε → 0) moves along sign(x): ${miss.measured}`);
});
