import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, relDist } from "../../../src/linalg/index.ts";
import { Rng } from "../../../src/random/index.ts";
import { createOptimizer } from "../../../src/optimizers/index.ts";
import { runOptimizerSync } from "../../../src/run/index.ts";
import { diagonalFactor, fromDense, sensingObjective, symmetricFactor, symmetricGaussian } from "../../../src/models/matrix/index.ts";
import { gradientFlow, integrateFlow } from "../../../src/optimizers/flow/index.ts";
import { allocatedBytes } from "../../helpers/heap.ts";

// 1-D diagonal net: x = u², L = ½(u² − y)², so du/dt = −2u(u² − y) and x' = −4x(x − y):
//   x(t) = y x₀ / (x₀ + (y − x₀) e^{−4yt}),  u(t) = √x(t)  (u₀ > 0).
function scalarNet(target: number) {
  const op = fromDense([Matrix.fromRows([[1]])]);
  return sensingObjective(op, Float64Array.from([target]), diagonalFactor(1));
}
const uExact = (t: number, u0: number, y: number): number => {
  const x0 = u0 * u0;
  return Math.sqrt((y * x0) / (x0 + (y - x0) * Math.exp(-4 * y * t)));
};

test("diagonal net u⊙u under gradient flow follows the closed form u(t), plateau included", () => {
  const y = 2;
  for (const u0 of [0.5, 1e-6]) {
    const obj = scalarNet(y);
    const times = [0, 0.1, 0.5, 1, 1.5, 2, 2.5, 3, 4, 6];
    const res = integrateFlow(obj, Float64Array.from([u0]), { rtol: 1e-9, atol: 1e-15, tEnd: 6, times });
    assert.equal(res.stopReason, "time-horizon");
    assert.equal(res.time, 6);
    assert.deepEqual(res.trajectory.times, times);
    res.trajectory.times.forEach((t, k) => {
      const u = res.trajectory.thetas[k][0], e = uExact(t, u0, y);
      assert.ok(Math.abs(u - e) <= 1e-7 * e, `u0 = ${u0}, t = ${t}: ${u} vs ${e}`);
      assert.ok(Math.abs(res.trajectory.losses[k] - 0.5 * (u * u - y) ** 2) <= 1e-12, "the recorded loss is L(θ(t))");
    });
    // from 1e-6 the plateau lasts ≈ ln(1/x₀)/(4y) ≈ 3.5: still a modest number of steps
    assert.ok(res.steps < 400, `${res.steps} steps`);
    assert.equal(res.gradientEvaluations, 2 + 6 * (res.steps + res.rejectedSteps));
  }
});

test("stop reasons: loss target, time horizon, step budget", () => {
  const obj = scalarNet(1);
  const byLoss = integrateFlow(obj, Float64Array.from([0.1]), { lossTarget: 1e-12 });
  assert.equal(byLoss.stopReason, "loss-target");
  assert.ok(byLoss.loss <= 1e-12 && Math.abs(obj.value(byLoss.theta) - byLoss.loss) < 1e-20);
  const byTime = integrateFlow(obj, Float64Array.from([0.1]), { tEnd: 0.7, lossTarget: 1e-30 });
  assert.equal(byTime.stopReason, "time-horizon");
  assert.equal(byTime.time, 0.7);
  const bySteps = integrateFlow(obj, Float64Array.from([0.1]), { maxSteps: 5 });
  assert.equal(bySteps.stopReason, "max-steps");
  assert.equal(bySteps.steps, 5);
  // already at the target: no step
  const none = integrateFlow(obj, Float64Array.from([1]), { lossTarget: 0 });
  assert.equal(none.stopReason, "loss-target");
  assert.equal(none.steps, 0);
  // requested times after the stop are not recorded; onStep sees every accepted step
  let seen = 0;
  const part = integrateFlow(obj, Float64Array.from([0.1]), { tEnd: 1, times: [0.5, 2], onStep: () => { seen++; } });
  assert.deepEqual(part.trajectory.times, [0.5]);
  assert.equal(seen, part.steps);
  assert.throws(() => integrateFlow(obj, new Float64Array(2)), /θ₀ has length 2/);
  assert.throws(() => integrateFlow(obj, Float64Array.from([1]), { times: [1, 0.5] }), /strictly increasing/);
  assert.throws(() => integrateFlow(obj, Float64Array.from([1]), { tEnd: 0 }), /tEnd must be > 0/);
});

/** A small sensing problem: n = 4, m = 6 symmetric Gaussian, rank-1 truth, W = UUᵀ from U₀ = 0.3·I. */
function smallSensing() {
  const rng = new Rng(5);
  const n = 4, m = 6;
  const op = symmetricGaussian(rng.fork(1), n, m);
  const z = rng.fork(2).fillNormal(new Float64Array(n));
  const Ws = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) Ws[a * n + b] = z[a] * z[b];
  const p = symmetricFactor(n);
  const obj = sensingObjective(op, op.apply(Ws, new Float64Array(m)), p);
  return { obj, p, theta0: p.init(rng, 0.3), n };
}

test("GD with step η tracks the flow at time T = kη with error O(η), and its limit approaches the flow's limit as η → 0", () => {
  const { obj, p, theta0, n } = smallSensing();
  const L0 = obj.value(theta0), T = 5;
  const gf = integrateFlow(obj, theta0, { rtol: 1e-10, atol: 1e-14, times: [T], lossTarget: 1e-20 * L0 });
  assert.equal(gf.stopReason, "loss-target");
  const W = (th: Float64Array): Float64Array => p.predictor(th, new Float64Array(n * n));
  const WT = W(gf.trajectory.thetas[0]), Winf = W(gf.theta);
  const atT: number[] = [], atLimit: number[] = [];
  for (const lr of [0.04, 0.02, 0.01]) {
    const k = Math.round(T / lr);
    const gd = runOptimizerSync({ objective: obj, optimizer: createOptimizer("gd", { lr }), theta0, rng: new Rng(0), maxIter: k, checkpoints: [] });
    atT.push(relDist(W(gd.state.theta), WT));
    const lim = runOptimizerSync({
      objective: obj, optimizer: createOptimizer("gd", { lr }), theta0, rng: new Rng(0), maxIter: 100000, lossTarget: 1e-20 * L0, checkpoints: [],
    });
    assert.equal(lim.stopReason, "loss-target");
    atLimit.push(relDist(W(lim.state.theta), Winf));
  }
  for (let i = 1; i < 3; i++) {
    assert.ok(Math.abs(atT[i - 1] / atT[i] - 2) < 0.1, `at T: ${atT} (halving η should halve the gap)`);
    assert.ok(Math.abs(atLimit[i - 1] / atLimit[i] - 2) < 0.1, `limits: ${atLimit}`);
  }
  assert.ok(atLimit[2] < 5e-3 && atLimit[2] > 1e-4, `GD's limit at η = 0.01 is ${atLimit[2]} from the flow's (first order in η)`);
  // and the flow is cheap: far fewer gradient evaluations than small-step GD
  assert.ok(gf.gradientEvaluations < 6000, `${gf.gradientEvaluations} evaluations`);
});

test("gradientFlow runs in the optimizer loop: one accepted step per step, flow time, same path as integrateFlow", () => {
  const { obj, theta0 } = smallSensing();
  const opts = { rtol: 1e-8, atol: 1e-12 };
  const run = runOptimizerSync({ objective: obj, optimizer: gradientFlow(opts), theta0, rng: new Rng(0), maxIter: 50, checkpoints: [] });
  assert.equal(run.stopReason, "max-iterations");
  const s = run.state;
  assert.equal(s.t, 50);
  const direct = integrateFlow(obj, theta0, { ...opts, maxSteps: 50 });
  assert.deepEqual(s.theta, direct.theta);
  assert.equal(s.time, direct.time);
  assert.equal(s.gradientEvaluations, direct.gradientEvaluations);
  assert.ok(Math.abs(s.loss - obj.value(s.theta)) <= 1e-14 * s.loss, "state.loss is L at θ");
  // the loop's loss target
  const L0 = obj.value(theta0);
  const toTarget = runOptimizerSync({ objective: obj, optimizer: gradientFlow(opts), theta0, rng: new Rng(0), maxIter: 100000, lossTarget: 1e-12 * L0 });
  assert.equal(toTarget.stopReason, "loss-target");
  assert.ok(toTarget.finalLoss <= 1e-12 * L0);
  // a horizon: steps stop advancing time once there
  const h = gradientFlow({ ...opts, horizon: 2 });
  const st = h.init(obj, theta0, new Rng(0));
  for (let k = 0; k < 400; k++) h.step(st);
  assert.equal(st.time, 2);
  assert.equal(st.t, 400);
  assert.throws(() => gradientFlow({ rtol: 2 }), /gradient-flow: need 0 ≤ rtol < 1/);
});

test("gradientFlow steps allocate no vectors", () => {
  const rng = new Rng(6);
  const n = 10, m = 20; // θ has 100 entries: a copy would be > 800 bytes
  const op = symmetricGaussian(rng, n, m), p = symmetricFactor(n);
  const obj = sensingObjective(op, rng.fillNormal(new Float64Array(m)), p);
  const opt = gradientFlow({ rtol: 1e-8, atol: 1e-12, hMax: 1e-4 });
  const st = opt.init(obj, p.init(rng, 0.1), new Rng(0));
  const steps = 1000;
  const bytes = allocatedBytes(steps, (k) => { for (let i = 0; i < k; i++) opt.step(st); });
  assert.ok(bytes / steps < 400, `~${bytes / steps} bytes per step (only the boxed losses f returns)`);
});
