import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "./helpers.ts";

test("two-layer-linear (quick): GD and SGD on W₂W₁ reach A* = min-norm solution; a null-space part N₀ shifts the limit by exactly W₂N₀", async () => {
  const r = await runQuick("two-layer-linear");
  assertWellFormed(r, "two-layer-linear");
  assertAllPass(r);
  const toStar = checksNamed(r, "relative distance of the limit A = W₂W₁ to A*");
  assert.equal(toStar.length, 3);
  for (const c of toStar) assert.ok(c.measured <= 1e-6 && c.competitor!.measured > 0.1);
  const shifted = checksNamed(r, "relative distance of the limit to A* + W₂(T)N₀");
  assert.equal(shifted.length, 3);
  for (const c of shifted) assert.ok(c.measured <= 1e-6 && c.competitor!.measured > 1e-2, "the shift is real and exactly predicted");
});

test("two-layer-linear fails when W₁(0) is not in the row space (the theorem's hypothesis)", async () => {
  const r = await runQuick("two-layer-linear", { rowspaceInit: false });
  const toStar = checksNamed(r, "relative distance of the limit A = W₂W₁ to A*");
  assert.equal(toStar.length, 3);
  for (const c of toStar) assert.equal(c.pass, false, c.name);
});
