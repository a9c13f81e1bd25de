// Initializations shared by the factored parameterizations, at scale α:
//   "identity": each factor is α times the (rectangular) identity, e.g. U₀ = αI, so UUᵀ = α²I;
//   "random":   each k-column factor has iid N(0, α²/k) entries, so E[U₀U₀ᵀ] = α²I as well.
import type { Rng } from "../../random/index.ts";

export type FactorInit = "identity" | "random";

export function checkFactorInit(where: string, init: string): void {
  if (init !== "identity" && init !== "random") throw new RangeError(`${where}: init must be "identity" or "random", got ${JSON.stringify(init)}`);
}

/** Writes the rows×cols factor starting at theta[offset]. */
export function initFactor(theta: Float64Array, offset: number, rows: number, cols: number, init: FactorInit, rng: Rng, scale: number): void {
  if (!Number.isFinite(scale)) throw new RangeError(`initialization scale must be finite, got ${scale}`);
  if (init === "identity") {
    for (let k = 0; k < Math.min(rows, cols); k++) theta[offset + k * cols + k] = scale;
    return;
  }
  const sd = scale / Math.sqrt(cols);
  for (let p = 0; p < rows * cols; p++) theta[offset + p] = sd * rng.normal();
}
