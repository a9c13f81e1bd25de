// Test problems for the optimizers: random underdetermined least squares and its
// min-norm interpolant w0 + Xᵀ(XXᵀ)⁻¹(y − Xw0) by Cholesky.
import { Matrix, cholesky, choleskySolve, gemmNT, gemv, gemvT } from "../../src/linalg/index.ts";
import { leastSquares, linearModel, type Objective } from "../../src/models/index.ts";
import { Rng } from "../../src/random/index.ts";

export interface LeastSquaresProblem {
  readonly X: Matrix;
  readonly y: Float64Array;
  readonly objective: Objective;
  /** argmin ‖w − w0‖₂ s.t. Xw = y */
  minNorm(w0: Float64Array): Float64Array;
}

export function underdetermined(rng: Rng, N = 20, d = 60): LeastSquaresProblem {
  const X = new Matrix(N, d, rng.fillNormal(new Float64Array(N * d)));
  const y = rng.fillNormal(new Float64Array(N));
  const L = cholesky(gemmNT(X, X));
  return {
    X, y,
    objective: leastSquares({ X, Y: new Matrix(N, 1, y) }, linearModel(d)),
    minNorm(w0) {
      const r = gemv(X, w0, new Float64Array(N)).map((v, i) => y[i] - v);
      const w = gemvT(X, choleskySolve(L, r), new Float64Array(d));
      for (let j = 0; j < d; j++) w[j] += w0[j];
      return w;
    },
  };
}

/** max_i ‖xᵢ‖²: the smoothness of every single-example (and minibatch-mean) loss. */
export function maxRowNorm2(X: Matrix): number {
  let m = 0;
  for (let i = 0; i < X.rows; i++) {
    let s = 0;
    for (let j = 0; j < X.cols; j++) s += X.get(i, j) ** 2;
    m = Math.max(m, s);
  }
  return m;
}
