// Shared setup of the matrix claims: a planted PSD low-rank W*, its measurements, the dense Aᵢ for
// the SDP references, and matrix helpers (X = UUᵀ, relative distances of flattened matrices).
import { Matrix } from "../../linalg/index.ts";
import {
  commutingMeasurements, diagonalMeasurements, iidGaussian, symmetricGaussian, type MeasurementOperator,
} from "../../models/index.ts";
import type { Rng } from "../../random/index.ts";

export const MEASUREMENT_KINDS = ["diagonal", "commuting", "symmetric-gaussian", "iid-gaussian"] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

export const MEASUREMENT_NAMES: Record<MeasurementKind, string> = {
  diagonal: "diagonal Aᵢ",
  commuting: "simultaneously diagonalizable Aᵢ = Q diag(dᵢ) Qᵀ",
  "symmetric-gaussian": "symmetric Gaussian Aᵢ (not commuting)",
  "iid-gaussian": "iid Gaussian Aᵢ",
};

export function measurementOperator(kind: MeasurementKind, rng: Rng, n: number, m: number): MeasurementOperator {
  switch (kind) {
    case "diagonal": return diagonalMeasurements(rng, n, m);
    case "commuting": return commutingMeasurements(rng, n, m);
    case "symmetric-gaussian": return symmetricGaussian(rng, n, m);
    case "iid-gaussian": return iidGaussian(rng, n, n, m);
  }
}

/** W* = GGᵀ/rank with G n×rank iid N(0, 1): PSD of the given rank, entries O(1/√rank)·O(1). */
export function plantedPsd(rng: Rng, n: number, rank: number): Matrix {
  const G = rng.fillNormal(new Float64Array(n * rank));
  const W = new Matrix(n, n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let k = 0; k < rank; k++) s += G[a * rank + k] * G[b * rank + k];
      W.data[a * n + b] = s / rank;
      W.data[b * n + a] = s / rank;
    }
  }
  return W;
}

/** The dense measurement matrices A₀ … A_{m−1} (for the references). */
export function denseMeasurements(op: MeasurementOperator): Matrix[] {
  return Array.from({ length: op.m }, (_, i) => op.measurement(i));
}

/** y = A(W) (+ optional N(0, σ²) noise). */
export function measure(op: MeasurementOperator, W: Matrix, rng?: Rng, noise = 0): Float64Array {
  const y = op.apply(W.data, new Float64Array(op.m));
  if (rng && noise > 0) for (let i = 0; i < y.length; i++) y[i] += noise * rng.normal();
  return y;
}

/** The predictor W(θ) of a parameterization, as a fresh n1·n2 array (for metrics, not hot loops). */
export function predictorOf(param: { predictorDim: number; predictor(theta: Float64Array, out: Float64Array): Float64Array }, theta: Float64Array): Float64Array {
  return param.predictor(theta, new Float64Array(param.predictorDim));
}
