// User data from CSV text (isomorphic: parses a string, reads no files).
// Rows are examples; one column is the target y, the others are the features of X.
import { Matrix } from "../linalg/index.ts";
import type { RegressionData } from "./types.ts";

/** Bad user data: `message` is one line naming where (line, column) and what is allowed. */
export class DataError extends Error {
  readonly line?: number;
  readonly column?: string;
  constructor(message: string, where: { line?: number; column?: string } = {}) {
    super(message);
    this.name = "DataError";
    this.line = where.line;
    this.column = where.column;
  }
}

export interface CsvOptions {
  /** name of the target column; default: the last column */
  readonly target?: string;
  /** "auto" (default): the first row is a header unless every cell in it is a number */
  readonly header?: "auto" | true | false;
  /** name of the source (e.g. the file name) used to prefix error messages */
  readonly source?: string;
}

/** One CSV record with the 1-based line where it starts. */
interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

// A plain decimal number: 1, -2.5, .5, 3., 1e-3 (no hex, no empty string, unlike Number()).
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * Splits CSV text into records: comma-separated, CRLF or LF line ends, fields in
 * double quotes may hold commas, newlines and doubled quotes (""). Blank lines and
 * lines whose first non-blank character is # are skipped. Unquoted fields are trimmed.
 */
export function csvRecords(text: string, where: (line: number) => string = (l) => `line ${l}`): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  let line = 1;
  while (i < n) {
    // start of a record: skip blank and comment lines
    let j = i;
    while (j < n && (text[j] === " " || text[j] === "\t")) j++;
    if (j >= n) break;
    if (text[j] === "\n" || text[j] === "\r" || text[j] === "#") {
      while (j < n && text[j] !== "\n") j++;
      i = j + 1;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    let field = "";
    let endOfRecord = false;
    while (!endOfRecord) {
      // one field
      while (i < n && (text[i] === " " || text[i] === "\t")) i++;
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new DataError(`${where(start)}: a quoted field is never closed; close it with "`, { line: start });
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === "\n") line++;
          field += c;
          i++;
        }
        while (i < n && (text[i] === " " || text[i] === "\t")) i++;
        if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          throw new DataError(`${where(line)}: text after a closing quote; a quoted field must end at a comma or the end of the line`, {
            line,
          });
        }
      } else {
        const s = i;
        while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") i++;
        field = text.slice(s, i).trim();
        if (field.includes('"')) {
          throw new DataError(`${where(line)}: a quote inside an unquoted field; quote the whole field and double inner quotes ("")`, {
            line,
          });
        }
      }
      fields.push(field);
      field = "";
      if (i >= n) {
        endOfRecord = true;
      } else if (text[i] === ",") {
        i++;
      } else {
        // \r\n, \n or a lone \r ends the record
        if (text[i] === "\r" && text[i + 1] === "\n") i++;
        i++;
        line++;
        endOfRecord = true;
      }
    }
    records.push({ line: start, fields });
  }
  return records;
}

/** Parses a plain decimal number, or returns undefined. */
export function parseDecimal(s: string): number | undefined {
  return DECIMAL.test(s) ? Number(s) : undefined;
}

/** A CSV file split into named columns, one chosen column apart (the target y or the class label). */
interface CsvTable {
  readonly names: readonly string[];
  readonly rows: readonly CsvRecord[];
  /** index of the chosen column */
  readonly t: number;
  readonly where: (line: number) => string;
}

/**
 * The checks regression and classification files share: a header row of unique names (or none
 * when every cell of the first row is a number), at least 2 columns and 1 data row, the chosen
 * column present, and every row as long as the header.
 */
function csvTable(text: string, options: CsvOptions, kind: { data: string; column: string }): CsvTable {
  const src = options.source;
  const where = (line: number) => (src ? `${src} line ${line}` : `line ${line}`);
  const inFile = src ? `${src}` : "the data";
  const records = csvRecords(text, where);
  if (records.length === 0) {
    throw new DataError(`${inFile} is empty; expected a header row of column names and at least one row of numbers`);
  }

  const first = records[0];
  const headerMode = options.header ?? "auto";
  const hasHeader = headerMode === "auto" ? first.fields.some((f) => parseDecimal(f) === undefined) : headerMode;
  const names = hasHeader ? first.fields : first.fields.map((_, j) => `col${j + 1}`);
  const rows = hasHeader ? records.slice(1) : records;
  const k = names.length;

  if (hasHeader) {
    const seen = new Map<string, number>();
    names.forEach((name, j) => {
      if (name === "") {
        throw new DataError(`${where(first.line)}: header column ${j + 1} has no name; every column needs a name`, { line: first.line });
      }
      const prev = seen.get(name);
      if (prev !== undefined) {
        throw new DataError(
          `${where(first.line)}: column name '${name}' appears twice (columns ${prev + 1} and ${j + 1}); column names must be unique`,
          { line: first.line, column: name },
        );
      }
      seen.set(name, j);
    });
  }
  if (k < 2) {
    throw new DataError(
      `${inFile} has ${k} column${k === 1 ? "" : "s"}; ${kind.data} needs at least 1 feature column and 1 ${kind.column} column`,
      { line: first.line },
    );
  }
  if (rows.length === 0) {
    throw new DataError(`${inFile} has a header but no data rows; add at least one row of ${k} numbers`, { line: first.line });
  }

  const targetName = options.target ?? names[k - 1];
  const t = names.indexOf(targetName);
  if (t < 0) {
    throw new DataError(`${kind.column} column '${targetName}' is not in ${inFile}; columns are: ${names.join(", ")}`, { column: targetName });
  }
  for (const rec of rows) {
    if (rec.fields.length !== k) {
      throw new DataError(
        `${where(rec.line)} has ${rec.fields.length} field${rec.fields.length === 1 ? "" : "s"}, the ${hasHeader ? "header" : "first row"} has ${k}; every row needs one value per column`,
        { line: rec.line },
      );
    }
  }
  return { names, rows, t, where };
}

/** X from every column but the chosen one (cells checked one by one), with the features' names. */
function featureMatrix(tab: CsvTable): { X: Matrix; features: string[] } {
  const { names, rows, t, where } = tab;
  const features = names.filter((_, j) => j !== t);
  const d = features.length;
  const X = new Matrix(rows.length, d);
  rows.forEach((rec, i) => {
    let c = 0;
    rec.fields.forEach((cell, j) => {
      if (j !== t) X.data[i * d + c++] = cellValue(cell, rec.line, names[j], where);
    });
  });
  return { X, features };
}

/**
 * Parses regression data: a header row of column names, then one row per example.
 * The target column is `options.target` or the last column; all other columns are features.
 */
export function parseCsv(text: string, options: CsvOptions = {}): RegressionData {
  const tab = csvTable(text, options, { data: "regression data", column: "target" });
  const { X, features } = featureMatrix(tab);
  const Y = new Matrix(tab.rows.length, 1);
  tab.rows.forEach((rec, i) => {
    Y.data[i] = cellValue(rec.fields[tab.t], rec.line, tab.names[tab.t], tab.where);
  });
  return { X, Y, features, target: tab.names[tab.t] };
}

/** Classification data as read from CSV: numeric features, labels as written (class names or numbers). */
export interface LabelledCsv {
  readonly X: Matrix;
  /** the label cell of each row, trimmed (e.g. "1", "-1", "setosa") */
  readonly labels: readonly string[];
  /** the 1-based line where each row starts */
  readonly lines: Int32Array;
  readonly features: readonly string[];
  /** the name of the label column */
  readonly target: string;
}

/**
 * Parses classification data: the label column is `options.target` or the last column and may hold
 * numbers or names (not empty, not NaN/Inf); every other column is a numeric feature.
 */
export function parseLabelledCsv(text: string, options: CsvOptions = {}): LabelledCsv {
  const tab = csvTable(text, options, { data: "classification data", column: "label" });
  const { X, features } = featureMatrix(tab);
  const column = tab.names[tab.t];
  const labels = tab.rows.map((rec) => {
    const cell = rec.fields[tab.t];
    const at = { line: rec.line, column };
    if (cell === "") throw new DataError(`${tab.where(rec.line)}, column '${column}': the label is empty; every example needs a label`, at);
    if (NOT_FINITE.test(cell)) throw new DataError(`${tab.where(rec.line)}, column '${column}': '${cell}' is not a label; labels are numbers like -1, 1, 7 or class names`, at);
    return cell;
  });
  return { X, labels, lines: Int32Array.from(tab.rows, (r) => r.line), features, target: column };
}

/** A cell as a finite decimal number; a DataError naming the line and column otherwise. */
export function cellValue(cell: string, line: number, column: string, where: (line: number) => string): number {
  const at = { line, column };
  if (cell === "") {
    throw new DataError(`${where(line)}, column '${column}': the cell is empty; missing values are not allowed, every cell must be a number`, at);
  }
  if (NOT_FINITE.test(cell)) {
    throw new DataError(`${where(line)}, column '${column}': '${cell}' is not finite; cells must be finite numbers`, at);
  }
  const v = parseDecimal(cell);
  if (v === undefined) {
    throw new DataError(`${where(line)}, column '${column}': '${clip(cell)}' is not a number; cells must be decimal numbers like -1.5 or 2e-3`, at);
  }
  if (!Number.isFinite(v)) {
    throw new DataError(`${where(line)}, column '${column}': '${cell}' overflows float64; cells must be finite numbers`, at);
  }
  return v;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, " ");
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}
