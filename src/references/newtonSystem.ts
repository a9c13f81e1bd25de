// The Newton system of the Bregman-projection dual: (X ∇²ψ*(z) Xᵀ) Δ = r.
import { Matrix, cholesky, choleskySolve, dot } from "../linalg/index.ts";
import type { Potential } from "../geometry/index.ts";

/** Levenberg shifts tried, relative to the largest diagonal entry, when Cholesky fails */
const DAMPING = [0, 1e-14, 1e-12, 1e-10, 1e-8];

/**
 * delta ← (X H Xᵀ + μ I)⁻¹ r with H = ∇²ψ*(z), using the smallest shift μ in
 * DAMPING that makes Cholesky succeed. Returns "newton" (μ = 0), "damped", or
 * "fallback" when H is not finite or the matrix is too far from definite.
 */
export function newtonSystem(X: Matrix, potential: Potential, z: Float64Array, r: Float64Array, delta: Float64Array): "newton" | "damped" | "fallback" {
  const N = X.rows, d = X.cols;
  const M = new Matrix(N, N);
  const hx = new Float64Array(d);
  for (let j = 0; j < N; j++) {
    potential.hessConjVec(z, X.row(j), hx);
    for (let i = 0; i <= j; i++) {
      const v = dot(X.row(i), hx);
      M.data[i * N + j] = v;
      M.data[j * N + i] = v;
    }
  }
  let maxDiag = 0;
  for (let i = 0; i < N * N; i++) if (!Number.isFinite(M.data[i])) return "fallback";
  for (let i = 0; i < N; i++) maxDiag = Math.max(maxDiag, M.data[i * N + i]);
  if (!(maxDiag > 0)) return "fallback";
  const base = M.data.slice();
  for (const mu of DAMPING) {
    M.data.set(base);
    for (let i = 0; i < N; i++) M.data[i * N + i] += mu * maxDiag;
    try {
      const L = cholesky(M);
      choleskySolve(L, r, delta);
      return mu === 0 ? "newton" : "damped";
    } catch {
      // not positive definite at this shift: try a larger one
    }
  }
  return "fallback";
}
