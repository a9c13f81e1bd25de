// The training loop shared by `train`'s three paths (regression, classification, matrix
// models): the run with a progress bar, and a diverged run turned into one line (exit 2).
import type { Objective } from "../models/index.ts";
import type { Optimizer, OptimizerState } from "../optimizers/index.ts";
import { Rng } from "../random/index.ts";
import { runOptimizer, type RunOutcome } from "../run/index.ts";
import type { CliIo } from "./io.ts";
import { startProgress } from "./progress.ts";
import { fmt } from "./table.ts";

export interface TrainingRun<S extends OptimizerState> {
  readonly objective: Objective;
  readonly optimizer: Optimizer<S>;
  readonly theta0: Float64Array;
  readonly seed: number;
  readonly iters: number;
  /** no progress bar (--json) */
  readonly quiet: boolean;
  /** the progress bar's label */
  readonly label: string;
  /** the step size as given, for messages */
  readonly lr: unknown;
  readonly onCheckpoint: (t: number, state: S, loss: number) => void;
  /**
   * A final loss above the initial one is divergence too (slower than the blow-up rule, but
   * the run made things worse). Off for margin losses, which may rise before they fall.
   */
  readonly lossMustFall: boolean;
  /** the error to throw for a diverged run, given its one-line description */
  readonly diverged: (message: string) => Error;
}

export function stepSize(lr: unknown): string {
  return typeof lr === "number" ? `the step size lr = ${fmt(lr)}` : "the run";
}

export async function runTraining<S extends OptimizerState>(io: CliIo, run: TrainingRun<S>): Promise<RunOutcome<S>> {
  const progress = await startProgress(io, !run.quiet);
  let outcome: RunOutcome<S>;
  try {
    outcome = await runOptimizer({
      objective: run.objective,
      optimizer: run.optimizer,
      theta0: run.theta0,
      rng: new Rng(run.seed),
      maxIter: run.iters,
      onCheckpoint: run.onCheckpoint,
      onProgress: (f) => progress.update(f, run.label),
    });
  } finally {
    progress.done();
  }
  if (outcome.stopReason === "diverged") throw run.diverged(`${stepSize(run.lr)} diverged (${outcome.divergence?.reason ?? "the loss blew up"})`);
  if (run.lossMustFall && outcome.finalLoss > outcome.initialLoss) {
    throw run.diverged(`${stepSize(run.lr)} diverged (the loss grew from ${fmt(outcome.initialLoss)} to ${fmt(outcome.finalLoss)} in ${outcome.iterations} iterations)`);
  }
  return outcome;
}
