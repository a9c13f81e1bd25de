import { test } from "node:test";
import assert from "node:assert/strict";
import { norm2 } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { ridge, ridgePath, ridgeCertificate, minNormL2 } from "../../src/references/index.ts";
import { gaussSolve, maxAbs, maxAbsDiff, randomMatrix } from "./helpers.ts";

/** (XᵀX/N + λI)⁻¹ Xᵀy/N from the formula */
function ridgeFormula(X: ReturnType<typeof randomMatrix>, y: Float64Array, lambda: number): number[] {
  const N = X.rows, d = X.cols;
  const A: number[][] = [], b: number[] = [];
  for (let j = 0; j < d; j++) {
    A.push([]);
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let i = 0; i < N; i++) s += X.get(i, j) * X.get(i, k);
      A[j].push(s / N + (j === k ? lambda : 0));
    }
    let t = 0;
    for (let i = 0; i < N; i++) t += X.get(i, j) * y[i];
    b.push(t / N);
  }
  return gaussSolve(A, b);
}

test("ridge matches (XᵀX/N + λI)⁻¹Xᵀy/N for N < d (through XXᵀ) and N > d (through XᵀX)", () => {
  const rng = new Rng(401);
  for (const [N, d] of [[15, 40], [40, 15]]) {
    const X = randomMatrix(rng, N, d);
    const y = rng.fillNormal(new Float64Array(N));
    for (const lambda of [1e-3, 0.1, 10]) {
      const r = ridge(X, y, lambda);
      const expected = ridgeFormula(X, y, lambda);
      assert.ok(maxAbsDiff(r.solution, expected) < 1e-10 * Math.max(1, maxAbs(expected)), `${N}×${d} λ=${lambda}`);
      assert.ok(r.certificate.ok && r.certificate.dualResidual < 1e-12 && r.certificate.dualityGap! < 1e-10);
      assert.equal(r.certificate.details?.gram, N < d ? "XXᵀ" : "XᵀX");
    }
  }
});

test("the ridge path shrinks ‖w‖ as λ grows and tends to min-l2 as λ → 0", () => {
  const rng = new Rng(402);
  const X = randomMatrix(rng, 10, 30);
  const y = rng.fillNormal(new Float64Array(10));
  const lambdas = [1e-10, 1e-4, 1e-2, 1, 100];
  const path = ridgePath(X, y, lambdas);
  const norms = path.map((r) => norm2(r.solution));
  for (let k = 1; k < norms.length; k++) assert.ok(norms[k] < norms[k - 1]);
  for (const [k, r] of path.entries()) assert.ok(maxAbsDiff(r.solution, ridge(X, y, lambdas[k]).solution) < 1e-13);
  const l2 = minNormL2(X, y).solution;
  assert.ok(maxAbsDiff(path[0].solution, l2) < 1e-6 * maxAbs(l2));
  assert.throws(() => ridge(X, y, 0), /lambda must be in \(0, ∞\)/);
});

test("the ridge certificate fails on a wrong answer", () => {
  const rng = new Rng(403);
  const X = randomMatrix(rng, 12, 20);
  const y = rng.fillNormal(new Float64Array(12));
  const r = ridge(X, y, 0.5);
  assert.ok(ridgeCertificate(X, y, 0.5, r.solution).ok);
  const c = ridgeCertificate(X, y, 0.6, r.solution); // the solution of another λ
  assert.ok(!c.ok && c.dualResidual > 1e-3 && c.dualityGap! > 1e-5);
});
