// argmin D_ψ(w, w0) s.t. Xw = y, through its concave dual
//   g(λ) = ⟨λ, y⟩ − ψ*(z0 + Xᵀλ) + ψ*(z0),  z0 = ∇ψ(w0),  w(λ) = ∇ψ*(z0 + Xᵀλ),
// with ∇g = y − Xw and ∇²g = −X ∇²ψ*(z) Xᵀ. Damped Newton with a backtracking
// line search on g; when ∇²ψ* is singular or undefined (e.g. ½‖·‖_p² at z = 0)
// the step falls back to the Euclidean direction (XXᵀ)⁻¹(y − Xw).
import { Matrix, gemmNT, gemv, gemvT, norm2, normInf, dot } from "../linalg/index.ts";
import type { Potential } from "../geometry/index.ts";
import type { Certificate, ReferenceSolution } from "./types.ts";
import { dampedCholeskySolve } from "./dampedCholesky.ts";
import { checkSystem, relativeResidual } from "./residuals.ts";
import { minNormL2 } from "./minNormL2.ts";
import { newtonSystem } from "./newtonSystem.ts";

export interface BregmanOptions {
  /** stop when ‖Xw − y‖/max(1, ‖y‖) ≤ tol (default 1e-12) */
  readonly tol?: number;
  /** Newton steps before giving up (default 100) */
  readonly maxIterations?: number;
}

const ARMIJO = 1e-4;
const MAX_HALVINGS = 60;
/** divergence: over DIVERGENCE_WINDOW steps, ‖Xᵀλ‖∞ grew by more than DIVERGENCE_SHIFT (a factor e^10 on entropy weights) while the residual did not halve */
const DIVERGENCE_WINDOW = 10;
const DIVERGENCE_SHIFT = 10;

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
  const N = X.rows, d = X.cols;
  const origin = w0 ?? potential.gradConj(new Float64Array(d), new Float64Array(d));
  if (!potential.inDomain(origin)) throw new RangeError(`${where}: w0 is not in the domain of ψ`);
  // a linear system with no solution at all gets minNormL2's error
  minNormL2(X, y);
  const gram = gemmNT(X, X); // XXᵀ, the Hessian of the Euclidean fallback

  const z0 = potential.grad(origin, new Float64Array(d));
  const conj0 = potential.conjValue(z0);
  const lambda = new Float64Array(N), delta = new Float64Array(N), trial = new Float64Array(N);
  const z = new Float64Array(d), w = new Float64Array(d), zt = new Float64Array(d), wt = new Float64Array(d);
  const r = new Float64Array(N), rt = new Float64Array(N);
  const ny = Math.max(1, norm2(y));

  /** z ← z0 + Xᵀλ, w ← ∇ψ*(z), r ← y − Xw; returns g(λ) (−∞ outside the domain) */
  const evaluate = (lam: Float64Array, zOut: Float64Array, wOut: Float64Array, rOut: Float64Array): number => {
    gemvT(X, lam, zOut);
    for (let j = 0; j < d; j++) zOut[j] += z0[j];
    const c = potential.conjValue(zOut);
    potential.gradConj(zOut, wOut);
    if (!Number.isFinite(c) || !potential.inDomain(wOut)) return -Infinity;
    gemv(X, wOut, rOut);
    for (let i = 0; i < N; i++) rOut[i] = y[i] - rOut[i];
    return dot(lam, y) - c + conj0;
  };

  let g = evaluate(lambda, z, w, r);
  let res = norm2(r) / ny;
  let iterations = 0, fallbackSteps = 0, dampedSteps = 0;
  // (relative residual, ‖Xᵀλ‖∞) before each Newton step, to recognise divergence
  const history: { res: number; shift: number }[] = [];
  const shiftNow = () => normInf(gemvT(X, lambda, zt));
  const diverged = (since: { res: number; shift: number }, shift: number) => shift > since.shift + DIVERGENCE_SHIFT && res > 0.5 * since.res;
  const divergenceError = (shift: number) =>
    new RangeError(
      `${where}: Xw = y has no solution w in the domain of ψ — the dual multipliers diverge ` +
        `(‖Xᵀλ‖∞ = ${shift.toExponential(2)} after ${iterations} Newton steps, relative residual stuck at ${res.toExponential(2)})`,
    );
  const fail = (why: string): never => {
    const shift = shiftNow();
    // abnormal end far from feasibility with multipliers that ran away: divergence
    if (history.length > 0 && shift > history[0].shift + DIVERGENCE_SHIFT && res > Math.sqrt(tol)) throw divergenceError(shift);
    throw new RangeError(`${where}: ${why} (after ${iterations} Newton steps: relative residual ${res.toExponential(2)}, ‖Xᵀλ‖∞ = ${shift.toExponential(2)})`);
  };

  while (res > tol) {
    if (iterations >= maxIterations) fail(`no convergence within ${maxIterations} Newton steps`);
    const shift = shiftNow();
    // infeasible: the residual has not halved in a while, yet the multipliers keep running away
    if (history.length >= DIVERGENCE_WINDOW && diverged(history[history.length - DIVERGENCE_WINDOW], shift)) throw divergenceError(shift);
    history.push({ res, shift });
    iterations++;
    // Newton direction: (X ∇²ψ*(z) Xᵀ) Δ = y − Xw, else the Euclidean one
    let status = newtonSystem(X, potential, z, r, delta);
    if (status === "failed") {
      status = dampedCholeskySolve(gram, r, delta);
      fallbackSteps++;
      if (status === "failed") fail("XXᵀ could not be factored");
    }
    if (status === "damped") dampedSteps++;
    const slope = dot(r, delta);
    if (!(slope > 0)) fail("the search direction is not an ascent direction");
    let t = 1, accepted = false;
    for (let h = 0; h <= MAX_HALVINGS; h++, t *= 0.5) {
      for (let i = 0; i < N; i++) trial[i] = lambda[i] + t * delta[i];
      const gt = evaluate(trial, zt, wt, rt);
      if (gt === -Infinity) continue;
      const rest = norm2(rt) / ny;
      // Armijo on g, or (at round-off level of g) a smaller residual
      if (gt >= g + ARMIJO * t * slope || (Math.abs(gt - g) <= 1e-13 * Math.max(1, Math.abs(g)) && rest < res)) {
        lambda.set(trial);
        z.set(zt);
        w.set(wt);
        r.set(rt);
        g = gt;
        res = rest;
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      if (res <= Math.sqrt(tol)) break; // stalled at round-off: return with ok = false
      fail("the line search found no ascent step");
    }
  }

  const certificate = bregmanCertificate(X, y, potential, origin, w, lambda, { tol });
  return {
    program: `min D_ψ(w, w0) s.t. Xw = y, ψ = ${potential.name}`,
    solution: w,
    certificate: { ...certificate, iterations, details: { ...certificate.details, fallbackSteps, dampedSteps } },
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
  const dualityGap = Math.abs(primalObjective - dualObjective) / Math.max(1, Math.abs(primalObjective));
  return {
    kind: "KKT: Xw = y and ∇ψ(w) − ∇ψ(w0) ∈ row space of X (dual Newton)",
    primalResidual,
    dualResidual,
    dualityGap,
    primalObjective,
    dualObjective,
    ok: inDomain && primalResidual <= tol && dualResidual <= stationarityTol && dualityGap <= stationarityTol,
    details: { potential: potential.name, inDomain, multiplierNorm: norm2(lambda) },
  };
}
