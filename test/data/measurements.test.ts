import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError, countAsymmetric, parseMatrixCsv, type EntriesCsv, type MatrixCsvOptions, type MeasurementCsv } from "../../src/data/index.ts";

/** Asserts that parsing throws a one-line DataError whose message matches every pattern. */
function rejects(text: string, patterns: RegExp[], options: MatrixCsvOptions = {}): void {
  let caught: unknown;
  try {
    parseMatrixCsv(text, { source: "m.csv", ...options });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DataError, `expected a DataError, got ${String(caught)}`);
  assert.ok(!caught.message.includes("\n"), `message must be one line: ${caught.message}`);
  for (const p of patterns) assert.match(caught.message, p);
}

function measurements(text: string, options: MatrixCsvOptions = {}): MeasurementCsv {
  const d = parseMatrixCsv(text, options);
  assert.equal(d.kind, "measurements");
  return d as MeasurementCsv;
}

function entries(text: string, options: MatrixCsvOptions = {}): EntriesCsv {
  const d = parseMatrixCsv(text, options);
  assert.equal(d.kind, "entries");
  return d as EntriesCsv;
}

test("measurement rows with and without a header: square Aᵢ inferred from n² + 1 fields, vec(Aᵢ) row by row", () => {
  const body = "1,2,3,4,10\n0,1,1,0,2\n";
  const plain = measurements(body);
  const named = measurements(`a11,a12,a21,a22,y\n${body}`);
  for (const d of [plain, named]) {
    assert.deepEqual([d.n1, d.n2, d.A.rows, d.A.cols], [2, 2, 2, 4]);
    assert.deepEqual(d.A.toArrays(), [[1, 2, 3, 4], [0, 1, 1, 0]]);
    assert.deepEqual(Array.from(d.y), [10, 2]);
  }
  assert.equal(plain.header, false);
  assert.equal(named.header, true);
  assert.deepEqual(Array.from(named.lines), [2, 3]);
  assert.equal(countAsymmetric(plain), 1);
  // an explicit shape for rectangular Aᵢ; vector programs read d×1
  const rect = measurements("1,2,3,4,5,6,7\n", { shape: [2, 3] });
  assert.deepEqual([rect.n1, rect.n2, rect.y[0]], [2, 3, 7]);
  assert.deepEqual([measurements("1,2,3,4\n", { vector: true }).n1, measurements("1,2,3,4\n", { vector: true }).n2], [3, 1]);
  // three fields are entries in auto mode, measurements when asked for or for vector programs
  assert.equal(parseMatrixCsv("1,2,3\n").kind, "entries");
  assert.equal(parseMatrixCsv("1,2,3\n", { format: "measurements", shape: [1, 2] }).kind, "measurements");
  assert.equal(parseMatrixCsv("1,2,3\n", { vector: true }).kind, "measurements");
});

test("measurement rows: wrong lengths, non-square counts, shapes, NaN, empty cells and labels are DataErrors naming the place", () => {
  rejects("1,2,3,4,5,6\n", [/m\.csv line 1 has 6 fields: 5 entries of Aᵢ before yᵢ, not a perfect square; give the shape/]);
  rejects("1,2,3,4,5\n1,2,3,4\n", [/m\.csv line 2 has 4 fields, the first row has 5; every row holds the 4 entries of Aᵢ, then yᵢ/]);
  rejects("a,b,c,d,y\n1,2,3,4,5\n1,2,3,4,5,6\n", [/line 3 has 6 fields, the header has 5/]);
  rejects("1,2,3,4,5,6,7\n", [/has 7 fields, a 3×3 Aᵢ needs 10/], { shape: [3, 3] });
  rejects("1,NaN,3,4,5\n", [/m\.csv line 1, column 'A\(1,2\)': 'NaN' is not finite/]);
  rejects("a,b,c,d,y\n1,2,,4,5\n", [/line 2, column 'c': the cell is empty/]);
  rejects("1,2,3,4,5,6,7\n", [/a symmetric W needs square Aᵢ, the shape is 2×3/], { shape: [2, 3], symmetric: true });
  rejects("1,0,0,1,1\n1,0,0,1,0.5\n", [/line 2, column 'y': label 0\.5 is not −1 or \+1/], { signLabels: true });
  rejects("y\n1\n", [/has 1 column/]);
  rejects("a,b,y\n", [/has a header but no data rows/]);
  rejects("", [/m\.csv is empty/]);
});

test("entries: 1-based by default, 0-based on request; the shape from the largest indices or given", () => {
  const one = entries("i,j,value\n1,1,4\n2,3,-1\n");
  assert.deepEqual([one.n1, one.n2, one.header, one.indexBase, one.inferredShape], [2, 3, true, 1, true]);
  assert.deepEqual(one.entries, [{ i: 0, j: 0, value: 4 }, { i: 1, j: 2, value: -1 }]);
  const zero = entries("0,0,4\n1,2,-1\n", { indexBase: 0 });
  assert.deepEqual(zero.entries, one.entries);
  assert.equal(zero.header, false);
  const given = entries("1,1,4\n", { shape: [3, 4] });
  assert.deepEqual([given.n1, given.n2, given.inferredShape], [3, 4, false]);
  // symmetric: square from the larger index, a mirrored pair with equal values is one entry
  const sym = entries("1,2,5\n2,1,5\n3,3,1\n", { symmetric: true });
  assert.deepEqual([sym.n1, sym.n2, sym.mirrored, sym.entries.length], [3, 3, 1, 2]);
  // without symmetry (i, j) and (j, i) are two entries
  assert.equal(entries("1,2,5\n2,1,6\n").entries.length, 2);
});

test("entries: out-of-range, non-integer and below-base indices, duplicates and unequal mirrors are DataErrors", () => {
  rejects("1,1,1\n4,1,2\n", [/line 2, column 'i': row index 4 is outside the matrix's 3 rows; row indices run 1…3/], { shape: [3, 3] });
  rejects("i,j,v\n1,5,1\n", [/line 2, column 'j': column index 5 is outside the matrix's 2 columns; column indices run 1…2/], { shape: [3, 2] });
  rejects("0,1,1\n", [/column 'i': row index 0 is below 1; indices are 1-based here; set the index base to 0/]);
  rejects("1.5,1,1\n", [/column 'i': row index 1\.5 is not an integer/]);
  rejects("1,1,1\n2,2,3\n1,1,1\n", [/line 3: entry \(1, 1\) is already given on line 1; list each entry once/]);
  rejects("1,2,1\n2,1,2\n", [/line 2: entry \(2, 1\) = 2 mirrors \(1, 2\) = 1 on line 1; a symmetric W has W_ij = W_ji/], { symmetric: true });
  rejects("1,2,1\n2,1,1\n1,2,1\n", [/line 3: entry \(1, 2\) is already given on line 1/], { symmetric: true });
  rejects("1,2,1\n2,1,1\n2,1,1\n", [/line 3: entry \(2, 1\) is already given on line 1/], { symmetric: true });
  rejects("1,1,1\n1,2\n", [/line 2 has 2 fields; every row of an entries file holds i, j, value/]);
  rejects("1,1,inf\n", [/column 'value': 'inf' is not finite/]);
  rejects("1,1,2\n", [/column 'value': label 2 is not −1 or \+1/], { signLabels: true });
  rejects("1,1,1\n", [/a symmetric W must be square, the shape is 2×3/], { symmetric: true, shape: [2, 3] });
  rejects("a,b,c,d\n1,1,1,1\n", [/the header has 4 columns; an entries file has three/], { format: "entries" });
});
