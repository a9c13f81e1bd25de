import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, WasmArena } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { maxAbsDiff, naiveMul, naiveT, randn } from "./helpers.ts";

// every combination of full 4×4 blocks and leftover rows/columns, and empty shapes
const shapes: [number, number, number][] = [[1, 1, 1], [4, 3, 4], [5, 7, 9], [8, 20, 200], [9, 2, 13], [3, 6, 1], [0, 3, 3], [13, 4, 0], [4, 0, 4], [37, 21, 6], [50, 50, 50]];

test("WasmArena.gemm equals the textbook A B on every block and tail", () => {
  const rng = new Rng(15);
  for (const [n, k, m] of shapes) {
    const arena = WasmArena.create(n * k + k * m + n * m)!;
    assert.ok(arena);
    const A0 = randn(rng, n, k), B0 = randn(rng, k, m);
    const A = arena.matrix(n, k, A0.data), B = arena.matrix(k, m, B0.data), C = arena.matrix(n, m, new Float64Array(n * m).fill(NaN));
    assert.equal(arena.gemm(A, B, C), C);
    assert.ok(maxAbsDiff(C, naiveMul(A0, B0)) <= 1e-13 * Math.max(1, k), `${n}×${k}×${m}`);
  }
});

test("WasmArena.gemmTN equals the textbook Aᵀ B on every block and tail", () => {
  const rng = new Rng(16);
  for (const [n, m, q] of shapes) {
    const arena = WasmArena.create(n * m + n * q + m * q)!;
    const A0 = randn(rng, n, m), B0 = randn(rng, n, q);
    for (let p = 0; p < A0.data.length; p++) if (rng.uniform() < 0.5) A0.data[p] = 0; // ReLU-like zeros change nothing
    const A = arena.matrix(n, m, A0.data), B = arena.matrix(n, q, B0.data), C = arena.matrix(m, q, new Float64Array(m * q).fill(NaN));
    assert.equal(arena.gemmTN(A, B, C), C);
    assert.ok(maxAbsDiff(C, naiveMul(naiveT(A0), B0)) <= 1e-13 * Math.max(1, n), `${n}×${m}×${q}`);
  }
});

test("WasmArena refuses foreign matrices, overlapping outputs, bad shapes and overflow; null without SIMD", () => {
  const arena = WasmArena.create(40)!;
  const A = arena.matrix(2, 3), B = arena.matrix(3, 2), C = arena.matrix(2, 2);
  assert.throws(() => arena.gemm(new Matrix(2, 3), B, C), /does not live in this arena/);
  assert.throws(() => arena.gemm(A, B, new Matrix(2, 2, new Float64Array(4))), /does not live/);
  assert.throws(() => arena.gemm(A, A, C), /2×3 times 2×3 into 2×2/);
  assert.throws(() => arena.gemmTN(A, B, C), /\(2×3\)ᵀ times 3×2 into 2×2/);
  assert.throws(() => arena.matrix(100, 100), /no room/);
  const overlapping = new Matrix(2, 2, new Float64Array(A.data.buffer, A.data.byteOffset, 4));
  assert.throws(() => arena.gemm(A, B, overlapping), /overlap/);
  assert.equal(WasmArena.create(10, { simd: false }), null);
  assert.equal(WasmArena.create(10, { webAssembly: null }), null);
});

test("WasmArena.reluHead and reluGrads: the output layer and both layers' gradients as the textbook loops compute them, every tail of examples (chunks of six), units (groups of four) and features (odd d)", () => {
  const rng = new Rng(17);
  for (const [n, d, w] of [[1, 1, 1], [5, 3, 4], [7, 4, 9], [13, 5, 6], [20, 20, 33], [12, 2, 5], [6, 9, 2], [31, 16, 3], [37, 33, 5]]) {
    const dp = d + (d & 1);
    const arena = WasmArena.create(2 * n * w + n * d + w * dp + 3 * n + 3 * w + WasmArena.reluGradsScratch(n, d))!;
    // pre-activations with exact zeros and a NaN (both count as off)
    const h0 = rng.fillNormal(new Float64Array(w * n), 3);
    for (let p = 0; p < h0.length; p++) if (rng.uniform() < 0.1) h0[p] = 0;
    if (n * w > 3) h0[3] = NaN;
    const HT = arena.matrix(w, n, h0);
    const X = arena.matrix(n, d, rng.fillNormal(new Float64Array(n * d)));
    const a = arena.vector(w, rng.fillNormal(new Float64Array(w)));
    const y = arena.vector(n, Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1)));
    const g = arena.vector(n, new Float64Array(n).fill(NaN));
    assert.equal(arena.reluHead(HT, a, y, 1 / n, g), g);
    const relu = (v: number) => (v > 0 ? v : 0);
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let j = 0; j < w; j++) f += a[j] * relu(HT.get(j, i));
      const want = (-y[i] / (1 + Math.exp(y[i] * f))) / n; // −y σ(−y f)/n
      assert.ok(Math.abs(g[i] - want) <= 1e-14 * Math.max(1e-300, Math.abs(want)) + 1e-17, `g[${i}] (${n}×${d}×${w}): ${g[i]} vs ${want}`);
    }
    const gW = arena.matrix(w, dp, new Float64Array(w * dp).fill(NaN)), ga = arena.vector(w, new Float64Array(w).fill(NaN));
    const scratch = arena.vector(WasmArena.reluGradsScratch(n, d));
    arena.reluGrads(HT, X, g, a, gW, ga, scratch);
    let scale = 0;
    const want = new Float64Array(w * d), gaWant = new Float64Array(w);
    for (let j = 0; j < w; j++) {
      for (let i = 0; i < n; i++) {
        const h = HT.get(j, i);
        gaWant[j] += g[i] * relu(h);
        if (h > 0) for (let k = 0; k < d; k++) want[j * d + k] += a[j] * g[i] * X.get(i, k);
      }
      for (let k = 0; k < d; k++) scale = Math.max(scale, Math.abs(want[j * d + k]));
    }
    for (let j = 0; j < w; j++) {
      assert.ok(Math.abs(ga[j] - gaWant[j]) <= 1e-12 * Math.max(1e-300, Math.abs(gaWant[j])) + 1e-18, `ga[${j}] (${n}×${d}×${w})`);
      for (let k = 0; k < d; k++) assert.ok(Math.abs(gW.get(j, k) - want[j * d + k]) <= 1e-12 * scale, `gW[${j},${k}] (${n}×${d}×${w}): ${gW.get(j, k)} vs ${want[j * d + k]}`);
      if (dp > d) assert.ok(gW.get(j, d) === 0, "the padding column is zero");
    }
  }
  const arena = WasmArena.create(200)!;
  assert.throws(() => arena.reluHead(arena.matrix(3, 2), arena.vector(2), arena.vector(2), 1, arena.vector(2)), /Hᵀ is 3×2, a 2, y 2, g 2/);
  const HT = arena.matrix(2, 3), X = arena.matrix(3, 3);
  assert.throws(() => arena.reluGrads(HT, X, arena.vector(3), arena.vector(2), arena.matrix(2, 3), arena.vector(2), new Float64Array(0)), /gW 2×3 \(need 2×4\)/);
});

test("WasmArena.gemmTNUpper: the upper triangle of Aᵀ B (a Gram matrix) to 1e-13 on every block and tail, the lower one untouched off the diagonal blocks", () => {
  const rng = new Rng(18);
  for (const [n, m] of [[1, 1], [3, 4], [7, 5], [9, 13], [40, 17], [0, 6], [250, 100]]) {
    const arena = WasmArena.create(2 * n * m + m * m)!;
    const A0 = randn(rng, n, m);
    const D = Float64Array.from({ length: n }, () => rng.uniform());
    const B0 = new Matrix(n, m, A0.data.map((v, p) => D[Math.floor(p / m)] * v));
    const A = arena.matrix(n, m, A0.data), B = arena.matrix(n, m, B0.data), C = arena.matrix(m, m, new Float64Array(m * m).fill(NaN));
    assert.equal(arena.gemmTNUpper(A, B, C), C);
    const want = naiveMul(naiveT(A0), B0);
    for (let i = 0; i < m; i++) {
      for (let j = i; j < m; j++) assert.ok(Math.abs(C.get(i, j) - want.get(i, j)) <= 1e-13 * Math.max(1, n), `${n}×${m}: C[${i},${j}]`);
      // below the diagonal: only inside the 4×4 blocks that straddle it
      for (let j = 0; j < i; j++) if (Math.floor(i / 4) !== Math.floor(j / 4) || i >= (m & ~3)) assert.ok(Number.isNaN(C.get(i, j)), `${n}×${m}: C[${i},${j}] written`);
    }
  }
  const arena = WasmArena.create(64)!;
  assert.throws(() => arena.gemmTNUpper(arena.matrix(3, 2), arena.matrix(3, 3), arena.matrix(2, 2)), /gemmTNUpper: \(3×2\)ᵀ times 3×3 into 2×2/);
});

test("WasmArena.gemv and gemvT equal the textbook products to 1e-13 on every row and column tail", () => {
  const rng = new Rng(19);
  for (const [n, d] of [[1, 1], [3, 2], [4, 4], [5, 7], [9, 1], [13, 6], [0, 5], [5, 0], [37, 101], [600, 100]]) {
    const arena = WasmArena.create(n * d + 2 * (n + d))!;
    const A0 = randn(rng, n, d);
    const A = arena.matrix(n, d, A0.data);
    const x = arena.vector(d, rng.fillNormal(new Float64Array(d))), u = arena.vector(n, rng.fillNormal(new Float64Array(n)));
    const y = arena.vector(n, new Float64Array(n).fill(NaN)), v = arena.vector(d, new Float64Array(d).fill(NaN));
    assert.equal(arena.gemv(A, x, y), y);
    assert.equal(arena.gemvT(A, u, v), v);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += A0.get(i, j) * x[j];
      assert.ok(Math.abs(y[i] - s) <= 1e-13 * Math.max(1, d), `Ax ${n}×${d} [${i}]`);
    }
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += A0.get(i, j) * u[i];
      assert.ok(Math.abs(v[j] - s) <= 1e-13 * Math.max(1, n), `Aᵀu ${n}×${d} [${j}]`);
    }
  }
  const arena = WasmArena.create(64)!;
  const A = arena.matrix(3, 2), x = arena.vector(2), y = arena.vector(3);
  assert.throws(() => arena.gemv(A, y, x), /gemv: 3×2 times a vector of 3 into 2/);
  assert.throws(() => arena.gemvT(A, x, y), /gemvT: \(3×2\)ᵀ times a vector of 2 into 3/);
  assert.throws(() => arena.gemv(A, x, new Float64Array(3)), /does not live in this arena/);
  assert.throws(() => arena.gemv(A, x, new Float64Array(A.data.buffer, A.data.byteOffset, 3)), /must not overlap/);
});
