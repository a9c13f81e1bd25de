// Margin loss with a polynomial tail ℓ(u) = u^{−ν} (ν > 0): the counterexample to
// max-margin convergence, since its tail is too heavy for the support vectors to dominate.
import { sumWithDerivsOf, type MarginLoss } from "./marginLoss.ts";

/**
 * ℓ(u) = u^{−ν} for u ≥ 1, and below 1 its second-order Taylor polynomial at 1,
 *   ℓ(u) = 1 + ν(1 − u) + ½ν(ν + 1)(1 − u)²   (u < 1),
 * which keeps ℓ C², decreasing and convex on all of R (the quadratic's slope
 * −ν − ν(ν + 1)(1 − u) stays negative, its curvature ν(ν + 1) positive).
 *   ℓ′ = −νu^{−ν−1} (u ≥ 1),  ℓ″ = ν(ν + 1)u^{−ν−2} (u ≥ 1), sup ℓ″ = ν(ν + 1);
 *   log ℓ = −ν log u and log(−ℓ′) = log ν − (ν + 1) log u for u ≥ 1.
 */
export function polynomialLoss(nu: number): MarginLoss {
  if (!(nu > 0 && nu < Infinity)) throw new RangeError(`polynomialLoss: ν must be a positive number, got ${nu}`);
  const c = nu * (nu + 1);
  const value = (u: number) => {
    if (u >= 1) return Math.pow(u, -nu);
    const r = 1 - u;
    return 1 + nu * r + 0.5 * c * r * r;
  };
  const deriv = (u: number) => (u >= 1 ? -nu * Math.pow(u, -nu - 1) : -nu - c * (1 - u));
  return {
    name: `polynomial(ν=${nu})`,
    value,
    deriv,
    deriv2: (u) => (u >= 1 ? c * Math.pow(u, -nu - 2) : c),
    logValue: (u) => (u >= 1 ? -nu * Math.log(u) : Math.log(value(u))),
    logNegDeriv: (u) => (u >= 1 ? Math.log(nu) - (nu + 1) * Math.log(u) : Math.log(-deriv(u))),
    curvatureBound: c,
    tail: "polynomial",
    tailExponent: nu,
    sumWithDerivs: sumWithDerivsOf(value, deriv),
  };
}
