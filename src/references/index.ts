// References layer: the programs the theory predicts an optimizer solves, each
// returning its solution with a certificate measured on that solution.
export type { Certificate, ReferenceSolution } from "./types.ts";
export { minNormL2, minNormL2Certificate } from "./minNormL2.ts";
export type { MinNormL2Options } from "./minNormL2.ts";
export { bregmanProjection, bregmanCertificate } from "./bregmanProjection.ts";
export type { BregmanOptions } from "./bregmanProjection.ts";
export { minL1, minLinf, lpNormCertificate } from "./lpNorms.ts";
export type { LpNormOptions } from "./lpNorms.ts";
export { nonnegL1, nonnegL1Certificate, type NonnegL1Options, type NonnegL1Solution } from "./nonnegL1.ts";
export { ridge, ridgePath, ridgeCertificate } from "./ridge.ts";
export type { RidgeOptions } from "./ridge.ts";
export { loadHighs, solveLp } from "./highs.ts";
export type { DenseLp, LpSolution, LpOptions } from "./highs.ts";
export { relativeResidual } from "./residuals.ts";
export { programRegistry, programFromId } from "./programs.ts";
export type { ProgramData, ProgramOptions, ReferenceProgram } from "./programs.ts";
export { qpInteriorPoint } from "./qpInteriorPoint.ts";
export type { NormQp, QpIpmOptions, QpIpmResult, QpIpmStatus } from "./qpInteriorPoint.ts";
export { maxMarginCertificate, type MaxMarginSolution } from "./svmCertificate.ts";
export { hardMarginSvm, hardMarginSvmCertificate, type HardMarginSvmOptions } from "./svmL2.ts";
export { hardMarginSvmHighs, type SvmHighsOptions } from "./svmHighs.ts";
export { maxMarginL1, maxMarginLinf, type MaxMarginLpOptions } from "./svmLpNorms.ts";
export { maxMarginLp, type MaxMarginPOptions } from "./svmPNorm.ts";
export { maxMargin } from "./svmMaxMargin.ts";
export { separabilityCheck, requireSeparable, NotSeparableError, type SeparabilityResult, type SeparabilityOptions } from "./svmSeparability.ts";
export { multiclassSvm, multiclassSvmCertificate, type MulticlassSvmSolution } from "./svmMulticlass.ts";
export * from "./sdp/index.ts";
