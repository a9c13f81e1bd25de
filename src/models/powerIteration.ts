// σ_max(X)² = λ_max(XᵀX) by power iteration on the smaller Gram matrix
// (XXᵀ when N < d, else XᵀX; both share their nonzero eigenvalues).
import { Matrix, gemv, gemvT, norm2, scale } from "../linalg/index.ts";
import { Rng } from "../random/index.ts";

/**
 * Largest eigenvalue of XᵀX. Stops when the Rayleigh quotient changes by at most
 * `tol` relative; its error is then ≤ tol/(1 − (λ₂/λ₁)²) relative. The start is a
 * fixed pseudo-random vector, so the result is deterministic.
 */
export function topSingularValueSquared(X: Matrix, tol = 1e-14, maxIter = 20000): number {
  const { rows: n, cols: d } = X;
  if (n === 0 || d === 0) return 0;
  const wide = n < d; // iterate in R^n on XXᵀ, else in R^d on XᵀX
  const m = wide ? n : d;
  const v = new Rng(0x5eed).fillNormal(new Float64Array(m));
  const mid = new Float64Array(wide ? d : n);
  const w = new Float64Array(m);
  scale(1 / norm2(v), v);
  let lambda = 0;
  for (let it = 0; it < maxIter; it++) {
    if (wide) { gemvT(X, v, mid); gemv(X, mid, w); } else { gemv(X, v, mid); gemvT(X, mid, w); }
    // Rayleigh quotient vᵀGv with ‖v‖ = 1 (G = XXᵀ or XᵀX), i.e. ‖mid‖²
    const mn = norm2(mid);
    const next = mn * mn;
    const nw = norm2(w);
    if (nw === 0) return 0;
    for (let i = 0; i < m; i++) v[i] = w[i] / nw;
    if (Math.abs(next - lambda) <= tol * next) return next;
    lambda = next;
  }
  return lambda;
}
