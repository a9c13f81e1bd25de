import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv, csvRecords, DataError } from "../../src/data/index.ts";

/** Asserts that parsing throws a one-line DataError whose message matches every pattern. */
function rejects(text: string, patterns: RegExp[], options = {}): DataError {
  let caught: unknown;
  try {
    parseCsv(text, options);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DataError, `expected a DataError, got ${String(caught)}`);
  assert.ok(!caught.message.includes("\n"), `message must be one line: ${caught.message}`);
  for (const p of patterns) assert.match(caught.message, p);
  return caught;
}

test("parses a header and rows; the last column is the target by default", () => {
  const d = parseCsv("x1,x2,y\n1,2,3\n4,5,6\n");
  assert.deepEqual(d.features, ["x1", "x2"]);
  assert.equal(d.target, "y");
  assert.equal(d.X.rows, 2);
  assert.equal(d.X.cols, 2);
  assert.deepEqual(d.X.toArrays(), [
    [1, 2],
    [4, 5],
  ]);
  assert.equal(d.Y.rows, 2);
  assert.equal(d.Y.cols, 1);
  assert.deepEqual(Array.from(d.Y.data), [3, 6]);
});

test("--target picks any column and the rest stay in order as features", () => {
  const d = parseCsv("a,b,c\n1,2,3\n4,5,6\n", { target: "a" });
  assert.deepEqual(d.features, ["b", "c"]);
  assert.equal(d.target, "a");
  assert.deepEqual(d.X.toArrays(), [
    [2, 3],
    [5, 6],
  ]);
  assert.deepEqual(Array.from(d.Y.data), [1, 4]);
});

test("skips comments and blank lines, accepts CRLF, a BOM, spaces and quoted fields", () => {
  const text = '\ufeff# a comment\r\n\r\n"x, one",  x2 ,"the ""y"""\r\n  # indented comment\r\n1, "2.5" ,-3e-1\r\n\r\n.5,4.,+7\r\n';
  const d = parseCsv(text);
  assert.deepEqual(d.features, ["x, one", "x2"]);
  assert.equal(d.target, 'the "y"');
  assert.deepEqual(d.X.toArrays(), [
    [1, 2.5],
    [0.5, 4],
  ]);
  assert.deepEqual(Array.from(d.Y.data), [-0.3, 7]);
});

test("a file without a trailing newline and a quoted field spanning lines keep line numbers right", () => {
  const recs = csvRecords('a,"b\nc",d\n1,2,3\n\n4,5,6');
  assert.deepEqual(
    recs.map((r) => [r.line, r.fields]),
    [
      [1, ["a", "b\nc", "d"]],
      [3, ["1", "2", "3"]],
      [5, ["4", "5", "6"]],
    ],
  );
  const e = rejects('a,"b\nc",d\n1,2,3\n\n4,5', [/^line 5 has 2 fields, the header has 3/]);
  assert.equal(e.line, 5);
});

test("header auto-detection: an all-numeric first row is data, named col1..colK", () => {
  const d = parseCsv("1,2,3\n4,5,6\n");
  assert.deepEqual(d.features, ["col1", "col2"]);
  assert.equal(d.target, "col3");
  assert.equal(d.X.rows, 2);
  const forced = parseCsv("1,2,3\n4,5,6\n", { header: true });
  assert.deepEqual(forced.features, ["1", "2"]);
  assert.equal(forced.X.rows, 1);
  const none = parseCsv("1,2\n3,4\n", { header: false });
  assert.equal(none.X.rows, 2);
});

test("ragged rows name the line and both field counts", () => {
  const e = rejects("a,b,c,d,y\n1,2,3,4,5\n\n# c\n1,2,3,4,5\n1,2,3,4,5\n1,2,3,4\n", [/^line 7 has 4 fields, the header has 5; /]);
  assert.equal(e.line, 7);
  rejects("a,b,y\n1,2,3,4\n", [/line 2 has 4 fields, the header has 3/]);
});

test("non-numeric cells name the line and column", () => {
  const e = rejects("x1,x2,y\n1,2,3\nabc,2,3\n1,abc,3\n", [/^line 3, column 'x1': 'abc' is not a number; /]);
  assert.equal(e.line, 3);
  assert.equal(e.column, "x1");
  rejects("x1,x2,y\n1,0x10,3\n", [/line 2, column 'x2': '0x10' is not a number/]);
  rejects("x1,x2,y\n1,,3\n", [/line 2, column 'x2': the cell is empty/]);
});

test("NaN, Inf and overflowing cells are rejected as not finite", () => {
  rejects("x1,x2,y\n1,NaN,3\n", [/line 2, column 'x2': 'NaN' is not finite; cells must be finite numbers/]);
  rejects("x1,x2,y\n1,2,-inf\n", [/line 2, column 'y': '-inf' is not finite/]);
  rejects("x1,x2,y\n1,2,3\nInfinity,2,3\n", [/line 3, column 'x1': 'Infinity' is not finite/]);
  rejects("x1,x2,y\n1e400,2,3\n", [/line 2, column 'x1': '1e400' overflows float64/]);
});

test("an empty file, a comment-only file and a header without rows are rejected", () => {
  rejects("", [/is empty; expected a header row/]);
  rejects("# only\n\n  \r\n", [/is empty/]);
  rejects("x,y\n", [/has a header but no data rows/]);
});

test("an unknown target lists the columns", () => {
  const e = rejects("x1,x2,y\n1,2,3\n", [/target column 'z' is not in the data; columns are: x1, x2, y$/], { target: "z" });
  assert.equal(e.column, "z");
});

test("duplicate and empty column names are rejected", () => {
  rejects("x,y,x\n1,2,3\n", [/line 1: column name 'x' appears twice \(columns 1 and 3\); column names must be unique/]);
  rejects("x,,y\n1,2,3\n", [/header column 2 has no name/]);
});

test("fewer than one feature is rejected", () => {
  rejects("y\n1\n2\n", [/has 1 column; regression data needs at least 1 feature column and 1 target column/]);
});

test("malformed quoting is rejected", () => {
  rejects('x,"y\n1,2\n', [/quoted field is never closed/]);
  rejects('x,"y"z\n1,2\n', [/text after a closing quote/]);
  rejects('x,y\n1,2"3\n', [/a quote inside an unquoted field/]);
});

test("the source name prefixes messages", () => {
  rejects("x,y\n1,a\n", [/^data\.csv line 2, column 'y': 'a' is not a number/], { source: "data.csv" });
  rejects("", [/^data\.csv is empty/], { source: "data.csv" });
});
