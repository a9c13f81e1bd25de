// The workloads of BENCHMARKS.md by name, in the peers' order: the optimizer loops (numpy_bench.py)
// and the reference solvers (cvxopt_bench.py).
import { flowVsGdWorkload } from "./flowVsGdWorkload.ts";
import { diagNetGdWorkload } from "./diagNetGd.ts";
import { logreg2dWorkload, logregGdWorkload } from "./logregGd.ts";
import { marginSolversWorkload, type RaceWorkload } from "./marginSolversWorkload.ts";
import { nuclearPsdWorkload } from "./nuclearPsdWorkload.ts";
import { relu2GdWorkload } from "./relu2Gd.ts";
import { sensingGdWorkload } from "./sensingGd.ts";
import { svmL2Workload } from "./svmL2Workload.ts";
import type { SolverWorkload, Workload } from "./types.ts";

export const workloads: readonly Workload[] = [logreg2dWorkload, logregGdWorkload, sensingGdWorkload, diagNetGdWorkload, relu2GdWorkload];

export const workloadNames: readonly string[] = workloads.map((w) => w.name);

/** The workload called `name`, or undefined. */
export function findWorkload(name: string): Workload | undefined {
  return workloads.find((w) => w.name === name);
}

export const solverWorkloads: readonly SolverWorkload[] = [svmL2Workload, nuclearPsdWorkload];

export const solverWorkloadNames: readonly string[] = solverWorkloads.map((w) => w.name);

/** The solver workload called `name`, or undefined. */
export function findSolverWorkload(name: string): SolverWorkload | undefined {
  return solverWorkloads.find((w) => w.name === name);
}

/** Beyond the peers (BENCHMARKS.md): first-order methods raced against the reference solver on a peer's instance. */
export const raceWorkloads: readonly RaceWorkload[] = [marginSolversWorkload];

export const raceWorkloadNames: readonly string[] = raceWorkloads.map((w) => w.name);

/** The race workload called `name`, or undefined. */
export function findRaceWorkload(name: string): RaceWorkload | undefined {
  return raceWorkloads.find((w) => w.name === name);
}

/** Beyond the peers (BENCHMARKS.md): workloads with no peer, run only when named. */
export const beyondPeersWorkloads = [flowVsGdWorkload] as const;
