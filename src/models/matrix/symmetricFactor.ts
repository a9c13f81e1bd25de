// Symmetric factorization W = UUᵀ, θ = U (n×r row-major), W n×n row-major (PSD by construction).
// Pullback of G = ∂L/∂W: ∂L/∂U = (G + Gᵀ) U.
import type { Rng } from "../../random/index.ts";
import type { Parameterization } from "../types.ts";
import { checkDims } from "./operator.ts";
import { checkFactorInit, initFactor, type FactorInit } from "./factorInit.ts";

export function symmetricFactor(n: number, r = n, init: FactorInit = "identity"): Parameterization {
  checkDims("symmetricFactor", { n, r });
  checkFactorInit("symmetricFactor", init);
  const dim = n * r;
  return {
    name: `UUᵀ(${n}×${r}, ${init} init)`,
    dim,
    predictorDim: n * n,
    /** U₀ = α[I; 0] ("identity") or iid N(0, α²/r) ("random") */
    init(rng: Rng, scale: number): Float64Array {
      const th = new Float64Array(dim);
      initFactor(th, 0, n, r, init, rng, scale);
      return th;
    },
    // W_ab = Σ_k U_ak U_bk (upper triangle computed, mirrored)
    predictor(U, out) {
      for (let a = 0; a < n; a++) {
        const oa = a * r;
        for (let b = a; b < n; b++) {
          const ob = b * r;
          let s = 0;
          for (let k = 0; k < r; k++) s += U[oa + k] * U[ob + k];
          out[a * n + b] = s;
          out[b * n + a] = s;
        }
      }
      return out;
    },
    // out_ak = Σ_b (G_ab + G_ba) U_bk
    pullback(U, G, out) {
      out.fill(0, 0, dim);
      for (let a = 0; a < n; a++) {
        const oa = a * r;
        for (let b = 0; b < n; b++) {
          const s = G[a * n + b] + G[b * n + a];
          if (s === 0) continue;
          const ob = b * r;
          for (let k = 0; k < r; k++) out[oa + k] += s * U[ob + k];
        }
      }
      return out;
    },
  };
}
