import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "../helpers.ts";

test("kernel-rich (quick): min ℓ1 at small α, min ℓ2 at large α, and the distances cross in between", async () => {
  const r = await runQuick("kernel-rich");
  assertWellFormed(r, "kernel-rich");
  assertAllPass(r);
  assert.ok((r.summary["decades spanned by α"] as number) >= 4);
  const cross = r.summary["smallest α whose limit is closer to min ℓ2 than to min ℓ1"];
  assert.ok(typeof cross === "number" && cross > 1e-4 && cross <= 10, `crossing at ${cross}`);
  // the crossing figure has one point per α for each reference
  const fig = r.figures.find((f) => f.name === "kernel-rich-crossing")!;
  const values = (fig.spec.layer as { data: { values: unknown[] } }[])[0].data.values;
  assert.equal(values.length, 8);
});

test("kernel-rich fails when the sweep stays in the middle (α = 0.3 is not rich, α = 1 not yet kernel)", async () => {
  const r = await runQuick("kernel-rich", { alphas: [0.3, 1] });
  const [rich] = checksNamed(r, "rich regime");
  const [kernel] = checksNamed(r, "kernel regime");
  assert.equal(rich.pass, false, `${rich.measured}`);
  assert.equal(kernel.pass, false, `${kernel.measured}`);
});
