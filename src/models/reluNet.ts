// A two-layer ReLU network without biases under a margin loss (the "small network" of Soudry et
// al. 2018, Fig. 2, and of Lyu–Li's homogeneous networks: f is positively 2-homogeneous in θ):
//   f(x) = Σⱼ aⱼ relu(⟨wⱼ, x⟩),  θ = [W (m×d, row-major) | a (m)],  L(θ) = (1/N) Σᵢ ℓ(yᵢ f(xᵢ)).
// Forward: H = X Wᵀ (N×m), fᵢ = Σⱼ aⱼ relu(Hᵢⱼ). Backward with gᵢ = ℓ′(yᵢfᵢ) yᵢ / N:
//   ∂a = relu(H)ᵀ g,  Gₕ = (g aᵀ) ⊙ [H > 0],  ∂W = Gₕᵀ X.
// The full-batch pass runs the two products as WebAssembly SIMD GEMMs on matrices kept in one
// arena (Wᵀ is copied in, ∂Wᵀ copied out: O(md) against the GEMMs' O(Nmd)); minibatches, and
// platforms without SIMD, take the plain loops. Nothing is allocated per call.
import type { BinaryClassificationData } from "../data/index.ts";
import { checkBinaryLabels } from "../data/index.ts";
import { WasmArena, type KernelOptions } from "../linalg/index.ts";
import { logisticLoss, type MarginLoss } from "../losses/index.ts";
import type { Rng } from "../random/index.ts";
import { checkSize } from "./linear.ts";
import type { Objective, Parameterization } from "./types.ts";

/**
 * The network's parameters θ = [W | a]. Its function is not linear in x, so there is no linear
 * predictor to pull back to: the predictor is θ itself. init draws W ~ N(0, scale²/d) and
 * a ~ N(0, scale²/m) entrywise (LeCun's scaling times `scale`).
 */
export function twoLayerRelu(inputs: number, width: number): Parameterization {
  checkSize("twoLayerRelu", { inputs, width });
  const dim = width * inputs + width;
  return {
    name: `relu net (${inputs}→${width}→1)`,
    dim,
    predictorDim: dim,
    init(rng: Rng, scale: number): Float64Array {
      const th = new Float64Array(dim);
      if (scale === 0) return th;
      rng.fillNormal(th.subarray(0, width * inputs), scale / Math.sqrt(inputs));
      rng.fillNormal(th.subarray(width * inputs), scale / Math.sqrt(width));
      return th;
    },
    predictor(theta, out) {
      out.set(theta);
      return out;
    },
    pullback(_theta, gPred, out) {
      out.set(gPred);
      return out;
    },
  };
}

export interface ReluNetObjective extends Objective {
  readonly inputs: number;
  readonly width: number;
  readonly loss: MarginLoss;
  /** true when the full-batch products run in WebAssembly SIMD */
  readonly simd: boolean;
  /** out[i] ← yᵢ f(xᵢ), the margin of example i */
  margins(theta: Float64Array, out: Float64Array): Float64Array;
  /** ‖a‖₂, the norm of the output layer */
  outputNorm(theta: Float64Array): number;
}

export interface ReluNetOptions extends KernelOptions {
  /** default logistic */
  readonly loss?: MarginLoss;
}

/** (1/N) Σᵢ ℓ(yᵢ f(xᵢ)) for the two-layer ReLU network of the given width on the data. */
export function reluNetObjective(data: BinaryClassificationData, width: number, options: ReluNetOptions = {}): ReluNetObjective {
  const { X, y } = data;
  const N = X.rows, d = X.cols, m = width;
  checkBinaryLabels("reluNetObjective", X, y);
  if (N === 0) throw new RangeError("reluNetObjective: the data set has no examples");
  const param = twoLayerRelu(d, m);
  const loss = options.loss ?? logisticLoss;
  const md = m * d;

  // the arena: X (N×d), Wᵀ (d×m), H (N×m), Gₕ (N×m), ∂Wᵀ (d×m); null without SIMD
  const arena = WasmArena.create(N * d + 2 * d * m + 2 * N * m, options);
  const xa = arena ? arena.matrix(N, d, X.data) : null;
  const WT = arena ? arena.matrix(d, m) : null;
  const Ha = arena ? arena.matrix(N, m) : null;
  const Ga = arena ? arena.matrix(N, m) : null;
  const gWT = arena ? arena.matrix(d, m) : null;
  const x = xa ? xa.data : X.data.slice();
  const H = Ha ? Ha.data : new Float64Array(N * m);
  const Gh = Ga ? Ga.data : new Float64Array(N * m);
  const u = new Float64Array(N);
  const c = new Float64Array(N);

  /** H[b·m + j] ← ⟨wⱼ, x_{idx[b]}⟩ for b < count, plain loops */
  function hiddenPlain(theta: Float64Array, idx: Int32Array | null, count: number): void {
    for (let b = 0; b < count; b++) {
      const o = (idx === null ? b : idx[b]) * d;
      for (let j = 0; j < m; j++) {
        const wo = j * d;
        let s = 0;
        for (let k = 0; k < d; k++) s += theta[wo + k] * x[o + k];
        H[b * m + j] = s;
      }
    }
  }

  /** H ← X Wᵀ for all examples, by the SIMD GEMM (Wᵀ copied into the arena) */
  function hiddenSimd(theta: Float64Array): void {
    const wt = WT!.data;
    for (let j = 0; j < m; j++) {
      const wo = j * d;
      for (let k = 0; k < d; k++) wt[k * m + j] = theta[wo + k];
    }
    arena!.gemm(xa!, WT!, Ha!);
  }

  /** u[b] ← y f(x) of example idx[b] (all when idx is null), from H */
  function forward(theta: Float64Array, idx: Int32Array | null, count: number): void {
    if (idx === null && arena) hiddenSimd(theta);
    else hiddenPlain(theta, idx, count);
    for (let b = 0; b < count; b++) {
      let f = 0;
      const ho = b * m;
      for (let j = 0; j < m; j++) {
        const h = H[ho + j];
        if (h > 0) f += theta[md + j] * h;
      }
      u[b] = y[idx === null ? b : idx[b]] * f;
    }
  }

  function lossAndGrad(theta: Float64Array, idx: Int32Array | null, count: number, out: Float64Array): number {
    forward(theta, idx, count);
    const total = loss.sumWithDerivs(u, count, c);
    const inv = 1 / count;
    // output layer: ∂a = relu(H)ᵀ g; Gₕ = (g aᵀ) ⊙ [H > 0]
    for (let j = 0; j < m; j++) out[md + j] = 0;
    for (let b = 0; b < count; b++) {
      const g = c[b] * y[idx === null ? b : idx[b]] * inv;
      const ho = b * m;
      for (let j = 0; j < m; j++) {
        const h = H[ho + j];
        if (h > 0) {
          out[md + j] += g * h;
          Gh[ho + j] = g * theta[md + j];
        } else {
          Gh[ho + j] = 0;
        }
      }
    }
    // first layer: ∂W = Gₕᵀ X
    if (idx === null && arena) {
      arena.gemmTN(xa!, Ga!, gWT!);
      const gw = gWT!.data;
      for (let j = 0; j < m; j++) {
        const wo = j * d;
        for (let k = 0; k < d; k++) out[wo + k] = gw[k * m + j];
      }
    } else {
      out.fill(0, 0, md);
      for (let b = 0; b < count; b++) {
        const o = (idx === null ? b : idx[b]) * d, ho = b * m;
        for (let j = 0; j < m; j++) {
          const g = Gh[ho + j];
          if (g === 0) continue;
          const wo = j * d;
          for (let k = 0; k < d; k++) out[wo + k] += g * x[o + k];
        }
      }
    }
    return total * inv;
  }

  return {
    name: `${loss.name} loss, ${param.name}`,
    dim: param.dim,
    nExamples: N,
    parameterization: param,
    inputs: d,
    width: m,
    loss,
    simd: arena !== null,
    value(theta) {
      forward(theta, null, N);
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
      forward(theta, null, N);
      out.set(u);
      return out;
    },
    outputNorm(theta) {
      let s = 0;
      for (let j = 0; j < m; j++) s += theta[md + j] * theta[md + j];
      return Math.sqrt(s);
    },
  };
}
