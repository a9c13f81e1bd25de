// Commuting measurements: Aᵢ = Q diag(dᵢ) Qᵀ with one orthogonal Q shared by all i (simultaneously
// diagonalizable), so AᵢAⱼ = AⱼAᵢ. With v = diag(QᵀWQ),
//   ⟨Aᵢ, W⟩ = Σ_k d_ik v_k,   A*(r) = Q diag(Dᵀr) Qᵀ   (D the m×n matrix of diagonals).
// The diagonal case Q = I needs no products with Q: ⟨Aᵢ, W⟩ = Σ_k d_ik W_kk.
import { Matrix, qr } from "../../linalg/index.ts";
import type { Rng } from "../../random/index.ts";
import { checkDims, checkIndex, checkLengths, checkSubset, measurementOut, type MeasurementOperator } from "./operator.ts";

/** A commuting operator that also exposes its common eigenbasis and the eigenvalues of each Aᵢ. */
export interface CommutingOperator extends MeasurementOperator {
  /** Q (n×n orthogonal); null for the diagonal case Q = I */
  readonly basis: Matrix | null;
  /** D (m×n): row i holds the eigenvalues of Aᵢ in the basis Q */
  readonly diagonals: Matrix;
}

/** A Haar-distributed orthogonal n×n matrix: QR of a Gaussian matrix with R's diagonal made positive. */
export function randomOrthogonal(rng: Rng, n: number): Matrix {
  checkDims("randomOrthogonal", { n });
  const G = new Matrix(n, n);
  rng.fillNormal(G.data);
  const { Q, R } = qr(G);
  for (let k = 0; k < n; k++) {
    if (R.data[k * n + k] < 0) for (let a = 0; a < n; a++) Q.data[a * n + k] = -Q.data[a * n + k];
  }
  return Q;
}

/**
 * Diagonal measurements Aᵢ = diag(dᵢ): from a random draw (dᵢ iid N(0, I)) or from the given m×n
 * matrix of diagonals (copied).
 */
export function diagonalMeasurements(rng: Rng, n: number, m: number): CommutingOperator;
export function diagonalMeasurements(diagonals: Matrix): CommutingOperator;
export function diagonalMeasurements(src: Rng | Matrix, n?: number, m?: number): CommutingOperator {
  const D = diagonalsFrom("diagonalMeasurements", src, n, m);
  return commutingOperator(`diagonal(${D.rows}×${D.cols})`, null, D);
}

/**
 * Simultaneously diagonalizable measurements Aᵢ = Q diag(dᵢ) Qᵀ: from a random draw (Q Haar orthogonal,
 * dᵢ iid N(0, I)) or from a given orthogonal Q and m×n diagonals (both copied; Q is checked to be orthogonal).
 */
export function commutingMeasurements(rng: Rng, n: number, m: number): CommutingOperator;
export function commutingMeasurements(basis: Matrix, diagonals: Matrix): CommutingOperator;
export function commutingMeasurements(src: Rng | Matrix, a: number | Matrix, m?: number): CommutingOperator {
  if (src instanceof Matrix) {
    if (!(a instanceof Matrix)) throw new TypeError("commutingMeasurements(basis, diagonals): diagonals must be a Matrix");
    const n = src.rows;
    if (src.cols !== n) throw new RangeError(`commutingMeasurements: the basis is ${src.rows}×${src.cols}, it must be square`);
    if (a.cols !== n) throw new RangeError(`commutingMeasurements: the diagonals have ${a.cols} columns, the basis is ${n}×${n}`);
    checkOrthogonal(src);
    return commutingOperator(`commuting(${a.rows}×${n}×${n})`, src.clone(), diagonalsFrom("commutingMeasurements", a));
  }
  if (typeof a !== "number") throw new TypeError("commutingMeasurements(rng, n, m): n must be a number");
  checkDims("commutingMeasurements", { n: a, m: m! });
  const Q = randomOrthogonal(src, a);
  return commutingOperator(`commuting(${m}×${a}×${a})`, Q, diagonalsFrom("commutingMeasurements", src, a, m));
}

function diagonalsFrom(where: string, src: Rng | Matrix, n?: number, m?: number): Matrix {
  if (src instanceof Matrix) {
    checkDims(where, { m: src.rows, n: src.cols });
    for (let p = 0; p < src.data.length; p++) {
      if (!Number.isFinite(src.data[p])) throw new RangeError(`${where}: diagonal entry (${Math.floor(p / src.cols)}, ${p % src.cols}) is ${src.data[p]}`);
    }
    return src.clone();
  }
  checkDims(where, { n: n!, m: m! });
  const D = new Matrix(m!, n!);
  src.fillNormal(D.data);
  return D;
}

function checkOrthogonal(Q: Matrix): void {
  const n = Q.rows, q = Q.data;
  let worst = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[k * n + a] * q[k * n + b];
      worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  if (!(worst <= 1e-10 * n)) throw new RangeError(`commutingMeasurements: the basis is not orthogonal (max |QᵀQ − I| = ${worst.toExponential(2)})`);
}

function commutingOperator(name: string, Q: Matrix | null, D: Matrix): CommutingOperator {
  const m = D.rows, n = D.cols, d = D.data;
  const q = Q === null ? null : Q.data;
  const v = new Float64Array(n); // diag(QᵀWQ), or diag(Dᵀr)
  const T = new Float64Array(n * n); // W Q

  /** v ← diag(QᵀWQ) (= diag(W) when Q = I) */
  function spectrum(W: Float64Array): void {
    if (q === null) {
      for (let k = 0; k < n; k++) v[k] = W[k * n + k];
      return;
    }
    T.fill(0);
    for (let a = 0; a < n; a++) {
      const oa = a * n;
      for (let b = 0; b < n; b++) {
        const wab = W[oa + b];
        if (wab === 0) continue;
        const ob = b * n;
        for (let k = 0; k < n; k++) T[oa + k] += wab * q[ob + k];
      }
    }
    v.fill(0);
    for (let a = 0; a < n; a++) {
      const oa = a * n;
      for (let k = 0; k < n; k++) v[k] += q[oa + k] * T[oa + k];
    }
  }
  /** out ← Q diag(v) Qᵀ */
  function synthesize(out: Float64Array): Float64Array {
    out.fill(0);
    if (q === null) {
      for (let k = 0; k < n; k++) out[k * n + k] = v[k];
      return out;
    }
    for (let a = 0; a < n; a++) {
      const oa = a * n;
      for (let b = a; b < n; b++) {
        const ob = b * n;
        let s = 0;
        for (let k = 0; k < n; k++) s += q[oa + k] * v[k] * q[ob + k];
        out[oa + b] = s;
        out[ob + a] = s;
      }
    }
    return out;
  }
  function row(i: number): number {
    const o = i * n;
    let s = 0;
    for (let k = 0; k < n; k++) s += d[o + k] * v[k];
    return s;
  }

  const op: CommutingOperator = {
    name, n1: n, n2: n, m, symmetric: true, basis: Q, diagonals: D,
    apply(W, out) {
      checkLengths(op, "apply", W.length, out.length);
      spectrum(W);
      for (let i = 0; i < m; i++) out[i] = row(i);
      return out;
    },
    adjoint(r, out) {
      checkLengths(op, "adjoint", out.length, r.length);
      v.fill(0);
      for (let i = 0; i < m; i++) {
        const ri = r[i], o = i * n;
        if (ri !== 0) for (let k = 0; k < n; k++) v[k] += ri * d[o + k];
      }
      return synthesize(out);
    },
    applySubset(W, idx, count, out) {
      checkSubset(op, "applySubset", W.length, idx, count, out.length);
      spectrum(W);
      for (let k = 0; k < count; k++) out[k] = row(idx[k]);
      return out;
    },
    adjointSubset(r, idx, count, out) {
      checkSubset(op, "adjointSubset", out.length, idx, count, r.length);
      v.fill(0);
      for (let c = 0; c < count; c++) {
        const rc = r[c], o = idx[c] * n;
        if (rc !== 0) for (let k = 0; k < n; k++) v[k] += rc * d[o + k];
      }
      return synthesize(out);
    },
    measurement(i, out) {
      checkIndex(op, i);
      const M = measurementOut(op, out);
      for (let k = 0; k < n; k++) v[k] = d[i * n + k];
      synthesize(M.data);
      return M;
    },
  };
  return op;
}
