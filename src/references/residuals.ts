// Measurements shared by the certificates: always computed on the returned solution.
import { Matrix, gemv, norm2 } from "../linalg/index.ts";

/** ‖Xw − y‖₂ / max(1, ‖y‖₂) */
export function relativeResidual(X: Matrix, w: Float64Array, y: Float64Array, scratch: Float64Array = new Float64Array(X.rows)): number {
  gemv(X, w, scratch);
  for (let i = 0; i < scratch.length; i++) scratch[i] -= y[i];
  return norm2(scratch) / Math.max(1, norm2(y));
}

/** out ← y − Xw */
export function residual(X: Matrix, w: Float64Array, y: Float64Array, out: Float64Array = new Float64Array(X.rows)): Float64Array {
  gemv(X, w, out);
  for (let i = 0; i < out.length; i++) out[i] = y[i] - out[i];
  return out;
}

export function checkSystem(where: string, X: Matrix, y: Float64Array, w0?: Float64Array): void {
  if (y.length !== X.rows) throw new RangeError(`${where}: y has ${y.length} entries, X has ${X.rows} rows`);
  if (w0 && w0.length !== X.cols) throw new RangeError(`${where}: w0 has ${w0.length} entries, X has ${X.cols} columns`);
  for (let i = 0; i < X.data.length; i++) if (!Number.isFinite(X.data[i])) throw new RangeError(`${where}: X has a non-finite entry at (${Math.floor(i / X.cols)}, ${i % X.cols})`);
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new RangeError(`${where}: y has a non-finite entry at ${i}`);
  if (w0) for (let i = 0; i < w0.length; i++) if (!Number.isFinite(w0[i])) throw new RangeError(`${where}: w0 has a non-finite entry at ${i}`);
}
