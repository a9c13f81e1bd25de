import { test } from "node:test";
import assert from "node:assert/strict";
import { experiments, getExperiment } from "../../src/experiments/index.ts";
import { parseParameters } from "../../src/run/index.ts";

const SECTION_A = [
  "ls-gd-min-norm", "ls-rowspace", "md-bregman", "steepest-ls-fails",
  "adagrad-ls", "wilson-adaptive", "two-layer-linear", "early-stopping-ridge",
];

test("registry: every section-A claim of CLAIMS.md is registered once, with its seeds and a one-line claim", () => {
  const ids = experiments.map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length, "ids are unique");
  for (const id of SECTION_A) {
    const e = getExperiment(id);
    assert.equal(e.id, id);
    assert.equal(e.section, "A");
    assert.ok(e.seeds.length > 0 && e.seeds.every((s) => ["000", "001", "002", "003", "004"].includes(s)), `${id} cites seeds`);
    assert.ok(e.claim.length > 20 && !e.claim.includes("\n"), `${id} states its claim on one line`);
  }
});

test("getExperiment: an unknown id is an Error that lists the known ids", () => {
  assert.throws(() => getExperiment("ls-gd-min-nrom"), (e: Error) => {
    assert.match(e.message, /unknown experiment "ls-gd-min-nrom"/);
    for (const id of SECTION_A) assert.ok(e.message.includes(id), `lists ${id}`);
    return true;
  });
});

test("parameter schemas: defaults are the full CLAIMS.md setups, quick overrides are valid, --set strings coerce", () => {
  for (const e of experiments) {
    const full = parseParameters(e.id, e.params, undefined);
    const quick = parseParameters(e.id, e.params, e.quick);
    assert.ok(Object.keys(e.quick).length > 0, `${e.id} has quick overrides`);
    for (const k of Object.keys(e.quick)) assert.ok(k in full, `${e.id}: quick key ${k} is a parameter`);
    assert.notDeepEqual(full, quick);
  }
  const ls = parseParameters("ls-gd-min-norm", getExperiment("ls-gd-min-norm").params, undefined) as Record<string, unknown>;
  assert.equal(ls.n, 50);
  assert.equal(ls.d, 200);
  assert.equal(ls.threshold, 1e-8);
  assert.equal(ls.competitorFloor, 1e-1);
  const two = parseParameters("two-layer-linear", getExperiment("two-layer-linear").params, undefined) as Record<string, unknown>;
  assert.deepEqual([two.d, two.n, two.hidden, two.outputs], [20, 10, 30, 3]);
  const md = parseParameters("md-bregman", getExperiment("md-bregman").params, undefined) as Record<string, unknown>;
  assert.deepEqual(md.potentials, ["euclidean", "entropy", "simplex-entropy", "p-norm:1.5", "p-norm:3", "hyperbolic:0.1"]);
  assert.equal((md.stepFractions as number[]).length, 3);
  const sd = parseParameters("steepest-ls-fails", getExperiment("steepest-ls-fails").params, undefined) as Record<string, unknown>;
  const etas = sd.stepFractions as number[];
  assert.ok(Math.max(...etas) / Math.min(...etas) >= 1e4, "η spans 4 decades");
  const set = parseParameters("ls-gd-min-norm", getExperiment("ls-gd-min-norm").params, undefined, { n: "7", optimizers: "gd,cg" }) as Record<string, unknown>;
  assert.equal(set.n, 7);
  assert.deepEqual(set.optimizers, ["gd", "cg"]);
  assert.throws(() => parseParameters("ls-gd-min-norm", getExperiment("ls-gd-min-norm").params, undefined, { optimizers: "bfgs" }), /optimizers/);
});

test("registry: every section-C claim of CLAIMS.md is registered, in the order of CLAIMS.md", () => {
  const SECTION_C = [
    "sensing-nuclear", "sensing-generalization", "gradient-flow", "commuting-measurements", "nonneg-l1", "kernel-rich",
    "exhaustive-3x3", "single-measurement", "accelerated-breaks", "deep-matrix", "one-bit-mc",
  ];
  assert.deepEqual(experiments.filter((e) => e.section === "C").map((e) => e.id), SECTION_C);
});
