// Rank of a matrix from its singular values σ₁ ≥ σ₂ ≥ … ≥ 0 (e.g. linalg's singularValues).

/** #{k : σₖ > rtol·σ₁}: the rank up to a relative threshold (0 for the zero matrix) */
export function numericalRank(sigma: ArrayLike<number>, rtol = 1e-6): number {
  let top = 0;
  for (let k = 0; k < sigma.length; k++) top = Math.max(top, sigma[k]);
  if (!(top > 0)) return 0;
  let r = 0;
  for (let k = 0; k < sigma.length; k++) if (sigma[k] > rtol * top) r++;
  return r;
}

/**
 * exp(H(p)) with p = σ/‖σ‖₁ and H the Shannon entropy (Roy & Vetterli 2007): 1 for rank one, r for r equal
 * singular values, continuous in between; NaN for the zero matrix.
 */
export function effectiveRank(sigma: ArrayLike<number>): number {
  let t = 0;
  for (let k = 0; k < sigma.length; k++) t += sigma[k];
  if (!(t > 0)) return NaN;
  let h = 0;
  for (let k = 0; k < sigma.length; k++) if (sigma[k] > 0) h -= (sigma[k] / t) * Math.log(sigma[k] / t);
  return Math.exp(h);
}
