import { test } from "node:test";
import assert from "node:assert/strict";
import { separableData } from "../../../src/data/index.ts";
import { Matrix } from "../../../src/linalg/index.ts";
import { Rng } from "../../../src/random/index.ts";
import { maxMarginL1 } from "../../../src/references/index.ts";
import { adaBoostStumps, stumpDictionary, stumpFeatures, stumpValue } from "../../../src/optimizers/margin/index.ts";

test("stump dictionary: the two constants, then every midpoint of each feature with both signs", () => {
  // feature 0 has values {0, 1, 3} (2 midpoints), feature 1 has {5} (none)
  const X = new Matrix(4, 2, Float64Array.from([0, 5, 1, 5, 3, 5, 1, 5]));
  const stumps = stumpDictionary(X);
  assert.equal(stumps.length, 2 + 2 * 2);
  assert.deepEqual(stumps.slice(2).map((s) => [s.feature, s.threshold, s.sign]), [[0, 0.5, 1], [0, 0.5, -1], [0, 2, 1], [0, 2, -1]]);
  assert.equal(stumpValue(stumps[0], [7, 7]), 1);
  assert.equal(stumpValue(stumps[1], [7, 7]), -1);
  assert.equal(stumpValue(stumps[2], [1, 0]), 1); // 1 > 0.5
  assert.equal(stumpValue(stumps[3], [1, 0]), -1);
  assert.equal(stumpValue(stumps[4], [1, 0]), -1); // 1 ≤ 2
  const H = stumpFeatures(X, stumps);
  assert.deepEqual(Array.from(H.row(0)), [1, -1, -1, 1, -1, 1]);
  assert.deepEqual(Array.from(H.row(2)), [1, -1, 1, -1, 1, -1]);
});

/** D ∝ exp(−yᵢfᵢ) and the brute-force weighted error of every stump */
function bruteErrors(H: Matrix, y: Float64Array, f: Float64Array): Float64Array {
  const n = H.rows, K = H.cols;
  let m = -Infinity;
  for (let i = 0; i < n; i++) m = Math.max(m, -y[i] * f[i]);
  const D = Float64Array.from(f, (v, i) => Math.exp(-y[i] * v - m));
  const total = D.reduce((a, b) => a + b, 0);
  const err = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let e = 0;
    for (let i = 0; i < n; i++) if (H.data[i * K + k] !== y[i]) e += D[i];
    err[k] = e / total;
  }
  return err;
}

test("each round's stump minimizes the weighted error exactly (brute force over the dictionary), and α = ½ log((1−ε)/ε) leaves it at error ½", () => {
  const data = separableData(new Rng(11), { n: 40, d: 3, gap: 0.05 });
  const r = adaBoostStumps(data.X, data.y, { rounds: 40 });
  const H = stumpFeatures(data.X, r.stumps);
  const n = data.X.rows, K = H.cols;
  const f = new Float64Array(n);
  for (let t = 0; t < r.rounds; t++) {
    const err = bruteErrors(H, data.y, f);
    const best = Math.min(...err);
    assert.ok(Math.abs(r.errors[t] - best) <= 1e-12, `round ${t}: ε = ${r.errors[t]}, brute-force minimum ${best}`);
    assert.ok(Math.abs(err[r.chosen[t]] - best) <= 1e-12);
    const eps = r.errors[t];
    assert.ok(Math.abs(r.alphas[t] - 0.5 * Math.log((1 - eps) / eps)) <= 1e-12 * r.alphas[t]);
    const k = r.chosen[t];
    for (let i = 0; i < n; i++) f[i] += r.alphas[t] * H.data[i * K + k];
    // AdaBoost's reweighting: the stump just added has weighted error exactly ½ under the new weights
    assert.ok(Math.abs(bruteErrors(H, data.y, f)[k] - 0.5) < 1e-12);
  }
  // scores and coefficients agree with the replay
  for (let i = 0; i < n; i++) assert.ok(Math.abs(r.scores[i] - f[i]) < 1e-10);
  const l1 = r.coefficients.reduce((a, b) => a + b, 0);
  assert.ok(r.coefficients.every((v) => v >= 0) && Math.abs(l1 - r.alphas.reduce((a, b) => a + b, 0)) < 1e-10);
});

test("AdaBoost's normalized ℓ1 margin over stumps approaches the LP optimum (maxMarginL1 on the stump features), from below", async () => {
  const data = separableData(new Rng(1), { n: 30, d: 3, gap: 0.1 });
  const r = adaBoostStumps(data.X, data.y, { rounds: 3000 });
  const H = stumpFeatures(data.X, r.stumps);
  const lp = await maxMarginL1(H, data.y);
  assert.ok(lp.certificate.ok, "LP certificate");
  const h = r.marginHistory;
  const gap = (t: number) => (lp.margin - h[t - 1]) / lp.margin;
  // measured: 0.2004 → 0.3165 → 0.33319 (→ 0.33328 at 20000) after rounds 10, 100, 3000 against the LP optimum 1/3
  // (relative gaps 4.0e-1, 5.1e-2, 4.3e-4, 1.6e-4)
  assert.ok(h.every((v) => v <= lp.margin + 1e-12), "a margin above the LP optimum");
  assert.ok(gap(10) > 0.05, `round 10: ${gap(10)}`);
  assert.ok(gap(3000) < 2e-3 && gap(3000) < gap(100) && gap(100) < gap(10), `gaps ${gap(10)}, ${gap(100)}, ${gap(3000)}`);
  // the normalized margin of the returned coefficients is the last recorded one
  const u = Float64Array.from({ length: 30 }, (_, i) => data.y[i] * r.scores[i]);
  assert.ok(Math.abs(Math.min(...u) / r.coefficients.reduce((a, b) => a + b, 0) - h[h.length - 1]) < 1e-12);
  // shrunk steps (ν = 0.3) get there too
  const slow = adaBoostStumps(data.X, data.y, { rounds: 3000, shrinkage: 0.3 });
  assert.ok((lp.margin - slow.marginHistory[2999]) / lp.margin < 1e-2);
});

test("weights in the log domain: margins yᵢfᵢ ≫ 745 (where e^{−yf} underflows) keep the rounds exact", () => {
  const data = separableData(new Rng(1), { n: 30, d: 3, gap: 0.1 });
  const r = adaBoostStumps(data.X, data.y, { rounds: 20000 });
  const u = Float64Array.from({ length: 30 }, (_, i) => data.y[i] * r.scores[i]);
  assert.ok(Math.min(...u) > 1000, `smallest margin ${Math.min(...u)}`);
  assert.ok(r.errors.every((e) => e > 0 && e < 0.5) && r.marginHistory.every(Number.isFinite));
  assert.ok(r.marginHistory[19999] >= r.marginHistory[2999] - 1e-4);
});

test("one separating stump: ε = 0, that stump alone (ℓ1 margin 1) and no further rounds; bad input is refused", () => {
  const X = new Matrix(4, 1, Float64Array.from([-2, -1, 1, 2]));
  const y = Float64Array.from([-1, -1, 1, 1]);
  const r = adaBoostStumps(X, y, { rounds: 10 });
  assert.equal(r.rounds, 1);
  assert.equal(r.errors[0], 0);
  assert.deepEqual(r.stumps[r.chosen[0]], { feature: 0, threshold: 0, sign: 1 });
  assert.equal(r.marginHistory[0], 1);
  assert.throws(() => adaBoostStumps(X, y, { rounds: 0 }), /rounds/);
  assert.throws(() => adaBoostStumps(X, y, { rounds: 5, shrinkage: 2 }), /shrinkage/);
  assert.throws(() => adaBoostStumps(X, Float64Array.from([0, 1, 1, 1]), { rounds: 5 }), /label 0/);
  assert.throws(() => adaBoostStumps(new Matrix(1, 1, Float64Array.from([NaN])), Float64Array.from([1]), { rounds: 5 }), /non-finite/);
});

test("adaBoostStumps: when a constant is the best stump it is the right constant (ε ≤ ½, α > 0)", () => {
  // identical inputs leave only the constants h ≡ ±1; the majority label must win
  const X = new Matrix(3, 1, Float64Array.from([0.5, 0.5, 0.5]));
  const r = adaBoostStumps(X, Float64Array.from([1, -1, -1]), { rounds: 3 });
  assert.equal(r.chosen[0], 1, "h ≡ −1 errs on one example of three");
  assert.ok(Math.abs(r.errors[0] - 1 / 3) < 1e-15 && r.alphas[0] > 0.3);
  for (let t = 0; t < r.rounds; t++) {
    assert.ok(r.errors[t] <= 0.5 + 1e-12, `round ${t}: ε = ${r.errors[t]}`); // after the first round ε = ½: nothing beats the constant
    assert.ok(r.alphas[t] >= -1e-12, `round ${t}: α = ${r.alphas[t]}`);
  }
  const one = adaBoostStumps(new Matrix(1, 1, Float64Array.from([2])), Float64Array.from([-1]), { rounds: 2 });
  assert.equal(one.errors[0], 0);
  assert.equal(one.chosen[0], 1);
});
