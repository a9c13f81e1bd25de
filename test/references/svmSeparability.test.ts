import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";
import { separableData } from "../../src/data/index.ts";
import { separabilityCheck, requireSeparable, NotSeparableError, maxMarginLinf } from "../../src/references/index.ts";

function signedCombination(X: Matrix, y: Float64Array, lambda: Float64Array): number[] {
  const v = new Array<number>(X.cols).fill(0);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) v[j] += lambda[i] * y[i] * X.get(i, j);
  return v;
}

test("XOR through the origin is not separable: a Farkas vector λ ≥ 0, Σλ = 1, Σλᵢyᵢxᵢ = 0, and a clear message", async () => {
  const X = Matrix.fromRows([[1, 1], [-1, -1], [1, -1], [-1, 1]]);
  const y = Float64Array.from([1, 1, -1, -1]);
  const r = await separabilityCheck(X, y);
  assert.equal(r.separable, false);
  assert.equal(r.w, undefined);
  const lambda = r.farkas!;
  assert.ok(lambda.every((l) => l >= 0));
  assert.ok(Math.abs(lambda.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.ok(Math.max(...signedCombination(X, y, lambda).map(Math.abs)) < 1e-9);
  assert.ok(r.residual < 1e-9 && r.linfMargin === 0);
  assert.match(r.message, /^not linearly separable through the origin: \d examples have a convex combination of yᵢxᵢ equal to 0/);
  await assert.rejects(requireSeparable(X, y), (e: unknown) => e instanceof NotSeparableError && /this needs separable data/.test(e.message) && (e as NotSeparableError).farkas !== undefined);
});

test("other non-separable data: a point at the origin, one point with both labels, overlapping classes", async () => {
  const cases: [number[][], number[]][] = [
    [[[1, 0], [0, 0], [2, 1]], [1, 1, -1]],
    [[[0.3, 0.7], [0.3, 0.7], [1, 0]], [1, -1, 1]],
  ];
  const rng = new Rng(31);
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < 60; i++) {
    rows.push([rng.normal(), rng.normal(), rng.normal()]);
    labels.push(rng.uniform() < 0.5 ? 1 : -1);
  }
  cases.push([rows, labels]);
  for (const [r, l] of cases) {
    const X = Matrix.fromRows(r), y = Float64Array.from(l);
    const res = await separabilityCheck(X, y);
    assert.equal(res.separable, false, JSON.stringify(r.slice(0, 3)));
    assert.ok(Math.max(...signedCombination(X, y, res.farkas!).map(Math.abs)) < 1e-9);
  }
});

test("separable data: w with every margin ≥ 1, the ℓ∞ margin equal to the ℓ∞ max-margin LP's", async () => {
  const data = separableData(new Rng(32), { n: 200, d: 5, gap: 0.05 });
  const r = await separabilityCheck(data.X, data.y);
  assert.equal(r.separable, true);
  assert.ok(r.residual >= 1 - 1e-12);
  for (let i = 0; i < data.X.rows; i++) {
    let s = 0;
    for (let j = 0; j < 5; j++) s += data.X.get(i, j) * r.w![j];
    assert.ok(data.y[i] * s >= 1 - 1e-12);
  }
  const linf = await maxMarginLinf(data.X, data.y);
  assert.ok(Math.abs(r.linfMargin - linf.margin) < 1e-9 * linf.margin);
  assert.match(r.message, /^linearly separable through the origin/);
  assert.equal((await requireSeparable(data.X, data.y)).separable, true);
  // labels other than ±1 are refused before any LP
  await assert.rejects(separabilityCheck(data.X, data.y.map((v) => (v > 0 ? 1 : 0))), /labels must be −1 or \+1/);
});
