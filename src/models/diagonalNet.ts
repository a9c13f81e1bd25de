// Diagonal linear network: θ = [u; v], β = u⊙u − v⊙v (Woodworth et al. 2020).
// Init u = v = α·1 gives β = 0; α large is the kernel regime, α → 0 the rich one.
import type { Rng } from "../random/index.ts";
import { checkSize } from "./linear.ts";
import type { Parameterization } from "./types.ts";

export function diagonalNet(d: number): Parameterization {
  checkSize("diagonalNet", { d });
  return {
    name: `diagonal-net(${d})`,
    dim: 2 * d,
    predictorDim: d,
    /** u = v = scale·1 (deterministic; the rng is not used) */
    init(_rng: Rng, scale: number): Float64Array {
      return new Float64Array(2 * d).fill(scale);
    },
    predictor(theta, out) {
      for (let j = 0; j < d; j++) {
        const u = theta[j], v = theta[d + j];
        out[j] = u * u - v * v;
      }
      return out;
    },
    // ∂β_j/∂u_j = 2u_j, ∂β_j/∂v_j = −2v_j
    pullback(theta, gPred, out) {
      for (let j = 0; j < d; j++) {
        const g = gPred[j];
        out[j] = 2 * theta[j] * g;
        out[d + j] = -2 * theta[d + j] * g;
      }
      return out;
    },
  };
}
