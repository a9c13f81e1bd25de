// Margin losses with exponential tails: logistic, exponential, and the exp(−u^ν) family.
import { logSoftplus, softplus, type MarginLoss } from "./marginLoss.ts";

/**
 * Logistic loss ℓ(u) = log(1 + e^{−u}): ℓ′(u) = −σ(−u) = −1/(1 + eᵘ), ℓ″(u) = σ(u)σ(−u) ≤ ¼.
 * log ℓ(u) = log softplus(−u), log(−ℓ′(u)) = −softplus(u).
 */
export const logisticLoss: MarginLoss = {
  name: "logistic",
  value: (u) => softplus(-u),
  deriv: (u) => {
    if (u > 0) {
      const t = Math.exp(-u);
      return -t / (1 + t);
    }
    return -1 / (1 + Math.exp(u));
  },
  deriv2: (u) => {
    const t = Math.exp(-Math.abs(u));
    return t / ((1 + t) * (1 + t));
  },
  logValue: (u) => logSoftplus(-u),
  logNegDeriv: (u) => -softplus(u),
  curvatureBound: 0.25,
  tail: "exponential",
  tailExponent: 1,
  sumWithDerivs(u, count, deriv) {
    let s = 0;
    for (let i = 0; i < count; i++) {
      const v = u[i];
      // one exponential per example: t = e^{−|u|}
      const t = Math.exp(-Math.abs(v));
      const inv = 1 / (1 + t);
      if (v >= 0) {
        s += Math.log1p(t);
        deriv[i] = -t * inv;
      } else {
        s += Math.log1p(t) - v;
        deriv[i] = -inv;
      }
    }
    return s;
  },
};

/** Exponential loss ℓ(u) = e^{−u}: ℓ′ = −e^{−u}, ℓ″ = e^{−u}; log ℓ = log(−ℓ′) = −u. Not globally smooth. */
export const exponentialLoss: MarginLoss = {
  name: "exponential",
  value: (u) => Math.exp(-u),
  deriv: (u) => -Math.exp(-u),
  deriv2: (u) => Math.exp(-u),
  logValue: (u) => -u,
  logNegDeriv: (u) => -u,
  tail: "exponential",
  tailExponent: 1,
  sumWithDerivs(u, count, deriv) {
    let s = 0;
    for (let i = 0; i < count; i++) {
      const e = Math.exp(-u[i]);
      s += e;
      deriv[i] = -e;
    }
    return s;
  },
};

/**
 * The exp(−u^ν) family (ν > 0), written ℓ(u) = e^{−h(u)} with
 *   h(u) = u^ν                   for u ≥ 1,
 *   h(u) = 1 + ν(u − 1)          for u < 1 (the tangent line of u^ν at 1).
 * The continuation keeps ℓ decreasing, convex (e^{−h} is convex iff h′² ≥ h″, and
 * νu^ν ≥ ν − 1 holds for u ≥ 1) and C¹ (ℓ″ jumps at u = 1 unless ν = 1), with
 * ℓ′ finite at every u, where u^ν itself has an infinite slope at 0 for ν < 1 and a
 * zero slope for ν > 1 (which would freeze gradient descent at w = 0). Below 1 the
 * loss is the exponential loss e^{ν−1}·e^{−νu}; ν = 1 is exactly e^{−u}.
 *   ℓ′ = −h′e^{−h}, ℓ″ = (h′² − h″)e^{−h}, log ℓ = −h, log(−ℓ′) = log h′ − h.
 */
export function expPowerLoss(nu: number): MarginLoss {
  if (!(nu > 0 && nu < Infinity)) throw new RangeError(`expPowerLoss: ν must be a positive number, got ${nu}`);
  const logNu = Math.log(nu);
  const h = (u: number) => (u >= 1 ? Math.pow(u, nu) : 1 + nu * (u - 1));
  const dh = (u: number) => (u >= 1 ? nu * Math.pow(u, nu - 1) : nu);
  const d2h = (u: number) => (u >= 1 ? nu * (nu - 1) * Math.pow(u, nu - 2) : 0);
  const value = (u: number) => Math.exp(-h(u));
  // once e^{−h} underflows, h′ may be Infinity (u^ν overflows): return the limit 0, not ∞·0
  const deriv = (u: number) => {
    const e = Math.exp(-h(u));
    return e === 0 ? -0 : -dh(u) * e;
  };
  return {
    name: `exp-power(ν=${nu})`,
    value,
    deriv,
    deriv2: (u) => {
      const e = Math.exp(-h(u));
      if (e === 0) return 0;
      const g = dh(u);
      return (g * g - d2h(u)) * e;
    },
    logValue: (u) => -h(u),
    logNegDeriv: (u) => (u >= 1 ? logNu + (nu - 1) * Math.log(u) - Math.pow(u, nu) : logNu - (1 + nu * (u - 1))),
    tail: "exponential",
    tailExponent: nu,
    sumWithDerivs(u, count, out) {
      let s = 0;
      for (let i = 0; i < count; i++) {
        const v = u[i];
        if (v >= 1) {
          const p = Math.pow(v, nu);
          const e = Math.exp(-p);
          s += e;
          out[i] = e === 0 ? -0 : (-nu * p / v) * e;
        } else {
          const e = Math.exp(-(1 + nu * (v - 1)));
          s += e;
          out[i] = -nu * e;
        }
      }
      return s;
    },
  };
}
