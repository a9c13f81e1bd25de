import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../src/random/index.ts";
import { negativeEntropy } from "../../src/geometry/index.ts";
import { programRegistry, programFromId, bregmanProjection, minL1, minNormL2, ridge } from "../../src/references/index.ts";
import { matVec, maxAbsDiff, randomMatrix } from "./helpers.ts";

test("every registered program solves a small system with an ok certificate", async () => {
  const rng = new Rng(501);
  const X = randomMatrix(rng, 6, 14);
  const y = matVec(X, rng.fillNormal(new Float64Array(14), 0.3).map(Math.exp)); // attainable by w > 0
  assert.deepEqual(Object.keys(programRegistry), ["min-l2", "min-l1", "min-linf", "bregman", "ridge"]);
  for (const [name, program] of Object.entries(programRegistry)) {
    const options = name === "ridge" ? { lambda: "0.1" } : {};
    const r = await program.solve({ X, y }, options);
    assert.ok(r.certificate.ok, name);
    assert.ok(program.description.length > 0);
  }
  // options are passed through as the direct calls would use them
  const b = await programFromId("bregman").solve({ X, y }, { potential: "entropy" });
  assert.ok(maxAbsDiff(b.solution, bregmanProjection(X, y, negativeEntropy()).solution) === 0);
  const w0 = rng.fillNormal(new Float64Array(14));
  assert.ok(maxAbsDiff((await programFromId("min-l2").solve({ X, y, w0 })).solution, minNormL2(X, y, w0).solution) === 0);
  assert.ok(maxAbsDiff((await programFromId("min-l1").solve({ X, y }, { timeLimit: 5 })).solution, (await minL1(X, y)).solution) === 0);
  assert.ok(maxAbsDiff((await programFromId("ridge").solve({ X, y }, { lambda: 2 })).solution, ridge(X, y, 2).solution) === 0);
});

test("unknown programs, options and bad option values are rejected with the allowed ones", async () => {
  const X = randomMatrix(new Rng(502), 2, 4);
  const y = Float64Array.of(1, 2);
  assert.throws(() => programFromId("min-l3"), /unknown program "min-l3"; allowed: min-l2, min-l1, min-linf, bregman, ridge/);
  await assert.rejects(programFromId("min-l1").solve({ X, y }, { potential: "entropy" }), /program "min-l1" has no option "potential"; allowed: timeLimit/);
  await assert.rejects(programFromId("min-l2").solve({ X, y }, { tol: 1 }), /has no option "tol"; allowed: none/);
  await assert.rejects(programFromId("bregman").solve({ X, y }, { potential: "entropi" }), /unknown potential "entropi"; allowed: euclidean, entropy/);
  await assert.rejects(programFromId("ridge").solve({ X, y }, {}), /needs the option lambda/);
  await assert.rejects(programFromId("ridge").solve({ X, y }, { lambda: "-1" }), /option lambda must be a positive number, got "-1"/);
  await assert.rejects(programFromId("min-linf").solve({ X, y }, { timeLimit: "soon" }), /option timeLimit must be a positive number/);
});
