import { test } from "node:test";
import assert from "node:assert/strict";
import { separableData, separable2d, separableMulticlass, checkBinaryLabels, checkMulticlassLabels } from "../../src/data/index.ts";
import { Matrix, dot, norm2 } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";

function marginsOf(X: Matrix, y: Float64Array, w: Float64Array): number[] {
  return Array.from({ length: X.rows }, (_, i) => y[i] * dot(X.row(i), w));
}

test("separableData: unit w*, labels ±1 = sign⟨x, w*⟩, every margin ≥ gap, deterministic per seed", () => {
  const a = separableData(new Rng(3), { n: 400, d: 7, gap: 0.3 });
  const b = separableData(new Rng(3), { n: 400, d: 7, gap: 0.3 });
  assert.deepEqual(a.X.data, b.X.data);
  assert.deepEqual(a.y, b.y);
  assert.ok(Math.abs(norm2(a.wStar) - 1) < 1e-15);
  const m = marginsOf(a.X, a.y, a.wStar);
  assert.ok(Math.min(...m) >= 0.3);
  assert.ok(a.y.every((v) => v === 1 || v === -1));
  assert.ok(a.y.some((v) => v === 1) && a.y.some((v) => v === -1));
  assert.equal(a.supportIndices.length, 0);
  const c = separableData(new Rng(4), { n: 400, d: 7, gap: 0.3 });
  assert.notDeepEqual(c.X.data, a.X.data);
});

test("planted support vectors sit exactly at margin gap, the others beyond gap + clearance, and w* / gap satisfies the SVM's KKT conditions", () => {
  for (const [d, k] of [[5, 1], [5, 3], [2, 2], [30, 12]]) {
    const data = separableData(new Rng(10 + k), { n: 200, d, gap: 0.2, supportVectors: k, clearance: 0.05 });
    const m = marginsOf(data.X, data.y, data.wStar);
    const sv = new Set(data.supportIndices);
    assert.equal(sv.size, k);
    for (let i = 0; i < m.length; i++) {
      if (sv.has(i)) assert.ok(Math.abs(m[i] - 0.2) < 1e-14, `support vector ${i} margin ${m[i]}`);
      else assert.ok(m[i] >= 0.25, `point ${i} margin ${m[i]}`);
    }
    // stationarity w = Σ αᵢ yᵢxᵢ with αᵢ = 1/(k·gap²) over the support vectors reproduces w*/gap
    const w = new Float64Array(d);
    for (const i of data.supportIndices) for (let j = 0; j < d; j++) w[j] += data.y[i] * data.X.get(i, j) / (k * 0.04);
    for (let j = 0; j < d; j++) assert.ok(Math.abs(w[j] - data.wStar[j] / 0.2) < 1e-12);
  }
});

test("separable2d: 100 points in the plane, two support vectors by default", () => {
  const data = separable2d(new Rng(1));
  assert.equal(data.X.rows, 100);
  assert.equal(data.X.cols, 2);
  assert.equal(data.supportIndices.length, 2);
  assert.equal(data.gap, 0.1);
});

test("bad options and bad labels are refused with one clear message", () => {
  const rng = new Rng(0);
  assert.throws(() => separableData(rng, { n: 0, d: 2 }), /n must be an integer ≥ 1/);
  assert.throws(() => separableData(rng, { n: 5, d: 2, gap: 0 }), /gap must be a positive number/);
  assert.throws(() => separableData(rng, { n: 5, d: 2, supportVectors: 6 }), /supportVectors \(6\) must be ≤ n \(5\)/);
  assert.throws(() => separableData(rng, { n: 5, d: 1, supportVectors: 2 }), /d = 1/);
  const X = Matrix.fromRows([[1, 2], [3, 4], [5, 6]]);
  checkBinaryLabels("t", X, Float64Array.from([1, -1, 1]));
  assert.throws(() => checkBinaryLabels("t", X, Float64Array.from([1, 0, 1])), /t: label 1 is 0; labels must be −1 or \+1/);
  assert.throws(() => checkBinaryLabels("t", X, Float64Array.from([1, 2, 1])), /label 1 is 2/);
  assert.throws(() => checkBinaryLabels("t", X, Float64Array.from([1, NaN, 1])), /label 1 is NaN/);
  assert.throws(() => checkBinaryLabels("t", X, Float64Array.from([1, 1])), /2 labels, X has 3 rows/);
  checkMulticlassLabels("m", { X, labels: Int32Array.from([0, 2, 1]), classes: 3 });
  assert.throws(() => checkMulticlassLabels("m", { X, labels: Int32Array.from([0, 3, 1]), classes: 3 }), /label 1 is 3; labels must be integers in 0…2/);
});

test("separableMulticlass: labels are argmax_r (W*x)_r with a multiclass margin ≥ gap, ‖W*‖_F = 1", () => {
  const data = separableMulticlass(new Rng(7), { n: 120, d: 4, classes: 3, gap: 0.25 });
  assert.ok(Math.abs(norm2(data.wStar) - 1) < 1e-15);
  const counts = [0, 0, 0];
  for (let i = 0; i < 120; i++) {
    const s = [0, 1, 2].map((r) => dot(data.wStar.subarray(4 * r, 4 * r + 4), data.X.row(i)));
    const c = data.labels[i];
    counts[c]++;
    for (let r = 0; r < 3; r++) if (r !== c) assert.ok(s[c] - s[r] >= 0.25);
  }
  assert.ok(counts.every((v) => v > 0));
  assert.throws(() => separableMulticlass(new Rng(0), { n: 5, d: 2, classes: 1 }), /classes must be an integer ≥ 2/);
});
