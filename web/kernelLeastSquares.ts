// Least squares L(w) = ‖Xw − y‖²/(2N) whose value and full gradient ∇L = Xᵀ(Xw − y)/N come from one
// fused pass of the prepared residualGradT kernel: WebAssembly SIMD where the engine has it (and
// options.simd is not false), plain TypeScript otherwise. Minibatch gradients, the smoothness and
// Hessian products are the library's leastSquares objective's.
import { Matrix, prepareResidualGradT, type KernelOptions } from "../src/linalg/index.ts";
import { leastSquares, linearModel, type Objective } from "../src/models/index.ts";

export interface KernelObjective extends Objective {
  /** true when the WebAssembly SIMD kernel runs */
  readonly simd: boolean;
}

export function kernelLeastSquares(X: Matrix, y: Float64Array, options: KernelOptions = {}): KernelObjective {
  const N = X.rows, d = X.cols;
  const base = leastSquares({ X, Y: new Matrix(N, 1, y) }, linearModel(d));
  const pass = prepareResidualGradT(X, options);
  const r = new Float64Array(N), scratch = new Float64Array(d);
  const halfMeanSquare = (): number => {
    let s = 0;
    for (let i = 0; i < N; i++) s += r[i] * r[i];
    return s / (2 * N);
  };
  return {
    ...base,
    simd: pass.simd,
    value(w) {
      pass.run(w, y, r, scratch);
      return halfMeanSquare();
    },
    gradient(w, out) {
      pass.run(w, y, r, out);
      for (let j = 0; j < d; j++) out[j] /= N;
      return halfMeanSquare();
    },
  };
}
