// The matrix sensing instance of CLAIMS.md section C: Gaussian Aᵢ (n×n, m of them), a planted PSD W*
// of low rank scaled to ‖W*‖_F = 1, y = A(W*) + N(0, σ²), and the two references every sensing claim
// compares with: W_NN* (by the SDP solver) and the min-Frobenius solution. Two kinds:
//   "symmetric": symmetric Gaussian Aᵢ, W_NN* = argmin tr W s.t. A(W) = y, W ⪰ 0 (for W = UUᵀ);
//   "iid":       iid Gaussian Aᵢ,      W_NN* = argmin ‖W‖_* s.t. A(W) = y (for W = UVᵀ, no PSD constraint).
// Also the step scale 1/(4β‖W_NN*‖₂), β = λ_max(A*A)/m the smoothness of L in W.
import { spectralNorm, type Matrix } from "../../linalg/index.ts";
import { iidGaussian, operatorNormSquared, symmetricGaussian, type MeasurementOperator } from "../../models/index.ts";
import type { Rng } from "../../random/index.ts";
import { minFrobenius, minNuclearNorm, nuclearNormPsd, type ReferenceSolution } from "../../references/index.ts";
import { denseMeasurements, measure, plantedPsd } from "./sensingSetup.ts";

export type SensingKind = "symmetric" | "iid";

export interface SensingInstance {
  readonly op: MeasurementOperator;
  readonly Wstar: Matrix;
  readonly y: Float64Array;
  readonly nn: ReferenceSolution<Matrix>;
  readonly fro: ReferenceSolution<Matrix>;
  /** 1/(4β‖W_NN*‖₂): step sizes are fractions of it */
  readonly stepUnit: number;
}

export function sensingInstance(rng: Rng, n: number, m: number, rank: number, noise: number, kind: SensingKind = "symmetric"): SensingInstance {
  const op = kind === "symmetric" ? symmetricGaussian(rng, n, m) : iidGaussian(rng, n, n, m);
  const Wstar = plantedPsd(rng, n, rank);
  let f = 0;
  for (const v of Wstar.data) f += v * v;
  for (let k = 0; k < Wstar.data.length; k++) Wstar.data[k] /= Math.sqrt(f);
  const y = measure(op, Wstar, rng, noise);
  const A = denseMeasurements(op);
  const nn = kind === "symmetric" ? nuclearNormPsd(A, y) : minNuclearNorm(A, y);
  const fro = minFrobenius(A, y);
  const beta = operatorNormSquared(op) / m;
  return { op, Wstar, y, nn, fro, stepUnit: 1 / (4 * beta * spectralNorm(nn.solution)) };
}
