// The certificate of a separability answer, measured on the data either way:
//   separable:     a w with yᵢ⟨w, xᵢ⟩ ≥ 1 for every i            (primal residual max(0, 1 − minᵢ uᵢ))
//   not separable: λ ≥ 0, Σλᵢ = 1 with Σλᵢyᵢxᵢ = 0 (Gordan)     (then Σλᵢ yᵢ⟨w, xᵢ⟩ = 0 for every w,
//                  so no w has all margins positive)            (dual residual ‖Σλᵢyᵢxᵢ‖₁ / maxᵢ‖xᵢ‖₁)
import { norm1, normInf, type Matrix } from "../linalg/index.ts";
import { combineRows, marginsOf } from "./svmCertificate.ts";
import type { SeparabilityResult } from "./svmSeparability.ts";
import type { Certificate } from "./types.ts";

export function separabilityCertificate(X: Matrix, y: Float64Array, r: SeparabilityResult, tol = 1e-8): Certificate {
  if (r.separable) {
    const w = r.w!;
    let minU = Infinity;
    for (const u of marginsOf(X, y, w)) minU = Math.min(minU, u);
    const primalResidual = Math.max(0, 1 - minU);
    return {
      kind: "separating w: yᵢ⟨w, xᵢ⟩ ≥ 1 for every example",
      primalResidual,
      dualResidual: 0,
      // the ℓ∞-normalized margin of the returned w, against the LP's optimal value
      primalObjective: minU / normInf(w),
      dualObjective: r.linfMargin,
      ok: primalResidual <= tol,
      details: { separable: true, minMargin: minU },
    };
  }
  const lambda = r.farkas!;
  let sum = 0, minL = Infinity, support = 0;
  for (const l of lambda) {
    sum += l;
    minL = Math.min(minL, l);
    if (l > 1e-9) support++;
  }
  let scale = 0;
  for (let i = 0; i < X.rows; i++) scale = Math.max(scale, norm1(X.row(i)));
  const v = combineRows(X, y, lambda);
  const primalResidual = Math.max(Math.abs(sum - 1), Math.max(0, -minL));
  const dualResidual = norm1(v) / Math.max(scale, Number.MIN_VALUE);
  return {
    kind: "Gordan: λ ≥ 0, Σλᵢ = 1, Σλᵢyᵢxᵢ = 0, so no w has every margin yᵢ⟨w, xᵢ⟩ > 0",
    primalResidual,
    dualResidual,
    primalObjective: r.linfMargin,
    ok: primalResidual <= tol && dualResidual <= tol,
    details: { separable: false, supportOfLambda: support },
  };
}
