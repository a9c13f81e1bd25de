// A table-driven exp for hot loops (V8's Math.exp costs ≈ 10 ns a call; this ≈ 3 ns):
//   eˣ = 2^q · 2^(j/256) · e^r,  x = (256q + j)·ln2/256 + r,  |r| ≤ ln2/512,
// with e^r − 1 by its degree-4 Taylor polynomial (truncation error < r⁵/120 ≈ 3.7e-17),
// k = 256q + j rounded by the 1.5·2⁵² trick (Math.round is slow in V8).
// Relative error ≤ 1.5 ulp; outside [−708, 709] (near underflow/overflow) and for ±∞/NaN
// expFast defers to Math.exp.

const STEPS = 256;
const STEP_BITS = 8;
const INV_STEP = STEPS / Math.LN2; // 1 / (ln2/256)
// ln2/256 split as HI + LO: HI has 24 significant bits, so k·HI is exact for |k| < 2^29;
// LO carries the rest, including ln2 − Math.LN2 = 2.319046813846299558e-17 (else large |x| lose 1e-14).
const STEP_HI = Math.fround(Math.LN2 / STEPS);
const STEP_LO = Math.LN2 / STEPS - STEP_HI + 2.319046813846299558e-17 / STEPS;

/** 2^(j/256), j = 0..255 */
const POW2_FRAC = new Float64Array(STEPS);
for (let j = 0; j < STEPS; j++) POW2_FRAC[j] = Math.pow(2, j / STEPS);

/** 2^q for q = −1100..1100 at index q + 1100 (exact powers of two; only −1022..1023 are used) */
const POW2_OFFSET = 1100;
const POW2_INT = new Float64Array(2 * POW2_OFFSET + 1);
for (let q = -POW2_OFFSET; q <= POW2_OFFSET; q++) POW2_INT[q + POW2_OFFSET] = Math.pow(2, q);

const ROUND = 6755399441055744; // 1.5·2⁵²: (y + ROUND) − ROUND rounds y to an integer for |y| < 2⁵¹

/** eˣ for x ∈ [−708, 709] (no range check: callers clamp); NaN gives NaN. */
function expInRange(x: number): number {
  const k = x * INV_STEP + ROUND - ROUND;
  const r = x - k * STEP_HI - k * STEP_LO;
  const ki = k | 0;
  const t = POW2_FRAC[ki & (STEPS - 1)];
  // e^r − 1 = r + r²/2 + r³/6 + r⁴/24
  const p = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24)));
  return (t + t * p) * POW2_INT[(ki >> STEP_BITS) + POW2_OFFSET];
}

/** eˣ within 1.5 ulp: the same values as Math.exp up to rounding, for every x. */
export function expFast(x: number): number {
  return x > -708 && x < 709 ? expInRange(x) : Math.exp(x);
}

/**
 * −ℓ′(m) for the logistic loss ℓ(m) = log(1 + e^−m): σ(−m) = 1/(1 + e^m) = exp(−logaddexp(0, m)).
 * m is clamped to [−708, 709], which changes the result by less than 1e-307 (absolute):
 * 1/(1 + e^709) < 1.2e-308, and 1 + e^−708 rounds to 1.
 */
export function logisticWeight(m: number): number {
  return 1 / (1 + expInRange(m > 709 ? 709 : m < -708 ? -708 : m));
}

/** The tables behind expFast (2^(j/256) for j = 0..255; 2^q for q = −1100..1100), for kernels that
 * re-implement it elsewhere (src/linalg/assembly/exp.ts); do not modify them. */
export function expTables(): { readonly frac: Float64Array; readonly int: Float64Array } {
  return { frac: POW2_FRAC, int: POW2_INT };
}
