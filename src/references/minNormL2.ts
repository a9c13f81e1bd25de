// argmin ‖w − w0‖₂ s.t. Xw = y  =  w0 + Xᵀμ with XXᵀμ = y − Xw0 (the pseudo-inverse
// solution w0 + X⁺(y − Xw0)). The Gram matrix is factored by pivoted Cholesky,
// which handles rank-deficient but consistent X, followed by iterative refinement
// of the residual. The certificate is the KKT system of ½‖w − w0‖² on Xw = y.
import { Matrix, gemv, gemvT, norm2, dot } from "../linalg/index.ts";
import type { Certificate, ReferenceSolution } from "./types.ts";
import { GramSolver } from "./gramSolver.ts";
import { checkSystem, relativeResidual, residual } from "./residuals.ts";

export interface MinNormL2Options {
  /** reject the system as inconsistent when ‖Xw − y‖/max(1, ‖y‖) exceeds this (default 1e-8) */
  readonly consistencyTol?: number;
  /** certificate tolerance on the relative residuals (default 1e-10) */
  readonly tol?: number;
  /** relative pivot threshold of the Gram factorization (rank decision) */
  readonly rankTol?: number;
}

const MAX_REFINEMENTS = 4;

export function minNormL2(X: Matrix, y: Float64Array, w0?: Float64Array, options: MinNormL2Options = {}): ReferenceSolution {
  checkSystem("minNormL2", X, y, w0);
  const { consistencyTol = 1e-8, tol = 1e-10 } = options;
  const N = X.rows, d = X.cols;
  const origin = w0 ?? new Float64Array(d);
  const gram = GramSolver.ofRows(X, options.rankTol);

  const mu = new Float64Array(N), delta = new Float64Array(N), r = new Float64Array(N);
  const w = new Float64Array(d), step = new Float64Array(d);
  const ny = Math.max(1, norm2(y));
  // w = w0 + Xᵀμ, then refine μ on the residual while it decreases
  residual(X, origin, y, r);
  gram.solve(r, mu);
  const setW = () => {
    gemvT(X, mu, step);
    for (let j = 0; j < d; j++) w[j] = origin[j] + step[j];
  };
  setW();
  let res = norm2(residual(X, w, y, r));
  let refinements = 0;
  while (refinements < MAX_REFINEMENTS && res > 0) {
    gram.solve(r, delta);
    for (let i = 0; i < N; i++) mu[i] += delta[i];
    setW();
    refinements++;
    const resNew = norm2(residual(X, w, y, r));
    if (!(resNew < res)) {
      // the correction did not help: undo it and stop
      for (let i = 0; i < N; i++) mu[i] -= delta[i];
      setW();
      residual(X, w, y, r);
      break;
    }
    const gain = resNew / res;
    res = resNew;
    if (gain > 0.5) break;
  }
  const primalResidual = res / ny;
  if (!(primalResidual <= consistencyTol)) {
    throw new RangeError(
      `the system Xw = y has no solution: residual ‖Xw − y‖/max(1, ‖y‖) = ${primalResidual.toExponential(2)} ` +
        `(X has rank ${gram.rank} with ${N} rows, and y is not in its range)`,
    );
  }

  const certificate = minNormL2Certificate(X, y, w, origin, { tol, gram });
  return {
    program: "min ‖w − w0‖₂ s.t. Xw = y",
    solution: w,
    certificate: { ...certificate, iterations: refinements, details: { ...certificate.details, refinements } },
    dual: mu,
  };
}

/**
 * KKT certificate of w for min ‖w − w0‖₂ s.t. Xw = y, from w alone: the multiplier
 * λ = (XXᵀ)⁻¹X(w − w0) is computed afresh, the stationarity residual is the part
 * of w − w0 outside the row space, and the dual value ⟨λ, y − Xw0⟩ − ½‖Xᵀλ‖² is
 * compared with ½‖w − w0‖².
 */
export function minNormL2Certificate(
  X: Matrix,
  y: Float64Array,
  w: Float64Array,
  w0: Float64Array = new Float64Array(X.cols),
  options: { readonly tol?: number; readonly gram?: GramSolver } = {},
): Certificate {
  const { tol = 1e-10 } = options;
  const gram = options.gram ?? GramSolver.ofRows(X);
  const N = X.rows, d = X.cols;
  const primalResidual = relativeResidual(X, w, y);
  const dw = new Float64Array(d);
  for (let j = 0; j < d; j++) dw[j] = w[j] - w0[j];
  const lambda = gram.solve(gemv(X, dw, new Float64Array(N)), new Float64Array(N));
  const xtl = gemvT(X, lambda, new Float64Array(d));
  let off = 0;
  for (let j = 0; j < d; j++) off += (dw[j] - xtl[j]) ** 2;
  const ndw = norm2(dw);
  const dualResidual = Math.sqrt(off) / Math.max(1, ndw);
  const primalObjective = 0.5 * ndw * ndw;
  const nxl = norm2(xtl);
  const dualObjective = dot(lambda, residual(X, w0, y, new Float64Array(N))) - 0.5 * nxl * nxl;
  const dualityGap = Math.abs(primalObjective - dualObjective) / Math.max(1, Math.abs(primalObjective));
  return {
    kind: "KKT: Xw = y and w − w0 ∈ row space of X",
    primalResidual,
    dualResidual,
    dualityGap,
    primalObjective,
    dualObjective,
    ok: primalResidual <= tol && dualResidual <= tol && dualityGap <= tol,
    details: { rank: gram.rank, rows: N, cols: d },
  };
}
