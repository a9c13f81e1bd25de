import { test } from "node:test";
import assert from "node:assert/strict";
import { dualityCertificate, relativeGap } from "../../src/references/duality.ts";

test("relativeGap: absolute below 1, relative above", () => {
  assert.equal(relativeGap(0.5, 0.25), 0.25);
  assert.equal(relativeGap(100, 99), 0.01);
  assert.equal(relativeGap(-100, -101), 0.01);
});

test("dualityCertificate: ok only when both residuals and the gap are within tol", () => {
  const base = { kind: "test", primalResidual: 1e-12, dualResidual: 1e-12, primalObjective: 2, dualObjective: 2 - 1e-12, tol: 1e-9 };
  const good = dualityCertificate(base);
  assert.equal(good.ok, true);
  assert.ok(Math.abs(good.dualityGap! - 5e-13) < 1e-15);
  assert.equal(good.details, undefined);
  assert.equal(dualityCertificate({ ...base, primalResidual: 1e-6 }).ok, false);
  assert.equal(dualityCertificate({ ...base, dualResidual: 1e-6 }).ok, false);
  assert.equal(dualityCertificate({ ...base, dualObjective: 1.9 }).ok, false);
  assert.deepEqual(dualityCertificate({ ...base, details: { a: 1 } }).details, { a: 1 });
});

test("dualityCertificate: a further residual beyond tol fails it and is reported in details", () => {
  const base = { kind: "test", primalResidual: 0, dualResidual: 0, primalObjective: 1, dualObjective: 1, tol: 1e-9 };
  const ok = dualityCertificate({ ...base, alsoWithinTol: { complementarity: 1e-12 }, details: { margin: 0.5 } });
  assert.equal(ok.ok, true);
  assert.deepEqual(ok.details, { complementarity: 1e-12, margin: 0.5 });
  assert.equal(dualityCertificate({ ...base, alsoWithinTol: { complementarity: 1e-6 } }).ok, false);
});
