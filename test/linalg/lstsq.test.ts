import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, lstsqMinNorm, minNormWithMultipliers, pinv, gemv, gemvT, norm2 } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { randn, naiveMul, maxAbs, maxAbsDiff, withSingularValues, logspace } from "./helpers.ts";

test("lstsqMinNorm, full column rank: normal equations hold and x = A⁺b", () => {
  const rng = new Rng(81);
  for (const [m, n] of [[1, 1], [5, 5], [20, 6], [50, 3]]) {
    const A = randn(rng, m, n);
    const b = rng.fillNormal(new Float64Array(m));
    const x = lstsqMinNorm(A, b);
    const r = gemv(A, x, new Float64Array(m));
    for (let i = 0; i < m; i++) r[i] -= b[i];
    assert.ok(maxAbs(gemvT(A, r, new Float64Array(n))) <= 1e-13 * m * maxAbs(b), `${m}×${n}: Aᵀ(Ax − b) ≠ 0`);
    assert.ok(maxAbsDiff(x, gemv(pinv(A), b, new Float64Array(n))) <= 1e-12 * maxAbs(x));
  }
});

test("lstsqMinNorm, full row rank: exact fit of least norm (x in the row space)", () => {
  const rng = new Rng(82);
  for (const [m, n] of [[1, 4], [3, 10], [8, 40]]) {
    const A = randn(rng, m, n);
    const b = rng.fillNormal(new Float64Array(m));
    const x = lstsqMinNorm(A, b);
    assert.ok(maxAbsDiff(gemv(A, x, new Float64Array(m)), b) <= 1e-13 * maxAbs(b) * n);
    // x = Aᵀ y for the y solving A Aᵀ y = b; compare with pinv and with any other solution being longer
    assert.ok(maxAbsDiff(x, gemv(pinv(A), b, new Float64Array(n))) <= 1e-12 * maxAbs(x));
    const z = rng.fillNormal(new Float64Array(n)); // x + (I − A⁺A) z is another solution, and longer
    const Pz = gemv(pinv(A), gemv(A, z, new Float64Array(m)), new Float64Array(n));
    const other = x.map((v, i) => v + z[i] - Pz[i]);
    assert.ok(maxAbsDiff(gemv(A, other, new Float64Array(m)), b) <= 1e-12 * n);
    assert.ok(norm2(other) > norm2(x));
  }
});

test("lstsqMinNorm, rank deficient or nearly so: agrees with pinv(A) b", () => {
  const rng = new Rng(83);
  for (const [m, n, r] of [[10, 6, 2], [6, 10, 3], [7, 7, 5]]) {
    const A = naiveMul(randn(rng, m, r), randn(rng, r, n));
    const b = rng.fillNormal(new Float64Array(m));
    const x = lstsqMinNorm(A, b);
    assert.ok(maxAbsDiff(x, gemv(pinv(A), b, new Float64Array(n))) <= 1e-11 * maxAbs(x), `rank ${r}`);
  }
  // σ spanning 1..1e-12 (numerically full rank but past the QR gate): SVD route, still the pinv answer
  const A = withSingularValues(rng, 12, 9, logspace(0, -12, 9));
  const b = rng.fillNormal(new Float64Array(12));
  const x = lstsqMinNorm(A, b), xp = gemv(pinv(A), b, new Float64Array(9));
  assert.ok(maxAbsDiff(x, xp) <= 1e-9 * maxAbs(xp));
  // a user cutoff truncates like pinv(A, rtol)
  const xt = lstsqMinNorm(A, b, 1e-6), xpt = gemv(pinv(A, 1e-6), b, new Float64Array(9));
  assert.ok(maxAbsDiff(xt, xpt) <= 1e-12 * maxAbs(xpt));
  assert.ok(norm2(xt) < 1e-3 * norm2(x));
  assert.deepEqual(lstsqMinNorm(new Matrix(3, 4), Float64Array.of(1, 2, 3)), new Float64Array(4));
  assert.throws(() => lstsqMinNorm(new Matrix(3, 4), new Float64Array(2)), RangeError);
});

test("minNormWithMultipliers: x = A⁺b and Aᵀλ = x from one QR, for wide and square A of full row rank; undefined when rank-deficient or tall", () => {
  const rng = new Rng(71);
  for (const [m, n] of [[1, 1], [3, 5], [7, 7], [20, 31], [100, 100]]) {
    const A = randn(rng, m, n);
    const b = rng.fillNormal(new Float64Array(m));
    const r = minNormWithMultipliers(A, b)!;
    assert.ok(r, `${m}×${n}`);
    const x = lstsqMinNorm(A, b);
    assert.ok(maxAbsDiff(r.x, x) <= 1e-11 * Math.max(1, maxAbs(x)), `x ${m}×${n}`);
    const Atl = gemv(A.transpose(), r.lambda, new Float64Array(n));
    assert.ok(maxAbsDiff(Atl, r.x) <= 1e-11 * Math.max(1, maxAbs(x)), `Aᵀλ = x ${m}×${n}`);
  }
  // a repeated row: not of full row rank; a tall matrix: no least-norm solution to take
  const A = randn(rng, 3, 5);
  A.data.set(A.data.subarray(0, 5), 10);
  assert.equal(minNormWithMultipliers(A, Float64Array.of(1, 2, 3)), undefined);
  assert.equal(minNormWithMultipliers(randn(rng, 5, 3), new Float64Array(5)), undefined);
  assert.throws(() => minNormWithMultipliers(randn(rng, 2, 3), new Float64Array(3)), /2 rows, b has 3/);
});
