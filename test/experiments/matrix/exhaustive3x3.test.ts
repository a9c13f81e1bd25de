import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "../helpers.ts";

test("exhaustive-3x3 (quick): the flow ends at the min nuclear norm completion on every theory-class problem, and the open class's exceptions are listed", async () => {
  const r = await runQuick("exhaustive-3x3");
  assertWellFormed(r, "exhaustive-3x3");
  assertAllPass(r);
  const [theory] = checksNamed(r, "theory classes", "not a min nuclear norm completion");
  assert.equal(theory.measured, 0);
  assert.ok(theory.competitor!.measured > 0.5, `the zero-filled completion is not PSD when a diagonal entry is free: ${theory.competitor!.measured}`);
  assert.match(r.summary["trace fixed (diagonal observed)"] as string, /^9 problems: 9 matched$/);
  assert.match(r.summary["rank-1 data (a diagonal entry free)"] as string, /^12 problems: 12 matched$/);
  // rank-2/3 data with a free diagonal entry: the flow picks another rank-2 completion, whatever α
  assert.match(r.summary["open (rank 2–3 data, a diagonal entry free)"] as string, /^24 problems: .*exception/);
  assert.match(r.summary["not matched at α"] as string, /\(1,1\)\(2,2\)\(1,2\)\(1,3\) draw 1 \(rank 2\): exception/);
  const table = r.traces.find((t) => t.name === "problems")!;
  assert.equal(table.rows.length, 45);
  assert.ok(r.figures.some((f) => f.name === "exhaustive-3x3-patterns"));
});

test("exhaustive-3x3 fails when the flow is stopped early (loss target 1e-4): its end points are no completions' limits", async () => {
  const r = await runQuick("exhaustive-3x3", { lossTarget: 1e-4 });
  const [theory] = checksNamed(r, "theory classes", "not a min nuclear norm completion");
  assert.equal(theory.pass, false, `${theory.measured}`);
});

test("exhaustive-3x3 fails when the integrator gets too few steps to converge", async () => {
  const r = await runQuick("exhaustive-3x3", { maxSteps: 200 });
  const [converged] = checksNamed(r, "theory classes: flows that did not reach the loss target");
  assert.equal(converged.pass, false, `${converged.measured}`);
});

test("exhaustive-3x3 rejects a check init that is not larger than α", async () => {
  await assert.rejects(runQuick("exhaustive-3x3", { alpha: 1e-6, alphaCheck: 1e-8 }), /alphaCheck must be larger than alpha/);
});
