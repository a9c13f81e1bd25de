import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import {
  ASSEMBLY_SHA256, BLAS_WASM_BASE64, BLAS_SHARED_WASM_BASE64, GD_WASM_BASE64, GD_SHARED_WASM_BASE64, KERNELS_WASM_BASE64, KERNELS_SHARED_WASM_BASE64,
} from "../../src/linalg/kernels-wasm-bytes.ts";
import {
  Matrix, logisticGradSum, logisticWeight, prepareLogisticGradSum, prepareResidualGradT, residualGradT, wasmLogisticWeight, wasmSimdModule, type BlasExports, type GdExports,
} from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";

/** ‖got − want‖∞ ≤ tol · max(‖want‖∞, tiny) */
function closeInf(got: Float64Array, want: Float64Array, tol: number, what: string): void {
  let err = 0, scale = 0;
  for (let i = 0; i < want.length; i++) {
    err = Math.max(err, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  assert.ok(err <= tol * Math.max(scale, 1e-300), `${what}: ‖Δ‖∞ = ${err}, ‖want‖∞ = ${scale}`);
}

const shapes: [number, number][] = [[0, 4], [1, 4], [3, 5], [4, 4], [5, 7], [8, 9], [9, 16], [13, 1], [6, 2], [37, 33], [200, 101]];

test("Node 20 has WebAssembly SIMD: the kernels module compiles", () => {
  assert.ok(wasmSimdModule() !== null);
});

test("the WASM logistic weight is kernels-exp's logisticWeight bit for bit", () => {
  const w = wasmLogisticWeight();
  assert.ok(w);
  const rng = new Rng(11);
  const ms = [0, -0, 1, -1, 708.9, 709, 709.5, 800, -708, -708.5, -800, Infinity, -Infinity, 1e-300, 36.7];
  for (let k = 0; k < 20000; k++) ms.push((2 * rng.uniform() - 1) * (k % 2 ? 5 : 750));
  for (const m of ms) assert.equal(w(m), logisticWeight(m), `m = ${m}`);
  assert.ok(Number.isNaN(w(NaN)));
});

test("WASM SIMD residualGradT agrees with the plain kernel to 1e-12 on random inputs, every row and column tail", () => {
  const rng = new Rng(12);
  for (const [n, d] of shapes) {
    const A = new Matrix(n, d, rng.fillNormal(new Float64Array(n * d)));
    const kernel = prepareResidualGradT(A);
    assert.equal(kernel.simd, true);
    for (let rep = 0; rep < 2; rep++) {
      const x = rng.fillNormal(new Float64Array(d)), y = rng.fillNormal(new Float64Array(n));
      const r1 = new Float64Array(n), g1 = new Float64Array(d).fill(NaN), r2 = new Float64Array(n), g2 = new Float64Array(d);
      assert.equal(kernel.run(x, y, r1, g1), g1);
      residualGradT(A, x, y, r2, g2);
      closeInf(r1, r2, 1e-12, `r ${n}×${d}`);
      closeInf(g1, g2, 1e-12, `Aᵀr ${n}×${d}`);
    }
  }
});

test("WASM SIMD logisticGradSum agrees with the plain kernel to 1e-12, margins from small to saturated", () => {
  const rng = new Rng(13);
  for (const [n, d] of shapes) {
    const Z = new Matrix(n, d, rng.fillNormal(new Float64Array(n * d)));
    const kernel = prepareLogisticGradSum(Z);
    assert.equal(kernel.simd, d >= 4, `${n}×${d}`);
    for (const s of [0, 0.1, 3, 300]) {
      const w = rng.fillNormal(new Float64Array(d), s);
      const g1 = kernel.run(w, new Float64Array(d).fill(NaN)), g2 = logisticGradSum(Z, w, new Float64Array(d));
      closeInf(g1, g2, 1e-12, `${n}×${d}, |w| ~ ${s}`);
    }
  }
});

test("a prepared kernel keeps its own copy of the matrix and checks vector lengths", () => {
  const A = Matrix.fromRows([[1, 2, 3, 4], [5, 6, 7, 8]]);
  const kernel = prepareResidualGradT(A);
  A.data.fill(0); // not seen by the kernel
  const r = new Float64Array(2), g = new Float64Array(4);
  kernel.run(Float64Array.of(1, 0, 0, 0), Float64Array.of(0, 0), r, g);
  assert.deepEqual(Array.from(r), [1, 5]);
  assert.deepEqual(Array.from(g), [26, 32, 38, 44]);
  assert.throws(() => kernel.run(new Float64Array(3), new Float64Array(2), r, g), /residualGradT \(x, y, r, out\): prepared for 2×4, got vectors of lengths 3, 2, 2, 4, need 4, 2, 2, 4/);
  assert.throws(() => kernel.run(new Float64Array(4), new Float64Array(2), new Float64Array(1), g), RangeError);
});

test("without WebAssembly, or without its SIMD, or with simd: false, the plain kernels run and give the plain results", () => {
  const noSimd = { ...WebAssembly, validate: () => false } as unknown as typeof WebAssembly;
  assert.equal(wasmSimdModule(null), null);
  assert.equal(prepareResidualGradT(new Matrix(4, 4), { webAssembly: null }).simd, false);
  assert.equal(wasmSimdModule(noSimd), null);
  assert.equal(wasmLogisticWeight({ webAssembly: noSimd }), null);
  const rng = new Rng(14);
  const A = new Matrix(9, 6, rng.fillNormal(new Float64Array(54)));
  const x = rng.fillNormal(new Float64Array(6)), y = rng.fillNormal(new Float64Array(9));
  const want = residualGradT(A, x, y, new Float64Array(9), new Float64Array(6));
  const wantL = logisticGradSum(A, x, new Float64Array(6));
  for (const options of [{ webAssembly: noSimd }, { simd: false }]) {
    const k = prepareResidualGradT(A, options);
    assert.equal(k.simd, false);
    assert.deepEqual(k.run(x, y, new Float64Array(9), new Float64Array(6)), want);
    const l = prepareLogisticGradSum(A, options);
    assert.equal(l.simd, false);
    assert.deepEqual(l.run(x, new Float64Array(6)), wantL);
  }
});

test("the embedded WASM bytes were generated from the current AssemblyScript sources (their SHA-256 is recorded with them), each module under 4 KB", () => {
  const dir = new URL("../../src/linalg/assembly/", import.meta.url);
  const names = readdirSync(dir).filter((f) => f.endsWith(".ts")).sort();
  assert.deepEqual(names, ["blas.ts", "dot4.ts", "exp.ts", "gd.ts", "kernels.ts"]);
  const hash = createHash("sha256");
  for (const f of names) hash.update(readFileSync(new URL(f, dir)));
  assert.equal(hash.digest("hex"), ASSEMBLY_SHA256, "src/linalg/assembly changed: run scripts/build-wasm.sh");
  const modules = { kernels: KERNELS_WASM_BASE64, blas: BLAS_WASM_BASE64, gd: GD_WASM_BASE64, "kernels-shared": KERNELS_SHARED_WASM_BASE64, "blas-shared": BLAS_SHARED_WASM_BASE64, "gd-shared": GD_SHARED_WASM_BASE64 };
  for (const [name, b64] of Object.entries(modules)) {
    const bytes = Buffer.from(b64, "base64");
    assert.ok(bytes.length < 4096, `${name}: ${bytes.length} bytes: browsers compile at most 4 KB synchronously on the main thread`);
    const module = new WebAssembly.Module(bytes);
    assert.deepEqual(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}:${i.kind}`), ["env.memory:memory"], name);
    assert.ok(!writesOnInstantiation(module, name.endsWith("-shared")), `${name} wrote into the memory it was given`);
  }
  // the check catches a module with a data segment: (import "env" "memory" (memory 1)) (data (i32.const 0) "\ff")
  const withData = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2, 15, 1, 3, 0x65, 0x6e, 0x76, 6, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 2, 0, 1, 11, 7, 1, 0, 0x41, 0, 0x0b, 1, 0xff]);
  assert.ok(writesOnInstantiation(new WebAssembly.Module(withData), false));
});

/** true when instantiating the module changes any byte of the one-page memory it imports (a data segment) */
function writesOnInstantiation(module: WebAssembly.Module, shared: boolean): boolean {
  const memory = new WebAssembly.Memory(shared ? { initial: 1, maximum: 1, shared: true } : { initial: 1 });
  new Uint8Array(memory.buffer).fill(0xa5);
  new WebAssembly.Instance(module, { env: { memory } });
  return !new Uint8Array(memory.buffer).every((b) => b === 0xa5);
}

test("a prepared logistic kernel names the vector lengths it needs", () => {
  const k = prepareLogisticGradSum(new Matrix(3, 5));
  assert.throws(() => k.run(new Float64Array(4), new Float64Array(5)), /logisticGradSum \(w, out\): prepared for 3×5, got vectors of lengths 4, 5, need 5, 5$/);
});

test("sym_pack and sym_unpack: the packed upper triangle of W₀ + W₁ (off-diagonal doubled) and its symmetric unpacking, as the textbook loops give them", () => {
  const gd = wasmSimdModule(WebAssembly, "gd");
  assert.ok(gd);
  const memory = new WebAssembly.Memory({ initial: 1 });
  const k = new WebAssembly.Instance(gd, { env: { memory } }).exports as unknown as GdExports;
  const rng = new Rng(5);
  for (const n of [1, 2, 5, 8]) {
    const np = (n * (n + 1)) / 2;
    const w0 = rng.fillNormal(new Float64Array(memory.buffer, 0, n * n)), w1 = rng.fillNormal(new Float64Array(memory.buffer, 8 * n * n, n * n));
    const out = new Float64Array(memory.buffer, 16 * n * n, np);
    k.sym_pack(w0.byteOffset, w1.byteOffset, n, out.byteOffset);
    const want: number[] = [];
    for (let j = 0; j < n; j++) for (let l = j; l < n; l++) want.push((l === j ? 1 : 2) * (w0[j * n + l] + w1[j * n + l]));
    assert.deepEqual(Array.from(out), want, `sym_pack n = ${n}`);
    const g0 = rng.fillNormal(new Float64Array(memory.buffer, 0, np)), g1 = rng.fillNormal(new Float64Array(memory.buffer, 8 * np, np));
    const G = new Float64Array(memory.buffer, 16 * np, n * n).fill(NaN);
    k.sym_unpack(g0.byteOffset, g1.byteOffset, n, G.byteOffset);
    for (let j = 0, q = 0; j < n; j++) {
      for (let l = j; l < n; l++, q++) {
        assert.equal(G[j * n + l], g0[q] + g1[q]);
        assert.equal(G[l * n + j], g0[q] + g1[q]);
      }
    }
  }
});

test("gemv_n on any range of rows equals those entries of the whole product bit for bit (each row's sum the same wherever the row sits)", () => {
  const blas = wasmSimdModule(WebAssembly, "blas");
  assert.ok(blas);
  const memory = new WebAssembly.Memory({ initial: 4 });
  const k = new WebAssembly.Instance(blas, { env: { memory } }).exports as unknown as BlasExports;
  const rng = new Rng(23);
  let cases = 0;
  for (const [n, d] of [[13, 7], [9, 100], [11, 1], [16, 6]]) {
    const A = rng.fillNormal(new Float64Array(memory.buffer, 0, n * d)), x = rng.fillNormal(new Float64Array(memory.buffer, 8 * n * d, d));
    const whole = new Float64Array(memory.buffer, 8 * (n * d + d), n), part = new Float64Array(memory.buffer, 8 * (n * d + d + n), n);
    k.gemv_n(A.byteOffset, x.byteOffset, whole.byteOffset, n, d);
    for (let i0 = 0; i0 < n; i0++) {
      for (let i1 = i0 + 1; i1 <= n; i1++, cases++) {
        part.fill(NaN);
        k.gemv_n(A.byteOffset + 8 * i0 * d, x.byteOffset, part.byteOffset + 8 * i0, i1 - i0, d);
        for (let i = i0; i < i1; i++) assert.ok(Object.is(part[i], whole[i]), `${n}×${d}, rows ${i0}…${i1 - 1}: row ${i} ${part[i]} ≠ ${whole[i]}`);
      }
    }
  }
  assert.ok(cases > 300);
});
