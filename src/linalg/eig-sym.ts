// Symmetric eigendecomposition A = V diag(λ) Vᵀ: Householder tridiagonalization Qᵀ A Q = T, then implicit
// symmetric QR steps with Wilkinson shifts on T (Golub & Van Loan §8.3), rotations accumulated into the rows of Vᵀ.
import { Matrix } from "./matrix.ts";
import { makeReflector } from "./householder.ts";

const EPS = 2 ** -52;
/** Off-diagonals below this (after scaling A to max-entry ≈ 1) are zero. */
const TINY = 1e-300;
/** Shifted QR steps allowed per deflated eigenvalue before giving up. */
const MAX_STEPS = 60;

/** Reusable buffers for eigSymInto on n×n matrices: no allocation per call. */
export class EigSymWorkspace {
  readonly n: number;
  readonly z: Float64Array;
  readonly e: Float64Array;
  readonly tau: Float64Array;
  readonly v: Float64Array;
  readonly p: Float64Array;
  /** free for callers (funSym keeps λ and f(λ) here); eigSymInto never touches them */
  readonly values: Float64Array;
  readonly scratch: Float64Array;

  constructor(n: number) {
    this.n = n;
    this.z = new Float64Array(n * n);
    this.e = new Float64Array(n);
    this.tau = new Float64Array(n);
    this.v = new Float64Array(n);
    this.p = new Float64Array(n);
    this.values = new Float64Array(n);
    this.scratch = new Float64Array(n);
  }
}

/** Eigenvalues (ascending) and orthonormal eigenvectors (columns of `vectors`) of a symmetric A. */
export function eigSym(A: Matrix, ws?: EigSymWorkspace): { values: Float64Array; vectors: Matrix } {
  const values = new Float64Array(A.rows);
  const vectors = new Matrix(A.rows, A.rows);
  eigSymInto(A, values, vectors, ws);
  return { values, vectors };
}

/** Eigenvalues only (ascending); skips the eigenvector accumulation. */
export function eigvalsSym(A: Matrix, ws?: EigSymWorkspace): Float64Array {
  const values = new Float64Array(A.rows);
  eigSymInto(A, values, null, ws);
  return values;
}

/**
 * In-place form: values ← λ ascending, vectors ← V (columns), or eigenvalues only when vectors is null.
 * Uses the symmetric part (A + Aᵀ)/2; throws RangeError on non-square, non-finite or clearly
 * non-symmetric input (max |A_ij − A_ji| > 1e-8·max |A_ij|), Error if the QR iteration fails to converge.
 */
export function eigSymInto(A: Matrix, values: Float64Array, vectors: Matrix | null, ws?: EigSymWorkspace): void {
  const n = A.rows;
  if (A.cols !== n) throw new RangeError(`eigSym: matrix is ${A.rows}×${A.cols}, must be square`);
  if (values.length !== n) throw new RangeError(`eigSym: values has length ${values.length}, need ${n}`);
  if (vectors && (vectors.rows !== n || vectors.cols !== n)) {
    throw new RangeError(`eigSym: vectors is ${vectors.rows}×${vectors.cols}, need ${n}×${n}`);
  }
  if (ws && ws.n !== n) throw new RangeError(`eigSym: workspace is for n = ${ws.n}, matrix has n = ${n}`);
  const w = ws ?? new EigSymWorkspace(n);
  if (n === 0) return;
  const a = A.data, z = w.z, d = values, e = w.e;

  let amax = 0, asym = 0;
  for (let i = 0; i < n * n; i++) {
    const x = Math.abs(a[i]);
    if (!(x < Infinity)) throw new RangeError(`eigSym: entry (${Math.floor(i / n)}, ${i % n}) is ${a[i]}`);
    if (x > amax) amax = x;
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) asym = Math.max(asym, Math.abs(a[i * n + j] - a[j * n + i]));
  }
  if (asym > 1e-8 * amax) throw new RangeError(`eigSym: matrix is not symmetric (max |A_ij − A_ji| = ${asym}, max |A_ij| = ${amax})`);
  if (amax === 0) {
    d.fill(0);
    if (vectors) vectors.data.set(Matrix.identity(n).data);
    return;
  }
  // scale by a power of two (exact) so that the largest entry is in [0.5, 1): no overflow, no underflow worries
  const sc = 2 ** -Math.ceil(Math.log2(amax));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const s = 0.5 * sc * (a[i * n + j] + a[j * n + i]);
      z[i * n + j] = s;
      z[j * n + i] = s;
    }
  }

  tridiagonalize(z, n, d, e, w.tau, w.v, w.p);
  let W: Float64Array | null = null;
  if (vectors) {
    W = vectors.data;
    formQ(z, n, w.tau, W, w.v, w.p);
    transposeInPlace(W, n); // rows of W are now the columns of Q; rotations act on rows
  }
  tridiagonalQr(d, e, n, W);

  // ascending order (selection sort: n swaps of rows at most)
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    for (let j = i + 1; j < n; j++) if (d[j] < d[k]) k = j;
    if (k === i) continue;
    const t = d[i]; d[i] = d[k]; d[k] = t;
    if (W) {
      for (let c = 0; c < n; c++) {
        const u = W[i * n + c];
        W[i * n + c] = W[k * n + c];
        W[k * n + c] = u;
      }
    }
  }
  const inv = 1 / sc;
  for (let i = 0; i < n; i++) d[i] *= inv;
  if (W) transposeInPlace(W, n);
}

/** Qᵀ Z Q = T with d = diag(T), e = subdiag(T); reflector k (acting on rows k+1..) is kept in row k of z. */
function tridiagonalize(z: Float64Array, n: number, d: Float64Array, e: Float64Array, tau: Float64Array,
  v: Float64Array, p: Float64Array): void {
  for (let k = 0; k < n - 2; k++) {
    const len = n - k - 1, off = k * n + k + 1;
    const t = makeReflector(z, off, 1, len);
    tau[k] = t;
    d[k] = z[k * n + k];
    e[k] = z[off];
    if (t === 0) continue;
    v[0] = 1;
    for (let i = 1; i < len; i++) v[i] = z[off + i];
    // p = τ S v on the trailing block S; w = p − (τ/2)(pᵀv) v; S ← S − v wᵀ − w vᵀ
    const s0 = (k + 1) * n + k + 1;
    let pv = 0;
    for (let i = 0; i < len; i++) {
      const r = s0 + i * n;
      let s = 0;
      for (let j = 0; j < len; j++) s += z[r + j] * v[j];
      p[i] = t * s;
      pv += p[i] * v[i];
    }
    const K = 0.5 * t * pv;
    for (let i = 0; i < len; i++) p[i] -= K * v[i];
    for (let i = 0; i < len; i++) {
      const r = s0 + i * n, vi = v[i], pi = p[i];
      for (let j = 0; j < len; j++) z[r + j] -= vi * p[j] + pi * v[j];
    }
  }
  if (n >= 2) {
    tau[n - 2] = 0;
    d[n - 2] = z[(n - 2) * n + n - 2];
    e[n - 2] = z[(n - 2) * n + n - 1];
  }
  d[n - 1] = z[(n - 1) * n + n - 1];
  e[n - 1] = 0;
}

/** Q = H₀ H₁ ⋯ H_{n−3} into q (n×n), by backward accumulation. */
function formQ(z: Float64Array, n: number, tau: Float64Array, q: Float64Array, v: Float64Array, p: Float64Array): void {
  q.fill(0);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let k = n - 3; k >= 0; k--) {
    const t = tau[k];
    if (t === 0) continue;
    const len = n - k - 1, off = k * n + k + 1, s0 = (k + 1) * n + k + 1;
    v[0] = 1;
    for (let i = 1; i < len; i++) v[i] = z[off + i];
    p.fill(0, 0, len);
    for (let i = 0; i < len; i++) {
      const vi = v[i];
      if (vi === 0) continue;
      const r = s0 + i * n;
      for (let c = 0; c < len; c++) p[c] += vi * q[r + c];
    }
    for (let i = 0; i < len; i++) {
      const f = t * v[i];
      if (f === 0) continue;
      const r = s0 + i * n;
      for (let c = 0; c < len; c++) q[r + c] -= f * p[c];
    }
  }
}

/**
 * Diagonalizes the tridiagonal (d, e) by implicit QR steps with Wilkinson shifts; each plane rotation P on
 * (k, k+1) maps T ← P T Pᵀ and the rows of W ← P W. Off-diagonals with |e_k| ≤ eps(|d_k| + |d_{k+1}|) deflate.
 */
function tridiagonalQr(d: Float64Array, e: Float64Array, n: number, W: Float64Array | null): void {
  let hi = n - 1, steps = 0;
  while (hi > 0) {
    let l = hi;
    while (l > 0) {
      const ee = Math.abs(e[l - 1]);
      if (ee <= EPS * (Math.abs(d[l - 1]) + Math.abs(d[l])) || ee < TINY) {
        e[l - 1] = 0;
        break;
      }
      l--;
    }
    if (l === hi) {
      hi--;
      steps = 0;
      continue;
    }
    if (++steps > MAX_STEPS) throw new Error(`eigSym: QR iteration did not converge (block ${l}..${hi})`);
    // Wilkinson shift: the eigenvalue of the trailing 2×2 closer to d[hi]
    const dd = 0.5 * (d[hi - 1] - d[hi]), eh = e[hi - 1];
    const den = dd + (dd >= 0 ? Math.hypot(dd, eh) : -Math.hypot(dd, eh));
    const mu = d[hi] - eh * (eh / den);
    let x = d[l] - mu, bulge = e[l];
    for (let k = l; k < hi; k++) {
      const r = Math.hypot(x, bulge);
      let c = 1, s = 0;
      if (r !== 0) {
        c = x / r;
        s = bulge / r;
      }
      if (k > l) e[k - 1] = r;
      const a = d[k], b = e[k], cc = d[k + 1];
      const cs = c * s, c2 = c * c, s2 = s * s;
      d[k] = c2 * a + 2 * cs * b + s2 * cc;
      e[k] = cs * (cc - a) + (c2 - s2) * b;
      d[k + 1] = s2 * a - 2 * cs * b + c2 * cc;
      if (k + 1 < hi) {
        bulge = s * e[k + 1];
        e[k + 1] *= c;
        x = e[k];
      }
      if (W) {
        const r0 = k * n, r1 = r0 + n;
        for (let j = 0; j < n; j++) {
          const u = W[r0 + j], t = W[r1 + j];
          W[r0 + j] = c * u + s * t;
          W[r1 + j] = c * t - s * u;
        }
      }
    }
  }
}

function transposeInPlace(m: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const t = m[i * n + j];
      m[i * n + j] = m[j * n + i];
      m[j * n + i] = t;
    }
  }
}
