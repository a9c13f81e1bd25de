import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, norm2, dot } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import {
  logisticLoss, exponentialLoss, expPowerLoss, polynomialLoss, hingeLoss, type MarginLoss,
} from "../../src/losses/index.ts";
import { diagonalNet, linearModel, marginObjective, softmaxObjective, twoLayerLinear, type Parameterization } from "../../src/models/index.ts";
import { separableData } from "../../src/data/index.ts";
import { fdGradient, maxRelError } from "./finiteDifference.ts";

const N = 11, d = 4;

function gaussianData(rng: Rng, n = N, dd = d): { X: Matrix; y: Float64Array } {
  const X = new Matrix(n, dd, rng.fillNormal(new Float64Array(n * dd)));
  const y = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : 1));
  return { X, y };
}

const losses: MarginLoss[] = [logisticLoss, exponentialLoss, expPowerLoss(0.5), expPowerLoss(2), polynomialLoss(1)];
const params: Parameterization[] = [linearModel(d), diagonalNet(d), twoLayerLinear(d, 3, 1)];

test("margin objective: value is the mean loss of yᵢ⟨β, xᵢ⟩; gradient and batch gradient match finite differences", () => {
  const rng = new Rng(1);
  for (const param of params) {
    for (const loss of losses) {
      const data = gaussianData(rng);
      const obj = marginObjective(data, param, loss);
      const theta = param.init(rng, 0.7);
      const beta = param.predictor(theta, new Float64Array(d));
      let ref = 0;
      for (let i = 0; i < N; i++) ref += loss.value(data.y[i] * dot(data.X.row(i), beta));
      assert.ok(Math.abs(obj.value(theta) - ref / N) <= 1e-14 * Math.abs(ref / N));
      const g = new Float64Array(obj.dim);
      const v = obj.gradient(theta, g);
      assert.ok(Math.abs(v - ref / N) <= 1e-14 * Math.abs(v));
      assert.ok(maxRelError(g, fdGradient((t) => obj.value(t), theta)) < 1e-7, `${loss.name} on ${param.name}`);
      const idx = Int32Array.from([3, 0, 7, 7, 10]);
      const gb = new Float64Array(obj.dim);
      const vb = obj.batchGradient(theta, idx, 4, gb);
      const batchValue = (t: Float64Array) => {
        const b = param.predictor(t, new Float64Array(d));
        let s = 0;
        for (let k = 0; k < 4; k++) s += loss.value(data.y[idx[k]] * dot(data.X.row(idx[k]), b));
        return s / 4;
      };
      assert.ok(Math.abs(vb - batchValue(theta)) < 1e-14 * Math.abs(vb));
      assert.ok(maxRelError(gb, fdGradient(batchValue, theta)) < 1e-7);
      const all = Int32Array.from({ length: N }, (_, i) => i);
      const ga = new Float64Array(obj.dim);
      obj.batchGradient(theta, all, N, ga);
      assert.ok(maxRelError(ga, g) < 1e-15);
    }
  }
});

test("Hessian-vector products match finite differences of the gradient; logistic smoothness bounds the Hessian", () => {
  const rng = new Rng(2);
  const data = gaussianData(rng);
  for (const loss of [logisticLoss, exponentialLoss, polynomialLoss(2)]) {
    const obj = marginObjective(data, linearModel(d), loss);
    const theta = rng.fillNormal(new Float64Array(d), 0.5);
    const v = rng.fillNormal(new Float64Array(d));
    const hv = obj.hessVec!(theta, v, new Float64Array(d));
    const h = 1e-6, tp = theta.slice(), tm = theta.slice();
    for (let j = 0; j < d; j++) { tp[j] += h * v[j]; tm[j] -= h * v[j]; }
    const gp = new Float64Array(d), gm = new Float64Array(d);
    obj.gradient(tp, gp);
    obj.gradient(tm, gm);
    const fd = gp.map((x, j) => (x - gm[j]) / (2 * h));
    assert.ok(maxRelError(hv, fd) < 1e-7, loss.name);
  }
  const obj = marginObjective(data, linearModel(d), logisticLoss);
  const beta = obj.smoothness!(new Float64Array(d));
  // at θ = 0 every ℓ″ = ¼, so the Hessian is XᵀX/(4N) and its top eigenvalue equals the bound
  let v: Float64Array = Float64Array.from([1, 0.3, -0.2, 0.5]);
  let lambda = 0;
  for (let it = 0; it < 500; it++) {
    const hv = obj.hessVec!(new Float64Array(d), v, new Float64Array(d));
    lambda = norm2(hv) / norm2(v);
    v = hv;
  }
  assert.ok(Math.abs(lambda - beta) < 1e-9 * beta);
  assert.equal(marginObjective(data, linearModel(d), exponentialLoss).smoothness, undefined);
});

test("log value and gradient direction agree with the direct forms where those are representable", () => {
  const rng = new Rng(3);
  for (const param of params) {
    for (const loss of [...losses, hingeLoss]) {
      const data = gaussianData(rng);
      const obj = marginObjective(data, param, loss);
      const theta = param.init(rng, 0.6);
      assert.ok(Math.abs(obj.logValue(theta) - Math.log(obj.value(theta))) < 1e-13);
      const g = new Float64Array(obj.dim);
      obj.gradient(theta, g);
      const dir = new Float64Array(obj.dim);
      const logNorm = obj.gradientDirection(theta, dir);
      assert.ok(Math.abs(logNorm - Math.log(norm2(g))) < 1e-13, `${loss.name} log‖∇L‖`);
      const gn = norm2(g);
      for (let j = 0; j < g.length; j++) assert.ok(Math.abs(dir[j] - g[j] / gn) < 1e-14);
    }
  }
});

/** data whose first feature is yᵢ, so zᵢ₀ = 1 and moving θ₀ by s moves every margin by s */
function shiftableData(rng: Rng): { X: Matrix; y: Float64Array } {
  const data = gaussianData(rng, 9, 3);
  for (let i = 0; i < 9; i++) data.X.set(i, 0, data.y[i]);
  return data;
}

test("margins shifted by ±1e4: log L shifts by exactly ∓1e4 and the gradient direction is unchanged (exp loss), never NaN", () => {
  const rng = new Rng(4);
  const data = shiftableData(rng);
  const exp = marginObjective(data, linearModel(3), exponentialLoss);
  const logi = marginObjective(data, linearModel(3), logisticLoss);
  const theta = Float64Array.from([0.3, -0.8, 0.5]);
  const dir0 = new Float64Array(3);
  const ln0 = exp.gradientDirection(theta, dir0);
  const lv0 = exp.logValue(theta);
  for (const s of [1e4, -1e4, 1e6]) {
    const shifted = theta.slice();
    shifted[0] += s;
    for (const obj of s > 0 ? [exp, logi] : [exp]) {
      const dir = new Float64Array(3);
      const ln = obj.gradientDirection(shifted, dir);
      // margins 1e4 + δ carry δ to about one ulp of |s|: the tolerance scales with it
      const tol = 1e-15 * Math.abs(s) + 1e-13;
      assert.ok(Math.abs(ln - (ln0 - s)) <= tol, `${obj.name}: log‖∇L‖ at shift ${s}: ${ln}`);
      assert.ok(Math.abs(obj.logValue(shifted) - (lv0 - s)) <= tol);
      for (let j = 0; j < 3; j++) assert.ok(Math.abs(dir[j] - dir0[j]) < tol, `${obj.name} direction at shift ${s}`);
    }
    if (s > 0) {
      // the direct forms underflow to 0: that is why the log-domain ones exist
      assert.equal(exp.value(shifted), 0);
      const g = new Float64Array(3);
      exp.gradient(shifted, g);
      assert.equal(norm2(g), 0);
    }
  }
  // hinge beyond every margin: zero gradient, reported as −∞ with a zero direction (not 0/0)
  const hinge = marginObjective(data, linearModel(3), hingeLoss);
  const big = Float64Array.from([1e4, 0, 0]);
  const dir = new Float64Array(3);
  assert.equal(hinge.gradientDirection(big, dir), -Infinity);
  assert.deepEqual(Array.from(dir), [0, 0, 0]);
  assert.equal(hinge.logValue(big), -Infinity);
  assert.ok(Number.isNaN(exp.gradientDirection(Float64Array.from([NaN, 0, 0]), dir)));
});

test("normalized GD on exp and logistic loss reaches margins above 1e4 with no NaN and its direction approaches the max-margin one", () => {
  // planted support vectors: the max-margin direction is w*, the margin is gap
  const data = separableData(new Rng(5), { n: 40, d: 5, gap: 0.25, supportVectors: 3, clearance: 0.1 });
  for (const loss of [exponentialLoss, logisticLoss]) {
    const obj = marginObjective(data, linearModel(5), loss);
    const w = new Float64Array(5);
    const dir = new Float64Array(5);
    const u = new Float64Array(40);
    let gapAt10 = NaN;
    for (let t = 1; t <= 4000; t++) {
      // η ∝ 1/‖∇L‖: a step of fixed length along −∇L/‖∇L‖
      const logNorm = obj.gradientDirection(w, dir);
      assert.ok(Number.isFinite(logNorm), `${loss.name}: log‖∇L‖ = ${logNorm} at step ${t}`);
      for (let j = 0; j < 5; j++) w[j] -= 100 * dir[j];
      if (t === 10) gapAt10 = 1 - dot(w, data.wStar) / norm2(w);
    }
    obj.margins(w, u);
    const minMargin = Math.min(...u);
    assert.ok(minMargin > 1e4, `${loss.name}: min margin ${minMargin}`);
    assert.ok(Number.isFinite(obj.logValue(w)) && obj.logValue(w) < -1e4);
    assert.equal(obj.value(w), 0);
    // normalized margin within 2% of the optimum gap, 1 − cos(w, w*) below 1e-5 (the fixed-length
    // steps zigzag by ≈ η/‖w‖ around the limit direction), a thousand times closer than at t = 10
    const cosGap = 1 - dot(w, data.wStar) / norm2(w);
    assert.ok(minMargin / norm2(w) > 0.25 * (1 - 2e-2), `${loss.name}: normalized margin ${minMargin / norm2(w)}`);
    assert.ok(cosGap < 1e-5 && cosGap < 1e-3 * gapAt10, `${loss.name}: 1 − cos = ${cosGap} (at t = 10: ${gapAt10})`);
  }
});

test("softmax objective: value and gradient against the definition and finite differences", () => {
  const rng = new Rng(6);
  const k = 3;
  const X = new Matrix(10, d, rng.fillNormal(new Float64Array(10 * d)));
  const labels = Int32Array.from([0, 1, 2, 2, 1, 0, 0, 2, 1, 1]);
  for (const param of [linearModel(d, k), twoLayerLinear(d, 4, k)]) {
    const obj = softmaxObjective({ X, labels, classes: k }, param);
    const theta = param.init(rng, 0.8);
    const W = param.predictor(theta, new Float64Array(k * d));
    let ref = 0;
    for (let i = 0; i < 10; i++) {
      const s = [0, 1, 2].map((r) => dot(W.subarray(r * d, (r + 1) * d), X.row(i)));
      ref += Math.log(s.reduce((a, v) => a + Math.exp(v), 0)) - s[labels[i]];
    }
    assert.ok(Math.abs(obj.value(theta) - ref / 10) < 1e-14);
    const g = new Float64Array(obj.dim);
    obj.gradient(theta, g);
    assert.ok(maxRelError(g, fdGradient((t) => obj.value(t), theta)) < 1e-7);
    const idx = Int32Array.from([4, 9, 0]);
    const gb = new Float64Array(obj.dim);
    obj.batchGradient(theta, idx, 3, gb);
    const sub = softmaxObjective({ X: Matrix.fromRows([X.row(4), X.row(9), X.row(0)]), labels: Int32Array.from([1, 1, 0]), classes: k }, param);
    const gs = new Float64Array(obj.dim);
    sub.gradient(theta, gs);
    assert.ok(maxRelError(gb, gs) < 1e-14);
    const dir = new Float64Array(obj.dim);
    assert.ok(Math.abs(obj.gradientDirection(theta, dir) - Math.log(norm2(g))) < 1e-13);
    for (let j = 0; j < g.length; j++) assert.ok(Math.abs(dir[j] - g[j] / norm2(g)) < 1e-14);
    assert.ok(Math.abs(obj.logValue(theta) - Math.log(obj.value(theta))) < 1e-13);
    const m = obj.margins(theta, new Float64Array(10));
    const s0 = [0, 1, 2].map((r) => dot(W.subarray(r * d, (r + 1) * d), X.row(0)));
    assert.ok(Math.abs(m[0] - Math.min(s0[0] - s0[1], s0[0] - s0[2])) < 1e-14);
  }
  assert.throws(() => softmaxObjective({ X, labels, classes: 3 }, linearModel(d, 2)), /3 classes × 4 features need 12/);
});

test("two-class softmax at margins of 1e4 is the logistic objective of W₀ − W₁, in the log domain", () => {
  const rng = new Rng(7);
  const data = shiftableData(rng);
  const labels = Int32Array.from(data.y, (v) => (v > 0 ? 0 : 1));
  const soft = softmaxObjective({ X: data.X, labels, classes: 2 }, linearModel(3, 2));
  const logi = marginObjective(data, linearModel(3), logisticLoss);
  const w = Float64Array.from([1e4 + 0.3, -0.8, 0.5]);
  const W = new Float64Array(6);
  for (let j = 0; j < 3; j++) { W[j] = w[j] / 2; W[3 + j] = -w[j] / 2; }
  assert.ok(Math.abs(soft.logValue(W) - logi.logValue(w)) < 1e-12 * 1e4);
  assert.equal(soft.value(W), 0);
  const dw = new Float64Array(3), dW = new Float64Array(6);
  const lw = logi.gradientDirection(w, dw);
  const lW = soft.gradientDirection(W, dW);
  assert.ok(Number.isFinite(lW) && Math.abs(lW - (lw + 0.5 * Math.log(2))) < 1e-12 * 1e4);
  for (let j = 0; j < 3; j++) {
    assert.ok(Math.abs(dW[j] - dw[j] / Math.SQRT2) < 1e-12);
    assert.ok(Math.abs(dW[3 + j] + dw[j] / Math.SQRT2) < 1e-12);
  }
});

test("bad inputs are refused: non-±1 labels, size mismatches", () => {
  const X = Matrix.fromRows([[1, 2], [3, 4]]);
  assert.throws(() => marginObjective({ X, y: Float64Array.from([1, 0]) }, linearModel(2)), /label 1 is 0; labels must be −1 or \+1/);
  assert.throws(() => marginObjective({ X, y: Float64Array.from([1, -1]) }, linearModel(3)), /predicts 3 numbers, the data have 2 features/);
  assert.throws(() => softmaxObjective({ X, labels: Int32Array.from([0, 5]), classes: 3 }, linearModel(2, 3)), /label 1 is 5/);
});
