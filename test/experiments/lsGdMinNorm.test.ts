import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "./helpers.ts";

test("ls-gd-min-norm (quick): GD, SGD, minibatch SGD, heavy ball, Nesterov and CG end ≤ 1e-8 from the pseudo-inverse solution, ≥ 0.1 from min-ℓ1, from both inits", async () => {
  const r = await runQuick("ls-gd-min-norm");
  assertWellFormed(r, "ls-gd-min-norm");
  assertAllPass(r);
  for (const init of ["w0 = 0", "w0 random"]) {
    for (const m of ["gd (η = 1/β)", "gd (η = 0.1/β)", "gd (η = 1.9/β)", "sgd, instance-wise", "sgd, minibatch", "heavy ball", "nesterov", "conjugate gradient"]) {
      const [c] = checksNamed(r, m, init);
      assert.ok(c, `${m}, ${init} is checked`);
      assert.ok(c.measured <= 1e-8, `${m}, ${init}: ${c.measured}`);
      assert.ok(c.competitor!.measured >= 0.1, `${m}, ${init}: min-ℓ1 at ${c.competitor!.measured}`);
    }
  }
  assert.equal(r.traces.length, 16);
  assert.deepEqual(r.traces[0].columns, ["t", "loss", "relative distance to argmin ‖w − w0‖₂", "relative distance to argmin ‖w − w0‖₁"]);
});

test("ls-gd-min-norm fails when the optimizer does not go to the min-norm solution (AdaGrad) or has not converged", async () => {
  const ada = await runQuick("ls-gd-min-norm", { optimizers: ["adagrad"] });
  assert.equal(ada.checks.length, 2);
  for (const c of ada.checks) {
    assert.equal(c.pass, false, c.name);
    assert.ok(c.measured > 1e-2, "AdaGrad's limit is far from argmin ‖w − w0‖₂");
  }
  const short = await runQuick("ls-gd-min-norm", { optimizers: ["gd"], maxIter: 5 });
  for (const c of short.checks) assert.equal(c.pass, false, c.name);
});
