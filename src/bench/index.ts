// Benchmarks: the optimizer-loop workloads of ../shared/BENCHMARKS.md, timed with performance.now()
// (isomorphic: Node and browsers). Each workload is the peer's maths on the peer's data distribution.
export type { BenchResult, BenchInstance, InstanceOptions, Workload } from "./types.ts";
export { runWorkload, benchResult, type RunOptions } from "./timing.ts";
export { workloads, workloadNames, findWorkload } from "./registry.ts";
export { separableMarginRows } from "./data.ts";
export { logregGd, normalizedMargin, logreg2dWorkload, logregGdWorkload, type LogregGd } from "./logregGd.ts";
export { sensingProblem, sensingGd, packedLength, sensingGdWorkload, type SensingProblem, type SensingGd } from "./sensingGd.ts";
export { diagNetProblem, diagNetGd, diagNetGdWorkload, type DiagNetProblem, type DiagNetGd } from "./diagNetGd.ts";
export { relu2Problem, relu2Gd, relu2GdWorkload, type Relu2Problem, type Relu2Gd } from "./relu2Gd.ts";
