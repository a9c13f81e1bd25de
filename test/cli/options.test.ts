import { test } from "node:test";
import assert from "node:assert/strict";
import { InvalidArgumentError } from "commander";
import { checkKeys, parseList, parseNonNegativeInt, parsePositiveInt, parsePositiveNumber, parseSets } from "../../src/cli/options.ts";
import { UsageError } from "../../src/cli/errors.ts";
import { fmt, formatTable } from "../../src/cli/table.ts";

test("integer and number options reject what they cannot represent", () => {
  assert.equal(parseNonNegativeInt("42"), 42);
  assert.equal(parseNonNegativeInt("0"), 0);
  for (const bad of ["-1", "1.5", "abc", "", "1e3", "99999999999999999999"]) assert.throws(() => parseNonNegativeInt(bad), InvalidArgumentError, bad);
  assert.throws(() => parsePositiveInt("0"), InvalidArgumentError);
  assert.equal(parsePositiveNumber("1e-3"), 1e-3);
  for (const bad of ["0", "-0.1", "NaN", "Infinity", "x", ""]) assert.throws(() => parsePositiveNumber(bad), InvalidArgumentError, bad);
  assert.deepEqual(parseList("a, b,,c "), ["a", "b", "c"]);
});

test("--set values are JSON where they parse, strings otherwise", () => {
  assert.deepEqual(parseSets(["lr=0.1", "p=[1.5,3]", "flag=true", "name=squared", 'q="x=y"', "empty="]), {
    lr: 0.1,
    p: [1.5, 3],
    flag: true,
    name: "squared",
    q: "x=y",
    empty: "",
  });
  assert.throws(() => parseSets(["novalue"]), (e: unknown) => e instanceof UsageError && /is not key=value/.test(e.message));
  assert.throws(() => parseSets(["=3"]), UsageError);
  assert.throws(() => parseSets(["a=1", "a=2"]), /given twice/);
});

test("unknown keys are rejected with the allowed list", () => {
  checkKeys({ lr: 1 }, ["lr", "momentum"], "optimizer gd");
  assert.throws(
    () => checkKeys({ lrr: 1 }, ["lr", "momentum"], "optimizer gd"),
    (e: unknown) => e instanceof UsageError && e.message === "unknown key 'lrr' for optimizer gd; keys are: lr, momentum",
  );
});

test("tables align columns and numbers print compactly", () => {
  assert.equal(formatTable([["a", "bb"], ["ccc", "d"]]), "a    bb\n---  --\nccc  d\n");
  assert.equal(fmt(0.123456), "0.1235");
  assert.equal(fmt(1.5e-12), "1.50e-12");
  assert.equal(fmt(NaN), "NaN");
  assert.equal(fmt(-Infinity), "-Inf");
  assert.equal(fmt(0), "0");
  assert.equal(fmt(123456), "1.23e+5");
});
