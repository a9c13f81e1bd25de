import { test } from "node:test";
import assert from "node:assert/strict";
import { expFast, logisticWeight } from "../../src/linalg/index.ts";
import { Rng } from "../../src/random/index.ts";

const ULP = 2 ** -52;

test("expFast agrees with Math.exp to 2 ulp over the whole range, and at the edges, ±∞ and NaN", () => {
  const rng = new Rng(1);
  const xs: number[] = [0, -0, 1, -1, 1e-300, -1e-20, Math.LN2, 100 * Math.LN2, -707.9, 708.9, -708, 709, -745, -746, 709.7, 709.8, 710, 1000, -1000];
  for (let k = 0; k < 20000; k++) xs.push((2 * rng.uniform() - 1) * (k % 3 === 0 ? 1 : k % 3 === 1 ? 40 : 720));
  for (const x of xs) {
    const e = expFast(x), E = Math.exp(x);
    if (E === 0 || !Number.isFinite(E)) assert.equal(e, E, `x = ${x}`);
    else assert.ok(Math.abs(e - E) <= 2 * ULP * E, `x = ${x}: ${e} vs ${E}`);
  }
  assert.equal(expFast(Infinity), Infinity);
  assert.equal(expFast(-Infinity), 0);
  assert.ok(Number.isNaN(expFast(NaN)));
});

test("logisticWeight is 1/(1 + e^m) to 2 ulp (relative) or 1e-307 (absolute), NaN stays NaN", () => {
  const rng = new Rng(2);
  const ms: number[] = [0, 1, -1, 36, -36, 700, -700, 708.5, 709.5, 745, 800, -800, Infinity, -Infinity];
  for (let k = 0; k < 20000; k++) ms.push((2 * rng.uniform() - 1) * (k % 2 ? 10 : 800));
  for (const m of ms) {
    const g = logisticWeight(m), G = 1 / (1 + Math.exp(m));
    assert.ok(Math.abs(g - G) <= Math.max(2 * ULP * G, 1e-307), `m = ${m}: ${g} vs ${G}`);
  }
  assert.equal(logisticWeight(0), 0.5);
  assert.ok(Number.isNaN(logisticWeight(NaN)));
  // a wrong answer would be seen: σ(−m) ≠ σ(m)
  assert.ok(Math.abs(logisticWeight(2) - 1 / (1 + Math.exp(-2))) > 0.5);
});
