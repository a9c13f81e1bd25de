// AssemblyScript (compiled by scripts/build-wasm.sh). The logistic loss's derivative
// ℓ′(m) = −1/(1 + eᵐ) with the exp of kernels-exp.ts, operation for operation, so every weight equals
// the TypeScript one bit for bit: eˣ = 2^q · 2^(j/256) · e^r with k = round(256x/ln 2), q = k >> 8,
// j = k & 255, r = x − k·ln2/256 (in two parts), e^r ≈ 1 + r + r²(1/2 + r(1/6 + r/24)).
// `tab` is the byte address of the tables: 256 values 2^(j/256), then 2201 values 2^q, q = −1100…1100.
// m is clamped to [−708, 709] (NaN stays NaN).

/** ℓ′(m) for one margin (2^q from the table). */
export function logistic(m: f64, tab: usize): f64 {
  const x = min<f64>(max<f64>(m, -708), 709);
  const k = nearest<f64>(x * 369.3299304675746);
  const r = x - k * 0.0027076061815023422 - k * -7.440055859210031e-12;
  const ki = <i32>k; // i32.trunc_sat_f64_s (non-trapping conversions are on)
  const t = load<f64>(tab + (<usize>(ki & 255) << 3));
  const p = r + r * r * (0.5 + r * (0.16666666666666666 + r * 0.041666666666666664));
  return -(1 / (1 + (t + t * p) * load<f64>(tab + (<usize>((ki >> 8) + 1100) << 3), 2048)));
}

/**
 * (ℓ′(m₀), ℓ′(m₁)), written into its caller (where a call would spill the caller's accumulators):
 * pmax/pmin with m first keep NaN and −0 as the TypeScript ternary does; 2^q is built from its
 * exponent bits, (q + 1023) << 52 (q ∈ [−1022, 1022] here), the same power of two as the table's.
 */
// @ts-ignore: decorator
@inline export function ell2Inline(m: v128, tab: usize): v128 {
  const x = f64x2.pmin(f64x2.pmax(m, f64x2(-708, -708)), f64x2(709, 709));
  const k = f64x2.nearest(f64x2.mul(x, f64x2(369.3299304675746, 369.3299304675746)));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, f64x2(0.0027076061815023422, 0.0027076061815023422))),
                      f64x2.mul(k, f64x2(-7.440055859210031e-12, -7.440055859210031e-12)));
  const ki = i32x4.trunc_sat_f64x2_s_zero(k);
  const t = f64x2.replace_lane(
    v128.load64_splat(tab + (<usize>(i32x4.extract_lane(ki, 0) & 255) << 3)), 1,
    load<f64>(tab + (<usize>(i32x4.extract_lane(ki, 1) & 255) << 3)));
  const p = f64x2.add(r, f64x2.mul(f64x2.mul(r, r),
    f64x2.add(f64x2(0.5, 0.5), f64x2.mul(r, f64x2.add(f64x2(0.16666666666666666, 0.16666666666666666), f64x2.mul(r, f64x2(0.041666666666666664, 0.041666666666666664)))))));
  const two = i64x2.shl(i64x2.extend_low_i32x4_s(i32x4.add(i32x4.shr_s(ki, 8), i32x4(1023, 1023, 1023, 1023))), 52);
  return f64x2.neg(f64x2.div(f64x2(1, 1), f64x2.add(f64x2(1, 1), f64x2.mul(f64x2.add(t, f64x2.mul(t, p)), two))));
}

/** (ℓ′(m₀), ℓ′(m₁)) as a call. */
export function ell2(m: v128, tab: usize): v128 {
  return ell2Inline(m, tab);
}
