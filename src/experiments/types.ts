// A claim from CLAIMS.md as a runnable experiment: set up, run, predict, verdict.
import type { z } from "zod";
import type { DatasetLoader } from "../data/index.ts";
import type { Rng } from "../random/index.ts";
import type { Result } from "../run/types.ts";

export interface RunContext {
  readonly rng: Rng;
  readonly seed: number;
  readonly quick: boolean;
  /** fraction in [0, 1] of the experiment's work done, with an optional label */
  progress(fraction: number, label?: string): void;
  readonly signal?: AbortSignal;
  /**
   * reads the files of a real data set (the Node command line reads them from disk); claims that
   * need one reject with a MissingDataError when it is absent, and verify reports them skipped
   */
  readonly datasets?: DatasetLoader;
}

export interface Experiment<P extends Record<string, unknown> = Record<string, unknown>> {
  /** stable id, e.g. "ls-gd-min-norm" */
  readonly id: string;
  /** CLAIMS.md section letter */
  readonly section: "A" | "B" | "C" | "D";
  /** seed files the claim comes from, e.g. ["000", "002"] */
  readonly seeds: readonly string[];
  /** the claim in one line */
  readonly claim: string;
  /** parameter schema; its defaults are the full-size setup of CLAIMS.md */
  readonly params: z.ZodType<P, z.ZodTypeDef, unknown>;
  /** overrides for --quick (seconds, for CI) */
  readonly quick: Partial<P>;
  run(params: P, ctx: RunContext): Promise<Result>;
}
