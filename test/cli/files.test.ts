import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRegressionCsv, readStartingPoint } from "../../src/cli/files.ts";
import { UsageError } from "../../src/cli/errors.ts";
import { DataError } from "../../src/data/index.ts";
import type { CliIo } from "../../src/cli/io.ts";

const sink = { write: () => true };
function ioIn(cwd: string): CliIo {
  return { stdout: sink, stderr: sink, cwd };
}

test("data files resolve against cwd; a missing file or a directory is a UsageError; errors name the file", () => {
  const dir = mkdtempSync(join(tmpdir(), "biaslab-files-"));
  writeFileSync(join(dir, "d.csv"), "x,y\n1,2\n3,4\n");
  writeFileSync(join(dir, "bad.csv"), "x,y\n1,2\n3,no\n");
  const io = ioIn(dir);
  assert.deepEqual(Array.from(readRegressionCsv(io, "d.csv").Y.data), [2, 4]);
  assert.throws(() => readRegressionCsv(io, "nope.csv"), (e: unknown) => e instanceof UsageError && /cannot read --data 'nope.csv': no such file/.test(e.message));
  assert.throws(() => readRegressionCsv(io, "."), (e: unknown) => e instanceof UsageError && /is a directory/.test(e.message));
  assert.throws(() => readRegressionCsv(io, "bad.csv"), (e: unknown) => e instanceof DataError && /^bad\.csv line 3, column 'y'/.test(e.message));
});

test("w0 is a constant or a file of d numbers", () => {
  const dir = mkdtempSync(join(tmpdir(), "biaslab-files-"));
  writeFileSync(join(dir, "w0.txt"), "# start\n1, 2\n3\n");
  writeFileSync(join(dir, "w0bad.txt"), "1, x\n");
  const io = ioIn(dir);
  assert.deepEqual(Array.from(readStartingPoint(io, "0.5", 2)), [0.5, 0.5]);
  assert.deepEqual(Array.from(readStartingPoint(io, "w0.txt", 3)), [1, 2, 3]);
  assert.throws(() => readStartingPoint(io, "w0.txt", 4), /has 3 numbers, the data has 4 features/);
  assert.throws(() => readStartingPoint(io, "w0bad.txt", 2), /line 1: 'x' is not a finite number/);
});
