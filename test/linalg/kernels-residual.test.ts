import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, gemv, gemvT, residualGradT } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";

test("residualGradT gives r = Ax − y and Aᵀr as gemv and gemvT do, for every row tail", () => {
  const rng = new Rng(4);
  for (const d of [1, 2, 5, 13]) {
    for (const n of [0, 1, 3, 4, 5, 8, 11]) {
      const A = new Matrix(n, d, rng.fillNormal(new Float64Array(n * d)));
      const x = rng.fillNormal(new Float64Array(d));
      const y = rng.fillNormal(new Float64Array(n));
      const r = new Float64Array(n).fill(NaN), out = new Float64Array(d).fill(NaN);
      assert.equal(residualGradT(A, x, y, r, out), out);
      const rWant = gemv(A, x, new Float64Array(n)).map((v, i) => v - y[i]);
      const gWant = gemvT(A, rWant, new Float64Array(d));
      for (let i = 0; i < n; i++) assert.ok(Math.abs(r[i] - rWant[i]) <= 1e-14 * (1 + Math.abs(rWant[i])) * d, `r ${n}×${d}`);
      for (let j = 0; j < d; j++) assert.ok(Math.abs(out[j] - gWant[j]) <= 1e-13 * (1 + Math.abs(gWant[j])) * n, `g ${n}×${d}`);
    }
  }
});

test("residualGradT: a consistent system has zero residual and gradient; shape errors throw", () => {
  const A = Matrix.fromRows([[1, 2], [3, 4], [5, 6]]);
  const x = Float64Array.of(1, -1);
  const y = Float64Array.of(-1, -1, -1);
  const r = new Float64Array(3), g = new Float64Array(2);
  residualGradT(A, x, y, r, g);
  assert.deepEqual(Array.from(r), [0, 0, 0]);
  assert.deepEqual(Array.from(g), [0, 0]);
  residualGradT(A, x, Float64Array.of(0, 0, 0), r, g); // r = (−1, −1, −1), Aᵀr = (−9, −12)
  assert.deepEqual(Array.from(g), [-9, -12]);
  assert.throws(() => residualGradT(A, x, new Float64Array(2), r, g), RangeError);
  assert.throws(() => residualGradT(A, new Float64Array(3), y, r, g), RangeError);
});
