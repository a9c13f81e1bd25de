// Matrix models: measurement operators A(W) = (⟨Aᵢ, W⟩)ᵢ with their adjoints, factored
// parameterizations of W (UUᵀ, UVᵀ, W_L⋯W_1, u⊙u), the sensing objective, and the closed form of
// the flow under commuting measurements.
export type { MeasurementOperator } from "./operator.ts";
export { fromDense, iidGaussian } from "./dense.ts";
export { symmetricGaussian, packedLength } from "./symmetricGaussian.ts";
export {
  diagonalMeasurements, commutingMeasurements, randomOrthogonal, type CommutingOperator,
} from "./commuting.ts";
export { observedEntries, type CompletionOperator } from "./observedEntries.ts";
export type { FactorInit } from "./factorInit.ts";
export { symmetricFactor } from "./symmetricFactor.ts";
export { asymmetricFactor } from "./asymmetricFactor.ts";
export { deepProduct } from "./deepProduct.ts";
export { diagonalFactor } from "./diagonalFactor.ts";
export { sensingObjective, operatorNormSquared, type SensingObjective } from "./sensingObjective.ts";
export { commutingIdentity, commutingFlowConstant } from "./commutingIdentity.ts";
