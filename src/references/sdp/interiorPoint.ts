// Primal-dual interior-point method for the SDP of ./types.ts on the homogeneous self-dual embedding
//   A(X) − bτ = 0,   A*(y) + S − Cτ = 0,   bᵀy − ⟨C, X⟩ − κ = 0,   X, S ∈ K, τ, κ ≥ 0,
// started at X = S = I, τ = κ = 1, y = 0 and solved like CVXOPT's conelp: Nesterov–Todd scaling, Mehrotra
// predictor–corrector, one step length for all variables. At a solution with τ > 0, (X, y, S)/τ is optimal; when
// τ → 0 with κ > 0, y (bᵀy > 0) or X (⟨C, X⟩ < 0) is a certificate of primal or dual infeasibility.
//
// NT scaling of a PSD block: R with Rᵀ S R = R⁻¹ X R⁻ᵀ = Λ (diagonal), kept as R, Rᵀ and R⁻ᵀ; W = R Rᵀ satisfies
// W S W = X. Scaled directions ΔX̃ = R⁻¹ΔX R⁻ᵀ, ΔS̃ = Rᵀ ΔS R; the linearized complementarity Λ∘(ΔX̃ + ΔS̃) = r
// (U∘V = (UV + VU)/2) gives ΔX̃ + ΔS̃ = H with H_pq = 2 r_pq/(λ_p + λ_q). Eliminating ΔS and ΔX leaves
// M Δy = … with Mᵢⱼ = tr(Aᵢ W Aⱼ W) (./schur.ts), solved by pivoted Cholesky, plus a scalar equation for Δτ.
// The embedding couples Δτ to everything through C; C̃ = RᵀCR and A(WCW) are O(1/μ) near the end, and formulas
// using them cancel catastrophically. Writing Cτ = A*(y) + S + r_d instead, C̃ = Ã*(y)/τ + D̃ with
// D̃ = (Λ + r̃_d)/τ, every quantity below is small, and the ray part (Δτ/τ)·y of Δy is added exactly.
// After a step, Λ + αΔX̃ = L₁L₁ᵀ, Λ + αΔS̃ = L₂L₂ᵀ, L₂ᵀL₁ = UΣVᵀ give the new scaling R⁺ = R L₁ V Σ^{-1/2},
// R⁺⁻ᵀ = R⁻ᵀ L₂ U Σ^{-1/2}, Λ⁺ = Σ (CVXOPT's update, no factorization of the ill-conditioned X, S themselves).
// The orthant is the diagonal case: w = √(x/s), λ = √(xs).
import { Matrix, eigSymInto, EigSymWorkspace, svd } from "../../linalg/index.ts";
import { applyA, applyAdjoint, compileSdp, coneDot, coneNorm, zeroCone, type Cone, type CompiledSdp } from "./compile.ts";
import { PivotedCholesky, choleskyInPlace, clearUpper, congruence, congruenceT, gemmNTInto, scaledGram, transposeInto } from "./kernels.ts";
import { formSchur, SchurWorkspace } from "./schur.ts";
import { sdpCertificateCompiled } from "./certificate.ts";
import { SdpError, type SdpOptions, type SdpProblem, type SdpSolution, type SdpStatus } from "./types.ts";

/** fraction of the distance to the boundary taken by a step */
const STEP = 0.99;
/** centering exponent: σ = (1 − α_affine)³ */
const EXPON = 3;
/** pivot of the constraints' Gram matrix (scaled to unit diagonal) below which a constraint counts as dependent */
const DEPENDENT_PIVOT = 1e-12;
/** Schur pivot, relative to the largest diagonal entry, below which a row is skipped as numerically dependent */
const SKIP_PIVOT = 1e-13;
/** iterations without a halving of max(primal residual, dual residual, gap) that make a stall */
const NO_PROGRESS = 12;
/**
 * when the method stalls or fails, an infeasibility certificate this accurate is reported instead: near τ = 0 the
 * Newton systems lose accuracy before the certificate reaches tol
 */
const INFEASIBLE_FALLBACK = 1e-6;
/** a step shorter than this is a stall */
const MIN_STEP = 1e-9;

interface Directions {
  readonly dX: Cone;
  readonly dS: Cone;
  readonly dy: Float64Array;
  dtau: number;
  dkappa: number;
}

function directions(P: CompiledSdp): Directions {
  return { dX: zeroCone(P.sizes, P.l), dS: zeroCone(P.sizes, P.l), dy: new Float64Array(P.m), dtau: 0, dkappa: 0 };
}

/** Solves min ⟨C, X⟩ s.t. ⟨Aᵢ, X⟩ = bᵢ, X ∈ K and its dual; throws SdpError when no optimal solution is reached. */
export function solveSdp(problem: SdpProblem, options: SdpOptions = {}): SdpSolution {
  const layout = options.layout ?? "auto";
  if (layout !== "auto" && layout !== "dense" && layout !== "sparse") throw new RangeError(`sdp: layout must be "auto", "dense" or "sparse", got ${String(layout)}`);
  const P = compileSdp(problem, layout);
  return new InteriorPoint(P, options).run();
}

class InteriorPoint {
  private readonly P: CompiledSdp;
  private readonly tol: number;
  private readonly maxIterations: number;
  private readonly onIteration: SdpOptions["onIteration"];
  private readonly m: number;
  private readonly sizes: readonly number[];
  private readonly l: number;
  /** cone degree Σ nₖ + l */
  private readonly degree: number;
  private readonly normB: number;
  private readonly normC: number;

  // NT scaling of each PSD block and the orthant
  private readonly R: Float64Array[];
  private readonly Rt: Float64Array[];
  private readonly Rit: Float64Array[];
  private readonly W: Float64Array[];
  private readonly lam: Float64Array[];
  private readonly w: Float64Array;
  private readonly lamLin: Float64Array;
  private readonly y: Float64Array;
  private tau = 1;
  private kappa = 1;
  /** the most accurate infeasibility certificates seen (relative residuals, Infinity when none) */
  private bestPinf = Infinity;
  private bestDinf = Infinity;

  // per-iteration data
  private readonly X: Cone;
  private readonly S: Cone;
  private readonly rd: Cone;
  private readonly rdT: Cone;
  /** D̃ = (Λ + r̃_d)/τ, the part of C̃ outside the span of the scaled constraints */
  private readonly Dt: Cone;
  private readonly rp: Float64Array;
  private rg = 0;
  private readonly M: Float64Array;
  private readonly schur: SchurWorkspace;
  private readonly chol: PivotedCholesky;
  /** v′ = M⁻¹(g_D + b) with g_D = A(R D̃ Rᵀ) */
  private readonly v: Float64Array;
  /** g_D − b */
  private readonly q: Float64Array;
  /** the Δτ coefficient (g_D − b)ᵀv′ − ‖D̃‖² − κ/τ (negative) */
  private den = 0;
  /** Schur rows skipped as numerically dependent in the last factorization */
  private skipped = 0;

  // scratch
  private readonly H: Cone;
  private readonly E: Cone;
  private readonly U: Cone;
  private readonly Z: Cone;
  private readonly vecM: Float64Array;
  private readonly t1: Float64Array[];
  private readonly t2: Float64Array[];
  private readonly eigWs: EigSymWorkspace[];
  private readonly eigVals: Float64Array[];
  /** Matrix views of t2, for the eigenvalue solver */
  private readonly t2Mat: Matrix[];
  private readonly aff: Directions;
  private readonly dir: Directions;

  constructor(P: CompiledSdp, options: SdpOptions) {
    this.P = P;
    this.tol = options.tol ?? 1e-9;
    if (!(this.tol > 0 && this.tol < 1)) throw new RangeError(`sdp: tol must be in (0, 1), got ${this.tol}`);
    this.maxIterations = options.maxIterations ?? 100;
    if (!(Number.isInteger(this.maxIterations) && this.maxIterations >= 1)) throw new RangeError(`sdp: maxIterations must be a positive integer, got ${this.maxIterations}`);
    this.onIteration = options.onIteration;
    const { m, sizes, l } = P;
    this.m = m;
    this.sizes = sizes;
    this.l = l;
    this.degree = sizes.reduce((a, n) => a + n, 0) + l;
    this.normB = Math.sqrt(dot(P.b, P.b));
    this.normC = coneNorm(P.C);
    const sq = (n: number) => sizes.map((k) => new Float64Array(k * k * n));
    const ident = () => sizes.map((n) => {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) a[i * n + i] = 1;
      return a;
    });
    this.R = ident();
    this.Rt = ident();
    this.Rit = ident();
    this.W = ident();
    this.lam = sizes.map((n) => new Float64Array(n).fill(1));
    this.w = new Float64Array(l).fill(1);
    this.lamLin = new Float64Array(l).fill(1);
    this.y = new Float64Array(m);
    const cone = () => zeroCone(sizes, l);
    this.X = cone();
    this.S = cone();
    this.rd = cone();
    this.rdT = cone();
    this.Dt = cone();
    this.H = cone();
    this.E = cone();
    this.U = cone();
    this.Z = cone();
    this.rp = new Float64Array(m);
    this.M = new Float64Array(m * m);
    this.schur = new SchurWorkspace(P, { simd: options.simd });
    this.chol = new PivotedCholesky(m);
    this.v = new Float64Array(m);
    this.q = new Float64Array(m);
    this.vecM = new Float64Array(m);
    this.t1 = sq(1);
    this.t2 = sq(1);
    this.eigWs = sizes.map((n) => new EigSymWorkspace(n));
    this.eigVals = sizes.map((n) => new Float64Array(n));
    this.t2Mat = sizes.map((n, k) => new Matrix(n, n, this.t2[k]));
    this.aff = directions(P);
    this.dir = directions(P);
  }

  run(): SdpSolution {
    const start = performance.now();
    const { P, tol } = this;
    let reached = { primalResidual: Infinity, dualResidual: Infinity, gap: Infinity };
    let step = 0, best = Infinity, bestIt = 0;
    for (let it = 0; ; it++) {
      // current point and the residuals of the embedding
      this.formPoint();
      const { X, S, rd, rp, y, tau, kappa } = this;
      applyA(P, X, rp);
      for (let i = 0; i < this.m; i++) rp[i] = P.b[i] * tau - rp[i];
      applyAdjoint(P, y, rd);
      forEachEntry(rd, (U, t) => { U[t] = -U[t]; });
      addScaled(rd, P.C, tau);
      addScaled(rd, S, -1);
      // rd = Cτ − A*(y) − S; rp = bτ − A(X)
      const cx = coneDot(P.C, X), by = dot(P.b, y);
      this.rg = by - cx - kappa;
      const sx = this.complementarity();
      const mu = (sx + tau * kappa) / (this.degree + 1);
      const pobj = cx / tau, dobj = by / tau;
      const pres = norm(rp) / tau / (1 + this.normB);
      const dres = coneNorm(rd) / tau / (1 + this.normC);
      const gap = Math.max(Math.abs(pobj - dobj), sx / (tau * tau)) / Math.max(1, Math.abs(pobj));
      reached = { primalResidual: pres, dualResidual: dres, gap };
      this.onIteration?.({ iteration: it, primalResidual: pres, dualResidual: dres, gap, primalObjective: pobj, dualObjective: dobj, step, mu });
      if (pres <= tol && dres <= tol && gap <= tol) return this.finish(it, start);
      this.checkInfeasible(it, cx, by, reached);
      if (it >= this.maxIterations) {
        this.fail("iteration limit", `sdp: no solution within ${this.maxIterations} iterations (${describe(reached)}); raise maxIterations or loosen tol`, it, reached);
      }
      const merit = Math.max(pres, dres, gap);
      if (merit < 0.5 * best) {
        best = merit;
        bestIt = it;
      } else if (it - bestIt >= NO_PROGRESS) {
        this.fail("stalled", `sdp: stalled, no progress in the last ${NO_PROGRESS} iterations (${describe(reached)})`, it, reached);
      }

      // Newton system for this scaling
      this.prepareScaling(it, reached);

      // predictor (affine scaling): complementarity target 0, full reduction of the residuals
      for (let k = 0; k < this.sizes.length; k++) {
        const n = this.sizes[k], h = this.H.psd[k], lam = this.lam[k];
        h.fill(0);
        for (let p = 0; p < n; p++) h[p * n + p] = -lam[p];
      }
      for (let c = 0; c < this.l; c++) this.H.lin[c] = -this.lamLin[c];
      this.solveNewton(this.H, -tau * kappa, 1, this.aff);
      const alphaAff = Math.min(1, this.maxStep(this.aff));
      const sigma = (1 - alphaAff) ** EXPON;

      // corrector: Λ∘(ΔX̃ + ΔS̃) = σμI − Λ² − ΔX̃ₐ∘ΔS̃ₐ
      this.correctorRhs(sigma * mu);
      const rhsTk = sigma * mu - tau * kappa - this.aff.dtau * this.aff.dkappa;
      this.solveNewton(this.H, rhsTk, 1 - sigma, this.dir);
      step = Math.min(1, STEP * this.maxStep(this.dir));
      if (!(step >= MIN_STEP)) {
        this.fail("stalled", `sdp: stalled at iteration ${it}, the step to the cone's boundary is ${step.toExponential(1)} (${describe(reached)})`, it, reached);
      }
      step = this.update(step, it, reached);
    }
  }

  /** X = R Λ Rᵀ, S = R⁻ᵀ Λ R⁻¹ (unscaled), orthant x = wλ, s = λ/w */
  private formPoint(): void {
    for (let k = 0; k < this.sizes.length; k++) {
      const n = this.sizes[k];
      scaledGram(this.R[k], this.lam[k], this.X.psd[k], n);
      scaledGram(this.Rit[k], this.lam[k], this.S.psd[k], n);
    }
    for (let c = 0; c < this.l; c++) {
      this.X.lin[c] = this.w[c] * this.lamLin[c];
      this.S.lin[c] = this.lamLin[c] / this.w[c];
    }
  }

  /** ⟨X, S⟩ = Σ λ² */
  private complementarity(): number {
    let s = 0;
    for (const lam of this.lam) for (let p = 0; p < lam.length; p++) s += lam[p] * lam[p];
    for (let c = 0; c < this.l; c++) s += this.lamLin[c] * this.lamLin[c];
    return s;
  }

  private checkInfeasible(it: number, cx: number, by: number, reached: SdpError["reached"]): void {
    const { P, tol } = this;
    if (by > 0) {
      // Farkas: A*(y) + S = 0 with S ⪰ 0 and bᵀy > 0 ⇒ no X ⪰ 0 satisfies A(X) = b; here A*(y) + S = Cτ − r_d
      forEachPair(this.Z, P.C, this.rd, (z, c, r, t) => { z[t] = c[t] * this.tau - r[t]; });
      const pinf = coneNorm(this.Z) / by / Math.max(1, this.normC);
      this.bestPinf = Math.min(this.bestPinf, pinf);
      if (pinf <= tol) this.infeasible("primal infeasible", pinf, it, reached);
    }
    if (cx < 0) {
      // a ray: A(X) = 0, X ⪰ 0, ⟨C, X⟩ < 0 ⇒ the primal objective is unbounded below
      applyA(P, this.X, this.vecM);
      const dinf = norm(this.vecM) / -cx / Math.max(1, this.normB);
      this.bestDinf = Math.min(this.bestDinf, dinf);
      if (dinf <= tol) this.infeasible("dual infeasible", dinf, it, reached);
    }
  }

  private infeasible(status: "primal infeasible" | "dual infeasible", accuracy: number, it: number, reached: SdpError["reached"]): never {
    const message = status === "primal infeasible"
      ? `sdp: the constraints ⟨Aᵢ, X⟩ = bᵢ, X ⪰ 0 have no solution (Farkas certificate y with ‖A*(y) + S‖/bᵀy = ${accuracy.toExponential(1)} by iteration ${it})`
      : `sdp: the primal objective is unbounded below (ray X ⪰ 0 with ‖A(X)‖/(−⟨C, X⟩) = ${accuracy.toExponential(1)} by iteration ${it}); the dual is infeasible`;
    throw new SdpError(status, message, it, reached);
  }

  /** throws the failure, or the infeasibility it stalled on when a certificate within INFEASIBLE_FALLBACK was seen */
  private fail(status: SdpStatus, message: string, it: number, reached: SdpError["reached"]): never {
    if (this.bestPinf <= INFEASIBLE_FALLBACK && this.bestPinf <= this.bestDinf) this.infeasible("primal infeasible", this.bestPinf, it, reached);
    if (this.bestDinf <= INFEASIBLE_FALLBACK) this.infeasible("dual infeasible", this.bestDinf, it, reached);
    throw new SdpError(status, message, it, reached);
  }

  /**
   * At the start W = I and M is the Gram matrix of the Aᵢ: scaled to unit diagonal, a pivot below DEPENDENT_PIVOT
   * there is a genuinely dependent (or zero) constraint, which the method cannot handle.
   */
  private checkIndependent(): void {
    const { m, M } = this;
    const G = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      if (!(M[i * m + i] > 0)) throw new RangeError(`sdp: constraint ${i} is zero (Aᵢ = 0)`);
    }
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) G[i * m + j] = M[i * m + j] / Math.sqrt(M[i * m + i] * M[j * m + j]);
    }
    const rank = new PivotedCholesky(m).factor(G, DEPENDENT_PIVOT);
    if (rank < m) {
      throw new RangeError(`sdp: the constraint matrices are linearly dependent (${m - rank} of the ${m} are combinations of the others); remove redundant constraints`);
    }
  }

  /** scaled residual, D̃, the Schur complement and its factor, and the Δτ-column v′ of the reduced system */
  private prepareScaling(it: number, reached: SdpError["reached"]): void {
    const { P, m, tau } = this;
    this.toScaledDual(this.rd, this.rdT);
    forEachPair(this.Dt, this.rdT, this.rdT, (d, r, _, t) => { d[t] = r[t] / tau; });
    for (let k = 0; k < this.sizes.length; k++) {
      const n = this.sizes[k], d = this.Dt.psd[k], lam = this.lam[k];
      for (let p = 0; p < n; p++) d[p * n + p] += lam[p] / tau;
    }
    for (let c = 0; c < this.l; c++) this.Dt.lin[c] += this.lamLin[c] / tau;
    formSchur(P, this.Rt, this.W, this.w, this.schur, this.M, it === 0);
    // at the start W = I and M is the Gram matrix of the Aᵢ: a tiny pivot there is a genuinely dependent constraint
    if (it === 0) this.checkIndependent();
    let dmax = 0;
    for (let i = 0; i < m; i++) dmax = Math.max(dmax, this.M[i * m + i]);
    const rank = this.chol.factor(this.M, SKIP_PIVOT * dmax);
    if (rank < 0) {
      this.fail("numerical failure", `sdp: the Schur complement is not a number at iteration ${it} (${describe(reached)})`, it, reached);
    }
    this.skipped = m - rank;
    // g_D = A(R D̃ Rᵀ), v′ = M⁻¹(g_D + b), q = g_D − b
    this.toUnscaledPrimal(this.Dt, this.U);
    applyA(P, this.U, this.q);
    for (let i = 0; i < m; i++) {
      this.v[i] = this.q[i] + P.b[i];
      this.q[i] -= P.b[i];
    }
    this.chol.solve(this.v, this.v);
    this.den = dot(this.q, this.v) - coneDot(this.Dt, this.Dt) - this.kappa / tau;
  }

  /**
   * The Newton direction for ΔX̃ + ΔS̃ = H (scaled), κΔτ + τΔκ = rhsTk, and the linear residuals reduced by the
   * factor η: A(ΔX) − bΔτ = η r_p, A*(Δy) + ΔS − CΔτ = η r_d, −bᵀΔy + ⟨C, ΔX⟩ + Δκ = η r_g. With E = H − η r̃_d
   * and u = M⁻¹(η r_p − A(R E Rᵀ)): Δy = u + Δτ v′ + (Δτ/τ) y,
   * Δτ = (η r_g − ⟨D̃, E⟩ − η yᵀr_p/τ − qᵀu − rhsTk/τ)/den, ΔS̃ = η r̃_d − Ã*(u + Δτ v′) + (Δτ/τ)(Λ + r̃_d).
   */
  private solveNewton(H: Cone, rhsTk: number, eta: number, out: Directions): void {
    const { P, m, E, U, Z, tau, kappa, y } = this;
    forEachPair(E, H, this.rdT, (e, h, r, t) => { e[t] = h[t] - eta * r[t]; });
    this.toUnscaledPrimal(E, U);
    const u = out.dy;
    applyA(P, U, u);
    for (let i = 0; i < m; i++) u[i] = eta * this.rp[i] - u[i];
    this.chol.solve(u, u);
    const num = eta * this.rg - coneDot(this.Dt, E) - (eta * dot(y, this.rp)) / tau - dot(this.q, u) - rhsTk / tau;
    const dtau = num / this.den;
    for (let i = 0; i < m; i++) u[i] += dtau * this.v[i]; // u + Δτ v′ (the ray part is added below)
    applyAdjoint(P, u, Z);
    this.toScaledDual(Z, out.dS);
    const ray = dtau / tau;
    forEachPair(out.dS, this.rdT, out.dS, (s, r, z, t) => { s[t] = eta * r[t] - z[t] + ray * r[t]; });
    for (let k = 0; k < this.sizes.length; k++) {
      const n = this.sizes[k], ds = out.dS.psd[k], lam = this.lam[k];
      for (let p = 0; p < n; p++) ds[p * n + p] += ray * lam[p];
    }
    for (let c = 0; c < this.l; c++) out.dS.lin[c] += ray * this.lamLin[c];
    forEachPair(out.dX, H, out.dS, (x, h, s, t) => { x[t] = h[t] - s[t]; });
    for (let i = 0; i < m; i++) u[i] += ray * y[i];
    out.dtau = dtau;
    out.dkappa = (rhsTk - kappa * dtau) / tau;
  }

  /** H ← Λ⁻¹◇(σμI − Λ² − ΔX̃ₐ∘ΔS̃ₐ), i.e. H_pq = 2 r_pq/(λ_p + λ_q) */
  private correctorRhs(sigmaMu: number): void {
    const { aff } = this;
    for (let k = 0; k < this.sizes.length; k++) {
      const n = this.sizes[k], h = this.H.psd[k], lam = this.lam[k], t = this.t1[k];
      gemmNTInto(aff.dX.psd[k], aff.dS.psd[k], t, n, n, n); // ΔX̃ₐ ΔS̃ₐ (ΔS̃ₐ symmetric)
      for (let p = 0; p < n; p++) {
        for (let q = p; q < n; q++) {
          let r = -0.5 * (t[p * n + q] + t[q * n + p]);
          if (p === q) r += sigmaMu - lam[p] * lam[p];
          const hpq = (2 * r) / (lam[p] + lam[q]);
          h[p * n + q] = hpq;
          h[q * n + p] = hpq;
        }
      }
    }
    for (let c = 0; c < this.l; c++) {
      const lam = this.lamLin[c];
      this.H.lin[c] = (sigmaMu - lam * lam - aff.dX.lin[c] * aff.dS.lin[c]) / lam;
    }
  }

  /** the largest α with Λ + αΔX̃, Λ + αΔS̃ ∈ K and τ + αΔτ, κ + αΔκ ≥ 0 (Infinity when unbounded) */
  private maxStep(d: Directions): number {
    let alpha = Infinity;
    const bound = (lmin: number) => {
      if (lmin < 0) alpha = Math.min(alpha, -1 / lmin);
    };
    for (let k = 0; k < this.sizes.length; k++) {
      const n = this.sizes[k], lam = this.lam[k], D = this.t2[k], vals = this.eigVals[k];
      for (const dm of [d.dX.psd[k], d.dS.psd[k]]) {
        // λ_min(Λ^{-1/2} Δ Λ^{-1/2})
        for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) D[p * n + q] = dm[p * n + q] / Math.sqrt(lam[p] * lam[q]);
        eigSymInto(this.t2Mat[k], vals, null, this.eigWs[k]);
        bound(vals[0]);
      }
    }
    for (let c = 0; c < this.l; c++) {
      bound(d.dX.lin[c] / this.lamLin[c]);
      bound(d.dS.lin[c] / this.lamLin[c]);
    }
    bound(d.dtau / this.tau);
    bound(d.dkappa / this.kappa);
    return alpha;
  }

  /** takes the step α along this.dir (halving it if round-off breaks a factorization); returns the step taken */
  private update(alpha: number, it: number, reached: SdpError["reached"]): number {
    const { dir } = this;
    for (let tries = 0; ; tries++) {
      if (this.tryScalingUpdate(alpha)) break;
      if (tries >= 8) {
        this.fail("numerical failure", `sdp: the scaled iterate lost positive definiteness at iteration ${it} (${describe(reached)})`, it, reached);
      }
      alpha *= 0.5;
    }
    for (let i = 0; i < this.m; i++) this.y[i] += alpha * dir.dy[i];
    this.tau += alpha * dir.dtau;
    this.kappa += alpha * dir.dkappa;
    for (let c = 0; c < this.l; c++) {
      const xt = this.lamLin[c] + alpha * dir.dX.lin[c], st = this.lamLin[c] + alpha * dir.dS.lin[c];
      this.w[c] *= Math.sqrt(xt / st);
      this.lamLin[c] = Math.sqrt(xt * st);
    }
    return alpha;
  }

  /** new NT scaling of every PSD block at Λ + αΔX̃, Λ + αΔS̃; false (nothing changed) if a factorization fails */
  private tryScalingUpdate(alpha: number): boolean {
    const { dir } = this;
    for (let c = 0; c < this.l; c++) {
      if (!(this.lamLin[c] + alpha * dir.dX.lin[c] > 0 && this.lamLin[c] + alpha * dir.dS.lin[c] > 0)) return false;
    }
    const factors: { L1: Float64Array; L2: Float64Array }[] = [];
    for (let k = 0; k < this.sizes.length; k++) {
      const n = this.sizes[k], lam = this.lam[k];
      const L1 = this.t1[k], L2 = this.t2[k];
      const dx = dir.dX.psd[k], ds = dir.dS.psd[k];
      for (let t = 0; t < n * n; t++) {
        L1[t] = alpha * dx[t];
        L2[t] = alpha * ds[t];
      }
      for (let p = 0; p < n; p++) {
        L1[p * n + p] += lam[p];
        L2[p * n + p] += lam[p];
      }
      if (choleskyInPlace(L1, n) >= 0 || choleskyInPlace(L2, n) >= 0) return false;
      clearUpper(L1, n);
      clearUpper(L2, n);
      factors.push({ L1, L2 });
    }
    for (let k = 0; k < this.sizes.length; k++) {
      const n = this.sizes[k], { L1, L2 } = factors[k];
      const K = new Matrix(n, n);
      // K = L₂ᵀ L₁
      for (let r = 0; r < n; r++) {
        for (let p = r; p < n; p++) {
          const l2 = L2[p * n + r];
          for (let c = 0; c <= p; c++) K.data[r * n + c] += l2 * L1[p * n + c];
        }
      }
      const { U, s, V } = svd(K);
      const R = this.R[k], Rit = this.Rit[k], lam = this.lam[k];
      const A = this.E.psd[k], B = this.Z.psd[k]; // scratch (recomputed every solve)
      // A = L₁ V Σ^{-1/2}, B = L₂ U Σ^{-1/2}
      for (let p = 0; p < n; p++) {
        for (let c = 0; c < n; c++) {
          let a = 0, b = 0;
          for (let r = 0; r <= p; r++) {
            a += L1[p * n + r] * V.data[r * n + c];
            b += L2[p * n + r] * U.data[r * n + c];
          }
          const f = 1 / Math.sqrt(s[c]);
          A[p * n + c] = a * f;
          B[p * n + c] = b * f;
        }
      }
      matmulInto(R, A, this.U.psd[k], n);
      R.set(this.U.psd[k]);
      matmulInto(Rit, B, this.U.psd[k], n);
      Rit.set(this.U.psd[k]);
      for (let p = 0; p < n; p++) lam[p] = s[p];
      transposeInto(R, this.Rt[k], n);
      gemmNTInto(R, R, this.W[k], n, n, n); // W = R Rᵀ
    }
    return true;
  }

  /** Z̃ = Rᵀ Z R per PSD block, w z on the orthant */
  private toScaledDual(Z: Cone, out: Cone): void {
    for (let k = 0; k < this.sizes.length; k++) congruenceT(this.Rt[k], Z.psd[k], out.psd[k], this.t1[k], this.sizes[k]);
    for (let c = 0; c < this.l; c++) out.lin[c] = this.w[c] * Z.lin[c];
  }

  /** E = R Ẽ Rᵀ per PSD block, w ẽ on the orthant */
  private toUnscaledPrimal(Et: Cone, out: Cone): void {
    for (let k = 0; k < this.sizes.length; k++) congruence(this.R[k], Et.psd[k], out.psd[k], this.t1[k], this.sizes[k]);
    for (let c = 0; c < this.l; c++) out.lin[c] = this.w[c] * Et.lin[c];
  }

  private finish(iterations: number, start: number): SdpSolution {
    const { P, tau, sizes } = this;
    const inv = 1 / tau;
    const X = { psd: sizes.map((n, k) => new Matrix(n, n, this.X.psd[k].map((x) => x * inv))), nonneg: this.X.lin.map((x) => x * inv) };
    const S = { psd: sizes.map((n, k) => new Matrix(n, n, this.S.psd[k].map((x) => x * inv))), nonneg: this.S.lin.map((x) => x * inv) };
    const y = this.y.map((x) => x * inv);
    const seconds = (performance.now() - start) / 1000;
    const certificate = sdpCertificateCompiled(P, X, y, S, this.tol);
    return {
      X,
      y,
      S,
      certificate: {
        ...certificate,
        iterations,
        details: {
          ...certificate.details,
          solver: "primal-dual interior point (NT, Mehrotra, self-dual embedding)",
          status: "optimal",
          seconds,
          schurRowsDropped: this.skipped,
        },
      },
    };
  }
}

function describe(r: SdpError["reached"]): string {
  return `reached primal residual ${r.primalResidual.toExponential(1)}, dual residual ${r.dualResidual.toExponential(1)}, gap ${r.gap.toExponential(1)}`;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

/** U ← U + αV */
function addScaled(U: Cone, V: Cone, alpha: number): void {
  forEachPair(U, U, V, (u, _, v, t) => { u[t] += alpha * v[t]; });
}

function forEachEntry(U: Cone, f: (a: Float64Array, t: number) => void): void {
  for (const a of U.psd) for (let t = 0; t < a.length; t++) f(a, t);
  for (let t = 0; t < U.lin.length; t++) f(U.lin, t);
}

/** f(out, a, b, t) over every entry t of every block of the three cones */
function forEachPair(out: Cone, A: Cone, B: Cone, f: (o: Float64Array, a: Float64Array, b: Float64Array, t: number) => void): void {
  for (let k = 0; k < out.psd.length; k++) {
    const o = out.psd[k], a = A.psd[k], b = B.psd[k];
    for (let t = 0; t < o.length; t++) f(o, a, b, t);
  }
  for (let t = 0; t < out.lin.length; t++) f(out.lin, A.lin, B.lin, t);
}

/** out ← A B (n×n row-major; out aliases neither) */
function matmulInto(A: Float64Array, B: Float64Array, out: Float64Array, n: number): void {
  out.fill(0, 0, n * n);
  for (let p = 0; p < n; p++) {
    for (let r = 0; r < n; r++) {
      const a = A[p * n + r];
      if (a === 0) continue;
      for (let q = 0; q < n; q++) out[p * n + q] += a * B[r * n + q];
    }
  }
}
