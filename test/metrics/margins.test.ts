import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, normP, lstsqMinNorm, norm2 } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { separableData } from "../../src/data/index.ts";
import { hardMarginSvm } from "../../src/references/index.ts";
import {
  classificationMargins, normalizedMargin, smoothMargin, softMinMargin, marginGap, logGrowthResidual, svmKktResidual, nnls, angleBetween,
} from "../../src/metrics/index.ts";

const X = Matrix.fromRows([[2, 1], [-1, 3], [0.5, -2], [1, 1]]);
const y = Float64Array.from([1, 1, -1, 1]);

test("normalized margin: minᵢ yᵢ⟨w, xᵢ⟩ / ‖w‖_p in any norm, invariant to the scale of w", () => {
  const w = Float64Array.from([0.3, 0.8]);
  const u = classificationMargins(X, y, w);
  [1.4, 2.1, 1.45, 1.1].forEach((v, i) => assert.ok(Math.abs(u[i] - v) < 1e-15));
  for (const p of [1, 2, 3, Infinity]) {
    const expected = 1.1 / normP(w, p);
    assert.ok(Math.abs(normalizedMargin(X, y, w, p) - expected) < 1e-14);
    assert.ok(Math.abs(normalizedMargin(X, y, w.map((v) => 1e6 * v), p) - expected) < 1e-12);
  }
  assert.ok(Number.isNaN(normalizedMargin(X, y, new Float64Array(2))));
  assert.throws(() => normalizedMargin(X, y, new Float64Array(3)), /w has 3 entries, X has 2 columns/);
});

test("smooth margin: the direct formula at moderate scale; smooth ≤ margin ≤ smooth + log n/‖w‖ at every scale, finite at margins 1e4 and beyond", () => {
  const w = Float64Array.from([0.3, 0.8]);
  const u = classificationMargins(X, y, w);
  const direct = -Math.log(u.reduce((s, v) => s + Math.exp(-v), 0)) / norm2(w);
  assert.ok(Math.abs(smoothMargin(X, y, w) - direct) < 1e-14);
  for (const scale of [1, 10, 1e3, 1e4, 1e6, 1e12]) {
    const ws = w.map((v) => scale * v);
    const sm = smoothMargin(X, y, ws), m = normalizedMargin(X, y, ws);
    assert.ok(Number.isFinite(sm), `scale ${scale}`);
    assert.ok(sm <= m && m - sm <= Math.log(4) / norm2(ws) + 1e-15, `scale ${scale}: ${sm} ${m}`);
  }
  // at margins ~1e4 the direct formula gives −log 0 = ∞; the log-domain one is exact
  const big = w.map((v) => 1e4 * v);
  assert.equal(-Math.log(classificationMargins(X, y, big).reduce((s, v) => s + Math.exp(-v), 0)), Infinity);
  assert.ok(Math.abs(smoothMargin(X, y, big) - (1.1e4 - Math.log1p(Math.exp(-3000) + Math.exp(-3500) + Math.exp(-10000))) / norm2(big)) < 1e-12);
  assert.equal(softMinMargin(Float64Array.from([-Infinity, 1])), -Infinity);
  assert.ok(Math.abs(softMinMargin(Float64Array.from([-1e4, -1e4])) - (-1e4 - Math.log(2))) < 1e-9);
});

test("margin gap and the log-growth residual", () => {
  const data = separableData(new Rng(41), { n: 50, d: 3, gap: 0.2, supportVectors: 2 });
  const svm = hardMarginSvm(data.X, data.y);
  assert.ok(Math.abs(marginGap(data.X, data.y, svm.solution, svm.margin)) < 1e-12);
  assert.ok(marginGap(data.X, data.y, Float64Array.from([1, 0, 0]), svm.margin) > 0);
  assert.throws(() => marginGap(data.X, data.y, svm.solution, 0), /must be positive/);
  const wHat = Float64Array.from([1, 2]);
  assert.ok(Math.abs(logGrowthResidual(Float64Array.from([Math.log(5) + 3, 2 * Math.log(5) - 4]), wHat, 5) - 5) < 1e-12);
});

test("SVM KKT residual: zero for the SVM direction at any scale, clearly positive for a rotated one, infinite for a non-separating one", () => {
  const data = separableData(new Rng(42), { n: 80, d: 4, gap: 0.15 });
  const svm = hardMarginSvm(data.X, data.y);
  for (const scale of [1, 1e-3, 1e5]) {
    const r = svmKktResidual(data.X, data.y, svm.solution.map((v) => scale * v));
    assert.ok(r.stationarity < 1e-9, `scale ${scale}: ${r.stationarity}`);
    assert.deepEqual(Array.from(r.support), Array.from(svm.supportVectors));
    for (const i of r.support) assert.ok(Math.abs(r.alpha[i] - svm.dual![i]) < 1e-6 * Math.max(...svm.dual!));
  }
  const rotated = svm.solution.slice();
  rotated[1] += 0.01 * norm2(svm.solution);
  const rr = svmKktResidual(data.X, data.y, rotated, 1e-3);
  assert.ok(rr.stationarity > 1e-3, `${rr.stationarity}`);
  assert.ok(angleBetween(rotated, svm.solution) > 1e-3);
  const bad = svmKktResidual(data.X, data.y, svm.solution.map((v) => -v));
  assert.equal(bad.stationarity, Infinity);
  assert.ok(bad.margin < 0);
});

test("nnls matches the best of all supports (brute force) on small problems", () => {
  const rng = new Rng(43);
  for (let trial = 0; trial < 20; trial++) {
    const m = 5, n = 4;
    const A = new Matrix(m, n, rng.fillNormal(new Float64Array(m * n)));
    const b = rng.fillNormal(new Float64Array(m));
    const x = nnls(A, b);
    assert.ok(x.every((v) => v >= 0));
    const resid = (v: Float64Array) => {
      const r = b.slice();
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) r[i] -= A.get(i, j) * v[j];
      return norm2(r);
    };
    let best = resid(new Float64Array(n));
    for (let mask = 1; mask < 1 << n; mask++) {
      const cols = [...Array(n).keys()].filter((j) => mask & (1 << j));
      const Ap = new Matrix(m, cols.length);
      for (let i = 0; i < m; i++) cols.forEach((j, c) => Ap.set(i, c, A.get(i, j)));
      const s = lstsqMinNorm(Ap, b);
      if (s.every((v) => v >= 0)) {
        const full = new Float64Array(n);
        cols.forEach((j, c) => (full[j] = s[c]));
        best = Math.min(best, resid(full));
      }
    }
    assert.ok(resid(x) <= best + 1e-12, `trial ${trial}: ${resid(x)} vs ${best}`);
  }
});
