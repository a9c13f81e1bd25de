// The fused row passes (residualGradT, logisticGradSum) in WebAssembly SIMD (f64x2), chosen at
// load time: where WebAssembly or its SIMD is missing, the plain TypeScript kernels run instead.
// A WASM kernel is prepared for one matrix, which is copied into the module's memory once;
// each call then copies the d- and n-vectors in and out (no allocation). Sums run in a different
// order from the plain kernels, so results agree to rounding (≈1e-15 relative), not bit for bit;
// each ρᵢ (residual or logistic weight) is the same operation for operation.
import type { Matrix } from "./matrix.ts";
import type { Vec } from "./vector.ts";
import { expTables } from "./kernels-exp.ts";
import { logisticGradSum } from "./kernels-logistic.ts";
import { residualGradT } from "./kernels-residual.ts";
import { BLAS_SHARED_WASM_BASE64, BLAS_WASM_BASE64, GD_SHARED_WASM_BASE64, GD_WASM_BASE64, KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from "./kernels-wasm-bytes.ts";

type WasmApi = typeof WebAssembly;

/** src/linalg/assembly/kernels.ts */
export interface KernelExports {
  logistic_weight(m: number, tab: number): number;
  relu_head(ht: number, a: number, y: number, g: number, n: number, w: number, tab: number, scale: number): void;
  relu_grads(ht: number, x: number, g: number, a: number, gw: number, ga: number, n: number, d: number, w: number, t: number, yb: number, ix: number): void;
  relu_out(ht: number, a: number, f: number, n: number, w: number): void;
  relu_g(f: number, y: number, g: number, n: number, tab: number, scale: number): void;
  relu_tables(x: number, g: number, n: number, d: number, t: number, yb: number): void;
  relu_units(ht: number, g: number, a: number, gw: number, ga: number, n: number, d: number, w: number, t: number, ix: number): void;
}

/** src/linalg/assembly/gd.ts */
export interface GdExports {
  fused_pass(a: number, n: number, d: number, x: number, y: number, r: number, out: number, tab: number, mode: 0 | 1): void;
  logreg_gd(z: number, n: number, d: number, w: number, g: number, tab: number, c: number, iters: number): void;
  logreg2_gd(z0: number, z1: number, n: number, w: number, tab: number, c: number, iters: number): void;
  diag_gd(x: number, n: number, d: number, y: number, r: number, u: number, v: number, w: number, g: number, c: number, iters: number): void;
  sub_scaled(w: number, g: number, d: number, c: number): void;
  diag_update(u: number, v: number, w: number, g: number, d: number, c: number): void;
  sym_pack(w0: number, w1: number, n: number, out: number): void;
  sym_unpack(g0: number, g1: number, n: number, out: number): void;
}

/** src/linalg/assembly/blas.ts */
export interface BlasExports {
  gemm_nn(a: number, b: number, c: number, n: number, m: number, k: number): void;
  gemm_tn(a: number, b: number, c: number, n: number, m: number, q: number, upper: 0 | 1): void;
  gemv_n(a: number, x: number, y: number, n: number, d: number): void;
  gemv_t(a: number, x: number, y: number, n: number, d: number): void;
}

export interface KernelOptions {
  /** false: use the plain TypeScript kernel even where WebAssembly SIMD is available */
  readonly simd?: boolean;
  /** the WebAssembly implementation to use (default: the global one; null: none, as on an engine without it) */
  readonly webAssembly?: WasmApi | null;
}

/** r ← Ax − y, out ← Aᵀr for the A it was prepared with. */
export interface ResidualGradTKernel {
  /** true when the WebAssembly SIMD kernel runs */
  readonly simd: boolean;
  run(x: Vec, y: Vec, r: Vec, out: Vec): Vec;
}

/** out ← Σᵢ ℓ′(⟨zᵢ, w⟩) zᵢ (logistic loss) for the Z it was prepared with. */
export interface LogisticGradSumKernel {
  readonly simd: boolean;
  run(w: Vec, out: Vec): Vec;
}

/** "…-shared": the same module importing a shared memory (for loops split across threads) */
export type WasmModuleName = "kernels" | "blas" | "gd" | "kernels-shared" | "blas-shared" | "gd-shared";
const SOURCES: Record<WasmModuleName, string> = {
  kernels: KERNELS_WASM_BASE64,
  blas: BLAS_WASM_BASE64,
  gd: GD_WASM_BASE64,
  "kernels-shared": KERNELS_SHARED_WASM_BASE64,
  "blas-shared": BLAS_SHARED_WASM_BASE64,
  "gd-shared": GD_SHARED_WASM_BASE64,
};
const compiled = Object.fromEntries(Object.keys(SOURCES).map((k) => [k, new WeakMap()])) as Record<WasmModuleName, WeakMap<WasmApi, WebAssembly.Module | null>>;

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/**
 * A compiled module ("kernels": the logistic weight and the ReLU net's kernels; "blas": GEMMs and GEMVs; "gd": the row
 * passes and GD loops), or null where WebAssembly (wasm = null) or its SIMD proposal is unavailable.
 */
export function wasmSimdModule(wasm: WasmApi | null = globalThis.WebAssembly ?? null, name: WasmModuleName = "kernels"): WebAssembly.Module | null {
  if (!wasm) return null;
  let m = compiled[name].get(wasm);
  if (m === undefined) {
    try {
      const bytes = decode(SOURCES[name]);
      m = wasm.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      m = null;
    }
    compiled[name].set(wasm, m);
  }
  return m;
}

const TAB_BYTES = 8 * (256 + 2201);
const align16 = (b: number) => Math.ceil(b / 16) * 16;

/** Lays out [tables | A | x (d) | y (n) | r (n) | out (d)] in a fresh memory; null if it cannot. */
function instantiate(A: Matrix, options: KernelOptions) {
  if (options.simd === false) return null;
  const wasm = options.webAssembly === undefined ? (globalThis.WebAssembly ?? null) : options.webAssembly;
  const module = wasmSimdModule(wasm), gdModule = wasmSimdModule(wasm, "gd");
  if (!module || !gdModule || !wasm) return null;
  const n = A.rows, d = A.cols;
  const aOff = align16(TAB_BYTES);
  const xOff = align16(aOff + 8 * n * d);
  const yOff = align16(xOff + 8 * d);
  const rOff = align16(yOff + 8 * n);
  const outOff = align16(rOff + 8 * n);
  const bytes = outOff + 8 * d;
  if (bytes > 2 ** 31) return null; // past what 32-bit addresses reach safely: plain kernel
  let memory: WebAssembly.Memory;
  try {
    memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  } catch {
    return null;
  }
  const exports = new wasm.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  const gd = new wasm.Instance(gdModule, { env: { memory } }).exports as unknown as GdExports;
  const buf = memory.buffer;
  const { frac, int } = expTables();
  new Float64Array(buf, 0, 256).set(frac);
  new Float64Array(buf, 8 * 256, 2201).set(int);
  new Float64Array(buf, aOff, n * d).set(A.data);
  return {
    exports,
    gd,
    n,
    d,
    aOff,
    xOff,
    yOff,
    rOff,
    outOff,
    x: new Float64Array(buf, xOff, d),
    y: new Float64Array(buf, yOff, n),
    r: new Float64Array(buf, rOff, n),
    out: new Float64Array(buf, outOff, d),
  };
}

/** Throws unless every length matches; pairs (got, want) past `count` are unused. No allocation unless it throws. */
function checkLengths(name: string, n: number, d: number, count: 2 | 4, g0: number, w0: number, g1: number, w1: number, g2 = 0, w2 = 0, g3 = 0, w3 = 0): void {
  if (g0 === w0 && g1 === w1 && g2 === w2 && g3 === w3) return;
  const got = [g0, g1, g2, g3].slice(0, count), want = [w0, w1, w2, w3].slice(0, count);
  throw new RangeError(`${name}: prepared for ${n}×${d}, got vectors of lengths ${got.join(", ")}, need ${want.join(", ")}`);
}

/** residualGradT for a fixed A, in WebAssembly SIMD where available (A is copied now: later changes to A are not seen). */
export function prepareResidualGradT(A: Matrix, options: KernelOptions = {}): ResidualGradTKernel {
  const k = instantiate(A, options);
  const n = A.rows, d = A.cols;
  if (!k) {
    const copy = { rows: n, cols: d, data: A.data.slice() } as Matrix;
    return { simd: false, run: (x, y, r, out) => residualGradT(copy, x, y, r, out) };
  }
  return {
    simd: true,
    run(x, y, r, out) {
      checkLengths("residualGradT (x, y, r, out)", n, d, 4, x.length, d, y.length, n, r.length, n, out.length, d);
      k.x.set(x);
      k.y.set(y);
      k.gd.fused_pass(k.aOff, n, d, k.xOff, k.yOff, k.rOff, k.outOff, 0, 0);
      r.set(k.r);
      out.set(k.out);
      return out;
    },
  };
}

/** logisticGradSum for a fixed Z, in WebAssembly SIMD where available and d ≥ 4 (for d < 4 the plain kernel's register path is faster). */
export function prepareLogisticGradSum(Z: Matrix, options: KernelOptions = {}): LogisticGradSumKernel {
  const n = Z.rows, d = Z.cols;
  const k = d >= 4 ? instantiate(Z, options) : null;
  if (!k) {
    const copy = { rows: n, cols: d, data: Z.data.slice() } as Matrix;
    return { simd: false, run: (w, out) => logisticGradSum(copy, w, out) };
  }
  return {
    simd: true,
    run(w, out) {
      checkLengths("logisticGradSum (w, out)", n, d, 2, w.length, d, out.length, d);
      k.x.set(w);
      k.gd.fused_pass(k.aOff, n, d, k.xOff, 0, 0, k.outOff, 0, 1);
      out.set(k.out);
      return out;
    },
  };
}

/** The weight 1/(1 + e^m) as computed inside the WASM module (for tests: it must equal logisticWeight exactly); null without SIMD. */
export function wasmLogisticWeight(options: KernelOptions = {}): ((m: number) => number) | null {
  const k = instantiate({ rows: 0, cols: 0, data: new Float64Array(0) } as unknown as Matrix, options);
  return k ? (m) => -k.exports.logistic_weight(m, 0) : null;
}
