import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, norm2 } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { separableData, separableMulticlass } from "../../src/data/index.ts";
import { hardMarginSvm, multiclassSvm, multiclassSvmCertificate, NotSeparableError } from "../../src/references/index.ts";
import { linearModel, softmaxObjective } from "../../src/models/index.ts";
import { angleBetween } from "../../src/metrics/index.ts";
import { maxAbsDiff } from "./helpers.ts";

test("one point per class at e₁, e₂, e₃: W = I − 11ᵀ/3 (symmetry, and every margin W_cc − W_rc = 1)", () => {
  const data = { X: Matrix.identity(3), labels: Int32Array.from([0, 1, 2]), classes: 3 };
  const sol = multiclassSvm(data);
  const expected = Float64Array.from({ length: 9 }, (_, i) => (i % 4 === 0 ? 2 / 3 : -1 / 3));
  assert.ok(maxAbsDiff(sol.solution, expected) < 1e-10, `${Array.from(sol.solution)}`);
  assert.ok(sol.certificate.ok, JSON.stringify(sol.certificate));
  assert.ok(Math.abs(sol.margin - 1 / Math.sqrt(2)) < 1e-10);
});

test("two classes: W = [ŵ/2; −ŵ/2] with ŵ the binary SVM of y = +1 for class 0", () => {
  const bin = separableData(new Rng(51), { n: 60, d: 4, gap: 0.2 });
  const labels = Int32Array.from(bin.y, (v) => (v > 0 ? 0 : 1));
  const sol = multiclassSvm({ X: bin.X, labels, classes: 2 });
  const w = hardMarginSvm(bin.X, bin.y).solution;
  const expected = new Float64Array(8);
  for (let j = 0; j < 4; j++) {
    expected[j] = w[j] / 2;
    expected[4 + j] = -w[j] / 2;
  }
  assert.ok(maxAbsDiff(sol.solution, expected) < 1e-9 * norm2(w));
  assert.ok(sol.certificate.ok);
});

test("generated multiclass data: certified, margin at least the planted gap, wrong answers fail the certificate", () => {
  const data = separableMulticlass(new Rng(52), { n: 90, d: 5, classes: 4, gap: 0.2 });
  const sol = multiclassSvm(data);
  assert.ok(sol.certificate.ok, JSON.stringify(sol.certificate));
  assert.ok(sol.margin >= 0.2 - 1e-12);
  assert.ok(!multiclassSvmCertificate(data, sol.solution.map((v) => 1.01 * v), sol.dual!).ok);
  assert.ok(!multiclassSvmCertificate(data, sol.solution.map((v) => 0.99 * v), sol.dual!).ok);
  assert.ok(!multiclassSvmCertificate(data, data.wStar, sol.dual!).ok);
  assert.throws(
    () => multiclassSvm({ X: Matrix.fromRows([[1, 0], [1, 0], [0, 1]]), labels: Int32Array.from([0, 1, 2]), classes: 3 }),
    NotSeparableError,
  );
  assert.throws(() => multiclassSvm({ X: Matrix.identity(2), labels: Int32Array.from([0, 2]), classes: 2 }), /labels must be integers in 0…1/);
});

test("normalized GD on softmax cross-entropy approaches the multiclass SVM direction at margins of 1e3 and beyond", () => {
  const data = separableMulticlass(new Rng(53), { n: 40, d: 3, classes: 3, gap: 0.3 });
  const svm = multiclassSvm(data);
  const obj = softmaxObjective(data, linearModel(3, 3));
  const W = new Float64Array(9), dir = new Float64Array(9), m = new Float64Array(40);
  let early = NaN;
  for (let t = 1; t <= 3000; t++) {
    assert.ok(Number.isFinite(obj.gradientDirection(W, dir)));
    for (let j = 0; j < 9; j++) W[j] -= 20 * dir[j];
    if (t === 10) early = angleBetween(W, svm.solution);
  }
  obj.margins(W, m);
  assert.ok(Math.min(...m) > 1e3, `${Math.min(...m)}`);
  const late = angleBetween(W, svm.solution);
  assert.ok(late < 1e-2 && late < early / 10, `angle ${late} (t = 10: ${early})`);
});
