// Thin SVD A = U diag(s) Vᵀ by one-sided (Hestenes) Jacobi, preconditioned by QR with column pivoting
// (Drmač–Veselić): A P = Q R, Jacobi orthogonalizes the columns of X = Rᵀ, X V_x = U_x Σ, so that
// A = (Q V_x) Σ (P U_x)ᵀ. Jacobi keeps the small singular values accurate to eps·σ_max and, for column-graded
// A = B D with B well conditioned, to high relative accuracy — which the Gram-matrix route cannot do.
import { Matrix, gemmNT } from "./matrix.ts";
import { qrCompactInPlace, formQ } from "./qr.ts";

const EPS = 2 ** -52;
const MAX_SWEEPS = 60;

export interface Svd {
  /** m×k, orthonormal columns (k = min(m, n)) */
  U: Matrix;
  /** k singular values, descending, ≥ 0 */
  s: Float64Array;
  /** n×k, orthonormal columns */
  V: Matrix;
}

/** Thin SVD of any m×n A: U m×k, s (descending), V n×k, k = min(m, n), with A = U diag(s) Vᵀ. */
export function svd(A: Matrix): Svd {
  if (A.rows >= A.cols) return svdTall(A, true) as Svd;
  const r = svdTall(A.transpose(), true) as Svd;
  return { U: r.V, s: r.s, V: r.U };
}

/** Singular values only (descending); skips forming U and V. */
export function singularValues(A: Matrix): Float64Array {
  return svdTall(A.rows >= A.cols ? A : A.transpose(), false).s;
}

function svdTall(A: Matrix, wantVectors: boolean): { U: Matrix | null; s: Float64Array; V: Matrix | null } {
  const m = A.rows, n = A.cols, a = A.data;
  const s = new Float64Array(n);
  let amax = 0;
  for (let i = 0; i < a.length; i++) {
    const x = Math.abs(a[i]);
    if (!(x < Infinity)) throw new RangeError(`svd: entry (${Math.floor(i / n)}, ${i % n}) is ${a[i]}`);
    if (x > amax) amax = x;
  }
  if (amax === 0) {
    if (!wantVectors) return { U: null, s, V: null };
    const U = new Matrix(m, n);
    for (let i = 0; i < n; i++) U.data[i * n + i] = 1;
    return { U, s, V: Matrix.identity(n) };
  }
  // exact power-of-two scaling to max entry in [0.5, 1): squared norms neither overflow nor lose range
  const sc = 2 ** -Math.ceil(Math.log2(amax));
  const W = new Matrix(m, n);
  for (let i = 0; i < a.length; i++) W.data[i] = a[i] * sc;
  const tau = new Float64Array(n);
  const perm = new Int32Array(n);
  qrCompactInPlace(W, tau, perm);

  // G = R (n×n); its rows are the columns of X = Rᵀ
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let c = i; c < n; c++) G[i * n + c] = W.data[i * n + c];
  const VxT = wantVectors ? Matrix.identity(n).data : null;
  oneSidedJacobiRows(G, n, n, VxT);

  const isNull = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    let ss = 0;
    for (let c = 0; c < n; c++) ss += G[j * n + c] * G[j * n + c];
    if (ss === 0) {
      isNull[j] = 1;
      continue;
    }
    const nj = Math.sqrt(ss);
    s[j] = nj;
    if (wantVectors) for (let c = 0; c < n; c++) G[j * n + c] /= nj;
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => s[y] - s[x] || x - y);
  const sOut = new Float64Array(n);
  for (let j = 0; j < n; j++) sOut[j] = s[order[j]] / sc;
  if (!wantVectors || !VxT) return { U: null, s: sOut, V: null };

  completeOrthonormalRows(G, n, n, isNull); // G now holds U_xᵀ
  const Ufull = gemmNT(formQ(W, tau), new Matrix(n, n, VxT)); // Q V_x
  const U = new Matrix(m, n), V = new Matrix(n, n);
  for (let j = 0; j < n; j++) {
    const oj = order[j];
    for (let i = 0; i < m; i++) U.data[i * n + j] = Ufull.data[i * n + oj];
    for (let i = 0; i < n; i++) V.data[perm[i] * n + j] = G[oj * n + i];
  }
  return { U, s: sOut, V };
}

/**
 * Rotates pairs of rows of g (rows × len) until every pair is orthogonal to |g_p·g_q| ≤ √len·eps‖g_p‖‖g_q‖;
 * the same rotations are applied to the rows of acc (rows × rows) when given.
 */
function oneSidedJacobiRows(g: Float64Array, rows: number, len: number, acc: Float64Array | null): void {
  const tol = Math.max(1, Math.sqrt(len)) * EPS;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < rows - 1; p++) {
      const op = p * len;
      for (let q = p + 1; q < rows; q++) {
        const oq = q * len;
        let alpha = 0, beta = 0, gamma = 0;
        for (let c = 0; c < len; c++) {
          const x = g[op + c], y = g[oq + c];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (alpha === 0 || beta === 0) continue;
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        rotated = true;
        // t = tan θ, the smaller root of t² + 2ζt − 1 = 0 with ζ = (β − α)/(2γ)
        const zeta = (beta - alpha) / (2 * gamma);
        const az = Math.abs(zeta);
        const t = (zeta >= 0 ? 1 : -1) / (az > 1 ? az * (1 + Math.sqrt(1 + (1 / az) * (1 / az))) : az + Math.sqrt(1 + az * az));
        const cs = 1 / Math.sqrt(1 + t * t), sn = cs * t;
        for (let c = 0; c < len; c++) {
          const x = g[op + c], y = g[oq + c];
          g[op + c] = cs * x - sn * y;
          g[oq + c] = sn * x + cs * y;
        }
        if (acc) {
          const ap = p * rows, aq = q * rows;
          for (let c = 0; c < rows; c++) {
            const x = acc[ap + c], y = acc[aq + c];
            acc[ap + c] = cs * x - sn * y;
            acc[aq + c] = sn * x + cs * y;
          }
        }
      }
    }
    if (!rotated) return;
  }
  throw new Error(`svd: one-sided Jacobi did not converge in ${MAX_SWEEPS} sweeps`);
}

/** Replaces the rows flagged in isNull by unit vectors orthogonal to all others (Gram–Schmidt on e_i, twice). */
function completeOrthonormalRows(g: Float64Array, rows: number, len: number, isNull: Uint8Array): void {
  const x = new Float64Array(len);
  for (let r = 0; r < rows; r++) {
    if (!isNull[r]) continue;
    for (let cand = 0; cand < len; cand++) {
      x.fill(0);
      x[cand] = 1;
      for (let pass = 0; pass < 2; pass++) {
        for (let o = 0; o < rows; o++) {
          if (isNull[o]) continue;
          let d = 0;
          for (let c = 0; c < len; c++) d += g[o * len + c] * x[c];
          for (let c = 0; c < len; c++) x[c] -= d * g[o * len + c];
        }
      }
      let nx = 0;
      for (let c = 0; c < len; c++) nx += x[c] * x[c];
      nx = Math.sqrt(nx);
      if (nx > 0.5) {
        for (let c = 0; c < len; c++) g[r * len + c] = x[c] / nx;
        isNull[r] = 0;
        break;
      }
    }
  }
}
