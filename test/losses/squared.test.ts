import { test } from "node:test";
import assert from "node:assert/strict";
import { squaredLoss } from "../../src/losses/index.ts";

test("squared loss: ½r², ℓ′ = r, ℓ″ = 1, and the derivatives agree with central differences", () => {
  for (const r of [-3.5, -1, 0, 0.25, 2, 1e3]) {
    assert.equal(squaredLoss.value(r), 0.5 * r * r);
    const h = 1e-5 * Math.max(1, Math.abs(r));
    const fd1 = (squaredLoss.value(r + h) - squaredLoss.value(r - h)) / (2 * h);
    const fd2 = (squaredLoss.deriv(r + h) - squaredLoss.deriv(r - h)) / (2 * h);
    assert.ok(Math.abs(fd1 - squaredLoss.deriv(r)) <= 1e-8 * Math.max(1, Math.abs(r)), `ℓ′(${r})`);
    assert.ok(Math.abs(fd2 - squaredLoss.deriv2(r)) <= 1e-8, `ℓ″(${r})`);
  }
  assert.equal(squaredLoss.curvatureBound, 1);
  assert.equal(squaredLoss.constantCurvature, 1);
});
