import { test } from "node:test";
import assert from "node:assert/strict";
import { potentialFromId, potentialRegistry } from "../../src/geometry/index.ts";

test("potentialFromId parses every documented id and round-trips through Potential.id", () => {
  const expect: Record<string, string> = {
    euclidean: "euclidean",
    entropy: "negative-entropy",
    "simplex-entropy": "simplex-entropy",
    "p-norm:1.5": "p-norm(1.5)",
    "p-norm:3": "p-norm(3)",
    "hyperbolic:0.1": "hyperbolic-entropy(0.1)",
  };
  for (const [id, name] of Object.entries(expect)) {
    const p = potentialFromId(id);
    assert.equal(p.name, name);
    assert.equal(potentialFromId(p.id!).name, name);
  }
  // a parameterised potential really uses its parameter
  const w = Float64Array.from([1, -2, 0.5]);
  assert.notEqual(potentialFromId("p-norm:1.5").value(w), potentialFromId("p-norm:3").value(w));
  assert.equal(Object.keys(potentialRegistry).length, 5);
});

test("potentialFromId rejects unknown ids and bad parameters with the allowed list", () => {
  assert.throws(() => potentialFromId("entropi"), /unknown potential "entropi"; allowed: euclidean, entropy, simplex-entropy, p-norm:<p>.*hyperbolic:<beta>/);
  assert.throws(() => potentialFromId("p-norm"), /needs a numeric p in \(1, ∞\).*p-norm:1\.5/);
  assert.throws(() => potentialFromId("p-norm:abc"), /needs a numeric p/);
  assert.throws(() => potentialFromId("p-norm:1"), /p must be in \(1, ∞\)/);
  assert.throws(() => potentialFromId("hyperbolic:-1"), /beta must be in \(0, ∞\)/);
  assert.throws(() => potentialFromId("euclidean:2"), /takes no parameter/);
  assert.throws(() => potentialFromId("constructor"), /unknown potential/);
});
