// ψ(w) = Σ wᵢ log wᵢ − wᵢ on w > 0: ∇ψ = log w, ψ*(z) = Σ exp zᵢ, ∇ψ* = exp.
// Mirror descent with this potential is the exponentiated gradient method.
import type { Potential } from "./types.ts";

/** w log w with the continuous extension 0 log 0 = 0 */
export function xlogx(w: number): number {
  return w === 0 ? 0 : w * Math.log(w);
}

export function negativeEntropy(): Potential {
  return {
    name: "negative-entropy",
    id: "entropy",
    value(w) {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        if (!(w[i] >= 0)) return Infinity;
        s += xlogx(w[i]) - w[i];
      }
      return s;
    },
    grad(w, out) {
      for (let i = 0; i < w.length; i++) out[i] = Math.log(w[i]);
      return out;
    },
    conjValue(z) {
      let s = 0;
      for (let i = 0; i < z.length; i++) s += Math.exp(z[i]);
      return s;
    },
    gradConj(z, out) {
      for (let i = 0; i < z.length; i++) out[i] = Math.exp(z[i]);
      return out;
    },
    // ∇²ψ*(z) = diag(exp z)
    hessConjVec(z, v, out) {
      for (let i = 0; i < z.length; i++) out[i] = Math.exp(z[i]) * v[i];
      return out;
    },
    inDomain(w) {
      for (let i = 0; i < w.length; i++) if (!(w[i] > 0 && w[i] < Infinity)) return false;
      return true;
    },
    // D(w, v) = Σ wᵢ log(wᵢ/vᵢ) − wᵢ + vᵢ (unnormalized KL), each term ≥ 0
    bregman: unnormalizedKl,
  };
}

/** Σ wᵢ log(wᵢ/vᵢ) − wᵢ + vᵢ (the unnormalized KL divergence), each term v·(r log r − (r − 1)) with log1p for r ≈ 1 */
export function unnormalizedKl(w: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) {
    if (w[i] === 0) {
      s += v[i];
      continue;
    }
    const r = w[i] / v[i];
    s += v[i] * (r * Math.log1p(r - 1) - (r - 1));
  }
  return s;
}
