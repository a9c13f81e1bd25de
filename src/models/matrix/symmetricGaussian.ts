// Symmetric Gaussian sensing: Aᵢ = (Gᵢ + Gᵢᵀ)/2 with Gᵢ iid N(0, 1) entries (diagonal N(0, 1),
// off-diagonal N(0, ½)). Only the upper triangle is stored, packed row by row (j ≤ k), so
//   ⟨Aᵢ, W⟩ = Σ_j (Aᵢ)_jj W_jj + Σ_{j<k} (Aᵢ)_jk (W_jk + W_kj) = ⟨pᵢ, w⟩
// with w the packed upper triangle of W + Wᵀ (diagonal halved): n(n+1)/2 multiplies instead of n²,
// valid for any W (only its symmetric part is seen).
import { Matrix, residualGradT } from "../../linalg/index.ts";
import type { Rng } from "../../random/index.ts";
import { checkDims, checkIndex, checkLengths, checkSubset, measurementOut, type MeasurementOperator } from "./operator.ts";

/** Length of the packed upper triangle of an n×n matrix. */
export function packedLength(n: number): number {
  return (n * (n + 1)) / 2;
}

export function symmetricGaussian(rng: Rng, n: number, m: number): MeasurementOperator {
  checkDims("symmetricGaussian", { n, m });
  const np = packedLength(n);
  const P = new Matrix(m, np); // row i: upper triangle of Aᵢ
  const g = new Float64Array(n * n);
  for (let i = 0; i < m; i++) {
    rng.fillNormal(g);
    let q = i * np;
    for (let j = 0; j < n; j++) for (let k = j; k < n; k++) P.data[q++] = (g[j * n + k] + g[k * n + j]) / 2;
  }
  const p = P.data;
  const w = new Float64Array(np); // packed W + Wᵀ (diagonal once)
  const gp = new Float64Array(np); // packed A*(r)

  function pack(W: Float64Array): void {
    let q = 0;
    for (let j = 0; j < n; j++) {
      const oj = j * n;
      w[q++] = W[oj + j];
      for (let k = j + 1; k < n; k++) w[q++] = W[oj + k] + W[k * n + j];
    }
  }
  function unpack(out: Float64Array): Float64Array {
    let q = 0;
    for (let j = 0; j < n; j++) {
      for (let k = j; k < n; k++) {
        const v = gp[q++];
        out[j * n + k] = v;
        out[k * n + j] = v;
      }
    }
    return out;
  }

  const op: MeasurementOperator = {
    name: `symmetric-gaussian(${m}×${n}×${n})`, n1: n, n2: n, m, symmetric: true,
    apply(W, out) {
      checkLengths(op, "apply", W.length, out.length);
      pack(W);
      for (let i = 0; i < m; i++) {
        const o = i * np;
        let s0 = 0, s1 = 0, q = 0;
        for (; q + 1 < np; q += 2) { s0 += p[o + q] * w[q]; s1 += p[o + q + 1] * w[q + 1]; }
        if (q < np) s0 += p[o + q] * w[q];
        out[i] = s0 + s1;
      }
      return out;
    },
    adjoint(r, out) {
      checkLengths(op, "adjoint", out.length, r.length);
      gp.fill(0);
      for (let i = 0; i < m; i++) {
        const ri = r[i], o = i * np;
        if (ri !== 0) for (let q = 0; q < np; q++) gp[q] += ri * p[o + q];
      }
      return unpack(out);
    },
    applySubset(W, idx, count, out) {
      checkSubset(op, "applySubset", W.length, idx, count, out.length);
      pack(W);
      for (let k = 0; k < count; k++) {
        const o = idx[k] * np;
        let s = 0;
        for (let q = 0; q < np; q++) s += p[o + q] * w[q];
        out[k] = s;
      }
      return out;
    },
    adjointSubset(r, idx, count, out) {
      checkSubset(op, "adjointSubset", out.length, idx, count, r.length);
      gp.fill(0);
      for (let k = 0; k < count; k++) {
        const rk = r[k], o = idx[k] * np;
        if (rk !== 0) for (let q = 0; q < np; q++) gp[q] += rk * p[o + q];
      }
      return unpack(out);
    },
    residualAdjoint(W, y, r, out) {
      checkLengths(op, "residualAdjoint", W.length, y.length);
      checkLengths(op, "residualAdjoint", out.length, r.length);
      pack(W);
      residualGradT(P, w, y, r, gp);
      return unpack(out);
    },
    measurement(i, out) {
      checkIndex(op, i);
      const M = measurementOut(op, out);
      let q = i * np;
      for (let j = 0; j < n; j++) {
        for (let k = j; k < n; k++) {
          const v = p[q++];
          M.data[j * n + k] = v;
          M.data[k * n + j] = v;
        }
      }
      return M;
    },
  };
  return op;
}
