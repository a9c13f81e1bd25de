import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, expmSym, funSym, eigvalsSym, EigSymWorkspace } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { naiveMul, maxAbs, maxAbsDiff, usvt, randomOrthonormal, randomSymmetric, withEigenvalues } from "./helpers.ts";

/** e^A by scaling and squaring with a 30-term Taylor series (general A, no eigendecomposition). */
function expmTaylor(A: Matrix): Matrix {
  const n = A.rows;
  let nrm = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) r += Math.abs(A.get(i, j));
    nrm = Math.max(nrm, r);
  }
  const s = Math.max(0, Math.ceil(Math.log2(nrm / 0.25)));
  const B = new Matrix(n, n, A.data.map((v) => v / 2 ** s));
  let E = Matrix.identity(n), term = Matrix.identity(n);
  for (let k = 1; k <= 30; k++) {
    term = naiveMul(term, B);
    term = new Matrix(n, n, term.data.map((v) => v / k));
    E = new Matrix(n, n, E.data.map((v, i) => v + term.data[i]));
  }
  for (let i = 0; i < s; i++) E = naiveMul(E, E);
  return E;
}

test("expmSym matches a Taylor scaling-and-squaring reference on small symmetric matrices", () => {
  const rng = new Rng(91);
  for (const n of [1, 2, 3, 5, 8]) {
    for (const scale of [0.1, 1, 3]) {
      const A = randomSymmetric(rng, n);
      for (let i = 0; i < A.data.length; i++) A.data[i] *= scale;
      const E = expmSym(A), R = expmTaylor(A);
      assert.ok(maxAbsDiff(E, R) <= 1e-13 * maxAbs(R), `n=${n} scale=${scale}: ${maxAbsDiff(E, R) / maxAbs(R)}`);
    }
  }
});

test("expmSym of diagonal and rotated diagonal matrices is exp of the entries", () => {
  const d = [-2, 0, 0.5, 3, 0.5];
  const E = expmSym(Matrix.diag(d));
  assert.ok(maxAbsDiff(E, Matrix.diag(d.map(Math.exp))) <= 1e-15 * Math.exp(3));
  assert.deepEqual(expmSym(new Matrix(4, 4)).data, Matrix.identity(4).data);
  const rng = new Rng(92);
  const Q = randomOrthonormal(rng, 6, 6);
  const lam = [-30, -1, 0, 1e-8, 2, 10];
  const A = usvt(Q, lam, Q);
  const ref = usvt(Q, lam.map(Math.exp), Q);
  assert.ok(maxAbsDiff(expmSym(A), ref) <= 1e-12 * maxAbs(ref));
});

test("expmSym: e^A e^{−A} = I, result exactly symmetric, positive definite", () => {
  const rng = new Rng(93);
  const A = randomSymmetric(rng, 7);
  const E = expmSym(A), F = expmSym(new Matrix(7, 7, A.data.map((v) => -v)));
  assert.ok(maxAbsDiff(naiveMul(E, F), Matrix.identity(7)) <= 1e-12);
  for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) assert.equal(E.get(i, j), E.get(j, i));
  for (const l of eigvalsSym(E)) assert.ok(l > 0);
});

test("funSym: identity, square root, log∘exp, and buffer reuse", () => {
  const rng = new Rng(94);
  const A = withEigenvalues(rng, [0.1, 0.5, 1, 2, 4, 9]);
  assert.ok(maxAbsDiff(funSym(A, (x) => x), A) <= 1e-14 * maxAbs(A));
  const S = funSym(A, Math.sqrt);
  assert.ok(maxAbsDiff(naiveMul(S, S), A) <= 1e-13 * maxAbs(A));
  const B = randomSymmetric(rng, 6);
  assert.ok(maxAbsDiff(funSym(expmSym(B), Math.log), B) <= 1e-12 * maxAbs(B));
  // x ↦ 1/x gives the inverse
  assert.ok(maxAbsDiff(naiveMul(funSym(A, (x) => 1 / x), A), Matrix.identity(6)) <= 1e-13);
  const ws = new EigSymWorkspace(6), out = new Matrix(6, 6);
  assert.equal(funSym(A, Math.sqrt, out, ws), out);
  assert.ok(maxAbsDiff(out, S) <= 1e-15 * maxAbs(S));
  assert.equal(expmSym(B, out, ws), out);
  assert.ok(maxAbsDiff(out, expmSym(B)) <= 0);
  assert.throws(() => funSym(A, Math.sqrt, A), RangeError);
  assert.throws(() => funSym(A, Math.sqrt, new Matrix(5, 5)), RangeError);
  assert.throws(() => funSym(A, Math.sqrt, out, new EigSymWorkspace(5)), RangeError);
});
