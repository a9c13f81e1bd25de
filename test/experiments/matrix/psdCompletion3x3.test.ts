import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../../src/linalg/index.ts";
import { matrixCompletionNuclear } from "../../../src/references/index.ts";
import { Rng } from "../../../src/random/index.ts";
import {
  completionClass, completionPatterns, observe, optimalityGap, patternLabel, zeroFilled,
} from "../../../src/experiments/matrix/psdCompletion3x3.ts";

test("completionPatterns: the C(6, 4) = 15 distinct ways to observe 4 of the 6 free entries of a symmetric 3×3 matrix", () => {
  const ps = completionPatterns();
  assert.equal(ps.length, 15);
  assert.equal(new Set(ps.map(patternLabel)).size, 15);
  for (const p of ps) for (const [i, j] of p) assert.ok(i <= j && j < 3);
  assert.equal(patternLabel(ps[0]), "(1,1)(2,2)(3,3)(1,2)");
  // exactly 3 patterns observe the whole diagonal
  assert.equal(ps.filter((p) => completionClass(p, 2) === "trace fixed").length, 3);
  assert.equal(completionClass(ps[3], 1), "rank-1 data");
  assert.equal(completionClass(ps[3], 3), "open");
});

test("rank-1 data: the min-trace PSD completion (SDP) is the rank-1 matrix uuᵀ for every pattern with an unobserved diagonal entry", () => {
  const rng = new Rng(4);
  for (const p of completionPatterns().filter((q) => completionClass(q, 1) === "rank-1 data")) {
    const u = rng.fillNormal(new Float64Array(3));
    const W = new Matrix(3, 3, Float64Array.from({ length: 9 }, (_, k) => u[Math.floor(k / 3)] * u[k % 3]));
    const nn = matrixCompletionNuclear(3, 3, observe(W, p), true, { tol: 1e-9 });
    assert.ok(nn.certificate.ok, patternLabel(p));
    for (let k = 0; k < 9; k++) assert.ok(Math.abs(nn.solution.data[k] - W.data[k]) <= 1e-4 * (1 + Math.abs(W.data[k])), `${patternLabel(p)}: entry ${k}`);
  }
});

test("optimalityGap: ~0 at the SDP's min-trace completion, > 0 at another PSD completion; zeroFilled reports the min-Frobenius completion's least eigenvalue", () => {
  const pattern = completionPatterns()[3]; // (1,1)(2,2)(1,2)(1,3): X₂₃, X₃₃ free
  const W = new Matrix(3, 3, Float64Array.from([2, 0.5, 1, 0.5, 1, 0.3, 1, 0.3, 1.5]));
  const entries = observe(W, pattern);
  const nn = matrixCompletionNuclear(3, 3, entries, true, { tol: 1e-10 });
  const opt = nn.certificate.primalObjective;
  // closed form: X₃₃ = X₁₃²/X₁₁, X₂₃ = X₁₂X₁₃/X₁₁
  assert.ok(Math.abs(opt - (2 + 1 + 1 / 2)) < 1e-8, `${opt}`);
  assert.ok(Math.abs(optimalityGap(nn.solution.data, entries, nn.dual!, opt)) < 1e-8);
  const gap = optimalityGap(W.data, entries, nn.dual!, opt); // W itself: a PSD completion with a larger trace
  assert.ok(gap > 0.1, `${gap}`);
  const zf = zeroFilled(entries);
  assert.deepEqual(Array.from(zf.X), [2, 0.5, 1, 0.5, 1, 0, 1, 0, 0]);
  assert.ok(zf.lambdaMin < -0.1, "X₃₃ = 0 with X₁₃ = 1 is not PSD");
});
