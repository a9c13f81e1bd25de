// Bad classification input to solve and train: one line `biaslab: error: <what>; <allowed>`,
// exit code 2, nothing on stdout and no output folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeIdx } from "../../src/data/index.ts";
import { assertOneErrorLine, cli, tempDir, writeFiles } from "./harness.ts";

const GOOD = "x1,x2,y\n1,2,1\n2,1,1\n-1,-2,-1\n-2,-1,-1\n";
const XOR = "a,b,label\n1,1,1\n-1,-1,1\n1,-1,-1\n-1,1,-1\n";

function setup(): string {
  const cwd = tempDir();
  writeFiles(cwd, {
    "good.csv": GOOD,
    "xor.csv": XOR,
    "zero-one.csv": "x1,x2,y\n1,2,1\n-1,-2,0\n",
    "one-class.csv": "x1,x2,y\n1,2,1\n2,1,1\n",
    "digits.csv": "x1,x2,digit\n1,0,0\n0,1,1\n1,1,2\n",
    "nan.csv": "x1,x2,y\n1,2,1\n-1,NaN,-1\n",
    "empty.csv": "x1,x2,y\n1,2,1\n-1,,-1\n",
    "text.csv": "x1,x2,y\n1,2,1\n-1,abc,-1\n",
    "empty-label.csv": "x1,x2,y\n1,2,1\n-1,-2,\n",
    "nan-label.csv": "x1,x2,y\n1,2,1\n-1,-2,nan\n",
    "ragged.csv": "x1,x2,y\n1,2,1\n-1,-1\n",
    "labels-only.csv": "y\n1\n-1\n",
    "mc-bad.csv": "a,b,label\n1,1,a\n2,2,b\n0,1,c\n",
  });
  const n = 4;
  writeFileSync(join(cwd, "images.idx"), writeIdx({ type: "float64", dims: [n, 2], data: Float64Array.from([1, 2, 2, 1, -1, -2, -2, -1]) }));
  writeFileSync(join(cwd, "nan-images.idx"), writeIdx({ type: "float64", dims: [n, 2], data: Float64Array.from([1, 2, 2, 1, -1, NaN, -2, -1]) }));
  writeFileSync(join(cwd, "flat.idx"), writeIdx({ type: "uint8", dims: [n], data: Uint8Array.from([1, 2, 3, 4]) }));
  writeFileSync(join(cwd, "labels.idx"), writeIdx({ type: "int8", dims: [n], data: Int8Array.from([1, 1, -1, -1]) }));
  writeFileSync(join(cwd, "labels3.idx"), writeIdx({ type: "int8", dims: [3], data: Int8Array.from([1, 1, -1]) }));
  writeFileSync(join(cwd, "labels2d.idx"), writeIdx({ type: "int8", dims: [2, 2], data: Int8Array.from([1, 1, -1, -1]) }));
  writeFileSync(join(cwd, "float-labels.idx"), writeIdx({ type: "float32", dims: [n], data: Float32Array.from([1, 1, -1, -1]) }));
  return cwd;
}

test("solve: labels, classes and cells — what was found and what is allowed", async () => {
  const cwd = setup();
  const solve = (...a: string[]) => cli(["solve", ...a], { cwd });
  assertOneErrorLine(await solve("svm-l2", "--data", "zero-one.csv"), /the labels in column 'y' of zero-one\.csv are 0 and 1; svm-l2 takes labels −1 and \+1: map them with --classes 0,1 \(0 ↦ −1, 1 ↦ \+1\)/);
  assertOneErrorLine(await solve("svm-l1", "--data", "one-class.csv"), /every label in column 'y' of one-class\.csv is 1; svm-l1 needs two classes, labelled −1 and \+1/);
  assertOneErrorLine(await solve("svm-l2", "--data", "digits.csv"), /the labels in column 'digit' of digits\.csv take 3 values \(0, 1, 2\); svm-l2 takes two classes .*--classes a,b .*or use svm-multiclass/);
  assertOneErrorLine(await solve("svm-l2", "--data", "digits.csv", "--classes", "0,1,2"), /--classes lists 3 labels; svm-l2 takes two/);
  assertOneErrorLine(await solve("svm-l2", "--data", "digits.csv", "--classes", "0,7"), /no example in column 'digit' of digits\.csv has the label 7 given by --classes; labels present: 0, 1, 2/);
  assertOneErrorLine(await solve("svm-l2", "--data", "digits.csv", "--classes", "0,0"), /--classes lists the label 0 twice/);
  assertOneErrorLine(await solve("svm-multiclass", "--data", "one-class.csv"), /every label in column 'y' of one-class\.csv is 1; svm-multiclass needs at least two classes/);
  assertOneErrorLine(await solve("svm-l2", "--data", "nan.csv"), /nan\.csv line 3, column 'x2': 'NaN' is not finite/);
  assertOneErrorLine(await solve("svm-l2", "--data", "empty.csv"), /empty\.csv line 3, column 'x2': the cell is empty/);
  assertOneErrorLine(await solve("svm-l2", "--data", "text.csv"), /text\.csv line 3, column 'x2': 'abc' is not a number/);
  assertOneErrorLine(await solve("svm-l2", "--data", "empty-label.csv"), /empty-label\.csv line 3, column 'y': the label is empty; every example needs a label/);
  assertOneErrorLine(await solve("svm-l2", "--data", "nan-label.csv"), /nan-label\.csv line 3, column 'y': 'nan' is not a label/);
  assertOneErrorLine(await solve("svm-l2", "--data", "ragged.csv"), /ragged\.csv line 3 has 2 fields, the header has 3/);
  assertOneErrorLine(await solve("svm-l2", "--data", "labels-only.csv"), /labels-only\.csv has 1 column; classification data needs at least 1 feature column and 1 label column/);
  assertOneErrorLine(await solve("svm-l2", "--data", "good.csv", "--target", "x9"), /label column 'x9' is not in good\.csv; columns are: x1, x2, y/);
  assertOneErrorLine(await solve("svm-l2", "--data", "digits.csv", "--classes", "0,2", "--limit", "1"), /the first 1 examples \(--limit 1\) hold no example of class 2; raise --limit/);
});

test("solve: IDX shapes, counts and values", async () => {
  const cwd = setup();
  const solve = (...a: string[]) => cli(["solve", ...a], { cwd });
  assert.equal((await solve("svm-l2", "--data", "images.idx", "--labels", "labels.idx")).code, 0, "the good pair solves");
  assertOneErrorLine(await solve("svm-l2", "--data", "images.idx", "--labels", "labels3.idx"), /images\.idx holds 4 images but labels3\.idx holds 3 labels; they must pair up one to one/);
  assertOneErrorLine(await solve("svm-l2", "--data", "images.idx", "--labels", "labels2d.idx"), /labels2d\.idx has dimensions 2×2; labels are a 1-dimensional IDX array/);
  assertOneErrorLine(await solve("svm-l2", "--data", "flat.idx", "--labels", "labels.idx"), /flat\.idx has dimensions 4; images are an IDX array of n examples × their pixels/);
  assertOneErrorLine(await solve("svm-l2", "--data", "images.idx", "--labels", "float-labels.idx"), /float-labels\.idx holds float32 values; class labels must be an integer IDX type/);
  assertOneErrorLine(await solve("svm-l2", "--data", "nan-images.idx", "--labels", "labels.idx"), /nan-images\.idx example 2, feature 2: NaN is not finite/);
  assertOneErrorLine(await solve("svm-l2", "--data", "images.idx"), /--data 'images\.idx' is an IDX file, not CSV text; give the labels file too: --data IMAGES\.idx --labels LABELS\.idx/);
  assertOneErrorLine(await solve("svm-l2", "--data", "good.csv", "--labels", "labels.idx"), /good\.csv is not an IDX file/);
  assertOneErrorLine(await solve("svm-l2", "--data", "images.idx", "--labels", "labels.idx", "--target", "y"), /--target names the label column of a CSV file; IDX data take their labels from --labels/);
  assertOneErrorLine(await solve("svm-l2", "--data", "images.idx", "--labels", "missing.idx"), /cannot read --labels 'missing\.idx': no such file/);
});

test("solve: non-separable data for the max-margin programs name the certificate's examples; flags that do not apply", async () => {
  const cwd = setup();
  const solve = (...a: string[]) => cli(["solve", ...a], { cwd });
  for (const program of [["svm-l2"], ["svm-l1"], ["svm-linf"], ["svm-lp", "--p", "3"]]) {
    assertOneErrorLine(
      await solve(...program, "--data", "xor.csv"),
      new RegExp(`xor\\.csv is not linearly separable through the origin: a convex combination of yᵢxᵢ over line \\d, line \\d is 0, so no w has every margin yᵢ⟨w, xᵢ⟩ > 0; ${program[0]} needs data that are linearly separable through the origin: add a bias column`),
    );
  }
  assertOneErrorLine(await solve("svm-multiclass", "--data", "mc-bad.csv"), /the classes of mc-bad\.csv are not linearly separable through the origin.*; svm-multiclass needs data that are linearly separable/);
  assertOneErrorLine(await solve("svm-lp", "--data", "good.csv"), /svm-lp needs --p, the norm p; a number with 1 < p < ∞/);
  assertOneErrorLine(await solve("svm-lp", "--p", "1", "--data", "good.csv"), /svm-lp: option p must be a number p with 1 < p < ∞/);
  assertOneErrorLine(await solve("svm-lp", "--p", "inf", "--data", "good.csv"), /svm-lp: option p must be a number p with 1 < p < ∞/);
  assertOneErrorLine(await solve("svm-l2", "--p", "3", "--data", "good.csv"), /--p applies to svm-lp, not svm-l2/);
  assertOneErrorLine(await solve("min-l2", "--p", "3", "--data", "good.csv"), /--p applies to svm-lp, not min-l2/);
  assertOneErrorLine(await solve("min-l2", "--classes", "1,-1", "--data", "good.csv"), /--classes applies to classification data, not to program min-l2/);
  assertOneErrorLine(await solve("svm-l2", "--potential", "entropy", "--data", "good.csv"), /--potential applies to the bregman program, not svm-l2/);
  assertOneErrorLine(await solve("svm-l2", "--w0", "1", "--data", "good.csv"), /--w0 applies to min-l2 and bregman, not svm-l2/);
  assertOneErrorLine(await solve("svm-l1", "--set", "tol=1", "--data", "good.csv"), /unknown key 'tol' for program svm-l1; keys are: timeLimit/);
  assertOneErrorLine(await solve("svm-l3", "--data", "good.csv"), /unknown program 'svm-l3'; programs are: .*svm-l2, svm-l1, svm-linf, svm-lp, separable, svm-multiclass/);
  assert.deepEqual(readdirSync(cwd).filter((f) => !/\.(csv|idx)$/.test(f)), []);
});

test("train: bad labels, non-separable data, losses and optimizers that do not fit; --out is never created", async () => {
  const cwd = setup();
  const train = (...a: string[]) => cli(["train", "--out", "run", ...a], { cwd });
  assertOneErrorLine(await train("--data", "zero-one.csv", "--loss", "logistic", "--optimizer", "gd"), /the labels in column 'y' of zero-one\.csv are 0 and 1; --loss logistic takes labels −1 and \+1: map them with --classes 0,1/);
  assertOneErrorLine(await train("--data", "digits.csv", "--loss", "exponential", "--optimizer", "gd"), /take 3 values \(0, 1, 2\); --loss exponential takes two classes .* or train on every class with --loss softmax/);
  assertOneErrorLine(await train("--data", "xor.csv", "--loss", "logistic", "--optimizer", "normalized-gd"), /xor\.csv is not linearly separable through the origin: .*; train \(it compares the run with the max-margin directions\) needs data that are linearly separable through the origin: add a bias column/);
  assertOneErrorLine(await train("--data", "mc-bad.csv", "--loss", "softmax", "--optimizer", "gd"), /the classes of mc-bad\.csv are not linearly separable through the origin/);
  assertOneErrorLine(await train("--data", "nan.csv", "--loss", "logistic", "--optimizer", "gd"), /nan\.csv line 3, column 'x2': 'NaN' is not finite/);
  assertOneErrorLine(await train("--data", "good.csv", "--loss", "huber", "--optimizer", "gd"), /unknown --loss 'huber'; losses are: squared \(regression\); logistic, exponential, exp-power:<ν>, polynomial:<ν>, hinge, perceptron \(labels ±1\); softmax/);
  assertOneErrorLine(await train("--data", "good.csv", "--loss", "exp-power", "--optimizer", "gd"), /--loss exp-power: margin loss "exp-power" needs ν .*; write e\.g\. --loss exp-power:2/);
  assertOneErrorLine(await train("--data", "good.csv", "--loss", "polynomial:-1", "--optimizer", "gd"), /--loss polynomial:-1: polynomialLoss: ν must be a positive number/);
  assertOneErrorLine(await train("--data", "good.csv", "--loss", "logistic", "--optimizer", "cg"), /cg needs a quadratic objective \(--loss squared\)/);
  assertOneErrorLine(await train("--data", "good.csv", "--loss", "logistic", "--optimizer", "lbfgs"), /unknown optimizer 'lbfgs'; optimizers for classification are: gd, .*normalized-gd, normalized-steepest, loss-scaled-gd, dual-accelerated, perceptron/);
  assertOneErrorLine(await train("--data", "digits.csv", "--loss", "softmax", "--optimizer", "perceptron"), /the perceptron is a two-class method/);
  assertOneErrorLine(await train("--data", "good.csv", "--loss", "logistic", "--optimizer", "normalized-gd", "--set", "norm=1"), /unknown key 'norm' for optimizer normalized-gd; keys are: lr/);
  assertOneErrorLine(await train("--data", "good.csv", "--loss", "logistic", "--optimizer", "normalized-steepest", "--set", "norm=0.5"), /option "norm" must be p ∈ \[1, ∞\]/);
  assertOneErrorLine(await train("--data", "good.csv", "--loss", "logistic", "--optimizer", "perceptron", "--lr", "0.1"), /optimizer perceptron takes no --lr/);
  assertOneErrorLine(await train("--data", "good.csv", "--loss", "logistic", "--optimizer", "gd", "--w0", "1,2,3"), /cannot read --w0|has 3 numbers/);
  assertOneErrorLine(await train("--data", "good.csv", "--loss", "squared", "--optimizer", "normalized-gd"), /optimizer normalized-gd is a margin method for classification losses, not --loss squared/);
  assertOneErrorLine(await train("--data", "good.csv", "--optimizer", "gd", "--classes", "1,-1"), /--classes applies to classification data, not to --loss squared \(regression\)/);
  assert.ok(!existsSync(join(cwd, "run")));
});
