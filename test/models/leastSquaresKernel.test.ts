import { test } from "node:test";
import assert from "node:assert/strict";
// leastSquares' fused path (one output, squared loss, linear model, d ≥ 4): WebAssembly SIMD
// against the plain loops and finite differences.
import { gaussianMatrix } from "../../src/data/index.ts";
import { Matrix } from "../../src/linalg/index.ts";
import { leastSquares, linearModel } from "../../src/models/index.ts";
import { Rng } from "../../src/random/index.ts";
import { fdGradient, maxRelError } from "./finiteDifference.ts";
import type { KernelOptions } from "../../src/linalg/index.ts";

const kernelLeastSquares = (X: Matrix, y: Float64Array, options: KernelOptions = {}) =>
  leastSquares({ X, Y: new Matrix(X.rows, 1, y) }, linearModel(X.cols), undefined, options);

function problem(seed: number, n: number, d: number) {
  const rng = new Rng(seed);
  const X = gaussianMatrix(rng, n, d);
  const y = rng.fillNormal(new Float64Array(n));
  const w = rng.fillNormal(new Float64Array(d));
  return { X, y, w };
}

test("the fused path runs only where it applies: d ≥ 4, one output, squared loss, a linear model", () => {
  const { X, y } = problem(2, 6, 3);
  assert.equal(kernelLeastSquares(X, y).simd, false, "d = 3 keeps the plain loops");
  const { X: X2, y: y2 } = problem(2, 6, 8);
  assert.equal(leastSquares({ X: X2, Y: new Matrix(6, 1, y2) }, linearModel(8, 1)).simd, true);
  assert.equal(leastSquares({ X: X2, Y: new Matrix(6, 2, new Float64Array(12)) }, linearModel(8, 2)).simd, false, "two outputs");
});

test("the kernel objective's gradient matches finite differences, with SIMD and without", () => {
  const { X, y, w } = problem(1, 7, 13);
  for (const simd of [true, false]) {
    const f = kernelLeastSquares(X, y, { simd });
    assert.equal(f.simd, simd, "Node 20 has WebAssembly SIMD: the switch decides");
    const g = new Float64Array(13);
    f.gradient(w, g);
    assert.ok(maxRelError(g, fdGradient((t) => f.value(t), w)) < 1e-7);
  }
});

test("value and gradient equal the library's leastSquares objective to 1e-12 on several shapes", () => {
  for (const [n, d] of [[1, 4], [5, 5], [20, 60], [33, 17], [200, 101]]) {
    const { X, y, w } = problem(n + d, n, d);
    const ref = leastSquares({ X, Y: new Matrix(n, 1, y) }, linearModel(d), undefined, { simd: false });
    assert.equal(ref.simd, false);
    const gRef = new Float64Array(d);
    const LRef = ref.gradient(w, gRef);
    for (const simd of [true, false]) {
      const f = kernelLeastSquares(X, y, { simd });
      const g = new Float64Array(d);
      const L = f.gradient(w, g);
      assert.ok(Math.abs(L - LRef) <= 1e-12 * LRef, `${n}×${d} simd=${simd}: L ${L} vs ${LRef}`);
      assert.ok(Math.abs(f.value(w) - LRef) <= 1e-12 * LRef);
      assert.ok(maxRelError(g, gRef) <= 1e-12, `${n}×${d} simd=${simd}: gradient`);
    }
    assert.equal(kernelLeastSquares(X, y).smoothness!(w), ref.smoothness!(w), "smoothness is the library's");
  }
});

test("without WebAssembly (as on an engine that lacks it) the plain kernel runs and gives the same numbers", () => {
  const { X, y, w } = problem(3, 9, 11);
  const f = kernelLeastSquares(X, y, { webAssembly: null });
  assert.equal(f.simd, false);
  const g = new Float64Array(11), gSimd = new Float64Array(11);
  f.gradient(w, g);
  kernelLeastSquares(X, y).gradient(w, gSimd);
  assert.ok(maxRelError(g, gSimd) <= 1e-12);
});

test("the matrix is copied when prepared: later edits to X are not seen (so a demo cannot drift)", () => {
  const { X, y, w } = problem(4, 6, 5);
  const f = kernelLeastSquares(X, y);
  const before = f.value(w);
  X.data.fill(0);
  assert.equal(f.value(w), before);
});
