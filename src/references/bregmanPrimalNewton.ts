// Primal Newton for min D_ψ(w, w0) s.t. Xw = y, for potentials whose ∇ψ is the
// smooth mirror map (newtonSpace "primal", e.g. ½‖·‖_p² with p > 2). From a
// feasible start, each step solves the equality-constrained Newton system
//   H Δw − XᵀΔλ = −(∇ψ(w) − ∇ψ(w0)),  X Δw = y − Xw,   H = ∇²ψ(w),
// through its Schur complement (X H⁻¹ Xᵀ) Δλ = (y − Xw) + X H⁻¹ g, using
// H⁻¹ = ∇²ψ*(∇ψ(w)) (hessConjVec), with a backtracking line search on D_ψ(·, w0).
import { Matrix, choleskySolve, gemv, gemvT, norm2, dot, allFinite } from "../linalg/index.ts";
import type { Potential } from "../geometry/index.ts";
import { dampedCholesky } from "./dampedCholesky.ts";
import { newtonSystem } from "./newtonSystem.ts";
import { relativeResidual } from "./residuals.ts";
import { ARMIJO, MAX_HALVINGS, type NewtonOutcome } from "./bregmanDualNewton.ts";

/** stop when the relative stationarity residual is below this (and Xw = y to tol) */
const STATIONARITY_TOL = 1e-13;
const STALL_WINDOW = 5;

export function bregmanPrimalNewton(
  where: string,
  X: Matrix,
  y: Float64Array,
  potential: Potential,
  origin: Float64Array,
  start: Float64Array,
  gram: Matrix,
  tol: number,
  maxIterations: number,
): NewtonOutcome {
  const N = X.rows, d = X.cols;
  const gramFactor = dampedCholesky(gram);
  if (!gramFactor) throw new RangeError(`${where}: XXᵀ could not be factored`);
  const z0 = potential.grad(origin, new Float64Array(d));
  const w = start.slice(), wt = new Float64Array(d), dw = new Float64Array(d);
  const z = new Float64Array(d), g = new Float64Array(d), hg = new Float64Array(d), v = new Float64Array(d);
  const rhs = new Float64Array(N), dl = new Float64Array(N), r = new Float64Array(N);
  const lambda = new Float64Array(N), lambdaT = new Float64Array(N);
  const zs = new Float64Array(d), gs = new Float64Array(d), ns = new Float64Array(N);
  const nz0 = norm2(z0);

  /** ‖∇ψ(w) − z0 − Xᵀλ‖/max(1, ‖z0‖, ‖Xᵀλ‖) with least-squares λ = (XXᵀ)⁻¹X(∇ψ(w) − z0) */
  const stationarity = (wv: Float64Array, lamOut: Float64Array): number => {
    potential.grad(wv, zs);
    for (let j = 0; j < d; j++) gs[j] = zs[j] - z0[j];
    choleskySolve(gramFactor.L, gemv(X, gs, ns), lamOut);
    gemvT(X, lamOut, zs);
    const nx = norm2(zs);
    for (let j = 0; j < d; j++) gs[j] -= zs[j];
    if (potential.projectTangent) potential.projectTangent(gs, gs);
    return norm2(gs) / Math.max(1, nz0, nx);
  };

  let F = potential.bregman(w, origin);
  let stat = stationarity(w, lambda);
  let res = relativeResidual(X, w, y);
  let iterations = 0, fallbackSteps = 0, dampedSteps = 0;
  const statHistory: number[] = [stat];
  while (!(stat <= STATIONARITY_TOL && res <= tol)) {
    if (iterations >= maxIterations) {
      throw new RangeError(`${where}: no convergence within ${maxIterations} primal Newton steps (stationarity ${stat.toExponential(2)}, relative residual ${res.toExponential(2)})`);
    }
    iterations++;
    potential.grad(w, z);
    for (let j = 0; j < d; j++) g[j] = z[j] - z0[j];
    gemv(X, w, r);
    for (let i = 0; i < N; i++) r[i] = y[i] - r[i];
    // Newton step with H⁻¹ = ∇²ψ*(z); the Euclidean one (H = I) if that is not usable
    potential.hessConjVec(z, g, hg);
    let status = allFinite(hg) ? newtonSystem(X, potential, z, gemv(X, hg, rhs).map((s, i) => s + r[i]), dl) : "failed";
    if (status !== "failed") {
      gemvT(X, dl, v);
      for (let j = 0; j < d; j++) v[j] -= g[j];
      potential.hessConjVec(z, v, dw);
      if (!allFinite(dw)) status = "failed";
    }
    if (status === "failed") {
      fallbackSteps++;
      gemv(X, g, rhs);
      for (let i = 0; i < N; i++) rhs[i] += r[i];
      choleskySolve(gramFactor.L, rhs, dl);
      gemvT(X, dl, dw);
      for (let j = 0; j < d; j++) dw[j] -= g[j];
    } else if (status === "damped") dampedSteps++;
    const slope = dot(g, dw);
    let t = 1, accepted = false;
    for (let h = 0; h <= MAX_HALVINGS; h++, t *= 0.5) {
      for (let j = 0; j < d; j++) wt[j] = w[j] + t * dw[j];
      const Ft = potential.bregman(wt, origin);
      if (!Number.isFinite(Ft)) continue;
      // Armijo on D_ψ, or (at its round-off level) better stationarity
      const flat = Math.abs(Ft - F) <= 1e-13 * Math.max(1, Math.abs(F));
      if ((slope < 0 && Ft <= F + ARMIJO * t * slope) || (flat && stationarity(wt, lambdaT) < stat)) {
        w.set(wt);
        accepted = true;
        break;
      }
    }
    if (accepted) {
      // restore Xw = y exactly (the step is feasible only to the accuracy of its solve)
      gemv(X, w, r);
      for (let i = 0; i < N; i++) r[i] = y[i] - r[i];
      choleskySolve(gramFactor.L, r, dl);
      gemvT(X, dl, v);
      for (let j = 0; j < d; j++) w[j] += v[j];
      F = potential.bregman(w, origin);
    }
    stat = stationarity(w, lambda);
    res = relativeResidual(X, w, y);
    statHistory.push(stat);
    // round-off floor: no halving of the stationarity residual over STALL_WINDOW steps
    const past = statHistory[statHistory.length - 1 - STALL_WINDOW];
    if (past !== undefined && stat > 0.5 * past && stat <= 1e-10 && res <= tol) break;
    if (!accepted) {
      if (stat <= 1e-10 && res <= Math.sqrt(tol)) break; // stalled at round-off: the certificate decides
      throw new RangeError(`${where}: the primal line search found no descent step (stationarity ${stat.toExponential(2)}, relative residual ${res.toExponential(2)})`);
    }
  }
  return { w, lambda, iterations, details: { method: "primal Newton", fallbackSteps, dampedSteps } };
}
