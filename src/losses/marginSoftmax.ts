// Multiclass softmax cross-entropy on a score vector s ∈ R^k with label c, written
// through the log-odds a = log Σ_{j≠c} e^{s_j − s_c} (the multiclass margins are s_c − s_j):
//   ℓ = log Σ_j e^{s_j} − s_c = softplus(a),
// which keeps its digits when ℓ is tiny (the direct difference cancels to 0 below 1e-16),
// and log ℓ = log softplus(a) stays finite when ℓ underflows.
import { logSoftplus, softplus } from "./marginLoss.ts";

function checkLabel(k: number, c: number): void {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`softmax cross-entropy: k must be a positive integer, got ${k}`);
  if (!(Number.isInteger(c) && c >= 0 && c < k)) throw new RangeError(`softmax cross-entropy: label must be an integer in [0, ${k}), got ${c}`);
}

/** a = log Σ_{j≠c} exp(s_j − s_c) over s[off..off+k) (−Infinity when k = 1). */
export function softmaxLogOdds(s: Float64Array, off: number, k: number, c: number): number {
  checkLabel(k, c);
  const sc = s[off + c];
  let m = -Infinity;
  for (let j = 0; j < k; j++) if (j !== c && s[off + j] - sc > m) m = s[off + j] - sc;
  if (m === -Infinity || m === Infinity || m !== m) return m;
  let t = 0;
  for (let j = 0; j < k; j++) if (j !== c) t += Math.exp(s[off + j] - sc - m);
  return m + Math.log(t);
}

/**
 * ℓ(s, c) = softplus(a); when `grad` is given, grad[gOff..gOff+k) ← ∂ℓ/∂s = p − e_c with
 * p = softmax(s): p_j = exp(s_j − s_c − softplus(a)) for j ≠ c and p_c − 1 = −σ(a) (no cancellation).
 */
export function softmaxCrossEntropy(s: Float64Array, off: number, k: number, c: number, grad?: Float64Array, gOff = 0): number {
  const a = softmaxLogOdds(s, off, k, c);
  const loss = softplus(a);
  if (grad) {
    const sc = s[off + c];
    for (let j = 0; j < k; j++) grad[gOff + j] = j === c ? -Math.exp(-softplus(-a)) : Math.exp(s[off + j] - sc - loss);
  }
  return loss;
}

/** log ℓ(s, c) = log softplus(a): finite even when ℓ underflows (margins of 1e4 give ≈ −1e4). */
export function logSoftmaxCrossEntropy(s: Float64Array, off: number, k: number, c: number): number {
  return logSoftplus(softmaxLogOdds(s, off, k, c));
}

/**
 * out[oOff + j] ← log |∂ℓ/∂s_j|: s_j − s_c − softplus(a) for j ≠ c, and log σ(a) = −softplus(−a)
 * for j = c (where the derivative is negative); returns a. Objectives shift these by their
 * maximum over all examples to get the gradient's direction at any scale.
 */
export function softmaxLogGradient(s: Float64Array, off: number, k: number, c: number, out: Float64Array, oOff = 0): number {
  const a = softmaxLogOdds(s, off, k, c);
  const sp = softplus(a);
  const sc = s[off + c];
  for (let j = 0; j < k; j++) out[oOff + j] = j === c ? -softplus(-a) : s[off + j] - sc - sp;
  return a;
}
