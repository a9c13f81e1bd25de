// What the run loop reports and the shapes every experiment returns.
// Check (and its helpers checkAtMost/checkAtLeast/checkCloser) lives in the
// metrics layer so that experiments, which sit below run, can build verdicts.
import type { Check } from "../metrics/index.ts";

export type { Check };

export type StopReason = "max-iterations" | "loss-target" | "time-limit" | "diverged" | "aborted";

/** A table of metrics recorded at (log-spaced) iterations. */
export interface Trace {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: number[][];
}

/** A Vega-Lite specification with its data inlined. */
export interface FigureSpec {
  readonly name: string;
  readonly title: string;
  readonly spec: Record<string, unknown>;
}

export interface Result {
  readonly id: string;
  readonly params: Record<string, unknown>;
  readonly checks: Check[];
  readonly traces: Trace[];
  readonly figures: FigureSpec[];
  readonly summary: Record<string, number | string | boolean>;
  readonly seconds?: number;
  /** the seed the run was made with (filled by runExperiment) */
  readonly seed?: number;
  /** true when made with the --quick sizes (filled by runExperiment) */
  readonly quick?: boolean;
  /** the claim in one line (filled by runExperiment from the experiment) */
  readonly claim?: string;
  /**
   * why the claim did not run (its data set is not installed): a skipped result has no checks
   * and neither passes nor fails
   */
  readonly skipped?: string;
}
