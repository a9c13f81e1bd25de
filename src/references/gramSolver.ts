// Solves XXᵀ μ = r through a pivoted Cholesky factorization of the Gram matrix
// G = XXᵀ (N×N). Pivoting reveals the rank: a pivot below rtol·max diag(G) ends
// the factorization, the remaining rows are dependent on the chosen ones, and
// μ is supported on the chosen rows B (G_BB μ_B = r_B). For r in range(X) this
// still gives the unique Xᵀμ. Private helper of the references layer: src/linalg
// has plain Cholesky only.
import { Matrix, gemmNT } from "../linalg/index.ts";

/** default relative pivot threshold: singular values of X below ~√rtol·σ_max count as zero */
export const DEFAULT_GRAM_RTOL = 1e-13;

export class GramSolver {
  readonly n: number;
  /** numerical rank of G (= rank of X) */
  readonly rank: number;
  /** perm[k] = row of X chosen at pivot step k; rows perm[0..rank) form B */
  readonly perm: Int32Array;
  /** lower-triangular factor in pivot order: G[perm[i], perm[j]] = Σ L[i][k] L[j][k] for i, j < rank */
  private readonly L: Float64Array;
  private readonly work: Float64Array;

  constructor(G: Matrix, rtol = DEFAULT_GRAM_RTOL) {
    const n = G.rows;
    if (G.cols !== n) throw new RangeError(`GramSolver: matrix is ${G.rows}×${G.cols}, must be square`);
    this.n = n;
    const g = G.data;
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    const L = new Float64Array(n * n);
    const dg = new Float64Array(n);
    let maxDiag = 0;
    for (let i = 0; i < n; i++) {
      dg[i] = g[i * n + i];
      if (!Number.isFinite(dg[i])) throw new RangeError(`GramSolver: non-finite entry on the diagonal (row ${i})`);
      maxDiag = Math.max(maxDiag, dg[i]);
    }
    let rank = 0;
    for (let k = 0; k < n; k++) {
      // choose the largest remaining Schur-complement diagonal
      let p = k;
      for (let i = k + 1; i < n; i++) if (dg[i] > dg[p]) p = i;
      if (!(dg[p] > rtol * maxDiag) || maxDiag === 0) break;
      if (p !== k) {
        [perm[k], perm[p]] = [perm[p], perm[k]];
        [dg[k], dg[p]] = [dg[p], dg[k]];
        for (let j = 0; j < k; j++) [L[k * n + j], L[p * n + j]] = [L[p * n + j], L[k * n + j]];
      }
      const lkk = Math.sqrt(dg[k]);
      L[k * n + k] = lkk;
      const pk = perm[k];
      for (let i = k + 1; i < n; i++) {
        let s = g[perm[i] * n + pk];
        for (let j = 0; j < k; j++) s -= L[i * n + j] * L[k * n + j];
        const lik = s / lkk;
        L[i * n + k] = lik;
        dg[i] -= lik * lik;
      }
      rank = k + 1;
    }
    this.rank = rank;
    this.perm = perm;
    this.L = L;
    this.work = new Float64Array(n);
  }

  /** Factor the Gram matrix XXᵀ of the rows of X. */
  static ofRows(X: Matrix, rtol = DEFAULT_GRAM_RTOL): GramSolver {
    return new GramSolver(gemmNT(X, X), rtol);
  }

  /** out ← μ with G_BB μ_B = r_B and μ = 0 off B (a solution of Gμ = r when r ∈ range G) */
  solve(r: Float64Array, out: Float64Array = new Float64Array(this.n)): Float64Array {
    const { n, rank, perm, L, work } = this;
    for (let i = 0; i < rank; i++) {
      let s = r[perm[i]];
      for (let k = 0; k < i; k++) s -= L[i * n + k] * work[k];
      work[i] = s / L[i * n + i];
    }
    for (let i = rank - 1; i >= 0; i--) {
      let s = work[i];
      for (let k = i + 1; k < rank; k++) s -= L[k * n + i] * work[k];
      work[i] = s / L[i * n + i];
    }
    out.fill(0);
    for (let i = 0; i < rank; i++) out[perm[i]] = work[i];
    return out;
  }
}
