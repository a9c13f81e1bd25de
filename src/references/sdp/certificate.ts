// The SDP duality certificate, measured afresh on a returned (X, y, S):
//   primal residual ‖A(X) − b‖/(1 + ‖b‖), dual residual ‖C − A*(y) − S‖/(1 + ‖C‖),
//   gap |⟨C, X⟩ − bᵀy|/max(1, |⟨C, X⟩|), and membership X, S ∈ K through λ_min of every block.
// Weak duality, ⟨C, X⟩ − bᵀy = ⟨X, S⟩ + ⟨X, C − A*(y) − S⟩ + yᵀ(A(X) − b) with ⟨X, S⟩ ≥ 0, makes small residuals,
// a small gap and X, S ⪰ 0 a proof that X is optimal to that accuracy.
import { Matrix, eigvalsSym } from "../../linalg/index.ts";
import type { Certificate } from "../types.ts";
import { applyA, applyAdjoint, compileSdp, coneDot, coneNorm, zeroCone, type CompiledSdp, type Cone } from "./compile.ts";
import type { SdpPoint, SdpProblem } from "./types.ts";
import { relativeGap } from "../duality.ts";

function toCone(P: CompiledSdp, Z: SdpPoint, what: string): Cone {
  if (Z.psd.length !== P.sizes.length) throw new RangeError(`sdpCertificate: ${what} has ${Z.psd.length} PSD block(s), the problem has ${P.sizes.length}`);
  Z.psd.forEach((B, k) => {
    if (B.rows !== P.sizes[k] || B.cols !== P.sizes[k]) throw new RangeError(`sdpCertificate: ${what} block ${k} is ${B.rows}×${B.cols}, need ${P.sizes[k]}×${P.sizes[k]}`);
  });
  if (Z.nonneg.length !== P.l) throw new RangeError(`sdpCertificate: ${what}'s orthant part has ${Z.nonneg.length} entries, need ${P.l}`);
  const out = zeroCone(P.sizes, P.l);
  Z.psd.forEach((B, k) => {
    const n = B.rows, o = out.psd[k];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) o[i * n + j] = 0.5 * (B.data[i * n + j] + B.data[j * n + i]);
  });
  out.lin.set(Z.nonneg);
  return out;
}

/** smallest eigenvalue over the PSD blocks and smallest orthant entry (Infinity for an empty cone) */
function lambdaMin(Z: Cone, sizes: readonly number[]): number {
  let lo = Infinity;
  Z.psd.forEach((a, k) => {
    const v = eigvalsSym(new Matrix(sizes[k], sizes[k], a));
    lo = Math.min(lo, v[0]);
  });
  for (let t = 0; t < Z.lin.length; t++) lo = Math.min(lo, Z.lin[t]);
  return lo;
}

export function sdpCertificateCompiled(P: CompiledSdp, Xp: SdpPoint, y: Float64Array, Sp: SdpPoint, tol: number): Certificate {
  if (y.length !== P.m) throw new RangeError(`sdpCertificate: y has ${y.length} entries, there are ${P.m} constraints`);
  const X = toCone(P, Xp, "X"), S = toCone(P, Sp, "S");
  const r = applyA(P, X, new Float64Array(P.m));
  let rp = 0, nb = 0, by = 0;
  for (let i = 0; i < P.m; i++) {
    rp += (r[i] - P.b[i]) ** 2;
    nb += P.b[i] ** 2;
    by += P.b[i] * y[i];
  }
  const primalResidual = Math.sqrt(rp) / (1 + Math.sqrt(nb));
  const D = applyAdjoint(P, y, zeroCone(P.sizes, P.l));
  let rd = 0;
  const accumulate = (c: Float64Array, a: Float64Array, s: Float64Array) => {
    for (let t = 0; t < c.length; t++) rd += (c[t] - a[t] - s[t]) ** 2;
  };
  P.C.psd.forEach((c, k) => accumulate(c, D.psd[k], S.psd[k]));
  accumulate(P.C.lin, D.lin, S.lin);
  const dualResidual = Math.sqrt(rd) / (1 + coneNorm(P.C));
  const primalObjective = coneDot(P.C, X), dualObjective = by;
  const dualityGap = relativeGap(primalObjective, dualObjective);
  const lambdaMinX = lambdaMin(X, P.sizes), lambdaMinS = lambdaMin(S, P.sizes);
  const complementarity = coneDot(X, S);
  // cone membership up to round-off relative to the size of the iterate
  const inX = lambdaMinX >= -tol * (1 + coneNorm(X)), inS = lambdaMinS >= -tol * (1 + coneNorm(S));
  return {
    kind: "SDP duality",
    primalResidual,
    dualResidual,
    dualityGap,
    primalObjective,
    dualObjective,
    ok: primalResidual <= tol && dualResidual <= tol && dualityGap <= tol && inX && inS,
    details: { lambdaMinX, lambdaMinS, complementarity, tol },
  };
}

/**
 * Certificate of (X, y, S) for the problem, measured from scratch: relative primal and dual residuals, relative
 * duality gap and the smallest eigenvalues of X and S; ok when all residuals and the gap are ≤ tol (default 1e-9)
 * and X, S are in the cone up to tol relative to their size.
 */
export function sdpCertificate(problem: SdpProblem, X: SdpPoint, y: Float64Array, S: SdpPoint, tol = 1e-9): Certificate {
  return sdpCertificateCompiled(compileSdp(problem), X, y, S, tol);
}
