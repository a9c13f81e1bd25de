// argmin ‖W‖_F s.t. ⟨Aᵢ, W⟩ = yᵢ = Σ μᵢAᵢ with Gμ = y, G the Gram matrix ⟨Aᵢ, Aⱼ⟩ of the vectorized Aᵢ: the
// minimum-ℓ2 solution of vec-form least norm, solved by ../minNormL2.ts (Cholesky of G with refinement, the
// pseudo-inverse when G is singular). Certificate: W ∈ span{Aᵢ} (by least squares afresh) and the dual
// max yᵀμ s.t. ‖A*(μ)‖_F ≤ 1, whose value at μ/‖A*(μ)‖_F equals ‖W‖_F at the optimum.
import { Matrix, lstsqMinNorm } from "../../linalg/index.ts";
import type { Certificate, ReferenceSolution } from "../types.ts";
import { minNormL2 } from "../minNormL2.ts";
import { checkMeasurements, denseMeasurements } from "./measurements.ts";

export interface MinFrobeniusOptions {
  /** certificate tolerance (default 1e-10) */
  readonly tol?: number;
}

/** the vectorized measurements: row i is vec(Aᵢ) */
function stack(A: readonly Matrix[]): Matrix {
  const len = A[0].data.length, X = new Matrix(A.length, len);
  A.forEach((Ai, i) => X.data.set(Ai.data, i * len));
  return X;
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/**
 * Certificate of W for min ‖W‖_F s.t. A(W) = y: primal residual ‖A(W) − y‖/(1 + ‖y‖), dual residual
 * ‖W − A*(μ)‖_F/max(1, ‖W‖_F) with μ the least-squares coefficients of W on the Aᵢ, gap between ‖W‖_F and
 * yᵀμ/‖A*(μ)‖_F.
 */
export function minFrobeniusCertificate(A: readonly Matrix[], y: Float64Array, W: Matrix, tol = 1e-10): Certificate {
  const { rows, cols } = checkMeasurements("minFrobeniusCertificate", A, y);
  if (W.rows !== rows || W.cols !== cols) throw new RangeError(`minFrobeniusCertificate: W is ${W.rows}×${W.cols}, the measurements act on ${rows}×${cols}`);
  const op = denseMeasurements(A);
  const r = op.apply(W);
  for (let i = 0; i < r.length; i++) r[i] -= y[i];
  const primalResidual = norm(r) / (1 + norm(y));
  const mu = lstsqMinNorm(stack(A).transpose(), W.data);
  const D = op.adjoint(mu);
  let off = 0;
  for (let t = 0; t < D.data.length; t++) off += (W.data[t] - D.data[t]) ** 2;
  const nW = norm(W.data), nD = norm(D.data);
  const dualResidual = Math.sqrt(off) / Math.max(1, nW);
  let ymu = 0;
  for (let i = 0; i < y.length; i++) ymu += y[i] * mu[i];
  const dualObjective = nD > 0 ? ymu / nD : 0;
  const dualityGap = Math.abs(nW - dualObjective) / Math.max(1, nW);
  return {
    kind: "normal equations: A(W) = y, W ∈ span{Aᵢ}",
    primalResidual,
    dualResidual,
    dualityGap,
    primalObjective: nW,
    dualObjective,
    ok: primalResidual <= tol && dualResidual <= tol && dualityGap <= tol,
  };
}

/** argmin ‖W‖_F s.t. ⟨Aᵢ, W⟩ = yᵢ (RangeError if the system is inconsistent). */
export function minFrobenius(A: readonly Matrix[], y: Float64Array, options: MinFrobeniusOptions = {}): ReferenceSolution<Matrix> {
  const { rows, cols } = checkMeasurements("minFrobenius", A, y);
  const tol = options.tol ?? 1e-10;
  let sol;
  try {
    sol = minNormL2(stack(A), y, undefined, { tol });
  } catch (e) {
    if (e instanceof RangeError && /no solution/.test(e.message)) {
      throw new RangeError(`minFrobenius: no W satisfies ⟨Aᵢ, W⟩ = yᵢ (the measurements are inconsistent)`, { cause: e });
    }
    throw e;
  }
  const W = new Matrix(rows, cols, sol.solution);
  const certificate = minFrobeniusCertificate(A, y, W, tol);
  return {
    program: "min ‖W‖_F s.t. ⟨Aᵢ, W⟩ = yᵢ",
    solution: W,
    certificate: { ...certificate, iterations: sol.certificate.iterations, details: { route: String(sol.certificate.details?.route ?? "") } },
    dual: sol.dual,
  };
}
