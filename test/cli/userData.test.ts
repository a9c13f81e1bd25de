// solve and train on CSV files through main() in-process, checked against closed forms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../../src/random/index.ts";
import { assertOneErrorLine, cli, tempDir, writeFiles } from "./harness.ts";

/** X = [[1,0,1],[0,1,1]], y = [1,2]: min-l2 = Xᵀ(XXᵀ)⁻¹y = [0,1,1] (XXᵀ = [[2,1],[1,2]], μ = [0,1]). */
const TINY = "# a tiny underdetermined system\nx1,x2,x3,y\n1,0,1,1\n0,1,1,2\n";

/** N×d standard normal features (standardized columns), y = X w* with a sparse w*, as CSV. */
function gaussianCsv(N: number, d: number, seed: number): { csv: string; X: number[][]; y: number[] } {
  const rng = new Rng(seed);
  const X = Array.from({ length: N }, () => Array.from({ length: d }, () => rng.normal()));
  for (let j = 0; j < d; j++) {
    const mean = X.reduce((s, r) => s + r[j], 0) / N;
    const sd = Math.sqrt(X.reduce((s, r) => s + (r[j] - mean) ** 2, 0) / N);
    for (const r of X) r[j] = (r[j] - mean) / sd;
  }
  const wStar = Array.from({ length: d }, (_, j) => (j < 2 ? 1 + j : 0));
  const y = X.map((r) => r.reduce((s, x, j) => s + x * wStar[j], 0));
  const header = [...Array.from({ length: d }, (_, j) => `f${j + 1}`), "y"].join(",");
  return { csv: `${header}\n${X.map((r, i) => [...r, y[i]].join(",")).join("\n")}\n`, X, y };
}

function residualNorm(X: number[][], y: number[], w: number[]): number {
  return Math.hypot(...X.map((r, i) => r.reduce((s, x, j) => s + x * w[j], 0) - y[i]));
}

test("solve min-l2 --json prints exactly { program, solution, certificate } matching the closed form", async () => {
  const cwd = tempDir();
  writeFiles(cwd, { "tiny.csv": TINY });
  const r = await cli(["solve", "min-l2", "--data", "tiny.csv", "--json"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ["program", "solution", "certificate"]);
  assert.equal(j.program, "min-l2");
  [0, 1, 1].forEach((v, i) => assert.ok(Math.abs(j.solution[i] - v) < 1e-12, `w[${i}] = ${j.solution[i]}`));
  assert.equal(j.certificate.ok, true);
  assert.ok(j.certificate.primalResidual < 1e-12);

  // with w0: argmin ‖w − w0‖₂ = w0 + Xᵀ(XXᵀ)⁻¹(y − Xw0); w0 = 1 gives y − Xw0 = [−1, 0], μ = [−2/3, 1/3]
  const w = JSON.parse((await cli(["solve", "min-l2", "--data", "tiny.csv", "--w0", "1", "--json"], { cwd })).stdout).solution;
  [1 / 3, 4 / 3, 2 / 3].forEach((v, i) => assert.ok(Math.abs(w[i] - v) < 1e-12, `w[${i}] = ${w[i]}`));

  const human = await cli(["solve", "min-l2", "--data", "tiny.csv"], { cwd });
  assert.equal(human.code, 0);
  assert.match(human.stdout, /tiny\.csv: N = 2 examples, d = 3 features, target 'y'/);
  assert.match(human.stdout, /^x2\s+(1|0\.9999999)/m);
  assert.match(human.stdout, /^certificate\s+.*: ok$/m);
});

test("solve min-l1 and bregman on the tiny system satisfy Xw = y with valid certificates", async () => {
  const cwd = tempDir();
  writeFiles(cwd, { "tiny.csv": TINY });
  // min ‖w‖₁ s.t. w1 + w3 = 1, w2 + w3 = 2: with w3 = t, |1 − t| + |2 − t| + |t| is minimal (= 2) only at t = 1
  const l1 = JSON.parse((await cli(["solve", "min-l1", "--data", "tiny.csv", "--json"], { cwd })).stdout);
  [0, 1, 1].forEach((v, i) => assert.ok(Math.abs(l1.solution[i] - v) < 1e-7, `w[${i}] = ${l1.solution[i]}`));
  assert.equal(l1.certificate.ok, true);
  const r = await cli(["solve", "bregman", "--potential", "entropy", "--data", "tiny.csv", "--json"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  const b = JSON.parse(r.stdout);
  assert.ok(b.solution.every((v: number) => v > 0), "entropy keeps w > 0");
  assert.ok(Math.abs(b.solution[0] + b.solution[2] - 1) < 1e-9 && Math.abs(b.solution[1] + b.solution[2] - 2) < 1e-9);
  // KKT of argmin Σ w log w − w from w0 = 1: log w = Xᵀλ, so log w3 = log w1 + log w2
  assert.ok(Math.abs(Math.log(b.solution[2]) - Math.log(b.solution[0]) - Math.log(b.solution[1])) < 1e-8);
});

test("solve: malformed data and impossible systems are one line, exit 2", async () => {
  const cwd = tempDir();
  writeFiles(cwd, {
    "ragged.csv": "a,b,y\n1,2,3\n1,2\n",
    "text.csv": "a,b,y\n1,2,3\n1,abc,3\n",
    "nan.csv": "a,b,y\n1,NaN,3\n",
    "inconsistent.csv": "a,b,y\n1,1,1\n1,1,2\n",
    "tiny.csv": TINY,
  });
  assertOneErrorLine(await cli(["solve", "min-l2", "--data", "ragged.csv"], { cwd }), /ragged\.csv line 3 has 2 fields, the header has 3/);
  assertOneErrorLine(await cli(["solve", "min-l2", "--data", "text.csv"], { cwd }), /text\.csv line 3, column 'b': 'abc' is not a number/);
  assertOneErrorLine(await cli(["solve", "min-l2", "--data", "nan.csv"], { cwd }), /nan\.csv line 2, column 'b': 'NaN' is not finite/);
  assertOneErrorLine(await cli(["solve", "min-l2", "--data", "inconsistent.csv"], { cwd }), /inconsistent|no solution/i);
  assertOneErrorLine(await cli(["solve", "min-l1", "--data", "inconsistent.csv"], { cwd }), /no solution|infeasible/i);
  assertOneErrorLine(await cli(["solve", "min-l2", "--data", "missing.csv"], { cwd }), /cannot read --data 'missing\.csv': no such file/);
  assertOneErrorLine(await cli(["solve", "min-l2", "--data", "tiny.csv", "--target", "z"], { cwd }), /target column 'z' is not in tiny\.csv; columns are: x1, x2, x3, y/);
  assertOneErrorLine(await cli(["solve", "min-l2", "--data", "tiny.csv", "--w0", "w0.txt"], { cwd }), /cannot read --w0/);
  writeFiles(cwd, { "w0.txt": "1 2\n" });
  assertOneErrorLine(await cli(["solve", "min-l2", "--data", "tiny.csv", "--w0", "w0.txt"], { cwd }), /has 2 numbers, the data has 3 features/);
  assertOneErrorLine(await cli(["solve", "min-l3", "--data", "tiny.csv"], { cwd }), /unknown program 'min-l3'; programs are: min-l2, min-l1, min-linf, bregman/);
  assertOneErrorLine(await cli(["solve", "bregman", "--potential", "entropyy", "--data", "tiny.csv"], { cwd }), /unknown potential "entropyy"; allowed: euclidean, entropy/);
  assertOneErrorLine(await cli(["solve", "bregman", "--potential", "entropy", "--w0", "-1", "--data", "tiny.csv"], { cwd }), /outside the domain/);
  assertOneErrorLine(await cli(["solve", "min-l1", "--potential", "entropy", "--data", "tiny.csv"], { cwd }), /--potential applies to the bregman program/);
  assertOneErrorLine(await cli(["solve", "min-l1", "--w0", "1", "--data", "tiny.csv"], { cwd }), /--w0 applies to min-l2 and bregman/);
  assertOneErrorLine(await cli(["solve", "ridge", "--set", "lamda=1", "--data", "tiny.csv"], { cwd }), /unknown key 'lamda' for program ridge; keys are: lambda/);
});

test("train --optimizer gd --json reaches the min-l2 solution and not the min-l1 one", async () => {
  const cwd = tempDir();
  const { csv, X, y } = gaussianCsv(5, 10, 7);
  writeFiles(cwd, { "g.csv": csv });
  const r = await cli(["train", "--data", "g.csv", "--optimizer", "gd", "--lr", "0.1", "--iters", "5000", "--json"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ["optimizer", "iterations", "stopReason", "loss", "predictor", "distances"]);
  assert.equal(j.optimizer, "gd");
  assert.equal(j.iterations, 5000);
  assert.equal(j.stopReason, "max-iterations");
  assert.ok(j.loss < 1e-20, `loss ${j.loss}`);
  assert.ok(residualNorm(X, y, j.predictor) < 1e-9);
  assert.deepEqual(Object.keys(j.distances), ["min-l2", "min-l1", "min-linf"]);
  assert.ok(j.distances["min-l2"] < 1e-8, `distance to min-l2 ${j.distances["min-l2"]}`);
  assert.ok(j.distances["min-l1"] > 1e-1, `distance to min-l1 ${j.distances["min-l1"]}`);
  assert.ok(j.distances["min-linf"] > 1e-1, `distance to min-linf ${j.distances["min-linf"]}`);

  // the same through solve: the predictor equals the printed min-l2 solution
  const s = JSON.parse((await cli(["solve", "min-l2", "--data", "g.csv", "--json"], { cwd })).stdout);
  const gap = Math.hypot(...s.solution.map((v: number, i: number) => v - j.predictor[i])) / Math.hypot(...s.solution);
  assert.ok(gap < 1e-8);
});

test("train mirror-descent with the entropy potential lands on the Bregman projection", async () => {
  const cwd = tempDir();
  writeFiles(cwd, { "tiny.csv": TINY });
  const r = await cli(["train", "--data", "tiny.csv", "--optimizer", "mirror-descent", "--potential", "entropy", "--lr", "0.2", "--iters", "20000", "--json"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j.distances), ["min-l2", "min-l1", "min-linf", "bregman"]);
  assert.ok(j.distances.bregman < 1e-6, `distance to the Bregman projection ${j.distances.bregman}`);
  assert.ok(j.distances["min-l2"] > 1e-2, `distance to min-l2 ${j.distances["min-l2"]}`);
});

test("train: a diverging step size is exit 2 with the stability bound 2/β; --out is not created", async () => {
  const cwd = tempDir();
  writeFiles(cwd, { "g.csv": gaussianCsv(5, 10, 7).csv });
  // gd is refused up front when η ≥ 2/β
  const r = await cli(["train", "--data", "g.csv", "--optimizer", "gd", "--lr", "10", "--out", "run"], { cwd });
  assertOneErrorLine(r, /the step size lr = 10 diverges \(gradient descent .*\); the stability bound is 2\/β = [0-9.]+ for β = λmax\(XᵀX\)\/N = [0-9.]+; use --lr below/);
  const m = /2\/β = ([0-9.]+) for β = λmax\(XᵀX\)\/N = ([0-9.]+)/.exec(r.stderr)!;
  const bound = Number(m[1]);
  assert.ok(Math.abs(bound * Number(m[2]) - 2) < 1e-2, "2/β and β are consistent");
  // just below the bound gd converges; just above it is refused
  assert.equal((await cli(["train", "--data", "g.csv", "--optimizer", "gd", "--lr", String(0.99 * bound), "--iters", "20", "--json"], { cwd })).code, 0);
  assert.equal((await cli(["train", "--data", "g.csv", "--optimizer", "gd", "--lr", String(1.01 * bound), "--iters", "20", "--json"], { cwd })).code, 2);
  // other methods are run, and a blow-up is caught by the loop ...
  assertOneErrorLine(await cli(["train", "--data", "g.csv", "--optimizer", "heavy-ball", "--lr", "10", "--out", "run"], { cwd }), /the step size lr = 10 diverged \(the loss .* at iteration \d+\); the stability bound is 2\/β/);
  // ... and so is a slow one, where the loss only grows a little over the budget
  const slow = await cli(["train", "--data", "g.csv", "--optimizer", "heavy-ball", "--set", "momentum=0", "--lr", String(1.05 * bound), "--iters", "30", "--out", "run"], { cwd });
  assertOneErrorLine(slow, /diverged \(the loss grew from [0-9.]+ to [0-9.]+ in 30 iterations\)/);
  assert.ok(!existsSync(join(cwd, "run")));
  assert.deepEqual(readdirSync(cwd), ["g.csv"]);
});

test("train: bad flags, unknown optimizers and keys, ragged data are one line, exit 2, nothing written", async () => {
  const cwd = tempDir();
  writeFiles(cwd, { "tiny.csv": TINY, "ragged.csv": "a,b,y\n1,2,3\n1,2\n" });
  const base = ["train", "--data", "tiny.csv", "--out", "o"];
  assertOneErrorLine(await cli([...base, "--optimizer", "gdd"], { cwd }), /unknown optimizer 'gdd'; optimizers are: gd, sgd/);
  assertOneErrorLine(await cli([...base, "--optimizer", "gd", "--set", "momentum=0.9"], { cwd }), /unknown key 'momentum' for optimizer gd; keys are: lr/);
  assertOneErrorLine(await cli([...base, "--optimizer", "heavy-ball", "--set", "momentum=1.5"], { cwd }), /momentum/);
  assertOneErrorLine(await cli([...base, "--optimizer", "gd", "--lr", "-1"], { cwd }), /option '--lr <x>' argument '-1' is invalid/);
  assertOneErrorLine(await cli([...base, "--optimizer", "gd", "--model", "mlp"], { cwd }), /unknown --model 'mlp'; models are: linear/);
  assertOneErrorLine(await cli([...base, "--optimizer", "gd", "--loss", "huber"], { cwd }), /unknown --loss 'huber'; losses are: squared \(regression\); logistic, exponential/);
  assertOneErrorLine(await cli([...base, "--optimizer", "gd", "--potential", "entropy"], { cwd }), /optimizer gd has no potential/);
  assertOneErrorLine(await cli([...base, "--optimizer", "cg", "--lr", "0.1"], { cwd }), /optimizer cg takes no --lr/);
  assertOneErrorLine(await cli(["train", "--data", "ragged.csv", "--optimizer", "gd", "--out", "o"], { cwd }), /ragged\.csv line 3 has 2 fields, the header has 3/);
  assertOneErrorLine(await cli(["train", "--data", "tiny.csv", "--out", "o"], { cwd }), /required option '--optimizer <name>' not specified/);
  assert.ok(!existsSync(join(cwd, "o")));
});

test("train --out writes result.json and trace.csv; overdetermined data report references as n/a", async () => {
  const cwd = tempDir();
  writeFiles(cwd, { "tiny.csv": TINY, "over.csv": "a,y\n1,1\n2,2.5\n3,2.9\n" });
  const r = await cli(["train", "--data", "tiny.csv", "--optimizer", "gd", "--lr", "0.3", "--iters", "2000", "--out", "o"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /2000 iterations \(max-iterations\)/);
  assert.match(r.stdout, /^min-l2\s+argmin ‖w − w0‖₂.*\s[0-9.e-]+$/m);
  const saved = JSON.parse(readFileSync(join(cwd, "o", "result.json"), "utf8"));
  assert.equal(saved.params.optimizer, "gd");
  assert.equal(saved.params.lr, 0.3);
  assert.ok(saved.summary["distance to min-l2"] < 1e-8);
  assert.deepEqual(saved.checks, []);
  assert.deepEqual(readdirSync(join(cwd, "o", "figures")).sort(), ["distance-to-references.svg", "loss.svg"]);
  assert.ok(existsSync(join(cwd, "o", "report.html")));
  // trace.csv: loss and distances at log-spaced t, ending at the last iterate; the distance to min-l2 falls
  const lines = readFileSync(join(cwd, "o", "trace.csv"), "utf8").trim().split("\n");
  assert.equal(lines[0], "trace,t,loss,distance to min-l2,distance to min-l1,distance to min-linf");
  const rows = lines.slice(1).map((l) => l.split(",").slice(1).map(Number));
  assert.deepEqual([rows[0][0], rows[1][0], rows[2][0], rows[3][0]], [0, 1, 2, 5]);
  assert.equal(rows[rows.length - 1][0], 2000);
  assert.ok(rows[rows.length - 1][2] < 1e-8 && rows[0][2] === 1, "from w0 = 0 the relative distance starts at 1 and vanishes");

  // least squares without interpolation: GD converges to the LS fit, Xw = y has no solution
  const o = await cli(["train", "--data", "over.csv", "--optimizer", "gd", "--lr", "0.1", "--iters", "500", "--json"], { cwd });
  assert.equal(o.code, 0, o.stderr);
  const j = JSON.parse(o.stdout);
  // 1-D least squares: w = Σxy/Σx² = (1 + 5 + 8.7)/14
  assert.ok(Math.abs(j.predictor[0] - 14.7 / 14) < 1e-10);
  assert.equal(j.distances["min-l2"], null);
});
