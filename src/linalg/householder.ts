// Householder reflectors H = I − τ v vᵀ with v₀ = 1, chosen so that H x = β e₁ (LAPACK's dlarfg convention).
// Internal to the numerics layer: QR, tridiagonalization and least squares build on it.

/** ‖x‖₂ of the strided vector x_i = data[off + i·stride], i < len, scaled so that it cannot overflow. */
export function stridedNorm2(data: Float64Array, off: number, stride: number, len: number): number {
  let amax = 0;
  for (let i = 0, p = off; i < len; i++, p += stride) {
    const a = Math.abs(data[p]);
    if (a > amax) amax = a;
  }
  if (amax === 0 || !Number.isFinite(amax)) return amax;
  let s = 0;
  for (let i = 0, p = off; i < len; i++, p += stride) {
    const a = data[p] / amax;
    s += a * a;
  }
  return amax * Math.sqrt(s);
}

/**
 * Makes the reflector for x_i = data[off + i·stride] (i < len) in place: x₀ ← β, x₁.. ← v₁..
 * and returns τ. τ = 0 (H = I) when x₁.. is already zero.
 * β = −sign(x₀)‖x‖, τ = (β − x₀)/β, v = (x − β e₁)/(x₀ − β).
 */
export function makeReflector(data: Float64Array, off: number, stride: number, len: number): number {
  if (len <= 1) return 0;
  const alpha = data[off];
  const xnorm = stridedNorm2(data, off + stride, stride, len - 1);
  if (xnorm === 0) return 0;
  const beta = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, xnorm);
  const tau = (beta - alpha) / beta;
  const inv = 1 / (alpha - beta);
  for (let i = 1, p = off + stride; i < len; i++, p += stride) data[p] *= inv;
  data[off] = beta;
  return tau;
}
