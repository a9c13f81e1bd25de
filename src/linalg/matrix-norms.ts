// Unitarily invariant matrix norms from the singular values.
import type { Matrix } from "./matrix.ts";
import { singularValues } from "./svd.ts";

/** ‖A‖_* = Σ σ_i (trace norm), the dual of the spectral norm. */
export function nuclearNorm(A: Matrix): number {
  const s = singularValues(A);
  let t = 0;
  for (let i = s.length - 1; i >= 0; i--) t += s[i]; // small to large
  return t;
}

/** ‖A‖₂ = σ_max (operator 2-norm); 0 for empty matrices. */
export function spectralNorm(A: Matrix): number {
  const s = singularValues(A);
  return s.length > 0 ? s[0] : 0;
}
