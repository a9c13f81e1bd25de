// ψ(w) = ½‖w‖²: ∇ψ = ∇ψ* = identity, mirror descent is plain gradient descent.
import type { Potential } from "./types.ts";

export function euclidean(): Potential {
  return {
    name: "euclidean",
    id: "euclidean",
    value(w) {
      let s = 0;
      for (let i = 0; i < w.length; i++) s += w[i] * w[i];
      return 0.5 * s;
    },
    grad(w, out) {
      if (out !== w) out.set(w);
      return out;
    },
    conjValue(z) {
      let s = 0;
      for (let i = 0; i < z.length; i++) s += z[i] * z[i];
      return 0.5 * s;
    },
    gradConj(z, out) {
      if (out !== z) out.set(z);
      return out;
    },
    hessConjVec(_z, v, out) {
      if (out !== v) out.set(v);
      return out;
    },
    inDomain(w) {
      for (let i = 0; i < w.length; i++) if (!Number.isFinite(w[i])) return false;
      return true;
    },
    // D(w, v) = ½‖w − v‖²
    bregman(w, v) {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        const d = w[i] - v[i];
        s += d * d;
      }
      return 0.5 * s;
    },
  };
}
