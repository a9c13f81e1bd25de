// argmin ‖w − w0‖₂ s.t. Xw = y  =  w0 + Xᵀμ with XXᵀμ = y − Xw0  =  w0 + X⁺(y − Xw0).
// Well-conditioned full row rank: Cholesky of XXᵀ plus iterative refinement of the
// residual. When XXᵀ is singular or nearly so (pivot ratio < 1e-12), or refinement
// stalls above tolerance, the pseudo-inverse route lstsqMinNorm (pivoted QR / SVD)
// takes over; both keep w − w0 in the row space by construction. Inconsistent
// systems are rejected. The certificate is measured afresh on the returned w.
import { Matrix, cholesky, choleskySolve, gemmNT, gemvT, lstsqMinNorm, norm2, dot, singularValues } from "../linalg/index.ts";
import type { Certificate, ReferenceSolution } from "./types.ts";
import { checkSystem, relativeResidual, residual } from "./residuals.ts";
import { relativeGap } from "./duality.ts";

export interface MinNormL2Options {
  /** reject the system as inconsistent when ‖Xw − y‖/max(1, ‖y‖) exceeds this (default 1e-8) */
  readonly consistencyTol?: number;
  /** certificate tolerance on the relative residuals (default 1e-10) */
  readonly tol?: number;
}

const MAX_REFINEMENTS = 4;
const EPS = 2 ** -52;
const CHOLESKY_PIVOT_RATIO = 1e-12;

/** σ_max/σ_min over the singular values above max(N, d)·eps·σ_max (1 for X = 0) */
function conditionNumber(X: Matrix): number {
  const s = singularValues(X);
  if (s.length === 0 || s[0] === 0) return 1;
  const cut = Math.max(X.rows, X.cols) * EPS * s[0];
  let smallest = s[0];
  for (const v of s) if (v > cut) smallest = Math.min(smallest, v);
  return s[0] / smallest;
}

/**
 * w ← w0 + step(y − Xw0), then w ← w + step(y − Xw) while that reduces ‖Xw − y‖
 * (at most MAX_REFINEMENTS times). Returns the final ‖Xw − y‖ and the refinements made.
 */
function refine(X: Matrix, y: Float64Array, w0: Float64Array, step: (r: Float64Array) => Float64Array, w: Float64Array): { res: number; refinements: number } {
  const r = residual(X, w0, y);
  let dw = step(r);
  for (let j = 0; j < w.length; j++) w[j] = w0[j] + dw[j];
  let res = norm2(residual(X, w, y, r));
  let refinements = 0;
  while (refinements < MAX_REFINEMENTS && res > 0) {
    dw = step(r);
    const before = w.slice();
    for (let j = 0; j < w.length; j++) w[j] += dw[j];
    refinements++;
    const resNew = norm2(residual(X, w, y, r));
    if (!(resNew < res)) {
      w.set(before); // the correction did not help
      break;
    }
    const gain = resNew / res;
    res = resNew;
    if (gain > 0.5) break;
  }
  return { res, refinements };
}

export function minNormL2(X: Matrix, y: Float64Array, w0?: Float64Array, options: MinNormL2Options = {}): ReferenceSolution {
  checkSystem("minNormL2", X, y, w0);
  const { consistencyTol = 1e-8, tol = 1e-10 } = options;
  const N = X.rows, d = X.cols;
  const origin = w0 ?? new Float64Array(d);
  const ny = Math.max(1, norm2(y));

  let w = new Float64Array(d);
  let route = "cholesky";
  let outcome: { res: number; refinements: number } | undefined;
  let L: Matrix | undefined;
  try {
    L = cholesky(gemmNT(X, X));
    // pivots of XXᵀ spanning more than 1e12 mean X is (numerically) rank-deficient or
    // nearly so: Cholesky may have passed on round-off, leave it to the pseudo-inverse
    let lo = Infinity, hi = 0;
    for (let i = 0; i < N; i++) {
      const p = L.data[i * N + i] ** 2;
      lo = Math.min(lo, p);
      hi = Math.max(hi, p);
    }
    if (!(lo > CHOLESKY_PIVOT_RATIO * hi)) L = undefined;
  } catch {
    L = undefined; // XXᵀ not positive definite: rank-deficient X
  }
  if (L) {
    const factor = L;
    const mu = new Float64Array(N);
    outcome = refine(X, y, origin, (r) => gemvT(X, choleskySolve(factor, r, mu), new Float64Array(d)), w);
  }
  if (!outcome || outcome.res / ny > tol) {
    const w2 = new Float64Array(d);
    const o2 = refine(X, y, origin, (r) => lstsqMinNorm(X, r), w2);
    if (!outcome || o2.res < outcome.res) {
      w = w2;
      outcome = o2;
      route = "pseudo-inverse";
    }
  }
  const primalResidual = outcome.res / ny;
  if (!(primalResidual <= consistencyTol)) {
    throw new RangeError(
      `the system Xw = y has no solution: residual ‖Xw − y‖/max(1, ‖y‖) = ${primalResidual.toExponential(2)} ` +
        `at the least-squares point (y is not in the range of X)`,
    );
  }
  const { certificate, lambda } = certify(X, y, w, origin, tol);
  return {
    program: "min ‖w − w0‖₂ s.t. Xw = y",
    solution: w,
    certificate: { ...certificate, iterations: outcome.refinements, details: { ...certificate.details, route, refinements: outcome.refinements } },
    dual: lambda,
  };
}

/**
 * KKT certificate of w for min ‖w − w0‖₂ s.t. Xw = y, from w alone: the multiplier
 * λ = (Xᵀ)⁺(w − w0) is computed afresh by least squares, the stationarity residual
 * is the part of w − w0 outside the row space, and the dual value
 * ⟨λ, y − Xw0⟩ − ½‖Xᵀλ‖² is compared with ½‖w − w0‖². The row space of X is itself
 * known only to ~eps·κ(X) (κ over the nonzero singular values), so stationarity and
 * gap are held to max(tol, 10·eps·κ).
 */
export function minNormL2Certificate(
  X: Matrix,
  y: Float64Array,
  w: Float64Array,
  w0: Float64Array = new Float64Array(X.cols),
  options: { readonly tol?: number } = {},
): Certificate {
  return certify(X, y, w, w0, options.tol ?? 1e-10).certificate;
}

function certify(X: Matrix, y: Float64Array, w: Float64Array, w0: Float64Array, tol: number): { certificate: Certificate; lambda: Float64Array } {
  const N = X.rows, d = X.cols;
  const primalResidual = relativeResidual(X, w, y);
  const dw = new Float64Array(d);
  for (let j = 0; j < d; j++) dw[j] = w[j] - w0[j];
  const lambda = lstsqMinNorm(X.transpose(), dw);
  const xtl = gemvT(X, lambda, new Float64Array(d));
  let off = 0;
  for (let j = 0; j < d; j++) off += (dw[j] - xtl[j]) ** 2;
  const ndw = norm2(dw);
  const dualResidual = Math.sqrt(off) / Math.max(1, ndw);
  const primalObjective = 0.5 * ndw * ndw;
  const nxl = norm2(xtl);
  const dualObjective = dot(lambda, residual(X, w0, y, new Float64Array(N))) - 0.5 * nxl * nxl;
  const dualityGap = relativeGap(primalObjective, dualObjective);
  const kappa = conditionNumber(X);
  const statTol = Math.max(tol, 10 * EPS * kappa);
  const certificate: Certificate = {
    kind: "KKT: Xw = y and w − w0 ∈ row space of X",
    primalResidual,
    dualResidual,
    dualityGap,
    primalObjective,
    dualObjective,
    ok: primalResidual <= tol && dualResidual <= statTol && dualityGap <= statTol,
    details: { rows: N, cols: d, conditionNumber: kappa },
  };
  return { certificate, lambda };
}
