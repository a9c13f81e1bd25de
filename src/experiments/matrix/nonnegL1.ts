// argmin ‖x‖₁ s.t. Ax = b, x ≥ 0 (= argmin 1ᵀx on the same set), an LP solved by HiGHS, with its
// LP-duality certificate measured here: primal residual, dual feasibility of the reduced costs
// c = 1 − Aᵀλ ≥ 0, and the gap |1ᵀx − bᵀλ|. The reduced costs of the zero coordinates also set how
// fast the flow on x = u⊙u from α1 approaches this solution: off-support xⱼ ~ α^{2cⱼ}.
// (Kept private to the matrix claims: the references layer has minL1 over all signs only.)
import { Matrix, dot, gemvT, norm1 } from "../../linalg/index.ts";
import { relativeResidual, solveLp, type ReferenceSolution } from "../../references/index.ts";

export interface NonnegL1Solution extends ReferenceSolution {
  /** cⱼ = 1 − (Aᵀλ)ⱼ, ≥ 0, = 0 on the support */
  readonly reducedCosts: Float64Array;
  /** min cⱼ over the coordinates with xⱼ = 0 (Infinity if none): the non-degeneracy gap */
  readonly gap: number;
}

export async function nonnegL1(A: Matrix, b: Float64Array, tol = 1e-9): Promise<NonnegL1Solution> {
  const N = A.rows, d = A.cols;
  if (b.length !== N) throw new RangeError(`nonnegL1: b has ${b.length} entries, A has ${N} rows`);
  const lp = await solveLp({
    cost: new Float64Array(d).fill(1),
    A: A.data,
    rows: N,
    cols: d,
    rowLower: b,
    rowUpper: b,
    colLower: new Float64Array(d),
    colUpper: new Float64Array(d).fill(Infinity),
  });
  if (lp.status === "infeasible") throw new RangeError("nonnegL1: no x ≥ 0 solves Ax = b (HiGHS proved the LP infeasible)");
  if (lp.status !== "optimal") throw new Error(`nonnegL1: HiGHS ended with status "${lp.status}"`);
  const x = Float64Array.from(lp.x, (v) => Math.max(0, v));
  const lambda = lp.rowDual.slice();
  const reducedCosts = gemvT(A, lambda, new Float64Array(d)).map((v) => 1 - v);
  const scale = Math.max(1, ...Array.from(x));
  let gap = Infinity, dualInfeasibility = 0;
  for (let j = 0; j < d; j++) {
    dualInfeasibility = Math.max(dualInfeasibility, -reducedCosts[j]);
    if (x[j] <= 1e-9 * scale) gap = Math.min(gap, reducedCosts[j]);
  }
  const primalObjective = norm1(x), dualObjective = dot(lambda, b);
  const primalResidual = relativeResidual(A, x, b);
  const dualityGap = Math.abs(primalObjective - dualObjective) / Math.max(1, Math.abs(primalObjective));
  return {
    program: "min ‖x‖₁ s.t. Ax = b, x ≥ 0",
    solution: x,
    dual: lambda,
    reducedCosts,
    gap,
    certificate: {
      kind: "LP duality",
      primalResidual,
      dualResidual: dualInfeasibility,
      dualityGap,
      primalObjective,
      dualObjective,
      iterations: lp.iterations,
      ok: primalResidual <= tol && dualInfeasibility <= tol && dualityGap <= tol,
      details: { solver: "HiGHS simplex", status: lp.status, seconds: lp.seconds },
    },
  };
}
