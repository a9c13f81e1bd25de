// argmin D_ψ(w, w0) s.t. Xw = y: the Bregman projection of w0 onto an affine set,
// by Newton's method on the side where the mirror map is smooth (the dual by
// default, the primal for potentials with newtonSpace "primal"), and a KKT
// certificate measured on the result.
import { Matrix, gemmNT, gemvT, norm2, dot } from "../linalg/index.ts";
import type { Potential } from "../geometry/index.ts";
import type { Certificate, ReferenceSolution } from "./types.ts";
import { checkSystem, relativeResidual } from "./residuals.ts";
import { minNormL2 } from "./minNormL2.ts";
import { bregmanDualNewton } from "./bregmanDualNewton.ts";
import { bregmanPrimalNewton } from "./bregmanPrimalNewton.ts";
import { relativeGap } from "./duality.ts";

export interface BregmanOptions {
  /** stop when ‖Xw − y‖/max(1, ‖y‖) ≤ tol (default 1e-12) */
  readonly tol?: number;
  /** Newton steps before giving up (default 100) */
  readonly maxIterations?: number;
}

/**
 * The Bregman projection of w0 onto {w : Xw = y}. w0 defaults to ∇ψ*(0), the
 * minimizer of ψ (0 for the norms, 1 for entropy, uniform for the simplex).
 */
export function bregmanProjection(
  X: Matrix,
  y: Float64Array,
  potential: Potential,
  w0?: Float64Array,
  options: BregmanOptions = {},
): ReferenceSolution {
  const where = `bregmanProjection(${potential.name})`;
  checkSystem(where, X, y, w0);
  const { tol = 1e-12, maxIterations = 100 } = options;
  const d = X.cols;
  const origin = w0 ?? potential.gradConj(new Float64Array(d), new Float64Array(d));
  if (!potential.inDomain(origin)) throw new RangeError(`${where}: w0 is not in the domain of ψ`);
  // a linear system with no solution at all gets minNormL2's error
  const start = minNormL2(X, y, origin).solution;
  const gram = gemmNT(X, X);
  const { w, lambda, iterations, details } =
    potential.newtonSpace === "primal" && potential.inDomain(start)
      ? bregmanPrimalNewton(where, X, y, potential, origin, start, gram, tol, maxIterations)
      : bregmanDualNewton(where, X, y, potential, origin, gram, tol, maxIterations);
  const certificate = bregmanCertificate(X, y, potential, origin, w, lambda, { tol });
  return {
    program: `min D_ψ(w, w0) s.t. Xw = y, ψ = ${potential.name}`,
    solution: w,
    certificate: { ...certificate, iterations, details: { ...certificate.details, ...details } },
    dual: lambda,
  };
}

/**
 * KKT certificate of (w, λ) for min D_ψ(w, w0) s.t. Xw = y, measured afresh:
 * primal residual ‖Xw − y‖/max(1, ‖y‖), stationarity ‖∇ψ(w) − ∇ψ(w0) − Xᵀλ‖
 * (after projectTangent, relative to max(1, ‖∇ψ(w0)‖, ‖Xᵀλ‖)), and the gap between
 * D_ψ(w, w0) and the dual value ⟨λ, y⟩ − ψ*(∇ψ(w0) + Xᵀλ) + ψ*(∇ψ(w0)).
 */
export function bregmanCertificate(
  X: Matrix,
  y: Float64Array,
  potential: Potential,
  w0: Float64Array,
  w: Float64Array,
  lambda: Float64Array,
  options: { readonly tol?: number; readonly stationarityTol?: number } = {},
): Certificate {
  const { tol = 1e-12, stationarityTol = 1e-10 } = options;
  const d = X.cols;
  const inDomain = potential.inDomain(w);
  const primalResidual = relativeResidual(X, w, y);
  const z0 = potential.grad(w0, new Float64Array(d));
  const gw = potential.grad(w, new Float64Array(d));
  const xtl = gemvT(X, lambda, new Float64Array(d));
  const stat = new Float64Array(d);
  for (let j = 0; j < d; j++) stat[j] = gw[j] - z0[j] - xtl[j];
  if (potential.projectTangent) potential.projectTangent(stat, stat);
  const dualResidual = norm2(stat) / Math.max(1, norm2(z0), norm2(xtl));
  const primalObjective = potential.bregman(w, w0);
  const z = new Float64Array(d);
  for (let j = 0; j < d; j++) z[j] = z0[j] + xtl[j];
  const dualObjective = dot(lambda, y) - potential.conjValue(z) + potential.conjValue(z0);
  const dualityGap = relativeGap(primalObjective, dualObjective);
  return {
    kind: "KKT: Xw = y and ∇ψ(w) − ∇ψ(w0) ∈ row space of X",
    primalResidual,
    dualResidual,
    dualityGap,
    primalObjective,
    dualObjective,
    ok: inDomain && primalResidual <= tol && dualResidual <= stationarityTol && dualityGap <= stationarityTol,
    details: { potential: potential.name, inDomain, multiplierNorm: norm2(lambda) },
  };
}
