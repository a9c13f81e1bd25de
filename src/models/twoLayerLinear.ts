// Two-layer linear network: θ = [vec(W1); vec(W2)] with W1 hidden×dIn and
// W2 dOut×hidden (both row-major); the predictor is A = W2 W1 (dOut×dIn, row-major).
import type { Rng } from "../random/index.ts";
import { checkSize } from "./linear.ts";
import type { Parameterization } from "./types.ts";

export function twoLayerLinear(dIn: number, hidden: number, dOut: number): Parameterization {
  checkSize("twoLayerLinear", { dIn, hidden, dOut });
  const n1 = hidden * dIn; // W2 starts at θ[n1]
  const dim = n1 + dOut * hidden;
  return {
    name: `two-layer-linear(${dIn}→${hidden}→${dOut})`,
    dim,
    predictorDim: dOut * dIn,
    /** every entry of W1 and W2 iid N(0, scale²) */
    init(rng: Rng, scale: number): Float64Array {
      const th = new Float64Array(dim);
      return scale === 0 ? th : rng.fillNormal(th, scale);
    },
    // A[c, j] = Σ_h W2[c, h] W1[h, j]
    predictor(theta, out) {
      out.fill(0, 0, dOut * dIn);
      for (let c = 0; c < dOut; c++) {
        const oc = c * dIn;
        for (let h = 0; h < hidden; h++) {
          const w2 = theta[n1 + c * hidden + h];
          if (w2 === 0) continue;
          const oh = h * dIn;
          for (let j = 0; j < dIn; j++) out[oc + j] += w2 * theta[oh + j];
        }
      }
      return out;
    },
    // G = ∂L/∂A: ∂L/∂W1 = W2ᵀ G (hidden×dIn), ∂L/∂W2 = G W1ᵀ (dOut×hidden)
    pullback(theta, gPred, out) {
      out.fill(0, 0, n1);
      for (let c = 0; c < dOut; c++) {
        const oc = c * dIn;
        for (let h = 0; h < hidden; h++) {
          const w2 = theta[n1 + c * hidden + h];
          const oh = h * dIn;
          let s = 0;
          for (let j = 0; j < dIn; j++) {
            const g = gPred[oc + j];
            s += g * theta[oh + j];
            out[oh + j] += w2 * g;
          }
          out[n1 + c * hidden + h] = s;
        }
      }
      return out;
    },
  };
}
