// Matrices that live in WebAssembly memory, and the SIMD GEMMs (4×4 register blocks of f64x2
// accumulators) that work on them in place:
// a loop that keeps its matrices in an arena calls the kernels with no copying at all, and
// reads and writes the same numbers through ordinary Float64Array views.
import { Matrix } from "./matrix.ts";
import { expTables } from "./kernels-exp.ts";
import { wasmSimdModule, type KernelExports, type KernelOptions } from "./kernels-wasm.ts";

/** bytes at the start of every arena holding expFast's tables (2^(j/256), then 2^q) */
const TAB_BYTES = 8 * (256 + 2201);

export class WasmArena {
  private readonly exports: KernelExports;
  private readonly memory: WebAssembly.Memory;
  private next = TAB_BYTES;

  private constructor(exports: KernelExports, memory: WebAssembly.Memory) {
    this.exports = exports;
    this.memory = memory;
  }

  /**
   * An arena for `doubles` float64 numbers in all (the memory cannot grow afterwards: growing would
   * detach the views); null where WebAssembly SIMD is unavailable or options.simd is false.
   */
  static create(doubles: number, options: KernelOptions = {}): WasmArena | null {
    if (options.simd === false) return null;
    const wasm = options.webAssembly === undefined ? (globalThis.WebAssembly ?? null) : options.webAssembly;
    const module = wasmSimdModule(wasm);
    if (!module || !wasm) return null;
    const bytes = TAB_BYTES + 8 * doubles + 64; // + alignment slack
    if (bytes > 2 ** 31) return null;
    const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    const exports = new wasm.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
    const { frac, int } = expTables();
    new Float64Array(memory.buffer, 0, 256).set(frac);
    new Float64Array(memory.buffer, 8 * 256, 2201).set(int);
    return new WasmArena(exports, memory);
  }

  /** A zero vector inside the arena (16-byte aligned). */
  vector(length: number, init?: ArrayLike<number>): Float64Array {
    return this.matrix(1, length, init).data;
  }

  /** A zero rows×cols matrix inside the arena (16-byte aligned). */
  matrix(rows: number, cols: number, init?: ArrayLike<number>): Matrix {
    const offset = Math.ceil(this.next / 16) * 16;
    const end = offset + 8 * rows * cols;
    if (end > this.memory.buffer.byteLength) throw new RangeError(`WasmArena: no room for a ${rows}×${cols} matrix`);
    this.next = end;
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
    this.exports.gemm_nn(a, b, c, A.rows, B.cols, A.cols);
    return C;
  }

  /** C ← Aᵀ B (A n×m, B n×q, C m×q, all in this arena; C must not overlap A or B). */
  gemmTN(A: Matrix, B: Matrix, C: Matrix): Matrix {
    if (A.rows !== B.rows || C.rows !== A.cols || C.cols !== B.cols) {
      throw new RangeError(`WasmArena.gemmTN: (${A.rows}×${A.cols})ᵀ times ${B.rows}×${B.cols} into ${C.rows}×${C.cols}`);
    }
    const a = this.address(A, "A"), b = this.address(B, "B"), c = this.address(C, "C");
    this.disjoint("gemmTN", C, A, B);
    this.exports.gemm_tn(a, b, c, A.rows, A.cols, B.cols);
    return C;
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
