// Problem parts: parameterizations θ ↦ predictor and the objectives built on them.
export type { Parameterization, Objective } from "./types.ts";
export { linearModel } from "./linear.ts";
export { diagonalNet } from "./diagonalNet.ts";
export { twoLayerLinear } from "./twoLayerLinear.ts";
export { leastSquares, type LeastSquaresObjective } from "./leastSquares.ts";
export { topSingularValueSquared } from "./powerIteration.ts";
export { marginObjective, softmaxObjective, type MarginObjective, type BinaryMarginObjective } from "./marginObjective.ts";
export * from "./matrix/index.ts";
export { twoLayerRelu, reluNetObjective, type ReluNetObjective, type ReluNetOptions } from "./reluNet.ts";
