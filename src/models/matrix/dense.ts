// Measurement operators stored densely: row i of an m×(n1·n2) matrix is vec(Aᵢ), so
// A(W) = D vec(W), A*(r) = Dᵀ r, and the residual-adjoint pair is linalg's fused pass.
import { Matrix, gemv, gemvT, residualGradT } from "../../linalg/index.ts";
import type { Rng } from "../../random/index.ts";
import { checkDims, checkIndex, checkLengths, checkSubset, measurementOut, type MeasurementOperator } from "./operator.ts";

function denseOperator(name: string, n1: number, n2: number, D: Matrix): MeasurementOperator {
  const m = D.rows, nn = n1 * n2, d = D.data;
  let symmetric = n1 === n2;
  for (let i = 0; i < m && symmetric; i++) {
    const o = i * nn;
    for (let j = 0; j < n1 && symmetric; j++) for (let k = j + 1; k < n1; k++) if (d[o + j * n1 + k] !== d[o + k * n1 + j]) { symmetric = false; break; }
  }
  const op: MeasurementOperator = {
    name, n1, n2, m, symmetric,
    apply(W, out) {
      checkLengths(op, "apply", W.length, out.length);
      return gemv(D, W, out);
    },
    adjoint(r, out) {
      checkLengths(op, "adjoint", out.length, r.length);
      return gemvT(D, r, out);
    },
    applySubset(W, idx, count, out) {
      checkSubset(op, "applySubset", W.length, idx, count, out.length);
      for (let k = 0; k < count; k++) {
        const o = idx[k] * nn;
        let s = 0;
        for (let p = 0; p < nn; p++) s += d[o + p] * W[p];
        out[k] = s;
      }
      return out;
    },
    adjointSubset(r, idx, count, out) {
      checkSubset(op, "adjointSubset", out.length, idx, count, r.length);
      out.fill(0);
      for (let k = 0; k < count; k++) {
        const rk = r[k], o = idx[k] * nn;
        if (rk !== 0) for (let p = 0; p < nn; p++) out[p] += rk * d[o + p];
      }
      return out;
    },
    residualAdjoint(W, y, r, out) {
      checkLengths(op, "residualAdjoint", W.length, y.length);
      return residualGradT(D, W, y, r, out);
    },
    measurement(i, out) {
      checkIndex(op, i);
      const M = measurementOut(op, out);
      M.data.set(d.subarray(i * nn, (i + 1) * nn));
      return M;
    },
  };
  return op;
}

/** The operator with the given n1×n2 measurement matrices (copied). */
export function fromDense(A: readonly Matrix[]): MeasurementOperator {
  if (A.length === 0) throw new RangeError("fromDense: need at least one measurement matrix");
  const n1 = A[0].rows, n2 = A[0].cols;
  checkDims("fromDense", { n1, n2 });
  const nn = n1 * n2;
  const D = new Matrix(A.length, nn);
  A.forEach((Ai, i) => {
    if (Ai.rows !== n1 || Ai.cols !== n2) throw new RangeError(`fromDense: A[${i}] is ${Ai.rows}×${Ai.cols}, A[0] is ${n1}×${n2}`);
    for (let p = 0; p < nn; p++) {
      if (!Number.isFinite(Ai.data[p])) throw new RangeError(`fromDense: A[${i}] has a non-finite entry ${Ai.data[p]} at (${Math.floor(p / n2)}, ${p % n2})`);
    }
    D.data.set(Ai.data, i * nn);
  });
  return denseOperator(`dense(${A.length}×${n1}×${n2})`, n1, n2, D);
}

/** Aᵢ with iid N(0, 1) entries (asymmetric sensing, for W = UVᵀ). */
export function iidGaussian(rng: Rng, n1: number, n2: number, m: number): MeasurementOperator {
  checkDims("iidGaussian", { n1, n2, m });
  const D = new Matrix(m, n1 * n2);
  rng.fillNormal(D.data);
  return denseOperator(`iid-gaussian(${m}×${n1}×${n2})`, n1, n2, D);
}
