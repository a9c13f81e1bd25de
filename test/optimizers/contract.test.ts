// One contract for every optimizer (after JAX's optimizers test): init copies θ0,
// t counts steps, the loss falls on random underdetermined least squares, θ stays finite.
import { test } from "node:test";
import assert from "node:assert/strict";
import { allFinite } from "../../src/linalg/index.ts";
import { negativeEntropy } from "../../src/geometry/index.ts";
import { Rng } from "../../src/random/index.ts";
import { createOptimizer, optimizerRegistry, type Optimizer } from "../../src/optimizers/index.ts";
import { underdetermined } from "./problems.ts";

const rng = new Rng(100);
const P = underdetermined(rng);
const beta = P.objective.smoothness!(new Float64Array(60));

// Every registered optimizer, with step sizes suited to this problem (β = σ_max(X)²/N).
const cases: { label: string; opt: Optimizer; positive?: boolean }[] = [
  { label: "gd", opt: createOptimizer("gd", { lr: 1 / beta }) },
  { label: "sgd, instance-wise", opt: createOptimizer("sgd", { lr: 0.005 }) },
  { label: "sgd, batch 4 with replacement", opt: createOptimizer("sgd", { lr: 0.005, batchSize: 4, replacement: true }) },
  { label: "heavy-ball", opt: createOptimizer("heavy-ball", { lr: 0.5 / beta, momentum: 0.5 }) },
  { label: "nesterov", opt: createOptimizer("nesterov", { lr: 1 / beta, momentum: 0.5 }) },
  { label: "cg", opt: createOptimizer("cg") },
  { label: "mirror-descent, euclidean", opt: createOptimizer("mirror-descent", { lr: 1 / beta, potential: "euclidean" }) },
  {
    label: "mirror-descent, entropy (object)", positive: true,
    opt: createOptimizer("mirror-descent", { lr: 0.02 / beta, potential: negativeEntropy() }),
  },
  { label: "mirror-descent, p-norm:1.5, minibatch", opt: createOptimizer("mirror-descent", { lr: 0.1 / beta, potential: "p-norm:1.5", batchSize: 5 }) },
  { label: "steepest ℓ1", opt: createOptimizer("steepest", { lr: 1 / beta, norm: 1 }) },
  { label: "steepest ℓ∞", opt: createOptimizer("steepest", { lr: 0.01 / beta, norm: "inf" }) },
  { label: "steepest ℓ3", opt: createOptimizer("steepest", { lr: 0.2 / beta, norm: 3 }) },
  { label: "adagrad", opt: createOptimizer("adagrad", { lr: 0.1 }) },
  { label: "rmsprop", opt: createOptimizer("rmsprop", { lr: 0.003 }) },
  { label: "adam", opt: createOptimizer("adam", { lr: 0.01 }) },
];

test("the contract covers every registered optimizer", () => {
  const covered = new Set(cases.map((c) => c.label.split(/[ ,]/)[0]));
  for (const name of Object.keys(optimizerRegistry)) assert.ok(covered.has(name), `${name} is not in the contract test`);
});

for (const { label, opt, positive } of cases) {
  test(`contract: ${label}`, () => {
    const theta0 = positive ? Float64Array.from({ length: 60 }, () => 0.5 + rng.uniform()) : rng.fillNormal(new Float64Array(60));
    const keep = theta0.slice();
    const s = opt.init(P.objective, theta0, rng.fork(1));
    assert.notEqual(s.theta, theta0, "state owns its θ");
    assert.deepEqual(s.theta, keep, "init copies θ0");
    assert.equal(s.t, 0);
    assert.ok(Number.isNaN(s.loss));
    theta0.fill(1e9);
    assert.deepEqual(s.theta, keep, "θ0 is not aliased");
    const L0 = P.objective.value(s.theta);
    const T = 200;
    for (let k = 1; k <= T; k++) {
      opt.step(s);
      assert.equal(s.t, k);
    }
    theta0.set(keep);
    assert.ok(allFinite(s.theta), "θ stays finite");
    assert.ok(Number.isFinite(s.loss));
    const LT = P.objective.value(s.theta);
    assert.ok(LT < 0.5 * L0, `${label}: loss ${L0} → ${LT}`);
    assert.throws(() => opt.init(P.objective, new Float64Array(59), rng), /θ0 has length 59/);
  });
}
