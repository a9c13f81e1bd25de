import { test } from "node:test";
import assert from "node:assert/strict";
import { separable2d } from "../../../src/data/index.ts";
import { logisticLoss } from "../../../src/losses/index.ts";
import { linearModel, marginObjective } from "../../../src/models/index.ts";
import { Rng } from "../../../src/random/index.ts";
import { normBallPath } from "../../../src/experiments/separable/normBallPath.ts";
import { assertAllPass, assertWellFormed, checksNamed, runSeparable } from "./helpers.ts";

test("normBallPath: on a 2-D instance the path point minimizes R over the circle ‖w‖ = B (brute force over angles), with a KKT certificate", () => {
  const data = separable2d(new Rng(3), { n: 40 });
  const R = marginObjective(data, linearModel(2), logisticLoss);
  for (const B of [0.5, 3, 20]) {
    const pt = normBallPath(data, logisticLoss, B);
    assert.ok(pt.kktResidual < 1e-8 && pt.normResidual < 1e-8, `B = ${B}: ${pt.kktResidual}, ${pt.normResidual}`);
    let best = Infinity;
    for (let k = 0; k < 20000; k++) {
      const a = (2 * Math.PI * k) / 20000;
      best = Math.min(best, R.value(Float64Array.from([B * Math.cos(a), B * Math.sin(a)])));
    }
    const v = R.value(pt.w);
    assert.ok(v <= best + 1e-12 * (1 + best), `B = ${B}: R(w̄) = ${v} > grid minimum ${best}`);
    // inside the ball R is larger: the constraint is active
    assert.ok(R.value(pt.w.map((x) => x * 0.9)) > v);
  }
  assert.throws(() => normBallPath(data, logisticLoss, 0), /positive/);
});

test("regularization-path (quick): GD ends within 1% (relative) of the path point of its own norm, ≥ 5× closer than the max-margin ray", async () => {
  const r = await runSeparable("regularization-path");
  assertWellFormed(r, "regularization-path");
  assertAllPass(r);
  const [c] = checksNamed(r, "regularization path point");
  assert.ok(c.measured < 1e-2 && c.competitor!.measured > 5 * c.measured);
});

test("regularization-path fails after 10 steps (still 2% off the path)", async () => {
  const r = await runSeparable("regularization-path", { maxIter: 10 });
  assert.equal(checksNamed(r, "regularization path point")[0].pass, false);
});
