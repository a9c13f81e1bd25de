// Solves M x = r for a symmetric positive semidefinite M by Cholesky, adding the
// smallest Levenberg shift μ·max diag(M)·I that makes the factorization succeed.
import { Matrix, choleskyInto, choleskySolve } from "../linalg/index.ts";

/** shifts tried, relative to the largest diagonal entry */
const SHIFTS = [0, 1e-14, 1e-12, 1e-10, 1e-8];

/** "exact" (no shift), "damped" (some shift), or "failed" (M not finite, zero, or far from definite) */
export type DampedSolveStatus = "exact" | "damped" | "failed";

/** L with L Lᵀ = M + shift·I for the smallest workable shift, or undefined; L may be passed in to be reused */
export function dampedCholesky(M: Matrix, L: Matrix = new Matrix(M.rows, M.rows)): { L: Matrix; shift: number } | undefined {
  const n = M.rows;
  let maxDiag = 0;
  for (let i = 0; i < n * n; i++) if (!Number.isFinite(M.data[i])) return undefined;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, M.data[i * n + i]);
  if (!(maxDiag > 0)) return undefined;
  if (choleskyInto(M.data, L.data, n) < 0) return { L, shift: 0 };
  const A = new Matrix(n, n);
  for (const mu of SHIFTS) {
    if (mu === 0) continue; // tried above
    A.data.set(M.data);
    for (let i = 0; i < n; i++) A.data[i * n + i] += mu * maxDiag;
    if (choleskyInto(A.data, L.data, n) < 0) return { L, shift: mu * maxDiag };
  }
  return undefined;
}

export function dampedCholeskySolve(M: Matrix, r: Float64Array, out: Float64Array): DampedSolveStatus {
  const f = dampedCholesky(M);
  if (!f) return "failed";
  choleskySolve(f.L, r, out);
  return f.shift === 0 ? "exact" : "damped";
}
