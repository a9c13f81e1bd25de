// train on matrix data (--model uu | uv | deep:<L> | hadamard) through main() in-process.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../../src/random/index.ts";
import { assertOneErrorLine, cli, tempDir, writeFiles } from "./harness.ts";

/** m symmetric Gaussian Aᵢ (n×n) measuring a rank-1 PSD W* = uuᵀ, as measurement rows (vec(Aᵢ), yᵢ) */
function sensingCsv(n: number, m: number, seed: number): string {
  const rng = new Rng(seed);
  const u = Array.from({ length: n }, () => rng.normal());
  const W = u.flatMap((a) => u.map((b) => a * b));
  const rows: string[] = [];
  for (let i = 0; i < m; i++) {
    const G = Array.from({ length: n * n }, () => rng.normal());
    const A = Array.from({ length: n * n }, (_, p) => (G[p] + G[(p % n) * n + Math.floor(p / n)]) / 2);
    rows.push([...A, A.reduce((s, v, p) => s + v * W[p], 0)].join(","));
  }
  return `${rows.join("\n")}\n`;
}

/** the off-diagonal entries of uuᵀ, u = (1, 2, 3); the min-trace PSD completion is uuᵀ */
const RANK_ONE = "i,j,value\n1,2,2\n1,3,3\n2,3,6\n";

interface MatrixReport {
  model: string;
  loss: number;
  predictor: number[][] & number[];
  distances: Record<string, number | null>;
  nuclearNorm: number;
  effectiveRank: number;
  rank: number;
  singularValues: number[];
}

async function train(argv: string[], cwd: string): Promise<MatrixReport> {
  const r = await cli(["train", ...argv, "--json"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  return JSON.parse(r.stdout);
}

test("train --model uu on symmetric Gaussian measurements: GD from a small αI ends at the nuclear-psd solution, not min-Frobenius", async () => {
  const cwd = tempDir();
  writeFiles(cwd, { "sens.csv": sensingCsv(4, 8, 5) });
  const r = await cli(["train", "--data", "sens.csv", "--model", "uu", "--optimizer", "gd", "--lr", "0.02", "--iters", "20000", "--json"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ["model", "optimizer", "iterations", "stopReason", "loss", "predictor", "distances", "nuclearNorm", "effectiveRank", "rank", "singularValues"]);
  assert.equal(j.model, "uu");
  assert.equal(j.iterations, 20000);
  assert.ok(j.loss < 1e-12, `loss ${j.loss}`);
  assert.deepEqual(Object.keys(j.distances), ["nuclear-psd", "min-frobenius"]);
  assert.ok(j.distances["nuclear-psd"] < 1e-5, `to nuclear-psd ${j.distances["nuclear-psd"]}`);
  assert.ok(j.distances["min-frobenius"] > 0.3, `to min-Frobenius ${j.distances["min-frobenius"]}`);
  assert.equal(j.rank, 1);
  assert.ok(Math.abs(j.effectiveRank - 1) < 1e-5);
  // W = UUᵀ is symmetric, and its nuclear norm is the sum of the reported singular values
  for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) assert.equal(j.predictor[a][b], j.predictor[b][a]);
  assert.ok(Math.abs(j.nuclearNorm - j.singularValues.reduce((s: number, v: number) => s + v, 0)) < 1e-14);

  // the same through solve: the printed nuclear-psd solution
  const s = JSON.parse((await cli(["solve", "nuclear-psd", "--data", "sens.csv", "--json"], { cwd })).stdout);
  const diff = Math.hypot(...j.predictor.flat().map((v: number, k: number) => v - s.solution.flat()[k])) / Math.hypot(...s.solution.flat());
  assert.ok(diff < 1e-5);
  // larger α: further from the nuclear-psd solution (the bias needs a small start)
  const big = await train(["--data", "sens.csv", "--model", "uu", "--alpha", "0.5", "--optimizer", "gd", "--lr", "0.02", "--iters", "20000"], cwd);
  assert.ok(big.distances["nuclear-psd"]! > 100 * j.distances["nuclear-psd"], `α = 0.5: ${big.distances["nuclear-psd"]}`);
});

test("train on a completion file: uu completes uuᵀ from its off-diagonal entries (1- or 0-based, mirrored rows merged), uv a rectangular one", async () => {
  const cwd = tempDir();
  writeFiles(cwd, {
    "e.csv": RANK_ONE,
    "e0.csv": "0,1,2\n0,2,3\n1,2,6\n2,1,6\n",
    "r.csv": "1,1,2\n1,2,1\n2,1,4\n2,3,1\n",
  });
  const args = ["--model", "uu", "--optimizer", "gd", "--lr", "0.05", "--iters", "5000"];
  const one = await train(["--data", "e.csv", ...args], cwd);
  const zero = await train(["--data", "e0.csv", "--index-base", "0", ...args], cwd);
  const uuT = [1, 2, 3, 2, 4, 6, 3, 6, 9];
  assert.ok(one.loss < 1e-20);
  assert.ok(Math.max(...one.predictor.flat().map((v, k) => Math.abs(v - uuT[k]))) < 1e-4);
  assert.ok(one.distances["nuclear-psd"]! < 1e-4);
  // min-Frobenius over symmetric W leaves the diagonal at 0: ‖W − W_F‖/‖W_F‖ = ‖diag(1, 4, 9)‖/(√2·‖(2, 3, 6)‖) = √98/√98
  assert.ok(Math.abs(one.distances["min-frobenius"]! - 1) < 1e-4);
  assert.deepEqual(zero.predictor, one.predictor);
  // the registry's other first-order methods apply too, and land at the same completion
  for (const opt of [["--optimizer", "heavy-ball", "--lr", "0.01"], ["--optimizer", "sgd", "--set", "batchSize=1", "--lr", "0.05"]]) {
    const o = await train(["--data", "e.csv", "--model", "uu", ...opt, "--iters", "20000"], cwd);
    assert.ok(o.distances["nuclear-psd"]! < 1e-4 && o.distances["min-frobenius"]! > 0.9, `${opt[1]}: ${JSON.stringify(o.distances)}`);
  }

  // W = UVᵀ on 4 entries of a 2×3 matrix (--shape): GD from a small start reaches the min nuclear-norm completion
  const uv = await train(["--data", "r.csv", "--shape", "2x3", "--model", "uv", "--optimizer", "gd", "--lr", "0.05", "--iters", "20000"], cwd);
  assert.equal(uv.predictor.length, 2);
  assert.equal(uv.predictor[0].length, 3);
  assert.deepEqual(Object.keys(uv.distances), ["nuclear", "min-frobenius"]);
  assert.ok(uv.distances.nuclear! < 1e-5 && uv.distances["min-frobenius"]! > 0.3, JSON.stringify(uv.distances));
});

test("train --model hadamard on rows aᵢ, bᵢ: x = u⊙u approaches nonneg-l1 as α falls; deep:<L> runs on square data", async () => {
  const cwd = tempDir();
  writeFiles(cwd, { "v.csv": "a1,a2,a3,b\n1,2,3,6\n", "sens.csv": sensingCsv(3, 5, 9) });
  const args = ["--data", "v.csv", "--model", "hadamard", "--optimizer", "gd", "--lr", "0.01", "--iters", "20000"];
  const coarse = await train([...args, "--alpha", "1e-2"], cwd), fine = await train([...args, "--alpha", "1e-4"], cwd);
  assert.deepEqual(Object.keys(fine.distances), ["nonneg-l1", "min-frobenius"]);
  assert.equal(fine.predictor.length, 3, "a flat x");
  // off-support xⱼ ~ α^{2cⱼ} with reduced costs c = 1 − aⱼ/3 = (2/3, 1/3): the distance shrinks like α^{2/3}
  assert.ok(fine.distances["nonneg-l1"]! < coarse.distances["nonneg-l1"]! / 10, `${coarse.distances["nonneg-l1"]} → ${fine.distances["nonneg-l1"]}`);
  assert.ok(fine.distances["min-frobenius"]! > 0.5);
  const deep = await train(["--data", "sens.csv", "--model", "deep:2", "--alpha", "0.1", "--optimizer", "gd", "--lr", "0.05", "--iters", "10000"], cwd);
  assert.deepEqual(Object.keys(deep.distances), ["nuclear", "min-frobenius"]);
  assert.ok(deep.loss < 1e-6, `${deep.loss}`);
});

test("train --out on matrix data writes result.json, trace.csv and four figures", async () => {
  const cwd = tempDir();
  writeFiles(cwd, { "e.csv": RANK_ONE });
  const r = await cli(["train", "--data", "e.csv", "--model", "uu", "--optimizer", "gd", "--lr", "0.05", "--iters", "3000", "--out", "run"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^gd on e\.csv: 3 observed entries of a 3×3 matrix/);
  assert.match(r.stdout, /^nuclear-psd\s+argmin tr W .*\s[0-9.e-]+$/m);
  assert.match(r.stdout, /^eigenvalues\s+14, /m);
  const saved = JSON.parse(readFileSync(join(cwd, "run", "result.json"), "utf8"));
  assert.equal(saved.params.model, "uu");
  assert.equal(saved.params.alpha, 1e-3);
  assert.equal(saved.params.lr, 0.05);
  assert.ok(saved.summary["distance to nuclear-psd"] < 1e-4);
  assert.deepEqual(readdirSync(join(cwd, "run", "figures")).sort(), ["distance-to-references.svg", "effective-rank.svg", "loss.svg", "singular-values.svg"]);
  const lines = readFileSync(join(cwd, "run", "trace.csv"), "utf8").trim().split("\n");
  assert.equal(lines[0], "trace,t,loss,distance to nuclear-psd,distance to min-frobenius,nuclear norm,effective rank");
  const rows = lines.slice(1).map((l) => l.split(",").slice(1).map(Number));
  assert.deepEqual([rows[0][0], rows[rows.length - 1][0]], [0, 3000]);
  // from W₀ = α²I: nuclear norm 3α², effective rank 3; at the end rank one with ‖W‖_* = 14
  assert.ok(Math.abs(rows[0][4] - 3e-6) < 1e-15 && Math.abs(rows[0][5] - 3) < 1e-12);
  assert.ok(Math.abs(rows[rows.length - 1][4] - 14) < 1e-3 && rows[rows.length - 1][5] < 1.001);
});

test("train on matrix data: divergence and every bad input are one line, exit 2, nothing written", async () => {
  const cwd = tempDir();
  const files = {
    "sens.csv": sensingCsv(3, 5, 9),
    "e.csv": RANK_ONE,
    "dup.csv": "1,1,1\n2,2,1\n1,1,1\n",
    "mirror.csv": "1,2,1\n2,1,3\n",
    "range.csv": "1,1,1\n3,1,1\n",
    "rect.csv": "1,0,0,0,0,0,1\n",
    "v.csv": "1,2,3,6\n",
  };
  writeFiles(cwd, files);
  const run = (...args: string[]) => cli(["train", ...args, "--out", "o"], { cwd });
  const gd = ["--optimizer", "gd", "--lr", "0.02"];
  assertOneErrorLine(await run("--data", "sens.csv", "--model", "uu", "--optimizer", "gd", "--lr", "50", "--iters", "2000"),
    /the step size lr = 50 diverged \(.*\); near W\* = nuclear-psd the curvature in the factors is about 4β‖W\*‖₂ = [0-9.]+ \(β = λmax\(A\*A\)\/m = [0-9.]+\), a stability bound of about 2\/[0-9.]+ = [0-9.]+; use --lr below it/);
  assertOneErrorLine(await run("--data", "dup.csv", "--model", "uu", ...gd), /dup\.csv line 3: entry \(1, 1\) is already given on line 1; list each entry once/);
  assertOneErrorLine(await run("--data", "mirror.csv", "--model", "uu", ...gd), /mirror\.csv line 2: entry \(2, 1\) = 3 mirrors \(1, 2\) = 1 on line 1/);
  assertOneErrorLine(await run("--data", "range.csv", "--shape", "2x2", "--model", "uv", ...gd), /range\.csv line 2, column 'i': row index 3 is outside the matrix's 2 rows/);
  assertOneErrorLine(await run("--data", "rect.csv", "--shape", "2x3", "--model", "uu", ...gd), /--model uu needs a square W, --shape is 2x3/);
  assertOneErrorLine(await run("--data", "rect.csv", "--shape", "2x3", "--model", "deep:2", ...gd), /--model deep:2 needs a square W, the data are 2×3; use --model uv/);
  assertOneErrorLine(await run("--data", "sens.csv", "--model", "deep:x", ...gd), /--model deep:x: the depth must be an integer ≥ 1/);
  assertOneErrorLine(await run("--data", "sens.csv", "--model", "deep:2", "--rank", "2", ...gd), /--rank does not apply to --model deep:2/);
  assertOneErrorLine(await run("--data", "v.csv", "--model", "hadamard", "--init", "random", ...gd), /--init does not apply to --model hadamard/);
  assertOneErrorLine(await run("--data", "sens.csv", "--model", "uu", "--init", "orthogonal", ...gd), /option '--init <kind>' argument 'orthogonal' is invalid/);
  assertOneErrorLine(await run("--data", "sens.csv", "--model", "uu", "--optimizer", "cg"), /optimizer cg needs a quadratic objective, and --model uu is not one/);
  assertOneErrorLine(await run("--data", "sens.csv", "--model", "uu", "--w0", "1", ...gd), /--w0 does not apply to --model uu/);
  assertOneErrorLine(await run("--data", "sens.csv", "--model", "uu", "--optimizer", "mirror-descent", "--potential", "entropy"), /outside the domain of the potential/);
  assertOneErrorLine(await run("--data", "sens.csv", "--model", "mlp", ...gd), /unknown --model 'mlp'; models are: linear, uu, uv, deep:<L>, hadamard/);
  assertOneErrorLine(await run("--data", "sens.csv", "--alpha", "0.1", ...gd), /--alpha applies to the matrix models, not --model linear/);
  assert.deepEqual(readdirSync(cwd).sort(), Object.keys(files).sort());
  assert.ok(!existsSync(join(cwd, "o")));
});
