// ψ(w) = Σ wᵢ log wᵢ on the probability simplex Δ = {w ≥ 0, Σ wᵢ = 1}.
// ∇ψ(w) = 1 + log w (any representative modulo 1), ψ*(z) = log Σ exp zᵢ,
// ∇ψ* = softmax (maps into Δ). Mirror descent = exponentiated gradient with
// normalisation (Hedge / multiplicative weights).
import type { Potential } from "./types.ts";
import { unnormalizedKl, xlogx } from "./negativeEntropy.ts";
import { logSumExp } from "../losses/index.ts";

/** tolerance on |Σ wᵢ − 1| for membership in the simplex */
const SIMPLEX_TOL = 1e-9;

/** out ← softmax(z) = exp(z − max z) / Σ exp(z − max z) */
export function softmax(z: Float64Array, out: Float64Array): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i] > m) m = z[i];
  let s = 0;
  for (let i = 0; i < z.length; i++) {
    const e = Math.exp(z[i] - m);
    out[i] = e;
    s += e;
  }
  for (let i = 0; i < z.length; i++) out[i] /= s;
  return out;
}

export function simplexEntropy(): Potential {
  return {
    name: "simplex-entropy",
    id: "simplex-entropy",
    // Σ wᵢ log wᵢ (the simplex constraint is checked by inDomain; off Δ this is
    // the smooth extension, so that finite differences along Δ are meaningful)
    value(w) {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        if (!(w[i] >= 0)) return Infinity;
        s += xlogx(w[i]);
      }
      return s;
    },
    grad(w, out) {
      for (let i = 0; i < w.length; i++) out[i] = 1 + Math.log(w[i]);
      return out;
    },
    conjValue(z) {
      return logSumExp(z);
    },
    gradConj(z, out) {
      return softmax(z, out);
    },
    // ∇²ψ*(z) = diag(p) − p pᵀ with p = softmax(z); computed without a buffer
    hessConjVec(z, v, out) {
      softmax(z, out);
      let pv = 0;
      for (let i = 0; i < z.length; i++) pv += out[i] * v[i];
      for (let i = 0; i < z.length; i++) out[i] *= v[i] - pv;
      return out;
    },
    inDomain(w) {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        if (!(w[i] > 0 && w[i] < Infinity)) return false;
        s += w[i];
      }
      return Math.abs(s - 1) <= SIMPLEX_TOL;
    },
    // D(w, v) = Σ wᵢ log(wᵢ/vᵢ) − Σ wᵢ + Σ vᵢ (the KL divergence on Δ)
    bregman: unnormalizedKl,
    // dual vectors are defined modulo 1 (the normal of Δ's affine hull)
    projectTangent(z, out) {
      let m = 0;
      for (let i = 0; i < z.length; i++) m += z[i];
      m /= z.length;
      for (let i = 0; i < z.length; i++) out[i] = z[i] - m;
      return out;
    },
  };
}
