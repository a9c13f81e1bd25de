// The PSD completion problems of exhaustive-3x3: the 15 ways to observe 4 of the 6 free entries of a
// symmetric 3×3 matrix, the class each problem falls in (which decides what theory predicts), and the
// optimality gap of a completion against the SDP's dual.
import { eigvalsSym, Matrix } from "../../linalg/index.ts";
import type { ObservedEntry } from "../../references/index.ts";

export type Entry = readonly [number, number];

/** the 6 free entries of a symmetric 3×3 matrix: the diagonal, then the upper triangle */
const FREE: readonly Entry[] = [[0, 0], [1, 1], [2, 2], [0, 1], [0, 2], [1, 2]];

/** All C(6, 4) = 15 patterns of 4 observed entries, in lexicographic order of FREE. */
export function completionPatterns(): Entry[][] {
  const out: Entry[][] = [];
  for (let a = 0; a < 6; a++) for (let b = a + 1; b < 6; b++) for (let c = b + 1; c < 6; c++) for (let d = c + 1; d < 6; d++) {
    out.push([FREE[a], FREE[b], FREE[c], FREE[d]]);
  }
  return out;
}

/** "(1,1)(2,2)(1,2)(1,3)": the observed entries, 1-based */
export function patternLabel(p: readonly Entry[]): string {
  return p.map(([i, j]) => `(${i + 1},${j + 1})`).join("");
}

export const COMPLETION_CLASSES = ["trace fixed", "rank-1 data", "open"] as const;
export type CompletionClass = (typeof COMPLETION_CLASSES)[number];

export const CLASS_NAMES: Record<CompletionClass, string> = {
  "trace fixed": "trace fixed (diagonal observed)",
  "rank-1 data": "rank-1 data (a diagonal entry free)",
  open: "open (rank 2–3 data, a diagonal entry free)",
};

/**
 * What theory says about a problem:
 * - "trace fixed": every diagonal entry is observed, so every PSD completion has the same trace and
 *   is a min nuclear norm completion; the flow's limit is one as soon as it fits the data.
 * - "rank-1 data" (values from uuᵀ): each unobserved X_ii is tied by an observed X_ij to an observed X_jj
 *   (true of every pattern here), and X ⪰ 0 forces X_ii ≥ X_ij²/X_jj = u_i², which uuᵀ attains: the
 *   rank-1 completion is the min-trace one. Greedy low-rank learning (Li, Luo & Lyu 2021), which the
 *   flow follows as α → 0, stops at the first rank that fits: rank 1 here. Both predict uuᵀ.
 * - "open": rank ≥ 2 data with an unobserved diagonal entry: the min-trace completion is one point of a
 *   family of rank-2 completions, and no theorem says which one the flow picks.
 */
export function completionClass(pattern: readonly Entry[], rank: number): CompletionClass {
  if ([0, 1, 2].every((d) => pattern.some(([i, j]) => i === d && j === d))) return "trace fixed";
  return rank === 1 ? "rank-1 data" : "open";
}

/** The observed entries of W on the pattern. */
export function observe(W: Matrix, pattern: readonly Entry[]): ObservedEntry[] {
  return pattern.map(([i, j]) => ({ i, j, value: W.data[i * W.cols + j] }));
}

/**
 * Relative optimality gap of a completion X (3×3, row-major) of min tr X s.t. X_ij = y_ij, X ⪰ 0, given the
 * SDP's dual λ (S = I − A*(λ) ⪰ 0) and optimum: ⟨X, S⟩/opt = (tr X − Σₖ λₖ X_{iₖjₖ})/opt. For a PSD X it is
 * ≥ 0, and 0 exactly when X is optimal (complementary slackness); unlike tr X − opt it does not move to
 * first order with the fit residual A(X) − y, which only reaches ~1e-10.
 */
export function optimalityGap(X: Float64Array, entries: readonly ObservedEntry[], lambda: Float64Array, optimum: number): number {
  let s = X[0] + X[4] + X[8];
  entries.forEach((e, k) => { s -= lambda[k] * X[e.i * 3 + e.j]; });
  return s / optimum;
}

/** The zero-filled completion (unobserved entries 0, the min-Frobenius completion) and its least eigenvalue. */
export function zeroFilled(entries: readonly ObservedEntry[]): { readonly X: Float64Array; readonly lambdaMin: number } {
  const M = new Matrix(3, 3);
  for (const { i, j, value } of entries) {
    M.data[i * 3 + j] = value;
    M.data[j * 3 + i] = value;
  }
  return { X: M.data, lambdaMin: eigvalsSym(M)[0] };
}
