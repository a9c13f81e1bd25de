// The hard-margin SVM solved by HiGHS's QP solver, as an independent check of the
// interior-point reference: min ½‖w‖² s.t. yᵢ⟨w, xᵢ⟩ ≥ 1, Hessian I, one row per example.
// HiGHS's active-set QP can stall on large instances: it always runs under a time limit.
import type { Matrix } from "../linalg/index.ts";
import { loadHighs } from "./highs.ts";
import { checkClassification, maxMarginSolution, signedRowsOf, type MaxMarginSolution } from "./svmCertificate.ts";
import { hardMarginSvmCertificate } from "./svmL2.ts";
import { NotSeparableError } from "./svmSeparability.ts";

export interface SvmHighsOptions {
  /** wall-clock limit in seconds (default 30) */
  readonly timeLimit?: number;
  /** certificate tolerance (default 1e-8) */
  readonly tol?: number;
}

/** argmin ½‖w‖² s.t. yᵢ⟨w, xᵢ⟩ ≥ 1 by HiGHS (QP), with the same KKT certificate as hardMarginSvm. */
export async function hardMarginSvmHighs(X: Matrix, y: Float64Array, options: SvmHighsOptions = {}): Promise<MaxMarginSolution> {
  const where = "hardMarginSvmHighs";
  checkClassification(where, X, y);
  const timeLimit = options.timeLimit ?? 30;
  if (!(timeLimit > 0)) throw new RangeError(`${where}: timeLimit must be a positive number of seconds, got ${timeLimit}`);
  const n = X.rows, d = X.cols;
  const Z = signedRowsOf(X, y, Int32Array.from({ length: n }, (_, i) => i));
  const starts = new Int32Array(n + 1), indices: number[] = [], values: number[] = [];
  for (let i = 0; i < n; i++) {
    starts[i] = indices.length;
    for (let j = 0; j < d; j++) {
      const v = Z.data[i * d + j];
      if (v !== 0) {
        indices.push(j);
        values.push(v);
      }
    }
  }
  starts[n] = indices.length;
  const highs = await loadHighs();
  const inf = highs.infinity;
  const out = highs.withModel(
    {
      numCols: d,
      numRows: n,
      colCost: new Float64Array(d),
      colLower: new Float64Array(d).fill(-inf),
      colUpper: new Float64Array(d).fill(inf),
      rowLower: new Float64Array(n).fill(1),
      rowUpper: new Float64Array(n).fill(inf),
      matrix: { format: "csr", numRows: n, numCols: d, starts, indices: Int32Array.from(indices), values: Float64Array.from(values) },
      hessian: {
        format: "triangular",
        dimension: d,
        starts: Int32Array.from({ length: d + 1 }, (_, j) => j),
        indices: Int32Array.from({ length: d }, (_, j) => j),
        values: new Float64Array(d).fill(1),
      },
    },
    (model) => {
      model.options.set({ output_flag: false, time_limit: timeLimit, primal_feasibility_tolerance: 1e-10, dual_feasibility_tolerance: 1e-10 });
      model.run();
      const statusNames = Object.fromEntries(Object.entries(highs.constants.modelStatus).map(([name, code]) => [code, name])) as Record<number, string>;
      const code = model.getModelStatus();
      const sol = model.getSolution();
      return { status: statusNames[code] ?? `status ${code}`, w: Float64Array.from(sol.colValue), duals: Float64Array.from(sol.rowDual), seconds: model.getRunTime() };
    },
  );
  if (out.status === "infeasible") throw new NotSeparableError(`${where}: the data are not linearly separable through the origin (HiGHS proved the QP infeasible)`);
  if (out.status !== "optimal") throw new Error(`${where}: HiGHS ended with status "${out.status}" after ${out.seconds.toFixed(1)} s${out.status === "timeLimit" ? "; raise timeLimit" : ""}`);
  // the multipliers of the ≥ rows, whatever HiGHS's sign convention
  const alpha = Float64Array.from(out.duals, Math.abs);
  const cert = hardMarginSvmCertificate(X, y, out.w, alpha, options.tol ?? 1e-8);
  return maxMarginSolution("min ½‖w‖₂² s.t. yᵢ⟨w, xᵢ⟩ ≥ 1", X, y, out.w, alpha, 2, {
    ...cert,
    details: { ...cert.details, solver: "HiGHS QP", status: out.status, seconds: out.seconds },
  });
}
