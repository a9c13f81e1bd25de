// Semidefinite programming: a primal-dual interior-point solver and the nuclear-norm reference programs on it.
export { SparseSymmetric, SdpError } from "./types.ts";
export type { SdpBlocks, SdpProblem, SdpPoint, SdpOptions, SdpIterationInfo, SdpSolution, SdpStatus } from "./types.ts";
export { solveSdp } from "./interiorPoint.ts";
export { sdpCertificate } from "./certificate.ts";
export { nuclearNormPsd, minNuclearNorm, nuclearMaxMargin, nuclearNormCertificate, nuclearMarginCertificate } from "./nuclear.ts";
export type { NuclearOptions } from "./nuclear.ts";
export { matrixCompletionNuclear } from "./completion.ts";
export { minFrobenius, minFrobeniusCertificate } from "./minFrobenius.ts";
export type { MinFrobeniusOptions } from "./minFrobenius.ts";
export { denseMeasurements, entryMeasurements } from "./measurements.ts";
export type { MatrixMeasurements, ObservedEntry } from "./measurements.ts";
