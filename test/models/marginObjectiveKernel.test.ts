// marginObjective's SIMD path (full passes as WebAssembly GEMVs, N·d ≥ 4096, d ≥ 4) against its
// plain loops, and the plain path still used where WebAssembly is missing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../src/linalg/index.ts";
import { exponentialLoss, logisticLoss, polynomialLoss, type MarginLoss } from "../../src/losses/index.ts";
import { diagonalNet, linearModel, marginObjective, type Parameterization } from "../../src/models/index.ts";
import { Rng } from "../../src/random/index.ts";
import { fdGradient, maxRelError } from "./finiteDifference.ts";

function data(seed: number, n: number, d: number): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const X = new Matrix(n, d, rng.fillNormal(new Float64Array(n * d)));
  const y = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : 1));
  return { X, y };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));
const losses: MarginLoss[] = [logisticLoss, exponentialLoss, polynomialLoss(1)];

test("the SIMD path runs only from N·d ≥ 4096 and d ≥ 4, and not with simd: false or without WebAssembly", () => {
  assert.equal(marginObjective(data(1, 100, 50), linearModel(50)).simd, true);
  assert.equal(marginObjective(data(1, 100, 40), linearModel(40)).simd, false, "4000 numbers");
  assert.equal(marginObjective(data(1, 2000, 3), linearModel(3)).simd, false, "d = 3");
  assert.equal(marginObjective(data(1, 100, 50), linearModel(50), logisticLoss, { simd: false }).simd, false);
  assert.equal(marginObjective(data(1, 100, 50), linearModel(50), logisticLoss, { webAssembly: null }).simd, false);
});

test("value, gradient, log L, gradient direction, margins and Hessian products equal the plain path's to 1e-12", () => {
  const shapes: [number, number][] = [[100, 50], [257, 17], [64, 129]];
  for (const [n, d] of shapes) {
    const D = data(n + d, n, d);
    for (const loss of losses) {
      for (const param of [linearModel(d), diagonalNet(d)] as Parameterization[]) {
        const fast = marginObjective(D, param, loss), plain = marginObjective(D, param, loss, { simd: false });
        assert.equal(fast.simd, true);
        const theta = param.init(new Rng(7), 0.3);
        const what = `${n}×${d} ${loss.name} ${param.name}`;
        assert.ok(rel(fast.value(theta), plain.value(theta)) <= 1e-12, `${what}: value`);
        const g1 = new Float64Array(param.dim), g2 = new Float64Array(param.dim);
        assert.ok(rel(fast.gradient(theta, g1), plain.gradient(theta, g2)) <= 1e-12, `${what}: gradient's value`);
        assert.ok(maxRelError(g1, g2) <= 1e-12, `${what}: gradient`);
        assert.ok(rel(fast.logValue(theta), plain.logValue(theta)) <= 1e-12, `${what}: log L`);
        assert.ok(rel(fast.gradientDirection(theta, g1), plain.gradientDirection(theta, g2)) <= 1e-12, `${what}: log‖∇L‖`);
        assert.ok(maxRelError(g1, g2) <= 1e-12, `${what}: direction`);
        const u1 = new Float64Array(n), u2 = new Float64Array(n);
        assert.ok(maxRelError(fast.margins(theta, u1), plain.margins(theta, u2)) <= 1e-12, `${what}: margins`);
        if (fast.hessVec) {
          const v = new Rng(3).fillNormal(new Float64Array(param.dim));
          assert.ok(maxRelError(fast.hessVec(theta, v, g1), plain.hessVec!(theta, v, g2)) <= 1e-12, `${what}: hessVec`);
        }
      }
    }
  }
});

test("the SIMD gradient matches finite differences, and minibatches (plain loop) agree with the full pass on all examples", () => {
  const n = 120, d = 40;
  const D = data(5, n, d);
  const obj = marginObjective(D, linearModel(d), logisticLoss);
  assert.equal(obj.simd, true);
  const w = new Rng(2).fillNormal(new Float64Array(d), 0.2);
  const g = new Float64Array(d);
  obj.gradient(w, g);
  assert.ok(maxRelError(g, fdGradient((t) => obj.value(t), w)) < 1e-6);
  const all = Int32Array.from({ length: n }, (_, i) => i), gb = new Float64Array(d);
  obj.batchGradient(w, all, n, gb);
  assert.ok(maxRelError(gb, g) <= 1e-12);
});

test("at margins of 1e4 (every loss underflows) the SIMD direction is the plain one", () => {
  const n = 100, d = 50;
  const D = data(9, n, d);
  // w with every margin large: w = 1e4 · Σᵢ yᵢxᵢ/‖·‖ need not separate, so use a separable labelling
  const w = new Rng(4).fillNormal(new Float64Array(d));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += D.X.data[i * d + j] * w[j];
    y[i] = s >= 0 ? 1 : -1;
  }
  const scaled = w.map((v) => v * 1e4);
  const fast = marginObjective({ X: D.X, y }, linearModel(d), exponentialLoss);
  const plain = marginObjective({ X: D.X, y }, linearModel(d), exponentialLoss, { simd: false });
  const g1 = new Float64Array(d), g2 = new Float64Array(d);
  const l1 = fast.gradientDirection(scaled, g1), l2 = plain.gradientDirection(scaled, g2);
  assert.ok(Number.isFinite(l1) && rel(l1, l2) <= 1e-12);
  assert.ok(maxRelError(g1, g2) <= 1e-12);
});
