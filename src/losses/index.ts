// Losses: regression losses on residuals (classification losses on margins live beside them).
export type { ResidualLoss } from "./types.ts";
export { squaredLoss } from "./squared.ts";
export { softplus, logSoftplus, logSumExp, sumWithDerivsOf, type MarginLoss } from "./marginLoss.ts";
export { logisticLoss, exponentialLoss, expPowerLoss } from "./marginExponential.ts";
export { polynomialLoss } from "./marginPolynomial.ts";
export { hingeLoss, perceptronLoss } from "./marginHinge.ts";
export { softmaxLogOdds, softmaxCrossEntropy, logSoftmaxCrossEntropy, softmaxLogGradient } from "./marginSoftmax.ts";
export { marginLossIds, marginLossFromId } from "./marginRegistry.ts";
