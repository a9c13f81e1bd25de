// min ‖w‖₁ and min ‖w‖_∞ subject to Xw = y, as linear programs solved by HiGHS.
//   ℓ1:  w = w⁺ − w⁻, min 1ᵀ(w⁺ + w⁻) s.t. X(w⁺ − w⁻) = y, w± ≥ 0;  dual max ⟨λ, y⟩ s.t. ‖Xᵀλ‖_∞ ≤ 1
//   ℓ∞:  min t s.t. Xw = y, −t ≤ wᵢ ≤ t;                             dual max ⟨λ, y⟩ s.t. ‖Xᵀλ‖₁ ≤ 1
// The certificate takes λ from HiGHS's row duals and measures everything itself:
// primal residual of the returned w, dual infeasibility of λ, and the duality gap.
import { Matrix, gemvT, norm1, normInf, dot } from "../linalg/index.ts";
import type { Certificate, ReferenceSolution } from "./types.ts";
import { checkSystem, relativeResidual } from "./residuals.ts";
import { linfBallRows, solveLp, splitColumns, type LpOptions, type LpSolution } from "./highs.ts";
import { dualityCertificate } from "./duality.ts";

export interface LpNormOptions extends LpOptions {
  /** certificate tolerance on residuals and gap (default 1e-9) */
  readonly tol?: number;
}

function check(where: string, lp: LpSolution): void {
  if (lp.status === "optimal") return;
  if (lp.status === "infeasible") throw new RangeError(`${where}: the system Xw = y has no solution (HiGHS proved the LP infeasible)`);
  if (lp.status === "timeLimit") throw new Error(`${where}: HiGHS stopped at its time limit after ${lp.seconds.toFixed(1)} s; raise timeLimit`);
  throw new Error(`${where}: HiGHS ended with status "${lp.status}"`);
}

/**
 * LP-duality certificate of w (primal) and λ (dual) for min ‖w‖ s.t. Xw = y with
 * ‖·‖ = ℓ1 or ℓ∞: primal residual, dual infeasibility max(0, ‖Xᵀλ‖_* − 1) in the
 * dual norm (ℓ∞ resp. ℓ1), and the gap between ‖w‖ and ⟨λ, y⟩.
 */
export function lpNormCertificate(X: Matrix, y: Float64Array, w: Float64Array, lambda: Float64Array, norm: "l1" | "linf", tol = 1e-9): Certificate {
  const primalObjective = norm === "l1" ? norm1(w) : normInf(w);
  const dualNorm = norm === "l1" ? normInf : norm1;
  const primalResidual = relativeResidual(X, w, y);
  const dualResidual = Math.max(0, dualNorm(gemvT(X, lambda, new Float64Array(X.cols))) - 1);
  const dualObjective = dot(lambda, y);
  return dualityCertificate({ kind: "LP duality", primalResidual, dualResidual, primalObjective, dualObjective, tol });
}

function solved(program: string, X: Matrix, y: Float64Array, w: Float64Array, lambda: Float64Array, norm: "l1" | "linf", lp: LpSolution, tol: number): ReferenceSolution {
  const certificate = lpNormCertificate(X, y, w, lambda, norm, tol);
  return {
    program,
    solution: w,
    certificate: { ...certificate, iterations: lp.iterations, details: { solver: "HiGHS simplex", status: lp.status, seconds: lp.seconds } },
    dual: lambda,
  };
}

/** argmin ‖w‖₁ s.t. Xw = y (basis pursuit) */
export async function minL1(X: Matrix, y: Float64Array, options: LpNormOptions = {}): Promise<ReferenceSolution> {
  checkSystem("minL1", X, y);
  const N = X.rows, d = X.cols;
  const A = splitColumns(X.data, N, d);
  const lp = await solveLp(
    {
      cost: new Float64Array(2 * d).fill(1),
      A,
      rows: N,
      cols: 2 * d,
      rowLower: y,
      rowUpper: y,
      colLower: new Float64Array(2 * d),
      colUpper: new Float64Array(2 * d).fill(Infinity),
    },
    options,
  );
  check("minL1", lp);
  const w = new Float64Array(d);
  for (let j = 0; j < d; j++) w[j] = lp.x[j] - lp.x[d + j];
  return solved("min ‖w‖₁ s.t. Xw = y", X, y, w, lp.rowDual, "l1", lp, options.tol ?? 1e-9);
}

/** argmin ‖w‖_∞ s.t. Xw = y */
export async function minLinf(X: Matrix, y: Float64Array, options: LpNormOptions = {}): Promise<ReferenceSolution> {
  checkSystem("minLinf", X, y);
  const N = X.rows, d = X.cols;
  const cols = d + 1; // w, then t
  const rows = N + 2 * d;
  const A = new Float64Array(rows * cols);
  const rowLower = new Float64Array(rows), rowUpper = new Float64Array(rows);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < d; j++) A[i * cols + j] = X.data[i * d + j];
    rowLower[i] = y[i];
    rowUpper[i] = y[i];
  }
  const cost = new Float64Array(cols);
  const colLower = new Float64Array(cols).fill(-Infinity), colUpper = new Float64Array(cols).fill(Infinity);
  linfBallRows(d, N, cols, A, rowLower, rowUpper, cost, colLower);
  const lp = await solveLp({ cost, A, rows, cols, rowLower, rowUpper, colLower, colUpper }, options);
  check("minLinf", lp);
  const w = lp.x.slice(0, d);
  const lambda = lp.rowDual.slice(0, N);
  return solved("min ‖w‖_∞ s.t. Xw = y", X, y, w, lambda, "linf", lp, options.tol ?? 1e-9);
}
