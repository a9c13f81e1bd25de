import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runQuick } from "../helpers.ts";

test("sensing-nuclear (quick): GD on UUᵀ and on UVᵀ approaches W_NN* monotonically as α goes 1e-1 → 1e-4 (UVᵀ: 1e-5)", async () => {
  const r = await runQuick("sensing-nuclear");
  assertWellFormed(r, "sensing-nuclear");
  assertAllPass(r);
  for (const f of ["UUᵀ", "UVᵀ"]) {
    const [limit] = checksNamed(r, `${f}, α = `, "relative distance of GD's limit to W_NN*");
    assert.ok(limit.measured <= 1e-2, `${f}: ${limit.measured}`);
    assert.ok(limit.competitor!.measured >= 0.5, `${f}: min-Frobenius stays far: ${limit.competitor!.measured}`);
    assert.equal(r.summary[`${f}: SDP certificate ok`], true);
    assert.ok((r.summary[`${f}: planted W*'s distance from W_NN*`] as number) < 1e-6, `${f}: noiseless and above the recovery threshold, W_NN* = W*`);
  }
  assert.match(r.summary["UVᵀ: measurements"] as string, /iid Gaussian/);
});

test("sensing-nuclear fails at large init scales (α = 0.5, 0.3)", async () => {
  const r = await runQuick("sensing-nuclear", { alphas: [0.5, 0.3], factorizations: ["UUᵀ"] });
  const [limit] = checksNamed(r, "relative distance of GD's limit to W_NN*");
  assert.equal(limit.pass, false, `${limit.measured}`);
  assert.ok(limit.measured > 0.1);
});

test("sensing-nuclear's monotonicity check fails when the sweep runs the wrong way (α growing)", async () => {
  const r = await runQuick("sensing-nuclear", { alphas: [1e-3, 1e-1], factorizations: ["UUᵀ"] });
  const [mono] = checksNamed(r, "largest ratio of successive distances");
  assert.equal(mono.pass, false, `${mono.measured}`);
});

test("sensing-nuclear's UVᵀ half fails below the nuclear norm's recovery threshold (m = 80 iid Aᵢ at n = 15): GD heads for the low-rank W*, not W_NN*", async () => {
  const r = await runQuick("sensing-nuclear", { factorizations: ["UVᵀ"], uvM: 80 });
  assert.ok((r.summary["UVᵀ: planted W*'s distance from W_NN*"] as number) > 1e-2, "W_NN* is not W*");
  const [limit] = checksNamed(r, "UVᵀ, α = ", "relative distance of GD's limit to W_NN*");
  assert.equal(limit.pass, false, `${limit.measured}`);
});
