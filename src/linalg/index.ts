// Numerics layer: float64 vectors and dense matrices, kernels and decompositions.
export * from "./vector.ts";
export { Matrix, gemv, gemvT, gemm, gemmTN, gemmNT, frobenius } from "./matrix.ts";
export { cholesky, choleskySolve } from "./cholesky.ts";
