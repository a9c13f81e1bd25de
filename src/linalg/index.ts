// Numerics layer: float64 vectors and dense matrices, kernels and decompositions.
export * from "./vector.ts";
export { Matrix, gemv, gemvT, gemm, gemmTN, gemmNT, frobenius } from "./matrix.ts";
export { cholesky, choleskySolve } from "./cholesky.ts";
export { qr, qrPivoted } from "./qr.ts";
export { eigSym, eigSymInto, eigvalsSym, EigSymWorkspace } from "./eig-sym.ts";
export { svd, singularValues } from "./svd.ts";
export type { Svd } from "./svd.ts";
export { pinv, rank, defaultRtol } from "./pinv.ts";
export { nuclearNorm, spectralNorm } from "./matrix-norms.ts";
export { lu, luSolve, luSingularPivot, solve, det } from "./lu.ts";
export type { LuFactors } from "./lu.ts";
export { lstsqMinNorm } from "./lstsq.ts";
export { funSym, expmSym } from "./fun-sym.ts";
export { FftPlan, fft, ifft, rfftMagnitudes } from "./fft.ts";
export { expFast, logisticWeight } from "./kernels-exp.ts";
export { logisticGradSum } from "./kernels-logistic.ts";
export { residualGradT } from "./kernels-residual.ts";
export { gemmBlocked } from "./kernels-gemm.ts";
