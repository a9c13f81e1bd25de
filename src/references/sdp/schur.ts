// The Schur complement of the Nesterov–Todd Newton system, Mᵢⱼ = Σ_blocks tr(Aᵢ W Aⱼ W) + Σ_c w_c² aᵢ_c aⱼ_c,
// with W = R Rᵀ the NT scaling matrix of each PSD block and w the orthant's scaling.
//   dense blocks:  Ãᵢ = Rᵀ Aᵢ R, packed as svec (upper triangle, off-diagonals × √2) so that Mᵢⱼ = ⟨svec Ãᵢ, svec Ãⱼ⟩:
//                  m congruences (O(m n³)) and one Gram matrix of the packed rows (O(m² n²/2))
//   sparse blocks: Mᵢⱼ = Σ_{(p,q)∈Aᵢ} Σ_{(r,s)∈Aⱼ} aᵢ_pq aⱼ_rs W_qr W_sp, O(nnzᵢ nnzⱼ) per pair
import type { CompiledSdp } from "./compile.ts";
import { gemmNTInto, gramRows } from "./kernels.ts";

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

  constructor(P: CompiledSdp) {
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
    this.packed = new Float64Array(P.m * len);
    this.t = new Float64Array(nmax * nmax);
    this.u = new Float64Array(nmax * nmax);
    this.views = P.blocks.map((blk) => {
      if (blk.kind !== "dense") return [];
      const nn = blk.n * blk.n;
      return Array.from({ length: P.m }, (_, i) => blk.a.subarray(i * nn, (i + 1) * nn));
    });
  }
}

/**
 * M ← the Schur complement (m×m, full storage) for the scaling given by Rt[k] = R_kᵀ and W[k] = R_k R_kᵀ of each
 * PSD block and w (orthant); identity = true promises R = I (the starting point), where Ãᵢ = Aᵢ.
 */
export function formSchur(P: CompiledSdp, Rt: readonly Float64Array[], W: readonly Float64Array[], w: Float64Array, ws: SchurWorkspace, M: Float64Array, identity = false): void {
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
