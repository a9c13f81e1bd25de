import { test } from "node:test";
import assert from "node:assert/strict";
import { FftPlan, fft, ifft, rfftMagnitudes } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";

/** X_k = Σ_j x_j e^{−2πi jk/n}, O(n²), angles reduced mod n exactly. */
function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const Xr = new Float64Array(n), Xi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let sr = 0, si = 0;
    for (let j = 0; j < n; j++) {
      const th = (-2 * Math.PI * ((j * k) % n)) / n;
      const c = Math.cos(th), s = Math.sin(th);
      sr += re[j] * c - im[j] * s;
      si += re[j] * s + im[j] * c;
    }
    Xr[k] = sr;
    Xi[k] = si;
  }
  return [Xr, Xi];
}

function maxErr(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const lengths = [1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 17, 31, 64, 100, 127, 128, 243, 256, 1000];

test("fft matches the naive DFT for powers of two and other lengths (Bluestein)", () => {
  const rng = new Rng(101);
  for (const n of lengths) {
    const re = rng.fillNormal(new Float64Array(n)), im = rng.fillNormal(new Float64Array(n));
    const [Xr, Xi] = naiveDft(re, im);
    fft(re, im);
    // unit-variance input: |X_k| ~ √(2n); the naive sum itself errs by O(n·eps), hence a tolerance ∝ n
    const tol = 4e-15 * n;
    assert.ok(maxErr(re, Xr) <= tol && maxErr(im, Xi) <= tol, `n=${n}: ${maxErr(re, Xr)}`);
  }
});

test("ifft inverts fft, and Parseval holds", () => {
  const rng = new Rng(102);
  for (const n of lengths) {
    const re = rng.fillNormal(new Float64Array(n)), im = rng.fillNormal(new Float64Array(n));
    const r0 = re.slice(), i0 = im.slice();
    fft(re, im);
    let e0 = 0, e1 = 0;
    for (let i = 0; i < n; i++) {
      e0 += r0[i] ** 2 + i0[i] ** 2;
      e1 += re[i] ** 2 + im[i] ** 2;
    }
    assert.ok(Math.abs(e1 / n - e0) <= 1e-12 * e0, `Parseval n=${n}`);
    ifft(re, im);
    assert.ok(maxErr(re, r0) <= 1e-13 && maxErr(im, i0) <= 1e-13, `round trip n=${n}`);
  }
});

test("a plan is reusable and agrees with fft; transforms of known signals", () => {
  const rng = new Rng(103);
  for (const n of [12, 32]) {
    const plan = new FftPlan(n);
    for (let t = 0; t < 3; t++) {
      const re = rng.fillNormal(new Float64Array(n)), im = rng.fillNormal(new Float64Array(n));
      const r2 = re.slice(), i2 = im.slice();
      plan.forward(re, im);
      fft(r2, i2);
      assert.deepEqual(re, r2);
      assert.deepEqual(im, i2);
    }
    // a unit impulse at 0 transforms to all ones; a constant to n·δ₀
    const re = new Float64Array(n), im = new Float64Array(n);
    re[0] = 1;
    plan.forward(re, im);
    assert.ok(maxErr(re, new Float64Array(n).fill(1)) <= 1e-14 && maxErr(im, new Float64Array(n)) <= 1e-14);
    assert.throws(() => plan.forward(new Float64Array(n + 1), new Float64Array(n + 1)), RangeError);
  }
  const e = new Float64Array(0);
  fft(e, e.slice()); // n = 0 is a no-op
  assert.throws(() => new FftPlan(-1), RangeError);
});

test("rfftMagnitudes finds the frequency of a real cosine", () => {
  for (const n of [64, 90]) {
    const f = 7, x = new Float64Array(n);
    for (let j = 0; j < n; j++) x[j] = 3 * Math.cos((2 * Math.PI * f * j) / n + 0.4) + 1;
    const mag = rfftMagnitudes(x);
    assert.equal(mag.length, Math.floor(n / 2) + 1);
    assert.ok(Math.abs(mag[0] - n) <= 1e-12 * n);
    assert.ok(Math.abs(mag[f] - (3 * n) / 2) <= 1e-12 * n);
    for (let k = 1; k < mag.length; k++) if (k !== f) assert.ok(mag[k] <= 1e-11 * n, `n=${n} leak at ${k}`);
  }
  assert.equal(rfftMagnitudes(new Float64Array(0)).length, 0);
});
