// Deep matrix factorization W = W_L ⋯ W_1, θ = [W_1; …; W_L], each n×n row-major.
// Pullback of G = ∂L/∂W: ∂L/∂W_l = (W_L ⋯ W_{l+1})ᵀ G (W_{l−1} ⋯ W_1)ᵀ, computed with the prefix
// products W_l ⋯ W_1 going up and the running Bₗ = (W_L ⋯ W_{l+1})ᵀ G going down (B_{l−1} = W_lᵀ Bₗ).
import type { Rng } from "../../random/index.ts";
import type { Parameterization } from "../types.ts";
import { checkDims } from "./operator.ts";
import { checkFactorInit, initFactor, type FactorInit } from "./factorInit.ts";
import { mulNN, mulNT, mulTN } from "./squareKernels.ts";

export function deepProduct(n: number, depth: number, init: FactorInit = "identity"): Parameterization {
  checkDims("deepProduct", { n, depth });
  checkFactorInit("deepProduct", init);
  const nn = n * n, dim = depth * nn;
  const prefix = new Float64Array(Math.max(1, depth - 1) * nn); // block l−1 holds W_l ⋯ W_1, l = 1…L−1
  const b0 = new Float64Array(nn), b1 = new Float64Array(nn);

  /** prefix products up to W_{upTo} ⋯ W_1 */
  function prefixes(th: Float64Array, upTo: number): void {
    if (upTo >= 1) for (let p = 0; p < nn; p++) prefix[p] = th[p];
    for (let l = 2; l <= upTo; l++) mulNN(th, (l - 1) * nn, prefix, (l - 2) * nn, prefix, (l - 1) * nn, n);
  }

  return {
    name: `deep-product(${n}×${n}, depth ${depth}, ${init} init)`,
    dim,
    predictorDim: nn,
    /** each W_l = αI ("identity", so W = α^L I) or iid N(0, α²/n) ("random") */
    init(rng: Rng, scale: number): Float64Array {
      const th = new Float64Array(dim);
      for (let l = 0; l < depth; l++) initFactor(th, l * nn, n, n, init, rng, scale);
      return th;
    },
    predictor(th, out) {
      if (depth === 1) { for (let p = 0; p < nn; p++) out[p] = th[p]; return out; }
      prefixes(th, depth - 1);
      mulNN(th, (depth - 1) * nn, prefix, (depth - 2) * nn, out, 0, n);
      return out;
    },
    pullback(th, G, out) {
      prefixes(th, depth - 1);
      let B = b0, spare = b1;
      for (let p = 0; p < nn; p++) B[p] = G[p]; // (no subarray: a view is an allocation)
      for (let l = depth; l >= 1; l--) {
        const o = (l - 1) * nn;
        if (l === 1) out.set(B, o);
        else {
          mulNT(B, 0, prefix, (l - 2) * nn, out, o, n); // ∂W_l = Bₗ (W_{l−1} ⋯ W_1)ᵀ
          mulTN(th, o, B, 0, spare, 0, n); // B_{l−1} = W_lᵀ Bₗ
          const t = B; B = spare; spare = t;
        }
      }
      return out;
    },
  };
}
