// X_t = e^{A*(s_t)} X₀ e^{A*(s_t)}, s_t = −(2/m)∫₀ᵗ r dτ, checked against the integrated flow: the
// state is augmented with q(t) = ∫₀ᵗ r(τ) dτ (dq/dt = r), so the flow and its integrated residual
// come from one Dormand–Prince run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, relDist } from "../../../src/linalg/index.ts";
import { Rng } from "../../../src/random/index.ts";
import {
  commutingFlowConstant, commutingIdentity, commutingMeasurements, diagonalMeasurements, sensingObjective, symmetricFactor,
  symmetricGaussian, type MeasurementOperator,
} from "../../../src/models/matrix/index.ts";
import { DormandPrince54 } from "../../../src/optimizers/flow/index.ts";

/** the worst relative gap between UUᵀ and the closed form at the given times */
function identityGap(op: MeasurementOperator, rng: Rng, U0: Float64Array, times: number[]): number {
  const n = op.n1, m = op.m, nn = n * n;
  const z = rng.fillNormal(new Float64Array(n));
  const Ws = new Float64Array(nn);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) Ws[a * n + b] = z[a] * z[b];
  const p = symmetricFactor(n);
  const obj = sensingObjective(op, op.apply(Ws, new Float64Array(m)), p);
  const r = new Float64Array(m);
  const U = new Float64Array(nn), g = new Float64Array(nn);
  const f = (_t: number, y: Float64Array, d: Float64Array): number => {
    for (let k = 0; k < nn; k++) U[k] = y[k];
    const L = obj.gradient(U, g);
    for (let k = 0; k < nn; k++) d[k] = -g[k];
    obj.residual(U, r);
    for (let i = 0; i < m; i++) d[nn + i] = r[i];
    return L;
  };
  const y0 = new Float64Array(nn + m);
  y0.set(U0);
  const dp = new DormandPrince54(f, 0, y0, { rtol: 1e-10, atol: 1e-14, autonomous: true });
  const X0 = new Matrix(n, n, p.predictor(U0, new Float64Array(nn)));
  const state = new Float64Array(nn + m);
  let worst = 0;
  for (const t of times) {
    while (dp.t < t) dp.step();
    dp.interpolate(t, state);
    const X = p.predictor(state.subarray(0, nn), new Float64Array(nn));
    const closed = commutingIdentity(op, state.slice(nn), X0);
    worst = Math.max(worst, relDist(closed.data, X));
  }
  return worst;
}

test("commuting measurements: the flow's X_t equals e^{A*(s_t)} X₀ e^{A*(s_t)} along the path (U₀ = αI and random U₀)", () => {
  const rng = new Rng(61);
  const times = [0.3, 1, 3, 10, 30];
  for (const op of [diagonalMeasurements(rng, 4, 3), commutingMeasurements(rng, 5, 4), commutingMeasurements(rng, 6, 9)]) {
    const n = op.n1;
    const alphaI = new Float64Array(n * n);
    for (let k = 0; k < n; k++) alphaI[k * n + k] = 0.5;
    const gapI = identityGap(op, rng, alphaI, times);
    assert.ok(gapI < 1e-8, `${op.name}, U₀ = αI: gap ${gapI}`);
    const gapR = identityGap(op, rng, rng.fillNormal(new Float64Array(n * n), 0.4), times);
    assert.ok(gapR < 1e-8, `${op.name}, random U₀: gap ${gapR}`);
  }
  assert.equal(commutingFlowConstant(8), 0.25);
});

test("the identity fails for non-commuting (symmetric Gaussian) measurements, so the check above can fail", () => {
  const rng = new Rng(62);
  const op = symmetricGaussian(rng, 4, 3);
  const U0 = new Float64Array(16);
  for (let k = 0; k < 4; k++) U0[k * 4 + k] = 0.5;
  const gap = identityGap(op, rng, U0, [1, 3, 10]);
  assert.ok(gap > 1e-2, `gap ${gap}`);
});

test("commutingIdentity checks its inputs; at zero integrated residual it returns X₀", () => {
  const rng = new Rng(63);
  const op = commutingMeasurements(rng, 3, 2);
  const X0 = new Matrix(3, 3, Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 1]));
  assert.ok(relDist(commutingIdentity(op, new Float64Array(2), X0).data, X0.data) < 1e-14);
  assert.throws(() => commutingIdentity(op, new Float64Array(3), X0), /need m = 2/);
  assert.throws(() => commutingIdentity(op, new Float64Array(2), Matrix.identity(2)), /X₀ is 2×2, need 3×3/);
});
