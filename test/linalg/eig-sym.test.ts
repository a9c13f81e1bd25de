import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, eigSym, eigSymInto, eigvalsSym, EigSymWorkspace } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { naiveMul, maxAbs, maxAbsDiff, orthoErr, usvt, withEigenvalues, randomSymmetric, logspace } from "./helpers.ts";

/** A = V Λ Vᵀ, VᵀV = I, ascending, ‖A v − λ v‖ small, all relative to ‖A‖. */
function checkEig(A: Matrix, values: Float64Array, V: Matrix, label: string, tol = 1e-13): void {
  const n = A.rows;
  const scale = Math.max(maxAbs(A), 1e-300);
  for (let i = 1; i < n; i++) assert.ok(values[i - 1] <= values[i], `${label}: not ascending`);
  assert.ok(orthoErr(V) <= tol, `${label}: VᵀV − I = ${orthoErr(V)}`);
  const rec = maxAbsDiff(usvt(V, values, V), A) / scale;
  assert.ok(rec <= tol, `${label}: ‖VΛVᵀ − A‖/‖A‖ = ${rec}`);
  const AV = naiveMul(A, V);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) assert.ok(Math.abs(AV.get(i, j) - values[j] * V.get(i, j)) <= tol * scale * n, `${label}: A v ≠ λ v`);
  }
}

test("eigSym on random symmetric matrices of sizes 1..60", () => {
  const rng = new Rng(41);
  for (const n of [1, 2, 3, 4, 7, 16, 33, 50, 60]) {
    const A = randomSymmetric(rng, n);
    const { values, vectors } = eigSym(A);
    checkEig(A, values, vectors, `n=${n}`);
    // trace and Frobenius norm are spectral invariants
    let tr = 0, fro = 0, sl = 0, sl2 = 0;
    for (let i = 0; i < n; i++) tr += A.get(i, i);
    for (const v of A.data) fro += v * v;
    for (const l of values) { sl += l; sl2 += l * l; }
    assert.ok(Math.abs(tr - sl) <= 1e-13 * n);
    assert.ok(Math.abs(fro - sl2) <= 1e-13 * fro);
  }
});

test("eigSym recovers a prescribed spectrum: known, repeated and ill-conditioned", () => {
  const rng = new Rng(42);
  const cases: [string, number[]][] = [
    ["distinct", [-3, -1, 0.5, 2, 10]],
    ["repeated", [1, 1, 1, 2, 2, 5, 5, 5, 5]],
    ["all equal", Array(12).fill(-4)],
    ["clustered", [1, 1 + 1e-13, 1 + 2e-13, 2, 2 + 1e-12]],
    ["PSD rank 2", [0, 0, 0, 0, 0, 1, 3]],
    ["eigenvalues 1e-14..1", Array.from(logspace(-14, 0, 30))],
    ["signed, 1e-14..1", Array.from(logspace(-14, 0, 20), (v, i) => (i % 2 ? v : -v))],
  ];
  for (const [label, lam] of cases) {
    const A = withEigenvalues(rng, lam);
    const { values, vectors } = eigSym(A);
    checkEig(A, values, vectors, label);
    const sorted = lam.slice().sort((a, b) => a - b);
    const scale = Math.max(...lam.map(Math.abs));
    for (let i = 0; i < lam.length; i++) {
      assert.ok(Math.abs(values[i] - sorted[i]) <= 1e-14 * scale * lam.length, `${label}: λ_${i} = ${values[i]}, want ${sorted[i]}`);
    }
  }
});

test("eigSym on zero, identity, diagonal and 2×2 closed forms", () => {
  const z = eigSym(new Matrix(6, 6));
  assert.deepEqual(Array.from(z.values), Array(6).fill(0));
  assert.equal(orthoErr(z.vectors), 0);
  const id = eigSym(Matrix.identity(5));
  assert.deepEqual(Array.from(id.values), Array(5).fill(1));
  assert.equal(orthoErr(id.vectors), 0);
  const d = [3, -1, 7, 0, -1, 2.5];
  const D = Matrix.diag(d);
  const e = eigSym(D);
  assert.deepEqual(Array.from(e.values), d.slice().sort((a, b) => a - b));
  checkEig(D, e.values, e.vectors, "diag", 0);
  // [[a, b], [b, a]] has eigenvalues a ∓ b with vectors (1, ∓1)/√2
  const t = eigSym(Matrix.fromRows([[2, 3], [3, 2]]));
  assert.ok(Math.abs(t.values[0] + 1) <= 1e-15 && Math.abs(t.values[1] - 5) <= 1e-15);
  assert.ok(Math.abs(Math.abs(t.vectors.get(0, 0)) - Math.SQRT1_2) <= 1e-15);
  const swap = eigSym(Matrix.fromRows([[0, 1], [1, 0]]));
  assert.ok(Math.abs(swap.values[0] + 1) <= 1e-15 && Math.abs(swap.values[1] - 1) <= 1e-15);
  assert.deepEqual(eigSym(new Matrix(0, 0)).values, new Float64Array(0));
});

test("eigSym on the second-difference matrix: λ_k = 2 − 2cos(kπ/(n+1))", () => {
  const n = 40;
  const T = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    T.set(i, i, 2);
    if (i + 1 < n) { T.set(i, i + 1, -1); T.set(i + 1, i, -1); }
  }
  const { values, vectors } = eigSym(T);
  checkEig(T, values, vectors, "second difference");
  for (let k = 1; k <= n; k++) assert.ok(Math.abs(values[k - 1] - (2 - 2 * Math.cos((k * Math.PI) / (n + 1)))) <= 1e-14);
});

test("eigSym is scale invariant down to 1e-200 and up to 1e200", () => {
  const rng = new Rng(43);
  const A = randomSymmetric(rng, 8);
  const ref = eigSym(A);
  for (const s of [1e-200, 1e200]) {
    const As = new Matrix(8, 8, A.data.map((v) => v * s));
    const { values, vectors } = eigSym(As);
    checkEig(As, values, vectors, `scale ${s}`);
    for (let i = 0; i < 8; i++) assert.ok(Math.abs(values[i] / s - ref.values[i]) <= 1e-13);
  }
});

test("eigSymInto reuses a workspace and output buffers, repeatably, and eigvalsSym agrees", () => {
  const rng = new Rng(44);
  const n = 30;
  const ws = new EigSymWorkspace(n);
  const vals = new Float64Array(n), V = new Matrix(n, n);
  for (let t = 0; t < 3; t++) {
    const A = randomSymmetric(rng, n);
    eigSymInto(A, vals, V, ws);
    checkEig(A, vals, V, `workspace run ${t}`);
    const fresh = eigSym(A);
    assert.deepEqual(vals, fresh.values);
    assert.deepEqual(V.data, fresh.vectors.data);
    assert.ok(maxAbsDiff(eigvalsSym(A, ws), vals) <= 1e-14 * maxAbs(vals));
  }
  assert.throws(() => eigSymInto(randomSymmetric(rng, 4), new Float64Array(4), null, ws), RangeError);
  assert.throws(() => eigSymInto(randomSymmetric(rng, 4), new Float64Array(3), null), RangeError);
});

test("eigSym rejects non-square, non-symmetric and non-finite input, and accepts rounding-level asymmetry", () => {
  assert.throws(() => eigSym(new Matrix(2, 3)), RangeError);
  assert.throws(() => eigSym(Matrix.fromRows([[1, 2], [0, 1]])), /not symmetric/);
  assert.throws(() => eigSym(Matrix.fromRows([[1, NaN], [NaN, 1]])), RangeError);
  assert.throws(() => eigSym(Matrix.fromRows([[Infinity, 0], [0, 1]])), RangeError);
  const A = Matrix.fromRows([[2, 1 + 1e-15], [1, 2]]);
  const { values } = eigSym(A);
  assert.ok(Math.abs(values[0] - 1) <= 1e-14 && Math.abs(values[1] - 3) <= 1e-14);
});
