// Moore–Penrose pseudo-inverse and numerical rank from the SVD.
import { Matrix } from "./matrix.ts";
import { svd, singularValues } from "./svd.ts";

const EPS = 2 ** -52;

/** Default relative cutoff for singular values: max(m, n)·eps (as in NumPy's matrix_rank and MATLAB's pinv). */
export function defaultRtol(m: number, n: number): number {
  return Math.max(m, n) * EPS;
}

/**
 * A⁺ = V diag(1/σ_i) Uᵀ over the σ_i > rtol·σ_max, others treated as zero (n×m for A m×n).
 * Default rtol = max(m, n)·eps.
 */
export function pinv(A: Matrix, rtol: number = defaultRtol(A.rows, A.cols)): Matrix {
  const m = A.rows, n = A.cols;
  const { U, s, V } = svd(A);
  const k = s.length;
  const cut = k > 0 ? rtol * s[0] : 0;
  const P = new Matrix(n, m);
  const p = P.data, u = U.data, v = V.data;
  for (let l = 0; l < k; l++) {
    if (!(s[l] > cut)) break;
    const inv = 1 / s[l];
    for (let i = 0; i < n; i++) {
      const f = v[i * k + l] * inv;
      if (f === 0) continue;
      for (let j = 0; j < m; j++) p[i * m + j] += f * u[j * k + l];
    }
  }
  return P;
}

/** Number of singular values above rtol·σ_max (default rtol = max(m, n)·eps); 0 for the zero matrix. */
export function rank(A: Matrix, rtol: number = defaultRtol(A.rows, A.cols)): number {
  const s = singularValues(A);
  if (s.length === 0) return 0;
  const cut = rtol * s[0];
  let r = 0;
  while (r < s.length && s[r] > cut) r++;
  return r;
}
