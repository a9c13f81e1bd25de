// `step` must not allocate (the estimate is explained in test/helpers/heap.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../src/random/index.ts";
import { createOptimizer, type Optimizer, type OptimizerState } from "../../src/optimizers/index.ts";
import { underdetermined } from "./problems.ts";
import { allocatedBytes } from "../helpers/heap.ts";

const P = underdetermined(new Rng(700), 5, 10);
const MB = 1 << 20;

function stepper(opt: Optimizer): (n: number) => void {
  const s: OptimizerState = opt.init(P.objective, new Rng(1).fillNormal(new Float64Array(10)), new Rng(2));
  return (n) => { for (let k = 0; k < n; k++) opt.step(s); };
}

test("the allocation estimate sees a step that allocates (so the bound below can fail)", () => {
  let sink = new Float64Array(8);
  const bytes = allocatedBytes(1e5, (n) => {
    for (let k = 0; k < n; k++) {
      const fresh = new Float64Array(8);
      fresh[0] = sink[0] + k;
      sink = fresh;
    }
  });
  assert.ok(bytes > 2 * MB, `an allocating loop measured ${bytes} bytes`);
});

test("1e5 gradient-descent steps allocate less than 2 MB", () => {
  const bytes = allocatedBytes(1e5, stepper(createOptimizer("gd", { lr: 0.01 })));
  assert.ok(bytes < 2 * MB, `gd: ${bytes} bytes over 1e5 steps`);
});

test("2e4 steps of every other optimizer allocate less than 1 MB", () => {
  const cases: [string, Record<string, unknown>][] = [
    ["sgd", { lr: 0.001, batchSize: 2 }], ["sgd", { lr: 0.001, batchSize: 3, replacement: true }],
    ["heavy-ball", { lr: 0.01 }], ["nesterov", { lr: 0.01 }], ["cg", {}],
    ["mirror-descent", { lr: 0.001, potential: "p-norm:3" }], ["mirror-descent", { lr: 0.001, potential: "hyperbolic:0.1", batchSize: 2 }],
    ["steepest", { lr: 0.001, norm: 1 }], ["steepest", { lr: 0.001, norm: "inf" }], ["steepest", { lr: 0.001, norm: 1.5 }],
    ["adagrad", { lr: 0.01 }], ["rmsprop", { lr: 0.001 }], ["adam", { lr: 0.001 }],
  ];
  for (const [name, opts] of cases) {
    const bytes = allocatedBytes(2e4, stepper(createOptimizer(name, opts)));
    assert.ok(bytes < MB, `${name} ${JSON.stringify(opts)}: ${bytes} bytes over 2e4 steps`);
  }
});
