// The constraint matrix G (m×d) of a QP with constraints Gw ≥ h, with the products an
// interior-point iteration needs: Gx, Gᵀy, and the normal matrix
//   M = I + Gᵀ D G = I + Σᵢ Dᵢ gᵢgᵢᵀ   (sum over a chosen subset of the rows gᵢ of G),
// the one d×d matrix each iteration factors: m·d²/2 multiply-adds to form, the bulk of the
// iteration when m ≫ d. In WebAssembly SIMD where available (G and √D times the kept rows in an
// arena; M − I = BᵀB for B = √D G by 4×4 register blocks, upper triangle), else plain TypeScript.
import { Matrix, WasmArena, type KernelOptions } from "../linalg/index.ts";

export class QpOperator {
  private readonly G: Matrix;
  private readonly arena: WasmArena | null;
  /** inside the arena: G, √D times the kept rows, M − I, and the vectors of the GEMVs */
  private readonly Ga?: Matrix;
  private readonly B?: Matrix;
  private readonly C?: Matrix;
  private readonly xd?: Float64Array;
  private readonly xm?: Float64Array;
  private readonly yd?: Float64Array;
  private readonly ym?: Float64Array;

  constructor(G: Matrix, options: KernelOptions = {}) {
    this.G = G;
    const m = G.rows, d = G.cols;
    this.arena = m > 0 && d > 0 ? WasmArena.create(2 * m * d + d * d + 2 * (m + d), options) : null;
    if (this.arena) {
      this.Ga = this.arena.matrix(m, d, G.data);
      this.B = this.arena.matrix(m, d);
      this.C = this.arena.matrix(d, d);
      this.xd = this.arena.vector(d);
      this.xm = this.arena.vector(m);
      this.yd = this.arena.vector(d);
      this.ym = this.arena.vector(m);
    }
  }

  /** true when the WebAssembly SIMD kernels run */
  get simd(): boolean {
    return this.arena !== null;
  }

  /** out ← G x */
  mul(x: Float64Array, out: Float64Array): void {
    if (!this.arena) return mulG(this.G, x, out);
    this.xd!.set(x);
    this.arena.gemv(this.Ga!, this.xd!, this.ym!);
    out.set(this.ym!);
  }

  /** out ← Gᵀ y */
  mulT(y: Float64Array, out: Float64Array): void {
    if (!this.arena) return mulGt(this.G, y, out);
    this.xm!.set(y);
    this.arena.gemvT(this.Ga!, this.xm!, this.yd!);
    out.set(this.yd!);
  }

  /** M ← I + Σ_{i ∈ rows[0..count)} Dᵢ gᵢgᵢᵀ (full storage, symmetric) */
  form(D: Float64Array, rows: Int32Array, count: number, M: Matrix): void {
    if (this.arena && count > 0) this.formSimd(D, rows, count, M);
    else formNormalMatrix(this.G, D, rows, count, M);
  }

  /** M − I = BᵀB for the rows bᵢ = √Dᵢ gᵢ (Dᵢ ≥ 0), upper triangle by the SIMD kernel, then mirrored */
  private formSimd(D: Float64Array, rows: Int32Array, count: number, M: Matrix): void {
    const d = this.G.cols, b = this.B!.data;
    scaledRows(this.G.data, d, D, rows, count, b);
    const B = new Matrix(count, d, b.subarray(0, count * d));
    this.arena!.gemmTNUpper(B, B, this.C!);
    identityPlusSymmetric(this.C!.data, d, M.data);
  }
}

// (the loops are functions of their own: optimized whole, they do not deoptimize on the code after them)

/** b (count×d) ← the rows √Dᵢ gᵢ for i = rows[0..count) of g (row-major, d columns) */
function scaledRows(g: Float64Array, d: number, D: Float64Array, rows: Int32Array, count: number, b: Float64Array): void {
  for (let r = 0; r < count; r++) {
    const i = rows[r], o = i * d, q = r * d, si = Math.sqrt(D[i]);
    for (let j = 0; j < d; j++) b[q + j] = si * g[o + j];
  }
}

/** out (d×d) ← I + C for C given by its upper triangle */
function identityPlusSymmetric(c: Float64Array, d: number, out: Float64Array): void {
  for (let j = 0; j < d; j++) {
    out[j * d + j] = c[j * d + j] + 1;
    for (let k = j + 1; k < d; k++) out[j * d + k] = out[k * d + j] = c[j * d + k];
  }
}

/** out ← G x */
export function mulG(G: Matrix, x: Float64Array, out: Float64Array): void {
  const { rows: m, cols: d, data: g } = G;
  for (let i = 0; i < m; i++) {
    let s = 0;
    const o = i * d;
    for (let j = 0; j < d; j++) s += g[o + j] * x[j];
    out[i] = s;
  }
}

/** out ← Gᵀ y */
export function mulGt(G: Matrix, y: Float64Array, out: Float64Array): void {
  const { rows: m, cols: d, data: g } = G;
  out.fill(0);
  for (let i = 0; i < m; i++) {
    const v = y[i];
    if (v === 0) continue;
    const o = i * d;
    for (let j = 0; j < d; j++) out[j] += v * g[o + j];
  }
}

/**
 * Plain: M ← I + Σ_{i ∈ rows[0..count)} Dᵢ gᵢgᵢᵀ (lower triangle, then mirrored), eight rows at a
 * time so that each entry of M is loaded and stored once per eight rank-one updates.
 */
export function formNormalMatrix(G: Matrix, D: Float64Array, rows: Int32Array, count: number, M: Matrix): void {
  const d = G.cols, g = G.data;
  const a = M.data;
  a.fill(0);
  let b = 0;
  for (; b + 7 < count; b += 8) {
    const i0 = rows[b], i1 = rows[b + 1], i2 = rows[b + 2], i3 = rows[b + 3];
    const i4 = rows[b + 4], i5 = rows[b + 5], i6 = rows[b + 6], i7 = rows[b + 7];
    const o0 = i0 * d, o1 = i1 * d, o2 = i2 * d, o3 = i3 * d, o4 = i4 * d, o5 = i5 * d, o6 = i6 * d, o7 = i7 * d;
    const d0 = D[i0], d1 = D[i1], d2 = D[i2], d3 = D[i3], d4 = D[i4], d5 = D[i5], d6 = D[i6], d7 = D[i7];
    for (let j = 0; j < d; j++) {
      const t0 = d0 * g[o0 + j], t1 = d1 * g[o1 + j], t2 = d2 * g[o2 + j], t3 = d3 * g[o3 + j];
      const t4 = d4 * g[o4 + j], t5 = d5 * g[o5 + j], t6 = d6 * g[o6 + j], t7 = d7 * g[o7 + j];
      const r = j * d;
      for (let k = 0; k <= j; k++) {
        a[r + k] += t0 * g[o0 + k] + t1 * g[o1 + k] + t2 * g[o2 + k] + t3 * g[o3 + k]
          + t4 * g[o4 + k] + t5 * g[o5 + k] + t6 * g[o6 + k] + t7 * g[o7 + k];
      }
    }
  }
  for (; b < count; b++) {
    const i = rows[b];
    const o = i * d, di = D[i];
    for (let j = 0; j < d; j++) {
      const t = di * g[o + j];
      const r = j * d;
      for (let k = 0; k <= j; k++) a[r + k] += t * g[o + k];
    }
  }
  for (let j = 0; j < d; j++) {
    a[j * d + j] += 1;
    for (let k = 0; k < j; k++) a[k * d + j] = a[j * d + k];
  }
}
