import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "../helpers.ts";

test("one-bit-mc (quick): from three inits, W/‖W‖ heads to the nuclear-norm max-margin direction, not the Frobenius one", async () => {
  const r = await runQuick("one-bit-mc");
  assertWellFormed(r, "one-bit-mc");
  assertAllPass(r);
  for (const init of ["identity:0.1", "random:0.1", "random:1"]) {
    const [gap] = checksNamed(r, init, "direction gap of W(T)");
    assert.ok(gap.measured <= 0.2 && gap.competitor!.measured >= 2 * gap.measured, `${init}: ${gap.measured} vs ${gap.competitor!.measured}`);
  }
  assert.equal(r.summary["SDP certificate ok"], true);
});

test("one-bit-mc fails when the run stops before the direction has settled (100 steps)", async () => {
  const r = await runQuick("one-bit-mc", { maxIter: 100 });
  const gaps = checksNamed(r, "direction gap of W(T)");
  assert.equal(gaps.length, 3);
  for (const c of gaps) assert.equal(c.pass, false, `${c.name}: ${c.measured}`);
});
