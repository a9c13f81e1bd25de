// Shared pieces of the max-margin programs (no bias):
//   min ‖w‖ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1        (primal; the max-margin direction is ŵ/‖ŵ‖, margin 1/‖ŵ‖)
//   max 1ᵀα s.t. α ≥ 0, ‖Zᵀα‖_* ≤ 1    (dual; rows zᵢ = yᵢxᵢ, ‖·‖_* the dual norm)
// Weak duality 1ᵀα ≤ ⟨Zᵀα, w⟩ ≤ ‖w‖ for feasible pairs makes the gap a certificate
// for every norm: any α ≥ 0 rescaled to ‖Zᵀα‖_* = 1 is dual feasible.
import { Matrix, dualExponent, normP } from "../linalg/index.ts";
import { checkBinaryLabels } from "../data/index.ts";
import type { Certificate, ReferenceSolution } from "./types.ts";

/** A max-margin reference: ŵ = argmin ‖w‖_p s.t. margins ≥ 1, with its margin and direction. */
export interface MaxMarginSolution extends ReferenceSolution {
  /** the norm of the program (1, 2, Infinity, or any p > 1) */
  readonly p: number;
  /** the max-margin value γ = max_{‖w‖_p ≤ 1} minᵢ yᵢ⟨w, xᵢ⟩ = 1/‖ŵ‖_p (measured: minᵢ uᵢ/‖ŵ‖_p) */
  readonly margin: number;
  /** ŵ/‖ŵ‖_p */
  readonly direction: Float64Array;
  /** examples with multipliers above 1e-9·max α (in increasing order) */
  readonly supportVectors: Int32Array;
}

/** Throws RangeError for shape mismatches, non-finite entries and labels other than ±1. */
export function checkClassification(where: string, X: Matrix, y: Float64Array): void {
  checkBinaryLabels(where, X, y);
  if (X.rows === 0) throw new RangeError(`${where}: the data set has no examples`);
  if (X.cols === 0) throw new RangeError(`${where}: the data have no features`);
  for (let i = 0; i < X.data.length; i++) {
    if (!Number.isFinite(X.data[i])) throw new RangeError(`${where}: X has a non-finite entry at (${Math.floor(i / X.cols)}, ${i % X.cols})`);
  }
}

/** Z with rows zᵢ = yᵢxᵢ */
export function signedRows(X: Matrix, y: Float64Array): Matrix {
  const Z = new Matrix(X.rows, X.cols);
  const d = X.cols;
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < d; j++) Z.data[i * d + j] = y[i] * X.data[i * d + j];
  return Z;
}

/** uᵢ ← yᵢ⟨xᵢ, w⟩ */
export function marginsOf(X: Matrix, y: Float64Array, w: Float64Array, out: Float64Array = new Float64Array(X.rows)): Float64Array {
  const { rows, cols, data } = X;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += data[i * cols + j] * w[j];
    out[i] = y[i] * s;
  }
  return out;
}

/** out ← Σᵢ cᵢ yᵢxᵢ = Zᵀc */
export function combineRows(X: Matrix, y: Float64Array, c: Float64Array, out: Float64Array = new Float64Array(X.cols)): Float64Array {
  const { rows, cols, data } = X;
  out.fill(0);
  for (let i = 0; i < rows; i++) {
    const a = c[i] * y[i];
    if (a === 0) continue;
    for (let j = 0; j < cols; j++) out[j] += a * data[i * cols + j];
  }
  return out;
}

/** the rows yᵢxᵢ for i in idx, as a matrix */
export function signedRowsOf(X: Matrix, y: Float64Array, idx: ArrayLike<number>): Matrix {
  const d = X.cols;
  const out = new Matrix(idx.length, d);
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r];
    for (let j = 0; j < d; j++) out.data[r * d + j] = y[i] * X.data[i * d + j];
  }
  return out;
}

export function supportOf(alpha: Float64Array): Int32Array {
  let max = 0;
  for (const a of alpha) max = Math.max(max, a);
  const idx: number[] = [];
  for (let i = 0; i < alpha.length; i++) if (alpha[i] > 1e-9 * max) idx.push(i);
  return Int32Array.from(idx);
}

/**
 * Norm-duality certificate of (w, α) for min ‖w‖_p s.t. Zw ≥ 1, measured on the data:
 *   primal residual  max(0, 1 − minᵢ uᵢ)                       (constraint violation)
 *   dual residual    max(0, −minᵢ αᵢ)/maxᵢ|αᵢ|                  (sign violation of α)
 *   duality gap      (‖w‖_p − 1ᵀα̃)/‖w‖_p, α̃ = α₊/‖Zᵀα₊‖_q    (≥ 0 up to the primal residual)
 *   complementarity  Σ α̃ᵢ|uᵢ − 1| / 1ᵀα̃                       (multiplier mass off the margin)
 */
export function maxMarginCertificate(X: Matrix, y: Float64Array, w: Float64Array, alpha: Float64Array, p: number, tol = 1e-8): Certificate {
  const n = X.rows;
  const u = marginsOf(X, y, w);
  let minU = Infinity;
  for (const v of u) minU = Math.min(minU, v);
  const primalResidual = Math.max(0, 1 - minU);
  let maxA = 0, minA = Infinity;
  for (const a of alpha) {
    maxA = Math.max(maxA, Math.abs(a));
    minA = Math.min(minA, a);
  }
  const dualResidual = maxA > 0 ? Math.max(0, -minA) / maxA : 1;
  const alphaPlus = Float64Array.from(alpha, (a) => Math.max(0, a));
  let sumA = 0;
  for (const a of alphaPlus) sumA += a;
  const v = combineRows(X, y, alphaPlus);
  const q = dualExponent(p);
  const vNorm = normP(v, q);
  const primalObjective = normP(w, p);
  const dualObjective = vNorm > 0 ? sumA / vNorm : 0;
  const dualityGap = primalObjective > 0 ? (primalObjective - dualObjective) / primalObjective : Infinity;
  let comp = 0;
  for (let i = 0; i < n; i++) comp += Math.max(0, alpha[i]) * Math.abs(u[i] - 1);
  const complementarity = sumA > 0 ? comp / sumA : Infinity;
  const ok = primalResidual <= tol && dualResidual <= tol && Math.abs(dualityGap) <= tol && complementarity <= tol;
  return {
    kind: `max-margin duality (ℓ${p === Infinity ? "∞" : p} norm, dual ℓ${q === Infinity ? "∞" : q})`,
    primalResidual,
    dualResidual,
    dualityGap,
    primalObjective,
    dualObjective,
    ok,
    details: { complementarity, minMargin: minU, supportVectors: supportOf(alpha).length },
  };
}

/** Assembles a MaxMarginSolution from ŵ, α and a certificate. */
export function maxMarginSolution(program: string, X: Matrix, y: Float64Array, w: Float64Array, alpha: Float64Array, p: number, certificate: Certificate): MaxMarginSolution {
  const nw = normP(w, p);
  const u = marginsOf(X, y, w);
  let minU = Infinity;
  for (const v of u) minU = Math.min(minU, v);
  return {
    program,
    solution: w,
    certificate,
    dual: alpha,
    p,
    margin: minU / nw,
    direction: Float64Array.from(w, (v) => v / nw),
    supportVectors: supportOf(alpha),
  };
}
