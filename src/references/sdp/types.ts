// Semidefinite programs in standard form over a product cone K = S₊^{n₁} × … × S₊^{n_k} × ℝ₊^l:
//   primal  min ⟨C, X⟩  s.t. ⟨Aᵢ, X⟩ = bᵢ (i = 1..m), X ∈ K
//   dual    max bᵀy     s.t. Σ yᵢ Aᵢ + S = C, S ∈ K
// with ⟨U, V⟩ = Σ_blocks tr(U_k V_k) + Σ_j u_j v_j.
import type { Matrix } from "../../linalg/index.ts";
import type { Certificate } from "../types.ts";

/**
 * A symmetric n×n matrix by its entries: each (i, j, v) with i ≠ j puts v at both (i, j) and (j, i), each (i, i, v)
 * puts v on the diagonal; repeated positions add up.
 */
export class SparseSymmetric {
  readonly n: number;
  readonly i: Int32Array;
  readonly j: Int32Array;
  readonly v: Float64Array;

  constructor(n: number, entries: ReadonlyArray<readonly [number, number, number]>) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`SparseSymmetric: size must be a positive integer, got ${n}`);
    this.n = n;
    this.i = new Int32Array(entries.length);
    this.j = new Int32Array(entries.length);
    this.v = new Float64Array(entries.length);
    entries.forEach(([i, j, v], k) => {
      if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= n || j >= n) {
        throw new RangeError(`SparseSymmetric: entry ${k} at (${i}, ${j}) is outside 0..${n - 1}`);
      }
      if (!Number.isFinite(v)) throw new RangeError(`SparseSymmetric: entry ${k} at (${i}, ${j}) is ${v}`);
      this.i[k] = i;
      this.j[k] = j;
      this.v[k] = v;
    });
  }
}

/** One matrix of the product cone's space: a symmetric block per PSD block (null = zero) and the orthant part. */
export interface SdpBlocks {
  readonly psd: ReadonlyArray<Matrix | SparseSymmetric | null>;
  /** length `nonneg` of the problem; omitted or null = zero */
  readonly nonneg?: Float64Array | null;
}

export interface SdpProblem {
  /** sizes n₁, …, n_k of the PSD blocks */
  readonly blocks: readonly number[];
  /** size l of the nonnegative-orthant block (default 0) */
  readonly nonneg?: number;
  readonly C: SdpBlocks;
  readonly A: readonly SdpBlocks[];
  readonly b: Float64Array;
}

/** A point of the product cone: dense symmetric blocks and the orthant vector. */
export interface SdpPoint {
  readonly psd: Matrix[];
  readonly nonneg: Float64Array;
}

export interface SdpOptions {
  /** stop when the relative primal and dual residuals and the relative gap are all ≤ tol (default 1e-9) */
  readonly tol?: number;
  /** iteration limit (default 100) */
  readonly maxIterations?: number;
  /**
   * storage of the PSD blocks' constraint data: "dense" (stacked n×n matrices, Schur complement by congruences and
   * a Gram matrix), "sparse" (entry lists, Schur entries pair by pair), or "auto" (default: sparse when the
   * constraints average at most n/2 entries on the block)
   */
  readonly layout?: "auto" | "dense" | "sparse";
  /** called once per iteration with the current accuracy (for progress displays and tests) */
  readonly onIteration?: (info: SdpIterationInfo) => void;
  /** false: the plain TypeScript Schur complement even where WebAssembly SIMD is available (default: SIMD where available) */
  readonly simd?: boolean;
}

export interface SdpIterationInfo {
  readonly iteration: number;
  readonly primalResidual: number;
  readonly dualResidual: number;
  readonly gap: number;
  readonly primalObjective: number;
  readonly dualObjective: number;
  readonly step: number;
  readonly mu: number;
}

export interface SdpSolution {
  readonly X: SdpPoint;
  readonly y: Float64Array;
  readonly S: SdpPoint;
  /**
   * measured on (X, y, S): primal residual ‖A(X) − b‖/(1 + ‖b‖), dual residual ‖C − A*(y) − S‖/(1 + ‖C‖), gap
   * |⟨C, X⟩ − bᵀy|/max(1, |⟨C, X⟩|); details hold λ_min(X), λ_min(S), ⟨X, S⟩, the solver's time and status
   */
  readonly certificate: Certificate;
}

export type SdpStatus = "primal infeasible" | "dual infeasible" | "stalled" | "iteration limit" | "numerical failure";

/** Thrown when the interior-point method cannot return an optimal solution; says why and how far it got. */
export class SdpError extends Error {
  readonly status: SdpStatus;
  readonly iterations: number;
  /** the accuracy reached (relative residuals and gap) when the solver stopped */
  readonly reached: { readonly primalResidual: number; readonly dualResidual: number; readonly gap: number };

  constructor(status: SdpStatus, message: string, iterations: number, reached: SdpError["reached"]) {
    super(message);
    this.name = "SdpError";
    this.status = status;
    this.iterations = iterations;
    this.reached = reached;
  }
}
