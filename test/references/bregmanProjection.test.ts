import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import {
  euclidean,
  negativeEntropy,
  simplexEntropy,
  pNormSquared,
  hyperbolicEntropy,
  softmax,
  type Potential,
} from "../../src/geometry/index.ts";
import { bregmanProjection, bregmanCertificate, minNormL2 } from "../../src/references/index.ts";
import { bisect, gaussSolve, matVec, maxAbs, maxAbsDiff, nullSpaceVector, offRowSpace, randomMatrix } from "./helpers.ts";

test("Bregman projection with the Euclidean potential, and with ½‖·‖_p² at p = 2, is min-l2", () => {
  const rng = new Rng(201);
  const X = randomMatrix(rng, 20, 60);
  const y = rng.fillNormal(new Float64Array(20));
  const w0 = rng.fillNormal(new Float64Array(60));
  const expected = minNormL2(X, y, w0).solution;
  for (const potential of [euclidean(), pNormSquared(2)]) {
    const r = bregmanProjection(X, y, potential, w0);
    assert.ok(maxAbsDiff(r.solution, expected) < 1e-12, `${potential.name}: ${maxAbsDiff(r.solution, expected)}`);
    assert.ok(r.certificate.ok);
    assert.ok(Math.abs(r.certificate.primalObjective - 0.5 * expected.reduce((s, v, j) => s + (v - w0[j]) ** 2, 0)) < 1e-10);
  }
});

test("one constraint ⟨x, w⟩ = y: the projection is a scalar root-find in λ", () => {
  const rng = new Rng(202);
  const d = 8;
  const x = rng.fillNormal(new Float64Array(d));
  const X = new Matrix(1, d, x.slice());
  const dot = (w: Float64Array) => w.reduce((s, v, j) => s + v * x[j], 0);
  const w0pos = rng.fillNormal(new Float64Array(d), 0.5).map(Math.exp);
  const w0simplex = w0pos.map((v) => v / w0pos.reduce((a, b) => a + b, 0));
  const w0real = rng.fillNormal(new Float64Array(d));
  // w(λ) for each potential, increasing ⟨x, w(λ)⟩ in λ
  const cases: { potential: Potential; w0: Float64Array; y: number; wOf: (l: number) => Float64Array }[] = [
    { potential: negativeEntropy(), w0: w0pos, y: dot(w0pos) + 0.7, wOf: (l) => w0pos.map((v, j) => v * Math.exp(l * x[j])) },
    {
      potential: simplexEntropy(),
      w0: w0simplex,
      y: 0.5 * (dot(w0simplex) + Math.max(...x)),
      wOf: (l) => softmax(w0simplex.map((v, j) => Math.log(v) + l * x[j]), new Float64Array(d)),
    },
    {
      potential: hyperbolicEntropy(0.3),
      w0: w0real,
      y: dot(w0real) - 2,
      wOf: (l) => w0real.map((v, j) => 0.3 * Math.sinh(Math.asinh(v / 0.3) + l * x[j])),
    },
  ];
  for (const { potential, w0, y, wOf } of cases) {
    const lambda = bisect((l) => dot(wOf(l)) - y, -50, 50);
    const expected = wOf(lambda);
    const r = bregmanProjection(X, Float64Array.of(y), potential, w0);
    assert.ok(maxAbsDiff(r.solution, expected) < 1e-12 * Math.max(1, maxAbs(expected)), `${potential.name}: ${maxAbsDiff(r.solution, expected)}`);
    assert.ok(r.certificate.ok, potential.name);
    assert.ok(r.certificate.primalResidual <= 1e-12);
  }
});

function feasiblePoint(rng: Rng, kind: "positive" | "simplex" | "real", d: number): Float64Array {
  const w = rng.fillNormal(new Float64Array(d), 0.5);
  if (kind === "real") return w;
  const e = w.map(Math.exp);
  if (kind === "positive") return e;
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

const potentials: { potential: Potential; kind: "positive" | "simplex" | "real" }[] = [
  { potential: negativeEntropy(), kind: "positive" },
  { potential: simplexEntropy(), kind: "simplex" },
  { potential: pNormSquared(1.5), kind: "real" },
  { potential: pNormSquared(3), kind: "real" },
  { potential: hyperbolicEntropy(0.1), kind: "real" },
];

for (const { potential, kind } of potentials) {
  test(`${potential.name}: KKT of the Bregman projection on a random 20×60 system, and no feasible point is closer`, () => {
    const rng = new Rng(203);
    const N = 20, d = 60;
    const X = randomMatrix(rng, N, d);
    const y = matVec(X, feasiblePoint(rng, kind, d)); // attainable inside the domain
    const w0 = feasiblePoint(rng, kind, d);
    const { solution: w, certificate } = bregmanProjection(X, y, potential, w0);
    assert.ok(certificate.ok, JSON.stringify(certificate));
    assert.ok(certificate.primalResidual <= 1e-12 && certificate.dualResidual <= 1e-10 && certificate.dualityGap! <= 1e-10);
    assert.ok(potential.inDomain(w));
    // independent KKT: ∇ψ(w) − ∇ψ(w0) in the row space (plus span(1) on the simplex)
    const gw = potential.grad(w, new Float64Array(d)), g0 = potential.grad(w0, new Float64Array(d));
    let diff: Float64Array = gw.map((v, j) => v - g0[j]);
    if (kind === "simplex") {
      const Xa = new Matrix(N + 1, d);
      Xa.data.set(X.data);
      Xa.row(N).fill(1);
      diff = offRowSpace(Xa, diff);
    } else diff = offRowSpace(X, diff);
    assert.ok(maxAbs(diff) < 1e-9, `${maxAbs(diff)}`);
    // feasible perturbations along the null space do not decrease D_ψ(·, w0)
    const dStar = potential.bregman(w, w0);
    for (let k = 0; k < 5; k++) {
      let v: Float64Array = nullSpaceVector(rng, X);
      if (kind === "simplex") {
        const Xa = new Matrix(N + 1, d);
        Xa.data.set(X.data);
        Xa.row(N).fill(1);
        v = offRowSpace(Xa, v);
      }
      const scale = (kind === "real" ? 0.05 : 0.05 * Math.min(...w)) / maxAbs(v);
      const moved = w.map((s, j) => s + scale * v[j]);
      assert.ok(potential.inDomain(moved));
      assert.ok(maxAbsDiff(matVec(X, moved), y) < 1e-10);
      assert.ok(potential.bregman(moved, w0) > dStar);
    }
  });
}

test("simplex entropy: an explicit 1ᵀw = 1 row is redundant and gives the same projection", () => {
  const rng = new Rng(204);
  const X = randomMatrix(rng, 5, 12);
  const target = feasiblePoint(rng, "simplex", 12);
  const y = matVec(X, target);
  const plain = bregmanProjection(X, y, simplexEntropy());
  const Xa = new Matrix(6, 12);
  Xa.data.set(X.data);
  Xa.row(5).fill(1);
  const ya = new Float64Array(6);
  ya.set(y);
  ya[5] = 1;
  const withRow = bregmanProjection(Xa, ya, simplexEntropy());
  assert.ok(maxAbsDiff(plain.solution, withRow.solution) < 1e-12);
  assert.ok(withRow.certificate.ok && plain.certificate.ok);
  // w0 defaults to the uniform distribution, so D is KL(w‖uniform) = log d − H(w)
  const H = -plain.solution.reduce((s, v) => s + v * Math.log(v), 0);
  assert.ok(Math.abs(plain.certificate.primalObjective - (Math.log(12) - H)) < 1e-12);
});

test("targets outside the domain's image are rejected: the dual multipliers diverge", () => {
  // entropy: w > 0 cannot give ⟨(1, 1), w⟩ = −1
  assert.throws(
    () => bregmanProjection(Matrix.fromRows([[1, 1]]), Float64Array.of(-1), negativeEntropy()),
    /no solution w in the domain of ψ — the dual multipliers diverge/,
  );
  // simplex: ⟨(1, 2, 3), w⟩ ≤ 3 on the simplex
  assert.throws(
    () => bregmanProjection(Matrix.fromRows([[1, 2, 3]]), Float64Array.of(5), simplexEntropy()),
    /no solution w in the domain of ψ/,
  );
  // an inconsistent linear system is reported as such
  assert.throws(
    () => bregmanProjection(Matrix.fromRows([[1, 1], [1, 1]]), Float64Array.of(1, 2), hyperbolicEntropy(1)),
    /the system Xw = y has no solution/,
  );
  assert.throws(() => bregmanProjection(Matrix.fromRows([[1, 1]]), Float64Array.of(1), negativeEntropy(), Float64Array.of(1, -1)), /w0 is not in the domain/);
});

test("the Bregman certificate fails on a wrong answer", () => {
  const rng = new Rng(205);
  const X = randomMatrix(rng, 6, 15);
  const y = matVec(X, feasiblePoint(rng, "positive", 15));
  const pot = negativeEntropy();
  const w0 = new Float64Array(15).fill(1);
  const r = bregmanProjection(X, y, pot, w0);
  const lambda = r.dual!;
  // the multipliers agree with stationarity log w − log w0 = Xᵀλ, recovered independently
  const g = r.solution.map(Math.log);
  const G: number[][] = [], b: number[] = [];
  for (let i = 0; i < 6; i++) {
    G.push([]);
    for (let k = 0; k < 6; k++) G[i].push(X.row(i).reduce((s, v, j) => s + v * X.get(k, j), 0));
    b.push(X.row(i).reduce((s, v, j) => s + v * g[j], 0));
  }
  assert.ok(maxAbsDiff(gaussSolve(G, b), lambda) < 1e-10);
  assert.ok(bregmanCertificate(X, y, pot, w0, r.solution, lambda).ok);
  // a feasible point that is not the projection
  const v = nullSpaceVector(rng, X);
  const other = r.solution.map((s, j) => s + (0.1 * Math.min(...r.solution) * v[j]) / maxAbs(v));
  const c = bregmanCertificate(X, y, pot, w0, other, lambda);
  assert.ok(c.primalResidual < 1e-10 && c.dualResidual > 1e-6 && !c.ok);
  // the min-l2 solution is feasible but generally not even in the domain
  const c2 = bregmanCertificate(X, y, pot, w0, minNormL2(X, y).solution, lambda);
  assert.equal(c2.ok, false);
});

test("½‖·‖_p² with p > 2 is solved by primal Newton, and agrees with the dual Newton route", () => {
  const rng = new Rng(206);
  const X = randomMatrix(rng, 15, 40);
  const y = rng.fillNormal(new Float64Array(15));
  const w0 = rng.fillNormal(new Float64Array(40));
  const primal = bregmanProjection(X, y, pNormSquared(3), w0);
  assert.equal(primal.certificate.details?.method, "primal Newton");
  const dualRoute = bregmanProjection(X, y, { ...pNormSquared(3), newtonSpace: "dual" }, w0);
  assert.equal(dualRoute.certificate.details?.method, "dual Newton");
  assert.ok(primal.certificate.ok && dualRoute.certificate.ok);
  assert.ok(maxAbsDiff(primal.solution, dualRoute.solution) < 1e-10 * maxAbs(primal.solution));
  assert.equal(bregmanProjection(X, y, pNormSquared(1.5)).certificate.details?.method, "dual Newton");
  // a larger exponent, where the conjugate is rougher still, on the md-bregman size
  const Xb = randomMatrix(rng, 50, 200);
  const yb = rng.fillNormal(new Float64Array(50));
  const r = bregmanProjection(Xb, yb, pNormSquared(5));
  assert.ok(r.certificate.ok, JSON.stringify(r.certificate));
  assert.ok(r.certificate.iterations! < 40);
});
