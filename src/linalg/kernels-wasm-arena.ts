// Matrices that live in WebAssembly memory, and the SIMD GEMMs (4×4 register blocks of f64x2
// accumulators) that work on them in place:
// a loop that keeps its matrices in an arena calls the kernels with no copying at all, and
// reads and writes the same numbers through ordinary Float64Array views.
import { Matrix } from "./matrix.ts";
import { expTables } from "./kernels-exp.ts";
import { wasmSimdModule, type BlasExports, type KernelExports, type KernelOptions } from "./kernels-wasm.ts";

/** bytes at the start of every arena holding expFast's tables (2^(j/256), then 2^q) */
const TAB_BYTES = 8 * (256 + 2201);

export class WasmArena {
  private readonly exports: KernelExports;
  private readonly blas: BlasExports;
  private readonly memory: WebAssembly.Memory;
  private next = TAB_BYTES;
  /** numbers handed out so far, against the `capacity` asked for */
  private used = 0;
  private readonly capacity: number;

  private constructor(exports: KernelExports, blas: BlasExports, memory: WebAssembly.Memory, capacity: number) {
    this.exports = exports;
    this.blas = blas;
    this.memory = memory;
    this.capacity = capacity;
  }

  /**
   * An arena for `doubles` float64 numbers in all (the memory cannot grow afterwards: growing would
   * detach the views); null where WebAssembly SIMD is unavailable or options.simd is false.
   */
  static create(doubles: number, options: KernelOptions = {}): WasmArena | null {
    if (options.simd === false) return null;
    const wasm = options.webAssembly === undefined ? (globalThis.WebAssembly ?? null) : options.webAssembly;
    const module = wasmSimdModule(wasm), blasModule = wasmSimdModule(wasm, "blas");
    if (!module || !blasModule || !wasm) return null;
    // one page (64 KB) beyond the numbers: room for the 16-byte alignment of up to 4096 arrays
    const pages = Math.ceil((TAB_BYTES + 8 * doubles) / 65536) + 1;
    if (pages * 65536 > 2 ** 31) return null;
    let memory: WebAssembly.Memory;
    try {
      memory = new wasm.Memory({ initial: pages });
    } catch {
      return null; // out of memory: the caller's plain path runs
    }
    const exports = new wasm.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
    const blas = new wasm.Instance(blasModule, { env: { memory } }).exports as unknown as BlasExports;
    const { frac, int } = expTables();
    new Float64Array(memory.buffer, 0, 256).set(frac);
    new Float64Array(memory.buffer, 8 * 256, 2201).set(int);
    return new WasmArena(exports, blas, memory, doubles);
  }

  /** A zero vector inside the arena (16-byte aligned). */
  vector(length: number, init?: ArrayLike<number>): Float64Array {
    return this.matrix(1, length, init).data;
  }

  /** A zero rows×cols matrix inside the arena (16-byte aligned). */
  matrix(rows: number, cols: number, init?: ArrayLike<number>): Matrix {
    const offset = Math.ceil(this.next / 16) * 16;
    const end = offset + 8 * rows * cols;
    if (this.used + rows * cols > this.capacity || end > this.memory.buffer.byteLength) throw new RangeError(`WasmArena: no room for a ${rows}×${cols} matrix`);
    this.next = end;
    this.used += rows * cols;
    const data = new Float64Array(this.memory.buffer, offset, rows * cols);
    if (init) data.set(init);
    return new Matrix(rows, cols, data);
  }

  private address(M: Matrix | Float64Array, name: string): number {
    const data = M instanceof Float64Array ? M : M.data;
    if (data.buffer !== this.memory.buffer) throw new RangeError(`WasmArena: ${name} does not live in this arena`);
    return data.byteOffset;
  }

  /** Throws if C shares storage with A or B (the kernels write C while reading them); allocates nothing. */
  private disjoint(name: string, C: Matrix, A: Matrix, B: Matrix): void {
    if (overlap(C.data, A.data) || overlap(C.data, B.data)) throw new RangeError(`WasmArena.${name}: C must not overlap an input`);
  }

  /** C ← A B (A n×k, B k×m, C n×m, all in this arena; C must not overlap A or B). */
  gemm(A: Matrix, B: Matrix, C: Matrix): Matrix {
    if (A.cols !== B.rows || C.rows !== A.rows || C.cols !== B.cols) {
      throw new RangeError(`WasmArena.gemm: ${A.rows}×${A.cols} times ${B.rows}×${B.cols} into ${C.rows}×${C.cols}`);
    }
    const a = this.address(A, "A"), b = this.address(B, "B"), c = this.address(C, "C");
    this.disjoint("gemm", C, A, B);
    this.blas.gemm_nn(a, b, c, A.rows, B.cols, A.cols);
    return C;
  }

  /** C ← Aᵀ B (A n×m, B n×q, C m×q, all in this arena; C must not overlap A or B). */
  gemmTN(A: Matrix, B: Matrix, C: Matrix): Matrix {
    if (A.rows !== B.rows || C.rows !== A.cols || C.cols !== B.cols) {
      throw new RangeError(`WasmArena.gemmTN: (${A.rows}×${A.cols})ᵀ times ${B.rows}×${B.cols} into ${C.rows}×${C.cols}`);
    }
    const a = this.address(A, "A"), b = this.address(B, "B"), c = this.address(C, "C");
    this.disjoint("gemmTN", C, A, B);
    this.blas.gemm_tn(a, b, c, A.rows, A.cols, B.cols, 0);
    return C;
  }

  /**
   * The upper triangle of C ← Aᵀ B for A, B n×m whose product is known to be symmetric (a Gram matrix
   * Aᵀ A, or Aᵀ D A given B = D A): C (m×m) gets every entry with j ≥ i, computed as in gemmTN (half
   * the work); the entries below the diagonal are left as they are, or hold parts of the product.
   * Mirror the upper triangle to use C as a full matrix.
   */
  gemmTNUpper(A: Matrix, B: Matrix, C: Matrix): Matrix {
    if (A.rows !== B.rows || A.cols !== B.cols || C.rows !== A.cols || C.cols !== A.cols) {
      throw new RangeError(`WasmArena.gemmTNUpper: (${A.rows}×${A.cols})ᵀ times ${B.rows}×${B.cols} into ${C.rows}×${C.cols}`);
    }
    const a = this.address(A, "A"), b = this.address(B, "B"), c = this.address(C, "C");
    this.disjoint("gemmTNUpper", C, A, B);
    this.blas.gemm_tn(a, b, c, A.rows, A.cols, B.cols, 1);
    return C;
  }

  /** y ← A x (A n×d, x of length d, y of length n, all in this arena; y must not overlap A or x). */
  gemv(A: Matrix, x: Float64Array, y: Float64Array): Float64Array {
    if (x.length !== A.cols || y.length !== A.rows) throw new RangeError(`WasmArena.gemv: ${A.rows}×${A.cols} times a vector of ${x.length} into ${y.length}`);
    const a = this.address(A, "A"), px = this.address(x, "x"), py = this.address(y, "y");
    if (overlap(y, A.data) || overlap(y, x)) throw new RangeError("WasmArena.gemv: y must not overlap an input");
    this.blas.gemv_n(a, px, py, A.rows, A.cols);
    return y;
  }

  /** y ← Aᵀ x (A n×d, x of length n, y of length d, all in this arena; y must not overlap A or x). */
  gemvT(A: Matrix, x: Float64Array, y: Float64Array): Float64Array {
    if (x.length !== A.rows || y.length !== A.cols) throw new RangeError(`WasmArena.gemvT: (${A.rows}×${A.cols})ᵀ times a vector of ${x.length} into ${y.length}`);
    const a = this.address(A, "A"), px = this.address(x, "x"), py = this.address(y, "y");
    if (overlap(y, A.data) || overlap(y, x)) throw new RangeError("WasmArena.gemvT: y must not overlap an input");
    this.blas.gemv_t(a, px, py, A.rows, A.cols);
    return y;
  }

  /**
   * The output layer of a two-layer ReLU net f(xᵢ) = Σⱼ aⱼ relu(Hᵢⱼ) under the logistic loss, fused:
   * gᵢ = −yᵢ σ(−yᵢ fᵢ) · scale, ga ← Σᵢ gᵢ relu(Hᵢ·) and Gh ← (g aᵀ) ⊙ [H > 0]; H, Gh n×w, a, ga of
   * length w, y of length n, all in this arena. Returns Gh.
   */
  reluLogisticHead(H: Matrix, a: Float64Array, y: Float64Array, scale: number, Gh: Matrix, ga: Float64Array): Matrix {
    const n = H.rows, w = H.cols;
    if (a.length !== w || ga.length !== w || y.length !== n || Gh.rows !== n || Gh.cols !== w) {
      throw new RangeError(`WasmArena.reluLogisticHead: H is ${n}×${w}, a ${a.length}, ga ${ga.length}, y ${y.length}, Gh ${Gh.rows}×${Gh.cols}`);
    }
    const h = this.address(H, "H"), pa = this.address(a, "a"), py = this.address(y, "y"), gh = this.address(Gh, "Gh"), pga = this.address(ga, "ga");
    this.exports.relu_logistic_head(h, gh, pa, pga, py, n, w, 0, scale);
    return Gh;
  }
}

function overlap(a: Float64Array, b: Float64Array): boolean {
  return a.length > 0 && b.length > 0 && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}
