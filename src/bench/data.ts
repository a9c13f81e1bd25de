// The peers' data distributions, drawn from our own Rng (same law, different numbers).
import { Matrix } from "../linalg/index.ts";
import type { Rng } from "../random/index.ts";

/**
 * n Gaussian points in R^d labelled by a random unit hyperplane w*, keeping only points with
 * |⟨x, w*⟩| ≥ gap (rejection, as the peers' separable_data): X (n×d), labels yᵢ = sign⟨xᵢ, w*⟩, w*.
 */
export function separableExamples(rng: Rng, n: number, d: number, gap = 0.1): { X: Matrix; y: Float64Array; wStar: Float64Array } {
  const wStar = rng.fillNormal(new Float64Array(d));
  let nrm = 0;
  for (let j = 0; j < d; j++) nrm += wStar[j] * wStar[j];
  nrm = Math.sqrt(nrm);
  for (let j = 0; j < d; j++) wStar[j] /= nrm;
  const X = new Matrix(n, d);
  const y = new Float64Array(n);
  const x = new Float64Array(d);
  for (let i = 0; i < n; ) {
    rng.fillNormal(x);
    let s = 0;
    for (let j = 0; j < d; j++) s += x[j] * wStar[j];
    if (Math.abs(s) < gap) continue;
    y[i] = Math.sign(s);
    X.data.set(x, i * d);
    i++;
  }
  return { X, y, wStar };
}

/** The same draws as separableExamples, returned as Z with rows yᵢxᵢ (so ⟨zᵢ, w*⟩ ≥ gap) and w*. */
export function separableMarginRows(rng: Rng, n: number, d: number, gap = 0.1): { Z: Matrix; wStar: Float64Array } {
  const { X, y, wStar } = separableExamples(rng, n, d, gap);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) X.data[i * d + j] *= y[i];
  return { Z: X, wStar };
}
