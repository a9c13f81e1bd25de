import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { ParameterError, checkAtMost, runExperiment, runOptimizer } from "../../src/run/index.ts";
import type { Experiment } from "../../src/experiments/types.ts";
import { X2, Y2, leastSquares, minNormX2, tinyGd } from "./fixtures.ts";
import { relativeDistance } from "../../src/metrics/index.ts";

const schema = z.object({
  iters: z.number().int().positive().default(3000),
  lr: z.number().positive().max(0.6).default(0.3),
  method: z.enum(["gd", "sgd"]).default("gd"),
  verbose: z.boolean().default(false),
  sizes: z.array(z.number()).default([1, 2]),
});
type P = z.infer<typeof schema>;

const tinyExperiment: Experiment<P> = {
  id: "tiny-min-norm",
  section: "A",
  seeds: ["000"],
  claim: "GD on a 2×3 least-squares problem converges to the min-norm solution",
  params: schema,
  quick: { iters: 500 },
  async run(p, ctx) {
    const out = await runOptimizer({
      objective: leastSquares(X2, Y2), optimizer: tinyGd(p.lr, p.method === "sgd" ? 1 : 0), theta0: new Float64Array(3),
      rng: ctx.rng, maxIter: p.iters, onProgress: (f) => ctx.progress(f, "gd"),
    });
    ctx.progress(2); // out of range on purpose: runExperiment clamps it
    return {
      id: "tiny-min-norm", params: {},
      checks: [checkAtMost("distance to min-norm", relativeDistance(out.state.theta, minNormX2()), 1e-8)],
      traces: [], figures: [],
      summary: { iterations: out.iterations, draw: ctx.rng.uniform(), sizes: p.sizes.join(","), verbose: p.verbose },
    };
  },
};

test("runExperiment parses defaults, applies --quick, fills seconds, seed, claim and params", async () => {
  const fractions: number[] = [];
  const r = await runExperiment(tinyExperiment, { quick: true, seed: 7, onProgress: (f) => fractions.push(f) });
  assert.equal(r.summary.iterations, 500);
  assert.equal(r.params.iters, 500);
  assert.equal(r.params.lr, 0.3);
  assert.equal(r.seed, 7);
  assert.equal(r.quick, true);
  assert.equal(r.claim, tinyExperiment.claim);
  assert.ok(typeof r.seconds === "number" && r.seconds >= 0);
  assert.equal(r.checks[0].pass, true);
  assert.ok(fractions.every((f) => f >= 0 && f <= 1));
  const full = await runExperiment(tinyExperiment, { seed: 7 });
  assert.equal(full.summary.iterations, 3000);
  assert.equal(full.summary.draw, r.summary.draw, "same seed, same random stream");
  const other = await runExperiment(tinyExperiment, { seed: 8, quick: true });
  assert.notEqual(other.summary.draw, r.summary.draw);
});

test("--set overrides are coerced by the schema and win over --quick", async () => {
  const r = await runExperiment(tinyExperiment, {
    quick: true,
    overrides: { iters: "50", lr: "0.1", method: "sgd", verbose: "true", sizes: "1e-3, 2,5" },
  });
  assert.equal(r.summary.iterations, 50);
  assert.equal(r.params.lr, 0.1);
  assert.equal(r.params.method, "sgd");
  assert.equal(r.params.verbose, true);
  assert.deepEqual(r.params.sizes, [1e-3, 2, 5]);
  assert.equal(r.checks[0].pass, false, "50 steps are not enough: the verdict can fail");
  // already-typed values (the CLI parses JSON) pass through
  const r2 = await runExperiment(tinyExperiment, { overrides: { iters: 20, sizes: [3], verbose: false } });
  assert.deepEqual(r2.params.sizes, [3]);
});

test("unknown keys and bad values are ParameterErrors naming the key and what is allowed", async () => {
  await assert.rejects(runExperiment(tinyExperiment, { overrides: { itres: "5" } }), (e: unknown) => {
    assert.ok(e instanceof ParameterError && e instanceof RangeError);
    assert.match(e.message, /unknown parameter itres; allowed: iters, lr, method, verbose, sizes/);
    return true;
  });
  await assert.rejects(runExperiment(tinyExperiment, { overrides: { lr: "fast" } }), /lr=fast: lr expects a number/);
  await assert.rejects(runExperiment(tinyExperiment, { overrides: { verbose: "maybe" } }), /verbose expects true or false/);
  await assert.rejects(runExperiment(tinyExperiment, { overrides: { lr: "2" } }), /invalid parameters: lr: Number must be less than or equal to 0.6/);
  await assert.rejects(runExperiment(tinyExperiment, { overrides: { method: "adam" } }), /method: Invalid enum value. Expected 'gd' \| 'sgd'/);
  await assert.rejects(runExperiment(tinyExperiment, { seed: -1 }), /seed/);
});
