// A linear measurement operator on n1×n2 matrices (row-major, flattened):
//   A(W)ᵢ = ⟨Aᵢ, W⟩ = Σ_{jk} (Aᵢ)_{jk} W_{jk},  i = 0…m−1,   A*(r) = Σᵢ rᵢ Aᵢ,
// so that ⟨A(W), r⟩ = ⟨W, A*(r)⟩. Every method writes into `out` and allocates nothing.
import { Matrix } from "../../linalg/index.ts";

export interface MeasurementOperator {
  readonly name: string;
  readonly n1: number;
  readonly n2: number;
  /** number of measurements */
  readonly m: number;
  /** true when every Aᵢ is symmetric (then n1 = n2) */
  readonly symmetric: boolean;
  /** out ← A(W): outᵢ = ⟨Aᵢ, W⟩ (W has n1·n2 entries, out m) */
  apply(W: Float64Array, out: Float64Array): Float64Array;
  /** out ← A*(r) = Σᵢ rᵢ Aᵢ (r has m entries, out n1·n2) */
  adjoint(r: Float64Array, out: Float64Array): Float64Array;
  /** out[k] ← ⟨A_{idx[k]}, W⟩ for k < count (the measurements of a minibatch) */
  applySubset(W: Float64Array, idx: Int32Array, count: number, out: Float64Array): Float64Array;
  /** out ← Σ_{k<count} r[k] A_{idx[k]} */
  adjointSubset(r: Float64Array, idx: Int32Array, count: number, out: Float64Array): Float64Array;
  /** fused r ← A(W) − y and out ← A*(r), where the storage allows one pass (same result as apply then adjoint) */
  residualAdjoint?(W: Float64Array, y: Float64Array, r: Float64Array, out: Float64Array): Float64Array;
  /** the dense n1×n2 matrix Aᵢ (allocates unless `out` is given; for references and tests, not hot loops) */
  measurement(i: number, out?: Matrix): Matrix;
}

/** Throws a RangeError naming the first size that is not a positive integer. */
export function checkDims(where: string, sizes: Record<string, number>): void {
  for (const [k, v] of Object.entries(sizes)) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${where}: ${k} must be a positive integer, got ${v}`);
  }
}

/** Throws unless the matrix has n1·n2 entries (cheap: no allocation). */
export function checkMatrix(op: MeasurementOperator, fn: string, len: number): void {
  const nn = op.n1 * op.n2;
  if (len !== nn) throw new RangeError(`${op.name}.${fn}: the matrix has ${len} entries, need ${op.n1}×${op.n2} = ${nn}`);
}

/** Throws unless the matrix has n1·n2 entries and the measurement vector m. */
export function checkLengths(op: MeasurementOperator, fn: string, wLen: number, rLen: number): void {
  checkMatrix(op, fn, wLen);
  if (rLen !== op.m) throw new RangeError(`${op.name}.${fn}: the measurement vector has ${rLen} entries, need m = ${op.m}`);
}

/**
 * Throws unless the matrix has n1·n2 entries (wLen), idx[0..count) are measurement indices and the
 * measurement vector (len) holds count entries.
 */
export function checkSubset(op: MeasurementOperator, fn: string, wLen: number, idx: Int32Array, count: number, len: number): void {
  checkMatrix(op, fn, wLen);
  if (!Number.isInteger(count) || count < 0 || count > idx.length) {
    throw new RangeError(`${op.name}.${fn}: count ${count} must be an integer in 0…${idx.length} (the index list's length)`);
  }
  if (len < count) throw new RangeError(`${op.name}.${fn}: the measurement vector has ${len} entries, need ${count}`);
  for (let k = 0; k < count; k++) {
    const i = idx[k];
    if (i < 0 || i >= op.m) throw new RangeError(`${op.name}.${fn}: idx[${k}] = ${i} is not a measurement (0 ≤ i < ${op.m})`);
  }
}

/** Throws unless 0 ≤ i < m is an integer. */
export function checkIndex(op: MeasurementOperator, i: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= op.m) throw new RangeError(`${op.name}: measurement ${i} does not exist (0 ≤ i < ${op.m})`);
}

/** The n1×n2 out matrix for `measurement`, zeroed. */
export function measurementOut(op: MeasurementOperator, out: Matrix | undefined): Matrix {
  if (out === undefined) return new Matrix(op.n1, op.n2);
  if (out.rows !== op.n1 || out.cols !== op.n2) throw new RangeError(`${op.name}.measurement: out is ${out.rows}×${out.cols}, need ${op.n1}×${op.n2}`);
  out.data.fill(0);
  return out;
}
