// argmin ‖x‖₁ s.t. Ax = b, x ≥ 0 (= argmin 1ᵀx on the same set), an LP solved by HiGHS:
//   primal  min 1ᵀx s.t. Ax = b, x ≥ 0;   dual  max bᵀλ s.t. Aᵀλ ≤ 1.
// The certificate is measured on the returned x and the row duals λ: primal residual, dual
// infeasibility max(0, −minⱼ cⱼ) of the reduced costs c = 1 − Aᵀλ, and the gap |1ᵀx − bᵀλ|. The reduced
// costs of the zero coordinates also set how fast the flow on x = u⊙u from α1 approaches this solution:
// off-support xⱼ ~ α^{2cⱼ}.
import { Matrix, dot, gemvT } from "../linalg/index.ts";
import type { Certificate, ReferenceSolution } from "./types.ts";
import { checkSystem, relativeResidual } from "./residuals.ts";
import { solveLp, type LpOptions } from "./highs.ts";
import { dualityCertificate } from "./duality.ts";

export interface NonnegL1Options extends LpOptions {
  /** certificate tolerance on residuals and gap (default 1e-9) */
  readonly tol?: number;
}

export interface NonnegL1Solution extends ReferenceSolution {
  /** cⱼ = 1 − (Aᵀλ)ⱼ, ≥ 0, = 0 on the support */
  readonly reducedCosts: Float64Array;
  /** min cⱼ over the coordinates with xⱼ = 0 (Infinity if none): the non-degeneracy gap */
  readonly gap: number;
}

/**
 * LP-duality certificate of x (primal) and λ (dual) for min 1ᵀx s.t. Ax = b, x ≥ 0: primal residual
 * max(‖Ax − b‖/max(1, ‖b‖), max(0, −minⱼ xⱼ)/max(1, ‖x‖_∞)), dual infeasibility max(0, maxⱼ (Aᵀλ)ⱼ − 1), gap
 * |1ᵀx − bᵀλ|/max(1, |1ᵀx|). Weak duality 1ᵀx − bᵀλ = cᵀx ≥ 0 for feasible pairs makes the three small a
 * proof of optimality.
 */
export function nonnegL1Certificate(A: Matrix, b: Float64Array, x: Float64Array, lambda: Float64Array, tol = 1e-9): Certificate {
  checkSystem("nonnegL1Certificate", A, b, x);
  if (lambda.length !== A.rows) throw new RangeError(`nonnegL1Certificate: λ has ${lambda.length} entries, A has ${A.rows} rows`);
  let minX = 0, maxX = 0, sum = 0;
  for (let j = 0; j < x.length; j++) {
    minX = Math.min(minX, x[j]);
    maxX = Math.max(maxX, Math.abs(x[j]));
    sum += x[j];
  }
  const primalResidual = Math.max(relativeResidual(A, x, b), -minX / Math.max(1, maxX));
  const ATl = gemvT(A, lambda, new Float64Array(A.cols));
  let maxATl = -Infinity;
  for (let j = 0; j < ATl.length; j++) maxATl = Math.max(maxATl, ATl[j]);
  const dualResidual = Math.max(0, maxATl - 1);
  const primalObjective = sum, dualObjective = dot(lambda, b);
  return dualityCertificate({ kind: "LP duality: Aᵀλ ≤ 1", primalResidual, dualResidual, primalObjective, dualObjective, tol });
}

/** argmin ‖x‖₁ s.t. Ax = b, x ≥ 0 (RangeError when no x ≥ 0 solves Ax = b). */
export async function nonnegL1(A: Matrix, b: Float64Array, options: NonnegL1Options = {}): Promise<NonnegL1Solution> {
  checkSystem("nonnegL1", A, b);
  const N = A.rows, d = A.cols;
  const tol = options.tol ?? 1e-9;
  const lp = await solveLp(
    {
      cost: new Float64Array(d).fill(1),
      A: A.data,
      rows: N,
      cols: d,
      rowLower: b,
      rowUpper: b,
      colLower: new Float64Array(d),
      colUpper: new Float64Array(d).fill(Infinity),
    },
    options,
  );
  if (lp.status === "infeasible") throw new RangeError("nonnegL1: no x ≥ 0 solves Ax = b (HiGHS proved the LP infeasible)");
  if (lp.status === "timeLimit") throw new Error(`nonnegL1: HiGHS stopped at its time limit after ${lp.seconds.toFixed(1)} s; raise timeLimit`);
  if (lp.status !== "optimal") throw new Error(`nonnegL1: HiGHS ended with status "${lp.status}"`);
  const x = Float64Array.from(lp.x, (v) => Math.max(0, v));
  const lambda = lp.rowDual.slice();
  const reducedCosts = gemvT(A, lambda, new Float64Array(d)).map((v) => 1 - v);
  const scale = Math.max(1, ...Array.from(x));
  let gap = Infinity;
  for (let j = 0; j < d; j++) if (x[j] <= 1e-9 * scale) gap = Math.min(gap, reducedCosts[j]);
  const certificate = nonnegL1Certificate(A, b, x, lambda, tol);
  return {
    program: "min ‖x‖₁ s.t. Ax = b, x ≥ 0",
    solution: x,
    dual: lambda,
    reducedCosts,
    gap,
    certificate: {
      ...certificate,
      iterations: lp.iterations,
      details: { solver: "HiGHS simplex", status: lp.status, seconds: lp.seconds, "support size": x.filter((v) => v > 1e-9 * scale).length, "reduced-cost gap": gap },
    },
  };
}
