import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runSeparable } from "./helpers.ts";

test("tails (quick): exp(−u^ν) gaps fall and are ordered by ν; polynomial tails stall at a positive margin gap away from ŵ", async () => {
  const r = await runSeparable("tails");
  assertWellFormed(r, "tails");
  assertAllPass(r);
  for (const nu of [1, 2]) {
    const gap = r.summary[`u^−${nu} tail: margin gap at T`] as number;
    assert.ok(gap > 0.05, `polynomial ν = ${nu}: gap ${gap}`);
    assert.ok((r.summary[`u^−${nu} tail: angle to ŵ at T`] as number) > 0.04);
    // every exponential tail ends closer to the max margin than the polynomial ones
    for (const nuE of [0.5, 1, 2, 3]) assert.ok((r.summary[`exp(−u^${nuE}): margin gap at T`] as number) < gap);
  }
  assert.equal(r.traces.length, 6);
});

test("tails fails when the runs are too short: the polynomial gaps are still moving and the exp(−u^ν) gaps are not yet ordered by ν", async () => {
  const short = await runSeparable("tails", { maxIter: 200 });
  assert.equal(checksNamed(short, "u^−1 tail: the margin gap has stopped")[0].pass, false);
  assert.equal(checksNamed(short, "decrease with ν")[0].pass, false);
});
