// AdaBoost (Freund & Schapire) over the decision-stump dictionary of stumps.ts: coordinate descent
// on the exponential loss Σᵢ exp(−yᵢ fᵢ) over the stump coefficients. Round t:
//   Dᵢ ∝ exp(−yᵢ fᵢ)                                    (kept as log-weights −yᵢfᵢ, normalized by max-shift)
//   h_t = argmin_h ε(h),  ε(h) = Σᵢ Dᵢ 1[h(xᵢ) ≠ yᵢ]      (exact: a sweep over each feature's sorted values)
//   α_t = ν·½ log((1 − ε_t)/ε_t),   f ← f + α_t h_t     (ν = 1: AdaBoost; ν < 1: shrunk steps)
// The combined classifier is Σ_k λ_k h_k with λ ≥ 0; its normalized ℓ1 margin minᵢ yᵢfᵢ/‖λ‖₁ is
// what AdaBoost is known to push toward the ℓ1 max margin over the dictionary (an LP: maxMarginL1
// on stumpFeatures(X, stumps)). A stump with ε = 0 separates the data alone (ℓ1 margin 1, the most
// any combination reaches): λ becomes that stump with weight 1 and the rounds stop.
import { Matrix } from "../../linalg/index.ts";
import { stumpDictionary, type Stump } from "./stumps.ts";

export interface AdaBoostOptions {
  /** number of boosting rounds (an integer ≥ 1) */
  rounds: number;
  /** shrinkage ν ∈ (0, 1] (default 1: AdaBoost's own step) */
  shrinkage?: number;
}

export interface AdaBoostResult {
  readonly stumps: readonly Stump[];
  /** λ_k ≥ 0: the total weight given to stump k */
  readonly coefficients: Float64Array;
  /** fᵢ = Σ_k λ_k h_k(xᵢ) */
  readonly scores: Float64Array;
  /** minᵢ yᵢfᵢ/‖λ‖₁ after each round */
  readonly marginHistory: Float64Array;
  /** weighted training error ε_t of each round's stump */
  readonly errors: Float64Array;
  /** the stump chosen in each round (an index into stumps) */
  readonly chosen: Int32Array;
  /** its step α_t (for a separating stump: 1, replacing everything before) */
  readonly alphas: Float64Array;
  /** rounds run (fewer than asked when one stump separated the data) */
  readonly rounds: number;
}

export function adaBoostStumps(X: Matrix, y: Float64Array, opts: AdaBoostOptions): AdaBoostResult {
  const { rounds, shrinkage = 1 } = opts;
  const n = X.rows, d = X.cols;
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new RangeError(`adaBoostStumps: rounds must be an integer ≥ 1, got ${rounds}`);
  if (!(shrinkage > 0 && shrinkage <= 1)) throw new RangeError(`adaBoostStumps: shrinkage must be in (0, 1], got ${shrinkage}`);
  if (y.length !== n) throw new RangeError(`adaBoostStumps: y has ${y.length} labels, X has ${n} rows`);
  if (n === 0) throw new RangeError("adaBoostStumps: the data set has no examples");
  for (let i = 0; i < n; i++) if (y[i] !== 1 && y[i] !== -1) throw new RangeError(`adaBoostStumps: label ${i} is ${y[i]}; labels must be −1 or +1`);
  for (let i = 0; i < X.data.length; i++) {
    if (!Number.isFinite(X.data[i])) throw new RangeError(`adaBoostStumps: X has a non-finite entry at (${Math.floor(i / d)}, ${i % d})`);
  }
  const stumps = stumpDictionary(X);
  // index of each (feature, threshold, +1) stump: stumps are laid out feature by feature in sorted order
  const order: Int32Array[] = [];
  const firstStump = new Int32Array(d);
  {
    let k = 2;
    for (let j = 0; j < d; j++) {
      const idx = Int32Array.from({ length: n }, (_, i) => i);
      idx.sort((a, b) => X.data[a * d + j] - X.data[b * d + j]);
      order.push(idx);
      firstStump[j] = k;
      while (k < stumps.length && stumps[k].feature === j) k++;
    }
  }
  const lambda = new Float64Array(stumps.length);
  const f = new Float64Array(n);
  const w = new Float64Array(n);
  const history = new Float64Array(rounds);
  const errors = new Float64Array(rounds);
  const chosen = new Int32Array(rounds);
  const alphas = new Float64Array(rounds);
  let l1 = 0, done = 0;
  for (let t = 0; t < rounds; t++) {
    // weights Dᵢ ∝ exp(−yᵢfᵢ), shifted by the largest log-weight so none overflows and the largest is 1
    let m = -Infinity;
    for (let i = 0; i < n; i++) m = Math.max(m, -y[i] * f[i]);
    let total = 0;
    for (let i = 0; i < n; i++) { w[i] = Math.exp(-y[i] * f[i] - m); total += w[i]; }
    // positive mass: Σ over yᵢ = +1 of wᵢ (the error of the constant −1)
    let pos = 0;
    for (let i = 0; i < n; i++) if (y[i] > 0) pos += w[i];
    // constants: h ≡ +1 errs on the negatives, h ≡ −1 on the positives
    let best = total - pos <= pos ? 0 : 1;
    let bestErr = Math.min(total - pos, pos);
    for (let j = 0; j < d; j++) {
      // stump (j, b, +1) predicts +1 above b: error = Σ_{x ≤ b, y = +1} w + Σ_{x > b, y = −1} w
      const idx = order[j];
      let err = total - pos; // threshold below every value: all predicted +1
      let k = firstStump[j];
      for (let r = 0; r + 1 < n; r++) {
        const i = idx[r];
        err += y[i] > 0 ? w[i] : -w[i]; // xᵢ moves below the threshold
        const a = X.data[i * d + j], b = X.data[idx[r + 1] * d + j];
        if (b > a) {
          if (err < bestErr) { bestErr = err; best = k; }
          if (total - err < bestErr) { bestErr = total - err; best = k + 1; }
          k += 2;
        }
      }
    }
    // the chosen stump's error summed afresh (the sweep's running sums carry round-off): exactly 0 when it separates
    let wrong = 0;
    for (let i = 0; i < n; i++) if (stumpAt(stumps[best], X, i) !== y[i]) wrong += w[i];
    const eps = wrong / total;
    errors[t] = eps;
    chosen[t] = best;
    if (eps === 0) {
      // one stump separates the data: it alone attains ℓ1 margin 1
      lambda.fill(0);
      lambda[best] = 1;
      l1 = 1;
      alphas[t] = 1;
      for (let i = 0; i < n; i++) f[i] = stumpAt(stumps[best], X, i);
      history[t] = marginOf(f, y, l1);
      done = t + 1;
      break;
    }
    const alpha = shrinkage * 0.5 * Math.log((1 - eps) / eps);
    lambda[best] += alpha;
    alphas[t] = alpha;
    l1 += alpha;
    for (let i = 0; i < n; i++) f[i] += alpha * stumpAt(stumps[best], X, i);
    history[t] = marginOf(f, y, l1);
    done = t + 1;
  }
  return {
    stumps, coefficients: lambda, scores: f, marginHistory: history.slice(0, done), errors: errors.slice(0, done),
    chosen: chosen.slice(0, done), alphas: alphas.slice(0, done), rounds: done,
  };
}

function stumpAt(s: Stump, X: Matrix, i: number): number {
  if (s.feature < 0) return s.sign;
  return X.data[i * X.cols + s.feature] > s.threshold ? s.sign : -s.sign;
}

function marginOf(f: Float64Array, y: Float64Array, l1: number): number {
  let m = Infinity;
  for (let i = 0; i < f.length; i++) m = Math.min(m, y[i] * f[i]);
  return l1 > 0 ? m / l1 : NaN;
}
