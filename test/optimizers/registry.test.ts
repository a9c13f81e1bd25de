import { test } from "node:test";
import assert from "node:assert/strict";
import { euclidean, potentialFromId } from "../../src/geometry/index.ts";
import { Rng } from "../../src/random/index.ts";
import { createOptimizer, optimizerRegistry, OptimizerOptionError } from "../../src/optimizers/index.ts";
import { underdetermined } from "./problems.ts";

const NAMES = ["gd", "sgd", "heavy-ball", "nesterov", "cg", "mirror-descent", "steepest", "adagrad", "rmsprop", "adam"];

test("the registry holds the ten optimizers, each buildable from its defaults, with defaults among its options", () => {
  assert.deepEqual(Object.keys(optimizerRegistry).sort(), [...NAMES].sort());
  for (const name of NAMES) {
    const e = optimizerRegistry[name];
    assert.ok(e.description.length > 10);
    for (const k of Object.keys(e.defaults)) assert.ok(k in e.options, `${name}: default ${k} is an option`);
    const opt = e.create();
    assert.equal(typeof opt.step, "function");
  }
});

test("unknown options and optimizers are rejected naming the bad key and the allowed ones", () => {
  assert.throws(() => createOptimizer("gd", { lr: 0.1, momentum: 0.9 }), (e: Error) =>
    e instanceof OptimizerOptionError && /gd: unknown option "momentum"; allowed: lr$/.test(e.message));
  assert.throws(() => createOptimizer("adam", { beta3: 1 }), /unknown option "beta3"; allowed: lr, beta1, beta2, eps, batchSize, replacement/);
  assert.throws(() => createOptimizer("cg", { lr: 1 }), /cg: unknown option "lr"; allowed: none/);
  assert.throws(() => createOptimizer("lbfgs"), /unknown optimizer "lbfgs"; allowed: gd, sgd, heavy-ball/);
});

test("bad values are rejected naming the key and what is allowed", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["gd", { lr: "fast" }, /gd: option "lr" must be a number > 0 or a schedule/],
    ["gd", { lr: -0.1 }, /option "lr" must be a number > 0/],
    ["sgd", { batchSize: "2.5" }, /option "batchSize" must be an integer ≥ 1/],
    ["sgd", { replacement: "yes" }, /option "replacement" must be true or false/],
    ["heavy-ball", { momentum: 1 }, /option "momentum" must be a number in \[0, 1\)/],
    ["steepest", { norm: 0.5 }, /option "norm" must be p ∈ \[1, ∞\]/],
    ["adam", { eps: 0 }, /option "eps" must be a number > 0/],
    ["mirror-descent", { potential: "hyperbolic" }, /option "potential": potential "hyperbolic" needs a numeric beta/],
    ["mirror-descent", { potential: "l2" }, /unknown potential "l2"; allowed: euclidean/],
    ["mirror-descent", { potential: 3 }, /option "potential" must be a potential id/],
  ];
  for (const [name, opts, re] of cases) assert.throws(() => createOptimizer(name, opts), re, `${name} ${JSON.stringify(opts)}`);
});

test("strings from the command line are coerced: numbers, booleans, inf, potential ids; objects and schedules pass through", () => {
  const P = underdetermined(new Rng(600), 5, 12);
  const run = (name: string, opts: Record<string, unknown>) => {
    const opt = createOptimizer(name, opts);
    const s = opt.init(P.objective, new Float64Array(12), new Rng(1));
    for (let k = 0; k < 5; k++) opt.step(s);
    return { opt, theta: s.theta };
  };
  assert.deepEqual(run("sgd", { lr: "0.01", batchSize: "2", replacement: "true" }).theta, run("sgd", { lr: 0.01, batchSize: 2, replacement: true }).theta);
  assert.equal(run("steepest", { norm: "inf" }).opt.name, "steepest(ℓ∞)");
  assert.deepEqual(run("steepest", { norm: "Infinity", lr: 0.001 }).theta, run("steepest", { norm: Infinity, lr: 0.001 }).theta);
  assert.equal(run("mirror-descent", { potential: "p-norm:1.5" }).opt.name, `mirror-descent(${potentialFromId("p-norm:1.5").name})`);
  assert.deepEqual(run("mirror-descent", { potential: euclidean(), lr: 0.01 }).theta, run("gd", { lr: (_t: number) => 0.01 }).theta);
});
