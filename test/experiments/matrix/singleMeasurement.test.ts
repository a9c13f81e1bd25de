import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "../helpers.ts";

test("single-measurement (quick): X∞ is spanned by the top eigenvector of A and equals (y/λ₁)v₁v₁ᵀ", async () => {
  const r = await runQuick("single-measurement");
  assertWellFormed(r, "single-measurement");
  assertAllPass(r);
  const [angle] = checksNamed(r, "sin ∠");
  assert.ok(angle.measured <= 1e-6, `${angle.measured}`);
  assert.ok((r.summary["λ₂ / λ₁"] as number) <= 0.8, "the top eigenvalue stands apart");
  // the part of X∞ outside span(v₁) shrinks with α
  const outside = [1e-1, 1e-6, 1e-24, 1e-48].map((a) => r.summary[`α = ${a}: part of X∞ outside span(v₁)`] as number);
  for (let k = 1; k < outside.length; k++) assert.ok(outside[k] < outside[k - 1], `outside fractions ${outside.join(", ")}`);
});

test("single-measurement fails when the init is not small (α ≥ 1e-3)", async () => {
  const r = await runQuick("single-measurement", { alphas: [1e-1, 1e-3] });
  assert.equal(r.checks.length, 2);
  for (const c of r.checks) assert.equal(c.pass, false, `${c.name}: ${c.measured}`);
});
