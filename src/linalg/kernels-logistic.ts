// Fused loss-gradient pass for a margin loss: out ← Σᵢ ℓ′(⟨zᵢ, w⟩) zᵢ for the logistic loss
// ℓ(m) = log(1 + e^−m), i.e. Zᵀg with g = −σ(−Zw), in one pass over Z's rows: rows go four at
// a time, so each wⱼ and outⱼ is loaded once per four rows and the rows are still in L1 cache
// when they are read the second time. Plain TypeScript; the naive form is gemv, map, gemvT.
import type { Matrix } from "./matrix.ts";
import type { Vec } from "./vector.ts";
import { logisticWeight } from "./kernels-exp.ts";

/**
 * Margins in, weights out: buf[k] ← −ℓ′(buf[k]) = 1/(1 + e^buf[k]) for k < count. The kernels pass margins
 * through this array rather than as arguments: a call that V8 does not inline boxes every double argument
 * and result on the heap, and these run once per row.
 */
const weights = new Float64Array(4);
function logisticWeightsInPlace(buf: Float64Array, count: number): void {
  for (let k = 0; k < count; k++) buf[k] = logisticWeight(buf[k]);
}

/** out ← Zᵀg with gᵢ = ℓ′(⟨zᵢ, w⟩) = −1/(1 + e^⟨zᵢ,w⟩) (the gradient of Σᵢ log(1 + e^−⟨zᵢ,w⟩)); returns out. */
export function logisticGradSum(Z: Matrix, w: Vec, out: Vec): Vec {
  const n = Z.rows, d = Z.cols, z = Z.data;
  if (w.length !== d || out.length !== d) throw new RangeError(`logisticGradSum: Z is ${n}×${d}, w has ${w.length} entries, out ${out.length}`);
  if (d === 2) return logisticGradSum2(z, n, w, out);
  out.fill(0);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o0 = i * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    for (let j = 0; j < d; j++) {
      const wj = w[j];
      m0 += z[o0 + j] * wj;
      m1 += z[o1 + j] * wj;
      m2 += z[o2 + j] * wj;
      m3 += z[o3 + j] * wj;
    }
    weights[0] = m0;
    weights[1] = m1;
    weights[2] = m2;
    weights[3] = m3;
    logisticWeightsInPlace(weights, 4);
    const g0 = -weights[0], g1 = -weights[1], g2 = -weights[2], g3 = -weights[3];
    for (let j = 0; j < d; j++) out[j] += g0 * z[o0 + j] + g1 * z[o1 + j] + g2 * z[o2 + j] + g3 * z[o3 + j];
  }
  for (; i < n; i++) {
    const o = i * d;
    let m = 0;
    for (let j = 0; j < d; j++) m += z[o + j] * w[j];
    weights[0] = m;
    logisticWeightsInPlace(weights, 1);
    const g = -weights[0];
    for (let j = 0; j < d; j++) out[j] += g * z[o + j];
  }
  return out;
}

/** d = 2: w and the sums live in registers; four rows per step keep four exps in flight. */
function logisticGradSum2(z: Float64Array, n: number, w: Vec, out: Vec): Vec {
  const w0 = w[0], w1 = w[1];
  let a0 = 0, a1 = 0, b0 = 0, b1 = 0, c0 = 0, c1 = 0, e0 = 0, e1 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o = 2 * i;
    const p0 = z[o], p1 = z[o + 1], q0 = z[o + 2], q1 = z[o + 3];
    const r0 = z[o + 4], r1 = z[o + 5], s0 = z[o + 6], s1 = z[o + 7];
    weights[0] = p0 * w0 + p1 * w1;
    weights[1] = q0 * w0 + q1 * w1;
    weights[2] = r0 * w0 + r1 * w1;
    weights[3] = s0 * w0 + s1 * w1;
    logisticWeightsInPlace(weights, 4);
    const gp = weights[0], gq = weights[1], gr = weights[2], gs = weights[3];
    a0 += gp * p0;
    a1 += gp * p1;
    b0 += gq * q0;
    b1 += gq * q1;
    c0 += gr * r0;
    c1 += gr * r1;
    e0 += gs * s0;
    e1 += gs * s1;
  }
  for (; i < n; i++) {
    const p0 = z[2 * i], p1 = z[2 * i + 1];
    weights[0] = p0 * w0 + p1 * w1;
    logisticWeightsInPlace(weights, 1);
    const g = weights[0];
    a0 += g * p0;
    a1 += g * p1;
  }
  out[0] = -(a0 + b0 + c0 + e0);
  out[1] = -(a1 + b1 + c1 + e1);
  return out;
}
