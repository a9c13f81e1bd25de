// Benchmarks: the workloads of ../shared/BENCHMARKS.md, timed with performance.now()
// (isomorphic: Node and browsers). Each workload is the peer's maths on the peer's data distribution.
// The reference-solver workloads (svm-l2, nuclear-psd) read the peer's CSV instances as text (the
// caller reads the files) or draw their own.
export type {
  BenchResult, BenchInstance, InstanceOptions, Workload, SolverWorkload, SolverInstance, SolverAnswer, SolverCertificate, SolverResult,
} from "./types.ts";
export { runWorkload, runSolverWorkload, benchResult, type RunOptions, type SolverRunOptions } from "./timing.ts";
export {
  workloads, workloadNames, findWorkload, solverWorkloads, solverWorkloadNames, findSolverWorkload, raceWorkloads, raceWorkloadNames, findRaceWorkload,
} from "./registry.ts";
export {
  marginSolversWorkload, marginSolvers, raceToMargin, type RaceWorkload, type MarginSolversOptions, type MarginSolversResult, type MarginMethodResult,
} from "./marginSolversWorkload.ts";
export { beyondPeersWorkloads } from "./registry.ts";
export { separableExamples, separableMarginRows } from "./data.ts";
export { parseNumericCsv } from "./csv.ts";
export { svmL2Workload, svmL2Instance, svmL2FromCsv, SVM_L2_SIZE } from "./svmL2Workload.ts";
export { nuclearPsdWorkload, nuclearPsdInstance, nuclearPsdFromCsv, NUCLEAR_PSD_SIZE } from "./nuclearPsdWorkload.ts";
export { logregGd, normalizedMargin, logreg2dWorkload, logregGdWorkload, type LogregGd } from "./logregGd.ts";
export { sensingProblem, sensingGd, packedLength, packedGram, sensingGdWorkload, type SensingProblem, type SensingGd } from "./sensingGd.ts";
export { diagNetProblem, diagNetGd, diagNetGdWorkload, type DiagNetProblem, type DiagNetGd } from "./diagNetGd.ts";
export { relu2Problem, relu2Gd, relu2GdWorkload, type Relu2Problem, type Relu2Gd } from "./relu2Gd.ts";
export {
  flowVsGd, flowVsGdWorkload, sensingFactorLoss,
  type FlowVsGdOptions, type FlowVsGdResult, type FlowRun, type GdRun, type FlowVsGdWorkload, type SensingFactorLoss,
} from "./flowVsGdWorkload.ts";
