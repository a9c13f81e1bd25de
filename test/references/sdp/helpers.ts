// Test-only helpers for the SDP tests, independent of the code under test.
import { Matrix } from "../../../src/linalg/index.ts";
import type { Rng } from "../../../src/random/index.ts";

/** (G + Gᵀ)/2 for Gaussian G */
export function symmetricGaussian(rng: Rng, n: number): Matrix {
  const G = new Matrix(n, n);
  rng.fillNormal(G.data);
  const A = new Matrix(n, n);
  for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) A.data[p * n + q] = 0.5 * (G.data[p * n + q] + G.data[q * n + p]);
  return A;
}

export function gaussian(rng: Rng, rows: number, cols: number): Matrix {
  const G = new Matrix(rows, cols);
  rng.fillNormal(G.data);
  return G;
}

/** Z Zᵀ */
export function gramOf(Z: Matrix): Matrix {
  const n = Z.rows, r = Z.cols, X = new Matrix(n, n);
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < n; q++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += Z.data[p * r + k] * Z.data[q * r + k];
      X.data[p * n + q] = s;
    }
  }
  return X;
}

/** (⟨Aᵢ, X⟩)ᵢ straight from the definition */
export function measure(A: readonly Matrix[], X: Matrix): Float64Array {
  return Float64Array.from(A, (Ai) => {
    let s = 0;
    for (let t = 0; t < Ai.data.length; t++) s += Ai.data[t] * X.data[t];
    return s;
  });
}

export function relErr(a: Matrix, b: Matrix): number {
  let num = 0, den = 0;
  for (let t = 0; t < a.data.length; t++) {
    num += (a.data[t] - b.data[t]) ** 2;
    den += b.data[t] ** 2;
  }
  return Math.sqrt(num / Math.max(den, 1e-300));
}

/** A B, naive */
export function matmul(A: Matrix, B: Matrix): Matrix {
  const out = new Matrix(A.rows, B.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < B.cols; j++) {
      let s = 0;
      for (let k = 0; k < A.cols; k++) s += A.get(i, k) * B.get(k, j);
      out.set(i, j, s);
    }
  }
  return out;
}

export function trace(A: Matrix): number {
  let s = 0;
  for (let i = 0; i < A.rows; i++) s += A.get(i, i);
  return s;
}
