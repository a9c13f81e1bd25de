// A regression loss ℓ(r) on the residual r = prediction − target, with the
// derivatives the objectives and second-order oracles need.

export interface ResidualLoss {
  /** e.g. "squared" */
  readonly name: string;
  /** ℓ(r) */
  value(r: number): number;
  /** ℓ′(r) */
  deriv(r: number): number;
  /** ℓ″(r) */
  deriv2(r: number): number;
  /** sup_r ℓ″(r): the loss's smoothness, so that L is (curvatureBound · σ_max(X)²/N)-smooth on linear models */
  readonly curvatureBound: number;
  /** set when ℓ″ is this constant everywhere (ℓ quadratic): the Hessian of a linear model then does not depend on θ */
  readonly constantCurvature?: number;
}
