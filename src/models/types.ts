// The seam between parameters θ and the predictor (β for linear models, a
// flattened matrix W for matrix models): implicit bias is about the predictor.
import type { Rng } from "../random/index.ts";

export interface Parameterization {
  readonly name: string;
  /** length of θ */
  readonly dim: number;
  /** length of the (flattened, row-major) predictor */
  readonly predictorDim: number;
  /** true when predictor(θ) = θ (a linear model): objectives can then give ∇²L and its smoothness */
  readonly identity?: boolean;
  /** a starting θ; `scale` is the initialization scale α where the model has one */
  init(rng: Rng, scale: number): Float64Array;
  /** out ← predictor(θ) */
  predictor(theta: Float64Array, out: Float64Array): Float64Array;
  /** out ← J(θ)ᵀ gPred: pulls a gradient on the predictor back to θ */
  pullback(theta: Float64Array, gPred: Float64Array, out: Float64Array): Float64Array;
}

/**
 * A differentiable training objective L(θ) = (1/N) Σᵢ ℓᵢ(θ). The per-example
 * structure is exposed so stochastic methods can draw minibatches.
 */
export interface Objective {
  readonly name: string;
  /** length of θ */
  readonly dim: number;
  /** number of examples N */
  readonly nExamples: number;
  readonly parameterization: Parameterization;
  /** L(θ) */
  value(theta: Float64Array): number;
  /** out ← ∇L(θ); returns L(θ) (fused: one pass over the data) */
  gradient(theta: Float64Array, out: Float64Array): number;
  /**
   * out ← ∇ of the mean loss over examples idx[0..count), returns that mean loss.
   * With idx = all examples this equals `gradient`.
   */
  batchGradient(theta: Float64Array, idx: Int32Array, count: number, out: Float64Array): number;
  /** out ← ∇²L(θ) v, for objectives that can give it (quadratics, for conjugate gradient) */
  hessVec?(theta: Float64Array, v: Float64Array, out: Float64Array): Float64Array;
  /** smoothness constant β of L with respect to θ where known (largest Hessian eigenvalue) */
  smoothness?(theta: Float64Array): number;
}
