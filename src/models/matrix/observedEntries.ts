// Matrix completion: measurement k observes entry (i_k, j_k), Aₖ = e_{i_k} e_{j_kᵀ}, so
// A(W)ₖ = W[i_k, j_k] and A*(r) scatters rₖ into position (i_k, j_k). Indices are 0-based.
import { checkDims, checkIndex, checkLengths, checkSubset, measurementOut, type MeasurementOperator } from "./operator.ts";

export interface CompletionOperator extends MeasurementOperator {
  /** row index of each observed entry */
  readonly rows: Int32Array;
  /** column index of each observed entry */
  readonly cols: Int32Array;
}

/**
 * The observed-entries operator of an n1×n2 matrix. Every entry must be a pair of integers inside the
 * matrix and appear once; otherwise a RangeError names the offending entry.
 */
export function observedEntries(n1: number, n2: number, entries: ArrayLike<readonly [number, number]>): CompletionOperator {
  checkDims("observedEntries", { n1, n2 });
  const m = entries.length;
  if (m === 0) throw new RangeError("observedEntries: no entries observed (need at least one)");
  const rows = new Int32Array(m), cols = new Int32Array(m);
  const seen = new Map<number, number>(); // flat position → first entry observing it
  for (let k = 0; k < m; k++) {
    const e = entries[k];
    if (e === undefined || e === null || e.length !== 2) throw new RangeError(`observedEntries: entry ${k} is not an (i, j) pair`);
    const [i, j] = e;
    if (!Number.isInteger(i) || !Number.isInteger(j)) throw new RangeError(`observedEntries: entry ${k} (${i}, ${j}) has a non-integer index`);
    if (i < 0 || i >= n1 || j < 0 || j >= n2) {
      throw new RangeError(`observedEntries: entry ${k} (${i}, ${j}) is outside the ${n1}×${n2} matrix (rows 0…${n1 - 1}, columns 0…${n2 - 1})`);
    }
    const pos = i * n2 + j;
    const first = seen.get(pos);
    if (first !== undefined) throw new RangeError(`observedEntries: entry ${k} (${i}, ${j}) repeats entry ${first}`);
    seen.set(pos, k);
    rows[k] = i;
    cols[k] = j;
  }
  const at = new Int32Array(m); // flat positions
  for (let k = 0; k < m; k++) at[k] = rows[k] * n2 + cols[k];

  let diagonalOnly = n1 === n2;
  for (let k = 0; k < m; k++) if (rows[k] !== cols[k]) diagonalOnly = false;

  const op: CompletionOperator = {
    name: `observed-entries(${m} of ${n1}×${n2})`, n1, n2, m, symmetric: diagonalOnly, rows, cols,
    apply(W, out) {
      checkLengths(op, "apply", W.length, out.length);
      for (let k = 0; k < m; k++) out[k] = W[at[k]];
      return out;
    },
    adjoint(r, out) {
      checkLengths(op, "adjoint", out.length, r.length);
      out.fill(0);
      for (let k = 0; k < m; k++) out[at[k]] = r[k];
      return out;
    },
    applySubset(W, idx, count, out) {
      checkSubset(op, "applySubset", W.length, idx, count, out.length);
      for (let k = 0; k < count; k++) out[k] = W[at[idx[k]]];
      return out;
    },
    adjointSubset(r, idx, count, out) {
      checkSubset(op, "adjointSubset", out.length, idx, count, r.length);
      out.fill(0);
      for (let k = 0; k < count; k++) out[at[idx[k]]] += r[k]; // += : a minibatch may repeat an index
      return out;
    },
    measurement(k, out) {
      checkIndex(op, k);
      const M = measurementOut(op, out);
      M.data[at[k]] = 1;
      return M;
    },
  };
  return op;
}
