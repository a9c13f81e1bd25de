import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, normP, dualExponent } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { separableData } from "../../src/data/index.ts";
import {
  hardMarginSvm, maxMargin, maxMarginCertificate, maxMarginL1, maxMarginLinf, maxMarginLp, NotSeparableError,
} from "../../src/references/index.ts";
import { maxAbsDiff } from "./helpers.ts";

/** min over examples of yᵢ⟨w, xᵢ⟩ / ‖w‖_p */
function normalizedMargin(X: Matrix, y: Float64Array, w: Float64Array, p: number): number {
  let m = Infinity;
  for (let i = 0; i < X.rows; i++) {
    let s = 0;
    for (let j = 0; j < X.cols; j++) s += X.get(i, j) * w[j];
    m = Math.min(m, y[i] * s);
  }
  return m / normP(w, p);
}

test("one example z: the ℓp max-margin w is the dual-norm maximizer, wⱼ = sign(zⱼ)|zⱼ|^{q−1}/‖z‖_q^q, margin ‖z‖_q", async () => {
  const X = Matrix.fromRows([[2, -1, 0.5]]);
  const y = Float64Array.from([1]);
  // ℓ1: all weight on the largest |zⱼ|; ℓ∞: equal magnitudes sign(z)/‖z‖₁
  const l1 = await maxMarginL1(X, y);
  assert.ok(maxAbsDiff(l1.solution, [0.5, 0, 0]) < 1e-12);
  assert.ok(Math.abs(l1.margin - 2) < 1e-12);
  const linf = await maxMarginLinf(X, y);
  assert.ok(maxAbsDiff(linf.solution, [1 / 3.5, -1 / 3.5, 1 / 3.5]) < 1e-12);
  assert.ok(Math.abs(linf.margin - 3.5) < 1e-12);
  for (const p of [1.5, 2, 3]) {
    const q = dualExponent(p);
    const z = X.row(0);
    const nq = normP(z, q);
    const expected = Float64Array.from(z, (v) => (Math.sign(v) * Math.pow(Math.abs(v), q - 1)) / Math.pow(nq, q));
    const sol = p === 2 ? hardMarginSvm(X, y) : maxMarginLp(X, y, p);
    assert.ok(maxAbsDiff(sol.solution, expected) < 1e-8, `p = ${p}: ${Array.from(sol.solution)} vs ${Array.from(expected)}`);
    assert.ok(Math.abs(sol.margin - nq) < 1e-8 * nq);
    assert.ok(sol.certificate.ok, JSON.stringify(sol.certificate));
  }
});

test("hand-computable two-example instances for ℓ1 and ℓ∞", async () => {
  // z₁ = (1, 0), z₂ = (0, 2): ℓ1 needs w₁ ≥ 1 and w₂ ≥ ½, so w = (1, ½), ‖w‖₁ = 3/2
  const X = Matrix.fromRows([[1, 0], [0, 2]]);
  const y = Float64Array.from([1, 1]);
  const l1 = await maxMarginL1(X, y);
  assert.ok(maxAbsDiff(l1.solution, [1, 0.5]) < 1e-12);
  assert.ok(Math.abs(l1.margin - 2 / 3) < 1e-12);
  assert.ok(l1.certificate.ok && Math.abs(l1.certificate.dualObjective! - 1.5) < 1e-12);
  // z₁ = (1, 1), z₂ = (1, −1) (label −1 on x₂ = (−1, 1)): adding the rows gives 2w₁ ≥ 2, so w = (1, 0) in ℓ∞ and ℓ1
  const X2 = Matrix.fromRows([[1, 1], [-1, 1]]);
  const y2 = Float64Array.from([1, -1]);
  for (const sol of [await maxMarginLinf(X2, y2), await maxMarginL1(X2, y2)]) {
    assert.ok(maxAbsDiff(sol.solution, [1, 0]) < 1e-12);
    assert.ok(sol.certificate.ok);
  }
  // the ℓ∞ dual max α₁ + α₂ s.t. |α₁ + α₂| + |α₁ − α₂| ≤ 1 has the unique solution α = (½, ½)
  const linf = await maxMarginLinf(X2, y2);
  assert.ok(maxAbsDiff(linf.dual!, [0.5, 0.5]) < 1e-12);
  assert.deepEqual(Array.from(linf.supportVectors), [0, 1]);
});

test("on random separable data each ℓp solution has the largest ℓp margin among the ℓ1, ℓ1.5, ℓ2, ℓ3, ℓ∞ solutions, with a certificate", async () => {
  const data = separableData(new Rng(21), { n: 60, d: 6, gap: 0.1 });
  const ps = [1, 1.5, 2, 3, Infinity];
  const sols = await Promise.all(ps.map((p) => maxMargin(data.X, data.y, p)));
  sols.forEach((sol, a) => {
    assert.ok(sol.certificate.ok, `p = ${ps[a]}: ${JSON.stringify(sol.certificate)}`);
    assert.equal(sol.p, ps[a]);
    assert.ok(Math.abs(normP(sol.direction, ps[a]) - 1) < 1e-12);
    const own = normalizedMargin(data.X, data.y, sol.solution, ps[a]);
    assert.ok(Math.abs(own - sol.margin) < 1e-12 * own);
    sols.forEach((other, b) => {
      if (a !== b) assert.ok(own >= normalizedMargin(data.X, data.y, other.solution, ps[a]) * (1 - 1e-9), `p = ${ps[a]} vs p = ${ps[b]}`);
    });
  });
  // the ℓp margins vary monotonically in p between the LP ends (ℓp norms decrease in p)
  for (let a = 0; a + 1 < ps.length; a++) assert.ok(sols[a].margin <= sols[a + 1].margin * (1 + 1e-9));
  // p close to 1 approaches the ℓ1 value
  const near1 = maxMarginLp(data.X, data.y, 1.01);
  assert.ok(near1.certificate.ok && Math.abs(near1.margin - sols[0].margin) < 0.03 * sols[0].margin, `${near1.margin} vs ${sols[0].margin}`);
});

test("the max-margin certificate fails on wrong answers and the programs refuse non-separable data", async () => {
  const data = separableData(new Rng(22), { n: 40, d: 4, gap: 0.2 });
  for (const p of [1, 3, Infinity]) {
    const sol = await maxMargin(data.X, data.y, p);
    assert.ok(maxMarginCertificate(data.X, data.y, sol.solution, sol.dual!, p).ok);
    const longer = sol.solution.map((v) => 1.01 * v);
    assert.ok(!maxMarginCertificate(data.X, data.y, longer, sol.dual!, p).ok, "a longer w has a duality gap");
    const shorter = sol.solution.map((v) => 0.99 * v);
    const c = maxMarginCertificate(data.X, data.y, shorter, sol.dual!, p);
    assert.ok(!c.ok && c.primalResidual > 1e-3, "a shorter w violates the margins");
    const l2 = hardMarginSvm(data.X, data.y);
    assert.ok(!maxMarginCertificate(data.X, data.y, l2.solution, l2.dual!, p).ok, `the ℓ2 answer is not certified for p = ${p}`);
  }
  const X = Matrix.fromRows([[1, 1], [-1, -1], [1, -1], [-1, 1]]);
  const y = Float64Array.from([1, 1, -1, -1]);
  await assert.rejects(maxMarginL1(X, y), NotSeparableError);
  await assert.rejects(maxMarginLinf(X, y), NotSeparableError);
  assert.throws(() => maxMarginLp(X, y, 1.5), NotSeparableError);
  assert.throws(() => maxMarginLp(data.X, data.y, 1), /p must be a number in \(1, ∞\)/);
  await assert.rejects(maxMargin(data.X, data.y, 0.5), /p must be in \[1, ∞\]/);
});
