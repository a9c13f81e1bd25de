import { test } from "node:test";
import assert from "node:assert/strict";
import { parseTraceCsv, traceCsv } from "../../src/report/index.ts";
import { Rng } from "../../src/random/index.ts";

test("traceCsv round-trips every float64 exactly (subnormals, −0, NaN, ±Infinity, 17-digit values)", () => {
  const rng = new Rng(42);
  const special = [0, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MAX_VALUE, 0.1 + 0.2, 1 / 3, 2 ** -1074 * 3, 1e-300, 123456789012345680000];
  const rows: number[][] = [];
  for (let i = 0; i < 200; i++) {
    const bits = new Float64Array(1);
    const u = new Uint32Array(bits.buffer);
    u[0] = Math.floor(rng.uniform() * 2 ** 32);
    u[1] = Math.floor(rng.uniform() * 2 ** 32);
    rows.push([i, bits[0], rng.normal() * 10 ** (rng.int(40) - 20), special[i % special.length]]);
  }
  const trace = { name: "random bits", columns: ["t", "bits", "normal", "special"], rows };
  const back = parseTraceCsv(traceCsv([trace]));
  assert.equal(back.length, 1);
  assert.deepEqual(back[0].columns, trace.columns);
  for (let i = 0; i < rows.length; i++) {
    for (let k = 0; k < 4; k++) assert.ok(Object.is(back[0].rows[i][k], rows[i][k]), `row ${i} col ${k}: ${rows[i][k]} → ${back[0].rows[i][k]}`);
  }
});

test("long format: a trace column, then the union of columns; names with commas and quotes are quoted", () => {
  const csv = traceCsv([
    { name: "gd, η=0.1", columns: ["t", "loss"], rows: [[0, 1], [1, 0.5]] },
    { name: 'say "sgd"', columns: ["t", "dist"], rows: [[5, 0.25]] },
  ]);
  assert.equal(csv, 'trace,t,loss,dist\n"gd, η=0.1",0,1,\n"gd, η=0.1",1,0.5,\n"say ""sgd""",5,,0.25\n');
  const back = parseTraceCsv(csv);
  assert.deepEqual(back, [
    { name: "gd, η=0.1", columns: ["t", "loss"], rows: [[0, 1], [1, 0.5]] },
    { name: 'say "sgd"', columns: ["t", "dist"], rows: [[5, 0.25]] },
  ]);
});

test("malformed traces are errors", () => {
  assert.throws(() => traceCsv([{ name: "a", columns: ["t", "x"], rows: [[1]] }]), /row 0 has 1 values for 2 columns/);
  assert.throws(() => traceCsv([{ name: "a", columns: ["trace"], rows: [] }]), /reserved/);
  assert.throws(() => traceCsv([{ name: "a", columns: ["t", "t"], rows: [] }]), /repeats/);
  assert.throws(() => parseTraceCsv("trace,t\na,oops\n"), /not a number/);
});
