// The matrix sensing instance of CLAIMS.md section C: symmetric Gaussian Aᵢ (n×n, m of them), a
// planted PSD W* of low rank scaled to ‖W*‖_F = 1, y = A(W*) + N(0, σ²), and the two references every
// sensing claim compares with: W_NN* (min tr W s.t. A(W) = y, W ⪰ 0, by the SDP solver) and the
// min-Frobenius solution. Also the step scale 1/(4β‖W_NN*‖₂), β = λ_max(A*A)/m the smoothness of L in W.
import { spectralNorm, type Matrix } from "../../linalg/index.ts";
import { operatorNormSquared, symmetricGaussian, type MeasurementOperator } from "../../models/index.ts";
import type { Rng } from "../../random/index.ts";
import { minFrobenius, nuclearNormPsd, type ReferenceSolution } from "../../references/index.ts";
import { denseMeasurements, measure, plantedPsd } from "./sensingSetup.ts";

export interface SensingInstance {
  readonly op: MeasurementOperator;
  readonly Wstar: Matrix;
  readonly y: Float64Array;
  readonly nn: ReferenceSolution<Matrix>;
  readonly fro: ReferenceSolution<Matrix>;
  /** 1/(4β‖W_NN*‖₂): step sizes are fractions of it */
  readonly stepUnit: number;
}

export function sensingInstance(rng: Rng, n: number, m: number, rank: number, noise: number): SensingInstance {
  const op = symmetricGaussian(rng, n, m);
  const Wstar = plantedPsd(rng, n, rank);
  let f = 0;
  for (const v of Wstar.data) f += v * v;
  for (let k = 0; k < Wstar.data.length; k++) Wstar.data[k] /= Math.sqrt(f);
  const y = measure(op, Wstar, rng, noise);
  const A = denseMeasurements(op);
  const nn = nuclearNormPsd(A, y);
  const fro = minFrobenius(A, y);
  const beta = operatorNormSquared(op) / m;
  return { op, Wstar, y, nn, fro, stepUnit: 1 / (4 * beta * spectralNorm(nn.solution)) };
}
