// What every experiment shares: divergence becomes a failing check with the reason,
// abort stops the run, progress reaches 1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { getExperiment } from "../../src/experiments/index.ts";
import { runExperiment } from "../../src/run/index.ts";
import { runQuick } from "./helpers.ts";

test("a diverging run is reported as a failing check naming the divergence, never as a number", async () => {
  const r = await runQuick("md-bregman", { potentials: ["euclidean"], stepFractions: [5], batchSize: 0 });
  assert.equal(r.checks.length, 1);
  const [c] = r.checks;
  assert.equal(c.pass, false);
  assert.ok(Number.isNaN(c.measured));
  assert.match(c.note ?? "", /DIVERGED: .*initial loss/);
});

test("an aborted experiment rejects with an AbortError", async () => {
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(
    runExperiment(getExperiment("ls-gd-min-norm"), { quick: true, signal: ac.signal }),
    (e: Error) => e.name === "AbortError" && /aborted/.test(e.message),
  );
});

test("progress is reported in [0, 1], non-decreasing, ending at 1", async () => {
  const seen: number[] = [];
  await runExperiment(getExperiment("two-layer-linear"), { quick: true, onProgress: (f) => seen.push(f) });
  assert.ok(seen.length >= 3);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1]);
  assert.equal(seen[seen.length - 1], 1);
  assert.ok(seen.every((f) => f >= 0 && f <= 1));
});

test("the same seed gives the same result; another seed gives other data", async () => {
  const a = await runQuick("wilson-adaptive", {}, 3);
  const b = await runQuick("wilson-adaptive", {}, 3);
  const c = await runQuick("wilson-adaptive", {}, 4);
  assert.deepEqual(a.summary, b.summary);
  assert.deepEqual(a.traces, b.traces);
  assert.notDeepEqual(a.traces, c.traces);
});
