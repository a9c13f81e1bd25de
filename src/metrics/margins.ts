// Margin measurements along a classification run (labels ±1, no bias):
//   normalized margin  γ_p(w) = minᵢ yᵢ⟨w, xᵢ⟩ / ‖w‖_p
//   smooth margin      γ̃(w) = −log Σᵢ exp(−yᵢ⟨w, xᵢ⟩) / ‖w‖_p   (γ̃ ≤ γ ≤ γ̃ + log n/‖w‖_p)
//   KKT residual of the ℓ2 SVM for a candidate direction
// all safe at margins of 1e4 and beyond (the smooth margin through log-sum-exp).
import { Matrix, lstsqMinNorm, norm2, normP } from "../linalg/index.ts";

function checkShapes(where: string, X: Matrix, y: Float64Array, w: Float64Array): void {
  if (y.length !== X.rows) throw new RangeError(`${where}: y has ${y.length} labels, X has ${X.rows} rows`);
  if (w.length !== X.cols) throw new RangeError(`${where}: w has ${w.length} entries, X has ${X.cols} columns`);
}

/** out[i] ← yᵢ⟨w, xᵢ⟩ */
export function classificationMargins(X: Matrix, y: Float64Array, w: Float64Array, out: Float64Array = new Float64Array(X.rows)): Float64Array {
  checkShapes("classificationMargins", X, y, w);
  const { rows, cols, data } = X;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += data[i * cols + j] * w[j];
    out[i] = y[i] * s;
  }
  return out;
}

/** γ_p(w) = minᵢ yᵢ⟨w, xᵢ⟩ / ‖w‖_p (p ∈ [1, ∞], default 2); NaN for w = 0 */
export function normalizedMargin(X: Matrix, y: Float64Array, w: Float64Array, p = 2): number {
  const u = classificationMargins(X, y, w);
  let m = Infinity;
  for (const v of u) m = Math.min(m, v);
  const nw = normP(w, p);
  return nw > 0 ? m / nw : NaN;
}

/** −log Σᵢ exp(−uᵢ), by log-sum-exp (finite for margins of any size; −Infinity if some uᵢ = −∞) */
export function softMinMargin(u: Float64Array): number {
  let m = -Infinity;
  for (const v of u) m = Math.max(m, -v);
  if (!Number.isFinite(m)) return -m;
  let s = 0;
  for (const v of u) s += Math.exp(-v - m);
  return -(m + Math.log(s));
}

/** γ̃_p(w) = −log Σᵢ exp(−yᵢ⟨w, xᵢ⟩) / ‖w‖_p (default p = 2); NaN for w = 0 */
export function smoothMargin(X: Matrix, y: Float64Array, w: Float64Array, p = 2): number {
  const nw = normP(w, p);
  return nw > 0 ? softMinMargin(classificationMargins(X, y, w)) / nw : NaN;
}

/** (γ* − γ_p(w)) / γ*: the relative margin gap to the optimum γ* of the same norm */
export function marginGap(X: Matrix, y: Float64Array, w: Float64Array, optimalMargin: number, p = 2): number {
  if (!(optimalMargin > 0)) throw new RangeError(`marginGap: the optimal margin must be positive, got ${optimalMargin}`);
  return (optimalMargin - normalizedMargin(X, y, w, p)) / optimalMargin;
}

/** ‖w(t) − ŵ log t‖₂: the residual ρ(t) of the logarithmic growth w(t) = ŵ log t + ρ(t) */
export function logGrowthResidual(w: Float64Array, wHat: Float64Array, t: number): number {
  if (w.length !== wHat.length) throw new RangeError(`logGrowthResidual: lengths ${w.length} and ${wHat.length} differ`);
  if (!(t > 0)) throw new RangeError(`logGrowthResidual: t must be positive, got ${t}`);
  const lt = Math.log(t);
  let s = 0;
  for (let j = 0; j < w.length; j++) {
    const r = w[j] - wHat[j] * lt;
    s += r * r;
  }
  return Math.sqrt(s);
}

export interface SvmKktResidual {
  /** ‖ŵ − Σᵢ αᵢyᵢxᵢ‖ / ‖ŵ‖ for the best α ≥ 0 on the candidate support set, ŵ = w / minᵢ uᵢ */
  readonly stationarity: number;
  /** the multipliers (zero off the candidate support set) */
  readonly alpha: Float64Array;
  /** the candidate support set: examples with uᵢ ≤ (1 + supportTol)·minᵢ uᵢ */
  readonly support: Int32Array;
  /** minᵢ yᵢ⟨w, xᵢ⟩ / ‖w‖₂ (KKT needs it positive) */
  readonly margin: number;
}

/**
 * How far the direction of w is from satisfying the KKT conditions of the hard-margin
 * SVM (min ‖w‖² s.t. yᵢ⟨w, xᵢ⟩ ≥ 1): rescale to ŵ = w / minᵢ uᵢ (primal feasible, tight),
 * take the examples within supportTol of the minimum margin as the support set, and
 * fit ŵ ≈ Σ αᵢyᵢxᵢ with α ≥ 0 by nonnegative least squares (Lawson–Hanson). Zero
 * exactly for the SVM direction; Infinity when some margin is ≤ 0 (not even separating).
 */
export function svmKktResidual(X: Matrix, y: Float64Array, w: Float64Array, supportTol = 1e-6): SvmKktResidual {
  const u = classificationMargins(X, y, w);
  let minU = Infinity;
  for (const v of u) minU = Math.min(minU, v);
  const nw = norm2(w);
  const n = X.rows, d = X.cols;
  if (!(minU > 0) || !(nw > 0)) return { stationarity: Infinity, alpha: new Float64Array(n), support: new Int32Array(0), margin: nw > 0 ? minU / nw : NaN };
  const support: number[] = [];
  for (let i = 0; i < n; i++) if (u[i] <= (1 + supportTol) * minU) support.push(i);
  const wHat = Float64Array.from(w, (v) => v / minU);
  // A = [yᵢxᵢ]ᵢ∈S as columns (d × |S|)
  const k = support.length;
  const A = new Matrix(d, k);
  support.forEach((i, c) => {
    for (let j = 0; j < d; j++) A.data[j * k + c] = y[i] * X.data[i * d + j];
  });
  const a = nnls(A, wHat);
  const alpha = new Float64Array(n);
  support.forEach((i, c) => (alpha[i] = a[c]));
  const r = wHat.slice();
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) r[j] -= A.data[j * k + c] * a[c];
  return { stationarity: norm2(r) / norm2(wHat), alpha, support: Int32Array.from(support), margin: minU / nw };
}

/** argmin_{x ≥ 0} ‖Ax − b‖₂ by the Lawson–Hanson active-set method */
export function nnls(A: Matrix, b: Float64Array): Float64Array {
  const m = A.rows, n = A.cols;
  if (b.length !== m) throw new RangeError(`nnls: A has ${m} rows, b has ${b.length} entries`);
  const x = new Float64Array(n);
  const passive = new Uint8Array(n);
  const grad = new Float64Array(n), resid = new Float64Array(m);
  let scaleA = 0;
  for (const v of A.data) scaleA = Math.max(scaleA, Math.abs(v));
  const tol = 1e-12 * Math.max(1, scaleA) * Math.max(1, norm2(b)) * Math.max(m, n);
  const gradient = () => {
    for (let i = 0; i < m; i++) {
      let s = b[i];
      for (let j = 0; j < n; j++) s -= A.data[i * n + j] * x[j];
      resid[i] = s;
    }
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += A.data[i * n + j] * resid[i];
      grad[j] = s;
    }
  };
  /** least squares on the passive columns */
  const solvePassive = (): Float64Array => {
    const cols: number[] = [];
    for (let j = 0; j < n; j++) if (passive[j]) cols.push(j);
    const Ap = new Matrix(m, cols.length);
    for (let i = 0; i < m; i++) cols.forEach((j, c) => (Ap.data[i * cols.length + c] = A.data[i * n + j]));
    const sp = lstsqMinNorm(Ap, b);
    const s = new Float64Array(n);
    cols.forEach((j, c) => (s[j] = sp[c]));
    return s;
  };
  for (let outer = 0; outer < 3 * n + 10; outer++) {
    gradient();
    let best = -1, bestG = tol;
    for (let j = 0; j < n; j++) if (!passive[j] && grad[j] > bestG) { bestG = grad[j]; best = j; }
    if (best < 0) break;
    passive[best] = 1;
    for (let inner = 0; inner < 3 * n + 10; inner++) {
      const s = solvePassive();
      let feasible = true;
      for (let j = 0; j < n; j++) if (passive[j] && s[j] <= 0) feasible = false;
      if (feasible) {
        x.set(s);
        break;
      }
      // move toward s until the first passive coordinate hits 0, and free it
      let theta = Infinity;
      for (let j = 0; j < n; j++) if (passive[j] && s[j] <= 0) theta = Math.min(theta, x[j] / (x[j] - s[j]));
      for (let j = 0; j < n; j++) {
        if (!passive[j]) continue;
        x[j] += theta * (s[j] - x[j]);
        if (x[j] <= 1e-15 * Math.max(1, Math.abs(s[j]))) {
          x[j] = 0;
          passive[j] = 0;
        }
      }
    }
  }
  return x;
}
