import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, runQuick } from "./helpers.ts";

test("ls-rowspace (quick): w_t − w0 stays in the row space to ≤ 1e-10·‖w_t‖ at every recorded t, while AdaGrad leaves it", async () => {
  const r = await runQuick("ls-rowspace");
  assertWellFormed(r, "ls-rowspace");
  assertAllPass(r);
  assert.equal(r.checks.length, 14);
  for (const c of r.checks) {
    assert.ok(c.measured <= 1e-10, c.name);
    assert.ok(c.competitor!.measured > 1e-2, `the foil ${c.competitor!.name} leaves the row space`);
  }
});

test("ls-rowspace fails for a method that leaves the row space (AdaGrad checked, GD as the foil)", async () => {
  const r = await runQuick("ls-rowspace", { optimizers: ["adagrad"], foil: "gd" });
  assert.equal(r.checks.length, 2);
  for (const c of r.checks) assert.equal(c.pass, false, c.name);
});
