// train on classification data through main() in-process: which max-margin direction each
// optimizer ends closest to, the log-domain loss, the run folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { separableData, writeIdx } from "../../src/data/index.ts";
import { Rng } from "../../src/random/index.ts";
import { cli, tempDir, writeFiles } from "./harness.ts";

/** 2-D separable data with one planted support vector: the ℓ2, ℓ1 and ℓ∞ max-margin directions differ */
function twoD() {
  const data = separableData(new Rng(1), { n: 40, d: 2, gap: 0.3, supportVectors: 1, clearance: 0.2 });
  const rows = Array.from({ length: data.X.rows }, (_, i) => [...data.X.row(i), data.y[i]].join(","));
  return { data, csv: `x1,x2,y\n${rows.join("\n")}\n` };
}

/** the angle between a and b by atan2 of the normalized difference and sum */
function angle(a: number[], b: number[]): number {
  const na = Math.hypot(...a), nb = Math.hypot(...b);
  const minus = Math.hypot(...a.map((v, i) => v / na - b[i] / nb)), plus = Math.hypot(...a.map((v, i) => v / na + b[i] / nb));
  return 2 * Math.atan2(minus, plus);
}

interface Report {
  optimizer: string;
  lossFunction: string;
  iterations: number;
  stopReason: string;
  loss: number;
  logLoss: number;
  normW: number;
  margin: number;
  marginInOptimizerNorm?: { p: number | string; margin: number };
  trainingErrors: number;
  predictor: number[];
  references: Record<string, { p: number | string; maxMargin: number; angle: number; directionGap: number; marginGap: number }>;
  closest: string;
}

async function train(cwd: string, ...args: string[]): Promise<Report> {
  const r = await cli(["train", ...args, "--json"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  return JSON.parse(r.stdout);
}

test("normalized GD on the logistic loss ends at the svm-l2 direction, far closer than to svm-l1's; ℓ1 steepest descent the other way", async () => {
  const cwd = tempDir();
  const { data, csv } = twoD();
  writeFiles(cwd, { "two.csv": csv });
  const svm = async (p: string) => JSON.parse((await cli(["solve", p, "--data", "two.csv", "--json"], { cwd })).stdout).solution as number[];
  const [l2, l1] = [await svm("svm-l2"), await svm("svm-l1")];
  assert.ok(angle(l2, l1) > 0.1, `the two directions must differ for the check to mean anything (${angle(l2, l1)} rad)`);

  const j = await train(cwd, "--data", "two.csv", "--loss", "logistic", "--optimizer", "normalized-gd", "--lr", "0.1", "--iters", "20000");
  assert.deepEqual(Object.keys(j), ["optimizer", "lossFunction", "iterations", "stopReason", "loss", "logLoss", "normW", "margin", "trainingErrors", "predictor", "references", "closest"]);
  assert.deepEqual(Object.keys(j.references), ["svm-l2", "svm-l1", "svm-linf"]);
  assert.equal(j.iterations, 20000);
  assert.equal(j.trainingErrors, 0);
  // the reported angle is the angle to the solve command's svm-l2 solution
  const a2 = angle(j.predictor, l2), a1 = angle(j.predictor, l1);
  assert.ok(Math.abs(j.references["svm-l2"].angle - a2) < 1e-9 && Math.abs(j.references["svm-l1"].angle - a1) < 1e-9);
  assert.ok(a2 < 1e-3, `angle to svm-l2 ${a2}`);
  assert.ok(a2 < a1 / 100, `angle to svm-l2 ${a2} against svm-l1 ${a1}`);
  assert.equal(j.closest, "svm-l2");
  assert.ok(Math.abs(j.margin - data.gap) < 1e-6 * data.gap, `normalized margin ${j.margin} → γ* = ${data.gap}`);
  assert.ok(Math.abs(j.references["svm-l2"].maxMargin - data.gap) < 1e-10);
  // normalized GD takes steps of length η: ‖w‖₂ ≤ ηT, and nearly ηT once the direction settles
  assert.ok(j.normW <= 0.1 * 20000 + 1e-9 && j.normW > 0.99 * 0.1 * 20000);

  // the same comparison on ℓ1 steepest descent points at svm-l1: the check tells the biases apart
  const s = await train(cwd, "--data", "two.csv", "--loss", "exponential", "--optimizer", "normalized-steepest", "--set", "norm=1", "--lr", "0.01", "--iters", "20000");
  assert.equal(s.closest, "svm-l1");
  assert.ok(s.references["svm-l1"].angle < s.references["svm-l2"].angle / 3, JSON.stringify(s.references));
  assert.equal(s.marginInOptimizerNorm?.p, 1);
  assert.ok(Math.abs(s.marginInOptimizerNorm!.margin - s.references["svm-l1"].maxMargin) < 0.01 * s.references["svm-l1"].maxMargin);
});

test("the loss is reported in the log domain where it underflows; ℓp geometry adds svm-lp to the candidates", async () => {
  const cwd = tempDir();
  writeFiles(cwd, { "two.csv": twoD().csv });
  const j = await train(cwd, "--data", "two.csv", "--loss", "exponential", "--optimizer", "dual-accelerated", "--lr", "0.05", "--iters", "5000");
  assert.equal(j.loss, 0, "e^{−u} has underflowed");
  assert.ok(Number.isFinite(j.logLoss) && j.logLoss < -1000, `log L = ${j.logLoss}`);
  assert.ok(j.references["svm-l2"].angle < 1e-4 && j.closest === "svm-l2");
  const p = await train(cwd, "--data", "two.csv", "--loss", "logistic", "--optimizer", "steepest", "--set", "norm=3", "--lr", "0.01", "--iters", "100");
  assert.deepEqual(Object.keys(p.references), ["svm-l2", "svm-l1", "svm-linf", "svm-lp (p = 3)"]);
  assert.equal(p.marginInOptimizerNorm?.p, 3);
});

test("train --out writes the run folder: trace.csv at log-spaced t, the figures with the 2-D picture, result.json", async () => {
  const cwd = tempDir();
  writeFiles(cwd, { "two.csv": twoD().csv });
  const r = await cli(["train", "--data", "two.csv", "--loss", "logistic", "--optimizer", "gd", "--lr", "1", "--iters", "2000", "--out", "o"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^gd on two\.csv: N = 40 examples, d = 2 features, labels from column 'y' of two\.csv: −1 \(\d+\), \+1 \(\d+\)$/m);
  assert.match(r.stdout, /final: L = [0-9.e-]+ \(log L = -?[0-9.e+-]+\), ‖w‖₂ = [0-9.e+]+, normalized margin minᵢ yᵢ⟨w, xᵢ⟩\/‖w‖₂ = [0-9.]+, training errors 0 of 40/);
  assert.match(r.stdout, /^svm-l2\s+0\.3\s+[0-9.e-]+/m);
  assert.match(r.stdout, /^closest: svm-l2 at [0-9.e-]+ rad; the next is at [0-9.e-]+ rad$/m);
  assert.deepEqual(readdirSync(join(cwd, "o", "figures")).sort(), ["angle-to-references.svg", "data.svg", "loss.svg", "margin.svg", "norm.svg"]);
  const lines = readFileSync(join(cwd, "o", "trace.csv"), "utf8").trim().split("\n");
  assert.equal(lines[0], "trace,t,loss,log loss,‖w‖₂,normalized margin (ℓ2),angle to svm-l2,angle to svm-l1,angle to svm-linf");
  const rows = lines.slice(1).map((l) => l.split(",").slice(1).map(Number));
  assert.deepEqual(rows.map((row) => row[0]).slice(0, 5), [0, 1, 2, 5, 10]);
  assert.equal(rows[rows.length - 1][0], 2000);
  assert.ok(rows[rows.length - 1][5] < rows[1][5] / 10, "the angle to svm-l2 falls");
  assert.ok(rows.every((row) => Math.abs(Math.log(row[1]) - row[2]) < 1e-9 * Math.max(1, Math.abs(row[2]))), "log loss = log(loss) while the loss is representable");
  const saved = JSON.parse(readFileSync(join(cwd, "o", "result.json"), "utf8"));
  assert.equal(saved.params.loss, "logistic");
  assert.equal(saved.params.lr, 1);
  assert.equal(saved.summary["closest max-margin direction"], "svm-l2");
  assert.equal(saved.summary["svm-l2: certificate ok"], true);
  assert.deepEqual(saved.checks, []);
});

test("softmax cross-entropy on k classes is compared with the multiclass SVM; IDX data train like CSV", async () => {
  const cwd = tempDir();
  writeFiles(cwd, { "unit.csv": "u,v,w,animal\n0,1,0,dog\n1,0,0,cat\n0,0,1,eel\n0,2,0,dog\n2,0,0,cat\n0,0,2,eel\n" });
  const m = await train(cwd, "--data", "unit.csv", "--loss", "softmax", "--optimizer", "normalized-gd", "--lr", "0.1", "--iters", "5000");
  assert.deepEqual(Object.keys(m.references), ["svm-multiclass"]);
  assert.ok(m.references["svm-multiclass"].angle < 1e-3, `angle ${m.references["svm-multiclass"].angle}`);
  // the closed form W = I − 11ᵀ/3 (rows cat, dog, eel)
  assert.ok(angle(m.predictor, [2, -1, -1, -1, 2, -1, -1, -1, 2]) < 1e-3);

  const { data, csv } = twoD();
  writeFiles(cwd, { "two.csv": csv });
  writeFileSync(join(cwd, "x.idx"), writeIdx({ type: "float64", dims: [40, 2], data: data.X.data }));
  writeFileSync(join(cwd, "y.idx"), writeIdx({ type: "int32", dims: [40], data: Int32Array.from(data.y, (v) => (v > 0 ? 4 : 9)) }));
  const a = await train(cwd, "--data", "two.csv", "--loss", "logistic", "--optimizer", "gd", "--lr", "1", "--iters", "300");
  const b = await train(cwd, "--data", "x.idx", "--labels", "y.idx", "--classes", "9,4", "--loss", "logistic", "--optimizer", "gd", "--lr", "1", "--iters", "300");
  assert.deepEqual(b.predictor, a.predictor);
});
