// The Schur complement of the Nesterov–Todd Newton system, Mᵢⱼ = Σ_blocks tr(Aᵢ W Aⱼ W) + Σ_c w_c² aᵢ_c aⱼ_c,
// with W = R Rᵀ the NT scaling matrix of each PSD block and w the orthant's scaling.
//   dense blocks:  Ãᵢ = Rᵀ Aᵢ R, packed as svec (upper triangle, off-diagonals × √2) so that Mᵢⱼ = ⟨svec Ãᵢ, svec Ãⱼ⟩:
//                  m congruences (O(m n³)) and one Gram matrix of the packed rows (O(m² n²/2))
//   sparse blocks: Mᵢⱼ = Σ_{(p,q)∈Aᵢ} Σ_{(r,s)∈Aⱼ} aᵢ_pq aⱼ_rs W_qr W_sp, O(nnzᵢ nnzⱼ) per pair
// The dense part runs in WebAssembly SIMD where available (SchurArena): the stacked Aᵢ times R as one
// GEMM, Rᵀ(AᵢR) by the upper-triangle GEMM, and the Gram matrix of the packed rows, stored transposed
// (len × m), as the upper triangle of QᵀQ: the same sums as the plain path in a different order.
import { Matrix, WasmArena, type KernelOptions } from "../../linalg/index.ts";
import type { CompiledSdp } from "./compile.ts";
import { gemmNTInto, gramRows, mirrorUpper } from "./kernels.ts";

const SQRT2 = Math.SQRT2;

export class SchurWorkspace {
  readonly m: number;
  /** packed scaled dense constraints, m × len */
  readonly packed: Float64Array;
  readonly len: number;
  /** offset of each dense block inside a packed row (−1 for sparse blocks) */
  readonly offsets: Int32Array;
  readonly t: Float64Array;
  readonly u: Float64Array;
  /** views of each dense block's constraint matrices, made once */
  readonly views: Float64Array[][];
  /** the SIMD path's matrices, or null (no dense block, no WebAssembly SIMD, or simd: false) */
  readonly arena: SchurArena | null;

  constructor(P: CompiledSdp, options: KernelOptions = {}) {
    this.m = P.m;
    this.offsets = new Int32Array(P.blocks.length).fill(-1);
    let len = 0, nmax = 0;
    P.blocks.forEach((blk, k) => {
      nmax = Math.max(nmax, blk.n);
      if (blk.kind === "dense") {
        this.offsets[k] = len;
        len += (blk.n * (blk.n + 1)) / 2;
      }
    });
    this.len = len;
    this.arena = len > 0 ? SchurArena.create(P, len, options) : null;
    this.packed = new Float64Array(this.arena ? 0 : P.m * len); // the plain path's packed rows
    this.t = new Float64Array(nmax * nmax);
    this.u = new Float64Array(nmax * nmax);
    this.views = P.blocks.map((blk) => {
      if (blk.kind !== "dense") return [];
      const nn = blk.n * blk.n;
      return Array.from({ length: P.m }, (_, i) => blk.a.subarray(i * nn, (i + 1) * nn));
    });
  }
}

/** Inside one WebAssembly arena: per dense block the stacked Aᵢ (m·n × n), R, T = (stacked Aᵢ) R and its n×n views Tᵢ, one n×n Ãᵢ; Q (len × m), M. */
class SchurArena {
  private constructor(
    readonly arena: WasmArena,
    readonly blocks: ReadonlyArray<{ readonly k: number; readonly n: number; readonly A: Matrix; readonly R: Matrix; readonly T: Matrix; readonly Ti: Matrix[]; readonly U: Matrix } | null>,
    readonly Q: Matrix,
    readonly M: Matrix,
  ) {}

  static create(P: CompiledSdp, len: number, options: KernelOptions): SchurArena | null {
    const m = P.m;
    let doubles = len * m + m * m;
    for (const blk of P.blocks) if (blk.kind === "dense") doubles += 2 * m * blk.n * blk.n + 2 * blk.n * blk.n;
    const arena = WasmArena.create(doubles, options);
    if (!arena) return null;
    const blocks = P.blocks.map((blk, k) => {
      if (blk.kind !== "dense") return null;
      const n = blk.n, nn = n * n;
      const A = arena.matrix(m * n, n, blk.a), T = arena.matrix(m * n, n);
      const Ti = Array.from({ length: m }, (_, i) => new Matrix(n, n, T.data.subarray(i * nn, (i + 1) * nn)));
      return { k, n, A, R: arena.matrix(n, n), T, Ti, U: arena.matrix(n, n) };
    });
    return new SchurArena(arena, blocks, arena.matrix(len, m), arena.matrix(m, m));
  }
}

/** The dense blocks' part of M (full storage), plain TypeScript; see formSchur. */
function formSchurDensePlain(P: CompiledSdp, Rt: readonly Float64Array[], ws: SchurWorkspace, M: Float64Array, identity: boolean): void {
  const m = P.m, len = ws.len, packed = ws.packed, t = ws.t, u = ws.u;
  P.blocks.forEach((blk, k) => {
    if (blk.kind !== "dense") return;
    const n = blk.n, off = ws.offsets[k], rt = Rt[k], views = ws.views[k];
    for (let i = 0; i < m; i++) {
      let a = views[i];
      if (!identity) {
        gemmNTInto(rt, a, t, n, n, n); // t = Rᵀ Aᵢ
        gemmNTInto(t, rt, u, n, n, n, true); // u = Rᵀ Aᵢ R, upper triangle
        a = u;
      }
      let o = i * len + off;
      for (let p = 0; p < n; p++) {
        const up = p * n;
        packed[o++] = a[up + p];
        for (let q = p + 1; q < n; q++) packed[o++] = SQRT2 * a[up + q];
      }
    }
  });
  if (len > 0) gramRows(packed, m, len, M);
  else M.fill(0, 0, m * m);
}

/** The dense blocks' part of M (full storage) by the SIMD kernels; see formSchur. */
function formSchurDenseSimd(P: CompiledSdp, Rt: readonly Float64Array[], ws: SchurWorkspace, sa: SchurArena, M: Float64Array, identity: boolean): void {
  const m = P.m, q = sa.Q.data;
  for (const b of sa.blocks) {
    if (!b) continue;
    const { n, A, R, T, Ti, U } = b, rt = Rt[b.k], r = R.data, u = U.data, a = A.data, nn = n * n;
    if (!identity) {
      for (let p = 0; p < n; p++) for (let c = 0; c < n; c++) r[p * n + c] = rt[c * n + p];
      sa.arena.gemm(A, R, T); // Tᵢ = Aᵢ R, all i at once
    }
    for (let i = 0; i < m; i++) {
      let src = a, o = i * nn;
      if (!identity) {
        sa.arena.gemmTNUpper(R, Ti[i], U); // Ãᵢ = Rᵀ Aᵢ R, upper triangle
        src = u;
        o = 0;
      }
      // column i of Q ← svec(Ãᵢ) (upper triangle row by row, off-diagonals × √2)
      let e = ws.offsets[b.k] * m + i;
      for (let p = 0; p < n; p++) {
        const rp = o + p * n;
        q[e] = src[rp + p];
        e += m;
        for (let c = p + 1; c < n; c++) {
          q[e] = SQRT2 * src[rp + c];
          e += m;
        }
      }
    }
  }
  sa.arena.gemmTNUpper(sa.Q, sa.Q, sa.M);
  M.set(sa.M.data);
  mirrorUpper(M, m);
}

/**
 * M ← the Schur complement (m×m, full storage) for the scaling given by Rt[k] = R_kᵀ and W[k] = R_k R_kᵀ of each
 * PSD block and w (orthant); identity = true promises R = I (the starting point), where Ãᵢ = Aᵢ.
 */
export function formSchur(P: CompiledSdp, Rt: readonly Float64Array[], W: readonly Float64Array[], w: Float64Array, ws: SchurWorkspace, M: Float64Array, identity = false): void {
  const m = P.m;
  if (ws.arena) formSchurDenseSimd(P, Rt, ws, ws.arena, M, identity);
  else formSchurDensePlain(P, Rt, ws, M, identity);

  P.blocks.forEach((blk, k) => {
    if (blk.kind !== "sparse") return;
    const n = blk.n, Wk = W[k], { ptr, p, q, v } = blk;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let e = ptr[i]; e < ptr[i + 1]; e++) {
          const pe = p[e], qe = q[e], ve = v[e];
          for (let f = ptr[j]; f < ptr[j + 1]; f++) s += ve * v[f] * Wk[qe * n + p[f]] * Wk[q[f] * n + pe];
        }
        if (s !== 0) {
          M[i * m + j] += s;
          if (j !== i) M[j * m + i] += s;
        }
      }
    }
  });

  const { linPtr, linRow, linVal } = P;
  for (let c = 0; c < P.l; c++) {
    const w2 = w[c] * w[c];
    for (let e = linPtr[c]; e < linPtr[c + 1]; e++) {
      const i = linRow[e], ai = w2 * linVal[e];
      for (let f = linPtr[c]; f < linPtr[c + 1]; f++) M[i * m + linRow[f]] += ai * linVal[f];
    }
  }
}
