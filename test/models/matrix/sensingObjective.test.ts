import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, dot, relDist, singularValues } from "../../../src/linalg/index.ts";
import { Rng } from "../../../src/random/index.ts";
import { linearModel, type Parameterization } from "../../../src/models/index.ts";
import {
  asymmetricFactor, commutingMeasurements, deepProduct, diagonalMeasurements, iidGaussian, observedEntries, operatorNormSquared,
  sensingObjective, symmetricFactor, symmetricGaussian, type MeasurementOperator,
} from "../../../src/models/matrix/index.ts";
import { fdGradient, maxRelError } from "../finiteDifference.ts";
import { allocatedBytes } from "../../helpers/heap.ts";

function cases(rng: Rng): [MeasurementOperator, Parameterization][] {
  return [
    [symmetricGaussian(rng, 4, 6), symmetricFactor(4)],
    [symmetricGaussian(rng, 5, 8), symmetricFactor(5, 2, "random")],
    [iidGaussian(rng, 3, 4, 7), asymmetricFactor(3, 4, 3)],
    [iidGaussian(rng, 3, 3, 5), deepProduct(3, 3, "random")],
    [commutingMeasurements(rng, 4, 5), symmetricFactor(4)],
    [diagonalMeasurements(rng, 3, 4), deepProduct(3, 2)],
    [observedEntries(3, 3, [[0, 0], [1, 2], [2, 1], [2, 2]]), symmetricFactor(3)],
    [iidGaussian(rng, 2, 3, 4), linearModel(6)],
  ];
}

test("L = (1/2m)‖A(W) − y‖²: value, and gradient against finite differences for every parameterization", () => {
  const rng = new Rng(41);
  for (const [op, p] of cases(rng)) {
    const y = rng.fillNormal(new Float64Array(op.m));
    const obj = sensingObjective(op, y, p);
    const th = rng.fillNormal(new Float64Array(p.dim), 0.7);
    const W = p.predictor(th, new Float64Array(p.predictorDim));
    const r = op.apply(W, new Float64Array(op.m)).map((v, i) => v - y[i]);
    const want = dot(r, r) / (2 * op.m);
    assert.ok(Math.abs(obj.value(th) - want) <= 1e-13 * want, `${obj.name}: value`);
    assert.ok(relDist(obj.residual(th, new Float64Array(op.m)), r) < 1e-13);
    const g = new Float64Array(p.dim).fill(5);
    const L = obj.gradient(th, g);
    assert.ok(Math.abs(L - want) <= 1e-13 * want, `${obj.name}: gradient's loss`);
    const fd = fdGradient((t) => obj.value(t), th);
    assert.ok(maxRelError(g, fd) < 1e-7, `${obj.name}: gradient vs finite differences ${maxRelError(g, fd)}`);
  }
});

test("UUᵀ gradient is (2/m) A*(r) U under this convention (the seeds' 4A*(r)U divided by 2m)", () => {
  const rng = new Rng(42);
  const n = 4, m = 6;
  const op = symmetricGaussian(rng, n, m);
  const y = rng.fillNormal(new Float64Array(m));
  const obj = sensingObjective(op, y, symmetricFactor(n));
  const U = rng.fillNormal(new Float64Array(n * n));
  const r = obj.residual(U, new Float64Array(m));
  const S = new Matrix(n, n, op.adjoint(r, new Float64Array(n * n)));
  const want = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let k = 0; k < n; k++) {
    let s = 0;
    for (let b = 0; b < n; b++) s += S.get(a, b) * U[b * n + k];
    want[a * n + k] = (2 / m) * s;
  }
  const g = new Float64Array(n * n);
  obj.gradient(U, g);
  assert.ok(relDist(g, want) < 1e-13, `${relDist(g, want)}`);
});

test("batchGradient: the mean over a subset (finite differences), and the full batch equals the gradient", () => {
  const rng = new Rng(43);
  for (const [op, p] of cases(rng)) {
    const y = rng.fillNormal(new Float64Array(op.m));
    const obj = sensingObjective(op, y, p);
    const th = rng.fillNormal(new Float64Array(p.dim), 0.7);
    const all = Int32Array.from({ length: op.m }, (_, i) => op.m - 1 - i); // any order
    const gFull = new Float64Array(p.dim);
    obj.gradient(th, gFull);
    const gAll = new Float64Array(p.dim);
    const LAll = obj.batchGradient(th, all, op.m, gAll);
    assert.ok(Math.abs(LAll - obj.value(th)) <= 1e-13 * LAll, `${obj.name}: full-batch loss`);
    assert.ok(relDist(gAll, gFull) < 1e-13, `${obj.name}: full batch vs gradient ${relDist(gAll, gFull)}`);
    const idx = Int32Array.from([1, 0, 1]); // with a repeat
    const W = new Float64Array(p.predictorDim);
    const subLoss = (t: Float64Array): number => {
      const AW = op.apply(p.predictor(t, W), new Float64Array(op.m));
      let s = 0;
      for (const i of idx) s += (AW[i] - y[i]) ** 2;
      return s / (2 * idx.length);
    };
    const g = new Float64Array(p.dim);
    const Lb = obj.batchGradient(th, idx, 3, g);
    assert.ok(Math.abs(Lb - subLoss(th)) <= 1e-12 * Lb);
    assert.ok(maxRelError(g, fdGradient(subLoss, th)) < 1e-7, `${obj.name}: batch gradient vs finite differences`);
  }
});

test("a linear model gets ∇²L v = A*(A v)/m and β = σ_max(A)²/m", () => {
  const rng = new Rng(44);
  const op = iidGaussian(rng, 3, 4, 7);
  const obj = sensingObjective(op, rng.fillNormal(new Float64Array(7)), linearModel(12));
  const D = new Matrix(7, 12);
  for (let i = 0; i < 7; i++) D.data.set(op.measurement(i).data, i * 12);
  const sigma = singularValues(D)[0];
  assert.ok(Math.abs(obj.smoothness!(new Float64Array(12)) - (sigma * sigma) / 7) < 1e-10 * sigma * sigma);
  assert.ok(Math.abs(operatorNormSquared(op) - sigma * sigma) < 1e-10 * sigma * sigma);
  const v = rng.fillNormal(new Float64Array(12)), th = rng.fillNormal(new Float64Array(12));
  const g0 = new Float64Array(12), g1 = new Float64Array(12), h = 1e-3;
  obj.gradient(th, g0);
  obj.gradient(th.map((x, j) => x + h * v[j]), g1);
  const fd = g1.map((x, j) => (x - g0[j]) / h); // exact for a quadratic, up to rounding
  assert.ok(maxRelError(obj.hessVec!(th, v, new Float64Array(12)), fd) < 1e-9);
  assert.equal(sensingObjective(op, new Float64Array(7), asymmetricFactor(3, 4, 2)).hessVec, undefined);
});

test("sensingObjective rejects mismatched shapes and non-finite targets", () => {
  const rng = new Rng(45);
  const op = symmetricGaussian(rng, 3, 4);
  assert.throws(() => sensingObjective(op, new Float64Array(4), symmetricFactor(4)), /predicts 16 numbers, .* measures 3×3 = 9/);
  assert.throws(() => sensingObjective(op, new Float64Array(5), symmetricFactor(3)), /y has 5 entries, .* m = 4/);
  assert.throws(() => sensingObjective(op, Float64Array.from([0, NaN, 0, 0]), symmetricFactor(3)), /y\[1\] is NaN/);
  const obj = sensingObjective(op, new Float64Array(4), symmetricFactor(3));
  assert.throws(() => obj.batchGradient(new Float64Array(9), Int32Array.from([0]), 0, new Float64Array(9)), /count must be/);
});

test("gradient and batchGradient do not allocate", () => {
  const rng = new Rng(46);
  for (const [op, p] of cases(rng)) {
    const obj = sensingObjective(op, rng.fillNormal(new Float64Array(op.m)), p);
    const th = rng.fillNormal(new Float64Array(p.dim)), g = new Float64Array(p.dim);
    const idx = Int32Array.from([0, op.m - 1]);
    const bytes = allocatedBytes(10000, (k) => { for (let t = 0; t < k; t++) { obj.gradient(th, g); obj.batchGradient(th, idx, 2, g); } });
    assert.ok(bytes < 256 * 1024, `${obj.name}: ~${bytes} bytes over 10000 calls`);
  }
});
