// Classification objectives on margins, over any parameterization of a linear predictor:
//   binary:     L(θ) = (1/N) Σᵢ ℓ(uᵢ),  uᵢ = yᵢ⟨β, xᵢ⟩,  β = predictor(θ),  ∇_β L = (1/N) Σᵢ ℓ′(uᵢ) yᵢxᵢ;
//   multiclass: L(θ) = (1/N) Σᵢ CE(W xᵢ, cᵢ),  W = predictor(θ) ∈ R^{k×d},  ∇_W L = (1/N) Σᵢ (pᵢ − e_cᵢ) xᵢᵀ.
// Besides the direct value and gradient, each gives log L and the gradient's
// direction with log‖∇L‖ computed in the log domain: with gᵢ = log(−ℓ′(uᵢ)) and
// m = maxᵢ gᵢ, ∇_β L = −(e^m/N) Σᵢ e^{gᵢ−m} yᵢxᵢ, where the weights e^{gᵢ−m} ∈ (0, 1]
// neither underflow all together nor overflow, so margins of 1e4 (losses e^{−1e4})
// still give the exact direction, and log‖∇L‖ = m − log N + log‖Σᵢ e^{gᵢ−m} Jᵀyᵢxᵢ‖.
import type { BinaryClassificationData, MulticlassData } from "../data/index.ts";
import { checkBinaryLabels, checkMulticlassLabels } from "../data/index.ts";
import { Matrix, WasmArena, norm2, type KernelOptions } from "../linalg/index.ts";
import {
  logisticLoss, softmaxCrossEntropy, logSoftmaxCrossEntropy, softmaxLogGradient, type MarginLoss,
} from "../losses/index.ts";
import { topSingularValueSquared } from "./powerIteration.ts";
import type { Objective, Parameterization } from "./types.ts";

/** An objective on margins with log-domain members for the asymptotic regime (huge margins). */
export interface MarginObjective extends Objective {
  /** out[i] ← the margin of example i: yᵢ⟨β, xᵢ⟩ (binary) or min_{j≠cᵢ} (W xᵢ)_{cᵢ} − (W xᵢ)_j (multiclass) */
  margins(theta: Float64Array, out: Float64Array): Float64Array;
  /** log L(θ), finite while L(θ) > 0 even when L(θ) underflows */
  logValue(theta: Float64Array): number;
  /**
   * out ← ∇L(θ)/‖∇L(θ)‖₂ and returns log‖∇L(θ)‖₂, computed in the log domain; for a zero
   * gradient out ← 0 and −Infinity is returned (NaN if θ is not finite).
   */
  gradientDirection(theta: Float64Array, out: Float64Array): number;
}

/** The binary objective, which also carries its loss. */
export interface BinaryMarginObjective extends MarginObjective {
  readonly loss: MarginLoss;
  /** true when the passes over all examples run as WebAssembly SIMD GEMVs */
  readonly simd: boolean;
}

function scaleToUnit(out: Float64Array): number {
  const nrm = norm2(out);
  if (!(nrm > 0) || !Number.isFinite(nrm)) {
    if (nrm === 0) out.fill(0);
    return nrm;
  }
  for (let j = 0; j < out.length; j++) out[j] /= nrm;
  return nrm;
}

/** u[b] ← ⟨z_{idx[b]}, β⟩ (rows of z of length d; all rows when idx is null), two rows at a time */
function marginsKernel(z: Float64Array, d: number, beta: Float64Array, idx: Int32Array | null, count: number, u: Float64Array): void {
  let b = 0;
  for (; b + 1 < count; b += 2) {
    const o0 = (idx === null ? b : idx[b]) * d, o1 = (idx === null ? b + 1 : idx[b + 1]) * d;
    let s0 = 0, s1 = 0, t0 = 0, t1 = 0;
    let j = 0;
    for (; j + 1 < d; j += 2) {
      const b0 = beta[j], b1 = beta[j + 1];
      s0 += z[o0 + j] * b0;
      t0 += z[o0 + j + 1] * b1;
      s1 += z[o1 + j] * b0;
      t1 += z[o1 + j + 1] * b1;
    }
    if (j < d) {
      s0 += z[o0 + j] * beta[j];
      s1 += z[o1 + j] * beta[j];
    }
    u[b] = s0 + t0;
    u[b + 1] = s1 + t1;
  }
  if (b < count) {
    const o = (idx === null ? b : idx[b]) * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += z[o + j] * beta[j];
    u[b] = s;
  }
}

/** g ← Σ_b coef[b] z_{idx[b]}, two rows at a time */
function combineKernel(z: Float64Array, d: number, coef: Float64Array, idx: Int32Array | null, count: number, g: Float64Array): void {
  g.fill(0);
  let b = 0;
  for (; b + 1 < count; b += 2) {
    const a0 = coef[b], a1 = coef[b + 1];
    if (a0 === 0 && a1 === 0) continue;
    const o0 = (idx === null ? b : idx[b]) * d, o1 = (idx === null ? b + 1 : idx[b + 1]) * d;
    for (let j = 0; j < d; j++) g[j] += a0 * z[o0 + j] + a1 * z[o1 + j];
  }
  if (b < count) {
    const a = coef[b];
    const o = (idx === null ? b : idx[b]) * d;
    if (a !== 0) for (let j = 0; j < d; j++) g[j] += a * z[o + j];
  }
}

/**
 * The fused loss–gradient pass: returns Σ_b ℓ(u_b) and sets g ← inv·Σ_b ℓ′(u_b) z_{idx[b]}, four
 * rows at a time, so each row is read twice while it is still in L1 cache (once for its margin,
 * once for the gradient) and βⱼ, gⱼ are loaded once per four rows. bu, bc: length-4 scratch.
 */
function fusedKernel(
  z: Float64Array, d: number, beta: Float64Array, idx: Int32Array | null, count: number,
  loss: MarginLoss, inv: number, g: Float64Array, bu: Float64Array, bc: Float64Array,
): number {
  g.fill(0);
  let total = 0;
  let b = 0;
  for (; b + 3 < count; b += 4) {
    const o0 = (idx === null ? b : idx[b]) * d, o1 = (idx === null ? b + 1 : idx[b + 1]) * d;
    const o2 = (idx === null ? b + 2 : idx[b + 2]) * d, o3 = (idx === null ? b + 3 : idx[b + 3]) * d;
    let m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    for (let j = 0; j < d; j++) {
      const bj = beta[j];
      m0 += z[o0 + j] * bj;
      m1 += z[o1 + j] * bj;
      m2 += z[o2 + j] * bj;
      m3 += z[o3 + j] * bj;
    }
    bu[0] = m0; bu[1] = m1; bu[2] = m2; bu[3] = m3;
    total += loss.sumWithDerivs(bu, 4, bc);
    const a0 = bc[0] * inv, a1 = bc[1] * inv, a2 = bc[2] * inv, a3 = bc[3] * inv;
    if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
    for (let j = 0; j < d; j++) g[j] += a0 * z[o0 + j] + a1 * z[o1 + j] + a2 * z[o2 + j] + a3 * z[o3 + j];
  }
  for (; b < count; b++) {
    const o = (idx === null ? b : idx[b]) * d;
    let m = 0;
    for (let j = 0; j < d; j++) m += z[o + j] * beta[j];
    bu[0] = m;
    total += loss.sumWithDerivs(bu, 1, bc);
    const a = bc[0] * inv;
    if (a !== 0) for (let j = 0; j < d; j++) g[j] += a * z[o + j];
  }
  return total;
}

/** Full passes go to WebAssembly SIMD GEMVs from this many numbers in X (below it the arena's setup costs more than it saves). */
const SIMD_MIN_SIZE = 4096;

/**
 * (1/N) Σᵢ ℓ(yᵢ⟨β, xᵢ⟩) over a parameterization whose predictor is β ∈ R^d. On data of at least
 * SIMD_MIN_SIZE numbers with d ≥ 4, the passes over all examples (margins Zβ and the combination
 * Zᵀc) run as WebAssembly SIMD GEMVs where the engine has them (`kernels.simd: false` keeps the
 * plain loops); minibatches keep the plain fused loop.
 */
export function marginObjective(
  data: BinaryClassificationData, param: Parameterization, loss: MarginLoss = logisticLoss, kernels: KernelOptions = {},
): BinaryMarginObjective {
  const { X, y } = data;
  const N = X.rows, d = X.cols;
  checkBinaryLabels("marginObjective", X, y);
  if (N === 0) throw new RangeError("marginObjective: the data set has no examples");
  if (param.predictorDim !== d) {
    throw new RangeError(`marginObjective: ${param.name} predicts ${param.predictorDim} numbers, the data have ${d} features`);
  }
  // rows zᵢ = yᵢxᵢ, so that uᵢ = ⟨zᵢ, β⟩
  const Z = new Matrix(N, d);
  for (let i = 0; i < N; i++) for (let j = 0; j < d; j++) Z.data[i * d + j] = y[i] * X.data[i * d + j];
  const z = Z.data;
  // β, the margins u, the coefficients c and gBeta live in the arena (with a copy of Z) when the SIMD GEMVs run
  const arena = d >= 4 && N * d >= SIMD_MIN_SIZE ? WasmArena.create(N * d + 2 * N + 2 * d, kernels) : null;
  const Za = arena ? arena.matrix(N, d, z) : null;
  const beta = arena ? arena.vector(d) : new Float64Array(d);
  const gBeta = arena ? arena.vector(d) : new Float64Array(d);
  const u = arena ? arena.vector(N) : new Float64Array(N);
  const c = arena ? arena.vector(N) : new Float64Array(N);
  const logN = Math.log(N);

  /** u[b] ← ⟨z_{idx[b]}, β⟩ for b < count (all rows when idx is null) */
  function computeMargins(idx: Int32Array | null, count: number): void {
    if (arena && idx === null) arena.gemv(Za!, beta, u);
    else marginsKernel(z, d, beta, idx, count, u);
  }

  /** gBeta ← Σ_b coef[b] z_{idx[b]} */
  function combine(idx: Int32Array | null, count: number, coef: Float64Array): void {
    if (arena && idx === null && coef === c) arena.gemvT(Za!, c, gBeta);
    else combineKernel(z, d, coef, idx, count, gBeta);
  }

  const bu = new Float64Array(4), bc = new Float64Array(4);
  function lossAndGrad(theta: Float64Array, idx: Int32Array | null, count: number, out: Float64Array): number {
    param.predictor(theta, beta);
    const inv = 1 / count;
    let total: number;
    if (arena && idx === null) {
      // two SIMD passes (margins, then Zᵀℓ′(u)) beat the plain single fused pass
      computeMargins(null, N);
      total = loss.sumWithDerivs(u, N, c);
      combine(null, N, c);
      for (let j = 0; j < d; j++) gBeta[j] *= inv;
    } else {
      total = fusedKernel(z, d, beta, idx, count, loss, inv, gBeta, bu, bc);
    }
    param.pullback(theta, gBeta, out);
    return total * inv;
  }

  const objective: BinaryMarginObjective = {
    name: `${loss.name} loss, ${param.name}`,
    dim: param.dim,
    nExamples: N,
    parameterization: param,
    loss,
    simd: arena !== null,
    value(theta) {
      param.predictor(theta, beta);
      computeMargins(null, N);
      let s = 0;
      for (let i = 0; i < N; i++) s += loss.value(u[i]);
      return s / N;
    },
    gradient(theta, out) {
      return lossAndGrad(theta, null, N, out);
    },
    batchGradient(theta, idx, count, out) {
      if (!(count >= 1)) throw new RangeError(`batchGradient: count must be ≥ 1, got ${count}`);
      return lossAndGrad(theta, idx, count, out);
    },
    margins(theta, out) {
      param.predictor(theta, beta);
      computeMargins(null, N);
      out.set(u);
      return out;
    },
    logValue(theta) {
      param.predictor(theta, beta);
      computeMargins(null, N);
      let m = -Infinity;
      for (let i = 0; i < N; i++) {
        const v = loss.logValue(u[i]);
        c[i] = v;
        if (v > m) m = v;
        else if (v !== v) return NaN;
      }
      if (m === -Infinity || m === Infinity) return m;
      let s = 0;
      for (let i = 0; i < N; i++) s += Math.exp(c[i] - m);
      return m + Math.log(s) - logN;
    },
    gradientDirection(theta, out) {
      param.predictor(theta, beta);
      computeMargins(null, N);
      let m = -Infinity;
      for (let i = 0; i < N; i++) {
        const v = loss.logNegDeriv(u[i]);
        if (v !== v) {
          out.fill(NaN);
          return NaN;
        }
        c[i] = v;
        if (v > m) m = v;
      }
      if (m === -Infinity) {
        out.fill(0);
        return -Infinity;
      }
      if (m === Infinity) {
        out.fill(NaN);
        return Infinity;
      }
      // ∇_β L ∝ −Σᵢ e^{gᵢ − m} zᵢ
      for (let i = 0; i < N; i++) c[i] = -Math.exp(c[i] - m);
      combine(null, N, c);
      param.pullback(theta, gBeta, out);
      const nrm = scaleToUnit(out);
      return nrm > 0 ? m - logN + Math.log(nrm) : nrm === 0 ? -Infinity : NaN;
    },
  };

  if (param.identity) {
    // ∇²L(β) v = (1/N) Σᵢ ℓ″(uᵢ) ⟨zᵢ, v⟩ zᵢ
    objective.hessVec = (theta, v, out) => {
      param.predictor(theta, beta);
      computeMargins(null, N);
      for (let i = 0; i < N; i++) {
        const o = i * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += z[o + j] * v[j];
        c[i] = (loss.deriv2(u[i]) * s) / N;
      }
      combine(null, N, c);
      out.set(gBeta);
      return out;
    };
    const bound = loss.curvatureBound;
    if (bound !== undefined) {
      let sigma2 = -1;
      // β = sup ℓ″ · σ_max(X)²/N: a global smoothness constant (rows zᵢ = ±xᵢ have the same σ_max)
      objective.smoothness = () => {
        if (sigma2 < 0) sigma2 = topSingularValueSquared(X);
        return (bound * sigma2) / N;
      };
    }
  }
  return objective;
}

/** (1/N) Σᵢ softmax cross-entropy of W xᵢ with label cᵢ, over a parameterization whose predictor is W ∈ R^{k×d} (row-major). */
export function softmaxObjective(data: MulticlassData, param: Parameterization): MarginObjective {
  const { X, labels, classes: k } = data;
  const N = X.rows, d = X.cols;
  checkMulticlassLabels("softmaxObjective", data);
  if (N === 0) throw new RangeError("softmaxObjective: the data set has no examples");
  if (param.predictorDim !== k * d) {
    throw new RangeError(`softmaxObjective: ${param.name} predicts ${param.predictorDim} numbers, ${k} classes × ${d} features need ${k * d}`);
  }
  const x = X.data;
  const W = new Float64Array(k * d);
  const gW = new Float64Array(k * d);
  const S = new Float64Array(N * k); // scores, then per-example log-weights
  const g = new Float64Array(k);
  const lv = new Float64Array(N);
  const logN = Math.log(N);

  function computeScores(idx: Int32Array | null, count: number): void {
    for (let b = 0; b < count; b++) {
      const o = (idx === null ? b : idx[b]) * d;
      for (let r = 0; r < k; r++) {
        let s = 0;
        const wr = r * d;
        for (let j = 0; j < d; j++) s += W[wr + j] * x[o + j];
        S[b * k + r] = s;
      }
    }
  }

  function lossAndGrad(theta: Float64Array, idx: Int32Array | null, count: number, out: Float64Array): number {
    param.predictor(theta, W);
    computeScores(idx, count);
    gW.fill(0);
    let total = 0;
    const inv = 1 / count;
    for (let b = 0; b < count; b++) {
      const i = idx === null ? b : idx[b];
      total += softmaxCrossEntropy(S, b * k, k, labels[i], g);
      const o = i * d;
      for (let r = 0; r < k; r++) {
        const a = g[r] * inv;
        if (a === 0) continue;
        const wr = r * d;
        for (let j = 0; j < d; j++) gW[wr + j] += a * x[o + j];
      }
    }
    param.pullback(theta, gW, out);
    return total * inv;
  }

  return {
    name: `softmax cross-entropy, ${param.name}`,
    dim: param.dim,
    nExamples: N,
    parameterization: param,
    value(theta) {
      param.predictor(theta, W);
      computeScores(null, N);
      let s = 0;
      for (let i = 0; i < N; i++) s += softmaxCrossEntropy(S, i * k, k, labels[i]);
      return s / N;
    },
    gradient(theta, out) {
      return lossAndGrad(theta, null, N, out);
    },
    batchGradient(theta, idx, count, out) {
      if (!(count >= 1)) throw new RangeError(`batchGradient: count must be ≥ 1, got ${count}`);
      return lossAndGrad(theta, idx, count, out);
    },
    margins(theta, out) {
      param.predictor(theta, W);
      computeScores(null, N);
      for (let i = 0; i < N; i++) {
        const c = labels[i];
        let m = Infinity;
        for (let r = 0; r < k; r++) if (r !== c) m = Math.min(m, S[i * k + c] - S[i * k + r]);
        out[i] = m;
      }
      return out;
    },
    logValue(theta) {
      param.predictor(theta, W);
      computeScores(null, N);
      let m = -Infinity;
      for (let i = 0; i < N; i++) {
        const v = logSoftmaxCrossEntropy(S, i * k, k, labels[i]);
        if (v !== v) return NaN;
        lv[i] = v;
        if (v > m) m = v;
      }
      if (m === -Infinity || m === Infinity) return m;
      let s = 0;
      for (let i = 0; i < N; i++) s += Math.exp(lv[i] - m);
      return m + Math.log(s) - logN;
    },
    gradientDirection(theta, out) {
      param.predictor(theta, W);
      computeScores(null, N);
      // S[i·k + r] ← log |∂CE/∂s_r| of example i (in place: each row's scores are read first)
      let m = -Infinity;
      for (let i = 0; i < N; i++) {
        softmaxLogGradient(S, i * k, k, labels[i], g);
        for (let r = 0; r < k; r++) {
          const v = g[r];
          if (v !== v) {
            out.fill(NaN);
            return NaN;
          }
          S[i * k + r] = v;
          if (v > m) m = v;
        }
      }
      if (m === -Infinity) {
        out.fill(0);
        return -Infinity;
      }
      gW.fill(0);
      for (let i = 0; i < N; i++) {
        const o = i * d;
        for (let r = 0; r < k; r++) {
          const a = (r === labels[i] ? -1 : 1) * Math.exp(S[i * k + r] - m);
          if (a === 0) continue;
          const wr = r * d;
          for (let j = 0; j < d; j++) gW[wr + j] += a * x[o + j];
        }
      }
      param.pullback(theta, gW, out);
      const nrm = scaleToUnit(out);
      return nrm > 0 ? m - logN + Math.log(nrm) : nrm === 0 ? -Infinity : NaN;
    },
  };
}
