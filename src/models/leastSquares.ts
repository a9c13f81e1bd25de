// Least squares (any residual loss) over a parameterization:
//   L(θ) = (1/N) Σᵢ Σ_c ℓ((A xᵢ)_c − Y_ic),  A = predictor(θ) ∈ R^{k×d} row-major,
// so with ℓ = ½r², L = (1/2N)‖X Aᵀ − Y‖_F². The gradient on A is
//   G = (1/N) Σᵢ ℓ′(rᵢ) xᵢᵀ (rᵢ ∈ R^k), pulled back to θ by the parameterization.
import type { RegressionData } from "../data/index.ts";
import { prepareResidualGradT, type KernelOptions } from "../linalg/index.ts";
import { squaredLoss, type ResidualLoss } from "../losses/index.ts";
import { topSingularValueSquared } from "./powerIteration.ts";
import type { Objective, Parameterization } from "./types.ts";

export interface LeastSquaresObjective extends Objective {
  /** true when value and the full gradient run the WebAssembly SIMD kernel */
  readonly simd: boolean;
}

/**
 * With one output, the squared loss and θ = β (a linear model) on d ≥ 4 features, value and the
 * full gradient come from one fused pass r = Xβ − y, g = Xᵀr/N of the residual kernel, in
 * WebAssembly SIMD where the engine has it (`kernels.simd: false` keeps the plain loops). That
 * kernel holds a copy of X: the data must not change after the objective is made.
 */
export function leastSquares(data: RegressionData, param: Parameterization, loss: ResidualLoss = squaredLoss, kernels: KernelOptions = {}): LeastSquaresObjective {
  const { X, Y } = data;
  const N = X.rows, d = X.cols, k = Y.cols;
  if (Y.rows !== N) throw new RangeError(`leastSquares: X has ${N} rows but Y has ${Y.rows}`);
  if (N === 0) throw new RangeError("leastSquares: the data set has no examples");
  if (param.predictorDim !== d * k) {
    throw new RangeError(
      `leastSquares: ${param.name} predicts ${param.predictorDim} numbers, the data need ${k}×${d} = ${d * k} (outputs × features)`,
    );
  }
  const A = new Float64Array(d * k); // predictor(θ)
  const gA = new Float64Array(d * k); // ∂L/∂A

  /**
   * gPred ← ∇_A of the mean loss over examples idx[0..count) (all when idx is null); returns that mean.
   * Examples go two at a time so that each row of A, and each entry of gPred, is loaded once per pair
   * (≈1.5× faster than one row at a time); the dots use two accumulators each.
   */
  function accumulate(idx: Int32Array | null, count: number, withGrad: boolean): number {
    const x = X.data, y = Y.data, pred = A, gPred = gA; // locals, so the loops do not reload closure slots
    if (withGrad) gPred.fill(0);
    const inv = 1 / count;
    let total = 0;
    let b = 0;
    for (; b + 1 < count; b += 2) {
      const i0 = idx === null ? b : idx[b], i1 = idx === null ? b + 1 : idx[b + 1];
      const x0 = i0 * d, x1 = i1 * d;
      for (let c = 0; c < k; c++) {
        const ac = c * d;
        let p0 = 0, q0 = 0, p1 = 0, q1 = 0;
        let j = 0;
        for (; j + 1 < d; j += 2) {
          const a0 = pred[ac + j], a1 = pred[ac + j + 1];
          p0 += a0 * x[x0 + j]; q0 += a1 * x[x0 + j + 1];
          p1 += a0 * x[x1 + j]; q1 += a1 * x[x1 + j + 1];
        }
        if (j < d) { p0 += pred[ac + j] * x[x0 + j]; p1 += pred[ac + j] * x[x1 + j]; }
        const r0 = p0 + q0 - y[i0 * k + c], r1 = p1 + q1 - y[i1 * k + c];
        total += loss.value(r0) + loss.value(r1);
        if (withGrad) {
          const g0 = loss.deriv(r0) * inv, g1 = loss.deriv(r1) * inv;
          for (let jj = 0; jj < d; jj++) gPred[ac + jj] += g0 * x[x0 + jj] + g1 * x[x1 + jj];
        }
      }
    }
    if (b < count) {
      const i = idx === null ? b : idx[b];
      const xi = i * d;
      for (let c = 0; c < k; c++) {
        const ac = c * d;
        let p = 0;
        for (let j = 0; j < d; j++) p += pred[ac + j] * x[xi + j];
        const r = p - y[i * k + c];
        total += loss.value(r);
        if (withGrad) {
          const g = loss.deriv(r) * inv;
          for (let j = 0; j < d; j++) gPred[ac + j] += g * x[xi + j];
        }
      }
    }
    return total * inv;
  }

  const objective: Objective = {
    name: `${loss.name} loss, ${param.name}`,
    dim: param.dim,
    nExamples: N,
    parameterization: param,
    value(theta) {
      param.predictor(theta, A);
      return accumulate(null, N, false);
    },
    gradient(theta, out) {
      param.predictor(theta, A);
      const v = accumulate(null, N, true);
      param.pullback(theta, gA, out);
      return v;
    },
    batchGradient(theta, idx, count, out) {
      if (!(count >= 1)) throw new RangeError(`batchGradient: count must be ≥ 1, got ${count}`);
      param.predictor(theta, A);
      const v = accumulate(idx, count, true);
      param.pullback(theta, gA, out);
      return v;
    },
  };

  const fused = param.identity && k === 1 && loss === squaredLoss && d >= 4 ? prepareResidualGradT(X, kernels) : null;
  if (fused?.simd) {
    const y = Y.data, r = new Float64Array(N), scratch = new Float64Array(d);
    const halfMeanSquare = (): number => {
      let s = 0;
      for (let i = 0; i < N; i++) s += r[i] * r[i];
      return s / (2 * N);
    };
    objective.value = (theta) => {
      fused.run(theta, y, r, scratch);
      return halfMeanSquare();
    };
    objective.gradient = (theta, out) => {
      fused.run(theta, y, r, out);
      for (let j = 0; j < d; j++) out[j] /= N;
      return halfMeanSquare();
    };
  }

  if (param.identity) {
    let sigma2 = -1; // σ_max(X)², computed once on demand
    const cst = loss.constantCurvature;
    // ∇²L(θ) v: for each output c, (1/N) Σᵢ ℓ″(r_ic) ⟨xᵢ, v_c⟩ xᵢ (= XᵀX v_c / N for squared loss)
    objective.hessVec = (theta, v, out) => {
      const x = X.data, y = Y.data;
      out.fill(0, 0, d * k);
      for (let i = 0; i < N; i++) {
        const xi = i * d;
        for (let c = 0; c < k; c++) {
          const ac = c * d;
          let s = 0;
          for (let j = 0; j < d; j++) s += v[ac + j] * x[xi + j];
          let h = cst;
          if (h === undefined) {
            let p = 0;
            for (let j = 0; j < d; j++) p += theta[ac + j] * x[xi + j];
            h = loss.deriv2(p - y[i * k + c]);
          }
          const g = (h * s) / N;
          if (g !== 0) for (let j = 0; j < d; j++) out[ac + j] += g * x[xi + j];
        }
      }
      return out;
    };
    // β = sup ℓ″ · σ_max(X)²/N (exact largest Hessian eigenvalue for squared loss)
    objective.smoothness = () => {
      if (sigma2 < 0) sigma2 = topSingularValueSquared(X);
      return (loss.curvatureBound * sigma2) / N;
    };
  }
  return Object.assign(objective, { simd: fused?.simd === true });
}
