// B3: diagonal linear network w = u⊙u − v⊙v on sparse regression, GD on ½‖Xw − y‖²:
//   g = Xᵀ(Xw − y),  u ← u − 2η u⊙g,  v ← v + 2η v⊙g,
// X ∈ R^{N×d} Gaussian/√N, w* = (1,…,1 (k times), 0,…), y = Xw*, u₀ = v₀ = α·1, α = 0.01,
// η = 0.05; check = ‖w‖₁ at the end. One fused pass over X per step (residual and Xᵀr),
// and the update of u, v recomputes w in the same loop; with WebAssembly SIMD the whole loop runs
// inside the module on X and the state in its memory.
import { Matrix, WasmArena, gemv, prepareResidualGradT } from "../linalg/index.ts";
import type { Rng } from "../random/index.ts";
import type { BenchInstance, InstanceOptions, Workload } from "./types.ts";

export interface DiagNetProblem {
  readonly X: Matrix;
  readonly y: Float64Array;
}

/** X Gaussian with entries N(0, 1/N), y = Xw* with w* the first k coordinates set to 1. */
export function diagNetProblem(rng: Rng, N: number, d: number, k = 5): DiagNetProblem {
  const X = new Matrix(N, d, rng.fillNormal(new Float64Array(N * d), 1 / Math.sqrt(N)));
  const wStar = new Float64Array(d);
  wStar.fill(1, 0, Math.min(k, d));
  return { X, y: gemv(X, wStar, new Float64Array(N)) };
}

export interface DiagNetGd extends BenchInstance {
  readonly u: Float64Array;
  readonly v: Float64Array;
  /** w = u⊙u − v⊙v, kept in step with u and v */
  readonly w: Float64Array;
}

export function diagNetGd(problem: DiagNetProblem, alpha = 0.01, eta = 0.05, options: InstanceOptions = {}): DiagNetGd {
  const { X, y } = problem;
  const N = X.rows, d = X.cols;
  const c = 2 * eta;
  const arena = N > 0 && d > 0 ? WasmArena.create(N * d + 2 * N + 4 * d, options) : null;
  const check = (w: Float64Array) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += Math.abs(w[j]);
    return s;
  };
  if (arena) {
    // the whole loop inside the module: X, y and the state in its memory
    const Xa = arena.matrix(N, d, X.data), ya = arena.vector(N, y), r = arena.vector(N);
    const u = arena.vector(d).fill(alpha), v = arena.vector(d).fill(alpha), w = arena.vector(d), g = arena.vector(d);
    return {
      u,
      v,
      w,
      simd: true,
      run(iters) {
        arena.diagNetGd(Xa, ya, r, u, v, w, g, c, iters);
      },
      check: () => check(w),
    };
  }
  const pass = prepareResidualGradT(X, { simd: false });
  const u = new Float64Array(d).fill(alpha);
  const v = new Float64Array(d).fill(alpha);
  const w = new Float64Array(d); // u² − v² = 0
  const r = new Float64Array(N);
  const g = new Float64Array(d);
  return {
    u,
    v,
    w,
    simd: false,
    run(iters) {
      for (let t = 0; t < iters; t++) {
        pass.run(w, y, r, g);
        for (let j = 0; j < d; j++) {
          const cg = c * g[j];
          const uj = u[j] - cg * u[j], vj = v[j] + cg * v[j];
          u[j] = uj;
          v[j] = vj;
          w[j] = uj * uj - vj * vj;
        }
      }
    },
    check: () => check(w),
  };
}

export const diagNetGdWorkload: Workload = {
  name: "diag-net-gd",
  summary: "GD on u, v with w = u⊙u − v⊙v, squared loss, 5-sparse truth, α = 0.01, η = 0.05",
  iters: 20_000,
  target: 1.5,
  sizes: (scale) => ({ N: 100 * scale, d: 1000 * scale }),
  instance: (scale, rng, options) => diagNetGd(diagNetProblem(rng, 100 * scale, 1000 * scale), 0.01, 0.05, options),
};
