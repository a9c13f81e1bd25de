// Steepest descent with respect to a norm ‖·‖ (dual norm ‖·‖_*):
//   v* = argmin_{‖v‖ ≤ 1} ⟨v, g⟩  (so ⟨v*, g⟩ = −‖g‖_*),   θ ← θ + η_t ‖g‖_* v*.
// Hence ‖Δθ‖ = η‖g‖_* and ⟨Δθ, g⟩ = −η‖g‖_*². In closed form, with q the dual exponent:
//   ℓ2:  Δθ = −η g                                         (gradient descent)
//   ℓ1:  Δθ = −η g_j e_j, j = argmax_i |g_i|                (greedy coordinate descent;
//        ties go to the lowest index among the maximal |g_i|)
//   ℓ∞:  Δθ = −η ‖g‖₁ sign(g)                               (sign descent; sign(0) = 0)
//   ℓp:  Δθ = −η ‖g‖_q^{2−q} sign(g)⊙|g|^{q−1}, 1/p + 1/q = 1 (the dual map ∇(½‖·‖_q²)(g))
import type { Objective } from "../models/index.ts";
import type { Rng } from "../random/index.ts";
import type { GradientState } from "./gd.ts";
import { checkBatchOptions, checkTheta0, gradientOracle, type BatchOptions } from "./gradientOracle.ts";
import { checkStepSize, scheduleAt, type Schedule } from "./stepSize.ts";
import type { Optimizer } from "./types.ts";

export interface SteepestDescentOptions extends BatchOptions {
  lr: Schedule;
  /** p ∈ [1, ∞]: 1 (coordinate descent), 2 (gradient descent), Infinity (sign descent), or any p */
  norm: number;
}

export interface SteepestDescentState extends GradientState {
  /** the coordinate moved by the last ℓ1 step (−1 for other norms or a zero gradient) */
  lastCoordinate: number;
}

/** θ ← θ + η ‖g‖_* v* for the ℓp norm (see the formulas above); returns the ℓ1 coordinate or −1. */
export function steepestStep(theta: Float64Array, g: Float64Array, eta: number, p: number): number {
  const n = theta.length;
  if (p === 2) {
    for (let j = 0; j < n; j++) theta[j] -= eta * g[j];
    return -1;
  }
  if (p === 1) {
    let best = -1, m = 0;
    for (let j = 0; j < n; j++) {
      const a = Math.abs(g[j]);
      if (a > m) { m = a; best = j; } // strict: the lowest index wins ties
    }
    if (best >= 0) theta[best] -= eta * g[best];
    return best;
  }
  if (p === Infinity) {
    let l1 = 0;
    for (let j = 0; j < n; j++) l1 += Math.abs(g[j]);
    const c = eta * l1;
    for (let j = 0; j < n; j++) theta[j] -= c * Math.sign(g[j]);
    return -1;
  }
  // 1 < p < ∞: scale by m = ‖g‖_∞ so that |g|^{q−1} neither overflows nor underflows
  const q = p / (p - 1);
  let m = 0;
  for (let j = 0; j < n; j++) m = Math.max(m, Math.abs(g[j]));
  if (m === 0) return -1;
  let s = 0;
  for (let j = 0; j < n; j++) s += Math.pow(Math.abs(g[j]) / m, q);
  // ‖g‖_q^{2−q} |g_j|^{q−1} = m · (‖g‖_q/m)^{2−q} (|g_j|/m)^{q−1}
  const c = eta * m * Math.pow(s, (2 - q) / q);
  for (let j = 0; j < n; j++) theta[j] -= c * Math.sign(g[j]) * Math.pow(Math.abs(g[j]) / m, q - 1);
  return -1;
}

export function steepestDescent(opts: SteepestDescentOptions): Optimizer<SteepestDescentState> {
  const { lr, norm: p } = opts;
  const label = p === Infinity ? "ℓ∞" : `ℓ${p}`;
  const name = `steepest(${label})`;
  checkStepSize(name, lr);
  checkBatchOptions(name, opts);
  if (typeof p !== "number" || !(p >= 1)) throw new RangeError(`steepest: norm must be a number p in [1, ∞] (1, 2, Infinity or any p ≥ 1), got ${String(p)}`);
  return {
    name,
    init(objective: Objective, theta0: Float64Array, rng: Rng): SteepestDescentState {
      checkTheta0(name, objective, theta0);
      return {
        theta: theta0.slice(), t: 0, loss: NaN, grad: new Float64Array(objective.dim),
        oracle: gradientOracle(objective, rng, opts), lastCoordinate: -1,
      };
    },
    step(s) {
      const eta = scheduleAt(lr, s.t);
      s.loss = s.oracle(s.theta, s.grad);
      s.lastCoordinate = steepestStep(s.theta, s.grad, eta, p);
      s.t++;
    },
  };
}
