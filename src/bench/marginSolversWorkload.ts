// Beyond the peers: margin maximization as a solver (BENCHMARKS.md). On svm-l2's data, the reference
// (hardMarginSvm) gives γ* = max_{‖w‖=1} minᵢ yᵢ⟨w, xᵢ⟩; two first-order methods on the exponential
// loss are raced to the relative margin gap (γ* − γ(w))/γ* ≤ 1e-6, γ(w) = minᵢ yᵢ⟨w, xᵢ⟩/‖w‖:
//   loss-scaled GD   w ← w − η ∇L/L, η = 1/R² (R = maxᵢ‖xᵢ‖; Ji & Telgarsky 2021), gap O(1/t);
//   dual-accelerated θ_t = 1/R², β_t = t/(t+1) (Ji, Srebro & Telgarsky 2021), gap Õ(1/t²).
// γ(w) is measured at log-spaced iterations (t ≥ 1.01·previous), so a reported iteration count is at
// most 1% past the first crossing; time spent measuring counts toward the method's seconds.
import type { Matrix } from "../linalg/index.ts";
import { exponentialLoss } from "../losses/index.ts";
import { linearModel, marginObjective, type BinaryMarginObjective } from "../models/index.ts";
import { dualAccelerated, lossScaledGd } from "../optimizers/index.ts";
import type { Optimizer, OptimizerState } from "../optimizers/index.ts";
import { hardMarginSvm } from "../references/index.ts";
import { Rng } from "../random/index.ts";
import { separableExamples } from "./data.ts";
import { SVM_L2_SIZE, svmL2FromCsv } from "./svmL2Workload.ts";

export interface MarginSolversOptions {
  /** the relative margin gap to reach (default 1e-6) */
  readonly gap?: number;
  /** iterations per method before giving up (default 10,000,000) */
  readonly maxIters?: number;
  /** seconds per method before giving up (default 60) */
  readonly maxSeconds?: number;
  /** false: plain TypeScript kernels only */
  readonly simd?: boolean;
}

export interface MarginMethodResult {
  readonly name: string;
  /** iterations run: the first checked iteration with gap ≤ target, or the cap */
  readonly iters: number;
  readonly seconds: number;
  /** γ(w) at the last check */
  readonly margin: number;
  /** (γ* − γ(w))/γ* at the last check, γ* the reference's margin */
  readonly relative_gap: number;
  readonly reached: boolean;
}

export interface MarginSolversResult {
  readonly workload: "margin-solvers";
  /** the reference solve (hardMarginSvm), everything included */
  readonly seconds: number;
  readonly reference_margin: number;
  readonly reference_certified: boolean;
  readonly target_gap: number;
  readonly instance: "peer" | "own";
  readonly kernels: "wasm-simd" | "plain";
  readonly methods: readonly MarginMethodResult[];
}

/** γ(w) = minᵢ uᵢ/‖w‖ from the margins u = (yᵢ⟨w, xᵢ⟩)ᵢ (−Infinity for w = 0). */
function normalizedMargin(u: Float64Array, w: Float64Array): number {
  let m = Infinity;
  for (let i = 0; i < u.length; i++) if (u[i] < m) m = u[i];
  let s = 0;
  for (let j = 0; j < w.length; j++) s += w[j] * w[j];
  return s > 0 ? m / Math.sqrt(s) : -Infinity;
}

/**
 * Runs `optimizer` on the objective from w = 0, checking γ(w) against γ* at log-spaced iterations,
 * until (γ* − γ(w))/γ* ≤ gap or a cap (iterations or seconds).
 */
export function raceToMargin<S extends OptimizerState>(
  name: string, optimizer: Optimizer<S>, objective: BinaryMarginObjective, referenceMargin: number,
  options: { gap: number; maxIters: number; maxSeconds: number },
): MarginMethodResult {
  const u = new Float64Array(objective.nExamples);
  const t0 = performance.now();
  const state = optimizer.init(objective, new Float64Array(objective.dim), new Rng(0));
  const deadline = t0 + options.maxSeconds * 1000;
  let next = 1, margin = -Infinity, gap = Infinity, reached = false;
  while (state.t < options.maxIters) {
    optimizer.step(state);
    const last = state.t >= options.maxIters || performance.now() >= deadline;
    if (state.t >= next || last) {
      margin = normalizedMargin(objective.margins(state.theta, u), state.theta);
      gap = (referenceMargin - margin) / referenceMargin;
      if (gap <= options.gap) {
        reached = true;
        break;
      }
      next = Math.max(state.t + 1, Math.ceil(state.t * 1.01));
    }
    if (last) break;
  }
  return { name, iters: state.t, seconds: (performance.now() - t0) / 1000, margin, relative_gap: gap, reached };
}

/** maxᵢ ‖xᵢ‖₂² */
function maxRowNormSquared(X: Matrix): number {
  let r2 = 0;
  for (let i = 0; i < X.rows; i++) {
    let s = 0;
    for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j] ** 2;
    if (s > r2) r2 = s;
  }
  return r2;
}

/** The reference solve (timed) and both methods raced to its margin. */
export function marginSolvers(X: Matrix, y: Float64Array, source: "peer" | "own", options: MarginSolversOptions = {}): MarginSolversResult {
  const gap = options.gap ?? 1e-6, maxIters = options.maxIters ?? 10_000_000, maxSeconds = options.maxSeconds ?? 60;
  if (!(gap > 0 && gap < 1)) throw new RangeError(`margin-solvers: the gap must be in (0, 1), got ${gap}`);
  if (!(Number.isInteger(maxIters) && maxIters >= 1)) throw new RangeError(`margin-solvers: the iteration cap must be a positive integer, got ${maxIters}`);
  if (!(maxSeconds > 0)) throw new RangeError(`margin-solvers: the time cap must be positive, got ${maxSeconds}`);
  const t0 = performance.now();
  const ref = hardMarginSvm(X, y, { simd: options.simd });
  const seconds = (performance.now() - t0) / 1000;
  const gammaStar = ref.margin;
  const objective = marginObjective({ X, y }, linearModel(X.cols), exponentialLoss, { simd: options.simd });
  // log L is R²-smooth on the exponential loss: θ = 1/R² is the methods' step on data in the unit ball, rescaled
  const step = 1 / maxRowNormSquared(X);
  const caps = { gap, maxIters, maxSeconds };
  const methods = [
    raceToMargin("loss-scaled-gd", lossScaledGd({ lr: step }), objective, gammaStar, caps),
    raceToMargin("dual-accelerated", dualAccelerated({ lr: step }), objective, gammaStar, caps),
  ];
  return {
    workload: "margin-solvers",
    seconds: Math.round(seconds * 1e4) / 1e4,
    reference_margin: gammaStar,
    reference_certified: ref.certificate.ok,
    target_gap: gap,
    instance: source,
    kernels: objective.simd ? "wasm-simd" : "plain",
    methods: methods.map((m) => ({ ...m, seconds: Math.round(m.seconds * 1e4) / 1e4 })),
  };
}

/** A workload beyond the peers: the reference solver against first-order methods on the same instance. */
export interface RaceWorkload {
  readonly name: string;
  readonly summary: string;
  /** the peer workload whose instance it runs on */
  readonly instanceOf: string;
  /** that instance's CSV files, as cvxopt_bench.py writes them (--instances) */
  readonly files: readonly string[];
  run(texts: readonly string[] | null, options?: MarginSolversOptions): MarginSolversResult;
}

export const marginSolversWorkload: RaceWorkload = {
  name: "margin-solvers",
  summary: "svm-l2's data: the reference margin γ*, then loss-scaled GD and dual-accelerated GD on the exponential loss to relative margin gap 1e-6",
  instanceOf: "svm-l2",
  files: ["svm-l2.csv"],
  run(texts, options = {}) {
    if (texts) {
      const { X, y } = svmL2FromCsv(texts[0]);
      return marginSolvers(X, y, "peer", options);
    }
    const { X, y } = separableExamples(new Rng(0), SVM_L2_SIZE.n, SVM_L2_SIZE.d);
    return marginSolvers(X, y, "own", options);
  },
};
