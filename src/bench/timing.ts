// Times a workload's loop with performance.now() (Node and browsers alike).
import { wasmSimdModule } from "../linalg/index.ts";
import { Rng } from "../random/index.ts";
import type { BenchResult, SolverInstance, SolverResult, SolverWorkload, Workload } from "./types.ts";

/** true where the WebAssembly SIMD kernels can run (both modules compile) */
function simdAvailable(): boolean {
  return wasmSimdModule() !== null && wasmSimdModule(undefined, "blas") !== null;
}

export interface RunOptions {
  /** iterations of the timed loop (default: the workload's) */
  readonly iters?: number;
  /** seed of the problem data (default 0, as the peer's default_rng(0)) */
  readonly seed?: number;
  /** false: plain TypeScript kernels only */
  readonly simd?: boolean;
}

/** Builds the workload at `scale` (untimed), runs its loop (timed), then computes the check (untimed). */
export function runWorkload(workload: Workload, scale = 1, options: RunOptions = {}): BenchResult {
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`bench: --scale must be a positive integer, got ${scale}`);
  const iters = options.iters ?? workload.iters;
  if (!Number.isInteger(iters) || iters < 1) throw new RangeError(`bench: iterations must be a positive integer, got ${iters}`);
  const inst = workload.instance(scale, new Rng(options.seed ?? 0), { simd: options.simd });
  const t0 = performance.now();
  inst.run(iters);
  const seconds = (performance.now() - t0) / 1000;
  const check = inst.check();
  inst.close?.();
  return benchResult(workload.name, scale, iters, seconds, check, inst.simd);
}

/** A result line rounded as the peer rounds it (seconds to 4 decimals, iters/s to 1). */
export function benchResult(workload: string, scale: number, iters: number, seconds: number, check: number, simd = false): BenchResult {
  const s = Math.max(seconds, 1e-9);
  return { workload, scale, iters, seconds: round(seconds, 4), iters_per_s: round(iters / s, 1), check, kernels: simd ? "wasm-simd" : "plain" };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export interface SolverRunOptions {
  /** false: the solvers' plain TypeScript kernels only */
  readonly simd?: boolean;
  /** further solves of the same instance for warm_seconds (default 2; 0: none) */
  readonly repeats?: number;
}

/** Solves the instance once (timed: `seconds`), then `repeats` more times (their median: `warm_seconds`). */
export function runSolverWorkload(workload: SolverWorkload, instance: SolverInstance, options: SolverRunOptions = {}): SolverResult {
  const repeats = options.repeats ?? 2;
  if (!Number.isInteger(repeats) || repeats < 0) throw new RangeError(`bench: repeats must be a non-negative integer, got ${repeats}`);
  const solveOptions = { simd: options.simd };
  const t0 = performance.now();
  const answer = instance.solve(solveOptions);
  const seconds = (performance.now() - t0) / 1000;
  const warm: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    instance.solve(solveOptions);
    warm.push((performance.now() - t) / 1000);
  }
  warm.sort((a, b) => a - b);
  const median = warm.length === 0 ? null : warm.length % 2 ? warm[(warm.length - 1) / 2] : (warm[warm.length / 2 - 1] + warm[warm.length / 2]) / 2;
  return {
    workload: workload.name,
    seconds: round(seconds, 4),
    warm_seconds: median === null ? null : round(median, 4),
    instance: instance.source,
    kernels: options.simd === false || !simdAvailable() ? "plain" : "wasm-simd",
    ...answer,
  };
}
