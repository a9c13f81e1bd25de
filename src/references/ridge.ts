// Ridge regression argmin (1/2N)‖Xw − y‖² + (λ/2)‖w‖², λ > 0, solved on the smaller
// Gram matrix: N < d: w = Xᵀα with (XXᵀ + NλI)α = y; otherwise (XᵀX + NλI)w = Xᵀy.
// Certificate: the gradient (1/N)Xᵀ(Xw − y) + λw, and the dual
//   max_α −(N/2)‖α‖² − ⟨α, y⟩ − ‖Xᵀα‖²/(2λ), evaluated at α = (Xw − y)/N.
import { Matrix, cholesky, choleskySolve, gemmNT, gemmTN, gemv, gemvT, norm2, dot } from "../linalg/index.ts";
import type { Certificate, ReferenceSolution } from "./types.ts";
import { checkSystem } from "./residuals.ts";
import { relativeGap } from "./duality.ts";

export interface RidgeOptions {
  /** certificate tolerance on the relative gradient norm (default 1e-10) */
  readonly tol?: number;
}

/** Gram matrix of the smaller side: XXᵀ when N < d, else XᵀX */
function smallGram(X: Matrix): { G: Matrix; dual: boolean } {
  return X.rows < X.cols ? { G: gemmNT(X, X), dual: true } : { G: gemmTN(X, X), dual: false };
}

function solveWithGram(X: Matrix, y: Float64Array, lambda: number, G: Matrix, dual: boolean, tol: number): ReferenceSolution {
  if (!(lambda > 0 && lambda < Infinity)) throw new RangeError(`ridge: lambda must be in (0, ∞), got ${lambda}`);
  const N = X.rows, d = X.cols, n = G.rows;
  const A = G.clone();
  for (let i = 0; i < n; i++) A.data[i * n + i] += N * lambda;
  const L = cholesky(A);
  const w = new Float64Array(d);
  const rhs = dual ? y.slice() : gemvT(X, y, new Float64Array(d));
  const sol = choleskySolve(L, rhs);
  // one step of iterative refinement on (G + NλI) s = rhs
  const As = gemv(A, sol, new Float64Array(n));
  for (let i = 0; i < n; i++) As[i] = rhs[i] - As[i];
  const corr = choleskySolve(L, As);
  for (let i = 0; i < n; i++) sol[i] += corr[i];
  if (dual) gemvT(X, sol, w);
  else w.set(sol);

  const certificate = ridgeCertificate(X, y, lambda, w, tol);
  return {
    program: `argmin (1/2N)‖Xw − y‖² + (λ/2)‖w‖², λ = ${lambda}`,
    solution: w,
    certificate: { ...certificate, iterations: 1, details: { lambda, gram: dual ? "XXᵀ" : "XᵀX" } },
    // α = (Xw − y)/N, the dual variable of the residual
    dual: residualDual(X, y, w),
  };
}

function residualDual(X: Matrix, y: Float64Array, w: Float64Array): Float64Array {
  const a = gemv(X, w, new Float64Array(X.rows));
  for (let i = 0; i < a.length; i++) a[i] = (a[i] - y[i]) / X.rows;
  return a;
}

/**
 * Certificate of w for ridge: gradient ‖(1/N)Xᵀ(Xw − y) + λw‖ relative to
 * max(1, ‖Xᵀy‖/N), and the gap to the dual value at α = (Xw − y)/N.
 */
export function ridgeCertificate(X: Matrix, y: Float64Array, lambda: number, w: Float64Array, tol = 1e-10): Certificate {
  const N = X.rows, d = X.cols;
  const alpha = residualDual(X, y, w); // (Xw − y)/N
  const u = alpha.map((v) => v * N);
  const grad = gemvT(X, u, new Float64Array(d));
  for (let j = 0; j < d; j++) grad[j] = grad[j] / N + lambda * w[j];
  const scaleG = Math.max(1, norm2(gemvT(X, y, new Float64Array(d))) / N);
  const dualResidual = norm2(grad) / scaleG;
  const nu = norm2(u), nw = norm2(w);
  const primalObjective = (nu * nu) / (2 * N) + (lambda / 2) * nw * nw;
  const xta = norm2(gemvT(X, alpha, new Float64Array(d)));
  const na = norm2(alpha);
  const dualObjective = -(N / 2) * na * na - dot(alpha, y) - (xta * xta) / (2 * lambda);
  const dualityGap = relativeGap(primalObjective, dualObjective);
  return {
    kind: "normal equations (gradient = 0) and ridge duality",
    primalResidual: 0,
    dualResidual,
    dualityGap,
    primalObjective,
    dualObjective,
    ok: dualResidual <= tol && dualityGap <= tol,
  };
}

export function ridge(X: Matrix, y: Float64Array, lambda: number, options: RidgeOptions = {}): ReferenceSolution {
  checkSystem("ridge", X, y);
  const { G, dual } = smallGram(X);
  return solveWithGram(X, y, lambda, G, dual, options.tol ?? 1e-10);
}

/** Ridge solutions for several λ, sharing one Gram matrix. */
export function ridgePath(X: Matrix, y: Float64Array, lambdas: readonly number[], options: RidgeOptions = {}): ReferenceSolution[] {
  checkSystem("ridgePath", X, y);
  const { G, dual } = smallGram(X);
  return lambdas.map((lambda) => solveWithGram(X, y, lambda, G, dual, options.tol ?? 1e-10));
}
