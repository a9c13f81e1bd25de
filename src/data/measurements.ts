// Matrix data from CSV text (isomorphic: parses a string, reads no files). Two layouts:
//   measurements  one row per linear measurement ⟨Aᵢ, W⟩ = yᵢ: the n1·n2 entries of Aᵢ row by row, then yᵢ
//                 (or, for vector programs, the d entries of aᵢ, then bᵢ);
//   entries       one row (i, j, value) per observed entry W_ij = value (matrix completion).
// Either may start with a header row, detected as a first row with a cell that is a name (not a number, NaN, inf
// or empty).
import { Matrix } from "../linalg/index.ts";
import { DataError, cellValue, csvRecords, parseDecimal } from "./csv.ts";

export type MatrixShape = readonly [number, number];

/** One observed entry W[i][j] = value, 0-based. */
export interface MatrixEntry {
  readonly i: number;
  readonly j: number;
  readonly value: number;
}

export interface MeasurementCsv {
  readonly kind: "measurements";
  readonly n1: number;
  readonly n2: number;
  /** m × n1·n2: row i is vec(Aᵢ), row-major */
  readonly A: Matrix;
  readonly y: Float64Array;
  readonly header: boolean;
  /** 1-based line of each measurement in the text */
  readonly lines: Int32Array;
}

export interface EntriesCsv {
  readonly kind: "entries";
  readonly n1: number;
  readonly n2: number;
  /** 0-based, each position once (with `symmetric`, each unordered pair once) */
  readonly entries: readonly MatrixEntry[];
  /** 1-based line of each entry in the text */
  readonly lines: Int32Array;
  readonly header: boolean;
  readonly indexBase: 0 | 1;
  /** rows (j, i) that repeated an entry (i, j) with the same value and were merged into it (symmetric reading) */
  readonly mirrored: number;
  /** true when n1×n2 came from the largest indices rather than the caller */
  readonly inferredShape: boolean;
}

export type MatrixCsv = MeasurementCsv | EntriesCsv;

export interface MatrixCsvOptions {
  /** name of the source (e.g. the file name) used to prefix error messages */
  readonly source?: string;
  /** "auto" (default): entries when the rows have 3 fields (and the program is not a vector one), measurements otherwise */
  readonly format?: "auto" | "measurements" | "entries";
  /**
   * n1×n2 of W. Default: measurements square n×n with n² = fields − 1 (vector programs d×1); entries the largest
   * row and column index (with `symmetric`, the larger of the two for both).
   */
  readonly shape?: MatrixShape;
  /** the unknown is a vector x (rows aᵢ, bᵢ of Ax = b, W = x is d×1): measurement rows of any length, no entries files */
  readonly vector?: boolean;
  /** W is symmetric: the shape must be square, and an entry (j, i) repeating (i, j) with the same value is one entry */
  readonly symmetric?: boolean;
  /** the last column (yᵢ or the entry's value) holds labels −1 or +1 */
  readonly signLabels?: boolean;
  /** first row/column index of entries files: 1 (default) or 0 */
  readonly indexBase?: 0 | 1;
}

/** a cell meant as a number, valid or not (a header row has a cell that is none of these: a name) */
function numberLike(cell: string): boolean {
  return cell === "" || parseDecimal(cell) !== undefined || /^[+-]?(?:nan|inf|infinity)$/i.test(cell);
}

interface Row {
  readonly line: number;
  readonly fields: string[];
}

/** Parses a measurements or entries CSV (see the header comment); every problem is a DataError naming the line and column. */
export function parseMatrixCsv(text: string, options: MatrixCsvOptions = {}): MatrixCsv {
  const src = options.source;
  const where = (line: number) => (src ? `${src} line ${line}` : `line ${line}`);
  const inFile = src ?? "the data";
  const records = csvRecords(text, where);
  if (records.length === 0) throw new DataError(`${inFile} is empty; expected one row per measurement (entries of Aᵢ, then yᵢ) or per observed entry (i, j, value)`);
  const first = records[0];
  const header = first.fields.some((f) => !numberLike(f));
  const rows = header ? records.slice(1) : records;
  if (rows.length === 0) throw new DataError(`${inFile} has a header but no data rows; add at least one row of numbers`, { line: first.line });
  const format = options.format ?? "auto";
  if (options.vector && format === "entries") throw new RangeError("parseMatrixCsv: a vector program takes measurement rows, not entries");
  const entries = format === "entries" || (format === "auto" && !options.vector && first.fields.length === 3);
  const ctx = { where, inFile, header, names: header ? first.fields : undefined, headerLine: first.line };
  return entries ? parseEntries(rows, ctx, options) : parseMeasurements(rows, first.fields.length, ctx, options);
}

interface Context {
  readonly where: (line: number) => string;
  readonly inFile: string;
  readonly header: boolean;
  readonly names?: readonly string[];
  readonly headerLine: number;
}

function checkShape(shape: MatrixShape): void {
  const [n1, n2] = shape;
  if (!Number.isInteger(n1) || !Number.isInteger(n2) || n1 < 1 || n2 < 1) throw new RangeError(`parseMatrixCsv: shape ${n1}×${n2} must be positive integers`);
}

function labelCheck(v: number, line: number, column: string, ctx: Context): void {
  if (v !== 1 && v !== -1) throw new DataError(`${ctx.where(line)}, column '${column}': label ${v} is not −1 or +1; labels must be −1 or +1`, { line, column });
}

function parseMeasurements(rows: readonly Row[], k: number, ctx: Context, o: MatrixCsvOptions): MeasurementCsv {
  const { where, inFile } = ctx;
  const d = k - 1;
  if (d < 1) throw new DataError(`${inFile} has 1 column; a measurement row holds the entries of Aᵢ, then yᵢ`, { line: ctx.headerLine });
  let n1: number, n2: number;
  if (o.vector) {
    if (o.shape) throw new RangeError("parseMatrixCsv: a vector program takes no shape");
    [n1, n2] = [d, 1];
  } else if (o.shape) {
    checkShape(o.shape);
    [n1, n2] = o.shape;
    if (n1 * n2 !== d) {
      throw new DataError(`${ctx.where(ctx.headerLine)} has ${k} fields, a ${n1}×${n2} Aᵢ needs ${n1 * n2 + 1} (its ${n1 * n2} entries row by row, then yᵢ); fix the shape or the rows`, { line: ctx.headerLine });
    }
  } else {
    const n = Math.round(Math.sqrt(d));
    if (n * n !== d) {
      throw new DataError(`${ctx.where(ctx.headerLine)} has ${k} fields: ${d} entries of Aᵢ before yᵢ, not a perfect square; give the shape n1×n2 of Aᵢ for non-square measurements`, { line: ctx.headerLine });
    }
    [n1, n2] = [n, n];
  }
  if (o.symmetric && n1 !== n2) throw new DataError(`${inFile}: a symmetric W needs square Aᵢ, the shape is ${n1}×${n2}; give square measurement matrices`);
  const names = ctx.names ?? [...Array.from({ length: d }, (_, p) => (o.vector ? `a${p + 1}` : `A(${Math.floor(p / n2) + 1},${(p % n2) + 1})`)), o.vector ? "b" : "y"];
  const m = rows.length;
  const A = new Matrix(m, d), y = new Float64Array(m), lines = new Int32Array(m);
  rows.forEach((rec, i) => {
    if (rec.fields.length !== k) {
      throw new DataError(
        `${where(rec.line)} has ${rec.fields.length} field${rec.fields.length === 1 ? "" : "s"}, the ${ctx.header ? "header" : "first row"} has ${k}; every row holds the ${d} entries of Aᵢ, then yᵢ`,
        { line: rec.line },
      );
    }
    for (let p = 0; p < d; p++) A.data[i * d + p] = cellValue(rec.fields[p], rec.line, names[p], where);
    y[i] = cellValue(rec.fields[d], rec.line, names[d], where);
    if (o.signLabels) labelCheck(y[i], rec.line, names[d], ctx);
    lines[i] = rec.line;
  });
  return { kind: "measurements", n1, n2, A, y, header: ctx.header, lines };
}

function parseEntries(rows: readonly Row[], ctx: Context, o: MatrixCsvOptions): EntriesCsv {
  const { where, inFile } = ctx;
  const base = o.indexBase ?? 1;
  if (base !== 0 && base !== 1) throw new RangeError(`parseMatrixCsv: indexBase must be 0 or 1, got ${String(base)}`);
  if (ctx.names && ctx.names.length !== 3) {
    throw new DataError(`${where(ctx.headerLine)}: the header has ${ctx.names.length} columns; an entries file has three: i, j, value`, { line: ctx.headerLine });
  }
  if (o.shape) checkShape(o.shape);
  const [ni, nj, nv] = ctx.names ?? ["i", "j", "value"];
  const order = base === 1 ? "1-based" : "0-based";
  const index = (cell: string, line: number, column: string, what: string, size: number | undefined): number => {
    const v = cellValue(cell, line, column, where);
    if (!Number.isInteger(v)) throw new DataError(`${where(line)}, column '${column}': ${what} index ${cell} is not an integer; indices are integers (${order})`, { line, column });
    if (v < base) {
      const hint = base === 1 ? "indices are 1-based here; set the index base to 0 for 0-based files" : "indices are 0-based";
      throw new DataError(`${where(line)}, column '${column}': ${what} index ${cell} is below ${base}; ${hint}`, { line, column });
    }
    if (size !== undefined && v - base >= size) {
      throw new DataError(`${where(line)}, column '${column}': ${what} index ${cell} is outside the matrix's ${size} ${what}s; ${what} indices run ${base}…${size - 1 + base}`, { line, column });
    }
    return v - base;
  };
  const raw: { i: number; j: number; value: number; line: number }[] = [];
  for (const rec of rows) {
    if (rec.fields.length !== 3) {
      throw new DataError(`${where(rec.line)} has ${rec.fields.length} field${rec.fields.length === 1 ? "" : "s"}; every row of an entries file holds i, j, value`, { line: rec.line });
    }
    const i = index(rec.fields[0], rec.line, ni, "row", o.shape?.[0]);
    const j = index(rec.fields[1], rec.line, nj, "column", o.shape?.[1]);
    const value = cellValue(rec.fields[2], rec.line, nv, where);
    if (o.signLabels) labelCheck(value, rec.line, nv, ctx);
    raw.push({ i, j, value, line: rec.line });
  }
  let n1: number, n2: number;
  if (o.shape) {
    [n1, n2] = o.shape;
  } else {
    n1 = 1 + Math.max(...raw.map((e) => e.i));
    n2 = 1 + Math.max(...raw.map((e) => e.j));
    if (o.symmetric) n1 = n2 = Math.max(n1, n2);
  }
  if (o.symmetric && n1 !== n2) throw new DataError(`${inFile}: a symmetric W must be square, the shape is ${n1}×${n2}; give a square shape`);

  const at = (i: number, j: number) => `(${i + base}, ${j + base})`;
  const seen = new Map<number, number>(); // position (unordered with symmetric) → index into `entries`
  const entries: MatrixEntry[] = [], lines: number[] = [];
  const mirrorOf: boolean[] = []; // entries[k] has absorbed its mirror already
  let mirrored = 0;
  for (const e of raw) {
    const [a, b] = o.symmetric && e.j < e.i ? [e.j, e.i] : [e.i, e.j];
    const key = a * n2 + b;
    const prev = seen.get(key);
    if (prev === undefined) {
      seen.set(key, entries.length);
      entries.push({ i: e.i, j: e.j, value: e.value });
      lines.push(e.line);
      mirrorOf.push(false);
      continue;
    }
    const p = entries[prev];
    if ((p.i === e.i && p.j === e.j) || mirrorOf[prev]) {
      throw new DataError(`${where(e.line)}: entry ${at(e.i, e.j)} is already given on line ${lines[prev]}; list each entry once`, { line: e.line });
    }
    if (p.value !== e.value) {
      throw new DataError(
        `${where(e.line)}: entry ${at(e.i, e.j)} = ${e.value} mirrors ${at(p.i, p.j)} = ${p.value} on line ${lines[prev]}; a symmetric W has W_ij = W_ji, give equal values or one of the two`,
        { line: e.line },
      );
    }
    mirrorOf[prev] = true;
    mirrored++;
  }
  return { kind: "entries", n1, n2, entries, lines: Int32Array.from(lines), header: ctx.header, indexBase: base, mirrored, inferredShape: !o.shape };
}

/** How many of the measurement matrices Aᵢ are not symmetric (0 unless square). */
export function countAsymmetric(data: MeasurementCsv): number {
  const { n1, n2, A } = data;
  if (n1 !== n2) return data.A.rows;
  const d = n1 * n2;
  let count = 0;
  for (let i = 0; i < A.rows; i++) {
    const o = i * d;
    let sym = true;
    for (let r = 0; r < n1 && sym; r++) for (let c = r + 1; c < n1; c++) if (A.data[o + r * n1 + c] !== A.data[o + c * n1 + r]) { sym = false; break; }
    if (!sym) count++;
  }
  return count;
}
