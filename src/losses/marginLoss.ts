// Classification losses ℓ(u) on margins u = yᵢ⟨w, xᵢ⟩ (nonincreasing in u), with
// log-domain forms log ℓ(u) and log(−ℓ′(u)) so that objectives stay exact when the
// losses themselves underflow (margins of 1e4 give e^{−1e4}, far below 1e-308).

export interface MarginLoss {
  /** e.g. "logistic", "exp-power(ν=0.5)" */
  readonly name: string;
  /** ℓ(u) */
  value(u: number): number;
  /** ℓ′(u) ≤ 0; for piecewise-linear losses the left derivative (a point at the kink counts as active) */
  deriv(u: number): number;
  /** ℓ″(u) (0 on the linear pieces of piecewise-linear losses) */
  deriv2(u: number): number;
  /** log ℓ(u): finite wherever ℓ(u) > 0, also where ℓ(u) underflows; −Infinity where ℓ(u) = 0 */
  logValue(u: number): number;
  /** log(−ℓ′(u)): finite wherever ℓ′(u) < 0; −Infinity where ℓ′(u) = 0 */
  logNegDeriv(u: number): number;
  /** sup_u ℓ″(u) where finite (L is then curvatureBound·σ_max(X)²/N-smooth on linear models); absent when unbounded */
  readonly curvatureBound?: number;
  /** how ℓ decays as u → ∞: like e^{−u^ν} ("exponential"), like u^{−ν} ("polynomial"), or reaching 0 ("zero") */
  readonly tail: "exponential" | "polynomial" | "zero";
  /** ν of the tail where it has one (1 for logistic and exponential) */
  readonly tailExponent?: number;
  /** fused kernel: returns Σᵢ ℓ(uᵢ) over u[0..count) and writes ℓ′(uᵢ) to deriv[i] */
  sumWithDerivs(u: Float64Array, count: number, deriv: Float64Array): number;
}

/** softplus(a) = log(1 + eᵃ), without overflow for large a or loss of digits for very negative a. */
export function softplus(a: number): number {
  return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
}

/**
 * log(softplus(a)) = log log(1 + eᵃ), finite for every finite a: for a < 0,
 * log(1 + eᵃ) = eᵃ·r with r = log1p(t)/t ∈ (log 2, 1], t = eᵃ, so the log is a + log r
 * (and exactly a once eᵃ underflows, where r = 1 to double precision).
 */
export function logSoftplus(a: number): number {
  if (a >= 0) return Math.log(softplus(a));
  const t = Math.exp(a);
  return t === 0 ? a : a + Math.log(Math.log1p(t) / t);
}

/** log Σᵢ exp(aᵢ) over a[0..count): max-shifted, −Infinity for an empty or all −Infinity input, NaN if any aᵢ is NaN. */
export function logSumExp(a: Float64Array, count: number = a.length): number {
  let m = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = a[i];
    if (v > m) m = v;
    else if (v !== v) return NaN;
  }
  if (m === -Infinity || m === Infinity) return m;
  let s = 0;
  for (let i = 0; i < count; i++) s += Math.exp(a[i] - m);
  return m + Math.log(s);
}

/** A generic sumWithDerivs for losses with no cheaper fused form. */
export function sumWithDerivsOf(value: (u: number) => number, deriv: (u: number) => number) {
  return (u: Float64Array, count: number, out: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < count; i++) {
      s += value(u[i]);
      out[i] = deriv(u[i]);
    }
    return s;
  };
}
