// Cholesky factorization A = L Lᵀ of a symmetric positive definite matrix.
import { Matrix } from "./matrix.ts";

/** Lower-triangular L with A = L Lᵀ. Throws if A is not (numerically) positive definite. */
export function cholesky(A: Matrix): Matrix {
  const n = A.rows;
  if (A.cols !== n) throw new RangeError(`cholesky: matrix is ${A.rows}×${A.cols}, must be square`);
  const L = new Matrix(n, n);
  const bad = choleskyInto(A.data, L.data, n);
  if (bad >= 0) throw new RangeError(`cholesky: matrix is not positive definite (pivot ${bad} is ${L.data[bad * n + bad]})`);
  return L;
}

/**
 * L ← the Cholesky factor of the n×n matrix in a (lower triangle read; l's upper triangle zeroed),
 * row by row: l_ij = (a_ij − ⟨l_i,<j, l_j,<j⟩)/l_jj, each dot product of two contiguous row
 * prefixes summed in four accumulators (a single one waits on the adder's latency at every step).
 * Returns −1, or the index of the first pivot that is not positive (then stored at l_jj; the
 * rows after it are left unset). Allocates nothing; l must not alias a.
 */
export function choleskyInto(a: Float64Array, l: Float64Array, n: number): number {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, k = 0;
      for (; k + 3 < j; k += 4) {
        s0 += l[ri + k] * l[rj + k];
        s1 += l[ri + k + 1] * l[rj + k + 1];
        s2 += l[ri + k + 2] * l[rj + k + 2];
        s3 += l[ri + k + 3] * l[rj + k + 3];
      }
      for (; k < j; k++) s0 += l[ri + k] * l[rj + k];
      const s = a[ri + j] - ((s0 + s1) + (s2 + s3));
      if (j < i) {
        l[ri + j] = s / l[rj + j];
      } else {
        l[ri + i] = s;
        if (!(s > 0)) return i;
        l[ri + i] = Math.sqrt(s);
      }
    }
    for (let j = i + 1; j < n; j++) l[ri + j] = 0;
  }
  return -1;
}

/** Solves L Lᵀ x = b in place of `out` (out may alias b). */
export function choleskySolve(L: Matrix, b: Float64Array, out: Float64Array = new Float64Array(b.length)): Float64Array {
  const n = L.rows, l = L.data;
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * out[k];
    out[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = out[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * out[k];
    out[i] = s / l[i * n + i];
  }
  return out;
}
