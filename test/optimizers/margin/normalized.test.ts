import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, dist2, dot, dualNormP, norm2, normP } from "../../../src/linalg/index.ts";
import { leastSquares, linearModel } from "../../../src/models/index.ts";
import { Rng } from "../../../src/random/index.ts";
import { normalizedMargin } from "../../../src/metrics/index.ts";
import { maxMarginL1, maxMarginLinf } from "../../../src/references/index.ts";
import { gd } from "../../../src/optimizers/index.ts";
import { normalizedGd, normalizedSteepest, normalizeInPlace } from "../../../src/optimizers/margin/index.ts";
import { separableProblem } from "./problems.ts";

/** angle in radians between a and b: 2·atan2(‖â − b̂‖, ‖â + b̂‖), accurate near 0 */
function angle(a: Float64Array, b: Float64Array): number {
  const na = norm2(a), nb = norm2(b);
  const u = a.map((v) => v / na), w = b.map((v) => v / nb);
  return 2 * Math.atan2(dist2(u, w), norm2(u.map((v, j) => v + w[j])));
}

test("normalizeInPlace: unit vector and log-norm at scales 1e-300 … 1e300; zero and NaN inputs", () => {
  for (const sc of [1e-300, 1e-150, 1, 1e150, 1e300]) {
    const v = Float64Array.from([3 * sc, -4 * sc, 0]);
    const ln = normalizeInPlace(v);
    assert.ok(Math.abs(ln - Math.log(5 * sc)) < 1e-12 * Math.max(1, Math.abs(ln)), `scale ${sc}: ${ln}`);
    assert.ok(Math.abs(norm2(v) - 1) < 1e-15 && Math.abs(v[0] - 0.6) < 1e-15 && Math.abs(v[1] + 0.8) < 1e-15);
  }
  const z = new Float64Array(3);
  assert.equal(normalizeInPlace(z), -Infinity);
  assert.deepEqual(Array.from(z), [0, 0, 0]);
  assert.ok(Number.isNaN(normalizeInPlace(Float64Array.from([1, NaN]))));
});

test("normalized GD on a plain objective: every step has length η along −∇L/‖∇L‖", () => {
  const rng = new Rng(3);
  const X = new Matrix(5, 8, rng.fillNormal(new Float64Array(40)));
  const obj = leastSquares({ X, Y: new Matrix(5, 1, rng.fillNormal(new Float64Array(5))) }, linearModel(8));
  const opt = normalizedGd({ lr: (t) => 0.1 / (t + 1) });
  const s = opt.init(obj, rng.fillNormal(new Float64Array(8)), rng);
  const g = new Float64Array(8);
  for (let k = 0; k < 5; k++) {
    const before = s.theta.slice();
    obj.gradient(before, g);
    opt.step(s);
    const eta = 0.1 / (k + 1), ng = norm2(g);
    for (let j = 0; j < 8; j++) assert.ok(Math.abs(s.theta[j] - (before[j] - (eta * g[j]) / ng)) < 1e-15);
    assert.ok(Math.abs(s.logGradNorm - Math.log(ng)) < 1e-12);
  }
  assert.equal(s.t, 5);
  assert.ok(Number.isNaN(s.loss));
  assert.throws(() => normalizedGd({ lr: 0 }), /lr/);
});

test("normalized GD on the exponential loss: margins past 1e4, no NaN, direction → SVM (while ∇L underflows to 0)", () => {
  const P = separableProblem(1);
  const { data, objective, svm } = P;
  const opt = normalizedGd({ lr: 4 });
  const s = opt.init(objective, new Float64Array(3), new Rng(0));
  for (let k = 0; k < 20000; k++) opt.step(s);
  const u = objective.margins(s.theta, new Float64Array(data.X.rows));
  const minMargin = Math.min(...u);
  assert.ok(minMargin > 1e4, `smallest margin ${minMargin}`);
  assert.ok(s.theta.every(Number.isFinite) && Number.isFinite(s.logGradNorm) && s.logGradNorm < -1e4, `log‖∇L‖ = ${s.logGradNorm}`);
  // the plain gradient has underflowed: GD could not move from here, normalized GD still can
  const g = new Float64Array(3);
  objective.gradient(s.theta, g);
  assert.ok(g.every((v) => v === 0), "the plain gradient underflowed to 0");
  assert.ok(Math.abs(norm2(s.direction) - 1) < 1e-12);
  const ang = angle(s.theta, svm.direction);
  assert.ok(ang < 1e-3, `angle to the SVM direction ${ang}`);
  const gap = (svm.margin - normalizedMargin(data.X, data.y, s.theta)) / svm.margin;
  assert.ok(gap >= -1e-9 && gap < 1e-3, `relative margin gap ${gap}`);
  // GD with a fixed step at the same t is far from the SVM direction (the check above can fail)
  const g0 = gd({ lr: 1 });
  const sg = g0.init(objective, new Float64Array(3), new Rng(0));
  for (let k = 0; k < 20000; k++) g0.step(sg);
  const angGd = angle(sg.theta, svm.direction);
  assert.ok(angGd > 10 * ang, `GD's angle ${angGd} vs normalized GD's ${ang}`);
});

test("normalized steepest step: ‖Δθ‖_p = η and ⟨Δθ, ∇L⟩ = −η‖∇L‖_q, for p ∈ {1, 1.5, 2, 3, ∞}", () => {
  const P = separableProblem(2, { d: 5 });
  const rng = new Rng(4);
  const g = new Float64Array(5);
  for (const p of [1, 1.5, 2, 3, Infinity]) {
    const opt = normalizedSteepest({ lr: 0.3, norm: p });
    const theta0 = rng.fillNormal(new Float64Array(5));
    const s = opt.init(P.objective, theta0, rng);
    P.objective.gradient(theta0, g);
    opt.step(s);
    const delta = s.theta.map((v, j) => v - theta0[j]);
    assert.ok(Math.abs(normP(delta, p) - 0.3) < 1e-12, `p=${p}: ‖Δ‖_p = ${normP(delta, p)}`);
    const gq = dualNormP(g, p);
    assert.ok(Math.abs(dot(delta, g) / gq + 0.3) < 1e-12, `p=${p}: ⟨Δ, g⟩/‖g‖_q = ${dot(delta, g) / gq}`);
    if (p === 1) assert.ok(s.lastCoordinate >= 0 && delta.filter((v) => v !== 0).length === 1);
  }
  assert.throws(() => normalizedSteepest({ lr: 0.1, norm: 0.5 }), /norm/);
});

test("normalized steepest ℓ1 and ℓ∞ on the exponential loss approach their own max margins (LPs), not the ℓ2 SVM's", async () => {
  // η small against γ/max|x_ij|² (log L is max|x_ij|²-smooth in ℓ1); with η = 1 the ℓ1 run stalls on one coordinate
  const P = separableProblem(3, { n: 25, d: 6, gap: 0.3 });
  const { data, objective } = P;
  const cases = [[1, 0.1, await maxMarginL1(data.X, data.y)], [Infinity, 0.01, await maxMarginLinf(data.X, data.y)]] as const;
  for (const [p, eta, ref] of cases) {
    const opt = normalizedSteepest({ lr: eta, norm: p });
    const s = opt.init(objective, new Float64Array(6), new Rng(0));
    const gaps: number[] = [];
    for (const T of [1000, 10000, 100000]) {
      while (s.t < T) opt.step(s);
      gaps.push((ref.margin - normalizedMargin(data.X, data.y, s.theta, p)) / ref.margin);
    }
    assert.ok(gaps.every((v) => v > -1e-9), `p=${p}: a margin above the LP optimum: ${gaps}`);
    assert.ok(gaps[2] < 2e-3 && gaps[2] < gaps[1] && gaps[1] < gaps[0], `p=${p}: relative gaps ${gaps.join(", ")}`);
    assert.ok(Math.min(...objective.margins(s.theta, new Float64Array(25))) > 500 && s.theta.every(Number.isFinite));
    // the ℓ2 SVM direction is measurably worse in this norm: the runs found the other optimum
    const svmGap = (ref.margin - normalizedMargin(data.X, data.y, P.svm.direction, p)) / ref.margin;
    assert.ok(svmGap > 10 * gaps[2], `p=${p}: the ℓ2 SVM's gap ${svmGap} vs the run's ${gaps[2]}`);
  }
  const stalled = normalizedSteepest({ lr: 1, norm: 1 });
  const s = stalled.init(objective, new Float64Array(6), new Rng(0));
  for (let k = 0; k < 10000; k++) stalled.step(s);
  const gapStalled = (cases[0][2].margin - normalizedMargin(data.X, data.y, s.theta, 1)) / cases[0][2].margin;
  assert.ok(gapStalled > 1e-2, `η = 1: gap ${gapStalled}`);
});

test("normalized steepest at margins of 1e4: exact unit steps, log L still falling, no NaN", () => {
  const P = separableProblem(3, { n: 25, d: 6, gap: 0.3 });
  const { objective } = P;
  const theta0 = P.svm.direction.map((v) => v * 5e4);
  assert.ok(Math.min(...objective.margins(theta0, new Float64Array(25))) > 1e4);
  assert.equal(objective.value(theta0), 0); // the loss itself has underflowed
  for (const p of [1, 1.5, 2, Infinity]) {
    const opt = normalizedSteepest({ lr: 0.01, norm: p }); // η ≤ ‖∇log L‖_*/β: a guaranteed descent on log L
    const s = opt.init(objective, theta0, new Rng(0));
    let logL = objective.logValue(theta0);
    for (let k = 0; k < 20; k++) {
      const before = s.theta.slice();
      opt.step(s);
      const delta = s.theta.map((v, j) => v - before[j]);
      assert.ok(Math.abs(normP(delta, p) - 0.01) < 1e-9, `p=${p}: ‖Δ‖_p = ${normP(delta, p)}`);
      const next = objective.logValue(s.theta);
      assert.ok(Number.isFinite(next) && next < logL, `p=${p}: log L ${logL} → ${next}`);
      logL = next;
    }
  }
});
