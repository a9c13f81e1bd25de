// The log-domain gradient oracle the margin methods share. On a MarginObjective,
//   log‖∇L(θ)‖ and u = ∇L/‖∇L‖   come from objective.gradientDirection (exact at margins ≫ 1e3,
//   log L(θ)                      from objective.logValue,
// so ∇ log L = e^{log‖∇L‖ − log L}·u stays finite when L and ∇L underflow. Any other
// Objective falls back to its plain gradient (normalized by hand).
import type { MarginObjective, Objective } from "../../models/index.ts";

/** true when the objective has the log-domain members of a MarginObjective */
export function hasLogDomain(objective: Objective): objective is MarginObjective {
  const o = objective as Partial<MarginObjective>;
  return typeof o.gradientDirection === "function" && typeof o.logValue === "function";
}

/** out ← ∇L(θ)/‖∇L(θ)‖₂ (0 for a zero gradient); returns log‖∇L(θ)‖₂ (−Infinity for a zero gradient). */
export type DirectionOracle = (theta: Float64Array, out: Float64Array) => number;

/** The unit gradient direction with its log-norm: log domain where the objective has it, else the plain gradient. */
export function directionOracle(objective: Objective): DirectionOracle {
  if (hasLogDomain(objective)) return (theta, out) => objective.gradientDirection(theta, out);
  return (theta, out) => {
    objective.gradient(theta, out);
    return normalizeInPlace(out);
  };
}

/** out ← out/‖out‖₂; returns log‖out‖₂ (−Infinity and out ← 0 for a zero vector, NaN if not finite). */
export function normalizeInPlace(out: Float64Array): number {
  // scale by ‖out‖_∞ first so that squares neither overflow nor underflow
  let m = 0;
  for (let j = 0; j < out.length; j++) {
    const a = Math.abs(out[j]);
    if (a > m) m = a;
    else if (a !== a) m = NaN;
  }
  if (m !== m || m === Infinity) {
    out.fill(NaN);
    return NaN;
  }
  if (m === 0) return -Infinity;
  let s = 0;
  for (let j = 0; j < out.length; j++) {
    const v = out[j] / m;
    s += v * v;
  }
  const r = Math.sqrt(s);
  for (let j = 0; j < out.length; j++) out[j] = out[j] / m / r;
  return Math.log(m) + Math.log(r);
}

/** Result of a log-loss gradient evaluation: log L(θ) and log‖∇ log L(θ)‖ (direction written to `out`). */
export interface LogLossGradient {
  logLoss: number;
  /** log‖∇ log L‖₂ = log‖∇L‖₂ − log L */
  logNorm: number;
}

/**
 * out ← ∇ log L(θ) = ∇L(θ)/L(θ) (not normalized: its actual value); sets r.logLoss = log L(θ)
 * and r.logNorm = log‖∇ log L(θ)‖. For exp-tailed losses ‖∇ log L‖ ≤ maxᵢ‖xᵢ‖, so the product
 * e^{logNorm}·u never overflows even when L = e^{−1e4}.
 */
export function logLossGradientOracle(objective: Objective): (theta: Float64Array, out: Float64Array, r: LogLossGradient) => void {
  if (hasLogDomain(objective)) {
    return (theta, out, r) => {
      const logG = objective.gradientDirection(theta, out);
      const logL = objective.logValue(theta);
      r.logLoss = logL;
      finish(out, logG, logL, r);
    };
  }
  return (theta, out, r) => {
    const L = objective.gradient(theta, out);
    const logG = normalizeInPlace(out);
    const logL = Math.log(L);
    r.logLoss = logL;
    finish(out, logG, logL, r);
  };
}

function finish(out: Float64Array, logG: number, logL: number, r: LogLossGradient): void {
  if (logG === -Infinity) {
    // zero gradient (e.g. all margins past a zero-tail loss's kink): no step
    out.fill(0);
    r.logNorm = -Infinity;
    return;
  }
  const ln = logG - logL;
  r.logNorm = ln;
  const c = Math.exp(ln);
  for (let j = 0; j < out.length; j++) out[j] *= c;
}
