// Decision stumps h(x) = s·(2·1[x_j > b] − 1) ∈ {−1, +1}: feature j, threshold b, sign s = ±1.
// The dictionary holds every threshold halfway between consecutive distinct values of each
// feature, both signs, and the two constant hypotheses ±1 (feature −1): every distinct split
// of the training points by one coordinate, as AdaBoost's exhaustive weak learner sees them.
import { Matrix } from "../../linalg/index.ts";

export interface Stump {
  /** the feature j, or −1 for the constant hypothesis h ≡ sign */
  readonly feature: number;
  readonly threshold: number;
  readonly sign: 1 | -1;
}

/** h(x) for one stump */
export function stumpValue(stump: Stump, x: ArrayLike<number>): number {
  if (stump.feature < 0) return stump.sign;
  return x[stump.feature] > stump.threshold ? stump.sign : -stump.sign;
}

/** Every stump on the training points: the two constants, then for each feature and midpoint the signs +1, −1. */
export function stumpDictionary(X: Matrix): Stump[] {
  const n = X.rows, d = X.cols;
  const out: Stump[] = [{ feature: -1, threshold: -Infinity, sign: 1 }, { feature: -1, threshold: -Infinity, sign: -1 }];
  const v = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) v[i] = X.data[i * d + j];
    v.sort();
    for (let i = 0; i + 1 < n; i++) {
      if (v[i + 1] > v[i]) {
        const b = v[i] + (v[i + 1] - v[i]) / 2;
        out.push({ feature: j, threshold: b, sign: 1 }, { feature: j, threshold: b, sign: -1 });
      }
    }
  }
  return out;
}

/** H with H[i, k] = h_k(xᵢ): the stump feature matrix (its ℓ1 max margin is AdaBoost's limit). */
export function stumpFeatures(X: Matrix, stumps: readonly Stump[]): Matrix {
  const n = X.rows, K = stumps.length;
  const H = new Matrix(n, K);
  for (let i = 0; i < n; i++) {
    const x = X.row(i);
    for (let k = 0; k < K; k++) H.data[i * K + k] = stumpValue(stumps[k], x);
  }
  return H;
}
