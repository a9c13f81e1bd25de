// Distances and directions between predictors.
import { dist2, norm2 } from "../linalg/index.ts";

/** ‖a − b‖₂ / ‖b‖₂; the absolute distance ‖a‖₂ when b = 0. */
export function relativeDistance(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) throw new RangeError(`relativeDistance: lengths ${a.length} and ${b.length} differ`);
  const nb = norm2(b);
  const d = dist2(a, b);
  return nb > 0 ? d / nb : d;
}

/**
 * ‖w/‖w‖ − ref/‖ref‖‖₂ = 2 sin(θ/2), θ the angle between w and ref: 0 for the same
 * direction, 2 for opposite ones. NaN if either vector is zero (no direction).
 */
export function directionGap(w: Float64Array, ref: Float64Array): number {
  if (w.length !== ref.length) throw new RangeError(`directionGap: lengths ${w.length} and ${ref.length} differ`);
  const nw = norm2(w), nr = norm2(ref);
  if (!(nw > 0) || !(nr > 0) || !Number.isFinite(nw) || !Number.isFinite(nr)) return NaN;
  // the normalized entries are at most 1 in size: a plain sum of squares cannot overflow
  let s = 0;
  for (let i = 0; i < w.length; i++) {
    const d = w[i] / nw - ref[i] / nr;
    s += d * d;
  }
  return Math.sqrt(s);
}

/**
 * The angle between a and b in [0, π], accurate for nearly parallel and nearly
 * opposite vectors (unlike acos of the cosine, which loses everything below ~1e-8):
 * θ = 2·atan2(‖â − b̂‖, ‖â + b̂‖) with â = a/‖a‖, b̂ = b/‖b‖ — i.e. atan2(‖a∧b‖, ⟨a,b⟩)
 * with both parts computed from differences, not from a cancelling cosine.
 * NaN if either vector is zero.
 */
export function angleBetween(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) throw new RangeError(`angleBetween: lengths ${a.length} and ${b.length} differ`);
  const na = norm2(a), nb = norm2(b);
  if (!(na > 0) || !(nb > 0) || !Number.isFinite(na) || !Number.isFinite(nb)) return NaN;
  let sMinus = 0, sPlus = 0;
  for (let i = 0; i < a.length; i++) {
    const u = a[i] / na, v = b[i] / nb;
    const dm = u - v, dp = u + v;
    sMinus += dm * dm;
    sPlus += dp * dp;
  }
  return 2 * Math.atan2(Math.sqrt(sMinus), Math.sqrt(sPlus));
}
