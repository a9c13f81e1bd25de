// Dense kernels of the interior-point iteration on row-major n×n Float64Arrays: congruences with the
// scaling matrix, the Gram matrix of the scaled constraints, and an in-place Cholesky. None allocates.

/**
 * C ← A Bᵀ for row-major A (ra×k) and B (rb×k): C_ij = ⟨A_i, B_j⟩, rows against rows, register-blocked 2×2 so
 * each loaded pair of entries feeds four products. With upper = true only the upper triangle j ≥ i is computed (and
 * the entries just below the diagonal, j = i − 1, of the 2×2 blocks it crosses); A and B may then be the same
 * array. C must not alias A or B.
 */
export function gemmNTInto(A: Float64Array, B: Float64Array, C: Float64Array, ra: number, rb: number, k: number, upper = false): void {
  let i = 0;
  for (; i + 1 < ra; i += 2) {
    const a0 = i * k, a1 = a0 + k, c0 = i * rb, c1 = c0 + rb;
    let j = upper ? i : 0;
    for (; j + 1 < rb; j += 2) dot22(A, a0, a1, B, j * k, j * k + k, k, C, c0 + j, c1 + j);
    if (j < rb) {
      const b0 = j * k;
      let s0 = 0, s1 = 0;
      for (let p = 0; p < k; p++) {
        const y = B[b0 + p];
        s0 += A[a0 + p] * y;
        s1 += A[a1 + p] * y;
      }
      C[c0 + j] = s0;
      C[c1 + j] = s1;
    }
  }
  if (i < ra) {
    const a0 = i * k, c0 = i * rb;
    for (let j = upper ? i : 0; j < rb; j++) {
      const b0 = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += A[a0 + p] * B[b0 + p];
      C[c0 + j] = s;
    }
  }
}

/** C[o0], C[o0+1], C[o1], C[o1+1] ← the four dot products of rows a0, a1 of A with rows b0, b1 of B (length k) */
function dot22(A: Float64Array, a0: number, a1: number, B: Float64Array, b0: number, b1: number, k: number, C: Float64Array, o0: number, o1: number): void {
  let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
  for (let p = 0; p < k; p++) {
    const x0 = A[a0 + p], x1 = A[a1 + p], y0 = B[b0 + p], y1 = B[b1 + p];
    s00 += x0 * y0;
    s01 += x0 * y1;
    s10 += x1 * y0;
    s11 += x1 * y1;
  }
  C[o0] = s00;
  C[o0 + 1] = s01;
  C[o1] = s10;
  C[o1 + 1] = s11;
}

/** out ← Rᵀ Z R for symmetric Z, given Rt = Rᵀ (out symmetric, full storage); t is n² scratch, aliasing nothing. */
export function congruenceT(Rt: Float64Array, Z: Float64Array, out: Float64Array, t: Float64Array, n: number): void {
  gemmNTInto(Rt, Z, t, n, n, n); // t = Rᵀ Z (Z symmetric: rows of Z are its columns)
  gemmNTInto(t, Rt, out, n, n, n, true); // out = t R = t (Rᵀ)ᵀ, upper triangle
  mirrorUpper(out, n);
}

/** out ← R Z Rᵀ for symmetric Z (out symmetric, full storage); t is n² scratch, aliasing nothing. */
export function congruence(R: Float64Array, Z: Float64Array, out: Float64Array, t: Float64Array, n: number): void {
  gemmNTInto(R, Z, t, n, n, n); // t = R Z
  gemmNTInto(t, R, out, n, n, n, true); // out = t Rᵀ, upper triangle
  mirrorUpper(out, n);
}

/** out ← Aᵀ (n×n, row-major) */
export function transposeInto(A: Float64Array, out: Float64Array, n: number): void {
  for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) out[q * n + p] = A[p * n + q];
}

/** out ← B Bᵀ where B = R diag(√d) (so out = R diag(d) Rᵀ); d ≥ 0. */
export function scaledGram(R: Float64Array, d: Float64Array, out: Float64Array, n: number): void {
  for (let p = 0; p < n; p++) {
    const rp = p * n;
    for (let q = p; q < n; q++) {
      const rq = q * n;
      let s = 0;
      for (let r = 0; r < n; r++) s += R[rp + r] * d[r] * R[rq + r];
      out[rp + q] = s;
      out[rq + p] = s;
    }
  }
}

/** copies the upper triangle onto the lower one */
export function mirrorUpper(a: Float64Array, n: number): void {
  for (let p = 1; p < n; p++) for (let q = 0; q < p; q++) a[p * n + q] = a[q * n + p];
}

/** M ← P Pᵀ (m×m, full storage) for row-major P (m×len): the Gram matrix of the rows of P. */
export function gramRows(P: Float64Array, m: number, len: number, M: Float64Array): void {
  gemmNTInto(P, P, M, m, m, len, true);
  mirrorUpper(M, m);
}

/**
 * In-place Cholesky of the symmetric n×n matrix in a (lower triangle read and overwritten with L, upper left as is).
 * Returns the index of the first non-positive pivot, or −1 on success.
 */
export function choleskyInPlace(a: Float64Array, n: number): number {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = a[rj + j];
    for (let k = 0; k < j; k++) d -= a[rj + k] * a[rj + k];
    if (!(d > 0)) return j;
    const ljj = Math.sqrt(d);
    a[rj + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      a[ri + j] = s * inv;
    }
  }
  return -1;
}

/**
 * Cholesky with diagonal pivoting, P M Pᵀ = L Lᵀ, stopping at rank r when every remaining pivot is ≤ tol (LAPACK's
 * pstf2). The Schur complement is singular to working precision along directions that do not change the primal
 * iterate (a non-unique dual, m above the dimension of the optimal face); pivoting factors a well-conditioned
 * subset of its rows first and leaves the rest out (their Δy components are 0, the LIPSOL/SeDuMi remedy made
 * rank-revealing). Works in place on the full symmetric array a (lower triangle ← L of the permuted matrix).
 */
export class PivotedCholesky {
  readonly n: number;
  /** row i of the factor is row perm[i] of the matrix */
  readonly perm: Int32Array;
  /** updated diagonal of the trailing block */
  private readonly work: Float64Array;
  private readonly tmp: Float64Array;
  private a: Float64Array;
  rank = 0;

  constructor(n: number) {
    this.n = n;
    this.perm = new Int32Array(n);
    this.work = new Float64Array(n);
    this.tmp = new Float64Array(n);
    this.a = new Float64Array(0);
  }

  /** factors a (n×n, full symmetric storage; overwritten); returns the rank, −1 if the matrix holds a NaN */
  factor(a: Float64Array, tol: number): number {
    const n = this.n, perm = this.perm, work = this.work;
    this.a = a;
    for (let i = 0; i < n; i++) {
      perm[i] = i;
      work[i] = a[i * n + i];
      if (Number.isNaN(work[i])) return (this.rank = -1);
    }
    let j = 0;
    for (; j < n; j++) {
      let p = j;
      for (let i = j + 1; i < n; i++) if (work[i] > work[p]) p = i;
      const d = work[p];
      if (Number.isNaN(d)) return (this.rank = -1);
      if (!(d > tol)) break;
      if (p !== j) this.swap(j, p);
      const rj = j * n, ljj = Math.sqrt(d), inv = 1 / ljj;
      a[rj + j] = ljj;
      let i = j + 1;
      for (; i + 1 < n; i += 2) {
        const r0 = i * n, r1 = r0 + n;
        // two rows, each summed in two accumulators (four independent chains: not bound by the adder's latency)
        let s0 = a[r0 + j], s1 = a[r1 + j], t0 = 0, t1 = 0, k = 0;
        for (; k + 1 < j; k += 2) {
          const ajk = a[rj + k], ajk1 = a[rj + k + 1];
          s0 -= a[r0 + k] * ajk;
          s1 -= a[r1 + k] * ajk;
          t0 -= a[r0 + k + 1] * ajk1;
          t1 -= a[r1 + k + 1] * ajk1;
        }
        if (k < j) {
          const ajk = a[rj + k];
          s0 -= a[r0 + k] * ajk;
          s1 -= a[r1 + k] * ajk;
        }
        s0 = (s0 + t0) * inv;
        s1 = (s1 + t1) * inv;
        a[r0 + j] = s0;
        a[r1 + j] = s1;
        work[i] -= s0 * s0;
        work[i + 1] -= s1 * s1;
      }
      if (i < n) {
        const r0 = i * n;
        let s0 = a[r0 + j];
        for (let k = 0; k < j; k++) s0 -= a[r0 + k] * a[rj + k];
        s0 *= inv;
        a[r0 + j] = s0;
        work[i] -= s0 * s0;
      }
    }
    return (this.rank = j);
  }

  /** symmetric swap of rows and columns j and p (full storage), with the pivot bookkeeping */
  private swap(j: number, p: number): void {
    const { n, a, perm, work } = this;
    const rj = j * n, rp = p * n;
    for (let c = 0; c < n; c++) {
      const t = a[rj + c];
      a[rj + c] = a[rp + c];
      a[rp + c] = t;
    }
    for (let r = 0; r < n; r++) {
      const t = a[r * n + j];
      a[r * n + j] = a[r * n + p];
      a[r * n + p] = t;
    }
    let t = perm[j];
    perm[j] = perm[p];
    perm[p] = t;
    t = work[j];
    work[j] = work[p];
    work[p] = t;
  }

  /** x ← the solution of M x = b on the factored rows (components outside them 0); x may alias b */
  solve(b: Float64Array, x: Float64Array): void {
    const { n, a, perm, rank } = this, z = this.tmp;
    for (let i = 0; i < rank; i++) {
      const ri = i * n;
      let s = b[perm[i]];
      for (let k = 0; k < i; k++) s -= a[ri + k] * z[k];
      z[i] = s / a[ri + i];
    }
    for (let i = rank - 1; i >= 0; i--) {
      let s = z[i];
      for (let k = i + 1; k < rank; k++) s -= a[k * n + i] * z[k];
      z[i] = s / a[i * n + i];
    }
    x.fill(0, 0, n);
    for (let i = 0; i < rank; i++) x[perm[i]] = z[i];
  }
}

/** zeroes the strict upper triangle (so a factor from choleskyInPlace is a clean lower-triangular L) */
export function clearUpper(a: Float64Array, n: number): void {
  for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) a[p * n + q] = 0;
}

/** ⟨A, B⟩ = Σ A_ij B_ij over the first len entries */
export function dotN(a: Float64Array, b: Float64Array, len: number): number {
  let s = 0;
  for (let k = 0; k < len; k++) s += a[k] * b[k];
  return s;
}
