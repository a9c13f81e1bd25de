// B0/B1: full-batch GD on the mean logistic loss L(w) = (1/n) Σᵢ log(1 + e^−⟨zᵢ,w⟩), zᵢ = yᵢxᵢ,
// on separable data, step η = 1, w₀ = 0; check = the normalized margin minᵢ⟨zᵢ,w⟩/‖w‖.
import { Matrix, gemv, norm2, prepareLogisticGradSum } from "../linalg/index.ts";
import type { Rng } from "../random/index.ts";
import { separableMarginRows } from "./data.ts";
import type { BenchInstance, InstanceOptions, Workload } from "./types.ts";

export interface LogregGd extends BenchInstance {
  readonly Z: Matrix;
  readonly w: Float64Array;
}

/** GD on the mean logistic loss over the rows of Z from w = 0; w ← w − (η/n) Σᵢ ℓ′(⟨zᵢ,w⟩) zᵢ. */
export function logregGd(Z: Matrix, eta = 1, options: InstanceOptions = {}): LogregGd {
  const n = Z.rows, d = Z.cols;
  const pass = prepareLogisticGradSum(Z, options);
  const w = new Float64Array(d);
  const g = new Float64Array(d);
  const margins = new Float64Array(n);
  const c = eta / n;
  return {
    Z,
    w,
    simd: pass.simd,
    run(iters) {
      for (let t = 0; t < iters; t++) {
        pass.run(w, g);
        for (let j = 0; j < d; j++) w[j] -= c * g[j];
      }
    },
    check() {
      return normalizedMargin(Z, w, margins);
    },
  };
}

/** minᵢ ⟨zᵢ, w⟩ / ‖w‖ */
export function normalizedMargin(Z: Matrix, w: Float64Array, margins = new Float64Array(Z.rows)): number {
  gemv(Z, w, margins);
  let m = Infinity;
  for (let i = 0; i < margins.length; i++) m = Math.min(m, margins[i]);
  return m / norm2(w);
}

function logregWorkload(name: string, summary: string, n: number, d: number, iters: number, target: number): Workload {
  return {
    name,
    summary,
    iters,
    target,
    sizes: (scale) => ({ n: n * scale, d }),
    instance: (scale: number, rng: Rng, options?: InstanceOptions) => logregGd(separableMarginRows(rng, n * scale, d).Z, 1, options),
  };
}

export const logreg2dWorkload = logregWorkload("logreg-2d", "GD, mean logistic loss, 2-D separable data, η = 1, w0 = 0", 100, 2, 200_000, 10);
export const logregGdWorkload = logregWorkload("logreg-gd", "GD, mean logistic loss, separable data, η = 1, w0 = 0", 1000, 100, 20_000, 1.5);
