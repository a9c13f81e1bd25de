import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, expmSym, gemv, relDist } from "../../../src/linalg/index.ts";
import { Rng } from "../../../src/random/index.ts";
import { DormandPrince54, type VectorField } from "../../../src/optimizers/flow/index.ts";
import { allocatedBytes } from "../../helpers/heap.ts";

// a non-autonomous nonlinear system (checks every order condition up to 5, not only the linear ones)
const nonlinear: VectorField = (t, y, d) => {
  d[0] = -y[0] * y[0] + Math.sin(3 * t) + 0.5 * y[1];
  d[1] = -y[1] * y[0] + t;
  return 0;
};
const y0 = Float64Array.from([0.7, -0.3]);

/** y(T) to ~1e-15 by the integrator at its tightest tolerance (an independent check is the linear test below) */
function reference(T: number): Float64Array {
  const s = new DormandPrince54(nonlinear, 0, y0, { rtol: 1e-14, atol: 1e-16 });
  while (s.t < T) assert.equal(s.step(T), "accepted");
  return s.y.slice();
}

/** log₂ of the error ratio between successive halvings of h */
function orders(errs: number[]): number[] {
  return errs.slice(1).map((e, i) => Math.log2(errs[i] / e));
}

test("one step: the 5th-order solution's local error is O(h⁶), the embedded error estimate O(h⁵)", () => {
  const hs = [0.1, 0.05, 0.025, 0.0125];
  const local: number[] = [], est: number[] = [];
  for (const h of hs) {
    const s = new DormandPrince54(nonlinear, 0, y0, { h0: h, rtol: 0, atol: 1 });
    est.push(s.trial(h)); // with rtol 0 and atol 1 this is the RMS of the estimate itself
    const r = reference(h);
    local.push(Math.hypot(s.yNew[0] - r[0], s.yNew[1] - r[1]));
  }
  for (const p of orders(local)) assert.ok(p > 5.6 && p < 7.2, `local error order ${p} (want 6), errors ${local}`);
  for (const p of orders(est)) assert.ok(p > 4.8 && p < 6, `estimate order ${p} (want 5), estimates ${est}`);
  // on y' = −y against e^{−h}: order 6 exactly in the limit
  const lin: number[] = [];
  for (const h of [0.1, 0.05, 0.025]) {
    const s = new DormandPrince54((_t, y, d) => { d[0] = -y[0]; return 0; }, 0, Float64Array.from([1]), { h0: h, rtol: 0, atol: 1 });
    s.trial(h);
    lin.push(Math.abs(s.yNew[0] - Math.exp(-h)));
  }
  for (const p of orders(lin)) assert.ok(Math.abs(p - 6) < 0.2, `linear local order ${p}`);
});

test("dense output inside a step has local error O(h⁵) (the 4th-order continuous extension)", () => {
  const errs: number[] = [];
  for (const h of [0.2, 0.1, 0.05, 0.025]) {
    const s = new DormandPrince54(nonlinear, 0, y0, { h0: h, rtol: 0.5, atol: 1 });
    assert.equal(s.step(), "accepted");
    assert.equal(s.hLast, h);
    const out = s.interpolate(0.37 * h, new Float64Array(2));
    const r = reference(0.37 * h);
    errs.push(Math.hypot(out[0] - r[0], out[1] - r[1]));
    // the ends are reproduced exactly
    assert.deepEqual(s.interpolate(s.t, new Float64Array(2)), s.y);
    assert.ok(relDist(s.interpolate(0, new Float64Array(2)), y0) < 1e-15);
  }
  for (const p of orders(errs)) assert.ok(p > 4.6 && p < 5.6, `dense output order ${p} (want 5), errors ${errs}`);
});

test("linear ODE dθ/dt = −Aθ matches e^{−tA}θ₀ at dense-output times and at the end", () => {
  const rng = new Rng(51);
  const n = 6;
  const G = new Matrix(n, n, rng.fillNormal(new Float64Array(n * n)));
  const A = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += G.get(i, k) * G.get(j, k);
    A.set(i, j, s / n + (i === j ? 0.05 : 0)); // SPD, eigenvalues spread over ~two decades
  }
  const th0 = rng.fillNormal(new Float64Array(n));
  const f: VectorField = (_t, y, d) => { gemv(A, y, d); for (let i = 0; i < n; i++) d[i] = -d[i]; return 0; };
  const exact = (t: number): Float64Array => {
    const mA = new Matrix(n, n, A.data.map((v) => -t * v));
    return gemv(expmSym(mA), th0, new Float64Array(n));
  };
  const s = new DormandPrince54(f, 0, th0, { rtol: 1e-9, atol: 1e-12 });
  const T = 20, probes = [0.3, 1.7, 4.4, 9, 15.5];
  let next = 0, worst = 0;
  while (s.t < T) {
    assert.equal(s.step(T), "accepted");
    while (next < probes.length && probes[next] <= s.t) {
      const e = exact(probes[next]);
      worst = Math.max(worst, relDist(s.interpolate(probes[next], new Float64Array(n)), e));
      next++;
    }
  }
  assert.equal(s.t, T); // the last step lands on the horizon
  assert.equal(next, probes.length);
  const endErr = relDist(s.y, exact(T));
  assert.ok(endErr < 1e-7, `error at T: ${endErr}`);
  assert.ok(worst < 1e-7, `worst dense-output error ${worst}`);
  assert.ok(s.evaluations === 2 + 6 * (s.accepted + s.rejected), "FSAL: six evaluations per attempted step, plus the start and the initial-step probe");
});

test("scalar logistic y' = y(1 − y) against its closed form", () => {
  const s = new DormandPrince54((_t, y, d) => { d[0] = y[0] * (1 - y[0]); return y[0]; }, 0, Float64Array.from([1e-3]), { rtol: 1e-8, atol: 1e-14 });
  const exact = (t: number): number => 1 / (1 + (1 / 1e-3 - 1) * Math.exp(-t));
  let worst = 0;
  while (s.t < 20) {
    s.step(20);
    worst = Math.max(worst, Math.abs(s.y[0] - exact(s.t)) / exact(s.t));
    assert.equal(s.aux, s.y[0]); // the auxiliary value is f's return at the accepted point
  }
  assert.ok(worst < 1e-6, `worst relative error ${worst}`);
});

test("tighter rtol gives a smaller global error, at the expected rate (error ∝ rtol^p with p ≈ 0.8–1)", () => {
  const T = 3, r = reference(T);
  const tols = [1e-4, 1e-6, 1e-8, 1e-10];
  const errs = tols.map((rtol) => {
    const s = new DormandPrince54(nonlinear, 0, y0, { rtol, atol: rtol * 1e-3 });
    while (s.t < T) s.step(T);
    return Math.hypot(s.y[0] - r[0], s.y[1] - r[1]);
  });
  for (let i = 1; i < errs.length; i++) {
    const p = Math.log10(errs[i - 1] / errs[i]) / 2; // per decade of rtol
    assert.ok(p > 0.6 && p < 1.3, `rtol ${tols[i - 1]} → ${tols[i]}: errors ${errs[i - 1]} → ${errs[i]}, rate ${p}`);
  }
  assert.ok(errs[errs.length - 1] < 1e-9);
});

test("on a plateau the step grows to huge values: θ' = −θ³ to t = 1e8 in a few hundred steps", () => {
  const s = new DormandPrince54((_t, y, d) => { d[0] = -(y[0] ** 3); return 0; }, 0, Float64Array.from([1]), { rtol: 1e-8, atol: 1e-14 });
  const T = 1e8;
  let hMin = Infinity, hMax = 0;
  while (s.t < T) {
    s.step(T);
    hMin = Math.min(hMin, s.hLast);
    hMax = Math.max(hMax, s.hLast);
  }
  const exact = 1 / Math.sqrt(1 + 2 * T);
  assert.ok(Math.abs(s.y[0] - exact) / exact < 1e-6, `θ(T) = ${s.y[0]} vs ${exact}`);
  assert.ok(s.accepted < 600, `${s.accepted} steps`);
  assert.ok(hMax > 1e6 && hMin < 1, `steps from ${hMin} to ${hMax}`);
});

test("the step shrinks in a fast phase and grows again after it", () => {
  // y' = −ε(y − tanh((t − 100)/w)): slow relaxation (stable steps up to ~3/ε) except a jump of width w at t = 100
  const eps = 1e-3, w = 0.01;
  const s = new DormandPrince54((t, y, d) => { d[0] = -eps * (y[0] - Math.tanh((t - 100) / w)); return 0; }, 0, Float64Array.from([-1]), { rtol: 1e-8, atol: 1e-12 });
  let hNear = Infinity, hBefore = 0, hAfter = 0;
  while (s.t < 2000) {
    s.step(2000);
    const mid = s.t - s.hLast / 2;
    if (Math.abs(mid - 100) < 0.05) hNear = Math.min(hNear, s.hLast);
    else if (s.t < 99) hBefore = Math.max(hBefore, s.hLast);
    else if (s.tPrev > 101) hAfter = Math.max(hAfter, s.hLast);
  }
  assert.ok(hNear < 3 * w, `smallest step across the jump ${hNear}`);
  assert.ok(hBefore > 1000 * hNear && hAfter > 1000 * hNear, `largest steps before ${hBefore}, after ${hAfter}, across ${hNear}`);
});

test("a solution that blows up stops with a reason instead of a wrong number", () => {
  const s = new DormandPrince54((_t, y, d) => { d[0] = y[0] * y[0]; return 0; }, 0, Float64Array.from([1]), { rtol: 1e-8, atol: 1e-12 });
  let out = "accepted";
  while (out === "accepted" && s.t < 2) out = s.step(2);
  assert.ok(out === "step-size-underflow" || out === "non-finite", out);
  assert.ok(Math.abs(s.t - 1) < 1e-6, `stopped at t = ${s.t} (blow-up at t = 1)`);
  assert.ok(Number.isFinite(s.y[0]) && s.y[0] > 1e6, `y = ${s.y[0]}`);
});

test("bad options, horizons and interpolation times are RangeErrors", () => {
  const f: VectorField = (_t, y, d) => { d[0] = -y[0]; return 0; };
  const y = Float64Array.from([1]);
  assert.throws(() => new DormandPrince54(f, 0, y, { rtol: 0, atol: 0 }), /not both 0/);
  assert.throws(() => new DormandPrince54(f, 0, y, { rtol: -1 }), /rtol/);
  assert.throws(() => new DormandPrince54(f, 0, y, { rtol: 1e-16 }), /below double precision/);
  assert.throws(() => new DormandPrince54(f, 0, y, { atol: Infinity }), /atol/);
  assert.throws(() => new DormandPrince54(f, 0, y, { h0: 0 }), /h0/);
  assert.throws(() => new DormandPrince54(f, 0, y, { hMax: 0 }), /hMax/);
  assert.throws(() => new DormandPrince54(f, 0, Float64Array.from([NaN])), /y0\[0\] is NaN/);
  const s = new DormandPrince54(f, 0, y);
  assert.throws(() => s.interpolate(0, new Float64Array(1)), /no step/);
  s.step();
  assert.throws(() => s.interpolate(s.t * 2 + 1, new Float64Array(1)), /outside the last step/);
  assert.throws(() => s.step(s.t), /not after/);
  // hMax caps every step
  const c = new DormandPrince54(f, 0, y, { hMax: 0.01 });
  for (let k = 0; k < 20; k++) { c.step(); assert.ok(c.hLast <= 0.01); }
});

test("steps allocate no vectors (only the boxed doubles f returns, ~16 bytes per call)", () => {
  const n = 200; // a vector would be ≥ 1600 bytes
  for (const autonomous of [false, true]) {
    const s = new DormandPrince54((_t, y, d) => { for (let i = 0; i < n; i++) d[i] = -((i % 7) + 1) * y[i] * 1e-6; return 0.5 * y[0]; }, 0,
      new Rng(52).fillNormal(new Float64Array(n)), { rtol: 1e-6, atol: 1e-12, hMax: 1, autonomous });
    const out = new Float64Array(n);
    const steps = 4000;
    const bytes = allocatedBytes(steps, (k) => {
      for (let i = 0; i < k; i++) { s.step(); s.interpolate(s.tPrev, out); }
    });
    assert.ok(bytes / steps < 400, `autonomous ${autonomous}: ~${bytes / steps} bytes per step`);
  }
});
