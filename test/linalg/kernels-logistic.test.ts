import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, logisticGradSum } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";

/** Zᵀg with gᵢ = −exp(−logaddexp(0, ⟨zᵢ, w⟩)) as NumPy writes it, row by row with Math.exp/log1p. */
function naive(Z: Matrix, w: Float64Array): Float64Array {
  const out = new Float64Array(Z.cols);
  for (let i = 0; i < Z.rows; i++) {
    let m = 0;
    for (let j = 0; j < Z.cols; j++) m += Z.get(i, j) * w[j];
    const logaddexp = Math.max(0, m) + Math.log1p(Math.exp(-Math.abs(m)));
    const g = -Math.exp(-logaddexp);
    for (let j = 0; j < Z.cols; j++) out[j] += g * Z.get(i, j);
  }
  return out;
}

test("logisticGradSum matches the naive gemv-map-gemvT form for every row tail and width (incl. the d = 2 path)", () => {
  const rng = new Rng(3);
  for (const d of [1, 2, 3, 7, 16]) {
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 9, 33]) {
      for (const wScale of [0, 0.3, 30]) {
        const Z = new Matrix(n, d, rng.fillNormal(new Float64Array(n * d)));
        const w = rng.fillNormal(new Float64Array(d), wScale);
        const out = new Float64Array(d).fill(NaN); // must be overwritten
        const got = logisticGradSum(Z, w, out);
        assert.equal(got, out);
        const want = naive(Z, w);
        let scale = 0;
        for (let i = 0; i < n * d; i++) scale += Math.abs(Z.data[i]);
        for (let j = 0; j < d; j++) assert.ok(Math.abs(got[j] - want[j]) <= 1e-14 * (1 + scale), `n=${n} d=${d} j=${j}: ${got[j]} vs ${want[j]}`);
      }
    }
  }
});

test("logisticGradSum: the sign and size of the gradient (w = 0 gives −½ Σ zᵢ), and shape errors", () => {
  const Z = Matrix.fromRows([[1, 2], [3, -4], [0.5, 0.5]]);
  assert.deepEqual(Array.from(logisticGradSum(Z, new Float64Array(2), new Float64Array(2))), [-2.25, 0.75]);
  assert.throws(() => logisticGradSum(Z, new Float64Array(3), new Float64Array(2)), RangeError);
  assert.throws(() => logisticGradSum(Z, new Float64Array(2), new Float64Array(3)), RangeError);
});
