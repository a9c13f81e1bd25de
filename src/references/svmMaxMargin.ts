// The max-margin program in any ℓp norm, p ∈ [1, ∞], routed to its solver.
import type { Matrix } from "../linalg/index.ts";
import type { LpOptions } from "./highs.ts";
import { hardMarginSvm } from "./svmL2.ts";
import { maxMarginL1, maxMarginLinf } from "./svmLpNorms.ts";
import { maxMarginLp } from "./svmPNorm.ts";
import type { MaxMarginSolution } from "./svmCertificate.ts";

/** argmin ‖w‖_p s.t. yᵢ⟨w, xᵢ⟩ ≥ 1: LPs (HiGHS) for p = 1, ∞; the interior-point QP for p = 2; the barrier method otherwise. */
export async function maxMargin(X: Matrix, y: Float64Array, p: number, options: LpOptions & { readonly tol?: number } = {}): Promise<MaxMarginSolution> {
  if (p === 1) return maxMarginL1(X, y, options);
  if (p === Infinity) return maxMarginLinf(X, y, options);
  if (p === 2) return hardMarginSvm(X, y, { tol: options.tol });
  if (!(p > 1)) throw new RangeError(`maxMargin: p must be in [1, ∞], got ${p}`);
  return maxMarginLp(X, y, p, { tol: options.tol });
}
