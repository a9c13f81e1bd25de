// Diagonal factorization x = u⊙u (θ = u ∈ R^d, predictor x ∈ R^d): the commuting case of W = UUᵀ
// with U = diag(u), and the nonnegative counterpart of the diagonal net u⊙u − v⊙v. Pullback: 2u⊙g.
import type { Rng } from "../../random/index.ts";
import type { Parameterization } from "../types.ts";
import { checkDims } from "./operator.ts";

export function diagonalFactor(d: number): Parameterization {
  checkDims("diagonalFactor", { d });
  return {
    name: `u⊙u(${d})`,
    dim: d,
    predictorDim: d,
    /** u₀ = α1 (deterministic; the rng is not used) */
    init(_rng: Rng, scale: number): Float64Array {
      if (!Number.isFinite(scale)) throw new RangeError(`diagonalFactor: initialization scale must be finite, got ${scale}`);
      return new Float64Array(d).fill(scale);
    },
    predictor(u, out) {
      for (let j = 0; j < d; j++) out[j] = u[j] * u[j];
      return out;
    },
    pullback(u, g, out) {
      for (let j = 0; j < d; j++) out[j] = 2 * u[j] * g[j];
      return out;
    },
  };
}
