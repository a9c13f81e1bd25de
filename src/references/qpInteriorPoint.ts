// A primal–dual interior-point method (Mehrotra predictor–corrector) for the
// norm-regularized QP
//   min ½‖w‖² + cᵀw  s.t.  G w ≥ h          (G m×d, w ∈ R^d)
// with slacks s = Gw − h ≥ 0 and multipliers z ≥ 0. KKT:
//   r_d = w + c − Gᵀz = 0,  r_p = Gw − s − h = 0,  s∘z = 0.
// Each Newton step eliminates Δs = GΔw + r_p and Δz = −S⁻¹r_c − DΔs (D = Z S⁻¹),
// leaving the d×d normal equations (I + GᵀDG)Δw = −r_d − Gᵀ(S⁻¹r_c + D r_p),
// solved by Cholesky: one factorization serves predictor and corrector, so an
// iteration costs m·d²/2 multiply-adds to form the matrix, whatever m is.
// Primal infeasibility shows as z growing along a Farkas ray (Gᵀz ≈ 0, hᵀz > 0),
// which is detected and returned as a certificate.
import { Matrix, cholesky, choleskySolve, norm2 } from "../linalg/index.ts";
import { dampedCholesky } from "./dampedCholesky.ts";
import { QpOperator } from "./qpOperator.ts";

export interface NormQp {
  /** constraint matrix, m×d */
  readonly G: Matrix;
  /** right-hand side, m */
  readonly h: Float64Array;
  /** linear cost (default 0) */
  readonly c?: Float64Array;
}

export interface QpIpmOptions {
  /** relative tolerance on the residuals and on the complementarity gap sᵀz (default 1e-11) */
  readonly tol?: number;
  /** default 100 */
  readonly maxIterations?: number;
  /**
   * when progress stalls (round-off: Δz on active rows is D·Δs with D ~ 1/μ, so the
   * stationarity residual has a floor near 1e-11), residuals below this still count as
   * optimal (default 1e-9); the result reports the residuals reached
   */
  readonly acceptTol?: number;
  /** continue from an interior point of this same problem (s, z > 0), e.g. a looser solve's result */
  readonly start?: { readonly w: Float64Array; readonly s: Float64Array; readonly z: Float64Array };
  /** false: form the normal matrix with the plain TypeScript kernel even where WebAssembly SIMD is available */
  readonly simd?: boolean;
}

export type QpIpmStatus = "optimal" | "infeasible" | "maxIterations" | "stalled";

export interface QpIpmResult {
  readonly status: QpIpmStatus;
  readonly w: Float64Array;
  /** slacks Gw − h (as iterated; recompute from w for a certificate) */
  readonly s: Float64Array;
  /** multipliers of G w ≥ h */
  readonly z: Float64Array;
  readonly iterations: number;
  /** ‖Gw − s − h‖∞ / (1 + ‖h‖∞) */
  readonly primalResidual: number;
  /** ‖w + c − Gᵀz‖∞ / (1 + ‖w‖∞ + ‖c‖∞) */
  readonly dualResidual: number;
  /** sᵀz / (1 + |½‖w‖² + cᵀw|) */
  readonly gap: number;
  /** when infeasible: λ ≥ 0 with hᵀλ = 1 and Gᵀλ ≈ 0 (Farkas: no w has Gw ≥ h) */
  readonly farkas?: Float64Array;
}

function normInf(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m || v !== v) m = v !== v ? NaN : v;
  }
  return m;
}

/** total weight of the rows left out of the normal matrix (see direction) */
const DROP = 1e-2;

/** largest α ∈ (0, 1] with x + αΔx ≥ 0 */
function maxStep(x: Float64Array, dx: Float64Array): number {
  let a = 1;
  for (let i = 0; i < x.length; i++) if (dx[i] < 0) a = Math.min(a, -x[i] / dx[i]);
  return a;
}

export function qpInteriorPoint(qp: NormQp, options: QpIpmOptions = {}): QpIpmResult {
  const { G, h } = qp;
  const m = G.rows, d = G.cols;
  const c = qp.c ?? new Float64Array(d);
  if (h.length !== m) throw new RangeError(`qpInteriorPoint: h has ${h.length} entries, G has ${m} rows`);
  if (c.length !== d) throw new RangeError(`qpInteriorPoint: c has ${c.length} entries, G has ${d} columns`);
  const tol = options.tol ?? 1e-11;
  const acceptTol = Math.max(tol, options.acceptTol ?? 1e-9);
  const maxIterations = options.maxIterations ?? 100;
  const hNorm = normInf(h), cNorm = normInf(c);

  const w = new Float64Array(d), s = new Float64Array(m), z = new Float64Array(m);
  const rd = new Float64Array(d), rp = new Float64Array(m), D = new Float64Array(m);
  const dw = new Float64Array(d), ds = new Float64Array(m), dz = new Float64Array(m);
  const dsAff = new Float64Array(m), dzAff = new Float64Array(m);
  const tm = new Float64Array(m), td = new Float64Array(d), Gw = new Float64Array(m), rhs = new Float64Array(d);
  const rc = new Float64Array(m);
  const M = new Matrix(d, d);
  const op = new QpOperator(G, { simd: options.simd });
  const Lbuf = new Matrix(d, d);
  // rows kept in the normal matrix; ‖gᵢ‖² to judge which ones are negligible
  const kept = new Int32Array(m);
  for (let i = 0; i < m; i++) kept[i] = i;
  const rowNorm2 = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let t = 0;
    for (let j = 0; j < d; j++) t += G.data[i * d + j] ** 2;
    rowNorm2[i] = t;
  }
  let keptCount = m;

  if (options.start) {
    const st = options.start;
    if (st.w.length !== d || st.s.length !== m || st.z.length !== m) throw new RangeError(`qpInteriorPoint: the start point has the wrong sizes for a ${m}×${d} problem`);
    for (let i = 0; i < m; i++) if (!(st.s[i] > 0 && st.z[i] > 0)) throw new RangeError(`qpInteriorPoint: the start point is not interior (s or z at index ${i} is not positive)`);
    w.set(st.w);
    s.set(st.s);
    z.set(st.z);
  } else {
    // w minimizes ½‖w‖² + cᵀw + ½‖Gw − h‖² (the KKT system with D = I), s̃ = Gw − h,
    // z̃ = −s̃, both shifted into the positive orthant as in CVXOPT
    D.fill(1);
    op.form(D, kept, m, M);
    op.mulT(h, td);
    for (let j = 0; j < d; j++) td[j] -= c[j];
    choleskySolve(cholesky(M), td, w);
    op.mul(w, Gw);
    let sMin = Infinity;
    for (let i = 0; i < m; i++) {
      s[i] = Gw[i] - h[i];
      sMin = Math.min(sMin, s[i], -s[i]);
    }
    const shift = sMin <= 0 ? 1 - sMin : 0;
    for (let i = 0; i < m; i++) {
      const v = s[i];
      s[i] = v + shift;
      z[i] = -v + shift;
    }
  }

  const result = (status: QpIpmStatus, iterations: number, farkas?: Float64Array): QpIpmResult => {
    const { primal, dual, gap } = residuals();
    return { status, w, s, z, iterations, primalResidual: primal, dualResidual: dual, gap, farkas };
  };

  // the best iterate so far (by the largest relative residual): late iterations can lose
  // stationarity to round-off, and a stalled run returns the best point it saw
  const best = { w: new Float64Array(d), s: new Float64Array(m), z: new Float64Array(m), merit: Infinity };

  /** no further progress: back to the best iterate; optimal if its residuals reached acceptTol, else stalled */
  function stop(it: number): QpIpmResult {
    if (best.merit < Infinity) {
      w.set(best.w);
      s.set(best.s);
      z.set(best.z);
    }
    const r = residuals();
    return result(r.primal <= acceptTol && r.dual <= acceptTol && r.gap <= acceptTol ? "optimal" : "stalled", it);
  }

  function residuals(): { primal: number; dual: number; gap: number; mu: number } {
    op.mul(w, Gw);
    for (let i = 0; i < m; i++) rp[i] = Gw[i] - s[i] - h[i];
    op.mulT(z, td);
    for (let j = 0; j < d; j++) rd[j] = w[j] + c[j] - td[j];
    let sz = 0, obj = 0;
    for (let i = 0; i < m; i++) sz += s[i] * z[i];
    for (let j = 0; j < d; j++) obj += 0.5 * w[j] * w[j] + c[j] * w[j];
    return {
      primal: normInf(rp) / (1 + hNorm),
      dual: normInf(rd) / (1 + normInf(w) + cNorm),
      gap: sz / (1 + Math.abs(obj)),
      mu: m > 0 ? sz / m : 0,
    };
  }

  /**
   * Δw, Δs, Δz for complementarity target r_c, with L the Cholesky factor of the normal
   * matrix M̃ formed from the kept rows. Iterative refinement against the exact operator:
   * the eliminated equations hold by construction, the stationarity one only as well as
   * M̃ approximates M = I + GᵀDG and is conditioned; its residual e = −r_d − Δw + GᵀΔz
   * (= rhs − MΔw) is removed by M̃δw = e, δs = Gδw, δz = −Dδs. The dropped rows weigh
   * at most δ in total against M̃ ⪰ I, so each pass shrinks the error by a factor δ.
   */
  function direction(L: Matrix, rc: Float64Array, outS: Float64Array, outZ: Float64Array): void {
    // rhs = −r_d − Gᵀ(S⁻¹r_c + D r_p)
    for (let i = 0; i < m; i++) tm[i] = rc[i] / s[i] + D[i] * rp[i];
    op.mulT(tm, td);
    for (let j = 0; j < d; j++) rhs[j] = -rd[j] - td[j];
    choleskySolve(L, rhs, dw);
    op.mul(dw, outS);
    for (let i = 0; i < m; i++) {
      outS[i] += rp[i];
      outZ[i] = -rc[i] / s[i] - D[i] * outS[i];
    }
    const rhsNorm = normInf(rhs);
    const passes = keptCount < m ? 12 : 2;
    for (let pass = 0; pass < passes; pass++) {
      op.mulT(outZ, td);
      for (let j = 0; j < d; j++) td[j] += -rd[j] - dw[j];
      if (pass > 0 && normInf(td) <= 1e-15 * rhsNorm) break;
      choleskySolve(L, td, td);
      for (let j = 0; j < d; j++) dw[j] += td[j];
      op.mul(td, tm);
      for (let i = 0; i < m; i++) {
        outS[i] += tm[i];
        outZ[i] -= D[i] * tm[i];
      }
    }
  }

  let bestMerit = Infinity, stall = 0;
  for (let it = 0; it < maxIterations; it++) {
    const r = residuals();
    if (r.primal <= tol && r.dual <= tol && r.gap <= tol) return result("optimal", it);
    if (!(Number.isFinite(r.primal) && Number.isFinite(r.dual) && Number.isFinite(r.gap))) return stop(it);
    // Farkas ray: z with hᵀz > 0 and ‖Gᵀz‖ tiny relative to hᵀz certifies primal infeasibility
    // (to within 1e-9: a feasible problem whose solution has ‖w‖ ≳ 1e9 looks the same)
    let hz = 0;
    for (let i = 0; i < m; i++) hz += h[i] * z[i];
    if (hz > 0) {
      op.mulT(z, td);
      if (norm2(td) <= 1e-9 * hz && normInf(z) > 1e6 * (1 + normInf(w))) {
        const lambda = Float64Array.from(z, (v) => v / hz);
        return result("infeasible", it, lambda);
      }
    }
    const merit = Math.max(r.primal, r.dual, r.gap);
    if (merit < best.merit) {
      best.w.set(w);
      best.s.set(s);
      best.z.set(z);
      best.merit = merit;
    }
    if (merit < 0.5 * bestMerit) {
      bestMerit = merit;
      stall = 0;
    } else if (++stall >= 15) {
      return stop(it);
    }

    // drop the rows whose weight Dᵢ‖gᵢ‖² is below δ/m (δ = 1e-2): they add at most δ to M ⪰ I
    keptCount = 0;
    for (let i = 0; i < m; i++) {
      D[i] = z[i] / s[i];
      if (D[i] * rowNorm2[i] > DROP / m) kept[keptCount++] = i;
    }
    op.form(D, kept, keptCount, M);
    // a tiny diagonal shift where round-off makes M numerically indefinite; refinement removes its effect
    const factor = dampedCholesky(M, Lbuf);
    if (!factor) return stop(it);
    const L = factor.L;
    // predictor (affine scaling): r_c = s∘z
    for (let i = 0; i < m; i++) rc[i] = s[i] * z[i];
    direction(L, rc, dsAff, dzAff);
    const aAff = Math.min(maxStep(s, dsAff), maxStep(z, dzAff));
    let muAff = 0;
    for (let i = 0; i < m; i++) muAff += (s[i] + aAff * dsAff[i]) * (z[i] + aAff * dzAff[i]);
    muAff /= m;
    const sigma = Math.pow(muAff / r.mu, 3);
    // corrector: r_c = s∘z + Δs_aff∘Δz_aff − σμ
    for (let i = 0; i < m; i++) rc[i] = s[i] * z[i] + dsAff[i] * dzAff[i] - sigma * r.mu;
    direction(L, rc, ds, dz);
    const alpha = Math.min(1, 0.99 * Math.min(maxStep(s, ds), maxStep(z, dz)));
    for (let j = 0; j < d; j++) w[j] += alpha * dw[j];
    for (let i = 0; i < m; i++) {
      s[i] += alpha * ds[i];
      z[i] += alpha * dz[i];
    }
  }
  const r = residuals();
  if (r.primal <= tol && r.dual <= tol && r.gap <= tol) return result("optimal", maxIterations);
  const stopped = stop(maxIterations);
  return stopped.status === "optimal" ? stopped : { ...stopped, status: "maxIterations" };
}
