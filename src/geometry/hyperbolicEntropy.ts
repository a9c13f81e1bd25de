// Hyperbolic entropy (Ghai, Hazan, Singer): ψ(w) = Σ wᵢ arcsinh(wᵢ/β) − √(wᵢ² + β²),
// ∇ψ = arcsinh(w/β), ψ*(z) = β Σ cosh zᵢ, ∇ψ* = β sinh z. It interpolates between
// ½‖w‖²/β (|w| ≪ β) and entropy-like behaviour (|w| ≫ β) on all of Rᵈ.
import type { Potential } from "./types.ts";

export function hyperbolicEntropy(beta: number): Potential {
  if (!(beta > 0 && beta < Infinity)) throw new RangeError(`hyperbolicEntropy: beta must be in (0, ∞), got ${beta}`);
  return {
    name: `hyperbolic-entropy(${beta})`,
    id: `hyperbolic:${beta}`,
    value(w) {
      let s = 0;
      for (let i = 0; i < w.length; i++) s += w[i] * Math.asinh(w[i] / beta) - Math.hypot(w[i], beta);
      return s;
    },
    grad(w, out) {
      for (let i = 0; i < w.length; i++) out[i] = Math.asinh(w[i] / beta);
      return out;
    },
    conjValue(z) {
      let s = 0;
      for (let i = 0; i < z.length; i++) s += Math.cosh(z[i]);
      return beta * s;
    },
    gradConj(z, out) {
      for (let i = 0; i < z.length; i++) out[i] = beta * Math.sinh(z[i]);
      return out;
    },
    // ∇²ψ*(z) = diag(β cosh z)
    hessConjVec(z, v, out) {
      for (let i = 0; i < z.length; i++) out[i] = beta * Math.cosh(z[i]) * v[i];
      return out;
    },
    inDomain(w) {
      for (let i = 0; i < w.length; i++) if (!Number.isFinite(w[i])) return false;
      return true;
    },
    // D(w, v) = Σ wᵢ (arcsinh(wᵢ/β) − arcsinh(vᵢ/β)) − √(wᵢ² + β²) + √(vᵢ² + β²)
    bregman(w, v) {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        s += w[i] * (Math.asinh(w[i] / beta) - Math.asinh(v[i] / beta)) - Math.hypot(w[i], beta) + Math.hypot(v[i], beta);
      }
      return s;
    },
  };
}
