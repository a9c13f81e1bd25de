// Running layer: the optimizer loop (checkpoints, stop rules, progress, abort) and experiments.
export type { StopReason, Check, Trace, FigureSpec, Result } from "./types.ts";
export { logSpacedCheckpoints } from "./checkpoints.ts";
export { runOptimizer, runOptimizerSync, type RunOptions, type RunOutcome, type Divergence } from "./loop.ts";
export { runExperiment, type RunExperimentOptions } from "./experiment.ts";
export { parseParameters, coerceParameter, parameterShape, ParameterError } from "./parameters.ts";
// verdict helpers live in metrics (experiments sit below run); re-exported for convenience
export { checkAtMost, checkAtLeast, checkCloser, allPass } from "../metrics/index.ts";
