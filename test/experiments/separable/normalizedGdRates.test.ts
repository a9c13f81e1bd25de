import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, checksNamed, runSeparable } from "./helpers.ts";

test("normalized-gd-rates (quick): exponents ≈ −½, −1, −2 within 0.15; normalized GD ≥ 20× closer at 1e4 than GD at 1e5; margins past 1e4", async () => {
  const r = await runSeparable("normalized-gd-rates");
  assertWellFormed(r, "normalized-gd-rates");
  assertAllPass(r);
  const expected: [string, number][] = [["normalized", -0.5], ["loss-scaled", -1], ["accelerated", -2]];
  for (const [key, p] of expected) {
    const e = r.summary[`${key}: exponent`] as number;
    assert.ok(Math.abs(e - p) <= 0.15, `${key}: ${e}`);
  }
  assert.ok((r.summary["GD (exponential loss): exponent"] as number) > -0.4, "plain GD is far slower");
  const [closer] = checksNamed(r, "normalized GD's angle to ŵ");
  assert.ok(closer.competitor!.measured / closer.measured >= 20);
  const [margin] = checksNamed(r, "smallest margin");
  assert.ok(margin.measured > 1e4);
  assert.deepEqual(r.figures.map((f) => f.name), ["margin-gap", "angle-gap", "picture"]);
});

test("normalized-gd-rates fails without the momentum (the accelerated method becomes η ∝ 1/L: exponent ≈ −1) and with too short runs", async () => {
  const r = await runSeparable("normalized-gd-rates", { momentum: false, gdIter: 10, normalizedIter: 10 });
  const [acc] = checksNamed(r, "dual-accelerated", "fitted exponent");
  assert.equal(acc.pass, false);
  assert.ok(Math.abs((r.summary["accelerated: exponent"] as number) + 1) < 0.15);
  const short = await runSeparable("normalized-gd-rates", { rateIter: 200, gdIter: 1000, normalizedIter: 10 });
  assert.equal(checksNamed(short, "normalized GD's angle to ŵ")[0].pass, false);
  assert.equal(checksNamed(short, "smallest margin")[0].pass, false);
  assert.ok(short.checks.filter((c) => c.name.includes("fitted exponent")).some((c) => !c.pass));
});
