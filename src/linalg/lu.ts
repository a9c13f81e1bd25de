// LU factorization with partial pivoting, P A = L U, and square linear solves.
import { Matrix } from "./matrix.ts";

const EPS = 2 ** -52;

export interface LuFactors {
  /** unit lower L below the diagonal, U on and above it */
  LU: Matrix;
  /** row k of P A is row piv[k] of A */
  piv: Int32Array;
  /** det P = ±1 */
  sign: number;
}

/** P A = L U with partial pivoting (largest |entry| in the column). Never throws on singular A: zero pivots stay in U. */
export function lu(A: Matrix): LuFactors {
  const n = A.rows;
  if (A.cols !== n) throw new RangeError(`lu: matrix is ${A.rows}×${A.cols}, must be square`);
  const LU = A.clone(), a = LU.data;
  const piv = new Int32Array(n);
  for (let i = 0; i < n; i++) piv[i] = i;
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k, best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j];
        a[k * n + j] = a[p * n + j];
        a[p * n + j] = t;
      }
      const t = piv[k]; piv[k] = piv[p]; piv[p] = t;
      sign = -sign;
    }
    const pk = a[k * n + k];
    if (pk === 0) continue;
    for (let i = k + 1; i < n; i++) {
      const l = (a[i * n + k] /= pk);
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= l * a[k * n + j];
    }
  }
  return { LU, piv, sign };
}

/**
 * Index of the first pivot that is indistinguishable from zero, or −1. LU is backward stable componentwise,
 * P A + E = L U with |E| ≤ γ_n |L||U|, so a pivot with |U_kk| ≤ n·eps·(|L||U|)_kk could be made exactly 0 by
 * a perturbation of A within rounding: A is singular to working precision. Unlike min/max |U_kk| this is
 * blind to row and column scaling (diag(1e100, 1, 1e−100) is fine; a rank-deficient product is not).
 */
export function luSingularPivot(f: LuFactors): number {
  const n = f.LU.rows, a = f.LU.data;
  for (let k = 0; k < n; k++) {
    const ukk = Math.abs(a[k * n + k]);
    let g = ukk;
    for (let p = 0; p < k; p++) g += Math.abs(a[k * n + p]) * Math.abs(a[p * n + k]);
    if (!(ukk > n * EPS * g)) return k;
  }
  return -1;
}

/** Solves A x = b from P A = L U (out may alias b). Throws RangeError on a zero pivot. */
export function luSolve(f: LuFactors, b: Float64Array, out: Float64Array = new Float64Array(b.length)): Float64Array {
  const n = f.LU.rows, a = f.LU.data, piv = f.piv;
  if (b.length !== n || out.length !== n) throw new RangeError(`luSolve: system has ${n} rows, b has ${b.length}, out ${out.length}`);
  const y = out === b ? b.slice() : b;
  for (let i = 0; i < n; i++) {
    let s = y[piv[i]];
    for (let k = 0; k < i; k++) s -= a[i * n + k] * out[k];
    out[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const d = a[i * n + i];
    if (d === 0) throw new RangeError(`luSolve: matrix is singular (pivot ${i} is 0)`);
    let s = out[i];
    for (let k = i + 1; k < n; k++) s -= a[i * n + k] * out[k];
    out[i] = s / d;
  }
  return out;
}

/**
 * x = A⁻¹ b for square A by LU with partial pivoting. Throws RangeError when A is singular to working
 * precision in the sense of luSingularPivot (use lstsqMinNorm for rank-deficient systems).
 */
export function solve(A: Matrix, b: Float64Array, out?: Float64Array): Float64Array {
  const n = A.rows;
  if (A.cols !== n) throw new RangeError(`solve: matrix is ${A.rows}×${A.cols}, must be square (use lstsqMinNorm)`);
  if (b.length !== n) throw new RangeError(`solve: matrix has ${n} rows, b has ${b.length} entries`);
  const f = lu(A);
  const k = luSingularPivot(f);
  if (k >= 0) {
    const u = f.LU.data[k * n + k];
    throw new RangeError(`solve: matrix is singular to working precision (pivot ${k} is ${u.toExponential(2)}, at rounding level); use lstsqMinNorm`);
  }
  return luSolve(f, b, out);
}

/** det A = sign(P) Π U_kk. */
export function det(A: Matrix): number {
  const f = lu(A);
  const n = A.rows, a = f.LU.data;
  let d = f.sign;
  for (let k = 0; k < n; k++) d *= a[k * n + k];
  return d === 0 ? 0 : d; // no −0
}
