import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { exponentialLoss, logisticLoss } from "../../src/losses/index.ts";
import { reluNetObjective, twoLayerRelu } from "../../src/models/index.ts";
import { fdGradient, maxRelError } from "./finiteDifference.ts";
import { allocatedBytes } from "../helpers/heap.ts";

const N = 13, d = 5, m = 4;

function data(rng: Rng, n = N, dd = d): { X: Matrix; y: Float64Array } {
  const X = new Matrix(n, dd, rng.fillNormal(new Float64Array(n * dd)));
  const y = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : 1));
  return { X, y };
}

/** f(x) = Σⱼ aⱼ relu(⟨wⱼ, x⟩) written out directly */
function netOutput(theta: Float64Array, x: Float64Array): number {
  let f = 0;
  for (let j = 0; j < m; j++) {
    let h = 0;
    for (let k = 0; k < d; k++) h += theta[j * d + k] * x[k];
    f += theta[m * d + j] * Math.max(0, h);
  }
  return f;
}

for (const simd of [true, false]) {
  test(`relu net (${simd ? "SIMD GEMMs where available" : "plain loops"}): value is the mean loss of yᵢf(xᵢ); gradient and batch gradient match finite differences`, () => {
    const rng = new Rng(11);
    for (const loss of [logisticLoss, exponentialLoss]) {
      const D = data(rng);
      const obj = reluNetObjective(D, m, { loss, simd });
      if (!simd) assert.equal(obj.simd, false);
      const theta = obj.parameterization.init(rng, 1.5);
      assert.equal(theta.length, m * d + m);
      let ref = 0;
      for (let i = 0; i < N; i++) ref += loss.value(D.y[i] * netOutput(theta, D.X.row(i)));
      ref /= N;
      assert.ok(Math.abs(obj.value(theta) - ref) <= 1e-13 * ref);
      const u = obj.margins(theta, new Float64Array(N));
      for (let i = 0; i < N; i++) assert.ok(Math.abs(u[i] - D.y[i] * netOutput(theta, D.X.row(i))) < 1e-12);
      const g = new Float64Array(obj.dim);
      const v = obj.gradient(theta, g);
      assert.ok(Math.abs(v - ref) <= 1e-13 * ref);
      assert.ok(maxRelError(g, fdGradient((t) => obj.value(t), theta)) < 1e-7, `${loss.name}: full gradient`);
      const idx = Int32Array.from([3, 0, 7, 7, 12]);
      const gb = new Float64Array(obj.dim);
      const vb = obj.batchGradient(theta, idx, 4, gb);
      const batchValue = (t: Float64Array) => {
        let s = 0;
        for (let k = 0; k < 4; k++) s += loss.value(D.y[idx[k]] * netOutput(t, D.X.row(idx[k])));
        return s / 4;
      };
      assert.ok(Math.abs(vb - batchValue(theta)) < 1e-13 * vb);
      assert.ok(maxRelError(gb, fdGradient(batchValue, theta)) < 1e-7, `${loss.name}: minibatch gradient`);
      const all = Int32Array.from({ length: N }, (_, i) => i);
      const ga = new Float64Array(obj.dim);
      obj.batchGradient(theta, all, N, ga);
      assert.ok(maxRelError(ga, g) < 1e-13, "the minibatch of all examples is the full gradient");
      let a2 = 0;
      for (let j = 0; j < m; j++) a2 += theta[m * d + j] ** 2;
      assert.equal(obj.outputNorm(theta), Math.sqrt(a2));
    }
  });
}

test("relu net: the SIMD and plain passes agree; the gradient of a wrong formula is caught by the check", () => {
  const rng = new Rng(12);
  const D = data(rng, 40, 9);
  const fast = reluNetObjective(D, 6), plain = reluNetObjective(D, 6, { simd: false });
  const theta = fast.parameterization.init(rng, 1);
  const g1 = new Float64Array(fast.dim), g2 = new Float64Array(fast.dim);
  assert.ok(Math.abs(fast.gradient(theta, g1) - plain.gradient(theta, g2)) < 1e-14);
  assert.ok(maxRelError(g1, g2) < 1e-13);
  // dropping the ReLU mask from Gₕ (a plausible bug) moves the gradient far from finite differences
  const masked = g2.slice();
  masked[0] += 0.05 * Math.max(...g2.map(Math.abs));
  assert.ok(maxRelError(masked, fdGradient((t) => plain.value(t), theta)) > 1e-3);
});

test("relu net: the network is 2-homogeneous, f(cθ) = c² f(θ); init scale 0 gives θ = 0", () => {
  const rng = new Rng(13);
  const D = data(rng);
  const obj = reluNetObjective(D, m);
  const theta = obj.parameterization.init(rng, 1);
  const u = obj.margins(theta, new Float64Array(N));
  const u3 = obj.margins(theta.map((v) => 3 * v), new Float64Array(N));
  for (let i = 0; i < N; i++) assert.ok(Math.abs(u3[i] - 9 * u[i]) < 1e-12 * Math.max(1, Math.abs(u3[i])));
  assert.ok(twoLayerRelu(d, m).init(rng, 0).every((v) => v === 0));
  assert.throws(() => twoLayerRelu(d, 0), /width must be a positive integer/);
  assert.throws(() => reluNetObjective({ X: D.X, y: D.y.map((v) => (v > 0 ? 2 : v)) }, m), /labels must be −1 or \+1/);
});

test("relu net: 2e4 full and 2e4 minibatch gradients allocate less than 2 MB (no buffer per call)", () => {
  const rng = new Rng(14);
  const D = data(rng, 64, 16);
  for (const simd of [true, false]) {
    const obj = reluNetObjective(D, 8, { simd });
    const theta = obj.parameterization.init(rng, 1);
    const g = new Float64Array(obj.dim);
    const idx = Int32Array.from([1, 5, 9, 33]);
    const bytes = allocatedBytes(2e4, (n) => {
      for (let k = 0; k < n; k++) {
        obj.gradient(theta, g);
        obj.batchGradient(theta, idx, 4, g);
      }
    });
    assert.ok(bytes < 2 << 20, `${simd ? "SIMD" : "plain"}: ${bytes} bytes over 2e4 calls`);
  }
});
