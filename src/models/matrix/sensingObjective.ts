// Matrix sensing objective over any parameterization whose predictor is W (n1×n2 row-major):
//
//   L(θ) = (1/2m) Σᵢ (⟨Aᵢ, W(θ)⟩ − yᵢ)² = (1/2m) ‖A(W) − y‖²,   ∂L/∂W = (1/m) A*(r),  r = A(W) − y.
//
// Convention: the mean of ½rᵢ² over measurements, the same as leastSquares (so Objective's
// "L = (1/N) Σ ℓᵢ" holds with N = m, and batchGradient over a subset B is (1/|B|) Σ_{i∈B} ½rᵢ²,
// equal to L on the full set). For W = UUᵀ the gradient is ∇_U L = (2/m) A*(r) U (A* symmetric), so
// the gradient flow is dU/dt = −(2/m) A*(r) U. The seeds (Gunasekar et al. 2017) write
// L_seed = ‖A(W) − y‖² with ∇ = 4 A*(r) U: L_seed = 2m·L, so GD with step η here is GD with step
// η/(2m) there, and flow time t here is time t/(2m) there.
import type { Objective, Parameterization } from "../types.ts";
import type { MeasurementOperator } from "./operator.ts";

export interface SensingObjective extends Objective {
  readonly operator: MeasurementOperator;
  readonly y: Float64Array;
  /** out ← r = A(W(θ)) − y (m entries) */
  residual(theta: Float64Array, out: Float64Array): Float64Array;
}

export function sensingObjective(op: MeasurementOperator, y: Float64Array, param: Parameterization): SensingObjective {
  const { m, n1, n2 } = op;
  const nn = n1 * n2;
  if (param.predictorDim !== nn) {
    throw new RangeError(`sensingObjective: ${param.name} predicts ${param.predictorDim} numbers, ${op.name} measures ${n1}×${n2} = ${nn}`);
  }
  if (y.length !== m) throw new RangeError(`sensingObjective: y has ${y.length} entries, ${op.name} makes m = ${m} measurements`);
  for (let i = 0; i < m; i++) if (!Number.isFinite(y[i])) throw new RangeError(`sensingObjective: y[${i}] is ${y[i]}`);
  const yy = y.slice();
  const W = new Float64Array(nn), gW = new Float64Array(nn);
  const r = new Float64Array(m), rb = new Float64Array(m);

  /** r ← A(W) − y, returns (1/2m)‖r‖² */
  function residualLoss(): number {
    op.apply(W, r);
    let s = 0;
    for (let i = 0; i < m; i++) {
      const ri = r[i] - yy[i];
      r[i] = ri;
      s += ri * ri;
    }
    return s / (2 * m);
  }

  const objective: SensingObjective = {
    name: `matrix sensing (${op.name}), ${param.name}`,
    dim: param.dim,
    nExamples: m,
    parameterization: param,
    operator: op,
    y: yy,
    value(theta) {
      param.predictor(theta, W);
      return residualLoss();
    },
    gradient(theta, out) {
      param.predictor(theta, W);
      let loss: number;
      if (op.residualAdjoint) {
        op.residualAdjoint(W, yy, r, gW);
        let s = 0;
        for (let i = 0; i < m; i++) s += r[i] * r[i];
        loss = s / (2 * m);
      } else {
        loss = residualLoss();
        op.adjoint(r, gW);
      }
      const inv = 1 / m;
      for (let p = 0; p < nn; p++) gW[p] *= inv;
      param.pullback(theta, gW, out);
      return loss;
    },
    batchGradient(theta, idx, count, out) {
      if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`batchGradient: count must be an integer ≥ 1, got ${count}`);
      param.predictor(theta, W);
      op.applySubset(W, idx, count, rb);
      let s = 0;
      for (let k = 0; k < count; k++) {
        const rk = rb[k] - yy[idx[k]];
        rb[k] = rk;
        s += rk * rk;
      }
      op.adjointSubset(rb, idx, count, gW);
      const inv = 1 / count;
      for (let p = 0; p < nn; p++) gW[p] *= inv;
      param.pullback(theta, gW, out);
      return s / (2 * count);
    },
    residual(theta, out) {
      if (out.length !== m) throw new RangeError(`residual: out has ${out.length} entries, need m = ${m}`);
      param.predictor(theta, W);
      residualLoss();
      out.set(r);
      return out;
    },
  };

  if (param.identity) {
    // L is the quadratic (1/2m)‖A(w) − y‖²: ∇²L v = A*(A(v))/m, β = σ_max(A)²/m
    const av = new Float64Array(m);
    objective.hessVec = (_theta, v, out) => {
      op.apply(v, av);
      op.adjoint(av, out);
      for (let p = 0; p < nn; p++) out[p] /= m;
      return out;
    };
    let beta = -1;
    objective.smoothness = () => {
      if (beta < 0) beta = operatorNormSquared(op) / m;
      return beta;
    };
  }
  return objective;
}

/**
 * σ_max(A)² = λ_max(A*A) by power iteration on A A* (in R^m) from a fixed start, until the Rayleigh
 * quotient moves by at most tol relative.
 */
export function operatorNormSquared(op: MeasurementOperator, tol = 1e-13, maxIter = 20000): number {
  const m = op.m;
  const v = new Float64Array(m), w = new Float64Array(m), mid = new Float64Array(op.n1 * op.n2);
  for (let i = 0; i < m; i++) v[i] = 1 + ((i * 7919) % 101) / 101; // deterministic, not orthogonal to anything special
  normalize(v);
  let lambda = 0;
  for (let it = 0; it < maxIter; it++) {
    op.adjoint(v, mid);
    op.apply(mid, w);
    let q = 0;
    for (let p = 0; p < mid.length; p++) q += mid[p] * mid[p]; // vᵀ A A* v = ‖A* v‖²
    const nw = normalizeInto(w, v);
    if (nw === 0) return 0;
    if (Math.abs(q - lambda) <= tol * q) return q;
    lambda = q;
  }
  return lambda;
}

function normalize(v: Float64Array): void {
  normalizeInto(v, v);
}

function normalizeInto(w: Float64Array, out: Float64Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i] * w[i];
  const nw = Math.sqrt(s);
  if (nw > 0) for (let i = 0; i < w.length; i++) out[i] = w[i] / nw;
  return nw;
}
