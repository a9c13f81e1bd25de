import { test } from "node:test";
import assert from "node:assert/strict";
import { flowVsGd, sensingFactorLoss, sensingProblem } from "../../src/bench/index.ts";
import { Rng } from "../../src/random/index.ts";
import { allocatedBytes } from "../helpers/heap.ts";

/** L(U) = Σᵢ(⟨Aᵢ, UUᵀ⟩ − yᵢ)² straight from the definition */
function naiveLoss(A: Float64Array, y: Float64Array, n: number, u: Float64Array): number {
  let L = 0;
  for (let i = 0; i < y.length; i++) {
    let s = -y[i];
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < n; k++) {
        let w = 0;
        for (let l = 0; l < n; l++) w += u[j * n + l] * u[k * n + l];
        s += A[i * n * n + j * n + k] * w;
      }
    }
    L += s * s;
  }
  return L;
}

test("sensingFactorLoss: L as defined, ∇L against central differences, SIMD = plain, no allocation per gradient", () => {
  const n = 6, p = sensingProblem(new Rng(3), n, 20);
  const u = new Rng(4).fillNormal(new Float64Array(n * n));
  const g = new Float64Array(n * n), gPlain = new Float64Array(n * n);
  const L = sensingFactorLoss(p).gradient(u, g);
  const Lplain = sensingFactorLoss(p, { simd: false }).gradient(u, gPlain);
  const want = naiveLoss(p.A, p.y, n, u);
  assert.ok(Math.abs(L - want) <= 1e-12 * want, `${L} vs ${want}`);
  assert.ok(Math.abs(Lplain - want) <= 1e-12 * want, `${Lplain} vs ${want}`);
  for (let q = 0; q < n * n; q++) {
    const h = 1e-6, up = u.slice(), dn = u.slice();
    up[q] += h;
    dn[q] -= h;
    const fd = (naiveLoss(p.A, p.y, n, up) - naiveLoss(p.A, p.y, n, dn)) / (2 * h);
    assert.ok(Math.abs(g[q] - fd) <= 1e-6 * Math.max(1, Math.abs(fd)), `∂L/∂U[${q}]: ${g[q]} vs ${fd}`);
    assert.ok(Math.abs(gPlain[q] - g[q]) <= 1e-12 * Math.max(1, Math.abs(g[q])), `plain vs SIMD at ${q}`);
  }
  const f = sensingFactorLoss(p);
  assert.ok(allocatedBytes(2e4, (k) => { for (let i = 0; i < k; i++) f.gradient(u, g); }) < 1 << 20);
});

test("flow-vs-gd at n = 8, m = 30: the flow reaches L ≤ 1e-10 and the first GD run within 1e-3 of it is reported", () => {
  const r = flowVsGd(sensingProblem(new Rng(0), 8, 30), { maxSeconds: 30 });
  assert.equal(r.flow.reached, true);
  assert.ok(r.flow.loss <= 1e-10 && r.flow.rhs_evaluations >= 6 * r.flow.steps, JSON.stringify(r.flow));
  assert.notEqual(r.agreeing, "not reached");
  const last = r.gd[r.gd.length - 1];
  assert.ok(last.reached && last.loss <= 1e-10 && last.distance !== null && last.distance <= 1e-3, JSON.stringify(last));
  for (const g of r.gd.slice(0, -1)) assert.ok(g.distance === null || g.distance > 1e-3, "an earlier run agreed but was not reported");
  assert.deepEqual(r.agreeing, { eta: last.eta, seconds: last.seconds, iterations: last.iterations });
  assert.equal(r.speedup, last.seconds / r.flow.seconds);
  assert.equal(r.gd[0].eta, 0.05 / 30);
  // GD is the flow's Euler discretization: it stops near the flow's stopping time
  assert.ok(Math.abs(last.gd_time - r.flow.time) <= 0.05 * r.flow.time, `${last.gd_time} vs ${r.flow.time}`);
});

test("flow-vs-gd at n = 8, m = 10 (end point depends on the path): GD's distance to the flow shrinks as η halves, O(η)", () => {
  const r = flowVsGd(sensingProblem(new Rng(0), 8, 10), { agreement: 1e-12, maxRuns: 5, maxSeconds: 30 });
  assert.equal(r.gd.length, 5);
  const d = r.gd.map((g) => g.distance);
  for (const x of d) assert.ok(x !== null && x > 0, `${d}`);
  for (let k = 1; k < d.length; k++) {
    assert.equal(r.gd[k].eta, r.gd[k - 1].eta / 2);
    const ratio = d[k]! / d[k - 1]!;
    assert.ok(ratio > 0.35 && ratio < 0.65, `distances ${d.join(", ")}: ratio ${ratio} is not about 1/2`);
  }
});

test("flow-vs-gd: a threshold too tight for the time cap reports 'not reached' and no speedup; a diverging step is no agreement", () => {
  const tight = flowVsGd(sensingProblem(new Rng(0), 8, 30), { agreement: 1e-12, maxSeconds: 1, maxRuns: 100 });
  assert.equal(tight.agreeing, "not reached");
  assert.equal(tight.speedup, null);
  assert.ok(tight.gd.length >= 1 && tight.gd.every((g) => g.distance === null || g.distance > 1e-12));
  const diverging = flowVsGd(sensingProblem(new Rng(0), 8, 30), { eta0: 1, maxRuns: 1 });
  assert.equal(diverging.gd[0].reached, false);
  assert.equal(diverging.gd[0].distance, null);
  assert.equal(diverging.agreeing, "not reached");
});
