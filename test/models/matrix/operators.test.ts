import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, dot, gemm, relDist } from "../../../src/linalg/index.ts";
import { Rng } from "../../../src/random/index.ts";
import {
  commutingMeasurements, diagonalMeasurements, fromDense, iidGaussian, observedEntries, randomOrthogonal,
  symmetricGaussian, type MeasurementOperator,
} from "../../../src/models/matrix/index.ts";
import { allocatedBytes } from "../../helpers/heap.ts";

/** The dense reference: ⟨Aᵢ, W⟩ and Σ rᵢAᵢ straight from the measurement matrices. */
function denseOf(op: MeasurementOperator): Matrix[] {
  return Array.from({ length: op.m }, (_, i) => op.measurement(i));
}

function operators(rng: Rng): MeasurementOperator[] {
  return [
    symmetricGaussian(rng, 5, 7),
    symmetricGaussian(rng, 1, 3),
    iidGaussian(rng, 3, 4, 6),
    diagonalMeasurements(rng, 4, 5),
    commutingMeasurements(rng, 4, 6),
    observedEntries(3, 4, [[0, 0], [2, 3], [1, 2], [0, 3]]),
    fromDense([Matrix.fromRows([[1, 2, 3], [4, 5, 6]]), Matrix.fromRows([[0, -1, 0], [2, 0, 1]])]),
  ];
}

test("every operator's adjoint is the true adjoint: ⟨A(W), r⟩ = ⟨W, A*(r)⟩ on random inputs", () => {
  const rng = new Rng(11);
  for (const op of operators(rng)) {
    const nn = op.n1 * op.n2;
    for (let trial = 0; trial < 5; trial++) {
      const W = rng.fillNormal(new Float64Array(nn)), r = rng.fillNormal(new Float64Array(op.m));
      const AW = op.apply(W, new Float64Array(op.m).fill(9));
      const Ar = op.adjoint(r, new Float64Array(nn).fill(9));
      const lhs = dot(AW, r), rhs = dot(W, Ar);
      assert.ok(Math.abs(lhs - rhs) <= 1e-12 * (1 + Math.abs(lhs)), `${op.name}: ${lhs} vs ${rhs}`);
    }
  }
});

test("apply, adjoint, their subsets and the fused residual-adjoint agree with the dense measurement matrices", () => {
  const rng = new Rng(12);
  for (const op of operators(rng)) {
    const nn = op.n1 * op.n2;
    const A = denseOf(op);
    const W = rng.fillNormal(new Float64Array(nn)), r = rng.fillNormal(new Float64Array(op.m));
    const ref = A.map((Ai) => dot(Ai.data, W));
    const refAdj = new Float64Array(nn);
    A.forEach((Ai, i) => { for (let p = 0; p < nn; p++) refAdj[p] += r[i] * Ai.data[p]; });
    assert.ok(relDist(op.apply(W, new Float64Array(op.m)), Float64Array.from(ref)) < 1e-13, `${op.name} apply`);
    assert.ok(relDist(op.adjoint(r, new Float64Array(nn)), refAdj) < 1e-13, `${op.name} adjoint`);
    // a subset with a repeated index: the adjoint accumulates
    const idx = Int32Array.from([op.m - 1, 0, op.m - 1]);
    const sub = op.applySubset(W, idx, 3, new Float64Array(4).fill(9));
    for (let k = 0; k < 3; k++) assert.ok(Math.abs(sub[k] - ref[idx[k]]) < 1e-12 * (1 + Math.abs(ref[idx[k]])), `${op.name} applySubset`);
    const rs = Float64Array.from([0.5, -2, 1.5]);
    const subAdj = op.adjointSubset(rs, idx, 3, new Float64Array(nn).fill(9));
    const refSub = new Float64Array(nn);
    for (let k = 0; k < 3; k++) for (let p = 0; p < nn; p++) refSub[p] += rs[k] * A[idx[k]].data[p];
    assert.ok(relDist(subAdj, refSub) < 1e-13, `${op.name} adjointSubset`);
    if (op.residualAdjoint) {
      const y = rng.fillNormal(new Float64Array(op.m));
      const rr = new Float64Array(op.m), g = new Float64Array(nn);
      op.residualAdjoint(W, y, rr, g);
      const r2 = op.apply(W, new Float64Array(op.m)).map((v, i) => v - y[i]);
      assert.ok(relDist(rr, r2) < 1e-13, `${op.name} fused residual`);
      assert.ok(relDist(g, op.adjoint(r2, new Float64Array(nn))) < 1e-13, `${op.name} fused adjoint`);
    }
  }
});

test("symmetric Gaussian: the packed fast path equals the dense operator on asymmetric W; Aᵢ symmetric with the (G+Gᵀ)/2 variances", () => {
  const rng = new Rng(13);
  const n = 9, m = 40;
  const op = symmetricGaussian(rng, n, m);
  assert.equal(op.symmetric, true);
  const dense = fromDense(denseOf(op));
  assert.equal(dense.symmetric, true);
  const W = rng.fillNormal(new Float64Array(n * n)), r = rng.fillNormal(new Float64Array(m));
  assert.ok(relDist(op.apply(W, new Float64Array(m)), dense.apply(W, new Float64Array(m))) < 1e-13);
  assert.ok(relDist(op.adjoint(r, new Float64Array(n * n)), dense.adjoint(r, new Float64Array(n * n))) < 1e-13);
  // variances over many draws: diagonal 1, off-diagonal 1/2
  const big = symmetricGaussian(new Rng(14), 6, 2000);
  let d2 = 0, o2 = 0, nd = 0, no = 0;
  for (let i = 0; i < big.m; i++) {
    const A = big.measurement(i);
    for (let a = 0; a < 6; a++) for (let b = 0; b < 6; b++) {
      assert.equal(A.get(a, b), A.get(b, a));
      if (a === b) { d2 += A.get(a, b) ** 2; nd++; } else { o2 += A.get(a, b) ** 2; no++; }
    }
  }
  assert.ok(Math.abs(d2 / nd - 1) < 0.05, `diagonal variance ${d2 / nd}`);
  assert.ok(Math.abs(o2 / no - 0.5) < 0.03, `off-diagonal variance ${o2 / no}`);
  // the fast path is faster than the dense one at n = 50 (it reads half the numbers)
  const big2 = symmetricGaussian(new Rng(15), 50, 300), dense2 = fromDense(denseOf(big2));
  const W2 = new Rng(16).fillNormal(new Float64Array(2500)), out = new Float64Array(300);
  const time = (o: MeasurementOperator): number => {
    for (let k = 0; k < 20; k++) o.apply(W2, out);
    const t0 = performance.now();
    for (let k = 0; k < 60; k++) o.apply(W2, out);
    return performance.now() - t0;
  };
  let tFast = Infinity, tDense = Infinity;
  for (let rep = 0; rep < 3; rep++) { tFast = Math.min(tFast, time(big2)); tDense = Math.min(tDense, time(dense2)); }
  assert.ok(tFast < 0.85 * tDense, `packed ${tFast.toFixed(1)} ms vs dense ${tDense.toFixed(1)} ms`);
});

test("commuting measurements commute, share the basis Q, and the diagonal case is Q = I", () => {
  const rng = new Rng(17);
  const op = commutingMeasurements(rng, 5, 4);
  const A = denseOf(op);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const d = relDist(gemm(A[i], A[j]).data, gemm(A[j], A[i]).data);
      assert.ok(d < 1e-12, `A${i}A${j} ≠ A${j}A${i}: ${d}`);
    }
    // Qᵀ Aᵢ Q = diag(dᵢ)
    const Q = op.basis!;
    const QtAQ = gemm(gemm(Q.transpose(), A[i]), Q);
    for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) {
      const want = a === b ? op.diagonals.get(i, a) : 0;
      assert.ok(Math.abs(QtAQ.get(a, b) - want) < 1e-12);
    }
  }
  const D = Matrix.fromRows([[1, 2, 3], [0, -1, 4]]);
  const diag = diagonalMeasurements(D);
  const viaQ = commutingMeasurements(Matrix.identity(3), D);
  const W = rng.fillNormal(new Float64Array(9)), r = Float64Array.from([2, -3]);
  assert.deepEqual(diag.apply(W, new Float64Array(2)), viaQ.apply(W, new Float64Array(2)));
  assert.deepEqual(diag.adjoint(r, new Float64Array(9)), viaQ.adjoint(r, new Float64Array(9)));
  assert.deepEqual(diag.apply(W, new Float64Array(2)), Float64Array.from([W[0] + 2 * W[4] + 3 * W[8], -W[4] + 4 * W[8]]));
  assert.throws(() => commutingMeasurements(Matrix.fromRows([[1, 1, 0], [0, 1, 0], [0, 0, 1]]), D), /not orthogonal/);
  assert.throws(() => commutingMeasurements(Matrix.identity(2), D), /2×2/);
});

test("randomOrthogonal is orthogonal", () => {
  const Q = randomOrthogonal(new Rng(18), 7);
  const QtQ = gemm(Q.transpose(), Q);
  assert.ok(relDist(QtQ.data, Matrix.identity(7).data) < 1e-13);
});

test("observed entries: A(W) reads the entries, A* scatters them; bad entries get a RangeError naming them", () => {
  const op = observedEntries(2, 3, [[1, 2], [0, 0]]);
  const W = Float64Array.from([1, 2, 3, 4, 5, 6]);
  assert.deepEqual(op.apply(W, new Float64Array(2)), Float64Array.from([6, 1]));
  assert.deepEqual(op.adjoint(Float64Array.from([7, 8]), new Float64Array(6).fill(1)), Float64Array.from([8, 0, 0, 0, 0, 7]));
  assert.equal(op.symmetric, false);
  assert.equal(observedEntries(3, 3, [[1, 1], [2, 2]]).symmetric, true);
  assert.throws(() => observedEntries(2, 3, [[0, 0], [2, 1]]), /entry 1 \(2, 1\) is outside the 2×3 matrix \(rows 0…1, columns 0…2\)/);
  assert.throws(() => observedEntries(2, 3, [[0, 0], [0, 3]]), /entry 1 \(0, 3\) is outside/);
  assert.throws(() => observedEntries(2, 3, [[0, -1]]), /entry 0 \(0, -1\) is outside/);
  assert.throws(() => observedEntries(2, 3, [[0, 1], [1, 1], [0, 1]]), /entry 2 \(0, 1\) repeats entry 0/);
  assert.throws(() => observedEntries(2, 3, [[0.5, 1]]), /entry 0 \(0.5, 1\) has a non-integer index/);
  assert.throws(() => observedEntries(2, 3, []), /no entries/);
  assert.throws(() => observedEntries(0, 3, [[0, 0]]), /n1 must be a positive integer/);
});

test("operators reject wrong lengths, bad subsets, and bad shapes with RangeErrors", () => {
  const rng = new Rng(19);
  const op = symmetricGaussian(rng, 3, 4);
  assert.throws(() => op.apply(new Float64Array(8), new Float64Array(4)), /matrix has 8 entries, need 3×3 = 9/);
  assert.throws(() => op.adjoint(new Float64Array(3), new Float64Array(9)), /3 entries, need m = 4/);
  assert.throws(() => op.applySubset(new Float64Array(9), Int32Array.from([0, 4]), 2, new Float64Array(2)), /idx\[1\] = 4/);
  assert.throws(() => op.applySubset(new Float64Array(9), Int32Array.from([0]), 2, new Float64Array(2)), /count 2/);
  assert.throws(() => op.measurement(4), /measurement 4 does not exist/);
  assert.throws(() => fromDense([Matrix.zeros(2, 2), Matrix.zeros(2, 3)]), /A\[1\] is 2×3, A\[0\] is 2×2/);
  assert.throws(() => fromDense([Matrix.fromRows([[NaN]])]), /non-finite/);
  assert.throws(() => iidGaussian(rng, 2, 2, 0), /m must be a positive integer/);
});

test("the allocation estimate sees 16 bytes per round (so the bound below can fail)", () => {
  let sink = new Float64Array(2);
  const bytes = allocatedBytes(20000, (k) => {
    for (let t = 0; t < k; t++) { const f = new Float64Array(2); f[0] = sink[0] + t; sink = f; }
  });
  assert.ok(bytes > 256 * 1024, `an allocating loop measured ${bytes} bytes`);
});

test("apply, adjoint and their subsets do not allocate", () => {
  const rng = new Rng(20);
  for (const op of operators(rng)) {
    const nn = op.n1 * op.n2;
    const W = rng.fillNormal(new Float64Array(nn)), r = rng.fillNormal(new Float64Array(op.m));
    const y = new Float64Array(op.m), rr = new Float64Array(op.m), g = new Float64Array(nn), out = new Float64Array(op.m);
    const idx = Int32Array.from([0, op.m - 1]);
    const run = (k: number): void => {
      for (let t = 0; t < k; t++) {
        op.apply(W, out); op.adjoint(r, g);
        op.applySubset(W, idx, 2, out); op.adjointSubset(r, idx, 2, g);
        op.residualAdjoint?.(W, y, rr, g);
      }
    };
    const bytes = allocatedBytes(20000, run);
    assert.ok(bytes < 256 * 1024, `${op.name}: ~${bytes} bytes allocated over 20000 rounds`);
  }
});
