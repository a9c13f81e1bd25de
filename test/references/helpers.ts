// Test-only helpers, independent of the code under test.
import { Matrix } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";

/** Solves A x = b by Gaussian elimination with partial pivoting (A square, nonsingular). */
export function gaussSolve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i][k]) > Math.abs(M[p][k])) p = i;
    [M[k], M[p]] = [M[p], M[k]];
    for (let i = k + 1; i < n; i++) {
      const f = M[i][k] / M[k][k];
      for (let j = k; j <= n; j++) M[i][j] -= f * M[k][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = M[i][n];
    for (let j = i + 1; j < n; j++) s -= M[i][j] * x[j];
    x[i] = s / M[i][i];
  }
  return x;
}

export function randomMatrix(rng: Rng, rows: number, cols: number): Matrix {
  const X = new Matrix(rows, cols);
  rng.fillNormal(X.data);
  return X;
}

export function matVec(X: Matrix, w: ArrayLike<number>): Float64Array {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let s = 0;
    for (let j = 0; j < X.cols; j++) s += X.get(i, j) * w[j];
    out[i] = s;
  }
  return out;
}

/** w0 + Xᵀ(XXᵀ)⁻¹(y − Xw0), straight from the formula */
export function minNormFormula(X: Matrix, y: Float64Array, w0: Float64Array): Float64Array {
  const N = X.rows, d = X.cols;
  const G: number[][] = [];
  for (let i = 0; i < N; i++) {
    G.push([]);
    for (let k = 0; k < N; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += X.get(i, j) * X.get(k, j);
      G[i].push(s);
    }
  }
  const Xw0 = matVec(X, w0);
  const mu = gaussSolve(G, Array.from(y, (v, i) => v - Xw0[i]));
  const w = w0.slice();
  for (let i = 0; i < N; i++) for (let j = 0; j < d; j++) w[j] += X.get(i, j) * mu[i];
  return w;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** the component of v orthogonal to the row space of X, via the normal equations */
export function offRowSpace(X: Matrix, v: Float64Array): Float64Array {
  const N = X.rows, d = X.cols;
  const G: number[][] = [];
  for (let i = 0; i < N; i++) {
    G.push([]);
    for (let k = 0; k < N; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += X.get(i, j) * X.get(k, j);
      G[i].push(s);
    }
  }
  const c = gaussSolve(G, Array.from(matVec(X, v)));
  const out = v.slice();
  for (let i = 0; i < N; i++) for (let j = 0; j < d; j++) out[j] -= X.get(i, j) * c[i];
  return out;
}

/** a random vector in the null space of X: v − projection onto the row space */
export function nullSpaceVector(rng: Rng, X: Matrix): Float64Array {
  return offRowSpace(X, rng.fillNormal(new Float64Array(X.cols)));
}

/** the root of an increasing function on [lo, hi] by bisection to machine precision */
export function bisect(f: (t: number) => number, lo: number, hi: number): number {
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
