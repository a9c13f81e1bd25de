// Margin methods for separable classification: normalized and loss-scaled GD, the dual-accelerated
// margin maximizer, normalized steepest descent, the perceptron, and AdaBoost over decision stumps.
export { hasLogDomain, directionOracle, logLossGradientOracle, normalizeInPlace, type DirectionOracle, type LogLossGradient } from "./logGradient.ts";
export { normalizedGd, type NormalizedGdState } from "./normalizedGd.ts";
export { lossScaledGd, type LossScaledGdState } from "./lossScaledGd.ts";
export { dualAccelerated, dualAcceleratedMomentum, type DualAcceleratedOptions, type DualAcceleratedState } from "./dualAccelerated.ts";
export { normalizedSteepest, type NormalizedSteepestOptions, type NormalizedSteepestState } from "./normalizedSteepest.ts";
export { perceptron, biasAugment, type PerceptronOptions, type PerceptronState } from "./perceptron.ts";
export { stumpDictionary, stumpFeatures, stumpValue, type Stump } from "./stumps.ts";
export { adaBoostStumps, type AdaBoostOptions, type AdaBoostResult } from "./adaBoost.ts";
export { marginOptimizerRegistry } from "./registry.ts";
