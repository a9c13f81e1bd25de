// A linear measurement system A(W) = y, A stacked m × n1·n2 (row i = vec(Aᵢ)), made ready for the SDP solver,
// which needs linearly independent constraints: the rows kept are a maximal independent subset (pivoted QR of
// the normalized vec(Aᵢ)), and the whole system must be consistent — the minimum-norm solution of the kept
// rows has to satisfy the dropped ones too. Dropping a consistent redundant row leaves the feasible set as it is.
import { Matrix, norm2, qrPivoted } from "../linalg/index.ts";
import { minNormL2 } from "./minNormL2.ts";
import { relativeResidual } from "./residuals.ts";

/** a normalized vec(Aᵢ) whose pivoted-QR residual is below this is a combination of the kept ones */
const DEPENDENT_RTOL = 1e-5;

export interface IndependentSystem {
  /** indices of the kept measurements, ascending */
  readonly kept: Int32Array;
  /** the kept rows of A and entries of y */
  readonly A: Matrix;
  readonly y: Float64Array;
  /** ‖A w − y‖/max(1, ‖y‖) over all m rows at the minimum-norm solution w of the kept rows */
  readonly residual: number;
}

/**
 * The independent, consistent subsystem of A w = y (A m × d). RangeError when a zero row has yᵢ ≠ 0 or the
 * least-squares residual of the whole system exceeds consistencyTol (default 1e-8): then no w solves it.
 */
export function independentSystem(where: string, A: Matrix, y: Float64Array, consistencyTol = 1e-8): IndependentSystem {
  const m = A.rows, d = A.cols;
  if (y.length !== m) throw new RangeError(`${where}: y has ${y.length} entries, there are ${m} measurements`);
  const nonzero: number[] = [], norms: number[] = [];
  for (let i = 0; i < m; i++) {
    const n = norm2(A.data.subarray(i * d, (i + 1) * d));
    if (n > 0) {
      nonzero.push(i);
      norms.push(n);
    } else if (y[i] !== 0) {
      throw new RangeError(`${where}: measurement ${i + 1} has Aᵢ = 0 but yᵢ = ${y[i]}, so no W satisfies it`);
    }
  }
  let kept = new Int32Array(0);
  if (nonzero.length > 0) {
    // columns = the normalized vec(Aᵢ)
    const k = nonzero.length, V = new Matrix(d, k);
    nonzero.forEach((i, c) => {
      for (let p = 0; p < d; p++) V.data[p * k + c] = A.data[i * d + p] / norms[c];
    });
    const { perm, rank } = qrPivoted(V, DEPENDENT_RTOL);
    kept = Int32Array.from(perm.subarray(0, rank), (c) => nonzero[c]).sort();
  }
  const Ak = new Matrix(kept.length, d), yk = new Float64Array(kept.length);
  kept.forEach((i, r) => {
    Ak.data.set(A.data.subarray(i * d, (i + 1) * d), r * d);
    yk[r] = y[i];
  });
  const w = kept.length > 0 ? minNormL2(Ak, yk, undefined, { consistencyTol: Infinity }).solution : new Float64Array(d);
  const residual = relativeResidual(A, w, y);
  if (!(residual <= consistencyTol)) {
    throw new RangeError(
      `${where}: the measurements are inconsistent: the least-squares residual ‖A(W) − y‖/max(1, ‖y‖) is ${residual.toExponential(2)}, not 0`,
    );
  }
  return { kept, A: Ak, y: yk, residual };
}
