// Dynamics layer: step rules over an Objective, each an init/step pair that mutates its state in place.
export type { Optimizer, OptimizerState } from "./types.ts";
export { scheduleAt, type Schedule } from "./stepSize.ts";
export { gradientOracle, type BatchOptions, type GradientOracle } from "./gradientOracle.ts";
export { gd, sgd, type GradientState } from "./gd.ts";
export { heavyBall, nesterov, type MomentumOptions, type HeavyBallState, type NesterovState } from "./momentum.ts";
export { conjugateGradient, type ConjugateGradientState } from "./conjugateGradient.ts";
export { mirrorDescent, type MirrorDescentOptions, type MirrorDescentState } from "./mirrorDescent.ts";
export {
  steepestDescent, steepestStep, type SteepestDescentOptions, type SteepestDescentState,
} from "./steepestDescent.ts";
export {
  adagrad, rmsprop, adam, type AdagradOptions, type AdagradState, type RmspropOptions, type RmspropState,
  type AdamOptions, type AdamState,
} from "./adaptive.ts";
export {
  optimizerRegistry, createOptimizer, OptimizerOptionError,
  type OptimizerEntry, type OptionSpec, type OptionType, type OptionValue,
} from "./registry.ts";
export * from "./flow/index.ts";
export * from "./margin/index.ts";
