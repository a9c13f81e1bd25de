import { test } from "node:test";
import assert from "node:assert/strict";
import { allPass, checkAtLeast, checkAtMost, checkCloser } from "../../src/metrics/index.ts";

test("checkAtMost passes on measured ≤ threshold and fails above it or on NaN", () => {
  assert.equal(checkAtMost("d", 1e-9, 1e-8).pass, true);
  assert.equal(checkAtMost("d", 1e-8, 1e-8).pass, true);
  assert.equal(checkAtMost("d", 2e-8, 1e-8).pass, false);
  assert.equal(checkAtMost("d", NaN, 1e-8).pass, false);
  const c = checkAtMost("d", 1e-9, 1e-8, { predicted: "min-norm", note: "n" });
  assert.equal(c.comparator, "<=");
  assert.equal(c.predicted, "min-norm");
  assert.equal(c.note, "n");
});

test("checkAtLeast passes on measured ≥ threshold and fails below it or on NaN", () => {
  assert.equal(checkAtLeast("gap", 0.5, 0.1).pass, true);
  assert.equal(checkAtLeast("gap", 0.01, 0.1).pass, false);
  assert.equal(checkAtLeast("gap", NaN, 0.1).pass, false);
  assert.equal(checkAtLeast("gap", 0.5, 0.1).comparator, ">=");
});

test("checkCloser passes only when within threshold AND the competitor is ≥ margin times farther", () => {
  const base = { name: "limit", predicted: "min-ℓ2", threshold: 1e-8, competitor: { name: "min-ℓ1", measured: 0.3 } };
  const right = checkCloser({ ...base, measured: 1e-10 });
  assert.equal(right.pass, true);
  assert.equal(right.margin, 10);
  assert.deepEqual(right.competitor, { name: "min-ℓ1", measured: 0.3 });
  // the wrong answer: distances swapped (the run went to the competitor)
  const swapped = checkCloser({ ...base, measured: 0.3, competitor: { name: "min-ℓ1", measured: 1e-10 } });
  assert.equal(swapped.pass, false);
  // swapped but with a lax threshold: the margin rule still fails it
  assert.equal(checkCloser({ ...base, threshold: 1, measured: 0.3, competitor: { name: "min-ℓ1", measured: 1e-10 } }).pass, false);
  // close to both (prediction and competitor nearly equal): not clearly closer
  assert.equal(checkCloser({ ...base, threshold: 1, measured: 0.1, competitor: { name: "c", measured: 0.5 } }).pass, false);
  assert.equal(checkCloser({ ...base, threshold: 1, measured: 0.1, competitor: { name: "c", measured: 0.5 }, margin: 4 }).pass, true);
  // within margin but above threshold
  assert.equal(checkCloser({ ...base, measured: 1e-6, competitor: { name: "c", measured: 1 } }).pass, false);
  assert.equal(checkCloser({ ...base, measured: NaN }).pass, false);
  assert.equal(checkCloser({ ...base, measured: 1e-10, competitor: { name: "c", measured: NaN } }).pass, false);
  assert.throws(() => checkCloser({ ...base, measured: 0, margin: 0.5 }), /margin/);
});

test("allPass needs at least one check and all passing", () => {
  assert.equal(allPass([]), false);
  assert.equal(allPass([checkAtMost("a", 0, 1)]), true);
  assert.equal(allPass([checkAtMost("a", 0, 1), checkAtLeast("b", 0, 1)]), false);
});
