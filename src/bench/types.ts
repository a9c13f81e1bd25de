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
