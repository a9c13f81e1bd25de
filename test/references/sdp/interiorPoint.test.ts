import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, eigSym } from "../../../src/linalg/index.ts";
import { Rng } from "../../../src/random/index.ts";
import { SdpError, SparseSymmetric, sdpCertificate, solveSdp, type SdpProblem } from "../../../src/references/sdp/index.ts";
import { gramOf, gaussian, matmul, measure, relErr, symmetricGaussian, trace } from "./helpers.ts";

const E = (n: number, i: number, j: number): Matrix => {
  const M = new Matrix(n, n);
  M.set(i, j, 1);
  M.set(j, i, 1);
  return M;
};

test("min tr X s.t. X₁₁ = 1 gives X = e₁e₁ᵀ, y = 1, S = I − e₁e₁ᵀ, with an ok certificate", () => {
  const n = 3;
  const E11 = new Matrix(n, n);
  E11.set(0, 0, 1);
  const sol = solveSdp({ blocks: [n], C: { psd: [Matrix.identity(n)] }, A: [{ psd: [E11] }], b: Float64Array.of(1) });
  const X = sol.X.psd[0], S = sol.S.psd[0];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      assert.ok(Math.abs(X.get(i, j) - (i === 0 && j === 0 ? 1 : 0)) < 1e-8);
      assert.ok(Math.abs(S.get(i, j) - (i === j && i > 0 ? 1 : 0)) < 1e-8);
    }
  }
  assert.ok(Math.abs(sol.y[0] - 1) < 1e-8);
  const c = sol.certificate;
  assert.ok(c.ok);
  assert.ok(c.primalResidual <= 1e-9 && c.dualResidual <= 1e-9 && c.dualityGap! <= 1e-9);
  assert.ok(Math.abs(c.primalObjective - 1) < 1e-8);
  assert.ok(Number(c.details!.lambdaMinX) > -1e-12 && Number(c.details!.lambdaMinS) > -1e-12);
  assert.ok(c.iterations! > 0 && c.iterations! < 30);
});

test("min ⟨C, X⟩ s.t. tr X = 1 is λ_min(C), attained at vvᵀ for its eigenvector", () => {
  const rng = new Rng(5);
  for (const n of [2, 5, 9]) {
    const C = symmetricGaussian(rng, n);
    const { values, vectors } = eigSym(C);
    const sol = solveSdp({ blocks: [n], C: { psd: [C] }, A: [{ psd: [Matrix.identity(n)] }], b: Float64Array.of(1) });
    assert.ok(sol.certificate.ok);
    assert.ok(Math.abs(sol.certificate.primalObjective - values[0]) < 1e-8 * (1 + Math.abs(values[0])));
    assert.ok(Math.abs(sol.y[0] - values[0]) < 1e-8 * (1 + Math.abs(values[0])));
    const v = vectors.col(0);
    const vvT = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vvT.set(i, j, v[i] * v[j]);
    assert.ok(relErr(sol.X.psd[0], vvT) < 1e-6, `n = ${n}`);
  }
});

test("the orthant alone is an LP: min x₁ + 2x₂ s.t. x₁ + x₂ = 1, x ≥ 0 gives x = (1, 0)", () => {
  const sol = solveSdp({ blocks: [], nonneg: 2, C: { psd: [], nonneg: Float64Array.of(1, 2) }, A: [{ psd: [], nonneg: Float64Array.of(1, 1) }], b: Float64Array.of(1) });
  assert.ok(Math.abs(sol.X.nonneg[0] - 1) < 1e-8 && Math.abs(sol.X.nonneg[1]) < 1e-8);
  assert.ok(Math.abs(sol.y[0] - 1) < 1e-8);
  assert.ok(sol.certificate.ok);
});

test("two PSD blocks and the orthant: the cheaper block takes the mass, the slack stays at zero", () => {
  // min tr X₁ + 2 tr X₂ s.t. (X₁)₁₁ + (X₂)₁₁ − s = 1, (X₂)₁₂ = 1/2, X₁, X₂ ⪰ 0, s ≥ 0. With (X₂)₁₁ = a ≤ 1, X₂ ⪰ 0
  // needs (X₂)₂₂ ≥ 1/(4a) and X₁ = (1 + s − a)e₁e₁ᵀ is cheapest: cost 1 + s + a + 1/(2a), least at s = 0, a = 1/√2,
  // value 1 + √2.
  const two = 2;
  const problem: SdpProblem = {
    blocks: [3, two],
    nonneg: 1,
    C: { psd: [Matrix.identity(3), Matrix.diag([2, 2])], nonneg: Float64Array.of(0) },
    A: [
      { psd: [new SparseSymmetric(3, [[0, 0, 1]]), new SparseSymmetric(2, [[0, 0, 1]])], nonneg: Float64Array.of(-1) },
      { psd: [null, new SparseSymmetric(2, [[0, 1, 0.5]])] },
    ],
    b: Float64Array.of(1, 0.5),
  };
  const sol = solveSdp(problem);
  const a = 1 / Math.SQRT2;
  assert.ok(sol.certificate.ok);
  assert.ok(Math.abs(sol.certificate.primalObjective - (1 + Math.SQRT2)) < 1e-8);
  assert.ok(Math.abs(sol.X.psd[1].get(0, 0) - a) < 1e-6);
  assert.ok(Math.abs(sol.X.psd[1].get(1, 1) - 1 / (4 * a)) < 1e-6);
  assert.ok(Math.abs(sol.X.psd[0].get(0, 0) - (1 - a)) < 1e-6);
  assert.ok(Math.abs(sol.X.nonneg[0]) < 1e-7);
  // the dense layout of the same problem gives the same answer
  const dense = solveSdp(problem, { layout: "dense" });
  assert.ok(Math.abs(dense.certificate.primalObjective - sol.certificate.primalObjective) < 1e-8);
});

test("weak duality: every feasible pair brackets the optimum, and the certificate fails on non-optimal or perturbed points", () => {
  const rng = new Rng(6);
  const n = 6, m = 8;
  const A = Array.from({ length: m }, () => symmetricGaussian(rng, n));
  // primal feasible X₀ ≻ 0 defines b; dual feasible (y₀, S₀ ≻ 0) defines C = A*(y₀) + S₀
  const X0 = gramOf(gaussian(rng, n, n + 2));
  const b = measure(A, X0);
  const y0 = rng.fillNormal(new Float64Array(m));
  const S0 = gramOf(gaussian(rng, n, n + 2));
  const C = S0.clone();
  A.forEach((Ai, i) => { for (let t = 0; t < n * n; t++) C.data[t] += y0[i] * Ai.data[t]; });
  const problem: SdpProblem = { blocks: [n], C: { psd: [C] }, A: A.map((Ai) => ({ psd: [Ai] })), b };
  const sol = solveSdp(problem);
  const cx0 = trace(matmul(C, X0)), by0 = b.reduce((s, v, i) => s + v * y0[i], 0);
  const p = sol.certificate.primalObjective, d = sol.certificate.dualObjective!;
  assert.ok(by0 <= d + 1e-8 && d <= p + 1e-8 && p <= cx0 + 1e-8);
  assert.ok(Math.abs(cx0 - by0 - trace(matmul(X0, S0))) < 1e-8 * Math.abs(cx0)); // gap = ⟨X₀, S₀⟩
  assert.ok(sol.certificate.ok);
  const again = sdpCertificate(problem, sol.X, sol.y, sol.S);
  assert.ok(again.ok && Math.abs(again.primalObjective - p) < 1e-12 * Math.abs(p));

  // the feasible but non-optimal pair: residuals vanish, the gap does not
  const c0 = sdpCertificate(problem, { psd: [X0], nonneg: new Float64Array(0) }, y0, { psd: [S0], nonneg: new Float64Array(0) });
  assert.ok(c0.primalResidual < 1e-12 && c0.dualResidual < 1e-12);
  assert.ok(c0.dualityGap! > 1e-3 && !c0.ok);

  // a perturbed optimum: the primal residual exposes it
  const Xp = sol.X.psd[0].clone();
  const P = symmetricGaussian(rng, n);
  for (let t = 0; t < n * n; t++) Xp.data[t] += 1e-6 * P.data[t];
  const cp = sdpCertificate(problem, { psd: [Xp], nonneg: new Float64Array(0) }, sol.y, sol.S);
  assert.ok(cp.primalResidual > 1e-8 && !cp.ok);
  // a dual y nudged off the optimum: the dual residual exposes it
  const yp = sol.y.slice();
  yp[0] += 1e-6;
  assert.ok(!sdpCertificate(problem, sol.X, yp, sol.S).ok);
  // X outside the cone: λ_min(X) < 0 fails even with tiny residuals elsewhere
  const Xn = sol.X.psd[0].clone();
  for (let i = 0; i < n; i++) Xn.data[i * n + i] -= 1;
  const cn = sdpCertificate(problem, { psd: [Xn], nonneg: new Float64Array(0) }, sol.y, sol.S);
  assert.ok(Number(cn.details!.lambdaMinX) < -0.5 && !cn.ok);
});

test("infeasibility, unboundedness and dependent constraints are reported as such", () => {
  const E11 = E(2, 0, 0);
  E11.set(0, 0, 1);
  // X₁₁ = −1 with X ⪰ 0: primal infeasible
  assert.throws(
    () => solveSdp({ blocks: [2], C: { psd: [Matrix.identity(2)] }, A: [{ psd: [E11] }], b: Float64Array.of(-1) }),
    (e: unknown) => e instanceof SdpError && e.status === "primal infeasible" && /no solution/.test(e.message),
  );
  // min −X₂₂ s.t. X₁₁ = 1: unbounded below, so the dual is infeasible
  assert.throws(
    () => solveSdp({ blocks: [2], C: { psd: [Matrix.diag([0, -1])] }, A: [{ psd: [E11] }], b: Float64Array.of(1) }),
    (e: unknown) => e instanceof SdpError && e.status === "dual infeasible" && /unbounded/.test(e.message),
  );
  // an orthant LP with x₁ + x₂ = −1, x ≥ 0
  assert.throws(
    () => solveSdp({ blocks: [], nonneg: 2, C: { psd: [], nonneg: Float64Array.of(1, 1) }, A: [{ psd: [], nonneg: Float64Array.of(1, 1) }], b: Float64Array.of(-1) }),
    (e: unknown) => e instanceof SdpError && e.status === "primal infeasible",
  );
  // a repeated constraint
  assert.throws(
    () => solveSdp({ blocks: [2], C: { psd: [Matrix.identity(2)] }, A: [{ psd: [E11] }, { psd: [E11] }], b: Float64Array.of(1, 1) }),
    /linearly dependent/,
  );
  // an iteration limit that is too small
  assert.throws(
    () => solveSdp({ blocks: [2], C: { psd: [Matrix.identity(2)] }, A: [{ psd: [E11] }], b: Float64Array.of(1) }, { maxIterations: 2 }),
    (e: unknown) => e instanceof SdpError && e.status === "iteration limit" && e.iterations === 2 && e.reached.gap > 1e-9,
  );
});

test("no constraints: min ⟨C, X⟩ over X ⪰ 0 is 0 for C ≻ 0 and unbounded otherwise", () => {
  const sol = solveSdp({ blocks: [2], C: { psd: [Matrix.fromRows([[2, 1], [1, 3]])] }, A: [], b: new Float64Array(0) });
  assert.ok(sol.certificate.ok && Math.abs(sol.certificate.primalObjective) < 1e-9);
  assert.throws(
    () => solveSdp({ blocks: [2], C: { psd: [Matrix.fromRows([[2, 1], [1, -3]])] }, A: [], b: new Float64Array(0) }),
    (e: unknown) => e instanceof SdpError && e.status === "dual infeasible",
  );
});

test("bad input gets a RangeError naming the problem", () => {
  const I = Matrix.identity(2);
  const ok = { blocks: [2], C: { psd: [I] }, A: [{ psd: [I] }], b: Float64Array.of(1) };
  assert.throws(() => solveSdp({ ...ok, b: Float64Array.of(1, 2) }), /b has 2 entries, there are 1 constraints/);
  assert.throws(() => solveSdp({ ...ok, A: [{ psd: [Matrix.identity(3)] }] }), /A\[0\], block 0 is 3×3, the block is 2×2/);
  assert.throws(() => solveSdp({ ...ok, C: { psd: [] } }), /C must list 1 PSD block/);
  assert.throws(() => solveSdp({ ...ok, blocks: [0] }), /block 0 has size 0/);
  assert.throws(() => solveSdp({ ...ok, A: [{ psd: [Matrix.diag([1, NaN])] }] }), /non-finite entry at \(1, 1\)/);
  assert.throws(() => solveSdp({ ...ok, A: [{ psd: [I], nonneg: Float64Array.of(1) }] }), /orthant part has 1 entries, the problem's orthant has 0/);
  assert.throws(() => new SparseSymmetric(2, [[0, 2, 1]]), /outside 0..1/);
  assert.throws(() => solveSdp(ok, { tol: 0 }), /tol must be in \(0, 1\)/);
  assert.throws(() => solveSdp(ok, { maxIterations: 0 }), /maxIterations must be a positive integer/);
  assert.throws(() => solveSdp({ ...ok, A: [{ psd: [new Matrix(2, 2)] }] }), /constraint 0 is zero/);
});

test("a non-symmetric constraint matrix acts through its symmetric part", () => {
  const N = Matrix.fromRows([[1, 2], [0, 1]]); // ⟨N, X⟩ = X₁₁ + 2X₁₂ + X₂₂ for symmetric X
  const Nsym = Matrix.fromRows([[1, 1], [1, 1]]);
  const C = Matrix.fromRows([[2, 0.3], [0.3, 1]]);
  const a = solveSdp({ blocks: [2], C: { psd: [C] }, A: [{ psd: [N] }], b: Float64Array.of(1) });
  const s = solveSdp({ blocks: [2], C: { psd: [C] }, A: [{ psd: [Nsym] }], b: Float64Array.of(1) });
  assert.ok(relErr(a.X.psd[0], s.X.psd[0]) < 1e-9);
});

test("onIteration reports falling residuals and the returned iteration count", () => {
  const rng = new Rng(7);
  const n = 5;
  const A = Array.from({ length: 6 }, () => symmetricGaussian(rng, n));
  const b = measure(A, gramOf(gaussian(rng, n, 1)));
  const gaps: number[] = [];
  const sol = solveSdp({ blocks: [n], C: { psd: [Matrix.identity(n)] }, A: A.map((Ai) => ({ psd: [Ai] })), b }, { onIteration: (i) => gaps.push(i.gap) });
  assert.equal(gaps.length, sol.certificate.iterations! + 1);
  assert.ok(gaps[gaps.length - 1] <= 1e-9 && gaps[0] > 1e-3);
});
