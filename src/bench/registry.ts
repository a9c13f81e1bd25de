// The optimizer-loop workloads of BENCHMARKS.md, by name, in the peer's order.
import { diagNetGdWorkload } from "./diagNetGd.ts";
import { logreg2dWorkload, logregGdWorkload } from "./logregGd.ts";
import { relu2GdWorkload } from "./relu2Gd.ts";
import { sensingGdWorkload } from "./sensingGd.ts";
import type { Workload } from "./types.ts";

export const workloads: readonly Workload[] = [logreg2dWorkload, logregGdWorkload, sensingGdWorkload, diagNetGdWorkload, relu2GdWorkload];

export const workloadNames: readonly string[] = workloads.map((w) => w.name);

/** The workload called `name`, or undefined. */
export function findWorkload(name: string): Workload | undefined {
  return workloads.find((w) => w.name === name);
}
