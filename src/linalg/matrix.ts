// Dense row-major float64 matrices and level-2/3 kernels (plain TypeScript).
import type { Vec } from "./vector.ts";

export class Matrix {
  readonly rows: number;
  readonly cols: number;
  /** row-major: entry (i, j) is data[i * cols + j] */
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new RangeError(`Matrix: bad shape ${rows}×${cols}`);
    }
    if (data && data.length !== rows * cols) {
      throw new RangeError(`Matrix: data has ${data.length} entries, shape ${rows}×${cols} needs ${rows * cols}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  static identity(n: number): Matrix {
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
    return m;
  }

  static fromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
    const r = rows.length;
    const c = r > 0 ? rows[0].length : 0;
    const m = new Matrix(r, c);
    for (let i = 0; i < r; i++) {
      if (rows[i].length !== c) throw new RangeError(`Matrix.fromRows: row ${i} has ${rows[i].length} entries, expected ${c}`);
      for (let j = 0; j < c; j++) m.data[i * c + j] = rows[i][j];
    }
    return m;
  }

  static diag(d: ArrayLike<number>): Matrix {
    const n = d.length;
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = d[i];
    return m;
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  /** A view of row i (no copy). */
  row(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  col(j: number, out: Float64Array = new Float64Array(this.rows)): Float64Array {
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j];
    return out;
  }

  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  transpose(out: Matrix = new Matrix(this.cols, this.rows)): Matrix {
    const { rows, cols, data } = this;
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.data[j * rows + i] = data[i * cols + j];
    return out;
  }

  toArrays(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }
}

/** out ← A x */
export function gemv(A: Matrix, x: Vec, out: Vec): Vec {
  const { rows, cols, data } = A;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const o = i * cols;
    for (let j = 0; j < cols; j++) s += data[o + j] * x[j];
    out[i] = s;
  }
  return out;
}

/** out ← Aᵀ x */
export function gemvT(A: Matrix, x: Vec, out: Vec): Vec {
  const { rows, cols, data } = A;
  out.fill(0);
  for (let i = 0; i < rows; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[j] += data[o + j] * xi;
  }
  return out;
}

/** Throws unless out is rows×cols and shares no storage with A or B (the kernels write out while reading them). */
function checkOut(name: string, out: Matrix, rows: number, cols: number, A: Matrix, B: Matrix): void {
  if (out.rows !== rows || out.cols !== cols) throw new RangeError(`${name}: out is ${out.rows}×${out.cols}, need ${rows}×${cols}`);
  if (overlaps(out.data, A.data) || overlaps(out.data, B.data)) throw new RangeError(`${name}: out must not alias an input`);
}

function overlaps(a: Float64Array, b: Float64Array): boolean {
  if (a.buffer !== b.buffer || a.length === 0 || b.length === 0) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

/** out ← A B (out must not alias A or B) */
export function gemm(A: Matrix, B: Matrix, out: Matrix = new Matrix(A.rows, B.cols)): Matrix {
  if (A.cols !== B.rows) throw new RangeError(`gemm: ${A.rows}×${A.cols} times ${B.rows}×${B.cols}`);
  checkOut("gemm", out, A.rows, B.cols, A, B);
  const n = A.rows, k = A.cols, m = B.cols;
  const a = A.data, b = B.data, c = out.data;
  c.fill(0);
  for (let i = 0; i < n; i++) {
    const ci = i * m;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      if (aip === 0) continue;
      const bp = p * m;
      for (let j = 0; j < m; j++) c[ci + j] += aip * b[bp + j];
    }
  }
  return out;
}

/** out ← Aᵀ B (out must not alias A or B) */
export function gemmTN(A: Matrix, B: Matrix, out: Matrix = new Matrix(A.cols, B.cols)): Matrix {
  if (A.rows !== B.rows) throw new RangeError(`gemmTN: (${A.rows}×${A.cols})ᵀ times ${B.rows}×${B.cols}`);
  checkOut("gemmTN", out, A.cols, B.cols, A, B);
  const n = A.cols, k = A.rows, m = B.cols;
  const a = A.data, b = B.data, c = out.data;
  c.fill(0);
  for (let p = 0; p < k; p++) {
    const bp = p * m;
    for (let i = 0; i < n; i++) {
      const api = a[p * n + i];
      if (api === 0) continue;
      const ci = i * m;
      for (let j = 0; j < m; j++) c[ci + j] += api * b[bp + j];
    }
  }
  return out;
}

/** out ← A Bᵀ (out must not alias A or B) */
export function gemmNT(A: Matrix, B: Matrix, out: Matrix = new Matrix(A.rows, B.rows)): Matrix {
  if (A.cols !== B.cols) throw new RangeError(`gemmNT: ${A.rows}×${A.cols} times (${B.rows}×${B.cols})ᵀ`);
  checkOut("gemmNT", out, A.rows, B.rows, A, B);
  const n = A.rows, k = A.cols, m = B.rows;
  const a = A.data, b = B.data, c = out.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[j * k + p];
      c[i * m + j] = s;
    }
  }
  return out;
}

/** Frobenius norm ‖A‖_F. */
export function frobenius(A: Matrix): number {
  let s = 0;
  for (let i = 0; i < A.data.length; i++) s += A.data[i] * A.data[i];
  return Math.sqrt(s);
}
