// Node-side reading of matrix data for `solve` and `train`: measurement rows (the entries of Aᵢ row by row,
// then yᵢ) or observed entries (i, j, value) from a CSV file, with --shape, --index-base and --format checked
// into one-line errors. Parsing itself is src/data/measurements.ts.
import { basename } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { parseMatrixCsv, type MatrixCsv, type MatrixShape } from "../data/index.ts";
import { matrixProgramRegistry, type MatrixProgramData } from "../references/index.ts";
import { UsageError } from "./errors.ts";
import { readTextFile } from "./files.ts";
import type { CliIo } from "./io.ts";

export interface MatrixDataFlags {
  shape?: MatrixShape;
  indexBase?: 0 | 1;
  format?: "auto" | "measurements" | "entries";
}

/** What the program or model needs of the data. */
export interface MatrixNeeds {
  /** who needs it, for messages: "nuclear-psd", "--model uu" */
  readonly who: string;
  /** the unknown is a vector x (rows aᵢ, bᵢ of Ax = b) */
  readonly vector?: boolean;
  /** W is symmetric: square, (i, j) and (j, i) are one entry */
  readonly symmetric?: boolean;
  /** the last column holds labels ±1 */
  readonly labels?: boolean;
}

/** "3x4", "3×4" or "3" (= 3×3) */
export function parseShape(value: string): MatrixShape {
  const m = /^\s*(\d+)\s*(?:[x×X*]\s*(\d+))?\s*$/.exec(value);
  const n1 = m ? Number(m[1]) : NaN, n2 = m ? Number(m[2] ?? m[1]) : NaN;
  if (!(Number.isSafeInteger(n1) && Number.isSafeInteger(n2) && n1 >= 1 && n2 >= 1)) throw new InvalidArgumentError("expected n1xn2 with positive integers, e.g. 3x4 (or n for n×n)");
  return [n1, n2];
}

export function parseIndexBase(value: string): 0 | 1 {
  if (value.trim() === "0") return 0;
  if (value.trim() === "1") return 1;
  throw new InvalidArgumentError("expected 0 or 1");
}

export function parseFormat(value: string): "auto" | "measurements" | "entries" {
  const v = value.trim();
  if (v === "auto" || v === "measurements" || v === "entries") return v;
  throw new InvalidArgumentError("expected auto, measurements or entries");
}

/** The data-format flags shared by solve and train. */
export function addMatrixDataOptions(cmd: Command): Command {
  return cmd
    .option("--shape <n1xn2>", "matrix programs and models: the shape of W, e.g. 3x4 (default: n×n from n² + 1 fields per measurement row, or the largest indices of an entries file)", parseShape)
    .option("--index-base <0|1>", "entries files: the first row/column index (default 1: rows and columns are numbered 1…n)", parseIndexBase)
    .option("--format <layout>", "matrix data layout: auto (default: rows of 3 fields are entries i, j, value), measurements or entries", parseFormat);
}

/** Help text: the two layouts. */
export const MATRIX_FORMATS = `Matrix data (--data F.csv, an optional header row of names):
  measurements  one row per measurement ⟨Aᵢ, W⟩ = yᵢ: the n1·n2 entries of Aᵢ row by row, then yᵢ
                (square n×n is inferred from n² + 1 fields; --shape n1xn2 otherwise); for nonneg-l1 the
                row is a₁ … a_d, b of Ax = b
  entries       one row i, j, value per observed entry W_ij = value (completion), 1-based unless
                --index-base 0; each entry once; for PSD programs and --model uu, (i, j) and (j, i) are one
                entry and may both be given with equal values`;

/** Matrix-data flags given to a regression program are mistakes. */
export function rejectMatrixFlags(name: string, opts: MatrixDataFlags): void {
  const given = [opts.shape && "--shape", opts.indexBase !== undefined && "--index-base", opts.format && "--format"].filter(Boolean);
  if (given.length > 0) {
    throw new UsageError(`${given.join(", ")} applies to the matrix programs, not ${name}`, `matrix programs are: ${Object.keys(matrixProgramRegistry).join(", ")}`);
  }
}

/** Rejects flags that make no sense for what the data are read for. */
function checkFlags(flags: MatrixDataFlags, needs: MatrixNeeds): void {
  if (needs.vector) {
    if (flags.shape) throw new UsageError(`--shape does not apply to ${needs.who}`, "its unknown is the vector x of Ax = b: rows are a₁ … a_d, b");
    if (flags.format === "entries") throw new UsageError(`${needs.who} takes measurement rows a₁ … a_d, b, not entries`, "drop --format entries");
  }
  if (needs.symmetric && flags.shape && flags.shape[0] !== flags.shape[1]) {
    throw new UsageError(`${needs.who} needs a square W, --shape is ${flags.shape[0]}x${flags.shape[1]}`, "give --shape nxn or drop it");
  }
}

/** Reads and parses --data as matrix data (DataErrors name the file, line and column). */
export function readMatrixData(io: CliIo, path: string, flags: MatrixDataFlags, needs: MatrixNeeds): MatrixCsv {
  checkFlags(flags, needs);
  const data = parseMatrixCsv(readTextFile(io, path, "--data"), {
    source: basename(path),
    format: needs.vector ? "measurements" : (flags.format ?? "auto"),
    ...(flags.shape ? { shape: flags.shape } : {}),
    vector: needs.vector ?? false,
    symmetric: needs.symmetric ?? false,
    signLabels: needs.labels ?? false,
    indexBase: flags.indexBase ?? 1,
  });
  if (data.kind === "measurements" && flags.indexBase !== undefined) {
    throw new UsageError(`--index-base applies to entries files (i, j, value); ${basename(path)} holds measurement rows`, "drop --index-base");
  }
  return data;
}

/** The parsed file as the programs' input. */
export function programData(data: MatrixCsv): MatrixProgramData {
  return data.kind === "measurements"
    ? { kind: "measurements", n1: data.n1, n2: data.n2, A: data.A, y: data.y }
    : { kind: "entries", n1: data.n1, n2: data.n2, entries: data.entries };
}

/** "m.csv: m = 5 measurements of a 3×3 matrix (header row)" or "e.csv: 4 observed entries of a 3×3 matrix (1-based, …)" */
export function matrixDataSummary(path: string, data: MatrixCsv, vector = false): string {
  const name = basename(path);
  const header = data.header ? ", header row" : "";
  if (data.kind === "measurements") {
    const m = data.A.rows;
    const what = vector ? `${m} equation${m === 1 ? "" : "s"} aᵢᵀx = bᵢ in d = ${data.n1} unknowns` : `m = ${m} measurement${m === 1 ? "" : "s"} ⟨Aᵢ, W⟩ = yᵢ of a ${data.n1}×${data.n2} matrix`;
    return `${name}: ${what}${data.header ? " (header row)" : ""}`;
  }
  const mirrored = data.mirrored > 0 ? `, ${data.mirrored} mirrored (j, i) merged` : "";
  const shape = data.inferredShape ? "shape from the largest indices" : "shape from --shape";
  return `${name}: ${data.entries.length} observed entries of a ${data.n1}×${data.n2} matrix (${data.indexBase}-based indices, ${shape}${mirrored}${header})`;
}
