// Classification data: the ±1-label contract, and seeded linearly separable data
// with a controlled margin (CLAIMS.md section B). Separable means through the
// origin (no bias), the setting of the implicit-bias results.
import { Matrix, dot } from "../linalg/index.ts";
import type { Rng } from "../random/index.ts";

/** Two-class data: rows of X are examples, labels y ∈ {−1, +1}. */
export interface BinaryClassificationData {
  readonly X: Matrix;
  readonly y: Float64Array;
  /** column names of X where known */
  readonly features?: readonly string[];
}

/** k-class data: labels in {0, …, classes − 1}. */
export interface MulticlassData {
  readonly X: Matrix;
  readonly labels: Int32Array;
  readonly classes: number;
}

/** Throws a RangeError naming the first label that is not ±1 (and the count mismatch, if any). */
export function checkBinaryLabels(where: string, X: Matrix, y: Float64Array): void {
  if (y.length !== X.rows) throw new RangeError(`${where}: y has ${y.length} labels, X has ${X.rows} rows`);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1 && y[i] !== -1) throw new RangeError(`${where}: label ${i} is ${y[i]}; labels must be −1 or +1`);
  }
}

/** Throws a RangeError naming the first label outside {0, …, classes − 1}. */
export function checkMulticlassLabels(where: string, data: MulticlassData): void {
  const { X, labels, classes } = data;
  if (!(Number.isInteger(classes) && classes >= 2)) throw new RangeError(`${where}: classes must be an integer ≥ 2, got ${classes}`);
  if (labels.length !== X.rows) throw new RangeError(`${where}: ${labels.length} labels, X has ${X.rows} rows`);
  for (let i = 0; i < labels.length; i++) {
    if (!(labels[i] >= 0 && labels[i] < classes)) throw new RangeError(`${where}: label ${i} is ${labels[i]}; labels must be integers in 0…${classes - 1}`);
  }
}

export interface SeparableOptions {
  readonly n: number;
  readonly d: number;
  /** every point has |⟨x, w*⟩| ≥ gap (default 0.1): w* has normalized margin ≥ gap */
  readonly gap?: number;
  /**
   * plant this many support vectors exactly at margin `gap` (default 0: none planted).
   * Their components orthogonal to w* sum to zero, so w* / gap is the hard-margin SVM
   * solution with these as its support vectors, each with the same positive multiplier.
   */
  readonly supportVectors?: number;
  /** the other points keep |⟨x, w*⟩| ≥ gap + clearance (default 0) */
  readonly clearance?: number;
}

export interface SeparableData extends BinaryClassificationData {
  /** the unit normal of the labelling hyperplane */
  readonly wStar: Float64Array;
  readonly gap: number;
  /** indices of the planted support vectors (empty when none were planted) */
  readonly supportIndices: Int32Array;
}

function checkInt(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`separableData: ${name} must be an integer ≥ ${min}, got ${v}`);
}

/**
 * Gaussian points x ~ N(0, I_d) labelled y = sign⟨x, w*⟩ by a random unit w*, kept
 * only when |⟨x, w*⟩| ≥ gap (+ clearance), as the peers' generator does. With
 * `supportVectors` = k ≥ 1, k of the n points are planted at yᵢxᵢ = gap·w* + vᵢ with
 * vᵢ ⊥ w* Gaussian and Σvᵢ = 0 (v = 0 for k = 1), at random positions and with
 * random labels: then w* / gap satisfies the SVM's KKT conditions with multipliers
 * all equal, so the max-margin direction is w* and the margin is exactly gap.
 */
export function separableData(rng: Rng, opts: SeparableOptions): SeparableData {
  const { n, d, gap = 0.1, supportVectors = 0, clearance = 0 } = opts;
  checkInt("n", n, 1);
  checkInt("d", d, 1);
  checkInt("supportVectors", supportVectors, 0);
  if (!(gap > 0 && gap < Infinity)) throw new RangeError(`separableData: gap must be a positive number, got ${gap}`);
  if (!(clearance >= 0 && clearance < Infinity)) throw new RangeError(`separableData: clearance must be ≥ 0, got ${clearance}`);
  if (supportVectors > n) throw new RangeError(`separableData: supportVectors (${supportVectors}) must be ≤ n (${n})`);
  if (d === 1 && supportVectors > 1) throw new RangeError("separableData: in d = 1 at most one support vector can be planted");
  const wStar = rng.fillNormal(new Float64Array(d));
  let nw = Math.sqrt(dot(wStar, wStar));
  while (nw === 0) nw = Math.sqrt(dot(rng.fillNormal(wStar), wStar));
  for (let j = 0; j < d; j++) wStar[j] /= nw;

  const X = new Matrix(n, d);
  const y = new Float64Array(n);
  const threshold = gap + clearance;
  const x = new Float64Array(d);
  const free = n - supportVectors;
  for (let i = 0; i < free; i++) {
    let p: number;
    do {
      rng.fillNormal(x);
      p = dot(x, wStar);
    } while (Math.abs(p) < threshold);
    X.row(i).set(x);
    y[i] = p > 0 ? 1 : -1;
  }
  // planted support vectors: z = gap·w* + v, v ⊥ w*, Σv = 0
  const k = supportVectors;
  const sum = new Float64Array(d);
  for (let s = 0; s < k; s++) {
    const row = X.row(free + s);
    if (k > 1 && s < k - 1) {
      rng.fillNormal(x);
      const p = dot(x, wStar);
      for (let j = 0; j < d; j++) x[j] -= p * wStar[j];
      for (let j = 0; j < d; j++) sum[j] += x[j];
    } else {
      for (let j = 0; j < d; j++) x[j] = -sum[j];
    }
    const label = rng.uniform() < 0.5 ? -1 : 1;
    for (let j = 0; j < d; j++) row[j] = label * (gap * wStar[j] + x[j]);
    y[free + s] = label;
  }
  // move the planted points to random positions
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  rng.shuffle(perm);
  const Xs = new Matrix(n, d), ys = new Float64Array(n);
  const supportIndices = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    Xs.row(i).set(X.row(perm[i]));
    ys[i] = y[perm[i]];
  }
  let c = 0;
  for (let i = 0; i < n; i++) if (perm[i] >= free) supportIndices[c++] = i;
  return { X: Xs, y: ys, wStar, gap, supportIndices };
}

export interface Separable2dOptions {
  /** default 100 */
  readonly n?: number;
  /** default 0.1 */
  readonly gap?: number;
  /** default 2 (a pair on either side of w*'s orthogonal line, so the SVM is w* / gap) */
  readonly supportVectors?: number;
  /** default 0.05: the other points keep a visible distance from the margin */
  readonly clearance?: number;
}

/** The 2-D instance for pictures: n = 100 separable points in the plane with planted support vectors. */
export function separable2d(rng: Rng, opts: Separable2dOptions = {}): SeparableData {
  return separableData(rng, {
    n: opts.n ?? 100,
    d: 2,
    gap: opts.gap ?? 0.1,
    supportVectors: opts.supportVectors ?? 2,
    clearance: opts.clearance ?? 0.05,
  });
}

export interface SeparableMulticlassOptions {
  readonly n: number;
  readonly d: number;
  readonly classes: number;
  /** every point has (W*x)_c − max_{r≠c} (W*x)_r ≥ gap (default 0.1) */
  readonly gap?: number;
}

/**
 * Multiclass data separable through the origin: a random W* ∈ R^{k×d} (row-major, ‖W*‖_F = 1),
 * Gaussian x labelled c = argmax_r (W*x)_r, kept when its multiclass margin is at least gap.
 */
export function separableMulticlass(rng: Rng, opts: SeparableMulticlassOptions): MulticlassData & { readonly wStar: Float64Array } {
  const { n, d, classes: k, gap = 0.1 } = opts;
  checkInt("n", n, 1);
  checkInt("d", d, 1);
  checkInt("classes", k, 2);
  if (!(gap > 0 && gap < Infinity)) throw new RangeError(`separableMulticlass: gap must be a positive number, got ${gap}`);
  const wStar = rng.fillNormal(new Float64Array(k * d));
  const nw = Math.sqrt(dot(wStar, wStar));
  for (let j = 0; j < k * d; j++) wStar[j] /= nw;
  const X = new Matrix(n, d);
  const labels = new Int32Array(n);
  const x = new Float64Array(d), s = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let c = 0, second = -Infinity, tries = 0;
    do {
      if (++tries > 100000) throw new RangeError(`separableMulticlass: gap ${gap} is too large to draw points with (d = ${d}, ${k} classes)`);
      rng.fillNormal(x);
      for (let r = 0; r < k; r++) s[r] = dot(wStar.subarray(r * d, (r + 1) * d), x);
      c = 0;
      for (let r = 1; r < k; r++) if (s[r] > s[c]) c = r;
      second = -Infinity;
      for (let r = 0; r < k; r++) if (r !== c) second = Math.max(second, s[r]);
    } while (s[c] - second < gap);
    X.row(i).set(x);
    labels[i] = c;
  }
  return { X, labels, classes: k, wStar };
}
