// The reference programs a linear least-squares run is compared with: min-l2,
// min-l1, min-linf, and the Bregman projection when the optimizer has a potential.
import type { RegressionData } from "../data/index.ts";
import { relDist } from "../linalg/index.ts";
import { programRegistry } from "../references/index.ts";

export interface ReferencePoint {
  readonly name: string;
  readonly description: string;
  /** the program's solution, or null when it does not exist on these data */
  readonly solution: Float64Array | null;
  /** why there is no solution (e.g. Xw = y has none) */
  readonly note?: string;
}

const NORM_REFERENCES = ["min-l2", "min-l1", "min-linf"] as const;

/**
 * Solves every applicable reference on the data, from w0 (min-l2 and Bregman are
 * measured from w0; min-l1 and min-linf are argmin ‖w‖). A program that has no
 * solution on these data (e.g. no interpolating w: a RangeError) is kept as n/a.
 */
export async function solveReferences(
  data: RegressionData,
  w0: Float64Array,
  potential?: { readonly id: string; readonly name: string },
): Promise<ReferencePoint[]> {
  const problem = { X: data.X, y: data.Y.data, w0 };
  const jobs: [string, Record<string, string>][] = NORM_REFERENCES.map((p) => [p, {}]);
  if (potential) jobs.push(["bregman", { potential: potential.id }]);
  const out: ReferencePoint[] = [];
  for (const [name, options] of jobs) {
    const entry = programRegistry[name];
    const description = name === "bregman" ? `${entry.description}, ψ = ${potential!.name}` : entry.description;
    try {
      const sol = await entry.solve(problem, options);
      out.push({ name, description, solution: sol.solution });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      out.push({ name, description, solution: null, note: e.message.replace(/\s*\n\s*/g, " ") });
    }
  }
  return out;
}

/** ‖w − w*‖₂/‖w*‖₂ to each reference (null where it has no solution). */
export function distancesTo(refs: readonly ReferencePoint[], w: Float64Array): Record<string, number | null> {
  return Object.fromEntries(refs.map((r) => [r.name, r.solution ? relDist(w, r.solution) : null]));
}
