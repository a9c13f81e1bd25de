// Spectral filters: how much of the eigendirection with eigenvalue μ of XᵀX/N
// an estimator has fitted. Early-stopped GD ≈ ridge with λ ≈ 1/(ηt).

/** GD from 0 after t steps of size η: 1 − (1 − ημ)^t (computed as −expm1(t·log1p(−ημ)) when 0 ≤ ημ < 1). */
export function spectralFilterGd(mu: number, eta: number, t: number): number {
  const x = eta * mu;
  if (x >= 0 && x < 1) return -Math.expm1(t * Math.log1p(-x));
  return 1 - Math.pow(1 - x, t);
}

/** Ridge with penalty λ: μ / (μ + λ). */
export function spectralFilterRidge(mu: number, lambda: number): number {
  return mu / (mu + lambda);
}
