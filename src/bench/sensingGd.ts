// B2: symmetric matrix sensing, GD on U with W = UUᵀ:
//   L(U) = Σᵢ (⟨Aᵢ, UUᵀ⟩ − yᵢ)²,  ∇L = 4 A*(r) U,  A*(r) = Σᵢ rᵢAᵢ,
// Aᵢ = (Gᵢ + Gᵢᵀ)/2 with Gaussian Gᵢ, rank-2 truth X* = ZZᵀ/‖ZZᵀ‖_F, U₀ = 10⁻³I, η = 0.05/m;
// check = the final loss. Symmetry halves the work: every Aᵢ is stored as its packed upper
// triangle (n(n+1)/2 entries), W as its packed upper triangle with doubled off-diagonal, so
// ⟨Aᵢ, W⟩ is one dot of packed vectors, and A(W) − y and A*(r) are one fused pass; UUᵀ and
// A*(r)U are GEMMs (WebAssembly SIMD where available).
import { Matrix, WasmArena, gemmBlocked, prepareResidualGradT } from "../linalg/index.ts";
import type { Rng } from "../random/index.ts";
import type { BenchInstance, InstanceOptions, Workload } from "./types.ts";

export interface SensingProblem {
  readonly n: number;
  readonly m: number;
  /** the m sensing matrices, each n×n symmetric, row-major one after the other */
  readonly A: Float64Array;
  readonly y: Float64Array;
  /** the rank-2 truth X* (n×n, ‖X*‖_F = 1) */
  readonly xStar: Float64Array;
}

/** The peer's instance: Aᵢ = (Gᵢ + Gᵢᵀ)/2, X* = ZZᵀ/‖ZZᵀ‖_F with Z ∈ R^{n×2} Gaussian, yᵢ = ⟨Aᵢ, X*⟩. */
export function sensingProblem(rng: Rng, n: number, m: number): SensingProblem {
  const nn = n * n;
  const A = rng.fillNormal(new Float64Array(m * nn));
  for (let i = 0; i < m; i++) {
    const o = i * nn;
    for (let j = 0; j < n; j++) {
      for (let k = j + 1; k < n; k++) {
        const s = (A[o + j * n + k] + A[o + k * n + j]) / 2;
        A[o + j * n + k] = s;
        A[o + k * n + j] = s;
      }
    }
  }
  const Z = rng.fillNormal(new Float64Array(n * 2));
  const xStar = new Float64Array(nn);
  let fro = 0;
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < n; k++) {
      const v = Z[2 * j] * Z[2 * k] + Z[2 * j + 1] * Z[2 * k + 1];
      xStar[j * n + k] = v;
      fro += v * v;
    }
  }
  fro = Math.sqrt(fro);
  for (let p = 0; p < nn; p++) xStar[p] /= fro;
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let p = 0; p < nn; p++) s += A[i * nn + p] * xStar[p];
    y[i] = s;
  }
  return { n, m, A, y, xStar };
}

/** Length of a packed upper triangle of an n×n matrix. */
export function packedLength(n: number): number {
  return (n * (n + 1)) / 2;
}

export interface SensingGd extends BenchInstance {
  /** the factor U (n×n) */
  readonly U: Matrix;
}

/** The factor U with the two products a step needs; plain TypeScript or WebAssembly SIMD. */
interface Factor {
  /** wPacked ← the upper triangle of UUᵀ, row by row, off-diagonal entries doubled */
  gram(wPacked: Float64Array): void;
  /** U ← U − c·G U for the symmetric G given by its packed upper triangle */
  update(gPacked: Float64Array, c: number): void;
  readonly U: Matrix;
}

/** Plain: the upper triangle of UUᵀ by row dots, G U by the blocked GEMM. */
function plainFactor(n: number, init: number): Factor {
  const U = new Matrix(n, n);
  for (let j = 0; j < n; j++) U.data[j * n + j] = init;
  const G = new Matrix(n, n);
  const GU = new Matrix(n, n);
  return {
    U,
    gram(wPacked) {
      packedGram(U.data, n, wPacked);
    },
    update(gPacked, c) {
      unpackSymmetric(gPacked, n, G.data);
      gemmBlocked(G, U, GU);
      const u = U.data, gu = GU.data;
      for (let p = 0; p < n * n; p++) u[p] -= c * gu[p];
    },
  };
}

/**
 * SIMD: V = Uᵀ kept in WebAssembly memory, so UUᵀ = VᵀV (gemmTN) and, G being symmetric,
 * U ← U − cGU is V ← V − c·VG (gemm): both 4×4-blocked SIMD products.
 */
function simdFactor(n: number, init: number, arena: WasmArena): Factor {
  const V = arena.matrix(n, n);
  for (let j = 0; j < n; j++) V.data[j * n + j] = init;
  const W = arena.matrix(n, n);
  const G = arena.matrix(n, n);
  const VG = arena.matrix(n, n);
  return {
    get U() {
      const U = new Matrix(n, n);
      for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) U.data[j * n + k] = V.data[k * n + j];
      return U;
    },
    gram(wPacked) {
      arena.gemmTN(V, V, W);
      packUpperDoubled(W.data, n, wPacked);
    },
    update(gPacked, c) {
      unpackSymmetric(gPacked, n, G.data);
      arena.gemm(V, G, VG);
      const v = V.data, vg = VG.data;
      for (let p = 0; p < n * n; p++) v[p] -= c * vg[p];
    },
  };
}

/** out (n×n) ← scale times the symmetric matrix whose upper triangle is packed (row by row) in p */
export function unpackSymmetric(p: Float64Array, n: number, out: Float64Array, scale = 1): void {
  let q = 0;
  for (let j = 0; j < n; j++) {
    for (let k = j; k < n; k++) {
      const v = scale * p[q++];
      out[j * n + k] = v;
      out[k * n + j] = v;
    }
  }
}

/** wPacked ← the upper triangle of UUᵀ (u: n×n row-major) row by row, off-diagonal entries doubled (row dots) */
export function packedGram(u: Float64Array, n: number, wPacked: Float64Array): void {
  let q = 0;
  for (let j = 0; j < n; j++) {
    const oj = j * n;
    for (let k = j; k < n; k++) {
      const ok = k * n;
      let s0 = 0, s1 = 0;
      let l = 0;
      for (; l + 1 < n; l += 2) {
        s0 += u[oj + l] * u[ok + l];
        s1 += u[oj + l + 1] * u[ok + l + 1];
      }
      if (l < n) s0 += u[oj + l] * u[ok + l];
      wPacked[q++] = k === j ? s0 + s1 : 2 * (s0 + s1);
    }
  }
}

/** wPacked ← the upper triangle of the symmetric w (n×n) row by row, off-diagonal entries doubled */
export function packUpperDoubled(w: Float64Array, n: number, wPacked: Float64Array): void {
  let q = 0;
  for (let j = 0; j < n; j++) {
    wPacked[q++] = w[j * n + j];
    for (let k = j + 1; k < n; k++) wPacked[q++] = 2 * w[j * n + k];
  }
}

/** GD U ← U − 4η A*(A(UUᵀ) − y) U from U₀ = init·I. */
export function sensingGd(problem: SensingProblem, eta = 0.05 / problem.m, init = 1e-3, options: InstanceOptions = {}): SensingGd {
  const { n, m, A, y } = problem;
  const np = packedLength(n);
  // Packed rows: P[i] = upper triangle of Aᵢ, row by row (j ≤ k).
  const P = new Matrix(m, np);
  for (let i = 0; i < m; i++) {
    let q = i * np;
    for (let j = 0; j < n; j++) for (let k = j; k < n; k++) P.data[q++] = A[i * n * n + j * n + k];
  }
  const pass = prepareResidualGradT(P, options);
  const arena = pass.simd ? WasmArena.create(4 * n * n, options) : null;
  const factor = arena ? simdFactor(n, init, arena) : plainFactor(n, init);
  const wPacked = new Float64Array(np); // W = UUᵀ, off-diagonal doubled
  const r = new Float64Array(m);
  const gPacked = new Float64Array(np); // A*(r), upper triangle
  const c = 4 * eta;

  return {
    get U() {
      return factor.U;
    },
    simd: pass.simd,
    run(iters) {
      for (let t = 0; t < iters; t++) {
        factor.gram(wPacked);
        pass.run(wPacked, y, r, gPacked); // r = A(W) − y, gPacked = A*(r)
        factor.update(gPacked, c);
      }
    },
    check() {
      factor.gram(wPacked);
      let s = 0;
      for (let i = 0; i < m; i++) {
        let ri = -y[i];
        const o = i * np;
        for (let p = 0; p < np; p++) ri += P.data[o + p] * wPacked[p];
        s += ri * ri;
      }
      return s;
    },
  };
}

export const sensingGdWorkload: Workload = {
  name: "sensing-gd",
  summary: "GD on U, W = UUᵀ, symmetric Gaussian sensing, rank-2 truth, U0 = 1e-3·I, η = 0.05/m",
  iters: 2000,
  target: 1,
  sizes: (scale) => ({ n: 50 * scale, m: 300 * scale }),
  instance: (scale, rng, options) => {
    const problem = sensingProblem(rng, 50 * scale, 300 * scale);
    return sensingGd(problem, 0.05 / problem.m, 1e-3, options);
  },
};
