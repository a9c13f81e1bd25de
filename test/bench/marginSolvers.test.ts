import { test } from "node:test";
import assert from "node:assert/strict";
import { findRaceWorkload, marginSolvers, raceToMargin } from "../../src/bench/index.ts";
import { separableData } from "../../src/data/index.ts";
import { exponentialLoss } from "../../src/losses/index.ts";
import { linearModel, marginObjective } from "../../src/models/index.ts";
import { dualAccelerated } from "../../src/optimizers/index.ts";
import { Rng } from "../../src/random/index.ts";

// planted hard-margin SVM: w* with margin exactly 0.3, three support vectors, the rest 0.5 further out
const planted = () => separableData(new Rng(1), { n: 200, d: 5, gap: 0.3, supportVectors: 3, clearance: 0.5 });

/** minᵢ yᵢ⟨w, xᵢ⟩/‖w‖ by plain loops */
function margin(X: { rows: number; cols: number; data: Float64Array }, y: Float64Array, w: Float64Array): number {
  let m = Infinity;
  for (let i = 0; i < X.rows; i++) {
    let s = 0;
    for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j] * w[j];
    m = Math.min(m, y[i] * s);
  }
  return m / Math.hypot(...w);
}

test("margin-solvers on a planted SVM: the reference margin is the planted one, and both methods reach relative gap 1e-6 of it", () => {
  const data = planted();
  const r = marginSolvers(data.X, data.y, "own", { maxSeconds: 30 });
  assert.ok(r.reference_certified);
  assert.ok(Math.abs(r.reference_margin - 0.3) <= 1e-9, `γ* = ${r.reference_margin}`);
  assert.deepEqual(r.methods.map((m) => m.name), ["loss-scaled-gd", "dual-accelerated"]);
  for (const m of r.methods) {
    assert.ok(m.reached, `${m.name}: gap ${m.relative_gap} after ${m.iters} iterations`);
    assert.ok(m.relative_gap <= 1e-6 && m.relative_gap > -1e-9, `${m.name}: gap ${m.relative_gap}`);
    // the gap is measured against the reference: (γ* − γ(w))/γ*
    assert.equal(m.relative_gap, (r.reference_margin - m.margin) / r.reference_margin);
    assert.ok(m.iters > 1 && m.seconds >= 0);
  }
  // the accelerated method needs fewer iterations (1/t² against 1/t)
  assert.ok(r.methods[1].iters < r.methods[0].iters, `${r.methods[1].iters} vs ${r.methods[0].iters}`);
});

test("raceToMargin: the reported margin is minᵢ yᵢ⟨w, xᵢ⟩/‖w‖ of the iterate, and a wrong reference moves the gap with it", () => {
  const data = planted();
  const objective = marginObjective(data, linearModel(5), exponentialLoss);
  const caps = { gap: 1e-6, maxIters: 40, maxSeconds: 30 };
  const opt = dualAccelerated({ lr: 0.05 });
  const right = raceToMargin("da", opt, objective, 0.3, caps);
  // rerun by hand: the same iterate's margin
  const s = opt.init(objective, new Float64Array(5), new Rng(0));
  for (let t = 0; t < right.iters; t++) opt.step(s);
  assert.ok(Math.abs(right.margin - margin(data.X, data.y, s.theta)) <= 1e-12, `${right.margin} vs ${margin(data.X, data.y, s.theta)}`);
  // a reference 10% too high: the same margin, a gap 10% larger in γ*'s units
  const wrong = raceToMargin("da", opt, objective, 0.33, caps);
  assert.equal(wrong.margin, right.margin);
  assert.ok(Math.abs(wrong.relative_gap - (0.33 - right.margin) / 0.33) <= 1e-15);
  assert.ok(wrong.relative_gap > right.relative_gap + 0.05);
});

test("margin-solvers: a too-small iteration cap stops at the cap and reports reached = false with the gap it got", () => {
  const data = planted();
  const r = marginSolvers(data.X, data.y, "own", { maxIters: 20 });
  for (const m of r.methods) {
    assert.equal(m.iters, 20, m.name);
    assert.equal(m.reached, false, m.name);
    assert.ok(m.relative_gap > 1e-6, `${m.name}: ${m.relative_gap}`);
    assert.ok(Math.abs(m.margin - (1 - m.relative_gap) * r.reference_margin) <= 1e-12);
  }
  // a time cap ends the race the same way
  const timed = marginSolvers(data.X, data.y, "own", { gap: 1e-15, maxSeconds: 0.05 });
  for (const m of timed.methods) {
    assert.equal(m.reached, false, m.name);
    assert.ok(m.seconds >= 0.05 && m.seconds < 5, `${m.name}: ${m.seconds} s`);
  }
});

test("margin-solvers: bad caps and gaps are RangeErrors; the workload is registered on svm-l2's instance", () => {
  const data = planted();
  assert.throws(() => marginSolvers(data.X, data.y, "own", { gap: 0 }), /the gap must be in \(0, 1\), got 0/);
  assert.throws(() => marginSolvers(data.X, data.y, "own", { maxIters: 1.5 }), /iteration cap must be a positive integer, got 1\.5/);
  assert.throws(() => marginSolvers(data.X, data.y, "own", { maxSeconds: NaN }), /time cap must be positive, got NaN/);
  const w = findRaceWorkload("margin-solvers");
  assert.ok(w);
  assert.equal(w.instanceOf, "svm-l2");
  assert.deepEqual(w.files, ["svm-l2.csv"]);
  assert.throws(() => w.run(["1,2,0.5\n"]), /svm-l2\.csv: line 1 has label 0\.5/);
});
