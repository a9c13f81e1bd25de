// The shapes of a benchmark workload and of its one-line result (the peers' JSON keys).
import type { Rng } from "../random/index.ts";

/** One result line, the same keys as ../shared/peers/numpy_bench.py prints. */
export interface BenchResult {
  readonly workload: string;
  readonly scale: number;
  readonly iters: number;
  /** seconds of the timed optimizer loop (setup excluded, as in the peer) */
  readonly seconds: number;
  readonly iters_per_s: number;
  /** a number computed as in the peer after the loop, to confirm the same maths ran */
  readonly check: number;
  /** "wasm-simd" or "plain": which kernels ran the loop */
  readonly kernels: "wasm-simd" | "plain";
}

/** A built problem with its optimizer state: `run` advances the loop, `check` measures the end point. */
export interface BenchInstance {
  run(iters: number): void;
  check(): number;
  /** true when the loop's main kernel runs in WebAssembly SIMD */
  readonly simd: boolean;
  /** releases what the instance holds beyond memory (a worker thread); runWorkload calls it after the check */
  close?(): void;
}

export interface InstanceOptions {
  /** false: plain TypeScript kernels even where WebAssembly SIMD is available (default: SIMD where available) */
  readonly simd?: boolean;
}

export interface Workload {
  readonly name: string;
  /** what runs, in the words of BENCHMARKS.md */
  readonly summary: string;
  /** iterations of the timed loop (not scaled, as in the peer) */
  readonly iters: number;
  /** biaslab's iters/s must be at least target × NumPy's (BENCHMARKS.md) */
  readonly target: number;
  /** the problem sizes at this scale, as the peer multiplies them */
  sizes(scale: number): Readonly<Record<string, number>>;
  /** builds the problem and the initial point at this scale from rng */
  instance(scale: number, rng: Rng, options?: InstanceOptions): BenchInstance;
}

/** A reference-solver workload of BENCHMARKS.md (peer: cvxopt_bench.py): one convex program at the peer's size, solved once. */
export interface SolverWorkload {
  readonly name: string;
  /** the program, in the words of BENCHMARKS.md */
  readonly summary: string;
  /** biaslab's seconds must be at most target × CVXOPT's (BENCHMARKS.md) */
  readonly target: number;
  /** the optimum must agree with CVXOPT's to this relative difference (BENCHMARKS.md) */
  readonly agreement: number;
  /** the answer's key compared with the peer's: "margin" or "trace" */
  readonly optimum: string;
  /** the CSV files cvxopt_bench.py writes the instance to, in the order fromCsv takes their texts */
  readonly files: readonly string[];
  /** the peer's instance, from the texts of its CSV files */
  fromCsv(texts: readonly string[]): SolverInstance;
  /** an instance drawn from rng with the peer's distribution and sizes */
  instance(rng: Rng): SolverInstance;
}

/** What a solve reports, beside its timing: the peer's keys (status and the optimum) and the certificate. */
export interface SolverAnswer {
  /** "optimal" when the certificate holds at the solver's tolerance, else "uncertified" */
  readonly status: string;
  readonly certificate: SolverCertificate;
  /** the peer's answer keys: norm_w and margin (svm-l2), trace (nuclear-psd), … */
  readonly [key: string]: unknown;
}

export interface SolverCertificate {
  /** every residual below the solver's tolerance */
  readonly ok: boolean;
  readonly primal_residual: number;
  readonly dual_residual: number;
  readonly duality_gap: number;
  readonly iterations: number;
}

export interface SolverInstance {
  /** "peer" (read from cvxopt_bench.py's CSV files) or "own" (drawn from our Rng) */
  readonly source: "peer" | "own";
  /** solves the program once (everything the solver does is inside: the caller times this call) */
  solve(options?: InstanceOptions): SolverAnswer;
}

/** One solver result line: {"workload", "seconds", ...answer} as BENCHMARKS.md asks. */
export type SolverResult = {
  readonly workload: string;
  /** the first solve in this process, everything included (as cvxopt_bench.py times solvers.qp/sdp) */
  readonly seconds: number;
  /** the median of the further solves of the same instance (the JIT-compiled code; null with no repeats) */
  readonly warm_seconds: number | null;
  readonly instance: "peer" | "own";
  readonly kernels: "wasm-simd" | "plain";
} & SolverAnswer;
