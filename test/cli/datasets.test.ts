// Real data sets on the command line: the file-system loader, and what run and verify do when a
// claim's data set is not installed (run: one line, exit 2; verify: the claim is skipped).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { z } from "zod";
import { datasetFolder, nodeDatasetLoader } from "../../src/cli/datasets.ts";
import type { Lab } from "../../src/cli/lab.ts";
import { MissingDataError, fashionMnist, missingDataMessage, type DatasetSpec } from "../../src/data/index.ts";
import type { Experiment } from "../../src/experiments/types.ts";
import { checkAtMost, runExperiment } from "../../src/run/index.ts";
import { writeRunDir } from "../../src/report/node.ts";
import { syntheticFashion } from "../experiments/separable/syntheticImages.ts";
import { assertOneErrorLine, cli, tempDir } from "./harness.ts";

const spec: DatasetSpec = { ...fashionMnist, folder: "/nonexistent/biaslab-test-folder" };

test("nodeDatasetLoader reads the files, gzipped or not, from the given folder, the environment's, or the package's", async () => {
  const dir = tempDir("biaslab-data-");
  const files = syntheticFashion(3);
  const [a, b, c, d] = spec.files;
  writeFileSync(join(dir, a), gzipSync(files[a]));
  writeFileSync(join(dir, b), gzipSync(files[b]));
  writeFileSync(join(dir, c.replace(/\.gz$/, "")), files[c]); // an uncompressed copy is accepted too
  writeFileSync(join(dir, d), files[d]); // IDX bytes under the .gz name: decodeIdx tells by the magic number
  const got = await nodeDatasetLoader({ env: {} })(spec, dir);
  assert.deepEqual(Object.keys(got).sort(), [...spec.files].sort());
  assert.deepEqual(got[c], files[c]);
  assert.deepEqual(got[a].subarray(0, 2), Uint8Array.from([0x1f, 0x8b]));
  // folder: given > environment > the package's; relative ones from the working directory
  assert.equal(datasetFolder(spec, undefined, { env: {} }), spec.folder);
  assert.equal(datasetFolder(spec, undefined, { env: { FASHION_MNIST_DIR: dir } }), dir);
  assert.equal(datasetFolder(spec, "data", { env: { FASHION_MNIST_DIR: "/elsewhere" }, cwd: "/home/u" }), "/home/u/data");
  assert.deepEqual(Object.keys(await nodeDatasetLoader({ env: { FASHION_MNIST_DIR: dir } })(spec)).length, 4);
});

test("nodeDatasetLoader: a missing folder or file is one MissingDataError line with the install command", async () => {
  const load = nodeDatasetLoader({ env: {} });
  await assert.rejects(load(spec), (e: Error) => {
    assert.ok(e instanceof MissingDataError);
    assert.equal(e.message, missingDataMessage(spec, "there is no folder /nonexistent/biaslab-test-folder"));
    assert.match(e.message, /^Fashion-MNIST is not installed: .*; install it: sudo apt-get install dataset-fashion-mnist \(or bash scripts\/datasets\.sh\), or name a folder .* --set dataDir=DIR or FASHION_MNIST_DIR=DIR$/);
    assert.ok(!e.message.includes("\n"));
    return true;
  });
  const dir = tempDir("biaslab-data-");
  writeFileSync(join(dir, spec.files[1]), "x");
  await assert.rejects(load(spec, dir), new RegExp(`${dir} lacks train-images-idx3-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz; install it`));
});

test("run test-loss-vs-error without its data: one line naming the install command, exit 2, nothing written", async () => {
  const cwd = tempDir();
  mkdirSync(join(cwd, "empty"));
  const r = await cli(["run", "test-loss-vs-error", "--quick", "--set", "dataDir=empty"], { cwd });
  assertOneErrorLine(r, /Fashion-MNIST is not installed: .*empty lacks train-images-idx3-ubyte\.gz.*; install it: sudo apt-get install dataset-fashion-mnist/);
  assert.ok(!existsSync(join(cwd, "biaslab-out")));
});

/** a lab with one passing claim and one whose data set is missing */
function labWithMissingData(): Lab {
  const params = z.object({ n: z.number().default(1) });
  const passing = {
    id: "pass-claim", section: "A", seeds: ["000"], claim: "pass-claim holds", params, quick: { n: 2 },
    run: async () => ({ id: "pass-claim", params: {}, checks: [checkAtMost("distance", 1e-12, 1e-8)], traces: [], figures: [], summary: { n: 1 } }),
  };
  const needsData = {
    id: "needs-data", section: "B", seeds: ["004"], claim: "needs-data holds on real images", params, quick: { n: 2 },
    run: async () => {
      throw new MissingDataError(missingDataMessage(spec, "there is no folder /nonexistent/biaslab-test-folder"), spec.id);
    },
  };
  return {
    experiments: [passing, needsData] as unknown as Experiment[],
    runExperiment: (exp, options) => runExperiment(exp, options),
    writeRunDir: (dir, results) => writeRunDir(dir, results),
    progressBar: () => ({ update: () => {}, done: () => {} }),
  };
}

test("verify: a claim whose data set is missing is SKIPPED with the install command, counted neither pass nor fail", async () => {
  const cwd = tempDir();
  const lab = labWithMissingData();
  const r = await cli(["verify", "--quick"], { lab, cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^needs-data\s+skipped: Fashion-MNIST is not installed: .*sudo apt-get install dataset-fashion-mnist.*SKIPPED$/m);
  assert.match(r.stdout, /^PASS: 1\/1 claim pass \(1\/1 checks\); skipped \(data not installed\): needs-data$/m);
  assert.match(r.stderr, /biaslab: skipped needs-data: Fashion-MNIST is not installed/);
  const html = readFileSync(join(cwd, "biaslab-out", "verify", "report.html"), "utf8");
  assert.match(html, /SKIPPED/);
  assert.match(html, /1 of 2 claims pass, 1 skipped \(data not installed\)/);

  const json = await cli(["verify", "--json", "--out", "j"], { lab, cwd });
  assert.equal(json.code, 0);
  const parsed = JSON.parse(json.stdout);
  assert.equal(parsed.pass, true);
  assert.deepEqual(parsed.skipped.map((s: { id: string }) => s.id), ["needs-data"]);
  assert.match(parsed.skipped[0].reason, /sudo apt-get install dataset-fashion-mnist/);
  const skipped = parsed.results.find((x: { id: string }) => x.id === "needs-data");
  assert.deepEqual(skipped.checks, []);

  // only skipped claims: nothing was verified, so no PASS and exit 2
  const only = await cli(["verify", "--only", "needs-data", "--out", "o"], { lab, cwd });
  assert.equal(only.code, 2);
  assert.match(only.stdout, /^SKIPPED: 0\/0 claims pass \(0\/0 checks\); skipped \(data not installed\): needs-data$/m);
});
