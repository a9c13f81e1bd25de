// The ℓp max-margin direction (1 < p < ∞, no bias): argmin ‖w‖_p s.t. yᵢ⟨w, xᵢ⟩ ≥ 1,
// solved as min f = (1/p)Σⱼ(aⱼ^p + bⱼ^p) s.t. Z(a − b) ≥ 1, a, b ≥ 0, w = a − b (the same
// minimizer: aᵖ + bᵖ ≥ (a − b)ᵖ for a ≥ b ≥ 0, with equality only at b = 0). The split keeps
// the objective smooth where wⱼ crosses 0 (|w|^p has an infinite second derivative there for
// p < 2, which stalls Newton's method). Log-barrier method:
//   φ_t = t f − Σᵢ log sᵢ − Σⱼ (log aⱼ + log bⱼ),  s = Z(a − b) − 1,
// centred by damped Newton steps on the 2d×2d system [[H_a + K, −K], [−K, H_b + K]],
// K = Zᵀ diag(1/s²) Z, H_a = diag(t(p − 1)a^{p−2} + 1/a²); t is raised 16× per centring
// until the barrier's gap estimate (n + 2d)/t is below gapTol·‖w‖_p^p. The multipliers
// α = 1/(t s) then certify the answer through norm duality (svmCertificate.ts).
// Start: the ℓ2 SVM solution scaled by 1.5 (strictly feasible), unless a start is given.
import { Matrix, normInf } from "../linalg/index.ts";
import { dampedCholeskySolve } from "./dampedCholesky.ts";
import { hardMarginSvm } from "./svmL2.ts";
import { checkClassification, marginsOf, maxMarginCertificate, maxMarginSolution, signedRowsOf, type MaxMarginSolution } from "./svmCertificate.ts";

export interface MaxMarginPOptions {
  /** certificate tolerance (default 1e-8) */
  readonly tol?: number;
  /** stop when the barrier's relative gap estimate (n + 2d)/(t‖w‖_p^p) is below this (default 1e-11) */
  readonly gapTol?: number;
  /** Newton steps in all (default 2000) */
  readonly maxNewton?: number;
  /** a strictly feasible start (every margin > 1) */
  readonly w0?: Float64Array;
}

/**
 * out ← H⁻¹g for symmetric positive definite H by Cholesky after Jacobi scaling
 * (H̃ = S H S, S = diag(Hⱼⱼ)^{−½}): the barrier terms 1/xⱼ² span many decades, and
 * any damping must be relative to each variable's own scale. H is overwritten.
 */
function scaledSolve(H: Matrix, g: Float64Array, out: Float64Array): boolean {
  const m = H.rows, h = H.data;
  const sc = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    if (!(h[j * m + j] > 0)) return false;
    sc[j] = 1 / Math.sqrt(h[j * m + j]);
  }
  for (let j = 0; j < m; j++) for (let k = 0; k < m; k++) h[j * m + k] *= sc[j] * sc[k];
  const r = Float64Array.from(g, (v, j) => v * sc[j]);
  if (dampedCholeskySolve(H, r, out) === "failed") return false;
  for (let j = 0; j < m; j++) out[j] *= sc[j];
  return true;
}

export function maxMarginLp(X: Matrix, y: Float64Array, p: number, options: MaxMarginPOptions = {}): MaxMarginSolution {
  const where = "maxMarginLp";
  checkClassification(where, X, y);
  if (!(p > 1 && p < Infinity)) throw new RangeError(`${where}: p must be a number in (1, ∞), got ${p}; use maxMarginL1 or maxMarginLinf for p = 1 or ∞`);
  const n = X.rows, d = X.cols;
  const gapTol = options.gapTol ?? 1e-11;
  const maxNewton = options.maxNewton ?? 2000;
  const Z = signedRowsOf(X, y, Int32Array.from({ length: n }, (_, i) => i));
  const z = Z.data;

  const w = new Float64Array(d);
  if (options.w0) {
    if (options.w0.length !== d) throw new RangeError(`${where}: w0 has ${options.w0.length} entries, the data have ${d} features`);
    w.set(options.w0);
  } else {
    const svm = hardMarginSvm(X, y);
    for (let j = 0; j < d; j++) w[j] = 1.5 * svm.solution[j];
  }
  const s = new Float64Array(n), zd = new Float64Array(n);
  marginsOf(X, y, w, s);
  for (let i = 0; i < n; i++) {
    s[i] -= 1;
    if (!(s[i] > 0)) throw new RangeError(`${where}: the start is not strictly feasible (margin of example ${i} is ${s[i] + 1} ≤ 1)`);
  }
  // x = (a, b) with a − b = w
  const m = 2 * d;
  const x = new Float64Array(m), xNew = new Float64Array(m), step = new Float64Array(m), g = new Float64Array(m);
  const delta = 0.1 * normInf(w) + 1e-300;
  for (let j = 0; j < d; j++) {
    x[j] = Math.max(w[j], 0) + delta;
    x[d + j] = Math.max(-w[j], 0) + delta;
  }
  const f = (v: Float64Array) => {
    let t = 0;
    for (let j = 0; j < m; j++) t += Math.pow(v[j], p);
    return t / p;
  };
  const K = new Matrix(d, d), H = new Matrix(m, m), dw = new Float64Array(d);
  const barriers = n + m;
  let t = barriers / f(x);
  let newton = 0, centrings = 0;
  for (;;) {
    // centre: minimize φ_t from the current x
    for (;;) {
      if (newton >= maxNewton) throw new Error(`${where}: no convergence after ${maxNewton} Newton steps (p = ${p}); the problem may be badly scaled`);
      // K = Zᵀ diag(1/s²) Z and c = Zᵀ(1/s)
      K.data.fill(0);
      const c = dw.fill(0);
      for (let i = 0; i < n; i++) {
        const inv = 1 / s[i], o = i * d;
        const inv2 = inv * inv;
        for (let j = 0; j < d; j++) {
          const zj = z[o + j];
          c[j] += inv * zj;
          const a = inv2 * zj;
          const r = j * d;
          for (let k = 0; k <= j; k++) K.data[r + k] += a * z[o + k];
        }
      }
      H.data.fill(0);
      for (let j = 0; j < d; j++) {
        for (let k = 0; k <= j; k++) {
          const v = K.data[j * d + k];
          H.data[j * m + k] = v; // a–a block
          H.data[(d + j) * m + d + k] = v; // b–b block
          H.data[(d + j) * m + k] = -v; // b–a block
          H.data[(d + k) * m + j] = -v;
        }
      }
      for (let j = 0; j < m; j++) {
        const v = x[j];
        // −∇φ: Zᵀ(1/s) pushes a up and b down
        g[j] = -(t * Math.pow(v, p - 1) - 1 / v + (j < d ? -c[j] : c[j - d]));
        H.data[j * m + j] += t * (p - 1) * Math.pow(v, p - 2) + 1 / (v * v);
      }
      for (let j = 0; j < m; j++) for (let k = 0; k < j; k++) H.data[k * m + j] = H.data[j * m + k];
      if (!scaledSolve(H, g, step)) throw new Error(`${where}: the Newton system could not be factored (p = ${p})`);
      newton++;
      let lambda2 = 0;
      for (let j = 0; j < m; j++) lambda2 += g[j] * step[j];
      if (lambda2 / 2 <= 1e-11) break;
      // largest step keeping a, b and every slack positive, then backtracking on Δφ as a sum of differences
      for (let j = 0; j < d; j++) dw[j] = step[j] - step[d + j];
      marginsOf(X, y, dw, zd);
      let a = 1;
      for (let i = 0; i < n; i++) if (zd[i] < 0) a = Math.min(a, (-0.99 * s[i]) / zd[i]);
      for (let j = 0; j < m; j++) if (step[j] < 0) a = Math.min(a, (-0.99 * x[j]) / step[j]);
      let accepted = false;
      for (let k = 0; k < 60; k++) {
        for (let j = 0; j < m; j++) xNew[j] = x[j] + a * step[j];
        // t·(f(x + aΔ) − f(x)) term by term, xʲ·expm1(p·log1p(aΔⱼ/xⱼ)): a difference of the
        // sums would carry an error of t·f·ε, above the decrease sought once t ≳ 1e10
        let df = 0;
        for (let j = 0; j < m; j++) df += Math.pow(x[j], p) * Math.expm1(p * Math.log1p((a * step[j]) / x[j]));
        let dphi = (t * df) / p;
        for (let i = 0; i < n; i++) dphi -= Math.log1p((a * zd[i]) / s[i]);
        for (let j = 0; j < m; j++) dphi -= Math.log1p((a * step[j]) / x[j]);
        if (dphi <= -0.25 * a * lambda2) {
          accepted = true;
          break;
        }
        a *= 0.5;
      }
      // round-off floor: no acceptable step, or only a sliver of one at a decrement this small
      if (!accepted || (a < 1e-4 && lambda2 < 1e-8)) break;
      x.set(xNew);
      for (let i = 0; i < n; i++) s[i] += a * zd[i];
    }
    centrings++;
    if (barriers / (t * p * f(x)) <= gapTol) break;
    t *= 16;
  }
  for (let j = 0; j < d; j++) w[j] = x[j] - x[d + j];
  const alpha = Float64Array.from(s, (v) => 1 / (t * v));
  // onto the boundary: w / minᵢ uᵢ is feasible with a smaller norm
  marginsOf(X, y, w, s);
  let minU = Infinity;
  for (let i = 0; i < n; i++) minU = Math.min(minU, s[i]);
  for (let j = 0; j < d; j++) w[j] /= minU;
  const cert = maxMarginCertificate(X, y, w, alpha, p, options.tol ?? 1e-8);
  return maxMarginSolution(`min ‖w‖_${p} s.t. yᵢ⟨w, xᵢ⟩ ≥ 1`, X, y, w, alpha, p, {
    ...cert,
    iterations: newton,
    details: { ...cert.details, solver: "log-barrier Newton", centrings, barrierT: t },
  });
}
