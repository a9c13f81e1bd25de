// Node-side file handling for the CLI: reading user data, and writing output
// folders all-or-nothing (into a temporary sibling, moved into place at the end).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseCsv, type RegressionData } from "../data/index.ts";
import { UsageError } from "./errors.ts";
import { resolvePath, type CliIo } from "./io.ts";

/** Reads a whole text file given on the command line by `flag`; a missing file is a UsageError. */
export function readTextFile(io: CliIo, path: string, flag: string): string {
  const full = resolvePath(io, path);
  try {
    if (statSync(full).isDirectory()) throw new UsageError(`${flag} '${path}' is a directory`, `${flag} must name a file`);
    return readFileSync(full, "utf8");
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

/**
 * Writes an output folder all-or-nothing: `fill` writes into a fresh temporary sibling
 * folder, which then replaces the entries of the same names in `dir` (other files in
 * an existing `dir` are left alone). On any failure nothing is left behind.
 */
export async function writeOutputDir(io: CliIo, dir: string, fill: (tmp: string) => Promise<void> | void): Promise<string> {
  const final = resolvePath(io, dir);
  if (existsSync(final) && !statSync(final).isDirectory()) {
    throw new UsageError(`--out '${dir}' exists and is not a directory`, "--out must name a directory (it is created if missing)");
  }
  const parent = dirname(final);
  const createdParents = firstMissingAncestor(parent);
  let tmp: string | undefined;
  try {
    mkdirSync(parent, { recursive: true });
    tmp = mkdtempSync(join(parent, `.${basename(final)}.tmp-`));
    await fill(tmp);
    if (!existsSync(final)) {
      renameSync(tmp, final);
    } else {
      for (const name of readdirSync(tmp)) {
        rmSync(join(final, name), { recursive: true, force: true });
        renameSync(join(tmp, name), join(final, name));
      }
      rmSync(tmp, { recursive: true, force: true });
    }
    return final;
  } catch (e) {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    if (createdParents) rmSync(createdParents, { recursive: true, force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EROFS" || code === "ENOTDIR" || code === "EPERM" || code === "ENOSPC") {
      throw new UsageError(`cannot write --out '${dir}': ${code}`, "--out must name a writable directory");
    }
    throw e;
  }
}

/** The outermost ancestor of `path` (inclusive) that does not exist yet, if any. */
function firstMissingAncestor(path: string): string | undefined {
  let missing: string | undefined;
  let p = path;
  while (!existsSync(p)) {
    missing = p;
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return missing;
}
