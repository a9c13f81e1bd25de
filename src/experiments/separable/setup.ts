// Shared setup of the separable-classification claims (CLAIMS.md section B): a binary problem with
// its margin objective and ℓ2 SVM, runs recorded at log-spaced t, and the rate verdicts.
import { separable2d, type BinaryClassificationData } from "../../data/index.ts";
import { Matrix, norm2 } from "../../linalg/index.ts";
import type { Rng } from "../../random/index.ts";
import type { MarginLoss } from "../../losses/index.ts";
import { angleBetween, checkCloser, fitPowerLaw, marginGap, type Check, type PowerLawFit } from "../../metrics/index.ts";
import { linearModel, marginObjective, topSingularValueSquared, type BinaryMarginObjective, type Objective } from "../../models/index.ts";
import type { Optimizer, OptimizerState } from "../../optimizers/index.ts";
import { hardMarginSvm, type MaxMarginSolution } from "../../references/index.ts";
import type { Trace } from "../../run/index.ts";
import type { RunContext } from "../types.ts";
import { trajectory, type Metric, type Trajectory } from "../trajectory.ts";

export interface BinaryProblem {
  readonly data: BinaryClassificationData;
  readonly objective: BinaryMarginObjective;
  /** the ℓ2 hard-margin SVM without bias: min ‖w‖₂ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1 */
  readonly svm: MaxMarginSolution;
  /** R = maxᵢ‖xᵢ‖₂ */
  readonly R: number;
  /** σ²_max(X)/N: the logistic loss is β-smooth with β = σ²_max/(4N) */
  readonly sigma2OverN: number;
}

export function maxRowNorm(X: Matrix): number {
  let R = 0;
  for (let i = 0; i < X.rows; i++) R = Math.max(R, norm2(X.row(i)));
  return R;
}

export function binaryProblem(data: BinaryClassificationData, loss: MarginLoss): BinaryProblem {
  return {
    data,
    objective: marginObjective(data, linearModel(data.X.cols), loss),
    svm: hardMarginSvm(data.X, data.y),
    R: maxRowNorm(data.X),
    sigma2OverN: topSingularValueSquared(data.X) / data.X.rows,
  };
}

/**
 * The 2-D instance (separable2d: n points, two planted support vectors, gap 0.1) stretched by the
 * factor s along the unit vector u at 45° to w*: x ↦ x + (s − 1)⟨u, x⟩u. A linear map keeps it
 * separable through the origin, but the max-margin direction no longer lies along the mean of the
 * yᵢxᵢ (for the symmetric Gaussian instance it does, and every method starts next to it).
 */
export function stretched2d(rng: Rng, n: number, s: number, supportVectors = 2): BinaryClassificationData {
  const base = separable2d(rng, { n, supportVectors });
  const w = base.wStar;
  const u0 = (w[0] - w[1]) / Math.SQRT2, u1 = (w[0] + w[1]) / Math.SQRT2;
  const X = new Matrix(n, 2);
  for (let i = 0; i < n; i++) {
    const x0 = base.X.get(i, 0), x1 = base.X.get(i, 1);
    const p = (s - 1) * (u0 * x0 + u1 * x1);
    X.set(i, 0, x0 + p * u0);
    X.set(i, 1, x1 + p * u1);
  }
  return { X, y: base.y };
}

/** Σᵢ yᵢxᵢ: the direction of the first GD step from 0 on any margin loss */
export function labelCentroid(data: BinaryClassificationData): Float64Array {
  const c = new Float64Array(data.X.cols);
  for (let i = 0; i < data.X.rows; i++) for (let j = 0; j < c.length; j++) c[j] += data.y[i] * data.X.get(i, j);
  return c;
}

/** angle (radians, by atan2) between w and the SVM direction */
export const angleGapTo = (direction: Float64Array): Metric => (w) => angleBetween(w, direction);

/** relative normalized-margin gap (γ* − γ_p(w))/γ* (NaN at w = 0) */
export const marginGapTo = (data: BinaryClassificationData, optimalMargin: number, p = 2): Metric =>
  (w) => (w.some((v) => v !== 0) ? marginGap(data.X, data.y, w, optimalMargin, p) : NaN);

/** trajectory() with the run context's signal and a forked rng */
export function record<S extends OptimizerState>(
  ctx: RunContext, fork: number, name: string, objective: Objective, optimizer: Optimizer<S>,
  theta0: Float64Array, maxIter: number, metrics: Record<string, Metric>, perDecade = 6,
): Promise<Trajectory<S>> {
  return trajectory({
    name, objective, optimizer, theta0, rng: ctx.rng.fork(fork), maxIter, metrics, perDecade,
    // the losses underflow to 0 on the way to the max-margin direction: only NaN/Inf is divergence
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
}

/** (t, value) columns of a trace restricted to t ∈ [tMin, tMax] */
export function column(trace: Trace, name: string, tMin = 1, tMax = Infinity): { t: number[]; v: number[] } {
  const it = trace.columns.indexOf("t"), iv = trace.columns.indexOf(name);
  if (iv < 0) throw new RangeError(`column: trace "${trace.name}" has no column ${name}`);
  const t: number[] = [], v: number[] = [];
  for (const r of trace.rows) if (r[it] >= tMin && r[it] <= tMax) { t.push(r[it]); v.push(r[iv]); }
  return { t, v };
}

/** the value of a column at the last recorded t ≤ T */
export function valueAt(trace: Trace, name: string, T: number): number {
  const { v } = column(trace, name, 0, T);
  return v.length > 0 ? v[v.length - 1] : NaN;
}

export function powerFit(trace: Trace, name: string, tMin: number, tMax = Infinity): PowerLawFit {
  const { t, v } = column(trace, name, tMin, tMax);
  return fitPowerLaw(t, v);
}

/**
 * A fitted exponent p against its prediction: passes iff |p − predicted| ≤ tolerance and the nearest
 * competing prediction is at least twice as far (so −1 measured for a −½ claim fails).
 */
export function checkExponent(name: string, fit: PowerLawFit, predicted: number, tolerance: number, competitors: readonly number[], note?: string): Check {
  let nearest = competitors[0];
  for (const c of competitors) if (Math.abs(fit.exponent - c) < Math.abs(fit.exponent - nearest)) nearest = c;
  return checkCloser({
    name,
    predicted: `exponent ${predicted}`,
    measured: Math.abs(fit.exponent - predicted),
    threshold: tolerance,
    competitor: { name: `exponent ${nearest}`, measured: Math.abs(fit.exponent - nearest) },
    margin: 2,
    note: `fitted exponent ${fit.exponent.toFixed(3)}, constant ${fit.constant.toExponential(2)}, r² ${fit.r2.toFixed(4)} over ${fit.n} points${note ? `; ${note}` : ""}`,
  });
}

/** the points c·t^p of a fit over [tMin, tMax], as a figure series */
export function fitSeries(name: string, fit: PowerLawFit, tMin: number, tMax: number): { name: string; x: number[]; y: number[] } {
  const x: number[] = [], y: number[] = [];
  for (let k = 0; k <= 8; k++) {
    const t = tMin * Math.pow(tMax / tMin, k / 8);
    x.push(t);
    y.push(fit.constant * Math.pow(t, fit.exponent));
  }
  return { name, x, y };
}
