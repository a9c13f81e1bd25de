import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../src/random/index.ts";
import { dot } from "../../src/linalg/index.ts";
import {
  euclidean,
  negativeEntropy,
  simplexEntropy,
  pNormSquared,
  hyperbolicEntropy,
  softmax,
  type Potential,
} from "../../src/geometry/index.ts";

interface Case {
  potential: Potential;
  /** a random point in the (relative) interior of dom ψ */
  primal(rng: Rng, d: number): Float64Array;
  /** a random dual point */
  dual(rng: Rng, d: number): Float64Array;
}

const gaussian = (rng: Rng, d: number, s = 1) => rng.fillNormal(new Float64Array(d), s);

const cases: Case[] = [
  { potential: euclidean(), primal: (r, d) => gaussian(r, d), dual: (r, d) => gaussian(r, d) },
  {
    potential: negativeEntropy(),
    primal: (r, d) => gaussian(r, d, 0.7).map(Math.exp),
    dual: (r, d) => gaussian(r, d, 0.7),
  },
  {
    potential: simplexEntropy(),
    primal: (r, d) => softmax(gaussian(r, d), new Float64Array(d)),
    dual: (r, d) => gaussian(r, d),
  },
  { potential: pNormSquared(1.5), primal: (r, d) => gaussian(r, d), dual: (r, d) => gaussian(r, d) },
  { potential: pNormSquared(2), primal: (r, d) => gaussian(r, d), dual: (r, d) => gaussian(r, d) },
  { potential: pNormSquared(3), primal: (r, d) => gaussian(r, d), dual: (r, d) => gaussian(r, d) },
  { potential: hyperbolicEntropy(0.1), primal: (r, d) => gaussian(r, d), dual: (r, d) => gaussian(r, d) },
  { potential: hyperbolicEntropy(2), primal: (r, d) => gaussian(r, d), dual: (r, d) => gaussian(r, d) },
];

const D = 6;
const TRIALS = 5;

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** max over coordinates of |central difference of f − g| / max(1, |g|) */
function fdGradientError(f: (x: Float64Array) => number, g: Float64Array, x: Float64Array): number {
  let worst = 0;
  const xp = x.slice();
  for (let i = 0; i < x.length; i++) {
    const h = 1e-6 * Math.max(1, Math.abs(x[i]));
    const xi = x[i];
    xp[i] = xi + h;
    const fp = f(xp);
    xp[i] = xi - h;
    const fm = f(xp);
    xp[i] = xi;
    const fd = (fp - fm) / (2 * h);
    worst = Math.max(worst, Math.abs(fd - g[i]) / Math.max(1, Math.abs(g[i])));
  }
  return worst;
}

for (const { potential, primal, dual } of cases) {
  const name = potential.name;

  test(`${name}: ∇ψ* ∘ ∇ψ = identity on the domain, and ∇ψ ∘ ∇ψ* = identity (mod the normal space)`, () => {
    const rng = new Rng(11);
    const z = new Float64Array(D), back = new Float64Array(D), w2 = new Float64Array(D);
    for (let t = 0; t < TRIALS; t++) {
      const w = primal(rng, D);
      assert.ok(potential.inDomain(w));
      potential.grad(w, z);
      potential.gradConj(z, back);
      assert.ok(maxAbsDiff(back, w) <= 1e-12 * Math.max(1, maxAbs(w)), `${maxAbsDiff(back, w)}`);

      const zeta = dual(rng, D);
      potential.gradConj(zeta, w2);
      assert.ok(potential.inDomain(w2), "∇ψ* maps into the domain");
      potential.grad(w2, back);
      const diff = back.map((v, i) => v - zeta[i]);
      if (potential.projectTangent) potential.projectTangent(diff, diff);
      assert.ok(maxAbs(diff) <= 1e-12 * Math.max(1, maxAbs(zeta)), `${maxAbs(diff)}`);
    }
  });

  test(`${name}: Fenchel–Young equality ψ(w) + ψ*(∇ψ(w)) = ⟨w, ∇ψ(w)⟩, and strict inequality off the graph`, () => {
    const rng = new Rng(12);
    const z = new Float64Array(D);
    for (let t = 0; t < TRIALS; t++) {
      const w = primal(rng, D);
      potential.grad(w, z);
      const lhs = potential.value(w) + potential.conjValue(z);
      const rhs = dot(w, z);
      assert.ok(Math.abs(lhs - rhs) <= 1e-12 * Math.max(1, Math.abs(rhs)), `${lhs} vs ${rhs}`);
      // Fenchel–Young inequality is strict for a dual point that is not ∇ψ(w)
      const zeta = dual(rng, D);
      assert.ok(potential.value(w) + potential.conjValue(zeta) > dot(w, zeta));
    }
  });

  test(`${name}: ∇ψ and ∇ψ* agree with finite differences of ψ and ψ*`, () => {
    const rng = new Rng(13);
    const g = new Float64Array(D);
    for (let t = 0; t < TRIALS; t++) {
      const w = primal(rng, D);
      potential.grad(w, g);
      assert.ok(fdGradientError((x) => potential.value(x), g, w) < 1e-6);
      const z = dual(rng, D);
      potential.gradConj(z, g);
      assert.ok(fdGradientError((x) => potential.conjValue(x), g, z) < 1e-6);
    }
  });

  test(`${name}: ∇²ψ* v agrees with finite differences of ∇ψ*`, () => {
    const rng = new Rng(14);
    const hv = new Float64Array(D), gp = new Float64Array(D), gm = new Float64Array(D);
    for (let t = 0; t < TRIALS; t++) {
      const z = dual(rng, D);
      const v = gaussian(rng, D);
      potential.hessConjVec(z, v, hv);
      const h = 1e-6;
      potential.gradConj(z.map((zi, i) => zi + h * v[i]), gp);
      potential.gradConj(z.map((zi, i) => zi - h * v[i]), gm);
      const fd = gp.map((a, i) => (a - gm[i]) / (2 * h));
      assert.ok(maxAbsDiff(fd, hv) <= 1e-6 * Math.max(1, maxAbs(hv)), `${maxAbsDiff(fd, hv)}`);
      // positive semidefinite: vᵀ∇²ψ*(z)v ≥ 0
      assert.ok(dot(v, hv) >= -1e-12);
    }
  });

  test(`${name}: Bregman divergence is ≥ 0, = 0 at w = v, and equals ψ(w) − ψ(v) − ⟨∇ψ(v), w − v⟩`, () => {
    const rng = new Rng(15);
    const gv = new Float64Array(D);
    for (let t = 0; t < TRIALS; t++) {
      const w = primal(rng, D);
      const v = primal(rng, D);
      const dwv = potential.bregman(w, v);
      assert.ok(dwv > 0, `D = ${dwv}`);
      assert.ok(Math.abs(potential.bregman(v, v)) <= 1e-14 * Math.max(1, Math.abs(potential.value(v))));
      potential.grad(v, gv);
      const direct = potential.value(w) - potential.value(v) - dot(gv, w.map((wi, i) => wi - v[i]));
      assert.ok(Math.abs(dwv - direct) <= 1e-10 * Math.max(1, Math.abs(direct)), `${dwv} vs ${direct}`);
    }
  });
}

test("the finite-difference check catches a wrong gradient (it can fail)", () => {
  const good = hyperbolicEntropy(0.5);
  const rng = new Rng(3);
  const w = gaussian(rng, D);
  const wrong = new Float64Array(D);
  // the gradient of a different β is a plausible bug
  hyperbolicEntropy(0.55).grad(w, wrong);
  assert.ok(fdGradientError((x) => good.value(x), wrong, w) > 1e-3);
});

test("softmax and log-sum-exp are stable for huge dual vectors", () => {
  const s = simplexEntropy();
  const z = Float64Array.from([1000, 1000, -1000, 999]);
  const w = s.gradConj(z, new Float64Array(4));
  assert.ok(w.every(Number.isFinite));
  assert.ok(Math.abs(w[0] - w[1]) < 1e-15 && w[2] === 0);
  assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-15);
  assert.ok(Math.abs(s.conjValue(z) - (1000 + Math.log(2 + Math.exp(-1)))) < 1e-12);
});

test("p-norm potentials do not overflow on huge entries and map 0 to 0", () => {
  const pn = pNormSquared(3);
  const w = Float64Array.from([1e200, -2e200, 3e199]);
  const g = pn.grad(w, new Float64Array(3));
  assert.ok(g.every(Number.isFinite));
  const back = pn.gradConj(g, new Float64Array(3));
  assert.ok(maxAbsDiff(back, w) <= 1e-13 * 2e200);
  const zero = new Float64Array(3);
  assert.deepEqual(Array.from(pn.grad(zero, new Float64Array(3))), [0, 0, 0]);
  assert.deepEqual(Array.from(pn.gradConj(zero, new Float64Array(3))), [0, 0, 0]);
  // ∇²ψ* does not exist at 0 for p ≠ 2, and is the identity for p = 2
  assert.ok(pn.hessConjVec(zero, Float64Array.from([1, 0, 0]), new Float64Array(3)).every(Number.isNaN));
  assert.deepEqual(Array.from(pNormSquared(2).hessConjVec(zero, Float64Array.from([1, 2, 3]), new Float64Array(3))), [1, 2, 3]);
});

test("domains: entropy needs w > 0, the simplex needs Σ w = 1, constructors reject bad parameters", () => {
  assert.equal(negativeEntropy().inDomain(Float64Array.from([1, 0])), false);
  assert.equal(negativeEntropy().inDomain(Float64Array.from([1, 2])), true);
  assert.equal(simplexEntropy().inDomain(Float64Array.from([0.5, 0.6])), false);
  assert.equal(simplexEntropy().inDomain(Float64Array.from([0.4, 0.6])), true);
  assert.equal(negativeEntropy().value(Float64Array.from([-1, 1])), Infinity);
  assert.throws(() => pNormSquared(1), /p must be in \(1, ∞\)/);
  assert.throws(() => hyperbolicEntropy(0), /beta must be in \(0, ∞\)/);
});
