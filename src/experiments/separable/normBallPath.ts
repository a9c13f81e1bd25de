// The regularization path of a margin risk: w̄(B) = argmin {R(w) : ‖w‖₂ ≤ B}, R(w) = (1/N) Σᵢ ℓ(yᵢ⟨w, xᵢ⟩)
// with ℓ convex and C². On separable data R has no minimizer, so the constraint is active and w̄(B) is
// the ridge solution w_λ = argmin R(w) + (λ/2)‖w‖² with ‖w_λ‖ = B (KKT: ∇R(w̄) = −λw̄, λ ≥ 0).
// w_λ by damped Newton (R + λ/2‖·‖² is λ-strongly convex), λ by bisection on log λ (‖w_λ‖ decreases in λ).
// Certificate: ‖∇R(w̄) + λw̄‖ / (λ‖w̄‖) and |‖w̄‖ − B|/B.
import type { BinaryClassificationData } from "../../data/index.ts";
import { Matrix, cholesky, choleskySolve, norm2 } from "../../linalg/index.ts";
import type { MarginLoss } from "../../losses/index.ts";

export interface PathPoint {
  readonly w: Float64Array;
  readonly lambda: number;
  /** ‖∇R(w) + λw‖ / (λ‖w‖): 0 at the exact KKT point */
  readonly kktResidual: number;
  /** |‖w‖ − B| / B */
  readonly normResidual: number;
}

/** ∇R and the Hessian of R + (λ/2)‖w‖² at w */
function derivatives(data: BinaryClassificationData, loss: MarginLoss, w: Float64Array, lambda: number, g: Float64Array, H: Matrix): number {
  const { X, y } = data;
  const n = X.rows, d = X.cols;
  g.fill(0);
  H.data.fill(0);
  let value = 0;
  for (let i = 0; i < n; i++) {
    let u = 0;
    for (let j = 0; j < d; j++) u += X.data[i * d + j] * w[j];
    u *= y[i];
    value += loss.value(u);
    const a = loss.deriv(u) * y[i], b = loss.deriv2(u);
    for (let j = 0; j < d; j++) {
      const xj = X.data[i * d + j];
      g[j] += a * xj;
      for (let l = 0; l <= j; l++) H.data[j * d + l] += b * xj * X.data[i * d + l];
    }
  }
  for (let j = 0; j < d; j++) {
    g[j] /= n;
    for (let l = 0; l <= j; l++) {
      H.data[j * d + l] /= n;
      H.data[l * d + j] = H.data[j * d + l];
    }
    H.data[j * d + j] += lambda;
  }
  return value / n;
}

/** argmin R(w) + (λ/2)‖w‖² by damped Newton from w (updated in place) */
function ridgeNewton(data: BinaryClassificationData, loss: MarginLoss, lambda: number, w: Float64Array): void {
  const d = data.X.cols;
  const g = new Float64Array(d), H = new Matrix(d, d), step = new Float64Array(d), trial = new Float64Array(d);
  const objective = (v: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < data.X.rows; i++) {
      let u = 0;
      for (let j = 0; j < d; j++) u += data.X.data[i * d + j] * v[j];
      s += loss.value(data.y[i] * u);
    }
    return s / data.X.rows + 0.5 * lambda * norm2(v) ** 2;
  };
  for (let it = 0; it < 200; it++) {
    derivatives(data, loss, w, lambda, g, H);
    for (let j = 0; j < d; j++) g[j] += lambda * w[j];
    const gn = norm2(g);
    if (gn <= 1e-15 * Math.max(1, lambda * norm2(w))) return;
    const L = cholesky(H);
    choleskySolve(L, g, step);
    const f0 = objective(w);
    let t = 1;
    for (let ls = 0; ls < 60; ls++) {
      for (let j = 0; j < d; j++) trial[j] = w[j] - t * step[j];
      if (objective(trial) <= f0 - 0.25 * t * dot(g, step)) break;
      t /= 2;
    }
    let moved = 0;
    for (let j = 0; j < d; j++) { moved = Math.max(moved, Math.abs(trial[j] - w[j])); w[j] = trial[j]; }
    if (moved <= 1e-15 * (1 + norm2(w))) return;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

/** w̄(B) = argmin {R(w) : ‖w‖₂ ≤ B} on separable data (the constraint active), with its certificate. */
export function normBallPath(data: BinaryClassificationData, loss: MarginLoss, B: number, warm?: Float64Array): PathPoint {
  if (!(B > 0 && Number.isFinite(B))) throw new RangeError(`normBallPath: B must be a positive number, got ${B}`);
  const d = data.X.cols;
  const w = warm ? warm.slice() : new Float64Array(d);
  // bracket log λ: ‖w_λ‖ > B at lo, < B at hi
  let lo = -60, hi = 10;
  const normAt = (logLambda: number): number => {
    ridgeNewton(data, loss, Math.exp(logLambda), w);
    return norm2(w);
  };
  for (let it = 0; it < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(lo)); it++) {
    const mid = 0.5 * (lo + hi);
    if (normAt(mid) > B) lo = mid;
    else hi = mid;
  }
  const lambda = Math.exp(0.5 * (lo + hi));
  ridgeNewton(data, loss, lambda, w);
  const g = new Float64Array(d), H = new Matrix(d, d);
  derivatives(data, loss, w, lambda, g, H);
  for (let j = 0; j < d; j++) g[j] += lambda * w[j];
  const nw = norm2(w);
  return { w, lambda, kktResidual: norm2(g) / (lambda * nw), normResidual: Math.abs(nw - B) / B };
}
