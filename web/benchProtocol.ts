// The messages between the bench page and its worker (structured-clone data only): one request, one reply.
import type { BenchResult, SolverResult } from "../src/bench/index.ts";

/** Time one optimizer loop of BENCHMARKS.md, as `biaslab bench` does in Node (one thread). */
export interface LoopRequest {
  readonly kind: "loop";
  readonly workload: string;
  readonly scale: number;
  /** iterations instead of the workload's own (a smoke run) */
  readonly iters?: number;
  /** false: the plain TypeScript kernels */
  readonly simd: boolean;
  /** 2: the loop's two-thread program (src/bench/threads), where it has one and the page can run two threads */
  readonly threads: 1 | 2;
}

/** Solve one reference-solver workload: the peer's instance (its CSV texts) or our own draw (texts null). */
export interface SolverRequest {
  readonly kind: "solver";
  readonly workload: string;
  readonly texts: readonly string[] | null;
  readonly repeats: number;
  readonly simd: boolean;
}

/** The names of the optimizer loops, in the order `biaslab bench` runs them. */
export interface NamesRequest {
  readonly kind: "names";
}

export type BenchRequest = LoopRequest | SolverRequest | NamesRequest;

export type BenchReply =
  | { readonly ok: true; readonly kind: "loop"; readonly result: BenchResult; readonly threads: 1 | 2 }
  | { readonly ok: true; readonly kind: "solver"; readonly result: SolverResult }
  | { readonly ok: true; readonly kind: "names"; readonly loops: readonly string[] }
  | { readonly ok: false; readonly message: string };
