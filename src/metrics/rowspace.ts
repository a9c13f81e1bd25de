// Projection onto the row space of X (span of the examples xₙ) by Householder QR
// with column pivoting of Xᵀ. Orthogonal transformations keep the residual
// ‖(I − P)v‖ accurate to a few ulps of ‖v‖ however ill-conditioned X is, which the
// normal equations (XXᵀ)⁻¹ would not (they square the condition number).
import { norm2, type Matrix } from "../linalg/index.ts";

export interface RowspaceProjector {
  /** ambient dimension d (columns of X) */
  readonly dim: number;
  /** numerical rank r of X */
  readonly rank: number;
  /** ‖v − Pv‖₂: the length of the component of v orthogonal to span of the rows of X */
  residual(v: Float64Array): number;
  /** out ← Pv, the component of v in the row space */
  project(v: Float64Array, out?: Float64Array): Float64Array;
  /**
   * Distance from w to the affine set {u : Xu = y} = ‖X⁺(Xw − y)‖₂, for y in the
   * range of X (e.g. X of full row rank, the underdetermined case).
   */
  distanceToSolutionSet(w: Float64Array, y: Float64Array): number;
}

/**
 * Factorizes Xᵀ Π = Q R (Householder, column pivoting). The rank is the number of
 * pivots with |R_kk| > max(N, d)·ε·|R_00|.
 */
export function rowspaceProjector(X: Matrix): RowspaceProjector {
  const n = X.rows, d = X.cols;
  // cols[j] is column j of Xᵀ, i.e. row j of X; reduced in place to R's columns
  const cols: Float64Array[] = [];
  for (let j = 0; j < n; j++) cols.push(X.data.slice(j * d, (j + 1) * d));
  const perm = new Int32Array(n);
  for (let j = 0; j < n; j++) perm[j] = j;
  const us: Float64Array[] = []; // unit Householder vectors: H_k = I − 2 u uᵀ acting on entries k..d−1
  const kmax = Math.min(n, d);
  const tol = Math.max(n, d) * Number.EPSILON;
  let r00 = 0;
  let rank = 0;
  for (let k = 0; k < kmax; k++) {
    // pivot: the remaining column with the largest norm on rows k..d−1
    let best = -1, bestNorm = -1;
    for (let j = k; j < n; j++) {
      const nj = norm2(cols[j].subarray(k));
      if (nj > bestNorm) { bestNorm = nj; best = j; }
    }
    if (k === 0) r00 = bestNorm;
    if (!(bestNorm > tol * r00) || bestNorm === 0) break;
    if (best !== k) {
      const tc = cols[k]; cols[k] = cols[best]; cols[best] = tc;
      const tp = perm[k]; perm[k] = perm[best]; perm[best] = tp;
    }
    const x = cols[k];
    const alpha = x[k] >= 0 ? -bestNorm : bestNorm; // sign chosen so x − αe₁ does not cancel
    const u = new Float64Array(d);
    for (let i = k; i < d; i++) u[i] = x[i];
    u[k] -= alpha;
    const nu = norm2(u);
    for (let i = k; i < d; i++) u[i] /= nu;
    us.push(u);
    x[k] = alpha;
    for (let i = k + 1; i < d; i++) x[i] = 0;
    for (let j = k + 1; j < n; j++) reflect(u, k, cols[j]);
    rank = k + 1;
  }
  const work = new Float64Array(d);

  /** work ← Qᵀ v */
  function applyQt(v: Float64Array): void {
    if (v.length !== d) throw new RangeError(`rowspace: vector has length ${v.length}, X has ${d} columns`);
    work.set(v);
    for (let k = 0; k < rank; k++) reflect(us[k], k, work);
  }

  return {
    dim: d,
    rank,
    residual(v) {
      applyQt(v);
      return norm2(work.subarray(rank));
    },
    project(v, out = new Float64Array(d)) {
      applyQt(v);
      work.fill(0, rank);
      for (let k = rank - 1; k >= 0; k--) reflect(us[k], k, work);
      out.set(work);
      return out;
    },
    distanceToSolutionSet(w, y) {
      if (w.length !== d) throw new RangeError(`rowspace: w has length ${w.length}, X has ${d} columns`);
      if (y.length !== n) throw new RangeError(`rowspace: y has length ${y.length}, X has ${n} rows`);
      // s = Xw − y; the min-norm δ with Xδ = s is Q_r z where R₁₁ᵀ z = (Πᵀ s)[0..r)
      const z = new Float64Array(rank);
      for (let i = 0; i < rank; i++) {
        const row = perm[i];
        let s = -y[row];
        const o = row * d;
        for (let c = 0; c < d; c++) s += X.data[o + c] * w[c];
        for (let k = 0; k < i; k++) s -= cols[i][k] * z[k]; // R₁₁ᵀ[i][k] = R[k][i] = cols[i][k]
        z[i] = s / cols[i][i];
      }
      return norm2(z);
    },
  };
}

/** y ← (I − 2uuᵀ) y on entries k..end */
function reflect(u: Float64Array, k: number, y: Float64Array): void {
  let s = 0;
  for (let i = k; i < y.length; i++) s += u[i] * y[i];
  s *= 2;
  if (s === 0) return;
  for (let i = k; i < y.length; i++) y[i] -= s * u[i];
}

/** ‖component of v orthogonal to the row space of X‖₂ (Yao's Lemma 3: GD keeps w_t − w₀ in it). */
export function rowspaceResidual(X: Matrix, v: Float64Array): number {
  return rowspaceProjector(X).residual(v);
}

/** Distance from w to {u : Xu = y}, i.e. ‖X⁺(Xw − y)‖₂ (y in the range of X). */
export function distanceToAffine(X: Matrix, y: Float64Array, w: Float64Array): number {
  return rowspaceProjector(X).distanceToSolutionSet(w, y);
}
