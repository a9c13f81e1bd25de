// Matrices that live in WebAssembly memory, and the SIMD GEMMs that work on them in place:
// a loop that keeps its matrices in an arena calls the kernels with no copying at all, and
// reads and writes the same numbers through ordinary Float64Array views.
import { Matrix } from "./matrix.ts";
import { wasmSimdModule, type KernelExports, type KernelOptions } from "./kernels-wasm.ts";

export class WasmArena {
  private readonly exports: KernelExports;
  private readonly memory: WebAssembly.Memory;
  private next = 0;

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
    const bytes = 8 * doubles + 64; // + alignment slack
    if (bytes > 2 ** 31) return null;
    const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    const exports = new wasm.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
    return new WasmArena(exports, memory);
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

  private address(M: Matrix, name: string): number {
    if (M.data.buffer !== this.memory.buffer) throw new RangeError(`WasmArena: ${name} does not live in this arena`);
    return M.data.byteOffset;
  }

  /** Throws if C shares storage with A or B (the kernels write C while reading them). */
  private disjoint(name: string, C: Matrix, A: Matrix, B: Matrix): void {
    for (const M of [A, B]) {
      const a = C.data, b = M.data;
      if (a.length && b.length && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength) {
        throw new RangeError(`WasmArena.${name}: C must not overlap an input`);
      }
    }
  }

  /** C ← A Bᵀ (A n×k, B m×k, C n×m, all in this arena; C must not overlap A or B). */
  gemmNT(A: Matrix, B: Matrix, C: Matrix): Matrix {
    if (A.cols !== B.cols || C.rows !== A.rows || C.cols !== B.rows) {
      throw new RangeError(`WasmArena.gemmNT: ${A.rows}×${A.cols} times (${B.rows}×${B.cols})ᵀ into ${C.rows}×${C.cols}`);
    }
    const a = this.address(A, "A"), b = this.address(B, "B"), c = this.address(C, "C");
    this.disjoint("gemmNT", C, A, B);
    this.exports.gemm_nt(a, b, c, A.rows, B.rows, A.cols);
    return C;
  }

  /** C ← C + Aᵀ B (A n×m, B n×k, C m×k, all in this arena); columns j with A[i..i+3][j] all zero are skipped. */
  gemmTNAcc(A: Matrix, B: Matrix, C: Matrix): Matrix {
    if (A.rows !== B.rows || C.rows !== A.cols || C.cols !== B.cols) {
      throw new RangeError(`WasmArena.gemmTNAcc: (${A.rows}×${A.cols})ᵀ times ${B.rows}×${B.cols} into ${C.rows}×${C.cols}`);
    }
    const a = this.address(A, "A"), b = this.address(B, "B"), c = this.address(C, "C");
    this.disjoint("gemmTNAcc", C, A, B);
    this.exports.gemm_tn_acc(a, b, c, A.rows, A.cols, B.cols);
    return C;
  }
}
