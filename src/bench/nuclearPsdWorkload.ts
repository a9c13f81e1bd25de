// S2: min tr X s.t. ⟨Aᵢ, X⟩ = yᵢ, X ⪰ 0 (the minimum nuclear norm over PSD X), n = 30, m = 200
// symmetric Gaussian Aᵢ = (Gᵢ + Gᵢᵀ)/2 and yᵢ = ⟨Aᵢ, X*⟩ for a rank-2 X* = ZZᵀ (the peer's instance);
// our SDP interior point (nuclearNormPsd) with its duality certificate, at tolerance 1e-9 as the
// peer's CVXOPT. Answer as the peer's: status, the trace, and (own instances) ‖X − X*‖_F/‖X*‖_F.
import { Matrix } from "../linalg/index.ts";
import { nuclearNormPsd } from "../references/index.ts";
import type { Rng } from "../random/index.ts";
import { parseNumericCsv } from "./csv.ts";
import type { SolverAnswer, SolverInstance, SolverWorkload } from "./types.ts";

export const NUCLEAR_PSD_SIZE = { n: 30, m: 200, rank: 2 };

/** The instance's solve; xStar (when known) gives the relative error to the truth. */
export function nuclearPsdInstance(A: Matrix[], y: Float64Array, source: "peer" | "own", xStar?: Matrix): SolverInstance {
  return {
    source,
    solve(options = {}): SolverAnswer {
      const sol = nuclearNormPsd(A, y, { tol: 1e-9, simd: options.simd });
      const c = sol.certificate, X = sol.solution;
      let trace = 0;
      for (let i = 0; i < X.rows; i++) trace += X.data[i * X.cols + i];
      const answer: SolverAnswer = {
        status: c.ok ? "optimal" : "uncertified",
        trace,
        certificate: { ok: c.ok, primal_residual: c.primalResidual, dual_residual: c.dualResidual, duality_gap: c.dualityGap ?? NaN, iterations: c.iterations ?? 0 },
      };
      if (!xStar) return answer;
      let num = 0, den = 0;
      for (let p = 0; p < X.data.length; p++) {
        num += (X.data[p] - xStar.data[p]) ** 2;
        den += xStar.data[p] ** 2;
      }
      return { ...answer, rel_err_to_truth: Math.sqrt(num / den) };
    },
  };
}

/** The Aᵢ (rows of m × n² entries) and y from the peer's nuclear-psd-A.csv and nuclear-psd-y.csv. */
export function nuclearPsdFromCsv(aText: string, yText: string): { A: Matrix[]; y: Float64Array } {
  const rows = parseNumericCsv(aText, "nuclear-psd-A.csv");
  const yRows = parseNumericCsv(yText, "nuclear-psd-y.csv");
  const n = Math.round(Math.sqrt(rows[0].length));
  if (n * n !== rows[0].length) throw new RangeError(`nuclear-psd-A.csv: rows have ${rows[0].length} entries, need n² for an n×n matrix`);
  if (yRows[0].length !== 1 || yRows.length !== rows.length) throw new RangeError(`nuclear-psd-y.csv: need ${rows.length} rows of one number (one per row of nuclear-psd-A.csv), got ${yRows.length} of ${yRows[0].length}`);
  return { A: rows.map((r) => new Matrix(n, n, Float64Array.from(r))), y: Float64Array.from(yRows, (r) => r[0]) };
}

export const nuclearPsdWorkload: SolverWorkload = {
  name: "nuclear-psd",
  summary: "min tr X s.t. ⟨Aᵢ, X⟩ = yᵢ, X ⪰ 0, n = 30, m = 200 symmetric Gaussian Aᵢ, rank-2 truth",
  target: 3,
  agreement: 1e-7,
  optimum: "trace",
  files: ["nuclear-psd-A.csv", "nuclear-psd-y.csv"],
  fromCsv([aText, yText]) {
    const { A, y } = nuclearPsdFromCsv(aText, yText);
    return nuclearPsdInstance(A, y, "peer");
  },
  instance(rng: Rng) {
    const { n, m, rank } = NUCLEAR_PSD_SIZE;
    const A = Array.from({ length: m }, () => {
      const G = rng.fillNormal(new Float64Array(n * n));
      const S = new Matrix(n, n);
      for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) S.data[p * n + q] = 0.5 * (G[p * n + q] + G[q * n + p]);
      return S;
    });
    const Z = rng.fillNormal(new Float64Array(n * rank));
    const xStar = new Matrix(n, n);
    for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) for (let k = 0; k < rank; k++) xStar.data[p * n + q] += Z[p * rank + k] * Z[q * rank + k];
    const y = Float64Array.from(A, (Ai) => {
      let s = 0;
      for (let p = 0; p < n * n; p++) s += Ai.data[p] * xStar.data[p];
      return s;
    });
    return nuclearPsdInstance(A, y, "own", xStar);
  },
};
