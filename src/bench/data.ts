// The peers' data distributions, drawn from our own Rng (same law, different numbers).
import { Matrix } from "../linalg/index.ts";
import type { Rng } from "../random/index.ts";

/**
 * n Gaussian points in R^d labelled by a random unit hyperplane w*, keeping only points with
 * |⟨x, w*⟩| ≥ gap (rejection, as the peer's separable_data); returns Z with rows yᵢxᵢ
 * (yᵢ = sign⟨xᵢ, w*⟩, so ⟨zᵢ, w*⟩ ≥ gap) and w*.
 */
export function separableMarginRows(rng: Rng, n: number, d: number, gap = 0.1): { Z: Matrix; wStar: Float64Array } {
  const wStar = rng.fillNormal(new Float64Array(d));
  let nrm = 0;
  for (let j = 0; j < d; j++) nrm += wStar[j] * wStar[j];
  nrm = Math.sqrt(nrm);
  for (let j = 0; j < d; j++) wStar[j] /= nrm;
  const Z = new Matrix(n, d);
  const x = new Float64Array(d);
  for (let i = 0; i < n; ) {
    rng.fillNormal(x);
    let s = 0;
    for (let j = 0; j < d; j++) s += x[j] * wStar[j];
    if (Math.abs(s) < gap) continue;
    const y = Math.sign(s);
    for (let j = 0; j < d; j++) Z.data[i * d + j] = y * x[j];
    i++;
  }
  return { Z, wStar };
}
