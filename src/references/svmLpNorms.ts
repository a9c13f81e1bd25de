// Max-margin directions in ℓ1 and ℓ∞ (no bias), as linear programs solved by HiGHS:
//   ℓ1:  min 1ᵀ(w⁺ + w⁻) s.t. Z(w⁺ − w⁻) ≥ 1, w± ≥ 0;     dual max 1ᵀα s.t. ‖Zᵀα‖_∞ ≤ 1, α ≥ 0
//   ℓ∞:  min t s.t. Zw ≥ 1, −t ≤ wⱼ ≤ t;                   dual max 1ᵀα s.t. ‖Zᵀα‖₁ ≤ 1, α ≥ 0
// (rows zᵢ = yᵢxᵢ). The certificate takes α from HiGHS's row duals and measures
// everything on the returned w and α (svmCertificate.ts). LP optima need not be
// unique: the ℓ1 and ℓ∞ max-margin directions can be a face, of which HiGHS returns a vertex.
import type { Matrix } from "../linalg/index.ts";
import { linfBallRows, solveLp, splitColumns, type LpOptions, type LpSolution } from "./highs.ts";
import { checkClassification, maxMarginCertificate, maxMarginSolution, signedRowsOf, type MaxMarginSolution } from "./svmCertificate.ts";
import { NotSeparableError } from "./svmSeparability.ts";

export interface MaxMarginLpOptions extends LpOptions {
  /** certificate tolerance (default 1e-8) */
  readonly tol?: number;
}

function checkStatus(where: string, lp: LpSolution): void {
  if (lp.status === "optimal") return;
  if (lp.status === "infeasible") throw new NotSeparableError(`${where}: the data are not linearly separable through the origin (HiGHS proved the LP infeasible)`);
  if (lp.status === "timeLimit") throw new Error(`${where}: HiGHS stopped at its time limit after ${lp.seconds.toFixed(1)} s; raise timeLimit`);
  throw new Error(`${where}: HiGHS ended with status "${lp.status}"`);
}

function finish(program: string, X: Matrix, y: Float64Array, w: Float64Array, lp: LpSolution, p: number, tol: number): MaxMarginSolution {
  // multipliers of the margin rows (HiGHS's sign convention aside, α ≥ 0 is what the certificate scales)
  const alpha = Float64Array.from(lp.rowDual.subarray(0, X.rows), Math.abs);
  const cert = maxMarginCertificate(X, y, w, alpha, p, tol);
  return maxMarginSolution(program, X, y, w, alpha, p, {
    ...cert,
    iterations: lp.iterations,
    details: { ...cert.details, solver: "HiGHS simplex", status: lp.status, seconds: lp.seconds },
  });
}

/** argmin ‖w‖₁ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1: the ℓ1 max-margin direction (steepest descent in ℓ1, AdaBoost) */
export async function maxMarginL1(X: Matrix, y: Float64Array, options: MaxMarginLpOptions = {}): Promise<MaxMarginSolution> {
  const where = "maxMarginL1";
  checkClassification(where, X, y);
  const n = X.rows, d = X.cols;
  const Z = signedRowsOf(X, y, Int32Array.from({ length: n }, (_, i) => i));
  const A = splitColumns(Z.data, n, d);
  const lp = await solveLp(
    {
      cost: new Float64Array(2 * d).fill(1),
      A,
      rows: n,
      cols: 2 * d,
      rowLower: new Float64Array(n).fill(1),
      rowUpper: new Float64Array(n).fill(Infinity),
      colLower: new Float64Array(2 * d),
      colUpper: new Float64Array(2 * d).fill(Infinity),
    },
    options,
  );
  checkStatus(where, lp);
  const w = Float64Array.from({ length: d }, (_, j) => lp.x[j] - lp.x[d + j]);
  return finish("min ‖w‖₁ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1", X, y, w, lp, 1, options.tol ?? 1e-8);
}

/** argmin ‖w‖_∞ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1: the ℓ∞ max-margin direction (sign descent) */
export async function maxMarginLinf(X: Matrix, y: Float64Array, options: MaxMarginLpOptions = {}): Promise<MaxMarginSolution> {
  const where = "maxMarginLinf";
  checkClassification(where, X, y);
  const n = X.rows, d = X.cols;
  const Z = signedRowsOf(X, y, Int32Array.from({ length: n }, (_, i) => i));
  const cols = d + 1; // w, then t
  const rows = n + 2 * d;
  const A = new Float64Array(rows * cols);
  const rowLower = new Float64Array(rows), rowUpper = new Float64Array(rows);
  for (let i = 0; i < n; i++) {
    A.set(Z.row(i), i * cols);
    rowLower[i] = 1;
    rowUpper[i] = Infinity;
  }
  const cost = new Float64Array(cols);
  const colLower = new Float64Array(cols).fill(-Infinity), colUpper = new Float64Array(cols).fill(Infinity);
  linfBallRows(d, n, cols, A, rowLower, rowUpper, cost, colLower);
  const lp = await solveLp({ cost, A, rows, cols, rowLower, rowUpper, colLower, colUpper }, options);
  checkStatus(where, lp);
  return finish("min ‖w‖_∞ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1", X, y, lp.x.slice(0, d), lp, Infinity, options.tol ?? 1e-8);
}
