// An SdpProblem checked and laid out for the solver: each PSD block's constraint data either dense
// (m stacked symmetric n×n matrices) or sparse (entries listed in full symmetric form, per constraint), chosen by
// density; the orthant block column-compressed. Supplies the operators A(X) = (⟨Aᵢ, X⟩)ᵢ and A*(y) = Σ yᵢ Aᵢ.
import { Matrix } from "../../linalg/index.ts";
import { SparseSymmetric, type SdpBlocks, type SdpProblem } from "./types.ts";

/** A point of the product cone's space: PSD blocks as row-major n×n arrays, then the orthant vector. */
export interface Cone {
  readonly psd: Float64Array[];
  readonly lin: Float64Array;
}

export interface DenseConstraints {
  readonly kind: "dense";
  readonly n: number;
  /** constraint i's block is a[i n² .. (i+1) n²), symmetric, full storage */
  readonly a: Float64Array;
}

export interface SparseConstraints {
  readonly kind: "sparse";
  readonly n: number;
  /** constraint i's entries are ptr[i] .. ptr[i+1]: value v at (p, q), off-diagonals listed once per triangle */
  readonly ptr: Int32Array;
  readonly p: Int32Array;
  readonly q: Int32Array;
  readonly v: Float64Array;
}

export interface CompiledSdp {
  readonly m: number;
  readonly sizes: readonly number[];
  readonly l: number;
  readonly blocks: ReadonlyArray<DenseConstraints | SparseConstraints>;
  /** orthant column k holds the coefficients of x_k: rows linRow[linPtr[k] .. linPtr[k+1]) with values linVal */
  readonly linPtr: Int32Array;
  readonly linRow: Int32Array;
  readonly linVal: Float64Array;
  readonly C: Cone;
  readonly b: Float64Array;
}

export function zeroCone(sizes: readonly number[], l: number): Cone {
  return { psd: sizes.map((n) => new Float64Array(n * n)), lin: new Float64Array(l) };
}

/** ⟨U, V⟩ over the product cone */
export function coneDot(U: Cone, V: Cone): number {
  let s = 0;
  for (let k = 0; k < U.psd.length; k++) {
    const u = U.psd[k], v = V.psd[k];
    for (let t = 0; t < u.length; t++) s += u[t] * v[t];
  }
  for (let t = 0; t < U.lin.length; t++) s += U.lin[t] * V.lin[t];
  return s;
}

export function coneNorm(U: Cone): number {
  return Math.sqrt(coneDot(U, U));
}

/** out_i ← ⟨Aᵢ, X⟩ */
export function applyA(P: CompiledSdp, X: Cone, out: Float64Array): Float64Array {
  const m = P.m;
  out.fill(0, 0, m);
  for (let k = 0; k < P.blocks.length; k++) {
    const blk = P.blocks[k];
    if (blk.kind === "dense") denseApply(blk.a, X.psd[k], blk.n * blk.n, m, out);
    else sparseApply(blk, X.psd[k], m, out);
  }
  const { linPtr, linRow, linVal } = P;
  for (let c = 0; c < P.l; c++) {
    const xc = X.lin[c];
    for (let e = linPtr[c]; e < linPtr[c + 1]; e++) out[linRow[e]] += linVal[e] * xc;
  }
  return out;
}

function denseApply(a: Float64Array, x: Float64Array, nn: number, m: number, out: Float64Array): void {
  for (let i = 0; i < m; i++) {
    const o = i * nn;
    let s0 = 0, s1 = 0;
    let t = 0;
    for (; t + 1 < nn; t += 2) {
      s0 += a[o + t] * x[t];
      s1 += a[o + t + 1] * x[t + 1];
    }
    if (t < nn) s0 += a[o + t] * x[t];
    out[i] += s0 + s1;
  }
}

function sparseApply(blk: SparseConstraints, x: Float64Array, m: number, out: Float64Array): void {
  const { ptr, p, q, v, n } = blk;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let e = ptr[i]; e < ptr[i + 1]; e++) s += v[e] * x[p[e] * n + q[e]];
    out[i] += s;
  }
}

/** out ← Σ yᵢ Aᵢ (overwrites out) */
export function applyAdjoint(P: CompiledSdp, y: Float64Array, out: Cone): Cone {
  const m = P.m;
  for (let k = 0; k < P.blocks.length; k++) {
    const blk = P.blocks[k], z = out.psd[k];
    z.fill(0);
    if (blk.kind === "dense") denseAdjoint(blk.a, y, blk.n * blk.n, m, z);
    else sparseAdjoint(blk, y, m, z);
  }
  const { linPtr, linRow, linVal } = P;
  for (let c = 0; c < P.l; c++) {
    let s = 0;
    for (let e = linPtr[c]; e < linPtr[c + 1]; e++) s += linVal[e] * y[linRow[e]];
    out.lin[c] = s;
  }
  return out;
}

function denseAdjoint(a: Float64Array, y: Float64Array, nn: number, m: number, z: Float64Array): void {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    // two constraints per pass over z
    const y0 = y[i], y1 = y[i + 1], o0 = i * nn, o1 = o0 + nn;
    for (let t = 0; t < nn; t++) z[t] += y0 * a[o0 + t] + y1 * a[o1 + t];
  }
  if (i < m) {
    const yi = y[i], o = i * nn;
    for (let t = 0; t < nn; t++) z[t] += yi * a[o + t];
  }
}

function sparseAdjoint(blk: SparseConstraints, y: Float64Array, m: number, z: Float64Array): void {
  const { ptr, p, q, v, n } = blk;
  for (let i = 0; i < m; i++) {
    const yi = y[i];
    for (let e = ptr[i]; e < ptr[i + 1]; e++) z[p[e] * n + q[e]] += yi * v[e];
  }
}

type BlockInput = Matrix | SparseSymmetric | null | undefined;

function checkBlock(where: string, blk: BlockInput, n: number): void {
  if (blk == null) return;
  if (blk instanceof SparseSymmetric) {
    if (blk.n !== n) throw new RangeError(`${where} is a sparse ${blk.n}×${blk.n} matrix, the block is ${n}×${n}`);
    return;
  }
  if (!(blk instanceof Matrix)) throw new RangeError(`${where} must be a Matrix, a SparseSymmetric or null`);
  if (blk.rows !== n || blk.cols !== n) throw new RangeError(`${where} is ${blk.rows}×${blk.cols}, the block is ${n}×${n}`);
  const d = blk.data;
  for (let t = 0; t < d.length; t++) {
    if (!Number.isFinite(d[t])) throw new RangeError(`${where} has a non-finite entry at (${Math.floor(t / n)}, ${t % n})`);
  }
}

/** entries of the block in full symmetric form (dense input counts its nonzeros) */
function countEntries(blk: BlockInput): number {
  if (blk == null) return 0;
  if (blk instanceof SparseSymmetric) {
    let c = 0;
    for (let e = 0; e < blk.v.length; e++) c += blk.i[e] === blk.j[e] ? 1 : 2;
    return c;
  }
  let c = 0;
  for (let t = 0; t < blk.data.length; t++) if (blk.data[t] !== 0) c++;
  return c;
}

/** adds the block into the dense symmetric n×n array z; a dense input enters as its symmetric part (A + Aᵀ)/2 */
function addDense(blk: BlockInput, z: Float64Array, o: number, n: number): void {
  if (blk == null) return;
  if (blk instanceof SparseSymmetric) {
    for (let e = 0; e < blk.v.length; e++) {
      const i = blk.i[e], j = blk.j[e], v = blk.v[e];
      z[o + i * n + j] += v;
      if (i !== j) z[o + j * n + i] += v;
    }
    return;
  }
  const d = blk.data;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) z[o + i * n + j] += 0.5 * (d[i * n + j] + d[j * n + i]);
}

function pushSparse(blk: BlockInput, n: number, p: number[], q: number[], v: number[]): void {
  if (blk == null) return;
  if (blk instanceof SparseSymmetric) {
    for (let e = 0; e < blk.v.length; e++) {
      const i = blk.i[e], j = blk.j[e], x = blk.v[e];
      if (x === 0) continue;
      p.push(i); q.push(j); v.push(x);
      if (i !== j) { p.push(j); q.push(i); v.push(x); }
    }
    return;
  }
  const d = blk.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = 0.5 * (d[i * n + j] + d[j * n + i]);
      if (x !== 0) { p.push(i); q.push(j); v.push(x); }
    }
  }
}

function blocksOf(where: string, B: SdpBlocks, sizes: readonly number[], l: number): void {
  if (!B || !Array.isArray(B.psd) || B.psd.length !== sizes.length) {
    throw new RangeError(`${where} must list ${sizes.length} PSD block(s), got ${B && Array.isArray(B.psd) ? B.psd.length : "none"}`);
  }
  B.psd.forEach((blk, k) => checkBlock(`${where}, block ${k}`, blk, sizes[k]));
  if (B.nonneg != null) {
    if (B.nonneg.length !== l) throw new RangeError(`${where}: the orthant part has ${B.nonneg.length} entries, the problem's orthant has ${l}`);
    for (let t = 0; t < l; t++) if (!Number.isFinite(B.nonneg[t])) throw new RangeError(`${where}: orthant entry ${t} is ${B.nonneg[t]}`);
  }
}

/** Validates the problem (RangeError naming the first bad part) and lays it out for the solver. */
export function compileSdp(problem: SdpProblem, layout: "auto" | "dense" | "sparse" = "auto"): CompiledSdp {
  const sizes = problem.blocks;
  const l = problem.nonneg ?? 0;
  if (!Array.isArray(sizes)) throw new RangeError("sdp: blocks must be an array of PSD block sizes");
  sizes.forEach((n, k) => {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`sdp: PSD block ${k} has size ${n}, must be a positive integer`);
  });
  if (!Number.isInteger(l) || l < 0) throw new RangeError(`sdp: the orthant size is ${l}, must be a non-negative integer`);
  if (sizes.length === 0 && l === 0) throw new RangeError("sdp: the cone is empty (no PSD block and no orthant)");
  const m = problem.A.length;
  if (problem.b.length !== m) throw new RangeError(`sdp: b has ${problem.b.length} entries, there are ${m} constraints`);
  for (let i = 0; i < m; i++) if (!Number.isFinite(problem.b[i])) throw new RangeError(`sdp: b[${i}] is ${problem.b[i]}`);
  blocksOf("sdp: C", problem.C, sizes, l);
  problem.A.forEach((Ai, i) => blocksOf(`sdp: A[${i}]`, Ai, sizes, l));

  const blocks = sizes.map((n, k): DenseConstraints | SparseConstraints => {
    let nnz = 0;
    for (let i = 0; i < m; i++) nnz += countEntries(problem.A[i].psd[k]);
    // sparse Schur entries cost nnzᵢ·nnzⱼ against ~n² per pair for dense ones: sparse when nnz per row ≤ n/2
    if (layout === "sparse" || (layout === "auto" && m > 0 && nnz <= (m * n) / 2)) {
      const p: number[] = [], q: number[] = [], v: number[] = [];
      const ptr = new Int32Array(m + 1);
      for (let i = 0; i < m; i++) {
        pushSparse(problem.A[i].psd[k], n, p, q, v);
        ptr[i + 1] = v.length;
      }
      return { kind: "sparse", n, ptr, p: Int32Array.from(p), q: Int32Array.from(q), v: Float64Array.from(v) };
    }
    const a = new Float64Array(m * n * n);
    for (let i = 0; i < m; i++) addDense(problem.A[i].psd[k], a, i * n * n, n);
    return { kind: "dense", n, a };
  });

  const linPtr = new Int32Array(l + 1);
  const rows: number[] = [], vals: number[] = [];
  for (let c = 0; c < l; c++) {
    for (let i = 0; i < m; i++) {
      const x = problem.A[i].nonneg?.[c] ?? 0;
      if (x !== 0) { rows.push(i); vals.push(x); }
    }
    linPtr[c + 1] = rows.length;
  }

  const C = zeroCone(sizes, l);
  sizes.forEach((n, k) => addDense(problem.C.psd[k], C.psd[k], 0, n));
  if (problem.C.nonneg) C.lin.set(problem.C.nonneg);
  return { m, sizes: sizes.slice(), l, blocks, linPtr, linRow: Int32Array.from(rows), linVal: Float64Array.from(vals), C, b: problem.b.slice() };
}
