// The multiclass hard-margin SVM without bias (Crammer–Singer style, the limit of
// softmax cross-entropy GD on separable data):
//   min ½‖W‖_F² s.t. ⟨w_{cᵢ} − w_r, xᵢ⟩ ≥ 1 for every example i and class r ≠ cᵢ,
// W ∈ R^{k×d} row-major (the layout of linearModel(d, k)). It is min ½‖v‖² s.t. Gv ≥ 1
// with one row (e_{cᵢ} − e_r) ⊗ xᵢ per pair, solved by the interior-point QP; the KKT
// certificate is measured on all n(k − 1) constraints.
import { Matrix, norm2 } from "../linalg/index.ts";
import { checkMulticlassLabels, type MulticlassData } from "../data/index.ts";
import type { Certificate, ReferenceSolution } from "./types.ts";
import { qpInteriorPoint } from "./qpInteriorPoint.ts";
import { NotSeparableError } from "./svmSeparability.ts";
import { dualityCertificate } from "./duality.ts";

export interface MulticlassSvmSolution extends ReferenceSolution {
  /** max over ‖W‖_F ≤ 1 of minᵢ min_{r≠cᵢ} ⟨w_{cᵢ} − w_r, xᵢ⟩ = 1/‖Ŵ‖_F */
  readonly margin: number;
  /** Ŵ/‖Ŵ‖_F */
  readonly direction: Float64Array;
}

/** the constraint matrix: row i·(k−1) + t holds +xᵢ in block cᵢ and −xᵢ in block r (the t-th class ≠ cᵢ) */
function constraints(data: MulticlassData): Matrix {
  const { X, labels, classes: k } = data;
  const n = X.rows, d = X.cols;
  const G = new Matrix(n * (k - 1), k * d);
  const cols = k * d;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    let t = 0;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const o = (i * (k - 1) + t++) * cols;
      for (let j = 0; j < d; j++) {
        const x = X.data[i * d + j];
        G.data[o + c * d + j] = x;
        G.data[o + r * d + j] = -x;
      }
    }
  }
  return G;
}

/**
 * KKT certificate of (W, α) for the multiclass SVM, α one multiplier per (i, r ≠ cᵢ) in the
 * order of the constraint rows: primal residual max(0, 1 − min margin), dual residual
 * ‖W − Gᵀα‖/‖W‖ (and sign violation), gap |½‖W‖² − (1ᵀα − ½‖Gᵀα‖²)| / max(1, ½‖W‖²).
 */
export function multiclassSvmCertificate(data: MulticlassData, W: Float64Array, alpha: Float64Array, tol = 1e-8): Certificate {
  checkMulticlassLabels("multiclassSvmCertificate", data);
  const G = constraints(data);
  const m = G.rows, p = G.cols;
  if (W.length !== p || alpha.length !== m) throw new RangeError(`multiclassSvmCertificate: W has ${W.length} entries (need ${p}) and α ${alpha.length} (need ${m})`);
  let minU = Infinity, sumA = 0, maxA = 0, minA = Infinity, comp = 0;
  const Gta = new Float64Array(p);
  for (let i = 0; i < m; i++) {
    let u = 0;
    for (let j = 0; j < p; j++) u += G.data[i * p + j] * W[j];
    minU = Math.min(minU, u);
    const a = alpha[i];
    sumA += a;
    maxA = Math.max(maxA, Math.abs(a));
    minA = Math.min(minA, a);
    comp += Math.abs(a) * Math.abs(u - 1);
    if (a !== 0) for (let j = 0; j < p; j++) Gta[j] += a * G.data[i * p + j];
  }
  const nw = norm2(W);
  const diff = Float64Array.from(W, (v, j) => v - Gta[j]);
  const primalObjective = 0.5 * nw * nw;
  const ng = norm2(Gta);
  const dualObjective = sumA - 0.5 * ng * ng;
  const primalResidual = Math.max(0, 1 - minU);
  const dualResidual = Math.max(nw > 0 ? norm2(diff) / nw : norm2(diff), maxA > 0 ? Math.max(0, -minA) / maxA : 0);
  const complementarity = sumA > 0 ? comp / sumA : 0;
  return dualityCertificate({
    kind: "KKT of the multiclass hard-margin QP",
    primalResidual, dualResidual, primalObjective, dualObjective, tol,
    alsoWithinTol: { complementarity },
    details: { margin: nw > 0 ? minU / nw : 0 },
  });
}

/** argmin ½‖W‖_F² s.t. every multiclass margin ≥ 1; throws NotSeparableError when no W separates the classes. */
export function multiclassSvm(data: MulticlassData, options: { readonly tol?: number } = {}): MulticlassSvmSolution {
  const where = "multiclassSvm";
  checkMulticlassLabels(where, data);
  for (let i = 0; i < data.X.data.length; i++) if (!Number.isFinite(data.X.data[i])) throw new RangeError(`${where}: X has a non-finite entry at (${Math.floor(i / data.X.cols)}, ${i % data.X.cols})`);
  const G = constraints(data);
  const res = qpInteriorPoint({ G, h: new Float64Array(G.rows).fill(1) }, { tol: 1e-12 });
  if (res.status !== "optimal") {
    throw new NotSeparableError(`${where}: the classes are not linearly separable through the origin (interior-point status ${res.status})`, res.farkas);
  }
  const W = res.w.slice();
  // onto the feasible set: divide by the smallest margin when it falls short of 1 by round-off
  let minU = Infinity;
  const p = G.cols;
  for (let i = 0; i < G.rows; i++) {
    let u = 0;
    for (let j = 0; j < p; j++) u += G.data[i * p + j] * W[j];
    minU = Math.min(minU, u);
  }
  if (minU < 1 && minU > 0) {
    for (let j = 0; j < p; j++) W[j] /= minU;
    minU = 1;
  }
  const alpha = Float64Array.from(res.z, (v) => Math.max(0, v));
  const cert = multiclassSvmCertificate(data, W, alpha, options.tol ?? 1e-8);
  const nw = norm2(W);
  return {
    program: "min ½‖W‖_F² s.t. ⟨w_{cᵢ} − w_r, xᵢ⟩ ≥ 1 (r ≠ cᵢ)",
    solution: W,
    certificate: { ...cert, iterations: res.iterations, details: { ...cert.details, solver: "primal–dual interior point (Mehrotra)" } },
    dual: alpha,
    margin: minU / nw,
    direction: Float64Array.from(W, (v) => v / nw),
  };
}
