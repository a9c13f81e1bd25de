// Classification data for `solve` and `train`: a CSV file with a label column, or an IDX pair
// (--data images.idx --labels labels.idx, gzip or not), narrowed to the classes the program
// takes. Binary programs take labels −1/+1 (or two classes picked with --classes a,b, a ↦ −1,
// b ↦ +1); the multiclass ones every class present (or those listed by --classes, in that
// order). Every mistake is one UsageError/DataError line saying what was found and what is allowed.
import type { Command } from "commander";
import { basename } from "node:path";
import { DataError, decodeIdx, isGzip, parseLabelledCsv, type BinaryClassificationData, type IdxArray, type MulticlassData } from "../data/index.ts";
import { Matrix } from "../linalg/index.ts";
import { UsageError } from "./errors.ts";
import { readBinaryFile } from "./files.ts";
import type { CliIo } from "./io.ts";
import { parsePositiveInt } from "./options.ts";

/** The command-line flags that locate classification data. */
export interface ClassificationFlags {
  readonly data: string;
  readonly labels?: string;
  readonly target?: string;
  readonly classes?: string;
  readonly limit?: number;
}

/** Adds --labels, --classes and --limit to a command (solve, train). */
export function addClassificationDataOptions(cmd: Command): Command {
  return cmd
    .option("--labels <file>", "classification from IDX files: --data holds the images, this file their labels (gzip is fine)")
    .option("--classes <a,b,…>", "classification: the classes to keep; binary programs take two, a ↦ −1 and b ↦ +1 (default: the labels −1, +1 as they are)")
    .option("--limit <n>", "classification: keep only the first n examples (after --classes)", parsePositiveInt);
}

/** Refuses the classification-only flags where the data are regression data. */
export function rejectClassificationFlags(flags: Partial<ClassificationFlags>, where: string): void {
  for (const flag of ["labels", "classes", "limit"] as const) {
    if (flags[flag] !== undefined) throw new UsageError(`--${flag} applies to classification data, not to ${where}`, "drop it, or pick a classification program or loss");
  }
}

interface Common {
  /** the file name of --data */
  readonly source: string;
  /** rows used, as positions in the file (0-based examples, header excluded) */
  readonly index: Int32Array;
  /** "line 7" (CSV) or "example 6" (IDX, 0-based) for example i of the file */
  position(fileIndex: number): string;
  readonly features: readonly string[];
  /** one line: the file, N, d and how the labels were read */
  readonly summary: string;
}

export interface LoadedBinary extends Common {
  readonly kind: "binary";
  readonly data: BinaryClassificationData;
  /** the labels read as −1 and +1 */
  readonly classNames: readonly [string, string];
}

export interface LoadedMulticlass extends Common {
  readonly kind: "multiclass";
  readonly data: MulticlassData;
  /** the label read as class c, for c = 0 … k − 1 */
  readonly classNames: readonly string[];
}

export type LoadedClassification = LoadedBinary | LoadedMulticlass;

/** What the data are for, in the error messages: e.g. { what: "svm-l2", multiclass: "or use svm-multiclass" }. */
export interface DataUse {
  readonly what: string;
  /** how to handle more than two classes instead */
  readonly multiclass: string;
}

/** The examples of a file before any class is picked. */
interface Examples {
  readonly source: string;
  readonly n: number;
  readonly d: number;
  readonly features: readonly string[];
  /** each example's label, canonical (see canon) */
  readonly labels: readonly string[];
  /** "column 'y' of data.csv" or "labels.idx" */
  readonly labelSource: string;
  position(i: number): string;
  /** out ← the features of example i; false when one is not finite (IDX floats) */
  row(i: number, out: Float64Array): boolean;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** numbers compare by value ("+1", "1.0" and "1" are one label), names as written */
function canon(s: string): string {
  const t = s.trim();
  return DECIMAL.test(t) ? String(Number(t)) : t;
}

/** numeric labels in increasing order, then names in code-point order */
function sortLabels(labels: Iterable<string>): string[] {
  return [...labels].sort((a, b) => {
    const na = DECIMAL.test(a), nb = DECIMAL.test(b);
    if (na && nb) return Number(a) - Number(b);
    if (na !== nb) return na ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

function listed(values: readonly string[], max = 8): string {
  return values.length <= max ? values.join(", ") : `${values.slice(0, max).join(", ")}, …`;
}

function looksLikeIdx(bytes: Uint8Array): boolean {
  return isGzip(bytes) || (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0);
}

function csvExamples(bytes: Uint8Array, path: string, target: string | undefined): Examples {
  const source = basename(path);
  const t = parseLabelledCsv(new TextDecoder().decode(bytes), { target, source });
  const d = t.X.cols;
  return {
    source, n: t.X.rows, d, features: t.features,
    labels: t.labels.map(canon),
    labelSource: `column '${t.target}' of ${source}`,
    position: (i) => `line ${t.lines[i]}`,
    row: (i, out) => {
      out.set(t.X.data.subarray(i * d, (i + 1) * d));
      return true;
    },
  };
}

async function idxExamples(io: CliIo, bytes: Uint8Array, path: string, labelsPath: string): Promise<Examples> {
  const source = basename(path), labelSource = basename(labelsPath);
  const images = await decodeIdx(bytes, source);
  const labels: IdxArray = await decodeIdx(readBinaryFile(io, labelsPath, "--labels"), labelSource);
  if (images.dims.length < 2) {
    throw new DataError(`${source} has dimensions ${images.dims.join("×")}; images are an IDX array of n examples × their pixels (2 or more dimensions)`);
  }
  if (labels.dims.length !== 1) {
    throw new DataError(`${labelSource} has dimensions ${labels.dims.join("×")}; labels are a 1-dimensional IDX array, one integer per image`);
  }
  const n = images.dims[0];
  if (labels.dims[0] !== n) {
    throw new DataError(`${source} holds ${n} images but ${labelSource} holds ${labels.dims[0]} labels; they must pair up one to one`);
  }
  if (labels.type === "float32" || labels.type === "float64") {
    throw new DataError(`${labelSource} holds ${labels.type} values; class labels must be an integer IDX type (uint8, int8, int16, int32)`);
  }
  let d = 1;
  for (const v of images.dims.slice(1)) d *= v;
  if (d === 0) throw new DataError(`${source} has dimensions ${images.dims.join("×")}: its images have no pixels; each example needs at least 1 feature`);
  // uint8 pixels into [0, 1], as the data sets are usually used
  const scale = images.type === "uint8" ? 1 / 255 : 1;
  const px = images.data;
  return {
    source, n, d,
    features: Array.from({ length: d }, (_, j) => `x${j + 1}`),
    labels: Array.from(labels.data, (v) => String(v)),
    labelSource,
    position: (i) => `example ${i}`,
    row: (i, out) => {
      let finite = true;
      for (let j = 0; j < d; j++) {
        const v = px[i * d + j] * scale;
        out[j] = v;
        if (!Number.isFinite(v)) finite = false;
      }
      return finite;
    },
  };
}

/** --classes a,b,… as canonical labels: no empty items, no repeats */
function parseClasses(spec: string): string[] {
  const items = spec.split(",").map((s) => s.trim());
  if (items.some((s) => s === "")) throw new UsageError(`--classes '${spec}' has an empty item`, "write the labels separated by commas, e.g. --classes 3,8");
  const keys = items.map(canon);
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) throw new UsageError(`--classes lists the label ${k} twice`, "list each class once");
    seen.add(k);
  }
  return keys;
}

/** the classes to keep, in order (binary: [−1 class, +1 class]) */
function pickClasses(ex: Examples, kind: "binary" | "multiclass", classes: string | undefined, use: DataUse): string[] {
  const present = sortLabels(new Set(ex.labels));
  const where = ex.labelSource;
  if (classes !== undefined) {
    const keys = parseClasses(classes);
    if (kind === "binary" && keys.length !== 2) {
      throw new UsageError(`--classes lists ${keys.length} label${keys.length === 1 ? "" : "s"}; ${use.what} takes two, --classes a,b with a ↦ −1 and b ↦ +1${keys.length > 2 ? `, ${use.multiclass}` : ""}`);
    }
    if (kind === "multiclass" && keys.length < 2) throw new UsageError(`--classes lists 1 label; ${use.what} needs at least two classes`);
    for (const k of keys) {
      if (!present.includes(k)) throw new UsageError(`no example in ${where} has the label ${k} given by --classes`, `labels present: ${listed(present, 20)}`);
    }
    return keys;
  }
  if (kind === "multiclass") {
    if (present.length < 2) throw new UsageError(`every label in ${where} is ${present[0]}`, `${use.what} needs at least two classes`);
    return present;
  }
  if (present.every((k) => k === "1" || k === "-1")) {
    if (present.length === 2) return ["-1", "1"];
    throw new UsageError(`every label in ${where} is ${present[0]}`, `${use.what} needs two classes, labelled −1 and +1`);
  }
  if (present.length === 1) throw new UsageError(`every label in ${where} is ${present[0]}`, `${use.what} needs two classes, labelled −1 and +1`);
  if (present.length === 2) {
    const [a, b] = present;
    throw new UsageError(`the labels in ${where} are ${a} and ${b}`, `${use.what} takes labels −1 and +1: map them with --classes ${a},${b} (${a} ↦ −1, ${b} ↦ +1)`);
  }
  throw new UsageError(
    `the labels in ${where} take ${present.length} values (${listed(present)})`,
    `${use.what} takes two classes labelled −1 and +1: pick two with --classes a,b (a ↦ −1, b ↦ +1), ${use.multiclass}`,
  );
}

/**
 * Reads --data (and --labels) as classification data for a binary or multiclass program:
 * CSV text or an IDX pair, the classes picked, the first --limit examples kept.
 */
export async function readClassificationData(io: CliIo, flags: ClassificationFlags, kind: "binary" | "multiclass", use: DataUse): Promise<LoadedClassification> {
  const bytes = readBinaryFile(io, flags.data, "--data");
  let ex: Examples;
  if (flags.labels !== undefined) {
    if (flags.target !== undefined) throw new UsageError("--target names the label column of a CSV file; IDX data take their labels from --labels", "drop --target");
    ex = await idxExamples(io, bytes, flags.data, flags.labels);
  } else {
    if (looksLikeIdx(bytes)) {
      throw new UsageError(`--data '${flags.data}' is an IDX${isGzip(bytes) ? " (gzip)" : ""} file, not CSV text`, "give the labels file too: --data IMAGES.idx --labels LABELS.idx");
    }
    ex = csvExamples(bytes, flags.data, flags.target);
  }
  const classes = pickClasses(ex, kind, flags.classes, use);
  const classOf = new Map(classes.map((c, k) => [c, k]));

  const limit = flags.limit ?? Infinity;
  const picked: number[] = [];
  for (let i = 0; i < ex.n && picked.length < limit; i++) if (classOf.has(ex.labels[i])) picked.push(i);
  const counts = new Array<number>(classes.length).fill(0);
  for (const i of picked) counts[classOf.get(ex.labels[i])!]++;
  counts.forEach((c, k) => {
    if (c === 0) throw new UsageError(`the first ${picked.length} examples (--limit ${flags.limit}) hold no example of class ${classes[k]}`, "raise --limit so that every class is present");
  });

  const N = picked.length, d = ex.d;
  const X = new Matrix(N, d);
  const row = new Float64Array(d);
  picked.forEach((i, r) => {
    if (!ex.row(i, row)) {
      const j = row.findIndex((v) => !Number.isFinite(v));
      throw new DataError(`${ex.source} ${ex.position(i)}, feature ${j + 1}: ${row[j]} is not finite; every feature must be a finite number`);
    }
    X.data.set(row, r * d);
  });
  const index = Int32Array.from(picked);
  const common = { source: ex.source, index, position: ex.position, features: ex.features };
  const head = `${ex.source}: N = ${N} examples, d = ${d} features`;
  if (kind === "binary") {
    const y = Float64Array.from(picked, (i) => (classOf.get(ex.labels[i]) === 0 ? -1 : 1));
    const [neg, pos] = classes;
    const mapped = neg === "-1" && pos === "1" ? `−1 (${counts[0]}), +1 (${counts[1]})` : `${neg} ↦ −1 (${counts[0]}), ${pos} ↦ +1 (${counts[1]})`;
    return { kind, ...common, data: { X, y, features: ex.features }, classNames: [neg, pos], summary: `${head}, labels from ${ex.labelSource}: ${mapped}` };
  }
  const labels = Int32Array.from(picked, (i) => classOf.get(ex.labels[i])!);
  return {
    kind, ...common, data: { X, labels, classes: classes.length }, classNames: classes,
    summary: `${head}, k = ${classes.length} classes from ${ex.labelSource}: ${classes.map((c, k) => `${c} (${counts[k]})`).join(", ")}`,
  };
}
