// S1: the hard-margin SVM without bias, min ½‖w‖² s.t. yᵢ⟨w, xᵢ⟩ ≥ 1, n = 10,000, d = 100, on
// separable Gaussian data with gap 0.1 (the peer's separable_data); our interior-point reference
// (hardMarginSvm: working set, Mehrotra, active-set crossover, KKT certificate). Answer as the peer's:
// status, ‖w‖ and the margin minᵢ yᵢ⟨w, xᵢ⟩/‖w‖.
import { Matrix } from "../linalg/index.ts";
import { hardMarginSvm } from "../references/index.ts";
import type { Rng } from "../random/index.ts";
import { parseNumericCsv } from "./csv.ts";
import { separableExamples } from "./data.ts";
import type { SolverAnswer, SolverInstance, SolverWorkload } from "./types.ts";

export const SVM_L2_SIZE = { n: 10_000, d: 100 };

/** The instance's solve: hardMarginSvm and its answer in the peer's keys, with the certificate. */
export function svmL2Instance(X: Matrix, y: Float64Array, source: "peer" | "own"): SolverInstance {
  return {
    source,
    solve(options = {}): SolverAnswer {
      const sol = hardMarginSvm(X, y, { simd: options.simd });
      const c = sol.certificate;
      let nw = 0;
      for (const v of sol.solution) nw += v * v;
      return {
        status: c.ok ? "optimal" : "uncertified",
        norm_w: Math.sqrt(nw),
        margin: sol.margin,
        support_vectors: sol.supportVectors.length,
        certificate: { ok: c.ok, primal_residual: c.primalResidual, dual_residual: c.dualResidual, duality_gap: c.dualityGap ?? NaN, iterations: c.iterations ?? 0 },
      };
    },
  };
}

/** X and y from the peer's svm-l2.csv: rows [xᵢ, yᵢ]. */
export function svmL2FromCsv(text: string): { X: Matrix; y: Float64Array } {
  const rows = parseNumericCsv(text, "svm-l2.csv");
  const d = rows[0].length - 1;
  if (d < 1) throw new RangeError(`svm-l2.csv: rows have ${rows[0].length} field, need the features then the label`);
  const X = new Matrix(rows.length, d), y = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    for (let j = 0; j < d; j++) X.data[i * d + j] = r[j];
    y[i] = r[d];
    if (r[d] !== 1 && r[d] !== -1) throw new RangeError(`svm-l2.csv: line ${i + 1} has label ${r[d]}, labels must be −1 or +1`);
  });
  return { X, y };
}

export const svmL2Workload: SolverWorkload = {
  name: "svm-l2",
  summary: "min ½‖w‖² s.t. yᵢ⟨w, xᵢ⟩ ≥ 1 (no bias), n = 10,000, d = 100, separable with gap 0.1",
  target: 2,
  agreement: 1e-8,
  optimum: "margin",
  files: ["svm-l2.csv"],
  fromCsv([text]) {
    const { X, y } = svmL2FromCsv(text);
    return svmL2Instance(X, y, "peer");
  },
  instance(rng: Rng) {
    const { X, y } = separableExamples(rng, SVM_L2_SIZE.n, SVM_L2_SIZE.d);
    return svmL2Instance(X, y, "own");
  },
};
