// Seeded synthetic data sets for the squared-loss claims (CLAIMS.md section A).
// Every generator draws only from the Rng it is given, so a seed fixes the data.
import { Matrix, gemv } from "../linalg/index.ts";
import type { Rng } from "../random/index.ts";
import type { RegressionData } from "./types.ts";

/** Regression data with scalar targets: `y` is `Y.data` (N×1). */
export interface ScalarRegression extends RegressionData {
  readonly y: Float64Array;
}

/** A planted linear model y = X w* + noise. */
export interface PlantedRegression extends ScalarRegression {
  readonly wStar: Float64Array;
}

function checkSize(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${v}`);
}

function scalarData(X: Matrix, y: Float64Array): ScalarRegression {
  return { X, Y: new Matrix(y.length, 1, y), y };
}

/** An r×c matrix of iid N(0, σ²) entries. */
export function gaussianMatrix(rng: Rng, rows: number, cols: number, sigma = 1): Matrix {
  checkSize("rows", rows, 0);
  checkSize("cols", cols, 0);
  const m = new Matrix(rows, cols);
  rng.fillNormal(m.data, sigma);
  return m;
}

export interface GaussianRegressionOptions {
  readonly n: number;
  readonly d: number;
  /** standard deviation of the additive label noise (default 0: y = X w* exactly) */
  readonly noise?: number;
  /** the planted w* (default: iid N(0, 1/d), so that ‖w*‖ ≈ 1) */
  readonly wStar?: Float64Array;
}

/** X ∈ R^{n×d} with iid N(0, 1) entries, y = X w* + σ ξ (underdetermined when n < d). */
export function gaussianRegression(rng: Rng, opts: GaussianRegressionOptions): PlantedRegression {
  const { n, d, noise = 0 } = opts;
  checkSize("n", n, 1);
  checkSize("d", d, 1);
  if (!(noise >= 0)) throw new RangeError(`noise must be ≥ 0, got ${noise}`);
  if (opts.wStar && opts.wStar.length !== d) throw new RangeError(`wStar has length ${opts.wStar.length}, d = ${d}`);
  const X = gaussianMatrix(rng, n, d);
  const wStar = opts.wStar ? opts.wStar.slice() : rng.fillNormal(new Float64Array(d), 1 / Math.sqrt(d));
  const y = gemv(X, wStar, new Float64Array(n));
  if (noise > 0) for (let i = 0; i < n; i++) y[i] += noise * rng.normal();
  return { ...scalarData(X, y), wStar };
}

export interface SparseRegressionOptions {
  readonly n: number;
  readonly d: number;
  /** number of nonzero entries of w* */
  readonly k: number;
  /** nonnegative w* (for x = u⊙u-type parameterizations); default false */
  readonly positive?: boolean;
  readonly noise?: number;
}

/**
 * Gaussian X with a k-sparse planted w*: support uniform at random, nonzero
 * magnitudes 1 + |N(0, 1)| (bounded away from 0), signs random unless `positive`.
 */
export function sparseRegression(rng: Rng, opts: SparseRegressionOptions): PlantedRegression & { readonly support: Int32Array } {
  const { n, d, k, positive = false, noise = 0 } = opts;
  checkSize("n", n, 1);
  checkSize("d", d, 1);
  checkSize("k", k, 0);
  if (k > d) throw new RangeError(`k must be ≤ d = ${d}, got ${k}`);
  const X = gaussianMatrix(rng, n, d);
  const perm = new Int32Array(d);
  for (let j = 0; j < d; j++) perm[j] = j;
  rng.shuffle(perm);
  const support = perm.slice(0, k).sort();
  const wStar = new Float64Array(d);
  for (let s = 0; s < k; s++) {
    const mag = 1 + Math.abs(rng.normal());
    wStar[support[s]] = positive || rng.uniform() < 0.5 ? mag : -mag;
  }
  const y = gemv(X, wStar, new Float64Array(n));
  if (noise > 0) for (let i = 0; i < n; i++) y[i] += noise * rng.normal();
  return { ...scalarData(X, y), wStar, support };
}

export interface WilsonAdaptiveOptions {
  /** number of training examples */
  readonly n: number;
  /** number of held-out examples */
  readonly nTest: number;
  /** P(y = +1), must exceed 1/2 */
  readonly p: number;
  /** feature dimension, default max(6n, 3 + 5n) (must be ≥ 3 + 5n so every training example has its own features) */
  readonly d?: number;
}

export interface WilsonAdaptiveData {
  readonly train: ScalarRegression;
  readonly test: ScalarRegression;
  readonly d: number;
}

/**
 * The linear example of Wilson, Roelofs, Stern, Srebro & Recht (2017), "The
 * Marginal Value of Adaptive Gradient Methods in Machine Learning", §3.3.
 * Labels yᵢ = +1 with probability p > ½, else −1. Features (0-based columns):
 * x[0] = y, x[1] = x[2] = 1, and example i owns columns 3 + 5i … 3 + 5i + 4 of
 * which it switches on the first one when y = +1 and all five when y = −1.
 * Then X sign(Xᵀy) = 4y, so adaptive methods from 0 end at sign(Xᵀy)/4, which
 * labels every new point +1, while the min-‖w‖₂ interpolant generalizes.
 * Test examples get their indicator features in columns no training example
 * uses (cycling through columns 3 + 5n … d − 1 when there are any).
 */
export function wilsonAdaptive(rng: Rng, opts: WilsonAdaptiveOptions): WilsonAdaptiveData {
  const { n, nTest, p } = opts;
  checkSize("n", n, 1);
  checkSize("nTest", nTest, 0);
  if (!(p > 0.5 && p <= 1)) throw new RangeError(`p must be in (1/2, 1], got ${p}`);
  const d = opts.d ?? Math.max(6 * n, 3 + 5 * n);
  checkSize("d", d, 3 + 5 * n);
  const label = (): number => (rng.uniform() < p ? 1 : -1);

  const Xtr = new Matrix(n, d);
  const ytr = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = label();
    ytr[i] = y;
    const row = Xtr.row(i);
    row[0] = y;
    row[1] = 1;
    row[2] = 1;
    const count = y > 0 ? 1 : 5;
    for (let c = 0; c < count; c++) row[3 + 5 * i + c] = 1;
  }

  const Xte = new Matrix(nTest, d);
  const yte = new Float64Array(nTest);
  const free = d - (3 + 5 * n);
  let next = 0;
  for (let i = 0; i < nTest; i++) {
    const y = label();
    yte[i] = y;
    const row = Xte.row(i);
    row[0] = y;
    row[1] = 1;
    row[2] = 1;
    if (free > 0) {
      const count = y > 0 ? 1 : 5;
      for (let c = 0; c < count; c++) {
        row[3 + 5 * n + (next % free)] = 1;
        next++;
      }
    }
  }
  return { train: scalarData(Xtr, ytr), test: scalarData(Xte, yte), d };
}

export interface PowerLawRegressionOptions {
  readonly n: number;
  readonly nTest: number;
  readonly d: number;
  /** covariance eigenvalues λⱼ = j^(−eigenDecay), j = 1…d */
  readonly eigenDecay: number;
  /** planted coefficients w*ⱼ ∝ j^(−signalDecay) with random signs, scaled so ‖w*‖ = 1 */
  readonly signalDecay: number;
  /** label noise standard deviation on train and test targets */
  readonly noise: number;
}

export interface TrainTestRegression {
  readonly train: PlantedRegression;
  readonly test: PlantedRegression;
  /** population covariance eigenvalues (diagonal covariance) */
  readonly covariance: Float64Array;
}

/**
 * Noisy linear (equivalently, kernel) regression with a power-law spectrum:
 * x ~ N(0, diag(j^(−a))), y = ⟨w*, x⟩ + σξ. The decaying spectrum makes the
 * min-norm interpolant fit the noise, so early stopping and ridge both help.
 */
export function powerLawRegression(rng: Rng, opts: PowerLawRegressionOptions): TrainTestRegression {
  const { n, nTest, d, eigenDecay, signalDecay, noise } = opts;
  checkSize("n", n, 1);
  checkSize("nTest", nTest, 0);
  checkSize("d", d, 1);
  if (!(noise >= 0)) throw new RangeError(`noise must be ≥ 0, got ${noise}`);
  const covariance = new Float64Array(d);
  const wStar = new Float64Array(d);
  let ss = 0;
  for (let j = 0; j < d; j++) {
    covariance[j] = Math.pow(j + 1, -eigenDecay);
    wStar[j] = (rng.uniform() < 0.5 ? -1 : 1) * Math.pow(j + 1, -signalDecay);
    ss += wStar[j] * wStar[j];
  }
  const s = 1 / Math.sqrt(ss);
  for (let j = 0; j < d; j++) wStar[j] *= s;
  const draw = (m: number): PlantedRegression => {
    const X = new Matrix(m, d);
    for (let i = 0; i < m; i++) {
      const row = X.row(i);
      for (let j = 0; j < d; j++) row[j] = Math.sqrt(covariance[j]) * rng.normal();
    }
    const y = gemv(X, wStar, new Float64Array(m));
    for (let i = 0; i < m; i++) y[i] += noise * rng.normal();
    return { ...scalarData(X, y), wStar };
  };
  const train = draw(n);
  const test = draw(nTest);
  return { train, test, covariance };
}
