// Asymmetric factorization W = UVᵀ, θ = [U (n1×r); V (n2×r)] row-major, W n1×n2 row-major.
// Pullback of G = ∂L/∂W: ∂L/∂U = G V, ∂L/∂V = Gᵀ U.
import type { Rng } from "../../random/index.ts";
import type { Parameterization } from "../types.ts";
import { checkDims } from "./operator.ts";
import { checkFactorInit, initFactor, type FactorInit } from "./factorInit.ts";

export function asymmetricFactor(n1: number, n2: number, r: number, init: FactorInit = "identity"): Parameterization {
  checkDims("asymmetricFactor", { n1, n2, r });
  checkFactorInit("asymmetricFactor", init);
  const vOff = n1 * r; // V starts at θ[vOff]
  const dim = vOff + n2 * r;
  return {
    name: `UVᵀ(${n1}×${r}, ${n2}×${r}, ${init} init)`,
    dim,
    predictorDim: n1 * n2,
    /** U₀ = α[I; 0], V₀ = α[I; 0] ("identity", UVᵀ = α² times the rectangular identity) or iid N(0, α²/r) ("random") */
    init(rng: Rng, scale: number): Float64Array {
      const th = new Float64Array(dim);
      initFactor(th, 0, n1, r, init, rng, scale);
      initFactor(th, vOff, n2, r, init, rng, scale);
      return th;
    },
    // W_ab = Σ_k U_ak V_bk
    predictor(th, out) {
      for (let a = 0; a < n1; a++) {
        const oa = a * r;
        for (let b = 0; b < n2; b++) {
          const ob = vOff + b * r;
          let s = 0;
          for (let k = 0; k < r; k++) s += th[oa + k] * th[ob + k];
          out[a * n2 + b] = s;
        }
      }
      return out;
    },
    // (∂U)_ak = Σ_b G_ab V_bk,  (∂V)_bk = Σ_a G_ab U_ak
    pullback(th, G, out) {
      out.fill(0, 0, dim);
      for (let a = 0; a < n1; a++) {
        const oa = a * r, ga = a * n2;
        for (let b = 0; b < n2; b++) {
          const g = G[ga + b];
          if (g === 0) continue;
          const ob = vOff + b * r;
          for (let k = 0; k < r; k++) {
            out[oa + k] += g * th[ob + k];
            out[ob + k] += g * th[oa + k];
          }
        }
      }
      return out;
    },
  };
}
