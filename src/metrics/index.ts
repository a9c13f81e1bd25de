// Measurement layer: distances, angles, row-space residuals, rate fits, spectral filters, verdicts.
export { relativeDistance, directionGap, angleBetween } from "./distance.ts";
export { rowspaceProjector, rowspaceResidual, distanceToAffine, type RowspaceProjector } from "./rowspace.ts";
export {
  fitPowerLaw, fitInverseLog, fitInverseLogPower, fitLogGrowth, fitLinearGrowth,
  type PowerLawFit, type InverseLogFit, type InverseLogPowerFit, type GrowthFit,
} from "./rates.ts";
export { spectralFilterGd, spectralFilterRidge } from "./spectral.ts";
export { numericalRank, effectiveRank } from "./rank.ts";
export { checkAtMost, checkAtLeast, checkCloser, allPass, type Check, type CheckExtra, type CloserSpec } from "./verdict.ts";
export {
  classificationMargins, normalizedMargin, softMinMargin, smoothMargin, marginGap, logGrowthResidual, svmKktResidual, nnls,
  type SvmKktResidual,
} from "./margins.ts";
