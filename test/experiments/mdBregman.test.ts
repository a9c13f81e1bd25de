import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAllPass, assertWellFormed, runQuick } from "./helpers.ts";

const POTENTIALS = ["euclidean", "entropy", "simplex-entropy", "p-norm:1.5", "p-norm:3", "hyperbolic:0.1"];

test("md-bregman (quick): for every potential and three step sizes (and minibatches), ≤ 1e-6 from the Bregman projection", async () => {
  const r = await runQuick("md-bregman");
  assertWellFormed(r, "md-bregman");
  assertAllPass(r);
  for (const id of POTENTIALS) {
    for (const f of ["η = 1/β_ψ:", "η = 0.5/β_ψ:", "η = 0.2/β_ψ:", "η = 0.2/β_ψ, minibatch 10:"]) {
      const cs = r.checks.filter((c) => c.name.startsWith(`${id}, ${f}`));
      assert.equal(cs.length, 1, `${id}, ${f}`);
      assert.ok(cs[0].measured <= 1e-6, `${id}, ${f} ${cs[0].measured}`);
      assert.ok(cs[0].competitor!.measured >= 1e-2, `${id}: the competing projection is far`);
    }
    assert.equal(r.summary[`${id}: certificate ok`], true);
  }
});

test("md-bregman fails when mirror descent has not reached the projection", async () => {
  const r = await runQuick("md-bregman", { potentials: ["entropy", "p-norm:3"], maxIter: 3 });
  assert.equal(r.checks.length, 8);
  for (const c of r.checks) assert.equal(c.pass, false, c.name);
});

test("md-bregman rejects an unknown potential id with the allowed ones", async () => {
  await assert.rejects(runQuick("md-bregman", { potentials: ["kl"] }), /unknown potential "kl"; allowed: euclidean/);
});
