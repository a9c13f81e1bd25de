import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, dot, dualNormP, normP } from "../../src/linalg/index.ts";
import { leastSquares, linearModel } from "../../src/models/index.ts";
import { Rng } from "../../src/random/index.ts";
import { steepestDescent, steepestStep } from "../../src/optimizers/index.ts";

test("steepest ℓ1 moves only the coordinate of largest |g_j|, the lowest index among ties", () => {
  // X = I (N = d = 6): ∇L(θ) = (θ − y)/6; from θ = 0, |g| = |y|/6 is maximal (tied) at 1, 3, 4.
  const y = Float64Array.from([1, -3, 2, 3, -3, 0]);
  const obj = leastSquares({ X: Matrix.identity(6), Y: new Matrix(6, 1, y) }, linearModel(6));
  const eta = 0.6;
  const opt = steepestDescent({ lr: eta, norm: 1 });
  const s = opt.init(obj, new Float64Array(6), new Rng(1));
  opt.step(s);
  assert.equal(s.lastCoordinate, 1);
  assert.deepEqual(Array.from(s.theta), [0, -eta * (3 / 6), 0, 0, 0, 0]); // θ₁ −= η g₁ with g₁ = −y₁/6 = 1/2
  opt.step(s); // |g₁| shrank; tie between 3 and 4 → 3
  assert.equal(s.lastCoordinate, 3);
  assert.equal(s.theta[3], (eta * 3) / 6);
  opt.step(s);
  assert.equal(s.lastCoordinate, 4);
  // a zero gradient moves nothing
  const th = Float64Array.from([1, 2]);
  assert.equal(steepestStep(th, new Float64Array(2), 1, 1), -1);
  assert.deepEqual(Array.from(th), [1, 2]);
});

test("steepest step Δ = η‖g‖_* v*: ‖Δ‖_p = η‖g‖_q and ⟨Δ, g⟩ = −η‖g‖_q² for p ∈ {1, 1.5, 2, 3, ∞}", () => {
  const rng = new Rng(2);
  for (const sc of [1, 1e-200, 1e200]) {
    for (const p of [1, 1.5, 2, 3, Infinity]) {
      const g = rng.fillNormal(new Float64Array(9), sc);
      const delta = new Float64Array(9);
      const eta = 0.3;
      steepestStep(delta, g, eta, p);
      const gq = dualNormP(g, p);
      const np = normP(delta, p);
      assert.ok(Math.abs(np - eta * gq) <= 1e-12 * eta * gq, `p=${p} scale ${sc}: ‖Δ‖_p ${np} vs ${eta * gq}`);
      // ⟨Δ/gq, g/gq⟩ = −η (normalized to stay in range)
      const ip = dot(delta.map((v) => v / gq), g.map((v) => v / gq));
      assert.ok(Math.abs(ip + eta) <= 1e-12, `p=${p} scale ${sc}: ⟨Δ, g⟩/‖g‖_q² = ${ip}`);
    }
  }
});

test("steepest ℓ∞ is sign descent w − η‖g‖₁ sign(g); ℓ2 is gradient descent", () => {
  const g = Float64Array.from([0.5, -2, 0, 1.5]);
  const th = new Float64Array(4);
  steepestStep(th, g, 0.1, Infinity);
  assert.deepEqual(Array.from(th), [-0.4, 0.4, 0, -0.4]); // ‖g‖₁ = 4
  const th2 = new Float64Array(4);
  steepestStep(th2, g, 0.1, 2);
  assert.deepEqual(Array.from(th2), Array.from(g, (v) => 0 - 0.1 * v));
  assert.throws(() => steepestDescent({ lr: 0.1, norm: 0.5 }), /norm must be a number p in \[1, ∞\]/);
});
