import { test } from "node:test";
import assert from "node:assert/strict";
import { logSpacedCheckpoints } from "../../src/run/index.ts";

test("1-2-5 checkpoints from 0, always ending at maxIter", () => {
  assert.deepEqual([...logSpacedCheckpoints(1000)], [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
  assert.deepEqual([...logSpacedCheckpoints(1234)], [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 1234]);
  assert.deepEqual([...logSpacedCheckpoints(3)], [0, 1, 2, 3]);
  assert.deepEqual([...logSpacedCheckpoints(0)], [0]);
  assert.deepEqual([...logSpacedCheckpoints(1)], [0, 1]);
  const big = logSpacedCheckpoints(1e6);
  assert.equal(big.length, 1 + 3 * 6 + 1);
  assert.equal(big[big.length - 1], 1e6);
});

test("finer spacing: 10 per decade, or explicit mantissas; strictly increasing integers", () => {
  assert.deepEqual([...logSpacedCheckpoints(100, 10)], [0, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 32, 40, 50, 63, 79, 100]);
  assert.deepEqual([...logSpacedCheckpoints(300, [1, 3])], [0, 1, 3, 10, 30, 100, 300]);
  assert.deepEqual([...logSpacedCheckpoints(10, 1)], [0, 1, 10]);
  for (const per of [2, 5, 10, 20]) {
    const c = logSpacedCheckpoints(123456, per);
    for (let i = 1; i < c.length; i++) assert.ok(c[i] > c[i - 1] && Number.isInteger(c[i]));
    // about `per` points per decade once they are no longer deduplicated
    const inLastDecades = c.filter((t) => t >= 1000 && t < 100000).length;
    assert.equal(inLastDecades, 2 * per);
  }
});

test("bad arguments are errors", () => {
  assert.throws(() => logSpacedCheckpoints(-1), /maxIter/);
  assert.throws(() => logSpacedCheckpoints(1.5), /maxIter/);
  assert.throws(() => logSpacedCheckpoints(10, 0), /perDecade/);
  assert.throws(() => logSpacedCheckpoints(10, [0.5, 2]), /mantissas/);
});
