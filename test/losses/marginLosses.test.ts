import { test } from "node:test";
import assert from "node:assert/strict";
import {
  logisticLoss, exponentialLoss, expPowerLoss, polynomialLoss, hingeLoss, perceptronLoss,
  softplus, logSoftplus, logSumExp, marginLossFromId, marginLossIds, type MarginLoss,
} from "../../src/losses/index.ts";

const smooth: MarginLoss[] = [
  logisticLoss, exponentialLoss, expPowerLoss(0.25), expPowerLoss(0.5), expPowerLoss(1), expPowerLoss(2), expPowerLoss(3.5),
  polynomialLoss(0.5), polynomialLoss(1), polynomialLoss(3),
];
const kinked: MarginLoss[] = [hingeLoss, perceptronLoss];
// away from the kinks at 0 and 1 (and the second-derivative jump of exp-power at 1)
const points = [-7.3, -2, -0.6, -0.1, 0.2, 0.55, 0.9, 1.1, 1.7, 3.2, 6.4, 12.5];

function fd(f: (u: number) => number, u: number, h = 1e-6): number {
  const s = h * Math.max(1, Math.abs(u));
  return (f(u + s) - f(u - s)) / (2 * s);
}

function close(a: number, b: number, rel: number, msg: string): void {
  assert.ok(a === b || Math.abs(a - b) <= rel * Math.max(1e-300, Math.abs(b)), `${msg}: ${a} vs ${b}`);
}

/** for logarithms: relative to max(1, |b|), since log(1 + tiny) computed directly keeps only absolute accuracy */
function closeLog(a: number, b: number, tol: number, msg: string): void {
  assert.ok(a === b || Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${msg}: ${a} vs ${b}`);
}

test("derivatives of every margin loss match central finite differences", () => {
  for (const loss of [...smooth, ...kinked]) {
    for (const u of points) {
      close(loss.deriv(u), fd(loss.value, u), 1e-6, `${loss.name} ℓ′(${u})`);
      const d2 = loss.deriv2(u);
      const d2fd = fd(loss.deriv, u);
      assert.ok(Math.abs(d2 - d2fd) <= 1e-6 * Math.max(1e-8, Math.abs(d2fd)), `${loss.name} ℓ″(${u}): ${d2} vs ${d2fd}`);
    }
  }
});

test("smooth losses are decreasing and convex with a negative derivative everywhere; the continuations join C¹ at u = 1", () => {
  for (const loss of smooth) {
    let prevD = -Infinity;
    for (let u = -20; u <= 20; u += 0.125) {
      const d = loss.deriv(u);
      // ℓ′ < 0 holds exactly; in double it may underflow to 0 (exp-power with ν > 1), its log never does
      assert.ok(d <= 0 && Number.isFinite(loss.logNegDeriv(u)), `${loss.name} ℓ′(${u}) = ${d} must be < 0`);
      assert.ok(d >= prevD - 1e-15, `${loss.name} not convex at ${u}`);
      assert.ok(loss.deriv2(u) >= 0, `${loss.name} ℓ″(${u}) < 0`);
      prevD = d;
    }
    for (const f of [loss.value, loss.deriv]) close(f(1 - 1e-12), f(1 + 1e-12), 1e-9, `${loss.name} continuity at 1`);
  }
  // the polynomial continuation is C²
  for (const nu of [0.5, 2]) {
    const p = polynomialLoss(nu);
    close(p.deriv2(1 - 1e-12), p.deriv2(1), 1e-9, "polynomial ℓ″ continuity");
    assert.equal(p.curvatureBound, nu * (nu + 1));
  }
});

test("exp-power with ν = 1 is the exponential loss; exp-power keeps its stated formula on u ≥ 1 and its tangent line below", () => {
  const e1 = expPowerLoss(1);
  for (const u of points) {
    close(e1.value(u), Math.exp(-u), 1e-14, "value");
    close(e1.deriv(u), -Math.exp(-u), 1e-14, "deriv");
  }
  const e = expPowerLoss(0.5);
  close(e.value(4), Math.exp(-2), 1e-15, "exp(−√4)");
  close(e.value(0), Math.exp(-(1 - 0.5)), 1e-15, "tangent line at 0");
  close(e.deriv(0), -0.5 * Math.exp(-0.5), 1e-15, "slope below 1");
  close(polynomialLoss(2).value(10), 0.01, 1e-15, "10^{−2}");
});

test("log-domain forms agree with the direct ones wherever both are finite", () => {
  for (const loss of [...smooth, ...kinked]) {
    for (let u = -30; u <= 30; u += 0.37) {
      const v = loss.value(u), d = loss.deriv(u);
      if (v > 1e-290 && Number.isFinite(v)) closeLog(loss.logValue(u), Math.log(v), 1e-13, `${loss.name} log ℓ(${u})`);
      if (v === 0 && loss.tail === "zero") assert.equal(loss.logValue(u), -Infinity);
      if (-d > 1e-290 && Number.isFinite(d)) closeLog(loss.logNegDeriv(u), Math.log(-d), 1e-13, `${loss.name} log(−ℓ′)(${u})`);
      if (d === 0 && loss.tail === "zero") assert.equal(loss.logNegDeriv(u), -Infinity);
    }
  }
});

test("log-domain forms stay finite and exact at margins ±1e4 (where ℓ underflows or the exponential overflows)", () => {
  const U = 1e4;
  // logistic: log ℓ(U) = −U + log(log1p(e^{−U})/e^{−U}) = −U exactly in double; log(−ℓ′(U)) = −softplus(U) = −U
  assert.equal(logisticLoss.value(U), 0);
  assert.equal(logisticLoss.logValue(U), -U);
  assert.equal(logisticLoss.logNegDeriv(U), -U);
  close(logisticLoss.logValue(-U), Math.log(U), 1e-15, "log ℓ(−1e4)");
  assert.equal(logisticLoss.logNegDeriv(-U), -0);
  close(logisticLoss.logValue(40), -40 - 0.5 * Math.exp(-40), 1e-16, "log ℓ(40)");
  assert.equal(exponentialLoss.logValue(U), -U);
  assert.equal(exponentialLoss.logValue(-U), U);
  assert.equal(exponentialLoss.value(-U), Infinity);
  const e = expPowerLoss(0.5);
  close(e.logValue(U), -100, 1e-15, "exp-power ν=½ log ℓ(1e4)");
  close(e.logNegDeriv(U), Math.log(0.5) - 0.5 * Math.log(U) - 100, 1e-15, "exp-power ν=½ log(−ℓ′)(1e4)");
  close(expPowerLoss(2).logValue(U), -1e8, 1e-15, "exp-power ν=2");
  // below u = 1: h(u) = 1 + ν(u − 1), so log ℓ(−1e4) = −(1 + 2(−1e4 − 1)) = 20001
  close(expPowerLoss(2).logValue(-U), 20001, 1e-15, "exp-power ν=2 at −1e4");
  const p = polynomialLoss(1.5);
  close(p.logValue(U), -1.5 * Math.log(U), 1e-15, "polynomial log ℓ(1e4)");
  close(p.logNegDeriv(U), Math.log(1.5) - 2.5 * Math.log(U), 1e-15, "polynomial log(−ℓ′)(1e4)");
  assert.ok(Number.isFinite(p.logValue(-U)) && Number.isFinite(p.logNegDeriv(-U)));
  assert.equal(hingeLoss.logValue(U), -Infinity);
  close(hingeLoss.logValue(-U), Math.log(U + 1), 1e-15, "hinge");
  for (const loss of [...smooth, ...kinked]) {
    for (const u of [U, -U, 1e300, -1e300]) {
      assert.ok(!Number.isNaN(loss.logValue(u)) && !Number.isNaN(loss.logNegDeriv(u)), `${loss.name} NaN at ${u}`);
      assert.ok(!Number.isNaN(loss.value(u)) && !Number.isNaN(loss.deriv(u)), `${loss.name} direct NaN at ${u}`);
    }
  }
});

test("the fused sumWithDerivs kernel equals the sum of values and the derivatives", () => {
  const u = Float64Array.from([-800, -30, -1.5, -0.2, 0, 0.3, 1, 1.0000001, 2.5, 40, 800, 1e4]);
  for (const loss of [...smooth, ...kinked]) {
    const d = new Float64Array(u.length);
    const s = loss.sumWithDerivs(u, u.length, d);
    let ref = 0;
    for (let i = 0; i < u.length; i++) {
      ref += loss.value(u[i]);
      close(d[i], loss.deriv(u[i]), 1e-14, `${loss.name} ℓ′(${u[i]}) in the kernel`);
    }
    close(s, ref, 1e-14, `${loss.name} Σℓ`);
  }
});

test("softplus, logSoftplus and logSumExp are exact at the extremes and refuse nothing finite", () => {
  assert.equal(softplus(1000), 1000);
  assert.equal(softplus(-1000), 0);
  close(softplus(-30), Math.exp(-30) * (1 - Math.exp(-30) / 2), 1e-15, "softplus(−30)");
  assert.equal(logSoftplus(-1e4), -1e4);
  close(logSoftplus(-700), -700 - 0.5 * Math.exp(-700), 1e-15, "logSoftplus(−700)");
  close(logSoftplus(2), Math.log(Math.log1p(Math.exp(2))), 1e-15, "logSoftplus(2)");
  close(logSumExp(Float64Array.from([-1e4, -1e4])), -1e4 + Math.log(2), 1e-15, "lse");
  close(logSumExp(Float64Array.from([1000, 1000 - Math.log(3)])), 1000 + Math.log(4 / 3), 1e-15, "lse");
  assert.equal(logSumExp(Float64Array.from([-Infinity, -Infinity])), -Infinity);
  assert.equal(logSumExp(new Float64Array(0)), -Infinity);
  assert.ok(Number.isNaN(logSumExp(Float64Array.from([0, NaN]))));
});

test("margin losses by id; wrong ids and misplaced ν are refused with the allowed values", () => {
  assert.equal(marginLossFromId("logistic"), logisticLoss);
  assert.equal(marginLossFromId("exp-power", { nu: 0.5 }).tailExponent, 0.5);
  assert.equal(marginLossFromId("polynomial", { nu: 2 }).tail, "polynomial");
  assert.deepEqual(Object.keys(marginLossIds()), ["logistic", "exponential", "exp-power", "polynomial", "hinge", "perceptron"]);
  assert.throws(() => marginLossFromId("square"), /unknown margin loss "square"; allowed: logistic, exponential/);
  assert.throws(() => marginLossFromId("polynomial"), /needs ν/);
  assert.throws(() => marginLossFromId("hinge", { nu: 2 }), /takes no ν/);
  assert.throws(() => expPowerLoss(0), /ν must be a positive number/);
  assert.throws(() => polynomialLoss(NaN), /ν must be a positive number/);
});
