// Cholesky factorization A = L Lᵀ of a symmetric positive definite matrix.
import { Matrix } from "./matrix.ts";

/** Lower-triangular L with A = L Lᵀ. Throws if A is not (numerically) positive definite. */
export function cholesky(A: Matrix): Matrix {
  const n = A.rows;
  if (A.cols !== n) throw new RangeError(`cholesky: matrix is ${A.rows}×${A.cols}, must be square`);
  const L = new Matrix(n, n);
  const a = A.data, l = L.data;
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0)) throw new RangeError(`cholesky: matrix is not positive definite (pivot ${j} is ${d})`);
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  return L;
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
