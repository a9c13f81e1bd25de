import { test } from "node:test";
import assert from "node:assert/strict";
import {
  dot, axpy, scale, sub, add, norm1, norm2, normInf, normP, dualExponent, dualNormP, dist2, relDist, allFinite, zeros, fromArray,
} from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";

const close = (a: number, b: number, rtol: number) => assert.ok(Math.abs(a - b) <= rtol * Math.max(Math.abs(b), 1e-300), `${a} vs ${b}`);

test("level-1 kernels match their definitions", () => {
  const rng = new Rng(1);
  const x = rng.fillNormal(new Float64Array(17)), y = rng.fillNormal(new Float64Array(17));
  let d = 0;
  for (let i = 0; i < 17; i++) d += x[i] * y[i];
  close(dot(x, y), d, 1e-15);
  const z = y.slice();
  assert.equal(axpy(2.5, x, z), z);
  for (let i = 0; i < 17; i++) assert.equal(z[i], y[i] + 2.5 * x[i]);
  const w = x.slice();
  scale(-3, w);
  for (let i = 0; i < 17; i++) assert.equal(w[i], -3 * x[i]);
  const o = new Float64Array(17);
  sub(x, y, o);
  for (let i = 0; i < 17; i++) assert.equal(o[i], x[i] - y[i]);
  add(x, y, o);
  for (let i = 0; i < 17; i++) assert.equal(o[i], x[i] + y[i]);
  assert.deepEqual(zeros(3), new Float64Array(3));
  assert.deepEqual(fromArray([1, 2]), Float64Array.of(1, 2));
});

test("norms match naive formulas on random vectors", () => {
  const rng = new Rng(2);
  for (let n = 0; n < 30; n += 7) {
    const x = rng.fillNormal(new Float64Array(n), 3);
    let s1 = 0, s2 = 0, si = 0, s3 = 0;
    for (const v of x) {
      s1 += Math.abs(v);
      s2 += v * v;
      si = Math.max(si, Math.abs(v));
      s3 += Math.abs(v) ** 3;
    }
    close(norm1(x), s1, 1e-14);
    close(norm2(x), Math.sqrt(s2), 1e-14);
    assert.equal(normInf(x), si);
    close(normP(x, 3), Math.cbrt(s3), 1e-13);
    assert.equal(normP(x, 1), norm1(x));
    assert.equal(normP(x, 2), norm2(x));
    assert.equal(normP(x, Infinity), normInf(x));
  }
  // ‖x‖_p decreases in p and tends to ‖x‖_∞
  const x = rng.fillNormal(new Float64Array(10));
  let prev = Infinity;
  for (const p of [1, 1.5, 2, 3, 7, 20, 200]) {
    const v = normP(x, p);
    assert.ok(v <= prev * (1 + 1e-15));
    prev = v;
  }
  close(normP(x, 1000), normInf(x), 1e-2);
  assert.throws(() => normP(x, 0.5), RangeError);
  assert.throws(() => normP(x, NaN), RangeError);
});

test("norm2, normP and dist2 neither overflow nor underflow", () => {
  const big = new Float64Array(9).fill(1e200);
  close(norm2(big), 3e200, 1e-15);
  close(normP(big, 3), 1e200 * Math.cbrt(9), 1e-14);
  const tiny = new Float64Array(4).fill(1e-200);
  close(norm2(tiny), 2e-200, 1e-15);
  close(dist2(big, new Float64Array(9).fill(-1e200)), 6e200, 1e-15);
  close(dist2(tiny, new Float64Array(4)), 2e-200, 1e-15);
  // a naive implementation would return Infinity / 0 here
  assert.equal(Math.sqrt(dot(big, big)), Infinity);
  assert.equal(Math.sqrt(dot(tiny, tiny)), 0);
  assert.equal(norm2(new Float64Array(5)), 0);
  assert.equal(normP(new Float64Array(5), 4), 0);
});

test("dual norms satisfy Hölder's inequality with equality at the dual vector", () => {
  assert.equal(dualExponent(1), Infinity);
  assert.equal(dualExponent(Infinity), 1);
  assert.equal(dualExponent(2), 2);
  close(dualExponent(3), 1.5, 1e-15);
  const rng = new Rng(3);
  for (const p of [1, 1.5, 2, 3, Infinity]) {
    const q = dualExponent(p);
    for (let t = 0; t < 20; t++) {
      const x = rng.fillNormal(new Float64Array(8)), y = rng.fillNormal(new Float64Array(8));
      assert.equal(dualNormP(y, p), normP(y, q));
      assert.ok(Math.abs(dot(x, y)) <= normP(x, p) * dualNormP(y, p) * (1 + 1e-14));
    }
    // ‖y‖_q = max over ‖x‖_p = 1 of xᵀy, attained at x_i ∝ sign(y_i)|y_i|^{q−1}
    const y = rng.fillNormal(new Float64Array(8));
    const x = new Float64Array(8);
    if (q === Infinity) {
      let k = 0;
      for (let i = 1; i < 8; i++) if (Math.abs(y[i]) > Math.abs(y[k])) k = i;
      x[k] = Math.sign(y[k]);
    } else {
      for (let i = 0; i < 8; i++) x[i] = Math.sign(y[i]) * Math.abs(y[i]) ** (q - 1);
    }
    scale(1 / normP(x, p), x);
    close(dot(x, y), dualNormP(y, p), 1e-13);
  }
});

test("dist2, relDist and allFinite", () => {
  const rng = new Rng(4);
  const a = rng.fillNormal(new Float64Array(12)), b = rng.fillNormal(new Float64Array(12));
  close(dist2(a, b), norm2(sub(a, b, new Float64Array(12))), 1e-15);
  close(relDist(a, b), dist2(a, b) / norm2(b), 1e-15);
  assert.equal(relDist(a, new Float64Array(12)), norm2(a));
  assert.equal(dist2(a, a), 0);
  assert.ok(allFinite(a));
  a[3] = NaN;
  assert.ok(!allFinite(a));
  a[3] = -Infinity;
  assert.ok(!allFinite(a));
});
