// B0/B1: full-batch GD on the mean logistic loss L(w) = (1/n) Σᵢ log(1 + e^−⟨zᵢ,w⟩), zᵢ = yᵢxᵢ,
// on separable data, step η = 1, w₀ = 0; check = the normalized margin minᵢ⟨zᵢ,w⟩/‖w‖.
import { Matrix, WasmArena, gemv, norm2, prepareLogisticGradSum } from "../linalg/index.ts";
import type { Rng } from "../random/index.ts";
import { separableMarginRows } from "./data.ts";
import type { BenchInstance, InstanceOptions, Workload } from "./types.ts";

export interface LogregGd extends BenchInstance {
  readonly Z: Matrix;
  readonly w: Float64Array;
}

/**
 * GD on the mean logistic loss over the rows of Z from w = 0; w ← w − (η/n) Σᵢ ℓ′(⟨zᵢ,w⟩) zᵢ.
 * With WebAssembly SIMD the whole loop runs inside the module on Z in its memory (d = 2: Z by
 * columns, two rows per lane pair); else the plain fused pass (logisticGradSum) and a TypeScript update.
 */
export function logregGd(Z: Matrix, eta = 1, options: InstanceOptions = {}): LogregGd {
  const n = Z.rows, d = Z.cols;
  const c = eta / n;
  const margins = new Float64Array(n);
  const arena = n > 0 && d > 0 ? WasmArena.create(n * d + 2 * d, options) : null;
  if (arena && d === 2) {
    const z0 = arena.vector(n, Float64Array.from({ length: n }, (_, i) => Z.data[2 * i]));
    const z1 = arena.vector(n, Float64Array.from({ length: n }, (_, i) => Z.data[2 * i + 1]));
    const w = arena.vector(2);
    return {
      Z,
      w,
      simd: true,
      run(iters) {
        arena.logisticGd2(z0, z1, w, c, iters);
      },
      check: () => normalizedMargin(Z, w, margins),
    };
  }
  if (arena) {
    const Za = arena.matrix(n, d, Z.data);
    const w = arena.vector(d), g = arena.vector(d);
    return {
      Z,
      w,
      simd: true,
      run(iters) {
        arena.logisticGd(Za, w, g, c, iters);
      },
      check: () => normalizedMargin(Z, w, margins),
    };
  }
  const pass = prepareLogisticGradSum(Z, { simd: false });
  const w = new Float64Array(d);
  const g = new Float64Array(d);
  return {
    Z,
    w,
    simd: false,
    run(iters) {
      for (let t = 0; t < iters; t++) {
        pass.run(w, g);
        for (let j = 0; j < d; j++) w[j] -= c * g[j];
      }
    },
    check: () => normalizedMargin(Z, w, margins),
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
