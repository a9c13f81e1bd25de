// A reference is the program the theory predicts the optimizer solves; it
// returns the solution together with a certificate of optimality.

export interface Certificate {
  /** which optimality conditions were checked, e.g. "KKT", "LP duality", "normal equations" */
  readonly kind: string;
  /** ‖constraint violation‖ (e.g. ‖Xw − y‖ / max(1, ‖y‖)) */
  readonly primalResidual: number;
  /** ‖stationarity violation‖ (e.g. ‖∇ψ(w) − ∇ψ(w0) − Xᵀλ‖) */
  readonly dualResidual: number;
  /** |primal − dual objective| / max(1, |primal|), where a dual is available */
  readonly dualityGap?: number;
  readonly primalObjective: number;
  readonly dualObjective?: number;
  /** solver iterations */
  readonly iterations?: number;
  /** true when every residual is below the solver's tolerance */
  readonly ok: boolean;
  /** free-form solver details (status strings, timings) */
  readonly details?: Record<string, number | string | boolean>;
}

export interface ReferenceSolution<X = Float64Array> {
  readonly program: string;
  readonly solution: X;
  readonly certificate: Certificate;
  /** the dual solution (e.g. multipliers λ of Xw = y) that the certificate was measured with, where there is one */
  readonly dual?: Float64Array;
}
