// Linear model: θ = β (or θ = vec(A) for k outputs, A k×d row-major), predictor = θ.
import type { Rng } from "../random/index.ts";
import type { Parameterization } from "./types.ts";

/** θ = β ∈ R^{dOut·dIn}; init draws θ iid N(0, scale²) (scale 0 gives θ = 0). */
export function linearModel(dIn: number, dOut = 1): Parameterization {
  checkSize("linearModel", { dIn, dOut });
  const dim = dIn * dOut;
  return {
    name: dOut === 1 ? `linear(${dIn})` : `linear(${dOut}×${dIn})`,
    dim,
    predictorDim: dim,
    identity: true,
    init(rng: Rng, scale: number): Float64Array {
      const th = new Float64Array(dim);
      return scale === 0 ? th : rng.fillNormal(th, scale);
    },
    predictor(theta, out) {
      out.set(theta);
      return out;
    },
    pullback(_theta, gPred, out) {
      out.set(gPred);
      return out;
    },
  };
}

/** Throws a RangeError naming the first size that is not a positive integer. */
export function checkSize(model: string, sizes: Record<string, number>): void {
  for (const [k, v] of Object.entries(sizes)) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${model}: ${k} must be a positive integer, got ${v}`);
  }
}
