import { test } from "node:test";
import assert from "node:assert/strict";
import { separableData, type BinaryClassificationData } from "../../../src/data/index.ts";
import { Matrix, norm2 } from "../../../src/linalg/index.ts";
import { perceptronLoss } from "../../../src/losses/index.ts";
import { diagonalNet, leastSquares, linearModel, marginObjective } from "../../../src/models/index.ts";
import { Rng } from "../../../src/random/index.ts";
import { hardMarginSvm, separabilityCheck } from "../../../src/references/index.ts";
import { biasAugment, perceptron, type PerceptronOptions } from "../../../src/optimizers/margin/index.ts";

function maxNorm(X: Matrix): number {
  let r = 0;
  for (let i = 0; i < X.rows; i++) r = Math.max(r, norm2(X.row(i)));
  return r;
}

/** runs the perceptron from 0 until a pass finds no mistake (or maxSteps); returns the state */
function train(data: BinaryClassificationData, opts: PerceptronOptions = {}, maxSteps = 1e6) {
  const obj = marginObjective(data, linearModel(data.X.cols), perceptronLoss);
  const opt = perceptron(opts);
  const s = opt.init(obj, new Float64Array(data.X.cols), new Rng(0));
  while (!s.converged && s.t < maxSteps) opt.step(s);
  return { s, obj };
}

test("perceptron step: one update w ← w + yᵢxᵢ on the first mistake (ties u = 0 count), then a no-op once separated", () => {
  // x = (1, 0), (0, 1), (1, 1) with y = +1, −1, +1
  const data = { X: new Matrix(3, 2, Float64Array.from([1, 0, 0, 1, 1, 1])), y: Float64Array.from([1, -1, 1]) };
  const obj = marginObjective(data, linearModel(2), perceptronLoss);
  const opt = perceptron({ order: "first" });
  const s = opt.init(obj, new Float64Array(2), new Rng(0));
  opt.step(s); // all margins 0: example 0 → w = (1, 0)
  assert.deepEqual(Array.from(s.theta), [1, 0]);
  assert.equal(s.lastExample, 0);
  assert.equal(s.loss, 0); // perceptron loss at w = 0: max(0, −0) = 0
  opt.step(s); // margins (1, 0, 1): example 1 (tie) → w = (1, −1)
  assert.deepEqual(Array.from(s.theta), [1, -1]);
  opt.step(s); // margins (1, 1, 0): example 2 → w = (2, 0)
  assert.deepEqual(Array.from(s.theta), [2, 0]);
  opt.step(s); // margins (2, 0, 2): example 1 → (2, −1)
  opt.step(s); // margins (2, 1, 1): none
  assert.ok(s.converged);
  assert.deepEqual(Array.from(s.theta), [2, -1]);
  assert.equal(s.updates, 4);
  opt.step(s);
  assert.equal(s.t, 6);
  assert.equal(s.updates, 4);
  // cyclic order starts after the last visited example
  const c = perceptron().init(obj, Float64Array.from([1, 0]), new Rng(0));
  c.cursor = 2;
  perceptron().step(c); // scan 2 (u = 1), 0 (u = 1), 1 (u = 0) → example 1
  assert.equal(c.lastExample, 1);
  assert.throws(() => perceptron().init(leastSquares({ X: data.X, Y: new Matrix(3, 1, data.y) }, linearModel(2)), new Float64Array(2), new Rng(0)), /margin objective/);
  assert.throws(() => perceptron().init(marginObjective(data, diagonalNet(2), perceptronLoss), new Float64Array(4), new Rng(0)), /linear model/);
  assert.throws(() => perceptron({ order: "random" as "first" }), /order/);
});

test("Novikoff: from 0, k ≤ (R/γ)² updates on 40 random instances separable through the origin (both orders)", () => {
  let worst = 0;
  for (let seed = 0; seed < 40; seed++) {
    const rng = new Rng(100 + seed);
    const data = separableData(rng, { n: 60, d: 2 + (seed % 5), gap: 0.05 + 0.05 * (seed % 3) });
    const gamma = hardMarginSvm(data.X, data.y).margin, R = maxNorm(data.X);
    const bound = (R / gamma) ** 2;
    for (const order of ["cyclic", "first"] as const) {
      const { s, obj } = train(data, { order });
      assert.ok(s.converged, `seed ${seed} ${order}: not converged after ${s.t} steps`);
      assert.ok(s.updates <= bound, `seed ${seed} ${order}: ${s.updates} updates > (R/γ)² = ${bound}`);
      assert.ok(obj.margins(s.theta, new Float64Array(60)).every((u) => u > 0));
      worst = Math.max(worst, s.updates / bound);
    }
  }
  assert.ok(worst > 0 && worst <= 1, `largest k/(R/γ)² = ${worst}`);
});

test("with a bias: augmenting by the constant R gives k ≤ (2R/γ)², γ the margin of the separating affine hyperplane", async () => {
  for (let seed = 0; seed < 20; seed++) {
    const rng = new Rng(300 + seed);
    const base = separableData(rng, { n: 50, d: 3, gap: 0.2 });
    // shift every point: ⟨w*, x − s⟩ still separates with margin ≥ 0.2, now with the bias −⟨w*, s⟩
    const s = rng.fillNormal(new Float64Array(3), 3);
    const X = new Matrix(50, 3);
    for (let i = 0; i < 50; i++) for (let j = 0; j < 3; j++) X.data[i * 3 + j] = base.X.get(i, j) + s[j];
    const data = { X, y: base.y };
    const R = maxNorm(X);
    const aug = biasAugment(data);
    assert.equal(aug.X.cols, 4);
    assert.ok(Array.from({ length: 50 }, (_, i) => aug.X.get(i, 3)).every((v) => Math.abs(v - R) <= 1e-14 * R));
    const { s: st } = train(aug);
    assert.ok(st.converged, `seed ${seed}: not converged`);
    assert.ok(st.updates <= (2 * R / base.gap) ** 2, `seed ${seed}: ${st.updates} > (2R/γ)² = ${(2 * R / base.gap) ** 2}`);
    // Novikoff on the augmented data itself is the sharper bound
    const svm = hardMarginSvm(aug.X, aug.y);
    assert.ok(st.updates <= (maxNorm(aug.X) / svm.margin) ** 2);
    if (seed === 0) {
      // this instance is not separable through the origin: without the bias feature the perceptron never stops
      const sep = await separabilityCheck(X, data.y);
      assert.ok(!sep.separable);
      const { s: raw } = train(data, {}, 5000);
      assert.ok(!raw.converged && raw.updates === 5000);
    }
  }
});

test("not separable (XOR): the perceptron keeps updating", () => {
  const data = { X: new Matrix(4, 2, Float64Array.from([1, 1, -1, -1, 1, -1, -1, 1])), y: Float64Array.from([1, 1, -1, -1]) };
  const { s } = train(data, {}, 2000);
  assert.ok(!s.converged);
  assert.equal(s.updates, 2000);
});
