// Image data as rows of a matrix: picked examples of an IDX image array, grey levels scaled
// (uint8 → [0, 1] by default) and optionally averaged over k×k blocks (28×28 → 14×14 for k = 2),
// and centring the columns by the training mean.
import { Matrix } from "../linalg/index.ts";
import { DataError } from "./csv.ts";
import type { IdxArray } from "./idx.ts";

export interface ImageRowsOptions {
  /** multiplies every pixel (default 1/255 for uint8 images, else 1) */
  readonly scale?: number;
  /** average over pool×pool blocks (default 1: the pixels as they are); needs images h×w with pool dividing h and w */
  readonly pool?: number;
}

/** The positions (in file order) of the examples whose label is one of `classes`. */
export function examplesWithLabels(labels: IdxArray, classes: readonly number[]): Int32Array {
  const want = new Set(classes);
  const out: number[] = [];
  for (let i = 0; i < labels.data.length; i++) if (want.has(labels.data[i])) out.push(i);
  return Int32Array.from(out);
}

/** Rows r = 0, 1, … of the result are the images picks[r], flattened row-major, scaled and pooled. */
export function imageRows(images: IdxArray, picks: ArrayLike<number>, opts: ImageRowsOptions = {}): Matrix {
  const pool = opts.pool ?? 1;
  const scale = opts.scale ?? (images.type === "uint8" ? 1 / 255 : 1);
  const n = images.dims[0];
  if (images.dims.length < 2) throw new DataError(`imageRows: the images have dimensions ${images.dims.join("×")}; need examples × pixels`);
  if (!Number.isInteger(pool) || pool < 1) throw new RangeError(`imageRows: pool must be an integer ≥ 1, got ${pool}`);
  let h = 1, w = 1;
  for (const v of images.dims.slice(1)) w *= v;
  if (pool > 1) {
    if (images.dims.length !== 3) throw new DataError(`imageRows: pooling needs images of dimensions n×height×width, got ${images.dims.join("×")}`);
    [h, w] = [images.dims[1], images.dims[2]];
    if (h % pool !== 0 || w % pool !== 0) throw new RangeError(`imageRows: pool ${pool} does not divide the ${h}×${w} images`);
  }
  const size = h * w;
  const ph = h / pool, pw = w / pool;
  const X = new Matrix(picks.length, pool > 1 ? ph * pw : size);
  const c = scale / (pool * pool);
  const src = images.data;
  for (let r = 0; r < picks.length; r++) {
    const i = picks[r];
    if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new RangeError(`imageRows: example ${i} is not among the ${n} images`);
    const o = i * size, row = r * X.cols;
    if (pool === 1) {
      for (let j = 0; j < size; j++) X.data[row + j] = src[o + j] * scale;
      continue;
    }
    for (let a = 0; a < ph; a++) {
      for (let b = 0; b < pw; b++) {
        let s = 0;
        for (let u = 0; u < pool; u++) for (let v = 0; v < pool; v++) s += src[o + (a * pool + u) * w + b * pool + v];
        X.data[row + a * pw + b] = s * c;
      }
    }
  }
  return X;
}

/** the mean of each column */
export function columnMeans(X: Matrix): Float64Array {
  const mu = new Float64Array(X.cols);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) mu[j] += X.data[i * X.cols + j];
  for (let j = 0; j < X.cols; j++) mu[j] /= Math.max(1, X.rows);
  return mu;
}

/** X ← X − 1 vᵀ (every row minus v), in place; returns X */
export function subtractFromRows(X: Matrix, v: Float64Array): Matrix {
  if (v.length !== X.cols) throw new RangeError(`subtractFromRows: X has ${X.cols} columns, v ${v.length} entries`);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) X.data[i * X.cols + j] -= v[j];
  return X;
}
