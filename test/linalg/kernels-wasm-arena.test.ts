import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, WasmArena } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { maxAbsDiff, naiveMul, naiveT, randn } from "./helpers.ts";

const shapes: [number, number, number][] = [[1, 1, 1], [4, 3, 2], [5, 7, 9], [8, 20, 200], [9, 2, 13], [3, 6, 1], [0, 3, 3], [13, 4, 0], [37, 21, 5]];

test("WasmArena.gemmNT equals the textbook A Bᵀ on every row and column tail", () => {
  const rng = new Rng(15);
  for (const [n, k, m] of shapes) {
    const arena = WasmArena.create(n * k + m * k + n * m)!;
    assert.ok(arena);
    const A0 = randn(rng, n, k), B0 = randn(rng, m, k);
    const A = arena.matrix(n, k, A0.data), B = arena.matrix(m, k, B0.data), C = arena.matrix(n, m, new Float64Array(n * m).fill(NaN));
    assert.equal(arena.gemmNT(A, B, C), C);
    assert.ok(maxAbsDiff(C, naiveMul(A0, naiveT(B0))) <= 1e-13 * Math.max(1, k), `${n}×${k}×${m}`);
  }
});

test("WasmArena.gemmTNAcc adds Aᵀ B, skipping zero entries of A (ReLU masks) without changing the result", () => {
  const rng = new Rng(16);
  for (const [n, m, k] of shapes) {
    const arena = WasmArena.create(n * m + n * k + m * k)!;
    const A0 = randn(rng, n, m), B0 = randn(rng, n, k), C0 = randn(rng, m, k);
    for (let p = 0; p < A0.data.length; p++) if (rng.uniform() < 0.6) A0.data[p] = 0; // masked like inactive units
    const A = arena.matrix(n, m, A0.data), B = arena.matrix(n, k, B0.data), C = arena.matrix(m, k, C0.data);
    arena.gemmTNAcc(A, B, C);
    const want = naiveMul(naiveT(A0), B0);
    for (let p = 0; p < want.data.length; p++) want.data[p] += C0.data[p];
    assert.ok(maxAbsDiff(C, want) <= 1e-13 * Math.max(1, n), `${n}×${m}×${k}`);
  }
});

test("WasmArena refuses foreign matrices, overlapping outputs, bad shapes and overflow; null without SIMD", () => {
  const arena = WasmArena.create(40)!;
  const A = arena.matrix(2, 3), B = arena.matrix(2, 3), C = arena.matrix(2, 2);
  assert.throws(() => arena.gemmNT(new Matrix(2, 3), B, C), /does not live in this arena/);
  assert.throws(() => arena.gemmNT(A, B, new Matrix(2, 2, new Float64Array(4))), /does not live/);
  assert.throws(() => arena.gemmNT(A, B, A), RangeError);
  assert.throws(() => arena.gemmTNAcc(A, B, C), /\(2×3\)ᵀ times 2×3 into 2×2/);
  assert.throws(() => arena.matrix(100, 100), /no room/);
  const overlapping = new Matrix(2, 2, new Float64Array(A.data.buffer, A.data.byteOffset, 4));
  assert.throws(() => arena.gemmNT(A, B, overlapping), /overlap/);
  assert.equal(WasmArena.create(10, { simd: false }), null);
  assert.equal(WasmArena.create(10, { webAssembly: null }), null);
});
