// Minimum-norm least squares x = A⁺ b: pivoted QR when A has full rank in its smaller dimension, SVD otherwise.
import { Matrix, gemvT } from "./matrix.ts";
import { qrCompactInPlace, applyQ, applyQt } from "./qr.ts";
import { svd } from "./svd.ts";
import { defaultRtol } from "./pinv.ts";

const SQRT_EPS = Math.sqrt(2 ** -52);

/**
 * x = A⁺ b, the least-squares solution of least ‖x‖₂, for any m×n A.
 * Full column rank (m ≥ n): A P = Q R, x = P R⁻¹ Qᵀ b. Full row rank (m < n): Aᵀ P = Q R, x = Q R⁻ᵀ Pᵀ b.
 * The QR route is taken only when min|R_kk| > max(√eps, 1e4·rtol)·|R₀₀| (safely full rank); otherwise
 * x = V Σ⁺ Uᵀ b with singular values ≤ rtol·σ_max dropped, exactly as pinv (default rtol = max(m, n)·eps).
 */
export function lstsqMinNorm(A: Matrix, b: Float64Array, rtol: number = defaultRtol(A.rows, A.cols)): Float64Array {
  const m = A.rows, n = A.cols;
  if (b.length !== m) throw new RangeError(`lstsqMinNorm: matrix has ${m} rows, b has ${b.length} entries`);
  const x = new Float64Array(n);
  const k = Math.min(m, n);
  if (k === 0) return x;
  const tall = m >= n;
  const W = tall ? A.clone() : A.transpose();
  const cols = W.cols, w = W.data; // cols = k
  const tau = new Float64Array(k);
  const perm = new Int32Array(cols);
  qrCompactInPlace(W, tau, perm);
  const r00 = Math.abs(w[0]);
  const gate = Math.max(SQRT_EPS, 1e4 * rtol) * r00;
  let fullRank = r00 > 0 && Number.isFinite(r00);
  for (let j = 0; j < k && fullRank; j++) if (!(Math.abs(w[j * cols + j]) > gate)) fullRank = false;
  if (fullRank) {
    if (tall) {
      const y = applyQt(W, tau, b.slice());
      for (let i = k - 1; i >= 0; i--) { // R z = (Qᵀb)[0:k]
        let s = y[i];
        for (let c = i + 1; c < k; c++) s -= w[i * cols + c] * y[c];
        y[i] = s / w[i * cols + i];
      }
      for (let j = 0; j < k; j++) x[perm[j]] = y[j];
      return x;
    }
    // Rᵀ y = Pᵀ b, then x = Q [y; 0]
    for (let i = 0; i < k; i++) {
      let s = b[perm[i]];
      for (let c = 0; c < i; c++) s -= w[c * cols + i] * x[c];
      x[i] = s / w[i * cols + i];
    }
    return applyQ(W, tau, x);
  }
  const { U, s, V } = svd(A);
  const c = gemvT(U, b, new Float64Array(k));
  const cut = rtol * s[0];
  for (let l = 0; l < k; l++) c[l] = s[l] > cut ? c[l] / s[l] : 0;
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let l = 0; l < k; l++) t += V.data[i * k + l] * c[l];
    x[i] = t;
  }
  return x;
}

/**
 * For A (m×n) of full row rank m ≤ n: x = A⁺b (the least-norm solution of Ax = b) and the λ with Aᵀλ = x,
 * λ = (AAᵀ)⁻¹b, from one pivoted QR of Aᵀ: AᵀP = QR gives x = Q R⁻ᵀ Pᵀb and Pᵀλ = R⁻¹R⁻ᵀPᵀb. Returns
 * undefined when A is wider than tall is false (m > n) or not safely of full row rank (the same gate as
 * lstsqMinNorm's QR route); then use lstsqMinNorm twice.
 */
export function minNormWithMultipliers(A: Matrix, b: Float64Array): { x: Float64Array; lambda: Float64Array } | undefined {
  const m = A.rows, n = A.cols;
  if (b.length !== m) throw new RangeError(`minNormWithMultipliers: matrix has ${m} rows, b has ${b.length} entries`);
  if (m === 0 || m > n) return undefined;
  const W = A.transpose(); // n×m, tall
  const w = W.data;
  const tau = new Float64Array(m);
  const perm = new Int32Array(m);
  qrCompactInPlace(W, tau, perm);
  const r00 = Math.abs(w[0]);
  const gate = Math.max(SQRT_EPS, 1e4 * defaultRtol(m, n)) * r00;
  if (!(r00 > 0 && Number.isFinite(r00))) return undefined;
  for (let j = 0; j < m; j++) if (!(Math.abs(w[j * m + j]) > gate)) return undefined;
  // Rᵀ z = Pᵀ b (forward), x = Q [z; 0]; R v = z (backward), λ = P v
  const z = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    let s = b[perm[i]];
    for (let c = 0; c < i; c++) s -= w[c * m + i] * z[c];
    z[i] = s / w[i * m + i];
  }
  const v = z.slice(0, m);
  for (let i = m - 1; i >= 0; i--) {
    let s = v[i];
    for (let c = i + 1; c < m; c++) s -= w[i * m + c] * v[c];
    v[i] = s / w[i * m + i];
  }
  const lambda = new Float64Array(m);
  for (let j = 0; j < m; j++) lambda[perm[j]] = v[j];
  return { x: applyQ(W, tau, z), lambda };
}
