// Matrices that live in WebAssembly memory, and the SIMD GEMMs (4×4 register blocks of f64x2
// accumulators) that work on them in place:
// a loop that keeps its matrices in an arena calls the kernels with no copying at all, and
// reads and writes the same numbers through ordinary Float64Array views.
import { Matrix } from "./matrix.ts";
import { expTables } from "./kernels-exp.ts";
import { wasmSimdModule, type BlasExports, type GdExports, type KernelExports, type KernelOptions } from "./kernels-wasm.ts";

/** bytes at the start of every arena holding expFast's tables (2^(j/256), then 2^q) */
const TAB_BYTES = 8 * (256 + 2201);

export class WasmArena {
  private readonly exports: KernelExports;
  private readonly blas: BlasExports;
  private readonly gd: GdExports;
  private readonly memory: WebAssembly.Memory;
  private next = TAB_BYTES;
  /** numbers handed out so far, against the `capacity` asked for */
  private used = 0;
  private readonly capacity: number;

  private constructor(exports: KernelExports, blas: BlasExports, gd: GdExports, memory: WebAssembly.Memory, capacity: number) {
    this.exports = exports;
    this.blas = blas;
    this.gd = gd;
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
    const module = wasmSimdModule(wasm), blasModule = wasmSimdModule(wasm, "blas"), gdModule = wasmSimdModule(wasm, "gd");
    if (!module || !blasModule || !gdModule || !wasm) return null;
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
    const gd = new wasm.Instance(gdModule, { env: { memory } }).exports as unknown as GdExports;
    const { frac, int } = expTables();
    new Float64Array(memory.buffer, 0, 256).set(frac);
    new Float64Array(memory.buffer, 8 * 256, 2201).set(int);
    return new WasmArena(exports, blas, gd, memory, doubles);
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

  /** y ← y − c·x (same lengths, both in this arena; they may be the same array only if equal). */
  subScaled(y: Float64Array, c: number, x: Float64Array): Float64Array {
    if (x.length !== y.length) throw new RangeError(`WasmArena.subScaled: y has ${y.length} entries, x ${x.length}`);
    this.gd.sub_scaled(this.address(y, "y"), this.address(x, "x"), y.length, c);
    return y;
  }

  /**
   * `iters` steps of gradient descent on Σᵢ log(1 + e^−⟨zᵢ,w⟩): w ← w − c Σᵢ ℓ′(⟨zᵢ, w⟩) zᵢ (ℓ′(m) = −1/(1 + eᵐ)),
   * each step one fused SIMD pass over the rows of Z (n×d), all inside the module; g (length d) is scratch and
   * ends holding the last step's Σᵢ ℓ′ zᵢ. Z, w, g in this arena; w and g must not overlap Z or each other.
   */
  logisticGd(Z: Matrix, w: Float64Array, g: Float64Array, c: number, iters: number): Float64Array {
    const n = Z.rows, d = Z.cols;
    if (w.length !== d || g.length !== d) throw new RangeError(`WasmArena.logisticGd: Z is ${n}×${d}, w has ${w.length} entries, g ${g.length}`);
    const z = this.address(Z, "Z"), pw = this.address(w, "w"), pg = this.address(g, "g");
    if (overlap(w, Z.data) || overlap(g, Z.data) || overlap(w, g)) throw new RangeError("WasmArena.logisticGd: w, g and Z must not overlap");
    this.gd.logreg_gd(z, n, d, pw, pg, 0, c, iters);
    return w;
  }

  /**
   * The same for d = 2 with Z given by its columns z0, z1 (length n each): two rows per f64x2 lane pair,
   * w (length 2) in registers during the steps.
   */
  logisticGd2(z0: Float64Array, z1: Float64Array, w: Float64Array, c: number, iters: number): Float64Array {
    if (z1.length !== z0.length || w.length !== 2) throw new RangeError(`WasmArena.logisticGd2: columns of ${z0.length} and ${z1.length} entries, w of ${w.length} (need 2)`);
    const a = this.address(z0, "z0"), b = this.address(z1, "z1"), pw = this.address(w, "w");
    if (overlap(w, z0) || overlap(w, z1)) throw new RangeError("WasmArena.logisticGd2: w must not overlap Z");
    this.gd.logreg2_gd(a, b, z0.length, pw, 0, c, iters);
    return w;
  }

  /**
   * `iters` steps of gradient descent on ½‖Xw − y‖² over w = u⊙u − v⊙v (a diagonal linear network): r = Xw − y,
   * g = Xᵀr (one fused SIMD pass), u ← u − c g⊙u, v ← v + c g⊙v, w ← u⊙u − v⊙v (c = 2η), all inside the module.
   * X n×d, y and r of length n, u, v, w, g of length d, all in this arena and disjoint (w must start as u⊙u − v⊙v).
   */
  diagNetGd(X: Matrix, y: Float64Array, r: Float64Array, u: Float64Array, v: Float64Array, w: Float64Array, g: Float64Array, c: number, iters: number): void {
    const n = X.rows, d = X.cols;
    if (y.length !== n || r.length !== n || u.length !== d || v.length !== d || w.length !== d || g.length !== d) {
      throw new RangeError(`WasmArena.diagNetGd: X is ${n}×${d}, y ${y.length}, r ${r.length}, u ${u.length}, v ${v.length}, w ${w.length}, g ${g.length}`);
    }
    const py = this.address(y, "y"), pr = this.address(r, "r"), pu = this.address(u, "u"), pv = this.address(v, "v"), pw = this.address(w, "w"), pg = this.address(g, "g");
    if (overlap(r, X.data) || overlap(u, X.data) || overlap(v, X.data) || overlap(w, X.data) || overlap(g, X.data)) throw new RangeError("WasmArena.diagNetGd: r, u, v, w, g must not overlap X");
    if (overlap(r, y) || overlap(u, v) || overlap(u, w) || overlap(u, g) || overlap(v, w) || overlap(v, g) || overlap(w, g) || overlap(r, u) || overlap(r, v) || overlap(r, w) || overlap(r, g)) {
      throw new RangeError("WasmArena.diagNetGd: r, u, v, w, g must not overlap each other or y");
    }
    this.gd.diag_gd(this.address(X, "X"), n, d, py, pr, pu, pv, pw, pg, c, iters);
  }

  /**
   * The output layer of a two-layer ReLU net f(xᵢ) = Σⱼ aⱼ relu(Hᵀⱼᵢ) under the logistic loss, for the
   * pre-activations stored unit by unit, HT (w×n): g ← (yᵢ ℓ′(yᵢ fᵢ)·scale)ᵢ = (−yᵢ σ(−yᵢ fᵢ)·scale)ᵢ,
   * the derivative of scale·Σᵢ log(1 + e^(−yᵢfᵢ)) in fᵢ. a (w), y and g (n) in this arena. Returns g.
   */
  reluHead(HT: Matrix, a: Float64Array, y: Float64Array, scale: number, g: Float64Array): Float64Array {
    const w = HT.rows, n = HT.cols;
    if (a.length !== w || y.length !== n || g.length !== n) throw new RangeError(`WasmArena.reluHead: Hᵀ is ${w}×${n}, a ${a.length}, y ${y.length}, g ${g.length}`);
    const ht = this.address(HT, "Hᵀ"), pa = this.address(a, "a"), py = this.address(y, "y"), pg = this.address(g, "g");
    if (overlap(g, HT.data) || overlap(g, a) || overlap(g, y)) throw new RangeError("WasmArena.reluHead: g must not overlap an input");
    this.exports.relu_head(ht, pa, py, pg, n, w, 0, scale);
    return g;
  }

  /**
   * Doubles of scratch reluGrads needs for n examples of d features: a table of 64 rows (of d rounded up
   * to even) per chunk of six examples, 6 rows more, and one 32-bit row index per chunk.
   */
  static reluGradsScratch(n: number, d: number): number {
    const chunks = Math.ceil(n / 6), dp = d + (d & 1);
    return 64 * dp * chunks + 6 * dp + Math.ceil(chunks / 2);
  }

  /**
   * The layers' gradients of Σᵢ gᵢ f(xᵢ) for the net of reluHead: gaⱼ = Σᵢ gᵢ relu(Hᵀⱼᵢ) and
   * gWⱼ = aⱼ Σᵢ [Hᵀⱼᵢ > 0] gᵢ xᵢ, the second by subset sums over the binary mask (six examples per table,
   * all tables kept, then each unit's row summed in registers).
   * HT w×n, X n×d, g (n), a, ga (w); gW is w×dp with dp = d rounded up to even (its last column 0 when d is
   * odd); scratch of reluGradsScratch(n, d) doubles; all in this arena, outputs disjoint from inputs.
   */
  reluGrads(HT: Matrix, X: Matrix, g: Float64Array, a: Float64Array, gW: Matrix, ga: Float64Array, scratch: Float64Array): void {
    const w = HT.rows, n = HT.cols, d = X.cols, dp = d + (d & 1);
    if (X.rows !== n || g.length !== n || a.length !== w || ga.length !== w || gW.rows !== w || gW.cols !== dp || scratch.length < WasmArena.reluGradsScratch(n, d)) {
      throw new RangeError(`WasmArena.reluGrads: Hᵀ is ${w}×${n}, X ${X.rows}×${d}, g ${g.length}, a ${a.length}, ga ${ga.length}, gW ${gW.rows}×${gW.cols} (need ${w}×${dp}), scratch ${scratch.length}`);
    }
    const ht = this.address(HT, "Hᵀ"), px = this.address(X, "X"), pg = this.address(g, "g"), pa = this.address(a, "a");
    const pgw = this.address(gW, "gW"), pga = this.address(ga, "ga"), pt = this.address(scratch, "scratch");
    if (overlapsAny(gW.data, HT.data, X.data, g, a) || overlapsAny(ga, HT.data, X.data, g, a) || overlapsAny(scratch, HT.data, X.data, g, a)) {
      throw new RangeError("WasmArena.reluGrads: gW, ga and the scratch must not overlap an input");
    }
    if (overlap(gW.data, ga) || overlap(gW.data, scratch) || overlap(ga, scratch)) throw new RangeError("WasmArena.reluGrads: gW, ga and the scratch must not overlap each other");
    const tableBytes = 8 * 64 * dp * Math.ceil(n / 6);
    this.exports.relu_grads(ht, px, pg, pa, pgw, pga, n, d, w, pt, pt + tableBytes, pt + tableBytes + 8 * 6 * dp);
  }
}

function overlapsAny(out: Float64Array, a: Float64Array, b: Float64Array, c: Float64Array, d: Float64Array): boolean {
  return overlap(out, a) || overlap(out, b) || overlap(out, c) || overlap(out, d);
}

function overlap(a: Float64Array, b: Float64Array): boolean {
  return a.length > 0 && b.length > 0 && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}
