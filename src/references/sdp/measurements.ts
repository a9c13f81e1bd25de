// Linear measurements of a matrix, A(W)ᵢ = ⟨Aᵢ, W⟩, and the adjoint A*(λ) = Σ λᵢ Aᵢ, for the certificates of the
// nuclear-norm programs: dense measurement matrices or observed entries (Aᵢ = e_{r} e_{c}ᵀ).
import { Matrix } from "../../linalg/index.ts";

export interface MatrixMeasurements {
  readonly rows: number;
  readonly cols: number;
  readonly count: number;
  /** out_i ← ⟨Aᵢ, W⟩ */
  apply(W: Matrix, out?: Float64Array): Float64Array;
  /** Σ λᵢ Aᵢ */
  adjoint(lambda: Float64Array, out?: Matrix): Matrix;
  /** the measurement matrix Aᵢ (dense) */
  matrix(i: number): Matrix;
}

/** One observed entry W[i][j] = value (0-based indices). */
export interface ObservedEntry {
  readonly i: number;
  readonly j: number;
  readonly value: number;
}

/** Checks that the Aᵢ are non-empty, finite and of one shape, and y matches; RangeError naming what is wrong. */
export function checkMeasurements(where: string, A: readonly Matrix[], y: Float64Array): { rows: number; cols: number } {
  if (!Array.isArray(A) || A.length === 0) throw new RangeError(`${where}: need at least one measurement matrix`);
  const { rows, cols } = A[0];
  if (rows < 1 || cols < 1) throw new RangeError(`${where}: measurement matrices are ${rows}×${cols}`);
  A.forEach((Ai, i) => {
    if (!(Ai instanceof Matrix)) throw new RangeError(`${where}: A[${i}] is not a Matrix`);
    if (Ai.rows !== rows || Ai.cols !== cols) throw new RangeError(`${where}: A[${i}] is ${Ai.rows}×${Ai.cols}, A[0] is ${rows}×${cols}`);
    for (let t = 0; t < Ai.data.length; t++) {
      if (!Number.isFinite(Ai.data[t])) throw new RangeError(`${where}: A[${i}] has a non-finite entry at (${Math.floor(t / cols)}, ${t % cols})`);
    }
  });
  if (y.length !== A.length) throw new RangeError(`${where}: y has ${y.length} entries, there are ${A.length} measurement matrices`);
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new RangeError(`${where}: y[${i}] is ${y[i]}`);
  return { rows, cols };
}

export function denseMeasurements(A: readonly Matrix[]): MatrixMeasurements {
  const rows = A[0].rows, cols = A[0].cols, len = rows * cols;
  return {
    rows,
    cols,
    count: A.length,
    apply(W, out = new Float64Array(A.length)) {
      A.forEach((Ai, i) => {
        let s = 0;
        for (let t = 0; t < len; t++) s += Ai.data[t] * W.data[t];
        out[i] = s;
      });
      return out;
    },
    adjoint(lambda, out = new Matrix(rows, cols)) {
      out.data.fill(0);
      A.forEach((Ai, i) => {
        const li = lambda[i];
        for (let t = 0; t < len; t++) out.data[t] += li * Ai.data[t];
      });
      return out;
    },
    matrix: (i) => A[i],
  };
}

export function entryMeasurements(rows: number, cols: number, entries: readonly ObservedEntry[]): MatrixMeasurements {
  return {
    rows,
    cols,
    count: entries.length,
    apply(W, out = new Float64Array(entries.length)) {
      entries.forEach((e, k) => { out[k] = W.data[e.i * cols + e.j]; });
      return out;
    },
    adjoint(lambda, out = new Matrix(rows, cols)) {
      out.data.fill(0);
      entries.forEach((e, k) => { out.data[e.i * cols + e.j] += lambda[k]; });
      return out;
    },
    matrix(k) {
      const M = new Matrix(rows, cols);
      M.set(entries[k].i, entries[k].j, 1);
      return M;
    },
  };
}
