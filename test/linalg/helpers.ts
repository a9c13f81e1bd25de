// Naive reference routines for the linalg tests (independent of the code under test).
import { Matrix } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";

export function randn(rng: Rng, m: number, n: number): Matrix {
  const A = new Matrix(m, n);
  rng.fillNormal(A.data);
  return A;
}

/** C = A B by the textbook triple loop. */
export function naiveMul(A: Matrix, B: Matrix): Matrix {
  const C = new Matrix(A.rows, B.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < B.cols; j++) {
      let s = 0;
      for (let p = 0; p < A.cols; p++) s += A.get(i, p) * B.get(p, j);
      C.set(i, j, s);
    }
  }
  return C;
}

export function naiveT(A: Matrix): Matrix {
  const T = new Matrix(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) T.set(j, i, A.get(i, j));
  return T;
}

export function maxAbs(A: Matrix | Float64Array): number {
  const d = A instanceof Matrix ? A.data : A;
  let m = 0;
  for (let i = 0; i < d.length; i++) m = Math.max(m, Math.abs(d[i]));
  return m;
}

export function maxAbsDiff(A: Matrix | Float64Array, B: Matrix | Float64Array): number {
  const a = A instanceof Matrix ? A.data : A, b = B instanceof Matrix ? B.data : B;
  if (a.length !== b.length) throw new Error(`maxAbsDiff: lengths ${a.length} and ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** ‖A − B‖_max / max(‖B‖_max, tiny) */
export function relErr(A: Matrix | Float64Array, B: Matrix | Float64Array): number {
  return maxAbsDiff(A, B) / Math.max(maxAbs(B), 1e-300);
}

/** ‖QᵀQ − I‖_max */
export function orthoErr(Q: Matrix): number {
  const G = naiveMul(naiveT(Q), Q);
  for (let i = 0; i < G.rows; i++) G.set(i, i, G.get(i, i) - 1);
  return maxAbs(G);
}

/** U diag(s) Vᵀ */
export function usvt(U: Matrix, s: ArrayLike<number>, V: Matrix): Matrix {
  const US = U.clone();
  for (let i = 0; i < U.rows; i++) for (let j = 0; j < s.length; j++) US.set(i, j, US.get(i, j) * s[j]);
  return naiveMul(US, naiveT(V));
}

/** m×k matrix with orthonormal columns (k ≤ m): modified Gram–Schmidt, twice, on a Gaussian matrix. */
export function randomOrthonormal(rng: Rng, m: number, k: number): Matrix {
  const Q = randn(rng, m, k);
  for (let j = 0; j < k; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        let d = 0;
        for (let i = 0; i < m; i++) d += Q.get(i, p) * Q.get(i, j);
        for (let i = 0; i < m; i++) Q.set(i, j, Q.get(i, j) - d * Q.get(i, p));
      }
    }
    let nrm = 0;
    for (let i = 0; i < m; i++) nrm += Q.get(i, j) ** 2;
    nrm = Math.sqrt(nrm);
    for (let i = 0; i < m; i++) Q.set(i, j, Q.get(i, j) / nrm);
  }
  return Q;
}

/** m×n matrix with prescribed singular values s (length min(m, n)) and random singular vectors. */
export function withSingularValues(rng: Rng, m: number, n: number, s: ArrayLike<number>): Matrix {
  const k = s.length;
  return usvt(randomOrthonormal(rng, m, k), s, randomOrthonormal(rng, n, k));
}

/** Symmetric n×n matrix Q diag(λ) Qᵀ with random orthogonal Q. */
export function withEigenvalues(rng: Rng, lambda: ArrayLike<number>): Matrix {
  const n = lambda.length;
  const Q = randomOrthonormal(rng, n, n);
  const A = usvt(Q, lambda, Q);
  // exact symmetry
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) A.set(j, i, A.get(i, j));
  return A;
}

export function randomSymmetric(rng: Rng, n: number): Matrix {
  const A = randn(rng, n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = (A.get(i, j) + A.get(j, i)) / Math.SQRT2;
      A.set(i, j, s);
      A.set(j, i, s);
    }
  }
  return A;
}

export function logspace(a: number, b: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => 10 ** (n === 1 ? a : a + ((b - a) * i) / (n - 1)));
}
