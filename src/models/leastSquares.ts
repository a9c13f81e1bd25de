// Least squares (any residual loss) over a parameterization:
//   L(θ) = (1/N) Σᵢ Σ_c ℓ((A xᵢ)_c − Y_ic),  A = predictor(θ) ∈ R^{k×d} row-major,
// so with ℓ = ½r², L = (1/2N)‖X Aᵀ − Y‖_F². The gradient on A is
//   G = (1/N) Σᵢ ℓ′(rᵢ) xᵢᵀ (rᵢ ∈ R^k), pulled back to θ by the parameterization.
import type { RegressionData } from "../data/index.ts";
import { squaredLoss, type ResidualLoss } from "../losses/index.ts";
import { topSingularValueSquared } from "./powerIteration.ts";
import type { Objective, Parameterization } from "./types.ts";

export function leastSquares(data: RegressionData, param: Parameterization, loss: ResidualLoss = squaredLoss): Objective {
  const { X, Y } = data;
  const N = X.rows, d = X.cols, k = Y.cols;
  if (Y.rows !== N) throw new RangeError(`leastSquares: X has ${N} rows but Y has ${Y.rows}`);
  if (N === 0) throw new RangeError("leastSquares: the data set has no examples");
  if (param.predictorDim !== d * k) {
    throw new RangeError(
      `leastSquares: ${param.name} predicts ${param.predictorDim} numbers, the data need ${k}×${d} = ${d * k} (outputs × features)`,
    );
  }
  const x = X.data, y = Y.data;
  const pred = new Float64Array(d * k); // A
  const gPred = new Float64Array(d * k); // ∂L/∂A

  /** gPred ← ∇_A of the mean loss over examples idx[0..count) (all when idx is null); returns that mean. */
  function accumulate(idx: Int32Array | null, count: number, withGrad: boolean): number {
    if (withGrad) gPred.fill(0);
    const inv = 1 / count;
    let total = 0;
    for (let b = 0; b < count; b++) {
      const i = idx === null ? b : idx[b];
      const xi = i * d;
      for (let c = 0; c < k; c++) {
        const ac = c * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += pred[ac + j] * x[xi + j];
        const r = s - y[i * k + c];
        total += loss.value(r);
        if (withGrad) {
          const g = loss.deriv(r) * inv;
          if (g !== 0) for (let j = 0; j < d; j++) gPred[ac + j] += g * x[xi + j];
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
      param.predictor(theta, pred);
      return accumulate(null, N, false);
    },
    gradient(theta, out) {
      param.predictor(theta, pred);
      const v = accumulate(null, N, true);
      param.pullback(theta, gPred, out);
      return v;
    },
    batchGradient(theta, idx, count, out) {
      if (!(count >= 1)) throw new RangeError(`batchGradient: count must be ≥ 1, got ${count}`);
      param.predictor(theta, pred);
      const v = accumulate(idx, count, true);
      param.pullback(theta, gPred, out);
      return v;
    },
  };

  if (param.identity) {
    let sigma2 = -1; // σ_max(X)², computed once on demand
    const cst = loss.constantCurvature;
    // ∇²L(θ) v: for each output c, (1/N) Σᵢ ℓ″(r_ic) ⟨xᵢ, v_c⟩ xᵢ (= XᵀX v_c / N for squared loss)
    objective.hessVec = (theta, v, out) => {
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
  return objective;
}
