import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "./helpers.ts";

test("wilson-adaptive (quick): SGD's min-norm interpolant generalizes, AdaGrad's and Adam's sign(Xᵀy)/c labels everything +1", async () => {
  const r = await runQuick("wilson-adaptive");
  assertWellFormed(r, "wilson-adaptive");
  assertAllPass(r);
  const sgdErr = r.summary["sgd (instance-wise, η = 0.1): test error"] as number;
  const plus = r.summary["fraction of +1 test labels"] as number;
  assert.ok(sgdErr <= 0.05);
  for (const m of ["adagrad", "adam"]) {
    const key = Object.keys(r.summary).find((k) => k.startsWith(m) && k.endsWith("test error"))!;
    assert.ok(Math.abs((r.summary[key] as number) - (1 - plus)) < 1e-12, `${m} errs exactly on the −1 labels`);
  }
  assert.equal(r.summary.c, 4);
});

test("wilson-adaptive fails when every label is +1 (p = 1): the adaptive solutions then generalize as well", async () => {
  const r = await runQuick("wilson-adaptive", { p: 1 });
  const gaps = checksNamed(r, "test error minus SGD's");
  assert.equal(gaps.length, 2);
  for (const c of gaps) assert.equal(c.pass, false, c.name);
});
