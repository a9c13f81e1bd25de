// Node-side file reading for the CLI: user data and starting points. (Output folders
// are written atomically by the report layer's writeRunDir.)
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { parseCsv, type RegressionData } from "../data/index.ts";
import { UsageError } from "./errors.ts";
import { resolvePath, type CliIo } from "./io.ts";

/** Reads a whole text file given on the command line by `flag`; a missing file is a UsageError. */
export function readTextFile(io: CliIo, path: string, flag: string): string {
  return new TextDecoder().decode(readBinaryFile(io, path, flag));
}

/** Reads a whole file given on the command line by `flag` as bytes; a missing file is a UsageError. */
export function readBinaryFile(io: CliIo, path: string, flag: string): Uint8Array {
  const full = resolvePath(io, path);
  try {
    if (statSync(full).isDirectory()) throw new UsageError(`${flag} '${path}' is a directory`, `${flag} must name a file`);
    return readFileSync(full);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (code ?? String(e));
    throw new UsageError(`cannot read ${flag} '${path}': ${why}`, `${flag} must name a readable file`);
  }
}

/** Reads regression data from a CSV file (see parseCsv); errors name the file. */
export function readRegressionCsv(io: CliIo, path: string, target?: string): RegressionData {
  return parseCsv(readTextFile(io, path, "--data"), { target, source: basename(path) });
}

/**
 * A starting point w0 of length d: either a number (every entry equals it) or a file
 * of d numbers separated by commas, spaces or newlines (# starts a comment).
 */
export function readStartingPoint(io: CliIo, spec: string, d: number): Float64Array {
  const constant = Number(spec);
  if (spec.trim() !== "" && Number.isFinite(constant)) return new Float64Array(d).fill(constant);
  const text = readTextFile(io, spec, "--w0");
  const values: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, "").trim();
    if (line === "") return;
    for (const tok of line.split(/[\s,]+/)) {
      const v = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(tok) ? Number(tok) : NaN;
      if (!Number.isFinite(v)) {
        throw new UsageError(`--w0 ${basename(spec)} line ${i + 1}: '${tok}' is not a finite number`, "w0 files hold d numbers separated by commas, spaces or newlines");
      }
      values.push(v);
    }
  });
  if (values.length !== d) {
    throw new UsageError(`--w0 ${basename(spec)} has ${values.length} numbers, the data has ${d} features`, `give exactly ${d} numbers or a single constant`);
  }
  return Float64Array.from(values);
}
