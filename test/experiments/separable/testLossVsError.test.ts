// test-loss-vs-error on synthetic IDX images (syntheticImages.ts), so the tests need no package:
// the checks pass where the phenomenon holds and fail where it does not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MissingDataError, fashionMnist, missingDataMessage, type DatasetFiles, type DatasetLoader } from "../../../src/data/index.ts";
import { getExperiment } from "../../../src/experiments/index.ts";
import { runExperiment, type Result } from "../../../src/run/index.ts";
import { assertAllPass, assertWellFormed, checksNamed } from "./helpers.ts";
import { syntheticFashion } from "./syntheticImages.ts";

const SMALL = { pool: 1, n: 200, linearIters: 3000, netIters: 1000, netStep: 2 };

function run(files: DatasetFiles, overrides: Record<string, unknown> = {}, datasets?: DatasetLoader): Promise<Result> {
  return runExperiment(getExperiment("test-loss-vs-error"), {
    seed: 0,
    overrides: { ...SMALL, ...overrides },
    datasets: datasets ?? (async (spec) => {
      assert.equal(spec, fashionMnist);
      return files;
    }),
  });
}

test("test-loss-vs-error on synthetic images: zero training error, validation loss up ≥ 1.2×, validation error down, norms ~ log t", async () => {
  const r = await run(syntheticFashion(1));
  assertWellFormed(r, "test-loss-vs-error");
  assertAllPass(r);
  assert.equal(r.checks.length, 8);
  for (const model of ["linear", "network"]) {
    const [loss] = checksNamed(r, `${model}: validation loss`);
    assert.ok(loss.measured >= 1.2 && loss.competitor!.measured < 0.5, `${model}: validation loss grows while the training loss falls`);
    const [err] = checksNamed(r, `${model}: validation error`);
    assert.ok(err.measured < 0 && err.competitor!.measured > 0, `${model}: the error at T is below early stopping's`);
    const [norm] = checksNamed(r, `${model}:`, "linear in ln t");
    assert.ok(norm.competitor!.measured > 3 * norm.measured, `${model}: log t fits, t does not`);
  }
  assert.match(String(r.summary.data), /200 of 570 training images, 399 of 399 test images as validation, 16 pixels, centred/);
  assert.deepEqual(r.figures.map((f) => f.name), ["loss", "error", "norm"]);
  assert.deepEqual(r.traces[0].columns, ["t", "loss", "training error", "validation loss", "validation error", "norm"]);
});

test("test-loss-vs-error fails where the phenomenon does not hold: clean validation labels, too few steps, non-separable data, divergence", async () => {
  // no mislabelled validation image: the linear model's validation loss falls to 0 with its training loss
  const clean = await run(syntheticFashion(1, { flip: 0 }));
  const [cleanLoss] = checksNamed(clean, "linear: validation loss");
  assert.equal(cleanLoss.pass, false);
  assert.ok(cleanLoss.measured < 1.01, `ratio ${cleanLoss.measured}`);
  // 100 steps: the linear model's training error is not yet 0, and neither model has a late phase to fit
  const short = await run(syntheticFashion(1), { linearIters: 100, netIters: 100 });
  const [shortErr] = checksNamed(short, "linear: training error");
  assert.equal(shortErr.pass, false);
  assert.match(shortErr.note!, /linearly separable \(LP\): run longer/);
  for (const model of ["linear", "network"]) {
    const [fit] = checksNamed(short, `${model}:`, "linear in ln t");
    assert.equal(fit.pass, false, model);
    assert.match(fit.note!, /fewer than 4 points after the training error reached 0/);
  }
  // a tenth of the training labels flipped: no linear model reaches zero error, and the claim says why
  const noisy = await run(syntheticFashion(1, { trainFlip: 0.1 }));
  const [lin] = checksNamed(noisy, "linear: training error");
  assert.equal(lin.pass, false);
  assert.match(lin.note!, /NOT linearly separable/);
  // a step size that diverges fails every check of that model
  const diverged = await run(syntheticFashion(1), { netStep: 64 });
  assert.deepEqual(checksNamed(diverged, "network:").map((c) => c.pass), [false, false, false, false]);
  assert.match(checksNamed(diverged, "network: training error")[0].note!, /DIVERGED/);
});

test("test-loss-vs-error without its data: a MissingDataError naming the install command; bad class choices are parameter errors", async () => {
  const exp = getExperiment("test-loss-vs-error");
  await assert.rejects(runExperiment(exp, { quick: true }), (e: Error) => {
    assert.ok(e instanceof MissingDataError);
    assert.match(e.message, /no dataset loader.*sudo apt-get install dataset-fashion-mnist \(or bash scripts\/datasets\.sh\)/);
    return true;
  });
  const absent: DatasetLoader = async (spec, folder) => {
    assert.equal(folder, "/nowhere");
    throw new MissingDataError(missingDataMessage(spec, "there is no folder /nowhere"), spec.id);
  };
  await assert.rejects(run({}, { dataDir: "/nowhere" }, absent), /Fashion-MNIST is not installed: there is no folder \/nowhere; install it: sudo apt-get install dataset-fashion-mnist/);
  await assert.rejects(run(syntheticFashion(1), { positive: 9 }), /positive and negative must be different classes/);
  await assert.rejects(run(syntheticFashion(1), { n: 5000 }), /n = 5000 but the training file has 570 images of classes 5 and 9/);
  await assert.rejects(run(syntheticFashion(1), { pool: 3 }), /pool 3 does not divide the 4×4 images/);
});
