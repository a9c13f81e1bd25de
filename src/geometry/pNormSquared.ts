// ψ(w) = ½‖w‖_p², p ∈ (1, ∞): ∇ψ(w)ᵢ = ‖w‖_p^{2−p} sign(wᵢ)|wᵢ|^{p−1},
// ψ*(z) = ½‖z‖_q² with q = p/(p − 1), and ∇ψ* is the same map with q.
// Powers are taken of |wᵢ|/‖w‖_p ≤ 1, so no entry overflows.
import { dualExponent, normP } from "../linalg/index.ts";
import type { Potential } from "./types.ts";

/** out ← ∇(½‖x‖_r²) = ‖x‖_r · sign(x)(|x|/‖x‖_r)^{r−1} (0 at x = 0) */
function gradHalfNormSq(x: Float64Array, r: number, out: Float64Array): Float64Array {
  const n = normP(x, r);
  if (n === 0) return out.fill(0);
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]) / n;
    out[i] = x[i] === 0 ? 0 : Math.sign(x[i]) * n * Math.pow(a, r - 1);
  }
  return out;
}

export function pNormSquared(p: number): Potential {
  if (!(p > 1 && p < Infinity)) throw new RangeError(`pNormSquared: p must be in (1, ∞), got ${p}`);
  const q = dualExponent(p);
  return {
    name: `p-norm(${p})`,
    id: `p-norm:${p}`,
    // for p > 2, ∇ψ ~ |w|^{p−1} is C¹ while ∇ψ* ~ |z|^{q−1} is only Hölder at 0
    newtonSpace: p > 2 ? "primal" : "dual",
    value(w) {
      const n = normP(w, p);
      return 0.5 * n * n;
    },
    grad(w, out) {
      return gradHalfNormSq(w, p, out);
    },
    conjValue(z) {
      const n = normP(z, q);
      return 0.5 * n * n;
    },
    gradConj(z, out) {
      return gradHalfNormSq(z, q, out);
    },
    // With u = z/‖z‖_q and σ = sign(u)|u|^{q−1}:
    // ∇²ψ*(z) = (2 − q) σσᵀ + (q − 1) diag(|u|^{q−2}), 0-homogeneous in z.
    // At z = 0 it does not exist unless q = 2 (then it is I); entries are NaN there.
    hessConjVec(z, v, out) {
      const n = normP(z, q);
      if (n === 0) {
        if (q === 2) out.set(v);
        else out.fill(NaN);
        return out;
      }
      let sv = 0;
      for (let i = 0; i < z.length; i++) {
        const a = Math.abs(z[i]) / n;
        sv += Math.sign(z[i]) * Math.pow(a, q - 1) * v[i];
      }
      for (let i = 0; i < z.length; i++) {
        const a = Math.abs(z[i]) / n;
        const sigma = Math.sign(z[i]) * Math.pow(a, q - 1);
        const diag = v[i] === 0 ? 0 : (q - 1) * Math.pow(a, q - 2) * v[i];
        out[i] = (2 - q) * sigma * sv + diag;
      }
      return out;
    },
    inDomain(w) {
      for (let i = 0; i < w.length; i++) if (!Number.isFinite(w[i])) return false;
      return true;
    },
    // D(w, v) = ½‖w‖_p² + ½‖v‖_p² − ⟨∇ψ(v), w⟩ (using ⟨∇ψ(v), v⟩ = ‖v‖_p²), ≥ 0 by Hölder
    bregman(w, v) {
      const nw = normP(w, p);
      const nv = normP(v, p);
      let gw = 0;
      if (nv > 0) {
        for (let i = 0; i < v.length; i++) {
          if (v[i] === 0) continue;
          gw += Math.sign(v[i]) * nv * Math.pow(Math.abs(v[i]) / nv, p - 1) * w[i];
        }
      }
      return 0.5 * nw * nw + 0.5 * nv * nv - gw;
    },
  };
}
