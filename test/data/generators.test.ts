import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../src/random/index.ts";
import { Matrix, gemv, gemvT, norm2 } from "../../src/linalg/index.ts";
import {
  gaussianMatrix,
  gaussianRegression,
  sparseRegression,
  wilsonAdaptive,
  powerLawRegression,
} from "../../src/data/generators.ts";

function residual(X: Matrix, w: Float64Array, y: Float64Array): number {
  const r = gemv(X, w, new Float64Array(X.rows));
  let s = 0;
  for (let i = 0; i < r.length; i++) s = Math.max(s, Math.abs(r[i] - y[i]));
  return s;
}

test("gaussianMatrix: shape, determinism by seed, moments of N(0, σ²)", () => {
  const a = gaussianMatrix(new Rng(3), 200, 100, 2);
  const b = gaussianMatrix(new Rng(3), 200, 100, 2);
  const c = gaussianMatrix(new Rng(4), 200, 100, 2);
  assert.equal(a.rows, 200);
  assert.equal(a.cols, 100);
  assert.deepEqual(a.data, b.data);
  assert.notDeepEqual(a.data, c.data);
  let m = 0, v = 0;
  for (const x of a.data) m += x;
  m /= a.data.length;
  for (const x of a.data) v += (x - m) ** 2;
  v /= a.data.length;
  assert.ok(Math.abs(m) < 0.05, `mean ${m}`);
  assert.ok(Math.abs(v - 4) < 0.15, `variance ${v}`);
});

test("gaussianRegression: shapes, y = X w* exactly without noise, noise of the stated size, determinism", () => {
  const g = gaussianRegression(new Rng(1), { n: 50, d: 200 });
  assert.equal(g.X.rows, 50);
  assert.equal(g.X.cols, 200);
  assert.equal(g.Y.rows, 50);
  assert.equal(g.Y.cols, 1);
  assert.equal(g.y, g.Y.data);
  assert.equal(g.wStar.length, 200);
  assert.ok(residual(g.X, g.wStar, g.y) < 1e-12);
  assert.ok(Math.abs(norm2(g.wStar) - 1) < 0.2, `‖w*‖ = ${norm2(g.wStar)}`);
  const g2 = gaussianRegression(new Rng(1), { n: 50, d: 200 });
  assert.deepEqual(g.X.data, g2.X.data);
  assert.deepEqual(g.y, g2.y);

  const w = new Float64Array(30).fill(0.5);
  const noisy = gaussianRegression(new Rng(2), { n: 2000, d: 30, noise: 0.1, wStar: w });
  assert.deepEqual(noisy.wStar, w);
  assert.notEqual(noisy.wStar, w, "the planted vector is copied");
  const r = gemv(noisy.X, w, new Float64Array(2000));
  let ss = 0;
  for (let i = 0; i < r.length; i++) ss += (noisy.y[i] - r[i]) ** 2;
  const sd = Math.sqrt(ss / r.length);
  assert.ok(Math.abs(sd - 0.1) < 0.01, `noise sd ${sd}`);
  assert.throws(() => gaussianRegression(new Rng(0), { n: 0, d: 3 }), /n must be/);
  assert.throws(() => gaussianRegression(new Rng(0), { n: 3, d: 3, wStar: new Float64Array(2) }), /wStar/);
});

test("sparseRegression: exactly k nonzeros on the reported support, positive when asked", () => {
  for (const positive of [false, true]) {
    const s = sparseRegression(new Rng(7), { n: 40, d: 100, k: 5, positive });
    assert.equal(s.support.length, 5);
    let nnz = 0;
    for (let j = 0; j < 100; j++) if (s.wStar[j] !== 0) nnz++;
    assert.equal(nnz, 5);
    for (const j of s.support) {
      assert.ok(Math.abs(s.wStar[j]) >= 1);
      if (positive) assert.ok(s.wStar[j] > 0);
    }
    for (let a = 1; a < 5; a++) assert.ok(s.support[a] > s.support[a - 1], "support sorted and distinct");
    assert.ok(residual(s.X, s.wStar, s.y) < 1e-12);
  }
  const neg = sparseRegression(new Rng(8), { n: 10, d: 400, k: 400 });
  assert.ok(neg.wStar.some((v) => v < 0), "signed by default");
  assert.throws(() => sparseRegression(new Rng(0), { n: 3, d: 3, k: 4 }), /k must be/);
});

test("wilsonAdaptive: the §3.3 features, and X sign(Xᵀy) = 4y (the property adaptive methods exploit)", () => {
  const n = 60;
  const w = wilsonAdaptive(new Rng(11), { n, nTest: 500, p: 0.7 });
  assert.equal(w.d, 6 * n);
  assert.equal(w.train.X.rows, n);
  assert.equal(w.train.X.cols, 6 * n);
  assert.equal(w.test.X.cols, 6 * n);
  assert.equal(w.test.X.rows, 500);
  for (const set of [w.train, w.test]) {
    for (let i = 0; i < set.X.rows; i++) {
      const row = set.X.row(i);
      const y = set.y[i];
      assert.ok(y === 1 || y === -1);
      assert.equal(row[0], y);
      assert.equal(row[1], 1);
      assert.equal(row[2], 1);
      let ones = 0;
      for (let j = 3; j < row.length; j++) if (row[j] === 1) ones++;
      assert.equal(ones, y > 0 ? 1 : 5);
    }
  }
  // each training example owns its indicator columns
  for (let i = 0; i < n; i++) for (let j = 3; j < 6 * n; j++) {
    if (w.train.X.get(i, j) !== 0) assert.ok(j >= 3 + 5 * i && j < 8 + 5 * i);
  }
  // test indicators never hit a training column
  for (let i = 0; i < 500; i++) for (let j = 3; j < 3 + 5 * n; j++) assert.equal(w.test.X.get(i, j), 0);
  const xty = gemvT(w.train.X, w.train.y, new Float64Array(w.d));
  const s = xty.map(Math.sign);
  const xs = gemv(w.train.X, s, new Float64Array(n));
  for (let i = 0; i < n; i++) assert.equal(xs[i], 4 * w.train.y[i]);
  // fraction of positives near p
  let pos = 0;
  for (const y of w.test.y) if (y > 0) pos++;
  assert.ok(Math.abs(pos / 500 - 0.7) < 0.07, `positives ${pos / 500}`);
  const again = wilsonAdaptive(new Rng(11), { n, nTest: 500, p: 0.7 });
  assert.deepEqual(again.train.X.data, w.train.X.data);
  assert.deepEqual(again.test.y, w.test.y);
  assert.throws(() => wilsonAdaptive(new Rng(0), { n: 5, nTest: 5, p: 0.5 }), /p must be/);
  assert.equal(wilsonAdaptive(new Rng(0), { n: 1, nTest: 1, p: 0.7 }).d, 8, "room for one example's five indicators");
  assert.throws(() => wilsonAdaptive(new Rng(0), { n: 5, nTest: 5, p: 0.7, d: 20 }), /d must be/);
});

test("powerLawRegression: covariance j^(−a), unit ‖w*‖, empirical variances and noise level", () => {
  const r = powerLawRegression(new Rng(5), { n: 4000, nTest: 100, d: 20, eigenDecay: 1, signalDecay: 1, noise: 0.3 });
  assert.equal(r.train.X.rows, 4000);
  assert.equal(r.test.X.rows, 100);
  assert.equal(r.train.X.cols, 20);
  assert.equal(r.train.wStar, r.test.wStar);
  assert.ok(Math.abs(norm2(r.train.wStar) - 1) < 1e-12);
  for (let j = 0; j < 20; j++) {
    assert.equal(r.covariance[j], 1 / (j + 1));
    let v = 0;
    for (let i = 0; i < 4000; i++) v += r.train.X.get(i, j) ** 2;
    v /= 4000;
    assert.ok(Math.abs(v / r.covariance[j] - 1) < 0.1, `column ${j} variance ${v}`);
  }
  const pred = gemv(r.train.X, r.train.wStar, new Float64Array(4000));
  let ss = 0;
  for (let i = 0; i < 4000; i++) ss += (r.train.y[i] - pred[i]) ** 2;
  assert.ok(Math.abs(Math.sqrt(ss / 4000) - 0.3) < 0.02);
  const again = powerLawRegression(new Rng(5), { n: 4000, nTest: 100, d: 20, eigenDecay: 1, signalDecay: 1, noise: 0.3 });
  assert.deepEqual(again.test.y, r.test.y);
});
