import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import {
  independentSystem, matrixProgramFromId, matrixProgramRegistry, nonnegL1, type MatrixProgramData,
} from "../../src/references/index.ts";
import { maxAbsDiff } from "./helpers.ts";

/** measurement data from n1×n2 matrices given as rows */
function measurements(n1: number, n2: number, A: number[][], y: number[]): MatrixProgramData {
  return { kind: "measurements", n1, n2, A: Matrix.fromRows(A), y: Float64Array.from(y) };
}

const solve = (name: string, data: MatrixProgramData, options = {}) => matrixProgramFromId(name).solve(data, options);

test("the registry: five programs with descriptions, options and the data they need", () => {
  assert.deepEqual(Object.keys(matrixProgramRegistry), ["nuclear", "nuclear-psd", "nuclear-margin", "min-frobenius", "nonneg-l1"]);
  assert.deepEqual(Object.entries(matrixProgramRegistry).map(([, p]) => [p.unknown, p.psd, p.labels]), [
    ["matrix", false, false], ["matrix", true, false], ["matrix", false, true], ["matrix", false, false], ["vector", false, false],
  ]);
  assert.throws(() => matrixProgramFromId("nuclear-norm"), /unknown matrix program "nuclear-norm"; allowed: nuclear, nuclear-psd/);
});

test("nuclear on diagonal measurements of a 2×3 W: W = diag(y), ‖W‖_* = Σ|yᵢ| (‖W‖_* ≥ Σ|W_ii|)", async () => {
  const data = measurements(2, 3, [[1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0]], [3, -1.5]);
  const r = await solve("nuclear", data);
  assert.ok(r.certificate.ok, JSON.stringify(r.certificate));
  assert.ok(maxAbsDiff(r.solution.data, [3, 0, 0, 0, -1.5, 0]) < 1e-8);
  assert.ok(Math.abs(r.certificate.primalObjective - 4.5) < 1e-8);
  // the same as observed entries
  const e = await solve("nuclear", { kind: "entries", n1: 2, n2: 3, entries: [{ i: 0, j: 0, value: 3 }, { i: 1, j: 1, value: -1.5 }] });
  assert.ok(maxAbsDiff(e.solution.data, r.solution.data) < 1e-8);
});

test("nuclear-psd completes a rank-1 PSD matrix from its off-diagonal entries with min trace Σuᵢ² (t + 13/t at t = 1)", async () => {
  // u = (1, 2, 3): the diagonal (t, 4/t, 9/t) with d₂d₃ ≥ 36 forces t ≤ 1, trace t + 13/t is least at t = 1
  const entries = [{ i: 0, j: 1, value: 2 }, { i: 0, j: 2, value: 3 }, { i: 1, j: 2, value: 6 }];
  const r = await solve("nuclear-psd", { kind: "entries", n1: 3, n2: 3, entries });
  assert.ok(r.certificate.ok, JSON.stringify(r.certificate));
  assert.ok(Math.abs(r.certificate.primalObjective - 14) < 1e-8);
  const uuT = [1, 2, 3, 2, 4, 6, 3, 6, 9];
  assert.ok(maxAbsDiff(r.solution.data, uuT) < 1e-4, `${Array.from(r.solution.data)}`); // √tol: the SDP is degenerate here
});

test("nuclear-psd on diagonal Aᵢ = diag(aᵢ) is min 1ᵀx s.t. Ax = y, x ≥ 0: the same trace and diagonal as nonneg-l1", async () => {
  const rng = new Rng(701);
  const n = 6, m = 3;
  const a = Array.from({ length: m }, () => Array.from({ length: n }, () => rng.normal()));
  const xStar = [0, 1.5, 0, 0, 0.5, 0];
  const y = a.map((r) => r.reduce((s, v, k) => s + v * xStar[k], 0));
  const diagRows = a.map((r) => {
    const D = new Array<number>(n * n).fill(0);
    r.forEach((v, k) => { D[k * n + k] = v; });
    return D;
  });
  const psd = await solve("nuclear-psd", measurements(n, n, diagRows, y));
  const lp = await solve("nonneg-l1", measurements(n, 1, a, y));
  const direct = await nonnegL1(Matrix.fromRows(a), Float64Array.from(y));
  assert.ok(psd.certificate.ok && lp.certificate.ok);
  assert.deepEqual([lp.solution.rows, lp.solution.cols], [n, 1]);
  assert.ok(maxAbsDiff(lp.solution.data, direct.solution) === 0);
  assert.ok(Math.abs(psd.certificate.primalObjective - lp.certificate.primalObjective) < 1e-8 * lp.certificate.primalObjective);
  const diagonal = Array.from({ length: n }, (_, k) => psd.solution.get(k, k));
  assert.ok(maxAbsDiff(diagonal, lp.solution.data) < 1e-6, `${diagonal} vs ${Array.from(lp.solution.data)}`);
});

test("a redundant consistent measurement is dropped before the SDP; the certificate holds on all of them", async () => {
  const base = measurements(2, 2, [[1, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 1]], [1, 0.5, 2]);
  const redundant = measurements(2, 2, [[1, 0, 0, 0], [0, 1, 1, 0], [1, 0, 0, 1], [0, 0, 0, 1]], [1, 0.5, 3, 2]);
  for (const name of ["nuclear", "nuclear-psd"]) {
    const r0 = await solve(name, base), r = await solve(name, redundant);
    assert.ok(r.certificate.ok, `${name}: ${JSON.stringify(r.certificate)}`);
    assert.equal(r.certificate.details!["redundant measurements dropped"], 1);
    assert.equal(r.dual!.length, 4);
    assert.ok(maxAbsDiff(r.solution.data, r0.solution.data) < 1e-7);
  }
  const sys = independentSystem("t", Matrix.fromRows([[1, 0], [2, 0], [0, 0], [0, 1]]), Float64Array.of(1, 2, 0, 5));
  assert.deepEqual(Array.from(sys.kept).length, 2);
  assert.ok(sys.residual < 1e-15);
});

test("inconsistent measurements, infeasible PSD completions and non-separable labels are RangeErrors under the program's name", async () => {
  const bad = measurements(2, 2, [[1, 0, 0, 0], [0, 0, 0, 1], [1, 0, 0, 1]], [1, 2, 4]);
  await assert.rejects(solve("nuclear", bad), /^RangeError: nuclear: the measurements are inconsistent: the least-squares residual .* is 2\.18e-1/);
  await assert.rejects(solve("nuclear-psd", bad), /nuclear-psd: the measurements are inconsistent/);
  await assert.rejects(solve("min-frobenius", bad), /min-frobenius: no W satisfies ⟨Aᵢ, W⟩ = yᵢ \(the measurements are inconsistent\)/);
  await assert.rejects(solve("nuclear", measurements(1, 2, [[0, 0]], [1])), /nuclear: measurement 1 has Aᵢ = 0 but yᵢ = 1/);
  // an antisymmetric Aᵢ is zero on symmetric W
  await assert.rejects(solve("nuclear-psd", measurements(2, 2, [[0, 1, -1, 0]], [1])), /nuclear-psd: measurement 1 has Aᵢ = 0 but yᵢ = 1/);
  // [[1, 2], [2, 1]] is not PSD
  const notPsd = [{ i: 0, j: 0, value: 1 }, { i: 1, j: 1, value: 1 }, { i: 0, j: 1, value: 2 }];
  await assert.rejects(solve("nuclear-psd", { kind: "entries", n1: 2, n2: 2, entries: notPsd }), /nuclear-psd: no X ⪰ 0 satisfies the measurements/);
  await assert.rejects(solve("nuclear-margin", measurements(1, 2, [[1, 0], [1, 0]], [1, -1])), /nuclear-margin: no W has cᵢ⟨Aᵢ, W⟩ ≥ 1/);
  await assert.rejects(solve("nonneg-l1", measurements(3, 1, [[1, 2, 3]], [-6])), /^RangeError: nonneg-l1: no x ≥ 0 solves Ax = b/);
});

test("min-frobenius: W = Σ yᵢAᵢ/‖Aᵢ‖² for orthogonal Aᵢ, the observed entries and zeros for completion", async () => {
  const r = await solve("min-frobenius", measurements(2, 2, [[1, 1, 0, 0], [0, 0, 1, -1]], [1, 4]));
  assert.ok(r.certificate.ok);
  assert.ok(maxAbsDiff(r.solution.data, [0.5, 0.5, 2, -2]) < 1e-14);
  const e = await solve("min-frobenius", { kind: "entries", n1: 2, n2: 3, entries: [{ i: 1, j: 2, value: 7 }, { i: 0, j: 0, value: -1 }] });
  assert.ok(maxAbsDiff(e.solution.data, [-1, 0, 0, 0, 0, 7]) < 1e-14);
});

test("nuclear-margin: 2W₁₁ ≥ 1 and −(−2W₂₂) ≥ 1 give W = diag(1/2, 1/2); one-bit entries give diag(1, −1)", async () => {
  const r = await solve("nuclear-margin", measurements(2, 2, [[2, 0, 0, 0], [0, 0, 0, -2]], [1, -1]));
  assert.ok(r.certificate.ok, JSON.stringify(r.certificate));
  assert.ok(maxAbsDiff(r.solution.data, [0.5, 0, 0, 0.5]) < 1e-8);
  assert.ok(Math.abs(r.certificate.primalObjective - 1) < 1e-8);
  const e = await solve("nuclear-margin", { kind: "entries", n1: 2, n2: 2, entries: [{ i: 0, j: 0, value: 1 }, { i: 1, j: 1, value: -1 }] });
  assert.ok(maxAbsDiff(e.solution.data, [1, 0, 0, -1]) < 1e-8);
});

test("options are checked: unknown keys, tol outside (0, 1), fractional iterations, non-square data for PSD", async () => {
  const data = measurements(2, 2, [[1, 0, 0, 0]], [1]);
  await assert.rejects(solve("nuclear", data, { lambda: 1 }), /program "nuclear" has no option "lambda"; allowed: tol, maxIterations/);
  await assert.rejects(solve("nuclear", data, { tol: 2 }), /option tol must be below 1/);
  await assert.rejects(solve("nuclear-psd", data, { maxIterations: 2.5 }), /option maxIterations must be an integer/);
  await assert.rejects(solve("nonneg-l1", data, { tol: 1e-3 }), /has no option "tol"; allowed: timeLimit/);
  await assert.rejects(solve("nuclear-psd", measurements(1, 2, [[1, 0]], [1])), /nuclear-psd: a PSD W is square, the data are 1×2/);
  // passed through: a tight iteration limit stops the solver
  await assert.rejects(solve("nuclear", measurements(2, 2, [[1, 0, 0, 0], [0, 1, 1, 0]], [1, 2]), { maxIterations: 1 }), /within 1 iterations/);
});
