// IDX files (the MNIST / Fashion-MNIST format), isomorphic: bytes in, typed arrays out.
//   magic: 0x00 0x00 <type> <ndims>; then ndims big-endian uint32 sizes; then the
//   data, row-major, big-endian. Types: 0x08 uint8, 0x09 int8, 0x0B int16,
//   0x0C int32, 0x0D float32, 0x0E float64.
// Gzip-compressed files (how the data sets are usually shipped) are recognised;
// decodeIdx decompresses them with the platform's DecompressionStream.
import { Matrix } from "../linalg/index.ts";
import { DataError } from "./csv.ts";
import type { BinaryClassificationData, MulticlassData } from "./separable.ts";

export type IdxType = "uint8" | "int8" | "int16" | "int32" | "float32" | "float64";
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxArray {
  readonly type: IdxType;
  readonly dims: readonly number[];
  readonly data: IdxData;
}

const CODES: Record<number, { type: IdxType; size: number }> = {
  0x08: { type: "uint8", size: 1 },
  0x09: { type: "int8", size: 1 },
  0x0b: { type: "int16", size: 2 },
  0x0c: { type: "int32", size: 4 },
  0x0d: { type: "float32", size: 4 },
  0x0e: { type: "float64", size: 8 },
};
const TYPE_CODE: Record<IdxType, number> = { uint8: 0x08, int8: 0x09, int16: 0x0b, int32: 0x0c, float32: 0x0d, float64: 0x0e };

/** true when the bytes start with the gzip magic number 1f 8b */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function product(dims: readonly number[]): number {
  let p = 1;
  for (const v of dims) p *= v;
  return p;
}

/** Parses an uncompressed IDX file; malformed bytes give a one-line DataError saying what is wrong. */
export function readIdx(bytes: Uint8Array, source = "IDX data"): IdxArray {
  if (isGzip(bytes)) throw new DataError(`${source} is gzip-compressed; decompress it first (decodeIdx does)`);
  if (bytes.length < 4) {
    throw new DataError(`${source} has ${bytes.length} byte${bytes.length === 1 ? "" : "s"}; an IDX file starts with a 4-byte magic number (0, 0, type, number of dimensions)`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DataError(`${source} is not an IDX file: its first two bytes are ${bytes[0]}, ${bytes[1]}, an IDX file starts with 0, 0`);
  }
  const code = CODES[bytes[2]];
  if (!code) {
    throw new DataError(`${source} has type code 0x${bytes[2].toString(16).padStart(2, "0")}; IDX types are 0x08 uint8, 0x09 int8, 0x0b int16, 0x0c int32, 0x0d float32, 0x0e float64`);
  }
  const ndims = bytes[3];
  if (ndims === 0) throw new DataError(`${source} declares 0 dimensions; an IDX file has at least 1`);
  const header = 4 + 4 * ndims;
  if (bytes.length < header) {
    throw new DataError(`${source} is cut short: ${ndims} dimensions need a ${header}-byte header, the file has ${bytes.length} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let k = 0; k < ndims; k++) dims.push(view.getUint32(4 + 4 * k, false));
  const count = product(dims);
  const need = count * code.size;
  const have = bytes.length - header;
  if (have !== need) {
    throw new DataError(
      `${source} has ${have} data bytes but dimensions ${dims.join("×")} of ${code.type} need ${need}; the file is ${have < need ? "truncated" : "longer than its header says"}`,
    );
  }
  let data: IdxData;
  switch (code.type) {
    // copies through the constructor: a Node Buffer's slice() is a view into a shared pool
    case "uint8": data = new Uint8Array(bytes.subarray(header, header + count)); break;
    case "int8": data = new Int8Array(bytes.buffer.slice(bytes.byteOffset + header, bytes.byteOffset + header + count)); break;
    case "int16": data = new Int16Array(count); for (let i = 0; i < count; i++) data[i] = view.getInt16(header + 2 * i, false); break;
    case "int32": data = new Int32Array(count); for (let i = 0; i < count; i++) data[i] = view.getInt32(header + 4 * i, false); break;
    case "float32": data = new Float32Array(count); for (let i = 0; i < count; i++) data[i] = view.getFloat32(header + 4 * i, false); break;
    case "float64": data = new Float64Array(count); for (let i = 0; i < count; i++) data[i] = view.getFloat64(header + 8 * i, false); break;
  }
  return { type: code.type, dims, data };
}

/** Serializes an array as an IDX file (the inverse of readIdx). */
export function writeIdx(arr: IdxArray): Uint8Array {
  const { type, dims, data } = arr;
  const code = TYPE_CODE[type];
  if (code === undefined) throw new RangeError(`writeIdx: unknown type "${type}"`);
  if (dims.length < 1 || dims.length > 255) throw new RangeError(`writeIdx: an IDX file has 1 to 255 dimensions, got ${dims.length}`);
  for (const v of dims) if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`writeIdx: dimension ${v} is not a uint32`);
  const count = product(dims);
  if (data.length !== count) throw new RangeError(`writeIdx: dimensions ${dims.join("×")} need ${count} values, data has ${data.length}`);
  const size = CODES[code].size;
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + count * size);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  dims.forEach((v, k) => view.setUint32(4 + 4 * k, v, false));
  for (let i = 0; i < count; i++) {
    const o = header + i * size;
    switch (type) {
      case "uint8": view.setUint8(o, data[i]); break;
      case "int8": view.setInt8(o, data[i]); break;
      case "int16": view.setInt16(o, data[i], false); break;
      case "int32": view.setInt32(o, data[i], false); break;
      case "float32": view.setFloat32(o, data[i], false); break;
      case "float64": view.setFloat64(o, data[i], false); break;
    }
  }
  return out;
}

/** Decompresses gzip bytes with the platform's DecompressionStream (Node ≥ 18, browsers). */
export async function gunzip(bytes: Uint8Array, source = "IDX data"): Promise<Uint8Array> {
  try {
    // a copy on a plain ArrayBuffer (a view of a SharedArrayBuffer is not a BlobPart)
    const stream = new Blob([bytes.slice()]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new DataError(`${source} is not valid gzip data: ${(e as Error).message}`);
  }
}

/** readIdx, decompressing gzip bytes first. */
export async function decodeIdx(bytes: Uint8Array, source = "IDX data"): Promise<IdxArray> {
  return readIdx(isGzip(bytes) ? await gunzip(bytes, source) : bytes, source);
}

function checkPair(where: string, images: IdxArray, labels: IdxArray): number {
  if (labels.dims.length !== 1) throw new DataError(`${where}: the labels file has dimensions ${labels.dims.join("×")}; labels are a 1-dimensional IDX array`);
  if (images.dims.length < 1) throw new DataError(`${where}: the images file has no dimensions`);
  const n = images.dims[0];
  if (labels.dims[0] !== n) throw new DataError(`${where}: ${n} images but ${labels.dims[0]} labels; they must pair up one to one`);
  if (labels.type === "float32" || labels.type === "float64") throw new DataError(`${where}: labels are ${labels.type}; class labels must be an integer IDX type`);
  return product(images.dims.slice(1));
}

function rowsOf(images: IdxArray, picked: number[], d: number, scale: number): Matrix {
  const X = new Matrix(picked.length, d);
  for (let r = 0; r < picked.length; r++) {
    const o = picked[r] * d;
    for (let j = 0; j < d; j++) X.data[r * d + j] = images.data[o + j] * scale;
  }
  return X;
}

export interface IdxTwoClassOptions {
  /** the label that becomes y = +1 */
  readonly positive: number;
  /** the label that becomes y = −1 */
  readonly negative: number;
  /** multiplies every pixel (default 1/255 for uint8 images, else 1) */
  readonly scale?: number;
  /** keep at most this many examples, the first ones in file order (default all) */
  readonly limit?: number;
}

/**
 * The two-class subset of an (images, labels) pair as ±1 data: rows of X are the
 * flattened images (scaled, by default into [0, 1]), y = +1 for `positive` and −1
 * for `negative`; `indices` are the examples' positions in the files.
 */
export function idxTwoClass(images: IdxArray, labels: IdxArray, opts: IdxTwoClassOptions): BinaryClassificationData & { readonly indices: Int32Array } {
  const where = "two-class IDX data";
  const d = checkPair(where, images, labels);
  const { positive, negative } = opts;
  if (positive === negative) throw new RangeError(`${where}: the positive and negative classes must differ, both are ${positive}`);
  const limit = opts.limit ?? Infinity;
  if (!(limit >= 1)) throw new RangeError(`${where}: limit must be ≥ 1, got ${limit}`);
  const scale = opts.scale ?? (images.type === "uint8" ? 1 / 255 : 1);
  const picked: number[] = [];
  const lab = labels.data;
  for (let i = 0; i < lab.length && picked.length < limit; i++) if (lab[i] === positive || lab[i] === negative) picked.push(i);
  const present = new Set(Array.from(lab));
  for (const c of [positive, negative]) {
    if (!present.has(c)) throw new DataError(`${where}: no example has label ${c}; labels present: ${[...present].sort((a, b) => a - b).join(", ")}`);
  }
  const X = rowsOf(images, picked, d, scale);
  const y = Float64Array.from(picked, (i) => (lab[i] === positive ? 1 : -1));
  return { X, y, indices: Int32Array.from(picked) };
}

/**
 * The examples of the given classes (default: every label present, in increasing
 * order) as multiclass data, class classes[c] ↦ label c.
 */
export function idxMulticlass(
  images: IdxArray,
  labels: IdxArray,
  opts: { readonly classes?: readonly number[]; readonly scale?: number; readonly limit?: number } = {},
): MulticlassData & { readonly indices: Int32Array; readonly classValues: readonly number[] } {
  const where = "multiclass IDX data";
  const d = checkPair(where, images, labels);
  const lab = labels.data;
  const present = [...new Set(Array.from(lab))].sort((a, b) => a - b);
  const classValues = opts.classes ?? present;
  if (classValues.length < 2) throw new RangeError(`${where}: at least 2 classes are needed, got ${classValues.length}`);
  const map = new Map<number, number>();
  classValues.forEach((c, k) => {
    if (map.has(c)) throw new RangeError(`${where}: class ${c} is listed twice`);
    if (!present.includes(c)) throw new DataError(`${where}: no example has label ${c}; labels present: ${present.join(", ")}`);
    map.set(c, k);
  });
  const limit = opts.limit ?? Infinity;
  const picked: number[] = [];
  for (let i = 0; i < lab.length && picked.length < limit; i++) if (map.has(lab[i])) picked.push(i);
  const X = rowsOf(images, picked, d, opts.scale ?? (images.type === "uint8" ? 1 / 255 : 1));
  const out = Int32Array.from(picked, (i) => map.get(lab[i])!);
  return { X, labels: out, classes: classValues.length, indices: Int32Array.from(picked), classValues };
}
