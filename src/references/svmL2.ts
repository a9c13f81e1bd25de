// The hard-margin SVM without bias, min ½‖w‖² s.t. yᵢ⟨w, xᵢ⟩ ≥ 1, by the primal–dual
// interior-point method on a growing working set of constraints: solve the QP on a
// subset S, add the examples that the subset's solution violates, repeat. The
// subset's optimum is optimal for all n examples as soon as it satisfies all their
// constraints (it solves a relaxation and is feasible), and S only grows, so the
// loop ends. With n ≫ d only a few hundred examples are ever in S.
// Dual: max 1ᵀα − ½‖Zᵀα‖² s.t. α ≥ 0 (zᵢ = yᵢxᵢ), with w = Zᵀα at the optimum.
import { Matrix, lstsqMinNorm, minNormWithMultipliers, norm2 } from "../linalg/index.ts";
import type { Certificate } from "./types.ts";
import { qpInteriorPoint, type QpIpmResult } from "./qpInteriorPoint.ts";
import { checkClassification, combineRows, marginsOf, maxMarginSolution, signedRowsOf, supportOf, type MaxMarginSolution } from "./svmCertificate.ts";
import { NotSeparableError } from "./svmSeparability.ts";
import { dualityCertificate } from "./duality.ts";

export interface HardMarginSvmOptions {
  /** certificate tolerance (default 1e-8) */
  readonly tol?: number;
  /** interior-point tolerance on residuals and gap before the active-set crossover (default 1e-10) */
  readonly ipmTol?: number;
  /** use the working set when n exceeds this (default max(400, 4d)); Infinity solves on all examples at once */
  readonly workingSetAbove?: number;
  /** false: the interior-point method's plain TypeScript kernels even where WebAssembly SIMD is available */
  readonly simd?: boolean;
}

/**
 * KKT certificate of (w, α) for min ½‖w‖² s.t. Zw ≥ 1, measured on all examples:
 * primal residual max(0, 1 − minᵢ uᵢ); dual residual max(‖w − Zᵀα‖/‖w‖, sign violation of α);
 * duality gap |½‖w‖² − (1ᵀα − ½‖Zᵀα‖²)| / max(1, ½‖w‖²); complementarity Σαᵢ|uᵢ − 1| / Σαᵢ.
 */
export function hardMarginSvmCertificate(X: Matrix, y: Float64Array, w: Float64Array, alpha: Float64Array, tol = 1e-8): Certificate {
  checkClassification("hardMarginSvmCertificate", X, y);
  if (w.length !== X.cols || alpha.length !== X.rows) throw new RangeError(`hardMarginSvmCertificate: w has ${w.length} entries and α ${alpha.length}, the data are ${X.rows}×${X.cols}`);
  const n = X.rows;
  const u = marginsOf(X, y, w);
  let minU = Infinity;
  for (const v of u) minU = Math.min(minU, v);
  const Zta = combineRows(X, y, alpha);
  let sumA = 0, maxA = 0, minA = Infinity, comp = 0;
  for (let i = 0; i < n; i++) {
    const a = alpha[i];
    sumA += a;
    maxA = Math.max(maxA, Math.abs(a));
    minA = Math.min(minA, a);
    comp += Math.abs(a) * Math.abs(u[i] - 1);
  }
  const nw = norm2(w);
  const diff = Float64Array.from(w, (v, j) => v - Zta[j]);
  const stationarity = nw > 0 ? norm2(diff) / nw : norm2(diff);
  const signViolation = maxA > 0 ? Math.max(0, -minA) / maxA : 0;
  const primalObjective = 0.5 * nw * nw;
  const nz = norm2(Zta);
  const dualObjective = sumA - 0.5 * nz * nz;
  const primalResidual = Math.max(0, 1 - minU);
  const dualResidual = Math.max(stationarity, signViolation);
  const complementarity = sumA > 0 ? comp / sumA : 0;
  return dualityCertificate({
    kind: "KKT of the hard-margin QP",
    primalResidual, dualResidual, primalObjective, dualObjective, tol,
    alsoWithinTol: { complementarity },
    details: { supportVectors: supportOf(alpha).length, margin: nw > 0 ? minU / nw : 0 },
  });
}

/** examples whose margin under the working set's solution is below 1 + NEAR join the working set */
const NEAR = 0.1;

/** The indices i with eligible(i) of the (at most) k smallest u[i], smallest first; ties by index. */
function smallest(u: Float64Array, k: number, eligible: (i: number) => boolean): number[] {
  const idx: number[] = [];
  for (let i = 0; i < u.length; i++) if (eligible(i)) idx.push(i);
  if (idx.length > k) {
    // the k-th smallest value by a native numeric sort, then only the indices up to it
    const vals = Float64Array.from(idx, (i) => u[i]).sort();
    const t = vals[k - 1];
    let below = 0;
    for (const i of idx) if (u[i] < t) below++;
    let ties = k - below;
    const kept = idx.filter((i) => u[i] < t || (u[i] === t && ties-- > 0));
    return kept.sort((a, b) => u[a] - u[b] || a - b);
  }
  return idx.sort((a, b) => u[a] - u[b] || a - b);
}

/** an interior-point run that ended with residuals this small is close enough for the crossover to finish */
const CROSSOVER_READY = 1e-6;

function solveOn(where: string, Zs: Matrix, ipmTol: number, idx: number[], n: number, simd: boolean | undefined, start?: QpIpmResult): QpIpmResult {
  const res = qpInteriorPoint({ G: Zs, h: new Float64Array(Zs.rows).fill(1) }, { tol: ipmTol, start, simd });
  if (res.status === "infeasible") {
    const farkas = new Float64Array(n);
    idx.forEach((i, r) => (farkas[i] = res.farkas![r]));
    throw new NotSeparableError(
      `${where}: the data are not linearly separable through the origin, or only with a margin below 1e-9·maxᵢ‖xᵢ‖ (λ ≥ 0 with ‖Σλᵢyᵢxᵢ‖ ≤ 1e-9·Σλᵢ‖xᵢ‖ exists)`,
      farkas,
    );
  }
  const nearlySolved = res.primalResidual <= CROSSOVER_READY && res.dualResidual <= CROSSOVER_READY && res.gap <= CROSSOVER_READY;
  if (res.status !== "optimal" && !(start && nearlySolved)) {
    throw new NotSeparableError(
      `${where}: the interior-point method ${res.status === "stalled" ? "stalled" : "ran out of iterations"} (residuals ${res.primalResidual.toExponential(1)}, ${res.dualResidual.toExponential(1)}, gap ${res.gap.toExponential(1)}); the data are probably not linearly separable through the origin, or only with a tiny margin — run the separability check`,
    );
  }
  return res;
}

/**
 * Active-set crossover: with A = {i : zᵢ > sᵢ} (the interior point's support vectors), the
 * equality-constrained problem min ½‖w‖² s.t. Z_A w = 1 has w = Z_A⁺1 and Z_Aᵀα_A = w; if α_A ≥ 0
 * and every margin of the working set is ≥ 1, this is the KKT point to rounding, free of the
 * interior point's round-off floor in Δz (which grows like 1/μ). Returns undefined otherwise.
 */
function crossover(Zs: Matrix, res: QpIpmResult): { w: Float64Array; alpha: Float64Array } | undefined {
  const m = Zs.rows, d = Zs.cols;
  const A: number[] = [];
  for (let r = 0; r < m; r++) if (res.z[r] > res.s[r]) A.push(r);
  if (A.length === 0) return undefined;
  const ZA = new Matrix(A.length, d);
  A.forEach((r, k) => ZA.data.set(Zs.data.subarray(r * d, (r + 1) * d), k * d));
  const ones = new Float64Array(A.length).fill(1);
  // one QR of Z_Aᵀ for both (w = Z_A⁺1, Z_Aᵀα_A = w); two least-squares solves if Z_A is not of full row rank
  const both = minNormWithMultipliers(ZA, ones);
  const w = both ? both.x : lstsqMinNorm(ZA, ones);
  const aA = both ? both.lambda : lstsqMinNorm(ZA.transpose(), w);
  let maxA = 0;
  for (const a of aA) maxA = Math.max(maxA, a);
  for (const a of aA) if (!(a >= -1e-12 * maxA)) return undefined;
  const u = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    let t = 0;
    for (let j = 0; j < d; j++) t += Zs.data[r * d + j] * w[j];
    u[r] = t;
    if (!(t >= 1 - 1e-12)) return undefined;
  }
  const alpha = new Float64Array(m);
  A.forEach((r, k) => (alpha[r] = Math.max(0, aA[k])));
  return { w, alpha };
}

/** argmin ½‖w‖² s.t. yᵢ⟨w, xᵢ⟩ ≥ 1 (no bias), with its KKT certificate; throws NotSeparableError when there is no such w. */
export function hardMarginSvm(X: Matrix, y: Float64Array, options: HardMarginSvmOptions = {}): MaxMarginSolution {
  const where = "hardMarginSvm";
  checkClassification(where, X, y);
  const n = X.rows, d = X.cols;
  const tol = options.tol ?? 1e-8;
  const ipmTol = options.ipmTol ?? 1e-10;
  const threshold = options.workingSetAbove ?? Math.max(400, 4 * d);
  const t0 = Date.now();
  // solve with rows scaled into the unit ball: w = w′/σ, α = α′/σ² (σ = maxᵢ ‖xᵢ‖)
  let sigma = 0;
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let j = 0; j < d; j++) t += X.data[i * d + j] ** 2;
    sigma = Math.max(sigma, Math.sqrt(t));
  }
  if (!(sigma > 0)) throw new NotSeparableError(`${where}: every example is the zero vector, so no w has a positive margin`);
  const scaledRows = (idx: number[]): Matrix => {
    const Zs = signedRowsOf(X, y, idx);
    for (let k = 0; k < Zs.data.length; k++) Zs.data[k] /= sigma;
    return Zs;
  };

  let S: number[];
  if (n <= threshold) {
    S = Array.from({ length: n }, (_, i) => i);
  } else {
    // start from the examples with the smallest margins along the mean of the zᵢ
    const mean = combineRows(X, y, new Float64Array(n).fill(1));
    const u0 = marginsOf(X, y, mean);
    S = smallest(u0, Math.max(2 * d, 200), () => true);
  }
  const inS = new Uint8Array(n);
  for (const i of S) inS[i] = 1;
  const u = new Float64Array(n);
  const w = new Float64Array(d);
  let wS: Float64Array = new Float64Array(d), alphaS: Float64Array = new Float64Array(0);
  let rounds = 0, ipmIterations = 0, crossed = false;
  // each working set is solved loosely first; once no example is violated, the same
  // interior-point run continues to full accuracy, the crossover polishes it, and the
  // examples are checked again
  const looseTol = Math.max(ipmTol, 1e-2);
  let Zs = scaledRows(S);
  let loose: QpIpmResult | undefined;
  for (;;) {
    if (!loose) rounds++;
    const res = loose ? solveOn(where, Zs, ipmTol, S, n, options.simd, loose) : solveOn(where, Zs, looseTol, S, n, options.simd);
    ipmIterations += res.iterations;
    wS = res.w;
    alphaS = res.z;
    crossed = false;
    if (loose) {
      const polished = crossover(Zs, res);
      if (polished) {
        wS = polished.w;
        alphaS = polished.alpha;
        crossed = true;
      } else if (res.status !== "optimal") {
        throw new Error(`${where}: the interior-point method reached only residuals ${res.primalResidual.toExponential(1)}, ${res.dualResidual.toExponential(1)}, gap ${res.gap.toExponential(1)} and the active-set crossover failed; the problem is too ill-conditioned`);
      }
    }
    for (let j = 0; j < d; j++) w[j] = wS[j] / sigma;
    marginsOf(X, y, w, u);
    let violated = 0;
    for (let i = 0; i < n; i++) if (!inS[i] && u[i] < 1) violated++;
    if (violated === 0) {
      if (loose || looseTol === ipmTol) break;
      loose = res;
      continue;
    }
    loose = undefined;
    // add the most violated and the nearly violated (uᵢ < 1 + NEAR: the next round's solution
    // tends to violate them), at most max(d, |S|) of them per round
    for (const i of smallest(u, Math.max(d, S.length), (i) => !inS[i] && u[i] < 1 + NEAR)) {
      S.push(i);
      inS[i] = 1;
    }
    Zs = scaledRows(S);
  }
  // rescale onto the feasible set (the IPM meets Zw ≥ 1 only to its tolerance), α with it
  let minU = Infinity;
  for (const v of u) minU = Math.min(minU, v);
  const rescale = minU < 1 && minU > 0 ? 1 / minU : 1;
  for (let j = 0; j < d; j++) w[j] *= rescale;
  const alpha = new Float64Array(n);
  S.forEach((i, r) => (alpha[i] = (Math.max(0, alphaS[r]) * rescale) / (sigma * sigma)));
  const cert = hardMarginSvmCertificate(X, y, w, alpha, tol);
  return maxMarginSolution("min ½‖w‖₂² s.t. yᵢ⟨w, xᵢ⟩ ≥ 1", X, y, w, alpha, 2, {
    ...cert,
    iterations: ipmIterations,
    details: {
      ...cert.details,
      solver: `primal–dual interior point (Mehrotra), working set${crossed ? ", active-set crossover" : ""}`,
      rounds,
      workingSet: S.length,
      seconds: (Date.now() - t0) / 1000,
    },
  });
}
