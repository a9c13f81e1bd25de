// Dual Newton for min D_ψ(w, w0) s.t. Xw = y: maximize the concave
//   g(λ) = ⟨λ, y⟩ − ψ*(z0 + Xᵀλ) + ψ*(z0),  z0 = ∇ψ(w0),  w(λ) = ∇ψ*(z0 + Xᵀλ),
// with ∇g = y − Xw and ∇²g = −X ∇²ψ*(z) Xᵀ, by damped Newton with a backtracking
// line search on g. When ∇²ψ* is singular or undefined (e.g. ½‖·‖_p² at z = 0) the
// step falls back to the Euclidean direction (XXᵀ)⁻¹(y − Xw). w stays in dom ψ
// by construction, so targets outside X(dom ψ) show up as diverging multipliers.
import { Matrix, gemv, gemvT, norm2, normInf, dot } from "../linalg/index.ts";
import type { Potential } from "../geometry/index.ts";
import { dampedCholeskySolve } from "./dampedCholesky.ts";
import { newtonSystem } from "./newtonSystem.ts";

export interface NewtonOutcome {
  readonly w: Float64Array;
  readonly lambda: Float64Array;
  readonly iterations: number;
  readonly details: Record<string, number | string>;
}

export const ARMIJO = 1e-4;
export const MAX_HALVINGS = 60;
/** divergence: over DIVERGENCE_WINDOW steps, ‖Xᵀλ‖∞ grew by more than DIVERGENCE_SHIFT (a factor e^10 on entropy weights) while the residual did not halve */
const DIVERGENCE_WINDOW = 10;
const DIVERGENCE_SHIFT = 10;

export function bregmanDualNewton(
  where: string,
  X: Matrix,
  y: Float64Array,
  potential: Potential,
  origin: Float64Array,
  gram: Matrix,
  tol: number,
  maxIterations: number,
): NewtonOutcome {
  const N = X.rows, d = X.cols;
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

  return { w, lambda, iterations, details: { method: "dual Newton", fallbackSteps, dampedSteps } };
}
