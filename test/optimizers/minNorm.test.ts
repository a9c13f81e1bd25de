// Squared loss, underdetermined: every method whose iterates stay in w0 + rowspace(X)
// converges to argmin ‖w − w0‖₂ s.t. Xw = y (seed claims ls-gd-min-norm, ls-rowspace).
import { test } from "node:test";
import assert from "node:assert/strict";
import { relDist } from "../../src/linalg/index.ts";
import { euclidean } from "../../src/geometry/index.ts";
import { Rng } from "../../src/random/index.ts";
import {
  conjugateGradient, gd, heavyBall, mirrorDescent, nesterov, sgd, type Optimizer,
} from "../../src/optimizers/index.ts";
import { maxRowNorm2, underdetermined } from "./problems.ts";

const rng = new Rng(200);
const P = underdetermined(rng, 20, 60);
const beta = P.objective.smoothness!(new Float64Array(60));
const rowMax = maxRowNorm2(P.X);

const methods: { label: string; opt: Optimizer; steps: number }[] = [
  { label: "gd η = 1/β", opt: gd({ lr: 1 / beta }), steps: 3000 },
  { label: "gd η = 1.9/β", opt: gd({ lr: 1.9 / beta }), steps: 3000 },
  { label: "gd, decaying η_t = 1.5/(β(1 + t/1000))", opt: gd({ lr: (t) => 1.5 / (beta * (1 + t / 1000)) }), steps: 6000 },
  { label: "sgd instance-wise, reshuffled", opt: sgd({ lr: 1 / rowMax, batchSize: 1 }), steps: 40000 },
  { label: "sgd instance-wise, with replacement", opt: sgd({ lr: 1 / rowMax, batchSize: 1, replacement: true }), steps: 40000 },
  { label: "sgd batch 7 (partial last batch)", opt: sgd({ lr: 1 / rowMax, batchSize: 7 }), steps: 20000 },
  { label: "heavy-ball", opt: heavyBall({ lr: 1 / beta, momentum: 0.6 }), steps: 3000 },
  { label: "nesterov", opt: nesterov({ lr: 1 / beta, momentum: 0.8 }), steps: 3000 },
  { label: "nesterov μ_t = t/(t+3)", opt: nesterov({ lr: 1 / beta, momentum: (t) => t / (t + 3) }), steps: 3000 },
  { label: "mirror descent, euclidean potential", opt: mirrorDescent({ lr: 1 / beta, potential: euclidean() }), steps: 3000 },
  { label: "conjugate gradient", opt: conjugateGradient(), steps: 60 },
];

for (const start of ["w0 = 0", "w0 random"]) {
  const w0 = start === "w0 = 0" ? new Float64Array(60) : rng.fillNormal(new Float64Array(60));
  const target = P.minNorm(w0);
  const other = P.minNorm(start === "w0 = 0" ? rng.fillNormal(new Float64Array(60)) : new Float64Array(60));
  for (const { label, opt, steps } of methods) {
    test(`${label}, ${start}: lands on the min-‖w − w0‖ interpolant`, () => {
      const s = opt.init(P.objective, w0, rng.fork(7));
      for (let k = 0; k < steps; k++) opt.step(s);
      const e = relDist(s.theta, target);
      assert.ok(e <= 1e-8, `${label}: relative distance ${e}`);
      // the check discriminates: another interpolant (min-norm from a different w0) is far away
      assert.ok(relDist(s.theta, other) > 1e-1);
    });
  }
}

test("conjugate gradient reaches the min-norm solution in about N = rank steps", () => {
  const w0 = rng.fillNormal(new Float64Array(60));
  const opt = conjugateGradient();
  const s = opt.init(P.objective, w0, rng);
  for (let k = 0; k < 25; k++) opt.step(s);
  assert.ok(relDist(s.theta, P.minNorm(w0)) <= 1e-8, `after 25 steps: ${relDist(s.theta, P.minNorm(w0))}`);
  const s2 = opt.init(P.objective, w0, rng);
  for (let k = 0; k < 10; k++) opt.step(s2);
  assert.ok(relDist(s2.theta, P.minNorm(w0)) > 1e-4, "but not in 10 steps: the rank is 20");
});

test("conjugate gradient refuses an objective without Hessian-vector products", () => {
  const { hessVec: _h, smoothness: _s, ...rest } = P.objective;
  assert.throws(() => conjugateGradient().init(rest, new Float64Array(60), rng), /cg: conjugate gradient needs Hessian-vector products/);
});
