import { test } from "node:test";
import assert from "node:assert/strict";
import { DEMOS, KEYS, PROPERTIES, defaultState, parseState, propertiesFor, serializeState, type State } from "../../web/state.ts";

test("the defaults round-trip through the URL as ?demo=… alone", () => {
  const s = defaultState();
  assert.equal(serializeState(s), "demo=separable");
  assert.deepEqual(parseState(serializeState(s)), { state: s, problems: [] });
});

test("every kind of setting round-trips (int, number in exponent form, bool, enum)", () => {
  const s: State = { ...defaultState(), demo: "least-squares", seed: 7, steps: 2000, simd: false, beta: 1e-7, cols: 80, stretch: 2.5 };
  const q = serializeState(s);
  assert.match(q, /simd=0/);
  assert.deepEqual(parseState(q), { state: s, problems: [] });
  assert.deepEqual(parseState(`?${q}`).state, s, "a leading ? is fine");
});

test("bad values and unknown keys are reported and left at their defaults", () => {
  const { state, problems } = parseState("demo=nope&steps=0&seed=1.5&simd=yes&beta=abc&colour=red&points=50");
  const d = defaultState();
  assert.equal(state.demo, d.demo);
  assert.equal(state.steps, d.steps);
  assert.equal(state.seed, d.seed);
  assert.equal(state.simd, d.simd);
  assert.equal(state.beta, d.beta);
  assert.equal(state.points, 50, "the good value is kept");
  assert.equal(problems.length, 6);
  assert.match(problems.join("\n"), /demo=nope: must be one of separable, least-squares/);
  assert.match(problems.join("\n"), /steps=0: must be an integer in \[1, 10000000\]/);
  assert.match(problems.join("\n"), /unknown setting 'colour'/);
});

test("a sparsity above the number of features is reported and brought back in range", () => {
  const { state, problems } = parseState("demo=least-squares&cols=4&sparsity=9");
  assert.equal(state.cols, 4);
  assert.ok(state.sparsity <= 4);
  assert.match(problems[0], /sparsity=9: must be at most cols \(4\)/);
});

test("the table has a valid default for every property, and each demo shows the common ones plus its own", () => {
  for (const k of KEYS) {
    const p = PROPERTIES[k];
    if (p.kind === "int" || p.kind === "number") assert.ok(p.default >= p.min && p.default <= p.max, k);
    if (p.kind === "int") assert.ok(Number.isInteger(p.default), k);
  }
  for (const demo of DEMOS) {
    const keys = propertiesFor(demo);
    assert.ok(["demo", "seed", "steps", "simd"].every((k) => keys.includes(k as keyof State)));
    assert.ok(keys.every((k) => PROPERTIES[k].demo === undefined || PROPERTIES[k].demo === demo));
  }
  assert.notDeepEqual(propertiesFor("separable"), propertiesFor("least-squares"));
});
