import { test } from "node:test";
import assert from "node:assert/strict";
import { fitInverseLog, fitInverseLogPower, fitLogGrowth, fitLinearGrowth, fitPowerLaw, spectralFilterGd, spectralFilterRidge } from "../../src/metrics/index.ts";

const ts = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 1e4, 2e4, 5e4, 1e5, 1e6];

test("fitPowerLaw recovers exponent and constant of exact c·t^p to 1e-10 (t = 0 ignored)", () => {
  for (const [c, p] of [[3.7, -0.73], [0.02, -2], [5, -0.5], [1e-3, 1]]) {
    const vs = ts.map((t) => c * Math.pow(t, p));
    const f = fitPowerLaw(ts, vs);
    assert.ok(Math.abs(f.exponent - p) < 1e-10, `p=${p}: ${f.exponent}`);
    assert.ok(Math.abs(f.constant / c - 1) < 1e-10, `c=${c}: ${f.constant}`);
    assert.ok(f.r2 > 1 - 1e-12);
    assert.equal(f.n, ts.length - 1);
  }
  const bad = fitPowerLaw([1, 2], [0, -1]);
  assert.equal(bad.n, 0);
  assert.ok(Number.isNaN(bad.exponent));
  assert.throws(() => fitPowerLaw([1, 2, 3], [1, 2]), /3 times but 2 values/);
});

test("fitPowerLaw on noisy data has r2 < 1 and a nearby exponent", () => {
  const vs = ts.map((t, i) => 2 / t * (1 + 0.1 * Math.sin(7 * i)));
  const f = fitPowerLaw(ts, vs);
  assert.ok(Math.abs(f.exponent + 1) < 0.05);
  assert.ok(f.r2 < 1 - 1e-6 && f.r2 > 0.99);
});

test("fitInverseLogPower recovers c/(log t)^a to 1e-10; fitInverseLog recovers c/log t", () => {
  for (const [c, a] of [[2.5, 1.3], [0.4, 0.5], [7, 1]]) {
    const vs = ts.map((t) => c / Math.pow(Math.log(t), a));
    const f = fitInverseLogPower(ts, vs);
    assert.ok(Math.abs(f.a - a) < 1e-10, `a=${a}: ${f.a}`);
    assert.ok(Math.abs(f.c / c - 1) < 1e-10);
    assert.equal(f.n, ts.filter((t) => t > 1).length);
  }
  const vs = ts.map((t) => 0.8 / Math.log(t));
  const g = fitInverseLog(ts, vs);
  assert.ok(Math.abs(g.c / 0.8 - 1) < 1e-12);
  assert.ok(g.r2 > 1 - 1e-12);
  // the wrong model: data decaying like 1/log² t fits c/log t badly
  const vs2 = ts.map((t) => 0.8 / Math.log(t) ** 2);
  assert.ok(fitInverseLog(ts, vs2).r2 < 0.9);
  // and a power law 1/t is not an inverse-log rate: the fitted a is far from 1
  assert.ok(fitInverseLogPower(ts, ts.map((t) => 1 / t)).a > 3);
});

test("spectral filters: GD exact for small ημ, and ridge with λ = 1/(ηt) matches GD at both ends", () => {
  assert.equal(spectralFilterGd(1, 0.5, 3), 1 - 0.125);
  // 1 − (1 − 1e-12) computed naively loses 4 digits; the expm1 form does not
  const tiny = spectralFilterGd(1e-12, 1, 1);
  assert.ok(Math.abs(tiny / 1e-12 - 1) < 1e-15);
  assert.ok(Math.abs(spectralFilterGd(1e-8, 1, 100) / (1 - Math.pow(1 - 1e-8, 100)) - 1) < 1e-7);
  assert.equal(spectralFilterGd(1.5, 1, 2), 1 - 0.25); // ημ ∈ (1, 2): oscillating but converging
  assert.equal(spectralFilterGd(3, 1, 0), 0);
  assert.equal(spectralFilterRidge(2, 2), 0.5);
  const eta = 0.1, t = 1000, lambda = 1 / (eta * t);
  for (const mu of [1e-6, 1e-5]) {
    // μ ≪ λ: both ≈ μ/λ = ηtμ
    assert.ok(Math.abs(spectralFilterGd(mu, eta, t) / spectralFilterRidge(mu, lambda) - 1) < 1e-3);
  }
  for (const mu of [1, 5]) {
    // μ ≫ λ: both ≈ 1
    assert.ok(Math.abs(spectralFilterGd(mu, eta, t) - 1) < 1e-40 + 1e-3);
    assert.ok(Math.abs(spectralFilterRidge(mu, lambda) - 1) < 1e-2);
  }
});

test("growth fits: a + b ln t is recovered exactly; log growth and linear growth tell each other apart", () => {
  const ts = [100, 200, 500, 1000, 2000, 5000, 10000];
  const logNorm = ts.map((t) => 1.5 + 0.75 * Math.log(t));
  const g = fitLogGrowth(ts, logNorm);
  assert.ok(Math.abs(g.slope - 0.75) < 1e-12 && Math.abs(g.intercept - 1.5) < 1e-10 && g.r2 > 1 - 1e-12 && g.n === 7);
  assert.ok(fitLinearGrowth(ts, logNorm).r2 < 0.9, "log growth is not linear in t");
  const linear = ts.map((t) => 2 + 0.01 * t);
  const l = fitLinearGrowth(ts, linear);
  assert.ok(Math.abs(l.slope - 0.01) < 1e-14 && l.r2 > 1 - 1e-12);
  assert.ok(fitLogGrowth(ts, linear).r2 < 0.9, "linear growth is not linear in ln t");
  // a norm that converges, c − b/t, is neither
  const converging = ts.map((t) => 3 - 50 / t);
  assert.ok(fitLogGrowth(ts, converging).r2 < 0.9);
  // points with t ≤ 0 or a non-finite value are left out
  assert.equal(fitLogGrowth([0, ...ts, 3e4], [1, ...logNorm, NaN]).n, 7);
  assert.throws(() => fitLogGrowth([1, 2], [1]), /2 times but 1 values/);
});
