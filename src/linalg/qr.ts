// Householder QR: A = Q R (thin), and with column pivoting A P = Q R (Businger–Golub), which reveals rank.
import { Matrix } from "./matrix.ts";
import { makeReflector, stridedNorm2 } from "./householder.ts";

const EPS = 2 ** -52;

/**
 * Householder QR of W (m×n) in place, compact form: R on and above the diagonal, the reflector
 * vector v_j (v_j₀ = 1 implied) below the diagonal in column j, τ_j in tau[j], j < min(m, n).
 * With `perm` given, pivots by largest remaining column norm (norm downdating as in LAPACK dlaqp2)
 * and records A[:, perm[j]] = column j of W's factorization.
 */
export function qrCompactInPlace(W: Matrix, tau: Float64Array, perm: Int32Array | null = null): void {
  const m = W.rows, n = W.cols, w = W.data;
  const k = Math.min(m, n);
  const z = new Float64Array(n);
  let vn1: Float64Array | null = null, vn2: Float64Array | null = null;
  if (perm) {
    vn1 = new Float64Array(n);
    vn2 = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      perm[c] = c;
      vn1[c] = vn2[c] = stridedNorm2(w, c, n, m);
    }
  }
  const tol3z = Math.sqrt(EPS);
  for (let j = 0; j < k; j++) {
    if (perm && vn1 && vn2) {
      let p = j;
      for (let c = j + 1; c < n; c++) if (vn1[c] > vn1[p]) p = c;
      if (p !== j) {
        for (let i = 0; i < m; i++) {
          const t = w[i * n + j];
          w[i * n + j] = w[i * n + p];
          w[i * n + p] = t;
        }
        const tp = perm[p]; perm[p] = perm[j]; perm[j] = tp;
        vn1[p] = vn1[j];
        vn2[p] = vn2[j];
      }
    }
    const t = makeReflector(w, j * n + j, n, m - j);
    tau[j] = t;
    if (t !== 0 && j + 1 < n) {
      // columns j+1.. ← H_j columns: z = W[j:, j+1:]ᵀ v, then W[j:, j+1:] −= τ v zᵀ
      for (let c = j + 1; c < n; c++) z[c] = w[j * n + c];
      for (let i = j + 1; i < m; i++) {
        const vi = w[i * n + j];
        if (vi === 0) continue;
        const o = i * n;
        for (let c = j + 1; c < n; c++) z[c] += vi * w[o + c];
      }
      for (let c = j + 1; c < n; c++) w[j * n + c] -= t * z[c];
      for (let i = j + 1; i < m; i++) {
        const f = t * w[i * n + j];
        if (f === 0) continue;
        const o = i * n;
        for (let c = j + 1; c < n; c++) w[o + c] -= f * z[c];
      }
    }
    if (vn1 && vn2) {
      for (let c = j + 1; c < n; c++) {
        if (vn1[c] === 0) continue;
        const r = Math.abs(w[j * n + c]) / vn1[c];
        const temp = Math.max(0, 1 - r * r);
        const ratio = vn1[c] / vn2[c];
        if (temp * ratio * ratio <= tol3z) {
          // cancellation: recompute the remaining norm instead of downdating
          vn1[c] = vn2[c] = j + 1 < m ? stridedNorm2(w, (j + 1) * n + c, n, m - j - 1) : 0;
        } else {
          vn1[c] *= Math.sqrt(temp);
        }
      }
    }
  }
}

/** The thin Q (m×k, k = min(m, n)) of a compact factorization: Q = H₀ ⋯ H_{k−1} [I_k; 0]. */
export function formQ(W: Matrix, tau: Float64Array): Matrix {
  const m = W.rows, n = W.cols, w = W.data;
  const k = Math.min(m, n);
  const Q = new Matrix(m, k);
  const q = Q.data;
  for (let i = 0; i < k; i++) q[i * k + i] = 1;
  const z = new Float64Array(k);
  for (let j = k - 1; j >= 0; j--) {
    const t = tau[j];
    if (t === 0) continue;
    for (let c = j; c < k; c++) z[c] = q[j * k + c];
    for (let i = j + 1; i < m; i++) {
      const vi = w[i * n + j];
      if (vi === 0) continue;
      for (let c = j; c < k; c++) z[c] += vi * q[i * k + c];
    }
    for (let c = j; c < k; c++) q[j * k + c] -= t * z[c];
    for (let i = j + 1; i < m; i++) {
      const f = t * w[i * n + j];
      if (f === 0) continue;
      for (let c = j; c < k; c++) q[i * k + c] -= f * z[c];
    }
  }
  return Q;
}

/** b ← Qᵀ b for the full m×m Q of a compact factorization (the first min(m, n) entries are the thin Qᵀ b). */
export function applyQt(W: Matrix, tau: Float64Array, b: Float64Array): Float64Array {
  const m = W.rows, n = W.cols, w = W.data;
  const k = Math.min(m, n);
  for (let j = 0; j < k; j++) {
    const t = tau[j];
    if (t === 0) continue;
    let s = b[j];
    for (let i = j + 1; i < m; i++) s += w[i * n + j] * b[i];
    s *= t;
    b[j] -= s;
    for (let i = j + 1; i < m; i++) b[i] -= s * w[i * n + j];
  }
  return b;
}

/** x ← Q x for the full m×m Q = H₀ ⋯ H_{k−1} of a compact factorization (x has length m). */
export function applyQ(W: Matrix, tau: Float64Array, x: Float64Array): Float64Array {
  const m = W.rows, n = W.cols, w = W.data;
  const k = Math.min(m, n);
  for (let j = k - 1; j >= 0; j--) {
    const t = tau[j];
    if (t === 0) continue;
    let s = x[j];
    for (let i = j + 1; i < m; i++) s += w[i * n + j] * x[i];
    s *= t;
    x[j] -= s;
    for (let i = j + 1; i < m; i++) x[i] -= s * w[i * n + j];
  }
  return x;
}

/** The upper-trapezoidal R (k×n, k = min(m, n)) of a compact factorization. */
export function extractR(W: Matrix): Matrix {
  const m = W.rows, n = W.cols;
  const k = Math.min(m, n);
  const R = new Matrix(k, n);
  for (let i = 0; i < k; i++) for (let c = i; c < n; c++) R.data[i * n + c] = W.data[i * n + c];
  return R;
}

/**
 * Thin Householder QR, A = Q R: for A m×n with k = min(m, n), Q is m×k with orthonormal columns and
 * R is k×n upper triangular (trapezoidal when m < n). Diagonal entries of R may be negative.
 */
export function qr(A: Matrix): { Q: Matrix; R: Matrix } {
  const W = A.clone();
  const tau = new Float64Array(Math.min(A.rows, A.cols));
  qrCompactInPlace(W, tau);
  return { Q: formQ(W, tau), R: extractR(W) };
}

/**
 * QR with column pivoting, A[:, perm] = Q R, with |R₀₀| ≥ |R₁₁| ≥ ⋯ (up to rounding).
 * rank = number of leading |R_jj| > rtol·|R₀₀|, default rtol = max(m, n)·eps.
 */
export function qrPivoted(A: Matrix, rtol?: number): { Q: Matrix; R: Matrix; perm: Int32Array; rank: number } {
  const m = A.rows, n = A.cols;
  const W = A.clone();
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  const perm = new Int32Array(n);
  qrCompactInPlace(W, tau, perm);
  return { Q: formQ(W, tau), R: extractR(W), perm, rank: pivotedRank(W, rtol) };
}

/** Numerical rank read off the diagonal of a pivoted compact factorization. */
export function pivotedRank(W: Matrix, rtol?: number): number {
  const m = W.rows, n = W.cols;
  const k = Math.min(m, n);
  if (k === 0) return 0;
  const tol = (rtol ?? Math.max(m, n) * EPS) * Math.abs(W.data[0]);
  let r = 0;
  while (r < k && Math.abs(W.data[r * n + r]) > tol) r++;
  return r;
}
