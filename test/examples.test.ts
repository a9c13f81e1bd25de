import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

// The README's library tour is examples/min-norm.ts: it must run and show GD at
// the min-ℓ2 interpolant and far from the min-ℓ1 one.
test("examples/min-norm.ts runs and GD lands on min-ℓ2, not min-ℓ1", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "examples/min-norm.ts"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const l2 = Number(/distance to min-ℓ2: (\S+)/.exec(r.stdout)?.[1]);
  const l1 = Number(/distance to min-ℓ1: (\S+)/.exec(r.stdout)?.[1]);
  assert.ok(l2 <= 1e-8, `min-ℓ2 distance ${l2}`);
  assert.ok(l1 >= 0.1, `min-ℓ1 distance ${l1}`);
  assert.match(r.stdout, /certificate ok: true/);
});
